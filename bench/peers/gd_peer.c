/*
** gd_peer.c — the Guangdong 20/40/40 project rules written by hand in C11 over json-c, as a
** user would without rubric.  A peer in the benchmark of `rubric batch` (bench/README.md).
**
**   cc -std=c11 -O2 gd_peer.c -o gd_peer -ljson-c
**   ./gd_peer < reports.jsonl > scores.csv            # CSV: id,total,grade
**
** Reads report format v1 (docs/report-format.md), one report per line, and scores it with the
** rules stated at the top of rules/gd-project-20-40-40.rubric (bench/peers/gd.py states them
** in full):
**
**   决策 20 = 论证决策规范性 12 (6 + 3 + 3 from three yes/no facts) + 监管有效性 8 (a fact,
**   limited to 0..8); an item whose facts are not all given takes its self score, or full marks.
**   产出 40 / 效益 40 split over their rows (by plain(一级指标)) in shares of 0.01 by largest
**   remainder; a row whose target or actual states nothing (absent, null, a placeholder such as
**   —, /, 无, N/A) takes its self_score, else its share; the others are qualitative (text target:
**   plain() of the actual against the target's and the phrases of achievement), a deadline (date
**   target), a ceiling (≤, <, a bare 成本指标 target) or a floor (the rest).  plain() drops spaces
**   anywhere and sentence punctuation at either end.  Items round half up to 0.01; a section with
**   no rows does not apply and the total is renormalised to 100 (按百分制折算); grades 优 90,
**   良 80, 中 60, 差.
**
** Numbers are exact: a decimal is an int64 mantissa with a power-of-ten scale, scores are kept
** in hundredths, and each rounded ratio is computed with 128-bit integer products.  No double.
**
** Target and actual text is read following docs/notation.md by a hand-written scanner over the
** UTF-8 bytes: comparators before and after the number, full-width forms, thousands separators,
** %, ‰, money at any scale, 万/亿 before a quantity unit, rates, dates (with 前, 底, and the
** report's year for dates without one); anything else is qualitative text.
*/
#define _POSIX_C_SOURCE 200809L
#include <json-c/json.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- Exact decimals ----------------------------------------------------------------------- */

/* 128-bit products: a GCC/Clang extension, used only for the products of two decimals. */
__extension__ typedef __int128 i128;

/* m / 10^s. */
typedef struct dec {
  int64_t m;
  int s;
} dec;

static const int64_t pow10_table[19] = {1,
                                        10,
                                        100,
                                        1000,
                                        10000,
                                        100000,
                                        1000000,
                                        10000000,
                                        100000000,
                                        1000000000,
                                        10000000000,
                                        100000000000,
                                        1000000000000,
                                        10000000000000,
                                        100000000000000,
                                        1000000000000000,
                                        10000000000000000,
                                        100000000000000000,
                                        1000000000000000000};

/* Multiply by 10^k (k >= 0); false on overflow. */
static bool dec_scale_up(dec *d, int k) {
  if (k > 18) return false;
  int64_t r;
  if (__builtin_mul_overflow(d->m, pow10_table[k], &r)) return false;
  d->m = r;
  return true;
}

/* a and b brought to the same scale: the mantissas as 128-bit integers. */
static bool dec_align(dec a, dec b, i128 *x, i128 *y) {
  int s = a.s > b.s ? a.s : b.s;
  if (s - a.s > 18 || s - b.s > 18) return false;
  *x = (i128)a.m * pow10_table[s - a.s];
  *y = (i128)b.m * pow10_table[s - b.s];
  return true;
}

static int dec_cmp(dec a, dec b) {
  i128 x, y;
  if (!dec_align(a, b, &x, &y)) return 0;
  return x < y ? -1 : x > y;
}

