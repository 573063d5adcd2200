/*
** table_grid.c — an indicator table whose cells are separated by tabs.
**
** Some extractors (and OCR tools) write a table row per line with a tab
** between cells, empty cells included, so a column is a tab position.  The
** header says which position holds what.  In a Guangdong 评分表 the header
** has two lines: the column groups (一级指标, 二级指标, 三级指标, 评价年度实现值,
** 自评分数 …) and under them "名称 | 权重(%)" for each level; the second line
** places the levels and their weights exactly, so it is preferred where the
** first, damaged by OCR, disagrees.  An unnamed column just before 实际完成值
** is 指标值 (its header lost), with a note.
**
** Merged cells: a 一级指标 cell spans its block of rows, and its text is
** printed in one of them — the first, or the middle when the cell is centred.
** When the 一级指标 权重 column is filled on the first row of each block (as
** in a 评分表: 20, 40, 40), the blocks are known and the label found anywhere
** in a block names all its rows.  Otherwise a label names its row and those
** below it, as in a CSV table.  二级指标 likewise, within its 一级指标 block.
** Text in a label cell with no Chinese character ("-de ili", OCR of a
** vertical label) is not a label: it is noted and ignored.
*/
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

#define GRID_COLUMNS 32

/* Cut a line at its tabs into at most max cells; returns the count. */
static size_t tab_cells(const imp_line *l, const char **cells, size_t *lens, size_t max) {
  size_t count = 0, start = 0;
  for (size_t i = 0; i <= l->len && count < max; i++) {
    if (i == l->len || l->text[i] == '\t') {
      cells[count] = l->text + start;
      lens[count] = i - start;
      count++;
      start = i + 1;
    }
  }
  return count;
}

static bool has_tab(const imp_line *l) { return memchr(l->text, '\t', l->len) != NULL; }

/* How many cells of a line name a column of the indicator table (评分标准 and
** the like excluded). */
static int header_score(const char **cells, const size_t *lens, size_t n) {
  int score = 0;
  for (size_t k = 0; k < n; k++) {
    imp_col c = imp_header_column(cells[k], lens[k]);
    if (c != COL_COUNT && c != COL_OTHER) score++;
  }
  return score;
}

/* Whether a line is a "名称 | 权重(%)" sub-header: two 名称 cells or more. */
static bool name_weight_line(const char **cells, const size_t *lens, size_t n) {
  int names = 0;
  for (size_t k = 0; k < n; k++) {
    const char *t = cells[k];
    size_t len = lens[k];
    imp_trim(&t, &len);
    if (imp_equals(t, len, "名称")) names++;
  }
  return names >= 2;
}

/* Set the 一级 or 二级指标 of rows [from, to) from their own label cells:
** blocks start where starts[k - from] is true; a block's first label names the rows
** before it too, and each label names the rows after it. */
static void carry_labels(imp_ctx *cx, size_t from, size_t to, imp_col col, const bool *starts) {
  size_t i = from;
  while (i < to) {
    size_t end = i + 1;
    while (end < to && !starts[end - from]) end++;
    /* The block [i, end): its first label. */
    imp_str first = {0};
    for (size_t k = i; k < end; k++)
      if (cx->rows[k].cell[col].len) {
        first = cx->rows[k].cell[col];
        break;
      }
    imp_str current = first;
    for (size_t k = i; k < end; k++) {
      if (cx->rows[k].cell[col].len) current = cx->rows[k].cell[col];
      else cx->rows[k].cell[col] = current;
    }
    i = end;
  }
}

/* A label cell with no Chinese character is OCR noise, not a label. */
static void check_label(imp_ctx *cx, imp_row *row, imp_col col, int line) {
  imp_str *s = &row->cell[col];
  const char *t = s->s;
  size_t n = s->len;
  if (t) imp_trim(&t, &n);
  if (n && !rb_utf8_has_ideograph(t, n)) {
    imp_note(cx, RB_IMPORT_UNPLACED, line, "%s一栏的「%s」不是指标名称（像是识别错误），未读取",
             col == COL_L1 ? "一级指标" : "二级指标", imp_quote(cx, t, n));
    memset(s, 0, sizeof *s);
  } else if (n) {
    s->s = imp_squeeze(cx, t, n);
    s->len = s->s ? strlen(s->s) : 0;
  } else {
    memset(s, 0, sizeof *s);
  }
}

