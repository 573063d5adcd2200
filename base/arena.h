/*
** arena.h — bump allocation for things that live exactly as long as one run.
**
** A report's strings and measures, a compiler's AST, a VM run's results: each
** is allocated from an arena and released at once with rb_arena_reset or
** rb_arena_free.  No per-object free, no leaks to chase, and the batch path
** reuses the same blocks report after report without calling malloc.
*/
#ifndef RUBRIC_ARENA_H
#define RUBRIC_ARENA_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct rb_arena_block rb_arena_block;

typedef struct rb_arena {
  rb_arena_block *head;   /* block being filled */
  rb_arena_block *spare;  /* blocks kept by rb_arena_reset for reuse */
  /* The free part of head: [cur, end).  Both NULL before the first block.
  ** Read by the inline allocators below, which take from it without a
  ** call; only a new block goes through rb_arena_take. */
  unsigned char *cur, *end;
} rb_arena;

/* The alignment of rb_arena_alloc: that of max_align_t (checked in
** arena.c), written out so that C++ sees the same inline functions. */
#define RB_ARENA_ALIGN 16

/* An empty arena; needs no allocation until first use. */
void rb_arena_init(rb_arena *a);
/* size bytes at a multiple of align (a power of two) in a new block: the
** slow path of the allocators below. */
void *rb_arena_take(rb_arena *a, size_t size, size_t align);

/* size bytes aligned for any type, or NULL when out of memory. */
static inline void *rb_arena_alloc(rb_arena *a, size_t size) {
  size = (size + RB_ARENA_ALIGN - 1) & ~(size_t)(RB_ARENA_ALIGN - 1);
  if (size == 0) size = RB_ARENA_ALIGN;
  uintptr_t at = ((uintptr_t)a->cur + RB_ARENA_ALIGN - 1) & ~(uintptr_t)(RB_ARENA_ALIGN - 1);
  if (a->cur && at <= (uintptr_t)a->end && (uintptr_t)a->end - at >= size) {
    a->cur = (unsigned char *)at + size;
    return (void *)at;
  }
  return rb_arena_take(a, size, RB_ARENA_ALIGN);
}
/* Same, zero-filled. */
void *rb_arena_calloc(rb_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of len bytes of s. */
static inline char *rb_arena_strndup(rb_arena *a, const char *s, size_t len) {
  char *p;
  if (a->cur && (size_t)(a->end - a->cur) > len) {
    p = (char *)a->cur;
    a->cur += len + 1;
  } else if (!(p = (char *)rb_arena_take(a, len + 1, 1))) {
    return NULL;
  }
  memcpy(p, s, len);
  p[len] = '\0';
  return p;
}
char *rb_arena_strdup(rb_arena *a, const char *s);
/* A string formatted as by vsnprintf, in the arena; NULL when out of memory
** (or for a format vsnprintf refuses).  ap is used, not ended. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
char *rb_arena_vprintf(rb_arena *a, const char *fmt, va_list ap);
/* Forget everything allocated; keep the memory for reuse. */
void rb_arena_reset(rb_arena *a);
/* Return all memory to the system. */
void rb_arena_free(rb_arena *a);

#endif /* RUBRIC_ARENA_H */
