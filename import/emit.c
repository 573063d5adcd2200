/*
** emit.c — the imported report as report format v1 JSON text.
**
** The text is meant to be read by people as well as by rubric: one member per
** line at the top, one indicator per line, so that a finance officer can open
** it, compare it with the published table and correct it by hand.  Numbers
** are written as the decimal text they were read as ("3.63", "24.50"), never
** converted.  What the import noticed is kept in the top-level "imported"
** member, and where each indicator came from in its "source" member
** (docs/report-format.md, docs/import.md).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import_private.h"

/* Append a JSON string literal (quotes, escapes) of a C string. */
static void put_string(imp_ctx *cx, imp_str *o, const char *s) {
  imp_str_add(cx, o, "\"", 1);
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    char esc[8];
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      imp_str_add(cx, o, esc, 2);
    } else if (c < 0x20 || c == 0x7F) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      imp_str_add(cx, o, esc, 6);
    } else {
      imp_str_add(cx, o, p, 1);
    }
  }
  imp_str_add(cx, o, "\"", 1);
}

static void put(imp_ctx *cx, imp_str *o, const char *s) { imp_str_add(cx, o, s, strlen(s)); }

/* ,"name": "text" when text is not NULL. */
static void member_text(imp_ctx *cx, imp_str *o, bool *first, const char *name, const char *text) {
  if (!text) return;
  put(cx, o, *first ? "" : ", ");
  *first = false;
  put_string(cx, o, name);
  put(cx, o, ": ");
  put_string(cx, o, text);
}

/* ,"name": 12.5 when the decimal text is not NULL. */
static void member_number(imp_ctx *cx, imp_str *o, bool *first, const char *name, const char *number) {
  if (!number) return;
  put(cx, o, *first ? "" : ", ");
  *first = false;
  put_string(cx, o, name);
  put(cx, o, ": ");
  put(cx, o, number);
}

/* The start of a top-level member after the first: ",\n  \"name\": ". */
static void top_member(imp_ctx *cx, imp_str *o, const char *name) {
  put(cx, o, ",\n  ");
  put_string(cx, o, name);
  put(cx, o, ": ");
}

/* The origin of a line of an Excel or Word file's text, or NULL. */
static const imp_origin *origin_of(const imp_ctx *cx, int line) {
  return cx->origins && line > 0 && (size_t)line <= cx->origin_count ? &cx->origins[line - 1] : NULL;
}

char *imp_where(imp_ctx *cx, int line) {
  const imp_origin *g = origin_of(cx, line);
  if (g && g->part) return imp_printf(cx, "%s:%s:%d", cx->source, g->part, g->row);
  if (g && g->table) return imp_printf(cx, "%s:table %d:%d", cx->source, g->table, g->row);
  if (g) return imp_printf(cx, "%s:paragraph %d", cx->source, line);
  return line ? imp_printf(cx, "%s:%d", cx->source, line) : imp_printf(cx, "%s", cx->source);
}

/* One indicator on one line, then its source on the next. */
static void put_indicator(imp_ctx *cx, imp_str *o, const imp_indicator *ind) {
  bool first = true;
  put(cx, o, "{ ");
  member_text(cx, o, &first, "level1", ind->level1 ? ind->level1 : "");
  member_text(cx, o, &first, "level2", ind->level2 ? ind->level2 : "");
  member_text(cx, o, &first, "name", ind->name);
  member_text(cx, o, &first, "target", ind->target);
  member_text(cx, o, &first, "actual", ind->actual);
  member_number(cx, o, &first, "weight", ind->weight);
  member_number(cx, o, &first, "self_score", ind->score);
  member_text(cx, o, &first, "note", ind->note);
  put(cx, o, ",\n      \"source\": { \"file\": ");
  put_string(cx, o, cx->source);
  const imp_origin *from = ind->line_count > 0 ? origin_of(cx, ind->lines[0]) : NULL;
  if (from) {
    /* An Excel sheet or a Word table, and its rows. */
    if (from->part) put(cx, o, ", \"sheet\": "), put_string(cx, o, from->part);
    else put(cx, o, imp_printf(cx, ", \"table\": %d", from->table));
    put(cx, o, ", \"rows\": [");
    for (int k = 0; k < ind->line_count; k++) {
      const imp_origin *g = origin_of(cx, ind->lines[k]);
      put(cx, o, imp_printf(cx, "%s%d", k ? ", " : "", g ? g->row : 0));
    }
    put(cx, o, "] } }");
    return;
  }
  if (ind->page > 0) put(cx, o, imp_printf(cx, ", \"page\": %d", ind->page));
  put(cx, o, ", \"lines\": [");
  for (int k = 0; k < ind->line_count; k++) put(cx, o, imp_printf(cx, "%s%d", k ? ", " : "", ind->lines[k]));
  put(cx, o, "] } }");
}

