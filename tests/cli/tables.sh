#!/usr/bin/env bash
# tables.sh RUBRIC_BIN — results out as tables: run and batch --format xlsx read back by a real reader
# (openpyxl, Debian's python3-openpyxl), batch -o results.sqlite answering the queries of
# docs/results-sqlite.md (python3's sqlite3 module), and an interrupted batch leaving no database.
#
# Expected values, worked out by hand from examples/jiangmen-2024-keji-fazhan.json (seed 004): every indicator
# there earns full marks (产出 3.64 × 7 + 3.63 × 4, 效益 10 × 4; total 100, self total 100).  The copies below
# change one figure each, scored by rules/gd-project-20-40-40.rubric as min(actual / target, 1) × weight:
#   a 单位甲  unchanged                                            total 100  self 100  delta  0
#   b 单位乙  新增科技人才数量 2500人 of ≥5000人: 10 → 5             total  95  self 100  delta −5
#   c 单位丙  新增科技人才数量 2000人: 10 → 4; 培训人员满意度 45% of
#             ≥90%: 10 → 5                                         total  89  self 100  delta −11
#   d 单位丁  培训人员满意度 81%: 10 → 9                             total  99  self 100  delta −1
#   (line 5: not JSON — an error)
#   f 单位戊  新增科技人才数量 4000人: 10 → 8; self total 94         total  98  self  94  delta +4
# So "more than 5 points below the self total" is c alone (b is exactly 5 below), and the indicators short
# of full marks are 新增科技人才数量 in b, c, f (3 reports) and 培训人员满意度 in c, d (2).
set -u
bin=$(realpath "$1")
rubric=rules/gd-project-20-40-40.rubric
seed=examples/jiangmen-2024-keji-fazhan.json
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
# Debian's python3-openpyxl is for Debian's python3, which a python3 earlier on PATH may not be.
py=python3
$py -c 'import openpyxl' 2>/dev/null || py=/usr/bin/python3

# ---- run --format xlsx: the 评分表 of seed 004 ----------------------------------------------------------
"$bin" run $rubric $seed -o "$tmp/seed.xlsx" 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || no "run -o seed.xlsx: exit $st: $(cat "$tmp/err")"
$py - "$tmp/seed.xlsx" <<'PY' && ok || no "run xlsx content"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["评分表", "发现", "检查"], wb.sheetnames
ws = wb["评分表"]
rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
assert rows[0][0] == "科技发展管理经费 · 江门市科学技术局 · jiangmen-2024-keji-fazhan", rows[0]
assert rows[1][0] == "规则：广东省项目支出绩效自评（决策20/产出40/效益40）", rows[1]
assert rows[3] == ("一级指标", "二级指标", "三级指标", "指标值/目标", "实际", "分值", "自评分", "复核得分", "差异", "说明")
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
PY
# A score with no finite decimal (40/3, the rubric rounds only its total) keeps its exact text.
"$bin" run tests/cli/tables/thirds.rubric -f xlsx -o "$tmp/thirds.xlsx"
$py - "$tmp/thirds.xlsx" <<'PY' && ok || no "exact text for 40/3"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["评分表"]
rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
assert rows[4][2] == "甲" and rows[4][5] == 20 and rows[4][7] == "40/3", rows[4]
assert ws["H5"].data_type == "s"
assert rows[6][0] == "总分" and rows[6][5] == 40 and rows[6][7] == 26.67, rows[6]
PY
# Standard output that is not a terminal gets the same workbook; a terminal is refused, and -o is for xlsx.
"$bin" run $rubric $seed -f xlsx >"$tmp/stdout.xlsx"
$py -c 'import sys, openpyxl; assert openpyxl.load_workbook(sys.argv[1]).sheetnames[0] == "评分表"' \
  "$tmp/stdout.xlsx" && ok || no "xlsx to a pipe"
if command -v script >/dev/null; then
  script -qec "$bin run $rubric $seed -f xlsx" /dev/null >"$tmp/tty.out" 2>&1
  st=$?
  [ $st = 2 ] && grep -q 'not text for a terminal: give an output file, -o FILE.xlsx' "$tmp/tty.out" && ok ||
    no "xlsx to a terminal: exit $st: $(cat "$tmp/tty.out")"
