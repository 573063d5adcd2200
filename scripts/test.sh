#!/usr/bin/env bash
# test.sh — set up, build, and run the whole test suite twice: a normal build, then a
# build with AddressSanitizer and UndefinedBehaviorSanitizer; then a short fuzz pass
# (scripts/fuzz.sh: every libFuzzer harness for RUBRIC_FUZZ_SECONDS, default 30, two at
# a time, seeded with tests/fuzz/corpus), so that a regression in a reader fails here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build -DRUBRIC_WERROR=ON
(cd build && ctest --output-on-failure -j "$(nproc)")
scripts/build.sh build-asan -DRUBRIC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export RUBRIC_GEN_COUNT=${RUBRIC_GEN_COUNT_ASAN:-600}
(cd build-asan && ctest --output-on-failure -j "$(nproc)")
scripts/fuzz.sh "${RUBRIC_FUZZ_SECONDS:-30}" 2
