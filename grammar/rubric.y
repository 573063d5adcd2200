/*
** rubric.y — the grammar of the rubric language.
**
** A pure Bison parser over the reentrant scanner in rubric.l.  Each action is
** a one-line call to an AST constructor (compiler/ast.c); no checking happens
** here beyond the shape of the text.  Syntax errors are reported with what
** was expected and, where the expected token tells a likely story, a hint
** ("an if needs then and else").  Error productions at the statement level
** skip the bad statement and go on, so that one run reports every syntax
** error and the checker still sees the rest of the rubric.
**
** The language, in brief (docs/language.md teaches it):
**
**   rubric "标题"            version "1.0"           total 100
**   rounding 2 half_up at item          grades 优 >= 90, 良 >= 80, 中 >= 60, 差
**   import "checks.rubric"
**   input 执行数: money = budget.spent missing error
**   const 满分 = 100
**   fn 完成率(a: number, t: number) = min(a / t, 1)
**   section 决策 20 { item 可行性研究 6 = if 可行性论证 then 6 else 0 … }
**   section 产出 40 { each r in 指标 where r.level1 == "产出" split largest_remainder 2 = 评分(r) }
**   check 明细合计 = abs(sum(l.spent for l in 明细) - 执行数) <= 100 message "…"
**   test "江门 2024" { report "x.json"  total 100  score 产出 › 培训标准 9.17  grade 优 }
*/
%define api.pure full
%define api.prefix {rb_yy}
%define api.location.type {rb_span}
%define parse.error custom
%locations
%lex-param {void *scanner}
%parse-param {void *scanner} {rb_parse_ctx *cx}

%code requires {
#include "compiler/parse_ctx.h"
}

%code provides {
#define YYSTYPE RB_YYSTYPE
#define YYLTYPE RB_YYLTYPE
int rb_yylex(RB_YYSTYPE *lval, RB_YYLTYPE *lloc, void *scanner);
}

%code {
#include <stdio.h>
#include <string.h>

#include "vm/value.h"

/* Spans: a rule covers its first to its last symbol; an empty rule is an
** empty span at the end of what came before. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                          \
  do {                                                                        \
    if (N) {                                                                  \
      (Cur).start = YYRHSLOC(Rhs, 1).start;                                   \
      (Cur).end = YYRHSLOC(Rhs, N).end;                                       \
    } else {                                                                  \
      (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;                         \
    }                                                                         \
  } while (0)
#define YYLOCATION_PRINT(File, Loc) ((void)0)
#define YY_LOCATION_PRINT(File, Loc) ((void)0)

static void rb_yyerror(RB_YYLTYPE *loc, void *scanner, rb_parse_ctx *cx, const char *msg);

#define NODE(kind, loc, a, b, c) rb_ast_node(cx, RB_AST_##kind, loc, a, b, c)
#define TEXT(kind, loc, s) rb_ast_text(cx, RB_AST_##kind, loc, s)
}

%union {
  const char *text;
  rb_ast *node;
  rb_ast_list list; /* a list being built: its head and last node (parse_ctx.h) */
  int ival;
}

%token T_RUBRIC "rubric" T_VERSION "version" T_TOTAL "total" T_ROUNDING "rounding" T_AT "at"
%token T_GRADES "grades" T_IMPORT "import" T_INPUT "input" T_FACT "fact" T_MISSING "missing"
%token T_DEFAULT "default" T_CONST "const" T_FN "fn" T_SECTION "section" T_ITEM "item"
%token T_EACH "each" T_IN "in" T_WHERE "where" T_SPLIT "split" T_CHECK "check" T_MESSAGE "message"
%token T_IF "if" T_THEN "then" T_ELSE "else" T_LET "let" T_AND "and" T_OR "or" T_NOT "not"
%token T_TRUE "true" T_FALSE "false" T_NIL "nil" T_WEIGHT "weight" T_SELF "self" T_STEP "step"
%token T_FOR "for" T_ROUND "round" T_NATIVE "native" T_FROM "from" T_SYMBOL "symbol" T_PURE "pure"
%token T_TEST "test"
%token T_EQ "==" T_NE "!=" T_LE "<=" T_GE ">="
%token <text> T_IDENT "name" T_STRING "text" T_NUMBER "number" T_PERCENT "percentage"
%token <text> T_YUAN "amount in 元" T_WAN "amount in 万元" T_YI "amount in 亿元" T_DATE "date"

