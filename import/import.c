/*
** import.c — the importer's entry points: decide what the text holds, run the
** reader for its layout, and hand back the JSON and the notes.
**
** The layout is decided from the indicator table's header, never from the
** file's name: the line that names 三级指标 (or 指标名称).  Tabs between its
** cells: a grid (table_grid.c).  Header words standing in columns apart, with
** runs of spaces between them: `pdftotext -layout` output (table_layout.c).
** Otherwise the cells follow one another, a few to a line, as plain
** `pdftotext` and most copy-and-paste give them (table_flow.c).  A text with
** no such header is still a report: its prose gives the name, the year, the
** budget, the total and the grade (prose.c), and a note says no table was
** found.
**
** PDF files are read through `pdftotext -layout` from poppler-utils, started
** without a shell (posix_spawnp) so that no file name is ever interpreted.
*/
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/text_encoding.h"
#include "base/utf8.h"
#include "import/import_private.h"

extern char **environ;

static const char *const note_kind_names[] = {
#define X(name, text) text,
    RB_IMPORT_NOTE_KINDS(X)
#undef X
};

const char *rb_import_note_kind_name(rb_import_note_kind kind) {
  return (unsigned)kind < RB_IMPORT_NOTE_KIND_COUNT ? note_kind_names[kind] : "note";
}

void rb_import_result_free(rb_import_result *res) {
  if (!res) return;
  free(res->json);
  for (size_t k = 0; k < res->note_count; k++) free(res->notes[k].message), free(res->notes[k].where);
  free(res->notes);
  memset(res, 0, sizeof *res);
}

bool imp_fail(imp_error *e, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(e->buf, e->size, rb_from_en(e->lang, fmt), ap);
  va_end(ap);
  return false;
}

/* Copy the notes out of the arena for the caller. */
static bool copy_notes(imp_ctx *cx, rb_import_result *out) {
  if (cx->note_count == 0) return true;
  out->notes = calloc(cx->note_count, sizeof *out->notes);
  if (!out->notes) return false;
  for (size_t k = 0; k < cx->note_count; k++) {
    out->notes[k] = cx->notes[k];
    out->notes[k].message = strdup(cx->notes[k].message);
    char *where = imp_where(cx, cx->notes[k].line);
    out->notes[k].where = where ? strdup(where) : NULL;
    if (!out->notes[k].message || !out->notes[k].where) {
      free(out->notes[k].message);
      free(out->notes[k].where);
      return false;
    }
    out->note_count = k + 1;
  }
  return true;
}

/* Which reader the header calls for: 'g' grid, 'l' layout, 'f' flow, 0 none. */
static char detect_layout(imp_ctx *cx) {
  for (size_t i = 0; i < cx->line_count; i++) {
    const imp_line *l = &cx->lines[i];
    char *squeezed = imp_squeeze(cx, l->text, l->len);
    if (!squeezed || (!strstr(squeezed, "三级指标") && !strstr(squeezed, "指标名称"))) continue;
    if (memchr(l->text, '\t', l->len)) return 'g';
    /* Header words apart: two or more named columns, each after a gap. */
    imp_word words[64];
    size_t n = imp_words(l->text, l->len, words, 64);
    int apart = 0;
    for (size_t k = 0; k < n; k++) {
      imp_col c = imp_header_column(words[k].text, words[k].len);
      if (c != COL_COUNT && words[k].after_gap && k > 0) apart++;
    }
    return apart >= 2 ? 'l' : 'f';
  }
  return 0;
}

/* The id and source are copied into the arena; the text is decoded first. */
static bool import_decoded(const char *text, size_t len, const char *source, const char *id,
                           const imp_origin *origins, size_t origin_count, rb_import_langs langs,
                           rb_import_result *out, imp_error *err) {
  imp_ctx cx;
  memset(&cx, 0, sizeof cx);
  cx.lang = langs.notes == RB_LANG_EN ? RB_LANG_EN : RB_LANG_ZH;
  cx.origins = origins;
  cx.origin_count = origin_count;
  rb_arena_init(&cx.arena);
  cx.source = imp_strndup(&cx, source, strlen(source));
  cx.id = imp_strndup(&cx, id, strlen(id));
  bool ok = cx.source && cx.id && imp_split_lines(&cx, text, len);
  if (ok) {
    char layout = detect_layout(&cx);
    bool found = layout == 'g' ? imp_read_grid(&cx) : layout == 'l' ? imp_read_layout(&cx)
                               : layout == 'f' ? imp_read_flow(&cx) : false;
    if (!found) {
      cx.layout = "none";
      imp_note(&cx, RB_IMPORT_LAYOUT, 0, "没有找到指标表（表头含「三级指标」的表格），报告只含正文中的数字");
    }
    imp_rows_finish(&cx);
    imp_read_prose(&cx);
    ok = !cx.nomem && imp_emit(&cx, out) && copy_notes(&cx, out);
    out->layout = cx.layout && strcmp(cx.layout, "tabs") == 0     ? "tabs"
                  : cx.layout && strcmp(cx.layout, "layout") == 0 ? "layout"
                  : cx.layout && strcmp(cx.layout, "flow") == 0   ? "flow"
                                                                 : "none";
    out->indicator_count = cx.indicator_count;
  }
  rb_arena_free(&cx.arena);
  if (!ok) {
    rb_import_result_free(out);
    imp_fail(err, "%s: out of memory", source);
  }
  return ok;
}

