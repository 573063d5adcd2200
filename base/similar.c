/*
** similar.c — edit distances for "did you mean" hints (similar.h).
*/
#include "base/similar.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
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

static uint64_t char_set(const int32_t *a, int n) {
  uint64_t set = 0;
  for (int i = 0; i < n; i++) set |= char_bit(a[i]);
  return set;
}

/* The characters of a[0..n) whose bit is not in set: each is surely absent
** from the text whose bits set holds, so no edit script keeps it — it is
** replaced or deleted, one edit each — and this count is a lower bound of
** the distance between the two. */
static int absent_from(const int32_t *a, int n, uint64_t set) {
  int absent = 0;
  for (int i = 0; i < n; i++) absent += !(set & char_bit(a[i]));
  return absent;
}

/* A search for the candidate closest to one name, candidate by candidate:
** the first closest within the limit so far. */
typedef struct search {
  int32_t chars[MAX_CHARS];
  int count;          /* the name's characters; -1: too long to compare */
  uint64_t set;       /* char_set of them */
  int best_d;         /* a candidate must come closer than this to count */
  const char *best;
} search;

static void search_start(search *s, const char *name) {
  s->count = utf8_chars(name, s->chars, MAX_CHARS);
  s->set = s->count < 0 ? 0 : char_set(s->chars, s->count);
  s->best_d = limit_for(s->count) + 1; /* only a distance within the limit counts */
  s->best = NULL;
}

/* Weigh the candidate text of characters cc[0..nc) (their char_set in
** set); false when it equals the name, and nothing is to be suggested. */
static bool search_weigh(search *s, const char *text, const int32_t *cc, int nc, uint64_t set) {
  int bound = s->best_d - 1;
  if ((s->count > nc ? s->count - nc : nc - s->count) > bound) return true;
  /* Characters of either that the other surely lacks (absent_from). */
  if (absent_from(s->chars, s->count, set) > bound || absent_from(cc, nc, s->set) > bound) return true;
  int d = distance_within(s->chars, s->count, cc, nc, bound);
  if (d < s->best_d) {
    s->best_d = d, s->best = text;
    /* A candidate equal to name: nothing is suggested, whatever else is close. */
    if (d == 0) return false;
  }
  return true;
}

/* As rb_edit_distance against every candidate, keeping the first closest,
** but name is decoded once and a candidate is given up as soon as it cannot
** beat the best so far within the limit: the same answer, found with a
** fraction of the work (a batch asks this for every unread fact of every
** report). */
const char *rb_closest_name(const char *name, const char *const *candidates, size_t count) {
  search s;
  search_start(&s, name);
  if (s.count < 0) return NULL; /* too long to compare: every distance is 1000 */
  int32_t cc[MAX_CHARS];
  for (size_t i = 0; i < count; i++) {
    if (!candidates[i]) continue;
    /* Before decoding: a candidate has at least a quarter as many
    ** characters as bytes (none takes more than four), at least as many as
    ** bytes that begin one (each starts a character of its own, decoded or
    ** malformed) and at most as many as bytes; one whose count is surely
    ** farther from name's than the best distance left cannot come closer.
    ** The byte length alone rules out most candidates far longer. */
    const unsigned char *c = (const unsigned char *)candidates[i];
    size_t bytes = strlen(candidates[i]), starts = 0;
    size_t bound = (size_t)(s.best_d - 1);
    if ((bytes + 3) / 4 > (size_t)s.count + bound || bytes + bound < (size_t)s.count) continue;
    for (size_t k = 0; k < bytes; k++) starts += (c[k] & 0xC0) != 0x80;
    if (starts > (size_t)s.count + bound) continue;
    int nc = utf8_chars(candidates[i], cc, MAX_CHARS);
    if (nc < 0) continue;
    if (!search_weigh(&s, candidates[i], cc, nc, char_set(cc, nc))) return NULL;
  }
  return s.best;
}

/* A list decoded once (similar.h): each name's characters, its count (-1:
** too long, or NULL) and char_set. */
typedef struct prepared {
  const char *text;
  const int32_t *chars;
  int count;
  uint64_t set;
} prepared;

struct rb_name_list {
  size_t count;
  prepared *names;
  int32_t *chars;
};

rb_name_list *rb_name_list_new(const char *const *names, size_t count) {
  rb_name_list *l = calloc(1, sizeof *l);
  if (!l) return NULL;
  l->count = count;
  l->names = calloc(count ? count : 1, sizeof *l->names);
  if (!l->names) {
    rb_name_list_free(l);
    return NULL;
  }
  /* Decoded twice: to count the characters, then into one block. */
  int32_t one[MAX_CHARS];
  size_t total = 0;
  for (size_t i = 0; i < count; i++) {
    l->names[i].text = names[i];
    l->names[i].count = names[i] ? utf8_chars(names[i], one, MAX_CHARS) : -1;
    if (l->names[i].count > 0) total += (size_t)l->names[i].count;
  }
  l->chars = malloc((total ? total : 1) * sizeof *l->chars);
  if (!l->chars) {
    rb_name_list_free(l);
    return NULL;
  }
  int32_t *at = l->chars;
  for (size_t i = 0; i < count; i++) {
    prepared *p = &l->names[i];
    if (p->count < 0) continue;
    utf8_chars(p->text, at, p->count);
    p->chars = at;
    p->set = char_set(at, p->count);
    at += p->count;
  }
  return l;
}

void rb_name_list_free(rb_name_list *l) {
  if (!l) return;
  free(l->names);
  free(l->chars);
  free(l);
}

const char *rb_closest_in_list(const char *name, const rb_name_list *l) {
  search s;
  search_start(&s, name);
  if (s.count < 0) return NULL;
  for (size_t i = 0; i < l->count; i++) {
    const prepared *p = &l->names[i];
    if (p->count < 0) continue;
    if (!search_weigh(&s, p->text, p->chars, p->count, p->set)) return NULL;
  }
  return s.best;
}
