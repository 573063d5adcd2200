/*
** program_builder.h — building rb_programs by hand for the bytecode tests.
**
** The tests must not depend on the compiler, so they write programs the way
** an assembler would: add constants, open a function, emit opcodes and
** operands, patch jumps.  Storage comes from the program's arena with fixed
** capacities that are plenty for a test.  Helpers are static: each test file
** includes this header once.
*/
#ifndef RUBRIC_TEST_PROGRAM_BUILDER_H
#define RUBRIC_TEST_PROGRAM_BUILDER_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"
#include "vm/program.h"

enum { PB_CODE = 131072, PB_CONSTANTS = 256, PB_FUNCTIONS = 320, PB_INPUTS = 16, PB_DEBUG = 256, PB_GRADES = 8,
       PB_FILES = 4, PB_NATIVES = 16 };

/* Stop the test: the program could not be built as asked. */
_Noreturn static inline void pb_die(const char *what) {
  fprintf(stderr, "program builder: %s\n", what);
  exit(2);
}

static inline void *pb_alloc(rb_program *p, size_t count, size_t size) {
  void *mem = rb_arena_calloc(&p->arena, count, size);
  if (!mem) pb_die("out of memory");
  return mem;
}

/* An empty program with room for everything and one source file. */
static inline rb_program *pb_new(void) {
  rb_program *p = rb_program_new();
  if (!p) pb_die("out of memory");
  p->code = pb_alloc(p, PB_CODE, 1);
  p->constants = pb_alloc(p, PB_CONSTANTS, sizeof *p->constants);
  p->functions = pb_alloc(p, PB_FUNCTIONS, sizeof *p->functions);
  p->inputs = pb_alloc(p, PB_INPUTS, sizeof *p->inputs);
  p->natives = pb_alloc(p, PB_NATIVES, sizeof *p->natives);
  p->debug = pb_alloc(p, PB_DEBUG, sizeof *p->debug);
  p->grades = pb_alloc(p, PB_GRADES, sizeof *p->grades);
  p->files = pb_alloc(p, PB_FILES, sizeof *p->files);
  p->files[p->file_count++] = "rules/test.rubric";
  return p;
}

static inline rb_num pb_parse(rb_program *p, const char *text) {
  rb_num n;
  const char *slash = strchr(text, '/');
  if (slash) {
    rb_num a, b;
    if (!rb_num_parse(p->nums, text, (size_t)(slash - text), &a) ||
        !rb_num_parse(p->nums, slash + 1, strlen(slash + 1), &b) || !rb_num_div(p->nums, a, b, &n))
      pb_die(text);
  } else if (!rb_num_parse(p->nums, text, strlen(text), &n)) {
    pb_die(text);
  }
  return n;
}

static inline rb_constant *pb_constant(rb_program *p, rb_const_type type, uint16_t *index) {
  if (p->constant_count >= PB_CONSTANTS) pb_die("too many constants");
  *index = (uint16_t)p->constant_count;
  rb_constant *k = &p->constants[p->constant_count++];
  k->type = (uint8_t)type;
  k->num = rb_num_int(0);
  return k;
}

/* A number constant from its literal ("0.9", "1/3"). */
static inline uint16_t pb_num(rb_program *p, const char *text, rb_unit unit) {
  uint16_t i;
  rb_constant *k = pb_constant(p, RB_CONST_NUM, &i);
  k->unit = (uint8_t)unit;
  k->num = pb_parse(p, text);
  return i;
}

static inline uint16_t pb_text(rb_program *p, const char *text) {
  uint16_t i;
  rb_constant *k = pb_constant(p, RB_CONST_TEXT, &i);
  k->text = text;
  k->len = (uint32_t)strlen(text);
  return i;
}

static inline uint16_t pb_date(rb_program *p, int year, int month, int day) {
  uint16_t i;
  rb_constant *k = pb_constant(p, RB_CONST_DATE, &i);
  if (!rb_date_from_ymd(year, month, day, &k->date)) pb_die("bad date");
  return i;
}