%type <node> stmt member expr primary literal args_opt name weight params_opt param
%type <node> source missing_opt where_opt let range bound grade where_word
%type <node> split_opt split_policy message_opt places mode_opt at_opt signed_number library symbol_opt
%type <node> expect
%type <list> file members args params lets ranges grades where_list expects test_path
%type <ival> pure_opt

%precedence T_ELSE
%left T_OR
%left T_AND
%precedence T_NOT
%nonassoc T_EQ T_NE '<' '>' T_LE T_GE T_IN
%left '+' '-'
%left '*' '/'
%precedence UMINUS

%start file

%%

file
  : %empty                    { $$ = (rb_ast_list){NULL, NULL}; }
  | file stmt                 { $$ = rb_ast_list_add($1, $2); cx->statements = $$.head; }
  ;

stmt
  : "rubric" T_STRING          { $$ = TEXT(TITLE, @$, $2); }
  | "version" T_STRING         { $$ = TEXT(VERSION, @$, $2); }
  | "total" signed_number      { $$ = NODE(TOTAL, @$, $2, NULL, NULL); }
  | "rounding" places mode_opt at_opt
                               { $$ = NODE(ROUNDING, @$, $2, $3, $4); }
  | "grades" grades            { $$ = NODE(GRADES, @$, $2.head, NULL, NULL); }
  | "import" T_STRING          { $$ = TEXT(IMPORT, @$, $2); }
  | "input" name ':' T_IDENT '=' source missing_opt
                               { $$ = NODE(INPUT, @$, $6, TEXT(NAME, @4, $4), $7); $$->text = $2->text; }
  | "const" name '=' expr      { $$ = NODE(CONST, @$, $4, NULL, NULL); $$->text = $2->text; }
  | "fn" name '(' params_opt ')' '=' expr
                               { $$ = NODE(FN, @$, $4, $7, NULL); $$->text = $2->text; }
  | "native" name '(' params_opt ')' ':' T_IDENT "from" library symbol_opt pure_opt
                               { $$ = NODE(NATIVE, @$, $4, TEXT(NAME, @7, $7), $9); $$->text = $2->text;
                                 $9->a = $10; $$->ival = $11; }
  | "input" name error         { $$ = rb_ast_broken(cx, RB_AST_INPUT, @$, $2); }
  | "const" name error         { $$ = rb_ast_broken(cx, RB_AST_CONST, @$, $2); }
  | "fn" name error            { $$ = rb_ast_broken(cx, RB_AST_FN, @$, $2); }
  | "native" name error        { $$ = rb_ast_broken(cx, RB_AST_NATIVE, @$, $2); }
  | "test" name '{' expects '}' { $$ = NODE(TEST, @$, $4.head, NULL, $2); $$->text = $2->text; }
  | member                     { $$ = $1; }
  ;

/* A test's expectations.  The words (report, score, grade, finding, error)
** are names, not keywords, so that no rubric loses them as names; the line's
** shape is checked against its word by rb_ast_expect. */
expects
  : %empty                     { $$ = (rb_ast_list){NULL, NULL}; }
  | expects expect             { $$ = rb_ast_list_add($1, $2); }
  ;

