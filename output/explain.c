/*
** explain.c — `rubric explain` (explain.h).
**
** The explanation is gathered from the result (nodes, their rows, the splits
** SPLIT recorded, each item's formula and exact value), then written as text
** or JSON.  Counterfactuals run the program again: the report's row keeps its
** target, its actual is replaced by a candidate value (same kind and unit,
** only the number differs), the VM scores the whole report into a scratch
** result, and the item's score, the total and the grade are read back.  The
** candidates lie on the grid of the number as written (whole 次 for "145次",
** 0.01 for "98.60%"): the search doubles its distance from the actual until
** the wanted outcome holds, then halves back to the nearest grid point where
** it still holds — the outcome is monotone in one actual for every scoring
** rule a rubric can write with min/max/ratios/steps, and each answer is
** checked by the run that found it.
*/
#include "output/explain.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/date.h"
#include "base/money.h"
#include "base/num.h"
#include "output/output_util.h"
#include "report/report.h"
#include "vm/vm_internal.h"

enum { EX_PROBES = 48 }; /* doublings: 2^48 grid steps away is as far as a search looks */
enum { EX_FACT_DEPS = 8 };  /* yes/no facts turned over together, at most */
enum { EX_FACT_RUNS = 256 }; /* runs spent turning yes/no facts over, per item */

/* One fact set to a value in a counterfactual run. */
typedef struct ex_fact_set {
  uint32_t input; /* the program's input that reads the fact */
  bool boolean;   /* the value of a yes/no fact */
  rb_num number;  /* the value of a number fact */
  int cmp;        /* a number found by search: +1 at least, -1 at most; 0 exactly */
} ex_fact_set;

/* A value of one actual tried in a counterfactual run, and what came of it. */
typedef struct ex_try {
  bool ok;
  rb_num x;           /* the actual's value (in the measure's own terms) */
  rb_num score, total;
  const char *grade;
} ex_try;

/* What is known of one item of the scope. */
typedef struct ex_item {
  const rb_node *node;
  uint32_t index;      /* preorder index in the tree */
  rb_indicator *row;   /* the report's row it scores, or NULL */
  bool numeric;        /* its actual and target are numbers (or dates) that can vary */
  rb_num step;         /* the grid of the actual's value */
  rb_num a;            /* the actual's value */
  rb_num kmin;         /* the most negative k (x ≥ 0) */
  int better;          /* +1: more is better, -1: less is better, 0: unknown */
  bool lost;
  rb_num lost_points, full;
  ex_try cf;           /* its answer (cf.ok false: none found) */
  bool cf_text;        /* the answer is "say what the target says" */
  bool by_fact;        /* a probe: the value varied is fact input fact_input, not the row's actual */
  uint32_t fact_input;
  uint32_t *fact_deps; /* the fact inputs its score moves with (items without a row) */
  uint32_t fact_dep_count, fact_dep_cap;
  bool cf_cut;         /* the search in facts stopped before trying every combination */
  ex_fact_set cf_facts[EX_FACT_DEPS]; /* the full-marks answer in facts */
  uint32_t cf_fact_count;
} ex_item;

typedef struct ex {
  rb_vm *vm;
  rb_report *rep;
  const rb_result *res;
  rb_result *scratch;
  const rb_program *p;
  rb_arena a;
  rb_numctx *cx;
  rb_lang lang;
  FILE *out;
  bool json;
  int places;
  const rb_node **pre; /* the result's nodes in preorder */
  uint32_t pre_count;
  const rb_node *scope; /* the node explained (the root for the whole report) */
  ex_item *items;       /* the items of the scope, in preorder */
  uint32_t item_count;
  rb_fact *fact_buf;    /* the report's facts with some changed, for a run */
  size_t fact_cap;
} ex;

/* ---- small helpers ------------------------------------------------------- */

static const char *M(const ex *e, rb_msg_id id) { return rb_msg(e->lang, id); }

static void say(ex *e, int indent, rb_msg_id id, const char *a1, const char *a2, const char *a3, const char *a4,
                const char *a5, const char *a6) {
  const char *args[6] = {a1, a2, a3, a4, a5, a6};
  rb_out_spaces(e->out, (size_t)indent * 2);
  /* rb_msg_write fills %1 … %4; messages with more arguments are split. */
  if (!a5 && !a6) rb_msg_write(e->out, e->lang, id, args, 4);
  else {
    /* %5 and %6 are written through a second pass over the text. */
    const char *s = rb_msg(e->lang, id);
    for (; *s; s++) {
      if (*s == '%' && s[1] >= '1' && s[1] <= '6') {
        const char *v = args[s[1] - '1'];
        if (v) fputs(v, e->out);
        s++;
      } else fputc(*s, e->out);
    }
  }
  fputc('\n', e->out);
}

static const char *fmt(ex *e, rb_num v, rb_out_num_style style) { return rb_out_num(&e->a, v, style, e->places); }
static const char *fixed(ex *e, rb_num v) { return fmt(e, v, RB_OUT_FIXED); }
static const char *exact(ex *e, rb_num v) { return fmt(e, v, RB_OUT_EXACT); }

/* A value as a reader checks it: exact when it has at most 10 decimals, else
** its first 6 decimals, cut, and "…" ("3.636363…"). */
static const char *exact_or_cut(ex *e, rb_num v) {
  if (rb_num_is_decimal(v, 10)) return exact(e, v);
  rb_num t;
  char buf[128];
  if (!rb_num_round(e->cx, v, 6, RB_ROUND_DOWN, &t)) return "?";
  size_t n = rb_num_format_fixed(t, 6, buf, sizeof buf - 4);
  if (n >= sizeof buf - 4) return "?";
  memcpy(buf + n, "…", sizeof "…");
  return rb_arena_strdup(&e->a, buf);
}

static const char *cat(ex *e, const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = rb_arena_alloc(&e->a, la + lb + 1);
  if (!s) return a;
  memcpy(s, a, la);
  memcpy(s + la, b, lb + 1);
  return s;
}

static const char *itoa_(ex *e, int64_t v) {
  char buf[32];
  snprintf(buf, sizeof buf, "%lld", (long long)v);
  return rb_arena_strdup(&e->a, buf);
}

/* The names from the first section down to n, joined by " › ". */
static const char *node_path(ex *e, const rb_node *n) {
  if (!n || !n->parent) return n ? n->name : "";
  const char *up = node_path(e, n->parent);
  return up[0] && n->parent->parent ? cat(e, cat(e, up, " › "), n->name) : n->name;
}

static void json_path(ex *e, const rb_node *n) {
  const rb_node *chain[64];
  int depth = 0;
  for (; n && n->parent && depth < 64; n = n->parent) chain[depth++] = n;
  fputc('[', e->out);
  for (int i = depth - 1; i >= 0; i--) {
    rb_out_json_string(e->out, chain[i]->name);
    if (i) fputc(',', e->out);
  }
  fputc(']', e->out);
}

static const char *round_mode_text(const ex *e, int mode) {
  static const rb_msg_id ids[] = {RB_MSG_RD_HALF_UP, RB_MSG_RD_HALF_EVEN, RB_MSG_RD_DOWN,
                                  RB_MSG_RD_UP,      RB_MSG_RD_FLOOR,     RB_MSG_RD_CEIL};
  return (unsigned)mode < sizeof ids / sizeof ids[0] ? M(e, ids[mode]) : "?";
}

/* The score an item shows when it has full marks: its weight, rounded as
** items are. */
static rb_num full_marks(ex *e, const rb_node *n) {
  rb_num w = n->weight;
  const rb_rounding *rd = &e->p->rounding;
  if (rd->places >= 0 && (rd->where & RB_ROUND_AT_ITEM)) rb_num_round(e->cx, w, rd->places, (rb_round_mode)rd->mode, &w);
  return w;
}

/* ---- how a value was read ------------------------------------------------ */

static const char *cmp_sign(rb_cmp c) {
  switch (c) {
  case RB_CMP_GE: return "≥ ";
  case RB_CMP_LE: return "≤ ";
  case RB_CMP_GT: return "> ";
  case RB_CMP_LT: return "< ";
  case RB_CMP_EQ: return "= ";
  default: return "";
  }
}

static bool is_numeric_kind(rb_measure_kind k) {
  return k == RB_MK_NUMBER || k == RB_MK_PERCENT || k == RB_MK_MONEY || k == RB_MK_QUANTITY || k == RB_MK_DATE;
}

/* The number of a measure in the terms it was written in, with its unit:
** "110 次", "90%", "1.93 亿元", "2024年4月1日"; value replaces the
** measure's own value. */
static const char *value_text(ex *e, const rb_measure *m, rb_num value, const rb_measure *unit_from) {
  if (m->kind == RB_MK_DATE) {
    int64_t days = 0;
    int y, mo, d;
    rb_num_to_int64(value, &days);
    rb_date_to_ymd((int32_t)days, &y, &mo, &d);
    char buf[64];
    snprintf(buf, sizeof buf, "%d年%d月%d日", y, mo, d);
    return rb_arena_strdup(&e->a, buf);
  }
  const rb_measure *u = unit_from ? unit_from : m;
  rb_num v = value;
  if (u->kind == RB_MK_MONEY && m->kind == RB_MK_MONEY) rb_num_scale10(e->cx, value, -m->scale, &v);
  const char *unit = "";
  if (u->kind == RB_MK_MONEY) unit = rb_money_unit_name(u->scale) ? rb_money_unit_name(u->scale) : "元";
  else if (u->unit) unit = u->unit;
  const char *num = exact(e, v);
  if (!unit[0]) return num;
  if (strcmp(unit, "%") == 0 || strcmp(unit, "‰") == 0) return cat(e, num, unit);
  return cat(e, cat(e, num, " "), unit);
}

