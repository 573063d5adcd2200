/*
** cmd_value.c — `rubric value`: show how rubric reads a target or an actual.
**
**   rubric value [--year N] TEXT...
**
** prints one JSON line per TEXT, the measure the notation scanner reads
** from it (report/notation.h, docs/notation.md):
**
**   $ rubric value "110次以上" "1.93 亿元"
**   {"text": "110次以上", "kind": "quantity", "cmp": ">=", "value": "110", "unit": "次"}
**   {"text": "1.93 亿元", "kind": "money", "cmp": null, "value": "193000000", "unit": "元"}
**
** Only "--year N", "--year=N", "--help", "-h" and "--" are options, so "-"
** and "-5" are read as values like any other text.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rubric.h"

static void value_usage(FILE *out) {
  fputs("usage: rubric value [--year N] TEXT...\n"
        "\n"
        "Show how rubric reads each TEXT written as a target or an actual value\n"
        "(\"110次以上\", \"≥90%\", \"1.93 亿元\", \"2024年4月1日前\"): one JSON line per TEXT\n"
        "with its kind, comparator, value and unit.  See docs/notation.md.\n"
        "\n"
        "  --year N   the report's year, for dates written without one (\"年底前\")\n"
        "  -h, --help show this help\n",
        out);
}

/* The year given to --year: a whole number from 1 to 9999. */
static bool parse_year(const char *text, int *year) {
  char *end;
  errno = 0;
  long v = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || v < 1 || v > 9999) return false;
  *year = (int)v;
  return true;
}

/* Print the reading of every TEXT argument.  Returns RB_EXIT_OK,
** RB_EXIT_USAGE for a bad command line, RB_EXIT_IO when out of memory;
** main checks what was written (rb_cli_close_stdout). */
int cmd_value(int argc, char **argv) {
  int year = 0;
  bool options = true;
  int texts = 0;
  /* First pass: options, wherever they are, and the count of texts. */
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (options && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
      value_usage(stdout);
      return RB_EXIT_OK;
    }
    int lang = options ? rb_cli_lang_option("value", argc, argv, i) : 0;
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) {
      i += lang - 1;
    } else if (options && strcmp(arg, "--") == 0) {
      options = false;
    } else if (options && strcmp(arg, "--year") == 0) {
      if (i + 1 >= argc || !parse_year(argv[i + 1], &year)) {
        rb_cli_error("value", "--year needs a year from 1 to 9999");
        return RB_EXIT_USAGE;
      }
      i++;
    } else if (options && strncmp(arg, "--year=", 7) == 0) {
      if (!parse_year(arg + 7, &year)) {
        rb_cli_error("value", "--year needs a year from 1 to 9999");
        return RB_EXIT_USAGE;
      }
    } else {
      texts++;
    }
  }
  if (texts == 0) {
    value_usage(stderr);
    return RB_EXIT_USAGE;
  }

  int status = RB_EXIT_OK;
  options = true;
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    if (options && strcmp(arg, "--") == 0) {
      options = false;
      continue;
    }
    if (options && strcmp(arg, "--year") == 0) {
      i++;
      continue;
    }
    int lang = options ? rb_cli_lang_option("value", argc, argv, i) : 0;
    if (lang > 0) {
      i += lang - 1;
      continue;
    }
    if (options && strncmp(arg, "--year=", 7) == 0) continue;
    rubric_error err;
    rubric_status s = rubric_value_json(arg, strlen(arg), year, stdout, &err);
    if (s == RUBRIC_E_IO) break; /* standard output failed: main says so (rb_cli_close_stdout) */
    if (s != RUBRIC_OK) {
      rb_cli_error("value", "%s", err.message);
      status = rb_cli_exit_status(s);
      break;
    }
    putchar('\n');
  }
  return status;
}
