/*
** gd_cjson.c — the Guangdong 20/40/40 project rules written by hand in C11 over cJSON with
** binary floating point, the way a programmer in a hurry would: cJSON's tree, numbers as the
** doubles cJSON gives, scores rounded half up to hundredths with a small tolerance.  A peer in
** the benchmark of `rubric batch` (bench/README.md), beside gd_peer.c (json-c, exact decimals).
**
**   cc -std=c11 -O3 gd_cjson.c -o gd_cjson -lcjson -lm
**   ./gd_cjson < reports.jsonl > scores.csv            # CSV: id,total,grade
**
** The rules are those of gd_peer.c (and rules/gd-project-20-40-40.rubric); the value text
** scanner and plain() are the same code.  What differs is the JSON library (cJSON 1.7, a small
** tree parser that keeps no number text: a number cell's text is printed back with %.15g) and
** the arithmetic (double: exact for the few significant digits reports carry, and rounded with
** a tolerance of 1e-9 of a hundredth so that 0.125 × 100 = 12.499999… still rounds to 12.5).
*/
#define _POSIX_C_SOURCE 200809L
#include <cjson/cJSON.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* x (in hundredths) rounded half up to a whole hundredth. */
static int64_t half_up(double x) { return (int64_t)floor(x + 0.5 + 1e-9); }

/* A plain decimal "[+-]digits[.digits][e[+-]digits]"; false when it is not one. */
static bool num_parse(const char *p, size_t n, double *out) {
  char buf[80];
  if (n == 0 || n >= sizeof buf) return false;
  memcpy(buf, p, n);
  buf[n] = 0;
  size_t i = 0;
  if (buf[i] == '-' || buf[i] == '+') i++;
  if (buf[i] < '0' || buf[i] > '9') return false;
  char *end;
  *out = strtod(buf, &end);
  return *end == 0;
}

static const double pow10_d[13] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};

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
  double num;  /* amounts */
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
  if (!num_parse(digits, n, &v->num)) return false;
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
    if (ulen == strlen(money[i].unit) && memcmp(p, money[i].unit, ulen) == 0) return v->num *= pow10_d[money[i].zeros], true;
  if (starts(p, end, "万") || starts(p, end, "亿")) {
    int zeros = starts(p, end, "万") ? 4 : 8;
    if (ulen == 3 || is_unit(p + 3, end)) return v->num *= pow10_d[zeros], true;
    return false;
  }
  return is_unit(p, end);
}


/* Read a target or actual: text, a JSON number, or nothing (V_NONE). */
static value read_value(const cJSON *o, int year) {
  value v = {V_NONE, C_NONE, 0, 0};
  if (!o) return v;
  if (cJSON_IsNumber(o)) {
    v.kind = V_AMOUNT;
    v.num = o->valuedouble;
    return v;
  }
  if (!cJSON_IsString(o)) return v;
  const char *s = o->valuestring;
  size_t len = strlen(s);
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
static bool states_nothing(const cJSON *o) {
  if (!o || cJSON_IsNull(o)) return true;
  if (!cJSON_IsString(o)) return false;
  plain_text p;
  plain_init(&p, o->valuestring, strlen(o->valuestring));
  bool nothing = is_placeholder(p.s, p.n);
  plain_free(&p);
  return nothing;
}

/* The text of a cell for plain(): a string as written, a number printed back. */
static void cell_text(const cJSON *o, char *buf, size_t cap, const char **s, size_t *n) {
  if (cJSON_IsString(o)) *s = o->valuestring;
  else if (cJSON_IsNumber(o)) snprintf(buf, cap, "%.15g", o->valuedouble), *s = buf;
  else *s = "";
  *n = strlen(*s);
}

/* ---- Scoring ------------------------------------------------------------------------------ */

static const char *member_text(const cJSON *o, const char *key) {
  const cJSON *m = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(m) ? m->valuestring : "";
}

/* A row that cannot be checked: its self_score rounded half up, else its share w (hundredths). */
static int64_t self_or_share(const cJSON *row, int64_t w) {
  const cJSON *sc = cJSON_GetObjectItemCaseSensitive(row, "self_score");
  double d;
  if (cJSON_IsNumber(sc)) return half_up(sc->valuedouble * 100);
  if (cJSON_IsString(sc) && num_parse(sc->valuestring, strlen(sc->valuestring), &d)) return half_up(d * 100);
  return w;
}

/* A qualitative row: plain(actual) against plain(target) and the phrases of achievement. */
static int64_t text_score(const cJSON *to, const cJSON *ao, int64_t w) {
  char tb[32], ab[32];
  const char *ts, *as;
  size_t tn, an;
  cell_text(to, tb, sizeof tb, &ts, &tn);
  cell_text(ao, ab, sizeof ab, &as, &an);
  plain_text t, a;
  plain_init(&t, ts, tn);
  plain_init(&a, as, an);
  int64_t score = 0;
  if ((a.n == t.n && memcmp(a.s, t.s, a.n) == 0) || is_achieved(a.s, a.n)) score = w;
  else if (a.n >= 6 && memcmp(a.s, "部分", 6) == 0) score = half_up(w * 0.6);
  plain_free(&t);
  plain_free(&a);
  return score;
}

/* The score of one row in hundredths, given its share w (hundredths). */
static int64_t row_score(const cJSON *row, int64_t w, int year) {
  const cJSON *to = cJSON_GetObjectItemCaseSensitive(row, "target");
  const cJSON *ao = cJSON_GetObjectItemCaseSensitive(row, "actual");
  if (states_nothing(to) || states_nothing(ao)) return self_or_share(row, w);
  value t = read_value(to, year);
  if (t.kind == V_NONE) return 0;
  if (t.kind == V_TEXT) return text_score(to, ao, w);
  value a = read_value(ao, year);
  if (a.kind == V_NONE || a.kind == V_TEXT || (a.kind == V_DATE) != (t.kind == V_DATE)) return 0;
  if (t.kind == V_DATE) return a.day <= t.day ? w : 0;
  double x = a.num, y = t.num;
  bool ceiling = t.cmp == C_LE || t.cmp == C_LT || (t.cmp == C_NONE && strcmp(member_text(row, "level2"), "成本指标") == 0);
  if (ceiling) {
    if (x <= y) return w;
    if (y < 0) y = 0;
    return half_up(y / x * (double)w);
  }
  if (y <= 0) return w;
  if (x < 0) x = 0;
  if (x >= y) return w;
  return half_up(x / y * (double)w);
}

/* Shares of 4000 hundredths over n rows by largest remainder: the first 4000 mod n get one more. */
static int64_t share(int i, int n) { return 4000 / n + (i < 4000 % n ? 1 : 0); }

/* A self score from self_scores for ["决策", item], rounded; full when there is none. */
static int64_t self_or_full(const cJSON *report, const char *item, int64_t full) {
  const cJSON *list = cJSON_GetObjectItemCaseSensitive(report, "self_scores"), *e;
  cJSON_ArrayForEach(e, list) {
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
    if (cJSON_GetArraySize(path) != 2) continue;
    const cJSON *p0 = path->child, *p1 = p0->next;
    if (!cJSON_IsString(p0) || !cJSON_IsString(p1) || strcmp(p0->valuestring, "决策") != 0 ||
        strcmp(p1->valuestring, item) != 0)
      continue;
    const cJSON *sc = cJSON_GetObjectItemCaseSensitive(e, "score");
    if (cJSON_IsNumber(sc)) return half_up(sc->valuedouble * 100);
  }
  return full;
}

static const cJSON *fact(const cJSON *facts, const char *name) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(facts, name);
  return !v || cJSON_IsNull(v) ? NULL : v;
}

