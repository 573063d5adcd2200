/*
** report_simd.cpp — read a report in format v1 with simdjson's On-Demand
** parser, behind the C interface of report_simd.h.
**
** simdjson finds every string, number and bracket of the input in one SIMD
** pass (checking its UTF-8 and that no control character stands
** unescaped in a string), and On-Demand then walks the report in document
** order, taking each value where it belongs.  The rules are
** report_events.c's, member by member, through the same C functions (the
** number reader, the blank test, the notation reader), with what depends
** on another member settled when the report's object ends: amounts scaled
** once money_unit is known, measures read before the year read again with
** it.  Numbers are read from their literal text, exactly.
**
** It writes no message.  It gives up wherever report_events.c gives up (a
** fault the tree walk names, a member the walk notes, "imported", an
** indicator's "source", nesting past a few levels), and wherever simdjson
** alone would let something through that yajl refuses: On-Demand does not
** check what it is not asked to read, so every value is visited, publishers'
** own members too; a number's text is checked against JSON's grammar here
** (On-Demand hands over the raw token unchecked); a string's escapes are
** checked and decoded here, as the tree decodes them (a lone surrogate is
** given up on); and nothing may follow the report's object.  The caller
** then reads the text as before, so every message has one source.
**
** No exception leaves this unit: simdjson is used through its error codes,
** and the entry point catches anything else (out of memory in the parser).
*/
#include <simdjson.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>

extern "C" {
#include "base/money.h"
#include "base/utf8.h"
#include "report/json_tree.h"
#include "report/report.h"
#include "report/report_private.h"
#include "report/report_simd.h"
}

static_assert(RB_REPORT_JSON_PADDING >= simdjson::SIMDJSON_PADDING, "report_simd.h's padding is simdjson's");

