/*
** report_events.c — read a report in format v1 straight from yajl's events.
**
** The tree reader (json_tree.c, then report_json.c's walk) builds a tree of
** the whole report and walks it member by member, in the order the format
** lists them, so that the first fault it meets is the one a message names.
** For a report that has no fault, which is nearly every report, that order
** does not matter: this reader listens to yajl's callbacks and puts each
** value where it belongs as it comes, with no tree and no second pass.
**
** It reads what report_json.c reads, by the same rules (the same number
** reader, the same blank test, the same notation reader), with what depends
** on another member settled when the report's object closes (members may
** come in any order): amounts are scaled once money_unit is known, and
** targets, actuals and text facts read as notation before the year came
** are read again with it.  The input is copied once into the report's
** arena; each string the report keeps is ended there by a NUL written over
** its closing quote, which yajl has already passed, so no string is copied
** on its own.
**
** It never writes a message.  At anything report_json.c would complain
** about or note — a syntax error, a type, a blank name, a member the format
** does not define, a member given twice, text holding "\u0000", a lone
** surrogate — and at anything rare it does not read itself ("imported",
** an indicator's "source", nesting past a few levels), it stops and says
** so; report_json.c then forgets what it filled in and reads the text by
** the tree, whose walk writes every message and note exactly as before.
** So there is one definition of each message, and the price of a fault is
** one more parse of a report that fails.
*/
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "base/money.h"
#include "report/json_tree.h"
#include "report/report.h"
#include "report/report_private.h"

/* Containers open at once, skipped ones included, before the tree reader
** takes over: a report needs five ($.self_scores[i].path), the tree allows
** RB_JSON_MAX_DEPTH. */
#define EVENTS_MAX_DEPTH 16
/* Facts compared for names given twice, one by one; a report with more is
** left to the tree reader, which sorts them. */
#define EVENTS_MAX_FACTS 256

/* The objects and arrays the format defines, by where they stand. */
typedef enum frame_kind {
  FR_ROOT,
  FR_BUDGET,
  FR_LINES,
  FR_LINE,
  FR_FACTS,
  FR_INDICATORS,
  FR_INDICATOR,
  FR_SELF_SCORES,
  FR_SELF_SCORE,
  FR_PATH
} frame_kind;

/* The members of each object, as bits of frame.seen and values of
** frame.member. */
enum { M_SKIP = -1 }; /* a publisher's own member ("x-…", top-level "extra"): not read */
enum {
  R_ID,
  R_YEAR,
  R_UNIT,
  R_TITLE,
  R_KIND,
  R_MONEY_UNIT,
  R_BUDGET,
  R_FACTS,
  R_INDICATORS,
  R_SELF_TOTAL,
  R_SELF_GRADE,
  R_SELF_SCORES,
  R_IMPORTED,
  R_COUNT
};
enum { B_PLANNED, B_ADJUSTED, B_ALLOCATED, B_SPENT, B_LINES, B_COUNT };
enum { L_NAME, L_PLANNED, L_ALLOCATED, L_SPENT, L_COUNT };
enum { I_LEVEL1, I_LEVEL2, I_NAME, I_TARGET, I_ACTUAL, I_WEIGHT, I_SELF_SCORE, I_NOTE, I_SOURCE, I_COUNT };
enum { S_PATH, S_SCORE, S_COUNT };

/* Which member of each object the name s[0..n) (NUL-terminated) is, or
** M_SKIP for a name the format does not define there. */
#define KEY(word, member) \
  if (n == sizeof word - 1 && memcmp(s, word, sizeof word - 1) == 0) return member
