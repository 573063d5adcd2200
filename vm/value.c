/*
** value.c — names of value types and units (see value.h).
*/
#include "vm/value.h"

#include <stddef.h>

static const char *const vtype_names[] = {
#define X(name, text) text,
  RB_VALUE_TYPES(X)
#undef X
};

static const char *const unit_names[] = {
#define X(name, text) text,
  RB_UNITS(X)
#undef X
};

/* The name of a value type ("number", "row"...); "?" for a value outside
** the table, so that a corrupt tag still prints. */
const char *rb_vtype_name(rb_vtype t) {
  if ((unsigned)t >= RB_V_COUNT) return "?";
  return vtype_names[t];
}

/* The name of a unit ("percent"); "?" outside the table. */
const char *rb_unit_name(rb_unit u) {
  if ((unsigned)u >= RB_UNIT_COUNT) return "?";
  return unit_names[u];
}
