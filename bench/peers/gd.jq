# gd.jq — the Guangdong 20/40/40 project rules written by hand in jq 1.6, as a user would without
# rubric.  A peer in the benchmark of `rubric batch` (bench/README.md).
#
#   jq -nr -f gd.jq < reports.jsonl > scores.csv          # CSV: id,total,grade
#
# Reads report format v1 (docs/report-format.md), one report per line, and scores it with the
# rules stated at the top of rules/gd-project-20-40-40.rubric (bench/peers/gd.py states them in
# full): 决策 20 from three yes/no facts and 监管有效性 (self score or full marks when not given);
# 产出 40 and 效益 40 split over their rows (by plain(一级指标)) in shares of 0.01 by largest
# remainder; a row whose target or actual states nothing (absent, null, a placeholder such as —,
# /, 无, N/A) takes its self_score, else its share; the others are qualitative (text target:
# plain() of the actual against the target's and the phrases of achievement), a deadline (date
# target), a ceiling (≤, <, a bare 成本指标 target) or a floor.  plain() drops spaces anywhere
# and sentence punctuation at either end.  Items round half up to 0.01; a section with no rows
# does not apply and the total is renormalised to 100 (按百分制折算); grades 优 90, 良 80, 中 60, 差.
#
# Numbers are exact: jq's numbers are doubles, so a decimal is kept as an integer mantissa and a
# power-of-ten scale, both exact below 2^53; ratios are reduced by their gcd and divided with
# integer remainders, and a product that would pass 2^53 stops the program rather than round.
# A JSON number is read from jq's shortest text for it (exact for the at most 15 significant
# digits reports carry).
#
# Target and actual text is read following docs/notation.md with regular expressions:
# comparators before and after the number, full-width forms, thousands separators, %, ‰, money at
# any scale, 万/亿 before a quantity unit, rates, dates (with 前, 底, and the report's year);
# anything else is qualitative text.

# ---- Exact integers in doubles ----------------------------------------------------------------

def pow10($k): [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
                10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000,
                1000000000000000][$k];
def limit: 9007199254740992;
def checked: if . >= limit or . <= -limit then error("number too large for exact arithmetic") else . end;
# Integer division of non-negative integers, exact.
def idiv($a; $b): ($a - ($a % $b)) / $b;
def gcd($a; $b): if $b == 0 then $a else gcd($b; $a % $b) end;
# $n / $d rounded half up, n >= 0, d > 0.
def half_up($n; $d): idiv((2 * $n + $d | checked); 2 * $d | checked);
# $x * $w / $y rounded half up, x, y > 0: the ratio reduced first.
def ratio_half_up($x; $y; $w): gcd($x; $y) as $g | half_up(($x / $g) * $w | checked; $y / $g);

