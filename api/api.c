/*
** api.c — the public interface (include/rubric.h) over the library's layers.
**
** Each function here is a thin adapter: the compiler, the VM, the report
** readers and the output writers do the work.  This is the only file that
** knows all of them, and the command-line tool knows only this interface.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiler/compile.h"
#include "compiler/diag.h"
#include "import/import.h"
#include "report/notation.h"
#include "report/report.h"
#include "rubric.h"
#include "vm/disasm.h"
#include "vm/native.h"
#include "vm/result.h"
#include "vm/vm.h"

/* ---- Diagnostics -------------------------------------------------------- */

/* Hand every diagnostic to the callback, in the order rb_diags_print uses,
** each rendered as it would be printed. */
static void deliver(const rb_diags *d, const rubric_options *opts) {
  if (!opts || !opts->on_diagnostic || d->count == 0) return;
  /* Sorted the same way as rb_diags_print: by file and place, each note
  ** right after its parent (a stable insertion sort of indices). */
  size_t *order = malloc(d->count * sizeof *order);
  if (!order) return;
  for (size_t i = 0; i < d->count; i++) order[i] = i;
  for (size_t i = 1; i < d->count; i++) {
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
    const rb_diag *g = &d->items[order[i]];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) continue;
    rb_diag_print_one(d, g, f, opts->color);
    fclose(f);
    rubric_diagnostic out = {0};
    out.severity = g->severity == RB_SEV_ERROR ? RUBRIC_ERROR : g->severity == RB_SEV_WARNING ? RUBRIC_WARNING
                                                                                              : RUBRIC_NOTE;
    if (g->file < d->file_count) {
      out.file = d->files[g->file].name;
      rb_source_position(&d->files[g->file], g->start, &out.line, &out.column);
    }
    out.message = g->message;
    out.hint = g->hint;
    out.rendered = text ? text : "";
    opts->on_diagnostic(opts->userdata, &out);
    free(text);
  }
  free(order);
}

rubric_program *rubric_compile(const char *path, const rubric_options *opts, int *errors, int *warnings) {
  rb_diags d;
  rb_diags_init(&d);
  rb_program *p = rb_compile_file(path, &d);
  deliver(&d, opts);
  if (errors) *errors = d.errors;
  if (warnings) *warnings = d.warnings;
  rb_diags_free(&d);
  return p;
}

/* Read a whole file; NULL with a message on failure. */
static uint8_t *slurp(const char *path, size_t *len, char *err, size_t err_size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
    return NULL;
  }
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      uint8_t *b = realloc(buf, cap * 2);
      if (!b) {
        free(buf);
        buf = NULL;
        break;
      }
      buf = b;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  bool bad = ferror(f);
  fclose(f);
  if (!buf || bad) {
    free(buf);
    snprintf(err, err_size, "cannot read %s", path);
    return NULL;
  }
  *len = n;
  return buf;
}

rubric_program *rubric_load(const char *path, const rubric_options *opts, char *err, size_t err_size) {
  size_t len = 0;
  uint8_t *data = slurp(path, &len, err, err_size);
  if (!data) return NULL;
  rb_program *p = NULL;
  if (len >= 4 && memcmp(data, "RBC\x1a", 4) == 0) {
    char why[512];
    p = rb_program_deserialize(data, len, why, sizeof why);
    if (!p) snprintf(err, err_size, "%s: not a valid compiled rubric: %s", path, why);
  } else {
    int errors = 0;
    p = rubric_compile(path, opts, &errors, NULL);
    if (!p) snprintf(err, err_size, "%s: %d error%s in the rubric", path, errors, errors == 1 ? "" : "s");
  }
  free(data);
  return p;
}

bool rubric_save(const rubric_program *p, const char *path, char *err, size_t err_size) {
  uint8_t *img = NULL;
  size_t len = 0;
  if (!rb_program_serialize(p, &img, &len)) {
    snprintf(err, err_size, "out of memory");
    return false;
  }
  /* A device or pipe (/dev/null) is written directly, never replaced. */
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(img, 1, len, f) == len;
    if (f && fclose(f) != 0) ok = false;
    free(img);
    if (!ok) snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
    return ok;
  }
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  bool ok = f && fwrite(img, 1, len, f) == len;
  if (f && fclose(f) != 0) ok = false;
  free(img);
  if (!ok || rename(tmp, path) != 0) {
    snprintf(err, err_size, "cannot write %s: %s", path, strerror(errno));
    remove(tmp);
    return false;
  }
  return true;
}

