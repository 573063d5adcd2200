/*
** text_encoding.c — UTF-8 checks and the GB18030 conversion (text_encoding.h).
*/
#include "base/text_encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

size_t rb_utf8_valid_length(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  size_t i = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t n;                           /* continuation bytes */
    unsigned char lo = 0x80, hi = 0xBF; /* the range of the first of them */
    if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      if (c == 0xE0) lo = 0xA0; /* overlong */
      if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      if (c == 0xF0) lo = 0x90; /* overlong */
      if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
      return i;
    }
    if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k <= n; k++)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    i += n + 1;
  }
  return len;
}

bool rb_text_has_ideograph(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0; i < len;) {
    unsigned char c = s[i];
    uint32_t cp;
    if (c >= 0xE0 && c <= 0xEF && len - i >= 3) {
      cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
      i += 3;
    } else if (c >= 0xF0 && c <= 0xF4 && len - i >= 4) {
      cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(s[i + 1] & 0x3F) << 12 | (uint32_t)(s[i + 2] & 0x3F) << 6 |
           (s[i + 3] & 0x3F);
      i += 4;
    } else {
      i++; /* ASCII, a two-byte character, a continuation byte */
      continue;
    }
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0x20000 && cp <= 0x3134F))
      return true;
  }
  return false;
}

/* A GB18030 character is one, two or four bytes and becomes at most four
** bytes of UTF-8; in practice two become three.  Start with room for that
** and grow if a text needs more. */
rb_gb18030_status rb_text_from_gb18030(const char *text, size_t len, char **out, size_t *out_len) {
  *out = NULL;
  *out_len = 0;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == (iconv_t)-1) return errno == ENOMEM ? RB_GB18030_NOMEM : RB_GB18030_UNAVAILABLE;
  if (len > ((size_t)-1 - 16) / 2) {
    iconv_close(cd);
    return RB_GB18030_NOMEM;
  }
  size_t cap = len + len / 2 + 16;
  char *buf = malloc(cap);
  rb_gb18030_status status = buf ? RB_GB18030_OK : RB_GB18030_NOMEM;
  /* iconv takes char ** for its input but does not write through it. */
  char *in = (char *)(uintptr_t)text;
  size_t in_left = len, used = 0;
  while (status == RB_GB18030_OK) {
    char *to = buf + used;
    size_t room = cap - used - 1; /* keep one byte for the NUL */
    /* Once the input is read, one call without input ends the conversion
    ** (GB18030 keeps no shift state, but that is iconv's protocol). */
    bool flush = in_left == 0;
    size_t r = flush ? iconv(cd, NULL, NULL, &to, &room) : iconv(cd, &in, &in_left, &to, &room);
    int why = errno;
    used = (size_t)(to - buf);
    if (r != (size_t)-1) {
      if (flush) break;
      continue;
    }
    if (why != E2BIG) {
      status = RB_GB18030_NOT; /* EILSEQ: not GB18030; EINVAL: cut off at the end */
      break;
    }
    if (cap > ((size_t)-1) / 2) {
      status = RB_GB18030_NOMEM;
      break;
    }
    char *bigger = realloc(buf, cap * 2);
    if (!bigger) {
      status = RB_GB18030_NOMEM;
      break;
    }
    buf = bigger;
    cap *= 2;
  }
  iconv_close(cd);
  if (status == RB_GB18030_OK && !rb_text_has_ideograph(buf, used)) status = RB_GB18030_NOT;
  if (status != RB_GB18030_OK) {
    free(buf);
    return status;
  }
  buf[used] = '\0';
  *out = buf;
  *out_len = used;
  return RB_GB18030_OK;
}
