/*
** test_output.c — the run result (vm/result.c) and its three output formats
** (output/): findings, the compare pass and its ranking, exact JSON text,
** JSON that json-c reads back with the fixed members, and the text and
** Markdown goldens in tests/output/expected/.
**
** The result trees are built by hand here, the way the VM builds them:
** nodes from the result's arena, linked parent/child, scores set, findings
** recorded.  Every expected value below was worked out by hand from the
** tree (the sums are in the comments), not copied from the program.
*/
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/report.h"
#include "vm/program.h"
#include "vm/result.h"

/* ---- Building trees ----------------------------------------------------- */

static rb_num num(rb_result *r, const char *text) {
  rb_num n = rb_num_int(0);
  if (!rb_num_parse(r->nums, text, strlen(text), &n)) {
    fprintf(stderr, "bad number in test: %s\n", text);
    exit(2);
  }
  return n;
}

/* A node under parent (NULL: the root), weight as decimal text. */
static rb_node *add_node(rb_result *r, rb_node *parent, const char *name, const char *weight, bool is_item) {
  rb_node *n = rb_arena_calloc(&r->arena, 1, sizeof *n);
  n->name = name;
  n->weight = num(r, weight);
  n->score = n->self = n->unverified_score = rb_num_int(0);
  n->is_item = is_item;
  n->parent = parent;
  if (parent) {
    n->depth = parent->depth + 1;
    if (parent->last_child)
      parent->last_child->next = n;
    else
      parent->first_child = n;
    parent->last_child = n;
    parent->child_count++;
  } else {
    r->root = n;
  }
  return n;
}

static void set_score(rb_result *r, rb_node *n, const char *score) {
  n->has_score = true;
  n->score = num(r, score);
}

static void set_self(rb_result *r, rb_node *n, const char *self) {
  n->has_self = true;
  n->self = num(r, self);
}

static rb_indicator make_row(const char *level1, const char *level2, const char *name, const char *target,
                             const char *actual) {
  rb_indicator row;
  memset(&row, 0, sizeof row);
  row.level1 = level1;
  row.level2 = level2;
  row.name = name;
  row.target_text = target;
  row.actual_text = actual;
  return row;
}

/* The sample: a small project rubric, scored on a report whose self scores
** disagree in several places.
**
**   示例规则 100                       score 90.25  self 99.49
**     决策 20                          18.50 = 12 + 6.50
**       论证决策规范性 12              12.00  self 12
**       监管有效性 8                   6.50   self 8      → −1.50
**     产出 40                          36.00
**       数量指标 40                    36.00 = 20 + 16
**         专项调研/交流考察次数 20     20.00  self 20
**         评选侨都科普大使人数 20      16.00  self 20     → −4.00
**     效益 30                          26.25 = (10 + 7.50) / 20 × 30,  self 30 → −3.75
**       科技统计上报率 10              10.00
**       宣传渠道增长情况 10            7.50   (no actual)
**       社会|舆情影响 10               na
**     服务对象满意度 10                9.50   self 9.49   → +0.01
**
**   total 18.50 + 36.00 + 26.25 + 9.50 = 90.25
**   self  12 + 8 + 20 + 20 + 30 + 9.49 = 99.49    delta −9.24 */
typedef struct sample {
  rb_program *program;
  rb_report report;
  rb_indicator rows[5];
  rb_result *r;
} sample;

