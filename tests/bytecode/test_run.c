/*
** test_run.c — hand-built programs run on the VM: a loop in the shape the
** compiler emits (ITER_NEXT_SET, FIELD_LOCAL) and the same loop written with
** the pairs those instructions stand for (ITER_NEXT then SET_LOCAL,
** GET_LOCAL then FIELD), which .rbc files may hold and the VM still runs.
** Both must give the same score, and fail with the same message at the same
** place, also when a hand-made program iterates without ITER_START.  Then
** hand-made programs that misuse the iteration's slots as no compiled rubric
** does, which the verifier accepts (it follows stack depths, not what locals
** hold): each must end as the VM's checks say, never in undefined behaviour.
** The report is tests/golden/reports/small.json: four indicator rows with
** self scores 10, 9, 8 and 10.
*/
#include <string.h>

#include "check.h"
#include "compiler/compile.h"
#include "compiler/diag.h"
#include "report/report.h"
#include "tests/bytecode/sample_programs.h"
#include "vm/vm.h"

/* Run p (which it frees) on report and check the outcome: ok with the
** given total, or failed with the message `error`.  The result refers to
** the program's names, so the program is freed only after the checks. */
static void check_run(rb_program *p, const rb_report *report, int64_t total, const char *error) {
  rb_result *out = rb_result_new();
  char err[256] = "";
  bool ok = rb_program_verify(p, err, sizeof err) && rb_program_size_stacks(p, err, sizeof err);
  if (!ok) fprintf(stderr, "  %s\n", err);
  rb_vm *vm = ok ? rb_vm_new(p) : NULL;
  CHECK(out && vm);
  if (out && vm) {
    bool ran = rb_vm_run(vm, report, out);
    if (!error) {
      CHECK(ran && rb_num_cmp(out->total, rb_num_int(total)) == 0);
      if (!ran) fprintf(stderr, "  %s\n", out->error);
      if (ran && rb_num_cmp(out->total, rb_num_int(total)) != 0) {
        char buf[64];
        rb_num_format_sig(out->total, 6, buf, sizeof buf);
        fprintf(stderr, "  total %s, want %lld\n", buf, (long long)total);
      }
    } else {
      CHECK(!ran);
      CHECK_STR(out->error, error);
    }
  }
  rb_vm_free(vm);
  rb_result_free(out);
  rb_program_free(p);
}

/* A hand-made program whose loop never began (no ITER_START), the slot of
** the position holding a text: an error, rather than the text's bytes read
** as a number. */
static rb_program *loop_without_start(bool fused) {
  rb_program *p = pb_new();
  uint16_t k_empty = pb_text(p, "");
  pb_function(p, "main", 0, 3);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_empty);
  pb_op_a(p, RB_OP_SET_LOCAL, 1);
  pb_line(p, 2);
  uint32_t loop = p->code_len, done;
  if (fused) {
    done = pb_iter_next_set(p, 0, 2);
  } else {
    done = pb_jump(p, RB_OP_ITER_NEXT, 0);
    pb_op_a(p, RB_OP_SET_LOCAL, 2);
  }
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), loop);
  pb_patch(p, done);
  if (!fused) pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

