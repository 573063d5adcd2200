#!/usr/bin/env bash
# batch.sh RUBRIC_BIN — rubric batch: order, threads, bad lines, directories, stdin, atomic output, Ctrl-C, SIGTERM
# and SIGHUP.
# Expected values: every copy of the seed-004 report scores 100.00 (see tests/seeds/check_seeds.py); the bad
# lines below are wrong by construction, and their messages name the file:line and the JSON path.  Every
# copy is challenged: its funds arrived 132.65 of 165.52 万元 (80.14%), a failed check (rules/checks.rubric).
set -u
bin=$1
rubric=rules/gd-project-20-40-40.rubric
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"

# 500 copies of the seed-004 report with distinct ids, two bad lines among them.
python3 - "$tmp/in.jsonl" <<'PY'
import json, sys
r = json.load(open("examples/jiangmen-2024-keji-fazhan.json"))
with open(sys.argv[1], "w") as f:
    for i in range(500):
        r["id"] = "r%03d" % i
        r["self_total"] = 100 if i % 10 else 99
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
        if i == 4:
            f.write('{"id": "bad-type", "indicators": [{"name": 3, "target": "1次"}]}\n')
        if i == 9:
            f.write("{not json\n")
PY

"$bin" batch $rubric "$tmp/in.jsonl" -j 1 -o "$tmp/j1.csv" 2>"$tmp/err1"
st=$?
[ $st = 3 ] && ok || no "exit status $st with failed lines, want 3"
[ "$(wc -l <"$tmp/j1.csv")" = 503 ] && ok || no "want header + 502 rows, got $(wc -l <"$tmp/j1.csv")"
grep -q 'in.jsonl:6: report bad-type: $.indicators\[0\].name: expected text' "$tmp/err1" && ok || no "message for line 6"
grep -q 'in.jsonl:12:2: invalid JSON' "$tmp/err1" && ok || no "message for line 12"
grep -q '502 reports read, 500 scored, 2 failed, 500 challenged' "$tmp/err1" && ok || no "summary: $(tail -1 "$tmp/err1")"
sed -n 2p "$tmp/j1.csv" | grep -q '^r000,江门市科学技术局,科技发展管理经费,2024,100.00,优,99,1.00,' && ok || no "first row"
sed -n 7p "$tmp/j1.csv" | grep -q '^.*in.jsonl:6,.*,error,' && ok || no "error row in place: $(sed -n 7p "$tmp/j1.csv")"
# Order and content do not depend on the number of threads.
"$bin" batch $rubric "$tmp/in.jsonl" -j 2 -q -o "$tmp/j2.csv"
"$bin" batch $rubric "$tmp/in.jsonl" -j 7 -q -o "$tmp/j7.csv"
cmp -s "$tmp/j1.csv" "$tmp/j2.csv" && ok || no "-j 2 differs from -j 1"
cmp -s "$tmp/j1.csv" "$tmp/j7.csv" && ok || no "-j 7 differs from -j 1"
# jsonl: the run --format json object per line; error lines as {"id", "error"}.
"$bin" batch $rubric "$tmp/in.jsonl" --format jsonl -q >"$tmp/out.jsonl"
python3 - "$tmp/out.jsonl" <<'PY' && ok || no "jsonl content"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 502
assert rows[0]["id"] == "r000" and rows[0]["total"] == 100.0 and rows[0]["grade"] == "优"
assert "error" in rows[5] and "bad-type" in rows[5]["error"]
assert all(r["total"] == 100.0 for r in rows if "error" not in r)
PY
# --strict: reports whose self total is 99 (delta 1.00) are challenged.
"$bin" batch $rubric "$tmp/in.jsonl" -q --strict >/dev/null
[ $? = 3 ] && ok || no "--strict with failed lines still exits 3"
head -1 "$tmp/in.jsonl" >"$tmp/one.jsonl"
"$bin" batch $rubric "$tmp/one.jsonl" -q --strict >/dev/null
[ $? = 5 ] && ok || no "--strict exits 5 on a challenged report"
# Every way of ending early frees what was made, the native allowance included (under the ASan build the leak
# checker would turn these statuses into 23): a wrong -j, an unknown format, a rubric that does not compile, an
# output that cannot be opened — each after --allow-native.
"$bin" batch $rubric "$tmp/one.jsonl" --allow-native libx.so -j 0 2>"$tmp/err"
st=$?
[ $st = 2 ] && [ "$(cat "$tmp/err")" = "rubric batch: -j needs a number of threads from 1 to 256" ] && ok ||
  no "-j 0 after --allow-native: status $st, $(cat "$tmp/err")"
