/*
** rubric.h — the public interface of the rubric library.
**
** rubric compiles scoring rules for Chinese budget performance evaluation
** (预算绩效评价) written in the rubric language to bytecode, and runs them
** on report data to recompute — and challenge — a self-assigned score.
**
** The whole lifecycle, in a complete host program (tests/api builds this
** very text out of this comment and runs it from the project root):
**
**     #include <stdio.h>
**
**     #include "rubric.h"
**
**     int main(void) {
**       rubric_error err;
**       rubric_program *p = NULL;
**       rubric_vm *vm = NULL;
**       rubric_report *r = NULL;
**       rubric_result *res = NULL;
**       rubric_status s = rubric_compile("rules/gd-project-20-40-40.rubric", NULL, &p, &err);
**       if (s == RUBRIC_OK) s = rubric_vm_new(p, &vm, &err);
**       if (s == RUBRIC_OK) s = rubric_report_new(&r, &err);
**       if (s == RUBRIC_OK) s = rubric_result_new(&res, &err);
**       if (s == RUBRIC_OK) s = rubric_report_read_file(r, "examples/jiangmen-2024-keji-fazhan.json", &err);
**       if (s == RUBRIC_OK) s = rubric_run(vm, r, res, &err);
**       if (s == RUBRIC_OK) s = rubric_result_write(res, RUBRIC_FORMAT_TEXT, stdout, false, &err);
**       if (s != RUBRIC_OK) fprintf(stderr, "%s\n", err.message);
**       rubric_result_free(res);
**       rubric_report_free(r);
**       rubric_vm_free(vm);
**       rubric_program_free(p);
**       return s == RUBRIC_OK ? 0 : 1;
**     }
**
** Errors.  Every function that can fail — out of memory included — returns
** a rubric_status, RUBRIC_OK (0) or what went wrong, and takes a
** `rubric_error *err` as its last argument, which it fills with the same
** status and a one-line message naming the file, line, report or field
** (on success: RUBRIC_OK and "").  err may be NULL when the message is not
** wanted.  An object a function makes comes back through the out-parameter
** just before err, NULL on failure.  Functions that cannot fail (getters,
** settings, frees) say so by returning something else.  Problems found in a
** rubric are not errors of a call but diagnostics, handed one by one to a
** callback (rubric_options); the status only says that there were some.
** The message is in the language the call is given (rubric_options.locale,
** rubric_vm_set_error_lang, rubric_report_set_error_lang, a _lang variant);
** a call given none — out of memory making an object, writing a file —
** writes it in the environment's diagnostic language, as the rubric command
** does without --lang: Chinese when the first set of LC_ALL, LC_MESSAGES and
** LANG starts with "zh", else English.
**
** Objects are opaque.  There is no global state: a program may be shared by
** any number of VMs in any number of threads; a VM, a report and a result are
** used by one thread at a time and are meant to be reused report after report.
** Numbers are exact rationals throughout; no score is computed in floating
** point.  Every _free function accepts NULL.
*/
#ifndef RUBRIC_H
#define RUBRIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUBRIC_VERSION "0.1.0"

typedef struct rb_program rubric_program;
typedef struct rb_report rubric_report;
typedef struct rubric_vm rubric_vm;
typedef struct rubric_result rubric_result;

/* ---- Errors ------------------------------------------------------------- */

/* What went wrong.  The `rubric` command maps each to its exit status
** (docs/cli.md). */
typedef enum rubric_status {
  RUBRIC_OK = 0,
  RUBRIC_E_RUBRIC, /* the rubric has errors (each went to the diagnostics callback), or its natives cannot be linked */
  RUBRIC_E_DATA,   /* a report could not be read, or failed while it was scored */
  RUBRIC_E_IO,     /* a file could not be read or written, or a .rbc file is corrupt */
  RUBRIC_E_USAGE,  /* an argument the function does not take (a tolerance that is not a plain decimal …) */
  RUBRIC_E_MEMORY  /* out of memory */
} rubric_status;

enum { RUBRIC_MESSAGE_SIZE = 2048 };

typedef struct rubric_error {
  rubric_status status;
  char message[RUBRIC_MESSAGE_SIZE]; /* one line, no newline, UTF-8 (cut on a character boundary) */
} rubric_error;