static void sample_build(sample *s) {
  s->program = rb_program_new();
  s->program->title = "示例规则";
  s->program->rounding.places = 2;
  s->program->rounding.mode = RB_ROUND_HALF_UP;
  memset(&s->report, 0, sizeof s->report);
  s->report.id = "demo-2024";
  s->report.unit = "示例单位";
  s->report.title = "示例项目";
  s->rows[0] = make_row("产出", "数量指标", "专项调研/交流考察次数", "110次以上", "145次");
  s->rows[1] = make_row("产出", "数量指标", "评选侨都科普大使人数", "≥5人", "4人");
  s->rows[2] = make_row("效益", "社会效益指标", "科技统计上报率", "100%", "100%");
  s->rows[3] = make_row("效益", "社会效益指标", "宣传渠道增长情况", "对比上年有增长", NULL);
  s->rows[4] = make_row("服务对象满意度", "满意度指标", "服务对象满意度", "≥90%", "95%");

  rb_result *r = rb_result_new();
  s->r = r;
  r->program = s->program;
  r->report = &s->report;

  rb_node *root = add_node(r, NULL, "示例规则", "100", false);
  set_score(r, root, "90.25");
  set_self(r, root, "99.49");

  rb_node *decide = add_node(r, root, "决策", "20", false);
  set_score(r, decide, "18.50");
  rb_node *a1 = add_node(r, decide, "论证决策规范性", "12", true);
  set_score(r, a1, "12");
  set_self(r, a1, "12");
  rb_node *a2 = add_node(r, decide, "监管有效性", "8", true);
  set_score(r, a2, "6.50");
  set_self(r, a2, "8");
  a2->explain = "监管有效性 = 6.5";

  rb_node *output = add_node(r, root, "产出", "40", false);
  set_score(r, output, "36");
  rb_node *quantity = add_node(r, output, "数量指标", "40", false);
  set_score(r, quantity, "36");
  rb_node *b1 = add_node(r, quantity, "专项调研/交流考察次数", "20", true);
  set_score(r, b1, "20");
  set_self(r, b1, "20");
  b1->row = &s->rows[0];
  b1->explain = "min(145/110, 1) × 20 = 20.00";
  rb_node *b2 = add_node(r, quantity, "评选侨都科普大使人数", "20", true);
  set_score(r, b2, "16");
  set_self(r, b2, "20");
  b2->row = &s->rows[1];
  b2->explain = "min(4/5, 1) × 20 = 16.00";

  rb_node *effect = add_node(r, root, "效益", "30", false);
  set_score(r, effect, "26.25");
  set_self(r, effect, "30");
  rb_node *c1 = add_node(r, effect, "科技统计上报率", "10", true);
  set_score(r, c1, "10");
  c1->row = &s->rows[2];
  c1->explain = "min(100%/100%, 1) × 10 = 10.00";
  rb_node *c2 = add_node(r, effect, "宣传渠道增长情况", "10", true);
  set_score(r, c2, "7.5");
  c2->row = &s->rows[3];
  c2->explain = "实际完成值未填报，按部分达成计 75% × 10 = 7.50";
  rb_node *c3 = add_node(r, effect, "社会|舆情影响", "10", true);
  c3->not_applicable = true;
  c3->explain = "本项目不涉及，按百分制折算";

  rb_node *d = add_node(r, root, "服务对象满意度", "10", true);
  set_score(r, d, "9.5");
  set_self(r, d, "9.49");
  d->row = &s->rows[4];
  d->explain = "95% × 10 = 9.50";

  r->total = num(r, "90.25");
  r->grade = "优";
  r->has_self_total = true;
  r->self_total = num(r, "99.49");
  r->self_grade = "优";

  /* What the VM would have recorded during the run, in this order. */
  rb_finding *f = rb_result_add_finding(r, RB_FINDING_SHORTFALL, NULL, b2, "实际 4人 未达目标 ≥5人，少得 4.00 分");
  f->has_stake = true;
  f->stake = rb_num_int(4);
  rb_result_add_finding(r, RB_FINDING_REVIEW, NULL, c2, "实际完成值未填报，需人工核实");
  rb_result_add_finding(r, RB_FINDING_CHECK_FAILED, NULL, NULL, "预算执行率低于 90% 且未说明原因");
  rb_result_add_finding(r, RB_FINDING_OTHER, "late_report", root, "报告逾期提交");
}

static void sample_free(sample *s) {
  rb_result_free(s->r);
  rb_program_free(s->program);
}

/* ---- Capturing output --------------------------------------------------- */

static char *slurp(FILE *f) {
  fflush(f);
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, f);
  text[got] = '\0';
  return text;
}

typedef enum { FORMAT_JSON, FORMAT_TEXT, FORMAT_TEXT_COLOR, FORMAT_MARKDOWN } format;

static char *render(const rb_result *r, format how) {
  FILE *f = tmpfile();
  if (!f) {
    perror("tmpfile");
    exit(2);
  }
  switch (how) {
  case FORMAT_JSON: rb_result_write_json(r, f); break;
  case FORMAT_TEXT: rb_result_write_text(r, f, false); break;
  case FORMAT_TEXT_COLOR: rb_result_write_text(r, f, true); break;
  case FORMAT_MARKDOWN: rb_result_write_markdown(r, f); break;
  }
  char *text = slurp(f);
  fclose(f);
  return text;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s (run from the project root)\n", path);
    return NULL;
  }
  char *text = slurp(f);
  fclose(f);
  return text;
}

/* Compare with a golden file; on a difference, print the first differing
** line of each. */
static void check_golden(const char *got, const char *path) {
  char *want = read_file(path);
  CHECK(want != NULL);
  if (!want) return;
  if (strcmp(got, want) == 0) {
    check_passed++;
  } else {
    check_failed++;
    const char *g = got, *w = want;
    int line = 1;
    while (*g && *g == *w) {
      if (*g == '\n') line++;
      g++, w++;
    }
    while (g > got && g[-1] != '\n') g--, w--;
    fprintf(stderr, "%s: differs at line %d\n  got:  %.*s\n  want: %.*s\n", path, line, (int)strcspn(g, "\n"), g,
            (int)strcspn(w, "\n"), w);
  }
  free(want);
}

/* ---- Findings and the compare pass -------------------------------------- */

