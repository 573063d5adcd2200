/*
** table_layout.c — an indicator table as `pdftotext -layout` writes it.
**
** Each line is a band of the page; a cell is wherever its words stand.  The
** header (the line naming 三级指标, with the lines just above and below it,
** since headers such as "实际完成 / 值" wrap) gives each column its span of
** page columns (text.c computes a word's page column); every later word goes
** to the column it overlaps most.
**
** Rows.  In the national 项目支出绩效自评表 every row has a 分值 and a 得分, each
** one short number on one line: those lines are the rows' anchors.  A cell
** of several lines is spread around its row's anchor when the table centres
** its cells vertically (pdftotext writes the upper half above the anchor and
** the rest below it), or starts on the anchor when it aligns them to the top;
** the reader looks at which is the case (a word just above an anchor that
** belongs to no earlier row means centred) and gives each line's words to
** the nearest anchor (centred) or to the anchor above (top).
**
** Merged cells.  一级指标 and 二级指标 span blocks of rows and print their label
** once, in the middle of the block when centred.  Label fragments are put
** together first (a label broken over lines, "可持续影" + "响指标", is joined
** while what is written so far begins a standard level name, or the next line
** follows at once), then each label gets the run of rows whose anchors centre
** on it: labels are taken in order, and each takes rows until their middle is
** closest to the label's middle.  When the table aligns to the top, a label
** names its row and those below it.  二级指标 blocks never cross a 一级指标
** block.
*/
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

#define LAYOUT_WORDS 64
#define LAYOUT_COLUMNS 24

typedef struct column {
  imp_col col;
  int left, right;  /* character columns [left, right) */
  const char *text; /* the header word */
  size_t len;
} column;

/* A label of 一级 or 二级指标 as put together from its fragments. */
typedef struct label {
  imp_str text;
  int first, last, sum, count; /* line indices */
} label;

/* The column a word belongs to: the one whose header centre is nearest the
** word's centre (both in pdftotext's character columns, which are only
** roughly the page's: pdftotext packs Chinese text, so a column's words do
** not all start at one column); -1 when the word stands left of the table. */
static int column_of(const column *cols, size_t n, const imp_word *w) {
  if (n == 0) return -1;
  double centre = w->col + w->chars / 2.0;
  if (centre < cols[0].left - 0.5) return -1;
  int best = 0;
  double best_d = 1e18;
  for (size_t k = 0; k < n; k++) {
    double c = (cols[k].left + cols[k].right) / 2.0, d = centre > c ? centre - c : c - centre;
    if (d < best_d) {
      best_d = d;
      best = (int)k;
    }
  }
  return best;
}

/* The column of a word, by position and then by what it says: a word that
** stands nearest a level column but is no part of a level name, with the name
** column nearly as near, is the name's (pdftotext sets long names a little
** left, into the 二级指标 column). */
static int place_word(const column *cols, size_t n, const imp_word *w) {
  int c = column_of(cols, n, w);
  if (c < 0 || (cols[c].col != COL_L1 && cols[c].col != COL_L2) || w->chars < 4) return c;
  if (imp_vocab_match(w->text, w->len) != VOCAB_NONE || w->text[0] == '(' || imp_starts(w->text, w->len, "（"))
    return c;
  double centre = w->col + w->chars / 2.0, here = (cols[c].left + cols[c].right) / 2.0;
  for (size_t k = (size_t)c + 1; k < n; k++) {
    if (cols[k].col != COL_NAME) continue;
    double there = (cols[k].left + cols[k].right) / 2.0;
    double d1 = centre > here ? centre - here : here - centre, d2 = centre > there ? centre - there : there - centre;
    if (d2 - d1 <= 3) return (int)k;
    break;
  }
  return c;
}