bool rb_import_text(const char *text, size_t len, const char *source, const char *id, rb_import_result *out,
                    char *err, size_t err_size) {
  return rb_import_text_lang(text, len, source, id, (rb_import_langs){RB_LANG_ZH, RB_LANG_EN}, out, err, err_size);
}

bool rb_import_text_lang(const char *text, size_t len, const char *source, const char *id, rb_import_langs langs,
                         rb_import_result *out, char *err_buf, size_t err_size) {
  imp_error err[1] = {{err_buf, err_size, langs.errors}};
  memset(out, 0, sizeof *out);
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) text += 3, len -= 3;
  if (memchr(text, '\0', len)) return imp_fail(err, "%s: not a text file (it contains NUL bytes)", source);
  if (rb_utf8_valid_length(text, len) == len)
    return import_decoded(text, len, source, id, NULL, 0, langs, out, err);
  char *converted = NULL;
  size_t converted_len = 0;
  switch (rb_text_from_gb18030(text, len, &converted, &converted_len)) {
  case RB_GB18030_OK: break;
  case RB_GB18030_NOMEM: return imp_fail(err, "%s: out of memory", source);
  default:
    return imp_fail(err, "%s: not UTF-8 text, and not GB18030 (GBK) either; save the text as UTF-8", source);
  }
  bool ok = import_decoded(converted, converted_len, source, id, NULL, 0, langs, out, err);
  free(converted);
  return ok;
}

/* Whether path ends with ext, ignoring ASCII case. */
static bool has_extension(const char *path, const char *ext) {
  size_t n = strlen(path), e = strlen(ext);
  if (n <= e) return false;
  for (size_t i = 0; i < e; i++) {
    char c = path[n - e + i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != ext[i]) return false;
  }
  return true;
}

bool rb_import_handles(const char *path) {
  return has_extension(path, ".txt") || has_extension(path, ".pdf") || has_extension(path, ".xlsx") ||
         has_extension(path, ".docx") || has_extension(path, ".xls");
}

/* An Excel or Word file: its rows as text, imported with their origins. */
static bool import_office(const char *path, const char *id, bool word, rb_import_langs langs,
                          rb_import_result *out, imp_error *err) {
  char *text, **names;
  size_t len, origin_count, name_count;
  imp_origin *origins;
  if (!imp_office_read(path, word, &text, &len, &origins, &origin_count, &names, &name_count, err))
    return false;
  bool ok;
  if (rb_utf8_valid_length(text, len) != len || memchr(text, '\0', len)) {
    ok = imp_fail(err, "%s: its text is not valid UTF-8 (a damaged file?)", path);
  } else {
    ok = import_decoded(text, len, path, id, origins, origin_count, langs, out, err);
  }
  free(text);
  free(origins);
  for (size_t k = 0; k < name_count; k++) free(names[k]);
  free(names);
  return ok;
}

/* Read all of fd into a malloc'd buffer; NULL on failure. */
static char *read_fd(int fd, size_t *len) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      char *bigger = realloc(buf, cap * 2);
      if (!bigger) break;
      buf = bigger;
      cap *= 2;
    }
    ssize_t got = read(fd, buf + n, cap - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) break;
    if (got == 0) {
      *len = n;
      return buf;
    }
    n += (size_t)got;
  }
  free(buf);
  return NULL;
}

/* Whether the len bytes of text are all spaces, tabs, line and page breaks. */
static bool only_blanks(const char *text, size_t len) {
  for (size_t i = 0; i < len; i++)
    if (!memchr(" \t\r\n\f", text[i], 5)) return false;
  return true;
}

