/*
** import_private.h — what the importer's files share, not part of its interface.
**
** The importer works in three steps.  text.c cuts the input into lines (with
** their pages) and words (with the column each starts at).  One of the table
** readers — table_grid.c for cells separated by tabs, table_layout.c for
** `pdftotext -layout` output whose columns are runs of spaces, table_flow.c
** for text whose cells follow one another — fills a list of raw rows, each
** cell the text assembled for one column.  rows.c then does what every
** layout needs alike: 一级/二级指标 carried down merged cells, placeholder
** and total rows, numbers read and repaired, rows that are scores rather than
** indicators; prose.c reads the report's own figures from its sentences; and
** emit.c writes the JSON.
*/
#ifndef RUBRIC_IMPORT_PRIVATE_H
#define RUBRIC_IMPORT_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/messages.h"
#include "import/import.h"

/* ---- Text ---------------------------------------------------------------- */

/* A growable string in the import's arena. */
typedef struct imp_str {
  char *s;
  size_t len, cap;
} imp_str;

/* One line of the input, without its line break. */
typedef struct imp_line {
  const char *text;
  size_t len;
  int number; /* 1-based */
  int page;   /* 1-based, counted at form feeds; 0 when the input has none */
} imp_line;

/* One word of a line: a run of characters without a space, and the column it
** would stand at on the page: its character column, as pdftotext counts (one
** per character, wide or not).  pdftotext pads with spaces to put a run of
** text where it stood, so a word after a run of spaces is at its place, and a
** word after one space follows the run before it. */
typedef struct imp_word {
  const char *text;
  size_t len;
  int col, width; /* width in display columns (base/utf8.h) */
  int chars;      /* characters */
  bool after_gap; /* two spaces or more (or a tab) before it, or the line start */
} imp_word;

/* The columns of an indicator table. */
typedef enum imp_col {
  COL_L1,     /* 一级指标 */
  COL_L1W,    /* its 权重 (评分表) */
  COL_L2,     /* 二级指标 */
  COL_L2W,    /* its 权重 */
  COL_NAME,   /* 三级指标 */
  COL_WEIGHT, /* 分值 / 权重 of the row */
  COL_TARGET, /* 指标值 */
  COL_ACTUAL, /* 实际完成值 */
  COL_SCORE,  /* 得分 / 自评分 */
  COL_NOTE,   /* 偏差原因 / 未达标原因 */
  COL_OTHER,  /* 评分标准, 佐证材料 …: known, not read */
  COL_COUNT
} imp_col;

/* A row of the table as a reader assembled it: one text per column, the
** lines it came from. */
#define IMP_ROW_LINES 24
typedef struct imp_row {
  imp_str cell[COL_COUNT];
  int lines[IMP_ROW_LINES];
  int line_count;
  int page;
  bool l1_block_start; /* grid: the row opens a 一级指标 block (its 权重 cell is filled) */
} imp_row;

/* A report figure and where it was read. */
typedef struct imp_figure {
  bool has;
  char *text; /* the decimal as it is to be written in JSON ("165.52") */
  int line;
} imp_figure;

typedef struct imp_self_score {
  char *path[2];
  int depth;
  char *score;
} imp_self_score;

typedef struct imp_fact {
  char *name, *text; /* text: a JSON text value, or NULL when number is set */
  char *number;
} imp_fact;

/* A budget line (a fund's sub-project): decimals in the money unit, NULL when not given. */
typedef struct imp_budget_line {
  char *name, *planned, *allocated, *spent;
} imp_budget_line;

typedef struct imp_indicator {
  char *level1, *level2, *name, *target, *actual, *weight, *score, *note;
  int lines[IMP_ROW_LINES];
  int line_count;
  int page;
} imp_indicator;

/* Where a line of an Excel or Word file's text came from (office.c): the
** sheet's name, or the table's number (1-based) in a document, and the row
** (1-based); row 0 for a line that is no table row (a sheet's name, a
** paragraph). */
typedef struct imp_origin {
  const char *part; /* the sheet, or NULL */
  int table;        /* the Word table, or 0 */
  int row;
} imp_origin;

