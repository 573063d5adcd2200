/*
** html.c — results as a self-contained HTML page (html.h).
**
** Charts are SVG with fixed sizes in a viewBox, so that they scale on screen
** and print without a script: bars of self vs recomputed scores per top
** section (each section's bar is its share of its weight), a waterfall from
** the self total through each item's difference and the unexplained rest to
** the recomputed total (the reconciliation the findings state), and for a
** batch a histogram of total − self total and the grades before and after.
*/
#include "output/html.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "output/output_util.h"
#include "report/report.h"

/* ---- text ---------------------------------------------------------------- */

static void esc(FILE *out, const char *s) {
  for (; s && *s; s++) {
    switch (*s) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\'': fputs("&#39;", out); break;
    default: fputc(*s, out);
    }
  }
}

static void say(FILE *out, rb_lang lang, rb_msg_id id, const char *a1, const char *a2, const char *a3,
                const char *a4) {
  /* Arguments are escaped as they are filled: write through a buffer. */
  const char *args[4] = {a1, a2, a3, a4};
  const char *s = rb_msg(lang, id);
  for (; *s; s++) {
    if (*s == '%' && s[1] >= '1' && s[1] <= '4') {
      esc(out, args[s[1] - '1']);
      s++;
    } else if (*s == '&' || *s == '<' || *s == '>') {
      char c[2] = {*s, 0};
      esc(out, c);
    } else fputc(*s, out);
  }
}

