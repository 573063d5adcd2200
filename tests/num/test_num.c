/*
** test_num.c — unit tests for the exact number type (vm/num.h), the value
** helpers (vm/value.h: names and the calendar) and measure names.
**
** Every expected value here was worked out by hand or with an independent
** exact tool (Python's fractions/decimal/datetime), never copied from this
** program's output.  A few tests look at the representation (rb_num_is_big,
** and n/d, which num.h asks callers to treat as private): they are the only
** way to check the promise that a value which fits in 64 bits always comes
** back to the small form, and that the small form is canonical: a decimal
** c / 10^s with the fewest places when it has one (s <= 18, c an int64), else
** the reduced fraction.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "report/measure.h"
#include "base/num.h"
#include "vm/value.h"

/* ---- Helpers ------------------------------------------------------------- */

/* Formatted results are kept in a ring of buffers so that several can be
** compared in one CHECK_STR. */
static char ring[8][512];
static unsigned ring_next;

static char *next_buf(void) { return ring[ring_next++ % 8]; }

static const char *fmt(rb_num a) {
  char *b = next_buf();
  rb_num_format(a, b, sizeof ring[0]);
  return b;
}

static const char *fixed(rb_num a, int places) {
  char *b = next_buf();
  rb_num_format_fixed(a, places, b, sizeof ring[0]);
  return b;
}

static const char *sig(rb_num a, int places) {
  char *b = next_buf();
  rb_num_format_sig(a, places, b, sizeof ring[0]);
  return b;
}

static bool is_small(rb_num a) { return !rb_num_is_big(a); }

/* Parse a literal that must be valid. */
static rb_num num(rb_numctx *cx, const char *text) {
  rb_num r = rb_num_int(-999);
  if (!rb_num_parse(cx, text, strlen(text), &r)) {
    fprintf(stderr, "cannot parse %s\n", text);
    check_failed++;
  }
  return r;
}

static rb_num frac(rb_numctx *cx, int64_t n, int64_t d) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_frac(cx, n, d, &r));
  return r;
}

static rb_num add(rb_numctx *cx, rb_num a, rb_num b) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_add(cx, a, b, &r));
  return r;
}

static rb_num sub(rb_numctx *cx, rb_num a, rb_num b) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_sub(cx, a, b, &r));
  return r;
}

static rb_num mul(rb_numctx *cx, rb_num a, rb_num b) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_mul(cx, a, b, &r));
  return r;
}

static rb_num dvd(rb_numctx *cx, rb_num a, rb_num b) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_div(cx, a, b, &r));
  return r;
}

static rb_num neg(rb_numctx *cx, rb_num a) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_neg(cx, a, &r));
  return r;
}

static rb_num rnd(rb_numctx *cx, rb_num a, int places, rb_round_mode mode) {
  rb_num r = rb_num_int(-999);
  CHECK(rb_num_round(cx, a, places, mode, &r));
  return r;
}

/* round(text, places, mode) printed exactly. */
static const char *round_text(rb_numctx *cx, const char *text, int places, rb_round_mode mode) {
  return fmt(rnd(cx, num(cx, text), places, mode));
}

/* ---- Rounding mode names ------------------------------------------------- */

static void test_round_mode_names(void) {
  CHECK_STR(rb_round_mode_name(RB_ROUND_HALF_UP), "half_up");
  CHECK_STR(rb_round_mode_name(RB_ROUND_HALF_EVEN), "half_even");
  CHECK_STR(rb_round_mode_name(RB_ROUND_DOWN), "down");
  CHECK_STR(rb_round_mode_name(RB_ROUND_UP), "up");
  CHECK_STR(rb_round_mode_name(RB_ROUND_FLOOR), "floor");
  CHECK_STR(rb_round_mode_name(RB_ROUND_CEIL), "ceil");
  CHECK(rb_round_mode_name(RB_ROUND_MODE_COUNT) == NULL);

  rb_round_mode m = RB_ROUND_DOWN;
  CHECK(rb_round_mode_from_name("half_even", 9, &m) && m == RB_ROUND_HALF_EVEN);
  CHECK(rb_round_mode_from_name("ceil", 4, &m) && m == RB_ROUND_CEIL);
  CHECK(rb_round_mode_from_name("half_upXYZ", 7, &m) && m == RB_ROUND_HALF_UP);
  m = RB_ROUND_DOWN;
  CHECK(!rb_round_mode_from_name("half", 4, &m) && m == RB_ROUND_DOWN);
  CHECK(!rb_round_mode_from_name("ceiling", 7, &m));
  CHECK(!rb_round_mode_from_name("", 0, &m));
}

/* ---- Construction -------------------------------------------------------- */

static void test_construct(rb_numctx *cx) {
  CHECK_STR(fmt(rb_num_int(5)), "5");
  CHECK_STR(fmt(rb_num_int(-2)), "-2");
  CHECK_STR(fmt(rb_num_int(INT64_MIN)), "-9223372036854775808");
  CHECK_STR(fmt(frac(cx, 6, 4)), "1.5");
  CHECK_STR(fmt(frac(cx, 1, -3)), "-1/3");
  CHECK_STR(fmt(frac(cx, -4, -6)), "2/3");
  CHECK_STR(fmt(frac(cx, 0, -7)), "0");
  CHECK(rb_num_cmp(frac(cx, 0, -7), rb_num_int(0)) == 0);

  rb_num untouched = rb_num_int(77), r = untouched;
  CHECK(!rb_num_frac(cx, 1, 0, &r));
  CHECK(rb_num_cmp(r, untouched) == 0);

  /* INT64_MIN/-1 = 2^63 does not fit: big. */
  r = frac(cx, INT64_MIN, -1);
  CHECK(!is_small(r));
  CHECK_STR(fmt(r), "9223372036854775808");
  /* 2/INT64_MIN = -1/2^62 fits once reduced; its expansion has 62 digits. */
  r = frac(cx, 2, INT64_MIN);
  CHECK(is_small(r));
  CHECK_STR(fmt(r), "-0.00000000000000000021684043449710088680149056017398834228515625");
  /* 1/INT64_MIN = -1/2^63: the denominator does not fit. */
  r = frac(cx, 1, INT64_MIN);
  CHECK(!is_small(r));
  CHECK(rb_num_cmp(mul(cx, r, rb_num_int(-2)), frac(cx, 1, INT64_MAX / 2 + 1)) == 0);
}

/* ---- Parsing ------------------------------------------------------------- */

static void check_rejected(rb_numctx *cx, const char *text) {
  rb_num r = rb_num_int(4242);
  bool ok = rb_num_parse(cx, text, strlen(text), &r);
  if (ok) fprintf(stderr, "accepted bad literal \"%s\"\n", text);
  CHECK(!ok);
  CHECK(rb_num_cmp(r, rb_num_int(4242)) == 0); /* *out untouched */
}

static void test_parse(rb_numctx *cx) {
  CHECK_STR(fmt(num(cx, "0")), "0");
  CHECK_STR(fmt(num(cx, "-0")), "0");
  CHECK(rb_num_sign(num(cx, "-0.00")) == 0);
  CHECK_STR(fmt(num(cx, "12")), "12");
  CHECK_STR(fmt(num(cx, "-12.50")), "-12.5");
  CHECK_STR(fmt(num(cx, "+3")), "3");
  CHECK_STR(fmt(num(cx, "007")), "7");
  CHECK_STR(fmt(num(cx, "0.5")), "0.5");
  CHECK_STR(fmt(num(cx, "1e2")), "100");
  CHECK_STR(fmt(num(cx, "1E+3")), "1000");
  CHECK_STR(fmt(num(cx, "1.5E-3")), "0.0015");
  CHECK_STR(fmt(num(cx, "2.5e0")), "2.5");
  CHECK_STR(fmt(num(cx, "12.5e-1")), "1.25");
  CHECK_STR(fmt(num(cx, "0.0125e2")), "1.25");
  CHECK(rb_num_cmp(num(cx, "165.52"), frac(cx, 16552, 100)) == 0);
  CHECK(rb_num_cmp(num(cx, "165.520"), num(cx, "165.52")) == 0);

  /* len bounds the text: only "12" of "12abc" is read. */
  rb_num r;
  CHECK(rb_num_parse(cx, "12abc", 2, &r) && rb_num_cmp(r, rb_num_int(12)) == 0);

  /* Around the int64 boundary: 19 significant digits take the big path
  ** and must come back to the small form when they fit. */
  r = num(cx, "123456789012345678");
  CHECK(is_small(r));
  r = num(cx, "1234567890123456789");
  CHECK(is_small(r));
  CHECK_STR(fmt(r), "1234567890123456789");
  r = num(cx, "9223372036854775807");
  CHECK(is_small(r) && rb_num_cmp(r, rb_num_int(INT64_MAX)) == 0);
  r = num(cx, "-9223372036854775808");
  CHECK(is_small(r) && rb_num_cmp(r, rb_num_int(INT64_MIN)) == 0);
  r = num(cx, "9223372036854775808");
  CHECK(!is_small(r));
  CHECK_STR(fmt(r), "9223372036854775808");
  /* 1234567890/10^40 reduces to 123456789/10^39: still big, printed
  ** without the trailing zero. */
  r = num(cx, "0.0000000000000000000000000000001234567890");
  CHECK(!is_small(r));
  CHECK_STR(fmt(r), "0.000000000000000000000000000000123456789");

  /* Forty digits and more round-trip exactly. */
  const char *long_literals[] = {
    "1234567890123456789012345678901234567890",
    "-98765432109876543210.98765432109876543211",
    "0.0000000000000000000000000000000000000001",
    "31415926535897932384626433832795028841971693993751",
  };
  for (size_t i = 0; i < sizeof long_literals / sizeof long_literals[0]; i++) {
    r = num(cx, long_literals[i]);
    CHECK(!is_small(r));
    CHECK_STR(fmt(r), long_literals[i]);
  }
  /* Long but small: leading and trailing zeros do not make a value big. */
  r = num(cx, "000000000000000000000000000000000042.5000000000000000000000000000");
  CHECK(is_small(r));
  CHECK_STR(fmt(r), "42.5");
  CHECK_STR(fmt(num(cx, "1e-20")), "0.00000000000000000001");
  CHECK_STR(fmt(num(cx, "1e30")), "1000000000000000000000000000000");
  CHECK_STR(fmt(num(cx, "-5e-1")), "-0.5");

  const char *bad[] = {"",     "-",    "+",     "1.",   ".5",   "-.5",  "1e",    "1e+",
                       "e5",   "abc",  "1,000", " 1",   "1 ",   "1.2.3", "1e2.5", "--1",
                       "+-1",  "0x10", "1e5000", "1e-99999999999999999999", "１", "1_000",
                       "12%",  "NaN",  "inf"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) check_rejected(cx, bad[i]);
}

