/*
** report_json.c — read a report in format v1 from JSON.
**
** json-c parses the text into a tree (strict RFC 8259 JSON, UTF-8 checked);
** this file walks the tree member by member, checks each member's type, and
** copies what it finds into the report's arena.  docs/report-format.md is the
** user's description of the format and of every rule enforced here.
**
** Numbers are read exactly, from their literal text.  json-c keeps the text
** of every number it parsed as a double ("165.52" stays "165.52", not
** 165.520000000000010231815394945442676544189453125), and prints an integer
** as the integer it read; either way json_object_to_json_string_ext gives the
** digits the file wrote, and rb_report_parse_number turns them into an exact
** rational.  One trap: json-c saturates integers beyond 64 bits to
** INT64_MIN or UINT64_MAX without saying so.  Integers at or beyond the
** int64 limits are therefore refused as "number too large" instead of being
** read silently wrong; a decimal literal (1.0e20) of any size is fine.
**
** Errors name the report and the JSON path of the member at fault:
**
**     report jm-2024-001: $.indicators[3].target: expected text or a number, found an object
**
** Until the id is read (or when it cannot be), the file stands in for it:
** "reports.jsonl:12: $.id: missing required member".
*/
#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_private.h"

/* Where the walk is: the report being filled, the path of the member being
** read ("$.indicators[3].target"), and what to call the report in messages. */
typedef struct json_reader {
  rb_report *r;
  rb_report_error *err;
  bool have_id; /* r->id is read: messages start "report ID" */
  size_t path_len;
  char path[256];
} json_reader;

/* ---- Paths and messages ------------------------------------------------ */

/* Append to the path; returns the length to give back to path_pop.  A path
** longer than the buffer is cut (the message stays readable). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static size_t path_push(json_reader *jr, const char *fmt, ...) {
  size_t old = jr->path_len;
  size_t room = sizeof jr->path - old;
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(jr->path + old, room, fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n < room) {
    jr->path_len = old + (size_t)n;
  } else {
    /* Cut at a character boundary and show that something is missing. */
    static const char ellipsis[] = "…";
    size_t keep = rb_report_utf8_complete(jr->path, sizeof jr->path - sizeof ellipsis);
    memcpy(jr->path + keep, ellipsis, sizeof ellipsis);
    jr->path_len = keep + sizeof ellipsis - 1;
  }
  return old;
}

static void path_pop(json_reader *jr, size_t old) {
  jr->path_len = old;
  jr->path[old] = '\0';
}

/* Report a problem with the member at the current path; returns false so a
** reader can `return fail(...)`. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static bool fail(json_reader *jr, const char *fmt, ...) {
  char what[384];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  const rb_report *r = jr->r;
  if (jr->have_id)
    rb_report_errorf(jr->err, "report %s: %s: %s", r->id, jr->path, what);
  else if (r->source_line > 0)
    rb_report_errorf(jr->err, "%s:%d: %s: %s", r->source, r->source_line, jr->path, what);
  else
    rb_report_errorf(jr->err, "%s: %s: %s", r->source, jr->path, what);
  return false;
}

static bool out_of_memory(json_reader *jr) { return fail(jr, "out of memory"); }

/* What a value is, for "expected …, found …": "an object", "true", the
** number "12", text "约100" (quoted, cut if long). */
static void describe(json_object *v, char *buf, size_t size) {
  switch (json_object_get_type(v)) {
  case json_type_null: snprintf(buf, size, "null"); break;
  case json_type_boolean: snprintf(buf, size, "%s", json_object_get_boolean(v) ? "true" : "false"); break;
  case json_type_double:
  case json_type_int:
    snprintf(buf, size, "the number %s", json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN));
    break;
  case json_type_object: snprintf(buf, size, "an object"); break;
  case json_type_array: snprintf(buf, size, "an array"); break;
  case json_type_string: {
    char quoted[128];
    rb_report_quote(json_object_get_string(v), (size_t)json_object_get_string_len(v), 60, quoted,
                    sizeof quoted);
    snprintf(buf, size, "text \"%s\"", quoted);
    break;
  }
  }
}

/* "expected WHAT, found …" for the member at the current path. */
static bool wrong_type(json_reader *jr, json_object *v, const char *expected) {
  char found[192];
  describe(v, found, sizeof found);
  return fail(jr, "expected %s, found %s", expected, found);
}

