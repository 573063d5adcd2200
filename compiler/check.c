/*
** check.c — pass 2: names, types, units, weights and step tables.
**
** The checker walks the AST once, in statement order, and annotates it:
** every NAME gets the declaration it refers to, every expression its static
** type, every local its slot, every section and item its weight in points.
** It reports every problem it finds and never stops at the first.  To keep
** one mistake from producing a cascade of messages, an expression whose type
** could not be computed gets type ERROR, and ERROR is silently accepted
** wherever it flows (the jq and clang approach).
**
** Rules checked here (docs/language.md has the user's view):
**   - names: declared before use for constants and functions (so that no
**     function can call itself: every rubric terminates); unknown names get a
**     "did you mean" hint; duplicates point at the first declaration;
**   - types and units: money never mixes with a plain number or a percentage
**     in + − and comparisons; conditions are booleans; an item's score is a
**     number;
**   - weights: children of a section add up to its weight, top-level sections
**     to the rubric's total (both numbers and both places are shown);
**   - step tables: ranges that overlap, and values that no range covers, are
**     warnings naming the range;
**   - inputs never read are warnings.
*/
#include <stdlib.h>
#include <string.h>

#include "compiler/compiler.h"
#include "compiler/defaults.h"
#include "vm/builtins.h"
#include "base/similar.h"
#include "vm/value.h"

/* ---- Small helpers ------------------------------------------------------ */

#define ERR(n, hint, ...) rb_diag_add(c->diags, RB_SEV_ERROR, (n)->file, (n)->start, (n)->end, hint, __VA_ARGS__)
#define WARN(n, hint, ...) rb_diag_add(c->diags, RB_SEV_WARNING, (n)->file, (n)->start, (n)->end, hint, __VA_ARGS__)
/* A format or a word written in English, in the language of the diagnostics, for the parts of a
** message or hint made here (ERR and WARN translate their own format and hint). */
#define EN_FMT(fmt) rb_from_en(c->diags->lang, fmt)
#define EN_TEXT(text) rb_text_from_en(c->diags->lang, text)

/* A type's name in a diagnostic: the language's own type words (number,
** money, text …) as written, the two described in words in the
** diagnostics' language. */
static const char *type_name(const rb_compiler *c, rb_type t) {
  return t == RB_TYPE_INDICATORS ? EN_TEXT("table of indicators")
         : t == RB_TYPE_LINES    ? EN_TEXT("table of budget lines")
                                 : rb_type_name(t);
}
#define rb_type_name(t) type_name(c, t)

/* Grow an array of pointers-or-structs by one element. */
static bool grow(void **items, uint32_t *count, uint32_t *cap, size_t size) {
  if (*count < *cap) return true;
  uint32_t ncap = *cap ? *cap * 2 : 16;
  void *p = realloc(*items, ncap * size);
  if (!p) return false;
  *items = p;
  *cap = ncap;
  return true;
}

static bool is_numeric(rb_type t) { return t == RB_TYPE_NUMBER || t == RB_TYPE_PERCENT || t == RB_TYPE_MONEY; }
static bool is_lenient(rb_type t) { return t == RB_TYPE_ERROR || t == RB_TYPE_ANY || t == RB_TYPE_NIL; }

/* Format a number for a message ("12", "22.5", "40/3"). */
static const char *fmt_num(rb_compiler *c, rb_num v) {
  char buf[128];
  rb_num_format_sig(v, 4, buf, sizeof buf);
  return rb_arena_strdup(&c->arena, buf);
}

/* ---- Scopes ------------------------------------------------------------- */

static void scope_push(rb_compiler *c, const char *name, rb_ast *decl) {
  if (!grow((void **)&c->scope, &c->scope_count, &c->scope_cap, sizeof *c->scope)) return;
  c->scope[c->scope_count].name = name;
  c->scope[c->scope_count].decl = decl;
  c->scope_count++;
}

/* Give decl a fresh local slot of the function being checked. */
static void new_local(rb_compiler *c, rb_ast *decl, uint32_t width) {
  if (c->in_const) {
    ERR(decl, "compute it in a function or an item instead",
        "a constant cannot use let, in […] or sum(… for …)");
    return;
  }
  decl->slot = (int32_t)c->next_slot;
  c->next_slot += width;
  if (c->next_slot > c->max_slot) c->max_slot = c->next_slot;
  if (c->next_slot > RB_MAX_LOCALS) ERR(decl, NULL, "too many local names in one function (the limit is %d)", RB_MAX_LOCALS);
}

static rb_ast *lookup_global(rb_compiler *c, const char *name) { return rb_strmap_get(&c->global_index, name); }

static rb_ast *lookup(rb_compiler *c, const char *name) {
  for (uint32_t i = c->scope_count; i-- > 0;)
    if (strcmp(c->scope[i].name, name) == 0) return c->scope[i].decl;
  return lookup_global(c, name);
}

/* The closest visible name to a misspelt one, or NULL if none is close
** (vm/similar.h says how close). */
static const char *suggest(rb_compiler *c, const char *name) {
  const char *best = NULL;
  int best_d = 1000;
  for (uint32_t i = c->scope_count; i-- > 0;) {
    int d = rb_edit_distance(name, c->scope[i].name);
    if (d < best_d) best_d = d, best = c->scope[i].name;
  }
  for (uint32_t i = 0; i < c->global_count; i++) {
    int d = rb_edit_distance(name, c->globals[i].name);
    if (d < best_d) best_d = d, best = c->globals[i].name;
  }
  for (int i = 0; i < RB_BUILTIN_COUNT; i++) {
    int d = rb_edit_distance(name, rb_builtin_table[i].name);
    if (d < best_d) best_d = d, best = rb_builtin_table[i].name;
  }
  return best_d <= rb_suggest_limit(name) && best_d > 0 ? best : NULL;
}

/* Report a name nothing declares: the function's own name (no recursion),
** else with the closest known name as a hint. */
static void unknown_name(rb_compiler *c, rb_ast *n, const char *what) {
  if (c->current_fn && strcmp(c->current_fn->text, n->text) == 0) {
    char hint[256];
    snprintf(hint, sizeof hint, EN_FMT("a function cannot call itself: '%s' is known only after its declaration"),
             n->text);
    ERR(n, hint, "unknown %s '%s'", EN_TEXT(what), n->text);
    return;
  }
  const char *s = suggest(c, n->text);
  if (s) {
    char hint[256];
    snprintf(hint, sizeof hint, EN_FMT("did you mean '%s'?"), s);
    ERR(n, hint, "unknown %s '%s'", EN_TEXT(what), n->text);
  } else {
    ERR(n, "declare it first with input, const, fn or let", "unknown %s '%s'", EN_TEXT(what), n->text);
  }
}

/* Declare a global name; a duplicate is an error pointing at both. */
static void declare_global(rb_compiler *c, const char *name, rb_ast *decl) {
  rb_ast *prev = lookup_global(c, name);
  if (prev) {
    int d = ERR(decl, NULL, "'%s' is declared twice", name);
    rb_diag_note(c->diags, d, prev->file, prev->start, prev->end, "first declared here");
    return;
  }
  if (!grow((void **)&c->globals, &c->global_count, &c->global_cap, sizeof *c->globals)) return;
  if (!rb_strmap_put(&c->global_index, name, decl, NULL)) {
    ERR(decl, NULL, "out of memory");
    return;
  }
  c->globals[c->global_count].name = name;
  c->globals[c->global_count].decl = decl;
  c->global_count++;
}

/* ---- Types -------------------------------------------------------------- */

/* The type a declaration names (number, money, percent, bool, text, date,
** value, row, line and, when allow_table, table); an error for any other. */
static rb_type type_from_name(rb_compiler *c, rb_ast *n, bool allow_table) {
  static const struct {
    const char *name;
    rb_type type;
  } names[] = {{"number", RB_TYPE_NUMBER}, {"money", RB_TYPE_MONEY}, {"percent", RB_TYPE_PERCENT},
               {"bool", RB_TYPE_BOOL},     {"text", RB_TYPE_TEXT},   {"date", RB_TYPE_DATE},
               {"value", RB_TYPE_VALUE},   {"row", RB_TYPE_ROW},     {"line", RB_TYPE_LINE},
               {"table", RB_TYPE_INDICATORS}, {"any", RB_TYPE_ANY}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    if (strcmp(names[i].name, n->text) == 0) {
      if (names[i].type == RB_TYPE_INDICATORS && !allow_table) break;
      return names[i].type;
    }
  }
  ERR(n, "types are number, money, percent, bool, text, date, value, row, line and (for inputs) table",
      "unknown type '%s'", n->text);
  return RB_TYPE_ERROR;
}

/* The type two branches of an if (or two operands) share, or ERROR. */
static rb_type unify(rb_type a, rb_type b) {
  if (a == b) return a;
  if (a == RB_TYPE_ERROR || b == RB_TYPE_ERROR) return RB_TYPE_ERROR;
  if (a == RB_TYPE_ANY || b == RB_TYPE_ANY) return RB_TYPE_ANY;
  if (a == RB_TYPE_NIL) return b;
  if (b == RB_TYPE_NIL) return a;
  if ((a == RB_TYPE_NUMBER && b == RB_TYPE_PERCENT) || (a == RB_TYPE_PERCENT && b == RB_TYPE_NUMBER))
    return RB_TYPE_NUMBER;
  return RB_TYPE_COUNT; /* no common type */
}

static rb_type check_expr(rb_compiler *c, rb_ast *n);

