/*
** test_notation_memo.c — a reader's memo of readings gives exactly what a
** fresh reading gives.
**
** rb_notation_reader keeps the readings of texts it met before (notation.c,
** "Memoised readings") and copies them into the caller's arena.  Here one
** reader reads each text several times, each time into a new arena, and
** every reading is compared field by field (kind, cmp, value, low, high,
** range_kind, unit, text, scale, approx, unit_missing) with a fresh
** rb_notation_read, and with the reading written out by hand.  The arena of
** an earlier reading is freed before a later one is looked at, so a memo
** hit whose strings pointed into an old arena (or into the memo) would be
** caught by AddressSanitizer and by the comparison.  Dates written without
** a year ("4月1日前", "年底前") are read under one year, then another, then
** none: the memo must key them by the year.  A number too big for 64 bits
** lives in the report's rb_numctx, reset between readings, and must never
** come from the memo.  The hit counter shows that the memo was used.
** rb_notation_read_kept, for a text that stays where it is, gives the same
** readings with the text itself as the measure's text (check_kept).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/notation.h"

/* One text, the year it is read under, and its reading. */
typedef struct memo_case {
  const char *text;
  int year;
  rb_measure_kind kind;
  rb_cmp cmp;
  const char *value; /* rb_num_format of value, or of low-high for ranges; NULL: not checked (TEXT) */
  const char *unit;
  int scale;
  bool approx;
  int hits; /* of its five readings, how many come from the memo */
} memo_case;

/* Hand-checked: 2024-04-01 is day 19814 since 1970-01-01, 2025-04-01 day
** 20179, 2024-12-31 day 20088.  Hits: a text is stored when met the second
** time, so of five readings the last three are hits; never for the big
** number (its value lives in nums) nor for "550元／人" (its unit "元/人" is
** not in the text); four when a date without a year comes back under
** another year (met before, so stored at once, beside the other year's). */
static const memo_case cases[] = {
    {"100%", 2024, RB_MK_PERCENT, RB_CMP_NONE, "100", "%", 0, false, 3},
    {"≥95%", 2024, RB_MK_PERCENT, RB_CMP_GE, "95", "%", 0, false, 3},
    {"１００％", 2024, RB_MK_PERCENT, RB_CMP_NONE, "100", "%", 0, false, 3},
    {"对比上年有增长", 2024, RB_MK_TEXT, RB_CMP_NONE, NULL, "", 0, false, 3},
    {"1-2万元", 2024, RB_MK_RANGE, RB_CMP_NONE, "10000-20000", "元", 0, false, 3},
    {"45人", 2024, RB_MK_QUANTITY, RB_CMP_NONE, "45", "人", 0, false, 3},
    {"550元/人/天", 2024, RB_MK_QUANTITY, RB_CMP_NONE, "550", "元/人/天", 0, false, 3},
    {"550元／人", 2024, RB_MK_QUANTITY, RB_CMP_NONE, "550", "元/人", 0, false, 0},
    {"约50人", 2024, RB_MK_QUANTITY, RB_CMP_NONE, "50", "人", 0, true, 3},
    {"10000 次以\n上", 2024, RB_MK_QUANTITY, RB_CMP_GE, "10000", "次", 0, false, 3},
    {"1.93 亿元", 2024, RB_MK_MONEY, RB_CMP_NONE, "193000000", "元", 8, false, 3},
    {"０．１６２千万元", 2024, RB_MK_MONEY, RB_CMP_NONE, "1620000", "元", 7, false, 3},
    {"２０２４年4月1日前", 2025, RB_MK_DATE, RB_CMP_LE, "19814", "", 0, false, 3},
    {"12345678901234567890.5亿元", 2024, RB_MK_MONEY, RB_CMP_NONE, "1234567890123456789050000000", "元", 8,
     false, 0},
    {"是", 2024, RB_MK_BOOL, RB_CMP_NONE, "1", "", 0, false, 3},
    /* Dates without a year, under one year, another, none, the first. */
    {"4月1日前", 2024, RB_MK_DATE, RB_CMP_LE, "19814", "", 0, false, 3},
    {"4月1日前", 2025, RB_MK_DATE, RB_CMP_LE, "20179", "", 0, false, 4},
    {"4月1日前", 0, RB_MK_TEXT, RB_CMP_NONE, NULL, "", 0, false, 4},
    {"4月1日前", 2024, RB_MK_DATE, RB_CMP_LE, "19814", "", 0, false, 4},
    {"年底前", 2024, RB_MK_DATE, RB_CMP_LE, "20088", "", 0, false, 3},
    {"年底前", 0, RB_MK_TEXT, RB_CMP_NONE, NULL, "", 0, false, 4},
};