static int root_member(const char *s, size_t n) {
  switch (s[0]) {
  case 'i': KEY("id", R_ID); KEY("indicators", R_INDICATORS); KEY("imported", R_IMPORTED); break;
  case 'y': KEY("year", R_YEAR); break;
  case 'u': KEY("unit", R_UNIT); break;
  case 't': KEY("title", R_TITLE); break;
  case 'k': KEY("kind", R_KIND); break;
  case 'm': KEY("money_unit", R_MONEY_UNIT); break;
  case 'b': KEY("budget", R_BUDGET); break;
  case 'f': KEY("facts", R_FACTS); break;
  case 's': KEY("self_total", R_SELF_TOTAL); KEY("self_grade", R_SELF_GRADE); KEY("self_scores", R_SELF_SCORES); break;
  default: break;
  }
  return M_SKIP;
}

static int budget_member(const char *s, size_t n) {
  switch (s[0]) {
  case 'p': KEY("planned", B_PLANNED); break;
  case 'a': KEY("adjusted", B_ADJUSTED); KEY("allocated", B_ALLOCATED); break;
  case 's': KEY("spent", B_SPENT); break;
  case 'l': KEY("lines", B_LINES); break;
  default: break;
  }
  return M_SKIP;
}

static int line_member(const char *s, size_t n) {
  switch (s[0]) {
  case 'n': KEY("name", L_NAME); break;
  case 'p': KEY("planned", L_PLANNED); break;
  case 'a': KEY("allocated", L_ALLOCATED); break;
  case 's': KEY("spent", L_SPENT); break;
  default: break;
  }
  return M_SKIP;
}

static int indicator_member(const char *s, size_t n) {
  switch (s[0]) {
  case 'l': KEY("level1", I_LEVEL1); KEY("level2", I_LEVEL2); break;
  case 'n': KEY("name", I_NAME); KEY("note", I_NOTE); break;
  case 't': KEY("target", I_TARGET); break;
  case 'a': KEY("actual", I_ACTUAL); break;
  case 'w': KEY("weight", I_WEIGHT); break;
  case 's': KEY("self_score", I_SELF_SCORE); KEY("source", I_SOURCE); break;
  default: break;
  }
  return M_SKIP;
}

static int self_score_member(const char *s, size_t n) {
  KEY("path", S_PATH);
  KEY("score", S_SCORE);
  return M_SKIP;
}
#undef KEY

typedef struct frame {
  frame_kind kind;
  uint32_t seen; /* an object: its members given so far */
  int member;    /* an object: the member whose value comes next, or M_SKIP */
} frame;

/* A table growing in the arena, doubling: its last block is the table the
** report keeps. */
typedef struct table {
  void *items;
  size_t count, cap;
} table;

/* A fact's name, for names given twice (a null fact's too). */
typedef struct fact_key {
  const char *key;
  size_t len;
} fact_key;

typedef struct events {
  rb_report *r;
  yajl_handle yajl;
  const char *text; /* what yajl reads: copy, until the report is read */
  char *copy;       /* the input, copied into the arena: strings are ended in place */
  size_t len;
  bool finishing; /* inside yajl_complete_parse: yajl's offsets are not into text */
  size_t depth;   /* frames in use */
  frame frames[EVENTS_MAX_DEPTH];
  size_t skip; /* inside a skipped container: how deep */
  bool root_done;
  size_t root_end;
  bool have_id;
  int scale10; /* money_unit's power of ten */
  table lines, facts, fact_keys, indicators, self_scores, path;
  const char *fact_name; /* the fact whose value comes next */
  bool have_score;       /* the current self score has its score */
  bool year_read;        /* the year member is read (or there is none) */
  bool measured_early;   /* a measure was read before it */
} events;

/* ---- Memory ------------------------------------------------------------ */

/* yajl's memory comes from the report's arena (rb_json_arena_funcs). */

/* Start table t with room for `first` items, so that an empty table, as
** the tree reader makes it, is not NULL. */
static bool table_start(events *ev, table *t, size_t first, size_t size) {
  t->items = rb_arena_alloc(&ev->r->arena, first * size);
  t->count = 0;
  t->cap = first;
  return t->items != NULL;
}

