/*
** num.h — exact numbers for rubric.
**
** Every score, weight, budget figure and percentage in rubric is an exact
** rational number.  Spreadsheets compute 0.1 + 0.2 as 0.30000000000000004
** and round 2.675 to 2.67; a finance officer who recomputes a published table
** by hand gets 0.3 and 2.68.  rubric must agree with the hand, so binary
** floating point never touches a score.
**
** Representation.  A value is a fraction n/d with d > 0 held in two machine
** integers: the fast path, which covers every figure in a published report.
** A value with a finite decimal expansion of at most 18 places is kept as
** the decimal c / 10^s with the fewest places (0.5 is 5/10, 3.64 is 364/100,
** 12 is 12/1), so that arithmetic on decimals needs no gcd; any other value
** is kept as the reduced fraction (40/3).  Either way equal values have equal
** fields.  When an operation would overflow 64 bits, the result moves to a
** GMP rational (mpq_t) owned by an rb_numctx; it comes back to the small form
** as soon as it fits again.  A context is per run (one per VM, one per
** report reader), so values are plain structs that copy freely and are all
** released together by rb_numctx_reset().  No global state: many contexts
** may be used at once from different threads.
**
** Errors.  Functions that can fail (division by zero, an unreadable literal,
** GMP out of memory) return false and leave *out untouched; they never abort.
*/
#ifndef RUBRIC_NUM_H
#define RUBRIC_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An exact rational: n/d with d > 0, a decimal c / 10^s or else reduced —
** or, when the value does not fit in two int64 (rb_num_is_big), d is 0 and
** n holds the address of an
** mpq_t that lives in some rb_numctx.  Sixteen bytes, so that a value is
** passed and returned in two registers.  Treat the fields as private
** outside num.c. */
typedef struct rb_num {
  int64_t n;
  int64_t d;
} rb_num;

/* Whether a is held by GMP.  (All-zero bytes, never a valid value, read as a
** small 0/0 rather than as a null pointer.) */
static inline bool rb_num_is_big(rb_num a) { return a.d == 0 && a.n != 0; }

/* The owner of the big values made by arithmetic.  Opaque. */
typedef struct rb_numctx rb_numctx;

/* Rounding modes.  RB_ROUND_HALF_UP is 四舍五入: ties go away from zero
** (2.675 → 2.68, -2.675 → -2.68).  HALF_EVEN is banker's rounding.  DOWN
** truncates toward zero, UP goes away from zero, FLOOR toward −∞, CEIL
** toward +∞.  The order and names are part of the bytecode format. */
#define RB_ROUND_MODES(X)                                                     \
  X(HALF_UP, "half_up")                                                       \
  X(HALF_EVEN, "half_even")                                                   \
  X(DOWN, "down")                                                             \
  X(UP, "up")                                                                 \
  X(FLOOR, "floor")                                                           \
  X(CEIL, "ceil")

typedef enum rb_round_mode {
#define X(name, text) RB_ROUND_##name,
  RB_ROUND_MODES(X)
#undef X
  RB_ROUND_MODE_COUNT
} rb_round_mode;

/* The source-language name of a rounding mode ("half_up"), or NULL. */
const char *rb_round_mode_name(rb_round_mode mode);
/* Look a mode up by its name; returns false if there is none. */
bool rb_round_mode_from_name(const char *name, size_t len, rb_round_mode *out);

/* Create and destroy a context.  rb_numctx_new returns NULL only when out of
** memory.  rb_numctx_reset frees every big value made since the last reset:
** values that referred to them must no longer be used. */
rb_numctx *rb_numctx_new(void);
void rb_numctx_reset(rb_numctx *cx);
void rb_numctx_free(rb_numctx *cx);

/* Bounds.  A published figure has a few dozen digits at most, and a rubric's
** arithmetic on them a few hundred; a number that grows past these limits
** is a rubric (or a crafted .rbc) multiplying without end — repeated
** squaring doubles the digits every time — and would otherwise grow until
** memory runs out.  An operation whose result would have a numerator or a
** denominator of more than RB_NUM_MAX_DIGITS decimal digits fails, and so
** does one that would make the big values of one context (one report's run)
** hold more than RB_NUM_MAX_BYTES; rb_numctx_error then says which. */
enum {
  RB_NUM_MAX_DIGITS = 4000,
  RB_NUM_MAX_BYTES = 64 * 1024 * 1024,
};

