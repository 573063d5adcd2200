#!/usr/bin/env bash
# explain.sh RUBRIC_BIN — rubric explain: splits, inputs as read, formulas, rounding, tiers and what-ifs.
# Expected values, worked by hand:
# - tests/cli/explain/below.json under the Guangdong project rule: 产出 40 over 3 rows is 4000 units of 0.01,
#   1333 each and 1 left → 13.34, 13.33, 13.33.  培训场次 3/6 × 13.34 = 6.67; 合格率 81/90 × 13.33 = 11.997 →
#   12.00; 人均培训成本 a ceiling, 500/625 × 13.33 = 10.664 → 10.66; 服务能力 部分… = 60% of 20 = 12; 新增人才
#   4000/5000 × 20 = 16; 决策 6 + 3 + 0 = 9 and 8.  Total 17 + 29.33 + 28 = 74.33, grade 中 (≥ 60).
#   Full marks: 6 次, 90%, ≤ 500 元/人, the target's own text, and 4999 人 (4999/5000 × 20 = 19.996 → 20.00).
#   Up to 良 (80, 5.67 more): only 培训场次 can give that much: 5 次 gives 11.12 (78.78), 6 次 gives 13.34 (81.00).
#   Down to 差 (below 60, 14.33 above): only 新增人才 can take that much: 416 人 gives 1.664 → 1.66, total 59.99;
#   417 人 gives 1.668 → 1.67, total 60.00.  The golden files below.zh.txt and below.en.txt say exactly this.
# - Seed 004 (examples/jiangmen-2024-keji-fazhan.json): 40 / 11 → 4000 units, 363 each, 7 left: 3.64 × 7 then
#   3.63 × 4 in table order (DOMAIN.md).
# - Seed 001 (examples/jiangmen-2023-dept.json) under gd-dept-targets: 25 over 38 rows → 2500 units, 65 each,
#   30 left: 0.66 × 30, 0.65 × 8.  新增省级或以上孵化载体数量 1/2 × 0.66 = 0.33, full marks at 2 家; total 98.62,
#   优 (≥ 90), 8.62 above 良; no single row is worth more than 0.66, so no one actual moves the grade.
set -u
bin=$1
here=tests/cli/explain
gd=rules/gd-project-20-40-40.rubric
. "$(dirname "${BASH_SOURCE[0]}")/../check.sh"
has() { grep -qxF -- "$2" "$1" && ok || no "$3: want line: $2"; }

for lang in zh en; do
  "$bin" explain $gd $here/below.json --lang $lang >"$tmp/below.$lang" 2>"$tmp/err"
  st=$?
  [ $st = 0 ] && ok || no "below --lang $lang: exit $st: $(cat "$tmp/err")"
  diff -u $here/below.$lang.txt "$tmp/below.$lang" >"$tmp/diff" && ok || { no "below --lang $lang differs"; head -40 "$tmp/diff"; }
done
# The language from the environment: LC_ALL first, then LC_MESSAGES, then LANG; Chinese when none is set.
env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$bin" explain $gd $here/below.json >"$tmp/env" 2>&1
cmp -s "$tmp/env" $here/below.en.txt && ok || no "LANG=en_US.UTF-8 should give English"
env LC_ALL=zh_CN.UTF-8 LANG=en_US.UTF-8 "$bin" explain $gd $here/below.json >"$tmp/env" 2>&1
cmp -s "$tmp/env" $here/below.zh.txt && ok || no "LC_ALL=zh_CN.UTF-8 wins over LANG"
env -u LC_ALL -u LC_MESSAGES -u LANG "$bin" explain $gd $here/below.json >"$tmp/env" 2>&1
cmp -s "$tmp/env" $here/below.zh.txt && ok || no "no locale set: Chinese"

