/*
** test_report.c — the report readers (report/report.h) against small files.
**
** Every expected value here was written by hand from the fixture or the
** published table, never copied from the reader's output: money is checked
** in 元 after the unit conversion worked out on paper (1.93 亿元 is
** 193000000 元), messages are the exact text a user would see.  Run from the
** project root (CTest does): fixtures are read by relative path.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/report.h"

/* ---- Helpers ----------------------------------------------------------- */

/* A number as text ("165.52", "40/3") in a buffer the caller provides. */
static const char *num_text(rb_num n, char *buf) {
  rb_num_format(n, buf, 64);
  return buf;
}
#define NUM(n) num_text((n), (char[64]){0})
#define OPT(o) ((o).has ? NUM((o).v) : "(absent)")

static rb_report *report;

/* The report's note i, or one saying "(no note)" when there is none. */
static rb_report_note note_at(size_t i) {
  if (i < report->note_count) return report->notes[i];
  return (rb_report_note){.kind = RB_NOTE_UNREAD, .path = "(no note)", .message = "(no note)"};
}

/* Read JSON text; returns the error message, or "" on success. */
static const char *json(const char *text, const char *source, int line) {
  static rb_report_error err;
  err.message[0] = '\0';
  if (rb_report_read_json(report, text, strlen(text), source, line, &err)) return "";
  return err.message;
}

static const char *csv(const char *text, const char *source) {
  static rb_report_error err;
  err.message[0] = '\0';
  if (rb_report_read_csv(report, text, strlen(text), source, &err)) return "";
  return err.message;
}

static const char *file(const char *path) {
  static rb_report_error err;
  err.message[0] = '\0';
  if (rb_report_read_file(report, path, &err)) return "";
  return err.message;
}

/* ---- JSON: a report using every member ---------------------------------- */

static void test_valid_json(void) {
  CHECK_STR(file("tests/report/fixtures/valid.json"), "");
  rb_report *r = report;
  CHECK_STR(r->id, "gz-2022-dept");
  CHECK_STR(r->unit, "广州市某局");
  CHECK_STR(r->title, "部门整体支出");
  CHECK(r->has_year && r->year == 2022);
  CHECK(r->kind == RB_REPORT_DEPARTMENT);
  CHECK_STR(r->money_unit, "亿元");
  CHECK(r->money_scale == 8);
  CHECK_STR(r->source, "tests/report/fixtures/valid.json");
  CHECK(r->source_line == 0);
  /* 亿元 × 10^8: 1.93 → 193000000; "2.5" (text) → 250000000; 1.5e0 → 150000000. */
  CHECK_STR(OPT(r->planned), "193000000");
  CHECK_STR(OPT(r->adjusted), "250000000");
  CHECK_STR(OPT(r->allocated), "200000000");
  CHECK_STR(OPT(r->spent), "150000000");
  CHECK(r->line_count == 1);
  if (r->line_count == 1) {
    CHECK_STR(r->lines[0].name, "专项资金");
    CHECK_STR(OPT(r->lines[0].planned), "50000000");
    CHECK_STR(OPT(r->lines[0].allocated), "25000000");
    CHECK_STR(OPT(r->lines[0].spent), "0");
  }

  /* Facts: the null one is not given. */
  CHECK(r->fact_count == 3);
  const rb_fact *f = rb_report_fact(r, "可行性论证");
  CHECK(f && f->type == RB_FACT_BOOL && f->boolean);
  f = rb_report_fact(r, "监管有效性");
  CHECK(f && f->type == RB_FACT_NUMBER);
  if (f) CHECK_STR(NUM(f->number), "8");
  f = rb_report_fact(r, "公开情况");
  CHECK(f && f->type == RB_FACT_TEXT);
  if (f) CHECK_STR(f->text, "已公开");
  CHECK(rb_report_fact(r, "未提供") == NULL);
  CHECK(rb_report_fact(r, "可行性") == NULL);

  CHECK(r->indicator_count == 4);
  if (r->indicator_count == 4) {
    const rb_indicator *in = r->indicators;
    CHECK_STR(in[0].level1, "产出");
    CHECK_STR(in[0].level2, "数量指标");
    CHECK_STR(in[0].name, "专项调研次数");
    CHECK_STR(in[0].target_text, "110次以上");
    CHECK_STR(in[0].actual_text, "145次");
    CHECK_STR(in[0].target.text, "110次以上");
    CHECK_STR(in[0].actual.text, "145次");
    CHECK_STR(OPT(in[0].weight), "10");
    CHECK_STR(OPT(in[0].self_score), "9.5");
    CHECK_STR(in[0].note, "见佐证材料1");
    CHECK(in[0].source_line == 0);
    /* JSON numbers keep their literal text. */
    CHECK_STR(in[1].target_text, "90");
    CHECK_STR(in[1].actual_text, "95.5");
    CHECK_STR(OPT(in[1].weight), "(absent)");
    CHECK_STR(OPT(in[1].self_score), "(absent)");
    CHECK(in[1].note == NULL);
    /* No level given: ""; actual null or blank: none. */
    CHECK_STR(in[2].level1, "");
    CHECK_STR(in[2].level2, "");
    CHECK(in[2].actual_text == NULL);
    CHECK(in[2].actual.kind == RB_MK_TEXT);
    CHECK_STR(in[2].actual.text, "");
    CHECK(in[3].actual_text == NULL);
    CHECK_STR(in[3].actual.text, "");
  }

  CHECK_STR(OPT(r->self_total), "97.49");
  CHECK_STR(r->self_grade, "优");
  CHECK(r->self_score_count == 2);
  const char *p1[] = {"履职效能", "整体效能"};
  const rb_self_score *s = rb_report_self_score(r, p1, 2);
  CHECK(s != NULL);
  if (s) CHECK_STR(NUM(s->score), "24.49");
  const char *p2[] = {"管理效能"};
  s = rb_report_self_score(r, p2, 1);
  CHECK(s != NULL);
  if (s) CHECK_STR(NUM(s->score), "48.5");
  CHECK(rb_report_self_score(r, p1, 1) == NULL); /* ["履职效能"] is not given */
  const char *p3[] = {"管理效能", "预算编制"};
  CHECK(rb_report_self_score(r, p3, 2) == NULL);
}

/* ---- JSON: every optional member absent --------------------------------- */

static void test_minimal_json(void) {
  CHECK_STR(file("tests/report/fixtures/minimal.json"), "");
  rb_report *r = report;
  CHECK_STR(r->id, "min-1");
  CHECK(r->unit == NULL && r->title == NULL);
  CHECK(!r->has_year);
  CHECK(r->kind == RB_REPORT_UNKNOWN);
  CHECK_STR(r->money_unit, "万元");
  CHECK(r->money_scale == 4); /* the documented default */
  CHECK(!r->planned.has && !r->adjusted.has && !r->allocated.has && !r->spent.has);
  CHECK(r->line_count == 0 && r->fact_count == 0 && r->indicator_count == 0 && r->self_score_count == 0);
  CHECK(!r->self_total.has);
  CHECK(r->self_grade == NULL);

  CHECK_STR(json("{\"id\": \"min-2\", \"indicators\": [{\"name\": \"培训标准\", \"target\": \"550元/人/天\"}]}",
                 "m.json", 0),
            "");
  CHECK(report->indicator_count == 1);
  if (report->indicator_count == 1) {
    const rb_indicator *in = &report->indicators[0];
    CHECK_STR(in->level1, "");
    CHECK_STR(in->level2, "");
    CHECK_STR(in->name, "培训标准");
    CHECK_STR(in->target_text, "550元/人/天");
    CHECK(in->actual_text == NULL);
    CHECK(!in->weight.has && !in->self_score.has);
    CHECK(in->note == NULL);
  }

  /* Empty arrays and objects are fine. */
  CHECK_STR(json("{\"id\": \"e\", \"budget\": {\"lines\": []}, \"facts\": {}, \"indicators\": [], "
                 "\"self_scores\": []}",
                 "e.json", 0),
            "");
  CHECK(report->line_count == 0 && report->fact_count == 0 && report->indicator_count == 0);

  /* Text need not be NUL-terminated: exact-size heap copies (ASan checks). */
  static const char json_text[] = "{\"id\": \"heap\"}", csv_text[] = "三级指标,指标值\na,1";
  char *copy = malloc(sizeof json_text - 1);
  rb_report_error err;
  if (copy) {
    memcpy(copy, json_text, sizeof json_text - 1);
    CHECK(rb_report_read_json(report, copy, sizeof json_text - 1, "h.json", 0, &err));
    CHECK_STR(report->id, "heap");
    free(copy);
  }
  copy = malloc(sizeof csv_text - 1);
  if (copy) {
    memcpy(copy, csv_text, sizeof csv_text - 1);
    CHECK(rb_report_read_csv(report, copy, sizeof csv_text - 1, "h.csv", &err));
    CHECK(report->indicator_count == 1 && strcmp(report->indicators[0].target_text, "1") == 0);
    free(copy);
  }

  /* JSON Lines: the line is kept, and given to every indicator. */
  CHECK_STR(json("{\"id\": \"l\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\"}]}", "b.jsonl", 7), "");
  CHECK(report->source_line == 7);
  CHECK(report->indicator_count == 1 && report->indicators[0].source_line == 7);
}

/* ---- JSON: errors name the report and the path -------------------------- */

