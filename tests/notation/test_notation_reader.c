/*
** test_notation_reader.c — a reused rb_notation_reader reads exactly like a
** fresh rb_notation_read, and its shortcut for plain values reads exactly
** like the general route through the scanner and the parser.
**
** Three readings of every text are compared as the JSON line `rubric value`
** prints (rb_measure_write_json):
**   fresh    rb_notation_read: a reader made and freed for the one call;
**   reused   one rb_notation_reader kept across every text of the run;
**   general  one reader kept likewise with its shortcut turned off;
**   kept     the reused reader's rb_notation_read_kept on a NUL-terminated
**            copy of the text in the arena (a plain value's unit may then
**            be the end of that copy).
** The texts are:
**   1. every input of cases.tsv and every line of corpus.txt (2,000 targets
**      and actuals from the synthetic benchmark reports), each under report
**      years that change from one call to the next (0, 2024, 2023, 1999);
**   2. the same after odd inputs that a reused reader must survive: NULs,
**      invalid UTF-8, a 60 KB text (scanned, so the buffers grow), a
**      100 KB text (not scanned), the empty text, NULL;
**   3. a generated corpus of the forms the shortcut reads (a comparator,
**      a number in ASCII or full-width digits or both, a unit, a suffix, a
**      date) and of their near misses (the
**      wrong word, a full-width digit, a space inside, a sign, a range,
**      an impossible date, "（含）" here and there), from a fixed seed so a
**      failure repeats.
** Besides the JSON line, the scale of money (rb_measure.scale, which the
** line does not show) must be the same on the three routes.
** No expected values here: cases.tsv (test_notation) pins the readings
** down; this test pins down that the three routes agree with each other.
**
** Usage: test_notation_reader [cases.tsv corpus.txt]; by default the paths
** CMake compiled in, else the files under tests/notation/ from the root.
*/
#define _POSIX_C_SOURCE 200809L /* getline, open_memstream */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "tests/notation/notation_tests.h"
#include "report/notation.h"

#ifndef NOTATION_CASES
#define NOTATION_CASES "tests/notation/cases.tsv"
#endif
#ifndef NOTATION_CORPUS
#define NOTATION_CORPUS "tests/notation/corpus.txt"
#endif

/* The three readers and the storage their measures live in. */
typedef struct routes {
  rb_notation_reader *reused;
  rb_notation_reader *general;
  rb_numctx *nums;
  rb_arena arena;
  int texts;      /* texts compared */
  int mismatches; /* texts on which the routes disagreed */
} routes;

/* The JSON line of m, in a buffer the caller frees. */
static char *measure_json(const rb_measure *m) {
  char *buf = NULL;
  size_t size = 0;
  FILE *out = open_memstream(&buf, &size);
  if (!out) return NULL;
  rb_measure_write_json(out, m);
  fclose(out);
  return buf;
}

/* text[0..len) printed with escapes, for a failure message. */
static void print_text(const char *text, size_t len) {
  for (size_t i = 0; i < len && i < 200; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c < 0x20 || c == 0x7F || c == '\\') fprintf(stderr, "\\x%02x", c);
    else fputc(c, stderr);
  }
  if (len > 200) fprintf(stderr, "... (%zu bytes)", len);
}

