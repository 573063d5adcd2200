/*
** test_verify.c — the opcode tables, rb_decode, rb_program_debug_at, and the
** verifier: small hand-built programs it must accept (with the max_stack
** rb_program_size_stacks must find, worked out by hand) and one program per
** fault it must refuse, each checked for the message that names that fault.
*/
#include "check.h"
#include "tests/bytecode/program_builder.h"
#include "tests/bytecode/sample_programs.h"

/* ---- Tables and decoding ------------------------------------------------- */

static void test_tables(void) {
  CHECK_STR(rb_opcode_names[RB_OP_CONST], "CONST");
  CHECK_STR(rb_opcode_names[RB_OP_JUMP_IF_FALSE], "JUMP_IF_FALSE");
  CHECK_STR(rb_opcode_names[RB_OP_HALT], "HALT");
  CHECK_STR(rb_opcode_docs[RB_OP_POP], "Discard the top of the stack.");
  CHECK(rb_opcode_layouts[RB_OP_ITEM] == RB_OPL_KJ);
  CHECK(rb_opcode_layouts[RB_OP_SPLIT] == RB_OPL_WP);
  CHECK(rb_opcode_pops[RB_OP_ITEM_ROW] == 2 && rb_opcode_pushes[RB_OP_ITEM_ROW] == 0);
  CHECK(rb_opcode_pops[RB_OP_CALL] == -1 && rb_opcode_pushes[RB_OP_CALL] == 1);
  CHECK(rb_operand_layout_bytes[RB_OPL_NONE] == 0);
  CHECK(rb_operand_layout_bytes[RB_OPL_SJ] == 6);
  CHECK(rb_operand_layout_bytes[RB_OPL_BN] == 3);
  CHECK_STR(rb_operand_layout_docs[RB_OPL_PM], "places:i8 mode:u8");
  CHECK_STR(rb_field_names[RB_FIELD_ROW_WEIGHT], "weight");
  CHECK_STR(rb_field_names[RB_FIELD_HIGH], "high");
  CHECK_STR(rb_split_policy_names[RB_SPLIT_FLOOR_LAST], "floor_last");
  CHECK_STR(rb_input_source_names[RB_SRC_SPENT], "budget.spent");
  CHECK_STR(rb_input_source_names[RB_SRC_KIND], "kind");
  CHECK_STR(rb_input_type_names[RB_ITYPE_PERCENT], "percent");
  CHECK_STR(rb_missing_policy_names[RB_MISSING_DEFAULT], "default");
  CHECK_STR(rb_builtin_table[RB_BUILTIN_POSITIVE].name, "positive");
  CHECK(rb_builtin_table[RB_BUILTIN_POSITIVE].min_args == 3 && rb_builtin_table[RB_BUILTIN_POSITIVE].max_args == 3);
  CHECK(rb_builtin_table[RB_BUILTIN_QUALITATIVE].min_args == 3 &&
        rb_builtin_table[RB_BUILTIN_QUALITATIVE].max_args == 4);
  CHECK_STR(rb_builtin_table[RB_BUILTIN_LEN].name, "len");
  CHECK_STR(rb_opcode_names[RB_OP_CALL_NATIVE], "CALL_NATIVE");
  CHECK(rb_opcode_layouts[RB_OP_CALL_NATIVE] == RB_OPL_FN);
  CHECK(rb_opcode_pops[RB_OP_CALL_NATIVE] == -1 && rb_opcode_pushes[RB_OP_CALL_NATIVE] == 1);
  CHECK(RB_NTYPE_COUNT == 6);
  CHECK_STR(rb_native_type_names[RB_NTYPE_INTEGER], "integer");
  CHECK_STR(rb_native_type_names[RB_NTYPE_NUMBER], "number");
  CHECK_STR(rb_native_type_names[RB_NTYPE_TEXT], "text");
  CHECK_STR(rb_native_type_names[RB_NTYPE_BOOL], "bool");
  CHECK_STR(rb_native_type_names[RB_NTYPE_DATE], "date");
  CHECK_STR(rb_native_type_names[RB_NTYPE_LIST], "list");
  /* The instructions that stand for pairs, appended after the others. */
  CHECK(RB_OP_FIELD_LOCAL > RB_OP_ROW_NAMED && RB_OP_ITER_NEXT_SET > RB_OP_ROW_NAMED);
  CHECK(rb_opcode_layouts[RB_OP_FIELD_LOCAL] == RB_OPL_SD && rb_operand_layout_bytes[RB_OPL_SD] == 3);
  CHECK(rb_opcode_pops[RB_OP_FIELD_LOCAL] == 0 && rb_opcode_pushes[RB_OP_FIELD_LOCAL] == 1);
  CHECK(rb_opcode_layouts[RB_OP_ITER_NEXT_SET] == RB_OPL_SSJ && rb_operand_layout_bytes[RB_OPL_SSJ] == 8);
  CHECK(rb_opcode_pops[RB_OP_ITER_NEXT_SET] == 0 && rb_opcode_pushes[RB_OP_ITER_NEXT_SET] == 0);
  CHECK_STR(rb_operand_layout_docs[RB_OPL_SSJ], "slot:u16 local:u16 offset:i32");
  /* The superinstructions, appended after GET_GLOBAL and SET_GLOBAL. */
  CHECK(RB_OP_IN_TEXTS > RB_OP_SET_GLOBAL && RB_OP_JUMP_IF_TRUE < RB_OP_JUMP_IF_NIL);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_TRUE] == RB_OPL_J && rb_opcode_pops[RB_OP_JUMP_IF_TRUE] == 1 &&
        rb_opcode_pushes[RB_OP_JUMP_IF_TRUE] == 0);
  CHECK(rb_opcode_layouts[RB_OP_IN_TEXTS] == RB_OPL_K && rb_opcode_pops[RB_OP_IN_TEXTS] == 1 &&
        rb_opcode_pushes[RB_OP_IN_TEXTS] == 1);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_NE] == RB_OPL_J && rb_opcode_pops[RB_OP_JUMP_IF_NE] == 2 &&
        rb_opcode_pushes[RB_OP_JUMP_IF_NE] == 0);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_EQ] == RB_OPL_J && rb_opcode_pops[RB_OP_JUMP_IF_EQ] == 2);
  CHECK(rb_opcode_layouts[RB_OP_FIELDS_LOCAL] == RB_OPL_SDD && rb_operand_layout_bytes[RB_OPL_SDD] == 4);
  CHECK(rb_opcode_pops[RB_OP_FIELDS_LOCAL] == 0 && rb_opcode_pushes[RB_OP_FIELDS_LOCAL] == 1);
  CHECK_STR(rb_operand_layout_docs[RB_OPL_SDD], "slot:u16 field:u8 field:u8");
  /* Format 3's, appended after JUMP_IF_TRUE. */
  CHECK(RB_OP_JUMP_IF_NIL == RB_OP_JUMP_IF_TRUE + 1 && RB_OP_INC_LOCAL + 1 == RB_OP_JUMP_IF_FIELD_NE_K);
  /* Format 4's, appended after INC_LOCAL. */
  CHECK(RB_OP_JUMP_IF_FIELD_EQ_K == RB_OP_JUMP_IF_FIELD_NE_K + 1 && RB_OP_JUMP_IF_FIELD_EQ_K == RB_OP_COUNT - 1);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_FIELD_NE_K] == RB_OPL_SDKJ && rb_operand_layout_bytes[RB_OPL_SDKJ] == 9);
  CHECK(rb_opcode_pops[RB_OP_JUMP_IF_FIELD_EQ_K] == 0 && rb_opcode_pushes[RB_OP_JUMP_IF_FIELD_EQ_K] == 0);
  CHECK_STR(rb_operand_layout_docs[RB_OPL_SDKJ], "slot:u16 field:u8 k:u16 offset:i32");
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_NIL] == RB_OPL_J && rb_opcode_pops[RB_OP_JUMP_IF_NIL] == 1 &&
        rb_opcode_pushes[RB_OP_JUMP_IF_NIL] == 0);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_NOT_NIL] == RB_OPL_J && rb_opcode_pops[RB_OP_JUMP_IF_NOT_NIL] == 1 &&
        rb_opcode_pushes[RB_OP_JUMP_IF_NOT_NIL] == 0);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_NE_K] == RB_OPL_KJ && rb_opcode_pops[RB_OP_JUMP_IF_NE_K] == 1 &&
        rb_opcode_pushes[RB_OP_JUMP_IF_NE_K] == 0);
  CHECK(rb_opcode_layouts[RB_OP_JUMP_IF_EQ_K] == RB_OPL_KJ && rb_opcode_pops[RB_OP_JUMP_IF_EQ_K] == 1);
  CHECK(rb_opcode_layouts[RB_OP_FIELD_TEXT_TEST] == RB_OPL_SDBK && rb_operand_layout_bytes[RB_OPL_SDBK] == 7);
  CHECK(rb_opcode_pops[RB_OP_FIELD_TEXT_TEST] == 0 && rb_opcode_pushes[RB_OP_FIELD_TEXT_TEST] == 1);
  CHECK(rb_opcode_layouts[RB_OP_INC_LOCAL] == RB_OPL_SK && rb_operand_layout_bytes[RB_OPL_SK] == 4);
  CHECK(rb_opcode_pops[RB_OP_INC_LOCAL] == 0 && rb_opcode_pushes[RB_OP_INC_LOCAL] == 0);
  CHECK_STR(rb_operand_layout_docs[RB_OPL_SDBK], "slot:u16 field:u8 builtin:u16 k:u16");
  CHECK_STR(rb_operand_layout_docs[RB_OPL_SK], "slot:u16 k:u16");
}

