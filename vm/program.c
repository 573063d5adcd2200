/*
** program.c — the tables expanded from the opcode list, and the small
** services every user of a compiled program needs: making and freeing one,
** finding the source of an instruction, and decoding an instruction.
**
** Nothing here knows about files (rbc.c), verification (verify.c) or
** printing (disasm.c).  Every table below is one expansion of an X-macro
** from opcodes.h or program.h, so adding an opcode, a field or an input
** source never means editing this file (only a new operand layout needs a
** case in rb_decode).
*/
#include "vm/program.h"

#include <stdlib.h>
#include <string.h>

/* ---- Tables expanded from opcodes.h ------------------------------------- */

const char *const rb_opcode_names[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) #name,
    RB_OPCODES(X)
#undef X
};

const char *const rb_opcode_docs[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) doc,
    RB_OPCODES(X)
#undef X
};

const rb_operand_layout rb_opcode_layouts[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) RB_OPL_##layout,
    RB_OPCODES(X)
#undef X
};

const signed char rb_opcode_pops[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) pops,
    RB_OPCODES(X)
#undef X
};

const signed char rb_opcode_pushes[RB_OP_COUNT] = {
#define X(name, layout, pops, pushes, doc) pushes,
    RB_OPCODES(X)
#undef X
};

const unsigned char rb_operand_layout_bytes[RB_OPL_COUNT] = {
#define X(name, bytes, doc) bytes,
    OPERAND_LAYOUTS(X)
#undef X
};

const char *const rb_operand_layout_docs[RB_OPL_COUNT] = {
#define X(name, bytes, doc) doc,
    OPERAND_LAYOUTS(X)
#undef X
};

const char *const rb_field_names[RB_FIELD_COUNT] = {
#define X(name, text, ...) text,
    RB_FIELDS(X)
#undef X
};

const char *const rb_split_policy_names[RB_SPLIT_COUNT] = {
#define X(name, text) text,
    RB_SPLIT_POLICIES(X)
#undef X
};

const char *const rb_row_weight_mode_names[RB_ROWS_COUNT] = {
#define X(name, text) text,
    RB_ROW_WEIGHT_MODES(X)
#undef X
};

/* ---- Tables expanded from program.h ------------------------------------- */

const char *const rb_input_source_names[RB_SRC_COUNT] = {
#define X(name, text, ...) text,
    RB_INPUT_SOURCES(X)
#undef X
};

const char *const rb_input_type_names[RB_ITYPE_COUNT] = {
#define X(name, text) text,
    RB_INPUT_TYPES(X)
#undef X
};

const char *const rb_missing_policy_names[RB_MISSING_COUNT] = {
#define X(name, text) text,
    RB_MISSING_POLICIES(X)
#undef X
};

const char *const rb_native_type_names[RB_NTYPE_COUNT] = {
#define X(name, text) text,
    RB_NATIVE_TYPES(X)
#undef X
};

/* ---- Programs ----------------------------------------------------------- */

/* A zeroed program whose total is the number 0 (not the invalid all-zero
** rb_num), so that a program a compiler forgets to give a total still
** serialises.  The arena needs no allocation until first use. */
rb_program *rb_program_new(void) {
  rb_program *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  rb_arena_init(&p->arena);
  p->nums = rb_numctx_new();
  if (!p->nums) {
    free(p);
    return NULL;
  }
  p->total = rb_num_int(0);
  p->lang = RB_LANG_EN;
  return p;
}

/* Everything a program holds lives in its arena and number context, except
** the bindings: those belong to the linker (vm/native.c), which frees them
** in rb_program_unlink, so a linked program is unlinked before it is freed. */
void rb_program_free(rb_program *p) {
  if (!p) return;
  rb_numctx_free(p->nums);
  rb_arena_free(&p->arena);
  free(p);
}

/* Debug entries are sorted by offset (the verifier insists), so the entry
** covering an offset is the last one that starts at or before it: a binary
** search for the greatest entry offset <= offset.  Among entries with equal
** offsets the last wins, as it would in a linear scan. */
const rb_debug_entry *rb_program_debug_at(const rb_program *p, uint32_t offset) {
  if (!p || p->debug_count == 0 || p->debug[0].offset > offset) return NULL;
  uint32_t lo = 0, hi = p->debug_count; /* answer in [lo, hi) */
  while (hi - lo > 1) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (p->debug[mid].offset <= offset)
      lo = mid;
    else
      hi = mid;
  }
  return &p->debug[lo];
}

/* ---- Decoding ----------------------------------------------------------- */

static uint16_t read_u16(const uint8_t *b) { return (uint16_t)(b[0] | (b[1] << 8)); }

static int32_t read_i32(const uint8_t *b) {
  uint32_t u = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
  /* Two's complement without implementation-defined conversion. */
  return u <= INT32_MAX ? (int32_t)u : (int32_t)(u - 0x80000000u) + INT32_MIN;
}

static int8_t read_i8(uint8_t b) { return b <= INT8_MAX ? (int8_t)b : (int8_t)(b - 256); }

/* Operands follow the opcode byte in the order the layout names them, each
** little-endian.  The length check comes before any operand byte is read, so
** a truncated instruction is never read past `len`. */
uint32_t rb_decode(const uint8_t *code, uint32_t len, uint32_t offset, rb_instr *out) {
  memset(out, 0, sizeof *out);
  if (offset >= len) return 0;
  uint8_t op = code[offset];
  if (op >= RB_OP_COUNT) return 0;
  rb_operand_layout layout = rb_opcode_layouts[op];
  uint32_t size = 1u + rb_operand_layout_bytes[layout];
  if (len - offset < size) return 0;
  const uint8_t *b = code + offset + 1;
  out->op = op;
  switch (layout) {
  case RB_OPL_NONE: break;
  case RB_OPL_K:
  case RB_OPL_S:
  case RB_OPL_I:
  case RB_OPL_G: out->a = read_u16(b); break;
  case RB_OPL_J: out->jump = read_i32(b); break;
  case RB_OPL_SJ:
  case RB_OPL_KJ:
    out->a = read_u16(b);
    out->jump = read_i32(b + 2);
    break;
  case RB_OPL_BN:
  case RB_OPL_FN:
    out->a = read_u16(b);
    out->n = b[2];
    break;
  case RB_OPL_PM:
    out->places = read_i8(b[0]);
    out->n = b[1];
    break;
  case RB_OPL_D: out->n = b[0]; break;
  case RB_OPL_WP:
  case RB_OPL_RP:
    out->n = b[0];
    out->places = read_i8(b[1]);
    break;
  case RB_OPL_SD:
    out->a = read_u16(b);
    out->n = b[2];
    break;
  case RB_OPL_SSJ:
    out->a = read_u16(b);
    out->b = read_u16(b + 2);
    out->jump = read_i32(b + 4);
    break;
  case RB_OPL_SDD:
    out->a = read_u16(b);
    out->n = b[2];
    out->b = b[3];
    break;
  case RB_OPL_SDBK:
    out->a = read_u16(b);
    out->n = b[2];
    out->b = read_u16(b + 3);
    out->c = read_u16(b + 5);
    break;
  case RB_OPL_SK:
    out->a = read_u16(b);
    out->b = read_u16(b + 2);
    break;
  case RB_OPL_SDKJ:
    out->a = read_u16(b);
    out->n = b[2];
    out->b = read_u16(b + 3);
    out->jump = read_i32(b + 5);
    break;
  case RB_OPL_COUNT: return 0;
  }
  return size;
}
