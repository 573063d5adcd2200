#!/usr/bin/env python3
"""check_variants.py RUBRIC_BIN — tables the importer was not written against, in the layouts it reads.

The fixtures in fixtures/ were made for this test (see fixtures/README.md), each with what a person reads in it
written out below by hand:

- layout-reflowed.txt: huoqiu's `pdftotext -layout` table with every run of text moved to 1.25 × its column + 3
  (a wider page): the same eight rows as ../shared/cases/real/huoqiu-2022-kjtpy.json.
- layout-pagebreak.txt: the same table broken before the 经济效益 row, the new page starting with a form feed, the
  form's title "项目支出绩效自评表（续）" and the header printed again: the same rows, the last four on page 2, and
  the title noted as not read.
- grid-ocr.txt: a Guangdong 评分表 with tabs between cells, invented: OCR slips in 得分 ("6. 67", "6, 67") and in
  预算计划安排 ("58. 20"), two rows run together ("≥5个 ≥3项", names "建设示范基地数 技术指导次数"), the 一级指标
  printed in the middle of its block, a page break with the header repeated.
- flow-wrapped.txt: a department's target table as plain text flows it, invented: names and values broken over
  lines ("开展农业技术培训期" / "数", "2023年12月" / "31日前"), a qualitative actual over two lines, labels broken
  ("满意" / "度" / "指标"), a page break repeating "产出 / 指标" without the 二级指标.
- layout-yunnan.txt: a national table whose 指标值 is printed in three cells (指标性质 | 指标值 | 度量单位, Yunnan's
  form), laid out as pdftotext -layout lays out huoqiu's (fixtures/make_layout_yunnan.py), with the content of
  ../shared/cases/real/yongde-2022-yygs.md: the nine rows of yongde-2022-yygs.json, the three cells joined
  ("≧735人次", "═100%"); the 经济效益 row whose 一级指标 label sits above it taken into 效益指标 by its 二级指标 (noted);
  the empty 生态效益指标 block naming no row; the 年度资金总额 row with two amounts for three columns reported, not
  guessed.
- layout-chizhou.txt: ../shared/cases/real/chizhou-2022-weituo.md's table laid out the same way
  (fixtures/make_layout_chizhou.py), with 二级指标 merged over two rows and printed between them (质量指标,
  成本指标): the nine rows of chizhou-2022-weituo.json; its 年度资金总额 row (0 / 0 / 0, 分值 10, 执行率 0, 得分 0, no
  % sign) does not fit the form and is reported, not read.
- raw-slips.txt: huoqiu's plain `pdftotext` output with two OCR slips: the total's 100.00 read "100, 00"
  (repaired, noted) and the 经济效益 row's 分值 10 read "1O" (that row cannot be completed: it must be reported as
  incomplete, and no other row may take its cells).

For each, at least 95% of the indicator cells must be right and every other one reported; here all are right
except the row raw-slips damages, which is reported.
"""
import json
import os
import subprocess
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks  # noqa: E402

binary = sys.argv[1]
HERE = os.path.join("tests", "import", "fixtures")
tally = Checks()
expect = tally.expect
D = Decimal


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def imported(name):
    out = subprocess.run([binary, "import", os.path.join(HERE, name)], capture_output=True, text=True)
    expect(f"{name}: exit 0", out.returncode == 0)
    return load(out.stdout), out.stderr


def row(l1, l2, name, target, actual, weight=None, score=None):
    return {"level1": l1, "level2": l2, "name": name, "target": target, "actual": actual, "weight": weight,
            "self_score": score}


FIELDS = ["level1", "level2", "name", "target", "actual", "weight", "self_score"]


def compare(name, got, rows):
    """Cell by cell; prints the share right."""
    gi = got.get("indicators", [])
    expect(f"{name}: {len(rows)} rows (imported {len(gi)})", len(gi) == len(rows))
    right = 0
    for k, w in enumerate(rows):
        g = gi[k] if k < len(gi) else {}
        for f in FIELDS:
            ok = g.get(f) == w[f]
            right += ok
            expect(f"{name}: row {k} {f}: {g.get(f)!r} = {w[f]!r}", ok)
    print(f"{name}: {right}/{len(rows) * len(FIELDS)} indicator cells right")
    return gi