/* ---- Arithmetic: the cases from the issue -------------------------------- */

static void test_issue_cases(rb_numctx *cx) {
  /* 0.1 + 0.2 is 0.3, not 0.30000000000000004. */
  rb_num s = add(cx, num(cx, "0.1"), num(cx, "0.2"));
  CHECK(rb_num_cmp(s, num(cx, "0.3")) == 0);
  CHECK_STR(fmt(s), "0.3");

  /* 3.08 × 27 / 88 = 83.16 / 88 = 0.945 exactly, in either order; rounded
  ** half up to two places it is 0.95 (binary floating point gives 0.94). */
  rb_num a = dvd(cx, mul(cx, num(cx, "3.08"), rb_num_int(27)), rb_num_int(88));
  rb_num b = mul(cx, num(cx, "3.08"), dvd(cx, rb_num_int(27), rb_num_int(88)));
  CHECK(rb_num_cmp(a, num(cx, "0.945")) == 0);
  CHECK(rb_num_cmp(b, num(cx, "0.945")) == 0);
  CHECK_STR(fmt(a), "0.945");
  CHECK_STR(fmt(rnd(cx, a, 2, RB_ROUND_HALF_UP)), "0.95");
  CHECK_STR(fmt(rnd(cx, b, 2, RB_ROUND_HALF_UP)), "0.95");

  CHECK_STR(round_text(cx, "2.675", 2, RB_ROUND_HALF_UP), "2.68");
  CHECK_STR(round_text(cx, "-2.675", 2, RB_ROUND_HALF_UP), "-2.68");

  /* 40 / 3 stays exact. */
  rb_num t = dvd(cx, rb_num_int(40), rb_num_int(3));
  CHECK_STR(fmt(t), "40/3");
  CHECK(!rb_num_is_integer(t));
  rb_num back = mul(cx, t, rb_num_int(3));
  CHECK_STR(fmt(back), "40");
  int64_t v = 0;
  CHECK(rb_num_to_int64(back, &v) && v == 40);

  /* 1/3 + 1/3 + 1/3 = 1. */
  rb_num third = frac(cx, 1, 3);
  rb_num one = add(cx, add(cx, third, third), third);
  CHECK(rb_num_cmp(one, rb_num_int(1)) == 0);
  CHECK_STR(fmt(one), "1");

  /* Guangdong: 40 split among 11 indicators is 40/11 = 3.6363…; 7 × 3.64 +
  ** 4 × 3.63 = 25.48 + 14.52 = 40. */
  rb_num share = dvd(cx, rb_num_int(40), rb_num_int(11));
  CHECK_STR(fmt(share), "40/11");
  CHECK_STR(fixed(share, 2), "3.64");
  rb_num total = add(cx, mul(cx, rb_num_int(7), num(cx, "3.64")), mul(cx, rb_num_int(4), num(cx, "3.63")));
  CHECK(rb_num_cmp(total, rb_num_int(40)) == 0);

  /* Seed 001: 9381.56 / 12823.67 = 73.2% rounded half up at one place. */
  rb_num rate = dvd(cx, num(cx, "9381.56"), num(cx, "12823.67"));
  rb_num pct = rnd(cx, mul(cx, rate, rb_num_int(100)), 1, RB_ROUND_HALF_UP);
  CHECK_STR(fmt(pct), "73.2");
}

/* ---- Arithmetic: general ------------------------------------------------- */

static void test_arithmetic(rb_numctx *cx) {
  CHECK_STR(fmt(sub(cx, num(cx, "0.3"), num(cx, "0.1"))), "0.2");
  CHECK_STR(fmt(sub(cx, num(cx, "1"), num(cx, "1"))), "0");
  CHECK_STR(fmt(sub(cx, frac(cx, 1, 2), frac(cx, 1, 3))), "1/6");
  CHECK_STR(fmt(add(cx, frac(cx, 1, 6), frac(cx, 1, 3))), "0.5");
  CHECK_STR(fmt(mul(cx, frac(cx, -2, 3), frac(cx, 3, 4))), "-0.5");
  CHECK_STR(fmt(dvd(cx, frac(cx, 1, 3), frac(cx, -1, 6))), "-2");
  CHECK_STR(fmt(dvd(cx, rb_num_int(0), rb_num_int(5))), "0");
  CHECK_STR(fmt(neg(cx, num(cx, "2.5"))), "-2.5");
  CHECK_STR(fmt(neg(cx, rb_num_int(0))), "0");

  rb_num r = rb_num_int(1234);
  CHECK(rb_num_abs(cx, num(cx, "-7.25"), &r) && rb_num_cmp(r, num(cx, "7.25")) == 0);
  CHECK(rb_num_abs(cx, num(cx, "7.25"), &r) && rb_num_cmp(r, num(cx, "7.25")) == 0);

  /* Division by zero fails and leaves *out alone. */
  r = rb_num_int(1234);
  CHECK(!rb_num_div(cx, rb_num_int(1), rb_num_int(0), &r));
  CHECK(!rb_num_div(cx, frac(cx, 1, 3), num(cx, "0.000"), &r));
  CHECK(!rb_num_div(cx, num(cx, "1e30"), rb_num_int(0), &r));
  CHECK(rb_num_cmp(r, rb_num_int(1234)) == 0);

  /* Integer fast path at its edges. */
  CHECK_STR(fmt(add(cx, rb_num_int(INT64_MAX - 1), rb_num_int(1))), "9223372036854775807");
  CHECK_STR(fmt(sub(cx, rb_num_int(INT64_MIN + 1), rb_num_int(1))), "-9223372036854775808");

  /* scale10: 亿元 → 元, % → fraction. */
  CHECK(rb_num_scale10(cx, num(cx, "1.93"), 8, &r));
  CHECK_STR(fmt(r), "193000000");
  CHECK(rb_num_scale10(cx, rb_num_int(90), -2, &r));
  CHECK_STR(fmt(r), "0.9");
  CHECK(rb_num_scale10(cx, num(cx, "3.98"), -2, &r));
  CHECK_STR(fmt(r), "0.0398");
  CHECK(rb_num_scale10(cx, frac(cx, 1, 3), 0, &r));
  CHECK_STR(fmt(r), "1/3");
  CHECK(rb_num_scale10(cx, rb_num_int(1), 30, &r));
  CHECK(!is_small(r));
  CHECK_STR(fmt(r), "1000000000000000000000000000000");
  rb_num big = r;
  CHECK(rb_num_scale10(cx, big, -30, &r));
  CHECK(is_small(r) && rb_num_cmp(r, rb_num_int(1)) == 0);
  CHECK(rb_num_scale10(cx, big, -70, &r));
  CHECK_STR(fmt(r), "0.0000000000000000000000000000000000000001");
  CHECK(rb_num_scale10(cx, rb_num_int(5), -19, &r));
  CHECK_STR(fmt(r), "0.0000000000000000005");
  r = rb_num_int(1234);
  CHECK(!rb_num_scale10(cx, rb_num_int(1), 5000, &r));
  CHECK(!rb_num_scale10(cx, rb_num_int(1), -5000, &r));
  CHECK(rb_num_cmp(r, rb_num_int(1234)) == 0);
}

/* ---- Overflow into GMP and back ------------------------------------------ */

