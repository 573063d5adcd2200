/*
** arena.c — bump allocator (see arena.h).
*/
#include "base/arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Blocks are at least this large; bigger requests get a block of their own. */
enum { ARENA_BLOCK_MIN = 16 * 1024 };

struct rb_arena_block {
  rb_arena_block *next;
  size_t size; /* usable bytes after the header */
  size_t used;
  alignas(max_align_t) unsigned char data[];
};

void rb_arena_init(rb_arena *a) {
  a->head = NULL;
  a->spare = NULL;
}

/* Take a block with at least `need` free bytes: a spare one if it is big
** enough, else a new one. */
static rb_arena_block *arena_new_block(rb_arena *a, size_t need) {
  rb_arena_block **link = &a->spare;
  while (*link) {
    if ((*link)->size >= need) {
      rb_arena_block *b = *link;
      *link = b->next;
      b->used = 0;
      return b;
    }
    link = &(*link)->next;
  }
  size_t size = need < ARENA_BLOCK_MIN ? ARENA_BLOCK_MIN : need;
  rb_arena_block *b = malloc(sizeof *b + size);
  if (!b) return NULL;
  b->size = size;
  b->used = 0;
  return b;
}

void *rb_arena_alloc(rb_arena *a, size_t size) {
  const size_t align = alignof(max_align_t);
  size = (size + align - 1) & ~(align - 1);
  if (size == 0) size = align;
  rb_arena_block *b = a->head;
  if (!b || b->size - b->used < size) {
    b = arena_new_block(a, size);
    if (!b) return NULL;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += size;
  return p;
}

void *rb_arena_calloc(rb_arena *a, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  void *p = rb_arena_alloc(a, count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

char *rb_arena_strndup(rb_arena *a, const char *s, size_t len) {
  char *p = rb_arena_alloc(a, len + 1);
  if (!p) return NULL;
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}

char *rb_arena_strdup(rb_arena *a, const char *s) {
  return rb_arena_strndup(a, s, strlen(s));
}

void rb_arena_reset(rb_arena *a) {
  while (a->head) {
    rb_arena_block *b = a->head;
    a->head = b->next;
    b->next = a->spare;
    a->spare = b;
  }
}

void rb_arena_free(rb_arena *a) {
  rb_arena_reset(a);
  while (a->spare) {
    rb_arena_block *b = a->spare;
    a->spare = b->next;
    free(b);
  }
}

char *rb_arena_vprintf(rb_arena *a, const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, again);
  va_end(again);
  char *out = n < 0 ? NULL : rb_arena_alloc(a, (size_t)n + 1);
  if (out) vsnprintf(out, (size_t)n + 1, fmt, ap);
  return out;
}
