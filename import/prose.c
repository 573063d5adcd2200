/*
** prose.c — the report's own figures: its name and year, the budget, the
** stated total and grade, and a table of self scores.
**
** A report says these things in its form's fixed rows (项目名称, 年度资金总额,
** 预算计划安排 …) or in its sentences ("年初预算数……19006.62 万元，……调整为
** 15338.04 万元，执行数 11939.47 万元，完成预算的 77.84%", "自评得分 96.28
** 分，自评为优秀").  Both are read by key phrases, the ones the national and
** Guangdong templates use, never by the position of a word in a particular
** file.  Sentences are read with their line breaks removed (a PDF breaks them
** anywhere) and cut into clauses at "，" "。" "；"; a figure is the first amount
** after its key phrase in the same clause.  The first clause that gives a
** figure gives it: reports state the figure that counts before the details.
**
** Amounts count only in the report's money unit (万元 unless its form says
** 元): an amount in 亿元 is a department total the budget does not hold.
** Every figure read from a sentence is noted (FROM_TEXT) with the clause it
** came from, because a sentence can mean something else than its key phrase
** suggests, and a person must be able to check it.
*/
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

/* The text of the report outside the indicator table, lines joined, with the
** line each byte came from. */
typedef struct prose {
  imp_str text;
  int *line_of; /* per byte */
  size_t room;
} prose;

/* Append a line's text to the prose, each byte remembering its line; false
** when out of memory. */
static bool prose_add(imp_ctx *cx, prose *p, const char *t, size_t n, int line) {
  if (p->text.len + n + 1 > p->room) {
    size_t room = p->room ? p->room * 2 : 4096;
    while (room < p->text.len + n + 1) room *= 2;
    int *bigger = realloc(p->line_of, room * sizeof *bigger);
    if (!bigger) return false;
    p->line_of = bigger;
    p->room = room;
  }
  size_t at = p->text.len;
  if (!imp_str_add(cx, &p->text, t, n)) return false;
  for (size_t k = 0; k < n; k++) p->line_of[at + k] = line;
  return true;
}

/* ---- Numbers in text ---------------------------------------------------------- */

static bool digit(char c) { return c >= '0' && c <= '9'; }

/* The number starting at t[*i] (digits, with "." or "," and the damage
** extraction does to them: "165. 52", "165,52"), as decimal text; *i is moved
** past it.  NULL when there is none or it is damaged beyond reading. */
static char *number_at(imp_ctx *cx, const char *t, size_t n, size_t *i, bool *repaired, const char **raw,
                       size_t *raw_len) {
  size_t s = *i, e = s;
  while (e < n && (digit(t[e]) || ((t[e] == '.' || t[e] == ',') && e + 1 < n && (digit(t[e + 1]) || t[e + 1] == ' ')) ||
                   (t[e] == ' ' && e > s && (t[e - 1] == '.' || t[e - 1] == ',') && e + 1 < n && digit(t[e + 1]))))
    e++;
  while (e > s && !digit(t[e - 1])) e--;
  *i = e > s ? e : s + 1;
  if (e == s) return NULL;
  *raw = t + s;
  *raw_len = e - s;
  return imp_number(cx, t + s, e - s, repaired);
}

/* The money unit right after t[i] (spaces allowed): its scale in powers of
** ten of 元, or -1 when none. */
static int money_after(const char *t, size_t n, size_t i, size_t *end) {
  while (i < n && t[i] == ' ') i++;
  static const struct {
    const char *unit;
    int scale;
  } units[] = {{"万元", 4}, {"亿元", 8}, {"元", 0}, {"万", 4}};
  for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
    if (imp_starts(t + i, n - i, units[k].unit)) {
      *end = i + strlen(units[k].unit);
      return units[k].scale;
    }
  return -1;
}

/* ---- Fixed rows of the form ------------------------------------------------- */

/* The numbers of a line after its key phrase, in order (at most max). */
static size_t line_numbers(imp_ctx *cx, const imp_line *l, const char *key, char **out, bool *repaired, char **raw,
                           size_t max) {
  const char *t = l->text;
  size_t n = l->len, i = 0, count = 0;
  if (key) {
    const char *at = NULL;
    for (size_t k = 0; k + strlen(key) <= n && !at; k++)
      if (memcmp(t + k, key, strlen(key)) == 0) at = t + k;
    if (!at) return 0;
    i = (size_t)(at - t) + strlen(key);
  }
  while (i < n && count < max) {
    if (!digit(t[i])) {
      i++;
      continue;
    }
    const char *r;
    size_t rl;
    bool rep = false;
    char *num = number_at(cx, t, n, &i, &rep, &r, &rl);
    /* A percentage is kept as written, with its sign. */
    if (num && i < n && t[i] == '%') {
      num = imp_printf(cx, "%.*s%%", (int)rl, r);
      i++;
    }
    if (num) {
      repaired[count] = rep;
      raw[count] = imp_strndup(cx, r, rl);
      out[count++] = num;
    }
  }
  return count;
}

