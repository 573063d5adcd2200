/*
** test_json_events.c — the report reader that listens to yajl's events
** (report/report_events.c) against the tree walk (report_json.c).
**
** The events reader must read every report it accepts exactly as the tree
** walk does, and accept nothing the walk refuses or notes.  Each report here
** is read twice: as written, by the events reader (called directly, so the
** test fails if it gives up), and with one member the format does not
** define added ("zz_not_in_v1"), which the events reader leaves to the tree
** walk, whose note is then the only difference.  Every field of the two
** reports is written out and compared.  Members come in any order: money_unit
** after the amounts, the year after the targets that need it.  A few values
** are checked against figures worked out by hand, and a list of texts the
** events reader must leave to the walk ends the test.  (A file that has a
** member the format does not define is only checked to be left to the
** walk.)
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "check.h"
#include "report/report.h"
#include "report/report_private.h"

static rb_report *report;

#include "report_dump.h"
#include "report_readers.h"

/* ---- Both readers -------------------------------------------------------- */

/* Read text by both readers; they must agree on every field.  Returns the
** events reader's dump (valid until the next call). */
static const char *both(const char *what, const char *text, size_t len) {
  static char events_dump[sizeof dump_buf];
  rb_report_error err = {0};
  /* rb_report_read_json takes the events path for this text … */
  bool read = rb_report_read_json(report, text, len, "t.json", 7, &err);
  if (!read) fprintf(stderr, "%s: %s\n", what, err.message);
  CHECK(read);
  size_t notes = report->note_count, unread = 0;
  for (size_t i = 0; i < notes; i++) unread += report->notes[i].kind == RB_NOTE_UNREAD;
  snprintf(events_dump, sizeof events_dump, "%s", dump(report));
  if (unread) {
    /* A member the format does not define: only the walk notes it. */
    CHECK(!events_read(text, len, 7));
    return events_dump;
  }
  /* … because the events reader reads it. */
  bool events = events_read(text, len, 7);
  if (!events) fprintf(stderr, "%s: the events reader gave up\n", what);
  CHECK(events);
  CHECK_STR(dump(report), events_dump);

  size_t walk_len = 0;
  char *walk_text = with_unread_member(text, len, &walk_len);
  CHECK(walk_text != NULL);
  if (!walk_text) return events_dump;
  CHECK(!events_read(walk_text, walk_len, 7));
  read = rb_report_read_json(report, walk_text, walk_len, "t.json", 7, &err);
  free(walk_text);
  CHECK(read);
  CHECK(report->note_count == notes + 1);
  if (strcmp(dump(report), events_dump) != 0) fprintf(stderr, "%s: the readers differ\n", what);
  CHECK_STR(dump(report), events_dump);
  return events_dump;
}

static const char *both_str(const char *what, const char *text) { return both(what, text, strlen(text)); }

/* ---- Tests ------------------------------------------------------------- */

static void test_files(void) {
  static const char *const files[] = {
      "tests/report/fixtures/valid.json",     "tests/report/fixtures/minimal.json",
      "tests/report/fixtures/bom.json",       "tests/report/fixtures/gbk.json",
      "examples/guangzhou-2022-dept.json",    "examples/jiangmen-2022-dept.json",
      "examples/jiangmen-2023-dept.json",     "examples/jiangmen-2024-keji-fazhan.json",
      "examples/zhanjiang-2023-dept.json",
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char *text = NULL;
    size_t len = 0;
    char message[256];
    CHECK(rb_file_read(files[i], SIZE_MAX, &text, &len, message, sizeof message) == RB_FILE_OK);
    if (text) both(files[i], text, len);
    free(text);
  }
}

/* The same report with its members in other orders reads the same. */
static void test_member_order(void) {
  char first[sizeof dump_buf];
  for (size_t i = 0; i < sizeof member_orders / sizeof member_orders[0]; i++) {
    const char *d = both_str(member_orders[i], member_orders[i]);
    if (i == 0)
      snprintf(first, sizeof first, "%s", d);
    else
      CHECK_STR(d, first);
  }
  CHECK(events_read(member_orders[1], strlen(member_orders[1]), 0));
  check_member_orders_report(report);
  char buf[64];
  /* Without money_unit the amounts are in 万元: 1234.5 万元 = 12345000 元. */
  const char *wan = "{\"budget\": {\"planned\": 1234.5}, \"id\": \"w\"}";
  both_str("万元", wan);
  CHECK(events_read(wan, strlen(wan), 0));
  rb_num_format(report->planned.v, buf, sizeof buf);
  CHECK_STR(buf, "12345000");
  /* Without the year, "6月底前" stays text. */
  const char *no_year = "{\"id\": \"y\", \"indicators\": [{\"name\": \"进度\", \"target\": \"6月底前\"}]}";
  both_str("no year", no_year);
  CHECK(events_read(no_year, strlen(no_year), 0));
  CHECK(report->indicators[0].target.kind == RB_MK_TEXT);
}

