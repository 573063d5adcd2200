/*
** rows.c — from the rows a table reader assembled to indicators.
**
** Whatever the layout, the same questions follow once a row's cells are
** known, and they are answered here once:
**
**   - Two rows printed so close that extraction ran them together: the
**     target, actual and score cells each hold k values ("≥9人 ≥6次",
**     "9人 7次", "3. 64 3. 64") and the next row's name cell holds the names
**     that lack values.  They are separated again, with a SPLIT note.
**   - A total row (合计, 总计, 总分): its 得分 is the stated total.
**   - A placeholder row ("-" for name and target, as tables list 经济效益指标
**     when they have none): not an indicator; noted if it holds figures.
**   - A row with a name and a score but no target and no actual (the 决策
**     rows of a Guangdong 评分表, judged by the evaluator): a self score at
**     [一级指标, 三级指标], not an indicator, noted.
**   - A row that cannot be completed — figures but no name, a name with
**     nothing else: reported (INCOMPLETE), never dropped in silence.
**   - 分值 and 得分 read as exact decimals, repaired where OCR damaged them
**     (REPAIRED, with the text as printed), noted when they are not numbers.
**   - Names cleaned of the spaces a line break left between Chinese
**     characters (REPAIRED when that changed the text).
*/
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

imp_row *imp_row_new(imp_ctx *cx) {
  if (cx->row_count == cx->row_room) {
    size_t room = cx->row_room ? cx->row_room * 2 : 32;
    imp_row *bigger = rb_arena_calloc(&cx->arena, room, sizeof *bigger);
    if (!bigger) {
      cx->nomem = true;
      return NULL;
    }
    if (cx->row_count) memcpy(bigger, cx->rows, cx->row_count * sizeof *bigger);
    cx->rows = bigger;
    cx->row_room = room;
  }
  imp_row *row = &cx->rows[cx->row_count++];
  memset(row, 0, sizeof *row);
  return row;
}

void imp_row_line(imp_row *row, int line) {
  for (int k = 0; k < row->line_count; k++)
    if (row->lines[k] == line) return;
  if (row->line_count < IMP_ROW_LINES) {
    /* Kept in order: lines arrive mostly in order, sometimes not (layout). */
    int k = row->line_count++;
    while (k > 0 && row->lines[k - 1] > line) {
      row->lines[k] = row->lines[k - 1];
      k--;
    }
    row->lines[k] = line;
  }
}

static int row_line(const imp_row *row) { return row->line_count ? row->lines[0] : 0; }

static const char *cell(const imp_row *row, imp_col c) { return row->cell[c].s ? row->cell[c].s : ""; }
static size_t cell_len(const imp_row *row, imp_col c) { return row->cell[c].len; }

static bool blank(const imp_row *row, imp_col c) {
  const char *t = cell(row, c);
  size_t n = cell_len(row, c);
  imp_trim(&t, &n);
  return n == 0;
}

/* ---- Rows run together ------------------------------------------------------ */

/* Split a cell into the values it holds, at spaces, keeping "3. 64" and
** "3, 63" (a number broken at its point) and "900 家" (a number and its
** unit) whole.  Returns the count (at most max). */
static size_t split_values(imp_ctx *cx, const char *text, size_t len, char **out, size_t max) {
  imp_word words[32];
  size_t n = imp_words(text, len, words, 32), count = 0;
  for (size_t i = 0; i < n && count < max;) {
    const char *start = words[i].text;
    const char *end = words[i].text + words[i].len;
    i++;
    for (;;) {
      char last = end[-1];
      if (i < n && (last == '.' || last == ',') && imp_word_is_value(words[i].text, words[i].len)) {
        end = words[i].text + words[i].len;
        i++;
      } else if (i < n && imp_word_is_unit(words[i].text, words[i].len) && imp_word_is_value(start, (size_t)(end - start)) &&
                 !(end[-1] & 0x80)) {
        end = words[i].text + words[i].len; /* "900 家" */
        i++;
      } else {
        break;
      }
    }
    out[count++] = imp_strndup(cx, start, (size_t)(end - start));
  }
  return count;
}