static void test_overflow(rb_numctx *cx) {
  const rb_num p62 = rb_num_int(INT64_C(1) << 62);

  /* 2^62 × 2^62 = 2^124 goes big; ÷ 2^62 comes back small and equal. */
  rb_num sq = mul(cx, p62, p62);
  CHECK(!is_small(sq));
  CHECK_STR(fmt(sq), "21267647932558653966460912964485513216");
  CHECK(rb_num_is_integer(sq));
  int64_t v = 0;
  CHECK(!rb_num_to_int64(sq, &v));
  rb_num back = dvd(cx, sq, p62);
  CHECK(is_small(back));
  CHECK(rb_num_cmp(back, p62) == 0);
  CHECK(rb_num_to_int64(back, &v) && v == INT64_C(4611686018427387904));

  /* Mixed big/small comparisons and signs. */
  rb_num nsq = neg(cx, sq);
  CHECK(rb_num_cmp(sq, rb_num_int(INT64_MAX)) > 0);
  CHECK(rb_num_cmp(rb_num_int(INT64_MAX), sq) < 0);
  CHECK(rb_num_cmp(nsq, rb_num_int(INT64_MIN)) < 0);
  CHECK(rb_num_cmp(nsq, sq) < 0);
  CHECK(rb_num_cmp(sq, mul(cx, p62, p62)) == 0);
  CHECK(rb_num_sign(sq) == 1 && rb_num_sign(nsq) == -1);
  CHECK(!rb_num_is_zero(sq));
  CHECK(rb_num_cmp(rb_num_min(sq, nsq), nsq) == 0);
  CHECK(rb_num_cmp(rb_num_max(sq, nsq), sq) == 0);
  CHECK(rb_num_is_zero(add(cx, sq, nsq)));
  CHECK(is_small(add(cx, sq, nsq)));

  /* INT64_MAX + 1 and back. */
  rb_num over = add(cx, rb_num_int(INT64_MAX), rb_num_int(1));
  CHECK(!is_small(over));
  CHECK_STR(fmt(over), "9223372036854775808");
  rb_num down = sub(cx, over, rb_num_int(1));
  CHECK(is_small(down) && rb_num_cmp(down, rb_num_int(INT64_MAX)) == 0);
  CHECK_STR(fmt(sub(cx, rb_num_int(INT64_MIN), rb_num_int(1))), "-9223372036854775809");

  /* INT64_MIN: negation, abs, × −1, ÷ −1 all give 2^63, which is big;
  ** negating that again is INT64_MIN, small. */
  const rb_num min = rb_num_int(INT64_MIN);
  rb_num n = neg(cx, min);
  CHECK(!is_small(n));
  CHECK_STR(fmt(n), "9223372036854775808");
  CHECK(rb_num_cmp(n, over) == 0);
  rb_num nn = neg(cx, n);
  CHECK(is_small(nn) && rb_num_cmp(nn, min) == 0);
  rb_num r;
  CHECK(rb_num_abs(cx, min, &r) && rb_num_cmp(r, over) == 0);
  CHECK(rb_num_cmp(mul(cx, min, rb_num_int(-1)), over) == 0);
  CHECK(rb_num_cmp(dvd(cx, min, rb_num_int(-1)), over) == 0);
  CHECK_STR(fmt(neg(cx, frac(cx, INT64_MIN, 3))), "9223372036854775808/3");
  CHECK_STR(fmt(mul(cx, min, min)), "85070591730234615865843651857942052864");

  /* Small + big and big − small. */
  CHECK_STR(fmt(add(cx, frac(cx, 1, 3), sq)), "63802943797675961899382738893456539649/3");
  CHECK_STR(fmt(sub(cx, rb_num_int(1), sq)), "-21267647932558653966460912964485513215");

  /* Without a context, small results still work and big ones fail. */
  CHECK(rb_num_add(NULL, frac(cx, 1, 3), frac(cx, 1, 6), &r) && rb_num_cmp(r, frac(cx, 1, 2)) == 0);
  r = rb_num_int(1234);
  CHECK(!rb_num_mul(NULL, p62, p62, &r));
  CHECK(rb_num_cmp(r, rb_num_int(1234)) == 0);
  CHECK(rb_num_div(NULL, sq, p62, &r) && rb_num_cmp(r, p62) == 0);
}

/* Σ 1/p over the 25 primes below 100 has the primorial 97# as denominator,
** far beyond 64 bits; the sums below were computed with Python's
** fractions.Fraction. */
static void test_prime_sums(rb_numctx *cx) {
  static const int primes[] = {2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                               43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};
  enum { COUNT = sizeof primes / sizeof primes[0] };
  rb_num sums[COUNT + 1];
  sums[0] = rb_num_int(0);
  for (int i = 0; i < COUNT; i++) sums[i + 1] = add(cx, sums[i], frac(cx, 1, primes[i]));

  /* Up to 47 the primorial 614889782588491410 fits; from 53 it does not. */
  CHECK(is_small(sums[15]));
  CHECK_STR(fmt(sums[15]), "1021729465586766997/614889782588491410");
  CHECK(!is_small(sums[16]));
  CHECK_STR(fmt(sums[16]), "54766551458687142251/32589158477190044730");
  CHECK_STR(fmt(sums[COUNT]),
            "4156517583588203716343221884611037839/2305567963945518424753102147331756070");

  /* Taking the terms away in a different order returns exactly to zero,
  ** passing back through the small form at the same values. */
  rb_num s = sums[COUNT];
  for (int i = COUNT - 1; i >= 0; i--) {
    s = sub(cx, s, frac(cx, 1, primes[i]));
    CHECK(rb_num_cmp(s, sums[i]) == 0);
    CHECK(is_small(s) == (i <= 15));
  }
  CHECK(rb_num_is_zero(s));
  CHECK_STR(fmt(s), "0");

  /* The sum times the primorial is an integer too big for int64. */
  rb_num primorial = rb_num_int(1);
  for (int i = 0; i < COUNT; i++) primorial = mul(cx, primorial, rb_num_int(primes[i]));
  CHECK_STR(fmt(primorial), "2305567963945518424753102147331756070");
  rb_num whole = mul(cx, sums[COUNT], primorial);
  CHECK(rb_num_is_integer(whole));
  CHECK_STR(fmt(whole), "4156517583588203716343221884611037839");
  /* Dividing the big sum by a big value gives a small one. */
  rb_num ratio = dvd(cx, whole, sums[COUNT]);
  CHECK(rb_num_cmp(ratio, primorial) == 0);
  CHECK(rb_num_cmp(dvd(cx, sums[COUNT], sums[COUNT]), rb_num_int(1)) == 0);
  CHECK(is_small(dvd(cx, sums[COUNT], sums[COUNT])));
  CHECK(rb_num_cmp(sums[COUNT], sums[15]) > 0);
  CHECK(rb_num_cmp(sums[COUNT], rb_num_int(2)) < 0);
}

/* ---- Comparison and predicates ------------------------------------------- */

static void test_compare(rb_numctx *cx) {
  CHECK(rb_num_cmp(num(cx, "0.333"), frac(cx, 1, 3)) < 0);
  CHECK(rb_num_cmp(frac(cx, 1, 3), num(cx, "0.333")) > 0);
  CHECK(rb_num_cmp(frac(cx, -1, 3), frac(cx, -1, 4)) < 0);
  CHECK(rb_num_cmp(frac(cx, INT64_MAX, INT64_MAX - 1), frac(cx, INT64_MAX - 1, INT64_MAX - 2)) < 0);
  CHECK(rb_num_cmp(num(cx, "90"), num(cx, "90.0")) == 0);
  CHECK(rb_num_sign(num(cx, "-0.001")) == -1);
  CHECK(rb_num_sign(rb_num_int(0)) == 0);
  CHECK(rb_num_is_zero(num(cx, "0.0")));
  CHECK(!rb_num_is_zero(num(cx, "0.01")));
  CHECK(rb_num_is_integer(num(cx, "12.000")));
  CHECK(!rb_num_is_integer(num(cx, "12.5")));
  CHECK(rb_num_cmp(rb_num_min(rb_num_int(3), frac(cx, 7, 2)), rb_num_int(3)) == 0);
  CHECK(rb_num_cmp(rb_num_max(rb_num_int(3), frac(cx, 7, 2)), frac(cx, 7, 2)) == 0);

  int64_t v = 99;
  CHECK(rb_num_to_int64(rb_num_int(-5), &v) && v == -5);
  v = 99;
  CHECK(!rb_num_to_int64(num(cx, "2.5"), &v) && v == 99);

  /* is_decimal: 0.945 has three places; 1/3 none; 1/1024 needs ten. */
  CHECK(rb_num_is_decimal(num(cx, "0.945"), 3));
  CHECK(!rb_num_is_decimal(num(cx, "0.945"), 2));
  CHECK(rb_num_is_decimal(num(cx, "0.945"), -1));
  CHECK(!rb_num_is_decimal(frac(cx, 1, 3), -1));
  CHECK(!rb_num_is_decimal(frac(cx, 40, 3), 18));
  CHECK(rb_num_is_decimal(frac(cx, 1, 1024), 10));
  CHECK(!rb_num_is_decimal(frac(cx, 1, 1024), 9));
  CHECK(rb_num_is_decimal(rb_num_int(7), 0));
  CHECK(rb_num_is_decimal(num(cx, "1e-40"), 40));
  CHECK(!rb_num_is_decimal(num(cx, "1e-40"), 39));
  CHECK(rb_num_is_decimal(num(cx, "1e30"), 0));

  /* to_double is for native calls only; check it is roughly right. */
  CHECK(rb_num_to_double(num(cx, "0.5")) == 0.5);
  CHECK(rb_num_to_double(num(cx, "-12.25")) == -12.25);
  double third = rb_num_to_double(frac(cx, 1, 3));
  CHECK(third > 0.3333333333 && third < 0.3333333334);
  double huge = rb_num_to_double(num(cx, "1e30"));
  CHECK(huge > 0.999999e30 && huge < 1.000001e30);
}

/* ---- Rounding ------------------------------------------------------------ */

