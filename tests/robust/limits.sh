#!/usr/bin/env bash
# limits.sh RUBRIC_BIN [sanitize] — hostile rubrics and reports meet a clear limit, in bounded time and memory,
# never a crash (a stack overflow, GMP aborting, memory running out) or minutes of work before the error.
# Each case was a defect: deep expressions overflowed the checker's recursion (7,600 `+` terms), a chain of
# doubling constants took 10 GB, squaring grew numbers until GMP aborted, and a 1M-digit literal, 100k arguments
# of min, 30k choices after `in`, 100k items took from 3 s to a minute before the limit error.  Expected exit
# statuses: 1 (the rubric has errors), 3 (the report could not be scored), 0 (scored).
# Every case runs under `timeout` (far above the second or so each takes) and, in the plain build, a 1 GB
# address-space limit; AddressSanitizer reserves more address space than that, so the sanitized run has the
# timeout only.
set -u
bin=$1
sanitize=${2:-}
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
limit=60
[ -n "$sanitize" ] && limit=240

# run NAME WANT_STATUS WANT_MESSAGE ARGS... — run rubric with ARGS; the status and the first line of standard
# error that holds "error" must be as given.
run() {
  local name=$1 want=$2 message=$3
  shift 3
  (
    [ -z "$sanitize" ] && ulimit -v 1048576
    exec timeout $limit "$bin" "$@"
  ) >"$tmp/$name.out" 2>"$tmp/$name.err"
  local st=$?
  [ $st = $want ] && ok || no "$name: exit status $st, want $want: $(head -c 300 "$tmp/$name.err")"
  if [ -n "$message" ]; then
    grep -qF -- "$message" "$tmp/$name.err" && ok || no "$name: no '$message' in: $(head -c 300 "$tmp/$name.err")"
  fi
}

echo '{"id": "x", "title": "t"}' >"$tmp/r.json"

# gen CASE N — a rubric for each hostile shape.
gen() {
  python3 - "$1" "$2" <<'PY'
import sys
case, n = sys.argv[1], int(sys.argv[2])
head = 'rubric "极限"\ntotal 10\n'
def item(expr):
    return head + "section 节 10 { item 甲 10 = " + expr + " }\n"
if case == "plus":
    print(item(" + ".join(["1"] * n)))
elif case == "minus":
    print(item("-" * n + "1"))
elif case == "calls":
    print(item("abs(" * n + "1" + ")" * n))
elif case == "brackets":
    print(item("(" * n + "1" + ")" * n))
elif case == "sections":
    print(head + "section s 10 { " * n + "item 甲 10 = 1" + " }" * n)
elif case == "chain":
    print(head + "const c0 = 1\n" + "".join(f"const c{i} = c{i-1} + 1\n" for i in range(1, n))
          + f"section 节 10 {{ item 甲 10 = if c{n-1} == {n} then 10 else 0 }}")
elif case == "doubling":
    print(head + "const c0 = 1\n" + "".join(f"const c{i} = c{i-1} + c{i-1}\n" for i in range(1, n))
          + f"section 节 10 {{ item 甲 10 = if c{n-1} == {2 ** (n - 1)} then 10 else 0 }}")
elif case == "digits":
    print(head + "const big = 1" + "0" * n + "\nsection 节 10 { item 甲 10 = if big > 0 then 10 else 0 }")
elif case == "min":
    print(item("min(" + ", ".join(["10"] * n) + ")"))
elif case == "in":
    print(head + "input 类型: text = title\nsection 节 10 { item 甲 10 = if 类型 in ["
          + ", ".join(f'"c{i}"' for i in range(n)) + "] then 10 else 0 }")
elif case == "steps":
    print(head + "section 节 10 { item 甲 10 = step(5) { "
          + ", ".join(f">= {n - i}: 10" for i in range(n)) + ", < 1: 0 } }")
elif case == "items":
    print(head + "section 节 10 {\n" + "".join(f"  item 项{i} 1 = 1\n" for i in range(n)) + "}")
elif case == "squaring":
    print(item("if " + "sq(" * n + "1.1" + ")" * n + " > 0 then 10 else 0").replace("total 10\n", "total 10\nfn sq(x) = x * x\n"))
PY
}

# Deep expressions: an error at the place, never a stack overflow.
gen plus 8000 >"$tmp/plus.rubric"
run plus 1 "this expression is nested too deeply (more than 256 levels)" check "$tmp/plus.rubric"
gen minus 9000 >"$tmp/minus.rubric"
run minus 1 "this expression is nested too deeply (more than 256 levels)" check "$tmp/minus.rubric"
gen calls 2000 >"$tmp/calls.rubric"
run calls 1 "this expression is nested too deeply (more than 256 levels)" check "$tmp/calls.rubric"
gen brackets 50000 >"$tmp/brackets.rubric"
run brackets 1 "this rubric is nested too deeply to read (brackets or blocks inside one another)" check "$tmp/brackets.rubric"
gen sections 1500 >"$tmp/sections.rubric"
run sections 1 "nested too deeply" check "$tmp/sections.rubric"
# 5,000 open brackets are fine: they make no nodes.
gen brackets 5000 >"$tmp/brackets5k.rubric"
run brackets5k 0 "" check "$tmp/brackets5k.rubric"

