/*
** num.c — exact rational numbers (see num.h for the contract).
**
** Design: a fast path and a big path.
**
** Almost every figure in a budget report — 165.52 万元, 90%, a weight of
** 3.64, a score of 97.49 — is a fraction whose numerator and denominator
** fit comfortably in 64 bits.  So an rb_num is first of all two int64_t,
** n/d with d > 0, and arithmetic on two such values is done
** in 128-bit integers (__int128): the product of two int64 values always
** fits, so a + b, a − b, a × b and a ÷ b can be computed exactly without
** any overflow check at all, then reduced by their gcd.  If the reduced
** result fits back into two int64, that is the answer and nothing was
** allocated.
**
** Decimals skip even the gcd.  A value with a finite expansion of at most
** 18 places is stored as c / 10^s with the fewest places (0.5 as 5/10, not
** 1/2), so sums, differences and products of decimals, the bulk of a
** report's arithmetic, are computed on the coefficients at the larger or
** the summed scale and only lose their trailing zeros (num_decimal64);
** rounding a decimal divides its coefficient by a power of ten, and
** formatting one needs no division at all.  Only a quotient, or a decimal
** whose coefficient overflows, goes through the gcd, and num_canonical
** turns a reduced fraction whose denominator divides 10^18 back into the
** decimal form.
**
** When it does not fit (a sum of 1/p over many primes, a 40-digit literal,
** 2^62 × 2^62), the value moves to the big path: a GMP rational (mpq_t)
** allocated in the rb_numctx passed to the operation.  Operations with a big
** operand run entirely in GMP, on temporaries, and only the final result
** is stored in the context.
**
** One invariant keeps the forms honest: a value is a decimal if and only if
** its decimal form fits, else a reduced fraction if that fits, else big.
** Every result goes through one of the doors — num_decimal64(),
** num_from_decimal(), num_from_i128() and num_take_mpq() — which all choose
** the first form that fits.  So a big value
** that shrinks (2^124 ÷ 2^62) comes back to the small form, equal values
** always have the same representation, and comparing, formatting or
** converting a value never depends on the road by which it was computed.
**
** Memory.  Big values live in fixed-size chunks of mpq_t owned by the
** context; an rb_num only points at one.  Values therefore copy freely as
** plain structs, and rb_numctx_reset() clears every big value at once (the
** chunks are kept for the next run, as rb_arena does with its blocks).
** Functions that only read values (cmp, format, round's decision...) need
** no context: they open a temporary GMP view of a small value on the stack.
** A context may be NULL when the caller knows results stay small; a result
** that would need to be big then fails like an allocation failure.
**
** Failure.  Division by zero, unreadable literals, absurd exponents and
** malloc failures return false and leave *out untouched.  GMP itself aborts
** the process when it cannot allocate limbs (its default allocator, which
** we do not replace because mp_set_memory_functions is global state).
**
** Nothing here is global or static mutable data, so independent contexts
** may be used from many threads at once.
*/
#include "base/num.h"

#include <gmp.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* Powers of ten that fit in an int64: 10^0 .. 10^18.  Rounding places are
** limited to ±18 (RB_MAX_PLACES in program.h) for exactly this reason. */
const int64_t rb_num_pow10[19] = {
  1, 10, 100, 1000,
  10000, 100000, 1000000, 10000000,
  100000000, 1000000000, 10000000000, 100000000000,
  1000000000000, 10000000000000, 100000000000000, 1000000000000000,
  10000000000000000, 100000000000000000, 1000000000000000000,
};
enum { POW10_MAX = 18 };

/* The largest exponent accepted by rb_num_parse ("1e4096") and by
** rb_num_scale10, and the most places the formatters print.  No report
** figure comes near it; without a limit a literal like "1e999999999" would
** ask GMP for hundreds of megabytes. */
enum { NUM_EXP_LIMIT = 4096 };

/* RB_NUM_MAX_DIGITS decimal digits in bits: ⌈4000 × log2 10⌉. */
enum { NUM_MAX_BITS = 13288 };

/* ---- Rounding mode names ------------------------------------------------ */

static const char *const round_mode_names[] = {
#define X(name, text) text,
  RB_ROUND_MODES(X)
#undef X
};

const char *rb_round_mode_name(rb_round_mode mode) {
  if ((unsigned)mode >= RB_ROUND_MODE_COUNT) return NULL;
  return round_mode_names[mode];
}

bool rb_round_mode_from_name(const char *name, size_t len, rb_round_mode *out) {
  for (unsigned i = 0; i < RB_ROUND_MODE_COUNT; i++) {
    const char *candidate = round_mode_names[i];
    if (strlen(candidate) == len && memcmp(candidate, name, len) == 0) {
      *out = (rb_round_mode)i;
      return true;
    }
  }
  return false;
}

/* ---- The context: owner of big values ----------------------------------- */

enum { NUMCTX_CHUNK = 64 }; /* mpq_t slots per chunk */

typedef struct num_chunk {
  struct num_chunk *next;
  size_t used; /* slots [0, used) hold initialised mpq_t */
  mpq_t items[NUMCTX_CHUNK];
} num_chunk;

struct rb_numctx {
  num_chunk *live;  /* chunks holding values made since the last reset */
  num_chunk *spare; /* emptied chunks kept for reuse */
  size_t bytes;     /* limbs held by the live big values, about */
  rb_num_error error; /* why the last operation failed */
};

/* An empty context allocates nothing until the first big value. */
rb_numctx *rb_numctx_new(void) {
  rb_numctx *cx = malloc(sizeof *cx);
  if (!cx) return NULL;
  cx->live = NULL;
  cx->spare = NULL;
  cx->bytes = 0;
  cx->error = RB_NUM_OK;
  return cx;
}

/* Clear every big value (freeing its limbs) and keep the chunks as spares. */
void rb_numctx_reset(rb_numctx *cx) {
  if (!cx) return;
  cx->bytes = 0;
  cx->error = RB_NUM_OK;
  while (cx->live) {
    num_chunk *c = cx->live;
    cx->live = c->next;
    for (size_t i = 0; i < c->used; i++) mpq_clear(c->items[i]);
    c->used = 0;
    c->next = cx->spare;
    cx->spare = c;
  }
}

rb_num_error rb_numctx_error(const rb_numctx *cx) { return cx ? cx->error : RB_NUM_NOMEM; }