/* Where an import's error message goes (buf, size bytes) and its language. */
typedef struct imp_error {
  char *buf;
  size_t size;
  rb_lang lang;
} imp_error;

/* Write the message fmt, written in English, formatted in e->lang (its
** Chinese from base/messages_en.h) into e; false, for the caller to return. */
bool imp_fail(imp_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Read an .xlsx (word false) or .docx file as text, one line per table row
** with tabs between cells, and the origin of each line.  On success the
** caller frees *text, *origins, each of *names (the sheet names the origins
** point at) and *names.  False with a message in err when the file cannot be
** opened, is not a zip archive of that kind, or its XML is damaged. */
bool imp_office_read(const char *path, bool word, char **text, size_t *len, imp_origin **origins,
                     size_t *origin_count, char ***names, size_t *name_count, imp_error *err);

/* Everything one import knows. */
typedef struct imp_ctx {
  rb_arena arena;
  const char *source, *id;
  const imp_origin *origins; /* per line (by number − 1), for an Excel or Word file; else NULL */
  size_t origin_count;
  imp_line *lines;
  size_t line_count;
  bool has_pages;
  /* The table. */
  const char *layout;
  imp_row *rows;
  size_t row_count, row_room;
  int table_first, table_last; /* line numbers of the indicator table, 0 if none */
  /* The report. */
  imp_indicator *indicators;
  size_t indicator_count;
  imp_self_score self_scores[64];
  size_t self_score_count;
  imp_fact facts[32];
  size_t fact_count;
  char *unit, *title, *grade;
  const char *kind, *money_unit; /* "project" / "department"; "万元" / "元" */
  int year;
  imp_figure planned, adjusted, allocated, spent, self_total;
  imp_budget_line budget_lines[32];
  size_t budget_line_count;
  /* Notes, in the order made. */
  rb_import_note *notes;
  size_t note_count, note_room;
  bool nomem;
  rb_lang lang; /* of the notes (rb_import_text_lang) */
} imp_ctx;

/* ---- text.c ----------------------------------------------------------------- */

/* Append len bytes to a growable string; false when out of memory. */
bool imp_str_add(imp_ctx *cx, imp_str *s, const char *text, size_t len);
/* Append a fragment of a cell that was broken over lines: joined with no
** space between two characters that are not ASCII letters or digits (Chinese
** wraps anywhere), with one space otherwise. */
bool imp_str_join(imp_ctx *cx, imp_str *s, const char *text, size_t len);
/* A NUL-terminated copy in the arena. */
char *imp_strndup(imp_ctx *cx, const char *s, size_t len);
char *imp_printf(imp_ctx *cx, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Cut the text into lines (LF, CRLF or CR; a form feed starts a page). */
bool imp_split_lines(imp_ctx *cx, const char *text, size_t len);

/* The words of a line (at most max); returns the count. */
size_t imp_words(const char *text, size_t len, imp_word *out, size_t max);

/* Trim spaces (ASCII, U+3000, U+00A0) at both ends. */
void imp_trim(const char **text, size_t *len);

/* Whether text starts with / equals a C string. */
bool imp_starts(const char *text, size_t len, const char *prefix);
bool imp_equals(const char *text, size_t len, const char *word);
/* Whether text contains the C string word. */
bool imp_contains(const char *text, size_t len, const char *word);

/* The text with every space removed (ASCII, U+3000, U+00A0), in the arena;
** for comparing labels that extraction broke apart ("产 出"). */
char *imp_squeeze(imp_ctx *cx, const char *text, size_t len);

/* Record a note (the message formatted in the arena); line 0: the whole file.
** fmt is written in Chinese; in English, its translation is written
** (base/messages_zh.h). */
void imp_note(imp_ctx *cx, rb_import_note_kind kind, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Quote a cell for a message: at most about 40 characters, "…" when cut. */
char *imp_quote(imp_ctx *cx, const char *text, size_t len);

/* ---- cells.c ---------------------------------------------------------------- */

/* What a header cell names, after spaces are dropped ("年度指标值" → TARGET);
** COL_COUNT when it is not a header of the indicator table.  *weight_of
** receives the level a "权重" or "分值" header belongs to when the caller knows
** it (see table readers). */
imp_col imp_header_column(const char *text, size_t len);

/* The standard names of 一级 and 二级指标 (national 财预〔2020〕10号 and the
** Guangdong 评分表), used to tell a label from an indicator name and to put
** together a label broken over lines ("可持续影" + "响指标"). */
typedef enum imp_vocab { VOCAB_NONE = 0, VOCAB_PREFIX = 1, VOCAB_L1 = 2, VOCAB_L2 = 4 } imp_vocab;
/* Whether text (spaces dropped, a trailing "(50分)" allowed) is a level name
** (VOCAB_L1 / VOCAB_L2, both bits when it is either), or the beginning of one
** (VOCAB_PREFIX), or neither. */
int imp_vocab_match(const char *text, size_t len);

/* The family of a 二级指标 (l2) or 一级指标 name in the national form: "产出",
** "效益", "满意度" …, or NULL when it belongs to none. */
const char *imp_level_family(const char *name, bool l2);

/* Whether a cell is a placeholder: empty, or a dash ("-", "—", "/", "无"). */
bool imp_is_placeholder(const char *text, size_t len);

/* Read a 分值 or 得分 cell as a decimal.  Returns the decimal text to write
** ("3.63"), or NULL when the cell is not a number.  *repaired is set when
** the cell needed repair ("3, 63", "3. 64", "3．64"), so the caller notes it. */
char *imp_number(imp_ctx *cx, const char *text, size_t len, bool *repaired);

/* Whether a word reads as the start of a value in a table cell: a digit, a
** comparator (≥ ≤ > < ＝ ═ ≧ ≦ ﹥ ﹤ 约 …) before a digit, or a percentage. */
bool imp_word_is_value(const char *text, size_t len);
/* Whether a word is the unit after a number ("家", "亿元", "次以上"). */
bool imp_word_is_unit(const char *text, size_t len);

/* Remove the spaces a line break left inside Chinese text: between two
** Chinese characters, and between one and the ASCII punctuation next to it
** ("订阅 人数" → "订阅人数", "调研 /交流" → "调研/交流"); spaces next to a
** letter or a digit stay ("R&D 研发", "900 家").  Returns the text (in the
** arena) and sets *changed. */
char *imp_unwrap_spaces(imp_ctx *cx, const char *text, size_t len, bool *changed);

/* ---- the readers ------------------------------------------------------------ */

/* Each finds the indicator table in its own layout and fills cx->rows;
** false when the text has no table in that layout. */
bool imp_read_grid(imp_ctx *cx);
bool imp_read_layout(imp_ctx *cx);
bool imp_read_flow(imp_ctx *cx);
/* table_blocks.c: the flow reader's case of plain pdftotext output, one block
** per cell with blank lines between, from the header line on. */
bool imp_read_blocks(imp_ctx *cx, size_t header);

/* A new row (zeroed) at the end of cx->rows; NULL when out of memory. */
imp_row *imp_row_new(imp_ctx *cx);
/* Add a line number to a row's provenance, once. */
void imp_row_line(imp_row *row, int line);

/* rows.c: turn cx->rows into indicators, self scores and the table's total. */
void imp_rows_finish(imp_ctx *cx);

/* prose.c: the report's name, year, kind, budget, total and grade from its
** text; and the table of self scores a department report prints. */
void imp_read_prose(imp_ctx *cx);

/* emit.c: where a line of the input is, for a note: "file:line", or for an
** Excel or Word file "file:SHEET:ROW" / "file:table N:ROW"; the file alone
** for line 0. */
char *imp_where(imp_ctx *cx, int line);

/* emit.c: the report as JSON text. */
bool imp_emit(imp_ctx *cx, rb_import_result *out);

#endif /* RUBRIC_IMPORT_PRIVATE_H */