/* Whether every word of a line ends the header word above it in its column
** ("实际完成" / "值", "偏差原因分析及" / "改进措施"): the header's second line. */
static bool header_tail(imp_ctx *cx, const column *cols, size_t ncols, const imp_line *l) {
  imp_word words[LAYOUT_WORDS];
  size_t n = imp_words(l->text, l->len, words, LAYOUT_WORDS), ends = 0;
  for (size_t k = 0; k < n; k++) {
    int c = column_of(cols, ncols, &words[k]);
    if (c < 0) return false;
    imp_str joined = {0};
    imp_str_add(cx, &joined, cols[c].text, cols[c].len);
    imp_str_add(cx, &joined, words[k].text, words[k].len);
    if (joined.s && imp_header_column(joined.s, joined.len) != COL_COUNT) ends++;
  }
  return n > 0 && ends == n;
}

/* A page's own line inside the table: its title printed again ("项目支出绩效
** 自评表（续）"), a page number. */
static bool page_furniture(const imp_line *l) {
  const char *t = l->text;
  size_t n = l->len;
  imp_trim(&t, &n);
  return imp_contains(t, n, "自评表") || imp_starts(t, n, "第") || imp_starts(t, n, "- ");
}

static bool is_total_word(const imp_word *w) {
  return imp_starts(w->text, w->len, "总分") || imp_starts(w->text, w->len, "合计") ||
         imp_starts(w->text, w->len, "总计");
}

/* How many words of a line name a column. */
static int header_words(const imp_line *l) {
  imp_word words[LAYOUT_WORDS];
  size_t n = imp_words(l->text, l->len, words, LAYOUT_WORDS);
  int count = 0;
  for (size_t k = 0; k < n; k++) {
    imp_col c = imp_header_column(words[k].text, words[k].len);
    if (c != COL_COUNT && c != COL_OTHER) count++;
  }
  return count;
}

/* Whether line i is within three lines below a label's last fragment. */
static bool line_near(const label *lb, size_t i) { return i <= (size_t)lb->last + 3; }

/* The words of the table's lines, each with the column it was put in. */
typedef struct table_words {
  size_t first, count;            /* line indices [first, first + count) */
  imp_word (*words)[LAYOUT_WORDS];
  int (*col)[LAYOUT_WORDS];       /* index into cols, or -1 */
  size_t *n;
} table_words;

/* Whether a label so far should take the next fragment w (on line `line`). */
static bool label_continues(imp_ctx *cx, const label *lb, const imp_word *w, size_t line) {
  if (lb->count == 0) return false;
  int so_far = imp_vocab_match(lb->text.s, lb->text.len);
  bool note = w->text[0] == '(' || imp_starts(w->text, w->len, "（");
  imp_str joined = {0};
  imp_str_add(cx, &joined, lb->text.s, lb->text.len);
  imp_str_add(cx, &joined, w->text, w->len);
  int together = joined.s ? imp_vocab_match(joined.s, joined.len) : VOCAB_NONE;
  if (so_far & (VOCAB_L1 | VOCAB_L2)) return note || (together & (VOCAB_L1 | VOCAB_L2 | VOCAB_PREFIX));
  if (so_far & VOCAB_PREFIX) return line <= (size_t)lb->last + 3 && together != VOCAB_NONE;
  return line <= (size_t)lb->last + 1 || note;
}

/* Whether a word can begin a label of this level: a standard level name or
** the beginning of one, or any text when the table uses its own names. */
static bool label_start(const imp_word *w) {
  return imp_vocab_match(w->text, w->len) != VOCAB_NONE;
}

/* The labels of one level column, in order.  A word in the column that can
** neither continue the label above it (a complete standard name) nor begin
** one is not a label but the end of a longer cell to its right (a name that
** pdftotext set a little left): it moves to the next column, `spill`. */
static size_t collect_labels(imp_ctx *cx, const table_words *tw, const column *cols, size_t ncols, imp_col want,
                             label *out, size_t max) {
  size_t count = 0;
  label *open = NULL;
  int spill = -1;
  for (size_t k = 0; k < ncols; k++)
    if (cols[k].col == want && k + 1 < ncols) spill = (int)k + 1;
  for (size_t li = 0; li < tw->count; li++) {
    size_t i = tw->first + li;
    for (size_t k = 0; k < tw->n[li]; k++) {
      int c = tw->col[li][k];
      const imp_word *w = &tw->words[li][k];
      if (c < 0 || cols[c].col != want || is_total_word(w)) continue;
      bool continues = open && label_continues(cx, open, w, i);
      if (!continues && open && spill >= 0 && line_near(open, i) &&
          (imp_vocab_match(open->text.s, open->text.len) & (VOCAB_L1 | VOCAB_L2)) && !label_start(w)) {
        tw->col[li][k] = spill;
        continue;
      }
      if (!continues) {
        if (count == max) return count;
        open = &out[count++];
        memset(open, 0, sizeof *open);
        open->first = (int)i;
      }
      imp_str_add(cx, &open->text, w->text, w->len);
      open->last = (int)i;
      open->sum += (int)i;
      open->count++;
    }
  }
  return count;
}

