/*
** coverage.c — which items, branches, step-table arms and qualitative tiers
** the tests of `rubric test --coverage` reached.
**
** How it is measured.  A rubric compiled for coverage has a recording call
** at each point: the checked tree is rewritten, before code is generated,
** with calls of the built-in flag(KIND, MESSAGE, VALUE), which records a
** finding and gives back VALUE unchanged.  KIND is "rubric-coverage" and
** MESSAGE the point's number, so that a run's findings say which points it
** reached; they are taken out of the result after the run.  So coverage
** needs nothing of the VM or the code generator but what every rubric
** uses, and the bytecode of a rubric compiled as usual is never touched:
** the expectations of tests are checked against that one (test.c), and the
** recording program is only run to mark points.
**
**   if C then A else B   →  if (if C then flag(K, "7", true) else flag(K, "8", false)) then A else B
**                           (the branch is recorded before its arm runs, so
**                           an arm that stops the item early still counts)
**   step(x) { R: P, … }   →  step(flag(K, concat(step(x) { R: 9, … }), x)) { R: P, … }
**   qualitative(T, …)     →  qualitative(flag(K, concat("10:", T), T), …)   (tiers 1, 2, 3 are 10, 11, 12)
**   each … = S            →  each … = flag(K, "13", S)
**
** Items are read from the result instead: an item is reached when the
** result tree holds it, whatever its score expression did (a `missing self`
** input ends an item before its expression is done).
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "author/coverage.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "output/output_util.h"
#include "vm/builtins.h"
#include "vm/value.h"

/* The kind of the findings that record points. */
static const char recording_kind[] = "rubric-coverage";

typedef enum point_kind { POINT_ITEM, POINT_EACH, POINT_THEN, POINT_ELSE, POINT_ARM, POINT_TIER } point_kind;

typedef struct point {
  uint32_t file;         /* index into files */
  uint32_t start;        /* byte offset in the file: with kind and tier, the point's identity */
  point_kind kind;
  int tier;              /* POINT_TIER: 1, 2 or 3 */
  uint32_t line, column;
  const char *what;      /* for the report: "item 决策 › 论证", "arm >= 90%" */
  const char **path;     /* POINT_ITEM: names from the first section down */
  uint32_t depth;
  bool hit;
} point;

typedef struct cov_file {
  const char *real; /* realpath: one file however it was named */
  const char *name; /* as first named */
} cov_file;

struct rb_coverage {
  rb_arena arena;
  point *points;
  uint32_t count, cap;
  cov_file *files;
  uint32_t file_count, file_cap;
  /* The items of the program last instrumented: what rb_coverage_record
  ** looks for in a result tree. */
  uint32_t *items;
  uint32_t item_count, item_cap;
  rb_lang lang; /* of the report and of the points' descriptions */
};

rb_coverage *rb_coverage_new(rb_lang lang) {
  rb_coverage *cov = calloc(1, sizeof *cov);
  if (cov) {
    rb_arena_init(&cov->arena);
    cov->lang = lang;
  }
  return cov;
}

void rb_coverage_free(rb_coverage *cov) {
  if (!cov) return;
  free(cov->points);
  free(cov->files);
  free(cov->items);
  rb_arena_free(&cov->arena);
  free(cov);
}

/* ---- Points -------------------------------------------------------------- */

/* The coverage's index of a compiler file, registered on first sight. */
static uint32_t file_index(rb_coverage *cov, const rb_source *src) {
  char real[PATH_MAX];
  const char *key = realpath(src->name, real) ? real : src->name;
  for (uint32_t i = 0; i < cov->file_count; i++)
    if (strcmp(cov->files[i].real, key) == 0) return i;
  if (cov->file_count == cov->file_cap) {
    uint32_t cap = cov->file_cap ? cov->file_cap * 2 : 8;
    cov_file *f = realloc(cov->files, cap * sizeof *f);
    if (!f) return UINT32_MAX;
    cov->files = f;
    cov->file_cap = cap;
  }
  cov->files[cov->file_count].real = rb_arena_strdup(&cov->arena, key);
  cov->files[cov->file_count].name = rb_arena_strdup(&cov->arena, src->name);
  return cov->file_count++;
}

