/*
** builtins.c — the built-in functions of the rubric language.
**
** The list, with one sentence each, is vm/builtins.h.  The scoring functions
** implement the official rules summarised in DOMAIN.md; each one records its
** formula with the numbers it used as the item's explanation
** ("min(145/110, 1) × 3.64 = 3.64"), and a shortfall finding when the item
** loses points, so that every point can be traced to a rule.
**
** Arguments arrive as values.  A measure (a target or actual read from the
** report's text) stands for its number in its own scale: 90 for "90%", 元
** for money, the day for a date.  A text that is not a number cannot be
** scored by a quantitative rule: the function returns 0 points and records a
** finding for review, rather than guess.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "base/utf8.h"
#include "vm/builtins.h"
#include "vm/vm_internal.h"

/* vm_internal.h. */
bool rb_measure_number(const rb_measure *m, rb_num *out) {
  switch (m->kind) {
  case RB_MK_NUMBER:
  case RB_MK_PERCENT:
  case RB_MK_MONEY:
  case RB_MK_QUANTITY:
  case RB_MK_BOOL: *out = m->value; return true;
  case RB_MK_DATE: *out = m->value; return true;
  case RB_MK_RANGE: *out = m->low; return true;
  default: return false;
  }
}

/* ---- Formatting values -------------------------------------------------- */

/* s copied into the result's arena ("" when out of memory). */
static const char *arena_text(rb_vm *vm, const char *s) {
  const char *p = rb_arena_strdup(&vm->result->arena, s);
  return p ? p : "";
}

/* A number for an explanation: exact when short, else 4 decimals. */
static void fmt_num(rb_num v, char *buf, size_t size) { rb_num_format_sig(v, 4, buf, size); }

/* The power of ten of 元 amounts are shown in: the report's money unit, or
** 元 when there is no report. */
static int report_money_scale(const rb_vm *vm) {
  int scale = vm->report ? vm->report->money_scale : 0;
  return rb_money_unit_name(scale) ? scale : 0;
}

const char *rb_vm_value_text(rb_vm *vm, rb_value v) {
  char buf[512];
  switch ((rb_vtype)v.type) {
  case RB_V_NIL: return "（缺失）";
  case RB_V_BOOL: return v.as.boolean ? "是" : "否";
  case RB_V_NUM:
    if (v.unit == RB_UNIT_PERCENT) {
      rb_num p;
      if (!rb_num_scale10(vm->result->nums, v.as.num, 2, &p)) p = v.as.num;
      fmt_num(p, buf, sizeof buf - 4);
      strcat(buf, "%");
    } else if (v.unit == RB_UNIT_MONEY) {
      /* Amounts read as the report writes them: in its money unit (in 元
      ** without a report). */
      int scale = report_money_scale(vm);
      rb_num m;
      if (!rb_num_scale10(vm->result->nums, v.as.num, -scale, &m)) m = v.as.num;
      fmt_num(m, buf, sizeof buf - 16);
      strcat(buf, rb_money_unit_name(scale));
    } else {
      fmt_num(v.as.num, buf, sizeof buf);
    }
    return arena_text(vm, buf);
  case RB_V_TEXT: {
    const char *p = rb_arena_strndup(&vm->result->arena, v.as.text.chars, v.as.text.len);
    return p ? p : "";
  }
  case RB_V_DATE: {
    int y, m, d;
    rb_date_to_ymd(v.as.date, &y, &m, &d);
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return arena_text(vm, buf);
  }
  case RB_V_MEASURE: return v.as.measure->text ? v.as.measure->text : "";
  case RB_V_ROW: return v.as.row->name ? v.as.row->name : "";
  case RB_V_LINE: return v.as.line->name ? v.as.line->name : "";
  default: return rb_vtype_name((rb_vtype)v.type);
  }
}

/* Text in the result's arena ("" when out of memory). */
static const char *result_text(rb_result *res, const char *s) {
  const char *p = rb_arena_strdup(&res->arena, s);
  return p ? p : "";
}

/* A score with the rubric's places, rounded as the rubric rounds, for
** explanations. */
static const char *fmt_score(rb_result *res, rb_num v) {
  char buf[128];
  /* Shown as the rubric rounds (half_even shows 0.125 as 0.12). */
  const rb_rounding *rd = &res->program->rounding;
  rb_num r;
  if (rb_num_round(res->nums, v, rd->places, (rb_round_mode)rd->mode, &r)) v = r;
  rb_num_format_fixed(v, rd->places, buf, sizeof buf);
  return result_text(res, buf);
}

/* A number for an explanation (fmt_num), in the result's arena. */
static const char *fmt_plain(rb_result *res, rb_num v) {
  char buf[128];
  fmt_num(v, buf, sizeof buf);
  return result_text(res, buf);
}

/* Whether the open item's explanation is wanted.  EXPLAIN does not even
** evaluate its arguments (numbers formatted for it) when it is not. */
static bool explaining(const rb_vm *vm) { return vm->explain && vm->current && vm->current->is_item; }
#define EXPLAIN(vm, ...)                                                      \
  do {                                                                        \
    if (explaining(vm)) set_explain((vm), __VA_ARGS__);                      \
  } while (0)

