/*
** test_json_fast.c — the JSON tree's fast path (json_tree.c) against the
** yajl path it stands in for: for every text, both must accept or refuse it
** alike, build the same tree (kinds, lengths, member names and order, the
** bytes of every string and number, has_nul), and give the same message and
** offset for an error.  The texts are hand-written snippets on the edges of
** the grammar (numbers, escapes, surrogates, nesting at the limit, blanks,
** literals glued to other text), the example reports, and every example
** report cut short at many places and with a byte changed at many places.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/json_tree.h"

static rb_json_parser *parser;
static rb_arena arena_fast, arena_yajl;
static int texts, accepted;

static bool same_bytes(const char *a, size_t an, const char *b, size_t bn) {
  return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static bool same_tree(const rb_json_value *a, const rb_json_value *b) {
  if (a->kind != b->kind || a->len != b->len) return false;
  switch (a->kind) {
  case RB_JSON_NUMBER: return same_bytes(a->as.text, a->len, b->as.text, b->len);
  case RB_JSON_STRING: return a->has_nul == b->has_nul && same_bytes(a->as.text, a->len, b->as.text, b->len);
  case RB_JSON_ARRAY:
    for (size_t i = 0; i < a->len; i++)
      if (!same_tree(&a->as.items[i], &b->as.items[i])) return false;
    return true;
  case RB_JSON_OBJECT:
    for (size_t i = 0; i < a->len; i++) {
      const rb_json_member *x = &a->as.members[i], *y = &b->as.members[i];
      if (!same_bytes(x->key, x->key_len, y->key, y->key_len) || !same_tree(&x->value, &y->value)) return false;
    }
    return true;
  default: return true;
  }
}

static void compare(const char *text, size_t len, const char *label) {
  rb_arena_reset(&arena_fast);
  rb_arena_reset(&arena_yajl);
  rb_json_value a = {0}, b = {0};
  rb_json_syntax ea = {0}, eb = {0};
  /* The yajl tree is read from a second parser: the first one's slots hold the fast tree's root. */
  rb_json_parser *other = rb_json_parser_new();
  CHECK(other != NULL);
  if (!other) return;
  rb_json_status sa = rb_json_parse(parser, &arena_fast, text, len, &a, &ea);
  rb_json_status sb = rb_json_parse_yajl(other, &arena_yajl, text, len, &b, &eb);
  texts++;
  bool ok = sa == sb && (sa != RB_JSON_OK || same_tree(&a, &b)) &&
            (sa != RB_JSON_SYNTAX || (ea.offset == eb.offset && strcmp(ea.what, eb.what) == 0));
  if (!ok) fprintf(stderr, "differs: %s: %.*s\n", label, (int)(len < 200 ? len : 200), text);
  CHECK(ok);
  accepted += sa == RB_JSON_OK;
  rb_json_parser_free(other);
}

static void compare_str(const char *text) { compare(text, strlen(text), "snippet"); }

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *buf = NULL;
  size_t cap = 0, n = 0, got;
  do {
    if (n == cap) {
      cap = cap ? cap * 2 : 65536;
      char *bigger = realloc(buf, cap);
      if (!bigger) break;
      buf = bigger;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
  } while (got > 0);
  fclose(f);
  *len = n;
  return buf;
}

