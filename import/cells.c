/*
** cells.c — what a cell of an indicator table says: which column a header
** names, whether a text is one of the standard 一级/二级指标 names, whether a
** word starts a value or is the unit after one, and a 分值 or 得分 read as a
** number, repaired where extraction damaged it.
**
** Every table here is domain knowledge, not knowledge of particular files:
** the column names of the national 项目支出绩效自评表 (财预〔2020〕10号) and of
** the Guangdong 评分表, the level names both frameworks define, the
** comparators the notation scanner knows (docs/notation.md).
*/
#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "import/import_private.h"

/* ---- Headers ---------------------------------------------------------------- */

typedef struct header_name {
  const char *name;
  imp_col col;
  bool prefix; /* matches any header starting with name */
} header_name;

/* Compared after spaces are dropped and a trailing note in brackets is cut
** ("权重(%)", "分值（分）"). */
static const header_name header_names[] = {
    {"一级指标", COL_L1, false},         {"二级指标", COL_L2, false},         {"三级指标", COL_NAME, false},
    {"指标名称", COL_NAME, false},       {"指标值", COL_TARGET, false},       {"年度指标值", COL_TARGET, false},
    {"年度目标值", COL_TARGET, false},   {"目标值", COL_TARGET, false},       {"预期值", COL_TARGET, false},
    {"评价年度预期值", COL_TARGET, false}, {"预期指标值", COL_TARGET, false}, {"指标性质", COL_TARGET, false},
    {"度量单位", COL_TARGET, false},     {"计量单位", COL_TARGET, false},     {"实际完成值", COL_ACTUAL, false},
    {"实际完成", COL_ACTUAL, false},     {"全年实际值", COL_ACTUAL, false},   {"实际值", COL_ACTUAL, false},
    {"完成值", COL_ACTUAL, false},       {"年度实际完成值", COL_ACTUAL, false}, {"全年实际完成值", COL_ACTUAL, false},
    {"实现值", COL_ACTUAL, false},       {"评价年度实现值", COL_ACTUAL, false}, {"分值", COL_WEIGHT, false},
    {"权重", COL_WEIGHT, false},         {"得分", COL_SCORE, false},          {"自评分", COL_SCORE, false},
    {"自评得分", COL_SCORE, false},      {"自评分数", COL_SCORE, false},      {"偏差原因", COL_NOTE, true},
    {"未达标原因", COL_NOTE, true},      {"备注", COL_NOTE, false},           {"评分标准", COL_OTHER, false},
    {"参考佐证材料", COL_OTHER, true},   {"佐证材料", COL_OTHER, true},       {"名称", COL_OTHER, false},
    /* What `rubric run --format xlsx` adds beside the published columns:
    ** rubric's own result, not the report's, so a sheet it wrote reads back. */
    {"复核得分", COL_OTHER, false},      {"差异", COL_OTHER, false},          {"说明", COL_OTHER, false},
};

imp_col imp_header_column(const char *text, size_t len) {
  char buf[256];
  size_t o = 0;
  for (size_t i = 0; i < len && o + 4 < sizeof buf;) {
    size_t sp = rb_utf8_space_at((const unsigned char *)text + i, len - i);
    if (sp) {
      i += sp;
      continue;
    }
    buf[o++] = text[i++];
  }
  buf[o] = '\0';
  /* Columns of evidence and scoring criteria, however their headers run on. */
  if (strstr(buf, "佐证") || strstr(buf, "评分标准") || strstr(buf, "评分依据")) return COL_OTHER;
  /* Cut a bracketed note: "(%)", "（分）". */
  char *open = strstr(buf, "(");
  char *wide = strstr(buf, "（");
  if (wide && (!open || wide < open)) open = wide;
  if (open && open != buf) *open = '\0';
  size_t n = strlen(buf);
  for (size_t k = 0; k < sizeof header_names / sizeof header_names[0]; k++) {
    const header_name *h = &header_names[k];
    size_t hn = strlen(h->name);
    if (h->prefix ? n >= hn && memcmp(buf, h->name, hn) == 0 : n == hn && memcmp(buf, h->name, n) == 0)
      return h->col;
  }
  return COL_COUNT;
}

