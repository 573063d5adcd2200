/*
** verify.c — the bytecode verifier, and the sizing of operand stacks.
**
** Every program passes rb_program_verify before it runs, whether the
** compiler made it (compiler/codegen.c) or it was loaded from a .rbc file
** (vm/rbc.c), which is an untrusted input.  Then rb_program_size_stacks
** records, per function, the deepest its operand stack gets, from which the
** VM sizes each frame once.  Verifying only checks; sizing only computes, and
** relies on what verifying proved.  Both follow the same control-flow edges
** (successors below), so they cannot disagree about where control goes.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/program.h"

#if defined(__GNUC__)
#define VERIFY_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define VERIFY_PRINTF(fmt, args)
#endif

/* Write a message, the format in lang, into err (which may be NULL). */
VERIFY_PRINTF(4, 5)
static void set_error(rb_lang lang, char *err, size_t err_size, const char *fmt, ...) {
  if (!err || err_size == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, rb_from_en(lang, fmt), ap);
  va_end(ap);
}

/* ===========================================================================
** What the verifier proves
**
** The verifier is what lets the VM trust its code.  After it accepts a
** program, the VM may read operands without range checks, index constants,
** locals, inputs, built-ins, functions and natives without bounds checks,
** and size each frame's operand stack once from max_stack.
**
** It runs in two parts.  First the tables: functions that tile the code
** without overlapping, main first at offset 0, inputs, constants, native
** declarations (types known, at most RB_MAX_NATIVE_PARAMS parameters, no
** list result), debug entries and the header with every enum value in
** range.  Then, per function, three passes over the code:
**
**   1. decode every instruction from the function's start, marking where
**      instructions start; every operand is checked against what it indexes;
**   2. every jump must land on an instruction start inside the function;
**   3. an abstract interpretation over a worklist computes, for every
**      reachable instruction, the operand stack depth and the "tree state"
**      (which NODE and ITEM instructions are open) before it.  Both must be
**      the same on every path that reaches an instruction, the stack may
**      never underflow, and each path must end in RETURN (functions, with
**      exactly the return value on the stack and no section left open) or
**      HALT (main, with the tree closed).
**
** The tree state.  A rubric's code opens and closes the nodes of the result
** tree: NODE ... NODE_END, ITEM ... ITEM_END.  A state is a chain of open
** openers; each opener instruction creates one state (parent = the state it
** ran in).  Because the state at every instruction is unique, states can be
** numbered as the openers are met and compared by number at merge points.
** NODE_END must close a NODE, ITEM_END must close the ITEM or ITEM_ROW whose
** jump offset names that very ITEM_END.
**
** ITEM and ITEM_ROW have a second successor: their jump target, the
** ITEM_END, where the VM continues when an input with the self (or full)
** policy is missing.  The VM then resets the operand stack to its depth just
** after the ITEM and pushes the item's score, so the verifier models that
** edge as arriving at ITEM_END with that depth plus one, inside the item.
** ======================================================================== */

/* Whether constant k exists and has the type want. */
static bool valid_constant_kind(const rb_program *p, uint16_t k, rb_const_type want) {
  return k < p->constant_count && p->constants[k].type == want;
}

/* Whether a places operand is within what rounding allows. */
static bool places_ok(int places) { return places >= -RB_MAX_PLACES && places <= RB_MAX_PLACES; }

/* ---- Part 1: the tables ---------------------------------------------------- */

/* A message without arguments, in lang; returns false for the caller to
** return. */
static bool fail_plain(rb_lang lang, char *err, size_t err_size, const char *what) {
  set_error(lang, err, err_size, "%s", rb_text_from_en(lang, what));
  return false;
}

/* A function's code range, sorted by start to find overlaps. */
typedef struct function_span {
  uint32_t start, len, index;
} function_span;

