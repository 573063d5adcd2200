/*
** utf8_check.h — where a text stops being strict UTF-8 (the JSON reader's
** pre-scan, report/json_tree.c).
*/
#ifndef RUBRIC_UTF8_CHECK_H
#define RUBRIC_UTF8_CHECK_H

#include <stddef.h>

/* The offset of the first byte of text[0..len) that no strict JSON text can
** hold anywhere: the start of a sequence that is not strict UTF-8 (a stray
** or missing continuation byte, an overlong form, an encoded surrogate,
** beyond U+10FFFF), or a form feed or vertical tab; len when there is none.
** Uses SIMD instructions where the processor has them. */
size_t rb_utf8_first_bad(const char *text, size_t len);

/* The same, byte by byte: the reference the SIMD path is tested against,
** and what finds the exact offset once the SIMD path has seen an error. */
size_t rb_utf8_first_bad_scalar(const char *text, size_t len);

/* Whether rb_utf8_first_bad uses SIMD instructions on this machine. */
int rb_utf8_simd(void);

#endif /* RUBRIC_UTF8_CHECK_H */
