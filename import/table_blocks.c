/*
** table_blocks.c — an indicator table as plain `pdftotext` writes it: one
** block of text per cell, blocks apart by blank lines, in an order of its own.
**
** Without -layout, pdftotext writes each cell (or a few cells it took for one
** paragraph) as a block, and orders the blocks by its reading of the page,
** not by the table: the values of each row come in order (指标值, 实际完成值,
** 分值, 得分), but a merged 一级指标 cell, and a row's 二级/三级指标 when they
** sit in a tall merged area, may come long after the row, gathered with other
** labels.  The reader works on that stream:
**
**   1. Blocks become items: a number alone (NUM), the total (总分), a label
**      of 一级 or 二级指标 recognised by the standard names — even when its
**      pieces are interleaved with other text ("满意度指 满意度指 群众创业热情高"
**      / "标(10分)" / "标" / "涨" is 一级 满意度指标(10分), 二级 满意度指标 and the
**      name 群众创业热情高涨) — and text (a name, a target or an actual).
**   2. Each run of two or more numbers closes a row: the last two are 分值 and
**      得分, a third before them is a numeric 实际完成值.  The text items before
**      the run are, from the right, the actual, the target and the name, with
**      the labels just before the name.
**   3. What a row did not use is kept, in order; rows that found no name take
**      the names kept, in order, with the labels before each.
**   4. A row's 一级指标 is its own label, else the one whose family (产出, 效益,
**      满意度) its standard 二级指标 belongs to, else the row above's.
**
** Every row that had to take a kept name is noted, since the order of blocks
** is pdftotext's guess and the match must be checked against the original.
*/
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

#define BLOCK_WORDS 32

typedef enum item_kind { IT_L1, IT_L2, IT_TEXT, IT_NUM, IT_TOTAL } item_kind;

typedef struct item {
  item_kind kind;
  imp_str text;
  int line;   /* first line number */
  bool used;
} item;

typedef struct items {
  item *v;
  size_t count, room;
} items;

/* A new item at the end of the stream (zeroed but for kind and line); NULL when out of memory. */
static item *item_add(imp_ctx *cx, items *it, item_kind kind, int line) {
  if (it->count == it->room) {
    size_t room = it->room ? it->room * 2 : 64;
    item *bigger = rb_arena_calloc(&cx->arena, room, sizeof *bigger);
    if (!bigger) {
      cx->nomem = true;
      return NULL;
    }
    if (it->count) memcpy(bigger, it->v, it->count * sizeof *bigger);
    it->v = bigger;
    it->room = room;
  }
  item *x = &it->v[it->count++];
  memset(x, 0, sizeof *x);
  x->kind = kind;
  x->line = line;
  return x;
}

/* Words of a header (or of the form's frame around the table). */
static bool header_word(const char *t, size_t n) {
  if (imp_header_column(t, n) != COL_COUNT) return true;
  static const char *const frame[] = {"值", "绩效指标", "实际完成情况", "改进措施", "偏差原因分析及", "年度绩效指标"};
  for (size_t k = 0; k < sizeof frame / sizeof frame[0]; k++)
    if (imp_equals(t, n, frame[k])) return true;
  return false;
}

/* A points note after a 一级指标: "(50分)", "（30分）". */
static bool points_note(const char *t, size_t n) {
  return (t[0] == '(' || imp_starts(t, n, "（")) && (imp_contains(t, n, "分)") || imp_contains(t, n, "分）"));
}

/* A label being put together in a block, and where it starts. */
typedef struct building {
  imp_str text;
  size_t pos;
  bool open;
} building;

