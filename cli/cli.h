/*
** cli.h — the subcommands of the rubric command-line tool, and what they
** share (cli.c).
**
** Each command takes the arguments after "rubric" (argv[0] is the
** subcommand's name) and returns the process exit status (docs/cli.md).
** The tool uses the library only through include/rubric.h.
*/
#ifndef RUBRIC_CLI_H
#define RUBRIC_CLI_H

#include <stdbool.h>

#include "base/messages.h"
#include "rubric.h"

/* Exit statuses, documented in docs/cli.md: scripts rely on them. */
enum {
  RB_EXIT_OK = 0,        /* done; with --strict: every score reproduced */
  RB_EXIT_RUBRIC = 1,    /* the rubric has errors (check, compile, run) */
  RB_EXIT_USAGE = 2,     /* the command line is wrong */
  RB_EXIT_DATA = 3,      /* a report could not be read or scored */
  RB_EXIT_IO = 4,        /* a file could not be read or written, or a .rbc is corrupt */
  RB_EXIT_STRICT = 5,    /* --strict: a score differs or a check failed */
  RB_EXIT_SIGNAL = 128   /* batch stopped by signal N exits 128 + N: 130 for Ctrl-C */
};

int cmd_value(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_test(int argc, char **argv); /* cmd_author.c */
int cmd_fmt(int argc, char **argv);
int cmd_lsp(int argc, char **argv);

/* The exit status for a library status: the one table from rubric_status
** to docs/cli.md. */
int rb_cli_exit_status(rubric_status s);

/* Of two exit statuses, the one docs/cli.md says wins when both apply: a
** signal's, then 2, 1, 4, 3, 5, and 0 last. */
int rb_cli_worse(int a, int b);

/* The language of the command's messages, diagnostics and errors (not of
** results, which keep their own default): --lang zh|en anywhere among the
** arguments (as --lang X or --lang=X), else the first set of LC_ALL,
** LC_MESSAGES and LANG — Chinese when it starts with "zh" — else English.
** main() sets it from argv before running a command. */
void rb_cli_set_lang(int argc, char **argv);
rb_lang rb_cli_lang(void);
rubric_lang rb_cli_rubric_lang(void);

/* --lang X or --lang=X at argv[i]: how many arguments it takes (2 or 1),
** X being zh or en; 0 when argv[i] is another argument; -1, after "rubric
** CMD: --lang: …" on standard error, when X is neither. */
int rb_cli_lang_option(const char *cmd, int argc, char **argv, int i);

/* Give a VM's runtime errors and a report's read errors the command's
** language (either may be NULL). */
void rb_cli_error_langs(rubric_vm *vm, rubric_report *r);

/* Write "rubric CMD: MESSAGE\n" (cmd NULL: "rubric: MESSAGE\n") on standard
** error, the message formatted from fmt, written in English, in the
** command's language (base/messages_en.h). */
void rb_cli_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write fmt, written in English, formatted in the command's language on
** standard error, as it is (with its own newline). */
void rb_cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Diagnostics printed to standard error as they come, and counted. */
typedef struct rb_cli_diagnostics {
  int errors, warnings;
} rb_cli_diagnostics;

/* Compile options that print every diagnostic to standard error (coloured
** when color), in the command's language, and count them in *counts,
** which starts at zero. */
rubric_options rb_cli_diagnostic_options(rb_cli_diagnostics *counts, bool color);

/* Whether diagnostics on standard error are coloured: on a terminal, unless
** NO_COLOR is set. */
bool rb_cli_stderr_color(void);

/* Read the value of --tolerance; false, after "rubric CMD: --tolerance: WHY"
** on standard error, when it is not a plain decimal (rubric.h). */
bool rb_cli_tolerance(const char *cmd, const char *text, rubric_tolerance *out);

/* Load the program at path (.rubric or .rbc) and link its natives with the
** allowance n, for run and batch.  Prints why not ("rubric CMD: …", the
** diagnostics before) and returns its exit status, or RB_EXIT_OK. */
int rb_cli_load_program(const char *cmd, const char *path, const rubric_options *opts, const rubric_natives *n,
                        rubric_program **out);

/* Close standard output once a command is done, as every command must: if
** anything written to it was lost (a full disk, /dev/full), say "rubric CMD:
** cannot write standard output: REASON" and return the worse of status and
** RB_EXIT_IO; else status. */
int rb_cli_close_stdout(const char *cmd, int status);

#endif /* RUBRIC_CLI_H */
