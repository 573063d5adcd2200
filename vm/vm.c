/*
** vm.c — the dispatch loop of the rubric VM.
**
** One loop, written once.  The macros below expand it either to computed
** goto (GCC and Clang: one indirect jump per instruction, better branch
** prediction) or to a portable switch, chosen at compile time; the body of
** every instruction is the same text in both.
**
** The VM is a stack machine over rb_value.  A frame's locals sit at the
** bottom of its part of the stack, its operands above them.  The program was
** verified when it was compiled or loaded (vm/verify.c): every opcode is valid,
** every operand in range, every jump lands on an instruction, and the stack
** depth is the same on every path, so the loop does not check those again.
** What it does check is what only the report can get wrong: types of values
** read from reports, missing inputs, division by zero, and the instruction
** budget that stops a hostile .rbc file that loops.
**
** The result tree is built as the program runs: NODE and ITEM open a node
** under the current one, NODE_END and ITEM_END close it and compute its
** score (a section's score is the sum of its children's, renormalised over
** the items that apply; rounding happens where the rubric says).
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "base/hash.h"
#include "vm/native.h"
#include "base/similar.h"
#include "vm/vm_internal.h"

/* ---- Creating and resetting --------------------------------------------- */

static rb_value const_value(const rb_constant *k);


/* The hash of a path one name longer than the path hashed by parent, from
** the hash of that name (a SplitMix64 finish mixes the two). */
static uint64_t hash_step(uint64_t parent, uint64_t name) {
  uint64_t z = parent * 31 + name + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

/* The hash of a fact name or of one name in a path. */
static uint64_t hash_name(const char *s) { return rb_hash_bytes(RB_HASH_SEED, s, strlen(s)); }

/* Bind fact inputs by name, once per program (see rb_fact_binding). */
static bool bind_facts(rb_vm *vm) {
  const rb_program *p = vm->program;
  uint32_t facts = 0;
  for (uint32_t i = 0; i < p->input_count; i++) facts += p->inputs[i].source == RB_SRC_FACT;
  vm->fact_next = malloc((p->input_count ? p->input_count : 1) * sizeof *vm->fact_next);
  vm->fact_of = calloc(p->input_count ? p->input_count : 1, sizeof *vm->fact_of);
  if (!vm->fact_next || !vm->fact_of) return false;
  if (facts == 0) return true;
  uint32_t size = 8;
  while (size < 2 * facts) size *= 2;
  vm->fact_table = malloc(size * sizeof *vm->fact_table);
  if (!vm->fact_table) return false;
  vm->fact_mask = size - 1;
  for (uint32_t b = 0; b < size; b++) vm->fact_table[b].input = -1;
  for (uint32_t i = p->input_count; i-- > 0;) {
    vm->fact_next[i] = -1;
    if (p->inputs[i].source != RB_SRC_FACT) continue;
    uint64_t h = hash_name(p->inputs[i].key);
    uint32_t b = (uint32_t)h & vm->fact_mask;
    for (;; b = (b + 1) & vm->fact_mask) {
      rb_fact_binding *e = &vm->fact_table[b];
      if (e->input < 0) {
        e->hash = h;
        e->input = (int32_t)i;
        break;
      }
      if (e->hash == h && strcmp(p->inputs[e->input].key, p->inputs[i].key) == 0) {
        /* Another input reads the same fact: chain it in front. */
        vm->fact_next[i] = e->input;
        e->input = (int32_t)i;
        break;
      }
    }
  }
  return true;
}

/* What the deepest chain of calls from function f can need, as found by
** calls_fit: frames beyond f's own and value slots from f's base. */
typedef struct call_need {
  uint8_t state; /* 0 not seen, 1 being walked, 2 done, 3 unbounded */
  uint16_t frames;
  uint64_t slots;
} call_need;

/* Walk the calls of function f (need[f]), depth calls below main. */
static void call_chain(const rb_program *p, call_need *need, uint32_t f, uint32_t depth) {
  call_need *n = &need[f];
  if (n->state) return;
  const rb_function *fn = &p->functions[f];
  if (depth >= RB_VM_FRAMES) { /* too deep to tell cheaply: CALL checks */
    n->state = 3;
    return;
  }
  n->state = 1;
  uint16_t frames = 0;
  uint64_t below = 0;
  rb_instr in;
  uint32_t end = fn->code_start + fn->code_len;
  for (uint32_t off = fn->code_start, len; off < end && (len = rb_decode(p->code, end, off, &in)) != 0; off += len) {
    if (in.op != RB_OP_CALL) continue;
    call_chain(p, need, in.a, depth + 1);
    const call_need *c = &need[in.a];
    if (c->state != 2) { /* a cycle (a hand-made .rbc), or too deep */
      n->state = 3;
      return;
    }
    if (c->frames + 1u > frames) frames = (uint16_t)(c->frames + 1u);
    if (c->slots > below) below = c->slots;
  }
  n->frames = frames;
  n->slots = (uint64_t)fn->local_count + fn->max_stack + below;
  n->state = 2;
}

/* Whether no run of p can fail CALL's checks (frame_fits): the calls form no
** cycle and their deepest chain fits in the frames and the value stack.
** A callee's frame starts at most at the top of its caller's operand stack
** (its arguments are popped from there), so the slots a chain can use are
** at most the sum of each function's locals and operand depth along it. */
static bool calls_fit(const rb_program *p) {
  if (p->function_count == 0) return false;
  call_need *need = calloc(p->function_count, sizeof *need);
  if (!need) return false; /* CALL checks */
  call_chain(p, need, 0, 0);
  bool fit = need[0].state == 2 && need[0].frames < RB_VM_FRAMES && need[0].slots <= RB_VM_STACK;
  free(need);
  return fit;
}

/* A text constant that spells a measure kind or a comparator is given the
** VM's own copy of that name (the same bytes), which the fields kind and cmp
** return: comparing `v.kind == "text"` then finds the same address and
** reads no bytes (texts_equal). */
static void intern_name(rb_vm *vm, rb_value *v) {
  if (v->type != RB_V_TEXT) return;
  for (int k = 0; k < RB_MK_COUNT; k++)
    if (v->as.text.len == vm->kind_names[k].len && memcmp(v->as.text.chars, vm->kind_names[k].chars, v->as.text.len) == 0) {
      v->as.text.chars = vm->kind_names[k].chars;
      return;
    }
  for (int c = 0; c < RB_CMP_COUNT; c++)
    if (v->as.text.len == vm->cmp_names[c].len && memcmp(v->as.text.chars, vm->cmp_names[c].chars, v->as.text.len) == 0) {
      v->as.text.chars = vm->cmp_names[c].chars;
      return;
    }
}

/* vm.h.  Everything a run needs that depends only on the program is made
** here, once: the constants as values, the hashes of text constants, the
** binding of fact inputs by name, whether items are generated from rows. */
rb_vm *rb_vm_new(const rb_program *p) {
  rb_vm *vm = calloc(1, sizeof *vm);
  if (!vm) return NULL;
  vm->program = p;
  vm->budget = 50u * 1000u * 1000u;
  vm->explain = true;
  vm->report_unread = true;
  vm->error_lang = RB_LANG_EN;
  vm->stack = malloc(RB_VM_STACK * sizeof *vm->stack);
  vm->inputs = calloc(p->input_count ? p->input_count : 1, sizeof *vm->inputs);
  vm->globals = calloc(p->global_count ? p->global_count : 1, sizeof *vm->globals);
  uint32_t nk = p->constant_count ? p->constant_count : 1;
  vm->consts = malloc(nk * sizeof *vm->consts);
  vm->const_hash = calloc(nk, sizeof *vm->const_hash);
  if (!vm->stack || !vm->inputs || !vm->globals || !vm->consts || !vm->const_hash || !bind_facts(vm)) {
    rb_vm_free(vm);
    return NULL;
  }
  for (int k = 0; k < RB_MK_COUNT; k++) {
    vm->kind_names[k].chars = rb_measure_kind_name((rb_measure_kind)k);
    vm->kind_names[k].len = (uint32_t)strlen(vm->kind_names[k].chars);
  }
  for (int c = 0; c < RB_CMP_COUNT; c++) {
    vm->cmp_names[c].chars = c == RB_CMP_NONE ? "" : rb_cmp_name((rb_cmp)c);
    vm->cmp_names[c].len = (uint32_t)strlen(vm->cmp_names[c].chars);
  }
  rb_instr in;
  for (uint32_t off = 0, n; off < p->code_len && (n = rb_decode(p->code, p->code_len, off, &in)) != 0; off += n)
    if (in.op == RB_OP_ITEM_ROW) vm->itemises_rows = true;
  vm->calls_fit = calls_fit(p);
  for (uint32_t k = 0; k < p->constant_count; k++) {
    vm->consts[k] = const_value(&p->constants[k]);
    intern_name(vm, &vm->consts[k]);
    if (p->constants[k].type == RB_CONST_TEXT) vm->const_hash[k] = hash_name(p->constants[k].text);
    for (uint32_t i = 0; p->constants[k].type == RB_CONST_TEXTS && i < p->constants[k].text_count; i++) {
      uint32_t len = p->constants[k].texts[i].len;
      vm->const_hash[k] |= UINT64_C(1) << (len < 63 ? len : 63);
    }
  }
  return vm;
}

void rb_vm_free(rb_vm *vm) {
  if (!vm) return;
  free(vm->row_used);
  free(vm->row_names);
  free(vm->fact_read);
  rb_name_list_free(vm->fact_keys);
  free(vm->self_used);
  free(vm->stack);
  free(vm->inputs);
  free(vm->globals);
  free(vm->consts);
  free(vm->const_hash);
  free(vm->fact_table);
  free(vm->fact_next);
  free(vm->fact_of);
  free(vm->self_hash);
  free(vm);
}

void rb_vm_set_budget(rb_vm *vm, uint64_t instructions) {
  /* The loop counts down a signed register: more than INT64_MAX is no
  ** limit any run can reach anyway. */
  vm->budget = instructions == 0 ? 1 : instructions > (uint64_t)INT64_MAX ? (uint64_t)INT64_MAX : instructions;
}

void rb_vm_set_explain(rb_vm *vm, bool on) { vm->explain = on; }

void rb_vm_set_unread(rb_vm *vm, bool on) { vm->report_unread = on; }
void rb_vm_set_error_lang(rb_vm *vm, rb_lang lang) { vm->error_lang = lang; }

void rb_vm_set_lang(rb_vm *vm, rb_lang lang) { vm->lang = lang == RB_LANG_EN ? RB_LANG_EN : RB_LANG_ZH; }

/* ---- Errors and findings ------------------------------------------------ */

/* The names from the first section down to node, joined with " › ". */
static void node_path(const rb_node *node, char *buf, size_t size) {
  const rb_node *chain[64];
  int n = 0;
  for (const rb_node *p = node; p && p->parent && n < 64; p = p->parent) chain[n++] = p;
  size_t len = 0;
  buf[0] = '\0';
  while (n-- > 0 && len < size)
    len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? " › " : "", chain[n]->name);
}

/* A reason a fact does not fit its input, written in English: the error
** that names it gives it in the VM's language (WHY marks the texts for
** tests/messages/check_catalogue.py). */
#define WHY(text) (text)

/* Fill the result's error: "file:line:col: error: msg (in path) [report id]". */
static void vm_error_v(rb_vm *vm, const char *where, const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));
static void vm_error_v(rb_vm *vm, const char *where, const char *fmt, va_list ap) {
  if (vm->failed) return;
  vm->failed = true;
  rb_result *r = vm->result;
  r->ok = false;
  rb_lang lang = vm->error_lang;
  char msg[512];
  vsnprintf(msg, sizeof msg, rb_from_en(lang, fmt), ap);
  char path[512];
  node_path(vm->current, path, sizeof path);
  const char *id = vm->report && vm->report->id ? vm->report->id : NULL;
  size_t len = (size_t)snprintf(r->error, sizeof r->error, rb_from_en(lang, "%serror: %s"), where, msg);
  if (path[0] && len < sizeof r->error)
    len += (size_t)snprintf(r->error + len, sizeof r->error - len, rb_from_en(lang, " (in %s)"), path);
  if (id && len < sizeof r->error) snprintf(r->error + len, sizeof r->error - len, rb_from_en(lang, " [report %s]"), id);
}

void rb_vm_error(rb_vm *vm, const char *fmt, ...) {
  const rb_program *p = vm->program;
  const rb_debug_entry *d = rb_program_debug_at(p, vm->error_ip ? (uint32_t)(vm->error_ip - p->code) : 0);
  char where[512] = "";
  if (d && d->file < p->file_count)
    snprintf(where, sizeof where, "%s:%u:%u: ", p->files[d->file], d->line, d->column);
  va_list ap;
  va_start(ap, fmt);
  vm_error_v(vm, where, fmt, ap);
  va_end(ap);
}