expect
  : T_IDENT name               { $$ = rb_ast_expect(cx, @$, false, $1, @1, $2, NULL); }
  | T_IDENT name T_STRING      { $$ = rb_ast_expect(cx, @$, false, $1, @1, $2, TEXT(STRING, @3, $3)); }
  | T_IDENT test_path signed_number
                               { $$ = rb_ast_expect(cx, @$, false, $1, @1, $2.head, $3); }
  | T_IDENT '{' json '}'       { rb_ast *j = rb_ast_new(cx, RB_AST_JSON, @$);
                                 j->start = @2.start; /* the JSON's own span, from its { */
                                 $$ = rb_ast_expect(cx, @$, false, $1, @1, j, NULL); }
  | "total" signed_number      { $$ = rb_ast_expect(cx, @$, false, "total", @1, NULL, $2); }
  | "not" T_IDENT name         { $$ = rb_ast_expect(cx, @$, true, $2, @2, $3, NULL); }
  | "not" T_IDENT name T_STRING
                               { $$ = rb_ast_expect(cx, @$, true, $2, @2, $3, TEXT(STRING, @4, $4)); }
  | "check" name T_IDENT       { $$ = rb_ast_expect(cx, @$, false, "check", @1, $2, TEXT(NAME, @3, $3)); }
  | error                      { $$ = rb_ast_new(cx, RB_AST_ERROR, @$); }
  ;

/* The names of a score's path, from the first section down: 产出 › 培训标准
** (› or .). */
test_path
  : name                       { $$ = rb_ast_list_one($1); }
  | test_path '.' name         { $$ = rb_ast_list_add($1, $3); }
  ;

/* A report written inline: balanced braces and brackets of JSON tokens,
** whose text (the span) is handed to the report reader as it stands. */
json
  : %empty                     { }
  | json json_token            { }
  ;

json_token
  : T_STRING { } | T_NUMBER { } | T_IDENT { } | "true" { } | "false" { } | "nil" { }
  | ',' { } | ':' { } | '-' { } | '{' json '}' { } | '[' json ']' { }
  ;

library
  : T_STRING                   { $$ = TEXT(STRING, @$, $1); }
  | T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  ;

symbol_opt
  : %empty                     { $$ = NULL; }
  | "symbol" T_STRING          { $$ = TEXT(STRING, @2, $2); }
  ;

pure_opt
  : %empty                     { $$ = 0; }
  | "pure"                     { $$ = 1; }
  ;

member
  : "section" name weight '{' members '}'
                               { $$ = NODE(SECTION, @$, $3, $5.head, $2); $$->text = $2->text; }
  | "item" name weight '=' expr
                               { $$ = NODE(ITEM, @$, $3, $5, $2); $$->text = $2->text; }
  | "each" T_IDENT "in" expr where_opt split_opt '=' expr
                               { $$ = NODE(EACH, @$, $4, $5, $8); $$->text = $2; $$->ival = 0;
                                 rb_ast_each_split($$, $6); }
  | "check" name '=' expr message_opt
                               { $$ = NODE(CHECK, @$, $4, $5, $2); $$->text = $2->text; }
  | error                      { $$ = rb_ast_new(cx, RB_AST_ERROR, @$); }
  ;

members
  : %empty                     { $$ = (rb_ast_list){NULL, NULL}; }
  | members member             { $$ = rb_ast_list_add($1, $2); }
  ;

name
  : T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  | T_STRING                   { $$ = TEXT(STRING, @$, $1); }
  ;

weight
  : T_NUMBER                   { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_PLAIN, 0); }
  | T_PERCENT                  { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_PERCENT, -2); }
  ;

signed_number
  : T_NUMBER                   { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_PLAIN, 0); }
  | '-' T_NUMBER               { $$ = rb_ast_number(cx, @$, $2, RB_UNIT_PLAIN, 0); rb_ast_negate(cx, $$); }
  ;

places
  : signed_number              { $$ = $1; }
  ;

mode_opt
  : %empty                     { $$ = NULL; }
  | T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  ;

at_opt
  : %empty                     { $$ = NULL; }
  | "at" where_list            { $$ = $2.head; }
  ;

where_list
  : where_word                 { $$ = rb_ast_list_one($1); }
  | where_list ',' where_word  { $$ = rb_ast_list_add($1, $3); }
  ;