/* The language of results, explanations and messages.  Rubric-authored text
** (names, flag messages) stays as written.  (Results default to Chinese,
** diagnostics and error messages to English where an object carries their
** language — rubric_options.locale, rubric_vm_set_error_lang,
** rubric_report_set_error_lang — and to the environment's elsewhere: Errors,
** above.) */
typedef enum rubric_lang { RUBRIC_LANG_ZH, RUBRIC_LANG_EN } rubric_lang;

/* ---- Diagnostics -------------------------------------------------------- */

typedef enum rubric_severity { RUBRIC_ERROR, RUBRIC_WARNING, RUBRIC_NOTE } rubric_severity;

/* One problem found in a rubric.  `rendered` is the full text a person reads:
** file:line:column, the source line and a caret under the span, and the hint.
** All strings are valid only during the callback. */
typedef struct rubric_diagnostic {
  rubric_severity severity;
  const char *file;
  unsigned line, column; /* 1-based; column counts characters */
  const char *message;
  const char *hint;      /* NULL if none */
  const char *rendered;
} rubric_diagnostic;

typedef void (*rubric_diagnostic_fn)(void *userdata, const rubric_diagnostic *d);

/* How to compile.  Every diagnostic, sorted by place, goes to on_diagnostic;
** a host that wants the numbers of errors and warnings counts them there. */
typedef struct rubric_options {
  rubric_diagnostic_fn on_diagnostic; /* NULL: diagnostics are dropped */
  void *userdata;
  bool color;                         /* ANSI colours in `rendered` */
  /* The language of the diagnostics (message, hint and the labels "error:",
  ** "hint:" in `rendered`) and of the call's error message: Chinese when it
  ** starts with "zh" ("zh", "zh-cn", "zh_CN.UTF-8"), else English (NULL).
  ** Names written in the rubric and the language's own words (item, section)
  ** stay as written. */
  const char *locale;
} rubric_options;

/* ---- Programs ----------------------------------------------------------- */

/* Compile a .rubric file and its imports (opts may be NULL).  RUBRIC_E_IO
** when the file itself cannot be read; RUBRIC_E_RUBRIC when it or a file it
** imports has errors, with "PATH: N errors in the rubric". */
rubric_status rubric_compile(const char *path, const rubric_options *opts, rubric_program **out, rubric_error *err);

/* Compile rubric source held in memory: len bytes of text, which need not
** end in a NUL.  name stands for the file in diagnostics, and imports are
** resolved relative to its folder ("x.rubric": the current one). */
rubric_status rubric_compile_text(const char *name, const char *text, size_t len, const rubric_options *opts,
                                  rubric_program **out, rubric_error *err);

/* Load a program from a file: a .rbc file, verified before it is returned
** (RUBRIC_E_IO when it is corrupt, with what is wrong and at which byte, in
** the language of opts->locale), or
** — told apart by content, not by name — a .rubric source, compiled as by
** rubric_compile. */
rubric_status rubric_load(const char *path, const rubric_options *opts, rubric_program **out, rubric_error *err);

/* Write a program as a .rbc file, atomically: a temporary file beside path
** (PATH.partial.PID) renamed when complete.  A path that exists and is not a
** regular file (/dev/null) is written directly. */
rubric_status rubric_save(const rubric_program *p, const char *path, rubric_error *err);
/* The same, with the message in lang. */
rubric_status rubric_save_lang(const rubric_program *p, const char *path, rubric_lang lang, rubric_error *err);

/* Print the program's bytecode: offset, source line, opcode, operands and
** constant values.  RUBRIC_E_IO when out's error indicator is set after. */
rubric_status rubric_disassemble(const rubric_program *p, FILE *out, rubric_error *err);

const char *rubric_program_title(const rubric_program *p);
void rubric_program_free(rubric_program *p);

/* ---- Native functions --------------------------------------------------- */

/* A rubric may declare C functions from shared libraries (`native … from
** "libx.so"`).  They are off by default: before such a program runs it must
** be linked with the libraries the user allowed.  A host program may also
** register its own C functions by name; a rubric declares them `from host`.
** The C types, in the order of the declaration's type names: */
typedef enum rubric_ctype {
  RUBRIC_INTEGER, /* int64_t */
  RUBRIC_NUMBER,  /* double */
  RUBRIC_TEXT,    /* const char * (UTF-8) */
  RUBRIC_BOOL,    /* int */
  RUBRIC_DATE,    /* int32_t days since 1970-01-01 */
  RUBRIC_LIST     /* const double *, size_t (parameters only) */
} rubric_ctype;

