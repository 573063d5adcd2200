#!/usr/bin/env bash
# imports.sh RUBRIC_BIN — what a rubric may import (compiler/compile.c, docs/language.md "Imports"): a .rubric
# file in its own folder tree, in a folder of RUBRIC_PATH, or among the shipped rules; never another file,
# whose lines a syntax error would echo.  Every expected message is written out in full.
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
tmp=$(cd "$tmp" && pwd -P) # the real path, as the messages give it
# expect NAME STATUS GOT STDERR_FILE EXPECTED_STDERR: the exit status and the whole of standard error.
expect() {
  local name=$1 want=$2 got=$3 errfile=$4 text=$5
  [ "$got" = "$want" ] && ok || no "$name: exit status $got, want $want"
  [ "$(cat "$errfile")" = "$text" ] && ok || no "$name: standard error was: $(cat "$errfile")"
}
# under STATEMENT: the caret line under an import statement of that many characters.
under() { printf '^'; printf '~%.0s' $(seq $(($1 - 1))); }
export NO_COLOR=1
unset RUBRIC_PATH
mkdir -p "$tmp/bureau/sub" "$tmp/elsewhere"
body='section 甲 100 { item 乙 100 = 100 }'
printf 'const 分 = 100\n' >"$tmp/bureau/sub/inner.rubric"
printf 'const 分 = 100\n' >"$tmp/elsewhere/outside.rubric"
cd "$tmp/bureau" || exit 2

# A file in the rubric's own folder tree is read.
printf 'import "sub/inner.rubric"\n%s\n' "$body" >main.rubric
"$bin" check main.rubric >err 2>&1
expect "own folder" 0 $? err "main.rubric: ok"

# A system file is not a rubric: refused by its name, before it is opened, so nothing of it is shown.
for target in /etc/passwd ../../../../../../etc/passwd /proc/self/environ; do
  printf 'import "%s"\n%s\n' "$target" "$body" >main.rubric
  "$bin" check main.rubric >/dev/null 2>err
  expect "import $target" 1 $? err "main.rubric:1:1: error: cannot import $target: it is not a .rubric file
 1 | import \"$target\"
   | $(under $((${#target} + 9)))
hint: an import reads another rubric file, whose name ends in .rubric
main.rubric: 1 error, 0 warnings"
done

# A .rubric file outside the folder tree is refused …
printf 'import "../elsewhere/outside.rubric"\n%s\n' "$body" >main.rubric
"$bin" check main.rubric >/dev/null 2>err
expect "outside" 1 $? err "main.rubric:1:1: error: cannot import ../elsewhere/outside.rubric: it is outside $tmp/bureau
 1 | import \"../elsewhere/outside.rubric\"
   | $(under 36)
hint: a rubric may import files in its own folder and below, in the folders of RUBRIC_PATH, and the shipped rules; add the folder to RUBRIC_PATH to allow it
main.rubric: 1 error, 0 warnings"
# … and so is a link inside the tree that leads out of it …
ln -s "$tmp/elsewhere/outside.rubric" sub/link.rubric
printf 'import "sub/link.rubric"\n%s\n' "$body" >main.rubric
"$bin" check main.rubric >/dev/null 2>err
expect "link out" 1 $? err "main.rubric:1:1: error: cannot import sub/link.rubric: it is outside $tmp/bureau
 1 | import \"sub/link.rubric\"
   | $(under 24)
hint: a rubric may import files in its own folder and below, in the folders of RUBRIC_PATH, and the shipped rules; add the folder to RUBRIC_PATH to allow it
main.rubric: 1 error, 0 warnings"
# … unless the user puts its folder on the import path, where a bare name is also found.
printf 'import "../elsewhere/outside.rubric"\n%s\n' "$body" >main.rubric
RUBRIC_PATH=/nonexistent:$tmp/elsewhere "$bin" check main.rubric >err 2>&1
expect "RUBRIC_PATH" 0 $? err "main.rubric: ok"
printf 'import "outside.rubric"\n%s\n' "$body" >main.rubric
RUBRIC_PATH=$tmp/elsewhere "$bin" check main.rubric >err 2>&1
expect "found on RUBRIC_PATH" 0 $? err "main.rubric: ok"

# The shipped rules are the last folder of the import path: indicators.rubric by name, from anywhere.
printf 'import "indicators.rubric"\nsection 甲 100 { item 乙 100 = if 未填文字("") then 100 else 0 }\n' >main.rubric
"$bin" run main.rubric --format json >out 2>err
expect "shipped rules" 0 $? err ""
grep -q '"score":100' out && ok || no "shipped rules: $(cat out)"

check_done