/* ---- Level names ------------------------------------------------------------ */

typedef struct level_name {
  const char *name;
  int levels; /* VOCAB_L1 | VOCAB_L2 */
} level_name;

static const level_name level_names[] = {
    /* National project self-evaluation (财预〔2020〕10号) and its provincial forms. */
    {"产出指标", VOCAB_L1}, {"效益指标", VOCAB_L1}, {"满意度指标", VOCAB_L1 | VOCAB_L2},
    {"成本指标", VOCAB_L1 | VOCAB_L2}, {"数量指标", VOCAB_L2}, {"质量指标", VOCAB_L2}, {"时效指标", VOCAB_L2},
    {"经济成本指标", VOCAB_L2}, {"社会成本指标", VOCAB_L2}, {"生态环境成本指标", VOCAB_L2},
    {"经济效益指标", VOCAB_L2}, {"社会效益指标", VOCAB_L2}, {"生态效益指标", VOCAB_L2},
    {"可持续影响指标", VOCAB_L2}, {"服务对象满意度指标", VOCAB_L2}, {"服务对象满意度", VOCAB_L2},
    /* The Guangdong 评分表 and the evaluation frameworks (决策 / 过程 / 产出 / 效益). */
    {"决策", VOCAB_L1}, {"过程", VOCAB_L1}, {"产出", VOCAB_L1}, {"效益", VOCAB_L1}, {"满意度", VOCAB_L1},
    {"项目决策", VOCAB_L1}, {"项目管理", VOCAB_L1}, {"项目产出", VOCAB_L1}, {"项目效益", VOCAB_L1},
    {"立项管理", VOCAB_L2}, {"事项管理", VOCAB_L2}, {"项目立项", VOCAB_L2}, {"绩效目标", VOCAB_L2},
    {"资金投入", VOCAB_L2}, {"资金管理", VOCAB_L2}, {"组织实施", VOCAB_L2},
};

/* The length of a trailing points note at text[0..len): "(50分)", "（10分）",
** or a trailing 等 ("服务对象满意度指标等"); 0 if none. */
static size_t trailing_note(const char *text, size_t len) {
  if (len >= 3 && memcmp(text + len - 3, "等", 3) == 0) return 3;
  const char *close = NULL;
  size_t close_len = 0;
  if (len >= 1 && text[len - 1] == ')') close = ")", close_len = 1;
  else if (len >= 3 && memcmp(text + len - 3, "）", 3) == 0) close = "）", close_len = 3;
  if (!close) return 0;
  for (size_t i = len - close_len; i-- > 0;) {
    if (text[i] == '(') return len - i;
    if (i + 3 <= len && memcmp(text + i, "（", 3) == 0) return len - i;
  }
  return 0;
}

int imp_vocab_match(const char *text, size_t len) {
  char buf[128];
  size_t o = 0;
  for (size_t i = 0; i < len;) {
    size_t sp = rb_utf8_space_at((const unsigned char *)text + i, len - i);
    if (sp) {
      i += sp;
      continue;
    }
    if (o + 1 >= sizeof buf) return VOCAB_NONE;
    buf[o++] = text[i++];
  }
  if (o == 0) return VOCAB_NONE;
  size_t core = o - trailing_note(buf, o);
  int result = VOCAB_NONE;
  for (size_t k = 0; k < sizeof level_names / sizeof level_names[0]; k++) {
    const char *name = level_names[k].name;
    size_t n = strlen(name);
    if (core == n && memcmp(buf, name, n) == 0) result |= level_names[k].levels;
    else if (o < n && memcmp(buf, name, o) == 0) result |= VOCAB_PREFIX;
  }
  return result;
}