# Seed 004: the 40/11 split with the remainder rule.
"$bin" explain $gd examples/jiangmen-2024-keji-fazhan.json --lang zh >"$tmp/004" 2>&1
has "$tmp/004" "  产出：分值 40，分给 11 项" "004"
has "$tmp/004" "    40 / 11 = 3.636363…" "004"
has "$tmp/004" "    规则：最大余数法，保留 2 位小数，合计恰为 40；余数相同时按表中顺序" "004"
has "$tmp/004" "    以 0.01 为单位：4000 / 11 = 363 余 7，每项先得 363 个单位（3.63），余下 7 个单位按表中顺序给前 7 项各 1 个（各项余数相同）" "004"
has "$tmp/004" "    3.64 × 7：「专项调研/交流考察次数」、「完成省、市级科技计划项目验收数量」、「医疗项目申报数」、「其他类评审数量」、「科技统计培训会场次」、「评选侨都科普大使人数」、「开展科普宣传及人才交流活动次数」" "004"
has "$tmp/004" "    3.63 × 4：「媒体宣传次数」、「结题验收项目质量抽查合格率」、「科技统计完成时效性」、「培训标准」" "004"
has "$tmp/004" "    合计 3.64 × 7 + 3.63 × 4 = 40" "004"
has "$tmp/004" "    目标「110次以上」→ ≥ 110 次" "004 inputs"
has "$tmp/004" "    计算：min(145/110, 1) × 3.64 = 3.64" "004 formula"
has "$tmp/004" "    匹配用语：「对比上年有增长」" "004 qualitative"
# 90.00 is still 优: losing one 效益 row of 10 points entirely does not move the grade.
# The one fact that moves the total: 监管有效性, not stated, so full marks (8); at 0 the total is 92.00, still 优.
has "$tmp/004" "      改变任何一项实际完成值或一项事实都不能使等级降低（已复算 14 项、1 个事实；单项最多改变总分 10.00 分）" "004 grade"

# Seed 001: the what-if for 新增省级或以上孵化载体数量 and the grade boundary; a part of a name is a path.
"$bin" explain rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json --lang zh >"$tmp/001" 2>&1
has "$tmp/001" "    以 0.01 为单位：2500 / 38 = 65 余 30，每项先得 65 个单位（0.65），余下 30 个单位按表中顺序给前 30 项各 1 个（各项余数相同）" "001"
has "$tmp/001" "    实际「949」→ 949（未写单位，按目标的单位读作 949 家）" "001 unit"
has "$tmp/001" "    实际「1.93 亿元」→ 1.93 亿元（= 193000000 元）" "001 money"
has "$tmp/001" "    精确值 0.264 → 0.26（四舍五入，保留 2 位）" "001 rounding"
has "$tmp/001" "    满分所需：实际 ≥ 5 项（按此复算得 0.66 分）" "001 国内先进"
has "$tmp/001" "  总分 98.62 · 等级 优" "001 total"
has "$tmp/001" "    降档：低于 90 即降为「良」，高出 8.62 分" "001 grade"
"$bin" explain rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json 新增省级或以上孵化载体 >"$tmp/001p" 2>&1
has "$tmp/001p" "  履职效能 › 专项效能 › 新增省级或以上孵化载体数量　分值 0.66 · 得分 0.33" "001 path"
has "$tmp/001p" "    目标「2 家」→ 2 家" "001 path"
has "$tmp/001p" "    失分 0.33" "001 path"
has "$tmp/001p" "    满分所需：实际 ≥ 2 家（按此复算得 0.66 分）" "001 path"
has "$tmp/001p" "    升档：已是最高等级" "001 path"
[ "$(grep -c '分值 0.66 · 得分' "$tmp/001p")" = 1 ] && ok || no "001 path: one item only"
"$bin" explain rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json "履职效能/专项效能/新增省级或以上孵化载体数量" \
  >"$tmp/001q" 2>&1
cmp -s "$tmp/001p" "$tmp/001q" && ok || no "a whole path and a unique part of a name name the same item"

