/*
** text_encoding.h — text that is not UTF-8: files saved in GBK.
**
** rubric reads and writes UTF-8 everywhere.  Offices on Chinese Windows
** often save files in the legacy code page instead: Excel's plain "CSV",
** Notepad's "ANSI", many exported JSON files.  That code page is GBK, and
** GB18030 (the national standard) is a superset of it and of GB2312, so one
** conversion from GB18030 reads all three.  This module is the one place
** where rubric converts: the report readers (report/) use it for JSON, JSON
** Lines and CSV reports, and the compiler for .rubric sources.
**
** The rule, the same for every caller: text that is valid UTF-8 is UTF-8.
** Text that is not is converted from GB18030 as a whole; it is read as
** GB18030 only if the whole conversion succeeds and the result holds at
** least one Chinese character (a CJK ideograph), and the caller then says
** so to the user.  Anything else is refused with one message.
**
** Why that is safe.  GBK text is almost never valid UTF-8 (its Chinese is
** pairs of bytes ≥ 0x81 whose second byte is seldom a UTF-8 continuation).
** The other way round, a UTF-8 file damaged by one stray byte almost never
** converts as GB18030: UTF-8 Chinese is three bytes a character, so a run of
** an odd number of characters leaves a lead byte before an ASCII quote or
** comma, which GB18030 refuses.  And Latin-1 or binary data rarely passes
** both tests (a whole conversion without error and an ideograph in it).
**
** The conversion is glibc's iconv (iconv_open("UTF-8", "GB18030")), opened
** per call: no state is kept between calls, so threads may convert at once.
*/
#ifndef RUBRIC_TEXT_ENCODING_H
#define RUBRIC_TEXT_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

/* What became of a conversion. */
typedef enum rb_gb18030_status {
  RB_GB18030_OK,          /* *out holds the text in UTF-8 */
  RB_GB18030_NOT,         /* not GB18030 text: a byte sequence GB18030 does
                          ** not define, a character cut off at the end, or
                          ** no Chinese character at all */
  RB_GB18030_UNAVAILABLE, /* this system's iconv cannot convert from GB18030 */
  RB_GB18030_NOMEM
} rb_gb18030_status;

/* Convert len bytes of GB18030 (GBK, GB2312) text to UTF-8.  On
** RB_GB18030_OK *out is a malloc'd, NUL-terminated UTF-8 text of *out_len
** bytes (not counting the NUL) that the caller frees, and it holds at least
** one CJK ideograph; otherwise *out is NULL.  Characters map one to one, so
** line numbers and character columns are the same in both texts.  A NUL
** byte in the input is a NUL in the output. */
rb_gb18030_status rb_text_from_gb18030(const char *text, size_t len, char **out, size_t *out_len);

#endif /* RUBRIC_TEXT_ENCODING_H */