/* "≥ 110 次", "1.93 亿元（= 193000000 元）", "文字（定性）" … */
static const char *read_text(ex *e, const rb_measure *m, const rb_measure *target) {
  switch (m->kind) {
  case RB_MK_TEXT: return M(e, RB_MSG_EX_KIND_TEXT);
  case RB_MK_BOOL: return M(e, rb_num_is_zero(m->value) ? RB_MSG_EX_KIND_BOOL_NO : RB_MSG_EX_KIND_BOOL_YES);
  case RB_MK_RANGE: {
    rb_measure lo = *m, hi = *m;
    lo.kind = hi.kind = m->range_kind == RB_MK_RANGE ? RB_MK_NUMBER : m->range_kind;
    if (lo.kind == RB_MK_PERCENT) lo.unit = hi.unit = "%";
    return cat(e, cat(e, value_text(e, &lo, m->low, NULL), " – "), value_text(e, &hi, m->high, NULL));
  }
  default: break;
  }
  const char *s = cat(e, cmp_sign(m->cmp), value_text(e, m, m->value, NULL));
  if (m->approx) s = cat(e, s, M(e, RB_MSG_EX_APPROX));
  if (m->kind == RB_MK_MONEY && m->scale != 0) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
      const char *args[] = {s, exact(e, m->value)};
      rb_msg_write(f, e->lang, RB_MSG_EX_MONEY_NORM, args, 2);
      fclose(f);
      s = rb_arena_strdup(&e->a, buf);
      free(buf);
    }
  }
  if (m->kind == RB_MK_NUMBER && target && (target->kind == RB_MK_QUANTITY || target->kind == RB_MK_MONEY ||
                                            target->kind == RB_MK_PERCENT)) {
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (f) {
      rb_num v = m->value;
      if (target->kind == RB_MK_MONEY) rb_num_scale10(e->cx, v, target->scale, &v);
      const char *args[] = {s, value_text(e, target, v, target)};
      rb_msg_write(f, e->lang, RB_MSG_EX_UNIT_FROM_TARGET, args, 2);
      fclose(f);
      s = rb_arena_strdup(&e->a, buf);
      free(buf);
    }
  }
  return s;
}

static void json_measure(ex *e, const char *text, const rb_measure *m, const rb_measure *target) {
  if (!text) {
    fputs("null", e->out);
    return;
  }
  fputs("{\"text\":", e->out);
  rb_out_json_string(e->out, text);
  fprintf(e->out, ",\"kind\":\"%s\",\"cmp\":", rb_measure_kind_name(m->kind));
  if (m->cmp == RB_CMP_NONE) fputs("null", e->out);
  else rb_out_json_string(e->out, rb_cmp_name(m->cmp));
  fputs(",\"value\":", e->out);
  if (m->kind == RB_MK_TEXT || m->kind == RB_MK_RANGE) fputs("null", e->out);
  else rb_out_json_string(e->out, exact(e, m->value));
  fputs(",\"unit\":", e->out);
  rb_out_json_string(e->out, m->unit ? m->unit : "");
  fprintf(e->out, ",\"unit_from_target\":%s,\"read\":",
          m->kind == RB_MK_NUMBER && target && target != m &&
                  (target->kind == RB_MK_QUANTITY || target->kind == RB_MK_MONEY || target->kind == RB_MK_PERCENT)
              ? "true"
              : "false");
  rb_out_json_string(e->out, read_text(e, m, target));
  fputc('}', e->out);
}

/* ---- re-running with one actual changed --------------------------------- */

/* The node at preorder index i of a tree, if it has name. */
static const rb_node *nth_node(const rb_node *root, uint32_t i, const char *name) {
  uint32_t k = 0;
  const rb_node *n = root;
  while (n) {
    if (k++ == i) return strcmp(n->name, name) == 0 ? n : NULL;
    if (n->first_child) n = n->first_child;
    else {
      while (n && !n->next) n = n->parent;
      if (n) n = n->next;
    }
  }
  return NULL;
}

/* What a counterfactual run gave: the item's score, the total and the grade
** in *t (t->ok false when the run or the item failed). */
static void take_try(ex *e, const ex_item *it, bool ran, ex_try *t) {
  if (!ran) return;
  if (!it->node) { /* a probe of a fact for the total alone */
    t->ok = true;
    t->total = e->scratch->total;
    t->grade = e->scratch->grade;
    return;
  }
  const rb_node *n = nth_node(e->scratch->root, it->index, it->node->name);
  if (!n || !n->has_score) return;
  t->ok = true;
  t->score = n->score;
  t->total = e->scratch->total;
  t->grade = e->scratch->grade;
}

/* Score the report with the facts of set[0 … n) changed: the report's own
** fact of that name (the first, which is the one that counts) replaced, or
** one added when the report states none. */
static bool run_facts(ex *e, const ex_fact_set *set, uint32_t n) {
  rb_report *r = e->rep;
  size_t need = r->fact_count + n;
  if (need > e->fact_cap) {
    rb_fact *b = rb_arena_alloc(&e->a, need * sizeof *b);
    if (!b) return false;
    e->fact_buf = b;
    e->fact_cap = need;
  }
  rb_fact *facts = e->fact_buf;
  if (r->fact_count) memcpy(facts, r->facts, r->fact_count * sizeof *facts);
  size_t count = r->fact_count;
  for (uint32_t i = 0; i < n; i++) {
    const rb_input *in = &e->p->inputs[set[i].input];
    rb_fact *f = NULL;
    for (size_t k = 0; k < count && !f; k++)
      if (strcmp(facts[k].name, in->key) == 0) f = &facts[k];
    if (!f) f = &facts[count++];
    memset(f, 0, sizeof *f);
    f->name = in->key;
    if (in->type == RB_ITYPE_BOOL) {
      f->type = RB_FACT_BOOL;
      f->boolean = set[i].boolean;
    } else {
      f->type = RB_FACT_NUMBER;
      f->number = set[i].number;
    }
  }
  rb_fact *saved = r->facts;
  size_t saved_count = r->fact_count;
  r->facts = facts;
  r->fact_count = count;
  bool ran = rb_vm_run(e->vm, r, e->scratch);
  r->facts = saved;
  r->fact_count = saved_count;
  return ran;
}

/* Score the report with the item's actual at value x (or, when as is set,
** replaced by *as) — or, for a probe of a fact, with that fact at x: the
** item's score, the total and the grade in *t. */
static void run_with(ex *e, const ex_item *it, rb_num x, const rb_measure *as, ex_try *t) {
  memset(t, 0, sizeof *t);
  t->x = x;
  if (it->by_fact) {
    ex_fact_set one = {.input = it->fact_input, .number = x};
    take_try(e, it, run_facts(e, &one, 1), t);
    return;
  }
  rb_measure saved = it->row->actual;
  const char *saved_text = it->row->actual_text;
  if (as) {
    it->row->actual = *as;
    it->row->actual_text = as->text;
  } else {
    it->row->actual.value = x;
    it->row->actual.text = value_text(e, &saved, x, NULL);
    it->row->actual_text = it->row->actual.text;
  }
  bool ran = rb_vm_run(e->vm, e->rep, e->scratch);
  it->row->actual = saved;
  it->row->actual_text = saved_text;
  take_try(e, it, ran, t);
}

/* The value k grid steps from the actual. */
static rb_num at_k(ex *e, const ex_item *it, int64_t k) {
  rb_num d, x;
  if (!rb_num_mul(e->cx, rb_num_int(k), it->step, &d) || !rb_num_add(e->cx, it->a, d, &x)) return it->a;
  return x;
}

static void try_k(ex *e, const ex_item *it, int64_t k, ex_try *t) { run_with(e, it, at_k(e, it, k), NULL, t); }

/* What a search looks for. */
typedef enum ex_goal { EX_FULL, EX_AT_LEAST, EX_BELOW } ex_goal;

static bool goal_met(const ex_try *t, ex_goal goal, rb_num bound) {
  if (!t->ok) return false;
  switch (goal) {
  case EX_FULL: return rb_num_cmp(t->score, bound) >= 0;
  case EX_AT_LEAST: return rb_num_cmp(t->total, bound) >= 0;
  default: return rb_num_cmp(t->total, bound) < 0;
  }
}