static void test_decode(void) {
  rb_instr in;
  /* ITEM k=0x0102, jump -5: bytes after the opcode 02 01 fb ff ff ff. */
  const uint8_t item[] = {RB_OP_ITEM, 0x02, 0x01, 0xfb, 0xff, 0xff, 0xff};
  CHECK(rb_decode(item, sizeof item, 0, &in) == 7);
  CHECK(in.op == RB_OP_ITEM && in.a == 0x0102 && in.jump == -5 && in.n == 0 && in.places == 0);
  CHECK(rb_decode(item, 6, 0, &in) == 0); /* one byte short */
  const uint8_t jump[] = {RB_OP_JUMP, 0x00, 0x00, 0x00, 0x80};
  CHECK(rb_decode(jump, sizeof jump, 0, &in) == 5 && in.jump == INT32_MIN);
  const uint8_t round[] = {RB_OP_ROUND, 0xfe, RB_ROUND_CEIL};
  CHECK(rb_decode(round, sizeof round, 0, &in) == 3 && in.places == -2 && in.n == RB_ROUND_CEIL && in.a == 0);
  const uint8_t split[] = {RB_OP_SPLIT, RB_SPLIT_WHOLE, 0x12};
  CHECK(rb_decode(split, sizeof split, 0, &in) == 3 && in.n == RB_SPLIT_WHOLE && in.places == 18);
  const uint8_t call[] = {RB_OP_NOT, RB_OP_CALL_BUILTIN, 0x10, 0x00, 0x03};
  CHECK(rb_decode(call, sizeof call, 0, &in) == 1 && in.op == RB_OP_NOT);
  CHECK(rb_decode(call, sizeof call, 1, &in) == 4 && in.a == 16 && in.n == 3);
  const uint8_t iter[] = {RB_OP_ITER_NEXT, 0x05, 0x00, 0x10, 0x00, 0x00, 0x00};
  CHECK(rb_decode(iter, sizeof iter, 0, &in) == 7 && in.a == 5 && in.jump == 16);
  const uint8_t native[] = {RB_OP_CALL_NATIVE, 0x34, 0x12, 0x10};
  CHECK(rb_decode(native, sizeof native, 0, &in) == 4 && in.a == 0x1234 && in.n == 16);
  const uint8_t field[] = {RB_OP_FIELD, RB_FIELD_TARGET};
  CHECK(rb_decode(field, sizeof field, 0, &in) == 2 && in.n == RB_FIELD_TARGET);
  const uint8_t field_local[] = {RB_OP_FIELD_LOCAL, 0x03, 0x01, RB_FIELD_NAME};
  CHECK(rb_decode(field_local, sizeof field_local, 0, &in) == 4 && in.a == 0x0103 && in.n == RB_FIELD_NAME);
  CHECK(rb_decode(field_local, 3, 0, &in) == 0);
  /* ITER_NEXT_SET slot 1, local 0x0200, jump -9. */
  const uint8_t iter_set[] = {RB_OP_ITER_NEXT_SET, 0x01, 0x00, 0x00, 0x02, 0xf7, 0xff, 0xff, 0xff};
  CHECK(rb_decode(iter_set, sizeof iter_set, 0, &in) == 9);
  CHECK(in.a == 1 && in.b == 0x0200 && in.jump == -9 && in.n == 0);
  CHECK(rb_decode(iter_set, 8, 0, &in) == 0);
  CHECK(rb_decode(item, sizeof item, 0, &in) == 7 && in.b == 0); /* b only for SSJ and SDD */
  /* FIELDS_LOCAL slot 0x0102, actual, then text: the second field in b. */
  const uint8_t fields_local[] = {RB_OP_FIELDS_LOCAL, 0x02, 0x01, RB_FIELD_ACTUAL, RB_FIELD_TEXT};
  CHECK(rb_decode(fields_local, sizeof fields_local, 0, &in) == 5);
  CHECK(in.a == 0x0102 && in.n == RB_FIELD_ACTUAL && in.b == RB_FIELD_TEXT && in.jump == 0);
  CHECK(rb_decode(fields_local, 4, 0, &in) == 0);
  const uint8_t jump_ne[] = {RB_OP_JUMP_IF_NE, 0xf6, 0xff, 0xff, 0xff};
  CHECK(rb_decode(jump_ne, sizeof jump_ne, 0, &in) == 5 && in.jump == -10 && in.a == 0);
  const uint8_t in_texts[] = {RB_OP_IN_TEXTS, 0x07, 0x00};
  CHECK(rb_decode(in_texts, sizeof in_texts, 0, &in) == 3 && in.a == 7);
  /* FIELD_TEXT_TEST slot 0x0102, level1, starts_with, constant 0x0304: a, n, b, c. */
  const uint8_t text_test[] = {RB_OP_FIELD_TEXT_TEST, 0x02, 0x01, RB_FIELD_LEVEL1, RB_BUILTIN_STARTS_WITH, 0x00, 0x04, 0x03};
  CHECK(rb_decode(text_test, sizeof text_test, 0, &in) == 8);
  CHECK(in.a == 0x0102 && in.n == RB_FIELD_LEVEL1 && in.b == RB_BUILTIN_STARTS_WITH && in.c == 0x0304 && in.jump == 0);
  CHECK(rb_decode(text_test, 7, 0, &in) == 0);
  /* INC_LOCAL slot 5, constant 0x0203: a and b. */
  const uint8_t inc_local[] = {RB_OP_INC_LOCAL, 0x05, 0x00, 0x03, 0x02};
  CHECK(rb_decode(inc_local, sizeof inc_local, 0, &in) == 5 && in.a == 5 && in.b == 0x0203 && in.c == 0);
  const uint8_t jump_ne_k[] = {RB_OP_JUMP_IF_NE_K, 0x09, 0x00, 0xf6, 0xff, 0xff, 0xff};
  CHECK(rb_decode(jump_ne_k, sizeof jump_ne_k, 0, &in) == 7 && in.a == 9 && in.jump == -10);
  const uint8_t bad[] = {RB_OP_COUNT, 0xff};
  CHECK(rb_decode(bad, sizeof bad, 0, &in) == 0);
  CHECK(rb_decode(bad, sizeof bad, 1, &in) == 0);
  CHECK(rb_decode(bad, sizeof bad, 2, &in) == 0); /* offset at the end */
  CHECK(rb_decode(bad, sizeof bad, 99, &in) == 0);
}

