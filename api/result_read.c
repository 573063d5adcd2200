/*
** result_read.c — a result read row by row (include/rubric.h, "Reading a
** result"): the tree, the findings and the checks as plain values, for
** writers that live outside the library, such as the command line's Excel
** and SQLite outputs.
**
** Every text made here (numbers, joined paths) lives in the result's arena,
** so it lasts until the result is reused, like everything else a result
** hands out.
*/
#include <stdlib.h>
#include <string.h>

#include "api/api_result.h"
#include "output/output_util.h"
#include "report/report.h"
#include "rubric.h"

static rubric_status fail_memory(rubric_error *err) {
  if (err) {
    err->status = RUBRIC_E_MEMORY;
    snprintf(err->message, sizeof err->message, "out of memory reading a result");
  }
  return RUBRIC_E_MEMORY;
}

static rubric_status ok(rubric_error *err) {
  if (err) {
    err->status = RUBRIC_OK;
    err->message[0] = '\0';
  }
  return RUBRIC_OK;
}

/* The exact text of a: shortest decimal, or the reduced fraction. */
static const char *exact_text(rb_result *r, rb_num a) {
  char small[64];
  size_t need = rb_num_format(a, small, sizeof small);
  char *text = rb_arena_alloc(&r->arena, need + 1);
  if (!text) return NULL;
  if (need < sizeof small) memcpy(text, small, need + 1);
  else rb_num_format(a, text, need + 1);
  return text;
}

/* Both texts of a number; false when out of memory. */
static bool number(rb_result *r, rb_num a, rubric_number *out) {
  out->exact = exact_text(r, a);
  out->shown = rb_out_num(&r->arena, a, RB_OUT_FIXED, rb_out_places(r));
  return out->exact && strcmp(out->shown, "?") != 0;
}

static const rubric_number absent = {NULL, NULL};

/* ---- The tree ----------------------------------------------------------- */

typedef struct walk {
  rb_result *r;
  rubric_node_fn fn;
  void *ctx;
  char *path; /* the joined names of the node being visited */
  size_t len, cap;
  bool stopped, out_of_memory;
} walk;

static const char path_separator[] = " › ";

/* Append name to the path (with the separator unless it is the first). */
static bool path_push(walk *w, const char *name) {
  size_t extra = strlen(name) + (w->len ? sizeof path_separator - 1 : 0);
  if (w->len + extra + 1 > w->cap) {
    size_t cap = w->cap ? w->cap : 256;
    while (cap < w->len + extra + 1) cap *= 2;
    char *p = realloc(w->path, cap);
    if (!p) return false;
    w->path = p;
    w->cap = cap;
  }
  if (w->len) {
    memcpy(w->path + w->len, path_separator, sizeof path_separator - 1);
    w->len += sizeof path_separator - 1;
  }
  memcpy(w->path + w->len, name, strlen(name) + 1);
  w->len += strlen(name);
  return true;
}

static void visit(walk *w, const rb_node *n) {
  rb_result *r = w->r;
  size_t saved = w->len;
  rubric_node_info info;
  memset(&info, 0, sizeof info);
  info.depth = n->depth;
  info.is_item = n->is_item;
  info.not_applicable = n->not_applicable;
  info.unverified = n->is_item && n->unverified;
  info.name = n->name ? n->name : "";
  if (n->depth > 0 && !path_push(w, info.name)) {
    w->out_of_memory = true;
    return;
  }
  info.path = rb_arena_strndup(&r->arena, n->depth > 0 ? w->path : "", n->depth > 0 ? w->len : 0);
  bool fine = info.path != NULL;
  if (n->is_item && n->row) {
    info.level1 = n->row->level1 ? n->row->level1 : "";
    info.level2 = n->row->level2 ? n->row->level2 : "";
    info.target = n->row->target_text;
    info.actual = n->row->actual_text;
  }
  if (n->is_item) info.explain = n->explain;
  fine = fine && number(r, n->weight, &info.weight);
  info.score = info.self_score = info.delta = absent;
  if (n->has_score) fine = fine && number(r, n->score, &info.score);
  if (n->has_self) fine = fine && number(r, n->self, &info.self_score);
  rb_num d;
  if (n->has_score && n->has_self) {
    if (rb_num_sub(r->nums, n->score, n->self, &d)) fine = fine && number(r, d, &info.delta);
    else fine = false;
  }
  if (!fine) {
    w->out_of_memory = true;
    return;
  }
  if (!w->fn(w->ctx, &info)) {
    w->stopped = true;
    return;
  }
  for (const rb_node *c = n->first_child; c && !w->stopped && !w->out_of_memory; c = c->next) visit(w, c);
  w->len = saved;
  if (w->path) w->path[saved] = '\0';
}