/* Set a budget figure unless an earlier place gave it; a repaired number is
** noted with the text as printed (raw). */
static void set_figure(imp_ctx *cx, imp_figure *f, char *value, bool repaired, const char *raw, int line,
                       const char *what) {
  if (f->has || !value) return;
  *f = (imp_figure){.has = true, .text = value, .line = line};
  if (repaired)
    imp_note(cx, RB_IMPORT_REPAIRED, line, "%s「%s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", what, raw, value);
}

/* Add a fact (text, or a decimal number) unless the name is taken. */
static void add_fact(imp_ctx *cx, const char *name, char *text, char *number) {
  if (cx->fact_count >= sizeof cx->facts / sizeof cx->facts[0]) return;
  for (size_t k = 0; k < cx->fact_count; k++)
    if (strcmp(cx->facts[k].name, name) == 0) return;
  cx->facts[cx->fact_count++] = (imp_fact){.name = imp_strndup(cx, name, strlen(name)), .text = text, .number = number};
}

/* Add a self score at [l1] or [l1, l2] unless that path has one. */
static void add_self(imp_ctx *cx, const char *l1, const char *l2, char *score) {
  if (cx->self_score_count >= sizeof cx->self_scores / sizeof cx->self_scores[0] || !score) return;
  imp_self_score *s = &cx->self_scores[cx->self_score_count];
  s->depth = 0;
  s->path[s->depth++] = imp_strndup(cx, l1, strlen(l1));
  if (l2) s->path[s->depth++] = imp_strndup(cx, l2, strlen(l2));
  s->score = score;
  for (size_t k = 0; k < cx->self_score_count; k++) {
    const imp_self_score *o = &cx->self_scores[k];
    if (o->depth == s->depth && strcmp(o->path[0], s->path[0]) == 0 &&
        (s->depth == 1 || strcmp(o->path[1], s->path[1]) == 0))
      return;
  }
  cx->self_score_count++;
}

/* The form's budget rows: the national 年度资金总额 (年初预算数, 全年预算数,
** 全年执行数, 分值, 执行率, 得分) and the Guangdong 预算计划安排 / 实际分配下达 /
** 实际支出金额. */
static void read_budget_rows(imp_ctx *cx) {
  for (size_t i = 0; i < cx->line_count; i++) {
    const imp_line *l = &cx->lines[i];
    char *nums[8], *raw[8];
    bool rep[8];
    size_t n;
    if ((n = line_numbers(cx, l, "年度资金总额", nums, rep, raw, 8)) > 0) {
      if (n == 6 && strchr(nums[4], '%')) {
        set_figure(cx, &cx->planned, nums[0], rep[0], raw[0], l->number, "年初预算数");
        set_figure(cx, &cx->adjusted, nums[1], rep[1], raw[1], l->number, "全年预算数");
        set_figure(cx, &cx->spent, nums[2], rep[2], raw[2], l->number, "全年执行数");
        add_fact(cx, "执行率", nums[4], NULL);
        add_self(cx, "预算执行率", "预算执行率", nums[5]);
        imp_note(cx, RB_IMPORT_JUDGED, l->number,
                 "年度资金总额一行：年初预算数 %s、全年预算数 %s、全年执行数 %s，执行率 %s，得分 %s 作为自评分读取（预算执行率 › 预算执行率）",
                 nums[0], nums[1], nums[2], nums[4], nums[5]);
      } else {
        imp_note(cx, RB_IMPORT_INCOMPLETE, l->number,
                 "年度资金总额一行有 %zu 个数字，与模板的 6 栏（年初预算数、全年预算数、全年执行数、分值、执行率、得分）对不上，未读取：请对照原件补录",
                 n);
      }
      continue;
    }
    if ((n = line_numbers(cx, l, "预算计划安排", nums, rep, raw, 8)) > 0)
      set_figure(cx, &cx->planned, nums[0], rep[0], raw[0], l->number, "预算计划安排");
    else if ((n = line_numbers(cx, l, "实际分配下达", nums, rep, raw, 8)) > 0)
      set_figure(cx, &cx->allocated, nums[0], rep[0], raw[0], l->number, "实际分配下达");
    else if ((n = line_numbers(cx, l, "实际支出金额", nums, rep, raw, 8)) > 0)
      set_figure(cx, &cx->spent, nums[0], rep[0], raw[0], l->number, "实际支出金额");
    else
      continue;
    /* 市本级 and 转移支付至下级: the second is noted when it is not zero. */
    for (size_t k = 1; k < n; k++)
      if (strcmp(nums[k], "0") != 0)
        imp_note(cx, RB_IMPORT_UNPLACED, l->number, "这一行另有金额 %s（转移支付至下级），预算只取第一栏 %s", nums[k], nums[0]);
  }
  /* Raw pdftotext writes the 年度资金总额 row's numbers one a line, after the
  ** header 年初预算数 … 得分: six numbers, the fifth a percentage. */
  if (cx->planned.has) return;
  for (size_t i = 0; i < cx->line_count; i++) {
    if (!imp_contains(cx->lines[i].text, cx->lines[i].len, "年初预算数")) continue;
    char *nums[6], *raw[6];
    bool rep[6];
    size_t got = 0;
    int first_line = 0;
    for (size_t j = i + 1; j < cx->line_count && j < i + 24 && got < 6; j++) {
      const imp_line *l = &cx->lines[j];
      const char *t = l->text;
      size_t tn = l->len;
      imp_trim(&t, &tn);
      if (tn == 0) continue;
      if (!digit(t[0])) {
        if (got) break;
        continue;
      }
      char *one[2], *r1[2];
      bool p1[2];
      if (line_numbers(cx, l, NULL, one, p1, r1, 2) != 1) break;
      if (!first_line) first_line = l->number;
      nums[got] = one[0], raw[got] = r1[0], rep[got] = p1[0], got++;
    }
    if (got == 6 && strchr(nums[4], '%') && !strchr(nums[0], '%')) {
      set_figure(cx, &cx->planned, nums[0], rep[0], raw[0], first_line, "年初预算数");
      set_figure(cx, &cx->adjusted, nums[1], rep[1], raw[1], first_line, "全年预算数");
      set_figure(cx, &cx->spent, nums[2], rep[2], raw[2], first_line, "全年执行数");
      add_fact(cx, "执行率", nums[4], NULL);
      add_self(cx, "预算执行率", "预算执行率", nums[5]);
      imp_note(cx, RB_IMPORT_JUDGED, first_line,
               "预算表的数字按模板顺序读取：年初预算数 %s、全年预算数 %s、全年执行数 %s，执行率 %s，得分 %s 作为自评分（预算执行率 › 预算执行率）：请核对",
               nums[0], nums[1], nums[2], nums[4], nums[5]);
    }
    break;
  }
}

