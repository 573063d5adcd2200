/*
** report_csv.c — read an indicator table from CSV.
**
** Many departments publish the indicator table as a spreadsheet; saved as
** CSV it is the quickest way into rubric.  A CSV file carries only the table
** (no budget, no year, no self-assigned total unless a 合计 row gives one):
** the report id is the file name without directory and extension.
**
** The file is UTF-8 (a leading BOM, as Excel writes it, is skipped), or
** GBK, which is converted first with a note saying so (rb_report_decode in
** report.c).  The first non-blank row is the header; its cells name the
** columns with the words published tables use (一级指标, 三级指标, 指标值,
** 实际完成值, 分值, 得分 …, see the table below) or the JSON member names
** (level1, name, target …), in any order.  三级指标 and 指标值 are
** required.  Other columns are not read, and an UNREAD note names each
** (except a publisher's own, headed "x-…" or "x_…"), as it names each
** column without a header that holds anything.  Header cells are compared
** after folding full-width forms (ＮＡＭＥ, 全角空格) and dropping a
** trailing "(%)" or "（分）".
**
** Published tables merge cells: one 一级指标 cell spans all its rows.  Saved
** as CSV, only the first row of a merged block has the text, so an empty
** 一级指标 cell takes the value of the row above, and an empty 二级指标 cell
** does too as long as the row stays under the same 一级指标.  Rows whose
** 三级指标 and 指标值 are both empty or a dash ("-", "—", "/", "无") are
** placeholders (经济效益指标 with nothing under it) and are skipped, though
** they still set the 一级/二级指标 inherited by the rows below; if such a row
** holds an actual, a 分值 or a 得分 all the same, a SKIPPED note says what
** was not read.  A row with a name and an empty 指标值 has no target, like
** a JSON row without one; a dash there is kept as written.  A row whose
** first cell is 合计 (or 总计, 总分) gives self_total from its 得分 cell.
**
** libcsv (RFC 4180, strict mode) splits the text into cells.  It does not
** say where a cell starts, so the text is fed to it in pieces that end at
** each ',' or line break: every callback then happens at the last byte fed,
** and the reader knows the offset of each cell for its messages
** ("table.csv:7:15: 分值: expected a number, found \"十\"").
*/
#include <csv.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/similar.h"
#include "report/report.h"
#include "report/report_private.h"

/* The columns this reader knows: the name used in messages, then every
** header text accepted for it (compared after folding, see header_fold). */
#define CSV_FIELDS(X)                                                                          \
  X(LEVEL1, "一级指标 (level1)", "一级指标", "level1")                                         \
  X(LEVEL2, "二级指标 (level2)", "二级指标", "level2")                                         \
  X(NAME, "三级指标 (name)", "三级指标", "指标名称", "name")                                   \
  X(TARGET, "指标值 (target)", "指标值", "年度指标值", "年度目标值", "目标值", "预期值",      \
    "评价年度预期值", "target")                                                                \
  X(ACTUAL, "实际完成值 (actual)", "实际完成值", "全年实际值", "实际值", "完成值",             \
    "年度实际完成值", "全年实际完成值", "实现值", "评价年度实现值", "actual")                  \
  X(WEIGHT, "分值 (weight)", "分值", "权重", "weight")                                         \
  X(SELF_SCORE, "得分 (self_score)", "得分", "自评分", "自评得分", "自评分数", "self_score")    \
  X(NOTE, "备注 (note)", "备注", "说明", "note")

typedef enum csv_field {
#define X(name, label, ...) F_##name,
  CSV_FIELDS(X)
#undef X
  F_COUNT
} csv_field;

static const char *const field_label[F_COUNT] = {
#define X(name, label, ...) label,
    CSV_FIELDS(X)
#undef X
};

/* Every accepted header text, NULL-terminated per field. */
static const char *const *const field_names[F_COUNT] = {
#define X(name, label, ...) (const char *const[]){__VA_ARGS__, NULL},
    CSV_FIELDS(X)
#undef X
};

