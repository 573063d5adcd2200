/*
** test_disasm.c — the disassembler's listings of hand-built programs against
** tests/bytecode/expected/golden.txt, natives.txt and loop.txt (written by
** hand),
** one-instruction listings, and listings of programs the verifier would
** refuse.
*/
#include "vm/disasm.h"

#include "tests/bytecode/capture.h"
#include "check.h"
#include "tests/bytecode/sample_programs.h"

static char *disasm_text(const rb_program *p) {
  FILE *f = tmpfile();
  if (!f) return NULL;
  rb_disasm(p, f);
  char *text = capture_stream(f, NULL);
  fclose(f);
  return text;
}

static char *instruction_text(const rb_program *p, uint32_t offset, uint32_t *size) {
  FILE *f = tmpfile();
  if (!f) return NULL;
  *size = rb_disasm_instruction(p, offset, f);
  char *text = capture_stream(f, NULL);
  fclose(f);
  return text;
}

/* Compare line by line so a failure names the first line that differs. */
static void check_same_lines(const char *got, const char *want) {
  int line = 1;
  while (*got || *want) {
    const char *got_end = strchr(got, '\n'), *want_end = strchr(want, '\n');
    size_t got_len = got_end ? (size_t)(got_end - got) : strlen(got);
    size_t want_len = want_end ? (size_t)(want_end - want) : strlen(want);
    if (got_len != want_len || memcmp(got, want, got_len) != 0) {
      fprintf(stderr, "line %d differs:\n  got:  %.*s\n  want: %.*s\n", line, (int)got_len, got, (int)want_len,
              want);
      CHECK(!"disassembly matches the expected listing");
      return;
    }
    got += got_len + (got_end ? 1 : 0);
    want += want_len + (want_end ? 1 : 0);
    line++;
  }
  CHECK(true);
}

/* p verifies and lists exactly as the expected file says; p is freed. */
static void check_listing(rb_program *p, const char *expected_path) {
  char err[256] = "";
  CHECK(rb_program_verify(p, err, sizeof err));
  if (err[0]) fprintf(stderr, "  %s\n", err);
  char *got = disasm_text(p);
  char *want = read_text_file(expected_path);
  CHECK(got != NULL);
  CHECK(want != NULL);
  if (got && want) check_same_lines(got, want);
  free(got);
  free(want);
  rb_program_free(p);
}

static void test_golden(void) { check_listing(sample_golden(), "tests/bytecode/expected/golden.txt"); }

static void test_natives(void) { check_listing(sample_natives(), "tests/bytecode/expected/natives.txt"); }

static void test_loop(void) {
  check_listing(sample_loop(true, RB_FIELD_SELF_SCORE), "tests/bytecode/expected/loop.txt");
  /* The fused instructions with operands the verifier would refuse. */
  rb_program *p = pb_new();
  p->debug_count = 0;
  pb_function(p, "main", 0, 0);
  pb_field_local(p, 9, (rb_field)200);
  pb_patch_to(p, pb_iter_next_set(p, 7, 8), 0);
  pb_end(p);
  char *text = disasm_text(p);
  CHECK(text != NULL);
  if (text) {
    CHECK(strstr(text, "0000    - FIELD_LOCAL   9 <bad field>\n") != NULL);
    CHECK(strstr(text, "0004    | ITER_NEXT_SET 7 8 -> 0000\n") != NULL);
  }
  free(text);
  rb_program_free(p);
}

static void test_one_instruction(void) {
  rb_program *p = sample_golden();
  uint32_t size = 0;
  /* Mid-line instructions still print their line number. */
  char *text = instruction_text(p, 9, &size);
  CHECK_STR(text, "0009    2 ITEM          3 -> 0030 ; \"媒体宣传次数\"\n");
  CHECK(size == 7);
  free(text);
  text = instruction_text(p, 51, &size);
  CHECK_STR(text, "0051    5 STEP          6 ; step[>=90%:5, [80%,90%):4, <80%:0]\n");
  CHECK(size == 3);
  free(text);
  /* Offset 10 is inside ITEM's operands: byte 3, the low byte of constant
  ** index 3, read as an opcode is FALSE (a valid one-byte instruction). */
  text = instruction_text(p, 10, &size);
  CHECK_STR(text, "0010    2 FALSE\n");
  CHECK(size == 1);
  free(text);
  text = instruction_text(p, 146, &size);
  CHECK_STR(text, "0146   12 <past the end of the code>\n");
  CHECK(size == 0);
  free(text);
  rb_program_free(p);
  /* CALL_NATIVE names the native, as CALL names the function. */
  p = sample_natives();
  text = instruction_text(p, 41, &size);
  CHECK_STR(text, "0041    4 CALL_NATIVE   天数 2\n");
  CHECK(size == 4);
  free(text);
  text = instruction_text(p, 65, &size);
  CHECK_STR(text, "0065    7 CALL_NATIVE   三倍 1\n");
  CHECK(size == 4);
  free(text);
  rb_program_free(p);
}

