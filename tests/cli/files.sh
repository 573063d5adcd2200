#!/usr/bin/env bash
# files.sh RUBRIC_BIN — how rubric reads and writes files (base/file.h): what is not a regular file is refused
# without blocking, and a write that fails is exit status 4 with a message, for every command.
# Every expected message is written out in full below; the reasons are the C library's (strerror).
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
# expect NAME STATUS STDERR_FILE EXPECTED_STDERR: the exit status and the whole of standard error.
expect() {
  local name=$1 want=$2 got=$3 errfile=$4 text=$5
  [ "$got" = "$want" ] && ok || no "$name: exit status $got, want $want"
  [ "$(cat "$errfile")" = "$text" ] && ok || no "$name: standard error was: $(cat "$errfile")"
}

# ---- Reading: a named pipe is refused at once (it used to block forever), a directory is named as one.
mkfifo "$tmp/pipe.rubric"
printf 'import "pipe.rubric"\nsection 甲 100 { item 乙 100 = 100 }\n' >"$tmp/main.rubric"
(cd "$tmp" && NO_COLOR=1 timeout 10 "$bin" check main.rubric) >/dev/null 2>"$tmp/err"
expect "import of a FIFO" 1 $? "$tmp/err" "main.rubric:1:1: error: cannot read pipe.rubric: not a regular file
 1 | import \"pipe.rubric\"
   | ^~~~~~~~~~~~~~~~~~~~
main.rubric: 1 error, 0 warnings"
timeout 10 "$bin" run "$tmp/pipe.rubric" >/dev/null 2>"$tmp/err"
expect "run of a FIFO" 4 $? "$tmp/err" "rubric run: cannot read $tmp/pipe.rubric: not a regular file"
"$bin" disasm "$tmp" >/dev/null 2>"$tmp/err"
expect "disasm of a directory" 4 $? "$tmp/err" "rubric disasm: cannot read $tmp: Is a directory"

# ---- Writing: every command checks what it wrote.  /dev/full fails every write with ENOSPC, as a full disk does;
# each command says so once and exits 4 (it used to exit 0 for run, check and disasm).
rubric=rules/gd-project-20-40-40.rubric
report=examples/jiangmen-2024-keji-fazhan.json
full="cannot write standard output: No space left on device"
"$bin" run $rubric $report >/dev/full 2>"$tmp/err"
expect "run > /dev/full" 4 $? "$tmp/err" "rubric run: $full"
# Several reports in JSON: the run stops at the first that cannot be written (each result is larger than the
# output buffer), so the missing report at the end is never reached and never reported.
"$bin" run $rubric $report $report $report --format json "$tmp/missing.json" >/dev/full 2>"$tmp/err"
expect "run --format json > /dev/full" 4 $? "$tmp/err" "rubric run: $full"
"$bin" check $rubric >/dev/full 2>"$tmp/err"
expect "check > /dev/full" 4 $? "$tmp/err" "rubric check: $full"
"$bin" disasm $rubric >/dev/full 2>"$tmp/err"
expect "disasm > /dev/full" 4 $? "$tmp/err" "rubric disasm: $full"
"$bin" value 110次以上 >/dev/full 2>"$tmp/err"
expect "value > /dev/full" 4 $? "$tmp/err" "rubric value: $full"
"$bin" --help >/dev/full 2>"$tmp/err"
expect "--help > /dev/full" 4 $? "$tmp/err" "rubric: $full"
# A rubric with errors still wins over the lost output (docs/cli.md: 1 before 4).
printf 'section 甲 100 { item 乙 100 = 未知 }\n' >"$tmp/wrong.rubric"
NO_COLOR=1 "$bin" check -q "$tmp/wrong.rubric" $rubric >/dev/full 2>/dev/null
[ $? = 1 ] && ok || no "check of a wrong rubric > /dev/full: want 1"
# batch: a "cannot write" line, then a summary that says it stopped, how far, and that the output is incomplete —
# not that every report was scored — to standard output and to -o alike.
python3 - "$tmp/many.jsonl" "$report" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
with open(sys.argv[1], "w") as f:
    for i in range(2000):
        r["id"] = "r%04d" % i
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
for target in stdout /dev/full; do
  if [ $target = stdout ]; then
    "$bin" batch $rubric "$tmp/many.jsonl" -j 1 >/dev/full 2>"$tmp/err"
    st=$?
    name="standard output"
  else
    "$bin" batch $rubric "$tmp/many.jsonl" -j 2 -q -o /dev/full 2>"$tmp/err"
    st=$?
    name=/dev/full
  fi
  [ $st = 4 ] && ok || no "batch to $target: exit status $st, want 4"
  [ "$(sed -n 1p "$tmp/err")" = "rubric batch: cannot write $name: No space left on device" ] && ok ||
    no "batch to $target: first line $(sed -n 1p "$tmp/err")"
  sed -n 2p "$tmp/err" | grep -Eq '^stopped: [0-9]+ reports read, [0-9]+ scored, 0 failed, [0-9]+ challenged in ' &&
    ok || no "batch to $target: summary $(sed -n 2p "$tmp/err")"
  sed -n 2p "$tmp/err" | grep -q ' 2000 scored' && no "batch to $target claims every report scored" || ok
  sed -n 3p "$tmp/err" | grep -Eq '^stopped after [0-9]+ reports in input order; the output is incomplete$' && ok ||
    no "batch to $target: last line $(sed -n 3p "$tmp/err")"
  [ "$(wc -l <"$tmp/err")" = 3 ] && ok || no "batch to $target: $(cat "$tmp/err")"
done
# compile -o: a folder that does not exist is 4 with the reason; a compile that works leaves the .rbc alone, no
# temporary file beside it.
"$bin" compile $rubric -o "$tmp/no/x.rbc" 2>"$tmp/err"
expect "compile -o into a missing folder" 4 $? "$tmp/err" \
  "rubric compile: cannot write $tmp/no/x.rbc: No such file or directory"
mkdir "$tmp/rbc"
"$bin" compile $rubric -o "$tmp/rbc/x.rbc" 2>"$tmp/err"
expect "compile -o" 0 $? "$tmp/err" ""
[ "$(ls "$tmp/rbc")" = x.rbc ] && ok || no "compile -o left: $(ls "$tmp/rbc")"
# Writing that works is unchanged: nothing on standard error, status 0.
"$bin" value 110次以上 >"$tmp/out" 2>"$tmp/err"
expect "value to a file" 0 $? "$tmp/err" ""

check_done
