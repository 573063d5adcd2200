/*
** json_tree.c — build the compact JSON tree of json_tree.h with yajl.
**
** yajl 2.1 lexes and checks the grammar; this file listens to its callbacks
** and keeps a stack of slots, one per value whose container is still open,
** each with its member name when that container is an object.  Opening a
** container pushes a slot for it and remembers where its children start;
** closing it copies the children, packed, into the arena and pops them.  The
** stack is the only growing memory and it lives in rb_json_parser, reused
** from one report to the next; yajl itself allocates from the arena (a yajl
** handle cannot be reset, so each parse makes a new one, but in memory the
** arena already owns).
**
** yajl is not quite the strict parser json-c was, so a few checks are ours:
**   - yajl's UTF-8 check lets overlong forms, encoded surrogates and code
**     points beyond U+10FFFF through, and yajl takes form feed and vertical
**     tab for whitespace.  Its check is turned off; a pre-scan of the whole
**     text finds the first byte that is not strict UTF-8 and the first form
**     feed or vertical tab (both an error wherever they stand), and yajl
**     parses only the text before it.  If yajl finds no error there, that
**     byte is the first error.  One fast pass over the text (SIMD where the
**     processor has it: report/utf8_check.c) replaces a check per string.
**   - yajl decodes a lone surrogate escape ("\ud800") to '?' or to bytes
**     that are not UTF-8; strings with escapes are decoded here, from the
**     raw text, and a lone surrogate is an error at its escape (turned into
**     U+FFFD, two different bad ids would read as the same id).
**   - yajl nests without limit; a value deeper than RB_JSON_MAX_DEPTH stops
**     the parse.
** yajl is stricter than json-c's "strict" mode in ways RFC 8259 agrees with:
** it refuses "1.", "1.e5", "-01", NaN, single-quoted member names and raw
** control characters inside strings, all of which json-c let through.
**
** Positions.  yajl says where it stopped, but "stopped" means different
** things for different errors (after the offending token, or inside it).  A
** second, tracking parse runs when the first one fails: its callbacks record
** the offset just past each token they see and what it was (a name, a value,
** an opening bracket).  A grammar error then lies at the next token after the
** separator that may legally follow, found by skipping whitespace and that
** separator; an error inside a token (a bad escape, a malformed number) keeps
** yajl's offset, which points into the token.  The first parse records
** nothing, so a valid report pays nothing for messages it does not need.
*/
#include "report/json_tree.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "base/utf8.h"
#include "report/report_private.h"
#include "report/utf8_check.h"

struct rb_json_parser {
  rb_json_member *stack; /* slots: pending values, with their member names */
  size_t cap;
};

/* What the last callback saw, which tells the separator that may follow. */
typedef enum seen { SEEN_NOTHING, SEEN_NAME, SEEN_VALUE, SEEN_OPEN } seen;

/* An error found by a callback (yajl only knows the parse was cancelled). */
typedef enum own_error { OWN_NONE, OWN_DEPTH, OWN_NOMEM, OWN_SURROGATE } own_error;

/* One parse: the text, the arena, the slot stack and the open containers. */
typedef struct builder {
  rb_json_parser *p;
  rb_arena *arena;
  yajl_handle yajl;
  const char *text;
  size_t len;                        /* the whole text; yajl sees text[0..limit) */
  size_t top;                        /* slots in use */
  size_t depth;                      /* containers open */
  size_t first[RB_JSON_MAX_DEPTH];   /* per open container: its first child's slot */
  bool in_object[RB_JSON_MAX_DEPTH]; /* per open container: an object, not an array */
  const char *key;                   /* the member name read last */
  size_t key_len;
  bool tracking;   /* the second parse: record where tokens end */
  size_t last_end; /* tracking: the offset just past the last token a callback saw */
  seen last;       /* tracking: and what it was */
  bool finishing;  /* inside yajl_complete_parse: yajl's offsets are not into text */
  bool complete;   /* the top-level value is read */
  size_t root_end; /* and ends here */
  own_error own;
  size_t own_at; /* OWN_SURROGATE: the offset of the escape */
  rb_lang lang;  /* of the error's words (err->what) */
} builder;

/* ---- yajl's memory, from the arena --------------------------------------- */