/* ---- Budget lines ---------------------------------------------------------------- */

/* Which figure of a budget line a word names: 支出 → spent, 预算 / 安排 →
** planned, 到位 / 下达 → allocated; NULL when none. */
static char **line_figure(imp_budget_line *bl, const char *t, size_t n) {
  if (imp_contains(t, n, "支出")) return &bl->spent;
  if (imp_contains(t, n, "到位") || imp_contains(t, n, "下达")) return &bl->allocated;
  if (imp_contains(t, n, "预算") || imp_contains(t, n, "安排")) return &bl->planned;
  return NULL;
}

/* A table of a fund's lines ("序号 专项名称 资金支出情况（万元）" / "1 江门双碳实验室
** 建设专项 2769.19" / … / "合 计 9381.56"): a header naming 名称 and an amount
** column in the money unit, then rows of a name and one amount. */
static void read_fund_table(imp_ctx *cx) {
  for (size_t i = 0; i < cx->line_count && !cx->budget_line_count; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (!sq || !strstr(sq, "名称") || strstr(sq, "指标") || !(strstr(sq, "（万元）") || strstr(sq, "(万元)"))) continue;
    imp_budget_line probe = {0};
    if (!line_figure(&probe, sq, strlen(sq))) continue;
    size_t added = 0;
    for (size_t j = i + 1; j < cx->line_count && added < sizeof cx->budget_lines / sizeof cx->budget_lines[0]; j++) {
      const imp_line *l = &cx->lines[j];
      imp_word w[8];
      size_t n = imp_words(l->text, l->len, w, 8);
      if (n == 0) continue;
      char *row = imp_squeeze(cx, l->text, l->len);
      if (row && (imp_starts(row, strlen(row), "合计") || imp_starts(row, strlen(row), "总计"))) break;
      /* [序号] NAME AMOUNT */
      size_t k = 0;
      bool rep;
      if (n == 3 && imp_number(cx, w[0].text, w[0].len, &rep)) k = 1;
      if (n - k != 2 || !rb_utf8_has_ideograph(w[k].text, w[k].len)) break;
      char *amount = imp_number(cx, w[k + 1].text, w[k + 1].len, &rep);
      if (!amount || amount[0] == '-') break;
      imp_budget_line *bl = &cx->budget_lines[cx->budget_line_count++];
      memset(bl, 0, sizeof *bl);
      bl->name = imp_strndup(cx, w[k].text, w[k].len);
      *line_figure(bl, sq, strlen(sq)) = amount;
      if (rep)
        imp_note(cx, RB_IMPORT_REPAIRED, l->number, "「%s」的金额「%.*s」按 %s 读取（PDF 提取损坏了小数点）：请核对原件", bl->name,
                 (int)w[k + 1].len, w[k + 1].text, amount);
      added++;
    }
    if (added == 1) cx->budget_line_count = 0; /* one row is no table of lines */
    else if (added)
      imp_note(cx, RB_IMPORT_FROM_TEXT, cx->lines[i].number, "预算明细 %zu 条取自第 %d 行起的资金表", added, cx->lines[i].number);
  }
}