where_word
  : "item"                     { $$ = TEXT(NAME, @$, "item"); }
  | "section"                  { $$ = TEXT(NAME, @$, "section"); }
  | "total"                    { $$ = TEXT(NAME, @$, "total"); }
  | T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  ;

grades
  : grade                      { $$ = rb_ast_list_one($1); }
  | grades ',' grade           { $$ = rb_ast_list_add($1, $3); }
  ;

grade
  : name ">=" signed_number    { $$ = NODE(GRADE, @$, $3, NULL, NULL); $$->text = $1->text; }
  | name                       { $$ = NODE(GRADE, @$, NULL, NULL, NULL); $$->text = $1->text; }
  ;

source
  : "fact" name                { $$ = NODE(NAME, @$, $2, NULL, NULL); $$->text = "fact"; }
  | T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  | T_IDENT '.' T_IDENT        { $$ = TEXT(NAME, @$, rb_ast_join(cx, $1, $3)); }
  ;

missing_opt
  : %empty                     { $$ = NULL; }
  | "missing" T_IDENT          { $$ = TEXT(NAME, @2, $2); }
  | "missing" "self"           { $$ = TEXT(NAME, @2, "self"); }
  | "missing" "default" expr   { $$ = NODE(NAME, @2, $3, NULL, NULL); $$->text = "default"; }
  ;

params_opt
  : %empty                     { $$ = NULL; }
  | params                     { $$ = $1.head; }
  ;

params
  : param                      { $$ = rb_ast_list_one($1); }
  | params ',' param           { $$ = rb_ast_list_add($1, $3); }
  ;

param
  : T_IDENT                    { $$ = TEXT(PARAM, @$, $1); }
  | T_IDENT ':' T_IDENT        { $$ = NODE(PARAM, @$, TEXT(NAME, @3, $3), NULL, NULL); $$->text = $1; }
  ;

where_opt
  : %empty                     { $$ = NULL; }
  | "where" expr               { $$ = $2; }
  ;

/* split POLICY [PLACES], or split by_row [rescale|strict] [PLACES] [else POLICY [PLACES]]: the
** policy is a NAME node, its places in a, the by_row mode in b and the else policy in c. */
split_opt
  : %empty                     { $$ = NULL; }
  | "split" split_policy       { $$ = $2; }
  | "split" split_policy "else" split_policy
                               { $$ = $2; $$->c = $4; }
  ;

split_policy
  : T_IDENT                    { $$ = TEXT(NAME, @1, $1); }
  | T_IDENT T_NUMBER           { $$ = TEXT(NAME, @1, $1); $$->a = rb_ast_number(cx, @2, $2, RB_UNIT_PLAIN, 0); }
  | T_IDENT T_IDENT            { $$ = TEXT(NAME, @1, $1); $$->b = TEXT(NAME, @2, $2); }
  | T_IDENT T_IDENT T_NUMBER   { $$ = TEXT(NAME, @1, $1); $$->b = TEXT(NAME, @2, $2);
                                 $$->a = rb_ast_number(cx, @3, $3, RB_UNIT_PLAIN, 0); }
  ;

message_opt
  : %empty                     { $$ = NULL; }
  | "message" expr             { $$ = $2; }
  ;

expr
  : primary                    { $$ = $1; }
  | "if" expr "then" expr "else" expr
                               { $$ = NODE(IF, @$, $2, $4, $6); }
  | expr "or" expr             { $$ = NODE(OR, @$, $1, $3, NULL); }
  | expr "and" expr            { $$ = NODE(AND, @$, $1, $3, NULL); }
  | "not" expr                 { $$ = NODE(UNARY, @$, $2, NULL, NULL); $$->op = 'n'; }
  | expr "==" expr             { $$ = rb_ast_binary(cx, @$, RB_AOP_EQ, $1, $3); }
  | expr "!=" expr             { $$ = rb_ast_binary(cx, @$, RB_AOP_NE, $1, $3); }
  | expr '<' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_LT, $1, $3); }
  | expr "<=" expr             { $$ = rb_ast_binary(cx, @$, RB_AOP_LE, $1, $3); }
  | expr '>' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_GT, $1, $3); }
  | expr ">=" expr             { $$ = rb_ast_binary(cx, @$, RB_AOP_GE, $1, $3); }
  | expr "in" '[' args ']'     { $$ = NODE(IN_LIST, @$, $1, $4.head, NULL); }
  | expr '+' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_ADD, $1, $3); }
  | expr '-' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_SUB, $1, $3); }
  | expr '*' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_MUL, $1, $3); }
  | expr '/' expr              { $$ = rb_ast_binary(cx, @$, RB_AOP_DIV, $1, $3); }
  | '-' expr %prec UMINUS      { $$ = NODE(UNARY, @$, $2, NULL, NULL); $$->op = '-'; }
  ;

