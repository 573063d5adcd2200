/*
** output_util.c — UTF-8, display width, JSON escaping and number text for
** the result writers.
**
** The width table is the small part of Unicode's East Asian Width property
** (UAX #11) that indicator tables use: Chinese characters and punctuation,
** full-width forms, Hangul, Kana and the common emoji blocks are two columns
** wide.  It is deliberately a short range list rather than a full Unicode
** table: an unknown character counts one column, which at worst misaligns a
** line and never loses text.
*/
#include "output/output_util.h"

#include <string.h>

/* ---- UTF-8 -------------------------------------------------------------- */

/* The classic decoder: the lead byte says how many continuation bytes follow
** and the smallest code point that length may encode (anything smaller is an
** overlong form, which RFC 3629 forbids). */
int32_t rb_out_utf8_next(const char *s, size_t *i) {
  const unsigned char *p = (const unsigned char *)s + *i;
  unsigned char c = p[0];
  int len;
  int32_t cp, min;
  if (c < 0x80) {
    *i += 1;
    return c;
  } else if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    *i += 1;
    return -1;
  }
  for (int k = 1; k < len; k++) {
    if ((p[k] & 0xC0) != 0x80) { /* also stops at the NUL */
      *i += 1;
      return -1;
    }
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *i += 1;
    return -1;
  }
  *i += (size_t)len;
  return cp;
}

typedef struct cp_range {
  int32_t first, last;
} cp_range;

/* Two columns wide (East Asian Wide and Fullwidth), sorted. */
static const cp_range wide_ranges[] = {
    {0x1100, 0x115F},   /* Hangul Jamo initial consonants */
    {0x231A, 0x231B},   /* watch, hourglass */
    {0x2329, 0x232A},   /* angle brackets */
    {0x23E9, 0x23EC},   {0x23F0, 0x23F0}, {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615}, {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693}, {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4}, {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},   {0x26F5, 0x26F5}, {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705}, {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C}, {0x274E, 0x274E},
    {0x2753, 0x2755},   {0x2757, 0x2757}, {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   /* CJK radicals, Kangxi, CJK symbols and punctuation 、。《》 */
    {0x3041, 0x33FF},   /* Kana, Bopomofo, Hangul compatibility, CJK compatibility */
    {0x3400, 0x4DBF},   /* CJK extension A */
    {0x4E00, 0x9FFF},   /* CJK unified ideographs */
    {0xA000, 0xA4CF},   /* Yi */
    {0xA960, 0xA97F},   /* Hangul Jamo extended A */
    {0xAC00, 0xD7A3},   /* Hangul syllables */
    {0xF900, 0xFAFF},   /* CJK compatibility ideographs */
    {0xFE10, 0xFE19},   /* vertical forms */
    {0xFE30, 0xFE6F},   /* CJK compatibility forms, small forms */
    {0xFF00, 0xFF60},   /* full-width forms: （）１２３％＞ */
    {0xFFE0, 0xFFE6},   /* full-width signs ￥ */
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F64F}, /* pictographs, emoticons (a simplification) */
    {0x1F680, 0x1F6FF}, /* transport and map symbols (a simplification) */
    {0x1F900, 0x1F9FF}, /* supplemental pictographs */
    {0x20000, 0x2FFFD}, /* CJK extensions B–F */
    {0x30000, 0x3FFFD}, /* CJK extension G and beyond */
};

/* Zero columns: combining marks and invisible format characters. */
static const cp_range zero_ranges[] = {
    {0x0300, 0x036F}, /* combining diacritical marks */
    {0x200B, 0x200F}, /* zero-width space, joiners, direction marks */
    {0x2028, 0x202E}, {0x2060, 0x2064},
    {0x20D0, 0x20FF}, /* combining marks for symbols */
    {0x302A, 0x302D}, /* ideographic tone marks */
    {0x3099, 0x309A}, /* kana voicing marks */
    {0xFE00, 0xFE0F}, /* variation selectors */
    {0xFE20, 0xFE2F}, /* combining half marks */
    {0xFEFF, 0xFEFF}, /* byte order mark */
};

static bool in_ranges(const cp_range *ranges, size_t count, int32_t cp) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (cp < ranges[mid].first)
      hi = mid;
    else if (cp > ranges[mid].last)
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

int rb_out_codepoint_width(int32_t cp) {
  if (cp < 0) return 1; /* a malformed byte, shown as one replacement glyph */
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (cp < 0x0300) return 1;
  /* 0x302A–0x302D lies inside a wide range: zero ranges are checked first. */
  if (in_ranges(zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0], cp)) return 0;
  if (in_ranges(wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0], cp)) return 2;
  return 1;
}

size_t rb_out_display_width(const char *s) {
  if (!s) return 0;
  size_t width = 0, i = 0;
  while (s[i]) width += (size_t)rb_out_codepoint_width(rb_out_utf8_next(s, &i));
  return width;
}

void rb_out_spaces(FILE *out, size_t count) {
  for (size_t k = 0; k < count; k++) fputc(' ', out);
}

/* ---- JSON --------------------------------------------------------------- */

void rb_out_json_string(FILE *out, const char *s) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  size_t i = 0;
  while (s[i]) {
    size_t start = i;
    int32_t cp = rb_out_utf8_next(s, &i);
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