typedef struct rubric_natives rubric_natives;

/* An empty allowance: no library allowed, no function registered. */
rubric_status rubric_natives_new(rubric_natives **out, rubric_error *err);
/* Allow the natives of a library, named as the rubric declares it or by a
** path whose file name matches (the path is then where it is loaded from);
** "all" allows every library. */
rubric_status rubric_natives_allow(rubric_natives *n, const char *library, rubric_error *err);
/* Register a C function under a name; its types are checked against the
** rubric's declaration when the program is linked.  fn is called with its
** real signature.  RUBRIC_E_USAGE for what cannot be registered: no name or
** function, more than 16 parameters, a type out of range, a list result. */
rubric_status rubric_natives_register(rubric_natives *n, const char *name, void (*fn)(void), rubric_ctype result,
                                      int param_count, const rubric_ctype *params, rubric_error *err);
void rubric_natives_free(rubric_natives *n);

/* Link a program's natives (n NULL: none allowed).  RUBRIC_E_RUBRIC, with a
** message naming the declaration, when one is not allowed, its library or
** symbol is missing, or a registered function's types differ; in the
** language of the options the program was compiled or loaded with (their
** locale).  The natives object must outlive the program's use.  A program
** without natives always links. */
rubric_status rubric_link(rubric_program *p, const rubric_natives *n, rubric_error *err);

/* ---- Reports ------------------------------------------------------------ */

rubric_status rubric_report_new(rubric_report **out, rubric_error *err);
/* Read a report file: .json (report format v1) or .csv (an indicator
** table), or a published report imported on the fly (rubric_import_file):
** a .txt extracted from a PDF, a .pdf, an .xlsx or a .docx, whose import
** notes become the report's notes.  RUBRIC_E_DATA, with a message naming
** the report and field, when it cannot be read — missing, unreadable or wrong. */
rubric_status rubric_report_read_file(rubric_report *r, const char *path, rubric_error *err);
/* Read one report from JSON text; line is the line of a JSON Lines file, or
** 0.  RUBRIC_E_DATA as rubric_report_read_file. */
rubric_status rubric_report_read_json(rubric_report *r, const char *text, size_t len, const char *source, int line,
                                      rubric_error *err);
/* Bytes a caller of rubric_report_read_json_padded leaves readable after
** the text. */
#define RUBRIC_JSON_PADDING 64
/* The same, for text followed by at least RUBRIC_JSON_PADDING readable
** bytes (of any content): the reader then parses the text where it is,
** without copying it first. */
rubric_status rubric_report_read_json_padded(rubric_report *r, const char *text, size_t len, const char *source,
                                             int line, rubric_error *err);
/* The language of the messages of reports that cannot be read (default
** English); names and values quoted from the report stay as written. */
void rubric_report_set_error_lang(rubric_report *r, rubric_lang lang);
const char *rubric_report_id(const rubric_report *r);
/* How many notes the last report read carries from its import (its
** "imported" member, or the import of a published file on the fly): each
** is a finding of its run; a batch counts them.  0 for a hand-made report. */
size_t rubric_report_import_notes(const rubric_report *r);
void rubric_report_free(rubric_report *r);

/* ---- Importing published reports ---------------------------------------- */

/* Called once per note an import makes: where ("report.txt:23", "table.xlsx:
** 自评表:12", or the file for the whole of it), the kind ("repaired",
** "incomplete" … docs/import.md) and the message, in Chinese.  Strings are
** valid only during the call. */
typedef void (*rubric_import_note_fn)(void *userdata, const char *where, const char *kind, const char *message);

/* Import a published report into report format v1 JSON (docs/import.md): a
** .txt holding text extracted from a PDF, a .pdf read through `pdftotext
** -layout` (poppler-utils), an .xlsx workbook or a .docx document.  On
** success *json is malloc'd UTF-8 text of *json_len bytes, ending in a
** newline, for the caller to free; each note goes to on_note (NULL: none).
** RUBRIC_E_DATA with a message when the file cannot be read, is not what its
** name says, or pdftotext is missing. */
rubric_status rubric_import_file(const char *path, char **json, size_t *json_len, rubric_import_note_fn on_note,
                                 void *userdata, rubric_error *err);
