/*
** report_json.c — read a report in format v1 from JSON.
**
** A byte order mark is dropped and GBK text converted first (report.c,
** rb_report_decode); json_tree.c parses the text with yajl into a compact
** tree in the report's arena (strict RFC 8259 JSON, UTF-8 checked); this
** file walks the tree member by member, checks each member's type, and
** copies what it finds into the report.  docs/report-format.md is the
** user's description of the format and of every rule enforced here.
**
** Most reports never reach the tree: report_events.c reads them straight
** from yajl's events by the same rules, and gives up at anything this
** walk would refuse or note.  Only then is the text read here, so every
** message and note below is written in one place.
**
** Numbers are read exactly, from their literal text: the tree keeps the
** digits the file wrote ("165.52", "1.50e3", "99999999999999999999999") and
** rb_report_parse_number turns them into an exact rational.  No number ever
** passes through a double or a 64-bit integer, so an integer of any length
** (up to RB_REPORT_NUMBER_MAX_LEN characters) is read exactly.
**
** Errors name the report and the JSON path of the member at fault:
**
**     report jm-2024-001: $.indicators[3].target: expected text or a number, found an object
**
** Until the id is read (or when it cannot be), the file stands in for it:
** "reports.jsonl:12: $.id: missing required member".  The path is kept as a
** small stack of segments (a member name, an index, a fact's name) and only
** formatted when a message is written: reading a valid report formats
** nothing.
**
** A member the format does not define is not an error, but it is not read
** either, and the user must know: it becomes an UNREAD note with its path
** and the closest member name ("$.budget.allocted", 「allocated」), found
** only when rb_json_pick says an object has such members.
*/
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/similar.h"
#include "report/json_tree.h"
#include "report/report.h"
#include "base/money.h"
#include "base/utf8.h"
#include "report/report_private.h"
#include "report/report_simd.h"

/* The deepest path the walk pushes is $.self_scores[i].path[k]: four
** segments.  Room for twice that. */
#define JSON_PATH_SEGMENTS 8
/* The formatted path, as a message shows it; longer paths are cut. */
#define JSON_PATH_MAX 256

/* One step of a JSON path: ".name", "[3]" or "[\"name\"]" (a fact); a
** member the format does not define is ".name" when its name is a plain
** ASCII identifier, else "[\"name\"]" with JSON escapes ("$[\"预算\"]"). */
typedef enum path_step { STEP_MEMBER, STEP_INDEX, STEP_FACT, STEP_OTHER } path_step;
typedef struct path_segment {
  path_step step;
  const char *name; /* STEP_MEMBER: a C string; STEP_FACT, STEP_OTHER: name_len bytes */
  size_t name_len;
  size_t index; /* STEP_INDEX */
} path_segment;

/* Where the walk is: the report being filled, the path of the member being
** read ("$.indicators[3].target"), and what to call the report in messages. */
typedef struct json_reader {
  rb_report *r;
  rb_report_error *err;
  bool have_id; /* r->id is read: messages start "report ID" */
  size_t depth; /* segments in use */
  path_segment path[JSON_PATH_SEGMENTS];
} json_reader;

/* A JSON value, as the tree holds it. */
typedef rb_json_value json_value;

/* ---- Paths and messages ------------------------------------------------ */

/* Push a segment; returns the depth to give back to path_pop.  A walk
** deeper than JSON_PATH_SEGMENTS (never done) keeps the outer segments. */
static size_t path_push(json_reader *jr, path_segment seg) {
  size_t old = jr->depth;
  if (old < JSON_PATH_SEGMENTS) jr->path[jr->depth++] = seg;
  return old;
}

static size_t path_member(json_reader *jr, const char *name) {
  return path_push(jr, (path_segment){.step = STEP_MEMBER, .name = name});
}

static size_t path_index(json_reader *jr, size_t index) {
  return path_push(jr, (path_segment){.step = STEP_INDEX, .index = index});
}

static size_t path_fact(json_reader *jr, const char *name, size_t len) {
  return path_push(jr, (path_segment){.step = STEP_FACT, .name = name, .name_len = len});
}

static size_t path_other(json_reader *jr, const char *name, size_t len) {
  return path_push(jr, (path_segment){.step = STEP_OTHER, .name = name, .name_len = len});
}

static void path_pop(json_reader *jr, size_t old) { jr->depth = old; }

/* Whether name[0..len) can stand after a '.' in a path: an ASCII letter or
** '_', then letters, digits, '_' and '-' ("allocted", "x-source"). */
static bool plain_name(const char *name, size_t len) {
  if (len == 0 || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z') || name[0] == '_'))
    return false;
  for (size_t i = 1; i < len; i++) {
    char c = name[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
      return false;
  }
  return true;
}

/* Write name[0..len) as the inside of a JSON string into buf (size bytes,
** NUL-terminated): '"' and '\\' escaped, control characters as \u00XX.
** Returns the length written; a name that does not fit is cut at a
** character boundary. */
static size_t escape_name(const char *name, size_t len, char *buf, size_t size) {
  size_t o = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)name[i];
    char piece[8];
    int n = c == '"' || c == '\\' ? snprintf(piece, sizeof piece, "\\%c", c)
            : c < 0x20 || c == 0x7F ? snprintf(piece, sizeof piece, "\\u%04x", c)
                                    : snprintf(piece, sizeof piece, "%c", c);
    if (n < 0 || o + (size_t)n >= size) {
      o = rb_utf8_complete(buf, o);
      break;
    }
    memcpy(buf + o, piece, (size_t)n);
    o += (size_t)n;
  }
  buf[o] = '\0';
  return o;
}

