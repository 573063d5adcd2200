/*
** batch.c — `rubric batch`: recompute many reports with one compiled rubric.
**
**   rubric batch RUBRIC|RBC INPUT... [-j N] [-o OUT] [--format csv|jsonl|html|xlsx|sqlite] [--strict]
**
** Third-party evaluators recompute every published report of a year, so a
** batch streams: memory stays flat whatever the input size, output comes in
** input order, one row per report, and a bad report never stops the others.
**
** The pipeline.  A ring of slots sits between two roles:
**
**     the main thread: reads inputs into EMPTY slots (→ READY) and writes
**                      DONE slots to the output in order (→ EMPTY);
**     the workers:     take READY slots in order, parse, run, format (→ DONE).
**
** With -j N there are N − 1 worker threads, and the main thread is the Nth
** worker: it scores ready slots itself between reading and writing when it
** has nothing to read or write — the same loop, the same hand-over of slots.
** With -j 1 there are no threads and the main thread does it all.  (N
** threads beside a main thread that reads and writes would ask for N + 1
** cores: on N cores the three roles then take turns.)
**
** Every slot keeps its buffers from one report to the next, and every worker
** its own VM, report and result, so the steady state allocates little beyond
** what the JSON parser needs.  The rubric is compiled (or its .rbc loaded and
** verified) once, before the first report.
**
** Output goes through a rubric_output, or for xlsx and sqlite a table writer
** (tables.h) fed with records the workers make: a temporary file beside OUT,
** renamed when the batch is complete, so an interrupted batch never leaves a file
** that looks finished.  SIGINT (Ctrl-C), SIGTERM and SIGHUP stop reading,
** say how far the batch got, and remove the temporary file; the exit status
** is then 128 + the signal's number.  A write that fails stops the batch too.
*/
#define _DEFAULT_SOURCE /* DT_REG, d_type */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/tables.h"
#include "rubric.h"

static const char *const batch_usage =
    "usage: rubric batch RUBRIC|RBC INPUT... [-j N] [-o OUT] [--format csv|jsonl|html|xlsx|sqlite] [--strict]\n"
    "\n"
    "Score many reports with one rubric, in input order, one row per report.\n"
    "INPUT is a JSON Lines file (one report per line), a directory of .json, .jsonl\n"
    "and .csv files and published reports (.txt, .pdf, .xlsx, .docx, imported on the\n"
    "fly; their import notes are counted and each is a finding) read in name order\n"
    "(any other file in it is named, not read), a single report file, or - for JSON\n"
    "Lines on standard input.  A report that\n"
    "cannot be read or scored gets an error row and a message with its file, line and\n"
    "field; the batch goes on.  A report id used twice is named.\n"
    "\n"
    "  -j N              threads that score, the main one among them (default: the cores available)\n"
    "  -o OUT            write to OUT (atomically, when complete) instead of standard output\n"
    "  --format F        csv (default), jsonl (the `rubric run --format json` object per line),\n"
    "                    xlsx (an Excel workbook: reports, findings, checks) or sqlite (a\n"
    "                    database: docs/results-sqlite.md); both need -o, and -o FILE.xlsx,\n"
    "                    FILE.sqlite or FILE.db chooses them\n"
    "                    or html (one page: histogram of differences, grades before/after,\n"
    "                    the most challenged reports, a short section per report)\n"
    "  --lang L          zh or en: findings (top_finding in csv) and explanations, and the\n"
    "                    html page's labels (default: from LC_ALL, LC_MESSAGES, LANG; zh)\n"
    "  --strict          exit 5 when a total differs from its self total, a check fails\n"
    "                    or an indicator row is scored by no item\n"
    "  --tolerance T     the difference that counts, in points (default 0.01)\n"
    "  --ignore-unread   no `unread` findings for report content the rubric does not read\n"
    "  -q, --quiet       no summary and no progress on standard error\n"
    "  --allow-native LIB  let the rubric call native functions from LIB (repeatable);\n"
    "                    --allow-native=all allows any\n"
    "\n"
    "csv columns: id, unit, title, year, total, grade, self_total, delta, findings,\n"
    "top_finding, self_grade, status, error\n"
    "exit status: 0 all scored, 3 some reports failed, 4 output not written, 5 --strict differences,\n"
    "130 Ctrl-C (128 + the signal: 143 SIGTERM, 129 SIGHUP; the output file is not written)\n";

/* A parse of the command line that did not end the command. */
enum { GO_ON = -1 };

/* ---- Options ------------------------------------------------------------ */

typedef struct batch_options {
  int jobs;             /* -j: 1 means no threads */
  const char *out_path; /* -o, or NULL for standard output */
  bool jsonl, html, strict, quiet, unread;
  rubric_lang lang;
  bool format_given;    /* --format: the -o name does not choose */
  bool tables;          /* xlsx or sqlite, through a table writer */
  rb_tables_kind kind;  /* when tables */
  rubric_tolerance tolerance;
  const char *rubric;
  char **inputs;
  int input_count;
  rubric_natives *natives; /* what --allow-native allowed */
} batch_options;

static int default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

/* The number of threads -j gives: 1 to 256. */
static bool parse_jobs(const char *text, int *jobs) {
  char *end;
  long n = strtol(text, &end, 10);
  if (*end || end == text || n < 1 || n > 256) {
    rb_cli_error("batch", "-j needs a number of threads from 1 to 256");
    return false;
  }
  *jobs = (int)n;
  return true;
}

