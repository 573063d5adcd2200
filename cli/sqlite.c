/*
** sqlite.c — `rubric batch … -o results.sqlite`: the results of a batch as
** an SQLite database (tables.h; the schema and example queries are in
** docs/results-sqlite.md, and SCHEMA below is that schema).
**
** The whole batch is one transaction in a temporary file that is renamed
** over the output at the end, so no reader ever sees a database with part
** of a batch.  Since the temporary file is thrown away whole when anything
** goes wrong, it needs no rollback journal: journal_mode OFF and
** synchronous OFF, and one fsync before the rename (tables.c).
**
** Every number is stored twice: as TEXT, its exact value ("3.64", "40/3"),
** and as REAL, the nearest double, for comparisons and sums in queries.
*/
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "base/dynlib.h"
#include "base/messages.h"
#include "cli/cli.h"
#include "cli/tables.h"

/* SQLite is loaded when the first database is written (base/dynlib.h). */
#define SQLITE_FUNCTIONS(X)                                                                                         \
  X(sqlite3_open_v2) X(sqlite3_exec) X(sqlite3_prepare_v2) X(sqlite3_bind_text) X(sqlite3_bind_int64)              \
  X(sqlite3_bind_null) X(sqlite3_bind_double) X(sqlite3_step) X(sqlite3_reset) X(sqlite3_clear_bindings)           \
  X(sqlite3_finalize) X(sqlite3_errmsg) X(sqlite3_close) X(sqlite3_close_v2)
static struct { SQLITE_FUNCTIONS(RB_DYN_POINTER) } sq;
#define SQLITE_SYMBOL(f) RB_DYN_SYMBOL(sq, f)
static const rb_dynsym sqlite_symbols[] = {SQLITE_FUNCTIONS(SQLITE_SYMBOL)};
static rb_dynlib libsqlite = RB_DYNLIB(RUBRIC_SONAME_SQLITE3, RUBRIC_PACKAGE_SQLITE3, sqlite_symbols);

static const char SCHEMA[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);\n"
    "CREATE TABLE reports (\n"
    "  report INTEGER PRIMARY KEY, id TEXT, unit TEXT, title TEXT, year INTEGER, source TEXT, rubric TEXT,\n"
    "  total TEXT, total_real REAL, total_shown TEXT, grade TEXT,\n"
    "  self_total TEXT, self_total_real REAL, self_grade TEXT,\n"
    "  delta TEXT, delta_real REAL, findings INTEGER, status TEXT);\n"
    "CREATE TABLE items (\n"
    "  report INTEGER NOT NULL REFERENCES reports(report), seq INTEGER NOT NULL,\n"
    "  depth INTEGER, kind TEXT, path TEXT, name TEXT, level1 TEXT, level2 TEXT, target TEXT, actual TEXT,\n"
    "  weight TEXT, weight_real REAL, score TEXT, score_real REAL, score_shown TEXT,\n"
    "  self_score TEXT, self_score_real REAL, delta TEXT, delta_real REAL,\n"
    "  not_applicable INTEGER, unverified INTEGER, explain TEXT, PRIMARY KEY (report, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE findings (\n"
    "  report INTEGER NOT NULL REFERENCES reports(report), seq INTEGER NOT NULL, kind TEXT, path TEXT,\n"
    "  message TEXT, self TEXT, self_real REAL, computed TEXT, computed_real REAL, stake TEXT, stake_real REAL,\n"
    "  PRIMARY KEY (report, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE checks (\n"
    "  report INTEGER NOT NULL REFERENCES reports(report), seq INTEGER NOT NULL, name TEXT, passed INTEGER,\n"
    "  message TEXT, PRIMARY KEY (report, seq)) WITHOUT ROWID;\n"
    "CREATE TABLE errors (report INTEGER PRIMARY KEY, source TEXT, id TEXT, message TEXT);\n";

/* Made once the rows are in: cheaper than keeping them up to date. */
static const char INDEXES[] = "CREATE INDEX items_path ON items (path);\n"
                              "CREATE INDEX findings_kind ON findings (kind, path);\n";

enum { ST_REPORT, ST_ITEM, ST_FINDING, ST_CHECK, ST_ERROR, ST_COUNT };