/* Format the path into buf (JSON_PATH_MAX bytes): "$" and each segment in
** turn.  A segment that does not fit is cut at a character boundary and
** ends in "…"; later segments get what room is left. */
static void path_format(const json_reader *jr, char *buf) {
  static const char ellipsis[] = "…";
  size_t len = 1;
  buf[0] = '$';
  buf[1] = '\0';
  for (size_t i = 0; i < jr->depth; i++) {
    const path_segment *seg = &jr->path[i];
    size_t room = JSON_PATH_MAX - len;
    int n;
    char escaped[JSON_PATH_MAX];
    if (seg->step == STEP_INDEX)
      n = snprintf(buf + len, room, "[%zu]", seg->index);
    else if (seg->step == STEP_MEMBER)
      n = snprintf(buf + len, room, ".%s", seg->name);
    else if (seg->step == STEP_FACT)
      n = snprintf(buf + len, room, "[\"%.*s\"]", (int)seg->name_len, seg->name);
    else if (plain_name(seg->name, seg->name_len))
      n = snprintf(buf + len, room, ".%.*s", (int)seg->name_len, seg->name);
    else {
      escape_name(seg->name, seg->name_len, escaped, sizeof escaped);
      n = snprintf(buf + len, room, "[\"%s\"]", escaped);
    }
    if (n < 0) n = 0;
    if ((size_t)n < room) {
      len += (size_t)n;
    } else {
      size_t keep = rb_utf8_complete(buf, JSON_PATH_MAX - sizeof ellipsis);
      memcpy(buf + keep, ellipsis, sizeof ellipsis);
      len = keep + sizeof ellipsis - 1;
    }
  }
}

/* Report a problem with the member at the current path; returns false so a
** reader can `return fail(...)`. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
/* Fail the read with a message at the current JSON path ("report ID: $.x:
** …", or the file before the id is known); always returns false. */
static bool fail(json_reader *jr, const char *fmt, ...) {
  char what[384], path[JSON_PATH_MAX];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, rb_from_en(jr->err->lang, fmt), ap);
  va_end(ap);
  path_format(jr, path);
  const rb_report *r = jr->r;
  if (jr->have_id)
    rb_report_errorf(jr->err, "report %s: %s: %s", r->id, path, what);
  else if (r->source_line > 0)
    rb_report_errorf(jr->err, "%s:%d: %s: %s", r->source, r->source_line, path, what);
  else
    rb_report_errorf(jr->err, "%s: %s: %s", r->source, path, what);
  return false;
}

static bool out_of_memory(json_reader *jr) { return fail(jr, "out of memory"); }

/* What a value is, for "expected …, found …": "an object", "true", the
** number "12", text "约100" (quoted, cut if long). */
static void describe(const json_value *v, rb_lang lang, char *buf, size_t size) {
  switch (v->kind) {
  case RB_JSON_NULL: snprintf(buf, size, "null"); break;
  case RB_JSON_TRUE: snprintf(buf, size, "true"); break;
  case RB_JSON_FALSE: snprintf(buf, size, "false"); break;
  case RB_JSON_NUMBER: snprintf(buf, size, rb_from_en(lang, "the number %.*s"), (int)v->len, v->as.text); break;
  case RB_JSON_OBJECT: snprintf(buf, size, "%s", rb_text_from_en(lang, "an object")); break;
  case RB_JSON_ARRAY: snprintf(buf, size, "%s", rb_text_from_en(lang, "an array")); break;
  case RB_JSON_STRING: {
    char quoted[128];
    rb_report_quote(v->as.text, v->len, 60, quoted, sizeof quoted);
    snprintf(buf, size, rb_from_en(lang, "text \"%s\""), quoted);
    break;
  }
  }
}

/* "expected WHAT, found …" for the member at the current path. */
static bool wrong_type(json_reader *jr, const json_value *v, const char *expected) {
  char found[192];
  describe(v, jr->err->lang, found, sizeof found);
  return fail(jr, "expected %s, found %s", rb_text_from_en(jr->err->lang, expected), found);
}

/* ---- Members ----------------------------------------------------------- */

/* The members the format defines, per kind of object: an enum constant and
** the JSON name.  Each object is read by picking all its members in one pass
** (rb_json_pick) into an array indexed by these constants. */
#define REPORT_MEMBERS(X)                                                                                      \
  X(REPORT, ID, "id")                                                                                          \
  X(REPORT, YEAR, "year")                                                                                      \
  X(REPORT, UNIT, "unit")                                                                                      \
  X(REPORT, TITLE, "title")                                                                                    \
  X(REPORT, KIND, "kind")                                                                                      \
  X(REPORT, MONEY_UNIT, "money_unit")                                                                          \
  X(REPORT, BUDGET, "budget")                                                                                  \
  X(REPORT, FACTS, "facts")                                                                                    \
  X(REPORT, INDICATORS, "indicators")                                                                          \
  X(REPORT, SELF_TOTAL, "self_total")                                                                          \
  X(REPORT, SELF_GRADE, "self_grade")                                                                          \
  X(REPORT, SELF_SCORES, "self_scores")                                                                        \
  X(REPORT, IMPORTED, "imported")
#define IMPORTED_MEMBERS(X)                                                                                    \
  X(IMPORTED, FROM, "from")                                                                                    \
  X(IMPORTED, LAYOUT, "layout")                                                                                \
  X(IMPORTED, NOTES, "notes")
#define IMPORT_NOTE_MEMBERS(X)                                                                                 \
  X(IMPORT_NOTE, WHERE, "where")                                                                               \
  X(IMPORT_NOTE, KIND, "kind")                                                                                 \
  X(IMPORT_NOTE, MESSAGE, "message")
#define SOURCE_MEMBERS(X)                                                                                      \
  X(SOURCE, FILE, "file")                                                                                      \
  X(SOURCE, PAGE, "page")                                                                                      \
  X(SOURCE, LINES, "lines")                                                                                    \
  X(SOURCE, SHEET, "sheet")                                                                                    \
  X(SOURCE, TABLE, "table")                                                                                    \
  X(SOURCE, ROWS, "rows")
#define BUDGET_MEMBERS(X)                                                                                      \
  X(BUDGET, PLANNED, "planned")                                                                                \
  X(BUDGET, ADJUSTED, "adjusted")                                                                              \
  X(BUDGET, ALLOCATED, "allocated")                                                                            \
  X(BUDGET, SPENT, "spent")                                                                                    \
  X(BUDGET, LINES, "lines")
