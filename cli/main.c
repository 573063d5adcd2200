/*
** main.c — the rubric command-line tool.
**
**   rubric check FILE.rubric...                 diagnostics
**   rubric compile FILE.rubric -o OUT.rbc       bytecode file
**   rubric disasm FILE                          bytecode listing
**   rubric run FILE [REPORT...] [--format F] [-o OUT.xlsx]   score reports
**   rubric value TEXT...                        how notation text reads
**   rubric batch RUBRIC INPUT...                many reports (cli/batch.c)
**   rubric import FILE... [-o OUT.json]         published reports to JSON (cli/cmd_import.c)
**   rubric test [PATH...] [--coverage]          the tests written in rubrics
**   rubric fmt [--check | -w] [PATH...]         the canonical layout
**   rubric lsp                                  a language server for editors
**                                               (the last three: cli/cmd_author.c)
**
** A thin layer over the library's public interface (include/rubric.h): it
** parses options, opens files and chooses exit statuses (docs/cli.md, one
** table in cli.c).  Whatever a command writes to standard output is checked
** once it is done (rb_cli_close_stdout): a write that failed is exit 4.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/tables.h"
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
    "  import FILE...                  turn published reports (PDF, text, Excel, Word) into JSON\n"
    "  test [PATH...] [--coverage]     run the tests written in rubrics; \"N passed, N failed\"\n"
    "  fmt [--check | -w] [PATH...]    lay rubrics out the canonical way\n"
    "  lsp                             a language server for editors (stdio)\n"
    "  explain RUBRIC REPORT [PATH]    explain every number of a result, with what-ifs\n"
    "\n"
    "options:\n"
    "  -h, --help      show help (also: rubric COMMAND --help)\n"
    "  --version       show the version\n"
    "\n"
    "exit status: 0 ok, 1 rubric errors, 2 usage, 3 report data, 4 files, 5 --strict differences\n"
    "(docs/cli.md).\n";

static bool is_help(const char *a) { return strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0; }

/* A parse of the command line that did not end the command. */
enum { GO_ON = -1 };

/* ---- check -------------------------------------------------------------- */

/* Check one rubric: its diagnostics, then a line saying how it went.
** Returns its exit status. */
static int check_one(const char *path, bool quiet) {
  rb_cli_diagnostics counts = {0};
  rubric_options o = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  rubric_program *p;
  rubric_error err;
  rubric_status s = rubric_compile(path, &o, &p, &err);
  rubric_program_free(p);
  if (s == RUBRIC_E_RUBRIC) {
    rb_cli_say("%s: %d error%s, %d warning%s\n", path, counts.errors, counts.errors == 1 ? "" : "s", counts.warnings,
               counts.warnings == 1 ? "" : "s");
  } else if (s != RUBRIC_OK) {
    rb_cli_error("check", "%s", err.message);
  } else if (!quiet) {
    printf(rb_from_en(rb_cli_lang(), "%s: ok%s"), path, counts.warnings ? "" : "\n");
    if (counts.warnings)
      printf(rb_from_en(rb_cli_lang(), ", %d warning%s\n"), counts.warnings, counts.warnings == 1 ? "" : "s");
  }
  return rb_cli_exit_status(s);
}