/* Whether row i holds k > 1 values in each of its value cells and the next
** row's name supplies the missing names; if so, make the rows again. */
static void split_stacked(imp_ctx *cx, size_t i) {
  imp_row *row = &cx->rows[i];
  static const imp_col value_cols[] = {COL_TARGET, COL_ACTUAL, COL_SCORE};
  char *values[3][8];
  size_t k = 0;
  for (size_t c = 0; c < 3; c++) {
    if (blank(row, value_cols[c])) return;
    size_t n = split_values(cx, cell(row, value_cols[c]), cell_len(row, value_cols[c]), values[c], 8);
    if (n < 2 || (k && n != k)) return;
    k = n;
  }
  if (i + 1 >= cx->row_count) return;
  imp_row *next = &cx->rows[i + 1];
  imp_word own[16], more[16];
  size_t own_n = imp_words(cell(row, COL_NAME), cell_len(row, COL_NAME), own, 16);
  size_t more_n = imp_words(cell(next, COL_NAME), cell_len(next, COL_NAME), more, 16);
  /* The names: this row's (one per value set it keeps) and the next row's
  ** words, of which the last names the next row itself. */
  if (own_n != 1 || more_n != k) return;
  char *was_target = imp_quote(cx, cell(row, COL_TARGET), cell_len(row, COL_TARGET));
  char *was_names = imp_quote(cx, cell(next, COL_NAME), cell_len(next, COL_NAME));
  /* Make room for k - 1 new rows after row i. */
  for (size_t extra = 1; extra < k; extra++)
    if (!imp_row_new(cx)) return;
  row = &cx->rows[i];
  next = &cx->rows[i + 1];
  memmove(&cx->rows[i + k], &cx->rows[i + 1], (cx->row_count - (i + k)) * sizeof *cx->rows);
  imp_row base = cx->rows[i];
  imp_row *after = &cx->rows[i + k]; /* the former next row */
  for (size_t v = 0; v < k; v++) {
    imp_row *r = &cx->rows[i + v];
    if (v > 0) {
      *r = base;
      memset(&r->cell[COL_NAME], 0, sizeof r->cell[COL_NAME]);
      imp_str_add(cx, &r->cell[COL_NAME], more[v - 1].text, more[v - 1].len);
      imp_row_line(r, row_line(after));
    }
    for (size_t c = 0; c < 3; c++) {
      memset(&r->cell[value_cols[c]], 0, sizeof r->cell[value_cols[c]]);
      imp_str_add(cx, &r->cell[value_cols[c]], values[c][v], strlen(values[c][v]));
    }
  }
  imp_str name = {0};
  imp_str_add(cx, &name, more[k - 1].text, more[k - 1].len);
  after->cell[COL_NAME] = name;
  imp_note(cx, RB_IMPORT_SPLIT, row_line(&cx->rows[i]),
           "这一行与下一行在 PDF 提取时连在一起（指标值「%s」、名称「%s」），已按 %zu 行拆开：请核对", was_target,
           was_names, k + 1);
}

/* ---- Figures ---------------------------------------------------------------- */

/* A column's name for a note, in the notes' language. */
static const char *col_name(const imp_ctx *cx, imp_col c) {
  switch (c) {
  case COL_WEIGHT: return rb_from_zh(cx->lang, "分值");
  case COL_SCORE: return rb_from_zh(cx->lang, "得分");
  case COL_TARGET: return rb_from_zh(cx->lang, "指标值");
  case COL_ACTUAL: return rb_from_zh(cx->lang, "实际完成值");
  case COL_NAME: return rb_from_zh(cx->lang, "三级指标");
  default: return rb_from_zh(cx->lang, "单元格");
  }
}

/* A 分值 or 得分 cell as a decimal, noted when repaired or unreadable; NULL
** when blank or not a number. */
static char *figure(imp_ctx *cx, const imp_row *row, imp_col c) {
  if (blank(row, c) || imp_is_placeholder(cell(row, c), cell_len(row, c))) return NULL;
  bool repaired;
  char *n = imp_number(cx, cell(row, c), cell_len(row, c), &repaired);
  char *q = imp_quote(cx, cell(row, c), cell_len(row, c));
  if (n && c == COL_WEIGHT && n[0] == '-') {
    imp_note(cx, RB_IMPORT_NOT_NUMBER, row_line(row), "分值「%s」是负数，分值不能为负，未读取：请核对原件", q);
    return NULL;
  }
  if (!n)
    imp_note(cx, RB_IMPORT_NOT_NUMBER, row_line(row), "%s「%s」不是数字，未作为%s读取", col_name(cx, c), q, col_name(cx, c));
  else if (repaired)
    imp_note(cx, RB_IMPORT_REPAIRED, row_line(row), "%s「%s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", col_name(cx, c),
             q, n);
  return n;
}

