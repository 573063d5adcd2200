/*
** diag.c — collecting and printing diagnostics (see diag.h).
*/
#include "compiler/diag.h"

#include "base/utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rb_diags_init(rb_diags *d) {
  memset(d, 0, sizeof *d);
  d->lang = RB_LANG_EN;
}

void rb_diags_free(rb_diags *d) {
  for (size_t i = 0; i < d->file_count; i++) {
    free(d->files[i].name);
    free(d->files[i].text);
    free(d->files[i].line_starts);
  }
  for (size_t i = 0; i < d->count; i++) {
    free(d->items[i].message);
    free(d->items[i].hint);
  }
  free(d->files);
  free(d->items);
  rb_lang lang = d->lang;
  memset(d, 0, sizeof *d);
  d->lang = lang;
}

/* Register a source text for diagnostics (diag.h): copied, with the start
** of every line indexed; returns its file index, or -1 when out of memory. */
int rb_diags_add_file(rb_diags *d, const char *name, const char *text, size_t len) {
  if (d->file_count == d->file_cap) {
    size_t cap = d->file_cap ? d->file_cap * 2 : 4;
    rb_source *f = realloc(d->files, cap * sizeof *f);
    if (!f) return -1;
    d->files = f;
    d->file_cap = cap;
  }
  rb_source *s = &d->files[d->file_count];
  s->name = strdup(name);
  s->text = malloc(len + 1);
  if (!s->name || !s->text) {
    free(s->name);
    free(s->text);
    return -1;
  }
  memcpy(s->text, text, len);
  s->text[len] = '\0';
  s->len = len;
  /* Where each line starts, so that a position is a binary search and a
  ** short scan, not a walk from the top of the file (codegen asks for the
  ** position of every instruction). */
  uint32_t lines = 1;
  const char *end = text + len;
  for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) lines++;
  s->line_starts = malloc(lines * sizeof *s->line_starts);
  s->line_count = 0;
  if (s->line_starts) {
    s->line_starts[s->line_count++] = 0;
    for (const char *p = text; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
      s->line_starts[s->line_count++] = (uint32_t)(p - text + 1);
  }
  return (int)d->file_count++;
}

/* Append a diagnostic with an already formatted message. */
static int diag_push(rb_diags *d, rb_severity sev, uint16_t file, uint32_t start, uint32_t end,
                     const char *hint, char *message, int parent) {
  if (d->count == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 16;
    rb_diag *items = realloc(d->items, cap * sizeof *items);
    if (!items) {
      free(message);
      return -1;
    }
    d->items = items;
    d->cap = cap;
  }
  rb_diag *g = &d->items[d->count];
  g->severity = sev;
  g->file = file;
  g->start = start;
  g->end = end < start ? start : end;
  g->message = message;
  hint = rb_text_from_en(d->lang, hint);
  g->hint = hint ? strdup(hint) : NULL;
  g->seq = (uint32_t)d->count;
  g->parent = parent;
  if (sev == RB_SEV_ERROR) d->errors++;
  if (sev == RB_SEV_WARNING) d->warnings++;
  return (int)d->count++;
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap) {
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0) return NULL;
  char *s = malloc((size_t)n + 1);
  if (s) vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

int rb_diag_add(rb_diags *d, rb_severity sev, uint16_t file, uint32_t start, uint32_t end, const char *hint,
            const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(rb_from_en(d->lang, fmt), ap);
  va_end(ap);
  if (!msg) return -1;
  return diag_push(d, sev, file, start, end, hint, msg, -1);
}

void rb_diag_note(rb_diags *d, int parent, uint16_t file, uint32_t start, uint32_t end, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = vformat(rb_from_en(d->lang, fmt), ap);
  va_end(ap);
  if (msg) diag_push(d, RB_SEV_NOTE, file, start, end, NULL, msg, parent);
}

/* The 1-based line and column (in characters) of a byte offset (diag.h). */
void rb_source_position(const rb_source *src, uint32_t offset, uint32_t *line, uint32_t *column) {
  rb_source_position_near(src, offset, NULL, line, column);
}