/* Fail an operation on cx for the given reason (always false). */
static bool num_fail(rb_numctx *cx, rb_num_error why) {
  if (cx) cx->error = why;
  return false;
}

void rb_numctx_free(rb_numctx *cx) {
  if (!cx) return;
  rb_numctx_reset(cx);
  while (cx->spare) {
    num_chunk *c = cx->spare;
    cx->spare = c->next;
    free(c);
  }
  free(cx);
}

/* A fresh, initialised mpq_t owned by cx, or NULL when cx is NULL or out of
** memory. */
static mpq_ptr numctx_slot(rb_numctx *cx) {
  if (!cx) return NULL;
  num_chunk *c = cx->live;
  if (!c || c->used == NUMCTX_CHUNK) {
    if (cx->spare) {
      c = cx->spare;
      cx->spare = c->next;
    } else {
      c = malloc(sizeof *c);
      if (!c) return NULL;
    }
    c->used = 0;
    c->next = cx->live;
    cx->live = c;
  }
  mpq_ptr q = c->items[c->used++];
  mpq_init(q);
  return q;
}

/* ---- Small helpers: int64/int128 <-> GMP, gcd --------------------------- */

static rb_num num_small(int64_t n, int64_t d) {
  rb_num r = {.n = n, .d = d};
  return r;
}

rb_num rb_num_int(int64_t v) { return num_small(v, 1); }


/* The decimal v / 10^s (0 <= s <= 18) in its canonical form: trailing zeros
** of v dropped while there are places left, so that the scale is the
** fewest decimals that write the value ("0.40" is 4/10, "2.00" is 2/1). */
static rb_num num_decimal64(int64_t v, int s) {
  if (v == 0) return num_small(0, 1);
  while (s > 0 && v % 10 == 0) {
    v /= 10;
    s--;
  }
  return num_small(v, rb_num_pow10[s]);
}

/* The mpq_t of a big value, NULL for a small one (num.h: a big value has
** denominator 0 and the mpq_t's address in place of its numerator). */
static inline mpq_ptr num_big(rb_num a) { return rb_num_is_big(a) ? (mpq_ptr)(intptr_t)a.n : NULL; }

/* The magnitude of v as an unsigned 128-bit integer (works for the most
** negative value too, where -v would overflow). */
static u128 abs_i128(i128 v) { return v < 0 ? (u128)0 - (u128)v : (u128)v; }

/* z := v, for any int128 (mpz has no int64 setter that is portable to
** platforms where long is 32 bits, so go through mpz_import). */
static void mpz_set_i128(mpz_ptr z, i128 v) {
  u128 mag = abs_i128(v);
  uint64_t words[2] = {(uint64_t)mag, (uint64_t)(mag >> 64)};
  mpz_import(z, 2, -1, sizeof words[0], 0, 0, words);
  if (v < 0) mpz_neg(z, z);
}

/* *out := z if z fits in an int64; otherwise false. */
static bool mpz_get_i64(mpz_srcptr z, int64_t *out) {
  if (mpz_sizeinbase(z, 2) > 64) return false;
  uint64_t mag = 0;
  mpz_export(&mag, NULL, -1, sizeof mag, 0, 0, z);
  if (mpz_sgn(z) < 0) {
    if (mag > (uint64_t)INT64_MAX + 1) return false;
    *out = mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag;
  } else {
    if (mag > (uint64_t)INT64_MAX) return false;
    *out = (int64_t)mag;
  }
  return true;
}

/* Greatest common divisor by Stein's binary algorithm: strip the common
** factors of two (remembered in `shift`), then repeatedly replace the pair
** by the smaller number and the odd part of their difference.  It needs
** only shifts and subtractions, which matters on 128 bits where division
** is a slow library call; on 64 bits the loop is written so that its only
** branch is the loop's own (the minimum and the absolute difference are
** conditional moves), because the data-dependent branches of the textbook
** form mispredicted on almost every step.  gcd(0, b) is b. */
static uint64_t gcd_u64(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  /* One Euclid step first: a numerator against a small denominator (a
  ** decimal's 100, a share's 11) is then two small numbers. */
  if ((a | b) <= UINT32_MAX) {
    /* 32-bit division is several times faster than 64-bit on common x86. */
    uint32_t x = (uint32_t)a, y = (uint32_t)b;
    if (x > y) x %= y;
    else y %= x;
    a = x;
    b = y;
  } else if (a > b) {
    a %= b;
  } else {
    b %= a;
  }
  if (a == 0) return b;
  if (b == 0) return a;
  int za = __builtin_ctzll(a), zb = __builtin_ctzll(b);
  int shift = za < zb ? za : zb;
  b >>= zb; /* b stays odd from here on */
  while (a != 0) {
    a >>= za;              /* both odd: their difference is even */
    uint64_t diff = b - a; /* modulo 2^64: ±|a − b|, whose trailing zeros are those of |a − b| */
    za = __builtin_ctzll(diff | UINT64_C(1) << 63); /* never ctz(0); when diff is 0 the loop ends */
    uint64_t m = a < b ? a : b;
    a = a > b ? a - b : diff;
    b = m;
  }
  return b << shift;
}

/* Trailing zero bits of a nonzero 128-bit value. */
static int ctz_u128(u128 v) {
  uint64_t low = (uint64_t)v;
  return low ? __builtin_ctzll(low) : 64 + __builtin_ctzll((uint64_t)(v >> 64));
}

/* Binary gcd on 128 bits, dropping to 64 bits as soon as both fit. */
static u128 gcd_u128(u128 a, u128 b) {
  if (a == 0) return b;
  if (b == 0) return a;
  int shift = ctz_u128(a | b);
  a >>= ctz_u128(a);
  do {
    b >>= ctz_u128(b);
    if ((a >> 64) == 0 && (b >> 64) == 0) return (u128)gcd_u64((uint64_t)a, (uint64_t)b) << shift;
    if (a > b) {
      u128 t = a;
      a = b;
      b = t;
    }
    b -= a;
  } while (b != 0);
  return a << shift;
}

/* ---- The doors every result goes through --------------------------------- */

/* Powers of five that fit in an int64 with a power of two beside them:
** 5^j × 2^i ≤ 10^18 for i, j ≤ 18. */
static const int64_t pow5_i64[19] = {
  1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125, 244140625, 1220703125,
  6103515625, 30517578125, 152587890625, 762939453125, 3814697265625,
};