primary
  : literal                    { $$ = $1; }
  | T_IDENT                    { $$ = TEXT(NAME, @$, $1); }
  | "weight"                   { $$ = rb_ast_new(cx, RB_AST_WEIGHT, @$); }
  | "self"                     { $$ = rb_ast_new(cx, RB_AST_SELF, @$); }
  | '(' expr ')'               { $$ = $2; }
  | primary '.' T_IDENT        { $$ = NODE(FIELD, @$, $1, NULL, NULL); $$->text = $3; }
  | primary '.' "weight"       { $$ = NODE(FIELD, @$, $1, NULL, NULL); $$->text = "weight"; }
  | T_IDENT '(' args_opt ')'   { $$ = NODE(CALL, @$, $3, NULL, NULL); $$->text = $1; }
  | "missing" '(' args_opt ')' { $$ = NODE(CALL, @$, $3, NULL, NULL); $$->text = "missing"; }
  | T_IDENT '(' expr "for" T_IDENT "in" expr where_opt ')'
                               { $$ = rb_ast_aggregate(cx, @$, $1, $3, $5, $7, $8); }
  | "round" '(' expr ',' signed_number ')'
                               { $$ = NODE(ROUND, @$, $3, $5, NULL); }
  | "round" '(' expr ',' signed_number ',' T_IDENT ')'
                               { $$ = NODE(ROUND, @$, $3, $5, TEXT(NAME, @7, $7)); }
  | "step" '(' expr ')' '{' ranges '}'
                               { $$ = NODE(STEP, @$, $3, $6.head, NULL); }
  | '{' lets expr '}'          { $$ = NODE(BLOCK, @$, $2.head, $3, NULL); }
  ;

literal
  : T_NUMBER                   { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_PLAIN, 0); }
  | T_PERCENT                  { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_PERCENT, -2); }
  | T_YUAN                     { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_MONEY, 0); }
  | T_WAN                      { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_MONEY, 4); }
  | T_YI                       { $$ = rb_ast_number(cx, @$, $1, RB_UNIT_MONEY, 8); }
  | T_STRING                   { $$ = TEXT(STRING, @$, $1); }
  | T_DATE                     { $$ = rb_ast_date(cx, @$, $1); }
  | "true"                     { $$ = rb_ast_new(cx, RB_AST_BOOL, @$); $$->ival = 1; }
  | "false"                    { $$ = rb_ast_new(cx, RB_AST_BOOL, @$); $$->ival = 0; }
  | "nil"                      { $$ = rb_ast_new(cx, RB_AST_NIL, @$); }
  ;

args_opt
  : %empty                     { $$ = NULL; }
  | args                       { $$ = $1.head; }
  ;

args
  : expr                       { $$ = rb_ast_list_one($1); }
  | args ',' expr              { $$ = rb_ast_list_add($1, $3); }
  ;

lets
  : let                        { $$ = rb_ast_list_one($1); }
  | lets let                   { $$ = rb_ast_list_add($1, $2); }
  ;

let
  : "let" T_IDENT '=' expr ';' { $$ = NODE(LET, @$, $4, NULL, NULL); $$->text = $2; }
  ;

ranges
  : range                      { $$ = rb_ast_list_one($1); }
  | ranges ',' range           { $$ = rb_ast_list_add($1, $3); }
  | ranges ';' range           { $$ = rb_ast_list_add($1, $3); }
  ;

