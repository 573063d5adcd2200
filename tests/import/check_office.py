#!/usr/bin/env python3
"""check_office.py RUBRIC_BIN — rubric import on Excel and Word files written here, with the standard library.

Writes (into a temporary folder, never into the tree) an invented Guangdong 项目绩效评分表 in the two-row header
layout (一级/二级/三级指标 over 名称 | 权重(%)) as:
  - score.xlsx: shared strings, one inline string, a cell with a line break, numbers as numbers (one held as
    6.6699999999999999, as spreadsheet programs write 6.67; one 实现值 0.98 in a percentage style), the 一级 and
    二级指标 and their 权重 as merged cells over their rows, a second sheet with nothing of the table on it first;
  - score.docx: the same table in a Word document, a title paragraph before it, the 一级/二级指标 cells merged down
    (vMerge), the title row spanning the columns (gridSpan);
and checks each imports to the table below, cell for cell (the expected values are the table as written here,
typed by hand, not the importer's output), that each indicator names its sheet or table and row, and that a folder
of both is scored by `rubric batch` with the import notes counted.  Also: an .xls is refused with a message to save
it as .xlsx, a file that is not a zip archive is refused, and a .docx whose XML is damaged says so.
"""
import datetime
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks  # noqa: E402

binary = sys.argv[1]
tally = Checks()
expect = tally.expect

# The table: (一级, 一级权重, 二级, 二级权重, 三级, 三级权重, 预期值, 实现值, 自评分数).  None: the cell is merged into
# the one above it.  Numbers are Python numbers when the cell holds a number.
ROWS = [
    ("决策", 20, "项目立项", 12, "立项依据充分性", 12, "依据充分", "依据充分", 12),
    (None, None, "绩效目标", 8, "绩效目标合理性", 8, "目标合理", "基本合理", 7),
    ("产出", 40, "数量指标", 20, "培训新型职业\n农民人数", 20, "≥500人", "512人", 20),
    (None, None, "质量指标", 20, "培训合格率", 20, "≥95%", 0.98, 6.6699999999999999),
    ("效益", 40, "社会效益指标", 40, "带动农户增收", 20, "≥10%", "12%", 20),
    (None, None, None, None, "服务对象满意度", 20, "≥90%", "93%", 18.5),
]
HEAD1 = ["一级指标", "", "二级指标", "", "三级指标", "", "评价年度预期值", "评价年度实现值", "自评分数"]
HEAD2 = ["名称", "权重(%)", "名称", "权重(%)", "名称", "权重(%)", "", "", ""]
# What a correct reading gives, by hand: level1, level2, name, target, actual, weight, self_score.
WANT = [
    ("决策", "项目立项", "立项依据充分性", "依据充分", "依据充分", "12", "12"),
    ("决策", "绩效目标", "绩效目标合理性", "目标合理", "基本合理", "8", "7"),
    ("产出", "数量指标", "培训新型职业农民人数", "≥500人", "512人", "20", "20"),
    ("产出", "质量指标", "培训合格率", "≥95%", "98%", "20", "6.67"),
    ("效益", "社会效益指标", "带动农户增收", "≥10%", "12%", "20", "20"),
    ("效益", "社会效益指标", "服务对象满意度", "≥90%", "93%", "20", "18.5"),
]
TITLE = "2023年度农业技术推广项目绩效评分表"


def col(k):
    return chr(ord("A") + k)