namespace {

namespace od = simdjson::ondemand;

/* For the small steps of every member and value, which GCC would otherwise
** call. */
#define RB_INLINE inline __attribute__((always_inline))

/* Containers open at once, skipped ones included: report_events.c allows
** sixteen, and fifteen where they are skipped; a report needs five.  One
** fewer here, so that this reader reads nothing the events reader gives
** up on (the fuzz harness checks that). */
constexpr size_t MAX_DEPTH = 15;
/* Facts compared for names given twice, one by one: as report_events.c. */
constexpr size_t MAX_FACTS = 256;

/* ---- The members of each object (report_events.c's lists) -------------- */

/* One enumeration, so that every member's number and M_SKIP compare as
** one type; each object's members count from 0 (bits of a `seen` mask). */
enum {
  M_SKIP = -1,
  R_ID = 0, R_YEAR, R_UNIT, R_TITLE, R_KIND, R_MONEY_UNIT, R_BUDGET, R_FACTS, R_INDICATORS, R_SELF_TOTAL,
  R_SELF_GRADE, R_SELF_SCORES, R_IMPORTED,
  B_PLANNED = 0, B_ADJUSTED, B_ALLOCATED, B_SPENT, B_LINES,
  L_NAME = 0, L_PLANNED, L_ALLOCATED, L_SPENT,
  I_LEVEL1 = 0, I_LEVEL2, I_NAME, I_TARGET, I_ACTUAL, I_WEIGHT, I_SELF_SCORE, I_NOTE, I_SOURCE,
  S_PATH = 0, S_SCORE
};

/* A member's name of fewer than 16 bytes as three words: its length and
** its bytes, zero past the end, eight to a word (the first byte lowest).
** A name the format defines is one of these, compared with the constants
** below in three comparisons, not byte by byte. */
struct name_key {
  size_t n;
  uint64_t lo, hi;
};

constexpr uint64_t word_of(const char *w, size_t from, size_t n) {
  uint64_t v = 0;
  for (size_t i = from; i < n && i < from + 8; i++)
    v |= static_cast<uint64_t>(static_cast<unsigned char>(w[i])) << (8 * (i - from));
  return v;
}

/* Whether k is word, a literal of fewer than 16 bytes, whose words are
** constants. */
#define NAME_IS(k, word)                                                                                    \
  ((k).n == sizeof(word) - 1 &&                                                                        \
   (k).lo == std::integral_constant<uint64_t, word_of(word, 0, sizeof(word) - 1)>::value &&            \
   (k).hi == std::integral_constant<uint64_t, word_of(word, 8, sizeof(word) - 1)>::value)
static_assert(word_of("self_score", 8, 10) == 0x6572, "a name's bytes, the first lowest");

/* The first n bytes (n <= 8) of the word w, zero above: by a mask from a
** table, without a test for n == 0. */
constexpr uint64_t low_masks[9] = {0,
                                   0xFF,
                                   0xFFFF,
                                   0xFFFFFF,
                                   0xFFFFFFFF,
                                   0xFFFFFFFFFF,
                                   0xFFFFFFFFFFFF,
                                   0xFFFFFFFFFFFFFF,
                                   ~UINT64_C(0)};
RB_INLINE uint64_t low_bytes(uint64_t w, size_t n) { return w & low_masks[n]; }

RB_INLINE uint64_t load64(const char *p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}

/* The key of p[0..n), n < 16, with at least 16 bytes readable at p. */
RB_INLINE name_key key_at(const char *p, size_t n) {
  if (n <= 8) return name_key{n, low_bytes(load64(p), n), 0};
  return name_key{n, load64(p), low_bytes(load64(p + 8), n - 8)};
}

/* The key of any name; n is 16 or more for a name no lookup knows. */
name_key key_of(std::string_view k) {
  if (k.size() >= 16) return name_key{k.size(), 0, 0};
  char buf[16] = {};
  std::memcpy(buf, k.data(), k.size());
  return key_at(buf, k.size());
}

RB_INLINE int root_member(const name_key &k) {
  switch (k.lo & 0xFF) {
  case 'i': return NAME_IS(k, "id") ? R_ID : NAME_IS(k, "indicators") ? R_INDICATORS : NAME_IS(k, "imported") ? R_IMPORTED : M_SKIP;
  case 'y': return NAME_IS(k, "year") ? R_YEAR : M_SKIP;
  case 'u': return NAME_IS(k, "unit") ? R_UNIT : M_SKIP;
  case 't': return NAME_IS(k, "title") ? R_TITLE : M_SKIP;
  case 'k': return NAME_IS(k, "kind") ? R_KIND : M_SKIP;
  case 'm': return NAME_IS(k, "money_unit") ? R_MONEY_UNIT : M_SKIP;
  case 'b': return NAME_IS(k, "budget") ? R_BUDGET : M_SKIP;
  case 'f': return NAME_IS(k, "facts") ? R_FACTS : M_SKIP;
  case 's':
    return NAME_IS(k, "self_total")    ? R_SELF_TOTAL
           : NAME_IS(k, "self_grade")  ? R_SELF_GRADE
           : NAME_IS(k, "self_scores") ? R_SELF_SCORES
                                  : M_SKIP;
  default: return M_SKIP;
  }
}

RB_INLINE int budget_member(const name_key &k) {
  return NAME_IS(k, "planned")     ? B_PLANNED
         : NAME_IS(k, "adjusted")  ? B_ADJUSTED
         : NAME_IS(k, "allocated") ? B_ALLOCATED
         : NAME_IS(k, "spent")     ? B_SPENT
         : NAME_IS(k, "lines")     ? B_LINES
                              : M_SKIP;
}

RB_INLINE int line_member(const name_key &k) {
  return NAME_IS(k, "name")        ? L_NAME
         : NAME_IS(k, "planned")   ? L_PLANNED
         : NAME_IS(k, "allocated") ? L_ALLOCATED
         : NAME_IS(k, "spent")     ? L_SPENT
                              : M_SKIP;
}

/* By length first: an indicator's names are of four lengths. */
RB_INLINE int indicator_member(const name_key &k) {
  switch (k.n) {
  case 4: return NAME_IS(k, "name") ? I_NAME : NAME_IS(k, "note") ? I_NOTE : M_SKIP;
  case 6:
    switch (k.lo & 0xFF) {
    case 'l': return NAME_IS(k, "level1") ? I_LEVEL1 : NAME_IS(k, "level2") ? I_LEVEL2 : M_SKIP;
    case 't': return NAME_IS(k, "target") ? I_TARGET : M_SKIP;
    case 'a': return NAME_IS(k, "actual") ? I_ACTUAL : M_SKIP;
    case 'w': return NAME_IS(k, "weight") ? I_WEIGHT : M_SKIP;
    case 's': return NAME_IS(k, "source") ? I_SOURCE : M_SKIP;
    default: return M_SKIP;
    }
  case 10: return NAME_IS(k, "self_score") ? I_SELF_SCORE : M_SKIP;
  default: return M_SKIP;
  }
}

RB_INLINE int self_score_member(const name_key &k) { return NAME_IS(k, "path") ? S_PATH : NAME_IS(k, "score") ? S_SCORE : M_SKIP; }

/* A member the format does not define that is passed over, not noted: a
** publisher's own ("x-…", "x_…"), and "extra" at the top level. */
bool publisher_member(std::string_view k, bool top_level) {
  return (k.size() >= 2 && k[0] == 'x' && (k[1] == '-' || k[1] == '_')) || (top_level && k == "extra");
}

/* ---- Tables in the arena (report_events.c's) ----------------------------- */

struct table {
  void *items = nullptr;
  size_t count = 0, cap = 0;
};

/* ---- Scalars -------------------------------------------------------------- */

/* A scalar as report_events.c's callbacks hand it over: its kind, and for a
** string or a number its text (a string decoded, NUL-terminated in the
** arena; a number in the input, not terminated). */
struct scalar {
  rb_json_kind kind;
  const char *s;
  size_t n;
  bool has_nul;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Each byte's value as a hex digit, -1 for a byte that is not one. */
struct hex_table {
  int8_t v[256];
  constexpr hex_table() : v() {
    for (int c = 0; c < 256; c++)
      v[c] = static_cast<int8_t>(c >= '0' && c <= '9'   ? c - '0'
                                 : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                        : -1);
  }
};
constexpr hex_table hex_values;

/* The value of four hex digits at s, or -1 if one is not a hex digit. */
RB_INLINE long hex4(const char *s) {
  const int8_t *h = hex_values.v;
  long a = h[static_cast<unsigned char>(s[0])], b = h[static_cast<unsigned char>(s[1])],
       c = h[static_cast<unsigned char>(s[2])], d = h[static_cast<unsigned char>(s[3])];
  if ((a | b | c | d) < 0) return -1;
  return a << 12 | b << 8 | c << 4 | d;
}

/* A string's content raw[0..len) with escapes, the first at raw[first],
** checked as JSON defines them and decoded into out (out[0..first) is
** raw's already) as the tree decodes them (json_tree.c's
** rb_json_decode_escapes), in one pass: false for an escape JSON does not
** have and for a surrogate that is not half of a pair, which this reader
** leaves to the others (the tree would read it as U+FFFD and refuse it).
** *n is the decoded length, *has_nul whether "\u0000" is in it (a NUL not
** escaped is refused by simdjson's first pass). */
bool decode_escapes(const char *raw, size_t len, size_t first, char *out, size_t *n, bool *has_nul) {
  size_t i = first, o = first;
  bool nul = false;
  while (i < len) {
    /* raw[i] is a backslash. */
    if (len - i < 2) return false;
    char e = raw[i + 1];
    if (e == 'u') {
      long cp = len - i < 6 ? -1 : hex4(raw + i + 2);
      if (cp < 0) return false;
      i += 6;
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        /* A high half, then "\u" and a low one. */
        if (cp >= 0xDC00 || len - i < 6 || raw[i] != '\\' || raw[i + 1] != 'u') return false;
        long low = hex4(raw + i + 2);
        if (low < 0xDC00 || low > 0xDFFF) return false;
        i += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
      nul |= cp == 0;
      o += rb_utf8_put(out + o, static_cast<uint32_t>(cp));
    } else {
      char d;
      switch (e) {
      case '"': case '\\': case '/': d = e; break;
      case 'b': d = '\b'; break;
      case 'f': d = '\f'; break;
      case 'n': d = '\n'; break;
      case 'r': d = '\r'; break;
      case 't': d = '\t'; break;
      default: return false;
      }
      out[o++] = d;
      i += 2;
    }
    /* The bytes up to the next escape, as they are (out is not raw). */
    if (i == len || raw[i] == '\\') continue;
    const char *next = static_cast<const char *>(std::memchr(raw + i, '\\', len - i));
    size_t run = next ? static_cast<size_t>(next - (raw + i)) : len - i;
    std::memcpy(out + o, raw + i, run);
    o += run;
    i += run;
  }
  *n = o;
  *has_nul = nul;
  return true;
}

/* rb_report_is_blank, asked only of a text whose first byte may start a
** blank character (report.c's blank_at: an ASCII space, tab, CR or LF,
** U+3000 or U+00A0): most texts are told apart by that byte. */
RB_INLINE bool is_blank(const char *s, size_t n) {
  if (n == 0) return true;
  unsigned char c = static_cast<unsigned char>(s[0]);
  return (c <= ' ' || c == 0xE3 || c == 0xC2) && rb_report_is_blank(s, n);
}

/* Whether s[0..n) is a number by JSON's grammar:
** -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
bool json_number(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && s[i] == '-') i++;
  if (i == n || !is_digit(s[i])) return false;
  if (s[i] == '0')
    i++;
  else
    while (i < n && is_digit(s[i])) i++;
  if (i < n && s[i] == '.') {
    i++;
    if (i == n || !is_digit(s[i])) return false;
    while (i < n && is_digit(s[i])) i++;
  }
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '+' || s[i] == '-')) i++;
    if (i == n || !is_digit(s[i])) return false;
    while (i < n && is_digit(s[i])) i++;
  }
  return i == n;
}

class reader {
public:
  reader(rb_report *r, const char *text, size_t len, char *copy)
      : r_(r), text_(text), end_(text + len), copy_(copy) {}
  bool read(od::document &doc);

private:
  rb_report *r_;
  const char *text_; /* the input simdjson reads, not written to */
  const char *end_;  /* the end of the input: no string runs past it */
  /* A copy of the input in the report's arena, byte for byte at the same
  ** offsets: a string the report keeps is this copy's bytes, ended by a NUL
  ** written over its closing quote (and decoded in place when it has an
  ** escape, the decoded text being never longer), so it lives as long as
  ** the report's arena, as a copy of its own would, without one. */
  char *copy_;

