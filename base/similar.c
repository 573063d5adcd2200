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

/* The Levenshtein distance between ca[0..na) and cb[0..nb), one row at a
** time; or, as soon as it is sure to be above bound, bound + 1 without
** finishing (the lengths differ by more, or every cell of a row is above
** it: cells never decrease down the table). */
static int distance_within(const int32_t *ca, int na, const int32_t *cb, int nb, int bound) {
  if ((na > nb ? na - nb : nb - na) > bound) return bound + 1;
  int row[MAX_CHARS + 1];
  for (int j = 0; j <= nb; j++) row[j] = j;
  for (int i = 1; i <= na; i++) {
    int diag = row[0];
    int lowest = row[0] = i;
    for (int j = 1; j <= nb; j++) {
      int up = row[j];
      int best = diag + (ca[i - 1] != cb[j - 1]);
      if (up + 1 < best) best = up + 1;
      if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
      row[j] = best;
      if (best < lowest) lowest = best;
      diag = up;
    }
    if (lowest > bound) return bound + 1;
  }
  return row[nb];
}

/* Levenshtein distance over characters (similar.h). */
int rb_edit_distance(const char *a, const char *b) {
  int32_t ca[MAX_CHARS], cb[MAX_CHARS];
  int na = utf8_chars(a, ca, MAX_CHARS), nb = utf8_chars(b, cb, MAX_CHARS);
  if (na < 0 || nb < 0) return 1000;
  return distance_within(ca, na, cb, nb, MAX_CHARS); /* never above MAX_CHARS */
}

static int limit_for(int chars) { return chars <= 1 ? 0 : chars <= 4 ? 1 : chars <= 8 ? 2 : 3; }

int rb_suggest_limit(const char *name) {
  int32_t chars[MAX_CHARS];
  int len = utf8_chars(name, chars, MAX_CHARS);
  return limit_for(len < 0 ? MAX_CHARS : len);
}

/* One of 64 bits for the character c: a set of characters as a word. */
static uint64_t char_bit(int32_t c) { return UINT64_C(1) << (((uint32_t)c * UINT32_C(0x9E3779B1)) >> 26); }

/* The characters of a[0..n) whose bit is not in set: each is surely absent
** from the text whose bits set holds, so no edit script keeps it — it is
** replaced or deleted, one edit each — and this count is a lower bound of
** the distance between the two. */
static int absent_from(const int32_t *a, int n, uint64_t set) {
  int absent = 0;
  for (int i = 0; i < n; i++) absent += !(set & char_bit(a[i]));
  return absent;
}

/* As rb_edit_distance against every candidate, keeping the first closest,
** but name is decoded once and a candidate is given up as soon as it cannot
** beat the best so far within the limit: the same answer, found with a
** fraction of the work (a batch asks this for every unread fact of every
** report). */
const char *rb_closest_name(const char *name, const char *const *candidates, size_t count) {
  int32_t cn[MAX_CHARS], cc[MAX_CHARS];
  int nn = utf8_chars(name, cn, MAX_CHARS);
  if (nn < 0) return NULL; /* too long to compare: every distance is 1000 */
  const char *best = NULL;
  int best_d = limit_for(nn) + 1; /* only a distance within the limit counts */
  uint64_t name_set = 0;
  for (int i = 0; i < nn; i++) name_set |= char_bit(cn[i]);
  for (size_t i = 0; i < count; i++) {
    if (!candidates[i]) continue;
    /* Before decoding: a candidate has at least as many characters as
    ** bytes that begin one (each starts a character of its own, decoded or
    ** malformed) and at most as many as bytes; one whose count is surely
    ** farther from name's than the best distance left cannot come closer. */
    const unsigned char *c = (const unsigned char *)candidates[i];
    size_t bytes = strlen(candidates[i]), starts = 0;
    for (size_t k = 0; k < bytes; k++) starts += (c[k] & 0xC0) != 0x80;
    if (starts > (size_t)nn + (size_t)(best_d - 1) || bytes + (size_t)(best_d - 1) < (size_t)nn) continue;
    int nc = utf8_chars(candidates[i], cc, MAX_CHARS);
    if (nc < 0) continue;
    /* Characters of either that the other surely lacks (absent_from). */
    uint64_t cand_set = 0;
    for (int k = 0; k < nc; k++) cand_set |= char_bit(cc[k]);
    if (absent_from(cn, nn, cand_set) > best_d - 1 || absent_from(cc, nc, name_set) > best_d - 1) continue;
    int d = distance_within(cn, nn, cc, nc, best_d - 1);
    if (d < best_d) {
      best_d = d, best = candidates[i];
      /* A candidate equal to name: nothing is suggested, whatever else is close. */
      if (d == 0) return NULL;
    }
  }
  return best;
}
