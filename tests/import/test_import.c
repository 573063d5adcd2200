/*
** test_import.c — the importer's cell rules, and the report reader on what the importer writes.
**
** Cells (import/cells.c): a 分值 or 得分 read as a decimal and repaired where OCR damaged it, the standard level
** names put together from fragments, spaces a line break left inside Chinese text.  Expected values are worked
** out by hand from the rules in docs/import.md.
**
** The report reader (report/report_json.c): the "imported" member's notes become report notes — incomplete and
** skipped rows as SKIPPED (an unscored finding), everything else as IMPORT (a note finding) — and an indicator's
** "source" is accepted and checked, with messages naming the JSON path of a member of the wrong type.
*/
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import/import_private.h"
#include "report/report.h"

static imp_ctx cx;

/* imp_number on a C string: the decimal, or "-" when not a number; *rep set when repaired. */
static const char *num(const char *text, bool *rep) {
  bool r = false;
  char *n = imp_number(&cx, text, strlen(text), &r);
  if (rep) *rep = r;
  return n ? n : "-";
}

static void test_numbers(void) {
  bool rep;
  CHECK_STR(num("3.64", &rep), "3.64");
  CHECK(!rep);
  CHECK_STR(num("3. 64", &rep), "3.64"); /* a space after the point */
  CHECK(rep);
  CHECK_STR(num("3, 63", &rep), "3.63"); /* a comma for the point, and a space */
  CHECK(rep);
  CHECK_STR(num("165,52", &rep), "165.52"); /* two digits after a comma: not thousands */
  CHECK(rep);
  CHECK_STR(num("1,655,200.00", &rep), "1655200.00"); /* thousands separators */
  CHECK(!rep);
  CHECK_STR(num("6,615.71", &rep), "6615.71");
  CHECK(!rep);
  CHECK_STR(num("24.50", &rep), "24.50"); /* trailing zeros kept as written */
  CHECK_STR(num("12分", &rep), "12");    /* the unit of a score */
  CHECK_STR(num("１２．５", &rep), "12.5"); /* full-width digits and point */
  CHECK(!rep);
  CHECK_STR(num("007", &rep), "7"); /* no leading zeros in JSON */
  CHECK_STR(num("-4.32", &rep), "-4.32");
  CHECK_STR(num("3 .64", &rep), "3.64"); /* a space before the point */
  CHECK(rep);
  CHECK_STR(num("3. 64 3. 64", &rep), "-"); /* two numbers */
  CHECK_STR(num("各项指标权重=40/指标总数", &rep), "-");
  CHECK_STR(num("1O", &rep), "-"); /* a letter O: not repaired, reported */
  CHECK_STR(num("3.", &rep), "-");
  CHECK_STR(num("", &rep), "-");
}

static void test_levels(void) {
  CHECK(imp_vocab_match("产出指标", strlen("产出指标")) & VOCAB_L1);
  CHECK(imp_vocab_match("产出", strlen("产出")) & VOCAB_PREFIX);         /* 产出 is a name, and begins 产出指标 */
  CHECK(imp_vocab_match("可持续影", strlen("可持续影")) == VOCAB_PREFIX); /* broken over two lines */
  CHECK(imp_vocab_match("可持续影响指标", strlen("可持续影响指标")) & VOCAB_L2);
  CHECK(imp_vocab_match("产出指标(50分)", strlen("产出指标(50分)")) & VOCAB_L1); /* a points note */
  CHECK(imp_vocab_match("满意度指标（10分）", strlen("满意度指标（10分）")) & VOCAB_L1);
  int both = imp_vocab_match("满意度指标", strlen("满意度指标"));
  CHECK((both & VOCAB_L1) && (both & VOCAB_L2));
  CHECK(imp_vocab_match("服务对象满意度指标等", strlen("服务对象满意度指标等")) & VOCAB_L2);
  CHECK(imp_vocab_match("产 出", strlen("产 出")) & VOCAB_L1); /* spaces dropped */
  CHECK(imp_vocab_match("达成预期指标", strlen("达成预期指标")) == VOCAB_NONE);
  CHECK(imp_vocab_match("指标", strlen("指标")) == VOCAB_NONE);
}

static void test_cells(void) {
  bool changed;
  CHECK_STR(imp_unwrap_spaces(&cx, "订阅 人数", strlen("订阅 人数"), &changed), "订阅人数");
  CHECK(changed);
  CHECK_STR(imp_unwrap_spaces(&cx, "专项调研 /交流考察次数", strlen("专项调研 /交流考察次数"), &changed),
            "专项调研/交流考察次数");
  CHECK_STR(imp_unwrap_spaces(&cx, "引导支持企业加大 R&D 研发投入", strlen("引导支持企业加大 R&D 研发投入"), &changed),
            "引导支持企业加大 R&D 研发投入");
  CHECK(!changed);
  CHECK_STR(imp_unwrap_spaces(&cx, "运营评价 B 级以上", strlen("运营评价 B 级以上"), &changed), "运营评价 B 级以上");
  CHECK(imp_word_is_value("≥90%", strlen("≥90%")));
  CHECK(imp_word_is_value("不低于80%", strlen("不低于80%")));
  CHECK(imp_word_is_value("2022年底之前", strlen("2022年底之前")));
  CHECK(!imp_word_is_value("有效保障", strlen("有效保障")));
  CHECK(imp_word_is_unit("次以上", strlen("次以上")));
  CHECK(!imp_word_is_unit("949", 3));
  CHECK(imp_is_placeholder("—", strlen("—")));
  CHECK(imp_is_placeholder(" - ", 3));
  CHECK(!imp_is_placeholder("0", 1));
  CHECK(imp_header_column("年度指标值", strlen("年度指标值")) == COL_TARGET);
  CHECK(imp_header_column("实际完成 值", strlen("实际完成 值")) == COL_ACTUAL);
  CHECK(imp_header_column("权重(%)", strlen("权重(%)")) == COL_WEIGHT);
  CHECK(imp_header_column("偏差原因分析及改进措施", strlen("偏差原因分析及改进措施")) == COL_NOTE);
  CHECK(imp_header_column("(说明:本栏佐证材料供", strlen("(说明:本栏佐证材料供")) == COL_OTHER);
}

