/*
** compiler.h — the compiler's internal state, shared by its passes.
**
** Compiling a rubric is four passes over one AST:
**   1. parse   (grammar/, ast.c)   the main file and, recursively, its imports;
**   2. check   (check.c)           names, types, units, weights, step tables,
**                                  unused inputs — every problem reported, none
**                                  cascading (a node whose type is ERROR has
**                                  already been reported and is accepted
**                                  silently from then on);
**   3. codegen (codegen.c)         bytecode into an rb_program;
**   4. verify  (vm/rbc.c)          the same verifier that guards .rbc files.
** Codegen runs only when check found no error.
*/
#ifndef RUBRIC_COMPILER_H
#define RUBRIC_COMPILER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/strmap.h"
#include "compiler/ast.h"
#include "compiler/diag.h"
#include "base/arena.h"
#include "base/num.h"
#include "vm/program.h"

/* A name visible in the current scope. */
typedef struct rb_binding {
  const char *name;
  rb_ast *decl;
} rb_binding;

typedef struct rb_compiler {
  rb_arena arena;
  rb_numctx *nums;
  rb_diags *diags;

  rb_ast *statements; /* every file's statements, imports first */

  /* Header, as checked. */
  const char *title;
  const char *version;
  rb_num total;
  rb_ast *total_node;
  rb_rounding rounding;
  rb_ast *grades;

  /* Global declarations by kind, in order.  inputs[i] is INPUT slot i;
  ** fns[i] is program function i + 1. */
  rb_ast **inputs;
  uint32_t input_count, input_cap;
  rb_ast **fns;
  uint32_t fn_count, fn_cap;
  rb_ast **natives;   /* natives[i] is program native i */
  uint32_t native_count, native_cap;
  rb_binding *globals; /* in order, for "did you mean" */
  uint32_t global_count, global_cap;
  rb_strmap global_index; /* name → declaration, for lookups */

  /* Lexical scope while checking: a stack of local bindings, and the slot
  ** counter of the function being checked. */
  rb_binding *scope;
  uint32_t scope_count, scope_cap;
  uint32_t next_slot;
  uint32_t max_slot;
  int in_item;     /* inside an item's score: weight and self are allowed */
  bool in_const;   /* checking a constant: no inputs, no locals */
  rb_ast *current_fn;
  uint32_t main_locals; /* slots used by the main program */
} rb_compiler;

/* Pass 2: check the whole rubric.  Returns the number of errors found. */
int rb_check(rb_compiler *c);

/* Pass 3: emit the program.  Only called when rb_check found no error.
** Returns NULL (with a diagnostic) if a limit of the encoding is exceeded. */
rb_program *rb_codegen(rb_compiler *c);

#endif /* RUBRIC_COMPILER_H */