/* Parse a plain decimal "[+-]digits[.digits][e[+-]digits]" (a JSON number's literal, or the
** digits of a value with its separators already removed); false when it is not one. */
static bool dec_parse(const char *p, size_t n, dec *out) {
  const char *end = p + n;
  bool neg = false;
  if (p < end && (*p == '-' || *p == '+')) neg = *p++ == '-';
  int64_t m = 0;
  int s = 0, digits = 0;
  bool point = false;
  for (; p < end; p++) {
    if (*p == '.' && !point) {
      point = true;
      continue;
    }
    if (*p < '0' || *p > '9') break;
    if (__builtin_mul_overflow(m, 10, &m) || __builtin_add_overflow(m, *p - '0', &m)) return false;
    if (point) s++;
    digits++;
  }
  if (!digits) return false;
  if (p < end && (*p == 'e' || *p == 'E')) {
    p++;
    bool eneg = false;
    if (p < end && (*p == '-' || *p == '+')) eneg = *p++ == '-';
    int e = 0;
    if (p >= end) return false;
    for (; p < end && *p >= '0' && *p <= '9'; p++)
      if ((e = e * 10 + (*p - '0')) > 100) return false;
    s += eneg ? e : -e;
  }
  if (p != end) return false;
  out->m = neg ? -m : m;
  out->s = s;
  if (out->s < 0) {
    int k = -out->s;
    out->s = 0;
    return dec_scale_up(out, k);
  }
  return true;
}

/* floor((2·n + d) / (2·d)) for n >= 0, d > 0: n/d rounded half up. */
static int64_t div_half_up(i128 n, i128 d) { return (int64_t)((2 * n + d) / (2 * d)); }

/* x rounded half up to hundredths. */
static int64_t dec_hundredths(dec x) {
  i128 m = x.m < 0 ? -(i128)x.m : x.m;
  int64_t h;
  if (x.s <= 2) h = (int64_t)(m * pow10_table[2 - x.s]);
  else h = div_half_up(m, pow10_table[x.s - 2]);
  return x.m < 0 ? -h : h;
}

/* ---- Dates -------------------------------------------------------------------------------- */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_days(int y, int m) {
  static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a valid date (H. Hinnant's days_from_civil); false if invalid. */
static bool day_number(int y, int m, int d, int64_t *out) {
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > month_days(y, m)) return false;
  y -= m <= 2;
  int64_t era = y / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  *out = era * 146097 + doe - 719468;
  return true;
}

/* ---- Reading value text ------------------------------------------------------------------- */

typedef enum { V_NONE, V_TEXT, V_AMOUNT, V_DATE } vkind;
typedef enum { C_NONE, C_GE, C_LE, C_GT, C_LT, C_EQ } vcmp;

typedef struct value {
  vkind kind;
  vcmp cmp;
  dec num;     /* amounts */
  int64_t day; /* dates */
} value;

typedef struct word {
  const char *s;
  vcmp cmp;
} word;

/* Comparators written before the number, longest first where one is a prefix of another. */
static const word prefix_words[] = {
    {"大于等于", C_GE}, {"小于等于", C_LE}, {"不低于", C_GE}, {"不少于", C_GE}, {"不小于", C_GE}, {"不早于", C_GE},
    {"不超过", C_LE},   {"不高于", C_LE},   {"不大于", C_LE}, {"不多于", C_LE}, {"未超过", C_LE}, {"不晚于", C_LE},
    {"控制在", C_LE},   {"未达到", C_LT},   {"达到", C_GE},   {"至少", C_GE},   {"最少", C_GE},   {"至多", C_LE},
    {"最多", C_LE},     {"超过", C_GT},     {"高于", C_GT},   {"大于", C_GT},   {"多于", C_GT},   {"晚于", C_GT},
    {"低于", C_LT},     {"小于", C_LT},     {"少于", C_LT},   {"不足", C_LT},   {"不满", C_LT},   {"早于", C_LT},
    {"等于", C_EQ},     {">=", C_GE},       {"<=", C_LE},     {"≥", C_GE},      {"⩾", C_GE},      {"≧", C_GE},
    {"≤", C_LE},        {"⩽", C_LE},        {"≦", C_LE},      {"达", C_GE},     {"超", C_GT},     {">", C_GT},
    {"<", C_LT},        {"=", C_EQ},
};

/* Comparators written after the number (and its unit). */
static const word suffix_words[] = {
    {"及以上", C_GE}, {"或以上", C_GE}, {"及以下", C_LE}, {"或以下", C_LE}, {"以上", C_GE},
    {"以下", C_LE},   {"以内", C_LE},   {"之内", C_LE},   {"内", C_LE},
};

static bool starts(const char *p, const char *end, const char *w) {
  size_t n = strlen(w);
  return (size_t)(end - p) >= n && memcmp(p, w, n) == 0;
}

static bool ends(const char *p, const char *end, const char *w) {
  size_t n = strlen(w);
  return (size_t)(end - p) >= n && memcmp(end - n, w, n) == 0;
}

/* Eat the first of `words` that p starts with. */
static bool eat(const char **p, const char *end, const char *const *words, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (starts(*p, end, words[i])) {
      *p += strlen(words[i]);
      return true;
    }
  return false;
}

/* Eat 1..max ASCII digits as an int. */
static bool eat_int(const char **p, const char *end, int max, int *out) {
  int n = 0, v = 0;
  while (*p < end && n < max && **p >= '0' && **p <= '9') v = v * 10 + (*(*p)++ - '0'), n++;
  *out = v;
  return n > 0;
}

/* The text of a cell normalised: full-width ASCII to ASCII, spaces of every kind removed. */
static size_t normalise(const char *s, char *out, size_t cap) {
  size_t n = 0;
  const unsigned char *p = (const unsigned char *)s;
  while (*p && n + 4 < cap) {
    if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
      p++;
    } else if (p[0] == 0xC2 && p[1] == 0xA0) {
      p += 2;
    } else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
      p += 3; /* U+3000 */
    } else if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
      unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out[n++] = (char)(cp - 0xFEE0);
        p += 3;
      } else {
        memcpy(out + n, p, 3), n += 3, p += 3;
      }
    } else {
      out[n++] = (char)*p++;
    }
  }
  out[n] = '\0';
  return n;
}

