/*
** batch.c — `rubric batch`: recompute many reports with one compiled rubric.
**
**   rubric batch RUBRIC|RBC INPUT... [-j N] [-o OUT] [--format csv|jsonl] [--strict]
**
** Third-party evaluators recompute every published report of a year, so a
** batch streams: memory stays flat whatever the input size, output comes in
** input order, one row per report, and a bad report never stops the others.
**
** The pipeline.  A ring of slots sits between three roles:
**
**     main thread: reads inputs into EMPTY slots (→ READY) and writes DONE
**                  slots to the output in order (→ EMPTY);
**     N workers:   take READY slots in order, parse, run, format (→ DONE).
**
** Every slot keeps its buffers from one report to the next, and every worker
** its own VM, report and result, so the steady state allocates little beyond
** what the JSON parser needs.  The rubric is compiled (or its .rbc loaded and
** verified) once, before the first report.
**
** Output goes to a temporary file beside OUT, renamed when the batch is
** complete: an interrupted batch never leaves a file that looks finished.
** Ctrl-C stops reading, says how far the batch got, and removes the
** temporary file.
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
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "rubric.h"

static const char *const batch_usage =
    "usage: rubric batch RUBRIC|RBC INPUT... [-j N] [-o OUT] [--format csv|jsonl] [--strict]\n"
    "\n"
    "Score many reports with one rubric, in input order, one row per report.\n"
    "INPUT is a JSON Lines file (one report per line), a directory of .json and .csv\n"
    "reports (read in name order), a single .json or .csv report, or - for JSON Lines\n"
    "on standard input.  A report that cannot be read or scored gets an error row and a\n"
    "message with its file, line and field; the batch goes on.\n"
    "\n"
    "  -j N              worker threads (default: the cores available)\n"
    "  -o OUT            write to OUT (atomically, when complete) instead of standard output\n"
    "  --format F        csv (default) or jsonl (the `rubric run --format json` object per line)\n"
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
    "exit status: 0 all scored, 3 some reports failed, 5 --strict differences, 130 interrupted\n";

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
  buffer input;       /* a JSON line, or a file path */
  const char *source; /* the input file name (owned by the batch) */
  long line;          /* JSON Lines: 1-based line number */
  buffer output;      /* the formatted row */
  bool failed, challenged;
} slot;

