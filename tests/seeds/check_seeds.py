#!/usr/bin/env python3
"""check_seeds.py RUBRIC_BIN — the five seed reports, reproduced and challenged.

Every expected value here was worked out by hand from the seed texts in ../shared/seeds and the rules the rubric
files state, not copied from rubric's output:

- 004 (gd-project-20-40-40): 40 over 11 产出 rows in shares of 0.01 by largest remainder is 4000 = 11 × 363 + 7,
  so 3.64 ×7 then 3.63 ×4; every 产出 and 效益 row is met; 决策 takes the self scores 12 and 8 (no facts stated).
- 001 (gd-project-20-40-40): 27 产出 rows share 4000 = 27 × 148 + 4 → 1.49 ×4, 1.48 ×23; 新增省级或以上孵化载体数量
  (row 4, 1.49) scores 1/2 × 1.49 = 0.745 → 0.75; 预期研究成果达到国内先进及以上水平的项目 (row 6, 1.48) scores
  2/5 × 1.48 = 0.592 → 0.59; 产出 = 40 − 0.74 − 0.89 = 38.37.  效益 11 rows → 3.64 ×7, 3.63 ×4; the qualitative row
  引导支持企业加大 R&D 研发投入 (8th, 3.63) reads differently from its target → 0; 效益 = 36.37.  决策 has no facts and
  no self scores → full marks 20.  Total 94.74 < 98.77.  9381.56 / 12823.67 = 0.731597… → 73.16%, which the stated
  73.2% matches at its precision; the nine lines add to 9381.56.
- 001 (gd-dept-targets, the department rule that reads the table): 专项效能 25 over the 38 rows of 表 2 is
  2500 hundredths = 38 × 65 + 30, so rows 1–30 get 0.66 and rows 31–38 get 0.65.  Row 4 (新增省级或以上孵化载体数量,
  0.66) scores 1/2 × 0.66 = 0.33; row 6 (国内先进, 0.66) 2/5 × 0.66 = 0.264 → 0.26; row 35 (引导支持企业加大 R&D 研发
  投入, 0.65) is qualitative and reads differently from its target → 0.  专项效能 = 25 − 0.33 − 0.40 − 0.65 = 23.62.
  整体效能 25 and the seven 管理效能 items (50) have no self scores: full marks, unverified — 75 points.  Total
  98.62 against 98.77: verified 23.62, unverified 75.00; the items differ from full marks by −1.38 and the self
  total is 1.23 below full marks without saying where: unexplained +1.23.
- 002 (gd-dept-overall): 24.49 + 24.50 = 48.99; 3 + 3 + 4 + 15 + 10 + 9.5 + 4 = 48.50; total 97.49.  Lines add to
  435814.26 and 435812.26 against stated 435814.25 and 435812.25: 0.01 each, rounding only.  57.36 / 61.06 =
  0.939404… → 93.94%; 57.36 / (61.06 − 3.64) = 57.36 / 57.42 = 0.998955… → 99.90%, 0.0055 points from 99.89%.
- 000 (mof-2013-dept): 11939.47 / 15338.04 = 0.778422… → 77.84%.
- 003 (gd-dept-overall): 300 / 10100 = 0.029703… → 2.97%, while the self total is 100.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks, findings, has_message, node, run_json  # noqa: E402

binary = sys.argv[1]


def run(rubric, report):
    return run_json(binary, ["rules/" + rubric, "examples/" + report])

tally = Checks()
expect = tally.expect




# 004 — reproduced exactly.
r = run("gd-project-20-40-40.rubric", "jiangmen-2024-keji-fazhan.json")
expect("004 total 100.00", r["total"] == 100.0 and r["grade"] == "优" and r["delta"] == 0.0)
expect("004 决策 12.00 and 8.00", [c["score"] for c in node(r["tree"], "决策")["children"]] == [12.0, 8.0])
out = node(r["tree"], "产出")["children"]
expect("004 产出 weights 3.64 x7 then 3.63 x4", [c["weight"] for c in out] == [3.64] * 7 + [3.63] * 4)
expect("004 产出 scores 3.64 x7 then 3.63 x4", [c["score"] for c in out] == [3.64] * 7 + [3.63] * 4)
expect("004 效益 10.00 x4", [c["score"] for c in node(r["tree"], "效益")["children"]] == [10.0] * 4)
expect("004 决策 unverified", len(findings(r, "unverified")) == 2)

# 001 — challenged.
r = run("gd-project-20-40-40.rubric", "jiangmen-2023-dept.json")
expect("001 total 94.74 below 98.77", r["total"] == 94.74 and r["self_total"] == 98.77 and r["delta"] == -4.03)
short = findings(r, "shortfall")
expect("001 two shortfalls", len(short) == 2)
expect("001 新增孵化载体 0.75 of 1.49",
       has_message(short, "新增省级或以上孵化载体数量", "目标 2 家", "实际 1 家", "应得 0.75 分", "1/2", "1.49"))
expect("001 国内先进 0.59 of 1.48",
       has_message(short, "预期研究成果达到国内先进及以上水平的项目", "目标 ≥5 项", "实际 2 项", "应得 0.59 分", "2/5"))
expect("001 shortfall stakes", sorted(round(f["stake"], 2) for f in short) == [0.74, 0.89])
expect("001 qualitative row flagged", has_message(findings(r, "review"), "引导支持企业加大 R&D 研发投入", "需人工复核"))
expect("001 决策 unverified", len(findings(r, "unverified")) == 2)
checks = {c["name"]: c for c in r["checks"]}
expect("001 rate 73.16% matches 73.2%", checks["执行率核对"]["passed"] is True and
       "73.16%（9381.56万元 / 12823.67万元）" in checks["执行率核对"]["message"] and "73.2%" in checks["执行率核对"]["message"])
expect("001 nine lines add to 9381.56", checks["明细合计（执行数）"]["passed"] is True and
       "9 条明细合计 9381.56万元" in checks["明细合计（执行数）"]["message"])

# 001 — the department rule that reads the indicator table.
r = run("gd-dept-targets.rubric", "jiangmen-2023-dept.json")
rows = node(r["tree"], "履职效能", "专项效能")["children"]
expect("001 专项效能 38 rows: 0.66 x30 then 0.65 x8", [c["weight"] for c in rows] == [0.66] * 30 + [0.65] * 8)
expect("001 专项效能 23.62", node(r["tree"], "履职效能", "专项效能")["score"] == 23.62)
expect("001 three rows below their share", [(c["name"], c["score"]) for c in rows if c["score"] < c["weight"]] == [
    ("新增省级或以上孵化载体数量", 0.33), ("预期研究成果达到国内先进及以上水平的项目", 0.26),
    ("引导支持企业加大 R&D 研发投入", 0.0)])
expect("001 total 98.62: 23.62 verified, 75.00 unverified",
       r["total"] == 98.62 and r["verified"] == 23.62 and r["unverified"] == 75.0)
expect("001 itemised -1.38, unexplained +1.23", r["itemised"] == -1.38 and r["unexplained"] == 1.23)
expect("001 no row unscored", not findings(r, "unscored"))
expect("001 unexplained names 100.00 and 98.77",
       has_message(findings(r, "unexplained"), "合计应为 100.00 分", "自评总分为 98.77 分"))

# 002 — self parts reproduced, figures challenged.
r = run("gd-dept-overall.rubric", "guangzhou-2022-dept.json")
expect("002 48.99", node(r["tree"], "履职效能")["score"] == 48.99)
expect("002 48.50", node(r["tree"], "管理效能")["score"] == 48.5)
expect("002 97.49", r["total"] == 97.49 and r["delta"] == 0.0)
rounding = findings(r, "rounding_only")
expect("002 435814.26 vs 435814.25", has_message(rounding, "435814.26万元", "435814.25万元", "0.01万元"))
expect("002 435812.26 vs 435812.25", has_message(rounding, "435812.26万元", "435812.25万元", "0.01万元"))
expect("002 93.94% vs 99.89%, 99.90% without next-year funds",
       has_message(findings(r, "review"), "93.94%", "99.89%", "99.90%", "0.01 个百分点"))

# 000 — the stated rate confirmed.
r = run("mof-2013-dept.rubric", "jiangmen-2022-dept.json")
checks = {c["name"]: c for c in r["checks"]}
expect("000 77.84% confirmed", checks["执行率核对"]["passed"] is True and
       "77.84%（11939.47万元 / 15338.04万元）" in checks["执行率核对"]["message"])

# 003 — full marks despite 2.97% of project funds.
r = run("gd-dept-overall.rubric", "zhanjiang-2023-dept.json")
expect("003 300 of 10100 (2.97%) with a self score of 100",
       has_message(findings(r, "check_failed"), "300万元", "10100万元", "2.97%", "自评总分为 100 分"))

tally.done()
