/*
** explain.c — `rubric explain RUBRIC REPORT [PATH]`: every number of one
** report's result taken apart (output/explain.h, docs/cli.md).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rubric.h"

static const char *const explain_usage =
    "usage: rubric explain RUBRIC REPORT [PATH] [--format text|json] [--lang zh|en]\n"
    "\n"
    "Explain every number of REPORT's result under RUBRIC (.rubric or .rbc), or of\n"
    "the section or item PATH (names from the first section down, joined by / or ›,\n"
    "or a name only one node has): how each target and actual was read, how weights\n"
    "were split, each formula with its numbers, the exact value and its rounding,\n"
    "qualitative tiers, and what-ifs computed by scoring the report again: the\n"
    "actual that earns full marks, the smallest change that moves the grade.\n"
    "\n"
    "  -f, --format F        text (default) or json (one object on one line)\n"
    "  --lang L              zh or en (default: from LC_ALL, LC_MESSAGES, LANG; zh)\n"
    "  --allow-native LIB    let the rubric call native functions from LIB\n";

int cmd_explain(int argc, char **argv) {
  const char *rubric = NULL, *report = NULL, *path = NULL;
  rubric_format format = RUBRIC_FORMAT_TEXT;
  rubric_lang lang = rubric_lang_default();
  rubric_natives *natives = NULL;
  rubric_error err;
  if (rubric_natives_new(&natives, &err) != RUBRIC_OK) {
    rb_cli_error("explain", "%s", err.message);
    return RB_EXIT_IO;
  }
  int status = RB_EXIT_OK;
  for (int i = 1; i < argc && status == RB_EXIT_OK; i++) {
    const char *a = argv[i], *f = NULL, *l = NULL, *allow = NULL;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(explain_usage, stdout);
      rubric_natives_free(natives);
      return RB_EXIT_OK;
    }
    if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) && i + 1 < argc) f = argv[++i];
    else if (strncmp(a, "--format=", 9) == 0) f = a + 9;
    else if (strcmp(a, "--lang") == 0 && i + 1 < argc) l = argv[++i];
    else if (strncmp(a, "--lang=", 7) == 0) l = a + 7;
    else if (strcmp(a, "--allow-native") == 0 && i + 1 < argc) allow = argv[++i];
    else if (strncmp(a, "--allow-native=", 15) == 0) allow = a + 15;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("explain", "unknown option %s", a);
      fputs(explain_usage, stderr);
      status = RB_EXIT_USAGE;
    } else if (!rubric) rubric = a;
    else if (!report) report = a;
    else if (!path) path = a;
    else {
      rb_cli_error("explain", "one report and one path at a time");
      fputs(explain_usage, stderr);
      status = RB_EXIT_USAGE;
    }
    if (f && strcmp(f, "text") == 0) format = RUBRIC_FORMAT_TEXT;
    else if (f && strcmp(f, "json") == 0) format = RUBRIC_FORMAT_JSON;
    else if (f) {
      rb_cli_error("explain", "unknown format %s (text or json)", f);
      status = RB_EXIT_USAGE;
    }
    if (l && rubric_parse_lang(l, &lang, &err) != RUBRIC_OK) {
      rb_cli_error("explain", "--lang: \"%s\" is not a language rubric speaks (zh or en)", l);
      status = RB_EXIT_USAGE;
    }
    if (allow && rubric_natives_allow(natives, allow, &err) != RUBRIC_OK) {
      rb_cli_error("explain", "%s", err.message);
      status = RB_EXIT_IO;
    }
  }
  if (status == RB_EXIT_OK && (!rubric || !report)) {
    fputs(explain_usage, stderr);
    status = RB_EXIT_USAGE;
  }
  rubric_program *p = NULL;
  rubric_vm *vm = NULL;
  rubric_report *rep = NULL;
  rubric_result *res = NULL;
  rb_cli_diagnostics counts = {0};
  rubric_options diagnostics = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  if (status == RB_EXIT_OK) status = rb_cli_load_program("explain", rubric, &diagnostics, natives, &p);
  if (status == RB_EXIT_OK) {
    rubric_status s = rubric_vm_new(p, &vm, &err);
    if (s == RUBRIC_OK) s = rubric_report_new(&rep, &err);
    if (s == RUBRIC_OK) s = rubric_result_new(&res, &err);
    if (s == RUBRIC_OK) {
      rb_cli_error_langs(vm, rep);
      rubric_vm_set_lang(vm, lang);
      rubric_report_set_lang(rep, lang);
      s = rubric_report_read_file(rep, report, &err);
    }
    bool ran = false; /* a run's error names its place itself */
    if (s == RUBRIC_OK) ran = (s = rubric_run(vm, rep, res, &err)) != RUBRIC_OK;
    if (s == RUBRIC_OK) s = rubric_explain(vm, rep, res, path, format, lang, stdout, &err);
    if (s != RUBRIC_OK) {
      fprintf(stderr, "%s%s\n", ran ? "" : "rubric explain: ", err.message);
      status = rb_cli_exit_status(s);
    }
  }
  rubric_result_free(res);
  rubric_report_free(rep);
  rubric_vm_free(vm);
  rubric_program_free(p);
  rubric_natives_free(natives);
  return status;
}
