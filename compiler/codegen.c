/*
** codegen.c — pass 3: from the checked AST to an rb_program.
**
** The main program is the scoring tree, emitted in order: a section becomes
**
**     CONST weight ; NODE "name" ; …children… ; NODE_END
**
** an item
**
**     CONST weight ; ITEM "name" → end ; …score… ; end: ITEM_END
**
** and generated items ("each r in 指标 where … split …") a loop that counts
** the matching rows, asks SPLIT for the weights, and opens an ITEM_ROW per
** row.  Checks become CHECK instructions where they stand.  Each named
** function is emitted after the main program, ending in RETURN; a call of a
** small one (INLINE_MAX_BYTES) in code that runs many times a report (a
** function's body, a loop over rows) is its body emitted in place of CALL
** (gen_inline_call, mark_hot_calls).
**
** Every instruction is recorded in the debug section with the span of the
** AST node that produced it and the rubric path it belongs to, so that a
** runtime error (a division by zero, a missing input) names file:line:column
** and section › item.
*/
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "compiler/compiler.h"
#include "compiler/defaults.h"
#include "vm/builtins.h"
#include "base/hash.h"

/* The largest function body inlined at its calls, in bytes of code as
** inlined (the calls in it inlined too; the arguments' stores not counted).
** The one-line functions of rules/indicators.rubric are 8 to 57 bytes
** (未填 57, 上限 45, 满意度行 53); scoring 500 reports with
** gd-project-20-40-40 took fewer instructions with 64 than with 96 or 160,
** which also inline 定性档次 (92) or 定性得分 (130) and 产出行 (158) at
** every call; 指标得分 is 261. */
#define INLINE_MAX_BYTES 64
/* Calls that nest this deep or more: nothing is inlined (the VM allows 255). */
#define INLINE_NO_DEEPER 128

typedef struct gen {
  rb_compiler *c;
  rb_program *p;
  uint8_t *code;
  uint32_t len, cap;
  rb_constant *consts;
  uint32_t const_count, const_cap;
  /* An index of the shareable constants: open addressing, slot = constant
  ** index + 1, 0 empty; const_slots is a power of two above twice the count. */
  uint32_t *const_index;
  uint32_t const_slots;
  rb_debug_entry *dbg;
  uint32_t dbg_count, dbg_cap;
  rb_function *fns;
  uint32_t fn_count;
  /* The rubric path of what is being emitted, for the debug section. */
  const char *path[64];
  int depth;
  uint16_t path_const;
  /* Indicator rows looked up by name (ROW_NAMED), each emitted once. */
  uint16_t row_names[256];
  uint32_t row_name_count;
  /* Inlining (see gen_inline_call): the function whose body is being
  ** emitted in place of a call, innermost first, or NULL; the first local
  ** slot no inlined body holds yet and the most the frame has needed; and
  ** each function's body size in bytes as inlined (c->fns order), or
  ** UINT32_MAX when it is not to be inlined. */
  const struct inline_site *inl;
  uint32_t next_local, max_local;
  /* Above 0 while emitting code that runs many times a report — a
  ** function's body, a loop over rows (each, aggregates) — the only code
  ** in which calls are inlined (see measure_inlining). */
  uint32_t hot;
  uint32_t *inline_size;
  bool failed;
} gen;

/* A call being inlined: its callee, where the callee's locals live in the
** caller's frame (slot s at base + s), and the caller's slot each parameter
** reads — base + its own slot, or the caller's local that was the argument. */
typedef struct inline_site {
  const struct inline_site *outer;
  const rb_ast *fn;
  uint32_t base, arity;
  uint16_t param[RB_MAX_ARGS];
} inline_site;

/* The slot of the current frame that local slot s of the code being
** emitted stands for: s itself, or, inside an inlined body, its place in the
** caller's frame. */
static uint16_t lslot(const gen *g, int32_t s) {
  const inline_site *x = g->inl;
  if (!x) return (uint16_t)s;
  if ((uint32_t)s < x->arity) return x->param[s];
  return (uint16_t)(x->base + (uint32_t)s);
}

/* Report that code cannot be generated at `at`; msg is a plain text written
** in English (its Chinese in base/messages_en.h). */
static void fail(gen *g, rb_ast *at, const char *msg) {
  if (!g->failed)
    rb_diag_add(g->c->diags, RB_SEV_ERROR, at->file, at->start, at->end, NULL, "%s",
                rb_text_from_en(g->c->diags->lang, msg));
  g->failed = true;
}

/* ---- Constants ---------------------------------------------------------- */

/* The hash of a number, text or date constant: equal constants (as
** add_const compares them) hash equal.  Numbers are canonical, so equal
** values have the same small pair, or are both big. */
static uint64_t const_hash(const rb_constant *k) {
  uint64_t h = rb_hash_bytes(RB_HASH_SEED, &k->type, sizeof k->type);
  switch ((rb_const_type)k->type) {
  case RB_CONST_NUM:
    h = rb_hash_bytes(h, &k->unit, sizeof k->unit);
    if (!rb_num_is_big(k->num)) return rb_hash_bytes(rb_hash_bytes(h, &k->num.n, sizeof k->num.n), &k->num.d, sizeof k->num.d);
    {
      char buf[1024];
      size_t n = rb_num_format(k->num, buf, sizeof buf);
      return rb_hash_bytes(h, buf, n < sizeof buf ? n : sizeof buf - 1);
    }
  case RB_CONST_TEXT: return rb_hash_bytes(h, k->text, k->len);
  case RB_CONST_DATE: return rb_hash_bytes(h, &k->date, sizeof k->date);
  case RB_CONST_TEXTS:
    for (uint32_t i = 0; i < k->text_count; i++)
      h = rb_hash_bytes(rb_hash_bytes(h, &k->texts[i].len, sizeof k->texts[i].len), k->texts[i].text, k->texts[i].len);
    return h;
  default: return h;
  }
}

static bool const_equal(const rb_constant *o, const rb_constant *k) {
  if (o->type != k->type) return false;
  switch ((rb_const_type)k->type) {
  case RB_CONST_NUM: return o->unit == k->unit && rb_num_cmp(o->num, k->num) == 0;
  case RB_CONST_TEXT: return o->len == k->len && memcmp(o->text, k->text, k->len) == 0;
  case RB_CONST_DATE: return o->date == k->date;
  case RB_CONST_TEXTS:
    if (o->text_count != k->text_count) return false;
    for (uint32_t i = 0; i < k->text_count; i++)
      if (o->texts[i].len != k->texts[i].len || memcmp(o->texts[i].text, k->texts[i].text, k->texts[i].len) != 0)
        return false;
    return true;
  default: return false;
  }
}

/* Put constant i into the index, growing it when half full. */
static bool index_const(gen *g, uint32_t i) {
  if (2 * (g->const_count + 1) > g->const_slots) {
    uint32_t slots = g->const_slots ? 2 * g->const_slots : 256;
    uint32_t *index = calloc(slots, sizeof *index);
    if (!index) return false;
    for (uint32_t j = 0; j < g->const_slots; j++) {
      uint32_t at = g->const_index[j];
      if (!at) continue;
      uint32_t b = (uint32_t)const_hash(&g->consts[at - 1]) & (slots - 1);
      while (index[b]) b = (b + 1) & (slots - 1);
      index[b] = at;
    }
    free(g->const_index);
    g->const_index = index;
    g->const_slots = slots;
  }
  uint32_t b = (uint32_t)const_hash(&g->consts[i]) & (g->const_slots - 1);
  while (g->const_index[b]) b = (b + 1) & (g->const_slots - 1);
  g->const_index[b] = i + 1;
  return true;
}

/* The index of a shareable constant equal to k, or -1. */
static int32_t find_const(const gen *g, const rb_constant *k) {
  if (!g->const_slots) return -1;
  uint32_t mask = g->const_slots - 1;
  for (uint32_t b = (uint32_t)const_hash(k) & mask; g->const_index[b]; b = (b + 1) & mask)
    if (const_equal(&g->consts[g->const_index[b] - 1], k)) return (int32_t)(g->const_index[b] - 1);
  return -1;
}

static uint16_t add_const(gen *g, rb_ast *at, const rb_constant *k) {
  /* Reuse an equal number, text or date; step tables are never shared. */
  bool shared = k->type != RB_CONST_STEP;
  int32_t found = shared ? find_const(g, k) : -1;
  if (found >= 0) return (uint16_t)found;
  if (g->const_count >= RB_MAX_CONSTANTS) {
    fail(g, at, "this rubric has too many constants for one program (65535)");
    return 0;
  }
  if (g->const_count == g->const_cap) {
    uint32_t cap = g->const_cap ? g->const_cap * 2 : 64;
    rb_constant *n = realloc(g->consts, cap * sizeof *n);
    if (!n) {
      fail(g, at, "out of memory");
      return 0;
    }
    g->consts = n;
    g->const_cap = cap;
  }
  g->consts[g->const_count] = *k;
  if (shared && !index_const(g, g->const_count)) {
    fail(g, at, "out of memory");
    return 0;
  }
  return (uint16_t)g->const_count++;
}

static uint16_t const_text(gen *g, rb_ast *at, const char *text) {
  rb_constant k = {.type = RB_CONST_TEXT};
  k.text = text ? text : "";
  k.len = (uint32_t)strlen(k.text);
  /* Copied into the program only when it is new (a path is asked for at every step in and out). */
  int32_t found = find_const(g, &k);
  if (found >= 0) return (uint16_t)found;
  k.text = rb_arena_strndup(&g->p->arena, k.text, k.len);
  if (!k.text) {
    fail(g, at, "out of memory");
    return 0;
  }
  return add_const(g, at, &k);
}