static const char *const style =
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;"
    "margin:1.5em auto;max-width:62em;padding:0 1em;color:#222;line-height:1.45}"
    "h1{font-size:1.5em}h2{font-size:1.25em;border-bottom:2px solid #345;padding-bottom:.2em;margin-top:2em}"
    "h3{font-size:1.05em;margin-top:1.4em}"
    "table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em}"
    "th,td{border:1px solid #999;padding:.25em .5em;vertical-align:top}th{background:#e8edf2}"
    "td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    "tr.sec td{background:#f4f6f8;font-weight:bold}tr.total td{font-weight:bold;border-top:2px solid #345}"
    ".neg{color:#b00}.pos{color:#070}.summary{font-size:1.05em}"
    "details summary{cursor:pointer;color:#345;font-size:.9em}details div{font-size:.88em;color:#444}"
    "svg{max-width:100%;height:auto;display:block;margin:.5em 0}svg text{font-size:12px;fill:#222}"
    ".kind{font-family:monospace;font-size:.9em;color:#555}"
    "section{page-break-before:always}section:first-of-type{page-break-before:auto}"
    "@media print{body{max-width:none;margin:0}details{display:block}details>div{display:block}"
    "a{color:inherit;text-decoration:none}}";

void rb_html_begin(FILE *out, rb_lang lang, const char *title) {
  fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", lang == RB_LANG_EN ? "en" : "zh-CN");
  fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", out);
  esc(out, title);
  fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

void rb_html_end(FILE *out) { fputs("</body>\n</html>\n", out); }

/* ---- one report ----------------------------------------------------------- */

typedef struct hw {
  FILE *out;
  rb_lang lang;
  const rb_result *r;
  int places;
  rb_arena a;
} hw;

static const char *num(hw *w, rb_num v, rb_out_num_style s) { return rb_out_num(&w->a, v, s, w->places); }

static void td_num(hw *w, const char *text, int sign) {
  fprintf(w->out, "<td class=\"n%s\">", sign < 0 ? " neg" : sign > 0 ? " pos" : "");
  esc(w->out, text);
  fputs("</td>", w->out);
}

/* The explanation of an item, shown on demand. */
static void item_details(hw *w, const rb_node *n) {
  const rb_indicator *row = n->row;
  if (!n->explain && !row && !n->has_exact) return;
  fputs("<details><summary>", w->out);
  say(w->out, w->lang, RB_MSG_HT_EXPLAIN, NULL, NULL, NULL, NULL);
  fputs("</summary><div>", w->out);
  if (row && row->target_text) {
    esc(w->out, rb_msg(w->lang, RB_MSG_EX_TARGET));
    fputs(" ", w->out);
    esc(w->out, row->target_text);
    fputs("<br>", w->out);
  }
  if (row && row->actual_text) {
    esc(w->out, rb_msg(w->lang, RB_MSG_EX_ACTUAL));
    fputs(" ", w->out);
    esc(w->out, row->actual_text);
    fputs("<br>", w->out);
  }
  if (n->explain) {
    say(w->out, w->lang, RB_MSG_EX_FORMULA, n->explain, NULL, NULL, NULL);
    fputs("<br>", w->out);
  }
  if (n->has_exact && n->has_score && rb_num_cmp(n->exact, n->score) != 0) {
    const rb_rounding *rd = &w->r->program->rounding;
    static const rb_msg_id modes[] = {RB_MSG_RD_HALF_UP, RB_MSG_RD_HALF_EVEN, RB_MSG_RD_DOWN,
                                      RB_MSG_RD_UP,      RB_MSG_RD_FLOOR,     RB_MSG_RD_CEIL};
    char places[16];
    snprintf(places, sizeof places, "%d", rd->places);
    say(w->out, w->lang, RB_MSG_EX_EXACT_ROUND, num(w, n->exact, RB_OUT_EXACT), num(w, n->score, RB_OUT_FIXED),
        rd->mode < 6 ? rb_msg(w->lang, modes[rd->mode]) : "", places);
  }
  fputs("</div></details>", w->out);
}

static void table_rows(hw *w, const rb_node *n, int depth, int max_depth) {
  for (const rb_node *c = n->first_child; c; c = c->next) {
    fprintf(w->out, "<tr%s><td style=\"padding-left:%.1fem\">", c->is_item ? "" : " class=\"sec\"", 0.5 + 1.2 * depth);
    esc(w->out, c->name);
    if (c->is_item && max_depth > 8) item_details(w, c);
    fputs("</td>", w->out);
    td_num(w, num(w, c->weight, RB_OUT_EXACT), 0);
    td_num(w, c->not_applicable ? "—" : c->has_score ? num(w, c->score, RB_OUT_FIXED) : "", 0);
    td_num(w, c->has_self ? num(w, c->self, RB_OUT_AT_LEAST) : "", 0);
    rb_num d;
    if (c->has_self && c->has_score && rb_num_sub(w->r->nums, c->score, c->self, &d))
      td_num(w, num(w, d, RB_OUT_SIGNED_AT_LEAST), rb_num_sign(d));
    else td_num(w, "", 0);
    fputs("</tr>\n", w->out);
    if (depth + 1 < max_depth) table_rows(w, c, depth + 1, max_depth);
  }
}

static void score_table(hw *w, int max_depth) {
  FILE *o = w->out;
  fputs("<table>\n<tr><th>", o);
  say(o, w->lang, RB_MSG_HT_INDICATOR, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, w->lang, RB_MSG_HT_WEIGHT, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, w->lang, RB_MSG_HT_SCORE, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, w->lang, RB_MSG_HT_SELF, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, w->lang, RB_MSG_HT_DELTA, NULL, NULL, NULL, NULL);
  fputs("</th></tr>\n", o);
  const rb_node *root = w->r->root;
  table_rows(w, root, 0, max_depth);
  fputs("<tr class=\"total\"><td>", o);
  say(o, w->lang, RB_MSG_HT_TOTAL, NULL, NULL, NULL, NULL);
  fputs("</td>", o);
  td_num(w, num(w, root->weight, RB_OUT_EXACT), 0);
  td_num(w, num(w, w->r->total, RB_OUT_FIXED), 0);
  td_num(w, w->r->has_self_total ? num(w, w->r->self_total, RB_OUT_AT_LEAST) : "", 0);
  rb_num d;
  if (rb_result_delta(w->r, &d)) td_num(w, num(w, d, RB_OUT_SIGNED_AT_LEAST), rb_num_sign(d));
  else td_num(w, "", 0);
  fputs("</tr>\n</table>\n", o);
}

/* Bars of self vs recomputed for each top section, as a share of its weight. */
static void section_bars(hw *w) {
  FILE *o = w->out;
  int n = 0;
  for (const rb_node *c = w->r->root->first_child; c; c = c->next) n++;
  if (!n) return;
  const int row_h = 44, label_w = 190, bar_w = 420, width = label_w + bar_w + 90;
  fputs("<h3>", o);
  say(o, w->lang, RB_MSG_HT_SECTIONS, NULL, NULL, NULL, NULL);
  fprintf(o, "</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\">\n",
          width, n * row_h + 24, width);
  fprintf(o, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"10\" fill=\"#9ab\"/><text x=\"%d\" y=\"13\">", label_w, label_w + 16);
  say(o, w->lang, RB_MSG_HT_SELF, NULL, NULL, NULL, NULL);
  fprintf(o, "</text><rect x=\"%d\" y=\"4\" width=\"12\" height=\"10\" fill=\"#345\"/><text x=\"%d\" y=\"13\">",
          label_w + 110, label_w + 126);
  say(o, w->lang, RB_MSG_HT_SCORE, NULL, NULL, NULL, NULL);
  fputs("</text>\n", o);
  int i = 0;
  for (const rb_node *c = w->r->root->first_child; c; c = c->next, i++) {
    int y = 24 + i * row_h;
    double weight = rb_num_to_double(c->weight);
    double self = c->has_self ? rb_num_to_double(c->self) : -1, score = c->has_score ? rb_num_to_double(c->score) : 0;
    fprintf(o, "<text x=\"0\" y=\"%d\">", y + 22);
    esc(o, c->name);
    fprintf(o, " (%s)</text>\n", num(w, c->weight, RB_OUT_EXACT));
    double f_self = weight > 0 && self >= 0 ? self / weight : 0, f_score = weight > 0 ? score / weight : 0;
    if (f_self > 1.2) f_self = 1.2;
    if (f_score > 1.2) f_score = 1.2;
    fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"none\" stroke=\"#ccc\"/>\n", label_w, y + 2,
            bar_w);
    if (self >= 0) {
      fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#9ab\"/>", label_w, y + 2, f_self * bar_w);
      fprintf(o, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", label_w + f_self * bar_w + 4, y + 15,
              num(w, c->self, RB_OUT_AT_LEAST));
    }
    fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"#345\"/>", label_w, y + 20, f_score * bar_w);
    fprintf(o, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", label_w + f_score * bar_w + 4, y + 33,
            c->has_score ? num(w, c->score, RB_OUT_FIXED) : "—");
  }
  fputs("</svg>\n", o);
}