def write_xlsx(path, rows_in=ROWS, date1904=False):
    strings, index = [], {}

    def sst(text):
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return index[text]

    def cell(ref, value, style=0):
        if value is None or value == "":
            return ""
        if isinstance(value, Serial):  # a date: its serial day number in a date style
            return f'<c r="{ref}" s="{value.style}"><v>{value.number}</v></c>'
        if isinstance(value, (int, float)):
            shown = repr(value) if isinstance(value, float) else str(value)
            if value == 6.6699999999999999:
                shown = "6.6699999999999999"  # as a spreadsheet program writes 6.67
            return f'<c r="{ref}" s="{style}"><v>{shown}</v></c>'
        return f'<c r="{ref}" t="s"><v>{sst(value)}</v></c>'

    rows = [f'<row r="1"><c r="A1" t="inlineStr"><is><t>{escape(TITLE)}</t></is></c></row>']
    rows.append('<row r="2">' + "".join(cell(f"{col(k)}2", v) for k, v in enumerate(HEAD1)) + "</row>")
    rows.append('<row r="3">' + "".join(cell(f"{col(k)}3", v) for k, v in enumerate(HEAD2)) + "</row>")
    merges = ["A1:I1", "A2:B2", "C2:D2", "E2:F2", "G2:G3", "H2:H3", "I2:I3"]
    for i, row in enumerate(rows_in):
        r = i + 4
        cells = []
        for k, v in enumerate(row):
            style = 1 if isinstance(v, float) and k == 7 else 0  # 实现值 0.98 in a percentage style
            cells.append(cell(f"{col(k)}{r}", v, style))
        rows.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    # Merged cells: each None continues the cell above it.
    for k in range(4):
        start = None
        for i in range(len(ROWS) + 1):
            v = ROWS[i][k] if i < len(ROWS) else "end"
            if v is not None:
                if start is not None and i - 1 > start:
                    merges.append(f"{col(k)}{start + 4}:{col(k)}{i - 1 + 4}")
                start = i
    total = len(ROWS) + 4
    rows.append(f'<row r="{total}">' + cell(f"A{total}", "合计") + cell(f"B{total}", 100) + cell(f"I{total}", 83.67)
                + "</row>")
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    sheet = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData>' + "".join(rows) + "</sheetData>"
             + f'<mergeCells count="{len(merges)}">' + "".join(f'<mergeCell ref="{m}"/>' for m in merges)
             + "</mergeCells></worksheet>")
    cover = (f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}><sheetData><row r="1"><c r="A1" t="inlineStr">'
             "<is><t>说明：本表由项目单位填报</t></is></c></row></sheetData></worksheet>")
    sst_xml = (f'<?xml version="1.0" encoding="UTF-8"?><sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
               + "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
    # Styles: 0 General, 1 a percentage (built-in 9), 2 a date (built-in 14), 3 a custom Chinese date with the
    # time, 4 a custom time of day in brackets and minutes (no date: [h]:mm).
    styles = (f'<?xml version="1.0" encoding="UTF-8"?><styleSheet {ns}><numFmts count="2">'
              '<numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot; hh:mm"/>'
              '<numFmt numFmtId="177" formatCode="[h]:mm"/></numFmts>'
              '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9" applyNumberFormat="1"/>'
              '<xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="176" applyNumberFormat="1"/>'
              '<xf numFmtId="177" applyNumberFormat="1"/></cellXfs></styleSheet>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?><workbook {ns} {rns}>'
                + ('<workbookPr date1904="1"/>' if date1904 else "") + '<sheets>'
                '<sheet name="说明" sheetId="1" r:id="rId2"/><sheet name="评分表" sheetId="2" r:id="rId1"/>'
                "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships '
            'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/cover.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/worksheets/cover.xml", cover)
        z.writestr("xl/sharedStrings.xml", sst_xml)
        z.writestr("xl/styles.xml", styles)


def write_docx(path, damaged=False):
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text):
        runs = "<w:br/>".join(f"<w:t>{escape(part)}</w:t>" for part in text.split("\n"))
        return f"<w:p><w:r>{runs}</w:r></w:p>"

    def tc(text, span=1, vmerge=None):
        props = ""
        if span > 1:
            props += f'<w:gridSpan w:val="{span}"/>'
        if vmerge:
            props += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
        # As a Word table prints them: 0.98 in its percentage style, 6.6699999999999999 as 6.67.
        shown = {0.98: "98%", 6.6699999999999999: "6.67"}
        text = "" if text is None else shown.get(text, str(text)) if isinstance(text, float) else str(text)
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>"

    trs = ["<w:tr>" + tc(TITLE, span=9) + "</w:tr>"]
    trs.append("<w:tr>" + "".join(tc(h) for h in HEAD1) + "</w:tr>")
    trs.append("<w:tr>" + "".join(tc(h) for h in HEAD2) + "</w:tr>")
    for i, row in enumerate(ROWS):
        cells = []
        for k, v in enumerate(row):
            if k < 4:
                below = i + 1 < len(ROWS) and ROWS[i + 1][k] is None
                cells.append(tc(v, vmerge="continue" if v is None else ("restart" if below else None)))
            else:
                cells.append(tc(v))
        trs.append("<w:tr>" + "".join(cells) + "</w:tr>")
    trs.append("<w:tr>" + tc("合计") + tc(100) + tc("", span=6) + tc("83.67") + "</w:tr>")
    body = para(TITLE) + para("单位名称：某县农业农村局") + "<w:tbl>" + "".join(trs) + "</w:tbl>" + para("")
    doc = f'<?xml version="1.0" encoding="UTF-8"?><w:document {w}><w:body>{body}</w:body></w:document>'
    if damaged:
        doc = doc[: len(doc) // 2]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", doc)


class Serial:
    """A cell holding a serial day number in a date style."""

    def __init__(self, number, style):
        self.number, self.style = number, style


def days_since(base, day, fraction=0.0):
    """The serial number of a date, counted by hand from the workbook's day 0."""
    return repr((day - base).days + fraction) if fraction else str((day - base).days)


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


with tempfile.TemporaryDirectory() as tmp:
    folder = os.path.join(tmp, "reports")
    os.mkdir(folder)
    xlsx, docx = os.path.join(folder, "score.xlsx"), os.path.join(folder, "score.docx")
    write_xlsx(xlsx)
    write_docx(docx)
    for path in (xlsx, docx):
        name = os.path.basename(path)
        out = subprocess.run([binary, "import", path], capture_output=True, text=True)
        expect(f"{name}: imports (exit 0): {out.stderr.strip()[:200]}", out.returncode == 0)
        got = load(out.stdout) if out.returncode == 0 else {}
        rows = got.get("indicators", [])
        expect(f"{name}: {len(rows)} rows = {len(WANT)}", len(rows) == len(WANT))
        right = 0
        for k, want in enumerate(WANT):
            g = rows[k] if k < len(rows) else {}
            have = (g.get("level1"), g.get("level2"), g.get("name"), g.get("target"), g.get("actual"),
                    str(g.get("weight")), str(g.get("self_score")))
            for f, a, b in zip(["level1", "level2", "name", "target", "actual", "weight", "self_score"], have, want):
                expect(f"{name}: row {k} {f} {a!r} = {b!r}", a == b)
                right += a == b
        print(f"{name}: {right}/{len(WANT) * 7} indicator cells right")
        expect(f"{name}: the stated total 83.67", got.get("self_total") == Decimal("83.67"))
        src = [r.get("source", {}) for r in rows]
        if name.endswith(".xlsx"):
            expect(f"{name}: sources name sheet 评分表 and rows 4-9",
                   [(s.get("sheet"), s.get("rows")) for s in src] == [("评分表", [r]) for r in range(4, 10)])
        else:
            expect(f"{name}: sources name table 1 and rows 4-9",
                   [(s.get("table"), s.get("rows")) for s in src] == [(1, [r]) for r in range(4, 10)])
        for line in out.stderr.splitlines():
            expect(f"{name}: a note names its place ({line[:80]})", line.startswith(path + ":"))
    # Dates are stored as serial day numbers; a date-styled cell reads as the date it shows, never as 45443.
    # Day 0 is 1899-12-30 in the 1900 system (1900-02-29, which never was, is its day 60) and 1904-01-01 in the
    # 1904 system.  2024-05-31 is 45443 and 2023-12-15 noon 45275.5 (1900); 2024-05-31 is 43981 (1904).  A
    # [h]:mm time (style 4) is no date: 1.5 stays 1.5.
    d1900, d1904 = datetime.date(1899, 12, 30), datetime.date(1904, 1, 1)
    cases = [
        ("dates.xlsx", False, {0: Serial(days_since(d1900, datetime.date(2024, 5, 31)), 2),
                               1: Serial(days_since(d1900, datetime.date(2023, 12, 15), 0.5), 3),
                               5: Serial("1.5", 4)},
         {0: "2024年5月31日", 1: "2023年12月15日 12:00", 5: "1.5"}),
        ("dates1904.xlsx", True, {0: Serial(days_since(d1904, datetime.date(2024, 5, 31)), 2)},
         {0: "2024年5月31日"}),
    ]
    expect("the serial numbers by hand: 45443, 45275.5, 43981",
           [cases[0][2][0].number, cases[0][2][1].number, cases[1][2][0].number] == ["45443", "45275.5", "43981"])
    for name, is1904, serials, want in cases:
        rows_in = [tuple(serials[i] if k == 7 and i in serials else v for k, v in enumerate(row))
                   for i, row in enumerate(ROWS)]
        path = os.path.join(tmp, name)
        write_xlsx(path, rows_in, is1904)
        out = subprocess.run([binary, "import", path], capture_output=True, text=True)
        got = load(out.stdout).get("indicators", []) if out.returncode == 0 else []
        for i, text in want.items():
            actual = got[i].get("actual") if i < len(got) else None
            expect(f"{name}: row {i} actual {actual!r} = {text!r}", actual == text)
    # rubric batch on the folder: both scored, the notes counted on standard error.
    out = subprocess.run([binary, "batch", "rules/gd-project-20-40-40.rubric", folder, "-j", "1"],
                         capture_output=True, text=True)
    lines = out.stdout.splitlines()
    expect(f"batch on the folder: exit 0, a header and two rows ({out.returncode}, {len(lines)})",
           out.returncode == 0 and len(lines) == 3)
    expect("batch: both reports scored, not errors", all(",error," not in line for line in lines[1:]))
    expect("batch: the summary counts two published files imported",
           "2 published files imported" in out.stderr)
    # Refusals.
    xls = os.path.join(tmp, "old.xls")
    open(xls, "wb").write(b"\xd0\xcf\x11\xe0")
    out = subprocess.run([binary, "import", xls], capture_output=True, text=True)
    expect(".xls: exit 4, says to save it as .xlsx", out.returncode == 4 and "save it as .xlsx" in out.stderr)
    fake = os.path.join(tmp, "fake.xlsx")
    open(fake, "w").write("not a workbook")
    out = subprocess.run([binary, "import", fake], capture_output=True, text=True)
    expect(f".xlsx that is no zip: exit 4, not a .xlsx file ({out.stderr.strip()})",
           out.returncode == 4 and "not a .xlsx file" in out.stderr)
    bad = os.path.join(tmp, "bad.docx")
    write_docx(bad, damaged=True)
    out = subprocess.run([binary, "import", bad], capture_output=True, text=True)
    expect(f"damaged .docx: exit 4, not well-formed XML ({out.stderr.strip()})",
           out.returncode == 4 and "not well-formed XML" in out.stderr)

tally.done()
