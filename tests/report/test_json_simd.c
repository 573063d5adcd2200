/*
** test_json_simd.c — the report reader on simdjson's On-Demand parser
** (report/report_simd.cpp) against yajl's events reader and the tree walk.
**
** The simdjson reader must read every report it accepts exactly as the
** other two do, and accept nothing they refuse or note.  Each report here
** is read by it (called directly, so the test fails if it gives up), from
** an unpadded buffer (it copies) and from a padded one (it does not), and
** by the events reader; and, with one member the format does not define
** added ("zz_not_in_v1"), which both fast readers leave to it, by the tree
** walk, whose note is then the only difference.  Every field is written
** out and compared (report_dump.h).  Then texts at the edges of JSON's
** grammar — numbers such as 1e2, -0, 01, 1., huge exponents; escapes,
** "\u0000", surrogates; a byte order mark; names given twice; deep
** nesting; text after the report; bytes that are not UTF-8 — each with
** what the reader must do worked out by hand; and last, thousands of
** mutations of real reports, where whatever the simdjson reader reads the
** events reader must read the same.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "check.h"
#include "report/report.h"
#include "report/report_private.h"
#include "report/report_simd.h"

static rb_report *report;

#include "report_dump.h"
#include "report_readers.h"

/* ---- The readers ---------------------------------------------------------- */

/* Whether the simdjson reader reads text itself, as rb_report_read_json
** calls it (a byte order mark dropped first); padded: from a buffer with
** RB_REPORT_JSON_PADDING bytes after the text, else from one without. */
static bool simd_read(const char *text, size_t len, int line, bool padded) {
  char *buf = malloc(len + RB_REPORT_JSON_PADDING + 1);
  if (!buf) return false;
  memcpy(buf, text, len);
  memset(buf + len, '}', RB_REPORT_JSON_PADDING); /* what the padding holds must not matter */
  bool ok = rb_report_begin(report, "t.json", line);
  size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (ok && padded) ok = rb_report_read_simd(report, buf + bom, len - bom, len - bom + RB_REPORT_JSON_PADDING);
  if (ok && !padded) {
    /* Exactly len bytes: any read past them is AddressSanitizer's. */
    char *exact = malloc(len ? len : 1);
    ok = exact != NULL;
    if (ok) {
      memcpy(exact, text, len);
      ok = rb_report_read_simd(report, exact + bom, len - bom, len - bom);
    }
    free(exact);
  }
  free(buf);
  return ok;
}


/* Read text by all three readers; they must agree on every field.
** Returns the simdjson reader's dump (valid until the next call). */
static const char *all(const char *what, const char *text, size_t len) {
  static char simd_dump[sizeof dump_buf];
  rb_report_error err = {0};
  if (rb_report_read_json(report, text, len, "t.json", 7, &err) && report->note_count > 0) {
    /* A member the format does not define (valid.json has one): only the
    ** walk notes it. */
    snprintf(simd_dump, sizeof simd_dump, "%s", dump(report));
    CHECK(!simd_read(text, len, 7, false));
    CHECK(!simd_read(text, len, 7, true));
    return simd_dump;
  }
  bool simd = simd_read(text, len, 7, false);
  if (!simd) fprintf(stderr, "%s: the simdjson reader gave up\n", what);
  CHECK(simd);
  snprintf(simd_dump, sizeof simd_dump, "%s", dump(report));
  CHECK(simd_read(text, len, 7, true));
  CHECK_STR(dump(report), simd_dump);
  /* rb_report_read_json takes this path, and notes nothing. */
  CHECK(rb_report_read_json(report, text, len, "t.json", 7, &err));
  CHECK(report->note_count == 0);
  CHECK_STR(dump(report), simd_dump);

  CHECK(events_read(text, len, 7));
  if (strcmp(dump(report), simd_dump) != 0) fprintf(stderr, "%s: simdjson and events differ\n", what);
  CHECK_STR(dump(report), simd_dump);

  size_t walk_len = 0;
  char *walk_text = with_unread_member(text, len, &walk_len);
  CHECK(walk_text != NULL);
  if (!walk_text) return simd_dump;
  CHECK(!simd_read(walk_text, walk_len, 7, true));
  bool read = rb_report_read_json(report, walk_text, walk_len, "t.json", 7, &err);
  free(walk_text);
  CHECK(read);
  CHECK(report->note_count == 1);
  if (strcmp(dump(report), simd_dump) != 0) fprintf(stderr, "%s: simdjson and the walk differ\n", what);
  CHECK_STR(dump(report), simd_dump);
  return simd_dump;
}