bool imp_read_grid(imp_ctx *cx) {
  const char *cells[GRID_COLUMNS];
  size_t lens[GRID_COLUMNS];
  /* The header: the first tabbed line naming two columns or more, one of
  ** them 三级指标 (or 指标名称) — the national form's budget rows above the
  ** table have a header of their own (年初预算数 … 分值 执行率 得分); else
  ** the first naming two columns. */
  size_t header = cx->line_count, any = cx->line_count;
  for (size_t i = 0; i < cx->line_count && header == cx->line_count; i++) {
    if (!has_tab(&cx->lines[i])) continue;
    size_t n = tab_cells(&cx->lines[i], cells, lens, GRID_COLUMNS);
    if (header_score(cells, lens, n) < 2) continue;
    if (any == cx->line_count) any = i;
    for (size_t k = 0; k < n; k++)
      if (imp_header_column(cells[k], lens[k]) == COL_NAME) header = i;
  }
  if (header == cx->line_count) header = any;
  if (header == cx->line_count) return false;

  imp_col map[GRID_COLUMNS];
  for (size_t k = 0; k < GRID_COLUMNS; k++) map[k] = COL_COUNT;
  size_t n = tab_cells(&cx->lines[header], cells, lens, GRID_COLUMNS);
  for (size_t k = 0; k < n; k++) map[k] = imp_header_column(cells[k], lens[k]);
  /* The 名称 | 权重 line, just below or above. */
  size_t first_data = header + 1;
  for (size_t d = 0; d < 3; d++) {
    size_t at = d == 2 ? header - 1 : header + 1 + d;
    if (at >= cx->line_count || (d == 2 && header == 0)) continue;
    size_t m = tab_cells(&cx->lines[at], cells, lens, GRID_COLUMNS);
    if (!name_weight_line(cells, lens, m)) continue;
    static const imp_col names[] = {COL_L1, COL_L2, COL_NAME}, weights[] = {COL_L1W, COL_L2W, COL_WEIGHT};
    int level = -1;
    bool placed[COL_COUNT] = {false};
    imp_col sub[GRID_COLUMNS];
    for (size_t k = 0; k < GRID_COLUMNS; k++) sub[k] = COL_COUNT;
    for (size_t k = 0; k < m; k++) {
      const char *t = cells[k];
      size_t len = lens[k];
      imp_trim(&t, &len);
      if (imp_equals(t, len, "名称") && level < 2) sub[k] = names[++level];
      else if (level >= 0 && imp_header_column(t, len) == COL_WEIGHT) sub[k] = weights[level];
    }
    for (size_t k = 0; k < GRID_COLUMNS; k++)
      if (sub[k] != COL_COUNT) placed[sub[k]] = true;
    for (size_t k = 0; k < GRID_COLUMNS; k++) {
      if (sub[k] != COL_COUNT) map[k] = sub[k];
      else if (map[k] != COL_COUNT && placed[map[k]]) map[k] = COL_COUNT; /* the damaged first line's guess */
      else if (map[k] == COL_WEIGHT || map[k] == COL_L1 || map[k] == COL_L2) map[k] = COL_COUNT;
    }
    if (at >= first_data) first_data = at + 1;
    break;
  }
  /* 指标值 without a header, just before 实际完成值. */
  bool has_target = false;
  size_t actual = GRID_COLUMNS;
  for (size_t k = 0; k < GRID_COLUMNS; k++) {
    if (map[k] == COL_TARGET) has_target = true;
    if (map[k] == COL_ACTUAL && actual == GRID_COLUMNS) actual = k;
  }
  if (!has_target && actual > 0 && actual < GRID_COLUMNS && map[actual - 1] == COL_COUNT) {
    map[actual - 1] = COL_TARGET;
    imp_note(cx, RB_IMPORT_LAYOUT, cx->lines[header].number,
             "指标值一列的表头没有读出，按位置（实际完成值的前一列，第 %zu 列）读取：请核对", actual);
  }
  bool has_l1_weight = false, has_l2_weight = false;
  for (size_t k = 0; k < GRID_COLUMNS; k++) {
    has_l1_weight |= map[k] == COL_L1W;
    has_l2_weight |= map[k] == COL_L2W;
  }

  cx->layout = "tabs";
  cx->table_first = cx->lines[header].number;
  size_t first_row = cx->row_count;
  for (size_t i = first_data; i < cx->line_count; i++) {
    const imp_line *l = &cx->lines[i];
    const char *t = l->text;
    size_t tl = l->len;
    imp_trim(&t, &tl);
    if (tl == 0) continue;
    if (!has_tab(l)) break; /* the table has ended */
    size_t m = tab_cells(l, cells, lens, GRID_COLUMNS);
    if (header_score(cells, lens, m) >= 2 || name_weight_line(cells, lens, m)) continue; /* a header repeated */
    imp_row *row = imp_row_new(cx);
    if (!row) return true;
    imp_row_line(row, l->number);
    row->page = l->page;
    bool first_cell = true;
    for (size_t k = 0; k < m; k++) {
      const char *c = cells[k];
      size_t len = lens[k];
      imp_trim(&c, &len);
      if (len == 0) continue;
      bool total = first_cell && (imp_starts(c, len, "合计") || imp_starts(c, len, "总分") || imp_starts(c, len, "总计"));
      first_cell = false;
      if (map[k] == COL_COUNT && total) {
        /* The total row's label under a column of its own (the national
        ** form's 绩效指标 column): it is read as the row's first cell. */
        imp_str_join(cx, &row->cell[COL_L1], c, len);
        continue;
      }
      if (map[k] == COL_COUNT) {
        imp_note(cx, RB_IMPORT_UNPLACED, l->number, "第 %zu 栏的「%s」不在表头的任何一列之下，未读取", k + 1,
                 imp_quote(cx, c, len));
        continue;
      }
      imp_str_join(cx, &row->cell[map[k]], c, len);
    }
    row->l1_block_start = has_l1_weight && row->cell[COL_L1W].len > 0;
    check_label(cx, row, COL_L1, l->number);
    check_label(cx, row, COL_L2, l->number);
    cx->table_last = l->number;
    /* The total row ends the table. */
    for (size_t k = 0; k < m; k++) {
      const char *c = cells[k];
      size_t len = lens[k];
      imp_trim(&c, &len);
      if (len == 0) continue;
      if (imp_starts(c, len, "合计") || imp_starts(c, len, "总分") || imp_starts(c, len, "总计")) i = cx->line_count;
      break;
    }
  }
  size_t rows = cx->row_count - first_row;
  bool starts[1024];
  if (rows > sizeof starts / sizeof starts[0]) rows = sizeof starts / sizeof starts[0];
  for (size_t k = 0; k < rows; k++) {
    const imp_row *row = &cx->rows[first_row + k];
    starts[k] = k == 0 || (has_l1_weight ? row->l1_block_start : row->cell[COL_L1].len > 0);
  }
  carry_labels(cx, first_row, first_row + rows, COL_L1, starts);
  bool l2_starts[1024];
  /* 二级指标 blocks: each one starts where a label or its 权重 is written, and
  ** always where a 一级指标 block starts. */
  for (size_t k = 0; k < rows; k++) {
    const imp_row *row = &cx->rows[first_row + k];
    l2_starts[k] = starts[k] || row->cell[COL_L2].len > 0 || (has_l2_weight && row->cell[COL_L2W].len > 0);
  }
  carry_labels(cx, first_row, first_row + rows, COL_L2, l2_starts);
  return true;
}