/* A copy of v owned by the program's number context: the compiler's own
** context is freed when compiling ends, and a big value must not dangle. */
static rb_num rehome(gen *g, rb_num v) {
  /* A value that fits in its own two words belongs to no context (base/num.h). */
  if (!rb_num_is_big(v)) return v;
  char buf[1024];
  if (rb_num_format(v, buf, sizeof buf) >= sizeof buf) return v;
  rb_num out;
  const char *slash = strchr(buf, '/');
  if (!slash) return rb_num_parse(g->p->nums, buf, strlen(buf), &out) ? out : v;
  rb_num a, b;
  if (rb_num_parse(g->p->nums, buf, (size_t)(slash - buf), &a) &&
      rb_num_parse(g->p->nums, slash + 1, strlen(slash + 1), &b) && rb_num_div(g->p->nums, a, b, &out))
    return out;
  return v;
}

static uint16_t const_num(gen *g, rb_ast *at, rb_num v, rb_unit unit) {
  rb_constant k = {.type = RB_CONST_NUM, .unit = (uint8_t)unit};
  k.num = rehome(g, v);
  return add_const(g, at, &k);
}

/* ---- Emitting ----------------------------------------------------------- */

static void reserve(gen *g, uint32_t n) {
  if (g->len + n <= g->cap) return;
  uint32_t cap = g->cap ? g->cap : 1024;
  while (cap < g->len + n) cap *= 2;
  uint8_t *c = realloc(g->code, cap);
  if (!c) {
    g->failed = true;
    return;
  }
  g->code = c;
  g->cap = cap;
}

/* Record that the instruction at the current offset comes from `at`. */
static void debug_mark(gen *g, rb_ast *at) {
  if (g->dbg_count > 0) {
    rb_debug_entry *last = &g->dbg[g->dbg_count - 1];
    if (last->file == at->file && last->start == at->start && last->end == at->end && last->path == g->path_const)
      return;
    if (last->offset == g->len) g->dbg_count--; /* nothing emitted under it */
  }
  if (g->dbg_count == g->dbg_cap) {
    uint32_t cap = g->dbg_cap ? g->dbg_cap * 2 : 256;
    rb_debug_entry *d = realloc(g->dbg, cap * sizeof *d);
    if (!d) {
      g->failed = true;
      return;
    }
    g->dbg = d;
    g->dbg_cap = cap;
  }
  rb_debug_entry *e = &g->dbg[g->dbg_count++];
  e->offset = g->len;
  e->file = at->file;
  e->start = at->start;
  e->end = at->end;
  e->line = e->column = 0; /* fill_positions, once the code is complete */
  e->path = g->path_const;
}

static void emit_byte(gen *g, uint8_t b) {
  reserve(g, 1);
  if (!g->failed || g->len < g->cap) g->code[g->len++] = b;
}

static void emit_u16(gen *g, uint16_t v) {
  emit_byte(g, (uint8_t)(v & 0xff));
  emit_byte(g, (uint8_t)(v >> 8));
}

static void emit_i32(gen *g, int32_t v) {
  uint32_t u = (uint32_t)v;
  for (int i = 0; i < 4; i++) emit_byte(g, (uint8_t)(u >> (8 * i)));
}

static void emit_op(gen *g, rb_ast *at, rb_opcode op) {
  debug_mark(g, at);
  emit_byte(g, (uint8_t)op);
}

static void emit_op_u16(gen *g, rb_ast *at, rb_opcode op, uint16_t a) {
  emit_op(g, at, op);
  emit_u16(g, a);
}

/* Emit a jump-carrying instruction whose offset is patched later; returns
** the position of the offset field. */
static uint32_t emit_jump(gen *g, rb_ast *at, rb_opcode op) {
  emit_op(g, at, op);
  uint32_t pos = g->len;
  emit_i32(g, 0);
  return pos;
}

/* Point the offset field at `pos` to the current end of code. */
static void patch_here(gen *g, uint32_t pos) {
  if (g->failed || pos + 4 > g->len) return;
  int32_t off = (int32_t)(g->len - (pos + 4));
  uint32_t u = (uint32_t)off;
  for (int i = 0; i < 4; i++) g->code[pos + i] = (uint8_t)(u >> (8 * i));
}

/* Emit a jump back to `target`. */
static void emit_jump_to(gen *g, rb_ast *at, rb_opcode op, uint32_t target) {
  emit_op(g, at, op);
  int32_t off = (int32_t)target - (int32_t)(g->len + 4);
  emit_i32(g, off);
}

static void emit_const_num(gen *g, rb_ast *at, rb_num v, rb_unit unit) {
  emit_op_u16(g, at, RB_OP_CONST, const_num(g, at, v, unit));
}

/* ---- Paths -------------------------------------------------------------- */

/* Append s to buf (n bytes used of cap) as snprintf would: truncated, always terminated; n grows
** by the whole length of s. */
static void path_append(char *buf, size_t cap, size_t *n, const char *s) {
  size_t len = strlen(s);
  if (*n < cap) {
    size_t k = len < cap - *n - 1 ? len : cap - *n - 1;
    memcpy(buf + *n, s, k);
    buf[*n + k] = '\0';
  }
  *n += len;
}

static void path_set(gen *g, rb_ast *at) {
  char buf[1024];
  size_t n = 0;
  buf[0] = '\0';
  for (int i = 0; i < g->depth && n < sizeof buf; i++) {
    if (i) path_append(buf, sizeof buf, &n, " › ");
    path_append(buf, sizeof buf, &n, g->path[i]);
  }
  g->path_const = g->depth ? const_text(g, at, buf) : RB_NO_PATH;
}

static void path_push(gen *g, rb_ast *at, const char *name) {
  if (g->depth < (int)(sizeof g->path / sizeof g->path[0])) g->path[g->depth] = name;
  g->depth++;
  path_set(g, at);
}

static void path_pop(gen *g, rb_ast *at) {
  g->depth--;
  path_set(g, at);
}

/* ---- Expressions -------------------------------------------------------- */

static void gen_expr(gen *g, rb_ast *n);

static rb_opcode binary_op(rb_ast_op op) {
  switch (op) {
  case RB_AOP_ADD: return RB_OP_ADD;
  case RB_AOP_SUB: return RB_OP_SUB;
  case RB_AOP_MUL: return RB_OP_MUL;
  case RB_AOP_DIV: return RB_OP_DIV;
  case RB_AOP_EQ: return RB_OP_EQ;
  case RB_AOP_NE: return RB_OP_NE;
  case RB_AOP_LT: return RB_OP_LT;
  case RB_AOP_LE: return RB_OP_LE;
  case RB_AOP_GT: return RB_OP_GT;
  case RB_AOP_GE: return RB_OP_GE;
  }
  return RB_OP_ADD;
}

static rb_unit unit_of_type(rb_type t) {
  return t == RB_TYPE_PERCENT ? RB_UNIT_PERCENT : t == RB_TYPE_MONEY ? RB_UNIT_MONEY : RB_UNIT_PLAIN;
}

/* A step table becomes one constant holding its ranges in written order. */
static void gen_step(gen *g, rb_ast *n) {
  gen_expr(g, n->a);
  uint32_t count = 0;
  for (rb_ast *r = n->b; r; r = r->next) count++;
  rb_constant k = {.type = RB_CONST_STEP, .unit = n->unit};
  k.ranges = rb_arena_calloc(&g->p->arena, count ? count : 1, sizeof *k.ranges);
  k.range_count = count;
  if (!k.ranges) {
    fail(g, n, "out of memory");
    return;
  }
  uint32_t i = 0;
  for (rb_ast *r = n->b; r; r = r->next, i++) {
    rb_step_range *s = &k.ranges[i];
    s->has_low = r->a != NULL;
    s->has_high = r->b != NULL;
    s->low_inclusive = (r->flags & RB_RANGE_LOW_INCL) != 0;
    s->high_inclusive = (r->flags & RB_RANGE_HIGH_INCL) != 0;
    if (r->a) s->low = rehome(g, r->a->num);
    if (r->b) s->high = rehome(g, r->b->num);
    rb_ast *pts = r->c;
    s->points = pts->kind == RB_AST_NUMBER ? rehome(g, pts->num) : rb_num_int(0);
    if (pts->kind == RB_AST_UNARY && pts->a->kind == RB_AST_NUMBER)
      rb_num_neg(g->p->nums, rehome(g, pts->a->num), &s->points);
  }
  emit_op_u16(g, n, RB_OP_STEP, add_const(g, n, &k));
}

/* A target not known yet: the jumps to it are chained (see chain_jump). */
#define FORWARD UINT32_MAX

/* The offset fields of forward jumps to one target, each holding the
** position of the previous one until patch_chain points them all at the
** target; 0 ends the chain (no offset field is at 0). */
typedef uint32_t jump_chain;

static void gen_jump_unless(gen *g, rb_ast *cond, rb_ast *at, uint32_t target, jump_chain *chain);

/* A loop's head: loop->start is where it continues, loop->done the offset
** field to patch when the loop ends (see loop_end). */
typedef struct loop {
  uint32_t start, done;
} loop;

/* Start iterating the sequence on the stack in slots it and it+1, each
** element into slot var (ITER_NEXT_SET).  The loop's body follows. */
static loop loop_head(gen *g, rb_ast *at, uint16_t it, uint16_t var) {
  loop l;
  emit_op_u16(g, at, RB_OP_ITER_START, it);
  l.start = g->len;
  emit_op(g, at, RB_OP_ITER_NEXT_SET);
  emit_u16(g, it);
  emit_u16(g, var);
  l.done = g->len;
  emit_i32(g, 0);
  return l;
}

/* The head of a loop over a table: iterate `seq`, skip the elements failing
** `where`. */
static loop loop_begin(gen *g, rb_ast *at, rb_ast *seq, uint16_t it, uint16_t var, rb_ast *where) {
  gen_expr(g, seq);
  loop l = loop_head(g, at, it, var);
  if (where) gen_jump_unless(g, where, where, l.start, NULL);
  return l;
}