static bool same_num(rb_num a, rb_num b) { return rb_num_cmp(a, b) == 0; }

/* Whether two readings are the same in every field. */
static bool same_measure(const rb_measure *a, const rb_measure *b) {
  return a->kind == b->kind && a->cmp == b->cmp && same_num(a->value, b->value) && same_num(a->low, b->low) &&
         same_num(a->high, b->high) && a->range_kind == b->range_kind && strcmp(a->unit, b->unit) == 0 &&
         strcmp(a->text, b->text) == 0 && a->scale == b->scale && a->approx == b->approx &&
         a->unit_missing == b->unit_missing;
}

/* m against the hand-checked reading of c. */
static void check_expected(const memo_case *c, const rb_measure *m) {
  char got[128] = "";
  if (m->kind == RB_MK_RANGE) {
    size_t n = rb_num_format(m->low, got, sizeof got);
    got[n] = '-';
    rb_num_format(m->high, got + n + 1, sizeof got - n - 1);
  } else {
    rb_num_format(m->value, got, sizeof got);
  }
  CHECK(m->kind == c->kind);
  CHECK(m->cmp == c->cmp);
  if (c->value) CHECK_STR(got, c->value);
  CHECK_STR(m->unit, c->unit);
  CHECK_STR(m->text, c->text);
  CHECK(m->scale == c->scale);
  CHECK(m->approx == c->approx);
}

/* rb_notation_read_kept: a text that stays (NUL-terminated in the arena)
** gives the same reading as a fresh one, with the text itself as the
** measure's text, past any blank at its start, unless it was trimmed at its
** end; and a memo hit's unit that ends the text points into it. */
static void check_kept(rb_numctx *nums, rb_numctx *fresh_nums) {
  static const struct {
    const char *text;
    size_t skip;  /* bytes before the measure's text, where it is the text itself */
    bool in_place; /* the measure's text is the text itself (not trimmed at its end) */
  } kept[] = {
      {"45人", 0, true},       {"≥95%", 0, true},     {"  100%", 2, true}, {"\u3000约50人", 3, true},
      {"100% ", 0, false},     {"对比上年有增长", 0, true}, {"１００％", 0, true}, {"550元／人", 0, true},
      {"4月1日前", 0, true},   {"\n", 0, false},
  };
  rb_notation_reader *rd = rb_notation_reader_new();
  CHECK(rd != NULL);
  if (!rd) return;
  for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++) {
    size_t len = strlen(kept[i].text);
    for (int k = 0; k < 5; k++) {
      rb_arena arena, fresh_arena;
      rb_arena_init(&arena);
      rb_arena_init(&fresh_arena);
      rb_numctx_reset(nums);
      char *text = rb_arena_strndup(&arena, kept[i].text, len);
      CHECK(text != NULL);
      if (!text) return;
      size_t hits = rb_notation_reader_memo_hits(rd);
      rb_measure m, fresh;
      CHECK(rb_notation_read_kept(rd, nums, &arena, text, len, 2024, &m));
      CHECK(rb_notation_read(fresh_nums, &fresh_arena, kept[i].text, len, 2024, &fresh));
      if (!same_measure(&m, &fresh)) {
        fprintf(stderr, "kept reading %d of \"%s\" differs from a fresh one\n", k + 1, kept[i].text);
        CHECK(false);
      }
      if (kept[i].in_place) {
        CHECK(m.text == text + kept[i].skip);
      } else {
        CHECK(m.text < text || m.text > text + len); /* a copy: the text's end was trimmed */
      }
      /* "45人", from the memo (its third reading on) or read straight from
      ** the text: the unit is the text's last character. */
      if (i == 0) CHECK(m.unit == text + 2);
      if (i == 0 && k >= 2) CHECK(rb_notation_reader_memo_hits(rd) == hits + 1);
      rb_arena_free(&arena);
      rb_arena_free(&fresh_arena);
      rb_numctx_reset(fresh_nums);
    }
  }
  rb_notation_reader_free(rd);
}

