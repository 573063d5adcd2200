/*
** notation.c — reading value notation into a measure (see notation.h).
**
** A target or an actual is read in four steps:
**
**   1. trim the text and keep a clean copy for rb_measure.text (NULs and
**      invalid UTF-8 become U+FFFD, so everything downstream prints);
**   2. squeeze out whitespace, except between two digits: "1.93 亿元" and
**      "10000 次以\n上" (a table cell wrapped by a PDF extractor) read as if
**      written without spaces, while "1 000" stays two numbers, which is
**      TEXT;
**   3. cut the squeezed text into tokens with the Flex scanner (notation_scan.l);
**   4. match the tokens against the grammar below, by recursive descent with
**      backtracking over three alternatives.  The first alternative that
**      consumes every token wins; if none does, the text is TEXT.
**
**   measure  = "是" | "否" | "有" | "无"                       (alone)
**            | [label] [约] [cmp] [约] value
**   value    = date   [date-suffix] ["完成"]
**            | range  ["之间"]           (no comparator anywhere)
**            | amount [suffix] ["左右"]   (suffix and 左右 in either order)
**   amount   = [sign] number ["余"|"多"] ["万"|"亿"] [unit]
**   unit     = "%" | "‰" | money-word | unit-chars { "/" unit-chars }
**   range    = amount dash amount | "±" amount ["以内"]
**   date     = 2024年4月1日 | 2024年4月 | 2024-04-01 | 2024-04 | 2024.4.1 |
**              2024/4/1 | 2024年底 | 2024年内 | 2024年上半年 | 2024年第一季度 |
**              the same without the year, given the report's year
**
** Everything is checked, nothing is guessed: a comparator before and a
** different one after ("不低于90%以下"), a range with a comparator, a
** label we do not know ("完成率达到95%") all give TEXT, which a rubric
** scores as qualitative.  docs/notation.md explains each form to users.
*/
#define RB_NOTATION_SCANNER
#include "notation.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../vm/value.h"
#include "notation_lexer.h"

/* Texts longer than this are TEXT without being scanned: no table cell
** holding a single value is anywhere near 64 KiB, and the bound keeps the
** token array and Flex's int lengths small. */
enum { NOTATION_MAX_BYTES = 64 * 1024 };

/* U+FFFD, written for bytes that are not UTF-8. */
static const char replacement_char[] = "\xEF\xBF\xBD";

/* ---- UTF-8 and whitespace ------------------------------------------------ */

/* The length of the well-formed UTF-8 sequence at s[0..n), or 0 if the
** bytes there are not one (a stray continuation byte, an overlong form, a
** surrogate, a truncated sequence, a code point above U+10FFFF). */
static size_t utf8_sequence_length(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (s[2] & 0xC0) != 0x80) return 0;
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return s[1] >= lo && s[1] <= hi ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return s[1] >= lo && s[1] <= hi ? 4 : 0;
  }
  return 0;
}

/* The byte length of the whitespace character starting at s[0..n): ASCII
** blanks and line breaks, NO-BREAK SPACE (U+00A0) and the ideographic space
** (U+3000) that Chinese documents use; 0 if s does not start with one. */
static size_t space_at(const unsigned char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')) return 1;
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  return 0;
}

/* The byte length of the whitespace character ending at s[n-1], or 0. */
static size_t space_before(const unsigned char *s, size_t n) {
  if (n >= 1 && space_at(s + n - 1, 1) == 1) return 1;
  if (n >= 2 && space_at(s + n - 2, 2) == 2) return 2;
  if (n >= 3 && space_at(s + n - 3, 3) == 3) return 3;
  return 0;
}

/* Whether s[0..n) starts with a digit, ASCII or full-width (U+FF10..FF19). */
static bool digit_at(const unsigned char *s, size_t n) {
  if (n >= 1 && s[0] >= '0' && s[0] <= '9') return true;
  return n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99;
}

