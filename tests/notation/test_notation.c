/*
** test_notation.c — the value notation scanner against its table of cases.
**
** Three parts:
**   1. every line of cases.tsv: read the input with rb_notation_read, print
**      it with rb_measure_write_json, compare with the expected line;
**   2. a few properties the JSON line does not show (unit_missing, the
**      text is not read past len, NULs inside len, very long inputs);
**   3. a fuzz loop: random byte strings and random mixes of notation
**      fragments (fixed seed, so a failure repeats) must read without a
**      crash, print valid UTF-8 JSON, and read the same way twice.
**
** Usage: test_notation [cases.tsv]; by default the path CMake compiled in,
** else tests/notation/cases.tsv from the project root.
*/
#define _POSIX_C_SOURCE 200809L /* getline, open_memstream */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "check.h"
#include "tests/notation/notation_tests.h"
#include "report/notation.h"

#ifndef NOTATION_CASES
#define NOTATION_CASES "tests/notation/cases.tsv"
#endif

/* The JSON line for text[0..len) with the given report year, in a buffer
** the caller frees; NULL if reading ran out of memory. */
static char *read_to_json(rb_numctx *nums, rb_arena *arena, const char *text, size_t len, int year,
                          rb_measure *m) {
  if (!rb_notation_read(nums, arena, text, len, year, m)) return NULL;
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  if (!out) return NULL;
  rb_measure_write_json(out, m);
  fclose(out);
  return buf;
}


/* Part 1: the table.  Returns the number of cases run. */
static int run_cases(const char *path, rb_numctx *nums, rb_arena *arena) {
  FILE *in = fopen(path, "r");
  if (!in) {
    fprintf(stderr, "cannot open %s\n", path);
    CHECK(in != NULL);
    return 0;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  int year = 0, cases = 0, line_no = 0;
  while ((got = getline(&line, &cap, in)) != -1) {
    line_no++;
    size_t n = (size_t)got;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) line[--n] = '\0';
    if (strncmp(line, "#year ", 6) == 0) {
      year = atoi(line + 6);
      continue;
    }
    if (n == 0 || line[0] == '#') continue;
    char *tab = memchr(line, '\t', n);
    if (!tab) {
      fprintf(stderr, "%s:%d: no TAB between input and expected line\n", path, line_no);
      CHECK(tab != NULL);
      continue;
    }
    char *input = malloc(n + 1);
    size_t len = unescape(line, (size_t)(tab - line), input);
    rb_measure m;
    char *json = read_to_json(nums, arena, input, len, year, &m);
    cases++;
    if (json && strcmp(json, tab + 1) == 0) {
      check_passed++;
    } else {
      check_failed++;
      fprintf(stderr, "%s:%d: FAILED (year %d)\n  got:  %s\n  want: %s\n", path, line_no, year,
              json ? json : "(out of memory)", tab + 1);
    }
    free(json);
    free(input);
    rb_arena_reset(arena);
    rb_numctx_reset(nums);
  }
  free(line);
  fclose(in);
  return cases;
}

