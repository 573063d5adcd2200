/*
** test_run.c — hand-built programs run on the VM: a loop in the shape the
** compiler emits (ITER_NEXT_SET, FIELD_LOCAL) and the same loop written with
** the pairs those instructions stand for (ITER_NEXT then SET_LOCAL,
** GET_LOCAL then FIELD), which .rbc files may hold and the VM still runs.
** Both must give the same score, and fail with the same message at the same
** place.  The report is tests/golden/reports/small.json: four indicator
** rows with self scores 10, 9, 8 and 10.
*/
#include "check.h"
#include "report/report.h"
#include "tests/bytecode/sample_programs.h"
#include "vm/vm.h"

/* Run sample_loop(fused, field) on the report into out, and check the
** outcome: ok, and a total of 37 (10 + 9 + 8 + 10), or the failure `error`.
** The result refers to the program's names, so the program is freed only
** after the checks. */
static void check_loop(bool fused, rb_field field, const rb_report *report, const char *error) {
  rb_program *p = sample_loop(fused, field);
  rb_result *out = rb_result_new();
  char err[256] = "";
  bool ok = rb_program_verify(p, err, sizeof err) && rb_program_size_stacks(p, err, sizeof err);
  if (!ok) fprintf(stderr, "  %s\n", err);
  rb_vm *vm = ok ? rb_vm_new(p) : NULL;
  CHECK(out && vm);
  if (out && vm) {
    bool ran = rb_vm_run(vm, report, out);
    if (!error) {
      CHECK(ran && rb_num_cmp(out->total, rb_num_int(37)) == 0);
      if (!ran) fprintf(stderr, "  fused %d: %s\n", fused, out->error);
    } else {
      CHECK(!ran);
      CHECK_STR(out->error, error);
    }
  }
  rb_vm_free(vm);
  rb_result_free(out);
  rb_program_free(p);
}

int main(void) {
  rb_report *report = rb_report_new();
  rb_report_error err;
  bool read = report && rb_report_read_file(report, "tests/golden/reports/small.json", &err);
  CHECK(read);
  if (read) {
    for (int fused = 0; fused <= 1; fused++) {
      check_loop(fused, RB_FIELD_SELF_SCORE, report, NULL);
      /* A row has no field planned: the error names the line of the field. */
      check_loop(fused, RB_FIELD_PLANNED, report,
                 "rules/test.rubric:3:1: error: row has no field planned (in 合计) [report golden-small]");
    }
  } else {
    fprintf(stderr, "  %s\n", report ? err.message : "out of memory");
  }
  rb_report_free(report);
  return check_done();
}