/* qsort order of spans: by start. */
static int compare_spans(const void *a, const void *b) {
  const function_span *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* The function table: main first, at offset 0, without parameters; every
** function named, with a consistent arity and a code range inside the code;
** no two ranges overlapping. */
static bool verify_function_table(const rb_program *p, char *err, size_t err_size) {
  const rb_function *main_fn = &p->functions[0];
  if (!main_fn->name || strcmp(main_fn->name, "main") != 0 || main_fn->code_start != 0 || main_fn->arity != 0)
    return fail_plain(p->lang, err, err_size, "function 0 must be main, with no parameters, starting at code offset 0");
  function_span *spans = malloc(p->function_count * sizeof *spans);
  if (!spans) return fail_plain(p->lang, err, err_size, "out of memory while verifying");
  for (uint32_t i = 0; i < p->function_count; i++) {
    const rb_function *f = &p->functions[i];
    if (!f->name) {
      free(spans);
      set_error(p->lang, err, err_size, "function %u has no name", i);
      return false;
    }
    if (f->arity > f->local_count || f->code_len == 0 || f->code_start > p->code_len ||
        f->code_len > p->code_len - f->code_start) {
      free(spans);
      set_error(p->lang, err, err_size, "function %s: arity %u, %u locals, code %u..+%u of %u: inconsistent", f->name,
                f->arity, f->local_count, f->code_start, f->code_len, p->code_len);
      return false;
    }
    spans[i] = (function_span){f->code_start, f->code_len, i};
  }
  qsort(spans, p->function_count, sizeof *spans, compare_spans);
  for (uint32_t i = 1; i < p->function_count; i++) {
    if (spans[i - 1].start + spans[i - 1].len > spans[i].start) {
      set_error(p->lang, err, err_size, "the code of functions %s and %s overlaps",
                p->functions[spans[i - 1].index].name, p->functions[spans[i].index].name);
      free(spans);
      return false;
    }
  }
  free(spans);
  return true;
}

/* Whether every text of a set of texts (RB_CONST_TEXTS) has its characters. */
static bool texts_ok(const rb_constant *k) {
  if (k->text_count && !k->texts) return false;
  for (uint32_t t = 0; t < k->text_count; t++)
    if (!k->texts[t].text) return false;
  return true;
}

/* Every constant of a known type and unit, texts with characters, dates in
** the years 1 to 9999, step tables with their ranges, sets of texts with
** their texts. */
static bool verify_constants(const rb_program *p, char *err, size_t err_size) {
  for (uint32_t i = 0; i < p->constant_count; i++) {
    const rb_constant *k = &p->constants[i];
    if (k->type > RB_CONST_TEXTS)
      set_error(p->lang, err, err_size, "constant %u has an unknown type", i);
    else if (k->unit >= RB_UNIT_COUNT)
      set_error(p->lang, err, err_size, "constant %u has an unknown unit", i);
    else if (k->type == RB_CONST_TEXT && !k->text)
      set_error(p->lang, err, err_size, "constant %u is a text without characters (NULL)", i);
    else if (k->type == RB_CONST_DATE && (k->date < RB_DATE_MIN || k->date > RB_DATE_MAX))
      set_error(p->lang, err, err_size, "constant %u is a date outside the years 1 to 9999", i);
    else if (k->type == RB_CONST_STEP && k->range_count && !k->ranges)
      set_error(p->lang, err, err_size, "constant %u is a step table without ranges (NULL)", i);
    else if (k->type == RB_CONST_TEXTS && !texts_ok(k))
      set_error(p->lang, err, err_size, "constant %u is a set of texts without its texts (NULL)", i);
    else
      continue;
    return false;
  }
  return true;
}

/* Every input named, with its source, type and missing-value policy in
** range, a key when it reads a fact, a value constant as its default. */
static bool verify_inputs(const rb_program *p, char *err, size_t err_size) {
  for (uint32_t i = 0; i < p->input_count; i++) {
    const rb_input *in = &p->inputs[i];
    const char *name = in->name ? in->name : "?";
    if (!in->name)
      set_error(p->lang, err, err_size, "input %u (%s) has no name", i, name);
    else if (in->source >= RB_SRC_COUNT || in->type >= RB_ITYPE_COUNT || in->missing >= RB_MISSING_COUNT)
      set_error(p->lang, err, err_size, "input %u (%s) has a source, type or missing-value policy out of range", i,
                name);
    else if (in->source == RB_SRC_FACT && !in->key)
      set_error(p->lang, err, err_size, "input %u (%s) reads a fact but names no key", i, name);
    else if (in->missing == RB_MISSING_DEFAULT &&
             (in->default_const >= p->constant_count || p->constants[in->default_const].type == RB_CONST_STEP ||
              p->constants[in->default_const].type == RB_CONST_TEXTS))
      set_error(p->lang, err, err_size, "input %u (%s) has a default that is not a value constant", i, name);
    else
      continue;
    return false;
  }
  return true;
}

/* Every native declaration complete, its types known, at most
** RB_MAX_NATIVE_PARAMS parameters, no list result, its file in the list. */
static bool verify_natives(const rb_program *p, char *err, size_t err_size) {
  for (uint32_t i = 0; i < p->native_count; i++) {
    const rb_native *n = &p->natives[i];
    const char *name = n->name ? n->name : "?";
    bool bad_param = false;
    for (uint8_t j = 0; j < n->param_count && j < RB_MAX_NATIVE_PARAMS; j++)
      if (n->params[j] >= RB_NTYPE_COUNT) bad_param = true;
    if (!n->name || !n->library || !n->symbol)
      set_error(p->lang, err, err_size, "native %u (%s) lacks a name, a library or a symbol", i, name);
    else if (n->result >= RB_NTYPE_COUNT)
      set_error(p->lang, err, err_size, "native %u (%s) has an unknown result type", i, name);
    else if (n->result == RB_NTYPE_LIST)
      set_error(p->lang, err, err_size, "native %u (%s) returns a list; a list may only be a parameter", i, name);
    else if (n->param_count > RB_MAX_NATIVE_PARAMS)
      set_error(p->lang, err, err_size, "native %u (%s) has more parameters than a native may have", i, name);
    else if (n->file >= p->file_count && !(p->file_count == 0 && n->file == 0))
      set_error(p->lang, err, err_size, "native %u (%s) names a source file that is not in the file list", i, name);
    else if (bad_param)
      set_error(p->lang, err, err_size, "native %u (%s) has a parameter of unknown type", i, name);
    else
      continue;
    return false;
  }
  return true;
}

/* Debug entries in code order inside the code, naming listed files, with
** spans that do not end before they start and paths that are texts. */
static bool verify_debug(const rb_program *p, char *err, size_t err_size) {
  for (uint32_t i = 0; i < p->debug_count; i++) {
    const rb_debug_entry *d = &p->debug[i];
    if (d->offset > p->code_len || (i > 0 && d->offset < p->debug[i - 1].offset))
      set_error(p->lang, err, err_size, "debug entry %u (code offset %u) is out of order or past the end of the code",
                i, d->offset);
    else if (d->file >= p->file_count)
      set_error(p->lang, err, err_size,
                "debug entry %u (code offset %u) names a source file that is not in the file list", i, d->offset);
    else if (d->start > d->end)
      set_error(p->lang, err, err_size, "debug entry %u (code offset %u) has a span that ends before it starts", i,
                d->offset);
    else if (d->path != RB_NO_PATH && !valid_constant_kind(p, d->path, RB_CONST_TEXT))
      set_error(p->lang, err, err_size, "debug entry %u (code offset %u) has a path that is not a text constant", i,
                d->offset);
    else
      continue;
    return false;
  }
  return true;
}

/* The tables: what pass 3 and the VM rely on beyond the code itself.  The
** first fault found, in this order, is the one reported. */
static bool verify_tables(const rb_program *p, char *err, size_t err_size) {
  if (p->function_count == 0 || !p->functions)
    return fail_plain(p->lang, err, err_size, "the program has no main function");
  if (p->function_count > RB_MAX_FUNCTIONS || p->constant_count > RB_MAX_CONSTANTS ||
      p->input_count > RB_MAX_INPUTS || p->native_count > RB_MAX_NATIVES)
    return fail_plain(p->lang, err, err_size,
                      "the program has more functions, constants, inputs or natives than the encoding allows");
  if ((p->constant_count && !p->constants) || (p->input_count && !p->inputs) ||
      (p->native_count && !p->natives) || (p->code_len && !p->code) ||
      (p->grade_count && !p->grades) || (p->debug_count && !p->debug) || (p->file_count && !p->files))
    return fail_plain(p->lang, err, err_size, "the program has a table with a count but no storage");
  if (!verify_function_table(p, err, err_size)) return false;
  if (p->rounding.places < -RB_MAX_PLACES || p->rounding.places > RB_MAX_PLACES ||
      p->rounding.mode >= RB_ROUND_MODE_COUNT ||
      (p->rounding.where & ~(unsigned)(RB_ROUND_AT_ITEM | RB_ROUND_AT_SECTION | RB_ROUND_AT_TOTAL)))
    return fail_plain(p->lang, err, err_size, "the rounding policy has places, mode or where out of range");
  for (uint32_t i = 0; i < p->grade_count; i++)
    if (!p->grades[i].label) return fail_plain(p->lang, err, err_size, "a grade has no label");
  if (!verify_constants(p, err, err_size) || !verify_inputs(p, err, err_size) ||
      !verify_natives(p, err, err_size) || !verify_debug(p, err, err_size))
    return false;
  for (uint32_t i = 0; i < p->file_count; i++)
    if (!p->files[i]) return fail_plain(p->lang, err, err_size, "a source file has no name");
  return true;
}

/* ---- Part 2: the code ------------------------------------------------------ */

/* The verifier's state: the program, where messages go, and per code byte
** what passes 1 and 3 found. */
typedef struct verifier {
  const rb_program *p;
  char *err;
  size_t err_size;
  uint8_t *is_start;   /* per code byte: an instruction starts here */
  int32_t *depth;      /* per code byte: stack depth before it, -1 unseen */
  uint32_t *tree;      /* per code byte: tree state before it */
  uint32_t *work;      /* offsets waiting to be interpreted */
  uint32_t work_count;
  uint32_t *tree_parent; /* per tree state */
  uint32_t *tree_opener; /* per tree state: the opener's code offset */
  uint32_t tree_count;
  const rb_function *fn; /* the function being verified */
  uint32_t fn_index;
} verifier;

/* A message about the instruction at offset in the current function. */
VERIFY_PRINTF(3, 4)
static bool v_fail(verifier *v, uint32_t offset, const char *fmt, ...) {
  if (!v->err || v->err_size == 0) return false;
  const char *op = offset < v->p->code_len && v->p->code[offset] < RB_OP_COUNT
                       ? rb_opcode_names[v->p->code[offset]]
                       : "?";
  rb_lang lang = v->p->lang;
  int n = snprintf(v->err, v->err_size, rb_from_en(lang, "function %s at %04u (%s): "), v->fn->name, offset, op);
  if (n >= 0 && (size_t)n < v->err_size) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->err + n, v->err_size - (size_t)n, rb_from_en(lang, fmt), ap);
    va_end(ap);
  }
  return false;
}

