/*
** text.c — the input as lines and words, and the small text tools every part
** of the importer uses (growable strings, notes, quoting).
**
** Positions matter more here than anywhere else in rubric: a table laid out
** by `pdftotext -layout` is only a table through the columns its words stand
** at.  pdftotext writes one character per column whatever its width and pads
** with spaces to where the next piece of text stood on the page, so a word's
** character column is roughly its place; imp_words gives it with each word.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

bool imp_str_add(imp_ctx *cx, imp_str *s, const char *text, size_t len) {
  if (s->len + len + 1 > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 32;
    while (cap < s->len + len + 1) cap *= 2;
    char *bigger = rb_arena_alloc(&cx->arena, cap);
    if (!bigger) {
      cx->nomem = true;
      return false;
    }
    if (s->len) memcpy(bigger, s->s, s->len);
    s->s = bigger;
    s->cap = cap;
  }
  memcpy(s->s + s->len, text, len);
  s->len += len;
  s->s[s->len] = '\0';
  return true;
}

static bool ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool imp_str_join(imp_ctx *cx, imp_str *s, const char *text, size_t len) {
  imp_trim(&text, &len);
  if (len == 0) return true;
  if (s->len > 0 && ascii_alnum((unsigned char)s->s[s->len - 1]) && ascii_alnum((unsigned char)text[0]) &&
      !imp_str_add(cx, s, " ", 1))
    return false;
  return imp_str_add(cx, s, text, len);
}

char *imp_strndup(imp_ctx *cx, const char *s, size_t len) {
  char *copy = rb_arena_strndup(&cx->arena, s, len);
  if (!copy) cx->nomem = true;
  return copy;
}

char *imp_printf(imp_ctx *cx, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *out = rb_arena_vprintf(&cx->arena, fmt, ap);
  va_end(ap);
  if (!out) cx->nomem = true;
  return out;
}

/* Lines end at LF, CRLF or a lone CR.  A form feed (pdftotext writes one at
** the end of every page) starts a new page and is not part of any line. */
bool imp_split_lines(imp_ctx *cx, const char *text, size_t len) {
  size_t room = 64, count = 0;
  int page = 1;
  bool pages = memchr(text, '\f', len) != NULL;
  imp_line *lines = malloc(room * sizeof *lines);
  if (!lines) return false;
  size_t i = 0;
  int number = 1;
  while (i <= len) {
    size_t start = i;
    while (i < len && text[i] != '\n' && text[i] != '\r') i++;
    if (i == len && start == len) break; /* no empty line after the last break */
    const char *t = text + start;
    size_t n = i - start;
    /* A form feed at the start of a line: the line is on the next page. */
    while (n > 0 && t[0] == '\f') {
      page++;
      t++;
      n--;
    }
    if (count == room) {
      imp_line *bigger = realloc(lines, room * 2 * sizeof *lines);
      if (!bigger) {
        free(lines);
        return false;
      }
      lines = bigger;
      room *= 2;
    }
    lines[count++] = (imp_line){.text = t, .len = n, .number = number, .page = pages ? page : 0};
    /* A form feed inside or at the end of a line counts for the next line. */
    for (size_t k = 0; k < n; k++)
      if (t[k] == '\f') page++;
    if (i < len && text[i] == '\r' && i + 1 < len && text[i + 1] == '\n') i++;
    i++;
    number++;
  }
  cx->lines = rb_arena_alloc(&cx->arena, (count ? count : 1) * sizeof *lines);
  if (cx->lines) memcpy(cx->lines, lines, count * sizeof *lines);
  free(lines);
  cx->line_count = count;
  cx->has_pages = pages;
  return cx->lines != NULL;
}

/* The length of a space at s[0..n): ASCII space, tab, form feed, U+3000 or
** U+00A0; 0 if none. */
static size_t space_at(const char *s, size_t n) {
  if (n >= 1 && (s[0] == '\f' || s[0] == '\v')) return 1;
  return rb_utf8_space_at((const unsigned char *)s, n);
}

