/*
** diff.c — a unified diff of two texts, for `rubric fmt --check`.
**
** Lines are compared whole.  The longest common subsequence is found by
** dynamic programming over the lines that differ (the common head and tail
** are cut off first, so a file with a few changes costs little); rubric
** files are a few hundred lines, and a pair of texts past MAX_CELLS cells
** is shown as one hunk that replaces every line between the common head and
** tail — still a correct diff, only a coarser one.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "author/author.h"

enum { CONTEXT = 3, MAX_CELLS = 16 * 1024 * 1024 };

typedef struct line {
  const char *text;
  size_t len; /* without the newline */
} line;

/* Split a text into lines; *count of them.  A last line without a newline
** is a line too. */
static line *split_lines(const char *text, size_t len, size_t *count) {
  size_t n = 0;
  for (size_t i = 0; i < len; i++) n += text[i] == '\n';
  if (len && text[len - 1] != '\n') n++;
  line *lines = malloc((n ? n : 1) * sizeof *lines);
  if (!lines) return NULL;
  size_t k = 0, start = 0;
  for (size_t i = 0; i < len; i++) {
    if (text[i] != '\n') continue;
    lines[k++] = (line){text + start, i - start};
    start = i + 1;
  }
  if (start < len) lines[k++] = (line){text + start, len - start};
  *count = n;
  return lines;
}

static bool same(line a, line b) { return a.len == b.len && memcmp(a.text, b.text, a.len) == 0; }

/* One edit of the script: ' ' keep, '-' delete a line of a, '+' add a line of b. */
typedef struct edit {
  char op;
  size_t a, b; /* line numbers (0-based) in a and b at this edit */
} edit;

/* The edit script from a to b; *count edits. */
static edit *script(const line *a, size_t na, const line *b, size_t nb, size_t *count) {
  size_t head = 0;
  while (head < na && head < nb && same(a[head], b[head])) head++;
  size_t tail = 0;
  while (tail < na - head && tail < nb - head && same(a[na - 1 - tail], b[nb - 1 - tail])) tail++;
  size_t ma = na - head - tail, mb = nb - head - tail;
  edit *e = malloc((na + nb + 1) * sizeof *e);
  if (!e) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < head; i++) e[k++] = (edit){' ', i, i};
  uint32_t *lcs = NULL;
  if ((ma + 1) * (mb + 1) <= MAX_CELLS) lcs = calloc((ma + 1) * (mb + 1), sizeof *lcs);
  if (lcs) {
    /* lcs[i][j]: the common subsequence of a[head+i..] and b[head+j..]. */
#define L(i, j) lcs[(i) * (mb + 1) + (j)]
    for (size_t i = ma; i-- > 0;)
      for (size_t j = mb; j-- > 0;)
        L(i, j) = same(a[head + i], b[head + j]) ? L(i + 1, j + 1) + 1
                                                 : (L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j) : L(i, j + 1));
    size_t i = 0, j = 0;
    while (i < ma || j < mb) {
      if (i < ma && j < mb && same(a[head + i], b[head + j])) e[k++] = (edit){' ', head + i++, head + j++};
      else if (i < ma && (j == mb || L(i + 1, j) >= L(i, j + 1))) e[k++] = (edit){'-', head + i++, head + j};
      else e[k++] = (edit){'+', head + i, head + j++};
    }
#undef L
    free(lcs);
  } else {
    for (size_t i = 0; i < ma; i++) e[k++] = (edit){'-', head + i, head};
    for (size_t j = 0; j < mb; j++) e[k++] = (edit){'+', head + ma, head + j};
  }
  for (size_t i = 0; i < tail; i++) e[k++] = (edit){' ', na - tail + i, nb - tail + i};
  *count = k;
  return e;
}

static void put_line(FILE *out, char op, line l) {
  fputc(op, out);
  fwrite(l.text, 1, l.len, out);
  fputc('\n', out);
}

void rb_diff_write(FILE *out, const char *name_a, const char *a, size_t a_len, const char *name_b, const char *b,
                   size_t b_len) {
  if (a_len == b_len && memcmp(a, b, a_len) == 0) return;
  size_t na = 0, nb = 0, ne = 0;
  line *la = split_lines(a, a_len, &na), *lb = split_lines(b, b_len, &nb);
  edit *e = la && lb ? script(la, na, lb, nb, &ne) : NULL;
  if (!e) {
    fprintf(out, "%s and %s differ (out of memory for the diff)\n", name_a, name_b);
    goto done;
  }
  fprintf(out, "--- %s\n+++ %s\n", name_a, name_b);
  /* Hunks: runs of changes with CONTEXT lines around, joined when closer
  ** than twice that. */
  for (size_t i = 0; i < ne;) {
    if (e[i].op == ' ') {
      i++;
      continue;
    }
    size_t from = i > CONTEXT ? i - CONTEXT : 0, to = i;
    for (;;) {
      while (to < ne && e[to].op != ' ') to++;
      size_t next = to;
      while (next < ne && e[next].op == ' ' && next - to < 2 * CONTEXT + 1) next++;
      if (next < ne && e[next].op != ' ') to = next;
      else break;
    }
    size_t end = to + CONTEXT < ne ? to + CONTEXT : ne;
    size_t a_count = 0, b_count = 0;
    for (size_t k = from; k < end; k++) {
      a_count += e[k].op != '+';
      b_count += e[k].op != '-';
    }
    fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", e[from].a + (a_count > 0), a_count, e[from].b + (b_count > 0), b_count);
    for (size_t k = from; k < end; k++) put_line(out, e[k].op, e[k].op == '+' ? lb[e[k].b] : la[e[k].a]);
    i = end;
  }
done:
  free(e);
  free(la);
  free(lb);
}
