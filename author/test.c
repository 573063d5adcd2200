/*
** test.c — `rubric test`: run the tests written in rubric files.
**
** A test is a statement of the language (docs/language.md, "Tests"):
**
**   test "江门 2024 自评表" {
**     report "../examples/jiangmen-2024-keji-fazhan.json"
**     total 100
**     score 产出 › `专项调研/交流考察次数` 3.64
**     grade 优
**     finding shortfall "培训标准"
**     not finding check_failed
**   }
**
** A file's own tests run against the program that file compiles to; a file
** `x.test.rubric` that imports `x.rubric` and holds only tests therefore
** tests x.rubric, and is how rules/ keeps its tests beside its rules.
** Tests of an imported file are not run by the file that imports it: each
** runs once, with the file it was written in.
**
** Scores are compared as the result prints them: the computed score rounded
** half up to the rubric's places (or to as many decimals as the expected
** value has, when it has more), against the expected value exactly.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <stdarg.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "author/author.h"
#include "author/coverage.h"
#include "base/arena.h"
#include "base/file.h"
#include "base/paths.h"
#include "compiler/compile.h"
#include "compiler/compiler.h"
#include "output/output_util.h"
#include "report/report.h"
#include "vm/result.h"
#include "vm/vm.h"

/* Largest report file a test reads. */
enum { MAX_REPORT = 64 * 1024 * 1024 };

/* One expectation, copied out of the tree (which the compile frees). */
typedef struct expect {
  rb_expect_kind kind;
  bool negated;
  uint32_t line;
  const char *name;    /* finding kind, grade, check name */
  const char *operand; /* report path, error text, finding text, check state */
  const char *json;    /* an inline report's text, json_len bytes */
  size_t json_len;
  const char *number;  /* total, score: the value as written, without spaces */
  const char **path;   /* score: names from the first section down */
  uint32_t depth;
} expect;

typedef struct test_case {
  const char *name;
  uint32_t line;
  expect *expects;
  uint32_t count;
} test_case;

/* What a compile hands the runner: the tests of the main file. */
typedef struct collected {
  rb_arena *arena;
  test_case *tests;
  uint32_t count;
  rb_coverage *coverage; /* set: instrument the tree for coverage instead */
} collected;

/* The text of a span of file f, with every white space removed (a number
** written "- 3"). */
static const char *span_text(rb_arena *a, const rb_source *src, uint32_t start, uint32_t end) {
  char *s = rb_arena_alloc(a, end - start + 1);
  if (!s) return "";
  size_t n = 0;
  for (uint32_t i = start; i < end && i < src->len; i++)
    if (src->text[i] != ' ' && src->text[i] != '\t' && src->text[i] != '\n' && src->text[i] != '\r')
      s[n++] = src->text[i];
  s[n] = '\0';
  return s;
}

static const char *copy(rb_arena *a, const char *s) { return s ? rb_arena_strdup(a, s) : NULL; }

/* A path written as one text with › inside ("产出 › 培训标准") is split at
** each ›, spaces around the names trimmed. */
static void split_path(rb_arena *a, const char *text, const char ***names, uint32_t *depth) {
  static const char sep[] = "›";
  uint32_t n = 1;
  for (const char *p = text; (p = strstr(p, sep)); p += sizeof sep - 1) n++;
  const char **out = rb_arena_alloc(a, n * sizeof *out);
  if (!out) return;
  uint32_t i = 0;
  const char *p = text;
  while (i < n) {
    const char *q = strstr(p, sep);
    size_t len = q ? (size_t)(q - p) : strlen(p);
    while (len && p[0] == ' ') p++, len--;
    while (len && p[len - 1] == ' ') len--;
    out[i++] = rb_arena_strndup(a, p, len);
    p = q ? q + sizeof sep - 1 : p + len;
  }
  *names = out;
  *depth = n;
}

