/*
** report.h — one evaluation report, as rubric programs read it.
**
** A report is what a department published: budget figures, facts, the
** indicator table with targets and actuals as text, and the self-assigned
** scores.  Readers (report_json.c for report format v1, report_csv.c for an
** indicator table in CSV) fill this structure; the VM reads it through input
** slots.  Everything a report owns lives in its arena and its rb_numctx and is
** released with rb_report_free, or recycled with rb_report_clear on the batch
** path.
**
** Every optional number has a has_ flag: "missing" is a state a rubric must
** decide about (its input declarations say: error, zero, self score…), never
** silently zero.  In the same spirit, whatever a reader could not take as
** written (a member it does not know, a file in GBK, a row it skipped) is a
** note the result will show, never silently dropped.
*/
#ifndef RUBRIC_REPORT_H
#define RUBRIC_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "base/messages.h"
#include "report/measure.h"
#include "base/num.h"

/* An optional exact number. */
typedef struct rb_opt_num {
  bool has;
  rb_num v;
} rb_opt_num;

/* One row of the indicator table (一级指标 › 二级指标 › 三级指标).
** target/actual are read from their text by the notation scanner;
** target_text/actual_text keep the text as written (a JSON number is kept as
** its literal text, "145"). */
typedef struct rb_indicator {
  const char *level1; /* 一级指标: 产出, 效益, 满意度 … ("" if absent) */
  const char *level2; /* 二级指标: 数量指标, 成本指标 … ("" if absent) */
  const char *name;   /* 三级指标 */
  const char *target_text; /* NULL when the report gives no target */
  const char *actual_text; /* NULL when the report gives no actual */
  rb_measure target;       /* kind TEXT with text "" when target_text is NULL */
  rb_measure actual;       /* kind TEXT with text "" when actual_text is NULL */
  rb_opt_num weight;     /* 分值 / 权重 as published */
  rb_opt_num self_score; /* 得分 / 自评分 */
  const char *note;      /* NULL if none */
  int source_line;       /* 1-based line in a CSV or JSON Lines file; 0 unknown */
  /* strlen of level1, level2 and name where the reader recorded it; 0: not
  ** recorded (measure the text). */
  uint32_t level1_len, level2_len, name_len;
} rb_indicator;

/* One budget line (a sub-project or a fund): amounts in 元. */
typedef struct rb_budget_line {
  const char *name;
  rb_opt_num planned, allocated, spent;
} rb_budget_line;

/* A fact: a named number, text or yes/no the rubric may read
** ("可行性论证": true, "监管有效性": 8). */
typedef enum rb_fact_type { RB_FACT_NUMBER, RB_FACT_TEXT, RB_FACT_BOOL } rb_fact_type;
typedef struct rb_fact {
  const char *name;
  rb_fact_type type;
  rb_num number;
  const char *text;
  bool boolean;
  rb_measure measure; /* RB_FACT_TEXT: the text read as notation ("73.2%") */
} rb_fact;

/* A self-assigned score for a node of the rubric tree, by path of names:
** ["履职效能", "整体效能"] → 24.49. */
typedef struct rb_self_score {
  const char **path;
  size_t depth;
  rb_num score;
} rb_self_score;

typedef enum rb_report_kind { RB_REPORT_UNKNOWN, RB_REPORT_PROJECT, RB_REPORT_DEPARTMENT } rb_report_kind;

/* Something the reader noticed that the result must say, because the user
** would otherwise not know it: a report is read, but not quite as written.
**   UNREAD     a member (JSON) or column (CSV) format v1 does not define,
**              so its content was not read: "$.budget.allocted".
**   CONVERTED  the file is not UTF-8 and was read as GB18030 (GBK).
**   SKIPPED    a CSV row that was not read although it holds figures, or a
**              row `rubric import` could not complete.
**   IMPORT     what `rubric import` noted while reading a published report:
**              a number it repaired, text it could not place (docs/import.md).
** The VM turns each note into a finding of the run. */
typedef enum rb_report_note_kind {
  RB_NOTE_UNREAD,
  RB_NOTE_CONVERTED,
  RB_NOTE_SKIPPED,
  RB_NOTE_IMPORT
} rb_report_note_kind;
typedef struct rb_report_note {
  rb_report_note_kind kind;
  const char *path;    /* "$.budget.allocted", "$.indicators[3].wieght", "table.csv:7"; in the report's arena */
  const char *message; /* one line, Chinese, in the report's arena */
} rb_report_note;

