/*
** report_readers.h — for the tests that compare report readers
** (test_json_events.c, test_json_simd.c): the events reader run on its own,
** and a text that only the tree walk reads.  Include after report_dump.h, with
** a `static rb_report *report` in scope.
*/
#ifndef RUBRIC_TEST_REPORT_READERS_H
#define RUBRIC_TEST_REPORT_READERS_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/report_private.h"

/* Whether the events reader reads text itself (and then the report). */
static bool events_read(const char *text, size_t len, int line) {
  if (!rb_report_begin(report, "t.json", line)) return false;
  rb_decoded use;
  rb_report_text kind = rb_report_decode(report, text, len, &use);
  bool ok = (kind == RB_TEXT_UTF8 || kind == RB_TEXT_CONVERTED) &&
            rb_report_read_events(report, use.text, use.len, use.first_bad);
  free(use.owned);
  return ok;
}

/* text with `"zz_not_in_v1": 0,` after its first '{', which only the tree
** walk reads (it notes the member). */
static char *with_unread_member(const char *text, size_t len, size_t *out_len) {
  static const char extra[] = "\"zz_not_in_v1\": 0, ";
  const char *brace = memchr(text, '{', len);
  if (!brace) return NULL;
  size_t at = (size_t)(brace - text) + 1;
  char *t = malloc(len + sizeof extra);
  if (!t) return NULL;
  memcpy(t, text, at);
  memcpy(t + at, extra, sizeof extra - 1);
  memcpy(t + at + sizeof extra - 1, text + at, len - at);
  *out_len = len + sizeof extra - 1;
  return t;
}

#endif /* RUBRIC_TEST_REPORT_READERS_H */