# JSON: one line, every number as in the text, read back by Python.
"$bin" explain rules/gd-dept-targets.rubric examples/jiangmen-2023-dept.json --format json >"$tmp/001.json" 2>&1
[ "$(wc -l <"$tmp/001.json")" = 1 ] && ok || no "json: one line"
python3 - "$tmp/001.json" "$tmp/below.json" <<'PY' && ok || no "json content"
import json, sys
e = json.load(open(sys.argv[1]))
s = e["splits"][0]
assert s["path"] == ["履职效能", "专项效能"] and s["weight"] == 25 and s["count"] == 38, s
assert s["policy"] == "largest_remainder" and s["units"] == 2500 and s["units_each"] == 65 and s["remainder"] == 30
assert [(g["share"], g["count"]) for g in s["shares"]] == [(0.66, 30), (0.65, 8)]
assert s["quotient"] == "0.657894…"
it = [i for i in e["items"] if i["path"][-1] == "新增省级或以上孵化载体数量"][0]
assert it["score"] == 0.33 and it["lost"] == 0.33 and it["weight"] == 0.66
assert it["target"]["read"] == "2 家" and it["actual"]["value"] == "1"
assert it["full_marks"] == {"actual": "2 家", "cmp": ">=", "value": "2", "score": 0.66, "total": 98.95}, it["full_marks"]
g = e["grade_boundary"]
assert g["total"] == 98.62 and g["grade"] == "优" and g["min"] == 90 and g["up"] is None, g
assert g["down"]["grade"] == "良" and g["down"]["gap"] == 8.62 and g["down"]["possible"] is False, g
PY
"$bin" explain $gd $here/below.json --format json >"$tmp/below.json" 2>&1
python3 - "$tmp/below.json" <<'PY' && ok || no "json below"
import json, sys
e = json.load(open(sys.argv[1]))
g = e["grade_boundary"]
assert g["up"]["item"] == ["产出", "培训场次"] and g["up"]["actual"] == "6 次" and g["up"]["total"] == 81.00
assert g["up"]["result_grade"] == "良"
assert g["down"]["item"] == ["效益", "新增人才"] and g["down"]["value"] == "416" and g["down"]["total"] == 59.99
q = [i for i in e["items"] if i["path"][-1] == "服务能力"][0]
assert q["tier"] == 2 and q["full_marks"]["actual"] == "有效提升"
r = [i for i in e["items"] if i["path"][-1] == "合格率"][0]
assert r["exact"] == "11.997" and r["score"] == 12.00 and r["rounding"] == {"places": 2, "mode": "half_up"}
d = [i for i in e["items"] if i["path"][-1] == "论证决策规范性"][0]
assert d["lost"] == 3.00 and d["full_marks"] == {"actual": None, "cmp": None, "value": None,
    "facts": [{"fact": "审批文件合规", "cmp": "=", "value": True}], "score": 12.00, "total": 77.33}, d["full_marks"]
PY

# What-ifs in facts (tests/cli/explain/facts.rubric, facts.json), worked by hand: 信息公开 and 问题整改 are not
# stated (missing zero): 0 of 10, full marks with both yes (5 + 5); 存在违规 is true: 0 of 5, full with it no;
# 培训次数 2.5: min(2.5, 4)/4 × 5 = 3.125 → 3.13, full from 4 on (the grid of 2.5 is 0.1: 3.9 gives 4.875 → 4.88);
# 宣传 is 3 or 1 by 信息公开, never 5.  Total 0 + 0 + 3.13 + 1 = 4.13, 差.  Up to 中 (8): 信息公开 yes gives
# 5 + 2 more (11.13), 存在违规 no gives 5 more (9.13): both a change of one yes/no, the first declared wins;
# 培训次数 can add 1.87 at most.  The most one change moves the total: 7.00 (信息公开).
for lang in zh en; do
  "$bin" explain $here/facts.rubric $here/facts.json --lang $lang >"$tmp/facts.$lang" 2>"$tmp/err"
  diff -u $here/facts.$lang.txt "$tmp/facts.$lang" >"$tmp/diff" && ok || { no "facts --lang $lang differs"; head -40 "$tmp/diff"; }
done
# Nine yes/no facts, none stated (missing zero): 0 of 9, full marks only with all nine yes.  explain turns over at
# most 8 together in at most 256 runs, so it lists all nine facts and says its search was cut short rather than
# that no change earns full marks; each fact alone moves the total by 1.00.
for lang in zh en; do
  "$bin" explain $here/many-facts.rubric $here/many-facts.json --lang $lang >"$tmp/many.$lang" 2>"$tmp/err"
  diff -u $here/many-facts.$lang.txt "$tmp/many.$lang" >"$tmp/diff" && ok || { no "many-facts --lang $lang differs"; head -40 "$tmp/diff"; }
