#!/usr/bin/env python3
"""check_real.py RUBRIC_BIN CASES_DIR — real published tables scored with rules/mof-2020-project-self.rubric.

The tables are in ../shared/cases/real: a report transcribed as printed (odd characters included) and a sidecar
(<id>.md) with the source, every published figure and what a correct reading gives.  Every expected value below
is the sidecar's, worked out again here by hand from the published rows:

- huoqiu-2022-kjtpy: every row at its published 分值 (产出 10/20/10/10, 效益 10/10/10, 满意度 10) and every row met
  (达成预期指标 is full achievement; the deadline row's actual 达成预期指标 is qualitative, tier 1: band [8, 10],
  self 10 → 10; the actual "5" against "≥5万元" reads 5万元 = 50000 元, met) → 10 + 50 + 30 + 10 = 100.00, as
  published: no difference, nothing unexplained, no data_error.
- yongde-2022-yygs: rows of 10 each, families 产出 40 / 效益 30 / 满意度 20 (not 50/30/10): two weight_mismatch
  findings with both numbers.  ═ (U+2550) is "=": 生均补助标准达标率 100% against =100% → 10; 政策知晓率 98% against
  =100% → 98/100 × 10 = 9.80.  资金到位及时率 100% against ≥100% → 10 where the table gives 7.  Total 10 + 40 +
  29.80 + 20 = 99.80 against 96: +3.80 = +3 (资金到位及时率) + 0.80 (政策知晓率), all of it itemised.
- chizhou-2022-weituo: 产出 8 × 5 + 10 = 50, 效益 10 × 3 = 30, no 满意度 row → that family does not apply and the
  total is renormalised over 90: (10 + 50 + 30) × 100 / 90 = 100.00.  "≥100百分比" is ≥100%; the bare "90" against
  "≤90万元" reads 90万元 (met).  预算执行率 89.974 / 89.974 = 100% → 10 where the table's 年度资金总额 row scores 0:
  a finding names the budget figures.  No data_error.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks, findings, has_message, node, run_json  # noqa: E402

binary, cases = sys.argv[1], sys.argv[2]
if not os.path.isdir(cases):
    print(f"skipped: {cases} is not there (the shared cases sit beside the project)")
    sys.exit(77)
tally = Checks()
expect = tally.expect


def run(case):
    return run_json(binary, ["rules/mof-2020-project-self.rubric", os.path.join(cases, case + ".json")])


def rows(r, section):
    return [(c["name"], c["weight"], c["score"]) for c in node(r["tree"], section)["children"]]


# huoqiu — reproduced as published.
r = run("huoqiu-2022-kjtpy")
expect("huoqiu total 100.00, delta 0", r["total"] == 100.0 and r["delta"] == 0.0)
expect("huoqiu 产出 at 10/20/10/10, all met", rows(r, "产出指标") == [
    ("开展县域结对交流活动", 10, 10.0), ("科技特派员创业能力提升", 20, 20.0), ("2022年底之前", 10, 10.0),
    ("科技特派员业务培训开展", 10, 10.0)])
expect("huoqiu 效益 10 x3", [w for _, w, s in rows(r, "效益指标") if s == 10.0] == [10, 10, 10])
expect("huoqiu 满意度 10", rows(r, "服务对象满意度指标") == [("群众创业热情高涨", 10, 10.0)])
expect("huoqiu no data_error", not findings(r, "data_error"))
expect("huoqiu nothing unexplained", r["unexplained"] == 0.0)
expect("huoqiu 5 reads as 5万元 with a note", has_message(findings(r, "note"), "科技特派员业务培训开展", "5万元"))
expect("huoqiu no shortfall, no review", not findings(r, "shortfall") and not findings(r, "review"))

# yongde — +3.80 against the published 96, every point itemised.
r = run("yongde-2022-yygs")
expect("yongde total 99.80 against 96", r["total"] == 99.8 and r["self_total"] == 96 and r["delta"] == 3.8)
expect("yongde families 10/40/30/20", [c["weight"] for c in r["tree"]["children"]] == [10, 40, 30, 20])
expect("yongde every row at 10", all(w == 10 for s in ("产出指标", "效益指标", "服务对象满意度指标")
                                     for _, w, _ in rows(r, s)))
wm = findings(r, "weight_mismatch")
expect("yongde 产出 40 against 50", has_message(wm, "40", "50") and any(f["path"] == ["产出指标"] for f in wm))
expect("yongde 满意度 20 against 10", has_message(wm, "20", "10") and
       any(f["path"] == ["服务对象满意度指标"] for f in wm))
expect("yongde 生均补助标准达标率 10 (═100%)", dict((n, s) for n, _, s in rows(r, "产出指标"))["生均补助标准达标率"] == 10.0)
expect("yongde 政策知晓率 9.80", dict((n, s) for n, _, s in rows(r, "效益指标"))["政策知晓率"] == 9.8)
mm = {tuple(f["path"]): f for f in findings(r, "score_mismatch")}
expect("yongde 资金到位及时率 +3", mm.get(("产出指标", "资金到位及时率"), {}).get("stake") == 3.0)
expect("yongde 政策知晓率 +0.80", mm.get(("效益指标", "政策知晓率"), {}).get("stake") == 0.8)
expect("yongde +3.80 itemised, nothing unexplained", r["itemised"] == 3.8 and r["unexplained"] == 0.0)
expect("yongde no data_error", not findings(r, "data_error"))

# chizhou — no published total; 100.00 renormalised over 90.
r = run("chizhou-2022-weituo")
expect("chizhou total 100.00", r["total"] == 100.0 and r["self_total"] is None)
expect("chizhou 产出 8 x5 + 10", [w for _, w, _ in rows(r, "产出指标")] == [8, 8, 8, 8, 8, 10] and
       node(r["tree"], "产出指标")["score"] == 50.0)
expect("chizhou 效益 10 x3", node(r["tree"], "效益指标")["score"] == 30.0)
expect("chizhou 满意度 does not apply", node(r["tree"], "服务对象满意度指标").get("not_applicable") is True)
expect("chizhou 预算执行率 10", node(r["tree"], "预算执行率", "预算执行率")["score"] == 10.0)
expect("chizhou budget contradiction named", has_message(findings(r, "review"), "89.974万元", "100.00%"))
expect("chizhou ≥100百分比 met", dict((n, s) for n, _, s in rows(r, "产出指标"))["委托业务报告合格率"] == 8.0)
expect("chizhou 90 reads 90万元", has_message(findings(r, "note"), "项目总成本", "90万元"))
expect("chizhou no data_error", not findings(r, "data_error"))

tally.done()