/* A hand-made program that iterates a missing table (ITER_START on nil: an
** empty list), then reads the iteration's sequence from its slot with
** GET_LOCAL and indexes it: an index out of range, not a read through the
** empty list's pointer. */
static rb_program *index_empty_iteration(void) {
  rb_program *p = pb_new();
  uint16_t k_0 = pb_num(p, "0", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 2);
  pb_line(p, 1);
  pb_op(p, RB_OP_NIL);
  pb_op_a(p, RB_OP_ITER_START, 0);
  pb_line(p, 2);
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_op_a(p, RB_OP_CONST, k_0);
  pb_op(p, RB_OP_INDEX);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

/* A hand-made program that starts an iteration of an empty list, then sets
** its position to `position` with SET_LOCAL and takes the next element:
** there is none, whatever the number (past the end, before the start, 2^63
** − 1, which the VM once moved on by one, overflowing).  When `sequence` is
** not NULL, the sequence slot is then overwritten with that text constant:
** an error, not the end of an iteration. */
static rb_program *iteration_at(const char *position, const char *sequence, bool fused) {
  rb_program *p = pb_new();
  uint16_t k_position = pb_num(p, position, RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 3);
  pb_line(p, 1);
  pb_op(p, RB_OP_NIL);
  pb_op_a(p, RB_OP_ITER_START, 0);
  pb_op_a(p, RB_OP_CONST, k_position);
  pb_op_a(p, RB_OP_SET_LOCAL, 1);
  if (sequence) {
    pb_op_a(p, RB_OP_CONST, pb_text(p, sequence));
    pb_op_a(p, RB_OP_SET_LOCAL, 0);
  }
  pb_line(p, 2);
  /* Both ways on: the element, if any, is dropped. */
  pb_patch(p, fused ? pb_iter_next_set(p, 0, 2) : pb_jump(p, RB_OP_ITER_NEXT, 0));
  if (!fused) pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

/* How `x in ["12次", "95%", "无"]` is written: as the compiler wrote it
** before (the chain of GET_LOCAL, CONST, EQ, JUMP_IF_FALSE), as it writes
** the chain now when a choice is no text literal (JUMP_IF_NE instead of the
** pair), and as it writes a list of text literals (IN_TEXTS). */
typedef enum in_shape { IN_EQ_CHAIN, IN_NE_CHAIN, IN_SET } in_shape;

/* The frame of the counting programs below: item 合计 40 = count(r for r in
** 指标表 where TEST).  count_open writes everything up to the test (the item
** on line 1, the count and the loop on line 2, then line 3); count_close, at
** the line the caller set, the jump on the test's value, the count's
** increment, the loop's end and the item's.  Locals: 0 the row, 1 and 2 the
** iteration, 3 the count, any others the test's. */
typedef struct count_loop {
  uint16_t k_1;
  uint32_t end, loop, done;
} count_loop;

static count_loop count_open(rb_program *p, uint16_t locals) {
  count_loop c;
  p->total = rb_num_int(40);
  uint16_t k_40 = pb_num(p, "40", RB_UNIT_PLAIN), k_name = pb_text(p, "合计"), k_0 = pb_num(p, "0", RB_UNIT_PLAIN);
  c.k_1 = pb_num(p, "1", RB_UNIT_PLAIN);
  uint16_t in_table = pb_input(p, "指标表", RB_SRC_INDICATORS, NULL, RB_ITYPE_TABLE, RB_MISSING_ERROR, 0);
  pb_function(p, "main", 0, locals);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_40);
  c.end = pb_jump(p, RB_OP_ITEM, k_name);
  pb_line(p, 2);
  pb_op_a(p, RB_OP_CONST, k_0);
  pb_op_a(p, RB_OP_SET_LOCAL, 3);
  pb_op_a(p, RB_OP_INPUT, in_table);
  pb_op_a(p, RB_OP_ITER_START, 1);
  c.loop = p->code_len;
  c.done = pb_iter_next_set(p, 1, 0);
  pb_line(p, 3);
  return c;
}

static void count_close(rb_program *p, const count_loop *c) {
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP_IF_FALSE, 0), c->loop);
  pb_op_a(p, RB_OP_GET_LOCAL, 3);
  pb_op_a(p, RB_OP_CONST, c->k_1);
  pb_op(p, RB_OP_ADD);
  pb_op_a(p, RB_OP_SET_LOCAL, 3);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), c->loop);
  pb_patch(p, c->done);
  pb_op_a(p, RB_OP_GET_LOCAL, 3);
  pb_patch(p, c->end);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* item 合计 40 = count(r for r in 指标表 where r.F1[.F2] in ["12次", "95%",
** "无"]), the test in the given shape, and r.F1.F2 as FIELD_LOCAL then FIELD
** (IN_EQ_CHAIN) or FIELDS_LOCAL (the others); F2 RB_FIELD_COUNT for none.
** Locals: 0 the row, 1 and 2 the iteration, 3 the count, 4 the scratch slot
** of the chain.  Every instruction from the field on is on line 3. */
static rb_program *count_in(in_shape shape, rb_field f1, rb_field f2) {
  static const char *const texts[] = {"12次", "95%", "无", NULL};
  rb_program *p = pb_new();
  p->title = "属于";
  uint16_t k_set = pb_texts(p, texts), k_text[3];
  for (int i = 0; i < 3; i++) k_text[i] = pb_text(p, texts[i]);
  count_loop c = count_open(p, 5);
  if (f2 == RB_FIELD_COUNT) {
    pb_field_local(p, 0, f1);
  } else if (shape == IN_EQ_CHAIN) {
    pb_field_local(p, 0, f1);
    pb_field(p, f2);
  } else {
    pb_fields_local(p, 0, f1, f2);
  }
  if (shape == IN_SET) {
    pb_op_a(p, RB_OP_IN_TEXTS, k_set);
  } else {
    uint32_t found[3];
    pb_op_a(p, RB_OP_SET_LOCAL, 4);
    for (int i = 0; i < 3; i++) {
      pb_op_a(p, RB_OP_GET_LOCAL, 4);
      pb_op_a(p, RB_OP_CONST, k_text[i]);
      if (shape == IN_EQ_CHAIN) pb_op(p, RB_OP_EQ);
      uint32_t next = pb_jump(p, shape == IN_EQ_CHAIN ? RB_OP_JUMP_IF_FALSE : RB_OP_JUMP_IF_NE, 0);
      pb_op(p, RB_OP_TRUE);
      found[i] = pb_jump(p, RB_OP_JUMP, 0);
      pb_patch(p, next);
    }
    pb_op(p, RB_OP_FALSE);
    for (int i = 0; i < 3; i++) pb_patch(p, found[i]);
  }
  count_close(p, &c);
  return p;
}

/* A value for or_and below: true, false, nil or the number 1. */
typedef enum cond_value { C_TRUE, C_FALSE, C_NIL, C_NUMBER } cond_value;

static void push_cond(rb_program *p, cond_value v, uint16_t k_1) {
  if (v == C_NUMBER) pb_op_a(p, RB_OP_CONST, k_1);
  else pb_op(p, v == C_TRUE ? RB_OP_TRUE : v == C_FALSE ? RB_OP_FALSE : RB_OP_NIL);
}