# Constants: a chain of 20,000 is computed once each (c19999 == 20000: 甲 scores 10); thirty doublings are thirty
# additions, not 2^30 copies (c29 == 2^29).
gen chain 20000 >"$tmp/chain.rubric"
run chain 0 "" run "$tmp/chain.rubric" "$tmp/r.json"
grep -q '总分 10.00' "$tmp/chain.out" && ok || no "chain: total $(grep 总分 "$tmp/chain.out")"
gen doubling 30 >"$tmp/doubling.rubric"
run doubling 0 "" run "$tmp/doubling.rubric" "$tmp/r.json"
grep -q '总分 10.00' "$tmp/doubling.out" && ok || no "doubling: total $(grep 总分 "$tmp/doubling.out")"

# Exact numbers have a bound: a literal of a million digits is refused where it is written, and squaring 1.1
# thirteen times (4097 digits below the line) stops with the bound named, at run time, with the report's id.
gen digits 1000000 >"$tmp/digits.rubric"
run digits 1 "this number has more than 4000 digits" check "$tmp/digits.rubric"
gen squaring 13 >"$tmp/squaring.rubric"
run squaring 3 "a number here would have more than 4000 digits, the limit of exact arithmetic (in 节 › 甲) [report x]" \
  run "$tmp/squaring.rubric" "$tmp/r.json"

# Long lists stop at their limit at once, not after a minute of work.
gen min 100000 >"$tmp/min.rubric"
run min 1 "too many arguments (the limit is 255)" check "$tmp/min.rubric"
gen in 30000 >"$tmp/in.rubric"
run in 1 "too many choices after in (the limit is 255)" check "$tmp/in.rubric"
gen steps 100000 >"$tmp/steps.rubric"
run steps 1 "this step table has 100001 ranges; the limit is 1000" check "$tmp/steps.rubric"
gen items 100000 >"$tmp/items.rubric"
run items 1 "the weights inside section '节' add up to 100000, but its weight is 10" check "$tmp/items.rubric"

# An aggregate over 200,000 rows runs in bounded memory: 1 / weight over weights 1..7 keeps a denominator of
# at most lcm(1..7) = 420.  The sum is 200000/7 rows of each weight, less the remainder: rows cycle 1..7, so
# 28571 full cycles (1 + 1/2 + … + 1/7 = 363/140 each) plus rows of weight 1, 2 and 3 (11/6):
# 28571 × 363/140 + 11/6 = 74076.6… — the check below only asks that it is scored, and the item's value is
# min(…, 10) = 10.
python3 - "$tmp/rows.json" <<'PY'
import json, sys
rows = [{"level1": "产出指标", "name": f"指标{i}", "target": "1次", "actual": "1次", "weight": i % 7 + 1}
        for i in range(200000)]
json.dump({"id": "rows", "indicators": rows}, open(sys.argv[1], "w"), ensure_ascii=False)
PY
cat >"$tmp/rows.rubric" <<'R'
rubric "汇总"
total 10
input 指标: table = indicators
section 节 10 { item 甲 10 = min(sum(1 / r.weight for r in 指标), 10) }
R
run rows 0 "" run "$tmp/rows.rubric" "$tmp/rows.json" --ignore-unread
grep -q '总分 10.00' "$tmp/rows.out" && ok || no "rows: $(grep 总分 "$tmp/rows.out")"

# Three hundred facts read: the "did you mean" of an unread fact weighs every one of them.  项目事实第300相 is one
# edit from the 300th name and two from 项目事实第30项 (which a list cut at 256 names suggested instead).
python3 - "$tmp/facts.rubric" "$tmp/facts.json" <<'PY'
import json, sys
n = 300
lines = ['rubric "事实很多"', "total 30"]
lines += [f'input 事实{i}: number = fact "项目事实第{i}项" missing zero' for i in range(1, n + 1)]
lines.append("section 节 30 {")
for k in range(3):
    lines.append(f"  item 项{k} 10 = min(" + " + ".join(f"事实{i}" for i in range(100 * k + 1, 100 * k + 101)) + ", 10)")
lines.append("}")
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
json.dump({"id": "facts", "facts": {"项目事实第300相": 1}}, open(sys.argv[2], "w"), ensure_ascii=False)
PY
run facts 0 "" run "$tmp/facts.rubric" "$tmp/facts.json"
grep -qF '[unread] 报告中的事实「项目事实第300相」未被本规则读取（是否应为「项目事实第300项」？）' "$tmp/facts.out" && ok ||
  no "facts: $(grep -F 项目事实第300相 "$tmp/facts.out")"

# A self score that names an item generated from a row is said to be one, however many items the tree has
# (the list of paths it is looked up in was cut at 2,000: past it, 指标2050 "named no item").
python3 - "$tmp/gen.json" <<'PY'
import json, sys
rows = [{"level1": "产出", "name": f"指标{i}", "target": "1次", "actual": "1次"} for i in range(2100)]
json.dump({"id": "gen", "indicators": rows, "self_scores": [{"path": ["产出", "指标2050"], "score": 1}]},
          open(sys.argv[1], "w"), ensure_ascii=False)
PY
cat >"$tmp/gen.rubric" <<'R'
rubric "生成"
total 10
input 指标: table = indicators
section 产出 10 { each r in 指标 split exact = positive(r.actual, r.target, weight) }
R
run gen 0 "" run "$tmp/gen.rubric" "$tmp/gen.json"
grep -qF '自评分「产出 › 指标2050」（1 分）指向按指标行生成的项目' "$tmp/gen.out" && ok ||
  no "gen: $(grep -F 指标2050 "$tmp/gen.out" | tail -1)"

check_done