/* ---- Members ----------------------------------------------------------- */

/* The member `key` of object o, or NULL when it is absent or null: null
** means "not given" everywhere in the format. */
static json_object *member(json_object *o, const char *key) {
  json_object *v = NULL;
  if (!json_object_object_get_ex(o, key, &v)) return NULL;
  return json_object_get_type(v) == json_type_null ? NULL : v;
}

/* Copy a JSON string into the arena.  Text holding a NUL character
** ("\u0000") is refused: every consumer treats texts as C strings. */
static bool copy_text(json_reader *jr, json_object *v, const char **out) {
  const char *s = json_object_get_string(v);
  size_t len = (size_t)json_object_get_string_len(v);
  if (memchr(s, '\0', len)) return fail(jr, "text contains a NUL character (\\u0000)");
  char *copy = rb_arena_strndup(&jr->r->arena, s, len);
  if (!copy) return out_of_memory(jr);
  *out = copy;
  return true;
}

/* Read text member `key` of o into *out.  Absent: a required member is an
** error, an optional one leaves *out as it is.  A required text must not be
** blank. */
static bool read_text(json_reader *jr, json_object *o, const char *key, bool required, const char **out) {
  size_t mark = path_push(jr, ".%s", key);
  json_object *v = member(o, key);
  bool ok = true;
  if (!v) {
    if (required) ok = fail(jr, "missing required member");
  } else if (json_object_get_type(v) != json_type_string) {
    ok = wrong_type(jr, v, "text");
  } else {
    ok = copy_text(jr, v, out);
    if (ok && required && rb_report_is_blank(*out, strlen(*out))) ok = fail(jr, "must not be empty");
  }
  path_pop(jr, mark);
  return ok;
}

/* Read a number (the value at the current path) exactly.  A JSON number is
** read from its literal text; text that is a number ("165.52",
** "1,655,200.00") is accepted too, since published data often arrives as
** strings.  Anything else is a type error. */
static bool read_number_value(json_reader *jr, json_object *v, rb_num *out) {
  const char *text;
  size_t len;
  bool loose;
  switch (json_object_get_type(v)) {
  case json_type_int:
    /* json-c saturates integers beyond 64 bits to INT64_MIN or UINT64_MAX,
    ** and json_object_get_int64 clamps everything above INT64_MAX to it:
    ** the two extremes are the only values that may be wrong. */
    if (json_object_get_int64(v) == INT64_MAX || json_object_get_int64(v) == INT64_MIN)
      return fail(jr, "number too large (an integer must lie within ±9223372036854775806; write a larger "
                      "one with a decimal point)");
    text = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    loose = false;
    break;
  case json_type_double:
    text = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    loose = false;
    break;
  case json_type_string:
    text = json_object_get_string(v);
    loose = true;
    break;
  default: return wrong_type(jr, v, "a number");
  }
  len = strlen(text);
  switch (rb_report_parse_number(jr->r->nums, text, len, loose, out)) {
  case RB_NUMTEXT_OK: return true;
  case RB_NUMTEXT_NOMEM: return out_of_memory(jr);
  case RB_NUMTEXT_RANGE: {
    char quoted[96];
    rb_report_quote(text, len, 40, quoted, sizeof quoted);
    return fail(jr, "number out of range: %s (a number may have at most %d characters and an exponent "
                    "within ±%d)",
                quoted, RB_REPORT_NUMBER_MAX_LEN, RB_REPORT_EXPONENT_MAX);
  }
  case RB_NUMTEXT_BAD: break;
  }
  /* json-c reads NaN and Infinity as doubles even in strict mode. */
  if (!loose) return fail(jr, "expected a finite number, found %s", text);
  return wrong_type(jr, v, "a number");
}

/* Optional number member `key` of o.  nonnegative: refuse a value below
** zero.  scale10: multiply by 10^scale10 (万元 → 元 is 4). */
static bool read_opt_number(json_reader *jr, json_object *o, const char *key, bool nonnegative, int scale10,
                            rb_opt_num *out) {
  size_t mark = path_push(jr, ".%s", key);
  json_object *v = member(o, key);
  bool ok = true;
  if (v) {
    rb_num n;
    ok = read_number_value(jr, v, &n);
    if (ok && nonnegative && rb_num_sign(n) < 0) ok = fail(jr, "must not be negative");
    if (ok && scale10 != 0 && !rb_num_scale10(jr->r->nums, n, scale10, &n)) ok = out_of_memory(jr);
    if (ok) {
      out->has = true;
      out->v = n;
    }
  }
  path_pop(jr, mark);
  return ok;
}