/* Lines listed in a sentence after 其中 ("其中基础研究计划预算 112385.46万元，支出
** 112385.46 万元，…；重点研发计划预算 …"; "其中,市科技局安排157,84万元,市科技服务中心
** 安排7,68万元"): each clause "NAME 预算|安排|支出 AMOUNT" starts a line, a clause
** with a figure word and no name adds to the line before.  Kept only when the
** sentence lists two lines or more; noted with its words. */
static void read_itemised(imp_ctx *cx, const char *t, size_t n, const int *line_of) {
  for (size_t at = 0; at + 6 <= n && !cx->budget_line_count; at++) {
    if (memcmp(t + at, "其中", 6) != 0) continue;
    size_t end = at;
    while (end < n && !imp_starts(t + end, n - end, "。")) end++;
    imp_budget_line found[16];
    size_t count = 0;
    size_t c = at + 6;
    bool ok = true;
    while (c < end && ok) {
      /* One clause: up to "，" "；" "," ";" (not a comma between digits). */
      size_t e = c;
      while (e < end && !imp_starts(t + e, end - e, "，") && !imp_starts(t + e, end - e, "；") && t[e] != ';' &&
             !(t[e] == ',' && !(e > 0 && digit(t[e - 1]) && e + 1 < end && digit(t[e + 1]))))
        e++; /* a comma between digits is part of a number ("6,615.71", or "157,84" damaged) */
      const char *cl = t + c;
      size_t cn = e - c;
      imp_trim(&cl, &cn);
      /* The amount: the first number followed by the money unit. */
      size_t i = 0, unit_end;
      char *amount = NULL;
      size_t num_at = 0;
      bool rep = false;
      while (i < cn) {
        if (!digit(cl[i])) {
          i++;
          continue;
        }
        const char *raw;
        size_t raw_len, after = i;
        num_at = i;
        amount = number_at(cx, cl, cn, &after, &rep, &raw, &raw_len);
        int want = cx->money_unit && strcmp(cx->money_unit, "元") == 0 ? 0 : 4;
        if (amount && money_after(cl, cn, after, &unit_end) == want) break;
        amount = NULL;
        i = after > i ? after : i + 1;
      }
      if (cn && amount) {
        /* The words before the amount: a name and a figure word, or a figure word alone. */
        imp_budget_line probe = {0};
        char **slot = line_figure(&probe, cl, num_at);
        const char *words[] = {"预算", "安排", "支出", "到位", "下达"};
        size_t name_end = num_at;
        for (size_t k = 0; k < 5; k++)
          for (size_t q = 0; q + strlen(words[k]) <= num_at; q++)
            if (memcmp(cl + q, words[k], strlen(words[k])) == 0 && q < name_end) name_end = q;
        const char *name = cl;
        size_t name_len = name_end;
        imp_trim(&name, &name_len);
        while (name_len >= 3 && (imp_starts(name, name_len, "：") || imp_starts(name, name_len, "，"))) name += 3, name_len -= 3;
        /* The figure word stands right before the amount ("预算 112385.46万元",
        ** "安排157,84万元", "支出为 …"); "一般公共预算安排拨款 2932.51万元" names a
        ** kind of money, not a line. */
        size_t gap = name_end;
        for (size_t k = 0; k < 5; k++)
          if (name_end + strlen(words[k]) <= num_at && memcmp(cl + name_end, words[k], strlen(words[k])) == 0)
            gap = name_end + strlen(words[k]);
        const char *between = cl + gap;
        size_t between_len = gap <= num_at ? num_at - gap : 0;
        imp_trim(&between, &between_len);
        if (between_len && !imp_equals(between, between_len, "为") && !imp_equals(between, between_len, "：") &&
            !imp_equals(between, between_len, ":") && !imp_equals(between, between_len, "数"))
          slot = NULL;
        if (!slot) {
          ok = false;
        } else if (name_len >= 6 && rb_utf8_has_ideograph(name, name_len) && count < 16) {
          imp_budget_line *bl = &found[count++];
          memset(bl, 0, sizeof *bl);
          bl->name = imp_strndup(cx, name, name_len);
          *line_figure(bl, cl, num_at) = amount;
        } else if (name_len == 0 && count > 0) {
          char **s2 = line_figure(&found[count - 1], cl, num_at);
          if (s2 && !*s2) *s2 = amount;
        } else {
          ok = false;
        }
        if (rep && ok)
          imp_note(cx, RB_IMPORT_REPAIRED, line_of[c], "预算明细的金额按 %s 读取（PDF 提取损坏了小数点）：请核对原件", amount);
      }
      c = e + (e < end && (unsigned char)t[e] >= 0x80 ? 3 : 1);
    }
    if (!ok || count < 2) continue;
    memcpy(cx->budget_lines, found, count * sizeof *found);
    cx->budget_line_count = count;
    size_t q1 = end - at > 150 ? at + rb_utf8_complete(t + at, 150) : end;
    imp_note(cx, RB_IMPORT_FROM_TEXT, line_of[at], "预算明细 %zu 条取自正文：「%.*s%s」", count, (int)(q1 - at), t + at,
             q1 < end ? "…" : "");
  }
}

