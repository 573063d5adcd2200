/*
** fmt.c — `rubric fmt`: the one canonical layout of a rubric.
**
** The layout is decided by the syntax tree and carried out on the tokens.
** The parser (run with comments kept on a side list, see grammar/rubric.l)
** says where each statement, member and expectation starts and ends, and
** which are blocks (a section's members, a test's expectations); a second
** pass of the same scanner gives every token with its span.  The output is
** those tokens, each printed as it was written (× stays ×, `名称` keeps its
** backquotes), with only the white space between them decided here:
**
**   - one statement, member or expectation a line, indented two spaces a
**     level of section or test;
**   - where the author broke a statement over lines, it stays broken there;
**     a continuation line is indented two spaces more than the line that
**     opened the innermost bracket still open, or than the statement when
**     none is, and a line that starts with a closing bracket lines up with
**     the line of its opening one;
**   - one space between tokens, none inside ( ) and [ ], none before , : ;
**     ) ] or a call's (, none around . (but around ›), none after a unary -;
**   - in a run of consecutive one-line items of a section, the weights are
**     right-aligned (so their = signs line up as well);
**   - at most one blank line anywhere; exactly one between top-level
**     statements of different kinds (header, imports, inputs, constants,
**     natives, functions, the scoring tree, checks, tests) or when either
**     spans several lines — consecutive one-line statements of one kind
**     keep the author's choice;
**   - comments stay where they are: on their own line (indented as the next
**     line is) or after code on its line (one space before them);
**   - no white space at the end of a line, one newline at the end.
**
** Since no token is added, dropped or changed, the program a formatted file
** compiles to is the program of the original (tests/author checks it on
** every rubric of the repository, comparing their disassembly), and
** formatting twice gives the same text as formatting once.
*/
#include <stdlib.h>
#include <string.h>

#include "author/author.h"
#include "base/arena.h"
#include "base/num.h"
#include "base/utf8.h"
#include "compiler/parse_ctx.h"
#include "rubric_parser.h"
#include "rubric_lexer.h"

enum { COMMENT = -1 };

typedef struct token {
  int kind;            /* the parser's token kind, a character, or COMMENT */
  uint32_t start, end; /* byte span */
  uint32_t line;       /* 0-based line of the start */
} token;

typedef struct fmt {
  const char *src;
  size_t len;
  token *tokens;
  uint32_t count;
  FILE *out;
  bool line_start;    /* nothing written on the current line yet */
  bool blank_written; /* the last line written is blank (or nothing yet) */
  bool space;         /* a space is due before the next token on this line */
  int indent;         /* of the current line */
} fmt;

/* ---- Tokens -------------------------------------------------------------- */

static int by_start(const void *a, const void *b) {
  const token *x = a, *y = b;
  return x->start < y->start ? -1 : x->start > y->start;
}

/* Every token and comment of the text, in order, with its line; false when
** out of memory. */
static bool scan_tokens(fmt *f, rb_parse_ctx *cx, size_t skip) {
  yyscan_t scanner;
  if (rb_yylex_init_extra(cx, &scanner) != 0) return false;
  cx->offset = (uint32_t)skip;
  uint32_t comments_before = cx->comment_count;
  YY_BUFFER_STATE buf = rb_yy_scan_bytes(f->src + skip, (int)(f->len - skip), scanner);
  uint32_t cap = 256;
  f->tokens = malloc(cap * sizeof *f->tokens);
  bool ok = f->tokens != NULL;
  RB_YYSTYPE value;
  RB_YYLTYPE place;
  int kind;
  while (ok && (kind = rb_yylex(&value, &place, scanner)) != 0) {
    if (f->count == cap) {
      token *t = realloc(f->tokens, (cap *= 2) * sizeof *t);
      if (!t) ok = false;
      else f->tokens = t;
    }
    if (ok) f->tokens[f->count++] = (token){kind, place.start, place.end, 0};
  }
  rb_yy_delete_buffer(buf, scanner);
  rb_yylex_destroy(scanner);
  /* The comments this pass found, merged in by place. */
  uint32_t comments = cx->comment_count - comments_before;
  if (ok && comments) {
    token *t = realloc(f->tokens, (f->count + comments) * sizeof *t);
    if (!t) return false;
    f->tokens = t;
    for (uint32_t i = comments_before; i < cx->comment_count; i++)
      f->tokens[f->count++] = (token){COMMENT, cx->comments[i].start, cx->comments[i].end, 0};
    qsort(f->tokens, f->count, sizeof *f->tokens, by_start);
  }
  uint32_t line = 0, at = 0;
  for (uint32_t i = 0; ok && i < f->count; i++) {
    for (; at < f->tokens[i].start; at++) line += f->src[at] == '\n';
    f->tokens[i].line = line;
  }
  return ok;
}

