/*
** markdown.c — the result as a document to publish or teach from.
**
**   # <report title> — <rubric title>
**   填报单位 · 报告编号
**   a summary table: 复核总分 | 等级 | 自评总分 | 自评等级 | 差异
**   ## 评分表    the score table in the layout of the published 评分表:
**                一级指标 | 二级指标 | 三级指标 | 分值 | 指标值 | 实际完成值 |
**                自评分 | 复核分 | 差异, one row per item, then 合计
**   ## 计算过程  each item's formula with its numbers
**   ## 发现      the findings, ranked, as a numbered list
**
** In the score table, 一级指标 is the item's top section; 二级指标 the
** indicator row's 二级指标 when the item was generated from a row, else the
** sections between the top section and the item; 三级指标 the item.  An item
** directly under the rubric (预算执行率 in the national family) is itself
** the 一级指标, with 三级指标 left empty, as published tables show it.  Like
** those tables, a 一级 or 二级 name is written once and left empty in the
** rows that repeat it (the merged cells of the original).
**
** Scores print with the rubric's places, weights exactly, self scores and
** differences with the rubric's places or more digits when they have them.
**
** The labels are in the language asked for (base/messages.h, MD_*); in
** English the 评分表's headers keep their Chinese names in brackets.
*/
#include <stdio.h>
#include <string.h>

#include "base/messages.h"
#include "output/output_util.h"
#include "report/report.h"

typedef struct md_writer {
  FILE *out;
  const rb_result *r;
  int places;
  rb_arena scratch;
  const char *prev_level1, *prev_level2; /* the previous score-table row's */
  rb_lang lang;
} md_writer;

/* A label in the writer's language. */
static const char *label(const md_writer *w, rb_msg_id id) { return rb_msg(w->lang, id); }

/* Inline text: '|' escaped so that it cannot end a table cell, line breaks
** turned into spaces so that a cell stays on its line. */
static void put_inline(md_writer *w, const char *s) {
  for (; s && *s; s++) {
    if (*s == '|')
      fputs("\\|", w->out);
    else if (*s == '\n' || *s == '\r')
      fputc(' ', w->out);
    else
      fputc(*s, w->out);
  }
}

/* One table row from `count` cells. */
static void put_row(md_writer *w, const char *const *cells, int count) {
  fputc('|', w->out);
  for (int k = 0; k < count; k++) {
    fputc(' ', w->out);
    put_inline(w, cells[k]);
    fputs(" |", w->out);
  }
  fputc('\n', w->out);
}

static const char *num_text(md_writer *w, rb_num a, rb_out_num_style style) {
  return rb_out_num(&w->scratch, a, style, w->places);
}

/* "a › b › c" for the sections strictly between `top` and `item`. */
static const char *middle_path(md_writer *w, const rb_node *top, const rb_node *item) {
  size_t len = 0;
  for (const rb_node *n = item->parent; n && n != top; n = n->parent) len += strlen(n->name ? n->name : "") + 5;
  char *text = rb_arena_alloc(&w->scratch, len + 1);
  if (!text) return "";
  /* Fill from the end while climbing. */
  char *end = text + len;
  *end = '\0';
  char *p = end;
  for (const rb_node *n = item->parent; n && n != top; n = n->parent) {
    const char *name = n->name ? n->name : "";
    size_t nl = strlen(name);
    if (p != end) {
      p -= 5;
      memcpy(p, " › ", 5);
    }
    p -= nl;
    memcpy(p, name, nl);
  }
  return p;
}

/* An item's whole path from the first section down, " › "-joined. */
static const char *item_path(md_writer *w, const rb_node *item) {
  const char *middle = middle_path(w, w->r->root, item);
  const char *name = item->name ? item->name : "";
  size_t ml = strlen(middle);
  char *text = rb_arena_alloc(&w->scratch, ml + 5 + strlen(name) + 1);
  if (!text) return "";
  sprintf(text, "%s%s%s", middle, ml ? " › " : "", name);
  return text;
}