void rb_vm_error_unexplained(rb_vm *vm) {
  if (vm->failed) return;
  switch (rb_numctx_error(vm->result->nums)) {
  case RB_NUM_TOO_LARGE:
    rb_vm_error(vm, "a number here would have more than %d digits, the limit of exact arithmetic", RB_NUM_MAX_DIGITS);
    break;
  case RB_NUM_TOO_MUCH:
    rb_vm_error(vm, "the exact numbers of this report would take more than %d MiB, the limit for one report",
                RB_NUM_MAX_BYTES / (1024 * 1024));
    break;
  case RB_NUM_OK:
  case RB_NUM_NOMEM: rb_vm_error(vm, "out of memory"); break;
  }
}

void rb_vm_error_at(rb_vm *vm, uint16_t file, uint32_t line, uint32_t column, const char *fmt, ...) {
  const rb_program *p = vm->program;
  char where[512] = "";
  if (file < p->file_count) snprintf(where, sizeof where, "%s:%u:%u: ", p->files[file], line, column);
  va_list ap;
  va_start(ap, fmt);
  vm_error_v(vm, where, fmt, ap);
  va_end(ap);
}

/* Append the decimal digits of v (negative when `negative`) to buf at *at. */
static void put_unsigned(char *buf, size_t size, size_t *at, bool negative, unsigned long long v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  if (negative && *at + 1 < size) buf[(*at)++] = '-';
  while (n-- > 0 && *at + 1 < size) buf[(*at)++] = digits[n];
}

/* A finding's message as vsnprintf would write it into buf (size > 0), for
** the conversions findings use — %s, %.*s, %d, %u, %zu, %ld, %lu and %% —
** without the general machinery of the C library's printf, which costs a
** thousand instructions a finding.  A format with any other conversion
** (a flag, a width, a position) returns false when the writing reaches it,
** part of ap consumed: the caller starts ap again for vsnprintf, which
** writes buf anew. */
static bool format_finding(char *buf, size_t size, const char *fmt, va_list ap) {
  size_t at = 0;
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') {
      /* The literal text up to the next conversion, in one copy. */
      const char *next = strchr(p, '%');
      size_t run = next ? (size_t)(next - p) : strlen(p);
      if (run > size - 1 - at) run = size - 1 - at;
      memcpy(buf + at, p, run);
      at += run;
      if (!next) break;
      p = next;
    }
    p++;
    const char *text = NULL;
    size_t len = 0;
    switch (*p) {
    case '%':
      if (at + 1 < size) buf[at++] = '%';
      continue;
    case 's':
      text = va_arg(ap, const char *);
      if (!text) text = "(null)"; /* as the C library writes it */
      len = strlen(text);
      break;
    case '.': {
      if (p[1] != '*' || p[2] != 's') return false;
      int precision = va_arg(ap, int);
      text = va_arg(ap, const char *);
      if (!text) text = "(null)";
      const char *end = precision < 0 ? NULL : memchr(text, '\0', (size_t)precision);
      len = precision < 0 ? strlen(text) : end ? (size_t)(end - text) : (size_t)precision;
      p += 2;
      break;
    }
    case 'd': {
      int v = va_arg(ap, int);
      put_unsigned(buf, size, &at, v < 0, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
      continue;
    }
    case 'u': put_unsigned(buf, size, &at, false, va_arg(ap, unsigned)); continue;
    case 'z':
      if (p[1] != 'u') return false;
      p++;
      put_unsigned(buf, size, &at, false, va_arg(ap, size_t));
      continue;
    case 'l':
      if (p[1] != 'u' && p[1] != 'd') return false;
      p++;
      if (*p == 'u') {
        put_unsigned(buf, size, &at, false, va_arg(ap, unsigned long));
      } else {
        long v = va_arg(ap, long);
        put_unsigned(buf, size, &at, v < 0, v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v);
      }
      continue;
    default: return false; /* another conversion, or a '%' that ends the format */
    }
    size_t room = size - 1 - at;
    if (len > room) len = room;
    memcpy(buf + at, text, len);
    at += len;
  }
  buf[at] = '\0';
  return true;
}

rb_finding *rb_vm_finding(rb_vm *vm, rb_finding_kind kind, const char *kind_name, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  const char *format = rb_from_zh(vm->lang, fmt);
  bool done = format_finding(msg, sizeof msg, format, ap);
  va_end(ap);
  if (!done) {
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, rb_from_zh(vm->lang, fmt), ap); /* the same text; clang follows format_arg here */
    va_end(ap);
  }
  /* An item whose score rests on something not verified says so in its
  ** totals too (rb_node.unverified_score). */
  if (kind == RB_FINDING_UNVERIFIED && vm->current && vm->current->is_item) vm->current->unverified = true;
  return rb_result_add_finding(vm->result, kind, kind_name, vm->current, msg);
}

/* ---- Values ------------------------------------------------------------- */

/* A number value in a unit. */
static rb_value num_value(rb_num n, uint8_t unit) {
  rb_value v = {.type = RB_V_NUM, .unit = unit};
  v.as.num = n;
  return v;
}

/* The text of a text or measure value (a measure as written), its length
** in *len. */
static const char *text_of(const rb_value *v, uint32_t *len) {
  if (v->type == RB_V_TEXT) {
    *len = v->as.text.len;
    return v->as.text.chars;
  }
  const char *t = v->as.measure->text ? v->as.measure->text : "";
  *len = (uint32_t)strlen(t);
  return t;
}

/* The loop writes results into stack slots in place, field by field
** (value.h: rb_set_bool and the others), rather than building an rb_value
** and copying it. */
static inline void set_text(rb_value *v, const char *s) {
  if (s) rb_set_text(v, s, (uint32_t)strlen(s));
  else rb_set_text(v, "", 0);
}
/* The same for a text whose length the report's reader recorded (0: not
** recorded, or empty: measure it). */
static inline void set_text_len(rb_value *v, const char *s, uint32_t len) {
  if (len) rb_set_text(v, s, len);
  else set_text(v, s);
}
static inline void set_row(rb_value *v, const rb_indicator *row) {
  v->type = RB_V_ROW;
  v->as.row = row;
}
static inline void set_line(rb_value *v, const rb_budget_line *line) {
  v->type = RB_V_LINE;
  v->as.line = line;
}
static inline void set_measure(rb_value *v, const rb_measure *m) {
  v->type = RB_V_MEASURE;
  v->as.measure = m;
}

/* An equality of texts held inside an item: remember the text (the phrase a
** qualitative rule matched) for the item's explanation. */
static void note_match(rb_vm *vm, const char *s, uint32_t len) {
  /* Only a phrase the item's actual says: not a kind or comparator tested. */
  const rb_indicator *row = vm->item.node->row;
  if (!row || !row->actual_text || len == 0) return;
  const char *at = row->actual_text;
  size_t n = strlen(at), i = 0;
  while (i + len <= n && memcmp(at + i, s, len) != 0) i++;
  if (i + len > n) return;
  char *copy = rb_arena_alloc(&vm->result->arena, (size_t)len + 1);
  if (!copy) return; /* the explanation goes without it */
  memcpy(copy, s, len);
  copy[len] = '\0';
  vm->item.matched = copy;
}

/* Whether two texts have the same bytes: the same text (a kind or comparator
** named by a constant is the field's own text, rb_vm_new), or of one length
** with the same first byte and the rest (memcmp only then). */
static inline bool texts_equal(const char *sa, const char *sb, uint32_t la, uint32_t lb) {
  return la == lb && (sa == sb || la == 0 || (sa[0] == sb[0] && memcmp(sa, sb, la) == 0));
}

/* texts_equal, noting the text matched for an explanation (note_match). */
static inline bool texts_match(rb_vm *vm, const char *sa, const char *sb, uint32_t la, uint32_t lb) {
  bool eq = texts_equal(sa, sb, la, lb);
  if (eq && vm->item.node && vm->explain) note_match(vm, sb, lb);
  return eq;
}

/* Equality of two values of comparable types (checked by the compiler,
** rechecked here for values from reports).  The values are read in place
** on the stack, field by field (see "The loop"). */
static inline __attribute__((always_inline)) bool values_equal(rb_vm *vm, const rb_value *a, const rb_value *b, bool *ok) {
  *ok = true;
  if (a->type == RB_V_NIL || b->type == RB_V_NIL) return a->type == b->type;
  bool ta = a->type == RB_V_TEXT || a->type == RB_V_MEASURE, tb = b->type == RB_V_TEXT || b->type == RB_V_MEASURE;
  if (ta && tb) {
    uint32_t la, lb;
    const char *sa = text_of(a, &la), *sb = text_of(b, &lb);
    return texts_match(vm, sa, sb, la, lb);
  }
  if (a->type != b->type) {
    *ok = false;
    rb_vm_error(vm, "cannot compare %s with %s", rb_vtype_name((rb_vtype)a->type), rb_vtype_name((rb_vtype)b->type));
    return false;
  }
  switch ((rb_vtype)a->type) {
  case RB_V_BOOL: return a->as.boolean == b->as.boolean;
  case RB_V_NUM: return rb_num_cmp_fast(a->as.num, b->as.num) == 0;
  case RB_V_DATE: return a->as.date == b->as.date;
  case RB_V_ROW: return a->as.row == b->as.row;
  case RB_V_LINE: return a->as.line == b->as.line;
  default: return false;
  }
}

/* values_equal of a value and a constant (JUMP_IF_*_K): two texts, the case
** these tests meet most, compared here first. */
static inline __attribute__((always_inline)) bool equals_const(rb_vm *vm, const rb_value *a, const rb_value *kv,
                                                               bool *ok) {
  if (a->type == RB_V_TEXT && kv->type == RB_V_TEXT) {
    *ok = true;
    return texts_match(vm, a->as.text.chars, kv->as.text.chars, a->as.text.len, kv->as.text.len);
  }
  return values_equal(vm, a, kv, ok);
}

/* IN_TEXTS: whether x is one of the texts of the set k, as the chain of EQ
** the compiler emitted before did it: nil is in no set; a text or a measure
** (as written) is compared by its bytes, length first, and a match inside an
** item is noted for its explanation as EQ notes it; anything else is the
** error EQ gives when it compares it with the first text.  False after an
** error. */
static bool in_texts(rb_vm *vm, const rb_constant *k, uint64_t len_mask, const rb_value *x, bool *found) {
  *found = false;
  if (x->type == RB_V_NIL) return true;
  if (x->type != RB_V_TEXT && x->type != RB_V_MEASURE) {
    if (k->text_count == 0) return true; /* no choice to compare with (the compiler emits none such) */
    rb_vm_error(vm, "cannot compare %s with %s", rb_vtype_name((rb_vtype)x->type), rb_vtype_name(RB_V_TEXT));
    return false;
  }
  uint32_t len;
  const char *s = text_of(x, &len);
  /* No text of the set has this length (lengths below 64; longer ones share the top bit). */
  if (!(len_mask & (UINT64_C(1) << (len < 63 ? len : 63)))) return true;
  for (uint32_t i = 0; i < k->text_count; i++) {
    const rb_text_ref *t = &k->texts[i];
    if (!texts_equal(t->text, s, t->len, len)) continue;
    if (vm->item.node && vm->explain) note_match(vm, t->text, len);
    *found = true;
    return true;
  }
  return true;
}

/* Order two values: numbers with numbers, dates with dates, texts with
** texts.  Returns false (after an error) for anything else. */
static bool values_order(rb_vm *vm, const rb_value *a, const rb_value *b, int *cmp) {
  if (a->type == RB_V_NUM && b->type == RB_V_NUM) {
    if ((a->unit == RB_UNIT_MONEY) != (b->unit == RB_UNIT_MONEY)) {
      rb_vm_error(vm, "cannot compare money with a %s",
                  rb_unit_name((rb_unit)(a->unit == RB_UNIT_MONEY ? b->unit : a->unit)));
      return false;
    }
    *cmp = rb_num_cmp_fast(a->as.num, b->as.num);
    return true;
  }
  if (a->type == RB_V_DATE && b->type == RB_V_DATE) {
    *cmp = (a->as.date > b->as.date) - (a->as.date < b->as.date);
    return true;
  }
  if (a->type == RB_V_TEXT && b->type == RB_V_TEXT) {
    uint32_t n = a->as.text.len < b->as.text.len ? a->as.text.len : b->as.text.len;
    int k = memcmp(a->as.text.chars, b->as.text.chars, n);
    *cmp = k ? k : (a->as.text.len > b->as.text.len) - (a->as.text.len < b->as.text.len);
    return true;
  }
  rb_vm_error(vm, "cannot order %s and %s", rb_vtype_name((rb_vtype)a->type), rb_vtype_name((rb_vtype)b->type));
  return false;
}

