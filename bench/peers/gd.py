#!/usr/bin/env python3
"""gd.py — the Guangdong 20/40/40 project rules written by hand in Python 3, as a user would
without rubric.  A peer in the benchmark of `rubric batch` (bench/README.md).

    python3 gd.py < reports.jsonl > scores.csv          # CSV: id,total,grade

Reads report format v1 (docs/report-format.md), one report per line, and scores it with the
rules stated at the top of rules/gd-project-20-40-40.rubric:

  决策 20 = 论证决策规范性 12 (可行性论证 6 + 按程序设立 3 + 审批文件合规 3, yes/no facts)
          + 监管有效性 8 (a fact in points, limited to 0..8).  An item whose facts are not all
          given takes its self score from self_scores, or full marks.
  plain(t): t without spaces anywhere (ASCII space, tab, CR, LF, U+3000, U+00A0) and without
          the sentence punctuation 。，；：！？、．.,;:!? at either end.
  产出 40 / 效益 40: split over the rows whose plain(一级指标) starts with 产出 (效益 or 满意度)
          in shares of 0.01 by largest remainder, ties in table order; each row scores
            unverified   (target or actual absent, null, or plain() of it a placeholder: "", —,
                           /, 无, 不适用, N/A … — PLACEHOLDERS) → the row's self_score, else the share;
            text target  → the share when plain(actual) is plain(target) or a phrase of
                           achievement (达成, 基本达成, 已完成, 达成预期指标, 按期完成 … — ACHIEVED);
                           60% when plain(actual) starts with 部分; else 0;
            date target  → the share when the actual date is on or before it, else 0;
            ceiling      (≤, <, or a bare target under 成本指标) → the share when actual ≤ target,
                           else target / actual × share;
            floor        (anything else) → min(actual / target, 1) × share; a negative actual
                           scores 0, a target of 0 or less scores the share;
          an actual that is not a number, or a date against a number, scores 0.
  Items are rounded half up to 0.01; sections and the total add rounded items.  A section
  with no rows does not apply, and the total is renormalised to 100 over those that do
  (按百分制折算: ×100/60 without 效益 rows), shown half up to 0.01.
  Grades (on the exact total): 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.

Target and actual text is read following docs/notation.md: comparators before or after the
number (≥, 不低于, 以上, ≤, 不超过, 以下, 以内 …), full-width digits and symbols, thousands
separators, %, ‰, money in 元 at any scale (千元, 万元, 百万元, 亿元 …), 万/亿 before a quantity
unit, rates such as 550元/人/天 (the number as written), dates in the usual forms with 前, 之前,
底 and the report's year, and anything else as qualitative text.

Standard library only.  Every number is exact: JSON numbers are read as Decimal from their
digits (never through float) and computed with as Fraction.
"""

import calendar
import csv
import datetime
import json
import re
import sys
from decimal import Decimal
from fractions import Fraction

# ---- The rules ------------------------------------------------------------------------------

JUSTIFICATION = (("可行性论证", 6), ("按程序设立", 3), ("审批文件合规", 3))
ACHIEVED = {"达成", "全部达成", "已达成", "基本达成", "已全部达成", "完成", "全部完成", "已完成", "基本完成",
            "已全部完成", "达成预期指标", "达成预期", "达成预期目标", "达成年度指标", "达到预期", "达到预期指标",
            "达到预期目标", "已达到预期", "已达到预期指标", "已达预期", "完成预期指标", "完成年度指标", "按期完成",
            "按时完成", "已按期完成", "已按时完成", "如期完成", "已如期完成"}
PLACEHOLDERS = {"", "—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用", "未填报", "未填", "未填写",
                "N/A", "n/a", "NA", "null"}
GRADES = ((90, "优"), (80, "良"), (60, "中"))

# ---- Reading value text ---------------------------------------------------------------------

# Full-width ASCII (！ to ～) to ASCII; spaces of every kind removed.
_TRANSLATE = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_TRANSLATE.update({0x3000: None, 0x20: None, 0xA0: None, 0x09: None, 0x0A: None, 0x0D: None})

_PREFIX_CMP = {
    ">=": ["≥", "⩾", "≧", ">=", "不低于", "不少于", "不小于", "达到", "达", "至少", "最少", "大于等于", "不早于"],
    "<=": ["≤", "⩽", "≦", "<=", "不超过", "不高于", "不大于", "不多于", "未超过", "至多", "最多", "小于等于",
           "不晚于", "控制在"],
    ">": [">", "超过", "超", "高于", "大于", "多于", "晚于"],
    "<": ["<", "低于", "小于", "少于", "不足", "不满", "未达到", "早于"],
    "=": ["=", "等于"],
}
_SUFFIX_CMP = {">=": ["以上", "及以上", "或以上"], "<=": ["以下", "及以下", "或以下", "以内", "之内", "内"]}
_CMP_OF = {}
for _cmp, _words in _PREFIX_CMP.items():
    for _w in _words:
        _CMP_OF[_w] = _cmp