/* One cell of the row being collected: its bytes in the row buffer and the
** offset in the text where it starts. */
typedef struct csv_cell {
  size_t start;
  size_t at;
  size_t len;
} csv_cell;

typedef struct csv_reader {
  rb_report *r;
  rb_report_error *err;
  const char *text; /* the file after any BOM, in UTF-8: offsets count from here */
  size_t len;
  bool failed;
  size_t next_start; /* where the next cell starts */
  size_t chunk_end;  /* end of the piece being fed to libcsv */
  /* The row being collected. */
  csv_cell *cells;
  size_t cell_count, cell_cap;
  char *buf;
  size_t buf_len, buf_cap;
  /* The header: the cell index of each known column (-1 when absent) and
  ** its text as written, for messages. */
  bool have_header;
  int column[F_COUNT];
  const char *header[F_COUNT];
  /* Per cell index: whether what the column holds is accounted for (a
  ** known column, a publisher's "x-" column, or one already noted as
  ** unread); indices from accounted_len on are not. */
  bool *accounted;
  size_t accounted_len;
  /* The 一级/二级指标 of the row above, for merged cells. */
  const char *level1, *level2;
  size_t indicator_cap;
} csv_reader;

/* ---- Messages ---------------------------------------------------------- */

/* Fail with a message at byte `offset`: "file.csv:LINE:COLUMN: what". */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void fail_at(csv_reader *cr, size_t offset, const char *fmt, ...) {
  if (cr->failed) return;
  char what[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, rb_from_en(cr->err->lang, fmt), ap);
  va_end(ap);
  int line, column;
  rb_report_line_col(cr->text, cr->len, offset, &line, &column);
  rb_report_errorf(cr->err, "%s:%d:%d: %s", cr->r->source, line, column, what);
  cr->failed = true;
}

static void out_of_memory(csv_reader *cr, size_t offset) { fail_at(cr, offset, "out of memory"); }

/* ---- Cells ------------------------------------------------------------- */

/* The trimmed text of cell i of the current row ("" past its end). */
static const char *cell_text(const csv_reader *cr, size_t i, size_t *len) {
  if (i >= cr->cell_count) {
    *len = 0;
    return "";
  }
  /* No cell of the row has any byte yet: the buffer may not exist. */
  const char *s = cr->buf ? cr->buf + cr->cells[i].at : "";
  *len = cr->buf ? cr->cells[i].len : 0;
  rb_report_trim(&s, len);
  return s;
}

/* The trimmed text of a known column in the current row ("" when the file
** has no such column or the row is short). */
static const char *field_text(const csv_reader *cr, csv_field f, size_t *len) {
  if (cr->column[f] < 0) {
    *len = 0;
    return "";
  }
  return cell_text(cr, (size_t)cr->column[f], len);
}

/* Where a column's cell starts in the current row, for messages: the row's
** first cell when the row stops short of it. */
static size_t field_offset(const csv_reader *cr, csv_field f) {
  if (cr->column[f] >= 0 && (size_t)cr->column[f] < cr->cell_count) return cr->cells[cr->column[f]].start;
  return cr->cell_count ? cr->cells[0].start : cr->next_start;
}