/* The index of the point of this kind at node n (made on first sight), or
** UINT32_MAX when out of memory. */
static uint32_t add_point(rb_coverage *cov, rb_compiler *c, const rb_ast *n, point_kind kind, int tier,
                          const char *what) {
  const rb_source *src = &c->diags->files[n->file];
  uint32_t file = file_index(cov, src);
  if (file == UINT32_MAX) return UINT32_MAX;
  for (uint32_t i = 0; i < cov->count; i++) {
    const point *p = &cov->points[i];
    if (p->file == file && p->start == n->start && p->kind == kind && p->tier == tier) return i;
  }
  if (cov->count == cov->cap) {
    uint32_t cap = cov->cap ? cov->cap * 2 : 64;
    point *p = realloc(cov->points, cap * sizeof *p);
    if (!p) return UINT32_MAX;
    cov->points = p;
    cov->cap = cap;
  }
  point *p = &cov->points[cov->count];
  memset(p, 0, sizeof *p);
  p->file = file;
  p->start = n->start;
  p->kind = kind;
  p->tier = tier;
  p->what = rb_arena_strdup(&cov->arena, what);
  rb_source_position(src, n->start, &p->line, &p->column);
  return cov->count++;
}

/* ---- Rewriting the checked tree ------------------------------------------ */

/* A new node of the compiler's arena, placed at `at`. */
static rb_ast *node_at(rb_compiler *c, rb_ast_kind kind, const rb_ast *at, rb_type type) {
  rb_ast *n = rb_arena_calloc(&c->arena, 1, sizeof *n);
  if (!n) return NULL;
  n->kind = (uint8_t)kind;
  n->type = (uint8_t)type;
  n->file = at->file;
  n->start = at->start;
  n->end = at->end;
  n->depth = 1;
  return n;
}

static rb_ast *text_at(rb_compiler *c, const rb_ast *at, const char *text) {
  rb_ast *n = node_at(c, RB_AST_STRING, at, RB_TYPE_TEXT);
  if (n) n->text = rb_arena_strdup(&c->arena, text);
  return n && n->text ? n : NULL;
}

/* A call of a built-in with the arguments given as a list; NULL when out of
** memory. */
static rb_ast *builtin_at(rb_compiler *c, const rb_ast *at, rb_builtin_id id, rb_ast *args, rb_type type) {
  rb_ast *n = node_at(c, RB_AST_CALL, at, type);
  if (!n || !args) return NULL;
  n->text = rb_builtin_table[id].name;
  n->slot = (int32_t)id;
  n->a = args;
  uint16_t depth = 0;
  for (rb_ast *a = args; a; a = a->next) depth = a->depth > depth ? a->depth : depth;
  n->depth = (uint16_t)(depth + 1);
  return n;
}

/* flag(K, message, value): message a node (text), value a node. */
static rb_ast *recording(rb_compiler *c, const rb_ast *at, rb_ast *message, rb_ast *value) {
  rb_ast *kind = text_at(c, at, recording_kind);
  if (!kind || !message || !value) return NULL;
  kind->next = message;
  message->next = value;
  value->next = NULL;
  return builtin_at(c, at, RB_BUILTIN_FLAG, kind, (rb_type)value->type);
}

/* Turn node x, in place, into flag(K, message, x): its parent and its list
** neighbours keep pointing at it. */
static void wrap(rb_compiler *c, rb_ast *x, rb_ast *message) {
  rb_ast *inner = rb_arena_alloc(&c->arena, sizeof *inner);
  if (!inner) return;
  *inner = *x;
  inner->next = NULL;
  rb_ast *call = recording(c, x, message, inner);
  if (!call) return;
  call->next = x->next;
  *x = *call;
}

