/*
** cmd_import.c — `rubric import FILE... [-o OUT.json | --jsonl]`.
**
** Turns published reports (text extracted from a PDF, or a PDF through
** pdftotext) into report format v1 JSON (docs/import.md).  Every note the
** import makes is printed on standard error, one per line, "file:line: kind:
** message", and kept in the JSON's "imported" member, so that whoever scores
** the report sees them again as findings.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "rubric.h"

static const char *const import_usage =
    "usage: rubric import FILE... [-o OUT.json | --jsonl] [-q]\n"
    "\n"
    "Turn published reports into report format v1 JSON: text extracted from a PDF\n"
    "(.txt; tab-separated cells, `pdftotext -layout` or plain `pdftotext` output) or a\n"
    "PDF (.pdf, read through pdftotext from poppler-utils).  The indicator table, the\n"
    "budget figures, the self scores and the stated total are read; every figure that\n"
    "had to be repaired, every piece of text that fits no column and every row that\n"
    "cannot be completed is printed on standard error as file:line: kind: message, and\n"
    "kept in the JSON (\"imported\"), so `rubric run` shows it again as a finding.\n"
    "\n"
    "  -o, --output OUT   write to OUT (default: standard output)\n"
    "  --jsonl            one report per line (JSON Lines), for several files\n"
    "  -q, --quiet        do not print the notes\n"
    "  --lang L           zh or en: the language of errors (default: from LC_ALL,\n"
    "                     LC_MESSAGES, LANG: zh when it starts with zh, else en)\n"
    "\n"
    "exit status: 0 imported, 2 usage, 4 a file could not be read (docs/cli.md).\n";

static void print_note(void *userdata, const char *where, const char *kind, const char *message) {
  if (*(bool *)userdata) return;
  fprintf(stderr, "%s: %s: %s\n", where, kind, message);
}

/* Write json as one line: the importer's JSON has line breaks only between
** tokens (texts escape theirs), so dropping each with its indentation keeps it
** the same JSON. */
static void write_one_line(FILE *out, const char *json, size_t len) {
  for (size_t i = 0; i < len; i++) {
    if (json[i] == '\n') {
      while (i + 1 < len && json[i + 1] == ' ') i++;
      continue;
    }
    fputc(json[i], out);
  }
  fputc('\n', out);
}

int cmd_import(int argc, char **argv) {
  const char *output = NULL;
  bool jsonl = false, quiet = false;
  int files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(import_usage, stdout);
      return RB_EXIT_OK;
    }
    int lang = rb_cli_lang_option("import", argc, argv, i);
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) i += lang - 1;
    else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) output = argv[++i];
    else if (strncmp(a, "--output=", 9) == 0) output = a + 9;
    else if (strcmp(a, "--jsonl") == 0) jsonl = true;
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) quiet = true;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("import", "unknown option %s", a);
      fputs(import_usage, stderr);
      return RB_EXIT_USAGE;
    } else files++;
  }
  if (files == 0) {
    fputs(import_usage, stderr);
    return RB_EXIT_USAGE;
  }
  if (files > 1 && !jsonl) {
    rb_cli_error("import", "%d files make %d reports: use --jsonl for one report per line", files, files);
    return RB_EXIT_USAGE;
  }
  FILE *out = stdout;
  if (output && !(out = fopen(output, "w"))) {
    rb_cli_error("import", "cannot write %s", output);
    return RB_EXIT_IO;
  }
  int status = RB_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && i + 1 < argc) {
      i++;
      continue;
    }
    int lang = rb_cli_lang_option("import", argc, argv, i);
    if (lang > 0) i += lang - 1;
    if (lang || (a[0] == '-' && a[1])) continue;
    rubric_error err;
    char *json = NULL;
    size_t len = 0;
    if (!rubric_import_handles(a)) {
      rb_cli_error("import", "%s: expected a .txt (text extracted from a PDF), a .pdf, an .xlsx or a .docx file", a);
      status = RB_EXIT_IO;
      continue;
    }
    if (rubric_import_file_lang(a, rb_cli_rubric_lang(), &json, &len, print_note, &quiet, &err) != RUBRIC_OK) {
      rb_cli_error("import", "%s", err.message);
      status = RB_EXIT_IO;
      continue;
    }
    if (jsonl) write_one_line(out, json, len);
    else fwrite(json, 1, len, out);
    free(json);
  }
  if (output && fclose(out) != 0) {
    rb_cli_error("import", "cannot write %s", output);
    status = RB_EXIT_IO;
  }
  return status;
}