static bool self_below(const rb_node *n) {
  for (const rb_node *c = n->first_child; c; c = c->next)
    if (c->has_self || self_below(c)) return true;
  return false;
}

typedef struct step {
  const rb_node *node; /* NULL: the unexplained rest, or the others taken together */
  rb_num d;
  unsigned others;
} step;

/* The differences that make up total − self total, as rb_result_compare
** takes them apart: each item (or self-scored part) against its self score
** or full marks. */
static void collect_steps(hw *w, const rb_node *n, step *s, size_t cap, size_t *count) {
  for (const rb_node *c = n->first_child; c; c = c->next) {
    if (c->not_applicable || !c->has_score) continue;
    if (c->is_item || (c->has_self && !self_below(c))) {
      rb_num d;
      if (!rb_num_sub(w->r->nums, c->score, c->has_self ? c->self : c->weight, &d) || rb_num_is_zero(d)) continue;
      if (*count < cap) s[(*count)++] = (step){c, d, 0};
    } else collect_steps(w, c, s, cap, count);
  }
}

static int step_rank(const void *pa, const void *pb) {
  const step *a = pa, *b = pb;
  double x = fabs(rb_num_to_double(a->d)), y = fabs(rb_num_to_double(b->d));
  return x > y ? -1 : x < y;
}

enum { WATERFALL_STEPS = 12 };

