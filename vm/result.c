/*
** result.c — the result of a run: the score tree's storage, findings, and
** the comparison of recomputed scores with self scores.
**
** The VM owns the shape of the tree (it allocates and links rb_node structs
** from r->arena as the rubric opens and closes sections and items); this
** file owns what surrounds it: the result's life cycle, recording findings,
** and the pass that runs after the program has finished —
** rb_result_compare, which turns every disagreement between a self score and
** the recomputed score into a finding and ranks all findings so that the
** points at stake come first.  Writers of the output formats live in
** output/.
*/
#include "vm/result.h"

#include "base/messages.h"
#include "report/report.h"

#include <stdlib.h>
#include <string.h>

const char *const rb_finding_kind_names[RB_FINDING_KIND_COUNT] = {
#define X(name, text) text,
    RB_FINDING_KINDS(X)
#undef X
};

/* ---- Life cycle --------------------------------------------------------- */

/* The fields a run fills, back to "nothing yet".  program and report stay:
** on the batch path one program scores report after report, and the VM sets
** report for each run. */
static void result_reset_fields(rb_result *r) {
  r->root = NULL;
  r->total = rb_num_int(0);
  r->grade = NULL;
  r->has_self_total = false;
  r->self_total = rb_num_int(0);
  r->self_grade = NULL;
  r->has_reconciliation = false;
  r->itemised = r->unexplained = rb_num_int(0);
  r->finding_count = 0;
  r->rank_pending = false;
  r->check_count = 0;
  r->ok = true;
  r->error[0] = '\0';
}

/* An empty result with its own arena and number context; NULL when out of
** memory.  program and report are NULL until the caller sets them. */
rb_result *rb_result_new(void) {
  rb_result *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->self = r;
  rb_arena_init(&r->arena);
  r->nums = rb_numctx_new();
  if (!r->nums) {
    free(r);
    return NULL;
  }
  result_reset_fields(r);
  return r;
}

/* Forget the last run but keep its memory: the arena's blocks, the number
** context and the findings array are reused by the next report. */
void rb_result_clear(rb_result *r) {
  rb_arena_reset(&r->arena);
  rb_numctx_reset(r->nums);
  result_reset_fields(r);
}

void rb_result_free(rb_result *r) {
  if (!r) return;
  free(r->findings);
  free(r->checks);
  rb_numctx_free(r->nums);
  rb_arena_free(&r->arena);
  free(r);
}

/* ---- Checks ------------------------------------------------------------- */

bool rb_result_add_check(rb_result *r, const char *name, bool evaluated, bool passed, const char *message) {
  if (r->check_count == r->check_cap) {
    uint32_t cap = r->check_cap ? r->check_cap * 2 : 8;
    rb_check_result *c = realloc(r->checks, cap * sizeof *c);
    if (!c) return false;
    r->checks = c;
    r->check_cap = cap;
  }
  rb_check_result *c = &r->checks[r->check_count];
  c->name = rb_arena_strdup(&r->arena, name ? name : "");
  c->message = rb_arena_strdup(&r->arena, message ? message : "");
  if (!c->name || !c->message) return false;
  c->evaluated = evaluated;
  c->passed = passed;
  r->check_count++;
  return true;
}

/* ---- Findings ----------------------------------------------------------- */

/* The finding's slot; NULL when out of memory.  The returned pointer is
** valid until the next finding is added (the array may move) or the
** findings are sorted.  It keeps its node for the path (make_path), which
** points at the nodes' names: both live as long as the result's arena. */
static rb_finding *new_finding(rb_result *r, rb_finding_kind kind, const rb_node *node) {
  if ((unsigned)kind >= RB_FINDING_KIND_COUNT) kind = RB_FINDING_OTHER;
  if (r->finding_count == r->finding_cap) {
    uint32_t cap = r->finding_cap ? r->finding_cap * 2 : 16;
    if (cap <= r->finding_cap) return NULL;
    rb_finding *grown = realloc(r->findings, (size_t)cap * sizeof *grown);
    if (!grown) return NULL;
    r->findings = grown;
    r->finding_cap = cap;
  }

  /* The path, from the first section down to the node, is made when the
  ** finding is read (make_path): the batch's CSV row reads none. */
  rb_finding *f = &r->findings[r->finding_count];
  /* Every member, once (a compound literal would clear the whole and then
  ** store the members again). */
  f->kind = kind;
  f->kind_name = rb_finding_kind_names[kind];
  f->path = NULL;
  f->node = node;
  f->depth = node ? node->depth : 0;
  f->message = NULL;
  f->render = NULL;
  f->render_data = NULL;
  f->has_self = f->has_computed = f->has_stake = false;
  f->self = f->computed = f->stake = rb_num_int(0);
  f->order = r->finding_count;
  r->finding_count++;
  return f;
}