/* item 甲 10 = if a or b then 10 else 0 (with `and` when is_and), the
** condition as the compiler wrote it before (the or's value, then
** JUMP_IF_FALSE) or as it writes it now (jumps: JUMP_IF_TRUE past b for the
** or, JUMP_IF_FALSE to the else-branch from each side of the and). */
static rb_program *or_and(bool is_and, bool as_jumps, cond_value a, cond_value b) {
  rb_program *p = pb_new();
  p->total = rb_num_int(10);
  uint16_t k_10 = pb_num(p, "10", RB_UNIT_PLAIN), k_name = pb_text(p, "甲"), k_0 = pb_num(p, "0", RB_UNIT_PLAIN),
           k_1 = pb_num(p, "1", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 0);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_10);
  uint32_t end = pb_jump(p, RB_OP_ITEM, k_name);
  pb_line(p, 2);
  uint32_t to_else, to_else2 = 0, to_then = 0;
  push_cond(p, a, k_1);
  if (!as_jumps) {
    uint32_t left = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
    if (is_and) push_cond(p, b, k_1);
    else pb_op(p, RB_OP_TRUE);
    uint32_t done = pb_jump(p, RB_OP_JUMP, 0);
    pb_patch(p, left);
    if (is_and) pb_op(p, RB_OP_FALSE);
    else push_cond(p, b, k_1);
    pb_patch(p, done);
    to_else = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  } else if (is_and) {
    to_else2 = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
    push_cond(p, b, k_1);
    to_else = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  } else {
    to_then = pb_jump(p, RB_OP_JUMP_IF_TRUE, 0);
    push_cond(p, b, k_1);
    to_else = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);
  }
  if (to_then) pb_patch(p, to_then);
  pb_op_a(p, RB_OP_CONST, k_10);
  uint32_t skip = pb_jump(p, RB_OP_JUMP, 0);
  pb_patch(p, to_else);
  if (to_else2) pb_patch(p, to_else2);
  pb_op_a(p, RB_OP_CONST, k_0);
  pb_patch(p, skip);
  pb_patch(p, end);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

/* Both shapes of a or b and a and b give the same score or the same error,
** for every pair of true, false, nil and a number. */
static void test_or_and_shapes(void) {
  static const char *const not_bool = "rules/test.rubric:2:1: error: a condition must be true or false, not number (in 甲)";
  for (int is_and = 0; is_and <= 1; is_and++)
    for (int a = C_TRUE; a <= C_NUMBER; a++)
      for (int b = C_TRUE; b <= C_NUMBER; b++) {
        /* What the rubric's rules say: nil counts as not holding; a number is an error where it is tested. */
        bool a_holds = a == C_TRUE, b_holds = b == C_TRUE;
        bool a_error = a == C_NUMBER, b_tested = is_and ? a_holds : !a_holds, b_error = b == C_NUMBER && b_tested;
        int64_t total = (is_and ? a_holds && b_holds : a_holds || b_holds) ? 10 : 0;
        const char *error = a_error || b_error ? not_bool : NULL;
        for (int as_jumps = 0; as_jumps <= 1; as_jumps++)
          check_run(or_and(is_and, as_jumps, (cond_value)a, (cond_value)b), NULL, error ? 0 : total, error);
      }
}

/* item 合计 40 = count(r for r in 指标表 where builtin(plain(r.field), k)),
** the test written as the compiler wrote it before format 3 (FIELD_LOCAL on
** line 3, CALL_BUILTIN plain on line 4, CONST and the test's CALL_BUILTIN on
** line 5) or as one FIELD_TEXT_TEST whose debug entries give its steps the
** same lines (offset + 0, + 1, + 2).  Locals: 0 the row, 1 and 2 the
** iteration, 3 the count. */
static rb_program *count_text_test(bool fused, rb_field field, rb_builtin_id builtin, const char *text) {
  rb_program *p = pb_new();
  p->title = "文字检验";
  uint16_t k_text = pb_text(p, text);
  count_loop c = count_open(p, 4);
  if (fused) {
    pb_op(p, RB_OP_FIELD_TEXT_TEST);
    pb_line(p, 4);
    pb_u8(p, 0); /* slot 0, low byte */
    pb_line(p, 5);
    pb_u8(p, 0);
    pb_u8(p, (uint8_t)field);
    pb_u16(p, (uint16_t)builtin);
    pb_u16(p, k_text);
  } else {
    pb_field_local(p, 0, field);
    pb_line(p, 4);
    pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_PLAIN, 1);
    pb_line(p, 5);
    pb_op_a(p, RB_OP_CONST, k_text);
    pb_op_an(p, RB_OP_CALL_BUILTIN, (uint16_t)builtin, 2);
  }
  pb_line(p, 6);
  count_close(p, &c);
  return p;
}