/* A new zeroed item at the end of table t, or NULL when out of memory.
** Earlier items may move. */
static void *table_add(events *ev, table *t, size_t size) {
  if (t->count == t->cap) {
    size_t cap = t->cap ? t->cap * 2 : 8;
    void *bigger = rb_arena_alloc(&ev->r->arena, cap * size);
    if (!bigger) return NULL;
    if (t->count) memcpy(bigger, t->items, t->count * size);
    t->items = bigger;
    t->cap = cap;
  }
  void *item = (char *)t->items + t->count++ * size;
  memset(item, 0, size);
  return item;
}

/* The last item of table t. */
static void *table_last(const table *t, size_t size) { return (char *)t->items + (t->count - 1) * size; }

/* ---- Values ------------------------------------------------------------ */

/* A scalar as a callback hands it over: its kind, and for a string or a
** number its text.  A string is decoded and NUL-terminated in the reader's
** copy of the input or in the arena (has_nul: it holds "\u0000" as well); a
** number is not terminated (the byte after it is still to be lexed). */
typedef struct scalar {
  rb_json_kind kind;
  const char *s;
  size_t n;
  bool has_nul;
} scalar;

/* Text as report_json.c's read_text takes it: absent (null) leaves *out,
** a required member must be given and not blank; anything but text, or text
** holding a NUL, is not for this reader. */
static bool take_text(const scalar *v, bool required, const char **out) {
  if (v->kind == RB_JSON_NULL) return !required;
  if (v->kind != RB_JSON_STRING || v->has_nul) return false;
  if (required && rb_report_is_blank(v->s, v->n)) return false;
  *out = v->s;
  return true;
}

/* A number as read_number_value reads it: a JSON number from its literal,
** text that is a number ("1,655,200.00") loosely. */
static bool take_number(events *ev, const scalar *v, rb_num *out) {
  if (v->kind != RB_JSON_NUMBER && v->kind != RB_JSON_STRING) return false;
  return rb_report_parse_number(ev->r->nums, v->s, v->n, v->kind == RB_JSON_STRING, out) == RB_NUMTEXT_OK;
}

/* An optional number, as read_opt_number reads it but not scaled (amounts
** are scaled when money_unit is known). */
static bool take_opt_number(events *ev, const scalar *v, bool nonnegative, rb_opt_num *out) {
  if (v->kind == RB_JSON_NULL) return true;
  rb_num n;
  if (!take_number(ev, v, &n) || (nonnegative && rb_num_sign(n) < 0)) return false;
  out->has = true;
  out->v = n;
  return true;
}

/* Read text as notation into *m, with the year as known so far: if the
** year comes later, finish_report reads every measure again. */
static bool read_measure(events *ev, const char *text, size_t len, rb_measure *m) {
  if (!ev->year_read) ev->measured_early = true;
  return rb_report_read_measure(ev->r, text, len, m);
}

/* A target or an actual, as read_optional_measure reads it. */
static bool take_measure(events *ev, const scalar *v, const char **text, rb_measure *m) {
  if (v->kind == RB_JSON_NULL || (v->kind == RB_JSON_STRING && rb_report_is_blank(v->s, v->n))) {
    *text = NULL;
    return true; /* m stays rb_report_no_measure's */
  }
  if (v->kind == RB_JSON_NUMBER) {
    rb_num check; /* refuses numbers out of range */
    if (rb_report_parse_number(ev->r->nums, v->s, v->n, false, &check) != RB_NUMTEXT_OK) return false;
    if (!(*text = rb_arena_strndup(&ev->r->arena, v->s, v->n))) return false;
  } else if (v->kind == RB_JSON_STRING && !v->has_nul) {
    *text = v->s;
  } else {
    return false;
  }
  return read_measure(ev, *text, v->n, m);
}

/* ---- Members ------------------------------------------------------------ */

/* Whether frames of this kind are objects of members the format names
** (facts are an object too, but every name in it is a fact's). */
static bool is_object(frame_kind kind) {
  return kind == FR_ROOT || kind == FR_BUDGET || kind == FR_LINE || kind == FR_INDICATOR || kind == FR_SELF_SCORE;
}