static const char *all_str(const char *what, const char *text) { return all(what, text, strlen(text)); }

/* ---- Reports all three read ------------------------------------------------ */

static void test_files(void) {
  static const char *const files[] = {
      "tests/report/fixtures/valid.json",     "tests/report/fixtures/minimal.json",
      "tests/report/fixtures/bom.json",       "examples/guangzhou-2022-dept.json",
      "examples/jiangmen-2022-dept.json",     "examples/jiangmen-2023-dept.json",
      "examples/jiangmen-2024-keji-fazhan.json", "examples/zhanjiang-2023-dept.json",
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char *text = NULL;
    size_t len = 0;
    char message[256];
    CHECK(rb_file_read(files[i], SIZE_MAX, &text, &len, message, sizeof message) == RB_FILE_OK);
    if (text) all(files[i], text, len);
    free(text);
  }
  /* A file in GBK is not UTF-8: simdjson leaves it to the reader that
  ** converts it (with a note). */
  char *text = NULL;
  size_t len = 0;
  char message[256];
  CHECK(rb_file_read("tests/report/fixtures/gbk.json", SIZE_MAX, &text, &len, message, sizeof message) ==
        RB_FILE_OK);
  if (text) CHECK(!simd_read(text, len, 0, true));
  free(text);
}

static void test_member_order(void) {
  char first[sizeof dump_buf];
  for (size_t i = 0; i < sizeof member_orders / sizeof member_orders[0]; i++) {
    const char *d = all_str(member_orders[i], member_orders[i]);
    if (i == 0)
      snprintf(first, sizeof first, "%s", d);
    else
      CHECK_STR(d, first);
  }
  CHECK(simd_read(member_orders[1], strlen(member_orders[1]), 0, true));
  check_member_orders_report(report);
  char buf[64];
  /* Without money_unit the amounts are in 万元: 1234.5 万元 = 12345000 元. */
  const char *wan = "{\"budget\": {\"planned\": 1234.5}, \"id\": \"w\"}";
  all_str("万元", wan);
  CHECK(simd_read(wan, strlen(wan), 0, false));
  rb_num_format(report->planned.v, buf, sizeof buf);
  CHECK_STR(buf, "12345000");
}