/* The unit of a + b and a − b, or an error for money with a non-money. */
static bool add_unit(rb_vm *vm, uint8_t ua, uint8_t ub, uint8_t *unit) {
  if ((ua == RB_UNIT_MONEY) != (ub == RB_UNIT_MONEY)) {
    rb_vm_error(vm, "cannot add or subtract money and a %s", rb_unit_name((rb_unit)(ua == RB_UNIT_MONEY ? ub : ua)));
    return false;
  }
  *unit = ua == ub ? ua : RB_UNIT_PLAIN;
  return true;
}

/* Arithmetic with units and exactness; nil propagates.  The operands are
** read in place, field by field, and the result replaces the left one
** (value.h: rb_set_num). */
static bool arith(rb_vm *vm, rb_opcode op, rb_value *a, const rb_value *b) {
  uint8_t ta = a->type, tb = b->type;
  if (ta == RB_V_NIL || tb == RB_V_NIL) {
    rb_set_nil(a);
    return true;
  }
  if (op == RB_OP_SUB && ta == RB_V_DATE && tb == RB_V_DATE) {
    rb_set_num(a, rb_num_int((int64_t)a->as.date - b->as.date), RB_UNIT_PLAIN);
    return true;
  }
  if (ta != RB_V_NUM || tb != RB_V_NUM) {
    rb_vm_error(vm, "arithmetic needs numbers, not %s and %s", rb_vtype_name((rb_vtype)ta), rb_vtype_name((rb_vtype)tb));
    return false;
  }
  rb_numctx *cx = vm->result->nums;
  rb_num x = a->as.num, y = b->as.num, r;
  uint8_t ua = a->unit, ub = b->unit, unit = RB_UNIT_PLAIN;
  bool ok = true;
  switch (op) {
  case RB_OP_ADD: ok = add_unit(vm, ua, ub, &unit) && rb_num_add_fast(cx, x, y, &r); break;
  case RB_OP_SUB: ok = add_unit(vm, ua, ub, &unit) && rb_num_sub_fast(cx, x, y, &r); break;
  case RB_OP_MUL:
    if (ua == RB_UNIT_MONEY && ub == RB_UNIT_MONEY) {
      rb_vm_error(vm, "cannot multiply money by money");
      return false;
    }
    unit = (ua == RB_UNIT_MONEY || ub == RB_UNIT_MONEY)       ? RB_UNIT_MONEY
           : (ua == RB_UNIT_PERCENT && ub == RB_UNIT_PERCENT) ? RB_UNIT_PERCENT
                                                              : RB_UNIT_PLAIN;
    ok = rb_num_mul(cx, x, y, &r);
    break;
  case RB_OP_DIV:
    if (rb_num_is_zero(y)) {
      rb_vm_error(vm, "division by zero");
      return false;
    }
    if (ua == RB_UNIT_MONEY && ub == RB_UNIT_MONEY) unit = RB_UNIT_PERCENT;
    else if (ub == RB_UNIT_MONEY) {
      rb_vm_error(vm, "cannot divide a number by money");
      return false;
    } else unit = ua == RB_UNIT_MONEY ? RB_UNIT_MONEY : RB_UNIT_PLAIN;
    ok = rb_num_div(cx, x, y, &r);
    break;
  default: ok = false; break;
  }
  if (!ok) {
    rb_vm_error_unexplained(vm);
    return false;
  }
  rb_set_num(a, r, unit);
  return true;
}

/* ---- Inputs ------------------------------------------------------------- */

/* A text value of a C string (NULL: ""). */
static rb_value text_value(const char *s) {
  rb_value v = rb_nil();
  set_text(&v, s);
  return v;
}

/* An optional amount of the report as money (0 when absent); *present
** says whether the report gives it. */
static rb_value opt_money(rb_opt_num o, bool *present) {
  *present = o.has;
  return num_value(o.has ? o.v : rb_num_int(0), RB_UNIT_MONEY);
}

/* Convert a fact to the declared type of its input.  Returns false, with a
** message in *why, when the report's value has the wrong type. */
static bool fact_value(rb_vm *vm, const rb_input *in, const rb_fact *f, rb_value *out, const char **why) {
  rb_numctx *cx = vm->result->nums;
  switch ((rb_input_type)in->type) {
  case RB_ITYPE_NUMBER:
  case RB_ITYPE_PERCENT:
  case RB_ITYPE_MONEY: {
    if (f->type == RB_FACT_TEXT) {
      /* A number written as text: "73.2%" for a percentage, "1.93 亿元" or
      ** "9381.56万元" for money, "145" or "145次" for a number. */
      const rb_measure *m = &f->measure;
      rb_num v;
      if (in->type == RB_ITYPE_PERCENT && m->kind == RB_MK_PERCENT) {
        rb_num_scale10(cx, m->value, strcmp(m->unit, "‰") == 0 ? -3 : -2, &v);
        *out = num_value(v, RB_UNIT_PERCENT);
        return true;
      }
      if (in->type == RB_ITYPE_MONEY && m->kind == RB_MK_MONEY) {
        *out = num_value(m->value, RB_UNIT_MONEY);
        return true;
      }
      if (in->type == RB_ITYPE_NUMBER && (m->kind == RB_MK_NUMBER || m->kind == RB_MK_QUANTITY)) {
        *out = num_value(m->value, RB_UNIT_PLAIN);
        return true;
      }
      *why = in->type == RB_ITYPE_PERCENT ? "expected a percentage such as 90 or \"90%\""
             : in->type == RB_ITYPE_MONEY ? "expected an amount such as 165.52 or \"165.52万元\""
                                           : "expected a number";
      return false;
    }
    if (f->type != RB_FACT_NUMBER) {
      *why = WHY("expected a number");
      return false;
    }
    rb_num v = f->number;
    uint8_t unit = RB_UNIT_PLAIN;
    if (in->type == RB_ITYPE_PERCENT) {
      /* A percentage fact is written in percentage points: 90 means 90%. */
      rb_num_scale10(cx, v, -2, &v);
      unit = RB_UNIT_PERCENT;
    } else if (in->type == RB_ITYPE_MONEY) {
      /* Amounts are in the report's money unit, like its budget figures. */
      rb_num_scale10(cx, v, vm->report->money_scale, &v);
      unit = RB_UNIT_MONEY;
    }
    *out = num_value(v, unit);
    return true;
  }
  case RB_ITYPE_BOOL:
    if (f->type == RB_FACT_BOOL) {
      *out = rb_bool(f->boolean);
      return true;
    }
    if (f->type == RB_FACT_TEXT && (strcmp(f->text, "是") == 0 || strcmp(f->text, "否") == 0)) {
      *out = rb_bool(strcmp(f->text, "是") == 0);
      return true;
    }
    *why = WHY("expected true/false (or 是/否)");
    return false;
  case RB_ITYPE_TEXT:
    if (f->type != RB_FACT_TEXT) {
      *why = WHY("expected text");
      return false;
    }
    *out = text_value(f->text);
    return true;
  case RB_ITYPE_DATE: {
    int y, m, d;
    int32_t days;
    char tail;
    if (f->type != RB_FACT_TEXT || sscanf(f->text, "%d-%d-%d%c", &y, &m, &d, &tail) != 3 ||
        !rb_date_from_ymd(y, m, d, &days)) {
      *why = WHY("expected a date written YYYY-MM-DD");
      return false;
    }
    rb_value v = {.type = RB_V_DATE};
    v.as.date = days;
    *out = v;
    return true;
  }
  default: *why = WHY("this type cannot come from a fact"); return false;
  }
}

/* Size a per-report usage array (row_used, fact_read, self_used) to n and
** clear it. */
static bool usage_array(uint8_t **a, size_t *cap, size_t n) {
  if (n > *cap) {
    uint8_t *g = realloc(*a, n);
    if (!g) return false;
    *a = g;
    *cap = n;
  }
  if (n) memset(*a, 0, n);
  return true;
}

/* Give each fact input the report's fact of its name: one hash per fact the
** report states, no search by name per input. */
static bool bind_report_facts(rb_vm *vm, const rb_report *r) {
  const rb_program *p = vm->program;
  for (uint32_t i = 0; i < p->input_count; i++) vm->fact_of[i] = NULL;
  if (!usage_array(&vm->fact_read, &vm->fact_read_cap, r->fact_count)) return false;
  if (!vm->fact_mask) return true;
  for (size_t k = 0; k < r->fact_count; k++) {
    const rb_fact *f = &r->facts[k];
    uint64_t h = hash_name(f->name);
    for (uint32_t b = (uint32_t)h & vm->fact_mask; vm->fact_table[b].input >= 0; b = (b + 1) & vm->fact_mask) {
      const rb_fact_binding *e = &vm->fact_table[b];
      if (e->hash != h || strcmp(p->inputs[e->input].key, f->name) != 0) continue;
      /* The first fact of a name counts, as everywhere else. */
      for (int32_t i = e->input; i >= 0; i = vm->fact_next[i])
        if (!vm->fact_of[i]) vm->fact_of[i] = f;
      vm->fact_read[k] = 1;
      break;
    }
  }
  return true;
}

/* Hash the path of each self score the report gives, for attach_self. */
static bool hash_self_scores(rb_vm *vm, const rb_report *r) {
  if (r->self_score_count > vm->self_hash_cap) {
    uint64_t *h = realloc(vm->self_hash, r->self_score_count * sizeof *h);
    if (!h) return false;
    vm->self_hash = h;
    vm->self_hash_cap = r->self_score_count;
  }
  for (size_t i = 0; i < r->self_score_count; i++) {
    uint64_t h = 0;
    for (size_t k = 0; k < r->self_scores[i].depth; k++) h = hash_step(h, hash_name(r->self_scores[i].path[k]));
    vm->self_hash[i] = h;
  }
  return true;
}

/* Clear the record of what the run uses of the report (vm/audit.c). */
static bool track_usage(rb_vm *vm, const rb_report *r) {
  if (!usage_array(&vm->row_used, &vm->row_used_cap, r ? r->indicator_count : 0) ||
      !usage_array(&vm->self_used, &vm->self_used_cap, r ? r->self_score_count : 0)) {
    rb_vm_error(vm, "out of memory");
    return false;
  }
  return true;
}

/* Resolve every input against the report, once per run. */
static bool resolve_inputs(rb_vm *vm) {
  const rb_program *p = vm->program;
  const rb_report *r = vm->report;
  if (r) {
    if (!bind_report_facts(vm, r) || !hash_self_scores(vm, r)) {
      rb_vm_error(vm, "out of memory");
      return false;
    }
  }
  for (uint32_t i = 0; i < p->input_count; i++) {
    const rb_input *in = &p->inputs[i];
    rb_input_value *iv = &vm->inputs[i];
    iv->present = false;
    iv->reported = false;
    iv->value = rb_nil();
    if (!r) continue;
    bool present = true;
    rb_value v = rb_nil();
    switch ((rb_input_source)in->source) {
    case RB_SRC_FACT: {
      const rb_fact *f = vm->fact_of[i];
      present = f != NULL;
      if (f) {
        const char *why = NULL;
        if (!fact_value(vm, in, f, &v, &why)) {
          rb_vm_error_at(vm, in->file, in->line, in->column,
                         "the report's fact \"%s\" does not fit input '%s': %s", in->key, in->name,
                         rb_text_from_en(vm->error_lang, why));
          return false;
        }
      }
      break;
    }
    case RB_SRC_PLANNED: v = opt_money(r->planned, &present); break;
    case RB_SRC_ADJUSTED: v = opt_money(r->adjusted, &present); break;
    case RB_SRC_ALLOCATED: v = opt_money(r->allocated, &present); break;
    case RB_SRC_SPENT: v = opt_money(r->spent, &present); break;
    case RB_SRC_LINES:
      v.type = RB_V_TABLE;
      v.as.table = RB_TABLE_LINES;
      break;
    case RB_SRC_INDICATORS:
      v.type = RB_V_TABLE;
      v.as.table = RB_TABLE_INDICATORS;
      break;
    case RB_SRC_SELF_TOTAL:
      present = r->self_total.has;
      if (present) v = num_value(r->self_total.v, RB_UNIT_PLAIN);
      break;
    case RB_SRC_SELF_GRADE:
      present = r->self_grade != NULL;
      v = text_value(r->self_grade);
      break;
    case RB_SRC_YEAR:
      present = r->has_year;
      v = num_value(rb_num_int(r->year), RB_UNIT_PLAIN);
      break;
    case RB_SRC_ID: v = text_value(r->id); break;
    case RB_SRC_UNIT: present = r->unit != NULL; v = text_value(r->unit); break;
    case RB_SRC_TITLE: present = r->title != NULL; v = text_value(r->title); break;
    case RB_SRC_KIND:
      present = r->kind != RB_REPORT_UNKNOWN;
      v = text_value(r->kind == RB_REPORT_PROJECT ? "project" : r->kind == RB_REPORT_DEPARTMENT ? "department" : "");
      break;
    default: present = false; break;
    }
    iv->present = present;
    iv->value = v;
  }
  return true;
}