static void test_round(rb_numctx *cx) {
  /* Half up: ties away from zero, on both sides. */
  CHECK_STR(round_text(cx, "2.674", 2, RB_ROUND_HALF_UP), "2.67");
  CHECK_STR(round_text(cx, "2.6749999", 2, RB_ROUND_HALF_UP), "2.67");
  CHECK_STR(round_text(cx, "-2.676", 2, RB_ROUND_HALF_UP), "-2.68");
  CHECK_STR(round_text(cx, "0.5", 0, RB_ROUND_HALF_UP), "1");
  CHECK_STR(round_text(cx, "-0.5", 0, RB_ROUND_HALF_UP), "-1");
  CHECK_STR(round_text(cx, "-0.004", 2, RB_ROUND_HALF_UP), "0");
  CHECK_STR(fmt(rnd(cx, frac(cx, 40, 3), 0, RB_ROUND_HALF_UP)), "13");
  CHECK_STR(fmt(rnd(cx, frac(cx, 40, 3), 2, RB_ROUND_HALF_UP)), "13.33");
  CHECK_STR(fmt(rnd(cx, frac(cx, 2, 3), 2, RB_ROUND_HALF_UP)), "0.67");
  CHECK_STR(fmt(rnd(cx, frac(cx, 1, 3), 18, RB_ROUND_HALF_UP)), "0.333333333333333333");
  CHECK_STR(fmt(rnd(cx, frac(cx, 2, 3), 18, RB_ROUND_HALF_UP)), "0.666666666666666667");

  /* Half even: ties to the even neighbour. */
  CHECK_STR(round_text(cx, "2.665", 2, RB_ROUND_HALF_EVEN), "2.66");
  CHECK_STR(round_text(cx, "2.675", 2, RB_ROUND_HALF_EVEN), "2.68");
  CHECK_STR(round_text(cx, "-2.665", 2, RB_ROUND_HALF_EVEN), "-2.66");
  CHECK_STR(round_text(cx, "-2.675", 2, RB_ROUND_HALF_EVEN), "-2.68");
  CHECK_STR(round_text(cx, "2.6651", 2, RB_ROUND_HALF_EVEN), "2.67");
  CHECK_STR(round_text(cx, "2.5", 0, RB_ROUND_HALF_EVEN), "2");
  CHECK_STR(round_text(cx, "3.5", 0, RB_ROUND_HALF_EVEN), "4");
  CHECK_STR(round_text(cx, "-2.5", 0, RB_ROUND_HALF_EVEN), "-2");
  CHECK_STR(round_text(cx, "0.5", 0, RB_ROUND_HALF_EVEN), "0");

  /* Directed modes on ±2.671. */
  CHECK_STR(round_text(cx, "2.671", 2, RB_ROUND_DOWN), "2.67");
  CHECK_STR(round_text(cx, "2.671", 2, RB_ROUND_UP), "2.68");
  CHECK_STR(round_text(cx, "2.671", 2, RB_ROUND_FLOOR), "2.67");
  CHECK_STR(round_text(cx, "2.671", 2, RB_ROUND_CEIL), "2.68");
  CHECK_STR(round_text(cx, "-2.671", 2, RB_ROUND_DOWN), "-2.67");
  CHECK_STR(round_text(cx, "-2.671", 2, RB_ROUND_UP), "-2.68");
  CHECK_STR(round_text(cx, "-2.671", 2, RB_ROUND_FLOOR), "-2.68");
  CHECK_STR(round_text(cx, "-2.671", 2, RB_ROUND_CEIL), "-2.67");
  /* An exact value is left alone by every mode. */
  for (int m = 0; m < RB_ROUND_MODE_COUNT; m++) {
    CHECK_STR(round_text(cx, "2.67", 2, (rb_round_mode)m), "2.67");
    CHECK_STR(round_text(cx, "-2.67", 2, (rb_round_mode)m), "-2.67");
  }
  /* Directed modes at the other tie-breaking spots: 2.675 and 2.679. */
  CHECK_STR(round_text(cx, "2.679", 2, RB_ROUND_DOWN), "2.67");
  CHECK_STR(round_text(cx, "-2.679", 2, RB_ROUND_CEIL), "-2.67");
  CHECK_STR(round_text(cx, "2.675", 2, RB_ROUND_FLOOR), "2.67");
  CHECK_STR(round_text(cx, "-2.675", 2, RB_ROUND_UP), "-2.68");

  /* Negative places: tens, hundreds. */
  CHECK_STR(round_text(cx, "1234.5", -2, RB_ROUND_HALF_UP), "1200");
  CHECK_STR(round_text(cx, "1250", -2, RB_ROUND_HALF_UP), "1300");
  CHECK_STR(round_text(cx, "1250", -2, RB_ROUND_HALF_EVEN), "1200");
  CHECK_STR(round_text(cx, "1350", -2, RB_ROUND_HALF_EVEN), "1400");
  CHECK_STR(round_text(cx, "-1250", -2, RB_ROUND_HALF_UP), "-1300");
  CHECK_STR(round_text(cx, "-1201", -2, RB_ROUND_FLOOR), "-1300");
  CHECK_STR(round_text(cx, "1201", -2, RB_ROUND_CEIL), "1300");
  CHECK_STR(round_text(cx, "49", -2, RB_ROUND_HALF_UP), "0");
  CHECK_STR(round_text(cx, "5e17", -18, RB_ROUND_HALF_UP), "1000000000000000000");
  CHECK_STR(round_text(cx, "4.99e17", -18, RB_ROUND_HALF_UP), "0");
  /* INT64_MAX to tens: 9223372036854775810 needs the big form. */
  rb_num r = rnd(cx, rb_num_int(INT64_MAX), -1, RB_ROUND_HALF_UP);
  CHECK(!is_small(r));
  CHECK_STR(fmt(r), "9223372036854775810");
  CHECK_STR(fmt(rnd(cx, rb_num_int(INT64_MIN), -1, RB_ROUND_CEIL)), "-9223372036854775800");

  /* Big values: (2^124 + 1) / 2 is exactly …608.5. */
  rb_num half =
      dvd(cx, add(cx, num(cx, "21267647932558653966460912964485513216"), rb_num_int(1)), rb_num_int(2));
  CHECK(!is_small(half));
  CHECK_STR(fmt(half), "10633823966279326983230456482242756608.5");
  CHECK_STR(fmt(rnd(cx, half, 0, RB_ROUND_HALF_UP)), "10633823966279326983230456482242756609");
  CHECK_STR(fmt(rnd(cx, half, 0, RB_ROUND_HALF_EVEN)), "10633823966279326983230456482242756608");
  CHECK_STR(fmt(rnd(cx, half, 0, RB_ROUND_DOWN)), "10633823966279326983230456482242756608");
  CHECK_STR(fmt(rnd(cx, half, 0, RB_ROUND_CEIL)), "10633823966279326983230456482242756609");
  CHECK_STR(fmt(rnd(cx, half, 1, RB_ROUND_HALF_UP)), "10633823966279326983230456482242756608.5");
  CHECK_STR(fmt(rnd(cx, half, -3, RB_ROUND_HALF_UP)), "10633823966279326983230456482242757000");
  rb_num mhalf = neg(cx, half);
  CHECK_STR(fmt(rnd(cx, mhalf, 0, RB_ROUND_HALF_UP)), "-10633823966279326983230456482242756609");
  CHECK_STR(fmt(rnd(cx, mhalf, 0, RB_ROUND_HALF_EVEN)), "-10633823966279326983230456482242756608");
  CHECK_STR(fmt(rnd(cx, mhalf, 0, RB_ROUND_FLOOR)), "-10633823966279326983230456482242756609");
  CHECK_STR(fmt(rnd(cx, mhalf, 0, RB_ROUND_CEIL)), "-10633823966279326983230456482242756608");
  CHECK_STR(fmt(rnd(cx, mhalf, 0, RB_ROUND_UP)), "-10633823966279326983230456482242756609");
  /* A tiny big value rounds to a small zero. */
  r = rnd(cx, num(cx, "1e-40"), 2, RB_ROUND_HALF_UP);
  CHECK(is_small(r) && rb_num_is_zero(r));
  CHECK_STR(fmt(rnd(cx, num(cx, "1e-40"), 2, RB_ROUND_UP)), "0.01");
  CHECK_STR(fmt(rnd(cx, num(cx, "-1e-40"), 2, RB_ROUND_FLOOR)), "-0.01");
  CHECK_STR(fmt(rnd(cx, num(cx, "0.12345678901234567890123"), 18, RB_ROUND_HALF_UP)),
            "0.123456789012345679");

  /* Out of range places and modes fail and leave *out alone. */
  r = rb_num_int(1234);
  CHECK(!rb_num_round(cx, rb_num_int(1), 19, RB_ROUND_HALF_UP, &r));
  CHECK(!rb_num_round(cx, rb_num_int(1), -19, RB_ROUND_HALF_UP, &r));
  CHECK(!rb_num_round(cx, rb_num_int(1), 2, RB_ROUND_MODE_COUNT, &r));
  CHECK(rb_num_cmp(r, rb_num_int(1234)) == 0);
  CHECK(rb_num_round(cx, rb_num_int(1), 18, RB_ROUND_HALF_UP, &r));
  CHECK(rb_num_round(cx, rb_num_int(1), -18, RB_ROUND_HALF_UP, &r) && rb_num_is_zero(r));
}

/* ---- The decimal form ---------------------------------------------------- */

/* Whether a is the small value n / d exactly as stored (num.h: decimals are
** kept as c / 10^s with the fewest places, other values as reduced
** fractions). */
static bool stored_as(rb_num a, int64_t n, int64_t d) { return !rb_num_is_big(a) && a.n == n && a.d == d; }

