/*
** author.h — tools for the people who write rubrics: the test runner with
** its coverage (test.c, coverage.c), the formatter (fmt.c, diff.c) and the
** language server (lsp.c).
**
** This layer sits above the compiler and the output writers and below the
** public interface (api/), which is how the `rubric` command reaches it:
**
**   base ← report ← vm ← compiler/grammar ← output ← author ← api ← cli
**
** Tests are statements of the rubric language (`test NAME { … }`, parsed by
** grammar/rubric.y into TEST and EXPECT nodes, skipped by the checker and
** the code generator); the runner collects them from the file it compiles
** through a compile hook (compiler/compile.h), since the tree is freed when
** the compile ends.
*/
#ifndef RUBRIC_AUTHOR_H
#define RUBRIC_AUTHOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "compiler/diag.h"

/* ---- rubric test -------------------------------------------------------- */

typedef struct rb_test_options {
  FILE *out;              /* failures, the coverage report and the summary */
  FILE *diagnostics;      /* diagnostics of rubrics that do not compile */
  bool color;             /* of the diagnostics */
  bool verbose;           /* a line for each test that passed too */
  bool coverage;          /* measure what the tests reached (coverage.c) */
  bool coverage_text;     /* print the coverage report to out */
  FILE *coverage_json;    /* and/or as JSON there (NULL: not) */
  double min_coverage;    /* percent; a rubric below it fails the run (0: none) */
  rb_lang lang;           /* of the diagnostics and the failures (set it: 0 is Chinese) */
} rb_test_options;

typedef struct rb_test_counts {
  unsigned passed, failed; /* tests */
  unsigned files;          /* files with tests */
  unsigned below_floor;    /* rubrics under min_coverage */
} rb_test_counts;

/* Run the tests of every rubric in paths (a file, or a folder searched for
** *.rubric, recursively and in name order).  A test's report path is
** relative to its file.  Prints one line per failing expectation (file:line,
** expected and actual), the coverage report when asked, and last the line
** "N passed, N failed".  Returns 0 when it ran (the counts say how), or
** else 4 after "rubric test: cannot read PATH: REASON" on diagnostics (a
** path that cannot be read) — the CLI's exit statuses. */
int rb_test_run(const char *const *paths, size_t count, const rb_test_options *o, rb_test_counts *counts);

/* ---- rubric fmt --------------------------------------------------------- */

/* The canonical layout of a rubric's text (fmt.c).  Returns 0 and a
** malloc'd, NUL-terminated *out (the caller frees it), or 1 when the text
** has syntax errors (each added to diags, which holds the text as file 0)
** and nothing is made, or 4 when out of memory. */
int rb_fmt(const char *name, const char *text, size_t len, rb_diags *diags, char **out, size_t *out_len);

/* A unified diff of two texts, named a and b in its header (diff.c): what
** `rubric fmt --check` shows.  Writes nothing when they are equal. */
void rb_diff_write(FILE *out, const char *name_a, const char *a, size_t a_len, const char *name_b, const char *b,
                   size_t b_len);

/* ---- rubric lsp --------------------------------------------------------- */

/* Serve the Language Server Protocol on in/out until the client says exit
** or closes in (lsp.c).  Returns the exit status the protocol asks for: 0
** after shutdown then exit, 1 otherwise. */
int rb_lsp_serve(FILE *in, FILE *out, FILE *log);

#endif /* RUBRIC_AUTHOR_H */
