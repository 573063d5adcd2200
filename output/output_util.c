/*
** output_util.c — JSON escaping and number text for the result writers
** (UTF-8 and display widths are base/utf8.h's).
*/
#include "output/output_util.h"

#include "base/utf8.h"

#include <string.h>

void rb_out_spaces(FILE *out, size_t count) {
  for (size_t k = 0; k < count; k++) fputc(' ', out);
}

/* ---- JSON --------------------------------------------------------------- */

/* Write s as a JSON string literal (output_util.h). */
void rb_out_json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  size_t i = 0, len = strlen(s);
  while (i < len) {
    size_t start = i;
    int32_t cp = rb_utf8_next(s, len, &i);
    if (cp < 0)
      fputs("\\ufffd", out);
    else if (cp == '"')
      fputs("\\\"", out);
    else if (cp == '\\')
      fputs("\\\\", out);
    else if (cp < 0x20)
      fprintf(out, "\\u%04x", (unsigned)cp);
    else
      fwrite(s + start, 1, i - start, out);
  }
  fputc('"', out);
}

/* ---- Numbers ------------------------------------------------------------ */

/* Format into a small buffer first to learn the length; the formatters
** return the length they needed, so a longer text is formatted again,
** straight into its arena block.  One byte in front is kept for a sign. */
typedef size_t (*num_formatter)(rb_num a, int places, char *buf, size_t size);

static size_t format_exact(rb_num a, int places, char *buf, size_t size) {
  (void)places;
  if (rb_num_is_decimal(a, -1)) return rb_num_format(a, buf, size);
  return rb_num_format_sig(a, RB_OUT_EXACT_PLACES, buf, size);
}

static size_t format_at_least(rb_num a, int places, char *buf, size_t size) {
  if (rb_num_is_decimal(a, places)) return rb_num_format_fixed(a, places, buf, size);
  return rb_num_format_sig(a, places > RB_OUT_EXACT_PLACES ? places : RB_OUT_EXACT_PLACES, buf, size);
}

/* A number's text by fmt in the scratch arena, with a '+' in front when
** plus and the shown value is above 0 ("+0.01", never "+0.00"). */
static const char *format_into(rb_arena *scratch, num_formatter fmt, rb_num a, int places, bool plus) {
  char probe[64];
  size_t need = fmt(a, places, probe, sizeof probe);
  char *text = rb_arena_alloc(scratch, need + 2);
  if (!text) return "?";
  if (need < sizeof probe)
    memcpy(text + 1, probe, need + 1);
  else
    fmt(a, places, text + 1, need + 1);
  /* A '+' goes in front of a positive value whose text shows a nonzero
  ** digit: 0.004 at FIXED 2 prints "0.00" and stays unsigned. */
  if (plus && rb_num_sign(a) > 0 && strpbrk(text + 1, "123456789")) {
    text[0] = '+';
    return text;
  }
  return text + 1;
}

const char *rb_out_num(rb_arena *scratch, rb_num a, rb_out_num_style style, int places) {
  const char *text = NULL;
  switch (style) {
  case RB_OUT_FIXED: text = format_into(scratch, rb_num_format_fixed, a, places, false); break;
  case RB_OUT_EXACT: text = format_into(scratch, format_exact, a, places, false); break;
  case RB_OUT_AT_LEAST: text = format_into(scratch, format_at_least, a, places, false); break;
  case RB_OUT_SIGNED_FIXED: text = format_into(scratch, rb_num_format_fixed, a, places, true); break;
  case RB_OUT_SIGNED_AT_LEAST: text = format_into(scratch, format_at_least, a, places, true); break;
  }
  return text ? text : "?";
}

int rb_out_places(const rb_result *r) {
  if (!r->program) return 2;
  return r->program->rounding.places < 0 ? 0 : r->program->rounding.places;
}

/* A finding's path joined with " › " in the scratch arena (output_util.h). */
const char *rb_out_path(rb_arena *scratch, const rb_finding *f) {
  static const char sep[] = " › ";
  /* A message that opens with the node's own name ("新增…数量：目标 2家…")
  ** names it already: the path then stops at the parent. */
  uint32_t depth = f->depth;
  if (depth > 0 && f->message) {
    size_t n = strlen(f->path[depth - 1]);
    if (strncmp(f->message, f->path[depth - 1], n) == 0) depth--;
  }
  size_t len = 0;
  for (uint32_t k = 0; k < depth; k++) len += strlen(f->path[k]) + (k ? sizeof sep - 1 : 0);
  char *text = rb_arena_alloc(scratch, len + 1);
  if (!text) return "?";
  char *p = text;
  for (uint32_t k = 0; k < depth; k++) {
    if (k) {
      memcpy(p, sep, sizeof sep - 1);
      p += sizeof sep - 1;
    }
    size_t n = strlen(f->path[k]);
    memcpy(p, f->path[k], n);
    p += n;
  }
  *p = '\0';
  return text;
}