_SUFFIX_OF = {}
for _cmp, _words in _SUFFIX_CMP.items():
    for _w in _words:
        _SUFFIX_OF[_w] = _cmp


def _alternation(words):
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_PREFIX_RE = _alternation(_CMP_OF)
_SUFFIX_RE = _alternation(_SUFFIX_OF)

# [label][约][comparator][sign]digits[.digits][余|多][unit][comparator][左右]
_AMOUNT_RE = re.compile(
    r"(?:共计|共|合计|累计|总计)?(?P<approx>约|大约|近)?(?P<pre>%s)?(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
    r"(?P<more>余|多)?(?P<unit>[^\d]*?)(?P<post>%s)?(?:左右)?" % (_PREFIX_RE, _SUFFIX_RE))
_MONEY_RE = re.compile(r"(万亿|千万|百万|亿|万|千|百)?元")
_MONEY_SCALE = {None: 1, "百": 100, "千": 1000, "万": 10 ** 4, "百万": 10 ** 6, "千万": 10 ** 7, "亿": 10 ** 8,
                "万亿": 10 ** 12}
_UNIT_RE = re.compile(r"[^\d.,+\-<>=≥≤]+")

# Dates: [comparator] body [前|之前|以前|后|之后|以后][完成]
_DATE_PRE_RE = re.compile(r"(不晚于|不早于|≤|<=|≥|>=)?(.*?)(之前|以前|前|之后|以后|后)?(完成)?")
_DATE_BODIES = [
    (re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"), "ymd"),
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), "ymd"),
    (re.compile(r"(\d{4})年(\d{1,2})月(?:底|末)?"), "ym"),
    (re.compile(r"(\d{4})-(\d{2})"), "ym"),
    (re.compile(r"(\d{4})年(?:年底|年末|底|末|下半年)"), "y_end"),
    (re.compile(r"(\d{4})年(?:上半年|年中|中)"), "y_mid"),
    (re.compile(r"(\d{1,2})月(\d{1,2})日"), "md"),
    (re.compile(r"(\d{1,2})月(?:底|末)"), "m"),
    (re.compile(r"(?:年底|年末|下半年)"), "end"),
    (re.compile(r"(?:上半年|年中)"), "mid"),
]


_YEAR_SEP_RE = re.compile(r"\d{4}[-./]\d")


class Value:
    """A target or actual as read: kind is 'amount', 'date' or 'text'; cmp is '>=', '<=', '>',
    '<', '=' or None; number is a Fraction (amounts) or a date's ordinal (dates)."""
    __slots__ = ("kind", "cmp", "number", "text")

    def __init__(self, kind, cmp, number, text):
        self.kind, self.cmp, self.number, self.text = kind, cmp, number, text


def _decimal(text):
    return Fraction(Decimal(text.replace(",", "")))


def _read_date(s, year):
    m = _DATE_PRE_RE.fullmatch(s)
    if not m:
        return None
    pre, body, post, _done = m.groups()
    cmp = None
    if pre:
        cmp = "<=" if pre in ("不晚于", "≤", "<=") else ">="
    if post:
        post_cmp = "<=" if post in ("之前", "以前", "前") else ">="
        if cmp and cmp != post_cmp:
            return None
        cmp = post_cmp
    for pattern, form in _DATE_BODIES:
        d = pattern.fullmatch(body)
        if not d:
            continue
        g = [int(x) for x in d.groups()]
        try:
            if form == "ymd":
                day = datetime.date(g[0], g[1], g[2])
            elif form == "ym":
                day = datetime.date(g[0], g[1], calendar.monthrange(g[0], g[1])[1])
            elif form == "y_end":
                day = datetime.date(g[0], 12, 31)
            elif form == "y_mid":
                day = datetime.date(g[0], 6, 30)
            elif year is None:
                return None
            elif form == "md":
                day = datetime.date(year, g[0], g[1])
            elif form == "m":
                day = datetime.date(year, g[0], calendar.monthrange(year, g[0])[1])
            elif form == "end":
                day = datetime.date(year, 12, 31)
            else:
                day = datetime.date(year, 6, 30)
        except ValueError:
            return None
        return cmp, day.toordinal()
    return None