/* libcsv calls this for each cell; s holds len bytes, valid only now. */
static void on_cell(void *s, size_t len, void *data) {
  csv_reader *cr = data;
  if (cr->failed) return;
  size_t start = cr->next_start;
  cr->next_start = cr->chunk_end;
  if (cr->cell_count == 0) {
    /* A row starts after the line break ending the previous one, past any
    ** blank lines libcsv skipped without a word. */
    while (start < cr->len && (cr->text[start] == '\r' || cr->text[start] == '\n')) start++;
  }
  if (cr->cell_count == cr->cell_cap) {
    size_t cap = cr->cell_cap ? cr->cell_cap * 2 : 16;
    csv_cell *cells = realloc(cr->cells, cap * sizeof *cells);
    if (!cells) {
      out_of_memory(cr, start);
      return;
    }
    cr->cells = cells;
    cr->cell_cap = cap;
  }
  if (cr->buf_cap - cr->buf_len < len) {
    size_t cap = cr->buf_cap ? cr->buf_cap : 256;
    while (cap - cr->buf_len < len) cap *= 2;
    char *buf = realloc(cr->buf, cap);
    if (!buf) {
      out_of_memory(cr, start);
      return;
    }
    cr->buf = buf;
    cr->buf_cap = cap;
  }
  if (len) memcpy(cr->buf + cr->buf_len, s, len);
  cr->cells[cr->cell_count++] = (csv_cell){.start = start, .at = cr->buf_len, .len = len};
  cr->buf_len += len;
}

/* ---- The header -------------------------------------------------------- */

/* Fold a header cell for comparison into out (size bytes): full-width ASCII
** forms (U+FF01–U+FF5E) become ASCII, blanks are dropped, ASCII letters are
** lower-cased.  Returns the folded length. */
static size_t header_fold(const char *text, size_t len, char *out, size_t size) {
  const unsigned char *s = (const unsigned char *)text;
  size_t n = 0;
  for (size_t i = 0; i < len && n + 4 < size;) {
    unsigned c = s[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      i++;
    } else if (c == 0xE3 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x80) {
      i += 3; /* U+3000 */
    } else if (c == 0xC2 && i + 1 < len && s[i + 1] == 0xA0) {
      i += 2; /* U+00A0 */
    } else if (c == 0xEF && i + 2 < len && (s[i + 1] == 0xBC || s[i + 1] == 0xBD)) {
      /* U+FF01..U+FF5E is EF BC 81..EF BD 9E. */
      unsigned cp = 0xF000u | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        char a = (char)(cp - 0xFF01 + 0x21);
        out[n++] = (a >= 'A' && a <= 'Z') ? (char)(a - 'A' + 'a') : a;
      } else {
        memcpy(out + n, s + i, 3);
        n += 3;
      }
      i += 3;
    } else {
      out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : (char)c;
      i++;
    }
  }
  out[n] = '\0';
  return n;
}

/* The known column a folded header names, or F_COUNT. */
static csv_field header_lookup(const char *folded) {
  for (int f = 0; f < F_COUNT; f++)
    for (const char *const *name = field_names[f]; *name; name++)
      if (strcmp(folded, *name) == 0) return (csv_field)f;
  return F_COUNT;
}

/* The known column a header cell names: as written, else without a
** trailing parenthesised note ("权重(%)", "分值（分）"). */
static csv_field header_field(const char *text, size_t len) {
  char folded[256];
  size_t n = header_fold(text, len, folded, sizeof folded);
  csv_field f = header_lookup(folded);
  if (f == F_COUNT && n > 0 && folded[n - 1] == ')') {
    char *open = strrchr(folded, '(');
    if (open && open > folded) {
      *open = '\0';
      f = header_lookup(folded);
    }
  }
  return f;
}

/* ---- Columns that are not read ------------------------------------------ */

/* Mark column i accounted for (see csv_reader).  False when out of memory. */
static bool account(csv_reader *cr, size_t i) {
  if (i >= cr->accounted_len) {
    size_t len = cr->accounted_len ? cr->accounted_len : 16;
    while (len <= i) len *= 2;
    bool *more = realloc(cr->accounted, len * sizeof *more);
    if (!more) return false;
    memset(more + cr->accounted_len, 0, (len - cr->accounted_len) * sizeof *more);
    cr->accounted = more;
    cr->accounted_len = len;
  }
  cr->accounted[i] = true;
  return true;
}