/* The decimal fast path (arithmetic on c / 10^s without a gcd) at its edges:
** overflow of the coefficient, decimals meeting other fractions, zero with a
** minus sign, negative ties, and scales at and past 18 places.  Every value
** below was worked out by hand. */
static void test_decimal_form(rb_numctx *cx) {
  /* Scales align on the larger one; trailing zeros go. */
  CHECK_STR(fmt(add(cx, num(cx, "3.64"), num(cx, "0.5"))), "4.14");
  CHECK(stored_as(add(cx, num(cx, "0.15"), num(cx, "0.25")), 4, 10));
  CHECK(stored_as(sub(cx, num(cx, "100"), num(cx, "0.01")), 9999, 100));
  CHECK(stored_as(mul(cx, num(cx, "0.5"), num(cx, "0.2")), 1, 10));
  CHECK(stored_as(mul(cx, num(cx, "2.5"), num(cx, "0.4")), 1, 1));
  CHECK(stored_as(dvd(cx, rb_num_int(1), rb_num_int(8)), 125, 1000));
  CHECK(stored_as(frac(cx, 1, 2), 5, 10));
  CHECK(stored_as(num(cx, "2.50"), 25, 10));
  CHECK(stored_as(num(cx, "1.2e3"), 1200, 1));

  /* Coefficient overflow: 92233720368547758.07 is INT64_MAX hundredths; one
  ** more hundredth is 2^63 / 100 = 2^61 / 25, kept as that fraction, and
  ** taking it away again gives the decimal back. */
  rb_num top = num(cx, "92233720368547758.07");
  CHECK(stored_as(top, INT64_MAX, 100));
  rb_num over = add(cx, top, num(cx, "0.01"));
  CHECK(stored_as(over, INT64_C(1) << 61, 25));
  CHECK_STR(fmt(over), "92233720368547758.08");
  CHECK(stored_as(sub(cx, over, num(cx, "0.01")), INT64_MAX, 100));
  CHECK_STR(fmt(add(cx, top, top)), "184467440737095516.14");
  CHECK_STR(fmt(mul(cx, top, num(cx, "0.1"))), "9223372036854775.807");
  CHECK_STR(fmt(mul(cx, top, top)), "8507059173023461584739690778423250.1249");
  CHECK(stored_as(neg(cx, num(cx, "-92233720368547758.08")), INT64_C(1) << 61, 25));
  /* -2^63 / 10 is a decimal; its negation, 2^63 / 10 = 2^62 / 5, is not. */
  rb_num min10 = rb_num_int(0);
  CHECK(rb_num_decimal(cx, INT64_MIN, 1, &min10) && stored_as(min10, INT64_MIN, 10));
  CHECK(stored_as(neg(cx, min10), INT64_C(1) << 62, 5));
  CHECK_STR(fmt(neg(cx, min10)), "922337203685477580.8");

  /* Decimals meeting other fractions, both ways. */
  CHECK_STR(fmt(add(cx, num(cx, "0.1"), frac(cx, 1, 3))), "13/30");
  CHECK(stored_as(add(cx, frac(cx, 1, 3), frac(cx, 2, 3)), 1, 1));
  CHECK(stored_as(sub(cx, frac(cx, 10, 3), frac(cx, 1, 3)), 3, 1));
  CHECK(stored_as(mul(cx, frac(cx, 1, 3), num(cx, "0.3")), 1, 10));
  CHECK(stored_as(mul(cx, frac(cx, 40, 11), num(cx, "1.1")), 4, 1));
  CHECK(stored_as(dvd(cx, num(cx, "3.64"), frac(cx, 1, 3)), 1092, 100));
  CHECK(rb_num_cmp(num(cx, "13.33"), frac(cx, 40, 3)) < 0);
  CHECK(rb_num_cmp(num(cx, "13.34"), frac(cx, 40, 3)) > 0);
  CHECK(rb_num_cmp(num(cx, "0.5"), frac(cx, 1, 2)) == 0);

  /* Zero has one form, whatever sign or places it was written with. */
  CHECK(stored_as(num(cx, "-0.00"), 0, 1));
  CHECK(stored_as(sub(cx, num(cx, "0.25"), num(cx, "0.25")), 0, 1));
  CHECK(stored_as(add(cx, num(cx, "-0.10"), num(cx, "0.1")), 0, 1));
  CHECK(stored_as(mul(cx, num(cx, "-0.5"), rb_num_int(0)), 0, 1));
  CHECK(stored_as(neg(cx, num(cx, "0.000")), 0, 1));
  CHECK(stored_as(rnd(cx, num(cx, "-0.0049"), 2, RB_ROUND_HALF_UP), 0, 1));
  CHECK_STR(fixed(num(cx, "-0.001"), 2), "0.00");

  /* Half up on negative decimals: ties go away from zero. */
  CHECK_STR(round_text(cx, "-2.675", 2, RB_ROUND_HALF_UP), "-2.68");
  CHECK_STR(round_text(cx, "-0.125", 2, RB_ROUND_HALF_UP), "-0.13");
  CHECK_STR(round_text(cx, "-0.945", 2, RB_ROUND_HALF_UP), "-0.95");
  CHECK_STR(round_text(cx, "-97.485", 2, RB_ROUND_HALF_UP), "-97.49");
  CHECK_STR(round_text(cx, "-1.5", 0, RB_ROUND_HALF_UP), "-2");
  CHECK_STR(round_text(cx, "-0.005", 2, RB_ROUND_HALF_UP), "-0.01");
  CHECK_STR(round_text(cx, "-0.0050001", 2, RB_ROUND_HALF_UP), "-0.01");
  CHECK_STR(round_text(cx, "-0.0049999", 2, RB_ROUND_HALF_UP), "0");
  CHECK(stored_as(rnd(cx, num(cx, "-2.5"), 2, RB_ROUND_HALF_UP), -25, 10));
  CHECK(stored_as(rnd(cx, num(cx, "-2.996"), 2, RB_ROUND_HALF_UP), -3, 1));

  /* Scales at and past 18 places. */
  CHECK(stored_as(num(cx, "0.000000000000000001"), 1, INT64_C(1000000000000000000)));
  CHECK(stored_as(num(cx, "9.223372036854775807"), INT64_MAX, INT64_C(1000000000000000000)));
  /* 2^63 / 10^18 = 2^45 / 5^18: its coefficient does not fit. */
  rb_num past = num(cx, "9.223372036854775808");
  CHECK(stored_as(past, INT64_C(35184372088832), INT64_C(3814697265625)));
  CHECK_STR(fmt(past), "9.223372036854775808");
  CHECK(rb_num_cmp(num(cx, "9.223372036854775807"), past) < 0);
  CHECK(!is_small(num(cx, "1e-19")));
  CHECK_STR(fmt(mul(cx, num(cx, "0.0000000001"), num(cx, "0.000000001"))), "0.0000000000000000001");
  CHECK(!is_small(mul(cx, num(cx, "0.0000000001"), num(cx, "0.000000001"))));
  /* 5e-10 × 2e-9: a coefficient of 10 at 19 places is 1 at 18. */
  CHECK(stored_as(mul(cx, num(cx, "0.0000000005"), num(cx, "0.000000002")), 1, INT64_C(1000000000000000000)));
  /* 1/2^19 has 19 places: a fraction; twice it has 18: a decimal (5^18). */
  rb_num tiny = frac(cx, 1, 524288);
  CHECK(stored_as(tiny, 1, 524288));
  CHECK_STR(fmt(tiny), "0.0000019073486328125");
  CHECK(stored_as(add(cx, tiny, tiny), INT64_C(3814697265625), INT64_C(1000000000000000000)));
  /* 0.5 × 10^-18 = 1 / (2 × 10^18) still fits as a fraction. */
  rb_num r = rb_num_int(0);
  CHECK(rb_num_scale10(cx, num(cx, "0.5"), -18, &r) && stored_as(r, 1, INT64_C(2000000000000000000)));
  CHECK(rb_num_scale10(cx, num(cx, "0.000000000000000001"), 18, &r) && stored_as(r, 1, 1));
  CHECK(rb_num_scale10(cx, num(cx, "2.5"), 3, &r) && stored_as(r, 2500, 1));
  CHECK(rb_num_scale10(cx, rb_num_int(1200), -2, &r) && stored_as(r, 12, 1));
  CHECK_STR(round_text(cx, "0.123456789012345678", 17, RB_ROUND_HALF_UP), "0.12345678901234568");
  /* (2^62 + 1) / 2 = 2305843009213693952.5: the decimal 23058430092136939525 / 10 does not fit. */
  rb_num halfway = frac(cx, (INT64_C(1) << 62) + 1, 2);
  CHECK(stored_as(halfway, (INT64_C(1) << 62) + 1, 2));
  CHECK_STR(fmt(halfway), "2305843009213693952.5");
  CHECK_STR(fmt(rnd(cx, halfway, 0, RB_ROUND_HALF_UP)), "2305843009213693953");

  /* A decimal converts to the nearest double, as its reduced fraction does. */
  CHECK(rb_num_to_double(num(cx, "2.675")) == 2.675);
  CHECK(rb_num_to_double(num(cx, "0.1")) == 0.1);
  CHECK(rb_num_to_double(num(cx, "-97.49")) == -97.49);
}

/* ---- Formatting ---------------------------------------------------------- */

