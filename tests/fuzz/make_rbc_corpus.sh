#!/usr/bin/env bash
# make_rbc_corpus.sh RUBRIC_BIN — compile the rubrics that seed the .rbc harnesses (fuzz_rbc,
# fuzz_rbc_run) into tests/fuzz/corpus/rbc/, one NAME.rbc each, named after the source.
#
# Chosen so that, between them, they hold every opcode, built-in function, field, split policy and
# rounding mode the compiler emits (checked with `rubric disasm` when the set was chosen), with the
# shipped rules that the harness's reports exercise; small golden cases first.  Run it from the
# project root when the compiler's output or the .rbc format changes, and commit the result.
# Inputs that once crashed a harness live beside these, named crash-*.rbc; this script leaves them.
set -euo pipefail
bin=$1
out=tests/fuzz/corpus/rbc
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
  RUBRIC_PATH=tests/golden/lib "$bin" compile "$src" -o "$out/$name.rbc"
done
du -ch "$out"/*.rbc | tail -1