/* kind_name NULL means the kind's own name; a rubric's name for an OTHER
** finding is copied into the arena, like the message. */
rb_finding *rb_result_add_finding(rb_result *r, rb_finding_kind kind, const char *kind_name, const rb_node *node,
                                  const char *message) {
  if ((unsigned)kind >= RB_FINDING_KIND_COUNT) kind = RB_FINDING_OTHER;
  const char *name = rb_finding_kind_names[kind];
  if (kind_name && strcmp(kind_name, name) != 0) {
    name = rb_arena_strdup(&r->arena, kind_name);
    if (!name) return NULL;
  }
  char *text = rb_arena_strdup(&r->arena, message ? message : "");
  if (!text) return NULL;
  rb_finding *f = new_finding(r, kind, node);
  if (!f) return NULL;
  f->kind_name = name;
  f->message = text;
  return f;
}

rb_finding *rb_result_add_finding_later(rb_result *r, rb_finding_kind kind, const rb_node *node,
                                        rb_finding_render render, const void *data) {
  rb_finding *f = new_finding(r, kind, node);
  if (!f) return NULL;
  f->render = render;
  f->render_data = data;
  return f;
}

static void rank_findings(rb_result *r);
static inline int num_compare(rb_num a, rb_num b);

/* The message of a finding whose path or text could not be made: memory
** ran out while it was read.  It says so (the catalogue's "out of memory")
** rather than show a finding with its place or its words missing. */
static const char no_memory[] = "内存不足";

/* Make f's path if it is not made yet: its depth names, the root not
** among them, filled from the end while climbing.  Out of memory, the
** finding keeps no path (depth 0) and its message says memory ran out. */
static void make_path(rb_result *w, rb_finding *f) {
  if (f->path || f->depth == 0) return;
  const char **path = rb_arena_alloc(&w->arena, f->depth * sizeof *path);
  if (!path) {
    f->depth = 0;
    f->message = no_memory;
    return;
  }
  const rb_node *n = f->node;
  for (uint32_t k = f->depth; k > 0; n = n->parent) path[--k] = n->name ? n->name : "";
  f->path = path;
}

/* Make f's message and path if they are not made yet. */
static void make_message(rb_result *w, rb_finding *f) {
  make_path(w, f);
  if (f->message) return;
  char buf[1024];
  buf[0] = '\0';
  if (f->render) f->render(w, f, buf, sizeof buf);
  const char *text = rb_arena_strdup(&w->arena, buf);
  f->message = text ? text : no_memory;
}

void rb_result_messages(const rb_result *r, uint32_t from, uint32_t to) {
  rb_result *w = r->self;
  if (w->rank_pending) {
    rank_findings(w);
    w->rank_pending = false;
  }
  if (to > w->finding_count) to = w->finding_count;
  for (uint32_t k = from; k < to; k++) make_message(w, &w->findings[k]);
}

const rb_finding *rb_result_top(const rb_result *r) {
  rb_result *w = r->self;
  if (w->finding_count == 0) return NULL;
  rb_finding *top = &w->findings[0];
  if (w->rank_pending) {
    /* As ranks_before: the largest stake, the first recorded among equal
    ** ones; with no stake anywhere, the first recorded. */
    rb_finding *staked = NULL;
    for (uint32_t k = 0; k < w->finding_count; k++) {
      rb_finding *f = &w->findings[k];
      if (f->has_stake) {
        int c = staked ? num_compare(f->stake, staked->stake) : 1;
        if (c > 0 || (c == 0 && f->order < staked->order)) staked = f;
      } else if (f->order < top->order) {
        top = f;
      }
    }
    if (staked) top = staked;
  }
  make_message(w, top);
  return top;
}

/* ---- Messages about scores ---------------------------------------------- */

size_t rb_format_texts(char *buf, size_t size, const char *fmt, const char *const *args, size_t count) {
  size_t len = 0, next = 0;
  for (const char *p = fmt; *p;) {
    const char *text = p;
    size_t n;
    const char *mark = strchr(p, '%');
    if (mark != p) {
      /* The literal text up to the next conversion, in one piece. */
      n = mark ? (size_t)(mark - p) : strlen(p);
      p += n;
    } else if (p[1] == 's') {
      text = next < count && args[next] ? args[next] : "";
      next++;
      n = strlen(text);
      p += 2;
    } else {
      /* "%%" is one '%'; any other conversion is not one of these
      ** formats', and is copied as it stands. */
      n = 1;
      p += p[1] == '%' ? 2 : 1;
    }
    if (len < size) memcpy(buf + len, text, n < size - len ? n : size - len);
    len += n;
  }
  if (size > 0) buf[len < size ? len : size - 1] = '\0';
  return len;
}

