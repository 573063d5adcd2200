/*
** test_messages.c — the message catalogue (base/messages.h): every message
** exists in Chinese and in English, both use the same arguments %1 … %6, the
** Chinese text is Chinese and the English text is not; arguments are filled
** as documented.
*/
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/messages.h"
#include "tests/check.h"

/* The set of arguments %1 … %6 a text uses, as bits. */
static unsigned args_of(const char *s) {
  unsigned bits = 0;
  for (; *s; s++)
    if (s[0] == '%' && s[1] >= '1' && s[1] <= '6') bits |= 1u << (s[1] - '1');
  return bits;
}

/* Whether a text has a Chinese character (U+4E00–U+9FFF: three UTF-8 bytes
** starting E4–E9), or, with punct, Chinese punctuation too (U+3000–U+303F
** 「」、, and the full-width forms U+FF00–U+FFEF ：（）). */
static bool has_chinese(const char *s, bool punct) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) return true;
    if (punct && ((p[0] == 0xE3 && p[1] == 0x80) || (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD)))) return true;
  }
  return false;
}
static bool has_han(const char *s) { return has_chinese(s, false); }

/* Whether English text is English: Chinese characters only inside ASCII
** brackets, where it names an official term ("weight (分值)", "rounded half
** up (四舍五入)"), or in the unit 元. */
static bool english_ok(const char *s) {
  int depth = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '(') depth++;
    else if (*p == ')' && depth > 0) depth--;
    else if (depth == 0 && *p >= 0xE4 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
             strncmp((const char *)p, "元", 3) != 0)
      return false;
  }
  return true;
}

/* The conversions of a printf format, argument by argument: conv[k] is the
** text of the conversion that takes argument k+1 ("zu", "s", "d" for a '*'),
** "" when none does.  Numbered (%2$s) and sequential conversions may not be
** mixed.  False when the format is malformed. */
enum { MAX_CONV = 16 };
typedef struct convs {
  char conv[MAX_CONV][8];
  int count;
} convs;

static bool put_conv(convs *c, int k, const char *text, size_t len) {
  if (k < 0 || k >= MAX_CONV || len >= sizeof c->conv[0] || c->conv[k][0]) return false;
  memcpy(c->conv[k], text, len);
  c->conv[k][len] = '\0';
  if (k + 1 > c->count) c->count = k + 1;
  return true;
}

static bool conversions(const char *s, convs *c) {
  memset(c, 0, sizeof *c);
  int next = 0, numbered = -1; /* -1: not known yet, 0: sequential, 1: numbered */
  while ((s = strchr(s, '%')) != NULL) {
    s++;
    if (*s == '%') {
      s++;
      continue;
    }
    int pos = -1;
    const char *d = s;
    while (*d >= '0' && *d <= '9') d++;
    if (*d == '$' && d > s) {
      pos = atoi(s) - 1;
      s = d + 1;
    }
    if (numbered == -1) numbered = pos >= 0;
    if (numbered != (pos >= 0)) return false;
    s += strspn(s, "-+ #0'");
    if (*s == '*') {
      if (numbered || !put_conv(c, next++, "d", 1)) return false;
      s++;
    }
    s += strspn(s, "0123456789");
    if (*s == '.') {
      s++;
      if (*s == '*') {
        if (numbered || !put_conv(c, next++, "d", 1)) return false;
        s++;
      }
      s += strspn(s, "0123456789");
    }
    const char *start = s;
    s += strspn(s, "hljztL");
    if (!*s || !strchr("diouxXeEfFgGaAcspn", *s)) return false;
    s++;
    if (!put_conv(c, numbered ? pos : next++, start, (size_t)(s - start))) return false;
  }
  for (int k = 0; k < c->count; k++)
    if (!c->conv[k][0]) return false; /* a numbered format skipping an argument */
  return true;
}

