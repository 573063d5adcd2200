/*
** text.c — the result as a person reads it in a terminal.
**
**   科技发展管理经费 · 江门市科学技术局 · jiangmen-2024-keji-fazhan
**   规则：广东省项目支出绩效自评
**
**   指标                      分值  复核得分  自评得分   差异
**   广东省项目支出绩效自评     100     98.00     99.00  -1.00
**     决策                      20     20.00
**       论证决策规范性          12     12.00     12.00   0.00
**         目标 … · 实际 … · min(145/110, 1) × 3.64 = 3.64
**   …
**   总分 98.00 · 等级 优 · 自评 99.00 · 自评等级 优 · 差异 -1.00
**   其中未经核实 20.00 分 · 已核实 78.00 分          (when some points are)
**
**   发现 (1)
**     [score_mismatch] 决策 › 监管有效性: 自评 8.00 分，复核 7.00 分，相差 -1.00 分
**
** One line per node, indented two spaces per level, then for an item a
** second line with its target, actual and the formula with its numbers.
** Columns are aligned by display width: a Chinese character takes two
** terminal columns (output_util.c).  Scores print with the rubric's places;
** weights exactly; self scores and differences with the rubric's places or
** more digits when they have them, a difference always with its sign.
** Colour (ANSI escapes) only when asked: the CLI asks when writing to a
** terminal.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "base/messages.h"
#include "output/output_util.h"
#include "report/report.h"

/* ANSI styles. */
#define STYLE_BOLD "\033[1m"
#define STYLE_DIM "\033[2m"
#define STYLE_RED "\033[31m"
#define STYLE_GREEN "\033[32m"
#define STYLE_YELLOW "\033[33m"
#define STYLE_RESET "\033[0m"

/* The numeric columns, in order, with their headings. */
enum { COL_WEIGHT, COL_SCORE, COL_SELF, COL_DELTA, COL_COUNT };
static const rb_msg_id column_titles[COL_COUNT] = {RB_MSG_HT_WEIGHT, RB_MSG_HT_SCORE, RB_MSG_HT_SELF,
                                                   RB_MSG_HT_DELTA};
enum { COLUMN_GAP = 2 };

typedef struct text_writer {
  FILE *out;
  const rb_result *r;
  bool color;
  rb_lang lang;
  int places;
  rb_arena scratch;
  size_t name_width;
  size_t widths[COL_COUNT];
} text_writer;

/* Start and end a style; nothing when colour is off. */
static void style_on(text_writer *w, const char *style) {
  if (w->color && style) fputs(style, w->out);
}
static void style_off(text_writer *w, const char *style) {
  if (w->color && style) fputs(STYLE_RESET, w->out);
}

/* The numeric cells of a node's line ("" where there is nothing), and the
** colour of its difference. */
static void node_cells(text_writer *w, const rb_node *n, const char *cells[COL_COUNT], const char **delta_style) {
  cells[COL_WEIGHT] = rb_out_num(&w->scratch, n->weight, RB_OUT_EXACT, w->places);
  if (n->not_applicable)
    cells[COL_SCORE] = rb_msg(w->lang, RB_MSG_TX_NA);
  else if (n->has_score)
    cells[COL_SCORE] = rb_out_num(&w->scratch, n->score, RB_OUT_FIXED, w->places);
  else
    cells[COL_SCORE] = "—";
  cells[COL_SELF] = n->has_self ? rb_out_num(&w->scratch, n->self, RB_OUT_AT_LEAST, w->places) : "";
  cells[COL_DELTA] = "";
  *delta_style = NULL;
  rb_num delta;
  if (n->has_self && n->has_score && rb_num_sub(w->r->nums, n->score, n->self, &delta)) {
    cells[COL_DELTA] = rb_out_num(&w->scratch, delta, RB_OUT_SIGNED_AT_LEAST, w->places);
    int sign = rb_num_sign(delta);
    *delta_style = sign < 0 ? STYLE_RED : sign > 0 ? STYLE_YELLOW : STYLE_GREEN;
  }
}

/* First pass: the widest name (with its indentation) and the widest cell of
** each column, headings included. */
static void measure_tree(text_writer *w, const rb_node *n) {
  size_t name = 2 * (size_t)n->depth + rb_utf8_display_width(n->name);
  if (name > w->name_width) w->name_width = name;
  const char *cells[COL_COUNT], *delta_style;
  node_cells(w, n, cells, &delta_style);
  for (int c = 0; c < COL_COUNT; c++) {
    size_t width = rb_utf8_display_width(cells[c]);
    if (width > w->widths[c]) w->widths[c] = width;
  }
  for (const rb_node *c = n->first_child; c; c = c->next) measure_tree(w, c);
}

