#!/usr/bin/env python3
"""gen_reports.py — realistic synthetic project reports (report format v1) with their expected scores.

    gen_reports.py --count N --seed S --out DIR        one DIR/ID.json per report
    gen_reports.py --count N --seed S --jsonl FILE     one report per line instead
    ... --truth FILE                                   one JSON line per report: id, total, grade, items
    ... --check-notation RUBRIC_BIN                    developer check of the text forms, below
    ... --stats                                        on stderr: what the reports exercise

Every report is first built as a *semantic* model — the numbers, dates and texts meant
(tests/rules/independent_gd.py describes it) — and only then written out as text in one
of the notation forms of docs/notation.md: "110次以上", "≥９０％", "不超过30万元", "1.93 亿元",
"1,000家", "550元/人/天", "2024年4月1日前", qualitative text, actuals without a unit or with
a comparator, money written in another scale than its target, and so on.  The expected
score (--truth) is computed by independent_gd from the semantic model, never by reading
back the text written, so a notation form the scanner misreads shows up as a mismatch.

--check-notation RUBRIC_BIN asks `rubric value` how each generated target and actual
reads and compares kind, comparator and number with what the generator meant; use it
whenever a form is added (it is a check of the generator, not part of the truth).  The
literal examples of SEED_EXAMPLES were checked the same way by hand.

Tables have 8–14 产出 rows (数量/质量/时效/成本指标), 3–8 效益 rows and 0–2 满意度 rows; one
report in seven is larger (15–26 产出, 8–12 效益), up to 40 rows.  Qualitative actuals mix the
phrases of achievement of rules/indicators.rubric, partial achievement and texts that earn
nothing, and are sometimes written loosely (stray spaces, end punctuation: what plain()
removes), as are some 一级指标 ("产 出"); about 4 rows in 100 state nothing in their actual
(left out, null, blank, "无", "N/A" …) or target ("—", "/" …), and most rows carry a self score,
which the rules use for exactly those rows.

Deterministic for a given --seed and --count (random.Random, no hash-ordered iteration).
Standard library only; numbers are exact (fractions.Fraction), never float.
"""

import argparse
import collections
import datetime
import json
import os
import random
import re
import subprocess
import sys
from fractions import Fraction

sys.dont_write_bytecode = True     # no __pycache__ in the source tree for independent_gd
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "rules"))
import independent_gd as gd  # noqa: E402

F = Fraction

# ---------------------------------------------------------------------------------------------
# Writing numbers

FULLWIDTH = str.maketrans("0123456789.,%", "０１２３４５６７８９．，％")


