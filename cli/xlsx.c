/*
** xlsx.c — results as an Excel workbook (--format xlsx), with libxlsxwriter.
**
** `rubric run`: for each report a 评分表 sheet laid out as published
** (一级/二级/三级指标, 指标值, 实际完成值, 分值, 自评分: the national template's headers) with the recomputed
** score and the difference beside the self score, then the 发现 sheet (every
** finding) and the 检查 sheet (every check), each naming its report.
**
** `rubric batch`: the 报告 sheet, one row per report in input order (a report
** that could not be read or scored has its row, with status error and why),
** then 发现 and 检查 for all reports.  The workbook is written in
** libxlsxwriter's constant-memory mode — each sheet's rows go to disk as
** they come — so a batch of any size keeps little in memory.
**
** Numbers.  A number is a number cell when a double holds it exactly as
** written (rb_tables_exact_double: a decimal of at most 15 significant
** digits, which a spreadsheet then shows unchanged); scores and differences
** get a number format with the rubric's places ("0.00").  Any other value —
** a fraction such as 40/3, or more digits than a double keeps — is written
** as its exact text, never rounded into a number cell.
*/
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "base/dynlib.h"
#include "base/messages.h"
#include "cli/cli.h"
#include "cli/tables.h"

/* libxlsxwriter is loaded when the first workbook is written (base/dynlib.h). */
#define XLSX_FUNCTIONS(X)                                                                                           \
  X(workbook_new_opt) X(workbook_add_format) X(workbook_add_worksheet) X(workbook_close) X(format_set_bold)        \
  X(format_set_bottom) X(format_set_num_format) X(worksheet_write_string) X(worksheet_write_number)                \
  X(worksheet_write_blank) X(worksheet_set_column) X(worksheet_freeze_panes) X(lxw_strerror)
static struct { XLSX_FUNCTIONS(RB_DYN_POINTER) } lx;
#define XLSX_SYMBOL(f) RB_DYN_SYMBOL(lx, f)
static const rb_dynsym xlsx_symbols[] = {XLSX_FUNCTIONS(XLSX_SYMBOL)};
static rb_dynlib libxlsxwriter = RB_DYNLIB(RUBRIC_SONAME_XLSXWRITER, RUBRIC_PACKAGE_XLSXWRITER, xlsx_symbols);

enum { MAX_PLACES = 15, MAX_DEPTH = 64 };

/* A finding or check kept for the 发现 and 检查 sheets of `rubric run`,
** which follow every 评分表 sheet. */
typedef struct kept_row {
  char tag;
  char *f[1 + FIND_FIELDS]; /* the report id, then the record's fields */
} kept_row;

/* A list sheet (报告, 发现, 检查) and where its next row goes.  A sheet holds
** at most LXW_ROW_MAX rows (1,048,576, Excel's limit): the list then goes on
** in a sheet of the same name and a number ("发现 2"), never dropping a row. */
typedef struct list_sheet {
  const char *name;
  const char *const *header;
  const double *widths;
  int columns;
  lxw_worksheet *ws;
  lxw_row_t row;
  int part;
} list_sheet;

typedef struct xlsx_writer {
  lxw_workbook *wb;
  bool batch;
  lxw_format *bold, *header, *wrap, *places[MAX_PLACES + 1], *bold_places[MAX_PLACES + 1];
  list_sheet reports, findings, checks;
  int sheets; /* 评分表 sheets made */
  kept_row *kept;
  size_t kept_count, kept_cap;
  bool out_of_memory;
} xlsx_writer;

/* ---- Cells -------------------------------------------------------------- */

static void put_text(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s, lxw_format *fmt) {
  if (s && s[0]) lx.worksheet_write_string(ws, row, col, s, fmt);
  else if (fmt) lx.worksheet_write_blank(ws, row, col, fmt);
}

/* Digits after the point in a shown number ("3.64" → 2), for its format. */
static int places_of(const char *shown) {
  const char *dot = shown ? strchr(shown, '.') : NULL;
  int n = dot ? (int)strlen(dot + 1) : 0;
  return n > MAX_PLACES ? MAX_PLACES : n;
}

