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

typedef struct rb_arena_block rb_arena_block;

typedef struct rb_arena {
  rb_arena_block *head;   /* block being filled */
  rb_arena_block *spare;  /* blocks kept by rb_arena_reset for reuse */
} rb_arena;

/* An empty arena; needs no allocation until first use. */
void rb_arena_init(rb_arena *a);
/* size bytes aligned for any type, or NULL when out of memory. */
void *rb_arena_alloc(rb_arena *a, size_t size);
/* Same, zero-filled. */
void *rb_arena_calloc(rb_arena *a, size_t count, size_t size);
/* A NUL-terminated copy of len bytes of s. */
char *rb_arena_strndup(rb_arena *a, const char *s, size_t len);
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
