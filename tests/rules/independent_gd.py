"""independent_gd.py — an independent scorer for the Guangdong 20/40/40 project rules.

This module is the "truth" the generated-report test compares rubric with.  It is
written from the rules as stated in the issue (section 4, and issue 11 for phrases of
achievement, placeholders and plain()), not from the rubric files rules/gd-project-20-40-40.rubric
and rules/indicators.rubric, and it scores a *semantic* model of a report: the
numbers, dates and texts the generator meant, never text parsed back from the report
it wrote.  Only the Python standard library is used, and every number is an exact
fractions.Fraction: no float, no round().

The rules:

  决策 20 = 论证决策规范性 12 + 监管有效性 8.
    论证决策规范性 = 6 (可行性论证) + 3 (按程序设立) + 3 (审批文件合规), from three
    yes/no facts.  If any of the three is missing, the whole item takes the report's
    self score for ["决策", "论证决策规范性"], or 12 when there is none.
    监管有效性 = the fact 监管有效性 (points) limited to 0..8; when missing, the self
    score for ["决策", "监管有效性"], or 8.
  plain(t) is t without any space anywhere (ASCII space, tab, CR, LF, U+3000 全角空格,
    U+00A0 no-break space), then without the sentence punctuation 。，；：！？、．.,;:!? at
    either end, removed repeatedly ("。 部分完成！" is "部分完成"; punctuation inside stays).
  产出 40: split equally among the rows whose plain(一级指标) starts with 产出 ("产 出",
    "产出指标"), in shares of 0.01 by largest remainder, ties in table order (40/11 →
    3.64 ×7, 3.63 ×4).
  效益 40: the same among rows whose plain(一级指标) starts with 效益 or 满意度.
  A row with share w scores:
    unverified (its target or actual is absent or null, or plain() of its text is a
      placeholder: "", —, ——, –, -, --, －, /, ／, 无, 暂无, 不适用, 未填报, 未填, 未填写,
      N/A, n/a, NA, null): the row's own self score (self_score of the indicator row)
      when the report gives one, else w.  This comes before every rule below;
    floor (≥, or no comparator outside 成本指标): min(actual/target, 1) × w; a
      negative actual scores 0; a target of 0 scores w;
    ceiling (≤ or <, or no comparator under 成本指标): w when actual ≤ target, else
      target/actual × w;
    deadline (a date target): w when the actual date is on or before it, else 0;
    qualitative (a text target): w when plain(actual) is plain(target) or a phrase of
      achievement (ACHIEVED_PHRASES: 达成, 全部达成, 已达成, 基本达成, 完成, 基本完成,
      达成预期指标, 按期完成, 按时完成 …); 60% of w when plain(actual) starts with 部分;
      otherwise 0.
  Item scores are rounded half up to 2 places; sections add items; the total adds
  sections.  Grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.

The semantic model (plain dicts, so the generator can build it freely):

  report = {"id": str,
            "facts": {name: bool | Fraction},     # only the facts that are given
            "self_scores": {(name, ...): Fraction},
            "rows": [row, ...]}                   # in table order
  row    = {"level1": str, "level2": str, "name": str, "target": target, "actual": actual,
            "self_score": Fraction}               # self_score only when the row gives one
  target = {"kind": "amount", "cmp": ">=" | "<=" | "<" | None, "value": Fraction}
         | {"kind": "date", "value": datetime.date}
         | {"kind": "text", "value": str}         # also a placeholder target, as written ("—")
  actual = Fraction for an amount target, datetime.date for a date target, and the
           actual's text exactly as written for a text target; for any target, None when
           the report gives no actual (absent, null or blank) and the text as written when
           it writes a placeholder ("无", "N/A").  (Report format v1 requires a non-blank
           target, so a target that states nothing is always a placeholder text.)
"""

from fractions import Fraction

SECTION_DECISION = "决策"
SECTION_OUTPUT = "产出"
SECTION_EFFECT = "效益"

