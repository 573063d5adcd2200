/*
** messages.h — the one message catalogue: every text rubric writes in its
** own words (not a rubric's), in Chinese and in English.
**
** Two kinds of entries:
**  - texts written by the output layer (explain, text, html), by id, below;
**  - printf formats written where a finding, a note or a diagnostic is made,
**    in the language the code is written in, with their translation:
**    findings, report notes and explanations are written in Chinese
**    (base/messages_zh.h lists them with their English), diagnostics in
**    English (base/messages_en.h, with their Chinese).  rb_from_zh and
**    rb_from_en give the format in the language wanted; the format stays a
**    literal at the call site, so the compiler checks its arguments, and
**    tests/base/test_messages.c checks that a translation converts the same
**    arguments (a translation may reorder them with %2$s).
**    tests/messages/check_catalogue.py checks that every format given to a
**    function that writes findings or diagnostics has its translation.
**
** Each entry has an id and its two texts.  Arguments are written %1 … %4 and
** filled by rb_msg_write with texts the caller formatted (numbers with the
** rubric's places, names as the rubric or report wrote them): no printf
** format reaches the catalogue, so a translation cannot break a format.
** tests/output/test_messages.c checks that every entry has both texts and
** that both use the same arguments.
*/
#ifndef RUBRIC_MESSAGES_H
#define RUBRIC_MESSAGES_H

#include <stddef.h>
#include <stdio.h>

typedef enum rb_lang { RB_LANG_ZH, RB_LANG_EN, RB_LANG_COUNT } rb_lang;