/* Read the command line into o, whose inputs array has room for argc
** entries and whose natives exist.  Returns GO_ON, or the exit status to end
** with: 0 after --help, 2 for a wrong command line, 4 out of memory. */
static int parse_options(int argc, char **argv, batch_options *o) {
  const char *tolerance = "0.01";
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *allow = NULL;
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(batch_usage, stdout);
      return RB_EXIT_OK;
    }
    if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < argc) {
      if (!parse_jobs(argv[++i], &o->jobs)) return RB_EXIT_USAGE;
    } else if (strncmp(a, "-j", 2) == 0 && a[2]) {
      if (!parse_jobs(a + 2, &o->jobs)) return RB_EXIT_USAGE;
    } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
      o->out_path = argv[++i];
    } else if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) && i + 1 < argc) {
      const char *f = argv[++i];
      o->format_given = true;
      o->jsonl = o->tables = o->html = false;
      if (strcmp(f, "csv") == 0) o->jsonl = false;
      else if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0) o->jsonl = true;
      else if (strcmp(f, "html") == 0) o->html = true;
      else if (strcmp(f, "xlsx") == 0) o->tables = true, o->kind = RB_TABLES_XLSX;
      else if (strcmp(f, "sqlite") == 0) o->tables = true, o->kind = RB_TABLES_SQLITE;
      else {
        rb_cli_error("batch", "unknown format %s (csv, jsonl, html, xlsx or sqlite)", f);
        return RB_EXIT_USAGE;
      }
    } else if ((strcmp(a, "--lang") == 0 && i + 1 < argc) || strncmp(a, "--lang=", 7) == 0) {
      const char *l = a[6] == '=' ? a + 7 : argv[++i];
      rubric_error err;
      if (rubric_parse_lang(l, &o->lang, &err) != RUBRIC_OK) {
        rb_cli_error("batch", "--lang: \"%s\" is not a language rubric speaks (zh or en)", l);
        return RB_EXIT_USAGE;
      }
    } else if (strcmp(a, "--strict") == 0) o->strict = true;
    else if (strcmp(a, "--ignore-unread") == 0) o->unread = false;
    else if (strcmp(a, "--tolerance") == 0 && i + 1 < argc) tolerance = argv[++i];
    else if (strncmp(a, "--tolerance=", 12) == 0) tolerance = a + 12;
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) o->quiet = true;
    else if (strcmp(a, "--allow-native") == 0 && i + 1 < argc) allow = argv[++i];
    else if (strncmp(a, "--allow-native=", 15) == 0) allow = a + 15;
    else if (a[0] == '-' && a[1]) {
      rb_cli_error("batch", "unknown option %s", a);
      fputs(batch_usage, stderr);
      return RB_EXIT_USAGE;
    } else if (!o->rubric) o->rubric = a;
    else o->inputs[o->input_count++] = argv[i];
    rubric_error err;
    if (allow && rubric_natives_allow(o->natives, allow, &err) != RUBRIC_OK) {
      rb_cli_error("batch", "%s", err.message);
      return RB_EXIT_IO;
    }
  }
  if (!o->rubric || o->input_count == 0) {
    fputs(batch_usage, stderr);
    return RB_EXIT_USAGE;
  }
  if (!rb_cli_tolerance("batch", tolerance, &o->tolerance)) return RB_EXIT_USAGE;
  /* -o FILE.xlsx, FILE.sqlite or FILE.db chooses the format unless --format did. */
  if (!o->format_given && o->out_path && rb_tables_kind_of(o->out_path, &o->kind)) o->tables = true;
  if (o->tables && !o->out_path) {
    rb_cli_error("batch", "--format %s needs an output file: -o FILE.%s (%s)",
            o->kind == RB_TABLES_XLSX ? "xlsx" : "sqlite", o->kind == RB_TABLES_XLSX ? "xlsx" : "sqlite",
            o->kind == RB_TABLES_XLSX ? rb_text_from_en(rb_cli_lang(), "an Excel workbook is not written to standard output")
                                      : rb_text_from_en(rb_cli_lang(), "a database is not written to standard output"));
    return RB_EXIT_USAGE;
  }
  return GO_ON;
}

/* ---- Slots -------------------------------------------------------------- */

typedef enum slot_state { SLOT_EMPTY, SLOT_READY, SLOT_BUSY, SLOT_DONE } slot_state;

/* A growable byte buffer, kept across reports. */
typedef struct buffer {
  char *data;
  size_t len, cap;
} buffer;

static bool buf_reserve(buffer *b, size_t need) {
  if (need <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < need) cap *= 2;
  char *d = realloc(b->data, cap);
  if (!d) return false;
  b->data = d;
  b->cap = cap;
  return true;
}

static bool buf_set(buffer *b, const char *s, size_t len) {
  if (!buf_reserve(b, len + 1)) return false;
  memcpy(b->data, s, len);
  b->data[len] = '\0';
  b->len = len;
  return true;
}

typedef enum input_kind { INPUT_JSON_LINE, INPUT_JSON_FILE, INPUT_CSV_FILE } input_kind;

typedef struct slot {
  slot_state state;
  input_kind kind;
  buffer input;       /* a JSON line, or a file path; after a failure, the message */
  bool padded;        /* a JSON line: RUBRIC_JSON_PADDING bytes after it are the slot's */
  const char *source; /* the input file name (owned by the batch) */
  long line;          /* JSON Lines: 1-based line number */
  buffer output;      /* the formatted row (html: the report's section) */
  buffer id;          /* the report's id, when it was read */
  bool failed, challenged;
  uint64_t seq;       /* 0-based position in input order */
  rubric_batch_row row; /* html: what the overview shows of the report */
  bool published;      /* a published file (.txt, .pdf, .xlsx, .docx) imported on the fly */
  size_t import_notes; /* what its import noted (each a finding of the report) */
} slot;

/* One scoring context: a worker thread's, or the main thread's when there
** are no threads. */
typedef struct worker {
  struct batch *b;
  rubric_vm *vm;
  rubric_report *report;
  rubric_result *result;
  FILE *mem; /* reused memory stream for the row */
  char *mem_data;
  size_t mem_len;
} worker;

typedef struct batch {
  bool jsonl, html;
  rubric_lang lang;
  bool tables;            /* slots hold records for a table writer (tables.h) */
  slot *slots;
  size_t slot_count;
  size_t next_take;       /* the next slot index (mod slot_count) a worker takes */
  uint64_t taken, filled; /* sequence numbers */
  bool input_done, abort;
  int idle_workers;       /* worker threads waiting for a READY slot */
  int threads;            /* how many worker threads there are (0: the main thread works) */
  int started;            /* how many of them were started */
  bool main_waiting;      /* the main thread waits for a DONE slot */
  size_t next_write;      /* the slot the main thread writes next */
  worker *workers;        /* one per thread, or one for the main thread */
  int worker_count;
  pthread_t *thread_ids;
  pthread_mutex_t lock;
  pthread_cond_t work, done;
} batch;

/* ---- Formatting a row --------------------------------------------------- */

/* Write a CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *f, const char *s, bool last) {
  if (!s) s = "";
  if (strpbrk(s, ",\"\r\n")) {
    fputc('"', f);
    for (const char *p = s; *p; p++) {
      if (*p == '"') fputc('"', f);
      fputc(*p, f);
    }
    fputc('"', f);
  } else {
    fputs(s, f);
  }
  fputc(last ? '\n' : ',', f);
}

/* A JSON string, for error rows in jsonl. */
static void json_string(FILE *f, const char *s) {
  fputc('"', f);
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') fprintf(f, "\\%c", *p);
    else if (*p < 0x20) fprintf(f, "\\u%04x", *p);
    else fputc(*p, f);
  }
  fputc('"', f);
}