/* The index of the first token starting at or after offset. */
static uint32_t token_at(const fmt *f, uint32_t offset) {
  uint32_t lo = 0, hi = f->count;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (f->tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/* The index of the last token ending at or before offset, among the tokens
** from `from` on. */
static uint32_t last_token_before(const fmt *f, uint32_t from, uint32_t offset) {
  uint32_t i = token_at(f, offset);
  while (i > from && f->tokens[i - 1].end > offset) i--;
  return i > from ? i - 1 : from;
}

/* Newlines between the end of token a and the start of token b. */
static uint32_t newlines_between(const fmt *f, uint32_t a, uint32_t b) {
  uint32_t n = 0;
  for (uint32_t i = f->tokens[a].end; i < f->tokens[b].start; i++) n += f->src[i] == '\n';
  return n;
}

static bool is_char(const token *t, char c) { return t->kind == (unsigned char)c; }

static bool is_opener(const token *t) { return is_char(t, '(') || is_char(t, '[') || is_char(t, '{'); }
static bool is_closer(const token *t) { return is_char(t, ')') || is_char(t, ']') || is_char(t, '}'); }

/* Whether a token ends an operand, so that a '-' after it is binary. */
static bool ends_operand(const token *t) {
  switch (t->kind) {
  case T_IDENT: case T_NUMBER: case T_PERCENT: case T_YUAN: case T_WAN: case T_YI: case T_STRING: case T_DATE:
  case T_TRUE: case T_FALSE: case T_NIL: case T_WEIGHT: case T_SELF: return true;
  default: return is_closer(t);
  }
}

/* Whether a '.' token was written › (spaced) rather than . (not). */
static bool is_chevron(const fmt *f, const token *t) { return f->src[t->start] != '.'; }

/* ---- Output -------------------------------------------------------------- */

static void newline(fmt *f) {
  fputc('\n', f->out);
  f->blank_written = f->line_start;
  f->line_start = true;
  f->space = false;
}

static void blank_line(fmt *f) {
  if (!f->line_start) newline(f);
  if (!f->blank_written) newline(f);
}

/* Write bytes on the current line, indenting it first if it is new. */
static void put(fmt *f, const char *s, size_t len) {
  if (f->line_start) {
    for (int i = 0; i < f->indent; i++) fputc(' ', f->out);
    f->line_start = false;
    f->blank_written = false;
  } else if (f->space) {
    fputc(' ', f->out);
  }
  f->space = false;
  fwrite(s, 1, len, f->out);
}

/* Write a token as written.  A block comment over several lines keeps its
** inner lines as they are, without the white space at their ends. */
static void put_token(fmt *f, const token *t) {
  const char *s = f->src + t->start;
  size_t len = t->end - t->start;
  if (t->kind != COMMENT || !memchr(s, '\n', len)) {
    while (t->kind == COMMENT && len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    put(f, s, len);
    return;
  }
  const char *end = s + len;
  while (s < end) {
    const char *nl = memchr(s, '\n', (size_t)(end - s));
    size_t n = nl ? (size_t)(nl - s) : (size_t)(end - s);
    size_t trimmed = n;
    while (trimmed && (s[trimmed - 1] == ' ' || s[trimmed - 1] == '\t' || s[trimmed - 1] == '\r')) trimmed--;
    if (f->line_start && trimmed) {
      fwrite(s, 1, trimmed, f->out); /* an inner line: as written */
      f->line_start = f->blank_written = false;
    } else if (trimmed) {
      put(f, s, trimmed);
    }
    if (!nl) break;
    fputc('\n', f->out);
    f->line_start = true;
    f->space = false;
    s = nl + 1;
  }
}

/* Whether a space goes between tokens a and b on one line. */
static bool space_between(const fmt *f, const token *a, const token *b, bool a_unary) {
  if (b->kind == COMMENT || a->kind == COMMENT) return true;
  if (is_char(b, '.')) return is_chevron(f, b);
  if (is_char(a, '.')) return is_chevron(f, a);
  if (is_char(b, ')') || is_char(b, ']') || is_char(b, ',') || is_char(b, ':') || is_char(b, ';')) return false;
  if (is_char(a, '(') || is_char(a, '[')) return false;
  if (is_char(b, '}')) return !is_char(a, '{');
  if (a_unary) return false;
  if (is_char(b, '('))
    return !(a->kind == T_IDENT || a->kind == T_ROUND || a->kind == T_STEP || a->kind == T_MISSING);
  return true;
}

/* ---- Runs of tokens ------------------------------------------------------ */

enum { MAX_OPEN = 512 };

/* What keeps a continuation line indented: an open bracket, a line that
** ended with `then` (until the line that starts with its `else`) or with
** `else`, a `message` clause (until the statement ends), or a `let` (until
** its `;`). */
typedef enum level_kind { LEVEL_BRACKET, LEVEL_THEN, LEVEL_ELSE, LEVEL_MESSAGE, LEVEL_LET } level_kind;

typedef struct level {
  level_kind kind;
  int indent; /* of the line it was opened on */
} level;

/* Print tokens [from, to] as one statement at indent base: the author's line
** breaks kept, a continuation line indented two spaces more than the line
** that opened the innermost level still open (base when none is), a line
** that starts with a closing bracket (or with the `else` of a `then` that
** ended a line) as the line that opened it.  pad_at is a token before which
** pad extra spaces go (the weight of an aligned item), or UINT32_MAX. */
static void put_run(fmt *f, uint32_t from, uint32_t to, int base, uint32_t pad_at, int pad) {
  level levels[MAX_OPEN];
  int open = 0;
  const token *prev = NULL;
  bool prev_unary = false;
  f->indent = base;
  for (uint32_t k = from; k <= to && k < f->count; k++) {
    const token *t = &f->tokens[k];
    if (k > from) {
      uint32_t nl = newlines_between(f, k - 1, k);
      if (nl > 0) {
        /* The line just ended: a `then` or `else` at its end opens a level. */
        if (prev && (prev->kind == T_THEN || prev->kind == T_ELSE) && prev == &f->tokens[k - 1] &&
            open < MAX_OPEN)
          levels[open++] = (level){prev->kind == T_THEN ? LEVEL_THEN : LEVEL_ELSE, f->indent};
        if (nl > 1) blank_line(f);
        else newline(f);
        if (is_closer(t)) {
          while (open > 0 && levels[open - 1].kind != LEVEL_BRACKET) open--;
          f->indent = open > 0 ? levels[open - 1].indent : base;
        } else if (t->kind == T_ELSE && open > 0 && levels[open - 1].kind == LEVEL_THEN) {
          f->indent = levels[--open].indent;
        } else {
          f->indent = (open > 0 ? levels[open - 1].indent : base) + 2;
        }
      } else {
        f->space = prev && space_between(f, prev, t, prev_unary);
      }
    }
    if (k == pad_at && !f->line_start)
      for (int i = 0; i < pad; i++) fputc(' ', f->out);
    put_token(f, t);
    if ((is_opener(t) || t->kind == T_MESSAGE || t->kind == T_LET) && open < MAX_OPEN)
      levels[open++] = (level){is_opener(t) ? LEVEL_BRACKET : t->kind == T_LET ? LEVEL_LET : LEVEL_MESSAGE, f->indent};
    if (is_char(t, ';')) {
      while (open > 0 && levels[open - 1].kind != LEVEL_BRACKET && levels[open - 1].kind != LEVEL_LET) open--;
      if (open > 0 && levels[open - 1].kind == LEVEL_LET) open--;
    }
    if (is_closer(t)) {
      while (open > 0 && levels[open - 1].kind != LEVEL_BRACKET) open--;
      if (open > 0) open--;
    }
    if (t->kind != COMMENT) {
      prev_unary = is_char(t, '-') && !(prev && ends_operand(prev));
      prev = t;
    }
  }
}

/* ---- Blocks -------------------------------------------------------------- */

/* The group of a top-level statement: consecutive one-line statements of
** one group may stand together. */
static int group_of(const rb_ast *n) {
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_TITLE: case RB_AST_VERSION: case RB_AST_TOTAL: case RB_AST_ROUNDING: case RB_AST_GRADES: return 1;
  case RB_AST_IMPORT: return 2;
  case RB_AST_INPUT: return 3;
  case RB_AST_CONST: return 4;
  case RB_AST_NATIVE: return 5;
  case RB_AST_FN: return 6;
  case RB_AST_SECTION: case RB_AST_ITEM: case RB_AST_EACH: return 7;
  case RB_AST_CHECK: return 8;
  case RB_AST_TEST: return 9;
  default: return 10;
  }
}

static void put_block(fmt *f, const rb_ast *nodes, uint32_t from, uint32_t to, int base, bool top);

/* Whether a node's children are printed as a block between braces. */
static const rb_ast *block_children(const rb_ast *n, bool *is_block) {
  *is_block = n->kind == RB_AST_SECTION || n->kind == RB_AST_TEST;
  if (n->kind == RB_AST_SECTION) return n->b;
  if (n->kind == RB_AST_TEST) return n->a;
  return NULL;
}

/* The width an item's head "item NAME" takes, and whether the item can be
** aligned: keyword, name and weight on one line, the weight right after
** the name.  *weight is the weight's token. */
static bool item_head(const fmt *f, const rb_ast *n, int *head_width, int *weight_width, uint32_t *weight) {
  if (n->kind != RB_AST_ITEM || !rb_ast_member_weight(n)) return false;
  uint32_t first = token_at(f, n->start), w = token_at(f, rb_ast_member_weight(n)->start);
  if (w != first + 2 || w >= f->count) return false;
  const token *kw = &f->tokens[first], *name = &f->tokens[first + 1], *wt = &f->tokens[w];
  if (kw->line != name->line || name->line != wt->line || name->kind == COMMENT) return false;
  char buf[1024];
  size_t len = name->end - name->start;
  if (len >= sizeof buf) return false;
  memcpy(buf, f->src + name->start, len);
  buf[len] = '\0';
  *head_width = (int)(strlen("item ") + rb_utf8_display_width(buf));
  *weight_width = (int)(wt->end - wt->start);
  *weight = w;
  return true;
}

/* Print one node (its leading comments are already out) at indent base,
** and the comments after it on its last line. */
static uint32_t put_node(fmt *f, const rb_ast *n, uint32_t first, int base, uint32_t pad_at, int pad) {
  uint32_t last = last_token_before(f, first, n->end);
  bool is_block;
  const rb_ast *children = block_children(n, &is_block);
  if (is_block) {
    uint32_t brace = first;
    /* The first '{' after the head; a section's weight and name come first. */
    while (brace < last && !is_char(&f->tokens[brace], '{')) brace++;
    put_run(f, first, brace, base, UINT32_MAX, 0);
    newline(f);
    put_block(f, children, brace + 1, last, base + 2, false);
    if (!f->line_start) newline(f);
    f->indent = base;
    put_token(f, &f->tokens[last]);
  } else {
    put_run(f, first, last, base, pad_at, pad);
  }
  /* Comments that follow on the same line. */
  uint32_t k = last + 1;
  while (k < f->count && f->tokens[k].kind == COMMENT && newlines_between(f, k - 1, k) == 0) {
    f->space = true;
    put_token(f, &f->tokens[k++]);
  }
  newline(f);
  return k;
}

/* The run of aligned items that starts at n: items whose heads are one
** line each, on consecutive lines.  Sets the widest head and weight, and
** returns the first node after the run. */
static const rb_ast *item_run(const fmt *f, const rb_ast *n, int *run_head, int *run_weight) {
  int head, weight;
  uint32_t weight_token, prev_line = UINT32_MAX;
  *run_head = *run_weight = 0;
  const rb_ast *m = n;
  for (; m && item_head(f, m, &head, &weight, &weight_token); m = m->next) {
    uint32_t first = token_at(f, m->start), last = last_token_before(f, first, m->end);
    if (prev_line != UINT32_MAX && f->tokens[first].line != prev_line + 1) break;
    prev_line = f->tokens[last].line;
    if (head > *run_head) *run_head = head;
    if (weight > *run_weight) *run_weight = weight;
  }
  return m;
}

/* Print a list of nodes — the top-level statements (top), or a block's
** members — whose tokens are [from, to), at indent base. */
static void put_block(fmt *f, const rb_ast *nodes, uint32_t from, uint32_t to, int base, bool top) {
  uint32_t k = from;
  const rb_ast *prev = NULL;
  bool prev_multi = false;
  const rb_ast *run_end = NULL;
  bool in_run = false;
  int run_head = 0, run_weight = 0;
  for (const rb_ast *n = nodes; n; n = n->next) {
    uint32_t first = token_at(f, n->start);
    uint32_t last = last_token_before(f, first, n->end);
    bool multi = f->tokens[first].line != f->tokens[last].line;
    /* A blank line before the node (or its leading comments): the
    ** author's, or one between top-level statements of different groups. */
    if (prev && ((k > from && newlines_between(f, k - 1, k) > 1) ||
                 (top && (group_of(prev) != group_of(n) || multi || prev_multi))))
      blank_line(f);
    /* Leading comments, each on its own line, blank lines between kept. */
    for (; k < first; k++) {
      if (k > from && newlines_between(f, k - 1, k) > 1) blank_line(f);
      f->indent = base;
      put_token(f, &f->tokens[k]);
      newline(f);
    }
    if (k > from && k == first && f->tokens[k - 1].kind == COMMENT && newlines_between(f, k - 1, k) > 1)
      blank_line(f);
    /* Weights right-aligned in a run of one-line items. */
    if (in_run && n == run_end) in_run = false;
    int head, weight;
    uint32_t weight_token = UINT32_MAX;
    if (!in_run && item_head(f, n, &head, &weight, &weight_token)) {
      run_end = item_run(f, n, &run_head, &run_weight);
      in_run = true;
    }
    int pad = 0;
    if (in_run && item_head(f, n, &head, &weight, &weight_token)) pad = (run_head - head) + (run_weight - weight);
    k = put_node(f, n, first, base, pad > 0 ? weight_token : UINT32_MAX, pad);
    prev = n;
    prev_multi = multi;
  }
  /* Comments after the last node. */
  for (; k < to; k++) {
    if (k > from && newlines_between(f, k - 1, k) > 1) blank_line(f);
    f->indent = base;
    put_token(f, &f->tokens[k]);
    newline(f);
  }
}

/* ---- The entry point ----------------------------------------------------- */

int rb_fmt(const char *name, const char *text, size_t len, rb_diags *diags, char **out, size_t *out_len) {
  *out = NULL;
  *out_len = 0;
  int file = rb_diags_add_file(diags, name, text, len);
  if (file != 0) return 4;
  size_t valid = rb_utf8_valid_length(text, len);
  if (valid < len) {
    rb_diag_add(diags, RB_SEV_ERROR, 0, (uint32_t)valid, (uint32_t)valid + 1, "save it as UTF-8, then format it",
                "file is not UTF-8");
    return 1;
  }
  if (memchr(text, '\0', len)) {
    rb_diag_add(diags, RB_SEV_ERROR, 0, 0, 0, NULL, "the file contains a NUL byte");
    return 1;
  }
  rb_arena arena;
  rb_arena_init(&arena);
  rb_numctx *nums = rb_numctx_new();
  rb_parse_ctx cx = {0};
  cx.arena = &arena;
  cx.nums = nums;
  cx.diags = diags;
  cx.keep_comments = true;
  int status = 0;
  if (!nums) status = 4;
  else if (rb_parse_file(&cx, text, len) > 0) status = 1;
  fmt f = {0};
  f.src = text;
  f.len = len;
  size_t skip = len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
  uint32_t parsed_comments = cx.comment_count;
  if (status == 0 && !scan_tokens(&f, &cx, skip)) status = 4;
  /* Both passes must have seen every comment (a list that could not grow
  ** would lose one: refuse rather than drop it). */
  if (status == 0 && cx.comment_count != 2 * parsed_comments) status = 4;
  char *buf = NULL;
  size_t buf_len = 0;
  if (status == 0 && !(f.out = open_memstream(&buf, &buf_len))) status = 4;
  if (status == 0) {
    f.line_start = true;
    f.blank_written = true;
    put_block(&f, cx.statements, 0, f.count, 0, true);
    /* One newline at the end, none before the text. */
    fclose(f.out);
    while (buf_len > 1 && buf[buf_len - 1] == '\n' && buf[buf_len - 2] == '\n') buf[--buf_len] = '\0';
    if (buf_len == 1 && buf[0] == '\n') buf[--buf_len] = '\0';
    *out = buf;
    *out_len = buf_len;
  }
  free(f.tokens);
  free(cx.comments);
  rb_numctx_free(nums);
  rb_arena_free(&arena);
  return status;
}
