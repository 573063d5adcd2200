/*
** compile.h — the compiler's entry points: a .rubric file (with its imports)
** to a verified rb_program.
*/
#ifndef RUBRIC_COMPILE_H
#define RUBRIC_COMPILE_H

#include <stddef.h>

#include "compiler/diag.h"
#include "vm/program.h"

/* Compile the file at path.  Every diagnostic (errors and warnings, from all
** imported files too) is added to diags, which must be initialised; the
** caller prints them.  Returns the program, or NULL if there was any error. */
rb_program *rb_compile_file(const char *path, rb_diags *diags);

/* Compile source text held in memory; `name` is used in diagnostics and to
** resolve imports relative to it. */
rb_program *rb_compile_text(const char *name, const char *text, size_t len, rb_diags *diags);

#endif /* RUBRIC_COMPILE_H */
