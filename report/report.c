/*
** report.c — the report structure: its life cycle, look-ups, reading a file
** by its extension, and the pieces both readers share (numbers written as
** text, targets and actuals, line and column of an offset, messages).
**
** A report owns an arena for every string, table and measure it holds, and
** an rb_numctx for every big number.  rb_report_clear forgets both but keeps
** their memory, so the batch path can read millions of reports through one
** rb_report whose blocks are reused, not reallocated (the JSON tree of
** report/json_tree.c lives in the same arena).  The notation reader that reads
** targets and actuals (a Flex scanner and its buffers) is kept the same
** way.  Both readers start by emptying the report (rb_report_begin), so
** reading replaces whatever it held, and a failed read leaves it ready for
** the next one.
*/
#include "report/report.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/file.h"
#include "base/money.h"
#include "base/text_encoding.h"
#include "base/utf8.h"
#include "report/notation.h"
#include "report/report_private.h"
#include "report/report_simd.h"
#include "report/utf8_check.h"

/* Set every field of a report to "nothing read yet", keeping its storage. */
static void report_reset_fields(rb_report *r) {
  rb_arena arena = r->arena;
  rb_numctx *nums = r->nums;
  void *tokener = r->json_tokener;
  void *simd = r->simd_parser;
  void *reader = r->notation_reader;
  uint8_t lang = r->lang;
  rb_lang error_lang = r->error_lang;
  memset(r, 0, sizeof *r);
  r->lang = lang;
  r->error_lang = error_lang;
  r->arena = arena;
  r->nums = nums;
  r->json_tokener = tokener;
  r->simd_parser = simd;
  r->notation_reader = reader;
  r->id = "";
  r->money_scale = RB_MONEY_DEFAULT_SCALE;
  r->money_unit = rb_money_unit_name(RB_MONEY_DEFAULT_SCALE);
  r->kind = RB_REPORT_UNKNOWN;
}

rb_report *rb_report_new(void) {
  rb_report *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->error_lang = RB_LANG_EN;
  rb_arena_init(&r->arena);
  r->nums = rb_numctx_new();
  if (!r->nums) {
    free(r);
    return NULL;
  }
  report_reset_fields(r);
  return r;
}

void rb_report_clear(rb_report *r) {
  rb_arena_reset(&r->arena);
  rb_numctx_reset(r->nums);
  report_reset_fields(r);
}

void rb_report_free(rb_report *r) {
  if (!r) return;
  rb_report_json_release(r);
  rb_report_simd_release(r);
  rb_notation_reader_free(r->notation_reader);
  rb_arena_free(&r->arena);
  rb_numctx_free(r->nums);
  free(r);
}

/* Forget what a reader filled in, keeping where the report came from and
** the notes made so far (report_private.h). */
void rb_report_forget_read(rb_report *r) {
  const char *source = r->source;
  int line = r->source_line;
  rb_report_note *notes = r->notes;
  size_t note_count = r->note_count, note_room = r->note_room;
  report_reset_fields(r);
  r->source = source;
  r->source_line = line;
  r->notes = notes;
  r->note_count = note_count;
  r->note_room = note_room;
}

bool rb_report_begin(rb_report *r, const char *source, int line) {
  rb_report_clear(r);
  r->source = rb_arena_strdup(&r->arena, source ? source : "<input>");
  r->source_line = line;
  return r->source != NULL;
}

void rb_report_set_lang(rb_report *r, rb_lang lang) { r->lang = lang == RB_LANG_EN ? RB_LANG_EN : RB_LANG_ZH; }