typedef struct rb_report {
  const char *id;    /* never NULL once read; "" if the report has none */
  const char *unit;  /* 填报单位 */
  const char *title; /* 项目或部门名称 */
  bool has_year;
  int year;
  rb_report_kind kind;
  const char *money_unit; /* as declared: "元", "万元" (default), "亿元" … (base/money.h) */
  int money_scale;        /* its power of ten of 元: 4 for 万元 (RB_MONEY_DEFAULT_SCALE) */
  /* Budget figures, normalised to 元 (× 10000 for 万元). */
  rb_opt_num planned, adjusted, allocated, spent;
  rb_budget_line *lines;
  size_t line_count;
  rb_fact *facts;
  size_t fact_count;
  rb_indicator *indicators;
  size_t indicator_count;
  rb_opt_num self_total;
  const char *self_grade; /* NULL if none */
  rb_self_score *self_scores;
  size_t self_score_count;
  /* What the reader noticed, in the order noticed (see rb_report_note). */
  rb_report_note *notes;
  size_t note_count;
  /* Of those, how many came from the "imported" member: what `rubric
  ** import` noted while reading a published report. */
  size_t imported_note_count;
  /* Where it came from, for messages: the file, and the line for JSON Lines
  ** input (0 for a whole-file report). */
  const char *source;
  int source_line;
  /* The language of read errors (English unless set; kept when cleared). */
  rb_lang error_lang;
  /* Storage. */
  rb_arena arena;
  rb_numctx *nums;
  size_t note_room; /* notes allocated in the arena (report.c) */
  void *json_tokener; /* the JSON parser, kept for the next report (report_json.c) */
  void *simd_parser;  /* simdjson's On-Demand parser, kept likewise (report_simd.cpp) */
  void *notation_reader; /* the rb_notation_reader for targets and actuals, kept likewise (report.c) */
  uint8_t lang;           /* rb_lang of the notes (rb_report_set_lang), kept likewise */
} rb_report;

/* A problem with a report, precise enough to fix it: the report id (or the
** file when no id could be read), the JSON path ("$.indicators[3].target")
** or CSV line/column, and what is wrong in plain words. */
typedef struct rb_report_error {
  char message[512];
  rb_lang lang; /* of the message: the readers set it from the report's error_lang */
} rb_report_error;

/* A new empty report, or NULL when out of memory. */
rb_report *rb_report_new(void);
/* Empty it for reuse, keeping its memory. */
void rb_report_clear(rb_report *r);
void rb_report_free(rb_report *r);
/* The language of the notes the readers write in their own words
** (base/messages_zh.h); Chinese by default, kept across reports. */
void rb_report_set_lang(rb_report *r, rb_lang lang);

/* Find a fact by name; NULL if absent. */
const rb_fact *rb_report_fact(const rb_report *r, const char *name);
/* Find a self score by path; NULL if absent. */
const rb_self_score *rb_report_self_score(const rb_report *r, const char *const *path, size_t depth);

/* Read one report in format v1 from JSON text (len bytes; need not be
** NUL-terminated; UTF-8 with or without a byte order mark, or GBK, which is
** converted with a note).  source names the file for messages; line is the
** line of a JSON Lines file, 0 otherwise.  On failure returns false and
** fills *err; the report is then in an unspecified but freeable state.
** Numbers are read from their literal text, exactly.  Members the format
** does not define are noted (r->notes), not read. */
bool rb_report_read_json(rb_report *r, const char *text, size_t len, const char *source, int line,
                         rb_report_error *err);
/* The same, for text followed by at least RB_REPORT_JSON_PADDING readable
** bytes (report_simd.h; their content does not matter): simdjson then
** reads the text where it is, without a copy.  A JSON Lines batch gives
** each line's buffer that room. */
bool rb_report_read_json_padded(rb_report *r, const char *text, size_t len, const char *source, int line,
                                rb_report_error *err);

/* Read an indicator table from CSV (UTF-8, optional BOM, or GBK converted
** with a note; header row with the column names of published tables:
** 一级指标, 二级指标, 三级指标, 指标值 or 年度指标值, 实际完成值 or 全年实际值,
** 分值 or 权重, 得分 or 自评分; English member names level1, level2, name,
** target, actual, weight, self_score, note are accepted too; other columns
** are noted, not read).  The report id is the file name without its
** directory and extension.  Fails with a message naming line and column. */
bool rb_report_read_csv(rb_report *r, const char *text, size_t len, const char *source,
                        rb_report_error *err);

/* Read a whole file by extension: .json (one report), .csv (an indicator
** table).  JSON Lines files are read line by line by the caller (batch). */
bool rb_report_read_file(rb_report *r, const char *path, rb_report_error *err);

#endif /* RUBRIC_REPORT_H */
