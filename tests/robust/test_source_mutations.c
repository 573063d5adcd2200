/*
** test_source_mutations.c — random edits of real rubrics must never crash,
** hang or trip a sanitizer.
**
** Every rubric under rules/ (and the extra files named on the command line)
** is edited at random many times with a fixed seed: bytes flipped, deleted,
** duplicated, tokens of the language inserted, lines swapped, the text cut
** short.  Each edit is compiled; what compiles is run on the example report
** with a small instruction budget, serialised to .rbc and loaded back.  The
** test asserts only what must always hold: no crash, every failure comes with
** at least one diagnostic, and a program that compiled passes the verifier
** after a round trip.  Sanitizers do the rest.
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "compiler/compile.h"
#include "compiler/diag.h"
#include "report/report.h"
#include "vm/result.h"
#include "vm/vm.h"

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void) {
  uint64_t x = rng_state;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return rng_state = x;
}

static char *read_all(const char *path, size_t *len) {
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

static const char *const tokens[] = {
    "section", "item", "each", "check", "input", "fn", "const", "if", "then", "else", "{", "}", "(", ")", "[",
    "]", ",", ":", ";", "=", "==", ">=", "≥", "×", "%", "万元", "亿元", "weight", "self", "step", "round", "let",
    "sum(", " for r in 指标 ", "where", "split", "missing self", "`", "\"", "/*", "//", "\n", "0", "-1",
    "99999999999999999999999", "0.0000001", "决策", "未知名称", "na()", "positive(", "\xff", "\xe4\xb8",
};

/* Apply one random edit to buf (len bytes, cap capacity); returns the new
** length. */
static size_t mutate(char *buf, size_t len, size_t cap) {
  size_t pos = len ? (size_t)(rng() % len) : 0;
  switch (rng() % 6) {
  case 0: /* flip a byte */
    if (len) buf[pos] = (char)(rng() & 0xff);
    return len;
  case 1: { /* delete a run */
    size_t n = 1 + (size_t)(rng() % 16);
    if (pos + n > len) n = len - pos;
    memmove(buf + pos, buf + pos + n, len - pos - n);
    return len - n;
  }
  case 2: { /* insert a token */
    const char *t = tokens[rng() % (sizeof tokens / sizeof tokens[0])];
    size_t n = strlen(t);
    if (len + n >= cap) return len;
    memmove(buf + pos + n, buf + pos, len - pos);
    memcpy(buf + pos, t, n);
    return len + n;
  }
  case 3: { /* duplicate a run */
    size_t n = 1 + (size_t)(rng() % 64);
    if (pos + n > len) n = len - pos;
    if (len + n >= cap) return len;
    memmove(buf + pos + n, buf + pos, len - pos);
    return len + n;
  }
  case 4: /* cut short */
    return pos;
  default: { /* copy a run from elsewhere over this place */
    size_t from = len ? (size_t)(rng() % len) : 0, n = 1 + (size_t)(rng() % 32);
    if (from + n > len) n = len - from;
    if (pos + n > len) n = len - pos;
    memmove(buf + pos, buf + from, n);
    return len;
  }
  }
}

int main(int argc, char **argv) {
  const char *env = getenv("RUBRIC_MUTATIONS");
  int rounds = env ? atoi(env) : 400;
  const char *paths[64];
  int npaths = 0;
  DIR *d = opendir("rules");
  struct dirent *e;
  static char names[64][512];
  while (d && (e = readdir(d)) && npaths < 48) {
    size_t l = strlen(e->d_name);
    if (l > 7 && strcmp(e->d_name + l - 7, ".rubric") == 0) {
      snprintf(names[npaths], sizeof names[npaths], "rules/%s", e->d_name);
      paths[npaths] = names[npaths];
      npaths++;
    }
  }
  if (d) closedir(d);
  for (int i = 1; i < argc && npaths < 64; i++) paths[npaths++] = argv[i];
  CHECK(npaths > 0);

  rb_report *report = rb_report_new();
  rb_report_error rerr;
  CHECK(rb_report_read_file(report, "examples/jiangmen-2024-keji-fazhan.json", &rerr));
  rb_result *result = rb_result_new();
  int compiled = 0, refused = 0;
  for (int f = 0; f < npaths; f++) {
    size_t len;
    char *orig = read_all(paths[f], &len);
    CHECK(orig != NULL);
    if (!orig) continue;
    size_t cap = len * 2 + 4096;
    char *buf = malloc(cap);
    for (int r = 0; r < rounds; r++) {
      memcpy(buf, orig, len);
      size_t n = len;
      int edits = 1 + (int)(rng() % 4);
      for (int k = 0; k < edits; k++) n = mutate(buf, n, cap);
      rb_diags diags;
      rb_diags_init(&diags);
      /* The name matters for imports: keep the file's own directory. */
      rb_program *p = rb_compile_text(paths[f], buf, n, &diags);
      if (!p) {
        refused++;
        if (diags.errors == 0) {
          fprintf(stderr, "%s round %d: refused without an error\n", paths[f], r);
          CHECK(diags.errors > 0);
        }
      } else {
        compiled++;
        rb_vm *vm = rb_vm_new(p);
        rb_vm_set_budget(vm, 200000);
        rb_vm_run(vm, report, result);
        rb_result_compare(result, rb_num_int(0));
        rb_vm_free(vm);
        uint8_t *img;
        size_t img_len;
        CHECK(rb_program_serialize(p, &img, &img_len));
        char err[256];
        rb_program *q = rb_program_deserialize(img, img_len, err, sizeof err);
        if (!q) fprintf(stderr, "%s round %d: round trip refused: %s\n", paths[f], r, err);
        CHECK(q != NULL);
        rb_program_free(q);
        free(img);
        rb_program_free(p);
      }
      rb_diags_free(&diags);
    }
    free(buf);
    free(orig);
  }
  printf("%d edits compiled, %d refused with diagnostics\n", compiled, refused);
  rb_result_free(result);
  rb_report_free(report);
  return check_done();
}