/* Read text[0..len) the three ways under `year` and count a mismatch if
** the JSON lines differ (or a read fails: nothing here is out of memory). */
static void compare(routes *r, const char *text, size_t len, int year) {
  rb_measure fresh, reused, general;
  bool ok_fresh = rb_notation_read(r->nums, &r->arena, text, len, year, &fresh);
  bool ok_reused = rb_notation_read_with(r->reused, r->nums, &r->arena, text, len, year, &reused);
  bool ok_general = rb_notation_read_with(r->general, r->nums, &r->arena, text, len, year, &general);
  rb_measure kept;
  char *copy = rb_arena_alloc(&r->arena, len + 1);
  bool ok_kept = false;
  if (copy) {
    if (len) memcpy(copy, text, len);
    copy[len] = '\0';
    ok_kept = rb_notation_read_kept(r->reused, r->nums, &r->arena, copy, len, year, &kept);
  }
  char *d = ok_kept ? measure_json(&kept) : NULL;
  char *a = ok_fresh ? measure_json(&fresh) : NULL;
  char *b = ok_reused ? measure_json(&reused) : NULL;
  char *c = ok_general ? measure_json(&general) : NULL;
  r->texts++;
  /* The scale of money is not in the JSON line: compared on its own. */
  bool same_scale = fresh.scale == reused.scale && fresh.scale == general.scale && (!d || fresh.scale == kept.scale);
  if (!a || !b || !c || !d || strcmp(a, b) != 0 || strcmp(a, c) != 0 || strcmp(a, d) != 0 || !same_scale) {
    if (r->mismatches++ < 10) {
      fprintf(stderr, "routes disagree (year %d) on \"", year);
      print_text(text, len);
      fprintf(stderr, "\"\n  fresh:   %s (scale %d)\n  reused:  %s (scale %d)\n  general: %s (scale %d)\n  kept:    %s\n",
              a ? a : "(failed)", fresh.scale, b ? b : "(failed)", reused.scale, c ? c : "(failed)", general.scale,
              d ? d : "(failed)");
    }
  }
  free(a);
  free(b);
  free(c);
  free(d);
  rb_arena_reset(&r->arena);
  rb_numctx_reset(r->nums);
}


/* A list of texts (bytes and length). */
typedef struct text_list {
  char **text;
  size_t *len;
  size_t count, room;
} text_list;

static void add_text(text_list *l, const char *s, size_t n) {
  if (l->count == l->room) {
    l->room = l->room ? 2 * l->room : 256;
    l->text = realloc(l->text, l->room * sizeof *l->text);
    l->len = realloc(l->len, l->room * sizeof *l->len);
    if (!l->text || !l->len) abort();
  }
  char *copy = malloc(n + 1);
  if (!copy) abort();
  l->len[l->count] = unescape(s, n, copy);
  l->text[l->count++] = copy;
}

static void free_texts(text_list *l) {
  for (size_t i = 0; i < l->count; i++) free(l->text[i]);
  free(l->text);
  free(l->len);
}

/* Add the inputs of a file: with `tab`, the column before the first TAB of
** each line (cases.tsv), else whole lines (corpus.txt).  Lines starting
** with '#' and blank lines are skipped.  Returns the number added. */
static size_t load_texts(text_list *l, const char *path, bool tab) {
  FILE *in = fopen(path, "r");
  if (!in) {
    fprintf(stderr, "cannot open %s\n", path);
    return 0;
  }
  char *line = NULL;
  size_t cap = 0, added = 0;
  ssize_t got;
  while ((got = getline(&line, &cap, in)) != -1) {
    size_t n = (size_t)got;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    if (n == 0 || line[0] == '#') continue;
    if (tab) {
      char *t = memchr(line, '\t', n);
      if (!t) continue;
      n = (size_t)(t - line);
    }
    add_text(l, line, n);
    added++;
  }
  free(line);
  fclose(in);
  return added;
}

/* Part 1 and 2: the files' texts, years changing call by call, then again
** after each odd input. */
static void run_files(routes *r, const text_list *l) {
  static const int years[] = {0, 2024, 2023, 1999};
  for (size_t i = 0; i < l->count; i++) compare(r, l->text[i], l->len[i], years[i % 4]);

  size_t big = 100 * 1024, scanned = 60 * 1024;
  char *odd = malloc(big);
  if (!odd) abort();
  for (int round = 0; round < 6; round++) {
    switch (round) {
    case 0: compare(r, "90\0%\0\0", 6, 2024); break;            /* NULs */
    case 1: compare(r, "\xFF\xFE" "90%\xE4\xB8", 7, 2024); break; /* not UTF-8 */
    case 2:                                                     /* scanned: buffers grow */
      for (size_t k = 0; k < scanned; k++) odd[k] = "1次/"[k % 5];
      compare(r, odd, scanned, 2024);
      memset(odd, '7', scanned);
      compare(r, odd, scanned, 2024);
      break;
    case 3: /* too long to scan */
      memset(odd, '9', big);
      compare(r, odd, big, 2024);
      break;
    case 4: compare(r, "", 0, 2024); break;
    default: compare(r, NULL, 0, 2024); break;
    }
    for (size_t i = round; i < l->count; i += 7) compare(r, l->text[i], l->len[i], years[(i + round) % 4]);
  }
  free(odd);
}

