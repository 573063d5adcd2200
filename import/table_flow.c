/*
** table_flow.c — an indicator table whose cells follow one another.
**
** Plain `pdftotext` (without -layout) and copying text out of a PDF viewer
** give a table cell after cell: the cells of a row that fit on one line share
** it, separated by a space ("高新技术企业推荐数量 900 家 949"); a cell of
** several lines comes as those lines ("年度阅读量" / "10000 次以" / "上" /
** "10000 次以" / "上"); merged 一级/二级指标 labels come once, broken too
** ("可持续影" / "响指标").  Columns have no positions here, only an order, which
** the header gives (三级指标, then 指标值, 实际完成值, 分值, 得分 as printed).
**
** Labels are recognised by the standard level names (cells.c): lines that
** together spell one, or begin one, are a label, not a row.  The other lines
** between two labels are cut into rows, and each row's text into its cells,
** by the reading that makes the most sense of it: a value cell that reads as a
** number with its unit ("900 家", "≥90%") is likely, a cell that is one lone
** character or a bare unit is not, a cell of several lines occupies whole
** lines, a 分值 or 得分 must be a number.  The best cut of the lines into rows
** and of each row into cells is found by dynamic programming.
**
** The table ends at the total row, at a heading ("（四）…", "三、…", "表 3")
** or at a line of running prose.
*/
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

#define FLOW_WORDS 32
#define FLOW_ROW_LINES 7
#define FLOW_SEGMENT 160
#define FLOW_ROW_WORDS 24 /* words a row of the table may have */

/* The value columns after 三级指标, in order. */
typedef struct flow_columns {
  imp_col col[6];
  size_t count;
} flow_columns;

/* A line's words. */
typedef struct flow_line {
  size_t index; /* in cx->lines */
  imp_word words[FLOW_WORDS];
  size_t n;
} flow_line;

static bool has_digit(const char *t, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (t[i] >= '0' && t[i] <= '9') return true;
  return false;
}

/* A word of a row's lines, with the line (within the row) it is on. */
typedef struct token {
  const char *text;
  size_t len;
  int line; /* index in the row's lines */
} token;

static size_t chars_of(const token *t, size_t a, size_t b) {
  size_t c = 0;
  for (size_t k = a; k < b; k++) c += rb_utf8_count(t[k].text, t[k].len);
  return c;
}