"$bin" batch $rubric "$tmp/one.jsonl" --allow-native libx.so --format xml 2>"$tmp/err"
st=$?
[ $st = 2 ] && [ "$(cat "$tmp/err")" = "rubric batch: unknown format xml (csv, jsonl, html, xlsx or sqlite)" ] && ok ||
  no "--format xml after --allow-native: status $st, $(cat "$tmp/err")"
printf 'section 甲 100 { item 乙 100 = 未知 }\n' >"$tmp/wrong.rubric"
"$bin" batch "$tmp/wrong.rubric" "$tmp/one.jsonl" --allow-native libx.so 2>"$tmp/err"
st=$?
[ $st = 1 ] && [ "$(tail -1 "$tmp/err")" = "rubric batch: $tmp/wrong.rubric: 1 error in the rubric" ] && ok ||
  no "wrong rubric after --allow-native: status $st, $(tail -1 "$tmp/err")"
"$bin" batch $rubric "$tmp/one.jsonl" --allow-native libx.so -o "$tmp/no/out.csv" 2>"$tmp/err"
st=$?
[ $st = 4 ] && [ "$(cat "$tmp/err")" = "rubric batch: cannot write $tmp/no/out.csv: No such file or directory" ] &&
  ok || no "-o in a missing folder: status $st, $(cat "$tmp/err")"
# Standard input and directories.
sed -n 2,3p "$tmp/in.jsonl" | "$bin" batch $rubric - -q >"$tmp/stdin.csv"
[ "$(wc -l <"$tmp/stdin.csv")" = 3 ] && ok || no "stdin"
"$bin" batch $rubric examples -q >"$tmp/dir.csv"
grep -q '^jiangmen-2023-dept,江门市科学技术局,江门市科学技术局,2023,94.74,优,98.77,-4.03,' "$tmp/dir.csv" && ok || no "directory"
# Ctrl-C: no output file that looks finished, and a word on how far it got.
python3 - "$tmp/big.jsonl" "$tmp/in.jsonl" <<'PY'
import sys
line = open(sys.argv[2]).readline()
with open(sys.argv[1], "w") as f:
    for i in range(400000):
        f.write(line)
PY
# A signal is sent once the batch has its temporary file, and so its handlers: a slow build (ThreadSanitizer's,
# scripts/tsan.sh) can take more than a second to get there, and a SIGINT before them would be lost (a job
# started with & in a script begins with SIGINT ignored).
wait_partial() {
  for _ in $(seq 1 600); do
    ls "$tmp" | grep -q "^big.csv.partial.$1\$" && return 0
    sleep 0.1
  done
  return 1
}
"$bin" batch $rubric "$tmp/big.jsonl" -j 2 -o "$tmp/big.csv" 2>"$tmp/int.err" &
pid=$!
sleep 1
wait_partial $pid || no "Ctrl-C: no temporary file big.csv.partial.$pid after 60 s"
kill -INT $pid
wait $pid
st=$?
[ $st = 130 ] && ok || no "Ctrl-C exit status $st, want 130"
[ ! -e "$tmp/big.csv" ] && ok || no "an interrupted batch left $tmp/big.csv"
ls "$tmp" | grep -q partial && no "temporary file left behind" || ok
grep -q 'interrupted: ' "$tmp/int.err" && grep -q 'the output file was not written' "$tmp/int.err" && ok ||
  no "interrupt message: $(cat "$tmp/int.err")"