range
  : bound ':' expr             { $$ = $1; $$->c = $3; $$->end = @$.end; }
  ;

bound
  : ">=" literal               { $$ = NODE(RANGE, @$, $2, NULL, NULL); $$->flags = RB_RANGE_LOW_INCL; }
  | '>' literal                { $$ = NODE(RANGE, @$, $2, NULL, NULL); }
  | "<=" literal               { $$ = NODE(RANGE, @$, NULL, $2, NULL); $$->flags = RB_RANGE_HIGH_INCL; }
  | '<' literal                { $$ = NODE(RANGE, @$, NULL, $2, NULL); }
  | '=' literal                { $$ = NODE(RANGE, @$, $2, rb_ast_copy(cx, $2), NULL);
                                 $$->flags = RB_RANGE_LOW_INCL | RB_RANGE_HIGH_INCL; }
  | '[' literal ',' literal ']' { $$ = NODE(RANGE, @$, $2, $4, NULL); $$->flags = RB_RANGE_LOW_INCL | RB_RANGE_HIGH_INCL; }
  | '[' literal ',' literal ')' { $$ = NODE(RANGE, @$, $2, $4, NULL); $$->flags = RB_RANGE_LOW_INCL; }
  | '(' literal ',' literal ']' { $$ = NODE(RANGE, @$, $2, $4, NULL); $$->flags = RB_RANGE_HIGH_INCL; }
  | '(' literal ',' literal ')' { $$ = NODE(RANGE, @$, $2, $4, NULL); }
  | "else"                     { $$ = NODE(RANGE, @$, NULL, NULL, NULL); }
  ;

%%

/* Bison calls this only for internal failures (memory exhausted). */
static void rb_yyerror(RB_YYLTYPE *loc, void *scanner, rb_parse_ctx *cx, const char *msg) {
  (void)scanner;
  /* The parser's stack is full (YYMAXDEPTH): thousands of open brackets
  ** or nested blocks, never a rubric written by hand. */
  if (strcmp(msg, "memory exhausted") == 0)
    rb_parse_error_at(cx, loc->start, loc->end, "this rubric is nested too deeply to read (brackets or blocks inside one another)",
                      "split it into parts with let, a constant or a function");
  else
    rb_parse_error_at(cx, loc->start, loc->end, msg, NULL);
}

/* A hint (written in English, a text of base/messages_en.h that
** rb_parse_error_at gives in the diagnostics' language): HINT marks the
** texts for tests/messages/check_catalogue.py. */
#define HINT(text) (text)

/* What a symbol is called in a message: the words of the language
** (keywords, operators) as written, the kinds of token in the diagnostics'
** language. */
static const char *symbol_text(const rb_parse_ctx *cx, yysymbol_kind_t k) {
  rb_lang lang = cx->diags->lang;
  switch (k) {
  case YYSYMBOL_YYEOF: return rb_text_from_en(lang, "end of file");
  case YYSYMBOL_T_IDENT: return rb_text_from_en(lang, "name");
  case YYSYMBOL_T_STRING: return rb_text_from_en(lang, "text");
  case YYSYMBOL_T_NUMBER: return rb_text_from_en(lang, "number");
  case YYSYMBOL_T_PERCENT: return rb_text_from_en(lang, "percentage");
  case YYSYMBOL_T_YUAN: return rb_text_from_en(lang, "amount in 元");
  case YYSYMBOL_T_WAN: return rb_text_from_en(lang, "amount in 万元");
  case YYSYMBOL_T_YI: return rb_text_from_en(lang, "amount in 亿元");
  case YYSYMBOL_T_DATE: return rb_text_from_en(lang, "date");
  default: return yysymbol_name(k);
  }
}