static bool push_frame(events *ev, frame_kind kind) {
  if (ev->depth + ev->skip >= EVENTS_MAX_DEPTH) return false;
  ev->frames[ev->depth++] = (frame){.kind = kind, .member = M_SKIP};
  return true;
}

/* A top-level member's scalar value. */
static bool root_scalar(events *ev, int member, const scalar *v) {
  rb_report *r = ev->r;
  switch (member) {
  case R_ID:
    if (!take_text(v, true, &r->id)) return false;
    ev->have_id = true;
    return true;
  case R_YEAR: {
    ev->year_read = true;
    if (v->kind == RB_JSON_NULL) return true;
    rb_num n;
    int64_t y;
    if (!take_number(ev, v, &n) || !rb_num_to_int64(n, &y) || y < 1000 || y > 9999) return false;
    r->has_year = true;
    r->year = (int)y;
    return true;
  }
  case R_UNIT: return take_text(v, false, &r->unit);
  case R_TITLE: return take_text(v, false, &r->title);
  case R_KIND:
    if (v->kind == RB_JSON_NULL) return true;
    if (v->kind != RB_JSON_STRING || v->has_nul) return false;
#define IS(word) (v->n == sizeof word - 1 && memcmp(v->s, word, v->n) == 0)
    if (IS("project") || IS("项目"))
      r->kind = RB_REPORT_PROJECT;
    else if (IS("department") || IS("部门") || IS("部门整体"))
      r->kind = RB_REPORT_DEPARTMENT;
    else
      return false;
#undef IS
    return true;
  case R_MONEY_UNIT: {
    const char *unit = NULL;
    if (!take_text(v, false, &unit)) return false;
    if (!unit) return true;
    int scale = rb_money_scale(unit, strlen(unit));
    if (scale < 0) return false;
    r->money_unit = unit;
    r->money_scale = ev->scale10 = scale;
    return true;
  }
  case R_SELF_TOTAL: return take_opt_number(ev, v, false, &r->self_total);
  case R_SELF_GRADE: return take_text(v, false, &r->self_grade);
  default: /* budget, facts, indicators, self_scores and imported: null is absent */
    return v->kind == RB_JSON_NULL;
  }
}

static bool budget_scalar(events *ev, int member, const scalar *v) {
  rb_report *r = ev->r;
  switch (member) {
  case B_PLANNED: return take_opt_number(ev, v, true, &r->planned);
  case B_ADJUSTED: return take_opt_number(ev, v, true, &r->adjusted);
  case B_ALLOCATED: return take_opt_number(ev, v, true, &r->allocated);
  case B_SPENT: return take_opt_number(ev, v, true, &r->spent);
  default: return v->kind == RB_JSON_NULL; /* lines */
  }
}

static bool line_scalar(events *ev, int member, const scalar *v) {
  rb_budget_line *bl = table_last(&ev->lines, sizeof *bl);
  switch (member) {
  case L_NAME: return take_text(v, true, &bl->name);
  case L_PLANNED: return take_opt_number(ev, v, true, &bl->planned);
  case L_ALLOCATED: return take_opt_number(ev, v, true, &bl->allocated);
  default: return take_opt_number(ev, v, true, &bl->spent);
  }
}

static bool indicator_scalar(events *ev, int member, const scalar *v) {
  rb_indicator *ind = table_last(&ev->indicators, sizeof *ind);
  switch (member) {
  case I_LEVEL1: return take_text(v, false, &ind->level1);
  case I_LEVEL2: return take_text(v, false, &ind->level2);
  case I_NAME: return take_text(v, true, &ind->name);
  case I_TARGET: return take_measure(ev, v, &ind->target_text, &ind->target);
  case I_ACTUAL: return take_measure(ev, v, &ind->actual_text, &ind->actual);
  case I_WEIGHT: return take_opt_number(ev, v, true, &ind->weight);
  case I_SELF_SCORE: return take_opt_number(ev, v, false, &ind->self_score);
  case I_NOTE: return take_text(v, false, &ind->note);
  default: return v->kind == RB_JSON_NULL; /* source */
  }
}