/* The spreadsheet letters of the column at cell index i: A … Z, AA … */
static void column_letters(size_t i, char *buf, size_t size) {
  char rev[16];
  size_t n = 0;
  for (size_t k = i + 1; k > 0 && n < sizeof rev; k = (k - 1) / 26) rev[n++] = (char)('A' + (k - 1) % 26);
  size_t o = 0;
  while (n > 0 && o + 1 < size) buf[o++] = rev[--n];
  buf[o] = '\0';
}

/* Note a column whose content is not read, at the cell at `offset`:
** RB_NOTE_UNREAD, path "FILE:LINE:COLUMN", message formatted as given. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void note_unread(csv_reader *cr, size_t offset, const char *fmt, ...) {
  char message[512], path[600];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, rb_from_zh((rb_lang)cr->r->lang, fmt), ap);
  va_end(ap);
  int line, column;
  rb_report_line_col(cr->text, cr->len, offset, &line, &column);
  snprintf(path, sizeof path, "%s:%d:%d", cr->r->source, line, column);
  if (!rb_report_add_note(cr->r, RB_NOTE_UNREAD, path, "%s", message)) out_of_memory(cr, offset);
}

/* A header cell that names no known column: a publisher's own ("x-…",
** "x_…", after folding) is passed over; a blank one waits for content
** (note_headless_cells); any other is noted once, with the closest accepted
** header name when one is close:
** "报告格式 v1 没有「佐证材料」这一列（I 列），此列未读取". */
static void note_unknown_column(csv_reader *cr, size_t i, const char *text, size_t len) {
  char folded[256];
  size_t n = header_fold(text, len, folded, sizeof folded);
  if (n == 0) return;
  if (n >= 2 && folded[0] == 'x' && (folded[1] == '-' || folded[1] == '_')) {
    if (!account(cr, i)) out_of_memory(cr, cr->cells[i].start);
    return;
  }
  const char *names[64];
  size_t count = 0;
  for (int f = 0; f < F_COUNT; f++)
    for (const char *const *name = field_names[f]; *name && count < 64; name++) names[count++] = *name;
  const char *closest = rb_closest_name(folded, names, count);
  char quoted[128], letters[16], hint[160] = "";
  rb_report_quote(text, len, 60, quoted, sizeof quoted);
  column_letters(i, letters, sizeof letters);
  if (closest) snprintf(hint, sizeof hint, rb_from_zh((rb_lang)cr->r->lang, "（是否应为「%s」？）"), closest);
  note_unread(cr, cr->cells[i].start, "报告格式 v1 没有「%s」这一列（%s 列），此列未读取%s", quoted, letters, hint);
  if (!account(cr, i)) out_of_memory(cr, cr->cells[i].start);
}

/* In a data row, the first content of a column without a header (a blank
** header cell, or a cell past the header's end) is noted once:
** "第 8 列（H 列）没有表头，此列未读取". */
static void note_headless_cells(csv_reader *cr) {
  for (size_t i = 0; i < cr->cell_count && !cr->failed; i++) {
    if (i < cr->accounted_len && cr->accounted[i]) continue;
    size_t len;
    cell_text(cr, i, &len);
    if (len == 0) continue;
    char letters[16];
    column_letters(i, letters, sizeof letters);
    note_unread(cr, cr->cells[i].start, "第 %zu 列（%s 列）没有表头，此列未读取", i + 1, letters);
    if (!cr->failed && !account(cr, i)) out_of_memory(cr, cr->cells[i].start);
  }
}

/* ---- The header, continued ---------------------------------------------- */

