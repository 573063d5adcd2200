#!/usr/bin/env bash
# test_cli.sh RUBRIC_BIN — `rubric test` as a CI job sees it: the failure lines, the summary, the exit status, the
# coverage report as text and as JSON (step arms, qualitative tiers), the coverage floor, and a rubric that does
# not compile.
#
# The rubric below has one item, `if 数 >= 5 then 10 else step(数) { >= 3: 6, < 3: 0 }`, and two tests: 数 = 6 gives
# 10 (好), as the first test says; 数 = 4 gives the step arm >= 3, 6.00 and 差, where the second test says 7 and 好.
# Its five coverage points are the item, then, else and the two arms; the tests reach all but `< 3`, which starts
# at character 55 of line 5.  Every expected line was worked out from that by hand.
# Prints "N passed, N failed"; exit 1 if any failed.
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
export NO_COLOR=1
pass=0
fail=0
expect() { # WHAT WANT_STATUS GOT_STATUS WANT_FILE GOT_FILE
  if [ "$2" = "$3" ] && cmp -s "$4" "$5"; then pass=$((pass + 1))
  else
    echo "FAIL $1: exit $3 (expected $2)"
    diff -u --label expected --label got "$4" "$5" | sed 's/^/  /'
    fail=$((fail + 1))
  fi
}
cat >t.rubric <<'EOF'
rubric "测试命令"
total 10
grades 好 >= 8, 差
input 数: number = fact "数" missing zero
item 甲 10 = if 数 >= 5 then 10 else step(数) { >= 3: 6, < 3: 0 }
test "对" {
  report { "id": "a", "facts": { "数": 6 } }
  total 10
  grade 好
}
test "错" {
  report { "id": "b", "facts": { "数": 4 } }
  score 甲 7
  grade 好
  not finding data_error
}
EOF
failures='t.rubric:13: "错": score 甲: expected 7, got 6.00
t.rubric:14: "错": grade: expected 好, got 差'

"$bin" test t.rubric >out 2>err
st=$?
printf '%s\n1 passed, 1 failed\n' "$failures" >want
expect "rubric test t.rubric" 1 $st want out

"$bin" test -v t.rubric >out 2>err
st=$?
printf 't.rubric:6: "对": ok\n%s\n1 passed, 1 failed\n' "$failures" >want
expect "rubric test -v" 1 $st want out

"$bin" test --coverage t.rubric >out 2>err
st=$?
printf '%s\ncoverage t.rubric: 4 of 5 points (80.0%%)\n  t.rubric:5:55: step arm < 3 never reached\n' "$failures" >want
printf 'coverage: 4 of 5 points in 1 file (80.0%%)\n1 passed, 1 failed\n' >>want
expect "rubric test --coverage" 1 $st want out

"$bin" test --coverage-json cov.json --min-coverage 80 t.rubric >out 2>err
st=$?
printf '%s\n1 passed, 1 failed\n' "$failures" >want
expect "rubric test --coverage-json FILE --min-coverage 80" 1 $st want out
python3 - cov.json <<'PY' >out
import json, sys
c = json.load(open(sys.argv[1], encoding="utf-8"))
f = c["files"][0]
print(c["points"], c["reached"], c["percent"], f["file"], f["points"], f["reached"], f["percent"])
for m in f["missed"]:
    print(m["line"], m["column"], m["kind"], m["what"])
PY
printf '5 4 80.0 t.rubric 5 4 80.0\n5 55 step_arm step arm < 3\n' >want
expect "the coverage JSON" 0 0 want out

# Only the passing test, so that the floor alone decides the status.
sed '11,$d' t.rubric >pass.rubric
"$bin" test --coverage-json - --min-coverage 90 pass.rubric >out 2>err
st=$?
tail -n 2 out >got
printf 'coverage of pass.rubric is 40.0%%, below the floor of 90%%\n1 passed, 0 failed\n' >want
expect "below the coverage floor" 1 $st want got
"$bin" test --min-coverage 40 pass.rubric >out 2>err
st=$?
printf '1 passed, 0 failed\n' >want
expect "at the coverage floor" 0 $st want out