/* Notes double their room in the arena as they come: a report has a few,
** a hostile one thousands, and the old arrays stay in the arena until it is
** reset, which at most doubles what the notes take. */
bool rb_report_add_note(rb_report *r, rb_report_note_kind kind, const char *path, const char *fmt, ...) {
  if (r->note_count == r->note_room) {
    size_t room = r->note_room ? r->note_room * 2 : 8;
    rb_report_note *bigger = rb_arena_alloc(&r->arena, room * sizeof *bigger);
    if (!bigger) return false;
    if (r->note_count) memcpy(bigger, r->notes, r->note_count * sizeof *bigger);
    r->notes = bigger;
    r->note_room = room;
  }
  va_list ap;
  va_start(ap, fmt);
  char *message = rb_arena_vprintf(&r->arena, rb_from_zh((rb_lang)r->lang, fmt), ap);
  va_end(ap);
  const char *copy = rb_arena_strdup(&r->arena, path);
  if (!message || !copy) return false;
  for (char *c = message; *c; c++)
    if ((unsigned char)*c < 0x20 || *c == 0x7F) *c = ' ';
  r->notes[r->note_count++] = (rb_report_note){.kind = kind, .path = copy, .message = message};
  return true;
}

/* The UTF-8 byte order mark, which Excel and Notepad write. */
static const char utf8_bom[] = "\xEF\xBB\xBF";

/* Drop a UTF-8 byte order mark at the start of text[0..*len). */
static const char *skip_bom(const char *text, size_t *len) {
  if (*len >= 3 && memcmp(text, utf8_bom, 3) == 0) {
    *len -= 3;
    return text + 3;
  }
  return text;
}

/* The fast pre-scan (utf8_check.h) settles valid text, which is almost all
** of it, in one SIMD pass; it also stops at a form feed or vertical tab,
** so only when it stops is the exact UTF-8 check made. */
rb_report_text rb_report_decode(rb_report *r, const char *text, size_t len, rb_decoded *out) {
  text = skip_bom(text, &len);
  *out = (rb_decoded){.text = text, .len = len, .bad = len};
  out->first_bad = rb_utf8_first_bad(text, len);
  if (out->first_bad == len) return RB_TEXT_UTF8;
  size_t valid = rb_utf8_valid_length(text, len);
  if (valid == len) return RB_TEXT_UTF8;
  out->bad = valid;
  char *converted;
  size_t converted_len;
  switch (rb_text_from_gb18030(text, len, &converted, &converted_len)) {
  case RB_GB18030_OK: break;
  case RB_GB18030_NOT: return RB_TEXT_NOT_TEXT;
  case RB_GB18030_UNAVAILABLE: return RB_TEXT_NO_ICONV;
  case RB_GB18030_NOMEM: return RB_TEXT_NOMEM;
  }
  char path[600];
  if (r->source_line > 0)
    snprintf(path, sizeof path, "%s:%d", r->source, r->source_line);
  else
    snprintf(path, sizeof path, "%s", r->source);
  if (!rb_report_add_note(r, RB_NOTE_CONVERTED, path, "报告文件不是 UTF-8 编码，已按 GB18030（GBK）转换后读取")) {
    free(converted);
    return RB_TEXT_NOMEM;
  }
  out->owned = converted;
  out->text = skip_bom(converted, &converted_len);
  out->len = converted_len;
  out->first_bad = rb_utf8_first_bad(out->text, out->len);
  return RB_TEXT_CONVERTED;
}

/* Facts are few (a handful per report): a linear search is the fastest. */
const rb_fact *rb_report_fact(const rb_report *r, const char *name) {
  for (size_t i = 0; i < r->fact_count; i++)
    if (strcmp(r->facts[i].name, name) == 0) return &r->facts[i];
  return NULL;
}

const rb_self_score *rb_report_self_score(const rb_report *r, const char *const *path, size_t depth) {
  for (size_t i = 0; i < r->self_score_count; i++) {
    const rb_self_score *s = &r->self_scores[i];
    if (s->depth != depth) continue;
    size_t k = 0;
    while (k < depth && strcmp(s->path[k], path[k]) == 0) k++;
    if (k == depth) return s;
  }
  return NULL;
}

/* ---- Reading a file ---------------------------------------------------- */