/* item 合计 40 = count(r for r in 指标表 where r.F == k) (r.F != k when
** ne), the comparison as the compiler wrote it before format 4 (FIELD_LOCAL
** on line 3, JUMP_IF_NE_K on line 4, to the next row) or as one
** JUMP_IF_FIELD_NE_K (JUMP_IF_FIELD_EQ_K) whose debug entries give the field
** line 3 (the opcode) and the comparison line 4 (the byte after).  The row
** then counts (TRUE for count_close's JUMP_IF_FALSE, which never jumps). */
static rb_program *count_field_equal(bool fused, bool ne, rb_field field, uint16_t (*constant)(rb_program *)) {
  rb_program *p = pb_new();
  p->title = "字段比较";
  uint16_t k = constant(p);
  count_loop c = count_open(p, 4);
  rb_opcode op = fused ? (ne ? RB_OP_JUMP_IF_FIELD_EQ_K : RB_OP_JUMP_IF_FIELD_NE_K)
                       : (ne ? RB_OP_JUMP_IF_EQ_K : RB_OP_JUMP_IF_NE_K);
  uint32_t skip;
  if (fused) {
    pb_op(p, op);
    pb_line(p, 4);
    pb_u16(p, 0);
    pb_u8(p, (uint8_t)field);
    pb_u16(p, k);
    skip = p->code_len;
    pb_i32(p, 0);
  } else {
    pb_field_local(p, 0, field);
    pb_line(p, 4);
    skip = pb_jump(p, op, k);
  }
  pb_patch_to(p, skip, c.loop);
  pb_op(p, RB_OP_TRUE);
  count_close(p, &c);
  return p;
}

static uint16_t k_chan_chu(rb_program *p) { return pb_text(p, "产出"); }
static uint16_t k_chan(rb_program *p) { return pb_text(p, "产"); }
static uint16_t k_pei_xun(rb_program *p) { return pb_text(p, "培训人员满意度"); }
static uint16_t k_nine(rb_program *p) { return pb_num(p, "9", RB_UNIT_PLAIN); }
static uint16_t k_ten(rb_program *p) { return pb_num(p, "10.00", RB_UNIT_PLAIN); }

/* Format 4's compare-and-branch on a field of a local against the pair it
** replaces: the same counts, the same errors at the same lines. */
static void test_field_equal(const rb_report *report) {
  for (int fused = 0; fused <= 1; fused++) {
    for (int ne = 0; ne <= 1; ne++) {
      /* Rows: level1 产出 产出 效益 效益; names 培训次数 合格率 覆盖人数 培训人员满意度; self scores 10 9 8 10. */
      check_run(count_field_equal(fused, ne, RB_FIELD_LEVEL1, k_chan_chu), report, 2, NULL);
      check_run(count_field_equal(fused, ne, RB_FIELD_LEVEL1, k_chan), report, ne ? 4 : 0, NULL);
      check_run(count_field_equal(fused, ne, RB_FIELD_NAME, k_pei_xun), report, ne ? 3 : 1, NULL);
      check_run(count_field_equal(fused, ne, RB_FIELD_SELF_SCORE, k_nine), report, ne ? 3 : 1, NULL);
      check_run(count_field_equal(fused, ne, RB_FIELD_SELF_SCORE, k_ten), report, 2, NULL); /* 10 = 10.00 */
      /* No row has a note: nil equals no constant. */
      check_run(count_field_equal(fused, ne, RB_FIELD_NOTE, k_chan_chu), report, ne ? 4 : 0, NULL);
      /* A number against a text: the comparison's error at its line; a field rows lack: the field's. */
      check_run(count_field_equal(fused, ne, RB_FIELD_SELF_SCORE, k_chan_chu), report, 0,
                "rules/test.rubric:4:1: error: cannot compare number with text (in 合计) [report golden-small]");
      check_run(count_field_equal(fused, ne, RB_FIELD_PLANNED, k_chan_chu), report, 0,
                "rules/test.rubric:3:1: error: row has no field planned (in 合计) [report golden-small]");
    }
  }
}

/* A value for the one-item programs below, pushed by CONST (or NIL). */
typedef enum test_value { V_NIL, V_ZERO, V_EIGHT, V_MONEY, V_TEXT, V_OTHER_TEXT, V_DATE } test_value;

static uint16_t value_const(rb_program *p, test_value v) {
  switch (v) {
  case V_ZERO: return pb_num(p, "0.0", RB_UNIT_PLAIN);
  case V_EIGHT: return pb_num(p, "8", RB_UNIT_PLAIN);
  case V_MONEY: return pb_num(p, "8", RB_UNIT_MONEY);
  case V_TEXT: return pb_text(p, "产出");
  case V_OTHER_TEXT: return pb_text(p, "效益");
  case V_DATE: return pb_date(p, 2024, 4, 1);
  case V_NIL: break;
  }
  return 0;
}

static void push_value(rb_program *p, test_value v, uint16_t k) {
  if (v == V_NIL) pb_op(p, RB_OP_NIL);
  else pb_op_a(p, RB_OP_CONST, k);
}

/* The head and tail of item 甲 10 = if COND then 10 else 0, COND on line 2:
** item_begin returns the ITEM's offset field, item_end takes the jumps to
** the else-branch (0: none) and to the then-branch (0: none). */
static uint32_t item_begin(rb_program *p, uint16_t *k_10, uint16_t *k_0) {
  p->total = rb_num_int(10);
  *k_10 = pb_num(p, "10", RB_UNIT_PLAIN);
  uint16_t k_name = pb_text(p, "甲");
  *k_0 = pb_num(p, "0", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 1);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, *k_10);
  uint32_t end = pb_jump(p, RB_OP_ITEM, k_name);
  pb_line(p, 2);
  return end;
}

