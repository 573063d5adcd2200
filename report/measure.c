/*
** measure.c — names of measure kinds and comparators (see measure.h).
**
** Both tables are derived from the X-macro lists in measure.h, so adding a
** kind or a comparator there is the only change needed here.
*/
#include "report/measure.h"

#include <stddef.h>

static const char *const measure_kind_names[] = {
#define X(name, text) text,
  RB_MEASURE_KINDS(X)
#undef X
};

static const char *const cmp_names[] = {
#define X(name, text) text,
  RB_CMPS(X)
#undef X
};

/* The name printed by `rubric value` and seen by rubrics as x.kind
** ("percent"); "?" for a value outside the table. */
const char *rb_measure_kind_name(rb_measure_kind kind) {
  if ((unsigned)kind >= RB_MK_COUNT) return "?";
  return measure_kind_names[kind];
}

/* The comparator as text (">=", "null" for none); "?" outside the table. */
const char *rb_cmp_name(rb_cmp cmp) {
  if ((unsigned)cmp >= RB_CMP_COUNT) return "?";
  return cmp_names[cmp];
}