static void test_debug_at(void) {
  rb_program *p = pb_new();
  CHECK(rb_program_debug_at(p, 0) == NULL);
  uint32_t offsets[] = {3, 5, 5, 10};
  for (int i = 0; i < 4; i++) {
    p->code_len = offsets[i];
    pb_line(p, (uint32_t)i + 1);
  }
  p->code_len = 0;
  CHECK(rb_program_debug_at(p, 0) == NULL);
  CHECK(rb_program_debug_at(p, 2) == NULL);
  CHECK(rb_program_debug_at(p, 3) == &p->debug[0]);
  CHECK(rb_program_debug_at(p, 4) == &p->debug[0]);
  CHECK(rb_program_debug_at(p, 5) == &p->debug[2]); /* the last of equal offsets */
  CHECK(rb_program_debug_at(p, 9) == &p->debug[2]);
  CHECK(rb_program_debug_at(p, 10) == &p->debug[3]);
  CHECK(rb_program_debug_at(p, 100000) == &p->debug[3]);
  rb_program_free(p);
}

/* ---- Programs the verifier accepts --------------------------------------- */

static void test_accepts_golden(void) {
  rb_program *p = sample_golden();
  char err[256] = "";
  p->functions[0].max_stack = p->functions[1].max_stack = 99;
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  CHECK(p->functions[0].max_stack == 99 && p->functions[1].max_stack == 99); /* verifying only checks */
  CHECK(rb_program_size_stacks(p, err, sizeof err));
  /* main peaks at 3 values at WEIGHT (0022): input, 110, weight. */
  CHECK(p->functions[0].max_stack == 3);
  CHECK(p->functions[1].max_stack == 2);
  rb_program_free(p);
}

/* Natives called from main and from a function (sample_programs.h has the
** depths after each instruction). */
static void test_accepts_natives(void) {
  rb_program *p = sample_natives();
  char err[256] = "";
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  CHECK(rb_program_size_stacks(p, err, sizeof err));
  CHECK(p->functions[0].max_stack == 2);
  CHECK(p->functions[1].max_stack == 1);
  rb_program_free(p);
}

/* A native with 16 parameters called with 16 arguments: depth 16, then 1.
** And with no source files, a declaration may name file 0. */
static void test_accepts_most_native_parameters(void) {
  rb_program *p = pb_new();
  p->file_count = 0;
  uint8_t types[RB_MAX_NATIVE_PARAMS];
  for (int i = 0; i < RB_MAX_NATIVE_PARAMS; i++) types[i] = (uint8_t)(i % RB_NTYPE_COUNT);
  uint16_t n = pb_native(p, "十六", "libmany.so", "sixteen", RB_NTYPE_TEXT, true, types, RB_MAX_NATIVE_PARAMS, 1);
  pb_function(p, "main", 0, 0);
  for (int i = 0; i < RB_MAX_NATIVE_PARAMS; i++) pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_NATIVE, n, RB_MAX_NATIVE_PARAMS);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  char err[256] = "";
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  CHECK(rb_program_size_stacks(p, err, sizeof err));
  CHECK(p->functions[0].max_stack == 16);
  rb_program_free(p);
}

/* CONST CONST ADD inside a section and an item. */
static void test_accepts_arithmetic(void) {
  rb_program *p = pb_new();
  uint16_t w = pb_num(p, "40", RB_UNIT_PLAIN), name = pb_text(p, "决策");
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, w);
  pb_op_a(p, RB_OP_NODE, name);
  pb_op_a(p, RB_OP_CONST, w);
  uint32_t item = pb_jump(p, RB_OP_ITEM, name);
  pb_op_a(p, RB_OP_CONST, w);
  pb_op_a(p, RB_OP_CONST, w);
  pb_op(p, RB_OP_ADD);
  pb_patch(p, item);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_NODE_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  char err[256] = "";
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  CHECK(rb_program_size_stacks(p, err, sizeof err));
  CHECK(p->functions[0].max_stack == 2);
  rb_program_free(p);
}

