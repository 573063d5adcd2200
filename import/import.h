/*
** import.h — published reports as they come, turned into report format v1.
**
** Departments publish their self-evaluations as PDF files.  What reaches an
** evaluator is that PDF, or the text a PDF extractor made of it: cells split
** over several lines, columns separated by tabs or by runs of spaces, numbers
** damaged by OCR ("3, 63", "3. 64"), headers repeated on every page.  The
** importer reads such a text, finds the indicator table (一级指标 › 二级指标 ›
** 三级指标 with 指标值, 实际完成值, 分值, 得分), the budget figures, the self
** scores and the stated total, and writes report format v1 JSON text that the
** JSON reader (report/report_json.c) reads like any hand-made report.
**
** It never guesses in silence.  Every figure it had to repair, every piece of
** text it could place in no column, every row it could not complete and every
** figure it read from a sentence rather than a table is a note, kept in the
** JSON (the "imported" member, docs/import.md) and handed to the caller one
** per line for standard error.  Each indicator says where it came from: the
** file, the page when known and the lines it was assembled from.
**
** This layer depends on base/ only: it produces text, and the report layer
** reads that text.  Nothing here converts a number to binary floating point;
** figures are decimal text from start to end.
*/
#ifndef RUBRIC_IMPORT_H
#define RUBRIC_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/messages.h"

/* The kinds of note an import makes (docs/import.md lists each message). */
#define RB_IMPORT_NOTE_KINDS(X)                                                                                 \
  X(REPAIRED, "repaired")     /* a number damaged by extraction, read as the number it must have been        */ \
  X(SPLIT, "split")           /* two table rows run together on one line, separated                          */ \
  X(UNPLACED, "unplaced")     /* text inside the table that belongs to no column, not read                   */ \
  X(NOT_NUMBER, "not_number") /* a 分值 or 得分 cell that is not a number, not read as one                     */ \
  X(INCOMPLETE, "incomplete") /* a row that cannot be completed (no name, no target …): not an indicator      */ \
  X(SKIPPED, "skipped")       /* a placeholder row ("-") that holds figures all the same                      */ \
  X(FROM_TEXT, "from_text")   /* a figure read from a sentence of the report, not from a table                */ \
  X(JUDGED, "judged")         /* a row with a score but no target or actual, kept as a self score            */ \
  X(LAYOUT, "layout")         /* what the importer could not find at all (no indicator table …)              */

typedef enum rb_import_note_kind {
#define X(name, text) RB_IMPORT_##name,
  RB_IMPORT_NOTE_KINDS(X)
#undef X
  RB_IMPORT_NOTE_KIND_COUNT
} rb_import_note_kind;

/* The JSON name of a note kind ("repaired"). */
const char *rb_import_note_kind_name(rb_import_note_kind kind);

/* One note: where (a line of the input, 0 when it concerns the whole file)
** and what, in Chinese for the finance officer who reads the result. */
typedef struct rb_import_note {
  rb_import_note_kind kind;
  int line;
  char *message;
  char *where; /* in a result: "file:line", "file:SHEET:ROW" (Excel), "file:table N:ROW" (Word), or the file */
} rb_import_note;

/* What an import produced.  json is report format v1 text (UTF-8, one JSON
** object, ending in a newline); notes are the same notes the JSON holds, in
** the order made.  Free with rb_import_result_free. */
typedef struct rb_import_result {
  char *json;
  size_t json_len;
  rb_import_note *notes;
  size_t note_count;
  const char *layout; /* "tabs", "layout", "flow" or "none": how the table was laid out; "json" */
  size_t indicator_count;
} rb_import_result;

void rb_import_result_free(rb_import_result *res);

/* Import text extracted from a PDF (len bytes, UTF-8 or GBK, NULs refused).
** source names the input in notes and provenance ("seeds/004.txt"); id is the
** report id to write (the file name without directory and extension).  On
** failure returns false with a message in err (err_size bytes): only text
** that is not text, or memory.  A text in which no table is found still
** imports: to a report with what the prose gives, and a LAYOUT note. */
bool rb_import_text(const char *text, size_t len, const char *source, const char *id, rb_import_result *out,
                    char *err, size_t err_size);

/* Whether a file is one the importer reads, by its name: a .pdf, a .txt, an
** .xlsx, a .docx, or an .xls (refused with a message saying to save it as
** .xlsx), in any case.  A .txt is any text; the importer decides what it
** holds. */
bool rb_import_handles(const char *path);

/* Import a file: a .txt as rb_import_text, a .pdf through `pdftotext -layout`
** (poppler-utils), run without a shell; an .xlsx or .docx as its tables' rows
** (office.c), each indicator's source naming its sheet or table and row.  The id is the file name without its
** directory and extension.  A .txt whose text begins with "{" holds report
** JSON, not an extract: its text is handed back as it is (layout "json"),
** for the JSON reader to read or refuse.  On failure returns false with a message in err:
** the file cannot be read, pdftotext is not installed or fails, the text is
** not text. */
bool rb_import_file(const char *path, rb_import_result *out, char *err, size_t err_size);

/* The languages of an import: of its notes (the data the JSON keeps: rubric
** import writes them in Chinese, run and batch in the result's language) and
** of the message in err when it fails (a diagnostic, as --lang asks). */
typedef struct rb_import_langs {
  rb_lang notes;
  rb_lang errors;
} rb_import_langs;

/* rb_import_text and rb_import_file in langs (the two above write their notes
** in Chinese and their errors in English). */
bool rb_import_text_lang(const char *text, size_t len, const char *source, const char *id, rb_import_langs langs,
                         rb_import_result *out, char *err, size_t err_size);
bool rb_import_file_lang(const char *path, rb_import_langs langs, rb_import_result *out, char *err, size_t err_size);

#endif /* RUBRIC_IMPORT_H */