static void test_add_finding(void) {
  sample s;
  sample_build(&s);
  rb_result *r = s.r;
  CHECK(r->finding_count == 4);
  /* Path from the first section down, root excluded: made when read. */
  CHECK(r->findings[0].path == NULL && r->findings[0].depth == 3);
  rb_result_messages(r, 0, r->finding_count);
  const rb_finding *f = &r->findings[0];
  CHECK(f->kind == RB_FINDING_SHORTFALL);
  CHECK_STR(f->kind_name, "shortfall");
  CHECK(f->depth == 3);
  CHECK_STR(f->path[0], "产出");
  CHECK_STR(f->path[1], "数量指标");
  CHECK_STR(f->path[2], "评选侨都科普大使人数");
  CHECK(f->order == 0);
  /* A NULL node and the root both have an empty path. */
  CHECK(r->findings[2].depth == 0);
  CHECK(r->findings[3].depth == 0);
  CHECK_STR(r->findings[3].kind_name, "late_report");
  CHECK(r->findings[3].order == 3);
  /* Messages and a rubric's own kind name are copied. */
  char kind[] = "custom", message[] = "会被改写";
  rb_finding *g = rb_result_add_finding(r, RB_FINDING_OTHER, kind, r->root->first_child, message);
  kind[0] = 'X';
  message[0] = 'X';
  CHECK_STR(g->kind_name, "custom");
  CHECK_STR(g->message, "会被改写");
  rb_result_messages(r, r->finding_count - 1, r->finding_count);
  CHECK(g->depth == 1 && g->path && strcmp(g->path[0], "决策") == 0);
  CHECK(!g->has_self && !g->has_computed && !g->has_stake);
  /* Many findings: the array grows. */
  for (int k = 0; k < 100; k++) rb_result_add_finding(r, RB_FINDING_REVIEW, NULL, NULL, "x");
  CHECK(r->finding_count == 105);
  CHECK(r->findings[104].order == 104);
  CHECK_STR(rb_finding_kind_names[RB_FINDING_ROUNDING_ONLY], "rounding_only");
  CHECK_STR(rb_finding_kind_names[RB_FINDING_DATA_ERROR], "data_error");
  sample_free(&s);
}

static void test_compare_sample(void) {
  sample s;
  sample_build(&s);
  rb_result *r = s.r;
  rb_num tolerance;
  rb_num_parse(r->nums, "0.01", 4, &tolerance);
  rb_result_compare(r, tolerance);
  /* The top finding, before the others are ranked (the batch's CSV row):
  ** the total's mismatch, recorded fifth, with its message. */
  const rb_finding *top = rb_result_top(r);
  CHECK(top != NULL && top->kind == RB_FINDING_SCORE_MISMATCH && top->depth == 0 && top->order == 4);
  if (top) CHECK_STR(top->message, "自评 99.49 分，复核 90.25 分，相差 -9.24 分");
  CHECK(r->findings[0].kind == RB_FINDING_SHORTFALL); /* nothing moved yet */
  rb_result_messages(r, 0, r->finding_count);
  /* 4 recorded + root, 监管有效性, 评选…, 效益 mismatches + 满意度 rounding. */
  CHECK(r->finding_count == 9);
  if (r->finding_count != 9) return;
  const rb_finding *f = r->findings;
  /* Ranked by stake: 9.24, 4 (shortfall, order 0), 4 (mismatch, order 6),
  ** 3.75, 1.50, 0.01; then no stake in order of recording. */
  CHECK(f[0].kind == RB_FINDING_SCORE_MISMATCH && f[0].depth == 0);
  CHECK_STR(f[0].message, "自评 99.49 分，复核 90.25 分，相差 -9.24 分");
  CHECK(rb_num_cmp(f[0].stake, num(r, "9.24")) == 0);
  CHECK(rb_num_cmp(f[0].self, num(r, "99.49")) == 0);
  CHECK(rb_num_cmp(f[0].computed, num(r, "90.25")) == 0);
  CHECK(f[1].kind == RB_FINDING_SHORTFALL && f[1].order == 0);
  CHECK(f[2].kind == RB_FINDING_SCORE_MISMATCH && f[2].depth == 3 && f[2].order == 6);
  CHECK_STR(f[2].message, "自评 20.00 分，复核 16.00 分，相差 -4.00 分");
  CHECK(f[3].kind == RB_FINDING_SCORE_MISMATCH && f[3].depth == 1);
  CHECK_STR(f[3].path[0], "效益");
  CHECK_STR(f[3].message, "自评 30.00 分，复核 26.25 分，相差 -3.75 分");
  CHECK(f[4].kind == RB_FINDING_SCORE_MISMATCH && f[4].depth == 2);
  CHECK_STR(f[4].path[1], "监管有效性");
  CHECK_STR(f[4].message, "自评 8.00 分，复核 6.50 分，相差 -1.50 分");
  CHECK(f[5].kind == RB_FINDING_ROUNDING_ONLY);
  CHECK_STR(f[5].kind_name, "rounding_only");
  CHECK_STR(f[5].path[0], "服务对象满意度");
  CHECK_STR(f[5].message, "自评 9.49 分，复核 9.50 分，相差 +0.01 分");
  CHECK(rb_num_cmp(f[5].stake, num(r, "0.01")) == 0);
  CHECK(f[6].kind == RB_FINDING_REVIEW);
  CHECK(f[7].kind == RB_FINDING_CHECK_FAILED);
  CHECK(f[8].kind == RB_FINDING_OTHER);

  rb_num delta;
  CHECK(rb_result_delta(r, &delta));
  CHECK(rb_num_cmp(delta, num(r, "-9.24")) == 0);
  sample_free(&s);
}

