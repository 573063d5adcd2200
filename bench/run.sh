#!/usr/bin/env bash
# bench/run.sh — the benchmark of `rubric batch` against the same rules written by hand in C over
# json-c, Lua 5.4 with lua-cjson, Python 3 with fractions, and jq (bench/README.md explains the
# peers; docs/performance.md records a run and what it means).
#
#   bench/run.sh [all|deps|build|gen|check|time|big|compile|compile-scaling|profile]     (default: all)
#
# `all` installs what the peers need (apt-get, only what is missing), builds rubric (Release) and
# the C peer, generates BENCH_N reports, checks that every peer gives rubric's id, total and grade
# for every report (and rubric the generator's independently computed ones), times each side by
# side, and times the compilation of a generated 10,000-line rubric; with BENCH_BIG=1 it also
# measures rubric's peak memory over 1,000,000 reports, with BENCH_PROFILE=1 it says where
# rubric's time goes (perf).  A mismatch stops the run with exit status 1 and lists the reports.
#
# Environment (defaults in brackets):
#   BENCH_N        reports to generate and score [100000]
#   BENCH_SEED     generator seed [1]
#   BENCH_JQ_N     reports jq scores (it is ~40x slower than rubric; reports/s is per report) [5000]
#   BENCH_REPEAT   timed runs of each peer; the table shows the median [3]
#   BENCH_BIG=1    also score 1,000,000 reports with rubric -j1 and -j2 and show peak RSS
#   BENCH_PROFILE=1  also profile rubric batch -j1 and rubric check of the big rubric with perf
#   BENCH_WORK     work directory (reports are cached here between runs) [/tmp/rubric-bench]
#   BENCH_BUILD    rubric build directory [$BENCH_WORK/build]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${BENCH_N:-100000}
SEED=${BENCH_SEED:-1}
JQ_N=${BENCH_JQ_N:-5000}
REPEAT=${BENCH_REPEAT:-3}
WORK=${BENCH_WORK:-/tmp/rubric-bench}
BUILD=${BENCH_BUILD:-$WORK/build}
MODE=${1:-all}

RULES=$ROOT/rules/gd-project-20-40-40.rubric
PEERS=$ROOT/bench/peers
RUBRIC=$BUILD/rubric
C_PEER=$WORK/gd_peer
CJSON_PEER=$WORK/gd_cjson
SIMDJSON_ONLY=$WORK/simdjson_parse_only
PARSE_ONLY=$WORK/json_parse_only
# The cached reports depend on the generator too: a changed gen_reports.py makes new ones.
GEN_ID=$(sha256sum "$ROOT/bench/gen_reports.py" "$ROOT/tests/rules/independent_gd.py" | sha256sum | cut -c1-8)
REPORTS=$WORK/reports-$N-$SEED-$GEN_ID.jsonl
TRUTH=$WORK/truth-$N-$SEED-$GEN_ID.jsonl
OUT=$WORK/out
RESULTS=$WORK/results.txt
CHUNK=10000 # reports per generator process (generated in parallel, concatenated in order)

mkdir -p "$WORK" "$OUT"
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg) # before this script's own work (generating) loads it
if ((JQ_N > N)); then JQ_N=$N; fi
JQ_SLICE=$WORK/reports-$N-$SEED-$GEN_ID-first$JQ_N.jsonl

say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }
step() { printf '\n== %s\n' "$*" >&2; }
die() { printf 'bench/run.sh: %s\n' "$*" >&2; exit 1; }

# ---- Dependencies ----------------------------------------------------------------------------

# Debian packages the peers and the timing need; installed only when missing.
deps() {
  step "dependencies"
  local want=(jq lua5.4 lua-cjson time libjson-c-dev libcjson-dev libsimdjson-dev g++ libyajl-dev cmake gcc python3) missing=()
  for p in "${want[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then
    echo "all installed: ${want[*]}" >&2
    return
  fi
  local sudo=()
  ((EUID == 0)) || sudo=(sudo)
  echo "installing: ${missing[*]}" >&2
  "${sudo[@]}" apt-get install -y "${missing[@]}" >&2 ||
    { "${sudo[@]}" apt-get update >&2 && "${sudo[@]}" apt-get install -y "${missing[@]}" >&2; }
}