# SIGTERM (what timeout, systemd and container runtimes send) and SIGHUP do the same, exiting 128 + the signal's
# number: 143 and 129.  The temporary file exists while the batch runs, and is gone after.
for sig in TERM HUP; do
  "$bin" batch $rubric "$tmp/big.jsonl" -j 2 -o "$tmp/big.csv" 2>"$tmp/sig.err" &
  pid=$!
  sleep 1
  wait_partial $pid && ok || no "SIG$sig: no temporary file big.csv.partial.$pid while running"
  kill -$sig $pid
  wait $pid
  st=$?
  want=$((128 + $(kill -l $sig)))
  [ $st = $want ] && ok || no "SIG$sig: exit status $st, want $want"
  [ ! -e "$tmp/big.csv" ] && ok || no "SIG$sig left $tmp/big.csv"
  ls "$tmp" | grep -q partial && no "SIG$sig: temporary file left behind" || ok
  grep -q '^interrupted: ' "$tmp/sig.err" &&
    grep -Eq '^stopped after [0-9]+ reports in input order; the output file was not written$' "$tmp/sig.err" && ok ||
    no "SIG$sig message: $(cat "$tmp/sig.err")"
done
# The same through timeout(1), with -j 1 (no threads: the main thread scores, and still notices).
timeout --preserve-status -s TERM 1 "$bin" batch $rubric "$tmp/big.jsonl" -j 1 -o "$tmp/big.csv" 2>"$tmp/sig.err"
st=$?
[ $st = 143 ] && ok || no "timeout -s TERM: exit status $st, want 143"
[ ! -e "$tmp/big.csv" ] && ! ls "$tmp" | grep -q partial && ok || no "timeout -s TERM left a file"

# CSV quoting: a field with a comma, a quote or a line break is quoted, its quotes doubled; the row goes on
# after the quoted line break.  The report is seed-004's (100.00, no point lost) with a self total of 99: the
# total's difference, 1 point, is the largest stake.
python3 - "$tmp/quote.jsonl" <<'PY'
import json, sys
r = json.load(open("examples/jiangmen-2024-keji-fazhan.json"))
r["id"] = 'q,"1"'
r["unit"] = "甲\n乙"
r["self_total"] = 99
open(sys.argv[1], "w").write(json.dumps(r, ensure_ascii=False) + "\n")
PY
"$bin" batch $rubric "$tmp/quote.jsonl" -q >"$tmp/quote.csv"
[ "$(sed -n 2p "$tmp/quote.csv")" = '"q,""1""","甲' ] &&
  sed -n 3p "$tmp/quote.csv" | grep -qx '乙",科技发展管理经费,2024,100.00,优,99,1.00,[0-9]*,自评 99.00 分，复核 100.00 分，相差 +1.00 分,,challenged,' &&
  ok || no "quoted fields: $(sed -n 2,3p "$tmp/quote.csv")"

# OUT that is not a regular file is written to, never replaced (a rename over /dev/null as root would
# turn the device into a file).  A FIFO stands in for it here.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
"$bin" batch $rubric "$tmp/one.jsonl" -q -o "$tmp/fifo"
st=$?
wait $reader
[ $st = 0 ] && [ -p "$tmp/fifo" ] && [ "$(wc -l <"$tmp/fifo.out")" = 2 ] && ok || no "-o to a FIFO: status $st"
ls "$tmp" | grep -q partial && no "temporary file left beside the FIFO" || ok