/* Tolerance edges, the section rule, and a self score with more decimals
** than the rubric prints. */
static void test_compare_edges(void) {
  rb_program *p = rb_program_new();
  p->title = "边界";
  p->rounding.places = 2;
  rb_result *r = rb_result_new();
  r->program = p;
  rb_node *root = add_node(r, NULL, "边界", "30", false);
  set_score(r, root, "30");
  /* A section with a self score and an item below with one: only the item
  ** is reported (10 − 9 would repeat the item's 4 − 3). */
  rb_node *s1 = add_node(r, root, "甲", "10", false);
  set_score(r, s1, "9");
  set_self(r, s1, "10");
  rb_node *i1 = add_node(r, s1, "甲一", "5", true);
  set_score(r, i1, "3");
  set_self(r, i1, "4");
  rb_node *i2 = add_node(r, s1, "甲二", "5", true);
  set_score(r, i2, "6"); /* no self */
  /* Exactly the tolerance: rounding only.  Just above it: a mismatch. */
  rb_node *i3 = add_node(r, root, "乙", "5", true);
  set_score(r, i3, "3.64");
  set_self(r, i3, "3.63");
  rb_node *i4 = add_node(r, root, "丙", "5", true);
  set_score(r, i4, "3.64");
  set_self(r, i4, "3.629");
  /* 3.635 against 3.64: 0.005, printed with its third decimal. */
  rb_node *i5 = add_node(r, root, "丁", "5", true);
  set_score(r, i5, "3.64");
  set_self(r, i5, "3.635");
  /* No score (the item failed): not compared. */
  rb_node *i6 = add_node(r, root, "戊", "5", true);
  set_self(r, i6, "5");
  /* The root without a self total is not compared either. */
  CHECK(!rb_result_delta(r, &(rb_num){0, 1}));

  rb_result_compare(r, num(r, "0.01"));
  rb_result_messages(r, 0, r->finding_count);
  CHECK(r->finding_count == 4);
  if (r->finding_count == 4) {
    /* Stakes: 甲一 1, 丙 0.011, 乙 0.01, 丁 0.005. */
    CHECK(r->findings[0].kind == RB_FINDING_SCORE_MISMATCH);
    CHECK_STR(r->findings[0].path[1], "甲一");
    CHECK_STR(r->findings[0].message, "自评 4.00 分，复核 3.00 分，相差 -1.00 分");
    CHECK(r->findings[1].kind == RB_FINDING_SCORE_MISMATCH);
    CHECK_STR(r->findings[1].path[0], "丙");
    CHECK_STR(r->findings[1].message, "自评 3.629 分，复核 3.64 分，相差 +0.011 分");
    CHECK(r->findings[2].kind == RB_FINDING_ROUNDING_ONLY);
    CHECK_STR(r->findings[2].path[0], "乙");
    CHECK(r->findings[3].kind == RB_FINDING_ROUNDING_ONLY);
    CHECK_STR(r->findings[3].message, "自评 3.635 分，复核 3.64 分，相差 +0.005 分");
  }

  /* Clear keeps the result usable for the next report. */
  rb_result_clear(r);
  CHECK(r->root == NULL && r->finding_count == 0 && r->ok && r->error[0] == '\0');
  CHECK(r->program == p);
  CHECK(!r->has_self_total && r->grade == NULL);
  rb_node *again = add_node(r, NULL, "再来", "1", true);
  set_score(r, again, "1");
  set_self(r, again, "0");
  rb_result_compare(r, num(r, "0.01"));
  rb_result_messages(r, 0, r->finding_count);
  CHECK(r->finding_count == 1 && r->findings[0].depth == 0 && r->findings[0].order == 0);
  rb_result_free(r);
  rb_program_free(p);
}

/* ---- JSON --------------------------------------------------------------- */