/* yajl reallocates its buffers, so each block records its size; freeing is a
** no-op, the arena is reset with the report. */
typedef union block_head {
  size_t size;
  max_align_t align;
} block_head;

static void *arena_malloc(void *ctx, size_t size) {
  block_head *h = rb_arena_alloc(ctx, sizeof *h + size);
  if (!h) return NULL;
  h->size = size;
  return h + 1;
}

static void *arena_realloc(void *ctx, void *ptr, size_t size) {
  if (!ptr) return arena_malloc(ctx, size);
  block_head *h = (block_head *)ptr - 1;
  if (size <= h->size) return ptr;
  void *bigger = arena_malloc(ctx, size);
  if (bigger) memcpy(bigger, ptr, h->size);
  return bigger;
}

static void arena_free(void *ctx, void *ptr) {
  (void)ctx;
  (void)ptr;
}

yajl_alloc_funcs rb_json_arena_funcs(rb_arena *arena) {
  yajl_alloc_funcs funcs = {arena_malloc, arena_realloc, arena_free, arena};
  return funcs;
}

/* ---- Building ------------------------------------------------------------ */

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* Tracking: the offset of the token after the last one a callback saw, past
** whitespace and past the separator the grammar expects there (':' after a
** member name, ',' after a value inside a container). */
static size_t next_token(const builder *b) {
  size_t i = b->last_end;
  char sep = b->last == SEEN_NAME ? ':' : b->last == SEEN_VALUE && b->depth > 0 ? ',' : 0;
  while (i < b->len && is_space(b->text[i])) i++;
  if (sep && i < b->len && b->text[i] == sep) {
    i++;
    while (i < b->len && is_space(b->text[i])) i++;
  }
  return i;
}

/* Tracking: record that a callback saw a token of kind `what`, ending where
** yajl is. */
static void saw(builder *b, seen what) {
  if (!b->tracking) return;
  b->last_end = b->finishing ? b->len : yajl_get_bytes_consumed(b->yajl);
  b->last = what;
}

/* A value just ended: if it is the top-level one, note where.  (yajl lets
** trailing text through when it is an unterminated string: "{} \"abc".) */
static void value_done(builder *b) {
  if (b->depth > 0) return;
  b->complete = true;
  b->root_end = b->finishing ? b->len : yajl_get_bytes_consumed(b->yajl);
}

/* Stop the parse with an error of our own; returns 0 for yajl (cancel). */
static int stop(builder *b, own_error e) {
  b->own = e;
  return 0;
}

/* The value about to be added sits inside b->depth containers: refuse it
** past the limit (as json-c did: a value may sit inside RB_JSON_MAX_DEPTH - 1
** containers). */
static bool depth_ok(builder *b) { return b->depth < RB_JSON_MAX_DEPTH || stop(b, OWN_DEPTH); }

/* Push a slot for value v, named by the last member name when the innermost
** open container is an object. */
static bool push(builder *b, rb_json_value v) {
  rb_json_parser *p = b->p;
  if (b->top == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 256;
    rb_json_member *bigger = realloc(p->stack, cap * sizeof *bigger);
    if (!bigger) return stop(b, OWN_NOMEM);
    p->stack = bigger;
    p->cap = cap;
  }
  rb_json_member *slot = &p->stack[b->top++];
  bool named = b->depth > 0 && b->in_object[b->depth - 1];
  slot->key = named ? b->key : NULL;
  slot->key_len = named ? b->key_len : 0;
  slot->value = v;
  return true;
}

/* Add a finished scalar value. */
static int add_scalar(builder *b, rb_json_value v) {
  if (!depth_ok(b) || !push(b, v)) return 0;
  value_done(b);
  saw(b, SEEN_VALUE);
  return 1;
}

static unsigned hex_digit(char c) {
  return c <= '9' ? (unsigned)(c - '0') : c <= 'F' ? (unsigned)(c - 'A' + 10) : (unsigned)(c - 'a' + 10);
}