/* The k nearest 0 on side dir (+1, -1) where the goal holds, searching out
** to 2^EX_PROBES steps (and not below x = 0): false when it never does. */
static bool search(ex *e, const ex_item *it, int dir, ex_goal goal, rb_num bound, ex_try *found) {
  int64_t kmin = 0;
  rb_num_to_int64(it->kmin, &kmin);
  int64_t lo = 0, hi = 0; /* goal fails at lo, holds at hi */
  ex_try t;
  bool got = false;
  for (int j = 0; j <= EX_PROBES; j++) {
    int64_t k = dir > 0 ? (int64_t)1 << j : -((int64_t)1 << j);
    if (dir < 0 && k < kmin) k = kmin;
    if (k == 0) break;
    try_k(e, it, k, &t);
    if (!t.ok) return false;
    if (goal_met(&t, goal, bound)) {
      hi = k;
      *found = t;
      got = true;
      break;
    }
    lo = k;
    if (dir < 0 && k == kmin) break;
  }
  if (!got) return false;
  while ((hi > lo ? hi - lo : lo - hi) > 1) {
    int64_t mid = lo + (hi - lo) / 2;
    try_k(e, it, mid, &t);
    if (goal_met(&t, goal, bound)) {
      hi = mid;
      *found = t;
    } else lo = mid;
  }
  return true;
}

/* The grid step of a measure's value: 10^-d for d the decimals it was written
** with (in its written unit for money). */
static rb_num grid_step(ex *e, const rb_measure *m) {
  rb_num v = m->value, step;
  int scale = m->kind == RB_MK_MONEY ? m->scale : 0;
  if (scale) rb_num_scale10(e->cx, v, -scale, &v);
  int d = 0;
  while (d < 6 && !rb_num_is_decimal(v, d)) d++;
  if (!rb_num_scale10(e->cx, rb_num_int(1), scale - d, &step)) return rb_num_int(1);
  return step;
}

/* The grid of a plain number: 10^-d for the d decimals it is written with. */
static rb_num number_step(ex *e, rb_num v) {
  int d = 0;
  while (d < 6 && !rb_num_is_decimal(v, d)) d++;
  rb_num step;
  if (!rb_num_scale10(e->cx, rb_num_int(1), -d, &step)) return rb_num_int(1);
  return step;
}

/* k of the lowest grid point at or above 0, as −floor(a / step). */
static rb_num lowest_k(ex *e, rb_num a, rb_num step) {
  rb_num q, k;
  if (!rb_num_div(e->cx, a, step, &q) || !rb_num_round(e->cx, q, 0, RB_ROUND_FLOOR, &q) || !rb_num_neg(e->cx, q, &k))
    return rb_num_int(0);
  return k;
}

/* Prepare an item for counterfactual runs: its row, grid and direction. */
static void prepare_item(ex *e, ex_item *it) {
  const rb_node *n = it->node;
  it->full = full_marks(e, n);
  if (n->has_score && rb_num_cmp(n->score, it->full) < 0) {
    it->lost = true;
    rb_num_sub(e->cx, it->full, n->score, &it->lost_points);
  }
  if (!n->row || !e->rep || n->row < e->rep->indicators || n->row >= e->rep->indicators + e->rep->indicator_count)
    return;
  it->row = &e->rep->indicators[n->row - e->rep->indicators];
  const rb_measure *a = &it->row->actual, *t = &it->row->target;
  if (!it->row->actual_text || !it->row->target_text || !is_numeric_kind(a->kind) || !is_numeric_kind(t->kind) ||
      (a->kind == RB_MK_DATE) != (t->kind == RB_MK_DATE) || rb_num_sign(a->value) < 0 || !n->has_score)
    return;
  it->numeric = true;
  it->a = a->value;
  it->step = grid_step(e, a);
  if (a->kind == t->kind) it->step = rb_num_min(it->step, grid_step(e, t));
  it->kmin = lowest_k(e, it->a, it->step);
}

/* The full-marks counterfactual of an item that lost points. */
static void full_marks_cf(ex *e, ex_item *it) {
  if (!it->lost || !it->row) return;
  if (it->numeric) {
    if (search(e, it, +1, EX_FULL, it->full, &it->cf)) it->better = +1;
    else if (search(e, it, -1, EX_FULL, it->full, &it->cf)) it->better = -1;
    else it->cf.ok = false;
    return;
  }
  if (it->row->target_text && it->row->actual_text && it->row->target.kind == RB_MK_TEXT) {
    /* The actual saying what the target says. */
    ex_try t;
    run_with(e, it, rb_num_int(0), &it->row->target, &t);
    if (goal_met(&t, EX_FULL, it->full)) {
      it->cf = t;
      it->cf_text = true;
    }
  }
}

/* ---- facts --------------------------------------------------------------- */

static const char *filled(ex *e, rb_msg_id id, const char *a1, const char *a2, const char *a3);

/* A fact input a counterfactual may vary: a yes/no or a number. */
static bool varied_fact(const rb_input *in) {
  return in->source == RB_SRC_FACT && in->key && (in->type == RB_ITYPE_BOOL || in->type == RB_ITYPE_NUMBER);
}

/* The value the report gives fact input in, when it gives one of the input's
** type (a yes/no as true/false, a number as a number). */
static bool fact_now(const ex *e, const rb_input *in, bool *b, rb_num *x) {
  const rb_fact *f = rb_report_fact(e->rep, in->key);
  if (!f) return false;
  if (in->type == RB_ITYPE_BOOL) {
    if (f->type != RB_FACT_BOOL) return false;
    *b = f->boolean;
    return true;
  }
  if (f->type != RB_FACT_NUMBER) return false;
  *x = f->number;
  return true;
}

/* A probe of item (NULL: the total alone) that varies number fact input
** from the value the report gives it (0 when none), on the grid of its
** decimals; false for a negative value (the grid stops at 0). */
static bool number_probe(ex *e, const ex_item *item, uint32_t input, ex_item *probe) {
  if (item) *probe = *item;
  else memset(probe, 0, sizeof *probe);
  probe->by_fact = true;
  probe->fact_input = input;
  bool unused;
  if (!fact_now(e, &e->p->inputs[input], &unused, &probe->a)) probe->a = rb_num_int(0);
  if (rb_num_sign(probe->a) < 0) return false;
  probe->step = number_step(e, probe->a);
  probe->kmin = lowest_k(e, probe->a, probe->step);
  return true;
}

/* Note that it moves with fact input `input` (the list grows in the arena). */
static void add_dep(ex *e, ex_item *it, uint32_t input) {
  if (it->fact_dep_count == it->fact_dep_cap) {
    uint32_t cap = it->fact_dep_cap ? 2 * it->fact_dep_cap : 8;
    uint32_t *more = rb_arena_alloc(&e->a, cap * sizeof *more);
    if (!more) return;
    if (it->fact_dep_count) memcpy(more, it->fact_deps, it->fact_dep_count * sizeof *more);
    it->fact_deps = more;
    it->fact_dep_cap = cap;
  }
  it->fact_deps[it->fact_dep_count++] = input;
}

static bool has_dep(const ex_item *it, uint32_t input) {
  for (uint32_t i = 0; i < it->fact_dep_count; i++)
    if (it->fact_deps[i] == input) return true;
  return false;
}

/* A fact as the report gives it: 是/否, the number, the text quoted, or
** 报告未列. */
static const char *fact_given(ex *e, const rb_input *in) {
  const rb_fact *f = rb_report_fact(e->rep, in->key);
  if (!f) return M(e, RB_MSG_EX_FACT_ABSENT);
  switch (f->type) {
  case RB_FACT_BOOL: return M(e, f->boolean ? RB_MSG_EX_KIND_BOOL_YES : RB_MSG_EX_KIND_BOOL_NO);
  case RB_FACT_NUMBER: return exact(e, f->number);
  default: return filled(e, RB_MSG_EX_FACT_TEXT, f->text ? f->text : "", NULL, NULL);
  }
}

/* Which facts the scores of items without a row move with: the report run
** again with each fact changed — a yes/no turned over (both ways when the
** report does not state it), a number set to 0, 1 and 100. */
static void fact_deps(ex *e) {
  bool wanted = false;
  for (uint32_t j = 0; j < e->item_count; j++) wanted |= !e->items[j].row;
  if (!wanted || !e->rep) return;
  for (uint32_t i = 0; i < e->p->input_count; i++) {
    const rb_input *in = &e->p->inputs[i];
    if (!varied_fact(in)) continue;
    ex_fact_set tries[3];
    uint32_t nt = 0;
    bool b = false;
    rb_num x = rb_num_int(0);
    bool have = fact_now(e, in, &b, &x);
    if (in->type == RB_ITYPE_BOOL) {
      tries[nt++] = (ex_fact_set){.input = i, .boolean = have ? !b : true};
      if (!have) tries[nt++] = (ex_fact_set){.input = i, .boolean = false};
    } else {
      static const int64_t probes[3] = {0, 1, 100};
      for (int k = 0; k < 3; k++)
        if (!have || rb_num_cmp(x, rb_num_int(probes[k])) != 0)
          tries[nt++] = (ex_fact_set){.input = i, .number = rb_num_int(probes[k])};
    }
    for (uint32_t t = 0; t < nt; t++) {
      if (!run_facts(e, &tries[t], 1)) continue;
      for (uint32_t j = 0; j < e->item_count; j++) {
        ex_item *it = &e->items[j];
        if (it->row) continue;
        const rb_node *n = nth_node(e->scratch->root, it->index, it->node->name);
        if (!n || (n->has_score == it->node->has_score &&
                   (!n->has_score || rb_num_cmp(n->score, it->node->score) == 0)))
          continue;
        if (!has_dep(it, i)) add_dep(e, it, i);
      }
    }
  }
}