fi
"$bin" run $rubric $seed -o "$tmp/x.txt" 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q -- '-o is for --format xlsx' "$tmp/err" && [ ! -e "$tmp/x.txt" ] && ok || no "-o with text: $st"
"$bin" batch $rubric $seed --format sqlite 2>"$tmp/err"
st=$?
[ $st = 2 ] && grep -q 'needs an output file: -o FILE.sqlite' "$tmp/err" && ok || no "sqlite without -o: $st"

# ---- batch: five reports and a bad line ------------------------------------------------------------------
$py - "$seed" "$tmp/in.jsonl" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
def copy(id, unit, actuals, self_total=100):
    r = json.loads(json.dumps(base))
    r["id"], r["unit"], r["self_total"] = id, unit, self_total
    for row in r["indicators"]:
        if row["name"] in actuals:
            row["actual"] = actuals[row["name"]]
    return json.dumps(r, ensure_ascii=False)
with open(sys.argv[2], "w") as f:
    print(copy("a", "单位甲", {}), file=f)
    print(copy("b", "单位乙", {"新增科技人才数量": "2500人"}), file=f)
    print(copy("c", "单位丙", {"新增科技人才数量": "2000人", "培训人员满意度": "45%"}), file=f)
    print(copy("d", "单位丁", {"培训人员满意度": "81%"}), file=f)
    print("{not json", file=f)
    print(copy("f", "单位戊", {"新增科技人才数量": "4000人"}, 94), file=f)
PY
"$bin" batch $rubric "$tmp/in.jsonl" -j 2 -q -o "$tmp/results.sqlite"
st=$?
[ $st = 3 ] && ok || no "batch -o results.sqlite with a bad line: exit $st, want 3"
$py - "$tmp/results.sqlite" <<'PY' && ok || no "sqlite content and documented queries"
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
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
PY
# The same batch as a workbook: one row per report (the bad line included), then all findings.
"$bin" batch $rubric "$tmp/in.jsonl" -j 1 -q -o "$tmp/results.xlsx"
$py - "$tmp/results.xlsx" <<'PY' && ok || no "batch xlsx content"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
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
PY

# ---- An interrupted batch leaves no database ----------------------------------------------------------------
# The reports come through a FIFO held open, so the batch is surely still running when it is stopped.  A
# database from an earlier batch stays as it was.
cp "$tmp/results.sqlite" "$tmp/old.sqlite"
for sig in TERM KILL; do
  cp "$tmp/old.sqlite" "$tmp/results.sqlite"
  rm -f "$tmp/new.sqlite" "$tmp/fifo"
  mkfifo "$tmp/fifo"
  "$bin" batch $rubric - -j 1 -o "$tmp/new.sqlite" <"$tmp/fifo" 2>"$tmp/sig.err" &
  pid=$!
  exec 3>"$tmp/fifo"
  head -4 "$tmp/in.jsonl" >&3
  for _ in $(seq 50); do ls "$tmp" | grep -q "^new.sqlite.partial.$pid\$" && break; sleep 0.1; done
  ls "$tmp" | grep -q "^new.sqlite.partial.$pid\$" && ok || no "SIG$sig: no temporary database while running"
  sleep 0.5
  kill -$sig $pid
  wait $pid
  st=$?
  exec 3>&-
  want=$((128 + $(kill -l $sig)))
  [ $st = $want ] && ok || no "SIG$sig: exit status $st, want $want"
  [ ! -e "$tmp/new.sqlite" ] && ok || no "SIG$sig left new.sqlite"
  if [ $sig = TERM ]; then
    ls "$tmp" | grep -q partial && no "SIGTERM: temporary database left behind" || ok
  fi
  rm -f "$tmp"/new.sqlite.partial.*
  # Stopping a batch to an existing database leaves that database as it was.
  "$bin" batch $rubric - -j 1 -o "$tmp/results.sqlite" <"$tmp/fifo" 2>/dev/null &
  pid=$!
  exec 3>"$tmp/fifo"
  head -2 "$tmp/in.jsonl" >&3
  for _ in $(seq 50); do ls "$tmp" | grep -q "^results.sqlite.partial.$pid\$" && break; sleep 0.1; done
  sleep 0.3
  kill -$sig $pid
  wait $pid
  exec 3>&-
  cmp -s "$tmp/results.sqlite" "$tmp/old.sqlite" && ok || no "SIG$sig changed the existing database"
  rm -f "$tmp"/results.sqlite.partial.*
done

echo "$pass passed, $fail failed"
[ $fail = 0 ]
