#!/usr/bin/env bash
# lang_diagnostics.sh RUBRIC_BIN — which language diagnostics and the command's own errors are in (docs/cli.md, "Languages"):
# --lang wherever it stands, else LC_ALL, LC_MESSAGES, LANG — Chinese only when the first set starts with zh —
# and that results keep their own default.  Every expected text is written out in full.
set -u
bin=$1
case $bin in /*) ;; */*) bin=$PWD/$bin ;; esac
pass=0
fail=0
# expect NAME WANT_STATUS WANT_STDERR COMMAND...: the exit status and the whole of standard error.
expect() {
  local name=$1 want=$2 text=$3
  shift 3
  local got err
  err=$("$@" 2>&1 >/dev/null)
  got=$?
  if [ "$got" = "$want" ] && [ "$err" = "$text" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name: exit status $got (want $want), standard error:"
    printf '%s\n' "$err"
  fi
}
export NO_COLOR=1
unset LC_ALL LC_MESSAGES LANG
f=tests/golden/diagnostics/unknown-name-far.rubric
zh="$f:7:13: 错误：未知的名称「满分」
 7 | item 甲 10 = 满分
   |              ^~~~
提示：请先用 input、const、fn 或 let 声明
$f：1 个错误，0 个警告"
en="$f:7:13: error: unknown name '满分'
 7 | item 甲 10 = 满分
   |              ^~~~
hint: declare it first with input, const, fn or let
$f: 1 error, 0 warnings"
expect "no locale" 1 "$en" "$bin" check "$f"
expect "--lang zh" 1 "$zh" "$bin" check "$f" --lang zh
expect "--lang=zh before the file" 1 "$zh" "$bin" check --lang=zh "$f"
expect "LANG=zh_CN.UTF-8" 1 "$zh" env LANG=zh_CN.UTF-8 "$bin" check "$f"
expect "LC_ALL=C.UTF-8 over LANG" 1 "$en" env LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 "$bin" check "$f"
expect "LC_MESSAGES=zh_TW" 1 "$zh" env LC_MESSAGES=zh_TW.UTF-8 LANG=en_US.UTF-8 "$bin" check "$f"
expect "LANG=en_US" 1 "$en" env LANG=en_US.UTF-8 "$bin" check "$f"
expect "--lang en over LANG" 1 "$en" env LANG=zh_CN.UTF-8 "$bin" check "$f" --lang en
expect "unknown option, LANG=zh_CN" 2 "rubric check: 未知的选项 --bogus
$("$bin" check --help)" env LANG=zh_CN.UTF-8 "$bin" check --bogus "$f"
expect "unknown command" 2 "rubric: 未知的命令「frob」

$("$bin" --help)" "$bin" frob --lang zh
expect "missing file" 4 "rubric run: 无法打开 no-such.rubric：没有这个文件或文件夹" env LANG=zh_CN.UTF-8 "$bin" run no-such.rubric
expect "bad --lang" 2 "rubric check: --lang：rubric 不支持语言“fr”（zh 或 en）" env LANG=zh_CN "$bin" check "$f" --lang fr
# rubric import's errors (import/), in the language of the diagnostics; the notes it writes into the JSON stay
# Chinese (data).  Files made here: a missing one, a folder named .txt, text with NUL bytes, an .xls, a file that
# is no zip archive, zip archives without the part an .xlsx or .docx must have, and one whose workbook.xml is
# not well-formed XML.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/folder.txt"
printf 'a\0b' >"$tmp/nul.txt"
printf 'x' >"$tmp/old.xls"
printf 'not a zip archive' >"$tmp/bad.xlsx"
python3 -c '
import sys, zipfile
d = sys.argv[1]
for name, part, text in (("noword.docx", "x.xml", "<a/>"), ("nobook.xlsx", "x.xml", "<a/>"),
                         ("badxml.xlsx", "xl/workbook.xml", "<workbook><sheets></workbook>"),
                         ("nosheet.xlsx", "xl/workbook.xml", "<workbook><sheets/></workbook>")):
    with zipfile.ZipFile(d + "/" + name, "w") as z:
        z.writestr(part, text)
' "$tmp"
expect "import: missing .txt" 4 "rubric import: $tmp/missing.txt：无法打开：没有这个文件或文件夹" \
  "$bin" import "$tmp/missing.txt" --lang zh
expect "import: missing .pdf" 4 "rubric import: $tmp/missing.pdf：无法打开：没有这个文件或文件夹" \
  "$bin" import "$tmp/missing.pdf" --lang zh
expect "import: missing .xlsx" 4 "rubric import: $tmp/missing.xlsx：无法打开：没有这个文件或文件夹" \
  "$bin" import "$tmp/missing.xlsx" --lang zh
expect "import: a folder" 4 "rubric import: $tmp/folder.txt：无法读取" "$bin" import "$tmp/folder.txt" --lang zh
expect "import: NUL bytes" 4 "rubric import: $tmp/nul.txt：不是文本文件（含有 NUL 字节）" \
  env LANG=zh_CN.UTF-8 "$bin" import "$tmp/nul.txt"
expect "import: .xls" 4 "rubric import: $tmp/old.xls：不读取 .xls（Excel 97-2003）文件：请用 Excel 或 LibreOffice 打开，另存为 .xlsx（Excel 工作簿）后再导入" \
  "$bin" import "$tmp/old.xls" --lang zh
expect "import: not a zip archive" 4 "rubric import: $tmp/bad.xlsx：不是 .xlsx 文件（不是 zip 压缩包）" \
  "$bin" import "$tmp/bad.xlsx" --lang zh
expect "import: not a zip archive, en" 4 "rubric import: $tmp/bad.xlsx: not a .xlsx file (Not a zip archive)" \
  env LANG=zh_CN.UTF-8 "$bin" import "$tmp/bad.xlsx" --lang en
expect "import: no word/document.xml" 4 "rubric import: $tmp/noword.docx：不是 Word 文档（没有 word/document.xml）" \
  "$bin" import "$tmp/noword.docx" --lang zh
expect "import: no xl/workbook.xml" 4 "rubric import: $tmp/nobook.xlsx：不是 Excel 工作簿（没有 xl/workbook.xml）" \
  "$bin" import "$tmp/nobook.xlsx" --lang zh
expect "import: XML not well-formed" 4 "rubric import: $tmp/badxml.xlsx：workbook 不是格式正确的 XML（第 1 行：标签不匹配）" \
  "$bin" import "$tmp/badxml.xlsx" --lang zh
expect "import: XML not well-formed, en" 4 "rubric import: $tmp/badxml.xlsx: workbook is not well-formed XML (line 1: mismatched tag)" \
  "$bin" import "$tmp/badxml.xlsx"
expect "import: no sheets" 4 "rubric import: $tmp/nosheet.xlsx：工作簿中没有工作表" "$bin" import "$tmp/nosheet.xlsx" --lang zh
expect "run imports: no sheets" 3 "rubric run: $tmp/nosheet.xlsx：工作簿中没有工作表" \
  "$bin" run rules/gd-project-20-40-40.rubric "$tmp/nosheet.xlsx" --lang zh
# A PDF whose one page has no text (as a scanned page has none): pdftotext finds only a page break.
if command -v pdftotext >/dev/null; then
  python3 -c '
import sys
objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
pdf, offsets = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs, 1):
    offsets.append(len(pdf))
    pdf += b"%d 0 obj\n%s\nendobj\n" % (i, o)