/* Require o to be an object (the value at the current path). */
static bool expect_object(json_reader *jr, json_object *o) {
  return json_object_get_type(o) == json_type_object || wrong_type(jr, o, "an object");
}

/* The array member `key` of o (NULL when absent), checked to be an array. */
static bool read_array(json_reader *jr, json_object *o, const char *key, json_object **out) {
  *out = member(o, key);
  if (!*out || json_object_get_type(*out) == json_type_array) return true;
  size_t mark = path_push(jr, ".%s", key);
  wrong_type(jr, *out, "an array");
  path_pop(jr, mark);
  return false;
}

/* ---- The report's parts ------------------------------------------------ */

/* "id": required, non-empty text.  Read first so that every later message
** can name the report. */
static bool read_id(json_reader *jr, json_object *root) {
  if (!read_text(jr, root, "id", true, &jr->r->id)) return false;
  jr->have_id = true;
  return true;
}

/* "year": an integer 1000..9999 (a number, or text such as "2024"). */
static bool read_year(json_reader *jr, json_object *root) {
  json_object *v = member(root, "year");
  if (!v) return true;
  size_t mark = path_push(jr, ".year");
  rb_num n;
  int64_t y = 0;
  bool ok = read_number_value(jr, v, &n);
  if (ok && (!rb_num_to_int64(n, &y) || y < 1000 || y > 9999))
    ok = wrong_type(jr, v, "a year such as 2024");
  if (ok) {
    jr->r->has_year = true;
    jr->r->year = (int)y;
  }
  path_pop(jr, mark);
  return ok;
}

/* "kind": "project" or "department" (项目, 部门 and 部门整体 are accepted). */
static bool read_kind(json_reader *jr, json_object *root) {
  const char *kind = NULL;
  if (!read_text(jr, root, "kind", false, &kind)) return false;
  if (!kind) return true;
  if (strcmp(kind, "project") == 0 || strcmp(kind, "项目") == 0) {
    jr->r->kind = RB_REPORT_PROJECT;
  } else if (strcmp(kind, "department") == 0 || strcmp(kind, "部门") == 0 || strcmp(kind, "部门整体") == 0) {
    jr->r->kind = RB_REPORT_DEPARTMENT;
  } else {
    size_t mark = path_push(jr, ".kind");
    wrong_type(jr, member(root, "kind"), "\"project\" or \"department\"");
    path_pop(jr, mark);
    return false;
  }
  return true;
}

/* "money_unit": 元, 万元 (the default) or 亿元; *scale10 receives the power
** of ten that turns an amount in that unit into 元. */
static bool read_money_unit(json_reader *jr, json_object *root, int *scale10) {
  static const struct {
    const char *name;
    int scale10;
  } units[] = {{"元", 0}, {"万元", 4}, {"亿元", 8}};
  const char *unit = NULL;
  *scale10 = 4;
  if (!read_text(jr, root, "money_unit", false, &unit)) return false;
  if (!unit) return true;
  for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
    if (strcmp(unit, units[i].name) == 0) {
      jr->r->money_unit = unit;
      *scale10 = units[i].scale10;
      return true;
    }
  }
  size_t mark = path_push(jr, ".money_unit");
  wrong_type(jr, member(root, "money_unit"), "\"元\", \"万元\" or \"亿元\"");
  path_pop(jr, mark);
  return false;
}