/* Pass 1 for one instruction, by its operand layout: each operand against
** what it indexes or the values it may take, so that an opcode added to
** RB_OPCODES is checked the day it appears. */
static bool check_layout(verifier *v, uint32_t off, const rb_instr *in) {
  const rb_program *p = v->p;
  const rb_function *f = v->fn;
  switch (rb_opcode_layouts[in->op]) {
  case RB_OPL_K:
  case RB_OPL_KJ:
    if (in->a >= p->constant_count)
      return v_fail(v, off, "constant %u out of range (%u constants)", in->a, p->constant_count);
    break;
  case RB_OPL_S:
  case RB_OPL_SJ:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    break;
  case RB_OPL_SD:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->n >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->n);
    break;
  case RB_OPL_SSJ:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->b >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->b, f->local_count);
    break;
  case RB_OPL_SDD:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->n >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->n);
    if (in->b >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->b);
    break;
  case RB_OPL_SDBK:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->n >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->n);
    if (in->b >= RB_BUILTIN_COUNT) return v_fail(v, off, "unknown built-in %u", in->b);
    if (in->c >= p->constant_count)
      return v_fail(v, off, "constant %u out of range (%u constants)", in->c, p->constant_count);
    break;
  case RB_OPL_SK:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->b >= p->constant_count)
      return v_fail(v, off, "constant %u out of range (%u constants)", in->b, p->constant_count);
    break;
  case RB_OPL_SDKJ:
    if (in->a >= f->local_count) return v_fail(v, off, "slot %u out of range (%u locals)", in->a, f->local_count);
    if (in->n >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->n);
    if (in->b >= p->constant_count)
      return v_fail(v, off, "constant %u out of range (%u constants)", in->b, p->constant_count);
    break;
  case RB_OPL_I:
    if (in->a >= p->input_count) return v_fail(v, off, "input %u out of range (%u inputs)", in->a, p->input_count);
    break;
  case RB_OPL_G: break; /* any u16: the VM makes as many globals as the highest named (at most 65536) */
  case RB_OPL_BN: {
    if (in->a >= RB_BUILTIN_COUNT) return v_fail(v, off, "unknown built-in %u", in->a);
    const rb_builtin_info *b = &rb_builtin_table[in->a];
    if (in->n < b->min_args || in->n > b->max_args)
      return v_fail(v, off, "%s takes %u to %u arguments, not %u", b->name, b->min_args, b->max_args, in->n);
    break;
  }
  case RB_OPL_FN:
    if (in->op == RB_OP_CALL_NATIVE) {
      /* The same layout, but the u16 names a native declaration. */
      if (in->a >= p->native_count)
        return v_fail(v, off, "native %u out of range (%u natives)", in->a, p->native_count);
      if (in->n != p->natives[in->a].param_count)
        return v_fail(v, off, "native %s takes %u arguments, not %u", p->natives[in->a].name,
                      p->natives[in->a].param_count, in->n);
      break;
    }
    if (in->a >= p->function_count)
      return v_fail(v, off, "function %u out of range (%u functions)", in->a, p->function_count);
    if (in->a == 0) return v_fail(v, off, "main cannot be called");
    if (in->n != p->functions[in->a].arity)
      return v_fail(v, off, "%s takes %u arguments, not %u", p->functions[in->a].name, p->functions[in->a].arity,
                    in->n);
    break;
  case RB_OPL_PM:
    if (!places_ok(in->places))
      return v_fail(v, off, "places %d outside -%d..%d", in->places, RB_MAX_PLACES, RB_MAX_PLACES);
    if (in->n >= RB_ROUND_MODE_COUNT) return v_fail(v, off, "unknown rounding mode %u", in->n);
    break;
  case RB_OPL_D:
    if (in->n >= RB_FIELD_COUNT) return v_fail(v, off, "unknown field %u", in->n);
    break;
  case RB_OPL_WP:
    if (in->n >= RB_SPLIT_COUNT) return v_fail(v, off, "unknown split policy %u", in->n);
    if (!places_ok(in->places))
      return v_fail(v, off, "places %d outside -%d..%d", in->places, RB_MAX_PLACES, RB_MAX_PLACES);
    break;
  case RB_OPL_RP:
    if (in->n >= RB_ROWS_COUNT) return v_fail(v, off, "unknown row-weight mode %u", in->n);
    if (!places_ok(in->places))
      return v_fail(v, off, "places %d outside -%d..%d", in->places, RB_MAX_PLACES, RB_MAX_PLACES);
    break;
  case RB_OPL_NONE:
  case RB_OPL_J:
  case RB_OPL_COUNT: break;
  }
  return true;
}

