/*
** test_json_diff.c — the JSON tree (report/json_tree.h, over yajl) against
** json-c in strict mode, which read reports before it.
**
** Each snippet is parsed by both; they must agree on accepting or refusing
** it, and on the bytes of every string both accept.  Where the two differ on
** purpose the row says so, and the test checks that the difference is the
** documented one (so that it fails if either side changes):
**
**   STRICTER  json-c accepted it, but it is not RFC 8259 JSON or not UTF-8,
**             and we refuse it: "1.", "1.e5", "00", "-01", "-.8", a
**             single-quoted member name, raw control characters in text,
**             NaN and Infinity, overlong UTF-8, encoded surrogates, code
**             points beyond U+10FFFF, and a lone surrogate escape ("\ud800"),
**             which json-c read as U+FFFD so that two bad ids collided.
**   LAXER     json-c asked for more input (a number or a literal at the very
**             end of the text could go on), but the text is a complete JSON
**             value and we accept it.  A report reader refuses it anyway: a
**             report is an object.
**
** The rows were written by hand from RFC 8259 and the json-c behaviour
** observed before the switch; none is derived from either parser's output.
*/
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/json_tree.h"

typedef enum expect { SAME, STRICTER, LAXER } expect;

/* json-c, as report_json.c used it: strict, UTF-8 checked, one tokener. */
static bool jsonc_accepts(const char *text, size_t len, json_object **out) {
  json_tokener *tok = json_tokener_new();
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
  json_object *o = json_tokener_parse_ex(tok, text, (int)len);
  bool ok = json_tokener_get_error(tok) == json_tokener_success; /* o is NULL for null */
  json_tokener_free(tok);
  if (!ok) {
    json_object_put(o);
    o = NULL;
  }
  *out = o;
  return ok;
}

/* The string a snippet holds, if it is one: the value itself, or the first
** element of an array.  NULL when there is none. */
static const rb_json_value *first_string(const rb_json_value *v) {
  if (v->kind == RB_JSON_ARRAY && v->len > 0) v = &v->as.items[0];
  return v->kind == RB_JSON_STRING ? v : NULL;
}

static json_object *jsonc_first_string(json_object *o) {
  if (json_object_get_type(o) == json_type_array && json_object_array_length(o) > 0)
    o = json_object_array_get_idx(o, 0);
  return json_object_get_type(o) == json_type_string ? o : NULL;
}

static rb_json_parser *parser;
static rb_arena arena;

/* Parse text with both and check the row's expectation. */
static void compare(const char *text, size_t len, expect e, const char *label) {
  rb_arena_reset(&arena);
  rb_json_value root;
  rb_json_syntax err;
  rb_json_status st = rb_json_parse(parser, &arena, text, len, &root, &err);
  CHECK(st != RB_JSON_NOMEM);
  bool ours = st == RB_JSON_OK;
  json_object *o = NULL;
  bool theirs = jsonc_accepts(text, len, &o);
  bool agree = e == SAME ? ours == theirs : e == STRICTER ? !ours && theirs : ours && !theirs;
  if (!agree)
    fprintf(stderr, "snippet %s (%.*s): ours %s, json-c %s, expected %s\n", label, (int)len, text,
            ours ? "accepts" : "refuses", theirs ? "accepts" : "refuses",
            e == SAME ? "the same" : e == STRICTER ? "stricter" : "laxer");
  CHECK(agree);
  /* Refusals say something, at an offset inside the text (or its end). */
  if (!ours) CHECK(err.what[0] && err.offset <= len);
  if (ours && theirs) {
    const rb_json_value *s = first_string(&root);
    json_object *js = jsonc_first_string(o);
    CHECK((s == NULL) == (js == NULL));
    if (s && js) {
      bool same = s->len == (size_t)json_object_get_string_len(js) &&
                  memcmp(s->as.text, json_object_get_string(js), s->len) == 0;
      if (!same) fprintf(stderr, "snippet %s: the strings differ\n", label);
      CHECK(same);
      CHECK(s->has_nul == (memchr(s->as.text, '\0', s->len) != NULL));
    }
  }
  json_object_put(o);
}