/* A number from its exact text: a number cell when exact (with the places
** of shown, when given: a score), else the exact text. */
static void put_number(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *exact,
                       const char *shown, bool bold) {
  if (!exact) {
    if (bold) lx.worksheet_write_blank(ws, row, col, x->bold);
    return;
  }
  double v;
  lxw_format *fmt = shown ? (bold ? x->bold_places : x->places)[places_of(shown)] : bold ? x->bold : NULL;
  if (rb_tables_exact_double(exact, &v)) lx.worksheet_write_number(ws, row, col, v, fmt);
  else lx.worksheet_write_string(ws, row, col, exact, bold ? x->bold : NULL);
}

static void put_header(xlsx_writer *x, lxw_worksheet *ws, lxw_row_t row, const char *const *names, int count) {
  for (int i = 0; i < count; i++) lx.worksheet_write_string(ws, row, (lxw_col_t)i, names[i], x->header);
  lx.worksheet_freeze_panes(ws, row + 1, 0);
}

static void widths(lxw_worksheet *ws, const double *w, int count) {
  for (int i = 0; i < count; i++) lx.worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w[i], NULL);
}

/* ---- Findings and checks ------------------------------------------------ */

static const char *const finding_header[] = {"报告", "类别", "指标", "说明", "自评", "复核", "涉及分值"};
static const double finding_widths[] = {24, 16, 36, 70, 9, 9, 10};
static const char *const check_header[] = {"报告", "检查", "结果", "说明"};
static const double check_widths[] = {24, 28, 10, 70};

/* Start the list's first sheet, or the next one when the last is full. */
static bool start_sheet(xlsx_writer *x, list_sheet *l) {
  char name[32];
  l->part++;
  if (l->part == 1) snprintf(name, sizeof name, "%s", l->name);
  else snprintf(name, sizeof name, "%s %d", l->name, l->part);
  l->ws = lx.workbook_add_worksheet(x->wb, name);
  if (!l->ws) {
    x->out_of_memory = true;
    return false;
  }
  widths(l->ws, l->widths, l->columns);
  put_header(x, l->ws, 0, l->header, l->columns);
  l->row = 1;
  return true;
}

/* The sheet and row for the list's next row; false when no sheet can be
** made. */
static bool next_row(xlsx_writer *x, list_sheet *l, lxw_worksheet **ws, lxw_row_t *row) {
  if ((!l->ws || l->row >= LXW_ROW_MAX) && !start_sheet(x, l)) return false;
  *ws = l->ws;
  *row = l->row++;
  return true;
}

static void make_finding_sheets(xlsx_writer *x) {
  x->findings = (list_sheet){"发现", finding_header, finding_widths, 7, NULL, 0, 0};
  x->checks = (list_sheet){"检查", check_header, check_widths, 4, NULL, 0, 0};
  if (start_sheet(x, &x->findings)) start_sheet(x, &x->checks);
}

/* f: the report id, then the record's fields. */
static void finding_row(xlsx_writer *x, const char *const *f) {
  lxw_worksheet *ws;
  lxw_row_t r;
  if (!next_row(x, &x->findings, &ws, &r)) return;
  put_text(ws, r, 0, f[0], NULL);
  put_text(ws, r, 1, f[1 + FIND_KIND], NULL);
  put_text(ws, r, 2, f[1 + FIND_PATH], NULL);
  put_text(ws, r, 3, f[1 + FIND_MESSAGE], NULL);
  put_number(x, ws, r, 4, f[1 + FIND_SELF], f[1 + FIND_SELF_SHOWN], false);
  put_number(x, ws, r, 5, f[1 + FIND_COMPUTED], f[1 + FIND_COMPUTED_SHOWN], false);
  put_number(x, ws, r, 6, f[1 + FIND_STAKE], f[1 + FIND_STAKE_SHOWN], false);
}

static void check_row(xlsx_writer *x, const char *const *f) {
  lxw_worksheet *ws;
  lxw_row_t r;
  if (!next_row(x, &x->checks, &ws, &r)) return;
  const char *passed = f[1 + CHECK_PASSED];
  put_text(ws, r, 0, f[0], NULL);
  put_text(ws, r, 1, f[1 + CHECK_NAME], NULL);
  put_text(ws, r, 2, !passed ? "无法检查" : strcmp(passed, "1") == 0 ? "通过" : "未通过", NULL);
  put_text(ws, r, 3, f[1 + CHECK_MESSAGE], NULL);
}