static rubric_status failed_run(const rb_result *r, rubric_error *err) {
  if (err) {
    err->status = RUBRIC_E_DATA;
    snprintf(err->message, sizeof err->message, "%s", r->error[0] ? r->error : "the run failed");
  }
  return RUBRIC_E_DATA;
}

rubric_status rubric_result_nodes(const rubric_result *res, rubric_node_fn fn, void *ctx, rubric_error *err) {
  rb_result *r = res->res;
  if (!r->ok || !r->root) return failed_run(r, err);
  walk w = {r, fn, ctx, NULL, 0, 0, false, false};
  visit(&w, r->root);
  free(w.path);
  return w.out_of_memory ? fail_memory(err) : ok(err);
}

rubric_status rubric_result_totals(const rubric_result *res, rubric_totals *out, rubric_error *err) {
  rb_result *r = res->res;
  out->total = out->self_total = out->delta = absent;
  if (!r->ok) return failed_run(r, err);
  bool fine = number(r, r->total, &out->total);
  if (r->has_self_total) {
    rb_num d;
    fine = fine && number(r, r->self_total, &out->self_total) && rb_result_delta(r, &d) &&
           number(r, d, &out->delta);
  }
  return fine ? ok(err) : fail_memory(err);
}

/* ---- Findings and checks ------------------------------------------------ */

unsigned rubric_result_finding_count(const rubric_result *res) {
  return res->res->ok ? (unsigned)res->res->finding_count : 0;
}

rubric_status rubric_result_finding(const rubric_result *res, unsigned i, rubric_finding_info *out,
                                    rubric_error *err) {
  rb_result *r = res->res;
  memset(out, 0, sizeof *out);
  if (i >= rubric_result_finding_count(res)) {
    if (err) {
      err->status = RUBRIC_E_USAGE;
      snprintf(err->message, sizeof err->message, "no finding %u: the result has %u", i,
               rubric_result_finding_count(res));
    }
    return RUBRIC_E_USAGE;
  }
  rb_result_messages(r, i, i + 1);
  const rb_finding *f = &r->findings[i];
  out->kind = f->kind_name ? f->kind_name : rb_finding_kind_names[f->kind];
  out->message = f->message ? f->message : "";
  size_t len = 0;
  for (uint32_t k = 0; k < f->depth; k++) len += strlen(f->path[k]) + (k ? sizeof path_separator - 1 : 0);
  char *path = rb_arena_alloc(&r->arena, len + 1);
  if (!path) return fail_memory(err);
  char *p = path;
  for (uint32_t k = 0; k < f->depth; k++) {
    if (k) {
      memcpy(p, path_separator, sizeof path_separator - 1);
      p += sizeof path_separator - 1;
    }
    size_t n = strlen(f->path[k]);
    memcpy(p, f->path[k], n);
    p += n;
  }
  *p = '\0';
  out->path = path;
  out->self = out->computed = out->stake = absent;
  bool fine = true;
  if (f->has_self) fine = fine && number(r, f->self, &out->self);
  if (f->has_computed) fine = fine && number(r, f->computed, &out->computed);
  if (f->has_stake) fine = fine && number(r, f->stake, &out->stake);
  return fine ? ok(err) : fail_memory(err);
}

unsigned rubric_result_check_count(const rubric_result *res) {
  return res->res->ok ? (unsigned)res->res->check_count : 0;
}

void rubric_result_check(const rubric_result *res, unsigned i, rubric_check_info *out) {
  const rb_result *r = res->res;
  memset(out, 0, sizeof *out);
  if (i >= rubric_result_check_count(res)) {
    out->name = out->message = "";
    out->passed = -1;
    return;
  }
  const rb_check_result *c = &r->checks[i];
  out->name = c->name ? c->name : "";
  out->passed = !c->evaluated ? -1 : c->passed ? 1 : 0;
  out->message = c->message ? c->message : "";
}

const char *rubric_result_rubric_title(const rubric_result *res) {
  const rb_result *r = res->res;
  return r->program && r->program->title ? r->program->title : "";
}