/* Make the formatted text the open item's explanation (through EXPLAIN,
** which skips it when no explanation is wanted).  fmt is written in
** Chinese; a run in English writes its translation (base/messages_zh.h). */
static void set_explain(rb_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_explain(rb_vm *vm, const char *fmt, ...) {
  if (!explaining(vm)) return;
  char buf[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, rb_from_zh(vm->lang, fmt), ap);
  va_end(ap);
  vm->item.explain = arena_text(vm, buf);
}

/* ---- Arguments ---------------------------------------------------------- */

/* The number an argument stands for.  *text_only is set when the argument
** is a measure with no number (qualitative text), *missing when nil. */
static bool arg_number(rb_value v, rb_num *out, bool *text_only, bool *missing, bool *is_date) {
  *text_only = *missing = *is_date = false;
  switch ((rb_vtype)v.type) {
  case RB_V_NUM: *out = v.as.num; return true;
  case RB_V_DATE:
    *out = rb_num_int(v.as.date);
    *is_date = true;
    return true;
  case RB_V_MEASURE:
    if (v.as.measure->kind == RB_MK_DATE) *is_date = true;
    if (rb_measure_number(v.as.measure, out)) return true;
    *text_only = true;
    return false;
  case RB_V_NIL: *missing = true; return false;
  default: return false;
  }
}

/* Argument index (0-based) of built-in fname as a number in *out; an error
** naming the function and the argument when it is missing or not a
** number. */
static bool need_number(rb_vm *vm, const char *fname, int index, rb_value v, rb_num *out) {
  if (v.type == RB_V_NUM) {
    *out = v.as.num;
    return true;
  }
  if (v.type == RB_V_NIL) rb_vm_error(vm, "%s: argument %d is missing", fname, index + 1);
  else rb_vm_error(vm, "%s: argument %d must be a number, not %s", fname, index + 1, rb_vtype_name((rb_vtype)v.type));
  return false;
}

/* What a scoring function was given, ready to compute with. */
typedef struct score_args {
  rb_num a, t, w;
  const char *a_text, *t_text; /* as written, for messages */
  bool money;                  /* the amounts are money (for formulas) */
  int8_t scale;                /* a money target: the power of ten it was written in, else -1 */
} score_args;

/* An amount of a scoring function's formula: money in the scale its target
** was written in ("18万元", not 180000), anything else as a plain number. */
static const char *fmt_amount(rb_result *res, const score_args *s, rb_num v) {
  if (s->scale < 0 || s->scale > 12) return fmt_plain(res, v);
  rb_num x;
  if (!rb_num_scale10(res->nums, v, -s->scale, &x)) return fmt_plain(res, v);
  char buf[160];
  fmt_num(x, buf, sizeof buf - 16);
  strcat(buf, rb_money_unit_name(s->scale));
  return result_text(res, buf);
}

/* Whether a value is a percentage: a number with the percent unit (0.95),
** or a measure written "95%", "950‰" or "90%-100%". */
static bool is_percentage(rb_value v) {
  if (v.type == RB_V_NUM) return v.unit == RB_UNIT_PERCENT;
  if (v.type != RB_V_MEASURE) return false;
  const rb_measure *m = v.as.measure;
  return m->kind == RB_MK_PERCENT || (m->kind == RB_MK_RANGE && m->range_kind == RB_MK_PERCENT);
}

/* A percentage's number (*points, as arg_number read it) in percentage
** points: 0.95 → 95, "950‰" → 95, "95%" stays 95. */
static void percent_points(rb_vm *vm, rb_value v, rb_num *points) {
  rb_numctx *cx = vm->result->nums;
  if (v.type == RB_V_NUM) rb_num_scale10(cx, v.as.num, 2, points);
  else if (v.as.measure->unit && strcmp(v.as.measure->unit, "‰") == 0) rb_num_scale10(cx, *points, -1, points);
}

/* An actual written as a bare number against a target with a unit ("5"
** against "≥5万元", "100" against "≥100%", "949" against "900 家") is read
** in the target's unit, with a note saying so (docs/notation.md): never 5 元
** against 50000 元.  *a is the actual's number, rescaled for money. */
static void actual_in_target_unit(rb_vm *vm, rb_value actual, rb_value target, rb_num *a) {
  if (actual.type != RB_V_MEASURE || target.type != RB_V_MEASURE) return;
  const rb_measure *am = actual.as.measure, *tm = target.as.measure;
  if (am->kind != RB_MK_NUMBER) return;
  const char *unit = NULL;
  char shown[160];
  char number[96];
  rb_num_format_sig(*a, 12, number, sizeof number);
  switch (tm->kind) {
  case RB_MK_PERCENT: unit = tm->unit; break;
  case RB_MK_QUANTITY: unit = tm->unit; break;
  case RB_MK_MONEY: {
    /* The amount in the scale the target was written in: 5 against 5万元 is
    ** 5万元, which is 50000 元. */
    int scale = tm->scale >= 0 && tm->scale <= 12 ? tm->scale : 0;
    rb_num_scale10(vm->result->nums, *a, scale, a);
    unit = rb_money_unit_name(scale);
    break;
  }
  default: return;
  }
  /* The number and its unit, joined without snprintf (this note is written
  ** for many reports; number has at most 95 bytes). */
  size_t number_len = strlen(number), unit_len = unit ? strlen(unit) : 0;
  if (unit_len > sizeof shown - 1 - number_len) unit_len = sizeof shown - 1 - number_len;
  memcpy(shown, number, number_len);
  if (unit_len) memcpy(shown + number_len, unit, unit_len);
  shown[number_len + unit_len] = '\0';
  rb_vm_finding(vm, RB_FINDING_NOTE, NULL, "%s：实际完成值「%s」未写单位，按目标「%s」的单位读作 %s",
                vm->current ? vm->current->name : "", am->text ? am->text : "", tm->text ? tm->text : "", shown);
}

/* Read actual, target and weight.  Returns 1 when they are numbers, 0 when
** the item cannot be scored by this rule (a finding is recorded and the score
** is 0), -1 after a runtime error. */
static int read_score_args(rb_vm *vm, const char *fname, rb_value *args, score_args *s) {
  s->money = false;
  s->scale = args[1].type == RB_V_MEASURE && args[1].as.measure->kind == RB_MK_MONEY ? args[1].as.measure->scale : -1;
  if (!need_number(vm, fname, 2, args[2], &s->w)) return -1;
  /* A missing value is "（缺失）" in messages, in the run's language. */
  s->a_text = args[0].type == RB_V_NIL ? rb_from_zh(vm->lang, "（缺失）") : rb_vm_value_text(vm, args[0]);
  s->t_text = args[1].type == RB_V_NIL ? rb_from_zh(vm->lang, "（缺失）") : rb_vm_value_text(vm, args[1]);
  bool text_a, miss_a, date_a, text_t, miss_t, date_t;
  bool ok_a = arg_number(args[0], &s->a, &text_a, &miss_a, &date_a);
  bool ok_t = arg_number(args[1], &s->t, &text_t, &miss_t, &date_t);
  if (ok_a && ok_t) actual_in_target_unit(vm, args[0], args[1], &s->a);
  /* Two percentages compare in percentage points, whatever their form: a
  ** computed 95% (the fraction 0.95), "95%" and "950‰" are all 95. */
  if (ok_a && ok_t && is_percentage(args[0]) && is_percentage(args[1])) {
    percent_points(vm, args[0], &s->a);
    percent_points(vm, args[1], &s->t);
    return 1;
  }
  if (ok_a && ok_t && date_a == date_t) return 1;
  const char *why = miss_a ? rb_from_zh(vm->lang, "缺少实际完成值")
                    : miss_t ? rb_from_zh(vm->lang, "缺少目标值")
                    : (ok_a && ok_t) ? rb_from_zh(vm->lang, "目标与实际一个是日期、一个不是")
                                     : rb_from_zh(vm->lang, "目标或实际值不是数值，无法按定量规则计分");
  rb_vm_finding(vm, RB_FINDING_REVIEW, NULL, "%s：目标「%s」，实际「%s」，%s，按 0 分计，需人工复核",
                vm->current ? vm->current->name : "", s->t_text, s->a_text, why);
  EXPLAIN(vm, "%s：%s → 0", fname, why);
  return 0;
}

/* Writes an item's formula with its numbers ("min(145/110, 1) × 3.64 = 3.64"). */
typedef void (*formula_fn)(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size);

/* What a shortfall finding's message is made from, when it is made (only
** if someone reads it: a batch writing CSV reads the top finding alone). */
typedef struct shortfall_note {
  score_args s;
  rb_num score; /* as computed; the message shows it rounded */
  formula_fn formula;
  const char *name;
  bool self_full; /* the self score kept full marks */
} shortfall_note;

/* "名称：目标 …，实际 …，应得 … 分（formula）[，自评未扣分]" */
static void render_shortfall(rb_result *res, const rb_finding *f, char *buf, size_t size) {
  const shortfall_note *d = f->render_data;
  char formula[512];
  d->formula(res, &d->s, d->score, formula, sizeof formula);
  rb_lang lang = (rb_lang)res->lang;
  if (d->self_full)
    snprintf(buf, size, rb_from_zh(lang, "%s：目标 %s，实际 %s，应得 %s 分（%s），自评未扣分"), d->name, d->s.t_text,
             d->s.a_text, fmt_score(res, d->score), formula);
  else
    snprintf(buf, size, rb_from_zh(lang, "%s：目标 %s，实际 %s，应得 %s 分（%s）"), d->name, d->s.t_text, d->s.a_text,
             fmt_score(res, d->score), formula);
}

/* Record the points an item lost against its target; the message is made
** when it is read. */
static void shortfall(rb_vm *vm, const score_args *s, rb_num score, formula_fn formula) {
  /* The points at stake are those the item loses as it will be shown:
  ** after the rubric's rounding of items (1.49 − 0.745 is 0.74 once the
  ** score is rounded to 0.75, not 0.745). */
  if (rb_num_cmp_fast(score, s->w) >= 0) return;
  rb_num w = s->w, shown = score;
  const rb_rounding *rd = &vm->program->rounding;
  if (rd->where & RB_ROUND_AT_ITEM) {
    rb_num_round(vm->result->nums, shown, rd->places, (rb_round_mode)rd->mode, &shown);
    rb_num_round(vm->result->nums, w, rd->places, (rb_round_mode)rd->mode, &w);
  }
  rb_num lost;
  if (!rb_num_sub_fast(vm->result->nums, w, shown, &lost) || rb_num_sign(lost) <= 0) return;
  const rb_node *n = vm->current;
  shortfall_note *d = rb_arena_alloc(&vm->result->arena, sizeof *d);
  if (!d) return;
  *d = (shortfall_note){.s = *s, .score = score, .formula = formula, .name = n ? n->name : ""};
  /* Say so when the self score kept full marks despite the shortfall. */
  d->self_full = n && n->has_self && rb_num_cmp_fast(n->self, s->w) >= 0;
  rb_finding *f = rb_result_add_finding_later(vm->result, RB_FINDING_SHORTFALL, vm->current, render_shortfall, d);
  if (f) {
    f->has_stake = true;
    f->stake = lost;
    f->has_computed = true;
    f->computed = shown;
  }
}

/* ---- The scoring functions ---------------------------------------------- */

/* The end of every scoring function: the score, and — only when someone will
** read it, the item's explanation or a shortfall finding — its formula. */
static bool finish(rb_vm *vm, const score_args *s, rb_num score, formula_fn formula, rb_value *out) {
  if (explaining(vm)) {
    char text[512];
    formula(vm->result, s, score, text, sizeof text);
    set_explain(vm, "%s", text);
  }
  shortfall(vm, s, score, formula);
  rb_set_num(out, score, RB_UNIT_PLAIN);
  return true;
}

/* Read the arguments of a scoring function; false (with *done set to the
** function's return value) when it cannot score by its rule. */
static bool begin(rb_vm *vm, const char *fname, rb_value *args, score_args *s, rb_value *out, bool *done) {
  int k = read_score_args(vm, fname, args, s);
  if (k > 0) return true;
  rb_set_num(out, rb_num_int(0), RB_UNIT_PLAIN);
  *done = k == 0;
  return false;
}

/* A ceiling met: actual ≤ target earns the weight. */
static bool within_ceiling(rb_vm *vm, const score_args *s, rb_value *out) {
  if (rb_num_cmp_fast(s->a, s->t) > 0) return false;
  rb_set_num(out, s->w, RB_UNIT_PLAIN);
  EXPLAIN(vm, "%s ≤ %s，得满分 %s", fmt_amount(vm->result, s, s->a), fmt_amount(vm->result, s, s->t), fmt_score(vm->result, s->w));
  return true;
}

static void positive_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  snprintf(buf, size, "min(%s/%s, 1) × %s = %s", fmt_amount(res, s, s->a), fmt_amount(res, s, s->t), fmt_plain(res, s->w),
           fmt_score(res, score));
}

