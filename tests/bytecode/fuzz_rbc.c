/*
** fuzz_rbc.c — libFuzzer harness for the .rbc loader and verifier.
**
** Not part of the CTest suite (it needs clang's libFuzzer).  Build and run:
**
**   clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -I. \
**     tests/bytecode/fuzz_rbc.c vm/program.c vm/rbc.c vm/builtin_table.c \
**     vm/disasm.c vm/num.c vm/value.c vm/arena.c -lgmp -o fuzz_rbc
**   ./fuzz_rbc -max_total_time=60
**
** The checksum would stop almost every input at the envelope, so the
** harness recomputes it: the fuzzer then exercises the structural checks
** and the verifier.  An accepted program must verify again and disassemble.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/disasm.h"
#include "vm/program.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t crc32_bitwise(const uint8_t *bytes, size_t len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= bytes[i];
    for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *image = malloc(size ? size : 1);
  if (!image) return 0;
  memcpy(image, data, size);
  if (size >= 76) {
    uint32_t crc = crc32_bitwise(image + 12, size - 12);
    for (int i = 0; i < 4; i++) image[8 + i] = (uint8_t)(crc >> (8 * i));
  }
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
