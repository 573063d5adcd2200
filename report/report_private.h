/*
** report_private.h — what the report readers share, not part of the API.
**
** report.c, report_json.c and report_csv.c read the same things the same
** way: a number written as text ("165.52", "1,655,200.00"), a target or an
** actual through the notation scanner, a line and column for a byte offset.
** Those pieces live in report.c and are declared here; nothing outside
** report/ includes this header.
*/
#ifndef RUBRIC_REPORT_PRIVATE_H
#define RUBRIC_REPORT_PRIVATE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

/* Longest number literal a report may write, in characters.  Far beyond any
** real figure; it bounds the work a hostile file can ask for. */
#define RB_REPORT_NUMBER_MAX_LEN 200
/* Largest exponent magnitude accepted in a literal such as 1.5e3. */
#define RB_REPORT_EXPONENT_MAX 100

/* The outcome of reading a number from text. */
typedef enum rb_report_numtext {
  RB_NUMTEXT_OK,
  RB_NUMTEXT_BAD,   /* not a decimal number */
  RB_NUMTEXT_RANGE, /* a number, but too long or its exponent too large */
  RB_NUMTEXT_NOMEM
} rb_report_numtext;

/* Read a decimal number from len bytes of text into *out.  Strict form (a
** JSON literal): optional '-', digits, optional '.' and digits, optional
** exponent — JSON's grammar exactly, so that a JSON literal needs no other
** check (a text outside it is never RB_NUMTEXT_OK).  Loose form (a number written as text in a JSON string or a CSV
** cell) also allows surrounding spaces (ASCII, U+3000, U+00A0), a leading
** '+', a leading '.' ("0.5" written ".5"), and ',' thousands separators when
** every group after the first has exactly three digits ("1,655,200.00"; a
** misplaced comma such as "165,52" is not a number). */
rb_report_numtext rb_report_parse_number(rb_numctx *nums, const char *text, size_t len, bool loose,
                                         rb_num *out);

/* Whether len bytes of text are blank: only ASCII spaces, U+3000 and U+00A0. */
bool rb_report_is_blank(const char *text, size_t len);
/* Narrow [*text, *text + *len) to drop surrounding blanks as above. */
void rb_report_trim(const char **text, size_t *len);

/* Read a target or an actual: keep the text and fill the measure through
** the notation scanner, with the report's year for dates written without
** one; when it succeeds every field of *out is set.  False only when out of
** memory. */
/* Free the JSON parser a report keeps between reads (report_json.c). */
void rb_report_json_release(rb_report *r);

bool rb_report_read_measure(rb_report *r, const char *text, size_t len, rb_measure *out);
/* The same for a text NUL-terminated at text[len] in the report's arena
** (rb_notation_read_kept: the measure's text may be that text). */
bool rb_report_read_kept_measure(rb_report *r, const char *text, size_t len, rb_measure *out);
/* The measure of an actual the report does not give: TEXT with text "". */
void rb_report_no_measure(rb_measure *out);

/* The 1-based line and column of byte `offset` in text.  Lines end at
** "\n", "\r\n" or a lone "\r"; columns count characters (UTF-8 code points),
** not bytes, so they match what an editor shows for Chinese text. */
void rb_report_line_col(const char *text, size_t len, size_t offset, int *line, int *column);

/* Write a message into err like vsnprintf; a message too long for the
** buffer is cut at a character boundary. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
void rb_report_verrorf(rb_report_error *err, const char *fmt, va_list ap);
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void rb_report_errorf(rb_report_error *err, const char *fmt, ...);

/* Copy at most `max` bytes of text into buf (NUL-terminated), cut at a
** character boundary, with "…" appended when cut: for quoting a user's
** text in a message. */
void rb_report_quote(const char *text, size_t len, size_t max, char *buf, size_t size);

/* Empty the report and keep its memory (rb_report_clear), then record the
** source for messages.  False when out of memory. */
bool rb_report_begin(rb_report *r, const char *source, int line);

/* Add a note (report.h) with a copy of path and the message formatted from
** fmt (written in Chinese; in English, its translation from
** base/messages_zh.h, when the report's language is English), both in the
** report's arena; control characters in the message (a
** line break inside a quoted header) become spaces, so it stays one line.
** False when out of memory. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
bool rb_report_add_note(rb_report *r, rb_report_note_kind kind, const char *path, const char *fmt, ...);

/* Set every field a reader fills back to "nothing read yet", keeping the
** source, the line and the notes made so far (a CONVERTED note): the JSON
** reader does this when its fast path leaves a report to the tree walk.
** What the arena and the number context hold stays until the next report. */
void rb_report_forget_read(rb_report *r);

/* Read a report in format v1 from its decoded text (first_bad as in
** rb_decoded) straight from yajl's events, with no tree (report_events.c).
** True when the report is read, exactly as report_json.c's tree walk would
** read it; false at anything that walk would refuse or note, and at what
** this reader leaves to it: the caller then calls rb_report_forget_read and
** reads the text by the tree, which says what is wrong. */
bool rb_report_read_events(rb_report *r, const char *text, size_t len, size_t first_bad);

/* How rb_report_decode says to read a report's text. */
typedef enum rb_report_text {
  RB_TEXT_UTF8,      /* read text as it is */
  RB_TEXT_CONVERTED, /* read the converted text; free owned afterwards */
  RB_TEXT_NOT_TEXT,  /* neither UTF-8 nor GB18030 */
  RB_TEXT_NO_ICONV,  /* not UTF-8, and GB18030 cannot be converted here */
  RB_TEXT_NOMEM
} rb_report_text;

/* The text to read, and what is known of it. */
typedef struct rb_decoded {
  const char *text; /* UTF-8, after any byte order mark */
  size_t len;
  size_t first_bad; /* rb_utf8_first_bad(text, len) (utf8_check.h), for the JSON parser */
  size_t bad;       /* NOT_TEXT, NO_ICONV: the offset in text of the first byte that is not UTF-8 */
  char *owned;      /* the converted text, to free after reading; NULL if none */
} rb_decoded;

/* Decide how to read len bytes of report text.  A leading UTF-8 byte
** order mark is dropped first; out->text is always set, to the text after
** it.  Valid UTF-8 (NULs allowed: each reader refuses them with its own
** message) is read as it is.  Otherwise the whole text is converted from
** GB18030 (base/text_encoding.h): on success out->text is the UTF-8 text
** (after a byte order mark of its own), out->owned the buffer to free after
** reading, and a CONVERTED note is added (path: the file, with the line for
** JSON Lines); on failure out->bad is where the text stops being UTF-8, and
** the reader refuses the text with one message.  The pre-scan that decides
** this is the JSON parser's own, so its answer is passed on, not redone.
** Call after rb_report_begin. */
rb_report_text rb_report_decode(rb_report *r, const char *text, size_t len, rb_decoded *out);

#endif /* RUBRIC_REPORT_PRIVATE_H */
