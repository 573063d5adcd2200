/*
** text_encoding.c — the GB18030 conversion (text_encoding.h).
*/
#include "base/text_encoding.h"

#include "base/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
  if (status == RB_GB18030_OK && !rb_utf8_has_ideograph(buf, used)) status = RB_GB18030_NOT;
  if (status != RB_GB18030_OK) {
    free(buf);
    return status;
  }
  buf[used] = '\0';
  *out = buf;
  *out_len = used;
  return RB_GB18030_OK;
}