/* The row for a report that could not be read or scored. */
static void error_row(const batch *b, FILE *f, const char *id, const char *message) {
  if (b->html) return; /* process writes the section */
  if (b->jsonl) {
    fputs("{\"id\": ", f);
    json_string(f, id ? id : "");
    fputs(", \"error\": ", f);
    json_string(f, message);
    fputs("}\n", f);
    return;
  }
  csv_field(f, id, false);
  for (int i = 0; i < 10; i++) csv_field(f, "", false);
  csv_field(f, "error", false);
  csv_field(f, message, true);
}

/* The decimal text of v in buf (at least 12 bytes), as "%d" writes it:
** without snprintf, which costs more than the rest of a summary row. */
static const char *int_text(long long v, char *buf) {
  char digits[24];
  int n = 0;
  unsigned long long m = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
  do {
    digits[n++] = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  size_t at = 0;
  if (v < 0) buf[at++] = '-';
  while (n-- > 0) buf[at++] = digits[n];
  buf[at] = '\0';
  return buf;
}

/* Append a CSV field and the character after it (',' or '\n') to b,
** quoted when it holds a comma, a quote or a line break — as csv_field
** writes it.  False when out of memory. */
static bool csv_append(buffer *b, const char *s, char after) {
  if (!s) s = "";
  size_t n = strlen(s);
  bool quote = strpbrk(s, ",\"\r\n") != NULL;
  /* Quoted, every character may be a doubled quote. */
  if (!buf_reserve(b, b->len + (quote ? 2 * n + 2 : n) + 2)) return false;
  char *at = b->data + b->len;
  if (quote) {
    *at++ = '"';
    for (const char *p = s; *p; p++) {
      if (*p == '"') *at++ = '"';
      *at++ = *p;
    }
    *at++ = '"';
  } else {
    memcpy(at, s, n);
    at += n;
  }
  *at++ = after;
  *at = '\0';
  b->len = (size_t)(at - b->data);
  return true;
}

/* The CSV row of a scored report, straight into out (replacing what it
** held): no stream in between.  *challenged as rubric_result_challenged;
** false when out of memory. */
static bool summary_row(buffer *out, const rubric_result *res, bool *challenged) {
  rubric_summary s;
  rubric_result_summary(res, &s);
  *challenged = s.challenged;
  char year[24] = "", findings[24];
  if (s.year) int_text(s.year, year);
  int_text(s.findings, findings);
  out->len = 0;
  const char *fields[] = {s.id,    s.unit,     s.title,    year,           s.total,
                          s.grade, s.self_total, s.delta, findings,      s.top_finding,
                          s.self_grade, s.challenged ? "challenged" : "ok"};
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (!csv_append(out, fields[i], ',')) return false;
  return csv_append(out, "", '\n');
}

/* ---- Workers ------------------------------------------------------------ */

/* Where a slot's report comes from ("file:line", or the file's name), for
** messages and tables: written only when one of them needs it, not for
** every report scored. */
static const char *slot_where(const slot *s, char *where, size_t size) {
  if (where[0]) return where;
  if (s->kind == INPUT_JSON_LINE) snprintf(where, size, "%s:%ld", s->source, s->line);
  else snprintf(where, size, "%s", s->input.data);
  return where;
}

/* Score one slot; the row goes into slot->output, and after a failure the
** line for standard error into slot->input. */
static void process(worker *w, slot *s) {
  batch *b = w->b;
  rubric_error err;
  rubric_status read;
  bool direct = false; /* the row was written into s->output, not w->mem */
  char where[512];
  where[0] = '\0';
  if (b->tables || b->html) slot_where(s, where, sizeof where);
  if (s->kind == INPUT_JSON_LINE) {
    read = s->padded ? rubric_report_read_json_padded(w->report, s->input.data, s->input.len, s->source, (int)s->line, &err)
                     : rubric_report_read_json(w->report, s->input.data, s->input.len, s->source, (int)s->line, &err);
  } else {
    read = rubric_report_read_file(w->report, s->input.data, &err);
  }
  rewind(w->mem);
  s->failed = s->challenged = false;
  memset(&s->row, 0, sizeof s->row);
  s->id.len = 0;
  s->import_notes = read == RUBRIC_OK ? rubric_report_import_notes(w->report) : 0;
  if (read == RUBRIC_OK) {
    const char *id = rubric_report_id(w->report);
    if (id && !buf_set(&s->id, id, strlen(id))) s->id.len = 0;
  }
  if (read != RUBRIC_OK) {
    s->failed = true;
    slot_where(s, where, sizeof where);
    /* The reader's message names the report (or the file and line) and
    ** the JSON path. */
    if (b->tables) rb_tables_encode_error(w->mem, where, NULL, err.message);
    else error_row(b, w->mem, where, err.message);
    if (b->html) rubric_html_failed(where, err.message, b->lang, (unsigned long)s->seq, w->mem, NULL);
  } else if (rubric_run(w->vm, w->report, w->result, &err) != RUBRIC_OK) {
    s->failed = true;
    if (b->tables) rb_tables_encode_error(w->mem, where, rubric_report_id(w->report), err.message);
    else error_row(b, w->mem, rubric_report_id(w->report), err.message);
    if (b->html) rubric_html_report(w->result, b->lang, (unsigned long)s->seq, true, w->mem, NULL);
  } else if (b->tables) {
    if (!rb_tables_encode(w->mem, w->result, where, &err)) {
      s->failed = true;
      rewind(w->mem);
      rb_tables_encode_error(w->mem, where, rubric_report_id(w->report), err.message);
    }
    s->challenged = !s->failed && rubric_result_challenged(w->result);
  } else {
    if (b->html) {
      rubric_html_report(w->result, b->lang, (unsigned long)s->seq, true, w->mem, NULL);
    } else if (b->jsonl) {
      rubric_result_write(w->result, RUBRIC_FORMAT_JSON, w->mem, false, NULL);
      fputc('\n', w->mem);
    } else {
      /* The row goes into the slot's output as it is made. */
      direct = summary_row(&s->output, w->result, &s->challenged);
      if (!direct) {
        s->failed = true;
        snprintf(err.message, sizeof err.message, "out of memory");
        error_row(b, w->mem, rubric_report_id(w->report), err.message);
      }
    }
    /* Challenged: the total differs beyond the tolerance, or a check failed
    ** (counted always; only --strict turns it into the exit status). */
    if (!direct) s->challenged = rubric_result_challenged(w->result);
  }
  if (b->html) {
    if (s->failed && read != RUBRIC_OK) {
      /* The place, cut to the row's room at a character's start. */
      size_t n = strlen(where);
      if (n >= sizeof s->row.id) {
        n = sizeof s->row.id - 1;
        while (n > 0 && ((unsigned char)where[n] & 0xC0) == 0x80) n--;
      }
      memcpy(s->row.id, where, n);
      s->row.id[n] = '\0';
      s->row.failed = true;
    } else rubric_batch_row_of(w->result, &s->row);
  }
  if (!direct) {
    fflush(w->mem);
    size_t len = (size_t)ftello(w->mem);
    if (!buf_set(&s->output, w->mem_data, len)) {
      s->failed = true;
      snprintf(err.message, sizeof err.message, "out of memory");
    }
  }
  if (s->failed) {
    /* The message for standard error travels in the input buffer, which is
    ** no longer needed.  It names the file and line once: a reader's
    ** message may already. */
    char line[sizeof where + sizeof err.message + 2];
    slot_where(s, where, sizeof where);
    if (strncmp(err.message, where, strlen(where)) == 0) snprintf(line, sizeof line, "%s", err.message);
    else snprintf(line, sizeof line, "%s: %s", where, err.message);
    buf_set(&s->input, line, strlen(line));
  }
}

/* Slots a worker takes at once: fewer trips through the lock, while the
** ring (64 slots a worker) keeps every worker busy. */
enum { TAKE_AT_ONCE = 8 };

/* Take the next ready slots in order (the lock held): up to TAKE_AT_ONCE,
** fewer when few are ready, so that the other workers get some too.
** Returns how many, at least one; the caller makes sure one is ready. */
static int take_slots(batch *b, slot **mine) {
  uint64_t ready = b->filled - b->taken;
  uint64_t share = ready / (uint64_t)(b->threads + 1);
  int n = share < 1 ? 1 : share > TAKE_AT_ONCE ? TAKE_AT_ONCE : (int)share;
  for (int i = 0; i < n; i++) {
    mine[i] = &b->slots[b->next_take];
    b->next_take = (b->next_take + 1) % b->slot_count;
    b->taken++;
    mine[i]->state = SLOT_BUSY;
  }
  return n;
}

/* Mark slots taken by take_slots as done (the lock held), and wake the main
** thread when it waits for one of them, or may be waiting for room to read
** into. */
static void finish_slots(batch *b, slot **mine, int n) {
  bool wake = false;
  for (int i = 0; i < n; i++) {
    mine[i]->state = SLOT_DONE;
    if (mine[i] == &b->slots[b->next_write]) wake = true;
  }
  if (b->main_waiting && (wake || b->taken == b->filled)) pthread_cond_signal(&b->done);
}

/* Score ready slots with w's context, the lock held on entry and on return
** (it is released while scoring). */
static void work(worker *w) {
  batch *b = w->b;
  slot *mine[TAKE_AT_ONCE];
  int n = take_slots(b, mine);
  pthread_mutex_unlock(&b->lock);
  for (int i = 0; i < n; i++) process(w, mine[i]);
  pthread_mutex_lock(&b->lock);
  finish_slots(b, mine, n);
}

/* A worker thread: score ready slots until the input is done or the batch
** is stopped. */
static void *worker_main(void *arg) {
  worker *w = arg;
  batch *b = w->b;
  pthread_mutex_lock(&b->lock);
  for (;;) {
    while (!b->abort && b->taken == b->filled && !b->input_done) {
      b->idle_workers++;
      pthread_cond_wait(&b->work, &b->lock);
      b->idle_workers--;
    }
    if (b->abort || (b->taken == b->filled && b->input_done)) break;
    work(w);
  }
  pthread_mutex_unlock(&b->lock);
  return NULL;
}

/* ---- The pool ----------------------------------------------------------- */

/* Set up the ring (64 slots a worker) and one scoring context per thread —
** jobs threads, or none for jobs 1 and one context for the main thread.
** Threads are started by pool_start.  False when out of memory; whatever
** was made is freed by pool_free. */
static bool pool_init(batch *b, const rubric_program *p, const batch_options *o) {
  memset(b, 0, sizeof *b);
  b->jsonl = o->jsonl;
  b->html = o->html;
  b->lang = o->lang;
  b->tables = o->tables;
  b->threads = o->jobs > 1 ? o->jobs - 1 : 0; /* the main thread is the last worker */
  b->worker_count = o->jobs > 1 ? o->jobs : 1;
  b->slot_count = (size_t)b->worker_count * 64;
  pthread_mutex_init(&b->lock, NULL);
  pthread_cond_init(&b->work, NULL);
  pthread_cond_init(&b->done, NULL);
  b->slots = calloc(b->slot_count, sizeof *b->slots);
  b->workers = calloc((size_t)b->worker_count, sizeof *b->workers);
  b->thread_ids = calloc((size_t)b->worker_count, sizeof *b->thread_ids);
  if (!b->slots || !b->workers || !b->thread_ids) return false;
  for (int i = 0; i < b->worker_count; i++) {
    worker *w = &b->workers[i];
    w->b = b;
    if (rubric_vm_new(p, &w->vm, NULL) != RUBRIC_OK || rubric_report_new(&w->report, NULL) != RUBRIC_OK ||
        rubric_result_new(&w->result, NULL) != RUBRIC_OK || !(w->mem = open_memstream(&w->mem_data, &w->mem_len)))
      return false;
    rb_cli_error_langs(w->vm, w->report);
    /* A CSV row shows no explanation: save making them. */
    if (!o->jsonl && !o->tables && !o->html) rubric_vm_set_explain(w->vm, false);
    rubric_vm_set_unread(w->vm, o->unread);
    rubric_vm_set_lang(w->vm, o->lang);
    rubric_report_set_lang(w->report, o->lang);
    rubric_vm_set_tolerance(w->vm, o->tolerance, NULL); /* parsed, so valid */
  }
  return true;
}

/* Start the worker threads, with the stopping signals blocked in them so
** that a signal reaches the main thread and interrupts a read it waits in.
** A thread that cannot be started is said and done without: the batch goes
** on with those that were, and the main thread scores too. */
static bool pool_start(batch *b) {
  sigset_t stopping, old;
  sigemptyset(&stopping);
  sigaddset(&stopping, SIGINT);
  sigaddset(&stopping, SIGTERM);
  sigaddset(&stopping, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stopping, &old);
  for (int i = 0; i < b->threads; i++) {
    if (pthread_create(&b->thread_ids[i], NULL, worker_main, &b->workers[i]) != 0) {
      rb_cli_error("batch", "cannot start thread %d", i + 1);
      break;
    }
    b->started++;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (b->started < b->threads) b->threads = b->started;
  return true; /* the main thread scores what no thread does */
}

/* Stop the worker threads, whatever they are doing, and wait for them. */
static void pool_stop(batch *b) {
  pthread_mutex_lock(&b->lock);
  b->abort = true;
  b->input_done = true;
  pthread_cond_broadcast(&b->work);
  pthread_mutex_unlock(&b->lock);
  for (int i = 0; i < b->started; i++) pthread_join(b->thread_ids[i], NULL);
  b->started = 0;
}

static void pool_free(batch *b) {
  for (int i = 0; i < b->worker_count && b->workers; i++) {
    worker *w = &b->workers[i];
    if (w->mem) fclose(w->mem);
    free(w->mem_data);
    rubric_vm_free(w->vm);
    rubric_report_free(w->report);
    rubric_result_free(w->result);
  }
  for (size_t i = 0; i < b->slot_count && b->slots; i++) {
    free(b->slots[i].input.data);
    free(b->slots[i].output.data);
    free(b->slots[i].id.data);
  }
  free(b->slots);
  free(b->workers);
  free(b->thread_ids);
  pthread_mutex_destroy(&b->lock);
  pthread_cond_destroy(&b->work);
  pthread_cond_destroy(&b->done);
}

/* ---- Inputs ------------------------------------------------------------- */

/* One unit of input, produced by the reader in order. */
typedef struct reader {
  char **inputs;
  int input_count;
  int next_input;
  /* The JSON Lines file being read. */
  FILE *file;
  const char *file_name;
  long line;
  /* The directory being read: sorted names. */
  char **dir_entries;
  size_t dir_count, dir_next;
  char *dir_name;
  /* Paths of JSON Lines files found in directories, kept for the slots
  ** that name them until the batch ends. */
  char **kept;
  size_t kept_count, kept_cap;
  uint64_t files_failed, files_skipped;
} reader;

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* JSON Lines are read through stdio with a buffer of 256 KiB rather than the
** file system's block (4 KiB): a batch of 100 MB then takes four hundred read
** calls, not twenty-five thousand.  One buffer for files (one is open at a
** time, and it is closed before the next is opened) and one for standard
** input, which is never closed and keeps its buffer to the end. */
enum { READ_BUFFER = 1 << 18 };
static char file_buffer[READ_BUFFER], stdin_buffer[READ_BUFFER];

static void read_buffered(FILE *f) {
  static bool stdin_set; /* setvbuf only before a stream's first read: "-" may be given twice */
  if (!f || (f == stdin && stdin_set)) return;
  if (f == stdin) stdin_set = true;
  setvbuf(f, f == stdin ? stdin_buffer : file_buffer, _IOFBF, READ_BUFFER);
}

/* Whether a file name ends with an extension, in any case: publishers'
** folders hold REPORT.JSON as often as report.json. */
static bool ends_with(const char *s, const char *suffix) {
  size_t ls = strlen(s), lx = strlen(suffix);
  return ls >= lx && strcasecmp(s + ls - lx, suffix) == 0;
}

/* What a file is read as, by its extension. */
typedef enum file_kind { FILE_JSON, FILE_JSON_LINES, FILE_CSV, FILE_PUBLISHED, FILE_OTHER } file_kind;

static file_kind kind_of(const char *name) {
  if (ends_with(name, ".csv")) return FILE_CSV;
  if (rubric_import_handles(name)) return FILE_PUBLISHED;
  if (ends_with(name, ".json")) return FILE_JSON;
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return FILE_JSON_LINES;
  return FILE_OTHER;
}

/* Keep a copy of path until the batch ends; NULL when out of memory. */
static const char *keep_path(reader *r, const char *path) {
  if (r->kept_count == r->kept_cap) {
    size_t cap = r->kept_cap ? r->kept_cap * 2 : 8;
    char **n = realloc(r->kept, cap * sizeof *n);
    if (!n) return NULL;
    r->kept = n;
    r->kept_cap = cap;
  }
  char *copy = strdup(path);
  if (copy) r->kept[r->kept_count++] = copy;
  return copy;
}

static void free_dir(reader *r) {
  for (size_t i = 0; i < r->dir_count; i++) free(r->dir_entries[i]);
  free(r->dir_entries);
  free(r->dir_name);
  r->dir_entries = NULL;
  r->dir_name = NULL;
  r->dir_count = r->dir_next = 0;
}

/* Open a directory: every entry but hidden ones (.name), sorted by name;
** read_next reads each report file and names every other entry. */
static bool open_dir(reader *r, const char *path) {
  DIR *d = opendir(path);
  if (!d) return false;
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    if (r->dir_count == cap) {
      cap = cap ? cap * 2 : 64;
      char **n = realloc(r->dir_entries, cap * sizeof *n);
      if (!n) break;
      r->dir_entries = n;
    }
    r->dir_entries[r->dir_count] = strdup(e->d_name);
    if (r->dir_entries[r->dir_count]) r->dir_count++;
  }
  closedir(d);
  if (r->dir_count) qsort(r->dir_entries, r->dir_count, sizeof *r->dir_entries, name_cmp);
  r->dir_name = strdup(path);
  return true;
}

/* Fill slot s with the next unit of input; false at the end of all input. */
static bool read_next(reader *r, slot *s) {
  for (;;) {
    if (r->file) {
      /* Straight into the slot's buffer (malloc'd, grown by realloc, as
      ** getline wants): a line is read once and not copied. */
      ssize_t n = getline(&s->input.data, &s->input.cap, r->file);
      if (n >= 0) {
        r->line++;
        /* Room after the line for the JSON reader, which reads past it
        ** (RUBRIC_JSON_PADDING): the buffer grows once, and the line is
        ** parsed where it is. */
        s->padded = buf_reserve(&s->input, (size_t)n + 1 + RUBRIC_JSON_PADDING);
        char *text = s->input.data;
        while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r')) n--;
        memset(text + n, 0, s->padded ? 1 + RUBRIC_JSON_PADDING : 1);
        s->input.len = (size_t)n;
        bool blank = true;
        for (ssize_t i = 0; i < n && blank; i++)
          if (text[i] != ' ' && text[i] != '\t') blank = false;
        if (blank) continue;
        s->kind = INPUT_JSON_LINE;
        s->published = false;
        s->source = r->file_name;
        s->line = r->line;
        return true;
      }
      if (!feof(r->file)) {
        /* Not the end: a read failed.  Said, never taken for the end of
        ** the file; the lines read before it were scored. */
        rb_cli_error("batch", "cannot read %s after line %ld: %s", r->file_name, r->line,
                     rb_strerror_lang(rb_cli_lang(), errno));
        r->files_failed++;
      }
      if (r->file != stdin) fclose(r->file);
      r->file = NULL;
      continue;
    }
    if (r->dir_name) {
      if (r->dir_next < r->dir_count) {
        const char *name = r->dir_entries[r->dir_next++];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", r->dir_name, name);
        struct stat st;
        bool folder = stat(path, &st) == 0 && S_ISDIR(st.st_mode);
        file_kind kind = folder ? FILE_OTHER : kind_of(name);
        if (kind == FILE_OTHER) {
          /* Said, never dropped: a file the batch does not read. */
          rb_cli_error("batch", "%s: not read: %s", path,
                  folder ? rb_text_from_en(rb_cli_lang(), "a folder inside the input folder (give it as an input of its own)")
                         : rb_text_from_en(rb_cli_lang(), "not a report file (.json, .jsonl, .csv, or a published .txt, "
                                                          ".pdf, .xlsx, .docx)"));
          r->files_skipped++;
          continue;
        }
        if (kind == FILE_JSON_LINES) {
          const char *kept = keep_path(r, path);
          r->file = kept ? fopen(kept, "r") : NULL;
          read_buffered(r->file);
          if (!r->file) {
            rb_cli_error("batch", "cannot open %s: %s", path, kept ? rb_strerror_lang(rb_cli_lang(), errno) : rb_text_from_en(rb_cli_lang(), "out of memory"));
            r->files_failed++;
            continue;
          }
          r->file_name = kept;
          r->line = 0;
          continue;
        }
        s->kind = kind == FILE_CSV ? INPUT_CSV_FILE : INPUT_JSON_FILE;
        s->published = kind == FILE_PUBLISHED;
        s->source = "";
        s->line = 0;
        return buf_set(&s->input, path, strlen(path));
      }
      free_dir(r);
      continue;
    }
    if (r->next_input >= r->input_count) return false;
    const char *in = r->inputs[r->next_input++];
    if (strcmp(in, "-") == 0) {
      r->file = stdin;
      read_buffered(r->file);
      r->file_name = "<stdin>";
      r->line = 0;
      continue;
    }
    struct stat st;
    if (stat(in, &st) != 0) {
      rb_cli_error("batch", "cannot read %s: %s", in, rb_strerror_lang(rb_cli_lang(), errno));
      r->files_failed++;
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!open_dir(r, in)) {
        rb_cli_error("batch", "cannot read the directory %s: %s", in, rb_strerror_lang(rb_cli_lang(), errno));
        r->files_failed++;
      }
      continue;
    }
    file_kind kind = kind_of(in);
    if (kind == FILE_CSV || kind == FILE_JSON || kind == FILE_PUBLISHED) {
      /* A single report file.  (A .json file holding JSON Lines is read
      ** as one report and fails with a clear message.) */
      s->kind = kind == FILE_CSV ? INPUT_CSV_FILE : INPUT_JSON_FILE;
      s->published = kind == FILE_PUBLISHED;
      s->source = "";
      s->line = 0;
      return buf_set(&s->input, in, strlen(in));
    }
    r->file = fopen(in, "r");
    read_buffered(r->file);
    if (!r->file) {
      rb_cli_error("batch", "cannot open %s: %s", in, rb_strerror_lang(rb_cli_lang(), errno));
      r->files_failed++;
      continue;
    }
    r->file_name = in;
    r->line = 0;
  }
}