static double dist(double x) { return x < 0 ? -x : x; }

/* Give each row in [from, to) a label of one level: labels in order, each
** taking rows until their middle is closest to its own (centred), or from
** its row down (top).  rows_line[k] is row k's anchor line. */
static void place_labels(imp_ctx *cx, size_t base, const int *rows_line, size_t from, size_t to, label *labels,
                         size_t nlabels, imp_col col, bool centred) {
  /* A label whose nearest row is another label's, and nearer to that one: a
  ** block without rows (生态效益指标 with nothing under it) names none. */
  if (centred && nlabels > 1) {
    size_t kept = 0;
    for (size_t i = 0; i < nlabels; i++) {
      double c = (double)labels[i].sum / labels[i].count;
      size_t home = from;
      for (size_t k = from; k < to; k++)
        if (dist(rows_line[k] - c) < dist(rows_line[home] - c)) home = k;
      bool beaten = false;
      for (size_t j = 0; j < nlabels && !beaten; j++) {
        if (j == i) continue;
        double cj = (double)labels[j].sum / labels[j].count;
        size_t hj = from;
        for (size_t k = from; k < to; k++)
          if (dist(rows_line[k] - cj) < dist(rows_line[hj] - cj)) hj = k;
        beaten = hj == home && dist(rows_line[home] - cj) < dist(rows_line[home] - c) - 1;
      }
      if (!beaten) labels[kept++] = labels[i];
    }
    nlabels = kept;
  }
  size_t s = from;
  for (size_t i = 0; i < nlabels && s < to; i++) {
    double centre = (double)labels[i].sum / labels[i].count;
    size_t home = s;
    /* The row whose anchor is nearest the label (ties: the earlier). */
    for (size_t k = s; k < to; k++)
      if (abs(rows_line[k] - (int)(centre + 0.5)) < abs(rows_line[home] - (int)(centre + 0.5))) home = k;
    size_t next_home = to;
    if (i + 1 < nlabels) {
      double c2 = (double)labels[i + 1].sum / labels[i + 1].count;
      next_home = home + 1;
      for (size_t k = home + 1; k < to; k++)
        if (abs(rows_line[k] - (int)(c2 + 0.5)) < abs(rows_line[next_home < to ? next_home : to - 1] - (int)(c2 + 0.5)))
          next_home = k;
      if (next_home > to) next_home = to;
    }
    size_t e;
    if (i + 1 == nlabels) {
      e = to - 1;
    } else if (!centred) {
      e = next_home > home ? next_home - 1 : home;
    } else {
      e = home;
      double best = 1e18;
      for (size_t k = s; k < next_home && k < to; k++) {
        double mean = 0;
        for (size_t j = s; j <= k; j++) mean += rows_line[j];
        mean /= (double)(k - s + 1);
        double d = mean > centre ? mean - centre : centre - mean;
        if (d < best - 1e-9) {
          best = d;
          e = k;
        }
      }
    }
    if (!centred && i == 0) s = from; /* rows above the first label take it too */
    for (size_t k = s; k <= e && k < to; k++) {
      imp_row *row = &cx->rows[base + k];
      memset(&row->cell[col], 0, sizeof row->cell[col]);
      imp_str_add(cx, &row->cell[col], labels[i].text.s, labels[i].text.len);
      for (int l = labels[i].first; l <= labels[i].last; l++)
        if (l == labels[i].first || l == labels[i].last) imp_row_line(row, cx->lines[l].number);
    }
    s = e + 1;
  }
}