typedef struct batch {
  rubric_program *program;
  bool jsonl, strict;
  slot *slots;
  size_t slot_count;
  size_t next_take; /* the next slot index (mod slot_count) a worker takes */
  uint64_t taken, filled; /* sequence numbers */
  bool input_done, abort;
  int idle_workers;     /* workers waiting for a READY slot */
  int workers;          /* how many there are */
  bool main_waiting;    /* the main thread waits for a DONE slot */
  size_t next_write;    /* the slot the main thread writes next */
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

static void summary_row(FILE *f, const rubric_result *res) {
  rubric_summary s;
  rubric_result_summary(res, &s);
  char year[16] = "", findings[16];
  if (s.year) snprintf(year, sizeof year, "%d", s.year);
  snprintf(findings, sizeof findings, "%u", s.findings);
  csv_field(f, s.id, false);
  csv_field(f, s.unit, false);
  csv_field(f, s.title, false);
  csv_field(f, year, false);
  csv_field(f, s.total, false);
  csv_field(f, s.grade, false);
  csv_field(f, s.self_total, false);
  csv_field(f, s.delta, false);
  csv_field(f, findings, false);
  csv_field(f, s.top_finding, false);
  csv_field(f, s.self_grade, false);
  csv_field(f, s.challenged ? "challenged" : "ok", false);
  csv_field(f, "", true);
}

/* ---- Workers ------------------------------------------------------------ */

typedef struct worker {
  batch *b;
  rubric_vm *vm;
  rubric_report *report;
  rubric_result *result;
  FILE *mem;  /* reused memory stream for the row */
  char *mem_data;
  size_t mem_len;
} worker;

/* Score one slot; the row goes into slot->output. */
static void process(worker *w, slot *s) {
  batch *b = w->b;
  rubric_error err;
  rubric_status read;
  char where[512];
  if (s->kind == INPUT_JSON_LINE) {
    snprintf(where, sizeof where, "%s:%ld", s->source, s->line);
    read = rubric_report_read_json(w->report, s->input.data, s->input.len, s->source, (int)s->line, &err);
  } else {
    snprintf(where, sizeof where, "%s", s->input.data);
    read = rubric_report_read_file(w->report, s->input.data, &err);
  }
  rewind(w->mem);
  s->failed = s->challenged = false;
  if (read != RUBRIC_OK) {
    s->failed = true;
    /* The reader's message names the report (or the file and line) and
    ** the JSON path. */
    error_row(b, w->mem, where, err.message);
  } else if (rubric_run(w->vm, w->report, w->result, &err) != RUBRIC_OK) {
    s->failed = true;
    error_row(b, w->mem, rubric_report_id(w->report), err.message);
  } else {
    if (b->jsonl) {
      rubric_result_write(w->result, RUBRIC_FORMAT_JSON, w->mem, false, NULL);
      fputc('\n', w->mem);
    } else {
      summary_row(w->mem, w->result);
    }
    /* Challenged: the total differs beyond the tolerance, or a check failed
    ** (counted always; only --strict turns it into the exit status). */
    s->challenged = rubric_result_challenged(w->result);
  }
  fflush(w->mem);
  size_t len = (size_t)ftello(w->mem);
  if (!buf_set(&s->output, w->mem_data, len)) {
    s->failed = true;
    snprintf(err.message, sizeof err.message, "out of memory");
  }
  if (s->failed) {
    /* The message for standard error travels in the input buffer, which is
    ** no longer needed. */
    char line[sizeof where + sizeof err.message + 2];
    /* Name the file and line once: a reader's message may already. */
    if (strncmp(err.message, where, strlen(where)) == 0) snprintf(line, sizeof line, "%s", err.message);
    else snprintf(line, sizeof line, "%s: %s", where, err.message);
    buf_set(&s->input, line, strlen(line));
  }
}

/* Slots a worker takes at once: fewer trips through the lock, while the
** ring (64 slots a worker) keeps every worker busy. */
enum { TAKE_AT_ONCE = 8 };

static void *worker_main(void *arg) {
  worker *w = arg;
  batch *b = w->b;
  slot *mine[TAKE_AT_ONCE];
  pthread_mutex_lock(&b->lock);
  for (;;) {
    while (!b->abort && b->taken == b->filled && !b->input_done) {
      b->idle_workers++;
      pthread_cond_wait(&b->work, &b->lock);
      b->idle_workers--;
    }
    if (b->abort || (b->taken == b->filled && b->input_done)) break;
    /* Take up to TAKE_AT_ONCE ready slots, but leave some for the others
    ** when there are few. */
    uint64_t ready = b->filled - b->taken;
    uint64_t share = ready / (uint64_t)(b->workers > 0 ? b->workers : 1);
    int n = share < 1 ? 1 : share > TAKE_AT_ONCE ? TAKE_AT_ONCE : (int)share;
    for (int i = 0; i < n; i++) {
      mine[i] = &b->slots[b->next_take];
      b->next_take = (b->next_take + 1) % b->slot_count;
      b->taken++;
      mine[i]->state = SLOT_BUSY;
    }
    pthread_mutex_unlock(&b->lock);
    for (int i = 0; i < n; i++) process(w, mine[i]);
    pthread_mutex_lock(&b->lock);
    bool wake = false;
    for (int i = 0; i < n; i++) {
      mine[i]->state = SLOT_DONE;
      if (mine[i] == &b->slots[b->next_write]) wake = true;
    }
    /* Wake the main thread only when it waits for one of these slots, or
    ** when it may be waiting for room to read into. */
    if (b->main_waiting && (wake || b->taken == b->filled)) pthread_cond_signal(&b->done);
  }
  pthread_mutex_unlock(&b->lock);
  return NULL;
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
  char *linebuf;
  size_t linecap;
  /* The directory being read: sorted names. */
  char **dir_entries;
  size_t dir_count, dir_next;
  char *dir_name;
  uint64_t files_failed;
} reader;

static int name_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool ends_with(const char *s, const char *suffix) {
  size_t ls = strlen(s), lx = strlen(suffix);
  return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

static void free_dir(reader *r) {
  for (size_t i = 0; i < r->dir_count; i++) free(r->dir_entries[i]);
  free(r->dir_entries);
  free(r->dir_name);
  r->dir_entries = NULL;
  r->dir_name = NULL;
  r->dir_count = r->dir_next = 0;
}

/* Open a directory: its .json and .csv files, sorted by name. */
static bool open_dir(reader *r, const char *path) {
  DIR *d = opendir(path);
  if (!d) return false;
  size_t cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !(ends_with(e->d_name, ".json") || ends_with(e->d_name, ".csv"))) continue;
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
      ssize_t n = getline(&r->linebuf, &r->linecap, r->file);
      if (n >= 0) {
        r->line++;
        while (n > 0 && (r->linebuf[n - 1] == '\n' || r->linebuf[n - 1] == '\r')) n--;
        bool blank = true;
        for (ssize_t i = 0; i < n && blank; i++)
          if (r->linebuf[i] != ' ' && r->linebuf[i] != '\t') blank = false;
        if (blank) continue;
        s->kind = INPUT_JSON_LINE;
        s->source = r->file_name;
        s->line = r->line;
        if (!buf_set(&s->input, r->linebuf, (size_t)n)) return false;
        return true;
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
        s->kind = ends_with(name, ".csv") ? INPUT_CSV_FILE : INPUT_JSON_FILE;
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
      r->file_name = "<stdin>";
      r->line = 0;
      continue;
    }
    struct stat st;
    if (stat(in, &st) != 0) {
      fprintf(stderr, "rubric batch: cannot read %s: %s\n", in, strerror(errno));
      r->files_failed++;
      continue;
    }
    if (S_ISDIR(st.st_mode)) {
      if (!open_dir(r, in)) {
        fprintf(stderr, "rubric batch: cannot read the directory %s: %s\n", in, strerror(errno));
        r->files_failed++;
      }
      continue;
    }
    if (ends_with(in, ".csv") || (ends_with(in, ".json") && !ends_with(in, ".jsonl"))) {
      /* A single report file.  (A .json file holding JSON Lines is read
      ** as one report and fails with a clear message.) */
      s->kind = ends_with(in, ".csv") ? INPUT_CSV_FILE : INPUT_JSON_FILE;
      s->source = "";
      s->line = 0;
      return buf_set(&s->input, in, strlen(in));
    }
    r->file = fopen(in, "r");
    if (!r->file) {
      fprintf(stderr, "rubric batch: cannot open %s: %s\n", in, strerror(errno));
      r->files_failed++;
      continue;
    }
    r->file_name = in;
    r->line = 0;
  }
}