  /* The text raw[0..n) of the input (not decoded), as the report keeps
  ** it: in the copy, NUL-terminated. */
  const char *keep_raw(const char *raw, size_t n) {
    char *kept = copy_ + (raw - text_);
    kept[n] = '\0';
    return kept;
  }
  size_t depth_ = 0; /* containers open */
  int scale10_ = RB_MONEY_DEFAULT_SCALE;
  bool have_id_ = false, year_read_ = false, measured_early_ = false;
  table lines_, facts_, fact_keys_, indicators_, self_scores_, path_;
  rb_measure no_measure_; /* an indicator's target or actual when it has none */

  /* ---- Memory ---- */
  bool table_start(table &t, size_t first, size_t size) {
    t.items = rb_arena_alloc(&r_->arena, first * size);
    t.count = 0;
    t.cap = first;
    return t.items != nullptr;
  }
  /* Room for one more item at the end of table t (doubled in the arena
  ** when full), not yet set. */
  void *table_slot(table &t, size_t size) {
    if (t.count == t.cap) {
      size_t cap = t.cap ? t.cap * 2 : 8;
      void *bigger = rb_arena_alloc(&r_->arena, cap * size);
      if (!bigger) return nullptr;
      if (t.count) std::memcpy(bigger, t.items, t.count * size);
      t.items = bigger;
      t.cap = cap;
    }
    return static_cast<char *>(t.items) + t.count++ * size;
  }
  void *table_add(table &t, size_t size) {
    void *item = table_slot(t, size);
    if (item) std::memset(item, 0, size);
    return item;
  }
  template <typename T> T *last(const table &t) { return static_cast<T *>(t.items) + (t.count - 1); }

  /* An array into table t (first items of size bytes to start with), each
  ** element read by `each`.  Opens a level of depth; the caller closes it. */
  bool read_array(od::value &v, table &t, size_t first, size_t size, bool (reader::*each)(od::value &)) {
    od::array a;
    if (!open() || v.get_array().get(a) != simdjson::SUCCESS || !table_start(t, first, size)) return false;
    for (auto item : a) {
      od::value e;
      if (std::move(item).get(e) != simdjson::SUCCESS || !(this->*each)(e)) return false;
    }
    return true;
  }

  /* Each member of object o (names by lookup) read by each(m, value), at
  ** most once: a name given twice gives up (the walk, which keeps the last,
  ** decides), and a name the reader does not know is checked and skipped. */
  template <int (*Lookup)(const name_key &), typename Each>
  bool each_member(od::object &o, bool top_level, Each each, unsigned *seen_out = nullptr) {
    unsigned seen = 0;
    for (auto item : o) {
      /* The field where the iteration made it, not a copy: copying it
      ** reloaded the stores that had just made it (16 bytes at once from
      ** two smaller stores, which the processor cannot forward). */
      if (item.error() != simdjson::SUCCESS) return false;
      od::field &&f = std::move(item).value_unsafe();
      int m;
      if (!member<Lookup>(f, top_level, &m)) return false;
      if (m == M_SKIP) {
        if (!skip_value(f.value())) return false;
        continue;
      }
      if (seen & (1u << m)) return false;
      seen |= 1u << m;
      if (!each(m, f.value())) return false;
    }
    if (seen_out) *seen_out = seen;
    return true;
  }
  /* A member that is a container of type want, read by `each`, or null
  ** (absent). */
  bool container_or_null(od::value &v, od::json_type want, bool (reader::*each)(od::value &));

