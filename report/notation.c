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
** Steps 3 and 4 run together: the parser asks for tokens as it looks at
** them, so a text that cannot be a value ("对比上年有增长") is given up
** after a token or two instead of being cut up whole.  Tokens are the same
** either way; only how many are made changes.
**
** Speed.  A batch run reads some forty values per report, millions of
** times, so the work per value is kept small: an rb_notation_reader holds
** one Flex scanner and the scratch buffers for the squeezed text and the
** tokens, so reading allocates nothing but the result's strings; steps 1
** and 2 are one pass over the bytes; and the plain values that make up
** most of a report ("100%", "≥90%", "0次", "2024年4月1日前") are read
** straight from the squeezed bytes by read_plain, which gives exactly what
** steps 3 and 4 would (see there; test_notation_reader compares the two).
** Numbers of up to 18 significant digits are computed in 64 bits and
** handed to num.c already reduced; longer ones go through rb_num_parse.
** And a reader memoises readings (see "Memoised readings"): a text met
** again, as most targets are ("100%", "≥95%", "对比上年有增长"), is copied
** from the memo without being squeezed, scanned or parsed.
**
**   measure  = "是" | "否" | "有" | "无"                       (alone)
**            | [label] [约] [cmp] [约] value
**   value    = date   [含] [date-suffix] [含] ["完成"]   (含 at most once)
**            | range  ["之间"]           (no comparator anywhere)
**            | amount [suffix] ["左右"] [含]   (the three in any order)
**   含       = "（含）" | "(含)": the bound is included (> becomes ≥)
**   amount   = [sign] number ["余"|"多"] ["万"|"亿"] [unit]
**   unit     = "%" | "‰" | "百分比" | money-word | unit-chars { "/" unit-chars }
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
#include "report/notation.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/money.h"
#include "base/utf8.h"
#include "notation_lexer.h"

/* Texts longer than this are TEXT without being scanned: no table cell
** holding a single value is anywhere near 64 KiB, and the bound keeps the
** token array and Flex's int lengths small. */
enum { NOTATION_MAX_BYTES = 64 * 1024 };

/* U+FFFD, written for bytes that are not UTF-8. */
static const char replacement_char[] = "\xEF\xBF\xBD";

/* ---- UTF-8 and whitespace ------------------------------------------------ */

/* Whether whitespace (rb_utf8_space_at) may start with byte c: a control
** byte, a space, C2 (U+00A0) or E3 (U+3000).  Most texts start with none of
** them (a digit, a letter, another CJK lead byte), and need no trimming. */
static bool space_may_start(unsigned char c) { return c <= ' ' || c == 0xC2 || c == 0xE3; }

/* Whether whitespace may end with byte c: a control byte, a space, A0
** (U+00A0) or 80 (U+3000). */
static bool space_may_end(unsigned char c) { return c <= ' ' || c == 0xA0 || c == 0x80; }