/* The text of a cell, trimmed, in the arena; NULL when blank. */
static char *text_of(imp_ctx *cx, const imp_row *row, imp_col c) {
  const char *t = cell(row, c);
  size_t n = cell_len(row, c);
  imp_trim(&t, &n);
  return n ? imp_strndup(cx, t, n) : NULL;
}

/* Whether the row's first non-blank cell says it is the total row. */
static bool is_total_row(const imp_row *row) {
  for (int c = 0; c < COL_COUNT; c++) {
    if (blank(row, (imp_col)c)) continue;
    const char *t = cell(row, (imp_col)c);
    size_t n = cell_len(row, (imp_col)c);
    imp_trim(&t, &n);
    static const char *const totals[] = {"合计", "总计", "总分", "合 计", "总 分"};
    for (size_t k = 0; k < sizeof totals / sizeof totals[0]; k++)
      if (imp_starts(t, n, totals[k])) return true;
    return false;
  }
  return false;
}

/* Describe a row's cells for a note: "指标值「…」，得分「…」". */
static char *describe(imp_ctx *cx, const imp_row *row) {
  static const imp_col shown[] = {COL_NAME, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE};
  char *out = imp_printf(cx, "%s", "");
  for (size_t k = 0; out && k < sizeof shown / sizeof shown[0]; k++) {
    if (blank(row, shown[k])) continue;
    out = imp_printf(cx, rb_from_zh(cx->lang, "%s%s%s「%s」"), out, out[0] ? rb_from_zh(cx->lang, "，") : "",
                     col_name(cx, shown[k]),
                     imp_quote(cx, cell(row, shown[k]), cell_len(row, shown[k])));
  }
  return out;
}

/* A judged row's score as a self score at [level1, name] (or [name]), once per path. */
static void add_self_score(imp_ctx *cx, char *l1, char *name, char *score) {
  if (cx->self_score_count >= sizeof cx->self_scores / sizeof cx->self_scores[0]) return;
  for (size_t k = 0; k < cx->self_score_count; k++) {
    imp_self_score *s = &cx->self_scores[k];
    if (s->depth == (l1 ? 2 : 1) && strcmp(s->path[s->depth - 1], name) == 0 && (!l1 || strcmp(s->path[0], l1) == 0))
      return; /* a path may be given once */
  }
  imp_self_score *s = &cx->self_scores[cx->self_score_count++];
  s->depth = 0;
  if (l1) s->path[s->depth++] = l1;
  s->path[s->depth++] = name;
  s->score = score;
}

/* A label or name, cleaned of wrap spaces; noted when that changed it. */
static char *clean_name(imp_ctx *cx, const imp_row *row, imp_col c, bool note) {
  const char *t = cell(row, c);
  size_t n = cell_len(row, c);
  imp_trim(&t, &n);
  if (n == 0) return NULL;
  bool changed;
  char *out = imp_unwrap_spaces(cx, t, n, &changed);
  if (changed && note && out)
    imp_note(cx, RB_IMPORT_REPAIRED, row_line(row), "%s「%s」中的空格是 PDF 换行留下的，已删除，读作「%s」", col_name(cx, c),
             imp_quote(cx, t, n), out);
  return out;
}

/* A merged 一级指标 cell's span is where the layout is least sure; the national
** form fixes which 二级指标 belong to which 一级指标.  A row whose standard
** 二级指标 belongs to another family than its 一级指标 takes the table's own
** 一级指标 label of that family, when the table has one, with a note. */
static void fix_families(imp_ctx *cx) {
  for (size_t i = 0; i < cx->row_count; i++) {
    imp_row *row = &cx->rows[i];
    if (!row->cell[COL_L1].len || !row->cell[COL_L2].len) continue;
    const char *want = imp_level_family(row->cell[COL_L2].s, true);
    const char *have = imp_level_family(row->cell[COL_L1].s, false);
    if (!want || !have || strcmp(want, have) == 0) continue;
    for (size_t j = 0; j < cx->row_count; j++) {
      const imp_str *other = &cx->rows[j].cell[COL_L1];
      const char *f = other->len ? imp_level_family(other->s, false) : NULL;
      if (!f || strcmp(f, want) != 0) continue;
      imp_note(cx, RB_IMPORT_LAYOUT, row_line(row), "「%s」的一级指标按其二级指标「%s」读作「%s」（排版上读作「%s」）：请核对",
               cell(row, COL_NAME), row->cell[COL_L2].s, other->s, row->cell[COL_L1].s);
      row->cell[COL_L1] = *other;
      break;
    }
  }
}