static const char sample_json[] =
    "{\"id\":\"demo-2024\",\"rubric\":\"示例规则\",\"unit\":\"示例单位\",\"title\":\"示例项目\","
    "\"total\":90.25,\"grade\":\"优\",\"self_total\":99.49,\"self_grade\":\"优\",\"delta\":-9.24,"
    /* Nothing rests on an unverified item.  −9.24 itemised: 监管有效性 −1.50, 评选侨都科普大使人数 −4.00, 效益 as a
    ** whole (self 30, none below) −3.75, 服务对象满意度 +0.01; nothing unexplained. */
    "\"unverified\":0.00,\"verified\":90.25,\"itemised\":-9.24,\"unexplained\":0.00,"
    "\"findings_count\":9,"
    "\"tree\":{\"name\":\"示例规则\",\"weight\":100,\"score\":90.25,\"self_score\":99.49,\"delta\":-9.24,"
    "\"children\":["
    /**/ "{\"name\":\"决策\",\"weight\":20,\"score\":18.50,\"children\":["
    /*    */ "{\"name\":\"论证决策规范性\",\"weight\":12,\"score\":12.00,\"self_score\":12,\"delta\":0.00},"
    /*    */ "{\"name\":\"监管有效性\",\"weight\":8,\"score\":6.50,\"self_score\":8,\"delta\":-1.50,"
    /*    */ "\"explain\":\"监管有效性 = 6.5\"}]},"
    /**/ "{\"name\":\"产出\",\"weight\":40,\"score\":36.00,\"children\":["
    /*  */ "{\"name\":\"数量指标\",\"weight\":40,\"score\":36.00,\"children\":["
    /*    */ "{\"name\":\"专项调研/交流考察次数\",\"weight\":20,\"score\":20.00,\"self_score\":20,\"delta\":0.00,"
    /*    */ "\"target\":\"110次以上\",\"actual\":\"145次\",\"explain\":\"min(145/110, 1) × 20 = 20.00\"},"
    /*    */ "{\"name\":\"评选侨都科普大使人数\",\"weight\":20,\"score\":16.00,\"self_score\":20,\"delta\":-4.00,"
    /*    */ "\"target\":\"≥5人\",\"actual\":\"4人\",\"explain\":\"min(4/5, 1) × 20 = 16.00\"}]}]},"
    /**/ "{\"name\":\"效益\",\"weight\":30,\"score\":26.25,\"self_score\":30,\"delta\":-3.75,\"children\":["
    /*    */ "{\"name\":\"科技统计上报率\",\"weight\":10,\"score\":10.00,"
    /*    */ "\"target\":\"100%\",\"actual\":\"100%\",\"explain\":\"min(100%/100%, 1) × 10 = 10.00\"},"
    /*    */ "{\"name\":\"宣传渠道增长情况\",\"weight\":10,\"score\":7.50,"
    /*    */ "\"target\":\"对比上年有增长\",\"actual\":null,"
    /*    */ "\"explain\":\"实际完成值未填报，按部分达成计 75% × 10 = 7.50\"},"
    /*    */ "{\"name\":\"社会|舆情影响\",\"weight\":10,\"score\":null,"
    /*    */ "\"explain\":\"本项目不涉及，按百分制折算\",\"not_applicable\":true}]},"
    /**/ "{\"name\":\"服务对象满意度\",\"weight\":10,\"score\":9.50,\"self_score\":9.49,\"delta\":0.01,"
    /**/ "\"target\":\"≥90%\",\"actual\":\"95%\",\"explain\":\"95% × 10 = 9.50\"}]},"
    "\"findings\":["
    "{\"kind\":\"score_mismatch\",\"path\":[],\"message\":\"自评 99.49 分，复核 90.25 分，相差 -9.24 分\","
    /**/ "\"self\":99.49,\"computed\":90.25,\"stake\":9.24},"
    "{\"kind\":\"shortfall\",\"path\":[\"产出\",\"数量指标\",\"评选侨都科普大使人数\"],"
    /**/ "\"message\":\"实际 4人 未达目标 ≥5人，少得 4.00 分\",\"stake\":4.00},"
    "{\"kind\":\"score_mismatch\",\"path\":[\"产出\",\"数量指标\",\"评选侨都科普大使人数\"],"
    /**/ "\"message\":\"自评 20.00 分，复核 16.00 分，相差 -4.00 分\",\"self\":20.00,\"computed\":16.00,\"stake\":4.00},"
    "{\"kind\":\"score_mismatch\",\"path\":[\"效益\"],\"message\":\"自评 30.00 分，复核 26.25 分，相差 -3.75 分\","
    /**/ "\"self\":30.00,\"computed\":26.25,\"stake\":3.75},"
    "{\"kind\":\"score_mismatch\",\"path\":[\"决策\",\"监管有效性\"],"
    /**/ "\"message\":\"自评 8.00 分，复核 6.50 分，相差 -1.50 分\",\"self\":8.00,\"computed\":6.50,\"stake\":1.50},"
    "{\"kind\":\"rounding_only\",\"path\":[\"服务对象满意度\"],"
    /**/ "\"message\":\"自评 9.49 分，复核 9.50 分，相差 +0.01 分\",\"self\":9.49,\"computed\":9.50,\"stake\":0.01},"
    "{\"kind\":\"review\",\"path\":[\"效益\",\"宣传渠道增长情况\"],\"message\":\"实际完成值未填报，需人工核实\"},"
    "{\"kind\":\"check_failed\",\"path\":[],\"message\":\"预算执行率低于 90% 且未说明原因\"},"
    "{\"kind\":\"late_report\",\"path\":[],\"message\":\"报告逾期提交\"}],"
    "\"checks\":[]}";

static void compared_sample(sample *s) {
  sample_build(s);
  rb_result_compare(s->r, num(s->r, "0.01"));
  rb_result_messages(s->r, 0, s->r->finding_count);
}

static void test_json_sample(void) {
  sample s;
  compared_sample(&s);
  char *got = render(s.r, FORMAT_JSON);
  CHECK_STR(got, sample_json);
  CHECK(got[strlen(got) - 1] == '}'); /* no newline: the caller adds it */
  free(got);
  sample_free(&s);
}

