/*
** ast.h — the syntax tree of a rubric.
**
** The parser builds it with one-line constructor calls (grammar/rubric.y);
** the checker (check.c) resolves names, computes types and annotates nodes;
** the code generator (codegen.c) walks it once to emit bytecode.
**
** Every node has the byte span of its source text and the file it came from,
** so that a diagnostic found late (a weight that does not add up, a unit
** error) still points at the exact characters.  Nodes live in the compiler's
** arena and are never freed one by one.
**
** One node struct serves every kind; which fields a kind uses is said in the
** list below, and the accessors after it name the children of the kinds
** whose layout is least obvious.  Lists (statements, arguments, grade bands,
** step ranges) are chained through `next`.
*/
#ifndef RUBRIC_AST_H
#define RUBRIC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/num.h"

/* X(NAME, "description for messages") — and, beside each, the fields that
** kind uses, as the grammar (grammar/rubric.y) builds them and the checker
** (check.c) fills them in ("→" marks what the checker sets).  a, b and c are
** child nodes, `list` means a chain through `next`.  The accessors below the
** table name the children of the kinds whose layout is least obvious. */
#define RB_AST_KINDS(X)                                                       \
  /* Header and declarations */                                               \
  X(TITLE, "rubric title")        /* text: the title                     */   \
  X(VERSION, "version")           /* text: the version                   */   \
  X(TOTAL, "total")               /* a: NUMBER                           */   \
  X(ROUNDING, "rounding policy")  /* a: NUMBER places, b: NAME mode or   \
                                     NULL, c: list of NAME places (item, \
                                     section, total) or NULL             */   \
  X(GRADES, "grade bands")        /* a: list of GRADE                    */   \
  X(GRADE, "grade band")          /* text: label, a: NUMBER minimum or   \
                                     NULL (the last band)                */   \
  X(IMPORT, "import")             /* text: the path as written           */   \
  X(INPUT, "input")               /* text: name; a: source, a NAME whose \
                                     text is "fact" (a->a: the fact's    \
                                     name node) or "budget.planned"…;    \
                                     b: NAME of the type; c: NAME of the \
                                     missing policy or NULL (c->a: the   \
                                     default expression); → op: source,  \
                                     op2: policy, type, slot: input index */ \
  X(CONST, "constant")            /* text: name, a: expression           */   \
  X(FN, "function")               /* text: name, a: list of PARAM, b:    \
                                     body; → ival: locals, slot: index   */   \
  X(NATIVE, "native function")    /* text: name, a: list of PARAM, b:    \
                                     NAME of the result type, c: library \
                                     (STRING path or NAME), c->a: STRING \
                                     symbol or NULL; ival: pure          */   \
  X(PARAM, "parameter")           /* text: name, a: NAME of the type or  \
                                     NULL; → type, slot                  */   \
  X(SECTION, "section")           /* text: name, a: weight NUMBER, b:    \
                                     list of members, c: the name node;  \
                                     → weight (points)                   */   \
  X(ITEM, "item")                 /* text: name, a: weight NUMBER, b:    \
                                     score, c: the name node; → weight   */   \
  X(EACH, "generated items")      /* text: the row variable, a: table,   \
                                     b: where or NULL, c: score; decl:   \
                                     the split clause until the checker  \
                                     resolves it → op: split policy,     \
                                     ival: places, flags RB_EACH_BY_ROW, \
                                     op2: row-weight mode, else_op,      \
                                     else_places, slot: first local      */   \
  X(CHECK, "check")               /* text: name, a: condition, b:        \
                                     message or NULL, c: the name node   */   \
  X(ERROR, "syntax error")        /* a statement the parser skipped      */   \
  /* Tests (author/test.c runs them; the checker and codegen skip them) */    \
  X(TEST, "test")                 /* text: name, a: list of EXPECT, c:   \
                                     the name node                       */   \
  X(EXPECT, "expectation")        /* op: rb_expect_kind; ival: 1 when    \
                                     negated (not finding); text: the    \
                                     finding kind, grade or check name;  \
                                     a: STRING path of a report, JSON,   \
                                     NUMBER (total, score), STRING text  \
                                     (error); b: list of NAME/STRING     \
                                     (score path), STRING text (finding),\
                                     NAME state (check)                  */   \
  X(JSON, "report written inline") /* the span of the JSON text         */   \
  /* Expressions */                                                           \
  X(NUMBER, "number")             /* num, unit                           */   \
  X(STRING, "text")               /* text                                */   \
  X(DATE, "date")                 /* ival: days since 1970-01-01         */   \
  X(BOOL, "true or false")        /* ival: 1 or 0                        */   \
  X(NIL, "nil")                                                               \
  X(NAME, "name")                 /* text; → decl: what it names         */   \
  X(FIELD, "field")               /* a: object, text: field name;        \
                                     → slot: rb_field                    */   \
  X(CALL, "call")                 /* text: function, a: list of args;    \
                                     → decl: FN or NULL, slot: built-in  \
                                     id, function or native index        */   \
  X(UNARY, "unary operator")      /* op: '-' or 'n' (not), a             */   \
  X(BINARY, "operator")           /* op: rb_ast_op, a, b                 */   \
  X(AND, "and")                   /* a, b                                */   \
  X(OR, "or")                     /* a, b                                */   \
  X(IF, "if")                     /* a: condition, b: then, c: else      */   \
  X(BLOCK, "block")               /* a: list of LET, b: result           */   \
  X(LET, "let")                   /* text: name, a: value; → slot        */   \
  X(STEP, "step table")           /* a: subject, b: list of RANGE        */   \
  X(RANGE, "step range")          /* a: low or NULL, b: high or NULL, c: \
                                     points, flags: RB_RANGE_*_INCL      */   \
  X(AGGREGATE, "aggregate")       /* op: rb_agg_kind, text: variable, a: \
                                     element, b: table, c: where or NULL \
                                     → slot                              */   \
  X(IN_LIST, "in")                /* a: value, b: list of choices        */   \
  X(ROUND, "round")               /* a: value, b: NUMBER places, c: NAME \
                                     mode or NULL; → ival: places, op:   \
                                     mode                                */   \
  X(WEIGHT, "weight")                                                         \
  X(SELF, "self")