/* Constant k, which the instruction at off pushes or compares with, is a
** value: not a step table or a set of texts. */
static bool value_constant(verifier *v, uint32_t off, uint16_t k) {
  if (v->p->constants[k].type == RB_CONST_STEP) return v_fail(v, off, "constant %u is a step table, not a value", k);
  if (v->p->constants[k].type == RB_CONST_TEXTS) return v_fail(v, off, "constant %u is a set of texts, not a value", k);
  return true;
}

/* Pass 1 for one instruction: its operands by layout (check_layout), then
** what particular opcodes require of theirs: the kind of constant they
** name, the iteration's two slots, where RETURN and HALT may stand. */
static bool check_operands(verifier *v, uint32_t off, const rb_instr *in) {
  const rb_program *p = v->p;
  const rb_function *f = v->fn;
  if (!check_layout(v, off, in)) return false;
  switch ((rb_opcode)in->op) {
  case RB_OP_CONST:
  case RB_OP_JUMP_IF_NE_K: /* compare with a value, as CONST would push it */
  case RB_OP_JUMP_IF_EQ_K: return value_constant(v, off, in->a);
  case RB_OP_JUMP_IF_FIELD_NE_K:
  case RB_OP_JUMP_IF_FIELD_EQ_K: return value_constant(v, off, in->b);
  case RB_OP_FIELD_TEXT_TEST:
    /* plain() then a text test: the two built-ins that neither explain a
    ** score nor need more than a text and a constant text. */
    if (in->b != RB_BUILTIN_STARTS_WITH && in->b != RB_BUILTIN_CONTAINS)
      return v_fail(v, off, "built-in %s is not a text test (starts_with or contains)", rb_builtin_table[in->b].name);
    if (p->constants[in->c].type != RB_CONST_TEXT) return v_fail(v, off, "constant %u is not a text", in->c);
    return true;
  case RB_OP_INC_LOCAL:
    if (p->constants[in->b].type != RB_CONST_NUM) return v_fail(v, off, "constant %u is not a number", in->b);
    return true;
  case RB_OP_IN_TEXTS:
    if (p->constants[in->a].type != RB_CONST_TEXTS)
      return v_fail(v, off, "constant %u is not a set of texts", in->a);
    return true;
  case RB_OP_STEP:
    if (p->constants[in->a].type != RB_CONST_STEP) return v_fail(v, off, "constant %u is not a step table", in->a);
    return true;
  case RB_OP_NODE:
  case RB_OP_ITEM:
  case RB_OP_CHECK:
  case RB_OP_FORMULA:
  case RB_OP_ROW_NAMED:
    if (p->constants[in->a].type != RB_CONST_TEXT)
      return v_fail(v, off, "constant %u is not a text (a name)", in->a);
    return true;
  case RB_OP_ITER_START:
  case RB_OP_ITER_NEXT:
  case RB_OP_ITER_NEXT_SET:
    if ((uint32_t)in->a + 1 >= f->local_count)
      return v_fail(v, off, "slots %u and %u out of range (%u locals)", in->a, in->a + 1u, f->local_count);
    /* The element must not overwrite the iteration it comes from. */
    if (in->op == RB_OP_ITER_NEXT_SET && (in->b == in->a || in->b == in->a + 1u))
      return v_fail(v, off, "stores the element into slot %u, which holds the iteration (slots %u and %u)", in->b,
                    in->a, in->a + 1u);
    return true;
  case RB_OP_RETURN:
    if (v->fn_index == 0) return v_fail(v, off, "main cannot return; it ends with HALT");
    return true;
  case RB_OP_HALT:
    if (v->fn_index != 0) return v_fail(v, off, "only main may halt; a function ends with RETURN");
    return true;
  default: return true;
  }
}