/* Escaping, an inexpressible weight, a self score below the places, no
** report and no self total, and a failed run. */
static void test_json_edges(void) {
  rb_program *p = rb_program_new();
  p->title = "小";
  p->rounding.places = 2;
  rb_result *r = rb_result_new();
  r->program = p;
  rb_node *root = add_node(r, NULL, "R", "100", false);
  set_score(r, root, "13.33");
  rb_node *item = add_node(r, root, "a\"b\\c\td\x01x\xffy/é", "1", true);
  rb_num_frac(r->nums, 40, 3, &item->weight);
  set_score(r, item, "13.33");
  set_self(r, item, "13.331"); /* delta −0.001: 0.00, never -0.00 */
  r->total = num(r, "13.33");
  char *got = render(r, FORMAT_JSON);
  CHECK_STR(got, "{\"id\":\"\",\"rubric\":\"小\",\"unit\":null,\"title\":null,\"total\":13.33,\"grade\":null,"
                 "\"self_total\":null,\"self_grade\":null,\"delta\":null,\"unverified\":0.00,"
                 "\"verified\":13.33,\"itemised\":null,\"unexplained\":null,\"findings_count\":0,"
                 "\"tree\":{\"name\":\"R\",\"weight\":100,\"score\":13.33,\"children\":["
                 "{\"name\":\"a\\\"b\\\\c\\u0009d\\u0001x\\ufffdy/é\",\"weight\":13.333333,\"score\":13.33,"
                 "\"self_score\":13.331,\"delta\":0.00}]},\"findings\":[],\"checks\":[]}");
  free(got);

  /* The rubric's places decide: 0 places prints whole numbers. */
  p->rounding.places = 0;
  got = render(r, FORMAT_JSON);
  CHECK(strstr(got, "\"total\":13,") != NULL);
  CHECK(strstr(got, "\"weight\":13.333333,\"score\":13,\"self_score\":13.331,\"delta\":0}") != NULL);
  free(got);

  /* A failed run. */
  r->ok = false;
  snprintf(r->error, sizeof r->error, "%s", "rules.rb:3:5: error: 除数为零 \"产出\"");
  got = render(r, FORMAT_JSON);
  CHECK_STR(got, "{\"id\":\"\",\"rubric\":\"小\",\"error\":\"rules.rb:3:5: error: 除数为零 \\\"产出\\\"\"}");
  free(got);
  got = render(r, FORMAT_TEXT);
  CHECK_STR(got, "rules.rb:3:5: error: 除数为零 \"产出\"\n");
  free(got);
  got = render(r, FORMAT_MARKDOWN);
  CHECK_STR(got, "# 小\n\n**错误**：rules.rb:3:5: error: 除数为零 \"产出\"\n");
  free(got);
  rb_result_free(r);
  rb_program_free(p);
}

/* The fixed members, read back by a JSON parser, with the right types. */
static void test_json_parses(void) {
  sample s;
  compared_sample(&s);
  char *got = render(s.r, FORMAT_JSON);
  json_object *doc = json_tokener_parse(got);
  CHECK(doc != NULL);
  if (doc) {
    json_object *v;
    CHECK(json_object_object_get_ex(doc, "id", &v) && json_object_is_type(v, json_type_string));
    CHECK_STR(json_object_get_string(v), "demo-2024");
    CHECK(json_object_object_get_ex(doc, "rubric", &v) && json_object_is_type(v, json_type_string));
    CHECK(json_object_object_get_ex(doc, "total", &v) && json_object_is_type(v, json_type_double));
    CHECK(json_object_object_get_ex(doc, "grade", &v) && json_object_is_type(v, json_type_string));
    CHECK(json_object_object_get_ex(doc, "self_total", &v) && json_object_is_type(v, json_type_double));
    CHECK(json_object_object_get_ex(doc, "delta", &v) && json_object_is_type(v, json_type_double));
    CHECK(json_object_object_get_ex(doc, "findings_count", &v) && json_object_is_type(v, json_type_int) &&
          json_object_get_int(v) == 9);
    json_object *tree, *children, *findings;
    CHECK(json_object_object_get_ex(doc, "tree", &tree) && json_object_is_type(tree, json_type_object));
    CHECK(json_object_object_get_ex(tree, "name", &v) && json_object_is_type(v, json_type_string));
    CHECK(json_object_object_get_ex(tree, "weight", &v) && json_object_is_type(v, json_type_int));
    CHECK(json_object_object_get_ex(tree, "score", &v) && json_object_is_type(v, json_type_double));
    CHECK(json_object_object_get_ex(tree, "children", &children) && json_object_is_type(children, json_type_array));
    CHECK(json_object_array_length(children) == 4);
    json_object *first = json_object_array_get_idx(children, 0);
    CHECK(json_object_object_get_ex(first, "name", &v));
    CHECK_STR(json_object_get_string(v), "决策");
    CHECK(!json_object_object_get_ex(first, "self_score", NULL)); /* no self score: omitted */
    json_object *item = json_object_array_get_idx(children, 3);
    CHECK(json_object_object_get_ex(item, "target", &v) && json_object_is_type(v, json_type_string));
    CHECK(!json_object_object_get_ex(item, "children", NULL));
    CHECK(json_object_object_get_ex(doc, "findings", &findings) && json_object_is_type(findings, json_type_array));
    CHECK(json_object_array_length(findings) == 9);
    json_object *f = json_object_array_get_idx(findings, 1);
    CHECK(json_object_object_get_ex(f, "kind", &v) && json_object_is_type(v, json_type_string));
    CHECK(json_object_object_get_ex(f, "path", &v) && json_object_is_type(v, json_type_array) &&
          json_object_array_length(v) == 3);
    CHECK(json_object_object_get_ex(f, "message", &v) && json_object_is_type(v, json_type_string));
    json_object_put(doc);
  }
  free(got);
  sample_free(&s);
}

/* ---- Text and Markdown -------------------------------------------------- */

static void test_text(void) {
  sample s;
  compared_sample(&s);
  char *got = render(s.r, FORMAT_TEXT);
  check_golden(got, "tests/output/expected/sample.txt");
  CHECK(strchr(got, '\033') == NULL);
  free(got);

  got = render(s.r, FORMAT_TEXT_COLOR);
  CHECK(strstr(got, "\033[1m决策\033[0m") != NULL);                  /* sections bold */
  CHECK(strstr(got, "\033[31m-1.50\033[0m") != NULL);                /* a negative difference red */
  CHECK(strstr(got, "\033[32m0.00\033[0m") != NULL);                 /* no difference green */
  CHECK(strstr(got, "    论证决策规范性") != NULL);                  /* items plain */
  CHECK(strstr(got, "\033[1m    论证决策规范性") == NULL);
  free(got);
  sample_free(&s);
}