int main(void) {
  static const struct {
    const char *text;
    expect e;
  } rows[] = {
      /* Accepted by both. */
      {"{}", SAME},
      {"[]", SAME},
      {"{\"a\":1}", SAME},
      {" {\"a\" : [1, 2.5, -3e2, 0, -0.0, 1E+2, 1e-2, 0.5]} ", SAME},
      {"[true,false,null]", SAME},
      {"[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]", SAME},
      {"[\"\\u00e9\\u4e2d\\u6587\"]", SAME},
      {"[\"\\u0041\\u00DF\\u6771\\uD834\\uDD1E\"]", SAME},
      {"[\"\\ud83d\\ude00\"]", SAME},
      {"[\"\\ud800\"]", STRICTER},
      {"[\"\\udc00\"]", STRICTER},
      {"[\"\\ud800\\u0041\"]", STRICTER},
      {"[\"\\ud800\\udbff\"]", STRICTER},
      {"[\"\\ud800\\ud800\\udc00\"]", STRICTER},
      {"[\"\\ud800x\"]", STRICTER},
      {"[\"\\ud800\\n\"]", STRICTER},
      {"[\"a\\u0000b\"]", SAME},
      {"[\"x\\\\\"]", SAME},
      {"[\"\\\\\\\"\"]", SAME},
      {"[\"中文　全角，标点\"]", SAME},
      {"[\"\x7f\"]", SAME},
      {"[\"\xf0\x9f\x98\x80\"]", SAME},
      {"[\"\xf4\x8f\xbf\xbf\"]", SAME},
      {"[\"\xed\x9f\xbf\"]", SAME},
      {"[\"\xee\x80\x80\"]", SAME},
      {"[\"\xc2\x80\"]", SAME},
      {"[1e999]", SAME},
      {"[12345678901234567890123]", SAME},
      {"[-0]", SAME},
      {"{\"a\":{\"b\":{\"c\":[[]]}}}", SAME},
      {"\"top\"", SAME},
      {" null ", SAME},
      {"{\"a\":1,\"a\":2}", SAME},
      {"[\"\"]", SAME},
      {"{\"\":0}", SAME},
      {"\t\r\n{}\n", SAME},
      {"{\"a\":[{\"b\":null}]}", SAME},
      {"{\"id\": \"jm-2024\", \"indicators\": [{\"name\": \"培训标准\", \"target\": \"550元/人/天\"}]}", SAME},
      /* Refused by both. */
      {"", SAME},
      {"   ", SAME},
      {"{", SAME},
      {"[1,]", SAME},
      {"{\"a\":1,}", SAME},
      {"[1 2]", SAME},
      {"{\"a\" 1}", SAME},
      {"{\"a\":}", SAME},
      {"{\"a\"::1}", SAME},
      {"{1:2}", SAME},
      {"[,1]", SAME},
      {":", SAME},
      {"{} x", SAME},
      {"{}{}", SAME},
      {"[1]]", SAME},
      {"{\"a\":1}}", SAME},
      {"{} \"abc", SAME}, /* yajl alone accepts these two */
      {"true\": x", SAME},
      {"[.5]", SAME},
      {"[+1]", SAME},
      {"[0x10]", SAME},
      {"[1e+]", SAME},
      {"[1e]", SAME},
      {"[-]", SAME},
      {"[01]", SAME},
      {"[tru]", SAME},
      {"[True]", SAME},
      {"[nul]", SAME},
      {"[\"\\x\"]", SAME},
      {"[\"\\u12G4\"]", SAME},
      {"[\"\\u12\"]", SAME},
      {"[\"abc", SAME},
      {"[\"abc\\\"]", SAME},
      {"/* c */ {}", SAME},
      {"{\"a\":1}//c", SAME},
      {"[\"\xff\"]", SAME},
      {"[\"\x80\"]", SAME},
      {"[\"\xc2\"]", SAME},
      {"[\"\xe4\xb8\"]", SAME},
      {"[\"\xc5\xe0\xd1\xb5\"]", SAME}, /* GBK */
      {"\xef\xbb\xbf{}", SAME},           /* a BOM */
      {"{\f}", SAME},
      {"{\v}", SAME},
      {"[1,\f2]", SAME},
      {"{}\f", SAME},
      {"\f{}", SAME},
      {"{\"a\":[1,2}", SAME},
      {"{\"a\":1]", SAME},
      /* Accepted by json-c, refused by us. */
      {"{'a':1}", STRICTER},
      {"['x']", SAME}, /* json-c takes single quotes around names only */
      {"[\"a\tb\"]", STRICTER},
      {"[\"a\nb\"]", STRICTER},
      {"[1.]", STRICTER},
      {"{\"a\":1.}", STRICTER},
      {"[1.e5]", STRICTER},
      {"[00]", STRICTER},
      {"[-01]", STRICTER},
      {"[-.8]", STRICTER},
      {"[NaN]", STRICTER},
      {"[Infinity]", STRICTER},
      {"[-Infinity]", STRICTER},
      {"[\"\xc0\xaf\"]", STRICTER},         /* overlong '/' */
      {"[\"\xe0\x80\x80\"]", STRICTER},     /* overlong NUL */
      {"[\"\xf0\x80\x80\x80\"]", STRICTER}, /* overlong NUL */
      {"[\"\xed\xa0\x80\"]", STRICTER},     /* an encoded surrogate */
      {"[\"\xf4\x90\x80\x80\"]", STRICTER}, /* U+110000 */
      {"[\"\xf5\x80\x80\x80\"]", STRICTER},
      /* Complete values json-c waited on. */
      {"123", LAXER},
      {"-0", LAXER},
      {"1E+2", LAXER},
      {"true", LAXER},
      {"null", LAXER},
  };
  parser = rb_json_parser_new();
  rb_arena_init(&arena);
  if (!parser) return 1;
  size_t count = 0;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    char label[16];
    snprintf(label, sizeof label, "%zu", i);
    compare(rows[i].text, strlen(rows[i].text), rows[i].e, label);
    count++;
  }
  /* A raw NUL byte: refused by both, inside text and between values. */
  compare("[\"a\0\"]", 6, SAME, "raw NUL in text");
  compare("[1,\0 2]", 7, SAME, "raw NUL between values");
  count += 2;
  /* Nesting, arrays and objects, 1 to 40 levels: the same limit (32). */
  for (size_t depth = 1; depth <= 40; depth++) {
    char text[512], label[32];
    size_t n = 0;
    for (size_t i = 0; i < depth; i++) text[n++] = '[';
    for (size_t i = 0; i < depth; i++) text[n++] = ']';
    snprintf(label, sizeof label, "%zu arrays", depth);
    compare(text, n, SAME, label);
    n = 0;
    for (size_t i = 0; i < depth; i++) n += (size_t)snprintf(text + n, sizeof text - n, "{\"k\":");
    n += (size_t)snprintf(text + n, sizeof text - n, "\"v\"");
    for (size_t i = 0; i < depth; i++) text[n++] = '}';
    snprintf(label, sizeof label, "%zu objects", depth);
    compare(text, n, SAME, label);
    count += 2;
  }
  printf("%zu snippets\n", count);
  rb_json_parser_free(parser);
  rb_arena_free(&arena);
  return check_done();
}