/* ---- Comparison --------------------------------------------------------- */

/* Whether any node strictly below n carries a self score. */
static bool self_below(const rb_node *n) {
  for (const rb_node *c = n->first_child; c; c = c->next)
    if (c->has_self || self_below(c)) return true;
  return false;
}

/* A score for a message: the rubric's places, or more digits when the value
** has them (a self score of 3.645 must not read as 3.65), with a sign when
** `sign` is set ("+0.01", "-1.50", "0.00").  buf holds the text. */
static void message_number(rb_num a, int places, bool sign, char *buf, size_t size) {
  size_t at = 0;
  if (sign && rb_num_sign(a) > 0 && size > 1) buf[at++] = '+';
  /* A value kept as a decimal has exactly its scale's places (num.h). */
  int scale = rb_num_dec_scale(a.d);
  if (scale >= 0 ? scale <= places : rb_num_is_decimal(a, places))
    rb_num_format_fixed(a, places, buf + at, size - at);
  else
    rb_num_format_sig(a, places > 6 ? places : 6, buf + at, size - at);
}

/* The places scores are shown with. */
static int shown_places(const rb_result *r) {
  if (!r->program) return 2;
  return r->program->rounding.places < 0 ? 0 : r->program->rounding.places;
}

/* A computed score as the rubric shows it: rounded to its places by its
** mode (a renormalised 77.7833… reads 77.78, never 77.783333). */
static rb_num shown_score(const rb_result *r, rb_num v) {
  rb_num out = v;
  int scale = rb_num_dec_scale(v.d);
  if (scale >= 0 && scale <= shown_places(r)) return v; /* nothing to round, whatever the mode */
  if (r->program && !rb_num_round(r->nums, v, shown_places(r), (rb_round_mode)r->program->rounding.mode, &out))
    out = v;
  return out;
}

/* "自评 S 分，复核 C 分，相差 ±D 分", from the finding's numbers: the self
** score as published, the recomputed one as shown, and their difference. */
static void render_mismatch(rb_result *r, const rb_finding *f, char *buf, size_t size) {
  int places = shown_places(r);
  rb_num delta, computed = shown_score(r, f->computed);
  char self_text[96], score_text[96], delta_text[96];
  if (!rb_num_sub_aligned(r->nums, computed, f->self, &delta)) delta = rb_num_int(0);
  message_number(f->self, places, false, self_text, sizeof self_text);
  message_number(computed, places, false, score_text, sizeof score_text);
  message_number(delta, places, true, delta_text, sizeof delta_text);
  const char *args[] = {self_text, score_text, delta_text};
  rb_format_texts(buf, size, rb_from_zh((rb_lang)r->lang, "自评 %s 分，复核 %s 分，相差 %s 分"), args, 3);
}

/* ---- The comparison's arithmetic ----------------------------------------
**
** The pass takes a few differences and sums for every node of every report,
** nearly all of decimals of two places or fewer.  A decimal difference is
** kept as a coefficient and a scale (c / 10^s) without stripping its
** trailing zeros, which only a value that is kept needs (num.c keeps 3.5 −
** 2.5 as 1, not 10/10); anything else — a fraction (a share of 40/3), an
** overflow, a big value — goes to num.c. */

typedef struct dec {
  int64_t c;
  int s;
} dec;

/* a − b as a decimal, when both are decimals and it fits in int64. */
static inline bool dec_diff(rb_num a, rb_num b, dec *out) {
  int sa = rb_num_dec_scale(a.d), sb = rb_num_dec_scale(b.d);
  if (sa < 0 || sb < 0) return false;
  int64_t x = a.n, y = b.n;
  if (sa < sb && __builtin_mul_overflow(x, rb_num_pow10[sb - sa], &x)) return false;
  if (sb < sa && __builtin_mul_overflow(y, rb_num_pow10[sa - sb], &y)) return false;
  out->s = sa < sb ? sb : sa;
  return !__builtin_sub_overflow(x, y, &out->c);
}

/* *acc += v, when it fits. */
static inline bool dec_add(dec *acc, dec v) {
  int64_t x = acc->c, y = v.c;
  if (acc->s < v.s && __builtin_mul_overflow(x, rb_num_pow10[v.s - acc->s], &x)) return false;
  if (v.s < acc->s && __builtin_mul_overflow(y, rb_num_pow10[acc->s - v.s], &y)) return false;
  if (__builtin_add_overflow(x, y, &x)) return false;
  acc->c = x;
  if (acc->s < v.s) acc->s = v.s;
  return true;
}