#define LINE_MEMBERS(X)                                                                                        \
  X(LINE, NAME, "name")                                                                                        \
  X(LINE, PLANNED, "planned")                                                                                  \
  X(LINE, ALLOCATED, "allocated")                                                                              \
  X(LINE, SPENT, "spent")
#define INDICATOR_MEMBERS(X)                                                                                   \
  X(INDICATOR, LEVEL1, "level1")                                                                               \
  X(INDICATOR, LEVEL2, "level2")                                                                               \
  X(INDICATOR, NAME, "name")                                                                                   \
  X(INDICATOR, TARGET, "target")                                                                               \
  X(INDICATOR, ACTUAL, "actual")                                                                               \
  X(INDICATOR, WEIGHT, "weight")                                                                               \
  X(INDICATOR, SELF_SCORE, "self_score")                                                                       \
  X(INDICATOR, NOTE, "note")                                                                                   \
  X(INDICATOR, SOURCE, "source")
#define SELF_SCORE_MEMBERS(X)                                                                                  \
  X(SELF_SCORE, PATH, "path")                                                                                  \
  X(SELF_SCORE, SCORE, "score")

#define MEMBER_ENUM(object, member, json) object##_##member,
#define MEMBER_NAME(object, member, json) {json, sizeof json - 1},
enum { REPORT_MEMBERS(MEMBER_ENUM) REPORT_COUNT };
enum { BUDGET_MEMBERS(MEMBER_ENUM) BUDGET_COUNT };
enum { LINE_MEMBERS(MEMBER_ENUM) LINE_COUNT };
enum { INDICATOR_MEMBERS(MEMBER_ENUM) INDICATOR_COUNT };
enum { SELF_SCORE_MEMBERS(MEMBER_ENUM) SELF_SCORE_COUNT };
enum { IMPORTED_MEMBERS(MEMBER_ENUM) IMPORTED_COUNT };
enum { IMPORT_NOTE_MEMBERS(MEMBER_ENUM) IMPORT_NOTE_COUNT };
enum { SOURCE_MEMBERS(MEMBER_ENUM) SOURCE_COUNT };
static const rb_json_name report_names[] = {REPORT_MEMBERS(MEMBER_NAME)};
static const rb_json_name budget_names[] = {BUDGET_MEMBERS(MEMBER_NAME)};
static const rb_json_name line_names[] = {LINE_MEMBERS(MEMBER_NAME)};
static const rb_json_name indicator_names[] = {INDICATOR_MEMBERS(MEMBER_NAME)};
static const rb_json_name self_score_names[] = {SELF_SCORE_MEMBERS(MEMBER_NAME)};
static const rb_json_name imported_names[] = {IMPORTED_MEMBERS(MEMBER_NAME)};
static const rb_json_name import_note_names[] = {IMPORT_NOTE_MEMBERS(MEMBER_NAME)};
static const rb_json_name source_names[] = {SOURCE_MEMBERS(MEMBER_NAME)};
#undef MEMBER_ENUM
#undef MEMBER_NAME

/* Members that format v1 does not define but that carry no note: the
** top level's "extra", and any name starting "x-" or "x_", where publishers
** keep their own data. */
static bool publisher_member(const rb_json_member *m, bool top_level) {
  if (m->key_len >= 2 && m->key[0] == 'x' && (m->key[1] == '-' || m->key[1] == '_')) return true;
  return top_level && m->key_len == 5 && memcmp(m->key, "extra", 5) == 0;
}

/* Note every member of object o (the value at the current path) that is
** none of names[] and not a publisher's own: UNREAD, with its path and the
** closest of names[] when one is close (base/similar.h):
** "报告格式 v1 没有这个字段，未读取（是否应为「allocated」？）". */
static bool note_unknown_members(json_reader *jr, const json_value *o, const rb_json_name *names, size_t count,
                                 bool top_level) {
  const char *candidates[16];
  size_t known = count < 16 ? count : 16;
  for (size_t k = 0; k < known; k++) candidates[k] = names[k].name;
  for (size_t i = 0; i < o->len; i++) {
    const rb_json_member *m = &o->as.members[i];
    if (rb_json_is_one_of(m->key, m->key_len, names, count) || publisher_member(m, top_level)) continue;
    /* Names of 64 characters or more (up to 4 bytes each) are not compared. */
    char key[64 * 4 + 1];
    const char *closest = NULL;
    if (m->key_len < sizeof key && !memchr(m->key, '\0', m->key_len)) {
      memcpy(key, m->key, m->key_len);
      key[m->key_len] = '\0';
      closest = rb_closest_name(key, candidates, known);
    }
    char path[JSON_PATH_MAX];
    size_t mark = path_other(jr, m->key, m->key_len);
    path_format(jr, path);
    path_pop(jr, mark);
    bool ok = closest ? rb_report_add_note(jr->r, RB_NOTE_UNREAD, path, "报告格式 v1 没有这个字段，未读取（是否应为「%s」？）",
                                           closest)
                      : rb_report_add_note(jr->r, RB_NOTE_UNREAD, path, "报告格式 v1 没有这个字段，未读取");
    if (!ok) return out_of_memory(jr);
  }
  return true;
}

/* Pick the members of object o named in names[] into found[], with null
** turned into NULL: null means "not given" everywhere in the format.  The
** members not picked are noted (note_unknown_members).  False when out of
** memory. */
static bool pick(json_reader *jr, const json_value *o, const rb_json_name *names, size_t count,
                 const json_value **found, bool top_level) {
  size_t others = rb_json_pick(o, names, count, found);
  for (size_t k = 0; k < count; k++)
    if (found[k] && found[k]->kind == RB_JSON_NULL) found[k] = NULL;
  return others == 0 || note_unknown_members(jr, o, names, count, top_level);
}
#define PICK(jr, o, names, found) pick((jr), (o), (names), sizeof(names) / sizeof(names)[0], (found), false)

