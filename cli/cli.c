/*
** cli.c — what the subcommands of the rubric tool share: the exit status of
** each library status and which of two wins, diagnostics on standard error,
** the --tolerance option, loading a program, and the last check of
** standard output.
*/
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

/* The command's language (rb_cli_set_lang): set once, before any thread. */
static rb_lang cli_lang = RB_LANG_EN;

void rb_cli_set_lang(int argc, char **argv) {
  cli_lang = rb_diag_lang_from_env();
  for (int i = 1; i < argc; i++) {
    const char *v = strcmp(argv[i], "--lang") == 0 && i + 1 < argc ? argv[i + 1]
                    : strncmp(argv[i], "--lang=", 7) == 0    ? argv[i] + 7
                                                             : NULL;
    if (v && strcmp(v, "zh") == 0) cli_lang = RB_LANG_ZH;
    else if (v && strcmp(v, "en") == 0) cli_lang = RB_LANG_EN;
  }
}

rb_lang rb_cli_lang(void) { return cli_lang; }
rubric_lang rb_cli_rubric_lang(void) { return cli_lang == RB_LANG_ZH ? RUBRIC_LANG_ZH : RUBRIC_LANG_EN; }

int rb_cli_lang_option(const char *cmd, int argc, char **argv, int i) {
  const char *v;
  int taken;
  if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc) v = argv[i + 1], taken = 2;
  else if (strncmp(argv[i], "--lang=", 7) == 0) v = argv[i] + 7, taken = 1;
  else return 0;
  if (strcmp(v, "zh") == 0 || strcmp(v, "en") == 0) return taken;
  rb_cli_error(cmd, "--lang: \"%s\" is not a language rubric speaks (zh or en)", v);
  return -1;
}

void rb_cli_error_langs(rubric_vm *vm, rubric_report *r) {
  if (vm) rubric_vm_set_error_lang(vm, rb_cli_rubric_lang());
  if (r) rubric_report_set_error_lang(r, rb_cli_rubric_lang());
}

void rb_cli_error(const char *cmd, const char *fmt, ...) {
  if (cmd) fprintf(stderr, "rubric %s: ", cmd);
  else fputs("rubric: ", stderr);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, rb_from_en(cli_lang, fmt), ap);
  va_end(ap);
  fputc('\n', stderr);
}

void rb_cli_say(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(stderr, rb_from_en(cli_lang, fmt), ap);
  va_end(ap);
}

int rb_cli_exit_status(rubric_status s) {
  /* docs/cli.md, "Exit status".  Running out of memory is a failure of the
  ** machine, not of the rubric or the data: 4, like a file that cannot be
  ** written. */
  static const int exit_of[] = {
      [RUBRIC_OK] = RB_EXIT_OK,       [RUBRIC_E_RUBRIC] = RB_EXIT_RUBRIC, [RUBRIC_E_DATA] = RB_EXIT_DATA,
      [RUBRIC_E_IO] = RB_EXIT_IO,     [RUBRIC_E_USAGE] = RB_EXIT_USAGE,   [RUBRIC_E_MEMORY] = RB_EXIT_IO,
  };
  return (unsigned)s < sizeof exit_of / sizeof exit_of[0] ? exit_of[s] : RB_EXIT_IO;
}

/* How strongly a status wins: lower wins. */
static int precedence(int status) {
  switch (status) {
  case RB_EXIT_USAGE: return 1;
  case RB_EXIT_RUBRIC: return 2;
  case RB_EXIT_IO: return 3;
  case RB_EXIT_DATA: return 4;
  case RB_EXIT_STRICT: return 5;
  case RB_EXIT_OK: return 6;
  default: return 0; /* stopped by a signal */
  }
}

int rb_cli_worse(int a, int b) { return precedence(b) < precedence(a) ? b : a; }

/* Print one diagnostic and count it. */
static void print_diagnostic(void *userdata, const rubric_diagnostic *d) {
  rb_cli_diagnostics *counts = userdata;
  if (d->severity == RUBRIC_ERROR) counts->errors++;
  else if (d->severity == RUBRIC_WARNING) counts->warnings++;
  fputs(d->rendered, stderr);
}

rubric_options rb_cli_diagnostic_options(rb_cli_diagnostics *counts, bool color) {
  rubric_options o = {0};
  o.on_diagnostic = print_diagnostic;
  o.userdata = counts;
  o.color = color;
  o.locale = cli_lang == RB_LANG_ZH ? "zh" : "en";
  return o;
}

bool rb_cli_stderr_color(void) { return isatty(fileno(stderr)) && !getenv("NO_COLOR"); }

bool rb_cli_tolerance(const char *cmd, const char *text, rubric_tolerance *out) {
  rubric_error err;
  if (rubric_parse_tolerance_lang(text, rb_cli_rubric_lang(), out, &err) == RUBRIC_OK) return true;
  rb_cli_error(cmd, "--tolerance: %s", err.message);
  return false;
}

int rb_cli_load_program(const char *cmd, const char *path, const rubric_options *opts, const rubric_natives *n,
                        rubric_program **out) {
  rubric_error err;
  rubric_status s = rubric_load(path, opts, out, &err);
  if (s == RUBRIC_OK && (s = rubric_link(*out, n, &err)) != RUBRIC_OK) {
    rubric_program_free(*out);
    *out = NULL;
  }
  if (s == RUBRIC_OK) return RB_EXIT_OK;
  rb_cli_error(cmd, "%s", err.message);
  return rb_cli_exit_status(s);
}

int rb_cli_close_stdout(const char *cmd, int status) {
  bool lost = ferror(stdout) != 0;
  /* fclose flushes what is still buffered; a flush that failed before is
  ** tried again, so its errno is the reason. */
  errno = 0;
  if (fclose(stdout) != 0) lost = true;
  if (!lost) return status;
  if (errno) rb_cli_error(cmd, "cannot write standard output: %s", rb_strerror_lang(cli_lang, errno));
  else rb_cli_error(cmd, "cannot write standard output");
  return rb_cli_worse(status, RB_EXIT_IO);
}
