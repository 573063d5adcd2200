-- gd.lua — the Guangdong 20/40/40 project rules written by hand in Lua 5.4 over lua-cjson, as a
-- user would without rubric.  A peer in the benchmark of `rubric batch` (bench/README.md).
--
--   lua5.4 gd.lua < reports.jsonl > scores.csv          -- CSV: id,total,grade
--
-- Reads report format v1 (docs/report-format.md), one report per line, and scores it with the
-- rules stated at the top of rules/gd-project-20-40-40.rubric (bench/peers/gd.py states them in
-- full): 决策 20 from three yes/no facts and 监管有效性 (self score or full marks when not given);
-- 产出 40 and 效益 40 split over their rows (by plain(一级指标)) in shares of 0.01 by largest
-- remainder; a row whose target or actual states nothing (absent, null, a placeholder such as —,
-- /, 无, N/A) takes its self_score, else its share; the others are qualitative (text target:
-- plain() of the actual against the target's and the phrases of achievement), a deadline (date
-- target), a ceiling (≤, <, a bare 成本指标 target) or a floor.  plain() drops spaces anywhere
-- and sentence punctuation at either end.  Items round half up to 0.01; a section with no rows
-- does not apply and the total is renormalised to 100 (按百分制折算); grades 优 90, 良 80, 中 60, 差.
--
-- Numbers are exact: a decimal is an integer mantissa and a power-of-ten scale, scores are
-- integers in hundredths, and ratios are rounded with integer division.  lua-cjson decodes JSON
-- numbers to doubles, so a JSON number is turned back into the shortest decimal text that reads
-- as the same double (exact for the at most 15 significant digits reports carry) before use.
--
-- Target and actual text is read following docs/notation.md with Lua patterns: comparators
-- before and after the number, full-width forms, thousands separators, %, ‰, money at any scale,
-- 万/亿 before a quantity unit, rates, dates (with 前, 底, and the report's year); anything else
-- is qualitative text.

local cjson = require "cjson"
local null = cjson.null

-- ---- Exact decimals ---------------------------------------------------------------------------

-- The shortest decimal text of a double that reads back as the same double.
local function number_text(x)
  if math.type(x) == "integer" then return tostring(x) end
  for p = 15, 17 do
    local s = string.format("%." .. p .. "g", x)
    if tonumber(s) == x then return s end
  end
end

-- A decimal from "[+-]digits[.digits][e[+-]digits]": mantissa, scale (value = m / 10^s); nil if
-- the text is not one or does not fit.
local function decimal(s)
  local sign, whole, frac, exp = s:match("^([+-]?)(%d+)%.?(%d*)[eE]?([+-]?%d*)$")
  if not whole then return nil end
  local digits = whole .. frac
  if #digits > 18 then
    digits = digits:gsub("^0+(%d)", "%1")
    if #digits > 18 then return nil end
  end
  local m, sc = math.tointeger(tonumber(digits)), #frac
  if exp ~= "" then
    local e = math.tointeger(tonumber(exp))
    if not e then return nil end
    sc = sc - e
  end
  while sc < 0 do m, sc = m * 10, sc + 1 end
  if sign == "-" then m = -m end
  return m, sc
end

-- a and b (mantissa, scale) at one scale.
local function align(am, as, bm, bs)
  while as < bs do am, as = am * 10, as + 1 end
  while bs < as do bm, bs = bm * 10, bs + 1 end
  return am, bm
end

local LIMIT = 1 << 50

local function pow10(k)
  local p = 1
  for _ = 1, k do p = p * 10 end
  return p
end

-- n / d rounded half up, for n >= 0, d > 0 (and n small enough not to overflow).
local function div_half_up(n, d)
  if n >= LIMIT or d >= LIMIT then error("number too large for exact integer arithmetic") end
  return (2 * n + d) // (2 * d)
end

local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end

-- x * w / y rounded half up, x, y > 0: the ratio reduced first so the product stays small.
local function ratio_half_up(x, y, w)
  local g = gcd(x, y)
  x, y = x // g, y // g
  if x >= LIMIT // w then error("number too large for exact integer arithmetic") end
  return div_half_up(x * w, y)
end

-- m / 10^s rounded half up to hundredths.
local function hundredths(m, s)
  local neg = m < 0
  if neg then m = -m end
  local h
  if s <= 2 then h = m * pow10(2 - s) else h = div_half_up(m, pow10(s - 2)) end
  return neg and -h or h
end

-- ---- Dates ------------------------------------------------------------------------------------

local function month_days(y, m)
  if m == 2 then return ((y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0) and 29 or 28 end
  return (m == 4 or m == 6 or m == 9 or m == 11) and 30 or 31
end

-- Days since 1970-01-01 of a valid date, else nil (days_from_civil).
local function day_number(y, m, d)
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if not y or y < 1000 or y > 9999 or m < 1 or m > 12 or d < 1 or d > month_days(y, m) then return nil end
  if m <= 2 then y = y - 1 end
  local era = y // 400
  local yoe = y - era * 400
  local doy = (153 * (m > 2 and m - 3 or m + 9) + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function month_end(y, m)
  y, m = tonumber(y), tonumber(m)
  if m < 1 or m > 12 then return nil end
  return day_number(y, m, month_days(y, m))
end

-- The day of a date body (without comparator, 前 or 完成), or nil.
local function date_body(s, year)
  local y, m, d = s:match("^(%d%d%d%d)年(%d%d?)月(%d%d?)日$")
  if y then return day_number(y, m, d) end
  local sep
  y, sep, m, d = s:match("^(%d%d%d%d)([-./])(%d%d?)%2(%d%d?)$")
  if y then return day_number(y, m, d) end
  y, m = s:match("^(%d%d%d%d)年(%d%d?)月$")
  if not y then y, m = s:match("^(%d%d%d%d)年(%d%d?)月底$") end
  if not y then y, m = s:match("^(%d%d%d%d)年(%d%d?)月末$") end
  if not y then y, m = s:match("^(%d%d%d%d)%-(%d%d)$") end
  if y then return month_end(y, m) end
  y = s:match("^(%d%d%d%d)年")
  if y then
    local rest = s:sub(8)
    if rest == "年底" or rest == "年末" or rest == "底" or rest == "末" or rest == "下半年" then
      return day_number(y, 12, 31)
    elseif rest == "上半年" or rest == "年中" or rest == "中" then
      return day_number(y, 6, 30)
    end
    return nil
  end
  if not year then return nil end
  m, d = s:match("^(%d%d?)月(%d%d?)日$")
  if m then return day_number(year, m, d) end
  m = s:match("^(%d%d?)月底$") or s:match("^(%d%d?)月末$")
  if m then return month_end(year, m) end
  if s == "年底" or s == "年末" or s == "下半年" then return day_number(year, 12, 31) end
  if s == "上半年" or s == "年中" then return day_number(year, 6, 30) end
  return nil
end

local function has_prefix(s, w) return s:sub(1, #w) == w end
local function has_suffix(s, w) return #s >= #w and s:sub(-#w) == w end

-- cmp, day of a date text, or nil.
local function read_date(s, year)
  local pre, post
  for _, w in ipairs({ "不晚于", "<=", "≤" }) do
    if has_prefix(s, w) then pre, s = "<=", s:sub(#w + 1) break end
  end
  if not pre then
    for _, w in ipairs({ "不早于", ">=", "≥" }) do
      if has_prefix(s, w) then pre, s = ">=", s:sub(#w + 1) break end
    end
  end
  if has_suffix(s, "完成") then s = s:sub(1, -7) end
  for _, w in ipairs({ "之前", "以前", "前" }) do
    if has_suffix(s, w) then post, s = "<=", s:sub(1, -#w - 1) break end
  end
  if not post then
    for _, w in ipairs({ "之后", "以后", "后" }) do
      if has_suffix(s, w) then post, s = ">=", s:sub(1, -#w - 1) break end
    end
  end
  if pre and post and pre ~= post then return nil end
  local day = date_body(s, year)
  if day then return pre or post or "", day end
end

-- ---- Amounts ----------------------------------------------------------------------------------

-- Comparators before the number.
local PREFIX = {
  ["≥"] = ">=", ["⩾"] = ">=", ["≧"] = ">=", [">="] = ">=", ["不低于"] = ">=", ["不少于"] = ">=",
  ["不小于"] = ">=", ["达到"] = ">=", ["达"] = ">=", ["至少"] = ">=", ["最少"] = ">=", ["大于等于"] = ">=",
  ["不早于"] = ">=", ["≤"] = "<=", ["⩽"] = "<=", ["≦"] = "<=", ["<="] = "<=", ["不超过"] = "<=",
  ["不高于"] = "<=", ["不大于"] = "<=", ["不多于"] = "<=", ["未超过"] = "<=", ["至多"] = "<=", ["最多"] = "<=",
  ["小于等于"] = "<=", ["不晚于"] = "<=", ["控制在"] = "<=", [">"] = ">", ["超过"] = ">", ["超"] = ">",
  ["高于"] = ">", ["大于"] = ">", ["多于"] = ">", ["晚于"] = ">", ["<"] = "<", ["低于"] = "<", ["小于"] = "<",
  ["少于"] = "<", ["不足"] = "<", ["不满"] = "<", ["未达到"] = "<", ["早于"] = "<", ["="] = "=", ["等于"] = "=",
}
-- Words that may stand before a value without changing it: labels, then 约 and the like.
local LABELS = { "共计", "共", "合计", "累计", "总计" }
local APPROX = { "大约", "约", "近" }
-- Comparators after the number and its unit.
local SUFFIX = {
  { "及以上", ">=" }, { "或以上", ">=" }, { "及以下", "<=" }, { "或以下", "<=" }, { "以上", ">=" },
  { "以下", "<=" }, { "以内", "<=" }, { "之内", "<=" }, { "内", "<=" },
}
local MONEY = { ["元"] = 0, ["百元"] = 2, ["千元"] = 3, ["万元"] = 4, ["百万元"] = 6, ["千万元"] = 7,
  ["亿元"] = 8, ["万亿元"] = 12 }

-- A unit: no ASCII other than letters and '/'.
local function is_unit(u) return u ~= "" and not u:find("[\0-\46\48-\64\91-\96\123-\127]") end

-- cmp, mantissa, scale of an amount text, or nil.
local function read_amount(s)
  -- Everything before the first digit (or sign) is a comparator, after an optional label and 约.
  local lead, num, rest = s:match("^(.-)([+-]?%d[%d,]*%.%d+)(.*)$")
  if not lead then lead, num, rest = s:match("^(.-)([+-]?%d[%d,]*)(.*)$") end
  if not lead then return nil end
  for _, w in ipairs(LABELS) do
    if has_prefix(lead, w) then lead = lead:sub(#w + 1) break end
  end
  for _, w in ipairs(APPROX) do
    if has_prefix(lead, w) then lead = lead:sub(#w + 1) break end
  end
  local pre, post
  if lead ~= "" then
    pre = PREFIX[lead]
    if not pre then return nil end
  end
  if num:find(",", 1, true) then
    local int = num:match("^[+-]?([%d,]+)")
    if not int:match("^%d%d?%d?,%d%d%d") or int:find("%d%d%d%d") or int:find(",%d?%d?,") or int:find(",%d?%d?$") then
      return nil
    end
    num = num:gsub(",", "")
  end
  local m, sc = decimal(num)
  if not m then return nil end
  if has_prefix(rest, "余") or has_prefix(rest, "多") then post, rest = ">", rest:sub(4) end
  if has_suffix(rest, "左右") then rest = rest:sub(1, -7) end
  for _, p in ipairs(SUFFIX) do
    if has_suffix(rest, p[1]) then
      if post then return nil end
      post, rest = p[2], rest:sub(1, -#p[1] - 1)
      break
    end
  end
  if pre and post and pre ~= post then return nil end
  local cmp = pre or post or ""
  if rest == "" or rest == "%" or rest == "‰" then return cmp, m, sc end
  if rest:find("/", 1, true) then
    if is_unit(rest) then return cmp, m, sc end
    return nil
  end
  local zeros = MONEY[rest]
  if not zeros and (has_prefix(rest, "万") or has_prefix(rest, "亿")) and (#rest == 3 or is_unit(rest:sub(4))) then
    zeros = has_prefix(rest, "万") and 4 or 8
  end
  if zeros then
    sc = sc - zeros
    while sc < 0 do m, sc = m * 10, sc + 1 end
    return cmp, m, sc
  end
  if is_unit(rest) then return cmp, m, sc end
  return nil
end

-- ---- Reading value text -----------------------------------------------------------------------

-- Full-width ASCII (U+FF01..U+FF5E) to ASCII; spaces of every kind removed.
local function normalise(s)
  if not s:find("[\xC2\xE3\xEF%s]") then return s end
  s = s:gsub("\xEF([\xBC\xBD])([\x80-\xBF])", function(b2, b3)
    local cp = 0xF000 | ((b2:byte() & 0x3F) << 6) | (b3:byte() & 0x3F)
    if cp >= 0xFF01 and cp <= 0xFF5E then return string.char(cp - 0xFEE0) end
  end)
  return (s:gsub("\xE3\x80\x80", ""):gsub("\xC2\xA0", ""):gsub("%s", ""))
end

local function trim(s)
  local changed = true
  while changed do
    changed = false
    local t = s:gsub("^%s+", ""):gsub("%s+$", "")
    if has_prefix(t, "\xE3\x80\x80") then t = t:sub(4) end
    if has_suffix(t, "\xE3\x80\x80") then t = t:sub(1, -4) end
    if has_prefix(t, "\xC2\xA0") then t = t:sub(3) end
    if has_suffix(t, "\xC2\xA0") then t = t:sub(1, -3) end
    if t ~= s then s, changed = t, true end
  end
  return s
end

-- A target or actual as read: { kind = "amount" | "date" | "text", cmp, m, s (amounts), day
-- (dates), text }, or nil when there is none.
local function read_value(raw, year)
  if raw == nil or raw == null then return nil end
  if type(raw) == "number" then
    local text = number_text(raw)
    local m, s = decimal(text)
    if m then return { kind = "amount", cmp = "", m = m, s = s, text = text } end
    return { kind = "text", text = text }
  end
  if type(raw) ~= "string" then return { kind = "text", text = tostring(raw) } end
  local text = trim(raw)
  if text == "" then return nil end
  local s = normalise(text)
  local cmp, day
  -- Only a text with 年 or 月, or a year followed by - . or /, can be a date.
  if s:find("年", 1, true) or s:find("月", 1, true) or s:find("%d%d%d%d[-./]%d") then
    cmp, day = read_date(s, year)
    if cmp then return { kind = "date", cmp = cmp, day = day, text = text } end
  end
  local m, sc
  cmp, m, sc = read_amount(s)
  if cmp then return { kind = "amount", cmp = cmp, m = m, s = sc, text = text } end
  return { kind = "text", text = text }
end

-- ---- plain(): the text the rules compare ------------------------------------------------------

-- Sentence punctuation plain() removes at either end.
local MARKS = { "。", "，", "；", "：", "！", "？", "、", "．", ".", ",", ";", ":", "!", "?" }

-- The text without spaces anywhere (ASCII space, tab, CR, LF, U+3000, U+00A0) and without
-- sentence punctuation at either end.  Most cells have neither, which a few find()s say.
local function plain(s)
  if s:find("[ \t\r\n]") or s:find("\xE3\x80\x80", 1, true) or s:find("\xC2\xA0", 1, true) then
    s = s:gsub("[ \t\r\n]", ""):gsub("\xE3\x80\x80", ""):gsub("\xC2\xA0", "")
  end
  -- A mark starts with one of these bytes and ends with one of those.
  if not (s:find("^[.,;:!?\xE3\xEF]") or s:find("[.,;:!?\x81\x82\x8C\x8E\x9A\x9B\x9F]$")) then return s end
  local cut = true
  while cut do
    cut = false
    for _, m in ipairs(MARKS) do
      if has_prefix(s, m) then s, cut = s:sub(#m + 1), true end
      if has_suffix(s, m) then s, cut = s:sub(1, -#m - 1), true end
    end
  end
  return s
end

local function set(list)
  local t = {}
  for _, w in ipairs(list) do t[w] = true end
  return t
end

-- Plain texts that state nothing, and plain texts that say the target was achieved
-- (rules/indicators.rubric: 未填文字, 达成用语).
local PLACEHOLDER = set({ "", "—", "——", "–", "-", "--", "－", "/", "／", "无", "暂无", "不适用", "未填报", "未填",
  "未填写", "N/A", "n/a", "NA", "null" })
local ACHIEVED = set({ "达成", "全部达成", "已达成", "基本达成", "已全部达成", "完成", "全部完成", "已完成", "基本完成",
  "已全部完成", "达成预期指标", "达成预期", "达成预期目标", "达成年度指标", "达到预期", "达到预期指标", "达到预期目标",
  "已达到预期", "已达到预期指标", "已达预期", "完成预期指标", "完成年度指标", "按期完成", "按时完成", "已按期完成",
  "已按时完成", "如期完成", "已如期完成" })

-- Whether a target or actual cell states nothing: absent, null, or a placeholder (blank included).
-- No placeholder has a digit, and most cells do.
local function states_nothing(raw)
  if raw == nil or raw == null then return true end
  return type(raw) == "string" and not raw:find("%d") and PLACEHOLDER[plain(raw)] == true
end

-- The text of a cell as written (a JSON number as its shortest decimal text).
local function cell_text(raw)
  if type(raw) == "number" then return number_text(raw) end
  return tostring(raw)
end

-- ---- Scoring ----------------------------------------------------------------------------------

-- The score of one row in hundredths, given its share w in hundredths.
local function row_score(row, w, year)
  if states_nothing(row.target) or states_nothing(row.actual) then
    -- Not checked: the row's own self score, else its share.
    local own = row.self_score
    if type(own) == "number" then return hundredths(decimal(number_text(own))) end
    return w
  end
  local t = read_value(row.target, year)
  if t.kind == "text" then
    local said = plain(cell_text(row.actual))
    if said == plain(t.text) or ACHIEVED[said] then return w end
    if has_prefix(said, "部分") then return div_half_up(w * 6, 10) end
    return 0
  end
  local a = read_value(row.actual, year)
  if not a or a.kind == "text" or (a.kind == "date") ~= (t.kind == "date") then return 0 end
  if t.kind == "date" then return a.day <= t.day and w or 0 end
  local x, y = align(a.m, a.s, t.m, t.s)
  local level2 = row.level2
  if t.cmp == "<=" or t.cmp == "<" or (t.cmp == "" and level2 == "成本指标") then
    if x <= y then return w end
    if y <= 0 then return 0 end
    return ratio_half_up(y, x, w)
  end
  if y <= 0 then return w end
  if x <= 0 then return 0 end
  if x >= y then return w end
  return ratio_half_up(x, y, w)
end

-- A self score for ["决策", item] in hundredths, or full marks.
local function self_or_full(report, item, full)
  local list = report.self_scores
  if type(list) ~= "table" then return full end
  for _, e in ipairs(list) do
    local p = e.path
    if type(p) == "table" and #p == 2 and p[1] == "决策" and p[2] == item and type(e.score) == "number" then
      return hundredths(decimal(number_text(e.score)))
    end
  end
  return full
end

local function given(facts, name)
  local v = facts[name]
  return v ~= nil and v ~= null
end

local function starts_section(l1)
  if type(l1) ~= "string" then return nil end
  -- A 一级指标 that starts with a section's name already does after plain(); the others may not.
  if not (has_prefix(l1, "产出") or has_prefix(l1, "效益") or has_prefix(l1, "满意度")) then l1 = plain(l1) end
  if has_prefix(l1, "产出") then return "o" end
  if has_prefix(l1, "效益") or has_prefix(l1, "满意度") then return "e" end
end

-- The sum of one report's rounded items in hundredths, and the weight of the sections that apply
-- (20 for 决策, 40 more for 产出 and for 效益 when they have rows).
local function score(report)
  local facts = report.facts
  if type(facts) ~= "table" then facts = {} end
  local total
  if given(facts, "可行性论证") and given(facts, "按程序设立") and given(facts, "审批文件合规") then
    total = (facts["可行性论证"] == true and 600 or 0) + (facts["按程序设立"] == true and 300 or 0)
      + (facts["审批文件合规"] == true and 300 or 0)
  else
    total = self_or_full(report, "论证决策规范性", 1200)
  end
  local sup = facts["监管有效性"]
  if type(sup) == "number" then
    local m, s = decimal(number_text(sup))
    if m < 0 then m, s = 0, 0 end
    local x, y = align(m, s, 8, 0)
    if x > y then m, s = 8, 0 end
    total = total + hundredths(m, s)
  else
    total = total + self_or_full(report, "监管有效性", 800)
  end
  local year = report.year
  if type(year) == "number" then year = math.tointeger(year) else year = nil end
  local rows = report.indicators
  if type(rows) ~= "table" then return total, 20 end
  local n, sections = { o = 0, e = 0 }, {}
  for k, row in ipairs(rows) do
    local sec = starts_section(row.level1)
    sections[k] = sec or false
    if sec then n[sec] = n[sec] + 1 end
  end
  local i = { o = 0, e = 0 }
  for k, row in ipairs(rows) do
    local sec = sections[k]
    if sec then
      local share = 4000 // n[sec] + (i[sec] < 4000 % n[sec] and 1 or 0)
      i[sec] = i[sec] + 1
      total = total + row_score(row, share, year)
    end
  end
  return total, 20 + (n.o > 0 and 40 or 0) + (n.e > 0 and 40 or 0)
end

-- The grade of the exact total sum × 100 / applicable (hundredths).
local function grade(sum, applicable)
  local x = sum * 100
  if x >= 9000 * applicable then return "优" elseif x >= 8000 * applicable then return "良"
  elseif x >= 6000 * applicable then return "中" end
  return "差"
end

local function csv_field(s)
  s = tostring(s)
  if s:find('[,"\r\n]') then return '"' .. s:gsub('"', '""') .. '"' end
  return s
end

io.stdout:setvbuf("full")
io.write("id,total,grade\n")
local decode = cjson.decode
for line in io.lines() do
  if line:find("%S") then
    local report = decode(line)
    local sum, applicable = score(report)
    -- A section with no rows does not apply: renormalise to 100 (按百分制折算), half up.
    local total = applicable == 100 and sum or div_half_up(sum * 100, applicable)
    io.write(csv_field(report.id), ",", string.format("%d.%02d", total // 100, total % 100), ",",
      grade(sum, applicable), "\n")
  end
end