/* Copy len bytes of JSON text into the arena, NUL-terminated.  Text holding
** a NUL character ("\u0000") is refused: every consumer treats texts as C
** strings. */
static bool copy_chars(json_reader *jr, const char *s, size_t len, bool has_nul, const char **out) {
  if (has_nul) return fail(jr, "text contains a NUL character (\\u0000)");
  char *copy = rb_arena_strndup(&jr->r->arena, s, len);
  if (!copy) return out_of_memory(jr);
  *out = copy;
  return true;
}

static bool copy_text(json_reader *jr, const json_value *v, const char **out) {
  return copy_chars(jr, v->as.text, v->len, v->has_nul, out);
}

/* Read the text member `name` whose value is v (NULL: absent) into *out.
** Absent: a required member is an error, an optional one leaves *out as it
** is.  A required text must not be blank. */
static bool read_text(json_reader *jr, const json_value *v, const char *name, bool required, const char **out) {
  size_t mark = path_member(jr, name);
  bool ok = true;
  if (!v) {
    if (required) ok = fail(jr, "missing required member");
  } else if (v->kind != RB_JSON_STRING) {
    ok = wrong_type(jr, v, "text");
  } else {
    ok = copy_text(jr, v, out);
    if (ok && required && rb_report_is_blank(*out, v->len)) ok = fail(jr, "must not be empty");
  }
  path_pop(jr, mark);
  return ok;
}

/* Read a number (the value at the current path) exactly.  A JSON number is
** read from its literal text; text that is a number ("165.52",
** "1,655,200.00") is accepted too, since published data often arrives as
** strings.  Anything else is a type error. */
static bool read_number_value(json_reader *jr, const json_value *v, rb_num *out) {
  bool loose;
  if (v->kind == RB_JSON_NUMBER)
    loose = false;
  else if (v->kind == RB_JSON_STRING)
    loose = true;
  else
    return wrong_type(jr, v, "a number");
  switch (rb_report_parse_number(jr->r->nums, v->as.text, v->len, loose, out)) {
  case RB_NUMTEXT_OK: return true;
  case RB_NUMTEXT_NOMEM: return out_of_memory(jr);
  case RB_NUMTEXT_RANGE: {
    char quoted[96];
    rb_report_quote(v->as.text, v->len, 40, quoted, sizeof quoted);
    return fail(jr, "number out of range: %s (a number may have at most %d characters and an exponent "
                    "within ±%d)",
                quoted, RB_REPORT_NUMBER_MAX_LEN, RB_REPORT_EXPONENT_MAX);
  }
  case RB_NUMTEXT_BAD: break;
  }
  /* A JSON number has the strict grammar the parser checked, so only text
  ** gets here. */
  return wrong_type(jr, v, "a number");
}

/* The optional number member `name` whose value is v (NULL: absent).
** nonnegative: refuse a value below zero.  scale10: multiply by 10^scale10
** (万元 → 元 is 4). */
static bool read_opt_number(json_reader *jr, const json_value *v, const char *name, bool nonnegative, int scale10,
                            rb_opt_num *out) {
  if (!v) return true;
  size_t mark = path_member(jr, name);
  rb_num n;
  bool ok = read_number_value(jr, v, &n);
  if (ok && nonnegative && rb_num_sign(n) < 0) ok = fail(jr, "must not be negative");
  if (ok && scale10 != 0 && !rb_num_scale10(jr->r->nums, n, scale10, &n)) ok = out_of_memory(jr);
  if (ok) {
    out->has = true;
    out->v = n;
  }
  path_pop(jr, mark);
  return ok;
}

/* Require o to be an object (the value at the current path). */
static bool expect_object(json_reader *jr, const json_value *o) {
  return o->kind == RB_JSON_OBJECT || wrong_type(jr, o, "an object");
}

/* Check that the member `name` whose value is v (NULL: absent) is an
** array. */
static bool expect_array(json_reader *jr, const json_value *v, const char *name) {
  if (!v || v->kind == RB_JSON_ARRAY) return true;
  size_t mark = path_member(jr, name);
  wrong_type(jr, v, "an array");
  path_pop(jr, mark);
  return false;
}

/* ---- The report's parts ------------------------------------------------ */

/* "year": an integer 1000..9999 (a number, or text such as "2024"). */
static bool read_year(json_reader *jr, const json_value *v) {
  if (!v) return true;
  size_t mark = path_member(jr, "year");
  rb_num n;
  int64_t y = 0;
  bool ok = read_number_value(jr, v, &n);
  if (ok && (!rb_num_to_int64(n, &y) || y < 1000 || y > 9999)) ok = wrong_type(jr, v, "a year such as 2024");
  if (ok) {
    jr->r->has_year = true;
    jr->r->year = (int)y;
  }
  path_pop(jr, mark);
  return ok;
}

/* "kind": "project" or "department" (项目, 部门 and 部门整体 are accepted). */
static bool read_kind(json_reader *jr, const json_value *v) {
  const char *kind = NULL;
  if (!read_text(jr, v, "kind", false, &kind)) return false;
  if (!kind) return true;
  if (strcmp(kind, "project") == 0 || strcmp(kind, "项目") == 0) {
    jr->r->kind = RB_REPORT_PROJECT;
  } else if (strcmp(kind, "department") == 0 || strcmp(kind, "部门") == 0 || strcmp(kind, "部门整体") == 0) {
    jr->r->kind = RB_REPORT_DEPARTMENT;
  } else {
    size_t mark = path_member(jr, "kind");
    wrong_type(jr, v, "\"project\" or \"department\"");
    path_pop(jr, mark);
    return false;
  }
  return true;
}