ITEM_JUSTIFICATION = "论证决策规范性"
ITEM_SUPERVISION = "监管有效性"

# The three yes/no facts of 论证决策规范性 and the points each is worth.
JUSTIFICATION_FACTS = (("可行性论证", 6), ("按程序设立", 3), ("审批文件合规", 3))
JUSTIFICATION_WEIGHT = 12
SUPERVISION_FACT = "监管有效性"
SUPERVISION_WEIGHT = 8

SECTION_WEIGHT = 40

# What plain() removes: spaces anywhere, sentence punctuation at either end.
PLAIN_SPACES = " \t\r\n\u3000\u00a0"
PLAIN_END_PUNCTUATION = "。，；：！？、．.,;:!?"

# Texts (after plain()) that state nothing: a target or actual written so cannot be checked.
PLACEHOLDERS = ("", "—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用", "未填报", "未填",
                "未填写", "N/A", "n/a", "NA", "null")

# Actual texts (after plain()) that count as fully achieved for a qualitative target: the phrases
# of achievement published tables write ("全部或基本达成").
ACHIEVED_PHRASES = ("达成", "全部达成", "已达成", "基本达成", "已全部达成", "完成", "全部完成", "已完成",
                    "基本完成", "已全部完成", "达成预期指标", "达成预期", "达成预期目标", "达成年度指标",
                    "达到预期", "达到预期指标", "达到预期目标", "已达到预期", "已达到预期指标", "已达预期",
                    "完成预期指标", "完成年度指标", "按期完成", "按时完成", "已按期完成", "已按时完成",
                    "如期完成", "已如期完成")
PARTIAL_PREFIX = "部分"
PARTIAL_SHARE = Fraction(60, 100)

COST_LEVEL2 = "成本指标"

GRADES = ((90, "优"), (80, "良"), (60, "中"))
GRADE_LOWEST = "差"

HUNDREDTH = Fraction(1, 100)


def half_up(x, places=2):
    """x rounded half up (四舍五入, away from zero on a tie) to `places` decimals, exactly."""
    x = Fraction(x)
    scale = 10 ** places
    scaled = abs(x) * scale
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    result = Fraction(whole, scale)
    return -result if x < 0 else result