static void reader_free(reader *r) {
  if (r->file && r->file != stdin) fclose(r->file);
  free_dir(r);
  for (size_t i = 0; i < r->kept_count; i++) free(r->kept[i]);
  free(r->kept);
}

/* ---- Signals ------------------------------------------------------------ */

/* The signal that stopped the batch, or 0.  A handler can only set a flag
** of this type; it is the one piece of global state, and only cmd_batch,
** which one process runs once, sets the handler. */
static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig) { stop_signal = sig; }

/* The signals that stop a batch, and what they did before. */
static const int stopping_signals[] = {SIGINT, SIGTERM, SIGHUP};
enum { STOPPING_SIGNALS = sizeof stopping_signals / sizeof stopping_signals[0] };

typedef struct signal_state {
  struct sigaction old[STOPPING_SIGNALS];
} signal_state;

/* Catch SIGINT, SIGTERM and SIGHUP — but leave SIGHUP ignored when it was
** (nohup).  No SA_RESTART: a read waiting for standard input returns. */
static void catch_signals(signal_state *st) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  stop_signal = 0;
  for (int i = 0; i < STOPPING_SIGNALS; i++) {
    sigaction(stopping_signals[i], NULL, &st->old[i]);
    if (stopping_signals[i] == SIGHUP && st->old[i].sa_handler == SIG_IGN) continue;
    sigaction(stopping_signals[i], &sa, NULL);
  }
}

