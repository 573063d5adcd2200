/*
** cmd_author.c — the commands for rubric authors: `rubric test`, `rubric
** fmt` and `rubric lsp` (docs/cli.md).  The work is the library's
** (rubric_test, rubric_format, rubric_lsp); this file reads the command
** line, finds files and writes them.
*/
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static bool is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

/* ---- test --------------------------------------------------------------- */

static const char *const test_usage =
    "usage: rubric test [PATH...] [--coverage] [--coverage-json FILE] [--min-coverage P] [-v]\n"
    "\n"
    "Run the tests written in rubrics (test \"NAME\" { report … total … score … }) of\n"
    "each PATH, a file or a folder searched for *.rubric (default: the current folder).\n"
    "Prints one line per failing expectation with file:line, expected and actual,\n"
    "then \"N passed, N failed\".  Exit 1 if a test failed or a rubric is under the\n"
    "coverage floor.\n"
    "\n"
    "  --coverage            also report which items, if branches, step arms and\n"
    "                        qualitative tiers no test reached\n"
    "  --coverage-json FILE  write that report as JSON to FILE (- for standard output,\n"
    "                        instead of the text report)\n"
    "  --min-coverage P      fail when a rubric's coverage is below P percent\n"
    "  -v, --verbose         a line for each test that passed too\n";

/* Read a percentage for --min-coverage: a number from 0 to 100. */
static bool parse_percent(const char *s, double *out) {
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (errno || end == s || *end || !(v >= 0 && v <= 100)) return false;
  *out = v;
  return true;
}

int cmd_test(int argc, char **argv) {
  rubric_test_options o = {0};
  const char *json = NULL;
  const char **paths = calloc((size_t)argc + 1, sizeof *paths);
  size_t count = 0;
  if (!paths) {
    fprintf(stderr, "rubric test: out of memory\n");
    return RB_EXIT_IO;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (is_help(a)) {
      fputs(test_usage, stdout);
      free(paths);
      return RB_EXIT_OK;
    }
    if (strcmp(a, "--coverage") == 0) o.coverage = o.coverage_text = true;
    else if (strcmp(a, "--coverage-json") == 0 && i + 1 < argc) json = argv[++i];
    else if (strncmp(a, "--coverage-json=", 16) == 0) json = a + 16;
    else if ((strcmp(a, "--min-coverage") == 0 && i + 1 < argc) || strncmp(a, "--min-coverage=", 15) == 0) {
      const char *v = a[14] == '=' ? a + 15 : argv[++i];
      if (!parse_percent(v, &o.min_coverage)) {
        fprintf(stderr, "rubric test: --min-coverage: \"%s\" is not a percentage from 0 to 100\n", v);
        free(paths);
        return RB_EXIT_USAGE;
      }
      o.coverage = true;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) o.verbose = true;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rubric test: unknown option %s\n%s", a, test_usage);
      free(paths);
      return RB_EXIT_USAGE;
    } else paths[count++] = a;
  }
  if (count == 0) paths[count++] = ".";
  FILE *json_file = NULL;
  char *json_text = NULL;
  size_t json_len = 0;
  if (json) {
    o.coverage = true;
    if (strcmp(json, "-") == 0) {
      o.coverage_text = false;
      o.coverage_json = stdout;
    } else {
      json_file = open_memstream(&json_text, &json_len);
      o.coverage_json = json_file;
    }
  }
  o.diagnostics = stderr;
  o.color = rb_cli_stderr_color();
  rubric_test_counts counts;
  rubric_error err;
  rubric_status s = rubric_test(paths, count, &o, stdout, &counts, &err);
  int status = s == RUBRIC_OK || s == RUBRIC_E_IO ? rb_cli_exit_status(s) : RB_EXIT_IO;
  if (counts.failed || counts.below_floor) status = rb_cli_worse(status, RB_EXIT_RUBRIC);
  if (json_file) {
    fclose(json_file);
    rubric_output *out;
    if (rubric_output_open(json, &out, &err) != RUBRIC_OK || rubric_output_write(out, json_text, json_len, &err) ||
        rubric_output_commit(out, &err) != RUBRIC_OK) {
      fprintf(stderr, "rubric test: %s\n", err.message);
      status = rb_cli_worse(status, RB_EXIT_IO);
    }
    free(json_text);
  }
  free(paths);
  return status;
}