/* Turn one block (lines [a, b) of cx->lines) into items. */
static void block_items(imp_ctx *cx, size_t a, size_t b, items *out) {
  imp_word words[BLOCK_WORDS * 8];
  size_t line_of[BLOCK_WORDS * 8], n = 0;
  for (size_t i = a; i < b; i++) {
    size_t m = imp_words(cx->lines[i].text, cx->lines[i].len, words + n, BLOCK_WORDS * 8 - n);
    for (size_t k = 0; k < m; k++) line_of[n + k] = i;
    n += m;
  }
  if (n == 0) return;
  int line = cx->lines[a].number;
  /* The frame's words alone: a header. */
  bool all_header = true;
  for (size_t k = 0; k < n; k++) all_header &= header_word(words[k].text, words[k].len);
  if (all_header) return;
  bool repaired;
  if (imp_starts(words[0].text, words[0].len, "总分") || imp_starts(words[0].text, words[0].len, "合计")) {
    item_add(cx, out, IT_TOTAL, line);
    for (size_t k = 1; k < n; k++) {
      char *num = imp_number(cx, words[k].text, words[k].len, &repaired);
      item *x = num ? item_add(cx, out, IT_NUM, line) : NULL;
      if (x) imp_str_add(cx, &x->text, num, strlen(num));
    }
    return;
  }
  /* A number alone, perhaps damaged by OCR ("100, 00"): repaired, noted. */
  if (b - a == 1) {
    const char *t = cx->lines[a].text;
    size_t tn = cx->lines[a].len;
    imp_trim(&t, &tn);
    char *num = imp_number(cx, t, tn, &repaired);
    if (num && (n == 1 || repaired)) {
      item *x = item_add(cx, out, IT_NUM, line);
      if (x) imp_str_add(cx, &x->text, num, strlen(num));
      if (repaired)
        imp_note(cx, RB_IMPORT_REPAIRED, line, "数字「%s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件",
                 imp_quote(cx, t, tn), num);
      return;
    }
  }
  /* Labels (一级, 二级, and more when a block holds several rows' labels)
  ** and the text around them. */
  enum { LABELS = 4 };
  building lab[LABELS];
  memset(lab, 0, sizeof lab);
  imp_str text = {0};
  size_t text_pos = (size_t)-1, text_line = (size_t)-1;
  for (size_t k = 0; k < n; k++) {
    const imp_word *w = &words[k];
    if (header_word(w->text, w->len) && !imp_equals(w->text, w->len, "值")) continue; /* the frame */
    bool placed = false;
    for (int c = 0; c < LABELS && !placed; c++) {
      building *l = &lab[c];
      /* A complete label takes only its points note or a longer name; a
      ** word that begins a name goes to a new label after the open ones. */
      if (!l->open && c > 0 && !lab[c - 1].open) break;
      if (l->open && points_note(w->text, w->len) &&
          (imp_vocab_match(l->text.s, l->text.len) & (VOCAB_L1 | VOCAB_L2))) {
        imp_str_add(cx, &l->text, w->text, w->len);
        placed = true;
        break;
      }
      imp_str joined = {0};
      if (l->open) imp_str_add(cx, &joined, l->text.s, l->text.len);
      imp_str_add(cx, &joined, w->text, w->len);
      int m = joined.s ? imp_vocab_match(joined.s, joined.len) : VOCAB_NONE;
      if (m == VOCAB_NONE) continue;
      if (l->open && (imp_vocab_match(l->text.s, l->text.len) & (VOCAB_L1 | VOCAB_L2)) && !(m & (VOCAB_L1 | VOCAB_L2)) &&
          !(m & VOCAB_PREFIX))
        continue;
      if (!l->open) {
        l->open = true;
        l->pos = k;
      }
      l->text = joined;
      placed = true;
    }
    if (placed) continue;
    /* Text: one space between words of a line, none across a line break. */
    if (text.len && line_of[k] == text_line) imp_str_add(cx, &text, " ", 1);
    else if (text.len) {
      imp_str_join(cx, &text, w->text, w->len);
      text_line = line_of[k];
      continue;
    }
    if (text_pos == (size_t)-1) text_pos = k;
    imp_str_add(cx, &text, w->text, w->len);
    text_line = line_of[k];
  }
  /* A label that spells no complete name is text after all. */
  for (int c = 0; c < LABELS; c++)
    if (lab[c].open && !(imp_vocab_match(lab[c].text.s, lab[c].text.len) & (VOCAB_L1 | VOCAB_L2))) {
      imp_str merged = {0};
      imp_str_add(cx, &merged, lab[c].text.s, lab[c].text.len);
      if (text.len) imp_str_join(cx, &merged, text.s, text.len);
      text = merged;
      if (lab[c].pos < text_pos) text_pos = lab[c].pos;
      lab[c].open = false;
    }
  /* Emit in the order they start; the text last of all when it starts
  ** after a label (a name follows its labels). */
  size_t order[LABELS + 1];
  for (int c = 0; c < LABELS; c++) order[c] = lab[c].open ? lab[c].pos : (size_t)-1;
  order[LABELS] = text.len ? text_pos : (size_t)-1;
  int emitted = 0;
  for (int round = 0; round <= LABELS; round++) {
    int pick = -1;
    for (int c = 0; c <= LABELS; c++)
      if (order[c] != (size_t)-1 && (pick < 0 || order[c] < order[pick])) pick = c;
    if (pick < 0) break;
    order[pick] = (size_t)-1;
    if (pick == LABELS) {
      item *x = item_add(cx, out, IT_TEXT, line);
      if (x) x->text = text;
      continue;
    }
    const building *l = &lab[pick];
    int m = imp_vocab_match(l->text.s, l->text.len);
    bool l1 = (m & VOCAB_L1) && !(m & VOCAB_L2);
    if ((m & VOCAB_L1) && (m & VOCAB_L2)) {
      /* 满意度指标, 成本指标: 一级 when it carries points, or when it is the
      ** block's first label and another follows. */
      size_t tail = l->text.len > 8 ? 8 : l->text.len;
      bool another = false;
      for (int c = 0; c < LABELS; c++) another |= c != pick && lab[c].open && lab[c].pos > l->pos;
      l1 = points_note(l->text.s + l->text.len - tail, tail) || (emitted == 0 && another);
    }
    item *x = item_add(cx, out, l1 ? IT_L1 : IT_L2, line);
    if (x) x->text = l->text;
    emitted++;
  }
}

