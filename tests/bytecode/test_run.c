/*
** test_run.c — hand-built programs run on the VM: a loop in the shape the
** compiler emits (ITER_NEXT_SET, FIELD_LOCAL) and the same loop written with
** the pairs those instructions stand for (ITER_NEXT then SET_LOCAL,
** GET_LOCAL then FIELD), which .rbc files may hold and the VM still runs.
** Both must give the same score, and fail with the same message at the same
** place, also when a hand-made program iterates without ITER_START.  The
** report is tests/golden/reports/small.json: four indicator rows with self
** scores 10, 9, 8 and 10.
*/
#include "check.h"
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

int main(void) {
  rb_report *report = rb_report_new();
  rb_report_error err;
  bool read = report && rb_report_read_file(report, "tests/golden/reports/small.json", &err);
  CHECK(read);
  if (read) {
    for (int fused = 0; fused <= 1; fused++) {
      check_run(sample_loop(fused, RB_FIELD_SELF_SCORE), report, 37, NULL); /* 10 + 9 + 8 + 10 */
      /* A row has no field planned: the error names the line of the field. */
      check_run(sample_loop(fused, RB_FIELD_PLANNED), report, 0,
                "rules/test.rubric:3:1: error: row has no field planned (in 合计) [report golden-small]");
      check_run(loop_without_start(fused), NULL, 0,
                "rules/test.rubric:2:1: error: the iteration's position is not a number: no ITER_START began "
                "this iteration");
    }
  } else {
    fprintf(stderr, "  %s\n", report ? err.message : "out of memory");
  }
  rb_report_free(report);
  return check_done();
}