static void test_format(rb_numctx *cx) {
  CHECK_STR(fmt(num(cx, "165.52")), "165.52");
  CHECK_STR(fmt(num(cx, "193000000")), "193000000");
  CHECK_STR(fmt(num(cx, "0.30")), "0.3");
  CHECK_STR(fmt(num(cx, "-2")), "-2");
  CHECK_STR(fmt(num(cx, "-0.05")), "-0.05");
  CHECK_STR(fmt(frac(cx, 1, 8)), "0.125");
  CHECK_STR(fmt(frac(cx, -1, 3)), "-1/3");
  CHECK_STR(fmt(frac(cx, 1, 6)), "1/6");

  /* format_fixed: exactly `places` digits, half up, never "-0.00". */
  CHECK_STR(fixed(num(cx, "3.64"), 2), "3.64");
  CHECK_STR(fixed(rb_num_int(100), 2), "100.00");
  CHECK_STR(fixed(rb_num_int(0), 2), "0.00");
  CHECK_STR(fixed(num(cx, "-0.001"), 2), "0.00");
  CHECK_STR(fixed(num(cx, "-0.004999"), 2), "0.00");
  CHECK_STR(fixed(num(cx, "-0.005"), 2), "-0.01");
  CHECK_STR(fixed(num(cx, "-0.5"), 2), "-0.50");
  CHECK_STR(fixed(rb_num_int(12), 0), "12");
  CHECK_STR(fixed(num(cx, "12.5"), 0), "13");
  CHECK_STR(fixed(num(cx, "-12.5"), 0), "-13");
  CHECK_STR(fixed(num(cx, "-0.4"), 0), "0");
  CHECK_STR(fixed(num(cx, "12.5"), -1), "13"); /* negative places act as 0 */
  CHECK_STR(fixed(num(cx, "2.675"), 2), "2.68");
  CHECK_STR(fixed(num(cx, "-2.675"), 2), "-2.68");
  CHECK_STR(fixed(num(cx, "0.05"), 1), "0.1");
  CHECK_STR(fixed(num(cx, "0.05"), 4), "0.0500");
  CHECK_STR(fixed(num(cx, "97.49"), 2), "97.49");
  CHECK_STR(fixed(frac(cx, 40, 3), 2), "13.33");
  CHECK_STR(fixed(frac(cx, 1, 3), 30), "0.333333333333333333333333333333");
  CHECK_STR(fixed(frac(cx, 2, 3), 20), "0.66666666666666666667");
  CHECK_STR(fixed(num(cx, "21267647932558653966460912964485513216"), 2),
            "21267647932558653966460912964485513216.00");
  CHECK_STR(fixed(num(cx, "-1e-40"), 2), "0.00");
  CHECK_STR(fixed(num(cx, "-1e-40"), 40), "-0.0000000000000000000000000000000000000001");
  CHECK_STR(fixed(rb_num_int(INT64_MIN), 18), "-9223372036854775808.000000000000000000");
  /* Decimals of up to 18 places printed with up to 18 (their own way in
  ** num.c): padded, cut half up on the magnitude, never "-0". */
  CHECK_STR(fixed(num(cx, "-3.645"), 2), "-3.65");
  CHECK_STR(fixed(num(cx, "3.645"), 2), "3.65");
  CHECK_STR(fixed(num(cx, "3.6449"), 2), "3.64");
  CHECK_STR(fixed(num(cx, "-3.6449"), 2), "-3.64");
  CHECK_STR(fixed(num(cx, "0.005"), 2), "0.01");
  CHECK_STR(fixed(num(cx, "-0.0049"), 2), "0.00");
  CHECK_STR(fixed(num(cx, "0.5"), 0), "1");
  CHECK_STR(fixed(num(cx, "-0.5"), 0), "-1");
  CHECK_STR(fixed(num(cx, "-0.49"), 0), "0");
  CHECK_STR(fixed(num(cx, "9.995"), 2), "10.00");
  CHECK_STR(fixed(num(cx, "-99.995"), 2), "-100.00");
  CHECK_STR(fixed(num(cx, "0.999999999999999999"), 17), "1.00000000000000000");
  CHECK_STR(fixed(num(cx, "0.999999999999999999"), 18), "0.999999999999999999");
  CHECK_STR(fixed(num(cx, "-9.223372036854775808"), 18), "-9.223372036854775808");
  CHECK_STR(fixed(num(cx, "-9.223372036854775808"), 2), "-9.22");
  CHECK_STR(fixed(num(cx, "9223372036854775.807"), 2), "9223372036854775.81");
  CHECK_STR(fixed(rb_num_int(INT64_MAX), 18), "9223372036854775807.000000000000000000");
  CHECK_STR(fixed(rb_num_int(INT64_MAX), 19), "9223372036854775807.0000000000000000000");
  CHECK_STR(fixed(num(cx, "0.000000000000000001"), 18), "0.000000000000000001");
  CHECK_STR(fixed(num(cx, "0.000000000000000005"), 17), "0.00000000000000001");
  CHECK_STR(fixed(num(cx, "-0.000000000000000004"), 17), "0.00000000000000000");
  CHECK_STR(fixed(num(cx, "12.34"), 5), "12.34000");
  /* Beyond 64 bits, the digits above them and those within. */
  CHECK_STR(fixed(num(cx, "18446744073709551615"), 0), "18446744073709551615");
  CHECK_STR(fixed(num(cx, "18446744073709551616"), 1), "18446744073709551616.0");
  CHECK_STR(fixed(num(cx, "-18446744073709551616.5"), 0), "-18446744073709551617");

  /* format_sig: exact when short enough, else rounded and trimmed. */
  CHECK_STR(sig(frac(cx, 145, 110), 4), "1.3182");
  CHECK_STR(sig(num(cx, "1.25"), 4), "1.25");
  CHECK_STR(sig(num(cx, "1.25"), 1), "1.3");
  CHECK_STR(sig(frac(cx, 1, 3), 2), "0.33");
  CHECK_STR(sig(frac(cx, 2, 3), 0), "1");
  CHECK_STR(sig(frac(cx, -2, 3), 3), "-0.667");
  CHECK_STR(sig(num(cx, "1.29999"), 2), "1.3");
  CHECK_STR(sig(num(cx, "0.9951"), 2), "1");
  CHECK_STR(sig(num(cx, "0.945"), 2), "0.95");
  CHECK_STR(sig(frac(cx, 1, 300), 2), "0");
  CHECK_STR(sig(frac(cx, -1, 300), 2), "0");
  CHECK_STR(sig(frac(cx, 1, 7), 4), "0.1429");
  CHECK_STR(sig(frac(cx, 100, 3), 0), "33");
  CHECK_STR(sig(rb_num_int(120), 2), "120");
  CHECK_STR(sig(num(cx, "1e-40"), 2), "0");
  CHECK_STR(sig(num(cx, "1e-40"), 40), "0.0000000000000000000000000000000000000001");

  /* snprintf contract: the needed length is returned; text is truncated
  ** and still NUL-terminated. */
  char small[4];
  CHECK(rb_num_format(num(cx, "165.52"), small, sizeof small) == 6);
  CHECK_STR(small, "165");
  CHECK(rb_num_format(num(cx, "165.52"), NULL, 0) == 6);
  char one[1] = {'x'};
  CHECK(rb_num_format(num(cx, "165.52"), one, 1) == 6 && one[0] == '\0');
  CHECK(rb_num_format_fixed(rb_num_int(100), 2, small, sizeof small) == 6);
  CHECK_STR(small, "100");
  CHECK(rb_num_format(frac(cx, -40, 3), small, sizeof small) == 5);
  CHECK_STR(small, "-40");
  CHECK(rb_num_format_sig(frac(cx, 145, 110), 4, NULL, 0) == 6);
  char exact[7];
  CHECK(rb_num_format(num(cx, "165.52"), exact, sizeof exact) == 6);
  CHECK_STR(exact, "165.52");
}

/* ---- The context --------------------------------------------------------- */

/* Many big values over several chunks, a reset, and reuse: run under ASan
** this also checks that reset and free release every limb. */
static void test_context(void) {
  rb_numctx *cx = rb_numctx_new();
  CHECK(cx != NULL);
  rb_num big = num(cx, "1e30");
  for (int round = 0; round < 3; round++) {
    rb_num acc = big;
    for (int i = 0; i < 300; i++) acc = add(cx, acc, rb_num_int(1));
    CHECK_STR(fmt(acc), "1000000000000000000000000000300");
    rb_numctx_reset(cx);
    big = num(cx, "1e30"); /* the old one is gone with the reset */
  }
  rb_numctx_reset(cx);
  rb_numctx_reset(cx);
  rb_numctx_free(cx);
  rb_numctx_free(NULL);

  /* Two contexts at once: values of one stay valid while the other resets. */
  rb_numctx *a = rb_numctx_new(), *b = rb_numctx_new();
  rb_num in_a = num(a, "123456789012345678901234567890");
  rb_num in_b = num(b, "123456789012345678901234567890");
  rb_numctx_reset(b);
  CHECK_STR(fmt(in_a), "123456789012345678901234567890");
  (void)in_b;
  rb_numctx_free(a);
  rb_numctx_free(b);
}

/* ---- value.c and measure.c ----------------------------------------------- */