/* Copy one EXPECT node. */
static void copy_expect(rb_arena *a, const rb_source *src, const rb_ast *e, expect *x) {
  uint32_t col;
  memset(x, 0, sizeof *x);
  x->kind = (rb_expect_kind)e->op;
  x->negated = e->ival != 0;
  rb_source_position(src, e->start, &x->line, &col);
  x->name = copy(a, e->text);
  switch (x->kind) {
  case RB_EXPECT_REPORT:
    if (e->a->kind == RB_AST_JSON) {
      x->json = src->text + e->a->start;
      x->json = rb_arena_strndup(a, x->json, e->a->end - e->a->start);
      x->json_len = e->a->end - e->a->start;
    } else {
      x->operand = copy(a, e->a->text);
    }
    break;
  case RB_EXPECT_TOTAL: x->number = span_text(a, src, e->a->start, e->a->end); break;
  case RB_EXPECT_SCORE: {
    x->number = span_text(a, src, e->a->start, e->a->end);
    uint32_t n = 0;
    for (const rb_ast *p = e->b; p; p = p->next) n++;
    if (n == 1 && strstr(e->b->text, "›")) {
      split_path(a, e->b->text, &x->path, &x->depth);
      break;
    }
    x->path = rb_arena_alloc(a, n * sizeof *x->path);
    if (!x->path) break;
    for (const rb_ast *p = e->b; p; p = p->next) x->path[x->depth++] = copy(a, p->text);
    break;
  }
  case RB_EXPECT_ERROR: x->operand = copy(a, e->a->text); break;
  case RB_EXPECT_FINDING:
  case RB_EXPECT_CHECK: x->operand = e->b ? copy(a, e->b->text) : NULL; break;
  case RB_EXPECT_GRADE: break;
  }
}

/* The compile hook: copy the main file's tests (file 0; an imported file's
** tests are its own), and instrument the tree when measuring coverage. */
static void collect_tests(void *userdata, rb_compiler *c, rb_ast *parsed) {
  collected *col = userdata;
  if (col->coverage) {
    rb_coverage_instrument(col->coverage, c);
    return;
  }
  const rb_source *src = &c->diags->files[0];
  uint32_t n = 0;
  for (const rb_ast *s = parsed; s; s = s->next)
    if (s->kind == RB_AST_TEST && s->file == 0) n++;
  if (n == 0) return;
  col->tests = rb_arena_alloc(col->arena, n * sizeof *col->tests);
  if (!col->tests) return;
  for (const rb_ast *s = parsed; s; s = s->next) {
    if (s->kind != RB_AST_TEST || s->file != 0) continue;
    test_case *t = &col->tests[col->count++];
    uint32_t column;
    t->name = copy(col->arena, s->text);
    rb_source_position(src, s->start, &t->line, &column);
    t->count = 0;
    for (const rb_ast *e = s->a; e; e = e->next) t->count += e->kind == RB_AST_EXPECT;
    t->expects = rb_arena_alloc(col->arena, (t->count ? t->count : 1) * sizeof *t->expects);
    if (!t->expects) {
      t->count = 0;
      continue;
    }
    uint32_t i = 0;
    for (const rb_ast *e = s->a; e; e = e->next)
      if (e->kind == RB_AST_EXPECT) copy_expect(col->arena, src, e, &t->expects[i++]);
  }
}

/* ---- Running one test ---------------------------------------------------- */

typedef struct runner {
  const rb_test_options *o;
  rb_test_counts *counts;
  rb_vm *vm;
  rb_report *report;
  rb_result *result;
  rb_coverage *coverage;  /* when measuring: */
  rb_vm *coverage_vm;     /* a VM of the program compiled for it */
  rb_result *coverage_result;
  rb_arena scratch;
  const char *file; /* as named on the command line or found in a folder */
  char dir[PATH_MAX];
  const test_case *test;
  bool failed;      /* the current test has failed an expectation */
} runner;