done
"$bin" explain $here/many-facts.rubric $here/many-facts.json --format json >"$tmp/many.json" 2>&1
python3 - "$tmp/many.json" <<'PY' && ok || no "json many-facts"
import json, sys
it = json.load(open(sys.argv[1]))["items"][0]
assert len(it["facts"]) == 9 and it["full_marks"] is None and it["full_marks_cut"] is True, it
PY
"$bin" explain $here/facts.rubric $here/facts.json --format json >"$tmp/facts.json" 2>&1
python3 - "$tmp/facts.json" <<'PY' && ok || no "json facts"
import json, sys
e = json.load(open(sys.argv[1]))
fm = {i["path"][-1]: i["full_marks"] for i in e["items"]}
assert fm["公开整改"]["facts"] == [{"fact": "信息公开", "cmp": "=", "value": True},
                                {"fact": "问题整改", "cmp": "=", "value": True}] and fm["公开整改"]["score"] == 10, fm
assert fm["合规"]["facts"] == [{"fact": "存在违规", "cmp": "=", "value": False}] and fm["合规"]["total"] == 9.13, fm
assert fm["培训"]["facts"] == [{"fact": "培训次数", "cmp": ">=", "value": "4"}] and fm["培训"]["score"] == 5, fm
assert fm["宣传"] is None, fm
assert not any(i["full_marks_cut"] for i in e["items"]), e["items"]
up = e["grade_boundary"]["up"]
assert up["possible"] and up["item"] is None and up["fact"] == {"fact": "信息公开", "value": True}, up
assert up["total"] == 11.13 and up["result_grade"] == "中" and up["facts_tried"] == 4 and up["most"] == 7.00, up
fa = {i["path"][-1]: i["facts"] for i in e["items"]}
assert fa["公开整改"] == [{"fact": "信息公开", "value": None}, {"fact": "问题整改", "value": None}], fa
assert fa["合规"] == [{"fact": "存在违规", "value": True}] and fa["培训"] == [{"fact": "培训次数", "value": "2.5"}], fa
PY

# rubric run --lang: the text result's labels, and the findings rubric writes in its own words (tests/cli/lang.sh).
tr=docs/tutorial/examples/training.rubric
"$bin" run $tr docs/tutorial/examples/training.json --lang en >"$tmp/run.en" 2>&1
has "$tmp/run.en" "indicator             weight  recomputed  self score  difference" "run --lang en"
has "$tmp/run.en" "total 84.00 · grade 良 · self 100.00 · difference -16.00" "run --lang en"
has "$tmp/run.en" "findings (3)" "run --lang en"
env -u LC_ALL -u LC_MESSAGES -u LANG "$bin" run $tr docs/tutorial/examples/training.json >"$tmp/run.zh" 2>&1
has "$tmp/run.zh" "总分 84.00 · 等级 良 · 自评 100.00 · 差异 -16.00" "run without a locale"
"$bin" run $tr docs/tutorial/examples/training.json --lang zh | cmp -s - "$tmp/run.zh" && ok || no "run --lang zh is the default"

# Wrong command lines and paths: exit 2 with a message.
"$bin" explain $gd $here/below.json 数量指标 >/dev/null 2>"$tmp/err"
[ $? = 2 ] && ok || no "unknown path: exit 2"
grep -qF '没有名为「数量指标」的节点' "$tmp/err" && ok || no "unknown path message: $(cat "$tmp/err")"
"$bin" explain $gd $here/below.json --lang fr >/dev/null 2>"$tmp/err"
[ $? = 2 ] && ok || no "--lang fr: exit 2"
"$bin" explain $gd >/dev/null 2>&1
[ $? = 2 ] && ok || no "no report: exit 2"
"$bin" explain $gd "$tmp/none.json" >/dev/null 2>&1
[ $? = 3 ] && ok || no "missing report: exit 3, as rubric run"

check_done "explain"