static void item_end(rb_program *p, uint32_t end, uint16_t k_10, uint16_t k_0, uint32_t to_else, uint32_t to_then) {
  if (to_then) {
    /* The condition held: then-branch below the else-branch's jump. */
    pb_op_a(p, RB_OP_CONST, k_0);
    uint32_t skip = pb_jump(p, RB_OP_JUMP, 0);
    pb_patch(p, to_then);
    pb_op_a(p, RB_OP_CONST, k_10);
    pb_patch(p, skip);
  } else {
    pb_op_a(p, RB_OP_CONST, k_10);
    uint32_t skip = pb_jump(p, RB_OP_JUMP, 0);
    pb_patch(p, to_else);
    pb_op_a(p, RB_OP_CONST, k_0);
    pb_patch(p, skip);
  }
  pb_patch(p, end);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
}

/* item 甲 10 = if missing(v) then 10 else 0: CALL_BUILTIN missing then
** JUMP_IF_FALSE to the else-branch, or JUMP_IF_NOT_NIL; with jump_if, the
** branch taken when it holds: JUMP_IF_TRUE, or JUMP_IF_NIL. */
static rb_program *if_missing(bool fused, bool jump_if, test_value v) {
  rb_program *p = pb_new();
  uint16_t k_10, k_0, k_v = value_const(p, v);
  uint32_t end = item_begin(p, &k_10, &k_0);
  push_value(p, v, k_v);
  if (!fused) pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_MISSING, 1);
  rb_opcode op = fused ? (jump_if ? RB_OP_JUMP_IF_NIL : RB_OP_JUMP_IF_NOT_NIL)
                       : (jump_if ? RB_OP_JUMP_IF_TRUE : RB_OP_JUMP_IF_FALSE);
  uint32_t jump = pb_jump(p, op, 0);
  item_end(p, end, k_10, k_0, jump_if ? 0 : jump, jump_if ? jump : 0);
  return p;
}

/* item 甲 10 = if a == b then 10 else 0 (a != b when ne): CONST b then
** JUMP_IF_NE (JUMP_IF_EQ for !=) to the else-branch, or JUMP_IF_NE_K b
** (JUMP_IF_EQ_K). */
static rb_program *if_equal(bool fused, bool ne, test_value a, test_value b) {
  rb_program *p = pb_new();
  uint16_t k_10, k_0, k_a = value_const(p, a), k_b = value_const(p, b);
  uint32_t end = item_begin(p, &k_10, &k_0);
  push_value(p, a, k_a);
  uint32_t jump;
  if (fused) {
    jump = pb_jump(p, ne ? RB_OP_JUMP_IF_EQ_K : RB_OP_JUMP_IF_NE_K, k_b);
  } else {
    push_value(p, b, k_b);
    jump = pb_jump(p, ne ? RB_OP_JUMP_IF_EQ : RB_OP_JUMP_IF_NE, 0);
  }
  item_end(p, end, k_10, k_0, jump, 0);
  return p;
}

/* item 甲 10 = { x = v; x = x + 1; x = x + 1; x } with x local 0, each
** increment on line 2 as GET_LOCAL, CONST, ADD, SET_LOCAL or INC_LOCAL. */
static rb_program *increments(bool fused, test_value v) {
  rb_program *p = pb_new();
  uint16_t k_10, k_0, k_v = value_const(p, v), k_1 = pb_num(p, "1", RB_UNIT_PLAIN);
  uint32_t end = item_begin(p, &k_10, &k_0);
  push_value(p, v, k_v);
  pb_op_a(p, RB_OP_SET_LOCAL, 0);
  for (int i = 0; i < 2; i++) {
    if (fused) {
      pb_inc_local(p, 0, k_1);
    } else {
      pb_op_a(p, RB_OP_GET_LOCAL, 0);
      pb_op_a(p, RB_OP_CONST, k_1);
      pb_op(p, RB_OP_ADD);
      pb_op_a(p, RB_OP_SET_LOCAL, 0);
    }
  }
  pb_op_a(p, RB_OP_GET_LOCAL, 0);
  pb_patch(p, end);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

/* item 甲 10 = if plain(in) == want then 10 else 0. */
static rb_program *plain_equals(const char *in, const char *want) {
  rb_program *p = pb_new();
  uint16_t k_10, k_0, k_in = pb_text(p, in), k_want = pb_text(p, want);
  uint32_t end = item_begin(p, &k_10, &k_0);
  pb_op_a(p, RB_OP_CONST, k_in);
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_PLAIN, 1);
  item_end(p, end, k_10, k_0, pb_jump(p, RB_OP_JUMP_IF_NE_K, k_want), 0);
  return p;
}