/* "budget": {planned, adjusted, allocated, spent, lines: [{name, planned,
** allocated, spent}]}.  Amounts are in money_unit and stored in 元; none may
** be negative. */
static bool read_budget(json_reader *jr, json_object *root, int scale10) {
  json_object *budget = member(root, "budget");
  if (!budget) return true;
  rb_report *r = jr->r;
  size_t mark = path_push(jr, ".budget");
  bool ok = expect_object(jr, budget) && read_opt_number(jr, budget, "planned", true, scale10, &r->planned) &&
            read_opt_number(jr, budget, "adjusted", true, scale10, &r->adjusted) &&
            read_opt_number(jr, budget, "allocated", true, scale10, &r->allocated) &&
            read_opt_number(jr, budget, "spent", true, scale10, &r->spent);
  json_object *lines = NULL;
  ok = ok && read_array(jr, budget, "lines", &lines);
  if (ok && lines) {
    size_t count = json_object_array_length(lines);
    r->lines = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->lines);
    if (!r->lines) ok = out_of_memory(jr);
    for (size_t i = 0; ok && i < count; i++) {
      json_object *line = json_object_array_get_idx(lines, i);
      rb_budget_line *bl = &r->lines[i];
      size_t item = path_push(jr, ".lines[%zu]", i);
      ok = expect_object(jr, line) && read_text(jr, line, "name", true, &bl->name) &&
           read_opt_number(jr, line, "planned", true, scale10, &bl->planned) &&
           read_opt_number(jr, line, "allocated", true, scale10, &bl->allocated) &&
           read_opt_number(jr, line, "spent", true, scale10, &bl->spent);
      path_pop(jr, item);
      r->line_count = i + 1;
    }
  }
  path_pop(jr, mark);
  return ok;
}

/* "facts": {"name": number | text | true/false}.  A fact whose value is
** null is not given.  (JSON objects cannot hold a name twice; json-c keeps
** the last value if a file does.) */
static bool read_facts(json_reader *jr, json_object *root) {
  json_object *facts = member(root, "facts");
  if (!facts) return true;
  rb_report *r = jr->r;
  size_t mark = path_push(jr, ".facts");
  bool ok = expect_object(jr, facts);
  if (ok) {
    size_t count = (size_t)json_object_object_length(facts);
    r->facts = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->facts);
    if (!r->facts) ok = out_of_memory(jr);
  }
  if (ok) {
    json_object_object_foreach(facts, key, value) {
      size_t item = path_push(jr, "[\"%s\"]", key);
      rb_fact *f = &r->facts[r->fact_count];
      if (rb_report_is_blank(key, strlen(key))) {
        ok = fail(jr, "a fact needs a name");
      } else if (!(f->name = rb_arena_strdup(&r->arena, key))) {
        ok = out_of_memory(jr);
      } else if (!value || json_object_get_type(value) == json_type_null) {
        path_pop(jr, item);
        continue;
      } else if (json_object_get_type(value) == json_type_boolean) {
        f->type = RB_FACT_BOOL;
        f->boolean = json_object_get_boolean(value);
      } else if (json_object_get_type(value) == json_type_string) {
        f->type = RB_FACT_TEXT;
        ok = copy_text(jr, value, &f->text);
        /* Read it as notation too, so that a stated rate ("73.2%") or an
        ** amount ("1.93 亿元") can feed a numeric input. */
        if (ok && !rb_report_read_measure(r, f->text, strlen(f->text), &f->measure)) ok = out_of_memory(jr);
      } else if (json_object_get_type(value) == json_type_int ||
                 json_object_get_type(value) == json_type_double) {
        f->type = RB_FACT_NUMBER;
        ok = read_number_value(jr, value, &f->number);
      } else {
        ok = wrong_type(jr, value, "a number, text, true or false");
      }
      path_pop(jr, item);
      if (!ok) break;
      r->fact_count++;
    }
  }
  path_pop(jr, mark);
  return ok;
}

/* A target or an actual: text as written, or a JSON number read from its
** literal text ("145").  Sets *text and fills *m through the notation
** scanner. */
static bool read_measure_value(json_reader *jr, json_object *v, const char **text, rb_measure *m) {
  const char *s;
  size_t len;
  json_type type = json_object_get_type(v);
  if (type == json_type_string) {
    s = json_object_get_string(v);
    len = (size_t)json_object_get_string_len(v);
    if (memchr(s, '\0', len)) return fail(jr, "text contains a NUL character (\\u0000)");
  } else if (type == json_type_int || type == json_type_double) {
    rb_num check;
    if (!read_number_value(jr, v, &check)) return false; /* refuses saturated integers */
    s = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
    len = strlen(s);
  } else {
    return wrong_type(jr, v, "text or a number");
  }
  char *copy = rb_arena_strndup(&jr->r->arena, s, len);
  if (!copy) return out_of_memory(jr);
  *text = copy;
  if (!rb_report_read_measure(jr->r, copy, len, m)) return out_of_memory(jr);
  return true;
}