static void restore_signals(const signal_state *st) {
  for (int i = 0; i < STOPPING_SIGNALS; i++) sigaction(stopping_signals[i], &st->old[i], NULL);
}

/* ---- The output loop ---------------------------------------------------- */

/* The report ids seen, as 64-bit hashes (8 to 16 bytes a report): a set
** by open addressing, at most 3/4 full; 0 marks an empty place. */
typedef struct id_set {
  uint64_t *hashes;
  size_t count, cap;
} id_set;

static uint64_t id_hash(const char *s, size_t len) {
  uint64_t h = 14695981039346656037ULL; /* FNV-1a */
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h ? h : 1;
}

/* Add h; false when it was there already (or, out of memory, when it
** cannot be told: then every id counts as new). */
static bool id_set_add(id_set *set, uint64_t h) {
  if ((set->count + 1) * 4 > set->cap * 3) {
    size_t cap = set->cap ? set->cap * 2 : 1024;
    uint64_t *n = calloc(cap, sizeof *n);
    if (!n) return true;
    for (size_t i = 0; i < set->cap; i++) {
      if (!set->hashes[i]) continue;
      size_t j = (size_t)set->hashes[i] & (cap - 1);
      while (n[j]) j = (j + 1) & (cap - 1);
      n[j] = set->hashes[i];
    }
    free(set->hashes);
    set->hashes = n;
    set->cap = cap;
  }
  size_t j = (size_t)h & (set->cap - 1);
  while (set->hashes[j]) {
    if (set->hashes[j] == h) return false;
    j = (j + 1) & (set->cap - 1);
  }
  set->hashes[j] = h;
  set->count++;
  return true;
}