/* Whether s[0..n) ends with a digit, ASCII or full-width. */
static bool digit_before(const unsigned char *s, size_t n) {
  if (n >= 1 && s[n - 1] >= '0' && s[n - 1] <= '9') return true;
  return n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xBC && s[n - 1] >= 0x90 && s[n - 1] <= 0x99;
}

/* Copy s[0..n) to out (n bytes available) without whitespace, except that a
** run of whitespace between two digits becomes one space, which the scanner
** reads as OTHER.  Returns the length written. */
static size_t squeeze_spaces(const unsigned char *s, size_t n, char *out) {
  size_t i = 0, o = 0;
  while (i < n) {
    size_t w = space_at(s + i, n - i);
    if (w == 0) {
      out[o++] = (char)s[i++];
      continue;
    }
    size_t j = i;
    while (j < n && (w = space_at(s + j, n - j)) != 0) j += w;
    if (digit_before((const unsigned char *)out, o) && digit_at(s + j, n - j)) out[o++] = ' ';
    i = j;
  }
  return o;
}

/* A NUL-terminated copy of s[0..n) in the arena in which NULs and bytes that
** are not UTF-8 are replaced by U+FFFD.  NULL when out of memory. */
static char *clean_copy(rb_arena *arena, const unsigned char *s, size_t n) {
  size_t size = 0;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_sequence_length(s + i, n - i);
    if (k == 0 || s[i] == '\0') {
      size += sizeof replacement_char - 1;
      i++;
    } else {
      size += k;
      i += k;
    }
  }
  char *copy = rb_arena_alloc(arena, size + 1);
  if (!copy) return NULL;
  size_t o = 0;
  for (size_t i = 0; i < n;) {
    size_t k = utf8_sequence_length(s + i, n - i);
    if (k == 0 || s[i] == '\0') {
      memcpy(copy + o, replacement_char, sizeof replacement_char - 1);
      o += sizeof replacement_char - 1;
      i++;
    } else {
      memcpy(copy + o, s + i, k);
      o += k;
      i += k;
    }
  }
  copy[o] = '\0';
  return copy;
}

/* ---- Tokens ------------------------------------------------------------- */

/* One token: its type, its sub value (see notation.h) and its bytes in the
** squeezed text. */
typedef struct token {
  rb_notation_token type;
  int sub;
  size_t offset, length;
} token;

/* Cut text[0..len) into tokens[] (room for len + 1) followed by an NT_EOF
** token; *count excludes the EOF.  False when out of memory, in Flex or
** before it. */
static bool tokenize(const char *text, size_t len, token *tokens, size_t *count) {
  rb_notation_scan scan;
  scan.sub_value = 0;
  yyscan_t scanner;
  if (rb_notation_yylex_init_extra(&scan, &scanner) != 0) return false;
  if (setjmp(scan.on_fatal)) {
    rb_notation_yylex_destroy(scanner);
    return false;
  }
  rb_notation_yy_scan_bytes(text, (int)len, scanner);
  size_t n = 0, offset = 0;
  int type;
  while ((type = rb_notation_yylex(scanner)) != NT_EOF && n < len) {
    size_t length = (size_t)rb_notation_yyget_leng(scanner);
    tokens[n].type = (rb_notation_token)type;
    tokens[n].sub = scan.sub_value;
    tokens[n].offset = offset;
    tokens[n].length = length;
    offset += length;
    n++;
  }
  rb_notation_yylex_destroy(scanner);
  tokens[n].type = NT_EOF;
  tokens[n].sub = 0;
  tokens[n].offset = offset;
  tokens[n].length = 0;
  *count = n;
  return true;
}

/* ---- The parser --------------------------------------------------------- */

typedef struct parser {
  rb_numctx *nums;
  const char *src;     /* the squeezed text the tokens point into */
  const token *tokens; /* count tokens and an NT_EOF */
  size_t count;
  size_t pos;
  int year;            /* the report's year, 0 if unknown */
  bool out_of_memory;
} parser;