/* Close a loop: back to its head, which continues here when it is done. */
static void loop_end(gen *g, rb_ast *at, loop l) {
  emit_jump_to(g, at, RB_OP_JUMP, l.start);
  patch_here(g, l.done);
}

/* slot = slot + 1: INC_LOCAL, where GET_LOCAL, CONST 1, ADD and SET_LOCAL
** stood, all marked at `at`. */
static void emit_increment(gen *g, rb_ast *at, uint16_t slot) {
  uint16_t one = const_num(g, at, rb_num_int(1), RB_UNIT_PLAIN);
  emit_op_u16(g, at, RB_OP_INC_LOCAL, slot);
  emit_u16(g, one);
}


/* A name: an input, a constant (a global, or a literal pushed where it is
** used) or a local. */
static void gen_name(gen *g, rb_ast *n) {
  rb_ast *d = n->decl;
  switch ((rb_ast_kind)d->kind) {
  case RB_AST_INPUT: emit_op_u16(g, n, RB_OP_INPUT, (uint16_t)d->slot); break;
  case RB_AST_CONST:
    if (d->slot >= 0) emit_op_u16(g, n, RB_OP_GET_GLOBAL, (uint16_t)d->slot);
    else gen_expr(g, d->a);
    break;
  default: emit_op_u16(g, n, RB_OP_GET_LOCAL, lslot(g, d->slot)); break;
  }
}

/* A jump to target, or, when target is FORWARD, one more jump on *chain. */
static void chain_jump(gen *g, rb_ast *at, rb_opcode op, uint32_t target, jump_chain *chain) {
  if (target != FORWARD) {
    emit_jump_to(g, at, op, target);
    return;
  }
  emit_op(g, at, op);
  uint32_t pos = g->len;
  emit_i32(g, (int32_t)*chain);
  *chain = pos;
}

/* Point every jump on the chain to the current end of code. */
static void patch_chain(gen *g, jump_chain chain) {
  while (chain && !g->failed && chain + 4 <= g->len) {
    const uint8_t *b = g->code + chain;
    jump_chain next = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
    patch_here(g, chain);
    chain = next;
  }
}

/* The offset that ends a jump instruction: to target, or, when target is
** FORWARD, one more link on *chain (patch_chain fills it in). */
static void emit_target(gen *g, uint32_t target, jump_chain *chain) {
  if (target != FORWARD) {
    emit_i32(g, (int32_t)target - (int32_t)(g->len + 4));
    return;
  }
  uint32_t pos = g->len;
  emit_i32(g, (int32_t)*chain);
  *chain = pos;
}

/* Like chain_jump, for an instruction whose jump follows constant k (KJ). */
static void chain_jump_k(gen *g, rb_ast *at, rb_opcode op, uint16_t k, uint32_t target, jump_chain *chain) {
  emit_op_u16(g, at, op, k);
  emit_target(g, target, chain);
}

/* Whether x compiles to one CONST (a text, number or date literal, or the
** name of a rubric constant written as one); if so, its constant in *k, added
** to the pool as that CONST would have added it. */
static bool const_operand(gen *g, rb_ast *x, uint16_t *k) {
  for (int hops = 0; x && hops < 64; hops++) {
    switch ((rb_ast_kind)x->kind) {
    case RB_AST_STRING: *k = const_text(g, x, x->text); return true;
    case RB_AST_NUMBER: *k = const_num(g, x, x->num, (rb_unit)x->unit); return true;
    case RB_AST_DATE: {
      rb_constant c = {.type = RB_CONST_DATE, .date = x->ival};
      *k = add_const(g, x, &c);
      return true;
    }
    case RB_AST_NAME:
      if (!x->decl || x->decl->kind != RB_AST_CONST || x->decl->slot >= 0) return false;
      x = x->decl->a;
      break;
    default: return false;
    }
  }
  return false;
}

/* a == b or a != b deciding a branch: a, then b and the compare-and-branch
** (JUMP_IF_EQ when jump_if_eq, else JUMP_IF_NE), or, when b is one constant,
** JUMP_IF_EQ_K or JUMP_IF_NE_K with it; marked with the comparison.  A field
** of a local compared with one constant is one JUMP_IF_FIELD_EQ_K or
** JUMP_IF_FIELD_NE_K. */
static bool is_local_name(const rb_ast *x);

static void jump_on_equality(gen *g, rb_ast *cond, bool jump_if_eq, uint32_t target, jump_chain *chain) {
  uint16_t k;
  rb_ast *x = cond->a;
  if (x->kind == RB_AST_FIELD && is_local_name(x->a) && const_operand(g, cond->b, &k)) {
    /* v.kind == "text" of a local v: FIELD_LOCAL and JUMP_IF_NE_K (or _EQ_K)
    ** in one instruction, its opcode marked with the field and the byte
    ** after with the comparison, each where its own instruction stood. */
    emit_op(g, x, jump_if_eq ? RB_OP_JUMP_IF_FIELD_EQ_K : RB_OP_JUMP_IF_FIELD_NE_K);
    uint16_t slot = lslot(g, x->a->decl->slot);
    debug_mark(g, cond);
    emit_u16(g, slot);
    emit_byte(g, (uint8_t)x->slot);
    emit_u16(g, k);
    emit_target(g, target, chain);
    return;
  }
  gen_expr(g, cond->a);
  if (const_operand(g, cond->b, &k)) {
    chain_jump_k(g, cond, jump_if_eq ? RB_OP_JUMP_IF_EQ_K : RB_OP_JUMP_IF_NE_K, k, target, chain);
    return;
  }
  gen_expr(g, cond->b);
  chain_jump(g, cond, jump_if_eq ? RB_OP_JUMP_IF_EQ : RB_OP_JUMP_IF_NE, target, chain);
}

/* Whether cond is `a == b` or `a != b`. */
static bool is_equality(const rb_ast *cond) {
  return cond->kind == RB_AST_BINARY && (cond->op == RB_AOP_EQ || cond->op == RB_AOP_NE);
}

/* x when cond is `missing(x)` (the built-in, which never fails), else NULL. */
static rb_ast *missing_arg(const rb_ast *cond) {
  if (cond->kind != RB_AST_CALL || cond->decl || cond->slot != RB_BUILTIN_MISSING) return NULL;
  return cond->a && !cond->a->next ? cond->a : NULL;
}

static void gen_jump_if(gen *g, rb_ast *cond, rb_ast *at, uint32_t target, jump_chain *chain);
static bool inline_begin(gen *g, rb_ast *n, inline_site *out);
static void inline_end(gen *g, const inline_site *site);

/* Evaluate cond and continue at target (FORWARD: on *chain) when it is
** false or nil, as JUMP_IF_FALSE after its value would; `at` marks that
** JUMP_IF_FALSE, which stops with an error when the value is no boolean.
** Without pushing a boolean where the rubric's operators allow:
**   a == b, a != b  the compare-and-branch JUMP_IF_NE or JUMP_IF_EQ, marked
**                   with the comparison as EQ and NE are (JUMP_IF_NE_K,
**                   JUMP_IF_EQ_K when b is one constant);
**   missing(x)      x, then JUMP_IF_NOT_NIL (JUMP_IF_NIL in gen_jump_if):
**                   neither missing nor the jump after it can fail;
**   a and b         a, then b, each jumping to target: the left side's
**                   errors at the `and` (where its own JUMP_IF_FALSE stood),
**                   the right side's at `at` (its value was what the
**                   consumer tested);
**   a or b          a jumping past b when true (JUMP_IF_TRUE), then b;
**   f(x)            a small rubric function inlined (inline_begin): its
**                   body as the condition, with the same `at` — the body
**                   deciding the branch is what its value then JUMP_IF_FALSE
**                   at `at` did, as for any condition here.
** `not` keeps its value: not nil is nil, which no inverted jump gives. */
static void gen_jump_unless(gen *g, rb_ast *cond, rb_ast *at, uint32_t target, jump_chain *chain) {
  rb_ast *x;
  inline_site site;
  if (is_equality(cond)) {
    jump_on_equality(g, cond, cond->op != RB_AOP_EQ, target, chain);
  } else if ((x = missing_arg(cond)) != NULL) {
    gen_expr(g, x);
    chain_jump(g, cond, RB_OP_JUMP_IF_NOT_NIL, target, chain);
  } else if (cond->kind == RB_AST_AND) {
    gen_jump_unless(g, cond->a, cond, target, chain);
    gen_jump_unless(g, cond->b, at, target, chain);
  } else if (cond->kind == RB_AST_OR) {
    jump_chain holds = 0;
    gen_jump_if(g, cond->a, cond, FORWARD, &holds);
    gen_jump_unless(g, cond->b, at, target, chain);
    patch_chain(g, holds);
  } else if (cond->kind == RB_AST_CALL && inline_begin(g, cond, &site)) {
    gen_jump_unless(g, site.fn->b, at, target, chain);
    inline_end(g, &site);
  } else {
    gen_expr(g, cond);
    chain_jump(g, at, RB_OP_JUMP_IF_FALSE, target, chain);
  }
}