# Qualitative tiers: a test at tier 1 (达成, no self score: the top of its band, 10) leaves tiers 2 and 3, both
# at the call, which starts at character 13 of line 4.  Points: the item and three tiers.
cat >q.rubric <<'EOF'
rubric "定性"
total 10
input 档: number = fact "档" missing zero
item 乙 10 = qualitative(档, self, weight)
test "达成" {
  report { "id": "a", "facts": { "档": 1 } }
  score 乙 10
}
EOF
"$bin" test --coverage q.rubric >out 2>err
st=$?
cat >want <<'EOF'
coverage q.rubric: 2 of 4 points (50.0%)
  q.rubric:4:13: qualitative tier 2 (部分达成) never reached
  q.rubric:4:13: qualitative tier 3 (未达成) never reached
coverage: 2 of 4 points in 1 file (50.0%)
1 passed, 0 failed
EOF
expect "qualitative tiers never reached" 0 $st want out
"$bin" test --coverage-json - q.rubric >out 2>err
python3 -c '
import json, sys
c = json.loads(sys.stdin.readline())
print([(m["kind"], m.get("tier"), m["line"], m["column"]) for m in c["files"][0]["missed"]])' <out >got
echo "[('tier', 2, 4, 13), ('tier', 3, 4, 13)]" >want
expect "qualitative tiers in the JSON" 0 0 want got

# The coverage report in Chinese (--lang zh): its headings and sentences, and the points' descriptions in the
# report and the JSON; the names written in the rubric (step arms, tiers, file names) and the JSON's keys and
# kinds stay as written.  The same points and numbers as above.
"$bin" test --coverage q.rubric --lang zh >out 2>err
st=$?
cat >want <<'EOF'
覆盖率 q.rubric：已执行 2 个覆盖点，共 4 个（50.0%）
  q.rubric:4:13：没有测试执行到 qualitative 档次 2（部分达成）
  q.rubric:4:13：没有测试执行到 qualitative 档次 3（未达成）
覆盖率：已执行 2 个覆盖点，共 4 个，涉及 1 个文件（50.0%）
通过 1 项，失败 0 项
EOF
expect "rubric test --coverage --lang zh" 0 $st want out
"$bin" test --coverage-json - --min-coverage 90 pass.rubric --lang zh >out 2>err
st=$?
cat >want <<'EOF'
{"files": [{"file": "pass.rubric", "points": 5, "reached": 2, "percent": 40.00, "missed": [{"line": 5, "column": 36, "kind": "else", "what": "else 分支"}, {"line": 5, "column": 46, "kind": "step_arm", "what": "step 区间 >= 3"}, {"line": 5, "column": 55, "kind": "step_arm", "what": "step 区间 < 3"}]}], "points": 5, "reached": 2, "percent": 40.00}
pass.rubric 的覆盖率为 40.0%，低于下限 90%
通过 1 项，失败 0 项
EOF
expect "the coverage JSON and the floor, --lang zh" 1 $st want out
# An each that no test gives a row: its point says so.
cat >e.rubric <<'EOF'
rubric "每行"
total 10
input 指标: table = indicators
section 产出 10 {
  each r in 指标 = positive(r.actual, r.target, weight)
}
EOF
"$bin" test --coverage e.rubric --lang zh >out 2>err
st=$?
cat >want <<'EOF'
覆盖率 e.rubric：已执行 0 个覆盖点，共 1 个（0.0%）
  e.rubric:5:3：没有测试执行到 each r（没有测试为它提供指标行）
覆盖率：已执行 0 个覆盖点，共 1 个，涉及 1 个文件（0.0%）
通过 0 项，失败 0 项
EOF
expect "an each without rows, --lang zh" 0 $st want out

# A rubric without tests that does not compile is a failure; a path that does not exist is exit 4.
printf 'rubric "x"\ntotal 10\nitem 甲 10 = 乙\n' >broken.rubric
"$bin" test broken.rubric >out 2>err
st=$?
printf 'broken.rubric: the rubric does not compile (1 error)\n0 passed, 1 failed\n' >want
expect "a rubric that does not compile" 1 $st want out
grep -q "unknown name '乙'" err || { echo "FAIL the diagnostics of broken.rubric are not on standard error"; fail=$((fail + 1)); }
"$bin" test nothing-here >out 2>err
st=$?
printf '0 passed, 0 failed\n' >want
expect "a path that does not exist" 4 $st want out

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