/* The token `ahead` places after the current one; NT_EOF past the end. */
static const token *peek(const parser *p, size_t ahead) {
  size_t i = p->pos + ahead;
  return &p->tokens[i < p->count ? i : p->count];
}

static bool at(const parser *p, size_t ahead, rb_notation_token type) {
  return peek(p, ahead)->type == type;
}

/* A unit as written: a static string, or a span of the squeezed text. */
typedef struct unit_text {
  const char *chars;
  size_t length;
  bool written; /* a span of the squeezed text, to be copied */
} unit_text;

/* A number with its unit: one side of a range, or the whole value.
** `value` is already in the measure's scale (money in 元, 万 applied). */
typedef struct amount {
  rb_measure_kind kind; /* NUMBER, PERCENT, MONEY or QUANTITY */
  rb_num value;
  unit_text unit;
  int unit_exp;         /* power of ten of a money word: 千元 is 3 */
  int mult_exp;         /* power of ten of 万 / 亿 applied to value */
  bool more;            /* "50余人": more than the number */
} amount;

static unit_text static_unit(const char *s) {
  unit_text u = {s, strlen(s), false};
  return u;
}

static bool unit_equal(unit_text a, unit_text b) {
  return a.length == b.length && memcmp(a.chars, b.chars, a.length) == 0;
}

/* The number a NUM token spells, with full-width digits and points made
** ASCII and thousands separators dropped, negated if asked. */
static bool read_number(parser *p, const token *t, bool negative, rb_num *out) {
  char small[64];
  char *ascii = t->length + 2 <= sizeof small ? small : malloc(t->length + 2);
  if (!ascii) {
    p->out_of_memory = true;
    return false;
  }
  const unsigned char *s = (const unsigned char *)p->src + t->offset;
  size_t n = 0;
  if (negative) ascii[n++] = '-';
  for (size_t i = 0; i < t->length;) {
    if (s[i] == 0xEF && i + 2 < t->length && s[i + 1] == 0xBC) {
      unsigned char c = s[i + 2];
      if (c >= 0x90 && c <= 0x99) ascii[n++] = (char)('0' + (c - 0x90)); /* ０-９ */
      else if (c == 0x8E) ascii[n++] = '.';                                /* ． */
      i += 3;                                                              /* or ， */
    } else {
      if (s[i] != ',') ascii[n++] = (char)s[i];
      i++;
    }
  }
  bool ok = rb_num_parse(p->nums, ascii, n, out);
  if (ascii != small) free(ascii);
  /* The scanner only makes well-formed literals: failure is memory. */
  if (!ok) p->out_of_memory = true;
  return ok;
}

/* The integer a NUM token spells when it is only digits (no point, no
** separator) and at most four of them, with the number of digits. */
static bool read_small_int(const parser *p, const token *t, int *value, int *digits) {
  if (t->type != NT_NUM) return false;
  const unsigned char *s = (const unsigned char *)p->src + t->offset;
  int v = 0, d = 0;
  for (size_t i = 0; i < t->length; d++) {
    if (s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      i++;
    } else if (digit_at(s + i, t->length - i)) {
      v = v * 10 + (s[i + 2] - 0x90);
      i += 3;
    } else {
      return false;
    }
    if (d >= 4) return false;
  }
  *value = v;
  *digits = d;
  return true;
}

/* Whether a NUM token looks like a year: exactly four digits. */
static bool is_year_number(const parser *p, const token *t) {
  int value, digits;
  return read_small_int(p, t, &value, &digits) && digits == 4;
}

/* v × 10^exp, noting memory failure. */
static bool scale(parser *p, rb_num v, int exp, rb_num *out) {
  if (rb_num_scale10(p->nums, v, exp, out)) return true;
  p->out_of_memory = true;
  return false;
}

