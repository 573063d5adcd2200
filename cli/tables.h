/*
** tables.h — results out as tables: an Excel workbook (--format xlsx, with
** libxlsxwriter) or an SQLite database (--format sqlite, batch only).
**
** The result of one report is first flattened into a record (tables.c): its
** summary, every node of the tree, findings and checks, as plain texts.  In
** a batch the worker threads make the records and the main thread hands
** them, in input order, to the one writer; `rubric run` does both itself.
** A writer builds its file under a temporary name beside the output
** (PATH.partial.PID) and renames it over PATH only when committed: an
** interrupted command leaves no file that looks finished (only a process
** killed outright leaves the temporary file).
**
** Numbers travel as their exact texts (include/rubric.h, rubric_number);
** each writer decides how to store them (docs/cli.md, "Excel and SQLite").
*/
#ifndef RUBRIC_CLI_TABLES_H
#define RUBRIC_CLI_TABLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/dynlib.h"
#include "rubric.h"

typedef enum rb_tables_kind { RB_TABLES_XLSX, RB_TABLES_SQLITE } rb_tables_kind;

/* The kind a file name asks for: .xlsx, or .sqlite, .sqlite3, .db, in any
** case; false for any other name. */
bool rb_tables_kind_of(const char *path, rb_tables_kind *kind);

/* Flatten the result of one scored report into out (a memory stream).
** source names where the report came from (a file, or FILE:LINE).  false
** with err set when out of memory. */
bool rb_tables_encode(FILE *out, const rubric_result *res, const char *source, rubric_error *err);

/* The record of a report that could not be read or scored. */
void rb_tables_encode_error(FILE *out, const char *source, const char *id, const char *message);

typedef struct rb_tables rb_tables;

/* Open a writer of the given kind for path.  batch: the batch layout (one
** row per report) rather than run's (a 评分表 sheet per report).  On
** failure: NULL, err says why. */
rb_tables *rb_tables_open(rb_tables_kind kind, const char *path, bool batch, rubric_error *err);

/* Add the records of one report (as rb_tables_encode or _encode_error
** made them).  false with err set when the output cannot be written; the
** writer is then only good to abort. */
bool rb_tables_add(rb_tables *t, const char *data, size_t len, rubric_error *err);

/* Finish the file and rename it over the path; frees t. */
bool rb_tables_commit(rb_tables *t, rubric_error *err);

/* Give up: the temporary file is removed, the path left as it was; frees t
** (NULL is fine). */
void rb_tables_abort(rb_tables *t);

/* ---- The two writers (xlsx.c, sqlite.c), behind rb_tables ---------------- */

/* One decoded record: its tag and fields (NULL when absent). */
enum { RB_REC_MAX_FIELDS = 24 };
typedef struct rb_record {
  char tag; /* 'R' report, 'N' node, 'F' finding, 'C' check, 'E' error */
  const char *f[RB_REC_MAX_FIELDS];
  int count;
} rb_record;

/* Fields of each record, in order. */
enum {
  REP_ID, REP_UNIT, REP_TITLE, REP_YEAR, REP_SOURCE, REP_RUBRIC, REP_TOTAL, REP_TOTAL_SHOWN, REP_GRADE,
  REP_SELF_TOTAL, REP_SELF_TOTAL_SHOWN, REP_SELF_GRADE, REP_DELTA, REP_DELTA_SHOWN, REP_FINDINGS, REP_STATUS,
  REP_FIELDS
};
enum {
  NODE_DEPTH, NODE_KIND, NODE_NAME, NODE_PATH, NODE_LEVEL1, NODE_LEVEL2, NODE_TARGET, NODE_ACTUAL, NODE_EXPLAIN,
  NODE_WEIGHT, NODE_WEIGHT_SHOWN, NODE_SCORE, NODE_SCORE_SHOWN, NODE_SELF, NODE_SELF_SHOWN, NODE_DELTA,
  NODE_DELTA_SHOWN, NODE_NA, NODE_UNVERIFIED, NODE_FIELDS
};
enum {
  FIND_KIND, FIND_PATH, FIND_MESSAGE, FIND_SELF, FIND_SELF_SHOWN, FIND_COMPUTED, FIND_COMPUTED_SHOWN, FIND_STAKE,
  FIND_STAKE_SHOWN, FIND_FIELDS
};
enum { CHECK_NAME, CHECK_PASSED, CHECK_MESSAGE, CHECK_FIELDS };
enum { ERR_SOURCE, ERR_ID, ERR_MESSAGE, ERR_FIELDS };

/* A writer's operations. */
typedef struct rb_tables_ops {
  /* The library the writer calls, loaded before the file is made (base/dynlib.h). */
  rb_dynlib *lib;
  /* Open the file at tmp_path (which does not exist). */
  void *(*open)(const char *tmp_path, bool batch, rubric_error *err);
  /* One report: its records, in order (the report or error record first). */
  bool (*add)(void *w, const rb_record *recs, size_t count, rubric_error *err);
  /* Write everything and close; false when it could not be written. */
  bool (*finish)(void *w, rubric_error *err);
  /* Close without caring for the file, which is removed next. */
  void (*discard)(void *w);
} rb_tables_ops;

extern const rb_tables_ops rb_xlsx_ops, rb_sqlite_ops;

/* Whether text is a number that a double holds exactly as written: a
** finite decimal ("3.64", "-20", "193000000") of at most 15 significant
** digits, which a spreadsheet shows, and a REAL column returns, unchanged.
** *value is then that double. */
bool rb_tables_exact_double(const char *text, double *value);

/* The nearest double to an exact text (a decimal or a fraction "40/3"). */
double rb_tables_double(const char *text);

#endif /* RUBRIC_CLI_TABLES_H */
