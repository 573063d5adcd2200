#!/usr/bin/env bash
# run.sh RUBRIC_BIN — code-shape tests: what instructions the compiler emits for a snippet.
#
# Each case is NAME.rubric with NAME.ops beside it.  NAME.ops lists, one per line, the opcode
# names of every function of the compiled program in the order `rubric disasm` prints them,
# operands stripped, with the disassembler's function headers ("== main ==",
# "== fn 倍 (arity 1) ==") between functions.  Lines starting with # and blank lines in NAME.ops
# are comments.  The runner disassembles NAME.rubric, keeps the headers and the opcode column,
# and compares; a difference is printed as a unified diff.  Ends with "N passed, N failed" and
# exits 1 if any case failed.
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 RUBRIC_BIN" >&2
  exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 2
export NO_COLOR=1 LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

for case in tests/codeshape/*.rubric; do
  ops=${case%.rubric}.ops
  if [ ! -f "$ops" ]; then
    echo "FAIL $case: no $ops"
    fail=$((fail + 1))
    continue
  fi
  if ! "$bin" disasm "$case" >"$tmp/disasm" 2>"$tmp/err"; then
    echo "FAIL $case: rubric disasm failed:"
    sed 's/^/  /' "$tmp/err"
    fail=$((fail + 1))
    continue
  fi
  # Instruction lines are "OFFSET LINE|'|' OPCODE operands…"; keep the opcode.
  awk '/^== .* ==$/ { print; next }
       /^[0-9][0-9][0-9][0-9]+ +([0-9]+|\|) +[A-Z_]+/ { print $3 }' "$tmp/disasm" >"$tmp/got"
  grep -v -e '^#' -e '^[[:space:]]*$' "$ops" >"$tmp/want"
  if cmp -s "$tmp/want" "$tmp/got"; then
    pass=$((pass + 1))
  else
    echo "FAIL $case"
    diff -u --label "expected $ops" --label "got (rubric disasm $case)" "$tmp/want" "$tmp/got" | sed 's/^/  /'
    fail=$((fail + 1))
  fi
done

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