static int cmd_check(int argc, char **argv) {
  static const char *usage = "usage: rubric check FILE.rubric...\n"
                             "\n"
                             "Check rubrics and print every problem found: syntax errors, unknown names,\n"
                             "type and unit errors, weights that do not add up, step tables with gaps or\n"
                             "overlaps, unused inputs.  Exit status 1 if any file has an error.\n"
                             "\n"
                             "  -q, --quiet   print nothing when a file is fine\n"
                             "  --lang L      zh or en: the language of the diagnostics (default: from\n"
                             "                LC_ALL, LC_MESSAGES, LANG: zh when it starts with zh, else en)\n";
  bool quiet = false;
  int files = 0, status = RB_EXIT_OK;
  for (int i = 1; i < argc; i++) {
    if (is_help(argv[i])) {
      fputs(usage, stdout);
      return RB_EXIT_OK;
    }
    int lang = rb_cli_lang_option("check", argc, argv, i);
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) i += lang - 1;
    else if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--quiet") == 0) quiet = true;
    else if (argv[i][0] == '-' && argv[i][1]) {
      rb_cli_error("check", "unknown option %s", argv[i]);
      fputs(usage, stderr);
      return RB_EXIT_USAGE;
    }
  }
  for (int i = 1; i < argc; i++) {
    int lang = rb_cli_lang_option("check", argc, argv, i);
    if (lang > 0) i += lang - 1;
    if (lang || (argv[i][0] == '-' && argv[i][1])) continue;
    files++;
    status = rb_cli_worse(status, check_one(argv[i], quiet));
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
                             "without compiling again.  The file is written atomically.\n"
                             "\n"
                             "  --lang L   zh or en: the language of the diagnostics (default: from\n"
                             "             LC_ALL, LC_MESSAGES, LANG: zh when it starts with zh, else en)\n";
  const char *in = NULL, *out = NULL;
  for (int i = 1; i < argc; i++) {
    if (is_help(argv[i])) {
      fputs(usage, stdout);
      return RB_EXIT_OK;
    }
    int lang = rb_cli_lang_option("compile", argc, argv, i);
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) i += lang - 1;
    else if (strcmp(argv[i], "-o") == 0 && i + 1 < argc) out = argv[++i];
    else if (strncmp(argv[i], "--output=", 9) == 0) out = argv[i] + 9;
    else if (argv[i][0] == '-') {
      rb_cli_error("compile", "unknown option %s", argv[i]);
      fputs(usage, stderr);
      return RB_EXIT_USAGE;
    } else if (!in) in = argv[i];
    else {
      rb_cli_error("compile", "one rubric at a time");
      fputs(usage, stderr);
      return RB_EXIT_USAGE;
    }
  }
  if (!in || !out) {
    fputs(usage, stderr);
    return RB_EXIT_USAGE;
  }
  rb_cli_diagnostics counts = {0};
  rubric_options o = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  rubric_program *p;
  rubric_error err;
  rubric_status s = rubric_compile(in, &o, &p, &err);
  if (s == RUBRIC_OK) s = rubric_save_lang(p, out, rb_cli_rubric_lang(), &err);
  if (s == RUBRIC_E_RUBRIC) /* only compiling says that */
    rb_cli_say("%s: %d error%s; nothing written\n", in, counts.errors, counts.errors == 1 ? "" : "s");
  else if (s != RUBRIC_OK)
    rb_cli_error("compile", "%s", err.message);
  rubric_program_free(p);
  return rb_cli_exit_status(s);
}

/* ---- disasm ------------------------------------------------------------- */

static int cmd_disasm(int argc, char **argv) {
  static const char *usage = "usage: rubric disasm FILE\n"
                             "\n"
                             "List the bytecode of a rubric (.rubric, compiled first) or of a .rbc file:\n"
                             "offset, source line, opcode, operands and constant values.\n"
                             "\n"
                             "  --lang L   zh or en: the language of the diagnostics (default: from\n"
                             "             LC_ALL, LC_MESSAGES, LANG: zh when it starts with zh, else en)\n";
  const char *file = NULL;
  int args = 0;
  for (int i = 1; i < argc; i++) {
    int lang = rb_cli_lang_option("disasm", argc, argv, i);
    if (lang < 0) return RB_EXIT_USAGE;
    if (lang > 0) i += lang - 1;
    else file = argv[i], args++;
  }
  if (args != 1 || is_help(file)) {
    fputs(usage, args == 1 ? stdout : stderr);
    return args == 1 ? RB_EXIT_OK : RB_EXIT_USAGE;
  }
  rb_cli_diagnostics counts = {0};
  rubric_options o = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  rubric_program *p;
  rubric_error err;
  rubric_status s = rubric_load(file, &o, &p, &err);
  if (s != RUBRIC_OK) {
    rb_cli_error("disasm", "%s", err.message);
    return rb_cli_exit_status(s);
  }
  /* A write that fails is found and reported by rb_cli_close_stdout. */
  rubric_disassemble(p, stdout, NULL);
  rubric_program_free(p);
  return RB_EXIT_OK;
}

/* ---- run ---------------------------------------------------------------- */