static void test_values(void) {
  all_str("escapes", "{\"id\": \"e\\u0041\\n\", \"title\": \"\\ud83d\\ude00 \\\"q\\\" \\\\ \\/\", "
                     "\"unit\": \"\\u5c40\", \"facts\": {\"k\\u00e9\": \"a\\tb\\b\\f\\r\"}}");
  all_str("nulls", "{\"id\": \"n\", \"year\": null, \"unit\": null, \"kind\": null, \"money_unit\": null, "
                   "\"budget\": null, \"facts\": {\"a\": null, \"b\": 1}, \"indicators\": [{\"name\": \"x\", "
                   "\"level1\": null, \"target\": null, \"actual\": \" \\u3000\", \"weight\": null, "
                   "\"self_score\": null, \"note\": null, \"source\": null}], \"self_total\": null, "
                   "\"self_grade\": null, \"self_scores\": null, \"imported\": null}");
  all_str("empty", "{\"id\": \"z\", \"facts\": {}, \"indicators\": [], \"self_scores\": [], "
                   "\"budget\": {\"lines\": []}}");
  all_str("numbers", "{\"id\": \"m\", \"kind\": \"部门整体\", \"money_unit\": \"亿元\", \"self_total\": -1.5e2, "
                     "\"self_grade\": \"优\", \"budget\": {\"planned\": 0.000123, \"adjusted\": 1E3, "
                     "\"allocated\": \"  12,345.6 \", \"spent\": 99999999999999999999999}, "
                     "\"indicators\": [{\"name\": \"n\", \"target\": 145, \"actual\": -0.5e-3, "
                     "\"self_score\": \"-2\", \"weight\": 0}], \"facts\": {\"big\": 123456789012345678901234567890}}");
  all_str("kinds", "{\"id\": \"k\", \"kind\": \"项目\", \"money_unit\": \"千元\", \"budget\": {\"spent\": 1}}");
  all_str("spaces", " \r\n\t{ \"id\" : \"s\" ,\n\"year\":2023 } \n\r\t ");
  /* Escapes first, last, next to each other and between plain bytes, of
  ** every length of UTF-8; decoded by hand. */
  const char *esc = "{\"id\": \"e\", \"indicators\": [{\"name\": \"\\u6307\\u6807a\\u00e9b\\ud83d\\ude00\", "
                    "\"level1\": \"x\\\\y\\\"z\\/\", \"target\": \"\\u226595%\", \"actual\": \"9\\u0035\\u0025\", "
                    "\"note\": \"\\u4ea7\\u51fa\\t\\u0041\\n\"}]}";
  all_str("escapes in an indicator", esc);
  CHECK(simd_read(esc, strlen(esc), 0, false) && report->indicator_count == 1);
  if (report->indicator_count == 1) {
    const rb_indicator *ind = &report->indicators[0];
    CHECK_STR(ind->name, "指标aéb\xF0\x9F\x98\x80");
    CHECK_STR(ind->level1, "x\\y\"z/");
    CHECK_STR(ind->target_text, "≥95%");
    CHECK_STR(ind->actual_text, "95%");
    CHECK_STR(ind->note, "产出\tA\n");
  }
  /* A quote or a backslash escaped in a name: its closing quote is past it. */
  all_str("quotes in names", "{\"id\": \"q\", \"x-\\\"a\": 1, \"indicators\": [{\"name\": \"n\", \"x_\\\\\": 2, "
                             "\"x-\\\"\\\"\\\"\\\"\\\"\\\"\\\"\\\"\": 3}]}");
  all_str("names escaped", "{\"\\u0069d\": \"n\", \"x-\\u0000\": 1, \"facts\": {\"\\ud83d\\ude00\": 2}}");
  all_str("numbers before spaces", "{\"id\": \"t\", \"self_total\": 12.5 \t\r\n, \"facts\": {\"a\": 0\n}}");

  /* Numbers at JSON's edges, by hand. */
  char buf[64];
  const char *e2 = "{\"id\": \"n\", \"self_total\": 1e2, \"facts\": {\"z\": -0, \"e\": 2.50E+1}}";
  all_str("1e2", e2);
  CHECK(simd_read(e2, strlen(e2), 0, true));
  rb_num_format(report->self_total.v, buf, sizeof buf);
  CHECK_STR(buf, "100");
  rb_num_format(report->facts[0].number, buf, sizeof buf);
  CHECK_STR(buf, "0");
  rb_num_format(report->facts[1].number, buf, sizeof buf);
  CHECK_STR(buf, "25");
  /* A target written as a number keeps its literal text. */
  const char *lit = "{\"id\": \"n\", \"indicators\": [{\"name\": \"x\", \"target\": 1.50E2 , \"actual\": -0}]}";
  all_str("literal", lit);
  CHECK(simd_read(lit, strlen(lit), 0, false));
  CHECK_STR(report->indicators[0].target_text, "1.50E2");
  CHECK_STR(report->indicators[0].actual_text, "-0");

  /* The strings a report keeps are one copy of the line, each ended over its
  ** closing quote, an escaped one decoded in place: its neighbours stay
  ** whole, and a target's or actual's measure text is its text. */
  const char *kept = "{\"id\":\"a\\u0041b\",\"indicators\":[{\"name\":\"x\\\"y\",\"target\":\"≥95%\","
                     "\"actual\":12.5,\"note\":\"\",\"level1\":\"\\u4ea7\\u51fa\"}]}";
  all_str("kept", kept);
  CHECK(simd_read(kept, strlen(kept), 0, true));
  CHECK_STR(report->id, "aAb");
  CHECK_STR(report->indicators[0].name, "x\"y");
  CHECK_STR(report->indicators[0].target_text, "≥95%");
  CHECK(report->indicators[0].target.text == report->indicators[0].target_text);
  CHECK_STR(report->indicators[0].actual_text, "12.5");
  CHECK(report->indicators[0].actual.text == report->indicators[0].actual_text);
  CHECK_STR(report->indicators[0].note, "");
  CHECK_STR(report->indicators[0].level1, "产出");
  /* The lengths it records for the VM are those of the decoded texts; level2, absent, is "" with none. */
  CHECK(report->indicators[0].name_len == 3 && report->indicators[0].level1_len == 6);
  CHECK_STR(report->indicators[0].level2, "");
  CHECK(report->indicators[0].level2_len == 0);
  /* The next report is read into the same memory: an indicator without level1 and level2 records no length,
  ** whatever the one before it there had. */
  const char *full = "{\"id\":\"f\",\"indicators\":[{\"level1\":\"产出指标\",\"level2\":\"数量指标\",\"name\":\"培训人次\"}]}";
  const char *bare = "{\"id\":\"g\",\"indicators\":[{\"name\":\"满意度\"}]}";
  CHECK(simd_read(full, strlen(full), 0, true));
  CHECK(report->indicators[0].level1_len == 12 && report->indicators[0].level2_len == 12);
  CHECK(simd_read(bare, strlen(bare), 0, true));
  CHECK_STR(report->indicators[0].level1, "");
  CHECK(report->indicators[0].level1_len == 0 && report->indicators[0].level2_len == 0);
  CHECK(report->indicators[0].name_len == 9);

  /* A byte order mark is dropped. */
  const char *bom = "\xEF\xBB\xBF{\"id\": \"b\"}";
  all_str("bom", bom);
  CHECK_STR(report->id, "b");
}