/* Read the whole file into a malloc'd buffer (*len bytes, NUL-terminated for
** convenience) through rb_file_read, which refuses a directory, a named pipe
** (that would block forever) or a device.  On failure fills err and returns
** NULL. */
static char *read_whole_file(const char *path, size_t *len, rb_report_error *err) {
  char *text = NULL;
  char message[sizeof err->message];
  if (rb_file_read(path, SIZE_MAX, &text, len, message, sizeof message) != RB_FILE_OK) {
    rb_report_errorf(err, "%s", message);
    return NULL;
  }
  return text;
}

/* Whether path ends with ext (".json"), ignoring ASCII case. */
static bool has_extension(const char *path, const char *ext) {
  size_t n = strlen(path), e = strlen(ext);
  if (n <= e) return false;
  const char *tail = path + n - e;
  for (size_t i = 0; i < e; i++) {
    char c = tail[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != ext[i]) return false;
  }
  return true;
}

/* Read a report file by its extension (report.h). */
bool rb_report_read_file(rb_report *r, const char *path, rb_report_error *err) {
  err->lang = r->error_lang;
  bool json = has_extension(path, ".json"), csv = has_extension(path, ".csv");
  if (!json && !csv) {
    rb_report_errorf(err,
                     "%s: unknown report format: expected a .json file (report format v1) or a .csv "
                     "file (an indicator table)",
                     path);
    return false;
  }
  size_t len = 0;
  char *text = read_whole_file(path, &len, err);
  if (!text) return false;
  bool ok;
  if (json) {
    /* simdjson reads past the text: room for it after the file's bytes
    ** (usually where the buffer already is). */
    char *padded = realloc(text, len + RB_REPORT_JSON_PADDING);
    if (!padded) {
      free(text);
      rb_report_errorf(err, "%s: out of memory", path);
      return false;
    }
    text = padded;
    memset(text + len, 0, RB_REPORT_JSON_PADDING);
    ok = rb_report_read_json_padded(r, text, len, path, 0, err);
  } else {
    ok = rb_report_read_csv(r, text, len, path, err);
  }
  free(text);
  return ok;
}

/* ---- Shared pieces ----------------------------------------------------- */