void rubric_disassemble(const rubric_program *p, FILE *out) { rb_disasm(p, out); }
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

rubric_natives *rubric_natives_new(void) { return calloc(1, sizeof(rubric_natives)); }

bool rubric_natives_allow(rubric_natives *n, const char *library) {
  if (strcmp(library, "all") == 0) {
    n->policy.allow_all = true;
    return true;
  }
  char **a = realloc(n->allowed, (n->allowed_count + 1) * sizeof *a);
  if (!a) return false;
  n->allowed = a;
  if (!(a[n->allowed_count] = strdup(library))) return false;
  n->allowed_count++;
  n->policy.allowed = (const char *const *)n->allowed;
  n->policy.allowed_count = n->allowed_count;
  return true;
}

bool rubric_natives_register(rubric_natives *n, const char *name, void (*fn)(void), rubric_ctype result,
                             int param_count, const rubric_ctype *params) {
  if (!name || !fn || param_count < 0 || param_count > RB_MAX_NATIVE_PARAMS || result == RUBRIC_LIST ||
      (unsigned)result >= RB_NTYPE_COUNT)
    return false;
  for (int i = 0; i < param_count; i++)
    if ((unsigned)params[i] >= RB_NTYPE_COUNT) return false;
  rb_host_function *h = realloc(n->host, (n->host_count + 1) * sizeof *h);
  if (!h) return false;
  n->host = h;
  char **names = realloc(n->host_names, (n->host_count + 1) * sizeof *names);
  if (!names) return false;
  n->host_names = names;
  if (!(names[n->host_count] = strdup(name))) return false;
  rb_host_function *f = &h[n->host_count];
  memset(f, 0, sizeof *f);
  f->name = names[n->host_count];
  f->fn = fn;
  f->result = (uint8_t)result;
  f->param_count = (uint8_t)param_count;
  for (int i = 0; i < param_count; i++) f->params[i] = (uint8_t)params[i];
  n->host_count++;
  n->policy.host = n->host;
  n->policy.host_count = n->host_count;
  return true;
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

bool rubric_link(rubric_program *p, const rubric_natives *n, char *err, size_t err_size) {
  return rb_program_link(p, n ? &n->policy : NULL, err, err_size);
}

/* ---- Reports ------------------------------------------------------------ */

rubric_report *rubric_report_new(void) { return rb_report_new(); }
void rubric_report_free(rubric_report *r) { rb_report_free(r); }
const char *rubric_report_id(const rubric_report *r) { return r->id ? r->id : ""; }

/* A published report (.txt, .pdf) is imported first and its JSON read as
** any report is; the import's notes travel in its "imported" member. */
static bool read_imported(rubric_report *r, const char *path, char *err, size_t err_size) {
  rb_import_result res;
  if (!rb_import_file(path, &res, err, err_size)) return false;
  rb_report_error e;
  bool ok = rb_report_read_json(r, res.json, res.json_len, path, 0, &e);
  if (!ok) snprintf(err, err_size, "%s", e.message);
  rb_import_result_free(&res);
  return ok;
}

bool rubric_report_read_file(rubric_report *r, const char *path, char *err, size_t err_size) {
  rb_report_error e;
  rb_report_clear(r);
  if (rb_import_handles(path)) return read_imported(r, path, err, err_size);
  if (rb_report_read_file(r, path, &e)) return true;
  snprintf(err, err_size, "%s", e.message);
  return false;
}

bool rubric_report_read_json(rubric_report *r, const char *text, size_t len, const char *source, int line,
                             char *err, size_t err_size) {
  rb_report_error e;
  rb_report_clear(r);
  if (rb_report_read_json(r, text, len, source, line, &e)) return true;
  snprintf(err, err_size, "%s", e.message);
  return false;
}

/* ---- Importing published reports ---------------------------------------- */

bool rubric_import_handles(const char *path) { return rb_import_handles(path); }

bool rubric_import_file(const char *path, char **json, size_t *json_len, rubric_import_note_fn on_note,
                        void *userdata, char *err, size_t err_size) {
  rb_import_result res;
  if (!rb_import_file(path, &res, err, err_size)) return false;
  for (size_t k = 0; on_note && k < res.note_count; k++) {
    char where[4096];
    if (res.notes[k].line > 0) snprintf(where, sizeof where, "%s:%d", path, res.notes[k].line);
    else snprintf(where, sizeof where, "%s", path);
    on_note(userdata, where, rb_import_note_kind_name(res.notes[k].kind), res.notes[k].message);
  }
  *json = res.json;
  *json_len = res.json_len;
  res.json = NULL;
  rb_import_result_free(&res);
  return true;
}

/* ---- Running ------------------------------------------------------------ */

rubric_vm *rubric_vm_new(const rubric_program *p) { return rb_vm_new(p); }
void rubric_vm_free(rubric_vm *vm) { rb_vm_free(vm); }
void rubric_vm_set_explain(rubric_vm *vm, bool on) { rb_vm_set_explain(vm, on); }
void rubric_vm_set_unread(rubric_vm *vm, bool on) { rb_vm_set_unread(vm, on); }
rubric_result *rubric_result_new(void) { return rb_result_new(); }
void rubric_result_free(rubric_result *res) { rb_result_free(res); }

static rb_num parse_tolerance(rb_numctx *cx, const char *tolerance) {
  rb_num t;
  if (!tolerance || !rb_num_parse(cx, tolerance, strlen(tolerance), &t)) rb_num_frac(cx, 1, 100, &t);
  return t;
}

bool rubric_run(rubric_vm *vm, const rubric_report *r, rubric_result *res, const char *tolerance) {
  bool ok = rb_vm_run(vm, r, res);
  if (ok) rb_result_compare(res, parse_tolerance(res->nums, tolerance));
  return ok;
}

const char *rubric_result_error(const rubric_result *res) { return res->ok ? NULL : res->error; }

bool rubric_result_challenged(const rubric_result *res, const char *tolerance) {
  if (!res->ok) return true;
  for (uint32_t i = 0; i < res->finding_count; i++)
    if (res->findings[i].kind == RB_FINDING_CHECK_FAILED || res->findings[i].kind == RB_FINDING_UNSCORED) return true;
  rb_num d;
  if (!rb_result_delta(res, &d)) return false;
  rb_num t = parse_tolerance(res->nums, tolerance), a;
  rb_num_abs(res->nums, d, &a);
  return rb_num_cmp(a, t) > 0;
}

void rubric_result_write(const rubric_result *res, rubric_format format, FILE *out, bool color) {
  switch (format) {
  case RUBRIC_FORMAT_JSON: rb_result_write_json(res, out); break;
  case RUBRIC_FORMAT_MARKDOWN: rb_result_write_markdown(res, out); break;
  default: rb_result_write_text(res, out, color); break;
  }
}

bool rubric_value_json(const char *text, size_t len, int year, FILE *out) {
  rb_numctx *cx = rb_numctx_new();
  rb_arena arena;
  rb_arena_init(&arena);
  rb_measure m;
  bool ok = cx && rb_notation_read(cx, &arena, text, len, year, &m);
  if (ok) rb_measure_write_json(out, &m);
  rb_arena_free(&arena);
  rb_numctx_free(cx);
  return ok;
}

void rubric_result_summary(const rubric_result *res, const char *tolerance, rubric_summary *out) {
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
  if (res->has_self_total) {
    rb_num_format(res->self_total, out->self_total, sizeof out->self_total);
    rb_num d;
    if (rb_result_delta(res, &d)) rb_num_format_fixed(d, places, out->delta, sizeof out->delta);
  }
  out->findings = res->finding_count;
  if (res->finding_count) {
    rb_result_messages(res, 0, 1); /* the others are made only if written */
    out->top_finding = res->findings[0].message ? res->findings[0].message : "";
  }
  out->challenged = rubric_result_challenged(res, tolerance);
}
