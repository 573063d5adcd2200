#!/usr/bin/env bash
# run.sh RUBRIC_BIN LIBWEIGHTED — native functions through libffi, end to end:
# allowed, refused, missing library, missing symbol, wrong types, list arguments.
# Expected values were computed by hand (see examples/native/weighted.rubric):
# rates 95/100, 240/300, 100/100 weighted by 100, 300, 100 → 435/500 = 0.87;
# 0.87 × 80 = 69.60; two units at ≥ 90% → 2 × 5 = 10.00; total 79.60, grade 中.
set -u
bin=$1
lib=$2
dir=$(cd "$(dirname "$0")" && pwd)
ex=$dir/../../examples/native
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
expect() { # NAME WANT_STATUS GOT_STATUS FILE PATTERN...
  local name=$1 want=$2 got=$3 file=$4
  shift 4
  local ok=1
  [ "$got" = "$want" ] || { echo "FAIL $name: exit $got, want $want"; ok=0; }
  for pat in "$@"; do
    grep -qF -- "$pat" "$file" || { echo "FAIL $name: no \"$pat\" in:"; sed 's/^/    /' "$file"; ok=0; }
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

# Allowed, by path: the library's file name matches the declared "libweighted.so".
"$bin" run "$ex/weighted.rubric" "$ex/report.json" --format json --allow-native "$lib" >"$tmp/out" 2>"$tmp/err"
expect allowed 0 $? "$tmp/out" '"total":79.60' '"grade":"中"' '"name":"加权完成率","weight":80,"score":69.60' \
  '"name":"达标单位","weight":20,"score":10.00' '"delta":-15.40' '加权平均([3 项], [3 项]) = 0.87' \
  '达标数([3 项], 0.9) = 2' '检查「加权完成率评语」未通过'

# The same with --allow-native=all and the library found through LD_LIBRARY_PATH.
LD_LIBRARY_PATH=$(dirname "$lib") "$bin" run "$ex/weighted.rubric" "$ex/report.json" --format json \
  --allow-native=all >"$tmp/out" 2>"$tmp/err"
expect allowed_all 0 $? "$tmp/out" '"total":79.60'

# Refused: natives are off by default, and the message says how to allow them.
"$bin" run "$ex/weighted.rubric" "$ex/report.json" >"$tmp/out" 2>"$tmp/err"
expect refused 1 $? "$tmp/err" 'weighted.rubric:12:1:' "native function '加权平均' calls into libweighted.so" \
  '--allow-native libweighted.so'

# Allowed, but the library is not there.
"$bin" run "$ex/weighted.rubric" "$ex/report.json" --allow-native /nonexistent/libweighted.so >"$tmp/out" 2>"$tmp/err"
expect missing_library 1 $? "$tmp/err" 'weighted.rubric:12:1:' 'cannot load /nonexistent/libweighted.so'

# A symbol the library does not have.
cat >"$tmp/nosym.rubric" <<'R'
rubric "缺少符号"
native 不存在(x: number): number from "libweighted.so" symbol "rb_no_such_function"
section 甲 100 { item 乙 100 = 不存在(1) * 100 }
R
"$bin" run "$tmp/nosym.rubric" --allow-native "$lib" >"$tmp/out" 2>"$tmp/err"
expect missing_symbol 1 $? "$tmp/err" 'nosym.rubric:2:1:' 'has no function named rb_no_such_function'

# Wrong types are caught by the compiler, at the argument, with the declaration noted.
cat >"$tmp/types.rubric" <<'R'
rubric "类型错误"
native 加权平均(rates: list, funds: list): number from "libweighted.so" symbol "rb_weighted_average"
native 评语(rate: number): text from "libweighted.so" symbol "rb_rate_label"
input 明细: table = budget.lines
section 甲 100 {
  item 乙 50 = 加权平均(0.5, list(num(l.spent) for l in 明细)) * 50
  item 丙 50 = 评语("高") * 50
}
R
"$bin" check "$tmp/types.rubric" >"$tmp/out" 2>"$tmp/err"
expect wrong_types 1 $? "$tmp/err" 'types.rubric:6:20: error: argument 1 of native 加权平均 must be list, not number' \
  'types.rubric:7:18: error: argument 1 of native 评语 must be number, not text' \
  'this operator needs numbers, not text and number'

# An unknown C type in a declaration.
printf 'native f(x: float): number from "libweighted.so"\nsection a 100 { item b 100 = f(1) }\n' >"$tmp/ctype.rubric"
"$bin" check "$tmp/ctype.rubric" >"$tmp/out" 2>"$tmp/err"
expect unknown_ctype 1 $? "$tmp/err" "ctype.rubric:1:13: error: unknown native type 'float'"

# A compiled .rbc keeps the declarations and is refused or allowed the same way.
"$bin" compile "$ex/weighted.rubric" -o "$tmp/w.rbc" >"$tmp/out" 2>"$tmp/err"
"$bin" run "$tmp/w.rbc" "$ex/report.json" --format json --allow-native "$lib" >"$tmp/out" 2>"$tmp/err"
expect rbc_allowed 0 $? "$tmp/out" '"total":79.60'
"$bin" run "$tmp/w.rbc" "$ex/report.json" >"$tmp/out" 2>"$tmp/err"
expect rbc_refused 1 $? "$tmp/err" '--allow-native libweighted.so'

# batch honours the same flag.
"$bin" batch "$ex/weighted.rubric" "$ex/report.json" -q --allow-native "$lib" >"$tmp/out" 2>"$tmp/err"
expect batch_allowed 0 $? "$tmp/out" 'native-example,示例单位,专项资金（三个下属单位）,2024,79.60,中,95,-15.40'

# The allowance decides where a library comes from, never the rubric: a declaration naming another
# directory still loads the allowed file (and so scores the same), and with --allow-native=all the
# directory in the declaration is ignored — the system's search path decides.
sed 's|from "libweighted.so"|from "/nonexistent/elsewhere/libweighted.so"|' "$ex/weighted.rubric" >"$tmp/elsewhere.rubric"
"$bin" run "$tmp/elsewhere.rubric" "$ex/report.json" --format json --allow-native "$lib" >"$tmp/out" 2>"$tmp/err"
expect path_from_allowance 0 $? "$tmp/out" '"total":79.60'
mkdir -p "$tmp/evil" && cp "$lib" "$tmp/evil/libweighted.so"
sed "s|from \"libweighted.so\"|from \"$tmp/evil/libweighted.so\"|" "$ex/weighted.rubric" >"$tmp/evil.rubric"
"$bin" run "$tmp/evil.rubric" "$ex/report.json" --allow-native=all >"$tmp/out" 2>"$tmp/err"
expect path_not_from_rubric 1 $? "$tmp/err" 'evil.rubric:12:1:' 'cannot load libweighted.so'

# An allowed library's dependencies are not allowed with it: system() is reachable through libm's
# handle, but it is libc's, and the link refuses it before anything runs.
cat >"$tmp/sys.rubric" <<R
rubric "依赖库"
native 执行(cmd: text): integer from "libm.so.6" symbol "system"
section 甲 100 { item 乙 100 = if 执行("touch $tmp/ran") == 0 then 100 else 0 }
R
"$bin" run "$tmp/sys.rubric" --allow-native libm.so.6 >"$tmp/out" 2>"$tmp/err"
expect dependency_refused 1 $? "$tmp/err" 'sys.rubric:2:1:' 'system is not defined in libm.so.6 itself'
[ ! -e "$tmp/ran" ] || { echo "FAIL dependency_refused: system() ran"; fail=$((fail + 1)); }
# The library's own functions still link through the same allowance.
cat >"$tmp/floor.rubric" <<'R'
rubric "自身函数"
native 向下取整(x: number): number from "libm.so.6" symbol "floor" pure
section 甲 100 { item 乙 100 = 向下取整(99.5) }
R
"$bin" run "$tmp/floor.rubric" --allow-native libm.so.6 --format json >"$tmp/out" 2>"$tmp/err"
expect own_function 0 $? "$tmp/out" '"score":99'

# A text result that is not text (labs declared ": text" returns 5, an unmapped address) is a
# runtime error at the call, not a crash.
cat >"$tmp/labs.rubric" <<'R'
rubric "类型声明错"
native 绝对值(x: integer): text from "libc.so.6" symbol "labs"
section 甲 100 { item 乙 100 = if 绝对值(-5) == "5" then 100 else 0 }
R
"$bin" run "$tmp/labs.rubric" --allow-native libc.so.6 >"$tmp/out" 2>"$tmp/err"
expect text_not_text 3 $? "$tmp/err" "native function '绝对值': its result is not a readable text"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