static void test_json_errors(void) {
  static const struct {
    const char *text, *message;
  } cases[] = {
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\"}, {\"name\": \"b\", \"target\": \"2\"}, "
       "{\"name\": \"c\", \"target\": \"3\"}, {\"name\": \"d\", \"target\": {}}]}",
       "report r1: $.indicators[3].target: expected text or a number, found an object"},
      {"{\"id\": \"r1\", \"year\": \"二〇二四\"}", "report r1: $.year: expected a number, found text \"二〇二四\""},
      {"{\"id\": \"r1\", \"year\": 24}", "report r1: $.year: expected a year such as 2024, found the number 24"},
      {"{\"id\": \"r1\", \"budget\": {\"planned\": \"165,52\"}}",
       "report r1: $.budget.planned: expected a number, found text \"165,52\""},
      {"{\"id\": \"r1\", \"budget\": {\"planned\": \"165.52万元\"}}",
       "report r1: $.budget.planned: expected a number, found text \"165.52万元\""},
      {"{\"id\": \"r1\", \"budget\": {\"lines\": [{\"name\": \"x\", \"spent\": true}]}}",
       "report r1: $.budget.lines[0].spent: expected a number, found true"},
      {"{\"id\": \"r1\", \"budget\": {\"lines\": [{\"planned\": 1}]}}",
       "report r1: $.budget.lines[0].name: missing required member"},
      {"{\"id\": \"r1\", \"budget\": {\"spent\": -1}}", "report r1: $.budget.spent: must not be negative"},
      {"{\"id\": \"r1\", \"budget\": []}", "report r1: $.budget: expected an object, found an array"},
      {"{\"id\": \"r1\", \"indicators\": {}}", "report r1: $.indicators: expected an array, found an object"},
      {"{\"id\": \"r1\", \"indicators\": [\"a\"]}",
       "report r1: $.indicators[0]: expected an object, found text \"a\""},
      {"{\"id\": \"r1\", \"indicators\": [{\"target\": \"1\"}]}",
       "report r1: $.indicators[0].name: missing required member"},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \" \", \"target\": \"1\"}]}",
       "report r1: $.indicators[0].name: must not be empty"},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": true}]}",
       "report r1: $.indicators[0].target: expected text or a number, found true"},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\", \"actual\": [1]}]}",
       "report r1: $.indicators[0].actual: expected text or a number, found an array"},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\", \"weight\": -5}]}",
       "report r1: $.indicators[0].weight: must not be negative"},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\", \"self_score\": \"满分\"}]}",
       "report r1: $.indicators[0].self_score: expected a number, found text \"满分\""},
      {"{\"id\": \"r1\", \"indicators\": [{\"name\": \"a\", \"target\": \"1\", \"note\": 5}]}",
       "report r1: $.indicators[0].note: expected text, found the number 5"},
      {"{\"id\": \"r1\", \"facts\": {\"可行性论证\": [true]}}",
       "report r1: $.facts[\"可行性论证\"]: expected a number, text, true or false, found an array"},
      {"{\"id\": \"r1\", \"facts\": []}", "report r1: $.facts: expected an object, found an array"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [], \"score\": 1}]}",
       "report r1: $.self_scores[0].path: must name at least one node of the rubric tree"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"score\": 1}]}",
       "report r1: $.self_scores[0].path: missing required member"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": \"决策\", \"score\": 1}]}",
       "report r1: $.self_scores[0].path: expected an array, found text \"决策\""},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [\"决策\", 3], \"score\": 1}]}",
       "report r1: $.self_scores[0].path[1]: expected text, found the number 3"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [\"决策\", \"\"], \"score\": 1}]}",
       "report r1: $.self_scores[0].path[1]: must not be empty"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [\"决策\"]}]}",
       "report r1: $.self_scores[0].score: missing required member"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [\"决策\"], \"score\": 20}, {\"path\": [\"决策\"], \"score\": 12}]}",
       "report r1: $.self_scores[1].path: the same path as $.self_scores[0]"},
      {"{\"id\": \"r1\", \"kind\": \"proj\"}",
       "report r1: $.kind: expected \"project\" or \"department\", found text \"proj\""},
      {"{\"id\": \"r1\", \"money_unit\": \"美元\"}",
       "report r1: $.money_unit: expected \"元\", \"万元\" or \"亿元\" (or 千元, 百万元, 千万元, 万亿元), found text "
       "\"美元\""},
      {"{\"id\": \"r1\", \"self_grade\": 1}", "report r1: $.self_grade: expected text, found the number 1"},
      {"{\"id\": \"r1\", \"unit\": \"a\\u0000b\"}", "report r1: $.unit: text contains a NUL character (\\u0000)"},
      /* Numbers too long to be a figure: 201 digits (the limit is 200). */
      {"{\"id\": \"r1\", \"self_total\": "
       "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
       "1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
       "1}",
       "report r1: $.self_total: number out of range: 1234567890123456789012345678901234567890… (a number may "
       "have at most 200 characters and an exponent within ±100)"},
      {"{\"id\": \"r1\", \"self_total\": 1e999}",
       "report r1: $.self_total: number out of range: 1e999 (a number may have at most 200 characters and an "
       "exponent within ±100)"},
      {"{\"id\": \"r1\", \"self_total\": \"1e-101\"}",
       "report r1: $.self_total: number out of range: 1e-101 (a number may have at most 200 characters and an "
       "exponent within ±100)"},
      /* The fact's name is cut at the NUL when shown. */
      {"{\"id\": \"r1\", \"facts\": {\"a\\u0000b\": 1}}",
       "report r1: $.facts[\"a\"]: text contains a NUL character (\\u0000)"},
      {"{\"id\": \"r1\", \"self_scores\": [{\"path\": [\"决策\", null], \"score\": 1}]}",
       "report r1: $.self_scores[0].path[1]: expected text, found null"},
      {"{\"id\": \"r1\", \"indicators\": [null]}", "report r1: $.indicators[0]: expected an object, found null"},
      {"{\"id\": \"r1\", \"year\": 1.5e30}",
       "report r1: $.year: expected a year such as 2024, found the number 1.5e30"},
      /* Before the id is read, the file names the report. */
      {"{\"title\": \"x\"}", "t.json: $.id: missing required member"},
      {"{\"id\": null}", "t.json: $.id: missing required member"},
      {"{\"id\": 7}", "t.json: $.id: expected text, found the number 7"},
      {"{\"id\": \" \"}", "t.json: $.id: must not be empty"},
      {"[1]", "t.json: $: expected an object, found an array"},
      /* A top-level scalar is JSON, but not a report. */
      {"123", "t.json: $: expected an object, found the number 123"},
      {"\"x\"", "t.json: $: expected an object, found text \"x\""},
      {" null ", "t.json: $: expected an object, found null"},
      {"{\"id\": \"a\\u0000\"}", "t.json: $.id: text contains a NUL character (\\u0000)"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = json(cases[i].text, "t.json", 0);
    if (strcmp(got, cases[i].message) != 0) fprintf(stderr, "case %zu: %s\n", i, cases[i].text);
    CHECK_STR(got, cases[i].message);
  }
  /* JSON Lines: file and line when there is no id. */
  CHECK_STR(json("{\"title\": \"x\"}", "b.jsonl", 12), "b.jsonl:12: $.id: missing required member");
  /* No source given. */
  CHECK_STR(json("{}", NULL, 0), "<input>: $.id: missing required member");
}

/* ---- JSON: syntax errors with line and column --------------------------- */

/* Read len bytes (for text holding a NUL byte); returns the message or "". */
static const char *json_n(const char *text, size_t len, const char *source, int line) {
  static rb_report_error err;
  err.message[0] = '\0';
  if (rb_report_read_json(report, text, len, source, line, &err)) return "";
  return err.message;
}

/* n opening brackets and n closing ones, in buf. */
static const char *nested(char *buf, size_t n) {
  for (size_t i = 0; i < n; i++) {
    buf[i] = '[';
    buf[n + i] = ']';
  }
  buf[2 * n] = '\0';
  return buf;
}

static void test_invalid_json(void) {
  /* A trailing comma (strict JSON): the '}' on line 4, column 1. */
  CHECK_STR(file("tests/report/fixtures/broken.json"),
            "tests/report/fixtures/broken.json:4:1: invalid JSON: extra ',' before '}'");
  /* Columns count characters from 1, lines from 1.  Each column below was
  ** counted by hand on the text beside it. */
  static const struct {
    const char *text, *message;
  } cases[] = {
      /* 'x' is the 15th character, the 19th byte. */
      {"{\"unit\": \"江门\" x}", "t.json:1:15: invalid JSON: unexpected character 'x'"},
      /* The end: one past the last character. */
      {"{\"id\": \"r1\"", "t.json:1:12: invalid JSON: unexpected end of input"},
      {"", "t.json:1:1: invalid JSON: unexpected end of input"},
      {"   \n  ", "t.json:2:3: invalid JSON: unexpected end of input"},
      {"{\"id\": \"r1\", \"x\": 1 ", "t.json:1:21: invalid JSON: unexpected end of input"},
      {"{\"a\": \"unterminated", "t.json:1:20: invalid JSON: unexpected end of input"},
      /* A second value: the '{' at 14. */
      {"{\"id\": \"r1\"} {}", "t.json:1:14: invalid JSON: text after the report"},
      {"{\"a\": 1}}", "t.json:1:9: invalid JSON: text after the report"},
      {"{\"a\": 1} // note", "t.json:1:10: invalid JSON: comments are not allowed in JSON"},
      {"{\"id\": \"x\"} \"abc", "t.json:1:13: invalid JSON: text after the report"}, /* yajl let this through */
      /* Grammar: the token at fault. */
      {"{\"id\": \"r1\",}", "t.json:1:13: invalid JSON: extra ',' before '}'"},
      {"[1, 2,]", "t.json:1:7: invalid JSON: extra ',' before ']'"},
      {"{\"id\" \"r1\"}", "t.json:1:7: invalid JSON: expected ':' after the member name, found '\"'"},
      {"{\"id\": \"r1\" \"year\": 2024}", "t.json:1:13: invalid JSON: expected ',' or '}' after a member, found '\"'"},
      {"{\"标题\": \"x\" \"y\"}", "t.json:1:12: invalid JSON: expected ',' or '}' after a member, found '\"'"},
      {"{\"a\": [1 2]}", "t.json:1:10: invalid JSON: expected ',' or ']' after an element, found '2'"},
      {"{\"a\": ]}", "t.json:1:7: invalid JSON: expected a value, found ']'"},
      {"{1: 2}", "t.json:1:2: invalid JSON: expected a member name in double quotes, found '1'"},
      {"{\"a\": nul}", "t.json:1:7: invalid JSON: expected true, false or null"},
      /* A name without its double quotes; after a value, a missing comma. */
      {"{not json", "t.json:1:2: invalid JSON: expected a member name in double quotes, found 'n'"},
      {"{'a': 1}", "t.json:1:2: invalid JSON: expected a member name in double quotes, found \"'\""},
      {"{\"a\": 1, b: 2}", "t.json:1:10: invalid JSON: expected a member name in double quotes, found 'b'"},
      {"{“a”: 1}", "t.json:1:2: invalid JSON: expected a member name in double quotes, found '“'"},
      {"{\"a\": 1 x}", "t.json:1:9: invalid JSON: unexpected character 'x'"},
      {"{\"id\": tru}", "t.json:1:8: invalid JSON: expected true, false or null"},
      /* Characters that have no place there. */
      {"{\"a\": True}", "t.json:1:7: invalid JSON: unexpected character 'T'"},
      {"{\"a\": NaN}", "t.json:1:7: invalid JSON: unexpected character 'N'"},
      {"{\"a\": 'x'}", "t.json:1:7: invalid JSON: unexpected character \"'\" (text is written in double quotes)"},
      {"{\"a\"：1}", "t.json:1:5: invalid JSON: unexpected character '：'"},
      {"/* note */ {}", "t.json:1:1: invalid JSON: comments are not allowed in JSON"},
      {"{\"a\": [1, /* two */ 2]}", "t.json:1:11: invalid JSON: comments are not allowed in JSON"},
      /* One byte order mark is dropped (test_encodings); a second is an error. */
      {"\xEF\xBB\xBF\xEF\xBB\xBF{\"id\": \"x\"}",
       "t.json:1:1: invalid JSON: a second byte order mark (BOM) before the report"},
      {"{\"id\": \"x\",\f\"year\": 2024}", "t.json:1:12: invalid JSON: unexpected control character (form feed)"},
      {"{\"id\": \"x\",\v\"year\": 2024}", "t.json:1:12: invalid JSON: unexpected control character (vertical tab)"},
      /* Numbers: where the digit is missing. */
      {"{\"a\": 1.}", "t.json:1:9: invalid JSON: malformed number: a digit must follow the decimal point"},
      {"{\"a\": -}", "t.json:1:8: invalid JSON: malformed number: a digit must follow '-'"},
      {"{\"a\": 1e}", "t.json:1:9: invalid JSON: malformed number: a digit must follow the exponent"},
      {"{\"a\": 07}", "t.json:1:8: invalid JSON: malformed number: a leading zero (write 7, not 07)"},
      {"{\"a\": -07}", "t.json:1:9: invalid JSON: malformed number: a leading zero (write 7, not 07)"},
      /* Inside text: the character at fault. */
      {"{\"a\": \"x\ty\"}",
       "t.json:1:9: invalid JSON: a control character inside text (write a tab as \\t and a line break as \\n)"},
      {"{\"a\": \"C:\\data\"}", "t.json:1:10: invalid JSON: invalid escape in text (write a backslash as \\\\)"},
      {"{\"a\": \"\\u12G4\"}",
       "t.json:1:12: invalid JSON: invalid \\u escape in text (four hexadecimal digits must follow \\u)"},
      /* Neither UTF-8 nor GB18030: a stray byte 0xFF, an encoded surrogate
      ** (ED A0 80: ED A0 is a GB18030 character, then 80 starts none),
      ** beyond U+10FFFF (F4 90 80 80: likewise, F4 90 then 80), as iconv
      ** -f GB18030 confirms.  One message, at the first byte that is not
      ** UTF-8.  (GBK text is read: test_encodings.) */
      {"{\"id\": \"\xff\"}", "t.json:1:9: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8"},
      {"{\"id\": \"\xed\xa0\x80\"}",
       "t.json:1:9: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8"},
      {"{\"id\": \"ok\", \"t\": \"\xf4\x90\x80\x80\"}",
       "t.json:1:20: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8"},
      /* GBK 培 and a raw tab: converted, then the tab is the 9th character. */
      {"{\"a\": \"\xc5\xe0\tx\"}",
       "t.json:1:9: invalid JSON: a control character inside text (write a tab as \\t and a line break as \\n)"},
      /* A member without its comma, on line 4 of a file, column 3: LF, CRLF. */
      {"{\n  \"id\": \"x\",\n  \"year\": 2024\n  \"unit\": \"u\"\n}",
       "t.json:4:3: invalid JSON: expected ',' or '}' after a member, found '\"'"},
      {"{\r\n  \"id\": \"x\",\r\n  \"year\": 2024\r\n  \"unit\": \"u\"\r\n}",
       "t.json:4:3: invalid JSON: expected ',' or '}' after a member, found '\"'"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = json(cases[i].text, "t.json", 0);
    if (strcmp(got, cases[i].message) != 0) fprintf(stderr, "syntax case %zu: %s\n", i, cases[i].text);
    CHECK_STR(got, cases[i].message);
  }
  /* In JSON Lines the line is the file's. */
  CHECK_STR(json("{\"id\": tru}", "b.jsonl", 7), "b.jsonl:7:8: invalid JSON: expected true, false or null");
  CHECK_STR(json("{\"id\": \"x\",\n \"a\": ]}", "b.jsonl", 7),
            "b.jsonl:8:7: invalid JSON: expected a value, found ']'");
  /* A raw NUL byte is a control character. */
  CHECK_STR(json_n("{\"a\": \"x\0\"}", 11, "t.json", 0),
            "t.json:1:9: invalid JSON: a control character inside text (write a tab as \\t and a line break as \\n)");
  CHECK_STR(json_n("{\"id\": \"x\"}\0", 12, "t.json", 0), "t.json:1:12: invalid JSON: text after the report");

  /* Nesting: 32 levels are JSON (json-c's limit too), 33 are not; the 33rd
  ** bracket is at column 33. */
  char deep[80];
  CHECK_STR(json(nested(deep, 32), "t.json", 0), "t.json: $: expected an object, found an array");
  CHECK_STR(json(nested(deep, 33), "t.json", 0),
            "t.json:1:33: invalid JSON: nested too deeply (more than 32 levels of arrays and objects)");
  /* The value inside 31 objects is at level 32; inside 32, at 33. */
  char objects[300];
  size_t n = 0;
  for (int i = 0; i < 32; i++) n += (size_t)snprintf(objects + n, sizeof objects - n, "{\"a\":");
  snprintf(objects + n, sizeof objects - n, "1");
  CHECK_STR(json(objects, "t.json", 0),
            "t.json:1:161: invalid JSON: nested too deeply (more than 32 levels of arrays and objects)");
  n = 0;
  for (int i = 0; i < 31; i++) n += (size_t)snprintf(objects + n, sizeof objects - n, "{\"a\":");
  n += (size_t)snprintf(objects + n, sizeof objects - n, "1");
  for (int i = 0; i < 31; i++) n += (size_t)snprintf(objects + n, sizeof objects - n, "}");
  CHECK_STR(json(objects, "t.json", 0), "t.json: $.id: missing required member");
}

/* ---- JSON: text as written, names given twice ---------------------------- */

static void test_json_text(void) {
  /* Escapes and surrogate pairs; a lone surrogate is refused at its escape
  ** (as U+FFFD, "a\ud800" and "a\udc00" would be the same id). */
  CHECK_STR(json("{\"id\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}", "e.json", 0), "");
  CHECK_STR(report->id, "\"\\/\b\f\n\r\t");
  CHECK_STR(json("{\"id\": \"\\u6c5f\\u95e8 \\ud83d\\ude00\"}", "e.json", 0), "");
  CHECK_STR(report->id, "江门 😀");
  CHECK_STR(json("{\"id\": \"a\\ud800b\"}", "e.json", 0),
            "e.json:1:10: invalid JSON: a \\u escape that is half of a character (a lone surrogate, \\ud800–\\udfff, "
            "not in a pair)");
  CHECK_STR(json("{\"id\": \"\\ud83d\\ude00\\udc00\"}", "e.json", 0),
            "e.json:1:21: invalid JSON: a \\u escape that is half of a character (a lone surrogate, \\ud800–\\udfff, "
            "not in a pair)");
  CHECK_STR(json("{\"id\": \"\\ud800\\ud800\\udc00\"}", "e.json", 0),
            "e.json:1:9: invalid JSON: a \\u escape that is half of a character (a lone surrogate, \\ud800–\\udfff, "
            "not in a pair)");
  /* An escaped quote or backslash just before the end, and an escaped name. */
  CHECK_STR(json("{\"title\": \"a\\\\\", \"i\\u0064\": \"b\\\"\"}", "e.json", 0), "");
  CHECK_STR(report->id, "b\"");
  CHECK_STR(report->title, "a\\");
  /* Text need not be NUL-terminated, escapes included (ASan checks). */
  static const char escaped[] = "{\"id\": \"\\u0041\"}";
  char *copy = malloc(sizeof escaped - 1);
  if (copy) {
    memcpy(copy, escaped, sizeof escaped - 1);
    CHECK_STR(json_n(copy, sizeof escaped - 1, "e.json", 0), "");
    CHECK_STR(report->id, "A");
    free(copy);
  }

  /* A name given twice: the last value counts (null included). */
  CHECK_STR(json("{\"id\": \"a\", \"id\": \"b\"}", "d.json", 0), "");
  CHECK_STR(report->id, "b");
  CHECK_STR(json("{\"id\": \"a\", \"id\": null}", "d.json", 0), "d.json: $.id: missing required member");
  CHECK_STR(json("{\"id\": \"d\", \"year\": 2023, \"year\": null}", "d.json", 0), "");
  CHECK(!report->has_year);
  /* Facts: the first place, the last value. */
  CHECK_STR(json("{\"id\": \"d\", \"facts\": {\"x\": 1, \"y\": true, \"x\": 3, \"z\": null, \"y\": false}}",
                 "d.json", 0),
            "");
  CHECK(report->fact_count == 2);
  if (report->fact_count == 2) {
    CHECK_STR(report->facts[0].name, "x");
    CHECK_STR(NUM(report->facts[0].number), "3");
    CHECK_STR(report->facts[1].name, "y");
    CHECK(report->facts[1].type == RB_FACT_BOOL && !report->facts[1].boolean);
  }
  /* Many facts, several twice (the sorted path). */
  char many[4096];
  size_t n = (size_t)snprintf(many, sizeof many, "{\"id\": \"m\", \"facts\": {");
  for (int i = 0; i < 40; i++)
    n += (size_t)snprintf(many + n, sizeof many - n, "%s\"f%d\": %d", i ? ", " : "", i % 30, i);
  snprintf(many + n, sizeof many - n, "}}");
  CHECK_STR(json(many, "m.json", 0), "");
  CHECK(report->fact_count == 30);
  if (report->fact_count == 30) {
    /* f0..f9 were given again as 30..39; f10..f29 once. */
    CHECK_STR(report->facts[0].name, "f0");
    CHECK_STR(NUM(report->facts[0].number), "30");
    CHECK_STR(report->facts[9].name, "f9");
    CHECK_STR(NUM(report->facts[9].number), "39");
    CHECK_STR(report->facts[10].name, "f10");
    CHECK_STR(NUM(report->facts[10].number), "10");
    CHECK_STR(report->facts[29].name, "f29");
    CHECK_STR(NUM(report->facts[29].number), "29");
  }
  /* Members the format does not know are not read, whatever they hold, and
  ** noted (test_unknown_members); "" is not a plain name. */
  CHECK_STR(json("{\"x\": [{\"y\": \"\\u0000\"}, 1e999, -0], \"id\": \"u\", \"\": 1}", "u.json", 0), "");
  CHECK_STR(report->id, "u");
  CHECK(report->note_count == 2);
  CHECK_STR(note_at(0).path, "$.x");
  CHECK_STR(note_at(1).path, "$[\"\"]");
  /* A name with a NUL byte is not the name without it. */
  CHECK_STR(json("{\"id\": \"ok\", \"year\\u0000x\": 12}", "u.json", 0), "");
  CHECK(!report->has_year);
  CHECK(report->note_count == 1);
  CHECK_STR(note_at(0).path, "$[\"year\\u0000x\"]");
  CHECK_STR(note_at(0).message, "报告格式 v1 没有这个字段，未读取");
}

/* ---- Numbers are exact -------------------------------------------------- */

static void test_numbers_exact(void) {
  CHECK_STR(json("{\"id\": \"n\", \"budget\": {\"planned\": 165.52, \"spent\": 0.1}, \"facts\": {\"a\": 165.52, "
                 "\"b\": 1.50e3, \"c\": 2.675, \"d\": -0.5}}",
                 "n.json", 0),
            "");
  /* 165.52 万元 is 1655200 元 exactly; 0.1 万元 is 1000 元, not 999.99…. */
  CHECK_STR(OPT(report->planned), "1655200");
  CHECK(report->planned.has && rb_num_cmp(report->planned.v, rb_num_int(1655200)) == 0);
  CHECK_STR(OPT(report->spent), "1000");
  const rb_fact *f = rb_report_fact(report, "a");
  CHECK(f != NULL);
  if (f) {
    rb_num want;
    CHECK(rb_num_frac(report->nums, 16552, 100, &want) && rb_num_cmp(f->number, want) == 0);
    CHECK_STR(NUM(f->number), "165.52");
  }
  f = rb_report_fact(report, "b");
  if (f) CHECK_STR(NUM(f->number), "1500");
  f = rb_report_fact(report, "c");
  if (f) CHECK_STR(NUM(f->number), "2.675");
  f = rb_report_fact(report, "d");
  if (f) CHECK_STR(NUM(f->number), "-0.5");

  /* Numbers as text: thousands separators in groups of three, spaces. */
  CHECK_STR(json("{\"id\": \"n\", \"money_unit\": \"元\", \"budget\": {\"planned\": \"1,655,200.00\", "
                 "\"spent\": \" 132.65 \", \"allocated\": \"1e3\"}}",
                 "n.json", 0),
            "");
  CHECK_STR(OPT(report->planned), "1655200");
  CHECK_STR(OPT(report->spent), "132.65");
  CHECK_STR(OPT(report->allocated), "1000");
  CHECK_STR(json("{\"id\": \"n\", \"budget\": {\"planned\": \"1,65,200\"}}", "n.json", 0),
            "report n: $.budget.planned: expected a number, found text \"1,65,200\"");

  /* Big, but readable: beyond 64 bits as a decimal literal. */
  /* 千元, beyond the three units of most tables, is 10^3 元: 12.5 千元 is 12500 元. */
  {
    rb_report *k = rb_report_new();
    rb_report_error kerr;
    const char *kt = "{\"id\": \"k\", \"money_unit\": \"千元\", \"budget\": {\"planned\": 12.5}}";
    CHECK(k && rb_report_read_json(k, kt, strlen(kt), "k.json", 0, &kerr));
    CHECK(k && k->money_scale == 3 && k->planned.has && rb_num_cmp(k->planned.v, rb_num_int(12500)) == 0);
    rb_report_free(k);
  }
  CHECK_STR(json("{\"id\": \"n\", \"money_unit\": \"元\", \"budget\": {\"planned\": 12345678901234567890.5}}", "n.json",
                 0),
            "");
  CHECK_STR(OPT(report->planned), "12345678901234567890.5");
  /* Integers of any size are exact (json-c saturated them at 64 bits). */
  static const struct {
    const char *literal, *value;
  } integers[] = {
      {"9223372036854775806", "9223372036854775806"},   {"9223372036854775807", "9223372036854775807"},
      {"-9223372036854775808", "-9223372036854775808"}, {"18446744073709551616", "18446744073709551616"},
      {"99999999999999999999999", "99999999999999999999999"},
      {"-99999999999999999999", "-99999999999999999999"},
  };
  for (size_t i = 0; i < sizeof integers / sizeof integers[0]; i++) {
    char text[128];
    snprintf(text, sizeof text, "{\"id\": \"n\", \"self_total\": %s}", integers[i].literal);
    CHECK_STR(json(text, "n.json", 0), "");
    CHECK_STR(OPT(report->self_total), integers[i].value);
  }
  /* 200 digits is the longest literal: 10^199 + 1. */
  char longest[256] = "{\"id\": \"n\", \"self_total\": 1";
  size_t n = strlen(longest);
  for (int i = 0; i < 198; i++) longest[n++] = '0';
  memcpy(longest + n, "1}", 3);
  CHECK_STR(json(longest, "n.json", 0), "");
  rb_num want;
  CHECK(rb_num_parse(report->nums, longest + n - 199, 200, &want));
  CHECK(report->self_total.has && rb_num_cmp(report->self_total.v, want) == 0);
  /* A fact, a target: the number is exact, the target keeps its text. */
  CHECK_STR(json("{\"id\": \"n\", \"facts\": {\"x\": -99999999999999999999}, \"indicators\": [{\"name\": \"a\", "
                 "\"target\": 18446744073709551616, \"actual\": -0}]}",
                 "n.json", 0),
            "");
  const rb_fact *big = rb_report_fact(report, "x");
  CHECK(big && big->type == RB_FACT_NUMBER);
  if (big) CHECK_STR(NUM(big->number), "-99999999999999999999");
  if (report->indicator_count == 1) {
    CHECK_STR(report->indicators[0].target_text, "18446744073709551616");
    CHECK_STR(NUM(report->indicators[0].target.value), "18446744073709551616");
    CHECK_STR(report->indicators[0].actual_text, "-0"); /* as written (json-c wrote "0") */
    CHECK_STR(NUM(report->indicators[0].actual.value), "0");
  }
  /* Written with an exponent, any size is exact. */
  CHECK_STR(json("{\"id\": \"n\", \"self_total\": 1.0e20}", "n.json", 0), "");
  CHECK_STR(OPT(report->self_total), "100000000000000000000");

  /* Figures of at most 18 digits take a shorter path to their value
  ** (rb_report_parse_number); at its borders they read as by the general
  ** one: 18 and 19 digits, a point first or last, leading zeros, signs. */
  static const struct {
    const char *literal, *value;
  } borders[] = {
      {"999999999999999999", "999999999999999999"},     {"-999999999999999999", "-999999999999999999"},
      {"1000000000000000000", "1000000000000000000"},   {"0.999999999999999999", "0.999999999999999999"},
      {"99999999999999999.9", "99999999999999999.9"},   {"\"99999999999999999.99\"", "99999999999999999.99"},
      {"0.50", "0.5"},           {"-0.0", "0"},          {"2.00", "2"},         {"\".5\"", "0.5"},
      {"\"5.\"", "5"},         {"\"-.5\"", "-0.5"},   {"\"007.50\"", "7.5"}, {"\"-0\"", "0"},
      {"\"+3.25\"", "3.25"},   {"\"1,234.5\"", "1234.5"},
  };
  for (size_t i = 0; i < sizeof borders / sizeof borders[0]; i++) {
    char text[128];
    snprintf(text, sizeof text, "{\"id\": \"n\", \"self_total\": %s}", borders[i].literal);
    CHECK_STR(json(text, "n.json", 0), "");
    CHECK_STR(OPT(report->self_total), borders[i].value);
  }
  /* Not figures, by either path. */
  CHECK_STR(json("{\"id\": \"n\", \"self_total\": \"1.2.3\"}", "n.json", 0),
            "report n: $.self_total: expected a number, found text \"1.2.3\"");
  CHECK_STR(json("{\"id\": \"n\", \"self_total\": \"-\"}", "n.json", 0),
            "report n: $.self_total: expected a number, found text \"-\"");
}

/* ---- CSV ---------------------------------------------------------------- */

/* The fixture: BOM, full-width and parenthesised header names, an unknown
** column, merged cells, a placeholder row, a quoted comma, a cell on two
** lines, a 合计 row. */
static void test_csv_fixture(void) {
  CHECK_STR(file("tests/report/fixtures/table-bom.csv"), "");
  rb_report *r = report;
  CHECK_STR(r->id, "table-bom");
  CHECK(!r->has_year);
  CHECK_STR(OPT(r->self_total), "99.27");
  CHECK(r->indicator_count == 6);
  if (r->indicator_count != 6) return;
  static const struct {
    const char *level1, *level2, *name, *target, *actual, *weight, *self_score, *note;
    int line;
  } want[] = {
      {"产出", "数量指标", "专项调研次数", "110次以上", "145次", "3.64", "3.64", NULL, 2},
      {"产出", "数量指标", "医疗项目申报数", "250项以上", "347项", "3.64", "3.64", NULL, 3},
      {"产出", "质量指标", "合格率", "≥90%", "100%", "3.63", "3.63", "抽查", 4},
      {"效益", "社会效益指标", "科技统计上报率", "100%", "100%", "10", "10", "含,逗号", 6},
      {"效益", "社会效益指标", "宣传渠道的用户(如公众号关注/订阅\n人数等)增长情况", "对比上年有增长", NULL, "10",
       "10", NULL, 7},
      {"满意度", "", "满意度", "≥90%", "100%", "10", "10", NULL, 9},
  };
  for (size_t i = 0; i < 6; i++) {
    const rb_indicator *in = &r->indicators[i];
    CHECK_STR(in->level1, want[i].level1);
    CHECK_STR(in->level2, want[i].level2);
    CHECK_STR(in->name, want[i].name);
    CHECK_STR(in->target_text, want[i].target);
    CHECK_STR(in->target.text, want[i].target);
    if (want[i].actual)
      CHECK_STR(in->actual_text, want[i].actual);
    else
      CHECK(in->actual_text == NULL && in->actual.kind == RB_MK_TEXT && strcmp(in->actual.text, "") == 0);
    CHECK_STR(OPT(in->weight), want[i].weight);
    CHECK_STR(OPT(in->self_score), want[i].self_score);
    if (want[i].note)
      CHECK_STR(in->note, want[i].note);
    else
      CHECK(in->note == NULL);
    CHECK(in->source_line == want[i].line);
  }
}

static void test_csv_inline(void) {
  /* English names, full-width letters; the level2 of a new level1 is not inherited. */
  CHECK_STR(csv("LEVEL1,level2,ＮＡＭＥ,target,actual,weight,self_score,note\n"
                "产出,数量指标,a,≥1次,2次,5,5,ok\n"
                ",,b,≥1次,1次,5,4.5,\n"
                "效益,,c,100%,100%,5,5,\n",
                "dir/sub/english.table.csv"),
            "");
  CHECK_STR(report->id, "english.table");
  CHECK(report->indicator_count == 3);
  if (report->indicator_count == 3) {
    CHECK_STR(report->indicators[0].note, "ok");
    CHECK_STR(OPT(report->indicators[0].weight), "5");
    CHECK_STR(report->indicators[1].level1, "产出");
    CHECK_STR(report->indicators[1].level2, "数量指标");
    CHECK_STR(OPT(report->indicators[1].self_score), "4.5");
    CHECK_STR(report->indicators[2].level1, "效益");
    CHECK_STR(report->indicators[2].level2, "");
  }
  /* CRLF and a blank line; other published names (年度指标值 → target is 指标值's alias). */
  CHECK_STR(csv("三级指标,指标值,实际值,分值,得分\r\n\r\n培训标准,550元/人/天,550元/人/天,5,5\r\n", "crlf.csv"), "");
  CHECK(report->indicator_count == 1 && report->indicators[0].source_line == 3);
  CHECK_STR(csv("三级指标,指标值,分值\r\n\r\n培训标准,550元/人/天,5\r\n媒体宣传次数,60次以上,x\r\n", "crlf.csv"),
            "crlf.csv:4:14: 分值: expected a number, found \"x\"");
  /* Only the indicator table: no id in the text, no year. */
  CHECK_STR(csv("三级指标,指标值\n", NULL), "");
  CHECK_STR(report->id, "");
  CHECK(report->indicator_count == 0);

  static const struct {
    const char *text, *message;
  } cases[] = {
      {"一级指标,三级指标,实际完成值\n产出,a,1\n", "t.csv:1:1: missing required column 指标值 (target) in the header row"},
      {"指标值\n1\n", "t.csv:1:1: missing required column 三级指标 (name) in the header row"},
      {",,\n指标值,x\n", "t.csv:2:1: missing required column 三级指标 (name) in the header row"},
      {"三级指标,指标值,年度指标值\n", "t.csv:1:10: columns \"指标值\" and \"年度指标值\" both give 指标值 (target)"},
      {"三级指标,指标值\n,100%\n", "t.csv:2:1: 三级指标: empty, but the row has a target"},
      {"三级指标,指标值,权重\na,1,-1\n", "t.csv:2:5: 权重: must not be negative"},
      {"三级指标,指标值,得分\na,1,1e101\n",
       "t.csv:2:5: 得分: number out of range: 1e101 (a number may have at most 200 characters and an exponent "
       "within ±100)"},
      {"三级指标,指标值,权重\na,1,各项指标权重=40/指标总数\n",
       "t.csv:2:5: 权重: expected a number, found \"各项指标权重=40/指标总数\""},
      {"三级指标,指标值\n\"abc,1\n", "t.csv:2:1: malformed CSV: a quoted cell is not closed"},
      {"三级指标,指标值\na\"b,1\n",
       "t.csv:2:2: malformed CSV: a quote inside an unquoted cell, or text after a closing quote"},
      /* A UTF-8 header and a GBK row (培训): neither encoding reads the whole
      ** file (as GB18030 the UTF-8 值, E5 80 BC, leaves BC before the line
      ** break), so it is refused at the first byte that is not UTF-8. */
      {"三级指标,指标值\n\xc5\xe0\xd1\xb5,1\n",
       "t.csv:2:1: not UTF-8 text, and not GB18030 (GBK) either; save the table as CSV UTF-8"},
      {"", "t.csv:1:1: no header row: the file has no cells"},
      {"\xEF\xBB\xBF\n\n", "t.csv:3:1: no header row: the file has no cells"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = csv(cases[i].text, "t.csv");
    if (strcmp(got, cases[i].message) != 0) fprintf(stderr, "csv case %zu\n", i);
    CHECK_STR(got, cases[i].message);
  }
  CHECK_STR(file("tests/report/fixtures/missing-target.csv"),
            "tests/report/fixtures/missing-target.csv:1:1: missing required column 指标值 (target) in the header row");
}

/* ---- Members and columns the format does not define ---------------------- */

/* Check note i against kind UNREAD, path and message. */
static void check_unread(size_t i, const char *path, const char *message) {
  rb_report_note n = note_at(i);
  CHECK(n.kind == RB_NOTE_UNREAD);
  CHECK_STR(n.path, path);
  CHECK_STR(n.message, message);
}

static void test_unknown_members(void) {
  /* Every level the format defines, in the order read: the top level, then
  ** budget, its lines, the indicators and the self scores.  Suggestions
  ** worked out with the edit distance of vm/similar.h: allocted → allocated
  ** (1 edit, 8 letters allow 2), plannd → planned (1), wieght → weight (2, 6
  ** letters allow 2), "self score" → self_score (1), scroe → score (2, 5
  ** letters allow 2), selfTotal → self_total (2, 9 letters allow 3); yaer is
  ** 2 from year, and 4 letters allow 1, so nothing is suggested.  extra
  ** (top level only), x-… and x_… are the publisher's; facts take any name. */
  static const char text[] =
      "{\"id\": \"u1\", \"yaer\": 2024, \"extra\": {\"anything\": [1]}, \"x-source\": \"scraped\", \"x_page\": 3,"
      " \"budget\": {\"planned\": 1, \"allocted\": 2, \"x-raw\": \"2万\","
      "   \"lines\": [{\"name\": \"a\", \"plannd\": 1, \"备注\": \"x\"}]},"
      " \"facts\": {\"whatever\": 1},"
      " \"indicators\": [{\"name\": \"a\", \"target\": \"1\", \"wieght\": 5, \"x_col\": 1, \"extra\": 1},"
      "   {\"name\": \"b\", \"target\": \"2\", \"self score\": 1}],"
      " \"self_scores\": [{\"path\": [\"决策\"], \"score\": 1, \"scroe\": 2}],"
      " \"selfTotal\": 90, \"预算\": 5}";
  CHECK_STR(json(text, "u.json", 0), "");
  CHECK(report->note_count == 10);
  static const char plain[] = "报告格式 v1 没有这个字段，未读取";
  check_unread(0, "$.yaer", plain);
  check_unread(1, "$.selfTotal", "报告格式 v1 没有这个字段，未读取（是否应为「self_total」？）");
  check_unread(2, "$[\"预算\"]", plain);
  check_unread(3, "$.budget.allocted", "报告格式 v1 没有这个字段，未读取（是否应为「allocated」？）");
  check_unread(4, "$.budget.lines[0].plannd", "报告格式 v1 没有这个字段，未读取（是否应为「planned」？）");
  check_unread(5, "$.budget.lines[0][\"备注\"]", plain);
  check_unread(6, "$.indicators[0].wieght", "报告格式 v1 没有这个字段，未读取（是否应为「weight」？）");
  check_unread(7, "$.indicators[0].extra", plain);
  check_unread(8, "$.indicators[1][\"self score\"]", "报告格式 v1 没有这个字段，未读取（是否应为「self_score」？）");
  check_unread(9, "$.self_scores[0].scroe", "报告格式 v1 没有这个字段，未读取（是否应为「score」？）");
  /* What was misspelt is not read: no allocated, no weight. */
  CHECK(report->planned.has && !report->allocated.has);
  CHECK(report->indicator_count == 2 && !report->indicators[0].weight.has);
  CHECK(report->fact_count == 1);
  /* A name with a quote or a line break in it is escaped in the path, and
  ** the message stays one line. */
  CHECK_STR(json("{\"id\": \"q\", \"a\\\"b\\nc\": 1}", "q.json", 0), "");
  CHECK(report->note_count == 1);
  check_unread(0, "$[\"a\\\"b\\u000ac\"]", plain);
  /* A report with only known members has no notes; the example is such.
  ** valid.json keeps data of its own in "publisher_notes" (15 letters
  ** allow 3 edits; no member of the format is that close). */
  CHECK_STR(file("examples/jiangmen-2024-keji-fazhan.json"), "");
  CHECK(report->note_count == 0);
  CHECK_STR(file("tests/report/fixtures/valid.json"), "");
  CHECK(report->note_count == 1);
  check_unread(0, "$.publisher_notes", plain);

  /* CSV: table-bom.csv has a column 佐证材料, the 48th character of line 1
  ** (after the BOM), in column I. */
  CHECK_STR(file("tests/report/fixtures/table-bom.csv"), "");
  CHECK(report->note_count == 1);
  check_unread(0, "tests/report/fixtures/table-bom.csv:1:48", "报告格式 v1 没有「佐证材料」这一列（I 列），此列未读取");
  /* Column C is the publisher's; D names nothing known (权重说明 is 2 edits
  ** from 权重, 4 characters allow 1); E has no header, and its first content
  ** is on line 3 at character 7; F's 分値 is one character from 分值; G, past
  ** the header, first holds something on line 3 at character 11. */
  CHECK_STR(csv("三级指标,指标值,x-来源,权重说明,,分値\n"
                "a,1,网页,按比例,,5\n"
                "b,2,,,备忘,,额外\n",
                "c.csv"),
            "");
  CHECK(report->indicator_count == 2 && report->note_count == 4);
  check_unread(0, "c.csv:1:15", "报告格式 v1 没有「权重说明」这一列（D 列），此列未读取");
  check_unread(1, "c.csv:1:21", "报告格式 v1 没有「分値」这一列（F 列），此列未读取（是否应为「分值」？）");
  check_unread(2, "c.csv:3:7", "第 5 列（E 列）没有表头，此列未读取");
  check_unread(3, "c.csv:3:11", "第 7 列（G 列）没有表头，此列未读取");
  /* The 27th column is AA: two known columns and 24 of the publisher's
  ** before it. */
  char wide[512] = "三级指标,指标值";
  for (int i = 0; i < 24; i++) snprintf(wide + strlen(wide), sizeof wide - strlen(wide), ",x-%d", i);
  snprintf(wide + strlen(wide), sizeof wide - strlen(wide), ",foo\na,1\n");
  CHECK_STR(csv(wide, "w.csv"), "");
  CHECK(report->note_count == 1);
  CHECK(strstr(note_at(0).message, "「foo」这一列（AA 列）") != NULL);
  /* A header cell with a line break in it: the message stays one line.
  ** Compared without its blanks, 备注2 is one edit from 备注. */
  CHECK_STR(csv("三级指标,指标值,\"备\n注2\"\na,1,x\n", "n.csv"), "");
  CHECK(report->note_count == 1);
  check_unread(0, "n.csv:1:10", "报告格式 v1 没有「备 注2」这一列（C 列），此列未读取（是否应为「备注」？）");
}

/* ---- Blank targets and placeholder rows ---------------------------------- */

/* Indicator i's target: "(none)" when target_text is NULL, which must then
** come with the TEXT measure "" (as an absent actual does). */
static const char *target_of(size_t i) {
  if (i >= report->indicator_count) return "(no indicator)";
  const rb_indicator *in = &report->indicators[i];
  if (in->target_text) return in->target_text;
  CHECK(in->target.kind == RB_MK_TEXT && strcmp(in->target.text, "") == 0 && in->target.cmp == RB_CMP_NONE);
  return "(none)";
}

static void test_blank_targets(void) {
  /* JSON: absent, null, empty and blank (ASCII and 全角 spaces) are no
  ** target; placeholders are kept as written, for the rubric to judge. */
  CHECK_STR(json("{\"id\": \"b\", \"indicators\": [{\"name\": \"a\"}, {\"name\": \"b\", \"target\": null}, "
                 "{\"name\": \"c\", \"target\": \"\"}, {\"name\": \"d\", \"target\": \" \u3000 \"}, "
                 "{\"name\": \"e\", \"target\": \"—\"}, {\"name\": \"f\", \"target\": \"-\"}, "
                 "{\"name\": \"g\", \"target\": \"/\"}, {\"name\": \"h\", \"target\": \"不适用\"}, "
                 "{\"name\": \"i\", \"target\": \"未填报\"}, {\"name\": \"j\", \"target\": \"无\"}, "
                 "{\"name\": \"k\", \"target\": 0, \"actual\": \"5次\"}]}",
                 "b.json", 0),
            "");
  CHECK(report->indicator_count == 11 && report->note_count == 0);
  for (size_t i = 0; i < 4; i++) CHECK_STR(target_of(i), "(none)");
  static const char *const kept[] = {"—", "-", "/", "不适用", "未填报", "无", "0"};
  for (size_t i = 0; i < 7; i++) CHECK_STR(target_of(4 + i), kept[i]);
  if (report->indicator_count == 11) {
    /* A dash or a word is text to the notation; 无 alone is 否 (docs/notation.md). */
    CHECK(report->indicators[4].target.kind == RB_MK_TEXT);
    CHECK_STR(report->indicators[4].target.text, "—");
    CHECK(report->indicators[7].target.kind == RB_MK_TEXT);
    CHECK(report->indicators[9].target.kind == RB_MK_BOOL);
    CHECK(report->indicators[10].target.kind == RB_MK_NUMBER);
    CHECK_STR(report->indicators[10].actual_text, "5次");
  }

  /* CSV: an empty 指标值 in a named row is no target, a dash is kept.  Rows
  ** without a name and without a target: line 5 holds only dashes and goes
  ** silently; lines 6 and 7 hold figures and are skipped with a note each.
  ** Line 8 inherits 效益 across them. */
  CHECK_STR(csv("一级指标,二级指标,三级指标,指标值,实际完成值,分值,得分\n"
                "产出,数量指标,a,,5次,10,10\n"
                ",,b,—,—,10,10\n"
                ",,c,不适用,,10,\n"
                "效益,经济效益指标,-,-,-,-,\n"
                ",,,,,10,0\n"
                ",,－,　,100%,无,\n"
                ",社会效益指标,d,100%,100%,10,10\n"
                "满意度,,e\n",
                "tables/t.csv"),
            "");
  CHECK(report->indicator_count == 5);
  CHECK_STR(target_of(0), "(none)");
  CHECK_STR(target_of(1), "—");
  CHECK_STR(target_of(2), "不适用");
  CHECK_STR(target_of(3), "100%");
  CHECK_STR(target_of(4), "(none)"); /* a short row */
  if (report->indicator_count == 5) {
    CHECK_STR(report->indicators[0].actual_text, "5次");
    CHECK_STR(report->indicators[1].actual_text, "—");
    CHECK(report->indicators[2].actual_text == NULL);
    CHECK_STR(report->indicators[3].level1, "效益");
    CHECK_STR(report->indicators[3].level2, "社会效益指标");
    CHECK(report->indicators[3].source_line == 8);
    CHECK(report->indicators[4].actual_text == NULL && !report->indicators[4].weight.has);
  }
  CHECK(report->note_count == 3);
  CHECK(note_at(0).kind == RB_NOTE_SKIPPED);
  CHECK_STR(note_at(0).path, "tables/t.csv:6");
  CHECK_STR(note_at(0).message, "第 6 行没有三级指标名称，未读取（分值 10，得分 0）");
  CHECK(note_at(1).kind == RB_NOTE_SKIPPED);
  CHECK_STR(note_at(1).path, "tables/t.csv:7");
  CHECK_STR(note_at(1).message, "第 7 行没有三级指标名称，未读取（实际完成值 100%）");
  /* Line 9 stops after three cells: read, and the cells it lacks named. */
  CHECK(note_at(2).kind == RB_NOTE_UNREAD);
  CHECK_STR(note_at(2).path, "tables/t.csv:9");
  CHECK_STR(note_at(2).message, "第 9 行只有 3 格，到「指标值」「实际完成值」「分值」「得分」列之前就结束了，这些格按空白读取");
  /* A row cut after two cells, before its name and target: skipped, said. */
  CHECK_STR(csv("一级指标,二级指标,三级指标,指标值,分值\n产出,数量,a,1次,10\n产出,数量\n", "c.csv"), "");
  CHECK(report->indicator_count == 1);
  CHECK(report->note_count == 1);
  CHECK(note_at(0).kind == RB_NOTE_SKIPPED);
  CHECK_STR(note_at(0).path, "c.csv:3");
  CHECK_STR(note_at(0).message, "第 3 行只有 2 格，到「三级指标」「指标值」「分值」列之前就结束了，未读取");
  /* A name is still needed when the row has a target (the existing error). */
  CHECK_STR(csv("三级指标,指标值,分值\n,100%,5\n", "t.csv"), "t.csv:2:1: 三级指标: empty, but the row has a target");
}

/* ---- Encodings: a byte order mark, GBK, neither -------------------------- */

static const char converted_message[] = "报告文件不是 UTF-8 编码，已按 GB18030（GBK）转换后读取";

static void test_encodings(void) {
  /* A UTF-8 byte order mark (as Notepad writes it) is dropped, with no note. */
  CHECK_STR(file("tests/report/fixtures/bom.json"), "");
  CHECK_STR(report->id, "bom-1");
  CHECK_STR(report->unit, "江门市科学技术局");
  CHECK(report->indicator_count == 1 && report->note_count == 0);
  if (report->indicator_count == 1) CHECK_STR(report->indicators[0].target_text, "≥90%");
  /* Columns count from after it: 't' is the 8th character. */
  CHECK_STR(json("\xEF\xBB\xBF{\"id\": tru}", "t.json", 0), "t.json:1:8: invalid JSON: expected true, false or null");
  CHECK_STR(json("\xEF\xBB\xBF{\"id\": \"l\"}", "b.jsonl", 1), "");
  CHECK_STR(report->id, "l");

  /* GBK (made with iconv -f UTF-8 -t GB18030 from the text in the comment
  ** of each fixture's test): read as UTF-8, with one note. */
  CHECK_STR(file("tests/report/fixtures/gbk.json"), "");
  CHECK_STR(report->id, "gbk-2024-001");
  CHECK_STR(report->unit, "江门市科学技术局");
  CHECK_STR(report->title, "科技发展管理经费");
  CHECK(report->indicator_count == 1);
  if (report->indicator_count == 1) {
    const rb_indicator *in = &report->indicators[0];
    CHECK_STR(in->level1, "产出");
    CHECK_STR(in->level2, "数量指标");
    CHECK_STR(in->name, "专项调研次数");
    CHECK_STR(in->target_text, "110次以上");
    CHECK(in->target.kind == RB_MK_QUANTITY && in->target.cmp == RB_CMP_GE);
    CHECK_STR(NUM(in->target.value), "110");
    CHECK_STR(in->target.unit, "次");
    CHECK_STR(in->actual_text, "145次");
    CHECK_STR(in->note, "生僻字𠀀"); /* U+20000: four bytes in GB18030 (95 32 82 36) */
  }
  CHECK(report->note_count == 1);
  CHECK(note_at(0).kind == RB_NOTE_CONVERTED);
  CHECK_STR(note_at(0).path, "tests/report/fixtures/gbk.json");
  CHECK_STR(note_at(0).message, converted_message);

  /* The same table as gbk.csv: 一级指标,二级指标,三级指标,指标值,实际完成值,分值,得分 /
  ** 产出,数量指标,专项调研次数,110次以上,145次,10,10 / ,,培训人员满意度,≥90%,100%,10,9.5
  ** (CRLF line ends). */
  CHECK_STR(file("tests/report/fixtures/gbk.csv"), "");
  CHECK_STR(report->id, "gbk");
  CHECK(report->indicator_count == 2);
  if (report->indicator_count == 2) {
    const rb_indicator *in = report->indicators;
    CHECK_STR(in[0].name, "专项调研次数");
    CHECK_STR(in[0].target_text, "110次以上");
    CHECK_STR(in[0].actual_text, "145次");
    CHECK_STR(OPT(in[0].weight), "10");
    CHECK(in[0].source_line == 2);
    CHECK_STR(in[1].level1, "产出");
    CHECK_STR(in[1].level2, "数量指标");
    CHECK_STR(in[1].name, "培训人员满意度");
    CHECK_STR(in[1].target_text, "≥90%");
    CHECK(in[1].target.kind == RB_MK_PERCENT && in[1].target.cmp == RB_CMP_GE);
    CHECK_STR(OPT(in[1].self_score), "9.5");
    CHECK(in[1].source_line == 3);
  }
  CHECK(report->note_count == 1);
  CHECK(note_at(0).kind == RB_NOTE_CONVERTED);
  CHECK_STR(note_at(0).path, "tests/report/fixtures/gbk.csv");
  CHECK_STR(note_at(0).message, converted_message);

  /* A JSON Lines line in GBK (培训 is C5 E0 D1 B5): the note names the line. */
  CHECK_STR(json("{\"id\": \"\xc5\xe0\xd1\xb5\"}", "b.jsonl", 12), "");
  CHECK_STR(report->id, "培训");
  CHECK(report->note_count == 1);
  CHECK_STR(note_at(0).path, "b.jsonl:12");
  /* 0xC0 0xAF, which is no UTF-8 (an overlong '/'), is 蜡 (U+8721) in GBK. */
  CHECK_STR(json("{\"id\": \"\xc0\xaf\"}", "t.json", 0), "");
  CHECK_STR(report->id, "蜡");
  /* Positions in converted text are those of the characters: 江门 is BD AD
  ** C3 C5, two characters, so 'x' is still the 15th; on line 2 of a line
  ** that is line 7 of its file, ']' is the 7th character of line 8. */
  CHECK_STR(json("{\"unit\": \"\xbd\xad\xc3\xc5\" x}", "t.json", 0), "t.json:1:15: invalid JSON: unexpected character 'x'");
  CHECK_STR(json("{\"id\": \"\xc5\xe0\",\n \"a\": ]}", "b.jsonl", 7), "b.jsonl:8:7: invalid JSON: expected a value, found ']'");
  /* A read after a converted one starts with no notes. */
  CHECK_STR(file("tests/report/fixtures/minimal.json"), "");
  CHECK(report->note_count == 0);
  rb_report_clear(report);
  CHECK(report->note_count == 0 && report->notes == NULL);

  /* Neither: one message at the first byte that is not UTF-8.  Latin-1
  ** "Café de": é is E9, and E9 20 is no GB18030 character; é is the 30th
  ** character of the line. */
  CHECK_STR(file("tests/report/fixtures/latin1.json"),
            "tests/report/fixtures/latin1.json:1:30: not UTF-8 text, and not GB18030 (GBK) either; save the file as "
            "UTF-8");
  /* A JPEG's first bytes: FF starts no GB18030 character. */
  CHECK_STR(json_n("\xff\xd8\xff\xe0\0\x10JFIF", 10, "photo.json", 0),
            "photo.json:1:1: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8");
  CHECK_STR(csv("\xff\xd8\xff\xe0", "photo.csv"),
            "photo.csv:1:1: not UTF-8 text, and not GB18030 (GBK) either; save the table as CSV UTF-8");
  /* UTF-8 damaged by one stray byte is not read as GBK mojibake: 江门 in
  ** UTF-8 (E6 B1 9F E9 97 A8) then FF, which GB18030 refuses. */
  CHECK_STR(json("{\"unit\": \"江门\xff\"}", "t.json", 0),
            "t.json:1:13: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8");
  /* GB18030 without a Chinese character is not taken for GBK: A1 A1 is the
  ** ideographic space U+3000, not an ideograph. */
  CHECK_STR(json("{\"id\": \"\xa1\xa1\"}", "t.json", 0),
            "t.json:1:9: not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8");
  /* A NUL byte in a CSV file, UTF-8 or GBK (培训 then ",1" and a NUL: the
  ** 5th character of line 2), is refused as before. */
  static const char nul_utf8[] = "三级指标,指标值\na,1\0\n", nul_gbk[] = "name,target\n\xc5\xe0\xd1\xb5,1\0\n";
  rb_report_error err;
  CHECK(!rb_report_read_csv(report, nul_utf8, sizeof nul_utf8 - 1, "t.csv", &err));
  CHECK_STR(err.message, "t.csv:2:4: a NUL byte: this is not a text file");
  CHECK(!rb_report_read_csv(report, nul_gbk, sizeof nul_gbk - 1, "t.csv", &err));
  CHECK_STR(err.message, "t.csv:2:5: a NUL byte: this is not a text file");
}

/* ---- Files -------------------------------------------------------------- */

static void test_files(void) {
  CHECK_STR(file("tests/report/fixtures/no-such-file.json"),
            "cannot open tests/report/fixtures/no-such-file.json: No such file or directory");
  CHECK_STR(file("tests/report/fixtures/valid.txt"),
            "tests/report/fixtures/valid.txt: unknown report format: expected a .json file (report format v1) or a "
            ".csv file (an indicator table)");
}

/* ---- The example: seed 004, typed by hand -------------------------------- */

/* The indicator table of 江门市科学技术局 2024 项目绩效自评指标评分表 (科技发展管理经费),
** read off the published text. */
static const struct {
  const char *level1, *level2, *name, *target, *actual, *self_score;
} seed004[15] = {
    {"产出", "数量指标", "专项调研/交流考察次数", "110次以上", "145次", "3.64"},
    {"产出", "数量指标", "完成省、市级科技计划项目验收数量", "500项以上", "670项", "3.64"},
    {"产出", "数量指标", "医疗项目申报数", "250项以上", "347项", "3.64"},
    {"产出", "数量指标", "其他类评审数量", "300项以上", "405项", "3.64"},
    {"产出", "数量指标", "科技统计培训会场次", "5场次", "6场", "3.64"},
    {"产出", "数量指标", "评选侨都科普大使人数", "≥9人", "9人", "3.64"},
    {"产出", "数量指标", "开展科普宣传及人才交流活动次数", "≥6次", "7次", "3.64"},
    {"产出", "数量指标", "媒体宣传次数", "60次以上", "64次", "3.63"},
    {"产出", "质量指标", "结题验收项目质量抽查合格率", "≥90%", "100%", "3.63"},
    {"产出", "时效指标", "科技统计完成时效性", "2024年4月1日前", "2024年4月1日前", "3.63"},
    {"产出", "成本指标", "培训标准", "550元/人/天", "550元/人/天", "3.63"},
    {"效益", "社会效益指标", "科技统计上报率", "100%", "100%", "10"},
    {"效益", "社会效益指标", "宣传渠道的用户(如公众号关注/订阅人数等)增长情况", "对比上年有增长", "对比上年有增长",
     "10"},
    {"效益", "社会效益指标", "新增科技人才数量", "≥5000人", "5502人", "10"},
    {"效益", "满意度指标", "培训人员满意度", "≥90%", "100%", "10"},
};

/* Check the indicator table against seed004 and return the sum of the
** self scores of rows under level1 (NULL: all rows). */
static rb_num check_seed004_table(const rb_report *r, const char *level1) {
  rb_num sum = rb_num_int(0);
  CHECK(r->indicator_count == 15);
  for (size_t i = 0; i < 15 && i < r->indicator_count; i++) {
    const rb_indicator *in = &r->indicators[i];
    CHECK_STR(in->level1, seed004[i].level1);
    CHECK_STR(in->level2, seed004[i].level2);
    CHECK_STR(in->name, seed004[i].name);
    CHECK_STR(in->target_text, seed004[i].target);
    CHECK_STR(in->actual_text, seed004[i].actual);
    CHECK_STR(OPT(in->self_score), seed004[i].self_score);
    CHECK(!in->weight.has); /* the table says 各项指标权重=40/指标总数, not a number */
    if (in->self_score.has && (!level1 || strcmp(in->level1, level1) == 0))
      CHECK(rb_num_add(r->nums, sum, in->self_score.v, &sum));
  }
  return sum;
}

static void test_example_json(void) {
  CHECK_STR(file("examples/jiangmen-2024-keji-fazhan.json"), "");
  rb_report *r = report;
  CHECK_STR(r->id, "jiangmen-2024-keji-fazhan");
  CHECK_STR(r->unit, "江门市科学技术局");
  CHECK_STR(r->title, "科技发展管理经费");
  CHECK(r->has_year && r->year == 2024);
  CHECK(r->kind == RB_REPORT_PROJECT);
  CHECK_STR(r->money_unit, "万元");
  /* 165.52 / 132.65 / 132.65 万元, in 元; 调整后预算 is not stated. */
  CHECK_STR(OPT(r->planned), "1655200");
  CHECK_STR(OPT(r->allocated), "1326500");
  CHECK_STR(OPT(r->spent), "1326500");
  CHECK(!r->adjusted.has);
  /* 市科技局 157.84 + 市科技服务中心 7.68 = 165.52 万元. */
  CHECK(r->line_count == 2);
  if (r->line_count == 2) {
    CHECK_STR(r->lines[0].name, "市科技局");
    CHECK_STR(OPT(r->lines[0].planned), "1578400");
    CHECK_STR(r->lines[1].name, "市科技服务中心");
    CHECK_STR(OPT(r->lines[1].planned), "76800");
    rb_num lines;
    CHECK(rb_num_add(r->nums, r->lines[0].planned.v, r->lines[1].planned.v, &lines));
    CHECK(rb_num_cmp(lines, r->planned.v) == 0);
  }
  CHECK(r->fact_count == 0);
  CHECK(r->self_grade == NULL);

  /* 产出 3.64 × 7 + 3.63 × 4 = 40; 效益 10 × 4 = 40. */
  CHECK_STR(NUM(check_seed004_table(r, "产出")), "40");
  CHECK_STR(NUM(check_seed004_table(r, "效益")), "40");
  CHECK_STR(NUM(check_seed004_table(r, NULL)), "80");

  CHECK_STR(OPT(r->self_total), "100");
  CHECK(r->self_score_count == 5);
  const char *decision[] = {"决策"}, *rationale[] = {"决策", "论证决策规范性"}, *oversight[] = {"决策", "监管有效性"},
             *output[] = {"产出"}, *effect[] = {"效益"};
  const rb_self_score *s20 = rb_report_self_score(r, decision, 1);
  const rb_self_score *s12 = rb_report_self_score(r, rationale, 2);
  const rb_self_score *s8 = rb_report_self_score(r, oversight, 2);
  const rb_self_score *s40a = rb_report_self_score(r, output, 1);
  const rb_self_score *s40b = rb_report_self_score(r, effect, 1);
  CHECK(s20 && s12 && s8 && s40a && s40b);
  if (s20 && s12 && s8 && s40a && s40b) {
    CHECK_STR(NUM(s20->score), "20");
    CHECK_STR(NUM(s12->score), "12");
    CHECK_STR(NUM(s8->score), "8");
    CHECK_STR(NUM(s40a->score), "40");
    CHECK_STR(NUM(s40b->score), "40");
    /* 12 + 8 = 20, and 20 + 40 + 40 = 100 = self_total. */
    rb_num sum;
    CHECK(rb_num_add(r->nums, s12->score, s8->score, &sum) && rb_num_cmp(sum, s20->score) == 0);
    CHECK(rb_num_add(r->nums, s20->score, s40a->score, &sum) && rb_num_add(r->nums, sum, s40b->score, &sum));
    CHECK(rb_num_cmp(sum, r->self_total.v) == 0);
  }
}

static void test_example_csv(void) {
  CHECK_STR(file("examples/jiangmen-2024-keji-fazhan.csv"), "");
  CHECK_STR(report->id, "jiangmen-2024-keji-fazhan");
  CHECK_STR(NUM(check_seed004_table(report, NULL)), "80");
  for (size_t i = 0; i < report->indicator_count; i++) CHECK(report->indicators[i].source_line == (int)i + 2);
}

/* ---- Measures: targets and actuals go through the notation scanner ------- */

static void test_measures(void) {
  CHECK_STR(file("examples/jiangmen-2024-keji-fazhan.json"), "");
  if (report->indicator_count != 15) return;
  const rb_measure *m = &report->indicators[0].target; /* 110次以上 */
  CHECK(m->kind == RB_MK_QUANTITY && m->cmp == RB_CMP_GE);
  CHECK_STR(NUM(m->value), "110");
  CHECK_STR(m->unit, "次");
  m = &report->indicators[8].target; /* ≥90% */
  CHECK(m->kind == RB_MK_PERCENT && m->cmp == RB_CMP_GE);
  CHECK_STR(NUM(m->value), "90");
  m = &report->indicators[9].target; /* 2024年4月1日前 */
  CHECK(m->kind == RB_MK_DATE && m->cmp == RB_CMP_LE);
  /* A JSON number target is read from its literal text. */
  CHECK_STR(json("{\"id\": \"m\", \"indicators\": [{\"name\": \"a\", \"target\": 145, \"actual\": 3.50}]}", "m.json", 0),
            "");
  CHECK(report->indicators[0].target.kind == RB_MK_NUMBER);
  CHECK_STR(NUM(report->indicators[0].target.value), "145");
  CHECK_STR(report->indicators[0].actual_text, "3.50");
  CHECK_STR(NUM(report->indicators[0].actual.value), "3.5");
}

/* ---- Reuse: one report read again and again ----------------------------- */

static void test_clear_and_reuse(void) {
  int failures = 0;
  for (int round = 0; round < 200; round++)
    if (*file(round % 2 ? "tests/report/fixtures/valid.json" : "examples/jiangmen-2024-keji-fazhan.json")) failures++;
  CHECK(failures == 0);
  CHECK_STR(report->id, "gz-2022-dept");
  CHECK(report->indicator_count == 4 && report->fact_count == 3);
  rb_report_clear(report);
  CHECK_STR(report->id, "");
  CHECK_STR(report->money_unit, "万元");
  CHECK(report->indicator_count == 0 && report->fact_count == 0 && report->line_count == 0);
  CHECK(!report->planned.has && !report->self_total.has && !report->has_year);
  /* A failed read leaves a report that can be read into again. */
  CHECK_STR(json("{\"id\": \"x\", \"indicators\": [{\"name\": \"a\", \"target\": {}}]}", "x.json", 0),
            "report x: $.indicators[0].target: expected text or a number, found an object");
  CHECK_STR(file("tests/report/fixtures/minimal.json"), "");
  CHECK_STR(report->id, "min-1");
  CHECK(report->indicator_count == 0);
}

int main(void) {
  report = rb_report_new();
  if (!report) {
    fprintf(stderr, "out of memory\n");
    return 1;
  }
  test_valid_json();
  test_minimal_json();
  test_json_errors();
  test_invalid_json();
  test_json_text();
  test_numbers_exact();
  test_csv_fixture();
  test_csv_inline();
  test_unknown_members();
  test_blank_targets();
  test_encodings();
  test_files();
  test_example_json();
  test_example_csv();
  test_measures();
  test_clear_and_reuse();
  rb_report_free(report);
  return check_done();
}