/* The report reader on JSON the importer writes. */
static void test_reader(void) {
  rb_report *r = rb_report_new();
  rb_report_error err;
  static const char good[] =
      "{\"id\": \"t\", \"indicators\": [{\"name\": \"a\", \"target\": \"≥1次\", \"actual\": \"1次\","
      " \"source\": {\"file\": \"t.txt\", \"page\": 2, \"lines\": [7, 8]}}],"
      " \"imported\": {\"from\": \"t.txt\", \"layout\": \"flow\", \"notes\": ["
      "{\"where\": \"t.txt:9\", \"kind\": \"repaired\", \"message\": \"得分「3, 63」按 3.63 读取\"},"
      "{\"where\": \"t.txt:12\", \"kind\": \"incomplete\", \"message\": \"这一行读不出三级指标名称\"},"
      "{\"where\": \"t.txt\", \"kind\": \"skipped\", \"message\": \"占位行\"}]}}";
  CHECK(rb_report_read_json(r, good, strlen(good), "t.json", 0, &err));
  CHECK(r->indicator_count == 1);
  CHECK(r->note_count == 3);
  if (r->note_count == 3) {
    CHECK(r->notes[0].kind == RB_NOTE_IMPORT);
    CHECK_STR(r->notes[0].path, "t.txt:9");
    CHECK_STR(r->notes[0].message, "得分「3, 63」按 3.63 读取");
    CHECK(r->notes[1].kind == RB_NOTE_SKIPPED); /* incomplete → an unscored finding */
    CHECK(r->notes[2].kind == RB_NOTE_SKIPPED);
  }
  static const char bad_lines[] = "{\"id\": \"t\", \"indicators\": [{\"name\": \"a\", \"source\": {\"lines\": [\"x\"]}}]}";
  CHECK(!rb_report_read_json(r, bad_lines, strlen(bad_lines), "t.json", 0, &err));
  CHECK_STR(err.message, "report t: $.indicators[0].source.lines[0]: expected a number, found text \"x\"");
  static const char bad_notes[] = "{\"id\": \"t\", \"imported\": {\"notes\": {}}}";
  CHECK(!rb_report_read_json(r, bad_notes, strlen(bad_notes), "t.json", 0, &err));
  CHECK_STR(err.message, "report t: $.imported.notes: expected an array, found an object");
  static const char no_message[] = "{\"id\": \"t\", \"imported\": {\"notes\": [{\"kind\": \"repaired\"}]}}";
  CHECK(!rb_report_read_json(r, no_message, strlen(no_message), "t.json", 0, &err));
  CHECK_STR(err.message, "report t: $.imported.notes[0].message: missing required member");
  static const char typo[] = "{\"id\": \"t\", \"imported\": {\"notez\": []}}";
  CHECK(rb_report_read_json(r, typo, strlen(typo), "t.json", 0, &err));
  CHECK(r->note_count == 1 && r->notes[0].kind == RB_NOTE_UNREAD);
  if (r->note_count == 1) CHECK_STR(r->notes[0].path, "$.imported.notez");
  rb_report_free(r);
}

/* The importer end to end on a small text: a flowing table and a sentence. */
static void test_import_text(void) {
  static const char text[] = "部门整体支出绩效自评报告\n部门名称：某某局\n"
                             "二级指标 三级指标 指标值 完成值\n"
                             "数量指标\n培训人数 100 人 120 人\n"
                             "（二）自评结论\n自评得分 95.5 分，自评为优秀。\n";
  rb_import_result res;
  char err[256];
  CHECK(rb_import_text(text, strlen(text), "x.txt", "x", &res, err, sizeof err));
  CHECK(res.indicator_count == 1);
  CHECK_STR(res.layout, "flow");
  CHECK(res.json && strstr(res.json, "\"name\": \"培训人数\", \"target\": \"100 人\", \"actual\": \"120 人\""));
  CHECK(res.json && strstr(res.json, "\"self_total\": 95.5"));
  CHECK(res.json && strstr(res.json, "\"self_grade\": \"优秀\""));
  CHECK(res.json && strstr(res.json, "\"unit\": \"某某局\""));
  rb_import_result_free(&res);
  static const char nul[] = "a\0b";
  CHECK(!rb_import_text(nul, 3, "n.txt", "n", &res, err, sizeof err));
  CHECK_STR(err, "n.txt: not a text file (it contains NUL bytes)");
}

int main(void) {
  memset(&cx, 0, sizeof cx);
  rb_arena_init(&cx.arena);
  test_numbers();
  test_levels();
  test_cells();
  test_reader();
  test_import_text();
  rb_arena_free(&cx.arena);
  return check_done();
}