/* Whether t can be part of a unit.  The first unit character right after
** the number may not be 年 after a four-digit number ("2024年" is a year,
** not 2024 years) nor 月 ("5月" is May, not five months); both are fine
** further in ("3个月", "次/年"). */
static bool is_unit_token(const token *t, bool first, bool year_number) {
  switch (t->type) {
  case NT_UNIT:
  case NT_MONEY:
  case NT_DAY:
    return true;
  case NT_YEAR:
    return !first || !year_number;
  case NT_MONTH:
  case NT_MULT:
    return !first;
  default:
    return false;
  }
}

/* amount = [sign] number ["余"|"多"] ["万"|"亿"] [unit].  False, with the
** position anywhere, when the tokens are not an amount.
**
** The unit decides the kind: % and ‰ make a PERCENT, a money word alone
** (元, 万元, 亿元, 千元…) makes MONEY in 元, anything else a QUANTITY
** with the unit as written, no unit a NUMBER.  A compound unit ("元/人/天",
** "万元/公里") is a rate: a QUANTITY whose value is the number as written
** and whose unit keeps any 万 or 亿. */
static bool parse_amount(parser *p, amount *a) {
  bool negative = false;
  if ((at(p, 0, NT_PLUS) || at(p, 0, NT_DASH)) && at(p, 1, NT_NUM)) {
    negative = at(p, 0, NT_DASH);
    p->pos++;
  }
  const token *number = peek(p, 0);
  if (number->type != NT_NUM || !read_number(p, number, negative, &a->value)) return false;
  p->pos++;
  bool year_number = is_year_number(p, number);
  a->kind = RB_MK_NUMBER;
  a->unit = static_unit("");
  a->unit_exp = 0;
  a->mult_exp = 0;
  a->more = false;
  if (at(p, 0, NT_MORE)) {
    a->more = true;
    p->pos++;
  }
  size_t mult_at = p->pos;
  int mult = 0;
  if (at(p, 0, NT_MULT)) mult = p->tokens[p->pos++].sub;

  const token *t = peek(p, 0);
  if (t->type == NT_PERCENT || t->type == NT_PERMILLE) {
    if (mult != 0) return false; /* "5万%" */
    a->kind = RB_MK_PERCENT;
    a->unit = static_unit(t->type == NT_PERCENT ? "%" : "‰");
    p->pos++;
    return true;
  }
  if (t->type == NT_MONEY && !at(p, 1, NT_SLASH)) {
    a->kind = RB_MK_MONEY;
    a->unit = static_unit("元");
    a->unit_exp = t->sub;
    a->mult_exp = mult;
    p->pos++;
    return scale(p, a->value, mult + t->sub, &a->value);
  }
  if (!is_unit_token(t, true, year_number)) {
    a->mult_exp = mult;
    return scale(p, a->value, mult, &a->value);
  }
  size_t unit_start = p->pos++;
  bool compound = false;
  for (;;) {
    if (is_unit_token(peek(p, 0), false, year_number)) {
      p->pos++;
    } else if (at(p, 0, NT_SLASH) && is_unit_token(peek(p, 1), false, year_number)) {
      compound = true;
      p->pos += 2;
    } else {
      break;
    }
  }
  const token *last = &p->tokens[p->pos - 1];
  a->kind = RB_MK_QUANTITY;
  if (compound) {
    /* A rate: keep the number and the unit exactly as written. */
    const token *first = &p->tokens[mult != 0 ? mult_at : unit_start];
    a->unit.chars = p->src + first->offset;
    a->unit.length = last->offset + last->length - first->offset;
    a->unit.written = true;
    return true;
  }
  const token *first = &p->tokens[unit_start];
  a->unit.chars = p->src + first->offset;
  a->unit.length = last->offset + last->length - first->offset;
  a->unit.written = true;
  a->mult_exp = mult;
  return scale(p, a->value, mult, &a->value);
}