static const char *const run_usage =
    "usage: rubric run FILE [REPORT...] [--format text|json|markdown|html|xlsx] [-o OUT.xlsx] [--lang zh|en]\n"
    "                  [--strict]\n"
    "                  [--tolerance T]\n"
    "\n"
    "Score each REPORT (report format v1 JSON, or an indicator table in CSV) with the\n"
    "rubric FILE (.rubric or .rbc), and show the recomputed score beside the self score,\n"
    "item by item, with a finding for every difference.  A rubric that reads no report\n"
    "runs without one.\n"
    "\n"
    "  -f, --format F    text (default), json (one object per line), markdown, html (one\n"
    "                    self-contained page: score table, charts, explanations), or xlsx: an\n"
    "                    Excel workbook with a 评分表 sheet per report, then its findings\n"
    "                    and checks (to -o, or to standard output when it is not a terminal)\n"
    "  -o OUT.xlsx       write the Excel workbook to OUT.xlsx (atomically, when complete);\n"
    "                    the .xlsx name chooses --format xlsx\n"
    "  --lang L          zh or en: findings, explanations and the labels of the text,\n"
    "                    markdown and html results (default: from LC_ALL, LC_MESSAGES, LANG;\n"
    "                    zh); names and a rubric's own messages stay as written\n"
    "  --strict          exit 5 when a recomputed total differs from the self total by\n"
    "                    more than the tolerance, a check fails, or an indicator row\n"
    "                    is scored by no item\n"
    "  --tolerance T     the difference that counts, in points (default 0.01)\n"
    "  --ignore-unread   no `unread` findings for report content the rubric does not\n"
    "                    read (unknown members, facts, self-score paths)\n"
    "  --color, --no-color   colours in text output (default: on a terminal only)\n"
    "  --allow-native LIB    let the rubric call native functions from LIB (repeatable;\n"
    "                        a path also says where LIB is); --allow-native=all allows any\n";

typedef struct run_options {
  rubric_format format;
  rubric_lang lang;
  bool xlsx;            /* --format xlsx: format is then unused */
  bool format_given;
  const char *out_path; /* -o */
  bool strict, unread;
  rubric_tolerance tolerance;
  int color; /* -1: on a terminal */
  const char *rubric;
  const char **reports;
  int report_count;
  rubric_natives *natives; /* what --allow-native allowed */
} run_options;

static bool parse_format(const char *s, rubric_format *f, bool *xlsx) {
  *xlsx = false;
  if (strcmp(s, "xlsx") == 0) *xlsx = true;
  else if (strcmp(s, "text") == 0) *f = RUBRIC_FORMAT_TEXT;
  else if (strcmp(s, "json") == 0) *f = RUBRIC_FORMAT_JSON;
  else if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0) *f = RUBRIC_FORMAT_MARKDOWN;
  else if (strcmp(s, "html") == 0) *f = RUBRIC_FORMAT_HTML;
  else return false;
  return true;
}

