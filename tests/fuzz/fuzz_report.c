/*
** fuzz_report.c — libFuzzer harness for the report readers: any bytes as a
** JSON report or a CSV indicator table must be read or refused with a
** message, and a report that is read must score with the 20/40/40 rubric
** without crashing.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run from the project root:
**   build/tests/fuzz/fuzz_report -max_total_time=60
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "compiler/compile.h"
#include "report/report.h"
#include "vm/result.h"
#include "vm/vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rb_program *program;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!program) {
    rb_diags d;
    rb_diags_init(&d);
    program = rb_compile_file("rules/gd-project-20-40-40.rubric", &d);
    rb_diags_free(&d);
    if (!program) abort(); /* run from the project root */
  }
  rb_report *r = rb_report_new();
  rb_report_error err;
  bool csv = size > 0 && (data[0] & 1);
  bool ok = csv ? rb_report_read_csv(r, (const char *)data, size, "fuzz.csv", &err)
                : rb_report_read_json(r, (const char *)data, size, "fuzz.json", 0, &err);
  if (!ok && !err.message[0]) abort(); /* refused without saying why */
  if (ok) {
    rb_vm *vm = rb_vm_new(program);
    rb_result *res = rb_result_new();
    rb_vm_run(vm, r, res);
    rb_result_compare(res, rb_num_int(0));
    rb_result_free(res);
    rb_vm_free(vm);
  }
  rb_report_free(r);
  return 0;
}
