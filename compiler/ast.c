/*
** ast.c — AST constructors called by the grammar's actions, the helpers the
** scanner uses, and rb_parse_file, which runs scanner and parser over one
** file.
*/
#include <stdlib.h>
#include <string.h>

#include "compiler/parse_ctx.h"
#include "rubric_parser.h"
#include "rubric_lexer.h"
#include "vm/value.h"

/* A hint written in English (rb_parse_error_at gives it in the diagnostics'
** language; HINT marks it for tests/messages/check_catalogue.py). */
#define HINT(text) (text)

static const char *const type_names[RB_TYPE_COUNT] = {
#define X(name, text) text,
    RB_TYPES(X)
#undef X
};

/* The size ast.h promises, on a 64-bit machine. */
_Static_assert(sizeof(void *) != 8 || sizeof(rb_ast) == 96, "an AST node is 96 bytes");

const char *rb_type_name(rb_type t) { return t < RB_TYPE_COUNT ? type_names[t] : "?"; }

size_t rb_parse_read(rb_parse_ctx *cx, char *buf, size_t max) {
  size_t n = cx->input_len - cx->input_pos;
  if (n > max) n = max;
  memcpy(buf, cx->input + cx->input_pos, n);
  cx->input_pos += n;
  return n;
}

const char *rb_parse_intern(rb_parse_ctx *cx, const char *s, size_t len) {
  const char *p = rb_arena_strndup(cx->arena, s, len);
  return p ? p : "";
}

/* A text literal's body as written (s[0..len), without its quotes) with its
** escapes (\" \\ \n \t) turned into their characters, in the parser's arena;
** base is its byte offset in the file, for the place of a bad escape. */
const char *rb_parse_unescape(rb_parse_ctx *cx, const char *s, size_t len, uint32_t base) {
  char *out = rb_arena_alloc(cx->arena, len + 1);
  if (!out) return "";
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] != '\\' || i + 1 == len) {
      out[o++] = s[i];
      continue;
    }
    char c = s[++i];
    switch (c) {
    case 'n': out[o++] = '\n'; break;
    case 't': out[o++] = '\t'; break;
    case '"': out[o++] = '"'; break;
    case '\\': out[o++] = '\\'; break;
    default:
      rb_parse_error_at(cx, base + (uint32_t)i - 1, base + (uint32_t)i + 1, "unknown escape in text",
                        "inside \"…\" only \\\" \\\\ \\n and \\t have a meaning");
      out[o++] = c;
    }
  }
  out[o] = '\0';
  return out;
}

void rb_parse_comment(rb_parse_ctx *cx, uint32_t start, uint32_t end) {
  if (!cx->keep_comments) return;
  if (cx->comment_count == cx->comment_cap) {
    uint32_t cap = cx->comment_cap ? cx->comment_cap * 2 : 32;
    rb_span *c = realloc(cx->comments, cap * sizeof *c);
    if (!c) return; /* the formatter sees the count short and refuses (author/fmt.c) */
    cx->comments = c;
    cx->comment_cap = cap;
  }
  cx->comments[cx->comment_count++] = (rb_span){start, end};
}

void rb_parse_error_at(rb_parse_ctx *cx, uint32_t start, uint32_t end, const char *message, const char *hint) {
  cx->syntax_errors++;
  rb_diag_add(cx->diags, RB_SEV_ERROR, cx->file, start, end, hint, "%s", rb_text_from_en(cx->diags->lang, message));
}

rb_ast *rb_ast_new(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span) {
  rb_ast *n = rb_arena_calloc(cx->arena, 1, sizeof *n);
  if (!n) {
    /* Out of memory while parsing: every grammar action assumes a node, so
    ** stop here with a message rather than crash in one. */
    fputs("rubric: out of memory while parsing\n", stderr);
    exit(70);
  }
  n->kind = (uint8_t)kind;
  n->file = cx->file;
  n->start = span.start;
  n->end = span.end;
  n->slot = -1;
  return n;
}

rb_ast *rb_ast_text(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, const char *text) {
  rb_ast *n = rb_ast_new(cx, kind, span);
  n->text = text;
  return n;
}

/* A node with children a, b, c — or, when it would nest deeper than
** RB_MAX_NESTING (ast.h), an ERROR node in its place, reported here once:
** its parents are shallow again, so no later pass recurses too deep. */
rb_ast *rb_ast_node(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, rb_ast *a, rb_ast *b, rb_ast *c) {
  uint16_t depth = 0;
  if (a && a->depth > depth) depth = a->depth;
  if (b && b->depth > depth) depth = b->depth;
  if (c && c->depth > depth) depth = c->depth;
  if (depth >= RB_MAX_NESTING) {
    /* Said once, at the innermost place; its parents stay errors quietly. */
    if (depth == RB_MAX_NESTING)
      rb_parse_error_at(cx, span.start, span.end, "this expression is nested too deeply (more than 256 levels)",
                        "split it into parts with let, a constant or a function");
    rb_ast *e = rb_ast_new(cx, RB_AST_ERROR, span);
    e->depth = RB_MAX_NESTING + 1;
    return e;
  }
  rb_ast *n = rb_ast_new(cx, kind, span);
  n->a = a;
  n->b = b;
  n->c = c;
  n->depth = (uint16_t)(depth + 1);
  return n;
}