/* What reached the output, for the summary and the exit status. */
typedef struct tally {
  uint64_t written, failed, challenged, duplicates;
  uint64_t published, import_notes, noted_reports; /* published files imported, their notes, files with notes */
  id_set ids;
  bool write_failed;
  rubric_error write_error; /* when write_failed */
  /* html: the sections and rows gathered until the overview can be written
  ** above them (the page is held in memory). */
  FILE *sections;
  char *sections_data;
  size_t sections_len;
  rubric_batch_row *rows;
  size_t row_count, row_cap;
} tally;

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Where rows go: a file of bytes (csv, jsonl), or a table writer (xlsx,
** sqlite) that takes each report's records. */
typedef struct sink {
  rubric_output *bytes;
  rb_tables *tables;
} sink;

static bool sink_write(sink *out, const char *data, size_t len, rubric_error *err) {
  if (out->tables) return rb_tables_add(out->tables, data, len, err);
  return rubric_output_write(out->bytes, data, len, err) == RUBRIC_OK;
}

static bool sink_commit(sink *out, rubric_error *err) {
  bool fine = out->tables ? rb_tables_commit(out->tables, err) : rubric_output_commit(out->bytes, err) == RUBRIC_OK;
  out->tables = NULL;
  out->bytes = NULL;
  return fine;
}