# ---- Builds ----------------------------------------------------------------------------------

build() {
  step "building rubric (Release) in $BUILD and the C peer"
  cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >"$WORK/cmake.log" 2>&1 ||
    { cat "$WORK/cmake.log" >&2; die "cmake configure failed"; }
  cmake --build "$BUILD" -j "$(nproc)" --target rubric >>"$WORK/cmake.log" 2>&1 ||
    { tail -30 "$WORK/cmake.log" >&2; die "building rubric failed"; }
  # The same optimisation as rubric's Release build (-O3 -DNDEBUG).
  cc -std=c11 -O3 -DNDEBUG -Wall -Wextra -o "$C_PEER" "$PEERS/gd_peer.c" -ljson-c
  cc -std=c11 -O3 -DNDEBUG -Wall -Wextra -o "$PARSE_ONLY" "$PEERS/json_parse_only.c" -ljson-c
  cc -std=c11 -O3 -DNDEBUG -Wall -Wextra -o "$CJSON_PEER" "$PEERS/gd_cjson.c" -lcjson -lm
  c++ -std=c++17 -O3 -DNDEBUG -Wall -Wextra -o "$SIMDJSON_ONLY" "$PEERS/simdjson_parse_only.cpp" -lsimdjson
}

need_built() {
  [[ -x $RUBRIC && -x $C_PEER && -x $PARSE_ONLY && -x $CJSON_PEER && -x $SIMDJSON_ONLY ]] || build
}

# ---- Reports ---------------------------------------------------------------------------------

# BENCH_N reports in chunks of CHUNK generated in parallel; chunk k uses seed SEED*1000+k, so the
# file depends only on N and SEED.  Cached: generated once per (N, SEED).
gen() {
  if [[ -s $REPORTS && -s $TRUTH ]]; then
    echo "reports: $REPORTS (cached)" >&2
  else
    step "generating $N reports (bench/gen_reports.py, seed $SEED) in $WORK"
    [[ -f $ROOT/bench/gen_reports.py ]] || die "bench/gen_reports.py is missing"
    local chunks=$(((N + CHUNK - 1) / CHUNK)) start=$SECONDS running=0 count
    rm -f "$WORK"/chunk-*
    for ((k = 0; k < chunks; k++)); do
      count=$CHUNK
      ((k == chunks - 1)) && count=$((N - k * CHUNK))
      python3 "$ROOT/bench/gen_reports.py" --count "$count" --seed $((SEED * 1000 + k)) \
        --jsonl "$WORK/chunk-$k.jsonl" --truth "$WORK/chunk-$k.truth" &
      if ((++running >= $(nproc))); then
        wait -n || die "bench/gen_reports.py failed"
        running=$((running - 1))
      fi
    done
    while ((running > 0)); do
      wait -n || die "bench/gen_reports.py failed"
      running=$((running - 1))
    done
    : >"$REPORTS.tmp"
    : >"$TRUTH.tmp"
    for ((k = 0; k < chunks; k++)); do
      cat "$WORK/chunk-$k.jsonl" >>"$REPORTS.tmp"
      cat "$WORK/chunk-$k.truth" >>"$TRUTH.tmp"
    done
    rm -f "$WORK"/chunk-*
    mv "$TRUTH.tmp" "$TRUTH"
    mv "$REPORTS.tmp" "$REPORTS"
    echo "generated $N reports in $((SECONDS - start)) s" >&2
  fi
  [[ -s $JQ_SLICE ]] || head -n "$JQ_N" "$REPORTS" >"$JQ_SLICE"
}

# ---- The peers -------------------------------------------------------------------------------

