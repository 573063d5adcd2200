/*
** value.h — the values a rubric computes with.
**
** A value is a small tagged struct passed by copy.  Numbers are exact
** (num.h) and carry a unit tag so that a money amount and a percentage are
** never added by mistake; the compiler checks units statically and the VM
** checks them again at run time for values read from reports.  Everything a
** value points to (texts, measures, rows, lists) is owned by the program, the
** report or the run's arena, all of which outlive the value.
*/
#ifndef RUBRIC_VALUE_H
#define RUBRIC_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/date.h"
#include "base/num.h"
#include "report/measure.h"

struct rb_indicator;
struct rb_budget_line;

#define RB_VALUE_TYPES(X)                                                     \
  X(NIL, "nil")         /* a missing value a rubric chose to accept      */   \
  X(BOOL, "bool")                                                             \
  X(NUM, "number")      /* see rb_unit for money and percent            */   \
  X(TEXT, "text")                                                             \
  X(DATE, "date")       /* days since 1970-01-01                         */   \
  X(MEASURE, "value")   /* a target or actual read from notation text   */   \
  X(ROW, "row")         /* one indicator table row                      */   \
  X(LINE, "line")       /* one budget line                              */   \
  X(TABLE, "table")     /* the indicator table or the budget lines      */   \
  X(LIST, "list")       /* a list made by the VM (weights from SPLIT)   */

typedef enum rb_vtype {
#define X(name, text) RB_V_##name,
  RB_VALUE_TYPES(X)
#undef X
  RB_V_COUNT
} rb_vtype;

/* The unit of a number.  PERCENT values hold the fraction (90% is 0.9) and
** print with a % sign; MONEY values hold 元. */
#define RB_UNITS(X)                                                           \
  X(PLAIN, "number")                                                          \
  X(PERCENT, "percent")                                                       \
  X(MONEY, "money")

typedef enum rb_unit {
#define X(name, text) RB_UNIT_##name,
  RB_UNITS(X)
#undef X
  RB_UNIT_COUNT
} rb_unit;

/* Which table a TABLE value is. */
typedef enum rb_table_id { RB_TABLE_INDICATORS, RB_TABLE_LINES } rb_table_id;

/* A list.  Lists are values: append makes a new one.  Lists built by append
** share their item array when they can: `used` (shared by every list on
** the array) counts the items some list holds, and a list whose count is
** `used` may write its next item in place, below `cap`; any other list
** copies.  So building a list one item at a time costs amortised O(1) an
** item, and no list ever sees an item it did not hold.  Fixed lists (SPLIT)
** have used NULL. */
typedef struct rb_list {
  uint32_t count;
  uint32_t cap;
  uint32_t *used;
  struct rb_value *items;
} rb_list;

typedef struct rb_value {
  uint8_t type; /* rb_vtype */
  uint8_t unit; /* rb_unit, for RB_V_NUM */
  union {
    bool boolean;
    rb_num num;
    struct {
      const char *chars;
      uint32_t len;
    } text;
    int32_t date;
    const rb_measure *measure;
    const struct rb_indicator *row;
    const struct rb_budget_line *line;
    rb_table_id table;
    const rb_list *list;
  } as;
} rb_value;

static inline rb_value rb_nil(void) {
  rb_value v = {.type = RB_V_NIL};
  return v;
}
static inline rb_value rb_bool(bool b) {
  rb_value v = {.type = RB_V_BOOL, .as.boolean = b};
  return v;
}
static inline rb_value rb_number(rb_num n, rb_unit unit) {
  rb_value v = {.type = RB_V_NUM, .unit = (uint8_t)unit, .as.num = n};
  return v;
}
static inline rb_value rb_text(const char *chars, uint32_t len) {
  rb_value v = {.type = RB_V_TEXT};
  v.as.text.chars = chars;
  v.as.text.len = len;
  return v;
}

/* Stores into an existing value, field by field.  Prefer these to
** `*v = rb_bool(b)` where v is about to be read again (the VM's stack): the
** compiler builds a struct result in a temporary and copies it with wide
** loads, which cannot be forwarded from the narrow stores that built it,
** and that stall costs more than the rest of a VM instruction. */
static inline void rb_set_nil(rb_value *v) { v->type = RB_V_NIL; }
static inline void rb_set_bool(rb_value *v, bool b) {
  v->type = RB_V_BOOL;
  v->as.boolean = b;
}
static inline void rb_set_num(rb_value *v, rb_num n, rb_unit unit) {
  v->type = RB_V_NUM;
  v->unit = (uint8_t)unit;
  v->as.num = n;
}
static inline void rb_set_text(rb_value *v, const char *chars, uint32_t len) {
  v->type = RB_V_TEXT;
  v->as.text.chars = chars;
  v->as.text.len = len;
}

/* The name of a value type ("number", "row") and of a unit ("percent"),
** for messages; "?" for a value out of range. */
const char *rb_vtype_name(rb_vtype t);
const char *rb_unit_name(rb_unit u);

#endif /* RUBRIC_VALUE_H */