/* A percentage against a plain number (满意度 > 90) compares 0.9 with 90:
** always a mistake, except against 0.  Reports it at n and returns false;
** x/tx and y/ty are the two sides. */
static bool percent_with_number(rb_compiler *c, rb_ast *n, rb_ast *x, rb_type tx, rb_ast *y, rb_type ty) {
  if (!((tx == RB_TYPE_PERCENT && ty == RB_TYPE_NUMBER) || (tx == RB_TYPE_NUMBER && ty == RB_TYPE_PERCENT)))
    return true;
  rb_ast *plain = tx == RB_TYPE_NUMBER ? x : y;
  if (plain->kind == RB_AST_NUMBER && rb_num_is_zero(plain->num)) return true;
  char hint[256];
  if (plain->kind == RB_AST_NUMBER) {
    /* 90 is meant as 90%, and 0.9 as 90% too. */
    rb_num points = plain->num, one = rb_num_int(1), abs_v;
    if (rb_num_abs(c->nums, points, &abs_v) && rb_num_cmp(abs_v, one) < 0) rb_num_scale10(c->nums, points, 2, &points);
    snprintf(hint, sizeof hint, EN_FMT("write the percentage with its sign: %s%%"), fmt_num(c, points));
  } else {
    snprintf(hint, sizeof hint, "%s", EN_TEXT("compare a percentage with a percentage (90%); num() gives a value's "
                                              "number in its own scale (90 for 90%)"));
  }
  ERR(n, hint, "cannot compare a percentage with a plain number");
  return false;
}

/* Check that n has a type acceptable where `want` is needed; where is
** written in English (the diagnostics' language is made here). */
static void expect(rb_compiler *c, rb_ast *n, rb_type got, rb_type want, const char *where) {
  if (is_lenient(got) || got == want) return;
  if (want == RB_TYPE_NUMBER && (got == RB_TYPE_PERCENT)) return;
  ERR(n, NULL, "%s must be %s, not %s", EN_TEXT(where), rb_type_name(want), rb_type_name(got));
}

/* a OP b: arithmetic with units (money only with money; money ÷ money is
** a rate) and comparisons of comparable types (never money with a plain
** number, nor a percentage with one); returns the result's type. */
static rb_type check_binary(rb_compiler *c, rb_ast *n) {
  rb_type a = check_expr(c, n->a), b = check_expr(c, n->b);
  if (a == RB_TYPE_ERROR || b == RB_TYPE_ERROR) return RB_TYPE_ERROR;
  bool any = a == RB_TYPE_ANY || b == RB_TYPE_ANY || a == RB_TYPE_NIL || b == RB_TYPE_NIL;
  switch ((rb_ast_op)n->op) {
  case RB_AOP_ADD:
  case RB_AOP_SUB:
    if (any) return is_numeric(a) ? a : is_numeric(b) ? b : RB_TYPE_ANY;
    if (a == RB_TYPE_DATE && b == RB_TYPE_DATE && n->op == RB_AOP_SUB) return RB_TYPE_NUMBER;
    if (!is_numeric(a) || !is_numeric(b)) break;
    if (a == RB_TYPE_MONEY || b == RB_TYPE_MONEY) {
      if (a == b) return RB_TYPE_MONEY;
      ERR(n, "money can only be added to or subtracted from money; write an amount as 12万元",
          "cannot %s %s and %s", n->op == RB_AOP_ADD ? EN_TEXT("add") : EN_TEXT("subtract"), rb_type_name(a),
          rb_type_name(b));
      return RB_TYPE_ERROR;
    }
    return a == RB_TYPE_PERCENT && b == RB_TYPE_PERCENT ? RB_TYPE_PERCENT : RB_TYPE_NUMBER;
  case RB_AOP_MUL:
    if (any) return is_numeric(a) ? a : is_numeric(b) ? b : RB_TYPE_ANY;
    if (!is_numeric(a) || !is_numeric(b)) break;
    if (a == RB_TYPE_MONEY && b == RB_TYPE_MONEY) {
      ERR(n, NULL, "cannot multiply money by money");
      return RB_TYPE_ERROR;
    }
    if (a == RB_TYPE_MONEY || b == RB_TYPE_MONEY) return RB_TYPE_MONEY;
    return a == RB_TYPE_PERCENT && b == RB_TYPE_PERCENT ? RB_TYPE_PERCENT : RB_TYPE_NUMBER;
  case RB_AOP_DIV:
    if (any) return RB_TYPE_ANY;
    if (!is_numeric(a) || !is_numeric(b)) break;
    if (a == RB_TYPE_MONEY && b == RB_TYPE_MONEY) return RB_TYPE_PERCENT; /* a rate: 执行率 */
    if (a == RB_TYPE_MONEY) return RB_TYPE_MONEY;
    if (b == RB_TYPE_MONEY) {
      ERR(n, NULL, "cannot divide %s by money", rb_type_name(a));
      return RB_TYPE_ERROR;
    }
    return RB_TYPE_NUMBER;
  case RB_AOP_EQ:
  case RB_AOP_NE:
  case RB_AOP_LT:
  case RB_AOP_LE:
  case RB_AOP_GT:
  case RB_AOP_GE: {
    bool ordering = n->op != RB_AOP_EQ && n->op != RB_AOP_NE;
    if (any) return RB_TYPE_BOOL;
    if (is_numeric(a) && is_numeric(b)) {
      if ((a == RB_TYPE_MONEY) != (b == RB_TYPE_MONEY)) {
        ERR(n, "compare money with money: write the amount with its unit, as 100万元",
            "cannot compare %s with %s", rb_type_name(a), rb_type_name(b));
        return RB_TYPE_ERROR;
      }
      if (!percent_with_number(c, n, n->a, a, n->b, b)) return RB_TYPE_ERROR;
      return RB_TYPE_BOOL;
    }
    if ((a == RB_TYPE_TEXT || a == RB_TYPE_VALUE) && (b == RB_TYPE_TEXT || b == RB_TYPE_VALUE) && !ordering)
      return RB_TYPE_BOOL;
    if (a == b && (a == RB_TYPE_DATE || a == RB_TYPE_TEXT)) return RB_TYPE_BOOL;
    if (a == b && a == RB_TYPE_BOOL && !ordering) return RB_TYPE_BOOL;
    ERR(n, NULL, "cannot compare %s with %s", rb_type_name(a), rb_type_name(b));
    return RB_TYPE_ERROR;
  }
  }
  ERR(n, NULL, "this operator needs numbers, not %s and %s", rb_type_name(a), rb_type_name(b));
  return RB_TYPE_ERROR;
}

/* Which objects have a field (vm/opcodes.h, RB_FIELDS). */
enum { ON_ROW = 1, ON_LINE = 2, ON_ROW_LINE = 3, ON_VALUE = 4 };

static const struct {
  unsigned on;
  rb_type type;
} field_info[RB_FIELD_COUNT] = {
#define X(name, text, on, type) {ON_##on, RB_TYPE_##type},
    RB_FIELDS(X)
#undef X
};

/* The bit of field_info's `on` for the type of an object. */
static unsigned field_owner(rb_type obj) {
  return obj == RB_TYPE_ROW ? ON_ROW : obj == RB_TYPE_LINE ? ON_LINE : obj == RB_TYPE_VALUE ? ON_VALUE : 0;
}

/* The field n->text of an object of type obj: n->slot gets the field id, the
** result is its type; an unknown field is an error listing the fields the
** object has (all from RB_FIELDS). */
static rb_type field_type(rb_compiler *c, rb_ast *n, rb_type obj) {
  bool lenient = obj == RB_TYPE_ANY;
  unsigned owner = field_owner(obj);
  for (int f = 0; f < RB_FIELD_COUNT; f++) {
    if ((lenient || (field_info[f].on & owner)) && strcmp(rb_field_names[f], n->text) == 0) {
      n->slot = f;
      return lenient ? RB_TYPE_ANY : field_info[f].type;
    }
  }
  if (obj == RB_TYPE_ERROR) return RB_TYPE_ERROR;
  char hint[256];
  size_t len = 0;
  for (int f = 0; f < RB_FIELD_COUNT && owner; f++)
    if ((field_info[f].on & owner) && len < sizeof hint)
      len += (size_t)snprintf(hint + len, sizeof hint - len, "%s%s", len ? ", " : "", rb_field_names[f]);
  char text[320];
  if (len) snprintf(text, sizeof text, EN_FMT("a %s has the fields %s"), rb_type_name(obj), hint);
  ERR(n, len ? text : NULL, "%s has no field '%s'", rb_type_name(obj), n->text);
  return RB_TYPE_ERROR;
}

