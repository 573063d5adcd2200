/*
** rbc_input.h — what the .rbc harnesses (tests/bytecode/fuzz_rbc.c,
** tests/fuzz/fuzz_rbc_run.c) do to an input before loading it.
**
** The CRC-32 of a .rbc file would stop almost every mutated input at the
** envelope, so the harnesses recompute it over the mutated bytes: the
** fuzzer then reaches the structural checks, the verifier and, for inputs
** the verifier accepts, the VM.  The checksum is the IEEE one of
** docs/rbc-format.md, over bytes 12 to the end, stored at offset 8.
*/
#ifndef RUBRIC_TEST_FUZZ_RBC_INPUT_H
#define RUBRIC_TEST_FUZZ_RBC_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The CRC-32 (reflected polynomial 0xEDB88320) of len bytes, bit by bit:
** slow, but independent of the loader's table-driven one. */
static inline uint32_t fuzz_crc32(const uint8_t *bytes, size_t len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= bytes[i];
    for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

/* A copy of the size input bytes (malloc'd; NULL when out of memory) whose
** checksum field, when the input is long enough to have one, holds the
** checksum of what follows it. */
static inline uint8_t *fuzz_rbc_image(const uint8_t *data, size_t size) {
  uint8_t *image = malloc(size ? size : 1);
  if (!image) return NULL;
  if (size) memcpy(image, data, size);
  if (size >= 12) {
    uint32_t crc = fuzz_crc32(image + 12, size - 12);
    for (int i = 0; i < 4; i++) image[8 + i] = (uint8_t)(crc >> (8 * i));
  }
  return image;
}

#endif /* RUBRIC_TEST_FUZZ_RBC_INPUT_H */