/* The family a level name belongs to in the national form (数量指标 → 产出,
** 经济效益指标 → 效益, 服务对象满意度指标 → 满意度; 产出指标(50分) → 产出). */
const char *imp_level_family(const char *name, bool l2) {
  static const struct {
    const char *prefix, *family;
  } l2_families[] = {{"数量", "产出"}, {"质量", "产出"}, {"时效", "产出"}, {"成本", "产出"},
                     {"经济效益", "效益"}, {"社会效益", "效益"}, {"生态效益", "效益"}, {"可持续", "效益"},
                     {"服务对象", "满意度"}, {"满意度", "满意度"}};
  static const char *const l1_families[] = {"产出", "效益", "满意度", "成本", "决策", "过程"};
  if (!name) return NULL;
  if (l2) {
    for (size_t k = 0; k < sizeof l2_families / sizeof l2_families[0]; k++)
      if (strncmp(name, l2_families[k].prefix, strlen(l2_families[k].prefix)) == 0) return l2_families[k].family;
    return NULL;
  }
  for (size_t k = 0; k < sizeof l1_families / sizeof l1_families[0]; k++)
    if (strncmp(name, l1_families[k], strlen(l1_families[k])) == 0) return l1_families[k];
  return NULL;
}


/* ---- Cells ------------------------------------------------------------------ */

bool imp_is_placeholder(const char *text, size_t len) {
  imp_trim(&text, &len);
  static const char *const dashes[] = {"-", "－", "—", "——", "–", "/", "／", "无", "--", "---"};
  if (len == 0) return true;
  for (size_t k = 0; k < sizeof dashes / sizeof dashes[0]; k++)
    if (imp_equals(text, len, dashes[k])) return true;
  return false;
}

/* A full-width digit (０–９, U+FF10–FF19) as its ASCII digit, or 0. */
static char wide_digit(const char *s, size_t n) {
  if (n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC && (unsigned char)s[2] >= 0x90 &&
      (unsigned char)s[2] <= 0x99)
    return (char)('0' + ((unsigned char)s[2] - 0x90));
  return 0;
}

char *imp_number(imp_ctx *cx, const char *text, size_t len, bool *repaired) {
  *repaired = false;
  imp_trim(&text, &len);
  /* A trailing 分 is the unit of a score ("12分"). */
  if (len > 3 && memcmp(text + len - 3, "分", 3) == 0) {
    len -= 3;
    imp_trim(&text, &len);
  }
  if (len == 0 || len > 60) return NULL;
  char digits[80];
  size_t o = 0;
  bool point = false, damaged = false;
  size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    if (text[0] == '-') digits[o++] = '-';
    i++;
  }
  size_t int_digits = 0, frac_digits = 0;
  while (i < len) {
    char d = 0;
    size_t step = 1;
    if (text[i] >= '0' && text[i] <= '9') d = text[i];
    else if ((d = wide_digit(text + i, len - i)) != 0) step = 3;
    if (d) {
      digits[o++] = d;
      if (point) frac_digits++;
      else int_digits++;
      i += step;
      continue;
    }
    /* A decimal point: '.', the full-width '．' or '。' between digits. */
    bool dot = text[i] == '.';
    size_t dot_len = 1;
    if (!dot && len - i >= 3 && (memcmp(text + i, "．", 3) == 0 || memcmp(text + i, "。", 3) == 0)) {
      dot = true;
      dot_len = 3;
    }
    /* A comma: a thousands separator before exactly three digits and no
    ** space; otherwise a decimal point damaged by OCR ("3, 63", "165,52"). */
    bool comma = text[i] == ',' || (len - i >= 3 && memcmp(text + i, "，", 3) == 0);
    size_t comma_len = text[i] == ',' ? 1 : 3;
    if (comma) {
      size_t j = i + comma_len, run = 0;
      while (j < len && text[j] >= '0' && text[j] <= '9') j++, run++;
      if (run == 3 && !point && int_digits > 0 && (j == len || text[j] == '.' || text[j] == ',')) {
        i += comma_len; /* thousands separator */
        continue;
      }
      dot = true;
      dot_len = comma_len;
      damaged = true;
    }
    if (dot) {
      if (point || int_digits == 0) return NULL;
      point = true;
      digits[o++] = '.';
      i += dot_len;
      /* A space after the point ("3. 64") is damage too. */
      size_t sp;
      while (i < len && (sp = rb_utf8_space_at((const unsigned char *)text + i, len - i)) > 0) {
        i += sp;
        damaged = true;
      }
      continue;
    }
    /* A space before the point ("3 .64"). */
    size_t sp = rb_utf8_space_at((const unsigned char *)text + i, len - i);
    if (sp && !point) {
      size_t j = i + sp;
      while (j < len && rb_utf8_space_at((const unsigned char *)text + j, len - j)) j++;
      if (j < len && text[j] == '.') {
        i = j;
        damaged = true;
        continue;
      }
    }
    return NULL;
  }
  if (int_digits == 0 || (point && frac_digits == 0)) return NULL;
  /* JSON numbers have no leading zeros: "007" is written 7. */
  size_t lead = digits[0] == '-' ? 1 : 0, k = lead;
  while (k + 1 < o && digits[k] == '0' && digits[k + 1] != '.') k++;
  memmove(digits + lead, digits + k, o - k);
  o -= k - lead;
  *repaired = damaged;
  return imp_strndup(cx, digits, o);
}