/* The full-marks counterfactual of an item without a row, in the facts its
** score moves with: first the fewest yes/no facts turned over (a fact the
** report does not state tried as yes, then as no), then each number fact
** alone, searched like an actual on the grid of its decimals. */
static void facts_cf(ex *e, ex_item *it) {
  if (!it->lost || it->row || !it->fact_dep_count) return;
  uint32_t bools[EX_FACT_DEPS], nb = 0, runs = 0;
  bool now[EX_FACT_DEPS], have[EX_FACT_DEPS];
  for (uint32_t d = 0; d < it->fact_dep_count; d++) {
    const rb_input *in = &e->p->inputs[it->fact_deps[d]];
    if (in->type != RB_ITYPE_BOOL) continue;
    if (nb == EX_FACT_DEPS) {
      it->cf_cut = true; /* more yes/no facts than are turned over together */
      continue;
    }
    rb_num unused;
    have[nb] = fact_now(e, in, &now[nb], &unused);
    bools[nb++] = it->fact_deps[d];
  }
  for (uint32_t size = 1; size <= nb && runs < EX_FACT_RUNS; size++)
    for (uint32_t mask = 1; mask < (1u << nb) && runs < EX_FACT_RUNS; mask++) {
      if ((uint32_t)__builtin_popcount(mask) != size) continue;
      uint32_t absent = 0;
      for (uint32_t j = 0; j < nb; j++)
        if ((mask >> j & 1) && !have[j]) absent |= 1u << j;
      /* Each subset of the absent facts, taken as no (the empty one first: all yes). */
      uint32_t no = 0;
      do {
        ex_fact_set set[EX_FACT_DEPS];
        uint32_t n = 0;
        for (uint32_t j = 0; j < nb; j++)
          if (mask >> j & 1) set[n++] = (ex_fact_set){.input = bools[j], .boolean = have[j] ? !now[j] : !(no >> j & 1)};
        ex_try t;
        memset(&t, 0, sizeof t);
        runs++;
        take_try(e, it, run_facts(e, set, n), &t);
        if (goal_met(&t, EX_FULL, it->full)) {
          memcpy(it->cf_facts, set, n * sizeof *set);
          it->cf_fact_count = n;
          it->cf = t;
          return;
        }
        no = (no - absent) & absent;
      } while (no && runs < EX_FACT_RUNS);
    }
  if (runs >= EX_FACT_RUNS) it->cf_cut = true;
  for (uint32_t d = 0; d < it->fact_dep_count; d++) {
    const rb_input *in = &e->p->inputs[it->fact_deps[d]];
    if (in->type != RB_ITYPE_NUMBER) continue;
    ex_item probe;
    if (!number_probe(e, it, it->fact_deps[d], &probe)) continue;
    ex_try t;
    int cmp = search(e, &probe, +1, EX_FULL, it->full, &t) ? +1 : search(e, &probe, -1, EX_FULL, it->full, &t) ? -1 : 0;
    if (!cmp) continue;
    it->cf_facts[0] = (ex_fact_set){.input = probe.fact_input, .number = t.x, .cmp = cmp};
    it->cf_fact_count = 1;
    it->cf = t;
    return;
  }
  it->cf.ok = false;
}

/* A message of the catalogue with its arguments filled, as a string. */
static const char *filled(ex *e, rb_msg_id id, const char *a1, const char *a2, const char *a3) {
  const char *args[3] = {a1, a2, a3};
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (!f) return "";
  rb_msg_write(f, e->lang, id, args, 3);
  if (fclose(f) != 0 || !buf) {
    free(buf);
    return "";
  }
  const char *s = rb_arena_strdup(&e->a, buf);
  free(buf);
  return s ? s : "";
}

/* A fact as a what-if sets it: 事实「审批文件合规」为是, 事实「监管有效性」≥ 8
** (found by a search), 事实「监管有效性」为 8 (one value). */
static const char *fact_set_text(ex *e, const ex_fact_set *f) {
  const rb_input *in = &e->p->inputs[f->input];
  if (in->type == RB_ITYPE_BOOL)
    return filled(e, RB_MSG_EX_CF_FACT_BOOL, in->key, M(e, f->boolean ? RB_MSG_EX_KIND_BOOL_YES : RB_MSG_EX_KIND_BOOL_NO),
                  NULL);
  if (!f->cmp) return filled(e, RB_MSG_EX_MOVE_FACT_NUM, in->key, exact(e, f->number), NULL);
  return filled(e, RB_MSG_EX_CF_FACT_NUM, in->key, f->cmp > 0 ? "≥" : "≤", exact(e, f->number));
}

/* The facts of the full-marks answer, joined. */
static const char *cf_facts_text(ex *e, const ex_item *it) {
  const char *s = "";
  for (uint32_t i = 0; i < it->cf_fact_count; i++) {
    const char *one = fact_set_text(e, &it->cf_facts[i]);
    s = i ? cat(e, cat(e, s, M(e, RB_MSG_EX_LIST_SEP)), one) : one;
  }
  return s;
}

/* The facts an item's score moves with: 事实「可行性论证」、事实「按程序设立」. */
static const char *fact_deps_text(ex *e, const ex_item *it) {
  const char *s = "";
  for (uint32_t i = 0; i < it->fact_dep_count; i++) {
    const char *one = filled(e, RB_MSG_EX_CF_FACT_NAME, e->p->inputs[it->fact_deps[i]].key, NULL, NULL);
    s = i ? cat(e, cat(e, s, M(e, RB_MSG_EX_LIST_SEP)), one) : one;
  }
  return s;
}

/* ---- the scope ----------------------------------------------------------- */

static void collect(ex *e) {
  uint32_t cap = 64, count = 0;
  const rb_node **pre = rb_arena_alloc(&e->a, cap * sizeof *pre);
  for (const rb_node *n = e->res->root; n && pre;) {
    if (count == cap) {
      const rb_node **more = rb_arena_alloc(&e->a, 2 * cap * sizeof *more);
      if (!more) break;
      memcpy(more, pre, cap * sizeof *pre);
      pre = more;
      cap *= 2;
    }
    pre[count++] = n;
    if (n->first_child) n = n->first_child;
    else {
      while (n && !n->next) n = n->parent;
      if (n) n = n->next;
    }
  }
  e->pre = pre;
  e->pre_count = pre ? count : 0;
}

static bool within(const rb_node *n, const rb_node *scope) {
  for (; n; n = n->parent)
    if (n == scope) return true;
  return false;
}

/* The node path names: names joined by '/' or '›' from the first section
** down; or a name, or a part of one, that one node has. */
static const rb_node *find_node(ex *e, const char *path, char *why, size_t why_size) {
  /* Normalise: segments trimmed of spaces, joined by " › ". */
  char norm[1024];
  size_t o = 0;
  const char *s = path;
  while (*s && o + 8 < sizeof norm) {
    while (*s == ' ') s++;
    const char *start = s;
    while (*s && *s != '/' && strncmp(s, "›", strlen("›")) != 0) s++;
    const char *end = s;
    while (end > start && end[-1] == ' ') end--;
    if (o) {
      memcpy(norm + o, " › ", strlen(" › "));
      o += strlen(" › ");
    }
    size_t l = (size_t)(end - start);
    if (o + l >= sizeof norm) l = sizeof norm - o - 1;
    memcpy(norm + o, start, l);
    o += l;
    if (*s == '/') s++;
    else if (*s) s += strlen("›");
  }
  norm[o] = '\0';
  const rb_node *hit = NULL;
  int hits = 0;
  for (int pass = 0; pass < 3 && hits == 0; pass++)
    for (uint32_t i = 1; i < e->pre_count; i++) {
      const rb_node *n = e->pre[i];
      bool ok = pass == 0 ? strcmp(node_path(e, n), norm) == 0
                : pass == 1 ? strcmp(n->name, norm) == 0
                            : strstr(n->name, norm) != NULL;
      if (ok && hits++ == 0) hit = n;
    }
  if (hits == 1) return hit;
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (f) {
    const char *args[] = {path, hit ? node_path(e, hit) : ""};
    rb_msg_write(f, e->lang, hits ? RB_MSG_EX_PATH_AMBIGUOUS : RB_MSG_EX_PATH_UNKNOWN, args, 2);
    fclose(f);
    snprintf(why, why_size, "%s", buf);
    free(buf);
  }
  return NULL;
}

/* ---- splits --------------------------------------------------------------- */

typedef struct ex_group {
  rb_num share;
  uint32_t count;
  const char *names; /* joined by "、" */
} ex_group;

