/*
** fuzz_notation.c — libFuzzer harness for the value notation scanner: any
** bytes read as a target or actual give a measure, never a crash.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run: build/tests/fuzz/fuzz_notation -max_total_time=60
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report/notation.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rb_numctx *cx = rb_numctx_new();
  rb_arena a;
  rb_arena_init(&a);
  rb_measure m;
  if (cx && rb_notation_read(cx, &a, (const char *)data, size, 2024, &m)) {
    FILE *devnull = fopen("/dev/null", "w");
    if (devnull) {
      rb_measure_write_json(devnull, &m);
      fclose(devnull);
    }
  }
  rb_arena_free(&a);
  rb_numctx_free(cx);
  return 0;
}
