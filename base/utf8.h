/*
** utf8.h — UTF-8, once: decoding, checking, counting and the width of a
** character in a terminal.
**
** rubric's text is UTF-8 everywhere — rubric sources, reports, results.
** Every part of the project that looks inside a text (the diagnostics'
** carets, the result tables' columns, the notation scanner, the report
** readers, "did you mean" hints, len()) does it through this module, so a
** character is the same thing to all of them and has one width.
**
** Well-formed means RFC 3629: no stray or missing continuation byte, no
** overlong form, no encoded surrogate, nothing above U+10FFFF.  A NUL byte is
** well-formed; whether it is allowed is the caller's business.  (The JSON
** reader's fast pre-scan, report/utf8_check.c, checks the same rule sixteen
** bytes at a time and is tested against rb_utf8_valid_length.)
*/
#ifndef RUBRIC_UTF8_H
#define RUBRIC_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The length of the well-formed UTF-8 sequence at s[0..n), or 0 when the
** bytes there are not one (n must be at least 1). */
size_t rb_utf8_sequence_length(const unsigned char *s, size_t n);

/* Decode the character at s[*i] (s has len bytes) and advance *i past it.
** A byte that does not start a well-formed sequence is consumed on its own
** and gives -1. */
int32_t rb_utf8_next(const char *s, size_t len, size_t *i);

/* The length of the longest well-formed prefix of text[0..len): len when the
** whole text is well-formed. */
size_t rb_utf8_valid_length(const char *text, size_t len);

/* The number of characters in s[0..len) (a malformed byte counts one). */
size_t rb_utf8_count(const char *s, size_t len);

/* The length of s[0..len) cut to at most max bytes without splitting a
** character. */
size_t rb_utf8_cut(const char *s, size_t len, size_t max);

/* The length of text[0..len) without a last character cut short (a text
** truncated at a byte count, by snprintf): the whole length when it ends with
** a complete character. */
size_t rb_utf8_complete(const char *text, size_t len);

/* The byte length of the white space at s[0..n): ASCII blanks and line
** breaks, NO-BREAK SPACE (U+00A0) and the ideographic space (U+3000, 全角
** 空格) that Chinese documents use; 0 when s does not start with one.
** (vm/builtins.c, space_lead, lists the bytes these begin with.) */
size_t rb_utf8_space_at(const unsigned char *s, size_t n);

/* Whether text[0..len) holds a CJK ideograph (U+3400–U+4DBF, U+4E00–U+9FFF,
** U+F900–U+FAFF, U+20000–U+3134F). */
bool rb_utf8_has_ideograph(const char *text, size_t len);

/* The number of terminal columns a character takes: 2 for the East Asian
** Wide and Fullwidth ranges (汉字, 、。（）, full-width digits, Hangul, Kana,
** common emoji), 0 for combining marks, zero-width characters and controls,
** 1 otherwise (and for -1, a malformed byte shown as one replacement glyph).
** Ambiguous-width characters (≥ · ›) count 1, as terminals outside a CJK
** locale show them. */
int rb_utf8_width(int32_t cp);

/* The display width of a NUL-terminated UTF-8 string (NULL is 0). */
size_t rb_utf8_display_width(const char *s);

/* Write the UTF-8 of code point cp (below 0x110000, not a surrogate) at
** out, which has room for 4 bytes; returns its length (1 to 4). */
size_t rb_utf8_put(char *out, uint32_t cp);

#endif /* RUBRIC_UTF8_H */
