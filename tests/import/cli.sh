#!/usr/bin/env bash
# cli.sh RUBRIC_BIN — `rubric import` and `rubric run` on published reports, end to end.
#
# Usage errors and exit statuses (docs/cli.md), notes on standard error one per line as file:line: kind:
# message, -o and --jsonl, a PDF without pdftotext on PATH, text saved in GBK, text with no table, and `rubric
# run` taking a .txt directly, its import notes shown as findings, with the same result as on the JSON that
# `rubric import -o` wrote.  Expected values come from the fixtures' text (see check_variants.py).
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pass=0
fail=0
check() { if eval "$2"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $1"; fi; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=tests/import/fixtures

"$bin" import >/dev/null 2>"$tmp/err"; check "no file: exit 2" "[ $? = 2 ]"
"$bin" import --help >"$tmp/out"; check "--help: exit 0" "[ $? = 0 ]"
check "--help names -o and --jsonl" "grep -q -- '--jsonl' '$tmp/out' && grep -q -- '-o, --output' '$tmp/out'"
"$bin" import $fx/grid-ocr.txt $fx/flow-wrapped.txt >/dev/null 2>"$tmp/err"
check "two files without --jsonl: exit 2" "[ $? = 2 ] && grep -q 'use --jsonl' '$tmp/err'"
"$bin" import --bogus $fx/grid-ocr.txt >/dev/null 2>&1; check "unknown option: exit 2" "[ $? = 2 ]"
"$bin" import $fx/README.md >/dev/null 2>"$tmp/err"
check "a .md file: exit 4, says what it reads" "[ $? = 4 ] && grep -q 'expected a .txt' '$tmp/err'"
"$bin" import "$tmp/missing.txt" >/dev/null 2>"$tmp/err"
check "a missing file: exit 4" "[ $? = 4 ] && grep -q 'cannot open' '$tmp/err'"

# Notes: one per line on standard error, file:line: kind: message; none with -q.
"$bin" import $fx/grid-ocr.txt >"$tmp/g.json" 2>"$tmp/err"; check "grid-ocr: exit 0" "[ $? = 0 ]"
check "notes as file:line: kind: message" \
  "grep -qx '$fx/grid-ocr.txt:17: repaired: 得分「6, 67」按 6.67 读取（PDF 提取损坏了小数点）：请核对原件' '$tmp/err'"
check "every stderr line is a note" "! grep -v '^$fx/grid-ocr.txt[:]' '$tmp/err'"
"$bin" import -q $fx/grid-ocr.txt >/dev/null 2>"$tmp/err"; check "-q: nothing on stderr" "[ ! -s '$tmp/err' ]"

# -o and --jsonl.
"$bin" import -q $fx/grid-ocr.txt -o "$tmp/o.json" >"$tmp/out"
check "-o writes the file, nothing on stdout" "[ -s '$tmp/o.json' ] && [ ! -s '$tmp/out' ] && cmp -s '$tmp/o.json' '$tmp/g.json'"
"$bin" import -q --jsonl $fx/grid-ocr.txt $fx/flow-wrapped.txt >"$tmp/l.jsonl"
check "--jsonl: two lines, each a report" \
  "[ \$(wc -l <'$tmp/l.jsonl') = 2 ] && python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' '$tmp/l.jsonl'"
check "--jsonl: the ids are the file names" "grep -q '\"id\": \"grid-ocr\"' '$tmp/l.jsonl' && grep -q '\"id\": \"flow-wrapped\"' '$tmp/l.jsonl'"

# A PDF without pdftotext: a clear message.
mkdir "$tmp/bin"
printf 'x' >"$tmp/t.pdf"
PATH="$tmp/bin" "$bin" import "$tmp/t.pdf" >/dev/null 2>"$tmp/err"
check "no pdftotext: exit 4, names poppler-utils" "[ $? = 4 ] && grep -q 'poppler-utils' '$tmp/err'"
if command -v pdftotext >/dev/null; then
  "$bin" import "$tmp/t.pdf" >/dev/null 2>"$tmp/err"
  check "not a PDF: exit 4, says pdftotext could not read it" "[ $? = 4 ] && grep -q 'pdftotext could not read' '$tmp/err'"
fi

# GBK text: converted, the same report.
iconv -f UTF-8 -t GB18030 $fx/flow-wrapped.txt >"$tmp/flow-wrapped.txt"
"$bin" import -q "$tmp/flow-wrapped.txt" >"$tmp/gbk.json"
"$bin" import -q $fx/flow-wrapped.txt >"$tmp/utf8.json"
check "GBK text imports like its UTF-8" \
  "python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); [x.pop(\"imported\") for x in (a,b)]; [i.pop(\"source\") for x in (a,b) for i in x[\"indicators\"]]; sys.exit(a!=b)' '$tmp/gbk.json' '$tmp/utf8.json'"

# No table at all: a report all the same, with a note.
printf '部门整体支出绩效自评报告\n自评得分 88 分。\n' >"$tmp/prose.txt"
"$bin" import "$tmp/prose.txt" >"$tmp/p.json" 2>"$tmp/err"
check "no table: exit 0, total read, the note says so" \
  "[ $? = 0 ] && grep -q '\"self_total\": 88' '$tmp/p.json' && grep -q 'layout: 没有找到指标表' '$tmp/err'"

# A .txt that holds report JSON is read as that report, not imported.
cp examples/jiangmen-2024-keji-fazhan.json "$tmp/report.txt"
"$bin" run rules/gd-project-20-40-40.rubric "$tmp/report.txt" --format json >"$tmp/rj.json" 2>"$tmp/err"
check "a .txt holding JSON scores as the JSON (100.00, its own id)" \
  "[ $? = 0 ] && python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not (r[\"total\"]==100 and r[\"id\"]==\"jiangmen-2024-keji-fazhan\"))' '$tmp/rj.json'"

# rubric run on the text: the import's notes are findings; the same result as on the JSON it writes.
"$bin" run rules/gd-project-20-40-40.rubric $fx/grid-ocr.txt --format json >"$tmp/r1.json" 2>"$tmp/err"
check "run on a .txt: exit 0" "[ $? = 0 ]"
check "run: a repaired score is a note finding with file:line" \
  "python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(not any(f[\"kind\"]==\"note\" and \"grid-ocr.txt:17\" in f[\"message\"] and \"6, 67\" in f[\"message\"] for f in r[\"findings\"]))' '$tmp/r1.json'"
"$bin" run rules/gd-project-20-40-40.rubric "$tmp/g.json" --format json >"$tmp/r2.json" 2>/dev/null
check "run on the text = run on the JSON import wrote" \
  "python3 -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); sys.exit(not (a[\"total\"]==b[\"total\"] and a[\"tree\"]==b[\"tree\"] and len(a[\"findings\"])==len(b[\"findings\"])))' '$tmp/r1.json' '$tmp/r2.json'"
"$bin" run rules/mof-2020-project-self.rubric $fx/raw-slips.txt >"$tmp/r3.txt" 2>&1
check "run: the row a damaged number broke is an unscored finding" "grep -q '\[unscored\].*凑不成完整的一行' '$tmp/r3.txt'"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
