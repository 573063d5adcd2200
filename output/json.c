/*
** json.c — the result as one line of JSON, for programs: batch runs write
** one line per report (JSON Lines), so the writer never ends its line; the
** caller adds the newline.
**
** The shape (members may be added, never renamed):
**
**   { "id": report id ("" without a report), "rubric": rubric title,
**     "unit", "title": the report's (null when absent),
**     "total": score, "grade": text or null,
**     "self_total": exact or null, "self_grade": text or null,
**     "delta": score (total − self_total) or null,
**     "unverified": score (the part of total resting on unverified items),
**     "verified": score (total − unverified),
**     "itemised", "unexplained": score or null — delta taken apart: what the
**       items' own differences make up, and the rest (rb_result),
**     "findings_count": n,
**     "tree": node, "findings": [finding…] }
**
**   node    { "name", "weight": exact, "score": score or null,
**             ["self_score": exact, "delta": score,]   when self-assessed
**             sections: ["not_applicable": true,] "children": [node…]
**             items:    ["target", "actual": text or null,] when from a row
**                       ["explain": text,] ["not_applicable": true] }
**
**   finding { "kind", "path": [names from the first section down],
**             "message", ["self", "computed", "stake": score] when known }
**
**   failed run: { "id", "rubric", "error": message }
**
** Numbers are JSON numbers.  A score prints with exactly the rubric's places
** (100.00, 3.64, -1.50; never -0.00), because that is what the published
** tables show and a reader compares digit by digit.  Weights and self scores
** are data, printed exactly in shortest form (20, 3.64, 22.5); a weight with
** no finite decimal expansion (40/3) is rounded half up to 6 places
** (13.333333), since JSON has no fractions.
*/
#include <stdio.h>

#include "output/output_util.h"
#include "report/report.h"

typedef struct json_writer {
  FILE *out;
  rb_arena scratch; /* number texts; freed when the writer finishes */
  int places;
} json_writer;

static void put_key(json_writer *w, const char *key) {
  rb_out_json_string(w->out, key);
  fputc(':', w->out);
}

/* A score, a weight or a self score as a JSON number. */
static void put_num(json_writer *w, rb_num a, rb_out_num_style style) {
  fputs(rb_out_num(&w->scratch, a, style, w->places), w->out);
}

/* The difference recomputed − self, as a score. */
static void put_delta(json_writer *w, const rb_result *r, rb_num score, rb_num self) {
  rb_num delta;
  if (rb_num_sub(r->nums, score, self, &delta))
    put_num(w, delta, RB_OUT_FIXED);
  else
    fputs("null", w->out);
}

/* One node and, for a section, everything below it. */
static void put_node(json_writer *w, const rb_result *r, const rb_node *n) {
  FILE *out = w->out;
  fputc('{', out);
  put_key(w, "name");
  rb_out_json_string(out, n->name ? n->name : "");
  fputc(',', out);
  put_key(w, "weight");
  put_num(w, n->weight, RB_OUT_EXACT);
  fputc(',', out);
  put_key(w, "score");
  if (n->has_score)
    put_num(w, n->score, RB_OUT_FIXED);
  else
    fputs("null", out);
  if (n->has_self) {
    fputc(',', out);
    put_key(w, "self_score");
    put_num(w, n->self, RB_OUT_EXACT);
    if (n->has_score) {
      fputc(',', out);
      put_key(w, "delta");
      put_delta(w, r, n->score, n->self);
    }
  }
  if (n->is_item) {
    if (n->row) {
      fputc(',', out);
      put_key(w, "target");
      rb_out_json_string(out, n->row->target_text ? n->row->target_text : "");
      fputc(',', out);
      put_key(w, "actual");
      rb_out_json_string(out, n->row->actual_text);
    }
    if (n->explain) {
      fputc(',', out);
      put_key(w, "explain");
      rb_out_json_string(out, n->explain);
    }
    if (n->not_applicable) {
      fputc(',', out);
      put_key(w, "not_applicable");
      fputs("true", out);
    }
  } else {
    if (n->not_applicable) {
      fputc(',', out);
      put_key(w, "not_applicable");
      fputs("true", out);
    }
    fputc(',', out);
    put_key(w, "children");
    fputc('[', out);
    for (const rb_node *c = n->first_child; c; c = c->next) {
      put_node(w, r, c);
      if (c->next) fputc(',', out);
    }
    fputc(']', out);
  }
  fputc('}', out);
}