/* positive: min(actual/target, 1) × weight; negative actuals count as 0; a
** target of 0 (or less) earns the weight. */
static bool b_positive(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "positive", args, &s, out, &done)) return done;
  rb_numctx *cx = vm->result->nums;
  if (rb_num_sign(s.t) <= 0) {
    rb_set_num(out, s.w, RB_UNIT_PLAIN);
    EXPLAIN(vm, "目标为 %s，按满分 %s", fmt_plain(vm->result, s.t), fmt_score(vm->result, s.w));
    return true;
  }
  if (rb_num_sign(s.a) < 0) s.a = rb_num_int(0);
  rb_num r, score;
  /* With a positive target, actual ≥ target is exactly min(actual/target, 1) = 1. */
  if (rb_num_cmp_fast(s.a, s.t) >= 0) score = s.w;
  else if (!rb_num_div(cx, s.a, s.t, &r) || !rb_num_mul(cx, r, s.w, &score)) return false;
  return finish(vm, &s, score, positive_formula, out);
}

static void reverse_ratio_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  snprintf(buf, size, "%s/%s × %s = %s", fmt_amount(res, s, s->t), fmt_amount(res, s, s->a), fmt_plain(res, s->w),
           fmt_score(res, score));
}

/* reverse_ratio: the weight if actual ≤ target, else target/actual × weight. */
static bool b_reverse_ratio(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "reverse_ratio", args, &s, out, &done)) return done;
  if (within_ceiling(vm, &s, out)) return true;
  rb_numctx *cx = vm->result->nums;
  rb_num r, score;
  if (rb_num_sign(s.t) < 0) s.t = rb_num_int(0);
  if (!rb_num_div(cx, s.t, s.a, &r) || !rb_num_mul(cx, r, s.w, &score)) return false;
  return finish(vm, &s, score, reverse_ratio_formula, out);
}