/* X(ID, Chinese, English) */
#define RB_MESSAGES(X)                                                                                               \
  /* rubric explain: headings */                                                                                     \
  X(EX_HEAD, "解释 · %1", "Explanation · %1")                                                                        \
  X(EX_RUBRIC, "规则：%1", "Rubric: %1")                                                                             \
  X(EX_SPLITS, "一、分值分配", "1. How weights were split")                                                          \
  X(EX_ITEMS, "二、逐项计算：输入如何读取、算式、取舍", "2. Item by item: inputs as read, formula, rounding")          \
  X(EX_TOTAL, "三、总分与等级", "3. Total and grade")                                                                \
  X(EX_NONE, "（无）", "(none)")                                                                                     \
  /* inputs */                                                                                                       \
  X(EX_TARGET, "目标", "target")                                                                                     \
  X(EX_ACTUAL, "实际", "actual")                                                                                     \
  X(EX_READ, "%1「%2」→ %3", "%1 \"%2\" → %3")                                                                       \
  X(EX_ABSENT, "%1：未填", "%1: not given")                                                                          \
  X(EX_KIND_TEXT, "文字（定性）", "text (qualitative)")                                                              \
  X(EX_KIND_BOOL_YES, "是", "yes")                                                                                   \
  X(EX_KIND_BOOL_NO, "否", "no")                                                                                     \
  X(EX_NO_CMP, "（未写比较符）", " (no comparator written)")                                                         \
  X(EX_APPROX, "（约）", " (approximately)")                                                                         \
  X(EX_MONEY_NORM, "%1（= %2 元）", "%1 (= %2 元)")                                                                  \
  X(EX_UNIT_FROM_TARGET, "%1（未写单位，按目标的单位读作 %2）", "%1 (no unit written; read in the target's unit as %2)") \
  /* splits */                                                                                                       \
  X(EX_SPLIT_HEAD, "%1：分值 %2，分给 %3 项", "%1: weight %2, split among %3 items")                                 \
  X(EX_SPLIT_DIV, "%1 / %2 = %3", "%1 / %2 = %3")                                                                    \
  X(EX_POLICY_LR, "规则：最大余数法，保留 %1 位小数，合计恰为 %2；余数相同时按表中顺序",                              \
    "policy: largest remainder to %1 places, adding up to exactly %2; ties in table order")                          \
  X(EX_POLICY_LR_WHY, "以 %1 为单位：%2 / %3 = %4 余 %5，每项先得 %4 个单位（%6），余下 %5 个单位按表中顺序给前 %5 项各 1 个（各项余数相同）", \
    "in units of %1: %2 / %3 = %4 remainder %5; every item gets %4 units (%6) and the %5 units left go one each "   \
    "to the first %5 items in table order (every remainder is the same)")                                          \
  X(EX_POLICY_LR_EVEN, "以 %1 为单位：%2 / %3 = %4，整除，每项 %4 个单位（%5）", "in units of %1: %2 / %3 = %4 exactly; every item gets %4 units (%5)") \
  X(EX_POLICY_FLOOR_LAST, "规则：每项向下取 %1 位小数，余数归最后一项", "policy: each share floored to %1 places, the rest to the last item") \
  X(EX_POLICY_WHOLE, "规则：取整数，四舍五入", "policy: whole numbers, rounded half up")                             \
  X(EX_POLICY_EXACT, "规则：精确平分，不取舍", "policy: exact equal shares, not rounded")                            \
  X(EX_POLICY_BY_ROW, "规则：采用表中各行所列分值", "policy: the rows' own published weights (分值)")                \
  X(EX_SHARE_GROUP, "%1 × %2：%3", "%1 × %2: %3")                                                                    \
  X(EX_SHARE_SUM, "合计 %1 = %2", "sum %1 = %2")                                                                     \
  /* items */                                                                                                        \
  X(EX_ITEM_HEAD, "%1　分值 %2 · 得分 %3", "%1   weight %2 · score %3")                                              \
  X(EX_SHARE_OF, "分值 %1 来自「%2」的分配（见上）", "weight %1 is its share of %2 (above)")                          \
  X(EX_FORMULA, "计算：%1", "formula: %1")                                                                          \
  X(EX_NO_FORMULA, "计算：（规则未给出算式）", "formula: (the rubric gives none)")                                  \
  X(EX_EXACT_ROUND, "精确值 %1 → %2（%3，保留 %4 位）", "exact value %1 → %2 (%3 to %4 places)")                      \
  X(EX_EXACT_SAME, "精确值 %1，无需取舍", "exact value %1, nothing to round")                                       \
  X(EX_NOT_APPLICABLE, "不适用（na），不计分", "not applicable (na): not scored")                                  \
  X(EX_NO_SCORE, "未得出分数", "no score")                                                                          \
  X(EX_TIER, "定性档次：%1（得分为分值的 %2）", "qualitative tier: %1 (the score is %2 of the weight)")              \
  X(EX_TIER_1, "达成年度指标（80%–100%）", "achieved (80%–100%)")                                                   \
  X(EX_TIER_2, "部分达成年度指标并具有一定效果（60%–80%）", "partly achieved with some effect (60%–80%)")              \
  X(EX_TIER_3, "未达成年度指标且效果较差（0–60%）", "not achieved, little effect (0–60%)")                            \
  X(EX_MATCHED, "匹配用语：「%1」", "matched phrase: \"%1\"")                                                        \
  X(EX_NO_MATCH, "实际完成「%1」未匹配目标或达成用语", "the actual \"%1\" matched neither the target nor a phrase of achievement") \
  X(EX_SELF, "自评得分 %1", "self score %1")                                                                         \
  X(EX_LOST, "失分 %1", "points lost %1")                                                                           \
  X(EX_CF_FULL, "满分所需：实际 %1 %2（按此复算得 %3 分）", "for full marks: actual %1 %2 (recomputed: %3)")          \
  X(EX_CF_TEXT, "满分所需：实际完成与目标相同「%1」（按此复算得 %2 分）",                                             \
    "for full marks: an actual that says the same as the target, \"%1\" (recomputed: %2)")                          \
  X(EX_CF_NONE, "满分所需：任何实际完成值都不能得满分（已复算）", "for full marks: no actual earns full marks (recomputed)") \
  X(EX_CF_NOT_ROW, "满分所需：该项不读指标行的实际完成值，未计算", "for full marks: the item reads no indicator row's actual; not computed") \
  X(EX_CF_FACTS, "满分所需：%1（按此复算得 %2 分）", "for full marks: %1 (recomputed: %2)")                           \
  X(EX_CF_FACTS_NONE, "满分所需：单独或同时改变%1都不能得满分（已复算）",                                             \
    "for full marks: no change of %1, alone or together, earns full marks (recomputed)")                            \
  X(EX_CF_FACTS_CUT, "满分所需：改变%1（是/否事实至多同时改变 %2 个，至多复算 %3 次）都不能得满分；组合过多，未全部试算", \
    "for full marks: no change of %1 tried earns full marks (at most %2 yes/no facts changed together, at most %3 runs); too many combinations to try them all") \
  X(EX_CF_FACT_BOOL, "事实「%1」为%2", "fact \"%1\" is %2")                                                            \
  X(EX_CF_FACT_NUM, "事实「%1」%2 %3", "fact \"%1\" %2 %3")                                                           \
  X(EX_CF_FACT_NAME, "事实「%1」", "fact \"%1\"")                                                                     \
  X(EX_FACT_READ, "事实「%1」：%2", "fact \"%1\": %2")                                                            \
  X(EX_FACT_TEXT, "「%1」", "\"%1\"")                                                                                \
  X(EX_FACT_ABSENT, "报告未列", "not stated in the report")                                                         \
  X(EX_LIST_SEP, "、", ", ")                                                                                         \
  /* total and grade */                                                                                              \
  X(EX_TOTAL_LINE, "总分 %1 · 等级 %2", "total %1 · grade %2")                                                       \
  X(EX_BAND, "等级「%1」：总分 ≥ %2", "grade %1: total ≥ %2")                                                        \
  X(EX_BAND_LOWEST, "等级「%1」：最低一档", "grade %1: the lowest band")                                             \
  X(EX_UP_TOP, "升档：已是最高等级", "up: already the highest grade")                                                \
  X(EX_UP_NEED, "升档：需达到 %1（「%2」），还差 %3 分", "up: %2 needs %1, %3 points more")                          \
  X(EX_DOWN_BOTTOM, "降档：已是最低等级", "down: already the lowest grade")                                          \
  X(EX_DOWN_NEED, "降档：低于 %1 即降为「%2」，高出 %3 分", "down: below %1 the grade is %2; %3 points above")       \
  X(EX_MOVE, "若「%1」的实际完成值为 %2，总分 %3，等级 %4（已复算）",                                                 \
    "if the actual of %1 were %2, the total would be %3, grade %4 (recomputed)")                                    \
  X(EX_MOVE_NONE, "改变任何一项实际完成值都不能使等级%1（已复算 %2 项；单项最多改变总分 %3 分）",                    \
    "no change of a single actual moves the grade %1 (recomputed %2 items; one item changes the total by at most %3)") \
  X(EX_MOVE_UNTRIED, "此范围内没有数值型的实际完成值可改变，未试算", "no numeric actual in this scope to change; nothing tried") \
  X(EX_MOVE_FACT, "若%1，总分 %2，等级 %3（已复算）", "if %1, the total would be %2, grade %3 (recomputed)")        \
  X(EX_MOVE_FACT_NUM, "事实「%1」为 %2", "fact \"%1\" were %2")                                                      \
  X(EX_MOVE_NONE_FACTS, "改变任何一项实际完成值或一项事实都不能使等级%1（已复算 %2 项、%3 个事实；单项最多改变总分 %4 分）", \
    "no change of a single actual or fact moves the grade %1 (recomputed %2 items, %3 facts; one change moves the total by at most %4)") \
  X(EX_UP_WORD, "升高", "up")                                                                                        \
  X(EX_DOWN_WORD, "降低", "down")                                                                                    \
  X(EX_PATH_UNKNOWN, "没有名为「%1」的节点", "no section or item is named \"%1\"")                                   \
  X(EX_PATH_AMBIGUOUS, "「%1」不止一个节点，请写出完整路径，如「%2」", "\"%1\" names more than one node; write the whole path, such as \"%2\"") \
  /* rounding modes */                                                                                               \
  X(RD_HALF_UP, "四舍五入", "rounded half up (四舍五入)")                                                            \
  X(RD_HALF_EVEN, "四舍六入五成双", "rounded half to even")                                                          \
  X(RD_DOWN, "截尾", "truncated")                                                                                    \
  X(RD_UP, "进一", "rounded away from zero")                                                                         \
  X(RD_FLOOR, "向下取整", "rounded down")                                                                            \
  X(RD_CEIL, "向上取整", "rounded up")                                                                               \
  /* rubric run --format text */                                                                                   \
  X(TX_NA, "不适用", "n/a")                                                                                          \
  X(TX_NOT_GIVEN, "未填报", "not given")                                                                             \
  X(TX_TARGET, "目标 %1", "target %1")                                                                               \
  X(TX_ACTUAL, "实际 %1", "actual %1")                                                                               \
  X(TX_TOTAL, "总分 %1", "total %1")                                                                                 \
  X(TX_GRADE, " · 等级 %1", " · grade %1")                                                                           \
  X(TX_SELF, " · 自评 %1", " · self %1")                                                                             \
  X(TX_SELF_GRADE, " · 自评等级 %1", " · self grade %1")                                                             \
  X(TX_DELTA, " · 差异 ", " · difference ")                                                                          \
  X(TX_UNVERIFIED, "其中未经核实 %1 分 · 已核实 %2 分", "of which %1 points unverified · %2 verified")               \
  X(TX_CHECKS, "检查 (%1)", "checks (%1)")                                                                           \
  X(TX_FINDINGS, "发现 (%1)", "findings (%1)")                                                                       \
  /* HTML pages */                                                                                                   \
  X(HT_TABLE, "评分表（复核）", "Scoring table (recomputed)")                                                        \
  X(HT_INDICATOR, "指标", "indicator")                                                                               \
  X(HT_WEIGHT, "分值", "weight")                                                                                     \
  X(HT_SCORE, "复核得分", "recomputed")                                                                              \
  X(HT_SELF, "自评得分", "self score")                                                                               \
  X(HT_DELTA, "差异", "difference")                                                                                  \
  X(HT_TOTAL, "总分", "total")                                                                                       \
  X(HT_GRADE, "等级", "grade")                                                                                       \
  X(HT_SELF_TOTAL, "自评总分", "self total")                                                                         \
  X(HT_SECTIONS, "各部分：自评与复核", "Sections: self vs recomputed")                                               \
  X(HT_WATERFALL, "从自评总分到复核总分", "From the self total to the recomputed total")                             \
  X(HT_FINDINGS, "发现", "Findings")                                                                                 \
  X(HT_CHECKS, "检查", "Checks")                                                                                     \
  X(HT_EXPLAIN, "计算说明", "how it was computed")                                                                   \
  X(HT_UNEXPLAINED, "未说明的差异", "unexplained")                                                                  \
  X(HT_OTHERS, "其他 %1 项", "%1 others")                                                                   \
  X(HT_NO_SELF, "报告未给出自评总分", "the report gives no self total")                                               \
  X(HT_BATCH, "批量复核", "Batch recomputation")                                                                     \
  X(HT_REPORTS, "报告 %1 份 · 复核 %2 份 · 失败 %3 份 · 存疑 %4 份", "%1 reports · %2 scored · %3 failed · %4 challenged") \
  X(HT_HISTOGRAM, "差异分布（复核总分 − 自评总分）", "Distribution of differences (recomputed − self total)")           \
  X(HT_GRADES, "等级：自评与复核", "Grades: self vs recomputed")                                                     \
  X(HT_MOST, "差异最大的报告", "Reports challenged most")                                                            \
  X(HT_REPORT, "报告", "report")                                                                                     \
  X(HT_COUNT, "份数", "reports")                                                                                     \
  X(HT_ERROR, "无法复核：%1", "could not be scored: %1")                                                             \
  X(HT_PASSED, "通过", "held")                                                                                       \
  X(HT_FAILED, "未通过", "failed")                                                                                   \
  X(HT_UNKNOWN, "无法判断", "not evaluable")                                                                         \
  X(HT_NO_GRADE, "无", "none")                                                                                       \
  /* rubric run --format markdown */                                                                               \
  X(MD_UNIT, "填报单位：", "Reporting unit (填报单位): ")                                                             \
  X(MD_ID, "报告编号：", "Report: ")                                                                                  \
  X(MD_TOTAL, "复核总分", "Recomputed total")                                                                        \
  X(MD_GRADE, "等级", "Grade")                                                                                       \
  X(MD_SELF_TOTAL, "自评总分", "Self total")                                                                         \
  X(MD_SELF_GRADE, "自评等级", "Self grade")                                                                         \
  X(MD_DELTA, "差异", "Difference")                                                                                  \
  X(MD_UNVERIFIED, "复核总分中未经核实 %1 分，已核实 %2 分。", "Of the recomputed total, %1 points are unverified and %2 verified.") \
  X(MD_TABLE, "评分表", "Scoring table (评分表)")                                                                      \
  X(MD_LEVEL1, "一级指标", "Level 1 (一级指标)")                                                                       \
  X(MD_LEVEL2, "二级指标", "Level 2 (二级指标)")                                                                       \
  X(MD_LEVEL3, "三级指标", "Indicator (三级指标)")                                                                     \
  X(MD_WEIGHT, "分值", "Weight (分值)")                                                                               \
  X(MD_TARGET, "指标值", "Target (指标值)")                                                                            \
  X(MD_ACTUAL, "实际完成值", "Actual (实际完成值)")                                                                     \
  X(MD_SELF, "自评分", "Self score")                                                                                 \
  X(MD_SCORE, "复核分", "Recomputed")                                                                                \
  X(MD_SUM, "合计", "Total")                                                                                         \
  X(MD_HOW, "计算过程", "How each score was computed")                                                               \
  X(MD_CHECKS, "检查", "Checks")                                                                                     \
  X(MD_CHECK, "检查", "Check")                                                                                       \
  X(MD_RESULT, "结果", "Result")                                                                                     \
  X(MD_NOTE, "说明", "Message")                                                                                      \
  X(MD_NOT_EVALUABLE, "无法核实", "could not be checked")                                                            \
  X(MD_FINDINGS, "发现", "Findings")                                                                                 \
  X(MD_NO_FINDINGS, "无。", "None.")                                                                                 \
  X(MD_ERROR, "错误", "Error")                                                                                       \
  X(MD_COLON, "：", ": ")