/* Say that an expectation failed: "FILE:LINE: "TEST": WHAT: expected X, got Y". */
__attribute__((format(printf, 3, 4))) static void fail_at(runner *r, uint32_t line, const char *fmt, ...) {
  r->failed = true;
  fprintf(r->o->out, "%s:%u: \"%s\": ", r->file, line, r->test->name);
  va_list ap;
  va_start(ap, fmt);
  vfprintf(r->o->out, rb_from_en(r->o->lang, fmt), ap);
  va_end(ap);
  fputc('\n', r->o->out);
}

/* The places to compare at: the rubric's, or the expected value's decimals
** when it has more. */
static int places_for(const rb_result *res, const char *written) {
  int places = res->program && res->program->rounding.places > 0 ? res->program->rounding.places : 0;
  const char *dot = strchr(written, '.');
  int written_places = dot ? (int)strlen(dot + 1) : 0;
  return written_places > places ? written_places : places;
}

/* Compare a computed score with the value written; on a difference, say
** it.  what names the expectation ("total", "score 产出 › 培训标准"). */
static void expect_number(runner *r, const expect *x, const char *what, bool has, rb_num computed) {
  rb_result *res = r->result;
  rb_num want;
  if (!rb_num_parse(res->nums, x->number, strlen(x->number), &want)) {
    fail_at(r, x->line, "%s: %s is not a number", what, x->number);
    return;
  }
  if (!has) {
    fail_at(r, x->line, "%s: expected %s, got no score", what, x->number);
    return;
  }
  int places = places_for(res, x->number);
  rb_num rounded;
  if (!rb_num_round(res->nums, computed, places, RB_ROUND_HALF_UP, &rounded) || rb_num_cmp(rounded, want) != 0)
    fail_at(r, x->line, "%s: expected %s, got %s", what, x->number,
            rb_out_num(&r->scratch, computed, RB_OUT_FIXED, places));
}

/* The node at a path of names from the first section down, or NULL. */
static const rb_node *find_node(const rb_node *root, const char *const *path, uint32_t depth) {
  const rb_node *n = root;
  for (uint32_t i = 0; n && i < depth; i++) {
    const rb_node *c = n->first_child;
    while (c && strcmp(c->name, path[i]) != 0) c = c->next;
    n = c;
  }
  return n;
}

static const char *joined_path(rb_arena *a, const char *const *path, uint32_t depth) {
  size_t len = 1;
  for (uint32_t i = 0; i < depth; i++) len += strlen(path[i]) + 5;
  char *s = rb_arena_alloc(a, len);
  if (!s) return "";
  s[0] = '\0';
  for (uint32_t i = 0; i < depth; i++) {
    if (i) strcat(s, " › ");
    strcat(s, path[i]);
  }
  return s;
}

/* The names of the children of a node, for "no item X; there are A, B". */
static const char *children_of(rb_arena *a, const rb_node *n) {
  size_t len = 1;
  for (const rb_node *c = n ? n->first_child : NULL; c; c = c->next) len += strlen(c->name) + 2;
  char *s = rb_arena_alloc(a, len);
  if (!s) return "";
  s[0] = '\0';
  for (const rb_node *c = n ? n->first_child : NULL; c; c = c->next) {
    if (s[0]) strcat(s, ", ");
    strcat(s, c->name);
  }
  return s;
}

/* Whether finding f is of kind and names text (in its message or path). */
static bool finding_matches(rb_arena *a, const rb_finding *f, const char *kind, const char *text) {
  if (strcmp(f->kind_name, kind) != 0) return false;
  if (!text) return true;
  if (f->message && strstr(f->message, text)) return true;
  return strstr(joined_path(a, f->path, f->depth), text) != NULL;
}