/* One table line: the name left-aligned after `indent` spaces, then each
** numeric cell right-aligned in its column.  The line stops after its last
** nonempty cell, so no line ends in spaces. */
static void put_line(text_writer *w, size_t indent, const char *name, const char *name_style,
                     const char *const cells[COL_COUNT], const char *const styles[COL_COUNT]) {
  int last = -1;
  for (int c = 0; c < COL_COUNT; c++)
    if (cells[c][0]) last = c;
  rb_out_spaces(w->out, indent);
  style_on(w, name_style);
  fputs(name, w->out);
  style_off(w, name_style);
  size_t used = indent + rb_utf8_display_width(name);
  if (last < 0) {
    fputc('\n', w->out);
    return;
  }
  rb_out_spaces(w->out, w->name_width - used);
  for (int c = 0; c <= last; c++) {
    rb_out_spaces(w->out, COLUMN_GAP + w->widths[c] - rb_utf8_display_width(cells[c]));
    style_on(w, styles[c]);
    fputs(cells[c], w->out);
    style_off(w, styles[c]);
  }
  fputc('\n', w->out);
}

/* Message id with its arguments, as text in the scratch arena (NULL when
** out of memory). */
static const char *message(text_writer *w, rb_msg_id id, const char *a1, const char *a2) {
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return NULL;
  const char *args[] = {a1, a2};
  rb_msg_write(f, w->lang, id, args, 2);
  fclose(f);
  const char *s = buf ? rb_arena_strdup(&w->scratch, buf) : NULL;
  free(buf);
  return s;
}

static void say(text_writer *w, rb_msg_id id, const char *a1, const char *a2) {
  const char *args[] = {a1, a2};
  rb_msg_write(w->out, w->lang, id, args, 2);
}

/* An item's second line: target, actual and the explanation, whichever
** exist, joined by " · "; nothing when there are none. */
static void put_detail(text_writer *w, const rb_node *n) {
  const char *parts[3];
  int count = 0;
  if (n->row) {
    const char *target = n->row->target_text ? n->row->target_text : "";
    const char *actual = n->row->actual_text ? n->row->actual_text : rb_msg(w->lang, RB_MSG_TX_NOT_GIVEN);
    const char *t = message(w, RB_MSG_TX_TARGET, target, NULL), *a = message(w, RB_MSG_TX_ACTUAL, actual, NULL);
    if (t && a) {
      parts[count++] = t;
      parts[count++] = a;
    }
  }
  if (n->explain && n->explain[0]) parts[count++] = n->explain;
  if (count == 0) return;
  rb_out_spaces(w->out, 2 * (size_t)n->depth + 2);
  style_on(w, STYLE_DIM);
  for (int k = 0; k < count; k++) {
    if (k) fputs(" · ", w->out);
    fputs(parts[k], w->out);
  }
  style_off(w, STYLE_DIM);
  fputc('\n', w->out);
}

/* Second pass: the lines, in tree order. */
static void put_tree(text_writer *w, const rb_node *n) {
  const char *cells[COL_COUNT], *delta_style;
  node_cells(w, n, cells, &delta_style);
  const char *styles[COL_COUNT] = {NULL, NULL, NULL, delta_style};
  put_line(w, 2 * (size_t)n->depth, n->name ? n->name : "", n->is_item ? NULL : STYLE_BOLD, cells, styles);
  if (n->is_item) put_detail(w, n);
  for (const rb_node *c = n->first_child; c; c = c->next) put_tree(w, c);
}

/* The heading: what was scored (the report's title, unit and id, whichever
** it has), then by which rubric. */
static void put_heading(text_writer *w) {
  const rb_report *report = w->r->report;
  if (report) {
    const char *parts[3] = {report->title, report->unit, report->id};
    bool first = true;
    style_on(w, STYLE_BOLD);
    for (int k = 0; k < 3; k++) {
      if (!parts[k] || !parts[k][0]) continue;
      if (!first) fputs(" · ", w->out);
      fputs(parts[k], w->out);
      first = false;
    }
    style_off(w, STYLE_BOLD);
    if (!first) fputc('\n', w->out);
  }
  const char *rubric = w->r->program && w->r->program->title ? w->r->program->title : "";
  say(w, RB_MSG_EX_RUBRIC, rubric, NULL);
  fputc('\n', w->out);
}

/* 总分 98.00 · 等级 优 · 自评 99.00 · 自评等级 优 · 差异 -1.00 */
static void put_total(text_writer *w) {
  const rb_result *r = w->r;
  style_on(w, STYLE_BOLD);
  say(w, RB_MSG_TX_TOTAL, rb_out_num(&w->scratch, r->total, RB_OUT_FIXED, w->places), NULL);
  style_off(w, STYLE_BOLD);
  if (r->grade) say(w, RB_MSG_TX_GRADE, r->grade, NULL);
  if (r->has_self_total) say(w, RB_MSG_TX_SELF, rb_out_num(&w->scratch, r->self_total, RB_OUT_AT_LEAST, w->places), NULL);
  if (r->self_grade) say(w, RB_MSG_TX_SELF_GRADE, r->self_grade, NULL);
  rb_num delta;
  if (rb_result_delta(r, &delta)) {
    int sign = rb_num_sign(delta);
    say(w, RB_MSG_TX_DELTA, NULL, NULL);
    const char *style = sign < 0 ? STYLE_RED : sign > 0 ? STYLE_YELLOW : STYLE_GREEN;
    style_on(w, style);
    fputs(rb_out_num(&w->scratch, delta, RB_OUT_SIGNED_AT_LEAST, w->places), w->out);
    style_off(w, style);
  }
  fputc('\n', w->out);
  /* Points that rest on something not verified are not a recomputation:
  ** say how many, beside the verified rest. */
  rb_num verified;
  if (r->root && !rb_num_is_zero(r->root->unverified_score) &&
      rb_num_sub(r->nums, r->total, r->root->unverified_score, &verified)) {
    say(w, RB_MSG_TX_UNVERIFIED, rb_out_num(&w->scratch, r->root->unverified_score, RB_OUT_FIXED, w->places),
        rb_out_num(&w->scratch, verified, RB_OUT_FIXED, w->places));
    fputc('\n', w->out);
  }
}

