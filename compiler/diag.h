/*
** diag.h — diagnostics: every problem the compiler finds in a rubric.
**
** A diagnostic has a severity, a span of a source file, a message and an
** optional hint.  The compiler collects them all (it keeps going after an
** error so one run reports everything) and prints them at the end, sorted by
** place, like clang and jq:
**
**   rules/x.rubric:12:5: error: unknown name '可行行论证'
**      12 |   item 可行性研究 6 = if 可行行论证 then 6 else 0
**         |                          ^~~~~~~~~~
**   hint: did you mean '可行性论证'?
**
** Columns count characters, not bytes, and the caret line accounts for
** double-width Chinese characters so it sits under the right text.
*/
#ifndef RUBRIC_DIAG_H
#define RUBRIC_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "base/messages.h"

typedef enum rb_severity { RB_SEV_ERROR, RB_SEV_WARNING, RB_SEV_NOTE } rb_severity;

/* A source file known to the compiler: its name as given and its text. */
typedef struct rb_source {
  char *name;
  char *text;
  size_t len;
  uint32_t *line_starts; /* byte offset of each line's start, for positions */
  uint32_t line_count;
} rb_source;

typedef struct rb_diag {
  rb_severity severity;
  uint16_t file;
  uint32_t start, end;
  char *message;
  char *hint;        /* NULL if none */
  uint32_t seq;      /* order of reporting, to keep notes after their error */
  int32_t parent;    /* index of the diagnostic a note belongs to, or -1 */
} rb_diag;

typedef struct rb_diags {
  rb_source *files;
  size_t file_count, file_cap;
  rb_diag *items;
  size_t count, cap;
  int errors, warnings;
  rb_lang lang; /* of messages, hints and labels: English unless set (rb_diags_init) */
} rb_diags;

void rb_diags_init(rb_diags *d);
void rb_diags_free(rb_diags *d);

/* Register a source file (the text is copied); returns its index, or -1 when
** out of memory. */
int rb_diags_add_file(rb_diags *d, const char *name, const char *text, size_t len);

/* Add a diagnostic; returns its index (for notes) or -1.  The message is a
** printf format written in English, the hint a plain text written in English
** (or NULL); both are written in d->lang (base/messages_en.h gives their
** Chinese).  A text made elsewhere and passed as "%s" must be in d->lang
** already. */
int rb_diag_add(rb_diags *d, rb_severity sev, uint16_t file, uint32_t start, uint32_t end, const char *hint,
            const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/* Add a note attached to diagnostic `parent` (its format as rb_diag_add's). */
void rb_diag_note(rb_diags *d, int parent, uint16_t file, uint32_t start, uint32_t end, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* 1-based line and column (in characters) of a byte offset. */
void rb_source_position(const rb_source *src, uint32_t offset, uint32_t *line, uint32_t *column);
/* A position remembered by rb_source_position_near. */
typedef struct rb_source_cursor {
  const rb_source *src;
  uint32_t offset, line, column;
} rb_source_cursor;
/* The same, counting on from *cur when offset lies further along the
** line it is on, and moving *cur there: positions asked for in order along
** one long line (the code generator's, one an instruction) then cost the
** characters between them, not the line from its start each time. */
void rb_source_position_near(const rb_source *src, uint32_t offset, rb_source_cursor *cur, uint32_t *line,
                             uint32_t *column);

/* Print one diagnostic (with its source line and caret underline). */
void rb_diag_print_one(const rb_diags *d, const rb_diag *g, FILE *out, bool color);
/* Print all diagnostics sorted by file and position, notes after their
** parent, then nothing else. */
void rb_diags_print(const rb_diags *d, FILE *out, bool color);

#endif /* RUBRIC_DIAG_H */
