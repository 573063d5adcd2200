/*
** fuzz_report.c — libFuzzer harness for the report readers: any bytes, read
** both as a JSON report and as a CSV indicator table, must be read or
** refused with a message, and a report that is read must score with the
** 20/40/40 rubric without crashing.
**
** Every input goes through both readers rather than one chosen by a byte of
** the input: a choice by the first byte's parity sent every JSON seed, which
** begins with '{' (odd), to the CSV reader alone.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run by scripts/fuzz.sh, or
**   build-fuzz/tests/fuzz/fuzz_report -max_total_time=60 tests/fuzz/corpus/report
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "compiler/compile.h"
#include "report/report.h"
#include "vm/result.h"
#include "vm/vm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rb_program *program;
static rb_vm *vm;
static rb_result *result;

/* Compile the rubric once, from the source tree wherever the fuzzer runs. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  rb_diags d;
  rb_diags_init(&d);
  program = rb_compile_file(RUBRIC_SOURCE_DIR "/rules/gd-project-20-40-40.rubric", &d);
  rb_diags_free(&d);
  vm = program ? rb_vm_new(program) : NULL;
  result = rb_result_new();
  if (!vm || !result) {
    fprintf(stderr, "fuzz_report: cannot compile rules/gd-project-20-40-40.rubric\n");
    abort();
  }
  return 0;
}

/* Read the input with one reader; score what it reads. */
static void read_and_score(const uint8_t *data, size_t size, bool csv) {
  rb_report *r = rb_report_new();
  if (!r) abort();
  rb_report_error err;
  err.message[0] = '\0';
  bool ok = csv ? rb_report_read_csv(r, (const char *)data, size, "fuzz.csv", &err)
                : rb_report_read_json(r, (const char *)data, size, "fuzz.json", 0, &err);
  if (!ok && !err.message[0]) abort(); /* refused without saying why */
  if (ok) {
    bool ran = rb_vm_run(vm, r, result);
    if (!ran && !result->error[0]) abort(); /* a failed run says why */
    if (ran) rb_result_compare(result, rb_num_int(0));
  }
  rb_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  read_and_score(data, size, false);
  read_and_score(data, size, true);
  return 0;
}