PEER_NAMES=(rubric-j1 rubric-j2 c cjson lua python jq)
# Timed as well: two C peers at once, each on the whole file — what the machine's two cores give a
# program that shares nothing, the ceiling for rubric -j 2 ÷ -j 1; and json-c parsing every report
# and scoring nothing, with its default flags as the C peer parses and in strict mode with UTF-8
# checked (what rubric's own reader guarantees): the floor under any program that reads through
# json-c's tree; and simdjson (the fastest parser Debian packages) parsing every report into its
# DOM: the floor under any program at all that reads these reports.
TIMED_NAMES=(rubric-j1 rubric-j2 c cjson c-x2 json-plain json-rubric simdjson lua python jq)

peer_label() {
  case $1 in
  rubric-j1) echo "rubric batch -j 1" ;;
  rubric-j2) echo "rubric batch -j 2" ;;
  c) echo "C11 + json-c (gd_peer.c)" ;;
  cjson) echo "C11 + cJSON, doubles (gd_cjson.c)" ;;
  simdjson) echo "simdjson parse only (floor)" ;;
  c-x2) echo "2 × C peer at once (machine's 2-core scaling)" ;;
  json-plain) echo "json-c parse only, as the C peer (floor)" ;;
  json-rubric) echo "json-c parse only, strict + UTF-8 (floor)" ;;
  lua) echo "Lua 5.4 + lua-cjson (gd.lua)" ;;
  python) echo "Python 3 + Fraction (gd.py)" ;;
  jq) echo "jq 1.6 (gd.jq)" ;;
  esac
}

peer_count() {
  case $1 in
  jq) echo "$JQ_N" ;;
  c-x2) echo $((2 * N)) ;;
  *) echo "$N" ;;
  esac
}

# The command of a peer (CMD) and its standard input (STDIN).  rubric reads the file itself, as a
# user runs it; the peers read standard input.  (rubric writes to standard output here rather than
# with -o: -o renames a temporary file over its target.)
# shellcheck disable=SC2016 # c-x2's inner script expands its own arguments
peer_cmd() {
  STDIN=$REPORTS
  case $1 in
  rubric-j1) CMD=("$RUBRIC" batch "$RULES" "$REPORTS" -j 1 -q) STDIN=/dev/null ;;
  rubric-j2) CMD=("$RUBRIC" batch "$RULES" "$REPORTS" -j 2 -q) STDIN=/dev/null ;;
  c) CMD=("$C_PEER") ;;
  cjson) CMD=("$CJSON_PEER") ;;
  simdjson) CMD=("$SIMDJSON_ONLY") ;;
  json-plain) CMD=("$PARSE_ONLY") ;;
  json-rubric) CMD=("$PARSE_ONLY" --like-rubric) ;;
  c-x2) CMD=(bash -c '"$0" <"$1" >"$2.a" & "$0" <"$1" >"$2.b"; wait' "$C_PEER" "$REPORTS" "$OUT/c-x2") ;;
  lua) CMD=(lua5.4 "$PEERS/gd.lua") ;;
  python) CMD=(python3 "$PEERS/gd.py") ;;
  jq) CMD=(jq -nr -f "$PEERS/gd.jq") STDIN=$JQ_SLICE ;;
  esac
}

# Run a peer, its CSV to $OUT/NAME.csv.
run_peer() {
  peer_cmd "$1"
  "${CMD[@]}" <"$STDIN" >"$OUT/$1.csv"
}

# Run a peer under /usr/bin/time: wall s, user s, system s, peak RSS KiB to the file $2.
timed_peer() {
  peer_cmd "$1"
  /usr/bin/time -f '%e %U %S %M' -o "$2" "${CMD[@]}" <"$STDIN" >"$OUT/$1.csv"
}

# ---- Agreement -------------------------------------------------------------------------------

# compare REFERENCE.csv|.jsonl OTHER.csv COUNT LABEL: OTHER must have COUNT rows, and every id the
# reference's total and grade; prints the disagreements (at most 20) and exits 1 when there are any.
COMPARE_PY='
import csv, json, sys
ref_path, other_path, count, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def key(row):
    return ("error", row["error"]) if row.get("error") else (row["total"], row["grade"])