typedef enum rb_ast_kind {
#define X(name, desc) RB_AST_##name,
  RB_AST_KINDS(X)
#undef X
  RB_AST_KIND_COUNT
} rb_ast_kind;

/* Binary operators. */
typedef enum rb_ast_op {
  RB_AOP_ADD, RB_AOP_SUB, RB_AOP_MUL, RB_AOP_DIV,
  RB_AOP_EQ, RB_AOP_NE, RB_AOP_LT, RB_AOP_LE, RB_AOP_GT, RB_AOP_GE
} rb_ast_op;

/* What a test's expectation says (EXPECT's op). */
typedef enum rb_expect_kind {
  RB_EXPECT_REPORT,  /* report "file.json" | report { … }            */
  RB_EXPECT_TOTAL,   /* total 94.61                                  */
  RB_EXPECT_SCORE,   /* score 产出 › 培训标准 9.17                   */
  RB_EXPECT_GRADE,   /* grade 优                                     */
  RB_EXPECT_FINDING, /* [not] finding shortfall ["培训标准"]         */
  RB_EXPECT_ERROR,   /* error "no fact"                              */
  RB_EXPECT_CHECK    /* check 明细合计 holds | fails | unknown       */
} rb_expect_kind;

/* Aggregates over a table: sum(e for x in t where c) … */
typedef enum rb_agg_kind {
  RB_AGG_SUM, RB_AGG_COUNT, RB_AGG_ALL, RB_AGG_ANY, RB_AGG_MIN, RB_AGG_MAX, RB_AGG_LIST
} rb_agg_kind;

/* Flags. */
enum {
  RB_NODE_PERCENT = 1,        /* SECTION/ITEM weight is a % of the parent    */
  RB_RANGE_LOW_INCL = 2,      /* RANGE: low bound inclusive                  */
  RB_RANGE_HIGH_INCL = 4,     /* RANGE: high bound inclusive                 */
  RB_NODE_INCOMPLETE = 8,     /* SECTION: a child was lost to a syntax error */
  RB_NODE_BROKEN = 16,        /* a declaration cut short by a syntax error   */
  RB_EACH_BY_ROW = 32,        /* EACH: split by the rows' own weights        */
  RB_FN_READS_INPUT = 64,     /* FN: reads an input, itself or by a call     */
};

/* How deeply expressions may nest.  The checker and the code generator walk
** the tree recursively, one stack frame a level: a chain of 7,600 `+` in a
** 46 KB source would overflow the stack.  No real rubric nests more than a
** few dozen levels; past this one the parser reports the place and puts an
** ERROR node there, so that no source of any size can crash a later pass. */
enum { RB_MAX_NESTING = 256 };

/* How many ranges one step table may have.  The checker compares each range
** with those written before it for overlaps; real tables have a dozen
** ranges, and past this one the table is refused before any comparison. */
enum { RB_MAX_STEP_RANGES = 1000 };

