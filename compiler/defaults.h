/*
** defaults.h — what a rubric means when it does not say: the language's
** defaults, in one table (docs/language.md §3 and §6 teach them).
**
**   total 100                          the points of the whole rubric
**   rounding 2 half_up at item         四舍五入 to 2 places, at each item
**   grades 优 >= 90, 良 >= 80, 中 >= 60, 差
**   missing error                      a missing input stops the report
**   split largest_remainder PLACES     PLACES: the rubric's rounding places
**   split by_row table                 rows' 分值 that add up differently:
**     else largest_remainder PLACES    the table's sum; equal shares when a
**                                      row states none
**
** The checker (check.c) starts from these before it reads a header line;
** the code generator (codegen.c) writes the default grades into a program
** whose rubric lists none.
*/
#ifndef RUBRIC_DEFAULTS_H
#define RUBRIC_DEFAULTS_H

#include "base/num.h"
#include "vm/opcodes.h"
#include "vm/program.h"

enum {
  RB_DEFAULT_TOTAL = 100,
  RB_DEFAULT_PLACES = 2,
  RB_DEFAULT_ROUND_MODE = RB_ROUND_HALF_UP,
  RB_DEFAULT_ROUND_WHERE = RB_ROUND_AT_ITEM,
  RB_DEFAULT_MISSING = RB_MISSING_ERROR,
  RB_DEFAULT_SPLIT = RB_SPLIT_LARGEST_REMAINDER,
  RB_DEFAULT_ROW_MODE = RB_ROWS_TABLE,
};

/* The default grades, from the highest minimum down; the last has none. */
typedef struct rb_default_grade {
  const char *label;
  int min; /* points; -1 for the last grade, which takes everything else */
} rb_default_grade;

static const rb_default_grade rb_default_grades[] = {{"优", 90}, {"良", 80}, {"中", 60}, {"差", -1}};
enum { RB_DEFAULT_GRADE_COUNT = sizeof rb_default_grades / sizeof rb_default_grades[0] };

#endif /* RUBRIC_DEFAULTS_H */