static void expect_finding(runner *r, const expect *x) {
  const rb_result *res = r->result;
  const rb_finding *hit = NULL;
  for (uint32_t i = 0; i < res->finding_count && !hit; i++)
    if (finding_matches(&r->scratch, &res->findings[i], x->name, x->operand)) hit = &res->findings[i];
  char what[512];
  snprintf(what, sizeof what, "%sfinding %s%s%s%s", x->negated ? "not " : "", x->name, x->operand ? " \"" : "",
           x->operand ? x->operand : "", x->operand ? "\"" : "");
  if (x->negated && hit) {
    const char *path = joined_path(&r->scratch, hit->path, hit->depth);
    fail_at(r, x->line, "%s: expected none, got [%s] %s%s%s", what, hit->kind_name, path, path[0] ? ": " : "",
            hit->message ? hit->message : "");
  } else if (!x->negated && !hit) {
    unsigned same_kind = 0;
    const rb_finding *first = NULL;
    for (uint32_t i = 0; i < res->finding_count; i++)
      if (strcmp(res->findings[i].kind_name, x->name) == 0 && same_kind++ == 0) first = &res->findings[i];
    if (first)
      fail_at(r, x->line, "%s: expected one, got %u %s finding%s naming other things, as: %s", what, same_kind,
              x->name, same_kind == 1 ? "" : "s", first->message ? first->message : "");
    else fail_at(r, x->line, "%s: expected one, got no %s finding (%u findings of other kinds)", what, x->name,
                 res->finding_count);
  }
}

static void expect_check(runner *r, const expect *x) {
  const rb_result *res = r->result;
  const rb_check_result *ck = NULL;
  for (uint32_t i = 0; i < res->check_count && !ck; i++)
    if (strcmp(res->checks[i].name, x->name) == 0) ck = &res->checks[i];
  if (!ck) {
    fail_at(r, x->line, "check %s: expected it to be %s, got no such check", x->name, x->operand);
    return;
  }
  const char *state = !ck->evaluated ? "unknown" : ck->passed ? "holds" : "fails";
  if (strcmp(state, x->operand) != 0)
    fail_at(r, x->line, "check %s: expected %s, got %s%s%s", x->name, x->operand, state, ck->message[0] ? ": " : "",
            ck->message);
}

/* Check every expectation of the test against the result of its run (or
** the error that stopped it, when error is not NULL). */
static void check_expectations(runner *r, const char *error, uint32_t error_line) {
  const test_case *t = r->test;
  rb_result *res = r->result;
  bool wants_error = false;
  for (uint32_t i = 0; i < t->count; i++) wants_error |= t->expects[i].kind == RB_EXPECT_ERROR;
  if (error && !wants_error) {
    fail_at(r, error_line, "the report was not scored: %s", error);
    return;
  }
  if (!error) rb_result_messages(res, 0, res->finding_count);
  for (uint32_t i = 0; i < t->count; i++) {
    const expect *x = &t->expects[i];
    if (x->kind == RB_EXPECT_ERROR) {
      if (!error)
        fail_at(r, x->line, "error \"%s\": expected the report to be refused, got it scored (total %s)", x->operand,
                rb_out_num(&r->scratch, res->total, RB_OUT_FIXED, rb_out_places(res)));
      else if (!strstr(error, x->operand))
        fail_at(r, x->line, "error \"%s\": expected an error saying so, got: %s", x->operand, error);
      continue;
    }
    if (error) continue; /* said once, above, for the error expectation */
    switch (x->kind) {
    case RB_EXPECT_TOTAL: expect_number(r, x, "total", true, res->total); break;
    case RB_EXPECT_SCORE: {
      char what[1024];
      snprintf(what, sizeof what, "score %s", joined_path(&r->scratch, x->path, x->depth));
      const rb_node *n = find_node(res->root, x->path, x->depth);
      if (!n) {
        uint32_t found = 0;
        while (found < x->depth && find_node(res->root, x->path, found + 1)) found++;
        const rb_node *parent = find_node(res->root, x->path, found);
        fail_at(r, x->line, "%s: expected %s, got no '%s' in %s (there are: %s)", what, x->number, x->path[found],
                found ? x->path[found - 1] : rb_text_from_en(r->o->lang, "the rubric"), children_of(&r->scratch, parent));
      } else {
        expect_number(r, x, what, n->has_score, n->score);
      }
      break;
    }
    case RB_EXPECT_GRADE:
      if (!res->grade || strcmp(res->grade, x->name) != 0)
        fail_at(r, x->line, "grade: expected %s, got %s", x->name,
                res->grade ? res->grade : rb_text_from_en(r->o->lang, "no grade"));
      break;
    case RB_EXPECT_FINDING: expect_finding(r, x); break;
    case RB_EXPECT_CHECK: expect_check(r, x); break;
    default: break;
    }
  }
}