static void waterfall(hw *w) {
  FILE *o = w->out;
  const rb_result *r = w->r;
  if (!r->has_reconciliation) return;
  size_t cap = 4096, count = 0;
  step *s = rb_arena_calloc(&w->a, cap + 2, sizeof *s);
  if (!s) return;
  collect_steps(w, r->root, s, cap, &count);
  qsort(s, count, sizeof *s, step_rank);
  if (count > WATERFALL_STEPS) {
    rb_num rest = rb_num_int(0);
    for (size_t i = WATERFALL_STEPS - 1; i < count; i++) rb_num_add(r->nums, rest, s[i].d, &rest);
    s[WATERFALL_STEPS - 1] = (step){NULL, rest, (unsigned)(count - WATERFALL_STEPS + 1)};
    count = WATERFALL_STEPS;
  }
  if (!rb_num_is_zero(r->unexplained)) s[count++] = (step){NULL, r->unexplained, 0};
  /* Bars: the self total, the steps, the recomputed total; a scale from the
  ** lowest running total to the highest. */
  double self = rb_num_to_double(r->self_total), run = self, lo = self, hi = self;
  for (size_t i = 0; i < count; i++) {
    run += rb_num_to_double(s[i].d);
    if (run < lo) lo = run;
    if (run > hi) hi = run;
  }
  double total = rb_num_to_double(r->total);
  if (total < lo) lo = total;
  if (total > hi) hi = total;
  double span = hi - lo, base = lo - (span > 0 ? span * 0.5 : 1);
  if (base < 0) base = 0;
  double top = hi + (span > 0 ? span * 0.1 : 1);
  const int label_w = 230, bar_w = 400, row_h = 24, width = label_w + bar_w + 80;
  int rows = (int)count + 2;
  fputs("<h3>", o);
  say(o, w->lang, RB_MSG_HT_WATERFALL, NULL, NULL, NULL, NULL);
  fprintf(o, "</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\">\n",
          width, rows * row_h + 8, width);
#define X_OF(v) (label_w + ((v) - base) / (top - base) * bar_w)
  run = self;
  for (int i = 0; i < rows; i++) {
    int y = 4 + i * row_h;
    double from, to;
    const char *fill, *label_num;
    fprintf(o, "<text x=\"0\" y=\"%d\">", y + 15);
    if (i == 0) {
      say(o, w->lang, RB_MSG_HT_SELF_TOTAL, NULL, NULL, NULL, NULL);
      from = base, to = self, fill = "#9ab", label_num = num(w, r->self_total, RB_OUT_AT_LEAST);
    } else if (i == rows - 1) {
      say(o, w->lang, RB_MSG_HT_TOTAL, NULL, NULL, NULL, NULL);
      from = base, to = total, fill = "#345", label_num = num(w, r->total, RB_OUT_FIXED);
    } else {
      const step *st = &s[i - 1];
      if (st->node) esc(o, st->node->name);
      else if (st->others) {
        char others[32];
        snprintf(others, sizeof others, "%u", st->others);
        say(o, w->lang, RB_MSG_HT_OTHERS, others, NULL, NULL, NULL);
      } else say(o, w->lang, RB_MSG_HT_UNEXPLAINED, NULL, NULL, NULL, NULL);
      double d = rb_num_to_double(st->d);
      from = run, to = run + d, run = to;
      fill = d < 0 ? "#c44" : "#4a4";
      label_num = num(w, st->d, RB_OUT_SIGNED_AT_LEAST);
    }
    fputs("</text>", o);
    double x0 = X_OF(from < to ? from : to), x1 = X_OF(from < to ? to : from);
    if (x1 - x0 < 1) x1 = x0 + 1;
    fprintf(o, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>", x0, y + 3, x1 - x0, fill);
    fprintf(o, "<text x=\"%.1f\" y=\"%d\">%s</text>\n", x1 + 4, y + 15, label_num);
  }
#undef X_OF
  fputs("</svg>\n", o);
}

static void findings(hw *w, unsigned limit) {
  FILE *o = w->out;
  const rb_result *r = w->r;
  rb_result_messages(r, 0, r->finding_count);
  fputs("<h3>", o);
  say(o, w->lang, RB_MSG_HT_FINDINGS, NULL, NULL, NULL, NULL);
  fprintf(o, " (%u)</h3>\n<ol>\n", r->finding_count);
  for (uint32_t i = 0; i < r->finding_count && i < limit; i++) {
    const rb_finding *f = &r->findings[i];
    fputs("<li><span class=\"kind\">", o);
    esc(o, f->kind_name);
    fputs("</span> ", o);
    const char *path = rb_out_path(&w->a, f);
    if (path[0]) {
      esc(o, path);
      fputs(": ", o);
    }
    esc(o, f->message);
    fputs("</li>\n", o);
  }
  fputs("</ol>\n", o);
}

static void checks(hw *w) {
  FILE *o = w->out;
  const rb_result *r = w->r;
  if (!r->check_count) return;
  fputs("<h3>", o);
  say(o, w->lang, RB_MSG_HT_CHECKS, NULL, NULL, NULL, NULL);
  fprintf(o, " (%u)</h3>\n<ul>\n", r->check_count);
  for (uint32_t i = 0; i < r->check_count; i++) {
    const rb_check_result *c = &r->checks[i];
    fputs("<li>", o);
    say(o, w->lang, !c->evaluated ? RB_MSG_HT_UNKNOWN : c->passed ? RB_MSG_HT_PASSED : RB_MSG_HT_FAILED, NULL, NULL,
        NULL, NULL);
    fputs(" · ", o);
    esc(o, c->name);
    if (c->message && c->message[0]) {
      fputs(": ", o);
      esc(o, c->message);
    }
    fputs("</li>\n", o);
  }
  fputs("</ul>\n", o);
}

static void heading(FILE *o, const rb_report *rep, const char *fallback, unsigned long index) {
  fprintf(o, "<section id=\"r%lu\">\n<h2>", index);
  if (rep && rep->title) {
    esc(o, rep->title);
    fputs(" · ", o);
  }
  if (rep && rep->unit) {
    esc(o, rep->unit);
    fputs(" · ", o);
  }
  esc(o, rep && rep->id ? rep->id : fallback);
  fputs("</h2>\n", o);
}

void rb_html_report(FILE *out, rb_lang lang, const rb_result *r, unsigned long index, bool compact) {
  hw w = {.out = out, .lang = lang, .r = r, .places = rb_out_places(r)};
  rb_arena_init(&w.a);
  heading(out, r->report, "", index);
  fputs("<p>", out);
  esc(out, r->program ? r->program->title : "");
  fputs("</p>\n<p class=\"summary\">", out);
  say(out, lang, RB_MSG_HT_TOTAL, NULL, NULL, NULL, NULL);
  fprintf(out, " <b>%s</b> · ", num(&w, r->total, RB_OUT_FIXED));
  say(out, lang, RB_MSG_HT_GRADE, NULL, NULL, NULL, NULL);
  fputs(" <b>", out);
  esc(out, r->grade);
  fputs("</b>", out);
  if (r->has_self_total) {
    fputs(" · ", out);
    say(out, lang, RB_MSG_HT_SELF_TOTAL, NULL, NULL, NULL, NULL);
    fprintf(out, " %s", num(&w, r->self_total, RB_OUT_AT_LEAST));
    if (r->self_grade) {
      fputs(" (", out);
      esc(out, r->self_grade);
      fputs(")", out);
    }
    rb_num d;
    if (rb_result_delta(r, &d)) {
      fputs(" · ", out);
      say(out, lang, RB_MSG_HT_DELTA, NULL, NULL, NULL, NULL);
      fprintf(out, " <span class=\"%s\">%s</span>", rb_num_sign(d) < 0 ? "neg" : "pos",
              num(&w, d, RB_OUT_SIGNED_AT_LEAST));
    }
  } else {
    fputs(" · ", out);
    say(out, lang, RB_MSG_HT_NO_SELF, NULL, NULL, NULL, NULL);
  }
  fputs("</p>\n", out);
  if (r->root) {
    fputs("<h3>", out);
    say(out, lang, RB_MSG_HT_TABLE, NULL, NULL, NULL, NULL);
    fputs("</h3>\n", out);
    score_table(&w, compact ? 1 : 64);
    if (!compact) {
      section_bars(&w);
      waterfall(&w);
    }
  }
  findings(&w, compact ? 3 : UINT32_MAX);
  if (!compact) checks(&w);
  fputs("</section>\n", out);
  rb_arena_free(&w.a);
}

void rb_html_failed(FILE *out, rb_lang lang, const char *id, const char *message, unsigned long index) {
  heading(out, NULL, id, index);
  fputs("<p class=\"neg\">", out);
  say(out, lang, RB_MSG_HT_ERROR, message, NULL, NULL, NULL);
  fputs("</p>\n</section>\n", out);
}

/* ---- a batch --------------------------------------------------------------- */

/* A bin width from 1, 2, 5 × 10^k giving at most 24 bins over span. */
static double bin_width(double span) {
  static const double steps[] = {1, 2, 5};
  for (double scale = 0.01; scale < 1e9; scale *= 10)
    for (size_t i = 0; i < 3; i++)
      if (span / (steps[i] * scale) <= 24) return steps[i] * scale;
  return 1e9;
}

static void histogram(FILE *o, rb_lang lang, const rb_html_row *rows, size_t count) {
  double lo = 0, hi = 0;
  size_t n = 0;
  for (size_t i = 0; i < count; i++)
    if (!rows[i].failed && rows[i].has_delta) {
      if (n == 0 || rows[i].delta < lo) lo = rows[i].delta;
      if (n == 0 || rows[i].delta > hi) hi = rows[i].delta;
      n++;
    }
  fputs("<h3>", o);
  say(o, lang, RB_MSG_HT_HISTOGRAM, NULL, NULL, NULL, NULL);
  fputs("</h3>\n", o);
  if (!n) {
    fputs("<p>—</p>\n", o);
    return;
  }
  double width = bin_width(hi - lo);
  /* Bins start at a multiple of the width; a difference of 0 is the bin [0, w). */
  double first = floor(lo / width + 1e-9) * width;
  size_t bins = (size_t)floor((hi - first) / width + 1e-9) + 1;
  if (bins > 64) bins = 64;
  size_t *c = calloc(bins, sizeof *c), most = 0;
  if (!c) return;
  for (size_t i = 0; i < count; i++)
    if (!rows[i].failed && rows[i].has_delta) {
      size_t b = (size_t)floor((rows[i].delta - first) / width + 1e-9);
      if (b >= bins) b = bins - 1;
      if (++c[b] > most) most = c[b];
    }
  const int left = 50, plot_w = 600, plot_h = 200, bar = plot_w / (int)bins;
  fprintf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" role=\"img\">\n",
          left + plot_w + 20, plot_h + 60, left + plot_w + 20);
  fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#222\"/>\n", left, plot_h + 10, left + plot_w,
          plot_h + 10);
  for (size_t b = 0; b < bins; b++) {
    double h = most ? (double)c[b] / (double)most * (plot_h - 20) : 0;
    int x = left + (int)b * bar;
    fprintf(o, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"/>", x + 1, plot_h + 10 - h, bar - 2,
            h, first + (double)b * width < 0 ? "#c44" : "#345");
    if (c[b]) fprintf(o, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>", x + bar / 2, plot_h + 6 - h, c[b]);
    if (bins <= 12 || b % 2 == 0)
      fprintf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%+.2f</text>", x, plot_h + 26, first + (double)b * width);
    fputc('\n', o);
  }
  if (bins <= 12 || bins % 2 == 0)
    fprintf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%+.2f</text>\n", left + (int)bins * bar, plot_h + 26,
            first + (double)bins * width);
  fprintf(o, "<text x=\"0\" y=\"14\">");
  say(o, lang, RB_MSG_HT_COUNT, NULL, NULL, NULL, NULL);
  fputs("</text>\n</svg>\n", o);
  free(c);
}