/* range = amount dash amount | "±" amount.  The first bound may leave out
** the unit and take the second's ("90-100%", "1-2万元"); the bounds must
** then agree in kind and unit, and low ≤ high. */
static bool parse_range(parser *p, amount *low, amount *high, bool *plus_minus) {
  *plus_minus = false;
  if (at(p, 0, NT_PLUSMINUS)) {
    p->pos++;
    if (!at(p, 0, NT_NUM) || !parse_amount(p, high) || high->more) return false;
    *low = *high;
    *plus_minus = true;
    if (!rb_num_neg(p->nums, high->value, &low->value)) {
      p->out_of_memory = true;
      return false;
    }
    return rb_num_sign(high->value) >= 0;
  }
  if (!parse_amount(p, low)) return false;
  if (!at(p, 0, NT_DASH) && !at(p, 0, NT_RANGE)) return false;
  p->pos++;
  if (!parse_amount(p, high)) return false;
  if (low->more || high->more) return false;
  if (low->kind == RB_MK_NUMBER && high->kind != RB_MK_NUMBER) {
    /* "1-2万元": the 1 is 1万元 too.  "1万-2万元": the 万 is already applied. */
    int exp = high->unit_exp + (low->mult_exp == 0 ? high->mult_exp : 0);
    if (!scale(p, low->value, exp, &low->value)) return false;
    low->kind = high->kind;
    low->unit = high->unit;
  }
  if (low->kind != high->kind || !unit_equal(low->unit, high->unit)) return false;
  return rb_num_cmp(low->value, high->value) <= 0;
}

/* The date of year-month-day; day 0 means the last day of the month. */
static bool make_date(int year, int month, int day, int32_t *out) {
  if (day != 0) return rb_date_from_ymd(year, month, day, out);
  if (month == 12) return rb_date_from_ymd(year, 12, 31, out);
  int32_t next;
  if (month < 1 || month > 12 || !rb_date_from_ymd(year, month + 1, 1, &next)) return false;
  *out = next - 1;
  return true;
}

/* What follows a year, or stands alone for the report's year: 年底, 年内,
** 年中, 上半年, 第一季度, 4月, 4月1日, 4月底.  *implied is LE for 年内. */
static bool parse_in_year(parser *p, int year, int32_t *days, rb_cmp *implied) {
  const token *t = peek(p, 0);
  int month = 0, day = 0, digits;
  switch (t->type) {
  case NT_YEAR_END:
    p->pos++;
    return make_date(year, 12, 31, days);
  case NT_YEAR_WITHIN:
    p->pos++;
    *implied = RB_CMP_LE;
    return make_date(year, 12, 31, days);
  case NT_YEAR_MID:
    p->pos++;
    return make_date(year, 6, 30, days);
  case NT_HALF:
  case NT_QUARTER:
    month = t->type == NT_HALF ? 6 * t->sub : 3 * t->sub;
    p->pos++;
    if (at(p, 0, NT_END)) p->pos++; /* 一季度末 */
    return make_date(year, month, 0, days);
  case NT_NUM:
    if (!read_small_int(p, t, &month, &digits) || digits > 2 || !at(p, 1, NT_MONTH)) return false;
    p->pos += 2;
    if (read_small_int(p, peek(p, 0), &day, &digits) && digits <= 2 && at(p, 1, NT_DAY)) {
      p->pos += 2;
      if (day == 0) return false;
    } else if (at(p, 0, NT_END)) {
      p->pos++; /* 6月底 */
    }
    return make_date(year, month, day, days);
  default:
    return false;
  }
}

/* The three numbers of a dotted date "2024.4.1" (ASCII or full-width). */
static bool read_dotted(const parser *p, const token *t, int part[3], int digits[3]) {
  const unsigned char *s = (const unsigned char *)p->src + t->offset;
  int k = 0;
  part[0] = part[1] = part[2] = 0;
  digits[0] = digits[1] = digits[2] = 0;
  for (size_t i = 0; i < t->length;) {
    if (s[i] == '.' || (s[i] == 0xEF && s[i + 1] == 0xBC && s[i + 2] == 0x8E)) {
      if (++k > 2) return false;
      i += s[i] == '.' ? 1 : 3;
      continue;
    }
    int d = s[i] <= '9' ? s[i] - '0' : s[i + 2] - 0x90;
    i += s[i] <= '9' ? 1 : 3;
    if (++digits[k] > 4) return false;
    part[k] = part[k] * 10 + d;
  }
  return k == 2;
}