/* A hint for a syntax error, from what the parser expected next: the story
** most likely behind it, in words a rubric author understands. */
static const char *syntax_hint(const yysymbol_kind_t *expected, int count, yysymbol_kind_t got) {
  bool weight = false, name = false;
  for (int i = 0; i < count; i++) {
    if (expected[i] == YYSYMBOL_T_PERCENT) weight = true;
    if (expected[i] == YYSYMBOL_T_IDENT) name = true;
  }
  /* After "item NAME" comes a weight: "=" there means the weight is missing,
  ** anything else that the name ran into punctuation it cannot hold. */
  if (weight && !name) {
    const char *g = yysymbol_name(got);
    if (got == YYSYMBOL_YYEOF || strcmp(g, "'='") == 0 || strcmp(g, "'{'") == 0)
      return HINT("a weight follows the name: item NAME WEIGHT = EXPRESSION, section NAME WEIGHT { … }");
    return HINT("a name with spaces or punctuation must be quoted: `专项调研/交流考察次数` or \"…\"");
  }
  for (int i = 0; i < count; i++) {
    switch (expected[i]) {
    case YYSYMBOL_T_THEN: return HINT("an if is written: if CONDITION then A else B");
    case YYSYMBOL_T_ELSE: return HINT("possibly an if without else: every if needs both then and else");
    default: break;
    }
  }
  if (got == YYSYMBOL_YYEOF) return HINT("possibly an unclosed '{' or '(' earlier in the file");
  if (got == YYSYMBOL_T_NUMBER || got == YYSYMBOL_T_PERCENT)
    return HINT("a weight follows the name: item NAME WEIGHT = EXPRESSION, section NAME WEIGHT { … }");
  if (got == YYSYMBOL_T_IDENT)
    return HINT("a name with spaces or punctuation must be quoted: `专项调研/交流考察次数` or \"…\"");
  return NULL;
}

/* Report a syntax error: "unexpected X, expected Y or Z", with a hint.  When
** an expression could come next the list is long, so it is said in words. */
static int yyreport_syntax_error(const yypcontext_t *ctx, void *scanner, rb_parse_ctx *cx) {
  (void)scanner;
  enum { MAX_EXPECTED = 64, MAX_LISTED = 5 };
  yysymbol_kind_t expected[MAX_EXPECTED];
  int n = yypcontext_expected_tokens(ctx, expected, MAX_EXPECTED);
  if (n < 0) n = 0;
  yysymbol_kind_t got = yypcontext_token(ctx);
  const RB_YYLTYPE *loc = yypcontext_location(ctx);
  bool want_expr = false;
  bool want_number = false, want_name = false;
  for (int i = 0; i < n; i++) {
    if (expected[i] == YYSYMBOL_T_NUMBER) want_number = true;
    if (expected[i] == YYSYMBOL_T_IDENT) want_name = true;
  }
  want_expr = want_number && want_name;
  char msg[512];
  size_t len;
  rb_lang lang = cx->diags->lang;
  if (got == YYSYMBOL_YYEOF) len = (size_t)snprintf(msg, sizeof msg, "%s", rb_text_from_en(lang, "unexpected end of file"));
  else len = (size_t)snprintf(msg, sizeof msg, rb_from_en(lang, "unexpected %s"), symbol_text(cx, got));
  if (want_expr) {
    snprintf(msg + len, sizeof msg - len, "%s", rb_text_from_en(lang, ", expected an expression"));
  } else if (n > 0 && n <= MAX_LISTED && len < sizeof msg) {
    len += (size_t)snprintf(msg + len, sizeof msg - len, "%s", rb_text_from_en(lang, ", expected "));
    for (int i = 0; i < n && len < sizeof msg; i++)
      len += (size_t)snprintf(msg + len, sizeof msg - len, "%s%s",
                              i == 0 ? "" : i == n - 1 ? rb_text_from_en(lang, " or ") : rb_text_from_en(lang, ", "),
                              symbol_text(cx, expected[i]));
  }
  const char *hint = syntax_hint(expected, n, got);
  if (!hint && want_expr) hint = HINT("possibly an unfinished expression just before this");
  rb_parse_error_at(cx, loc->start, loc->end, msg, hint);
  return 0;
}