  /* ---- Tokens ---- */
  bool open() { return ++depth_ <= MAX_DEPTH; }
  void close() { depth_--; }
  bool string_content(const char *raw, size_t len, bool keep, scalar *v);
  bool string_token(const char *raw, bool keep, scalar *v);
  bool key(od::field &f, bool keep, scalar *k);
  template <int (*Lookup)(const name_key &)> bool member(od::field &f, bool top_level, int *m);
  template <bool CheckNumber = true> bool scalar_value(od::value &v, bool keep, scalar *out);
  bool skip_value(od::value &v);

  /* ---- Values (report_events.c's take_…) ---- */
  bool take_text(const scalar &v, bool required, const char **out) {
    if (v.kind == RB_JSON_NULL) return !required;
    if (v.kind != RB_JSON_STRING || v.has_nul) return false;
    if (required && is_blank(v.s, v.n)) return false;
    *out = v.s;
    return true;
  }
  /* The same, with the text's length (strlen: the kept text has no NUL) for rb_indicator's *_len. */
  bool take_text(const scalar &v, bool required, const char **out, uint32_t *len) {
    if (!take_text(v, required, out)) return false;
    if (v.kind == RB_JSON_STRING && v.n <= UINT32_MAX) *len = static_cast<uint32_t>(v.n);
    return true;
  }
  /* An indicator's level1 or level2 (the member given by text and len):
  ** as take_text, but a text equal to the previous row's is that row's
  ** text, the same pointer — rows of one group repeat it, and plain(),
  ** which the rubric asks of it on every row, knows a text by its pointer
  ** (vm_internal.h, rb_vm.plain_memo). */
  bool take_level(const scalar &v, const char **out, uint32_t *len, const char *rb_indicator::*text,
                  uint32_t rb_indicator::*text_len) {
    if (!take_text(v, false, out, len)) return false;
    if (indicators_.count >= 2) {
      const rb_indicator &prev = static_cast<const rb_indicator *>(indicators_.items)[indicators_.count - 2];
      if (prev.*text_len == *len && prev.*text != *out && std::memcmp(prev.*text, *out, *len) == 0) *out = prev.*text;
    }
    return true;
  }
  bool take_number(const scalar &v, rb_num *out) {
    if (v.kind != RB_JSON_NUMBER && v.kind != RB_JSON_STRING) return false;
    return rb_report_parse_number(r_->nums, v.s, v.n, v.kind == RB_JSON_STRING, out) == RB_NUMTEXT_OK;
  }
  bool take_opt_number(const scalar &v, bool nonnegative, rb_opt_num *out) {
    if (v.kind == RB_JSON_NULL) return true;
    rb_num n;
    if (!take_number(v, &n) || (nonnegative && rb_num_sign(n) < 0)) return false;
    out->has = true;
    out->v = n;
    return true;
  }
  bool read_measure(const char *text, size_t len, rb_measure *m) {
    if (!year_read_) measured_early_ = true;
    return rb_report_read_kept_measure(r_, text, len, m); /* text is in copy_ */
  }
  bool take_measure(const scalar &v, const char **text, rb_measure *m);

  /* ---- The report's parts ---- */
  bool root_scalar(int member, const scalar &v);
  bool read_budget(od::value &v);
  bool read_lines(od::value &v);
  bool read_line(od::value &v);
  bool read_facts(od::value &v);
  bool read_indicators(od::value &v);
  bool read_indicator(od::value &v);
  bool read_self_scores(od::value &v);
  bool read_self_score(od::value &v);
  bool read_path(od::value &v, rb_self_score *s);
  bool finish();
};

/* A string's content raw[0..len) (between its quotes).  Escapes are
** checked as JSON defines them and decoded as the tree decodes them
** (json_tree.c); a lone surrogate is not for this reader.  keep: the text
** is wanted, NUL-terminated in the copy (copy_); otherwise it is only
** checked (v->s is then the raw content when it has no escape, for a
** member name's comparison, and v->n its length).  Escaped text is decoded
** in the copy either way. */
bool reader::string_content(const char *raw, size_t len, bool keep, scalar *v) {
  *v = scalar{RB_JSON_STRING, raw, len, false};
  const char *escape = static_cast<const char *>(std::memchr(raw, '\\', len));
  if (!escape) {
    if (keep) v->s = keep_raw(raw, len);
    return true;
  }
  /* Decoded over its own bytes in the copy (never longer than raw), from
  ** the first escape: the bytes before it are there already. */
  char *decoded = copy_ + (raw - text_);
  size_t n;
  if (!decode_escapes(raw, len, static_cast<size_t>(escape - raw), decoded, &n, &v->has_nul)) return false;
  decoded[n] = '\0';
  v->s = decoded;
  v->n = n;
  return true;
}

/* A string whose content starts at raw (after its opening quote; simdjson
** has matched it with its closing one, the first quote not escaped). */
bool reader::string_token(const char *raw, bool keep, scalar *v) {
  const char *p = raw;
  while (p < end_ && *p != '"') p += *p == '\\' ? 2 : 1;
  if (p >= end_) return false;
  return string_content(raw, static_cast<size_t>(p - raw), keep, v);
}

/* Where the first quote among the 16 bytes at raw is, SIZE_MAX if there is
** none: one comparison where SSE2 is there (the input has SIMDJSON_PADDING
** readable bytes after its end, so the quote may be past it).  It ends a
** member's name of fewer than 16 bytes when no backslash comes before it. */
RB_INLINE size_t first_quote16(const char *raw) {
#if defined(__SSE2__)
  __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(raw));
  unsigned quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('"'))));
  return quotes ? static_cast<size_t>(__builtin_ctz(quotes)) : SIZE_MAX;
#else
  for (size_t i = 0; i < 16; i++)
    if (raw[i] == '"') return i;
  return SIZE_MAX;
#endif
}