/* The canonical small form of the reduced fraction n/d (d > 0): the decimal
** c / 10^s when the value has a finite expansion of at most 18 places and c
** fits (d = 2^i × 5^j, s = max(i, j), c = n × 2^(s−i) × 5^(s−j)), else n/d
** itself.  That c is never a multiple of ten unless s is 0 (n shares no
** factor with d), so the scale is already the fewest places. */
static rb_num num_canonical(int64_t n, int64_t d) {
  if (d == 1) return num_small(n, 1);
  int twos = __builtin_ctzll((uint64_t)d);
  if (twos > POW10_MAX) return num_small(n, d);
  uint64_t rest = (uint64_t)d >> twos;
  int fives = 0;
  while (rest % 5 == 0) {
    rest /= 5;
    fives++;
  }
  int s = twos > fives ? twos : fives;
  if (rest != 1 || s > POW10_MAX) return num_small(n, d);
  int64_t c;
  if (__builtin_mul_overflow(n, pow5_i64[s - fives] << (s - twos), &c)) return num_small(n, d);
  return num_small(c, rb_num_pow10[s]);
}

/* Store the canonical rational r as a value: small if it fits, else as a
** big value owned by cx.  Takes ownership of r (it is cleared either way).
** False, with *out untouched, when a big slot cannot be had. */
static bool num_take_mpq(rb_numctx *cx, mpq_ptr r, rb_num *out) {
  int64_t n, d;
  if (mpz_get_i64(mpq_numref(r), &n) && mpz_get_i64(mpq_denref(r), &d)) {
    mpq_clear(r);
    *out = num_canonical(n, d);
    return true;
  }
  /* The bounds of num.h.  Operands within them make results of at most
  ** twice their size, so checking here, after the operation, is enough. */
  if (mpz_sizeinbase(mpq_numref(r), 2) > NUM_MAX_BITS || mpz_sizeinbase(mpq_denref(r), 2) > NUM_MAX_BITS) {
    mpq_clear(r);
    return num_fail(cx, RB_NUM_TOO_LARGE);
  }
  size_t bytes = (mpz_size(mpq_numref(r)) + mpz_size(mpq_denref(r))) * sizeof(mp_limb_t);
  if (cx && cx->bytes + bytes > RB_NUM_MAX_BYTES) {
    mpq_clear(r);
    return num_fail(cx, RB_NUM_TOO_MUCH);
  }
  mpq_ptr slot = numctx_slot(cx);
  if (!slot) {
    mpq_clear(r);
    return num_fail(cx, RB_NUM_NOMEM);
  }
  if (cx) cx->bytes += bytes;
  mpq_swap(slot, r);
  mpq_clear(r);
  out->n = (int64_t)(intptr_t)slot;
  out->d = 0;
  return true;
}

/* Store n/d (d != 0, either sign, not necessarily reduced) as a value.
** Both magnitudes must be below 2^127, which every caller guarantees by
** building them from at most two int64 factors.  This is the general door:
** normalise the sign onto the numerator; a power of ten below goes to the
** decimal form with no gcd at all; anything else is divided by the gcd and
** given its canonical small form, and only if the reduced pair still does
** not fit is a GMP rational built (already canonical, so no
** mpq_canonicalize is needed). */
static bool num_from_i128(rb_numctx *cx, i128 n, i128 d, rb_num *out) {
  if (d < 0) {
    n = -n;
    d = -d;
  }
  if (n > INT64_MIN && n <= INT64_MAX && d <= INT64_MAX) {
    /* Both halves fit in 64 bits (nearly always): 64-bit gcd and division,
    ** several times faster than their 128-bit library calls. */
    int64_t n64 = (int64_t)n, d64 = (int64_t)d;
    int s = rb_num_dec_scale(d64);
    if (s >= 0) {
      *out = num_decimal64(n64, s);
      return true;
    }
    uint64_t g = gcd_u64((uint64_t)(n64 < 0 ? -n64 : n64), (uint64_t)d64);
    if (g > 1) {
      if (n64 >= -(int64_t)UINT32_MAX && n64 <= (int64_t)UINT32_MAX && d64 <= (int64_t)UINT32_MAX) {
        /* 32-bit division, as in gcd_u64. */
        uint32_t m = (uint32_t)(n64 < 0 ? -n64 : n64) / (uint32_t)g;
        n64 = n64 < 0 ? -(int64_t)m : (int64_t)m;
        d64 = (uint32_t)d64 / (uint32_t)g;
      } else {
        n64 /= (int64_t)g;
        d64 /= (int64_t)g;
      }
    }
    *out = num_canonical(n64, d64);
    return true;
  }
  u128 g = gcd_u128(abs_i128(n), (u128)d);
  if (g > 1) {
    n /= (i128)g;
    d /= (i128)g;
  }
  if (n >= INT64_MIN && n <= INT64_MAX && d <= INT64_MAX) {
    *out = num_canonical((int64_t)n, (int64_t)d);
    return true;
  }
  mpq_t r;
  mpq_init(r);
  mpz_set_i128(mpq_numref(r), n);
  mpz_set_i128(mpq_denref(r), d);
  return num_take_mpq(cx, r, out);
}

/* The door for decimals: q / 10^places, 0 ≤ places ≤ 18, as read from a
** figure or left by rounding or by arithmetic on decimals.  When q fits in
** an int64 the value keeps its decimal form and only trailing zeros are
** dropped (num_decimal64): no gcd.  Otherwise the general door decides. */
static bool num_from_decimal(rb_numctx *cx, i128 q, int places, rb_num *out) {
  if (q < INT64_MIN || q > INT64_MAX) return num_from_i128(cx, q, rb_num_pow10[places], out);
  *out = num_decimal64((int64_t)q, places);
  return true;
}

bool rb_num_decimal(rb_numctx *cx, int64_t v, int places, rb_num *out) {
  if (places < 0 || places > POW10_MAX) return false;
  return num_from_decimal(cx, v, places, out);
}

/* A read-only GMP view of any value: big values are used in place, small
** ones are copied into a temporary that view_close releases. */
typedef struct num_view {
  mpq_t tmp;
  mpq_srcptr q;
} num_view;