static void test_names(void) {
  CHECK_STR(rb_vtype_name(RB_V_NIL), "nil");
  CHECK_STR(rb_vtype_name(RB_V_NUM), "number");
  CHECK_STR(rb_vtype_name(RB_V_MEASURE), "value");
  CHECK_STR(rb_vtype_name(RB_V_LIST), "list");
  CHECK_STR(rb_vtype_name(RB_V_COUNT), "?");
  CHECK_STR(rb_unit_name(RB_UNIT_PLAIN), "number");
  CHECK_STR(rb_unit_name(RB_UNIT_PERCENT), "percent");
  CHECK_STR(rb_unit_name(RB_UNIT_MONEY), "money");
  CHECK_STR(rb_unit_name(RB_UNIT_COUNT), "?");
  CHECK_STR(rb_measure_kind_name(RB_MK_NUMBER), "number");
  CHECK_STR(rb_measure_kind_name(RB_MK_QUANTITY), "quantity");
  CHECK_STR(rb_measure_kind_name(RB_MK_TEXT), "text");
  CHECK_STR(rb_measure_kind_name(RB_MK_COUNT), "?");
  CHECK_STR(rb_cmp_name(RB_CMP_NONE), "null");
  CHECK_STR(rb_cmp_name(RB_CMP_GE), ">=");
  CHECK_STR(rb_cmp_name(RB_CMP_LE), "<=");
  CHECK_STR(rb_cmp_name(RB_CMP_EQ), "=");
  CHECK_STR(rb_cmp_name(RB_CMP_COUNT), "?");
}

static bool date_is(int y, int m, int d, int32_t want) {
  int32_t got = INT32_MIN;
  if (!rb_date_from_ymd(y, m, d, &got) || got != want) return false;
  int yy = 0, mm = 0, dd = 0;
  rb_date_to_ymd(want, &yy, &mm, &dd);
  return yy == y && mm == m && dd == d;
}

static void test_dates(void) {
  /* Expected day counts from Python's datetime.date. */
  CHECK(date_is(1970, 1, 1, 0));
  CHECK(date_is(1970, 1, 2, 1));
  CHECK(date_is(1969, 12, 31, -1));
  CHECK(date_is(2000, 2, 29, 11016));
  CHECK(date_is(2000, 3, 1, 11017));
  CHECK(date_is(2024, 2, 29, 19782));
  CHECK(date_is(2024, 4, 1, 19814));
  CHECK(date_is(1, 1, 1, -719162));
  CHECK(date_is(9999, 12, 31, 2932896));

  int32_t out = 12345;
  CHECK(!rb_date_from_ymd(2023, 2, 29, &out));
  CHECK(!rb_date_from_ymd(1900, 2, 29, &out));
  CHECK(!rb_date_from_ymd(2024, 2, 30, &out));
  CHECK(!rb_date_from_ymd(2024, 4, 31, &out));
  CHECK(!rb_date_from_ymd(2024, 13, 1, &out));
  CHECK(!rb_date_from_ymd(2024, 0, 1, &out));
  CHECK(!rb_date_from_ymd(2024, 1, 0, &out));
  CHECK(!rb_date_from_ymd(2024, 1, 32, &out));
  CHECK(!rb_date_from_ymd(0, 1, 1, &out));
  CHECK(!rb_date_from_ymd(10000, 1, 1, &out));
  CHECK(out == 12345);
  CHECK(rb_date_from_ymd(2024, 12, 31, &out) && out == 19814 + 274);

  /* Every day of years 1..9999: to_ymd gives a valid date that maps back,
  ** and consecutive days are consecutive dates. */
  int bad = 0, py = 0, pm = 0, pd = 0;
  for (int32_t day = -719162; day <= 2932896; day++) {
    int y, m, d;
    int32_t again;
    rb_date_to_ymd(day, &y, &m, &d);
    if (!rb_date_from_ymd(y, m, d, &again) || again != day) bad++;
    if (day > -719162) {
      bool next_day = y == py && m == pm && d == pd + 1;
      bool next_month = y == py && m == pm + 1 && d == 1;
      bool next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
      if (!next_day && !next_month && !next_year) bad++;
    }
    py = y;
    pm = m;
    pd = d;
  }
  CHECK(bad == 0);
  CHECK(py == 9999 && pm == 12 && pd == 31);
}