/* Read run's command line into o, whose reports array has room for argc
** entries and whose natives exist.  Returns GO_ON, or the exit status to end
** with: 0 after --help, 2 for a wrong command line, 4 out of memory. */
static int parse_run_options(int argc, char **argv, run_options *o) {
  const char *tolerance = "0.01";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *format = NULL, *allow = NULL, *lang = NULL;
    if (is_help(a)) {
      fputs(run_usage, stdout);
      return RB_EXIT_OK;
    }
    if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) && i + 1 < argc) format = argv[++i];
    else if (strncmp(a, "--format=", 9) == 0) format = a + 9;
    else if (strcmp(a, "-o") == 0 && i + 1 < argc) o->out_path = argv[++i];
    else if (strncmp(a, "--output=", 9) == 0) o->out_path = a + 9;
    else if (strcmp(a, "--strict") == 0) o->strict = true;
    else if (strcmp(a, "--ignore-unread") == 0) o->unread = false;
    else if (strcmp(a, "--tolerance") == 0 && i + 1 < argc) tolerance = argv[++i];
    else if (strncmp(a, "--tolerance=", 12) == 0) tolerance = a + 12;
    else if (strcmp(a, "--lang") == 0 && i + 1 < argc) lang = argv[++i];
    else if (strncmp(a, "--lang=", 7) == 0) lang = a + 7;
    else if (strcmp(a, "--allow-native") == 0 && i + 1 < argc) allow = argv[++i];
    else if (strncmp(a, "--allow-native=", 15) == 0) allow = a + 15;
    else if (strcmp(a, "--color") == 0) o->color = 1;
    else if (strcmp(a, "--no-color") == 0) o->color = 0;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("run", "unknown option %s", a);
      fputs(run_usage, stderr);
      return RB_EXIT_USAGE;
    } else if (!o->rubric) o->rubric = a;
    else o->reports[o->report_count++] = a;
    if (format && !parse_format(format, &o->format, &o->xlsx)) {
      rb_cli_error("run", "unknown format %s (text, json, markdown, html or xlsx)", format);
      return RB_EXIT_USAGE;
    }
    if (format) o->format_given = true;
    rubric_error err;
    if (lang && rubric_parse_lang(lang, &o->lang, &err) != RUBRIC_OK) {
      rb_cli_error("run", "--lang: \"%s\" is not a language rubric speaks (zh or en)", lang);
      return RB_EXIT_USAGE;
    }
    if (allow && rubric_natives_allow(o->natives, allow, &err) != RUBRIC_OK) {
      rb_cli_error("run", "%s", err.message);
      return RB_EXIT_IO;
    }
  }
  if (!o->rubric) {
    fputs(run_usage, stderr);
    return RB_EXIT_USAGE;
  }
  if (!rb_cli_tolerance("run", tolerance, &o->tolerance)) return RB_EXIT_USAGE;
  rb_tables_kind kind;
  if (o->out_path && !o->format_given && rb_tables_kind_of(o->out_path, &kind) && kind == RB_TABLES_XLSX)
    o->xlsx = true;
  if (o->out_path && !o->xlsx) {
    rb_cli_error("run", "-o is for --format xlsx; text, json and markdown go to standard output");
    return RB_EXIT_USAGE;
  }
  if (o->xlsx && !o->out_path && isatty(fileno(stdout))) {
    rb_cli_error("run", "--format xlsx writes an Excel workbook, not text for a terminal: "
                        "give an output file, -o FILE.xlsx");
    return RB_EXIT_USAGE;
  }
  if (o->color < 0) o->color = isatty(fileno(stdout)) && !getenv("NO_COLOR");
  return GO_ON;
}

/* Score every report of o with p (once without a report when there are
** none) and print each result; a report that fails is said on standard
** error and the others go on.  Stops early when standard output fails.
** Returns the exit status: 3 when a report failed, 5 with --strict when one
** was challenged. */
static int run_reports(const run_options *o, const rubric_program *p) {
  rubric_vm *vm = NULL;
  rubric_report *rep = NULL;
  rubric_result *res = NULL;
  rubric_error err;
  rubric_status s = rubric_vm_new(p, &vm, &err);
  if (s == RUBRIC_OK) s = rubric_report_new(&rep, &err);
  if (s == RUBRIC_OK) s = rubric_result_new(&res, &err);
  if (s == RUBRIC_OK) rb_cli_error_langs(vm, rep);
  if (s == RUBRIC_OK) s = rubric_vm_set_tolerance(vm, o->tolerance, &err);
  int failed = 0, challenged = 0;
  bool html = o->format == RUBRIC_FORMAT_HTML;
  if (s != RUBRIC_OK) rb_cli_error("run", "%s", err.message);
  else {
    rubric_vm_set_unread(vm, o->unread);
    rubric_vm_set_lang(vm, o->lang);
    rubric_report_set_lang(rep, o->lang);
  }
  if (s == RUBRIC_OK && html) rubric_html_begin(stdout, o->lang, rubric_program_title(p), NULL);
  for (int i = 0; s == RUBRIC_OK && i < (o->report_count ? o->report_count : 1) && !ferror(stdout); i++) {
    const rubric_report *r = NULL;
    if (o->report_count) {
      if (rubric_report_read_file(rep, o->reports[i], &err) != RUBRIC_OK) {
        rb_cli_error("run", "%s", err.message);
        if (html) rubric_html_failed(o->reports[i], err.message, o->lang, (unsigned long)i, stdout, NULL);
        failed++;
        continue;
      }
      r = rep;
      size_t notes = rubric_report_import_notes(rep);
      if (notes)
        rb_cli_error("run", "%s: %zu import note%s, shown as findings (`rubric import %s` prints them)",
                o->reports[i], notes, notes == 1 ? "" : "s", o->reports[i]);
    }
    if (o->format == RUBRIC_FORMAT_TEXT && i > 0) fputc('\n', stdout);
    bool ok = rubric_run(vm, r, res, &err) == RUBRIC_OK;
    if (!ok) {
      fprintf(stderr, "%s\n", err.message);
      failed++;
    }
    /* A failed run is written only as JSON, as its error; the text and
    ** Markdown forms have said it on standard error. */
    if (html) rubric_html_report(res, o->lang, (unsigned long)i, false, stdout, NULL);
    else if (ok || o->format == RUBRIC_FORMAT_JSON) {
      rubric_result_write_lang(res, o->format, o->lang, stdout, ok && o->color != 0, NULL); /* checked at the end */
      if (o->format == RUBRIC_FORMAT_JSON) fputc('\n', stdout);
    }
    if (ok && o->strict && rubric_result_challenged(res)) challenged++;
  }
  if (s == RUBRIC_OK && html) rubric_html_end(stdout, NULL);
  rubric_result_free(res);
  rubric_report_free(rep);
  rubric_vm_free(vm);
  if (s != RUBRIC_OK) return rb_cli_exit_status(s);
  return failed ? RB_EXIT_DATA : challenged ? RB_EXIT_STRICT : RB_EXIT_OK;
}