typedef enum rb_msg_id {
#define X(id, zh, en) RB_MSG_##id,
  RB_MESSAGES(X)
#undef X
  RB_MSG_COUNT
} rb_msg_id;

/* The entries, [id][lang]; for the catalogue test. */
extern const char *const rb_messages[RB_MSG_COUNT][RB_LANG_COUNT];
extern const char *const rb_message_ids[RB_MSG_COUNT];

/* The text of a message, arguments unfilled. */
const char *rb_msg(rb_lang lang, rb_msg_id id);

/* Write message id with %1 … %4 replaced by args[0 … 3] (a missing or NULL
** argument is written as nothing); a '%' not followed by 1–4 is itself. */
void rb_msg_write(FILE *out, rb_lang lang, rb_msg_id id, const char *const *args, size_t count);

/* A format written in Chinese (an entry of messages_zh.h), in lang: itself
** for Chinese, its English for English; a format not in the catalogue is
** itself. */
const char *rb_from_zh(rb_lang lang, const char *fmt) __attribute__((format_arg(2)));
/* A format written in English (an entry of messages_en.h), in lang. */
const char *rb_from_en(rb_lang lang, const char *fmt) __attribute__((format_arg(2)));
/* A plain text written in English, not a format (a diagnostic's hint, which
** may hold a '%' of its own: ">= 90%"), in lang: its Chinese from the texts
** of messages_en.h for Chinese; a text not in the catalogue is itself. */
const char *rb_text_from_en(rb_lang lang, const char *text);