/* Read the header row: which cell holds which column.  Columns that are
** not read are noted (note_unknown_column). */
static void read_header(csv_reader *cr) {
  size_t line_start = cr->cells[0].start;
  for (size_t i = 0; i < cr->cell_count && !cr->failed; i++) {
    size_t len;
    const char *text = cell_text(cr, i, &len);
    csv_field f = header_field(text, len);
    if (f == F_COUNT) {
      note_unknown_column(cr, i, text, len);
      continue;
    }
    if (!account(cr, i)) {
      out_of_memory(cr, cr->cells[i].start);
      return;
    }
    if (cr->column[f] >= 0) {
      fail_at(cr, cr->cells[i].start, "columns \"%s\" and \"%.*s\" both give %s", cr->header[f], (int)len, text,
              field_label[f]);
      return;
    }
    cr->column[f] = (int)i;
    cr->header[f] = rb_arena_strndup(&cr->r->arena, text, len);
    if (!cr->header[f]) {
      out_of_memory(cr, cr->cells[i].start);
      return;
    }
  }
  if (cr->column[F_NAME] < 0)
    fail_at(cr, line_start, "missing required column %s in the header row", field_label[F_NAME]);
  else if (cr->column[F_TARGET] < 0)
    fail_at(cr, line_start, "missing required column %s in the header row", field_label[F_TARGET]);
  cr->have_header = true;
}

/* ---- Data rows --------------------------------------------------------- */

/* Whether a cell is empty or a dash standing for "nothing here". */
static bool is_placeholder(const char *text, size_t len) {
  static const char *const dashes[] = {"-", "－", "—", "——", "–", "/", "／", "无"};
  if (len == 0) return true;
  for (size_t i = 0; i < sizeof dashes / sizeof dashes[0]; i++)
    if (strlen(dashes[i]) == len && memcmp(dashes[i], text, len) == 0) return true;
  return false;
}

/* Whether a cell labels a total row: 合计, 总计 or 总分, maybe with ':'. */
static bool is_total_label(const char *text, size_t len) {
  static const char *const labels[] = {"合计", "总计", "总分"};
  if (len >= 1 && text[len - 1] == ':')
    len--;
  else if (len >= 3 && memcmp(text + len - 3, "：", 3) == 0)
    len -= 3;
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (strlen(labels[i]) == len && memcmp(labels[i], text, len) == 0) return true;
  return false;
}

/* An optional number cell (分值, 得分) into *out. */
static void read_number_cell(csv_reader *cr, csv_field f, bool nonnegative, rb_opt_num *out) {
  size_t len;
  const char *text = field_text(cr, f, &len);
  if (len == 0 || cr->failed) return;
  const char *label = cr->header[f];
  size_t at = field_offset(cr, f);
  char quoted[128];
  rb_report_quote(text, len, 60, quoted, sizeof quoted);
  switch (rb_report_parse_number(cr->r->nums, text, len, true, &out->v)) {
  case RB_NUMTEXT_OK:
    if (nonnegative && rb_num_sign(out->v) < 0)
      fail_at(cr, at, "%s: must not be negative", label);
    else
      out->has = true;
    break;
  case RB_NUMTEXT_NOMEM: out_of_memory(cr, at); break;
  case RB_NUMTEXT_RANGE:
    fail_at(cr, at, "%s: number out of range: %s (a number may have at most %d characters and an exponent within ±%d)",
            label, quoted, RB_REPORT_NUMBER_MAX_LEN, RB_REPORT_EXPONENT_MAX);
    break;
  case RB_NUMTEXT_BAD: fail_at(cr, at, "%s: expected a number, found \"%s\"", label, quoted); break;
  }
}

/* Copy a known column's trimmed cell into the arena; NULL when blank (and
** when out of memory, which sets failed). */
static const char *copy_field(csv_reader *cr, csv_field f) {
  size_t len;
  const char *text = field_text(cr, f, &len);
  if (len == 0) return NULL;
  char *copy = rb_arena_strndup(&cr->r->arena, text, len);
  if (!copy) out_of_memory(cr, field_offset(cr, f));
  return copy;
}