/* The same, with the message in lang (rubric_import_file's is in the
** environment's diagnostic language); the notes stay Chinese. */
rubric_status rubric_import_file_lang(const char *path, rubric_lang lang, char **json, size_t *json_len,
                                      rubric_import_note_fn on_note, void *userdata, rubric_error *err);
/* Whether rubric_import_file reads this file (by its name: .txt, .pdf, .xlsx,
** .xls, .docx). */
bool rubric_import_handles(const char *path);

/* ---- The tolerance ------------------------------------------------------ */

/* How far a recomputed score may differ from a self score before the
** difference counts (score_mismatch rather than rounding_only, a challenged
** total): units / 10^scale points, exactly.  0.01 is {1, 2}. */
typedef struct rubric_tolerance {
  uint64_t units; /* below 10^18 */
  unsigned scale; /* at most 18 */
} rubric_tolerance;

/* Read a tolerance as a person writes it: a plain decimal number of points —
** digits, optionally a point and more digits ("0.01", "1", "0.5") — of at
** most 18 digits, not counting the zeros it starts with or its fraction
** ends with.  Nothing else: no sign, exponent or space; not ".5", "5.",
** "-1", "1e5", "0x10", "inf" or "abc".  RUBRIC_E_USAGE names the text. */
rubric_status rubric_parse_tolerance(const char *text, rubric_tolerance *out, rubric_error *err);
/* The same, with the message in lang (rubric_parse_tolerance's is in the
** environment's diagnostic language). */
rubric_status rubric_parse_tolerance_lang(const char *text, rubric_lang lang, rubric_tolerance *out,
                                          rubric_error *err);

/* ---- Running ------------------------------------------------------------ */

rubric_status rubric_vm_new(const rubric_program *p, rubric_vm **out, rubric_error *err);
void rubric_vm_free(rubric_vm *vm);
/* Whether results carry each item's explanation (default on); a batch that
** prints only totals saves the formatting. */
void rubric_vm_set_explain(rubric_vm *vm, bool on);
/* Whether results carry `unread` findings for what the rubric does not read
** of a report: members report format v1 does not define, facts no input
** reads, self scores whose path names no item (default on). */
void rubric_vm_set_unread(rubric_vm *vm, bool on);
/* The tolerance runs compare self scores with (default 0.01 points).
** RUBRIC_E_USAGE for a value out of the ranges above. */
rubric_status rubric_vm_set_tolerance(rubric_vm *vm, rubric_tolerance t, rubric_error *err);
/* The language of runtime errors: the message rubric_run returns and the
** result holds (default English).  What a rubric wrote stays as written. */
void rubric_vm_set_error_lang(rubric_vm *vm, rubric_lang lang);

rubric_status rubric_result_new(rubric_result **out, rubric_error *err);
void rubric_result_free(rubric_result *res);

/* Run the program on a report (NULL for none) and compare every self score
** with the recomputed one, within the VM's tolerance.  RUBRIC_E_DATA after
** a runtime error, with its message: what, where in the rubric
** (file:line:column, section › item) and for which report.  The result
** holds the error too, and rubric_result_write writes it. */
rubric_status rubric_run(rubric_vm *vm, const rubric_report *r, rubric_result *res, rubric_error *err);

/* Whether the recomputed total differs from the self total by more than the
** tolerance of its run, a check failed, an indicator row was scored by no
** item (an `unscored` finding), or the run failed: what `rubric run
** --strict` fails on. */
bool rubric_result_challenged(const rubric_result *res);

/* The one-row summary of a result that `rubric batch` prints.  Strings are
** valid until the result or its report is reused; numbers are formatted with
** the rubric's places ("" when absent). */
typedef struct rubric_summary {
  const char *id, *unit, *title; /* "" when absent */
  int year;                      /* 0 when absent */
  char total[64], self_total[64], delta[64];
  const char *grade, *self_grade; /* "" when absent */
  unsigned findings;
  const char *top_finding;        /* the message of the finding with most at stake, or "" */
  bool challenged;                /* as rubric_result_challenged */
} rubric_summary;