static rb_ast *number_text(rb_compiler *c, const rb_ast *at, uint32_t id) {
  char buf[16];
  snprintf(buf, sizeof buf, "%u", id);
  return text_at(c, at, buf);
}

/* The source text of [start, end) of n's file, on one line, trimmed. */
static const char *source_text(rb_compiler *c, const rb_ast *n, uint32_t start, uint32_t end) {
  const rb_source *src = &c->diags->files[n->file];
  if (end > src->len) end = (uint32_t)src->len;
  char *s = rb_arena_alloc(&c->arena, end - start + 1);
  if (!s) return "";
  size_t len = 0;
  for (uint32_t i = start; i < end; i++) {
    char ch = src->text[i];
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    if (ch == ' ' && (len == 0 || s[len - 1] == ' ')) continue;
    s[len++] = ch;
  }
  while (len && (s[len - 1] == ' ' || s[len - 1] == ':')) len--;
  s[len] = '\0';
  return s;
}

/* A node is instrumented once, however many trees share it. */
enum { COVERED = 128 };

static void walk_list(rb_coverage *cov, rb_compiler *c, rb_ast *list);

/* Instrument the points of an expression, children first. */
static void walk(rb_coverage *cov, rb_compiler *c, rb_ast *n) {
  if (n->flags & COVERED) return;
  n->flags |= COVERED;
  if (n->kind == RB_AST_EACH) {
    walk_list(cov, c, rb_ast_each_where(n));
    walk_list(cov, c, rb_ast_each_score(n));
  } else {
    walk_list(cov, c, n->a);
    walk_list(cov, c, n->b);
    walk_list(cov, c, n->c);
  }
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_IF: {
    uint32_t yes = add_point(cov, c, n->b, POINT_THEN, 0, rb_text_from_en(cov->lang, "then branch"));
    uint32_t no = add_point(cov, c, n->c, POINT_ELSE, 0, rb_text_from_en(cov->lang, "else branch"));
    if (yes == UINT32_MAX || no == UINT32_MAX) break;
    rb_ast *t = node_at(c, RB_AST_BOOL, n->a, RB_TYPE_BOOL), *f = node_at(c, RB_AST_BOOL, n->a, RB_TYPE_BOOL);
    if (!t || !f) break;
    t->ival = 1;
    rb_ast *branch = node_at(c, RB_AST_IF, n->a, RB_TYPE_BOOL);
    rb_ast *then_rec = recording(c, n->a, number_text(c, n->a, yes), t);
    rb_ast *else_rec = recording(c, n->a, number_text(c, n->a, no), f);
    if (!branch || !then_rec || !else_rec) break;
    branch->a = n->a;
    branch->b = then_rec;
    branch->c = else_rec;
    branch->depth = (uint16_t)(n->a->depth + 2);
    n->a = branch;
    break;
  }
  case RB_AST_STEP: {
    /* A step table is one instruction over a table of constants, so its
    ** arms are not code to put a call in: the subject is recorded instead,
    ** with the number of the arm it falls in from a twin table whose
    ** points are the arms' point numbers. */
    rb_ast *twin = node_at(c, RB_AST_STEP, n, RB_TYPE_NUMBER);
    rb_ast *subject = rb_arena_alloc(&c->arena, sizeof *subject);
    if (!twin || !subject) break;
    *subject = *n->a;
    subject->next = NULL;
    twin->unit = n->unit;
    twin->a = subject;
    rb_ast **tail = &twin->b;
    bool ok = true;
    for (rb_ast *r = n->b; r && ok; r = r->next) {
      const char *bound = source_text(c, r, r->start, r->c ? r->c->start : r->end);
      char what[256];
      snprintf(what, sizeof what, rb_from_en(cov->lang, "step arm %s"), bound);
      uint32_t id = add_point(cov, c, r, POINT_ARM, 0, what);
      rb_ast *arm = rb_arena_alloc(&c->arena, sizeof *arm);
      rb_ast *points = node_at(c, RB_AST_NUMBER, r, RB_TYPE_NUMBER);
      if (id == UINT32_MAX || !arm || !points) {
        ok = false;
        break;
      }
      points->num = rb_num_int(id);
      points->unit = RB_UNIT_PLAIN;
      *arm = *r;
      arm->next = NULL;
      arm->c = points;
      *tail = arm;
      tail = &arm->next;
    }
    if (ok) wrap(c, n->a, builtin_at(c, n, RB_BUILTIN_CONCAT, twin, RB_TYPE_TEXT));
    break;
  }
  case RB_AST_EACH: {
    char what[256];
    snprintf(what, sizeof what, rb_from_en(cov->lang, "each %s (no test gave it a row)"), n->text);
    uint32_t id = add_point(cov, c, n, POINT_EACH, 0, what);
    if (id != UINT32_MAX) wrap(c, rb_ast_each_score(n), number_text(c, n, id));
    break;
  }
  case RB_AST_CALL: {
    if (n->decl || n->slot != RB_BUILTIN_QUALITATIVE || !n->a) break;
    static const char *const tiers[] = {"达成", "部分达成", "未达成"};
    uint32_t first = UINT32_MAX;
    for (int t = 1; t <= 3; t++) {
      char what[64];
      snprintf(what, sizeof what, rb_from_en(cov->lang, "qualitative tier %d (%s)"), t, tiers[t - 1]);
      uint32_t id = add_point(cov, c, n, POINT_TIER, t, what);
      if (t == 1) first = id;
    }
    if (first == UINT32_MAX) break;
    /* qualitative(flag(K, concat("ID:", T), T), …): T is evaluated twice,
    ** which a pure expression allows. */
    rb_ast *tier = n->a;
    rb_ast *again = rb_arena_alloc(&c->arena, sizeof *again);
    char prefix[24];
    snprintf(prefix, sizeof prefix, "%u:", first);
    rb_ast *head = text_at(c, tier, prefix);
    if (!again || !head) break;
    *again = *tier;
    again->next = NULL;
    head->next = again;
    wrap(c, tier, builtin_at(c, tier, RB_BUILTIN_CONCAT, head, RB_TYPE_TEXT));
    break;
  }
  default: break;
  }
}