/* plain() finds a space at any byte of texts of 1 to 17 bytes (it looks at
** eight bytes at a time, the last ones in a word overlapping those before),
** and a text without one comes back as it is. */
static void test_plain_spaces(void) {
  static const char *const spaces[] = {" ", "\t", "\xC2\xA0" /* U+00A0 */, "\xE3\x80\x80" /* U+3000 */};
  static const char letters[] = "abcdefghijklmnopq";
  for (size_t len = 1; len < sizeof letters; len++) {
    char want[32], in[40];
    memcpy(want, letters, len);
    want[len] = '\0';
    check_run(plain_equals(want, want), NULL, 10, NULL);
    for (size_t sp = 0; sp < sizeof spaces / sizeof *spaces; sp++)
      for (size_t at = 0; at <= len; at++) {
        snprintf(in, sizeof in, "%.*s%s%s", (int)at, want, spaces[sp], want + at);
        check_run(plain_equals(in, want), NULL, 10, NULL);
      }
  }
  /* Chinese text: 产出指标 is 12 bytes, one word and four more; none of its bytes begins a space. */
  check_run(plain_equals("产出指标", "产出指标"), NULL, 10, NULL);
  check_run(plain_equals("产出指标\xE3\x80\x80", "产出指标"), NULL, 10, NULL);
  check_run(plain_equals("产出指\xE3\x80\x80标", "产出指标"), NULL, 10, NULL);
  check_run(plain_equals("产出指标 。", "产出指标"), NULL, 10, NULL);
  check_run(plain_equals("产出指标", "产出"), NULL, 0, NULL);
}

/* Texts are equal by their bytes whatever their addresses: a constant that
** spells a measure kind or a comparator shares the VM's copy of that name
** (both sides below, when they spell one), and the rest are compared by
** length, first byte and the remaining bytes. */
static void test_text_equality(void) {
  check_run(plain_equals("text", "text"), NULL, 10, NULL);
  check_run(plain_equals("<=", "<="), NULL, 10, NULL);
  check_run(plain_equals("text", "texT"), NULL, 0, NULL);
  check_run(plain_equals("date", "text"), NULL, 0, NULL);
  check_run(plain_equals("texts", "text"), NULL, 0, NULL);
  check_run(plain_equals("产出指标", "产出指数"), NULL, 0, NULL);
  check_run(plain_equals("", ""), NULL, 10, NULL);
  check_run(plain_equals("", "text"), NULL, 0, NULL);
}

/* main calls f1, which calls f2 … f<depth> (calls = depth, or f1 calling
** itself when recursive); f<i> has locals[i - 1] slots, or 1 past the
** array's end.  Each function passes its argument on and returns it; main
** drops the result, so the total is 0.  The calls are on line 2. */
static rb_program *call_chain_program(uint32_t depth, bool recursive, const uint16_t *locals, size_t locals_n) {
  rb_program *p = pb_new();
  uint16_t k_1 = pb_num(p, "1", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 1);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_1);
  pb_line(p, 2);
  pb_op_an(p, RB_OP_CALL, 1, 1);
  pb_op(p, RB_OP_POP);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  for (uint32_t i = 1; i <= depth; i++) {
    pb_function(p, "f", 1, i - 1 < locals_n ? locals[i - 1] : 1);
    pb_op_a(p, RB_OP_GET_LOCAL, 0);
    if (recursive) pb_op_an(p, RB_OP_CALL, 1, 1);
    else if (i < depth) pb_op_an(p, RB_OP_CALL, (uint16_t)(i + 1), 1);
    pb_op(p, RB_OP_RETURN);
    pb_end(p);
  }
  return p;
}

/* CALL's limits: 256 frames (main's and 255 calls deep) and 65,536 value
** slots.  The VM skips CALL's checks when no chain of calls can pass them
** (no recursion, deepest chain within both limits); these programs sit on
** either side of each limit, and recursion always stops with the error. */
static void test_call_limits(void) {
  static const char *const deep = "rules/test.rubric:2:1: error: functions call each other too deeply";
  static const char *const stack = "rules/test.rubric:2:1: error: out of stack";
  check_run(call_chain_program(255, false, NULL, 0), NULL, 0, NULL);
  check_run(call_chain_program(256, false, NULL, 0), NULL, 0, deep);
  check_run(call_chain_program(1, true, NULL, 0), NULL, 0, deep);
  static const uint16_t fit[] = {30000, 30000}, past[] = {40000, 30000};
  check_run(call_chain_program(2, false, fit, 2), NULL, 0, NULL);
  check_run(call_chain_program(2, false, past, 2), NULL, 0, stack);
  /* Counted ahead, f2's frame may end 2 + 32001 + (f2's locals + 1) slots up (each function's locals and
  ** operands, main's included); it ends 2 slots lower, where f1's argument was.  At 33532 locals the count
  ** fits (CALL does not check); at 33533 and 33534 it does not, the calls do (CALL checks); at 33535 they
  ** do not. */
  static const uint16_t edge[][2] = {{32000, 33532}, {32000, 33533}, {32000, 33534}, {32000, 33535}};
  for (size_t i = 0; i < 4; i++) check_run(call_chain_program(2, false, edge[i], 2), NULL, 0, i < 3 ? NULL : stack);
}