ref = {}
if ref_path.endswith(".jsonl"):
    for line in open(ref_path, encoding="utf-8"):
        t = json.loads(line)
        ref[t["id"]] = (t["total"], t["grade"])
else:
    for row in csv.DictReader(open(ref_path, encoding="utf-8", newline="")):
        ref[row["id"]] = key(row)
bad = n = 0
for row in csv.DictReader(open(other_path, encoding="utf-8", newline="")):
    n += 1
    want, got = ref.get(row["id"]), key(row)
    if want != got:
        bad += 1
        if bad <= 20:
            print("  MISMATCH %s: %s, reference %s" % (row["id"], " ".join(got), " ".join(want) if want else "none"))
if n != count:
    print("  %s: %d rows, expected %d" % (label, n, count))
    bad += 1
print("  %-36s %7d reports, %d disagree" % (label, n, bad))
sys.exit(1 if bad else 0)
'

check() {
  need_built
  gen
  step "checking agreement: id, total, grade of every report"
  say ""
  say "Agreement (id, total and grade of every report, against rubric batch -j 1):"
  local failed=0
  for name in "${PEER_NAMES[@]}"; do
    echo "  running $(peer_label "$name")" >&2
    run_peer "$name"
  done
  python3 -c "$COMPARE_PY" "$TRUTH" "$OUT/rubric-j1.csv" "$N" "rubric vs the generator's truth" |
    tee -a "$RESULTS" || failed=1
  for name in rubric-j2 c cjson lua python jq; do
    python3 -c "$COMPARE_PY" "$OUT/rubric-j1.csv" "$OUT/$name.csv" "$(peer_count "$name")" "$(peer_label "$name")" |
      tee -a "$RESULTS" || failed=1
  done
  ((failed == 0)) || die "the peers disagree (above); fix the peer (or report the rubric bug) before timing"
}

# ---- Timing ----------------------------------------------------------------------------------

median() { sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

# Time every peer REPEAT times, round robin (so a slow moment of the machine hits all of them);
# report the median wall time, CPU time and the largest peak RSS.
time_peers() {
  need_built
  gen
  step "timing: $REPEAT run(s) of each peer, round robin"
  local tdir=$WORK/times
  rm -rf "$tdir"
  mkdir -p "$tdir"
  for ((r = 1; r <= REPEAT; r++)); do
    for name in "${TIMED_NAMES[@]}"; do
      timed_peer "$name" "$tdir/$name.$r"
      echo "  run $r/$REPEAT $(peer_label "$name"): $(cut -d' ' -f1 "$tdir/$name.$r") s" >&2
    done
  done
  local base_rate
  declare -A RATE
  say ""
  say "Throughput, $(date -u '+%Y-%m-%d %H:%M UTC'), median of $REPEAT run(s); ratio = this peer's reports/s ÷ rubric -j 1's:"
  say ""
  say "| peer | reports | wall s | CPU s | reports/s | ratio to rubric -j 1 | peak RSS MiB |"
  say "|---|---:|---:|---:|---:|---:|---:|"
  for name in "${TIMED_NAMES[@]}"; do
    local wall cpu rss count rate
    wall=$(cat "$tdir/$name".* | awk '{print $1}' | median)
    cpu=$(cat "$tdir/$name".* | awk '{print $2 + $3}' | median)
    rss=$(cat "$tdir/$name".* | awk '{print $4}' | sort -g | tail -1)
    count=$(peer_count "$name")
    rate=$(awk -v n="$count" -v w="$wall" 'BEGIN {printf "%.0f", n / w}')
    [[ $name == rubric-j1 ]] && base_rate=$rate
    say "$(printf '| %s | %s | %.2f | %.2f | %s | %s | %.1f |' "$(peer_label "$name")" "$count" "$wall" "$cpu" "$rate" \
      "$(awk -v r="$rate" -v b="$base_rate" 'BEGIN {printf "%.3f", r / b}')" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')")"
    RATE[$name]=$rate
  done
  if ((JQ_N < N)); then
    say ""
    say "jq scored the first $JQ_N reports only; its reports/s is per report, so the ratio stands."
  fi
  say ""
  say "Targets (issue 14): rubric -j 1 ÷ C + cJSON peer = $(awk -v a="${RATE[rubric-j1]}" -v b="${RATE[cjson]}" 'BEGIN {printf "%.2f", a / b}') (≥ 1.5);" \
    "rubric -j 1's time ÷ simdjson parsing the same file = $(awk -v a="${RATE[simdjson]}" -v b="${RATE[rubric-j1]}" 'BEGIN {printf "%.2f", a / b}') (≤ 3;" \
    "with both cores, -j 2's = $(awk -v a="${RATE[simdjson]}" -v b="${RATE[rubric-j2]}" 'BEGIN {printf "%.2f", a / b}'), against a parse on one);" \
    "-j 2 ÷ -j 1 = $(awk -v a="${RATE[rubric-j2]}" -v b="${RATE[rubric-j1]}" 'BEGIN {printf "%.2f", a / b}') (≥ 1.85)."
  say "Targets (issue 5): rubric -j 1 ÷ C peer = $(awk -v a="${RATE[rubric-j1]}" -v b="${RATE[c]}" 'BEGIN {printf "%.2f", a / b}') (≥ 1.0);" \
    "÷ Lua = $(awk -v a="${RATE[rubric-j1]}" -v b="${RATE[lua]}" 'BEGIN {printf "%.1f", a / b}') (≈ 5);" \
    "÷ jq = $(awk -v a="${RATE[rubric-j1]}" -v b="${RATE[jq]}" 'BEGIN {printf "%.0f", a / b}') (≈ 100);" \
    "-j 2 ÷ -j 1 = $(awk -v a="${RATE[rubric-j2]}" -v b="${RATE[rubric-j1]}" 'BEGIN {printf "%.2f", a / b}') (≥ 1.8 on 2 cores;" \
    "two C peers at once give $(awk -v a="${RATE[c-x2]}" -v b="${RATE[c]}" 'BEGIN {printf "%.2f", a / b}')× one)."
}