void imp_rows_finish(imp_ctx *cx) {
  for (size_t i = 0; i < cx->row_count; i++) split_stacked(cx, i);
  fix_families(cx);
  cx->indicators = rb_arena_calloc(&cx->arena, cx->row_count ? cx->row_count : 1, sizeof *cx->indicators);
  if (!cx->indicators) {
    cx->nomem = true;
    return;
  }
  for (size_t i = 0; i < cx->row_count && !cx->nomem; i++) {
    const imp_row *row = &cx->rows[i];
    int line = row_line(row);
    if (is_total_row(row)) {
      char *total = figure(cx, row, COL_SCORE);
      if (total && !cx->self_total.has) cx->self_total = (imp_figure){.has = true, .text = total, .line = line};
      continue;
    }
    bool no_name = blank(row, COL_NAME) || imp_is_placeholder(cell(row, COL_NAME), cell_len(row, COL_NAME));
    bool no_target = blank(row, COL_TARGET) || imp_is_placeholder(cell(row, COL_TARGET), cell_len(row, COL_TARGET));
    bool no_actual = blank(row, COL_ACTUAL) || imp_is_placeholder(cell(row, COL_ACTUAL), cell_len(row, COL_ACTUAL));
    bool no_weight = blank(row, COL_WEIGHT) || imp_is_placeholder(cell(row, COL_WEIGHT), cell_len(row, COL_WEIGHT));
    bool no_score = blank(row, COL_SCORE) || imp_is_placeholder(cell(row, COL_SCORE), cell_len(row, COL_SCORE));
    char *level1 = clean_name(cx, row, COL_L1, false), *level2 = clean_name(cx, row, COL_L2, false);
    if (no_name && no_target) {
      /* A placeholder row; its figures would vanish with it. */
      if (!(no_actual && no_weight && no_score))
      {
        if (level2)
          imp_note(cx, RB_IMPORT_SKIPPED, line, "%s 这一行没有三级指标名称，未作为指标读取（%s）", level2, describe(cx, row));
        else
          imp_note(cx, RB_IMPORT_SKIPPED, line, "这一行没有三级指标名称，未作为指标读取（%s）", describe(cx, row));
      }
      continue;
    }
    if (no_name) {
      imp_note(cx, RB_IMPORT_INCOMPLETE, line, "这一行读不出三级指标名称，未作为指标读取（%s）：请对照原件补录",
               describe(cx, row));
      continue;
    }
    char *name = clean_name(cx, row, COL_NAME, true);
    if (no_target && no_actual && !(no_weight && no_score)) {
      /* A judged item (决策 rows): a self score, not an indicator. */
      char *score = figure(cx, row, COL_SCORE);
      if (score) {
        add_self_score(cx, level1, name, score);
        imp_note(cx, RB_IMPORT_JUDGED, line, "「%s」没有指标值和实际完成值，其得分 %s 作为自评分读取（%s%s%s）", name,
                 score, level1 ? level1 : "", level1 ? " › " : "", name);
      } else {
        imp_note(cx, RB_IMPORT_INCOMPLETE, line, "「%s」没有指标值、实际完成值和得分，未作为指标读取（%s）", name,
                 describe(cx, row));
      }
      continue;
    }
    if (no_target && no_actual && no_weight && no_score) {
      imp_note(cx, RB_IMPORT_INCOMPLETE, line, "「%s」只有名称，没有指标值、实际完成值和分值，未作为指标读取：请对照原件",
               name);
      continue;
    }
    imp_indicator *ind = &cx->indicators[cx->indicator_count++];
    ind->level1 = level1;
    ind->level2 = level2;
    ind->name = name;
    ind->target = text_of(cx, row, COL_TARGET);
    ind->actual = text_of(cx, row, COL_ACTUAL);
    ind->weight = figure(cx, row, COL_WEIGHT);
    ind->score = figure(cx, row, COL_SCORE);
    ind->note = text_of(cx, row, COL_NOTE);
    memcpy(ind->lines, row->lines, sizeof ind->lines);
    ind->line_count = row->line_count;
    ind->page = row->page;
    if (!ind->target)
      imp_note(cx, RB_IMPORT_LAYOUT, line, "指标「%s」读不出指标值，按没有指标值读取：请对照原件", name);
  }
}