/* Evaluate cond and continue at target (FORWARD: on *chain) when it is
** true; false and nil go on.  The mirror of gen_jump_unless, with
** JUMP_IF_TRUE marked at `at` for a value that is no comparison. */
static void gen_jump_if(gen *g, rb_ast *cond, rb_ast *at, uint32_t target, jump_chain *chain) {
  rb_ast *x;
  inline_site site;
  if (is_equality(cond)) {
    jump_on_equality(g, cond, cond->op == RB_AOP_EQ, target, chain);
  } else if ((x = missing_arg(cond)) != NULL) {
    gen_expr(g, x);
    chain_jump(g, cond, RB_OP_JUMP_IF_NIL, target, chain);
  } else if (cond->kind == RB_AST_OR) {
    gen_jump_if(g, cond->a, cond, target, chain);
    gen_jump_if(g, cond->b, at, target, chain);
  } else if (cond->kind == RB_AST_AND) {
    jump_chain fails = 0;
    gen_jump_unless(g, cond->a, cond, FORWARD, &fails);
    gen_jump_if(g, cond->b, at, target, chain);
    patch_chain(g, fails);
  } else if (cond->kind == RB_AST_CALL && inline_begin(g, cond, &site)) {
    gen_jump_if(g, site.fn->b, at, target, chain);
    inline_end(g, &site);
  } else {
    gen_expr(g, cond);
    chain_jump(g, at, RB_OP_JUMP_IF_TRUE, target, chain);
  }
}

/* `a and b`, `a or b`: the right side only when the left does not decide. */
static void gen_and_or(gen *g, rb_ast *n) {
  if (n->kind == RB_AST_AND) {
    jump_chain to_false = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_false);
    gen_expr(g, n->b);
    uint32_t to_end = emit_jump(g, n, RB_OP_JUMP);
    patch_chain(g, to_false);
    emit_op(g, n, RB_OP_FALSE);
    patch_here(g, to_end);
  } else {
    jump_chain to_b = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_b);
    emit_op(g, n, RB_OP_TRUE);
    uint32_t to_end = emit_jump(g, n, RB_OP_JUMP);
    patch_chain(g, to_b);
    gen_expr(g, n->b);
    patch_here(g, to_end);
  }
}

/* The text x stands for when it is a text literal, or the name of a rubric
** constant written as one (const 无 = "无"); NULL otherwise. */
static const char *literal_text(const rb_ast *x) {
  for (int hops = 0; x && hops < 64; hops++) {
    if (x->kind == RB_AST_STRING) return x->text ? x->text : "";
    if (x->kind != RB_AST_NAME || !x->decl || x->decl->kind != RB_AST_CONST || x->decl->slot >= 0) return NULL;
    x = x->decl->a;
  }
  return NULL;
}

/* `x in ["", "—", …]` with every choice a text literal: IN_TEXTS with the
** texts as one constant, a set of texts.  Marked with the first choice, where
** the chain it replaces would stop with an error (EQ of a number and a
** text).  False, having emitted nothing, when a choice is no literal text
** or there is none. */
static bool gen_in_texts(gen *g, rb_ast *n) {
  uint32_t count = 0;
  for (rb_ast *x = n->b; x; x = x->next, count++)
    if (!literal_text(x)) return false;
  if (count == 0) return false;
  rb_constant k = {.type = RB_CONST_TEXTS, .text_count = count};
  k.texts = rb_arena_calloc(&g->p->arena, count, sizeof *k.texts);
  if (!k.texts) {
    fail(g, n, "out of memory");
    return true;
  }
  uint32_t i = 0;
  for (rb_ast *x = n->b; x; x = x->next, i++) {
    const char *t = literal_text(x);
    k.texts[i].len = (uint32_t)strlen(t);
    k.texts[i].text = rb_arena_strndup(&g->p->arena, t, k.texts[i].len);
    if (!k.texts[i].text) {
      fail(g, n, "out of memory");
      return true;
    }
  }
  gen_expr(g, n->a);
  emit_op_u16(g, n->b, RB_OP_IN_TEXTS, add_const(g, n, &k));
  return true;
}

/* `x in [a, b]`: x kept in a scratch slot and compared with each in turn
** (JUMP_IF_NE to the next); a list of text literals is one IN_TEXTS.  The
** checker allows at most RB_MAX_ARGS choices. */
static void gen_in_list(gen *g, rb_ast *n) {
  if (gen_in_texts(g, n)) return;
  gen_expr(g, n->a);
  uint16_t slot = lslot(g, n->slot);
  emit_op_u16(g, n, RB_OP_SET_LOCAL, slot);
  uint32_t ends[RB_MAX_ARGS];
  int count = 0;
  for (rb_ast *x = n->b; x && count < RB_MAX_ARGS; x = x->next) {
    emit_op_u16(g, n, RB_OP_GET_LOCAL, slot);
    uint16_t k;
    uint32_t next;
    if (const_operand(g, x, &k)) {
      emit_op_u16(g, x, RB_OP_JUMP_IF_NE_K, k);
      next = g->len;
      emit_i32(g, 0);
    } else {
      gen_expr(g, x);
      next = emit_jump(g, x, RB_OP_JUMP_IF_NE);
    }
    emit_op(g, n, RB_OP_TRUE);
    ends[count++] = emit_jump(g, n, RB_OP_JUMP);
    patch_here(g, next);
  }
  emit_op(g, n, RB_OP_FALSE);
  for (int i = 0; i < count; i++) patch_here(g, ends[i]);
}

/* sum / count / all / any / min / max over a table.  Slots: var, iteration
** (2), accumulator. */
static void gen_aggregate_loop(gen *g, rb_ast *n) {
  uint16_t var = lslot(g, n->slot), it = (uint16_t)(var + 1), acc = (uint16_t)(var + 3);
  rb_agg_kind kind = (rb_agg_kind)n->op;
  switch (kind) {
  case RB_AGG_SUM: emit_const_num(g, n, rb_num_int(0), unit_of_type((rb_type)n->ival)); break;
  case RB_AGG_COUNT: emit_const_num(g, n, rb_num_int(0), RB_UNIT_PLAIN); break;
  case RB_AGG_ALL: emit_op(g, n, RB_OP_TRUE); break;
  case RB_AGG_ANY: emit_op(g, n, RB_OP_FALSE); break;
  case RB_AGG_MIN:
  case RB_AGG_MAX:
  case RB_AGG_LIST: emit_op(g, n, RB_OP_NIL); break;
  }
  emit_op_u16(g, n, RB_OP_SET_LOCAL, acc);
  loop l = loop_begin(g, n, n->b, it, var, n->c);
  switch (kind) {
  case RB_AGG_SUM:
    emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
    gen_expr(g, n->a);
    emit_op(g, n, RB_OP_ADD);
    break;
  case RB_AGG_COUNT:
    emit_increment(g, n, acc);
    loop_end(g, n, l);
    emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
    return;
  case RB_AGG_ALL:
    /* Once false, stay false without evaluating more elements. */
    emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
    emit_jump_to(g, n, RB_OP_JUMP_IF_FALSE, l.start);
    gen_expr(g, n->a);
    break;
  case RB_AGG_ANY:
    emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
    emit_op(g, n, RB_OP_NOT);
    emit_jump_to(g, n, RB_OP_JUMP_IF_FALSE, l.start);
    gen_expr(g, n->a);
    break;
  case RB_AGG_MIN:
  case RB_AGG_MAX:
  case RB_AGG_LIST:
    emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
    gen_expr(g, n->a);
    emit_op(g, n, RB_OP_CALL_BUILTIN);
    emit_u16(g, kind == RB_AGG_MIN ? RB_BUILTIN_MIN : kind == RB_AGG_MAX ? RB_BUILTIN_MAX : RB_BUILTIN_APPEND);
    emit_byte(g, 2);
    break;
  }
  emit_op_u16(g, n, RB_OP_SET_LOCAL, acc);
  loop_end(g, n, l);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, acc);
}

/* The loop runs for every row: calls in it are inlined (gen->hot). */
static void gen_aggregate(gen *g, rb_ast *n) {
  g->hot++;
  gen_aggregate_loop(g, n);
  g->hot--;
}

/* starts_with(plain(r.F), "K") or contains(plain(r.F), "K") of a local r
** (a where condition over rows): one FIELD_TEXT_TEST where FIELD_LOCAL,
** CALL_BUILTIN plain, CONST and CALL_BUILTIN stood.  Its opcode is marked
** with r.F, the byte after with plain(…), the next with the test, so that an
** error of each step names the place the step's own instruction named.
** False, having emitted nothing, for any other call. */
static bool gen_text_test(gen *g, rb_ast *n) {
  if (n->decl || (n->slot != RB_BUILTIN_STARTS_WITH && n->slot != RB_BUILTIN_CONTAINS)) return false;
  rb_ast *plain = n->a, *lit = plain ? plain->next : NULL;
  if (!lit || lit->next || plain->kind != RB_AST_CALL || plain->decl || plain->slot != RB_BUILTIN_PLAIN ||
      !plain->a || plain->a->next)
    return false;
  rb_ast *field = plain->a;
  if (field->kind != RB_AST_FIELD || field->a->kind != RB_AST_NAME || field->a->decl->kind == RB_AST_INPUT ||
      field->a->decl->kind == RB_AST_CONST)
    return false;
  const char *text = literal_text(lit);
  if (!text) return false;
  uint16_t slot = lslot(g, field->a->decl->slot), k = const_text(g, lit, text);
  emit_op(g, field, RB_OP_FIELD_TEXT_TEST);
  debug_mark(g, plain);
  emit_byte(g, (uint8_t)(slot & 0xff));
  debug_mark(g, n);
  emit_byte(g, (uint8_t)(slot >> 8));
  emit_byte(g, (uint8_t)field->slot);
  emit_u16(g, (uint16_t)n->slot);
  emit_u16(g, k);
  return true;
}

/* The index in c->fns of the rubric function that call n calls, or -1 when n
** is no call of one (a built-in, a native function, any other node). */
static int32_t called_fn(const gen *g, const rb_ast *n) {
  if (n->kind != RB_AST_CALL || !n->decl || n->decl->kind != RB_AST_FN || n->decl->slot < 1 ||
      (uint32_t)n->decl->slot > g->c->fn_count)
    return -1;
  return n->decl->slot - 1;
}