/* json_tree.h: the caller refuses a lone surrogate. */
size_t rb_json_decode_escapes(const char *s, size_t n, char *out, size_t *lone) {
  size_t o = 0, high_at = 0;
  *lone = SIZE_MAX;
  unsigned high = 0; /* a high surrogate waiting for its low half */
  for (size_t i = 0; i < n;) {
    if (s[i] != '\\' || s[i + 1] != 'u') {
      if (high) {
        if (*lone == SIZE_MAX) *lone = high_at;
        o += rb_utf8_put(out + o, 0xFFFD);
        high = 0;
      }
      if (s[i] != '\\') {
        out[o++] = s[i++];
        continue;
      }
      char e = s[i + 1];
      i += 2;
      out[o++] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
      continue;
    }
    unsigned cp = hex_digit(s[i + 2]) << 12 | hex_digit(s[i + 3]) << 8 | hex_digit(s[i + 4]) << 4 |
                  hex_digit(s[i + 5]);
    i += 6;
    if (high) {
      if (cp >= 0xDC00 && cp <= 0xDFFF) {
        o += rb_utf8_put(out + o, 0x10000 + ((high - 0xD800) << 10) + (cp - 0xDC00));
        high = 0;
        continue;
      }
      if (*lone == SIZE_MAX) *lone = high_at;
      o += rb_utf8_put(out + o, 0xFFFD);
      high = 0;
    }
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      high = cp;
      high_at = i - 6;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      if (*lone == SIZE_MAX) *lone = i - 6;
      o += rb_utf8_put(out + o, 0xFFFD);
    } else {
      o += rb_utf8_put(out + o, cp);
    }
  }
  if (high) {
    if (*lone == SIZE_MAX) *lone = high_at;
    o += rb_utf8_put(out + o, 0xFFFD);
  }
  return o;
}

/* The text of a string with escapes, which yajl reports as its own
** decoding s[0..n): wrong for surrogates, so the raw token is found in the
** input (it closes just before where yajl is, and opens at the nearest quote
** before that which is not escaped) and decoded into the arena. */
static bool decode_string(builder *b, const unsigned char *s, size_t n, rb_json_value *v) {
  const char *text = b->text;
  /* Just past the closing quote.  (A string cannot end in the " " that
  ** yajl_complete_parse adds, so yajl's offset is into text.) */
  size_t end = b->finishing ? 0 : yajl_get_bytes_consumed(b->yajl);
  if (end > b->len || (end > 0 && text[end - 1] != '"')) end = 0;
  size_t open = end ? end - 1 : 0;
  for (;;) { /* a quote inside the string follows an odd run of backslashes */
    if (open == 0) { /* not reached: keep yajl's decoding */
      char *copy = rb_arena_alloc(b->arena, n ? n : 1);
      if (!copy) return stop(b, OWN_NOMEM);
      memcpy(copy, s, n);
      v->as.text = copy;
      v->len = n;
      v->has_nul = memchr(copy, '\0', n) != NULL;
      return true;
    }
    if (text[--open] != '"') continue;
    size_t run = 0;
    while (run < open && text[open - 1 - run] == '\\') run++;
    if (run % 2 == 0) break;
  }
  size_t start = open + 1, raw_len = end - 1 - start;
  char *decoded = rb_arena_alloc(b->arena, raw_len ? raw_len : 1);
  if (!decoded) return stop(b, OWN_NOMEM);
  v->as.text = decoded;
  size_t lone;
  v->len = rb_json_decode_escapes(text + start, raw_len, decoded, &lone);
  if (lone != SIZE_MAX) {
    b->own_at = start + lone;
    return stop(b, OWN_SURROGATE);
  }
  v->has_nul = memchr(decoded, '\0', v->len) != NULL;
  return true;
}

/* The string value of a token yajl reports as s[0..n) (its UTF-8 is checked
** by the pre-scan).  Without escapes yajl hands us the bytes inside the
** input, and they are kept there. */
static inline bool string_text(builder *b, const unsigned char *s, size_t n, rb_json_value *v) {
  v->kind = RB_JSON_STRING;
  if ((uintptr_t)s - (uintptr_t)b->text >= b->len) return decode_string(b, s, n, v);
  v->as.text = (const char *)s;
  v->len = n;
  return true;
}

static int on_null(void *ctx) { return add_scalar(ctx, (rb_json_value){.kind = RB_JSON_NULL}); }

static int on_boolean(void *ctx, int value) {
  return add_scalar(ctx, (rb_json_value){.kind = value ? RB_JSON_TRUE : RB_JSON_FALSE});
}

