/*
** compile.c — the compiler driver: read, parse (with imports), check,
** generate, verify.
**
** A source in GBK is converted to UTF-8 first, with a warning (add_source).
** Imports are resolved relative to the importing file, then in the import
** path (RUBRIC_PATH, then the shipped rules/).  A rubric travels between
** departments, so what it may read is confined: an import names a .rubric
** file, and that file must lie in the main rubric's own folder tree or in a
** folder of the import path — never /etc/passwd, whose lines a syntax error
** would echo.  An imported file's statements come before those of the file
** that imports it, so its inputs, constants and functions are declared
** first; a file imported twice is read once, and an import cycle is an
** error that names the chain.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include "compiler/compile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler/compiler.h"
#include "compiler/parse_ctx.h"
#include "base/file.h"
#include "base/text_encoding.h"
#include "base/utf8.h"

/* Largest source file accepted: far above any real rubric, and within the
** 32-bit byte offsets of spans. */
enum { MAX_SOURCE = 64 * 1024 * 1024, MAX_IMPORT_DEPTH = 32 };

enum { MAX_IMPORT_ROOTS = 16 };

typedef struct import_state {
  rb_compiler *c;
  /* Where imports may come from: roots[0] is the main rubric's folder, then
  ** the import path; real paths, without a trailing slash. */
  char *roots[MAX_IMPORT_ROOTS];
  int root_count;
  int path_from;                 /* roots[path_from…] are the import path */
  char *stack[MAX_IMPORT_DEPTH]; /* real paths of the files being read */
  int depth;
  char **done;                   /* real paths already read */
  size_t done_count, done_cap;
} import_state;

/* The directory part of a path, with a trailing slash, or "". */
static void dir_of(const char *path, char *out, size_t size) {
  const char *slash = strrchr(path, '/');
  size_t n = slash ? (size_t)(slash - path + 1) : 0;
  if (n >= size) n = 0;
  memcpy(out, path, n);
  out[n] = '\0';
}

/* Add a folder (made real) to the roots; a folder that does not exist is
** skipped. */
static void add_root(import_state *st, const char *dir) {
  char real[PATH_MAX];
  if (st->root_count == MAX_IMPORT_ROOTS || !realpath(*dir ? dir : ".", real)) return;
  char *copy = strdup(real);
  if (copy) st->roots[st->root_count++] = copy;
}

/* The roots for a main rubric named `name`: its folder, then each folder
** of RUBRIC_PATH (separated by ':'), then the shipped rules. */
static void set_roots(import_state *st, const char *name) {
  char dir[PATH_MAX];
  dir_of(name, dir, sizeof dir);
  add_root(st, dir);
  st->path_from = st->root_count;
  const char *env = getenv("RUBRIC_PATH");
  while (env && *env) {
    size_t n = strcspn(env, ":");
    if (n > 0 && n < sizeof dir) {
      memcpy(dir, env, n);
      dir[n] = '\0';
      add_root(st, dir);
    }
    env += n + (env[n] == ':');
  }
#ifdef RUBRIC_RULES_DIR
  add_root(st, RUBRIC_RULES_DIR);
#endif
}

/* Whether a real path lies inside one of the roots. */
static bool inside_roots(const import_state *st, const char *real) {
  for (int i = 0; i < st->root_count; i++) {
    size_t n = strlen(st->roots[i]);
    if (strncmp(real, st->roots[i], n) == 0 && (real[n] == '/' || (n == 1 && real[0] == '/'))) return true;
  }
  return false;
}

/* Where `import "text"` in a file of folder dir points: the file beside the
** importer when it exists (or the text is absolute, or climbs with ".."),
** else the first folder of the import path that has it, else beside the
** importer (whose error then says it is missing). */
static void resolve_import(const import_state *st, const char *dir, const char *text, char *out, size_t size) {
  if (text[0] == '/') {
    snprintf(out, size, "%s", text);
    return;
  }
  snprintf(out, size, "%s%s", dir, text);
  if (access(out, F_OK) == 0 || strstr(text, "..")) return; /* "../x" is a place, not a library name */
  char candidate[PATH_MAX * 2];
  for (int i = st->path_from; i < st->root_count; i++) {
    snprintf(candidate, sizeof candidate, "%s/%s", st->roots[i], text);
    if (access(candidate, F_OK) == 0) {
      snprintf(out, size, "%s", candidate);
      return;
    }
  }
}