/* Format 3's superinstructions and the sequences they replace: the same
** scores, the same errors at the same places. */
static void test_format3_shapes(const rb_report *report) {
  for (int fused = 0; fused <= 1; fused++) {
    /* Rows: 产出 产出 效益 效益 (level1); 数量指标 质量指标 社会效益指标 满意度指标 (level2); names 培训次数 合格率
    ** 覆盖人数 培训人员满意度; targets 10次以上 ≥90% ≥500人 ≥90% (measures, read as written); no notes. */
    check_run(count_text_test(fused, RB_FIELD_LEVEL1, RB_BUILTIN_STARTS_WITH, "产出"), report, 2, NULL);
    check_run(count_text_test(fused, RB_FIELD_LEVEL1, RB_BUILTIN_STARTS_WITH, "产出指标"), report, 0, NULL);
    check_run(count_text_test(fused, RB_FIELD_LEVEL2, RB_BUILTIN_CONTAINS, "指标"), report, 4, NULL);
    check_run(count_text_test(fused, RB_FIELD_NAME, RB_BUILTIN_CONTAINS, "培训"), report, 2, NULL);
    check_run(count_text_test(fused, RB_FIELD_NAME, RB_BUILTIN_STARTS_WITH, ""), report, 4, NULL);
    check_run(count_text_test(fused, RB_FIELD_TARGET, RB_BUILTIN_STARTS_WITH, "≥"), report, 3, NULL);
    /* No row has a note: plain(nil) is nil, which the tests read as "". */
    check_run(count_text_test(fused, RB_FIELD_NOTE, RB_BUILTIN_STARTS_WITH, ""), report, 4, NULL);
    check_run(count_text_test(fused, RB_FIELD_NOTE, RB_BUILTIN_CONTAINS, "产"), report, 0, NULL);
    /* A number: plain's error at plain's line; a field rows lack: the field's error at its line. */
    check_run(count_text_test(fused, RB_FIELD_SELF_SCORE, RB_BUILTIN_STARTS_WITH, "1"), report, 0,
              "rules/test.rubric:4:1: error: plain needs text, not number (in 合计) [report golden-small]");
    check_run(count_text_test(fused, RB_FIELD_PLANNED, RB_BUILTIN_CONTAINS, "1"), report, 0,
              "rules/test.rubric:3:1: error: row has no field planned (in 合计) [report golden-small]");

    for (int jump_if = 0; jump_if <= 1; jump_if++) {
      check_run(if_missing(fused, jump_if, V_NIL), NULL, 10, NULL);
      check_run(if_missing(fused, jump_if, V_ZERO), NULL, 0, NULL);
      check_run(if_missing(fused, jump_if, V_TEXT), NULL, 0, NULL);
    }

    static const char *const cannot = "rules/test.rubric:2:1: error: cannot compare number with text (in 甲)";
    for (int ne = 0; ne <= 1; ne++) {
      int64_t same = ne ? 0 : 10, differ = ne ? 10 : 0;
      check_run(if_equal(fused, ne, V_TEXT, V_TEXT), NULL, same, NULL);
      check_run(if_equal(fused, ne, V_TEXT, V_OTHER_TEXT), NULL, differ, NULL);
      check_run(if_equal(fused, ne, V_ZERO, V_ZERO), NULL, same, NULL);
      check_run(if_equal(fused, ne, V_EIGHT, V_ZERO), NULL, differ, NULL);
      check_run(if_equal(fused, ne, V_DATE, V_DATE), NULL, same, NULL);
      check_run(if_equal(fused, ne, V_NIL, V_TEXT), NULL, differ, NULL);
      check_run(if_equal(fused, ne, V_NIL, V_ZERO), NULL, differ, NULL); /* b is never nil: nil is no constant */
      check_run(if_equal(fused, ne, V_EIGHT, V_TEXT), NULL, 0, cannot);
    }

    check_run(increments(fused, V_EIGHT), NULL, 10, NULL);
    check_run(increments(fused, V_TEXT), NULL, 0,
              "rules/test.rubric:2:1: error: arithmetic needs numbers, not text and number (in 甲)");
    check_run(increments(fused, V_MONEY), NULL, 0,
              "rules/test.rubric:2:1: error: cannot add or subtract money and a number (in 甲)");
  }
}