/* Part 2: what the JSON line does not show. */
static void run_api_checks(rb_numctx *nums, rb_arena *arena) {
  rb_measure m;

  /* Only len bytes are read: "110次以上XYZ" cut after 以上. */
  const char *longer = "110次以上XYZ";
  CHECK(rb_notation_read(nums, arena, longer, strlen("110次以上"), 0, &m));
  CHECK(m.kind == RB_MK_QUANTITY && m.cmp == RB_CMP_GE);
  CHECK(rb_num_cmp(m.value, rb_num_int(110)) == 0);
  CHECK_STR(m.unit, "次");
  CHECK_STR(m.text, "110次以上");
  CHECK(!m.approx && !m.unit_missing);

  /* A NUL inside len is text, not the end of the string. */
  CHECK(rb_notation_read(nums, arena, "90\0%", 4, 0, &m));
  CHECK(m.kind == RB_MK_TEXT);

  /* Ranges: the bounds and their kind. */
  CHECK(rb_notation_read(nums, arena, "1-2万元", strlen("1-2万元"), 0, &m));
  CHECK(m.kind == RB_MK_RANGE && m.range_kind == RB_MK_MONEY);
  CHECK(rb_num_cmp(m.low, rb_num_int(10000)) == 0 && rb_num_cmp(m.high, rb_num_int(20000)) == 0);

  /* Dates are days since 1970-01-01: 2024-04-01 is day 19814. */
  CHECK(rb_notation_read(nums, arena, "2024年4月1日前", strlen("2024年4月1日前"), 0, &m));
  CHECK(m.kind == RB_MK_DATE && rb_num_cmp(m.value, rb_num_int(19814)) == 0);

  /* A long digit string is exact, however long. */
  char digits[2001];
  memset(digits, '9', 2000);
  digits[2000] = '\0';
  rb_measure big;
  CHECK(rb_notation_read(nums, arena, digits, 2000, 0, &big));
  CHECK(big.kind == RB_MK_NUMBER);
  rb_num one;
  CHECK(rb_num_add(nums, big.value, rb_num_int(1), &one));
  CHECK(rb_num_cmp(one, big.value) > 0);
  char *json = read_to_json(nums, arena, digits, 2000, 0, &m);
  CHECK(json && strlen(json) > 2000 && strstr(json, "\"value\": \"9999") != NULL);
  free(json);

  /* Over 64 KiB is text without being scanned, and kept whole. */
  size_t huge = 70 * 1024;
  char *many = malloc(huge);
  memset(many, '1', huge);
  CHECK(rb_notation_read(nums, arena, many, huge, 0, &m));
  CHECK(m.kind == RB_MK_TEXT && strlen(m.text) == huge);
  free(many);

  /* The scale money was written in, which the JSON line does not show:
  ** the power of ten of its unit (report/measure.h); 0 for everything else. */
  static const struct {
    const char *text;
    int scale;
  } scales[] = {
      {"100元", 0},     {"5千元", 3},        {"5万元", 4},      {"≥5万元", 4},     {"3百万元", 6},
      {"1千万元", 7},   {"1.93 亿元", 8},    {"5万亿元", 12},   {"不超过30万元", 4}, {"5万千元", 7},
      {"１２万元", 4},  {"约1.5亿元以上", 8}, {"5万", 0},        {"1.5万人次", 0},  {"2万元/公里", 0},
      {"90%", 0},       {"1-2万元", 0},      {"2024年4月1日", 0}, {"是", 0},        {"对比上年有增长", 0},
  };
  for (size_t i = 0; i < sizeof scales / sizeof scales[0]; i++) {
    CHECK(rb_notation_read(nums, arena, scales[i].text, strlen(scales[i].text), 2024, &m));
    if (m.scale != scales[i].scale) fprintf(stderr, "scale of %s: %d, want %d\n", scales[i].text, m.scale, scales[i].scale);
    CHECK(m.scale == scales[i].scale);
  }
  /* Every unit of the one money table (base/money.h) is read as money in its
  ** own scale, by the shortcut and by the scanner alike: the Flex rules of
  ** notation_scan.l and the table must not drift apart. */
  size_t money_count;
  const rb_money_unit *money = rb_money_units(&money_count);
  for (size_t i = 0; i < money_count; i++) {
    char text[64];
    snprintf(text, sizeof text, "7%s", money[i].name);
    for (int shortcut = 0; shortcut < 2; shortcut++) {
      rb_notation_reader *rd = rb_notation_reader_new();
      CHECK(rd != NULL);
      if (!rd) break;
      rb_notation_reader_use_shortcuts(rd, shortcut != 0);
      CHECK(rb_notation_read_with(rd, nums, arena, text, strlen(text), 0, &m));
      rb_num want;
      CHECK(rb_num_scale10(nums, rb_num_int(7), money[i].scale, &want));
      CHECK(m.kind == RB_MK_MONEY && m.scale == money[i].scale && rb_num_cmp(m.value, want) == 0);
      CHECK(rb_money_scale(money[i].name, money[i].length) == money[i].scale);
      rb_notation_reader_free(rd);
    }
  }
  CHECK(rb_money_scale("万", strlen("万")) == -1 && rb_money_unit_name(13) == NULL);
  CHECK_STR(rb_money_unit_name(RB_MONEY_DEFAULT_SCALE), "万元");

  /* A number of 4000 significant digits is a number, one of 4001 is text
  ** (base/num.h's bound), by every route. */
  {
    char *long_digits = malloc(4002);
    memset(long_digits, '3', 4001);
    long_digits[4001] = '\0';
    CHECK(rb_notation_read(nums, arena, long_digits, 4000, 0, &m) && m.kind == RB_MK_NUMBER);
    CHECK(rb_notation_read(nums, arena, long_digits, 4001, 0, &m) && m.kind == RB_MK_TEXT);
    free(long_digits);
  }

  /* A long amount goes the long way, with the same scale. */
  CHECK(rb_notation_read(nums, arena, "12345678901234567890.5亿元", strlen("12345678901234567890.5亿元"), 0, &m));
  CHECK(m.kind == RB_MK_MONEY && m.scale == 8);

  /* NULL text with length 0 is the empty text. */
  CHECK(rb_notation_read(nums, arena, NULL, 0, 0, &m));
  CHECK(m.kind == RB_MK_TEXT);
  CHECK_STR(m.text, "");

  rb_arena_reset(arena);
  rb_numctx_reset(nums);
}

