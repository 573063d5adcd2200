#!/usr/bin/env bash
# fuzz.sh [SECONDS [JOBS]] — build the libFuzzer harnesses with clang (in build-fuzz) and run each for
# SECONDS (default 60), JOBS harnesses at a time (default 1), seeded with the committed corpus under
# tests/fuzz/corpus and the repository's own rubrics, reports and value-notation cases.  Fails when any
# harness finds something: a crash, a sanitizer report, an abort of the harness's own checks, a leak, an
# input slower than 10 s or a run over 2 GiB.  The input that did it is kept in build-fuzz/findings/,
# and the end of the harness's log is printed.  New inputs a run found interesting are kept in
# build-fuzz/corpus/HARNESS for the next run on this machine; to keep one for good, copy it to
# tests/fuzz/corpus/ with a name that says what it is (tests/README.md, fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${2:-1}
dir=build-fuzz
harnesses=(fuzz_compile fuzz_report fuzz_notation fuzz_rbc fuzz_rbc_run)

cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DRUBRIC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$dir" -j "$(nproc)" --target rubric "${harnesses[@]}" >/dev/null

# The seeds of each harness, made afresh from the tree: the committed corpus and what the
# repository already holds of that kind of input.
seeds=$dir/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{compile,report,notation,rbc} "$dir/findings" "$dir/logs"
cp tests/fuzz/corpus/compile/* "$seeds/compile/" 2>/dev/null || true
i=0
while IFS= read -r f; do
  i=$((i + 1))
  cp "$f" "$seeds/compile/$i-$(basename "$f")"
done < <(find rules tests/golden examples -name '*.rubric' | sort)
cp tests/fuzz/corpus/report/* "$seeds/report/" 2>/dev/null || true
for f in examples/*.json examples/*.csv tests/golden/reports/*.json tests/report/fixtures/*; do
  cp "$f" "$seeds/report/$(echo "$f" | tr / _)"
done
cp tests/fuzz/corpus/notation/* "$seeds/notation/" 2>/dev/null || true
i=0
while IFS= read -r text; do
  i=$((i + 1))
  printf '%b' "$text" >"$seeds/notation/case-$i"
done < <(grep -v '^#' tests/notation/cases.tsv | cut -f1 | grep -v '^$')
# The .rbc seeds are compiled from rubrics of the tree, with this build's compiler.
tests/fuzz/make_rbc_corpus.sh "$dir/rubric" "$seeds/rbc" >/dev/null

seeds_of() {
  case $1 in
    fuzz_compile) echo compile ;;
    fuzz_report) echo report ;;
    fuzz_notation) echo notation ;;
    fuzz_rbc | fuzz_rbc_run) echo rbc ;;
  esac
}

# Run one harness; its log goes to build-fuzz/logs/HARNESS.log.
run() {
  local h=$1 log=$dir/logs/$1.log
  mkdir -p "$dir/corpus/$h"
  "$dir/tests/fuzz/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$dir/findings/$h-" "$dir/corpus/$h" "$seeds/$(seeds_of "$h")" >"$log" 2>&1
}

passed=0
failed=0
report() {
  local h=$1 status=$2 log=$dir/logs/$1.log
  local runs
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
  if [ "$status" = 0 ]; then
    passed=$((passed + 1))
    echo "$h: ${runs:-?} inputs in ${seconds} s, nothing found"
  else
    failed=$((failed + 1))
    echo "FAIL: $h found something (exit $status); the input is in $dir/findings/:"
    grep -v '^#\|^ *"\|^INFO\|^MERGE' "$log" | tail -40
  fi
}

pids=()
names=()
for h in "${harnesses[@]}"; do
  if [ ${#pids[@]} -ge "$jobs" ]; then
    status=0
    wait "${pids[0]}" || status=$?
    report "${names[0]}" "$status"
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
  fi
  run "$h" &
  pids+=($!)
  names+=("$h")
done
for k in "${!pids[@]}"; do
  status=0
  wait "${pids[$k]}" || status=$?
  report "${names[$k]}" "$status"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
