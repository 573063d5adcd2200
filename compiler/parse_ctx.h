/*
** parse_ctx.h — what the scanner and the parser share while reading one file.
**
** The parser is pure and the scanner reentrant (grammar/); everything they
** need — the arena the AST goes into, the diagnostics sink, the current byte
** offset — is in this context, passed to both.  The grammar's actions are
** one-line calls to the constructors declared here (ast.c).
*/
#ifndef RUBRIC_PARSE_CTX_H
#define RUBRIC_PARSE_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "base/arena.h"
#include "base/num.h"

/* A list the parser is building: its first and its last node, so that a
** list of n grows in n steps without a pointer to its end in every node. */
typedef struct rb_ast_list {
  rb_ast *head, *tail;
} rb_ast_list;

/* A byte span, the location type of the parser. */
typedef struct rb_span {
  uint32_t start, end;
} rb_span;

typedef struct rb_parse_ctx {
  rb_arena *arena;
  rb_numctx *nums;
  rb_diags *diags;
  uint16_t file;        /* index of the file being read */
  uint32_t offset;      /* scanner position */
  /* The text rb_parse_file scans, handed to the scanner a buffer at a time
  ** (rb_parse_read) rather than copied whole. */
  const char *input;
  size_t input_len, input_pos;
  uint32_t comment_start;
  rb_ast *statements;   /* the result: top-level statements in order */
  int syntax_errors;
  /* The spans of comments, in order, when keep_comments is set (the
  ** formatter's); the compiler leaves it off and the list empty. */
  bool keep_comments;
  rb_span *comments;    /* malloc'd; the caller frees it */
  uint32_t comment_count, comment_cap;
} rb_parse_ctx;

/* The scanner's input (YY_INPUT in rubric.l): up to max bytes of the text
** from where the last call stopped; 0 at its end. */
size_t rb_parse_read(rb_parse_ctx *cx, char *buf, size_t max);
/* Copy token text into the arena (NUL-terminated). */
const char *rb_parse_intern(rb_parse_ctx *cx, const char *s, size_t len);
/* Copy a string literal's contents, interpreting \" \\ \n \t; a bad escape
** is reported at its offset (base is the offset of the first character). */
const char *rb_parse_unescape(rb_parse_ctx *cx, const char *s, size_t len, uint32_t base);
/* Record a comment's span when cx->keep_comments (see rubric.l). */
void rb_parse_comment(rb_parse_ctx *cx, uint32_t start, uint32_t end);
/* Report a syntax error at a span of the current file. */
/* message and hint are plain texts written in English (or NULL for no hint),
** written in the diagnostics' language (base/messages_en.h, ENT entries). */
void rb_parse_error_at(rb_parse_ctx *cx, uint32_t start, uint32_t end, const char *message, const char *hint);

/* AST constructors (ast.c).  Each returns a node with the given kind and
** span; a failed allocation aborts the compile with a diagnostic. */
rb_ast *rb_ast_new(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span);
rb_ast *rb_ast_text(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, const char *text);
rb_ast *rb_ast_node(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, rb_ast *a, rb_ast *b, rb_ast *c);
rb_ast *rb_ast_number(rb_parse_ctx *cx, rb_span span, const char *digits, int unit, int scale10);
rb_ast *rb_ast_date(rb_parse_ctx *cx, rb_span span, const char *text);
rb_ast *rb_ast_binary(rb_parse_ctx *cx, rb_span span, int op, rb_ast *a, rb_ast *b);
/* A declaration whose text after its name could not be parsed: it still
** declares the name, so that its uses are not reported again as unknown. */
rb_ast *rb_ast_broken(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, rb_ast *name);
/* A copy of one node (not of its list successors). */
rb_ast *rb_ast_copy(rb_parse_ctx *cx, const rb_ast *n);
/* Negate a NUMBER literal in place. */
void rb_ast_negate(rb_parse_ctx *cx, rb_ast *n);
/* "a.b" in the arena. */
const char *rb_ast_join(rb_parse_ctx *cx, const char *a, const char *b);
/* Record an each's split clause (a NAME with the policy, a: places). */
void rb_ast_each_split(rb_ast *each, rb_ast *split);
/* sum(e for x in t where c) and its kin; an unknown aggregate name is
** reported here. */
rb_ast *rb_ast_aggregate(rb_parse_ctx *cx, rb_span span, const char *fname, rb_ast *element, const char *var,
                         rb_ast *sequence, rb_ast *where);
/* One expectation of a test block (`report "x.json"`, `score 产出 › 培训 9.17`,
** `not finding review "…"`): word is what the line starts with, a and b its
** operands as parsed; the shape is checked against the word here, and a word
** that is no expectation is a syntax error with the list of those there are. */
rb_ast *rb_ast_expect(rb_parse_ctx *cx, rb_span span, bool negated, const char *word, rb_span word_span, rb_ast *a,
                      rb_ast *b);
/* Append b to the list a (either may be NULL); returns the list.  It walks
** a to its end: the parser builds its lists with rb_ast_list_add instead. */
rb_ast *rb_ast_append(rb_ast *list, rb_ast *item);
/* The list of one node; a list with item (and its successors) appended. */
rb_ast_list rb_ast_list_one(rb_ast *item);
rb_ast_list rb_ast_list_add(rb_ast_list list, rb_ast *item);
/* A span from the start of a to the end of b. */
rb_span rb_span_join(rb_span a, rb_span b);

/* The parser entry point (generated from grammar/rubric.y): parse the text
** of one file into cx->statements.  Returns the number of syntax errors. */
int rb_parse_file(rb_parse_ctx *cx, const char *text, size_t len);

#endif /* RUBRIC_PARSE_CTX_H */