/* A set of texts (IN_TEXTS) of count texts, NULL-terminated list in texts. */
static inline uint16_t pb_texts(rb_program *p, const char *const *texts) {
  uint16_t i;
  rb_constant *k = pb_constant(p, RB_CONST_TEXTS, &i);
  uint32_t count = 0;
  while (texts[count]) count++;
  k->texts = pb_alloc(p, count ? count : 1, sizeof *k->texts);
  for (uint32_t t = 0; t < count; t++) k->texts[t] = (rb_text_ref){.text = texts[t], .len = (uint32_t)strlen(texts[t])};
  k->text_count = count;
  return i;
}

/* A step table; ranges are added with pb_range. */
static inline uint16_t pb_step(rb_program *p, rb_unit unit, uint32_t max_ranges) {
  uint16_t i;
  rb_constant *k = pb_constant(p, RB_CONST_STEP, &i);
  k->unit = (uint8_t)unit;
  k->ranges = pb_alloc(p, max_ranges, sizeof *k->ranges);
  return i;
}

/* low/high NULL for an open end; inclusivity as the flags say. */
static inline void pb_range(rb_program *p, uint16_t step, const char *low, bool low_incl, const char *high, bool high_incl,
                     const char *points) {
  rb_constant *k = &p->constants[step];
  rb_step_range *r = &k->ranges[k->range_count++];
  r->has_low = low != NULL;
  r->low_inclusive = low && low_incl;
  r->low = low ? pb_parse(p, low) : rb_num_int(0);
  r->has_high = high != NULL;
  r->high_inclusive = high && high_incl;
  r->high = high ? pb_parse(p, high) : rb_num_int(0);
  r->points = pb_parse(p, points);
}

static inline uint16_t pb_input(rb_program *p, const char *name, rb_input_source source, const char *key,
                         rb_input_type type, rb_missing_policy missing, uint16_t default_const) {
  if (p->input_count >= PB_INPUTS) pb_die("too many inputs");
  rb_input *in = &p->inputs[p->input_count];
  in->name = name;
  in->source = (uint8_t)source;
  in->key = key;
  in->type = (uint8_t)type;
  in->missing = (uint8_t)missing;
  in->default_const = default_const;
  return (uint16_t)p->input_count++;
}

/* A native declaration at line:1 of file 0; params holds count types. */
static inline uint16_t pb_native(rb_program *p, const char *name, const char *library, const char *symbol,
                                 rb_native_type result, bool pure, const uint8_t *params, uint8_t count,
                                 uint32_t line) {
  if (p->native_count >= PB_NATIVES) pb_die("too many natives");
  if (count > RB_MAX_NATIVE_PARAMS) pb_die("too many native parameters");
  rb_native *n = &p->natives[p->native_count];
  n->name = name;
  n->library = library;
  n->symbol = symbol;
  n->result = (uint8_t)result;
  n->pure = pure;
  n->param_count = count;
  if (count) memcpy(n->params, params, count);
  n->file = 0;
  n->line = line;
  n->column = 1;
  return (uint16_t)p->native_count++;
}

static inline void pb_grade(rb_program *p, const char *label, const char *min) {
  rb_grade *g = &p->grades[p->grade_count++];
  g->label = label;
  g->has_min = min != NULL;
  g->min = min ? pb_parse(p, min) : rb_num_int(0);
}

/* Start a function at the current end of the code; pb_end closes it. */
static inline uint16_t pb_function(rb_program *p, const char *name, uint16_t arity, uint16_t locals) {
  if (p->function_count >= PB_FUNCTIONS) pb_die("too many functions");
  rb_function *f = &p->functions[p->function_count];
  f->name = name;
  f->arity = arity;
  f->local_count = locals;
  f->code_start = p->code_len;
  return (uint16_t)p->function_count++;
}

static inline void pb_end(rb_program *p) {
  rb_function *f = &p->functions[p->function_count - 1];
  f->code_len = p->code_len - f->code_start;
}

/* Instructions from here on come from this source line. */
static inline void pb_line(rb_program *p, uint32_t line) {
  if (p->debug_count >= PB_DEBUG) pb_die("too many debug entries");
  rb_debug_entry *d = &p->debug[p->debug_count++];
  d->offset = p->code_len;
  d->file = 0;
  d->start = line * 10;
  d->end = line * 10 + 5;
  d->line = line;
  d->column = 1;
  d->path = RB_NO_PATH;
}