static void view_open(num_view *v, rb_num a) {
  if (num_big(a)) {
    v->q = num_big(a);
    return;
  }
  mpq_init(v->tmp);
  mpz_set_i128(mpq_numref(v->tmp), a.n);
  mpz_set_i128(mpq_denref(v->tmp), a.d);
  /* GMP wants its rationals reduced; a decimal c / 10^s may not be. */
  if (a.d != 1 && rb_num_dec_scale(a.d) > 0) mpq_canonicalize(v->tmp);
  v->q = v->tmp;
}

static void view_close(num_view *v) {
  if (v->q == v->tmp) mpq_clear(v->tmp);
}

/* mpq_add, mpq_sub, mpq_mul and mpq_div all have this shape. */
typedef void (*mpq_binop)(mpq_ptr, mpq_srcptr, mpq_srcptr);

/* The big path of the four operations: run op in GMP and store the result. */
static bool num_big_binop(rb_numctx *cx, mpq_binop op, rb_num a, rb_num b, rb_num *out) {
  num_view va, vb;
  view_open(&va, a);
  view_open(&vb, b);
  mpq_t r;
  mpq_init(r);
  op(r, va.q, vb.q);
  view_close(&va);
  view_close(&vb);
  return num_take_mpq(cx, r, out);
}

/* r := r × 10^exp and canonicalise, then store it (takes ownership). */
static bool num_take_scaled(rb_numctx *cx, mpq_ptr r, int64_t exp, rb_num *out) {
  if (exp != 0) {
    mpz_t p;
    mpz_init(p);
    mpz_ui_pow_ui(p, 10, (unsigned long)(exp < 0 ? -exp : exp));
    if (exp > 0)
      mpz_mul(mpq_numref(r), mpq_numref(r), p);
    else
      mpz_mul(mpq_denref(r), mpq_denref(r), p);
    mpz_clear(p);
    mpq_canonicalize(r);
  }
  return num_take_mpq(cx, r, out);
}

/* ---- Construction and parsing ------------------------------------------- */

