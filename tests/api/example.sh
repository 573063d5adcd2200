#!/usr/bin/env bash
# example.sh EXAMPLE_BIN RUBRIC_BIN — the host program of include/rubric.h's opening comment (built from the header
# itself, see CMakeLists.txt) runs and prints what `rubric run` prints for the same rubric and report: the seed-004
# report scores 100.00 (tests/seeds/check_seeds.py).
set -u
example=$1
bin=$2
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
"$example" >"$tmp/example.out" 2>"$tmp/example.err"
st=$?
[ $st = 0 ] && ok || no "the example exits $st: $(cat "$tmp/example.err")"
[ ! -s "$tmp/example.err" ] && ok || no "the example wrote to standard error: $(cat "$tmp/example.err")"
"$bin" run rules/gd-project-20-40-40.rubric examples/jiangmen-2024-keji-fazhan.json --no-color >"$tmp/run.out"
cmp -s "$tmp/example.out" "$tmp/run.out" && ok || no "the example's output differs from rubric run's"
grep -q '^广东省项目支出绩效自评（决策20/产出40/效益40） *100 *100.00 *100.00 *0.00$' "$tmp/example.out" && ok ||
  no "no total line of 100.00 in: $(head -5 "$tmp/example.out")"
check_done