# ---- 1,000,000 reports -----------------------------------------------------------------------

# The generated file given to one rubric batch as many times as make 1,000,000 reports: memory is
# what is measured, and rubric streams, so repeating the file changes nothing but the count.
big() {
  need_built
  gen
  local times=$(((1000000 + N - 1) / N)) args=()
  for ((i = 0; i < times; i++)); do args+=("$REPORTS"); done
  local total=$((times * N))
  say ""
  say "Peak RSS over $total reports (the $N-report file given $times times):"
  for j in 1 2; do
    step "rubric batch -j $j over $total reports"
    /usr/bin/time -f '%e %U %S %M' -o "$WORK/big-j$j.time" "$RUBRIC" batch "$RULES" "${args[@]}" -j "$j" -q >/dev/null
    read -r wall _ _ rss <"$WORK/big-j$j.time"
    say "$(printf '  rubric batch -j %d: %.1f s, %.0f reports/s, peak RSS %.1f MiB (target < 64 MiB)' "$j" "$wall" \
      "$(awk -v n="$total" -v w="$wall" 'BEGIN {print n / w}')" "$(awk -v k="$rss" 'BEGIN {print k / 1024}')")"
  done
}

# ---- Compiling a 10,000-line rubric ----------------------------------------------------------

# A generated rubric of 10,639 lines: 125 sections of two subsections each (10 items, and one
# `each` over the indicator table), 125 row-scoring functions and 1,250 functions with `let`.
BIG_RUBRIC_PY='
import sys
S = int(sys.argv[1]) if len(sys.argv) > 1 else 125
from decimal import Decimal
W = Decimal(100) / S  # section weight; the sections add up to 100
fmt = lambda d: format(d.normalize(), "f")
out = []
w = out.append
w("// Generated by bench/run.sh to time compilation: %d sections, %d functions." % (S, S * 11))
w("rubric \"基准：生成的大规则\"")
w("version \"bench\"")
w("total 100")
w("rounding 2 half_up at item")
w("grades 优 >= 90, 良 >= 80, 中 >= 60, 差")
w("")
w("input 指标: table = indicators")
w("input 监管: number = fact \"监管有效性\" missing zero")
w("")
w("fn 上限(r: row) = r.target.cmp in [\"<=\", \"<\"] or (r.target.cmp == \"\" and r.level2 == \"成本指标\")")
w("")
for s in range(S):
    w("fn 得分_%d(r: row, w: number) =" % s)
    w("  if r.target.kind == \"text\" then")
    w("    (if r.actual.text == r.target.text or r.actual.text in [\"达成\", \"完成\", \"已完成\"] then w")
    w("     else if starts_with(r.actual.text, \"部分\") then w * %d%% else 0)" % (50 + s % 30))
    w("  else if r.target.kind == \"date\" then deadline(r.actual, r.target, w)")
    w("  else if 上限(r) then reverse_ratio(r.actual, r.target, w) else positive(r.actual, r.target, w)")
    w("")
    for i in range(10):
        k = s * 10 + i
        w("fn 调整_%d(x: number, w: number) = {" % k)
        w("  let a = x * %d%%;" % (5 + k % 90))
        w("  let b = if a > w then w else a + %d.%02d;" % (k % 3, k % 100))
        w("  clamp(b, 0, w)")
        w("}")
        w("")