/* One printf entry: both formats well formed, converting the same
** arguments the same way; the Chinese one Chinese, the English one not. */
static void check_printf_entry(const char *written, const char *translation, bool written_in_zh) {
  convs a, b;
  bool ok = written && translation && translation[0] && conversions(written, &a) && conversions(translation, &b) &&
            a.count == b.count && memcmp(a.conv, b.conv, sizeof a.conv) == 0;
  if (!ok) fprintf(stderr, "printf entry \"%s\": the translation \"%s\" converts other arguments\n", written,
                   translation ? translation : "(null)");
  CHECK(ok);
  const char *zh = written_in_zh ? written : translation, *en = written_in_zh ? translation : written;
  bool zh_ok = has_chinese(zh, true), en_ok = !has_han(en) || english_ok(en) || strstr(en, "分值");
  if (!zh_ok) fprintf(stderr, "printf entry \"%s\": the Chinese text has no Chinese\n", written);
  if (!en_ok) fprintf(stderr, "printf entry \"%s\": the English text is Chinese\n", written);
  CHECK(zh_ok && en_ok);
}

int main(void) {
  for (int i = 0; i < RB_MSG_COUNT; i++) {
    const char *zh = rb_messages[i][RB_LANG_ZH], *en = rb_messages[i][RB_LANG_EN];
    bool both = zh && en && zh[0] && en[0];
    if (!both) fprintf(stderr, "message %s lacks a language\n", rb_message_ids[i]);
    CHECK(both);
    if (!both) continue;
    if (args_of(zh) != args_of(en)) fprintf(stderr, "message %s: the languages use other arguments\n", rb_message_ids[i]);
    CHECK(args_of(zh) == args_of(en));
    /* Chinese text is in Chinese; the English may quote a Chinese term in brackets (四舍五入) or a unit (元). */
    bool zh_ok = has_chinese(zh, true) || strspn(zh, "%123456 /=×·→—") == strlen(zh);
    if (!zh_ok) fprintf(stderr, "message %s: the Chinese text has no Chinese: %s\n", rb_message_ids[i], zh);
    CHECK(zh_ok);
    bool en_ok = !has_han(en) || english_ok(en) || strstr(en, "分值");
    if (!en_ok) fprintf(stderr, "message %s: the English text is Chinese: %s\n", rb_message_ids[i], en);
    CHECK(en_ok);
  }

  /* The printf entries: each written format once, each translated with the same conversions. */
  for (size_t i = 0; i < rb_messages_zh_count; i++) {
    check_printf_entry(rb_messages_zh[i][0], rb_messages_zh[i][1], true);
    for (size_t j = 0; j < i; j++) CHECK(strcmp(rb_messages_zh[i][0], rb_messages_zh[j][0]) != 0);
    CHECK(rb_from_zh(RB_LANG_EN, rb_messages_zh[i][0]) == rb_messages_zh[i][1] ||
          strcmp(rb_from_zh(RB_LANG_EN, rb_messages_zh[i][0]), rb_messages_zh[i][1]) == 0);
    CHECK(rb_from_zh(RB_LANG_ZH, rb_messages_zh[i][0]) == rb_messages_zh[i][0]);
  }
  for (size_t i = 0; i < rb_messages_en_count; i++) {
    check_printf_entry(rb_messages_en[i][0], rb_messages_en[i][1], false);
    for (size_t j = 0; j < i; j++) CHECK(strcmp(rb_messages_en[i][0], rb_messages_en[j][0]) != 0);
    CHECK(strcmp(rb_from_en(RB_LANG_ZH, rb_messages_en[i][0]), rb_messages_en[i][1]) == 0);
    CHECK(rb_from_en(RB_LANG_EN, rb_messages_en[i][0]) == rb_messages_en[i][0]);
  }
  /* The plain texts written in English (hints): each once, translated into Chinese. */
  for (size_t i = 0; i < rb_texts_en_count; i++) {
    const char *en = rb_texts_en[i][0], *zh = rb_texts_en[i][1];
    bool ok = en && zh && zh[0] && has_chinese(zh, true);
    if (!ok) fprintf(stderr, "text \"%s\": the translation \"%s\" is not Chinese\n", en ? en : "(null)", zh ? zh : "(null)");
    CHECK(ok);
    for (size_t j = 0; j < i; j++) CHECK(strcmp(rb_texts_en[i][0], rb_texts_en[j][0]) != 0);
    CHECK(strcmp(rb_text_from_en(RB_LANG_ZH, en), zh) == 0 && rb_text_from_en(RB_LANG_EN, en) == en);
  }
  /* The language of diagnostics: Chinese only for a locale that starts with zh. */
  CHECK(rb_diag_lang_of("zh_CN.UTF-8") == RB_LANG_ZH && rb_diag_lang_of("zh") == RB_LANG_ZH);
  CHECK(rb_diag_lang_of("C.UTF-8") == RB_LANG_EN && rb_diag_lang_of("en_US") == RB_LANG_EN &&
        rb_diag_lang_of(NULL) == RB_LANG_EN && rb_diag_lang_of("") == RB_LANG_EN);

  /* The checker of conversions itself. */
  convs c1, c2;
  CHECK(conversions("%s：得 %s 分，共 %zu 项，%.*s %%", &c1) && c1.count == 5);
  CHECK(strcmp(c1.conv[2], "zu") == 0 && strcmp(c1.conv[3], "d") == 0 && strcmp(c1.conv[4], "s") == 0);
  CHECK(conversions("%2$s has %1$zu", &c2) && c2.count == 2 && strcmp(c2.conv[0], "zu") == 0);
  CHECK(!conversions("%1$s and %s", &c1));
  CHECK(!conversions("%2$s only", &c1));
  CHECK(!conversions("%q", &c1));
  /* A format not in the catalogue is itself in either language. */
  const char *unknown = "not in the catalogue %s";
  CHECK(rb_from_en(RB_LANG_ZH, unknown) == unknown && rb_from_zh(RB_LANG_EN, unknown) == unknown);

  /* Filling: %1 … %4, a missing argument is nothing, a lone % is itself. */
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  const char *args[] = {"40", "11", "3.636363…"};
  rb_msg_write(f, RB_LANG_ZH, RB_MSG_EX_SPLIT_DIV, args, 3);
  fputc('|', f);
  rb_msg_write(f, RB_LANG_EN, RB_MSG_EX_TIER_2, NULL, 0);
  fputc('|', f);
  rb_msg_write(f, RB_LANG_EN, RB_MSG_EX_LOST, NULL, 0);
  fclose(f);
  CHECK_STR(buf, "40 / 11 = 3.636363…|partly achieved with some effect (60%–80%)|points lost ");
  free(buf);

  CHECK_STR(rb_msg(RB_LANG_ZH, RB_MSG_RD_HALF_UP), "四舍五入");
  CHECK_STR(rb_msg(RB_LANG_EN, RB_MSG_HT_TOTAL), "total");

  /* The language from the environment. */
  unsetenv("LC_ALL");
  unsetenv("LC_MESSAGES");
  unsetenv("LANG");
  CHECK(rb_lang_from_env() == RB_LANG_ZH);
  setenv("LANG", "en_GB.UTF-8", 1);
  CHECK(rb_lang_from_env() == RB_LANG_EN);
  setenv("LC_MESSAGES", "zh_CN.UTF-8", 1);
  CHECK(rb_lang_from_env() == RB_LANG_ZH);
  setenv("LC_ALL", "en_US.UTF-8", 1);
  CHECK(rb_lang_from_env() == RB_LANG_EN);
  setenv("LC_ALL", "", 1); /* empty: not set */
  CHECK(rb_lang_from_env() == RB_LANG_ZH);
  setenv("LC_ALL", "C.UTF-8", 1);
  CHECK(rb_lang_from_env() == RB_LANG_ZH);
  return check_done();
}