def read_value(raw, year):
    """The Value of a target or actual as the report gives it (text, a JSON number, or None)."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return Value("text", None, None, str(raw))
    if isinstance(raw, (int, Decimal)):
        return Value("amount", None, Fraction(raw), str(raw))
    text = raw.strip(" \t\r\n\u3000\u00a0")
    if text == "":
        return None
    s = text.translate(_TRANSLATE)
    # Only a text with 年 or 月, or a year followed by - . or /, can be a date.
    if "年" in s or "月" in s or _YEAR_SEP_RE.search(s):
        date = _read_date(s, year)
        if date:
            return Value("date", date[0], date[1], text)
    m = _AMOUNT_RE.fullmatch(s)
    if m:
        value = _decimal(m.group("num"))
        unit = m.group("unit")
        cmp = _CMP_OF.get(m.group("pre"))
        post = _SUFFIX_OF.get(m.group("post"))
        if m.group("more"):
            post = ">" if post is None else None
        ok = not (cmp and post and cmp != post)
        cmp = cmp or post
        if unit in ("", "%", "‰"):
            pass
        elif "/" in unit:
            ok = ok and _UNIT_RE.fullmatch(unit) is not None   # a rate: the number as written
        else:
            money = _MONEY_RE.fullmatch(unit)
            if money:
                value *= _MONEY_SCALE[money.group(1)]
            elif unit in ("万", "亿") or (unit[0] in "万亿" and _UNIT_RE.fullmatch(unit[1:])):
                value *= 10 ** 4 if unit[0] == "万" else 10 ** 8
            else:
                ok = ok and _UNIT_RE.fullmatch(unit) is not None
        if ok:
            return Value("amount", cmp, value, text)
    return Value("text", None, None, text)


# ---- Scoring --------------------------------------------------------------------------------

_SPACES_RE = re.compile("[ \t\r\n\u3000\u00a0]+")
_END_PUNCTUATION = "。，；：！？、．.,;:!?"


def plain(text):
    """text without spaces anywhere and without sentence punctuation at either end."""
    return _SPACES_RE.sub("", text).strip(_END_PUNCTUATION)


def states_nothing(raw):
    """Whether a target or actual cell (text, a JSON number or None) is absent or a placeholder."""
    return raw is None or (isinstance(raw, str) and plain(raw) in PLACEHOLDERS)


def half_up(x):
    """x rounded half up to 0.01, in hundredths (an int)."""
    n = abs(x) * 100
    h = (n.numerator * 2 + n.denominator) // (2 * n.denominator)
    return -h if x < 0 else h


def shares(count):
    """40 points in hundredths split over `count` rows by largest remainder, ties in table order:
    every quota is the same, so the left-over hundredths go to the first rows."""
    if count == 0:
        return []
    base, extra = divmod(4000, count)
    return [base + 1 if i < extra else base for i in range(count)]


def row_score(row, share, year):
    """The exact score of one indicator row given its share (a Fraction of points)."""
    if states_nothing(row.get("target")) or states_nothing(row.get("actual")):
        own = row.get("self_score")
        return share if own is None else Fraction(own)
    target = read_value(row.get("target"), year)
    actual = read_value(row.get("actual"), year)
    if target.kind == "text":
        a = plain(actual.text)
        if a == plain(target.text) or a in ACHIEVED:
            return share
        if a.startswith("部分"):
            return share * Fraction(60, 100)
        return Fraction(0)
    if actual is None or actual.kind == "text" or (actual.kind == "date") != (target.kind == "date"):
        return Fraction(0)
    a, t = actual.number, target.number
    if target.kind == "date":
        return share if a <= t else Fraction(0)
    if target.cmp in ("<=", "<") or (target.cmp is None and row.get("level2") == "成本指标"):
        if a <= t:
            return share
        return max(t, Fraction(0)) / a * share
    if t <= 0:
        return share
    return min(max(a, Fraction(0)) / t, Fraction(1)) * share


def score(report):
    """(total in hundredths, grade) of one report."""
    facts = report.get("facts") or {}
    self_scores = {}
    for entry in report.get("self_scores") or []:
        self_scores[tuple(entry["path"])] = Fraction(entry["score"])

    def given(name):
        return facts.get(name) is not None

    if all(given(name) for name, _ in JUSTIFICATION):
        decision = sum(points for name, points in JUSTIFICATION if facts[name] is True) * 100
    else:
        decision = half_up(self_scores.get(("决策", "论证决策规范性"), Fraction(12)))
    if given("监管有效性"):
        decision += half_up(min(max(Fraction(facts["监管有效性"]), Fraction(0)), Fraction(8)))
    else:
        decision += half_up(self_scores.get(("决策", "监管有效性"), Fraction(8)))

    year = report.get("year")
    rows = report.get("indicators") or []
    level1 = [plain(r.get("level1") or "") for r in rows]
    output = [r for r, l1 in zip(rows, level1) if l1.startswith("产出")]
    effect = [r for r, l1 in zip(rows, level1) if l1.startswith(("效益", "满意度"))]
    total, applicable = decision, 20
    for section in (output, effect):
        for row, share in zip(section, shares(len(section))):
            total += half_up(row_score(row, Fraction(share, 100), year))
        if section:
            applicable += 40
    # A section with no rows does not apply: the total is renormalised to 100 (按百分制折算).
    exact = Fraction(total * 100, applicable)
    grade = next((g for bound, g in GRADES if exact >= bound * 100), "差")
    return half_up(exact / 100), grade


def main():
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["id", "total", "grade"])
    for line in sys.stdin:
        if not line.strip():
            continue
        report = json.loads(line, parse_float=Decimal)   # exact: Decimal keeps the digits written
        total, grade = score(report)
        out.writerow([report["id"], "%d.%02d" % divmod(total, 100), grade])


if __name__ == "__main__":
    main()