static void walk_list(rb_coverage *cov, rb_compiler *c, rb_ast *list) {
  for (rb_ast *n = list; n; n = n->next) walk(cov, c, n);
}

/* Register an item point with its path, and remember it for the program. */
static void add_item(rb_coverage *cov, rb_compiler *c, rb_ast *n, const char **path, uint32_t depth) {
  char what[512] = "item ";
  for (uint32_t i = 0; i < depth; i++) {
    if (i) strncat(what, " › ", sizeof what - strlen(what) - 1);
    strncat(what, path[i], sizeof what - strlen(what) - 1);
  }
  uint32_t id = add_point(cov, c, n, POINT_ITEM, 0, what);
  if (id == UINT32_MAX) return;
  point *p = &cov->points[id];
  if (!p->path) {
    p->path = rb_arena_alloc(&cov->arena, (depth ? depth : 1) * sizeof *p->path);
    if (!p->path) return;
    for (uint32_t i = 0; i < depth; i++) p->path[i] = rb_arena_strdup(&cov->arena, path[i]);
    p->depth = depth;
  }
  if (cov->item_count == cov->item_cap) {
    uint32_t cap = cov->item_cap ? cov->item_cap * 2 : 32;
    uint32_t *items = realloc(cov->items, cap * sizeof *items);
    if (!items) return;
    cov->items = items;
    cov->item_cap = cap;
  }
  cov->items[cov->item_count++] = id;
}

