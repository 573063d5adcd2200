/*
** report_dump.h — every field a report reader fills, written out as text,
** for tests that compare two readers field by field (test_json_events.c,
** test_json_simd.c).  Notes are left out: they are what differs when one
** reader leaves a report to the tree walk.
*/
#ifndef RUBRIC_TEST_REPORT_DUMP_H
#define RUBRIC_TEST_REPORT_DUMP_H

#include <stdarg.h>
#include <stdio.h>

#include "report/report.h"

static char dump_buf[1 << 16];
static size_t dump_len;

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static void out(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(dump_buf + dump_len, sizeof dump_buf - dump_len, fmt, ap);
  va_end(ap);
  if (n > 0) dump_len += (size_t)n;
  if (dump_len >= sizeof dump_buf) dump_len = sizeof dump_buf - 1;
}

static void out_num(const char *name, rb_num n) {
  char buf[128];
  rb_num_format(n, buf, sizeof buf);
  out(" %s=%s", name, buf);
}

static void out_opt(const char *name, rb_opt_num n) {
  if (n.has)
    out_num(name, n.v);
  else
    out(" %s=-", name);
}

static void out_text(const char *name, const char *text) { out(" %s=%s", name, text ? text : "(none)"); }

static void out_measure(const char *name, const rb_measure *m) {
  out(" %s{kind=%d cmp=%d range=%d approx=%d missing=%d scale=%d", name, (int)m->kind, (int)m->cmp,
      (int)m->range_kind, m->approx, m->unit_missing, m->scale);
  out_num("value", m->value);
  out_num("low", m->low);
  out_num("high", m->high);
  out_text("unit", m->unit);
  out_text("text", m->text);
  out("}");
}

/* Every field a reader fills, but not the notes. */
static const char *dump(const rb_report *r) {
  dump_len = 0;
  out_text("id", r->id);
  out_text("unit", r->unit);
  out_text("title", r->title);
  out(" year=%d/%d kind=%d", r->has_year, r->year, (int)r->kind);
  out_text("money_unit", r->money_unit);
  out(" scale=%d", r->money_scale);
  out_opt("planned", r->planned);
  out_opt("adjusted", r->adjusted);
  out_opt("allocated", r->allocated);
  out_opt("spent", r->spent);
  out("\nlines %zu %d", r->line_count, r->lines != NULL);
  for (size_t i = 0; i < r->line_count; i++) {
    out("\n ");
    out_text("name", r->lines[i].name);
    out_opt("planned", r->lines[i].planned);
    out_opt("allocated", r->lines[i].allocated);
    out_opt("spent", r->lines[i].spent);
  }
  out("\nfacts %zu %d", r->fact_count, r->facts != NULL);
  for (size_t i = 0; i < r->fact_count; i++) {
    const rb_fact *f = &r->facts[i];
    out("\n ");
    out_text("name", f->name);
    out(" type=%d bool=%d", (int)f->type, f->boolean);
    if (f->type == RB_FACT_NUMBER) out_num("number", f->number);
    if (f->type == RB_FACT_TEXT) {
      out_text("text", f->text);
      out_measure("measure", &f->measure);
    }
  }
  out("\nindicators %zu %d", r->indicator_count, r->indicators != NULL);
  for (size_t i = 0; i < r->indicator_count; i++) {
    const rb_indicator *ind = &r->indicators[i];
    out("\n ");
    out_text("level1", ind->level1);
    out_text("level2", ind->level2);
    out_text("name", ind->name);
    out_text("target", ind->target_text);
    out_text("actual", ind->actual_text);
    out_measure("t", &ind->target);
    out_measure("a", &ind->actual);
    out_opt("weight", ind->weight);
    out_opt("self_score", ind->self_score);
    out_text("note", ind->note);
    out(" line=%d", ind->source_line);
  }
  out_opt("\nself_total", r->self_total);
  out_text("self_grade", r->self_grade);
  out("\nself_scores %zu %d", r->self_score_count, r->self_scores != NULL);
  for (size_t i = 0; i < r->self_score_count; i++) {
    out("\n ");
    for (size_t k = 0; k < r->self_scores[i].depth; k++) out(" /%s", r->self_scores[i].path[k]);
    out_num("score", r->self_scores[i].score);
  }
  out("\nsource=%s:%d imported=%zu\n", r->source, r->source_line, r->imported_note_count);
  return dump_buf;
}

#endif /* RUBRIC_TEST_REPORT_DUMP_H */
