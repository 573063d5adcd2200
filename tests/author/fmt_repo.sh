#!/usr/bin/env bash
# fmt_repo.sh RUBRIC_BIN — `rubric fmt` on every rubric of the repository.
#
# Every tracked *.rubric is copied twice into a scratch folder (so that imports resolve as in the tree), and one
# copy is rewritten by `rubric fmt -w`.  The cases of syntax errors under tests/ cannot be formatted: fmt leaves
# them as they were, says so, and they are counted as skipped.  For each other file:
#   - formatting keeps every character but white space: the text without white space is the same before and
#     after, so no token and no comment is lost, moved past another or changed;
#   - formatting is idempotent: `rubric fmt --check` of the formatted copies finds nothing to change;
#   - the program is the same: `rubric disasm` of the original and of its formatted copy (of each file fmt changed)
#     are equal line for line
#     once the offset and source-line columns are cut (the line numbers are all a layout may change).
# The layout is canonical: every formatted rubric squeezed (indentation removed, runs of spaces made one) formats
# back to itself.
# Then every rubric of the repository must already be formatted (`rubric fmt --check`), but for the golden cases
# that expect diagnostics (see below).
# Ends with "N passed, N failed"; exit 1 if any failed.
set -u
bin=$1
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac
cd "$(dirname "$0")/../.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
failed() { echo "FAIL $1: $2"; fail=$((fail + 1)); }
mapfile -t files < <(git ls-files '*.rubric')
mkdir -p "$tmp/a" "$tmp/b"
cp --parents "${files[@]}" "$tmp/a"
cp --parents "${files[@]}" "$tmp/b"
(cd "$tmp/b" && "$bin" fmt -w "${files[@]}" 2>"$tmp/errors" >/dev/null)
skip=$(grep -c '^rubric fmt: .*errors\? in the rubric' "$tmp/errors")
# Only white space changed, in the files that were formatted.
python3 - "$tmp" "${files[@]}" <<'PY' || fail=$((fail + 1))
import re, sys
tmp, files = sys.argv[1], sys.argv[2:]
bad = 0
for f in files:
    a = open(f"{tmp}/a/{f}", "rb").read().removeprefix(b"\xef\xbb\xbf")
    b = open(f"{tmp}/b/{f}", "rb").read()
    if re.sub(rb"\s", b"", a) != re.sub(rb"\s", b"", b):
        print(f"FAIL {f}: formatting changed something other than white space")
        bad += 1
sys.exit(1 if bad else 0)
PY
pass=$((pass + 1))
if (cd "$tmp/b" && "$bin" fmt --check "${files[@]}" >"$tmp/again" 2>/dev/null) || ! grep -q '^---' "$tmp/again"; then
  pass=$((pass + 1))
else
  failed "fmt of fmt" "not idempotent:"
  head -40 "$tmp/again"
fi
strip_positions() { sed -E 's/^[0-9]{4} +([0-9]+|\|) +//' "$1"; }
changed=0
for f in "${files[@]}"; do
  # A file fmt left as it was keeps its program trivially; the others are disassembled.
  cmp -s "$tmp/a/$f" "$tmp/b/$f" && continue
  changed=$((changed + 1))
  (cd "$tmp/a" && "$bin" disasm "$f" >"$tmp/da" 2>/dev/null) || continue
  (cd "$tmp/b" && "$bin" disasm "$f" >"$tmp/db" 2>/dev/null)
  if [ "$(strip_positions "$tmp/da")" == "$(strip_positions "$tmp/db")" ]; then pass=$((pass + 1))
  else
    failed "$f" "the formatted rubric compiles to another program"
    diff -u <(strip_positions "$tmp/da") <(strip_positions "$tmp/db") | head -20
  fi
done
# Every rubric of the repository is formatted, except the golden cases whose expected standard error is not
# empty: those quote their own source by line and column (diagnostics, runtime errors), and many are
# deliberately malformed, so their layout is part of what they test; and the fuzzers' seeds.
formatted=()
exempt=0
for f in "${files[@]}"; do
  case $f in tests/golden/*) if [ -s "${f%.rubric}.err" ]; then exempt=$((exempt + 1)); continue; fi ;; esac
  # Fuzz seeds are inputs for the fuzzers, odd on purpose (a lone surrogate, thousands of brackets).
  case $f in tests/fuzz/corpus/*) exempt=$((exempt + 1)); continue ;; esac
  formatted+=("$f")
done
if "$bin" fmt --check "${formatted[@]}" >"$tmp/check" 2>&1; then pass=$((pass + 1))
else
  failed "the repository" "rubrics not formatted (rubric fmt -w FILE):"
  head -40 "$tmp/check"
fi
# The layout is canonical: a formatted rubric with its indentation removed and every run of spaces outside texts
# and comments made one formats back to itself, byte for byte.  (Files with a /* block comment */ are left out:
# the indentation of a comment's later lines is the comment's own text.)
python3 - "$bin" "${formatted[@]}" <<'PY' && pass=$((pass + 1)) || fail=$((fail + 1))
import subprocess, sys
binary, files = sys.argv[1], sys.argv[2:]


def collapse(line):
    out, i, quote, space = [], 0, None, False
    while i < len(line):
        c = line[i]
        if quote:
            out.append(c)
            if c == "\\" and quote == '"' and i + 1 < len(line):
                out.append(line[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in '"`':
            quote, space = c, False
            out.append(c)
        elif line.startswith("//", i) or c == "#":
            out.append(line[i:])
            break
        elif c == " ":
            if not space:
                out.append(c)
            space = True
        else:
            space = False
            out.append(c)
        i += 1
    return "".join(out)


bad = 0
for f in files:
    text = open(f, encoding="utf-8").read()
    if "/*" in text:
        continue
    squeezed = "\n".join(collapse(line.lstrip(" ")) for line in text.split("\n"))
    got = subprocess.run([binary, "fmt"], input=squeezed.encode(), capture_output=True).stdout.decode()
    if got != text:
        print(f"FAIL {f}: squeezed and formatted again, it is not the same text")
        bad += 1
sys.exit(1 if bad else 0)
PY
echo "(fmt -w changed $changed rubrics; ${#formatted[@]} rubrics formatted; $exempt golden cases with expected diagnostics kept as written;" \
  "$skip rubrics with syntax errors left as they were by fmt -w)"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