/* Whether x names a local of the code being emitted (a parameter, a let, a
** loop variable): read with GET_LOCAL or a *_LOCAL instruction, which
** cannot fail, and, as an inlined call's argument, from a slot no inlined
** body writes. */
static bool is_local_name(const rb_ast *x) {
  return x->kind == RB_AST_NAME && x->decl && x->decl->kind != RB_AST_INPUT && x->decl->kind != RB_AST_CONST;
}

/* A call of a rubric function n->decl small enough to inline
** (INLINE_MAX_BYTES, measured by measure_inlining): the callee's body
** emitted in place of CALL, its value left where CALL would have pushed the
** result.  The arguments are evaluated in order as for CALL; each is stored
** (SET_LOCAL, marked with the argument) in a fresh local of the caller that
** stands for the parameter, except an argument that is a local of the
** caller, which the body then reads where it is.  The callee's locals take
** fresh slots (base + their slot), freed again after it, so that sibling
** calls share them; calls inlined inside the arguments take slots above
** those, as they run while the earlier arguments wait in theirs.  Every
** instruction of the body is marked with the callee's own source, as in its
** function: an error inside it names the same line and column.  A function body has no sections, items or
** checks, so nothing it does depends on running in a frame of its own.
** inline_begin emits the arguments and enters the body's slots (false,
** having emitted nothing, when the call is not inlined); the caller then
** emits site->fn->b, as a value or as a condition, and calls inline_end. */
static bool inline_begin(gen *g, rb_ast *n, inline_site *out) {
  int32_t i = called_fn(g, n);
  if (!g->hot || i < 0 || !g->inline_size || g->inline_size[i] > INLINE_MAX_BYTES) return false;
  const rb_ast *f = n->decl;
  for (const inline_site *x = g->inl; x; x = x->outer)
    if (x->fn == f) return false; /* a function inside its own body: never, as written */
  uint32_t locals = (uint32_t)f->ival;
  if (g->next_local + locals > RB_MAX_LOCALS) return false;
  inline_site site = {.outer = g->inl, .fn = f, .base = g->next_local};
  for (const rb_ast *p = f->a; p; p = p->next) site.arity++;
  if (site.arity > RB_MAX_ARGS) return false;
  for (const rb_ast *p = f->a; p; p = p->next)
    if (p->slot < 0 || (uint32_t)p->slot >= site.arity || site.arity > locals) return false;
  *out = site;
  /* The callee's slots are taken before its arguments are evaluated: an
  ** argument's own inlined calls go above them. */
  g->next_local = site.base + locals;
  if (g->next_local > g->max_local) g->max_local = g->next_local;
  const rb_ast *p = f->a;
  for (rb_ast *a = n->a; a && p; a = a->next, p = p->next) {
    if (is_local_name(a)) {
      out->param[p->slot] = lslot(g, a->decl->slot);
    } else {
      out->param[p->slot] = (uint16_t)(out->base + (uint32_t)p->slot);
      gen_expr(g, a);
      emit_op_u16(g, a, RB_OP_SET_LOCAL, out->param[p->slot]);
    }
  }
  g->inl = out;
  return true;
}

static void inline_end(gen *g, const inline_site *site) {
  g->inl = site->outer;
  g->next_local = site->base;
}

/* A call inlined as a value (see inline_begin); false when not inlined. */
static bool gen_inline_call(gen *g, rb_ast *n) {
  inline_site site;
  if (!inline_begin(g, n, &site)) return false;
  gen_expr(g, site.fn->b);
  inline_end(g, &site);
  return true;
}

static void gen_expr(gen *g, rb_ast *n) {
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_NUMBER: emit_const_num(g, n, n->num, (rb_unit)n->unit); break;
  case RB_AST_STRING: emit_op_u16(g, n, RB_OP_CONST, const_text(g, n, n->text)); break;
  case RB_AST_DATE: {
    rb_constant k = {.type = RB_CONST_DATE, .date = n->ival};
    emit_op_u16(g, n, RB_OP_CONST, add_const(g, n, &k));
    break;
  }
  case RB_AST_BOOL: emit_op(g, n, n->ival ? RB_OP_TRUE : RB_OP_FALSE); break;
  case RB_AST_NIL: emit_op(g, n, RB_OP_NIL); break;
  case RB_AST_NAME: gen_name(g, n); break;
  case RB_AST_FIELD:
    if (n->a->kind == RB_AST_FIELD && is_local_name(n->a->a)) {
      /* r.actual.text of a local r: one instruction, without the measure in between. */
      emit_op_u16(g, n, RB_OP_FIELDS_LOCAL, lslot(g, n->a->a->decl->slot));
      emit_byte(g, (uint8_t)n->a->slot);
      emit_byte(g, (uint8_t)n->slot);
      break;
    }
    if (is_local_name(n->a)) {
      /* r.name of a local r (a loop variable, a parameter, a let). */
      emit_op_u16(g, n, RB_OP_FIELD_LOCAL, lslot(g, n->a->decl->slot));
      emit_byte(g, (uint8_t)n->slot);
      break;
    }
    gen_expr(g, n->a);
    emit_op(g, n, RB_OP_FIELD);
    emit_byte(g, (uint8_t)n->slot);
    break;
  case RB_AST_CALL: {
    if (gen_text_test(g, n) || gen_inline_call(g, n)) break;
    int argc = 0;
    for (rb_ast *a = n->a; a; a = a->next, argc++) gen_expr(g, a);
    emit_op(g, n, !n->decl ? RB_OP_CALL_BUILTIN : n->decl->kind == RB_AST_NATIVE ? RB_OP_CALL_NATIVE : RB_OP_CALL);
    emit_u16(g, (uint16_t)n->slot);
    emit_byte(g, (uint8_t)argc);
    break;
  }
  case RB_AST_UNARY:
    gen_expr(g, n->a);
    emit_op(g, n, n->op == 'n' ? RB_OP_NOT : RB_OP_NEG);
    break;
  case RB_AST_BINARY:
    gen_expr(g, n->a);
    gen_expr(g, n->b);
    emit_op(g, n, binary_op((rb_ast_op)n->op));
    break;
  case RB_AST_AND:
  case RB_AST_OR: gen_and_or(g, n); break;
  case RB_AST_IF: {
    jump_chain to_else = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_else);
    gen_expr(g, n->b);
    uint32_t to_end = emit_jump(g, n, RB_OP_JUMP);
    patch_chain(g, to_else);
    gen_expr(g, n->c);
    patch_here(g, to_end);
    break;
  }
  case RB_AST_BLOCK:
    for (rb_ast *l = n->a; l; l = l->next) {
      gen_expr(g, l->a);
      emit_op_u16(g, l, RB_OP_SET_LOCAL, lslot(g, l->slot));
    }
    gen_expr(g, n->b);
    break;
  case RB_AST_STEP: gen_step(g, n); break;
  case RB_AST_AGGREGATE: gen_aggregate(g, n); break;
  case RB_AST_IN_LIST: gen_in_list(g, n); break;
  case RB_AST_ROUND:
    gen_expr(g, n->a);
    emit_op(g, n, RB_OP_ROUND);
    emit_byte(g, (uint8_t)(int8_t)n->ival);
    emit_byte(g, n->op);
    break;
  case RB_AST_WEIGHT: emit_op(g, n, RB_OP_WEIGHT); break;
  case RB_AST_SELF: emit_op(g, n, RB_OP_SELF); break;
  default: fail(g, n, "internal error: cannot compile this expression"); break;
  }
}

/* A function's body n: its value, returned (RETURN marked with the function
** f) at every way out, so that no branch of an if, and, or, or a block's
** value jumps to a RETURN at the end (the jump and the return are one
** RETURN).  The values and errors are gen_expr's: only where control goes
** after them changes. */
static void gen_return(gen *g, rb_ast *n, rb_ast *f) {
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_IF: {
    jump_chain to_else = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_else);
    gen_return(g, n->b, f);
    patch_chain(g, to_else);
    gen_return(g, n->c, f);
    return;
  }
  case RB_AST_AND: {
    jump_chain to_false = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_false);
    gen_return(g, n->b, f);
    patch_chain(g, to_false);
    emit_op(g, n, RB_OP_FALSE);
    break;
  }
  case RB_AST_OR: {
    jump_chain to_b = 0;
    gen_jump_unless(g, n->a, n, FORWARD, &to_b);
    emit_op(g, n, RB_OP_TRUE);
    emit_op(g, f, RB_OP_RETURN);
    patch_chain(g, to_b);
    gen_return(g, n->b, f);
    return;
  }
  case RB_AST_BLOCK:
    for (rb_ast *l = n->a; l; l = l->next) {
      gen_expr(g, l->a);
      emit_op_u16(g, l, RB_OP_SET_LOCAL, lslot(g, l->slot));
    }
    gen_return(g, n->b, f);
    return;
  default: gen_expr(g, n); break;
  }
  emit_op(g, f, RB_OP_RETURN);
}

/* ---- The tree ----------------------------------------------------------- */

static void gen_member(gen *g, rb_ast *n);