static void reverse_linear_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  snprintf(buf, size, "max(1 − (%s − %s)/%s, 0) × %s = %s", fmt_amount(res, s, s->a), fmt_amount(res, s, s->t),
           fmt_amount(res, s, s->t), fmt_plain(res, s->w), fmt_score(res, score));
}

/* reverse_linear: the weight if actual ≤ target, else (1 − (a − t)/t) × w,
** floored at 0 (zero at twice the target). */
static bool b_reverse_linear(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "reverse_linear", args, &s, out, &done)) return done;
  if (within_ceiling(vm, &s, out)) return true;
  rb_numctx *cx = vm->result->nums;
  rb_num score = rb_num_int(0);
  if (rb_num_sign(s.t) > 0) {
    rb_num over, frac, keep;
    if (!rb_num_sub_fast(cx, s.a, s.t, &over) || !rb_num_div(cx, over, s.t, &frac) ||
        !rb_num_sub_fast(cx, rb_num_int(1), frac, &keep) || !rb_num_mul(cx, keep, s.w, &score))
      return false;
    if (rb_num_sign(score) < 0) score = rb_num_int(0);
  }
  return finish(vm, &s, score, reverse_linear_formula, out);
}

static void equality_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  bool met = rb_num_cmp_fast(score, s->w) == 0;
  snprintf(buf, size, "%s %s %s → %s", fmt_amount(res, s, s->a), met ? "=" : "≠", fmt_amount(res, s, s->t),
           fmt_score(res, score));
}

/* equality: the weight if actual = target; with a target of 0, an actual
** ≤ 0 earns the weight. */
static bool b_equality(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "equality", args, &s, out, &done)) return done;
  bool met = rb_num_is_zero(s.t) ? rb_num_sign(s.a) <= 0 : rb_num_cmp_fast(s.a, s.t) == 0;
  return finish(vm, &s, met ? s.w : rb_num_int(0), equality_formula, out);
}

static void deadline_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  bool met = rb_num_cmp_fast(s->a, s->t) <= 0;
  rb_lang lang = (rb_lang)res->lang;
  if (met) snprintf(buf, size, rb_from_zh(lang, "%s 不晚于 %s → %s"), s->a_text, s->t_text, fmt_score(res, score));
  else snprintf(buf, size, rb_from_zh(lang, "%s 晚于 %s → %s"), s->a_text, s->t_text, fmt_score(res, score));
}

/* deadline: all or nothing, met when the actual date is on or before the
** target date. */
static bool b_deadline(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "deadline", args, &s, out, &done)) return done;
  return finish(vm, &s, rb_num_cmp_fast(s.a, s.t) <= 0 ? s.w : rb_num_int(0), deadline_formula, out);
}

/* "min(9381.56万元/12823.67万元 = 73.16%, 1) × 10 = 7.32". */
static void execution_rate_formula(rb_result *res, const score_args *s, rb_num score, char *buf, size_t size) {
  rb_numctx *cx = res->nums;
  rb_num r, pct;
  char rate[64] = "?";
  if (rb_num_div(cx, s->a, s->t, &r) && rb_num_scale10(cx, r, 2, &pct)) rb_num_format_fixed(pct, 2, rate, sizeof rate);
  /* Amounts as the report writes them ("9381.56万元"); plain numbers as is. */
  snprintf(buf, size, "min(%s/%s = %s%%, 1) × %s = %s", s->money ? s->a_text : fmt_plain(res, s->a),
           s->money ? s->t_text : fmt_plain(res, s->t), rate, fmt_plain(res, s->w), fmt_score(res, score));
}

/* execution_rate: min(spent/budget, 1) × weight (预算执行率). */
static bool b_execution_rate(rb_vm *vm, rb_value *args, rb_value *out) {
  score_args s;
  bool done;
  if (!begin(vm, "execution_rate", args, &s, out, &done)) return done;
  if (rb_num_sign(s.t) <= 0) {
    rb_vm_error(vm, "execution_rate: the budget is %s; a rate needs a budget above 0", s.t_text);
    return false;
  }
  rb_numctx *cx = vm->result->nums;
  rb_num r, score;
  if (!rb_num_div(cx, s.a, s.t, &r) || !rb_num_mul(cx, rb_num_min(r, rb_num_int(1)), s.w, &score)) return false;
  s.money = args[0].type == RB_V_NUM && args[0].unit == RB_UNIT_MONEY;
  return finish(vm, &s, score, execution_rate_formula, out);
}

/* deduct: max(weight − count × each, 0). */
static bool b_deduct(rb_vm *vm, rb_value *args, rb_value *out) {
  rb_num n, each, w, lost, score;
  if (!need_number(vm, "deduct", 0, args[0], &n) || !need_number(vm, "deduct", 1, args[1], &each) ||
      !need_number(vm, "deduct", 2, args[2], &w))
    return false;
  rb_numctx *cx = vm->result->nums;
  if (!rb_num_mul(cx, n, each, &lost) || !rb_num_sub_fast(cx, w, lost, &score)) return false;
  bool floored = rb_num_sign(score) < 0;
  if (floored) score = rb_num_int(0);
  EXPLAIN(vm, "max(%s − %s × %s, 0) = %s", fmt_plain(vm->result, w), fmt_plain(vm->result, n), fmt_plain(vm->result, each),
              fmt_score(vm->result, score));
  /* The points taken away, as a finding: 每出现一例扣N分 is a deduction the
  ** reader must be able to see and count. */
  rb_num taken;
  if (rb_num_sub_fast(cx, w, score, &taken) && rb_num_sign(taken) > 0) {
    const char *name = vm->current ? vm->current->name : "";
    const char *count = fmt_plain(vm->result, n), *per = fmt_plain(vm->result, each);
    const char *total = fmt_plain(vm->result, lost), *left = fmt_score(vm->result, score);
    rb_finding *f = floored ? rb_vm_finding(vm, RB_FINDING_SHORTFALL, NULL, "%s：扣 %s × %s = %s 分（扣完为止），得 %s 分",
                                            name, count, per, total, left)
                            : rb_vm_finding(vm, RB_FINDING_SHORTFALL, NULL, "%s：扣 %s × %s = %s 分，得 %s 分", name, count,
                                            per, total, left);
    if (f) {
      f->has_stake = f->has_computed = true;
      f->stake = taken;
      f->computed = score;
    }
  }
  rb_set_num(out, score, RB_UNIT_PLAIN);
  return true;
}