void rubric_result_summary(const rubric_result *res, rubric_summary *out);

/* ---- Reading a result, row by row -------------------------------------- */

/* For writers outside the library (the command line's Excel and SQLite
** outputs): the result tree, findings and checks as plain values.  Strings
** are valid until the result or its report is reused.  A number comes as
** two texts, both NULL when the value is absent:
**   exact  the exact value: shortest decimal ("3.64", "20", "-1.5") when it
**          has a finite decimal expansion, else the reduced fraction "40/3";
**   shown  as the text and JSON formats print it: the rubric's places
**          ("3.64", "13.33", "100.00"; never "-0.00"). */
typedef struct rubric_number {
  const char *exact, *shown;
} rubric_number;

/* One node of the result tree: the rubric (depth 0), its sections, their
** items. */
typedef struct rubric_node_info {
  unsigned depth;               /* 0 the rubric, 1 its top sections, … */
  bool is_item;                 /* false: the rubric or a section */
  bool not_applicable;          /* scored na(), or a section of such */
  bool unverified;              /* items: the score rests on an unverified input */
  const char *name;             /* the rubric's title at depth 0 */
  const char *path;             /* names from depth 1 down, joined by " › " ("" at depth 0) */
  const char *level1, *level2;  /* items from an indicator row: its 一级/二级指标 ("" when absent); else NULL */
  const char *target, *actual;  /* items from an indicator row: as written (NULL when absent) */
  const char *explain;          /* items: how the score was found, or NULL */
  rubric_number weight;         /* 分值 */
  rubric_number score;          /* the recomputed score (absent when the item failed) */
  rubric_number self_score;     /* the self score, when the report gives one */
  rubric_number delta;          /* score − self_score, when both are present */
} rubric_node_info;

/* Call fn on every node of a successful result in order, each node before
** its children (the rubric first); stop early when fn returns false.
** RUBRIC_E_MEMORY when out of memory, RUBRIC_E_DATA for a failed run. */
typedef bool (*rubric_node_fn)(void *ctx, const rubric_node_info *node);
rubric_status rubric_result_nodes(const rubric_result *res, rubric_node_fn fn, void *ctx, rubric_error *err);

/* The exact totals: the root's score and self score, and their difference. */
typedef struct rubric_totals {
  rubric_number total, self_total, delta;
} rubric_totals;
rubric_status rubric_result_totals(const rubric_result *res, rubric_totals *out, rubric_error *err);

typedef struct rubric_finding_info {
  const char *kind;    /* "score_mismatch", "shortfall", … (docs/cli.md) */
  const char *path;    /* names from the first section down, joined by " › " ("" for the rubric) */
  const char *message;
  rubric_number self, computed, stake; /* when the finding carries them */
} rubric_finding_info;

/* The findings, ranked as the output formats list them (most at stake
** first); none for a failed run.  rubric_result_finding: RUBRIC_E_USAGE
** for an i not below the count, RUBRIC_E_MEMORY when out of memory. */
unsigned rubric_result_finding_count(const rubric_result *res);
rubric_status rubric_result_finding(const rubric_result *res, unsigned i, rubric_finding_info *out,
                                    rubric_error *err);

typedef struct rubric_check_info {
  const char *name;
  int passed;          /* 1 held, 0 failed, -1 not evaluated (a value it needs is missing) */
  const char *message; /* "" when the check has none */
} rubric_check_info;

/* The checks in program order; none for a failed run.  rubric_result_check
** for an i not below the count gives name "" and passed -1. */
unsigned rubric_result_check_count(const rubric_result *res);
void rubric_result_check(const rubric_result *res, unsigned i, rubric_check_info *out);

/* The title of the rubric that made the result ("" when none). */
const char *rubric_result_rubric_title(const rubric_result *res);

/* HTML: rubric_result_write writes a whole page for the one result, labels in
** rubric_lang_default(); pages of several reports are written with the
** rubric_html_* functions below. */
typedef enum rubric_format {
  RUBRIC_FORMAT_TEXT,
  RUBRIC_FORMAT_JSON,
  RUBRIC_FORMAT_MARKDOWN,
  RUBRIC_FORMAT_HTML
} rubric_format;

