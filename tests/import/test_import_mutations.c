/*
** test_import_mutations.c — whatever text it is given, the importer writes a report the JSON reader reads.
**
** The import's output is report format v1 that `rubric run` reads on the fly, so a text the importer accepts
** must never give JSON the reader refuses (a negative 分值, a number that is no JSON number, a broken string).
** Every seed text and fixture is edited at random (fixed seed) many times — spans deleted, ASCII characters
** changed, tabs, spaces, digits, commas, labels and form feeds inserted, text cut short — and each
** result is imported and read back.  It asserts only what must always hold; the sanitizers do the rest.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "import/import.h"
#include "report/report.h"

static unsigned long long state = 0x2024A5EEDULL;
static unsigned rnd(unsigned n) {
  state = state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned)((state >> 33) % n);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  if (buf) buf[n] = '\0';
  *len = (size_t)n;
  return buf;
}

/* A random place in text[0..n] at a character boundary: edits keep the text UTF-8 (a text that is not is
** refused with a message before any table is read, which is not what this test is about). */
static size_t place(const char *buf, size_t n) {
  size_t at = rnd((unsigned)n + 1);
  while (at > 0 && at < n && ((unsigned char)buf[at] & 0xC0) == 0x80) at--;
  return at;
}

/* One random edit of text[0..*len) in place (buf has room for 64 more bytes). */
static void mutate(char *buf, size_t *len) {
  static const char *const pieces[] = {"\t", "  ", " ", "\n", "\f", "3, 63", "1O", "-", "合计", "总分 100", "三级指标",
                                       "产出", "指标", "≥", "%", "。", "，", "分", "万元", "(50分)", "0", "."};
  size_t n = *len;
  switch (rnd(4)) {
  case 0: { /* delete a span */
    if (n == 0) return;
    size_t at = place(buf, n), k = 1 + rnd(40);
    if (at + k > n) k = n - at;
    while (at + k < n && ((unsigned char)buf[at + k] & 0xC0) == 0x80) k++;
    memmove(buf + at, buf + at + k, n - at - k);
    *len = n - k;
    break;
  }
  case 1: { /* insert a piece */
    const char *p = pieces[rnd(sizeof pieces / sizeof pieces[0])];
    size_t k = strlen(p), at = n ? place(buf, n) : 0;
    memmove(buf + at + k, buf + at, n - at);
    memcpy(buf + at, p, k);
    *len = n + k;
    break;
  }
  case 2: { /* change an ASCII character (a byte of a Chinese one would only make the text not UTF-8) */
    if (!n) return;
    size_t at = rnd((unsigned)n);
    if ((unsigned char)buf[at] < 0x80) buf[at] = (char)(' ' + rnd(95));
    break;
  }
  default: /* cut short */
    if (n) *len = place(buf, n);
    break;
  }
}

int main(void) {
  static const char *const inputs[] = {
      "tests/import/fixtures/grid-ocr.txt",        "tests/import/fixtures/flow-wrapped.txt",
      "tests/import/fixtures/layout-pagebreak.txt", "tests/import/fixtures/raw-slips.txt",
      "../shared/seeds/004_b59b39976d9bce3c.txt",  "../shared/cases/docs/huoqiu-2022-kjtpy/table.txt",
  };
  rb_report *r = rb_report_new();
  int imported = 0, refused = 0;
  for (size_t f = 0; f < sizeof inputs / sizeof inputs[0]; f++) {
    size_t len;
    char *orig = slurp(inputs[f], &len);
    if (!orig) continue; /* ../shared is optional here; the fixtures are always present */
    char *buf = malloc(len + 64 * 40);
    for (int round = 0; round < 300; round++) {
      size_t n = len;
      memcpy(buf, orig, len);
      int edits = 1 + (int)rnd(6);
      for (int e = 0; e < edits && n + 64 < len + 64 * 40; e++) mutate(buf, &n);
      rb_import_result res;
      char err[512];
      err[0] = '\0';
      if (!rb_import_text(buf, n, "m.txt", "m", &res, err, sizeof err)) {
        CHECK(err[0] != '\0'); /* refused with a message */
        refused++;
        continue;
      }
      imported++;
      rb_report_error rerr;
      bool ok = rb_report_read_json(r, res.json, res.json_len, "m.json", 0, &rerr);
      if (!ok) fprintf(stderr, "%s round %d: the import's JSON is refused: %s\n", inputs[f], round, rerr.message);
      CHECK(ok);
      CHECK(res.json_len > 0 && res.json[res.json_len - 1] == '\n');
      rb_import_result_free(&res);
    }
    free(buf);
    free(orig);
  }
  CHECK(imported > 1000);
  printf("%d imported, %d refused\n", imported, refused);
  rb_report_free(r);
  return check_done();
}