size_t imp_words(const char *text, size_t len, imp_word *out, size_t max) {
  size_t count = 0, i = 0;
  int chars = 0;      /* characters so far: pdftotext's column */
  int spaces = 2;     /* spaces before the current position (the line start counts as a gap) */
  bool tab = false;
  while (i < len && count < max) {
    size_t sp = space_at(text + i, len - i);
    if (sp) {
      if (text[i] == '\t') tab = true;
      spaces++;
      chars++;
      i += sp;
      continue;
    }
    size_t start = i;
    int width = 0, start_chars = chars;
    while (i < len && !space_at(text + i, len - i)) {
      width += rb_utf8_width(rb_utf8_next(text, len, &i));
      chars++;
    }
    imp_word w = {.text = text + start, .len = i - start, .width = width, .after_gap = spaces >= 2 || tab};
    w.col = start_chars;
    w.chars = chars - start_chars;
    out[count++] = w;
    spaces = 0;
    tab = false;
  }
  return count;
}

void imp_trim(const char **text, size_t *len) {
  size_t n;
  while (*len > 0 && (n = space_at(*text, *len)) > 0) {
    *text += n;
    *len -= n;
  }
  for (;;) {
    const unsigned char *s = (const unsigned char *)*text;
    size_t l = *len;
    if (l >= 1 && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\f' || s[l - 1] == '\r' || s[l - 1] == '\n'))
      *len -= 1;
    else if (l >= 3 && s[l - 3] == 0xE3 && s[l - 2] == 0x80 && s[l - 1] == 0x80)
      *len -= 3;
    else if (l >= 2 && s[l - 2] == 0xC2 && s[l - 1] == 0xA0)
      *len -= 2;
    else
      break;
  }
}

bool imp_starts(const char *text, size_t len, const char *prefix) {
  size_t n = strlen(prefix);
  return len >= n && memcmp(text, prefix, n) == 0;
}

bool imp_equals(const char *text, size_t len, const char *word) {
  return strlen(word) == len && memcmp(text, word, len) == 0;
}

bool imp_contains(const char *text, size_t len, const char *word) {
  size_t n = strlen(word);
  if (n == 0 || n > len) return n == 0;
  for (size_t i = 0; i + n <= len; i++)
    if (memcmp(text + i, word, n) == 0) return true;
  return false;
}

char *imp_squeeze(imp_ctx *cx, const char *text, size_t len) {
  char *out = rb_arena_alloc(&cx->arena, len + 1);
  if (!out) {
    cx->nomem = true;
    return NULL;
  }
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t sp = space_at(text + i, len - i);
    if (sp) {
      i += sp;
      continue;
    }
    out[o++] = text[i++];
  }
  out[o] = '\0';
  return out;
}

void imp_note(imp_ctx *cx, rb_import_note_kind kind, int line, const char *fmt, ...) {
  if (cx->note_count == cx->note_room) {
    size_t room = cx->note_room ? cx->note_room * 2 : 16;
    rb_import_note *bigger = rb_arena_alloc(&cx->arena, room * sizeof *bigger);
    if (!bigger) {
      cx->nomem = true;
      return;
    }
    if (cx->note_count) memcpy(bigger, cx->notes, cx->note_count * sizeof *bigger);
    cx->notes = bigger;
    cx->note_room = room;
  }
  va_list ap;
  va_start(ap, fmt);
  char *message = rb_arena_vprintf(&cx->arena, rb_from_zh(cx->lang, fmt), ap);
  va_end(ap);
  if (!message) {
    cx->nomem = true;
    return;
  }
  /* One line each: a tab or a line break in quoted text becomes a space. */
  for (char *c = message; *c; c++)
    if ((unsigned char)*c < 0x20) *c = ' ';
  cx->notes[cx->note_count++] = (rb_import_note){.kind = kind, .line = line, .message = message};
}

char *imp_quote(imp_ctx *cx, const char *text, size_t len) {
  imp_trim(&text, &len);
  size_t keep = rb_utf8_cut(text, len, 120);
  char *q = imp_printf(cx, "%.*s%s", (int)keep, text, keep < len ? "…" : "");
  if (q)
    for (char *c = q; *c; c++)
      if (*c == '\t') *c = ' ';
  return q;
}