/* Refuse an import the confinement does not allow (see the banner): one
** that does not name a .rubric file, or whose file lies outside the roots.
** True when it may be read. */
static bool import_allowed(import_state *st, const char *path, const char *real, const rb_ast *at) {
  rb_compiler *c = st->c;
  size_t n = strlen(path);
  if (n < 7 || strcmp(path + n - 7, ".rubric") != 0) {
    rb_diag_add(c->diags, RB_SEV_ERROR, at->file, at->start, at->end,
                "an import reads another rubric file, whose name ends in .rubric",
                "cannot import %s: it is not a .rubric file", at->text);
    return false;
  }
  if (inside_roots(st, real)) return true;
  rb_diag_add(c->diags, RB_SEV_ERROR, at->file, at->start, at->end,
              "a rubric may import files in its own folder and below, in the folders of RUBRIC_PATH, and the "
              "shipped rules; add the folder to RUBRIC_PATH to allow it",
              "cannot import %s: it is outside %s", at->text,
              st->roots[0] ? st->roots[0] : rb_text_from_en(c->diags->lang, "the rubric's folder"));
  return false;
}

/* Parse one rubric text registered as file `name` (its size checked against
** the limit), and its imports, into a statement list, imports first;
** import_at is the import statement that brought it in (NULL for the
** rubric itself), where its errors point. */
static rb_ast *parse_source(import_state *st, const char *name, const char *text, size_t len, rb_ast *import_at);

/* Parse one imported (or the main) file by path; returns its statements with
** its own imports' statements in front. */
static rb_ast *parse_path(import_state *st, const char *path, rb_ast *import_at) {
  rb_compiler *c = st->c;
  char real[PATH_MAX];
  if (!realpath(path, real)) {
    if (import_at)
      rb_diag_add(c->diags, RB_SEV_ERROR, import_at->file, import_at->start, import_at->end,
                  "the path is relative to the file that imports it", "cannot import %s: %s", path,
                  rb_strerror_lang(c->diags->lang, errno));
    else
      rb_diag_add(c->diags, RB_SEV_ERROR, 0xffff, 0, 0, NULL, "cannot open %s: %s", path,
                  rb_strerror_lang(c->diags->lang, errno));
    return NULL;
  }
  if (import_at && !import_allowed(st, path, real, import_at)) return NULL;
  for (int i = 0; i < st->depth; i++) {
    if (strcmp(st->stack[i], real) == 0) {
      rb_diag_add(c->diags, RB_SEV_ERROR, import_at->file, import_at->start, import_at->end,
                  "two files cannot import each other; move what they share into a third file",
                  "import cycle: %s imports itself through this import", path);
      return NULL;
    }
  }
  for (size_t i = 0; i < st->done_count; i++)
    if (strcmp(st->done[i], real) == 0) return NULL; /* already read */
  if (st->depth == MAX_IMPORT_DEPTH) {
    rb_diag_add(c->diags, RB_SEV_ERROR, import_at->file, import_at->start, import_at->end, NULL,
                "imports are nested more than %d deep", MAX_IMPORT_DEPTH);
    return NULL;
  }
  char err[PATH_MAX + 128] = "";
  size_t len;
  char *text;
  if (rb_file_read_lang(c->diags->lang, path, MAX_SOURCE, &text, &len, err, sizeof err) != RB_FILE_OK) {
    if (import_at)
      rb_diag_add(c->diags, RB_SEV_ERROR, import_at->file, import_at->start, import_at->end, NULL, "%s", err);
    else
      rb_diag_add(c->diags, RB_SEV_ERROR, 0xffff, 0, 0, NULL, "%s", err);
    return NULL;
  }
  st->stack[st->depth++] = strdup(real);
  rb_ast *stmts = parse_source(st, path, text, len, import_at);
  free(text);
  st->depth--;
  if (st->done_count == st->done_cap) {
    size_t cap = st->done_cap ? st->done_cap * 2 : 8;
    char **d = realloc(st->done, cap * sizeof *d);
    if (d) st->done = d, st->done_cap = cap;
  }
  if (st->done_count < st->done_cap) st->done[st->done_count++] = st->stack[st->depth];
  else free(st->stack[st->depth]);
  return stmts;
}