/* What the simdjson reader leaves to the others: what the events reader
** leaves to the walk, and what simdjson alone would let through. */
static void test_given_up(void) {
  static const char *const texts[] = {
      "{\"id\": \"a\", \"id\": \"b\"}",                          /* a member given twice */
      "{\"id\": \"a\", \"budget\": {\"spent\": 1, \"spent\": 2}}", /* nested too */
      "{\"id\": \"a\", \"facts\": {\"x\": 1, \"x\": null}}",        /* a fact given twice */
      "{\"id\": \"a\", \"facts\": {\"\\u0078\": 1, \"x\": 2}}",     /* the same name, escaped */
      "{\"id\": \"a\", \"wrong\": 1}",                           /* a member v1 does not define */
      "{\"id\": \"a\", \"budget\": {\"extra\": 1}}",             /* "extra" is the top level's only */
      "{\"id\": \"a\\u0000\"}",                                  /* a NUL */
      "{\"id\": \"a\", \"facts\": {\"k\\u0000\": 1}}",           /* in a fact's name */
      "{\"id\": \"a\", \"x-k\": \"\\ud800\"}",                   /* a lone surrogate, even where not read */
      "{\"id\": \"a\", \"x-k\": \"\\udc00\\ud800\"}",            /* halves in the wrong order */
      "{\"id\": \"a\", \"x-\\ud800\": 1}",                       /* in a name */
      "{\"id\": \"a\", \"x-k\": \"\\x\"}",                       /* an escape JSON does not have */
      "{\"id\": \"a\", \"x-k\": \"\\u12g4\"}",
      "{\"id\": \"a\", \"x-k\": \"\\U1234\"}",
      "{\"id\": \"a\", \"x-k\": \"a\tb\"}",                      /* a control character unescaped */
      "{\"id\": \" \"}",                                         /* blank */
      "{\"year\": 2024}",                                        /* no id */
      "{\"id\": null}",
      "{\"id\": \"a\", \"year\": 99}",
      "{\"id\": \"a\", \"kind\": \"program\"}",
      "{\"id\": \"a\", \"money_unit\": \"美元\"}",
      "{\"id\": \"a\", \"budget\": {\"planned\": -1}}",
      "{\"id\": \"a\", \"budget\": {\"lines\": [{\"planned\": 1}]}}",
      "{\"id\": \"a\", \"budget\": {\"lines\": {}}}",
      "{\"id\": \"a\", \"budget\": []}",
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
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [\"x\"], \"score\": null}]}",
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [1], \"score\": 1}]}",
      "{\"id\": \"a\", \"self_scores\": [{\"path\": [\"x\"], \"score\": 1}, {\"path\": [\"x\"], \"score\": 2}]}",
      "{\"id\": \"a\", \"x-deep\": [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}", /* deeper than it goes */
      "{\"id\": \"a\", \"i\\\"d\": \"b\"}",                        /* a name with a quote */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"name\\\\\": 1}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"na\\u006De\": \"m\"}]}", /* "name" twice */
      /* Escapes in an indicator that this reader leaves to the others. */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\\u0000\"}]}",          /* a NUL */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\ud83dx\"}]}",           /* a high half alone */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\ud83d\\u0041\"}]}",   /* then no low half */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\ud83d\\ud83d\"}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\ud83d\"}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"a\\ude00\"}]}",           /* a low half alone */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\ud83d\\ude0g\"}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"a\\u00e\"}]}",            /* three hex digits */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"a\\u00\\u0041\"}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"\\u0041\\a\"}]}",       /* an escape JSON does not have */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"target\": \"\\u0041\\'\"}]}",
      /* Numbers JSON does not have, where read and where not. */
      "{\"id\": \"a\", \"self_total\": 01}",
      "{\"id\": \"a\", \"self_total\": 1.}",
      "{\"id\": \"a\", \"self_total\": .5}",
      "{\"id\": \"a\", \"self_total\": +1}",
      "{\"id\": \"a\", \"self_total\": 1e}",
      "{\"id\": \"a\", \"self_total\": 1e+}",
      "{\"id\": \"a\", \"self_total\": -}",
      "{\"id\": \"a\", \"self_total\": 1.5.5}",
      "{\"id\": \"a\", \"self_total\": 0x10}",
      "{\"id\": \"a\", \"self_total\": 1e101}",                  /* beyond RB_REPORT_EXPONENT_MAX */
      /* An indicator's numbers are checked where they are read. */
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"weight\": 1.}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"self_score\": 1.e5}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"weight\": 01}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"weight\": -}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"self_score\": 1e+}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"target\": 1.}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"actual\": -01}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"actual\": 2.5.1}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"target\": 0x10}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": 1}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"source\": 1.}]}",
      "{\"id\": \"a\", \"indicators\": [{\"name\": \"n\", \"note\": 01}]}",
      "{\"id\": \"a\", \"x-n\": 01}",
      "{\"id\": \"a\", \"x-n\": 1.}",
      "{\"id\": \"a\", \"x-n\": -}",
      "{\"id\": \"a\", \"x-n\": [1, 2,]}",
      "{\"id\": \"a\", \"x-n\": tru}",
      "{\"id\": \"a\", \"x-n\": nul}",
      "{\"id\": \"a\", \"x-n\": nulll}",
      "{\"id\": \"a\", \"x-n\": {\"a\" 1}}",
      "{\"id\": \"a\", \"x-n\": NaN}",
      "{\"id\": \"a\", \"facts\": {\"t\": True}}",
      /* Text around the report. */
      "{\"id\": \"a\"} x",
      "{\"id\": \"a\"} \"x",
      "{\"id\": \"a\"} {\"id\": \"b\"}", /* two values on one line */
      "{\"id\": \"a\"}{}",
      "{\"id\": \"a\"}]",
      "{\"id\": \"a\"}}",
      "{\"id\": \"a\"} 1",
      "{\"id\": \"a\",}",
      /* A missing comma before brackets that close the report (the fuzz pass
      ** found the first: On-Demand skipped a value not taken by its brackets). */
      "{\"id\":\"s\":[{}]}}",
      "{\"id\":\"s\",\"self_total\":1:[{}]}}",
      "{\"id\":\"s\",\"facts\":{\"a\":true:[{}]}}}",
      "{\"id\":\"s\",\"x-a\":[1]:2}}",
      "{\"id\":\"s\",\"indicators\":[{\"name\":\"n\",\"target\":\"1\":[]}]}}",
      "{\"id\": \"a\"",
      "{\"id\": \"a}",
      "[{\"id\": \"a\"}]",
      "\"id\"",
      "",
      " ",
      "{\"id\": \"a\"}\f",  /* a form feed */
      "{\"id\": \"a\"}\v",  /* a vertical tab */
      "\f{\"id\": \"a\"}",
      "{\"id\": \"a\"}\x00", /* a NUL byte, not escaped (the length includes it) */
      /* Bytes that are not UTF-8: left to the reader that converts GBK. */
      "{\"id\": \"\xC0\xAF\"}",         /* an overlong form */
      "{\"id\": \"\xED\xA0\x80\"}",     /* an encoded surrogate */
      "{\"id\": \"\xF4\x90\x80\x80\"}", /* beyond U+10FFFF */
      "{\"id\": \"\xB2\xE2\xCA\xD4\"}", /* GBK */
      "{\"id\": \"a\", \"x-k\": \"\xE4\xB8\"}",
  };
  for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    size_t len = strlen(texts[i]);
    if (strcmp(texts[i], "{\"id\": \"a\"}") == 0) len++; /* the NUL byte */
    bool simd = simd_read(texts[i], len, 0, false) || simd_read(texts[i], len, 0, true);
    if (simd) fprintf(stderr, "the simdjson reader read %s\n", texts[i]);
    CHECK(!simd);
  }
  /* The readers after it say what is wrong, as before. */
  rb_report_error err;
  CHECK(rb_report_read_json(report, texts[0], strlen(texts[0]), "t.json", 0, &err)); /* the last value */
  CHECK_STR(report->id, "b");
  const char *zero = "{\"id\": \"a\", \"self_total\": 01}"; /* one of texts */
  CHECK(!rb_report_read_json(report, zero, strlen(zero), "t.json", 0, &err));
  CHECK_STR(err.message, "t.json:1:28: invalid JSON: malformed number: a leading zero (write 7, not 07)");
}