/* date, as listed at the top of this file.  *implied is the comparator the
** date itself carries (年内: LE). */
static bool parse_date(parser *p, int32_t *days, rb_cmp *implied) {
  const token *t = peek(p, 0);
  int year, month, day, digits;
  if (t->type == NT_DOTTED) {
    int part[3], part_digits[3];
    p->pos++;
    return read_dotted(p, t, part, part_digits) && part_digits[0] == 4 && part_digits[1] <= 2 &&
           part_digits[2] <= 2 && part[2] != 0 && make_date(part[0], part[1], part[2], days);
  }
  if (t->type == NT_NUM && is_year_number(p, t)) {
    read_small_int(p, t, &year, &digits);
    const token *sep = peek(p, 1);
    switch (sep->type) {
    case NT_DASH:
    case NT_SLASH: /* 2024-04-01, 2024/4/1, 2024-04 */
      if (!read_small_int(p, peek(p, 2), &month, &digits) || digits > 2) return false;
      p->pos += 3;
      day = 0;
      if (at(p, 0, sep->type) && read_small_int(p, peek(p, 1), &day, &digits) && digits <= 2) {
        p->pos += 2;
        if (day == 0) return false;
      }
      return make_date(year, month, day, days);
    case NT_YEAR_END:
    case NT_YEAR_WITHIN:
    case NT_YEAR_MID: /* 2024年底: the scanner took 年底 as one word */
      p->pos++;
      return parse_in_year(p, year, days, implied);
    case NT_YEAR:
      p->pos += 2;
      return parse_in_year(p, year, days, implied);
    default:
      return false;
    }
  }
  /* Without a year: only with the report's. */
  return p->year != 0 && parse_in_year(p, p->year, days, implied);
}

/* Fold comparator c into *acc; false if they disagree. */
static bool merge_cmp(rb_cmp *acc, rb_cmp c) {
  if (c == RB_CMP_NONE || c == *acc) return true;
  if (*acc != RB_CMP_NONE) return false;
  *acc = c;
  return true;
}

/* Copy a unit into the arena, writing the full-width slash ／ as '/'.
** Static units are returned as they are. */
static const char *unit_string(parser *p, rb_arena *arena, unit_text u) {
  if (!u.written) return u.chars;
  char *s = rb_arena_alloc(arena, u.length + 1);
  if (!s) {
    p->out_of_memory = true;
    return "";
  }
  size_t o = 0;
  for (size_t i = 0; i < u.length;) {
    if (i + 2 < u.length && memcmp(u.chars + i, "／", 3) == 0) {
      s[o++] = '/';
      i += 3;
    } else {
      s[o++] = u.chars[i++];
    }
  }
  s[o] = '\0';
  return s;
}

/* The prefix of a measure: [label] [约] [cmp] [约]. */
typedef struct prefix {
  rb_cmp cmp;
  bool approx;
} prefix;

/* Try value = date [date-suffix] ["完成"] at the current position. */
static bool read_date_value(parser *p, prefix pre, rb_measure *m) {
  int32_t days;
  rb_cmp cmp = pre.cmp, implied = RB_CMP_NONE;
  if (!parse_date(p, &days, &implied) || !merge_cmp(&cmp, implied)) return false;
  if (at(p, 0, NT_DATE_SUFFIX) && !merge_cmp(&cmp, peek(p, 0)->sub)) return false;
  if (at(p, 0, NT_DATE_SUFFIX)) p->pos++;
  if (at(p, 0, NT_DONE)) p->pos++;
  if (!at(p, 0, NT_EOF)) return false;
  m->kind = RB_MK_DATE;
  m->cmp = cmp;
  m->value = rb_num_int(days);
  m->unit = "";
  return true;
}