bool imp_read_layout(imp_ctx *cx) {
  /* The header line and its neighbours. */
  size_t header = cx->line_count;
  for (size_t i = 0; i < cx->line_count && header == cx->line_count; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (sq && (strstr(sq, "三级指标") || strstr(sq, "指标名称"))) header = i;
  }
  if (header == cx->line_count) return false;
  column cols[LAYOUT_COLUMNS];
  size_t ncols = 0;
  size_t from = header >= 2 ? header - 2 : 0, to = header + 2 < cx->line_count ? header + 2 : cx->line_count - 1;
  size_t last_header = header;
  for (size_t i = from; i <= to; i++) {
    imp_word words[LAYOUT_WORDS];
    size_t n = imp_words(cx->lines[i].text, cx->lines[i].len, words, LAYOUT_WORDS);
    int named = 0;
    for (size_t k = 0; k < n; k++) {
      imp_col c = imp_header_column(words[k].text, words[k].len);
      if (c == COL_COUNT || ncols == LAYOUT_COLUMNS) continue;
      named++;
      cols[ncols++] = (column){.col = c, .left = words[k].col, .right = words[k].col + words[k].chars, .text = words[k].text, .len = words[k].len};
    }
    if (named && i > last_header) last_header = i;
  }
  /* In page order; a column named twice (a wrapped header) keeps one span. */
  for (size_t a = 1; a < ncols; a++)
    for (size_t b = a; b > 0 && cols[b - 1].left > cols[b].left; b--) {
      column t = cols[b];
      cols[b] = cols[b - 1];
      cols[b - 1] = t;
    }
  /* A line just below the header whose every word ends a header word above
  ** it is the header's too. */
  if (last_header + 1 < cx->line_count && header_tail(cx, cols, ncols, &cx->lines[last_header + 1])) last_header++;
  bool has_weight = false, has_score = false;
  for (size_t k = 0; k < ncols; k++) {
    has_weight |= cols[k].col == COL_WEIGHT;
    has_score |= cols[k].col == COL_SCORE;
  }
  cx->layout = "layout";
  cx->table_first = cx->lines[header].number;

  /* The anchors: lines with a number under 分值 or 得分, up to the total row. */
  size_t start = last_header + 1, end = cx->line_count;
  int *anchor_of = calloc(cx->line_count + 1, sizeof *anchor_of); /* line → anchor index + 1 */
  int *anchors = calloc(cx->line_count + 1, sizeof *anchors);
  if (!anchor_of || !anchors) {
    free(anchor_of);
    free(anchors);
    cx->nomem = true;
    return true;
  }
  size_t nanchors = 0;
  size_t total_anchor = (size_t)-1;
  /* Lines that are no part of the table: a header repeated on a new page
  ** (with its second line), the page's title. */
  bool *skip = calloc(cx->line_count + 1, sizeof *skip);
  if (!skip) {
    free(anchor_of);
    free(anchors);
    cx->nomem = true;
    return true;
  }
  for (size_t i = start; i < end; i++) {
    if (header_words(&cx->lines[i]) >= 2) {
      skip[i] = true;
      if (i + 1 < end && header_tail(cx, cols, ncols, &cx->lines[i + 1])) skip[i + 1] = true;
    } else if (page_furniture(&cx->lines[i]) && !skip[i]) {
      skip[i] = true;
      const char *t = cx->lines[i].text;
      size_t n = cx->lines[i].len;
      imp_trim(&t, &n);
      imp_note(cx, RB_IMPORT_UNPLACED, cx->lines[i].number, "表格中的「%s」是页面的标题或页码，未读取", imp_quote(cx, t, n));
    }
  }
  for (size_t i = start; i < end; i++) {
    if (skip[i]) continue;
    imp_word words[LAYOUT_WORDS];
    size_t n = imp_words(cx->lines[i].text, cx->lines[i].len, words, LAYOUT_WORDS);
    bool anchor = false, total = false;
    for (size_t k = 0; k < n; k++) {
      int c = column_of(cols, ncols, &words[k]);
      if (is_total_word(&words[k]) && k == 0) total = true;
      if (c < 0) continue;
      bool repaired;
      if ((cols[c].col == COL_WEIGHT || cols[c].col == COL_SCORE || (!has_weight && !has_score && cols[c].col == COL_ACTUAL)) &&
          (imp_number(cx, words[k].text, words[k].len, &repaired) || (!has_weight && !has_score)))
        anchor = true;
    }
    if (anchor || total) {
      anchors[nanchors] = (int)i;
      anchor_of[i] = (int)++nanchors;
    }
    if (total) {
      total_anchor = nanchors - 1;
      end = i + 1;
    }
  }
  if (nanchors == 0) {
    free(skip);
    free(anchor_of);
    free(anchors);
    imp_note(cx, RB_IMPORT_LAYOUT, cx->lines[header].number, "指标表的表头之后没有找到分值或得分，读不出指标行");
    return true;
  }
  /* Lines after the last anchor that still belong to it: up to a blank line. */
  if (total_anchor == (size_t)-1) {
    size_t i = (size_t)anchors[nanchors - 1] + 1;
    while (i < cx->line_count && i < (size_t)anchors[nanchors - 1] + 4) {
      const char *t = cx->lines[i].text;
      size_t tl = cx->lines[i].len;
      imp_trim(&t, &tl);
      if (tl == 0) break;
      i++;
    }
    end = i;
  }
  cx->table_last = cx->lines[end - 1].number;

  /* Centred or top: is a word just above an anchor that no earlier anchor owns? */
  bool centred = false;
  for (size_t a = 0; a < nanchors && !centred; a++) {
    size_t line = (size_t)anchors[a];
    if (line == 0 || line - 1 < start || anchor_of[line - 1]) continue;
    imp_word words[LAYOUT_WORDS];
    size_t n = imp_words(cx->lines[line - 1].text, cx->lines[line - 1].len, words, LAYOUT_WORDS);
    size_t prev = a > 0 ? (size_t)anchors[a - 1] : start;
    for (size_t k = 0; k < n && !centred; k++) {
      int c = column_of(cols, ncols, &words[k]);
      if (c >= 0 && cols[c].col != COL_L1 && cols[c].col != COL_L2 && line - 1 > prev + 1) centred = true;
    }
  }

  size_t base = cx->row_count;
  for (size_t a = 0; a < nanchors; a++) {
    imp_row *row = imp_row_new(cx);
    if (!row) break;
    imp_row_line(row, cx->lines[anchors[a]].number);
    row->page = cx->lines[anchors[a]].page;
  }
  if (cx->row_count != base + nanchors) {
    free(skip);
    free(anchor_of);
    free(anchors);
    return true;
  }
  /* The table's words, each put in its column. */
  table_words tw = {.first = start, .count = end - start};
  tw.words = calloc(tw.count ? tw.count : 1, sizeof *tw.words);
  tw.col = calloc(tw.count ? tw.count : 1, sizeof *tw.col);
  tw.n = calloc(tw.count ? tw.count : 1, sizeof *tw.n);
  int *cell_line = calloc(nanchors * COL_COUNT, sizeof *cell_line); /* last line written per cell, 0 none */
  int *cell_header = calloc(nanchors * COL_COUNT, sizeof *cell_header); /* its header column + 1 */
  label *l1 = calloc(256, sizeof *l1), *l2 = calloc(256, sizeof *l2);
  int *rows_line = calloc(nanchors, sizeof *rows_line);
  if (!tw.words || !tw.col || !tw.n || !cell_line || !cell_header || !l1 || !l2 || !rows_line) {
    cx->nomem = true;
    goto done;
  }
  for (size_t li = 0; li < tw.count; li++) {
    size_t i = start + li;
    if (skip[i]) continue;
    tw.n[li] = imp_words(cx->lines[i].text, cx->lines[i].len, tw.words[li], LAYOUT_WORDS);
    for (size_t k = 0; k < tw.n[li]; k++) tw.col[li][k] = place_word(cols, ncols, &tw.words[li][k]);
  }
  size_t n1 = collect_labels(cx, &tw, cols, ncols, COL_L1, l1, 256);
  size_t n2 = collect_labels(cx, &tw, cols, ncols, COL_L2, l2, 256);

  /* Every word but the level columns': to its row's cell. */
  for (size_t li = 0; li < tw.count; li++) {
    size_t i = start + li;
    for (size_t k = 0; k < tw.n[li]; k++) {
      const imp_word *w = &tw.words[li][k];
      int c = tw.col[li][k];
      if (c < 0) {
        if (!imp_equals(w->text, w->len, "绩效指标"))
          imp_note(cx, RB_IMPORT_UNPLACED, cx->lines[i].number, "「%s」在指标表各列的左边，不属于任何一列，未读取",
                   imp_quote(cx, w->text, w->len));
        continue;
      }
      imp_col col = cols[c].col;
      if (col == COL_L1 || col == COL_L2) continue;
      /* The row: the anchor on this line, else the nearest (centred) or the
      ** one above (top). */
      size_t a;
      if (anchor_of[i]) {
        a = (size_t)anchor_of[i] - 1;
      } else {
        size_t above = nanchors, below = nanchors;
        for (size_t x = 0; x < nanchors; x++) {
          if ((size_t)anchors[x] < i) above = x;
          else if (below == nanchors) below = x;
        }
        if (above == nanchors) a = below;
        else if (below == nanchors || !centred) a = above;
        else {
          size_t du = i - (size_t)anchors[above], dd = (size_t)anchors[below] - i;
          if (du != dd) a = du < dd ? above : below;
          else a = cell_line[above * COL_COUNT + col] != 0 ? below : above; /* a tie: the row with room */
        }
      }
      if (a == total_anchor && !anchor_of[i] && a > 0) a--; /* nothing but the total is on the total row */
      imp_row *row = &cx->rows[base + a];
      int *last = &cell_line[a * COL_COUNT + col];
      int *last_column = &cell_header[a * COL_COUNT + col];
      if (*last == (int)i + 1 && *last_column != c + 1) {
        /* One field in several columns (指标性质 | 指标值 | 度量单位): "≧" "100" "%" is "≧100%". */
        imp_str_add(cx, &row->cell[col], w->text, w->len);
      } else if (*last == (int)i + 1) {
        imp_str_add(cx, &row->cell[col], " ", 1);
        imp_str_add(cx, &row->cell[col], w->text, w->len);
      } else {
        imp_str_join(cx, &row->cell[col], w->text, w->len);
      }
      *last = (int)i + 1;
      *last_column = c + 1;
      imp_row_line(row, cx->lines[i].number);
    }
  }

  /* The level columns. */
  {
    for (size_t a = 0; a < nanchors; a++) rows_line[a] = anchors[a];
    size_t label_rows = total_anchor == (size_t)-1 ? nanchors : total_anchor;
    place_labels(cx, base, rows_line, 0, label_rows, l1, n1, COL_L1, centred);
    /* 二级指标 within each 一级指标 block. */
    size_t b = 0;
    while (b < label_rows) {
      size_t e = b + 1;
      const imp_str *mine = &cx->rows[base + b].cell[COL_L1];
      while (e < label_rows && cx->rows[base + e].cell[COL_L1].len == mine->len &&
             (mine->len == 0 || strcmp(cx->rows[base + e].cell[COL_L1].s, mine->s) == 0))
        e++;
      /* The 二级 labels whose middle lies in this block's lines. */
      int lo = b > 0 ? (rows_line[b - 1] + rows_line[b]) / 2 + 1 : (int)start;
      int hi = e < nanchors ? (rows_line[e - 1] + rows_line[e]) / 2 : (int)end;
      label in[256];
      size_t nin = 0;
      for (size_t k = 0; k < n2; k++) {
        int mid = (l2[k].sum + l2[k].count / 2) / l2[k].count;
        if (mid >= lo && mid <= hi && nin < 256) in[nin++] = l2[k];
      }
      place_labels(cx, base, rows_line, b, e, in, nin, COL_L2, centred);
      b = e;
    }
  }
done:
  free(skip);
  free(tw.words);
  free(tw.col);
  free(tw.n);
  free(cell_line);
  free(cell_header);
  free(l1);
  free(l2);
  free(rows_line);
  free(anchor_of);
  free(anchors);
  return true;
}