/* Static types, computed by the checker. */
#define RB_TYPES(X)                                                           \
  X(ERROR, "error")   /* already reported: accept anything, report nothing */ \
  X(ANY, "any")                                                               \
  X(NIL, "nil")                                                               \
  X(BOOL, "bool")                                                             \
  X(NUMBER, "number")                                                         \
  X(PERCENT, "percent")                                                       \
  X(MONEY, "money")                                                           \
  X(TEXT, "text")                                                             \
  X(DATE, "date")                                                             \
  X(VALUE, "value")                                                           \
  X(ROW, "row")                                                               \
  X(LINE, "line")                                                             \
  X(INDICATORS, "table of indicators")                                       \
  X(LINES, "table of budget lines")                                           \
  X(LIST, "list")

typedef enum rb_type {
#define X(name, text) RB_TYPE_##name,
  RB_TYPES(X)
#undef X
  RB_TYPE_COUNT
} rb_type;

const char *rb_type_name(rb_type t);

/* 96 bytes: a large rubric has four or five nodes a line, and their pages
** were a third of the time of compiling one (issue 14).  Lists are chained
** through next alone; the parser keeps a list's end beside it (rb_list). */
typedef struct rb_ast rb_ast;
struct rb_ast {
  uint8_t kind;  /* rb_ast_kind */
  uint8_t op;    /* operator, source, mode, split policy… (see the list) */
  uint8_t op2;
  uint8_t flags;
  uint8_t unit;  /* rb_unit of a NUMBER literal */
  uint8_t type;  /* rb_type, set by the checker */
  uint8_t else_op; /* EACH split by_row: the policy when a row states no
                      weight (set by the checker) */
  int8_t else_places;
  uint16_t file; /* index into the compiler's file list */
  uint16_t depth; /* 1 + the deepest of a, b, c: bounded by RB_MAX_NESTING */
  bool used;       /* INPUT, CONST: read somewhere (set by the checker) */
  uint32_t start, end; /* byte span in the file */
  int32_t ival;
  int32_t slot;    /* set by the checker: LET/PARAM/EACH/AGGREGATE: local
                      slot; INPUT: input index; CALL: builtin id or function
                      index; FIELD: field */
  const char *text;
  union {
    rb_num num;    /* NUMBER: the value */
    rb_num weight; /* SECTION/ITEM: the weight in points, resolved by the
                      checker (these kinds have no num) */
  };
  rb_ast *a, *b, *c;
  rb_ast *next;
  rb_ast *decl;    /* set by the checker: NAME: the declaration it refers to
                      (INPUT, CONST, FN, PARAM, LET, EACH, AGGREGATE); CALL:
                      the FN or NULL */
};

/* ---- Accessors: the children of a kind by what they are ------------------ */

/* INPUT: the source node (NAME "fact" or "budget.planned" …), the type's
** NAME node, and the missing policy's NAME node (NULL: missing error). */
static inline rb_ast *rb_ast_input_source(const rb_ast *n) { return n->a; }
static inline rb_ast *rb_ast_input_type(const rb_ast *n) { return n->b; }
static inline rb_ast *rb_ast_input_missing(const rb_ast *n) { return n->c; }

/* SECTION and ITEM: the weight as written and the node that names it. */
static inline rb_ast *rb_ast_member_weight(const rb_ast *n) { return n->a; }
static inline rb_ast *rb_ast_member_name(const rb_ast *n) { return n->c; }

/* EACH: the table, the where condition (NULL: every row) and the score. */
static inline rb_ast *rb_ast_each_table(const rb_ast *n) { return n->a; }
static inline rb_ast *rb_ast_each_where(const rb_ast *n) { return n->b; }
static inline rb_ast *rb_ast_each_score(const rb_ast *n) { return n->c; }

/* AGGREGATE: the element, the table and the where condition (or NULL). */
static inline rb_ast *rb_ast_aggregate_element(const rb_ast *n) { return n->a; }
static inline rb_ast *rb_ast_aggregate_table(const rb_ast *n) { return n->b; }
static inline rb_ast *rb_ast_aggregate_where(const rb_ast *n) { return n->c; }

/* NATIVE: the result type's NAME, the library node and its symbol (or NULL). */
static inline rb_ast *rb_ast_native_result(const rb_ast *n) { return n->b; }
static inline rb_ast *rb_ast_native_library(const rb_ast *n) { return n->c; }
static inline rb_ast *rb_ast_native_symbol(const rb_ast *n) { return n->c ? n->c->a : NULL; }

#endif /* RUBRIC_AST_H */
