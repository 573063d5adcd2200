/*
** notation.h — reading a target or an actual written as text.
**
** Indicator tables state targets and actuals as Chinese text: "110次以上",
** "≥90%", "1.93 亿元", "2024年4月1日前", "90%-100%", "对比上年有增长".
** rb_notation_read turns such a text into an rb_measure (report/measure.h):
** what kind of value it is, the comparator written with it, the number in
** a fixed scale (money in 元), and the unit.  Text that is not one of the
** forms below is kind TEXT: reading never fails on bad input.  The forms
** and their readings are documented for users in docs/notation.md.
**
** The work is split in two: report/notation_scan.l (Flex) cuts the text into
** tokens, report/notation.c assembles tokens into a measure.
*/
#ifndef RUBRIC_NOTATION_H
#define RUBRIC_NOTATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/arena.h"
#include "report/measure.h"
#include "base/num.h"

/* Read len bytes of text (UTF-8; need not be NUL-terminated; any bytes,
** NULs included, are accepted) into *out.  Strings in *out are allocated in
** arena or are static; numbers belong to nums.  `year` is the report's year,
** used by dates written without one ("12月31日前", "年底前"); 0 when unknown,
** and then such a date reads as TEXT.  Returns false only when out of
** memory, and *out is then unspecified.
**
** This convenience form sets up a reader for the one call; code that reads
** many values (a report reader, batch) keeps an rb_notation_reader. */
bool rb_notation_read(rb_numctx *nums, rb_arena *arena, const char *text, size_t len, int year,
                      rb_measure *out);

/* A reader: the Flex scanner and the scratch buffers that reading a value
** needs, set up once and reused call after call, so that reading a value
** allocates nothing but its strings in the arena (and any big number in
** nums); buffers grown for a long text are given back after it.  It also
** remembers the readings of texts it met more than once (a bounded memo of
** a few thousand, about 680 KiB, made on first use), and gives a text read
** again a copy of its reading, with fresh strings in the arena passed: so
** rb_notation_read_with gives exactly what rb_notation_read gives, whatever
** was read before and with whatever nums, arena and year.  Not for use by
** two threads at once; one per report (kept from report to report). */
typedef struct rb_notation_reader rb_notation_reader;

/* A new reader, or NULL when out of memory. */
rb_notation_reader *rb_notation_reader_new(void);
/* Free a reader (NULL is fine).  Measures it produced stay valid: they live
** in their arena and nums. */
void rb_notation_reader_free(rb_notation_reader *rd);
/* rb_notation_read through reader rd; same arguments, result and contract. */
bool rb_notation_read_with(rb_notation_reader *rd, rb_numctx *nums, rb_arena *arena, const char *text,
                           size_t len, int year, rb_measure *out);
/* rb_notation_read_with for a text that stays: text[len] is '\0' and the
** text lives as long as arena's strings do (a report reader's text in the
** report's arena).  The measure is the same, but its text (and a unit that
** ends it) may be the text itself, trimmed at its start, rather than a
** copy. */
bool rb_notation_read_kept(rb_notation_reader *rd, rb_numctx *nums, rb_arena *arena, const char *text,
                           size_t len, int year, rb_measure *out);
/* Turn the reader's shortcut for plain values ("100%", "≥90%", "0次": read
** straight from the bytes, past the scanner) on (the default) or off.  The
** results are the same either way; tests compare the two routes. */
void rb_notation_reader_use_shortcuts(rb_notation_reader *rd, bool on);

/* How many readings rd gave from its memo, for tests and profiles. */
size_t rb_notation_reader_memo_hits(const rb_notation_reader *rd);

/* Write m as the one-line JSON object printed by `rubric value`, without a
** newline:
**   {"text": "1.93 亿元", "kind": "money", "cmp": null, "value": "193000000", "unit": "元"}
** Ranges have "low" and "high" between "value" and "unit", then
** "range_kind"; "approx": true follows when 约 was written. */
void rb_measure_write_json(FILE *out, const rb_measure *m);

/* ---- Scanner interface: for notation_scan.l and notation.c only --------------- */
#ifdef RB_NOTATION_SCANNER
#include <setjmp.h>