/* One score-table row for an item. */
static void put_item_row(md_writer *w, const rb_node *item) {
  const rb_node *top = item;
  while (top->parent && top->parent->parent) top = top->parent;
  const char *name = item->name ? item->name : "";
  const char *level1, *level2, *level3;
  if (top == item) { /* directly under the rubric */
    level1 = name;
    level2 = item->row && item->row->level2 ? item->row->level2 : "";
    level3 = "";
  } else {
    level1 = top->name ? top->name : "";
    level2 = item->row && item->row->level2 && item->row->level2[0] ? item->row->level2 : middle_path(w, top, item);
    level3 = name;
  }
  /* Merged cells: a repeated 一级, or a repeated 二级 under the same 一级,
  ** is left empty. */
  bool same1 = w->prev_level1 && strcmp(w->prev_level1, level1) == 0;
  bool same2 = same1 && w->prev_level2 && strcmp(w->prev_level2, level2) == 0;
  w->prev_level1 = level1;
  w->prev_level2 = level2;

  const char *cells[9];
  cells[0] = same1 ? "" : level1;
  cells[1] = same2 ? "" : level2;
  cells[2] = level3;
  cells[3] = num_text(w, item->weight, RB_OUT_EXACT);
  cells[4] = item->row && item->row->target_text ? item->row->target_text : "";
  cells[5] = item->row ? (item->row->actual_text ? item->row->actual_text : label(w, RB_MSG_TX_NOT_GIVEN)) : "";
  cells[6] = item->has_self ? num_text(w, item->self, RB_OUT_AT_LEAST) : "";
  cells[7] = item->not_applicable ? label(w, RB_MSG_TX_NA)
             : item->has_score      ? num_text(w, item->score, RB_OUT_FIXED)
                                    : "—";
  cells[8] = "";
  rb_num delta;
  if (item->has_self && item->has_score && rb_num_sub(w->r->nums, item->score, item->self, &delta))
    cells[8] = num_text(w, delta, RB_OUT_SIGNED_AT_LEAST);
  put_row(w, cells, 9);
}

/* Items in tree order. */
static void put_items(md_writer *w, const rb_node *n) {
  if (n->is_item) {
    put_item_row(w, n);
    return;
  }
  for (const rb_node *c = n->first_child; c; c = c->next) put_items(w, c);
}

static bool any_explain(const rb_node *n) {
  if (n->is_item) return n->explain && n->explain[0];
  for (const rb_node *c = n->first_child; c; c = c->next)
    if (any_explain(c)) return true;
  return false;
}

/* "- 产出 › 数量指标 › X：min(145/110, 1) × 3.64 = 3.64" for each item with
** an explanation. */
static void put_explains(md_writer *w, const rb_node *n) {
  if (n->is_item) {
    if (!n->explain || !n->explain[0]) return;
    fputs("- ", w->out);
    put_inline(w, item_path(w, n));
    fputs(label(w, RB_MSG_MD_COLON), w->out);
    put_inline(w, n->explain);
    fputc('\n', w->out);
    return;
  }
  for (const rb_node *c = n->first_child; c; c = c->next) put_explains(w, c);
}

/* "# 科技发展管理经费 — 规则", the report's title (or id) when there is one. */
static void put_heading(md_writer *w) {
  const rb_report *report = w->r->report;
  const char *rubric = w->r->program && w->r->program->title ? w->r->program->title : "";
  const char *what = NULL;
  if (report) what = report->title && report->title[0] ? report->title : report->id && report->id[0] ? report->id : NULL;
  fputs("# ", w->out);
  if (what) {
    put_inline(w, what);
    fputs(" — ", w->out);
  }
  put_inline(w, rubric);
  fputs("\n\n", w->out);
}

/* The heading, the report's names and the summary table of totals. */
static void put_summary(md_writer *w) {
  const rb_result *r = w->r;
  const rb_report *report = r->report;
  if (report && ((report->unit && report->unit[0]) || (report->id && report->id[0]))) {
    bool first = true;
    if (report->unit && report->unit[0]) {
      fputs(label(w, RB_MSG_MD_UNIT), w->out);
      put_inline(w, report->unit);
      first = false;
    }
    if (report->id && report->id[0]) {
      if (!first) fputs(" · ", w->out);
      fputs(label(w, RB_MSG_MD_ID), w->out);
      put_inline(w, report->id);
    }
    fputs("\n\n", w->out);
  }
  const char *const heads[5] = {label(w, RB_MSG_MD_TOTAL), label(w, RB_MSG_MD_GRADE), label(w, RB_MSG_MD_SELF_TOTAL),
                                label(w, RB_MSG_MD_SELF_GRADE), label(w, RB_MSG_MD_DELTA)};
  put_row(w, heads, 5);
  fputs("| ---: | :---: | ---: | :---: | ---: |\n", w->out);
  const char *cells[5];
  rb_num delta;
  cells[0] = num_text(w, r->total, RB_OUT_FIXED);
  cells[1] = r->grade ? r->grade : "—";
  cells[2] = r->has_self_total ? num_text(w, r->self_total, RB_OUT_AT_LEAST) : "—";
  cells[3] = r->self_grade ? r->self_grade : "—";
  cells[4] = rb_result_delta(r, &delta) ? num_text(w, delta, RB_OUT_SIGNED_AT_LEAST) : "—";
  put_row(w, cells, 5);
  rb_num verified;
  if (r->root && !rb_num_is_zero(r->root->unverified_score) &&
      rb_num_sub(r->nums, r->total, r->root->unverified_score, &verified)) {
    const char *args[2] = {num_text(w, r->root->unverified_score, RB_OUT_FIXED), num_text(w, verified, RB_OUT_FIXED)};
    fputc('\n', w->out);
    rb_msg_write(w->out, w->lang, RB_MSG_MD_UNVERIFIED, args, 2);
    fputc('\n', w->out);
  }
}

