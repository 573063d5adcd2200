/*
** messages.c — the message catalogue (messages.h).
*/
#include "base/messages.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/messages_en.h"
#include "base/messages_zh.h"
#include "base/strmap.h"

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

const char *const rb_messages_zh[][2] = {
#define ZH(zh, en) {zh, en},
    RB_MESSAGES_ZH(ZH)
#undef ZH
    {NULL, NULL}};
const size_t rb_messages_zh_count = sizeof rb_messages_zh / sizeof rb_messages_zh[0] - 1;

const char *const rb_messages_en[][2] = {
#define EN(en, zh) {en, zh},
    RB_MESSAGES_EN(EN)
#undef EN
    {NULL, NULL}};
const size_t rb_messages_en_count = sizeof rb_messages_en / sizeof rb_messages_en[0] - 1;

const char *const rb_texts_en[][2] = {
#define ENT(en, zh) {en, zh},
    RB_TEXTS_EN(ENT)
#undef ENT
    {NULL, NULL}};
const size_t rb_texts_en_count = sizeof rb_texts_en / sizeof rb_texts_en[0] - 1;

/* Each list by its source text (the value: the entry's index + 1), built
** once (batch threads share them).  A map that could not be built (out of
** memory) leaves formats untranslated. */
static rb_strmap by_zh, by_en, by_en_text;
static pthread_once_t maps_once = PTHREAD_ONCE_INIT;

static void build_maps(void) {
  for (size_t i = 0; i < rb_messages_zh_count; i++)
    if (!rb_strmap_put(&by_zh, rb_messages_zh[i][0], (void *)(uintptr_t)(i + 1), NULL)) break;
  for (size_t i = 0; i < rb_messages_en_count; i++)
    if (!rb_strmap_put(&by_en, rb_messages_en[i][0], (void *)(uintptr_t)(i + 1), NULL)) break;
  for (size_t i = 0; i < rb_texts_en_count; i++)
    if (!rb_strmap_put(&by_en_text, rb_texts_en[i][0], (void *)(uintptr_t)(i + 1), NULL)) break;
}

static const char *translate(const rb_strmap *map, const char *const (*list)[2], const char *fmt) {
  pthread_once(&maps_once, build_maps);
  uintptr_t i = (uintptr_t)rb_strmap_get(map, fmt);
  return i ? list[i - 1][1] : fmt;
}

const char *rb_from_zh(rb_lang lang, const char *fmt) {
  return lang == RB_LANG_EN ? translate(&by_zh, rb_messages_zh, fmt) : fmt;
}

const char *rb_from_en(rb_lang lang, const char *fmt) {
  return lang == RB_LANG_ZH ? translate(&by_en, rb_messages_en, fmt) : fmt;
}

const char *rb_text_from_en(rb_lang lang, const char *text) {
  return lang == RB_LANG_ZH && text ? translate(&by_en_text, rb_texts_en, text) : text;
}

const char *rb_strerror_lang(rb_lang lang, int e) {
  if (lang == RB_LANG_ZH) {
    switch (e) {
    case ENOENT: return "没有这个文件或文件夹";
    case EACCES: return "没有权限";
    case EPERM: return "不允许的操作";
    case EISDIR: return "这是文件夹";
    case ENOTDIR: return "路径中有一段不是文件夹";
    case ENOSPC: return "磁盘空间不足";
    case EROFS: return "文件系统只读";
    case ENAMETOOLONG: return "文件名过长";
    case ENOMEM: return "内存不足";
    default: break;
    }
  }
  return strerror(e);
}

rb_lang rb_diag_lang_of(const char *locale) {
  return locale && strncmp(locale, "zh", 2) == 0 ? RB_LANG_ZH : RB_LANG_EN;
}

rb_lang rb_diag_lang_from_env(void) {
  static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return rb_diag_lang_of(v);
  }
  return RB_LANG_EN;
}

rb_lang rb_lang_from_env(void) {
  static const char *const names[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = getenv(names[i]);
    if (v && *v) return strncmp(v, "en", 2) == 0 ? RB_LANG_EN : RB_LANG_ZH;
  }
  return RB_LANG_ZH;
}
