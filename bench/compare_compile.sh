#!/usr/bin/env bash
# bench/compare_compile.sh — compiling with this checkout must give byte for byte what a reference
# build gives (by default: main, built in $CMP_WORK/ref-REV): for every .rubric under rules/,
# examples/ and tests/, each also cut short at a third and two thirds of its bytes (syntax errors
# at every stage of the grammar), and the generated rubric of bench/run.sh at 125 sections:
#   `rubric check FILE`: standard output, standard error and exit status;
#   `rubric compile FILE -o X.rbc`: the same, and the .rbc byte for byte.
# Used after every step that makes compiling faster (issue 14).
#
#   bench/compare_compile.sh [NEW_RUBRIC_BINARY]
#
# Environment: CMP_REF git revision of the reference [main], CMP_REF_BIN an already built reference
# binary (skips building it), CMP_WORK [/tmp/rubric-cmp-compile].
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REF=${CMP_REF:-main}
WORK=${CMP_WORK:-/tmp/rubric-cmp-compile}
NEW=${1:-$ROOT/build/rubric}
mkdir -p "$WORK"

# shellcheck source=bench/ref_binary.sh
source "$ROOT/bench/ref_binary.sh"

# The inputs, copied under $WORK/in keeping their relative paths (imports still resolve), plus
# the cut copies beside them.
IN=$WORK/in
rm -rf "$IN"
mkdir -p "$IN"
(cd "$ROOT" && find rules examples tests -type f \( -name '*.rubric' -o -name '*.json' -o -name '*.csv' \) -print0 |
  xargs -0 cp --parents -t "$IN")
while IFS= read -r -d '' f; do
  size=$(stat -c %s "$f")
  head -c $((size / 3)) "$f" >"${f%.rubric}.cut1.rubric"
  head -c $((2 * size / 3)) "$f" >"${f%.rubric}.cut2.rubric"
done < <(find "$IN" -name '*.rubric' -print0)
sed -n "/^BIG_RUBRIC_PY='/,/^'$/p" "$ROOT/bench/run.sh" | sed '1s/^BIG_RUBRIC_PY=.//; $d' >"$WORK/big.py"
python3 "$WORK/big.py" 125 >"$IN/generated-big.rubric"

count=0 differ=0
run() { # run BINARY OUTPREFIX ARGS… : stdout, stderr and status into OUTPREFIX.*
  local bin=$1 out=$2
  shift 2
  local status=0
  "$bin" "$@" >"$out.out" 2>"$out.err" || status=$?
  echo "$status" >"$out.status"
}
cd "$IN"
while IFS= read -r -d '' f; do
  f=${f#./}
  count=$((count + 1))
  for side in old new; do
    bin=$OLD
    [[ $side == new ]] && bin=$NEW
    rm -f "$WORK/out.rbc" "$WORK/$side.rbc"
    run "$bin" "$WORK/$side-check" check "$f"
    # The same output name for both: a message may name it.
    run "$bin" "$WORK/$side-compile" compile "$f" -o "$WORK/out.rbc"
    if [[ -f $WORK/out.rbc ]]; then mv "$WORK/out.rbc" "$WORK/$side.rbc"; else : >"$WORK/$side.rbc"; fi
  done
  for part in check.out check.err check.status compile.out compile.err compile.status; do
    if ! cmp -s "$WORK/old-$part" "$WORK/new-$part"; then
      echo "DIFFERS: $f: $part" >&2
      diff "$WORK/old-$part" "$WORK/new-$part" | head -5 >&2 || true
      differ=$((differ + 1))
    fi
  done
  if ! cmp -s "$WORK/old.rbc" "$WORK/new.rbc"; then
    echo "DIFFERS: $f: .rbc" >&2
    differ=$((differ + 1))
  fi
done < <(find . -name '*.rubric' -print0 | sort -z)
echo "compared $count rubrics (check and compile, output, errors, status and .rbc): $differ differences"
((differ == 0))
