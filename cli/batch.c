/*
** batch.c — `rubric batch`: many reports with one compiled rubric.
**
** Not built yet: this command is the subject of its own issue (streaming,
** worker threads, output in input order).  Until then it says so and exits
** with the usage status rather than pretend.
*/
#include <stdio.h>

#include "cli/cli.h"

int cmd_batch(int argc, char **argv) {
  (void)argc;
  (void)argv;
  fputs("rubric batch: not available in this version; run `rubric run RUBRIC REPORT...` instead\n", stderr);
  return RB_EXIT_USAGE;
}