/* Write a result; one that failed is written as its error.  JSON is one line
** without a newline at the end.  RUBRIC_E_IO when out's error indicator is
** set after writing. */
rubric_status rubric_result_write(const rubric_result *res, rubric_format format, FILE *out, bool color,
                                  rubric_error *err);

/* ---- Languages and explanations ------------------------------------------ */

/* The language for the environment: LC_ALL, else LC_MESSAGES, else LANG (the
** first set and not empty); English when it starts with "en", else
** Chinese, also when none is set. */
rubric_lang rubric_lang_default(void);

/* "zh" or "en"; RUBRIC_E_USAGE names anything else. */
rubric_status rubric_parse_lang(const char *text, rubric_lang *out, rubric_error *err);

/* The language of the findings and item explanations runs of vm write in
** rubric's own words (RUBRIC_LANG_ZH unless set).  Names, and the messages
** of a rubric's flags and checks, are as written. */
void rubric_vm_set_lang(rubric_vm *vm, rubric_lang lang);
/* The language of the notes reading a report writes (a column or member
** not read, a row skipped), which runs turn into findings; RUBRIC_LANG_ZH
** unless set, kept for every report r reads. */
void rubric_report_set_lang(rubric_report *r, rubric_lang lang);

/* Explain a successful result of rubric_run(vm, r, res): how each input was
** read, how weights were split, each item's formula, exact value and
** rounding, qualitative tiers, and counterfactuals computed by running vm
** again on r with one actual changed (the actual for full marks; the
** smallest change of one actual that moves the grade).  path (NULL: the
** whole report) names a section or item (docs/cli.md, rubric explain).
** Text, or one JSON object on a line for RUBRIC_FORMAT_JSON.  r is restored
** before returning.  RUBRIC_E_USAGE when path names no node or several;
** RUBRIC_E_DATA when res is a failed run. */
rubric_status rubric_explain(rubric_vm *vm, rubric_report *r, const rubric_result *res, const char *path,
                             rubric_format format, rubric_lang lang, FILE *out, rubric_error *err);

/* rubric_result_write with the labels of the text and markdown formats in
** lang (the other formats are as rubric_result_write writes them).  The
** findings' messages are in the language of the run (rubric_vm_set_lang). */
rubric_status rubric_result_write_lang(const rubric_result *res, rubric_format format, rubric_lang lang, FILE *out,
                                       bool color, rubric_error *err);

/* ---- HTML pages ------------------------------------------------------------ */

/* One self-contained HTML page (docs/cli.md, --format html): begin, then
** each report's section (or, for a batch, the overview and a short section
** per report), then end.  Sections have the anchors id="r<index>".  Labels
** are in lang; names and messages a rubric or report wrote are as written.
** Each returns RUBRIC_E_IO when out's error indicator is set. */
rubric_status rubric_html_begin(FILE *out, rubric_lang lang, const char *title, rubric_error *err);
rubric_status rubric_html_report(const rubric_result *res, rubric_lang lang, unsigned long index, bool compact,
                                 FILE *out, rubric_error *err);
rubric_status rubric_html_failed(const char *id, const char *message, rubric_lang lang, unsigned long index,
                                 FILE *out, rubric_error *err);
rubric_status rubric_html_end(FILE *out, rubric_error *err);

/* What a batch page shows of one report, taken from its result. */
typedef struct rubric_batch_row {
  char id[160];
  bool failed, challenged, has_delta;
  double delta; /* total − self total */
  char delta_text[64], total[64], grade[64], self_grade[64];
} rubric_batch_row;
void rubric_batch_row_of(const rubric_result *res, rubric_batch_row *out);
/* The batch's overview: counts, histogram of differences, grades before
** and after, the most challenged reports linking to section r<i> for
** rows[i]. */
rubric_status rubric_html_batch(FILE *out, rubric_lang lang, const char *rubric_title, const rubric_batch_row *rows,
                                size_t count, rubric_error *err);

/* ---- Output files ------------------------------------------------------- */

/* A file written so that it appears only when complete: the bytes go to a
** temporary file beside it (PATH.partial.PID, or PATH.partial.PID.N when
** that name is taken), synced and renamed over PATH by rubric_output_commit;
** rubric_output_abort, or a failed write or commit, removes it and leaves
** PATH as it was.  A PATH that exists and is not a regular file (/dev/null,
** a pipe) is written directly; path NULL is standard output (through a
** duplicate of its descriptor).  Only a process killed outright leaves the
** temporary file behind. */
typedef struct rubric_output rubric_output;