/* Why the last operation on a context failed (cleared by rb_numctx_reset). */
typedef enum rb_num_error {
  RB_NUM_OK,
  RB_NUM_NOMEM,     /* out of memory */
  RB_NUM_TOO_LARGE, /* more than RB_NUM_MAX_DIGITS digits */
  RB_NUM_TOO_MUCH,  /* the context's big values would pass RB_NUM_MAX_BYTES */
} rb_num_error;

rb_num_error rb_numctx_error(const rb_numctx *cx);

/* Constructors that cannot fail. */
rb_num rb_num_int(int64_t v);
/* n/d reduced; false if d == 0. */
bool rb_num_frac(rb_numctx *cx, int64_t n, int64_t d, rb_num *out);
/* v / 10^places, 0 <= places <= 18, reduced: a figure as written
** (16552 and 2 for 165.52).  Cheaper than rb_num_frac: the only factors v
** can share with a power of ten are twos and fives.  False if places is
** out of range. */
bool rb_num_decimal(rb_numctx *cx, int64_t v, int places, rb_num *out);

/* Parse a decimal literal: optional sign, digits, optional '.' and digits,
** optional exponent (e/E, sign, digits).  "165.52" is exactly 16552/100.
** Digits only in ASCII; no spaces, no thousands separators (the notation
** scanner strips those first).  Any length: long literals become big values.
** Returns false if the text is not such a literal. */
bool rb_num_parse(rb_numctx *cx, const char *text, size_t len, rb_num *out);

/* Arithmetic.  All exact.  rb_num_div returns false when b is zero. */
bool rb_num_add(rb_numctx *cx, rb_num a, rb_num b, rb_num *out);
bool rb_num_sub(rb_numctx *cx, rb_num a, rb_num b, rb_num *out);
/* The same, with the commonest case done in the caller: two integers, or
** two decimals of one scale whose result needs no trailing zero dropped
** (c / 10^s is canonical when c is not a multiple of ten).  Anything else
** goes to rb_num_add / rb_num_sub.  Small enough for the VM's loop. */
extern const int64_t rb_num_pow10[19]; /* 10^0 .. 10^18 */
/* s when d is 10^s (0 ≤ s ≤ 18), else -1.  10^s = 2^s × 5^s has exactly s
** trailing zero bits, so s needs no loop: it is the count of trailing zeros,
** if the power matches. */
static inline int rb_num_dec_scale(int64_t d) {
  int s = d > 0 ? __builtin_ctzll((uint64_t)d) : 63;
  return s <= 18 && d == rb_num_pow10[s] ? s : -1;
}
static inline bool rb_num_same_scale_sum(int64_t r, int64_t d, rb_num *out) {
  if (d != 1 && (r % 10 == 0 || rb_num_dec_scale(d) < 0)) return false;
  out->n = r;
  out->d = d;
  return true;
}
static inline bool rb_num_add_fast(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  int64_t r;
  if (a.d == b.d && a.d > 0 && !__builtin_add_overflow(a.n, b.n, &r) && rb_num_same_scale_sum(r, a.d, out))
    return true;
  return rb_num_add(cx, a, b, out);
}
static inline bool rb_num_sub_fast(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  int64_t r;
  if (a.d == b.d && a.d > 0 && !__builtin_sub_overflow(a.n, b.n, &r) && rb_num_same_scale_sum(r, a.d, out))
    return true;
  return rb_num_sub(cx, a, b, out);
}
/* The same for two decimals of any scales up to 18 (3.64 − 0.5), aligned on
** the larger in int64; an overflow goes to rb_num_add / rb_num_sub.  For
** code outside the loop (the result's comparison). */
static inline bool rb_num_sum_aligned(rb_num a, rb_num b, bool subtract, rb_num *out) {
  int sa = rb_num_dec_scale(a.d), sb = rb_num_dec_scale(b.d);
  if (sa < 0 || sb < 0) return false;
  int64_t x = a.n, y = b.n, d = sa < sb ? b.d : a.d, r;
  if (sa < sb && __builtin_mul_overflow(x, rb_num_pow10[sb - sa], &x)) return false;
  if (sb < sa && __builtin_mul_overflow(y, rb_num_pow10[sa - sb], &y)) return false;
  if (subtract ? __builtin_sub_overflow(x, y, &r) : __builtin_add_overflow(x, y, &r)) return false;
  if (d != 1 && r % 10 == 0) return false;
  out->n = r;
  out->d = d;
  return true;
}
static inline bool rb_num_add_aligned(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  return rb_num_sum_aligned(a, b, false, out) || rb_num_add(cx, a, b, out);
}
static inline bool rb_num_sub_aligned(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  return rb_num_sum_aligned(a, b, true, out) || rb_num_sub(cx, a, b, out);
}
bool rb_num_mul(rb_numctx *cx, rb_num a, rb_num b, rb_num *out);
bool rb_num_div(rb_numctx *cx, rb_num a, rb_num b, rb_num *out);
bool rb_num_neg(rb_numctx *cx, rb_num a, rb_num *out);
bool rb_num_abs(rb_numctx *cx, rb_num a, rb_num *out);
/* a × 10^exp (exp may be negative); used for 万元 → 元, % → fraction. */
bool rb_num_scale10(rb_numctx *cx, rb_num a, int exp, rb_num *out);