/* Read the test's report into r->report; false with the reader's message
** in err. */
static bool read_report(runner *r, const expect *x, char *err, size_t size) {
  rb_report_error e = {"", r->o->lang};
  bool ok;
  if (x->json) {
    ok = rb_report_read_json(r->report, x->json, x->json_len, r->file, (int)x->line, &e);
  } else {
    char path[PATH_MAX * 2];
    if (x->operand[0] == '/') snprintf(path, sizeof path, "%s", x->operand);
    else snprintf(path, sizeof path, "%s%s", r->dir, x->operand);
    ok = rb_report_read_file(r->report, path, &e);
  }
  if (!ok) snprintf(err, size, "%s", e.message);
  return ok;
}

/* Run one test and check what came out. */
static void run_test(runner *r, const test_case *t) {
  r->test = t;
  r->failed = false;
  rb_arena_reset(&r->scratch);
  const expect *report = NULL;
  for (uint32_t i = 0; i < t->count; i++)
    if (t->expects[i].kind == RB_EXPECT_REPORT) {
      if (report) fail_at(r, t->expects[i].line, "a test reads one report; this is its second");
      report = &t->expects[i];
    }
  char error[2048];
  const char *failure = NULL;
  uint32_t failure_line = t->line;
  if (report) {
    rb_report_clear(r->report);
    if (!read_report(r, report, error, sizeof error)) failure = error, failure_line = report->line;
  }
  if (!failure) {
    if (rb_vm_run(r->vm, report ? r->report : NULL, r->result)) {
      rb_num tolerance;
      rb_num_frac(r->result->nums, 1, 100, &tolerance);
      rb_result_compare(r->result, tolerance);
    } else {
      snprintf(error, sizeof error, "%s", r->result->error);
      failure = error;
    }
    if (r->coverage_vm) {
      rb_vm_run(r->coverage_vm, report ? r->report : NULL, r->coverage_result);
      rb_coverage_record(r->coverage, r->coverage_result);
    }
  }
  check_expectations(r, failure, failure_line);
  if (r->failed) r->counts->failed++;
  else {
    r->counts->passed++;
    if (r->o->verbose) fprintf(r->o->out, "%s:%u: \"%s\": ok\n", r->file, t->line, t->name);
  }
}

/* ---- Files --------------------------------------------------------------- */

/* Print a compile's diagnostics to o->diagnostics. */
static void print_diagnostics(const rb_test_options *o, const rb_diags *d) {
  if (o->diagnostics) rb_diags_print(d, o->diagnostics, o->color);
}