def format_2(x):
    """An exact number with 2 decimal places as text ("97.45", "100.00"); x must be a multiple of 0.01."""
    x = Fraction(x)
    hundredths = x * 100
    if hundredths.denominator != 1:
        raise ValueError("not a multiple of 0.01: %s" % x)
    n = hundredths.numerator
    sign = "-" if n < 0 else ""
    n = abs(n)
    return "%s%d.%02d" % (sign, n // 100, n % 100)


def split_largest_remainder(total, count):
    """`total` split equally over `count` shares of 0.01 that add up to `total` exactly.

    Each share first gets its exact quota truncated to 0.01; the hundredths left over
    go one each to the shares with the largest truncated remainder, ties to the
    earliest share (table order).
    """
    if count <= 0:
        return []
    quota = Fraction(total) / count
    floor_hundredths = (quota * 100).numerator // (quota * 100).denominator
    base = Fraction(floor_hundredths, 100)
    shares = [base] * count
    remainders = [quota - base] * count
    left_over = (Fraction(total) - base * count) / HUNDREDTH
    assert left_over.denominator == 1
    order = sorted(range(count), key=lambda i: (-remainders[i], i))
    for i in order[: left_over.numerator]:
        shares[i] += HUNDREDTH
    return shares


def plain(text):
    """text without spaces anywhere and without sentence punctuation at either end; None stays None."""
    if text is None:
        return None
    kept = "".join(c for c in text if c not in PLAIN_SPACES)
    return kept.strip(PLAIN_END_PUNCTUATION)      # str.strip removes any run of these characters


def states_nothing(text):
    """Whether a target's or actual's text (None when absent or null) cannot be checked."""
    return text is None or plain(text) in PLACEHOLDERS


def is_unverified(row):
    """Whether a row cannot be checked: its target or its actual is absent, null or a placeholder."""
    target, actual = row["target"], row["actual"]
    if target is None or (target["kind"] == "text" and states_nothing(target["value"])):
        return True
    return actual is None or (isinstance(actual, str) and states_nothing(actual))


def is_ceiling(row):
    """Whether an amount row is a ceiling: ≤ or < targets, and bare targets under 成本指标."""
    cmp = row["target"]["cmp"]
    if cmp in ("<=", "<"):
        return True
    if cmp is None:
        return row["level2"] == COST_LEVEL2
    return False


def score_row_exact(row, weight):
    """The unrounded score of one indicator row given its share `weight`."""
    weight = Fraction(weight)
    if is_unverified(row):
        return Fraction(row["self_score"]) if row.get("self_score") is not None else weight
    target = row["target"]
    actual = row["actual"]
    kind = target["kind"]
    if kind == "text":
        said = plain(actual)
        if said == plain(target["value"]) or said in ACHIEVED_PHRASES:
            return weight
        if said.startswith(PARTIAL_PREFIX):
            return weight * PARTIAL_SHARE
        return Fraction(0)
    if isinstance(actual, str):
        raise ValueError("a text actual for an amount or date target is not covered by the rules")
    if kind == "date":
        return weight if actual <= target["value"] else Fraction(0)
    if kind != "amount":
        raise ValueError("unknown target kind %r" % kind)
    t = Fraction(target["value"])
    a = Fraction(actual)
    if is_ceiling(row):
        if a <= t:
            return weight
        return t / a * weight
    # A floor.
    if t == 0:
        if a < 0:
            raise ValueError("a floor with target 0 and a negative actual is not covered by the rules")
        return weight
    if t < 0:
        raise ValueError("negative floor targets are not covered by the rules")
    if a < 0:
        return Fraction(0)
    return min(a / t, Fraction(1)) * weight


def score_row(row, weight):
    """The score of one indicator row, rounded half up to 2 places."""
    return half_up(score_row_exact(row, weight))


def section_of(row):
    """产出, 效益 or None: the section a row's 一级指标 puts it in."""
    level1 = plain(row["level1"])
    if level1.startswith("产出"):
        return SECTION_OUTPUT
    if level1.startswith("效益") or level1.startswith("满意度"):
        return SECTION_EFFECT
    return None


def score_decision(report):
    """[(item name, score)] for the 决策 section."""
    facts = report.get("facts", {})
    self_scores = report.get("self_scores", {})
    items = []
    if all(name in facts for name, _ in JUSTIFICATION_FACTS):
        score = sum((Fraction(points) for name, points in JUSTIFICATION_FACTS if facts[name] is True),
                    Fraction(0))
    else:
        score = self_scores.get((SECTION_DECISION, ITEM_JUSTIFICATION), Fraction(JUSTIFICATION_WEIGHT))
    items.append((ITEM_JUSTIFICATION, half_up(score)))
    if SUPERVISION_FACT in facts:
        v = Fraction(facts[SUPERVISION_FACT])
        score = min(max(v, Fraction(0)), Fraction(SUPERVISION_WEIGHT))
    else:
        score = self_scores.get((SECTION_DECISION, ITEM_SUPERVISION), Fraction(SUPERVISION_WEIGHT))
    items.append((ITEM_SUPERVISION, half_up(score)))
    return items


def grade_of(total):
    """The grade of a total: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""
    for bound, grade in GRADES:
        if total >= bound:
            return grade
    return GRADE_LOWEST


def score_report(report):
    """The whole result: {"id", "total", "grade", "sections": {name: score},
    "items": [(section, item name, weight, score)]}, all numbers exact Fractions."""
    items = []
    for name, score in score_decision(report):
        weight = JUSTIFICATION_WEIGHT if name == ITEM_JUSTIFICATION else SUPERVISION_WEIGHT
        items.append((SECTION_DECISION, name, Fraction(weight), score))
    for section in (SECTION_OUTPUT, SECTION_EFFECT):
        rows = [r for r in report["rows"] if section_of(r) == section]
        shares = split_largest_remainder(SECTION_WEIGHT, len(rows))
        for row, share in zip(rows, shares):
            items.append((section, row["name"], share, score_row(row, share)))
    sections = {}
    for section in (SECTION_DECISION, SECTION_OUTPUT, SECTION_EFFECT):
        sections[section] = sum((s for sec, _, _, s in items if sec == section), Fraction(0))
    total = sum(sections.values(), Fraction(0))
    return {"id": report["id"], "total": total, "grade": grade_of(total), "sections": sections,
            "items": items}


def _self_test():
    """Hand-checked cases of the rules; raises AssertionError on a failure."""
    F = Fraction
    assert half_up(F(3645, 1000)) == F(365, 100)
    assert half_up(F(3644999, 1000000)) == F(364, 100)
    assert half_up(F(8004, 1000)) == F(8, 1)
    assert format_2(F(9745, 100)) == "97.45" and format_2(F(100)) == "100.00" and format_2(F(5, 100)) == "0.05"
    assert split_largest_remainder(40, 11) == [F(364, 100)] * 7 + [F(363, 100)] * 4
    assert split_largest_remainder(40, 3) == [F(1334, 100), F(1333, 100), F(1333, 100)]
    assert split_largest_remainder(40, 4) == [F(10)] * 4
    assert sum(split_largest_remainder(40, 23)) == 40
    floor = {"level1": "产出", "level2": "数量指标", "name": "x",
             "target": {"kind": "amount", "cmp": ">=", "value": F(110)}, "actual": F(145)}
    assert score_row(floor, F(364, 100)) == F(364, 100)
    floor["actual"] = F(85)
    floor["target"]["value"] = F(90)
    assert score_row(floor, F(364, 100)) == F(344, 100)   # 85/90 × 3.64 = 3.4377…
    floor["actual"] = F(-3)
    assert score_row(floor, F(364, 100)) == 0
    cost = {"level1": "产出", "level2": "成本指标", "name": "y",
            "target": {"kind": "amount", "cmp": None, "value": F(550)}, "actual": F(600)}
    assert score_row(cost, F(363, 100)) == F(333, 100)    # 550/600 × 3.63 = 3.3275
    text = {"level1": "效益", "level2": "社会效益指标", "name": "z",
            "target": {"kind": "text", "value": "有效保障"}, "actual": "部分达成"}
    assert score_row(text, F(1334, 100)) == F(8)          # 8.004
    assert grade_of(F(8999, 100)) == "良" and grade_of(F(90)) == "优" and grade_of(F(5999, 100)) == "差"

    # plain(): spaces anywhere, sentence punctuation at either end, repeatedly; inside it stays.
    assert plain("产 出") == "产出" and plain("\u3000效益指标\u00a0") == "效益指标"
    assert plain("达成预期指标。") == "达成预期指标" and plain("完成。") == "完成"
    assert plain("。 部分完成！") == "部分完成" and plain(" 基本\t达成；\r\n") == "基本达成"
    assert plain("部分完成，剩余结转下年实施") == "部分完成，剩余结转下年实施"
    assert plain("已完成.!?") == "已完成" and plain("．．") == "" and plain("—") == "—" and plain("N / A") == "N/A"
    assert plain(None) is None
    # Qualitative rows, share 3.64: the new phrases of achievement, written loosely, earn the share.
    text["target"]["value"] = "显著提升"
    for said in ("基本完成", "已达成", "基本达成", "达成预期指标", "按期完成", "按时完成", "完成。",
                 "已如期完成", " 达到预期 ", "已 达成！", "显著 提升。"):
        text["actual"] = said
        assert score_row(text, F(364, 100)) == F(364, 100), said
    text["actual"] = "。部分 达成"
    assert score_row(text, F(364, 100)) == F(218, 100)    # 60% of 3.64 = 2.184
    for said in ("未完成", "有所提升", "正在推进", "效果明显", "基本达到", "超额完成", "100%", "完成率98%"):
        text["actual"] = said
        assert score_row(text, F(364, 100)) == 0, said
    # Placeholders: neither checked nor scored by the rules — the row's self score, else the share.
    assert all(states_nothing(t) for t in ("", " ", "\u3000", "—", "——", "－", "／", "无。", " 暂无 ", "N/A",
                                           "n/a", "NA", "null", "未填写", "。", None))
    assert not any(states_nothing(t) for t in ("0", "Null", "无效", "未完成", "——无", "0次"))
    text["actual"] = "无"
    assert score_row(text, F(364, 100)) == F(364, 100)    # no self score: the share
    text["self_score"] = F(2)
    assert score_row(text, F(364, 100)) == F(2)           # the row's self score, though it is below
    text["self_score"] = F(1005, 1000)
    assert score_row(text, F(364, 100)) == F(101, 100)    # rounded half up like any item
    del text["self_score"]
    text["actual"] = None                                 # actual absent or null
    assert score_row(text, F(364, 100)) == F(364, 100)
    floor["actual"] = "N/A"                               # a number's row with a placeholder actual
    floor["self_score"] = F(150, 100)
    assert score_row(floor, F(364, 100)) == F(150, 100)
    floor["actual"] = F(45)
    assert score_row(floor, F(364, 100)) == F(182, 100)   # 45/90 × 3.64: checked, the self score unused
    floor["target"] = {"kind": "text", "value": " — "}     # a placeholder target
    assert score_row(floor, F(364, 100)) == F(150, 100)
    del floor["self_score"]
    assert score_row(floor, F(364, 100)) == F(364, 100)
    # Sections by plain(一级指标).
    assert [section_of({"level1": l1}) for l1 in ("产 出", "产出指标", "　效益", "满意度 指标", "成本指标", "")] == \
        [SECTION_OUTPUT, SECTION_OUTPUT, SECTION_EFFECT, SECTION_EFFECT, None, None]
    # A whole report: 决策 from self scores (11.5 + 8), 产出 2 rows of 20, 效益 3 rows of 13.34, 13.33, 13.33.
    report = {"id": "hand", "facts": {}, "self_scores": {(SECTION_DECISION, ITEM_JUSTIFICATION): F(115, 10)},
              "rows": [
                  {"level1": "产 出", "level2": "数量指标", "name": "a", "actual": F(50),
                   "target": {"kind": "amount", "cmp": ">=", "value": F(100)}},               # 10
                  {"level1": "产出指标", "level2": "时效指标", "name": "b", "actual": "—",
                   "target": {"kind": "text", "value": "按时完成"}, "self_score": F(15)},     # 15, unverified
                  {"level1": "效益", "level2": "社会效益指标", "name": "c", "actual": "基本完成。",
                   "target": {"kind": "text", "value": "有效保障"}},                          # 13.34
                  {"level1": "满意度", "level2": "满意度指标", "name": "d", "actual": None,
                   "target": {"kind": "amount", "cmp": ">=", "value": F(90)}},                # 13.33, unverified
                  {"level1": "效益", "level2": "社会效益指标", "name": "e", "actual": "部分完成",
                   "target": {"kind": "text", "value": "有效保障"}},                          # 7.998 → 8.00
                  {"level1": "其他", "level2": "成本指标", "name": "f", "actual": "未完成",
                   "target": {"kind": "text", "value": "完成"}}]}                             # no section
    result = score_report(report)
    assert result["sections"] == {SECTION_DECISION: F(195, 10), SECTION_OUTPUT: F(25), SECTION_EFFECT: F(3467, 100)}
    assert result["total"] == F(7917, 100) and result["grade"] == "中"   # 19.50 + 25 + 34.67


if __name__ == "__main__":
    _self_test()
    print("independent_gd: self test passed")
