/*
** rubric.h — the public interface of the rubric library.
**
** rubric compiles scoring rules for Chinese budget performance evaluation
** (预算绩效评价) written in the rubric language to bytecode, and runs them
** on report data to recompute — and challenge — a self-assigned score.
**
** The whole lifecycle, as the command-line tool uses it:
**
**     rubric_program *p = rubric_compile("rules/x.rubric", &opts, NULL, NULL);
**     rubric_vm *vm = rubric_vm_new(p);
**     rubric_report *r = rubric_report_new();
**     rubric_report_read_file(r, "report.json", err, sizeof err);
**     rubric_result *res = rubric_result_new();
**     rubric_run(vm, r, res);
**     rubric_result_write(res, RUBRIC_FORMAT_JSON, stdout, false);
**
** Objects are opaque.  There is no global state: a program may be shared by
** any number of VMs in any number of threads; a VM, a report and a result are
** used by one thread at a time and are meant to be reused report after report.
** Numbers are exact rationals throughout; no score is computed in floating
** point.
*/
#ifndef RUBRIC_H
#define RUBRIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUBRIC_VERSION "0.1.0"

typedef struct rb_program rubric_program;
typedef struct rb_report rubric_report;
typedef struct rb_vm rubric_vm;
typedef struct rb_result rubric_result;

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

typedef struct rubric_options {
  rubric_diagnostic_fn on_diagnostic; /* NULL: diagnostics are dropped */
  void *userdata;
  bool color;                         /* ANSI colours in `rendered` */
} rubric_options;

/* ---- Programs ----------------------------------------------------------- */

/* Compile a .rubric file (and its imports).  Every diagnostic goes to the
** callback, sorted by place.  Returns NULL if there was any error.  errors
** and warnings, when not NULL, receive the counts. */
rubric_program *rubric_compile(const char *path, const rubric_options *opts, int *errors, int *warnings);

/* Load a program: a .rbc file (verified before it is returned) or, by its
** content, a .rubric source (compiled; diagnostics to opts).  On failure
** returns NULL with a message in err. */
rubric_program *rubric_load(const char *path, const rubric_options *opts, char *err, size_t err_size);

/* Write a program as a .rbc file, atomically (a temporary file renamed).
** Returns false with a message in err. */
bool rubric_save(const rubric_program *p, const char *path, char *err, size_t err_size);

/* Print the program's bytecode: offset, source line, opcode, operands and
** constant values. */
void rubric_disassemble(const rubric_program *p, FILE *out);

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

rubric_natives *rubric_natives_new(void);
/* Allow the natives of a library, named as the rubric declares it or by a
** path whose file name matches (the path is then where it is loaded from);
** "all" allows every library. */
bool rubric_natives_allow(rubric_natives *n, const char *library);
/* Register a C function under a name; its types are checked against the
** rubric's declaration when the program is linked.  fn is called with its
** real signature. */
bool rubric_natives_register(rubric_natives *n, const char *name, void (*fn)(void), rubric_ctype result,
                             int param_count, const rubric_ctype *params);
void rubric_natives_free(rubric_natives *n);

/* Link a program's natives (NULL: none allowed).  Returns false with a message
** naming the declaration when one is not allowed, its library or symbol is
** missing, or a registered function's types differ.  The natives object must
** outlive the program's use.  A program without natives always links. */
bool rubric_link(rubric_program *p, const rubric_natives *n, char *err, size_t err_size);

/* ---- Reports ------------------------------------------------------------ */

rubric_report *rubric_report_new(void);
/* Read a report file: .json (report format v1) or .csv (an indicator
** table), or a published report imported on the fly (rubric_import_file):
** a .txt extracted from a PDF or a .pdf, whose import notes become the
** report's notes.  Returns false with a message naming the report and field. */
bool rubric_report_read_file(rubric_report *r, const char *path, char *err, size_t err_size);
/* Read one report from JSON text; line is the line of a JSON Lines file, or 0. */
bool rubric_report_read_json(rubric_report *r, const char *text, size_t len, const char *source, int line,
                             char *err, size_t err_size);
const char *rubric_report_id(const rubric_report *r);
void rubric_report_free(rubric_report *r);

/* ---- Importing published reports ---------------------------------------- */

/* Called once per note an import makes: where ("report.txt:23", or the file
** for the whole of it), the kind ("repaired", "incomplete" … docs/import.md)
** and the message, in Chinese.  Strings are valid only during the call. */
typedef void (*rubric_import_note_fn)(void *userdata, const char *where, const char *kind, const char *message);

/* Import a published report into report format v1 JSON (docs/import.md): a
** .txt holding text extracted from a PDF, or a .pdf read through `pdftotext
** -layout` (poppler-utils).  On success *json is malloc'd UTF-8 text of
** *json_len bytes, ending in a newline, for the caller to free; each note goes
** to on_note (NULL: none).  Returns false with a message in err when the file
** cannot be read, is not text, or pdftotext is missing. */
bool rubric_import_file(const char *path, char **json, size_t *json_len, rubric_import_note_fn on_note,
                        void *userdata, char *err, size_t err_size);
/* Whether rubric_import_file reads this file (by its name: .txt, .pdf). */
bool rubric_import_handles(const char *path);

/* ---- Running ------------------------------------------------------------ */

rubric_vm *rubric_vm_new(const rubric_program *p);
void rubric_vm_free(rubric_vm *vm);
/* Whether results carry each item's explanation (default on); a batch that
** prints only totals saves the formatting. */
void rubric_vm_set_explain(rubric_vm *vm, bool on);
/* Whether results carry `unread` findings for what the rubric does not read
** of a report: members report format v1 does not define, facts no input
** reads, self scores whose path names no item (default on). */
void rubric_vm_set_unread(rubric_vm *vm, bool on);

rubric_result *rubric_result_new(void);
void rubric_result_free(rubric_result *res);

/* Run the program on a report (NULL for none) and compare every self score
** with the recomputed one (differences above `tolerance`, a decimal such as
** "0.01", become findings).  Returns false after a runtime error, whose
** message rubric_result_error gives. */
bool rubric_run(rubric_vm *vm, const rubric_report *r, rubric_result *res, const char *tolerance);
const char *rubric_result_error(const rubric_result *res);

/* Whether the recomputed total differs from the self total by more than
** tolerance, a check failed, or an indicator row was scored by no item
** (an `unscored` finding): what `rubric run --strict` fails on. */
bool rubric_result_challenged(const rubric_result *res, const char *tolerance);

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

void rubric_result_summary(const rubric_result *res, const char *tolerance, rubric_summary *out);

typedef enum rubric_format { RUBRIC_FORMAT_TEXT, RUBRIC_FORMAT_JSON, RUBRIC_FORMAT_MARKDOWN } rubric_format;

/* Write a result.  JSON is one line without a newline at the end. */
void rubric_result_write(const rubric_result *res, rubric_format format, FILE *out, bool color);

/* ---- The value notation ------------------------------------------------- */

/* Read a target or actual as written in a report ("110次以上", "≥90%",
** "1.93 亿元") and print it as one JSON object, without a newline.  year is
** the report year for dates written without one (0: unknown).  Returns false
** only when out of memory. */
bool rubric_value_json(const char *text, size_t len, int year, FILE *out);

#ifdef __cplusplus
}
#endif

#endif /* RUBRIC_H */
