#!/usr/bin/env bash
# check_generated.sh — generated reports scored by rules/gd-project-20-40-40.rubric must agree,
# to the cent, total and grade, with the independent implementation of the rules
# (tests/rules/independent_gd.py), which scores the generator's semantic model.
#
#   bash tests/rules/check_generated.sh RUBRIC_BIN
#
# RUBRIC_GEN_COUNT (default 3000) sets the number of reports, RUBRIC_GEN_SEED (default 20240401)
# the seed; RUBRIC_GEN_KEEP=DIR keeps the reports, truth and results in DIR (they are kept in
# the temporary directory anyway when some report disagrees).  Prints up to 20
# mismatches with the report file and the items that differ, then "N passed, N failed".
# Exit 0 only when every report agrees.
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 RUBRIC_BIN" >&2
  exit 2
fi
rubric_bin=$1
# The reports are scored from inside their directory: a relative path must not depend on it.
case $rubric_bin in
  /*) ;;
  */*) rubric_bin=$PWD/$rubric_bin ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${RUBRIC_GEN_COUNT:-3000}
seed=${RUBRIC_GEN_SEED:-20240401}

if [ -n "${RUBRIC_GEN_KEEP:-}" ]; then
  work=$RUBRIC_GEN_KEEP
  rm -rf "$work/reports"
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/rubric-gd-gen.XXXXXX")
  trap 'rm -rf "$work"' EXIT           # removed below when reports disagree, to keep them
fi

python3 "$root/bench/gen_reports.py" --count "$count" --seed "$seed" \
  --out "$work/reports" --truth "$work/truth.jsonl"

# rubric exits 3 when a report cannot be scored and goes on with the others; a report missing
# from the results is counted as failed below, so the exit status of the runs is not used here.
( cd "$work/reports" && find . -name '*.json' -printf '%f\n' | LC_ALL=C sort |
    xargs -n 500 "$rubric_bin" run "$root/rules/gd-project-20-40-40.rubric" --format json ) \
  > "$work/got.jsonl" 2> "$work/stderr.txt" || true

status=0
python3 - "$work" <<'EOF' || status=$?
import json
import os
import sys
from decimal import Decimal

work = sys.argv[1]
truth = [json.loads(line) for line in open(os.path.join(work, "truth.jsonl"), encoding="utf-8")]
got = {}
for line in open(os.path.join(work, "got.jsonl"), encoding="utf-8"):
    line = line.strip()
    if line:
        r = json.loads(line, parse_float=Decimal)
        got[r["id"]] = r
errors = [l.rstrip("\n") for l in open(os.path.join(work, "stderr.txt"), encoding="utf-8", errors="replace")]
if not got and errors:
    print("rubric scored no report; its messages begin:")
    for line in errors[:15]:
        print("    " + line)


def items_of(result):
    """{(section, item): (score, target, actual, explain)} from a result tree."""
    out = {}
    for section in result["tree"].get("children", []):
        for item in section.get("children", []):
            out[(section["name"], item["name"])] = (item.get("score"), item.get("target"), item.get("actual"),
                                                    item.get("explain"))
    return out


passed = failed = shown = item_only = 0
for t in truth:
    rid = t["id"]
    r = got.get(rid)
    why = None
    if r is None:
        why = "no result from rubric"
        related = [e for e in errors if rid in e][:3]
        if related:
            why += ": " + " | ".join(related)
    elif r.get("total") is None or Decimal(str(r["total"])) != Decimal(t["total"]) or r.get("grade") != t["grade"]:
        why = "expected total %s grade %s, got total %s grade %s" % (t["total"], t["grade"], r.get("total"),
                                                                     r.get("grade"))
    if why is None:
        passed += 1
        have = items_of(r)
        for sec, name, share, score in t["items"]:
            g = have.get((sec, name))
            if g is None or g[0] is None or Decimal(str(g[0])) != Decimal(score):
                item_only += 1
                if item_only <= 5:
                    print("note: %s agrees in total, but %s › %s: expected %s, got %s"
                          % (rid, sec, name, score, None if g is None else g[0]))
        continue
    failed += 1
    if shown >= 20:
        continue
    shown += 1
    print("MISMATCH %s (%s): %s" % (rid, os.path.join(work, "reports", rid + ".json"), why))
    if r is not None:
        have = items_of(r)
        for sec, name, share, score in t["items"]:
            g = have.get((sec, name))
            if g is None:
                print("    %s › %s: expected %s (share %s), missing from rubric's tree" % (sec, name, score, share))
            elif g[0] is None or Decimal(str(g[0])) != Decimal(score):
                print("    %s › %s: expected %s (share %s), got %s; target %r actual %r; %s"
                      % (sec, name, score, share, g[0], g[1], g[2], g[3]))
        expected_keys = {(sec, name) for sec, name, _, _ in t["items"]}
        for key in have:
            if key not in expected_keys:
                print("    %s › %s: in rubric's tree, not expected" % key)
if item_only:
    print("note: %d items differ in reports whose total and grade agree" % item_only)
print("%d passed, %d failed" % (passed, failed))
sys.exit(0 if failed == 0 and passed > 0 else 1)
EOF
if [ "$status" -ne 0 ] && [ -z "${RUBRIC_GEN_KEEP:-}" ]; then
  trap - EXIT
  echo "reports, truth.jsonl and got.jsonl kept in $work"
fi
exit "$status"
