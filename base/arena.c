/*
** arena.c — bump allocator (see arena.h).
**
** Each new block is twice the size of the one before, from 16 KiB up to
** 4 MiB: a report's arena stays in a few small blocks, while the compiler's
** (a 100,000-line rubric puts 50 MiB of syntax tree in it) takes few
** allocations.  Blocks of 2 MiB and more are placed on 2 MiB boundaries and,
** where the system has transparent huge pages, marked for them
** (MADV_HUGEPAGE): the kernel then maps such a block a 2 MiB page at a time
** instead of 4 KiB at a time, and the page faults of filling it — a third
** of the time of compiling a large rubric — nearly vanish.
*/
#define _DEFAULT_SOURCE /* madvise, MADV_HUGEPAGE, posix_memalign */
#include "base/arena.h"

#include <assert.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

/* The size of the first block, and the most a block grows to; a request
** larger than that gets a block of its own size. */
enum { ARENA_BLOCK_MIN = 16 * 1024, ARENA_BLOCK_MAX = 4 * 1024 * 1024 };
/* Blocks this large are aligned for huge pages. */
enum { ARENA_HUGE = 2 * 1024 * 1024 };

struct rb_arena_block {
  rb_arena_block *next;
  size_t size; /* usable bytes after the header */
  alignas(max_align_t) unsigned char data[];
};

static_assert(RB_ARENA_ALIGN == alignof(max_align_t), "arena.h's alignment is max_align_t's");

void rb_arena_init(rb_arena *a) {
  a->head = NULL;
  a->spare = NULL;
  a->cur = a->end = NULL;
}

/* Take a block with at least `need` free bytes: a spare one if it is big
** enough, else a new one. */
static rb_arena_block *arena_new_block(rb_arena *a, size_t need) {
  rb_arena_block **link = &a->spare;
  while (*link) {
    if ((*link)->size >= need) {
      rb_arena_block *b = *link;
      *link = b->next;
      return b;
    }
    link = &(*link)->next;
  }
  size_t size = ARENA_BLOCK_MIN;
  if (a->head && a->head->size < ARENA_BLOCK_MAX) size = a->head->size * 2;
  else if (a->head) size = ARENA_BLOCK_MAX;
  if (size > ARENA_BLOCK_MAX) size = ARENA_BLOCK_MAX;
  if (size < need) size = need;
  rb_arena_block *b = NULL;
  if (sizeof *b + size >= ARENA_HUGE) {
    void *p = NULL;
    if (posix_memalign(&p, ARENA_HUGE, sizeof *b + size) != 0) return NULL;
    b = p;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    /* Advice only: without huge pages the block is used as it is. */
    (void)madvise(p, (sizeof *b + size) & ~(size_t)(ARENA_HUGE - 1), MADV_HUGEPAGE);
#endif
  } else {
    b = malloc(sizeof *b + size);
    if (!b) return NULL;
  }
  b->size = size;
  return b;
}

/* size bytes at a multiple of align in the current block, or in a new one
** (arena.h's inline allocators call this when the current block has no
** room). */
void *rb_arena_take(rb_arena *a, size_t size, size_t align) {
  uintptr_t at = ((uintptr_t)a->cur + align - 1) & ~(uintptr_t)(align - 1);
  if (a->cur && at <= (uintptr_t)a->end && (uintptr_t)a->end - at >= size) {
    a->cur = (unsigned char *)at + size;
    return (void *)at;
  }
  rb_arena_block *b = arena_new_block(a, size);
  if (!b) return NULL;
  b->next = a->head;
  a->head = b;
  a->cur = b->data + size;
  a->end = b->data + b->size;
  return b->data;
}

void *rb_arena_calloc(rb_arena *a, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return NULL;
  void *p = rb_arena_alloc(a, count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

/* Text needs no alignment (rb_arena_strndup): a name of a few bytes takes a
** few bytes, not 16 (a large rubric has a million of them). */
char *rb_arena_strdup(rb_arena *a, const char *s) {
  return rb_arena_strndup(a, s, strlen(s));
}

void rb_arena_reset(rb_arena *a) {
  a->cur = a->end = NULL;
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
