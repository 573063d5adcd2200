/*
** utf8_check.c — where a text stops being strict UTF-8.
**
** Every byte of every report goes through here before the JSON parser
** sees it (report/json_tree.c: yajl's own check lets overlong forms and
** encoded surrogates through), so it is written for speed, in two ways.
**
** The scalar check takes text as it comes: runs of ASCII, skipped eight
** bytes at a time, and runs of other characters, each taken by a loop of
** its own.  Report text alternates between the two every few characters
** ("目标值": "48个"), and every change of run is a branch the processor
** cannot predict; on a typical report that costs more than the checking.
**
** The SIMD check, on x86 processors with SSSE3 (every one made since
** about 2006), has no branch per character at all.  It looks at sixteen
** bytes at a time together with the three before them, and classifies
** every pair of adjacent bytes with three table look-ups (PSHUFB), by the
** high nibble of the first byte, its low nibble, and the high nibble of
** the second: each table gives the set of errors that nibble is consistent
** with, and a pair is wrong when all three agree on one.  The errors are
**
**   TOO_SHORT   a lead byte not followed by a continuation byte
**   TOO_LONG    a continuation byte after ASCII
**   TWO_CONTS   a continuation after a continuation (wrong unless it is
**               the third or fourth byte of a character, checked apart)
**   OVERLONG_2  C0, C1;  OVERLONG_3  E0 80..9F;  OVERLONG_4  F0 80..8F
**   SURROGATE   ED A0..BF;  TOO_LARGE  F4 90..BF, F5..FF
**
** and a byte must be a continuation exactly when the byte two before it
** starts a three- or four-byte character or the byte three before starts
** a four-byte one.  This is the "lookup" algorithm of Keiser and Lemire,
** "Validating UTF-8 in less than one instruction per byte" (2021); the
** tables below are worked out from the UTF-8 definition (RFC 3629, table
** 3-7 of the Unicode standard), one bit per kind of error.
**
** The SIMD check only says whether the text is good.  When it is not, the
** scalar check finds the first bad byte, so both give the same offset by
** construction; test_utf8_check compares the two on millions of texts.
*/
#include "report/utf8_check.h"

#include <stdint.h>
#include <string.h>

/* ---- Byte by byte -------------------------------------------------------- */

