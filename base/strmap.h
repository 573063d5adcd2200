/*
** strmap.h — a map from NUL-terminated names to pointers, by hash.
**
** For the compiler's name tables, where a rubric of 100,000 items must not
** cost 100,000² comparisons: the globals the checker declares, the names
** of one section's children.  Keys are not copied (they live in the
** compiler's arena); a key put twice keeps its first value, which is what
** "declared twice, first declared here" needs.  Open addressing, linear
** probing, at most half full.
*/
#ifndef RUBRIC_STRMAP_H
#define RUBRIC_STRMAP_H

#include <stdbool.h>
#include <stdint.h>

typedef struct rb_strmap {
  const char **keys; /* NULL: an empty slot */
  void **values;
  uint32_t count, cap; /* cap is 0 or a power of two */
} rb_strmap;

/* The value put for key, or NULL. */
void *rb_strmap_get(const rb_strmap *m, const char *key);

/* Put key → value unless key is there already; *first (when not NULL) is
** the value already there, or NULL.  False only when out of memory. */
bool rb_strmap_put(rb_strmap *m, const char *key, void *value, void **first);

void rb_strmap_free(rb_strmap *m);

#endif /* RUBRIC_STRMAP_H */