# A directory: every file is read or named.  .json/.JSON are single reports, .jsonl/.ndjson JSON Lines, .csv
# tables (.txt/.pdf/.xlsx/.docx are published reports, imported: tests/import); any other file, and a folder inside, is named on standard error and counted in the summary; hidden
# files (.name) are passed over.  A report id seen before is scored and said (here: r000 comes twice).
mkdir -p "$tmp/dir/sub"
cp examples/jiangmen-2024-keji-fazhan.json "$tmp/dir/A.JSON"
head -3 "$tmp/in.jsonl" >"$tmp/dir/b.jsonl"
head -1 "$tmp/in.jsonl" >"$tmp/dir/c.NDJSON"
echo "notes" >"$tmp/dir/readme.md"
echo "x" >"$tmp/dir/.hidden"
"$bin" batch $rubric "$tmp/dir" -o "$tmp/dir.csv" 2>"$tmp/dir.err"
st=$?
[ $st = 0 ] && ok || no "directory: exit status $st, want 0"
[ "$(cut -d, -f1 "$tmp/dir.csv" | tr '\n' ' ')" = "id jiangmen-2024-keji-fazhan r000 r001 r002 r000 " ] && ok ||
  no "directory rows: $(cut -d, -f1 "$tmp/dir.csv" | tr '\n' ' ')"
grep -qx "rubric batch: $tmp/dir/readme.md: not read: not a report file (.json, .jsonl, .csv, or a published .txt, .pdf, .xlsx, .docx)" "$tmp/dir.err" &&
  ok || no "readme.md not named: $(cat "$tmp/dir.err")"
grep -qx "rubric batch: $tmp/dir/sub: not read: a folder inside the input folder (give it as an input of its own)" \
  "$tmp/dir.err" && ok || no "sub not named"
grep -q 'hidden' "$tmp/dir.err" && no "a hidden file named" || ok
grep -qx "rubric batch: $tmp/dir/c.NDJSON:1: report id \"r000\" appears again in this batch" "$tmp/dir.err" && ok ||
  no "duplicate id not named: $(cat "$tmp/dir.err")"
grep -Eq '^5 reports read, 5 scored, 0 failed, 5 challenged in ' "$tmp/dir.err" && ok || no "directory summary"
grep -qx '2 files in the input folders not read (named above)' "$tmp/dir.err" && ok || no "skipped files count"
grep -qx '1 report with an id already used earlier in the batch (named above)' "$tmp/dir.err" && ok ||
  no "duplicate count"

# A file that cannot be read to its end is said, counted and not taken for an empty file: /proc/self/mem
# opens, and its first read fails (EIO), as a damaged disk or a network share gone away would.
ln -s /proc/self/mem "$tmp/unreadable.jsonl"
"$bin" batch $rubric "$tmp/unreadable.jsonl" "$tmp/dir/b.jsonl" -o "$tmp/unreadable.csv" 2>"$tmp/unreadable.err"
st=$?
[ $st = 3 ] && ok || no "unreadable file: exit status $st, want 3"
grep -qx "rubric batch: cannot read $tmp/unreadable.jsonl after line 0: Input/output error" "$tmp/unreadable.err" && ok ||
  no "read error not said: $(cat "$tmp/unreadable.err")"
grep -qx '1 input file could not be read, or not to the end (named above)' "$tmp/unreadable.err" && ok ||
  no "read error not counted"
[ "$(cut -d, -f1 "$tmp/unreadable.csv" | tr '\n' ' ')" = "id r000 r001 r002 " ] && ok || no "the readable file not scored"

# Import notes of a JSON line are named by file:line, not by the line's text.
python3 - "$tmp/in.jsonl" "$tmp/noted.jsonl" <<'PY'
import json, sys
r = json.loads(open(sys.argv[1], encoding="utf-8").readline())
r["imported"] = {"from": "报告.pdf", "notes": [{"where": "报告.pdf:3", "kind": "note", "message": "第 3 行得分按 6.67 读取"}]}
open(sys.argv[2], "w", encoding="utf-8").write("\n" + json.dumps(r, ensure_ascii=False) + "\n")
PY
"$bin" batch $rubric "$tmp/noted.jsonl" >/dev/null 2>"$tmp/noted.err"
grep -qx "rubric batch: $tmp/noted.jsonl:2: 1 import note (findings of the report; \`rubric import\` prints them)" \
  "$tmp/noted.err" && ok || no "import notes not named by file:line: $(cat "$tmp/noted.err")"

check_done