/* ---- fmt ---------------------------------------------------------------- */

static const char *const fmt_usage =
    "usage: rubric fmt [--check | -w] [PATH...]\n"
    "\n"
    "Lay rubrics out the one canonical way: two spaces a level, one statement a line,\n"
    "weights aligned in a section, one blank line between declarations, comments\n"
    "kept where they are.  Without PATH, reads standard input and writes standard\n"
    "output; with files, writes each formatted file to standard output.  A folder\n"
    "stands for every *.rubric in it.\n"
    "\n"
    "  --check   write nothing; show a diff of each file that is not formatted and\n"
    "            exit 1 if there is one\n"
    "  -w        rewrite each file that is not formatted, in place (atomically)\n";

/* A list of files. */
typedef struct file_list {
  char **items;
  size_t count, cap;
} file_list;

static bool push(file_list *l, const char *path) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 32;
    char **items = realloc(l->items, cap * sizeof *items);
    if (!items) return false;
    l->items = items;
    l->cap = cap;
  }
  return (l->items[l->count] = strdup(path)) != NULL && ++l->count;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Every *.rubric under dir, in name order, leaving out folders whose name
** starts with '.' and build trees (a folder holding CMakeCache.txt). */
static void find_rubrics(const char *dir, file_list *out) {
  char probe[PATH_MAX];
  struct stat st;
  snprintf(probe, sizeof probe, "%s/CMakeCache.txt", dir);
  if (stat(probe, &st) == 0) return;
  DIR *d = opendir(dir);
  if (!d) return;
  file_list here = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
    if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode) || ends_with(e->d_name, ".rubric")) push(&here, path);
  }
  closedir(d);
  if (here.count) qsort(here.items, here.count, sizeof *here.items, by_name);
  for (size_t i = 0; i < here.count; i++) {
    if (stat(here.items[i], &st) == 0 && S_ISDIR(st.st_mode)) find_rubrics(here.items[i], out);
    else push(out, here.items[i]);
    free(here.items[i]);
  }
  free(here.items);
}

/* The whole of a stream; NULL when out of memory or unreadable. */
static char *read_stream(FILE *f, size_t *len) {
  size_t cap = 4096, n = 0;
  char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap) break;
    char *bigger = realloc(buf, cap * 2);
    if (!bigger) {
      free(buf);
      return NULL;
    }
    buf = bigger;
    cap *= 2;
  }
  if (buf && ferror(f)) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

typedef enum fmt_mode { FMT_PRINT, FMT_CHECK, FMT_WRITE } fmt_mode;

/* Format one text named name; what happens to the result is mode's.
** Returns the exit status of this file. */
static int fmt_one(const char *name, const char *text, size_t len, fmt_mode mode) {
  rb_cli_diagnostics counts = {0};
  rubric_options o = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  char *out;
  size_t out_len;
  rubric_error err;
  rubric_status s = rubric_format_source(name, text, len, &o, &out, &out_len, &err);
  if (s != RUBRIC_OK) {
    fprintf(stderr, "rubric fmt: %s\n", err.message);
    return rb_cli_exit_status(s);
  }
  int status = RB_EXIT_OK;
  bool changed = out_len != len || memcmp(out, text, len) != 0;
  switch (mode) {
  case FMT_PRINT: fwrite(out, 1, out_len, stdout); break;
  case FMT_CHECK:
    if (changed) {
      char formatted[PATH_MAX + 32];
      snprintf(formatted, sizeof formatted, "%s (formatted)", name);
      rubric_diff(stdout, name, text, len, formatted, out, out_len, NULL);
      status = RB_EXIT_RUBRIC;
    }
    break;
  case FMT_WRITE: {
    rubric_output *file;
    if (changed && (rubric_output_open(name, &file, &err) != RUBRIC_OK ||
                    rubric_output_write(file, out, out_len, &err) != RUBRIC_OK ||
                    rubric_output_commit(file, &err) != RUBRIC_OK)) {
      fprintf(stderr, "rubric fmt: %s\n", err.message);
      status = RB_EXIT_IO;
    }
    break;
  }
  }
  free(out);
  return status;
}