/* A fact's value: null is no fact; true, false, text or a number. */
static bool fact_scalar(events *ev, const scalar *v) {
  if (v->kind == RB_JSON_NULL) return true;
  rb_fact *f = table_add(ev, &ev->facts, sizeof *f);
  if (!f) return false;
  f->name = ev->fact_name;
  switch (v->kind) {
  case RB_JSON_TRUE:
  case RB_JSON_FALSE:
    f->type = RB_FACT_BOOL;
    f->boolean = v->kind == RB_JSON_TRUE;
    return true;
  case RB_JSON_STRING:
    f->type = RB_FACT_TEXT;
    /* Read as notation too, so that a stated rate ("73.2%") or an amount
    ** ("1.93 亿元") can feed a numeric input. */
    return take_text(v, false, &f->text) && read_measure(ev, f->text, v->n, &f->measure);
  case RB_JSON_NUMBER: f->type = RB_FACT_NUMBER; return take_number(ev, v, &f->number);
  default: return false;
  }
}

/* A fact's name: not blank, no NUL, not given before. */
static bool fact_key_seen(events *ev, const scalar *k) {
  if (k->has_nul || rb_report_is_blank(k->s, k->n) || ev->fact_keys.count >= EVENTS_MAX_FACTS) return false;
  const fact_key *keys = ev->fact_keys.items;
  for (size_t i = 0; i < ev->fact_keys.count; i++)
    if (keys[i].len == k->n && memcmp(keys[i].key, k->s, k->n) == 0) return false;
  fact_key *key = table_add(ev, &ev->fact_keys, sizeof *key);
  if (!key) return false;
  *key = (fact_key){k->s, k->n};
  ev->fact_name = k->s;
  return true;
}

/* A scalar value where the innermost frame says. */
static bool scalar_value(events *ev, const scalar *v) {
  if (ev->depth == 0) return false; /* a report is an object */
  frame *f = &ev->frames[ev->depth - 1];
  if (is_object(f->kind) && f->member == M_SKIP) return true;
  switch (f->kind) {
  case FR_ROOT: return root_scalar(ev, f->member, v);
  case FR_BUDGET: return budget_scalar(ev, f->member, v);
  case FR_LINE: return line_scalar(ev, f->member, v);
  case FR_INDICATOR: return indicator_scalar(ev, f->member, v);
  case FR_FACTS: return fact_scalar(ev, v);
  case FR_SELF_SCORE:
    if (f->member == S_SCORE) {
      rb_self_score *s = table_last(&ev->self_scores, sizeof *s);
      if (v->kind == RB_JSON_NULL) return true;
      ev->have_score = take_number(ev, v, &s->score);
      return ev->have_score;
    }
    return v->kind == RB_JSON_NULL; /* path: null is missing, refused at the close */
  case FR_PATH: {
    const char **name = table_add(ev, &ev->path, sizeof *name);
    return name && v->kind == RB_JSON_STRING && take_text(v, true, name);
  }
  default: return false; /* an element of lines, indicators or self_scores must be an object */
  }
}