def decimal_text(x, places=None):
    """The exact decimal text of x (a Fraction whose denominator divides a power of 10),
    with at least `places` decimals when given, else with no trailing zeros."""
    x = F(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    k = 0
    while (x * 10 ** k).denominator != 1:
        k += 1
        if k > 12:
            raise ValueError("not a finite decimal: %s" % x)
    if places is not None and places > k:
        k = places
    n = (x * 10 ** k).numerator
    whole, frac = divmod(n, 10 ** k)
    if k == 0:
        return "%s%d" % (sign, whole)
    return "%s%d.%0*d" % (sign, whole, k, frac)


def value_text(x):
    """x as `rubric value` prints a value: exact decimal, no trailing zeros."""
    return decimal_text(x)


def group_thousands(text, sep):
    """'1234567.5' → '1,234,567.5' with `sep` between groups of three of the integer part."""
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    whole, dot, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + sep.join(groups) + dot + frac


class Style:
    """How one cell is written: full-width characters, separators, spaces, padding."""

    def __init__(self, rng):
        self.fullwidth = rng.random() < 0.08
        self.separator = rng.choice([",", ",", "，"]) if rng.random() < 0.35 else ""
        self.pad = rng.random() < 0.06          # "90.50%", "100.0%"
        self.space_unit = rng.choice([" ", " ", "　"]) if rng.random() < 0.15 else ""
        self.space_cmp = " " if rng.random() < 0.08 else ""
        self.space_suffix = " " if rng.random() < 0.05 else ""


def number_text(x, style):
    """x written as a decimal number in `style` (separators only on 4+ digit integer parts)."""
    places = None
    if style.pad:
        current = len(decimal_text(x).partition(".")[2])
        places = current + 1 if current < 3 else current
    s = decimal_text(x, places)
    if style.separator and abs(x) >= 1000:
        s = group_thousands(s, style.separator)
    return s


def finish(text, style):
    """Apply full-width digits and symbols when the style asks for them."""
    return text.translate(FULLWIDTH) if style.fullwidth else text


# Comparators: prefixes written before the number, suffixes after it (docs/notation.md).
CMP_PREFIX = {
    ">=": ["≥", "≥", "≥", "≥", "≥", "≥", "不低于", "不低于", "不少于", "＞＝", ">=", "达到", "至少", "⩾", "≧",
           "大于等于", "不小于", "最少", "达"],
    "<=": ["≤", "≤", "≤", "≤", "不超过", "不超过", "不高于", "＜＝", "<=", "控制在", "不多于", "⩽", "≦",
           "小于等于", "不大于", "未超过", "至多", "最多"],
    "<": ["<", "＜", "低于", "少于", "小于", "不足"],
}
CMP_SUFFIX = {">=": ["以上", "以上", "及以上", "或以上"], "<=": ["以下", "以内", "及以下", "或以下", "之内"],
              "<": []}

# Money scales: the unit text and the number of 元 it stands for.
MONEY_SCALES = [("元", 1), ("千元", 1000), ("万元", 10 ** 4), ("百万元", 10 ** 6), ("千万元", 10 ** 7),
                ("亿元", 10 ** 8)]
MONEY_SCALE_WEIGHT = {"元": 3, "千元": 1, "万元": 8, "百万元": 1, "千万元": 1, "亿元": 4}


def money_unit_choices(value):
    """The money scales in which `value` 元 is written with at most 4 decimals and not below 0.01."""
    out = []
    for unit, scale in MONEY_SCALES:
        q = F(value) / scale
        if (q * 10 ** 4).denominator != 1:
            continue
        if value != 0 and abs(q) < F(1, 100):
            continue
        if abs(q) >= 10 ** 9:
            continue
        out.append((unit, scale))
    return out


def pick_weighted(rng, items, weights):
    total = sum(weights)
    r = rng.random() * total
    for item, w in zip(items, weights):
        r -= w
        if r < 0:
            return item
    return items[-1]


def write_amount(rng, kind, unit, value, cmp, allow_suffix=True):
    """Text for an amount of `kind` (quantity, percent, money, rate, number) with comparator `cmp`
    (None for none).  `value` is the semantic number: the count, the percentage (90 for 90%),
    the 元 for money, the rate's number.  Returns (text, expected reading for --check-notation)."""
    style = Style(rng)
    if kind == "money":
        choices = money_unit_choices(value)
        unit_text, scale = pick_weighted(rng, choices, [MONEY_SCALE_WEIGHT[u] for u, _ in choices])
        body = number_text(F(value) / scale, style) + style.space_unit + unit_text
        reading = {"kind": "money", "value": value_text(value), "unit": "元"}
    elif kind == "quantity":
        if abs(value) >= 10000 and ((F(value) / 10000) * 100).denominator == 1 and rng.random() < 0.25:
            body = number_text(F(value) / 10000, style) + style.space_unit + "万" + unit
        else:
            body = number_text(value, style) + style.space_unit + unit
        reading = {"kind": "quantity", "value": value_text(value), "unit": unit}
    elif kind == "rate":
        body = number_text(value, style) + style.space_unit + unit
        reading = {"kind": "quantity", "value": value_text(value), "unit": unit}
    elif kind == "percent":
        body = number_text(value, style) + unit
        reading = {"kind": "percent", "value": value_text(value), "unit": unit}
    elif kind == "number":
        body = number_text(value, style)
        reading = {"kind": "number", "value": value_text(value), "unit": ""}
    else:
        raise ValueError(kind)
    if cmp is None:
        text = body
    else:
        suffixes = CMP_SUFFIX[cmp] if allow_suffix and kind != "number" else []
        r = rng.random()
        if suffixes and r < 0.35:
            text = body + style.space_suffix + rng.choice(suffixes)
        elif suffixes and r < 0.38:
            text = CMP_PREFIX[cmp][0] + body + rng.choice(suffixes)    # "≥90%以上": both, agreeing
        else:
            text = rng.choice(CMP_PREFIX[cmp]) + style.space_cmp + body
    reading["cmp"] = cmp
    return finish(text, style), reading


# ---------------------------------------------------------------------------------------------
# Indicator templates: what a realistic row of each 二级指标 measures.

def _int(lo, hi):
    return lambda rng: F(rng.randint(lo, hi))


def _round_to(lo, hi, step):
    return lambda rng: F(rng.randint(lo // step, hi // step) * step)


def _pct(choices):
    return lambda rng: F(rng.choice(choices))


# (name, kind, unit, target generator, comparator weights {cmp: weight}, actual precision in decimals)
# kind: quantity | percent | money | rate | number.  Comparator None means a bare target.
QUANTITY_TEMPLATES = [
    ("专项调研/交流考察次数", "quantity", "次", _int(20, 200), {">=": 5, None: 3}, 0),
    ("完成科技计划项目验收数量", "quantity", "项", _int(50, 800), {">=": 5, None: 3}, 0),
    ("科技统计培训会场次", "quantity", "场次", _int(3, 40), {">=": 2, None: 5}, 0),
    ("评选科普大使人数", "quantity", "人", _int(5, 60), {">=": 5, None: 2}, 0),
    ("服务企业数量", "quantity", "家", _round_to(100, 9000, 50), {">=": 4, None: 4}, 0),
    ("受益群众人次", "quantity", "人次", _round_to(5000, 200000, 500), {">=": 4, None: 3}, 0),
    ("发放补贴户数", "quantity", "户", _int(200, 5000), {">=": 3, None: 3}, 0),
    ("购置设备台套数", "quantity", "台套", _int(2, 60), {None: 3, ">=": 1}, 0),
    ("新建道路里程", "quantity", "公里", lambda rng: F(rng.randint(20, 900), 10), {None: 3, ">=": 2}, 1),
    ("发表论文篇数", "quantity", "篇", _int(5, 120), {">=": 3, None: 2}, 0),
    ("建成服务站点", "quantity", "个", _int(3, 80), {None: 3, ">=": 2}, 0),
    ("新建公厕座数", "quantity", "座", _int(2, 50), {None: 3, ">=": 1}, 0),
    ("媒体宣传次数", "quantity", "次", _int(10, 120), {">=": 4, None: 2}, 0),
    ("投诉次数", "quantity", "次", _int(1, 10), {"<=": 5, "<": 1}, 0),
    ("安全事故次数", "quantity", "次", lambda rng: F(0), {"<=": 3, None: 2}, 0),
    ("受理申报数量", "number", "", _int(100, 3000), {None: 3, ">=": 1}, 0),
]
QUALITY_TEMPLATES = [
    ("结题验收项目质量抽查合格率", "percent", "%", _pct([90, 95, 98, 100, 85]), {">=": 6, None: 2}, 1),
    ("资金使用合规率", "percent", "%", _pct([100]), {None: 4, ">=": 2}, 0),
    ("设备验收合格率", "percent", "%", _pct([95, 98, 100, F(985, 10)]), {">=": 4, None: 2}, 2),
    ("数据差错率", "percent", "%", _pct([1, 2, 3, 5, F(5, 10)]), {"<=": 4, "<": 2}, 2),
    ("培训考核通过率", "percent", "%", _pct([80, 85, 90]), {">=": 5, None: 1}, 1),
    ("项目返工率", "percent", "‰", _pct([5, 8, 10]), {"<=": 3}, 1),
]
TIMELINESS_AMOUNT_TEMPLATES = [
    ("资金拨付及时率", "percent", "%", _pct([90, 95, 100]), {">=": 4, None: 3}, 1),
    ("办结时限", "quantity", "个工作日", _int(3, 20), {"<=": 5}, 0),
]
COST_TEMPLATES = [
    ("培训标准", "rate", "元/人/天", _pct([300, 450, 550, 650]), {None: 6, "<=": 2}, 0),
    ("项目总成本", "money", "", lambda rng: F(rng.randint(5, 3000) * 10000), {"<=": 5, None: 3}, -2),
    ("单位建设成本", "rate", "万元/公里", _pct([2, 5, F(35, 10), 120]), {None: 4, "<=": 2}, 1),
    ("设备采购成本", "money", "", lambda rng: F(rng.randint(1, 500) * 1000), {None: 4, "<=": 3, "<": 1}, 0),
    ("会议费标准", "rate", "元/人", _pct([150, 200, 300]), {None: 3, "<=": 2}, 0),
    ("超预算金额", "money", "", lambda rng: F(0), {None: 2, "<=": 2}, 0),
    ("成本节约率", "percent", "%", _pct([3, 5, 10]), {">=": 3}, 1),
    ("检测服务单价", "rate", "元/次", _pct([80, 120, 200]), {None: 3}, 0),
]
SOCIAL_TEMPLATES = [
    ("科技统计上报率", "percent", "%", _pct([100, 95]), {None: 4, ">=": 3}, 1),
    ("新增科技人才数量", "quantity", "人", _round_to(500, 20000, 100), {">=": 5, None: 2}, 0),
    ("群众知晓率", "percent", "%", _pct([80, 85, 90]), {">=": 5, None: 1}, 1),
    ("带动就业人数", "quantity", "人", _int(50, 3000), {">=": 3, None: 3}, 0),
    ("政策覆盖率", "percent", "%", _pct([90, 100]), {">=": 3, None: 3}, 2),
    ("信访投诉率", "percent", "%", _pct([1, 2, 5]), {"<=": 3, "<": 2}, 2),
]
ECONOMIC_TEMPLATES = [
    ("带动社会投资", "money", "", lambda rng: F(rng.choice([1, 2, 3, 5, 10, 30, 193, 770])) * 10 ** 6 * 10,
     {">=": 4, None: 3}, -4),
    ("企业营业收入增长率", "percent", "%", _pct([3, 5, 8, 10]), {">=": 5, None: 1}, 2),
    ("新增产值", "money", "", lambda rng: F(rng.randint(1, 999)) * 10 ** 5, {None: 3, ">=": 3}, -3),
    ("节约财政资金", "money", "", lambda rng: F(rng.randint(5, 500)) * 10 ** 4, {">=": 3, None: 2}, -2),
]
SUSTAIN_TEMPLATES = [
    ("设施设备完好率", "percent", "%", _pct([90, 95]), {">=": 4}, 1),
    ("长效管护机制覆盖村数", "quantity", "个", _int(10, 200), {">=": 3, None: 2}, 0),
]
SATISFACTION_TEMPLATES = [
    ("服务对象满意度", "percent", "%", _pct([80, 85, 90, 95]), {">=": 6, None: 2}, 1),
    ("培训人员满意度", "percent", "%", _pct([85, 90]), {">=": 5, None: 1}, 2),
    ("群众满意度", "percent", "%", _pct([80, 90]), {">=": 4, None: 1}, 1),
    ("企业满意度", "percent", "%", _pct([85, 90, 95]), {">=": 4, None: 1}, 0),
]

QUALITATIVE_TARGETS = {
    "数量指标": ["按计划完成", "全面完成年度任务"],
    "质量指标": ["符合国家标准", "验收合格", "达到设计要求"],
    "时效指标": ["按时完成"],
    "社会效益指标": ["对比上年有增长", "有效保障", "显著提升", "有效提升科技创新能力", "营造良好氛围",
                     "完成率达到95%以上"],
    "经济效益指标": ["促进产业发展", "带动地方经济增长"],
    "可持续影响指标": ["长效机制持续发挥作用", "持续改善", "逐步提高", "长期"],
    "满意度指标": ["群众满意", "服务对象满意"],
}
QUALITATIVE_NAMES = {
    "数量指标": ["年度任务完成情况", "工作任务完成情况"],
    "质量指标": ["项目建设质量", "工程质量", "服务质量"],
    "时效指标": ["任务完成及时性"],
    "社会效益指标": ["宣传渠道的用户增长情况", "民生保障水平", "科普宣传效果", "科技创新能力提升情况",
                     "社会氛围营造", "重点任务完成情况"],
    "经济效益指标": ["产业带动作用", "经济发展贡献"],
    "可持续影响指标": ["长效管理机制", "生态环境改善情况", "科技服务能力", "项目持续发挥效益"],
    "满意度指标": ["社会公众满意情况", "服务对象评价"],
}
# Actual texts for a qualitative target, by what the rules make of them: the phrases of achievement
# of rules/indicators.rubric (the share; the five older ones twice, as tables write them most);
# partial achievement (60%); and texts that earn nothing, near misses of the phrases among them
# (基本达到, 超额完成, 未达到预期 are not on the list).  Any of them may be written loosely (below).
ACTUAL_ACHIEVED = ["达成", "全部达成", "完成", "全部完成", "已完成"] * 2 + [
    "已达成", "基本达成", "已全部达成", "基本完成", "已全部完成", "达成预期指标", "达成预期", "达成预期目标",
    "达成年度指标", "达到预期", "达到预期指标", "达到预期目标", "已达到预期", "已达到预期指标", "已达预期",
    "完成预期指标", "完成年度指标", "按期完成", "按时完成", "已按期完成", "已按时完成", "如期完成", "已如期完成"]
ACTUAL_PARTIAL = ["部分完成", "部分达成", "部分实现", "部分完成，剩余结转下年实施", "部分", "部分达成预期指标"]
ACTUAL_OTHER = ["未完成", "未达成", "有所提升", "效果明显", "正在推进", "100%", "基本达到", "超额完成",
                "未达到预期", "尚未完成", "完成率98%", "达成率较高"]

# Placeholders: what tables leave in a cell that states nothing (rules/indicators.rubric).  A target
# must not be blank in report format v1, so blank cells are written only as actuals.
PLACEHOLDER_TEXTS = ["—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用", "未填报", "未填",
                     "未填写", "N/A", "n/a", "NA", "null"]
ACTUAL_ABSENT = object()            # an actual the row leaves out altogether


def loosely(rng, text, chance):
    """text, now and then written as publishers do: a stray space inside or around it (ASCII,
    全角, no-break, a tab), sentence punctuation at its end or, rarely, its start — all of which
    plain() removes."""
    if rng.random() >= chance:
        return text
    how = rng.randrange(6)
    if how == 0:
        return text + rng.choice(["。", "。", "！", "；", ".", "，", "、", "。。", "?"])
    if how == 1:
        return rng.choice([" ", "　", "\u00a0", "\t"]) + text + rng.choice(["", " ", "　"])
    if how == 2 and len(text) >= 2:
        k = rng.randrange(1, len(text))
        return text[:k] + rng.choice([" ", "　", "\u00a0"]) + text[k:]
    if how == 3:
        return text + rng.choice([" 。", "。 ", "；\r\n"])
    if how == 4:
        return rng.choice(["。", "，", "、"]) + text
    return text + " "

# The forms the issue names, exactly as published tables write them, each with what it means:
# (二级指标, name, target text, target, actual text, actual).  A target is (cmp, number), a date,
# or text; numbers are in the semantic scale (元 for money, 90 for 90%).
D = datetime.date
SEED_EXAMPLES = [
    ("数量指标", "专项调研/交流考察次数", "110次以上", (">=", 110), "145次", 145),
    ("数量指标", "媒体宣传次数", "60次以上", (">=", 60), "64次", 64),
    ("数量指标", "科技统计培训会场次", "5场次", (None, 5), "6场", 6),
    ("数量指标", "服务企业数量", "1,000家", (None, 1000), "949", 949),
    ("数量指标", "服务企业数量", "900 家", (None, 900), "949", 949),
    ("数量指标", "受益群众人次", "≥8000次", (">=", 8000), "10000 次以上", 10000),
    ("数量指标", "投诉次数", "≤5 次", ("<=", 5), "3次", 3),
    ("数量指标", "投诉次数", "≤5 次", ("<=", 5), "6 次", 6),
    ("数量指标", "安全事故次数", "0次", (None, 0), "0次", 0),
    ("数量指标", "安全事故次数", "≤0次", ("<=", 0), "0次", 0),
    ("数量指标", "安全事故次数", "≤0次", ("<=", 0), "1次", 1),
    ("质量指标", "结题验收项目质量抽查合格率", "≥90%", (">=", 90), "100%", 100),
    ("质量指标", "结题验收项目质量抽查合格率", "≥９０％", (">=", 90), "８５.５％", F(855, 10)),
    ("质量指标", "培训考核通过率", "不低于80%", (">=", 80), "≥80%", 80),
    ("时效指标", "科技统计完成时效性", "2024年4月1日前", D(2024, 4, 1), "2024年4月1日前", D(2024, 4, 1)),
    ("时效指标", "科技统计完成时效性", "2024年4月1日前", D(2024, 4, 1), "2024年3月28日", D(2024, 3, 28)),
    ("时效指标", "科技统计完成时效性", "2024年4月1日前", D(2024, 4, 1), "2024年4月2日", D(2024, 4, 2)),
    ("成本指标", "培训标准", "550元/人/天", (None, 550), "550元/人/天", 550),
    ("成本指标", "培训标准", "550元/人/天", (None, 550), "600元/人/天", 600),
    ("成本指标", "项目总成本", "不超过30万元", ("<=", 300000), "32.5万元", 325000),
    ("成本指标", "项目总成本", "不超过30万元", ("<=", 300000), "298,000元", 298000),
    ("社会效益指标", "科技统计上报率", "100%", (None, 100), "100%", 100),
    ("社会效益指标", "宣传渠道的用户增长情况", "对比上年有增长", "对比上年有增长", "对比上年有增长", "对比上年有增长"),
    ("社会效益指标", "新增科技人才数量", "≥5000人", (">=", 5000), "5502人", 5502),
    ("经济效益指标", "带动社会投资", "1 亿元", (None, 10 ** 8), "8000万元", 8 * 10 ** 7),
    ("经济效益指标", "带动社会投资", "1.93 亿元", (None, 193 * 10 ** 6), "2亿元", 2 * 10 ** 8),
    ("满意度指标", "培训人员满意度", "≥90%", (">=", 90), "100%", 100),
]


def make_seed_row(rng, level1, level2, names):
    """One of SEED_EXAMPLES for `level2` as a row (same shape as make_amount_row's first four), or None."""
    fitting = [e for e in SEED_EXAMPLES if e[0] == level2]
    if not fitting:
        return None
    _, name, t_text, target, a_text, actual = rng.choice(fitting)
    if isinstance(target, datetime.date):
        t = {"kind": "date", "value": target}
    elif isinstance(target, str):
        t = {"kind": "text", "value": target}
    else:
        t = {"kind": "amount", "cmp": target[0], "value": F(target[1])}
        actual = F(actual)
    row = {"level1": level1, "level2": level2, "name": unique_name(name, names), "target": t, "actual": actual}
    return row, t_text, a_text, []


DEADLINE_NAMES = ["科技统计完成时效性", "项目完工时间", "资金拨付完成时间", "验收完成时间",
                  "政策兑现完成时间", "设备安装完成时间"]

UNITS = ["江门市科学技术局", "广州市财政局", "湛江市农业农村局", "佛山市教育局", "珠海市卫生健康局",
         "韶关市交通运输局", "肇庆市民政局", "惠州市文化广电旅游体育局"]
TITLES = ["科技发展管理经费", "农村公路养护资金", "职业技能培训补贴", "公共卫生服务项目", "科普宣传专项",
          "养老服务体系建设", "智慧教育平台建设", "文物保护修缮工程"]


# ---------------------------------------------------------------------------------------------
# Semantic rows and their text

def amount_actual(rng, target, ceiling, precision, growth, diligence):
    """A semantic actual for an amount target: met, exceeded or missed by a realistic margin.
    precision: decimals of the actual (negative: a multiple of 10**-precision); diligence: the
    report's share of targets simply met."""
    step = F(1, 10 ** precision) if precision >= 0 else F(10 ** -precision)

    def snap(x):
        n = F(x) / step
        return (n.numerator // n.denominator) * step

    if rng.random() < diligence:
        if ceiling:
            return target if rng.random() < 0.5 else snap(target * F(rng.randint(60, 100), 100))
        return target if rng.random() < 0.5 else snap(target * F(rng.randint(1000, 1300), 1000))
    r = rng.random()
    if target == 0:
        if ceiling:
            return F(0) if r < 0.6 else step * rng.randint(1, 5)
        return F(0) if r < 0.5 else step * rng.randint(0, 50)
    if ceiling:
        if r < 0.45:
            return snap(target * F(rng.randint(40, 99), 100))
        if r < 0.65:
            return target
        return snap(target * F(rng.randint(101, 180), 100)) or step
    if r < 0.33:
        return snap(target * F(rng.randint(1001, 1500), 1000))
    if r < 0.58:
        return target
    if r < 0.88:
        return snap(target * F(rng.randint(500, 999), 1000))
    if growth and r >= 0.9:
        return -snap(target * F(rng.randint(1, 100), 100)) or -step
    if r < 0.95:
        return snap(target * F(rng.randint(0, 499), 1000))
    if r < 0.97:
        return F(0)
    if growth:
        return -snap(target * F(rng.randint(1, 100), 100)) or -step
    return snap(target * F(rng.randint(900, 1100), 1000))


def make_amount_row(rng, level1, level2, template, names, diligence):
    """A semantic amount row from `template`: (row, target cell, actual cell, [(text, expected
    reading)], whether the target cell is a JSON number, whether the actual cell is)."""
    name, kind, unit, target_gen, cmp_weights, precision = template
    cmps = list(cmp_weights.keys())
    cmp = pick_weighted(rng, cmps, [cmp_weights[c] for c in cmps])
    target = target_gen(rng)
    row = {"level1": level1, "level2": level2, "name": unique_name(name, names),
           "target": {"kind": "amount", "cmp": cmp, "value": target}}
    ceiling = gd.is_ceiling(row)
    growth = name.endswith("增长率")
    actual = amount_actual(rng, target, ceiling, precision, growth, diligence)
    row["actual"] = actual

    # The target's text, sometimes as a JSON number when it is a bare number.
    target_text, target_reading = write_amount(rng, kind, unit, target, cmp)
    json_target = None
    if kind == "number" and cmp is None and rng.random() < 0.5:
        json_target = decimal_text(target)

    # The actual's text: usually the target's kind and unit, sometimes without a unit (quantities),
    # with a comparator of its own (the number counts), or money in another scale.
    actual_cmp = None
    if rng.random() < 0.10:
        actual_cmp = rng.choice([">=", ">=", "<="])
    actual_kind, actual_unit = kind, unit
    json_actual = None
    if kind in ("quantity", "number") and rng.random() < 0.2:
        actual_kind, actual_unit = "number", ""
        if actual_cmp is None and rng.random() < 0.4:
            json_actual = decimal_text(actual)
    if kind == "quantity" and unit == "场次" and actual_kind == "quantity" and rng.random() < 0.3:
        actual_unit = "场"                        # the seed's "5场次" against "6场"
    actual_text, actual_reading = write_amount(rng, actual_kind, actual_unit, actual, actual_cmp)
    if json_target:
        target_text = json_target
    if json_actual:
        actual_text = json_actual
    texts = [(target_text, target_reading), (actual_text, actual_reading)]
    return row, target_text, actual_text, texts, json_target is not None, json_actual is not None


def month_end(year, month):
    if month == 12:
        return datetime.date(year, 12, 31)
    return datetime.date(year, month + 1, 1) - datetime.timedelta(days=1)


def make_deadline_row(rng, level1, level2, year, names, diligence, year_written):
    """A semantic deadline row (date target, date actual) and its text.  Forms without a year
    ("年底前", "6月30日前") are used only when the report states its year."""
    form = rng.randrange(10)
    while not year_written and form == 6:
        form = rng.randrange(10)
    ty = year if rng.random() < 0.85 else year + 1
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    if form == 0:
        target, text = datetime.date(ty, month, day), "%d年%d月%d日前" % (ty, month, day)
    elif form == 1:
        target, text = datetime.date(ty, month, day), "%d年%d月%d日前完成" % (ty, month, day)
    elif form == 2:
        target, text = datetime.date(ty, month, day), "不晚于%d年%d月%d日" % (ty, month, day)
    elif form == 3:
        target, text = datetime.date(ty, month, day), "≤%04d-%02d-%02d" % (ty, month, day)
    elif form == 4:
        target, text = month_end(ty, month), "%d年%d月底前" % (ty, month)
    elif form == 5:
        target = datetime.date(year, 12, 31)
        text = rng.choice((["年底前", "年末前"] if year_written else []) + ["%d年底前" % year, "%d年年底前" % year])
    elif form == 6:
        target, text = datetime.date(year, month, day), "%d月%d日前" % (month, day)
    elif form == 7:
        target, text = datetime.date(ty, month, day), "%d年%d月%d日" % (ty, month, day)
    elif form == 8:
        target, text = datetime.date(ty, month, day), "%d年%d月%d日之前" % (ty, month, day)
    else:
        target, text = datetime.date(ty, 4, 1), "%d年4月1日前" % ty
    cmp = None if form == 7 else "<="
    r = rng.random()
    if rng.random() < diligence:
        r = rng.random() * 0.75
    if r < 0.3:
        actual = target
    elif r < 0.75:
        actual = target - datetime.timedelta(days=rng.randint(1, 90))
    else:
        actual = target + datetime.timedelta(days=rng.randint(1, 60))
    af = rng.randrange(8)
    if af == 0:
        atext = "%d年%d月%d日" % (actual.year, actual.month, actual.day)
    elif af == 1:
        atext = "%04d-%02d-%02d" % (actual.year, actual.month, actual.day)
    elif af == 2:
        atext = "%d.%d.%d" % (actual.year, actual.month, actual.day)
    elif af == 3:
        atext = "%d/%d/%d" % (actual.year, actual.month, actual.day)
    elif af == 4 and actual.year == year and year_written:
        atext = "%d月%d日" % (actual.month, actual.day)
    elif af == 5:
        # A month alone reads as its last day: make the semantic actual that day.
        actual = month_end(actual.year, actual.month)
        atext = "%d年%d月" % (actual.year, actual.month)
    elif af == 6:
        atext = "%d年%d月%d日前" % (actual.year, actual.month, actual.day)   # as the seed writes it
    else:
        atext = "%d年%02d月%02d日" % (actual.year, actual.month, actual.day)
    actual_cmp = "<=" if atext.endswith("前") else None
    row = {"level1": level1, "level2": level2, "name": unique_name(rng.choice(DEADLINE_NAMES), names),
           "target": {"kind": "date", "value": target}, "actual": actual}
    texts = [(text, {"kind": "date", "cmp": cmp, "value": target.isoformat(), "unit": ""}),
             (atext, {"kind": "date", "cmp": actual_cmp, "value": actual.isoformat(), "unit": ""})]
    return row, text, atext, texts


def make_text_row(rng, level1, level2, names, diligence):
    """A semantic qualitative row: a text target and the actual text written."""
    target = rng.choice(QUALITATIVE_TARGETS[level2])
    r = rng.random()
    if rng.random() < diligence:
        r = rng.random() * 0.6
    if r < 0.32:
        actual = target
    elif r < 0.60:
        actual = rng.choice(ACTUAL_ACHIEVED)
    elif r < 0.78:
        actual = rng.choice(ACTUAL_PARTIAL)
    else:
        actual = rng.choice(ACTUAL_OTHER)
    actual = loosely(rng, actual, 0.2)
    target = loosely(rng, target, 0.05)
    row = {"level1": level1, "level2": level2, "name": unique_name(rng.choice(QUALITATIVE_NAMES[level2]), names),
           "target": {"kind": "text", "value": target}, "actual": actual}
    texts = [(target, {"kind": "text", "cmp": None, "value": None, "unit": ""})]
    if "%" not in actual:                          # "100%", "完成率98%" read as amounts, compared as text
        texts.append((actual, {"kind": "text", "cmp": None, "value": None, "unit": ""}))
    return row, target, actual, texts


def unique_name(name, names):
    """`name`, or `name（2）`, `name（3）` … when the report already has it."""
    candidate, k = name, 2
    while candidate in names:
        candidate = "%s（%d）" % (name, k)
        k += 1
    names.add(candidate)
    return candidate


# ---------------------------------------------------------------------------------------------
# Reports

class RawNumber(str):
    """A JSON number written with exactly these characters."""


def to_json(value, ensure_ascii=False):
    """JSON text for value; RawNumber and Fraction members are written as exact decimal literals."""
    if isinstance(value, RawNumber):
        return str(value)
    if isinstance(value, Fraction):
        return decimal_text(value)
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return json.dumps(value, ensure_ascii=ensure_ascii)
    if isinstance(value, dict):
        return "{" + ", ".join(json.dumps(k, ensure_ascii=ensure_ascii) + ": " + to_json(v, ensure_ascii)
                               for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(to_json(v, ensure_ascii) for v in value) + "]"
    raise TypeError(type(value))


def random_score(rng, weight):
    """A plausible self score for an item of `weight`: usually full, else a 2-decimal value below."""
    if rng.random() < 0.6:
        return F(weight)
    return F(rng.randint(0, int(weight * 100)), 100)


def row_self_scores(rng, rows):
    """The self score (得分) the report gives some rows: row["self_score"], which the rules use only
    for a row they cannot check.  Rows of a section get one 7 times in 10 — usually a plausible
    score, sometimes with a third decimal (the item rounds it half up) or, rarely, the row's
    published weight though that is above its share (kept as given)."""
    counts = collections.Counter(gd.section_of(row) for row in rows)
    shares = {sec: iter(gd.split_largest_remainder(gd.SECTION_WEIGHT, counts[sec]))
              for sec in (gd.SECTION_OUTPUT, gd.SECTION_EFFECT)}
    for row in rows:
        sec = gd.section_of(row)
        if sec is None:
            continue
        share = next(shares[sec])
        if rng.random() >= 0.7:
            continue
        r = rng.random()
        if r < 0.1 and share >= F(1, 100):
            score = F(rng.randint(0, int(share * 100) - 1), 100) + F(rng.choice([1, 4, 5, 5, 6, 9]), 1000)
        elif r < 0.13:
            score = F(rng.choice([5, 10]))
        else:
            score = random_score(rng, share)
        row["self_score"] = score


def level1_name(rng, base):
    """产出 or 产出指标 (效益 …), now and then with a stray space: "产 出", " 效益指标"."""
    name = base if rng.random() < 0.7 else base + "指标"
    if rng.random() < 0.06:
        k = rng.randrange(0, len(name) + 1)
        name = name[:k] + rng.choice([" ", "　"]) + name[k:]
    return name


def build_rows(rng, year, diligence, year_written):
    """The semantic rows of one report and their JSON objects, in table order."""
    names = set()
    # 20 to 40 rows, as published tables have: about 60% 产出, the rest 效益 and 满意度.
    n_total = rng.randint(20, 40)
    n_satisfaction = rng.randint(0, 3)
    n_output = round((n_total - n_satisfaction) * rng.uniform(0.5, 0.7))
    n_effect = n_total - n_satisfaction - n_output
    out_l1 = level1_name(rng, "产出")
    eff_l1 = level1_name(rng, "效益")

    # 产出: 数量 / 质量 / 时效 / 成本, at least one of each when there is room.
    kinds = ["数量指标", "质量指标", "时效指标", "成本指标"]
    counts = [1, 1, 1, 1]
    for _ in range(n_output - 4):
        counts[pick_weighted(rng, [0, 1, 2, 3], [5, 2, 1.5, 1.5])] += 1
    plan = []
    for level2, c in zip(kinds, counts):
        plan += [(out_l1, level2)] * c
    effect_kinds = ["社会效益指标", "经济效益指标", "可持续影响指标"]
    ecounts = [1, 0, 0]
    for _ in range(n_effect - 1):
        ecounts[pick_weighted(rng, [0, 1, 2], [5, 2, 2])] += 1
    for level2, c in zip(effect_kinds, ecounts):
        plan += [(eff_l1, level2)] * c
    for _ in range(n_satisfaction):
        if rng.random() < 0.5:
            plan.append((level1_name(rng, "满意度"), rng.choice(["满意度指标", "服务对象满意度指标"])))
        else:
            plan.append((eff_l1, "满意度指标"))
    # Now and then a row no section counts (a 一级指标 of another framework), and now and then a
    # table whose blocks are not in the usual order: the split follows table order regardless.
    if rng.random() < 0.05:
        plan[rng.randrange(len(plan))] = ("成本指标", "经济成本指标")
    if rng.random() < 0.05:
        rng.shuffle(plan)

    templates = {"数量指标": QUANTITY_TEMPLATES, "质量指标": QUALITY_TEMPLATES, "时效指标": TIMELINESS_AMOUNT_TEMPLATES,
                 "成本指标": COST_TEMPLATES, "经济成本指标": COST_TEMPLATES, "社会效益指标": SOCIAL_TEMPLATES,
                 "经济效益指标": ECONOMIC_TEMPLATES, "可持续影响指标": SUSTAIN_TEMPLATES,
                 "满意度指标": SATISFACTION_TEMPLATES, "服务对象满意度指标": SATISFACTION_TEMPLATES}
    text_share = {"数量指标": 0.05, "质量指标": 0.15, "时效指标": 0.1, "成本指标": 0.0, "经济成本指标": 0.0,
                  "社会效益指标": 0.4, "经济效益指标": 0.3, "可持续影响指标": 0.6, "满意度指标": 0.15,
                  "服务对象满意度指标": 0.15}
    rows, cells, texts = [], [], []
    for level1, level2 in plan:
        r = rng.random()
        json_target = json_actual = False
        seed_row = make_seed_row(rng, level1, level2, names) if rng.random() < 0.05 else None
        if seed_row:
            row, t, a, tx = seed_row
        elif level2 == "时效指标" and r < 0.7:
            row, t, a, tx = make_deadline_row(rng, level1, level2, year, names, diligence, year_written)
        elif r < text_share[level2] or (r < 0.05 and level2 == "成本指标"):
            pool = level2 if level2 in QUALITATIVE_TARGETS else "满意度指标" if "满意度" in level2 else "质量指标"
            row, t, a, tx = make_text_row(rng, level1, pool, names, diligence)
            row["level2"] = level2
        else:
            tmpl = rng.choice(templates[level2])
            row, t, a, tx, json_target, json_actual = make_amount_row(rng, level1, level2, tmpl, names, diligence)
        t, a, tx, json_target, json_actual = leave_unstated(rng, row, t, a, tx, json_target, json_actual)
        rows.append(row)
        texts += tx
        cell = {"level1": row["level1"], "level2": row["level2"], "name": row["name"],
                "target": RawNumber(t) if json_target else t, "actual": RawNumber(a) if json_actual else a}
        if a is ACTUAL_ABSENT:
            del cell["actual"]
        cells.append(cell)
    return rows, cells, texts


def leave_unstated(rng, row, t, a, tx, json_target, json_actual):
    """Now and then a row of any kind whose actual (about 3 rows in 100) or target (1 in 100)
    states nothing: left out, null, blank or a placeholder, maybe written loosely ("无。",
    " — ").  Such a row is not checked (it takes its self score, else its share): the semantic
    actual becomes None (nothing given) or the placeholder text, the target a placeholder text.
    Returns the cells' new (target, actual, texts to check, JSON-number flags)."""
    r = rng.random()
    if r < 0.03:
        form = rng.randrange(5)
        if form == 0:
            a, row["actual"] = ACTUAL_ABSENT, None
        elif form == 1:
            a, row["actual"] = None, None                        # null
        elif form == 2:
            a, row["actual"] = rng.choice(["", " ", "　"]), None  # blank: the report gives none
        else:
            a = loosely(rng, rng.choice(PLACEHOLDER_TEXTS), 0.3)
            row["actual"] = a
        json_actual = False
        tx = tx[:1]                                              # the target's text only
    elif r < 0.04:
        t = loosely(rng, rng.choice(PLACEHOLDER_TEXTS), 0.3)
        row["target"] = {"kind": "text", "value": t}
        json_target = False
        tx = tx[1:]                                              # the actual's text only
    return t, a, tx, json_target, json_actual


def build_facts(rng):
    """(semantic facts, JSON facts member or None, a short description)."""
    facts, written = {}, {}
    mode = pick_weighted(rng, ["all", "none", "partial"], [6, 2, 2])
    for name, _ in gd.JUSTIFICATION_FACTS:
        present = mode == "all" or (mode == "partial" and rng.random() < 0.5)
        if present:
            v = rng.random() < 0.8
            facts[name] = v
            written[name] = v
        elif rng.random() < 0.2:
            written[name] = None                 # null: the same as not given
    r = rng.random()
    if r < 0.65:
        choice = rng.random()
        if choice < 0.6:
            v = F(rng.choice([8, 8, 8, 7, 6, 5, 4, 0]))
        elif choice < 0.85:
            v = F(rng.randint(0, 8000), 1000)      # 7.555 rounds half up to 7.56
        else:
            v = F(rng.choice([9, 10, 12, -1, -2]))  # out of 0..8: clamped
        facts[gd.SUPERVISION_FACT] = v
        written[gd.SUPERVISION_FACT] = v
    elif r < 0.72:
        written[gd.SUPERVISION_FACT] = None
    if rng.random() < 0.3:
        written["公开情况"] = "已公开"              # a fact no rubric input reads
    return facts, (written if written or rng.random() < 0.5 else None)


def build_report(rng, index, seed):
    """One report: (semantic model, JSON member dict, texts for --check-notation, year)."""
    year = rng.choice([2022, 2023, 2024, 2024, 2025])
    report_id = "gen-%d-%05d" % (seed, index)
    diligence = rng.choice([0, 0.3, 0.6, 0.8, 0.9, 0.95])
    year_written = rng.random() < 0.9
    rows, cells, texts = build_rows(rng, year, diligence, year_written)
    facts, written_facts = build_facts(rng)
    self_scores = {}
    written_self = []
    for item, weight in ((gd.ITEM_JUSTIFICATION, 12), (gd.ITEM_SUPERVISION, 8)):
        if rng.random() < 0.5:
            s = random_score(rng, weight)
            if rng.random() < 0.15 and s < weight:
                s += F(rng.choice([1, 4, 5, 6, 9]), 1000)    # a third decimal: the item rounds it half up
            self_scores[(gd.SECTION_DECISION, item)] = s
            written_self.append({"path": [gd.SECTION_DECISION, item], "score": s})
    row_self_scores(rng, rows)
    model = {"id": report_id, "facts": facts, "self_scores": self_scores, "rows": rows}
    truth = gd.score_report(model)

    # Now and then a total put right on a grade boundary (90.00, 80.00, 60.00) or a cent below
    # it, through the 监管有效性 fact — sometimes with a third decimal that rounds to that cent.
    if rng.random() < 0.15:
        goal = F(rng.choice([90, 80, 60])) - (F(1, 100) if rng.random() < 0.5 else 0)
        current = [sc for sec, name, _, sc in truth["items"] if name == gd.ITEM_SUPERVISION][0]
        needed = current + goal - truth["total"]
        if 0 <= needed <= gd.SUPERVISION_WEIGHT:
            r = rng.random()
            if r < 0.3 and needed < gd.SUPERVISION_WEIGHT:
                needed += F(4, 1000)                 # rounds down to the cent wanted
            elif r < 0.6 and needed > 0:
                needed -= F(5, 1000)                 # a tie: rounds half up to the cent wanted
            facts[gd.SUPERVISION_FACT] = needed
            if written_facts is None:
                written_facts = {}
            written_facts[gd.SUPERVISION_FACT] = needed
            truth = gd.score_report(model)
            assert truth["total"] == goal

    # Published weights and self scores of the rows: the report's own figures.  The rules never use
    # the weights (the split decides each share), and the self scores (chosen above) only for rows
    # they cannot check; the weights are sometimes right, sometimes not, sometimes absent.
    shares = {(sec, name): share for sec, name, share, _ in truth["items"]}
    weight_mode = rng.randrange(4)
    for row, cell in zip(rows, cells):
        sec = gd.section_of(cell)
        share = shares.get((sec, cell["name"]), F(0))
        if weight_mode == 1:
            cell["weight"] = share
        elif weight_mode == 2:
            cell["weight"] = F(rng.choice([2, 3, F(25, 10), F(364, 100), 5, 10]))
        if "self_score" in row:
            cell["self_score"] = row["self_score"]
        elif rng.random() < 0.03:
            cell["self_score"] = None                       # null: the same as none
        if rng.random() < 0.1:
            cell["note"] = rng.choice(["佐证材料3", "未达标原因：受疫情影响", "已按计划完成"])
    if rng.random() < 0.3:
        for sec in (gd.SECTION_DECISION, gd.SECTION_OUTPUT, gd.SECTION_EFFECT):
            written_self.append({"path": [sec], "score": truth["sections"][sec] if rng.random() < 0.5
                                 else random_score(rng, 20 if sec == gd.SECTION_DECISION else 40)})
    rng.shuffle(written_self)

    doc = {"id": report_id, "unit": rng.choice(UNITS), "title": rng.choice(TITLES)}
    if year_written:
        doc["year"] = year
    if rng.random() < 0.8:
        doc["kind"] = rng.choice(["project", "project", "项目"])
    money_unit = rng.choice(["万元", "万元", "元", "亿元"])
    doc["money_unit"] = money_unit
    if rng.random() < 0.8:
        planned = F(rng.randint(1000, 9999999), 100)
        allocated = planned * F(rng.randint(60, 100), 100)
        allocated = F((allocated * 100).numerator // (allocated * 100).denominator, 100)
        doc["budget"] = {"planned": planned, "allocated": allocated, "spent": allocated}
    if written_facts is not None:
        doc["facts"] = written_facts
    doc["indicators"] = cells
    r = rng.random()
    if r < 0.5:
        doc["self_total"] = truth["total"]
    elif r < 0.85:
        doc["self_total"] = min(F(100), truth["total"] + F(rng.randint(1, 1500), 100))
    if rng.random() < 0.5:
        doc["self_grade"] = gd.grade_of(doc.get("self_total", truth["total"]))
    if written_self:
        doc["self_scores"] = written_self
    return model, truth, doc, texts, year


MONEY_UNIT_RE = re.compile(r"(千万元|百万元|亿元|万元|千元|元)")


def unstated_form(row, cell):
    """How a row that cannot be checked says nothing (for --stats)."""
    if row["target"]["kind"] == "text" and gd.states_nothing(row["target"]["value"]):
        return "target a placeholder"
    if "actual" not in cell:
        return "actual left out"
    if cell["actual"] is None:
        return "actual null"
    return "actual blank" if row["actual"] is None else "actual a placeholder"


def tally(stats, model, cells, truth):
    """Count what a report exercises (for --stats): row kinds, outcomes, written forms, facts."""
    shares = {(sec, name): share for sec, name, share, _ in truth["items"]}
    for row, cell in zip(model["rows"], cells):
        target, actual = row["target"], row["actual"]
        t_text, a_text = str(cell["target"]), str(cell.get("actual"))
        sec = gd.section_of(row)
        if sec is None:
            stats["row in no section"] += 1
            continue
        stats["level1 " + gd.plain(row["level1"])] += 1
        if gd.plain(row["level1"]) != row["level1"]:
            stats["level1 written loosely (\"产 出\")"] += 1
        exact = gd.score_row_exact(row, shares[(sec, row["name"])])
        if ((exact * 1000).denominator == 1 and (exact * 1000).numerator % 10 == 5):
            stats["item score a half-up tie (x.xx5)"] += 1
        if gd.is_unverified(row):
            stats["unverified: " + unstated_form(row, cell)] += 1
            stats["unverified: " + ("self score taken" if "self_score" in row else "no self score, the share")] += 1
            continue
        if target["kind"] == "text":
            said, v = gd.plain(actual), gd.plain(target["value"])
            stats["text: " + ("same as target" if said == v else "phrase of achievement"
                              if said in gd.ACHIEVED_PHRASES else "部分…" if said.startswith("部分")
                              else "other text")] += 1
            if said != actual or v != target["value"]:
                stats["text: written loosely (plain() differs)"] += 1
            continue
        if target["kind"] == "date":
            stats["deadline: " + ("on the day" if actual == target["value"] else "before" if actual < target["value"]
                                  else "after")] += 1
            stats["deadline actual " + ("with 前" if a_text.endswith("前") else "plain date")] += 1
            continue
        t, a = target["value"], actual
        ceiling = gd.is_ceiling(row)
        kind = ("ceiling " + (target["cmp"] or "bare 成本指标") if ceiling else
                "floor " + (target["cmp"] or "bare"))
        stats["amount: " + kind] += 1
        if t == 0:
            stats["target 0, " + kind] += 1
        elif ceiling:
            stats["ceiling outcome: " + ("under" if a < t else "equal" if a == t else "over")] += 1
        else:
            stats["floor outcome: " + ("negative" if a < 0 else "zero" if a == 0 else "short" if a < t
                                      else "equal" if a == t else "over")] += 1
        for label, text in (("target", t_text), ("actual", a_text)):
            if any(c in text for c in "０１２３４５６７８９％．，＞＜＝"):
                stats[label + " with full-width characters"] += 1
            if re.search(r"[0-9０-９][,，][0-9０-９]{3}", text):
                stats[label + " with thousands separators"] += 1
            if re.search(r"[ 　]", text):
                stats[label + " with spaces"] += 1
            if isinstance(cell[label], RawNumber):
                stats[label + " as a JSON number"] += 1
            if re.search(r"万(人|人次|个|家)", text):
                stats[label + " with 万 before the unit"] += 1
        if re.match(r"^[0-9０-９.．,，\-]+$", a_text) and t_text != a_text and not re.match(r"^[0-9.,，\-]+$", t_text):
            stats["actual without the target's unit"] += 1
        if re.search(r"[≥≤<>＜＞＝⩾]|不|以上|以下|以内|至少|达到|控制在|低于|少于", a_text):
            stats["actual with a comparator"] += 1
        tm, am = MONEY_UNIT_RE.search(t_text), MONEY_UNIT_RE.search(a_text)
        if tm and am and "/" not in t_text:
            stats["money " + ("same scale" if tm.group(1) == am.group(1) else "scales differ")] += 1
        if "/" in t_text:
            stats["rate (元/人/天 …)"] += 1
        if "‰" in t_text:
            stats["per mille"] += 1
    facts = model["facts"]
    present = sum(1 for name, _ in gd.JUSTIFICATION_FACTS if name in facts)
    stats["论证 facts: %s" % ("all" if present == 3 else "none" if present == 0 else "some")] += 1
    if present < 3:
        stats["论证 from " + ("self score" if (gd.SECTION_DECISION, gd.ITEM_JUSTIFICATION) in model["self_scores"]
                              else "full marks")] += 1
    if gd.SUPERVISION_FACT in facts:
        v = facts[gd.SUPERVISION_FACT]
        stats["监管有效性 fact " + ("out of 0..8" if v < 0 or v > 8 else "with 3 decimals"
                                   if (v * 100).denominator != 1 else "in 0..8")] += 1
    else:
        stats["监管有效性 from " + ("self score" if (gd.SECTION_DECISION, gd.ITEM_SUPERVISION) in model["self_scores"]
                                   else "full marks")] += 1
    stats["grade " + truth["grade"]] += 1
    if gd.format_2(truth["total"]) in ("90.00", "89.99", "80.00", "79.99", "60.00", "59.99"):
        stats["total on a grade boundary or a cent below"] += 1
    stats["reports"] += 1


def truth_line(truth):
    return json.dumps({"id": truth["id"], "total": gd.format_2(truth["total"]), "grade": truth["grade"],
                       "items": [[sec, name, gd.format_2(share), gd.format_2(score)]
                                 for sec, name, share, score in truth["items"]]},
                      ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# --check-notation: ask `rubric value` how each written text reads

def check_notation(rubric_bin, pending):
    """pending: [(report year or None, text, expected reading)].  Returns the number of disagreements (printed)."""
    by_year = {}
    for year, text, expected in pending:
        by_year.setdefault(year, {})[text] = expected      # a text reads the same wherever it appears
    bad = 0
    for year in sorted(by_year, key=lambda y: y or 0):
        items = sorted(by_year[year].items())
        year_args = ["--year", str(year)] if year else []
        for start in range(0, len(items), 400):
            chunk = items[start:start + 400]
            out = subprocess.run([rubric_bin, "value"] + year_args + ["--"] + [t for t, _ in chunk],
                                 check=True, capture_output=True, text=True).stdout.splitlines()
            for (text, expected), line in zip(chunk, out):
                got = json.loads(line)
                for key in ("kind", "cmp", "value", "unit"):
                    if key == "unit" and expected["kind"] == "quantity" and expected["unit"] == "":
                        continue
                    if got.get(key) != expected.get(key):
                        bad += 1
                        print("notation: %r (year %s): expected %s, got %s" % (text, year, expected, line))
                        break
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", help="directory for one .json file per report")
    ap.add_argument("--jsonl", help="write all reports to this JSON Lines file instead")
    ap.add_argument("--truth", help="write the expected id, total, grade (and items) here, one JSON line each")
    ap.add_argument("--check-notation", metavar="RUBRIC_BIN",
                    help="check with `rubric value` that every written text reads as meant")
    ap.add_argument("--stats", action="store_true", help="print on stderr what the reports exercise")
    args = ap.parse_args()
    if not (args.out or args.jsonl or args.truth or args.check_notation or args.stats):
        ap.error("nothing to do: give --out, --jsonl, --truth, --check-notation or --stats")
    rng = random.Random(args.seed)
    if args.out:
        os.makedirs(args.out, exist_ok=True)
    jsonl = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    truth_file = open(args.truth, "w", encoding="utf-8") if args.truth else None
    pending = []
    stats = collections.Counter()
    for i in range(args.count):
        model, truth, doc, texts, year = build_report(rng, i, args.seed)
        if args.stats:
            tally(stats, model, doc["indicators"], truth)
        ascii_only = rng.random() < 0.05
        if jsonl:
            jsonl.write(to_json(doc, ascii_only) + "\n")
        if args.out:
            with open(os.path.join(args.out, doc["id"] + ".json"), "w", encoding="utf-8") as f:
                f.write(to_json(doc, ascii_only) + "\n")
        if truth_file:
            truth_file.write(truth_line(truth) + "\n")
        if args.check_notation:
            pending += [(doc.get("year"), t, e) for t, e in texts]
    if jsonl:
        jsonl.close()
    if truth_file:
        truth_file.close()
    if args.stats:
        for key in sorted(stats):
            print("%7d  %s" % (stats[key], key), file=sys.stderr)
    if args.check_notation:
        bad = check_notation(args.check_notation, pending)
        print("notation: %d distinct texts checked, %d read differently" %
              (len({(y, t) for y, t, _ in pending}), bad))
        return 1 if bad else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
