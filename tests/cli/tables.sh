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
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
# Debian's python3-openpyxl is for Debian's python3, which a python3 earlier on PATH may not be.
py=/usr/bin/python3
[ -x $py ] || py=python3

# ---- run --format xlsx: the 评分表 of seed 004 ----------------------------------------------------------
"$bin" run $rubric $seed -o "$tmp/seed.xlsx" 2>"$tmp/err"
st=$?
[ $st = 0 ] && ok || no "run -o seed.xlsx: exit $st: $(cat "$tmp/err")"
# A score with no finite decimal (40/3, the rubric rounds only its total) keeps its exact text.
"$bin" run tests/cli/tables/thirds.rubric -f xlsx -o "$tmp/thirds.xlsx"
# Standard output that is not a terminal gets the same workbook; a terminal is refused, and -o is for xlsx.
"$bin" run $rubric $seed -f xlsx >"$tmp/stdout.xlsx"
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
# The same batch as a workbook: one row per report (the bad line included), then all findings.
"$bin" batch $rubric "$tmp/in.jsonl" -j 1 -q -o "$tmp/results.xlsx"

# ---- Everything above, read back ---------------------------------------------------------------------
$py "$(dirname "$0")/tables_check.py" "$tmp" >"$tmp/check.out" 2>&1
st=$?
n=$(grep -c '^ok:' "$tmp/check.out")
pass=$((pass + n))
[ $st = 0 ] && [ $n = 6 ] || no "read back: $st checks failed: $(cat "$tmp/check.out")"

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
  wait $pid 2>/dev/null
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
  wait $pid 2>/dev/null
  exec 3>&-
  cmp -s "$tmp/results.sqlite" "$tmp/old.sqlite" && ok || no "SIG$sig changed the existing database"
  rm -f "$tmp"/results.sqlite.partial.*
done

# Round trip: a published table imported, scored and written as a 评分表, then imported again, gives back every
# indicator row as published — 一级/二级/三级指标, 指标值, 实际完成值, 分值 and 自评分 (huoqiu's national table as
# .xlsx, ../shared/cases/docs: 8 rows).  The sheet's own columns (复核得分, 差异, 说明) are rubric's result, read as
# known and not report data; the 评分表 holds no budget amounts, unit or title, so those are not compared.
docs=../shared/cases/docs/huoqiu-2022-kjtpy
if [ -f "$docs/table.xlsx" ]; then
  "$bin" import -q "$docs/table.xlsx" -o "$tmp/orig.json" 2>/dev/null
  "$bin" run rules/mof-2020-project-self.rubric "$docs/table.xlsx" --format xlsx -o "$tmp/rt.xlsx" 2>/dev/null
  st=$?
  [ $st = 0 ] && ok || no "round trip: run --format xlsx exit $st"
  "$bin" import -q "$tmp/rt.xlsx" -o "$tmp/back.json" 2>/dev/null
  python3 - "$tmp/orig.json" "$tmp/back.json" <<'PY' && ok || no "round trip: the indicator rows differ"
import json, sys
def rows(path):
    r = json.load(open(path))
    return [tuple(i.get(k) for k in ("level1", "level2", "name", "target", "actual", "weight", "self_score"))
            for i in r.get("indicators", [])]
a, b = rows(sys.argv[1]), rows(sys.argv[2])
if len(a) != 8 or a != b:
    print(len(a), len(b))
    for x, y in zip(a, b):
        if x != y:
            print("published:", x, "\nread back:", y)
    sys.exit(1)
PY
else
  no "round trip: $docs/table.xlsx is missing (../shared beside the checkout)"
fi

check_done
