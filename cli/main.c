/*
** main.c — the rubric command-line tool.
**
**   rubric check FILE.rubric...                 diagnostics
**   rubric compile FILE.rubric -o OUT.rbc       bytecode file
**   rubric disasm FILE                          bytecode listing
**   rubric run FILE [REPORT...] [--format F]    score reports
**   rubric value TEXT...                        how notation text reads
**   rubric batch RUBRIC INPUT...                many reports (cli/batch.c)
**   rubric import FILE... [-o OUT.json]         published reports to JSON (cli/cmd_import.c)
**
** A thin layer over the library's public interface (include/rubric.h): it
** parses options, opens files and chooses exit statuses (docs/cli.md).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "rubric.h"

static const char *const main_usage =
    "usage: rubric COMMAND [ARGS]\n"
    "\n"
    "Compile and run scoring rules for budget performance evaluation (预算绩效评价).\n"
    "\n"
    "commands:\n"
    "  check FILE.rubric...            report every problem in rubrics; exit 1 on errors\n"
    "  compile FILE.rubric -o OUT.rbc  compile a rubric to a bytecode file\n"
    "  disasm FILE                     list the bytecode of a .rubric or .rbc file\n"
    "  run FILE [REPORT...]            score reports (JSON or CSV) with a rubric\n"
    "  batch RUBRIC INPUT...           score many reports (JSON Lines, directories)\n"
    "  value TEXT...                   show how a target or actual text is read\n"
    "  import FILE...                  turn published reports (PDF, extracted text) into JSON\n"
    "\n"
    "options:\n"
    "  -h, --help      show help (also: rubric COMMAND --help)\n"
    "  --version       show the version\n"
    "\n"
    "exit status: 0 ok, 1 rubric errors, 2 usage, 3 report data, 4 files, 5 --strict differences\n"
    "(docs/cli.md).\n";

static bool is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

static void print_diagnostic(void *ud, const rubric_diagnostic *d) {
  (void)ud;
  fputs(d->rendered, stderr);
}

static rubric_options diag_options(void) {
  rubric_options o = {0};
  o.on_diagnostic = print_diagnostic;
  o.color = isatty(fileno(stderr)) && !getenv("NO_COLOR");
  return o;
}

/* ---- check -------------------------------------------------------------- */

static int cmd_check(int argc, char **argv) {
  static const char *usage = "usage: rubric check FILE.rubric...\n"
                             "\n"
                             "Check rubrics and print every problem found: syntax errors, unknown names,\n"
                             "type and unit errors, weights that do not add up, step tables with gaps or\n"
                             "overlaps, unused inputs.  Exit status 1 if any file has an error.\n"
                             "\n"
                             "  -q, --quiet   print nothing when a file is fine\n";
  bool quiet = false;
  int files = 0, status = RB_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    if (is_help(argv[i])) {
      fputs(usage, stdout);
      return RB_EXIT_OK;
    }
    if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) quiet = true;
    else if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, "rubric check: unknown option %s\n%s", argv[i], usage);
      return RB_EXIT_USAGE;
    }
  }
  rubric_options o = diag_options();
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] == '-' && argv[i][1]) continue;
    files++;
    int errors = 0, warnings = 0;
    rubric_program *p = rubric_compile(argv[i], &o, &errors, &warnings);
    rubric_program_free(p);
    if (errors) {
      fprintf(stderr, "%s: %d error%s, %d warning%s\n", argv[i], errors, errors == 1 ? "" : "s", warnings,
              warnings == 1 ? "" : "s");
      status = RB_EXIT_RUBRIC;
    } else if (!quiet) {
      printf("%s: ok%s", argv[i], warnings ? "" : "\n");
      if (warnings) printf(", %d warning%s\n", warnings, warnings == 1 ? "" : "s");
    }
  }
  if (files == 0) {
    fputs(usage, stderr);
    return RB_EXIT_USAGE;
  }
  return status;
}

/* ---- compile ------------------------------------------------------------ */