/* Distinct labels among the grades, in order of first appearance. */
static size_t add_label(const char **labels, size_t n, size_t cap, const char *g) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(labels[i], g) == 0) return n;
  if (n < cap) labels[n++] = g;
  return n;
}

static void grades(FILE *o, rb_lang lang, const rb_html_row *rows, size_t count) {
  enum { CAP = 16 };
  const char *self[CAP], *now[CAP];
  size_t ns = 0, nn = 0;
  const char *none = rb_msg(lang, RB_MSG_HT_NO_GRADE);
  for (size_t i = 0; i < count; i++) {
    if (rows[i].failed) continue;
    ns = add_label(self, ns, CAP, rows[i].self_grade[0] ? rows[i].self_grade : none);
    nn = add_label(now, nn, CAP, rows[i].grade[0] ? rows[i].grade : none);
  }
  fputs("<h3>", o);
  say(o, lang, RB_MSG_HT_GRADES, NULL, NULL, NULL, NULL);
  fputs("</h3>\n<table>\n<tr><th>", o);
  say(o, lang, RB_MSG_HT_SELF, NULL, NULL, NULL, NULL);
  fputs(" \\ ", o);
  say(o, lang, RB_MSG_HT_SCORE, NULL, NULL, NULL, NULL);
  fputs("</th>", o);
  for (size_t j = 0; j < nn; j++) {
    fputs("<th>", o);
    esc(o, now[j]);
    fputs("</th>", o);
  }
  fputs("</tr>\n", o);
  for (size_t i = 0; i < ns; i++) {
    fputs("<tr><th>", o);
    esc(o, self[i]);
    fputs("</th>", o);
    for (size_t j = 0; j < nn; j++) {
      size_t k = 0;
      for (size_t r = 0; r < count; r++)
        if (!rows[r].failed && strcmp(rows[r].self_grade[0] ? rows[r].self_grade : none, self[i]) == 0 &&
            strcmp(rows[r].grade[0] ? rows[r].grade : none, now[j]) == 0)
          k++;
      fprintf(o, "<td class=\"n\">%zu</td>", k);
    }
    fputs("</tr>\n", o);
  }
  fputs("</table>\n", o);
}