/* The length of the blank character at text[0..len), or 0 if it is not
** one: ASCII space, tab, CR, LF, U+3000 (全角空格) or U+00A0. */
static size_t blank_at(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n')) return 1;
  if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  if (len >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  return 0;
}

/* The length of the blank character ending at text[len), or 0. */
static size_t blank_before(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  if (len >= 1 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
    return 1;
  if (len >= 3 && s[len - 3] == 0xE3 && s[len - 2] == 0x80 && s[len - 1] == 0x80) return 3;
  if (len >= 2 && s[len - 2] == 0xC2 && s[len - 1] == 0xA0) return 2;
  return 0;
}

void rb_report_trim(const char **text, size_t *len) {
  size_t n;
  while ((n = blank_at(*text, *len)) > 0) {
    *text += n;
    *len -= n;
  }
  while ((n = blank_before(*text, *len)) > 0) *len -= n;
}

bool rb_report_is_blank(const char *text, size_t len) {
  rb_report_trim(&text, &len);
  return len == 0;
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* A short plain decimal: ['-'] digits ['.' digits], at most 18 digits in
** all, no leading zero before another integer digit, to *out as exact as
** the general path makes it.  false for anything else, which that path
** then reads (or refuses) as before.  Integer digits and fraction digits
** are two loops, so a byte is tested only for being a digit, and the '.'
** once; rb_num_decimal drops trailing zeros (the canonical form). */
static bool short_decimal(const char *text, size_t len, rb_numctx *nums, rb_num *out) {
  const unsigned char *s = (const unsigned char *)text;
  bool negative = s[0] == '-';
  size_t i = negative ? 1 : 0, start = i;
  uint64_t v = 0;
  unsigned d;
  while (i < len && (d = (unsigned)s[i] - '0') <= 9) {
    v = v * 10 + d;
    i++;
  }
  size_t int_digits = i - start;
  if (int_digits == 0 || (int_digits > 1 && s[start] == '0')) return false;
  int places = 0;
  if (i < len) {
    if (s[i] != '.' || ++i == len) return false; /* "1." is the general path's */
    while (i < len && (d = (unsigned)s[i] - '0') <= 9) {
      v = v * 10 + d;
      places++;
      i++;
    }
    if (i != len) return false;
  }
  if (int_digits + (size_t)places > 18) return false;
  /* Below 10^18, so the int64 holds it and its negation. */
  return rb_num_decimal(nums, negative ? -(int64_t)v : (int64_t)v, places, out);
}

/* The number grammar is checked here rather than left to rb_num_parse so
** that a report gets one definition of "a number" whichever reader it goes
** through, and so that absurd literals (ten thousand digits, 1e999999) are
** refused before any arithmetic is attempted.  The cleaned literal handed
** to rb_num_parse has no separators, no '+', and a digit before any '.'. */
rb_report_numtext rb_report_parse_number(rb_numctx *nums, const char *text, size_t len, bool loose,
                                         rb_num *out) {
  if (loose) rb_report_trim(&text, &len);
  if (len == 0) return RB_NUMTEXT_BAD;
  /* The figures reports nearly always write — "2.67", "-3", "6931.14", at
  ** most 18 digits, no separator, exponent or '+' — straight to their
  ** value; everything else by the general path below, whose grammar this
  ** is a part of. */
  if (len <= 19 && short_decimal(text, len, nums, out)) return RB_NUMTEXT_OK;
  if (len > RB_REPORT_NUMBER_MAX_LEN) {
    /* Too long to be a figure; say "too large" only if it looks like one. */
    for (size_t k = 0; k < len; k++)
      if (!is_digit(text[k]) && !strchr("+-.,eE", text[k])) return RB_NUMTEXT_BAD;
    return RB_NUMTEXT_RANGE;
  }
  char clean[RB_REPORT_NUMBER_MAX_LEN + 8];
  size_t c = 0, i = 0;

  if (text[i] == '-' || (loose && text[i] == '+')) {
    if (text[i] == '-') clean[c++] = '-';
    i++;
  }
  /* Integer part, with thousands separators in loose form. */
  size_t int_digits = 0, group = 0;
  bool grouped = false;
  while (i < len && (is_digit(text[i]) || (loose && text[i] == ','))) {
    if (text[i] == ',') {
      /* The first group has 1-3 digits, every later group exactly 3. */
      if (group == 0 || (grouped && group != 3) || (!grouped && group > 3)) return RB_NUMTEXT_BAD;
      grouped = true;
      group = 0;
    } else {
      clean[c++] = text[i];
      int_digits++;
      group++;
    }
    i++;
  }
  if (grouped && group != 3) return RB_NUMTEXT_BAD;
  if (!loose && int_digits > 1 && clean[c - int_digits] == '0') return RB_NUMTEXT_BAD;
  /* Fraction. */
  size_t frac_digits = 0;
  if (i < len && text[i] == '.') {
    i++;
    if (int_digits == 0) {
      if (!loose) return RB_NUMTEXT_BAD;
      clean[c++] = '0';
    }
    clean[c++] = '.';
    while (i < len && is_digit(text[i])) {
      clean[c++] = text[i++];
      frac_digits++;
    }
    if (frac_digits == 0) {
      /* "1." is 1 in text cells; a JSON literal is not that (the simdjson
      ** reader hands its tokens here unchecked: the strict form is JSON's
      ** grammar exactly). */
      if (!loose) return RB_NUMTEXT_BAD;
      c--;
    }
  }
  if (int_digits + frac_digits == 0) return RB_NUMTEXT_BAD;
  /* Exponent. */
  if (i < len && (text[i] == 'e' || text[i] == 'E')) {
    clean[c++] = 'e';
    i++;
    if (i < len && (text[i] == '+' || text[i] == '-')) clean[c++] = text[i++];
    size_t exp_digits = 0;
    long exponent = 0;
    while (i < len && is_digit(text[i])) {
      if (exponent <= RB_REPORT_EXPONENT_MAX) exponent = exponent * 10 + (text[i] - '0');
      clean[c++] = text[i++];
      exp_digits++;
    }
    if (exp_digits == 0) return RB_NUMTEXT_BAD;
    if (exponent > RB_REPORT_EXPONENT_MAX) return RB_NUMTEXT_RANGE;
  }
  if (i != len) return RB_NUMTEXT_BAD;
  /* The grammar is checked, so rb_num_parse can only fail for memory. */
  return rb_num_parse(nums, clean, c, out) ? RB_NUMTEXT_OK : RB_NUMTEXT_NOMEM;
}

/* Through the report's notation reader, made here the first time: reading
** a value then allocates nothing but its strings in the arena. */
bool rb_report_read_measure(rb_report *r, const char *text, size_t len, rb_measure *out) {
  if (!r->notation_reader && !(r->notation_reader = rb_notation_reader_new())) return false;
  return rb_notation_read_with(r->notation_reader, r->nums, &r->arena, text, len, r->has_year ? r->year : 0,
                               out);
}

bool rb_report_read_kept_measure(rb_report *r, const char *text, size_t len, rb_measure *out) {
  if (!r->notation_reader && !(r->notation_reader = rb_notation_reader_new())) return false;
  return rb_notation_read_kept(r->notation_reader, r->nums, &r->arena, text, len, r->has_year ? r->year : 0,
                               out);
}

void rb_report_no_measure(rb_measure *out) {
  memset(out, 0, sizeof *out);
  out->kind = RB_MK_TEXT;
  out->cmp = RB_CMP_NONE;
  out->value = rb_num_int(0);
  out->low = rb_num_int(0);
  out->high = rb_num_int(0);
  out->range_kind = RB_MK_TEXT;
  out->unit = "";
  out->text = "";
}

/* The line and column (in characters) of a byte offset, lines ending at LF,
** CRLF or CR (report_private.h). */
void rb_report_line_col(const char *text, size_t len, size_t offset, int *line, int *column) {
  if (offset > len) offset = len;
  int l = 1, col = 1;
  for (size_t i = 0; i < offset; i++) {
    unsigned char ch = (unsigned char)text[i];
    if (ch == '\n' || (ch == '\r' && (i + 1 >= len || text[i + 1] != '\n'))) {
      l++;
      col = 1;
    } else if (ch == '\r') {
      /* the CR of a CRLF: the LF ends the line */
    } else if (ch >= 0x80) {
      rb_utf8_next(text, offset, &i); /* one character, however many bytes */
      i--;
      col++;
    } else {
      col++;
    }
  }
  *line = l;
  *column = col;
}

void rb_report_verrorf(rb_report_error *err, const char *fmt, va_list ap) {
  int n = vsnprintf(err->message, sizeof err->message, rb_from_en(err->lang, fmt), ap);
  if (n >= (int)sizeof err->message) {
    /* vsnprintf cut at a byte count: drop a character left incomplete. */
    err->message[rb_utf8_complete(err->message, sizeof err->message - 1)] = '\0';
  }
}

void rb_report_errorf(rb_report_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  rb_report_verrorf(err, fmt, ap);
  va_end(ap);
}

void rb_report_quote(const char *text, size_t len, size_t max, char *buf, size_t size) {
  static const char ellipsis[] = "…";
  if (size < sizeof ellipsis + 1) {
    if (size) buf[0] = '\0';
    return;
  }
  if (max > size - sizeof ellipsis) max = size - sizeof ellipsis;
  size_t keep = rb_utf8_cut(text, len, max);
  memcpy(buf, text, keep);
  if (keep < len) {
    memcpy(buf + keep, ellipsis, sizeof ellipsis); /* includes the NUL */
  } else {
    buf[keep] = '\0';
  }
}
