/*
** test_utf8_check.c — the UTF-8 pre-scan of the JSON reader
** (report/utf8_check.h): its SIMD path, its scalar path and a reference
** written here from the definition (RFC 3629: decode each character and
** check its range) must name the same first bad byte for every text.  So
** must rb_utf8_valid_length (base/utf8.h), which decides whether a
** report or a rubric is UTF-8 or to be converted from GBK, except that form
** feeds and vertical tabs are UTF-8 to it (only JSON refuses them).
**
** The texts: every sequence of one to three bytes, and every four-byte
** sequence with a lead byte from F0 to F7, each between ASCII and Chinese
** text and at every position of a sixteen-byte block (where the SIMD path
** sees it whole or cut in two); then two million mutations of report-like
** text (bytes flipped, dropped, inserted, cut off, form feeds and vertical
** tabs), of every length up to 80 bytes.  Each is also checked inside a
** longer valid text, so that an error is found wherever it stands.
**
** On a machine without SSSE3 the SIMD path is not used and the comparison
** is of the scalar path with itself; the test says so.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "report/utf8_check.h"
#include "base/utf8.h"

/* The reference: decode character by character.  controls: a form feed
** or a vertical tab is an error too. */
static size_t reference(const unsigned char *s, size_t len, int controls) {
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    if (c < 0x80) {
      if (controls && (c == '\f' || c == '\v')) return i;
      i++;
      continue;
    }
    size_t n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (len - i < n) return i;
    for (size_t k = 1; k < n; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = cp << 6 | (s[i + k] & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += n;
  }
  return len;
}

static int mismatches;

/* All four on text[0..len). */
static void compare(const unsigned char *text, size_t len) {
  size_t want = reference(text, len, 1), want_utf8 = reference(text, len, 0);
  size_t scalar = rb_utf8_first_bad_scalar((const char *)text, len);
  size_t fast = rb_utf8_first_bad((const char *)text, len);
  size_t valid = rb_utf8_valid_length((const char *)text, len);
  if (scalar == want && fast == want && valid == want_utf8) {
    check_passed++;
    return;
  }
  check_failed++;
  if (++mismatches <= 10) {
    fprintf(stderr, "text of %zu bytes:", len);
    for (size_t i = 0; i < len; i++) fprintf(stderr, " %02X", text[i]);
    fprintf(stderr, "\n  reference %zu, scalar %zu, simd %zu; UTF-8 reference %zu, valid length %zu\n", want,
            scalar, fast, want_utf8, valid);
  }
}

/* seq placed after `before` bytes of context and followed by `after`,
** contexts alternating ASCII and Chinese. */
static void compare_placed(const unsigned char *seq, size_t n, size_t before, size_t after, int chinese) {
  static const char ascii[] = "\"target\": \"48 ", han[] = "目标值完成率达到"; /* 14 and 24 bytes */
  unsigned char buf[128];
  size_t len = 0;
  const char *ctx = chinese ? han : ascii;
  size_t ctx_len = strlen(ctx);
  for (size_t k = 0; k < before; k++) buf[len++] = (unsigned char)ctx[k % ctx_len];
  /* Cut the context on a character boundary: drop a partial character. */
  if (chinese) len -= len % 3;
  memcpy(buf + len, seq, n);
  len += n;
  for (size_t k = 0; k < after; k++) buf[len++] = (unsigned char)ascii[k % (sizeof ascii - 1)];
  compare(buf, len);
}

static void test_short_sequences(void) {
  unsigned char seq[4];
  /* One and two bytes, at every offset in a block. */
  for (unsigned a = 0; a < 256; a++) {
    seq[0] = (unsigned char)a;
    for (size_t at = 0; at < 18; at++) compare_placed(seq, 1, at, at % 3, (int)(at & 1));
    for (unsigned b = 0; b < 256; b++) {
      seq[1] = (unsigned char)b;
      compare_placed(seq, 2, 14, 0, 0);
      compare_placed(seq, 2, a % 16, 3, (int)(b & 1));
    }
  }
  /* Three bytes with a non-ASCII lead, across a block boundary or not. */
  for (unsigned a = 0x80; a < 256; a++)
    for (unsigned b = 0; b < 256; b++)
      for (unsigned c = 0; c < 256; c++) {
        seq[0] = (unsigned char)a;
        seq[1] = (unsigned char)b;
        seq[2] = (unsigned char)c;
        compare_placed(seq, 3, (a + b + c) % 17, c % 2, (int)(b & 1));
      }
  /* Four bytes with the leads of four-byte characters and beyond. */
  for (unsigned a = 0xF0; a < 0xF8; a++)
    for (unsigned b = 0x70; b < 0xD0; b++)
      for (unsigned c = 0x70; c < 0xD0; c += 3)
        for (unsigned d = 0x70; d < 0xD0; d += 5) {
          seq[0] = (unsigned char)a;
          seq[1] = (unsigned char)b;
          seq[2] = (unsigned char)c;
          seq[3] = (unsigned char)d;
          compare_placed(seq, 4, (b + d) % 16, (a + c) % 4, (int)(c & 1));
        }
}

static uint64_t xorshift(uint64_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 7;
  *x ^= *x << 17;
  return *x;
}

static void test_mutations(void) {
  static const char *const pieces[] = {
      "{\"level1\": \"产出指标\", ", "\"name\": \"建成服务站点\", ", "\"target\": \"≥90%\", ", "\"actual\": \"48个\"",
      "１００％", "𠀀𪚥", "é", "ü", "\\u00e9", "}", "，", "年底前", "abc", " ", "\xe2\x80\x94",
  };
  size_t piece_count = sizeof pieces / sizeof pieces[0];
  uint64_t x = 0x9E3779B97F4A7C15u;
  unsigned char text[96], longer[400];
  for (int round = 0; round < 2000000 && mismatches < 10; round++) {
    /* Valid text of up to 80 bytes. */
    size_t len = 0, want = xorshift(&x) % 81;
    while (len < want) {
      const char *p = pieces[xorshift(&x) % piece_count];
      size_t n = strlen(p);
      if (len + n > 80) break;
      memcpy(text + len, p, n);
      len += n;
    }
    /* Up to three mutations. */
    int mutations = (int)(xorshift(&x) % 4);
    for (int m = 0; m < mutations && len > 0; m++) {
      size_t at = xorshift(&x) % len;
      switch (xorshift(&x) % 6) {
      case 0: text[at] = (unsigned char)xorshift(&x); break;                 /* any byte */
      case 1: text[at] ^= (unsigned char)(1u << (xorshift(&x) % 8)); break;  /* one bit */
      case 2: len = at; break;                                               /* cut off */
      case 3: memmove(text + at, text + at + 1, len - at - 1); len--; break; /* dropped */
      case 4: text[at] = xorshift(&x) % 2 ? '\f' : '\v'; break;
      default:
        if (len < 80) { /* a byte inserted */
          memmove(text + at + 1, text + at, len - at);
          text[at] = (unsigned char)(0x80 + xorshift(&x) % 128);
          len++;
        }
        break;
      }
    }
    compare(text, len);
    /* The same inside a longer valid text, at some offset. */
    size_t lead = xorshift(&x) % 200, total = 0;
    while (total + 24 < lead) {
      memcpy(longer + total, "完成率达到", 15);
      total += 15;
    }
    memcpy(longer + total, text, len);
    total += len;
    memcpy(longer + total, "\"}", 2);
    compare(longer, total + 2);
  }
}

int main(void) {
  if (!rb_utf8_simd()) printf("note: this machine has no SSSE3; only the scalar path is tested\n");
  compare((const unsigned char *)"", 0);
  test_short_sequences();
  test_mutations();
  return check_done();
}