/* A date body between [comparator] and [前|后][完成]; the report's year for forms without one. */
static bool read_date_body(const char *p, const char *end, int year, int64_t *day) {
  int y, m, d;
  const char *q = p;
  if (eat_int(&q, end, 4, &y) && q - p == 4 && q < end) {
    if (starts(q, end, "年")) {
      q += strlen("年");
      static const char *const year_end[] = {"年底", "年末", "底", "末", "下半年"};
      static const char *const year_mid[] = {"上半年", "年中", "中"};
      const char *r = q;
      if (eat(&r, end, year_end, 5) && r == end) return day_number(y, 12, 31, day);
      r = q;
      if (eat(&r, end, year_mid, 3) && r == end) return day_number(y, 6, 30, day);
      if (!eat_int(&q, end, 2, &m) || !starts(q, end, "月")) return false;
      q += strlen("月");
      if (q == end || ((starts(q, end, "底") || starts(q, end, "末")) && q + 3 == end))
        return m >= 1 && m <= 12 && day_number(y, m, month_days(y, m), day);
      if (!eat_int(&q, end, 2, &d) || !starts(q, end, "日") || q + 3 != end) return false;
      return day_number(y, m, d, day);
    }
    char sep = *q;
    if (sep != '-' && sep != '.' && sep != '/') return false;
    q++;
    const char *mstart = q;
    if (!eat_int(&q, end, 2, &m)) return false;
    if (q == end) return sep == '-' && q - mstart == 2 && m >= 1 && m <= 12 && day_number(y, m, month_days(y, m), day);
    if (*q++ != sep || !eat_int(&q, end, 2, &d) || q != end) return false;
    return day_number(y, m, d, day);
  }
  if (year == 0) return false;
  q = p;
  static const char *const end_words[] = {"年底", "年末", "下半年"};
  static const char *const mid_words[] = {"上半年", "年中"};
  if (eat(&q, end, end_words, 3) && q == end) return day_number(year, 12, 31, day);
  q = p;
  if (eat(&q, end, mid_words, 2) && q == end) return day_number(year, 6, 30, day);
  q = p;
  if (!eat_int(&q, end, 2, &m) || !starts(q, end, "月")) return false;
  q += strlen("月");
  if ((starts(q, end, "底") || starts(q, end, "末")) && q + 3 == end)
    return m >= 1 && m <= 12 && day_number(year, m, month_days(year, m), day);
  if (!eat_int(&q, end, 2, &d) || !starts(q, end, "日") || q + 3 != end) return false;
  return day_number(year, m, d, day);
}