static int cmd_compile(int argc, char **argv) {
  static const char *usage = "usage: rubric compile FILE.rubric -o OUT.rbc\n"
                             "\n"
                             "Compile a rubric to a bytecode file that `rubric run` and `rubric batch` load\n"
                             "without compiling again.  The file is written atomically.\n";
  const char *in = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    if (is_help(argv[i])) {
      fputs(usage, stdout);
      return RB_EXIT_OK;
    }
    if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
    else if (strncmp(argv[i], "--output=", 9) == 0) out = argv[i] + 9;
    else if (argv[i][0] == '-') {
      fprintf(stderr, "rubric compile: unknown option %s\n%s", argv[i], usage);
      return RB_EXIT_USAGE;
    } else if (!in) in = argv[i];
    else {
      fprintf(stderr, "rubric compile: one rubric at a time\n%s", usage);
      return RB_EXIT_USAGE;
    }
  }
  if (!in || !out) {
    fputs(usage, stderr);
    return RB_EXIT_USAGE;
  }
  rubric_options o = diag_options();
  int errors = 0;
  rubric_program *p = rubric_compile(in, &o, &errors, NULL);
  if (!p) {
    fprintf(stderr, "%s: %d error%s; nothing written\n", in, errors, errors == 1 ? "" : "s");
    return RB_EXIT_RUBRIC;
  }
  char err[1024];
  bool ok = rubric_save(p, out, err, sizeof err);
  rubric_program_free(p);
  if (!ok) {
    fprintf(stderr, "rubric compile: %s\n", err);
    return RB_EXIT_IO;
  }
  return RB_EXIT_OK;
}

/* Load a .rubric or .rbc for disasm and run; prints why not. */
static rubric_program *load_program(const char *cmd, const char *path, int *status) {
  rubric_options o = diag_options();
  char err[1024];
  rubric_program *p = rubric_load(path, &o, err, sizeof err);
  if (!p) {
    fprintf(stderr, "rubric %s: %s\n", cmd, err);
    *status = strstr(err, "error") && !strstr(err, "compiled") ? RB_EXIT_RUBRIC : RB_EXIT_IO;
  }
  return p;
}

/* ---- disasm ------------------------------------------------------------- */

static int cmd_disasm(int argc, char **argv) {
  static const char *usage = "usage: rubric disasm FILE\n"
                             "\n"
                             "List the bytecode of a rubric (.rubric, compiled first) or of a .rbc file:\n"
                             "offset, source line, opcode, operands and constant values.\n";
  if (argc != 2 || is_help(argv[1])) {
    fputs(usage, argc == 2 ? stdout : stderr);
    return argc == 2 ? RB_EXIT_OK : RB_EXIT_USAGE;
  }
  int status = RB_EXIT_OK;
  rubric_program *p = load_program("disasm", argv[1], &status);
  if (!p) return status;
  rubric_disassemble(p, stdout);
  rubric_program_free(p);
  return RB_EXIT_OK;
}

/* ---- run ---------------------------------------------------------------- */

static bool parse_format(const char *s, rubric_format *f) {
  if (strcmp(s, "text") == 0) *f = RUBRIC_FORMAT_TEXT;
  else if (strcmp(s, "json") == 0) *f = RUBRIC_FORMAT_JSON;
  else if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0) *f = RUBRIC_FORMAT_MARKDOWN;
  else return false;
  return true;
}