/* ---- The report's name, year and kind ---------------------------------------- */

/* The text after a label on a line ("部门名称：X"), trimmed, or NULL; a code
** before a hyphen ("031001-霍邱县科学技术局") is dropped. */
static char *after_label(imp_ctx *cx, const imp_line *l, const char *label) {
  const char *t = l->text;
  size_t n = l->len;
  imp_trim(&t, &n);
  const char *at = NULL;
  /* The label starts its cell: the line, or after a tab or a space. */
  for (size_t k = 0; k + strlen(label) <= n && !at; k++)
    if (memcmp(t + k, label, strlen(label)) == 0 && (k == 0 || t[k - 1] == ' ' || t[k - 1] == '\t')) at = t + k;
  if (!at) return NULL;
  size_t i = (size_t)(at - t) + strlen(label);
  while (i < n && (t[i] == ':' || t[i] == ' ' || t[i] == '\t')) i++;
  if (imp_starts(t + i, n - i, "：")) i += 3;
  while (i < n && (t[i] == ' ' || t[i] == '\t')) i++;
  size_t e = i;
  /* Up to a run of spaces or a tab: the next cell. */
  while (e < n && t[e] != '\t' && !(t[e] == ' ' && e + 1 < n && t[e + 1] == ' ')) e++;
  size_t s = i;
  for (size_t k = i; k < e; k++)
    if (t[k] == '-' && k > i && digit(t[k - 1])) s = k + 1;
  const char *v = t + s;
  size_t vn = e - s;
  imp_trim(&v, &vn);
  if (vn == 0 || !rb_utf8_has_ideograph(v, vn) || imp_contains(v, vn, "：") || imp_contains(v, vn, "公章")) return NULL;
  return imp_strndup(cx, v, vn);
}

/* unit, title, kind and money unit, from the labels and the title of the form. */
static void read_names(imp_ctx *cx) {
  static const char *const unit_labels[] = {"填报单位名称", "填报单位", "实施单位", "部门名称", "预算部门", "评价单位",
                                            "单位名称", "主管部门"};
  for (size_t k = 0; k < sizeof unit_labels / sizeof unit_labels[0] && !cx->unit; k++)
    for (size_t i = 0; i < cx->line_count && i < 80 && !cx->unit; i++) cx->unit = after_label(cx, &cx->lines[i], unit_labels[k]);
  for (size_t i = 0; i < cx->line_count && i < 80 && !cx->title; i++) {
    const imp_line *l = &cx->lines[i];
    if (!imp_contains(l->text, l->len, "项目名称")) continue;
    /* The next cell after 项目名称 (tabs: the next non-empty one). */
    const char *t = l->text;
    size_t n = l->len;
    size_t at = 0;
    while (at + strlen("项目名称") <= n && memcmp(t + at, "项目名称", strlen("项目名称")) != 0) at++;
    size_t s = at + strlen("项目名称");
    while (s < n && (t[s] == ' ' || t[s] == '\t' || t[s] == ':')) s++;
    size_t e = s;
    while (e < n && t[e] != '\t' && !(t[e] == ' ' && e + 1 < n && t[e + 1] == ' ')) e++;
    const char *v = t + s;
    size_t vn = e - s;
    imp_trim(&v, &vn);
    if (vn && rb_utf8_has_ideograph(v, vn)) cx->title = imp_strndup(cx, v, vn);
  }
  /* Kind: from the form's title. */
  for (size_t i = 0; i < cx->line_count && i < 12 && !cx->kind; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (!sq) return;
    if (strstr(sq, "部门整体") || strstr(sq, "整体绩效自评") || strstr(sq, "整体支出绩效")) cx->kind = "department";
    else if (strstr(sq, "项目支出绩效") || strstr(sq, "项目绩效自评")) cx->kind = "project";
  }
  /* A department report's title in the form "2022 年度广州市科学技术局部门整体支出…". */
  if (!cx->unit && cx->kind && strcmp(cx->kind, "department") == 0) {
    imp_str head = {0};
    for (size_t i = 0; i < cx->line_count && i < 4; i++) imp_str_add(cx, &head, cx->lines[i].text, cx->lines[i].len);
    char *sq = head.s ? imp_squeeze(cx, head.s, head.len) : NULL;
    char *year_end = sq ? strstr(sq, "年度") : NULL, *dept = sq ? strstr(sq, "部门整体") : NULL;
    if (year_end && dept && dept > year_end + strlen("年度"))
      cx->unit = imp_strndup(cx, year_end + strlen("年度"), (size_t)(dept - year_end - strlen("年度")));
  }
  if (!cx->title && cx->kind && strcmp(cx->kind, "department") == 0 && cx->unit) cx->title = cx->unit;
  /* Money unit: the form's "项目资金（万元）" or "(元)". */
  for (size_t i = 0; i < cx->line_count && i < 60 && !cx->money_unit; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (!sq) return;
    if (strstr(sq, "（万元）") || strstr(sq, "(万元)") || strstr(sq, "单位：万元") || strstr(sq, "单位:万元")) cx->money_unit = "万元";
    else if (strstr(sq, "（元）") || strstr(sq, "(元)") || strstr(sq, "单位：元") || strstr(sq, "单位:元")) cx->money_unit = "元";
  }
}