/* The 评分表: one row per item, a 合计 row, then each item's formula. */
static void put_score_table(md_writer *w) {
  const rb_result *r = w->r;
  const char *const heads[9] = {label(w, RB_MSG_MD_LEVEL1), label(w, RB_MSG_MD_LEVEL2), label(w, RB_MSG_MD_LEVEL3),
                                label(w, RB_MSG_MD_WEIGHT), label(w, RB_MSG_MD_TARGET), label(w, RB_MSG_MD_ACTUAL),
                                label(w, RB_MSG_MD_SELF),   label(w, RB_MSG_MD_SCORE),  label(w, RB_MSG_MD_DELTA)};
  fprintf(w->out, "\n## %s\n\n", label(w, RB_MSG_MD_TABLE));
  put_row(w, heads, 9);
  fputs("| --- | --- | --- | ---: | --- | --- | ---: | ---: | ---: |\n", w->out);
  put_items(w, r->root);
  /* 合计: the rubric's weight, the self total and the total. */
  char sum[64];
  snprintf(sum, sizeof sum, "**%s**", label(w, RB_MSG_MD_SUM));
  const char *cells[9] = {sum, "", "", "", "", "", "", "", ""};
  cells[3] = num_text(w, r->root->weight, RB_OUT_EXACT);
  if (r->has_self_total) cells[6] = num_text(w, r->self_total, RB_OUT_AT_LEAST);
  cells[7] = num_text(w, r->total, RB_OUT_FIXED);
  rb_num delta;
  if (rb_result_delta(r, &delta)) cells[8] = num_text(w, delta, RB_OUT_SIGNED_AT_LEAST);
  put_row(w, cells, 9);
  if (any_explain(r->root)) {
    fprintf(w->out, "\n## %s\n\n", label(w, RB_MSG_MD_HOW));
    put_explains(w, r->root);
  }
}

/* The checks and the findings, as tables. */
static void put_findings(md_writer *w) {
  const rb_result *r = w->r;
  if (r->check_count) {
    fprintf(w->out, "\n## %s\n\n| %s | %s | %s |\n| --- | :---: | --- |\n", label(w, RB_MSG_MD_CHECKS),
            label(w, RB_MSG_MD_CHECK), label(w, RB_MSG_MD_RESULT), label(w, RB_MSG_MD_NOTE));
    for (uint32_t k = 0; k < r->check_count; k++) {
      const rb_check_result *c = &r->checks[k];
      fputs("| ", w->out);
      put_inline(w, c->name);
      fprintf(w->out, " | %s | ",
              label(w, !c->evaluated ? RB_MSG_MD_NOT_EVALUABLE : c->passed ? RB_MSG_HT_PASSED : RB_MSG_HT_FAILED));
      put_inline(w, c->message);
      fputs(" |\n", w->out);
    }
  }
  fprintf(w->out, "\n## %s\n\n", label(w, RB_MSG_MD_FINDINGS));
  if (r->finding_count == 0) {
    fprintf(w->out, "%s\n", label(w, RB_MSG_MD_NO_FINDINGS));
    return;
  }
  for (uint32_t k = 0; k < r->finding_count; k++) {
    const rb_finding *f = &r->findings[k];
    fprintf(w->out, "%lu. `%s` ", (unsigned long)k + 1, f->kind_name ? f->kind_name : rb_finding_kind_names[f->kind]);
    const char *path = f->depth > 0 ? rb_out_path(&w->scratch, f) : "";
    if (path[0]) {
      put_inline(w, path);
      fputs(label(w, RB_MSG_MD_COLON), w->out);
    }
    put_inline(w, f->message);
    fputc('\n', w->out);
  }
}

/* The result as a Markdown document in the layout of a published 评分表. */
void rb_result_write_markdown(const rb_result *r, FILE *out) { rb_result_write_markdown_lang(r, out, RB_LANG_ZH); }

void rb_result_write_markdown_lang(const rb_result *r, FILE *out, int lang) {
  rb_result_messages(r, 0, r->finding_count);
  md_writer w = {.out = out, .r = r, .places = rb_out_places(r), .lang = lang == RB_LANG_EN ? RB_LANG_EN : RB_LANG_ZH};
  rb_arena_init(&w.scratch);
  put_heading(&w);
  if (!r->ok) {
    fprintf(out, "**%s**%s", label(&w, RB_MSG_MD_ERROR), label(&w, RB_MSG_MD_COLON));
    put_inline(&w, r->error);
    fputc('\n', out);
  } else {
    put_summary(&w);
    if (r->root) put_score_table(&w);
    put_findings(&w);
  }
  rb_arena_free(&w.scratch);
}