/* Copy the file at path to standard output; false when a read fails
** (a failed write is found by rb_cli_close_stdout). */
static bool copy_to_stdout(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) fwrite(buf, 1, n, stdout);
  bool fine = !ferror(f);
  fclose(f);
  return fine;
}

/* run --format xlsx: score every report of o with p into one workbook, at
** -o or, for a standard output that is not a terminal, built in a temporary
** folder and copied there.  A report that fails is said on standard error
** and has no sheet.  Returns the exit status, as run_reports. */
static int run_reports_xlsx(const run_options *o, const rubric_program *p) {
  char dir[4096] = "", spool[4200];
  const char *path = o->out_path;
  if (!path) {
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/rubric-run-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
      rb_cli_error("run", "cannot make a temporary folder for the workbook: %s", rb_strerror_lang(rb_cli_lang(), errno));
      return RB_EXIT_IO;
    }
    snprintf(spool, sizeof spool, "%s/result.xlsx", dir);
    path = spool;
  }
  rubric_vm *vm = NULL;
  rubric_report *rep = NULL;
  rubric_result *res = NULL;
  rubric_error err;
  rb_tables *t = NULL;
  char *data = NULL;
  size_t len = 0;
  FILE *mem = NULL;
  rubric_status s = rubric_vm_new(p, &vm, &err);
  if (s == RUBRIC_OK) s = rubric_report_new(&rep, &err);
  if (s == RUBRIC_OK) s = rubric_result_new(&res, &err);
  if (s == RUBRIC_OK) rb_cli_error_langs(vm, rep);
  if (s == RUBRIC_OK) s = rubric_vm_set_tolerance(vm, o->tolerance, &err);
  if (s == RUBRIC_OK && !(mem = open_memstream(&data, &len))) s = RUBRIC_E_MEMORY;
  if (s == RUBRIC_OK && !(t = rb_tables_open(RB_TABLES_XLSX, path, false, &err))) s = err.status;
  int failed = 0, challenged = 0;
  if (s != RUBRIC_OK) rb_cli_error("run", "%s", s == RUBRIC_E_MEMORY && !mem ? rb_text_from_en(rb_cli_lang(), "out of memory") : err.message);
  else {
    rubric_vm_set_unread(vm, o->unread);
    rubric_vm_set_lang(vm, o->lang);
    rubric_report_set_lang(rep, o->lang);
  }
  for (int i = 0; s == RUBRIC_OK && i < (o->report_count ? o->report_count : 1); i++) {
    const rubric_report *r = NULL;
    const char *source = o->report_count ? o->reports[i] : "";
    if (o->report_count) {
      if (rubric_report_read_file(rep, o->reports[i], &err) != RUBRIC_OK) {
        rb_cli_error("run", "%s", err.message);
        failed++;
        continue;
      }
      r = rep;
    }
    if (rubric_run(vm, r, res, &err) != RUBRIC_OK) {
      fprintf(stderr, "%s\n", err.message);
      failed++;
      continue;
    }
    if (o->strict && rubric_result_challenged(res)) challenged++;
    rewind(mem);
    bool fine = rb_tables_encode(mem, res, source, &err);
    fflush(mem);
    if (fine) fine = rb_tables_add(t, data, (size_t)ftello(mem), &err);
    if (!fine) {
      rb_cli_error("run", "%s", err.message);
      s = err.status;
    }
  }
  if (s == RUBRIC_OK && !rb_tables_commit(t, &err)) {
    rb_cli_error("run", "%s", err.message);
    s = err.status;
  } else if (s != RUBRIC_OK) {
    rb_tables_abort(t);
  }
  if (mem) fclose(mem);
  free(data);
  rubric_result_free(res);
  rubric_report_free(rep);
  rubric_vm_free(vm);
  if (dir[0]) {
    if (s == RUBRIC_OK && !copy_to_stdout(spool)) {
      rb_cli_error("run", "cannot read back %s: %s", spool, rb_strerror_lang(rb_cli_lang(), errno));
      s = RUBRIC_E_IO;
    }
    remove(spool);
    rmdir(dir);
  }
  if (s != RUBRIC_OK) return rb_cli_exit_status(s);
  return failed ? RB_EXIT_DATA : challenged ? RB_EXIT_STRICT : RB_EXIT_OK;
}