static bool read_date(const char *p, const char *end, int year, value *v) {
  vcmp pre = C_NONE, post = C_NONE;
  static const char *const le[] = {"不晚于", "<=", "≤"};
  static const char *const ge[] = {"不早于", ">=", "≥"};
  if (eat(&p, end, le, 3)) pre = C_LE;
  else if (eat(&p, end, ge, 3)) pre = C_GE;
  if (ends(p, end, "完成")) end -= strlen("完成");
  static const char *const before[] = {"之前", "以前", "前"};
  static const char *const after[] = {"之后", "以后", "后"};
  for (int i = 0; i < 3 && !post; i++) {
    if (ends(p, end, before[i])) end -= strlen(before[i]), post = C_LE;
    else if (ends(p, end, after[i])) end -= strlen(after[i]), post = C_GE;
  }
  if (pre && post && pre != post) return false;
  if (!read_date_body(p, end, year, &v->day)) return false;
  v->kind = V_DATE;
  v->cmp = pre ? pre : post;
  return true;
}

/* Whether [p, end) is a unit: no ASCII digits or ASCII punctuation other than '/'. */
static bool is_unit(const char *p, const char *end) {
  if (p == end) return false;
  for (; p < end; p++) {
    unsigned char c = (unsigned char)*p;
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/')) return false;
  }
  return true;
}

/* An amount: [label][约][comparator] number [余|多] [unit] [comparator] [左右]. */
static bool read_amount(const char *p, const char *end, value *v) {
  static const char *const labels[] = {"共计", "共", "合计", "累计", "总计"};
  static const char *const approx[] = {"大约", "约", "近"};
  eat(&p, end, labels, 5);
  eat(&p, end, approx, 3);
  vcmp pre = C_NONE, post = C_NONE;
  for (size_t i = 0; i < sizeof prefix_words / sizeof *prefix_words; i++)
    if (starts(p, end, prefix_words[i].s)) {
      pre = prefix_words[i].cmp;
      p += strlen(prefix_words[i].s);
      break;
    }
  /* The number, its thousands separators checked and dropped. */
  char digits[64];
  size_t n = 0;
  if (p < end && (*p == '-' || *p == '+')) digits[n++] = *p++;
  const char *start = p;
  int group = -1; /* digits since the last separator, -1 before any */
  while (p < end && n < sizeof digits - 1) {
    if (*p >= '0' && *p <= '9') {
      digits[n++] = *p++;
      if (group >= 0) group++;
    } else if (*p == ',' && p > start && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
      if (group >= 0 && group != 3) return false;
      if (group < 0 && p - start > 3) return false;
      group = 0;
      p++;
    } else {
      break;
    }
  }
  if (p == start || (group >= 0 && group != 3)) return false;
  if (p < end && *p == '.') {
    digits[n++] = *p++;
    const char *f = p;
    while (p < end && *p >= '0' && *p <= '9' && n < sizeof digits - 1) digits[n++] = *p++;
    if (p == f) return false;
  }
  if (!dec_parse(digits, n, &v->num)) return false;
  if (starts(p, end, "余") || starts(p, end, "多")) p += 3, post = C_GT;
  if (ends(p, end, "左右")) end -= strlen("左右");
  for (size_t i = 0; i < sizeof suffix_words / sizeof *suffix_words; i++)
    if (ends(p, end, suffix_words[i].s)) {
      if (post) return false;
      post = suffix_words[i].cmp;
      end -= strlen(suffix_words[i].s);
      break;
    }
  if (pre && post && pre != post) return false;
  v->kind = V_AMOUNT;
  v->cmp = pre ? pre : post;
  /* The unit: none, %, ‰, a rate (the number as written), money in 元, 万/亿 × a quantity. */
  size_t ulen = (size_t)(end - p);
  if (ulen == 0 || (ulen == 1 && *p == '%') || (ulen == 3 && starts(p, end, "‰"))) return true;
  if (memchr(p, '/', ulen)) return is_unit(p, end);
  static const struct {
    const char *unit;
    int zeros;
  } money[] = {{"元", 0}, {"百元", 2}, {"千元", 3}, {"万元", 4}, {"百万元", 6}, {"千万元", 7}, {"亿元", 8}, {"万亿元", 12}};
  for (size_t i = 0; i < sizeof money / sizeof *money; i++)
    if (ulen == strlen(money[i].unit) && memcmp(p, money[i].unit, ulen) == 0) return dec_scale_up(&v->num, money[i].zeros);
  if (starts(p, end, "万") || starts(p, end, "亿")) {
    int zeros = starts(p, end, "万") ? 4 : 8;
    if (ulen == 3 || is_unit(p + 3, end)) return dec_scale_up(&v->num, zeros);
    return false;
  }
  return is_unit(p, end);
}