/* Comparators and approximations that may stand before a number. */
static const char *const value_prefixes[] = {
    "≥", "≤", ">=", "<=", ">", "<", "=", "＞", "＜", "＝", "═", "≧", "≦", "﹥", "﹤", "﹦", "⩾", "⩽", "±", "~", "约",
    "近", "大约", "不低于", "不少于", "不小于", "不超过", "不高于", "不大于", "不多于", "大于", "小于", "高于",
    "低于", "超过", "达到", "至少", "控制在", "累计", "共计", "共", "合计", "总计"};

bool imp_word_is_value(const char *text, size_t len) {
  imp_trim(&text, &len);
  size_t i = 0;
  for (bool more = true; more && i < len;) {
    more = false;
    for (size_t k = 0; k < sizeof value_prefixes / sizeof value_prefixes[0]; k++)
      if (imp_starts(text + i, len - i, value_prefixes[k])) {
        i += strlen(value_prefixes[k]);
        more = true;
        break;
      }
  }
  if (i < len && ((text[i] >= '0' && text[i] <= '9') || wide_digit(text + i, len - i))) return true;
  return false;
}

bool imp_word_is_unit(const char *text, size_t len) {
  imp_trim(&text, &len);
  if (len == 0 || imp_word_is_value(text, len)) return false;
  size_t chars = 0;
  for (size_t i = 0; i < len;) {
    int32_t cp = rb_utf8_next(text, len, &i);
    if (cp >= '0' && cp <= '9') return false;
    chars++;
  }
  /* 家, 项, 亿元, 次以上, 人次以上, 元/人/天: short, written right after a number. */
  return chars <= 6 && !imp_is_placeholder(text, len);
}

/* Whether cp is a character a wrapped Chinese line may be joined at: not an
** ASCII letter or digit and not a space. */
static bool joinable(int32_t cp) {
  if (cp < 0) return false;
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) &&
                        cp != ' ';
  return true;
}

static bool wide_char(int32_t cp) { return cp >= 0x80; }

char *imp_unwrap_spaces(imp_ctx *cx, const char *text, size_t len, bool *changed) {
  *changed = false;
  char *out = rb_arena_alloc(&cx->arena, len + 1);
  if (!out) {
    cx->nomem = true;
    return NULL;
  }
  size_t o = 0;
  int32_t before = -1;
  for (size_t i = 0; i < len;) {
    size_t sp = rb_utf8_space_at((const unsigned char *)text + i, len - i);
    if (sp && o > 0) {
      size_t j = i;
      while (j < len && (sp = rb_utf8_space_at((const unsigned char *)text + j, len - j)) > 0) j += sp;
      if (j >= len) break; /* spaces at the end */
      size_t peek = j;
      int32_t after = j < len ? rb_utf8_next(text, len, &peek) : -1;
      /* Drop the space between two Chinese characters, or between a Chinese
      ** character and ASCII punctuation; keep it next to a letter or digit. */
      bool drop = after >= 0 && joinable(before) && joinable(after) && (wide_char(before) || wide_char(after));
      if (drop) *changed = true;
      else out[o++] = ' ';
      i = j;
      continue;
    }
    if (sp) {
      i += sp;
      continue;
    }
    size_t start = i;
    before = rb_utf8_next(text, len, &i);
    memcpy(out + o, text + start, i - start);
    o += i - start;
  }
  out[o] = '\0';
  return out;
}