xref = len(pdf)
pdf += b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
pdf += b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
open(sys.argv[1], "wb").write(pdf)
' "$tmp/scan.pdf"
  expect "import: a PDF without text" 4 "rubric import: $tmp/scan.pdf：PDF 中没有文字（是否为扫描件，页面都是图片？）：请先进行文字识别（OCR），或导入录入的文字" \
    "$bin" import "$tmp/scan.pdf" --lang zh
  expect "import: a PDF without text, en" 4 "rubric import: $tmp/scan.pdf: the PDF holds no text (are its pages scanned images?): run text recognition (OCR) on it, or import its text typed out" \
    "$bin" import "$tmp/scan.pdf"
fi
# A report that is not JSON: rubric's words for yajl's message, in the language of the diagnostics.
r=rules/gd-project-20-40-40.rubric
printf '{"id": "x", "year": 2024' >"$tmp/cut.json"
printf '{"id": @}' >"$tmp/char.json"
printf '{"id": "x"} 附件' >"$tmp/after.json"
printf "{'id': 1}" >"$tmp/quote.json"
printf '{"id": "x",}' >"$tmp/comma.json"
printf '{"id" "x"}' >"$tmp/colon.json"
printf '{"year": 02024}' >"$tmp/zero.json"
expect "JSON: cut short" 3 "rubric run: $tmp/cut.json:1:25: JSON 格式错误：内容意外结束（文件不完整）" "$bin" run $r "$tmp/cut.json" --lang zh
expect "JSON: cut short, en" 3 "rubric run: $tmp/cut.json:1:25: invalid JSON: unexpected end of input" "$bin" run $r "$tmp/cut.json"
expect "JSON: a character" 3 "rubric run: $tmp/char.json:1:8: JSON 格式错误：意外的字符 '@'" "$bin" run $r "$tmp/char.json" --lang zh
expect "JSON: text after" 3 "rubric run: $tmp/after.json:1:13: JSON 格式错误：报告之后还有多余的内容" \
  env LANG=zh_CN.UTF-8 "$bin" run $r "$tmp/after.json"