rb_ast *rb_ast_number(rb_parse_ctx *cx, rb_span span, const char *digits, int unit, int scale10) {
  rb_ast *n = rb_ast_new(cx, RB_AST_NUMBER, span);
  n->unit = (uint8_t)unit;
  n->text = digits;
  rb_num v;
  if (!rb_num_parse(cx->nums, digits, strlen(digits), &v) || !rb_num_scale10(cx->nums, v, scale10, &v)) {
    if (rb_numctx_error(cx->nums) == RB_NUM_TOO_LARGE)
      rb_parse_error_at(cx, span.start, span.end, "this number has more than 4000 digits", NULL);
    else
      rb_parse_error_at(cx, span.start, span.end, "malformed number", NULL);
    v = rb_num_int(0);
  }
  n->num = v;
  return n;
}

rb_ast *rb_ast_date(rb_parse_ctx *cx, rb_span span, const char *text) {
  rb_ast *n = rb_ast_new(cx, RB_AST_DATE, span);
  n->text = text;
  int y = atoi(text), m = atoi(text + 5), d = atoi(text + 8);
  int32_t days;
  if (!rb_date_from_ymd(y, m, d, &days)) {
    rb_parse_error_at(cx, span.start, span.end, "no such date", "dates are written YYYY-MM-DD, as in 2024-04-01");
    days = 0;
  }
  n->ival = days;
  return n;
}

rb_ast *rb_ast_binary(rb_parse_ctx *cx, rb_span span, int op, rb_ast *a, rb_ast *b) {
  rb_ast *n = rb_ast_node(cx, RB_AST_BINARY, span, a, b, NULL);
  n->op = (uint8_t)op;
  return n;
}

rb_ast *rb_ast_broken(rb_parse_ctx *cx, rb_ast_kind kind, rb_span span, rb_ast *name) {
  rb_ast *n = rb_ast_new(cx, kind, span);
  n->text = name->text;
  n->flags = RB_NODE_BROKEN;
  return n;
}

rb_ast *rb_ast_copy(rb_parse_ctx *cx, const rb_ast *n) {
  rb_ast *c = rb_ast_new(cx, (rb_ast_kind)n->kind, (rb_span){n->start, n->end});
  *c = *n;
  c->next = NULL;
  return c;
}

void rb_ast_negate(rb_parse_ctx *cx, rb_ast *n) {
  rb_num v;
  if (rb_num_neg(cx->nums, n->num, &v)) n->num = v;
}

const char *rb_ast_join(rb_parse_ctx *cx, const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  char *s = rb_arena_alloc(cx->arena, la + lb + 2);
  if (!s) return a;
  memcpy(s, a, la);
  s[la] = '.';
  memcpy(s + la + 1, b, lb + 1);
  return s;
}

void rb_ast_each_split(rb_ast *each, rb_ast *split) {
  /* The split clause is kept as a NAME node in `next`-free storage: op2 and
  ** ival are filled by the checker from it. */
  each->decl = split;
}