rubric_status rubric_output_open(const char *path, rubric_output **out, rubric_error *err);
/* The same, with the messages of this output's open, writes and commit in
** lang (rubric_output_open's are in the environment's diagnostic language). */
rubric_status rubric_output_open_lang(const char *path, rubric_lang lang, rubric_output **out, rubric_error *err);
/* Append len bytes.  RUBRIC_E_IO ("cannot write PATH: REASON") once a write
** has failed; the output is then only good to abort. */
rubric_status rubric_output_write(rubric_output *o, const void *data, size_t len, rubric_error *err);
/* Finish and free o: RUBRIC_OK when PATH now holds every byte written. */
rubric_status rubric_output_commit(rubric_output *o, rubric_error *err);
/* Give up and free o (NULL is fine): the temporary file is removed. */
void rubric_output_abort(rubric_output *o);

/* ---- The value notation ------------------------------------------------- */

/* Read a target or actual as written in a report ("110次以上", "≥90%",
** "1.93 亿元") and print it as one JSON object, without a newline.  year is
** the report year for dates written without one (0: unknown).  Fails only
** when out of memory, or RUBRIC_E_IO when out's error indicator is set
** after writing. */
rubric_status rubric_value_json(const char *text, size_t len, int year, FILE *out, rubric_error *err);

/* ---- Tools for rubric authors ------------------------------------------- */

/* How `rubric test` runs (docs/language.md, "Tests"). */
typedef struct rubric_test_options {
  bool verbose;          /* a line for each test that passed too */
  bool coverage;         /* measure which items, branches, step arms and tiers the tests reached */
  bool coverage_text;    /* print that report, before the summary */
  FILE *coverage_json;   /* and/or write it as JSON there (NULL: not) */
  double min_coverage;   /* percent: a rubric whose coverage is lower is said, and counted */
  FILE *diagnostics;     /* where a rubric that does not compile is shown (NULL: stderr) */
  bool color;            /* of those diagnostics */
  const char *locale;    /* their language, and of the tests' failures: as rubric_options's */
} rubric_test_options;

typedef struct rubric_test_counts {
  unsigned passed, failed; /* tests */
  unsigned files;          /* files that hold tests */
  unsigned below_floor;    /* rubrics whose coverage is under min_coverage */
} rubric_test_counts;

/* Run the tests of every rubric in paths (files, or folders searched for
** *.rubric in name order) and write to out one line per failing
** expectation (file:line, what was expected and what came), the coverage
** report when asked, and last "N passed, N failed".  RUBRIC_E_IO when a
** path cannot be read (the others still run); failing tests are not an
** error of the call: the counts say them. */
rubric_status rubric_test(const char *const *paths, size_t count, const rubric_test_options *opts, FILE *out,
                          rubric_test_counts *counts, rubric_error *err);

/* The canonical layout of a rubric's text (`rubric fmt`): len bytes of
** text, name standing for the file in diagnostics.  *out is malloc'd (the
** caller frees it) and NUL-terminated, *out_len its length.
** RUBRIC_E_RUBRIC when the text has syntax errors (each handed to the
** diagnostics callback): nothing is formatted then. */
rubric_status rubric_format_source(const char *name, const char *text, size_t len, const rubric_options *opts, char **out,
                            size_t *out_len, rubric_error *err);

/* Write a unified diff from text a to text b (`rubric fmt --check`),
** nothing when they are equal.  RUBRIC_E_IO when out's error indicator is
** set after. */
rubric_status rubric_diff(FILE *out, const char *name_a, const char *a, size_t a_len, const char *name_b, const char *b,
                          size_t b_len, rubric_error *err);

/* Serve the Language Server Protocol (JSON-RPC with Content-Length
** headers) on in and out until the client exits or in ends: diagnostics
** as a file is edited, hover, definition.  log (may be NULL) gets a line
** per problem with a message.  *exit_code is what the protocol asks the
** process to exit with: 0 after shutdown and exit, else 1. */
rubric_status rubric_lsp(FILE *in, FILE *out, FILE *log, int *exit_code, rubric_error *err);

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_H */