expect "JSON: single quotes" 3 "rubric run: $tmp/quote.json:1:2: JSON 格式错误：此处应为用双引号括起的成员名，实为 \"'\"" \
  "$bin" run $r "$tmp/quote.json" --lang zh
expect "JSON: extra comma" 3 "rubric run: $tmp/comma.json:1:12: JSON 格式错误：'}' 之前多了一个 ','" "$bin" run $r "$tmp/comma.json" --lang zh
expect "JSON: no colon" 3 "rubric run: $tmp/colon.json:1:7: JSON 格式错误：成员名之后应为 ':'，实为 '\"'" \
  "$bin" run $r "$tmp/colon.json" --lang zh
expect "JSON: a leading zero" 3 "rubric run: $tmp/zero.json:1:11: JSON 格式错误：数字格式错误：数字不能以 0 开头（应写 7，而不是 07）" \
  "$bin" run $r "$tmp/zero.json" --lang zh
# A compiled rubric (.rbc) that cannot be loaded: the reason in the diagnostics' language, names of the format
# (sections, opcodes) as written; a native function that is not allowed, from a rubric and from its .rbc (whose
# language is the one it was loaded in).  The .rbc files are damaged from one compiled here: cut short (11 bytes
# of the 84 of the header), format version 5 (byte 4), and the JUMP at code offset 0030 (-> 0038, 5 bytes long)
# sent to 0040, inside the CONST at 0039 — the checksum recomputed, so the verifier is what refuses it.
r=tests/golden/runtime/unread.rubric
report=tests/golden/reports/unread.json
"$bin" compile "$r" -o "$tmp/ok.rbc"
printf 'RBC\032garbage' >"$tmp/short.rbc"
python3 - "$tmp" <<'PY'
import struct, sys, zlib
d = open(sys.argv[1] + "/ok.rbc", "rb").read()
def save(name, data):
    data = bytearray(data)
    struct.pack_into("<I", data, 8, zlib.crc32(bytes(data[12:])))
    open(sys.argv[1] + "/" + name, "wb").write(data)
version = bytearray(d)
version[4] = 5
open(sys.argv[1] + "/version.rbc", "wb").write(version)
code = 84 + sum(struct.unpack_from("<I", d, 12 + 8 * s)[0] for s in range(6))
jump = bytearray(d)
struct.pack_into("<i", jump, code + 31, 5)
save("jump.rbc", jump)
PY
if "$bin" disasm "$tmp/ok.rbc" | grep -q '^0030    | JUMP          -> 0038$'; then pass=$((pass + 1))
else fail=$((fail + 1)); echo "FAIL the compiled $r no longer has its JUMP at 0030: the .rbc cases below need new offsets"; fi
expect ".rbc cut short, --lang zh" 4 "rubric run: $tmp/short.rbc：不是有效的已编译规则文件：文件不完整：文件头需要 84 个字节（偏移 0），只有 11 个" \
  "$bin" run "$tmp/short.rbc" "$report" --lang zh
