/*
** test_dynlib.c — base/dynlib.c: a library loaded when first needed fills
** its table of functions; one that cannot be loaded, or lacks a function,
** is refused with its name, its package when known, and the loader's
** reason, in the language asked; the answer is given again, not tried again.
*/
#include <math.h>
#include <string.h>

#include "base/dynlib.h"
#include "tests/check.h"

/* libm: linked into every rubric already, so loading it here maps nothing
** new; its functions have known values. */
#define M_FUNCTIONS(X) X(sqrt) X(floor)
static struct { M_FUNCTIONS(RB_DYN_POINTER) } m;
#define M_SYMBOL(f) RB_DYN_SYMBOL(m, f)
static const rb_dynsym m_symbols[] = {M_FUNCTIONS(M_SYMBOL)};

/* A function libm does not have. */
static double (*nothing)(double);
static const rb_dynsym missing_symbols[] = {{"sqrt", &m.sqrt}, {"rubric_no_such_function", &nothing}};

int main(void) {
  char why[1024];

  /* Loaded: every pointer filled, and calls go to the library. */
  rb_dynlib libm = RB_DYNLIB("libm.so.6", "libc6", m_symbols);
  CHECK(libm.count == 2);
  CHECK(m.sqrt == NULL && m.floor == NULL);
  CHECK(rb_dynlib_load(&libm, RB_LANG_EN, why, sizeof why));
  CHECK(m.sqrt != NULL && m.sqrt(2.25) == 1.5);
  CHECK(m.floor != NULL && m.floor(-0.5) == -1.0);
  CHECK(rb_dynlib_load(&libm, RB_LANG_EN, NULL, 0)); /* again: the same answer, no reason needed */

  /* Not found: named with its package and the loader's reason; the reason is kept, not tried again. */
  rb_dynlib none = RB_DYNLIB("librubric-none.so.0", "librubric-none0", m_symbols);
  CHECK(!rb_dynlib_load(&none, RB_LANG_EN, why, sizeof why));
  CHECK_STR(why, "librubric-none.so.0 (Debian package librubric-none0: apt-get install librubric-none0) cannot be "
                 "loaded: librubric-none.so.0: cannot open shared object file: No such file or directory");
  CHECK(!rb_dynlib_load(&none, RB_LANG_ZH, why, sizeof why));
  CHECK_STR(why, "无法加载 librubric-none.so.0（Debian 软件包 librubric-none0：apt-get install librubric-none0）："
                 "librubric-none.so.0: cannot open shared object file: No such file or directory");
  /* A build that did not know the package says less. */
  rb_dynlib anon = RB_DYNLIB("librubric-none.so.1", "", m_symbols);
  CHECK(!rb_dynlib_load(&anon, RB_LANG_EN, why, sizeof why));
  CHECK_STR(why, "librubric-none.so.1 cannot be loaded: librubric-none.so.1: cannot open shared object file: No such "
                 "file or directory");
  /* A short buffer is cut, never overrun. */
  char small[8];
  CHECK(!rb_dynlib_load(&anon, RB_LANG_EN, small, sizeof small));
  CHECK_STR(small, "librubr");

  /* Found but lacking a function: refused, the function named. */
  rb_dynlib old = RB_DYNLIB("libm.so.6", "libc6", missing_symbols);
  CHECK(!rb_dynlib_load(&old, RB_LANG_EN, why, sizeof why));
  CHECK(strncmp(why, "libm.so.6 (Debian package libc6: apt-get install libc6) cannot be loaded: ", 74) == 0);
  CHECK(strstr(why, "undefined symbol: rubric_no_such_function") != NULL);
  CHECK(nothing == NULL);
  return check_done();
}