static int cmd_run(int argc, char **argv) {
  run_options o = {0};
  o.format = RUBRIC_FORMAT_TEXT;
  o.lang = rubric_lang_default();
  o.unread = true;
  o.color = -1;
  o.reports = calloc((size_t)argc, sizeof *o.reports);
  rubric_program *p = NULL;
  int status = GO_ON;
  if (!o.reports || rubric_natives_new(&o.natives, NULL) != RUBRIC_OK) {
    rb_cli_error("run", "out of memory");
    status = RB_EXIT_IO;
  }
  if (status == GO_ON) status = parse_run_options(argc, argv, &o);
  rb_cli_diagnostics counts = {0};
  rubric_options diagnostics = rb_cli_diagnostic_options(&counts, rb_cli_stderr_color());
  if (status == GO_ON && (status = rb_cli_load_program("run", o.rubric, &diagnostics, o.natives, &p)) == RB_EXIT_OK)
    status = o.xlsx ? run_reports_xlsx(&o, p) : run_reports(&o, p);
  rubric_program_free(p);
  rubric_natives_free(o.natives);
  free(o.reports);
  return status;
}

int main(int argc, char **argv) {
  rb_cli_set_lang(argc, argv);
  if (argc < 2) {
    fputs(main_usage, stderr);
    return RB_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (is_help(cmd) || strcmp(cmd, "help") == 0) {
    fputs(main_usage, stdout);
    return rb_cli_close_stdout(NULL, RB_EXIT_OK);
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
    printf("rubric %s\n", RUBRIC_VERSION);
    return rb_cli_close_stdout(NULL, RB_EXIT_OK);
  }
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } commands[] = {{"check", cmd_check}, {"compile", cmd_compile}, {"disasm", cmd_disasm},
                  {"run", cmd_run},     {"value", cmd_value},     {"batch", cmd_batch},
                  {"test", cmd_test},   {"fmt", cmd_fmt},         {"lsp", cmd_lsp},
                  {"explain", cmd_explain}, {"import", cmd_import}};
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(commands[i].name, cmd) == 0) return rb_cli_close_stdout(cmd, commands[i].fn(argc - 1, argv + 1));
  rb_cli_error(NULL, "unknown command '%s'", cmd);
  fputc('\n', stderr);
  fputs(main_usage, stderr);
  return RB_EXIT_USAGE;
}