/* A finding or check of report id: written now in a batch, kept for the
** end by `rubric run`. */
static void finding_or_check(xlsx_writer *x, const char *id, const rb_record *rec) {
  const char *f[1 + FIND_FIELDS] = {0};
  f[0] = id;
  for (int i = 0; i < rec->count && i < FIND_FIELDS; i++) f[1 + i] = rec->f[i];
  if (x->batch) {
    if (rec->tag == 'F') finding_row(x, f);
    else check_row(x, f);
    return;
  }
  if (x->kept_count == x->kept_cap) {
    size_t cap = x->kept_cap ? x->kept_cap * 2 : 64;
    kept_row *k = realloc(x->kept, cap * sizeof *k);
    if (!k) {
      x->out_of_memory = true;
      return;
    }
    x->kept = k;
    x->kept_cap = cap;
  }
  kept_row *k = &x->kept[x->kept_count++];
  memset(k, 0, sizeof *k);
  k->tag = rec->tag;
  for (int i = 0; i < 1 + rec->count && i < 1 + FIND_FIELDS; i++)
    if (f[i] && !(k->f[i] = strdup(f[i]))) x->out_of_memory = true;
}

/* ---- 评分表 (run) ------------------------------------------------------- */

static const char *const score_header[] = {"一级指标", "二级指标", "三级指标", "指标值", "实际完成值",
                                           "分值",     "自评分",   "复核得分", "差异",        "说明"};
static const double score_widths[] = {12, 16, 40, 18, 18, 8, 8, 9, 8, 60};

/* The 评分表 of one report: its records from recs[0] (the report). */
static void score_sheet(xlsx_writer *x, const rb_record *recs, size_t count) {
  char name[32];
  x->sheets++;
  if (x->sheets == 1) snprintf(name, sizeof name, "评分表");
  else snprintf(name, sizeof name, "评分表 %d", x->sheets);
  lxw_worksheet *ws = lx.workbook_add_worksheet(x->wb, name);
  if (!ws) {
    x->out_of_memory = true;
    return;
  }
  widths(ws, score_widths, 10);
  const char *const *rep = recs[0].f;
  char line[1024] = "";
  const char *parts[] = {rep[REP_TITLE], rep[REP_UNIT], rep[REP_ID]};
  for (int i = 0; i < 3; i++) {
    if (!parts[i] || !parts[i][0]) continue;
    size_t n = strlen(line);
    snprintf(line + n, sizeof line - n, "%s%s", n ? " · " : "", parts[i]);
  }
  lx.worksheet_write_string(ws, 0, 0, line, x->bold);
  char rule[1024];
  snprintf(rule, sizeof rule, "规则：%s", rep[REP_RUBRIC] ? rep[REP_RUBRIC] : "");
  lx.worksheet_write_string(ws, 1, 0, rule, NULL);
  put_header(x, ws, 3, score_header, 10);
  lxw_row_t row = 4;
  const char *ancestors[MAX_DEPTH] = {0};
  const char *root_weight = NULL;
  for (size_t i = 1; i < count; i++) {
    const char *const *f = recs[i].f;
    if (recs[i].tag != 'N') continue;
    unsigned depth = (unsigned)strtoul(f[NODE_DEPTH], NULL, 10);
    if (depth == 0) {
      root_weight = f[NODE_WEIGHT];
      continue;
    }
    bool item = strcmp(f[NODE_KIND], "item") == 0;
    if (depth < MAX_DEPTH) ancestors[depth] = f[NODE_NAME];
    lxw_format *fmt = item ? NULL : x->bold;
    if (item) {
      const char *l1 = f[NODE_LEVEL1] && f[NODE_LEVEL1][0] ? f[NODE_LEVEL1] : depth > 1 ? ancestors[1] : NULL;
      const char *l2 = f[NODE_LEVEL2] && f[NODE_LEVEL2][0] ? f[NODE_LEVEL2] : depth > 2 ? ancestors[2] : NULL;
      put_text(ws, row, 0, l1, NULL);
      put_text(ws, row, 1, l2, NULL);
      put_text(ws, row, 2, f[NODE_NAME], NULL);
      put_text(ws, row, 3, f[NODE_TARGET], NULL);
      put_text(ws, row, 4, f[NODE_ACTUAL], NULL);
    } else {
      /* A section: its name as 一级 or 二级指标, with its subtotals. */
      if (depth > 1) put_text(ws, row, 0, ancestors[1], NULL);
      put_text(ws, row, depth == 1 ? 0 : 1, f[NODE_NAME], x->bold);
    }
    put_number(x, ws, row, 5, f[NODE_WEIGHT], NULL, !item);
    put_number(x, ws, row, 6, f[NODE_SELF], NULL, !item);
    put_number(x, ws, row, 7, f[NODE_SCORE], f[NODE_SCORE_SHOWN], !item);
    put_number(x, ws, row, 8, f[NODE_DELTA], f[NODE_DELTA_SHOWN], !item);
    const char *note = strcmp(f[NODE_NA], "1") == 0 ? "不适用" : item ? f[NODE_EXPLAIN] : NULL;
    put_text(ws, row, 9, note, fmt);
    row++;
  }
  lx.worksheet_write_string(ws, row, 0, "总分", x->bold);
  put_number(x, ws, row, 5, root_weight, NULL, true);
  put_number(x, ws, row, 6, rep[REP_SELF_TOTAL], NULL, true);
  put_number(x, ws, row, 7, rep[REP_TOTAL], rep[REP_TOTAL_SHOWN], true);
  put_number(x, ws, row, 8, rep[REP_DELTA], rep[REP_DELTA_SHOWN], true);
  row++;
  lx.worksheet_write_string(ws, row, 0, "等级", x->bold);
  put_text(ws, row, 6, rep[REP_SELF_GRADE], NULL);
  put_text(ws, row, 7, rep[REP_GRADE], NULL);
}