/* Compile one file, and run its tests; when measuring coverage, compile it
** a second time for that (every file, tested or not, so that a rubric no
** test reaches shows as such). */
static void test_file(const rb_test_options *o, rb_test_counts *counts, const char *path, rb_coverage *cov) {
  rb_arena arena;
  rb_arena_init(&arena);
  collected col = {&arena, NULL, 0, NULL};
  rb_compile_hook hook = {collect_tests, &col};
  rb_diags diags;
  rb_diags_init(&diags);
  diags.lang = o->lang;
  rb_program *p = rb_compile_hooked(NULL, NULL, 0, path, &diags, &hook);
  rb_program *measured = NULL;
  if (cov && p) {
    collected instrument = {&arena, NULL, 0, cov};
    rb_compile_hook hook2 = {collect_tests, &instrument};
    rb_diags diags2;
    rb_diags_init(&diags2);
    diags2.lang = o->lang;
    measured = rb_compile_hooked(NULL, NULL, 0, path, &diags2, &hook2);
    if (!measured && col.count > 0 && o->diagnostics) {
      fprintf(o->diagnostics, rb_from_en(o->lang, "%s: the rubric compiled for coverage does not compile:\n"), path);
      rb_diags_print(&diags2, o->diagnostics, o->color);
    }
    rb_diags_free(&diags2);
  }
  if (col.count > 0) counts->files++;
  if (!p && col.count > 0) {
    print_diagnostics(o, &diags);
    for (uint32_t i = 0; i < col.count; i++)
      fprintf(o->out, rb_from_en(o->lang, "%s:%u: \"%s\": the rubric does not compile (%d error%s)\n"), path,
              col.tests[i].line,
              col.tests[i].name, diags.errors, diags.errors == 1 ? "" : "s");
    counts->failed += col.count;
  } else if (!p) {
    /* A rubric without tests that does not compile is a failure too: in
    ** `rubric test rules/`, a rule broken by an edit must not pass unseen. */
    print_diagnostics(o, &diags);
    fprintf(o->out, rb_from_en(o->lang, "%s: the rubric does not compile (%d error%s)\n"), path, diags.errors,
            diags.errors == 1 ? "" : "s");
    counts->failed++;
  } else if (col.count > 0) {
    runner r = {0};
    r.o = o;
    r.counts = counts;
    r.file = path;
    rb_arena_init(&r.scratch);
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path + 1) : 0;
    if (n >= sizeof r.dir) n = 0;
    memcpy(r.dir, path, n);
    r.dir[n] = '\0';
    r.vm = rb_vm_new(p);
    r.report = rb_report_new();
    r.result = rb_result_new();
    if (measured) {
      r.coverage = cov;
      r.coverage_vm = rb_vm_new(measured);
      r.coverage_result = rb_result_new();
    }
    if (!r.vm || !r.report || !r.result || (measured && (!r.coverage_vm || !r.coverage_result))) {
      fprintf(o->out, rb_from_en(o->lang, "%s: out of memory\n"), path);
      counts->failed += col.count;
    } else {
      rb_vm_set_error_lang(r.vm, o->lang);
      r.report->error_lang = o->lang;
      if (r.coverage_vm) rb_vm_set_error_lang(r.coverage_vm, o->lang);
      for (uint32_t i = 0; i < col.count; i++) run_test(&r, &col.tests[i]);
    }
    rb_result_free(r.coverage_result);
    rb_vm_free(r.coverage_vm);
    rb_result_free(r.result);
    rb_report_free(r.report);
    rb_vm_free(r.vm);
    rb_arena_free(&r.scratch);
  }
  rb_program_free(measured);
  rb_program_free(p);
  rb_diags_free(&diags);
  rb_arena_free(&arena);
}

int rb_test_run(const char *const *paths, size_t count, const rb_test_options *o, rb_test_counts *counts) {
  memset(counts, 0, sizeof *counts);
  rb_paths files = {0};
  int status = 0;
  for (size_t i = 0; i < count; i++) {
    struct stat st;
    if (stat(paths[i], &st) != 0) {
      fprintf(o->diagnostics ? o->diagnostics : stderr, rb_from_en(o->lang, "rubric test: cannot read %s: %s\n"),
              paths[i], rb_strerror_lang(o->lang, errno));
      status = 4;
    } else if (S_ISDIR(st.st_mode)) {
      rb_paths_find(paths[i], ".rubric", &files);
    } else {
      rb_paths_push(&files, paths[i]);
    }
  }
  rb_coverage *cov = o->coverage ? rb_coverage_new(o->lang) : NULL;
  for (size_t i = 0; i < files.count; i++) test_file(o, counts, files.items[i], cov);
  if (cov) {
    if (o->coverage_text) rb_coverage_write_text(cov, o->out);
    if (o->coverage_json) rb_coverage_write_json(cov, o->coverage_json);
    counts->below_floor = rb_coverage_below(cov, o->min_coverage, o->out);
    rb_coverage_free(cov);
  }
  rb_paths_free(&files);
  fprintf(o->out, rb_from_en(o->lang, "%u passed, %u failed\n"), counts->passed, counts->failed);
  return status;
}