/* "money_unit": 元, 万元 (the default), 亿元 or another unit of
** base/money.h; *scale10 receives the power of ten that turns an amount in
** that unit into 元, which the report keeps (money_scale). */
static bool read_money_unit(json_reader *jr, const json_value *v, int *scale10) {
  const char *unit = NULL;
  *scale10 = RB_MONEY_DEFAULT_SCALE;
  if (!read_text(jr, v, "money_unit", false, &unit)) return false;
  if (!unit) return true;
  int scale = rb_money_scale(unit, strlen(unit));
  if (scale >= 0) {
    jr->r->money_unit = unit;
    jr->r->money_scale = *scale10 = scale;
    return true;
  }
  size_t mark = path_member(jr, "money_unit");
  wrong_type(jr, v, "\"元\", \"万元\" or \"亿元\" (or 千元, 百万元, 千万元, 万亿元)");
  path_pop(jr, mark);
  return false;
}

/* One element of "budget"."lines": {name, planned, allocated, spent}. */
static bool read_budget_line(json_reader *jr, const json_value *line, int scale10, rb_budget_line *bl) {
  if (!expect_object(jr, line)) return false;
  const json_value *m[LINE_COUNT];
  return PICK(jr, line, line_names, m) && read_text(jr, m[LINE_NAME], "name", true, &bl->name) &&
         read_opt_number(jr, m[LINE_PLANNED], "planned", true, scale10, &bl->planned) &&
         read_opt_number(jr, m[LINE_ALLOCATED], "allocated", true, scale10, &bl->allocated) &&
         read_opt_number(jr, m[LINE_SPENT], "spent", true, scale10, &bl->spent);
}

/* "budget": {planned, adjusted, allocated, spent, lines: [{name, planned,
** allocated, spent}]}.  Amounts are in money_unit and stored in 元; none may
** be negative. */
static bool read_budget(json_reader *jr, const json_value *budget, int scale10) {
  if (!budget) return true;
  rb_report *r = jr->r;
  size_t mark = path_member(jr, "budget");
  const json_value *m[BUDGET_COUNT];
  bool ok = expect_object(jr, budget) && PICK(jr, budget, budget_names, m);
  ok = ok && read_opt_number(jr, m[BUDGET_PLANNED], "planned", true, scale10, &r->planned) &&
       read_opt_number(jr, m[BUDGET_ADJUSTED], "adjusted", true, scale10, &r->adjusted) &&
       read_opt_number(jr, m[BUDGET_ALLOCATED], "allocated", true, scale10, &r->allocated) &&
       read_opt_number(jr, m[BUDGET_SPENT], "spent", true, scale10, &r->spent) &&
       expect_array(jr, m[BUDGET_LINES], "lines");
  const json_value *lines = ok ? m[BUDGET_LINES] : NULL;
  if (lines) {
    size_t count = lines->len;
    r->lines = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->lines);
    if (!r->lines) ok = out_of_memory(jr);
    size_t at = path_member(jr, "lines");
    for (size_t i = 0; ok && i < count; i++) {
      size_t item = path_index(jr, i);
      ok = read_budget_line(jr, &lines->as.items[i], scale10, &r->lines[i]);
      path_pop(jr, item);
      r->line_count = i + 1;
    }
    path_pop(jr, at);
  }
  path_pop(jr, mark);
  return ok;
}

/* A member name with where it stands, for finding names given twice. */
typedef struct fact_name {
  const char *key;
  size_t len, index;
} fact_name;

/* Order by name, then by position. */
static int fact_name_cmp(const void *pa, const void *pb) {
  const fact_name *a = pa, *b = pb;
  if (a->len != b->len) return a->len < b->len ? -1 : 1;
  int c = memcmp(a->key, b->key, a->len);
  if (c != 0) return c;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* For each member of object o, the index of the member whose value counts
** for its name, or SIZE_MAX when the name was given earlier: a name given
** twice keeps its first place and its last value, as json-c did.  Sorting
** keeps a hostile file with thousands of facts from costing n². */
static size_t *fact_values(rb_arena *arena, const json_value *o) {
  size_t n = o->len;
  size_t *use = rb_arena_alloc(arena, (n ? n : 1) * sizeof *use);
  if (!use) return NULL;
  if (n == 1) {
    use[0] = 0;
    return use;
  }
  fact_name *names = rb_arena_alloc(arena, (n ? n : 1) * sizeof *names);
  if (!names) return NULL;
  for (size_t i = 0; i < n; i++) names[i] = (fact_name){o->as.members[i].key, o->as.members[i].key_len, i};
  qsort(names, n, sizeof *names, fact_name_cmp);
  for (size_t i = 0; i < n;) {
    size_t j = i + 1;
    while (j < n && names[j].len == names[i].len && memcmp(names[j].key, names[i].key, names[i].len) == 0) j++;
    use[names[i].index] = names[j - 1].index;
    for (size_t k = i + 1; k < j; k++) use[names[k].index] = SIZE_MAX;
    i = j;
  }
  return use;
}

/* "facts": {"name": number | text | true/false}.  A fact whose value is
** null is not given.  (JSON objects cannot hold a name twice; a file that
** does gets the last value, in the place of the first.) */
static bool read_facts(json_reader *jr, const json_value *facts) {
  if (!facts) return true;
  rb_report *r = jr->r;
  size_t mark = path_member(jr, "facts");
  bool ok = expect_object(jr, facts);
  size_t *use = NULL;
  if (ok) {
    size_t count = facts->len;
    r->facts = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->facts);
    use = fact_values(&r->arena, facts);
    if (!r->facts || !use) ok = out_of_memory(jr);
  }
  for (size_t i = 0; ok && i < facts->len; i++) {
    if (use[i] == SIZE_MAX) continue;
    const rb_json_member *m = &facts->as.members[i];
    const json_value *value = &facts->as.members[use[i]].value;
    size_t item = path_fact(jr, m->key, m->key_len);
    rb_fact *f = &r->facts[r->fact_count];
    if (rb_report_is_blank(m->key, m->key_len)) {
      ok = fail(jr, "a fact needs a name");
    } else if (!copy_chars(jr, m->key, m->key_len, memchr(m->key, '\0', m->key_len) != NULL, &f->name)) {
      ok = false;
    } else if (value->kind == RB_JSON_NULL) {
      path_pop(jr, item);
      continue;
    } else if (value->kind == RB_JSON_TRUE || value->kind == RB_JSON_FALSE) {
      f->type = RB_FACT_BOOL;
      f->boolean = value->kind == RB_JSON_TRUE;
    } else if (value->kind == RB_JSON_STRING) {
      f->type = RB_FACT_TEXT;
      ok = copy_text(jr, value, &f->text);
      /* Read it as notation too, so that a stated rate ("73.2%") or an
      ** amount ("1.93 亿元") can feed a numeric input. */
      if (ok && !rb_report_read_measure(r, f->text, value->len, &f->measure)) ok = out_of_memory(jr);
    } else if (value->kind == RB_JSON_NUMBER) {
      f->type = RB_FACT_NUMBER;
      ok = read_number_value(jr, value, &f->number);
    } else {
      ok = wrong_type(jr, value, "a number, text, true or false");
    }
    path_pop(jr, item);
    if (ok) r->fact_count++;
  }
  path_pop(jr, mark);
  return ok;
}

