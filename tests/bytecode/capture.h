/*
** capture.h — run a printing function into a string (via tmpfile, which is
** standard C), and read files, for the bytecode tests.
*/
#ifndef RUBRIC_TEST_CAPTURE_H
#define RUBRIC_TEST_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>

/* The whole content of an open stream from its start, NUL-terminated;
** the caller frees it. */
static inline char *capture_stream(FILE *f, size_t *len_out) {
  if (fseek(f, 0, SEEK_END) != 0) return NULL;
  long size = ftell(f);
  if (size < 0 || fseek(f, 0, SEEK_SET) != 0) return NULL;
  char *text = malloc((size_t)size + 1);
  if (!text) return NULL;
  size_t got = fread(text, 1, (size_t)size, f);
  text[got] = '\0';
  if (len_out) *len_out = got;
  return text;
}

/* The text of a file, or NULL. */
static inline char *read_text_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *text = capture_stream(f, NULL);
  fclose(f);
  return text;
}

#endif