expect ".rbc cut short, no locale" 4 "rubric run: $tmp/short.rbc: not a valid compiled rubric: truncated: the file header needs 84 bytes at offset 0, only 11 remain" \
  "$bin" run "$tmp/short.rbc" "$report"
expect ".rbc version 5, LANG=zh_CN.UTF-8" 4 "rubric run: $tmp/version.rbc：不是有效的已编译规则文件：不支持的 .rbc 格式版本 5（偏移 4；本程序读取的是版本 4）" \
  env LANG=zh_CN.UTF-8 "$bin" run "$tmp/version.rbc" "$report"
expect ".rbc version 5, --lang en" 4 "rubric run: $tmp/version.rbc: not a valid compiled rubric: unsupported .rbc format version 5 at offset 4 (this build reads version 4)" \
  env LANG=zh_CN.UTF-8 "$bin" run "$tmp/version.rbc" "$report" --lang en
expect ".rbc a jump inside an instruction, --lang zh" 4 "rubric run: $tmp/jump.rbc：不是有效的已编译规则文件：函数 main 偏移 0030 处（JUMP）：跳转到 0040，落在一条指令的中间" \
  "$bin" run "$tmp/jump.rbc" "$report" --lang zh
expect ".rbc a jump inside an instruction, no locale" 4 "rubric run: $tmp/jump.rbc: not a valid compiled rubric: function main at 0030 (JUMP): jumps to 0040, which is inside an instruction" \
  "$bin" run "$tmp/jump.rbc" "$report"
w=examples/native/weighted.rubric
"$bin" compile "$w" -o "$tmp/weighted.rbc"
native_zh="rubric run: $w:12:1: native 函数「加权平均」要调用 libweighted.so 中的代码；native 代码默认不允许运行：请用 --allow-native libweighted.so（或 --allow-native=all）允许"
expect "a native not allowed, --lang zh" 1 "$native_zh" "$bin" run "$w" examples/native/report.json --lang zh
expect "a native not allowed, from a .rbc, --lang zh" 1 "$native_zh" "$bin" run "$tmp/weighted.rbc" examples/native/report.json --lang zh
expect "a native not allowed, from a .rbc, no locale" 1 "rubric run: $w:12:1: native function '加权平均' calls into libweighted.so; native code is off by default: allow it with --allow-native libweighted.so (or --allow-native=all)" \
  "$bin" run "$tmp/weighted.rbc" examples/native/report.json
# batch's Excel and SQLite writers: a folder where the file should go, a folder that does not exist.
mkdir -p "$tmp/out.xlsx"
seed=examples/jiangmen-2024-keji-fazhan.json
expect "xlsx onto a folder, --lang zh" 4 "rubric batch: 无法写入 $tmp/out.xlsx：Excel 文件只能写入普通文件" \
  "$bin" batch rules/gd-project-20-40-40.rubric $seed -q -o "$tmp/out.xlsx" --lang zh
expect "xlsx onto a folder, no locale" 4 "rubric batch: cannot write $tmp/out.xlsx: an Excel file is written to a regular file only" \
  "$bin" batch rules/gd-project-20-40-40.rubric $seed -q -o "$tmp/out.xlsx"
expect "sqlite in no folder, LANG=zh_CN.UTF-8" 4 "rubric batch: 无法写入 $tmp/none/x.sqlite：没有这个文件或文件夹" \
  env LANG=zh_CN.UTF-8 "$bin" batch rules/gd-project-20-40-40.rubric $seed -q -o "$tmp/none/x.sqlite"
# Results keep their own default (Chinese under C.UTF-8) while diagnostics are English: the labels of the text
# result do not follow the diagnostics' language.
out=$(env LC_ALL=C.UTF-8 "$bin" run tests/golden/runtime/unread.rubric tests/golden/reports/unread.json 2>/dev/null | sed -n 2p)
if [ "$out" = "规则：未读取的内容" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL result labels: $out"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
