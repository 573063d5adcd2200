/*
** money.h — the money units of Chinese budget tables, once.
**
** Amounts are written in 元, 万元 or 亿元 (and now and then 千元, 百万元,
** 千万元, 万亿元); rubric keeps every amount exactly in 元, so each unit is a
** power of ten of 元 (its "scale": 万元 is 4).  The report readers (a
** report's money_unit), the notation scanner's shortcut (1.93 亿元), the VM
** (facts given as bare numbers) and the messages (amounts shown in the
** report's own unit) all read this one table.
*/
#ifndef RUBRIC_MONEY_H
#define RUBRIC_MONEY_H

#include <stddef.h>

/* The unit of a report's budget figures when it declares none (report
** format v1, money_unit): 万元, the unit of nearly every published table. */
enum { RB_MONEY_DEFAULT_SCALE = 4 };

/* A unit as tables write it, and its power of ten of 元. */
typedef struct rb_money_unit {
  const char *name; /* "万元" */
  size_t length;    /* its length in bytes */
  int scale;        /* 4 */
} rb_money_unit;

/* The units a report's money_unit and a written amount may use, longest
** first where one begins another (千万元 before 千元): *count receives how
** many. */
const rb_money_unit *rb_money_units(size_t *count);

/* The scale of a unit written name[0..len) (元 0, 千元 3, 万元 4, 百万元 6,
** 千万元 7, 亿元 8, 万亿元 12), or -1 when it is not one of them. */
int rb_money_scale(const char *name, size_t len);

/* How an amount of 元 × 10^scale is named in a message, scale 0 to 12
** (元, 十元, 百元, 千元, 万元, …, 万亿元); NULL outside that range. */
const char *rb_money_unit_name(int scale);

#endif /* RUBRIC_MONEY_H */