#define PICK(list, state) (list)[next_random(state) % (sizeof(list) / sizeof(list)[0])]

/* Appends s to buf (room for 256 bytes), keeping it NUL-terminated. */
static void append(char *buf, const char *s) {
  size_t n = strlen(buf), k = strlen(s);
  if (n + k < 256) memcpy(buf + n, s, k + 1);
}

/* A number as a report might write it, or a near miss of one. */
static void random_number(char *buf, uint64_t *state) {
  static const char *const odd[] = {"1,000",  "12,345.5", "1，947",   "1,0000", "12,34", "1234,567",
                                    "1.5.3",  "1.",       ".5",       "１２",   "１．５", "1 000",
                                    "007",    "0.000",    "2024.4.1", "1,000.5.3"};
  char digits[64];
  switch (next_random(state) % 8) {
  case 0: snprintf(digits, sizeof digits, "%u", (unsigned)(next_random(state) % 101)); break;
  case 1:
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)(next_random(state) % 100000000000ULL));
    break;
  case 2:
    snprintf(digits, sizeof digits, "%u.%0*u", (unsigned)(next_random(state) % 1000),
             1 + (int)(next_random(state) % 6), (unsigned)(next_random(state) % 1000000));
    break;
  case 3: snprintf(digits, sizeof digits, "%u", 1990 + (unsigned)(next_random(state) % 50)); break;
  case 4: { /* 16 to 22 digits: around the 18 the shortcut computes in 64 bits */
    int n = 16 + (int)(next_random(state) % 7);
    for (int k = 0; k < n; k++) digits[k] = (char)('0' + next_random(state) % 10);
    digits[n] = '\0';
    break;
  }
  case 5: snprintf(digits, sizeof digits, "0.%018llu", (unsigned long long)(next_random(state) % 1000)); break;
  case 6:
    snprintf(digits, sizeof digits, "%u,%03u", (unsigned)(1 + next_random(state) % 999),
             (unsigned)(next_random(state) % 1000));
    break;
  default: snprintf(digits, sizeof digits, "%s", PICK(odd, state)); break;
  }
  append(buf, digits);
}

/* A date as a report might write it, or a near miss of one. */
static void random_date(char *buf, uint64_t *state) {
  static const char *const separators[] = {"年", "-", "/", ".", "－", "年"};
  static const char *const days[] = {"日", "号", "", "底", "末", "天"};
  char part[64];
  unsigned year = 1999 + (unsigned)(next_random(state) % 30), month = (unsigned)(next_random(state) % 14),
           day = (unsigned)(next_random(state) % 33);
  const char *sep = PICK(separators, state);
  bool chinese = strcmp(sep, "年") == 0;
  snprintf(part, sizeof part, "%u%s%s%u%s", year, sep, next_random(state) % 4 == 0 ? "0" : "", month,
           chinese ? "月" : "");
  append(buf, part);
  if (next_random(state) % 5 != 0) {
    snprintf(part, sizeof part, "%s%u%s", chinese ? "" : sep, day, chinese ? PICK(days, state) : "");
    append(buf, part);
  }
}