/* A member's name, decoded (kept in the arena when keep). */
bool reader::key(od::field &f, bool keep, scalar *k) {
  return string_token(f.key().raw(), keep, k);
}

/* Which member of an object f is (lookup: that object's names), M_SKIP for
** a publisher's own, which is passed over; false for any other name, which
** the walk notes.  A name the format defines is matched on the raw bytes,
** up to its closing quote: such a name has no escape.  Any other name is
** decoded first ("\u0069d" is "id"). */
template <int (*Lookup)(const name_key &)> RB_INLINE bool reader::member(od::field &f, bool top_level, int *m) {
  const char *raw = f.key().raw();
  size_t n = first_quote16(raw);
  if (n != SIZE_MAX) {
    /* A name the lookup knows has no backslash, so the quote after it is
    ** not escaped: it is the name's closing quote, in the input (simdjson
    ** has matched every string's quotes there).  Only another name is
    ** checked for both. */
    *m = Lookup(key_at(raw, n));
    if (*m != M_SKIP) return true;
    if (n < static_cast<size_t>(end_ - raw) && !std::memchr(raw, '\\', n))
      return publisher_member(std::string_view(raw, n), top_level);
  }
  scalar k;
  if (!string_token(raw, false, &k)) return false;
  std::string_view name(k.s, k.n);
  *m = Lookup(key_of(name));
  return *m != M_SKIP || publisher_member(name, top_level);
}

/* Where the first quote or backslash of raw is, as an offset (SIZE_MAX if
** none comes before end): 16 bytes a comparison where SSE2 is there (the
** input has SIMDJSON_PADDING readable bytes after end). */
RB_INLINE size_t quote_or_backslash(const char *raw, const char *end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (const char *p = raw; p < end; p += 16) {
    __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
    unsigned hits = static_cast<unsigned>(
        _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash))));
    if (hits) {
      size_t at = static_cast<size_t>(p - raw) + static_cast<unsigned>(__builtin_ctz(hits));
      return raw + at < end ? at : SIZE_MAX;
    }
  }
  return SIZE_MAX;
#else
  for (const char *p = raw; p < end; p++)
    if (*p == '"' || *p == '\\') return static_cast<size_t>(p - raw);
  return SIZE_MAX;
#endif
}

/* Whether s[0..n) is all JSON whitespace. */
RB_INLINE bool all_space(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!is_space(s[i])) return false;
  return true;
}

/* A scalar value (false for a container, and at any fault).  Its raw token
** (from its first byte to the next token, spaces included) is taken once
** and its first byte says what it is, as value::type() would.  A number's
** text is checked against JSON's grammar unless CheckNumber is false: where
** every use of a number either refuses it or reads it with
** rb_report_parse_number's strict form, which is that grammar and refuses
** any other text, so that the check would be made twice. */
template <bool CheckNumber> RB_INLINE bool reader::scalar_value(od::value &v, bool keep, scalar *out) {
  std::string_view token = v.raw_json_token();
  if (token.empty()) return false;
  /* Most values are strings: that case is tried first. */
  switch (__builtin_expect(token[0], '"')) {
  case '"': {
    /* Taken, not only looked at: On-Demand skips a value nobody took by its
    ** brackets alone, and a string followed by ':' as a member's name, past
    ** a missing comma ("{"id": "s": [{}]}}" would read). */
    od::raw_json_string taken;
    if (v.get_raw_json_string().get(taken) != simdjson::SUCCESS) return false;
    const char *raw = token.data() + 1;
    size_t at = quote_or_backslash(raw, end_);
    if (at == SIZE_MAX) return false;
    if (raw[at] == '"') {
      /* No escape: the string ends at this quote, and the token with it
      ** and the spaces after it. */
      if (token.size() < at + 2 || !all_space(raw + at + 1, token.size() - at - 2)) return false;
      *out = scalar{RB_JSON_STRING, keep ? keep_raw(raw, at) : raw, at, false};
      return true;
    }
    /* An escape: the token ends at its closing quote and the spaces after it. */
    size_t n = token.size();
    while (n > 0 && is_space(token[n - 1])) n--;
    if (n < 2 || token[n - 1] != '"') return false;
    return string_content(raw, n - 2, keep, out);
  }
  case '-':
  case '0': case '1': case '2': case '3': case '4':
  case '5': case '6': case '7': case '8': case '9': {
    /* The token runs to the next one, spaces included; On-Demand has not
    ** checked it. */
    size_t n = token.size();
    while (n > 0 && is_space(token[n - 1])) n--;
    if (CheckNumber && !json_number(token.data(), n)) return false;
    /* Not taken (no double is made of it: the text is the number), and
    ** that is the same as taking it: the object or array goes on by
    ** skipping its child, which for a token that is not a string is one
    ** step and one level up — what taking it does.  Only a string is
    ** skipped differently (followed by ':' it is taken for a member's name,
    ** which is why strings are taken). */
    *out = scalar{RB_JSON_NUMBER, token.data(), n, false};
    return true;
  }
  case 'n': {
    bool null = false;
    if (v.is_null().get(null) != simdjson::SUCCESS || !null) return false;
    *out = scalar{RB_JSON_NULL, nullptr, 0, false};
    return true;
  }
  case 't':
  case 'f': {
    bool b = false;
    if (v.get_bool().get(b) != simdjson::SUCCESS) return false;
    *out = scalar{b ? RB_JSON_TRUE : RB_JSON_FALSE, nullptr, 0, false};
    return true;
  }
  default: return false; /* an array or an object, or no value */
  }
}

/* A value that is not read (a publisher's own member), checked all the
** same: On-Demand would skip it by its brackets alone. */
bool reader::skip_value(od::value &v) {
  od::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return false;
  if (type == od::json_type::object) {
    od::object o;
    if (!open() || v.get_object().get(o) != simdjson::SUCCESS) return false;
    for (auto item : o) {
      od::field f;
      scalar k;
      if (std::move(item).get(f) != simdjson::SUCCESS || !key(f, false, &k) || !skip_value(f.value())) return false;
    }
    close();
    return true;
  }
  if (type == od::json_type::array) {
    od::array a;
    if (!open() || v.get_array().get(a) != simdjson::SUCCESS) return false;
    for (auto item : a) {
      od::value e;
      if (std::move(item).get(e) != simdjson::SUCCESS || !skip_value(e)) return false;
    }
    close();
    return true;
  }
  scalar s;
  return scalar_value(v, false, &s);
}

