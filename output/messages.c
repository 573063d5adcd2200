/*
** messages.c — the message catalogue (messages.h).
*/
#include "output/messages.h"

#include <stdlib.h>
#include <string.h>

const char *const rb_messages[RB_MSG_COUNT][RB_LANG_COUNT] = {
#define X(id, zh, en) {zh, en},
    RB_MESSAGES(X)
#undef X
};

const char *const rb_message_ids[RB_MSG_COUNT] = {
#define X(id, zh, en) #id,
    RB_MESSAGES(X)
#undef X
};

const char *rb_msg(rb_lang lang, rb_msg_id id) {
  if ((unsigned)lang >= RB_LANG_COUNT) lang = RB_LANG_ZH;
  return (unsigned)id < RB_MSG_COUNT ? rb_messages[id][lang] : "";
}

void rb_msg_write(FILE *out, rb_lang lang, rb_msg_id id, const char *const *args, size_t count) {
  const char *s = rb_msg(lang, id);
  while (*s) {
    const char *pct = strchr(s, '%');
    if (!pct) {
      fputs(s, out);
      break;
    }
    fwrite(s, 1, (size_t)(pct - s), out);
    if (pct[1] >= '1' && pct[1] <= '4') {
      size_t k = (size_t)(pct[1] - '1');
      if (k < count && args[k]) fputs(args[k], out);
      s = pct + 2;
    } else {
      fputc('%', out);
      s = pct + 1;
    }
  }
}

rb_lang rb_lang_from_env(void) {
  static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return strncmp(v, "en", 2) == 0 ? RB_LANG_EN : RB_LANG_ZH;
  }
  return RB_LANG_ZH;
}