/* if/else joining with one value on the stack; a function with a loop. */
static void test_accepts_jumps_and_calls(void) {
  rb_program *p = pb_new();
  uint16_t one = pb_num(p, "1", RB_UNIT_PLAIN);
  pb_input(p, "flag", RB_SRC_FACT, "flag", RB_ITYPE_BOOL, RB_MISSING_ZERO, 0);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_INPUT, 0);
  uint32_t to_else = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  pb_op_a(p, RB_OP_CONST, one);
  uint32_t to_end = pb_jump(p, RB_OP_JUMP, 0);
  pb_patch(p, to_else);
  pb_op_a(p, RB_OP_CONST, one);
  pb_op(p, RB_OP_NEG);
  pb_patch(p, to_end);
  pb_op_a(p, RB_OP_CONST, one);
  pb_op_an(p, RB_OP_CALL, 1, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  /* sum(a, b): a + b, through a loop that runs while a < b (a silly body,
  ** but it has a backward jump and a conditional exit). */
  pb_function(p, "sum", 2, 2);
  uint32_t top = p->code_len;
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_op_a(p, RB_OP_GET_LOCAL, 1);
  pb_op(p, RB_OP_LT);
  uint32_t exit = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_op_a(p, RB_OP_CONST, one);
  pb_op(p, RB_OP_ADD);
  pb_op_a(p, RB_OP_SET_LOCAL, 0);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), top);
  pb_patch(p, exit);
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_op_a(p, RB_OP_GET_LOCAL, 1);
  pb_op(p, RB_OP_ADD);
  pb_op(p, RB_OP_RETURN);
  pb_end(p);
  char err[256] = "";
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  CHECK(rb_program_size_stacks(p, err, sizeof err));
  CHECK(p->functions[0].max_stack == 2);
  CHECK(p->functions[1].max_stack == 2);
  rb_program_free(p);
}

/* A loop in the compiler's shape (ITER_NEXT_SET, FIELD_LOCAL) and in the
** shape of the pairs they stand for; sample_programs.h has the depths. */
static void test_accepts_loops(void) {
  for (int fused = 0; fused <= 1; fused++) {
    rb_program *p = sample_loop(fused, RB_FIELD_SELF_SCORE);
    char err[256] = "";
    CHECK(rb_program_verify(p, err, sizeof err));
    if (err[0]) fprintf(stderr, "  %s\n", err);
    CHECK(rb_program_size_stacks(p, err, sizeof err));
    CHECK(p->functions[0].max_stack == 2);
    rb_program_free(p);
  }
}

/* ---- Programs the verifier refuses --------------------------------------- */

/* Each builder below leaves one fault in an otherwise sound program. */
typedef struct fault_case {
  const char *what;
  void (*build)(rb_program *p);
  const char *message; /* a part of the expected message */
} fault_case;

static uint16_t k_num(rb_program *p) { return pb_num(p, "5", RB_UNIT_PLAIN); }
static uint16_t k_name(rb_program *p) { return pb_text(p, "指标"); }

static void f_bad_opcode(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_u8(p, 0xEE);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_jump_mid_instruction(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_POP);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), 1); /* into CONST's operand */
  pb_end(p);
}

static void f_jump_outside(rb_program *p) {
  pb_function(p, "main", 0, 0);
  uint32_t j = pb_jump(p, RB_OP_JUMP, 0);
  pb_end(p);
  pb_function(p, "other", 0, 0);
  pb_patch(p, j); /* to the first instruction of another function */
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_RETURN);
  pb_end(p);
}

static void f_jump_past_code(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), 1000000);
  pb_end(p);
}

static void f_underflow(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_ADD);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_merge_depth(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_TRUE);
  uint32_t j = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  pb_op_a(p, RB_OP_CONST, 0); /* one more value on this path only */
  pb_patch(p, j);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_constant_range(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 5);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_fall_through(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_POP);
  pb_end(p);
}

