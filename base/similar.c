/*
** similar.c — edit distances for "did you mean" hints (similar.h).
*/
#include "base/similar.h"

#include <stdint.h>
#include <string.h>

#include "base/utf8.h"

enum { MAX_CHARS = 64 };

/* Decode up to max characters of s into out; -1 when s has more. */
static int utf8_chars(const char *s, int32_t *out, int max) {
  size_t len = strlen(s), i = 0;
  int n = 0;
  while (i < len) {
    if (n == max) return -1;
    out[n++] = rb_utf8_next(s, len, &i);
  }
  return n;
}

/* Levenshtein distance over characters, one row at a time (similar.h). */
int rb_edit_distance(const char *a, const char *b) {
  int32_t ca[MAX_CHARS], cb[MAX_CHARS];
  int na = utf8_chars(a, ca, MAX_CHARS), nb = utf8_chars(b, cb, MAX_CHARS);
  if (na < 0 || nb < 0) return 1000;
  int row[MAX_CHARS + 1];
  for (int j = 0; j <= nb; j++) row[j] = j;
  for (int i = 1; i <= na; i++) {
    int diag = row[0];
    row[0] = i;
    for (int j = 1; j <= nb; j++) {
      int up = row[j];
      int best = diag + (ca[i - 1] != cb[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[nb];
}

int rb_suggest_limit(const char *name) {
  int32_t chars[MAX_CHARS];
  int len = utf8_chars(name, chars, MAX_CHARS);
  if (len < 0) len = MAX_CHARS;
  return len <= 1 ? 0 : len <= 4 ? 1 : len <= 8 ? 2 : 3;
}

const char *rb_closest_name(const char *name, const char *const *candidates, size_t count) {
  const char *best = NULL;
  int best_d = 1000;
  for (size_t i = 0; i < count; i++) {
    if (!candidates[i]) continue;
    int d = rb_edit_distance(name, candidates[i]);
    if (d < best_d) best_d = d, best = candidates[i];
  }
  return best_d <= rb_suggest_limit(name) && best_d > 0 ? best : NULL;
}