/* How likely tokens [a, b) of a row are as its cell for column col: positive
** for a likely reading (a number with its unit under 指标值), negative for an
** unlikely one (a lone character, a name beginning with a figure, two values
** in one cell); -100 for an impossible one (a 分值 that is no number). */
static double cell_score(imp_ctx *cx, const token *t, size_t a, size_t b, imp_col col) {
  if (b <= a) return -100;
  size_t chars = chars_of(t, a, b);
  bool numeric = imp_word_is_value(t[a].text, t[a].len);
  bool units = true;
  for (size_t k = a + 1; k < b; k++)
    if (!(imp_word_is_unit(t[k].text, t[k].len) || (t[k].line != t[k - 1].line && chars_of(t, k, k + 1) <= 2)))
      units = false;
  bool digits = false;
  for (size_t k = a; k < b; k++) digits |= has_digit(t[k].text, t[k].len);
  if (col == COL_WEIGHT || col == COL_SCORE) {
    bool repaired;
    if (b - a == 1 && imp_number(cx, t[a].text, t[a].len, &repaired)) return 3;
    return -100;
  }
  /* A cell of several lines starts with a full line, not one character. */
  double wrap = 0;
  if (t[b - 1].line != t[a].line) {
    size_t first = a;
    while (first + 1 < b && t[first + 1].line == t[a].line) first++;
    if (chars_of(t, a, first + 1) <= 2) wrap = 4;
  }
  if (col == COL_NAME) {
    if (numeric) return -5;
    if (wrap) return -wrap;
    /* Two Chinese words apart on one line are two cells, not one name. */
    for (size_t k = a + 1; k < b; k++) {
      size_t pi = 0;
      int32_t first = rb_utf8_next(t[k].text, t[k].len, &pi);
      unsigned char last = (unsigned char)t[k - 1].text[t[k - 1].len - 1];
      if (t[k].line == t[k - 1].line && first >= 0x3400 && last >= 0x80) return -2;
    }
    if (chars <= 1) return -5;
    if (chars <= 3) return -4; /* names are longer */
    for (size_t k = a + 1; k < b; k++)
      if (imp_word_is_value(t[k].text, t[k].len)) return -3; /* a figure inside: the values begin there */
    return 1;
  }
  /* 指标值, 实际完成值. */
  if (wrap) return -wrap;
  /* A bound's end (以上, 前 …) followed by another figure: two values, not one. */
  static const char *const ends[] = {"以上", "以下", "以内", "之前", "之后", "前", "后"};
  for (size_t k = a; k < b; k++)
    for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++) {
      size_t el = strlen(ends[e]);
      const char *x = t[k].text;
      size_t xn = t[k].len;
      for (size_t q = 0; q + el <= xn; q++)
        if (memcmp(x + q, ends[e], el) == 0) {
          bool more = q + el < xn ? (x[q + el] >= '0' && x[q + el] <= '9') : k + 1 < b && imp_word_is_value(t[k + 1].text, t[k + 1].len);
          if (more) return -4;
        }
    }
  /* A value broken over lines at no space ("2023年12月" / "31日前"): one value. */
  bool one_word = true;
  for (size_t k = a + 1; k < b; k++) one_word &= t[k].line != t[k - 1].line && !imp_word_is_unit(t[k].text, t[k].len);
  if (numeric && one_word && b - a > 1) return 3;
  if (numeric && units) return 3;
  if (numeric) return 0.5;
  if (chars <= 1) return -5;
  if (b - a == 1 && imp_word_is_unit(t[a].text, t[a].len) && chars <= 2) return -3;
  if (!rb_utf8_has_ideograph(t[a].text, t[a].len)) return -2; /* "R&D": a piece of a name */
  /* Words of a qualitative cell written on one line apart are two cells. */
  double apart = 0;
  for (size_t k = a + 1; k < b; k++)
    if (t[k].line == t[k - 1].line) apart += 2;
  if (digits) return 0;
  return (chars <= 14 ? 1 : 0) - apart;
}

/* The best reading of lines [from, to) as one row: name then the value
** columns.  Returns its score (-1e9 when it cannot be one) and fills cuts[]
** (token index where each cell starts; cuts[cells] = token count). */
static double row_score(imp_ctx *cx, const flow_line *lines, size_t from, size_t to, const flow_columns *fc,
                        size_t *best_cuts, token *tokens, size_t *ntokens) {
  size_t n = 0, words = 0;
  for (size_t l = from; l < to; l++) {
    words += lines[l].n;
    for (size_t k = 0; k < lines[l].n && n < 64; k++)
      tokens[n++] = (token){lines[l].words[k].text, lines[l].words[k].len, (int)(l - from)};
  }
  *ntokens = n;
  size_t cells = 1 + fc->count;
  /* A row of more words than a table row holds is no row; the bound also
  ** keeps the number of readings tried small (at most C(23, 5)). */
  if (n < cells || words > FLOW_ROW_WORDS) return -1e9;
  imp_col order[8];
  order[0] = COL_NAME;
  for (size_t c = 0; c < fc->count; c++) order[c + 1] = fc->col[c];
  /* Enumerate cuts: cells - 1 boundaries among the n - 1 gaps. */
  size_t cuts[8];
  double best = -1e9;
  cuts[0] = 0;
  cuts[cells] = n;
  /* Iterative odometer over increasing boundaries. */
  size_t k = 1;
  cuts[1] = 0;
  for (;;) {
    if (k == cells) {
      /* Evaluate: a cell of several lines must start and end at line ends. */
      double s = 0;
      bool ok = true;
      for (size_t c = 0; c < cells && ok; c++) {
        size_t a = cuts[c], b = cuts[c + 1];
        if (tokens[a].line != tokens[b - 1].line) {
          bool starts = a == 0 || tokens[a - 1].line != tokens[a].line;
          bool ends = b == n || tokens[b].line != tokens[b - 1].line;
          if (!starts || !ends) ok = false;
        }
        if (ok) s += cell_score(cx, tokens, a, b, order[c]);
      }
      if (ok && s > best) {
        best = s;
        memcpy(best_cuts, cuts, (cells + 1) * sizeof *cuts);
      }
      k--;
    }
    if (k == 0) break;
    cuts[k]++;
    size_t limit = n - (cells - k); /* room for the cells after */
    if (cuts[k] > limit) {
      k--;
      if (k == 0) break;
      continue;
    }
    if (cuts[k] <= cuts[k - 1]) continue;
    if (k + 1 < cells) cuts[k + 1] = cuts[k];
    k++;
  }
  return best;
}