/* A source that is not UTF-8 is converted from GB18030 (base/text_encoding.h)
** before anything else sees it: the diagnostics keep the converted text,
** so every later position and source line refers to what the parser read.
** The conversion is said with a warning at 1:1; a source that is neither
** UTF-8 nor GB18030 gets one error, at its first byte that is not UTF-8,
** and is not parsed.  *converted is the buffer to free after parsing.
** Returns the diagnostics' index of the file, or -1 when it is not to be
** parsed. */
static int add_source(rb_compiler *c, const char *name, const char **text, size_t *len, char **converted) {
  *converted = NULL;
  size_t valid = rb_utf8_valid_length(*text, *len), converted_len = 0;
  rb_gb18030_status status = RB_GB18030_OK;
  if (valid < *len) {
    status = rb_text_from_gb18030(*text, *len, converted, &converted_len);
    if (status == RB_GB18030_OK) {
      *text = *converted;
      *len = converted_len;
    }
  }
  int file = rb_diags_add_file(c->diags, name, *text, *len);
  if (file < 0 || file > 0xfffe) return -1;
  uint16_t f = (uint16_t)file;
  const char *nul = memchr(*text, '\0', *len);
  if (nul) {
    /* A NUL would end every C string made from the text: a title cut short. */
    uint32_t at = (uint32_t)(nul - *text);
    rb_diag_add(c->diags, RB_SEV_ERROR, f, at, at + 1, "a rubric is plain text; is this the file you meant?",
                "the file contains a NUL byte");
    return -1;
  }
  if (valid == *len) return file;
  switch (status) {
  case RB_GB18030_OK:
    rb_diag_add(c->diags, RB_SEV_WARNING, f, 0, 0, "save it as UTF-8", "file is not UTF-8; read as GB18030 (GBK)");
    return file;
  case RB_GB18030_NOT:
    rb_diag_add(c->diags, RB_SEV_ERROR, f, (uint32_t)valid, (uint32_t)valid + 1,
                "save it as UTF-8; the caret marks the first byte that is not UTF-8",
                "file is not UTF-8, and not GB18030 (GBK) either");
    return -1;
  case RB_GB18030_UNAVAILABLE:
    rb_diag_add(c->diags, RB_SEV_ERROR, f, (uint32_t)valid, (uint32_t)valid + 1,
                "save it as UTF-8; the caret marks the first byte that is not UTF-8",
                "file is not UTF-8, and this system cannot convert GB18030 (GBK)");
    return -1;
  case RB_GB18030_NOMEM:
    rb_diag_add(c->diags, RB_SEV_ERROR, f, 0, 0, NULL, "out of memory reading %s", name);
    return -1;
  }
  return -1;
}

static rb_ast *parse_source(import_state *st, const char *name, const char *text, size_t len, rb_ast *import_at) {
  rb_compiler *c = st->c;
  if (len > MAX_SOURCE) {
    rb_diag_add(c->diags, RB_SEV_ERROR, import_at ? import_at->file : 0xffff, import_at ? import_at->start : 0,
                import_at ? import_at->end : 0, NULL, "%s is larger than %d MiB", name, MAX_SOURCE / (1024 * 1024));
    return NULL;
  }
  char *converted;
  int file = add_source(c, name, &text, &len, &converted);
  if (file < 0) {
    free(converted);
    return NULL;
  }
  rb_parse_ctx px = {0};
  px.arena = &c->arena;
  px.nums = c->nums;
  px.diags = c->diags;
  px.file = (uint16_t)file;
  rb_parse_file(&px, text, len);
  /* Imports first, in order, then this file's statements. */
  char dir[PATH_MAX];
  dir_of(name, dir, sizeof dir);
  rb_ast_list front = {NULL, NULL};
  for (rb_ast *n = px.statements; n; n = n->next) {
    if (n->kind != RB_AST_IMPORT) continue;
    char path[PATH_MAX * 2];
    resolve_import(st, dir, n->text, path, sizeof path);
    front = rb_ast_list_add(front, parse_path(st, path, n));
  }
  free(converted); /* the AST holds copies of what it needs */
  return rb_ast_list_add(front, px.statements).head;
}

/* Compile a rubric read from `path`, or given as `text` named `name` when
** path is NULL: parse it and its imports, check, generate code.  Every
** diagnostic goes to diags; NULL when any stage reported an error. */
static rb_program *compile(const char *name, const char *text, size_t len, const char *path, rb_diags *diags,
                           const rb_compile_hook *hook) {
  rb_compiler c = {0};
  rb_arena_init(&c.arena);
  c.nums = rb_numctx_new();
  c.diags = diags;
  if (!c.nums) return NULL;
  import_state st = {0};
  st.c = &c;
  int errors_before = diags->errors;
  set_roots(&st, name);
  c.statements = path ? parse_path(&st, path, NULL) : parse_source(&st, name, text, len, NULL);
  for (int i = 0; i < st.root_count; i++) free(st.roots[i]);
  for (size_t i = 0; i < st.done_count; i++) free(st.done[i]);
  free(st.done);
  rb_program *p = NULL;
  rb_ast *parsed = c.statements;
  /* Check even after syntax errors: the statements that parsed are still
  ** worth checking, and the checker does not cascade. */
  if (diags->file_count > 0) {
    rb_check(&c);
    if (hook && hook->after_check) hook->after_check(hook->userdata, &c, parsed);
    if (diags->errors == errors_before) p = rb_codegen(&c);
  }
  free(c.inputs);
  free(c.fns);
  free(c.natives);
  free(c.globals);
  rb_strmap_free(&c.global_index);
  free(c.scope);
  rb_numctx_free(c.nums);
  rb_arena_free(&c.arena);
  return p;
}

rb_program *rb_compile_file(const char *path, rb_diags *diags) { return compile(path, NULL, 0, path, diags, NULL); }

rb_program *rb_compile_text(const char *name, const char *text, size_t len, rb_diags *diags) {
  return compile(name, text, len, NULL, diags, NULL);
}

rb_program *rb_compile_hooked(const char *name, const char *text, size_t len, const char *path, rb_diags *diags,
                              const rb_compile_hook *hook) {
  return compile(path ? path : name, text, len, path, diags, hook);
}
