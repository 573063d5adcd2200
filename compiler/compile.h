/*
** compile.h — the compiler's entry points: a .rubric file (with its imports)
** to a verified rb_program.
*/
#ifndef RUBRIC_COMPILE_H
#define RUBRIC_COMPILE_H

#include <stddef.h>

#include "compiler/ast.h"
#include "compiler/diag.h"
#include "vm/program.h"

/* Compile the file at path.  Every diagnostic (errors and warnings, from all
** imported files too) is added to diags, which must be initialised; the
** caller prints them.  Returns the program, or NULL if there was any error. */
rb_program *rb_compile_file(const char *path, rb_diags *diags);

/* Compile source text held in memory; `name` is used in diagnostics and to
** resolve imports relative to it. */
rb_program *rb_compile_text(const char *name, const char *text, size_t len, rb_diags *diags);

/* What a tool for rubric authors (author/: the test runner, coverage, the
** language server) does with a rubric while it compiles.  after_check is
** called once the checker is done — after errors too — with the compiler
** (its checked tree in c->statements: the scoring tree's members) and
** every statement as parsed, imports first (tests, declarations).  It may
** read the tree, copy what it needs (the tree is freed when the compile
** ends) and rewrite expressions of the checked tree before code is
** generated from it. */
struct rb_compiler;
typedef struct rb_compile_hook {
  void (*after_check)(void *userdata, struct rb_compiler *c, rb_ast *parsed);
  void *userdata;
} rb_compile_hook;

/* rb_compile_file (path set, name NULL) or rb_compile_text (path NULL),
** with the hook called after checking. */
rb_program *rb_compile_hooked(const char *name, const char *text, size_t len, const char *path, rb_diags *diags,
                              const rb_compile_hook *hook);

#endif /* RUBRIC_COMPILE_H */