void rb_source_position_near(const rb_source *src, uint32_t offset, rb_source_cursor *cur, uint32_t *line,
                             uint32_t *column) {
  uint32_t l = 1, c = 1;
  if (offset > src->len) offset = (uint32_t)src->len;
  const unsigned char *t = (const unsigned char *)src->text;
  size_t from = 0;
  bool lines = src->line_starts && src->line_count > 0;
  if (lines) {
    /* The last line that starts at or before offset: walked forward from the cursor when the
    ** offset is past it (positions asked in source order cost one walk over the lines), else
    ** found by binary search. */
    uint32_t lo = 0, hi = src->line_count - 1;
    if (cur && cur->src == src && cur->offset <= offset && cur->line >= 1 && cur->line <= src->line_count &&
        src->line_starts[cur->line - 1] <= offset) {
      lo = cur->line - 1;
      while (lo < hi && src->line_starts[lo + 1] <= offset) lo++;
    } else {
      while (lo < hi) {
        uint32_t mid = lo + (hi - lo + 1) / 2;
        if (src->line_starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    l = lo + 1;
    from = src->line_starts[lo];
    /* Further along the line the cursor is on: count on from it. */
    if (cur && cur->src == src && cur->line == l && cur->offset >= from && cur->offset <= offset) {
      from = cur->offset;
      c = cur->column;
    }
  }
  /* A character is a well-formed UTF-8 sequence or, failing that, one byte (as rb_utf8_next
  ** steps); ASCII, most of any rubric, is taken without a call. */
  for (size_t i = from; i < offset;) {
    unsigned char b = t[i];
    if (b == '\n') {
      l++;
      c = 1;
      i++;
    } else if (b < 0x80) {
      c++;
      i++;
    } else {
      size_t n = rb_utf8_sequence_length(t + i, src->len - i);
      i += n ? n : 1;
      c++;
    }
  }
  *line = l;
  *column = c;
  if (cur && lines) *cur = (rb_source_cursor){src, offset, l, c};
}

/* The label before a message, with its colon: "error:", or in Chinese "错误："
** with a full-width colon and no space after it. */
static const char *severity_label(rb_lang lang, rb_severity s) {
  if (lang == RB_LANG_ZH) return s == RB_SEV_ERROR ? "错误：" : s == RB_SEV_WARNING ? "警告：" : "注：";
  return s == RB_SEV_ERROR ? "error:" : s == RB_SEV_WARNING ? "warning:" : "note:";
}

/* Print one diagnostic: file:line:column, severity, message, the source
** line and a caret under its span (two columns under a wide character),
** then its hint (diag.h). */
void rb_diag_print_one(const rb_diags *d, const rb_diag *g, FILE *out, bool color) {
  const rb_source *src = g->file < d->file_count ? &d->files[g->file] : NULL;
  bool zh = d->lang == RB_LANG_ZH;
  const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
  const char *sevc = !color ? "" : g->severity == RB_SEV_ERROR ? "\033[1;31m"
                               : g->severity == RB_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
  if (!src) {
    fprintf(out, "%s%s%s%s%s%s\n", sevc, severity_label(d->lang, g->severity), reset, zh ? "" : " ", g->message,
            reset);
    return;
  }
  uint32_t line, col;
  rb_source_position(src, g->start, &line, &col);
  fprintf(out, "%s%s:%u:%u:%s %s%s%s%s%s%s%s\n", bold, src->name, line, col, reset, sevc,
          severity_label(d->lang, g->severity), reset, zh ? "" : " ", bold, g->message, reset);
  /* The source line, then a caret under the span (to the end of the line if
  ** the span crosses it).  A line over 240 bytes is shown as a window of
  ** DIAG_CONTEXT bytes either side of the span (its first DIAG_SPAN bytes),
  ** cut at characters, with "…" where it was cut. */
  enum { DIAG_CONTEXT = 80, DIAG_SPAN = 160 };
  size_t ls = g->start > src->len ? src->len : g->start;
  while (ls > 0 && src->text[ls - 1] != '\n') ls--;
  size_t le = ls;
  while (le < src->len && src->text[le] != '\n' && src->text[le] != '\r') le++;
  bool cut_left = false, cut_right = false;
  bool long_line = le - ls > 3 * DIAG_CONTEXT;
  if (long_line && g->start > ls + DIAG_CONTEXT) {
    size_t from = g->start - DIAG_CONTEXT;
    while (from < g->start && ((unsigned char)src->text[from] & 0xC0) == 0x80) from++;
    ls = from;
    cut_left = true;
  }
  size_t span_end = g->end > g->start + DIAG_SPAN ? g->start + DIAG_SPAN : g->end;
  if (long_line && le > span_end + DIAG_CONTEXT) {
    le = ls + rb_utf8_cut(src->text + ls, le - ls, span_end + DIAG_CONTEXT - ls);
    cut_right = true;
  }
  char gutter[16];
  int gw = snprintf(gutter, sizeof gutter, "%u", line);
  fprintf(out, " %s | %s%.*s%s\n", gutter, cut_left ? "…" : "", (int)(le - ls), src->text + ls,
          cut_right ? "…" : "");
  fprintf(out, " %*s | %s", gw, "", cut_left ? " " : ""); /* "…" is one column */
  size_t i = ls;
  while (i < g->start && i < le) {
    int32_t cp = rb_utf8_next(src->text, le, &i);
    int w = cp == '\t' ? 1 : rb_utf8_width(cp);
    fputs(cp == '\t' ? "\t" : (w == 2 ? "  " : " "), out);
  }
  fputs(sevc, out);
  bool first = true;
  size_t end = g->end > le ? le : g->end;
  do {
    int w = 1;
    if (i < end) w = rb_utf8_width(rb_utf8_next(src->text, end, &i));
    else i++;
    if (w < 1) w = 1; /* a caret under every character, even a zero-width one */
    for (int k = 0; k < w; k++) {
      fputc(first ? '^' : '~', out);
      first = false;
    }
  } while (i < end);
  fprintf(out, "%s\n", reset);
  if (g->hint) fprintf(out, "%s%s%s%s%s\n", bold, zh ? "提示：" : "hint:", reset, zh ? "" : " ", g->hint);
}

/* Order: errors and warnings by file and position (ties by reporting order);
** each note stays right after its parent. */
static int diag_cmp(const rb_diags *d, const rb_diag *a, const rb_diag *b) {
  const rb_diag *ra = a->parent >= 0 ? &d->items[a->parent] : a;
  const rb_diag *rb = b->parent >= 0 ? &d->items[b->parent] : b;
  if (ra != rb) {
    if (ra->file != rb->file) return ra->file < rb->file ? -1 : 1;
    if (ra->start != rb->start) return ra->start < rb->start ? -1 : 1;
    return ra->seq < rb->seq ? -1 : 1;
  }
  if (a == b) return 0;
  if (a->parent < 0) return -1;
  if (b->parent < 0) return 1;
  return a->seq < b->seq ? -1 : 1;
}

/* Print every diagnostic sorted by place, notes after their parent (diag.h). */
void rb_diags_print(const rb_diags *d, FILE *out, bool color) {
  if (d->count == 0) return;
  const rb_diag **order = malloc(d->count * sizeof *order);
  if (!order) {
    for (size_t i = 0; i < d->count; i++) rb_diag_print_one(d, &d->items[i], out, color);
    return;
  }
  for (size_t i = 0; i < d->count; i++) order[i] = &d->items[i];
  /* qsort has no context argument in C11, so sort by insertion: a rubric
  ** has few diagnostics. */
  for (size_t i = 1; i < d->count; i++) {
    const rb_diag *x = order[i];
    size_t j = i;
    while (j > 0) {
      if (diag_cmp(d, order[j - 1], x) <= 0) break;
      order[j] = order[j - 1];
      j--;
    }
    order[j] = x;
  }
  for (size_t i = 0; i < d->count; i++) rb_diag_print_one(d, order[i], out, color);
  free(order);
}
