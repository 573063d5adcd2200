/*
** check.h — the smallest unit-test harness that can fail.
**
** CHECK(cond) and CHECK_STR(got, want) count passes and failures and print
** each failure with its file and line; check_done() prints the closing line
** "N passed, N failed" and returns the exit status for main.
*/
#ifndef RUBRIC_TEST_CHECK_H
#define RUBRIC_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond)                                                           \
  do {                                                                        \
    if (cond) {                                                               \
      check_passed++;                                                         \
    } else {                                                                  \
      check_failed++;                                                         \
      fprintf(stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond);      \
    }                                                                         \
  } while (0)

#define CHECK_STR(got, want)                                                  \
  do {                                                                        \
    const char *check_got_ = (got), *check_want_ = (want);                    \
    if (check_got_ && check_want_ && strcmp(check_got_, check_want_) == 0) {  \
      check_passed++;                                                         \
    } else {                                                                  \
      check_failed++;                                                         \
      fprintf(stderr, "%s:%d: FAILED: %s\n  got:  %s\n  want: %s\n", __FILE__, \
              __LINE__, #got, check_got_ ? check_got_ : "(null)",             \
              check_want_ ? check_want_ : "(null)");                          \
    }                                                                         \
  } while (0)

static inline int check_done(void) {
  printf("%d passed, %d failed\n", check_passed, check_failed);
  return check_failed == 0 ? 0 : 1;
}

#endif
