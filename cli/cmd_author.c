/*
** cmd_author.c — the commands for rubric authors: `rubric test`, `rubric
** fmt` and `rubric lsp` (docs/cli.md).  The work is the library's
** (rubric_test, rubric_format, rubric_lsp); this file reads the command
** line, finds files and writes them.
*/
#include <errno.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/file.h"
#include "base/paths.h"
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
    "  -v, --verbose         a line for each test that passed too\n"
    "  --lang L              zh or en: the language of failures and diagnostics (default:\n"
    "                        from LC_ALL, LC_MESSAGES, LANG: zh when it starts with zh, else en)\n";

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
    rb_cli_error("test", "out of memory");
    return RB_EXIT_IO;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (is_help(a)) {
      fputs(test_usage, stdout);
      free(paths);
      return RB_EXIT_OK;
    }
    int lang = rb_cli_lang_option("test", argc, argv, i);
    if (lang < 0) {
      free(paths);
      return RB_EXIT_USAGE;
    }
    if (lang > 0) i += lang - 1;
    else if (strcmp(a, "--coverage") == 0) o.coverage = o.coverage_text = true;
    else if (strcmp(a, "--coverage-json") == 0 && i + 1 < argc) json = argv[++i];
    else if (strncmp(a, "--coverage-json=", 16) == 0) json = a + 16;
    else if ((strcmp(a, "--min-coverage") == 0 && i + 1 < argc) || strncmp(a, "--min-coverage=", 15) == 0) {
      const char *v = a[14] == '=' ? a + 15 : argv[++i];
      if (!parse_percent(v, &o.min_coverage)) {
        rb_cli_error("test", "--min-coverage: \"%s\" is not a percentage from 0 to 100", v);
        free(paths);
        return RB_EXIT_USAGE;
      }
      o.coverage = true;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) o.verbose = true;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("test", "unknown option %s", a);
      fputs(test_usage, stderr);
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
  o.locale = rb_cli_lang() == RB_LANG_ZH ? "zh" : "en";
  rubric_test_counts counts;
  rubric_error err;
  rubric_status s = rubric_test(paths, count, &o, stdout, &counts, &err);
  int status = s == RUBRIC_OK || s == RUBRIC_E_IO ? rb_cli_exit_status(s) : RB_EXIT_IO;
  if (counts.failed || counts.below_floor) status = rb_cli_worse(status, RB_EXIT_RUBRIC);
  if (json_file) {
    fclose(json_file);
    rubric_output *out;
    if (rubric_output_open_lang(json, rb_cli_rubric_lang(), &out, &err) != RUBRIC_OK ||
        rubric_output_write(out, json_text, json_len, &err) || rubric_output_commit(out, &err) != RUBRIC_OK) {
      rb_cli_error("test", "%s", err.message);
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
    "  -w        rewrite each file that is not formatted, in place (atomically)\n"
    "  --lang L  zh or en: the language of the diagnostics (default: from LC_ALL,\n"
    "            LC_MESSAGES, LANG: zh when it starts with zh, else en)\n";

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
    rb_cli_error("fmt", "%s", err.message);
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
    if (changed && (rubric_output_open_lang(name, rb_cli_rubric_lang(), &file, &err) != RUBRIC_OK ||
                    rubric_output_write(file, out, out_len, &err) != RUBRIC_OK ||
                    rubric_output_commit(file, &err) != RUBRIC_OK)) {
      rb_cli_error("fmt", "%s", err.message);
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
  rb_paths files = {0};
  int status = RB_EXIT_OK, paths = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (is_help(a)) {
      fputs(fmt_usage, stdout);
      return RB_EXIT_OK;
    }
    int lang = rb_cli_lang_option("fmt", argc, argv, i);
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) i += lang - 1;
    else if (strcmp(a, "--check") == 0) mode = FMT_CHECK;
    else if (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0) mode = FMT_WRITE;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("fmt", "unknown option %s", a);
      fputs(fmt_usage, stderr);
      return RB_EXIT_USAGE;
    }
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int lang = rb_cli_lang_option("fmt", argc, argv, i);
    if (lang > 0) i += lang - 1;
    if (lang || (a[0] == '-' && a[1])) continue;
    paths++;
    struct stat st;
    if (strcmp(a, "-") != 0 && stat(a, &st) == 0 && S_ISDIR(st.st_mode)) rb_paths_find(a, ".rubric", &files);
    else rb_paths_push(&files, a);
  }
  if (paths == 0) {
    if (mode == FMT_WRITE) {
      rb_cli_error("fmt", "-w needs files to rewrite");
      return RB_EXIT_USAGE;
    }
    rb_paths_push(&files, "-");
  }
  for (size_t i = 0; i < files.count; i++) {
    const char *path = files.items[i];
    size_t len = 0;
    char *text;
    if (strcmp(path, "-") == 0) {
      text = read_stream(stdin, &len);
      path = "<stdin>";
    } else {
      /* Through rb_file_read: a named pipe or a folder is refused, not waited on. */
      char why[512];
      if (rb_file_read_lang(rb_cli_lang(), path, SIZE_MAX, &text, &len, why, sizeof why) != RB_FILE_OK) {
        rb_cli_error("fmt", "%s", why);
        status = rb_cli_worse(status, RB_EXIT_IO);
        continue;
      }
    }
    if (!text) {
      rb_cli_error("fmt", "cannot read standard input");
      status = rb_cli_worse(status, RB_EXIT_IO);
      continue;
    }
    status = rb_cli_worse(status, fmt_one(path, text, len, strcmp(files.items[i], "-") == 0 && mode == FMT_WRITE
                                                                 ? FMT_PRINT : mode));
    free(text);
  }
  rb_paths_free(&files);
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
    rb_cli_error("lsp", "%s", err.message);
    return RB_EXIT_IO;
  }
  return code;
}
