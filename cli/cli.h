/*
** cli.h — the subcommands of the rubric command-line tool.
**
** Each takes the arguments after "rubric" (argv[0] is the subcommand's
** name) and returns the process exit status (docs/cli.md).
*/
#ifndef RUBRIC_CLI_H
#define RUBRIC_CLI_H

/* Exit statuses, documented in docs/cli.md: scripts rely on them. */
enum {
  RB_EXIT_OK = 0,        /* done; with --strict: every score reproduced */
  RB_EXIT_RUBRIC = 1,    /* the rubric has errors (check, compile, run) */
  RB_EXIT_USAGE = 2,     /* the command line is wrong */
  RB_EXIT_DATA = 3,      /* a report could not be read or scored */
  RB_EXIT_IO = 4,        /* a file could not be read or written, or a .rbc is corrupt */
  RB_EXIT_STRICT = 5,    /* --strict: a score differs or a check failed */
  RB_EXIT_INTERRUPT = 130 /* stopped by Ctrl-C */
};

int cmd_value(int argc, char **argv);
int cmd_batch(int argc, char **argv);
int cmd_import(int argc, char **argv);

#endif /* RUBRIC_CLI_H */