/* Reduction against Euclid's algorithm, the reference: n/d for millions of
** pairs shaped like report figures (small numerators over powers of ten,
** shares of a common factor) and like nothing at all (any 64-bit values,
** the extremes).  The gcd behind every result (vm/num.c) is a branch-free
** binary one, whose loop is easy to get subtly wrong. */
static uint64_t euclid(uint64_t a, uint64_t b) {
  while (b != 0) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static uint64_t xorshift(uint64_t *x) {
  *x ^= *x << 13;
  *x ^= *x >> 7;
  *x ^= *x << 17;
  return *x;
}

static int64_t pow10(int k) {
  int64_t p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

static void check_reduced(rb_numctx *cx, int64_t n, int64_t d) {
  rb_num r;
  if (!rb_num_frac(cx, n, d, &r)) {
    CHECK(!"rb_num_frac failed");
    return;
  }
  /* The exact value of n/d, sign on the numerator. */
  uint64_t an = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n, ad = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
  bool negative = (n < 0) != (d < 0) && n != 0;
  uint64_t g = euclid(an, ad), want_n = an / g, want_d = ad / g;
  if (want_n > (uint64_t)INT64_MAX + negative || want_d > (uint64_t)INT64_MAX) {
    CHECK(rb_num_is_big(r)); /* 2^63 over an odd number, say */
    return;
  }
  /* The canonical form: when the reduced denominator divides 10^s for some
  ** s <= 18 (the smallest such s), the decimal c / 10^s if c fits. */
  for (int places = 0; places <= 18; places++) {
    uint64_t p = (uint64_t)pow10(places);
    if (p % want_d != 0) continue;
    uint64_t k = p / want_d;
    if (want_n <= ((uint64_t)INT64_MAX + negative) / k) {
      want_n *= k;
      want_d = p;
    }
    break;
  }
  bool ok = !rb_num_is_big(r) && r.d == (int64_t)want_d &&
            (negative ? (uint64_t)0 - (uint64_t)r.n == want_n : (uint64_t)r.n == want_n);
  if (!ok) {
    fprintf(stderr, "reduction of %lld/%lld: got %lld/%lld\n", (long long)n, (long long)d, (long long)r.n,
            (long long)r.d);
  }
  CHECK(ok);
}

static void test_reduction(rb_numctx *cx) {
  static const int64_t edges[] = {1, 2, 3, 5, 10, 100, 255, 256, 65536, 999983, UINT32_MAX, (int64_t)UINT32_MAX + 1,
                                  INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1, -1, -100, (int64_t)1 << 62};
  size_t count = sizeof edges / sizeof edges[0];
  for (size_t i = 0; i < count; i++) {
    check_reduced(cx, 0, edges[i]);
    for (size_t j = 0; j < count; j++) check_reduced(cx, edges[i], edges[j]);
  }
  int before = check_failed;
  uint64_t x = 88172645463325252u;
  for (int i = 0; i < 2000000 && check_failed - before < 10; i++) {
    uint64_t a = xorshift(&x), b = xorshift(&x);
    switch (i % 4) {
    case 0: /* report figures: cents, percentages, 万元 with four places */
      a %= 100000000;
      b = (uint64_t[]){1, 10, 100, 1000, 10000, 1000000}[b % 6];
      break;
    case 1: { /* a common factor, so that the gcd is not 1 */
      uint64_t f = xorshift(&x) % 100000 + 1;
      a = a % 1000000 * f;
      b = (b % 1000000 + 1) * f;
      break;
    }
    case 2: /* any magnitudes */
      a >>= xorshift(&x) % 64;
      b >>= xorshift(&x) % 64;
      break;
    default: break; /* any 64-bit pattern */
    }
    int64_t n = (int64_t)a, d = (int64_t)b;
    if (d == 0) d = 7;
    check_reduced(cx, n, d);
  }
}

/* A decimal figure is reduced by stripping twos and fives (vm/num.c,
** num_from_decimal, behind rb_num_parse and rb_num_decimal): "165.52" must
** give exactly what 16552/100 gives through the gcd, for figures with up to
** 18 places and either sign. */
static void test_decimal_reduction(rb_numctx *cx) {
  rb_num edge;
  CHECK(!rb_num_decimal(cx, 1, 19, &edge) && !rb_num_decimal(cx, 1, -1, &edge));
  /* INT64_MIN / 10^18 = -9.223372036854775808: the long road, still exact. */
  CHECK(rb_num_decimal(cx, INT64_MIN, 18, &edge) && rb_num_cmp(edge, rb_num_int(-9)) < 0 &&
        rb_num_cmp(edge, rb_num_int(-10)) > 0);
  int before = check_failed;
  uint64_t x = 2463534242u;
  for (int i = 0; i < 300000 && check_failed - before < 10; i++) {
    int places = (int)(xorshift(&x) % 19);
    uint64_t r = xorshift(&x);
    int64_t v = (int64_t)(r % 1000000000000000000u) >> (xorshift(&x) % 60); /* any count of trailing zeros */
    if (i % 3 == 0) v = (int64_t)(r % 100000) * (int64_t)(xorshift(&x) % 3 == 0 ? 10000 : 1);
    if (xorshift(&x) % 2) v = -v;
    /* The digits of |v| with a point places digits from the right. */
    char digits[32], text[48];
    snprintf(digits, sizeof digits, "%0*llu", places + 1, (unsigned long long)(v < 0 ? -v : v));
    size_t len = strlen(digits), point = len - (size_t)places;
    snprintf(text, sizeof text, "%s%.*s%s%s", v < 0 ? "-" : "", (int)point, digits, places ? "." : "",
             digits + point);
    rb_num parsed, frac, decimal;
    bool ok = rb_num_parse(cx, text, strlen(text), &parsed) && rb_num_frac(cx, v, pow10(places), &frac) &&
              rb_num_decimal(cx, v, places, &decimal) && parsed.n == frac.n && parsed.d == frac.d &&
              decimal.n == frac.n && decimal.d == frac.d;
    if (!ok) fprintf(stderr, "decimal %s: got %lld/%lld\n", text, (long long)parsed.n, (long long)parsed.d);
    CHECK(ok);
  }
}

/* The callers' fast paths of num.h (rb_num_add_fast, _sub_fast, _cmp_fast,
** _add_aligned, _sub_aligned) give the canonical value rb_num_add and the
** others give: hand-checked cases at the edges of each path, then random
** decimals, integers and fractions checked field by field. */
static bool same(rb_num a, rb_num b) { return a.n == b.n && a.d == b.d; }

static void test_fast_paths(rb_numctx *cx) {
  rb_num r;
  /* One scale, nothing to drop: 3.64 + 0.01 = 3.65 is 365/100. */
  CHECK(rb_num_add_fast(cx, num(cx, "3.64"), num(cx, "0.01"), &r) && r.n == 365 && r.d == 100);
  /* A trailing zero to drop: 0.15 + 0.25 = 0.4 is 4/10, not 40/100. */
  CHECK(rb_num_add_fast(cx, num(cx, "0.15"), num(cx, "0.25"), &r) && r.n == 4 && r.d == 10);
  CHECK(rb_num_add_aligned(cx, num(cx, "0.15"), num(cx, "0.25"), &r) && r.n == 4 && r.d == 10);
  /* To zero: 0/1. */
  CHECK(rb_num_sub_fast(cx, num(cx, "1.5"), num(cx, "1.5"), &r) && r.n == 0 && r.d == 1);
  CHECK(rb_num_sub_aligned(cx, num(cx, "1.5"), num(cx, "1.5"), &r) && r.n == 0 && r.d == 1);
  /* One denominator that is no power of ten: 1/3 + 2/3 = 1, 1/3 + 1/3 = 2/3. */
  CHECK(rb_num_add_fast(cx, frac(cx, 1, 3), frac(cx, 2, 3), &r) && r.n == 1 && r.d == 1);
  CHECK(rb_num_add_aligned(cx, frac(cx, 1, 3), frac(cx, 1, 3), &r) && r.n == 2 && r.d == 3);
  /* Two scales: 3.64 − 0.5 = 3.14 (314/100), 2.5 + 0.55 = 3.05, 0.75 + 0.25 = 1. */
  CHECK(rb_num_sub_aligned(cx, num(cx, "3.64"), num(cx, "0.5"), &r) && r.n == 314 && r.d == 100);
  CHECK(rb_num_add_aligned(cx, num(cx, "2.5"), num(cx, "0.55"), &r) && r.n == 305 && r.d == 100);
  CHECK(rb_num_add_aligned(cx, num(cx, "0.75"), num(cx, "0.25"), &r) && r.n == 1 && r.d == 1);
  /* An integer and a decimal: 2 − 0.25 = 1.75. */
  CHECK(rb_num_sub_aligned(cx, rb_num_int(2), num(cx, "0.25"), &r) && r.n == 175 && r.d == 100);
  /* Past int64: INT64_MAX + 1 is the big value 2^63, exact. */
  CHECK(rb_num_add_fast(cx, rb_num_int(INT64_MAX), rb_num_int(1), &r) && rb_num_is_big(r) &&
        strcmp(fmt(r), "9223372036854775808") == 0);
  CHECK(rb_num_add_aligned(cx, rb_num_int(INT64_MAX), num(cx, "0.5"), &r) && rb_num_is_big(r) &&
        strcmp(fixed(r, 1), "9223372036854775807.5") == 0);
  /* Aligning overflows: 9223372036854775807 against 0.1 needs ×10. */
  CHECK(rb_num_sub_aligned(cx, rb_num_int(INT64_MAX), num(cx, "0.1"), &r) &&
        strcmp(fixed(r, 1), "9223372036854775806.9") == 0);
  /* Comparison: same denominator by numerator, else the general rule. */
  CHECK(rb_num_cmp_fast(num(cx, "0.33"), num(cx, "0.34")) < 0 && rb_num_cmp_fast(num(cx, "0.5"), num(cx, "0.25")) > 0);
  CHECK(rb_num_cmp_fast(frac(cx, 1, 3), num(cx, "0.3333333333")) > 0 && rb_num_cmp_fast(rb_num_int(7), rb_num_int(7)) == 0);
  /* Random operands of every kind agree with the general functions. */
  int before = check_failed;
  uint64_t x = 88172645463325252u;
  for (int i = 0; i < 200000 && check_failed - before < 10; i++) {
    rb_num v[2];
    for (int k = 0; k < 2; k++) {
      uint64_t kind = xorshift(&x) % 4;
      int64_t n = (int64_t)(xorshift(&x) % (kind == 3 ? UINT64_MAX : 2000001)) - (kind == 3 ? 0 : 1000000);
      if (kind == 0) v[k] = rb_num_int(n);
      else if (kind == 1 || kind == 3) CHECK(rb_num_decimal(cx, n, (int)(xorshift(&x) % 19), &v[k]));
      else CHECK(rb_num_frac(cx, n, (int64_t)(xorshift(&x) % 12) + 1, &v[k]));
    }
    rb_num want_add, want_sub, got;
    CHECK(rb_num_add(cx, v[0], v[1], &want_add) && rb_num_sub(cx, v[0], v[1], &want_sub));
    bool ok = rb_num_add_fast(cx, v[0], v[1], &got) && (rb_num_is_big(want_add) ? rb_num_cmp(got, want_add) == 0 : same(got, want_add));
    ok = ok && rb_num_sub_fast(cx, v[0], v[1], &got) && (rb_num_is_big(want_sub) ? rb_num_cmp(got, want_sub) == 0 : same(got, want_sub));
    ok = ok && rb_num_add_aligned(cx, v[0], v[1], &got) && (rb_num_is_big(want_add) ? rb_num_cmp(got, want_add) == 0 : same(got, want_add));
    ok = ok && rb_num_sub_aligned(cx, v[0], v[1], &got) && (rb_num_is_big(want_sub) ? rb_num_cmp(got, want_sub) == 0 : same(got, want_sub));
    ok = ok && rb_num_cmp_fast(v[0], v[1]) == rb_num_cmp(v[0], v[1]);
    if (!ok) fprintf(stderr, "fast paths: %s and %s\n", fmt(v[0]), fmt(v[1]));
    CHECK(ok);
  }
  rb_numctx_reset(cx);
}

/* The bounds of num.h.  10/3 squared k times has a numerator of 10^(2^k):
** 2^k + 1 digits, so squaring 11 times gives 2049 digits (allowed) and the
** 12th 4097 (more than RB_NUM_MAX_DIGITS: refused, the value untouched).  A
** literal of 4000 significant digits is read, one of 4001 refused — before
** any conversion, so a literal of a million digits costs nothing.  Copies of
** a 3999-digit value (about 1.7 KB of limbs for numerator and denominator)
** fill RB_NUM_MAX_BYTES (64 MiB) of one context after some 40,000, and the
** next is refused as too much; a reset gives the room back. */
static void test_bounds(void) {
  rb_numctx *cx = rb_numctx_new();
  rb_num x;
  CHECK(rb_num_frac(cx, 10, 3, &x));
  int squarings = 0;
  for (;;) {
    rb_num y;
    if (!rb_num_mul(cx, x, x, &y)) break;
    x = y;
    squarings++;
  }
  CHECK(squarings == 11);
  CHECK(rb_numctx_error(cx) == RB_NUM_TOO_LARGE);
  char *digits = malloc(1000001);
  memset(digits, '7', 1000000);
  digits[1000000] = '\0';
  CHECK(rb_num_parse(cx, digits, 4000, &x));
  CHECK(!rb_num_parse(cx, digits, 4001, &x) && rb_numctx_error(cx) == RB_NUM_TOO_LARGE);
  CHECK(!rb_num_parse(cx, digits, 1000000, &x) && rb_numctx_error(cx) == RB_NUM_TOO_LARGE);
  rb_numctx_reset(cx);
  CHECK(rb_numctx_error(cx) == RB_NUM_OK);
  rb_num big, one = rb_num_int(1), copy;
  CHECK(rb_num_parse(cx, digits, 3999, &big));
  CHECK(rb_num_div(cx, big, rb_num_int(3), &big)); /* a denominator too */
  long copies = 0;
  while (rb_num_mul(cx, big, one, &copy)) copies++;
  CHECK(rb_numctx_error(cx) == RB_NUM_TOO_MUCH);
  CHECK(copies > 30000 && copies < 50000);
  rb_numctx_reset(cx); /* frees big too: read it again */
  CHECK(rb_num_parse(cx, digits, 3999, &big) && rb_num_mul(cx, big, one, &copy));
  free(digits);
  rb_numctx_free(cx);
}

int main(void) {
  rb_numctx *cx = rb_numctx_new();
  if (!cx) return 1;
  test_reduction(cx);
  test_decimal_reduction(cx);
  test_fast_paths(cx);
  rb_numctx_reset(cx);
  test_round_mode_names();
  test_construct(cx);
  test_parse(cx);
  test_issue_cases(cx);
  test_arithmetic(cx);
  test_overflow(cx);
  test_prime_sums(cx);
  test_compare(cx);
  test_round(cx);
  test_decimal_form(cx);
  test_format(cx);
  rb_numctx_free(cx);
  test_context();
  test_names();
  test_dates();
  test_bounds();
  return check_done();
}