enum { MAX_DEPTH = 64 };

/* The scoring tree's members, with the path of names down to them. */
static void walk_members(rb_coverage *cov, rb_compiler *c, rb_ast *list, const char **path, uint32_t depth) {
  for (rb_ast *n = list; n; n = n->next) {
    switch ((rb_ast_kind)n->kind) {
    case RB_AST_SECTION:
      if (depth + 1 < MAX_DEPTH) {
        path[depth] = n->text;
        walk_members(cov, c, n->b, path, depth + 1);
      }
      break;
    case RB_AST_ITEM:
      if (depth + 1 < MAX_DEPTH) {
        path[depth] = n->text;
        add_item(cov, c, n, path, depth + 1);
      }
      walk_list(cov, c, n->b);
      break;
    case RB_AST_EACH: walk(cov, c, n); break;
    case RB_AST_CHECK:
      walk_list(cov, c, n->a);
      walk_list(cov, c, n->b);
      break;
    default: break;
    }
  }
}

void rb_coverage_instrument(rb_coverage *cov, rb_compiler *c) {
  cov->item_count = 0;
  if (c->diags->errors) return; /* nothing will run */
  const char *path[MAX_DEPTH];
  for (uint32_t i = 0; i < c->fn_count; i++)
    if (c->fns[i]->b) walk_list(cov, c, c->fns[i]->b);
  walk_members(cov, c, c->statements, path, 0);
}

/* ---- Recording ----------------------------------------------------------- */

static const rb_node *find_node(const rb_node *root, const char *const *path, uint32_t depth) {
  const rb_node *n = root;
  for (uint32_t i = 0; n && i < depth; i++) {
    const rb_node *ch = n->first_child;
    while (ch && strcmp(ch->name, path[i]) != 0) ch = ch->next;
    n = ch;
  }
  return n;
}

void rb_coverage_record(rb_coverage *cov, rb_result *res) {
  uint32_t kept = 0;
  for (uint32_t i = 0; i < res->finding_count; i++) {
    rb_finding *f = &res->findings[i];
    if (f->kind != RB_FINDING_OTHER || strcmp(f->kind_name, recording_kind) != 0) {
      res->findings[kept++] = *f;
      continue;
    }
    if (!f->message) continue;
    char *end;
    unsigned long id = strtoul(f->message, &end, 10);
    if (*end == ':') id += strtoul(end + 1, NULL, 10) - 1; /* tier T of the first tier's point */
    if (id < cov->count) cov->points[id].hit = true;
  }
  res->finding_count = kept;
  if (!res->root) return;
  for (uint32_t i = 0; i < cov->item_count; i++) {
    point *p = &cov->points[cov->items[i]];
    if (find_node(res->root, p->path, p->depth)) p->hit = true;
  }
}

/* ---- Reports ------------------------------------------------------------- */

typedef struct file_totals {
  uint32_t points, reached;
} file_totals;

static file_totals totals_of(const rb_coverage *cov, uint32_t file) {
  file_totals t = {0, 0};
  for (uint32_t i = 0; i < cov->count; i++) {
    if (cov->points[i].file != file) continue;
    t.points++;
    t.reached += cov->points[i].hit;
  }
  return t;
}

static double percent(file_totals t) { return t.points ? 100.0 * t.reached / t.points : 100.0; }

/* The points of a file in source order (they were found in tree order). */
static int by_place(const void *a, const void *b) {
  const point *x = *(const point *const *)a, *y = *(const point *const *)b;
  if (x->line != y->line) return x->line < y->line ? -1 : 1;
  if (x->column != y->column) return x->column < y->column ? -1 : 1;
  if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
  return x->tier - y->tier;
}

