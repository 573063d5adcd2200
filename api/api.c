/*
** api.c — the public interface (include/rubric.h) over the library's layers.
**
** Each function here is a thin adapter: the compiler, the VM, the report
** readers and the output writers do the work.  This is the only file that
** knows all of them, and the command-line tool knows only this interface.
** It is also where the layers' own ways of failing (NULL and diagnostics,
** bool and a buffer, a result's error) become the one convention of the
** header: a rubric_status returned, and a rubric_error filled.
*/
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "author/author.h"
#include "base/file.h"
#include "compiler/compile.h"
#include "compiler/diag.h"
#include "import/import.h"
#include "output/explain.h"
#include "output/html.h"
#include "base/messages.h"
#include "report/notation.h"
#include "report/report.h"
#include "api/api_result.h"
#include "rubric.h"
#include "vm/disasm.h"
#include "vm/native.h"
#include "vm/result.h"
#include "vm/vm.h"

/* ---- Errors ------------------------------------------------------------- */

/* Cut a message that snprintf may have cut inside a character back to its
** last whole UTF-8 character. */
static void cut_to_character(char *s) {
  size_t n = strlen(s), lead = n;
  while (lead > 0 && ((unsigned char)s[lead - 1] & 0xC0) == 0x80) lead--;
  if (lead == 0) return;
  unsigned char c = (unsigned char)s[lead - 1];
  size_t want = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (n - (lead - 1) < want) s[lead - 1] = '\0';
}

/* Fill err (when there is one) with status and the message formatted from
** fmt, written in English, in lang (base/messages_en.h), and return status.
** A call with no object that carries a language (rubric_options.locale, the
** VM's or the report's error language) writes in env_lang(). */
__attribute__((format(printf, 4, 5))) static rubric_status fail(rubric_error *err, rb_lang lang,
                                                                 rubric_status status, const char *fmt, ...) {
  if (err) {
    err->status = status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, rb_from_en(lang, fmt), ap);
    va_end(ap);
    cut_to_character(err->message);
  }
  return status;
}

/* The language of the message of a call that is given none: the
** environment's diagnostic language, as the command line's without --lang
** (Chinese when the first set of LC_ALL, LC_MESSAGES, LANG starts with zh). */
static rb_lang env_lang(void) { return rb_diag_lang_from_env(); }

/* Mark err as a success (RUBRIC_OK, ""), and return RUBRIC_OK. */
static rubric_status succeed(rubric_error *err) {
  if (err) {
    err->status = RUBRIC_OK;
    err->message[0] = '\0';
  }
  return RUBRIC_OK;
}

/* The status of a base/file.h outcome whose message is already in err. */
static rubric_status file_status(rb_file_status s, rubric_error *err) {
  rubric_status status = s == RB_FILE_OK ? RUBRIC_OK : s == RB_FILE_NOMEM ? RUBRIC_E_MEMORY : RUBRIC_E_IO;
  if (err) {
    err->status = status;
    if (status == RUBRIC_OK) err->message[0] = '\0';
    cut_to_character(err->message);
  }
  return status;
}

/* The two arguments (buffer, size) a layer below writes its message into:
** err's message, or scratch when the caller wants none. */
#define MESSAGE_BUFFER(err, scratch)                                                                                  \
  ((err) ? (err)->message : (scratch)), ((err) ? sizeof (err)->message : sizeof (scratch))

/* ---- Diagnostics -------------------------------------------------------- */

/* The language of diagnostics the options ask for (rubric.h). */
static rb_lang options_lang(const rubric_options *opts) { return rb_diag_lang_of(opts ? opts->locale : NULL); }