/* Whether the instruction carries a jump offset. */
static bool has_jump(uint8_t op) {
  rb_operand_layout layout = rb_opcode_layouts[op];
  return layout == RB_OPL_J || layout == RB_OPL_SJ || layout == RB_OPL_KJ || layout == RB_OPL_SSJ ||
         layout == RB_OPL_SDKJ;
}

/* The jump target of the instruction at off (size bytes long); pass 2 has
** checked it lies inside the function. */
static uint32_t jump_target(uint32_t off, uint32_t size, const rb_instr *in) {
  return (uint32_t)((int64_t)off + size + in->jump);
}

/* How many values the instruction pops: from the opcode table, or, where the
** table says -1, the argc operand (CALL, CALL_BUILTIN, CALL_NATIVE). */
static int pops_of(const rb_instr *in) { return rb_opcode_pops[in->op] < 0 ? in->n : rb_opcode_pops[in->op]; }

/* One edge of a function's control-flow graph: control goes to `to` and
** arrives with `depth` values on the operand stack. */
typedef struct flow_edge {
  uint32_t to;
  int64_t depth;
} flow_edge;

/* The edges out of the instruction at off (size bytes long, decoded into
** in) when it starts with `depth` values on the stack: where control may
** continue and with what depth.  Fills out[] and returns how many (0 to 2),
** in the order the verifier follows them.  Stores no bounds: the caller
** checks the targets (the verifier) or relies on them (stack sizing). */
static int successors(uint32_t off, uint32_t size, const rb_instr *in, int64_t depth, flow_edge out[2]) {
  int64_t after = depth - pops_of(in) + rb_opcode_pushes[in->op];
  uint32_t next = off + size;
  switch ((rb_opcode)in->op) {
  case RB_OP_ITEM:
  case RB_OP_ITEM_ROW:
    /* The second edge: a missing input with the self or full policy ends
    ** the item at its ITEM_END with the item's score pushed. */
    out[0] = (flow_edge){next, after};
    out[1] = (flow_edge){jump_target(off, size, in), after + 1};
    return 2;
  case RB_OP_JUMP: out[0] = (flow_edge){jump_target(off, size, in), after}; return 1;
  case RB_OP_JUMP_IF_FALSE:
  case RB_OP_JUMP_IF_NE:
  case RB_OP_JUMP_IF_EQ:
  case RB_OP_JUMP_IF_NIL:
  case RB_OP_JUMP_IF_NOT_NIL:
  case RB_OP_JUMP_IF_NE_K:
  case RB_OP_JUMP_IF_EQ_K:
  case RB_OP_JUMP_IF_TRUE:
  case RB_OP_JUMP_IF_FIELD_NE_K:
  case RB_OP_JUMP_IF_FIELD_EQ_K:
  case RB_OP_ITER_NEXT:
  case RB_OP_ITER_NEXT_SET:
    out[0] = (flow_edge){next, after};
    out[1] = (flow_edge){jump_target(off, size, in), after};
    return 2;
  case RB_OP_RETURN:
  case RB_OP_HALT: return 0;
  default: out[0] = (flow_edge){next, after}; return 1;
  }
}