static const char *const INSERTS[ST_COUNT] = {
    "INSERT INTO reports VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?,?)",
    "INSERT INTO checks VALUES (?,?,?,?,?)",
    "INSERT INTO errors VALUES (?,?,?,?)",
};

typedef struct sqlite_writer {
  sqlite3 *db;
  sqlite3_stmt *st[ST_COUNT];
  long long report; /* the last report's number, in input order from 1 */
} sqlite_writer;

static bool db_error(sqlite_writer *w, rubric_error *err, const char *doing) {
  if (err) {
    err->status = RUBRIC_E_IO;
    rb_lang lang = rb_cli_lang();
    snprintf(err->message, sizeof err->message, rb_from_en(lang, "cannot write the database (%s): %s"),
             rb_text_from_en(lang, doing), w->db ? sq.sqlite3_errmsg(w->db) : rb_text_from_en(lang, "out of memory"));
  }
  return false;
}

static void discard(void *p) {
  sqlite_writer *w = p;
  for (int i = 0; i < ST_COUNT; i++) sq.sqlite3_finalize(w->st[i]);
  sq.sqlite3_close(w->db);
  free(w);
}

static void *open_db(const char *tmp_path, bool batch, rubric_error *err) {
  (void)batch; /* a database has one layout */
  sqlite_writer *w = calloc(1, sizeof *w);
  if (!w) {
    sqlite_writer none = {0};
    db_error(&none, err, "opening");
    return NULL;
  }
  bool fine = sq.sqlite3_open_v2(tmp_path, &w->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) == SQLITE_OK &&
              sq.sqlite3_exec(w->db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", NULL, NULL, NULL) ==
                  SQLITE_OK &&
              sq.sqlite3_exec(w->db, SCHEMA, NULL, NULL, NULL) == SQLITE_OK;
  for (int i = 0; fine && i < ST_COUNT; i++)
    fine = sq.sqlite3_prepare_v2(w->db, INSERTS[i], -1, &w->st[i], NULL) == SQLITE_OK;
  if (fine) {
    sqlite3_stmt *meta;
    fine = sq.sqlite3_prepare_v2(w->db, "INSERT INTO meta VALUES ('rubric_version', ?), ('schema', '1')", -1, &meta,
                              NULL) == SQLITE_OK;
    if (fine) {
      sq.sqlite3_bind_text(meta, 1, RUBRIC_VERSION, -1, SQLITE_STATIC);
      fine = sq.sqlite3_step(meta) == SQLITE_DONE;
    }
    sq.sqlite3_finalize(meta);
  }
  if (!fine) {
    db_error(w, err, "creating the tables");
    discard(w);
    return NULL;
  }
  return w;
}

/* Bind a text, or NULL. */
static void text(sqlite3_stmt *st, int *col, const char *s) {
  if (s) sq.sqlite3_bind_text(st, (*col)++, s, -1, SQLITE_STATIC);
  else sq.sqlite3_bind_null(st, (*col)++);
}

/* Bind an integer written as text, or NULL. */
static void integer(sqlite3_stmt *st, int *col, const char *s) {
  if (s) sq.sqlite3_bind_int64(st, (*col)++, strtoll(s, NULL, 10));
  else sq.sqlite3_bind_null(st, (*col)++);
}

/* Bind a number's exact text and its REAL; NULL and NULL when absent. */
static void number(sqlite3_stmt *st, int *col, const char *exact) {
  text(st, col, exact);
  if (exact) sq.sqlite3_bind_double(st, (*col)++, rb_tables_double(exact));
  else sq.sqlite3_bind_null(st, (*col)++);
}

static bool step(sqlite_writer *w, sqlite3_stmt *st, rubric_error *err) {
  int rc = sq.sqlite3_step(st);
  sq.sqlite3_reset(st);
  sq.sqlite3_clear_bindings(st);
  return rc == SQLITE_DONE || db_error(w, err, "inserting");
}

static bool add(void *p, const rb_record *recs, size_t count, rubric_error *err) {
  sqlite_writer *w = p;
  long long report = ++w->report;
  long long nodes = 0, findings = 0, checks = 0;
  for (size_t i = 0; i < count; i++) {
    const rb_record *r = &recs[i];
    const char *const *f = r->f;
    sqlite3_stmt *st;
    int col = 1;
    switch (r->tag) {
    case 'R':
      st = w->st[ST_REPORT];
      sq.sqlite3_bind_int64(st, col++, report);
      text(st, &col, f[REP_ID]);
      text(st, &col, f[REP_UNIT]);
      text(st, &col, f[REP_TITLE]);
      integer(st, &col, f[REP_YEAR]);
      text(st, &col, f[REP_SOURCE]);
      text(st, &col, f[REP_RUBRIC]);
      number(st, &col, f[REP_TOTAL]);
      text(st, &col, f[REP_TOTAL_SHOWN]);
      text(st, &col, f[REP_GRADE]);
      number(st, &col, f[REP_SELF_TOTAL]);
      text(st, &col, f[REP_SELF_GRADE]);
      number(st, &col, f[REP_DELTA]);
      integer(st, &col, f[REP_FINDINGS]);
      text(st, &col, f[REP_STATUS]);
      break;
    case 'N':
      st = w->st[ST_ITEM];
      sq.sqlite3_bind_int64(st, col++, report);
      sq.sqlite3_bind_int64(st, col++, nodes++);
      integer(st, &col, f[NODE_DEPTH]);
      text(st, &col, f[NODE_KIND]);
      text(st, &col, f[NODE_PATH]);
      text(st, &col, f[NODE_NAME]);
      text(st, &col, f[NODE_LEVEL1]);
      text(st, &col, f[NODE_LEVEL2]);
      text(st, &col, f[NODE_TARGET]);
      text(st, &col, f[NODE_ACTUAL]);
      number(st, &col, f[NODE_WEIGHT]);
      number(st, &col, f[NODE_SCORE]);
      text(st, &col, f[NODE_SCORE_SHOWN]);
      number(st, &col, f[NODE_SELF]);
      number(st, &col, f[NODE_DELTA]);
      integer(st, &col, f[NODE_NA]);
      integer(st, &col, f[NODE_UNVERIFIED]);
      text(st, &col, f[NODE_EXPLAIN]);
      break;
    case 'F':
      st = w->st[ST_FINDING];
      sq.sqlite3_bind_int64(st, col++, report);
      sq.sqlite3_bind_int64(st, col++, ++findings);
      text(st, &col, f[FIND_KIND]);
      text(st, &col, f[FIND_PATH]);
      text(st, &col, f[FIND_MESSAGE]);
      number(st, &col, f[FIND_SELF]);
      number(st, &col, f[FIND_COMPUTED]);
      number(st, &col, f[FIND_STAKE]);
      break;
    case 'C':
      st = w->st[ST_CHECK];
      sq.sqlite3_bind_int64(st, col++, report);
      sq.sqlite3_bind_int64(st, col++, ++checks);
      text(st, &col, f[CHECK_NAME]);
      integer(st, &col, f[CHECK_PASSED]);
      text(st, &col, f[CHECK_MESSAGE]);
      break;
    default: /* 'E' */
      st = w->st[ST_ERROR];
      sq.sqlite3_bind_int64(st, col++, report);
      text(st, &col, f[ERR_SOURCE]);
      text(st, &col, f[ERR_ID]);
      text(st, &col, f[ERR_MESSAGE]);
      break;
    }
    if (!step(w, st, err)) return false;
  }
  return true;
}

static bool finish(void *p, rubric_error *err) {
  sqlite_writer *w = p;
  bool fine = sq.sqlite3_exec(w->db, INDEXES, NULL, NULL, NULL) == SQLITE_OK &&
              sq.sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (!fine) db_error(w, err, "committing");
  for (int i = 0; i < ST_COUNT; i++) {
    sq.sqlite3_finalize(w->st[i]);
    w->st[i] = NULL;
  }
  if (fine && sq.sqlite3_close(w->db) != SQLITE_OK) {
    fine = db_error(w, err, "closing");
    sq.sqlite3_close_v2(w->db);
  } else if (!fine) {
    sq.sqlite3_close_v2(w->db);
  }
  w->db = NULL;
  free(w);
  return fine;
}

const rb_tables_ops rb_sqlite_ops = {&libsqlite, open_db, add, finish, discard};