static void sink_abort(sink *out) {
  rb_tables_abort(out->tables);
  rubric_output_abort(out->bytes);
  out->tables = NULL;
  out->bytes = NULL;
}

/* Write one finished slot's row and count it; a write that fails is kept in
** t and counts nothing. */
static void emit(const slot *s, sink *out, tally *t, bool quiet) {
  if (t->sections) {
    if (t->row_count == t->row_cap) {
      size_t cap = t->row_cap ? 2 * t->row_cap : 256;
      rubric_batch_row *rows = realloc(t->rows, cap * sizeof *rows);
      if (!rows) {
        t->write_failed = true;
        snprintf(t->write_error.message, sizeof t->write_error.message, "out of memory");
        return;
      }
      t->rows = rows;
      t->row_cap = cap;
    }
    t->rows[t->row_count++] = s->row;
    fwrite(s->output.data, 1, s->output.len, t->sections);
  } else if (!sink_write(out, s->output.data, s->output.len, &t->write_error)) {
    t->write_failed = true;
    return;
  }
  if (s->failed) {
    t->failed++;
    if (!quiet) rb_cli_error("batch", "%s", s->input.data);
  }
  if (s->challenged) t->challenged++;
  if (s->published) t->published++;
  if (s->import_notes) {
    /* Never silent: each note is a finding of the report, and said here. */
    t->import_notes += s->import_notes;
    t->noted_reports++;
    char where[512] = ""; /* a line is named by file:line, not by its text */
    if (!quiet)
      rb_cli_error("batch", "%s: %zu import note%s (findings of the report; `rubric import` prints them)",
              s->kind == INPUT_JSON_LINE ? slot_where(s, where, sizeof where) : s->input.data, s->import_notes,
              s->import_notes == 1 ? "" : "s");
  }
  if (s->id.len && !id_set_add(&t->ids, id_hash(s->id.data, s->id.len))) {
    /* Two reports under one id: the second is scored, and said. */
    t->duplicates++;
    {
      if (s->failed) rb_cli_error("batch", "report id \"%s\" appears again in this batch", s->id.data);
      else if (s->kind == INPUT_JSON_LINE)
        rb_cli_error("batch", "%s:%ld: report id \"%s\" appears again in this batch", s->source, s->line,
                s->id.data);
      else rb_cli_error("batch", "%s: report id \"%s\" appears again in this batch", s->input.data, s->id.data);
    }
  }
  t->written++;
}

/* Wait up to 200 ms for a worker to finish a slot (the lock held). */
static void wait_for_workers(batch *b) {
  struct timespec until;
  clock_gettime(CLOCK_REALTIME, &until);
  until.tv_nsec += 200 * 1000 * 1000;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  b->main_waiting = true;
  pthread_cond_timedwait(&b->done, &b->lock, &until);
  b->main_waiting = false;
}

/* The main thread's one loop: write finished slots in input order, fill
** empty ones from the inputs, then score ready ones itself when there are no
** worker threads, or wait for the workers.  Ends when every input was read
** and its row written, on a stopping signal, or when a write fails. */
static void run_batch(batch *b, reader *rd, sink *out, tally *t, bool quiet) {
  bool progress = !quiet && isatty(fileno(stderr));
  double t0 = now_seconds(), last_progress = t0;
  size_t next_fill = 0;
  bool more = true;
  pthread_mutex_lock(&b->lock);
  while (!stop_signal && !t->write_failed) {
    while (b->slots[b->next_write].state == SLOT_DONE && !t->write_failed) {
      slot *s = &b->slots[b->next_write];
      pthread_mutex_unlock(&b->lock);
      emit(s, out, t, quiet);
      pthread_mutex_lock(&b->lock);
      s->state = SLOT_EMPTY;
      b->next_write = (b->next_write + 1) % b->slot_count;
    }
    bool filled_any = false;
    while (more && b->slots[next_fill].state == SLOT_EMPTY && !stop_signal && !t->write_failed) {
      slot *s = &b->slots[next_fill];
      pthread_mutex_unlock(&b->lock);
      more = read_next(rd, s);
      pthread_mutex_lock(&b->lock);
      if (!more) break;
      s->state = SLOT_READY;
      s->seq = b->filled;
      b->filled++;
      next_fill = (next_fill + 1) % b->slot_count;
      filled_any = true;
    }
    if (filled_any && b->idle_workers > 0) pthread_cond_broadcast(&b->work);
    if (!more && !b->input_done) {
      b->input_done = true;
      pthread_cond_broadcast(&b->work);
    }
    if (!more && t->written == b->filled) break;
    if (progress && now_seconds() - last_progress > 0.2) {
      double now = now_seconds();
      last_progress = now;
      rb_cli_say("\r%llu reports scored, %llu failed, %.0f reports/s ", (unsigned long long)t->written,
                 (unsigned long long)t->failed, t->written / (now - t0 > 0 ? now - t0 : 1));
    }
    /* Nothing to write or to read now: score ready slots with the main
    ** thread's own context (the one after the threads'), else wait. */
    if (b->slots[b->next_write].state != SLOT_DONE && !(more && b->slots[next_fill].state == SLOT_EMPTY)) {
      if (b->taken < b->filled) work(&b->workers[b->threads]);
      else if (b->threads > 0) wait_for_workers(b);
    }
  }
  pthread_mutex_unlock(&b->lock);
  if (progress) fputs("\r\033[K", stderr);
}

/* ---- The command -------------------------------------------------------- */

