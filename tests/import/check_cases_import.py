#!/usr/bin/env python3
"""check_cases_import.py RUBRIC_BIN — one real national 项目支出绩效自评表 in the forms it arrives in.

../shared/cases/docs/huoqiu-2022-kjtpy holds the table of ../shared/cases/real/huoqiu-2022-kjtpy.json (a hand
transcription with its sidecar) as `pdftotext -layout` output (table.txt), plain `pdftotext` output
(table.raw.txt), the PDF itself (table.pdf, read through pdftotext when it is installed), an Excel workbook
(table.xlsx) and a Word document (table.docx), both with merged cells for 一级/二级指标.  Each must import to
the transcription's eight indicator rows, cell for cell, and to its budget (25 / 25 / 25 万元), stated rate
(100.00%), execution score (10, as the self score 预算执行率 › 预算执行率) and total (100).  The one empty row
(生态效益指标 with a lone 0 in 分值, which the sidecar leaves out as a placeholder) must be reported, not dropped in
silence.  The PDF, scored with the national rule, must give the transcription's result.
"""
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks  # noqa: E402

binary = sys.argv[1]
DOCS = os.path.join("..", "shared", "cases", "docs", "huoqiu-2022-kjtpy")
REAL = os.path.join("..", "shared", "cases", "real", "huoqiu-2022-kjtpy.json")
tally = Checks()
expect = tally.expect


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


want = load(open(REAL, encoding="utf-8").read())
FIELDS = ["level1", "level2", "name", "target", "actual", "weight", "self_score"]
files = ["table.txt", "table.raw.txt", "table.xlsx", "table.docx"]
if shutil.which("pdftotext"):
    files.append("table.pdf")
else:
    print("pdftotext is not installed: table.pdf must be refused with a message that says so")
    out = subprocess.run([binary, "import", os.path.join(DOCS, "table.pdf")], capture_output=True, text=True)
    expect("no pdftotext: exit 4", out.returncode == 4)
    expect("no pdftotext: the message names poppler-utils", "poppler-utils" in out.stderr)

for name in files:
    path = os.path.join(DOCS, name)
    out = subprocess.run([binary, "import", path], capture_output=True, text=True)
    expect(f"{name}: imports (exit 0)", out.returncode == 0)
    got = load(out.stdout)
    rows = got.get("indicators", [])
    expect(f"{name}: eight rows", len(rows) == len(want["indicators"]))
    right = total = 0
    for k, w in enumerate(want["indicators"]):
        g = rows[k] if k < len(rows) else {}
        for f in FIELDS:
            total += 1
            ok = g.get(f) == w.get(f)
            right += ok
            expect(f"{name}: row {k} {f} {g.get(f)!r} = {w.get(f)!r}", ok)
    print(f"{name}: {right}/{total} indicator cells as transcribed")
    for member in ["unit", "title", "year", "kind", "money_unit", "budget", "facts", "self_scores"]:
        expect(f"{name}: {member} {got.get(member)!r} = {want.get(member)!r}", got.get(member) == want.get(member))
    expect(f"{name}: total 100", got.get("self_total") == Decimal(100))
    notes = got["imported"]["notes"]
    expect(f"{name}: the empty 生态效益指标 row with its 0 is reported (skipped)",
           any(n["kind"] == "skipped" and "生态效益指标" in n["message"] and "0" in n["message"] for n in notes))
    expect(f"{name}: notes on standard error, one per line, file:line: kind: message",
           all(line.startswith(path + ":") and line.count(": ") >= 2 for line in out.stderr.splitlines()))
    expect(f"{name}: as many lines on standard error as notes", len(out.stderr.splitlines()) == len(notes))
    # Provenance: an Excel row names its sheet and row, a Word row its table and row; text its lines.
    src = rows[0].get("source", {}) if rows else {}
    if name == "table.xlsx":
        expect(f"{name}: the first row is row 13 of sheet 项目支出绩效自评表 ({src})",
               src.get("sheet") == "项目支出绩效自评表" and src.get("rows") == [13] and "lines" not in src)
        expect(f"{name}: notes say sheet:row", any(n["where"] == path + ":项目支出绩效自评表:20" for n in notes))
    elif name == "table.docx":
        expect(f"{name}: the first row is row 11 of table 1 ({src})",
               src.get("table") == 1 and src.get("rows") == [11] and "lines" not in src)
        expect(f"{name}: notes say table N:row", any(n["where"] == path + ":table 1:18" for n in notes))
    else:
        expect(f"{name}: the source gives lines", bool(src.get("lines")))

if "table.pdf" in files:
    # The national rule on the PDF and on the transcription: the sidecar's 100.00.
    def run(report):
        o = subprocess.run([binary, "run", "rules/mof-2020-project-self.rubric", report, "--format", "json"],
                           capture_output=True, text=True)
        return load(o.stdout)
    a, b = run(os.path.join(DOCS, "table.pdf")), run(REAL)
    expect(f"table.pdf scores {a['total']} like the transcription {b['total']}", a["total"] == b["total"] == 100)
    for other in ["table.xlsx", "table.docx"]:
        c = run(os.path.join(DOCS, other))
        expect(f"{other} scores {c['total']} like the PDF, with the same tree", c["total"] == a["total"]
               and c["tree"] == a["tree"])
    expect("the skipped row shows as an unscored finding",
           any(f["kind"] == "unscored" and "生态效益指标" in f["message"] for f in a["findings"]))

tally.done()
