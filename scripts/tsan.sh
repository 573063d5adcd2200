#!/usr/bin/env bash
# tsan.sh [REPORTS] — build rubric with ThreadSanitizer (in build-tsan) and run the batch tests under it: the
# CTest batch test (tests/cli/batch.sh: -j 1, 2 and 7, bad lines, directories, stdin, signals), then
# `rubric batch -j 4` on REPORTS copies of a seed report (default 2000) and of a CSV table, whose output must
# equal the one thread's.  Fails on any data race or other ThreadSanitizer report (it stops the program with
# exit 66) and on any difference.  Not part of scripts/test.sh: it builds a third tree; run it after changing
# cli/batch.c or anything the batch's threads share (tests/README.md, tsan).
set -euo pipefail
cd "$(dirname "$0")/.."
reports=${1:-2000}
dir=build-tsan

# Link-time optimisation off: ThreadSanitizer wants the plain build.  Only the command is built: the batch
# tests need nothing else.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DRUBRIC_LTO=OFF \
  -DCMAKE_C_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build "$dir" -j "$(nproc)" --target rubric >/dev/null
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"

pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }

(cd "$dir" && ctest --output-on-failure -R '^cli_batch$') && ok || no "cli_batch under ThreadSanitizer"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/in.jsonl" "$reports" <<'PY'
import json, sys
r = json.load(open("examples/jiangmen-2024-keji-fazhan.json"))
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        r["id"] = "r%05d" % i
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
PY
mkdir "$tmp/dir"
for i in 1 2 3 4 5 6 7 8; do cp examples/jiangmen-2024-keji-fazhan.csv "$tmp/dir/t$i.csv"; done
bin=$dir/rubric
rubric=rules/gd-project-20-40-40.rubric
for input in "$tmp/in.jsonl" "$tmp/dir"; do
  st1=0
  st4=0
  "$bin" batch $rubric "$input" -j 1 -q -o "$tmp/j1.csv" 2>"$tmp/j1.err" || st1=$?
  "$bin" batch $rubric "$input" -j 4 -q -o "$tmp/j4.csv" 2>"$tmp/j4.err" || st4=$?
  if grep -q ThreadSanitizer "$tmp/j4.err" "$tmp/j1.err"; then
    no "batch -j 4 on $(basename "$input"): ThreadSanitizer reports"
    head -60 "$tmp/j4.err"
  elif [ "$st4" != "$st1" ] || ! cmp -s "$tmp/j1.csv" "$tmp/j4.csv"; then
    no "batch -j 4 on $(basename "$input"): exit $st4 and output differ from -j 1 (exit $st1)"
  else
    ok
  fi
done
echo "tsan: $pass passed, $fail failed"
[ "$fail" = 0 ]