/* ---- Signals and progress ----------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- The command -------------------------------------------------------- */

static int default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

int cmd_batch(int argc, char **argv) {
  int jobs = default_jobs();
  const char *out_path = NULL;
  bool jsonl = false, strict = false, quiet = false, unread = true;
  const char *tolerance = "0.01";
  rubric_tolerance tolerance_value;
  const char *rubric = NULL;
  char **inputs = calloc((size_t)argc, sizeof *inputs);
  int ninputs = 0;
  const char **allow = calloc((size_t)argc, sizeof *allow);
  int nallow = 0;
  if (!inputs || !allow) {
    free(inputs);
    free(allow);
    return RB_EXIT_IO;
  }
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
      fputs(batch_usage, stdout);
      free(inputs);
      return RB_EXIT_OK;
    }
    if ((strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0) && i + 1 < argc) {
      char *end;
      long n = strtol(argv[++i], &end, 10);
      if (*end || n < 1 || n > 256) {
        fprintf(stderr, "rubric batch: -j needs a number of threads from 1 to 256\n");
        free(inputs);
        return RB_EXIT_USAGE;
      }
      jobs = (int)n;
    } else if (strncmp(a, "-j", 2) == 0 && a[2]) {
      char *end;
      long n = strtol(a + 2, &end, 10);
      if (*end || n < 1 || n > 256) {
        fprintf(stderr, "rubric batch: -j needs a number of threads from 1 to 256\n");
        free(inputs);
        return RB_EXIT_USAGE;
      }
      jobs = (int)n;
    } else if (strcmp(a, "-o") == 0 && i + 1 < argc) out_path = argv[++i];
    else if ((strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) && i + 1 < argc) {
      const char *f = argv[++i];
      if (strcmp(f, "csv") == 0) jsonl = false;
      else if (strcmp(f, "jsonl") == 0 || strcmp(f, "json") == 0) jsonl = true;
      else {
        fprintf(stderr, "rubric batch: unknown format %s (csv or jsonl)\n", f);
        free(inputs);
        return RB_EXIT_USAGE;
      }
    } else if (strcmp(a, "--strict") == 0) strict = true;
    else if (strcmp(a, "--ignore-unread") == 0) unread = false;
    else if (strcmp(a, "--tolerance") == 0 && i + 1 < argc) tolerance = argv[++i];
    else if (strncmp(a, "--tolerance=", 12) == 0) tolerance = a + 12;
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) quiet = true;
    else if (strcmp(a, "--allow-native") == 0 && i + 1 < argc) allow[nallow++] = argv[++i];
    else if (strncmp(a, "--allow-native=", 15) == 0) allow[nallow++] = a + 15;
    else if (a[0] == '-' && a[1]) {
      fprintf(stderr, "rubric batch: unknown option %s\n%s", a, batch_usage);
      free(inputs);
      return RB_EXIT_USAGE;
    } else if (!rubric) rubric = a;
    else inputs[ninputs++] = argv[i];
  }
  if (!rubric || ninputs == 0) {
    fputs(batch_usage, stderr);
    free(inputs);
    return RB_EXIT_USAGE;
  }
  if (!rb_cli_tolerance("batch", tolerance, &tolerance_value)) {
    free(inputs);
    free(allow);
    return RB_EXIT_USAGE;
  }

  /* Compile or load once. */
  rb_cli_diagnostics counts = {0};
  rubric_options opts = rb_cli_diagnostic_options(&counts, false);
  rubric_error err;
  rubric_program *program;
  rubric_status loaded = rubric_load(rubric, &opts, &program, &err);
  if (loaded != RUBRIC_OK) {
    fprintf(stderr, "rubric batch: %s\n", err.message);
    free(inputs);
    free(allow);
    return rb_cli_exit_status(loaded);
  }
  rubric_natives *natives = NULL;
  rubric_status linked = rubric_natives_new(&natives, &err);
  for (int i = 0; linked == RUBRIC_OK && i < nallow; i++) linked = rubric_natives_allow(natives, allow[i], &err);
  free(allow);
  if (linked == RUBRIC_OK) linked = rubric_link(program, natives, &err);
  if (linked != RUBRIC_OK) {
    fprintf(stderr, "rubric batch: %s\n", err.message);
    rubric_natives_free(natives);
    rubric_program_free(program);
    free(inputs);
    return rb_cli_exit_status(linked);
  }

  /* The output: a temporary file renamed when complete — unless OUT is not
  ** a regular file (/dev/null, a pipe): that is written directly, never
  ** replaced. */
  FILE *out = stdout;
  char tmp_path[4096] = "";
  struct stat out_st;
  if (out_path && stat(out_path, &out_st) == 0 && !S_ISREG(out_st.st_mode)) {
    out = fopen(out_path, "w");
    if (!out) {
      fprintf(stderr, "rubric batch: cannot write %s: %s\n", out_path, strerror(errno));
      rubric_program_free(program);
      rubric_natives_free(natives);
      free(inputs);
      return RB_EXIT_IO;
    }
    out_path = NULL; /* no rename; closed below like standard output is not */
  } else if (out_path) {
    snprintf(tmp_path, sizeof tmp_path, "%s.partial.%ld", out_path, (long)getpid());
    out = fopen(tmp_path, "w");
    if (!out) {
      fprintf(stderr, "rubric batch: cannot write %s: %s\n", tmp_path, strerror(errno));
      rubric_program_free(program);
      rubric_natives_free(natives);
      free(inputs);
      return RB_EXIT_IO;
    }
  }
  if (!jsonl)
    fputs("id,unit,title,year,total,grade,self_total,delta,findings,top_finding,self_grade,status,error\n", out);

  batch b = {0};
  b.program = program;
  b.jsonl = jsonl;
  b.strict = strict;
  b.slot_count = (size_t)jobs * 64;
  b.workers = jobs;
  b.slots = calloc(b.slot_count, sizeof *b.slots);
  pthread_mutex_init(&b.lock, NULL);
  pthread_cond_init(&b.work, NULL);
  pthread_cond_init(&b.done, NULL);
  worker *workers = calloc((size_t)jobs, sizeof *workers);
  pthread_t *threads = calloc((size_t)jobs, sizeof *threads);
  int status = RB_EXIT_OK;
  int started = 0;
  if (!b.slots || !workers || !threads) {
    fprintf(stderr, "rubric batch: out of memory\n");
    status = RB_EXIT_IO;
    goto cleanup;
  }
  for (int i = 0; i < jobs; i++) {
    worker *w = &workers[i];
    w->b = &b;
    rubric_vm_new(program, &w->vm, NULL);
    if (w->vm && !jsonl) rubric_vm_set_explain(w->vm, false);
    if (w->vm) rubric_vm_set_unread(w->vm, unread);
    if (w->vm) rubric_vm_set_tolerance(w->vm, tolerance_value, NULL); /* parsed, so valid */
    rubric_report_new(&w->report, NULL);
    rubric_result_new(&w->result, NULL);
    w->mem = open_memstream(&w->mem_data, &w->mem_len);
    if (!w->vm || !w->report || !w->result || !w->mem) {
      fprintf(stderr, "rubric batch: out of memory\n");
      status = RB_EXIT_IO;
      goto cleanup;
    }
  }
  /* With one worker, the main thread scores each report itself: no
  ** hand-offs between threads. */
  for (int i = 0; i < jobs && jobs > 1; i++) {
    if (pthread_create(&threads[i], NULL, worker_main, &workers[i]) != 0) {
      fprintf(stderr, "rubric batch: cannot start thread %d\n", i + 1);
      status = RB_EXIT_IO;
      break;
    }
    started++;
  }
  if (jobs > 1 && started == 0) goto cleanup;

  struct sigaction sa = {0}, old_sa;
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old_sa);
  interrupted = 0;

  reader rd = {0};
  rd.inputs = inputs;
  rd.input_count = ninputs;
  bool progress = !quiet && isatty(fileno(stderr));
  double t0 = now_seconds(), last_progress = t0;
  uint64_t written = 0, failed = 0, challenged = 0;
  size_t next_fill = 0, next_write = 0;
  bool more = true, write_error = false;

  if (jobs == 1) {
    slot *s = &b.slots[0];
    while (!interrupted && read_next(&rd, s)) {
      b.filled++;
      process(&workers[0], s);
      if (fwrite(s->output.data, 1, s->output.len, out) != s->output.len) write_error = true;
      if (s->failed) {
        failed++;
        if (!quiet) fprintf(stderr, "rubric batch: %s\n", s->input.data);
      }
      if (s->challenged) challenged++;
      written++;
      if (progress && (written & 1023) == 0) {
        double t = now_seconds();
        fprintf(stderr, "\r%llu reports scored, %llu failed, %.0f reports/s ", (unsigned long long)written,
                (unsigned long long)failed, written / (t - t0 > 0 ? t - t0 : 1));
      }
    }
    more = false;
  }
  pthread_mutex_lock(&b.lock);
  for (; jobs > 1;) {
    if (interrupted) break;
    /* Write finished slots in order. */
    while (b.slots[next_write].state == SLOT_DONE) {
      slot *s = &b.slots[next_write];
      pthread_mutex_unlock(&b.lock);
      if (fwrite(s->output.data, 1, s->output.len, out) != s->output.len) write_error = true;
      if (s->failed) {
        failed++;
        if (!quiet) fprintf(stderr, "rubric batch: %s\n", s->input.data);
      }
      if (s->challenged) challenged++;
      written++;
      pthread_mutex_lock(&b.lock);
      s->state = SLOT_EMPTY;
      next_write = (next_write + 1) % b.slot_count;
      b.next_write = next_write;
    }
    /* Fill empty slots. */
    bool filled_any = false;
    while (more && b.slots[next_fill].state == SLOT_EMPTY && !interrupted) {
      slot *s = &b.slots[next_fill];
      pthread_mutex_unlock(&b.lock);
      more = read_next(&rd, s);
      pthread_mutex_lock(&b.lock);
      if (!more) break;
      s->state = SLOT_READY;
      b.filled++;
      next_fill = (next_fill + 1) % b.slot_count;
      filled_any = true;
    }
    if (filled_any && b.idle_workers > 0) pthread_cond_broadcast(&b.work);
    if (!more && !b.input_done) {
      b.input_done = true;
      pthread_cond_broadcast(&b.work);
    }
    if (!more && written == b.filled) break;
    if (progress) {
      double t = now_seconds();
      if (t - last_progress > 0.2) {
        last_progress = t;
        fprintf(stderr, "\r%llu reports scored, %llu failed, %.0f reports/s ", (unsigned long long)written,
                (unsigned long long)failed, written / (t - t0 > 0 ? t - t0 : 1));
      }
    }
    /* Wait for a worker to finish something, unless there is reading to do. */
    if (b.slots[next_write].state != SLOT_DONE && !(more && b.slots[next_fill].state == SLOT_EMPTY)) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_nsec += 200 * 1000 * 1000;
      if (until.tv_nsec >= 1000000000L) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000L;
      }
      b.main_waiting = true;
      pthread_cond_timedwait(&b.done, &b.lock, &until);
      b.main_waiting = false;
    }
  }
  b.abort = true;
  b.input_done = true;
  pthread_cond_broadcast(&b.work);
  pthread_mutex_unlock(&b.lock);
  for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
  sigaction(SIGINT, &old_sa, NULL);
  if (rd.file && rd.file != stdin) fclose(rd.file);
  free(rd.linebuf);
  free_dir(&rd);
  if (progress) fputs("\r\033[K", stderr);

  double elapsed = now_seconds() - t0;
  if (fflush(out) != 0) write_error = true;
  if (!out_path && out != stdout) {
    if (fclose(out) != 0) write_error = true;
    out = stdout;
  }
  if (out_path) {
    if (fclose(out) != 0) write_error = true;
    out = NULL;
    if (interrupted || write_error) {
      remove(tmp_path);
    } else if (rename(tmp_path, out_path) != 0) {
      fprintf(stderr, "rubric batch: cannot write %s: %s\n", out_path, strerror(errno));
      remove(tmp_path);
      write_error = true;
    }
  }
  if (!quiet || interrupted) {
    uint64_t read_count = b.filled;
    fprintf(stderr, "%s%llu reports read, %llu scored, %llu failed, %llu challenged in %.2f s (%.0f reports/s)\n",
            interrupted ? "interrupted: " : "", (unsigned long long)read_count,
            (unsigned long long)(written - failed), (unsigned long long)failed, (unsigned long long)challenged,
            elapsed, elapsed > 0 ? (double)written / elapsed : 0.0);
    if (interrupted)
      fprintf(stderr, "stopped after %llu reports in input order%s\n", (unsigned long long)written,
              out_path ? "; the output file was not written" : "");
  }
  if (interrupted) status = RB_EXIT_INTERRUPT;
  else if (write_error) status = RB_EXIT_IO;
  else if (failed || rd.files_failed) status = RB_EXIT_DATA;
  else if (challenged && strict) status = RB_EXIT_STRICT;

cleanup:
  if (out && out != stdout) {
    fclose(out);
    remove(tmp_path);
  }
  for (int i = 0; i < jobs && workers; i++) {
    if (workers[i].mem) fclose(workers[i].mem);
    free(workers[i].mem_data);
    rubric_vm_free(workers[i].vm);
    rubric_report_free(workers[i].report);
    rubric_result_free(workers[i].result);
  }
  for (size_t i = 0; i < b.slot_count && b.slots; i++) {
    free(b.slots[i].input.data);
    free(b.slots[i].output.data);
  }
  free(b.slots);
  free(workers);
  free(threads);
  pthread_mutex_destroy(&b.lock);
  pthread_cond_destroy(&b.work);
  pthread_cond_destroy(&b.done);
  rubric_program_free(program);
  rubric_natives_free(natives);
  free(inputs);
  return status;
}
