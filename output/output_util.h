/*
** output_util.h — what the three result writers (json.c, text.c,
** markdown.c) share: JSON string escaping and turning exact numbers into
** text.  (Display widths of Chinese text are base/utf8.h's.)
**
** Private to output/: the library's users see only the writers declared in
** vm/result.h.
*/
#ifndef RUBRIC_OUTPUT_UTIL_H
#define RUBRIC_OUTPUT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/num.h"
#include "vm/result.h"

/* Write `count` spaces. */
void rb_out_spaces(FILE *out, size_t count);

/* ---- JSON --------------------------------------------------------------- */

/* Write s as a JSON string literal with its quotes: '"' and '\' escaped,
** every control character below U+0020 as \u00XX, other UTF-8 passed
** through, and a malformed byte replaced by \ufffd so that the output is
** always valid JSON.  NULL is written as null. */
void rb_out_json_string(FILE *out, const char *s);

/* ---- Numbers ------------------------------------------------------------ */

/* How a number becomes text:
**   FIXED     exactly `places` digits after the point, half up ("3.64",
**             "100.00", never "-0.00"): how scores print.
**   EXACT     the exact value in shortest decimal form ("20", "3.64",
**             "22.5"); a value with no finite decimal expansion (40/3) is
**             rounded half up to 6 places with trailing zeros removed
**             ("13.333333"): how weights and self scores print in JSON.
**   AT_LEAST  FIXED when the value has at most `places` decimals, else the
**             exact value (or 6 places when it has no finite expansion): a
**             self score of 3.645 must not read as 3.65 next to 3.64.
** The SIGNED variants add '+' before a positive value (a value whose text is
** all zeros gets no sign): deltas in the human formats ("+0.25", "-1.50",
** "0.00"). */
typedef enum rb_out_num_style {
  RB_OUT_FIXED,
  RB_OUT_EXACT,
  RB_OUT_AT_LEAST,
  RB_OUT_SIGNED_FIXED,
  RB_OUT_SIGNED_AT_LEAST
} rb_out_num_style;

/* Places used for values with no finite decimal expansion. */
enum { RB_OUT_EXACT_PLACES = 6 };

/* The text of a number in the given style, allocated in `scratch` (any
** length: a huge value is never cut short).  Returns "?" if out of memory. */
const char *rb_out_num(rb_arena *scratch, rb_num a, rb_out_num_style style, int places);

/* The places scores print with: the rubric's rounding places (negative
** places print as 0), or 2 when there is no program. */
int rb_out_places(const rb_result *r);

/* Join the finding's path with " › " into `scratch` ("" for an empty path);
** the last name is left out when the message opens with it. */
const char *rb_out_path(rb_arena *scratch, const rb_finding *f);

#endif /* RUBRIC_OUTPUT_UTIL_H */
