#!/usr/bin/env bash
# check_layers.sh — the folders of the library depend one way, never in a circle (docs/architecture.md).
#
#   base  ←  report  ←  vm  ←  compiler (with grammar)  ←  output  ←  author  ←  api  ←  cli
#
# A file may include headers of its own folder and of the folders to its left; includes are written from the
# project root ("base/num.h"), never relative ("../vm/num.h").  Prints every include that breaks this, then
# "N passed, N failed"; exit 1 if any.
set -u
cd "$(dirname "$0")/../.." || exit 2
rank() {
  case $1 in
    base) echo 0 ;; report) echo 1 ;; vm) echo 2 ;; compiler|grammar) echo 3 ;; output) echo 4 ;;
    author) echo 5 ;; api) echo 6 ;; cli) echo 7 ;; *) echo "" ;;
  esac
}
pass=0
fail=0
for f in $(git ls-files 'base/*' 'report/*' 'vm/*' 'compiler/*' 'grammar/*' 'output/*' 'author/*' 'api/*' 'cli/*' | grep -E '\.(c|h|l|y)$'); do
  own=${f%%/*}
  mine=$(rank "$own")
  ok=1
  while IFS= read -r inc; do
    case $inc in
      ../*|./*) echo "FAIL $f: relative include \"$inc\" (write it from the project root)"; ok=0; continue ;;
    esac
    dir=${inc%%/*}
    [ "$dir" = "$inc" ] && continue            # a generated header or the public rubric.h
    theirs=$(rank "$dir")
    [ -n "$theirs" ] || continue                # not a library folder
    if [ "$theirs" -gt "$mine" ]; then
      echo "FAIL $f: includes $inc, a layer above $own"
      ok=0
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f")
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