/* Make room for one more indicator in the report's arena. */
static rb_indicator *new_indicator(csv_reader *cr) {
  rb_report *r = cr->r;
  if (r->indicator_count == cr->indicator_cap) {
    size_t cap = cr->indicator_cap ? cr->indicator_cap * 2 : 32;
    rb_indicator *bigger = rb_arena_calloc(&r->arena, cap, sizeof *bigger);
    if (!bigger) return NULL;
    if (r->indicator_count) memcpy(bigger, r->indicators, r->indicator_count * sizeof *bigger);
    r->indicators = bigger;
    cr->indicator_cap = cap;
  }
  rb_indicator *ind = &r->indicators[r->indicator_count];
  memset(ind, 0, sizeof *ind);
  return ind;
}

/* Read a target or an actual cell copied by copy_field (NULL: empty) into
** *m.  False when out of memory. */
static bool read_cell_measure(csv_reader *cr, const char *text, rb_measure *m) {
  if (!text) {
    rb_report_no_measure(m);
    return true;
  }
  return rb_report_read_measure(cr->r, text, strlen(text), m);
}

/* A row whose 三级指标 and 指标值 are both placeholders is not read.  When it
** has nothing else either (no actual, 分值 or 得分 but empty cells and
** dashes) it is a placeholder and goes silently; when it does, the figures
** in it would vanish, so a SKIPPED note says which:
** "第 7 行没有三级指标名称，未读取（分值 10，得分 0）". */
static void skip_placeholder_row(csv_reader *cr, size_t row_start) {
  rb_lang lang = (rb_lang)cr->r->lang;
  const struct {
    csv_field field;
    const char *label;
  } figures[] = {{F_ACTUAL, rb_from_zh(lang, "实际完成值")},
                 {F_WEIGHT, rb_from_zh(lang, "分值")},
                 {F_SELF_SCORE, rb_from_zh(lang, "得分")}};
  char listed[400] = "";
  size_t used = 0;
  for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
    size_t len;
    const char *text = field_text(cr, figures[i].field, &len);
    if (is_placeholder(text, len)) continue;
    char quoted[128];
    rb_report_quote(text, len, 60, quoted, sizeof quoted);
    int n = snprintf(listed + used, sizeof listed - used, "%s%s %s", used ? rb_from_zh(lang, "，") : "",
                     figures[i].label, quoted);
    if (n > 0 && (size_t)n < sizeof listed - used) used += (size_t)n;
  }
  if (used == 0) return;
  int line, column;
  rb_report_line_col(cr->text, cr->len, row_start, &line, &column);
  char path[600];
  snprintf(path, sizeof path, "%s:%d", cr->r->source, line);
  if (!rb_report_add_note(cr->r, RB_NOTE_SKIPPED, path, "第 %d 行没有三级指标名称，未读取（%s）", line, listed))
    out_of_memory(cr, row_start);
}

/* The known columns a row stops short of, as "「分值」「得分」" in header
** order, into out; false when the row reaches every column it is read by.
** (A row cut after two cells reads as a row of blanks: said, not guessed.) */
static bool missing_columns(const csv_reader *cr, char *out, size_t size) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = cr->cell_count; i < cr->accounted_len; i++) {
    for (int f = 0; f < F_COUNT; f++) {
      if (cr->column[f] != (int)i) continue;
      /* In English, "分值", "得分": the headers as the file writes them. */
      int n = cr->r->lang == RB_LANG_EN ? snprintf(out + used, size - used, "%s\"%s\"", used ? ", " : "", cr->header[f])
                                        : snprintf(out + used, size - used, "「%s」", cr->header[f]);
      if (n > 0 && (size_t)n < size - used) used += (size_t)n;
    }
  }
  return used > 0;
}

