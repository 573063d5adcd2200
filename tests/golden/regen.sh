#!/usr/bin/env bash
# regen.sh RUBRIC_BIN [CASE...] — rewrite the .out/.err goldens of the given cases (default: every case whose
# output differs), with the exact command run.sh runs.  Only for after a change whose new output was checked
# line by line, by hand, against the rules; run.sh is what tests.
set -u
bin=$1
shift
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 2
export NO_COLOR=1 LC_ALL=C.UTF-8 RUBRIC_PATH=$PWD/tests/golden/lib
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(find tests/golden -name '*.rubric' -not -path '*/lib/*' | LC_ALL=C sort)
for case in "${cases[@]}"; do
  base=${case%.rubric}
  args=$(sed -n "s|^// args: *||p" "$case" | head -n 1)
  [ -n "$args" ] || args="check {}"
  read -r -a argv <<<"${args//\{\}/$case}"
  "$bin" "${argv[@]}" >"$base.out.new" 2>"$base.err.new"
  for s in out err; do
    if cmp -s "$base.$s.new" "$base.$s" 2>/dev/null; then rm "$base.$s.new"; else mv "$base.$s.new" "$base.$s"; echo "rewrote $base.$s"; fi
  done
done