def notes(got, kind):
    return [n for n in got["imported"]["notes"] if n["kind"] == kind]


# ---- huoqiu's table, re-flowed and broken over two pages -------------------------------------------------------
real = load(open(os.path.join("..", "shared", "cases", "real", "huoqiu-2022-kjtpy.json"), encoding="utf-8").read())
huoqiu = [{f: r.get(f) for f in FIELDS} for r in real["indicators"]]

got, _ = imported("layout-reflowed.txt")
compare("layout-reflowed", got, huoqiu)
expect("layout-reflowed: budget 25/25/25", got.get("budget") == {"planned": D(25), "adjusted": D(25), "spent": D(25)})

got, err = imported("layout-pagebreak.txt")
gi = compare("layout-pagebreak", got, huoqiu)
expect("layout-pagebreak: rows 1-4 on page 1, 5-8 on page 2",
       [r["source"].get("page") for r in gi] == [1, 1, 1, 1, 2, 2, 2, 2])
expect("layout-pagebreak: the repeated title is noted as not read",
       any("项目支出绩效自评表（续）" in n["message"] for n in notes(got, "unplaced")))
expect("layout-pagebreak: total 100.00", got.get("self_total") == D("100.00"))

# ---- a 评分表 with tabs and OCR slips --------------------------------------------------------------------------
got, err = imported("grid-ocr.txt")
compare("grid-ocr", got, [
    row("产出", "数量指标", "培训农民人次", "1200人次以上", "1350人次", None, D("6.67")),
    row("产出", "数量指标", "推广新品种数量", "≥5个", "6个", None, D("6.67")),
    row("产出", "数量指标", "建设示范基地数", "≥3项", "4项", None, D("6.67")),
    row("产出", "数量指标", "技术指导次数", "20次以上", "26次", None, D("6.67")),
    row("产出", "质量指标", "培训合格率", "≥95%", "98%", None, D("6.67")),
    row("产出", "时效指标", "资金拨付及时性", "2023年6月30日前", "2023年6月28日", None, D("6.66")),
    row("效益", "社会效益指标", "农民增收带动户数", "≥300户", "320户", None, D("13.33")),
    row("效益", "社会效益指标", "技术到位率", "≥90%", "93%", None, D("13.33")),
    row("效益", "满意度指标", "受训农民满意度", "≥90%", "96.5%", None, D("13.34")),
])
expect("grid-ocr: the 决策 rows are self scores 12 and 7",
       [(s["path"], s["score"]) for s in got.get("self_scores", [])] ==
       [(["决策", "论证决策规范性"], D(12)), (["决策", "监管有效性"], D(7))])
expect("grid-ocr: total 99", got.get("self_total") == D(99))
expect("grid-ocr: budget 58.20 / 58.20 / 57.9",
       got.get("budget") == {"planned": D("58.20"), "allocated": D("58.20"), "spent": D("57.9")})
expect("grid-ocr: unit, title, kind, year",
       (got.get("unit"), got.get("title"), got.get("kind"), got.get("year")) ==
       ("台山市农业农村局", "农业技术推广经费", "project", 2023))
repaired = [n["message"] for n in notes(got, "repaired")]
for raw, value in [("6. 67", "6.67"), ("6, 67", "6.67"), ("58. 20", "58.20")]:
    expect(f"grid-ocr: {raw} repaired to {value}, noted with the text as printed",
           any(f"「{raw}」" in m and value in m for m in repaired))
expect("grid-ocr: the two rows run together are noted", len(notes(got, "split")) == 1)
expect("grid-ocr: notes printed on standard error with file:line",
       "tests/import/fixtures/grid-ocr.txt:14: repaired: 得分「6. 67」" in err)