/* Hand every diagnostic to the callback, in the order rb_diags_print uses,
** each rendered as it would be printed.  Every diagnostic is handed over
** even when memory runs out — unsorted, or with its message alone as the
** rendered text — so that a host counting them counts them all. */
static void deliver(const rb_diags *d, const rubric_options *opts) {
  if (!opts || !opts->on_diagnostic || d->count == 0) return;
  /* Sorted the same way as rb_diags_print: by file and place, each note
  ** right after its parent (a stable insertion sort of indices). */
  size_t *order = malloc(d->count * sizeof *order);
  for (size_t i = 0; order && i < d->count; i++) order[i] = i;
  for (size_t i = 1; order && i < d->count; i++) {
    size_t x = order[i], j = i;
    const rb_diag *gx = &d->items[x];
    const rb_diag *px = gx->parent >= 0 ? &d->items[gx->parent] : gx;
    while (j > 0) {
      const rb_diag *gy = &d->items[order[j - 1]];
      const rb_diag *py = gy->parent >= 0 ? &d->items[gy->parent] : gy;
      bool after;
      if (px != py)
        after = px->file != py->file ? px->file > py->file : px->start != py->start ? px->start > py->start
                                                                                       : px->seq > py->seq;
      else
        after = gx->parent >= 0 && (gy->parent < 0 || gx->seq > gy->seq);
      if (after) break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = x;
  }
  for (size_t i = 0; i < d->count; i++) {
    const rb_diag *g = &d->items[order ? order[i] : i];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f) {
      rb_diag_print_one(d, g, f, opts->color);
      fclose(f);
    }
    rubric_diagnostic out = {0};
    out.severity = g->severity == RB_SEV_ERROR ? RUBRIC_ERROR : g->severity == RB_SEV_WARNING ? RUBRIC_WARNING
                                                                                              : RUBRIC_NOTE;
    if (g->file < d->file_count) {
      out.file = d->files[g->file].name;
      rb_source_position(&d->files[g->file], g->start, &out.line, &out.column);
    }
    out.message = g->message;
    out.hint = g->hint;
    out.rendered = text ? text : g->message ? g->message : "";
    opts->on_diagnostic(opts->userdata, &out);
    free(text);
  }
  free(order);
}

/* The compiler's outcome as a status: the program, or RUBRIC_E_RUBRIC with
** the count of errors (every one went to the callback).  No program and no
** error means memory ran out: that is the only way codegen fails silently. */
static rubric_status compiled(rb_program *p, const rb_diags *d, const char *name, rubric_program **out,
                              rubric_error *err) {
  *out = p;
  if (p) return succeed(err);
  if (d->errors == 0) return fail(err, d->lang, RUBRIC_E_MEMORY, "out of memory compiling %s", name);
  return fail(err, d->lang, RUBRIC_E_RUBRIC, "%s: %d error%s in the rubric", name, d->errors,
              d->errors == 1 ? "" : "s");
}

/* Compile the file at path, known to be readable, with its imports. */
static rubric_status compile_path(const char *path, const rubric_options *opts, rubric_program **out,
                                  rubric_error *err) {
  rb_diags d;
  rb_diags_init(&d);
  d.lang = options_lang(opts);
  rb_program *p = rb_compile_file(path, &d);
  deliver(&d, opts);
  rubric_status s = compiled(p, &d, path, out, err);
  rb_diags_free(&d);
  return s;
}

/* Read the whole file at path, or say why not (RUBRIC_E_IO, RUBRIC_E_MEMORY). */
static rubric_status read_whole(rb_lang lang, const char *path, char **data, size_t *len, rubric_error *err) {
  char scratch[512];
  return file_status(rb_file_read_lang(lang, path, SIZE_MAX, data, len, MESSAGE_BUFFER(err, scratch)), err);
}

rubric_status rubric_compile(const char *path, const rubric_options *opts, rubric_program **out, rubric_error *err) {
  *out = NULL;
  /* The file itself is read first, so that one that cannot be read is an
  ** error of the file (RUBRIC_E_IO), not a diagnostic of the rubric.  The
  ** compiler reads it again by path, as it reads imports. */
  char *data;
  size_t len;
  rubric_status s = read_whole(options_lang(opts), path, &data, &len, err);
  if (s != RUBRIC_OK) return s;
  free(data);
  return compile_path(path, opts, out, err);
}

rubric_status rubric_compile_text(const char *name, const char *text, size_t len, const rubric_options *opts,
                                  rubric_program **out, rubric_error *err) {
  rb_diags d;
  rb_diags_init(&d);
  d.lang = options_lang(opts);
  rb_program *p = rb_compile_text(name, text, len, &d);
  deliver(&d, opts);
  rubric_status s = compiled(p, &d, name, out, err);
  rb_diags_free(&d);
  return s;
}

rubric_status rubric_load(const char *path, const rubric_options *opts, rubric_program **out, rubric_error *err) {
  *out = NULL;
  char *data;
  size_t len = 0;
  rubric_status s = read_whole(options_lang(opts), path, &data, &len, err);
  if (s != RUBRIC_OK) return s;
  if (len >= 4 && memcmp(data, "RBC\x1a", 4) == 0) {
    char why[512];
    *out = rb_program_deserialize_lang((const uint8_t *)data, len, options_lang(opts), why, sizeof why);
    s = *out ? succeed(err) : fail(err, options_lang(opts), RUBRIC_E_IO, "%s: not a valid compiled rubric: %s", path, why);
  } else {
    s = compile_path(path, opts, out, err);
  }
  free(data);
  return s;
}

rubric_status rubric_save(const rubric_program *p, const char *path, rubric_error *err) {
  return rubric_save_lang(p, path, env_lang() == RB_LANG_ZH ? RUBRIC_LANG_ZH : RUBRIC_LANG_EN, err);
}