/* The zero of an input's type, for "missing zero". */
static rb_value zero_of(const rb_input *in) {
  switch ((rb_input_type)in->type) {
  case RB_ITYPE_BOOL: return rb_bool(false);
  case RB_ITYPE_TEXT: return rb_text("", 0);
  case RB_ITYPE_MONEY: return num_value(rb_num_int(0), RB_UNIT_MONEY);
  case RB_ITYPE_PERCENT: return num_value(rb_num_int(0), RB_UNIT_PERCENT);
  default: return num_value(rb_num_int(0), RB_UNIT_PLAIN);
  }
}

/* Constant k as a value (step tables, which are no value, as nil). */
static rb_value const_value(const rb_constant *k) {
  switch ((rb_const_type)k->type) {
  case RB_CONST_NUM: return num_value(k->num, k->unit);
  case RB_CONST_TEXT: return rb_text(k->text, k->len);
  case RB_CONST_DATE: {
    rb_value v = {.type = RB_V_DATE};
    v.as.date = k->date;
    return v;
  }
  default: return rb_nil();
  }
}

/* ---- The tree ----------------------------------------------------------- */

/* A new node, section or item, appended to the current node's children (or
** the root, when there is none) and made current; its path hash is its
** parent's extended by name_hash.  NULL after an error. */
static rb_node *open_node(rb_vm *vm, const char *name, uint64_t name_hash, rb_num weight, bool is_item) {
  rb_result *r = vm->result;
  rb_node *n = rb_arena_calloc(&r->arena, 1, sizeof *n);
  if (!n) {
    rb_vm_error(vm, "out of memory");
    return NULL;
  }
  n->name = name;
  n->weight = weight;
  n->score = n->self = n->unverified_score = rb_num_int(0); /* all-zero bytes are no number */
  n->is_item = is_item;
  rb_node *parent = vm->current;
  n->parent = parent;
  n->depth = parent ? parent->depth + 1 : 0;
  n->path_hash = parent ? hash_step(parent->path_hash, name_hash) : 0;
  if (parent) {
    if (parent->last_child) parent->last_child->next = n;
    else parent->first_child = n;
    parent->last_child = n;
    parent->child_count++;
  }
  vm->current = n;
  return n;
}

/* The report's self score for a node of the static tree, by its path: the
** path hashes made once per run and per node decide, and the names are
** compared only to confirm a match. */
static void attach_self(rb_vm *vm, rb_node *n) {
  const rb_report *r = vm->report;
  if (!r || r->self_score_count == 0 || n->depth == 0) return;
  for (size_t i = 0; i < r->self_score_count; i++) {
    const rb_self_score *s = &r->self_scores[i];
    if (vm->self_hash[i] != n->path_hash || s->depth != n->depth) continue;
    const rb_node *p = n;
    size_t k = s->depth;
    while (k > 0 && strcmp(s->path[k - 1], p->name) == 0) {
      k--;
      p = p->parent;
    }
    if (k == 0) {
      n->has_self = true;
      n->self = s->score;
      vm->self_used[i] = 1;
      return;
    }
  }
}

/* Round *v by the rubric's rounding policy if it applies at `where` (an
** RB_ROUND_AT_* bit).  False after an error. */
static bool round_score(rb_vm *vm, rb_num *v, unsigned where) {
  const rb_rounding *rd = &vm->program->rounding;
  if (!(rd->where & where)) return true;
  if (!rb_num_round(vm->result->nums, *v, rd->places, (rb_round_mode)rd->mode, v)) {
    rb_vm_error_unexplained(vm);
    return false;
  }
  return true;
}

/* Close a section (or the root): sum the children's scores; when some items
** do not apply, renormalise over those that do (按百分制折算). */
static bool close_section(rb_vm *vm, rb_node *n, unsigned where) {
  rb_numctx *cx = vm->result->nums;
  rb_num sum = rb_num_int(0), weights = rb_num_int(0);
  bool any_na = false, any_applies = false;
  for (rb_node *c = n->first_child; c; c = c->next) {
    if (c->not_applicable) {
      any_na = true;
      continue;
    }
    if (!c->has_score) continue;
    any_applies = true;
    if (!rb_num_add_fast(cx, sum, c->score, &sum)) goto nomem;
  }
  if (any_na) {
    /* The applicable weight, needed only to renormalise. */
    for (rb_node *c = n->first_child; c; c = c->next)
      if (!c->not_applicable && c->has_score && !rb_num_add_fast(cx, weights, c->weight, &weights)) goto nomem;
  }
  /* A section whose items were all generated from rows, and no row matched,
  ** does not apply either: the report has no indicator of its kind. */
  if (n->child_count == 0 && n->parent) {
    n->not_applicable = true;
    n->has_score = false;
    /* Renormalising changes every other score's worth: say so (the
    ** section is still the current node). */
    rb_vm_finding(vm, RB_FINDING_NOTE, NULL, "报告中没有属于「%s」的指标行，该部分不适用，上级按百分制折算", n->name);
    return true;
  }
  if (any_na && !any_applies && n->child_count > 0) {
    n->not_applicable = true;
    n->has_score = false;
    return true;
  }
  /* The part resting on unverified items, scaled as the score is. */
  rb_num unverified = rb_num_int(0);
  for (rb_node *c = n->first_child; c; c = c->next)
    if (!c->not_applicable && c->has_score && !rb_num_is_zero(c->unverified_score) &&
        !rb_num_add_fast(cx, unverified, c->unverified_score, &unverified))
      goto nomem;
  if (any_na && !rb_num_is_zero(weights)) {
    /* score × (section weight / applicable weight) */
    rb_num scaled;
    if (!rb_num_mul(cx, sum, n->weight, &scaled) || !rb_num_div(cx, scaled, weights, &sum)) {
      rb_vm_error_unexplained(vm);
      return false;
    }
    if (!rb_num_is_zero(unverified) &&
        (!rb_num_mul(cx, unverified, n->weight, &scaled) || !rb_num_div(cx, scaled, weights, &unverified)))
      goto nomem;
  }
  n->unverified_score = unverified;
  if (!round_score(vm, &sum, where)) return false;
  n->score = sum;
  n->has_score = true;
  return true;
nomem:
  rb_vm_error_unexplained(vm);
  return false;
}

/* The explanation of a closing item: the one built-in that explained its
** score, when the score is what it gave; else the item's formula as written
** with the score ("(if 可行性论证 then 6 else 0) + … = 9.00"), followed by
** what the one built-in or native function inside it explained, if any
** ("三倍(0.1) * 100 = 30.00（三倍(0.1) = 0.3）"). */
static const char *item_explanation(rb_vm *vm, rb_num score) {
  const rb_item_ctx *it = &vm->item;
  if (!vm->explain) return it->explain;
  if (it->explained == 1 && it->explained_value.type == RB_V_NUM) {
    rb_num v = it->explained_value.as.num;
    if (round_score(vm, &v, RB_ROUND_AT_ITEM) && rb_num_cmp_fast(v, score) == 0) return it->explain;
  }
  if (!it->formula) return it->explained ? NULL : it->explain;
  const char *inner = it->explained <= 1 ? it->explain : NULL;
  char shown[128], buf[1024];
  const rb_rounding *rd = &vm->program->rounding;
  rb_num r = score;
  rb_num_round(vm->result->nums, score, rd->places < 0 ? 0 : rd->places, (rb_round_mode)rd->mode, &r);
  rb_num_format_fixed(r, rd->places < 0 ? 0 : rd->places, shown, sizeof shown);
  if (inner) snprintf(buf, sizeof buf, rb_from_zh(vm->lang, "%s = %s（%s）"), it->formula, shown, inner);
  else snprintf(buf, sizeof buf, "%s = %s", it->formula, shown);
  const char *s = rb_arena_strdup(&vm->result->arena, buf);
  return s ? s : it->explain;
}

/* An item without a self score that scored below its weight, with no
** finding that says why (a shortfall, a deduction): one that does, so that
** every point lost is named somewhere. */
static void note_lost_points(rb_vm *vm, rb_node *n) {
  if (n->has_self) return;
  /* Compared as shown: a share of 40/3 scored 13.33 lost nothing. */
  rb_num weight = n->weight;
  if (!round_score(vm, &weight, RB_ROUND_AT_ITEM) || rb_num_cmp_fast(n->score, weight) >= 0) return;
  rb_result *r = vm->result;
  rb_finding *said = NULL; /* a finding of the item's that says why, without points */
  for (uint32_t i = vm->item.first_finding; i < r->finding_count; i++) {
    if (r->findings[i].has_stake) return;
    if (!said && r->findings[i].kind != RB_FINDING_UNVERIFIED && r->findings[i].kind != RB_FINDING_DEFAULTED &&
        r->findings[i].kind != RB_FINDING_NOTE)
      said = &r->findings[i];
  }
  rb_num lost;
  if (!rb_num_sub_fast(r->nums, weight, n->score, &lost)) return;
  if (said) {
    /* flag("review", "…按 0 分计", 0): the finding already says why. */
    said->has_stake = said->has_computed = true;
    said->stake = lost;
    said->computed = n->score;
    return;
  }
  const char *why = n->explain ? n->explain : "";
  char score_text[96], weight_text[96];
  const rb_rounding *rd = &vm->program->rounding;
  rb_num_format_fixed(n->score, rd->places < 0 ? 0 : rd->places, score_text, sizeof score_text);
  rb_num_format_fixed(weight, rd->places < 0 ? 0 : rd->places, weight_text, sizeof weight_text);
  rb_finding *f = why[0] ? rb_vm_finding(vm, RB_FINDING_SHORTFALL, NULL, "%s：得 %s 分，分值 %s 分（%s）", n->name,
                                          score_text, weight_text, why)
                         : rb_vm_finding(vm, RB_FINDING_SHORTFALL, NULL, "%s：得 %s 分，分值 %s 分", n->name, score_text,
                                         weight_text);
  if (f) {
    f->has_stake = f->has_computed = true;
    f->stake = lost;
    f->computed = n->score;
  }
}

/* ITEM_END: close the open item with its score (the value popped): rounded
** where the rubric says, checked against the item's weight, explained; or
** marked not applicable after na().  Only the main program, which opened
** the item, closes it.  Returns false after an error. */
static bool close_item(rb_vm *vm, bool in_main, rb_value score) {
  rb_node *n = vm->current;
  if (!n || !n->is_item || !in_main) {
    rb_vm_error(vm, "ITEM_END without an open item");
    return false;
  }
  if (vm->item.na) {
    n->not_applicable = true;
  } else if (score.type == RB_V_NUM) {
    rb_num s = score.as.num;
    n->exact = s;
    n->has_exact = true;
    n->matched = vm->item.matched;
    if (!round_score(vm, &s, RB_ROUND_AT_ITEM)) return false;
    n->score = s;
    n->has_score = true;
    if (rb_num_cmp_fast(s, n->weight) > 0)
      rb_vm_finding(vm, RB_FINDING_REVIEW, NULL, "得分 %s 超过该项分值 %s", rb_vm_value_text(vm, num_value(s, 0)),
                    rb_vm_value_text(vm, num_value(n->weight, 0)));
    vm->item.explain = item_explanation(vm, s);
    n->explain = vm->item.explain;
    note_lost_points(vm, n);
    if (n->unverified) n->unverified_score = s;
  } else if (score.type == RB_V_NIL) {
    rb_vm_error(vm, "the item's score could not be computed: a value it uses is missing");
    return false;
  } else {
    rb_vm_error(vm, "an item's score must be a number, not %s", rb_vtype_name((rb_vtype)score.type));
    return false;
  }
  n->explain = vm->item.explain;
  vm->current = n->parent;
  memset(&vm->item, 0, sizeof vm->item);
  return true;
}