/* Cut lines [from, to) into rows, best first, and add them. */
static void read_segment(imp_ctx *cx, const flow_line *lines, size_t from, size_t to, const flow_columns *fc,
                         const imp_str *l1, const imp_str *l2) {
  size_t n = to - from;
  if (n == 0) return;
  if (n > FLOW_SEGMENT) n = FLOW_SEGMENT;
  double best[FLOW_SEGMENT + 1];
  size_t back[FLOW_SEGMENT + 1];
  best[0] = 0;
  token tokens[64];
  size_t ntokens, cuts[8];
  for (size_t i = 1; i <= n; i++) {
    best[i] = -1e18;
    back[i] = i - 1;
    for (size_t j = i > FLOW_ROW_LINES ? i - FLOW_ROW_LINES : 0; j < i; j++) {
      if (best[j] <= -1e17) continue;
      double s = row_score(cx, lines, from + j, from + i, fc, cuts, tokens, &ntokens);
      if (s <= -1e8) s = -50; /* lines that make no row: kept, reported */
      s -= 2;                 /* one row more: when two readings are as good, the fewer rows */
      if (best[j] + s > best[i]) {
        best[i] = best[j] + s;
        back[i] = j;
      }
    }
  }
  /* Walk back, then add the rows in order. */
  size_t starts[FLOW_SEGMENT + 1], count = 0;
  for (size_t i = n; i > 0; i = back[i]) starts[count++] = back[i];
  for (size_t r = count; r-- > 0;) {
    size_t a = starts[r], b = r ? starts[r - 1] : n;
    imp_row *row = imp_row_new(cx);
    if (!row) return;
    if (l1->len) imp_str_add(cx, &row->cell[COL_L1], l1->s, l1->len);
    if (l2->len) imp_str_add(cx, &row->cell[COL_L2], l2->s, l2->len);
    for (size_t l = a; l < b; l++) imp_row_line(row, cx->lines[lines[from + l].index].number);
    row->page = cx->lines[lines[from + a].index].page;
    double s = row_score(cx, lines, from + a, from + b, fc, cuts, tokens, &ntokens);
    if (s <= -1e8) {
      /* No reading: all of it under the name, for the row to be reported. */
      for (size_t t = 0; t < ntokens; t++) imp_str_join(cx, &row->cell[COL_NAME], tokens[t].text, tokens[t].len);
      continue;
    }
    size_t cells = 1 + fc->count;
    for (size_t c = 0; c < cells; c++) {
      imp_col col = c == 0 ? COL_NAME : fc->col[c - 1];
      for (size_t t = cuts[c]; t < cuts[c + 1]; t++) {
        if (t > cuts[c] && tokens[t].line == tokens[t - 1].line) imp_str_add(cx, &row->cell[col], " ", 1);
        else if (t > cuts[c]) {
          imp_str_join(cx, &row->cell[col], tokens[t].text, tokens[t].len);
          continue;
        }
        imp_str_add(cx, &row->cell[col], tokens[t].text, tokens[t].len);
      }
    }
  }
}