static int cmd_run(int argc, char **argv) {
  static const char *usage =
      "usage: rubric run FILE [REPORT...] [--format text|json|markdown] [--strict] [--tolerance T]\n"
      "\n"
      "Score each REPORT (report format v1 JSON, or an indicator table in CSV) with the\n"
      "rubric FILE (.rubric or .rbc), and show the recomputed score beside the self score,\n"
      "item by item, with a finding for every difference.  A rubric that reads no report\n"
      "runs without one.\n"
      "\n"
      "  -f, --format F    text (default), json (one object per line) or markdown\n"
      "  --strict          exit 5 when a recomputed total differs from the self total by\n"
      "                    more than the tolerance, a check fails, or an indicator row\n"
      "                    is scored by no item\n"
      "  --tolerance T     the difference that counts, in points (default 0.01)\n"
      "  --ignore-unread   no `unread` findings for report content the rubric does not\n"
      "                    read (unknown members, facts, self-score paths)\n"
      "  --color, --no-color   colours in text output (default: on a terminal only)\n"
      "  --allow-native LIB    let the rubric call native functions from LIB (repeatable;\n"
      "                        a path also says where LIB is); --allow-native=all allows any\n";
  rubric_format format = RUBRIC_FORMAT_TEXT;
  bool strict = false, unread = true;
  const char *tolerance = "0.01";
  int color = -1;
  const char *rubric = NULL;
  const char **reports = calloc((size_t)argc, sizeof *reports);
  int nreports = 0;
  rubric_natives *natives = rubric_natives_new();
  if (!reports || !natives) {
    free(reports);
    rubric_natives_free(natives);
    return RB_EXIT_IO;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (is_help(a)) {
      fputs(usage, stdout);
      free(reports);
      rubric_natives_free(natives);
      return RB_EXIT_OK;
    }
    if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) && i + 1 < argc) {
      if (!parse_format(argv[++i], &format)) {
        fprintf(stderr, "rubric run: unknown format %s (text, json or markdown)\n", argv[i]);
        free(reports);
        rubric_natives_free(natives);
        return RB_EXIT_USAGE;
      }
    } else if (strncmp(a, "--format=", 9) == 0) {
      if (!parse_format(a + 9, &format)) {
        fprintf(stderr, "rubric run: unknown format %s (text, json or markdown)\n", a + 9);
        free(reports);
        rubric_natives_free(natives);
        return RB_EXIT_USAGE;
      }
    } else if (strcmp(a, "--strict") == 0) strict = true;
    else if (strcmp(a, "--ignore-unread") == 0) unread = false;
    else if (strcmp(a, "--tolerance") == 0 && i + 1 < argc) tolerance = argv[++i];
    else if (strncmp(a, "--tolerance=", 12) == 0) tolerance = a + 12;
    else if (strcmp(a, "--allow-native") == 0 && i + 1 < argc) rubric_natives_allow(natives, argv[++i]);
    else if (strncmp(a, "--allow-native=", 15) == 0) rubric_natives_allow(natives, a + 15);
    else if (strcmp(a, "--color") == 0) color = 1;
    else if (strcmp(a, "--no-color") == 0) color = 0;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rubric run: unknown option %s\n%s", a, usage);
      free(reports);
      rubric_natives_free(natives);
      return RB_EXIT_USAGE;
    } else if (!rubric) rubric = a;
    else reports[nreports++] = a;
  }
  if (!rubric) {
    fputs(usage, stderr);
    free(reports);
    rubric_natives_free(natives);
    return RB_EXIT_USAGE;
  }
  {
    char *end;
    strtod(tolerance, &end); /* shape check only; the value is read exactly */
    if (end == tolerance || *end) {
      fprintf(stderr, "rubric run: --tolerance needs a number of points, such as 0.01\n");
      free(reports);
      rubric_natives_free(natives);
      return RB_EXIT_USAGE;
    }
  }
  if (color < 0) color = isatty(fileno(stdout)) && !getenv("NO_COLOR");
  int status = RB_EXIT_OK;
  rubric_program *p = load_program("run", rubric, &status);
  char link_err[1024];
  if (p && !rubric_link(p, natives, link_err, sizeof link_err)) {
    fprintf(stderr, "rubric run: %s\n", link_err);
    rubric_program_free(p);
    p = NULL;
    status = RB_EXIT_RUBRIC;
  }
  if (!p) {
    free(reports);
    rubric_natives_free(natives);
    return status;
  }
  rubric_vm *vm = rubric_vm_new(p);
  rubric_report *rep = rubric_report_new();
  rubric_result *res = rubric_result_new();
  if (!vm || !rep || !res) {
    fprintf(stderr, "rubric run: out of memory\n");
    status = RB_EXIT_IO;
    goto done;
  }
  rubric_vm_set_unread(vm, unread);
  int failed = 0, challenged = 0;
  for (int i = 0; i < (nreports ? nreports : 1); i++) {
    const rubric_report *r = NULL;
    if (nreports) {
      char err[1024];
      if (!rubric_report_read_file(rep, reports[i], err, sizeof err)) {
        fprintf(stderr, "rubric run: %s\n", err);
        failed++;
        continue;
      }
      r = rep;
    }
    if (format == RUBRIC_FORMAT_TEXT && i > 0) fputc('\n', stdout);
    if (!rubric_run(vm, r, res, tolerance)) {
      fprintf(stderr, "%s\n", rubric_result_error(res));
      failed++;
      if (format == RUBRIC_FORMAT_JSON) {
        rubric_result_write(res, format, stdout, false);
        fputc('\n', stdout);
      }
      continue;
    }
    rubric_result_write(res, format, stdout, color != 0);
    if (format == RUBRIC_FORMAT_JSON) fputc('\n', stdout);
    if (strict && rubric_result_challenged(res, tolerance)) challenged++;
  }
  fflush(stdout);
  if (failed) status = RB_EXIT_DATA;
  else if (challenged) status = RB_EXIT_STRICT;
done:
  rubric_result_free(res);
  rubric_report_free(rep);
  rubric_vm_free(vm);
  rubric_program_free(p);
  free(reports);
  rubric_natives_free(natives);
  return status;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fputs(main_usage, stderr);
    return RB_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (is_help(cmd) || strcmp(cmd, "help") == 0) {
    fputs(main_usage, stdout);
    return RB_EXIT_OK;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("rubric %s\n", RUBRIC_VERSION);
    return RB_EXIT_OK;
  }
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } commands[] = {{"check", cmd_check}, {"compile", cmd_compile}, {"disasm", cmd_disasm},
                  {"run", cmd_run},     {"value", cmd_value},     {"batch", cmd_batch},
                  {"import", cmd_import}};
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(commands[i].name, cmd) == 0) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "rubric: unknown command '%s'\n\n%s", cmd, main_usage);
  return RB_EXIT_USAGE;
}