/* The type a builtin returns, after checking its arguments. */
static rb_type check_builtin(rb_compiler *c, rb_ast *n, int id, rb_ast **args, int argc, rb_type *types) {
  const rb_builtin_info *b = &rb_builtin_table[id];
  if (argc < b->min_args || argc > b->max_args) {
    char hint[512];
    snprintf(hint, sizeof hint, "%s", EN_TEXT(b->doc));
    if (b->min_args == b->max_args)
      ERR(n, hint, "%s takes %d argument%s, not %d", b->name, b->min_args, b->min_args == 1 ? "" : "s", argc);
    else
      ERR(n, hint, "%s takes %d to %d arguments, not %d", b->name, b->min_args, b->max_args, argc);
    return RB_TYPE_ERROR;
  }
  switch ((rb_builtin_id)id) {
  case RB_BUILTIN_MIN:
  case RB_BUILTIN_MAX:
  case RB_BUILTIN_CLAMP:
  case RB_BUILTIN_ABS: {
    rb_type t = RB_TYPE_NIL;
    for (int i = 0; i < argc; i++) {
      if (!is_numeric(types[i]) && !is_lenient(types[i])) {
        ERR(args[i], NULL, "%s needs numbers, not %s", b->name, rb_type_name(types[i]));
        return RB_TYPE_ERROR;
      }
      rb_type u = unify(t, types[i]);
      if (u == RB_TYPE_COUNT) {
        ERR(args[i], NULL, "cannot mix %s and %s in %s", rb_type_name(t), rb_type_name(types[i]), b->name);
        return RB_TYPE_ERROR;
      }
      t = u;
    }
    return t == RB_TYPE_NIL ? RB_TYPE_ANY : t;
  }
  case RB_BUILTIN_POSITIVE:
  case RB_BUILTIN_REVERSE_RATIO:
  case RB_BUILTIN_REVERSE_LINEAR:
  case RB_BUILTIN_EQUALITY:
  case RB_BUILTIN_EXECUTION_RATE:
  case RB_BUILTIN_DEADLINE:
    for (int i = 0; i < 2; i++) {
      rb_type t = types[i];
      bool ok = is_lenient(t) || is_numeric(t) || t == RB_TYPE_VALUE ||
                (id == RB_BUILTIN_DEADLINE && t == RB_TYPE_DATE);
      if (!ok) {
        ERR(args[i], NULL, "%s needs a number or a value read from the report, not %s", b->name,
            rb_type_name(t));
        return RB_TYPE_ERROR;
      }
    }
    if ((types[0] == RB_TYPE_MONEY) != (types[1] == RB_TYPE_MONEY) && is_numeric(types[0]) &&
        is_numeric(types[1])) {
      ERR(n, NULL, "%s compares %s with %s", b->name, rb_type_name(types[0]), rb_type_name(types[1]));
      return RB_TYPE_ERROR;
    }
    expect(c, args[2], types[2], RB_TYPE_NUMBER, "the weight");
    return RB_TYPE_NUMBER;
  case RB_BUILTIN_DEDUCT:
  case RB_BUILTIN_QUALITATIVE:
  case RB_BUILTIN_BAND_LOW:
  case RB_BUILTIN_BAND_HIGH:
    for (int i = 0; i < argc; i++) expect(c, args[i], types[i], RB_TYPE_NUMBER, "this argument");
    return RB_TYPE_NUMBER;
  case RB_BUILTIN_RATIO:
    return RB_TYPE_PERCENT;
  case RB_BUILTIN_NUM:
    return RB_TYPE_NUMBER;
  case RB_BUILTIN_STARTS_WITH:
  case RB_BUILTIN_CONTAINS:
    for (int i = 0; i < 2; i++)
      if (!is_lenient(types[i]) && types[i] != RB_TYPE_TEXT && types[i] != RB_TYPE_VALUE)
        ERR(args[i], NULL, "%s needs text, not %s", b->name, rb_type_name(types[i]));
    return RB_TYPE_BOOL;
  case RB_BUILTIN_CONCAT:
    return RB_TYPE_TEXT;
  case RB_BUILTIN_PLAIN:
    if (!is_lenient(types[0]) && types[0] != RB_TYPE_TEXT && types[0] != RB_TYPE_VALUE)
      ERR(args[0], NULL, "plain needs text, not %s", rb_type_name(types[0]));
    return RB_TYPE_TEXT;
  case RB_BUILTIN_FLAG:
    expect(c, args[0], types[0], RB_TYPE_TEXT, "the kind of a finding");
    expect(c, args[1], types[1], RB_TYPE_TEXT, "the message of a finding");
    if (args[0]->kind != RB_AST_STRING && !is_lenient(types[0]))
      ERR(args[0], "write the kind as text, e.g. \"review\"", "the kind of a finding must be written as text");
    return argc == 3 ? types[2] : RB_TYPE_NIL;
  case RB_BUILTIN_NA:
    if (!c->in_item) ERR(n, NULL, "na() can only be an item's score");
    return RB_TYPE_NUMBER;
  case RB_BUILTIN_MISSING:
    return RB_TYPE_BOOL;
  case RB_BUILTIN_FIXED:
    if (!is_lenient(types[0]) && !is_numeric(types[0]))
      ERR(args[0], NULL, "fixed formats a number, not %s", rb_type_name(types[0]));
    if (args[1]->kind != RB_AST_NUMBER)
      ERR(args[1], "write the places as a number, as in fixed(x, 2)", "the places of fixed must be written out");
    return RB_TYPE_TEXT;
  case RB_BUILTIN_ROUND_AS:
    for (int i = 0; i < 2; i++)
      if (!is_lenient(types[i]) && !is_numeric(types[i]))
        ERR(args[i], NULL, "round_as needs numbers, not %s", rb_type_name(types[i]));
    return is_numeric(types[0]) ? types[0] : RB_TYPE_ANY;
  case RB_BUILTIN_APPEND:
    if (!is_lenient(types[0]) && types[0] != RB_TYPE_LIST)
      ERR(args[0], NULL, "append adds to a list, not to %s", rb_type_name(types[0]));
    return RB_TYPE_LIST;
  case RB_BUILTIN_LEN:
    if (!is_lenient(types[0]) && types[0] != RB_TYPE_TEXT && types[0] != RB_TYPE_INDICATORS &&
        types[0] != RB_TYPE_LINES && types[0] != RB_TYPE_LIST)
      ERR(args[0], NULL, "len needs a text or a table, not %s", rb_type_name(types[0]));
    return RB_TYPE_NUMBER;
  case RB_BUILTIN_COUNT:
    break;
  }
  return RB_TYPE_ANY;
}

/* A call: a built-in (its argument count and types, rules of its own such
** as flag's kind written out), a rubric function (its parameters' types) or
** a native (its declared C types); returns the result's type. */
static rb_type check_call(rb_compiler *c, rb_ast *n) {
  enum { MAX_ARGS = RB_MAX_ARGS };
  rb_ast *args[MAX_ARGS];
  rb_type types[MAX_ARGS];
  int argc = 0;
  bool err = false;
  for (rb_ast *a = n->a; a; a = a->next) {
    rb_type t = check_expr(c, a);
    if (argc < MAX_ARGS) {
      args[argc] = a;
      types[argc] = t;
    }
    argc++;
    if (t == RB_TYPE_ERROR) err = true;
  }
  if (argc > MAX_ARGS) {
    ERR(n, NULL, "too many arguments (the limit is %d)", MAX_ARGS);
    return RB_TYPE_ERROR;
  }
  /* A user function shadows nothing: builtins and functions share one
  ** namespace, checked at declaration. */
  rb_ast *decl = lookup(c, n->text);
  if (decl && (decl->flags & RB_NODE_BROKEN)) return RB_TYPE_ERROR;
  if (decl && (decl->kind == RB_AST_FN || decl->kind == RB_AST_NATIVE)) {
    n->decl = decl;
    n->slot = decl->slot;
    int arity = 0;
    for (rb_ast *p = decl->a; p; p = p->next) arity++;
    if (arity != argc) {
      int d = ERR(n, NULL, "%s takes %d argument%s, not %d", n->text, arity, arity == 1 ? "" : "s", argc);
      rb_diag_note(c->diags, d, decl->file, decl->start, decl->end, "%s is declared here", n->text);
      return RB_TYPE_ERROR;
    }
  }
  if (decl && decl->kind == RB_AST_FN && (decl->flags & RB_FN_READS_INPUT)) {
    if (c->current_fn) c->current_fn->flags |= RB_FN_READS_INPUT;
    if (c->in_const) {
      int d = ERR(n, "a constant is the same for every report; call the function in an item, a check or "
                  "another function", "a constant cannot call '%s', which reads the report's inputs", n->text);
      rb_diag_note(c->diags, d, decl->file, decl->start, decl->end, "%s is declared here", n->text);
    }
  }
  if (decl && decl->kind == RB_AST_FN) {
    int i = 0;
    for (rb_ast *p = decl->a; p; p = p->next, i++) {
      rb_type want = (rb_type)p->type;
      if (want == RB_TYPE_ANY || is_lenient(types[i]) || want == types[i]) continue;
      if (want == RB_TYPE_NUMBER && types[i] == RB_TYPE_PERCENT) continue;
      ERR(args[i], NULL, "argument %d of %s must be %s, not %s", i + 1, n->text, rb_type_name(want),
          rb_type_name(types[i]));
    }
    return (rb_type)decl->type;
  }
  if (decl && decl->kind == RB_AST_NATIVE) {
    int i = 0;
    for (rb_ast *p = decl->a; p; p = p->next, i++) {
      rb_native_type want = (rb_native_type)p->op;
      rb_type got = types[i];
      if (is_lenient(got)) continue;
      bool ok = (want == RB_NTYPE_INTEGER || want == RB_NTYPE_NUMBER) ? is_numeric(got)
                : want == RB_NTYPE_TEXT ? (got == RB_TYPE_TEXT || got == RB_TYPE_VALUE)
                : want == RB_NTYPE_BOOL ? got == RB_TYPE_BOOL
                : want == RB_NTYPE_DATE ? got == RB_TYPE_DATE
                                        : got == RB_TYPE_LIST;
      if (!ok) {
        int d = ERR(args[i], want == RB_NTYPE_LIST ? EN_TEXT("make a list with list(e for x in table)") : NULL,
                    "argument %d of native %s must be %s, not %s", i + 1, n->text, rb_native_type_names[want],
                    rb_type_name(got));
        rb_diag_note(c->diags, d, p->file, p->start, p->end, "declared here");
      }
    }
    return (rb_type)decl->type;
  }
  if (decl) {
    ERR(n, NULL, "'%s' is not a function", n->text);
    return RB_TYPE_ERROR;
  }
  for (int id = 0; id < RB_BUILTIN_COUNT; id++) {
    if (strcmp(rb_builtin_table[id].name, n->text) == 0) {
      n->slot = id;
      if (err) return RB_TYPE_ERROR;
      return check_builtin(c, n, id, args, argc, types);
    }
  }
  unknown_name(c, n, "function");
  return RB_TYPE_ERROR;
}

