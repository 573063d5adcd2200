/*
** weighted.c — a small C library with a formula a department already has:
** the fund-weighted average of completion rates across sub-units
** ("相对值按照资金额度加权平均计算").  A rubric declares and calls it:
**
**   native 加权平均(rates: list, funds: list): number
**       from "libweighted.so" symbol "rb_weighted_average" pure
**
** Built by CMake as examples/native/libweighted.so in the build tree.
*/
#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* Σ rate_i × fund_i / Σ fund_i.  Lists of different lengths, or no funds at
** all, have no average: NaN, which rubric refuses to turn into a score. */
double rb_weighted_average(const double *rates, size_t rate_count, const double *funds, size_t fund_count);
double rb_weighted_average(const double *rates, size_t rate_count, const double *funds, size_t fund_count) {
  if (rate_count != fund_count) return NAN;
  double num = 0, den = 0;
  for (size_t i = 0; i < rate_count; i++) {
    num += rates[i] * funds[i];
    den += funds[i];
  }
  return den > 0 ? num / den : NAN;
}

/* How many of the values reach a threshold: an integer result. */
int64_t rb_count_at_least(const double *values, size_t count, double threshold);
int64_t rb_count_at_least(const double *values, size_t count, double threshold) {
  int64_t n = 0;
  for (size_t i = 0; i < count; i++)
    if (values[i] >= threshold) n++;
  return n;
}

/* Days between two dates (days since 1970-01-01): an integer from dates. */
int64_t rb_days_between(int32_t from, int32_t to);
int64_t rb_days_between(int32_t from, int32_t to) { return (int64_t)to - from; }

/* A label for a text result. */
const char *rb_rate_label(double rate);
const char *rb_rate_label(double rate) { return rate >= 0.9 ? "达标" : "未达标"; }