/* A number, as the literal text yajl lexed.  It points into the input
** except for a number at the very end of the text, which yajl completes
** from its own buffer; that one is copied. */
static int on_number(void *ctx, const char *s, size_t n) {
  builder *b = ctx;
  const char *text = s;
  if ((uintptr_t)s - (uintptr_t)b->text >= b->len) {
    char *copy = rb_arena_alloc(b->arena, n ? n : 1);
    if (!copy) return stop(b, OWN_NOMEM);
    memcpy(copy, s, n);
    text = copy;
  }
  return add_scalar(b, (rb_json_value){.kind = RB_JSON_NUMBER, .len = n, .as.text = text});
}

static int on_string(void *ctx, const unsigned char *s, size_t n) {
  builder *b = ctx;
  rb_json_value v = {.kind = RB_JSON_STRING};
  return string_text(b, s, n, &v) && add_scalar(b, v);
}

/* A member name.  A name holding a NUL byte is kept whole: it matches no
** member the format knows, and a fact named so is refused when read. */
static int on_map_key(void *ctx, const unsigned char *s, size_t n) {
  builder *b = ctx;
  rb_json_value v = {.kind = RB_JSON_STRING};
  if (!string_text(b, s, n, &v)) return 0;
  b->key = v.as.text;
  b->key_len = v.len;
  saw(b, SEEN_NAME);
  return 1;
}

/* '{' or '[': a slot for the container, filled in when it closes. */
static int open_container(builder *b, rb_json_kind kind) {
  if (!depth_ok(b) || !push(b, (rb_json_value){.kind = kind})) return 0;
  b->first[b->depth] = b->top;
  b->in_object[b->depth] = kind == RB_JSON_OBJECT;
  b->depth++;
  saw(b, SEEN_OPEN);
  return 1;
}

/* '}' or ']': copy the children into the arena and pop them. */
static int close_container(builder *b) {
  size_t first = b->first[--b->depth], n = b->top - first;
  const rb_json_member *children = &b->p->stack[first];
  rb_json_value *v = &b->p->stack[first - 1].value;
  v->len = n;
  if (n == 0) {
    v->as.items = NULL;
  } else if (v->kind == RB_JSON_OBJECT) {
    rb_json_member *members = rb_arena_alloc(b->arena, n * sizeof *members);
    if (!members) return stop(b, OWN_NOMEM);
    memcpy(members, children, n * sizeof *members);
    v->as.members = members;
  } else {
    rb_json_value *items = rb_arena_alloc(b->arena, n * sizeof *items);
    if (!items) return stop(b, OWN_NOMEM);
    for (size_t i = 0; i < n; i++) items[i] = children[i].value;
    v->as.items = items;
  }
  b->top = first;
  value_done(b);
  saw(b, SEEN_VALUE);
  return 1;
}

static int on_start_map(void *ctx) { return open_container(ctx, RB_JSON_OBJECT); }
static int on_end_map(void *ctx) { return close_container(ctx); }
static int on_start_array(void *ctx) { return open_container(ctx, RB_JSON_ARRAY); }
static int on_end_array(void *ctx) { return close_container(ctx); }

static const yajl_callbacks callbacks = {
    .yajl_null = on_null,
    .yajl_boolean = on_boolean,
    .yajl_number = on_number, /* the literal text; yajl_integer and yajl_double stay unset */
    .yajl_string = on_string,
    .yajl_start_map = on_start_map,
    .yajl_map_key = on_map_key,
    .yajl_end_map = on_end_map,
    .yajl_start_array = on_start_array,
    .yajl_end_array = on_end_array,
};

/* ---- Syntax errors ------------------------------------------------------- */

/* Where an error yajl reports lies, relative to where yajl stopped. */
typedef enum error_place {
  AT_TOKEN, /* the token after the last one seen (a grammar error) */
  AT_PREV,  /* the byte before yajl's offset (the character yajl refused) */
  AT_STOP,  /* yajl's offset (inside a token) */
  AT_END    /* the end of the text */
} error_place;

/* Whether the message shows the character at fault: "expected a value,
** found ']'" (FOUND), "unexpected character '：'" (SHOW), or not (PLAIN). */
typedef enum error_shows { PLAIN, FOUND, SHOW } error_shows;

/* Bytes that are not UTF-8.  The report reader converts GBK text (and
** refuses what is neither) before parsing, so only other callers see it. */
#define NOT_UTF8 "not UTF-8 text (save the file as UTF-8)"