rubric_status rubric_save_lang(const rubric_program *p, const char *path, rubric_lang language, rubric_error *err) {
  rb_lang lang = language == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
  uint8_t *img = NULL;
  size_t len = 0;
  if (!rb_program_serialize(p, &img, &len)) return fail(err, lang, RUBRIC_E_MEMORY, "out of memory writing %s", path);
  char scratch[512];
  /* A temporary file beside path, renamed when complete (base/file.h). */
  rubric_status s = file_status(rb_file_write_whole_lang(lang, path, img, len, MESSAGE_BUFFER(err, scratch)), err);
  free(img);
  return s;
}

/* RUBRIC_E_IO when out's error indicator is set: what was written to it
** (now or before) did not all arrive. */
static rubric_status stream_status(FILE *out, rubric_error *err) {
  if (ferror(out)) return fail(err, env_lang(), RUBRIC_E_IO, "cannot write the output");
  return succeed(err);
}

rubric_status rubric_disassemble(const rubric_program *p, FILE *out, rubric_error *err) {
  rb_disasm(p, out);
  return stream_status(out, err);
}

const char *rubric_program_title(const rubric_program *p) { return p->title; }

void rubric_program_free(rubric_program *p) {
  if (!p) return;
  rb_program_unlink(p);
  rb_program_free(p);
}

/* ---- Native functions --------------------------------------------------- */

struct rubric_natives {
  rb_native_policy policy;
  char **allowed;
  size_t allowed_count;
  rb_host_function *host;
  char **host_names; /* owned copies of host[i].name */
  size_t host_count;
};

rubric_status rubric_natives_new(rubric_natives **out, rubric_error *err) {
  *out = calloc(1, sizeof(rubric_natives));
  return *out ? succeed(err) : fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
}

rubric_status rubric_natives_allow(rubric_natives *n, const char *library, rubric_error *err) {
  if (strcmp(library, "all") == 0) {
    n->policy.allow_all = true;
    return succeed(err);
  }
  char **a = realloc(n->allowed, (n->allowed_count + 1) * sizeof *a);
  if (!a) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory allowing %s", library);
  n->allowed = a;
  if (!(a[n->allowed_count] = strdup(library))) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory allowing %s", library);
  n->allowed_count++;
  n->policy.allowed = (const char *const *)n->allowed;
  n->policy.allowed_count = n->allowed_count;
  return succeed(err);
}

/* Why a host function cannot be registered as given (written in English,
** translated where it is written), or NULL when it can. */
#define WHY(text) (text)
static const char *unregistrable(const char *name, void (*fn)(void), rubric_ctype result, int param_count,
                                 const rubric_ctype *params) {
  if (!name || !*name) return WHY("a host function needs a name");
  if (!fn) return WHY("no function given");
  if (param_count < 0 || param_count > RB_MAX_NATIVE_PARAMS) return WHY("a host function takes 0 to 16 parameters");
  if (param_count > 0 && !params) return WHY("no parameter types given");
  if ((unsigned)result >= RB_NTYPE_COUNT) return WHY("the result type is not a rubric_ctype");
  if (result == RUBRIC_LIST) return WHY("a list cannot be a result");
  for (int i = 0; i < param_count; i++)
    if ((unsigned)params[i] >= RB_NTYPE_COUNT) return WHY("a parameter type is not a rubric_ctype");
  return NULL;
}

rubric_status rubric_natives_register(rubric_natives *n, const char *name, void (*fn)(void), rubric_ctype result,
                                      int param_count, const rubric_ctype *params, rubric_error *err) {
  const char *why = unregistrable(name, fn, result, param_count, params);
  if (why)
    return fail(err, env_lang(), RUBRIC_E_USAGE, "cannot register %s: %s", name ? name : "(null)",
                rb_text_from_en(env_lang(), why));
  rb_host_function *h = realloc(n->host, (n->host_count + 1) * sizeof *h);
  if (!h) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory registering %s", name);
  n->host = h;
  n->policy.host = n->host;
  char **names = realloc(n->host_names, (n->host_count + 1) * sizeof *names);
  if (!names) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory registering %s", name);
  n->host_names = names;
  if (!(names[n->host_count] = strdup(name))) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory registering %s", name);
  rb_host_function *f = &h[n->host_count];
  memset(f, 0, sizeof *f);
  f->name = names[n->host_count];
  f->fn = fn;
  f->result = (uint8_t)result;
  f->param_count = (uint8_t)param_count;
  for (int i = 0; i < param_count; i++) f->params[i] = (uint8_t)params[i];
  n->host_count++;
  n->policy.host_count = n->host_count;
  return succeed(err);
}

