#!/usr/bin/env bash
# startup.sh RUBRIC_BIN — the libraries only some commands need are loaded when first needed (base/dynlib.h):
# --version, check and a batch of JSON reports map none of libzip, expat, libxlsxwriter and SQLite (the dynamic
# loader's own account, LD_DEBUG=files); writing a workbook loads libxlsxwriter, a database SQLite, reading a
# workbook libzip and expat; and a library that cannot be loaded is said, with its package, where it was needed,
# exit 4, no output file left behind.
set -u
bin=$(realpath "$1")
rubric=rules/gd-project-20-40-40.rubric
seed=examples/jiangmen-2024-keji-fazhan.json
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
lazy='lib(zip|expat|xlsxwriter|sqlite3)\.so'

# loaded CMD… — the libraries matching $lazy that CMD loads, one "soname  how" a line, sorted; how (needed at start
# or dynamically loaded) is checked by the caller.
loaded() {
  LD_DEBUG=files "$@" 2>&1 >/dev/null | grep -E "file=$lazy" | grep -oE "file=[^ ]+ \[0\];  (needed|dynamically)" |
    sed 's/file=//; s/ \[0\];//' | sort -u
}

# ---- commands that need none of them --------------------------------------------------------------------
for cmd in "--version" "check $rubric" "batch $rubric $seed -q" "batch $rubric $seed -q -j 2 --format jsonl"; do
  # shellcheck disable=SC2086
  got=$(loaded "$bin" $cmd)
  [ -z "$got" ] && ok || no "rubric $cmd loads: $got"
done
# …and do their work as before.
"$bin" batch $rubric $seed -q | tail -1 | cut -d, -f5 >"$tmp/total"
[ "$(cat "$tmp/total")" = 100.00 ] && ok || no "batch total: $(cat "$tmp/total")"

# ---- commands that need one: loaded when they write or read ----------------------------------------------
got=$(loaded "$bin" run $rubric $seed -o "$tmp/seed.xlsx")
[ "$got" = "libxlsxwriter.so.4  dynamically" ] && [ -s "$tmp/seed.xlsx" ] && ok || no "run -o .xlsx loads: $got"
got=$(loaded "$bin" batch $rubric $seed -q -o "$tmp/r.sqlite")
[ "$got" = "libsqlite3.so.0  dynamically" ] && [ -s "$tmp/r.sqlite" ] && ok || no "batch -o .sqlite loads: $got"
got=$(loaded "$bin" import "$tmp/seed.xlsx" -q -o "$tmp/seed.json")
want=$'libexpat.so.1  dynamically\nlibzip.so.4  dynamically'
[ "$got" = "$want" ] && [ -s "$tmp/seed.json" ] && ok || no "import .xlsx loads: $got"

# ---- a library that cannot be loaded ---------------------------------------------------------------------
# An empty file of the library's name found first on LD_LIBRARY_PATH: the loader refuses it ("file too short").
mkdir "$tmp/lib"
: >"$tmp/lib/libsqlite3.so.0"
: >"$tmp/lib/libxlsxwriter.so.4"
: >"$tmp/lib/libzip.so.4"
LD_LIBRARY_PATH="$tmp/lib" "$bin" batch $rubric $seed -q -o "$tmp/out.sqlite" --lang en 2>"$tmp/err"
st=$?
# The package is named when the build machine's dpkg knew it (Debian: libsqlite3-0).
pat="^rubric batch: cannot write $tmp/out.sqlite: libsqlite3.so.0 (\(Debian package [a-z0-9.+-]+: apt-get install [a-z0-9.+-]+\) )?cannot be loaded: $tmp/lib/libsqlite3.so.0: file too short\$"
[ $st = 4 ] && grep -qE "$pat" "$tmp/err" && [ "$(ls "$tmp" | grep -c out.sqlite)" = 0 ] && ok ||
  no "sqlite missing: exit $st: $(cat "$tmp/err"); left: $(ls "$tmp")"
LD_LIBRARY_PATH="$tmp/lib" "$bin" run $rubric $seed -o "$tmp/out.xlsx" --lang en 2>"$tmp/err"
st=$?
[ $st = 4 ] && grep -qE "cannot write $tmp/out.xlsx: libxlsxwriter.so.4 .*cannot be loaded: .*file too short" "$tmp/err" &&
  [ "$(ls "$tmp" | grep -c out.xlsx)" = 0 ] && ok || no "xlsxwriter missing: exit $st: $(cat "$tmp/err")"
LD_LIBRARY_PATH="$tmp/lib" "$bin" import "$tmp/seed.xlsx" -q --lang zh 2>"$tmp/err" >/dev/null
st=$?
pat="^rubric import: $tmp/seed.xlsx：无法读取：无法加载 libzip.so.4(（Debian 软件包 [a-z0-9.+-]+：apt-get install [a-z0-9.+-]+）)?：$tmp/lib/libzip.so.4: file too short\$"
[ $st = 4 ] && grep -qE "$pat" "$tmp/err" && ok || no "libzip missing: exit $st: $(cat "$tmp/err")"

check_done