static void f_node_unclosed(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_NODE, 1);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_node_end_unopened(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NODE_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_node_closed_by_item_end(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_NODE, 1);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_item_closed_by_node_end(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  uint32_t item = pb_jump(p, RB_OP_ITEM, 1);
  pb_op(p, RB_OP_NODE_END);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_patch(p, item);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* Only one path opens a section before the join. */
static void f_tree_merge(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_TRUE);
  uint32_t j = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_NODE, 1);
  pb_patch(p, j);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_item_target_not_end(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  uint32_t item = pb_jump(p, RB_OP_ITEM, 1);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_patch(p, item); /* at POP, not ITEM_END */
  pb_op(p, RB_OP_POP);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* Item A's offset names item B's ITEM_END: depths and nesting agree at every
** join, so only the matching check can catch it. */
static void f_item_wrong_end(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  uint32_t a = pb_jump(p, RB_OP_ITEM, 1);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_ITEM_END); /* A's real end */
  pb_op_a(p, RB_OP_CONST, 0);
  uint32_t b = pb_jump(p, RB_OP_ITEM, 1);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_patch(p, a);
  pb_patch(p, b);
  pb_op(p, RB_OP_ITEM_END); /* B's end, also named by A */
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* The ITEM's self-policy edge arrives with one value; the body leaves two. */
static void f_item_depth(rb_program *p) {
  k_num(p);
  k_name(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  uint32_t item = pb_jump(p, RB_OP_ITEM, 1);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_patch(p, item);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_return_in_main(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_RETURN);
  pb_end(p);
}

static void f_halt_in_function(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  pb_function(p, "f", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_return_depth(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  pb_function(p, "f", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_RETURN);
  pb_end(p);
}

static void f_call_arity(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL, 1, 1);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  pb_function(p, "pair", 2, 2);
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_op(p, RB_OP_RETURN);
  pb_end(p);
}

static void f_call_main(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op_an(p, RB_OP_CALL, 0, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_builtin_argc(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_POSITIVE, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_builtin_id(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_COUNT, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A builtin's arguments are popped: 3 arguments with 2 on the stack. */
static void f_builtin_underflow(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_CLAMP, 3);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_const_step(rb_program *p) {
  uint16_t s = pb_step(p, RB_UNIT_PLAIN, 1);
  pb_range(p, s, NULL, false, NULL, false, "1");
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, s);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_step_number(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_STEP, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_node_number(rb_program *p) {
  k_num(p);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op_a(p, RB_OP_NODE, 0);
  pb_op(p, RB_OP_NODE_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_local_range(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_op_a(p, RB_OP_GET_LOCAL, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_iter_slot(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_op(p, RB_OP_NIL);
  pb_op_a(p, RB_OP_ITER_START, 1); /* needs slots 1 and 2 */
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A loop over nil (an empty list) whose head is ITER_NEXT_SET slot local. */
static void iter_set_loop(rb_program *p, uint16_t locals, uint16_t slot, uint16_t local) {
  pb_function(p, "main", 0, locals);
  pb_op(p, RB_OP_NIL);
  pb_op_a(p, RB_OP_ITER_START, slot);
  uint32_t loop = p->code_len;
  uint32_t done = pb_iter_next_set(p, slot, local);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), loop);
  pb_patch(p, done);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_iter_set_into_position(rb_program *p) { iter_set_loop(p, 3, 0, 1); }

static void f_iter_set_into_sequence(rb_program *p) { iter_set_loop(p, 3, 1, 1); }

static void f_iter_set_local_range(rb_program *p) { iter_set_loop(p, 3, 0, 3); }

static void f_iter_set_slot(rb_program *p) { iter_set_loop(p, 3, 2, 0); }

static void f_iter_set_jump(rb_program *p) {
  iter_set_loop(p, 3, 0, 2);
  pb_patch_to(p, 9, 100); /* the offset of ITER_NEXT_SET (at 0004, offset field at 9), past the code */
}

static void f_field_local_slot(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_field_local(p, 2, RB_FIELD_NAME);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_field_local_field(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_field_local(p, 1, RB_FIELD_COUNT);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* FIELD_LOCAL pushes one value: two POPs after it underflow. */
static void f_field_local_pushes_one(rb_program *p) {
  pb_function(p, "main", 0, 1);
  pb_field_local(p, 0, RB_FIELD_NAME);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_fields_local_slot(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_fields_local(p, 2, RB_FIELD_ACTUAL, RB_FIELD_TEXT);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_fields_local_first_field(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_fields_local(p, 1, RB_FIELD_COUNT, RB_FIELD_TEXT);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_fields_local_second_field(rb_program *p) {
  pb_function(p, "main", 0, 2);
  pb_fields_local(p, 1, RB_FIELD_ACTUAL, (rb_field)200);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* FIELDS_LOCAL pushes one value: two POPs after it underflow. */
static void f_fields_local_pushes_one(rb_program *p) {
  pb_function(p, "main", 0, 1);
  pb_fields_local(p, 0, RB_FIELD_TARGET, RB_FIELD_KIND);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static const char *const some_texts[] = {"", "无", NULL};

/* FIELD_TEXT_TEST in main with 2 locals: slot, field, built-in, constant
** as given; constant 0 is the text "产出", 1 the number 1. */
static void text_test_program(rb_program *p, uint16_t slot, rb_field field, uint16_t builtin, uint16_t k) {
  pb_text(p, "产出");
  pb_num(p, "1", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 2);
  pb_field_text_test(p, slot, field, builtin, k);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}
static void f_text_test_slot(rb_program *p) { text_test_program(p, 2, RB_FIELD_LEVEL1, RB_BUILTIN_STARTS_WITH, 0); }
static void f_text_test_field(rb_program *p) { text_test_program(p, 0, RB_FIELD_COUNT, RB_BUILTIN_STARTS_WITH, 0); }
static void f_text_test_builtin(rb_program *p) { text_test_program(p, 0, RB_FIELD_LEVEL1, RB_BUILTIN_PLAIN, 0); }
static void f_text_test_builtin_range(rb_program *p) { text_test_program(p, 0, RB_FIELD_LEVEL1, 300, 0); }
static void f_text_test_const_range(rb_program *p) { text_test_program(p, 0, RB_FIELD_LEVEL1, RB_BUILTIN_CONTAINS, 2); }
static void f_text_test_number(rb_program *p) { text_test_program(p, 0, RB_FIELD_LEVEL1, RB_BUILTIN_CONTAINS, 1); }

/* FIELD_TEXT_TEST pushes one value: two POPs after it underflow. */
static void f_text_test_pushes_one(rb_program *p) {
  pb_text(p, "产出");
  pb_function(p, "main", 0, 1);
  pb_field_text_test(p, 0, RB_FIELD_LEVEL1, RB_BUILTIN_STARTS_WITH, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* INC_LOCAL in main with 1 local; constant 0 the number 1, 1 the text "产出". */
static void inc_local_program(rb_program *p, uint16_t slot, uint16_t k) {
  pb_num(p, "1", RB_UNIT_PLAIN);
  pb_text(p, "产出");
  pb_function(p, "main", 0, 1);
  pb_inc_local(p, slot, k);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}
static void f_inc_local_slot(rb_program *p) { inc_local_program(p, 1, 0); }
static void f_inc_local_const_range(rb_program *p) { inc_local_program(p, 0, 2); }
static void f_inc_local_text(rb_program *p) { inc_local_program(p, 0, 1); }

/* INC_LOCAL pushes nothing: a POP after it underflows. */
static void f_inc_local_pushes_none(rb_program *p) {
  pb_num(p, "1", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 1);
  pb_inc_local(p, 0, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A jump of format 3 (J or KJ) in main, popping one value: after NIL when
** push_first, then HALT; the KJ ones name constant k (0: a set of texts). */
static void nil_jump_program(rb_program *p, rb_opcode op, uint16_t k, bool push_first, int32_t target) {
  pb_texts(p, some_texts);
  pb_num(p, "1", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 0);
  if (push_first) pb_op(p, RB_OP_NIL);
  uint32_t at = pb_jump(p, op, k);
  if (target >= 0) pb_patch_to(p, at, (uint32_t)target);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}
static void f_jump_if_nil_underflow(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_NIL, 0, false, -1); }
static void f_jump_if_not_nil_underflow(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_NOT_NIL, 0, false, -1); }
static void f_jump_if_not_nil_outside(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_NOT_NIL, 0, true, 500); }
static void f_jump_if_ne_k_texts(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_NE_K, 0, true, -1); }
static void f_jump_if_eq_k_range(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_EQ_K, 2, true, -1); }
static void f_jump_if_eq_k_underflow(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_EQ_K, 1, false, -1); }
static void f_jump_if_ne_k_inside(rb_program *p) { nil_jump_program(p, RB_OP_JUMP_IF_NE_K, 1, true, 2); }

/* IN_TEXTS names a text, not a set of texts. */
static void f_in_texts_text(rb_program *p) {
  uint16_t k = pb_text(p, "无");
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, k);
  pb_op_a(p, RB_OP_IN_TEXTS, k);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_in_texts_range(rb_program *p) {
  pb_texts(p, some_texts);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op_a(p, RB_OP_IN_TEXTS, 1);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* IN_TEXTS pops the value it tests. */
static void f_in_texts_underflow(rb_program *p) {
  pb_texts(p, some_texts);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_IN_TEXTS, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A set of texts is no value for CONST. */
static void f_const_texts(rb_program *p) {
  pb_texts(p, some_texts);
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A set of texts whose texts are missing (a NULL text). */
static void f_texts_null(rb_program *p) {
  uint16_t k = pb_texts(p, some_texts);
  p->constants[k].texts[1].text = NULL;
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* An input's default may not be a set of texts. */
static void f_input_default_texts(rb_program *p) {
  pb_texts(p, some_texts);
  pb_input(p, "x", RB_SRC_FACT, "x", RB_ITYPE_TEXT, RB_MISSING_DEFAULT, 0);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* JUMP_IF_NE (and JUMP_IF_EQ) pop both values they compare: with one on the stack, an underflow. */
static void f_jump_if_ne_underflow(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_patch(p, pb_jump(p, RB_OP_JUMP_IF_NE, 0));
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* Both ways out of JUMP_IF_EQ arrive with the same depth: here the taken way skips a push. */
static void f_jump_if_eq_merge(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  uint32_t j = pb_jump(p, RB_OP_JUMP_IF_EQ, 0);
  pb_op(p, RB_OP_NIL);
  pb_patch(p, j);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_jump_if_true_underflow(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_patch(p, pb_jump(p, RB_OP_JUMP_IF_TRUE, 0));
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_jump_if_ne_outside(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP_IF_NE, 0), 500);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_input_range(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_INPUT, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_field(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_field(p, RB_FIELD_COUNT);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_round_mode(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_round(p, 2, RB_ROUND_MODE_COUNT);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_round_places(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_round(p, -19, RB_ROUND_HALF_UP);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_split_policy(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_split(p, RB_SPLIT_COUNT, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_truncated_instruction(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_u8(p, RB_OP_JUMP);
  pb_u8(p, 0);
  pb_end(p);
}

static void f_main_not_first(rb_program *p) {
  pb_function(p, "start", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_overlap(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_RETURN);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  pb_function(p, "f", 0, 0);
  p->functions[1].code_start = 1; /* inside main */
  p->functions[1].code_len = 2;
}

static void f_input_default(rb_program *p) {
  pb_input(p, "x", RB_SRC_FACT, "x", RB_ITYPE_NUMBER, RB_MISSING_DEFAULT, 3);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_debug_file(rb_program *p) {
  p->file_count = 0;
  pb_function(p, "main", 0, 0);
  pb_line(p, 1);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_debug_order(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_line(p, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  p->code_len = 0;
  pb_line(p, 1); /* at offset 0, after the entry at 1 */
  p->code_len = 3;
}

static void f_fact_without_key(rb_program *p) {
  pb_input(p, "x", RB_SRC_FACT, NULL, RB_ITYPE_NUMBER, RB_MISSING_ERROR, 0);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_date_range(rb_program *p) {
  uint16_t d = pb_date(p, 2024, 1, 1);
  p->constants[d].date = 3000000;
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_rounding(rb_program *p) {
  p->rounding.where = 8;
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_unreachable_underflow_is_fine_but_stack_too_deep(rb_program *p) {
  /* 70000 NILs: deeper than the verifier allows. */
  pb_function(p, "main", 0, 0);
  for (int i = 0; i < 70000 && p->code_len < PB_CODE - 1; i++) pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static uint16_t one_number_native(rb_program *p) {
  return pb_native(p, "三倍", "host", "triple", RB_NTYPE_NUMBER, true, (const uint8_t[]){RB_NTYPE_NUMBER}, 1, 1);
}

static void f_native_index(rb_program *p) {
  one_number_native(p);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_NATIVE, 1, 1); /* only native 0 exists */
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_native_argc(rb_program *p) {
  one_number_native(p);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_NATIVE, 0, 2);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* No natives at all: CALL_NATIVE 0 is still out of range, though its
** layout is CALL's and function 0 (main) exists. */
static void f_native_none(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op_an(p, RB_OP_CALL_NATIVE, 0, 0);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* A native pops its arguments: one argument with none on the stack. */
static void f_native_underflow(rb_program *p) {
  one_number_native(p);
  pb_function(p, "main", 0, 0);
  pb_op_an(p, RB_OP_CALL_NATIVE, 0, 1);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* ...and pushes exactly one result: two POPs after it underflow. */
static void f_native_pushes_one(rb_program *p) {
  one_number_native(p);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_NIL);
  pb_op_an(p, RB_OP_CALL_NATIVE, 0, 1);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void halt_only(rb_program *p) {
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

static void f_native_list_result(rb_program *p) {
  pb_native(p, "列表", "libx.so", "x", RB_NTYPE_LIST, true, NULL, 0, 1);
  halt_only(p);
}

static void f_native_result_type(rb_program *p) {
  uint16_t n = one_number_native(p);
  p->natives[n].result = RB_NTYPE_COUNT;
  halt_only(p);
}

static void f_native_param_type(rb_program *p) {
  pb_native(p, "坏参数", "libx.so", "x", RB_NTYPE_NUMBER, true,
            (const uint8_t[]){RB_NTYPE_NUMBER, RB_NTYPE_COUNT}, 2, 1);
  halt_only(p);
}

static void f_native_param_count(rb_program *p) {
  uint16_t n = one_number_native(p);
  p->natives[n].param_count = RB_MAX_NATIVE_PARAMS + 1;
  halt_only(p);
}

static void f_native_no_library(rb_program *p) {
  uint16_t n = one_number_native(p);
  p->natives[n].library = NULL;
  halt_only(p);
}

static void f_native_file(rb_program *p) {
  uint16_t n = one_number_native(p);
  p->natives[n].file = 1; /* pb_new gives one file */
  halt_only(p);
}

static void f_native_file_none(rb_program *p) {
  uint16_t n = one_number_native(p);
  p->file_count = 0;
  p->debug_count = 0;
  p->natives[n].file = 1; /* only 0 is accepted without files */
  halt_only(p);
}

static void f_native_no_storage(rb_program *p) {
  one_number_native(p);
  p->natives = NULL;
  halt_only(p);
}

static const fault_case fault_cases[] = {
    {"bad opcode", f_bad_opcode, "function main at 0000 (?): invalid opcode 0xee"},
    {"jump into an instruction", f_jump_mid_instruction, "jumps to 0001, which is inside an instruction"},
    {"jump into another function", f_jump_outside, "outside the function"},
    {"jump past the code", f_jump_past_code, "outside the function"},
    {"stack underflow", f_underflow, "(ADD): stack underflow: pops 2 but the stack holds 1"},
    {"depth differs at a join", f_merge_depth, "at 0009 (HALT): stack depth 1 here from 0006, but 0"},
    {"constant out of range", f_constant_range, "constant 5 out of range (1 constants)"},
    {"falls off the end", f_fall_through, "(POP): the last instruction of a function must be JUMP, RETURN or HALT"},
    {"section left open", f_node_unclosed, "halts while the NODE at 0003 is open"},
    {"NODE_END with nothing open", f_node_end_unopened, "(NODE_END): nothing is open to close"},
    {"ITEM_END closes a NODE", f_node_closed_by_item_end, "(ITEM_END): does not close the NODE opened at 0003"},
    {"NODE_END closes an ITEM", f_item_closed_by_node_end, "(NODE_END): closes the ITEM opened at 0003"},
    {"nesting differs at a join", f_tree_merge, "differ from those on another path"},
    {"ITEM offset not at ITEM_END", f_item_target_not_end, "must jump to an ITEM_END, not to POP"},
    {"ITEM offset at another item's end", f_item_wrong_end, "does not close the ITEM opened at 0003"},
    {"item body leaves extra values", f_item_depth, "stack depth 2 here from 0013, but 1"},
    {"RETURN in main", f_return_in_main, "main cannot return"},
    {"HALT in a function", f_halt_in_function, "function f at 0001 (HALT): only main may halt"},
    {"RETURN with two values", f_return_depth, "returns with 2 values on the stack instead of 1"},
    {"CALL with the wrong argc", f_call_arity, "pair takes 2 arguments, not 1"},
    {"CALL main", f_call_main, "main cannot be called"},
    {"built-in argc", f_builtin_argc, "positive takes 3 to 3 arguments, not 2"},
    {"unknown built-in", f_builtin_id, "unknown built-in"},
    {"built-in pops its arguments", f_builtin_underflow, "stack underflow: pops 3 but the stack holds 2"},
    {"CONST of a step table", f_const_step, "constant 0 is a step table, not a value"},
    {"STEP of a number", f_step_number, "constant 0 is not a step table"},
    {"NODE named by a number", f_node_number, "constant 0 is not a text"},
    {"local out of range", f_local_range, "slot 2 out of range (2 locals)"},
    {"iteration slot+1 out of range", f_iter_slot, "slots 1 and 2 out of range (2 locals)"},
    {"ITER_NEXT_SET into the position", f_iter_set_into_position,
     "(ITER_NEXT_SET): stores the element into slot 1, which holds the iteration (slots 0 and 1)"},
    {"ITER_NEXT_SET into the sequence", f_iter_set_into_sequence,
     "stores the element into slot 1, which holds the iteration (slots 1 and 2)"},
    {"ITER_NEXT_SET local out of range", f_iter_set_local_range, "(ITER_NEXT_SET): slot 3 out of range (3 locals)"},
    {"ITER_NEXT_SET slot+1 out of range", f_iter_set_slot, "slots 2 and 3 out of range (3 locals)"},
    {"ITER_NEXT_SET jumps outside", f_iter_set_jump, "at 0004 (ITER_NEXT_SET): jumps to 100, outside the function"},
    {"FIELD_LOCAL slot out of range", f_field_local_slot, "(FIELD_LOCAL): slot 2 out of range (2 locals)"},
    {"FIELD_LOCAL unknown field", f_field_local_field, "(FIELD_LOCAL): unknown field 18"},
    {"FIELD_LOCAL pushes one value", f_field_local_pushes_one,
     "at 0005 (POP): stack underflow: pops 1 but the stack holds 0"},
    {"FIELDS_LOCAL slot out of range", f_fields_local_slot, "(FIELDS_LOCAL): slot 2 out of range (2 locals)"},
    {"FIELDS_LOCAL unknown first field", f_fields_local_first_field, "(FIELDS_LOCAL): unknown field 18"},
    {"FIELDS_LOCAL unknown second field", f_fields_local_second_field, "(FIELDS_LOCAL): unknown field 200"},
    {"FIELDS_LOCAL pushes one value", f_fields_local_pushes_one,
     "at 0006 (POP): stack underflow: pops 1 but the stack holds 0"},
    {"IN_TEXTS of a text", f_in_texts_text, "at 0003 (IN_TEXTS): constant 0 is not a set of texts"},
    {"IN_TEXTS constant out of range", f_in_texts_range, "(IN_TEXTS): constant 1 out of range (1 constants)"},
    {"IN_TEXTS pops a value", f_in_texts_underflow, "at 0000 (IN_TEXTS): stack underflow: pops 1 but the stack holds 0"},
    {"CONST of a set of texts", f_const_texts, "(CONST): constant 0 is a set of texts, not a value"},
    {"FIELD_TEXT_TEST slot out of range", f_text_test_slot, "at 0000 (FIELD_TEXT_TEST): slot 2 out of range (2 locals)"},
    {"FIELD_TEXT_TEST unknown field", f_text_test_field, "(FIELD_TEXT_TEST): unknown field 18"},
    {"FIELD_TEXT_TEST of plain", f_text_test_builtin,
     "(FIELD_TEXT_TEST): built-in plain is not a text test (starts_with or contains)"},
    {"FIELD_TEXT_TEST unknown built-in", f_text_test_builtin_range, "(FIELD_TEXT_TEST): unknown built-in 300"},
    {"FIELD_TEXT_TEST constant out of range", f_text_test_const_range,
     "(FIELD_TEXT_TEST): constant 2 out of range (2 constants)"},
    {"FIELD_TEXT_TEST of a number", f_text_test_number, "(FIELD_TEXT_TEST): constant 1 is not a text"},
    {"FIELD_TEXT_TEST pushes one value", f_text_test_pushes_one,
     "at 0009 (POP): stack underflow: pops 1 but the stack holds 0"},
    {"INC_LOCAL slot out of range", f_inc_local_slot, "at 0000 (INC_LOCAL): slot 1 out of range (1 locals)"},
    {"INC_LOCAL constant out of range", f_inc_local_const_range, "(INC_LOCAL): constant 2 out of range (2 constants)"},
    {"INC_LOCAL of a text", f_inc_local_text, "(INC_LOCAL): constant 1 is not a number"},
    {"INC_LOCAL pushes nothing", f_inc_local_pushes_none, "at 0005 (POP): stack underflow: pops 1 but the stack holds 0"},
    {"JUMP_IF_NIL pops a value", f_jump_if_nil_underflow,
     "at 0000 (JUMP_IF_NIL): stack underflow: pops 1 but the stack holds 0"},
    {"JUMP_IF_NOT_NIL pops a value", f_jump_if_not_nil_underflow,
     "at 0000 (JUMP_IF_NOT_NIL): stack underflow: pops 1 but the stack holds 0"},
    {"JUMP_IF_NOT_NIL jumps outside", f_jump_if_not_nil_outside,
     "at 0001 (JUMP_IF_NOT_NIL): jumps to 500, outside the function"},
    {"JUMP_IF_NE_K of a set of texts", f_jump_if_ne_k_texts, "at 0001 (JUMP_IF_NE_K): constant 0 is a set of texts, not a value"},
    {"JUMP_IF_EQ_K constant out of range", f_jump_if_eq_k_range,
     "(JUMP_IF_EQ_K): constant 2 out of range (2 constants)"},
    {"JUMP_IF_EQ_K pops a value", f_jump_if_eq_k_underflow,
     "at 0000 (JUMP_IF_EQ_K): stack underflow: pops 1 but the stack holds 0"},
    {"JUMP_IF_NE_K into its own operands", f_jump_if_ne_k_inside, "(JUMP_IF_NE_K): jumps to 0002, which is inside an instruction"},
    {"set of texts without a text", f_texts_null, "constant 0 is a set of texts without its texts (NULL)"},
    {"JUMP_IF_NE pops two values", f_jump_if_ne_underflow,
     "at 0001 (JUMP_IF_NE): stack underflow: pops 2 but the stack holds 1"},
    {"depth differs after JUMP_IF_EQ", f_jump_if_eq_merge, "at 0008 (HALT): stack depth 1 here from 0007, but 0"},
    {"default of a set of texts", f_input_default_texts, "input 0 (x) has a default that is not a value constant"},
    {"JUMP_IF_TRUE pops a value", f_jump_if_true_underflow,
     "at 0000 (JUMP_IF_TRUE): stack underflow: pops 1 but the stack holds 0"},
    {"JUMP_IF_NE jumps outside", f_jump_if_ne_outside, "at 0002 (JUMP_IF_NE): jumps to 500, outside the function"},
    {"input out of range", f_input_range, "input 0 out of range (0 inputs)"},
    {"unknown field", f_field, "unknown field 18"},
    {"unknown rounding mode", f_round_mode, "unknown rounding mode 6"},
    {"places out of range", f_round_places, "places -19 outside -18..18"},
    {"unknown split policy", f_split_policy, "unknown split policy 4"},
    {"truncated instruction", f_truncated_instruction, "(JUMP): the instruction runs past the end"},
    {"function 0 is not main", f_main_not_first, "function 0 must be main"},
    {"overlapping functions", f_overlap, "the code of functions main and f overlaps"},
    {"bad default constant", f_input_default, "input 0 (x) has a default that is not a value constant"},
    {"debug entry names no file", f_debug_file, "debug entry 0 (code offset 0) names a source file"},
    {"debug entries out of order", f_debug_order, "debug entry 1 (code offset 0) is out of order"},
    {"fact without a key", f_fact_without_key, "input 0 (x) reads a fact but names no key"},
    {"date out of range", f_date_range, "constant 0 is a date outside the years 1 to 9999"},
    {"rounding where bits", f_rounding, "the rounding policy has places, mode or where out of range"},
    {"stack too deep", f_unreachable_underflow_is_fine_but_stack_too_deep, "beyond 65536 values"},
    {"native out of range", f_native_index, "function main at 0001 (CALL_NATIVE): native 1 out of range (1 natives)"},
    {"native with the wrong argc", f_native_argc, "(CALL_NATIVE): native 三倍 takes 1 arguments, not 2"},
    {"CALL_NATIVE without natives", f_native_none, "(CALL_NATIVE): native 0 out of range (0 natives)"},
    {"native pops its arguments", f_native_underflow,
     "at 0000 (CALL_NATIVE): stack underflow: pops 1 but the stack holds 0"},
    {"native pushes one result", f_native_pushes_one, "at 0006 (POP): stack underflow: pops 1 but the stack holds 0"},
    {"native returns a list", f_native_list_result, "native 0 (列表) returns a list; a list may only be a parameter"},
    {"native result type unknown", f_native_result_type, "native 0 (三倍) has an unknown result type"},
    {"native parameter type unknown", f_native_param_type, "native 0 (坏参数) has a parameter of unknown type"},
    {"native with 17 parameters", f_native_param_count, "native 0 (三倍) has more parameters than a native may have"},
    {"native without a library", f_native_no_library, "native 0 (三倍) lacks a name, a library or a symbol"},
    {"native names no file", f_native_file, "native 0 (三倍) names a source file that is not in the file list"},
    {"native names file 1 of none", f_native_file_none, "native 0 (三倍) names a source file"},
    {"natives without storage", f_native_no_storage, "the program has a table with a count but no storage"},
};

static void test_refuses(void) {
  for (size_t i = 0; i < sizeof fault_cases / sizeof fault_cases[0]; i++) {
    const fault_case *c = &fault_cases[i];
    rb_program *p = pb_new();
    c->build(p);
    char err[512] = "";
    bool ok = rb_program_verify(p, err, sizeof err);
    CHECK(!ok);
    if (ok || !strstr(err, c->message)) {
      fprintf(stderr, "case \"%s\": got %s\n  want a message containing: %s\n", c->what,
              ok ? "(accepted)" : err, c->message);
      CHECK(!"the message names the fault");
    }
    rb_program_free(p);
  }
}

/* Unreachable code is allowed (but still decoded and its operands checked),
** and a tiny error buffer is never overrun. */
static void test_edges(void) {
  rb_program *p = pb_new();
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_op(p, RB_OP_ADD); /* unreachable: would underflow */
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  char err[8] = "x";
  CHECK(rb_program_verify(p, err, sizeof err));
  CHECK(err[0] == '\0');
  p->code[1] = 0xEE; /* unreachable but invalid */
  CHECK(!rb_program_verify(p, err, sizeof err));
  CHECK(strlen(err) == 7);
  CHECK(!rb_program_verify(p, NULL, 0));
  rb_program_free(p);
}

int main(void) {
  test_tables();
  test_decode();
  test_debug_at();
  test_accepts_golden();
  test_accepts_arithmetic();
  test_accepts_jumps_and_calls();
  test_accepts_natives();
  test_accepts_most_native_parameters();
  test_accepts_loops();
  test_refuses();
  test_edges();
  return check_done();
}