/* SPLIT (opcodes.h): the list of `count_value` shares of `weight_value`
** under the policy, to places decimals, in *out.  The count must be a whole
** number from 0 to 10,000,000.  Returns false after an error. */
static bool split_weight(rb_vm *vm, rb_value weight_value, rb_value count_value, rb_split_policy policy, int places,
                         rb_value *out) {
  int64_t count;
  if (count_value.type != RB_V_NUM || weight_value.type != RB_V_NUM || !rb_num_to_int64(count_value.as.num, &count) ||
      count < 0 || count > 10000000) {
    rb_vm_error(vm, "cannot split a weight into that many shares");
    return false;
  }
  rb_num weight = weight_value.as.num;
  rb_result *r = vm->result;
  rb_numctx *cx = r->nums;
  rb_list *list = rb_arena_alloc(&r->arena, sizeof *list);
  rb_value *items = rb_arena_calloc(&r->arena, count > 0 ? (size_t)count : 1, sizeof *items);
  if (!list || !items) {
    rb_vm_error(vm, "out of memory");
    return false;
  }
  *list = (rb_list){.count = (uint32_t)count, .items = items}; /* fixed: used NULL */
  out->type = RB_V_LIST;
  out->as.list = list;
  if (count == 0) return true;
  rb_num n = rb_num_int(count), share;
  switch (policy) {
  case RB_SPLIT_LARGEST_REMAINDER: {
    /* Work in units of 10^-places: each share gets floor(total/n) units and
    ** the first (total mod n) shares one unit more — the remainders are all
    ** equal, so ties go by table order (40 over 11 → 3.64 ×7, 3.63 ×4). */
    rb_num units, base, unit_value, used, rest, more, small_share, large_share;
    int64_t extra = 0;
    if (!rb_num_scale10(cx, weight, places, &units) || !rb_num_round(cx, units, 0, RB_ROUND_FLOOR, &units) ||
        !rb_num_div(cx, units, n, &base) || !rb_num_round(cx, base, 0, RB_ROUND_FLOOR, &base) ||
        !rb_num_mul(cx, base, n, &used) || !rb_num_sub_fast(cx, units, used, &rest) ||
        !rb_num_scale10(cx, rb_num_int(1), -places, &unit_value) || !rb_num_add_fast(cx, base, rb_num_int(1), &more) ||
        !rb_num_mul(cx, base, unit_value, &small_share) || !rb_num_mul(cx, more, unit_value, &large_share))
      goto nomem;
    rb_num_to_int64(rest, &extra);
    for (int64_t i = 0; i < count; i++) items[i] = num_value(i < extra ? large_share : small_share, RB_UNIT_PLAIN);
    return true;
  }
  case RB_SPLIT_FLOOR_LAST: {
    /* Each share floored to places; the last takes what is left
    ** (28 over 12 → 2.33 ×11 + 2.37). */
    rb_num each, used, last;
    if (!rb_num_div(cx, weight, n, &each) || !rb_num_round(cx, each, places, RB_ROUND_FLOOR, &each) ||
        !rb_num_mul(cx, each, rb_num_int(count - 1), &used) || !rb_num_sub_fast(cx, weight, used, &last))
      goto nomem;
    for (int64_t i = 0; i < count; i++) items[i] = num_value(i == count - 1 ? last : each, RB_UNIT_PLAIN);
    return true;
  }
  case RB_SPLIT_WHOLE:
    if (!rb_num_div(cx, weight, n, &share) || !rb_num_round(cx, share, 0, RB_ROUND_HALF_UP, &share)) goto nomem;
    for (int64_t i = 0; i < count; i++) items[i] = num_value(share, RB_UNIT_PLAIN);
    return true;
  case RB_SPLIT_EXACT:
  default:
    if (!rb_num_div(cx, weight, n, &share)) goto nomem;
    for (int64_t i = 0; i < count; i++) items[i] = num_value(share, RB_UNIT_PLAIN);
    return true;
  }
nomem:
  rb_vm_error_unexplained(vm);
  return false;
}

/* Shares of `total` in proportion to the rows' weights w[0..n), in units of
** 10^-places that add up exactly: each row gets the whole units of its quota
** w[i] × total / sum, and the units left over go one each to the largest
** remainders, ties in table order (largest remainder, as SPLIT does for
** equal shares).  sum must not be 0. */
static bool rescale_shares(rb_vm *vm, rb_num total, rb_num sum, const rb_num *w, size_t n, int places,
                           rb_value *out) {
  rb_numctx *cx = vm->result->nums;
  rb_num units, unit_value;
  rb_num *rest = rb_arena_calloc(&vm->result->arena, n, sizeof *rest);
  if (!rest || !rb_num_scale10(cx, total, places, &units) || !rb_num_round(cx, units, 0, RB_ROUND_FLOOR, &units) ||
      !rb_num_scale10(cx, rb_num_int(1), -places, &unit_value))
    return false;
  rb_num left = units;
  for (size_t i = 0; i < n; i++) {
    rb_num quota, base;
    if (!rb_num_mul(cx, w[i], units, &quota) || !rb_num_div(cx, quota, sum, &quota) ||
        !rb_num_round(cx, quota, 0, RB_ROUND_FLOOR, &base) || !rb_num_sub_fast(cx, quota, base, &rest[i]) ||
        !rb_num_sub_fast(cx, left, base, &left))
      return false;
    rb_set_num(&out[i], base, RB_UNIT_PLAIN);
  }
  int64_t extra = 0;
  rb_num_to_int64(left, &extra);
  for (; extra > 0; extra--) {
    size_t best = n;
    for (size_t i = 0; i < n; i++)
      if (rb_num_sign(rest[i]) >= 0 && (best == n || rb_num_cmp_fast(rest[i], rest[best]) > 0)) best = i;
    if (best == n) break;
    if (!rb_num_add_fast(cx, out[best].as.num, rb_num_int(1), &out[best].as.num)) return false;
    rest[best] = rb_num_int(-1); /* one extra unit a row */
  }
  for (size_t i = 0; i < n; i++)
    if (!rb_num_mul(cx, out[i].as.num, unit_value, &out[i].as.num)) return false;
  return true;
}

/* The shares of SPLIT_ROWS (opcodes.h): each row's published weight, or nil
** when a row states none.  When the weights do not add up to `weight`, the
** mode decides: the current section takes the table's sum (TABLE), the
** weights are rescaled to `weight` (RESCALE), or the run stops (STRICT).
** rows_value must be a list of rows (or nil, no rows), weight_value a
** number.  Returns false after an error. */
static bool split_rows(rb_vm *vm, rb_value weight_value, rb_value rows_value, rb_row_weight_mode mode, int places,
                       rb_value *out) {
  if ((rows_value.type != RB_V_LIST && rows_value.type != RB_V_NIL) || weight_value.type != RB_V_NUM) {
    rb_vm_error(vm, "split by_row needs a list of rows and a weight");
    return false;
  }
  rb_num weight = weight_value.as.num;
  const rb_list *rows = rows_value.type == RB_V_LIST ? rows_value.as.list : NULL;
  rb_result *r = vm->result;
  rb_numctx *cx = r->nums;
  uint32_t n = rows ? rows->count : 0, stated = 0;
  const rb_indicator *unstated = NULL;
  rb_num sum = rb_num_int(0);
  for (uint32_t i = 0; i < n; i++) {
    const rb_indicator *row = rows->items[i].type == RB_V_ROW ? rows->items[i].as.row : NULL;
    if (!row) {
      rb_vm_error(vm, "split by_row needs indicator rows");
      return false;
    }
    if (!row->weight.has) {
      if (!unstated) unstated = row;
      continue;
    }
    stated++;
    if (!rb_num_add_fast(cx, sum, row->weight.v, &sum)) goto nomem;
  }
  if (unstated) {
    /* The else policy splits; say so when the table stated some weights. */
    if (stated > 0)
      rb_vm_finding(vm, RB_FINDING_NOTE, NULL, "%u 行中有 %u 行未列分值（如「%s」），表中所列分值未采用，按规则分配",
                    n, n - stated, unstated->name);
    rb_set_nil(out);
    return true;
  }
  rb_list *list = rb_arena_alloc(&r->arena, sizeof *list);
  rb_value *items = rb_arena_calloc(&r->arena, n ? n : 1, sizeof *items);
  if (!list || !items) goto nomem;
  *list = (rb_list){.count = n, .items = items};
  out->type = RB_V_LIST;
  out->as.list = list;
  for (uint32_t i = 0; i < n; i++) rb_set_num(&items[i], rows->items[i].as.row->weight.v, RB_UNIT_PLAIN);
  if (n == 0 || rb_num_cmp_fast(sum, weight) == 0) return true;

  const char *s = rb_vm_value_text(vm, (rb_value){.type = RB_V_NUM, .as.num = sum});
  const char *w = rb_vm_value_text(vm, (rb_value){.type = RB_V_NUM, .as.num = weight});
  switch (mode) {
  case RB_ROWS_STRICT:
    rb_vm_error(vm, "the rows' published weights (分值) add up to %s, but the rubric gives %s", s, w);
    return false;
  case RB_ROWS_RESCALE: {
    if (rb_num_is_zero(sum)) {
      rb_vm_error(vm, "the rows' published weights (分值) add up to 0 and cannot be rescaled to %s", w);
      return false;
    }
    rb_num *ws = rb_arena_calloc(&r->arena, n, sizeof *ws);
    if (!ws) goto nomem;
    for (uint32_t i = 0; i < n; i++) ws[i] = items[i].as.num;
    if (!rescale_shares(vm, weight, sum, ws, n, places, items)) goto nomem;
    rb_vm_finding(vm, RB_FINDING_WEIGHT_MISMATCH, NULL, "各行分值合计 %s，与规则所定分值 %s 不符，按比例折算为 %s 分",
                  s, w, w);
    return true;
  }
  case RB_ROWS_TABLE:
  default:
    /* The table's own arithmetic: the section weighs what its rows do. */
    vm->current->weight = sum;
    rb_vm_finding(vm, RB_FINDING_WEIGHT_MISMATCH, NULL, "各行分值合计 %s，与规则所定分值 %s 不符，按表中分值合计 %s 计",
                  s, w, s);
    return true;
  }
nomem:
  rb_vm_error_unexplained(vm);
  return false;
}

/* Record on the current section how its weight was split (for `rubric
** explain`): the policy (1 + rb_split_policy, or RB_NODE_SPLIT_BY_ROW), the
** places, the weight split and the number of shares in *shares. */
static void note_split(rb_vm *vm, uint8_t how, int places, rb_value weight, const rb_value *shares) {
  rb_node *n = vm->current;
  if (!n || n->is_item || weight.type != RB_V_NUM || shares->type != RB_V_LIST) return;
  n->split = how;
  n->split_places = (int8_t)places;
  n->split_count = shares->as.list->count;
  n->split_weight = weight.as.num;
}

/* Look a number up in a step table: the first range that holds it. */
static bool step_lookup(rb_vm *vm, const rb_constant *k, rb_value x, rb_value *out) {
  if (x.type == RB_V_NIL) {
    *out = rb_nil();
    return true;
  }
  if (x.type != RB_V_NUM) {
    rb_vm_error(vm, "a step table looks up a number, not %s", rb_vtype_name((rb_vtype)x.type));
    return false;
  }
  for (uint32_t i = 0; i < k->range_count; i++) {
    const rb_step_range *s = &k->ranges[i];
    if (s->has_low) {
      int c = rb_num_cmp_fast(x.as.num, s->low);
      if (c < 0 || (c == 0 && !s->low_inclusive)) continue;
    }
    if (s->has_high) {
      int c = rb_num_cmp_fast(x.as.num, s->high);
      if (c > 0 || (c == 0 && !s->high_inclusive)) continue;
    }
    *out = num_value(s->points, RB_UNIT_PLAIN);
    return true;
  }
  rb_vm_error(vm, "%s falls in no range of the step table", rb_vm_value_text(vm, x));
  return false;
}

