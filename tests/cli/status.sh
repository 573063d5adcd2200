#!/usr/bin/env bash
# status.sh RUBRIC_BIN — exit statuses come from the library's status codes (rubric_status), never from the words
# of a message, and --tolerance takes a plain decimal or is refused (docs/cli.md).  Every expected status is the
# one docs/cli.md gives for the case; every expected message is written out in full.
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
root=$PWD
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
# expect NAME STATUS GOT ERRFILE TEXT: the exit status and the whole of standard error.
expect() {
  local name=$1 want=$2 got=$3 errfile=$4 text=$5
  [ "$got" = "$want" ] && ok || no "$name: exit status $got, want $want"
  [ "$(cat "$errfile")" = "$text" ] && ok || no "$name: standard error was: $(cat "$errfile")"
}
export NO_COLOR=1
cd "$tmp" || exit 2
mkdir errors
# A rubric with one error, in files whose names hold the words the tool once searched messages for.
printf 'section 甲 100 { item 乙 100 = 未知 }\n' >compiled.rubric
cp compiled.rubric cannot.rubric
diagnostic() {
  printf '%s\n' "$1:1:30: error: unknown name '未知'" \
    " 1 | section 甲 100 { item 乙 100 = 未知 }" \
    "   |                                ^~~~"
  printf '%s' "hint: declare it first with input, const, fn or let"
}
echo '{"id": "x"}' >one.jsonl

# ---- A rubric with errors is 1, whatever its name.
"$bin" run compiled.rubric 2>err
expect "run compiled.rubric" 1 $? err "$(diagnostic compiled.rubric)
rubric run: compiled.rubric: 1 error in the rubric"
"$bin" batch cannot.rubric one.jsonl 2>err >/dev/null
expect "batch cannot.rubric" 1 $? err "$(diagnostic cannot.rubric)
rubric batch: cannot.rubric: 1 error in the rubric"
"$bin" disasm compiled.rubric 2>err >/dev/null
expect "disasm compiled.rubric" 1 $? err "$(diagnostic compiled.rubric)
rubric disasm: compiled.rubric: 1 error in the rubric"

# ---- A file that cannot be read is 4, whatever its folder is called — for check and compile too.
"$bin" run errors/missing.rubric 2>err
expect "run errors/missing.rubric" 4 $? err "rubric run: cannot open errors/missing.rubric: No such file or directory"
"$bin" batch errors/missing.rubric one.jsonl 2>err >/dev/null
expect "batch errors/missing.rubric" 4 $? err \
  "rubric batch: cannot open errors/missing.rubric: No such file or directory"
"$bin" check errors/missing.rubric 2>err
expect "check errors/missing.rubric" 4 $? err \
  "rubric check: cannot open errors/missing.rubric: No such file or directory"
"$bin" compile errors/missing.rubric -o errors/x.rbc 2>err
expect "compile errors/missing.rubric" 4 $? err \
  "rubric compile: cannot open errors/missing.rubric: No such file or directory"
# When both apply, 1 wins over 4 (docs/cli.md: 2, 1, 4, 3, 5).
"$bin" check errors/missing.rubric compiled.rubric 2>err
expect "check missing and wrong" 1 $? err "rubric check: cannot open errors/missing.rubric: No such file or directory
$(diagnostic compiled.rubric)
compiled.rubric: 1 error, 0 warnings"
# A corrupt .rbc is 4, in a folder named errors too.
printf 'RBC\032garbage' >errors/bad.rbc
"$bin" run errors/bad.rbc 2>err
[ $? = 4 ] && ok || no "corrupt .rbc under errors/: want 4"
grep -q '^rubric run: errors/bad.rbc: not a valid compiled rubric: ' err && ok || no "corrupt .rbc: $(cat err)"

# ---- --tolerance: a plain decimal number of points, or exit 2 with the text named (run and batch).
cd "$root" || exit 2
sample=tests/golden/output/strict-tolerance.rubric
report=tests/golden/reports/output.json
for t in inf 0x10 abc -1 1e5 .5 5. '' ' 1' 1,5 +1 nan; do
  "$bin" run $sample $report --strict --tolerance "$t" >/dev/null 2>"$tmp/err"
  expect "run --tolerance '$t'" 2 $? "$tmp/err" \
    "rubric run: --tolerance: \"$t\" is not a plain decimal number of points, such as 0.01"
done
for t in inf 0x10 abc; do
  "$bin" batch $sample $report --tolerance "$t" >"$tmp/out" 2>"$tmp/err"
  expect "batch --tolerance '$t'" 2 $? "$tmp/err" \
    "rubric batch: --tolerance: \"$t\" is not a plain decimal number of points, such as 0.01"
  [ ! -s "$tmp/out" ] && ok || no "batch --tolerance '$t' wrote output"
done
"$bin" run $sample $report --tolerance=3.999999999999999999 >/dev/null 2>"$tmp/err"
expect "19 digits" 2 $? "$tmp/err" \
  "rubric run: --tolerance: \"3.999999999999999999\" has more than 18 digits: write a plain decimal such as 0.01"
# The value is read exactly: the total differs from its self total by 4.00 (tests/golden/output/strict.rubric), so
# a tolerance of 4 (however written) holds it and 3.99… does not.  Leading and trailing zeros are not digits.
for t in 4 4.000 0004 000000000000000004.000000000000000000 3.99 3.99999999999999999; do
  "$bin" run $sample $report --strict --tolerance "$t" >/dev/null
  echo "$t $?"
done >"$tmp/got"
printf '%s\n' "4 0" "4.000 0" "0004 0" "000000000000000004.000000000000000000 0" "3.99 5" "3.99999999999999999 5" \
  >"$tmp/want"
cmp -s "$tmp/got" "$tmp/want" && ok || no "tolerance values: $(cat "$tmp/got")"
# batch: the status column follows the tolerance, given either way.
"$bin" batch $sample $report --tolerance 4 -q | tail -1 | awk -F, '{print $(NF - 1)}' >"$tmp/got"
"$bin" batch $sample $report --tolerance=3.99 -q | tail -1 | awk -F, '{print $(NF - 1)}' >>"$tmp/got"
[ "$(cat "$tmp/got")" = "ok
challenged" ] && ok || no "batch status column with --tolerance: $(cat "$tmp/got")"

check_done