static void test_markdown(void) {
  sample s;
  compared_sample(&s);
  char *got = render(s.r, FORMAT_MARKDOWN);
  check_golden(got, "tests/output/expected/sample.md");
  free(got);
  sample_free(&s);
}

/* Check outcomes: held, failed, not evaluable — in every format. */
static void test_checks(void) {
  rb_program *p = rb_program_new();
  p->title = "检";
  p->rounding.places = 2;
  rb_result *r = rb_result_new();
  r->program = p;
  rb_node *root = add_node(r, NULL, "R", "100", false);
  set_score(r, root, "100");
  r->total = num(r, "100");
  CHECK(rb_result_add_check(r, "支出率", true, true, "73.2% = 9381.56 / 12823.67"));
  CHECK(rb_result_add_check(r, "明细合计", true, false, "相差 0.01"));
  CHECK(rb_result_add_check(r, "到位率", false, false, ""));
  char *got = render(r, FORMAT_JSON);
  CHECK(got && strstr(got, "\"checks\":[{\"name\":\"支出率\",\"passed\":true,\"message\":\"73.2% = 9381.56 / "
                           "12823.67\"},{\"name\":\"明细合计\",\"passed\":false,\"message\":\"相差 0.01\"},"
                           "{\"name\":\"到位率\",\"passed\":null,\"message\":\"\"}]}") != NULL);
  free(got);
  got = render(r, FORMAT_TEXT);
  CHECK(got && strstr(got, "检查 (3)\n  ✓ 支出率: 73.2% = 9381.56 / 12823.67\n  ✗ 明细合计: 相差 0.01\n  ? 到位率\n") != NULL);
  free(got);
  got = render(r, FORMAT_MARKDOWN);
  CHECK(got && strstr(got, "| 支出率 | 通过 | 73.2% = 9381.56 / 12823.67 |\n| 明细合计 | 未通过 | 相差 0.01 |\n"
                           "| 到位率 | 无法核实 |  |\n") != NULL);
  free(got);
  /* A finding whose message opens with its item's name is not prefixed
  ** with that name again; the JSON path stays whole. */
  rb_node *sec = add_node(r, root, "产出", "40", false);
  rb_node *it = add_node(r, sec, "新增孵化载体数量", "1.49", true);
  rb_result_add_finding(r, RB_FINDING_SHORTFALL, NULL, it, "新增孵化载体数量：目标 2家，实际 1家");
  got = render(r, FORMAT_TEXT);
  CHECK(got && strstr(got, "[shortfall] 产出: 新增孵化载体数量：目标 2家，实际 1家\n") != NULL);
  free(got);
  got = render(r, FORMAT_JSON);
  CHECK(got && strstr(got, "\"path\":[\"产出\",\"新增孵化载体数量\"]") != NULL);
  free(got);
  /* Cleared for the next report. */
  rb_result_clear(r);
  CHECK(r->check_count == 0);
  rb_result_free(r);
  rb_program_free(p);
}

/* Ranking many findings (more than the insertion sort's dozen, so the
** merge runs): stakes largest first, equal stakes and the findings with no
** stake each in the order of recording, those with no stake last.  Finding
** k (k = 0 .. 39) has the stake (k mod 5) / denominator when k mod 3 is not
** 0, and no stake when it is; its message is its number.  The ranking is
** the same for every denominator. */
static void test_rank_many(int denominator) {
  rb_result *r = rb_result_new();
  CHECK(r != NULL);
  if (!r) return;
  for (int k = 0; k < 40; k++) {
    char text[8];
    snprintf(text, sizeof text, "%d", k);
    rb_finding *f = rb_result_add_finding(r, RB_FINDING_REVIEW, NULL, NULL, text);
    if (!f) return;
    if (k % 3 != 0) {
      f->has_stake = true;
      rb_num_frac(r->nums, k % 5, denominator, &f->stake);
    }
  }
  rb_result_compare(r, rb_num_int(0));
  const rb_finding *top = rb_result_top(r);
  CHECK(top != NULL && top->message && strcmp(top->message, "4") == 0);
  rb_result_messages(r, 0, 0); /* ranks them all, makes no message */
  /* Hand-listed (the stakes for the denominator 4): stake 1 (k mod 5 = 4,
  ** k mod 3 ≠ 0): 4 14 19 29 34; 0.75:
  ** 8 13 23 28 38; 0.5: 2 7 17 22 32 37; 0.25: 1 11 16 26 31; 0: 5 10 20
  ** 25 35 (a stake of 0 still ranks before no stake); then the 14
  ** multiples of 3. */
  static const int want[40] = {4,  14, 19, 29, 34, 8,  13, 23, 28, 38, 2,  7,  17, 22, 32, 37, 1,  11, 16, 26,
                               31, 5,  10, 20, 25, 35, 0,  3,  6,  9,  12, 15, 18, 21, 24, 27, 30, 33, 36, 39};
  CHECK(r->finding_count == 40);
  for (uint32_t i = 0; i < r->finding_count && i < 40; i++) {
    char text[8];
    snprintf(text, sizeof text, "%d", want[i]);
    if (strcmp(r->findings[i].message, text) != 0) fprintf(stderr, "rank %u: %s, not %s\n", i, r->findings[i].message, text);
    CHECK_STR(r->findings[i].message, text);
  }
  rb_result_free(r);
}