int main(void) {
  parser = rb_json_parser_new();
  rb_arena_init(&arena_fast);
  rb_arena_init(&arena_yajl);
  static const char *const snippets[] = {
      "{}", "[]", " { } ", "\t[\r\n]\n", "{\"a\":1}", "{\"a\":1,}", "[1,]", "[,1]", "{\"a\" 1}", "{\"a\":}", "{a:1}",
      "{\"a\":1 \"b\":2}", "{\"a\":1}x", "{\"a\":1} {}", "{\"a\":1}\n\n", "", "   ", "[", "]", "{", "}", "\"", "\"abc",
      /* numbers */
      "[0]", "[-0]", "[0.5]", "[-0.5e-3]", "[1E+3]", "[1e3]", "[1.5E+30]", "[01]", "[-01]", "[1.]", "[.5]", "[-]",
      "[1e]", "[1e+]", "[+1]", "[1.5.5]", "[1x]", "[1true]", "[123456789012345678901234567890.123456789]",
      "[1 2]", "[1-2]", "[0x10]", "[Infinity]", "[NaN]", "[1e5x]", "[1,2,3.25,-4e-2]", "1", "-1.5e2", "12 ",
      /* literals */
      "[true]", "[false]", "[null]", "[truex]", "[nul]", "[True]", "[true false]", "[null,true,false]", "true",
      "null ", "[tru]", "[falsey]",
      /* strings and escapes */
      "[\"\"]", "[\"a\\\"b\"]", "[\"a\\\\b\"]", "[\"\\/\"]", "[\"\\b\\f\\n\\r\\t\"]", "[\"\\x\"]", "[\"\\'\"]",
      "[\"\\u0041\"]", "[\"\\u00e9\\u4e2d\"]", "[\"\\u0000\"]", "[\"a\\u0000b\"]", "[\"\\ud83d\\ude00\"]",
      "[\"\\ud83d\"]", "[\"\\ude00\"]", "[\"\\ud83d\\u0041\"]", "[\"\\ud83dx\"]", "[\"\\u12\"]", "[\"\\u12g4\"]",
      "[\"\\uDBFF\\uDFFF\"]", "[\"tab\there\"]", "[\"nl\nhere\"]", "[\"\x01\"]", "[\"\x7f\"]", "[\"完成率≥95%\"]",
      "[\"0123456789abcdef0123456789abcdef\\\"0123456789abcdef\"]", "[\"\\", "[\"\\u",
      "{\"\":1}", "{\"a\":1,\"a\":2}", "{\"\\u0061\":1}", "{\"k\\u0000\":1}", "{\"a\\ud800\":1}", "{1:2}",
      "{\"a\":[1,{\"b\":[]}],\"c\":{}}", "{\"a\":\"x\",\"b\":null,\"c\":[true,false]}",
      "{\"indicators\":[{\"level1\":\"产出指标\",\"target\":\"≥95%\",\"actual\":96.5}]}",
      /* UTF-8 the pre-scan refuses, and form feeds */
      "[\"\xc3\x28\"]", "[\"\xed\xa0\x80\"]", "[\"\xf4\x90\x80\x80\"]", "[\"\xc0\xaf\"]", "[1]\f", "\v[1]",
      "\xef\xbb\xbf[1]",
  };
  for (size_t i = 0; i < sizeof snippets / sizeof *snippets; i++) compare_str(snippets[i]);

  /* Nesting at the limit and one past it, arrays and objects. */
  for (int depth = RB_JSON_MAX_DEPTH - 2; depth <= RB_JSON_MAX_DEPTH + 1; depth++) {
    char buf[1024];
    size_t n = 0;
    for (int k = 0; k < depth; k++) buf[n++] = '[';
    buf[n++] = '1';
    for (int k = 0; k < depth; k++) buf[n++] = ']';
    compare(buf, n, "nested arrays");
    n = 0;
    for (int k = 0; k < depth; k++) n += (size_t)snprintf(buf + n, sizeof buf - n, "{\"k\":");
    n += (size_t)snprintf(buf + n, sizeof buf - n, "[]");
    for (int k = 0; k < depth; k++) buf[n++] = '}';
    compare(buf, n, "nested objects");
  }

  /* The example reports whole, cut short, and with one byte changed. */
  static const char *const files[] = {"examples/jiangmen-2024-keji-fazhan.json", "examples/guangzhou-2022-dept.json",
                                      "examples/jiangmen-2023-dept.json", "examples/zhanjiang-2023-dept.json"};
  static const char swaps[] = {'"', '\\', ',', ':', '}', ']', '{', '[', ' ', '1', 'e', '-', '.', '\n', '\x01'};
  for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
    size_t len;
    char *text = read_file(files[f], &len);
    CHECK(text != NULL);
    if (!text) continue;
    compare(text, len, files[f]);
    size_t step = len / 211 + 1;
    for (size_t cut = 0; cut < len; cut += step) compare(text, cut, "cut short");
    for (size_t at = 0, k = 0; at < len; at += step, k++) {
      char was = text[at];
      text[at] = swaps[k % sizeof swaps];
      compare(text, len, "one byte changed");
      text[at] = was;
    }
    free(text);
  }
  printf("%d texts, %d accepted by both\n", texts, accepted);
  CHECK(accepted > 20 && accepted < texts);
  rb_arena_free(&arena_fast);
  rb_arena_free(&arena_yajl);
  rb_json_parser_free(parser);
  return check_done();
}