/* The summary on standard error (always after a signal or a failed write,
** else unless quiet): reports read and how they went, then how far a
** stopped batch got and what became of its output. */
static void print_summary(const batch_options *o, const batch *b, const reader *rd, const tally *t, double elapsed) {
  bool stopped = stop_signal || t->write_failed;
  if (o->quiet && !stopped) return;
  rb_lang lang = rb_cli_lang();
  rb_cli_say("%s%llu reports read, %llu scored, %llu failed, %llu challenged in %.2f s (%.0f reports/s)\n",
          stop_signal ? rb_text_from_en(lang, "interrupted: ") : t->write_failed ? rb_text_from_en(lang, "stopped: ") : "",
          (unsigned long long)b->filled,
          (unsigned long long)(t->written - t->failed), (unsigned long long)t->failed,
          (unsigned long long)t->challenged, elapsed, elapsed > 0 ? (double)t->written / elapsed : 0.0);
  if (t->published || t->import_notes)
    rb_cli_say("%llu published file%s imported; %llu import note%s in %llu report%s (findings of their reports)\n",
            (unsigned long long)t->published, t->published == 1 ? "" : "s", (unsigned long long)t->import_notes,
            t->import_notes == 1 ? "" : "s", (unsigned long long)t->noted_reports, t->noted_reports == 1 ? "" : "s");
  if (rd->files_skipped)
    rb_cli_say("%llu file%s in the input folders not read (named above)\n", (unsigned long long)rd->files_skipped,
            rd->files_skipped == 1 ? "" : "s");
  if (rd->files_failed)
    rb_cli_say("%llu input file%s could not be read, or not to the end (named above)\n",
               (unsigned long long)rd->files_failed, rd->files_failed == 1 ? "" : "s");
  if (t->duplicates)
    rb_cli_say("%llu report%s with an id already used earlier in the batch (named above)\n",
            (unsigned long long)t->duplicates, t->duplicates == 1 ? "" : "s");
  if (!stopped) return;
  /* A regular OUT is a temporary file until the end: removed now.  Standard
  ** output, a device or a pipe keep what reached them. */
  struct stat st;
  bool replaced = o->out_path && (stat(o->out_path, &st) != 0 || S_ISREG(st.st_mode));
  const char *what = replaced            ? rb_text_from_en(lang, "; the output file was not written")
                     : t->write_failed   ? rb_text_from_en(lang, "; the output is incomplete")
                                         : "";
  rb_cli_say("stopped after %llu reports in input order%s\n", (unsigned long long)t->written, what);
}

/* The html page: the overview of the rows gathered, then the sections. */
static void write_page(const batch_options *o, const rubric_program *p, tally *t, sink *out) {
  char *page = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&page, &len);
  if (!f || fflush(t->sections) != 0) {
    t->write_failed = true;
    snprintf(t->write_error.message, sizeof t->write_error.message, "out of memory");
    if (f) fclose(f);
    free(page);
    return;
  }
  rubric_html_begin(f, o->lang, rubric_program_title(p), NULL);
  rubric_html_batch(f, o->lang, rubric_program_title(p), t->rows, t->row_count, NULL);
  fflush(f);
  if (!sink_write(out, page, len, &t->write_error) ||
      !sink_write(out, t->sections_data, t->sections_len, &t->write_error))
    t->write_failed = true;
  rewind(f);
  rubric_html_end(f, NULL);
  fflush(f);
  long end = ftell(f);
  if (!t->write_failed && !sink_write(out, page, (size_t)end, &t->write_error)) t->write_failed = true;
  fclose(f);
  free(page);
}

/* Score everything with the loaded program p into the output out; returns
** the exit status.  The output is committed when the batch completed, else
** abandoned. */
static int score_all(const batch_options *o, const rubric_program *p, sink *out) {
  batch b;
  reader rd = {0};
  rd.inputs = o->inputs;
  rd.input_count = o->input_count;
  tally t = {0};
  int status = RB_EXIT_OK;
  if (!pool_init(&b, p, o)) {
    rb_cli_error("batch", "out of memory");
    status = RB_EXIT_IO;
  } else if (!pool_start(&b)) {
    status = RB_EXIT_IO;
  } else {
    double t0 = now_seconds();
    if (o->html && !(t.sections = open_memstream(&t.sections_data, &t.sections_len))) t.write_failed = true;
    if (!t.write_failed) run_batch(&b, &rd, out, &t, o->quiet);
    pool_stop(&b);
    if (t.sections && !stop_signal && !t.write_failed) write_page(o, p, &t, out);
    double elapsed = now_seconds() - t0;
    if (stop_signal || t.write_failed) sink_abort(out);
    else if (!sink_commit(out, &t.write_error)) t.write_failed = true;
    if (t.write_failed) rb_cli_error("batch", "%s", t.write_error.message);
    print_summary(o, &b, &rd, &t, elapsed);
    if (stop_signal) status = RB_EXIT_SIGNAL + stop_signal;
    else if (t.write_failed) status = RB_EXIT_IO;
    else if (t.failed || rd.files_failed) status = RB_EXIT_DATA;
    else if (t.challenged && o->strict) status = RB_EXIT_STRICT;
  }
  sink_abort(out);
  if (t.sections) fclose(t.sections);
  free(t.sections_data);
  free(t.rows);
  reader_free(&rd);
  pool_free(&b);
  free(t.ids.hashes);
  return status;
}

int cmd_batch(int argc, char **argv) {
  batch_options o = {0};
  o.jobs = default_jobs();
  o.lang = rubric_lang_default();
  o.unread = true;
  o.inputs = calloc((size_t)argc, sizeof *o.inputs);
  rubric_program *program = NULL;
  sink out = {NULL, NULL};
  rubric_error err;
  signal_state signals;
  bool caught = false;
  int status = GO_ON;
  if (!o.inputs || rubric_natives_new(&o.natives, NULL) != RUBRIC_OK) {
    rb_cli_error("batch", "out of memory");
    status = RB_EXIT_IO;
  }
  if (status == GO_ON) status = parse_options(argc, argv, &o);
  /* Compile or load once.  Diagnostics are never coloured here. */
  rb_cli_diagnostics counts = {0};
  rubric_options diagnostics = rb_cli_diagnostic_options(&counts, false);
  if (status == GO_ON) {
    status = rb_cli_load_program("batch", o.rubric, &diagnostics, o.natives, &program);
    if (status == RB_EXIT_OK) status = GO_ON;
  }
  /* The signals are caught before the temporary file exists, so that none
  ** can leave it behind. */
  if (status == GO_ON) {
    catch_signals(&signals);
    caught = true;
    bool opened = o.tables
                      ? (out.tables = rb_tables_open(o.kind, o.out_path, true, &err)) != NULL
                      : rubric_output_open_lang(o.out_path, rb_cli_rubric_lang(), &out.bytes, &err) == RUBRIC_OK;
    if (!opened) {
      rb_cli_error("batch", "%s", err.message);
      status = rb_cli_exit_status(err.status);
    }
  }
  static const char csv_header[] =
      "id,unit,title,year,total,grade,self_total,delta,findings,top_finding,self_grade,status,error\n";
  if (status == GO_ON && !o.jsonl && !o.tables && !o.html) rubric_output_write(out.bytes, csv_header, sizeof csv_header - 1, NULL);
  if (status == GO_ON) status = score_all(&o, program, &out);
  sink_abort(&out);
  if (caught) restore_signals(&signals);
  rubric_program_free(program);
  rubric_natives_free(o.natives);
  free(o.inputs);
  return status;
}
