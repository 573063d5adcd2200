#!/usr/bin/env python3
"""tables_check.py TMPDIR — the files tables.sh made, read back: the workbooks with openpyxl, the database with
Python's sqlite3 module.  The expected values are worked out by hand in tables.sh's opening comment.  Prints a
FAIL line for each check that does not hold and exits with their number."""
import sqlite3
import sys
import traceback

import openpyxl

tmp = sys.argv[1]

def run_xlsx(path):
    """Run xlsx content"""
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["评分表", "发现", "检查"], wb.sheetnames
    ws = wb["评分表"]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    assert rows[0][0] == "科技发展管理经费 · 江门市科学技术局 · jiangmen-2024-keji-fazhan", rows[0]
    assert rows[1][0] == "规则：广东省项目支出绩效自评（决策20/产出40/效益40）", rows[1]
    assert rows[3] == ("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "自评分", "复核得分", "差异", "说明")
    # Sections with their subtotals, then items with the report's own 一级/二级指标.
    assert rows[4][:9] == ("决策", None, None, None, None, 20, 20, 20, 0), rows[4]
    assert rows[8] == ("产出", "数量指标", "专项调研/交流考察次数", "110次以上", "145次", 3.64, 3.64, 3.64, 0,
                       "min(145/110, 1) × 3.64 = 3.64"), rows[8]
    assert rows[15][:9] == ("产出", "数量指标", "媒体宣传次数", "60次以上", "64次", 3.63, 3.63, 3.63, 0), rows[15]
    assert rows[22][:9] == ("效益", "社会效益指标", "新增科技人才数量", "≥5000人", "5502人", 10, 10, 10, 0), rows[22]
    assert rows[24][:9] == ("总分", None, None, None, None, 100, 100, 100, 0), rows[24]
    assert rows[25][0] == "等级" and rows[25][7] == "优" and rows[25][6] is None, rows[25]
    assert len(rows) == 26
    # Numbers are number cells; scores and differences show the rubric's two places.
    h = ws["H9"]
    assert h.data_type == "n" and h.value == 3.64 and h.number_format == "0.00", (h.value, h.number_format)
    assert ws["F9"].number_format == "General" and ws["I9"].number_format == "0.00"
    # Findings, most at stake first, and checks.
    f = [tuple(c.value for c in r) for r in wb["发现"].iter_rows()]
    assert f[0] == ("报告", "类别", "指标", "说明", "自评", "复核", "涉及分值")
    assert [r[1] for r in f[1:]] == ["check_failed", "unverified", "unverified"], f
    assert f[2][2] == "决策 › 论证决策规范性"
    c = [tuple(c.value for c in r) for r in wb["检查"].iter_rows()]
    assert len(c) == 9 and c[5][1:3] == ("资金到位率", "未通过"), c
    assert c[3][1:3] == ("明细合计（年初预算）", "通过") and c[1][2] == "无法检查"


def thirds_xlsx(path):
    """Exact text for 40/3"""
    ws = openpyxl.load_workbook(path)["评分表"]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    assert rows[4][2] == "甲" and rows[4][5] == 20 and rows[4][7] == "40/3", rows[4]
    assert ws["H5"].data_type == "s"
    assert rows[6][0] == "总分" and rows[6][5] == 40 and rows[6][7] == 26.67, rows[6]


def batch_sqlite(path):
    """Sqlite content and documented queries"""
    db = sqlite3.connect(path)
    q = lambda sql: db.execute(sql).fetchall()
    # The first example query of docs/results-sqlite.md.
    more_than_5_below = q("""
      SELECT unit, id, self_total, total, delta FROM reports
      WHERE delta_real < -5 ORDER BY delta_real""")
    assert more_than_5_below == [("单位丙", "c", "100", "89", "-11")], more_than_5_below
    # The second.
    most_often_short = q("""
      SELECT path, COUNT(DISTINCT report) AS reports FROM findings
      WHERE kind = 'shortfall' GROUP BY path ORDER BY reports DESC, path""")
    assert most_often_short == [("效益 › 新增科技人才数量", 3), ("效益 › 培训人员满意度", 2)], most_often_short
    # The same from the items: scored below their weight.
    short_items = q("""
      SELECT path, COUNT(*) FROM items WHERE kind = 'item' AND score_real < weight_real
      GROUP BY path ORDER BY 2 DESC, path""")
    assert short_items == most_often_short, short_items
    # Reports in input order, numbered with the error row; exact texts beside their REALs.
    reps = q("SELECT report, id, unit, total, total_real, total_shown, self_total, delta, grade, status FROM reports")
    assert reps == [
        (1, "a", "单位甲", "100", 100.0, "100.00", "100", "0", "优", "challenged"),
        (2, "b", "单位乙", "95", 95.0, "95.00", "100", "-5", "优", "challenged"),
        (3, "c", "单位丙", "89", 89.0, "89.00", "100", "-11", "良", "challenged"),
        (4, "d", "单位丁", "99", 99.0, "99.00", "100", "-1", "优", "challenged"),
        (6, "f", "单位戊", "98", 98.0, "98.00", "94", "4", "优", "challenged")], reps
    errs = q("SELECT report, source, id FROM errors")
    assert len(errs) == 1 and errs[0][0] == 5 and errs[0][1].endswith("in.jsonl:5") and errs[0][2] is None, errs
    item = q("""SELECT level1, level2, target, actual, weight, score, score_shown, self_score, delta, delta_real
                FROM items WHERE report = 3 AND name = '新增科技人才数量'""")
    assert item == [("效益", "社会效益指标", "≥5000人", "2000人", "10", "4", "4.00", "10", "-6", -6.0)], item
    assert q("SELECT COUNT(*) FROM items WHERE report = 1") == [(21,)]  # the rubric, 3 sections, 17 items
    assert q("SELECT name, passed FROM checks WHERE report = 1 AND seq = 5") == [("资金到位率", 0)]
    assert q("SELECT value FROM meta WHERE key = 'schema'") == [("1",)]


def batch_xlsx(path):
    """Batch xlsx content"""
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["报告", "发现", "检查"], wb.sheetnames
    rows = [tuple(c.value for c in r) for r in wb["报告"].iter_rows()]
    assert rows[0][:11] == ("报告", "单位", "项目", "年度", "自评总分", "复核总分", "差异", "自评等级", "复核等级", "发现", "状态")
    assert len(rows) == 7
    assert rows[3][:11] == ("c", "单位丙", "科技发展管理经费", 2024, 100, 89, -11, None, "良", 8, "challenged"), rows[3]
    assert rows[5][0].endswith("in.jsonl:5") and rows[5][10] == "error" and "invalid JSON" in rows[5][11], rows[5]
    assert rows[6][4:7] == (94, 98, 4), rows[6]
    f = [tuple(c.value for c in r) for r in wb["发现"].iter_rows()]
    short = sorted((r[0], r[2]) for r in f[1:] if r[1] == "shortfall")
    assert short == [("b", "效益 › 新增科技人才数量"), ("c", "效益 › 培训人员满意度"), ("c", "效益 › 新增科技人才数量"),
                     ("d", "效益 › 培训人员满意度"), ("f", "效益 › 新增科技人才数量")], short


def schema_documented(path):
    """The schema in docs/results-sqlite.md is the database's"""
    import re
    doc = open("docs/results-sqlite.md", encoding="utf-8").read()
    block = doc.split("## Schema", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    def norm(sql):
        sql = re.sub(r"--[^\n]*", "", sql)
        sql = re.sub(r"\s+", " ", sql)
        return re.sub(r" ?([(),;]) ?", r"\1", sql).strip().rstrip(";")
    documented = sorted(norm(s) for s in block.split(";") if norm(s))
    db = sqlite3.connect(path)
    actual = sorted(norm(r[0]) for r in db.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    assert documented == actual, (documented, actual)


def stdout_xlsx(path):
    """The workbook written to standard output"""
    assert openpyxl.load_workbook(path).sheetnames == ["评分表", "发现", "检查"]


checks = [(run_xlsx, "seed.xlsx"), (thirds_xlsx, "thirds.xlsx"), (stdout_xlsx, "stdout.xlsx"),
          (batch_sqlite, "results.sqlite"), (schema_documented, "results.sqlite"), (batch_xlsx, "results.xlsx")]
failed = 0
for check, name in checks:
    try:
        check(tmp + "/" + name)
        print("ok:", check.__doc__)
    except Exception:
        failed += 1
        print("FAIL:", check.__doc__)
        traceback.print_exc(limit=1)
sys.exit(failed)