/* The byte length of the whitespace character ending at s[n-1], or 0. */
static size_t space_before(const unsigned char *s, size_t n) {
  if (n >= 1 && rb_utf8_space_at(s + n - 1, 1) == 1) return 1;
  if (n >= 2 && rb_utf8_space_at(s + n - 2, 2) == 2) return 2;
  if (n >= 3 && rb_utf8_space_at(s + n - 3, 3) == 3) return 3;
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
** reads as OTHER.  Returns the length written, and sets *clean to whether
** s[0..n) is well-formed UTF-8 without NULs (then it is its own clean copy)
** and *same to whether out[0..n) is s itself (no whitespace was met).
**
** The walk goes character by character where the bytes are UTF-8 and byte
** by byte where they are not, like clean_copy below; whitespace characters
** are themselves well-formed, and no well-formed character contains the
** bytes of one, so squeezing sees the same whitespace as a byte-by-byte
** walk would. */
static size_t squeeze_spaces(const unsigned char *s, size_t n, char *out, bool *clean, bool *same) {
  size_t i = 0, o = 0;
  bool valid = true, blank = false;
  while (i < n) {
    /* A run of printable ASCII, then a run of well-formed three-byte
    ** characters other than U+3000 (E3 80 80) — every CJK ideograph,
    ** full-width form and ≥: a lead byte E1..EF and two continuation
    ** bytes (E0 and ED have a narrower second byte: they go the long way).
    ** Both are copied as they are; anything else is looked at below. */
    while (i < n && s[i] > ' ' && s[i] < 0x7F) out[o++] = (char)s[i++];
    while (n - i >= 3) {
      unsigned char c0 = s[i], c1 = s[i + 1], c2 = s[i + 2];
      if (c0 < 0xE1 || c0 > 0xEF || c0 == 0xED || ((c1 ^ 0x80) | (c2 ^ 0x80)) >= 0x40 ||
          (c0 == 0xE3 && c1 == 0x80 && c2 == 0x80))
        break;
      out[o] = (char)c0;
      out[o + 1] = (char)c1;
      out[o + 2] = (char)c2;
      o += 3;
      i += 3;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c > ' ' && c < 0x7F) continue;
    size_t w = rb_utf8_space_at(s + i, n - i);
    if (w != 0) {
      blank = true;
      size_t j = i;
      while (j < n && (w = rb_utf8_space_at(s + j, n - j)) != 0) j += w;
      if (digit_before((const unsigned char *)out, o) && digit_at(s + j, n - j)) out[o++] = ' ';
      i = j;
      continue;
    }
    size_t k = c == '\0' ? 0 : rb_utf8_sequence_length(s + i, n - i);
    if (k == 0) {
      valid = false;
      k = 1;
    }
    for (size_t e = i + k; i < e;) out[o++] = (char)s[i++];
  }
  *clean = valid;
  *same = !blank;
  return o;
}

/* A NUL-terminated copy of s[0..n) in the arena in which NULs and bytes that
** are not UTF-8 are replaced by U+FFFD.  NULL when out of memory. */
static char *clean_copy(rb_arena *arena, const unsigned char *s, size_t n) {
  size_t size = 0;
  for (size_t i = 0; i < n;) {
    size_t k = rb_utf8_sequence_length(s + i, n - i);
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
    size_t k = rb_utf8_sequence_length(s + i, n - i);
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

/* ---- Exact decimals ------------------------------------------------------ */

/* 10^0 .. 10^18, every power of ten an int64 holds. */
static const uint64_t pow10_u64[19] = {
    1ULL,
    10ULL,
    100ULL,
    1000ULL,
    10000ULL,
    100000ULL,
    1000000ULL,
    10000000ULL,
    100000000ULL,
    1000000000ULL,
    10000000000ULL,
    100000000000ULL,
    1000000000000ULL,
    10000000000000ULL,
    100000000000000ULL,
    1000000000000000ULL,
    10000000000000000ULL,
    100000000000000000ULL,
    1000000000000000000ULL};
enum { POW10_MAX = 18 };

/* INT64_MAX / 10^k: the largest number of units that 10^k of them fit in an
** int64 (a table, because a 64-bit division is slow). */
#define MAX_TIMES(k) ((uint64_t)INT64_MAX / (k))
static const uint64_t int64_max_over_pow10[19] = {
    MAX_TIMES(1ULL),
    MAX_TIMES(10ULL),
    MAX_TIMES(100ULL),
    MAX_TIMES(1000ULL),
    MAX_TIMES(10000ULL),
    MAX_TIMES(100000ULL),
    MAX_TIMES(1000000ULL),
    MAX_TIMES(10000000ULL),
    MAX_TIMES(100000000ULL),
    MAX_TIMES(1000000000ULL),
    MAX_TIMES(10000000000ULL),
    MAX_TIMES(100000000000ULL),
    MAX_TIMES(1000000000000ULL),
    MAX_TIMES(10000000000000ULL),
    MAX_TIMES(100000000000000ULL),
    MAX_TIMES(1000000000000000ULL),
    MAX_TIMES(10000000000000000ULL),
    MAX_TIMES(100000000000000000ULL),
    MAX_TIMES(1000000000000000000ULL)};
#undef MAX_TIMES

/* digits × 10^(exp − fraction), negated if asked, where digits < 10^18 are
** the significant digits of a number written with `fraction` digits after
** the point.  When that value and the power of ten fit in 64 bits (every
** figure a report writes), make it with rb_num_int or rb_num_decimal: the
** same canonical value rb_num_parse and rb_num_scale10 would make.  False
** when it does not fit: the caller then takes the long route. */
static bool decimal_value(rb_numctx *nums, uint64_t digits, size_t fraction, bool negative, int exp,
                          rb_num *out) {
  if (fraction > POW10_MAX) return false;
  int e = exp - (int)fraction;
  if (digits == 0) {
    *out = rb_num_int(0);
    return true;
  }
  if (e >= 0 && e <= POW10_MAX && digits <= int64_max_over_pow10[e]) {
    int64_t v = (int64_t)(digits * pow10_u64[e]);
    *out = rb_num_int(negative ? -v : v);
    return true;
  }
  if (e < 0 && e >= -POW10_MAX) {
    /* digits < 10^18 fits in an int64; the result is small and needs no
    ** memory, so this cannot fail. */
    int64_t v = (int64_t)digits;
    return rb_num_decimal(nums, negative ? -v : v, -e, out);
  }
  return false;
}

/* The units that are not copied from the text. */
static const char unit_none[] = "", unit_percent[] = "%", unit_permille[] = "‰", unit_yuan[] = "元";

/* ---- Dates ---------------------------------------------------------------- */

/* The date of year-month-day; day 0 means the last day of the month. */
static bool make_date(int year, int month, int day, int32_t *out) {
  if (day != 0) return rb_date_from_ymd(year, month, day, out);
  if (month == 12) return rb_date_from_ymd(year, 12, 31, out);
  int32_t next;
  if (month < 1 || month > 12 || !rb_date_from_ymd(year, month + 1, 1, &next)) return false;
  *out = next - 1;
  return true;
}

/* ---- Hashing short byte strings ------------------------------------------ */

/* A hash of s[0..n) (n > 0; meant for a few dozen bytes, as the memo's keys
** and the prefix words): eight bytes at a time, the last eight (or four, or
** the first, middle and last byte) overlapping what came before, multiplied
** and folded.  Users take its top bits, and compare the bytes in full when
** hashes are equal. */
static uint64_t load64(const unsigned char *s) {
  uint64_t w;
  memcpy(&w, s, sizeof w);
  return w;
}
static uint64_t load32(const unsigned char *s) {
  uint32_t w;
  memcpy(&w, s, sizeof w);
  return w;
}
static inline uint64_t short_hash(const unsigned char *s, size_t n) {
  const uint64_t k = 0x9E3779B97F4A7C15ULL;
  uint64_t h = (uint64_t)n * k, last;
  if (n >= 8) {
    for (size_t i = 0; n - i > 8; i += 8) {
      h = (h ^ load64(s + i)) * k;
      h ^= h >> 32;
    }
    last = load64(s + n - 8);
  } else if (n >= 4) {
    last = load32(s) << 32 | load32(s + n - 4);
  } else {
    last = (uint64_t)s[0] << 16 | (uint64_t)s[n / 2] << 8 | s[n - 1];
  }
  h = (h ^ last) * k;
  h ^= h >> 29;
  return h * k;
}

/* ---- Plain values: a shortcut past the scanner and the parser ------------- */

/* Most targets and actuals are a plain number with at most a comparator,
** one unit and a suffix ("100%", "≥90%", "0次", "1,953人", "95%以上",
** "不少于50篇", "20万元"), or a date with its year ("2024年4月1日前",
** "≤2024-04-01").  read_plain reads exactly those, straight from the
** squeezed bytes, into the measure the general route would make:
**
**   plain  = [prefix] (number [unit] | date) [suffix]
**   number = digits, or 1-3 of them and groups of three after ',' or '，';
**            then "." or "．" and digits (ASCII or full-width digits, mixed
**            as NUMBER allows)
**   unit   = "%" | "％" | "百分比" | "‰" | money-word | ["万" | "亿"] unit-char {unit-char | "日" | "月"}
**   date   = see read_plain_date
**
** with a prefix or a suffix, not both (the general route checks that the
** two agree).  Anything else, or a value the 64-bit arithmetic cannot hold,
** goes the general way.
**
** Why the result is the same.  Each piece is exactly one token of
** notation_scan.l: a prefix word is followed by a digit and no rule
** goes on from one into a digit; the number is NUMBER's longest match (the
** shortcut stops where NUMBER does, and a digit, separator or point left
** over sends the text the general way); money words and 万 / 亿 are the
** tokens NT_MONEY and NT_MULT; no rule starts with a unit character, so
** each is NT_UNIT on its own; 日 and 月 are NT_DAY and NT_MONTH, unit tokens
** after the first.  For those token sequences the grammar's date
** alternative needs 年, 月, a dash or a slash right after a number, which
** a plain amount never has, and the range alternative needs a dash after
** the amount or no comparator; so the amount alternative decides, and
** read_amount_value and parse_amount build the kind, comparator, value
** (number × 10^(万, 亿, money word)), unit and scale (that power of ten, for
** money) built here.  百分比 is the one token NT_PERCENT, as %.  Dates are
** argued at read_plain_date.  test_notation_reader reads every test case
** and a generated corpus of these forms and their near misses both ways. */

/* A word of the tables below and its length in bytes. */
#define WORD(w) w, sizeof w - 1

/* Comparator words written before the value, as in notation_scan.l. */
static const struct {
  const char *word;
  size_t length;
  rb_cmp cmp;
} plain_prefixes[] = {
    {WORD("≥"), RB_CMP_GE}, {WORD("⩾"), RB_CMP_GE}, {WORD("≧"), RB_CMP_GE}, {WORD(">="), RB_CMP_GE},
    {WORD("＞＝"), RB_CMP_GE}, {WORD("不低于"), RB_CMP_GE}, {WORD("不少于"), RB_CMP_GE},
    {WORD("不小于"), RB_CMP_GE}, {WORD("达到"), RB_CMP_GE}, {WORD("达"), RB_CMP_GE},
    {WORD("至少"), RB_CMP_GE}, {WORD("最少"), RB_CMP_GE}, {WORD("大于等于"), RB_CMP_GE},
    {WORD("大于或等于"), RB_CMP_GE}, {WORD("不早于"), RB_CMP_GE},
    {WORD("≤"), RB_CMP_LE}, {WORD("⩽"), RB_CMP_LE}, {WORD("≦"), RB_CMP_LE}, {WORD("<="), RB_CMP_LE},
    {WORD("＜＝"), RB_CMP_LE}, {WORD("不超过"), RB_CMP_LE}, {WORD("不高于"), RB_CMP_LE},
    {WORD("不大于"), RB_CMP_LE}, {WORD("不多于"), RB_CMP_LE}, {WORD("至多"), RB_CMP_LE},
    {WORD("最多"), RB_CMP_LE}, {WORD("小于等于"), RB_CMP_LE}, {WORD("小于或等于"), RB_CMP_LE},
    {WORD("未超过"), RB_CMP_LE}, {WORD("控制在"), RB_CMP_LE}, {WORD("不晚于"), RB_CMP_LE},
    {WORD(">"), RB_CMP_GT}, {WORD("＞"), RB_CMP_GT}, {WORD("大于"), RB_CMP_GT}, {WORD("高于"), RB_CMP_GT},
    {WORD("超过"), RB_CMP_GT}, {WORD("超"), RB_CMP_GT}, {WORD("多于"), RB_CMP_GT},
    {WORD("晚于"), RB_CMP_GT},
    {WORD("<"), RB_CMP_LT}, {WORD("＜"), RB_CMP_LT}, {WORD("小于"), RB_CMP_LT}, {WORD("低于"), RB_CMP_LT},
    {WORD("少于"), RB_CMP_LT}, {WORD("不足"), RB_CMP_LT}, {WORD("不满"), RB_CMP_LT},
    {WORD("未达到"), RB_CMP_LT}, {WORD("早于"), RB_CMP_LT},
    {WORD("="), RB_CMP_EQ}, {WORD("＝"), RB_CMP_EQ}, {WORD("等于"), RB_CMP_EQ},
    /* The signs of input methods (notation_scan.l), rarer: last, so that
    ** the common words are found as quickly as before. */
    {WORD("＞="), RB_CMP_GE}, {WORD(">＝"), RB_CMP_GE}, {WORD("﹥﹦"), RB_CMP_GE}, {WORD("﹥="), RB_CMP_GE},
    {WORD("﹥＝"), RB_CMP_GE}, {WORD("＜="), RB_CMP_LE}, {WORD("<＝"), RB_CMP_LE}, {WORD("﹤﹦"), RB_CMP_LE},
    {WORD("﹤="), RB_CMP_LE}, {WORD("﹤＝"), RB_CMP_LE}, {WORD("﹥"), RB_CMP_GT}, {WORD("﹤"), RB_CMP_LT},
    {WORD("﹦"), RB_CMP_EQ}, {WORD("═"), RB_CMP_EQ},
};

/* The longest of them in bytes (大于或等于). */
enum { PLAIN_PREFIX_MAX = 15 };

/* Comparator words written after the value. */
static const struct {
  const char *word;
  size_t length;
  rb_cmp cmp;
} plain_suffixes[] = {
    {WORD("以上"), RB_CMP_GE}, {WORD("及以上"), RB_CMP_GE}, {WORD("或以上"), RB_CMP_GE},
    {WORD("以下"), RB_CMP_LE}, {WORD("及以下"), RB_CMP_LE}, {WORD("或以下"), RB_CMP_LE},
    {WORD("以内"), RB_CMP_LE}, {WORD("之内"), RB_CMP_LE}, {WORD("内"), RB_CMP_LE},
};

/* Unit characters the shortcut knows: none starts a word of
** notation_scan.l, so each is a unit token of its own.  A character
** missing here only sends its texts the general way. */
static const char plain_unit_chars[] =
    "个亩人件份位作例倍克公册分升单只台名吨周园场块处天头套宗家届工平床座张户所批支斤"
    "方时期村条架栋株棵次点片班票种秒站笔篇米类组艘节课轮辆部里镇门间队页项";

static bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* The byte length of the digit at s[0..n): 1 for an ASCII one, 3 for a
** full-width one (U+FF10..FF19, EF BC 90..99), 0 if there is none. */
static size_t digit_width(const unsigned char *s, size_t n) {
  if (n >= 1 && is_ascii_digit(s[0])) return 1;
  return n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99 ? 3 : 0;
}

/* The value of the digit of width w (digit_width) at s. */
static unsigned digit_value(const unsigned char *s, size_t w) {
  return w == 1 ? (unsigned)(s[0] - '0') : (unsigned)(s[2] - 0x90);
}

/* Whether s[0..n) starts with the word w[0..k); k if so, else 0.  The
** first byte turns most words away; the rest is compared without a call
** to memcmp, which costs more than these few bytes. */
static size_t starts_with(const unsigned char *s, size_t n, const char *w, size_t k) {
  const unsigned char *u = (const unsigned char *)w;
  if (k > n || s[0] != u[0]) return 0;
  unsigned differ = 0;
  for (size_t i = 1; i < k; i++) differ |= (unsigned)(s[i] ^ u[i]);
  return differ == 0 ? k : 0;
}

/* plain_prefixes by their bytes: open addressing with linear probing over
** short_hash, a slot holding an index + 1 (0: empty).  A reader builds it
** once; it is a quarter full, so a look-up reads a slot or two instead of
** going down the list. */
enum { PREFIX_SET_SLOTS = 256 };
typedef struct prefix_set {
  uint8_t slot[PREFIX_SET_SLOTS];
} prefix_set;

static size_t prefix_set_home(const unsigned char *s, size_t n) { return (size_t)(short_hash(s, n) >> 56); }

/* The index in plain_prefixes of the word s[0..n), or -1. */
static int prefix_set_find(const prefix_set *set, const unsigned char *s, size_t n) {
  for (size_t i = prefix_set_home(s, n); set->slot[i] != 0; i = (i + 1) % PREFIX_SET_SLOTS) {
    int k = set->slot[i] - 1;
    if (plain_prefixes[k].length == n && starts_with(s, n, plain_prefixes[k].word, n) != 0) return k;
  }
  return -1;
}

static void prefix_set_build(prefix_set *set) {
  memset(set, 0, sizeof *set);
  for (size_t k = 0; k < sizeof plain_prefixes / sizeof plain_prefixes[0]; k++) {
    const unsigned char *w = (const unsigned char *)plain_prefixes[k].word;
    size_t n = plain_prefixes[k].length;
    if (prefix_set_find(set, w, n) >= 0) continue; /* the first of a word written twice */
    size_t i = prefix_set_home(w, n);
    while (set->slot[i] != 0) i = (i + 1) % PREFIX_SET_SLOTS;
    set->slot[i] = (uint8_t)(k + 1);
  }
}

/* The three bytes of a CJK character as one number; CHAR3("元") is a
** constant the compiler folds. */
static uint32_t char3(const unsigned char *s) {
  return (uint32_t)s[0] << 16 | (uint32_t)s[1] << 8 | s[2];
}
#define CHAR3(literal) char3((const unsigned char *)(literal))

/* plain_unit_chars as a set of char3 numbers: open addressing with linear
** probing, 0 marking an empty slot.  A reader builds it once; it is little
** more than half full, so a look-up reads one or two slots. */
enum { UNIT_SET_SLOTS = 128 };
typedef struct unit_set {
  uint32_t slot[UNIT_SET_SLOTS];
} unit_set;

/* The slot where the search for c starts: the top 7 bits of a
** multiplicative hash. */
static size_t unit_set_home(uint32_t c) {
  return (size_t)((c * 2654435761u) >> 25);
}

static void unit_set_build(unit_set *set) {
  memset(set, 0, sizeof *set);
  for (size_t k = 0; k + 3 <= sizeof plain_unit_chars - 1; k += 3) {
    uint32_t c = char3((const unsigned char *)plain_unit_chars + k);
    size_t i = unit_set_home(c);
    while (set->slot[i] != 0 && set->slot[i] != c) i = (i + 1) % UNIT_SET_SLOTS;
    set->slot[i] = c;
  }
}

static bool unit_set_has(const unit_set *set, uint32_t c) {
  for (size_t i = unit_set_home(c); set->slot[i] != 0; i = (i + 1) % UNIT_SET_SLOTS)
    if (set->slot[i] == c) return true;
  return false;
}

/* The length of the run of unit characters at s[0..n): a first character
** from plain_unit_chars, then more of them or 日 / 月 ("个工作日", "个月"),
** which are unit tokens after the first.  0 if there is none. */
static size_t plain_unit_run(const unit_set *units, const unsigned char *s, size_t n) {
  if (n < 3 || !unit_set_has(units, char3(s))) return 0;
  size_t i = 3;
  while (n - i >= 3) {
    uint32_t c = char3(s + i);
    if (!unit_set_has(units, c) && c != CHAR3("日") && c != CHAR3("月")) break;
    i += 3;
  }
  return i;
}

typedef enum plain_result { PLAIN_NO, PLAIN_DONE, PLAIN_NO_MEMORY } plain_result;

/* Deadline words written after a date, as in notation_scan.l. */
static const struct {
  const char *word;
  size_t length;
  rb_cmp cmp;
} plain_date_suffixes[] = {
    {WORD("前"), RB_CMP_LE}, {WORD("之前"), RB_CMP_LE}, {WORD("以前"), RB_CMP_LE},
    {WORD("后"), RB_CMP_GE}, {WORD("之后"), RB_CMP_GE}, {WORD("以后"), RB_CMP_GE},
};

/* The value of the one or two ASCII digits at s[*i..n), moving *i past
** them; -1 if there are none or more than two (then *i is anywhere). */
static int plain_small_int(const unsigned char *s, size_t n, size_t *i) {
  if (*i >= n || !is_ascii_digit(s[*i])) return -1;
  int v = s[(*i)++] - '0';
  if (*i < n && is_ascii_digit(s[*i])) v = v * 10 + (s[(*i)++] - '0');
  return *i < n && is_ascii_digit(s[*i]) ? -1 : v;
}

/* A plain date at s[i..len), i at its four-digit year, `cmp` the prefix's
** comparator:
**
**   date = year ("年" month "月" [day ("日" | "号") | "底" | "末"]
**                | "-" month ["-" day] | "/" month ["/" day]
**                | "." month "." day)
**          [deadline-word] ["完成"]
**
** with one or two ASCII digits for month and day, a day that is not 0, a
** real date, and a prefix or a deadline word, not both.  The tokens are
** NUM YEAR NUM MONTH [NUM DAY | END], NUM DASH NUM [DASH NUM], NUM SLASH
** NUM [SLASH NUM] or DOTTED (its longest match), then DATE_SUFFIX and
** DONE: no rule starts with 月 日 号 底 末 前 后 but that character, and
** the words that start with 年 (年底, 年内…) do not go on into a digit.
** For them parse_date reads this date (make_date, day 0 being the month's
** last day), so the date alternative, which comes first, succeeds and
** read_date_value makes the measure set below.  The report's year is not
** involved.  PLAIN_NO for anything else, with m untouched. */
static plain_result read_plain_date(const unsigned char *s, size_t len, size_t i, rb_cmp cmp,
                                    rb_measure *m) {
  int year = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
  i += 4;
  int month, day = 0;
  if (len - i >= 3 && char3(s + i) == CHAR3("年")) {
    i += 3;
    month = plain_small_int(s, len, &i);
    if (month < 0 || len - i < 3 || char3(s + i) != CHAR3("月")) return PLAIN_NO;
    i += 3;
    if (i < len && is_ascii_digit(s[i])) {
      if ((day = plain_small_int(s, len, &i)) <= 0 || len - i < 3) return PLAIN_NO;
      if (char3(s + i) != CHAR3("日") && char3(s + i) != CHAR3("号")) return PLAIN_NO;
      i += 3;
    } else if (len - i >= 3 && (char3(s + i) == CHAR3("底") || char3(s + i) == CHAR3("末"))) {
      i += 3;
    }
  } else if (s[i] == '-' || s[i] == '/' || s[i] == '.') {
    unsigned char sep = s[i++];
    if ((month = plain_small_int(s, len, &i)) < 0) return PLAIN_NO;
    if (i < len && s[i] == sep) {
      i++;
      if ((day = plain_small_int(s, len, &i)) <= 0) return PLAIN_NO;
    } else if (sep == '.') {
      return PLAIN_NO; /* 2024.4 is a number */
    }
  } else {
    return PLAIN_NO;
  }
  if (i < len) {
    for (size_t k = 0; k < sizeof plain_date_suffixes / sizeof plain_date_suffixes[0]; k++) {
      if (starts_with(s + i, len - i, plain_date_suffixes[k].word, plain_date_suffixes[k].length)) {
        if (cmp != RB_CMP_NONE) return PLAIN_NO;
        cmp = plain_date_suffixes[k].cmp;
        i += plain_date_suffixes[k].length;
        break;
      }
    }
    if (len - i == 6 && starts_with(s + i, len - i, WORD("完成"))) i = len;
    if (i < len) return PLAIN_NO;
  }
  int32_t days;
  if (!make_date(year, month, day, &days)) return PLAIN_NO;
  m->kind = RB_MK_DATE;
  m->cmp = cmp;
  m->value = rb_num_int(days);
  m->unit = unit_none;
  return PLAIN_DONE;
}

/* Read the squeezed text s[0..len) (not empty) into m if it is a plain
** value: set m's kind, comparator, value, unit and scale, which are TEXT,
** none, 0, "" and 0 before.  PLAIN_NO when it is not one: m is untouched
** and the general route must read it.  in_place: s[len] is '\0' and s
** lives as long as arena's strings, so a written unit that ends the text
** is that end rather than a copy.
**
** Every byte of a text read here belongs to a digit, a separator, a point
** or one of the words and characters above, none of which is whitespace,
** a NUL or ill-formed UTF-8: so a text read here is clean and squeezing it
** changes nothing.  read_with therefore tries the unsqueezed text first. */
static plain_result read_plain(const unit_set *units, const prefix_set *prefixes, rb_numctx *nums, rb_arena *arena,
                               const unsigned char *s, size_t len, bool in_place, rb_measure *m) {
  size_t i = 0;
  rb_cmp cmp = RB_CMP_NONE;
  if (!is_ascii_digit(s[0]) && digit_width(s, len) == 0) {
    /* A prefix is all that comes before the first digit, and it is short:
    ** most texts without a digit near the start are turned away here. */
    size_t digit = 1;
    while (digit < len && digit <= PLAIN_PREFIX_MAX && !is_ascii_digit(s[digit]) &&
           (s[digit] != 0xEF || digit_width(s + digit, len - digit) == 0))
      digit++;
    if (digit >= len || digit > PLAIN_PREFIX_MAX) return PLAIN_NO;
    int k = prefix_set_find(prefixes, s, digit);
    if (k < 0) return PLAIN_NO;
    i = digit;
    cmp = plain_prefixes[k].cmp;
  }

  /* A date, which starts with a four-digit year. */
  if (len - i > 4 && is_ascii_digit(s[i]) && is_ascii_digit(s[i + 1]) && is_ascii_digit(s[i + 2]) &&
      is_ascii_digit(s[i + 3]) && !is_ascii_digit(s[i + 4]) &&
      read_plain_date(s, len, i, cmp, m) == PLAIN_DONE)
    return PLAIN_DONE;

  /* The number, as NUMBER takes it: digits, or one to three digits and
  ** groups of three after ',' or '，' ("1,947"); then "." or "．" and
  ** digits, each digit ASCII or full-width. */
  uint64_t digits = 0;
  size_t significant = 0, fraction = 0, count = 0, dw;
#define ADD_DIGIT(v)                                                          \
  do {                                                                        \
    if ((significant != 0 || (v) != 0) && ++significant <= POW10_MAX)         \
      digits = digits * 10 + (v);                                             \
  } while (0)
  while ((dw = digit_width(s + i, len - i)) != 0) {
    ADD_DIGIT(digit_value(s + i, dw));
    i += dw;
    count++;
  }
  if (count <= 3) {
    for (;;) {
      size_t sep = i < len && s[i] == ',' ? 1 : len - i >= 3 && char3(s + i) == CHAR3("，") ? 3 : 0;
      if (sep == 0) break;
      size_t at = i + sep, width[3];
      int k = 0;
      for (; k < 3 && (width[k] = digit_width(s + at, len - at)) != 0; k++) at += width[k];
      if (k < 3) break;
      for (i += sep, k = 0; k < 3; i += width[k], k++) ADD_DIGIT(digit_value(s + i, width[k]));
    }
  }
  size_t point = i < len && s[i] == '.' ? 1 : len - i >= 3 && char3(s + i) == CHAR3("．") ? 3 : 0;
  if (point != 0 && digit_width(s + i + point, len - i - point) != 0) {
    for (i += point; (dw = digit_width(s + i, len - i)) != 0; i += dw) {
      fraction++;
      ADD_DIGIT(digit_value(s + i, dw));
    }
  }
#undef ADD_DIGIT
  if (significant > POW10_MAX) return PLAIN_NO;

  /* The unit, told apart by its first character. */
  rb_measure_kind kind = RB_MK_NUMBER;
  const char *unit = unit_none;
  const unsigned char *unit_chars = NULL;
  size_t unit_length = 0;
  int exp = 0;
  uint32_t c = len - i >= 3 ? char3(s + i) : 0;
  if (i < len && s[i] == '%') {
    kind = RB_MK_PERCENT;
    unit = unit_percent;
    i++;
  } else if (c == CHAR3("％")) {
    kind = RB_MK_PERCENT;
    unit = unit_percent;
    i += 3;
  } else if (c == CHAR3("百") && starts_with(s + i, len - i, WORD("百分比"))) {
    kind = RB_MK_PERCENT;
    unit = unit_percent;
    i += sizeof "百分比" - 1;
  } else if (c == CHAR3("‰")) {
    kind = RB_MK_PERCENT;
    unit = unit_permille;
    i += 3;
  } else if (c == CHAR3("元") || c == CHAR3("千") || c == CHAR3("百") || c == CHAR3("万") ||
             c == CHAR3("亿")) {
    /* Money words (base/money.h), longest first. */
    size_t money_count;
    const rb_money_unit *money = rb_money_units(&money_count);
    for (size_t k = 0; k < money_count; k++) {
      size_t w = starts_with(s + i, len - i, money[k].name, money[k].length);
      if (w != 0) {
        kind = RB_MK_MONEY;
        unit = unit_yuan;
        exp = money[k].scale;
        i += w;
        break;
      }
    }
    if (kind == RB_MK_NUMBER) {
      if (c == CHAR3("千") || c == CHAR3("百")) return PLAIN_NO; /* words of their own */
      exp = c == CHAR3("万") ? 4 : 8;
      i += 3;
      if ((unit_length = plain_unit_run(units, s + i, len - i)) != 0) {
        kind = RB_MK_QUANTITY;
        unit_chars = s + i;
        i += unit_length;
      }
    }
  } else if (c != 0 && (unit_length = plain_unit_run(units, s + i, len - i)) != 0) {
    kind = RB_MK_QUANTITY;
    unit_chars = s + i;
    i += unit_length;
  }

  /* The suffix, which must end the text. */
  if (i < len) {
    if (cmp != RB_CMP_NONE) return PLAIN_NO;
    for (size_t k = 0; k < sizeof plain_suffixes / sizeof plain_suffixes[0]; k++) {
      if (plain_suffixes[k].length == len - i &&
          starts_with(s + i, len - i, plain_suffixes[k].word, len - i)) {
        cmp = plain_suffixes[k].cmp;
        i = len;
        break;
      }
    }
    if (i < len) return PLAIN_NO;
  }

  rb_num value;
  if (!decimal_value(nums, digits, fraction, false, exp, &value)) return PLAIN_NO;
  if (unit_chars && in_place && unit_chars + unit_length == s + len) {
    unit = (const char *)unit_chars;
  } else if (unit_chars) {
    char *copy = rb_arena_strndup(arena, (const char *)unit_chars, unit_length);
    if (!copy) return PLAIN_NO_MEMORY;
    unit = copy;
  }
  m->kind = kind;
  m->cmp = cmp;
  m->value = value;
  m->unit = unit;
  m->scale = kind == RB_MK_MONEY ? (int8_t)exp : 0;
  return PLAIN_DONE;
}

/* ---- Tokens and the reader ------------------------------------------------ */

/* One token: its type, its sub value (see notation.h) and its bytes in the
** squeezed text.  Offsets fit in 32 bits: texts over NOTATION_MAX_BYTES are
** never scanned. */
typedef struct token {
  rb_notation_token type;
  int sub;
  uint32_t offset, length;
} token;

/* Scratch buffers above this many bytes, grown for an unusually long text,
** are released after it rather than kept for the next one. */
enum { READER_KEEP_BYTES = 16 * 1024 };

struct rb_notation_reader {
  bool shortcuts;        /* read plain values without the scanner */
  unit_set units;        /* plain_unit_chars, for read_plain */
  prefix_set prefixes;   /* plain_prefixes, for read_plain */
  rb_num zero;           /* rb_num_int(0), made once */
  void *scanner;         /* yyscan_t, with &scan as its extra data */
  bool scanner_broken;   /* Flex ran out of memory: make a new one */
  rb_notation_scan scan;
  char *squeezed;        /* the squeezed text, then Flex's two NULs */
  size_t squeezed_size;
  token *tokens;         /* room for one token per byte, and NT_EOF */
  size_t token_room;
  struct memo *memo;     /* readings memoised (below); NULL until the first */
  size_t memo_hits;      /* readings given from it */
  bool memo_off;         /* rb_notation_read's one-call reader keeps none */
};

/* Make rd's scanner and aim it at an empty text, which creates the one
** buffer state it will keep; rd->squeezed must hold at least two bytes.
** False when out of memory, with no scanner. */
static bool reader_start_scanner(rb_notation_reader *rd) {
  rd->scanner = NULL;
  if (rb_notation_yylex_init_extra(&rd->scan, &rd->scanner) != 0) {
    rd->scanner = NULL;
    return false;
  }
  if (setjmp(rd->scan.on_fatal)) {
    rb_notation_yylex_destroy(rd->scanner);
    rd->scanner = NULL;
    return false;
  }
  rd->squeezed[0] = rd->squeezed[1] = '\0';
  rb_notation_scan_text(rd->scanner, rd->squeezed, 0);
  rd->scanner_broken = false;
  return true;
}

/* A reader with its scanner and buffers set up once (notation.h). */
rb_notation_reader *rb_notation_reader_new(void) {
  rb_notation_reader *rd = calloc(1, sizeof *rd);
  if (!rd) return NULL;
  rd->shortcuts = true;
  unit_set_build(&rd->units);
  prefix_set_build(&rd->prefixes);
  rd->zero = rb_num_int(0);
  rd->squeezed_size = 256;
  rd->squeezed = malloc(rd->squeezed_size);
  rd->token_room = 64;
  rd->tokens = malloc(rd->token_room * sizeof *rd->tokens);
  if (!rd->squeezed || !rd->tokens || !reader_start_scanner(rd)) {
    rb_notation_reader_free(rd);
    return NULL;
  }
  return rd;
}

static void memo_forget(rb_notation_reader *rd);

size_t rb_notation_reader_memo_hits(const rb_notation_reader *rd) { return rd->memo_hits; }

void rb_notation_reader_use_shortcuts(rb_notation_reader *rd, bool on) {
  if (rd->shortcuts != on) memo_forget(rd); /* readings are memoised per route */
  rd->shortcuts = on;
}

void rb_notation_reader_free(rb_notation_reader *rd) {
  if (!rd) return;
  /* The scanner's buffer state points at rd->squeezed but does not own it. */
  if (rd->scanner) rb_notation_yylex_destroy(rd->scanner);
  free(rd->squeezed);
  free(rd->tokens);
  free(rd->memo);
  free(rd);
}

/* Make room for a squeezed text of len bytes (and the two NULs after it)
** and for its tokens.  False when out of memory; the buffers are then as
** they were. */
static bool reader_reserve(rb_notation_reader *rd, size_t len) {
  if (len + 2 > rd->squeezed_size) {
    char *bigger = malloc(len + 2);
    if (!bigger) return false;
    free(rd->squeezed);
    rd->squeezed = bigger;
    rd->squeezed_size = len + 2;
  }
  if (len + 1 > rd->token_room) {
    token *more = malloc((len + 1) * sizeof *more);
    if (!more) return false;
    free(rd->tokens);
    rd->tokens = more;
    rd->token_room = len + 1;
  }
  return true;
}

/* After a long text, give back what it made the buffers grow by. */
static void reader_trim_buffers(rb_notation_reader *rd) {
  if (rd->squeezed_size > READER_KEEP_BYTES) {
    char *small = malloc(256);
    if (small) {
      free(rd->squeezed);
      rd->squeezed = small;
      rd->squeezed_size = 256;
    }
  }
  if (rd->token_room * sizeof *rd->tokens > READER_KEEP_BYTES) {
    token *few = malloc(64 * sizeof *few);
    if (few) {
      free(rd->tokens);
      rd->tokens = few;
      rd->token_room = 64;
    }
  }
}

static inline void reader_trim(rb_notation_reader *rd) {
  if (rd->squeezed_size > READER_KEEP_BYTES || rd->token_room * sizeof *rd->tokens > READER_KEEP_BYTES)
    reader_trim_buffers(rd);
}

/* ---- Memoised readings ---------------------------------------------------- */

/* A batch reads the same few thousand texts over and over ("100%", "≥95%",
** "对比上年有增长", "显著提升": in 2,000 generated reports, 60,090 targets
** were 21,141 distinct texts), so a reader keeps the measures it read, by
** text, and a text read again is copied from there instead of read again.
**
** Why a memoised measure is exactly what reading would give.  A reading is
** a function of the trimmed bytes, the year and the reader's route
** (shortcuts on or off) and of nothing else: the scanner and the buffers
** are reset for every text, nums only holds big numbers (never memoised)
** and the arena only the strings (copied afresh).  The key is therefore the
** trimmed bytes themselves, compared in full (the hash only picks the set);
** the year joins the key when the reading looked at it, which happens in
** exactly one place (parse_date, for a date written without a year; the
** shortcut never does) and is recorded in parser.year_used; a change of
** route forgets everything (rb_notation_reader_use_shortcuts).  Only what
** can be rebuilt exactly is kept: texts of well-formed UTF-8 without NULs
** (then measure.text is the key itself), of at most MEMO_KEY_MAX bytes,
** whose value, low and high are small numbers (rb_num_is_big: a big one
** belongs to a report's rb_numctx), whose unit is static or a span of the
** key, and whose reading succeeded (a reading that ran out of memory is
** never stored).  A hit gives measure.text and a written unit fresh copies
** in the caller's arena, so nothing of it points into the memo.
**
** Bound.  MEMO_SETS sets of two entries, about 680 KiB, allocated on the
** first store and never grown; a new text replaces the less recently used
** entry of its set.  Most texts read only once (most actuals: "145篇") are
** kept out altogether: a text is stored the second time its hash is met,
** which a bitset of MEMO_SEEN_BITS bits (8 KiB, cleared whenever a quarter
** of it is set) remembers.  That spares a store for every text read once,
** and keeps those texts from pushing out the ones read in every report; two
** ways per set do the same for the texts that are stored. */
enum { MEMO_KEY_MAX = 64, MEMO_SETS = 2048, MEMO_WAYS = 2, MEMO_SEEN_BITS = 1 << 16 };

typedef struct memo_entry {
  rb_measure m;            /* text NULL; unit NULL when written (a span of key) */
  uint64_t hash;           /* short_hash of the key */
  int year;                /* the year it was read with, if year_dependent */
  bool year_dependent;     /* the reading looked at the year */
  uint8_t key_length;      /* 0: an empty entry */
  uint8_t unit_offset, unit_length; /* a written unit: key[offset, +length) */
  char key[MEMO_KEY_MAX];  /* the trimmed text */
} memo_entry;

typedef struct memo {
  memo_entry entry[MEMO_SETS][MEMO_WAYS];
  uint8_t older[MEMO_SETS]; /* the way to replace next in each set */
  uint64_t seen[MEMO_SEEN_BITS / 64]; /* hashes met since the last clearing */
  size_t seen_count;        /* bits set in seen */
} memo;

static void memo_forget(rb_notation_reader *rd) {
  free(rd->memo);
  rd->memo = NULL;
}

static size_t memo_set(uint64_t hash) { return (size_t)(hash >> 53) % MEMO_SETS; }

/* Whether a[0..n) and b[0..n) are equal; eight bytes at a time, the last
** eight overlapping (n is a key's length, mostly under 32: memcmp's call
** costs more). */
static bool same_bytes(const char *a, const unsigned char *b, size_t n) {
  const unsigned char *u = (const unsigned char *)a;
  if (n < 8) {
    unsigned differ = 0;
    for (size_t i = 0; i < n; i++) differ |= (unsigned)(u[i] ^ b[i]);
    return differ == 0;
  }
  uint64_t differ = load64(u + n - 8) ^ load64(b + n - 8);
  for (size_t i = 0; i + 8 < n; i += 8) differ |= load64(u + i) ^ load64(b + i);
  return differ == 0;
}

/* The entry for the key s[0..n) read with `year`, or NULL. */
static memo_entry *memo_find(memo *mo, const unsigned char *s, size_t n, uint64_t hash, int year) {
  size_t set = memo_set(hash);
  for (int w = 0; w < MEMO_WAYS; w++) {
    memo_entry *e = &mo->entry[set][w];
    if (e->hash == hash && e->key_length == n && (!e->year_dependent || e->year == year) &&
        same_bytes(e->key, s, n)) {
      mo->older[set] = (uint8_t)(MEMO_WAYS - 1 - w);
      return e;
    }
  }
  return NULL;
}

/* *out from entry e, with its strings copied into arena, or (kept: the
** key's own bytes, NUL-terminated where they stay, as long as the arena)
** its text that very text.  False when out of memory. */
static bool memo_use(const memo_entry *e, rb_arena *arena, const char *kept, rb_measure *out) {
  const char *text = kept ? kept : rb_arena_strndup(arena, e->key, e->key_length);
  if (!text) return false;
  *out = e->m;
  out->text = text;
  if (!e->m.unit) {
    /* A unit ending the text is the end of the text's copy ("45人"). */
    if ((size_t)e->unit_offset + e->unit_length == e->key_length) {
      out->unit = text + e->unit_offset;
    } else {
      char *unit = rb_arena_strndup(arena, e->key + e->unit_offset, e->unit_length);
      if (!unit) return false;
      out->unit = unit;
    }
  }
  return true;
}

/* Whether a text of this hash was met before (since the last clearing),
** noting it if not: only then is its reading worth storing.  False too when
** there is no memory for the memo. */
static inline bool memo_met_before(rb_notation_reader *rd, uint64_t hash) {
  if (!rd->memo && !(rd->memo = calloc(1, sizeof *rd->memo))) return false;
  memo *mo = rd->memo;
  size_t bit = (size_t)(hash >> 8) % MEMO_SEEN_BITS;
  uint64_t mask = (uint64_t)1 << (bit % 64);
  if (mo->seen[bit / 64] & mask) return true;
  if (mo->seen_count == MEMO_SEEN_BITS / 4) {
    memset(mo->seen, 0, sizeof mo->seen);
    mo->seen_count = 0;
  }
  mo->seen[bit / 64] |= mask;
  mo->seen_count++;
  return false;
}

/* Whether u is one of the units that are not copied from the text. */
static bool static_unit_string(const char *u) {
  return u == unit_none || u == unit_percent || u == unit_permille || u == unit_yuan || u[0] == '\0';
}

/* Where the unit u[0..k) is in s[0..n): at the end, as it mostly is ("45人"),
** else the last place it is; n + 1 when nowhere (spaces squeezed out of it,
** ／ written as /). */
static size_t unit_place(const unsigned char *s, size_t n, const char *u, size_t k) {
  for (size_t end = n + 1; end-- > k;) {
    size_t i = 0;
    while (i < k && s[end - k + i] == (unsigned char)u[i]) i++;
    if (i == k) return end - k;
  }
  return n + 1;
}

/* Keep m, read from the clean text s[0..n), as the reading of that text
** (with `year` when year_used), if it can be rebuilt exactly (see above).
** Nothing happens when it cannot, or when there is no memory for the memo. */
static void memo_store(rb_notation_reader *rd, const unsigned char *s, size_t n, uint64_t hash, int year,
                       bool year_used, const rb_measure *m) {
  memo *mo = rd->memo;
  if (rb_num_is_big(m->value) || rb_num_is_big(m->low) || rb_num_is_big(m->high)) return;
  size_t unit_offset = 0, unit_length = 0;
  bool written = !static_unit_string(m->unit);
  if (written) {
    unit_length = strlen(m->unit);
    if ((unit_offset = unit_place(s, n, m->unit, unit_length)) > n) return;
  }
  size_t set = memo_set(hash);
  uint8_t way = mo->older[set];
  memo_entry *e = &mo->entry[set][way];
  e->m = *m;
  e->m.text = NULL;
  e->m.unit = written ? NULL : m->unit;
  e->hash = hash;
  e->year = year;
  e->year_dependent = year_used;
  e->key_length = (uint8_t)n;
  e->unit_offset = (uint8_t)unit_offset;
  e->unit_length = (uint8_t)unit_length;
  memcpy(e->key, s, n);
  mo->older[set] = (uint8_t)(MEMO_WAYS - 1 - way);
}

/* ---- The parser --------------------------------------------------------- */

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

/* The parser's state.  Tokens are made on demand: tokens[0, scanned) are
** made, and once the scanner has reached the end, tokens[scanned] is the
** NT_EOF token and `ended` is set.  tokens has room for len + 1 tokens, so
** it never moves while a text is read and token pointers stay valid. */
typedef struct parser {
  rb_numctx *nums;
  void *scanner;       /* aimed at src */
  rb_notation_scan *scan;
  const char *src;     /* the squeezed text the tokens point into */
  size_t len;          /* its length */
  token *tokens;
  size_t scanned;
  bool ended;
  size_t pos;
  int year;            /* the report's year, 0 if unknown */
  bool year_used;      /* the reading looked at year (a date without one) */
  bool out_of_memory;
  /* The last amount read, by where it started (SIZE_MAX: none): the range
  ** and the amount alternatives both start with an amount at the same
  ** token, and the second reads it from here. */
  size_t memo_start, memo_end;
  bool memo_ok;
  amount memo;
} parser;

/* Make tokens until token i exists or the text has ended.  Every token is
** at least one byte long, so there are at most len of them. */
static void scan_until(parser *p, size_t i) {
  size_t offset = p->scanned == 0 ? 0 : p->tokens[p->scanned - 1].offset + p->tokens[p->scanned - 1].length;
  while (!p->ended && p->scanned <= i) {
    int type = p->scanned < p->len ? rb_notation_yylex(p->scanner) : NT_EOF;
    token *t = &p->tokens[p->scanned];
    t->offset = (uint32_t)offset;
    if (type == NT_EOF) {
      t->type = NT_EOF;
      t->sub = 0;
      t->length = 0;
      p->ended = true;
      break;
    }
    t->type = (rb_notation_token)type;
    t->sub = p->scan->sub_value;
    t->length = (uint32_t)p->scan->length;
    offset += t->length;
    p->scanned++;
  }
}

/* The token `ahead` places after the current one; NT_EOF past the end. */
static const token *peek(parser *p, size_t ahead) {
  size_t i = p->pos + ahead;
  if (i >= p->scanned) {
    scan_until(p, i);
    if (i >= p->scanned) return &p->tokens[p->scanned]; /* ended: the EOF */
  }
  return &p->tokens[i];
}

static bool at(parser *p, size_t ahead, rb_notation_token type) {
  return peek(p, ahead)->type == type;
}

static unit_text static_unit(const char *s) {
  unit_text u = {s, strlen(s), false};
  return u;
}

static bool unit_equal(unit_text a, unit_text b) {
  return a.length == b.length && memcmp(a.chars, b.chars, a.length) == 0;
}

/* The number a NUM token spells, negated if asked, times 10^exp (万, 亿 and
** the money words; |exp| is at most 20).  The scanner only makes
** well-formed numbers: digits (ASCII or full-width), an optional point ('.'
** or '．') and thousands separators (',' or '，') to be dropped.
**
** With at most 18 significant digits, as in every figure a report writes,
** the value is digits × 10^(exp − digits after the point), computed in 64
** bits and reduced here, so rb_num_int / rb_num_frac make the same
** canonical value rb_num_parse and rb_num_scale10 would.  Anything longer
** goes through those two. */
static bool read_number(parser *p, const token *t, bool negative, int exp, rb_num *out) {
  const unsigned char *s = (const unsigned char *)p->src + t->offset;
  uint64_t digits = 0;
  size_t significant = 0, fraction = 0;
  bool after_point = false;
  for (size_t i = 0; i < t->length;) {
    unsigned d;
    if (s[i] >= '0' && s[i] <= '9') {
      d = s[i++] - '0';
    } else if (s[i] == 0xEF && i + 2 < t->length) { /* ０-９, ． or ， */
      unsigned char c = s[i + 2];
      i += 3;
      if (c == 0x8E) after_point = true;
      if (c < 0x90 || c > 0x99) continue;
      d = c - 0x90u;
    } else { /* '.' or ',' */
      if (s[i++] == '.') after_point = true;
      continue;
    }
    if (after_point) fraction++;
    if (significant == 0 && d == 0) continue; /* leading zeros */
    if (++significant <= POW10_MAX) digits = digits * 10 + d;
  }
  if (significant <= POW10_MAX && decimal_value(p->nums, digits, fraction, negative, exp, out)) return true;

  /* Long numbers: spell the literal in ASCII for rb_num_parse. */
  char small[64];
  char *ascii = t->length + 2 <= sizeof small ? small : malloc(t->length + 2);
  if (!ascii) {
    p->out_of_memory = true;
    return false;
  }
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
  bool ok = rb_num_parse(p->nums, ascii, n, out) && rb_num_scale10(p->nums, *out, exp, out);
  if (ascii != small) free(ascii);
  /* The literal is well formed and exp small: failure is memory, or a
  ** number beyond the bounds of base/num.h, which is no number (the text
  ** reads as TEXT). */
  if (!ok && rb_numctx_error(p->nums) == RB_NUM_NOMEM) p->out_of_memory = true;
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

/* v × 10^exp, noting memory failure (a result beyond base/num.h's bounds is
** no number, not a memory failure). */
static bool scale(parser *p, rb_num v, int exp, rb_num *out) {
  if (rb_num_scale10(p->nums, v, exp, out)) return true;
  if (rb_numctx_error(p->nums) == RB_NUM_NOMEM) p->out_of_memory = true;
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
** position anywhere, when the tokens are not an amount.  The number is
** read last, once its power of ten (万, 亿, a money word) is known.
**
** The unit decides the kind: % and ‰ make a PERCENT, a money word alone
** (元, 万元, 亿元, 千元…) makes MONEY in 元, anything else a QUANTITY
** with the unit as written, no unit a NUMBER.  A compound unit ("元/人/天",
** "万元/公里") is a rate: a QUANTITY whose value is the number as written
** and whose unit keeps any 万 or 亿. */
static bool parse_amount_tokens(parser *p, amount *a) {
  bool negative = false;
  if ((at(p, 0, NT_PLUS) || at(p, 0, NT_DASH)) && at(p, 1, NT_NUM)) {
    negative = at(p, 0, NT_DASH);
    p->pos++;
  }
  const token *number = peek(p, 0);
  if (number->type != NT_NUM) return false;
  p->pos++;
  bool year_number = is_year_number(p, number);
  a->kind = RB_MK_NUMBER;
  a->unit = static_unit(unit_none);
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
    a->unit = static_unit(t->type == NT_PERCENT ? unit_percent : unit_permille);
    p->pos++;
    return read_number(p, number, negative, 0, &a->value);
  }
  if (t->type == NT_MONEY && !at(p, 1, NT_SLASH)) {
    a->kind = RB_MK_MONEY;
    a->unit = static_unit(unit_yuan);
    a->unit_exp = t->sub;
    a->mult_exp = mult;
    p->pos++;
    return read_number(p, number, negative, mult + t->sub, &a->value);
  }
  if (!is_unit_token(t, true, year_number)) {
    a->mult_exp = mult;
    return read_number(p, number, negative, mult, &a->value);
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
    return read_number(p, number, negative, 0, &a->value);
  }
  const token *first = &p->tokens[unit_start];
  a->unit.chars = p->src + first->offset;
  a->unit.length = last->offset + last->length - first->offset;
  a->unit.written = true;
  a->mult_exp = mult;
  return read_number(p, number, negative, mult, &a->value);
}

/* parse_amount_tokens, or its result when the amount at this position was
** the last one read.  Reading is a function of the tokens alone, so the
** stored result is what reading again would give. */
static bool parse_amount(parser *p, amount *a) {
  size_t start = p->pos;
  if (p->memo_start == start) {
    p->pos = p->memo_end;
    if (p->memo_ok) *a = p->memo;
    return p->memo_ok;
  }
  bool ok = parse_amount_tokens(p, a);
  p->memo_start = start;
  p->memo_end = p->pos;
  p->memo_ok = ok;
  if (ok) p->memo = *a;
  return ok;
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
  /* Without a year: only with the report's.  This is the one place the
  ** report's year enters a reading, and it does only when parse_in_year
  ** would look past the first token or two, which it turns away whatever
  ** the year is otherwise (the memo relies on year_used; see there). */
  switch (t->type) {
  case NT_NUM:
    if (!at(p, 1, NT_MONTH)) return false;
    break;
  case NT_YEAR_END:
  case NT_YEAR_WITHIN:
  case NT_YEAR_MID:
  case NT_HALF:
  case NT_QUARTER:
    break;
  default:
    return false;
  }
  p->year_used = true;
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

/* "（含）" written after a bound: the bound is included, so a strict
** comparator becomes its inclusive form (超过90%（含）is ≥ 90%); an
** inclusive one or "=" stays, and so does a value without a comparator. */
static rb_cmp include_bound(rb_cmp cmp) {
  return cmp == RB_CMP_GT ? RB_CMP_GE : cmp == RB_CMP_LT ? RB_CMP_LE : cmp;
}

/* Take a "（含）" at the current position, at most once in a value:
** *inclusive records it.  False if it is there a second time. */
static bool take_inclusive(parser *p, bool *inclusive) {
  if (!at(p, 0, NT_INCLUSIVE)) return true;
  if (*inclusive) return false;
  *inclusive = true;
  p->pos++;
  return true;
}

/* Try value = date ["（含）"] [date-suffix] ["（含）"] ["完成"] at the current
** position. */
static bool read_date_value(parser *p, prefix pre, rb_measure *m) {
  int32_t days;
  rb_cmp cmp = pre.cmp, implied = RB_CMP_NONE;
  bool inclusive = false;
  if (!parse_date(p, &days, &implied) || !merge_cmp(&cmp, implied)) return false;
  if (!take_inclusive(p, &inclusive)) return false;
  if (at(p, 0, NT_DATE_SUFFIX) && !merge_cmp(&cmp, peek(p, 0)->sub)) return false;
  if (at(p, 0, NT_DATE_SUFFIX)) p->pos++;
  if (!take_inclusive(p, &inclusive)) return false;
  if (at(p, 0, NT_DONE)) p->pos++;
  if (!at(p, 0, NT_EOF)) return false;
  if (inclusive) cmp = include_bound(cmp);
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

/* Try value = amount [suffix] ["左右"] ["（含）"], the three after the amount
** in any order.  "（含）" does not go with 余 / 多 ("50余人（含）"): more than
** a number cannot include it. */
static bool read_amount_value(parser *p, rb_arena *arena, prefix pre, rb_measure *m) {
  amount a;
  rb_cmp cmp = pre.cmp;
  bool approx = pre.approx, inclusive = false;
  if (!parse_amount(p, &a)) return false;
  if (a.more && !merge_cmp(&cmp, RB_CMP_GT)) return false;
  for (int i = 0; i < 3 && !at(p, 0, NT_EOF); i++) {
    if (at(p, 0, NT_SUFFIX)) {
      if (!merge_cmp(&cmp, peek(p, 0)->sub)) return false;
      p->pos++;
    } else if (at(p, 0, NT_APPROX_SUFFIX)) {
      approx = true;
      p->pos++;
    } else if (!take_inclusive(p, &inclusive)) {
      return false;
    }
  }
  if (!at(p, 0, NT_EOF)) return false;
  if (inclusive) {
    if (a.more) return false;
    cmp = include_bound(cmp);
  }
  m->kind = a.kind;
  m->cmp = cmp;
  m->value = a.value;
  m->unit = unit_string(p, arena, a.unit);
  m->scale = a.kind == RB_MK_MONEY ? (int8_t)(a.mult_exp + a.unit_exp) : 0;
  m->approx = approx;
  return true;
}

/* measure, as in the grammar at the top.  False when the tokens are not a
** value: the caller then makes the measure TEXT. */
static bool read_measure(parser *p, rb_arena *arena, rb_measure *m) {
  if (at(p, 0, NT_BOOL) && at(p, 1, NT_EOF)) {
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

/* Make *m the TEXT measure of `text`; zero is rb_num_int(0).  Field by
** field rather than memset and fields: this runs for every value read. */
static void make_text(rb_measure *m, const char *text, rb_num zero) {
  m->kind = RB_MK_TEXT;
  m->cmp = RB_CMP_NONE;
  m->value = m->low = m->high = zero;
  m->range_kind = RB_MK_TEXT;
  m->unit = "";
  m->text = text;
  m->approx = false;
  m->unit_missing = false;
  m->scale = 0;
}

/* read_measure with Flex's out-of-memory exit caught: false, with
** p->out_of_memory set and the scanner marked for replacement, if Flex
** longjmps.  (It allocates nothing once a reader is set up, but its
** YY_FATAL_ERROR must go somewhere.) */
static bool read_measure_guarded(rb_notation_reader *rd, parser *p, rb_arena *arena, rb_measure *m) {
  if (setjmp(rd->scan.on_fatal)) {
    rd->scanner_broken = true;
    p->out_of_memory = true;
    return false;
  }
  return read_measure(p, arena, m);
}

/* Read a target or actual (notation.h): the shortcut for plain values, else
** cleaned text through the scanner and the grammar; never fails but when
** out of memory. */
/* rb_notation_read_with, and rb_notation_read_kept when stays. */
static bool read_with(rb_notation_reader *rd, rb_numctx *nums, rb_arena *arena, const char *text, size_t len,
                      int year, bool stays, rb_measure *out) {
  const unsigned char *s = (const unsigned char *)(text ? text : "");
  if (!text) len = 0;
  if (len != 0 && (space_may_start(s[0]) || space_may_end(s[len - 1]))) {
    size_t w;
    while ((w = rb_utf8_space_at(s, len)) != 0) {
      s += w;
      len -= w;
    }
    while ((w = space_before(s, len)) != 0) len -= w;
  }

  if (len == 0) {
    make_text(out, "", rd->zero);
    return true;
  }
  /* The trimmed text is its own copy when the text stays and was not
  ** trimmed at its end (s[len] is then its NUL: a blank, where it was
  ** trimmed, is no NUL). */
  const char *kept = stays && s[len] == '\0' ? (const char *)s : NULL;
  if (len > NOTATION_MAX_BYTES) {
    const char *clean = clean_copy(arena, s, len);
    if (!clean) return false;
    make_text(out, clean, rd->zero);
    return true;
  }
  /* A text read before is copied from the memo. */
  bool memoise = len <= MEMO_KEY_MAX && !rd->memo_off;
  uint64_t hash = 0;
  if (memoise) {
    hash = short_hash(s, len);
    if (rd->memo) {
      const memo_entry *e = memo_find(rd->memo, s, len, hash, year);
      if (e) {
        rd->memo_hits++;
        return memo_use(e, arena, kept, out);
      }
    }
  }
  /* Not in the memo: a plain value ("45人", "100%", "≥90%") is read
  ** straight from the text.  read_plain takes only texts that are clean
  ** and that squeezing leaves as they are, so this is the reading the
  ** route below gives, without the squeezed copy. */
  bool plain_tried = false;
  if (rd->shortcuts) {
    make_text(out, kept ? kept : "", rd->zero);
    plain_result plain = read_plain(&rd->units, &rd->prefixes, nums, arena, s, len, kept != NULL, out);
    if (plain == PLAIN_NO_MEMORY) return false;
    if (plain == PLAIN_DONE) {
      if (!kept && !(out->text = rb_arena_strndup(arena, (const char *)s, len))) return false;
      if (memoise && memo_met_before(rd, hash)) memo_store(rd, s, len, hash, year, false, out);
      return true;
    }
    plain_tried = true;
  }
  if (rd->scanner_broken) {
    if (rd->scanner) rb_notation_yylex_destroy(rd->scanner);
    if (!reader_start_scanner(rd)) return false;
  }
  if (!reader_reserve(rd, len)) return false;

  /* Squeeze into the scratch buffer, learning on the way whether the text
  ** can be kept as it is. */
  bool is_clean, same;
  size_t n = squeeze_spaces(s, len, rd->squeezed, &is_clean, &same);
  rd->squeezed[n] = rd->squeezed[n + 1] = '\0'; /* Flex's end of buffer */
  const char *clean = !is_clean ? clean_copy(arena, s, len) : kept ? kept : rb_arena_strndup(arena, (const char *)s, len);
  if (!clean) return false;
  make_text(out, clean, rd->zero);

  /* The squeezed text is what the scanner would read: a plain value in it
  ** reads the same either way.  Not again when it is the text tried above. */
  if (rd->shortcuts && !(plain_tried && same)) {
    plain_result plain =
        read_plain(&rd->units, &rd->prefixes, nums, arena, (const unsigned char *)rd->squeezed, n, false, out);
    if (plain != PLAIN_NO) {
      reader_trim(rd);
      if (plain != PLAIN_DONE) return false;
      if (memoise && is_clean && memo_met_before(rd, hash)) memo_store(rd, s, len, hash, year, false, out);
      return true;
    }
  }

  rb_notation_scan_text(rd->scanner, rd->squeezed, n);
  parser p;
  p.nums = nums;
  p.scanner = rd->scanner;
  p.scan = &rd->scan;
  p.src = rd->squeezed;
  p.len = n;
  p.tokens = rd->tokens;
  p.scanned = 0;
  p.ended = false;
  p.pos = 0;
  p.year = year;
  p.year_used = false;
  p.out_of_memory = false;
  p.memo_start = SIZE_MAX;
  /* On failure read_measure may have set some fields: the text is TEXT. */
  if (!read_measure_guarded(rd, &p, arena, out)) make_text(out, clean, rd->zero);
  reader_trim(rd);
  if (p.out_of_memory) return false;
  if (memoise && is_clean && memo_met_before(rd, hash)) memo_store(rd, s, len, hash, year, p.year_used, out);
  return true;
}

bool rb_notation_read_with(rb_notation_reader *rd, rb_numctx *nums, rb_arena *arena, const char *text,
                           size_t len, int year, rb_measure *out) {
  return read_with(rd, nums, arena, text, len, year, false, out);
}

bool rb_notation_read_kept(rb_notation_reader *rd, rb_numctx *nums, rb_arena *arena, const char *text,
                           size_t len, int year, rb_measure *out) {
  return read_with(rd, nums, arena, text, len, year, true, out);
}

bool rb_notation_read(rb_numctx *nums, rb_arena *arena, const char *text, size_t len, int year,
                      rb_measure *out) {
  rb_notation_reader *rd = rb_notation_reader_new();
  if (!rd) return false;
  rd->memo_off = true; /* one reading: nothing to remember it for */
  bool ok = rb_notation_read_with(rd, nums, arena, text, len, year, out);
  rb_notation_reader_free(rd);
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
    size_t k = rb_utf8_sequence_length(u + i, n - i);
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

/* The one-line JSON of `rubric value` (notation.h). */
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