# "[+-]digits[.digits]" → {m, s}: the value m / 10^s.
def decimal:
  (startswith("-")) as $neg
  | ltrimstr("-") | ltrimstr("+") | split(".") as $p
  | {m: ((($p[0] + ($p[1] // "")) | tonumber | checked) * (if $neg then -1 else 1 end)),
     s: (($p[1] // "") | length)};
# Two decimals at one scale: [x, y].
def align($a; $b): if $a.s >= $b.s then [$a.m, $b.m * pow10($a.s - $b.s) | checked]
                   else [$a.m * pow10($b.s - $a.s) | checked, $b.m] end;
# A decimal rounded half up to hundredths.
def hundredths:
  if .m < 0 then (.m = -.m | hundredths) * -1
  elif .s <= 2 then .m * pow10(2 - .s) | checked
  else half_up(.m; pow10(.s - 2)) end;

# ---- Dates ------------------------------------------------------------------------------------

def month_days($y; $m):
  if $m == 2 then (if ($y % 4 == 0 and $y % 100 != 0) or $y % 400 == 0 then 29 else 28 end)
  elif [4, 6, 9, 11] | index([$m]) then 30 else 31 end;
# Days since 1970-01-01 of a valid date, else null (days_from_civil).
def day_number($y; $m; $d):
  if $y < 1000 or $y > 9999 or $m < 1 or $m > 12 or $d < 1 or $d > month_days($y; $m) then null
  else (if $m <= 2 then $y - 1 else $y end) as $yy
    | ($yy / 400 | floor) as $era | ($yy - $era * 400) as $yoe
    | (((153 * (if $m > 2 then $m - 3 else $m + 9 end) + 2) / 5 | floor) + $d - 1) as $doy
    | ($yoe * 365 + ($yoe / 4 | floor) - ($yoe / 100 | floor) + $doy) as $doe
    | $era * 146097 + $doe - 719468 end;
def month_end($y; $m): if $m < 1 or $m > 12 then null else day_number($y; $m; month_days($y; $m)) end;

# The day of a date body (without comparator, 前 or 完成), or null.
def date_body($year):
  . as $s
  | def n: tonumber;
    (first(
      ($s | capture("^(?<y>[0-9]{4})(?:年(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日|-(?<m2>[0-9]{1,2})-(?<d2>[0-9]{1,2})|\\.(?<m3>[0-9]{1,2})\\.(?<d3>[0-9]{1,2})|/(?<m4>[0-9]{1,2})/(?<d4>[0-9]{1,2}))$")
        | day_number(.y | n; (.m // .m2 // .m3 // .m4) | n; (.d // .d2 // .d3 // .d4) | n)),
      ($s | capture("^(?<y>[0-9]{4})(?:年(?<m>[0-9]{1,2})月(?:底|末)?|-(?<m2>[0-9]{2}))$")
        | month_end(.y | n; (.m // .m2) | n)),
      ($s | capture("^(?<y>[0-9]{4})年(?:年底|年末|底|末|下半年)$") | day_number(.y | n; 12; 31)),
      ($s | capture("^(?<y>[0-9]{4})年(?:上半年|年中|中)$") | day_number(.y | n; 6; 30)),
      (if $year == null then empty else
         ($s | capture("^(?<m>[0-9]{1,2})月(?<d>[0-9]{1,2})日$") | day_number($year; .m | n; .d | n)),
         ($s | capture("^(?<m>[0-9]{1,2})月(?:底|末)$") | month_end($year; .m | n)),
         ($s | select(. == "年底" or . == "年末" or . == "下半年") | day_number($year; 12; 31)),
         ($s | select(. == "上半年" or . == "年中") | day_number($year; 6; 30))
       end),
      null));

# {cmp, day} of a date text, or null.
def read_date($year):
  capture("^(?<pre>不晚于|不早于|<=|>=|≤|≥)?(?<body>.*?)(?<post>之前|以前|前|之后|以后|后)?(?:完成)?$")
  | (if .pre == null then null elif .pre == "不晚于" or .pre == "<=" or .pre == "≤" then "<=" else ">=" end) as $pre
  | (if .post == null then null elif .post == "之前" or .post == "以前" or .post == "前" then "<=" else ">=" end) as $post
  | if $pre != null and $post != null and $pre != $post then null
    else (.body | date_body($year)) as $day
    | if $day == null then null else {cmp: ($pre // $post // ""), day: $day} end end;

# ---- Amounts ----------------------------------------------------------------------------------

def prefix_cmp: {"大于等于": ">=", "小于等于": "<=", "不低于": ">=", "不少于": ">=", "不小于": ">=",
  "不早于": ">=", "不超过": "<=", "不高于": "<=", "不大于": "<=", "不多于": "<=", "未超过": "<=",
  "不晚于": "<=", "控制在": "<=", "未达到": "<", "达到": ">=", "至少": ">=", "最少": ">=", "至多": "<=",
  "最多": "<=", "超过": ">", "高于": ">", "大于": ">", "多于": ">", "晚于": ">", "低于": "<", "小于": "<",
  "少于": "<", "不足": "<", "不满": "<", "早于": "<", "等于": "=", ">=": ">=", "<=": "<=", "≥": ">=",
  "⩾": ">=", "≧": ">=", "≤": "<=", "⩽": "<=", "≦": "<=", "达": ">=", "超": ">", ">": ">", "<": "<",
  "=": "="};
def suffix_cmp: {"及以上": ">=", "或以上": ">=", "以上": ">=", "及以下": "<=", "或以下": "<=",
  "以下": "<=", "以内": "<=", "之内": "<=", "内": "<="};
def money_zeros: {"元": 0, "百元": 2, "千元": 3, "万元": 4, "百万元": 6, "千万元": 7, "亿元": 8,
  "万亿元": 12};
def amount_re: "^(?:共计|共|合计|累计|总计)?(?:大约|约|近)?(?<pre>"
  + (prefix_cmp | keys | sort_by(-length) | map(gsub("(?<c>[.+*?<>=])"; "\\\(.c)")) | join("|"))
  + ")?(?<num>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\\.[0-9]+)?)(?<more>余|多)?(?<unit>.*?)(?<post>"
  + (suffix_cmp | keys | sort_by(-length) | join("|")) + ")?(?:左右)?$";
def is_unit: length > 0 and (test("[\\x00-\\x2e\\x30-\\x40\\x5b-\\x60\\x7b-\\x7f]") | not);

# {cmp, m, s} of an amount text, or null.
def read_amount($re):
  [capture($re)] | if length == 0 then null else .[0]
  | (if .pre == null then null else prefix_cmp[.pre] end) as $pre
  | (if .more != null then (if .post == null then ">" else "conflict" end)
     elif .post == null then null else suffix_cmp[.post] end) as $post
  | if $post == "conflict" or ($pre != null and $post != null and $pre != $post) then null
    else (.num | gsub(","; "") | decimal) as $d | .unit as $u
    | {cmp: ($pre // $post // "")} + $d
    | if $u == "" or $u == "%" or $u == "‰" then .
      elif $u | contains("/") then (if $u | is_unit then . else null end)
      elif money_zeros[$u] != null then .m = (.m * pow10(money_zeros[$u]) | checked)
      elif ($u | startswith("万") or startswith("亿")) and ($u == "万" or $u == "亿" or ($u[1:] | is_unit))
        then .m = (.m * (if $u | startswith("万") then 10000 else 100000000 end) | checked)
      elif $u | is_unit then .
      else null end end end;

# ---- Reading value text -----------------------------------------------------------------------

# Full-width ASCII (U+FF01..U+FF5E) to ASCII; spaces of every kind removed.
def normalise: explode | map(if . >= 65281 and . <= 65374 then . - 65248
                             elif . == 32 or . == 12288 or . == 160 or . == 9 or . == 10 or . == 13 then empty
                             else . end) | implode;
def trim: sub("^[ \t\r\n\u3000\u00a0]+"; "") | sub("[ \t\r\n\u3000\u00a0]+$"; "");

# A target or actual as read: {kind: "amount"|"date"|"text", cmp, m, s, day, text}, or null.
def read_value($year; $re):
  if . == null then null
  elif type == "number" then tostring | {kind: "amount", cmp: "", text: .} + decimal
  elif type != "string" then {kind: "text", text: tostring}
  else trim as $text
    | if $text == "" then null
      else ($text | normalise) as $s
      # Only a text with 年 or 月, or a year followed by - . or /, can be a date.
      | (if ($s | contains("年") or contains("月") or test("[0-9]{4}[-./][0-9]")) then $s | read_date($year)
         else null end) as $date
      | if $date != null then {kind: "date", text: $text} + $date
        else ($s | read_amount($re)) as $amount
        | if $amount != null then {kind: "amount", text: $text} + $amount
          else {kind: "text", text: $text} end end end end;

# ---- plain(): the text the rules compare ------------------------------------------------------

# The text without spaces anywhere (ASCII space, tab, CR, LF, U+3000, U+00A0) and without the
# sentence punctuation 。，；：！？、．.,;:!? at either end.  Most cells have neither, which one
# regular expression says.
def plain:
  if test("[ \t\r\n\u3000\u00a0]|^[。，；：！？、．.,;:!?]|[。，；：！？、．.,;:!?]$") then
    gsub("[ \t\r\n\u3000\u00a0]"; "") | sub("^[。，；：！？、．.,;:!?]+"; "") | sub("[。，；：！？、．.,;:!?]+$"; "")
  else . end;

# Plain texts that state nothing, and plain texts that say the target was achieved
# (rules/indicators.rubric: 未填文字, 达成用语).
def placeholders: ["", "—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用", "未填报", "未填", "未填写",
  "N/A", "n/a", "NA", "null"];
def achieved: ["达成", "全部达成", "已达成", "基本达成", "已全部达成", "完成", "全部完成", "已完成", "基本完成",
  "已全部完成", "达成预期指标", "达成预期", "达成预期目标", "达成年度指标", "达到预期", "达到预期指标", "达到预期目标",
  "已达到预期", "已达到预期指标", "已达预期", "完成预期指标", "完成年度指标", "按期完成", "按时完成", "已按期完成",
  "已按时完成", "如期完成", "已如期完成"];

# Whether a target or actual cell states nothing: absent, null, or a placeholder (blank included).
# (No placeholder is longer than 4 characters.)
def states_nothing:
  . == null or (type == "string" and (plain as $p | ($p | length) <= 4 and (placeholders | index([$p])) != null));

# ---- Scoring ----------------------------------------------------------------------------------

# The score of one row in hundredths, given its share $w in hundredths.
def row_score($w; $year; $re):
  if (.target | states_nothing) or (.actual | states_nothing) then
    # Not checked: the row's own self score, else its share.
    (if .self_score == null then $w else .self_score | tostring | decimal | hundredths end)
  else
    (.target | read_value($year; $re)) as $t
    | .level2 as $level2
    | if $t.kind == "text" then
        (.actual | tostring | plain) as $said
        | if $said == ($t.text | plain) or (achieved | index([$said])) then $w
          elif $said | startswith("部分") then half_up($w * 6; 10)
          else 0 end
      else
        (.actual | read_value($year; $re)) as $a
        | if $a.kind == "text" or (($a.kind == "date") != ($t.kind == "date")) then 0
          elif $t.kind == "date" then (if $a.day <= $t.day then $w else 0 end)
          else align($a; $t) as [$x, $y]
          | if $t.cmp == "<=" or $t.cmp == "<" or ($t.cmp == "" and $level2 == "成本指标") then
              if $x <= $y then $w elif $y <= 0 then 0 else ratio_half_up($y; $x; $w) end
            elif $y <= 0 then $w
            elif $x <= 0 then 0
            elif $x >= $y then $w
            else ratio_half_up($x; $y; $w) end end
      end
  end;

# A self score for ["决策", $item] in hundredths, or $full.
def self_or_full($item; $full):
  first((.self_scores // [])[] | select(.path == ["决策", $item]) | .score | tostring | decimal | hundredths)
  // $full;

# The section of a row by plain(一级指标); one that starts with a section's name already does after plain().
def section: if type != "string" then null
             elif startswith("产出") then "o" elif startswith("效益") or startswith("满意度") then "e"
             else plain | if startswith("产出") then "o" elif startswith("效益") or startswith("满意度") then "e"
                          else null end end;

# {sum, applicable}: the sum of one report's rounded items in hundredths, and the weight of the
# sections that apply (20 for 决策, 40 more for 产出 and for 效益 when they have rows).
def score($re):
  . as $r | (.facts // {}) as $f
  | (if $f["可行性论证"] != null and $f["按程序设立"] != null and $f["审批文件合规"] != null then
       (if $f["可行性论证"] == true then 600 else 0 end) + (if $f["按程序设立"] == true then 300 else 0 end)
       + (if $f["审批文件合规"] == true then 300 else 0 end)
     else $r | self_or_full("论证决策规范性"; 1200) end) as $justification
  | (if $f["监管有效性"] | type == "number" then
       ($f["监管有效性"] | tostring | decimal) as $d
       | if $d.m < 0 then 0 elif (align($d; {m: 8, s: 0}) | .[0] > .[1]) then 800 else $d | hundredths end
     else $r | self_or_full("监管有效性"; 800) end) as $supervision
  | (.year | if type == "number" then . else null end) as $year
  | [(.indicators // [])[] | {row: ., sec: (.level1 | section)} | select(.sec != null)] as $rows
  | ([$rows[] | select(.sec == "o")] | length) as $no
  | ([$rows[] | select(.sec == "e")] | length) as $ne
  | reduce $rows[] as $x ({total: ($justification + $supervision), o: 0, e: 0};
      (if $x.sec == "o" then $no else $ne end) as $n
      | .[$x.sec] as $i
      | (idiv(4000; $n) + (if $i < 4000 % $n then 1 else 0 end)) as $share
      | .[$x.sec] += 1
      | .total += ($x.row | row_score($share; $year; $re)))
  | {sum: .total, applicable: (20 + (if $no > 0 then 40 else 0 end) + (if $ne > 0 then 40 else 0 end))};

# The grade of the exact total .sum × 100 / .applicable (hundredths).
def grade: (.sum * 100) as $x | .applicable as $a
  | if $x >= 9000 * $a then "优" elif $x >= 8000 * $a then "良" elif $x >= 6000 * $a then "中" else "差" end;
# A section with no rows does not apply: the total renormalised to 100 (按百分制折算), half up.
def total: if .applicable == 100 then .sum else half_up(.sum * 100; .applicable) end;
def csv_field: tostring | if test("[,\"\r\n]") then "\"" + gsub("\""; "\"\"") + "\"" else . end;
def two_places: "\(idiv(.; 100)).\(. % 100 | tostring | if length == 1 then "0" + . else . end)";

amount_re as $re
| "id,total,grade",
  (inputs | score($re) as $t | "\(.id | csv_field),\($t | total | two_places),\($t | grade)")