int cmd_fmt(int argc, char **argv) {
  fmt_mode mode = FMT_PRINT;
  file_list files = {0};
  int status = RB_EXIT_OK, paths = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (is_help(a)) {
      fputs(fmt_usage, stdout);
      return RB_EXIT_OK;
    }
    if (strcmp(a, "--check") == 0) mode = FMT_CHECK;
    else if (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0) mode = FMT_WRITE;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rubric fmt: unknown option %s\n%s", a, fmt_usage);
      return RB_EXIT_USAGE;
    }
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] == '-' && a[1]) continue;
    paths++;
    struct stat st;
    if (strcmp(a, "-") != 0 && stat(a, &st) == 0 && S_ISDIR(st.st_mode)) find_rubrics(a, &files);
    else push(&files, a);
  }
  if (paths == 0) {
    if (mode == FMT_WRITE) {
      fprintf(stderr, "rubric fmt: -w needs files to rewrite\n");
      return RB_EXIT_USAGE;
    }
    push(&files, "-");
  }
  for (size_t i = 0; i < files.count; i++) {
    const char *path = files.items[i];
    size_t len = 0;
    char *text;
    if (strcmp(path, "-") == 0) {
      text = read_stream(stdin, &len);
      path = "<stdin>";
    } else {
      FILE *f = fopen(path, "rb");
      text = f ? read_stream(f, &len) : NULL;
      if (!f || !text) {
        fprintf(stderr, "rubric fmt: cannot read %s: %s\n", path, strerror(errno ? errno : EIO));
        if (f) fclose(f);
        status = rb_cli_worse(status, RB_EXIT_IO);
        continue;
      }
      fclose(f);
    }
    if (!text) {
      fprintf(stderr, "rubric fmt: cannot read standard input\n");
      status = rb_cli_worse(status, RB_EXIT_IO);
      continue;
    }
    status = rb_cli_worse(status, fmt_one(path, text, len, strcmp(files.items[i], "-") == 0 && mode == FMT_WRITE
                                                                 ? FMT_PRINT : mode));
    free(text);
  }
  for (size_t i = 0; i < files.count; i++) free(files.items[i]);
  free(files.items);
  return status;
}

/* ---- lsp ---------------------------------------------------------------- */

int cmd_lsp(int argc, char **argv) {
  static const char *usage = "usage: rubric lsp\n"
                             "\n"
                             "A Language Server (LSP) on standard input and output, for editors: the\n"
                             "compiler's diagnostics as a rubric is edited, hover (an item's weight; for\n"
                             "`each … split`, the shares of a sample report), go to definition of inputs,\n"
                             "functions and constants.  Messages it cannot act on go to standard error.\n";
  (void)argv;
  if (argc > 1) {
    bool help = is_help(argv[1]);
    fputs(usage, help ? stdout : stderr);
    return help ? RB_EXIT_OK : RB_EXIT_USAGE;
  }
  int code = 1;
  rubric_error err;
  if (rubric_lsp(stdin, stdout, stderr, &code, &err) != RUBRIC_OK) {
    fprintf(stderr, "rubric lsp: %s\n", err.message);
    return RB_EXIT_IO;
  }
  return code;
}