/* Record that control reaches `to` with this depth and tree state. */
static bool flow(verifier *v, uint32_t from, uint32_t to, int64_t depth, uint32_t tree) {
  if (to >= v->fn->code_start + v->fn->code_len)
    return v_fail(v, from, "control runs off the end of the function");
  if (depth > RB_MAX_STACK)
    return v_fail(v, from, "the operand stack would grow beyond %d values", RB_MAX_STACK);
  if (v->depth[to] < 0) {
    v->depth[to] = (int32_t)depth;
    v->tree[to] = tree;
    v->work[v->work_count++] = to;
    return true;
  }
  if (v->depth[to] != depth)
    return v_fail(v, to, "stack depth %d here from %04u, but %d on another path", (int)depth, from, v->depth[to]);
  if (v->tree[to] != tree)
    return v_fail(v, to, "sections and items open here from %04u differ from those on another path", from);
  return true;
}

/* "halts while the NODE at 0003 is open": RETURN (returning true) or HALT
** with the opener of tree still open. */
static bool fail_open(verifier *v, uint32_t off, bool returning, uint32_t tree) {
  uint32_t opener = v->tree_opener[tree];
  const char *name = rb_opcode_names[v->p->code[opener]];
  if (returning) return v_fail(v, off, "returns while the %s at %04u is open", name, opener);
  return v_fail(v, off, "halts while the %s at %04u is open", name, opener);
}