rb_ast *rb_ast_expect(rb_parse_ctx *cx, rb_span span, bool negated, const char *word, rb_span word_span, rb_ast *a,
                      rb_ast *b) {
  rb_ast *n = rb_ast_node(cx, RB_AST_EXPECT, span, NULL, NULL, NULL);
  n->ival = negated;
  bool one_name = a && a->kind != RB_AST_JSON && !a->next && (a->kind == RB_AST_NAME || a->kind == RB_AST_STRING);
  bool text = one_name && a->kind == RB_AST_STRING;
  const char *shape = NULL; /* the form the word wants, when it was not met */
  if (strcmp(word, "report") == 0) {
    n->op = RB_EXPECT_REPORT;
    n->a = a;
    if (negated || b || !(text || (a && a->kind == RB_AST_JSON))) shape = HINT("report \"FILE.json\" or report { JSON }");
  } else if (strcmp(word, "total") == 0) {
    n->op = RB_EXPECT_TOTAL;
    n->a = b;
  } else if (strcmp(word, "score") == 0) {
    n->op = RB_EXPECT_SCORE;
    n->b = a;
    n->a = b;
    if (negated || !a || a->kind == RB_AST_JSON || !b || b->kind != RB_AST_NUMBER)
      shape = HINT("score SECTION › ITEM POINTS, as score 产出 › 培训标准 9.17");
  } else if (strcmp(word, "grade") == 0) {
    n->op = RB_EXPECT_GRADE;
    if (negated || !one_name || b) shape = HINT("grade NAME, as grade 优");
    else n->text = a->text;
  } else if (strcmp(word, "finding") == 0) {
    n->op = RB_EXPECT_FINDING;
    if (!one_name || a->kind != RB_AST_NAME || (b && b->kind != RB_AST_STRING))
      shape = HINT("[not] finding KIND [\"TEXT\"], as finding shortfall \"培训标准\"");
    else n->text = a->text, n->b = b;
  } else if (strcmp(word, "error") == 0) {
    n->op = RB_EXPECT_ERROR;
    n->a = a;
    if (negated || !text || b) shape = HINT("error \"TEXT\", a part of the message the rubric refuses the report with");
  } else if (strcmp(word, "check") == 0) {
    n->op = RB_EXPECT_CHECK;
    if (negated || !one_name || !b || b->kind != RB_AST_NAME ||
        (strcmp(b->text, "holds") != 0 && strcmp(b->text, "fails") != 0 && strcmp(b->text, "unknown") != 0))
      shape = HINT("check NAME holds, check NAME fails or check NAME unknown");
    else n->text = a->text, n->b = b;
  } else {
    rb_parse_error_at(cx, word_span.start, word_span.end, "unknown expectation",
                      "a test says: report, total, score, grade, finding, not finding, error or check");
    n->kind = RB_AST_ERROR;
    return n;
  }
  if (shape) {
    rb_parse_error_at(cx, span.start, span.end, "malformed expectation", shape);
    n->kind = RB_AST_ERROR;
  }
  return n;
}

/* F(element for var in sequence where …): an AGGREGATE node of the kind
** named fname (sum, count, all, any, min, max, list), or a syntax error
** naming the aggregates when fname is none of them. */
rb_ast *rb_ast_aggregate(rb_parse_ctx *cx, rb_span span, const char *fname, rb_ast *element, const char *var,
                         rb_ast *sequence, rb_ast *where) {
  static const struct {
    const char *name;
    rb_agg_kind kind;
  } aggs[] = {{"sum", RB_AGG_SUM}, {"count", RB_AGG_COUNT}, {"all", RB_AGG_ALL},
              {"any", RB_AGG_ANY}, {"min", RB_AGG_MIN},     {"max", RB_AGG_MAX},
              {"list", RB_AGG_LIST}};
  rb_ast *n = rb_ast_node(cx, RB_AST_AGGREGATE, span, element, sequence, where);
  n->text = var;
  for (size_t i = 0; i < sizeof aggs / sizeof aggs[0]; i++) {
    if (strcmp(aggs[i].name, fname) == 0) {
      n->op = (uint8_t)aggs[i].kind;
      return n;
    }
  }
  rb_parse_error_at(cx, span.start, span.start + (uint32_t)strlen(fname), "unknown aggregate",
                    "write sum, count, all, any, min, max or list before (… for x in …)");
  return n;
}

static rb_ast *last_of(rb_ast *list) {
  rb_ast *p = list;
  while (p->next) p = p->next;
  return p;
}

rb_ast *rb_ast_append(rb_ast *list, rb_ast *item) {
  if (!list) return item;
  if (!item) return list;
  last_of(list)->next = item;
  return list;
}

rb_ast_list rb_ast_list_one(rb_ast *item) { return rb_ast_list_add((rb_ast_list){NULL, NULL}, item); }

rb_ast_list rb_ast_list_add(rb_ast_list list, rb_ast *item) {
  if (!item) return list;
  if (list.head) list.tail->next = item;
  else list.head = item;
  list.tail = last_of(item);
  return list;
}

rb_span rb_span_join(rb_span a, rb_span b) {
  rb_span s = {a.start, b.end};
  return s;
}

/* Parse a whole rubric text (a UTF-8 byte order mark is skipped) into
** cx->statements; returns the number of syntax errors reported. */
int rb_parse_file(rb_parse_ctx *cx, const char *text, size_t len) {
  yyscan_t scanner;
  if (rb_yylex_init_extra(cx, &scanner) != 0) {
    rb_parse_error_at(cx, 0, 0, "out of memory", NULL);
    return cx->syntax_errors;
  }
  /* A UTF-8 byte order mark is not part of the text. */
  size_t skip = 0;
  if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) skip = 3;
  cx->offset = (uint32_t)skip;
  /* Read through YY_INPUT (rubric.l): flex's buffer is refilled from the
  ** text, not a copy of the whole text made first. */
  cx->input = text + skip;
  cx->input_len = len - skip;
  cx->input_pos = 0;
  rb_yyparse(scanner, cx);
  rb_yylex_destroy(scanner);
  return cx->syntax_errors;
}