/* The year: 评价年度 if stated, else one in the title lines ("（2022年度）"),
** else the year the text names most often (noted). */
static void read_year(imp_ctx *cx) {
  int counts[100] = {0};
  int stated = 0, title = 0;
  for (size_t i = 0; i < cx->line_count; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (!sq) return;
    for (char *p = sq; (p = strstr(p, "20")) != NULL; p++) {
      if (!(digit(p[2]) && digit(p[3])) || (p > sq && digit(p[-1])) || !imp_starts(p + 4, strlen(p + 4), "年")) continue;
      int y = 2000 + (p[2] - '0') * 10 + (p[3] - '0');
      bool du = imp_starts(p + 4, strlen(p + 4), "年度");
      if (!stated && strstr(sq, "评价年度") && strstr(sq, "评价年度") < p) stated = y;
      if (!title && i < 6 && du) title = y;
      if (!imp_starts(p + 4, strlen(p + 4), "年及")) counts[y - 2000]++;
    }
  }
  if (stated) cx->year = stated;
  else if (title) cx->year = title;
  else {
    int best = 0;
    for (int y = 1; y < 100; y++)
      if (counts[y] > counts[best]) best = y;
    if (counts[best] > 0) {
      cx->year = 2000 + best;
      imp_note(cx, RB_IMPORT_FROM_TEXT, 0, "报告没有写明评价年度，按正文中最常出现的年份读作 %d 年：请核对", cx->year);
    }
  }
}

/* ---- Sentences ------------------------------------------------------------------ */

typedef enum target_kind { T_PLANNED, T_ADJUSTED, T_ALLOCATED, T_SPENT, T_RATE, T_TOTAL, T_GRADE } target_kind;

typedef struct phrase {
  const char *key;
  target_kind what;
  bool weak; /* read only when no other phrase gave the figure anywhere */
} phrase;

/* Key phrases, the more specific first. */
static const phrase phrases[] = {
    {"年初预算", T_PLANNED, false},   {"收入总预算", T_PLANNED, false},   {"资金预算", T_PLANNED, false},      {"预算计划安排", T_PLANNED, false},
    {"项目预算", T_PLANNED, false},
    {"调整后预算为", T_ADJUSTED, false}, {"调整后预算", T_ADJUSTED, false}, {"调整为", T_ADJUSTED, false},       {"实际到位", T_ALLOCATED, false},
    {"执行数", T_SPENT, false},        {"实际支出", T_SPENT, false},        {"总支出", T_SPENT, false},          {"完成预算的", T_RATE, false},
    {"支出率", T_RATE, false},         {"执行率为", T_RATE, false},         {"自评得分", T_TOTAL, false},        {"综合得分为", T_TOTAL, false},
    {"综合得分", T_TOTAL, false},      {"自评", T_TOTAL, false},            {"自评为", T_GRADE, false},          {"评价结果为", T_GRADE, false},
    {"评价等级为", T_GRADE, false},    {"自评等级为", T_GRADE, false},      {"安排", T_PLANNED, true},
};

static const char *const grades[] = {"优秀", "良好", "合格", "不合格", "优", "良", "中", "差"};

