# bench/ref_binary.sh — sourced by compare_ref.sh and compare_compile.sh: sets OLD to the reference rubric
# binary: $CMP_REF_BIN when given, else a Release build of revision $REF (default main) made once in
# $WORK/ref-REV from a clone (not a worktree: nothing is registered in this repository).
# Needs ROOT, REF and WORK set.
if [[ -n ${CMP_REF_BIN:-} ]]; then
  OLD=$CMP_REF_BIN
else
  rev=$(git -C "$ROOT" rev-parse "$REF")
  if [[ ! -x $WORK/ref-$rev/build/rubric ]]; then
    rm -rf "$WORK/ref-$rev"
    git clone -q --no-checkout "$ROOT" "$WORK/ref-$rev"
    git -C "$WORK/ref-$rev" checkout -q "$rev"
    cmake -S "$WORK/ref-$rev" -B "$WORK/ref-$rev/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$WORK/ref-$rev/build" -j "$(nproc)" --target rubric >/dev/null
  fi
  OLD=$WORK/ref-$rev/build/rubric
fi