/* One row of "indicators".  name and target are required; an actual that
** is absent, null or blank text means the report gives none. */
static bool read_indicator(json_reader *jr, json_object *row, rb_indicator *ind) {
  if (!expect_object(jr, row)) return false;
  ind->level1 = "";
  ind->level2 = "";
  ind->source_line = jr->r->source_line;
  if (!read_text(jr, row, "level1", false, &ind->level1) || !read_text(jr, row, "level2", false, &ind->level2) ||
      !read_text(jr, row, "name", true, &ind->name))
    return false;

  size_t mark = path_push(jr, ".target");
  json_object *target = member(row, "target");
  bool ok;
  if (!target)
    ok = fail(jr, "missing required member");
  else
    ok = read_measure_value(jr, target, &ind->target_text, &ind->target);
  if (ok && rb_report_is_blank(ind->target_text, strlen(ind->target_text))) ok = fail(jr, "must not be empty");
  path_pop(jr, mark);
  if (!ok) return false;

  mark = path_push(jr, ".actual");
  json_object *actual = member(row, "actual");
  ind->actual_text = NULL;
  rb_report_no_measure(&ind->actual);
  if (actual && !(json_object_get_type(actual) == json_type_string &&
                  rb_report_is_blank(json_object_get_string(actual),
                                     (size_t)json_object_get_string_len(actual))))
    ok = read_measure_value(jr, actual, &ind->actual_text, &ind->actual);
  path_pop(jr, mark);
  if (!ok) return false;

  ind->note = NULL;
  return read_opt_number(jr, row, "weight", true, 0, &ind->weight) &&
         read_opt_number(jr, row, "self_score", false, 0, &ind->self_score) &&
         read_text(jr, row, "note", false, &ind->note);
}

/* "indicators": the table, in the order written. */
static bool read_indicators(json_reader *jr, json_object *root) {
  json_object *rows = NULL;
  if (!read_array(jr, root, "indicators", &rows)) return false;
  if (!rows) return true;
  rb_report *r = jr->r;
  size_t count = json_object_array_length(rows);
  r->indicators = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->indicators);
  if (!r->indicators) return out_of_memory(jr);
  for (size_t i = 0; i < count; i++) {
    size_t mark = path_push(jr, ".indicators[%zu]", i);
    bool ok = read_indicator(jr, json_object_array_get_idx(rows, i), &r->indicators[i]);
    path_pop(jr, mark);
    if (!ok) return false;
    r->indicator_count = i + 1;
  }
  return true;
}

/* Whether two self-score paths name the same node. */
static bool same_path(const rb_self_score *a, const rb_self_score *b) {
  if (a->depth != b->depth) return false;
  for (size_t k = 0; k < a->depth; k++)
    if (strcmp(a->path[k], b->path[k]) != 0) return false;
  return true;
}

/* One element of "self_scores": {"path": ["决策", "论证决策规范性"], "score": 12}.
** The path has at least one name, none of them blank. */
static bool read_self_score(json_reader *jr, json_object *item, rb_self_score *s) {
  rb_report *r = jr->r;
  if (!expect_object(jr, item)) return false;
  json_object *path = NULL;
  if (!read_array(jr, item, "path", &path)) return false;
  size_t mark = path_push(jr, ".path");
  bool ok = true;
  if (!path) {
    ok = fail(jr, "missing required member");
  } else if (json_object_array_length(path) == 0) {
    ok = fail(jr, "must name at least one node of the rubric tree");
  } else {
    s->depth = json_object_array_length(path);
    s->path = rb_arena_calloc(&r->arena, s->depth, sizeof *s->path);
    if (!s->path) ok = out_of_memory(jr);
    for (size_t k = 0; ok && k < s->depth; k++) {
      json_object *name = json_object_array_get_idx(path, k);
      size_t at = path_push(jr, "[%zu]", k);
      if (!name)
        ok = fail(jr, "expected text, found null");
      else if (json_object_get_type(name) != json_type_string)
        ok = wrong_type(jr, name, "text");
      else if (!copy_text(jr, name, &s->path[k]))
        ok = false;
      else if (rb_report_is_blank(s->path[k], strlen(s->path[k])))
        ok = fail(jr, "must not be empty");
      path_pop(jr, at);
    }
  }
  path_pop(jr, mark);
  if (!ok) return false;

  mark = path_push(jr, ".score");
  json_object *score = member(item, "score");
  ok = score ? read_number_value(jr, score, &s->score) : fail(jr, "missing required member");
  path_pop(jr, mark);
  return ok;
}