/* A row that stops before some of the header's columns: a note naming them.
** When the row is read anyway (its name and target are there) the missing
** cells read as blank; when it is not read, the note says so instead. */
static void note_short_row(csv_reader *cr, size_t row_start, bool read) {
  char missing[600];
  if (!missing_columns(cr, missing, sizeof missing)) return;
  int line, column;
  rb_report_line_col(cr->text, cr->len, row_start, &line, &column);
  char path[600];
  snprintf(path, sizeof path, "%s:%d", cr->r->source, line);
  bool ok = read ? rb_report_add_note(cr->r, RB_NOTE_UNREAD, path, "第 %d 行只有 %zu 格，到%s列之前就结束了，这些格按空白读取",
                                      line, cr->cell_count, missing)
                 : rb_report_add_note(cr->r, RB_NOTE_SKIPPED, path, "第 %d 行只有 %zu 格，到%s列之前就结束了，未读取", line,
                                      cr->cell_count, missing);
  if (!ok) out_of_memory(cr, row_start);
}

/* Read one data row into the indicator table (or skip it, see the banner). */
static void read_row(csv_reader *cr) {
  rb_report *r = cr->r;
  size_t row_start = cr->cells[0].start;

  /* A total row: 合计 in its first non-blank cell. */
  for (size_t i = 0; i < cr->cell_count; i++) {
    size_t len;
    const char *text = cell_text(cr, i, &len);
    if (len == 0) continue;
    if (is_total_label(text, len)) {
      rb_opt_num total = {0};
      read_number_cell(cr, F_SELF_SCORE, false, &total);
      if (total.has) r->self_total = total;
      return;
    }
    break;
  }

  /* Merged cells: inherit 一级/二级指标 from the row above. */
  const char *level1 = copy_field(cr, F_LEVEL1);
  const char *level2 = copy_field(cr, F_LEVEL2);
  if (cr->failed) return;
  if (!level1) level1 = cr->level1;
  if (!level2) level2 = strcmp(level1, cr->level1) == 0 ? cr->level2 : "";
  cr->level1 = level1;
  cr->level2 = level2;

  size_t name_len, target_len;
  const char *name = field_text(cr, F_NAME, &name_len);
  const char *target = field_text(cr, F_TARGET, &target_len);
  if (is_placeholder(name, name_len) && is_placeholder(target, target_len)) {
    if ((size_t)cr->column[F_NAME] >= cr->cell_count || (size_t)cr->column[F_TARGET] >= cr->cell_count)
      note_short_row(cr, row_start, false);
    else skip_placeholder_row(cr, row_start);
    return;
  }
  if (name_len == 0) {
    fail_at(cr, field_offset(cr, F_NAME), "%s: empty, but the row has a target", cr->header[F_NAME]);
    return;
  }

  rb_indicator *ind = new_indicator(cr);
  if (!ind) {
    out_of_memory(cr, row_start);
    return;
  }
  int column;
  rb_report_line_col(cr->text, cr->len, row_start, &ind->source_line, &column);
  ind->level1 = level1;
  ind->level2 = level2;
  ind->name = copy_field(cr, F_NAME);
  ind->target_text = copy_field(cr, F_TARGET);
  ind->actual_text = copy_field(cr, F_ACTUAL);
  ind->note = copy_field(cr, F_NOTE);
  if (cr->failed) return;
  /* An empty cell is no target (no actual): NULL and the TEXT measure "",
  ** as in JSON.  A dash is kept as written. */
  if (!read_cell_measure(cr, ind->target_text, &ind->target) ||
      !read_cell_measure(cr, ind->actual_text, &ind->actual)) {
    out_of_memory(cr, row_start);
    return;
  }
  read_number_cell(cr, F_WEIGHT, true, &ind->weight);
  read_number_cell(cr, F_SELF_SCORE, false, &ind->self_score);
  if (!cr->failed) note_short_row(cr, row_start, true);
  if (!cr->failed) r->indicator_count++;
}