/* n/d for any int64 pair: int128 absorbs the sign change of INT64_MIN. */
bool rb_num_frac(rb_numctx *cx, int64_t n, int64_t d, rb_num *out) {
  if (d == 0) return false;
  return num_from_i128(cx, n, d, out);
}

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Grammar, with no spaces anywhere:
**
**   literal  = [ "+" | "-" ] digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]
**   digits   = ( "0" .. "9" ) { "0" .. "9" }
**
** So "12", "-12.50", "+3", "007", "1e2", "1.5E-3" are literals and "", "-",
** "1.", ".5", "1e", "1e+", "abc", "1,000", " 1" are not: a point needs
** digits on both sides, which keeps the notation scanner's job (deciding
** where a number ends in "1.93亿元") unambiguous.
**
** The value is the digit string read as an integer times 10^(exponent −
** digits after the point).  Up to 18 significant digits the integer fits in
** an int64 and the result is computed on the fast path; longer strings are
** accumulated into an mpz nine digits at a time. */
bool rb_num_parse(rb_numctx *cx, const char *text, size_t len, rb_num *out) {
  size_t i = 0;
  bool negative = false;
  if (i < len && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';

  size_t int_start = i;
  while (i < len && is_digit(text[i])) i++;
  size_t int_end = i;
  if (int_end == int_start) return false;

  size_t frac_start = i, frac_end = i;
  if (i < len && text[i] == '.') {
    frac_start = ++i;
    while (i < len && is_digit(text[i])) i++;
    frac_end = i;
    if (frac_end == frac_start) return false;
  }

  int64_t exponent = 0;
  if (i < len && (text[i] == 'e' || text[i] == 'E')) {
    i++;
    bool exp_negative = false;
    if (i < len && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    size_t exp_start = i;
    while (i < len && is_digit(text[i])) {
      if (exponent <= NUM_EXP_LIMIT) exponent = exponent * 10 + (text[i] - '0');
      i++;
    }
    if (i == exp_start || exponent > NUM_EXP_LIMIT) return false;
    if (exp_negative) exponent = -exponent;
  }
  if (i != len) return false;

  /* The mantissa's digits, integer part then fraction, as one integer. */
  const size_t part_start[2] = {int_start, frac_start};
  const size_t part_end[2] = {int_end, frac_end};
  int64_t scale = exponent - (int64_t)(frac_end - frac_start);

  uint64_t small = 0;
  size_t significant = 0; /* digits after leading zeros */
  for (int part = 0; part < 2; part++) {
    for (size_t k = part_start[part]; k < part_end[part]; k++) {
      if (significant == 0 && text[k] == '0') continue;
      if (++significant <= POW10_MAX) small = small * 10 + (uint64_t)(text[k] - '0');
    }
  }

  /* A literal longer than a number may be is refused before any work (its
  ** conversion would be quadratic in its length). */
  if (significant > RB_NUM_MAX_DIGITS) return num_fail(cx, RB_NUM_TOO_LARGE);
  if (significant <= POW10_MAX) {
    /* small < 10^18 < 2^63: the fast path whenever the scale is too. */
    int64_t v = negative ? -(int64_t)small : (int64_t)small;
    if (scale >= 0 && scale <= POW10_MAX) return num_from_i128(cx, (i128)v * rb_num_pow10[scale], 1, out);
    if (scale < 0 && scale >= -POW10_MAX) return num_from_decimal(cx, v, (int)-scale, out);
  }

  /* Big path: accumulate the digits nine at a time (10^9 fits in an
  ** unsigned long everywhere). */
  mpq_t r;
  mpq_init(r);
  mpz_ptr z = mpq_numref(r);
  unsigned long chunk = 0, chunk_scale = 1;
  for (int part = 0; part < 2; part++) {
    for (size_t k = part_start[part]; k < part_end[part]; k++) {
      chunk = chunk * 10 + (unsigned long)(text[k] - '0');
      chunk_scale *= 10;
      if (chunk_scale == 1000000000UL) {
        mpz_mul_ui(z, z, chunk_scale);
        mpz_add_ui(z, z, chunk);
        chunk = 0;
        chunk_scale = 1;
      }
    }
  }
  mpz_mul_ui(z, z, chunk_scale);
  mpz_add_ui(z, z, chunk);
  if (negative) mpz_neg(z, z);
  return num_take_scaled(cx, r, scale, out);
}

/* ---- Arithmetic ---------------------------------------------------------- */

/* Each operation has the same shape: if both operands are small, compute
** the exact result as an unreduced int128 fraction and hand it to
** num_from_i128; otherwise run the GMP version on views of the operands.
**
**   a/b + c/d = (a·d + c·b) / (b·d)      a/b × c/d = (a·c) / (b·d)
**   a/b − c/d = (a·d − c·b) / (b·d)      a/b ÷ c/d = (a·d) / (b·c)
**
** Every product has two int64 factors, so its magnitude is at most
** 2^63 × 2^63 = 2^126, and a sum or difference of two such products stays
** below 2^127: the int128 arithmetic cannot overflow, and no overflow check
** is needed until the result is narrowed back to int64.
**
** Decimals, the commonest case of all (counts, whole points, 3.64, 97.49),
** stay decimals without any gcd: two values c / 10^s and e / 10^t add at
** the larger scale, (c·10^(u−s) + e·10^(u−t)) / 10^u, and multiply at the
** sum of the scales, and num_from_decimal only drops trailing zeros. */

/* a ± b for two decimals of scales sa and sb: aligned on the larger scale
** in int128 (each term is an int64 times at most 10^18), so exact. */
static bool num_add_decimal(rb_numctx *cx, rb_num a, int sa, rb_num b, int sb, bool subtract, rb_num *out) {
  if (sa == sb) {
    int64_t r;
    if (!(subtract ? __builtin_sub_overflow(a.n, b.n, &r) : __builtin_add_overflow(a.n, b.n, &r))) {
      *out = num_decimal64(r, sa);
      return true;
    }
  }
  int u = sa > sb ? sa : sb;
  i128 x = (i128)a.n * rb_num_pow10[u - sa], y = (i128)b.n * rb_num_pow10[u - sb];
  return num_from_decimal(cx, subtract ? x - y : x + y, u, out);
}

bool rb_num_add(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  if (!num_big(a) && !num_big(b)) {
    int sa = rb_num_dec_scale(a.d), sb = rb_num_dec_scale(b.d);
    if (sa >= 0 && sb >= 0) return num_add_decimal(cx, a, sa, b, sb, false, out);
    return num_from_i128(cx, (i128)a.n * b.d + (i128)b.n * a.d, (i128)a.d * b.d, out);
  }
  return num_big_binop(cx, mpq_add, a, b, out);
}

bool rb_num_sub(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  if (!num_big(a) && !num_big(b)) {
    int sa = rb_num_dec_scale(a.d), sb = rb_num_dec_scale(b.d);
    if (sa >= 0 && sb >= 0) return num_add_decimal(cx, a, sa, b, sb, true, out);
    return num_from_i128(cx, (i128)a.n * b.d - (i128)b.n * a.d, (i128)a.d * b.d, out);
  }
  return num_big_binop(cx, mpq_sub, a, b, out);
}

bool rb_num_mul(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  if (!num_big(a) && !num_big(b)) {
    int sa = rb_num_dec_scale(a.d), sb = rb_num_dec_scale(b.d);
    if (sa >= 0 && sb >= 0 && sa + sb <= POW10_MAX) return num_from_decimal(cx, (i128)a.n * b.n, sa + sb, out);
    return num_from_i128(cx, (i128)a.n * b.n, (i128)a.d * b.d, out);
  }
  return num_big_binop(cx, mpq_mul, a, b, out);
}

bool rb_num_div(rb_numctx *cx, rb_num a, rb_num b, rb_num *out) {
  if (rb_num_is_zero(b)) return false;
  if (!num_big(a) && !num_big(b)) return num_from_i128(cx, (i128)a.n * b.d, (i128)a.d * b.n, out);
  return num_big_binop(cx, mpq_div, a, b, out);
}

/* −a.  The one small value whose negation does not fit is INT64_MIN/d,
** which becomes the big value 2^63/d; conversely the big value 2^63
** negated comes back as the small INT64_MIN. */
bool rb_num_neg(rb_numctx *cx, rb_num a, rb_num *out) {
  if (!num_big(a)) {
    if (a.n != INT64_MIN) {
      *out = num_small(-a.n, a.d);
      return true;
    }
    return num_from_i128(cx, -(i128)a.n, a.d, out);
  }
  mpq_t r;
  mpq_init(r);
  mpq_neg(r, num_big(a));
  return num_take_mpq(cx, r, out);
}

bool rb_num_abs(rb_numctx *cx, rb_num a, rb_num *out) {
  if (rb_num_sign(a) >= 0) {
    *out = a;
    return true;
  }
  return rb_num_neg(cx, a, out);
}

/* a × 10^exp: multiply the numerator or the denominator by a power of ten.
** Up to 10^18 the power is an int64 and the fast path applies; beyond, or
** for a big a, GMP builds the power.  |exp| is limited to NUM_EXP_LIMIT. */
bool rb_num_scale10(rb_numctx *cx, rb_num a, int exp, rb_num *out) {
  if (exp < -NUM_EXP_LIMIT || exp > NUM_EXP_LIMIT) return false;
  if (exp == 0) {
    *out = a;
    return true;
  }
  if (!num_big(a) && exp >= -POW10_MAX && exp <= POW10_MAX) {
    int s = rb_num_dec_scale(a.d);
    if (s >= 0 && s - exp <= POW10_MAX) {
      /* A decimal moves its point: c / 10^(s − exp), or an integer. */
      if (s - exp >= 0) return num_from_decimal(cx, a.n, s - exp, out);
      return num_from_decimal(cx, (i128)a.n * rb_num_pow10[exp - s], 0, out);
    }
    if (exp > 0) return num_from_i128(cx, (i128)a.n * rb_num_pow10[exp], a.d, out);
    return num_from_i128(cx, a.n, (i128)a.d * rb_num_pow10[-exp], out);
  }
  num_view va;
  view_open(&va, a);
  mpq_t r;
  mpq_init(r);
  mpq_set(r, va.q);
  view_close(&va);
  return num_take_scaled(cx, r, exp, out);
}

/* ---- Comparison and predicates ------------------------------------------ */

/* a/b against c/d with b, d > 0 is a·d against c·b: two int128 products,
** or just a against c when the denominators agree (the common case of two
** figures with the same number of decimals).  Big operands go to mpq_cmp,
** whose result is folded to -1, 0 or 1. */
int rb_num_cmp(rb_num a, rb_num b) {
  if (!num_big(a) && !num_big(b)) {
    if (a.d == b.d) return (a.n > b.n) - (a.n < b.n);
    i128 left = (i128)a.n * b.d, right = (i128)b.n * a.d;
    return (left > right) - (left < right);
  }
  num_view va, vb;
  view_open(&va, a);
  view_open(&vb, b);
  int c = mpq_cmp(va.q, vb.q);
  view_close(&va);
  view_close(&vb);
  return (c > 0) - (c < 0);
}

int rb_num_sign(rb_num a) {
  if (num_big(a)) return mpq_sgn(num_big(a));
  return (a.n > 0) - (a.n < 0);
}

/* Zero always fits, so a big value is never zero. */
bool rb_num_is_zero(rb_num a) { return a.n == 0; }

/* A big value can be an integer (2^124); its denominator is then 1. */
bool rb_num_is_integer(rb_num a) {
  if (num_big(a)) return mpz_cmp_ui(mpq_denref(num_big(a)), 1) == 0;
  return a.d == 1;
}

bool rb_num_to_int64(rb_num a, int64_t *out) {
  if (num_big(a)) {
    /* By the invariant a big integer never fits; checked anyway. */
    mpq_srcptr q = num_big(a);
    return mpz_cmp_ui(mpq_denref(q), 1) == 0 && mpz_get_i64(mpq_numref(q), out);
  }
  if (a.d != 1) return false;
  *out = a.n;
  return true;
}

/* How many digits after the point the exact decimal expansion of a needs,
** or -1 when it has none (the reduced denominator has a prime factor other
** than 2 and 5).  n/d with d = 2^i × 5^j needs max(i, j) digits: it is then
** n × 10^max(i,j) / d, an integer, and no smaller power of ten works. */
static long num_decimal_digits(rb_num a) {
  if (!num_big(a)) {
    int s = rb_num_dec_scale(a.d);
    if (s >= 0) return s; /* the decimal form has the fewest places */
    uint64_t d = (uint64_t)a.d;
    long twos = __builtin_ctzll(d), fives = 0;
    d >>= twos;
    while (d % 5 == 0) {
      d /= 5;
      fives++;
    }
    if (d != 1) return -1;
    return twos > fives ? twos : fives;
  }
  mpz_t d, five;
  mpz_init_set(d, mpq_denref(num_big(a)));
  mpz_init_set_ui(five, 5);
  long twos = (long)mpz_scan1(d, 0);
  mpz_tdiv_q_2exp(d, d, (mp_bitcnt_t)twos);
  long fives = (long)mpz_remove(d, d, five);
  bool decimal = mpz_cmp_ui(d, 1) == 0;
  mpz_clear(d);
  mpz_clear(five);
  if (!decimal) return -1;
  return twos > fives ? twos : fives;
}

bool rb_num_is_decimal(rb_num a, int places) {
  long digits = num_decimal_digits(a);
  if (digits < 0) return false;
  return places < 0 || digits <= places;
}

/* ---- Rounding ------------------------------------------------------------ */

/* Whether rounding the quotient x / y to an integer moves the truncated
** quotient one step away from zero.  Called only when the division is
** inexact.  sign is the sign of x / y; half compares twice the remainder's
** magnitude with y (negative: below half, 0: exactly half, positive:
** above); odd says whether the truncated quotient is odd. */
static bool round_away(rb_round_mode mode, int sign, int half, bool odd) {
  switch (mode) {
  case RB_ROUND_HALF_UP: return half >= 0;
  case RB_ROUND_HALF_EVEN: return half > 0 || (half == 0 && odd);
  case RB_ROUND_DOWN: return false;
  case RB_ROUND_UP: return true;
  case RB_ROUND_FLOOR: return sign < 0;
  case RB_ROUND_CEIL: return sign > 0;
  case RB_ROUND_MODE_COUNT: break;
  }
  return false;
}

/* x / y (y > 0) rounded to an integer with mode, on 128 bits.  C division
** truncates toward zero and the remainder takes the sign of x; the
** truncated quotient is then moved away from zero if the mode says so. */
static i128 round_div_i128(i128 x, i128 y, rb_round_mode mode) {
  i128 q, r;
  if (x >= INT64_MIN && x <= INT64_MAX && y <= INT64_MAX) {
    /* y > 0 here: one 64-bit division instead of two 128-bit library calls. */
    int64_t x64 = (int64_t)x, y64 = (int64_t)y;
    q = x64 / y64;
    r = x64 % y64;
  } else {
    q = x / y;
    r = x % y;
  }
  if (r == 0) return q;
  int sign = x < 0 ? -1 : 1;
  u128 twice = abs_i128(r) * 2; /* |r| < y < 2^127: no overflow */
  int half = (twice > (u128)y) - (twice < (u128)y);
  return round_away(mode, sign, half, q % 2 != 0) ? q + sign : q;
}

/* The same on GMP integers: q := x / y (y > 0) rounded with mode. */
static void round_div_mpz(mpz_ptr q, mpz_srcptr x, mpz_srcptr y, rb_round_mode mode) {
  mpz_t r;
  mpz_init(r);
  mpz_tdiv_qr(q, r, x, y);
  if (mpz_sgn(r) != 0) {
    int sign = mpz_sgn(x);
    mpz_abs(r, r);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, y);
    if (round_away(mode, sign, (c > 0) - (c < 0), mpz_odd_p(q))) {
      if (sign > 0)
        mpz_add_ui(q, q, 1);
      else
        mpz_sub_ui(q, q, 1);
    }
  }
  mpz_clear(r);
}

/* round(a, p) is round_div(a × 10^p) / 10^p.  For p ≥ 0 that is
** round_div(n × 10^p, d) / 10^p; for p < 0 it is round_div(n, d × 10^-p) ×
** 10^-p.  With |p| ≤ 18 every intermediate on the fast path has at most
** 63 + 60 bits, so int128 suffices. */
bool rb_num_round(rb_numctx *cx, rb_num a, int places, rb_round_mode mode, rb_num *out) {
  if (places < -POW10_MAX || places > POW10_MAX) return false;
  if ((unsigned)mode >= RB_ROUND_MODE_COUNT) return false;
  if (!num_big(a)) {
    int s = rb_num_dec_scale(a.d);
    if (s >= 0 && places >= 0) {
      /* A decimal with no more places is its own rounding; one with more
      ** divides its coefficient by a power of ten. */
      if (s <= places) {
        *out = a;
        return true;
      }
      return num_from_decimal(cx, round_div_i128(a.n, rb_num_pow10[s - places], mode), places, out);
    }
    if (places >= 0) {
      i128 q = round_div_i128((i128)a.n * rb_num_pow10[places], a.d, mode);
      return num_from_decimal(cx, q, places, out);
    }
    i128 q = round_div_i128(a.n, (i128)a.d * rb_num_pow10[-places], mode);
    return num_from_i128(cx, q * rb_num_pow10[-places], 1, out);
  }
  mpq_srcptr q = num_big(a);
  mpz_t x, y, p;
  mpz_inits(x, y, p, NULL);
  mpz_ui_pow_ui(p, 10, (unsigned long)(places < 0 ? -places : places));
  if (places >= 0) {
    mpz_mul(x, mpq_numref(q), p);
    mpz_set(y, mpq_denref(q));
  } else {
    mpz_set(x, mpq_numref(q));
    mpz_mul(y, mpq_denref(q), p);
  }
  mpq_t r;
  mpq_init(r);
  round_div_mpz(mpq_numref(r), x, y, mode);
  if (places >= 0)
    mpz_set(mpq_denref(r), p);
  else
    mpz_mul(mpq_numref(r), mpq_numref(r), p);
  mpq_canonicalize(r);
  mpz_clears(x, y, p, NULL);
  return num_take_mpq(cx, r, out);
}

/* ---- Formatting ---------------------------------------------------------- */

/* An snprintf-like output: writes what fits (always leaving room for the
** NUL) and counts everything, so the caller learns the length it needs. */
typedef struct text_sink {
  char *buf;
  size_t size;
  size_t len;
} text_sink;

static void sink_putc(text_sink *s, char c) {
  if (s->len + 1 < s->size) s->buf[s->len] = c;
  s->len++;
}

static void sink_puts(text_sink *s, const char *text, size_t len) {
  if (s->len < s->size) {
    size_t room = s->size - s->len;
    memcpy(s->buf + s->len, text, len < room ? len : room);
  }
  s->len += len;
}

static size_t sink_finish(text_sink *s) {
  if (s->size > 0) s->buf[s->len < s->size ? s->len : s->size - 1] = '\0';
  return s->len;
}

/* The decimal digits of a magnitude: in the local array when short, on the
** heap for long big values. */
typedef struct digit_buf {
  char local[64];
  char *heap;
  const char *chars;
  size_t len;
} digit_buf;

static void digits_of_u128(digit_buf *b, u128 v) {
  char *end = b->local + sizeof b->local, *p = end;
  /* Dividing a 128-bit value is a call into the compiler's runtime for every
  ** digit: only the digits above 64 bits take that route, the rest are
  ** divided in one machine word (a score needs no more). */
  while (v > UINT64_MAX) {
    *--p = (char)('0' + (int)(v % 10));
    v /= 10;
  }
  uint64_t w = (uint64_t)v;
  do {
    *--p = (char)('0' + (int)(w % 10));
    w /= 10;
  } while (w != 0);
  b->heap = NULL;
  b->chars = p;
  b->len = (size_t)(end - p);
}

/* The digits of |z|; false when out of memory. */
static bool digits_of_mpz(digit_buf *b, mpz_srcptr z) {
  size_t need = mpz_sizeinbase(z, 10) + 2; /* sign and NUL */
  char *p = b->local;
  b->heap = NULL;
  if (need > sizeof b->local) {
    p = b->heap = malloc(need);
    if (!p) return false;
  }
  mpz_get_str(p, 10, z);
  if (*p == '-') p++;
  b->chars = p;
  b->len = strlen(p);
  return true;
}

static void digits_free(digit_buf *b) { free(b->heap); }

/* The integer round_half_up(a × 10^places) as a sign and the digits of its
** magnitude.  When a has an exact expansion with at most `places` digits
** this is exact, which is how rb_num_format uses it. */
static bool num_scaled_digits(rb_num a, size_t places, bool *negative, digit_buf *digits) {
  if (!num_big(a) && places <= POW10_MAX) {
    int s = rb_num_dec_scale(a.d);
    i128 q = s >= 0 && (size_t)s <= places ? (i128)a.n * rb_num_pow10[places - (size_t)s]
                                           : round_div_i128((i128)a.n * rb_num_pow10[places], a.d, RB_ROUND_HALF_UP);
    *negative = q < 0;
    digits_of_u128(digits, abs_i128(q));
    return true;
  }
  num_view va;
  view_open(&va, a);
  mpz_t x, q;
  mpz_inits(x, q, NULL);
  mpz_ui_pow_ui(x, 10, (unsigned long)places);
  mpz_mul(x, x, mpq_numref(va.q));
  round_div_mpz(q, x, mpq_denref(va.q), RB_ROUND_HALF_UP);
  view_close(&va);
  *negative = mpz_sgn(q) < 0;
  bool ok = digits_of_mpz(digits, q);
  mpz_clears(x, q, NULL);
  return ok;
}

/* Print ±digits / 10^places: the magnitude's digits with a decimal point
** `places` from the right, padded with zeros ("5", 2 → "0.05").  The sign is
** printed only for a nonzero magnitude, so a value that rounds to zero
** prints "0.00" and never "-0.00". */
static void emit_scaled(text_sink *s, bool negative, const char *digits, size_t len, size_t places) {
  bool zero = len == 1 && digits[0] == '0';
  if (negative && !zero) sink_putc(s, '-');
  if (len > places)
    sink_puts(s, digits, len - places);
  else
    sink_putc(s, '0');
  if (places == 0) return;
  sink_putc(s, '.');
  for (size_t i = len; i < places; i++) sink_putc(s, '0');
  size_t frac_start = len > places ? len - places : 0;
  sink_puts(s, digits + frac_start, len - frac_start);
}

/* What is printed in the impossible case of running out of memory while
** formatting a huge value: the functions never fail. */
static const char format_oom[] = "?";

/* Exactly `places` digits (negative places count as 0, and more than
** NUM_EXP_LIMIT as that limit): print round_half_up(a × 10^places) with the
** point `places` digits from the right.  Rounding first and printing the
** integer afterwards is what makes "-0.001" print as "0.00": the rounded
** integer is 0, which has no sign. */
/* The common case of rb_num_format_fixed: a decimal c / 10^s with at most
** 18 places, printed with 18 or fewer, written into buf (size bytes, cut
** like snprintf) in one piece; *len is the text's whole length.  Its
** magnitude |c| fits in 64 bits: with s ≤ places the printed integer is |c|
** followed by places − s zeros, else |c| ÷ 10^(s − places) rounded half up
** (away from zero, on the magnitude).  False for anything else, which
** takes the general way. */
static bool format_fixed_decimal(rb_num a, size_t places, char *buf, size_t size, size_t *len) {
  int s = rb_num_dec_scale(a.d); /* -1 for a fraction and a big value */
  if (s < 0 || places > POW10_MAX) return false;
  uint64_t m = a.n < 0 ? 0 - (uint64_t)a.n : (uint64_t)a.n;
  size_t zeros = 0;
  if ((size_t)s > places) {
    uint64_t unit = (uint64_t)rb_num_pow10[(size_t)s - places], rest = m % unit;
    m /= unit;
    if (rest >= unit - rest) m++; /* rest ≥ unit / 2, exactly */
  } else {
    zeros = places - (size_t)s;
  }
  bool negative = a.n < 0 && m != 0; /* what rounds to zero has no sign */
  /* From the right: the zeros, the rest of the places from m's digits (0
  ** when they run out), the point, the whole part ("0" at least), the sign:
  ** at most 1 + 20 + 1 + 18 characters. */
  char text[48], *end = text + sizeof text, *p = end - zeros;
  memset(p, '0', zeros);
  for (size_t k = zeros; k < places; k++) {
    *--p = (char)('0' + (int)(m % 10));
    m /= 10;
  }
  if (places > 0) *--p = '.';
  do {
    *--p = (char)('0' + (int)(m % 10));
    m /= 10;
  } while (m != 0);
  if (negative) *--p = '-';
  size_t n = (size_t)(end - p);
  if (size > 0) {
    size_t copied = n < size - 1 ? n : size - 1;
    memcpy(buf, p, copied);
    buf[copied] = '\0';
  }
  *len = n;
  return true;
}

size_t rb_num_format_fixed(rb_num a, int places, char *buf, size_t size) {
  text_sink s = {buf, size, 0};
  size_t p = places <= 0 ? 0 : places > NUM_EXP_LIMIT ? NUM_EXP_LIMIT : (size_t)places;
  size_t len;
  if (format_fixed_decimal(a, p, buf, size, &len)) return len;
  bool negative;
  digit_buf digits;
  if (num_scaled_digits(a, p, &negative, &digits)) {
    emit_scaled(&s, negative, digits.chars, digits.len, p);
    digits_free(&digits);
  } else {
    sink_puts(&s, format_oom, sizeof format_oom - 1);
  }
  return sink_finish(&s);
}

/* The exact value: with the fewest decimals that represent it when it has a
** finite expansion (then it is format_fixed with exactly that many places,
** where no rounding happens), else as the reduced fraction "n/d". */
size_t rb_num_format(rb_num a, char *buf, size_t size) {
  long k = num_decimal_digits(a);
  if (k >= 0) return rb_num_format_fixed(a, (int)k, buf, size);

  /* No finite expansion: the reduced fraction, sign on the numerator. */
  text_sink s = {buf, size, 0};
  digit_buf num, den;
  if (!num_big(a)) {
    digits_of_u128(&num, abs_i128(a.n));
    digits_of_u128(&den, (u128)a.d);
  } else {
    mpq_srcptr q = num_big(a);
    if (!digits_of_mpz(&num, mpq_numref(q))) {
      sink_puts(&s, format_oom, sizeof format_oom - 1);
      return sink_finish(&s);
    }
    if (!digits_of_mpz(&den, mpq_denref(q))) {
      digits_free(&num);
      sink_puts(&s, format_oom, sizeof format_oom - 1);
      return sink_finish(&s);
    }
  }
  if (rb_num_sign(a) < 0) sink_putc(&s, '-');
  sink_puts(&s, num.chars, num.len);
  sink_putc(&s, '/');
  sink_puts(&s, den.chars, den.len);
  digits_free(&num);
  digits_free(&den);
  return sink_finish(&s);
}

/* Exact when the value has at most `places` decimals, else rounded half up
** to `places` and trimmed of trailing zeros (1.29999 at 2 places → "1.3";
** anything that rounds to zero → "0").  Negative places count as 0. */
size_t rb_num_format_sig(rb_num a, int places, char *buf, size_t size) {
  size_t p = places <= 0 ? 0 : places > NUM_EXP_LIMIT ? NUM_EXP_LIMIT : (size_t)places;
  long k = num_decimal_digits(a);
  if (k >= 0 && (size_t)k <= p) return rb_num_format(a, buf, size);

  text_sink s = {buf, size, 0};
  bool negative;
  digit_buf digits;
  if (!num_scaled_digits(a, p, &negative, &digits)) {
    sink_puts(&s, format_oom, sizeof format_oom - 1);
    return sink_finish(&s);
  }
  size_t len = digits.len;
  if (len == 1 && digits.chars[0] == '0') {
    p = 0; /* rounds to zero: plain "0" */
  } else {
    while (p > 0 && digits.chars[len - 1] == '0') {
      len--;
      p--;
    }
  }
  emit_scaled(&s, negative, digits.chars, len, p);
  digits_free(&digits);
  return sink_finish(&s);
}

/* ---- Conversion to double ------------------------------------------------ */

/* Exact operands below 2^53 give a correctly rounded quotient; anything
** else goes through GMP (which truncates).  Never used for scores. */
double rb_num_to_double(rb_num a) {
  const int64_t exact = (int64_t)1 << 53;
  if (!num_big(a) && a.d != 1 && rb_num_dec_scale(a.d) > 0) {
    /* A decimal is not always reduced; the rule above is for the reduced
    ** fraction, whatever the form, so that a value converts one way. */
    int64_t g = (int64_t)gcd_u64(a.n < 0 ? (uint64_t)0 - (uint64_t)a.n : (uint64_t)a.n, (uint64_t)a.d);
    a = num_small(a.n / g, a.d / g);
  }
  if (!num_big(a) && a.n >= -exact && a.n <= exact && a.d <= exact) return (double)a.n / (double)a.d;
  num_view va;
  view_open(&va, a);
  double r = mpq_get_d(va.q);
  view_close(&va);
  return r;
}