/* number, some of its digits, points and commas made full-width ("１,２３4．5"),
** as NUMBER allows them mixed; buf has room for 3 bytes for each of its. */
static void widen(char *number, uint64_t *state) {
  char wide[96];
  size_t o = 0;
  for (const char *p = number; *p; p++) {
    if (next_random(state) % 2 == 0) {
      wide[o++] = *p;
    } else if (*p >= '0' && *p <= '9') {
      wide[o++] = (char)0xEF, wide[o++] = (char)0xBC, wide[o++] = (char)(0x90 + (*p - '0'));
    } else if (*p == '.') {
      wide[o++] = (char)0xEF, wide[o++] = (char)0xBC, wide[o++] = (char)0x8E;
    } else if (*p == ',') {
      wide[o++] = (char)0xEF, wide[o++] = (char)0xBC, wide[o++] = (char)0x8C;
    } else {
      wide[o++] = *p;
    }
  }
  wide[o] = '\0';
  memcpy(number, wide, o + 1);
}

/* A text of the plain forms only: [comparator] number [unit] [suffix]. */
static void random_plain(char *buf, uint64_t *state) {
  static const char *const prefixes[] = {"", "", "", "≥", "≤", "＞", "不低于", "不少于", "不超过", "达到", "低于",
                                         "═", "﹦", "﹥", "﹤", "﹥﹦", "﹤＝", "＞=", "≧", "≦"};
  static const char *const units[] = {"", "%", "％", "‰", "元", "千元", "万元", "百万元", "千万元", "亿元", "万亿元",
                                      "万", "亿", "万人", "亿次", "个工作日", "个月", "人次", "台套", "百分比"};
  static const char *const suffixes[] = {"", "", "以上", "及以上", "或以上", "以下", "及以下", "或以下", "以内",
                                         "之内", "内"};
  /* Unit characters of every sort, each a word of its own to the scanner
  ** or the start of one (千 百 年 月 日). */
  static const char unit_chars[] =
      "个亩人件份位作例倍克公册分升单只台名吨周园场块处天头套宗家届工平床座张户所批支斤"
      "方时期村条架栋株棵次点片班票种秒站笔篇米类组艘节课轮辆部里镇门间队页项年月日号千百";
  append(buf, PICK(prefixes, state));
  char number[96];
  switch (next_random(state) % 3) {
  case 0: snprintf(number, sizeof number, "%u", (unsigned)(next_random(state) % 100000)); break;
  case 1:
    snprintf(number, sizeof number, "%u.%u", (unsigned)(next_random(state) % 1000),
             (unsigned)(next_random(state) % 1000));
    break;
  default:
    snprintf(number, sizeof number, "%u,%03u", (unsigned)(1 + next_random(state) % 999),
             (unsigned)(next_random(state) % 1000));
    break;
  }
  if (next_random(state) % 3 == 0) widen(number, state); /* full-width, which the shortcut reads too */
  append(buf, number);
  if (next_random(state) % 2 == 0) {
    append(buf, PICK(units, state));
  } else {
    for (size_t k = 0, n = 1 + next_random(state) % 3; k < n; k++) {
      size_t c = next_random(state) % ((sizeof unit_chars - 1) / 3);
      char one[4] = {unit_chars[3 * c], unit_chars[3 * c + 1], unit_chars[3 * c + 2], '\0'};
      append(buf, one);
    }
  }
  append(buf, PICK(suffixes, state));
}