/* Step tables: the bounds are literals of one unit; ranges should not
** overlap and should leave no gap.  Ranges are sorted by low bound for the
** check (the table itself keeps its order: the first matching range wins). */
typedef struct step_bound {
  rb_ast *range;
  bool has_low, low_incl, has_high, high_incl;
  rb_num low, high;
} step_bound;

static int bound_cmp_low(const step_bound *a, const step_bound *b) {
  if (!a->has_low) return b->has_low ? -1 : 0;
  if (!b->has_low) return 1;
  int k = rb_num_cmp(a->low, b->low);
  if (k) return k;
  return (int)b->low_incl - (int)a->low_incl;
}

/* Whether two ranges share a value; *at is where the shared part starts (its
** low bound, *at_low true) or, when it is open below, where it ends. */
static bool ranges_meet(const step_bound *x, const step_bound *y, rb_num *at, bool *at_low) {
  bool has_lo = x->has_low || y->has_low, has_hi = x->has_high || y->has_high;
  rb_num lo = rb_num_int(0), hi = rb_num_int(0);
  bool lo_incl = true, hi_incl = true;
  if (has_lo) {
    const step_bound *p = !x->has_low ? y : !y->has_low ? x : rb_num_cmp(x->low, y->low) >= 0 ? x : y;
    lo = p->low;
    lo_incl = p->low_incl;
    if (x->has_low && y->has_low && rb_num_cmp(x->low, y->low) == 0) lo_incl = x->low_incl && y->low_incl;
  }
  if (has_hi) {
    const step_bound *p = !x->has_high ? y : !y->has_high ? x : rb_num_cmp(x->high, y->high) <= 0 ? x : y;
    hi = p->high;
    hi_incl = p->high_incl;
    if (x->has_high && y->has_high && rb_num_cmp(x->high, y->high) == 0) hi_incl = x->high_incl && y->high_incl;
  }
  *at_low = has_lo;
  *at = has_lo ? lo : hi;
  if (!has_lo || !has_hi) return true;
  int cmp = rb_num_cmp(lo, hi);
  return cmp < 0 || (cmp == 0 && lo_incl && hi_incl);
}

static const char *fmt_bound(rb_compiler *c, rb_num v, rb_type unit) {
  char buf[128];
  if (unit == RB_TYPE_PERCENT) {
    rb_num p;
    rb_num_scale10(c->nums, v, 2, &p);
    rb_num_format_sig(p, 4, buf, sizeof buf);
    strcat(buf, "%");
  } else {
    rb_num_format_sig(v, 4, buf, sizeof buf);
  }
  return rb_arena_strdup(&c->arena, buf);
}

/* Check one range of a step table: its points, its bounds and their unit
** (folded into *unit: every bound of a table has one kind), and whether it
** can hold any value; fill *b with its bounds for the walks below. */
static void check_step_range(rb_compiler *c, rb_ast *r, rb_type *unit, step_bound *b) {
  rb_type pt = check_expr(c, r->c);
  if (!is_lenient(pt) && !is_numeric(pt)) ERR(r->c, NULL, "the points of a step must be a number, not %s", rb_type_name(pt));
  if (r->c->kind != RB_AST_NUMBER && r->c->kind != RB_AST_UNARY)
    ERR(r->c, "write the points as a number, as in >= 90%: 5", "the points of a step must be a number written out");
  rb_ast *lo = r->a, *hi = r->b;
  for (int side = 0; side < 2; side++) {
    rb_ast *x = side ? hi : lo;
    if (!x) continue;
    rb_type t = check_expr(c, x);
    if (x->kind != RB_AST_NUMBER) {
      ERR(x, NULL, "a step bound must be a number, a percentage or an amount");
      continue;
    }
    rb_type u = unify(*unit, t);
    if (u == RB_TYPE_COUNT || (*unit == RB_TYPE_MONEY) != (t == RB_TYPE_MONEY && *unit != RB_TYPE_NIL)) {
      if (*unit != RB_TYPE_NIL && ((*unit == RB_TYPE_MONEY) != (t == RB_TYPE_MONEY)))
        ERR(x, NULL, "this bound is %s but earlier bounds are %s", rb_type_name(t), rb_type_name(*unit));
    } else {
      *unit = u;
    }
  }
  b->range = r;
  b->has_low = lo != NULL;
  b->has_high = hi != NULL;
  b->low_incl = (r->flags & RB_RANGE_LOW_INCL) != 0;
  b->high_incl = (r->flags & RB_RANGE_HIGH_INCL) != 0;
  if (lo) b->low = lo->num;
  if (hi) b->high = hi->num;
  if (lo && hi) {
    int cmp = rb_num_cmp(lo->num, hi->num);
    if (cmp > 0 || (cmp == 0 && !(b->low_incl && b->high_incl)))
      WARN(r, NULL, "this range is empty: no value can fall in it");
  }
}

/* Overlaps, in written order: a range that shares values with one written
** before it never gets those values (the first matching range wins), so the
** warning is at the later range. */
static void warn_step_overlaps(rb_compiler *c, const step_bound *b, uint32_t k, rb_type unit) {
  for (uint32_t j = 0; j < k; j++) {
    if (!b[j].has_low && !b[j].has_high) continue;
    for (uint32_t i = 0; i < j; i++) {
      if (!b[i].has_low && !b[i].has_high) continue;
      rb_num at;
      bool at_low;
      if (ranges_meet(&b[i], &b[j], &at, &at_low)) {
        if (at_low) WARN(b[j].range, NULL, "this range overlaps an earlier one at %s", fmt_bound(c, at, unit));
        else WARN(b[j].range, NULL, "this range overlaps an earlier one below %s", fmt_bound(c, at, unit));
        break;
      }
    }
  }
}

/* Gaps: values that no range of a table without `else` covers.  The ranges
** (b, sorted here by low bound; tables are short) are walked in order,
** tracking how far they reach. */
static void warn_step_gaps(rb_compiler *c, rb_ast *n, step_bound *b, uint32_t k, rb_type unit) {
  for (uint32_t i = 1; i < k; i++) {
    step_bound x = b[i];
    uint32_t j = i;
    while (j > 0 && bound_cmp_low(&b[j - 1], &x) > 0) {
      b[j] = b[j - 1];
      j--;
    }
    b[j] = x;
  }
  if (k == 0) return;
  if (b[0].has_low)
    WARN(n, NULL, "no range covers values %s %s", b[0].low_incl ? EN_TEXT("below") : EN_TEXT("up to and including"),
         fmt_bound(c, b[0].low, unit));
  rb_num reach = b[0].high;
  bool reach_incl = b[0].high_incl;
  bool reach_inf = !b[0].has_high;
  for (uint32_t i = 1; i < k && !reach_inf; i++) {
    /* A gap between reach and b[i].low? */
    if (b[i].has_low) {
      int cmp = rb_num_cmp(b[i].low, reach);
      if (cmp > 0 || (cmp == 0 && !reach_incl && !b[i].low_incl))
        WARN(b[i].range, NULL, "no range covers values from %s to %s", fmt_bound(c, reach, unit),
             fmt_bound(c, b[i].low, unit));
    }
    if (!b[i].has_high) {
      reach_inf = true;
    } else {
      int cmp = rb_num_cmp(b[i].high, reach);
      if (cmp > 0 || (cmp == 0 && b[i].high_incl)) {
        reach = b[i].high;
        reach_incl = b[i].high_incl;
      }
    }
  }
  if (!reach_inf)
    WARN(n, NULL, "no range covers values %s %s", reach_incl ? EN_TEXT("above") : EN_TEXT("from"),
         fmt_bound(c, reach, unit));
}

/* step(x) { RANGE: POINTS, … }: the ranges (check_step_range), the subject
** against the bounds' unit (a percentage needs percentage bounds, money
** money), then the warnings for overlaps and, without `else`, for gaps.
** n->unit gets the bounds' unit for code generation. */
static void check_step(rb_compiler *c, rb_ast *n, rb_type subject) {
  uint32_t count = 0;
  for (rb_ast *r = n->b; r; r = r->next) count++;
  if (count > RB_MAX_STEP_RANGES) {
    ERR(n, "split the table, or compute the points with a formula",
        "this step table has %u ranges; the limit is %d", count, RB_MAX_STEP_RANGES);
    return;
  }
  step_bound *b = calloc(count ? count : 1, sizeof *b);
  if (!b) return;
  rb_type unit = RB_TYPE_NIL;
  uint32_t k = 0;
  bool catch_all = false;
  for (rb_ast *r = n->b; r; r = r->next, k++) {
    check_step_range(c, r, &unit, &b[k]);
    if (!r->a && !r->b) catch_all = true;
  }
  if (!is_lenient(subject) && !is_numeric(subject))
    ERR(n->a, NULL, "step looks up a number, not %s", rb_type_name(subject));
  else if (unit != RB_TYPE_NIL && !is_lenient(subject) && ((subject == RB_TYPE_MONEY) != (unit == RB_TYPE_MONEY)))
    ERR(n->a, NULL, "step looks up %s in ranges of %s", rb_type_name(subject), rb_type_name(unit));
  else if ((subject == RB_TYPE_PERCENT && unit == RB_TYPE_NUMBER) || (subject == RB_TYPE_NUMBER && unit == RB_TYPE_PERCENT))
    ERR(n->a, subject == RB_TYPE_PERCENT ? EN_TEXT("write the bounds as percentages: >= 90%")
                                    : EN_TEXT("look up a percentage, or write the bounds as plain numbers"),
        "step looks up %s in ranges of %s", rb_type_name(subject), rb_type_name(unit));
  n->unit = unit == RB_TYPE_PERCENT ? RB_UNIT_PERCENT : unit == RB_TYPE_MONEY ? RB_UNIT_MONEY : RB_UNIT_PLAIN;
  warn_step_overlaps(c, b, k, unit);
  if (!catch_all) warn_step_gaps(c, n, b, k, unit);
  free(b);
}

