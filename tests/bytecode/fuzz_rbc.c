/*
** fuzz_rbc.c — libFuzzer harness for the .rbc loader and verifier.
**
** Not part of the CTest suite (it needs clang's libFuzzer): built with the
** others of tests/fuzz (-DRUBRIC_FUZZ=ON) and run by scripts/fuzz.sh, or
**
**   build-fuzz/tests/fuzz/fuzz_rbc -max_total_time=60 tests/fuzz/corpus/rbc
**
** The harness recomputes the checksum of each input (tests/fuzz/rbc_input.h),
** so the fuzzer exercises the structural checks and the verifier.  Every
** refusal must say why; an accepted program must verify again and
** disassemble.  Running what the verifier accepts is fuzz_rbc_run's part.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tests/fuzz/rbc_input.h"
#include "vm/disasm.h"
#include "vm/program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *image = fuzz_rbc_image(data, size);
  if (!image) return 0;
  char err[256];
  rb_program *p = rb_program_deserialize(image, size, err, sizeof err);
  if (p) {
    if (!rb_program_verify(p, err, sizeof err)) abort();
    FILE *sink = fopen("/dev/null", "w");
    if (sink) {
      rb_disasm(p, sink);
      fclose(sink);
    }
    rb_program_free(p);
  } else if (err[0] == '\0') {
    abort(); /* every refusal says why */
  }
  free(image);
  return 0;
}