/* The tokens of notation_scan.l.  "sub" is the comparator for NT_CMP, NT_SUFFIX,
** NT_DATE_SUFFIX and NT_MORE, the power of ten for NT_MULT and NT_MONEY, the
** half or quarter for NT_HALF and NT_QUARTER, 1/0 for NT_BOOL. */
#define RB_NOTATION_TOKENS(X)                                                 \
  X(NT_EOF)           /* end of text (Flex returns 0)                  */     \
  X(NT_NUM)           /* 1,000.5  １２  (no sign)                        */     \
  X(NT_DOTTED)        /* 2024.4.1                                        */     \
  X(NT_PLUS)          /* + ＋                                            */     \
  X(NT_DASH)          /* - － −: a sign or a range dash                  */     \
  X(NT_RANGE)         /* – — ～ ~ 至 到: a range dash only              */     \
  X(NT_PLUSMINUS)     /* ±                                               */     \
  X(NT_BETWEEN)       /* 之间 after a range                             */     \
  X(NT_PERCENT)       /* % ％ 百分比                                     */     \
  X(NT_PERMILLE)      /* ‰                                               */     \
  X(NT_CMP)           /* ≥ ﹥﹦ 不低于 超过 …, before the value         */     \
  X(NT_SUFFIX)        /* 以上 以下 以内 …, after the value             */     \
  X(NT_DATE_SUFFIX)   /* 前 之前 以前 后 之后 以后, after a date      */     \
  X(NT_INCLUSIVE)     /* （含） (含): the bound is included              */     \
  X(NT_APPROX)        /* 约 大约 近                                     */     \
  X(NT_APPROX_SUFFIX) /* 左右                                            */     \
  X(NT_MORE)          /* 余 多: "50余人"                                */     \
  X(NT_LABEL)         /* 共 共计 合计 累计 总计                         */     \
  X(NT_DONE)          /* 完成, after a deadline                          */     \
  X(NT_YEAR)          /* 年                                              */     \
  X(NT_MONTH)         /* 月                                              */     \
  X(NT_DAY)           /* 日 号                                           */     \
  X(NT_YEAR_END)      /* 年底 年末 今年底 …                             */     \
  X(NT_YEAR_WITHIN)   /* 年内 年度内 …                                  */     \
  X(NT_YEAR_MID)      /* 年中                                            */     \
  X(NT_END)           /* 底 末: "6月底", "一季度末"                     */     \
  X(NT_HALF)          /* 上半年 下半年                                   */     \
  X(NT_QUARTER)       /* 第一季度 一季度 第1季度                         */     \
  X(NT_MULT)          /* 万 亿                                           */     \
  X(NT_MONEY)         /* 元 千元 百万元 千万元 万亿元 (万元 is 万 + 元) */     \
  X(NT_SLASH)         /* / ／ in a compound unit                         */     \
  X(NT_BOOL)          /* 是 有 / 否 无                                   */     \
  X(NT_UNIT)          /* any other ideograph, Latin letters, ㎡ ²       */     \
  X(NT_OTHER)         /* anything else: the text is TEXT                 */

typedef enum rb_notation_token {
#define X(name) name,
  RB_NOTATION_TOKENS(X)
#undef X
  NT_COUNT
} rb_notation_token;

/* The scanner's extra data: the sub value and the byte length of the last
** token, and where to jump when Flex runs out of memory. */
typedef struct rb_notation_scan {
  int sub_value;
  size_t length;
  jmp_buf on_fatal;
} rb_notation_scan;

/* Called by Flex's YY_FATAL_ERROR; longjmps to scan->on_fatal. */
_Noreturn void rb_notation_scan_fail(rb_notation_scan *scan);

/* Make the next rb_notation_yylex calls of `scanner` (a yyscan_t) read
** text[0..len), which must be followed by two NUL bytes (Flex's end of
** buffer) and stay in place (Flex writes into it) until its last token is
** read.  Allocates only on the scanner's first text, and may then longjmp
** to on_fatal. */
void rb_notation_scan_text(void *scanner, char *text, size_t len);
#endif /* RB_NOTATION_SCANNER */

#endif /* RUBRIC_NOTATION_H */