/* Store in *v a field of the row, budget line or measure *obj; v may be
** obj itself (everything needed is read from obj before v is written). */
static inline __attribute__((always_inline)) bool get_field(rb_vm *vm, const rb_value *obj, rb_field f, rb_value *v) {
  rb_vtype type = (rb_vtype)obj->type;
  if (type == RB_V_NIL) {
    rb_set_nil(v);
    return true;
  }
  if (type == RB_V_ROW) {
    const rb_indicator *row = obj->as.row;
    /* A row whose figures an item reads counts as scored by it (a sum over
    ** the rows inside an item); its names alone do not (a where condition).
    ** vm->item.row_used is set only while an item is open on a report. */
#define MARK_ROW_USED()                                                         \
  do {                                                                        \
    if (vm->item.row_used) vm->item.row_used[row - vm->item.rows] = 1;        \
  } while (0)
    switch (f) {
    case RB_FIELD_LEVEL1: set_text_len(v, row->level1, row->level1_len); return true;
    case RB_FIELD_LEVEL2: set_text_len(v, row->level2, row->level2_len); return true;
    case RB_FIELD_NAME: set_text_len(v, row->name, row->name_len); return true;
    case RB_FIELD_TARGET:
      MARK_ROW_USED();
      set_measure(v, &row->target);
      return true;
    case RB_FIELD_ACTUAL:
      MARK_ROW_USED();
      /* A row without an actual has none: nil, like a missing self score. */
      if (!row->actual_text) {
        rb_set_nil(v);
        return true;
      }
      set_measure(v, &row->actual);
      return true;
    case RB_FIELD_ROW_WEIGHT:
      MARK_ROW_USED();
      if (row->weight.has) rb_set_num(v, row->weight.v, RB_UNIT_PLAIN);
      else rb_set_nil(v);
      return true;
    case RB_FIELD_SELF_SCORE:
      MARK_ROW_USED();
      if (row->self_score.has) rb_set_num(v, row->self_score.v, RB_UNIT_PLAIN);
      else rb_set_nil(v);
      return true;
#undef MARK_ROW_USED
    case RB_FIELD_NOTE:
      if (row->note) set_text(v, row->note);
      else rb_set_nil(v);
      return true;
    default: break;
    }
  } else if (type == RB_V_LINE) {
    const rb_budget_line *l = obj->as.line;
    const rb_opt_num *money = NULL;
    switch (f) {
    case RB_FIELD_NAME: set_text(v, l->name); return true;
    case RB_FIELD_PLANNED: money = &l->planned; break;
    case RB_FIELD_ALLOCATED: money = &l->allocated; break;
    case RB_FIELD_SPENT: money = &l->spent; break;
    default: break;
    }
    if (money) {
      if (money->has) rb_set_num(v, money->v, RB_UNIT_MONEY);
      else rb_set_nil(v);
      return true;
    }
  } else if (type == RB_V_MEASURE) {
    const rb_measure *m = obj->as.measure;
    rb_num n;
    switch (f) {
    case RB_FIELD_KIND:
      if ((unsigned)m->kind < RB_MK_COUNT) rb_set_text(v, vm->kind_names[m->kind].chars, vm->kind_names[m->kind].len);
      else set_text(v, rb_measure_kind_name(m->kind));
      return true;
    case RB_FIELD_CMP:
      if ((unsigned)m->cmp < RB_CMP_COUNT) rb_set_text(v, vm->cmp_names[m->cmp].chars, vm->cmp_names[m->cmp].len);
      else set_text(v, rb_cmp_name(m->cmp));
      return true;
    case RB_FIELD_NUMBER:
      if (rb_measure_number(m, &n)) rb_set_num(v, n, RB_UNIT_PLAIN);
      else rb_set_nil(v);
      return true;
    case RB_FIELD_UNIT: set_text(v, m->unit); return true;
    case RB_FIELD_TEXT: set_text(v, m->text); return true;
    case RB_FIELD_LOW:
    case RB_FIELD_HIGH:
      if (m->kind == RB_MK_RANGE) rb_set_num(v, f == RB_FIELD_LOW ? m->low : m->high, RB_UNIT_PLAIN);
      else rb_set_nil(v);
      return true;
    default: break;
    }
  }
  rb_vm_error(vm, "%s has no field %s", rb_vtype_name(type), rb_field_names[f]);
  return false;
}

/* ---- What the loop hands off ---------------------------------------------- */

/* Each function below is the slow or rare part of one instruction, moved out
** of the loop as Lua moves its slow paths out of luaV_execute
** (luaV_finishget): the case in the loop decodes the operands, pops, calls
** the function and pushes, so that every case reads in a few lines.  They
** report errors with rb_vm_error at the current instruction and return false
** (or MISSING_FAILED); the loop then stops. */

/* What INPUT does next when the report lacks the input (missing_input). */
typedef enum missing_action {
  MISSING_FAILED,   /* the run stops: rb_vm_error was called */
  MISSING_PUSH,     /* push the value and go on */
  MISSING_END_ITEM, /* the open item ends now, with the value as its score */
} missing_action;

/* Input i is missing from the report: apply its missing-value policy.
**   error     the run stops with an error naming the input;
**   zero      *value is the zero of its type, default the declared default,
**             each recorded once a run as a defaulted finding;
**   self/full inside an item, *value is the item's self score (self, when
**             it has one) or its weight, recorded as unverified, and the
**             item is to end at once (MISSING_END_ITEM: the loop continues
**             at its ITEM_END); outside an item (a check), nil. */
static missing_action missing_input(rb_vm *vm, uint16_t i, rb_value *value) {
  const rb_program *p = vm->program;
  const rb_input *in = &p->inputs[i];
  rb_input_value *iv = &vm->inputs[i];
  switch ((rb_missing_policy)in->missing) {
  case RB_MISSING_ERROR:
    if (!vm->report) rb_vm_error(vm, "input '%s' needs a report: run the rubric with a report file", in->name);
    else if (in->source == RB_SRC_FACT)
      rb_vm_error(vm, "the report has no fact \"%s\" (input '%s'), and the rubric says it is required", in->key,
                  in->name);
    else
      rb_vm_error(vm, "the report has no %s (input '%s'), and the rubric says it is required",
                  rb_input_source_names[in->source], in->name);
    return MISSING_FAILED;
  case RB_MISSING_ZERO:
  case RB_MISSING_DEFAULT:
    *value = in->missing == RB_MISSING_ZERO ? zero_of(in) : const_value(&p->constants[in->default_const]);
    if (!iv->reported) {
      iv->reported = true;
      const char *shown = value->type == RB_V_TEXT && value->as.text.len == 0 ? rb_from_zh(vm->lang, "空文本")
                          : value->type == RB_V_BOOL && value->as.boolean  ? rb_from_zh(vm->lang, "是")
                          : value->type == RB_V_BOOL                       ? rb_from_zh(vm->lang, "否")
                                                                           : rb_vm_value_text(vm, *value);
      rb_vm_finding(vm, RB_FINDING_DEFAULTED, NULL, "报告缺少「%s」，按规则取 %s", in->key ? in->key : in->name,
                    shown);
    }
    return MISSING_PUSH;
  case RB_MISSING_SELF:
  case RB_MISSING_FULL: {
    if (!vm->current || !vm->current->is_item) {
      /* Outside an item (a check): the value is unknown; nil propagates
      ** and the check reports that it could not be evaluated. */
      *value = rb_nil();
      return MISSING_PUSH;
    }
    rb_node *n = vm->current;
    bool self = in->missing == RB_MISSING_SELF && n->has_self;
    rb_num s = self ? n->self : n->weight;
    const char *key = in->key ? in->key : in->name, *points = rb_vm_value_text(vm, num_value(s, RB_UNIT_PLAIN));
    if (self) rb_vm_finding(vm, RB_FINDING_UNVERIFIED, NULL, "报告缺少「%s」，无法核实，取自评分 %s 分", key, points);
    else rb_vm_finding(vm, RB_FINDING_UNVERIFIED, NULL, "报告缺少「%s」，无法核实，按满分计 %s 分", key, points);
    vm->item.explain = self ? rb_from_zh(vm->lang, "自评分（数据缺失，未核实）")
                            : rb_from_zh(vm->lang, "满分（数据缺失，未核实）");
    vm->item.formula = NULL; /* the item's formula did not decide its score */
    vm->item.explained = 0;
    *value = num_value(s, RB_UNIT_PLAIN);
    return MISSING_END_ITEM;
  }
  default: rb_vm_error(vm, "bad missing-value policy"); return MISSING_FAILED;
  }
}

/* NODE: open section k, of the given weight, under the current node.  Only
** the main program opens sections (in_main), and never inside an item. */
static bool open_section(rb_vm *vm, bool in_main, uint16_t k, rb_value weight) {
  if (!in_main || vm->current->is_item) {
    rb_vm_error(vm, "only the main program can open sections, and not inside an item");
    return false;
  }
  if (weight.type != RB_V_NUM) {
    rb_vm_error(vm, "a weight must be a number");
    return false;
  }
  rb_node *n = open_node(vm, vm->program->constants[k].text, vm->const_hash[k], weight.as.num, false);
  if (!n) return false;
  attach_self(vm, n);
  return true;
}

/* NODE_END: close the current section (its score, close_section) and make
** its parent current.  The root is closed by HALT, not here. */
static bool end_section(rb_vm *vm, bool in_main) {
  rb_node *n = vm->current;
  if (!n || n == vm->result->root || n->is_item || !in_main) {
    rb_vm_error(vm, "NODE_END without an open section");
    return false;
  }
  if (!close_section(vm, n, RB_ROUND_AT_SECTION)) return false;
  vm->current = n->parent;
  return true;
}

/* ITEM and ITEM_ROW: open an item of the given weight under the current
** section and start its context (vm->item).  ITEM names it by `name`, with
** the hash of that name for finding its self score by path; ITEM_ROW passes
** the row value it popped (which must be an indicator row), and the item
** takes the row's name and self score and counts the row as scored.  `end`
** is the item's ITEM_END and `sp` the operand stack height after the
** instruction's pops: where a missing input with the self policy continues.
** Items open only in the main program (in_main), one at a time. */
static bool open_item(rb_vm *vm, bool in_main, const char *name, uint64_t name_hash, const rb_value *row_value,
                      rb_value weight, const uint8_t *end, rb_value *sp) {
  if (!in_main || (vm->current && vm->current->is_item)) {
    rb_vm_error(vm, "items open only in the main program, one at a time");
    return false;
  }
  const rb_indicator *row = NULL;
  if (row_value) {
    if (row_value->type != RB_V_ROW) {
      rb_vm_error(vm, "generated items need a table row, not %s", rb_vtype_name((rb_vtype)row_value->type));
      return false;
    }
    row = row_value->as.row;
    name = row->name;
  }
  if (weight.type != RB_V_NUM) {
    rb_vm_error(vm, "a weight must be a number");
    return false;
  }
  rb_node *n = open_node(vm, name, name_hash, weight.as.num, true);
  if (!n) return false;
  n->row = row;
  if (row) {
    if (row->self_score.has) {
      n->has_self = true;
      n->self = row->self_score.v;
    }
  } else {
    attach_self(vm, n);
  }
  memset(&vm->item, 0, sizeof vm->item);
  vm->item.node = n;
  vm->item.end = end;
  vm->item.sp = sp;
  vm->item.first_finding = vm->result->finding_count;
  if (vm->report) {
    vm->item.row_used = vm->row_used;
    vm->item.rows = vm->report->indicators;
  }
  if (row) vm->row_used[row - vm->report->indicators] = 1;
  return true;
}

/* CHECK: record check k's result with its message (a nil condition: not
** evaluable, no finding); a false condition is also a check_failed finding. */
static bool record_check(rb_vm *vm, uint16_t k, rb_value condition, rb_value message) {
  const char *name = vm->program->constants[k].text;
  if (condition.type == RB_V_BOOL || condition.type == RB_V_NIL) {
    const char *m = message.type == RB_V_NIL ? "" : rb_vm_value_text(vm, message);
    if (!rb_result_add_check(vm->result, name, condition.type == RB_V_BOOL,
                             condition.type == RB_V_BOOL && condition.as.boolean, m)) {
      rb_vm_error(vm, "out of memory");
      return false;
    }
  }
  if (condition.type == RB_V_NIL) {
    /* A check without the data it needs is listed as not evaluable
    ** (rb_result.checks); it is no finding about the report. */
  } else if (condition.type != RB_V_BOOL) {
    rb_vm_error(vm, "a check's condition must be true or false");
    return false;
  } else if (!condition.as.boolean) {
    const char *m = message.type == RB_V_NIL ? "" : rb_vm_value_text(vm, message);
    if (m[0]) rb_vm_finding(vm, RB_FINDING_CHECK_FAILED, NULL, "检查「%s」未通过：%s", name, m);
    else rb_vm_finding(vm, RB_FINDING_CHECK_FAILED, NULL, "检查「%s」未通过", name);
  }
  return true;
}

/* ROW_NAMED: note that the rubric looks a row up by the name in constant k
** (vm/audit.c tells when the report has no such row). */
static bool note_row_name(rb_vm *vm, uint16_t k) {
  if (vm->row_name_count == vm->row_name_cap) {
    uint32_t cap = vm->row_name_cap ? vm->row_name_cap * 2 : 8;
    uint16_t *g = realloc(vm->row_names, cap * sizeof *g);
    if (!g) {
      rb_vm_error(vm, "out of memory");
      return false;
    }
    vm->row_names = g;
    vm->row_name_cap = cap;
  }
  vm->row_names[vm->row_name_count++] = k;
  return true;
}

/* The list a missing table is iterated as.  A list value always points at a
** list: the slot holding an iteration's sequence is a local like any other,
** and GET_LOCAL may hand it to INDEX, len() or a native. */
static const rb_list empty_list = {0};

/* ITER_START: start iterating seq (a table, a list, or nil: a missing table
** is an empty one) in the two slots at state: the sequence, then the
** position. */
static bool iter_start(rb_vm *vm, rb_value seq, rb_value *state) {
  if (seq.type == RB_V_NIL) {
    seq.type = RB_V_LIST;
    seq.as.list = &empty_list;
  } else if (seq.type != RB_V_TABLE && seq.type != RB_V_LIST) {
    rb_vm_error(vm, "can only go through a table, not %s", rb_vtype_name((rb_vtype)seq.type));
    return false;
  }
  state[0] = seq;
  state[1] = num_value(rb_num_int(0), RB_UNIT_PLAIN);
  return true;
}