/* A name in an expression: its declaration, marked used; reading an input
** marks the function it is in, and is refused in a constant. */
static rb_type check_name(rb_compiler *c, rb_ast *n) {
  rb_ast *d = lookup(c, n->text);
  if (!d) {
    unknown_name(c, n, "name");
    return RB_TYPE_ERROR;
  }
  n->decl = d;
  if (d->flags & RB_NODE_BROKEN) return RB_TYPE_ERROR; /* reported where it was declared */
  if (d->kind == RB_AST_FN || d->kind == RB_AST_NATIVE) {
    ERR(n, "call it with its arguments: name(a, b)", "'%s' is a function", n->text);
    return RB_TYPE_ERROR;
  }
  if (d->kind == RB_AST_CONST) d->used = true;
  if (d->kind == RB_AST_INPUT) {
    d->used = true;
    if (c->current_fn) c->current_fn->flags |= RB_FN_READS_INPUT;
    if (c->in_const) {
      ERR(n, "a constant is the same for every report; read inputs in items, checks or functions",
          "a constant cannot read the input '%s'", n->text);
      return RB_TYPE_ERROR;
    }
  }
  return (rb_type)d->type;
}

/* `sum(e for r in T where w)` and its kin: the variable's scope and slots,
** the element type (kept in n->op2), and the aggregate's own type. */
static rb_type check_aggregate(rb_compiler *c, rb_ast *n) {
  rb_type t = RB_TYPE_ERROR;
  rb_type seq = check_expr(c, n->b);
  rb_type elem = RB_TYPE_ANY;
  if (seq == RB_TYPE_INDICATORS) elem = RB_TYPE_ROW;
  else if (seq == RB_TYPE_LINES) elem = RB_TYPE_LINE;
  else if (!is_lenient(seq)) ERR(n->b, NULL, "can only go through a table, not %s", rb_type_name(seq));
  uint32_t mark = c->scope_count;
  /* The variable, the iteration (2 slots) and the accumulator. */
  new_local(c, n, 4);
  n->type = (uint8_t)elem;
  scope_push(c, n->text, n);
  if (n->c) expect(c, n->c, check_expr(c, n->c), RB_TYPE_BOOL, "the where condition");
  rb_type e = check_expr(c, n->a);
  c->scope_count = mark;
  switch ((rb_agg_kind)n->op) {
  case RB_AGG_SUM:
  case RB_AGG_MIN:
  case RB_AGG_MAX:
    if (!is_lenient(e) && !is_numeric(e)) ERR(n->a, NULL, "can only add up numbers, not %s", rb_type_name(e));
    t = is_numeric(e) ? e : RB_TYPE_ANY;
    break;
  case RB_AGG_COUNT: t = RB_TYPE_NUMBER; break;
  case RB_AGG_LIST:
    if (!is_lenient(e) && !is_numeric(e)) ERR(n->a, NULL, "a list holds numbers, not %s", rb_type_name(e));
    t = RB_TYPE_LIST;
    break;
  case RB_AGG_ALL:
  case RB_AGG_ANY:
    expect(c, n->a, e, RB_TYPE_BOOL, "what all and any test");
    t = RB_TYPE_BOOL;
    break;
  }
  /* The element type was kept in n->type while checking the body; the
  ** expression's own type is returned and stored by check_expr. */
  n->op2 = (uint8_t)elem;
  return t;
}

/* `x in [a, b, …]`: each choice comparable with x; one scratch slot. */
static rb_type check_in_list(rb_compiler *c, rb_ast *n) {
  rb_type a = check_expr(c, n->a);
  uint32_t choices = 0;
  for (rb_ast *x = n->b; x; x = x->next) choices++;
  if (choices > RB_MAX_ARGS) {
    /* Said before any choice is checked: 30,000 of them cost no time. */
    ERR(n, NULL, "too many choices after in (the limit is %d)", RB_MAX_ARGS);
    return RB_TYPE_BOOL;
  }
  for (rb_ast *x = n->b; x; x = x->next) {
    rb_type b = check_expr(c, x);
    bool ok = is_lenient(a) || is_lenient(b) || a == b || (is_numeric(a) && is_numeric(b) &&
              (a == RB_TYPE_MONEY) == (b == RB_TYPE_MONEY)) ||
              ((a == RB_TYPE_VALUE || a == RB_TYPE_TEXT) && (b == RB_TYPE_TEXT || b == RB_TYPE_VALUE));
    if (!ok) ERR(x, NULL, "cannot compare %s with %s", rb_type_name(a), rb_type_name(b));
    else percent_with_number(c, x, n->a, a, x, b);
  }
  /* One scratch slot holds the value while it is compared. */
  new_local(c, n, 1);
  return RB_TYPE_BOOL;
}

/* `round(x, places[, mode])`: places a whole number within ±RB_MAX_PLACES,
** the mode by name (half_up, 四舍五入, by default). */
static rb_type check_round(rb_compiler *c, rb_ast *n) {
  rb_type a = check_expr(c, n->a);
  if (!is_lenient(a) && !is_numeric(a)) ERR(n->a, NULL, "round needs a number, not %s", rb_type_name(a));
  rb_num places = n->b->num;
  int64_t p;
  if (!rb_num_to_int64(places, &p) || p < -RB_MAX_PLACES || p > RB_MAX_PLACES) {
    ERR(n->b, NULL, "places must be a whole number from -%d to %d", RB_MAX_PLACES, RB_MAX_PLACES);
    p = 2;
  }
  n->ival = (int32_t)p;
  n->op = RB_ROUND_HALF_UP;
  if (n->c) {
    rb_round_mode m;
    if (rb_round_mode_from_name(n->c->text, strlen(n->c->text), &m)) n->op = (uint8_t)m;
    else ERR(n->c, "modes are half_up (四舍五入), half_even, down, up, floor and ceil", "unknown rounding mode '%s'", n->c->text);
  }
  return is_numeric(a) ? a : RB_TYPE_NUMBER;
}

/* Check an expression; annotate and return its type. */
static rb_type check_expr(rb_compiler *c, rb_ast *n) {
  rb_type t = RB_TYPE_ERROR;
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_NUMBER:
    t = n->unit == RB_UNIT_PERCENT ? RB_TYPE_PERCENT : n->unit == RB_UNIT_MONEY ? RB_TYPE_MONEY : RB_TYPE_NUMBER;
    break;
  case RB_AST_STRING: t = RB_TYPE_TEXT; break;
  case RB_AST_DATE: t = RB_TYPE_DATE; break;
  case RB_AST_BOOL: t = RB_TYPE_BOOL; break;
  case RB_AST_NIL: t = RB_TYPE_NIL; break;
  case RB_AST_NAME: t = check_name(c, n); break;
  case RB_AST_FIELD: {
    rb_type o = check_expr(c, n->a);
    t = field_type(c, n, o);
    break;
  }
  case RB_AST_CALL: t = check_call(c, n); break;
  case RB_AST_UNARY: {
    rb_type a = check_expr(c, n->a);
    if (n->op == 'n') {
      expect(c, n->a, a, RB_TYPE_BOOL, "the operand of not");
      t = RB_TYPE_BOOL;
    } else {
      if (!is_lenient(a) && !is_numeric(a)) ERR(n, NULL, "cannot negate %s", rb_type_name(a));
      t = is_numeric(a) ? a : RB_TYPE_ERROR;
    }
    break;
  }
  case RB_AST_BINARY: t = check_binary(c, n); break;
  case RB_AST_AND:
  case RB_AST_OR: {
    rb_type a = check_expr(c, n->a), b = check_expr(c, n->b);
    const char *side = n->kind == RB_AST_AND ? EN_TEXT("each side of and") : EN_TEXT("each side of or");
    expect(c, n->a, a, RB_TYPE_BOOL, side);
    expect(c, n->b, b, RB_TYPE_BOOL, side);
    t = RB_TYPE_BOOL;
    break;
  }
  case RB_AST_IF: {
    rb_type k = check_expr(c, n->a);
    expect(c, n->a, k, RB_TYPE_BOOL, "the condition of if");
    rb_type a = check_expr(c, n->b), b = check_expr(c, n->c);
    t = unify(a, b);
    if (t == RB_TYPE_COUNT) {
      ERR(n, NULL, "the branches of this if give %s and %s", rb_type_name(a), rb_type_name(b));
      t = RB_TYPE_ERROR;
    }
    break;
  }
  case RB_AST_BLOCK: {
    uint32_t mark = c->scope_count;
    for (rb_ast *l = n->a; l; l = l->next) {
      l->type = (uint8_t)check_expr(c, l->a);
      new_local(c, l, 1);
      scope_push(c, l->text, l);
    }
    t = check_expr(c, n->b);
    c->scope_count = mark;
    break;
  }
  case RB_AST_STEP: {
    rb_type s = check_expr(c, n->a);
    check_step(c, n, s);
    t = RB_TYPE_NUMBER;
    break;
  }
  case RB_AST_AGGREGATE: t = check_aggregate(c, n); break;
  case RB_AST_IN_LIST: t = check_in_list(c, n); break;
  case RB_AST_ROUND: t = check_round(c, n); break;
  case RB_AST_WEIGHT:
  case RB_AST_SELF:
    if (!c->in_item) {
      ERR(n, "weight and self refer to the item being scored; pass them to a function as arguments",
          "'%s' can only be used in an item's score", n->kind == RB_AST_WEIGHT ? "weight" : "self");
      break;
    }
    t = RB_TYPE_NUMBER;
    break;
  case RB_AST_ERROR: break; /* already reported (a syntax error, nesting too deep) */
  default:
    ERR(n, NULL, "this is not an expression");
    break;
  }
  if (n->kind != RB_AST_AGGREGATE) n->type = (uint8_t)t;
  else n->ival = (int32_t)t; /* AGGREGATE keeps its variable's type in n->type */
  return t;
}

