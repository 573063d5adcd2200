/*
** report_simd.h — read a report in format v1 with simdjson's On-Demand
** parser (report_simd.cpp, C++ behind a C interface).
**
** The first of the three JSON readers rb_report_read_json tries: it reads
** what report_events.c reads, by the same rules and the same C functions,
** and like it writes no message.  At any fault, and at anything it does not
** read itself, it gives up; the caller forgets what it filled in
** (rb_report_forget_read) and reads the text as before: yajl's events,
** then the tree walk, which says what is wrong.
*/
#ifndef RUBRIC_REPORT_SIMD_H
#define RUBRIC_REPORT_SIMD_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes simdjson reads past the end of its input (SIMDJSON_PADDING; the
** C++ unit checks that they agree).  A caller whose buffer holds this many
** readable bytes after the text saves the reader a copy of it. */
#define RB_REPORT_JSON_PADDING 64

/* Read a report from len bytes of text (UTF-8 after any byte order mark)
** of which `room` bytes are readable (room >= len; with room >= len +
** RB_REPORT_JSON_PADDING the text is read where it is, otherwise it is
** copied into the report's arena with the padding).  True when the report
** is read exactly as report_events.c and the tree walk would read it;
** false at anything either would refuse or note, and at what this reader
** leaves to them.  The text is valid UTF-8 with no form feed or vertical
** tab when this returns true (simdjson checks the whole input), so the
** pre-scan (utf8_check.h) is not needed then.  Never throws. */
bool rb_report_read_simd(rb_report *r, const char *text, size_t len, size_t room);

/* Free the simdjson parser a report keeps between reads (one per report,
** so one per batch worker). */
void rb_report_simd_release(rb_report *r);

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_REPORT_SIMD_H */