/* yajl 2.1's error messages (2.1.0 is the last release, so they are
** stable), each with our phrase, where it lies and what it shows.  The
** phrases speak of what someone editing the file sees, not of a parser. */
#define JSON_SYNTAX_ERRORS(X)                                                                                      \
  X("premature EOF", "unexpected end of input", AT_END, PLAIN, 0)                                                  \
  X("trailing garbage", "text after the report", AT_TOKEN, PLAIN, 0)                                               \
  X("invalid object key", "expected a member name in double quotes", AT_TOKEN, FOUND, 0)                           \
  X("separated by a colon", "expected ':' after the member name", AT_TOKEN, FOUND, 0)                              \
  X("inside map, I expect", "expected ',' or '}' after a member", AT_TOKEN, FOUND, 0)                              \
  X("after array element", "expected ',' or ']' after an element", AT_TOKEN, FOUND, 0)                             \
  X("unallowed token", "expected a value", AT_TOKEN, FOUND, 0)                                                     \
  X("invalid string in json text", "expected true, false or null", AT_TOKEN, PLAIN, 1)                             \
  X("invalid char in json text", "unexpected character", AT_PREV, SHOW, 1)                                         \
  X("after the minus sign", "malformed number: a digit must follow '-'", AT_STOP, PLAIN, 0)                        \
  X("after the decimal point", "malformed number: a digit must follow the decimal point", AT_STOP, PLAIN, 0)       \
  X("after the exponent", "malformed number: a digit must follow the exponent", AT_STOP, PLAIN, 0)                 \
  X("comment", "comments are not allowed in JSON", AT_STOP, PLAIN, 0)                                              \
  X("invalid bytes in UTF8", NOT_UTF8, AT_STOP, PLAIN, 0)                                                          \
  X("invalid character inside string",                                                                             \
    "a control character inside text (write a tab as \\t and a line break as \\n)", AT_STOP, PLAIN, 0)             \
  X("occurs before a character", "invalid escape in text (write a backslash as \\\\)", AT_PREV, PLAIN, 0)          \
  X("non-hex", "invalid \\u escape in text (four hexadecimal digits must follow \\u)", AT_STOP, PLAIN, 0)

static const struct {
  const char *yajl, *phrase;
  error_place place;
  error_shows shows;
  bool unquoted_name;
} syntax_errors[] = {
#define SYNTAX_ERROR_ROW(yajl_text, phrase, place, shows, unquoted_name) \
  {yajl_text, phrase, place, shows, unquoted_name},
    JSON_SYNTAX_ERRORS(SYNTAX_ERROR_ROW)
#undef SYNTAX_ERROR_ROW
};

/* "'：'" for the character at text[at] when it can be shown (printable
** ASCII or a UTF-8 character; a single quote is shown in double quotes),
** "" otherwise. */
static void quote_char(const char *text, size_t len, size_t at, char *buf, size_t size) {
  buf[0] = '\0';
  if (at >= len) return;
  unsigned char c = (unsigned char)text[at];
  size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  if (c < 0x21 || c == 0x7F || n > len - at || rb_utf8_first_bad_scalar(text + at, n) != n) return;
  if (c == '\'')
    snprintf(buf, size, "\"'\"");
  else
    snprintf(buf, size, "'%.*s'", (int)n, text + at);
}

/* err's words from fmt, written in English, in b's language (base/messages_en.h). */
__attribute__((format(printf, 3, 4))) static void set_what(const builder *b, rb_json_syntax *err, const char *fmt,
                                                           ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->what, sizeof err->what, rb_from_en(b->lang, fmt), ap);
  va_end(ap);
}

/* err's words: a phrase written in English, in b's language. */
static void set_text(const builder *b, rb_json_syntax *err, const char *phrase) {
  snprintf(err->what, sizeof err->what, "%s", rb_text_from_en(b->lang, phrase));
}