/* Read one clause t[0..n) (starting at byte `at` of the prose); weak: the
** pass for weak phrases.  project_funds: the sentence speaks of 项目预算, so
** for a department its amounts are the project funds' facts. */
static void read_clause(imp_ctx *cx, const prose *p, size_t at, size_t n, bool weak, bool project_funds) {
  const char *t = p->text.s + at;
  for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++) {
    const phrase *ph = &phrases[k];
    if (ph->weak != weak) continue;
    size_t kl = strlen(ph->key);
    for (size_t i = 0; i + kl <= n; i++) {
      if (memcmp(t + i, ph->key, kl) != 0) continue;
      size_t j = i + kl;
      int line = p->line_of[at + i];
      if (ph->what == T_GRADE) {
        if (cx->grade) return;
        while (j < n && (t[j] == ' ' || t[j] == '"')) j++;
        if (imp_starts(t + j, n - j, "“") || imp_starts(t + j, n - j, "「")) j += 3;
        for (size_t g = 0; g < sizeof grades / sizeof grades[0]; g++)
          if (imp_starts(t + j, n - j, grades[g])) {
            cx->grade = imp_strndup(cx, grades[g], strlen(grades[g]));
            imp_note(cx, RB_IMPORT_FROM_TEXT, line, "自评等级「%s」取自正文：「%s」", cx->grade, imp_quote(cx, t, n));
            return;
          }
        continue;
      }
      /* The first figure after the key phrase, within the clause and near it,
      ** that has what the phrase needs after it (an amount's unit, %, 分):
      ** "安排本部门 2023 年……资金 31106 万元" skips the year. */
      const char *raw = NULL;
      size_t raw_len = 0, after = j;
      bool repaired = false;
      char *num = NULL;
      while (j < n && j - (i + kl) <= 80) {
        if (!digit(t[j])) {
          j++;
          continue;
        }
        after = j;
        num = number_at(cx, t, n, &after, &repaired, &raw, &raw_len);
        size_t u = after, unit_end;
        while (u < n && t[u] == ' ') u++;
        bool fits = ph->what == T_RATE    ? u < n && t[u] == '%'
                    : ph->what == T_TOTAL ? imp_starts(t + u, n - u, "分")
                                          : money_after(t, n, after, &unit_end) >= 0;
        if (num && fits) break;
        num = NULL;
        j = after > j ? after : j + 1;
      }
      if (!num) continue;
      /* The words that gave the figure: from a little before its key phrase
      ** to just after it. */
      size_t q0 = i > 45 ? rb_utf8_complete(t, i - 45) : 0, q1 = after + 9 < n ? after + 9 : n;
      while (q0 > 0 && ((unsigned char)t[q0] & 0xC0) == 0x80) q0--;
      q1 = q0 + rb_utf8_complete(t + q0, q1 - q0);
      char *clause = imp_printf(cx, "%s%s%s", q0 > 0 ? "…" : "", imp_quote(cx, t + q0, q1 - q0), q1 < n ? "…" : "");
      if (ph->what == T_RATE) {
        if (after < n && t[after] == '%') {
          for (size_t f = 0; f < cx->fact_count; f++)
            if (strcmp(cx->facts[f].name, "执行率") == 0) return; /* stated before */
          add_fact(cx, "执行率", imp_printf(cx, "%s%%", num), NULL);
          imp_note(cx, RB_IMPORT_FROM_TEXT, line, "执行率 %s%% 取自正文：「%s」", num, clause);
          return;
        }
        continue;
      }
      if (ph->what == T_TOTAL) {
        size_t u = after;
        while (u < n && t[u] == ' ') u++;
        if (!imp_starts(t + u, n - u, "分") || cx->self_total.has) continue;
        cx->self_total = (imp_figure){.has = true, .text = num, .line = line};
        imp_note(cx, RB_IMPORT_FROM_TEXT, line, "自评总分 %s 取自正文：「%s」", num, clause);
        return;
      }
      size_t unit_end;
      int scale = money_after(t, n, after, &unit_end);
      int want = cx->money_unit && strcmp(cx->money_unit, "元") == 0 ? 0 : 4;
      if (scale != want) continue;
      if (project_funds && cx->kind && strcmp(cx->kind, "department") == 0) {
        /* "项目预算为 10100 万元，实际到位数为 300 万元": the project funds. */
        const char *fact = ph->what == T_ALLOCATED ? "项目到位" : ph->what == T_PLANNED ? "项目预算" : NULL;
        if (!fact) continue;
        add_fact(cx, fact, NULL, num);
        imp_note(cx, RB_IMPORT_FROM_TEXT, line, "%s %s 取自正文：「%s」", fact, num, clause);
        continue;
      }
      imp_figure *f = ph->what == T_PLANNED    ? &cx->planned
                      : ph->what == T_ADJUSTED ? &cx->adjusted
                      : ph->what == T_ALLOCATED ? &cx->allocated
                                                : &cx->spent;
      if (f->has) continue;
      if (ph->what == T_PLANNED && imp_equals(ph->key, kl, "安排") && !imp_contains(t, n, "资金")) continue;
      static const char *const names[] = {"年初预算", "调整后预算", "实际到位", "执行数（实际支出）"};
      set_figure(cx, f, num, repaired, imp_strndup(cx, raw, raw_len), line, names[ph->what]);
      imp_note(cx, RB_IMPORT_FROM_TEXT, line, "%s %s 取自正文：「%s」", names[ph->what], num, clause);
      break;
    }
  }
}