void rubric_natives_free(rubric_natives *n) {
  if (!n) return;
  for (size_t i = 0; i < n->allowed_count; i++) free(n->allowed[i]);
  for (size_t i = 0; i < n->host_count; i++) free(n->host_names[i]);
  free(n->allowed);
  free(n->host);
  free(n->host_names);
  free(n);
}

rubric_status rubric_link(rubric_program *p, const rubric_natives *n, rubric_error *err) {
  char scratch[1024];
  if (rb_program_link(p, n ? &n->policy : NULL, MESSAGE_BUFFER(err, scratch))) return succeed(err);
  if (err) {
    err->status = RUBRIC_E_RUBRIC;
    cut_to_character(err->message);
  }
  return RUBRIC_E_RUBRIC;
}

/* ---- Reports ------------------------------------------------------------ */

rubric_status rubric_report_new(rubric_report **out, rubric_error *err) {
  *out = rb_report_new();
  return *out ? succeed(err) : fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
}

void rubric_report_free(rubric_report *r) { rb_report_free(r); }
void rubric_report_set_error_lang(rubric_report *r, rubric_lang lang) {
  r->error_lang = lang == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
}
const char *rubric_report_id(const rubric_report *r) { return r->id ? r->id : ""; }
size_t rubric_report_import_notes(const rubric_report *r) { return r->imported_note_count; }

/* A published report (.txt, .pdf, .xlsx, .docx) is imported first and its
** JSON read as any report is; the import's notes travel in its "imported"
** member, written in the report's language (rubric_report_set_lang). */
static rubric_status read_imported(rubric_report *r, const char *path, rubric_error *err) {
  rb_import_result res;
  char msg[1024];
  if (!rb_import_file_lang(path, (rb_import_langs){(rb_lang)r->lang, r->error_lang}, &res, msg, sizeof msg))
    return fail(err, r->error_lang, RUBRIC_E_DATA, "%s", msg);
  rb_report_error e;
  bool ok = rb_report_read_json(r, res.json, res.json_len, path, 0, &e);
  rb_import_result_free(&res);
  if (!ok) return fail(err, r->error_lang, RUBRIC_E_DATA, "%s", e.message);
  return succeed(err);
}

rubric_status rubric_report_read_file(rubric_report *r, const char *path, rubric_error *err) {
  rb_report_error e;
  rb_report_clear(r);
  if (rb_import_handles(path)) return read_imported(r, path, err);
  if (rb_report_read_file(r, path, &e)) return succeed(err);
  return fail(err, r->error_lang, RUBRIC_E_DATA, "%s", e.message);
}

rubric_status rubric_report_read_json(rubric_report *r, const char *text, size_t len, const char *source, int line,
                                      rubric_error *err) {
  rb_report_error e;
  rb_report_clear(r);
  if (rb_report_read_json(r, text, len, source, line, &e)) return succeed(err);
  return fail(err, r->error_lang, RUBRIC_E_DATA, "%s", e.message);
}

rubric_status rubric_report_read_json_padded(rubric_report *r, const char *text, size_t len, const char *source,
                                             int line, rubric_error *err) {
  rb_report_error e;
  rb_report_clear(r);
  if (rb_report_read_json_padded(r, text, len, source, line, &e)) return succeed(err);
  return fail(err, r->error_lang, RUBRIC_E_DATA, "%s", e.message);
}

/* ---- The tolerance ------------------------------------------------------ */

enum { TOLERANCE_DIGITS = 18 };

