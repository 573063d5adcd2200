/*
** measure.h — a target or an actual value as a report writes it.
**
** Published indicator tables state targets and actuals as Chinese text:
** "110次以上", "≥90%", "1.93 亿元", "2024年4月1日前", "对比上年有增长".  The
** notation scanner (report/notation_scan.l) reads such text into an rb_measure;
** the VM and the scoring built-ins work on measures and never look at the
** text again except to print it.  This header is the whole contract between
** the two: the VM knows nothing of how the text was read.
*/
#ifndef RUBRIC_MEASURE_H
#define RUBRIC_MEASURE_H

#include <stdint.h>

#include "base/num.h"

/* What a text turned out to be.  The names are those printed by
** `rubric value` and seen by rubrics as `x.kind`. */
#define RB_MEASURE_KINDS(X)                                                   \
  X(NUMBER, "number")     /* 949, 3.5: a bare number                     */ \
  X(PERCENT, "percent")   /* 90%, 3.98%, 5‰: value is the number written */ \
  X(MONEY, "money")       /* 1.93 亿元: value normalised to 元           */ \
  X(QUANTITY, "quantity") /* 110次, 5 场次, 550元/人/天: number + unit  */ \
  X(DATE, "date")         /* 2024年4月1日, 2024年底                       */ \
  X(RANGE, "range")       /* 90%-100%, 90%～100%: low and high            */ \
  X(BOOL, "bool")         /* 是 / 否                                     */ \
  X(TEXT, "text")         /* anything else: qualitative text             */

typedef enum rb_measure_kind {
#define X(name, text) RB_MK_##name,
  RB_MEASURE_KINDS(X)
#undef X
  RB_MK_COUNT
} rb_measure_kind;

/* The comparator written with the value: "≥", "以上", "不低于"… → GE;
** "≤", "以下", "不超过", "以内" → LE; "前", "之前", "以前" on a date → LE;
** "达到" → GE; "=" → EQ.  NONE when nothing was written. */
#define RB_CMPS(X)                                                            \
  X(NONE, "null")                                                             \
  X(GE, ">=")                                                                 \
  X(LE, "<=")                                                                 \
  X(GT, ">")                                                                  \
  X(LT, "<")                                                                  \
  X(EQ, "=")

typedef enum rb_cmp {
#define X(name, text) RB_CMP_##name,
  RB_CMPS(X)
#undef X
  RB_CMP_COUNT
} rb_cmp;

const char *rb_measure_kind_name(rb_measure_kind kind);
const char *rb_cmp_name(rb_cmp cmp); /* "null" for RB_CMP_NONE */

/* A value read from notation text.  Strings are owned by whoever made the
** measure (the report's arena); numbers by the rb_numctx given to the
** scanner.
**
**   kind      what the text is.
**   cmp       the comparator written, RB_CMP_NONE if none.
**   value     NUMBER/QUANTITY: the number; PERCENT: the number before the
**             sign (90 for "90%", 5 for "5‰"); MONEY: the amount in 元;
**             BOOL: 1 or 0; DATE: days since 1970-01-01; RANGE: unused.
**   low/high  RANGE only: the bounds, in the range's own scale (90 and 100
**             for "90%-100%"); range_kind says what the bounds are.
**   unit      as written for quantities ("次", "台套", "元/人/天"); "%" or
**             "‰" for percentages; "元" for money; "" when none.
**   scale     MONEY only: the power of ten of the unit the amount was
**             written in, which value no longer shows: 0 for 元, 3 for
**             千元, 4 for 万元, 6 for 百万元, 7 for 千万元, 8 for 亿元, 12 for
**             万亿元 ("5万元" → 4, "1.93 亿元" → 8).  It lets a bare number
**             be read in the scale of the target it is compared with (an
**             actual "5" against "≥5万元" is 5万元).  0 for every other kind.
**   text      the whole original text, trimmed of surrounding spaces.
**   approx    "约" was written.
**   unit_missing  a bare number where a unit would be expected is NUMBER;
**             this flag is set by the caller that compares it with a target
**             ("949" against "900 家").
*/
typedef struct rb_measure {
  rb_measure_kind kind;
  rb_cmp cmp;
  rb_num value;
  rb_num low, high;
  rb_measure_kind range_kind;
  const char *unit;
  const char *text;
  bool approx;
  bool unit_missing;
  int8_t scale; /* MONEY: the power of ten it was written in (4 for 万元) */
} rb_measure;

#endif /* RUBRIC_MEASURE_H */