/* '{' or '[' where the innermost frame says. */
static bool open_value(events *ev, bool object) {
  if (ev->depth == 0) return object && push_frame(ev, FR_ROOT);
  frame *f = &ev->frames[ev->depth - 1];
  if (is_object(f->kind) && f->member == M_SKIP) {
    if (ev->depth + ev->skip >= EVENTS_MAX_DEPTH) return false;
    ev->skip = 1;
    return true;
  }
  rb_report *r = ev->r;
  switch (f->kind) {
  case FR_ROOT:
    switch (f->member) {
    case R_BUDGET: return object && push_frame(ev, FR_BUDGET);
    case R_FACTS: return object && table_start(ev, &ev->facts, 8, sizeof(rb_fact)) && push_frame(ev, FR_FACTS);
    case R_INDICATORS:
      return !object && table_start(ev, &ev->indicators, 32, sizeof(rb_indicator)) &&
             push_frame(ev, FR_INDICATORS);
    case R_SELF_SCORES:
      return !object && table_start(ev, &ev->self_scores, 8, sizeof(rb_self_score)) &&
             push_frame(ev, FR_SELF_SCORES);
    default: return false;
    }
  case FR_BUDGET:
    return f->member == B_LINES && !object && table_start(ev, &ev->lines, 8, sizeof(rb_budget_line)) &&
           push_frame(ev, FR_LINES);
  case FR_LINES: return object && table_add(ev, &ev->lines, sizeof(rb_budget_line)) && push_frame(ev, FR_LINE);
  case FR_INDICATORS: {
    rb_indicator *ind = object ? table_add(ev, &ev->indicators, sizeof *ind) : NULL;
    if (!ind) return false;
    ind->level1 = "";
    ind->level2 = "";
    rb_report_no_measure(&ind->target);
    rb_report_no_measure(&ind->actual);
    ind->source_line = r->source_line;
    return push_frame(ev, FR_INDICATOR);
  }
  case FR_SELF_SCORES:
    ev->have_score = false;
    return object && table_add(ev, &ev->self_scores, sizeof(rb_self_score)) && push_frame(ev, FR_SELF_SCORE);
  case FR_SELF_SCORE:
    return f->member == S_PATH && !object && table_start(ev, &ev->path, 4, sizeof(const char *)) &&
           push_frame(ev, FR_PATH);
  default: return false;
  }
}

/* Whether two self-score paths name the same node. */
static bool same_path(const rb_self_score *a, const rb_self_score *b) {
  if (a->depth != b->depth) return false;
  for (size_t k = 0; k < a->depth; k++)
    if (strcmp(a->path[k], b->path[k]) != 0) return false;
  return true;
}

/* The report's object closes: what waited for money_unit or the year. */
static bool finish_report(events *ev) {
  rb_report *r = ev->r;
  if (!ev->have_id) return false;
  int scale10 = ev->scale10;
  if (scale10 != 0) {
    rb_opt_num *amounts[] = {&r->planned, &r->adjusted, &r->allocated, &r->spent};
    for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++)
      if (amounts[i]->has && !rb_num_scale10(r->nums, amounts[i]->v, scale10, &amounts[i]->v)) return false;
    for (size_t i = 0; i < r->line_count; i++) {
      rb_budget_line *bl = &r->lines[i];
      rb_opt_num *line_amounts[] = {&bl->planned, &bl->allocated, &bl->spent};
      for (size_t k = 0; k < 3; k++)
        if (line_amounts[k]->has && !rb_num_scale10(r->nums, line_amounts[k]->v, scale10, &line_amounts[k]->v))
          return false;
    }
  }
  /* A measure read before the year came must be read again with it (a
  ** year makes "截至6月底" a date of that year). */
  if (!ev->measured_early || !r->has_year) return true;
  for (size_t i = 0; i < r->fact_count; i++) {
    rb_fact *f = &r->facts[i];
    if (f->type == RB_FACT_TEXT && !rb_report_read_measure(r, f->text, strlen(f->text), &f->measure)) return false;
  }
  for (size_t i = 0; i < r->indicator_count; i++) {
    rb_indicator *ind = &r->indicators[i];
    if (ind->target_text && !rb_report_read_measure(r, ind->target_text, strlen(ind->target_text), &ind->target))
      return false;
    if (ind->actual_text && !rb_report_read_measure(r, ind->actual_text, strlen(ind->actual_text), &ind->actual))
      return false;
  }
  return true;
}

