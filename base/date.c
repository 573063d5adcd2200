/*
** date.c — the calendar (see date.h).
**
** Dates are stored as days since 1970-01-01 in the proleptic Gregorian
** calendar, so comparing two deadlines is comparing two integers.  The
** conversions below are the well-known "days from civil" algorithm (Howard
** Hinnant): shift the year to start on 1 March, so that the leap day is the
** last day of the shifted year, then count whole 400-year eras (146097 days
** each), years within the era and days within the year.
*/
#include "base/date.h"

enum {
  DATE_MIN_YEAR = 1,
  DATE_MAX_YEAR = 9999,
  DAYS_PER_ERA = 146097,      /* 400 Gregorian years */
  DAYS_BEFORE_1970 = 719468,  /* days from 0000-03-01 to 1970-01-01 */
};

static bool is_leap_year(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/* Floor division for the era computation (years and days may be negative
** before the epoch). */
static int floor_div(int a, int b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* Days since 1970-01-01 of a valid date in years 1..9999; false for month 13,
** 2月30日, 2023-02-29 and years outside the range. */
bool rb_date_from_ymd(int year, int month, int day, int32_t *out) {
  if (year < DATE_MIN_YEAR || year > DATE_MAX_YEAR) return false;
  if (month < 1 || month > 12) return false;
  if (day < 1 || day > days_in_month(year, month)) return false;
  int y = month <= 2 ? year - 1 : year;          /* the year starts on 1 March */
  int era = floor_div(y, 400);
  int year_of_era = y - era * 400;                /* 0 .. 399 */
  int shifted_month = month > 2 ? month - 3 : month + 9; /* March = 0 */
  int day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  *out = (int32_t)(era * DAYS_PER_ERA + day_of_era - DAYS_BEFORE_1970);
  return true;
}

/* The inverse of rb_date_from_ymd.  Defined for every int32 day count (the
** calendar is simply extended); for the days of years 1..9999 it gives back
** exactly the date rb_date_from_ymd was given. */
void rb_date_to_ymd(int32_t days, int *year, int *month, int *day) {
  /* int64 so that extreme day counts cannot overflow the shift. */
  int64_t z = (int64_t)days + DAYS_BEFORE_1970;
  int64_t era = (z >= 0 ? z : z - (DAYS_PER_ERA - 1)) / DAYS_PER_ERA;
  int64_t day_of_era = z - era * DAYS_PER_ERA;                      /* 0 .. 146096 */
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365; /* 0 .. 399 */
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t shifted_month = (5 * day_of_year + 2) / 153;              /* March = 0 */
  *day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  *month = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  *year = (int)(year_of_era + era * 400 + (*month <= 2));
}