/* The value of a decimal, in num.c's form: the fewest places. */
static rb_num dec_value(dec v) {
  if (v.c == 0) return rb_num_int(0);
  while (v.s > 0 && v.c % 10 == 0) {
    v.c /= 10;
    v.s--;
  }
  return (rb_num){v.c, rb_num_pow10[v.s]};
}

/* |a|: a small value's magnitude in place (its denominator is positive),
** the most negative numerator and a big value by num.c. */
static bool num_magnitude(rb_numctx *cx, rb_num a, rb_num *out) {
  if (!rb_num_is_big(a) && a.n != INT64_MIN) {
    out->n = a.n < 0 ? -a.n : a.n;
    out->d = a.d;
    return true;
  }
  return rb_num_abs(cx, a, out);
}

/* a compared with b (negative, zero, positive), two decimals of different
** places aligned here (a self score of 7.5 against a weight of 8). */
static inline int num_compare(rb_num a, rb_num b) {
  if (a.d == b.d && a.d > 0) return (a.n > b.n) - (a.n < b.n);
  dec d;
  if (dec_diff(a, b, &d)) return (d.c > 0) - (d.c < 0);
  return rb_num_cmp(a, b);
}

/* A difference a − b: a decimal when it is one, else a value from num.c. */
typedef struct diff {
  bool decimal;
  dec d;
  rb_num v;
} diff;

static inline bool take_diff(rb_numctx *cx, rb_num a, rb_num b, diff *out) {
  out->decimal = dec_diff(a, b, &out->d);
  return out->decimal || rb_num_sub(cx, a, b, &out->v);
}

static inline bool diff_is_zero(const diff *d) { return d->decimal ? d->d.c == 0 : rb_num_is_zero(d->v); }
static inline rb_num diff_value(const diff *d) { return d->decimal ? dec_value(d->d) : d->v; }

/* Compare one node whose difference score − self is delta, not zero: a
** finding — score_mismatch beyond the tolerance, rounding_only within it.
** Returns false only when out of memory. */
static bool compare_node(rb_result *r, const rb_node *n, const diff *delta, rb_num tolerance) {
  rb_num stake;
  if (!num_magnitude(r->nums, diff_value(delta), &stake)) return false;
  rb_finding_kind kind = num_compare(stake, tolerance) > 0 ? RB_FINDING_SCORE_MISMATCH : RB_FINDING_ROUNDING_ONLY;
  rb_finding *f = rb_result_add_finding_later(r, kind, n, render_mismatch, NULL);
  if (!f) return false;
  f->has_self = f->has_computed = f->has_stake = true;
  f->self = n->self;
  f->computed = n->score;
  f->stake = stake;
  return true;
}

/* The limit a self score passed (check_self_scores): the row's published
** 分值 when the self score is above it, else the node's weight. */
static inline rb_num self_limit(const rb_node *n, bool *over_table, bool *published) {
  const rb_opt_num *row = n->row ? &n->row->weight : NULL;
  *published = row != NULL;
  *over_table = row && row->has && num_compare(n->self, row->v) > 0;
  return *over_table ? row->v : n->weight;
}

/* "自评分 S 超过该项分值 W", or for a generated item held to its row's 分值
** "自评分 S 超过本规则分配的分值 W（…）": the node is the render data. */
static void render_self_over(rb_result *r, const rb_finding *f, char *buf, size_t size) {
  const rb_node *n = f->render_data;
  int places = shown_places(r);
  bool over_table, published;
  rb_num limit = self_limit(n, &over_table, &published);
  char a[96], b[96];
  message_number(n->self, places, false, a, sizeof a);
  message_number(shown_score(r, limit), places, false, b, sizeof b);
  rb_lang lang = (rb_lang)r->lang;
  const char *args[] = {a, b};
  if (published && !over_table && n->row->weight.has)
    rb_format_texts(buf, size, rb_from_zh(lang, "自评分 %s 超过本规则分配的分值 %s（表中该行分值不同）"), args, 2);
  else if (published && !over_table)
    rb_format_texts(buf, size, rb_from_zh(lang, "自评分 %s 超过本规则分配的分值 %s（表中未列该行分值）"), args, 2);
  else
    rb_format_texts(buf, size, rb_from_zh(lang, "自评分 %s 超过该项分值 %s"), args, 2);
}

/* "各分项自评分合计 S，与所报自评分 T 不符": the node is the render data;
** its children all have self scores (check_self_scores). */
static void render_self_sum(rb_result *r, const rb_finding *f, char *buf, size_t size) {
  const rb_node *n = f->render_data;
  int places = shown_places(r);
  rb_num sum = rb_num_int(0);
  for (const rb_node *c = n->first_child; c; c = c->next)
    if (!rb_num_add_aligned(r->nums, sum, c->self, &sum)) break;
  char a[96], b[96];
  message_number(sum, places, false, a, sizeof a);
  message_number(n->self, places, false, b, sizeof b);
  const char *args[] = {a, b};
  rb_format_texts(buf, size, rb_from_zh((rb_lang)r->lang, "各分项自评分合计 %s，与所报自评分 %s 不符"), args, 2);
}

