/*
** notation_tests.h — what test_notation.c and test_notation_reader.c share:
** reading the escaped input column of cases.tsv, and a fixed random
** sequence for generated texts.
*/
#ifndef RUBRIC_NOTATION_TESTS_H
#define RUBRIC_NOTATION_TESTS_H

#include <stddef.h>
#include <stdint.h>

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Undo the input column's escapes (\n \t \\ \xHH) into out; returns the
** length, which may include NULs. */
static size_t unescape(const char *s, size_t n, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] != '\\' || i + 1 >= n) {
      out[o++] = s[i];
      continue;
    }
    char e = s[++i];
    if (e == 'n') out[o++] = '\n';
    else if (e == 't') out[o++] = '\t';
    else if (e == 'x' && i + 2 < n && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out[o++] = (char)(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else out[o++] = e; /* \\ and anything else: the character itself */
  }
  return o;
}

/* xorshift64*: a fixed, portable sequence. */
static uint64_t next_random(uint64_t *state) {
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

#endif /* RUBRIC_NOTATION_TESTS_H */