/* Tracking: fill err for the error yajl reported, its message yajl_text
** and its offset stop_at. */
static void explain_yajl_error(const builder *b, const char *yajl_text, size_t stop_at, rb_json_syntax *err) {
  const char *phrase = "unexpected character";
  error_place place = AT_STOP;
  error_shows shows = PLAIN;
  bool unquoted_name = false;
  for (size_t i = 0; i < sizeof syntax_errors / sizeof syntax_errors[0]; i++) {
    if (strstr(yajl_text, syntax_errors[i].yajl)) {
      phrase = syntax_errors[i].phrase;
      place = syntax_errors[i].place;
      shows = syntax_errors[i].shows;
      unquoted_name = syntax_errors[i].unquoted_name;
      break;
    }
  }
  const char *text = b->text;
  if (unquoted_name && b->depth > 0 && b->in_object[b->depth - 1]) {
    /* A name is due after '{' or after a ',' inside an object. */
    size_t token = next_token(b), i = token;
    while (i > 0 && is_space(text[i - 1])) i--;
    if (b->last == SEEN_OPEN || (b->last == SEEN_VALUE && i > 0 && text[i - 1] == ',')) {
      phrase = "expected a member name in double quotes";
      place = AT_TOKEN;
      shows = FOUND;
    }
  }
  if (b->finishing) place = AT_END; /* offsets are into yajl's " ", not the text */
  size_t at = place == AT_TOKEN ? next_token(b)
              : place == AT_PREV ? (stop_at > 0 ? stop_at - 1 : 0)
              : place == AT_END  ? b->len
                                 : stop_at;
  if (at > b->len) at = b->len;
  err->offset = at;
  char shown[16];
  quote_char(text, b->len, at, shown, sizeof shown);
  size_t before = at; /* just past the last non-blank character before the fault */
  while (before > 0 && is_space(text[before - 1])) before--;

  if (at == 0 && b->len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
    /* The report reader drops one byte order mark; this is a second one. */
    set_text(b, err, "a second byte order mark (BOM) before the report");
  } else if (place == AT_TOKEN && at < b->len && (text[at] == '}' || text[at] == ']') && before > 0 &&
             text[before - 1] == ',') {
    /* A comma before the closing bracket: the commonest slip when editing. */
    set_what(b, err, "extra ',' before '%c'", text[at]);
  } else if (place == AT_TOKEN && at < b->len && text[at] == '/') {
    set_text(b, err, "comments are not allowed in JSON");
  } else if (place == AT_TOKEN && at > 0 && text[at] >= '0' && text[at] <= '9' && text[at - 1] == '0' &&
             (at < 2 || !(text[at - 2] >= '0' && text[at - 2] <= '9'))) {
    /* yajl reads "07" as 0 then 7. */
    set_text(b, err, "malformed number: a leading zero (write 7, not 07)");
  } else if (shows == FOUND && shown[0]) {
    set_what(b, err, "%s, found %s", rb_text_from_en(b->lang, phrase), shown);
  } else if (shows == SHOW && shown[0]) {
    set_what(b, err, "%s %s%s", rb_text_from_en(b->lang, phrase), shown,
             text[at] == '\'' ? rb_text_from_en(b->lang, " (text is written in double quotes)") : "");
  } else {
    set_text(b, err, phrase);
  }
}

/* ---- Entry points ---------------------------------------------------------- */

rb_json_parser *rb_json_parser_new(void) { return calloc(1, sizeof(rb_json_parser)); }

void rb_json_parser_free(rb_json_parser *p) {
  if (!p) return;
  free(p->stack);
  free(p);
}

