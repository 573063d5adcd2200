#!/usr/bin/env bash
# screenshots.sh [OUTDIR] [RUBRIC_BIN] [BATCH_SIZE] — render rubric's HTML pages in headless Chromium (Debian package
# `chromium`), in both languages: seed 004 (examples/jiangmen-2024-keji-fazhan.json), seed 001
# (examples/jiangmen-2023-dept.json) and a batch of BATCH_SIZE (default 1,000) reports made from seed 004 with
# varied actuals.
# For each page NAME.LANG it writes, in OUTDIR (default: screenshots):
#   NAME.LANG.html   the page as rubric wrote it
#   NAME.LANG.png    the screenshot (the first 1200 × 2400 px of the page)
#   NAME.LANG.pdf    a report's whole page as printed (A4, Chromium's print-to-PDF), however long it is (not for
#                    the batch page, whose 1,000-row table would print to hundreds of pages)
#   NAME.LANG.dom    the DOM after loading (--dump-dom), for checking the page's text
#   NAME.LANG.log    Chromium's log of loading it, console messages included (--enable-logging=stderr)
# Exits 77 when Chromium is not installed (scripts/setup.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-screenshots}
bin=${2:-build/rubric}
size=${3:-1000}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "screenshots.sh: chromium is not installed (apt-get install chromium, or scripts/setup.sh)" >&2
  exit 77
fi
mkdir -p "$out"
python3 - "$out/batch.jsonl" "$size" <<'PY'
import json, random, sys
random.seed(16)
r = json.load(open("examples/jiangmen-2024-keji-fazhan.json"))
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        q = json.loads(json.dumps(r))
        q["id"] = "r%04d" % i
        for row in q["indicators"]:
            if row["actual"].endswith("人") and random.random() < 0.3:
                row["actual"] = "%d人" % random.randint(2000, 6000)
        q["self_total"] = 100 - (i % 7) * 0.5
        f.write(json.dumps(q, ensure_ascii=False) + "\n")
PY
for lang in zh en; do
  "$bin" run rules/gd-project-20-40-40.rubric examples/jiangmen-2024-keji-fazhan.json --format html --lang $lang \
    >"$out/seed004.$lang.html"
  "$bin" run rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json --format html --lang $lang \
    >"$out/seed001.$lang.html"
  "$bin" batch rules/gd-project-20-40-40.rubric "$out/batch.jsonl" --format html --lang $lang -q -j 2 \
    -o "$out/batch.$lang.html"
done
# One browser per page, all at once (each spends most of its time starting up): the screenshot and the DOM in
# one run, a fresh profile each; --no-sandbox because CI runs as root.
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --disable-extensions
       --disable-background-networking --disable-sync --disable-component-update --mute-audio
       --enable-logging=stderr --v=0 --window-size=1200,2400)
pids=()
for page in "$out"/*.html; do
  name=${page%.html}
  profile=$(mktemp -d)
  pdf=()
  case $name in */batch.*) ;; *) pdf=(--print-to-pdf="$name.pdf" --no-pdf-header-footer) ;; esac
  ("$browser" "${flags[@]}" --user-data-dir="$profile" --screenshot="$name.png" "${pdf[@]}" --dump-dom \
     "file://$(realpath "$page")" >"$name.dom" 2>"$name.log"; rm -rf "$profile") &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
echo "screenshots in $out/"
