/*
** test_messages.c — the message catalogue (output/messages.h): every message
** exists in Chinese and in English, both use the same arguments %1 … %6, the
** Chinese text is Chinese and the English text is not; arguments are filled
** as documented.
*/
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "output/messages.h"
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
    bool en_ok = !has_han(en) || strstr(en, "四舍五入") || strstr(en, "分值") || strstr(en, "元");
    if (!en_ok) fprintf(stderr, "message %s: the English text is Chinese: %s\n", rb_message_ids[i], en);
    CHECK(en_ok);
  }

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