/* A target or an actual: text as written, or a JSON number read from its
** literal text ("145").  Sets *text and fills *m through the notation
** scanner. */
static bool read_measure_value(json_reader *jr, const json_value *v, const char **text, rb_measure *m) {
  if (v->kind == RB_JSON_NUMBER) {
    rb_num check;
    if (!read_number_value(jr, v, &check)) return false; /* refuses numbers out of range */
  } else if (v->kind != RB_JSON_STRING) {
    return wrong_type(jr, v, "text or a number");
  }
  if (!copy_text(jr, v, text)) return false;
  if (!rb_report_read_measure(jr->r, *text, v->len, m)) return out_of_memory(jr);
  return true;
}

/* A target or an actual that may be missing: absent, null or blank text
** (spaces only, 全角空格 included) means the report gives none, and then
** *text is NULL and *m the TEXT measure "" (rb_report_no_measure).  Any
** other text, a placeholder such as "—" or "不适用" included, is kept as
** written for the rubric to judge. */
static bool read_optional_measure(json_reader *jr, const json_value *v, const char *name, const char **text,
                                  rb_measure *m) {
  if (!v || (v->kind == RB_JSON_STRING && rb_report_is_blank(v->as.text, v->len))) {
    *text = NULL;
    rb_report_no_measure(m);
    return true;
  }
  size_t mark = path_member(jr, name);
  bool ok = read_measure_value(jr, v, text, m);
  path_pop(jr, mark);
  return ok;
}

/* An indicator's "source" (written by rubric import): {"file": text,
** "page": number, "lines": [numbers]}, or for an Excel or Word file {"file",
** "sheet": text | "table": number, "rows": [numbers]}.  Checked, not kept: it says where
** the row was read, for the person comparing the JSON with the original. */
static bool read_source(json_reader *jr, const json_value *v) {
  if (!v) return true;
  size_t mark = path_member(jr, "source");
  const json_value *m[SOURCE_COUNT];
  bool ok = expect_object(jr, v) && PICK(jr, v, source_names, m);
  const char *file = NULL;
  rb_opt_num page = {0};
  const char *sheet = NULL;
  rb_opt_num table = {0};
  ok = ok && read_text(jr, m[SOURCE_FILE], "file", false, &file) &&
       read_opt_number(jr, m[SOURCE_PAGE], "page", true, 0, &page) && read_text(jr, m[SOURCE_SHEET], "sheet", false, &sheet) &&
       read_opt_number(jr, m[SOURCE_TABLE], "table", true, 0, &table) && expect_array(jr, m[SOURCE_LINES], "lines") &&
       expect_array(jr, m[SOURCE_ROWS], "rows");
  for (int list = 0; list < 2; list++) {
    const json_value *numbers = list ? m[SOURCE_ROWS] : m[SOURCE_LINES];
    if (!ok || !numbers) continue;
    size_t at = path_member(jr, list ? "rows" : "lines");
    for (size_t i = 0; ok && i < numbers->len; i++) {
      size_t item = path_index(jr, i);
      rb_num n;
      ok = read_number_value(jr, &numbers->as.items[i], &n);
      path_pop(jr, item);
    }
    path_pop(jr, at);
  }
  path_pop(jr, mark);
  return ok;
}

/* "imported" (written by rubric import, docs/import.md): {"from": text,
** "layout": text, "notes": [{"where", "kind", "message"}]}.  Each note
** becomes a report note, so that a run shows it as a finding: a row the
** import could not complete ("incomplete") or a placeholder row it skipped
** with figures ("skipped") as SKIPPED (an `unscored` finding), every other
** kind as IMPORT (a `note` finding). */
static bool read_imported(json_reader *jr, const json_value *v) {
  if (!v) return true;
  size_t mark = path_member(jr, "imported");
  const json_value *m[IMPORTED_COUNT];
  const char *from = NULL, *layout = NULL;
  bool ok = expect_object(jr, v) && PICK(jr, v, imported_names, m) &&
            read_text(jr, m[IMPORTED_FROM], "from", false, &from) &&
            read_text(jr, m[IMPORTED_LAYOUT], "layout", false, &layout) &&
            expect_array(jr, m[IMPORTED_NOTES], "notes");
  const json_value *notes = ok ? m[IMPORTED_NOTES] : NULL;
  size_t at = path_member(jr, "notes");
  for (size_t i = 0; ok && notes && i < notes->len; i++) {
    size_t item = path_index(jr, i);
    const json_value *note = &notes->as.items[i];
    const json_value *n[IMPORT_NOTE_COUNT];
    const char *where = NULL, *kind = NULL, *message = NULL;
    ok = expect_object(jr, note) && PICK(jr, note, import_note_names, n) &&
         read_text(jr, n[IMPORT_NOTE_WHERE], "where", false, &where) &&
         read_text(jr, n[IMPORT_NOTE_KIND], "kind", false, &kind) &&
         read_text(jr, n[IMPORT_NOTE_MESSAGE], "message", true, &message);
    if (ok) {
      bool unscored = kind && (strcmp(kind, "incomplete") == 0 || strcmp(kind, "skipped") == 0);
      if (!rb_report_add_note(jr->r, unscored ? RB_NOTE_SKIPPED : RB_NOTE_IMPORT, where ? where : (from ? from : ""),
                              "%s", message))
        ok = out_of_memory(jr);
    }
    path_pop(jr, item);
  }
  path_pop(jr, at);
  path_pop(jr, mark);
  if (ok && notes) jr->r->imported_note_count = notes->len;
  return ok;
}