static const rb_html_row *sort_rows;
static int by_delta(const void *pa, const void *pb) {
  const rb_html_row *a = &sort_rows[*(const size_t *)pa], *b = &sort_rows[*(const size_t *)pb];
  double x = fabs(a->delta), y = fabs(b->delta);
  if (x != y) return x > y ? -1 : 1;
  return *(const size_t *)pa < *(const size_t *)pb ? -1 : 1;
}

enum { MOST_CHALLENGED = 20 };

static void most_challenged(FILE *o, rb_lang lang, const rb_html_row *rows, size_t count) {
  size_t *idx = malloc((count ? count : 1) * sizeof *idx), n = 0;
  if (!idx) return;
  for (size_t i = 0; i < count; i++)
    if (!rows[i].failed && rows[i].challenged && rows[i].has_delta) idx[n++] = i;
  sort_rows = rows;
  qsort(idx, n, sizeof *idx, by_delta);
  fputs("<h3>", o);
  say(o, lang, RB_MSG_HT_MOST, NULL, NULL, NULL, NULL);
  fputs("</h3>\n<table>\n<tr><th>", o);
  say(o, lang, RB_MSG_HT_REPORT, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, lang, RB_MSG_HT_SCORE, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, lang, RB_MSG_HT_GRADE, NULL, NULL, NULL, NULL);
  fputs("</th><th>", o);
  say(o, lang, RB_MSG_HT_DELTA, NULL, NULL, NULL, NULL);
  fputs("</th></tr>\n", o);
  for (size_t k = 0; k < n && k < MOST_CHALLENGED; k++) {
    const rb_html_row *r = &rows[idx[k]];
    fprintf(o, "<tr><td><a href=\"#r%zu\">", idx[k]);
    esc(o, r->id);
    fputs("</a></td><td class=\"n\">", o);
    esc(o, r->total);
    fputs("</td><td>", o);
    esc(o, r->self_grade[0] ? r->self_grade : "—");
    fputs(" → ", o);
    esc(o, r->grade);
    fprintf(o, "</td><td class=\"n %s\">", r->delta < 0 ? "neg" : "pos");
    esc(o, r->delta_text);
    fputs("</td></tr>\n", o);
  }
  fputs("</table>\n", o);
  free(idx);
}

void rb_html_batch(FILE *out, rb_lang lang, const char *rubric, const rb_html_row *rows, size_t count) {
  size_t failed = 0, challenged = 0;
  for (size_t i = 0; i < count; i++) {
    failed += rows[i].failed;
    challenged += rows[i].challenged;
  }
  char a[32], b[32], c[32], d[32];
  snprintf(a, sizeof a, "%zu", count);
  snprintf(b, sizeof b, "%zu", count - failed);
  snprintf(c, sizeof c, "%zu", failed);
  snprintf(d, sizeof d, "%zu", challenged);
  fputs("<h1>", out);
  say(out, lang, RB_MSG_HT_BATCH, NULL, NULL, NULL, NULL);
  fputs("</h1>\n<p>", out);
  esc(out, rubric);
  fputs("</p>\n<p class=\"summary\">", out);
  say(out, lang, RB_MSG_HT_REPORTS, a, b, c, d);
  fputs("</p>\n", out);
  histogram(out, lang, rows, count);
  grades(out, lang, rows, count);
  most_challenged(out, lang, rows, count);
}