/* One parse of text[0..limit) with a new yajl handle.  OK: the tree is in
** b->p->stack[0].  Tracking, a syntax error fills err. */
static rb_json_status run(builder *b, size_t limit, rb_json_syntax *err) {
  yajl_alloc_funcs funcs = rb_json_arena_funcs(b->arena);
  b->yajl = yajl_alloc(&callbacks, &funcs, b);
  if (!b->yajl) return RB_JSON_NOMEM;
  /* The pre-scan replaces yajl's lenient UTF-8 check (see the banner). */
  yajl_config(b->yajl, yajl_dont_validate_strings, 1);

  const char *text = b->text;
  yajl_status st = yajl_parse(b->yajl, (const unsigned char *)text, limit);
  size_t stop_at = yajl_get_bytes_consumed(b->yajl);
  bool before_bad_byte = st == yajl_status_ok && limit < b->len;
  if (st == yajl_status_ok && !before_bad_byte) {
    b->finishing = true;
    st = yajl_complete_parse(b->yajl);
  }
  /* Where the text after the top-level value stops being blank. */
  size_t trailing = b->root_end;
  while (b->complete && trailing < limit && is_space(text[trailing])) trailing++;
  bool text_after = st == yajl_status_ok && b->complete && trailing < limit;
  rb_json_status result = RB_JSON_SYNTAX;
  if (b->own == OWN_NOMEM) {
    result = RB_JSON_NOMEM;
  } else if (st == yajl_status_ok && !before_bad_byte && !text_after) {
    result = RB_JSON_OK;
  } else if (!b->tracking) {
    /* The second parse says where and what. */
  } else if (b->own == OWN_DEPTH) {
    err->offset = next_token(b);
    set_what(b, err, "nested too deeply (more than %d levels of arrays and objects)", RB_JSON_MAX_DEPTH);
  } else if (b->own == OWN_SURROGATE) {
    err->offset = b->own_at;
    set_text(b, err, "a \\u escape that is half of a character (a lone surrogate, \\ud800–\\udfff, not in a pair)");
  } else if (text_after) {
    err->offset = trailing;
    set_text(b, err, "text after the report");
  } else if (before_bad_byte) {
    err->offset = limit;
    if (text[limit] == '\f')
      set_text(b, err, "unexpected control character (form feed)");
    else if (text[limit] == '\v')
      set_text(b, err, "unexpected control character (vertical tab)");
    else
      set_text(b, err, "not UTF-8 text (save the file as UTF-8)"); /* NOT_UTF8 */
  } else {
    unsigned char *message = yajl_get_error(b->yajl, 0, (const unsigned char *)text, limit);
    if (!message) {
      result = RB_JSON_NOMEM;
    } else {
      explain_yajl_error(b, (const char *)message, stop_at, err);
      yajl_free_error(b->yajl, message);
    }
  }
  yajl_free(b->yajl);
  return result;
}

rb_json_status rb_json_parse(rb_json_parser *p, rb_arena *arena, const char *text, size_t len, rb_json_value *root,
                             rb_json_syntax *err) {
  return rb_json_parse_scanned(p, arena, text, len, rb_utf8_first_bad(text, len), RB_LANG_EN, root, err);
}

/* Parse JSON text whose UTF-8 pre-scan found its first bad byte at
** first_bad (json_tree.h): the text up to it, then the error there. */
rb_json_status rb_json_parse_scanned(rb_json_parser *p, rb_arena *arena, const char *text, size_t len,
                                     size_t first_bad, rb_lang lang, rb_json_value *root, rb_json_syntax *err) {
  size_t limit = first_bad;
  builder b = {.p = p, .arena = arena, .text = text, .len = len, .lang = lang};
  rb_json_status st = run(&b, limit, err);
  if (st == RB_JSON_SYNTAX) {
    /* The same parse again, deterministic, now recording positions. */
    b = (builder){.p = p, .arena = arena, .text = text, .len = len, .tracking = true, .lang = lang};
    st = run(&b, limit, err);
    if (st == RB_JSON_OK) { /* not reached */
      err->offset = 0;
      set_text(&b, err, "unexpected character");
      st = RB_JSON_SYNTAX;
    }
  }
  if (st == RB_JSON_OK) *root = p->stack[0].value;
  return st;
}

/* Whether the member name key[0..len) is *name. */
static bool is_name(const rb_json_name *name, const char *key, size_t len) {
  return name->len == len && (len == 0 || (name->name[0] == key[0] && memcmp(name->name, key, len) == 0));
}

size_t rb_json_pick(const rb_json_value *o, const rb_json_name *names, size_t count, const rb_json_value **found) {
  for (size_t k = 0; k < count; k++) found[k] = NULL;
  if (o->kind != RB_JSON_OBJECT) return 0;
  size_t others = 0;
  for (size_t i = 0; i < o->len; i++) {
    const rb_json_member *m = &o->as.members[i];
    size_t k = 0;
    while (k < count && !is_name(&names[k], m->key, m->key_len)) k++;
    if (k < count)
      found[k] = &m->value;
    else
      others++;
  }
  return others;
}

bool rb_json_is_one_of(const char *key, size_t len, const rb_json_name *names, size_t count) {
  for (size_t k = 0; k < count; k++)
    if (is_name(&names[k], key, len)) return true;
  return false;
}