int main(void) {
  rb_notation_reader *rd = rb_notation_reader_new();
  rb_numctx *nums = rb_numctx_new(), *fresh_nums = rb_numctx_new();
  CHECK(rd && nums && fresh_nums);
  if (!rd || !nums || !fresh_nums) return check_done();
  size_t count = sizeof cases / sizeof cases[0];

  for (size_t i = 0; i < count; i++) {
    const memo_case *c = &cases[i];
    size_t len = strlen(c->text);
    /* Five readings, each in an arena of its own: the first two put the
    ** text in the memo (it is stored when met the second time), the rest
    ** come from it.  Reading k's arena is freed before reading k + 1 is
    ** compared. */
    rb_arena *previous = NULL;
    size_t hits_before = rb_notation_reader_memo_hits(rd);
    for (int k = 0; k < 5; k++) {
      rb_arena *arena = malloc(sizeof *arena);
      CHECK(arena != NULL);
      if (!arena) break;
      rb_arena_init(arena);
      rb_numctx_reset(nums);
      rb_measure m;
      CHECK(rb_notation_read_with(rd, nums, arena, c->text, len, c->year, &m));
      if (previous) {
        rb_arena_free(previous);
        free(previous);
      }
      previous = arena;

      rb_arena fresh_arena;
      rb_arena_init(&fresh_arena);
      rb_measure fresh;
      CHECK(rb_notation_read(fresh_nums, &fresh_arena, c->text, len, c->year, &fresh));
      if (!same_measure(&m, &fresh)) {
        fprintf(stderr, "reading %d of \"%s\" (year %d) differs from a fresh one\n", k + 1, c->text, c->year);
        CHECK(false);
      }
      check_expected(c, &m);
      rb_arena_free(&fresh_arena);
      rb_numctx_reset(fresh_nums);
    }
    if (previous) {
      rb_arena_free(previous);
      free(previous);
    }
    size_t hits = rb_notation_reader_memo_hits(rd) - hits_before;
    if (hits != (size_t)c->hits)
      fprintf(stderr, "\"%s\" (year %d): %zu memo hits, expected %d\n", c->text, c->year, hits, c->hits);
    CHECK(hits == (size_t)c->hits);
  }
  size_t want = rb_notation_reader_memo_hits(rd);
  CHECK(want == 61);

  /* Turning the shortcut off forgets the memo: the next readings are new. */
  rb_notation_reader_use_shortcuts(rd, false);
  rb_arena arena;
  rb_arena_init(&arena);
  rb_measure m;
  CHECK(rb_notation_read_with(rd, nums, &arena, "100%", 4, 2024, &m));
  CHECK(rb_notation_reader_memo_hits(rd) == want);
  check_expected(&cases[0], &m);
  rb_arena_free(&arena);

  rb_notation_reader_free(rd);
  check_kept(nums, fresh_nums);
  rb_numctx_free(nums);
  rb_numctx_free(fresh_nums);
  return check_done();
}