/* A rubric of small functions, compiled: every call in the items'
** functions is inlined (no CALL left in them; main's calls of them, which
** run once a report, stay CALLs), arguments that are calls inlined in turn — 差(10, 计("产出"))
** keeps a = 10 in its slot while 计's loop runs in the slots above — and an
** error inside an inlined body names the callee's own line and column, as
** when the function ran in a frame of its own (checked by hand against the
** build of main a9335c1: "rules/inline.rubric:7:30: error: division by zero
** (in 丙)"); a call deciding a branch (丁) is its body as the condition.
** The report's rows: 产出 产出 效益 效益; 监管有效性 is 6. */
static rb_program *compile_inlined(const char *divisor) {
  char text[1024];
  snprintf(text, sizeof text,
           "rubric \"内联\"\n"
           "total 40\n"
           "input 指标: table = indicators\n"
           "input 监管: number = fact \"监管有效性\" missing zero\n"
           "fn 计(t: text) = count(r for r in 指标 where starts_with(plain(r.level1), t))\n"
           "fn 差(a: number, b: number) = a - b\n"
           "fn 商(a: number, b: number) = a / b\n"
           "fn 甲分() = 差(10, 计(\"产出\"))\n"
           "fn 乙分() = 差(计(\"效益\") * 4, 计(\"产出\"))\n"
           "fn 丙分() = 商(监管, %s)\n"
           "fn 几(n: number) = n > 1 and n < 5\n"
           "fn 丁分() = if 几(计(\"产出\")) and not 几(计(\"满意度\")) then 10 else 0\n"
           "item 甲 10 = 甲分()\n"
           "item 乙 10 = 乙分()\n"
           "item 丙 10 = 丙分()\n"
           "item 丁 10 = 丁分()\n",
           divisor);
  rb_diags diags;
  rb_diags_init(&diags);
  rb_program *p = rb_compile_text("rules/inline.rubric", text, strlen(text), &diags);
  CHECK(p != NULL && diags.errors == 0);
  rb_diags_free(&diags);
  if (!p) return NULL;
  /* The items' functions (甲分 …) call nothing: every call in them is
  ** inlined.  Main's own calls of them, once a report, stay CALLs. */
  uint32_t scored = 0;
  for (uint32_t f = 0; f < p->function_count; f++) {
    const rb_function *m = &p->functions[f];
    size_t name_len = strlen(m->name);
    bool item_fn = name_len > 3 && strcmp(m->name + name_len - 3, "分") == 0;
    if (f != 0 && !item_fn) continue;
    uint32_t calls = 0, len;
    rb_instr in;
    for (uint32_t off = m->code_start; off < m->code_start + m->code_len &&
                                       (len = rb_decode(p->code, m->code_start + m->code_len, off, &in)) != 0;
         off += len)
      if (in.op == RB_OP_CALL) calls++;
    CHECK(calls == (f == 0 ? 4u : 0u));
    scored += item_fn;
  }
  CHECK(scored == 4);
  return p;
}

static void test_inlining(const rb_report *report) {
  rb_program *p = compile_inlined("3");
  if (p) check_run(p, report, 26, NULL); /* 10 − 2, 2 × 4 − 2, 6 ÷ 3, 10 (2 rows of 产出, none of 满意度) */
  p = compile_inlined("监管 - 6");
  if (p) check_run(p, report, 0, "rules/inline.rubric:7:30: error: division by zero (in 丙) [report golden-small]");
}

int main(void) {
  test_or_and_shapes();
  rb_report *report = rb_report_new();
  rb_report_error err;
  bool read = report && rb_report_read_file(report, "tests/golden/reports/small.json", &err);
  CHECK(read);
  if (read) {
    check_run(index_empty_iteration(), NULL, 0, "rules/test.rubric:2:1: error: list index out of range");
    for (int fused = 0; fused <= 1; fused++) {
      check_run(sample_loop(fused, RB_FIELD_SELF_SCORE), report, 37, NULL); /* 10 + 9 + 8 + 10 */
      /* A row has no field planned: the error names the line of the field. */
      check_run(sample_loop(fused, RB_FIELD_PLANNED), report, 0,
                "rules/test.rubric:3:1: error: row has no field planned (in 合计) [report golden-small]");
      check_run(loop_without_start(fused), NULL, 0,
                "rules/test.rubric:2:1: error: the iteration's position is not a number: no ITER_START began "
                "this iteration");
      check_run(iteration_at("9223372036854775807", NULL, fused), report, 0, NULL);
      check_run(iteration_at("-1", NULL, fused), report, 0, NULL);
      check_run(iteration_at("0", "指标表", fused), report, 0,
                "rules/test.rubric:2:1: error: the iteration's sequence is text, not a table or a list: no "
                "ITER_START began this iteration [report golden-small]");
    }
    check_run(sample_super(), report, 10, NULL); /* 培训次数 and 培训人员满意度: 2 × 5 */
    test_format3_shapes(report);
    test_plain_spaces();
    test_call_limits();
    test_text_equality();
    test_inlining(report);
    test_field_equal(report);
    /* The three shapes of `in` agree (the actuals are 12次, 81%, 400人 and 95%): on the measure as written,
    ** on its text, on nil (no row has a note: in no set) and on a number (the error EQ gives, at its line). */
    for (int shape = IN_EQ_CHAIN; shape <= IN_SET; shape++) {
      check_run(count_in((in_shape)shape, RB_FIELD_ACTUAL, RB_FIELD_COUNT), report, 2, NULL);
      check_run(count_in((in_shape)shape, RB_FIELD_ACTUAL, RB_FIELD_TEXT), report, 2, NULL);
      check_run(count_in((in_shape)shape, RB_FIELD_TARGET, RB_FIELD_TEXT), report, 0, NULL);
      check_run(count_in((in_shape)shape, RB_FIELD_NOTE, RB_FIELD_COUNT), report, 0, NULL);
      check_run(count_in((in_shape)shape, RB_FIELD_SELF_SCORE, RB_FIELD_COUNT), report, 0,
                "rules/test.rubric:3:1: error: cannot compare number with text (in 合计) [report golden-small]");
      check_run(count_in((in_shape)shape, RB_FIELD_TARGET, RB_FIELD_NUMBER), report, 0,
                "rules/test.rubric:3:1: error: cannot compare number with text (in 合计) [report golden-small]");
    }
  } else {
    fprintf(stderr, "  %s\n", report ? err.message : "out of memory");
  }
  rb_report_free(report);
  return check_done();
}
