#!/usr/bin/env bash
# test.sh — set up, build, and run the whole test suite twice: a normal build, then a
# build with AddressSanitizer and UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh build -DRUBRIC_WERROR=ON
(cd build && ctest --output-on-failure -j "$(nproc)")
scripts/build.sh build-asan -DRUBRIC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export RUBRIC_GEN_COUNT=${RUBRIC_GEN_COUNT_ASAN:-600}
(cd build-asan && ctest --output-on-failure -j "$(nproc)")