/* ITER_NEXT and ITER_NEXT_SET: advance the iteration whose two slots are at
** state (see iter_start).  Stores the next element (a row, a budget line or
** a list element) in *element and returns true, or returns false when there
** is none, or after an error when the slots hold no iteration (vm->failed
** tells).  Everything is read from state before *element is written.
**
** The two slots are locals, which a hand-made program may also set with
** SET_LOCAL (the verifier follows stack depths, not what locals hold; see
** docs/rbc-format.md): so the types of both are checked here, and the
** position, whatever number it is, only indexes after the bounds check and
** only moves on past an element, so it never overflows. */
static inline __attribute__((always_inline)) bool iter_next(rb_vm *vm, rb_value *state, rb_value *element) {
  const rb_report *report = vm->report;
  const rb_value *seq = &state[0];
  int64_t i = state[1].as.num.n; /* ITER_START's position is a whole number: n/1 */
  if (state[1].type != RB_V_NUM || (state[1].as.num.d != 1 && !rb_num_to_int64(state[1].as.num, &i))) {
    rb_vm_error(vm, "the iteration's position is not a number: no ITER_START began this iteration");
    return false;
  }
  const rb_indicator *row = NULL;
  const rb_budget_line *line = NULL;
  const rb_value *item = NULL;
  if (seq->type == RB_V_LIST) {
    if (i >= 0 && (uint64_t)i < seq->as.list->count) item = &seq->as.list->items[i];
  } else if (seq->type == RB_V_TABLE) {
    if (report && i >= 0 && seq->as.table == RB_TABLE_INDICATORS && (uint64_t)i < report->indicator_count)
      row = &report->indicators[i];
    else if (report && i >= 0 && seq->as.table == RB_TABLE_LINES && (uint64_t)i < report->line_count)
      line = &report->lines[i];
  } else {
    rb_vm_error(vm, "the iteration's sequence is %s, not a table or a list: no ITER_START began this iteration",
                rb_vtype_name((rb_vtype)seq->type));
    return false;
  }
  if (!row && !line && !item) return false;
  state[1].as.num = rb_num_int(i + 1);
  if (row) set_row(element, row);
  else if (line) set_line(element, line);
  else *element = *item;
  return true;
}

/* CALL: whether a frame for callee, its slots starting at new_base, fits in
** the VM's frames and value stack; an error if not. */
static bool frame_fits(rb_vm *vm, const rb_frame *frame, const rb_value *new_base, const rb_function *callee) {
  if (frame + 1 >= vm->frames + RB_VM_FRAMES) {
    rb_vm_error(vm, "functions call each other too deeply");
    return false;
  }
  if (new_base + callee->local_count + callee->max_stack > vm->stack + RB_VM_STACK) {
    rb_vm_error(vm, "out of stack");
    return false;
  }
  return true;
}

/* Reset the VM for a run of its program on report (NULL: none) into out,
** resolve the inputs, and open the root node, the rubric itself, weighing
** its total.  Returns the root, or NULL after an error. */
static rb_node *start_run(rb_vm *vm, const rb_report *report, rb_result *out) {
  const rb_program *p = vm->program;
  rb_result_clear(out);
  out->program = p;
  out->report = report;
  out->lang = (uint8_t)vm->lang;
  out->ok = true;
  vm->report = report;
  vm->result = out;
  vm->failed = false;
  vm->current = NULL;
  vm->error_ip = NULL;
  if (++vm->run == 0) { /* after 2^32 runs: forget every memo rather than mistake an old one */
    memset(vm->plain_memo, 0, sizeof vm->plain_memo);
    vm->run = 1;
  }
  memset(&vm->item, 0, sizeof vm->item);
  for (uint32_t i = 0; i < p->global_count; i++) rb_set_nil(&vm->globals[i]);
  rb_node *root = open_node(vm, p->title && p->title[0] ? p->title : "rubric", 0, p->total, false);
  if (!root) return NULL;
  out->root = root;
  if (report && report->self_total.has) {
    root->has_self = true;
    root->self = report->self_total.v;
    out->has_self_total = true;
    out->self_total = report->self_total.v;
  }
  if (report) out->self_grade = report->self_grade;
  if (!resolve_inputs(vm)) return NULL;
  if (!track_usage(vm, report)) return NULL;
  vm->row_name_count = 0;
  const rb_function *main_fn = &p->functions[0];
  if ((size_t)main_fn->local_count + main_fn->max_stack > RB_VM_STACK) {
    rb_vm_error(vm, "the program needs more stack than the VM has");
    return NULL;
  }
  return root;
}

/* After HALT: the total (the root's score, rounded where the rubric says),
** the findings about what the run did not use of the report, the grade. */
static bool finish_run(rb_vm *vm, rb_node *root) {
  const rb_program *p = vm->program;
  rb_result *out = vm->result;
  if (!close_section(vm, root, RB_ROUND_AT_TOTAL) || !rb_vm_audit(vm)) {
    if (!vm->failed) rb_vm_error(vm, "out of memory");
    return false;
  }
  out->total = root->score;
  out->grade = "";
  for (uint32_t i = 0; i < p->grade_count; i++) {
    if (!p->grades[i].has_min || rb_num_cmp_fast(root->score, p->grades[i].min) >= 0) {
      out->grade = p->grades[i].label;
      break;
    }
  }
  vm->current = NULL;
  return out->ok;
}

/* ---- The loop ----------------------------------------------------------- */

#if defined(__GNUC__) && !defined(RUBRIC_SWITCH_DISPATCH)
#define RB_COMPUTED_GOTO 1
#endif

#define READ_U8() (*ip++)
#define READ_U16() (ip += 2, (uint16_t)(ip[-2] | (ip[-1] << 8)))
#define READ_I32() \
  (ip += 4, (int32_t)((uint32_t)ip[-4] | ((uint32_t)ip[-3] << 8) | ((uint32_t)ip[-2] << 16) | ((uint32_t)ip[-1] << 24)))
#define PUSH(v) (*sp++ = (v))
#define POP() (*--sp)
#define PEEK(n) (sp[-1 - (n)])
#define FAIL() goto fail
#define CHECK(cond) do { if (!(cond)) FAIL(); } while (0)

/* Start of every instruction: the budget, and where errors point (the
** instruction's address: rb_vm_error turns it into an offset only when it
** is needed).  The budget counts down a signed register, so the test is
** the decrement's own sign. */
#define FETCH()                                                               \
  do {                                                                        \
    if (--budget < 0) goto out_of_budget;                                     \
    vm->error_ip = ip;                                                        \
  } while (0)

/* Dispatch.  With computed goto every case ends in its own indirect jump
** through dispatch_table, which the processor predicts per case; the switch
** build has one jump for all.  Every instruction is dispatched the same way:
** the work of a pair the compiler always emits together is an opcode of its
** own (FIELD_LOCAL, ITER_NEXT_SET), not a shortcut hidden in the loop. */
#ifdef RB_COMPUTED_GOTO
#define VM_LOOP_BEGIN DISPATCH();
#define VM_LOOP_END
#define CASE(name) op_##name:
#define DISPATCH()                                                            \
  do {                                                                        \
    FETCH();                                                                  \
    goto *dispatch_table[*ip++];                                              \
  } while (0)
#else
#define VM_LOOP_BEGIN                                                         \
  for (;;) {                                                                  \
    FETCH();                                                                  \
    switch ((rb_opcode)*ip++) {
#define VM_LOOP_END                                                           \
    default: goto bad_opcode;                                                 \
    }                                                                         \
  }
#define CASE(name) case RB_OP_##name:
#define DISPATCH() continue
#endif

/* The dispatch loop.  Registers: ip the next code byte, sp the first free
** operand slot, base the current frame's slot 0, frame the
** slot in vm->frames where a CALL saves them.  Each case reads its operands,
** does its work (slow paths in the functions above) and dispatches; a case
** that fails jumps to fail, which stops the run. */
/* GCC's advice for computed-goto interpreters: without global common
** subexpression elimination and cross-jumping, each case keeps its own
** dispatch and the loop's registers are not spent on values hoisted across
** cases (measured with callgrind).  Clang has no such switches. */
#if defined(__GNUC__) && !defined(__clang__) && defined(RB_COMPUTED_GOTO)
__attribute__((optimize("no-gcse", "no-crossjumping")))
#endif
bool rb_vm_run(rb_vm *vm, const rb_report *report, rb_result *out) {
  const rb_program *p = vm->program;
  int64_t budget = (int64_t)vm->budget;
#ifdef RB_COMPUTED_GOTO
  static const void *const dispatch_table[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) &&op_##name,
      RB_OPCODES(X)
#undef X
  };