/* The missed points of a file, sorted; *count of them.  NULL when none or
** out of memory. */
static const point **missed_of(const rb_coverage *cov, uint32_t file, uint32_t *count) {
  *count = 0;
  const point **list = malloc((cov->count ? cov->count : 1) * sizeof *list);
  if (!list) return NULL;
  for (uint32_t i = 0; i < cov->count; i++)
    if (cov->points[i].file == file && !cov->points[i].hit) list[(*count)++] = &cov->points[i];
  qsort(list, *count, sizeof *list, by_place);
  return list;
}

void rb_coverage_write_text(const rb_coverage *cov, FILE *out) {
  uint32_t all = 0, reached = 0, files = 0;
  for (uint32_t f = 0; f < cov->file_count; f++) {
    file_totals t = totals_of(cov, f);
    if (t.points == 0) continue;
    files++;
    all += t.points;
    reached += t.reached;
    fprintf(out, rb_from_en(cov->lang, "coverage %s: %u of %u points (%.1f%%)\n"), cov->files[f].name, t.reached,
            t.points, percent(t));
    uint32_t n;
    const point **missed = missed_of(cov, f, &n);
    for (uint32_t i = 0; missed && i < n; i++)
      fprintf(out, rb_from_en(cov->lang, "  %s:%u:%u: %s never reached\n"), cov->files[f].name, missed[i]->line,
              missed[i]->column, missed[i]->what);
    free(missed);
  }
  file_totals t = {all, reached};
  fprintf(out, rb_from_en(cov->lang, "coverage: %u of %u points in %u file%s (%.1f%%)\n"), reached, all, files,
          files == 1 ? "" : "s", percent(t));
}

static const char *kind_name(point_kind k) {
  switch (k) {
  case POINT_ITEM: return "item";
  case POINT_EACH: return "each";
  case POINT_THEN: return "then";
  case POINT_ELSE: return "else";
  case POINT_ARM: return "step_arm";
  case POINT_TIER: return "tier";
  }
  return "?";
}

void rb_coverage_write_json(const rb_coverage *cov, FILE *out) {
  uint32_t all = 0, reached = 0;
  fputs("{\"files\": [", out);
  bool first_file = true;
  for (uint32_t f = 0; f < cov->file_count; f++) {
    file_totals t = totals_of(cov, f);
    if (t.points == 0) continue;
    all += t.points;
    reached += t.reached;
    fputs(first_file ? "" : ", ", out);
    first_file = false;
    fputs("{\"file\": ", out);
    rb_out_json_string(out, cov->files[f].name);
    fprintf(out, ", \"points\": %u, \"reached\": %u, \"percent\": %.2f, \"missed\": [", t.points, t.reached,
            percent(t));
    uint32_t n;
    const point **missed = missed_of(cov, f, &n);
    for (uint32_t i = 0; missed && i < n; i++) {
      fprintf(out, "%s{\"line\": %u, \"column\": %u, \"kind\": \"%s\", ", i ? ", " : "", missed[i]->line,
              missed[i]->column, kind_name(missed[i]->kind));
      if (missed[i]->kind == POINT_TIER) fprintf(out, "\"tier\": %d, ", missed[i]->tier);
      fputs("\"what\": ", out);
      rb_out_json_string(out, missed[i]->what);
      fputc('}', out);
    }
    free(missed);
    fputs("]}", out);
  }
  file_totals t = {all, reached};
  fprintf(out, "], \"points\": %u, \"reached\": %u, \"percent\": %.2f}\n", all, reached, percent(t));
}

unsigned rb_coverage_below(const rb_coverage *cov, double min_percent, FILE *out) {
  unsigned below = 0;
  if (min_percent <= 0) return 0;
  for (uint32_t f = 0; f < cov->file_count; f++) {
    file_totals t = totals_of(cov, f);
    if (t.points == 0 || percent(t) + 1e-9 >= min_percent) continue;
    below++;
    fprintf(out, rb_from_en(cov->lang, "coverage of %s is %.1f%%, below the floor of %g%%\n"), cov->files[f].name,
            percent(t), min_percent);
  }
  return below;
}