/* One row of "indicators".  name is required; the target and the actual
** may be missing (read_optional_measure). */
static bool read_indicator(json_reader *jr, const json_value *row, rb_indicator *ind) {
  if (!expect_object(jr, row)) return false;
  const json_value *m[INDICATOR_COUNT];
  if (!PICK(jr, row, indicator_names, m)) return false;
  ind->level1 = "";
  ind->level2 = "";
  ind->source_line = jr->r->source_line;
  if (!read_text(jr, m[INDICATOR_LEVEL1], "level1", false, &ind->level1) ||
      !read_text(jr, m[INDICATOR_LEVEL2], "level2", false, &ind->level2) ||
      !read_text(jr, m[INDICATOR_NAME], "name", true, &ind->name) ||
      !read_optional_measure(jr, m[INDICATOR_TARGET], "target", &ind->target_text, &ind->target) ||
      !read_optional_measure(jr, m[INDICATOR_ACTUAL], "actual", &ind->actual_text, &ind->actual))
    return false;

  ind->note = NULL;
  return read_opt_number(jr, m[INDICATOR_WEIGHT], "weight", true, 0, &ind->weight) &&
         read_opt_number(jr, m[INDICATOR_SELF_SCORE], "self_score", false, 0, &ind->self_score) &&
         read_text(jr, m[INDICATOR_NOTE], "note", false, &ind->note) && read_source(jr, m[INDICATOR_SOURCE]);
}

/* "indicators": the table, in the order written. */
static bool read_indicators(json_reader *jr, const json_value *rows) {
  if (!expect_array(jr, rows, "indicators")) return false;
  if (!rows) return true;
  rb_report *r = jr->r;
  size_t count = rows->len;
  r->indicators = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->indicators);
  if (!r->indicators) return out_of_memory(jr);
  size_t mark = path_member(jr, "indicators");
  bool ok = true;
  for (size_t i = 0; ok && i < count; i++) {
    size_t item = path_index(jr, i);
    ok = read_indicator(jr, &rows->as.items[i], &r->indicators[i]);
    path_pop(jr, item);
    if (ok) r->indicator_count = i + 1;
  }
  path_pop(jr, mark);
  return ok;
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
static bool read_self_score(json_reader *jr, const json_value *item, rb_self_score *s) {
  rb_report *r = jr->r;
  if (!expect_object(jr, item)) return false;
  const json_value *m[SELF_SCORE_COUNT];
  if (!PICK(jr, item, self_score_names, m)) return false;
  const json_value *path = m[SELF_SCORE_PATH];
  if (!expect_array(jr, path, "path")) return false;
  size_t mark = path_member(jr, "path");
  bool ok = true;
  if (!path) {
    ok = fail(jr, "missing required member");
  } else if (path->len == 0) {
    ok = fail(jr, "must name at least one node of the rubric tree");
  } else {
    s->depth = path->len;
    s->path = rb_arena_calloc(&r->arena, s->depth, sizeof *s->path);
    if (!s->path) ok = out_of_memory(jr);
    for (size_t k = 0; ok && k < s->depth; k++) {
      const json_value *name = &path->as.items[k];
      size_t at = path_index(jr, k);
      if (name->kind != RB_JSON_STRING)
        ok = wrong_type(jr, name, "text");
      else if (!copy_text(jr, name, &s->path[k]))
        ok = false;
      else if (rb_report_is_blank(s->path[k], name->len))
        ok = fail(jr, "must not be empty");
      path_pop(jr, at);
    }
  }
  path_pop(jr, mark);
  if (!ok) return false;

  mark = path_member(jr, "score");
  const json_value *score = m[SELF_SCORE_SCORE];
  ok = score ? read_number_value(jr, score, &s->score) : fail(jr, "missing required member");
  path_pop(jr, mark);
  return ok;
}

/* "self_scores": scores the report gives for nodes of the rubric tree; a
** path may be given once. */
static bool read_self_scores(json_reader *jr, const json_value *items) {
  if (!expect_array(jr, items, "self_scores")) return false;
  if (!items) return true;
  rb_report *r = jr->r;
  size_t count = items->len;
  r->self_scores = rb_arena_calloc(&r->arena, count ? count : 1, sizeof *r->self_scores);
  if (!r->self_scores) return out_of_memory(jr);
  size_t mark = path_member(jr, "self_scores");
  bool ok = true;
  for (size_t i = 0; ok && i < count; i++) {
    size_t item = path_index(jr, i);
    rb_self_score *s = &r->self_scores[i];
    ok = read_self_score(jr, &items->as.items[i], s);
    for (size_t j = 0; ok && j < i; j++) {
      if (same_path(&r->self_scores[j], s)) {
        size_t at = path_member(jr, "path");
        ok = fail(jr, "the same path as $.self_scores[%zu]", j);
        path_pop(jr, at);
      }
    }
    path_pop(jr, item);
    if (ok) r->self_score_count = i + 1;
  }
  path_pop(jr, mark);
  return ok;
}

/* ---- Entry point ------------------------------------------------------- */