/* Part 3: generated texts of the plain forms and their near misses. */
static void run_generated(routes *r, int count) {
  static const char *const prefixes[] = {
      "", "", "", "", "≥", "≤", ">", "<", ">=", "<=", "=", "⩾", "≧", "⩽", "≦", "＞＝", "＜＝", "＞", "＜", "＝",
      "不低于", "不少于", "不小于", "达到", "达", "至少", "最少", "大于等于", "大于或等于", "不超过", "不高于",
      "不大于", "不多于", "至多", "最多", "小于等于", "小于或等于", "未超过", "控制在", "大于", "高于", "超过",
      "超", "多于", "小于", "低于", "少于", "不足", "不满", "未达到", "等于", "不早于", "不晚于", "早于", "晚于",
      "约", "共", "累计", "完成率达到", "±", "-", "+", "第", "═", "﹦", "﹥", "﹤", "﹥﹦", "﹤﹦", "﹥=", "﹤＝",
      "＞=", ">＝", "＜=", "<＝", "══", "（含）"};
  static const char *const units[] = {
      "", "", "", "%", "％", "‰", "元", "千元", "万元", "百万元", "千万元", "亿元", "万亿元", "万", "亿", "万%",
      "次", "人", "家", "个", "项", "场次", "人次", "台套", "公里", "篇", "座", "户", "个工作日", "个月", "万人",
      "亿人次", "元/人/天", "元/次", "万元/公里", "次/年", "元/", "/人", "年", "月", "日", "季度", "千", "百",
      "次元", "元次", "km", "m²", "人 次", "次\n", "余人", "多篇", "工作", "作业", "期", "分", "天", "米", "里",
      "百分比", "百分", "百分比/年", "万百分比", "%（含）", "次(含)", "万元（含）"};
  static const char *const suffixes[] = {"", "", "", "", "以上", "及以上", "或以上", "以下", "及以下", "或以下",
                                         "以内", "之内", "内", "左右", "前", "之前", "以前", "后", "之后",
                                         "以后", "完成", "前完成", "之间", "以上左右", "年底前", "!", "以",
                                         "完成率", "前完成了", "之前完成", "完成完成", "前前", "日前", "（含）",
                                         "(含)", "以上（含）", "（含）以下", "前（含）", "（含）前", "（含）（含）",
                                         "（含", "含）", "（包含）"};
  static const char *const spaces[] = {" ", "\xE3\x80\x80", "\xC2\xA0", "\n", "\t"};
  static const int years[] = {0, 2024, 2023, 1999};
  uint64_t state = 0x5EED2025ULL;
  char buf[256];
  for (int i = 0; i < count; i++) {
    buf[0] = '\0';
    if (i % 2 == 0) {
      random_plain(buf, &state);
    } else {
      append(buf, PICK(prefixes, &state));
      if (next_random(&state) % 4 == 0) {
        random_date(buf, &state);
      } else {
        random_number(buf, &state);
        append(buf, PICK(units, &state));
      }
      append(buf, PICK(suffixes, &state));
    }
    size_t len = strlen(buf);
    if (next_random(&state) % 6 == 0 && len > 0) {
      /* a space somewhere: squeezed away, or kept between two digits */
      size_t at = next_random(&state) % len;
      const char *sp = PICK(spaces, &state);
      size_t k = strlen(sp);
      if (len + k < sizeof buf) {
        memmove(buf + at + k, buf + at, len - at + 1);
        memcpy(buf + at, sp, k);
        len += k;
      }
    }
    if (next_random(&state) % 25 == 0 && len > 0) buf[next_random(&state) % len] = (char)(next_random(&state) & 0xFF);
    compare(r, buf, len, years[i % 4]);
  }
}

int main(int argc, char **argv) {
  routes r;
  memset(&r, 0, sizeof r);
  r.reused = rb_notation_reader_new();
  r.general = rb_notation_reader_new();
  r.nums = rb_numctx_new();
  rb_arena_init(&r.arena);
  CHECK(r.reused && r.general && r.nums);
  if (!r.reused || !r.general || !r.nums) return check_done();
  rb_notation_reader_use_shortcuts(r.general, false);

  text_list texts = {0};
  size_t cases = load_texts(&texts, argc > 2 ? argv[1] : NOTATION_CASES, true);
  size_t corpus = load_texts(&texts, argc > 2 ? argv[2] : NOTATION_CORPUS, false);
  CHECK(cases >= 270);
  CHECK(corpus >= 2000);

  run_files(&r, &texts);
  int from_files = r.texts;
  run_generated(&r, 200000);
  CHECK(r.mismatches == 0);

  printf("%d texts from the files, %d generated, %d on which the routes disagree\n", from_files,
         r.texts - from_files, r.mismatches);
  free_texts(&texts);
  rb_notation_reader_free(r.reused);
  rb_notation_reader_free(r.general);
  rb_arena_free(&r.arena);
  rb_numctx_free(r.nums);
  return check_done();
}