/* Try value = range ["之间"]: no comparator, except 以内 after ±. */
static bool read_range_value(parser *p, rb_arena *arena, prefix pre, rb_measure *m) {
  amount low, high;
  bool plus_minus;
  if (pre.cmp != RB_CMP_NONE || !parse_range(p, &low, &high, &plus_minus)) return false;
  if (plus_minus && at(p, 0, NT_SUFFIX) && peek(p, 0)->sub == RB_CMP_LE) p->pos++; /* ±10%以内 */
  else if (at(p, 0, NT_BETWEEN)) p->pos++;
  if (!at(p, 0, NT_EOF)) return false;
  m->kind = RB_MK_RANGE;
  m->cmp = RB_CMP_NONE;
  m->value = rb_num_int(0);
  m->low = low.value;
  m->high = high.value;
  m->range_kind = high.kind;
  m->unit = unit_string(p, arena, high.unit);
  return true;
}

/* Try value = amount [suffix] ["左右"]. */
static bool read_amount_value(parser *p, rb_arena *arena, prefix pre, rb_measure *m) {
  amount a;
  rb_cmp cmp = pre.cmp;
  bool approx = pre.approx;
  if (!parse_amount(p, &a)) return false;
  if (a.more && !merge_cmp(&cmp, RB_CMP_GT)) return false;
  for (int i = 0; i < 2; i++) {
    if (at(p, 0, NT_SUFFIX)) {
      if (!merge_cmp(&cmp, peek(p, 0)->sub)) return false;
      p->pos++;
    } else if (at(p, 0, NT_APPROX_SUFFIX)) {
      approx = true;
      p->pos++;
    }
  }
  if (!at(p, 0, NT_EOF)) return false;
  m->kind = a.kind;
  m->cmp = cmp;
  m->value = a.value;
  m->unit = unit_string(p, arena, a.unit);
  m->approx = approx;
  return true;
}

/* measure, as in the grammar at the top.  False when the tokens are not a
** value: the caller then makes the measure TEXT. */
static bool read_measure(parser *p, rb_arena *arena, rb_measure *m) {
  if (p->count == 1 && at(p, 0, NT_BOOL)) {
    m->kind = RB_MK_BOOL;
    m->value = rb_num_int(peek(p, 0)->sub);
    return true;
  }
  prefix pre = {RB_CMP_NONE, false};
  if (at(p, 0, NT_LABEL)) p->pos++;
  if (at(p, 0, NT_APPROX)) {
    pre.approx = true;
    p->pos++;
  }
  if (at(p, 0, NT_CMP)) pre.cmp = p->tokens[p->pos++].sub;
  if (!pre.approx && at(p, 0, NT_APPROX)) {
    pre.approx = true;
    p->pos++;
  }
  size_t start = p->pos;
  m->approx = pre.approx;
  if (read_date_value(p, pre, m) || p->out_of_memory) return !p->out_of_memory;
  p->pos = start;
  if (read_range_value(p, arena, pre, m) || p->out_of_memory) return !p->out_of_memory;
  p->pos = start;
  return read_amount_value(p, arena, pre, m) && !p->out_of_memory;
}

/* Make *m the TEXT measure of `text`. */
static void make_text(rb_measure *m, const char *text) {
  memset(m, 0, sizeof *m);
  m->kind = RB_MK_TEXT;
  m->cmp = RB_CMP_NONE;
  m->value = m->low = m->high = rb_num_int(0);
  m->range_kind = RB_MK_TEXT;
  m->unit = "";
  m->text = text;
}