/* ---- 报告 (batch) ------------------------------------------------------- */

static const char *const report_header[] = {"报告",     "单位",     "项目", "年度", "自评总分", "复核总分", "差异",
                                            "自评等级", "复核等级", "发现", "状态", "说明", "来源"};
static const double report_widths[] = {24, 20, 28, 6, 9, 9, 8, 9, 9, 6, 11, 60, 30};

static void report_row(xlsx_writer *x, const rb_record *rec) {
  lxw_worksheet *ws;
  lxw_row_t r;
  if (!next_row(x, &x->reports, &ws, &r)) return;
  const char *const *f = rec->f;
  if (rec->tag == 'E') {
    put_text(ws, r, 0, f[ERR_ID] ? f[ERR_ID] : f[ERR_SOURCE], NULL);
    put_text(ws, r, 10, "error", NULL);
    put_text(ws, r, 11, f[ERR_MESSAGE], NULL);
    put_text(ws, r, 12, f[ERR_SOURCE], NULL);
    return;
  }
  put_text(ws, r, 0, f[REP_ID], NULL);
  put_text(ws, r, 1, f[REP_UNIT], NULL);
  put_text(ws, r, 2, f[REP_TITLE], NULL);
  put_number(x, ws, r, 3, f[REP_YEAR], NULL, false);
  put_number(x, ws, r, 4, f[REP_SELF_TOTAL], NULL, false);
  put_number(x, ws, r, 5, f[REP_TOTAL], f[REP_TOTAL_SHOWN], false);
  put_number(x, ws, r, 6, f[REP_DELTA], f[REP_DELTA_SHOWN], false);
  put_text(ws, r, 7, f[REP_SELF_GRADE], NULL);
  put_text(ws, r, 8, f[REP_GRADE], NULL);
  put_number(x, ws, r, 9, f[REP_FINDINGS], NULL, false);
  put_text(ws, r, 10, f[REP_STATUS], NULL);
  put_text(ws, r, 12, f[REP_SOURCE], NULL);
}

/* ---- The writer --------------------------------------------------------- */

