/*
** coverage.h — what the tests of `rubric test --coverage` reached (coverage.c).
**
** The points are an author's questions of a rubric: was each item scored,
** each `each` given a row, each branch of an `if` taken, each arm of a step
** table chosen, each tier of qualitative() reached?  They are found in the
** checked tree of every file a tested program is made of, and measured by
** compiling the program a second time with a recording call at each point
** (coverage.c says how); the tests' expectations are always checked against
** the program compiled as usual.
*/
#ifndef RUBRIC_COVERAGE_H
#define RUBRIC_COVERAGE_H

#include <stdbool.h>
#include <stdio.h>

#include "base/messages.h"
#include "compiler/compiler.h"
#include "vm/result.h"

typedef struct rb_coverage rb_coverage;

/* A coverage whose report (the headings and sentences of the text report,
** the description of each point in both reports) is in lang; file names,
** names of the rubric and the kinds of points in JSON stay as written. */
rb_coverage *rb_coverage_new(rb_lang lang);
void rb_coverage_free(rb_coverage *cov);

/* The compile hook's part: register the points of the checked tree (once
** per file and place, however many programs include the file) and rewrite
** the tree so that running it records each point it reaches. */
void rb_coverage_instrument(rb_coverage *cov, rb_compiler *c);

/* After a run of an instrumented program (failed or not): mark the points
** the run reached — from its recording findings, which are then removed
** from the result, and from the items its tree holds. */
void rb_coverage_record(rb_coverage *cov, rb_result *res);

/* The report: per file, points reached of all, and each point no test
** reached with its line, column and what it is. */
void rb_coverage_write_text(const rb_coverage *cov, FILE *out);
void rb_coverage_write_json(const rb_coverage *cov, FILE *out);

/* How many files reached less than min_percent of their points; each is
** said on out ("coverage of FILE is P%, below the floor of M%"). */
unsigned rb_coverage_below(const rb_coverage *cov, double min_percent, FILE *out);

#endif /* RUBRIC_COVERAGE_H */
