#!/usr/bin/env bash
# lang_diagnostics.sh RUBRIC_BIN — which language diagnostics and the command's own errors are in (docs/cli.md, "Languages"):
# --lang wherever it stands, else LC_ALL, LC_MESSAGES, LANG — Chinese only when the first set starts with zh —
# and that results keep their own default.  Every expected text is written out in full.
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
pass=0
fail=0
# expect NAME WANT_STATUS WANT_STDERR COMMAND...: the exit status and the whole of standard error.
expect() {
  local name=$1 want=$2 text=$3
  shift 3
  local got err
  err=$("$@" 2>&1 >/dev/null)
  got=$?
  if [ "$got" = "$want" ] && [ "$err" = "$text" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit status $got (want $want), standard error:"
    printf '%s\n' "$err"
  fi
}
export NO_COLOR=1
unset LC_ALL LC_MESSAGES LANG
f=tests/golden/diagnostics/unknown-name-far.rubric
zh="$f:7:13: 错误：未知的名称「满分」
 7 | item 甲 10 = 满分
   |              ^~~~
提示：请先用 input、const、fn 或 let 声明
$f：1 个错误，0 个警告"
en="$f:7:13: error: unknown name '满分'
 7 | item 甲 10 = 满分
   |              ^~~~
hint: declare it first with input, const, fn or let
$f: 1 error, 0 warnings"
expect "no locale" 1 "$en" "$bin" check "$f"
expect "--lang zh" 1 "$zh" "$bin" check "$f" --lang zh
expect "--lang=zh before the file" 1 "$zh" "$bin" check --lang=zh "$f"
expect "LANG=zh_CN.UTF-8" 1 "$zh" env LANG=zh_CN.UTF-8 "$bin" check "$f"
expect "LC_ALL=C.UTF-8 over LANG" 1 "$en" env LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 "$bin" check "$f"
expect "LC_MESSAGES=zh_TW" 1 "$zh" env LC_MESSAGES=zh_TW.UTF-8 LANG=en_US.UTF-8 "$bin" check "$f"
expect "LANG=en_US" 1 "$en" env LANG=en_US.UTF-8 "$bin" check "$f"
expect "--lang en over LANG" 1 "$en" env LANG=zh_CN.UTF-8 "$bin" check "$f" --lang en
expect "unknown option, LANG=zh_CN" 2 "rubric check: 未知的选项 --bogus
$("$bin" check --help)" env LANG=zh_CN.UTF-8 "$bin" check --bogus "$f"
expect "unknown command" 2 "rubric: 未知的命令「frob」

$("$bin" --help)" "$bin" frob --lang zh
expect "missing file" 4 "rubric run: 无法打开 no-such.rubric：没有这个文件或文件夹" env LANG=zh_CN.UTF-8 "$bin" run no-such.rubric
expect "bad --lang" 2 "rubric check: --lang：rubric 不支持语言“fr”（zh 或 en）" env LANG=zh_CN "$bin" check "$f" --lang fr
# Results keep their own default (Chinese under C.UTF-8) while diagnostics are English: the labels of the text
# result do not follow the diagnostics' language.
out=$(env LC_ALL=C.UTF-8 "$bin" run tests/golden/runtime/unread.rubric tests/golden/reports/unread.json 2>/dev/null | sed -n 2p)
if [ "$out" = "规则：未读取的内容" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL result labels: $out"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