# ---- a department's table as text flows it ---------------------------------------------------------------------
got, _ = imported("flow-wrapped.txt")
gi = compare("flow-wrapped", got, [
    row("产出指标", "数量指标", "新建高标准农田面积", "2 万亩", "2.1 万亩"),
    row("产出指标", "数量指标", "开展农业技术培训期数", "30 期以上", "32 期"),
    row("产出指标", "数量指标", "培育新型职业农民人数", "500 人", "486 人"),
    row("产出指标", "质量指标", "农产品质量安全抽检合格率", "≥98%", "99.2%"),
    row("产出指标", "时效指标", "项目开工及时率", "100%", "100%"),
    row("产出指标", "时效指标", "资金拨付时限", "2023年12月31日前", "2023年12月20日"),
    row("效益指标", "社会效益指标", "带动农户增收", "有效带动", "有效带动"),
    row("效益指标", "社会效益指标", "农业生产条件改善情况", "有效改善", "较上年明显改善"),
    row("效益指标", "社会效益指标", "农田灌溉保证率", "≥85%", "87%"),
    row("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%", "95%"),
])
expect("flow-wrapped: the rows after the form feed are on page 2",
       [r["source"].get("page") for r in gi] == [1] * 5 + [2] * 5)
expect("flow-wrapped: budget from the sentence 5200 / 4800.5 / 4512.37",
       got.get("budget") == {"planned": D(5200), "adjusted": D("4800.5"), "spent": D("4512.37")})
expect("flow-wrapped: 执行率 94%, total 93.5, 优秀",
       (got.get("facts"), got.get("self_total"), got.get("self_grade")) == ({"执行率": "94%"}, D("93.5"), "优秀"))
expect("flow-wrapped: each figure from a sentence is noted with its words",
       len(notes(got, "from_text")) == 6 and any("支出率 94%" in n["message"] for n in notes(got, "from_text")))

# ---- Yunnan's form: 指标性质 | 指标值 | 度量单位 --------------------------------------------------------------------
yongde = load(open(os.path.join("..", "shared", "cases", "real", "yongde-2022-yygs.json"), encoding="utf-8").read())
got, _ = imported("layout-yunnan.txt")
compare("layout-yunnan", got, [{f: r.get(f) for f in FIELDS} for r in yongde["indicators"]])
expect("layout-yunnan: total 96, money in 元", got.get("self_total") == D(96) and got.get("money_unit") == "元")
expect("layout-yunnan: 经济效益 row's 一级指标 by its 二级指标, noted",
       any("经济效益指标" in n["message"] and "效益指标" in n["message"] for n in notes(got, "layout")))
expect("layout-yunnan: 年度资金总额 with two amounts for three columns is reported, no budget guessed",
       "budget" not in got and any("年度资金总额" in n["message"] for n in notes(got, "incomplete")))

# ---- 二级指标 merged over two rows --------------------------------------------------------------------------------
chizhou = load(open(os.path.join("..", "shared", "cases", "real", "chizhou-2022-weituo.json"), encoding="utf-8").read())
got, _ = imported("layout-chizhou.txt")
compare("layout-chizhou", got, [{f: r.get(f) for f in FIELDS} for r in chizhou["indicators"]])
expect("layout-chizhou: unit without its code, title", (got.get("unit"), got.get("title")) == (chizhou["unit"], chizhou["title"]))
expect("layout-chizhou: the 年度资金总额 row that does not fit is reported",
       any("年度资金总额" in n["message"] for n in notes(got, "incomplete")))
expect("layout-chizhou: no total (the copy has none)", "self_total" not in got)

# ---- plain pdftotext with two OCR slips ------------------------------------------------------------------------
got, _ = imported("raw-slips.txt")
compare("raw-slips", got, [r for k, r in enumerate(huoqiu) if k != 4])
incomplete = notes(got, "incomplete")
expect("raw-slips: the row broken by 1O is reported with its cells",
       len(incomplete) == 1 and all(x in incomplete[0]["message"] for x in ["带动农民增收", "1O"]))
expect("raw-slips: 100, 00 repaired to the total 100.00",
       got.get("self_total") == D("100.00") and any("100, 00" in n["message"] for n in notes(got, "repaired")))

tally.done()
