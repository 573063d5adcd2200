/*
** tables.c — results out as tables (tables.h): a result flattened into
** records, the records read back, and the temporary file a writer builds
** before it is renamed over the output.
**
** A record is a tag byte followed by its fields, each either 'n' (absent) or
** 's', the length in decimal, ':', the bytes and a NUL — so that a decoded
** field is used in place as a C string.  Records never leave the process.
*/
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/messages.h"
#include "cli/cli.h"
#include "cli/tables.h"

/* ---- Records ------------------------------------------------------------ */

static void put_field(FILE *out, const char *s) {
  if (!s) {
    fputc('n', out);
    return;
  }
  size_t n = strlen(s);
  fprintf(out, "s%zu:", n);
  fwrite(s, 1, n, out);
  fputc('\0', out);
}

static void put_number(FILE *out, rubric_number n) {
  put_field(out, n.exact);
  put_field(out, n.shown);
}

typedef struct encoder {
  FILE *out;
} encoder;

static bool encode_node(void *ctx, const rubric_node_info *n) {
  FILE *out = ((encoder *)ctx)->out;
  char depth[16];
  snprintf(depth, sizeof depth, "%u", n->depth);
  fputc('N', out);
  put_field(out, depth);
  put_field(out, n->depth == 0 ? "rubric" : n->is_item ? "item" : "section");
  put_field(out, n->name);
  put_field(out, n->path);
  put_field(out, n->level1);
  put_field(out, n->level2);
  put_field(out, n->target);
  put_field(out, n->actual);
  put_field(out, n->explain);
  put_number(out, n->weight);
  put_number(out, n->score);
  put_number(out, n->self_score);
  put_number(out, n->delta);
  put_field(out, n->not_applicable ? "1" : "0");
  put_field(out, n->unverified ? "1" : "0");
  return true;
}

bool rb_tables_encode(FILE *out, const rubric_result *res, const char *source, rubric_error *err) {
  rubric_summary s;
  rubric_totals t;
  rubric_result_summary(res, &s);
  if (rubric_result_totals(res, &t, err) != RUBRIC_OK) return false;
  char year[16] = "", findings[16];
  if (s.year) snprintf(year, sizeof year, "%d", s.year);
  snprintf(findings, sizeof findings, "%u", s.findings);
  fputc('R', out);
  put_field(out, s.id);
  put_field(out, s.unit[0] ? s.unit : NULL);
  put_field(out, s.title[0] ? s.title : NULL);
  put_field(out, s.year ? year : NULL);
  put_field(out, source);
  put_field(out, rubric_result_rubric_title(res));
  put_number(out, t.total);
  put_field(out, s.grade[0] ? s.grade : NULL);
  put_number(out, t.self_total);
  put_field(out, s.self_grade[0] ? s.self_grade : NULL);
  put_number(out, t.delta);
  put_field(out, findings);
  put_field(out, s.challenged ? "challenged" : "ok");
  encoder e = {out};
  if (rubric_result_nodes(res, encode_node, &e, err) != RUBRIC_OK) return false;
  unsigned nf = rubric_result_finding_count(res);
  for (unsigned i = 0; i < nf; i++) {
    rubric_finding_info f;
    if (rubric_result_finding(res, i, &f, err) != RUBRIC_OK) return false;
    fputc('F', out);
    put_field(out, f.kind);
    put_field(out, f.path);
    put_field(out, f.message);
    put_number(out, f.self);
    put_number(out, f.computed);
    put_number(out, f.stake);
  }
  unsigned nc = rubric_result_check_count(res);
  for (unsigned i = 0; i < nc; i++) {
    rubric_check_info c;
    rubric_result_check(res, i, &c);
    fputc('C', out);
    put_field(out, c.name);
    put_field(out, c.passed < 0 ? NULL : c.passed ? "1" : "0");
    put_field(out, c.message);
  }
  return true;
}

void rb_tables_encode_error(FILE *out, const char *source, const char *id, const char *message) {
  fputc('E', out);
  put_field(out, source);
  put_field(out, id && id[0] ? id : NULL);
  put_field(out, message);
}

static int fields_of(char tag) {
  switch (tag) {
  case 'R': return REP_FIELDS;
  case 'N': return NODE_FIELDS;
  case 'F': return FIND_FIELDS;
  case 'C': return CHECK_FIELDS;
  case 'E': return ERR_FIELDS;
  default: return -1;
  }
}

/* Read one record at *p (below end); false when the bytes are not one. */
static bool decode(const char **p, const char *end, rb_record *r) {
  const char *q = *p;
  r->tag = *q++;
  r->count = fields_of(r->tag);
  if (r->count < 0) return false;
  for (int i = 0; i < r->count; i++) {
    if (q >= end) return false;
    if (*q == 'n') {
      r->f[i] = NULL;
      q++;
      continue;
    }
    if (*q++ != 's') return false;
    size_t n = 0;
    while (q < end && *q >= '0' && *q <= '9') n = n * 10 + (size_t)(*q++ - '0');
    if (q >= end || *q++ != ':' || (size_t)(end - q) < n + 1 || q[n] != '\0') return false;
    r->f[i] = q;
    q += n + 1;
  }
  *p = q;
  return true;
}

/* ---- Numbers ------------------------------------------------------------ */