/* "self_scores": scores the report gives for nodes of the rubric tree; a
** path may be given once. */
static bool read_self_scores(json_reader *jr, json_object *root) {
  json_object *items = NULL;
  if (!read_array(jr, root, "self_scores", &items)) return false;
  if (!items) return true;
  rb_report *r = jr->r;
  size_t count = json_object_array_length(items);
  r->self_scores = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->self_scores);
  if (!r->self_scores) return out_of_memory(jr);
  for (size_t i = 0; i < count; i++) {
    size_t mark = path_push(jr, ".self_scores[%zu]", i);
    rb_self_score *s = &r->self_scores[i];
    bool ok = read_self_score(jr, json_object_array_get_idx(items, i), s);
    for (size_t j = 0; ok && j < i; j++) {
      if (same_path(&r->self_scores[j], s)) {
        size_t at = path_push(jr, ".path");
        ok = fail(jr, "the same path as $.self_scores[%zu]", j);
        path_pop(jr, at);
      }
    }
    path_pop(jr, mark);
    if (!ok) return false;
    r->self_score_count = i + 1;
  }
  return true;
}

/* ---- Entry point ------------------------------------------------------- */

/* Parse the text with json-c; on a syntax error fill err with the file,
** line and column where json-c stopped. */
static json_object *parse_json(rb_report *r, const char *text, size_t len, rb_report_error *err) {
  if (len > (size_t)INT_MAX) {
    rb_report_errorf(err, "%s: too large to read (over 2 GiB)", r->source);
    return NULL;
  }
  /* One parser per report object, reset for each read: the batch path
  ** reads millions of reports through one rb_report. */
  json_tokener *tok = r->json_tokener;
  if (!tok) {
    tok = json_tokener_new();
    if (!tok) {
      rb_report_errorf(err, "%s: out of memory", r->source);
      return NULL;
    }
    json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    r->json_tokener = tok;
  } else {
    json_tokener_reset(tok);
  }
  json_object *root = json_tokener_parse_ex(tok, text, (int)len);
  enum json_tokener_error e = json_tokener_get_error(tok);
  if (!root || e != json_tokener_success) {
    size_t at = json_tokener_get_parse_end(tok);
    int line, column;
    rb_report_line_col(text, len, at, &line, &column);
    if (r->source_line > 0) line += r->source_line - 1;
    const char *what = e == json_tokener_continue || e == json_tokener_success ? "unexpected end of input"
                                                                               : json_tokener_error_desc(e);
    rb_report_errorf(err, "%s:%d:%d: invalid JSON: %s", r->source, line, column, what);
    json_object_put(root);
    root = NULL;
  }
  return root;
}

void rb_report_json_release(rb_report *r) {
  if (r->json_tokener) json_tokener_free(r->json_tokener);
  r->json_tokener = NULL;
}

bool rb_report_read_json(rb_report *r, const char *text, size_t len, const char *source, int line,
                         rb_report_error *err) {
  if (!rb_report_begin(r, source, line)) {
    rb_report_errorf(err, "%s: out of memory", source ? source : "<input>");
    return false;
  }
  json_object *root = parse_json(r, text, len, err);
  if (!root) return false;

  json_reader jr = {.r = r, .err = err, .path_len = 1, .path = "$"};
  int scale10 = 4;
  bool ok = expect_object(&jr, root) && read_id(&jr, root) && read_year(&jr, root) &&
            read_text(&jr, root, "unit", false, &r->unit) && read_text(&jr, root, "title", false, &r->title) &&
            read_kind(&jr, root) && read_money_unit(&jr, root, &scale10) && read_budget(&jr, root, scale10) &&
            read_facts(&jr, root) && read_indicators(&jr, root) &&
            read_opt_number(&jr, root, "self_total", false, 0, &r->self_total) &&
            read_text(&jr, root, "self_grade", false, &r->self_grade) && read_self_scores(&jr, root);
  json_object_put(root);
  return ok;
}