/* An item's score written as more than one call or value — (if 可行性论证
** then 6 else 0) + (if 按程序设立 then 3 else 0) — gets its source text as
** its formula (FORMULA), so that its explanation shows the real rule and not
** the last built-in it happened to call.  Spaces and line breaks outside
** quoted text are collapsed to one space.  A call explains itself: a built-in or a native
** function by its own explanation, a rubric's function by the built-in inside
** it when the item's score is what that built-in gave (else by nothing, rather
** than something untrue). */
static void emit_formula(gen *g, rb_ast *expr) {
  switch ((rb_ast_kind)expr->kind) {
  case RB_AST_CALL:
  case RB_AST_NUMBER:
  case RB_AST_NAME:
  case RB_AST_WEIGHT:
  case RB_AST_SELF:
  case RB_AST_NIL: return;
  default: break;
  }
  const rb_diags *d = g->c->diags;
  if (expr->file >= d->file_count || expr->end > d->files[expr->file].len || expr->start >= expr->end) return;
  const char *src = d->files[expr->file].text;
  char buf[512];
  size_t len = 0;
  bool space = false, quoted = false;
  for (uint32_t i = expr->start; i < expr->end && len + 2 < sizeof buf; i++) {
    char ch = src[i];
    /* Text in quotes is kept as written, spaces and all. */
    if (ch == '"' && (i == expr->start || src[i - 1] != '\\')) quoted = !quoted;
    if (!quoted && (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')) {
      space = len > 0;
      continue;
    }
    if (space) buf[len++] = ' ';
    space = false;
    buf[len++] = ch;
  }
  /* Cut at a character boundary if the text was too long. */
  len = rb_utf8_complete(buf, len);
  buf[len] = '\0';
  emit_op_u16(g, expr, RB_OP_FORMULA, const_text(g, expr, buf));
}

/* Generated items: select and count the rows, split the section's weight,
** then open an item per selected row.  The where condition runs once a row
** (a condition that records a finding records it once).  Slots: row,
** iteration (2), count, weights, index, selected rows. */
static void gen_each_loop(gen *g, rb_ast *n) {
  uint16_t row = (uint16_t)n->slot, it = (uint16_t)(n->slot + 1), count = (uint16_t)(n->slot + 3),
           weights = (uint16_t)(n->slot + 4), index = (uint16_t)(n->slot + 5), rows = (uint16_t)(n->slot + 6);
  /* Pass 1: select and count. */
  emit_const_num(g, n, rb_num_int(0), RB_UNIT_PLAIN);
  emit_op_u16(g, n, RB_OP_SET_LOCAL, count);
  emit_op(g, n, RB_OP_NIL); /* append treats nil as the empty list */
  emit_op_u16(g, n, RB_OP_SET_LOCAL, rows);
  loop l1 = loop_begin(g, n, rb_ast_each_table(n), it, row, rb_ast_each_where(n));
  emit_op_u16(g, n, RB_OP_GET_LOCAL, rows);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, row);
  emit_op(g, n, RB_OP_CALL_BUILTIN);
  emit_u16(g, RB_BUILTIN_APPEND);
  emit_byte(g, 2);
  emit_op_u16(g, n, RB_OP_SET_LOCAL, rows);
  emit_increment(g, n, count);
  loop_end(g, n, l1);
  /* The shares of the section's weight: by the rows' own weights, falling
  ** back to the else policy when a row states none (SPLIT_ROWS gives nil);
  ** or by the policy alone. */
  uint32_t shares_done = 0;
  uint8_t policy = n->op;
  int8_t places = (int8_t)n->ival;
  if (n->flags & RB_EACH_BY_ROW) {
    emit_op(g, n, RB_OP_WEIGHT);
    emit_op_u16(g, n, RB_OP_GET_LOCAL, rows);
    emit_op(g, n, RB_OP_SPLIT_ROWS);
    emit_byte(g, n->op2);
    emit_byte(g, (uint8_t)places);
    emit_op_u16(g, n, RB_OP_SET_LOCAL, weights);
    emit_op_u16(g, n, RB_OP_GET_LOCAL, weights);
    emit_op(g, n, RB_OP_CALL_BUILTIN);
    emit_u16(g, RB_BUILTIN_MISSING);
    emit_byte(g, 1);
    shares_done = emit_jump(g, n, RB_OP_JUMP_IF_FALSE);
    policy = n->else_op;
    places = n->else_places;
  }
  emit_op(g, n, RB_OP_WEIGHT);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, count);
  emit_op(g, n, RB_OP_SPLIT);
  emit_byte(g, policy);
  emit_byte(g, (uint8_t)places);
  emit_op_u16(g, n, RB_OP_SET_LOCAL, weights);
  if (n->flags & RB_EACH_BY_ROW) patch_here(g, shares_done);
  emit_const_num(g, n, rb_num_int(0), RB_UNIT_PLAIN);
  emit_op_u16(g, n, RB_OP_SET_LOCAL, index);
  /* Pass 2: an item per selected row. */
  emit_op_u16(g, n, RB_OP_GET_LOCAL, rows);
  loop l2 = loop_head(g, n, it, row);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, weights);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, index);
  emit_op(g, n, RB_OP_INDEX);
  emit_op_u16(g, n, RB_OP_GET_LOCAL, row);
  char label[256];
  snprintf(label, sizeof label, "each %s", n->text);
  path_push(g, n, rb_arena_strdup(&g->p->arena, label));
  uint32_t end = emit_jump(g, n, RB_OP_ITEM_ROW);
  emit_formula(g, rb_ast_each_score(n));
  gen_expr(g, rb_ast_each_score(n));
  patch_here(g, end);
  emit_op(g, n, RB_OP_ITEM_END);
  path_pop(g, n);
  emit_increment(g, n, index);
  loop_end(g, n, l2);
}

/* The loop runs for every row: calls in it are inlined (gen->hot). */
static void gen_each(gen *g, rb_ast *n) {
  g->hot++;
  gen_each_loop(g, n);
  g->hot--;
}

static void gen_member(gen *g, rb_ast *n) {
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_SECTION:
    emit_const_num(g, n->a, n->weight, RB_UNIT_PLAIN);
    path_push(g, n, n->text);
    emit_op_u16(g, n, RB_OP_NODE, const_text(g, n, n->text));
    for (rb_ast *m = n->b; m; m = m->next) gen_member(g, m);
    emit_op(g, n, RB_OP_NODE_END);
    path_pop(g, n);
    break;
  case RB_AST_ITEM: {
    emit_const_num(g, n->a, n->weight, RB_UNIT_PLAIN);
    path_push(g, n, n->text);
    emit_op(g, n, RB_OP_ITEM);
    emit_u16(g, const_text(g, n, n->text));
    uint32_t end = g->len;
    emit_i32(g, 0);
    emit_formula(g, n->b);
    gen_expr(g, n->b);
    patch_here(g, end);
    emit_op(g, n, RB_OP_ITEM_END);
    path_pop(g, n);
    break;
  }
  case RB_AST_EACH: gen_each(g, n); break;
  case RB_AST_CHECK:
    gen_expr(g, n->a);
    if (n->b) gen_expr(g, n->b);
    else emit_op(g, n, RB_OP_NIL);
    emit_op_u16(g, n, RB_OP_CHECK, const_text(g, n, n->text));
    break;
  default: break;
  }
}

/* ---- Rows looked up by name ----------------------------------------------- */

/* Whether n is `v.name == "TEXT"` (either way round) for the loop variable
** declared by `loop`; the text then in *name. */
static bool is_name_lookup(const rb_ast *n, const rb_ast *var, const char **name) {
  if (n->kind != RB_AST_BINARY || n->op != RB_AOP_EQ) return false;
  for (int side = 0; side < 2; side++) {
    const rb_ast *f = side ? n->b : n->a, *s = side ? n->a : n->b;
    if (f->kind == RB_AST_FIELD && f->slot == RB_FIELD_NAME && f->a && f->a->kind == RB_AST_NAME &&
        f->a->decl == var && s->kind == RB_AST_STRING) {
      *name = s->text;
      return true;
    }
  }
  return false;
}

/* A where condition that requires a row of a given name — r.name == "…",
** alone or in a chain of `and` — emits ROW_NAMED for it, so that a report
** without such a row is told, rather than the lookup summing to a silent 0. */
static void emit_where_lookups(gen *g, rb_ast *where, const rb_ast *var) {
  if (!where) return;
  if (where->kind == RB_AST_AND) {
    emit_where_lookups(g, where->a, var);
    emit_where_lookups(g, where->b, var);
    return;
  }
  const char *name;
  if (!is_name_lookup(where, var, &name)) return;
  uint16_t k = const_text(g, where, name);
  for (uint32_t i = 0; i < g->row_name_count; i++)
    if (g->row_names[i] == k) return; /* once per name */
  if (g->row_name_count < sizeof g->row_names / sizeof g->row_names[0]) g->row_names[g->row_name_count++] = k;
  emit_op_u16(g, where, RB_OP_ROW_NAMED, k);
}

/* Every where condition over the indicator table in a list of statements or
** an expression (the tree's members and the functions' bodies). */
static void emit_row_lookups(gen *g, rb_ast *n) {
  for (; n; n = n->next) {
    if (n->kind == RB_AST_AGGREGATE && rb_ast_aggregate_table(n)->type == RB_TYPE_INDICATORS)
      emit_where_lookups(g, rb_ast_aggregate_where(n), n);
    if (n->kind == RB_AST_EACH && rb_ast_each_table(n)->type == RB_TYPE_INDICATORS)
      emit_where_lookups(g, rb_ast_each_where(n), n);
    if (n->kind == RB_AST_INPUT || n->kind == RB_AST_CONST || n->kind == RB_AST_NATIVE) continue;
    if (n->a) emit_row_lookups(g, n->a);
    if (n->b) emit_row_lookups(g, n->b);
    if (n->c) emit_row_lookups(g, n->c);
  }
}

/* ---- The program -------------------------------------------------------- */

static void begin_function(gen *g, uint32_t index, const char *name, uint16_t arity, uint32_t locals) {
  rb_function *f = &g->fns[index];
  f->name = rb_arena_strdup(&g->p->arena, name);
  f->arity = arity;
  f->code_start = g->len;
  g->next_local = g->max_local = locals;
}