/* rb_format_texts: "%s" in turn, "%%", anything else as written, and the
** snprintf contract — the whole length returned, the text cut and still
** terminated.  Every expected string is written out by hand. */
static void test_format_texts(void) {
  char buf[64];
  const char *two[] = {"99.49", "-9.24"};
  CHECK(rb_format_texts(buf, sizeof buf, "自评 %s 分，相差 %s 分", two, 2) == strlen("自评 99.49 分，相差 -9.24 分"));
  CHECK_STR(buf, "自评 99.49 分，相差 -9.24 分");
  /* At the start, at the end, back to back. */
  CHECK(rb_format_texts(buf, sizeof buf, "%s%s", two, 2) == 10);
  CHECK_STR(buf, "99.49-9.24");
  /* Fewer arguments than conversions, and a NULL one: "". */
  const char *none[] = {NULL};
  CHECK(rb_format_texts(buf, sizeof buf, "[%s|%s]", none, 1) == 3);
  CHECK_STR(buf, "[|]");
  /* "%%" is one '%'; another conversion and a '%' at the end stand as written. */
  const char *one[] = {"95"};
  CHECK(rb_format_texts(buf, sizeof buf, "%s%% %d 100%", one, 1) == 11);
  CHECK_STR(buf, "95% %d 100%");
  /* A text that holds "%s" is not read again. */
  const char *percent[] = {"%s"};
  CHECK(rb_format_texts(buf, sizeof buf, "<%s>", percent, 1) == 4);
  CHECK_STR(buf, "<%s>");
  /* Cut: 5 bytes hold four characters and the NUL; the length is the whole. */
  char small[5];
  CHECK(rb_format_texts(small, sizeof small, "ab%scd", one, 1) == 6);
  CHECK_STR(small, "ab95");
  CHECK(rb_format_texts(small, sizeof small, "%s", (const char *const[]){"123456789"}, 1) == 9);
  CHECK_STR(small, "1234");
  char tiny[1] = {'x'};
  CHECK(rb_format_texts(tiny, 1, "abc", NULL, 0) == 3 && tiny[0] == '\0');
  CHECK(rb_format_texts(NULL, 0, "a%sc", one, 1) == 4);
  CHECK(rb_format_texts(buf, sizeof buf, "", one, 1) == 0 && buf[0] == '\0');
}

/* The numbers in messages about scores: exact in the rubric's places, more
** places when the value has them, a sign where asked — through the
** messages the comparison writes. */
static void test_compare_numbers(void) {
  rb_program *p = rb_program_new();
  p->title = "数";
  p->rounding.places = 2;
  rb_result *r = rb_result_new();
  r->program = p;
  rb_node *root = add_node(r, NULL, "数", "20", false);
  set_score(r, root, "16.5");
  r->total = root->score;
  /* 甲: 7.5 against 10 (−2.50); 乙: 9 against 8.125 (+0.875, its third
  ** place kept); 丙: 0 against 0.5, a self score above the weight 0.4. */
  rb_node *a = add_node(r, root, "甲", "10", true);
  set_score(r, a, "7.5");
  set_self(r, a, "10");
  rb_node *b = add_node(r, root, "乙", "9.6", true);
  set_score(r, b, "9");
  set_self(r, b, "8.125");
  rb_node *c = add_node(r, root, "丙", "0.4", true);
  set_score(r, c, "0");
  set_self(r, c, "0.5");
  rb_result_compare(r, num(r, "0.01"));
  rb_result_messages(r, 0, r->finding_count);
  /* Stakes: 甲 2.5, 乙 0.875, 丙 0.5 (mismatch) and 0.1 (over its weight). */
  CHECK(r->finding_count == 4);
  if (r->finding_count == 4) {
    CHECK_STR(r->findings[0].message, "自评 10.00 分，复核 7.50 分，相差 -2.50 分");
    CHECK_STR(r->findings[1].message, "自评 8.125 分，复核 9.00 分，相差 +0.875 分");
    CHECK_STR(r->findings[2].message, "自评 0.50 分，复核 0.00 分，相差 -0.50 分");
    CHECK(r->findings[3].kind == RB_FINDING_DATA_ERROR);
    CHECK_STR(r->findings[3].message, "自评分 0.50 超过该项分值 0.40");
    CHECK(rb_num_cmp(r->findings[3].stake, num(r, "0.1")) == 0);
  }
  rb_result_free(r);
  rb_program_free(p);
}

int main(void) {
  test_format_texts();
  test_compare_numbers();
  test_checks();
  test_add_finding();
  test_compare_sample();
  test_compare_edges();
  test_rank_many(4); /* stakes 0, 0.25 … 1: decimals, ranked by their keys */
  test_rank_many(3); /* 0, 1/3, 2/3, 1, 4/3: fractions, ranked by comparing them */
  test_json_sample();
  test_json_edges();
  test_json_parses();
  test_text();
  test_markdown();
  return check_done();
}