/* The band of a qualitative tier: tier 1 达成 80%–100%, tier 2 部分达成
** 60%–80% (50%–80% in variant 50), tier 3 未达成 0–60% (0–50%). */
static bool tier_band(rb_vm *vm, const char *fname, rb_value *args, int argc, int tier_i, int w_i, rb_num *low,
                      rb_num *high, rb_num *w) {
  rb_num tier_n, variant_n = rb_num_int(60);
  if (!need_number(vm, fname, tier_i, args[tier_i], &tier_n) || !need_number(vm, fname, w_i, args[w_i], w))
    return false;
  if (argc > w_i + 1 && !need_number(vm, fname, w_i + 1, args[w_i + 1], &variant_n)) return false;
  int64_t tier = 0, variant = 0;
  rb_num_to_int64(tier_n, &tier);
  rb_num_to_int64(variant_n, &variant);
  if (tier < 1 || tier > 3) {
    rb_vm_error(vm, "%s: the tier is 1 (达成), 2 (部分达成) or 3 (未达成), not %s", fname, fmt_plain(vm->result, tier_n));
    return false;
  }
  if (variant != 60 && variant != 50) {
    rb_vm_error(vm, "%s: the variant is 60 (80/60 bands) or 50 (80/50 bands)", fname);
    return false;
  }
  int lo_pct = tier == 1 ? 80 : tier == 2 ? (int)variant : 0;
  int hi_pct = tier == 1 ? 100 : tier == 2 ? 80 : (int)variant;
  rb_numctx *cx = vm->result->nums;
  rb_num a, b;
  rb_num_frac(cx, lo_pct, 100, &a);
  rb_num_frac(cx, hi_pct, 100, &b);
  return rb_num_mul(cx, a, *w, low) && rb_num_mul(cx, b, *w, high);
}

/* qualitative(tier, self, weight[, variant]): the self score kept within the
** tier's band (tier_band), with a review finding and its stake when it had
** to be moved; without a self score, the band's top, recorded as
** unverified. */
static bool b_qualitative(rb_vm *vm, rb_value *args, int argc, rb_value *out) {
  rb_num low, high, w;
  if (!tier_band(vm, "qualitative", args, argc, 0, 2, &low, &high, &w)) return false;
  if (args[1].type == RB_V_NIL) {
    rb_vm_finding(vm, RB_FINDING_UNVERIFIED, NULL, "%s：没有自评分，按该档上限 %s 分计",
                  vm->current ? vm->current->name : "", fmt_score(vm->result, high));
    EXPLAIN(vm, "定性档次 [%s, %s]，无自评分，取上限 %s", fmt_plain(vm->result, low), fmt_plain(vm->result, high), fmt_score(vm->result, high));
    rb_set_num(out, high, RB_UNIT_PLAIN);
    return true;
  }
  rb_num self;
  if (!need_number(vm, "qualitative", 1, args[1], &self)) return false;
  rb_num score = self;
  if (rb_num_cmp_fast(self, low) < 0) score = low;
  if (rb_num_cmp_fast(self, high) > 0) score = high;
  if (rb_num_cmp_fast(score, self) != 0) {
    rb_finding *f = rb_vm_finding(vm, RB_FINDING_REVIEW, NULL, "%s：自评分 %s 不在该档次区间 [%s, %s] 内，按 %s 分计",
                                  vm->current ? vm->current->name : "", fmt_plain(vm->result, self), fmt_plain(vm->result, low),
                                  fmt_plain(vm->result, high), fmt_score(vm->result, score));
    if (f) {
      rb_num d;
      rb_num_sub_fast(vm->result->nums, self, score, &d);
      rb_num_abs(vm->result->nums, d, &f->stake);
      f->has_stake = true;
      f->has_self = true;
      f->self = self;
      f->has_computed = true;
      f->computed = score;
    }
  }
  EXPLAIN(vm, "定性档次 [%s, %s]，自评 %s → %s", fmt_plain(vm->result, low), fmt_plain(vm->result, high), fmt_plain(vm->result, self),
              fmt_score(vm->result, score));
  rb_set_num(out, score, RB_UNIT_PLAIN);
  return true;
}

/* ---- The rest ----------------------------------------------------------- */

/* min(...) and max(...) of numbers, nil arguments skipped (all nil: nil);
** money is compared only with money. */
static bool minmax(rb_vm *vm, bool is_min, rb_value *args, int argc, rb_value *out) {
  rb_value best = rb_nil(); /* out may be args[0]: written once, at the end */
  for (int i = 0; i < argc; i++) {
    if (args[i].type == RB_V_NIL) continue;
    if (args[i].type != RB_V_NUM) {
      rb_vm_error(vm, "%s needs numbers, not %s", is_min ? "min" : "max", rb_vtype_name((rb_vtype)args[i].type));
      return false;
    }
    if (best.type == RB_V_NIL) {
      best = args[i];
      continue;
    }
    if ((best.unit == RB_UNIT_MONEY) != (args[i].unit == RB_UNIT_MONEY)) {
      rb_vm_error(vm, "%s cannot compare money with other numbers", is_min ? "min" : "max");
      return false;
    }
    int c = rb_num_cmp_fast(args[i].as.num, best.as.num);
    if (is_min ? c < 0 : c > 0) best = args[i];
  }
  *out = best;
  return true;
}

/* The text of a text or measure argument of built-in fname in *s and *len
** (nil: ""); an error for any other value. */
static inline bool text_arg(rb_vm *vm, const char *fname, rb_value v, const char **s, uint32_t *len) {
  if (v.type == RB_V_TEXT) {
    *s = v.as.text.chars;
    *len = v.as.text.len;
    return true;
  }
  if (v.type == RB_V_MEASURE) {
    *s = v.as.measure->text ? v.as.measure->text : "";
    *len = (uint32_t)strlen(*s);
    return true;
  }
  if (v.type == RB_V_NIL) {
    *s = "";
    *len = 0;
    return true;
  }
  rb_vm_error(vm, "%s needs text, not %s", fname, rb_vtype_name((rb_vtype)v.type));
  return false;
}

/* The length of the sentence punctuation at s (len bytes left), or 0: what
** plain() removes at either end of a text (spaces, rb_utf8_space_at, it
** removes everywhere). */
static inline __attribute__((always_inline)) size_t punct_at(const unsigned char *s, size_t len) {
  switch (s[0]) {
  case '.': case ',': case ';': case ':': case '!': case '?': return 1;
  case 0xE3: /* 、 U+3001, 。 U+3002 */
    return len >= 3 && s[1] == 0x80 && (s[2] == 0x81 || s[2] == 0x82) ? 3 : 0;
  case 0xEF: /* ！ U+FF01, ， U+FF0C, ． U+FF0E, ： U+FF1A, ； U+FF1B, ？ U+FF1F */
    return len >= 3 && s[1] == 0xBC &&
                   (s[2] == 0x81 || s[2] == 0x8C || s[2] == 0x8E || s[2] == 0x9A || s[2] == 0x9B || s[2] == 0x9F)
               ? 3
               : 0;
  default: return 0;
  }
}