/* A function's locals: the checker's count, and the slots of the bodies
** inlined into it (gen_inline_call keeps them within RB_MAX_LOCALS). */
static void end_function(gen *g, uint32_t index) {
  g->fns[index].code_len = g->len - g->fns[index].code_start;
  g->fns[index].local_count = (uint16_t)(g->max_local > RB_MAX_LOCALS ? RB_MAX_LOCALS : g->max_local);
}

/* Whether a constant is written as a literal, or names one: its uses push
** the literal itself. */
static bool const_is_literal(const rb_ast *d) {
  for (const rb_ast *e = d->a; e;) {
    switch ((rb_ast_kind)e->kind) {
    case RB_AST_NUMBER:
    case RB_AST_STRING:
    case RB_AST_DATE:
    case RB_AST_BOOL:
    case RB_AST_NIL: return true;
    case RB_AST_NAME:
      if (!e->decl || e->decl->kind != RB_AST_CONST) return false;
      e = e->decl->a;
      break;
    default: return false;
    }
  }
  return false;
}

/* The start of main: every constant that is used and is not a literal
** (const 单项分值 = 满分 / 25) is computed once, in declaration order, into
** a global of its own (its slot), which its uses read with GET_GLOBAL.
** Inlining the expression at each use instead grows exponentially with
** constants built on constants (const c2 = c1 + c1). */
static bool computed_const(const rb_ast *d) { return d->kind == RB_AST_CONST && d->used && !const_is_literal(d); }

/* Each computed constant's global, in declaration order, before any code
** is emitted (measure_inlining emits function bodies that read them).  A
** constant's expression names only constants declared before it. */
static void assign_globals(gen *g) {
  rb_compiler *c = g->c;
  uint32_t globals = 0;
  for (uint32_t i = 0; i < c->global_count; i++) {
    rb_ast *d = c->globals[i].decl;
    if (!computed_const(d)) continue;
    if (globals > UINT16_MAX) {
      fail(g, d, "this rubric has more than 65536 computed constants");
      return;
    }
    d->slot = (int32_t)globals++;
  }
}

static void emit_constants(gen *g) {
  rb_compiler *c = g->c;
  for (uint32_t i = 0; i < c->global_count && !g->failed; i++) {
    rb_ast *d = c->globals[i].decl;
    if (!computed_const(d)) continue;
    gen_expr(g, d->a);
    emit_op_u16(g, d, RB_OP_SET_GLOBAL, (uint16_t)d->slot);
  }
}

/* ---- Inlining ----------------------------------------------------------- */

/* The deepest chain of calls of rubric functions in the tree n (with its
** siblings), given each function's own (depth, c->fns order). */
static uint32_t call_depth(const gen *g, const rb_ast *n, const uint32_t *depth) {
  uint32_t deepest = 0;
  for (; n; n = n->next) {
    int32_t i = called_fn(g, n);
    uint32_t d = i >= 0 ? depth[i] : 0;
    uint32_t a = n->a ? call_depth(g, n->a, depth) : 0, b = n->b ? call_depth(g, n->b, depth) : 0,
             c = n->c ? call_depth(g, n->c, depth) : 0;
    if (a > d) d = a;
    if (b > d) d = b;
    if (c > d) d = c;
    if (d > deepest) deepest = d;
  }
  return deepest;
}

/* Drop the constants from index count on (added by a measurement), and
** index the rest anew. */
static void truncate_consts(gen *g, uint32_t count) {
  if (count == g->const_count) return;
  g->const_count = count;
  if (g->const_slots) memset(g->const_index, 0, g->const_slots * sizeof *g->const_index);
  uint32_t mask = g->const_slots - 1;
  for (uint32_t i = 0; i < count; i++) {
    if (g->consts[i].type == RB_CONST_STEP) continue; /* never shared, never indexed */
    uint32_t b = (uint32_t)const_hash(&g->consts[i]) & mask;
    while (g->const_index[b]) b = (b + 1) & mask;
    g->const_index[b] = i + 1;
  }
}

/* Set wanted[f] for every rubric function f called in code that runs many
** times a report — a function's body (hot), or a loop over rows in main:
** the only calls inlined.  A call in main's straight-line code runs once a
** report, where saving a CALL is worth less than a copy of the body in the
** program (a 100,000-line rubric of functions each called once from its
** item would grow by half). */
static void mark_hot_calls(const gen *g, const rb_ast *n, bool hot, uint8_t *wanted) {
  for (; n; n = n->next) {
    bool h = hot || n->kind == RB_AST_EACH || n->kind == RB_AST_AGGREGATE;
    int32_t i = called_fn(g, n);
    if (h && i >= 0) wanted[i] = 1;
    if (n->a) mark_hot_calls(g, n->a, h, wanted);
    if (n->b) mark_hot_calls(g, n->b, h, wanted);
    if (n->c) mark_hot_calls(g, n->c, h, wanted);
  }
}

/* Which functions gen_inline_call inlines: each body is emitted once as
** it would be inlined (with the calls in it inlined in turn, callees being
** declared first), its size in bytes recorded, and the code, debug entries
** and constants it added dropped again.  None are inlined when a chain of
** calls nests INLINE_NO_DEEPER deep or more: the VM stops a run whose calls nest
** 256 deep with an error ("functions call each other too deeply"), which inlining would
** otherwise remove from some rubrics and not others. */
static void measure_inlining(gen *g) {
  rb_compiler *c = g->c;
  if (c->fn_count == 0) return;
  uint32_t *size = rb_arena_calloc(&g->p->arena, c->fn_count, sizeof *size);
  uint32_t *depth = calloc(c->fn_count, sizeof *depth);
  if (!size || !depth) {
    free(depth);
    fail(g, c->fns[0], "out of memory");
    return;
  }
  uint32_t deepest = 0;
  for (uint32_t i = 0; i < c->fn_count; i++) {
    depth[i] = 1 + call_depth(g, c->fns[i]->b, depth);
    if (depth[i] > deepest) deepest = depth[i];
  }
  free(depth);
  if (deepest >= INLINE_NO_DEEPER) return;
  uint8_t *wanted = calloc(c->fn_count, 1);
  if (!wanted) {
    fail(g, c->fns[0], "out of memory");
    return;
  }
  for (uint32_t i = 0; i < c->fn_count; i++) mark_hot_calls(g, c->fns[i]->b, true, wanted);
  mark_hot_calls(g, c->statements, false, wanted);
  uint32_t len = g->len, dbg = g->dbg_count, consts = g->const_count;
  for (uint32_t i = 0; i < c->fn_count; i++) size[i] = UINT32_MAX;
  g->inline_size = size;
  g->hot = 1;
  for (uint32_t i = 0; i < c->fn_count && !g->failed; i++) {
    if (!wanted[i]) continue; /* never called where it would be inlined */
    rb_ast *f = c->fns[i];
    g->next_local = g->max_local = (uint32_t)f->ival;
    gen_expr(g, f->b);
    size[i] = g->len - len;
    g->len = len;
    g->dbg_count = dbg;
  }
  g->hot = 0;
  free(wanted);
  truncate_consts(g, consts);
}

/* A debug entry's place in the source, for sorting. */
typedef struct entry_place {
  uint16_t file;
  uint32_t start, index;
} entry_place;