bool rb_notation_read(rb_numctx *nums, rb_arena *arena, const char *text, size_t len, int year,
                      rb_measure *out) {
  const unsigned char *s = (const unsigned char *)(text ? text : "");
  if (!text) len = 0;
  size_t w;
  while ((w = space_at(s, len)) != 0) {
    s += w;
    len -= w;
  }
  while ((w = space_before(s, len)) != 0) len -= w;

  const char *clean = clean_copy(arena, s, len);
  if (!clean) return false;
  make_text(out, clean);
  if (len == 0 || len > NOTATION_MAX_BYTES) return true;

  char *squeezed = malloc(len + 1);
  token *tokens = malloc((len + 1) * sizeof *tokens);
  size_t count = 0;
  bool ok = squeezed && tokens;
  if (ok) {
    size_t n = squeeze_spaces(s, len, squeezed);
    squeezed[n] = '\0';
    ok = tokenize(squeezed, n, tokens, &count);
  }
  if (ok) {
    parser p = {nums, squeezed, tokens, count, 0, year, false};
    rb_measure m;
    make_text(&m, clean);
    if (read_measure(&p, arena, &m)) *out = m;
    ok = !p.out_of_memory;
  }
  free(tokens);
  free(squeezed);
  return ok;
}

/* ---- JSON output -------------------------------------------------------- */

/* s as a JSON string: quotes and backslashes escaped, control characters
** as \u00XX, bytes that are not UTF-8 as U+FFFD. */
static void write_json_string(FILE *out, const char *s) {
  const unsigned char *u = (const unsigned char *)(s ? s : "");
  size_t n = strlen((const char *)u);
  putc('"', out);
  for (size_t i = 0; i < n;) {
    size_t k = utf8_sequence_length(u + i, n - i);
    if (k == 0) {
      fputs(replacement_char, out);
      i++;
    } else if (u[i] == '"' || u[i] == '\\') {
      putc('\\', out);
      putc(u[i++], out);
    } else if (u[i] < 0x20 || u[i] == 0x7F) {
      fprintf(out, "\\u%04x", u[i++]);
    } else {
      fwrite(u + i, 1, k, out);
      i += k;
    }
  }
  putc('"', out);
}

/* An exact number as a JSON string ("165.52", "193000000"). */
static void write_json_number(FILE *out, rb_num v) {
  char small[64];
  size_t need = rb_num_format(v, small, sizeof small);
  if (need < sizeof small) {
    fprintf(out, "\"%s\"", small);
    return;
  }
  char *big = malloc(need + 1);
  if (!big) {
    fputs("\"?\"", out); /* out of memory while printing: nowhere to report it */
    return;
  }
  rb_num_format(v, big, need + 1);
  fprintf(out, "\"%s\"", big);
  free(big);
}

void rb_measure_write_json(FILE *out, const rb_measure *m) {
  fputs("{\"text\": ", out);
  write_json_string(out, m->text);
  fprintf(out, ", \"kind\": \"%s\", \"cmp\": ", rb_measure_kind_name(m->kind));
  if (m->cmp == RB_CMP_NONE) fputs("null", out);
  else fprintf(out, "\"%s\"", rb_cmp_name(m->cmp));
  fputs(", \"value\": ", out);
  int64_t days;
  switch (m->kind) {
  case RB_MK_TEXT:
  case RB_MK_RANGE:
    fputs("null", out);
    break;
  case RB_MK_DATE:
    if (rb_num_to_int64(m->value, &days) && days >= INT32_MIN && days <= INT32_MAX) {
      int y, mo, d;
      rb_date_to_ymd((int32_t)days, &y, &mo, &d);
      fprintf(out, "\"%04d-%02d-%02d\"", y, mo, d);
    } else {
      fputs("null", out);
    }
    break;
  default: /* BOOL prints "1" or "0" like any number */
    write_json_number(out, m->value);
    break;
  }
  if (m->kind == RB_MK_RANGE) {
    fputs(", \"low\": ", out);
    write_json_number(out, m->low);
    fputs(", \"high\": ", out);
    write_json_number(out, m->high);
  }
  fputs(", \"unit\": ", out);
  write_json_string(out, m->unit);
  if (m->kind == RB_MK_RANGE) fprintf(out, ", \"range_kind\": \"%s\"", rb_measure_kind_name(m->range_kind));
  if (m->approx) fputs(", \"approx\": true", out);
  putc('}', out);
}