static void *open_xlsx(const char *tmp_path, bool batch, rubric_error *err) {
  xlsx_writer *x = calloc(1, sizeof *x);
  lxw_workbook_options opts = {.constant_memory = batch ? LXW_TRUE : LXW_FALSE, .tmpdir = NULL};
  if (x) x->wb = lx.workbook_new_opt(tmp_path, &opts);
  if (!x || !x->wb) {
    if (err) {
      err->status = RUBRIC_E_IO;
      snprintf(err->message, sizeof err->message, rb_from_en(rb_cli_lang(), "cannot start the Excel file %s"), tmp_path);
    }
    free(x);
    return NULL;
  }
  x->batch = batch;
  x->bold = lx.workbook_add_format(x->wb);
  lx.format_set_bold(x->bold);
  x->header = lx.workbook_add_format(x->wb);
  lx.format_set_bold(x->header);
  lx.format_set_bottom(x->header, LXW_BORDER_THIN);
  for (int p = 0; p <= MAX_PLACES; p++) {
    char code[24] = "0";
    if (p) {
      strcat(code, ".");
      for (int k = 0; k < p; k++) strcat(code, "0");
    }
    x->places[p] = lx.workbook_add_format(x->wb);
    lx.format_set_num_format(x->places[p], code);
    x->bold_places[p] = lx.workbook_add_format(x->wb);
    lx.format_set_num_format(x->bold_places[p], code);
    lx.format_set_bold(x->bold_places[p]);
  }
  if (batch) {
    x->reports = (list_sheet){"报告", report_header, report_widths, 13, NULL, 0, 0};
    if (start_sheet(x, &x->reports)) make_finding_sheets(x);
  }
  return x;
}

static bool add_xlsx(void *p, const rb_record *recs, size_t count, rubric_error *err) {
  xlsx_writer *x = p;
  const char *const *first = recs[0].f;
  const char *id = recs[0].tag == 'R' ? first[REP_ID] : first[ERR_ID] ? first[ERR_ID] : first[ERR_SOURCE];
  if (x->batch) report_row(x, &recs[0]);
  else if (recs[0].tag == 'R') score_sheet(x, recs, count);
  for (size_t i = 1; i < count; i++)
    if (recs[i].tag == 'F' || recs[i].tag == 'C') finding_or_check(x, id, &recs[i]);
  if (x->out_of_memory && err) {
    err->status = RUBRIC_E_MEMORY;
    snprintf(err->message, sizeof err->message, "%s", rb_text_from_en(rb_cli_lang(), "out of memory writing the Excel file"));
  }
  return !x->out_of_memory;
}

static void free_kept(xlsx_writer *x) {
  for (size_t i = 0; i < x->kept_count; i++)
    for (int k = 0; k < 1 + FIND_FIELDS; k++) free(x->kept[i].f[k]);
  free(x->kept);
}

static bool finish_xlsx(void *p, rubric_error *err) {
  xlsx_writer *x = p;
  if (!x->batch) {
    make_finding_sheets(x);
    for (size_t i = 0; i < x->kept_count && !x->out_of_memory; i++) {
      const char *const *f = (const char *const *)x->kept[i].f;
      if (x->kept[i].tag == 'F') finding_row(x, f);
      else check_row(x, f);
    }
  }
  lxw_error e = lx.workbook_close(x->wb);
  bool fine = e == LXW_NO_ERROR && !x->out_of_memory;
  if (!fine && err) {
    err->status = RUBRIC_E_IO;
    snprintf(err->message, sizeof err->message, rb_from_en(rb_cli_lang(), "cannot write the Excel file: %s"),
             x->out_of_memory ? rb_text_from_en(rb_cli_lang(), "out of memory") : lx.lxw_strerror(e));
  }
  free_kept(x);
  free(x);
  return fine;
}

static void discard_xlsx(void *p) {
  xlsx_writer *x = p;
  lx.workbook_close(x->wb); /* frees it; the file is removed next */
  free_kept(x);
  free(x);
}

const rb_tables_ops rb_xlsx_ops = {&libxlsxwriter, open_xlsx, add_xlsx, finish_xlsx, discard_xlsx};