/* The bytes that can begin a space of rb_utf8_space_at: ASCII blanks, and
** the lead bytes of U+00A0 (C2 A0) and U+3000 (E3 80 80).  A text none of
** whose bytes is one has no space, which plain() checks with one table look
** up a byte instead of a call. */
static const bool space_lead[256] = {
  ['\t'] = true, ['\n'] = true, ['\v'] = true, ['\f'] = true, ['\r'] = true, [' '] = true,
  [0xC2] = true,  [0xE3] = true,
};

/* Whether the 8 bytes of x may hold a space_lead byte: one below 0x21 (the
** ASCII blanks and other controls), C2 or E3.  Bit tricks on the whole word
** ("determine if a word has a byte less than n", Hacker's Delight 6-1):
** exact for "some byte is", so a word they pass has no space at all. */
static inline bool word_may_space(uint64_t x) {
  const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
  uint64_t below = (x - ones * 0x21) & ~x & highs;
  uint64_t c2 = x ^ (ones * 0xC2), e3 = x ^ (ones * 0xE3);
  uint64_t is_c2 = (c2 - ones) & ~c2 & highs, is_e3 = (e3 - ones) & ~e3 & highs;
  return (below | is_c2 | is_e3) != 0;
}

/* Whether the text has a space anywhere (rb_utf8_space_at): eight bytes at
** a time past those that cannot begin one. */
static bool has_space(const unsigned char *u, uint32_t len) {
  uint32_t i = 0;
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, u + i, sizeof x);
    if (!word_may_space(x)) continue;
    for (uint32_t j = i; j < i + 8; j++)
      if (space_lead[u[j]] && rb_utf8_space_at(u + j, len - j)) return true;
  }
  /* The last bytes in one word that overlaps the ones already looked at. */
  if (i < len && len >= 8) {
    uint64_t x;
    memcpy(&x, u + len - 8, sizeof x);
    if (!word_may_space(x)) return false;
  }
  for (; i < len; i++)
    if (space_lead[u[i]] && rb_utf8_space_at(u + i, len - i)) return true;
  return false;
}

/* plain(text): builtins.h; vm_internal.h (rb_builtin_plain, which looks in
** the memo first). */
bool rb_builtin_plain_full(rb_vm *vm, const rb_value *args, rb_value *out) {
  const char *s;
  uint32_t len;
  if (!text_arg(vm, "plain", args[0], &s, &len)) return false;
  if (args[0].type == RB_V_NIL) {
    rb_set_nil(out);
    return true;
  }
  /* The same text again in this run (vm_internal.h: rb_vm.plain_memo). */
  bool hit;
  rb_plain_memo *memo = rb_plain_memo_find(vm, s, len, &hit);
  if (hit) {
    rb_set_text(out, memo->out, memo->out_len);
    return true;
  }
  *memo = (rb_plain_memo){.in = s, .in_len = len, .out = s, .out_len = len, .run = vm->run};
  /* Most texts have nothing to take away: give them back as they are. */
  const unsigned char *u = (const unsigned char *)s;
  bool clean = len == 0 || (!punct_at(u, len) && !(len >= 1 && punct_at(u + len - 1, 1)) &&
                            !(len >= 3 && punct_at(u + len - 3, 3)));
  if (clean && !has_space(u, len)) {
    rb_set_text(out, s, len);
    return true;
  }
  char *buf = rb_arena_alloc(&vm->result->arena, (size_t)len + 1);
  if (!buf) {
    memo->run = 0;
    return false;
  }
  size_t n = 0;
  const unsigned char *p = (const unsigned char *)s;
  for (uint32_t i = 0; i < len;) {
    size_t k = rb_utf8_space_at(p + i, len - i);
    if (k) {
      i += (uint32_t)k;
      continue;
    }
    buf[n++] = s[i++];
  }
  /* Sentence punctuation at either end. */
  size_t start = 0, k;
  while (start < n && (k = punct_at((const unsigned char *)buf + start, n - start)) != 0) start += k;
  for (bool cut = true; cut && n > start;) {
    cut = false;
    for (size_t back = 1; back <= 3 && back <= n - start; back++)
      if (punct_at((const unsigned char *)buf + n - back, back) == back) {
        n -= back;
        cut = true;
        break;
      }
  }
  buf[n] = '\0';
  rb_set_text(out, buf + start, (uint32_t)(n - start));
  memo->out = buf + start;
  memo->out_len = (uint32_t)(n - start);
  return true;
}

/* The finding kind named `name`, or RB_FINDING_OTHER. */
static rb_finding_kind kind_from_name(const char *name) {
  for (int i = 0; i < RB_FINDING_KIND_COUNT; i++)
    if (strcmp(rb_finding_kind_names[i], name) == 0) return (rb_finding_kind)i;
  return RB_FINDING_OTHER;
}

/* clamp(x, low, high): x limited to [low, high], in x's unit; nil stays nil. */
static bool b_clamp(rb_vm *vm, rb_value *args, rb_value *out) {
  if (args[0].type == RB_V_NIL) {
    *out = args[0];
    return true;
  }
  rb_num x, lo, hi;
  if (!need_number(vm, "clamp", 0, args[0], &x) || !need_number(vm, "clamp", 1, args[1], &lo) ||
      !need_number(vm, "clamp", 2, args[2], &hi))
    return false;
  *out = args[0];
  out->as.num = rb_num_max(lo, rb_num_min(x, hi));
  return true;
}

/* ratio(a, b): a / b as a percentage; nil when either is not a number; an
** error when b is 0. */
static bool b_ratio(rb_vm *vm, rb_value *args, rb_value *out) {
  rb_num a, b;
  bool t, m, d;
  if (!arg_number(args[0], &a, &t, &m, &d) || !arg_number(args[1], &b, &t, &m, &d)) {
    rb_set_nil(out);
    return true;
  }
  if (rb_num_is_zero(b)) {
    rb_vm_error(vm, "ratio: division by zero (%s / %s)", rb_vm_value_text(vm, args[0]), rb_vm_value_text(vm, args[1]));
    return false;
  }
  rb_num r;
  if (!rb_num_div(vm->result->nums, a, b, &r)) return false;
  rb_set_num(out, r, RB_UNIT_PERCENT);
  return true;
}