/* The self scores themselves: one above its node's weight, and a section's
** self score that is not the sum of its parts' self scores, are errors in
** the published table whatever the rubric computes.  A generated item is
** held to its row's published 分值: when the rubric's split gave it another
** share (or the row states none), a self score above that share says more
** about the rule than about the table, and is for review.  The messages
** are made only when read (render_self_over, render_self_sum). */
static bool check_self_scores(rb_result *r, const rb_node *n) {
  if (!n->has_self) return true; /* nothing to check */
  bool over_table, published;
  rb_num limit = self_limit(n, &over_table, &published);
  bool over_weight = num_compare(n->self, n->weight) > 0;
  if (published ? over_table || over_weight : over_weight) {
    rb_finding *f = rb_result_add_finding_later(
        r, published && !over_table ? RB_FINDING_REVIEW : RB_FINDING_DATA_ERROR, n, render_self_over, n);
    if (!f) return false;
    f->has_self = f->has_stake = true;
    f->self = n->self;
    rb_num_sub_aligned(r->nums, n->self, limit, &f->stake);
  }
  if (n->is_item || !n->first_child) return true;
  rb_num sum = rb_num_int(0);
  dec acc = {0, 0}; /* the decimal self scores, summed in int64 while they fit */
  for (const rb_node *c = n->first_child; c; c = c->next) {
    if (!c->has_self || c->not_applicable) return true;
    int scale = rb_num_dec_scale(c->self.d);
    if (scale >= 0 && dec_add(&acc, (dec){c->self.n, scale})) continue;
    if (!rb_num_add_aligned(r->nums, sum, c->self, &sum)) return false;
  }
  if (!rb_num_add_aligned(r->nums, sum, dec_value(acc), &sum)) return false;
  if (num_compare(sum, n->self) == 0) return true;
  rb_finding *f = rb_result_add_finding_later(r, RB_FINDING_DATA_ERROR, n, render_self_sum, n);
  if (!f) return false;
  rb_num d;
  rb_num_sub_aligned(r->nums, sum, n->self, &d);
  f->has_self = f->has_stake = true;
  f->self = n->self;
  rb_num_abs(r->nums, d, &f->stake);
  return true;
}

/* The comparison's one walk of the tree, in the order findings are
** recorded (a node, then its children).
**
** Which nodes are compared: the root (total against self total), every item,
** and a section only when nothing below it has a self score — otherwise the
** children's findings already explain the section's difference, and
** repeating it would count the same points twice in the ranking.
**
** On the same walk, what the items' own differences make of the total's
** difference (rb_result.itemised): each item against its self score, or
** against full marks when it has none; a section that has a self score of
** its own and none below it, as a whole — the nodes compared, so a compared
** node's difference is taken once for both.  A node counts when the walk
** reaches it `itemising`: the root's children, and the children of a
** scored section that neither counts as a whole nor did not apply.  na is
** set when a node so reached did not apply (the total is then
** renormalised, which no item shows).  Exact sums do not depend on their
** order, so the sum is the one a walk of its own would make. */
typedef struct compare_walk {
  rb_result *r;
  rb_num tolerance;
  bool reconciling; /* whether the total is taken apart (reconcile) */
  bool sum_ok;      /* false once a sum failed (out of memory) */
  bool na;
  dec acc;          /* the itemised sum: the decimal differences … */
  rb_num rest;      /* … and the others, with any that overflowed acc */
} compare_walk;

/* Add one node's difference to the itemised sum. */
static void itemise_diff(compare_walk *w, const diff *d) {
  rb_numctx *cx = w->r->nums;
  if (d->decimal && dec_add(&w->acc, d->d)) return;
  if (d->decimal) {
    /* acc is full: into rest with it, and start again. */
    if (!rb_num_add(cx, w->rest, dec_value(w->acc), &w->rest)) w->sum_ok = false;
    w->acc = d->d;
    return;
  }
  if (!rb_num_add(cx, w->rest, d->v, &w->rest)) w->sum_ok = false;
}

