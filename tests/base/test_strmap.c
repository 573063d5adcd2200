/*
** test_strmap.c — base/strmap.h: names to pointers by hash, first value
** kept, growth past many doublings, Chinese names as bytes.
*/
#include <stdio.h>
#include <string.h>

#include "base/strmap.h"
#include "check.h"

int main(void) {
  rb_strmap m = {0};
  int a = 1, b = 2, c = 3;
  void *first = &c;
  CHECK(rb_strmap_get(&m, "产出") == NULL); /* empty, no table yet */
  CHECK(rb_strmap_put(&m, "产出", &a, &first) && first == NULL);
  CHECK(rb_strmap_put(&m, "效益", &b, &first) && first == NULL);
  /* A name put twice keeps its first value and says what it was. */
  CHECK(rb_strmap_put(&m, "产出", &c, &first) && first == &a);
  CHECK(rb_strmap_get(&m, "产出") == &a);
  CHECK(rb_strmap_get(&m, "效益") == &b);
  CHECK(rb_strmap_get(&m, "决策") == NULL);
  CHECK(rb_strmap_get(&m, "产") == NULL); /* a prefix is another name */
  CHECK(m.count == 2);

  /* 100,000 names: every one found, with its own value, after many growths. */
  enum { N = 100000 };
  static char names[N][16];
  static int values[N];
  rb_strmap big = {0};
  for (int i = 0; i < N; i++) {
    snprintf(names[i], sizeof names[i], "指标%d", i);
    values[i] = i;
    CHECK(rb_strmap_put(&big, names[i], &values[i], NULL));
  }
  CHECK(big.count == N);
  CHECK(big.cap >= 2 * N && (big.cap & (big.cap - 1)) == 0);
  int wrong = 0;
  for (int i = 0; i < N; i++) {
    char key[16];
    snprintf(key, sizeof key, "指标%d", i); /* another copy of the same bytes */
    if (rb_strmap_get(&big, key) != &values[i]) wrong++;
  }
  CHECK(wrong == 0);
  CHECK(rb_strmap_get(&big, "指标100000") == NULL);
  rb_strmap_free(&big);
  CHECK(big.keys == NULL && big.count == 0 && big.cap == 0);
  rb_strmap_free(&m);
  return check_done();
}