/* Whether s[0..n) is well-formed UTF-8 without raw control characters and
** has the fixed members of a `rubric value` line. */
static bool json_line_ok(const char *s) {
  size_t n = strlen(s);
  if (strncmp(s, "{\"text\": \"", 10) != 0 || n < 2 || s[n - 1] != '}') return false;
  if (!strstr(s, "\", \"kind\": \"") || !strstr(s, ", \"cmp\": ") || !strstr(s, ", \"unit\": \""))
    return false;
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    unsigned char c = u[i];
    size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (k == 0 || i + k > n || c < 0x20) return false;
    for (size_t j = 1; j < k; j++)
      if ((u[i + j] & 0xC0) != 0x80) return false;
    i += k;
  }
  return true;
}

/* Part 3: no input crashes, every line is well formed, reading is
** deterministic, and a range never has low > high. */
static void run_fuzz(rb_numctx *nums, rb_arena *arena) {
  static const char *const fragments[] = {
      "1", "9", "0", "2024", "12", "31", ".", "．", ",", "，", "１", "-", "－", "—", "～", "至",
      "%", "％", "‰", "≥", "＞", "<=", "不低于", "以上", "以内", "前", "约", "余", "万", "亿",
      "元", "万元", "千元", "/", "人", "次", "年", "月", "日", "年底", "上半年", "第一季度", "是",
      "否", "±", " ", "\n", "\xE3\x80\x80", "\xE4", "\xB8", "\xFF", "\0", "\"", "\\", "左右", "底"};
  const size_t fragment_count = sizeof fragments / sizeof fragments[0];
  uint64_t state = 0x5EED2024ULL;
  char buf[256];
  int bad = 0;
  for (int round = 0; round < 20000; round++) {
    size_t len = 0;
    size_t parts = next_random(&state) % 12;
    bool raw = round % 2 == 0;
    for (size_t i = 0; i < parts; i++) {
      if (raw) {
        size_t k = next_random(&state) % 8;
        for (size_t j = 0; j < k && len < sizeof buf; j++) buf[len++] = (char)(next_random(&state) & 0xFF);
      } else {
        const char *f = fragments[next_random(&state) % fragment_count];
        size_t k = f[0] ? strlen(f) : 1; /* "\0" is one NUL byte */
        if (len + k > sizeof buf) break;
        memcpy(buf + len, f, k);
        len += k;
      }
    }
    int year = (int)(next_random(&state) % 3) * 2024 / 2; /* 0, 1012 or 2024 */
    rb_measure m1, m2;
    char *first = read_to_json(nums, arena, buf, len, year, &m1);
    char *second = read_to_json(nums, arena, buf, len, year, &m2);
    bool ok = first && second && strcmp(first, second) == 0 && json_line_ok(first);
    if (ok && m1.kind == RB_MK_RANGE) ok = rb_num_cmp(m1.low, m1.high) <= 0;
    if (!ok && bad++ < 5) fprintf(stderr, "fuzz round %d: bad line %s\n", round, first ? first : "(null)");
    free(first);
    free(second);
    rb_arena_reset(arena);
    rb_numctx_reset(nums);
  }
  CHECK(bad == 0);
}

int main(int argc, char **argv) {
  rb_numctx *nums = rb_numctx_new();
  rb_arena arena;
  rb_arena_init(&arena);
  CHECK(nums != NULL);
  if (!nums) return check_done();
  int cases = run_cases(argc > 1 ? argv[1] : NOTATION_CASES, nums, &arena);
  CHECK(cases >= 120);
  run_api_checks(nums, &arena);
  run_fuzz(nums, &arena);
  rb_arena_free(&arena);
  rb_numctx_free(nums);
  printf("%d notation cases\n", cases);
  return check_done();
}