/* A program with bad operands everywhere still lists without reading out
** of bounds (ASan watches), marking what is wrong. */
static void test_bad_program(void) {
  rb_program *p = pb_new();
  p->debug_count = 0;
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, 99);
  pb_op_a(p, RB_OP_INPUT, 7);
  pb_op_an(p, RB_OP_CALL_BUILTIN, 500, 2);
  pb_op_an(p, RB_OP_CALL, 9, 1);
  pb_op_an(p, RB_OP_CALL_NATIVE, 3, 2);
  pb_u8(p, RB_OP_ROUND);
  pb_u8(p, 2);
  pb_u8(p, 77);
  pb_u8(p, RB_OP_FIELD);
  pb_u8(p, 200);
  pb_u8(p, RB_OP_SPLIT);
  pb_u8(p, 9);
  pb_u8(p, 2);
  pb_u8(p, 0xEE);
  pb_end(p);
  char *text = disasm_text(p);
  CHECK(text != NULL);
  if (text) {
    CHECK(strstr(text, "0000    - CONST         99 ; <no such constant>\n") != NULL);
    CHECK(strstr(text, "0003    | INPUT         7 ; <no such input>\n") != NULL);
    CHECK(strstr(text, "0006    | CALL_BUILTIN  <builtin 500> 2\n") != NULL);
    CHECK(strstr(text, "0010    | CALL          <function 9> 1\n") != NULL);
    CHECK(strstr(text, "0014    | CALL_NATIVE   <native 3> 2\n") != NULL);
    CHECK(strstr(text, "0018    | ROUND         2 <bad mode>\n") != NULL);
    CHECK(strstr(text, "0021    | FIELD         <bad field>\n") != NULL);
    CHECK(strstr(text, "0023    | SPLIT         <bad policy> 2\n") != NULL);
    CHECK(strstr(text, "0026    | <invalid opcode 0xee>\n") != NULL);
  }
  free(text);
  /* A truncated last instruction. */
  p->code[p->code_len - 1] = RB_OP_CONST;
  text = disasm_text(p);
  CHECK(text && strstr(text, "0026    | CONST <truncated>\n") != NULL);
  free(text);
  rb_program_free(p);
}

/* Native declarations the loader would refuse still list, marked: types
** out of range, a list result, more parameters than params[] holds (which
** must not be read past), missing names. */
static void test_bad_natives(void) {
  rb_program *p = pb_new();
  p->debug_count = 0;
  pb_native(p, "坏类型", "libx.so", "x", RB_NTYPE_LIST, true, (const uint8_t[]){RB_NTYPE_TEXT, 77}, 2, 1);
  pb_native(p, "太多", "liby.so", "y", RB_NTYPE_NUMBER, false, NULL, 0, 2);
  p->natives[1].param_count = 200;
  p->natives[1].result = 9;
  pb_native(p, "无名", NULL, NULL, RB_NTYPE_BOOL, false, NULL, 0, 3);
  p->natives[2].name = NULL;
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  char *text = disasm_text(p);
  CHECK(text && strstr(text, "natives: 3\n"
                             "  0 坏类型(text, <bad type>): list from \"libx.so\" symbol \"x\" pure\n"
                             "  1 太多(<200 parameters>): <bad type> from \"liby.so\" symbol \"y\"\n"
                             "  2 ?(): bool from ? symbol ?\n"
                             "constants: 0\n"));
  free(text);
  rb_program_free(p);
}

/* Numbers print exactly, whatever their size. */
static void test_numbers(void) {
  rb_program *p = pb_new();
  p->debug_count = 0;
  uint16_t big = pb_num(p, "123456789012345678901234567890.125", RB_UNIT_PLAIN);
  uint16_t third_pct = pb_num(p, "1/3", RB_UNIT_PERCENT); /* 1/3 of 100% = 100/3 % */
  uint16_t small_pct = pb_num(p, "0.0005", RB_UNIT_PERCENT);
  uint16_t negative = pb_num(p, "-40/3", RB_UNIT_MONEY);
  uint16_t open_step = pb_step(p, RB_UNIT_PLAIN, 2);
  pb_range(p, open_step, NULL, false, NULL, false, "1");
  pb_range(p, open_step, "0", false, "10", true, "2");
  pb_function(p, "main", 0, 0);
  pb_op_a(p, RB_OP_CONST, big);
  pb_op_a(p, RB_OP_CONST, third_pct);
  pb_op_a(p, RB_OP_CONST, small_pct);
  pb_op_a(p, RB_OP_CONST, negative);
  pb_op_a(p, RB_OP_STEP, open_step);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  char *text = disasm_text(p);
  CHECK(text && strstr(text, "CONST         0 ; 123456789012345678901234567890.125\n"));
  CHECK(text && strstr(text, "CONST         1 ; 100/3%\n"));
  CHECK(text && strstr(text, "CONST         2 ; 0.05%\n"));
  CHECK(text && strstr(text, "CONST         3 ; -40/3元\n"));
  CHECK(text && strstr(text, "STEP          4 ; step[*:1, (0,10]:2]\n"));
  CHECK(text && strstr(text, "title: (none)\nversion: (none)\ntotal: 0\nrounding: 0 places, half_up, at no level\n"));
  free(text);
  rb_program_free(p);
}

int main(void) {
  test_golden();
  test_natives();
  test_loop();
  test_one_instruction();
  test_bad_program();
  test_bad_natives();
  test_numbers();
  return check_done();
}
