/*
** html.h — results as one self-contained HTML page (`--format html`).
**
** A page is rb_html_begin, then one section per report (rb_html_report), or
** for a batch the charts of the whole batch (rb_html_batch) and a short
** section per report, then rb_html_end.  Everything is inline: one <style>,
** charts drawn as SVG by this file, explanations in <details> — no script, no
** font or image from anywhere, so the page reads the same offline and
** printed.  Labels come from the message catalogue (messages.h); names,
** targets and messages a rubric or report wrote are written as they are,
** escaped.
*/
#ifndef RUBRIC_HTML_H
#define RUBRIC_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/messages.h"
#include "vm/result.h"

/* The page head: the document's title (escaped) and the style. */
void rb_html_begin(FILE *out, rb_lang lang, const char *title);
/* The end of the page. */
void rb_html_end(FILE *out);

/* One report's section, with the anchor id="r<index>": the score tree as a
** 评分表 with the recomputed column, bars of self vs recomputed per top
** section, the waterfall from the self total to the recomputed total, each
** item's explanation in <details>, the findings and checks.  compact (for
** batches) keeps the table to the top sections and the findings to three,
** without charts. */
void rb_html_report(FILE *out, rb_lang lang, const rb_result *r, unsigned long index, bool compact);

/* A report of a batch that could not be scored: its section says why. */
void rb_html_failed(FILE *out, rb_lang lang, const char *id, const char *message, unsigned long index);

/* What the batch page needs of each report. */
typedef struct rb_html_row {
  const char *id;          /* never NULL */
  bool failed, challenged;
  bool has_delta;
  double delta;            /* total − self total, for the histogram */
  const char *delta_text;  /* the same as printed ("+1.50") */
  const char *total;
  const char *grade, *self_grade; /* "" when none */
} rb_html_row;

/* The batch's overview: counts, the histogram of differences, grades
** before and after, and the most challenged reports linking to their
** sections (rows[i] is the section id="r<i>"). */
void rb_html_batch(FILE *out, rb_lang lang, const char *rubric, const rb_html_row *rows, size_t count);

#endif /* RUBRIC_HTML_H */