/* A department's table of self scores ("一级指标 二级指标 得分 合计"): a line
** with a name and no figure opens a 一级指标; "name score" is a 二级指标; a
** figure alone is the 一级指标's total; 总分 the report's. */
static void read_score_table(imp_ctx *cx) {
  size_t header = cx->line_count;
  for (size_t i = 0; i < cx->line_count && header == cx->line_count; i++) {
    char *sq = imp_squeeze(cx, cx->lines[i].text, cx->lines[i].len);
    if (sq && strstr(sq, "一级指标") && strstr(sq, "二级指标") && strstr(sq, "得分") && !strstr(sq, "三级指标") &&
        !strstr(sq, "指标值"))
      header = i;
  }
  if (header == cx->line_count) return;
  char *l1 = NULL;
  for (size_t i = header + 1; i < cx->line_count; i++) {
    const imp_line *l = &cx->lines[i];
    imp_word words[16];
    size_t n = imp_words(l->text, l->len, words, 16);
    if (n == 0) continue;
    char *names[4], *nums[4];
    size_t nn = 0, nm = 0;
    bool other = false;
    for (size_t k = 0; k < n; k++) {
      bool rep;
      char *num = imp_number(cx, words[k].text, words[k].len, &rep);
      if (num && nm < 4) nums[nm++] = num;
      else if (!num && rb_utf8_has_ideograph(words[k].text, words[k].len) && nn < 4 &&
               rb_utf8_count(words[k].text, words[k].len) <= 12)
        names[nn++] = imp_strndup(cx, words[k].text, words[k].len);
      else other = true;
    }
    if (other || nn > 2 || (nn == 0 && nm == 0)) break;
    if (nn >= 1 && (imp_starts(names[0], strlen(names[0]), "总分") || imp_starts(names[0], strlen(names[0]), "合计"))) {
      if (nm && !cx->self_total.has) {
        cx->self_total = (imp_figure){.has = true, .text = nums[0], .line = l->number};
        imp_note(cx, RB_IMPORT_FROM_TEXT, l->number, "自评总分 %s 取自得分表的总分一行", nums[0]);
      }
      break;
    }
    if (nn == 2) {
      l1 = names[0];
      if (nm >= 1) add_self(cx, l1, names[1], nums[0]);
      if (nm >= 2) add_self(cx, l1, NULL, nums[1]);
    } else if (nn == 1 && nm == 0) {
      l1 = names[0];
    } else if (nn == 1 && l1) {
      add_self(cx, l1, names[0], nums[0]);
      if (nm >= 2) add_self(cx, l1, NULL, nums[1]);
    } else if (nn == 0 && nm == 1 && l1) {
      add_self(cx, l1, NULL, nums[0]);
    } else {
      break;
    }
  }
}

void imp_read_prose(imp_ctx *cx) {
  read_names(cx);
  read_year(cx);
  read_budget_rows(cx);
  read_score_table(cx);
  read_fund_table(cx);
  prose p = {0};
  bool ok = true;
  for (size_t i = 0; i < cx->line_count && ok; i++) {
    const imp_line *l = &cx->lines[i];
    if (cx->table_first && l->number >= cx->table_first && l->number <= cx->table_last) continue;
    if (memchr(l->text, '\t', l->len)) continue; /* a form's row, read above */
    const char *t = l->text;
    size_t n = l->len;
    imp_trim(&t, &n);
    ok = prose_add(cx, &p, t, n, l->number);
  }
  if (!ok || !p.text.s) {
    free(p.line_of);
    return;
  }
  /* Clauses, in two passes: the key phrases, then the weak ones. */
  const char *t = p.text.s;
  size_t n = p.text.len;
  for (int pass = 0; pass < 2; pass++) {
    size_t start = 0, sentence = 0;
    bool project_funds = false;
    for (size_t i = 0; i <= n; i++) {
      bool stop = i == n || imp_starts(t + i, n - i, "。");
      bool cut = stop || imp_starts(t + i, n - i, "，") || imp_starts(t + i, n - i, "；") || t[i] == ';' ||
                 (t[i] == ',' && !(i > 0 && digit(t[i - 1]) && i + 1 < n && digit(t[i + 1])));
      if (!cut) continue;
      if (start == sentence) {
        /* A new sentence: does it speak of 项目预算? */
        size_t e = start;
        while (e < n && !imp_starts(t + e, n - e, "。")) e++;
        project_funds = imp_contains(t + start, e - start, "项目预算");
      }
      if (i > start) read_clause(cx, &p, start, i - start, pass == 1, project_funds);
      start = i + (i < n && (unsigned char)t[i] >= 0x80 ? 3 : 1);
      if (stop) sentence = start;
    }
  }
  if (!cx->budget_line_count) read_itemised(cx, p.text.s, p.text.len, p.line_of);
  free(p.line_of);
  /* Amounts were read in 万元 unless the form said 元: say so in the report. */
  if (!cx->money_unit && (cx->planned.has || cx->adjusted.has || cx->allocated.has || cx->spent.has)) cx->money_unit = "万元";
}