/* A target or an actual, as report_events.c's take_measure. */
bool reader::take_measure(const scalar &v, const char **text, rb_measure *m) {
  if (v.kind == RB_JSON_NULL || (v.kind == RB_JSON_STRING && is_blank(v.s, v.n))) {
    *text = nullptr;
    *m = no_measure_;
    return true;
  }
  if (v.kind == RB_JSON_NUMBER) {
    rb_num check; /* refuses numbers out of range, and any text not JSON's number */
    if (rb_report_parse_number(r_->nums, v.s, v.n, false, &check) != RB_NUMTEXT_OK) return false;
    *text = keep_raw(v.s, v.n);
  } else if (v.kind == RB_JSON_STRING && !v.has_nul) {
    *text = v.s;
  } else {
    return false;
  }
  return read_measure(*text, v.n, m);
}

/* A top-level member's scalar value (report_events.c's root_scalar). */
bool reader::root_scalar(int member, const scalar &v) {
  rb_report *r = r_;
  switch (member) {
  case R_ID:
    if (!take_text(v, true, &r->id)) return false;
    have_id_ = true;
    return true;
  case R_YEAR: {
    year_read_ = true;
    if (v.kind == RB_JSON_NULL) return true;
    rb_num n;
    int64_t y;
    if (!take_number(v, &n) || !rb_num_to_int64(n, &y) || y < 1000 || y > 9999) return false;
    r->has_year = true;
    r->year = static_cast<int>(y);
    return true;
  }
  case R_UNIT: return take_text(v, false, &r->unit);
  case R_TITLE: return take_text(v, false, &r->title);
  case R_KIND: {
    if (v.kind == RB_JSON_NULL) return true;
    if (v.kind != RB_JSON_STRING || v.has_nul) return false;
    std::string_view k(v.s, v.n);
    if (k == "project" || k == "项目")
      r->kind = RB_REPORT_PROJECT;
    else if (k == "department" || k == "部门" || k == "部门整体")
      r->kind = RB_REPORT_DEPARTMENT;
    else
      return false;
    return true;
  }
  case R_MONEY_UNIT: {
    const char *unit = nullptr;
    if (!take_text(v, false, &unit)) return false;
    if (!unit) return true;
    int scale = rb_money_scale(unit, std::strlen(unit));
    if (scale < 0) return false;
    r->money_unit = unit;
    r->money_scale = scale10_ = scale;
    return true;
  }
  case R_SELF_TOTAL: return take_opt_number(v, false, &r->self_total);
  case R_SELF_GRADE: return take_text(v, false, &r->self_grade);
  default: /* budget, facts, indicators, self_scores and imported: null is absent */
    return v.kind == RB_JSON_NULL;
  }
}

/* What report_events.c's open_value does for a member whose value must be
** a container, or null (absent): *container tells which it is. */
bool is_container(od::value &v, od::json_type want, bool *container) {
  od::json_type type;
  if (v.type().get(type) != simdjson::SUCCESS) return false;
  *container = type == want;
  return *container || type == od::json_type::null;
}

/* null, checked as a token. */
bool null_value(od::value &v) {
  bool null = false;
  return v.is_null().get(null) == simdjson::SUCCESS && null;
}

bool reader::container_or_null(od::value &v, od::json_type want, bool (reader::*each)(od::value &)) {
  bool container;
  if (!is_container(v, want, &container)) return false;
  return container ? (this->*each)(v) : null_value(v);
}

bool reader::read_budget(od::value &v) {
  od::object o;
  if (!open() || v.get_object().get(o) != simdjson::SUCCESS) return false;
  rb_report *r = r_;
  if (!each_member<budget_member>(o, false, [&](int m, od::value &val) {
        if (m == B_LINES) return container_or_null(val, od::json_type::array, &reader::read_lines);
        scalar s;
        if (!scalar_value(val, true, &s)) return false;
        rb_opt_num *amount = m == B_PLANNED ? &r->planned : m == B_ADJUSTED ? &r->adjusted
                             : m == B_ALLOCATED ? &r->allocated : &r->spent;
        return take_opt_number(s, true, amount);
      }))
    return false;
  close();
  return true;
}

bool reader::read_lines(od::value &v) {
  if (!read_array(v, lines_, 8, sizeof(rb_budget_line), &reader::read_line)) return false;
  r_->lines = static_cast<rb_budget_line *>(lines_.items);
  r_->line_count = lines_.count;
  close();
  return true;
}

bool reader::read_line(od::value &v) {
  od::object o;
  if (!open() || v.get_object().get(o) != simdjson::SUCCESS) return false;
  if (!table_add(lines_, sizeof(rb_budget_line))) return false;
  if (!each_member<line_member>(o, false, [&](int m, od::value &val) {
        scalar s;
        if (!scalar_value(val, true, &s)) return false;
        rb_budget_line *bl = last<rb_budget_line>(lines_);
        return m == L_NAME        ? take_text(s, true, &bl->name)
               : m == L_PLANNED   ? take_opt_number(s, true, &bl->planned)
               : m == L_ALLOCATED ? take_opt_number(s, true, &bl->allocated)
                                  : take_opt_number(s, true, &bl->spent);
      }))
    return false;
  close();
  return last<rb_budget_line>(lines_)->name != nullptr;
}