/* rb_report_parse_number's strict form is JSON's grammar exactly (the
** simdjson reader relies on it for an indicator's numbers); the loose form
** of a text cell still reads "5." as 5. */
static void test_strict_numbers(void) {
  static const char *const refused[] = {"1.", "1.e5", "-1.", "01", "-01", "00.5", ".5", "-.5", "+1",  "1e",
                                        "1e+", "-",   "",   "1.5.5", "0x10", "1,000", " 1", "1 ", "1e5.", "e5"};
  static const char *const read[] = {"0", "-0", "1.5", "-0.25", "10", "1e5", "1E+5", "2.5e-3", "0e0", "123456789012345678901"};
  rb_num n;
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    bool ok = rb_report_parse_number(report->nums, refused[i], strlen(refused[i]), false, &n) == RB_NUMTEXT_OK;
    if (ok) fprintf(stderr, "the strict form read \"%s\"\n", refused[i]);
    CHECK(!ok);
  }
  for (size_t i = 0; i < sizeof read / sizeof read[0]; i++) {
    bool ok = rb_report_parse_number(report->nums, read[i], strlen(read[i]), false, &n) == RB_NUMTEXT_OK;
    if (!ok) fprintf(stderr, "the strict form refused \"%s\"\n", read[i]);
    CHECK(ok);
  }
  CHECK(rb_report_parse_number(report->nums, "5.", 2, true, &n) == RB_NUMTEXT_OK && n.n == 5 && n.d == 1);
}

