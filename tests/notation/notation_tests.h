/*
** cases_tsv.h — reading the input column of tests/notation/cases.tsv, shared
** by test_notation.c and test_notation_reader.c.
*/
#ifndef RUBRIC_TEST_CASES_TSV_H
#define RUBRIC_TEST_CASES_TSV_H

#include <stddef.h>

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

#endif /* RUBRIC_TEST_CASES_TSV_H */
