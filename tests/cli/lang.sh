#!/usr/bin/env bash
# lang.sh RUBRIC_BIN — findings, notes and explanations in the language asked for (--lang, else LC_ALL,
# LC_MESSAGES, LANG): batch's CSV and JSON Lines, the language from the environment, explain, a JSON report's
# notes.  Chinese stays byte for byte what it was; the English goldens of run are tests/golden/english/.
# Expected values, worked out from the seeds (tests/seeds/check_seeds.py): seed 001 scores 94.74 against its
# self total 98.77 (−4.03, the largest stake, so the CSV's top finding); seed 004 scores 100.00 as reported and its
# first finding is the failed check 资金到位率, whose message the rubric wrote (Chinese in both languages).
set -u
bin=$1
gd=rules/gd-project-20-40-40.rubric
s001=examples/jiangmen-2023-dept.json
s004=examples/jiangmen-2024-keji-fazhan.json
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
has() { grep -qF -- "$2" "$1" && ok || no "$3: no \"$2\" in $(head -c 600 "$1")"; }
hasnt() { grep -qF -- "$2" "$1" && no "$3: \"$2\" should not be in the output" || ok; }
export LC_ALL=C.UTF-8

# batch CSV: top_finding in English, the numbers as in Chinese.
"$bin" batch $gd $s001 $s004 -q --lang en -o "$tmp/en.csv" || no "batch --lang en: exit $?"
"$bin" batch $gd $s001 $s004 -q --lang zh -o "$tmp/zh.csv" || no "batch --lang zh: exit $?"
"$bin" batch $gd $s001 $s004 -q -o "$tmp/default.csv" || no "batch: exit $?"
has "$tmp/en.csv" 'jiangmen-2023-dept,江门市科学技术局,江门市科学技术局,2023,94.74,优,98.77,-4.03,11,"self score 98.77, recomputed 94.74, difference -4.03",优秀,challenged,' "batch csv en, seed 001"
has "$tmp/en.csv" 'jiangmen-2024-keji-fazhan,江门市科学技术局,科技发展管理经费,2024,100.00,优,100,0.00,3,"check ""资金到位率"" failed: 资金到位率 80.14%' "batch csv en, seed 004"
has "$tmp/zh.csv" 'jiangmen-2023-dept,江门市科学技术局,江门市科学技术局,2023,94.74,优,98.77,-4.03,11,自评 98.77 分，复核 94.74 分，相差 -4.03 分,优秀,challenged,' "batch csv zh, seed 001"
has "$tmp/zh.csv" '检查「资金到位率」未通过：资金到位率 80.14%' "batch csv zh, seed 004"
cmp -s "$tmp/zh.csv" "$tmp/default.csv" && ok || no "batch under LC_ALL=C.UTF-8 should be --lang zh"

# batch JSON Lines: findings and explanations in English, every number as in Chinese.
"$bin" batch $gd $s001 $s004 -q --format jsonl --lang en -o "$tmp/en.jsonl" || no "batch jsonl en: exit $?"
"$bin" batch $gd $s001 $s004 -q --format jsonl --lang zh -o "$tmp/zh.jsonl" || no "batch jsonl zh: exit $?"
has "$tmp/en.jsonl" '"message":"新增省级或以上孵化载体数量: target 2 家, actual 1 家, earns 0.75 points (min(1/2, 1) × 1.49 = 0.75)"' "jsonl en shortfall"
has "$tmp/en.jsonl" '"message":"the report lacks \"监管有效性\", so the score cannot be verified; the self score, 8 points, is taken"' "jsonl en unverified"
has "$tmp/en.jsonl" '"explain":"full marks (data missing, not verified)"' "jsonl en explanation"
hasnt "$tmp/en.jsonl" '应得' "jsonl en"
has "$tmp/zh.jsonl" '"message":"新增省级或以上孵化载体数量：目标 2 家，实际 1 家，应得 0.75 分（min(1/2, 1) × 1.49 = 0.75）"' "jsonl zh shortfall"
python3 - "$tmp/en.jsonl" "$tmp/zh.jsonl" <<'PY' && ok || no "jsonl: English and Chinese differ in more than messages and explanations"
import json, sys
def strip(v):
    if isinstance(v, dict):
        return {k: strip(x) for k, x in v.items() if k not in ("message", "explain")}
    if isinstance(v, list):
        return [strip(x) for x in v]
    return v