bool reader::read_facts(od::value &v) {
  od::object o;
  if (!open() || v.get_object().get(o) != simdjson::SUCCESS || !table_start(facts_, 8, sizeof(rb_fact)) ||
      !table_start(fact_keys_, 8, sizeof(std::string_view)))
    return false;
  for (auto item : o) {
    od::field f;
    scalar k;
    if (std::move(item).get(f) != simdjson::SUCCESS || !key(f, true, &k)) return false;
    /* A fact's name: not blank, no NUL, not given before. */
    if (k.has_nul || is_blank(k.s, k.n) || fact_keys_.count >= MAX_FACTS) return false;
    std::string_view name(k.s, k.n);
    const std::string_view *keys = static_cast<const std::string_view *>(fact_keys_.items);
    for (size_t i = 0; i < fact_keys_.count; i++)
      if (keys[i] == name) return false;
    void *slot = table_add(fact_keys_, sizeof(std::string_view));
    if (!slot) return false;
    new (slot) std::string_view(name);
    scalar s;
    if (!scalar_value(f.value(), true, &s)) return false; /* a fact is not an array or an object */
    if (s.kind == RB_JSON_NULL) continue;                 /* null is no fact */
    rb_fact *fact = static_cast<rb_fact *>(table_add(facts_, sizeof(rb_fact)));
    if (!fact) return false;
    fact->name = k.s;
    switch (s.kind) {
    case RB_JSON_TRUE:
    case RB_JSON_FALSE:
      fact->type = RB_FACT_BOOL;
      fact->boolean = s.kind == RB_JSON_TRUE;
      break;
    case RB_JSON_STRING:
      fact->type = RB_FACT_TEXT;
      /* Read as notation too, as report_events.c does. */
      if (!take_text(s, false, &fact->text) || !read_measure(fact->text, s.n, &fact->measure)) return false;
      break;
    case RB_JSON_NUMBER:
      fact->type = RB_FACT_NUMBER;
      if (!take_number(s, &fact->number)) return false;
      break;
    default: return false;
    }
  }
  r_->facts = static_cast<rb_fact *>(facts_.items);
  r_->fact_count = facts_.count;
  close();
  return true;
}

bool reader::read_indicators(od::value &v) {
  rb_report_no_measure(&no_measure_);
  /* Room for as many indicators as the line could hold at 128 bytes each
  ** (a report's indicator takes 150 to 300 with its share of the rest),
  ** so that the table is seldom moved while it is read: growing it copies
  ** every indicator read so far.  At most 2.2 times the line's own size. */
  size_t first = static_cast<size_t>(end_ - text_) / 128;
  first = first < 8 ? 8 : first > 256 ? 256 : first;
  if (!read_array(v, indicators_, first, sizeof(rb_indicator), &reader::read_indicator)) return false;
  r_->indicators = static_cast<rb_indicator *>(indicators_.items);
  r_->indicator_count = indicators_.count;
  close();
  return true;
}

bool reader::read_indicator(od::value &v) {
  od::object o;
  if (!open() || v.get_object().get(o) != simdjson::SUCCESS) return false;
  rb_indicator *ind = static_cast<rb_indicator *>(table_slot(indicators_, sizeof(rb_indicator)));
  if (!ind) return false;
  /* What an indicator is before its members are read, but its target and
  ** actual: a measure read sets every field (rb_report_read_kept_measure),
  ** and one not read is set below.  Field by field: a copy of a prepared
  ** indicator (280 bytes, most of them the two measures) cost more. */
  ind->level1 = "";
  ind->level2 = "";
  ind->name = nullptr;
  ind->level1_len = ind->level2_len = ind->name_len = 0; /* "" and absent: 0, as recorded */
  ind->target_text = nullptr;
  ind->actual_text = nullptr;
  ind->weight = rb_opt_num{};
  ind->self_score = rb_opt_num{};
  ind->note = nullptr;
  ind->source_line = r_->source_line;
  unsigned seen = 0;
  if (!each_member<indicator_member>(o, false, [&](int m, od::value &val) {
        /* Each member takes a number by rb_report_parse_number's strict
        ** form (weight, self_score, target, actual) or refuses it (the
        ** others): its text is checked there. */
        scalar s;
        if (!scalar_value<false>(val, true, &s)) return false; /* "source" as an object is the walk's */
        switch (m) {
        case I_LEVEL1: return take_level(s, &ind->level1, &ind->level1_len, &rb_indicator::level1, &rb_indicator::level1_len);
        case I_LEVEL2: return take_level(s, &ind->level2, &ind->level2_len, &rb_indicator::level2, &rb_indicator::level2_len);
        case I_NAME: return take_text(s, true, &ind->name, &ind->name_len);
        case I_TARGET: return take_measure(s, &ind->target_text, &ind->target);
        case I_ACTUAL: return take_measure(s, &ind->actual_text, &ind->actual);
        case I_WEIGHT: return take_opt_number(s, true, &ind->weight);
        case I_SELF_SCORE: return take_opt_number(s, false, &ind->self_score);
        case I_NOTE: return take_text(s, false, &ind->note);
        default: return s.kind == RB_JSON_NULL; /* source */
        }
      }, &seen))
    return false;
  if (!(seen & (1u << I_TARGET))) ind->target = no_measure_;
  if (!(seen & (1u << I_ACTUAL))) ind->actual = no_measure_;
  close();
  return ind->name != nullptr;
}

/* Whether two self-score paths name the same node. */
bool same_path(const rb_self_score *a, const rb_self_score *b) {
  if (a->depth != b->depth) return false;
  for (size_t k = 0; k < a->depth; k++)
    if (std::strcmp(a->path[k], b->path[k]) != 0) return false;
  return true;
}

bool reader::read_self_scores(od::value &v) {
  if (!read_array(v, self_scores_, 8, sizeof(rb_self_score), &reader::read_self_score)) return false;
  const rb_self_score *s = static_cast<const rb_self_score *>(self_scores_.items);
  for (size_t i = 1; i < self_scores_.count; i++)
    for (size_t j = 0; j < i; j++)
      if (same_path(&s[j], &s[i])) return false;
  r_->self_scores = static_cast<rb_self_score *>(self_scores_.items);
  r_->self_score_count = self_scores_.count;
  close();
  return true;
}