/* libcsv calls this at the end of each row. */
static void on_row(int terminator, void *data) {
  (void)terminator;
  csv_reader *cr = data;
  if (!cr->failed && cr->cell_count > 0) {
    bool blank = true;
    for (size_t i = 0; i < cr->cell_count && blank; i++) {
      size_t len;
      cell_text(cr, i, &len);
      blank = len == 0;
    }
    if (!blank) {
      if (cr->have_header) {
        note_headless_cells(cr);
        if (!cr->failed) read_row(cr);
      }
      else
        read_header(cr);
    }
  }
  cr->cell_count = 0;
  cr->buf_len = 0;
  cr->next_start = cr->chunk_end;
}

/* ---- Entry point ------------------------------------------------------- */

/* The report id for a CSV file: its name without directory and extension. */
static const char *id_from_source(rb_report *r, const char *source) {
  if (!source) return "";
  const char *base = source;
  for (const char *p = source; *p; p++)
    if (*p == '/' || *p == '\\') base = p + 1;
  const char *dot = strrchr(base, '.');
  size_t len = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  return rb_arena_strndup(&r->arena, base, len);
}

/* Feed the text to libcsv piece by piece (see the banner). */
static void parse_cells(csv_reader *cr) {
  struct csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    out_of_memory(cr, 0);
    return;
  }
  size_t pos = 0;
  while (pos < cr->len && !cr->failed) {
    size_t end = pos;
    while (end < cr->len && cr->text[end] != ',' && cr->text[end] != '\n' && cr->text[end] != '\r') end++;
    if (end < cr->len) end++;
    cr->chunk_end = end;
    size_t done = csv_parse(&parser, cr->text + pos, end - pos, on_cell, on_row, cr);
    if (done != end - pos && !cr->failed) {
      if (csv_error(&parser) == CSV_EPARSE)
        fail_at(cr, pos + done, "malformed CSV: a quote inside an unquoted cell, or text after a closing quote");
      else
        out_of_memory(cr, pos + done);
    }
    pos = end;
  }
  if (!cr->failed) {
    cr->chunk_end = cr->len;
    size_t open_cell = cr->next_start;
    if (csv_fini(&parser, on_cell, on_row, cr) != 0 && !cr->failed)
      fail_at(cr, open_cell, "malformed CSV: a quoted cell is not closed");
  }
  csv_free(&parser);
}

/* Read an indicator table in CSV (report.h): decode, find the header, then
** every row in order. */
bool rb_report_read_csv(rb_report *r, const char *text, size_t len, const char *source, rb_report_error *err) {
  err->lang = r->error_lang;
  if (!rb_report_begin(r, source, 0) || !(r->id = id_from_source(r, source))) {
    rb_report_errorf(err, "%s: out of memory", source ? source : "<input>");
    return false;
  }
  rb_decoded use;
  rb_report_text decoded = rb_report_decode(r, text, len, &use);
  csv_reader cr = {.r = r, .err = err, .text = use.text, .len = use.len, .level1 = "", .level2 = ""};
  for (int f = 0; f < F_COUNT; f++) cr.column[f] = -1;
  const char *nul = memchr(use.text, '\0', use.len);
  switch (decoded) {
  case RB_TEXT_UTF8:
  case RB_TEXT_CONVERTED:
    if (nul) fail_at(&cr, (size_t)(nul - use.text), "a NUL byte: this is not a text file");
    break;
  case RB_TEXT_NOT_TEXT:
    fail_at(&cr, use.bad, "not UTF-8 text, and not GB18030 (GBK) either; save the table as CSV UTF-8");
    break;
  case RB_TEXT_NO_ICONV:
    fail_at(&cr, use.bad,
            "not UTF-8 text, and this system cannot convert GB18030 (GBK); save the table as CSV UTF-8");
    break;
  case RB_TEXT_NOMEM: out_of_memory(&cr, 0); break;
  }
  if (!cr.failed) parse_cells(&cr);
  if (!cr.failed && !cr.have_header) fail_at(&cr, use.len, "no header row: the file has no cells");
  free(cr.cells);
  free(cr.buf);
  free(cr.accounted);
  free(use.owned);
  return !cr.failed;
}
