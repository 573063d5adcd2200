/*
** money.c — the table of money units (money.h).
*/
#include "base/money.h"

#include <string.h>

#define UNIT(name, scale) {name, sizeof name - 1, scale}

static const rb_money_unit units[] = {
    UNIT("万亿元", 12), UNIT("千万元", 7), UNIT("百万元", 6), UNIT("亿元", 8),
    UNIT("万元", 4),    UNIT("千元", 3),   UNIT("元", 0),
};

const rb_money_unit *rb_money_units(size_t *count) {
  *count = sizeof units / sizeof units[0];
  return units;
}

int rb_money_scale(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
    if (units[i].length == len && memcmp(units[i].name, name, len) == 0) return units[i].scale;
  return -1;
}

const char *rb_money_unit_name(int scale) {
  static const char *const names[] = {"元",     "十元",   "百元",   "千元",   "万元",   "十万元", "百万元",
                                      "千万元", "亿元",   "十亿元", "百亿元", "千亿元", "万亿元"};
  return scale >= 0 && scale <= 12 ? names[scale] : NULL;
}