/* Read a target or actual: text, a JSON number, or nothing (V_NONE). */
static value read_value(json_object *o, int year) {
  value v = {V_NONE, C_NONE, {0, 0}, 0};
  if (!o) return v;
  enum json_type t = json_object_get_type(o);
  const char *s = json_object_get_string(o);
  if (t == json_type_int || t == json_type_double) {
    if (dec_parse(s, strlen(s), &v.num)) v.kind = V_AMOUNT;
    else v.kind = V_TEXT;
    return v;
  }
  if (t != json_type_string) return v;
  size_t len = (size_t)json_object_get_string_len(o);
  char buf[1024];
  if (len >= sizeof buf) {
    v.kind = V_TEXT;
    return v;
  }
  size_t n = normalise(s, buf, sizeof buf);
  if (n == 0) return v; /* blank */
  if (read_date(buf, buf + n, year, &v)) return v;
  value a = v;
  if (read_amount(buf, buf + n, &a)) return a;
  v.kind = V_TEXT;
  return v;
}

/* ---- plain(): the text the rules compare ------------------------------------------------------ */

/* The length of the space at p (n > 0 bytes left) that plain() removes anywhere, or 0: ASCII
** space, tab, CR, LF, U+00A0, U+3000. */
static size_t space_len(const unsigned char *p, size_t n) {
  if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') return 1;
  if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0) return 2;
  if (n >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) return 3;
  return 0;
}

/* Whether the 3 bytes at p are sentence punctuation: 。、 (U+3001, U+3002), ！，．：；？ (U+FF01,
** U+FF0C, U+FF0E, U+FF1A, U+FF1B, U+FF1F). */
static bool wide_mark(const unsigned char *p) {
  if (p[0] == 0xE3) return p[1] == 0x80 && (p[2] == 0x81 || p[2] == 0x82);
  if (p[0] != 0xEF) return false;
  if (p[1] == 0xBC) return p[2] == 0x81 || p[2] == 0x8C || p[2] == 0x8E || p[2] == 0x9A || p[2] == 0x9B || p[2] == 0x9F;
  return false;
}