/* starts_with(text, prefix) and contains(text, part), by bytes; id says
** which. */
static bool b_text_match(rb_vm *vm, int id, rb_value *args, rb_value *out) {
  const char *s, *p;
  uint32_t ls, lp;
  if (!text_arg(vm, rb_builtin_table[id].name, args[0], &s, &ls) ||
      !text_arg(vm, rb_builtin_table[id].name, args[1], &p, &lp))
    return false;
  rb_set_bool(out, rb_text_matches(id, s, ls, p, lp));
  return true;
}

/* concat(...): the texts of its argc arguments joined, other values as
** rb_vm_value_text writes them, in the result's arena. */
static bool b_concat(rb_vm *vm, rb_value *args, int argc, rb_value *out) {
  size_t total = 0;
  const char *parts[RB_MAX_ARGS];
  for (int i = 0; i < argc; i++) {
    parts[i] = args[i].type == RB_V_TEXT ? NULL : rb_vm_value_text(vm, args[i]);
    total += parts[i] ? strlen(parts[i]) : args[i].as.text.len;
  }
  char *buf = rb_arena_alloc(&vm->result->arena, total + 1);
  if (!buf) return false;
  size_t n = 0;
  for (int i = 0; i < argc; i++) {
    size_t l = parts[i] ? strlen(parts[i]) : args[i].as.text.len;
    memcpy(buf + n, parts[i] ? parts[i] : args[i].as.text.chars, l);
    n += l;
  }
  buf[n] = '\0';
  rb_set_text(out, buf, (uint32_t)n);
  return true;
}

/* flag(kind, message[, value]): record a finding of that kind (a kind of
** its own when not one of rb_finding_kind_names) with the message; its
** value is the third argument, or nil. */
static bool b_flag(rb_vm *vm, rb_value *args, int argc, rb_value *out) {
  const char *k, *m;
  uint32_t lk, lm;
  if (!text_arg(vm, "flag", args[0], &k, &lk) || !text_arg(vm, "flag", args[1], &m, &lm)) return false;
  const char *kind = rb_arena_strndup(&vm->result->arena, k, lk);
  if (!kind) return false;
  rb_vm_finding(vm, kind_from_name(kind), kind, "%.*s", (int)lm, m);
  *out = argc == 3 ? args[2] : rb_nil();
  return true;
}

/* na(): the open item does not apply (its section renormalises); 0 as a
** value.  Only an item's score may call it. */
static bool b_na(rb_vm *vm, rb_value *out) {
  if (!vm->current || !vm->current->is_item) {
    rb_vm_error(vm, "na() can only be an item's score");
    return false;
  }
  vm->item.na = true;
  vm->item.explain = rb_from_zh(vm->lang, "不适用（按百分制折算）");
  rb_set_num(out, rb_num_int(0), RB_UNIT_PLAIN);
  return true;
}

/* round_as(x, like): x rounded half up to as many decimals as like has
** (like must have a finite decimal expansion); nil when either is nil. */
static bool b_round_as(rb_vm *vm, rb_value *args, rb_value *out) {
  if (args[0].type == RB_V_NIL || args[1].type == RB_V_NIL) {
    rb_set_nil(out);
    return true;
  }
  rb_num x, like;
  if (!need_number(vm, "round_as", 0, args[0], &x) || !need_number(vm, "round_as", 1, args[1], &like)) return false;
  int places = 0;
  while (places < RB_MAX_PLACES && !rb_num_is_decimal(like, places)) places++;
  if (!rb_num_is_decimal(like, places)) {
    rb_vm_error(vm, "round_as: %s has no finite number of decimal places", rb_vm_value_text(vm, args[1]));
    return false;
  }
  *out = args[0];
  return rb_num_round(vm->result->nums, x, places, RB_ROUND_HALF_UP, &out->as.num);
}

/* append(list, value): a new list, the old one (nil: empty) with value
** added.  Amortised O(1): the newest list on its array grows it in place
** (see rb_list); an older one is copied. */
static bool b_append(rb_vm *vm, rb_value *args, rb_value *out) {
  const rb_list *old = args[0].type == RB_V_LIST ? args[0].as.list : NULL;
  if (args[0].type != RB_V_LIST && args[0].type != RB_V_NIL) {
    rb_vm_error(vm, "append adds to a list, not to %s", rb_vtype_name((rb_vtype)args[0].type));
    return false;
  }
  uint32_t n = old ? old->count : 0;
  rb_list *l = rb_arena_alloc(&vm->result->arena, sizeof *l);
  if (!l) return false;
  if (old && old->used && *old->used == n && n < old->cap) {
    /* The newest list on its array: add in place (see rb_list). */
    *l = *old;
  } else {
    uint32_t cap = n < 4 ? 8 : 2 * n;
    l->used = rb_arena_alloc(&vm->result->arena, sizeof *l->used);
    l->items = rb_arena_alloc(&vm->result->arena, (size_t)cap * sizeof *l->items);
    if (!l->used || !l->items) return false;
    if (n) memcpy(l->items, old->items, n * sizeof *l->items);
    l->cap = cap;
  }
  l->items[n] = args[1];
  l->count = n + 1;
  *l->used = n + 1;
  out->type = RB_V_LIST;
  out->as.list = l;
  return true;
}

/* ---- Dispatch ----------------------------------------------------------- */

/* Every built-in has the one signature of rb_builtin_fn; the VM calls
** through rb_builtin_fns, so a call pays for its own built-in's frame and
** no other's. */
#define BUILTIN(name) static bool name(rb_vm *vm, int id, rb_value *args, int argc, rb_value *out)
#define UNUSED_ARGS (void)vm, (void)id, (void)args, (void)argc, (void)out

