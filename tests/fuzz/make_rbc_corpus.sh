#!/usr/bin/env bash
# make_rbc_corpus.sh RUBRIC_BIN OUT — compile the rubrics that seed the .rbc harnesses (fuzz_rbc,
# fuzz_rbc_run) into the folder OUT, one NAME.rbc each, named after the source.  The .rbc seeds are
# made afresh from the sources by every build that uses them (CTest's replay of fuzz_rbc and
# fuzz_rbc_run, scripts/fuzz.sh) rather than committed: they follow the compiler and the format.
#
# Chosen so that, between them, they hold every opcode, built-in function, field, split policy and
# rounding mode the compiler emits (checked with `rubric disasm` when the set was chosen), with the
# shipped rules that the harness's reports exercise.  Run from the project root.
set -euo pipefail
bin=$1
out=$2
sources=(
  rules/gd-project-20-40-40.rubric
  rules/gd-dept-overall.rubric
  rules/mof-2020-project-self.rubric
  rules/checks.rubric
  examples/native/weighted.rubric
  tests/golden/aggregates/indicators.rubric
  tests/golden/doc/first.rubric
  tests/golden/doc/inputs.rubric
  tests/golden/exact/modes.rubric
  tests/golden/lang/expressions.rubric
  tests/golden/lang/row-lookup.rubric
  tests/golden/missing/policies.rubric
  tests/golden/runtime/division-by-zero.rubric
  tests/golden/split/by-row.rubric
  tests/golden/split/default-places.rubric
  tests/golden/split/floor-last.rubric
  tests/golden/split/largest-remainder.rubric
  tests/golden/step/table.rubric
  tests/golden/weights/na.rubric
)
mkdir -p "$out"
for src in "${sources[@]}"; do
  name=$(echo "${src%.rubric}" | sed 's|^tests/golden/||; s|/|-|g')
  RUBRIC_PATH=tests/golden/lib "$bin" compile "$src" -o "$out/$name.rbc" >/dev/null
done
echo "${#sources[@]} passed, 0 failed"