/* Whether t is within the ranges rubric.h gives: fewer than 19 digits of
** units, at most 18 places. */
static bool tolerance_valid(rubric_tolerance t) {
  return t.units < UINT64_C(1000000000000000000) && t.scale <= TOLERANCE_DIGITS;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* The grammar is rb_num_parse's ("165.52"; base/num.h) without its sign and
** exponent: digits, and optionally a point and more digits. */
rubric_status rubric_parse_tolerance(const char *text, rubric_tolerance *out, rubric_error *err) {
  return rubric_parse_tolerance_lang(text, env_lang() == RB_LANG_ZH ? RUBRIC_LANG_ZH : RUBRIC_LANG_EN, out, err);
}

rubric_status rubric_parse_tolerance_lang(const char *text, rubric_lang language, rubric_tolerance *out,
                                          rubric_error *err) {
  rb_lang lang = language == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
  size_t i = 0;
  while (is_digit(text[i])) i++;
  size_t whole_end = i, fraction = i, fraction_end = i;
  if (text[i] == '.') {
    fraction = ++i;
    while (is_digit(text[i])) i++;
    fraction_end = i;
  }
  if (text[i] || whole_end == 0 || (text[whole_end] == '.' && fraction_end == fraction))
    return fail(err, lang, RUBRIC_E_USAGE, "\"%s\" is not a plain decimal number of points, such as 0.01", text);
  /* Zeros that start the whole part or end the fraction are not digits of
  ** the value: units / 10^scale is read from the rest. */
  size_t lead = 0;
  while (lead < whole_end && text[lead] == '0') lead++;
  while (fraction_end > fraction && text[fraction_end - 1] == '0') fraction_end--;
  if ((whole_end - lead) + (fraction_end - fraction) > TOLERANCE_DIGITS)
    return fail(err, lang, RUBRIC_E_USAGE, "\"%s\" has more than %d digits: write a plain decimal such as 0.01", text,
                TOLERANCE_DIGITS);
  uint64_t units = 0;
  for (size_t k = lead; k < whole_end; k++) units = units * 10 + (uint64_t)(text[k] - '0');
  for (size_t k = fraction; k < fraction_end; k++) units = units * 10 + (uint64_t)(text[k] - '0');
  out->units = units;
  out->scale = (unsigned)(fraction_end - fraction);
  return succeed(err);
}

/* ---- Importing published reports ---------------------------------------- */

bool rubric_import_handles(const char *path) { return rb_import_handles(path); }

rubric_status rubric_import_file(const char *path, char **json, size_t *json_len, rubric_import_note_fn on_note,
                                 void *userdata, rubric_error *err) {
  return rubric_import_file_lang(path, env_lang() == RB_LANG_ZH ? RUBRIC_LANG_ZH : RUBRIC_LANG_EN, json, json_len,
                                 on_note, userdata, err);
}

rubric_status rubric_import_file_lang(const char *path, rubric_lang language, char **json, size_t *json_len,
                                      rubric_import_note_fn on_note, void *userdata, rubric_error *err) {
  rb_lang lang = language == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
  rb_import_result res;
  char msg[1024];
  /* The notes are the JSON's data, in Chinese; the message is a diagnostic. */
  if (!rb_import_file_lang(path, (rb_import_langs){RB_LANG_ZH, lang}, &res, msg, sizeof msg))
    return fail(err, lang, RUBRIC_E_DATA, "%s", msg);
  for (size_t k = 0; on_note && k < res.note_count; k++) {
    const char *where = res.notes[k].where ? res.notes[k].where : path;
    on_note(userdata, where, rb_import_note_kind_name(res.notes[k].kind), res.notes[k].message);
  }
  *json = res.json;
  *json_len = res.json_len;
  res.json = NULL;
  rb_import_result_free(&res);
  return succeed(err);
}

/* ---- Running ------------------------------------------------------------ */

/* The VM and result of the interface carry the tolerance, which the layers
** below take as an exact number on each comparison. */
struct rubric_vm {
  rb_vm *vm;
  rubric_tolerance tolerance;
  rb_lang error_lang; /* of rubric_run's errors (rubric_vm_set_error_lang) */
};

/* struct rubric_result: api/api_result.h, shared with api/result_read.c. */

static const rubric_tolerance default_tolerance = {1, 2}; /* 0.01 points */

rubric_status rubric_vm_new(const rubric_program *p, rubric_vm **out, rubric_error *err) {
  rubric_vm *vm = malloc(sizeof *vm);
  if (vm && !(vm->vm = rb_vm_new(p))) {
    free(vm);
    vm = NULL;
  }
  *out = vm;
  if (!vm) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
  vm->tolerance = default_tolerance;
  vm->error_lang = RB_LANG_EN;
  return succeed(err);
}

void rubric_vm_free(rubric_vm *vm) {
  if (!vm) return;
  rb_vm_free(vm->vm);
  free(vm);
}

void rubric_vm_set_explain(rubric_vm *vm, bool on) { rb_vm_set_explain(vm->vm, on); }
void rubric_vm_set_unread(rubric_vm *vm, bool on) { rb_vm_set_unread(vm->vm, on); }
void rubric_vm_set_error_lang(rubric_vm *vm, rubric_lang lang) {
  vm->error_lang = lang == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
  rb_vm_set_error_lang(vm->vm, vm->error_lang);
}

rubric_status rubric_vm_set_tolerance(rubric_vm *vm, rubric_tolerance t, rubric_error *err) {
  if (!tolerance_valid(t))
    return fail(err, vm->error_lang, RUBRIC_E_USAGE, "a tolerance has fewer than 19 digits and at most 18 places");
  vm->tolerance = t;
  return succeed(err);
}

rubric_status rubric_result_new(rubric_result **out, rubric_error *err) {
  rubric_result *res = malloc(sizeof *res);
  if (res && !(res->res = rb_result_new())) {
    free(res);
    res = NULL;
  }
  *out = res;
  if (!res) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
  res->tolerance = default_tolerance;
  return succeed(err);
}

void rubric_result_free(rubric_result *res) {
  if (!res) return;
  rb_result_free(res->res);
  free(res);
}

/* The tolerance as an exact number in the result's context. */
static rb_num tolerance_num(const rubric_result *res) {
  rb_num t;
  if (!rb_num_decimal(res->res->nums, (int64_t)res->tolerance.units, (int)res->tolerance.scale, &t))
    rb_num_frac(res->res->nums, 1, 100, &t); /* not reached: the VM took only valid tolerances */
  return t;
}

rubric_status rubric_run(rubric_vm *vm, const rubric_report *r, rubric_result *res, rubric_error *err) {
  res->tolerance = vm->tolerance;
  if (!rb_vm_run(vm->vm, r, res->res)) return fail(err, vm->error_lang, RUBRIC_E_DATA, "%s", res->res->error);
  rb_result_compare(res->res, tolerance_num(res));
  return succeed(err);
}

/* rubric_result_challenged for a result whose total's difference is known
** (NULL when it has none): the summary has it already. */
static bool challenged_by(const rubric_result *res, const rb_num *delta) {
  const rb_result *r = res->res;
  if (!r->ok) return true;
  for (uint32_t i = 0; i < r->finding_count; i++)
    if (r->findings[i].kind == RB_FINDING_CHECK_FAILED || r->findings[i].kind == RB_FINDING_UNSCORED) return true;
  if (!delta) return false;
  rb_num t = tolerance_num(res), a;
  rb_num_abs(r->nums, *delta, &a);
  return rb_num_cmp(a, t) > 0;
}

bool rubric_result_challenged(const rubric_result *res) {
  rb_num d;
  bool has_delta = res->res->ok && rb_result_delta(res->res, &d);
  return challenged_by(res, has_delta ? &d : NULL);
}

rubric_status rubric_result_write(const rubric_result *res, rubric_format format, FILE *out, bool color,
                                  rubric_error *err) {
  switch (format) {
  case RUBRIC_FORMAT_JSON: rb_result_write_json(res->res, out); break;
  case RUBRIC_FORMAT_MARKDOWN: rb_result_write_markdown(res->res, out); break;
  case RUBRIC_FORMAT_HTML: {
    rb_lang lang = rb_lang_from_env();
    const rb_result *r = res->res;
    rb_html_begin(out, lang, r->program ? r->program->title : "rubric");
    if (r->ok) rb_html_report(out, lang, r, 0, false);
    else rb_html_failed(out, lang, r->report && r->report->id ? r->report->id : "", r->error, 0);
    rb_html_end(out);
    break;
  }
  default: rb_result_write_text(res->res, out, color); break;
  }
  return stream_status(out, err);
}

rubric_lang rubric_lang_default(void) { return rb_lang_from_env() == RB_LANG_EN ? RUBRIC_LANG_EN : RUBRIC_LANG_ZH; }

rubric_status rubric_parse_lang(const char *text, rubric_lang *out, rubric_error *err) {
  if (strcmp(text, "zh") == 0) *out = RUBRIC_LANG_ZH;
  else if (strcmp(text, "en") == 0) *out = RUBRIC_LANG_EN;
  else return fail(err, env_lang(), RUBRIC_E_USAGE, "--lang: \"%s\" is not a language rubric speaks (zh or en)", text);
  return succeed(err);
}

rubric_status rubric_explain(rubric_vm *vm, rubric_report *r, const rubric_result *res, const char *path,
                             rubric_format format, rubric_lang lang, FILE *out, rubric_error *err) {
  if (!res->res->ok) return fail(err, vm->error_lang, RUBRIC_E_DATA, "%s", res->res->error);
  char why[512] = "";
  if (!rb_explain(vm->vm, r, res->res, path, format == RUBRIC_FORMAT_JSON,
                  lang == RUBRIC_LANG_EN ? RB_LANG_EN : RB_LANG_ZH, out, why, sizeof why))
    return fail(err, env_lang(), strcmp(why, "out of memory") == 0 ? RUBRIC_E_MEMORY : RUBRIC_E_USAGE, "%s", why);
  return stream_status(out, err);
}

static rb_lang lang_of(rubric_lang lang) { return lang == RUBRIC_LANG_EN ? RB_LANG_EN : RB_LANG_ZH; }

void rubric_vm_set_lang(rubric_vm *vm, rubric_lang lang) { rb_vm_set_lang(vm->vm, lang_of(lang)); }
void rubric_report_set_lang(rubric_report *r, rubric_lang lang) { rb_report_set_lang(r, lang_of(lang)); }

rubric_status rubric_result_write_lang(const rubric_result *res, rubric_format format, rubric_lang lang, FILE *out,
                                       bool color, rubric_error *err) {
  if (format == RUBRIC_FORMAT_MARKDOWN) rb_result_write_markdown_lang(res->res, out, lang_of(lang));
  else if (format != RUBRIC_FORMAT_TEXT) return rubric_result_write(res, format, out, color, err);
  else rb_result_write_text_lang(res->res, out, color, lang_of(lang));
  return stream_status(out, err);
}

rubric_status rubric_html_begin(FILE *out, rubric_lang lang, const char *title, rubric_error *err) {
  rb_html_begin(out, lang_of(lang), title ? title : "rubric");
  return stream_status(out, err);
}

rubric_status rubric_html_report(const rubric_result *res, rubric_lang lang, unsigned long index, bool compact,
                                 FILE *out, rubric_error *err) {
  const rb_result *r = res->res;
  if (!r->ok) rb_html_failed(out, lang_of(lang), r->report && r->report->id ? r->report->id : "", r->error, index);
  else rb_html_report(out, lang_of(lang), r, index, compact);
  return stream_status(out, err);
}

rubric_status rubric_html_failed(const char *id, const char *message, rubric_lang lang, unsigned long index,
                                 FILE *out, rubric_error *err) {
  rb_html_failed(out, lang_of(lang), id ? id : "", message ? message : "", index);
  return stream_status(out, err);
}

rubric_status rubric_html_end(FILE *out, rubric_error *err) {
  rb_html_end(out);
  return stream_status(out, err);
}

void rubric_batch_row_of(const rubric_result *res, rubric_batch_row *out) {
  rubric_summary s;
  rubric_result_summary(res, &s);
  memset(out, 0, sizeof *out);
  snprintf(out->id, sizeof out->id, "%s", s.id);
  out->failed = !res->res->ok;
  out->challenged = s.challenged;
  snprintf(out->total, sizeof out->total, "%s", s.total);
  snprintf(out->grade, sizeof out->grade, "%s", s.grade);
  snprintf(out->self_grade, sizeof out->self_grade, "%s", s.self_grade);
  rb_num d;
  if (res->res->ok && rb_result_delta(res->res, &d)) {
    out->has_delta = true;
    out->delta = rb_num_to_double(d);
    snprintf(out->delta_text, sizeof out->delta_text, "%s%s", rb_num_sign(d) > 0 ? "+" : "", s.delta);
  }
}

rubric_status rubric_html_batch(FILE *out, rubric_lang lang, const char *rubric_title, const rubric_batch_row *rows,
                                size_t count, rubric_error *err) {
  rb_html_row *r = calloc(count ? count : 1, sizeof *r);
  if (!r) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
  for (size_t i = 0; i < count; i++)
    r[i] = (rb_html_row){.id = rows[i].id, .failed = rows[i].failed, .challenged = rows[i].challenged,
                         .has_delta = rows[i].has_delta, .delta = rows[i].delta, .delta_text = rows[i].delta_text,
                         .total = rows[i].total, .grade = rows[i].grade, .self_grade = rows[i].self_grade};
  rb_html_batch(out, lang_of(lang), rubric_title ? rubric_title : "", r, count);
  free(r);
  return stream_status(out, err);
}

void rubric_result_summary(const rubric_result *result, rubric_summary *out) {
  const rb_result *res = result->res;
  memset(out, 0, sizeof *out);
  const rb_report *r = res->report;
  out->id = r && r->id ? r->id : "";
  out->unit = r && r->unit ? r->unit : "";
  out->title = r && r->title ? r->title : "";
  out->year = r && r->has_year ? r->year : 0;
  out->grade = res->ok && res->grade ? res->grade : "";
  out->self_grade = res->self_grade ? res->self_grade : "";
  out->top_finding = "";
  if (!res->ok) return;
  int places = res->program ? res->program->rounding.places : 2;
  rb_num_format_fixed(res->total, places, out->total, sizeof out->total);
  rb_num d;
  bool has_delta = false;
  if (res->has_self_total) {
    rb_num_format(res->self_total, out->self_total, sizeof out->self_total);
    has_delta = rb_result_delta(res, &d);
    if (has_delta) rb_num_format_fixed(d, places, out->delta, sizeof out->delta);
  }
  out->findings = res->finding_count;
  /* The others are ranked and their messages made only if written. */
  const rb_finding *top = rb_result_top(res);
  if (top) out->top_finding = top->message ? top->message : "";
  out->challenged = challenged_by(result, has_delta ? &d : NULL);
}

/* ---- Output files ------------------------------------------------------- */

struct rubric_output {
  rb_file_out file;
};

rubric_status rubric_output_open(const char *path, rubric_output **out, rubric_error *err) {
  return rubric_output_open_lang(path, env_lang() == RB_LANG_ZH ? RUBRIC_LANG_ZH : RUBRIC_LANG_EN, out, err);
}

rubric_status rubric_output_open_lang(const char *path, rubric_lang language, rubric_output **out, rubric_error *err) {
  rb_lang lang = language == RUBRIC_LANG_ZH ? RB_LANG_ZH : RB_LANG_EN;
  *out = malloc(sizeof **out);
  if (!*out)
    return fail(err, lang, RUBRIC_E_MEMORY, "out of memory writing %s",
                path ? path : rb_text_from_en(lang, "standard output"));
  char scratch[512];
  rubric_status s = file_status(rb_file_out_open_lang(&(*out)->file, lang, path, MESSAGE_BUFFER(err, scratch)), err);
  if (s != RUBRIC_OK) {
    free(*out);
    *out = NULL;
  }
  return s;
}

rubric_status rubric_output_write(rubric_output *o, const void *data, size_t len, rubric_error *err) {
  if (rb_file_out_write(&o->file, data, len)) return succeed(err);
  rb_lang lang = o->file.lang;
  return fail(err, lang, RUBRIC_E_IO, "cannot write %s: %s",
              o->file.target ? o->file.target : rb_text_from_en(lang, "standard output"),
              rb_strerror_lang(lang, o->file.error));
}

rubric_status rubric_output_commit(rubric_output *o, rubric_error *err) {
  char scratch[512];
  rubric_status s = file_status(rb_file_out_commit(&o->file, MESSAGE_BUFFER(err, scratch)), err);
  free(o);
  return s;
}

void rubric_output_abort(rubric_output *o) {
  if (!o) return;
  rb_file_out_abort(&o->file);
  free(o);
}

/* ---- The value notation ------------------------------------------------- */

rubric_status rubric_value_json(const char *text, size_t len, int year, FILE *out, rubric_error *err) {
  rb_numctx *cx = rb_numctx_new();
  rb_arena arena;
  rb_arena_init(&arena);
  rb_measure m;
  bool ok = cx && rb_notation_read(cx, &arena, text, len, year, &m);
  if (ok) rb_measure_write_json(out, &m);
  rb_arena_free(&arena);
  rb_numctx_free(cx);
  if (!ok) return fail(err, env_lang(), RUBRIC_E_MEMORY, "out of memory");
  return stream_status(out, err);
}

/* ---- Tools for rubric authors ------------------------------------------- */

rubric_status rubric_test(const char *const *paths, size_t count, const rubric_test_options *opts, FILE *out,
                          rubric_test_counts *counts, rubric_error *err) {
  rb_test_options o = {0};
  o.out = out;
  o.lang = RB_LANG_EN;
  o.diagnostics = opts && opts->diagnostics ? opts->diagnostics : stderr;
  if (opts) {
    o.color = opts->color;
    o.verbose = opts->verbose;
    o.coverage = opts->coverage;
    o.coverage_text = opts->coverage_text;
    o.coverage_json = opts->coverage_json;
    o.min_coverage = opts->min_coverage;
    o.lang = rb_diag_lang_of(opts->locale);
  }
  rb_test_counts c;
  int status = rb_test_run(paths, count, &o, &c);
  counts->passed = c.passed;
  counts->failed = c.failed;
  counts->files = c.files;
  counts->below_floor = c.below_floor;
  if (status != 0) return fail(err, o.lang, RUBRIC_E_IO, "a path could not be read");
  return stream_status(out, err);
}

rubric_status rubric_format_source(const char *name, const char *text, size_t len, const rubric_options *opts, char **out,
                            size_t *out_len, rubric_error *err) {
  rb_diags d;
  rb_diags_init(&d);
  d.lang = options_lang(opts);
  *out = NULL;
  *out_len = 0;
  int status = rb_fmt(name, text, len, &d, out, out_len);
  deliver(&d, opts);
  int errors = d.errors;
  rb_diags_free(&d);
  if (status == 1)
    return fail(err, d.lang, RUBRIC_E_RUBRIC, "%s: %d error%s in the rubric", name, errors, errors == 1 ? "" : "s");
  if (status != 0) return fail(err, d.lang, RUBRIC_E_MEMORY, "out of memory");
  return succeed(err);
}

rubric_status rubric_diff(FILE *out, const char *name_a, const char *a, size_t a_len, const char *name_b, const char *b,
                          size_t b_len, rubric_error *err) {
  rb_diff_write(out, name_a, a, a_len, name_b, b, b_len);
  return stream_status(out, err);
}

rubric_status rubric_lsp(FILE *in, FILE *out, FILE *log, int *exit_code, rubric_error *err) {
  *exit_code = rb_lsp_serve(in, out, log);
  return stream_status(out, err);
}