/* The tree state after the instruction at off, which runs in state `tree`:
** an opener starts a new state, a closer returns to the parent of the one it
** closes (and must close the right one), RETURN and HALT must find nothing
** open.  False with a message when the nesting is wrong. */
static bool tree_after(verifier *v, uint32_t off, const rb_instr *in, int64_t depth, uint32_t tree,
                       uint32_t *after) {
  const rb_program *p = v->p;
  *after = tree;
  switch ((rb_opcode)in->op) {
  case RB_OP_NODE:
  case RB_OP_ITEM:
  case RB_OP_ITEM_ROW:
    *after = v->tree_count++;
    v->tree_parent[*after] = tree;
    v->tree_opener[*after] = off;
    return true;
  case RB_OP_NODE_END:
  case RB_OP_ITEM_END: {
    if (tree == 0) return v_fail(v, off, "nothing is open to close");
    uint32_t opener = v->tree_opener[tree];
    uint8_t opener_op = p->code[opener];
    if (in->op == RB_OP_NODE_END && opener_op != RB_OP_NODE)
      return v_fail(v, off, "closes the %s opened at %04u", rb_opcode_names[opener_op], opener);
    if (in->op == RB_OP_ITEM_END) {
      rb_instr item;
      uint32_t item_size = rb_decode(p->code, p->code_len, opener, &item);
      if (opener_op == RB_OP_NODE || jump_target(opener, item_size, &item) != off)
        return v_fail(v, off, "does not close the %s opened at %04u", rb_opcode_names[opener_op], opener);
    }
    *after = v->tree_parent[tree];
    return true;
  }
  case RB_OP_RETURN:
    if (depth != 1) return v_fail(v, off, "returns with %d values on the stack instead of 1", (int)depth);
    if (tree != 0) return fail_open(v, off, true, tree);
    return true;
  case RB_OP_HALT:
    if (tree != 0) return fail_open(v, off, false, tree);
    return true;
  default: return true;
  }
}

/* Pass 3 for one instruction: no underflow, its effect on the tree, then
** each of its successors reached with the depth and tree state it leaves. */
static bool interpret(verifier *v, uint32_t off) {
  rb_instr in;
  uint32_t size = rb_decode(v->p->code, v->fn->code_start + v->fn->code_len, off, &in);
  int64_t depth = v->depth[off];
  int pops = pops_of(&in);
  if (depth < pops)
    return v_fail(v, off, "stack underflow: pops %d but the stack holds %d", pops, (int)depth);
  uint32_t tree;
  if (!tree_after(v, off, &in, depth, v->tree[off], &tree)) return false;
  flow_edge edges[2];
  int count = successors(off, size, &in, depth, edges);
  for (int i = 0; i < count; i++)
    if (!flow(v, off, edges[i].to, edges[i].depth, tree)) return false;
  return true;
}

/* The three passes over one function (see "What the verifier proves"). */
static bool verify_function(verifier *v, uint32_t index) {
  const rb_program *p = v->p;
  const rb_function *f = &p->functions[index];
  v->fn = f;
  v->fn_index = index;
  uint32_t start = f->code_start, end = f->code_start + f->code_len;
  memset(v->is_start + start, 0, f->code_len);

  /* Pass 1: decode, mark instruction starts, check operands. */
  uint32_t off = start, last = start;
  rb_instr in;
  while (off < end) {
    uint32_t size = rb_decode(p->code, end, off, &in);
    if (size == 0) {
      if (p->code[off] >= RB_OP_COUNT) return v_fail(v, off, "invalid opcode 0x%02x", p->code[off]);
      return v_fail(v, off, "the instruction runs past the end of the function at %04u", end);
    }
    v->is_start[off] = 1;
    if (!check_operands(v, off, &in)) return false;
    v->depth[off] = -1;
    last = off;
    off += size;
  }
  uint8_t last_op = p->code[last];
  if (last_op != RB_OP_JUMP && last_op != RB_OP_RETURN && last_op != RB_OP_HALT)
    return v_fail(v, last, "the last instruction of a function must be JUMP, RETURN or HALT");

  /* Pass 2: jumps land on instruction starts inside the function. */
  for (off = start; off < end;) {
    uint32_t size = rb_decode(p->code, end, off, &in);
    if (has_jump(in.op)) {
      int64_t target = (int64_t)off + size + in.jump;
      if (target < start || target >= end)
        return v_fail(v, off, "jumps to %lld, outside the function (%04u..%04u)", (long long)target, start,
                      end - 1);
      if (!v->is_start[target])
        return v_fail(v, off, "jumps to %04lld, which is inside an instruction", (long long)target);
      if ((in.op == RB_OP_ITEM || in.op == RB_OP_ITEM_ROW) && p->code[target] != RB_OP_ITEM_END)
        return v_fail(v, off, "must jump to an ITEM_END, not to %s at %04lld", rb_opcode_names[p->code[target]],
                      (long long)target);
    }
    off += size;
  }

  /* Pass 3: stack depth and tree state along every path. */
  v->work_count = 0;
  v->tree_count = 1; /* state 0: nothing open, as on entry */
  v->depth[start] = 0;
  v->tree[start] = 0;
  v->work[v->work_count++] = start;
  while (v->work_count > 0) {
    if (!interpret(v, v->work[--v->work_count])) return false;
  }
  return true;
}

