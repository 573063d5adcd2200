#!/usr/bin/env bash
# files.sh RUBRIC_BIN — how rubric reads and writes files (base/file.h): what is not a regular file is refused
# without blocking, outputs appear only when complete, and a write that fails is an exit status 4 with a message.
# Every expected message is written out in full below; the reasons are the C library's (strerror).
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
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

echo "$pass passed, $fail failed"
[ $fail = 0 ]
