#!/usr/bin/env bash
# html.sh RUBRIC_BIN [browser] — rubric run/batch --format html.
# Without "browser": the page itself — self-contained (no script, no link, no font or image fetched; the only URL
# is the SVG namespace), the numbers of the result in it (seed 004: 3.64 ×7 / 3.63 ×4, total 100.00; seed 001:
# 98.62 against 98.77, 0.33 for 新增省级或以上孵化载体数量), both languages, batch anchors that resolve.
# With "browser": scripts/screenshots.sh renders the pages of seeds 004 and 001 and of a 1,000-report batch in
# headless Chromium, in both languages; each must have rendered (a PNG), logged no console message, and its DOM
# must hold the key numbers.  Skipped (77) with a message when Chromium is not installed.
set -u
bin=$1
mode=${2:-page}
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
has() { grep -qF -- "$2" "$1" && ok || no "$1: want $2"; }
hasnt() { grep -qiF -- "$2" "$1" && no "$1: must not contain $2" || ok; }

if [ "$mode" = browser ]; then
  bash scripts/screenshots.sh "$tmp" "$bin" 1000 >"$tmp/shots.out" 2>&1
  st=$?
  if [ $st = 77 ]; then
    echo "SKIPPED: chromium is not installed (scripts/setup.sh installs it; CI has it)"
    exit 77
  fi
  [ $st = 0 ] && ok || { no "screenshots.sh exit $st"; tail -5 "$tmp/shots.out"; }
  for page in seed004 seed001 batch; do
    for lang in zh en; do
      p=$tmp/$page.$lang
      [ "$(head -c 8 "$p.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok || no "$p.png is not a PNG"
      [ "$(wc -c <"$p.png")" -gt 20000 ] && ok || no "$p.png is too small to show the page"
      if [ $page != batch ]; then
        [ "$(head -c 5 "$p.pdf")" = "%PDF-" ] && ok || no "$p.pdf is not a PDF"
        [ "$(wc -c <"$p.pdf")" -gt 20000 ] && ok || no "$p.pdf is too small to hold the page"
      fi
      grep -E 'CONSOLE|Uncaught|Failed to load resource|net::ERR' "$p.log" >"$tmp/console" && {
        no "$p: console messages"
        head -5 "$tmp/console"
      } || ok
      has "$p.dom" "</svg>"
    done
  done
  has "$tmp/seed004.zh.dom" "评分表（复核）"
  has "$tmp/seed004.en.dom" "Scoring table (recomputed)"
  for lang in zh en; do
    has "$tmp/seed004.$lang.dom" ">100.00</b>"
    has "$tmp/seed004.$lang.dom" '<td class="n">3.64</td>'
    has "$tmp/seed004.$lang.dom" '<td class="n">3.63</td>'
    has "$tmp/seed001.$lang.dom" ">98.62</b>"
    has "$tmp/seed001.$lang.dom" "98.77"
    has "$tmp/seed001.$lang.dom" '<span class="neg">-0.15</span>'
  done
  has "$tmp/batch.zh.dom" "报告 1000 份 · 复核 1000 份 · 失败 0 份"
  has "$tmp/batch.en.dom" "1000 reports · 1000 scored · 0 failed"
  has "$tmp/batch.en.dom" 'id="r999"'
  check_done "html (browser)"
  exit
fi

for lang in zh en; do
  "$bin" run rules/gd-project-20-40-40.rubric examples/jiangmen-2024-keji-fazhan.json --format html --lang $lang \
    >"$tmp/004.$lang.html"
  [ $? = 0 ] && ok || no "run 004 --format html --lang $lang: exit status"
  "$bin" run rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json --format html --lang $lang \
    >"$tmp/001.$lang.html"
  for f in "$tmp/004.$lang.html" "$tmp/001.$lang.html"; do
    [ "$(head -1 "$f")" = "<!DOCTYPE html>" ] && ok || no "$f: doctype"
    [ "$(tail -1 "$f")" = "</html>" ] && ok || no "$f: complete"
    hasnt "$f" "<script"
    hasnt "$f" "<link"
    hasnt "$f" "<img"
    hasnt "$f" "@import"
    hasnt "$f" "url("
    hasnt "$f" "@font-face"
    [ "$(grep -o 'https\?://[^"]*' "$f" | sort -u)" = "http://www.w3.org/2000/svg" ] && ok || no "$f: a URL"
    [ "$(grep -c '<svg' "$f")" = 2 ] && ok || no "$f: two charts (bars, waterfall)"
  done
done
# Seed 004: the split in the table, the explanation on demand, the total.
[ "$(grep -c '<td class="n">3.64</td><td class="n">3.64</td><td class="n">3.64</td>' "$tmp/004.zh.html")" = 7 ] &&
  ok || no "004: seven rows of 3.64"
[ "$(grep -c '<td class="n">3.63</td><td class="n">3.63</td><td class="n">3.63</td>' "$tmp/004.zh.html")" = 4 ] &&
  ok || no "004: four rows of 3.63"
has "$tmp/004.zh.html" "<details><summary>计算说明</summary><div>目标 110次以上<br>实际 145次<br>计算：min(145/110, 1) × 3.64 = 3.64<br></div></details>"
has "$tmp/004.en.html" "<details><summary>how it was computed</summary><div>target 110次以上<br>actual 145次<br>formula: min(145/110, 1) × 3.64 = 3.64<br></div></details>"
has "$tmp/004.zh.html" '<p class="summary">总分 <b>100.00</b> · 等级 <b>优</b> · 自评总分 100.00 · 差异 <span class="pos">0.00</span></p>'
has "$tmp/004.en.html" '<p class="summary">total <b>100.00</b> · grade <b>优</b> · self total 100.00 · difference'
# Seed 001: 98.62 against 98.77; the waterfall runs from the self total through the items to the total.
has "$tmp/001.zh.html" '总分 <b>98.62</b> · 等级 <b>优</b> · 自评总分 98.77 (优秀) · 差异 <span class="neg">-0.15</span>'
has "$tmp/001.zh.html" '新增省级或以上孵化载体数量'
has "$tmp/001.zh.html" '计算：min(1/2, 1) × 0.66 = 0.33'
has "$tmp/001.zh.html" '<h3>从自评总分到复核总分</h3>'
has "$tmp/001.en.html" '<h3>From the self total to the recomputed total</h3>'
has "$tmp/001.zh.html" '>未说明的差异</text>'
has "$tmp/001.zh.html" '>+1.23</text>'
has "$tmp/001.zh.html" '>98.77</text>'
has "$tmp/001.zh.html" '>98.62</text>'
has "$tmp/001.zh.html" '精确值 0.264 → 0.26（四舍五入，保留 2 位）'

# A batch: overview, histogram, grades, most challenged with links to sections that exist.
python3 - "$tmp/in.jsonl" <<'PY'
import json, sys
r = json.load(open("examples/jiangmen-2024-keji-fazhan.json"))
with open(sys.argv[1], "w") as f:
    for i in range(30):
        r["id"] = "r%02d" % i
        r["self_total"] = 100 - i % 3  # deltas 0, +1, +2: 10 each
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
    f.write("{not json\n")
PY
"$bin" batch rules/gd-project-20-40-40.rubric "$tmp/in.jsonl" --format html --lang zh -q -j 2 -o "$tmp/b.html"
[ $? = 3 ] && ok || no "batch html with a bad line: exit 3"
has "$tmp/b.html" "报告 31 份 · 复核 30 份 · 失败 1 份 · 存疑 30 份"
[ "$(grep -c '<section id="r' "$tmp/b.html")" = 31 ] && ok || no "batch: 31 sections"
has "$tmp/b.html" '<section id="r30">'
has "$tmp/b.html" '无法复核：'
for a in $(grep -o 'href="#r[0-9]*"' "$tmp/b.html" | sed 's/href="#//; s/"//'); do
  grep -q "<section id=\"$a\">" "$tmp/b.html" || no "batch: link #$a has no section"
done
[ "$(grep -c 'href="#r' "$tmp/b.html")" = 20 ] && ok || no "batch: the 20 most challenged linked"
has "$tmp/b.html" '<tr><td><a href="#r1">r01</a></td><td class="n">100.00</td><td>— → 优</td><td class="n pos">+1.00</td></tr>'
# Histogram: ten reports in each of the bins 0, +1, +2 (width 1, from 0).
[ "$(grep -o 'text-anchor="middle">10</text>' "$tmp/b.html" | wc -l)" = 3 ] && ok || no "histogram: three bins of 10"
has "$tmp/b.html" '<tr><th>无</th><td class="n">30</td></tr>'
"$bin" batch rules/gd-project-20-40-40.rubric "$tmp/in.jsonl" --format html --lang fr -q >/dev/null 2>&1
[ $? = 2 ] && ok || no "batch --lang fr: exit 2"

check_done "html"