/* The reference check (utf8_check.h): runs of ASCII a word at a time, then
** each other character on its own. */
size_t rb_utf8_first_bad_scalar(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  const uint64_t high = UINT64_C(0x8080808080808080), space = UINT64_C(0x2020202020202020);
  size_t i = 0;
  for (;;) {
    /* A run of ASCII: whole words with no byte >= 0x80 or < 0x20, then
    ** byte by byte. */
    for (;;) {
      uint64_t w;
      if (len - i < 8) break;
      memcpy(&w, s + i, 8);
      if ((w | (w - space)) & high) break;
      i += 8;
    }
    for (; i < len && s[i] < 0x80; i++)
      if (s[i] < 0x20 && (s[i] == '\f' || s[i] == '\v')) return i;
    if (i >= len) return len;
    /* A run of other characters. */
    while (i < len && s[i] >= 0x80) {
      unsigned c = s[i];
      if (c >= 0xE1 && c <= 0xEF && c != 0xED) { /* U+1000..U+FFFF outside the surrogates' block */
        if (len - i < 3 || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return i;
        i += 3;
        continue;
      }
      size_t more;
      unsigned lo = 0x80, hi = 0xBF; /* the allowed range of the second byte */
      if (c >= 0xC2 && c <= 0xDF) {
        more = 1;
      } else if (c == 0xE0) {
        more = 2;
        lo = 0xA0; /* not overlong */
      } else if (c == 0xED) {
        more = 2;
        hi = 0x9F; /* not a surrogate */
      } else if (c >= 0xF0 && c <= 0xF4) {
        more = 3;
        if (c == 0xF0) lo = 0x90; /* not overlong */
        if (c == 0xF4) hi = 0x8F; /* not beyond U+10FFFF */
      } else {
        return i;
      }
      if (len - i <= more || s[i + 1] < lo || s[i + 1] > hi) return i;
      for (size_t k = 2; k <= more; k++)
        if ((s[i + k] & 0xC0) != 0x80) return i;
      i += more + 1;
    }
  }
}

/* ---- Sixteen bytes at a time ------------------------------------------- */

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define RB_UTF8_SSSE3 1
#include <tmmintrin.h>

enum {
  TOO_SHORT = 1 << 0,
  TOO_LONG = 1 << 1,
  OVERLONG_3 = 1 << 2,
  TOO_LARGE = 1 << 3,
  SURROGATE = 1 << 4,
  OVERLONG_2 = 1 << 5,
  TOO_LARGE_1000 = 1 << 6, /* F5..FF then 80..8F */
  OVERLONG_4 = 1 << 6,     /* F0 then 80..8F: the same bit, told apart by the low nibble */
  TWO_CONTS = 1 << 7,
  CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS /* whatever the first byte's low nibble */
};

#define B(x) ((char)(x))

/* Fold sixteen bytes and the sixteen before them into the error bits. */
__attribute__((target("ssse3"))) static inline __m128i check_block(__m128i input, __m128i prev) {
  /* By the high nibble of the first byte of a pair. */
  const __m128i first_high = _mm_setr_epi8(
      /* 0_______ */ B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG),
      B(TOO_LONG), B(TOO_LONG), B(TOO_LONG), B(TOO_LONG),
      /* 10______ */ B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS), B(TWO_CONTS),
      /* 1100____ */ B(TOO_SHORT | OVERLONG_2),
      /* 1101____ */ B(TOO_SHORT),
      /* 1110____ */ B(TOO_SHORT | OVERLONG_3 | SURROGATE),
      /* 1111____ */ B(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
  /* By its low nibble. */
  const __m128i first_low = _mm_setr_epi8(
      /* ____0000 */ B(CARRY | OVERLONG_2 | OVERLONG_3 | OVERLONG_4),
      /* ____0001 */ B(CARRY | OVERLONG_2),
      /* ____001_ */ B(CARRY), B(CARRY),
      /* ____0100 */ B(CARRY | TOO_LARGE),
      /* ____0101 .. ____1100 */ B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),
      B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),
      B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),
      B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000),
      /* ____1101 */ B(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE),
      /* ____111_ */ B(CARRY | TOO_LARGE | TOO_LARGE_1000), B(CARRY | TOO_LARGE | TOO_LARGE_1000));
  /* By the high nibble of the second byte. */
  const __m128i second_high = _mm_setr_epi8(
      /* 0_______ */ B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT),
      B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT),
      /* 1000____ */ B(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
      /* 1001____ */ B(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
      /* 101_____ */ B(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
      B(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
      /* 11______ */ B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT), B(TOO_SHORT));
  const __m128i nibble = _mm_set1_epi8(0x0F);

  __m128i prev1 = _mm_alignr_epi8(input, prev, 15); /* the byte before each byte */
  __m128i special = _mm_and_si128(
      _mm_and_si128(_mm_shuffle_epi8(first_high, _mm_and_si128(_mm_srli_epi16(prev1, 4), nibble)),
                    _mm_shuffle_epi8(first_low, _mm_and_si128(prev1, nibble))),
      _mm_shuffle_epi8(second_high, _mm_and_si128(_mm_srli_epi16(input, 4), nibble)));

  /* A continuation is required where the byte two before is 111_____ or
  ** the byte three before is 1111____: the saturating subtractions leave
  ** the high bit set exactly there. */
  __m128i prev2 = _mm_alignr_epi8(input, prev, 14), prev3 = _mm_alignr_epi8(input, prev, 13);
  __m128i must = _mm_or_si128(_mm_subs_epu8(prev2, _mm_set1_epi8(B(0xE0 - 0x80))),
                              _mm_subs_epu8(prev3, _mm_set1_epi8(B(0xF0 - 0x80))));
  __m128i error = _mm_xor_si128(_mm_and_si128(must, _mm_set1_epi8(B(0x80))), special);

  /* Form feed and vertical tab, which yajl would take for blanks. */
  __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(input, _mm_set1_epi8('\f')), _mm_cmpeq_epi8(input, _mm_set1_epi8('\v')));
  return _mm_or_si128(error, blank);
}

/* Whether text[0..len) is good, sixteen bytes at a time. */
__attribute__((target("ssse3"))) static int all_good_ssse3(const unsigned char *s, size_t len) {
  __m128i prev = _mm_setzero_si128(), error = _mm_setzero_si128();
  size_t i = 0;
  for (; len - i >= 16; i += 16) {
    __m128i input = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    error = _mm_or_si128(error, check_block(input, prev));
    prev = input;
  }
  /* The last 0 to 15 bytes, padded with zeros: at least one, so that a
  ** character begun at the end of the text, here or in the block before,
  ** runs into a zero and is TOO_SHORT. */
  unsigned char tail[16] = {0};
  memcpy(tail, s + i, len - i);
  error = _mm_or_si128(error, check_block(_mm_loadu_si128((const __m128i *)(const void *)tail), prev));
  return _mm_movemask_epi8(_mm_cmpeq_epi8(error, _mm_setzero_si128())) == 0xFFFF;
}
#endif

int rb_utf8_simd(void) {
#ifdef RB_UTF8_SSSE3
  return __builtin_cpu_supports("ssse3") ? 1 : 0;
#else
  return 0;
#endif
}

size_t rb_utf8_first_bad(const char *text, size_t len) {
#ifdef RB_UTF8_SSSE3
  if (__builtin_cpu_supports("ssse3") && all_good_ssse3((const unsigned char *)text, len)) return len;
#endif
  return rb_utf8_first_bad_scalar(text, len);
}
