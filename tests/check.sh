# check.sh — the shell twin of check.h, sourced by the test scripts (tests/cli/*.sh and others) right after they
# take their arguments:
#
#   . "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
#
# It gives $tmp, a fresh folder removed when the script exits; ok, which counts a pass; no MESSAGE…, which counts
# a failure and prints "FAIL: MESSAGE"; and check_done [LABEL], which prints "[LABEL: ]N passed, N failed" and
# returns 1 when anything failed — the script's last command, so its exit status.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*"; }
check_done() {
  echo "${1:+$1: }$pass passed, $fail failed"
  [ "$fail" = 0 ]
}
