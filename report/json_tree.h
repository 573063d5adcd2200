/*
** json_tree.h — a compact JSON tree for the report reader, built by yajl.
**
** report_json.c needs to look members up by name in any order (the id
** first, so that every later message can name the report), so it reads a
** tree, not a stream.  The tree is made to be cheap: yajl (a streaming
** parser) calls back once per token, the callbacks keep a stack of values
** whose container is still open, and when a container closes its children
** are copied, packed, into the report's arena.  There is no malloc per node,
** no hash table per object and no copy of text that needs none: a string
** without escapes and every number point straight into the input text,
** which the caller keeps alive while it walks the tree.
**
** What the tree promises:
**   - strict RFC 8259 JSON, one value, whitespace only around it;
**   - every string (member names too) is valid UTF-8, checked byte by byte,
**     with escapes decoded the way json-c decodes them (a lone surrogate
**     becomes U+FFFD; "\u0000" stays a NUL byte inside the text, so a
**     string's length, not a terminator, says where it ends);
**   - numbers are kept as the literal text the file wrote ("165.52",
**     "1.50e3", "99999999999999999999999"), never converted;
**   - no value is nested more than RB_JSON_MAX_DEPTH levels deep.
**
** A syntax error comes back as a byte offset and a phrase a finance officer
** can act on ("expected ',' or '}' after a member"); the report reader turns
** the offset into a line and a column.  Outside report/, only the language
** server (author/lsp.c) includes this header, to read JSON-RPC messages.
*/
#ifndef RUBRIC_JSON_TREE_H
#define RUBRIC_JSON_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include <yajl/yajl_common.h>

#include "base/arena.h"
#include "base/messages.h"

/* How deeply values may nest: a value may sit inside at most
** RB_JSON_MAX_DEPTH - 1 arrays and objects.  This is the limit of json-c's
** default tokener, which read reports before, so the same files pass; a real
** report needs four levels. */
#define RB_JSON_MAX_DEPTH 32

typedef enum rb_json_kind {
  RB_JSON_NULL,
  RB_JSON_FALSE,
  RB_JSON_TRUE,
  RB_JSON_NUMBER, /* as.text: the literal, len bytes */
  RB_JSON_STRING, /* as.text: decoded UTF-8, len bytes, not NUL-terminated */
  RB_JSON_ARRAY,  /* as.items: len values */
  RB_JSON_OBJECT  /* as.members: len members, in the order written, names repeated if the file does */
} rb_json_kind;

typedef struct rb_json_value rb_json_value;
typedef struct rb_json_member rb_json_member;

struct rb_json_value {
  rb_json_kind kind;
  bool has_nul; /* RB_JSON_STRING: the text holds a NUL byte (written "\u0000") */
  size_t len;
  union {
    const char *text;
    const rb_json_value *items;
    const rb_json_member *members;
  } as;
};

struct rb_json_member {
  const char *key; /* decoded UTF-8, key_len bytes, not NUL-terminated */
  size_t key_len;
  rb_json_value value;
};

/* A parser's scratch memory (the stack of open values), kept between parses
** so that reading report after report allocates nothing once warm. */
typedef struct rb_json_parser rb_json_parser;

/* Why a parse failed. */
typedef enum rb_json_status {
  RB_JSON_OK,
  RB_JSON_SYNTAX, /* not strict JSON: see rb_json_syntax */
  RB_JSON_NOMEM
} rb_json_status;

/* Where and what: the byte offset of the fault in the text (the start of the
** token or character at fault; the text's length for a premature end), and
** what is wrong in plain words. */
typedef struct rb_json_syntax {
  size_t offset;
  char what[192];
} rb_json_syntax;

/* A parser with no memory yet, or NULL when out of memory. */
rb_json_parser *rb_json_parser_new(void);
void rb_json_parser_free(rb_json_parser *p);

/* Parse len bytes of text (need not be NUL-terminated) into *root.  Nodes,
** decoded strings and yajl's own memory come from arena; strings without
** escapes and numbers point into text, so the tree is valid while both text
** and arena are.  On RB_JSON_SYNTAX fills *err. */
rb_json_status rb_json_parse(rb_json_parser *p, rb_arena *arena, const char *text, size_t len, rb_json_value *root,
                             rb_json_syntax *err);

/* rb_json_parse for a caller that has run the pre-scan already (the report
** reader, deciding whether the text is UTF-8): first_bad must be
** rb_utf8_first_bad(text, len) (utf8_check.h); err->what is in lang
** (rb_json_parse's is English). */
rb_json_status rb_json_parse_scanned(rb_json_parser *p, rb_arena *arena, const char *text, size_t len,
                                     size_t first_bad, rb_lang lang, rb_json_value *root, rb_json_syntax *err);

/* Decode the escapes of n bytes of raw string content s (the text between
** the quotes of a string yajl has accepted: every '\' starts a valid
** escape, every "\u" has four hex digits) into out, which has room for n
** bytes (no escape decodes to more bytes than it is written with); returns
** the decoded length.  A high surrogate followed by "\u" and a low one is
** one character; *lone is set to the offset of the first surrogate escape
** that is not half of such a pair (SIZE_MAX when there is none).  The tree
** refuses such a string, and so does the report reader that listens to
** yajl itself (report_events.c). */
/* yajl's memory from an arena: each block records its size (yajl
** reallocates its buffers); freeing is a no-op, the arena is reset with the
** report.  For the tree's parser and the events reader's. */
yajl_alloc_funcs rb_json_arena_funcs(rb_arena *arena);

size_t rb_json_decode_escapes(const char *s, size_t n, char *out, size_t *lone);

/* A member name a reader looks for, and its length in bytes. */
typedef struct rb_json_name {
  const char *name;
  size_t len;
} rb_json_name;

/* For each of the count names, the value of that member of object o, or
** NULL when o has no such member (or is not an object).  One pass over o's
** members, comparing length, then bytes; a name given twice yields its last
** value, as json-c did.  The answer may be a null value: what null means is
** the reader's business.  Returns how many of o's members have none of the
** names, so that a reader looks for members it does not know only when
** there are some. */
size_t rb_json_pick(const rb_json_value *o, const rb_json_name *names, size_t count, const rb_json_value **found);

/* Whether the member name key[0..len) is one of the count names. */
bool rb_json_is_one_of(const char *key, size_t len, const rb_json_name *names, size_t count);

#endif /* RUBRIC_JSON_TREE_H */