bool rb_program_verify(const rb_program *p, char *err, size_t err_size) {
  if (err && err_size) err[0] = '\0';
  if (!verify_tables(p, err, err_size)) return false;
  size_t n = p->code_len;
  verifier v = {.p = p, .err = err, .err_size = err_size};
  v.is_start = malloc(n);
  v.depth = malloc(n * sizeof *v.depth);
  v.tree = malloc(n * sizeof *v.tree);
  v.work = malloc(n * sizeof *v.work);
  v.tree_parent = malloc((n + 1) * sizeof *v.tree_parent);
  v.tree_opener = malloc((n + 1) * sizeof *v.tree_opener);
  bool ok = v.is_start && v.depth && v.tree && v.work && v.tree_parent && v.tree_opener;
  if (!ok) set_error(p->lang, err, err_size, "out of memory while verifying");
  for (uint32_t i = 0; ok && i < p->function_count; i++) ok = verify_function(&v, i);
  free(v.is_start);
  free(v.depth);
  free(v.tree);
  free(v.work);
  free(v.tree_parent);
  free(v.tree_opener);
  return ok;
}

/* ===========================================================================
** Sizing the operand stacks
**
** The deepest a function's operand stack gets is the greatest depth before
** any of its reachable instructions (an instruction's pushes arrive at its
** successors; RETURN and HALT push nothing).  A verified program has one
** depth per instruction, whatever the path, so one walk over the edges from
** the function's start finds them all: each instruction is visited once.
** ======================================================================== */

bool rb_program_size_stacks(rb_program *p, char *err, size_t err_size) {
  if (err && err_size) err[0] = '\0';
  int32_t *depth = malloc((p->code_len ? p->code_len : 1) * sizeof *depth);
  uint32_t *work = malloc((p->code_len ? p->code_len : 1) * sizeof *work);
  if (!depth || !work) {
    free(depth);
    free(work);
    set_error(p->lang, err, err_size, "out of memory while sizing the stacks");
    return false;
  }
  for (uint32_t i = 0; i < p->function_count; i++) {
    rb_function *f = &p->functions[i];
    uint32_t end = f->code_start + f->code_len, work_count = 0, max = 0;
    for (uint32_t off = f->code_start; off < end; off++) depth[off] = -1;
    depth[f->code_start] = 0;
    work[work_count++] = f->code_start;
    while (work_count > 0) {
      uint32_t off = work[--work_count];
      rb_instr in;
      uint32_t size = rb_decode(p->code, end, off, &in);
      flow_edge edges[2];
      int count = successors(off, size, &in, depth[off], edges);
      for (int e = 0; e < count; e++) {
        if (depth[edges[e].to] >= 0) continue;
        depth[edges[e].to] = (int32_t)edges[e].depth;
        work[work_count++] = edges[e].to;
        if ((uint32_t)edges[e].depth > max) max = (uint32_t)edges[e].depth;
      }
    }
    f->max_stack = max;
  }
  /* The globals: as many as the highest one named. */
  p->global_count = 0;
  for (uint32_t off = 0; off < p->code_len;) {
    rb_instr in;
    uint32_t size = rb_decode(p->code, p->code_len, off, &in);
    if (size == 0) break;
    if ((in.op == RB_OP_GET_GLOBAL || in.op == RB_OP_SET_GLOBAL) && in.a + 1u > p->global_count)
      p->global_count = in.a + 1u;
    off += size;
  }
  free(depth);
  free(work);
  return true;
}