/* ---- Declarations ------------------------------------------------------- */

/* The natural type of each report value (vm/program.h, RB_INPUT_SOURCES). */
static const rb_type source_types[RB_SRC_COUNT] = {
#define X(name, text, type) RB_TYPE_##type,
    RB_INPUT_SOURCES(X)
#undef X
};

/* input NAME: TYPE = SOURCE [missing POLICY]: the source's name, the
** declared type against the source's natural one, the policy and its
** default; the input gets its slot and is declared as a global. */
static void check_input(rb_compiler *c, rb_ast *n) {
  rb_ast *src = rb_ast_input_source(n), *type = rb_ast_input_type(n), *missing = rb_ast_input_missing(n);
  rb_type declared = type_from_name(c, type, true);
  n->op = 0xff;
  if (strcmp(src->text, "fact") == 0) {
    n->op = RB_SRC_FACT;
    if (declared == RB_TYPE_INDICATORS || declared == RB_TYPE_ROW || declared == RB_TYPE_LINE ||
        declared == RB_TYPE_VALUE || declared == RB_TYPE_ANY) {
      ERR(type, NULL, "a fact is a number, an amount, a percentage, a yes/no, a text or a date");
      declared = RB_TYPE_ERROR;
    }
  } else {
    for (int i = 0; i < RB_SRC_COUNT; i++) {
      if (i != RB_SRC_FACT && strcmp(rb_input_source_names[i], src->text) == 0) {
        n->op = (uint8_t)i;
        rb_type nat = source_types[i];
        if (declared == RB_TYPE_INDICATORS && nat == RB_TYPE_LINES) declared = RB_TYPE_LINES;
        if (declared != RB_TYPE_ERROR && declared != nat && !(nat == RB_TYPE_NUMBER && declared == RB_TYPE_PERCENT)) {
          ERR(type, NULL, "%s is %s, not %s", src->text, rb_type_name(nat), rb_type_name(declared));
          declared = RB_TYPE_ERROR;
        }
        break;
      }
    }
    if (n->op == 0xff) {
      char hint[512];
      size_t len = (size_t)snprintf(hint, sizeof hint, "%s", EN_TEXT("a report provides fact \"名称\""));
      for (int i = 0; i < RB_SRC_COUNT && len < sizeof hint; i++)
        if (i != RB_SRC_FACT)
          len += (size_t)snprintf(hint + len, sizeof hint - len, "%s%s",
                                  i == RB_SRC_COUNT - 1 ? EN_TEXT(" and ") : EN_TEXT(", "),
                                  rb_input_source_names[i]);
      ERR(src, hint, "unknown report value '%s'", src->text);
    }
  }
  n->type = (uint8_t)declared;
  n->op2 = RB_DEFAULT_MISSING;
  if (missing) {
    bool found = false;
    for (int i = 0; i < RB_MISSING_COUNT; i++) {
      if (strcmp(rb_missing_policy_names[i], missing->text) == 0) {
        n->op2 = (uint8_t)i;
        found = true;
      }
    }
    if (!found)
      ERR(missing, "what a missing value means: missing error, missing zero, missing self, missing full or "
                   "missing default VALUE",
          "unknown missing-value policy '%s'", missing->text);
    if (n->op2 == RB_MISSING_DEFAULT) {
      rb_type d = check_expr(c, missing->a);
      if (missing->a->kind != RB_AST_NUMBER && missing->a->kind != RB_AST_STRING && missing->a->kind != RB_AST_BOOL &&
          missing->a->kind != RB_AST_DATE)
        ERR(missing->a, NULL, "a default must be written out as a number, a text, true/false or a date");
      else if (!is_lenient(declared) && d != declared && !(declared == RB_TYPE_NUMBER && d == RB_TYPE_PERCENT))
        ERR(missing->a, NULL, "the default is %s but the input is %s", rb_type_name(d), rb_type_name(declared));
    }
    if ((n->op2 == RB_MISSING_ZERO || n->op2 == RB_MISSING_DEFAULT) &&
        (declared == RB_TYPE_INDICATORS || declared == RB_TYPE_LINES) && n->op2 == RB_MISSING_DEFAULT)
      ERR(missing, NULL, "a table cannot have a default");
  }
  n->slot = (int32_t)c->input_count;
  if (c->input_count >= RB_MAX_INPUTS) ERR(n, NULL, "too many inputs");
  if (grow((void **)&c->inputs, &c->input_count, &c->input_cap, sizeof *c->inputs)) c->inputs[c->input_count++] = n;
  declare_global(c, n->text, n);
}

/* fn NAME(PARAMS) = BODY: the body checked with its parameters in scope and
** the globals declared so far; the function is declared after its body, so
** it cannot call itself. */
static void check_fn(rb_compiler *c, rb_ast *n) {
  /* Functions see the globals declared so far and their parameters; they are
  ** declared after their body is checked, so a function cannot call itself. */
  uint32_t mark = c->scope_count;
  uint32_t saved_next = c->next_slot, saved_max = c->max_slot;
  int saved_item = c->in_item;
  c->next_slot = c->max_slot = 0;
  c->in_item = 0;
  c->current_fn = n;
  for (rb_ast *p = n->a; p; p = p->next) {
    p->type = (uint8_t)(p->a ? type_from_name(c, p->a, false) : RB_TYPE_ANY);
    for (rb_ast *q = n->a; q != p; q = q->next)
      if (strcmp(q->text, p->text) == 0) ERR(p, NULL, "parameter '%s' is named twice", p->text);
    new_local(c, p, 1);
    scope_push(c, p->text, p);
  }
  n->type = (uint8_t)check_expr(c, n->b);
  n->ival = (int32_t)c->max_slot; /* locals of the function */
  c->scope_count = mark;
  c->next_slot = saved_next;
  c->max_slot = saved_max;
  c->in_item = saved_item;
  c->current_fn = NULL;
  n->slot = (int32_t)c->fn_count + 1;
  for (int id = 0; id < RB_BUILTIN_COUNT; id++)
    if (strcmp(rb_builtin_table[id].name, n->text) == 0)
      ERR(n, NULL, "'%s' is the name of a built-in function", n->text);
  if (grow((void **)&c->fns, &c->fn_count, &c->fn_cap, sizeof *c->fns)) c->fns[c->fn_count++] = n;
  declare_global(c, n->text, n);
}

/* A native function declaration: C types for parameters and result, the
** library it comes from ("host" for the embedding program), its symbol. */
static void check_native(rb_compiler *c, rb_ast *n) {
  int count = 0;
  for (rb_ast *p = n->a; p; p = p->next, count++) {
    p->op = RB_NTYPE_NUMBER;
    if (!p->a) {
      ERR(p, "write the C type of each parameter: integer, number, text, bool, date or list",
          "parameter '%s' of a native function needs a type", p->text);
      continue;
    }
    bool found = false;
    for (int t = 0; t < RB_NTYPE_COUNT; t++)
      if (strcmp(rb_native_type_names[t], p->a->text) == 0) p->op = (uint8_t)t, found = true;
    if (!found)
      ERR(p->a, "native types are integer (int64_t), number (double), text (const char *), bool (int), "
                "date (int32_t days) and list (const double *, size_t)",
          "unknown native type '%s'", p->a->text);
  }
  if (count > RB_MAX_NATIVE_PARAMS) ERR(n, NULL, "a native function takes at most %d parameters", RB_MAX_NATIVE_PARAMS);
  n->op = RB_NTYPE_NUMBER;
  bool found = false;
  for (int t = 0; t < RB_NTYPE_COUNT; t++)
    if (strcmp(rb_native_type_names[t], n->b->text) == 0) n->op = (uint8_t)t, found = true;
  if (!found || n->op == RB_NTYPE_LIST) {
    ERR(n->b, "a native function returns integer, number, text, bool or date", "a native function cannot return '%s'",
        n->b->text);
    n->op = RB_NTYPE_NUMBER;
  }
  static const rb_type result_types[RB_NTYPE_COUNT] = {
      [RB_NTYPE_INTEGER] = RB_TYPE_NUMBER, [RB_NTYPE_NUMBER] = RB_TYPE_NUMBER, [RB_NTYPE_TEXT] = RB_TYPE_TEXT,
      [RB_NTYPE_BOOL] = RB_TYPE_BOOL,       [RB_NTYPE_DATE] = RB_TYPE_DATE,     [RB_NTYPE_LIST] = RB_TYPE_LIST};
  n->type = (uint8_t)result_types[n->op];
  rb_ast *lib = n->c;
  if (lib->kind == RB_AST_NAME && strcmp(lib->text, "host") != 0)
    ERR(lib, "write the library as text (\"libm.so.6\", \"./libweighted.so\") or host for a function the "
             "embedding program registers",
        "unknown library '%s'", lib->text);
  /* A host function is found by its registered name; a library's by its C
  ** symbol, which must be one. */
  bool host = lib->kind == RB_AST_NAME;
  const char *symbol = lib->a ? lib->a->text : n->text;
  for (const unsigned char *s = (const unsigned char *)symbol; *s && !host; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_')) {
      ERR(lib->a ? lib->a : n, "name the C function with symbol \"name\"",
          "'%s' is not a C symbol name", symbol);
      break;
    }
  for (int id = 0; id < RB_BUILTIN_COUNT; id++)
    if (strcmp(rb_builtin_table[id].name, n->text) == 0) ERR(n, NULL, "'%s' is the name of a built-in function", n->text);
  n->slot = (int32_t)c->native_count;
  if (c->native_count >= RB_MAX_NATIVES) ERR(n, NULL, "too many native functions");
  if (grow((void **)&c->natives, &c->native_count, &c->native_cap, sizeof *c->natives))
    c->natives[c->native_count++] = n;
  declare_global(c, n->text, n);
}

