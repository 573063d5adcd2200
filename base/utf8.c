/*
** utf8.c — UTF-8 decoding, checking, counting and display width (utf8.h).
**
** The width table is the small part of Unicode's East Asian Width property
** (UAX #11) that indicator tables and rubrics use: Chinese characters and
** punctuation, full-width forms, Hangul, Kana and the common emoji blocks
** are two columns wide.  It is deliberately a short range list rather than a
** full Unicode table: an unknown character counts one column, which at
** worst misaligns a line and never loses text.
*/
#include "base/utf8.h"

#include <string.h>

/* RFC 3629 well-formedness, one lead byte at a time (utf8.h). */
size_t rb_utf8_sequence_length(const unsigned char *s, size_t n) {
  unsigned char c = s[0];
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (n < 3 || (s[2] & 0xC0) != 0x80) return 0;
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF; /* overlong, surrogates */
    return s[1] >= lo && s[1] <= hi ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (n < 4 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80) return 0;
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF; /* overlong, above U+10FFFF */
    return s[1] >= lo && s[1] <= hi ? 4 : 0;
  }
  return 0;
}

int32_t rb_utf8_next(const char *s, size_t len, size_t *i) {
  const unsigned char *p = (const unsigned char *)s + *i;
  size_t n = rb_utf8_sequence_length(p, len - *i);
  if (n == 0) {
    *i += 1;
    return -1;
  }
  *i += n;
  if (n == 1) return p[0];
  int32_t cp = p[0] & (0x7F >> n);
  for (size_t k = 1; k < n; k++) cp = (cp << 6) | (p[k] & 0x3F);
  return cp;
}

size_t rb_utf8_valid_length(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  while (i < len) {
    /* Eight ASCII bytes at a time. */
    while (len - i >= 8) {
      uint64_t w;
      memcpy(&w, s + i, sizeof w);
      if (w & UINT64_C(0x8080808080808080)) break;
      i += 8;
    }
    if (i == len) break;
    if (s[i] < 0x80) {
      i++;
      continue;
    }
    size_t n = rb_utf8_sequence_length(s + i, len - i);
    if (n == 0) return i;
    i += n;
  }
  return len;
}

size_t rb_utf8_count(const char *s, size_t len) {
  size_t chars = 0;
  for (size_t i = 0; i < len; chars++) rb_utf8_next(s, len, &i);
  return chars;
}

size_t rb_utf8_cut(const char *s, size_t len, size_t max) {
  if (len <= max) return len;
  size_t n = max;
  while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
  return n;
}

size_t rb_utf8_complete(const char *text, size_t len) {
  size_t start = len;
  while (start > 0 && ((unsigned char)text[start - 1] & 0xC0) == 0x80) start--;
  if (start == 0) return len;
  unsigned char lead = (unsigned char)text[start - 1];
  size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  return len - (start - 1) < need ? start - 1 : len;
}

size_t rb_utf8_space_at(const unsigned char *s, size_t n) {
  if (n == 0) return 0;
  if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')) return 1;
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  return 0;
}

bool rb_utf8_has_ideograph(const char *text, size_t len) {
  for (size_t i = 0; i < len;) {
    int32_t cp = rb_utf8_next(text, len, &i);
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3134F))
      return true;
  }
  return false;
}

/* ---- Display width ------------------------------------------------------- */

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

int rb_utf8_width(int32_t cp) {
  if (cp < 0) return 1; /* a malformed byte, shown as one replacement glyph */
  if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) return 0;
  if (cp < 0x0300) return 1;
  /* 0x302A–0x302D lies inside a wide range: zero ranges are checked first. */
  if (in_ranges(zero_ranges, sizeof zero_ranges / sizeof zero_ranges[0], cp)) return 0;
  if (in_ranges(wide_ranges, sizeof wide_ranges / sizeof wide_ranges[0], cp)) return 2;
  return 1;
}

size_t rb_utf8_display_width(const char *s) {
  if (!s) return 0;
  size_t len = strlen(s), width = 0, i = 0;
  while (i < len) width += (size_t)rb_utf8_width(rb_utf8_next(s, len, &i));
  return width;
}

size_t rb_utf8_put(char *out, uint32_t cp) {
  if (cp < 0x80) {
    out[0] = (char)cp;
    return 1;
  }
  if (cp < 0x800) {
    out[0] = (char)(0xC0 | (cp >> 6));
    out[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | (cp >> 18));
  out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (char)(0x80 | (cp & 0x3F));
  return 4;
}