static inline void pb_u8(rb_program *p, uint8_t v) {
  if (p->code_len >= PB_CODE) pb_die("too much code");
  p->code[p->code_len++] = v;
}
static inline void pb_u16(rb_program *p, uint16_t v) {
  pb_u8(p, (uint8_t)v);
  pb_u8(p, (uint8_t)(v >> 8));
}
static inline void pb_i32(rb_program *p, int32_t v) {
  uint32_t u = (uint32_t)v;
  for (int i = 0; i < 4; i++) pb_u8(p, (uint8_t)(u >> (8 * i)));
}

/* Opcode helpers by layout. */
static inline void pb_op(rb_program *p, rb_opcode op) { pb_u8(p, (uint8_t)op); }
static inline void pb_op_a(rb_program *p, rb_opcode op, uint16_t a) {
  pb_op(p, op);
  pb_u16(p, a);
}
static inline void pb_op_an(rb_program *p, rb_opcode op, uint16_t a, uint8_t n) {
  pb_op_a(p, op, a);
  pb_u8(p, n);
}
/* ROUND places mode / FIELD field / SPLIT policy places */
static inline void pb_round(rb_program *p, int8_t places, rb_round_mode mode) {
  pb_op(p, RB_OP_ROUND);
  pb_u8(p, (uint8_t)places);
  pb_u8(p, (uint8_t)mode);
}
static inline void pb_field(rb_program *p, rb_field field) {
  pb_op(p, RB_OP_FIELD);
  pb_u8(p, (uint8_t)field);
}
/* FIELD_LOCAL slot field */
static inline void pb_field_local(rb_program *p, uint16_t slot, rb_field field) {
  pb_op_a(p, RB_OP_FIELD_LOCAL, slot);
  pb_u8(p, (uint8_t)field);
}
/* FIELDS_LOCAL slot field field2 */
static inline void pb_fields_local(rb_program *p, uint16_t slot, rb_field field, rb_field field2) {
  pb_op_a(p, RB_OP_FIELDS_LOCAL, slot);
  pb_u8(p, (uint8_t)field);
  pb_u8(p, (uint8_t)field2);
}
/* FIELD_TEXT_TEST slot field builtin k: builtin(plain(local.field), k) */
static inline void pb_field_text_test(rb_program *p, uint16_t slot, rb_field field, uint16_t builtin, uint16_t k) {
  pb_op_a(p, RB_OP_FIELD_TEXT_TEST, slot);
  pb_u8(p, (uint8_t)field);
  pb_u16(p, builtin);
  pb_u16(p, k);
}
/* INC_LOCAL slot k: local += constant k */
static inline void pb_inc_local(rb_program *p, uint16_t slot, uint16_t k) {
  pb_op_a(p, RB_OP_INC_LOCAL, slot);
  pb_u16(p, k);
}
static inline void pb_split(rb_program *p, rb_split_policy policy, int8_t places) {
  pb_op(p, RB_OP_SPLIT);
  pb_u8(p, (uint8_t)policy);
  pb_u8(p, (uint8_t)places);
}

/* A jump-carrying instruction (J, SJ or KJ) with its offset left to patch:
** returns where the i32 offset is (always the instruction's last 4 bytes). */
static inline uint32_t pb_jump(rb_program *p, rb_opcode op, uint16_t a) {
  pb_op(p, op);
  if (rb_opcode_layouts[op] != RB_OPL_J) pb_u16(p, a);
  uint32_t at = p->code_len;
  pb_i32(p, 0);
  return at;
}

/* ITER_NEXT_SET slot local offset, the offset left to patch as for pb_jump. */
static inline uint32_t pb_iter_next_set(rb_program *p, uint16_t slot, uint16_t local) {
  pb_op_a(p, RB_OP_ITER_NEXT_SET, slot);
  pb_u16(p, local);
  uint32_t at = p->code_len;
  pb_i32(p, 0);
  return at;
}

/* Point the jump whose offset is at `at` to `target` (absolute). */
static inline void pb_patch_to(rb_program *p, uint32_t at, uint32_t target) {
  int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
  uint32_t u = (uint32_t)rel;
  for (int i = 0; i < 4; i++) p->code[at + i] = (uint8_t)(u >> (8 * i));
}

/* Point it to the current end of the code. */
static inline void pb_patch(rb_program *p, uint32_t at) { pb_patch_to(p, at, p->code_len); }

#endif