/* ---- The scoring tree --------------------------------------------------- */

static bool weight_of(rb_compiler *c, rb_ast *n, rb_num parent, rb_num *out) {
  rb_ast *w = n->a;
  if (!w) return false;
  if (w->unit == RB_UNIT_PERCENT) {
    if (!rb_num_mul(c->nums, parent, w->num, out)) return false;
    n->flags |= RB_NODE_PERCENT;
  } else {
    *out = w->num;
  }
  n->weight = *out;
  return true;
}

static void check_members(rb_compiler *c, rb_ast *list, rb_ast *parent, rb_num parent_weight);

static void check_item_score(rb_compiler *c, rb_ast *score) {
  c->in_item++;
  rb_type t = check_expr(c, score);
  c->in_item--;
  if (!is_lenient(t) && t != RB_TYPE_NUMBER && t != RB_TYPE_PERCENT)
    ERR(score, "an item's score is a number of points, such as min(实际 / 目标, 1) * weight",
        "an item's score must be a number, not %s", rb_type_name(t));
}

/* A split policy's name and places (split->text, split->a) into *policy and
** *places; false after an error.  by_row is accepted only when by_row_ok. */
static bool split_policy(rb_compiler *c, rb_ast *split, bool by_row_ok, uint8_t *policy, int32_t *places) {
  bool ok = true;
  if (split->a) {
    int64_t p;
    if (!rb_num_to_int64(split->a->num, &p) || p > RB_MAX_PLACES) {
      ERR(split->a, NULL, "places must be a whole number up to %d", RB_MAX_PLACES);
      ok = false;
    } else {
      *places = (int32_t)p;
    }
  }
  if (by_row_ok && strcmp(split->text, "by_row") == 0) return ok;
  for (int i = 0; i < RB_SPLIT_COUNT; i++)
    if (strcmp(rb_split_policy_names[i], split->text) == 0) {
      *policy = (uint8_t)i;
      return ok;
    }
  ERR(split, by_row_ok ? EN_TEXT("policies are by_row, largest_remainder, floor_last, whole and exact")
                       : EN_TEXT("after else: largest_remainder, floor_last, whole or exact"),
      "unknown split policy '%s'", split->text);
  return false;
}

/* The split clause of an each (grammar: split_opt), kept by the parser in
** n->decl, resolved into the node: op the SPLIT policy and ival its places;
** for `split by_row [MODE] [PLACES] [else POLICY [PLACES]]` also the flag
** RB_EACH_BY_ROW, op2 the row-weight mode, else_op/else_places the policy
** used when a row states no weight (largest_remainder at the rubric's places
** unless written). */
static void check_split(rb_compiler *c, rb_ast *n) {
  rb_ast *split = n->decl;
  n->decl = NULL;
  n->op = RB_DEFAULT_SPLIT;
  n->ival = c->rounding.places;
  n->else_op = RB_DEFAULT_SPLIT;
  n->else_places = (int8_t)c->rounding.places;
  if (!split) return;
  uint8_t policy = RB_DEFAULT_SPLIT;
  int32_t places = c->rounding.places;
  bool ok = split_policy(c, split, true, &policy, &places);
  bool by_row = ok && strcmp(split->text, "by_row") == 0;
  n->ival = places;
  if (!by_row) {
    n->op = policy;
    if (split->b)
      ERR(split->b, "write split by_row rescale (or strict, or table)",
          "only by_row takes a mode, not %s", split->text);
    if (split->c) ERR(split->c, "write split by_row … else POLICY", "else follows split by_row only");
    return;
  }
  n->flags |= RB_EACH_BY_ROW;
  n->op2 = RB_DEFAULT_ROW_MODE;
  if (split->b) {
    bool found = false;
    for (int i = 0; i < RB_ROWS_COUNT; i++)
      if (strcmp(rb_row_weight_mode_names[i], split->b->text) == 0) n->op2 = (uint8_t)i, found = true;
    if (!found)
      ERR(split->b, "modes are table (the table's own sum), rescale (to the section's weight) and strict (an error)",
          "unknown row-weight mode '%s'", split->b->text);
  }
  if (split->c) {
    uint8_t else_policy = RB_DEFAULT_SPLIT;
    int32_t else_places = c->rounding.places;
    if (split_policy(c, split->c, false, &else_policy, &else_places)) {
      n->else_op = else_policy;
      n->else_places = (int8_t)else_places;
    }
  }
}

/* One member of the tree: a section (and its children), an item and its
** score, generated items (their table, where, score and split clause) or a
** check; parent_weight resolves percentage weights. */
static void check_member(rb_compiler *c, rb_ast *n, rb_num parent_weight) {
  switch ((rb_ast_kind)n->kind) {
  case RB_AST_SECTION: {
    rb_num w;
    if (weight_of(c, n, parent_weight, &w)) check_members(c, n->b, n, w);
    break;
  }
  case RB_AST_ITEM: {
    rb_num w;
    weight_of(c, n, parent_weight, &w);
    check_item_score(c, n->b);
    break;
  }
  case RB_AST_EACH: {
    rb_type t = check_expr(c, n->a);
    if (!is_lenient(t) && t != RB_TYPE_INDICATORS)
      ERR(n->a, "items are generated from the indicator table: input 指标: table = indicators",
          "each goes through the indicator table, not %s", rb_type_name(t));
    uint32_t mark = c->scope_count;
    /* Slots: the row, the iteration (2), the count, the weights, the index,
    ** the list of rows selected. */
    new_local(c, n, 7);
    n->type = RB_TYPE_ROW;
    scope_push(c, n->text, n);
    if (n->b) expect(c, n->b, check_expr(c, n->b), RB_TYPE_BOOL, "the where condition");
    check_item_score(c, n->c);
    c->scope_count = mark;
    check_split(c, n);
    break;
  }
  case RB_AST_CHECK: {
    expect(c, n->a, check_expr(c, n->a), RB_TYPE_BOOL, "a check's condition");
    if (n->b) {
      rb_type m = check_expr(c, n->b);
      expect(c, n->b, m, RB_TYPE_TEXT, "a check's message");
    }
    break;
  }
  case RB_AST_ERROR: break;
  default:
    ERR(n, NULL, "only section, item, each and check can appear inside a section");
    break;
  }
}

/* Two children of one section with the same name: a self score's path
** (["产出", "数量"]) could not say which it means, and a result would show
** two lines alike.  Sections and items share names; checks among checks
** (kept apart by a prefix byte no name starts with). */
static void check_sibling_names(rb_compiler *c, rb_ast *list) {
  rb_strmap seen = {0};
  for (rb_ast *n = list; n; n = n->next) {
    bool node = n->kind == RB_AST_SECTION || n->kind == RB_AST_ITEM;
    if ((!node && n->kind != RB_AST_CHECK) || !n->text) continue;
    const char *key = n->text;
    if (!node) {
      char *k = rb_arena_alloc(&c->arena, strlen(n->text) + 2);
      if (!k) break;
      k[0] = '\x01';
      strcpy(k + 1, n->text);
      key = k;
    }
    void *first_decl;
    if (!rb_strmap_put(&seen, key, n, &first_decl)) {
      ERR(n, NULL, "out of memory");
      break;
    }
    if (!first_decl) continue;
    rb_ast *m = first_decl;
    rb_ast *at = n->c ? n->c : n, *first = m->c ? m->c : m;
    int d = ERR(at, "give each item and section of a section its own name",
                "'%s' is declared twice in the same section", n->text);
    rb_diag_note(c->diags, d, first->file, first->start, first->end, "first declared here");
  }
  rb_strmap_free(&seen);
}