/* The colour of a finding's kind: red for what is wrong, yellow for what a
** reader must look at, none for the rest. */
static const char *kind_style(rb_finding_kind kind) {
  switch (kind) {
  case RB_FINDING_SCORE_MISMATCH:
  case RB_FINDING_CHECK_FAILED:
  case RB_FINDING_DATA_ERROR: return STYLE_RED;
  case RB_FINDING_SHORTFALL:
  case RB_FINDING_UNVERIFIED:
  case RB_FINDING_DEFAULTED:
  case RB_FINDING_REVIEW: return STYLE_YELLOW;
  default: return NULL;
  }
}

/* Every check with its outcome: ✓ held, ✗ failed, ? could not be evaluated. */
static void put_checks(text_writer *w) {
  const rb_result *r = w->r;
  if (r->check_count == 0) return;
  style_on(w, STYLE_BOLD);
  char count[32];
  snprintf(count, sizeof count, "%lu", (unsigned long)r->check_count);
  say(w, RB_MSG_TX_CHECKS, count, NULL);
  style_off(w, STYLE_BOLD);
  fputc('\n', w->out);
  for (uint32_t k = 0; k < r->check_count; k++) {
    const rb_check_result *c = &r->checks[k];
    const char *mark = !c->evaluated ? "?" : c->passed ? "✓" : "✗";
    const char *style = !c->evaluated ? STYLE_YELLOW : c->passed ? NULL : STYLE_RED;
    fputs("  ", w->out);
    style_on(w, style);
    fputs(mark, w->out);
    style_off(w, style);
    fprintf(w->out, " %s%s%s\n", c->name, c->message[0] ? ": " : "", c->message);
  }
  fputc('\n', w->out);
}

/* The checks (✓ ✗ ?) and the findings ranked by points at stake. */
static void put_findings(text_writer *w) {
  const rb_result *r = w->r;
  put_checks(w);
  style_on(w, STYLE_BOLD);
  char count[32];
  snprintf(count, sizeof count, "%lu", (unsigned long)r->finding_count);
  say(w, RB_MSG_TX_FINDINGS, count, NULL);
  style_off(w, STYLE_BOLD);
  fputc('\n', w->out);
  for (uint32_t k = 0; k < r->finding_count; k++) {
    const rb_finding *f = &r->findings[k];
    const char *style = kind_style(f->kind);
    fputs("  ", w->out);
    style_on(w, style);
    fprintf(w->out, "[%s]", f->kind_name ? f->kind_name : rb_finding_kind_names[f->kind]);
    style_off(w, style);
    const char *path = f->depth > 0 ? rb_out_path(&w->scratch, f) : "";
    if (path[0])
      fprintf(w->out, " %s: %s\n", path, f->message ? f->message : "");
    else
      fprintf(w->out, " %s\n", f->message ? f->message : "");
  }
}

/* The result as text for a terminal: the tree, the total, checks, findings. */
void rb_result_write_text(const rb_result *r, FILE *out, bool color) {
  rb_result_write_text_lang(r, out, color, RB_LANG_ZH);
}

void rb_result_write_text_lang(const rb_result *r, FILE *out, bool color, int lang_code) {
  rb_lang lang = lang_code == RB_LANG_EN ? RB_LANG_EN : RB_LANG_ZH;
  rb_result_messages(r, 0, r->finding_count);
  if (!r->ok) {
    fprintf(out, "%s\n", r->error); /* already "file:line:col: error: …" */
    return;
  }
  text_writer w = {.out = out, .r = r, .color = color, .lang = lang, .places = rb_out_places(r)};
  rb_arena_init(&w.scratch);

  put_heading(&w);
  fputc('\n', out);
  if (r->root) {
    const char *name_title = rb_msg(lang, RB_MSG_HT_INDICATOR), *titles[COL_COUNT];
    w.name_width = rb_utf8_display_width(name_title);
    for (int c = 0; c < COL_COUNT; c++) w.widths[c] = rb_utf8_display_width(titles[c] = rb_msg(lang, column_titles[c]));
    measure_tree(&w, r->root);
    const char *const no_styles[COL_COUNT] = {NULL, NULL, NULL, NULL};
    put_line(&w, 0, name_title, STYLE_BOLD, titles, no_styles);
    put_tree(&w, r->root);
  }
  put_total(&w);
  fputc('\n', out);
  put_findings(&w);
  rb_arena_free(&w.scratch);
}