/* Sort places by (file, start), stably: a radix sort, one pass a byte of the key, skipping the
** bytes in which every key agrees (a rubric of one file, of less than 16 MiB, takes three passes).
** qsort's calls of a comparison were a sixth of the time of compiling a large rubric. */
static bool sort_places(entry_place *a, uint32_t n) {
  entry_place *tmp = malloc((size_t)n * sizeof *tmp);
  if (!tmp) return false;
  uint64_t or_all = 0, and_all = ~(uint64_t)0;
  for (uint32_t i = 0; i < n; i++) {
    uint64_t k = (uint64_t)a[i].file << 32 | a[i].start;
    or_all |= k;
    and_all &= k;
  }
  entry_place *from = a, *to = tmp;
  for (int shift = 0; shift < 48; shift += 8) {
    if (((or_all ^ and_all) >> shift & 0xff) == 0) continue; /* every key has the same byte here */
    uint32_t count[257] = {0};
    for (uint32_t i = 0; i < n; i++) count[((uint64_t)from[i].file << 32 | from[i].start) >> shift & 0xff]++;
    uint32_t sum = 0;
    for (int b = 0; b < 256; b++) {
      uint32_t c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (uint32_t i = 0; i < n; i++) to[count[((uint64_t)from[i].file << 32 | from[i].start) >> shift & 0xff]++] = from[i];
    entry_place *t = from;
    from = to;
    to = t;
  }
  if (from != a) memcpy(a, from, (size_t)n * sizeof *a);
  free(tmp);
  return true;
}

/* The line and column of every debug entry, in one walk over the entries
** sorted by place: each costs the characters since the one before on its
** line.  (In code order, one long line — 30,000 choices after `in` — had
** its columns counted from the line's start again and again.) */
static void fill_positions(gen *g) {
  if (g->dbg_count == 0) return;
  entry_place *order = malloc(g->dbg_count * sizeof *order);
  if (!order) {
    g->failed = true;
    return;
  }
  for (uint32_t i = 0; i < g->dbg_count; i++) order[i] = (entry_place){g->dbg[i].file, g->dbg[i].start, i};
  if (!sort_places(order, g->dbg_count)) {
    free(order);
    g->failed = true;
    return;
  }
  rb_source_cursor cursor = {0};
  for (uint32_t i = 0; i < g->dbg_count; i++) {
    rb_debug_entry *e = &g->dbg[order[i].index];
    rb_source_position_near(&g->c->diags->files[e->file], e->start, &cursor, &e->line, &e->column);
  }
  free(order);
}

/* Main (the constants, row lookups and the tree, then HALT) and then each
** function, into g's code and debug entries. */
static void gen_all_code(gen *g) {
  rb_compiler *c = g->c;
  assign_globals(g);
  measure_inlining(g);
  begin_function(g, 0, "main", 0, c->main_locals);
  emit_constants(g);
  emit_row_lookups(g, c->statements);
  for (uint32_t i = 0; i < c->fn_count; i++) emit_row_lookups(g, c->fns[i]->b);
  rb_ast *last = NULL;
  for (rb_ast *n = c->statements; n; n = n->next) {
    gen_member(g, n);
    last = n;
  }
  if (last) emit_op(g, last, RB_OP_HALT);
  else {
    rb_ast none = {0};
    emit_op(g, &none, RB_OP_HALT);
  }
  end_function(g, 0);

  for (uint32_t i = 0; i < c->fn_count; i++) {
    rb_ast *f = c->fns[i];
    uint16_t arity = 0;
    for (rb_ast *q = f->a; q; q = q->next) arity++;
    begin_function(g, i + 1, f->text, arity, (uint32_t)f->ival);
    g->depth = 0;
    path_set(g, f);
    g->hot = 1; /* a function runs at each of its calls */
    gen_return(g, f->b, f);
    g->hot = 0;
    end_function(g, i + 1);
  }
}

/* The grades into the program: the rubric's, or the language's defaults
** (compiler/defaults.h). */
static void copy_grades(gen *g) {
  rb_compiler *c = g->c;
  rb_program *p = g->p;
  uint32_t ng = 0;
  for (rb_ast *gr = c->grades; gr; gr = gr->next) ng++;
  if (ng == 0) {
    p->grades = rb_arena_calloc(&p->arena, RB_DEFAULT_GRADE_COUNT, sizeof *p->grades);
    for (int i = 0; i < RB_DEFAULT_GRADE_COUNT && p->grades; i++) {
      p->grades[i].label = rb_default_grades[i].label;
      p->grades[i].has_min = rb_default_grades[i].min >= 0;
      p->grades[i].min = rb_num_int(rb_default_grades[i].min < 0 ? 0 : rb_default_grades[i].min);
    }
    p->grade_count = p->grades ? RB_DEFAULT_GRADE_COUNT : 0;
    return;
  }
  p->grades = rb_arena_calloc(&p->arena, ng, sizeof *p->grades);
  uint32_t i = 0;
  for (rb_ast *gr = c->grades; gr && p->grades; gr = gr->next, i++) {
    p->grades[i].label = rb_arena_strdup(&p->arena, gr->text);
    p->grades[i].has_min = gr->a != NULL;
    if (gr->a) p->grades[i].min = rehome(g, gr->a->num);
  }
  p->grade_count = p->grades ? ng : 0;
}

/* The constant an input's `default` literal becomes, added to the pool
** after the code's constants; its index. */
static uint16_t input_default(gen *g, rb_ast *in) {
  rb_ast *v = in->c->a;
  rb_constant k = {0};
  if (v->kind == RB_AST_NUMBER) {
    k.type = RB_CONST_NUM;
    k.unit = v->unit;
    k.num = rehome(g, v->num);
  } else if (v->kind == RB_AST_STRING) {
    k.type = RB_CONST_TEXT;
    k.text = rb_arena_strdup(&g->p->arena, v->text);
    k.len = (uint32_t)strlen(v->text);
  } else if (v->kind == RB_AST_DATE) {
    k.type = RB_CONST_DATE;
    k.date = v->ival;
  } else {
    k.type = RB_CONST_NUM;
    k.num = rb_num_int(v->ival);
  }
  return add_const(g, in, &k);
}

/* The inputs into the program, with their defaults' constants.  Before
** copy_pools: the defaults join the constant pool. */
static void copy_inputs(gen *g) {
  rb_compiler *c = g->c;
  rb_program *p = g->p;
  static const uint8_t itype[RB_TYPE_COUNT] = {
      [RB_TYPE_NUMBER] = RB_ITYPE_NUMBER, [RB_TYPE_MONEY] = RB_ITYPE_MONEY, [RB_TYPE_PERCENT] = RB_ITYPE_PERCENT,
      [RB_TYPE_BOOL] = RB_ITYPE_BOOL,     [RB_TYPE_TEXT] = RB_ITYPE_TEXT,   [RB_TYPE_DATE] = RB_ITYPE_DATE,
      [RB_TYPE_VALUE] = RB_ITYPE_VALUE,   [RB_TYPE_INDICATORS] = RB_ITYPE_TABLE, [RB_TYPE_LINES] = RB_ITYPE_TABLE};
  p->inputs = rb_arena_calloc(&p->arena, c->input_count ? c->input_count : 1, sizeof *p->inputs);
  for (uint32_t i = 0; i < c->input_count && p->inputs; i++) {
    rb_ast *in = c->inputs[i];
    rb_input *d = &p->inputs[i];
    d->name = rb_arena_strdup(&p->arena, in->text);
    d->source = in->op;
    d->type = in->type < RB_TYPE_COUNT ? itype[in->type] : RB_ITYPE_NUMBER;
    d->missing = in->op2;
    d->key = in->op == RB_SRC_FACT ? rb_arena_strdup(&p->arena, in->a->a->text) : NULL;
    d->file = in->file;
    rb_source_position(&c->diags->files[in->file], in->start, &d->line, &d->column);
    d->default_const = in->op2 == RB_MISSING_DEFAULT && in->c && in->c->a ? input_default(g, in) : 0;
  }
  p->input_count = c->input_count;
}

/* The native declarations into the program. */
static void copy_natives(gen *g) {
  rb_compiler *c = g->c;
  rb_program *p = g->p;
  p->natives = rb_arena_calloc(&p->arena, c->native_count ? c->native_count : 1, sizeof *p->natives);
  for (uint32_t i = 0; i < c->native_count && p->natives; i++) {
    rb_ast *n = c->natives[i];
    rb_native *d = &p->natives[i];
    d->name = rb_arena_strdup(&p->arena, n->text);
    d->library = rb_arena_strdup(&p->arena, n->c->text);
    d->symbol = rb_arena_strdup(&p->arena, n->c->a ? n->c->a->text : n->text);
    d->result = n->op;
    d->pure = n->ival != 0;
    for (rb_ast *q = n->a; q && d->param_count < RB_MAX_NATIVE_PARAMS; q = q->next) d->params[d->param_count++] = q->op;
    d->file = n->file;
    rb_source_position(&c->diags->files[n->file], n->start, &d->line, &d->column);
  }
  p->native_count = p->natives ? c->native_count : 0;
}

/* The constant pool, code, debug entries and file names, from g's growable
** buffers into the program's arena. */
static void copy_pools(gen *g) {
  rb_program *p = g->p;
  rb_diags *diags = g->c->diags;
  p->constants = rb_arena_alloc(&p->arena, (g->const_count ? g->const_count : 1) * sizeof *p->constants);
  if (p->constants && g->const_count) memcpy(p->constants, g->consts, g->const_count * sizeof *p->constants);
  p->constant_count = g->const_count;
  p->code = rb_arena_alloc(&p->arena, g->len ? g->len : 1);
  if (p->code && g->len) memcpy(p->code, g->code, g->len);
  p->code_len = g->len;
  p->functions = g->fns;
  p->function_count = g->fn_count;
  p->debug = rb_arena_alloc(&p->arena, (g->dbg_count ? g->dbg_count : 1) * sizeof *p->debug);
  if (p->debug && g->dbg_count) memcpy(p->debug, g->dbg, g->dbg_count * sizeof *p->debug);
  p->debug_count = g->dbg_count;
  p->files = rb_arena_calloc(&p->arena, diags->file_count ? diags->file_count : 1, sizeof *p->files);
  for (size_t i = 0; i < diags->file_count && p->files; i++) p->files[i] = rb_arena_strdup(&p->arena, diags->files[i].name);
  p->file_count = (uint32_t)diags->file_count;
}

static void free_buffers(gen *g) {
  free(g->code);
  free(g->consts);
  free(g->const_index);
  free(g->dbg);
}

/* Generate the program for a checked tree (codegen.h): the code, then the
** tables handed to the program's arena, then the verifier and the stack
** sizes, as for any loaded program. */
rb_program *rb_codegen(rb_compiler *c) {
  gen gs = {0}, *g = &gs;
  g->c = c;
  g->path_const = RB_NO_PATH;
  g->p = rb_program_new();
  if (!g->p) return NULL;
  rb_program *p = g->p;
  p->lang = c->diags->lang; /* verifying and linking speak the diagnostics' language */
  g->fn_count = c->fn_count + 1;
  g->fns = rb_arena_calloc(&p->arena, g->fn_count, sizeof *g->fns);
  if (!g->fns) {
    rb_program_free(p);
    return NULL;
  }
  gen_all_code(g);
  if (!g->failed) fill_positions(g);
  if (!g->failed) copy_inputs(g);
  if (g->failed) {
    free_buffers(g);
    rb_program_free(p);
    return NULL;
  }
  p->title = rb_arena_strdup(&p->arena, c->title);
  p->version = rb_arena_strdup(&p->arena, c->version);
  p->total = rehome(g, c->total);
  p->rounding = c->rounding;
  copy_grades(g);
  copy_natives(g);
  copy_pools(g);
  free_buffers(g);

  /* The compiler's output is checked like any loaded program, then its
  ** frames are sized for the VM. */
  char err[512];
  if (!rb_program_verify(p, err, sizeof err)) {
    rb_diag_add(c->diags, RB_SEV_ERROR, 0, 0, 0, NULL, "internal error: the compiled program failed verification: %s",
                err);
    rb_program_free(p);
    return NULL;
  }
  if (!rb_program_size_stacks(p, err, sizeof err)) {
    rb_diag_add(c->diags, RB_SEV_ERROR, 0, 0, 0, NULL, "%s", err);
    rb_program_free(p);
    return NULL;
  }
  return p;
}