/* One node's part of the walk: its own difference, compared and or
** itemised, and its self score's checks.  *children says whether its
** children are reached itemising.  False only when out of memory. */
static inline __attribute__((always_inline)) bool compare_one(compare_walk *w, const rb_node *n, bool itemising,
                                                              bool *children) {
  rb_result *r = w->r;
  bool counted = false;  /* n counts in the itemised sum */
  bool compared = false; /* n's difference with its self score is a finding's */
  *children = !n->parent; /* the root's children are always reached itemising */
  if (itemising && w->reconciling) {
    if (n->not_applicable) w->na = true;
    else if (n->has_score) counted = true;
  }
  if (!n->parent) {
    compared = n->has_self && n->has_score; /* the root is never counted */
  } else if (n->has_score && (n->has_self || counted)) {
    /* self_below walks the subtree: asked only of a section with a self score. */
    bool whole = n->is_item || (n->has_self && !self_below(n));
    compared = n->has_self && whole;
    if (counted && !whole) {
      counted = false;
      *children = true;
    }
  }
  if (compared || counted) {
    diff delta;
    if (!take_diff(r->nums, n->score, n->has_self ? n->self : n->weight, &delta)) {
      if (compared) return false;
      w->sum_ok = false;
    } else {
      if (counted && w->sum_ok) itemise_diff(w, &delta);
      if (compared && !diff_is_zero(&delta) && !compare_node(r, n, &delta, w->tolerance)) return false;
    }
  }
  return !n->has_self || check_self_scores(r, n);
}

/* The walk from n down; a node without children (most are items) is
** done in its parent's loop.  False only when out of memory, having
** recorded the findings so far. */
static bool compare_tree(compare_walk *w, const rb_node *n, bool itemising) {
  bool below;
  if (!compare_one(w, n, itemising, &below)) return false;
  for (const rb_node *c = n->first_child; c; c = c->next) {
    if (c->first_child) {
      if (!compare_tree(w, c, below)) return false;
    } else {
      bool unused;
      if (!compare_one(w, c, below, &unused)) return false;
    }
  }
  return true;
}

/* The itemised sum on its own, as compare_tree takes it (for a walk that
** ended early, out of memory).  Adds into *sum; false when out of memory. */
static bool itemise(rb_result *r, const rb_node *n, rb_num *sum, bool *na) {
  for (const rb_node *c = n->first_child; c; c = c->next) {
    if (c->not_applicable) {
      *na = true;
      continue;
    }
    if (!c->has_score) continue;
    rb_num d;
    if (c->is_item || (c->has_self && !self_below(c))) {
      if (!rb_num_sub_aligned(r->nums, c->score, c->has_self ? c->self : c->weight, &d) ||
          !rb_num_add_aligned(r->nums, *sum, d, sum))
        return false;
    } else if (!itemise(r, c, sum, na)) {
      return false;
    }
  }
  return true;
}

/* "自评总分 98.77 分与复核总分 94.74 分相差 -4.03 分：…" from the result's
** reconciliation. */
static void render_unexplained(rb_result *r, const rb_finding *f, char *buf, size_t size) {
  int places = shown_places(r);
  rb_num delta, implied;
  char self_text[96], total_text[96], delta_text[96], itemised_text[96], rest_text[96], implied_text[96];
  rb_num_sub_aligned(r->nums, r->total, r->self_total, &delta);
  rb_num_sub_aligned(r->nums, r->total, r->itemised, &implied);
  message_number(r->self_total, places, false, self_text, sizeof self_text);
  message_number(shown_score(r, r->total), places, false, total_text, sizeof total_text);
  message_number(shown_score(r, delta), places, true, delta_text, sizeof delta_text);
  message_number(shown_score(r, r->itemised), places, true, itemised_text, sizeof itemised_text);
  message_number(shown_score(r, r->unexplained), places, true, rest_text, sizeof rest_text);
  message_number(shown_score(r, implied), places, false, implied_text, sizeof implied_text);
  rb_lang lang = (rb_lang)r->lang;
  const char *args[] = {self_text, total_text, delta_text, itemised_text, rest_text, implied_text, self_text};
  size_t len = rb_format_texts(
      buf, size,
      rb_from_zh(lang, "自评总分 %s 分与复核总分 %s 分相差 %s 分，其中逐项差异合计 %s 分，其余 %s 分无法由逐项差异说明："
                       "按各项自评分（未列自评分的项按满分计）合计应为 %s 分，而报告的自评总分为 %s 分"),
      args, 7);
  /* What the published table counted that no item of the rubric did. */
  rb_num unscored = rb_num_int(0);
  bool any = false;
  for (uint32_t i = 0; i < r->finding_count; i++)
    if (r->findings[i].kind == RB_FINDING_UNSCORED && r->findings[i].has_stake) {
      any = true;
      rb_num_add_aligned(r->nums, unscored, r->findings[i].stake, &unscored);
    }
  if (any && len < size) {
    char unscored_text[96];
    message_number(unscored, places, false, unscored_text, sizeof unscored_text);
    const char *more[] = {unscored_text};
    len += rb_format_texts(buf + len, size - len, rb_from_zh(lang, "；未被本规则计分的指标行在表中共 %s 分"), more, 1);
  }
  if (f->render_data && len < size)
    rb_format_texts(buf + len, size - len, "%s", (const char *const[]){rb_from_zh(lang, "；部分项目不适用，总分按百分制折算")}, 1);
}

