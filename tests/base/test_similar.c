/*
** test_similar.c — base/similar.h: edit distances and "did you mean" hints.
** Hand-checked distances and suggestions, then rb_closest_name and
** rb_closest_in_list against the plain definition (rb_edit_distance to every
** candidate, first closest, within rb_suggest_limit, never an equal name)
** over many generated lists, which fails if the shortcuts inside them (the
** bounds that give a candidate up before its table) change an answer.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/similar.h"
#include "check.h"

/* The definition rb_closest_name must agree with. */
static const char *closest_by_definition(const char *name, const char *const *cands, size_t count) {
  const char *best = NULL;
  int best_d = 1000;
  for (size_t i = 0; i < count; i++) {
    if (!cands[i]) continue;
    int d = rb_edit_distance(name, cands[i]);
    if (d < best_d) best_d = d, best = cands[i];
  }
  return best_d <= rb_suggest_limit(name) && best_d > 0 ? best : NULL;
}

/* Letters of one, three, four (𠀀, U+20000) and (two malformed ones: a stray
** continuation byte and a sequence cut short) one or two bytes a character:
** rb_closest_name bounds the characters of a candidate by its bytes before it
** decodes it. */
static const char *const alphabet[] = {"产", "出", "效", "益", "数", "量", "a", "b", "满", "意", "\x80", "\xE4\xBA", "𠀀"};
enum { LETTERS = sizeof alphabet / sizeof alphabet[0] };

/* The name of the letters l[0..n) of the alphabet, written into buf. */
static void render(char *buf, const int *l, int n) {
  buf[0] = '\0';
  for (int i = 0; i < n; i++) strcat(buf, alphabet[l[i]]);
}

int main(void) {
  /* Distances, in characters (a Chinese character is one edit, not three bytes). */
  CHECK(rb_edit_distance("可行性论证", "可行性论证") == 0);
  CHECK(rb_edit_distance("可行性论正", "可行性论证") == 1);
  CHECK(rb_edit_distance("监管有效性", "监管有效") == 1);
  CHECK(rb_edit_distance("", "产出") == 2);
  CHECK(rb_edit_distance("kitten", "sitting") == 3);

  /* Suggestions: a misspelling, the first of two equally close, none past the limit. */
  const char *facts[] = {"可行性论证", "按程序设立", "审批文件合规", "监管有效性"};
  CHECK_STR(rb_closest_name("可行性论正", facts, 4), "可行性论证");
  CHECK_STR(rb_closest_name("按程序设", facts, 4), "按程序设立");
  CHECK(rb_closest_name("项目负责人", facts, 4) == NULL);
  const char *two[] = {"基数", "基建"};
  CHECK_STR(rb_closest_name("基础", two, 2), "基数");
  /* A name equal to a candidate is suggested nothing, even with another one edit away. */
  const char *same[] = {"满分1", "满分"};
  CHECK(rb_closest_name("满分", same, 2) == NULL);
  /* One character: no edit allowed; NULL candidates are skipped. */
  const char *one[] = {NULL, "产", "效"};
  CHECK(rb_closest_name("益", one, 3) == NULL);
  /* Names over 64 characters are not compared. */
  char longname[400] = "";
  for (int i = 0; i < 70; i++) strcat(longname, "产");
  const char *lng[] = {longname};
  CHECK(rb_edit_distance(longname, longname) == 1000);
  CHECK(rb_closest_name(longname, lng, 1) == NULL);

  /* Against the definition: 20,000 names, each with 1–12 candidates of 0–10 characters. */
  unsigned seed = 14;
  int disagree = 0, list_disagree = 0;
  static char store[12][64];
  for (int round = 0; round < 20000; round++) {
    int letters[12], n = rand_r(&seed) % 11;
    for (int i = 0; i < n; i++) letters[i] = rand_r(&seed) % LETTERS;
    char name[64];
    render(name, letters, n);
    size_t count = 1 + (size_t)(rand_r(&seed) % 12);
    const char *cands[12];
    for (size_t i = 0; i < count; i++) {
      int other[12], m = n;
      memcpy(other, letters, sizeof other);
      if (rand_r(&seed) % 3 == 0) {
        /* a near miss of name: up to three letters changed, one dropped or one added */
        for (int k = rand_r(&seed) % 4; k > 0 && m > 0; k--) other[rand_r(&seed) % m] = rand_r(&seed) % LETTERS;
        if (rand_r(&seed) % 2 && m > 0) m--;
        else if (m < 11) other[m++] = rand_r(&seed) % LETTERS;
      } else {
        m = rand_r(&seed) % 11;
        for (int k = 0; k < m; k++) other[k] = rand_r(&seed) % LETTERS;
      }
      render(store[i], other, m);
      cands[i] = rand_r(&seed) % 17 == 0 ? NULL : store[i];
    }
    const char *want = closest_by_definition(name, cands, count);
    if (rb_closest_name(name, cands, count) != want) disagree++;
    rb_name_list *list = rb_name_list_new(cands, count);
    if (!list || rb_closest_in_list(name, list) != want) list_disagree++;
    rb_name_list_free(list);
  }
  CHECK(disagree == 0);
  CHECK(list_disagree == 0);
  /* An empty list, and names too long to compare on either side. */
  rb_name_list *empty = rb_name_list_new(NULL, 0);
  CHECK(empty && rb_closest_in_list("产出", empty) == NULL);
  rb_name_list_free(empty);
  rb_name_list *long_list = rb_name_list_new(lng, 1);
  CHECK(long_list && rb_closest_in_list(longname, long_list) == NULL && rb_closest_in_list("产出", long_list) == NULL);
  rb_name_list_free(long_list);
  return check_done();
}
