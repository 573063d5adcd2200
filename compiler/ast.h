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
** list below.  Lists (statements, arguments, grade bands, step ranges) are
** chained through `next`.
*/
#ifndef RUBRIC_AST_H
#define RUBRIC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "base/num.h"

/* X(NAME, "description for messages") — the fields each kind uses follow. */
#define RB_AST_KINDS(X)                                                       \
  /* Top level.  name: the text; a: value */                                  \
  X(TITLE, "rubric title")        /* text                                */   \
  X(VERSION, "version")           /* text                                */   \
  X(TOTAL, "total")               /* a: number                           */   \
  X(ROUNDING, "rounding policy")  /* ival: places, op: mode, flags: where */  \
  X(GRADES, "grade bands")        /* a: list of GRADE                    */   \
  X(GRADE, "grade band")          /* text: label, a: minimum or NULL      */  \
  X(IMPORT, "import")             /* text: path                          */   \
  X(INPUT, "input")               /* text: name, ival: type, op: source, \
                                     b: fact key (STRING) , op2: missing, \
                                     c: default expression               */   \
  X(CONST, "constant")            /* text: name, a: expression           */   \
  X(FN, "function")               /* text: name, a: params, b: body      */   \
  X(NATIVE, "native function")    /* text: name, a: params, b: result    \
                                     type, c: library (c->a: symbol),    \
                                     ival: pure                          */   \
  X(PARAM, "parameter")           /* text: name, ival: declared type     */   \
  X(SECTION, "section")           /* text: name, a: weight, b: children, \
                                     flags: NODE_PERCENT                 */   \
  X(ITEM, "item")                 /* text: name, a: weight, b: score     */   \
  X(EACH, "generated items")      /* text: variable, a: table, b: where, \
                                     c: score, op: split policy,          \
                                     ival: places; with RB_EACH_BY_ROW   \
                                     op2: row-weight mode, else_op and   \
                                     else_places: the else policy        */   \
  X(CHECK, "check")               /* text: name, a: condition, b: message*/   \
  X(ERROR, "syntax error")        /* a statement the parser skipped      */   \
  /* Expressions */                                                           \
  X(NUMBER, "number")             /* num, unit                           */   \
  X(STRING, "text")               /* text                                */   \
  X(DATE, "date")                 /* ival: days                          */   \
  X(BOOL, "true or false")        /* ival                                */   \
  X(NIL, "nil")                                                               \
  X(NAME, "name")                 /* text                                */   \
  X(FIELD, "field")               /* a: object, text: field name         */   \
  X(CALL, "call")                 /* text: function, a: arguments        */   \
  X(UNARY, "unary operator")      /* op: '-' or 'n' (not), a             */   \
  X(BINARY, "operator")           /* op: rb_ast_op, a, b                 */   \
  X(AND, "and")                   /* a, b                                */   \
  X(OR, "or")                     /* a, b                                */   \
  X(IF, "if")                     /* a: condition, b: then, c: else      */   \
  X(BLOCK, "block")               /* a: LET list, b: result              */   \
  X(LET, "let")                   /* text: name, a: value                */   \
  X(STEP, "step table")           /* a: subject, b: RANGE list           */   \
  X(RANGE, "step range")          /* a: low, b: high, c: points, flags   */   \
  X(AGGREGATE, "aggregate")       /* op: agg kind, text: variable,       \
                                     a: element, b: sequence, c: where   */   \
  X(IN_LIST, "in")                /* a: value, b: list of expressions    */   \
  X(ROUND, "round")               /* a: value, ival: places, op: mode    */   \
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
};

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

typedef struct rb_ast rb_ast;
struct rb_ast {
  uint8_t kind;  /* rb_ast_kind */
  uint8_t op;    /* operator, source, mode, split policy… (see the list) */
  uint8_t op2;
  uint8_t flags;
  uint8_t unit;  /* rb_unit of a NUMBER literal */
  uint8_t type;  /* rb_type, set by the checker */
  uint16_t file; /* index into the compiler's file list */
  uint32_t start, end; /* byte span in the file */
  int32_t ival;
  const char *text;
  rb_num num;
  rb_ast *a, *b, *c;
  rb_ast *next;
  /* Set by the checker. */
  rb_ast *decl;    /* NAME: the declaration it refers to (INPUT, CONST, FN,
                      PARAM, LET, EACH, AGGREGATE); CALL: the FN or NULL */
  int32_t slot;    /* LET/PARAM/EACH/AGGREGATE: local slot; INPUT: input
                      index; CALL: builtin id or function index; FIELD: field */
  rb_num weight;   /* SECTION/ITEM: the weight in points, resolved */
  uint8_t else_op; /* EACH split by_row: the policy when a row states no weight */
  int8_t else_places;
  bool used;       /* INPUT: read somewhere */
};

#endif /* RUBRIC_AST_H */