/* Whether a line ends the table: a heading or running prose. */
static bool table_ends(const imp_line *l) {
  const char *t = l->text;
  size_t n = l->len;
  imp_trim(&t, &n);
  if (imp_starts(t, n, "（") || imp_starts(t, n, "(")) {
    size_t i = imp_starts(t, n, "（") ? 3 : 1;
    static const char *const numerals[] = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    for (size_t k = 0; k < 10; k++)
      if (imp_starts(t + i, n - i, numerals[k])) return true;
  }
  static const char *const numerals[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、"};
  for (size_t k = 0; k < 10; k++)
    if (imp_starts(t, n, numerals[k])) return true;
  if (imp_starts(t, n, "表 ") || imp_starts(t, n, "表1") || imp_starts(t, n, "表2") || imp_starts(t, n, "表3")) return true;
  /* Prose: a long line with a full stop or several commas. */
  return rb_utf8_count(t, n) > 30 && (imp_contains(t, n, "。") || imp_contains(t, n, "，"));
}

bool imp_read_flow(imp_ctx *cx) {
  size_t header = cx->line_count;
  for (size_t i = 0; i < cx->line_count && header == cx->line_count; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (sq && (strstr(sq, "三级指标") || strstr(sq, "指标名称"))) header = i;
  }
  if (header == cx->line_count) return false;
  /* Cells as blocks with blank lines between (plain pdftotext): a reader of
  ** their own.  There the header too comes a cell at a time ("三级指标" alone
  ** on its line); a flowing table's header names its columns on one line. */
  imp_word hw[FLOW_WORDS];
  size_t hn = imp_words(cx->lines[header].text, cx->lines[header].len, hw, FLOW_WORDS), header_named = 0;
  for (size_t k = 0; k < hn; k++)
    if (imp_header_column(hw[k].text, hw[k].len) != COL_COUNT) header_named++;
  size_t blank = 0, seen = 0;
  for (size_t j = header; j < cx->line_count && seen < 60; j++, seen++) {
    const char *u = cx->lines[j].text;
    size_t un = cx->lines[j].len;
    imp_trim(&u, &un);
    if (un == 0) blank++;
  }
  if (header_named <= 1 && seen >= 10 && blank * 4 >= seen) return imp_read_blocks(cx, header);
  /* The value columns: header words after 三级指标, on its line and the lines
  ** that hold only header words (a header one word a line). */
  flow_columns fc = {0};
  size_t i = header;
  bool after_name = false;
  for (; i < cx->line_count; i++) {
    imp_word words[FLOW_WORDS];
    size_t n = imp_words(cx->lines[i].text, cx->lines[i].len, words, FLOW_WORDS);
    size_t named = 0;
    for (size_t k = 0; k < n; k++) {
      imp_col c = imp_header_column(words[k].text, words[k].len);
      if (c != COL_COUNT) named++;
      if (c == COL_NAME) after_name = true;
      else if (after_name && (c == COL_TARGET || c == COL_ACTUAL || c == COL_WEIGHT || c == COL_SCORE) &&
               fc.count < 6 && (fc.count == 0 || fc.col[fc.count - 1] != c))
        fc.col[fc.count++] = c;
    }
    /* "值" alone ends a wrapped "实际完成" / "值". */
    bool fragment = n == 1 && rb_utf8_count(words[0].text, words[0].len) <= 2 && !imp_word_is_value(words[0].text, words[0].len);
    if (i > header && named == 0 && !fragment) break;
  }
  if (fc.count == 0) {
    fc.col[0] = COL_TARGET;
    fc.col[1] = COL_ACTUAL;
    fc.count = 2;
  }
  cx->layout = "flow";
  cx->table_first = cx->lines[header].number;
  flow_line *lines = rb_arena_calloc(&cx->arena, FLOW_SEGMENT, sizeof *lines);
  if (!lines) {
    cx->nomem = true;
    return true;
  }
  imp_str l1 = {0}, l2 = {0}, label = {0};
  size_t count = 0;
  for (; i <= cx->line_count; i++) {
    const imp_line *l = i < cx->line_count ? &cx->lines[i] : NULL;
    const char *t = l ? l->text : "";
    size_t tn = l ? l->len : 0;
    imp_trim(&t, &tn);
    if (l && tn == 0) continue;
    bool end = !l || table_ends(l);
    bool total = l && (imp_starts(t, tn, "合计") || imp_starts(t, tn, "总分") || imp_starts(t, tn, "总计"));
    /* A label fragment: the label so far and this line spell or begin a level name. */
    int vocab = VOCAB_NONE;
    if (!end && !total && !has_digit(t, tn)) {
      imp_str joined = {0};
      if (label.len) imp_str_add(cx, &joined, label.s, label.len);
      imp_str_add(cx, &joined, t, tn);
      vocab = joined.s ? imp_vocab_match(joined.s, joined.len) : VOCAB_NONE;
      if (vocab == VOCAB_NONE && label.len) {
        label.len = 0; /* the fragments so far spelled nothing: they were text */
        vocab = imp_vocab_match(t, tn);
      }
      /* Only the beginning of a level name ("数", "可持续影"): a label only if
      ** the next line goes on with it; else the end of a wrapped name. */
      if (vocab == VOCAB_PREFIX && joined.s) {
        vocab = VOCAB_NONE;
        for (size_t j = i + 1; j < cx->line_count; j++) {
          const char *u = cx->lines[j].text;
          size_t un = cx->lines[j].len;
          imp_trim(&u, &un);
          if (un == 0) continue;
          imp_str longer = {0};
          imp_str_add(cx, &longer, joined.s, joined.len);
          imp_str_add(cx, &longer, u, un);
          if (!has_digit(u, un) && longer.s && imp_vocab_match(longer.s, longer.len) != VOCAB_NONE) vocab = VOCAB_PREFIX;
          break;
        }
        if (vocab == VOCAB_NONE) label.len = 0;
      }
    }
    if (vocab != VOCAB_NONE || end || total) {
      read_segment(cx, lines, 0, count, &fc, &l1, &l2);
      count = 0;
    }
    if (end || total) {
      if (total && l) {
        imp_row *row = imp_row_new(cx);
        if (row) {
          imp_str_add(cx, &row->cell[COL_NAME], t, tn);
          imp_word words[FLOW_WORDS];
          size_t n = imp_words(t, tn, words, FLOW_WORDS);
          if (n > 1) imp_str_add(cx, &row->cell[COL_SCORE], words[n - 1].text, words[n - 1].len);
          imp_row_line(row, l->number);
          cx->table_last = l->number;
        }
      }
      break;
    }
    if (vocab != VOCAB_NONE) {
      imp_str_add(cx, &label, t, tn);
      /* A name that a longer one begins ("产出" / "指标"): wait for the next line. */
      if ((vocab & (VOCAB_L1 | VOCAB_L2)) && (vocab & VOCAB_PREFIX)) {
        for (size_t j = i + 1; j < cx->line_count; j++) {
          const char *u = cx->lines[j].text;
          size_t un = cx->lines[j].len;
          imp_trim(&u, &un);
          if (un == 0) continue;
          imp_str longer = {0};
          imp_str_add(cx, &longer, label.s, label.len);
          imp_str_add(cx, &longer, u, un);
          if (!has_digit(u, un) && longer.s && imp_vocab_match(longer.s, longer.len) != VOCAB_NONE) vocab = VOCAB_PREFIX;
          break;
        }
      }
      if (vocab & (VOCAB_L1 | VOCAB_L2)) {
        bool both = (vocab & VOCAB_L1) && (vocab & VOCAB_L2);
        /* A name that is both (满意度指标): the 一级 when another label follows. */
        bool next_label = false;
        for (size_t j = i + 1; j < cx->line_count; j++) {
          const char *u = cx->lines[j].text;
          size_t un = cx->lines[j].len;
          imp_trim(&u, &un);
          if (un == 0) continue;
          next_label = !has_digit(u, un) && imp_vocab_match(u, un) != VOCAB_NONE;
          break;
        }
        bool is_l1 = (vocab & VOCAB_L1) && (!both || next_label);
        char *name = imp_squeeze(cx, label.s, label.len);
        if (name) {
          imp_str *target = is_l1 ? &l1 : &l2;
          bool same = target->len == strlen(name) && memcmp(target->s, name, target->len) == 0;
          target->len = 0;
          imp_str_add(cx, target, name, strlen(name));
          if (is_l1 && !same) l2.len = 0; /* a new 一级指标 starts without a 二级指标 */
        }
        label.len = 0;
      }
      continue;
    }
    if (count == FLOW_SEGMENT) {
      read_segment(cx, lines, 0, count, &fc, &l1, &l2);
      count = 0;
    }
    flow_line *fl = &lines[count++];
    fl->index = i;
    fl->n = imp_words(t, tn, fl->words, FLOW_WORDS);
    cx->table_last = l->number;
  }
  return true;
}