static bool plain_starts(const plain_text *p, const char *w) {
  size_t n = strlen(w);
  return p->n >= n && memcmp(p->s, w, n) == 0;
}

/* 'o' for a row of 产出, 'e' for 效益 (and 满意度), 0 for a row neither section counts: by
** plain(一级指标). */
static int section_of(const cJSON *row) {
  const char *l1 = member_text(row, "level1");
  plain_text p;
  plain_init(&p, l1, strlen(l1));
  int s = plain_starts(&p, "产出") ? 'o' : plain_starts(&p, "效益") || plain_starts(&p, "满意度") ? 'e' : 0;
  plain_free(&p);
  return s;
}

/* The sum of one report's rounded items in hundredths; *applicable is the weight of the sections
** that apply (20 for 决策, 40 more for 产出 and for 效益 when they have rows). */
static int64_t score(const cJSON *report, int *applicable) {
  const cJSON *facts = cJSON_GetObjectItemCaseSensitive(report, "facts");
  int64_t total;
  const cJSON *f1 = fact(facts, "可行性论证"), *f2 = fact(facts, "按程序设立"), *f3 = fact(facts, "审批文件合规");
  if (f1 && f2 && f3)
    total = (cJSON_IsTrue(f1) ? 600 : 0) + (cJSON_IsTrue(f2) ? 300 : 0) + (cJSON_IsTrue(f3) ? 300 : 0);
  else
    total = self_or_full(report, "论证决策规范性", 1200);
  const cJSON *sup = fact(facts, "监管有效性");
  if (cJSON_IsNumber(sup)) {
    double d = sup->valuedouble;
    total += half_up((d < 0 ? 0 : d > 8 ? 8 : d) * 100);
  } else {
    total += self_or_full(report, "监管有效性", 800);
  }

  *applicable = 20;
  const cJSON *y = cJSON_GetObjectItemCaseSensitive(report, "year");
  int year = cJSON_IsNumber(y) ? y->valueint : 0;
  const cJSON *rows = cJSON_GetObjectItemCaseSensitive(report, "indicators"), *row;
  if (!cJSON_IsArray(rows)) return total;
  int n_output = 0, n_effect = 0;
  cJSON_ArrayForEach(row, rows) {
    int s = section_of(row);
    n_output += s == 'o';
    n_effect += s == 'e';
  }
  int io = 0, ie = 0;
  cJSON_ArrayForEach(row, rows) {
    int s = section_of(row);
    if (s == 'o') total += row_score(row, share(io++, n_output), year);
    else if (s == 'e') total += row_score(row, share(ie++, n_effect), year);
  }
  *applicable += (n_output ? 40 : 0) + (n_effect ? 40 : 0);
  return total;
}

/* The grade of the total sum × 100 / applicable (hundredths). */
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
  fputs("id,total,grade\n", stdout);
  while ((len = getline(&line, &cap, stdin)) > 0) {
    lineno++;
    if (len == 1 && line[0] == '\n') continue;
    cJSON *report = cJSON_ParseWithLength(line, (size_t)len);
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(report, "id");
    if (!cJSON_IsString(id)) {
      fprintf(stderr, "gd_cjson: line %ld: not a report\n", lineno);
      cJSON_Delete(report);
      continue;
    }
    int applicable;
    int64_t sum = score(report, &applicable);
    /* A section with no rows does not apply: renormalise to 100 (按百分制折算), half up. */
    int64_t total = applicable == 100 ? sum : half_up((double)sum * 100 / applicable);
    put_field(id->valuestring);
    printf(",%lld.%02lld,%s\n", (long long)(total / 100), (long long)(total % 100), grade(sum, applicable));
    cJSON_Delete(report);
  }
  free(line);
  return 0;
}
