/*
** date.h — days of the calendar, as rubric stores every date.
**
** A date is an int32_t count of days since 1970-01-01 in the proleptic
** Gregorian calendar: report dates (2024年4月1日前), rubric literals
** (2024-04-01) and native functions' `date` all use it, so a deadline is met
** when one integer is not above another.
*/
#ifndef RUBRIC_DATE_H
#define RUBRIC_DATE_H

#include <stdbool.h>
#include <stdint.h>

/* Days since 1970-01-01 of a valid date in years 1..9999; false for an
** impossible date (2月30日, 2023-02-29, month 13) and years outside the range. */
bool rb_date_from_ymd(int year, int month, int day, int32_t *out);
/* The inverse of rb_date_from_ymd, defined for every day count. */
void rb_date_to_ymd(int32_t days, int *year, int *month, int *day);

#endif /* RUBRIC_DATE_H */
