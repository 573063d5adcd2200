/*
** builtins.h — the built-in functions of the rubric language, defined once.
**
** X(NAME, "name", min_args, max_args, "what it does, and the rule it implements")
**
** The compiler resolves calls by name from this list and checks the number of
** arguments; the VM dispatches CALL_BUILTIN by index; docs/language.md lists
** them.  The order is part of the bytecode format: append, never reorder.
**
** The scoring functions take an actual, a target and a weight.  Actual and
** target may be numbers or measures read from report text; a measure's
** comparator is ignored here (the rubric chooses the function), its number is
** used in its own scale (90 for "90%", 元 for money).  Each scoring function
** records its formula with its numbers as the item's explanation, e.g.
** "min(145/110, 1) × 3.64 = 3.64".
*/
#ifndef RUBRIC_BUILTINS_H
#define RUBRIC_BUILTINS_H

#define RB_BUILTINS(X)                                                                                 \
  X(MIN, "min", 1, 255, "The smallest of its number arguments.")                                       \
  X(MAX, "max", 1, 255, "The largest of its number arguments.")                                        \
  X(CLAMP, "clamp", 3, 3, "clamp(x, low, high): x limited to [low, high].")                            \
  X(ABS, "abs", 1, 1, "The absolute value.")                                                           \
  X(POSITIVE, "positive", 3, 3,                                                                        \
    "positive(actual, target, weight) = min(actual/target, 1) × weight: a quantitative indicator "     \
    "where more is better (≥, 以上, 不低于); over-achievement is capped at the weight. A target of 0 " \
    "earns the weight.")                                                                               \
  X(REVERSE_RATIO, "reverse_ratio", 3, 3,                                                              \
    "reverse_ratio(actual, target, weight): the weight if actual ≤ target, else target/actual × "      \
    "weight: a ceiling (≤, 以下, 不超过, cost indicators).")                                           \
  X(REVERSE_LINEAR, "reverse_linear", 3, 3,                                                            \
    "reverse_linear(actual, target, weight): the weight if actual ≤ target, else (1 − "                \
    "(actual − target)/target) × weight, floored at 0: zero at twice the target.")                    \
  X(EQUALITY, "equality", 3, 3,                                                                        \
    "equality(actual, target, weight): the weight if actual = target, else 0; with a target of 0, "    \
    "an actual ≤ 0 earns the weight (negative actuals count as 0).")                                   \
  X(DEADLINE, "deadline", 3, 3,                                                                        \
    "deadline(actual, target, weight): the weight if the actual date is on or before the target "      \
    "date, else 0.")                                                                                   \
  X(EXECUTION_RATE, "execution_rate", 3, 3,                                                            \
    "execution_rate(spent, budget, weight) = min(spent/budget, 1) × weight: 预算执行率.")              \
  X(DEDUCT, "deduct", 3, 3,                                                                            \
    "deduct(count, points_each, weight) = max(weight − count × points_each, 0): 每出现一例扣N分，"     \
    "扣完为止.")                                                                                       \
  X(QUALITATIVE, "qualitative", 3, 4,                                                                  \
    "qualitative(tier, self, weight[, variant]): the self score if it lies inside the band of the "    \
    "tier (1 达成: 80%–100% of the weight; 2 部分达成: 60%–80%; 3 未达成: 0–60%; variant 50 uses "     \
    "80/50), else the nearest bound of the band, with a finding.")                                     \
  X(BAND_LOW, "band_low", 2, 3, "band_low(tier, weight[, variant]): the lowest score of a tier's band.") \
  X(BAND_HIGH, "band_high", 2, 3, "band_high(tier, weight[, variant]): the highest score of a tier's band.") \
  X(RATIO, "ratio", 2, 2, "ratio(a, b) = a/b of two numbers or measures, as a percentage.")           \
  X(NUM, "num", 1, 1, "The number of a measure in its own scale (90 for 90%), or a number as is.")     \
  X(STARTS_WITH, "starts_with", 2, 2, "Whether a text starts with another.")                           \
  X(CONTAINS, "contains", 2, 2, "Whether a text contains another.")                                    \
  X(CONCAT, "concat", 1, 255, "The texts of its arguments joined (numbers as written).")             \
  X(FLAG, "flag", 2, 3,                                                                                \
    "flag(kind, message[, value]): record a finding of the given kind for the current item and "       \
    "return value (nil if omitted).")                                                                  \
  X(NA, "na", 0, 0,                                                                                    \
    "Not applicable: an item whose score is na() is left out and its section is renormalised over "    \
    "the items that apply (按百分制折算).")                                                              \
  X(MISSING, "missing", 1, 1, "Whether a value is nil (a missing input accepted by the rubric).")      \
  X(LEN, "len", 1, 1, "The number of rows of a table or characters of a text.")                      \
  X(APPEND, "append", 2, 2,                                                                            \
    "append(list, x): a new list with x added at the end (nil is an empty list); list(e for x in t) "  \
    "is built with it.")                                                                              \
  X(ROUND_AS, "round_as", 2, 2,                                                                        \
    "round_as(x, like): x rounded half up (四舍五入) to as many decimal places as like has — to "        \
    "compare a computed rate with a stated one at the statement's precision (73.2% → 3 places of "     \
    "0.732).")                                                                                        \
  X(FIXED, "fixed", 2, 2,                                                                              \
    "fixed(x, places): x as text with exactly that many decimals, half up — a percentage in percent "  \
    "(fixed(0.999, 2) is \"99.90%\"), money in the report's unit.")                                 \
  X(PLAIN, "plain", 1, 1,                                                                              \
    "plain(text): the text without any spaces (ASCII, 全角空格, no-break) and without sentence "        \
    "punctuation (。，；：！？、．.,;:!?) at either end — to match what publishers write with stray "       \
    "spaces: plain(\"产 出\") is \"产出\", plain(\"达成预期指标。\") is \"达成预期指标\".")

typedef enum rb_builtin_id {
#define X(id, name, min, max, doc) RB_BUILTIN_##id,
  RB_BUILTINS(X)
#undef X
  RB_BUILTIN_COUNT
} rb_builtin_id;

typedef struct rb_builtin_info {
  const char *name;
  unsigned char min_args, max_args;
  const char *doc;
} rb_builtin_info;

extern const rb_builtin_info rb_builtin_table[RB_BUILTIN_COUNT];

#endif /* RUBRIC_BUILTINS_H */
