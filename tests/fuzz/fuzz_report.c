/*
** fuzz_report.c — libFuzzer harness for the report readers: any bytes, read
** both as a JSON report and as a CSV indicator table, must be read or
** refused with a message, and a report that is read must score with the
** 20/40/40 rubric without crashing.  JSON is read first by simdjson
** (report_simd.cpp), which must read nothing the events reader (yajl) would
** read otherwise or give up on.
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
#include <string.h>

#include "compiler/compile.h"
#include "report/report.h"
#include "report/report_private.h"
#include "report/report_simd.h"
#include "tests/report/report_dump.h"
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

/* What the simdjson reader reads (report_simd.cpp), from a buffer with its
** padding as batch gives it, the events reader must read the same, field
** by field: both give up on whatever the tree walk refuses or notes, and
** the events reader is checked against the walk (test_json_events). */
static void simd_against_events(const uint8_t *data, size_t size) {
  rb_report *r = rb_report_new();
  char *padded = malloc(size + RB_REPORT_JSON_PADDING);
  if (!r || !padded) abort();
  memcpy(padded, data, size);
  memset(padded + size, '"', RB_REPORT_JSON_PADDING); /* any bytes at all */
  size_t bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (!rb_report_begin(r, "fuzz.json", 0)) abort();
  if (rb_report_read_simd(r, padded + bom, size - bom, size - bom + RB_REPORT_JSON_PADDING)) {
    char *simd = strdup(dump(r));
    if (!simd || !rb_report_begin(r, "fuzz.json", 0)) abort();
    rb_decoded use;
    rb_report_text kind = rb_report_decode(r, (const char *)data, size, &use);
    bool events = (kind == RB_TEXT_UTF8 || kind == RB_TEXT_CONVERTED) &&
                  rb_report_read_events(r, use.text, use.len, use.first_bad);
    free(use.owned);
    if (!events || strcmp(dump(r), simd) != 0) {
      fprintf(stderr, "fuzz_report: the simdjson reader read what the events reader %s\n",
              events ? "read otherwise" : "gave up on");
      abort();
    }
    free(simd);
  }
  free(padded);
  rb_report_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  simd_against_events(data, size);
  read_and_score(data, size, false);
  read_and_score(data, size, true);
  return 0;
}