BUILTIN(c_min) { UNUSED_ARGS; return minmax(vm, true, args, argc, out); }
BUILTIN(c_max) { UNUSED_ARGS; return minmax(vm, false, args, argc, out); }
BUILTIN(c_clamp) { UNUSED_ARGS; return b_clamp(vm, args, out); }
BUILTIN(c_abs) {
  UNUSED_ARGS;
  rb_numctx *cx = vm->result->nums;
  *out = args[0];
  if (args[0].type == RB_V_NIL) return true;
  if (args[0].type != RB_V_NUM) return need_number(vm, "abs", 0, args[0], &out->as.num);
  return rb_num_abs(cx, args[0].as.num, &out->as.num);
}
BUILTIN(c_positive) { UNUSED_ARGS; return b_positive(vm, args, out); }
BUILTIN(c_reverse_ratio) { UNUSED_ARGS; return b_reverse_ratio(vm, args, out); }
BUILTIN(c_reverse_linear) { UNUSED_ARGS; return b_reverse_linear(vm, args, out); }
BUILTIN(c_equality) { UNUSED_ARGS; return b_equality(vm, args, out); }
BUILTIN(c_deadline) { UNUSED_ARGS; return b_deadline(vm, args, out); }
BUILTIN(c_execution_rate) { UNUSED_ARGS; return b_execution_rate(vm, args, out); }
BUILTIN(c_deduct) { UNUSED_ARGS; return b_deduct(vm, args, out); }
BUILTIN(c_qualitative) { UNUSED_ARGS; return b_qualitative(vm, args, argc, out); }
BUILTIN(c_band) {
  UNUSED_ARGS;
  rb_num low, high, w;
  if (!tier_band(vm, rb_builtin_table[id].name, args, argc, 0, 1, &low, &high, &w)) return false;
  rb_set_num(out, id == RB_BUILTIN_BAND_LOW ? low : high, RB_UNIT_PLAIN);
  return true;
}
BUILTIN(c_ratio) { UNUSED_ARGS; return b_ratio(vm, args, out); }
BUILTIN(c_num) {
  UNUSED_ARGS;
  rb_num n;
  bool t, m, d;
  if (arg_number(args[0], &n, &t, &m, &d)) rb_set_num(out, n, RB_UNIT_PLAIN);
  else rb_set_nil(out);
  return true;
}
BUILTIN(c_text_match) { UNUSED_ARGS; return b_text_match(vm, id, args, out); }
BUILTIN(c_concat) { UNUSED_ARGS; return b_concat(vm, args, argc, out); }
BUILTIN(c_flag) { UNUSED_ARGS; return b_flag(vm, args, argc, out); }
BUILTIN(c_na) { UNUSED_ARGS; return b_na(vm, out); }
BUILTIN(c_missing) {
  UNUSED_ARGS;
  rb_set_bool(out, args[0].type == RB_V_NIL);
  return true;
}
BUILTIN(c_fixed) {
  UNUSED_ARGS;
  rb_numctx *cx = vm->result->nums;
  if (args[0].type == RB_V_NIL) {
    rb_set_text(out, "（缺失）", (uint32_t)strlen("（缺失）"));
    return true;
  }
  rb_num x, pn;
  int64_t places;
  if (!need_number(vm, "fixed", 0, args[0], &x) || !need_number(vm, "fixed", 1, args[1], &pn)) return false;
  if (!rb_num_to_int64(pn, &places) || places < 0 || places > RB_MAX_PLACES) {
    rb_vm_error(vm, "fixed: places must be a whole number from 0 to %d", RB_MAX_PLACES);
    return false;
  }
  const char *suffix = "";
  if (args[0].unit == RB_UNIT_PERCENT) {
    rb_num_scale10(cx, x, 2, &x);
    suffix = "%";
  } else if (args[0].unit == RB_UNIT_MONEY) {
    int scale = report_money_scale(vm);
    suffix = rb_money_unit_name(scale);
    rb_num_scale10(cx, x, -scale, &x);
  }
  char buf[160];
  size_t n = rb_num_format_fixed(x, (int)places, buf, sizeof buf - 16);
  if (n >= sizeof buf - 16) n = strlen(buf);
  snprintf(buf + n, sizeof buf - n, "%s", suffix);
  const char *s = rb_arena_strdup(&vm->result->arena, buf);
  if (!s) return false;
  rb_set_text(out, s, (uint32_t)strlen(s));
  return true;
}
BUILTIN(c_round_as) { UNUSED_ARGS; return b_round_as(vm, args, out); }
BUILTIN(c_append) { UNUSED_ARGS; return b_append(vm, args, out); }
BUILTIN(c_plain) { UNUSED_ARGS; return rb_builtin_plain(vm, args, out); }
BUILTIN(c_len) {
  UNUSED_ARGS;
  if (args[0].type == RB_V_LIST) {
    rb_set_num(out, rb_num_int(args[0].as.list ? args[0].as.list->count : 0), RB_UNIT_PLAIN);
    return true;
  }
  if (args[0].type == RB_V_TABLE) {
    size_t n = !vm->report ? 0
               : args[0].as.table == RB_TABLE_INDICATORS ? vm->report->indicator_count
                                                         : vm->report->line_count;
    rb_set_num(out, rb_num_int((int64_t)n), RB_UNIT_PLAIN);
    return true;
  }
  const char *s;
  uint32_t l;
  if (!text_arg(vm, "len", args[0], &s, &l)) return false;
  rb_set_num(out, rb_num_int((int64_t)rb_utf8_count(s, l)), RB_UNIT_PLAIN);
  return true;
}

const rb_builtin_fn rb_builtin_fns[RB_BUILTIN_COUNT] = {
    [RB_BUILTIN_MIN] = c_min,
    [RB_BUILTIN_MAX] = c_max,
    [RB_BUILTIN_CLAMP] = c_clamp,
    [RB_BUILTIN_ABS] = c_abs,
    [RB_BUILTIN_POSITIVE] = c_positive,
    [RB_BUILTIN_REVERSE_RATIO] = c_reverse_ratio,
    [RB_BUILTIN_REVERSE_LINEAR] = c_reverse_linear,
    [RB_BUILTIN_EQUALITY] = c_equality,
    [RB_BUILTIN_DEADLINE] = c_deadline,
    [RB_BUILTIN_EXECUTION_RATE] = c_execution_rate,
    [RB_BUILTIN_DEDUCT] = c_deduct,
    [RB_BUILTIN_QUALITATIVE] = c_qualitative,
    [RB_BUILTIN_BAND_LOW] = c_band,
    [RB_BUILTIN_BAND_HIGH] = c_band,
    [RB_BUILTIN_RATIO] = c_ratio,
    [RB_BUILTIN_NUM] = c_num,
    [RB_BUILTIN_STARTS_WITH] = c_text_match,
    [RB_BUILTIN_CONTAINS] = c_text_match,
    [RB_BUILTIN_CONCAT] = c_concat,
    [RB_BUILTIN_FLAG] = c_flag,
    [RB_BUILTIN_NA] = c_na,
    [RB_BUILTIN_MISSING] = c_missing,
    [RB_BUILTIN_FIXED] = c_fixed,
    [RB_BUILTIN_ROUND_AS] = c_round_as,
    [RB_BUILTIN_APPEND] = c_append,
    [RB_BUILTIN_PLAIN] = c_plain,
    [RB_BUILTIN_LEN] = c_len,
};

bool rb_builtin_call(rb_vm *vm, int id, rb_value *args, int argc, rb_value *out) {
  if (id >= 0 && id < RB_BUILTIN_COUNT && rb_builtin_fns[id]) return rb_builtin_fns[id](vm, id, args, argc, out);
  rb_vm_error(vm, "unknown built-in function %d", id);
  return false;
}
