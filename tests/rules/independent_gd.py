"""independent_gd.py — an independent scorer for the Guangdong 20/40/40 project rules.

This module is the "truth" the generated-report test compares rubric with.  It is
written from the rules as stated in the issue (section 4), not from the rubric file
rules/gd-project-20-40-40.rubric, and it scores a *semantic* model of a report: the
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
  产出 40: split equally among the rows whose 一级指标 starts with 产出, in shares of
    0.01 by largest remainder, ties in table order (40/11 → 3.64 ×7, 3.63 ×4).
  效益 40: the same among rows whose 一级指标 starts with 效益 or 满意度.
  A row with share w scores:
    floor (≥, or no comparator outside 成本指标): min(actual/target, 1) × w; a
      negative actual scores 0; a target of 0 scores w;
    ceiling (≤ or <, or no comparator under 成本指标): w when actual ≤ target, else
      target/actual × w;
    deadline (a date target): w when the actual date is on or before it, else 0;
    qualitative (a text target): w when the actual is the target's text or exactly
      达成, 全部达成, 完成, 全部完成 or 已完成; 60% of w when it starts with 部分;
      otherwise 0.
  Item scores are rounded half up to 2 places; sections add items; the total adds
  sections.  Grades: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差.

The semantic model (plain dicts, so the generator can build it freely):

  report = {"id": str,
            "facts": {name: bool | Fraction},     # only the facts that are given
            "self_scores": {(name, ...): Fraction},
            "rows": [row, ...]}                   # in table order
  row    = {"level1": str, "level2": str, "name": str, "target": target, "actual": actual}
  target = {"kind": "amount", "cmp": ">=" | "<=" | "<" | None, "value": Fraction}
         | {"kind": "date", "value": datetime.date}
         | {"kind": "text", "value": str}
  actual = Fraction for an amount target, datetime.date for a date target, and the
           actual's text exactly as written for a text target.
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

# Actual texts that count as fully achieved for a qualitative target.
ACHIEVED_TEXTS = ("达成", "全部达成", "完成", "全部完成", "已完成")
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
    target = row["target"]
    actual = row["actual"]
    weight = Fraction(weight)
    kind = target["kind"]
    if kind == "text":
        if actual == target["value"] or actual in ACHIEVED_TEXTS:
            return weight
        if actual.startswith(PARTIAL_PREFIX):
            return weight * PARTIAL_SHARE
        return Fraction(0)
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
    level1 = row["level1"]
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


if __name__ == "__main__":
    _self_test()
    print("independent_gd: self test passed")