/* '}' or ']': check what the closing object needed and keep its table. */
static bool close_value(events *ev) {
  if (ev->skip) {
    ev->skip--;
    return true;
  }
  rb_report *r = ev->r;
  frame *f = &ev->frames[--ev->depth];
  switch (f->kind) {
  case FR_ROOT:
    ev->root_done = true;
    ev->root_end = ev->finishing ? ev->len : yajl_get_bytes_consumed(ev->yajl);
    return finish_report(ev);
  case FR_LINE: return ((const rb_budget_line *)table_last(&ev->lines, sizeof(rb_budget_line)))->name != NULL;
  case FR_LINES:
    r->lines = ev->lines.items;
    r->line_count = ev->lines.count;
    return true;
  case FR_FACTS:
    r->facts = ev->facts.items;
    r->fact_count = ev->facts.count;
    return true;
  case FR_INDICATOR: return ((const rb_indicator *)table_last(&ev->indicators, sizeof(rb_indicator)))->name != NULL;
  case FR_INDICATORS:
    r->indicators = ev->indicators.items;
    r->indicator_count = ev->indicators.count;
    return true;
  case FR_PATH: {
    rb_self_score *s = table_last(&ev->self_scores, sizeof *s);
    s->path = ev->path.items;
    s->depth = ev->path.count;
    return s->depth > 0;
  }
  case FR_SELF_SCORE: {
    const rb_self_score *s = table_last(&ev->self_scores, sizeof *s);
    return s->depth > 0 && ev->have_score;
  }
  case FR_SELF_SCORES: {
    const rb_self_score *s = ev->self_scores.items;
    for (size_t i = 1; i < ev->self_scores.count; i++)
      for (size_t j = 0; j < i; j++)
        if (same_path(&s[j], &s[i])) return false;
    r->self_scores = ev->self_scores.items;
    r->self_score_count = ev->self_scores.count;
    return true;
  }
  default: return true;
  }
}

/* A member name: which member's value comes next. */
static bool member_name(events *ev, const scalar *k) {
  frame *f = &ev->frames[ev->depth - 1];
  if (f->kind == FR_FACTS) return fact_key_seen(ev, k);
  int m = f->kind == FR_INDICATOR ? indicator_member(k->s, k->n)
          : f->kind == FR_ROOT    ? root_member(k->s, k->n)
          : f->kind == FR_BUDGET  ? budget_member(k->s, k->n)
          : f->kind == FR_LINE    ? line_member(k->s, k->n)
                                  : self_score_member(k->s, k->n);
  if (m != M_SKIP) {
    if (f->seen & (1u << m)) return false; /* given twice: the tree keeps the last value */
    f->seen |= 1u << m;
    f->member = m;
    return true;
  }
  /* Not one of the format's: a publisher's own member is passed over, any
  ** other is noted by the tree reader. */
  bool publisher = (k->n >= 2 && k->s[0] == 'x' && (k->s[1] == '-' || k->s[1] == '_')) ||
                   (f->kind == FR_ROOT && k->n == 5 && memcmp(k->s, "extra", 5) == 0);
  f->member = M_SKIP;
  return publisher;
}

/* ---- yajl's callbacks ---------------------------------------------------- */

/* The text of a string token yajl hands over as s[0..n).  Without escapes
** it is in the input; with them, it is decoded from the raw token as the
** tree decodes it (json_tree.c), which ends just before where yajl is. */
static bool string_text(events *ev, const unsigned char *s, size_t n, scalar *v) {
  *v = (scalar){.kind = RB_JSON_STRING, .s = (const char *)s, .n = n};
  size_t at = (size_t)((uintptr_t)s - (uintptr_t)ev->text);
  if (at < ev->len) {
    ev->copy[at + n] = '\0'; /* the closing quote, which yajl has passed */
    return true;
  }
  if (ev->finishing) return false;
  const char *text = ev->text;
  size_t end = yajl_get_bytes_consumed(ev->yajl);
  if (end == 0 || end > ev->len || text[end - 1] != '"') return false;
  size_t open = end - 1;
  for (;;) { /* a quote inside the string follows an odd run of backslashes */
    if (open == 0) return false;
    if (text[--open] != '"') continue;
    size_t run = 0;
    while (run < open && text[open - 1 - run] == '\\') run++;
    if (run % 2 == 0) break;
  }
  size_t start = open + 1, raw_len = end - 1 - start, lone;
  char *decoded = rb_arena_alloc(&ev->r->arena, raw_len + 1);
  if (!decoded) return false;
  v->s = decoded;
  v->n = rb_json_decode_escapes(text + start, raw_len, decoded, &lone);
  decoded[v->n] = '\0';
  v->has_nul = memchr(decoded, '\0', v->n) != NULL;
  return lone == SIZE_MAX;
}