/* Parse the text into a tree in the report's arena; on a syntax error fill
** err with the file, line and column of the fault.  The parser's scratch
** memory is kept in the report for the next read. */
static bool parse_json(rb_report *r, const rb_decoded *use, json_value *root, rb_report_error *err) {
  const char *text = use->text;
  size_t len = use->len;
  /* No report comes near this; it bounds the tree a hostile file can ask
  ** for (and keeps the limit json-c's int lengths imposed). */
  if (len > (size_t)INT_MAX) {
    rb_report_errorf(err, "%s: too large to read (over 2 GiB)", r->source);
    return false;
  }
  rb_json_parser *parser = r->json_tokener;
  if (!parser) {
    parser = rb_json_parser_new();
    if (!parser) {
      rb_report_errorf(err, "%s: out of memory", r->source);
      return false;
    }
    r->json_tokener = parser;
  }
  rb_json_syntax syntax;
  switch (rb_json_parse_scanned(parser, &r->arena, text, len, use->first_bad, r->error_lang, root, &syntax)) {
  case RB_JSON_OK: return true;
  case RB_JSON_NOMEM: rb_report_errorf(err, "%s: out of memory", r->source); return false;
  case RB_JSON_SYNTAX: break;
  }
  int line, column;
  rb_report_line_col(text, len, syntax.offset, &line, &column);
  if (r->source_line > 0) line += r->source_line - 1;
  rb_report_errorf(err, "%s:%d:%d: invalid JSON: %s", r->source, line, column, syntax.what);
  return false;
}

void rb_report_json_release(rb_report *r) {
  rb_json_parser_free(r->json_tokener);
  r->json_tokener = NULL;
}

/* Fail with "FILE:LINE:COLUMN: what" for byte `offset` of text, the way a
** syntax error is placed (the line counted in the file for JSON Lines). */
static bool fail_at_offset(rb_report *r, const char *text, size_t len, size_t offset, rb_report_error *err,
                           const char *what) {
  int line, column;
  rb_report_line_col(text, len, offset, &line, &column);
  if (r->source_line > 0) line += r->source_line - 1;
  rb_report_errorf(err, "%s:%d:%d: %s", r->source, line, column, rb_text_from_en(err->lang, what));
  return false;
}

/* Read the report from its decoded text (UTF-8, no byte order mark). */
static bool read_report(rb_report *r, const rb_decoded *use, rb_report_error *err) {
  json_value root;
  if (!parse_json(r, use, &root, err)) return false;

  json_reader jr = {.r = r, .err = err};
  if (!expect_object(&jr, &root)) return false;
  const json_value *m[REPORT_COUNT];
  if (!pick(&jr, &root, report_names, REPORT_COUNT, m, true)) return false;
  /* The id first, so that every later message can name the report. */
  if (!read_text(&jr, m[REPORT_ID], "id", true, &r->id)) return false;
  jr.have_id = true;
  int scale10 = 4;
  return read_year(&jr, m[REPORT_YEAR]) && read_text(&jr, m[REPORT_UNIT], "unit", false, &r->unit) &&
         read_text(&jr, m[REPORT_TITLE], "title", false, &r->title) && read_kind(&jr, m[REPORT_KIND]) &&
         read_money_unit(&jr, m[REPORT_MONEY_UNIT], &scale10) && read_budget(&jr, m[REPORT_BUDGET], scale10) &&
         read_facts(&jr, m[REPORT_FACTS]) && read_indicators(&jr, m[REPORT_INDICATORS]) &&
         read_opt_number(&jr, m[REPORT_SELF_TOTAL], "self_total", false, 0, &r->self_total) &&
         read_text(&jr, m[REPORT_SELF_GRADE], "self_grade", false, &r->self_grade) &&
         read_self_scores(&jr, m[REPORT_SELF_SCORES]) && read_imported(&jr, m[REPORT_IMPORTED]);
}

/* Read text of which `room` bytes are readable.  Nearly every report is
** read by simdjson (report_simd.cpp), which checks the UTF-8 as it parses:
** the pre-scan and the conversion from GBK are for the others.  A byte
** order mark is dropped and GBK text converted (rb_report_decode) before
** the JSON is parsed again, so positions in messages are those of the text
** an editor shows. */
static bool read_json(rb_report *r, const char *text, size_t len, size_t room, const char *source, int line,
                      rb_report_error *err) {
  err->lang = r->error_lang;
  if (!rb_report_begin(r, source, line)) {
    rb_report_errorf(err, "%s: out of memory", source ? source : "<input>");
    return false;
  }
  /* The byte order mark is dropped as rb_report_decode drops it. */
  size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  if (rb_report_read_simd(r, text + bom, len - bom, room - bom)) return true;
  rb_report_forget_read(r);
  rb_decoded use;
  switch (rb_report_decode(r, text, len, &use)) {
  case RB_TEXT_UTF8:
  case RB_TEXT_CONVERTED: break;
  case RB_TEXT_NOT_TEXT:
    return fail_at_offset(r, use.text, use.len, use.bad, err,
                          "not UTF-8 text, and not GB18030 (GBK) either; save the file as UTF-8");
  case RB_TEXT_NO_ICONV:
    return fail_at_offset(r, use.text, use.len, use.bad, err,
                          "not UTF-8 text, and this system cannot convert GB18030 (GBK); save the file as UTF-8");
  case RB_TEXT_NOMEM: rb_report_errorf(err, "%s: out of memory", r->source); return false;
  }
  /* What simdjson left is read straight from yajl's events if it can be;
  ** the tree walk reads the others and says what is wrong
  ** (report_events.c). */
  bool ok = rb_report_read_events(r, use.text, use.len, use.first_bad);
  if (!ok) {
    rb_report_forget_read(r);
    ok = read_report(r, &use, err);
  }
  free(use.owned);
  return ok;
}

bool rb_report_read_json(rb_report *r, const char *text, size_t len, const char *source, int line,
                         rb_report_error *err) {
  return read_json(r, text, len, len, source, line, err);
}

bool rb_report_read_json_padded(rb_report *r, const char *text, size_t len, const char *source, int line,
                                rb_report_error *err) {
  return read_json(r, text, len, len + RB_REPORT_JSON_PADDING, source, line, err);
}