typedef struct block_row {
  char *l1, *l2, *name, *target, *actual, *weight, *score;
  int line, name_line;
  bool borrowed;
} block_row;

bool imp_read_blocks(imp_ctx *cx, size_t header) {
  /* The blocks from the header's to the end of the table. */
  items it = {0};
  size_t i = header;
  while (i < cx->line_count) {
    const char *t = cx->lines[i].text;
    size_t n = cx->lines[i].len;
    imp_trim(&t, &n);
    if (n == 0) {
      i++;
      continue;
    }
    /* A block ends at a blank line; a total line (总分, 合计) is a block of its own. */
    size_t b = i;
    while (b < cx->line_count) {
      const char *u = cx->lines[b].text;
      size_t un = cx->lines[b].len;
      imp_trim(&u, &un);
      if (un == 0) break;
      bool total_line = imp_starts(u, un, "总分") || imp_starts(u, un, "合计");
      if (total_line && b > i) break;
      b++;
      if (total_line) break;
    }
    /* Another form begins: the table has ended. */
    char *sq = imp_squeeze(cx, t, n);
    if (i > header && sq && strstr(sq, "绩效自评表")) break;
    block_items(cx, i, b, &it);
    cx->table_last = cx->lines[b - 1].number;
    i = b;
  }
  cx->layout = "flow";
  cx->table_first = cx->lines[header].number;
  /* The total's two numbers end the stream. */
  char *total = NULL;
  int total_line = 0;
  bool has_total = false;
  for (size_t k = 0; k < it.count; k++)
    if (it.v[k].kind == IT_TOTAL) {
      has_total = true;
      total_line = it.v[k].line;
      it.v[k].used = true;
    }
  if (has_total && it.count >= 2 && it.v[it.count - 1].kind == IT_NUM && it.v[it.count - 2].kind == IT_NUM) {
    total = it.v[it.count - 1].text.s;
    it.count -= 2;
  }
  /* Rows: each run of two numbers or more closes one. */
  block_row *rows = rb_arena_calloc(&cx->arena, it.count + 1, sizeof *rows);
  if (!rows) {
    cx->nomem = true;
    return true;
  }
  size_t nrows = 0, from = 0;
  for (size_t k = 0; k < it.count;) {
    if (it.v[k].kind != IT_NUM) {
      k++;
      continue;
    }
    size_t e = k;
    while (e < it.count && it.v[e].kind == IT_NUM) e++;
    if (e - k < 2) {
      k = e;
      continue;
    }
    block_row *r = &rows[nrows++];
    r->score = it.v[e - 1].text.s;
    r->weight = it.v[e - 2].text.s;
    r->line = it.v[e - 2].line;
    if (e - k >= 3) r->actual = it.v[e - 3].text.s;
    for (size_t x = k; x < e; x++) it.v[x].used = true;
    /* From the right: actual, target, name, then the labels before the name. */
    size_t x = k;
    int want = r->actual ? 1 : 2; /* text cells to find before the name */
    while (x > from) {
      x--;
      item *y = &it.v[x];
      if (y->kind != IT_TEXT || y->used) continue;
      if (want == 2) r->actual = y->text.s;
      else if (want == 1) r->target = y->text.s;
      else {
        r->name = y->text.s;
        r->name_line = y->line;
      }
      y->used = true;
      if (want-- == 0) break;
    }
    if (r->name) {
      /* The labels just before the name. */
      for (size_t z = x; z > from; z--) {
        item *y = &it.v[z - 1];
        if (y->used) continue;
        if (y->kind == IT_L2 && !r->l2) r->l2 = y->text.s, y->used = true;
        else if (y->kind == IT_L1 && !r->l1) r->l1 = y->text.s, y->used = true;
        else break;
      }
    }
    from = e;
    k = e;
  }
  /* What rows before the last left unused cannot be moved names (those come
  ** after the rows, with the labels): each such group is a row that could
  ** not be completed — a damaged number breaks a row's run — and is reported. */
  size_t last_from = 0;
  {
    size_t run_end = 0, group_start = 0;
    for (size_t k = 0; k < it.count; k++) {
      if (it.v[k].kind == IT_NUM && it.v[k].used && (k + 1 == it.count || it.v[k + 1].kind != IT_NUM)) {
        /* k ends a closing run: items in [group_start, k] belong to that row's group */
        imp_str left = {0};
        int first_line = 0;
        for (size_t z = group_start; z <= k; z++) {
          item *y = &it.v[z];
          if (y->used || (y->kind != IT_TEXT && y->kind != IT_NUM)) continue;
          imp_str_add(cx, &left, left.len ? "」「" : "「", left.len ? strlen("」「") : strlen("「"));
          imp_str_add(cx, &left, y->text.s, y->text.len);
          if (!first_line) first_line = y->line;
          y->used = true;
        }
        run_end = k + 1;
        if (left.len && k + 1 < it.count) {
          imp_str_add(cx, &left, "」", strlen("」"));
          imp_note(cx, RB_IMPORT_INCOMPLETE, first_line,
                   "这些单元格凑不成完整的一行（%s），未作为指标读取：请对照原件补录", left.s);
        } else if (left.len) {
          /* the last group's leftovers are the pool: give them back */
          for (size_t z = group_start; z <= k; z++)
            if (it.v[z].kind == IT_TEXT || it.v[z].kind == IT_NUM) {
              bool in_row = false;
              for (size_t r = 0; r < nrows && !in_row; r++)
                in_row = it.v[z].text.s == rows[r].name || it.v[z].text.s == rows[r].target ||
                         it.v[z].text.s == rows[r].actual || it.v[z].text.s == rows[r].weight ||
                         it.v[z].text.s == rows[r].score;
              if (!in_row) it.v[z].used = false;
            }
        }
        last_from = group_start;
        group_start = run_end;
      }
    }
  }
  /* Rows without a name take the names left over, in order, with their labels. */
  size_t pool = last_from;
  for (size_t r = 0; r < nrows; r++) {
    if (rows[r].name) continue;
    while (pool < it.count && (it.v[pool].used || it.v[pool].kind != IT_TEXT)) pool++;
    if (pool == it.count) break;
    rows[r].name = it.v[pool].text.s;
    rows[r].name_line = it.v[pool].line;
    rows[r].borrowed = true;
    it.v[pool].used = true;
    for (size_t z = pool; z > 0; z--) {
      item *y = &it.v[z - 1];
      if (y->used || (y->kind != IT_L1 && y->kind != IT_L2)) break;
      if (y->kind == IT_L2 && !rows[r].l2) rows[r].l2 = y->text.s, y->used = true;
      else if (y->kind == IT_L1 && !rows[r].l1) rows[r].l1 = y->text.s, y->used = true;
      else break;
    }
    imp_note(cx, RB_IMPORT_SPLIT, rows[r].line,
             "这一行的三级指标名称在 pdftotext 的输出中排在别处（第 %d 行「%s」），按顺序配给这一行：请对照原件核对",
             rows[r].name_line, imp_quote(cx, rows[r].name, strlen(rows[r].name)));
  }
  /* 一级指标: the row's own, else by the family of its 二级指标, else the row above's. */
  char *l1_labels[16];
  size_t nl1 = 0;
  for (size_t k = 0; k < it.count; k++)
    if (it.v[k].kind == IT_L1 && nl1 < 16) l1_labels[nl1++] = it.v[k].text.s;
  for (size_t r = 0; r < nrows; r++)
    if (rows[r].l1 && nl1 < 16) l1_labels[nl1++] = rows[r].l1;
  char *l1 = NULL, *l2 = NULL;
  for (size_t r = 0; r < nrows; r++) {
    if (rows[r].l2) l2 = rows[r].l2;
    else rows[r].l2 = l2;
    if (!rows[r].l1) {
      const char *fam = imp_level_family(rows[r].l2, true);
      for (size_t k = 0; k < nl1 && fam; k++)
        if (imp_level_family(l1_labels[k], false) && strcmp(imp_level_family(l1_labels[k], false), fam) == 0) rows[r].l1 = l1_labels[k];
      if (!rows[r].l1) rows[r].l1 = l1;
    }
    if (rows[r].l1 && l1 && strcmp(rows[r].l1, l1) != 0 && !rows[r].l2) rows[r].l2 = NULL;
    l1 = rows[r].l1;
  }
  /* The rows, and what is left: a 二级 label with a lone number is a
  ** placeholder row (生态效益指标 … 0); other text is noted. */
  for (size_t r = 0; r < nrows; r++) {
    imp_row *row = imp_row_new(cx);
    if (!row) return true;
    const char *cells[] = {rows[r].l1, rows[r].l2, rows[r].name, rows[r].target, rows[r].actual, rows[r].weight, rows[r].score};
    const imp_col cols[] = {COL_L1, COL_L2, COL_NAME, COL_TARGET, COL_ACTUAL, COL_WEIGHT, COL_SCORE};
    for (size_t c = 0; c < 7; c++)
      if (cells[c]) imp_str_add(cx, &row->cell[cols[c]], cells[c], strlen(cells[c]));
    imp_row_line(row, rows[r].line);
    if (rows[r].name_line) imp_row_line(row, rows[r].name_line);
  }
  for (size_t k = 0; k < it.count; k++) {
    item *y = &it.v[k];
    if (y->used) continue;
    if (y->kind == IT_L2 && k + 1 < it.count && it.v[k + 1].kind == IT_NUM && !it.v[k + 1].used) {
      imp_row *row = imp_row_new(cx);
      if (!row) return true;
      imp_str_add(cx, &row->cell[COL_L2], y->text.s, y->text.len);
      imp_str_add(cx, &row->cell[COL_WEIGHT], it.v[k + 1].text.s, it.v[k + 1].text.len);
      imp_row_line(row, y->line);
      it.v[k + 1].used = true;
      continue;
    }
    if (y->kind == IT_TEXT || y->kind == IT_NUM)
      imp_note(cx, RB_IMPORT_UNPLACED, y->line, "「%s」在指标表里，但配不上任何一行，未读取：请对照原件",
               imp_quote(cx, y->text.s, y->text.len));
  }
  if (total) {
    imp_row *row = imp_row_new(cx);
    if (row) {
      imp_str_add(cx, &row->cell[COL_NAME], "总分", strlen("总分"));
      imp_str_add(cx, &row->cell[COL_SCORE], total, strlen(total));
      imp_row_line(row, total_line);
    }
  }
  return true;
}