en = [strip(json.loads(l)) for l in open(sys.argv[1], encoding="utf-8")]
zh = [strip(json.loads(l)) for l in open(sys.argv[2], encoding="utf-8")]
sys.exit(0 if en == zh and len(en) == 2 else 1)
PY

# The language from the environment, as explain takes it: LANG=en_US.UTF-8 alone gives English; LC_ALL wins.
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$bin" run $gd $s001 >"$tmp/env.en" 2>&1
cmp -s "$tmp/env.en" tests/golden/english/seed-001.out && ok || no "LANG=en_US.UTF-8 should give tests/golden/english/seed-001.out"
env LC_ALL=C.UTF-8 LANG=en_US.UTF-8 "$bin" run $gd $s001 >"$tmp/env.zh" 2>&1
"$bin" run $gd $s001 --lang zh >"$tmp/zh.txt" 2>&1
cmp -s "$tmp/env.zh" "$tmp/zh.txt" && ok || no "LC_ALL=C.UTF-8 wins over LANG: Chinese"
has "$tmp/zh.txt" '[unverified] 决策 › 论证决策规范性: 报告缺少「可行性论证」，无法核实，按满分计 12 分' "run zh"

# explain: the items' explanations in the VM's words, in English.
"$bin" explain $gd $s004 --lang en >"$tmp/explain.en" 2>&1 || no "explain --lang en: exit $?"
has "$tmp/explain.en" 'formula: the self score (data missing, not verified)' "explain en"
has "$tmp/explain.en" 'formula: 2024年4月1日前 is not later than 2024年4月1日前 → 3.63' "explain en deadline"
"$bin" explain $gd $s004 --lang zh >"$tmp/explain.zh" 2>&1 || no "explain --lang zh: exit $?"
has "$tmp/explain.zh" '计算：自评分（数据缺失，未核实）' "explain zh"

# A JSON report's members format v1 does not define: the reader's notes in English.
cat >"$tmp/typo.json" <<'JSON'
{"id": "typo", "selfTotal": 90, "indicators": [{"name": "培训次数", "target": "10次", "actual": "12次", "wieght": 10}]}
JSON
"$bin" run rules/indicators.rubric "$tmp/typo.json" --lang en >"$tmp/typo.en" 2>&1
has "$tmp/typo.en" '$.selfTotal: report format v1 has no such member; it is not read (did you mean "self_total"?)' "json note en"
has "$tmp/typo.en" '$.indicators[0].wieght: report format v1 has no such member; it is not read (did you mean "weight"?)' "json note en"
"$bin" run rules/indicators.rubric "$tmp/typo.json" >"$tmp/typo.zh" 2>&1
has "$tmp/typo.zh" '$.selfTotal：报告格式 v1 没有这个字段，未读取（是否应为「self_total」？）' "json note zh"

# A published report imported on the fly by run: the importer's notes in the run's language.  grid-ocr.txt's
# line 17 prints the score 6.67 as "6, 67" (tests/import/cli.sh); 决策 › 监管有效性 scores 7 on line 13.
fx=tests/import/fixtures
"$bin" run $gd $fx/grid-ocr.txt --lang en >"$tmp/import.en" 2>/dev/null
has "$tmp/import.en" '[note] tests/import/fixtures/grid-ocr.txt:17: self score "6, 67" read as 6.67 (the PDF extraction damaged the decimal point): check against the original' "import note en"
has "$tmp/import.en" '[note] tests/import/fixtures/grid-ocr.txt:13: "监管有效性" has no target and no actual: its score 7 is read as a self score (决策 › 监管有效性)' "import note en"
"$bin" run $gd $fx/grid-ocr.txt >"$tmp/import.zh" 2>/dev/null
has "$tmp/import.zh" '[note] tests/import/fixtures/grid-ocr.txt:17：得分「6, 67」按 6.67 读取（PDF 提取损坏了小数点）：请核对原件' "import note zh"
# rubric import itself writes its notes into the report's JSON in Chinese, whatever the language.
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$bin" import $fx/grid-ocr.txt >/dev/null 2>"$tmp/import.err"
has "$tmp/import.err" '得分「6, 67」按 6.67 读取' "rubric import stays Chinese"

check_done
