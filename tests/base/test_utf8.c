/*
** test_utf8.c — base/utf8.h: the one UTF-8 module every part of rubric reads
** text through.  Expected values are from RFC 3629 (well-formedness) and the
** Unicode East Asian Width property (UAX #11, EastAsianWidth.txt): 汉 U+6C49
** W, ＞ U+FF1E F, ﹥ U+FE65 W, 、 U+3001 W, ≥ U+2265 A (counted 1), U+0301
** combining acute Mn (0).
*/
#include <string.h>

#include "base/utf8.h"
#include "check.h"

static int32_t first(const char *s) {
  size_t i = 0;
  return rb_utf8_next(s, strlen(s), &i);
}

int main(void) {
  /* Well-formed sequences and what is not. */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"a", 1) == 1);
  CHECK(rb_utf8_sequence_length((const unsigned char *)"汉", 3) == 3);
  CHECK(rb_utf8_sequence_length((const unsigned char *)"汉", 2) == 0);                   /* cut short */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\xC0\x80", 2) == 0);             /* overlong NUL */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\xE0\x80\x80", 3) == 0);         /* overlong */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\xED\xA0\x80", 3) == 0);         /* surrogate D800 */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\xF4\x90\x80\x80", 4) == 0);     /* above U+10FFFF */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\xF0\x9F\x98\x80", 4) == 4);     /* U+1F600 */
  CHECK(rb_utf8_sequence_length((const unsigned char *)"\x80", 1) == 0);                 /* stray continuation */

  /* Decoding: code points, and -1 for a malformed byte taken alone. */
  CHECK(first("汉") == 0x6C49);
  CHECK(first("≥") == 0x2265);
  CHECK(first("\xF0\x9F\x98\x80") == 0x1F600);
  CHECK(first("\xC3\x28") == -1);
  {
    const char *s = "a\xFF" "b";
    size_t i = 1;
    CHECK(rb_utf8_next(s, 3, &i) == -1 && i == 2);
    CHECK(rb_utf8_next(s, 3, &i) == 'b' && i == 3);
  }

  /* The longest well-formed prefix, counting, cutting, completing. */
  CHECK(rb_utf8_valid_length("产出\xFF指标", strlen("产出\xFF指标")) == 6);
  CHECK(rb_utf8_valid_length("a\0b", 3) == 3); /* NUL is well-formed */
  CHECK(rb_utf8_count("产 出", strlen("产 出")) == 3);
  CHECK(rb_utf8_count("a\xFF", 2) == 2);
  CHECK(rb_utf8_cut("产出", 6, 4) == 3); /* not into the middle of 出 */
  CHECK(rb_utf8_cut("产出", 6, 6) == 6);
  CHECK(rb_utf8_complete("产\xE5\x87", 5) == 3); /* 出 (E5 87 BA) cut after two bytes */
  CHECK(rb_utf8_complete("产出", 6) == 6);

  /* White space: ASCII, no-break space, 全角空格; not a letter. */
  CHECK(rb_utf8_space_at((const unsigned char *)" x", 2) == 1);
  CHECK(rb_utf8_space_at((const unsigned char *)"\xC2\xA0", 2) == 2);
  CHECK(rb_utf8_space_at((const unsigned char *)"\xE3\x80\x80", 3) == 3);
  CHECK(rb_utf8_space_at((const unsigned char *)"产", 3) == 0);

  /* Ideographs. */
  CHECK(rb_utf8_has_ideograph("≥90%达成", strlen("≥90%达成")));
  CHECK(!rb_utf8_has_ideograph("≥90%＞", strlen("≥90%＞")));

  /* Widths: one table for the diagnostics' carets and the result tables. */
  CHECK(rb_utf8_width('a') == 1);
  CHECK(rb_utf8_width(0x6C49) == 2); /* 汉 */
  CHECK(rb_utf8_width(0xFF1E) == 2); /* ＞ */
  CHECK(rb_utf8_width(0xFE65) == 2); /* ﹥ */
  CHECK(rb_utf8_width(0x3001) == 2); /* 、 */
  CHECK(rb_utf8_width(0x2265) == 1); /* ≥, ambiguous */
  CHECK(rb_utf8_width(0x0301) == 0); /* combining */
  CHECK(rb_utf8_width(-1) == 1);
  CHECK(rb_utf8_display_width("专项调研/交流考察次数") == 2 * 10 + 1);
  CHECK(rb_utf8_display_width(NULL) == 0);
  return check_done();
}