/* Comparison: negative, zero or positive as a < b, a == b, a > b. */
int rb_num_cmp(rb_num a, rb_num b);
/* The same; two small values of one denominator compare in the caller. */
static inline int rb_num_cmp_fast(rb_num a, rb_num b) {
  if (a.d == b.d && a.d > 0) return (a.n > b.n) - (a.n < b.n);
  return rb_num_cmp(a, b);
}
int rb_num_sign(rb_num a);
bool rb_num_is_zero(rb_num a);
bool rb_num_is_integer(rb_num a);
static inline rb_num rb_num_min(rb_num a, rb_num b) { return rb_num_cmp_fast(a, b) <= 0 ? a : b; }
static inline rb_num rb_num_max(rb_num a, rb_num b) { return rb_num_cmp_fast(a, b) >= 0 ? a : b; }

/* Round to `places` decimal places (0..18; negative places round to tens,
** hundreds…, down to -18) with the given mode.  Exact: round(2.675, 2,
** half_up) is 2.68, round(0.945, 2, half_up) is 0.95. */
bool rb_num_round(rb_numctx *cx, rb_num a, int places, rb_round_mode mode, rb_num *out);

/* Whether the value has a finite decimal expansion with at most `places`
** digits after the point (places < 0: any finite expansion). */
bool rb_num_is_decimal(rb_num a, int places);

/* Convert to int64 if the value is an integer that fits. */
bool rb_num_to_int64(rb_num a, int64_t *out);

/* Formatting.  All write a NUL-terminated string into buf (size bytes) and
** return the length the full text needs (like snprintf); they never fail.
**
** rb_num_format_fixed: exactly `places` digits after the point, rounding half
** up if the value has more ("3.64", "100.00", "-0.50"; places 0 → "12").
** rb_num_format: the exact value in shortest decimal form when it has a finite
** expansion ("165.52", "193000000", "0.3", "-2"), else the reduced fraction
** "40/3".
** rb_num_format_sig: the exact value if it is decimal with at most `places`
** digits after the point, otherwise rounded half up to `places` digits and
** trailing zeros removed — for human-readable explanations ("145/110" is
** printed by the caller; this prints 1.318181… as "1.3182" with places 4). */
size_t rb_num_format_fixed(rb_num a, int places, char *buf, size_t size);
size_t rb_num_format(rb_num a, char *buf, size_t size);
size_t rb_num_format_sig(rb_num a, int places, char *buf, size_t size);

/* Lossy conversion to double.  For display-free uses only (native calls that
** declare a double parameter); never used to compute a score. */
double rb_num_to_double(rb_num a);

#endif /* RUBRIC_NUM_H */
