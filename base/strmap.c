/*
** strmap.c — a map from names to pointers, by hash (strmap.h).
*/
#include "base/strmap.h"

#include <stdlib.h>
#include <string.h>

#include "base/hash.h"

static uint32_t slot_of(const rb_strmap *m, const char *key) {
  uint32_t mask = m->cap - 1, b = (uint32_t)rb_hash_bytes(RB_HASH_SEED, key, strlen(key)) & mask;
  while (m->keys[b] && strcmp(m->keys[b], key) != 0) b = (b + 1) & mask;
  return b;
}

void *rb_strmap_get(const rb_strmap *m, const char *key) {
  if (m->count == 0) return NULL;
  uint32_t b = slot_of(m, key);
  return m->keys[b] ? m->values[b] : NULL;
}

/* Double the table (or make the first one) and put every key back. */
static bool grow(rb_strmap *m) {
  uint32_t cap = m->cap ? m->cap * 2 : 16;
  if (cap < m->cap) return false;
  rb_strmap bigger = {calloc(cap, sizeof *bigger.keys), calloc(cap, sizeof *bigger.values), m->count, cap};
  if (!bigger.keys || !bigger.values) {
    free(bigger.keys);
    free(bigger.values);
    return false;
  }
  for (uint32_t i = 0; i < m->cap; i++) {
    if (!m->keys[i]) continue;
    uint32_t b = slot_of(&bigger, m->keys[i]);
    bigger.keys[b] = m->keys[i];
    bigger.values[b] = m->values[i];
  }
  rb_strmap_free(m);
  *m = bigger;
  return true;
}

bool rb_strmap_put(rb_strmap *m, const char *key, void *value, void **first) {
  if (first) *first = NULL;
  if ((m->count + 1) * 2 > m->cap && !grow(m)) return false;
  uint32_t b = slot_of(m, key);
  if (m->keys[b]) {
    if (first) *first = m->values[b];
    return true;
  }
  m->keys[b] = key;
  m->values[b] = value;
  m->count++;
  return true;
}

void rb_strmap_free(rb_strmap *m) {
  free(m->keys);
  free(m->values);
  m->keys = NULL;
  m->values = NULL;
  m->count = m->cap = 0;
}