static bool ascii_mark(unsigned char c) { return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?'; }

/* A text as plain() makes it: s[0..n) points into the original when it has no space (the usual
** case) or into buf or heap, a copy without its spaces; release with plain_free. */
typedef struct plain_text {
  const char *s;
  size_t n;
  char *heap;
  char buf[256];
} plain_text;

static void plain_init(plain_text *p, const char *s, size_t n) {
  const unsigned char *u = (const unsigned char *)s;
  p->heap = NULL;
  size_t i = 0;
  while (i < n && !space_len(u + i, n - i)) i++;
  if (i == n) {
    p->s = s;
  } else {
    char *out = n < sizeof p->buf ? p->buf : (p->heap = malloc(n));
    if (!out) {
      fputs("gd_peer: out of memory\n", stderr);
      exit(1);
    }
    memcpy(out, s, i);
    size_t k = i;
    while (i < n) {
      size_t sp = space_len(u + i, n - i);
      if (sp) i += sp;
      else out[k++] = s[i++];
    }
    p->s = out;
    n = k;
  }
  /* Sentence punctuation at either end. */
  const unsigned char *b = (const unsigned char *)p->s, *e = b + n;
  for (;;) {
    if (b < e && ascii_mark(*b)) b++;
    else if (e - b >= 3 && wide_mark(b)) b += 3;
    else break;
  }
  for (;;) {
    if (e > b && ascii_mark(e[-1])) e--;
    else if (e - b >= 3 && wide_mark(e - 3)) e -= 3;
    else break;
  }
  p->s = (const char *)b;
  p->n = (size_t)(e - b);
}

static void plain_free(plain_text *p) { free(p->heap); }

static bool text_is(const char *s, size_t n, const char *w) { return strlen(w) == n && memcmp(s, w, n) == 0; }

static bool in_list(const char *s, size_t n, const char *const *list, size_t count) {
  for (size_t i = 0; i < count; i++)
    if (text_is(s, n, list[i])) return true;
  return false;
}

/* A plain text that states nothing (rules/indicators.rubric, 未填文字). */
static bool is_placeholder(const char *s, size_t n) {
  static const char *const placeholders[] = {"—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用",
                                             "未填报", "未填", "未填写", "N/A", "n/a", "NA", "null"};
  return n == 0 || (n <= 9 && in_list(s, n, placeholders, sizeof placeholders / sizeof *placeholders));
}

/* A plain text that says the target was achieved (rules/indicators.rubric, 达成用语). */
static bool is_achieved(const char *s, size_t n) {
  static const char *const phrases[] = {
      "达成",         "全部达成",     "已达成",       "基本达成",     "已全部达成",   "完成",     "全部完成",
      "已完成",       "基本完成",     "已全部完成",   "达成预期指标", "达成预期",     "达成预期目标", "达成年度指标",
      "达到预期",     "达到预期指标", "达到预期目标", "已达到预期",   "已达到预期指标", "已达预期", "完成预期指标",
      "完成年度指标", "按期完成",     "按时完成",     "已按期完成",   "已按时完成",   "如期完成", "已如期完成"};
  return n >= 6 && n <= 21 && in_list(s, n, phrases, sizeof phrases / sizeof *phrases);
}

/* Whether a target or actual cell states nothing: absent, null, or text whose plain() is a
** placeholder (blank text included). */
static bool states_nothing(json_object *o) {
  if (!o || json_object_get_type(o) == json_type_null) return true;
  if (json_object_get_type(o) != json_type_string) return false;
  plain_text p;
  plain_init(&p, json_object_get_string(o), (size_t)json_object_get_string_len(o));
  bool nothing = is_placeholder(p.s, p.n);
  plain_free(&p);
  return nothing;
}

/* The text of a cell as written (a JSON number's literal), for plain(). */
static void cell_text(json_object *o, const char **s, size_t *n) {
  *s = o ? json_object_get_string(o) : "";
  *n = !o ? 0 : json_object_get_type(o) == json_type_string ? (size_t)json_object_get_string_len(o) : strlen(*s);
}

/* ---- Scoring ------------------------------------------------------------------------------ */

static const char *member_text(json_object *o, const char *key) {
  json_object *m;
  if (!json_object_object_get_ex(o, key, &m) || json_object_get_type(m) != json_type_string) return "";
  return json_object_get_string(m);
}

/* A row that cannot be checked: its self_score rounded half up, else its share w (hundredths). */
static int64_t self_or_share(json_object *row, int64_t w) {
  json_object *sc;
  dec d;
  if (json_object_object_get_ex(row, "self_score", &sc) && json_object_get_type(sc) != json_type_null &&
      dec_parse(json_object_get_string(sc), strlen(json_object_get_string(sc)), &d))
    return dec_hundredths(d);
  return w;
}

/* A qualitative row: plain(actual) against plain(target) and the phrases of achievement. */
static int64_t text_score(json_object *to, json_object *ao, int64_t w) {
  const char *ts, *as;
  size_t tn, an;
  cell_text(to, &ts, &tn);
  cell_text(ao, &as, &an);
  plain_text t, a;
  plain_init(&t, ts, tn);
  plain_init(&a, as, an);
  int64_t score = 0;
  if ((a.n == t.n && memcmp(a.s, t.s, a.n) == 0) || is_achieved(a.s, a.n)) score = w;
  else if (a.n >= 6 && memcmp(a.s, "部分", 6) == 0) score = div_half_up((i128)w * 6, 10);
  plain_free(&t);
  plain_free(&a);
  return score;
}

/* The score of one row in hundredths, given its share w (hundredths). */
static int64_t row_score(json_object *row, int64_t w, int year) {
  json_object *to = NULL, *ao = NULL;
  json_object_object_get_ex(row, "target", &to);
  json_object_object_get_ex(row, "actual", &ao);
  if (states_nothing(to) || states_nothing(ao)) return self_or_share(row, w);
  value t = read_value(to, year);
  if (t.kind == V_NONE) return 0;
  if (t.kind == V_TEXT) return text_score(to, ao, w);
  value a = read_value(ao, year);
  if (a.kind == V_NONE || a.kind == V_TEXT || (a.kind == V_DATE) != (t.kind == V_DATE)) return 0;
  if (t.kind == V_DATE) return a.day <= t.day ? w : 0;
  i128 x, y; /* actual, target at one scale */
  if (!dec_align(a.num, t.num, &x, &y)) {
    fprintf(stderr, "gd_peer: numbers out of range\n");
    exit(1);
  }
  bool ceiling = t.cmp == C_LE || t.cmp == C_LT || (t.cmp == C_NONE && strcmp(member_text(row, "level2"), "成本指标") == 0);
  if (ceiling) {
    if (x <= y) return w;
    if (y < 0) y = 0;
    return div_half_up(y * w, x);
  }
  if (y <= 0) return w;
  if (x < 0) x = 0;
  if (x >= y) return w;
  return div_half_up(x * w, y);
}

/* Shares of 4000 hundredths over n rows by largest remainder: the first 4000 mod n get one more. */
static int64_t share(int i, int n) { return 4000 / n + (i < 4000 % n ? 1 : 0); }

/* A self score from self_scores for ["决策", item], rounded; full when there is none. */
static int64_t self_or_full(json_object *report, const char *item, int64_t full) {
  json_object *list, *e, *path, *sc;
  if (!json_object_object_get_ex(report, "self_scores", &list) || json_object_get_type(list) != json_type_array)
    return full;
  size_t n = json_object_array_length(list);
  for (size_t i = 0; i < n; i++) {
    e = json_object_array_get_idx(list, i);
    if (!json_object_object_get_ex(e, "path", &path) || json_object_array_length(path) != 2) continue;
    if (strcmp(json_object_get_string(json_object_array_get_idx(path, 0)), "决策") != 0 ||
        strcmp(json_object_get_string(json_object_array_get_idx(path, 1)), item) != 0)
      continue;
    dec d;
    if (json_object_object_get_ex(e, "score", &sc) && dec_parse(json_object_get_string(sc), strlen(json_object_get_string(sc)), &d))
      return dec_hundredths(d);
  }
  return full;
}

static json_object *fact(json_object *facts, const char *name) {
  json_object *v = NULL;
  if (!facts || !json_object_object_get_ex(facts, name, &v) || json_object_get_type(v) == json_type_null) return NULL;
  return v;
}

static bool plain_starts(const plain_text *p, const char *w) {
  size_t n = strlen(w);
  return p->n >= n && memcmp(p->s, w, n) == 0;
}

/* 'o' for a row of 产出, 'e' for 效益 (and 满意度), 0 for a row neither section counts: by
** plain(一级指标). */
static int section_of(json_object *row) {
  const char *l1 = member_text(row, "level1");
  plain_text p;
  plain_init(&p, l1, strlen(l1));
  int s = plain_starts(&p, "产出") ? 'o' : plain_starts(&p, "效益") || plain_starts(&p, "满意度") ? 'e' : 0;
  plain_free(&p);
  return s;
}

/* The sum of one report's rounded items in hundredths; *applicable is the weight of the sections
** that apply (20 for 决策, 40 more for 产出 and for 效益 when they have rows). */
static int64_t score(json_object *report, int *applicable) {
  json_object *facts = NULL, *o;
  json_object_object_get_ex(report, "facts", &facts);
  int64_t total;
  json_object *f1 = fact(facts, "可行性论证"), *f2 = fact(facts, "按程序设立"), *f3 = fact(facts, "审批文件合规");
  if (f1 && f2 && f3)
    total = (json_object_get_boolean(f1) ? 600 : 0) + (json_object_get_boolean(f2) ? 300 : 0) +
            (json_object_get_boolean(f3) ? 300 : 0);
  else
    total = self_or_full(report, "论证决策规范性", 1200);
  json_object *sup = fact(facts, "监管有效性");
  dec d;
  if (sup && dec_parse(json_object_get_string(sup), strlen(json_object_get_string(sup)), &d)) {
    if (d.m < 0) d = (dec){0, 0};
    if (dec_cmp(d, (dec){8, 0}) > 0) d = (dec){8, 0};
    total += dec_hundredths(d);
  } else {
    total += self_or_full(report, "监管有效性", 800);
  }

  *applicable = 20;
  int year = 0;
  if (json_object_object_get_ex(report, "year", &o) && json_object_get_type(o) == json_type_int)
    year = json_object_get_int(o);
  json_object *rows;
  if (!json_object_object_get_ex(report, "indicators", &rows) || json_object_get_type(rows) != json_type_array)
    return total;
  size_t n = json_object_array_length(rows);
  int n_output = 0, n_effect = 0;
  for (size_t i = 0; i < n; i++) {
    int s = section_of(json_object_array_get_idx(rows, i));
    n_output += s == 'o';
    n_effect += s == 'e';
  }
  int io = 0, ie = 0;
  for (size_t i = 0; i < n; i++) {
    json_object *row = json_object_array_get_idx(rows, i);
    int s = section_of(row);
    if (s == 'o') total += row_score(row, share(io++, n_output), year);
    else if (s == 'e') total += row_score(row, share(ie++, n_effect), year);
  }
  *applicable += (n_output ? 40 : 0) + (n_effect ? 40 : 0);
  return total;
}

/* The grade of the exact total sum × 100 / applicable (hundredths). */
static const char *grade(int64_t sum, int applicable) {
  int64_t x = sum * 100;
  return x >= 9000 * applicable ? "优" : x >= 8000 * applicable ? "良" : x >= 6000 * applicable ? "中" : "差";
}

/* Write a CSV field, quoted when it needs to be. */
static void put_field(const char *s) {
  if (!strpbrk(s, ",\"\r\n")) {
    fputs(s, stdout);
    return;
  }
  putchar('"');
  for (; *s; s++) {
    if (*s == '"') putchar('"');
    putchar(*s);
  }
  putchar('"');
}

int main(void) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  long lineno = 0;
  json_tokener *tok = json_tokener_new();
  fputs("id,total,grade\n", stdout);
  while ((len = getline(&line, &cap, stdin)) > 0) {
    lineno++;
    if (len == 1 && line[0] == '\n') continue;
    json_tokener_reset(tok);
    json_object *report = json_tokener_parse_ex(tok, line, (int)len);
    json_object *id;
    if (!report || !json_object_object_get_ex(report, "id", &id)) {
      fprintf(stderr, "gd_peer: line %ld: not a report\n", lineno);
      json_object_put(report);
      continue;
    }
    int applicable;
    int64_t sum = score(report, &applicable);
    /* A section with no rows does not apply: renormalise to 100 (按百分制折算), half up. */
    int64_t total = applicable == 100 ? sum : div_half_up((i128)sum * 100, applicable);
    put_field(json_object_get_string(id));
    printf(",%lld.%02lld,%s\n", (long long)(total / 100), (long long)(total % 100), grade(sum, applicable));
    json_object_put(report);
  }
  json_tokener_free(tok);
  free(line);
  return 0;
}