static const char *quoted(ex *e, const char *name) {
  return e->lang == RB_LANG_ZH ? cat(e, cat(e, "「", name), "」") : cat(e, cat(e, "\"", name), "\"");
}

/* The items of a split section grouped by share, in table order. */
static uint32_t share_groups(ex *e, const rb_node *sec, ex_group *g, uint32_t cap) {
  uint32_t count = 0;
  for (const rb_node *c = sec->first_child; c; c = c->next) {
    if (!c->is_item) continue;
    if (count && rb_num_cmp(g[count - 1].share, c->weight) == 0) {
      g[count - 1].count++;
      g[count - 1].names = cat(e, cat(e, g[count - 1].names, e->lang == RB_LANG_ZH ? "、" : ", "), quoted(e, c->name));
    } else if (count < cap) {
      g[count++] = (ex_group){c->weight, 1, quoted(e, c->name)};
    }
  }
  return count;
}

static void text_split(ex *e, const rb_node *sec) {
  const char *w = exact(e, sec->split_weight), *n = itoa_(e, sec->split_count);
  say(e, 1, RB_MSG_EX_SPLIT_HEAD, node_path(e, sec), w, n, NULL, NULL, NULL);
  rb_num q;
  if (sec->split != RB_NODE_SPLIT_BY_ROW && sec->split_count &&
      rb_num_div(e->cx, sec->split_weight, rb_num_int(sec->split_count), &q))
    say(e, 2, RB_MSG_EX_SPLIT_DIV, w, n, exact_or_cut(e, q), NULL, NULL, NULL);
  const char *places = itoa_(e, sec->split_places);
  switch (sec->split == RB_NODE_SPLIT_BY_ROW ? -1 : sec->split - 1) {
  case RB_SPLIT_LARGEST_REMAINDER: {
    say(e, 2, RB_MSG_EX_POLICY_LR, places, w, NULL, NULL, NULL, NULL);
    rb_num unit, units, base, rest;
    int64_t b = 0, r = 0;
    if (sec->split_count && rb_num_scale10(e->cx, rb_num_int(1), -sec->split_places, &unit) &&
        rb_num_scale10(e->cx, sec->split_weight, sec->split_places, &units) &&
        rb_num_round(e->cx, units, 0, RB_ROUND_FLOOR, &units) &&
        rb_num_div(e->cx, units, rb_num_int(sec->split_count), &base) &&
        rb_num_round(e->cx, base, 0, RB_ROUND_FLOOR, &base) && rb_num_to_int64(base, &b)) {
      int64_t u = 0;
      rb_num_to_int64(units, &u);
      r = u - b * (int64_t)sec->split_count;
      rb_num small;
      rb_num_mul(e->cx, base, unit, &small);
      (void)rest;
      if (r) say(e, 2, RB_MSG_EX_POLICY_LR_WHY, exact(e, unit), itoa_(e, u), n, itoa_(e, b), itoa_(e, r), exact(e, small));
      else say(e, 2, RB_MSG_EX_POLICY_LR_EVEN, exact(e, unit), itoa_(e, u), n, itoa_(e, b), exact(e, small), NULL);
    }
    break;
  }
  case RB_SPLIT_FLOOR_LAST: say(e, 2, RB_MSG_EX_POLICY_FLOOR_LAST, places, NULL, NULL, NULL, NULL, NULL); break;
  case RB_SPLIT_WHOLE: say(e, 2, RB_MSG_EX_POLICY_WHOLE, NULL, NULL, NULL, NULL, NULL, NULL); break;
  case RB_SPLIT_EXACT: say(e, 2, RB_MSG_EX_POLICY_EXACT, NULL, NULL, NULL, NULL, NULL, NULL); break;
  default: say(e, 2, RB_MSG_EX_POLICY_BY_ROW, NULL, NULL, NULL, NULL, NULL, NULL); break;
  }
  ex_group g[16];
  uint32_t count = share_groups(e, sec, g, 16);
  const char *sum = "";
  rb_num total = rb_num_int(0);
  for (uint32_t i = 0; i < count; i++) {
    say(e, 2, RB_MSG_EX_SHARE_GROUP, exact(e, g[i].share), itoa_(e, g[i].count), g[i].names, NULL, NULL, NULL);
    rb_num part;
    rb_num_mul(e->cx, g[i].share, rb_num_int(g[i].count), &part);
    rb_num_add(e->cx, total, part, &total);
    sum = cat(e, cat(e, sum, i ? " + " : ""),
              cat(e, cat(e, exact(e, g[i].share), " × "), itoa_(e, g[i].count)));
  }
  if (count) say(e, 2, RB_MSG_EX_SHARE_SUM, sum, exact(e, total), NULL, NULL, NULL, NULL);
}

static const char *policy_name(const rb_node *sec) {
  if (sec->split == RB_NODE_SPLIT_BY_ROW) return "by_row";
  return sec->split - 1 < RB_SPLIT_COUNT ? rb_split_policy_names[sec->split - 1] : "?";
}

static void json_split(ex *e, const rb_node *sec) {
  fputs("{\"path\":", e->out);
  json_path(e, sec);
  fprintf(e->out, ",\"weight\":%s,\"count\":%u,\"policy\":\"%s\",\"places\":%d", exact(e, sec->split_weight),
          sec->split_count, policy_name(sec), sec->split_places);
  rb_num q;
  fputs(",\"quotient\":", e->out);
  if (sec->split_count && rb_num_div(e->cx, sec->split_weight, rb_num_int(sec->split_count), &q))
    rb_out_json_string(e->out, exact_or_cut(e, q));
  else fputs("null", e->out);
  if (sec->split == 1 + RB_SPLIT_LARGEST_REMAINDER && sec->split_count) {
    rb_num units, base;
    int64_t u = 0, b = 0;
    if (rb_num_scale10(e->cx, sec->split_weight, sec->split_places, &units) &&
        rb_num_round(e->cx, units, 0, RB_ROUND_FLOOR, &units) && rb_num_to_int64(units, &u) &&
        rb_num_div(e->cx, units, rb_num_int(sec->split_count), &base) &&
        rb_num_round(e->cx, base, 0, RB_ROUND_FLOOR, &base) && rb_num_to_int64(base, &b))
      fprintf(e->out, ",\"units\":%lld,\"units_each\":%lld,\"remainder\":%lld,\"ties\":\"table_order\"",
              (long long)u, (long long)b, (long long)(u - b * (int64_t)sec->split_count));
  }
  fputs(",\"shares\":[", e->out);
  ex_group g[16];
  uint32_t count = share_groups(e, sec, g, 16);
  for (uint32_t i = 0; i < count; i++) {
    fprintf(e->out, "%s{\"share\":%s,\"count\":%u,\"items\":[", i ? "," : "", exact(e, g[i].share), g[i].count);
    bool first = true;
    for (const rb_node *c = sec->first_child; c; c = c->next)
      if (c->is_item && rb_num_cmp(c->weight, g[i].share) == 0) {
        if (!first) fputc(',', e->out);
        rb_out_json_string(e->out, c->name);
        first = false;
      }
    fputs("]}", e->out);
  }
  fputs("]}", e->out);
}

/* ---- items --------------------------------------------------------------- */

/* The qualitative tier of a score against its weight (the national tiers):
** 1 at 80% or more, 2 at 60% or more, else 3; the percentage in *pct. */
static int tier_of(ex *e, const rb_node *n, const char **pct) {
  rb_num r;
  if (rb_num_is_zero(n->weight) || !rb_num_div(e->cx, n->score, n->weight, &r)) return 0;
  rb_num p;
  rb_num_scale10(e->cx, r, 2, &p);
  rb_num_round(e->cx, p, 1, RB_ROUND_HALF_UP, &p);
  *pct = cat(e, exact(e, p), "%");
  rb_num eighty, sixty;
  rb_num_frac(e->cx, 8, 10, &eighty);
  rb_num_frac(e->cx, 6, 10, &sixty);
  return rb_num_cmp(r, eighty) >= 0 ? 1 : rb_num_cmp(r, sixty) >= 0 ? 2 : 3;
}

static bool qualitative(const ex_item *it) {
  return it->node->row && it->node->row->target_text && it->node->row->target.kind == RB_MK_TEXT;
}

/* The counterfactual's actual as written: "≥ 2 家". */
static const char *cf_value(ex *e, const ex_item *it) {
  const rb_measure *t = &it->row->target, *a = &it->row->actual;
  const rb_measure *unit_from = a->kind == RB_MK_NUMBER && t->kind != RB_MK_NUMBER ? t : NULL;
  rb_num x = it->cf.x;
  if (unit_from && unit_from->kind == RB_MK_MONEY) rb_num_scale10(e->cx, x, unit_from->scale, &x);
  return value_text(e, unit_from ? unit_from : a, x, NULL);
}