/* Take the total's difference apart (rb_result.itemised, .unexplained)
** from the itemised sum, and say so when the items do not account for all
** of it. */
static bool reconcile(rb_result *r, rb_num sum, bool na) {
  rb_num delta, rest, stake;
  if (!rb_num_sub_aligned(r->nums, r->total, r->self_total, &delta) || !rb_num_sub_aligned(r->nums, delta, sum, &rest) ||
      !num_magnitude(r->nums, rest, &stake))
    return false;
  r->has_reconciliation = true;
  r->itemised = sum;
  r->unexplained = rest;
  if (rb_num_is_zero(rest)) return true;
  /* render_data is only a flag here: whether something did not apply. */
  rb_finding *f = rb_result_add_finding_later(r, RB_FINDING_UNEXPLAINED, NULL, render_unexplained, na ? r : NULL);
  if (!f) return false;
  f->has_stake = true;
  f->stake = stake;
  return true;
}

/* Ranking: findings with points at stake first, the largest stake first;
** then those without; ties in the order of recording. */
static bool ranks_before(const rb_finding *a, const rb_finding *b) {
  if (a->has_stake != b->has_stake) return a->has_stake;
  if (a->has_stake) {
    int c = num_compare(b->stake, a->stake);
    if (c) return c < 0;
  }
  return a->order < b->order;
}

/* Sort the n pointers at v by rank: insertion sort for a few, otherwise
** merge sort with the n pointers of scratch.  The order of recording breaks
** every tie, so the ranking is one whatever the algorithm. */
static void rank_sort(const rb_finding **v, const rb_finding **scratch, uint32_t n) {
  if (n <= 12) {
    for (uint32_t i = 1; i < n; i++) {
      const rb_finding *x = v[i];
      uint32_t j = i;
      for (; j > 0 && ranks_before(x, v[j - 1]); j--) v[j] = v[j - 1];
      v[j] = x;
    }
    return;
  }
  uint32_t half = n / 2;
  rank_sort(v, scratch, half);
  rank_sort(v + half, scratch, n - half);
  if (!ranks_before(v[half], v[half - 1])) return; /* already in order */
  memcpy(scratch, v, half * sizeof *v);
  uint32_t i = 0, j = half, k = 0;
  while (i < half && j < n) v[k++] = ranks_before(v[j], scratch[i]) ? v[j++] : scratch[i++];
  while (i < half) v[k++] = scratch[i++];
}

/* Ranking by keys: when every stake is a decimal, each stake scaled to the
** largest number of places among them is an int64 that compares as the
** stake does, and the findings are ranked by sorting (key, index) pairs —
** stable, largest key first, so that equal stakes keep the order of
** recording — instead of comparing rationals. */
typedef struct rank_key {
  int64_t key;
  uint32_t at; /* the finding's index */
} rank_key;

/* Sort k[0..n) by key, largest first, equal keys in their order: insertion
** for a few, otherwise merge sort with the n entries of scratch. */
static void sort_keys(rank_key *k, rank_key *scratch, uint32_t n) {
  if (n <= 16) {
    for (uint32_t i = 1; i < n; i++) {
      rank_key x = k[i];
      uint32_t j = i;
      for (; j > 0 && k[j - 1].key < x.key; j--) k[j] = k[j - 1];
      k[j] = x;
    }
    return;
  }
  uint32_t half = n / 2;
  sort_keys(k, scratch, half);
  sort_keys(k + half, scratch, n - half);
  if (k[half - 1].key >= k[half].key) return; /* already in order */
  memcpy(scratch, k, half * sizeof *k);
  uint32_t i = 0, j = half, at = 0;
  while (i < half && j < n) k[at++] = k[j].key > scratch[i].key ? k[j++] : scratch[i++];
  while (i < half) k[at++] = scratch[i++];
}