/* ---- Mutations ----------------------------------------------------------- */

static uint64_t seed = 0x5eed14;
static unsigned next_random(unsigned below) {
  seed = seed * 6364136223846793005u + 1442695040888963407u;
  return (unsigned)((seed >> 33) % below);
}

/* Bytes a mutation writes: JSON's punctuation, digits, escapes' letters,
** spaces, the start of a multi-byte character. */
static const char mutation_bytes[] = "{}[]\":,\\ 0123456789-+.eEuntrfalsx\t\n\f\x01\xE4\xB8\xAD\xC0\xFF";

/* Whatever the simdjson reader reads, the events reader reads the same
** (and the events reader is the walk's equal, test_json_events.c); and
** rb_report_read_json never fails without a message. */
static void test_mutations(void) {
  static const char *const files[] = {"tests/report/fixtures/valid.json", "examples/jiangmen-2023-dept.json",
                                      "tests/report/fixtures/minimal.json"};
  char simd_dump[sizeof dump_buf];
  size_t tried = 0, read = 0;
  for (size_t fi = 0; fi < sizeof files / sizeof files[0]; fi++) {
    char *text = NULL;
    size_t len = 0;
    char message[256];
    CHECK(rb_file_read(files[fi], SIZE_MAX, &text, &len, message, sizeof message) == RB_FILE_OK);
    if (!text) continue;
    char *m = malloc(len + 8);
    CHECK(m != NULL);
    for (int round = 0; m && round < 3000; round++) {
      memcpy(m, text, len);
      size_t mlen = len;
      int edits = 1 + (int)next_random(3);
      for (int e = 0; e < edits && mlen > 1; e++) {
        size_t at = next_random((unsigned)mlen);
        switch (next_random(4)) {
        case 0: m[at] = mutation_bytes[next_random(sizeof mutation_bytes - 1)]; break;
        case 1: /* delete a byte */
          memmove(m + at, m + at + 1, mlen - at - 1);
          mlen--;
          break;
        case 2: mlen = at + 1; break; /* cut */
        default: /* insert a byte */
          if (mlen < len + 7) {
            memmove(m + at + 1, m + at, mlen - at);
            m[at] = mutation_bytes[next_random(sizeof mutation_bytes - 1)];
            mlen++;
          }
        }
      }
      tried++;
      if (simd_read(m, mlen, 0, next_random(2) == 0)) {
        read++;
        snprintf(simd_dump, sizeof simd_dump, "%s", dump(report));
        bool events = events_read(m, mlen, 0);
        if (!events || strcmp(dump(report), simd_dump) != 0) {
          fprintf(stderr, "mutation %zu of %s: simdjson read what events %s: %.*s\n", tried, files[fi],
                  events ? "read otherwise" : "refused", (int)mlen, m);
          CHECK(false);
        }
      }
      rb_report_error err;
      err.message[0] = '\0';
      if (!rb_report_read_json(report, m, mlen, "t.json", 0, &err)) CHECK(err.message[0] != '\0');
    }
    free(m);
    free(text);
  }
  /* Most mutations break a report; some must still be read (a digit for a
  ** digit), so both sides of the comparison are exercised. */
  printf("mutations: %zu tried, %zu read by the simdjson reader\n", tried, read);
  CHECK(read > 50 && read < tried);
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
  test_given_up();
  test_strict_numbers();
  test_mutations();
  rb_report_free(report);
  return check_done();
}
