#!/usr/bin/env bash
# bench/compare_ref.sh — `rubric batch` of this checkout must write byte for byte what a reference
# build writes (by default: main, built in $CMP_WORK/ref), on generated reports of which one in 7 is
# malformed or unusual (bench/mutate_reports.py), for every rubric in rules/ that scores a project
# report, in CSV and JSON Lines, -j 1 and -j 2.  Used after every step that makes batch faster.
#
#   bench/compare_ref.sh [NEW_RUBRIC_BINARY]
#
# Environment: CMP_N reports [20000], CMP_SEED [7], CMP_REF git revision of the reference [main],
# CMP_REF_BIN an already built reference binary (skips building it), CMP_WORK [/tmp/rubric-cmp].
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${CMP_N:-20000}
SEED=${CMP_SEED:-7}
REF=${CMP_REF:-main}
WORK=${CMP_WORK:-/tmp/rubric-cmp}
NEW=${1:-$ROOT/build/rubric}
mkdir -p "$WORK"

# shellcheck source=bench/ref_binary.sh
source "$ROOT/bench/ref_binary.sh"

GEN_ID=$(sha256sum "$ROOT/bench/gen_reports.py" "$ROOT/bench/mutate_reports.py" | sha256sum | cut -c1-8)
IN=$WORK/mixed-$N-$SEED-$GEN_ID.jsonl
if [[ ! -s $IN ]]; then
  python3 "$ROOT/bench/gen_reports.py" --count "$N" --seed "$SEED" --jsonl "$WORK/clean.jsonl"
  python3 "$ROOT/bench/mutate_reports.py" "$WORK/clean.jsonl" "$IN" --seed "$SEED"
fi

fail=0
for rules in gd-project-20-40-40 mof-2020-project-self judged; do
  r=$ROOT/rules/$rules.rubric
  [[ -f $r ]] || continue
  for fmt in csv jsonl; do
    for j in 1 2; do
      set +e
      "$OLD" batch "$r" "$IN" -j "$j" -q --format "$fmt" -o "$WORK/old.$fmt" 2>"$WORK/old.err"; eo=$?
      "$NEW" batch "$r" "$IN" -j "$j" -q --format "$fmt" -o "$WORK/new.$fmt" 2>"$WORK/new.err"; en=$?
      set -e
      if [[ $eo != "$en" ]] || ! cmp -s "$WORK/old.$fmt" "$WORK/new.$fmt" || ! cmp -s "$WORK/old.err" "$WORK/new.err"; then
        echo "DIFFERENT: $rules --format $fmt -j $j (exit $eo vs $en)"
        cmp "$WORK/old.$fmt" "$WORK/new.$fmt" | head -3 || true
        diff "$WORK/old.err" "$WORK/new.err" | head -5 || true
        fail=1
      else
        echo "same: $rules --format $fmt -j $j ($(wc -l <"$WORK/new.$fmt") rows, exit $en)"
      fi
    done
  done
done
exit $fail
