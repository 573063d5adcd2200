#!/usr/bin/env bash
# run.sh RUBRIC_BIN — the golden tests: rubric files with their expected output beside them.
#
# Every NAME.rubric under tests/golden (except the helper files under lib/ folders, which
# cases import) is one case.  Header lines anywhere in the file say how to run it:
#
#   // args: run --format json {} tests/golden/reports/small.json
#   // exit: 3
#
# `args` are the rubric command's arguments, split at spaces, with {} replaced by the case's
# own path; paths are relative to the project root, where every case runs (default: check {}).
# `exit` is the expected exit status (default 0).  NAME.out holds the exact expected standard
# output and NAME.err the exact expected standard error; both must exist, possibly empty.
# Cases run with NO_COLOR=1, so diagnostics carry no colour codes.
#
# The runner also checks that docs/language.md only shows examples that run: each block
# fenced as ```rubric must equal a case under tests/golden/doc/ (minus its header lines).
#
# Prints each failure with a unified diff and ends with "N passed, N failed"; exits 1 if any
# case failed.
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 RUBRIC_BIN" >&2
  exit 2
fi
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 2
export NO_COLOR=1 LC_ALL=C.UTF-8
# The cases import their shared files from tests/golden/lib, a folder beside theirs: the import path allows it.
export RUBRIC_PATH=$PWD/tests/golden/lib
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

# The value of header NAME in FILE ("" when absent).
header() {
  sed -n "s|^// $1: *||p" "$2" | head -n 1
}

failed() { # CASE WHAT
  echo "FAIL $1: $2"
  fail=$((fail + 1))
}

while IFS= read -r case; do
  base=${case%.rubric}
  args=$(header args "$case")
  [ -n "$args" ] || args="check {}"
  want_exit=$(header exit "$case")
  [ -n "$want_exit" ] || want_exit=0
  if [ ! -f "$base.out" ] || [ ! -f "$base.err" ]; then
    failed "$case" "missing $base.out or $base.err (both must exist, possibly empty)"
    continue
  fi
  read -r -a argv <<<"${args//\{\}/$case}"
  "$bin" "${argv[@]}" >"$tmp/out" 2>"$tmp/err"
  got_exit=$?
  ok=1
  if [ "$got_exit" != "$want_exit" ]; then
    [ $ok = 1 ] && echo "FAIL $case (rubric $args)"
    echo "  exit status $got_exit, expected $want_exit"
    ok=0
  fi
  for stream in out err; do
    if ! cmp -s "$base.$stream" "$tmp/$stream"; then
      [ $ok = 1 ] && echo "FAIL $case (rubric $args)"
      diff -u --label "expected $base.$stream" --label "got" "$base.$stream" "$tmp/$stream" | sed 's/^/  /'
      ok=0
    fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < <(find tests/golden -name '*.rubric' -not -path '*/lib/*' | LC_ALL=C sort)

# Every ```rubric block of docs/language.md is a case under tests/golden/doc/.
doc=docs/language.md
if [ -f "$doc" ]; then
  for f in tests/golden/doc/*.rubric; do
    [ -f "$f" ] || continue
    grep -v -e '^// args:' -e '^// exit:' "$f" >"$tmp/case.$(basename "$f")"
  done
  awk -v dir="$tmp" '
    /^```rubric[ \t]*$/ { inside = 1; n++; start[n] = NR + 1; file = dir "/block." n; printf "" > file; next }
    /^```/ && inside { inside = 0; close(file); next }
    inside { print > file }
    END { for (i = 1; i <= n; i++) print i, start[i] > (dir "/blocks") }
  ' "$doc"
  if [ -f "$tmp/blocks" ]; then
    while read -r n line; do
      found=0
      for c in "$tmp"/case.*; do
        [ -f "$c" ] || continue
        if cmp -s "$tmp/block.$n" "$c"; then found=1; break; fi
      done
      if [ $found = 1 ]; then pass=$((pass + 1)); else failed "$doc:$line" "this rubric example is not a case in tests/golden/doc/"; fi
    done <"$tmp/blocks"
  fi
fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