bool reader::read_self_score(od::value &v) {
  od::object o;
  if (!open() || v.get_object().get(o) != simdjson::SUCCESS || !table_add(self_scores_, sizeof(rb_self_score)))
    return false;
  bool have_score = false;
  if (!each_member<self_score_member>(o, false, [&](int m, od::value &val) {
        rb_self_score *s = last<rb_self_score>(self_scores_);
        if (m == S_PATH) {
          bool array;
          if (!is_container(val, od::json_type::array, &array)) return false;
          return array ? read_path(val, s) : null_value(val); /* null: missing, refused below */
        }
        scalar sc;
        if (!scalar_value(val, true, &sc)) return false;
        if (sc.kind == RB_JSON_NULL) return true;
        return have_score = take_number(sc, &s->score);
      }))
    return false;
  close();
  const rb_self_score *s = last<rb_self_score>(self_scores_);
  return s->depth > 0 && have_score;
}

bool reader::read_path(od::value &v, rb_self_score *s) {
  od::array a;
  if (!open() || v.get_array().get(a) != simdjson::SUCCESS || !table_start(path_, 4, sizeof(const char *)))
    return false;
  for (auto item : a) {
    od::value e;
    scalar sc;
    if (std::move(item).get(e) != simdjson::SUCCESS || !scalar_value(e, true, &sc)) return false;
    const char **name = static_cast<const char **>(table_add(path_, sizeof(const char *)));
    if (!name || sc.kind != RB_JSON_STRING || !take_text(sc, true, name)) return false;
  }
  s->path = static_cast<const char **>(path_.items);
  s->depth = path_.count;
  close();
  return s->depth > 0;
}

/* The report's object has ended: what waited for money_unit or the year
** (report_events.c's finish_report). */
bool reader::finish() {
  rb_report *r = r_;
  if (!have_id_) return false;
  if (scale10_ != 0) {
    rb_opt_num *amounts[] = {&r->planned, &r->adjusted, &r->allocated, &r->spent};
    for (rb_opt_num *a : amounts)
      if (a->has && !rb_num_scale10(r->nums, a->v, scale10_, &a->v)) return false;
    for (size_t i = 0; i < r->line_count; i++) {
      rb_budget_line *bl = &r->lines[i];
      rb_opt_num *line_amounts[] = {&bl->planned, &bl->allocated, &bl->spent};
      for (rb_opt_num *a : line_amounts)
        if (a->has && !rb_num_scale10(r->nums, a->v, scale10_, &a->v)) return false;
    }
  }
  /* A measure read before the year came is read again with it. */
  if (!measured_early_ || !r->has_year) return true;
  for (size_t i = 0; i < r->fact_count; i++) {
    rb_fact *f = &r->facts[i];
    if (f->type == RB_FACT_TEXT && !rb_report_read_kept_measure(r, f->text, std::strlen(f->text), &f->measure))
      return false;
  }
  for (size_t i = 0; i < r->indicator_count; i++) {
    rb_indicator *ind = &r->indicators[i];
    if (ind->target_text &&
        !rb_report_read_kept_measure(r, ind->target_text, std::strlen(ind->target_text), &ind->target))
      return false;
    if (ind->actual_text &&
        !rb_report_read_kept_measure(r, ind->actual_text, std::strlen(ind->actual_text), &ind->actual))
      return false;
  }
  return true;
}

bool reader::read(od::document &doc) {
  od::object root;
  if (doc.get_object().get(root) != simdjson::SUCCESS || !open()) return false;
  if (!each_member<root_member>(root, true, [&](int m, od::value &val) {
        switch (m) {
        case R_BUDGET: return container_or_null(val, od::json_type::object, &reader::read_budget);
        case R_FACTS: return container_or_null(val, od::json_type::object, &reader::read_facts);
        case R_INDICATORS: return container_or_null(val, od::json_type::array, &reader::read_indicators);
        case R_SELF_SCORES: return container_or_null(val, od::json_type::array, &reader::read_self_scores);
        default: break;
        }
        scalar s;
        return scalar_value(val, true, &s) && root_scalar(m, s);
      }))
    return false;
  close();
  /* Nothing after the report's object: On-Demand stops where the object
  ** ends ("{} {}", "{}]" and "{} x" are the walk's to refuse). */
  const char *after = nullptr;
  if (doc.current_location().get(after) != simdjson::OUT_OF_BOUNDS) return false;
  return finish();
}

} // namespace

extern "C" bool rb_report_read_simd(rb_report *r, const char *text, size_t len, size_t room) {
  try {
    if (len > static_cast<size_t>(INT32_MAX) || room < len) return false; /* the walk says what is wrong */
    od::parser *parser = static_cast<od::parser *>(r->simd_parser);
    if (!parser) {
      parser = new (std::nothrow) od::parser();
      if (!parser) return false;
      r->simd_parser = parser;
    }
    if (room - len < simdjson::SIMDJSON_PADDING) {
      /* Not padded by the caller: a copy in the arena, with the padding. */
      char *copy = static_cast<char *>(rb_arena_alloc(&r->arena, len + simdjson::SIMDJSON_PADDING));
      if (!copy) return false;
      std::memcpy(copy, text, len);
      std::memset(copy + len, ' ', simdjson::SIMDJSON_PADDING);
      text = copy;
      room = len + simdjson::SIMDJSON_PADDING;
    }
    od::document doc;
    if (parser->iterate(text, len, room).get(doc) != simdjson::SUCCESS) return false;
    /* The copy the report's strings are kept in (reader::copy_). */
    char *copy = static_cast<char *>(rb_arena_alloc(&r->arena, len + 1));
    if (!copy) return false;
    std::memcpy(copy, text, len);
    copy[len] = '\0';
    reader rd(r, text, len, copy);
    return rd.read(doc);
  } catch (...) {
    return false;
  }
}

extern "C" void rb_report_simd_release(rb_report *r) {
  delete static_cast<od::parser *>(r->simd_parser);
  r->simd_parser = nullptr;
}