bool rb_tables_exact_double(const char *text, double *value) {
  const char *p = text;
  if (*p == '-') p++;
  if (!(*p >= '0' && *p <= '9')) return false;
  int significant = 0;
  bool leading = true, point = false;
  for (; *p; p++) {
    if (*p == '.' && !point) {
      point = true;
      continue;
    }
    if (!(*p >= '0' && *p <= '9')) return false;
    if (leading && *p == '0') continue;
    leading = false;
    significant++;
  }
  if (significant > 15) return false;
  *value = strtod(text, NULL);
  return true;
}

double rb_tables_double(const char *text) {
  char *end;
  double v = strtod(text, &end);
  if (*end == '/') v /= strtod(end + 1, NULL);
  return v;
}

/* ---- The writer --------------------------------------------------------- */

struct rb_tables {
  const rb_tables_ops *ops;
  void *w;
  char *path, *tmp;
  rb_record *recs;
  size_t rec_cap;
};

bool rb_tables_kind_of(const char *path, rb_tables_kind *kind) {
  const char *dot = strrchr(path, '.');
  if (!dot || strchr(dot, '/')) return false;
  if (strcasecmp(dot, ".xlsx") == 0) *kind = RB_TABLES_XLSX;
  else if (strcasecmp(dot, ".sqlite") == 0 || strcasecmp(dot, ".sqlite3") == 0 || strcasecmp(dot, ".db") == 0)
    *kind = RB_TABLES_SQLITE;
  else return false;
  return true;
}

/* "cannot write PATH: WHY", in the diagnostics' language (why is a plain
** text of the catalogue, or the system's reason already in it). */
static void set_error(rubric_error *err, rubric_status s, const char *path, const char *why) {
  if (!err) return;
  err->status = s;
  rb_lang lang = rb_cli_lang();
  snprintf(err->message, sizeof err->message, rb_from_en(lang, "cannot write %s: %s"), path,
           rb_text_from_en(lang, why));
}

rb_tables *rb_tables_open(rb_tables_kind kind, const char *path, bool batch, rubric_error *err) {
  struct stat st;
  if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    if (kind == RB_TABLES_XLSX) set_error(err, RUBRIC_E_IO, path, "an Excel file is written to a regular file only");
    else set_error(err, RUBRIC_E_IO, path, "a database is written to a regular file only");
    return NULL;
  }
  const rb_tables_ops *ops = kind == RB_TABLES_XLSX ? &rb_xlsx_ops : &rb_sqlite_ops;
  char why[1024];
  if (!rb_dynlib_load(ops->lib, rb_cli_lang(), why, sizeof why)) {
    set_error(err, RUBRIC_E_IO, path, why);
    return NULL;
  }
  rb_tables *t = calloc(1, sizeof *t);
  size_t len = strlen(path) + 48;
  if (t) {
    t->ops = ops;
    t->path = strdup(path);
    t->tmp = malloc(len);
  }
  if (!t || !t->path || !t->tmp) {
    set_error(err, RUBRIC_E_MEMORY, path, "out of memory");
    rb_tables_abort(t);
    return NULL;
  }
  /* A name beside the output that nothing else uses. */
  snprintf(t->tmp, len, "%s.partial.%ld", path, (long)getpid());
  for (int n = 1; lstat(t->tmp, &st) == 0 && n < 1000; n++)
    snprintf(t->tmp, len, "%s.partial.%ld.%d", path, (long)getpid(), n);
  int fd = open(t->tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
  if (fd < 0) {
    set_error(err, RUBRIC_E_IO, path, rb_strerror_lang(rb_cli_lang(), errno));
    free(t->tmp);
    t->tmp = NULL;
    rb_tables_abort(t);
    return NULL;
  }
  close(fd); /* empty: the writer opens it over again (an empty file is an empty database) */
  t->w = t->ops->open(t->tmp, batch, err);
  if (!t->w) {
    rb_tables_abort(t);
    return NULL;
  }
  return t;
}

bool rb_tables_add(rb_tables *t, const char *data, size_t len, rubric_error *err) {
  const char *p = data, *end = data + len;
  size_t n = 0;
  while (p < end) {
    if (n == t->rec_cap) {
      size_t cap = t->rec_cap ? t->rec_cap * 2 : 64;
      rb_record *r = realloc(t->recs, cap * sizeof *r);
      if (!r) {
        set_error(err, RUBRIC_E_MEMORY, t->path, "out of memory");
        return false;
      }
      t->recs = r;
      t->rec_cap = cap;
    }
    if (!decode(&p, end, &t->recs[n])) {
      set_error(err, RUBRIC_E_IO, t->path, "a result record is malformed");
      return false;
    }
    n++;
  }
  return n == 0 || t->ops->add(t->w, t->recs, n, err);
}

static void free_tables(rb_tables *t) {
  free(t->path);
  free(t->tmp);
  free(t->recs);
  free(t);
}

bool rb_tables_commit(rb_tables *t, rubric_error *err) {
  void *w = t->w;
  t->w = NULL;
  bool fine = t->ops->finish(w, err);
  if (fine) {
    /* On disk before it takes the name. */
    int fd = open(t->tmp, O_RDONLY);
    if (fd < 0 || fsync(fd) != 0 || rename(t->tmp, t->path) != 0) {
      set_error(err, RUBRIC_E_IO, t->path, rb_strerror_lang(rb_cli_lang(), errno));
      fine = false;
    }
    if (fd >= 0) close(fd);
  }
  if (!fine) unlink(t->tmp);
  free_tables(t);
  return fine;
}

void rb_tables_abort(rb_tables *t) {
  if (!t) return;
  if (t->w) t->ops->discard(t->w);
  if (t->tmp) unlink(t->tmp);
  free_tables(t);
}