/* Rank findings recorded in order by their stakes' keys.  False when a
** stake is not a decimal, a key would overflow, or memory runs out: the
** findings are then as they were, for rank_findings' general way. */
static bool rank_by_keys(rb_result *r) {
  uint32_t n = r->finding_count, staked = 0;
  int places = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (!r->findings[i].has_stake) continue;
    int s = rb_num_dec_scale(r->findings[i].stake.d);
    if (s < 0) return false;
    if (s > places) places = s;
    staked++;
  }
  if (staked == 0) return true; /* nothing moves */
  rank_key *k = rb_arena_alloc(&r->arena, 2 * (size_t)staked * sizeof *k);
  if (!k) return false;
  uint32_t at = 0;
  for (uint32_t i = 0; i < n; i++) {
    const rb_finding *f = &r->findings[i];
    if (!f->has_stake) continue;
    int64_t key = f->stake.n;
    int s = rb_num_dec_scale(f->stake.d);
    if (s < places && __builtin_mul_overflow(key, rb_num_pow10[places - s], &key)) return false;
    k[at++] = (rank_key){key, i};
  }
  sort_keys(k, k + staked, staked);
  /* The ranked order: the staked findings by key, then the others in the
  ** order of recording.  Moved only when it is not the order they are in. */
  bool moved = false;
  for (uint32_t i = 0; i < staked && !moved; i++) moved = k[i].at != i;
  if (!moved) return true; /* the staked ones lead already, in order */
  rb_finding *copy = rb_arena_alloc(&r->arena, (size_t)n * sizeof *copy);
  if (!copy) return false;
  for (uint32_t i = 0; i < staked; i++) copy[i] = r->findings[k[i].at];
  at = staked;
  for (uint32_t i = 0; i < n; i++)
    if (!r->findings[i].has_stake) copy[at++] = r->findings[i];
  memcpy(r->findings, copy, (size_t)n * sizeof *copy);
  return true;
}

/* Rank the findings: by keys when every stake is a decimal (rank_by_keys);
** otherwise those with points at stake are picked out and their pointers
** sorted, those without keeping the order of recording after them
** (ranks_before puts them there in that order), and then the findings are
** put in their places once (a finding is many times the size of a
** pointer).  The scratch is the result's arena; without memory for it the
** findings are sorted where they are, by insertion. */
static void rank_findings(rb_result *r) {
  uint32_t n = r->finding_count;
  if (n < 2) return;
  /* Findings are recorded in order; should they not be, all are sorted. */
  bool recorded_order = true;
  for (uint32_t i = 1; i < n && recorded_order; i++) recorded_order = r->findings[i - 1].order < r->findings[i].order;
  if (recorded_order && rank_by_keys(r)) return;
  const rb_finding **v = rb_arena_alloc(&r->arena, 2 * (size_t)n * sizeof *v);
  rb_finding *copy = v ? rb_arena_alloc(&r->arena, (size_t)n * sizeof *copy) : NULL;
  if (!copy) {
    for (uint32_t i = 1; i < n; i++) {
      rb_finding x = r->findings[i];
      uint32_t j = i;
      for (; j > 0 && ranks_before(&x, &r->findings[j - 1]); j--) r->findings[j] = r->findings[j - 1];
      r->findings[j] = x;
    }
    return;
  }
  uint32_t staked = 0, rest = n;
  for (uint32_t i = n; i-- > 0;) /* from the back, so that the rest stay in order */
    if (!r->findings[i].has_stake) v[--rest] = &r->findings[i];
  for (uint32_t i = 0; i < n; i++)
    if (r->findings[i].has_stake) v[staked++] = &r->findings[i];
  if (!recorded_order) rank_sort(v, v + n, n);
  else if (staked == 0) return; /* nothing moves */
  else rank_sort(v, v + n, staked);
  for (uint32_t i = 0; i < n; i++) copy[i] = *v[i];
  memcpy(r->findings, copy, (size_t)n * sizeof *copy);
}

/* Out of memory while comparing leaves the findings recorded so far and
** still ranks them; the run's scores are unaffected. */
void rb_result_compare(rb_result *r, rb_num tolerance) {
  compare_walk w = {.r = r, .tolerance = tolerance, .sum_ok = true, .acc = {0, 0}, .rest = rb_num_int(0)};
  w.reconciling = r->root && r->has_self_total && r->root->has_score;
  bool walked = !r->root || compare_tree(&w, r->root, false);
  if (w.reconciling) {
    rb_num sum = rb_num_int(0);
    bool na = w.na;
    if (!walked) {
      /* The walk ended early: the sum on its own. */
      na = false;
      w.sum_ok = itemise(r, r->root, &sum, &na);
    } else if (w.sum_ok && !rb_num_add_aligned(r->nums, w.rest, dec_value(w.acc), &sum)) {
      w.sum_ok = false;
    }
    if (w.sum_ok) reconcile(r, sum, na);
  }
  r->rank_pending = true; /* ranked when read: rb_result_messages */
}

bool rb_result_delta(const rb_result *r, rb_num *out) {
  if (!r->has_self_total) return false;
  return rb_num_sub_aligned(r->nums, r->total, r->self_total, out);
}