/* The reason of a system error (errno e) in lang: strerror(e) in English,
** the common ones (no such file, permission denied, a folder, disk full …)
** in Chinese, the rest as strerror gives them. */
const char *rb_strerror_lang(rb_lang lang, int e);

/* The printf entries, for the catalogue test: [i][0] the format as written
** in the code, [i][1] its translation. */
extern const char *const rb_messages_zh[][2];
extern const size_t rb_messages_zh_count;
extern const char *const rb_messages_en[][2];
extern const size_t rb_messages_en_count;
/* The plain texts written in English: [i][0] as written, [i][1] its Chinese. */
extern const char *const rb_texts_en[][2];
extern const size_t rb_texts_en_count;

/* The language of results for the environment: LC_ALL, else LC_MESSAGES,
** else LANG, the first that is set and not empty; English when it starts
** with "en", Chinese otherwise and when none is set. */
rb_lang rb_lang_from_env(void);

/* The language of diagnostics and error messages for the environment: the
** same variables, but Chinese only when the first set starts with "zh"
** (zh_CN.UTF-8), English otherwise and when none is set. */
rb_lang rb_diag_lang_from_env(void);
/* The language a locale name asks for diagnostics: Chinese when it starts
** with "zh" ("zh", "zh-cn", "zh_CN.UTF-8"), else English (NULL too). */
rb_lang rb_diag_lang_of(const char *locale);

#endif /* RUBRIC_MESSAGES_H */