/* Check a section's children and that their weights add up to its weight. */
static void check_members(rb_compiler *c, rb_ast *list, rb_ast *parent, rb_num parent_weight) {
  check_sibling_names(c, list);
  rb_num sum = rb_num_int(0);
  bool have_weights = false, incomplete = false;
  rb_ast *each = NULL;
  int weighted = 0;
  for (rb_ast *n = list; n; n = n->next) {
    check_member(c, n, parent_weight);
    if (n->kind == RB_AST_ERROR) incomplete = true;
    if (n->kind == RB_AST_EACH) {
      if (each) ERR(n, NULL, "a section can generate its items only once");
      each = n;
    }
    if ((n->kind == RB_AST_SECTION || n->kind == RB_AST_ITEM) && n->a) {
      rb_num s;
      if (rb_num_add(c->nums, sum, n->weight, &s)) sum = s;
      have_weights = true;
      weighted++;
    }
  }
  if (each && weighted) {
    ERR(each, "put the generated items in a section of their own",
        "a section with generated items cannot also have items or sections of its own");
    return;
  }
  if (each || incomplete || !have_weights) return;
  if (rb_num_cmp(sum, parent_weight) != 0) {
    const char *what = parent ? "section" : "rubric";
    int d;
    if (parent)
      d = ERR(parent->a, "make the weights of the children add up to the section's weight",
              "the weights inside %s '%s' add up to %s, but its weight is %s", what, parent->text,
              fmt_num(c, sum), fmt_num(c, parent_weight));
    else
      d = ERR(c->total_node ? c->total_node : list, "make the top-level weights add up to the total",
              "the top-level weights add up to %s, but the total is %s", fmt_num(c, sum), fmt_num(c, parent_weight));
    for (rb_ast *n = list; n; n = n->next)
      if ((n->kind == RB_AST_SECTION || n->kind == RB_AST_ITEM) && n->a)
        rb_diag_note(c->diags, d, n->a->file, n->a->start, n->a->end, "'%s' weighs %s", n->text,
                     fmt_num(c, n->weight));
  }
}

/* ---- Header ------------------------------------------------------------- */

/* rounding PLACES [MODE] [at WHERE, …] into c->rounding. */
static void check_rounding(rb_compiler *c, rb_ast *n) {
  int64_t p;
  if (!rb_num_to_int64(n->a->num, &p) || p < -RB_MAX_PLACES || p > RB_MAX_PLACES)
    ERR(n->a, NULL, "places must be a whole number from -%d to %d", RB_MAX_PLACES, RB_MAX_PLACES);
  else
    c->rounding.places = (int8_t)p;
  if (n->b) {
    rb_round_mode m;
    if (rb_round_mode_from_name(n->b->text, strlen(n->b->text), &m)) c->rounding.mode = (uint8_t)m;
    else ERR(n->b, "modes are half_up (四舍五入), half_even, down, up, floor and ceil", "unknown rounding mode '%s'", n->b->text);
  }
  if (n->c) {
    c->rounding.where = 0;
    for (rb_ast *w = n->c; w; w = w->next) {
      if (strcmp(w->text, "item") == 0) c->rounding.where |= RB_ROUND_AT_ITEM;
      else if (strcmp(w->text, "section") == 0) c->rounding.where |= RB_ROUND_AT_SECTION;
      else if (strcmp(w->text, "total") == 0) c->rounding.where |= RB_ROUND_AT_TOTAL;
      else ERR(w, "rounding applies at item, section or total", "unknown rounding place '%s'", w->text);
    }
  }
}

static void check_grades(rb_compiler *c, rb_ast *n) {
  rb_ast *prev = NULL;
  for (rb_ast *g = n->a; g; g = g->next) {
    if (!g->a && g->next) ERR(g, "only the last grade has no minimum", "grade '%s' needs a minimum: %s >= N", g->text, g->text);
    if (g->a && prev && prev->a && rb_num_cmp(g->a->num, prev->a->num) >= 0)
      ERR(g->a, "list grades from the highest to the lowest", "grade '%s' starts at %s, not below '%s' at %s",
          g->text, fmt_num(c, g->a->num), prev->text, fmt_num(c, prev->a->num));
    prev = g;
  }
  if (prev && prev->a) ERR(prev, "end with a grade for everything else, as in 差", "the last grade needs no minimum");
  c->grades = n->a;
}

/* Whether a name appears in the text of a statement the parser skipped: an
** input used only there is not reported as unused — that would be a second
** message about the same mistake. */
static bool mentioned_in_errors(rb_compiler *c, const rb_ast *list, const char *name) {
  size_t len = strlen(name);
  for (const rb_ast *n = list; n; n = n->next) {
    if ((n->kind == RB_AST_ERROR || (n->flags & RB_NODE_BROKEN)) && n->file < c->diags->file_count) {
      const rb_source *src = &c->diags->files[n->file];
      uint32_t end = n->end > src->len ? (uint32_t)src->len : n->end;
      for (uint32_t i = n->start; i + len <= end; i++)
        if (memcmp(src->text + i, name, len) == 0) return true;
    }
    if (n->kind == RB_AST_SECTION && mentioned_in_errors(c, n->b, name)) return true;
  }
  return false;
}

/* The header lines (rubric, version, total, rounding, grades), each said at
** most once, read first: the rounding places are the default split places. */
static void check_header(rb_compiler *c) {
  /* The language's defaults (compiler/defaults.h), until the header says otherwise. */
  c->rounding.places = RB_DEFAULT_PLACES;
  c->rounding.mode = RB_DEFAULT_ROUND_MODE;
  c->rounding.where = RB_DEFAULT_ROUND_WHERE;
  c->total = rb_num_int(RB_DEFAULT_TOTAL);
  rb_ast *seen_title = NULL, *seen_version = NULL, *seen_total = NULL, *seen_rounding = NULL, *seen_grades = NULL;
  for (rb_ast *n = c->statements; n; n = n->next) {
    rb_ast **seen = NULL;
    switch ((rb_ast_kind)n->kind) {
    case RB_AST_TITLE: seen = &seen_title; c->title = n->text; break;
    case RB_AST_VERSION: seen = &seen_version; c->version = n->text; break;
    case RB_AST_TOTAL:
      seen = &seen_total;
      c->total = n->a->num;
      c->total_node = n->a;
      if (rb_num_sign(c->total) <= 0) ERR(n->a, NULL, "the total must be more than 0");
      break;
    case RB_AST_ROUNDING: seen = &seen_rounding; check_rounding(c, n); break;
    case RB_AST_GRADES: seen = &seen_grades; check_grades(c, n); break;
    default: break;
    }
    if (seen) {
      if (*seen) {
        int d = ERR(n, NULL, "the rubric says this twice");
        rb_diag_note(c->diags, d, (*seen)->file, (*seen)->start, (*seen)->end, "first said here");
      }
      *seen = n;
    }
  }
  if (!seen_title) c->title = "";
  if (!seen_version) c->version = "";
}

/* The declarations, in order (a constant or function sees only what was
** declared above it); the tree's members are collected in a shadow list and
** returned, to be checked once every declaration is known. */
static rb_ast *check_declarations(rb_compiler *c) {
  rb_ast *members = NULL, **tail = &members;
  for (rb_ast *n = c->statements; n; n = n->next) {
    if (n->flags & RB_NODE_BROKEN) {
      /* Already reported as a syntax error: the name exists, with a type
      ** that accepts anything, so its uses raise nothing more. */
      n->type = RB_TYPE_ERROR;
      n->used = true;
      declare_global(c, n->text, n);
      continue;
    }
    switch ((rb_ast_kind)n->kind) {
    case RB_AST_INPUT: check_input(c, n); break;
    case RB_AST_CONST: {
      c->in_const = true;
      n->type = (uint8_t)check_expr(c, n->a);
      c->in_const = false;
      declare_global(c, n->text, n);
      break;
    }
    case RB_AST_FN: check_fn(c, n); break;
    case RB_AST_NATIVE: check_native(c, n); break;
    case RB_AST_SECTION:
    case RB_AST_ITEM:
    case RB_AST_EACH:
    case RB_AST_CHECK:
    case RB_AST_ERROR: {
      rb_ast *copy = rb_arena_alloc(&c->arena, sizeof *copy);
      if (!copy) break;
      *copy = *n;
      copy->next = NULL;
      copy->decl = n->decl; /* EACH keeps its split clause here */
      *tail = copy;
      tail = &copy->next;
      break;
    }
    default: break;
    }
  }
  return members;
}

/* Pass 2 over a parsed rubric (compiler.h): the header, the declarations,
** then the scoring tree; c->statements becomes the tree's members for code
** generation.  Returns the number of errors found. */
int rb_check(rb_compiler *c) {
  const rb_ast *all = c->statements;
  int errors_before = c->diags->errors;
  check_header(c);
  rb_ast *members = check_declarations(c);
  c->next_slot = c->max_slot = 0;
  /* Items are generated inside a section only: a top-level each is an error,
  ** checked for its names (so nothing else cascades from it) and left out of
  ** the tree. */
  for (rb_ast **link = &members; *link;) {
    rb_ast *n = *link;
    if (n->kind != RB_AST_EACH) {
      link = &n->next;
      continue;
    }
    ERR(n, "put generated items inside a section: section 产出 40 { each … }",
        "items can only be generated inside a section");
    check_member(c, n, c->total);
    *link = n->next;
  }
  check_members(c, members, NULL, c->total);
  c->main_locals = c->max_slot;
  c->statements = members;
  for (uint32_t i = 0; i < c->input_count; i++) {
    rb_ast *in = c->inputs[i];
    if (!in->used && !mentioned_in_errors(c, all, in->text))
      WARN(in, "remove it, or use it in a score or a check", "input '%s' is never used", in->text);
  }
  return c->diags->errors - errors_before;
}