#endif
  /* Few variables live across the loop, so that ip, sp and base stay in
  ** registers: the root, the code and the numbers' context are read from
  ** vm or out where an instruction needs them. */
  if (!start_run(vm, report, out)) return false;

  const rb_function *main_fn = &p->functions[0];
  const uint8_t *ip = p->code + main_fn->code_start;
  rb_value *base = vm->stack;
  rb_value *sp = base;
  rb_frame *frame = vm->frames;
  for (uint32_t i = 0; i < main_fn->local_count; i++) *sp++ = rb_nil();

  VM_LOOP_BEGIN

  CASE(CONST) {
    uint16_t k = READ_U16();
    PUSH(vm->consts[k]);
    DISPATCH();
  }
  CASE(NIL) {
    rb_set_nil(sp++);
    DISPATCH();
  }
  CASE(TRUE) {
    rb_set_bool(sp++, true);
    DISPATCH();
  }
  CASE(FALSE) {
    rb_set_bool(sp++, false);
    DISPATCH();
  }
  CASE(POP) {
    sp--;
    DISPATCH();
  }
  CASE(GET_LOCAL) {
    uint16_t s = READ_U16();
    PUSH(base[s]);
    DISPATCH();
  }
  CASE(SET_LOCAL) {
    uint16_t s = READ_U16();
    base[s] = POP();
    DISPATCH();
  }
  CASE(GET_GLOBAL) {
    uint16_t gl = READ_U16(); /* below global_count: rb_program_size_stacks counted it */
    PUSH(vm->globals[gl]);
    DISPATCH();
  }
  CASE(SET_GLOBAL) {
    uint16_t gl = READ_U16();
    vm->globals[gl] = POP();
    DISPATCH();
  }
  CASE(INPUT) {
    uint16_t i = READ_U16();
    if (vm->inputs[i].present) {
      PUSH(vm->inputs[i].value);
      DISPATCH();
    }
    rb_value v;
    missing_action action = missing_input(vm, i, &v);
    if (action == MISSING_FAILED) FAIL();
    if (action == MISSING_END_ITEM) {
      /* Continue at the item's ITEM_END with the score pushed.  Items open
      ** only in the main program, so unwinding any function calls in
      ** between returns to the main frame. */
      frame = vm->frames;
      base = vm->stack;
      sp = vm->item.sp;
      ip = vm->item.end;
    }
    PUSH(v);
    DISPATCH();
  }
  CASE(ADD) CASE(SUB) CASE(MUL) CASE(DIV) {
    sp--;
    CHECK(arith(vm, (rb_opcode)ip[-1], sp - 1, sp));
    DISPATCH();
  }
  CASE(NEG) {
    rb_value a = POP();
    if (a.type == RB_V_NUM) {
      CHECK(rb_num_neg(out->nums, a.as.num, &a.as.num));
    } else if (a.type != RB_V_NIL) {
      rb_vm_error(vm, "cannot negate %s", rb_vtype_name((rb_vtype)a.type));
      FAIL();
    }
    PUSH(a);
    DISPATCH();
  }
  CASE(NOT) {
    rb_value a = POP();
    if (a.type == RB_V_BOOL) PUSH(rb_bool(!a.as.boolean));
    else if (a.type == RB_V_NIL) PUSH(a);
    else {
      rb_vm_error(vm, "not needs true or false, not %s", rb_vtype_name((rb_vtype)a.type));
      FAIL();
    }
    DISPATCH();
  }
  CASE(EQ) CASE(NE) {
    rb_value *a = sp - 2;
    bool ok;
    bool eq = values_equal(vm, a, sp - 1, &ok);
    CHECK(ok);
    rb_set_bool(a, ip[-1] == RB_OP_EQ ? eq : !eq);
    sp--;
    DISPATCH();
  }
  CASE(JUMP_IF_NE) CASE(JUMP_IF_EQ) {
    bool jump_if_eq = ip[-1] == RB_OP_JUMP_IF_EQ;
    int32_t off = READ_I32();
    bool ok;
    bool eq = values_equal(vm, sp - 2, sp - 1, &ok);
    CHECK(ok);
    sp -= 2;
    if (eq == jump_if_eq) ip += off;
    DISPATCH();
  }
  CASE(IN_TEXTS) {
    uint16_t k = READ_U16();
    bool found;
    CHECK(in_texts(vm, &p->constants[k], vm->const_hash[k], sp - 1, &found));
    rb_set_bool(sp - 1, found);
    DISPATCH();
  }
  CASE(LT) CASE(LE) CASE(GT) CASE(GE) {
    rb_opcode op = (rb_opcode)ip[-1];
    rb_value *a = sp - 2, *b = sp - 1;
    sp--;
    if (a->type == RB_V_NIL || b->type == RB_V_NIL) {
      rb_set_nil(a);
      DISPATCH();
    }
    int c;
    CHECK(values_order(vm, a, b, &c));
    rb_set_bool(a, op == RB_OP_LT ? c < 0 : op == RB_OP_LE ? c <= 0 : op == RB_OP_GT ? c > 0 : c >= 0);
    DISPATCH();
  }
  CASE(ROUND) {
    int8_t places = (int8_t)READ_U8();
    uint8_t mode = READ_U8();
    rb_value *a = &PEEK(0);
    if (a->type == RB_V_NUM) {
      CHECK(rb_num_round(out->nums, a->as.num, places, (rb_round_mode)mode, &a->as.num));
    } else if (a->type != RB_V_NIL) {
      rb_vm_error(vm, "round needs a number, not %s", rb_vtype_name((rb_vtype)a->type));
      FAIL();
    }
    DISPATCH();
  }
  CASE(FIELD) {
    uint8_t f = READ_U8();
    CHECK(get_field(vm, sp - 1, (rb_field)f, sp - 1));
    DISPATCH();
  }
  CASE(FIELD_LOCAL) {
    uint16_t s = READ_U16();
    uint8_t f = READ_U8();
    CHECK(get_field(vm, &base[s], (rb_field)f, sp));
    sp++;
    DISPATCH();
  }
  CASE(FIELDS_LOCAL) {
    uint16_t s = READ_U16();
    uint8_t f = READ_U8();
    uint8_t f2 = READ_U8();
    CHECK(get_field(vm, &base[s], (rb_field)f, sp));
    CHECK(get_field(vm, sp, (rb_field)f2, sp));
    sp++;
    DISPATCH();
  }
  CASE(STEP) {
    uint16_t k = READ_U16();
    rb_value r;
    CHECK(step_lookup(vm, &p->constants[k], POP(), &r));
    PUSH(r);
    DISPATCH();
  }
  CASE(JUMP) {
    int32_t off = READ_I32();
    ip += off;
    DISPATCH();
  }
  CASE(JUMP_IF_FALSE) {
    int32_t off = READ_I32();
    const rb_value *c = --sp;
    if (c->type == RB_V_BOOL) {
      if (!c->as.boolean) ip += off;
    } else if (c->type == RB_V_NIL) {
      ip += off;
    } else {
      rb_vm_error(vm, "a condition must be true or false, not %s", rb_vtype_name((rb_vtype)c->type));
      FAIL();
    }
    DISPATCH();
  }
  CASE(JUMP_IF_TRUE) {
    int32_t off = READ_I32();
    const rb_value *c = --sp;
    if (c->type == RB_V_BOOL) {
      if (c->as.boolean) ip += off;
    } else if (c->type != RB_V_NIL) {
      rb_vm_error(vm, "a condition must be true or false, not %s", rb_vtype_name((rb_vtype)c->type));
      FAIL();
    }
    DISPATCH();
  }
  CASE(JUMP_IF_NIL) {
    int32_t off = READ_I32();
    if ((--sp)->type == RB_V_NIL) ip += off;
    DISPATCH();
  }
  CASE(JUMP_IF_NOT_NIL) {
    int32_t off = READ_I32();
    if ((--sp)->type != RB_V_NIL) ip += off;
    DISPATCH();
  }
  CASE(JUMP_IF_NE_K) CASE(JUMP_IF_EQ_K) {
    bool jump_if_eq = ip[-1] == RB_OP_JUMP_IF_EQ_K;
    uint16_t k = READ_U16();
    int32_t off = READ_I32();
    bool ok;
    bool eq = equals_const(vm, sp - 1, &vm->consts[k], &ok);
    CHECK(ok);
    sp--;
    if (eq == jump_if_eq) ip += off;
    DISPATCH();
  }
  CASE(JUMP_IF_FIELD_NE_K) CASE(JUMP_IF_FIELD_EQ_K) {
    /* FIELD_LOCAL's errors at the opcode, the comparison's at the next
    ** byte (opcodes.h), where the debug section gives each its place. */
    const uint8_t *at = ip - 1;
    bool jump_if_eq = *at == RB_OP_JUMP_IF_FIELD_EQ_K;
    uint16_t s = READ_U16();
    uint8_t f = READ_U8();
    uint16_t k = READ_U16();
    int32_t off = READ_I32();
    CHECK(get_field(vm, &base[s], (rb_field)f, sp));
    vm->error_ip = at + 1;
    bool ok;
    bool eq = equals_const(vm, sp, &vm->consts[k], &ok);
    CHECK(ok);
    if (eq == jump_if_eq) ip += off;
    DISPATCH();
  }
  CASE(FIELD_TEXT_TEST) {
    /* Each step's errors where its instruction stood (opcodes.h): the
    ** field at the opcode, plain at the next byte, the test at the one
    ** after.  Neither built-in explains a score (CALL_BUILTIN's note). */
    const uint8_t *at = ip - 1;
    uint16_t s = READ_U16();
    uint8_t f = READ_U8();
    uint16_t id = READ_U16();
    uint16_t k = READ_U16();
    CHECK(get_field(vm, &base[s], (rb_field)f, sp));
    vm->error_ip = at + 1;
    CHECK(rb_builtin_plain(vm, sp, sp));
    vm->error_ip = at + 2;
    const rb_value *kv = &vm->consts[k]; /* a text: the verifier checked it */
    if (sp->type == RB_V_TEXT) {
      rb_set_bool(sp, rb_text_matches(id, sp->as.text.chars, sp->as.text.len, kv->as.text.chars, kv->as.text.len));
    } else if (sp->type == RB_V_NIL) {
      rb_set_bool(sp, rb_text_matches(id, "", 0, kv->as.text.chars, kv->as.text.len));
    } else {
      rb_value args[2] = {*sp, *kv};
      CHECK(rb_builtin_fns[id](vm, id, args, 2, sp));
    }
    sp++;
    DISPATCH();
  }
  CASE(INC_LOCAL) {
    uint16_t s = READ_U16();
    uint16_t k = READ_U16();
    rb_value *a = &base[s];
    const rb_value *b = &vm->consts[k];
    if (a->type == RB_V_NUM && b->type == RB_V_NUM && a->unit == b->unit) {
      /* arith's ADD of two numbers of one unit, without the call. */
      rb_num r;
      if (!rb_num_add_fast(out->nums, a->as.num, b->as.num, &r)) {
        rb_vm_error_unexplained(vm);
        FAIL();
      }
      rb_set_num(a, r, a->unit);
    } else {
      CHECK(arith(vm, RB_OP_ADD, a, b));
    }
    DISPATCH();
  }
  CASE(ITER_START) {
    uint16_t s = READ_U16();
    CHECK(iter_start(vm, POP(), &base[s]));
    DISPATCH();
  }
  CASE(ITER_NEXT) {
    uint16_t s = READ_U16();
    int32_t off = READ_I32();
    if (!iter_next(vm, &base[s], sp)) {
      CHECK(!vm->failed);
      rb_set_nil(sp);
      ip += off;
    }
    sp++;
    DISPATCH();
  }
  CASE(ITER_NEXT_SET) {
    uint16_t s = READ_U16();
    uint16_t local = READ_U16();
    int32_t off = READ_I32();
    if (!iter_next(vm, &base[s], &base[local])) {
      CHECK(!vm->failed);
      ip += off;
    }
    DISPATCH();
  }
  CASE(CALL_BUILTIN) {
    uint16_t id = READ_U16();
    uint8_t argc = READ_U8();
    sp -= argc;
    const char *explained = vm->item.explain;
    /* The result replaces the first argument; the verifier checked the id. */
    CHECK(rb_builtin_fns[id](vm, id, sp, argc, sp));
    if (vm->item.explain != explained) {
      /* Which built-in explains the item's score (close_item decides). */
      vm->item.explained++;
      vm->item.explained_value = *sp;
    }
    sp++;
    DISPATCH();
  }
  CASE(CALL_NATIVE) {
    uint16_t k = READ_U16();
    uint8_t argc = READ_U8();
    rb_value r;
    sp -= argc;
    CHECK(rb_native_call(vm, k, sp, argc, &r));
    PUSH(r);
    DISPATCH();
  }
  CASE(CALL) {
    uint16_t f = READ_U16();
    uint8_t argc = READ_U8();
    const rb_function *callee = &p->functions[f];
    rb_value *new_base = sp - argc;
    if (!vm->calls_fit) CHECK(frame_fits(vm, frame, new_base, callee));
    *frame++ = (rb_frame){.ip = ip, .base = base};
    /* A nil is its type byte: no instruction reads a nil's payload. */
    for (uint32_t i = argc; i < callee->local_count; i++) rb_set_nil(&new_base[i]);
    sp = new_base + callee->local_count;
    base = new_base;
    ip = p->code + callee->code_start;
    DISPATCH();
  }
  CASE(RETURN) {
    /* The result goes straight to the callee's base, where the caller's
    ** arguments began: no copy through a temporary. */
    *base = sp[-1];
    sp = base + 1;
    frame--;
    ip = frame->ip;
    base = frame->base;
    DISPATCH();
  }
  CASE(NODE) {
    uint16_t k = READ_U16();
    CHECK(open_section(vm, frame == vm->frames, k, POP()));
    DISPATCH();
  }
  CASE(NODE_END) {
    CHECK(end_section(vm, frame == vm->frames));
    DISPATCH();
  }
  CASE(ITEM) {
    uint16_t k = READ_U16();
    int32_t off = READ_I32();
    rb_value w = POP();
    CHECK(open_item(vm, frame == vm->frames, p->constants[k].text, vm->const_hash[k], NULL, w, ip + off, sp));
    DISPATCH();
  }
  CASE(ITEM_ROW) {
    int32_t off = READ_I32();
    rb_value row = POP(), w = POP();
    /* Generated items take their self score from the row, not by path. */
    CHECK(open_item(vm, frame == vm->frames, NULL, 0, &row, w, ip + off, sp));
    DISPATCH();
  }
  CASE(ITEM_END) {
    CHECK(close_item(vm, frame == vm->frames, POP()));
    DISPATCH();
  }
  CASE(WEIGHT) {
    rb_set_num(sp++, vm->current->weight, RB_UNIT_PLAIN);
    DISPATCH();
  }
  CASE(SELF) {
    rb_node *n = vm->current;
    if (n->has_self) rb_set_num(sp++, n->self, RB_UNIT_PLAIN);
    else rb_set_nil(sp++);
    DISPATCH();
  }
  CASE(SPLIT) {
    uint8_t policy = READ_U8();
    int8_t places = (int8_t)READ_U8();
    rb_value count = POP(), w = POP();
    CHECK(split_weight(vm, w, count, (rb_split_policy)policy, places, sp));
    note_split(vm, (uint8_t)(policy + 1), places, w, sp);
    sp++;
    DISPATCH();
  }
  CASE(FORMULA) {
    uint16_t k = READ_U16();
    if (vm->current && vm->current->is_item) vm->item.formula = p->constants[k].text;
    DISPATCH();
  }
  CASE(ROW_NAMED) {
    uint16_t k = READ_U16();
    CHECK(note_row_name(vm, k));
    DISPATCH();
  }
  CASE(SPLIT_ROWS) {
    uint8_t mode = READ_U8();
    int8_t places = (int8_t)READ_U8();
    rb_value rows = POP(), w = POP();
    CHECK(split_rows(vm, w, rows, (rb_row_weight_mode)mode, places, sp));
    if (sp->type == RB_V_LIST) note_split(vm, RB_NODE_SPLIT_BY_ROW, places, w, sp);
    sp++;
    DISPATCH();
  }
  CASE(INDEX) {
    rb_value i = POP(), l = POP();
    int64_t k;
    if (l.type != RB_V_LIST || i.type != RB_V_NUM || !rb_num_to_int64(i.as.num, &k) || k < 0 ||
        (uint64_t)k >= l.as.list->count) {
      rb_vm_error(vm, "list index out of range");
      FAIL();
    }
    PUSH(l.as.list->items[k]);
    DISPATCH();
  }
  CASE(CHECK) {
    uint16_t k = READ_U16();
    rb_value msg = POP(), c = POP();
    CHECK(record_check(vm, k, c, msg));
    DISPATCH();
  }
  CASE(HALT) {
    if (vm->current != out->root) {
      rb_vm_error(vm, "the program ended with a section or item still open");
      FAIL();
    }
    return finish_run(vm, out->root);
  }

  VM_LOOP_END

out_of_budget:
  rb_vm_error(vm, "the rubric ran more than %llu instructions on one report", (unsigned long long)vm->budget);
  return false;
#ifndef RB_COMPUTED_GOTO
bad_opcode:
  rb_vm_error(vm, "invalid instruction");
  return false;
#endif
fail:
  rb_vm_error_unexplained(vm);
  return false;
}