for s in range(S):
    w("section 节_%d %s {" % (s, fmt(W)))
    w("  section 定量_%d %s {" % (s, fmt(W / 2)))
    for i in range(10):
        w("    item 项_%d_%d %s = 调整_%d(监管, weight)" % (s, i, fmt(W / 20), s * 10 + i))
    w("  }")
    w("  section 指标_%d %s {" % (s, fmt(W / 2)))
    w("    each r in 指标 where starts_with(r.level1, \"%s\") split largest_remainder 2 = 得分_%d(r, weight)"
      % ("产出" if s % 2 == 0 else "效益", s))
    w("  }")
    w("}")
    w("")
sys.stdout.write("\n".join(out) + "\n")
'

compile_time() {
  need_built
  local big=$WORK/big.rubric
  python3 -c "$BIG_RUBRIC_PY" >"$big"
  step "compiling a generated $(wc -l <"$big")-line rubric"
  "$RUBRIC" check "$big" >/dev/null 2>&1 || { "$RUBRIC" check "$big" >&2; die "the generated rubric does not compile"; }
  local runs=$((REPEAT > 3 ? REPEAT : 3))
  say ""
  say "Compile time (median of $runs runs, wall clock):"
  # --version: the start of any command (the dynamic loader and the libraries linked), which every short command
  # and the serial part of batch -j N pay; docs/dependencies.md, "Loaded when first needed".
  for what in "check $big" "compile $big -o $WORK/big.rbc" "check $RULES" "--version"; do
    local t=()
    for ((r = 1; r <= runs; r++)); do
      # shellcheck disable=SC2086 # $what is a command line of paths without spaces
      t+=("$(elapsed_us "$RUBRIC" $what)")
    done
    say "$(printf '  rubric %-52s %9.1f ms' "${what//$WORK\//}" "$(printf '%s\n' "${t[@]}" | median | awk '{print $1 / 1000}')")"
  done
  say "  (the generated rubric has $(wc -l <"$big") lines; target: under 100 ms)"
  compile_scaling
}

# Compilation must be linear in the size of the rubric: the generated rubric with 1,250 sections
# (106,000 lines) and with twice as many; `rubric check` and `rubric compile` of each, median of 3.
# The larger must take less than 3× the time of the smaller (linear gives 2×, quadratic 4×); the
# 100,000-line one should take under 0.5 s.  A failure here stops the run (exit status 1).  This is
# a benchmark, not a unit test: on a busy machine a single timing says little.
compile_scaling() {
  need_built
  local s1=1250 s2=2500 failed=0
  say ""
  say "Compile time against size (median of 3 runs; linear: the doubled rubric takes < 3× as long):"
  for what in check compile; do
    local ms=()
    for S in $s1 $s2; do
      local f=$WORK/big-$S.rubric t=() args
      [[ -s $f ]] || python3 -c "$BIG_RUBRIC_PY" "$S" >"$f"
      args=("$what" "$f")
      [[ $what == compile ]] && args+=(-o "$WORK/big-$S.rbc")
      "$RUBRIC" "${args[@]}" >/dev/null 2>&1 || die "rubric $what of the generated $S-section rubric failed"
      for r in 1 2 3; do t+=("$(elapsed_us "$RUBRIC" "${args[@]}")"); done
      ms+=("$(printf '%s\n' "${t[@]}" | median | awk '{print $1 / 1000}')")
      say "$(printf '  rubric %-8s %7d lines %9.1f ms' "$what" "$(wc -l <"$f")" "${ms[-1]}")"
    done
    local ratio
    ratio=$(awk -v a="${ms[0]}" -v b="${ms[1]}" 'BEGIN {printf "%.2f", b / a}')
    if awk -v r="$ratio" 'BEGIN {exit !(r < 3)}'; then
      say "  rubric $what: doubling the size takes ${ratio}× the time: linear"
    else
      say "  rubric $what: doubling the size takes ${ratio}× the time: NOT linear"
      failed=1
    fi
  done
  ((failed == 0)) || die "compilation time grows faster than the size of the rubric"
}

# Microseconds a command takes (its output discarded).
elapsed_us() {
  # bash's own clock, in microseconds (its decimal point, whatever the locale, taken out): two runs of date(1)
  # would add their own start to a command that takes a few milliseconds.
  local start end
  start=${EPOCHREALTIME//[!0-9]/}
  "$@" >/dev/null 2>&1
  end=${EPOCHREALTIME//[!0-9]/}
  echo $((end - start))
}

# ---- Where the time goes ---------------------------------------------------------------------

# Samples of `perf record --call-graph dwarf` grouped by the first rubric function on each stack
# that names a stage (a sample in malloc under rb_notation_read counts as notation scanning).
ATTRIBUTE_PY='
import collections, sys
STAGES = [
    ("value notation scanning (rb_notation_read)", {"rb_notation_read"}),
    ("JSON parsing (json-c tokenizer, objects, free)",
     {"json_tokener_parse_ex", "json_object_put", "json_tokener_new_ex", "json_tokener_new", "json_tokener_free"}),
    ("report building (rest of rb_report_read_json)", {"rb_report_read_json", "rubric_report_read_json"}),
    ("scoring (rubric_run: VM, built-ins, findings)", {"rubric_run", "rb_vm_run"}),
    ("output row (summary, CSV)", {"summary_row", "rubric_result_summary", "csv_field"}),
    ("reading input lines", {"read_next"}),
    ("compiling the rubric", {"rubric_compile", "rubric_load"}),
]
counts, total = collections.Counter(), 0
def flush(frames, period):
    global total
    if not frames:
        return
    total += period
    for f in frames:
        for name, marks in STAGES:
            if f in marks:
                counts[name] += period
                return
    counts["other (thread hand-off, kernel, start-up)"] += period
frames, period = [], 0
for line in sys.stdin:
    if not line.strip():
        flush(frames, period)
        frames = []
    elif not line.startswith((" ", "\t")):
        flush(frames, period)
        frames = []
        parts = line.split()
        period = int(parts[-1]) if parts and parts[-1].isdigit() else 1
    else:
        parts = line.split(None, 1)
        if len(parts) == 2:
            frames.append(parts[1].replace("(inlined)", "").strip())
flush(frames, period)
for name, c in counts.most_common():
    print("  %5.1f%%  %s" % (100.0 * c / total, name))
'

profile() {
  command -v perf >/dev/null || die "perf is not installed (apt-get install linux-perf)"
  gen
  local pbuild=$WORK/build-prof slice=$WORK/profile-slice.jsonl
  step "profiling build (Release + -g -fno-omit-frame-pointer) in $pbuild"
  if ! cmake -S "$ROOT" -B "$pbuild" -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_FLAGS="-g -fno-omit-frame-pointer" \
    >"$WORK/cmake-prof.log" 2>&1 || ! cmake --build "$pbuild" -j "$(nproc)" --target rubric >>"$WORK/cmake-prof.log" 2>&1
  then
    die "profiling build failed ($WORK/cmake-prof.log)"
  fi
  head -n 5000 "$REPORTS" >"$slice"
  local count
  count=$(wc -l <"$slice")
  step "perf record: rubric batch -j 1 over $count reports"
  perf record -q --call-graph dwarf,16384 -F 2000 -o "$WORK/perf-batch.data" \
    "$pbuild/rubric" batch "$RULES" "$slice" -j 1 -q >/dev/null 2>"$WORK/perf.log"
  say ""
  say "Where rubric batch -j 1 spends its time (perf, $count reports, by stage):"
  perf script -i "$WORK/perf-batch.data" -F comm,tid,period,ip,sym 2>/dev/null | python3 -c "$ATTRIBUTE_PY" |
    tee -a "$RESULTS"
  say ""
  say "Top functions by own time (perf report --no-children):"
  perf report -i "$WORK/perf-batch.data" --no-children --sort symbol --stdio -g none 2>/dev/null |
    grep -E '^ +[0-9]' | head -25 | tee -a "$RESULTS" || true # head closes the pipe early
  if [[ -f $WORK/big.rubric ]]; then
    step "perf record: rubric check of the generated big rubric"
    perf record -q -g -o "$WORK/perf-compile.data" "$pbuild/rubric" check "$WORK/big.rubric" >/dev/null 2>&1
    say ""
    say "Where rubric check of the $(wc -l <"$WORK/big.rubric")-line rubric spends its time (with callees):"
    perf report -i "$WORK/perf-compile.data" --children --sort symbol --stdio -g none 2>/dev/null |
      grep -E '^ +[0-9]' | head -12 | tee -a "$RESULTS" || true
  fi
}

# ---- The machine -----------------------------------------------------------------------------

machine() {
  say "rubric benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
  say "machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), \
$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), Linux $(uname -r)"
  local commit
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "not a git checkout")
  if [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    commit+=" with uncommitted changes"
  fi
  say "source: $ROOT at $commit"
  say "versions: $("$RUBRIC" --version 2>/dev/null | head -1); $(cc --version | head -1); json-c \
$(dpkg-query -W -f='${Version}' libjson-c5 2>/dev/null); $(lua5.4 -v 2>&1 | cut -d' ' -f1-2) + lua-cjson \
$(dpkg-query -W -f='${Version}' lua-cjson 2>/dev/null); $(python3 --version); $(jq --version)"
  say "load average at start: $LOAD_AT_START$(awk -v l="${LOAD_AT_START%% *}" \
    'BEGIN {if (l > 0.5) print " — the machine is busy: timings will be noisy"}')"
  say "reports: $N generated by bench/gen_reports.py (seed $SEED), $(du -m "$REPORTS" | cut -f1) MB; jq: the first $JQ_N"
}

# The whole run is one function, read before it starts: editing this file during a run is safe.
main() {
  case $MODE in
  all)
    : >"$RESULTS"
    deps
    build
    gen
    machine
    check
    time_peers
    compile_time
    if [[ ${BENCH_BIG:-0} == 1 ]]; then big; fi
    if [[ ${BENCH_PROFILE:-0} == 1 ]]; then profile; fi
    echo >&2
    echo "results: $RESULTS" >&2
    ;;
  deps) deps ;;
  build) build ;;
  gen) gen ;;
  check) check ;;
  time) time_peers ;;
  big) big ;;
  compile) compile_time ;;
  compile-scaling) compile_scaling ;;
  profile) profile ;;
  *) die "unknown mode '$MODE' (all, deps, build, gen, check, time, big, compile, compile-scaling, profile)" ;;
  esac
}

main "$@"
exit