/* One finding: kind, path, message, and the numbers it carries. */
static void put_finding(json_writer *w, const rb_finding *f) {
  FILE *out = w->out;
  fputc('{', out);
  put_key(w, "kind");
  rb_out_json_string(out, f->kind_name ? f->kind_name : rb_finding_kind_names[f->kind]);
  fputc(',', out);
  put_key(w, "path");
  fputc('[', out);
  for (uint32_t k = 0; k < f->depth; k++) {
    if (k) fputc(',', out);
    rb_out_json_string(out, f->path[k]);
  }
  fputc(']', out);
  fputc(',', out);
  put_key(w, "message");
  rb_out_json_string(out, f->message ? f->message : "");
  if (f->has_self) {
    fputc(',', out);
    put_key(w, "self");
    put_num(w, f->self, RB_OUT_FIXED);
  }
  if (f->has_computed) {
    fputc(',', out);
    put_key(w, "computed");
    put_num(w, f->computed, RB_OUT_FIXED);
  }
  if (f->has_stake) {
    fputc(',', out);
    put_key(w, "stake");
    put_num(w, f->stake, RB_OUT_FIXED);
  }
  fputc('}', out);
}

/* A report's text member, or null. */
static void put_text_or_null(json_writer *w, const char *key, const char *text) {
  fputc(',', w->out);
  put_key(w, key);
  rb_out_json_string(w->out, text); /* NULL prints null */
}

/* The result as one line of JSON, in the shape at the top of this file. */
void rb_result_write_json(const rb_result *r, FILE *out) {
  rb_result_messages(r, 0, r->finding_count);
  json_writer w = {out, {0}, rb_out_places(r)};
  rb_arena_init(&w.scratch);
  const rb_report *report = r->report;

  fputc('{', out);
  put_key(&w, "id");
  rb_out_json_string(out, report && report->id ? report->id : "");
  fputc(',', out);
  put_key(&w, "rubric");
  rb_out_json_string(out, r->program && r->program->title ? r->program->title : "");
  if (!r->ok) {
    fputc(',', out);
    put_key(&w, "error");
    rb_out_json_string(out, r->error);
    fputc('}', out);
    rb_arena_free(&w.scratch);
    return;
  }

  put_text_or_null(&w, "unit", report ? report->unit : NULL);
  put_text_or_null(&w, "title", report ? report->title : NULL);
  fputc(',', out);
  put_key(&w, "total");
  put_num(&w, r->total, RB_OUT_FIXED);
  put_text_or_null(&w, "grade", r->grade);
  fputc(',', out);
  put_key(&w, "self_total");
  if (r->has_self_total)
    put_num(&w, r->self_total, RB_OUT_EXACT);
  else
    fputs("null", out);
  put_text_or_null(&w, "self_grade", r->self_grade);
  fputc(',', out);
  put_key(&w, "delta");
  if (r->has_self_total)
    put_delta(&w, r, r->total, r->self_total);
  else
    fputs("null", out);
  rb_num unverified = r->root ? r->root->unverified_score : rb_num_int(0), verified;
  if (!rb_num_sub(r->nums, r->total, unverified, &verified)) verified = r->total;
  fputc(',', out);
  put_key(&w, "unverified");
  put_num(&w, unverified, RB_OUT_FIXED);
  fputc(',', out);
  put_key(&w, "verified");
  put_num(&w, verified, RB_OUT_FIXED);
  fputc(',', out);
  put_key(&w, "itemised");
  if (r->has_reconciliation) put_num(&w, r->itemised, RB_OUT_FIXED);
  else fputs("null", out);
  fputc(',', out);
  put_key(&w, "unexplained");
  if (r->has_reconciliation) put_num(&w, r->unexplained, RB_OUT_FIXED);
  else fputs("null", out);
  fputc(',', out);
  put_key(&w, "findings_count");
  fprintf(out, "%lu", (unsigned long)r->finding_count);

  fputc(',', out);
  put_key(&w, "tree");
  if (r->root)
    put_node(&w, r, r->root);
  else
    fputs("null", out);

  fputc(',', out);
  put_key(&w, "findings");
  fputc('[', out);
  for (uint32_t k = 0; k < r->finding_count; k++) {
    if (k) fputc(',', out);
    put_finding(&w, &r->findings[k]);
  }
  fputc(']', out);
  fputc(',', out);
  put_key(&w, "checks");
  fputc('[', out);
  for (uint32_t k = 0; k < r->check_count; k++) {
    const rb_check_result *c = &r->checks[k];
    if (k) fputc(',', out);
    fputc('{', out);
    put_key(&w, "name");
    rb_out_json_string(out, c->name);
    fputc(',', out);
    put_key(&w, "passed");
    fputs(!c->evaluated ? "null" : c->passed ? "true" : "false", out);
    fputc(',', out);
    put_key(&w, "message");
    rb_out_json_string(out, c->message);
    fputc('}', out);
  }
  fputc(']', out);
  fputc('}', out);
  rb_arena_free(&w.scratch);
}