bool imp_emit(imp_ctx *cx, rb_import_result *out) {
  imp_str o = {0};
  put(cx, &o, "{\n  \"id\": ");
  put_string(cx, &o, cx->id);
  if (cx->unit) top_member(cx, &o, "unit"), put_string(cx, &o, cx->unit);
  if (cx->title) top_member(cx, &o, "title"), put_string(cx, &o, cx->title);
  if (cx->year) top_member(cx, &o, "year"), put(cx, &o, imp_printf(cx, "%d", cx->year));
  if (cx->kind) top_member(cx, &o, "kind"), put_string(cx, &o, cx->kind);
  if (cx->money_unit) top_member(cx, &o, "money_unit"), put_string(cx, &o, cx->money_unit);
  if (cx->planned.has || cx->adjusted.has || cx->allocated.has || cx->spent.has || cx->budget_line_count) {
    bool first = true;
    top_member(cx, &o, "budget");
    put(cx, &o, "{ ");
    member_number(cx, &o, &first, "planned", cx->planned.has ? cx->planned.text : NULL);
    member_number(cx, &o, &first, "adjusted", cx->adjusted.has ? cx->adjusted.text : NULL);
    member_number(cx, &o, &first, "allocated", cx->allocated.has ? cx->allocated.text : NULL);
    member_number(cx, &o, &first, "spent", cx->spent.has ? cx->spent.text : NULL);
    if (cx->budget_line_count) {
      put(cx, &o, first ? "\"lines\": [" : ",\n    \"lines\": [");
      first = false;
      for (size_t k = 0; k < cx->budget_line_count; k++) {
        const imp_budget_line *bl = &cx->budget_lines[k];
        bool inner = true;
        put(cx, &o, k ? ",\n      { " : "\n      { ");
        member_text(cx, &o, &inner, "name", bl->name);
        member_number(cx, &o, &inner, "planned", bl->planned);
        member_number(cx, &o, &inner, "allocated", bl->allocated);
        member_number(cx, &o, &inner, "spent", bl->spent);
        put(cx, &o, " }");
      }
      put(cx, &o, "\n    ]");
    }
    put(cx, &o, " }");
  }
  if (cx->fact_count) {
    bool first = true;
    top_member(cx, &o, "facts");
    put(cx, &o, "{ ");
    for (size_t k = 0; k < cx->fact_count; k++) {
      if (cx->facts[k].number) member_number(cx, &o, &first, cx->facts[k].name, cx->facts[k].number);
      else member_text(cx, &o, &first, cx->facts[k].name, cx->facts[k].text);
    }
    put(cx, &o, " }");
  }
  if (cx->indicator_count) {
    top_member(cx, &o, "indicators");
    put(cx, &o, "[");
    for (size_t k = 0; k < cx->indicator_count; k++) {
      put(cx, &o, k ? ",\n    " : "\n    ");
      put_indicator(cx, &o, &cx->indicators[k]);
    }
    put(cx, &o, "\n  ]");
  }
  if (cx->self_total.has) top_member(cx, &o, "self_total"), put(cx, &o, cx->self_total.text);
  if (cx->grade) top_member(cx, &o, "self_grade"), put_string(cx, &o, cx->grade);
  if (cx->self_score_count) {
    top_member(cx, &o, "self_scores");
    put(cx, &o, "[");
    for (size_t k = 0; k < cx->self_score_count; k++) {
      const imp_self_score *s = &cx->self_scores[k];
      put(cx, &o, k ? ",\n    { \"path\": [" : "\n    { \"path\": [");
      for (int d = 0; d < s->depth; d++) {
        if (d) put(cx, &o, ", ");
        put_string(cx, &o, s->path[d]);
      }
      put(cx, &o, "], \"score\": ");
      put(cx, &o, s->score);
      put(cx, &o, " }");
    }
    put(cx, &o, "\n  ]");
  }
  top_member(cx, &o, "imported");
  put(cx, &o, "{\n    \"from\": ");
  put_string(cx, &o, cx->source);
  put(cx, &o, ",\n    \"layout\": ");
  put_string(cx, &o, cx->layout ? cx->layout : "none");
  put(cx, &o, ",\n    \"notes\": [");
  for (size_t k = 0; k < cx->note_count; k++) {
    const rb_import_note *n = &cx->notes[k];
    put(cx, &o, k ? ",\n      { \"where\": " : "\n      { \"where\": ");
    put_string(cx, &o, imp_where(cx, n->line));
    put(cx, &o, ", \"kind\": ");
    put_string(cx, &o, rb_import_note_kind_name(n->kind));
    put(cx, &o, ", \"message\": ");
    put_string(cx, &o, n->message);
    put(cx, &o, " }");
  }
  put(cx, &o, cx->note_count ? "\n    ]\n  }\n}\n" : "]\n  }\n}\n");
  if (cx->nomem) return false;
  out->json = malloc(o.len + 1);
  if (!out->json) return false;
  memcpy(out->json, o.s, o.len + 1);
  out->json_len = o.len;
  return true;
}