static int on_null(void *ctx) {
  events *ev = ctx;
  return ev->skip || scalar_value(ev, &(scalar){.kind = RB_JSON_NULL});
}

static int on_boolean(void *ctx, int value) {
  events *ev = ctx;
  return ev->skip || scalar_value(ev, &(scalar){.kind = value ? RB_JSON_TRUE : RB_JSON_FALSE});
}

static int on_number(void *ctx, const char *s, size_t n) {
  events *ev = ctx;
  /* A number at the very end of the text comes from yajl's buffer: not a
  ** report's. */
  if ((uintptr_t)s - (uintptr_t)ev->text >= ev->len) return 0;
  return ev->skip || scalar_value(ev, &(scalar){.kind = RB_JSON_NUMBER, .s = s, .n = n});
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
  events *ev = ctx;
  scalar v;
  if (!string_text(ev, s, n, &v)) return 0; /* a lone surrogate, even in a skipped value */
  return ev->skip || scalar_value(ev, &v);
}

static int on_map_key(void *ctx, const unsigned char *s, size_t n) {
  events *ev = ctx;
  scalar k;
  if (!string_text(ev, s, n, &k)) return 0;
  return ev->skip || member_name(ev, &k);
}

static int on_start_map(void *ctx) {
  events *ev = ctx;
  if (ev->skip) return ev->depth + ++ev->skip < EVENTS_MAX_DEPTH;
  return open_value(ev, true);
}

static int on_start_array(void *ctx) {
  events *ev = ctx;
  if (ev->skip) return ev->depth + ++ev->skip < EVENTS_MAX_DEPTH;
  return open_value(ev, false);
}

static int on_end(void *ctx) { return close_value(ctx); }

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number,
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end,
};

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool rb_report_read_events(rb_report *r, const char *text, size_t len, size_t first_bad) {
  if (first_bad != len || len > (size_t)INT_MAX) return false; /* the tree reader says what is wrong */
  /* One copy of the input in the arena, where each string the report keeps
  ** is ended by a NUL over its closing quote: no copy per string. */
  char *copy = rb_arena_alloc(&r->arena, len + 1);
  if (!copy) return false;
  memcpy(copy, text, len);
  copy[len] = '\0';
  events ev = {.r = r, .text = copy, .copy = copy, .len = len, .scale10 = RB_MONEY_DEFAULT_SCALE};
  yajl_alloc_funcs funcs = rb_json_arena_funcs(&r->arena);
  ev.yajl = yajl_alloc(&callbacks, &funcs, &ev);
  if (!ev.yajl) return false;
  yajl_config(ev.yajl, yajl_dont_validate_strings, 1); /* as the tree: the pre-scan checked the UTF-8 */
  yajl_status st = yajl_parse(ev.yajl, (const unsigned char *)copy, len);
  if (st == yajl_status_ok) {
    ev.finishing = true;
    st = yajl_complete_parse(ev.yajl);
  }
  yajl_free(ev.yajl);
  if (st != yajl_status_ok || !ev.root_done) return false;
  for (size_t i = ev.root_end; i < len; i++) /* yajl lets "{} \"abc" through */
    if (!is_space(text[i])) return false;
  return true;
}