/* Values of every kind, escapes, nulls and blanks. */
static void test_values(void) {
  both_str("escapes", "{\"id\": \"e\\u0041\\n\", \"title\": \"\\ud83d\\ude00 \\\"q\\\" \\\\ \\/\", "
                      "\"unit\": \"\\u5c40\", \"facts\": {\"k\\u00e9\": \"a\\tb\"}}");
  both_str("nulls", "{\"id\": \"n\", \"year\": null, \"unit\": null, \"kind\": null, \"money_unit\": null, "
                    "\"budget\": null, \"facts\": {\"a\": null, \"b\": 1}, \"indicators\": [{\"name\": \"x\", "
                    "\"level1\": null, \"target\": null, \"actual\": \" \\u3000\", \"weight\": null, "
                    "\"self_score\": null, \"note\": null, \"source\": null}], \"self_total\": null, "
                    "\"self_grade\": null, \"self_scores\": null, \"imported\": null}");
  both_str("empty", "{\"id\": \"z\", \"facts\": {}, \"indicators\": [], \"self_scores\": [], "
                    "\"budget\": {\"lines\": []}}");
  both_str("numbers", "{\"id\": \"m\", \"kind\": \"部门整体\", \"money_unit\": \"亿元\", \"self_total\": -1.5e2, "
                      "\"self_grade\": \"优\", \"budget\": {\"planned\": 0.000123, \"adjusted\": 1E3, "
                      "\"allocated\": \"  12,345.6 \", \"spent\": 99999999999999999999999}, "
                      "\"indicators\": [{\"name\": \"n\", \"target\": 145, \"actual\": -0.5e-3, "
                      "\"self_score\": \"-2\", \"weight\": 0}], \"facts\": {\"big\": 123456789012345678901234567890}}");
  both_str("kinds", "{\"id\": \"k\", \"kind\": \"项目\", \"money_unit\": \"千元\", \"budget\": {\"spent\": 1}}");
  both_str("spaces", " \r\n\t{ \"id\" : \"s\" ,\n\"year\":2023 } \n\r\t ");
}

/* What the events reader leaves to the tree walk: a fault or a note, and
** the members it does not read itself. */
static void test_left_to_the_walk(void) {
  static const char *const texts[] = {
      "{\"id\": \"a\", \"id\": \"b\"}",                          /* a member given twice */
      "{\"id\": \"a\", \"budget\": {\"spent\": 1, \"spent\": 2}}", /* nested too */
      "{\"id\": \"a\", \"facts\": {\"x\": 1, \"x\": null}}",        /* a fact given twice */
      "{\"id\": \"a\", \"wrong\": 1}",                           /* a member v1 does not define */
      "{\"id\": \"a\", \"budget\": {\"extra\": 1}}",             /* "extra" is the top level's only */
      "{\"id\": \"a\\u0000\"}",                                  /* a NUL */
      "{\"id\": \"a\", \"x-k\": \"\\ud800\"}",                   /* a lone surrogate, even where not read */
      "{\"id\": \" \"}",                                         /* blank */
      "{\"year\": 2024}",                                        /* no id */
      "{\"id\": null}",
      "{\"id\": \"a\", \"year\": 99}",
      "{\"id\": \"a\", \"kind\": \"program\"}",
      "{\"id\": \"a\", \"money_unit\": \"美元\"}",
      "{\"id\": \"a\", \"budget\": {\"planned\": -1}}",
      "{\"id\": \"a\", \"budget\": {\"lines\": [{\"planned\": 1}]}}",
      "{\"id\": \"a\", \"facts\": {\" \": 1}}",
      "{\"id\": \"a\", \"facts\": {\"x\": [1]}}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"target\": {}}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"target\": 1e999}]}",
      "{\"id\": \"a\", \"indicators\": [{\"target\": \"1\"}]}",
      "{\"id\": \"a\", \"indicators\": [null]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"weight\": \"abc\"}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"source\": {\"file\": \"r.pdf\"}}]}",
      "{\"id\": \"a\", \"imported\": {\"from\": \"r.pdf\"}}",
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [], \"score\": 1}]}",
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [\"x\"]}]}",
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [\"x\"], \"score\": 1}, {\"path\": [\"x\"], \"score\": 2}]}",
      "{\"id\": \"a\", \"x-deep\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", /* deeper than it goes */
      "{\"id\": \"a\"} x",                                       /* text after the report */
      "{\"id\": \"a\"} \"x",
      "{\"id\": \"a\",}",                                        /* not JSON */
      "[{\"id\": \"a\"}]",                                       /* not an object */
      "{\"id\": \"a\"}\f",                                       /* a form feed */
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    bool events = events_read(texts[i], strlen(texts[i]), 0);
    if (events) fprintf(stderr, "the events reader read %s\n", texts[i]);
    CHECK(!events);
  }
  /* And the walk says what is wrong, as before. */
  rb_report_error err;
  CHECK(rb_report_read_json(report, texts[0], strlen(texts[0]), "t.json", 0, &err)); /* the last value */
  CHECK_STR(report->id, "b");
  CHECK(!rb_report_read_json(report, texts[26], strlen(texts[26]), "t.json", 0, &err));
  CHECK_STR(err.message, "report a: $.self_scores[1].path: the same path as $.self_scores[0]");
  CHECK(!rb_report_read_json(report, texts[10], strlen(texts[10]), "t.json", 3, &err));
  CHECK_STR(err.message, "report a: $.year: expected a year such as 2024, found the number 99");
}

int main(void) {
  report = rb_report_new();
  if (!report) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  test_files();
  test_member_order();
  test_values();
  test_left_to_the_walk();
  rb_report_free(report);
  return check_done();
}