/* The text `pdftotext -layout FILE -` writes, or NULL with a message. */
static char *pdf_text(const char *path, size_t *len, imp_error *err) {
  /* A file that cannot be opened is said so here, in the import's language,
  ** rather than by pdftotext in English and as a PDF it could not read. */
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    imp_fail(err, "%s: cannot open: %s", path, rb_strerror_lang(err->lang, errno));
    return NULL;
  }
  close(fd);
  int pipefd[2];
  if (pipe(pipefd) != 0) {
    imp_fail(err, "%s: cannot run pdftotext: %s", path, rb_strerror_lang(err->lang, errno));
    return NULL;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipefd[0]);
  posix_spawn_file_actions_addclose(&actions, pipefd[1]);
  /* posix_spawnp takes char *const argv[]: writable copies, as it asks. */
  char arg0[] = "pdftotext", arg1[] = "-layout", arg2[] = "-enc", arg3[] = "UTF-8", arg5[] = "-";
  char *file = strdup(path);
  if (!file) {
    close(pipefd[0]);
    close(pipefd[1]);
    imp_fail(err, "%s: out of memory", path);
    return NULL;
  }
  char *argv[] = {arg0, arg1, arg2, arg3, file, arg5, NULL};
  pid_t pid;
  int rc = posix_spawnp(&pid, "pdftotext", &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  free(file);
  close(pipefd[1]);
  if (rc != 0) {
    close(pipefd[0]);
    if (rc == ENOENT)
      imp_fail(err,
               "%s: reading a PDF needs pdftotext, which is not installed (Debian package poppler-utils: "
               "apt-get install poppler-utils); or import the text `pdftotext -layout` makes of it",
               path);
    else
      imp_fail(err, "%s: cannot run pdftotext: %s", path, rb_strerror_lang(err->lang, rc));
    return NULL;
  }
  char *text = read_fd(pipefd[0], len);
  close(pipefd[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!text || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    free(text);
    imp_fail(err, "%s: pdftotext could not read this PDF (is it a PDF, and not damaged or encrypted?)", path);
    return NULL;
  }
  return text;
}

bool rb_import_file(const char *path, rb_import_result *out, char *err, size_t err_size) {
  return rb_import_file_lang(path, (rb_import_langs){RB_LANG_ZH, RB_LANG_EN}, out, err, err_size);
}

bool rb_import_file_lang(const char *path, rb_import_langs langs, rb_import_result *out, char *err_buf,
                         size_t err_size) {
  imp_error err[1] = {{err_buf, err_size, langs.errors}};
  memset(out, 0, sizeof *out);
  /* The id: the file name without its directory and extension. */
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t id_len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  char id[512];
  snprintf(id, sizeof id, "%.*s", (int)(id_len < sizeof id - 1 ? id_len : sizeof id - 1), base);
  size_t len = 0;
  char *text = NULL;
  if (has_extension(path, ".xls"))
    return imp_fail(err,
                    "%s: .xls (Excel 97-2003) files are not read: open it in Excel or LibreOffice and save it as "
                    ".xlsx (Excel Workbook), then import that",
                    path);
  if (has_extension(path, ".xlsx") || has_extension(path, ".docx"))
    return import_office(path, id, has_extension(path, ".docx"), langs, out, err);
  if (has_extension(path, ".pdf")) {
    text = pdf_text(path, &len, err);
    if (!text) return false;
    /* Nothing but blanks and page breaks: a scanned PDF, its pages images.
    ** Imported, it would be a report with nothing in it. */
    if (only_blanks(text, len)) {
      free(text);
      return imp_fail(err,
                      "%s: the PDF holds no text (are its pages scanned images?): run text recognition (OCR) on it, "
                      "or import its text typed out",
                      path);
    }
  } else {
    int fd = open(path, O_RDONLY);
    if (fd < 0) return imp_fail(err, "%s: cannot open: %s", path, rb_strerror_lang(err->lang, errno));
    text = read_fd(fd, &len);
    close(fd);
    if (!text) return imp_fail(err, "%s: cannot read", path);
  }
  /* A .txt that holds report JSON (a report saved under the wrong name) is
  ** that report: handed on as it is, for the JSON reader to judge. */
  size_t k = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  while (k < len && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r' || text[k] == '\n')) k++;
  if (!has_extension(path, ".pdf") && k < len && text[k] == '{') {
    out->json = text;
    out->json_len = len;
    out->layout = "json";
    return true;
  }
  bool ok = rb_import_text_lang(text, len, path, id, langs, out, err_buf, err_size);
  free(text);
  return ok;
}
