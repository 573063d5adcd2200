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

/* One report with its members in three orders — money_unit after the amounts
** and the year after the targets in the second, members of the publisher's
** own to skip in the third — which every reader must read the same. */
static const char *const member_orders[3] = {
    "{\"id\": \"o-1\", \"year\": 2024, \"money_unit\": \"元\", \"budget\": {\"planned\": 1234.5, \"lines\": "
    "[{\"name\": \"a\", \"spent\": \"1,000\"}]}, \"facts\": {\"完成\": \"6月底前\", \"n\": 3, \"ok\": true}, "
    "\"indicators\": [{\"name\": \"进度\", \"target\": \"6月底前\", \"actual\": \"2024年5月31日\", \"weight\": 5}], "
    "\"self_scores\": [{\"path\": [\"决策\"], \"score\": 8}]}",
    /* money_unit after the amounts, the year after the targets */
    "{\"indicators\": [{\"weight\": 5, \"actual\": \"2024年5月31日\", \"target\": \"6月底前\", \"name\": \"进度\"}], "
    "\"budget\": {\"lines\": [{\"spent\": \"1,000\", \"name\": \"a\"}], \"planned\": 1234.5}, "
    "\"facts\": {\"完成\": \"6月底前\", \"n\": 3, \"ok\": true}, \"self_scores\": [{\"score\": 8, \"path\": "
    "[\"决策\"]}], \"money_unit\": \"元\", \"year\": 2024, \"id\": \"o-1\"}",
    "{\"facts\": {\"完成\": \"6月底前\", \"n\": 3, \"ok\": true}, \"year\": \"2024\", \"id\": \"o-1\", "
    "\"budget\": {\"planned\": \"1234.50\", \"lines\": [{\"name\": \"a\", \"spent\": 1000}]}, \"x-note\": "
    "{\"deep\": [[{\"a\": null, \"b\": [true, false, -1.5e-3, \"\\u0000\"]}]]}, \"money_unit\": \"元\", "
    "\"indicators\": [{\"name\": \"进度\", \"x_row\": 1, \"target\": \"6月底前\", \"actual\": \"2024年5月31日\", "
    "\"weight\": \"5\"}], \"extra\": [1, 2], \"self_scores\": [{\"path\": [\"决策\"], \"score\": 8}]}",
};

/* What member_orders reads as, by hand: 1234.5 元 stays 1234.5; 1,000 元 is
** 1000; the year, wherever it comes, makes "6月底前" a date (not text), for
** the indicator's target and the fact alike. */
static void check_member_orders_report(const rb_report *r) {
  char buf[64];
  rb_num_format(r->planned.v, buf, sizeof buf);
  CHECK_STR(buf, "1234.5");
  CHECK(r->line_count == 1);
  if (r->line_count == 1) {
    rb_num_format(r->lines[0].spent.v, buf, sizeof buf);
    CHECK_STR(buf, "1000");
  }
  CHECK(r->has_year && r->year == 2024);
  CHECK(r->indicator_count == 1 && r->fact_count == 3);
  if (r->indicator_count == 1 && r->fact_count == 3) {
    CHECK(r->indicators[0].target.kind == RB_MK_DATE);
    CHECK(r->facts[0].measure.kind == RB_MK_DATE);
  }
}

#endif /* RUBRIC_TEST_REPORT_READERS_H */