static void text_item(ex *e, const ex_item *it) {
  const rb_node *n = it->node;
  say(e, 1, RB_MSG_EX_ITEM_HEAD, node_path(e, n), exact(e, n->weight), n->has_score ? fixed(e, n->score) : "—", NULL,
      NULL, NULL);
  if (n->parent && n->parent->split) say(e, 2, RB_MSG_EX_SHARE_OF, exact(e, n->weight), n->parent->name, NULL, NULL, NULL, NULL);
  if (n->row) {
    const rb_indicator *r = n->row;
    if (r->target_text)
      say(e, 2, RB_MSG_EX_READ, M(e, RB_MSG_EX_TARGET), r->target_text, read_text(e, &r->target, NULL), NULL, NULL,
          NULL);
    else say(e, 2, RB_MSG_EX_ABSENT, M(e, RB_MSG_EX_TARGET), NULL, NULL, NULL, NULL, NULL);
    if (r->actual_text)
      say(e, 2, RB_MSG_EX_READ, M(e, RB_MSG_EX_ACTUAL), r->actual_text, read_text(e, &r->actual, &r->target), NULL,
          NULL, NULL);
    else say(e, 2, RB_MSG_EX_ABSENT, M(e, RB_MSG_EX_ACTUAL), NULL, NULL, NULL, NULL, NULL);
  }
  for (uint32_t i = 0; i < it->fact_dep_count; i++) {
    const rb_input *in = &e->p->inputs[it->fact_deps[i]];
    say(e, 2, RB_MSG_EX_FACT_READ, in->key, fact_given(e, in), NULL, NULL, NULL, NULL);
  }
  if (n->not_applicable) {
    say(e, 2, RB_MSG_EX_NOT_APPLICABLE, NULL, NULL, NULL, NULL, NULL, NULL);
    return;
  }
  if (!n->has_score) {
    say(e, 2, RB_MSG_EX_NO_SCORE, NULL, NULL, NULL, NULL, NULL, NULL);
    return;
  }
  if (n->explain) say(e, 2, RB_MSG_EX_FORMULA, n->explain, NULL, NULL, NULL, NULL, NULL);
  else say(e, 2, RB_MSG_EX_NO_FORMULA, NULL, NULL, NULL, NULL, NULL, NULL);
  if (n->has_exact) {
    const rb_rounding *rd = &e->p->rounding;
    if (rb_num_cmp(n->exact, n->score) != 0)
      say(e, 2, RB_MSG_EX_EXACT_ROUND, exact_or_cut(e, n->exact), fixed(e, n->score), round_mode_text(e, rd->mode),
          itoa_(e, rd->places), NULL, NULL);
    else say(e, 2, RB_MSG_EX_EXACT_SAME, exact(e, n->exact), NULL, NULL, NULL, NULL, NULL);
  }
  if (qualitative(it)) {
    const char *pct = "";
    int tier = tier_of(e, n, &pct);
    if (tier)
      say(e, 2, RB_MSG_EX_TIER, M(e, tier == 1 ? RB_MSG_EX_TIER_1 : tier == 2 ? RB_MSG_EX_TIER_2 : RB_MSG_EX_TIER_3),
          pct, NULL, NULL, NULL, NULL);
    if (tier && tier < 3 && n->matched) say(e, 2, RB_MSG_EX_MATCHED, n->matched, NULL, NULL, NULL, NULL, NULL);
    else if (tier == 3 && n->row->actual_text) say(e, 2, RB_MSG_EX_NO_MATCH, n->row->actual_text, NULL, NULL, NULL, NULL, NULL);
  }
  if (n->has_self) say(e, 2, RB_MSG_EX_SELF, fmt(e, n->self, RB_OUT_AT_LEAST), NULL, NULL, NULL, NULL, NULL);
  if (!it->lost) return;
  say(e, 2, RB_MSG_EX_LOST, fixed(e, it->lost_points), NULL, NULL, NULL, NULL, NULL);
  if (it->cf_fact_count && it->cf.ok)
    say(e, 2, RB_MSG_EX_CF_FACTS, cf_facts_text(e, it), fixed(e, it->cf.score), NULL, NULL, NULL, NULL);
  else if (!it->row && it->fact_dep_count && it->cf_cut)
    say(e, 2, RB_MSG_EX_CF_FACTS_CUT, fact_deps_text(e, it), itoa_(e, EX_FACT_DEPS), itoa_(e, EX_FACT_RUNS), NULL, NULL,
        NULL);
  else if (!it->row && it->fact_dep_count)
    say(e, 2, RB_MSG_EX_CF_FACTS_NONE, fact_deps_text(e, it), NULL, NULL, NULL, NULL, NULL);
  else if (!it->row || (!it->numeric && !qualitative(it))) say(e, 2, RB_MSG_EX_CF_NOT_ROW, NULL, NULL, NULL, NULL, NULL, NULL);
  else if (it->cf_text) say(e, 2, RB_MSG_EX_CF_TEXT, it->row->target_text, fixed(e, it->cf.score), NULL, NULL, NULL, NULL);
  else if (it->cf.ok)
    say(e, 2, RB_MSG_EX_CF_FULL, it->better > 0 ? "≥" : "≤", cf_value(e, it), fixed(e, it->cf.score), NULL, NULL, NULL);
  else say(e, 2, RB_MSG_EX_CF_NONE, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void json_item(ex *e, const ex_item *it) {
  const rb_node *n = it->node;
  FILE *o = e->out;
  fputs("{\"path\":", o);
  json_path(e, n);
  fprintf(o, ",\"weight\":%s,\"score\":%s", exact(e, n->weight), n->has_score ? fixed(e, n->score) : "null");
  fputs(",\"self_score\":", o);
  fputs(n->has_self ? exact(e, n->self) : "null", o);
  fputs(",\"share_of\":", o);
  if (n->parent && n->parent->split) json_path(e, n->parent);
  else fputs("null", o);
  fputs(",\"target\":", o);
  json_measure(e, n->row ? n->row->target_text : NULL, n->row ? &n->row->target : NULL, NULL);
  fputs(",\"actual\":", o);
  json_measure(e, n->row ? n->row->actual_text : NULL, n->row ? &n->row->actual : NULL,
               n->row ? &n->row->target : NULL);
  fputs(",\"facts\":[", o);
  for (uint32_t i = 0; i < it->fact_dep_count; i++) {
    const rb_input *in = &e->p->inputs[it->fact_deps[i]];
    const rb_fact *f = rb_report_fact(e->rep, in->key);
    fputs(i ? ",{\"fact\":" : "{\"fact\":", o);
    rb_out_json_string(o, in->key);
    fputs(",\"value\":", o);
    if (!f) fputs("null", o);
    else if (f->type == RB_FACT_BOOL) fputs(f->boolean ? "true" : "false", o);
    else if (f->type == RB_FACT_NUMBER) rb_out_json_string(o, exact(e, f->number));
    else rb_out_json_string(o, f->text);
    fputc('}', o);
  }
  fputs("],\"formula\":", o);
  rb_out_json_string(o, n->explain);
  fputs(",\"exact\":", o);
  if (n->has_exact) rb_out_json_string(o, exact_or_cut(e, n->exact));
  else fputs("null", o);
  fprintf(o, ",\"rounding\":{\"places\":%d,\"mode\":\"%s\"}", e->p->rounding.places,
          rb_round_mode_name((rb_round_mode)e->p->rounding.mode));
  fprintf(o, ",\"not_applicable\":%s", n->not_applicable ? "true" : "false");
  fputs(",\"tier\":", o);
  const char *pct = "";
  int tier = qualitative(it) && n->has_score ? tier_of(e, n, &pct) : 0;
  if (tier) fprintf(o, "%d", tier);
  else fputs("null", o);
  fputs(",\"matched\":", o);
  rb_out_json_string(o, tier && tier < 3 ? n->matched : NULL);
  fputs(",\"lost\":", o);
  fputs(it->lost ? fixed(e, it->lost_points) : "null", o);
  fprintf(o, ",\"full_marks_cut\":%s", it->cf_cut && !it->cf.ok ? "true" : "false");
  fputs(",\"full_marks\":", o);
  if (it->lost && it->cf.ok && (it->numeric || it->cf_text)) {
    fputs("{\"actual\":", o);
    rb_out_json_string(o, it->cf_text ? it->row->target_text : cf_value(e, it));
    fputs(",\"cmp\":", o);
    if (it->cf_text) fputs("null", o);
    else rb_out_json_string(o, it->better > 0 ? ">=" : "<=");
    fputs(",\"value\":", o);
    if (it->cf_text) fputs("null", o);
    else rb_out_json_string(o, exact(e, it->cf.x));
    fprintf(o, ",\"score\":%s,\"total\":%s}", fixed(e, it->cf.score), fixed(e, it->cf.total));
  } else if (it->lost && it->cf.ok && it->cf_fact_count) {
    /* In facts: {"fact": name, "cmp": "=", "value": true} or {"fact", "cmp": ">=", "value": "8"}. */
    fputs("{\"actual\":null,\"cmp\":null,\"value\":null,\"facts\":[", o);
    for (uint32_t i = 0; i < it->cf_fact_count; i++) {
      const ex_fact_set *f = &it->cf_facts[i];
      const rb_input *in = &e->p->inputs[f->input];
      fputs(i ? ",{\"fact\":" : "{\"fact\":", o);
      rb_out_json_string(o, in->key);
      fprintf(o, ",\"cmp\":\"%s\",\"value\":", f->cmp > 0 ? ">=" : f->cmp < 0 ? "<=" : "=");
      if (in->type == RB_ITYPE_BOOL) fputs(f->boolean ? "true" : "false", o);
      else rb_out_json_string(o, exact(e, f->number));
      fputc('}', o);
    }
    fprintf(o, "],\"score\":%s,\"total\":%s}", fixed(e, it->cf.score), fixed(e, it->cf.total));
  } else fputs("null", o);
  fputc('}', o);
}

/* ---- total and grade ------------------------------------------------------ */

typedef struct ex_move {
  bool possible, top; /* top: no band in that direction */
  const rb_grade *band; /* the band to reach (up) or leave (down) */
  rb_num gap;
  const ex_item *item;
  bool by_fact;     /* the change is of one fact, not of item's actual */
  ex_fact_set fact;
  ex_try t;
  uint32_t tried;
  uint32_t facts_tried;
  rb_num most; /* the most one item changed the total */
} ex_move;

/* The band index of the result's grade (bands are highest first). */
static int band_of(const ex *e) {
  for (uint32_t i = 0; i < e->p->grade_count; i++)
    if (!e->p->grades[i].has_min || rb_num_cmp(e->res->total, e->p->grades[i].min) >= 0) return (int)i;
  return -1;
}

/* |x − a| relative to the actual (or to the step when the actual is 0). */
static rb_num relative_change(ex *e, const ex_item *it, rb_num x) {
  rb_num d, r;
  rb_num_sub(e->cx, x, it->a, &d);
  rb_num_abs(e->cx, d, &d);
  rb_num base = rb_num_is_zero(it->a) ? it->step : it->a;
  if (!rb_num_div(e->cx, d, base, &r)) return d;
  return r;
}

/* A move, when it is the smallest so far (*best: the relative change of the
** best move, negative while there is none): by item's actual, or by the fact
** of a probe. */
static void consider(ex_move *m, rb_num *best, rb_num r, const ex_item *item, const ex_fact_set *f, const ex_try *t) {
  if (rb_num_sign(*best) >= 0 && rb_num_cmp(r, *best) >= 0) return;
  *best = r;
  m->possible = true;
  m->item = f ? NULL : item;
  m->by_fact = f != NULL;
  if (f) m->fact = *f;
  m->t = *t;
}

/* The most one change moved the total, with the total of t. */
static void note_most(ex *e, ex_move *up, ex_move *down, const ex_try *t) {
  rb_num d;
  rb_num_sub(e->cx, t->total, e->res->total, &d);
  rb_num_abs(e->cx, d, &d);
  if (rb_num_cmp(d, up->most) > 0) up->most = down->most = d;
}

/* The grade's moves by one value on a grid — a row's actual, or a number
** fact (a probe) — each way it is searched, from the totals at both ends (the
** lowest grid point and far above).  False when the total does not move with
** it. */
static bool moves_by(ex *e, const ex_item *it, ex_move *up, ex_move *down, rb_num *best_up, rb_num *best_down) {
  ex_try lo, hi;
  int64_t kmin = 0;
  rb_num_to_int64(it->kmin, &kmin);
  try_k(e, it, kmin, &lo);
  try_k(e, it, (int64_t)1 << EX_PROBES, &hi);
  if (!lo.ok || !hi.ok) return false;
  int c = rb_num_cmp(hi.total, lo.total);
  if (c == 0) return false;
  int better = c > 0 ? +1 : -1;
  note_most(e, up, down, &lo);
  note_most(e, up, down, &hi);
  ex_try t;
  if (!up->top && search(e, it, better, EX_AT_LEAST, up->band->min, &t)) {
    ex_fact_set f = {.input = it->fact_input, .number = t.x};
    consider(up, best_up, relative_change(e, it, t.x), it, it->by_fact ? &f : NULL, &t);
  }
  if (!down->top && search(e, it, -better, EX_BELOW, down->band->min, &t)) {
    ex_fact_set f = {.input = it->fact_input, .number = t.x};
    consider(down, best_down, relative_change(e, it, t.x), it, it->by_fact ? &f : NULL, &t);
  }
  return true;
}

static void fact_moves(ex *e, ex_move *up, ex_move *down, rb_num *best_up, rb_num *best_down);

static void grade_moves(ex *e, ex_move *up, ex_move *down) {
  memset(up, 0, sizeof *up);
  memset(down, 0, sizeof *down);
  up->most = down->most = rb_num_int(0);
  int b = band_of(e);
  if (b < 0) {
    up->top = down->top = true;
    return;
  }
  up->top = b == 0;
  down->top = !e->p->grades[b].has_min;
  if (!up->top) {
    up->band = &e->p->grades[b - 1];
    rb_num_sub(e->cx, up->band->min, e->res->total, &up->gap);
  }
  if (!down->top) {
    down->band = &e->p->grades[b];
    rb_num_sub(e->cx, e->res->total, down->band->min, &down->gap);
  }
  rb_num best_up = rb_num_int(-1), best_down = rb_num_int(-1);
  for (uint32_t i = 0; i < e->item_count; i++)
    if (e->items[i].numeric && moves_by(e, &e->items[i], up, down, &best_up, &best_down)) {
      if (!up->top) up->tried++;
      if (!down->top) down->tried++;
    }
  fact_moves(e, up, down, &best_up, &best_down);
}

/* The grade moves by one fact the scope's items move with: a yes/no turned
** over (both ways when the report does not state it), which counts as a
** change of 100%; a number searched like an actual, on the grid of its
** decimals, its change relative to its value. */
static void fact_moves(ex *e, ex_move *up, ex_move *down, rb_num *best_up, rb_num *best_down) {
  bool *seen = rb_arena_calloc(&e->a, e->p->input_count ? e->p->input_count : 1, sizeof *seen);
  if (!seen || !e->rep) return;
  for (uint32_t j = 0; j < e->item_count; j++)
    for (uint32_t d = 0; d < e->items[j].fact_dep_count; d++) {
      uint32_t i = e->items[j].fact_deps[d];
      if (seen[i]) continue;
      seen[i] = true;
      const rb_input *in = &e->p->inputs[i];
      if (in->type != RB_ITYPE_BOOL) {
        ex_item probe;
        if (number_probe(e, NULL, i, &probe) && moves_by(e, &probe, up, down, best_up, best_down)) {
          if (!up->top) up->facts_tried++;
          if (!down->top) down->facts_tried++;
        }
        continue;
      }
      bool b = false, moved = false;
      rb_num unused;
      bool have = fact_now(e, in, &b, &unused);
      ex_item probe;
      memset(&probe, 0, sizeof probe);
      for (int k = 0; k < (have ? 1 : 2); k++) {
        ex_fact_set f = {.input = i, .boolean = have ? !b : k == 0};
        ex_try t;
        memset(&t, 0, sizeof t);
        take_try(e, &probe, run_facts(e, &f, 1), &t);
        if (!t.ok) continue;
        moved |= rb_num_cmp(t.total, e->res->total) != 0;
        note_most(e, up, down, &t);
        if (!up->top && goal_met(&t, EX_AT_LEAST, up->band->min)) consider(up, best_up, rb_num_int(1), NULL, &f, &t);
        if (!down->top && goal_met(&t, EX_BELOW, down->band->min)) consider(down, best_down, rb_num_int(1), NULL, &f, &t);
      }
      if (moved && !up->top) up->facts_tried++;
      if (moved && !down->top) down->facts_tried++;
    }
}

/* The band label just below band `band`. */
static const char *band_below(const ex *e, const rb_grade *band) {
  for (uint32_t i = 0; i + 1 < e->p->grade_count; i++)
    if (&e->p->grades[i] == band) return e->p->grades[i + 1].label;
  return "";
}

static const char *move_value(ex *e, const ex_move *m) {
  const ex_item *it = m->item;
  const rb_measure *t = &it->row->target, *a = &it->row->actual;
  const rb_measure *unit_from = a->kind == RB_MK_NUMBER && t->kind != RB_MK_NUMBER ? t : NULL;
  rb_num x = m->t.x;
  if (unit_from && unit_from->kind == RB_MK_MONEY) rb_num_scale10(e->cx, x, unit_from->scale, &x);
  return value_text(e, unit_from ? unit_from : a, x, NULL);
}

static void text_total(ex *e) {
  say(e, 1, RB_MSG_EX_TOTAL_LINE, fixed(e, e->res->total), e->res->grade, NULL, NULL, NULL, NULL);
  int b = band_of(e);
  if (b >= 0) {
    const rb_grade *g = &e->p->grades[b];
    if (g->has_min) say(e, 2, RB_MSG_EX_BAND, g->label, exact(e, g->min), NULL, NULL, NULL, NULL);
    else say(e, 2, RB_MSG_EX_BAND_LOWEST, g->label, NULL, NULL, NULL, NULL, NULL);
  }
  ex_move up, down;
  grade_moves(e, &up, &down);
  const ex_move *moves[2] = {&up, &down};
  for (int k = 0; k < 2; k++) {
    const ex_move *m = moves[k];
    if (m->top) {
      say(e, 2, k ? RB_MSG_EX_DOWN_BOTTOM : RB_MSG_EX_UP_TOP, NULL, NULL, NULL, NULL, NULL, NULL);
      continue;
    }
    if (k == 0) say(e, 2, RB_MSG_EX_UP_NEED, exact(e, m->band->min), m->band->label, fixed(e, m->gap), NULL, NULL, NULL);
    else
      say(e, 2, RB_MSG_EX_DOWN_NEED, exact(e, m->band->min), band_below(e, m->band), fixed(e, m->gap), NULL, NULL,
          NULL);
    if (!m->tried && !m->facts_tried) say(e, 3, RB_MSG_EX_MOVE_UNTRIED, NULL, NULL, NULL, NULL, NULL, NULL);
    else if (m->possible && m->by_fact)
      say(e, 3, RB_MSG_EX_MOVE_FACT, fact_set_text(e, &m->fact), fixed(e, m->t.total), m->t.grade, NULL, NULL, NULL);
    else if (m->facts_tried && !m->possible)
      say(e, 3, RB_MSG_EX_MOVE_NONE_FACTS, M(e, k ? RB_MSG_EX_DOWN_WORD : RB_MSG_EX_UP_WORD), itoa_(e, m->tried),
          itoa_(e, m->facts_tried), fixed(e, m->most), NULL, NULL);
    else if (m->possible)
      say(e, 3, RB_MSG_EX_MOVE, node_path(e, m->item->node), move_value(e, m), fixed(e, m->t.total), m->t.grade, NULL,
          NULL);
    else
      say(e, 3, RB_MSG_EX_MOVE_NONE, M(e, k ? RB_MSG_EX_DOWN_WORD : RB_MSG_EX_UP_WORD), itoa_(e, m->tried),
          fixed(e, m->most), NULL, NULL, NULL);
  }
}

static void json_move(ex *e, const ex_move *m, bool down) {
  FILE *o = e->out;
  if (m->top) {
    fputs("null", o);
    return;
  }
  fputs("{\"grade\":", o);
  rb_out_json_string(o, down ? band_below(e, m->band) : m->band->label);
  fprintf(o, ",\"bound\":%s,\"gap\":%s,\"possible\":%s,\"items_tried\":%u,\"facts_tried\":%u,\"most\":%s",
          exact(e, m->band->min), fixed(e, m->gap), m->possible ? "true" : "false", m->tried, m->facts_tried,
          fixed(e, m->most));
  if (m->possible && m->by_fact) {
    /* One fact changed: {"fact": name, "value": true/false or the number as text}. */
    const rb_input *in = &e->p->inputs[m->fact.input];
    fputs(",\"item\":null,\"actual\":null,\"value\":null,\"fact\":{\"fact\":", o);
    rb_out_json_string(o, in->key);
    fputs(",\"value\":", o);
    if (in->type == RB_ITYPE_BOOL) fputs(m->fact.boolean ? "true" : "false", o);
    else rb_out_json_string(o, exact(e, m->fact.number));
    fprintf(o, "},\"total\":%s,\"result_grade\":", fixed(e, m->t.total));
    rb_out_json_string(o, m->t.grade);
  } else if (m->possible) {
    fputs(",\"item\":", o);
    json_path(e, m->item->node);
    fputs(",\"actual\":", o);
    rb_out_json_string(o, move_value(e, m));
    fputs(",\"value\":", o);
    rb_out_json_string(o, exact(e, m->t.x));
    fprintf(o, ",\"total\":%s,\"result_grade\":", fixed(e, m->t.total));
    rb_out_json_string(o, m->t.grade);
  }
  fputc('}', o);
}

/* ---- the whole ------------------------------------------------------------ */

static void write_text(ex *e) {
  const rb_result *r = e->res;
  const char *who = r->report ? (r->report->id ? r->report->id : "") : "";
  if (r->report && r->report->title) who = cat(e, cat(e, r->report->title, " · "), who);
  if (e->scope != r->root) who = cat(e, cat(e, who, " · "), node_path(e, e->scope));
  say(e, 0, RB_MSG_EX_HEAD, who, NULL, NULL, NULL, NULL, NULL);
  say(e, 0, RB_MSG_EX_RUBRIC, e->p->title, NULL, NULL, NULL, NULL, NULL);
  fputc('\n', e->out);
  say(e, 0, RB_MSG_EX_SPLITS, NULL, NULL, NULL, NULL, NULL, NULL);
  bool any = false;
  for (uint32_t i = 0; i < e->pre_count; i++) {
    const rb_node *n = e->pre[i];
    bool show = n->split && (within(n, e->scope) || (e->scope->is_item && e->scope->parent == n));
    if (show) {
      text_split(e, n);
      any = true;
    }
  }
  if (!any) say(e, 1, RB_MSG_EX_NONE, NULL, NULL, NULL, NULL, NULL, NULL);
  fputc('\n', e->out);
  say(e, 0, RB_MSG_EX_ITEMS, NULL, NULL, NULL, NULL, NULL, NULL);
  for (uint32_t i = 0; i < e->item_count; i++) text_item(e, &e->items[i]);
  if (!e->item_count) say(e, 1, RB_MSG_EX_NONE, NULL, NULL, NULL, NULL, NULL, NULL);
  fputc('\n', e->out);
  say(e, 0, RB_MSG_EX_TOTAL, NULL, NULL, NULL, NULL, NULL, NULL);
  text_total(e);
}

static void write_json(ex *e) {
  const rb_result *r = e->res;
  FILE *o = e->out;
  fputs("{\"id\":", o);
  rb_out_json_string(o, r->report ? r->report->id : "");
  fputs(",\"rubric\":", o);
  rb_out_json_string(o, e->p->title);
  fputs(",\"path\":", o);
  if (e->scope == r->root) fputs("null", o);
  else json_path(e, e->scope);
  fprintf(o, ",\"total\":%s,\"grade\":", fixed(e, r->total));
  rb_out_json_string(o, r->grade);
  fputs(",\"self_total\":", o);
  fputs(r->has_self_total ? exact(e, r->self_total) : "null", o);
  fputs(",\"splits\":[", o);
  bool first = true;
  for (uint32_t i = 0; i < e->pre_count; i++) {
    const rb_node *n = e->pre[i];
    if (n->split && (within(n, e->scope) || (e->scope->is_item && e->scope->parent == n))) {
      if (!first) fputc(',', o);
      json_split(e, n);
      first = false;
    }
  }
  fputs("],\"items\":[", o);
  for (uint32_t i = 0; i < e->item_count; i++) {
    if (i) fputc(',', o);
    json_item(e, &e->items[i]);
  }
  fputs("],\"grade_boundary\":", o);
  {
    ex_move up, down;
    grade_moves(e, &up, &down);
    int b = band_of(e);
    fputs("{\"total\":", o);
    fputs(fixed(e, r->total), o);
    fputs(",\"grade\":", o);
    rb_out_json_string(o, r->grade);
    fputs(",\"min\":", o);
    fputs(b >= 0 && e->p->grades[b].has_min ? exact(e, e->p->grades[b].min) : "null", o);
    fputs(",\"up\":", o);
    json_move(e, &up, false);
    fputs(",\"down\":", o);
    json_move(e, &down, true);
    fputc('}', o);
  }
  fputs("}\n", o);
}

bool rb_explain(rb_vm *vm, rb_report *report, const rb_result *res, const char *path, bool json, rb_lang lang,
                FILE *out, char *why, size_t why_size) {
  ex e = {.vm = vm, .rep = report, .res = res, .p = res->program, .lang = lang, .out = out, .json = json};
  rb_arena_init(&e.a);
  e.cx = rb_numctx_new();
  e.scratch = rb_result_new();
  bool ok = e.cx && e.scratch;
  if (!ok) snprintf(why, why_size, "out of memory");
  if (ok) {
    rb_result_messages(res, 0, res->finding_count); /* before the report changes */
    e.places = rb_out_places(res);
    collect(&e);
    e.scope = res->root;
    if (path && path[0] && !(e.scope = find_node(&e, path, why, why_size))) ok = false;
  }
  if (ok) {
    e.items = rb_arena_calloc(&e.a, e.pre_count ? e.pre_count : 1, sizeof *e.items);
    for (uint32_t i = 0; e.items && i < e.pre_count; i++)
      if (e.pre[i]->is_item && within(e.pre[i], e.scope)) {
        ex_item *it = &e.items[e.item_count++];
        it->node = e.pre[i];
        it->index = i;
        prepare_item(&e, it);
      }
    bool explain_was = vm->explain;
    rb_vm_set_explain(vm, false); /* counterfactual runs need scores only */
    for (uint32_t i = 0; i < e.item_count; i++) full_marks_cf(&e, &e.items[i]);
    fact_deps(&e);
    for (uint32_t i = 0; i < e.item_count; i++) facts_cf(&e, &e.items[i]);
    if (json) write_json(&e);
    else write_text(&e);
    rb_vm_set_explain(vm, explain_was);
  }
  rb_result_free(e.scratch);
  rb_numctx_free(e.cx);
  rb_arena_free(&e.a);
  return ok;
}
