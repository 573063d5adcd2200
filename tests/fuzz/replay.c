/*
** replay.c — a fuzz harness without libFuzzer: runs its LLVMFuzzerTestOneInput
** once on every file under the folders named on the command line.
**
** Linked with each harness of tests/fuzz (tests/fuzz/CMakeLists.txt) in the
** ordinary builds, so that CTest replays the committed corpus, and with it
** every input that once crashed a harness, in the normal build and under
** AddressSanitizer and UndefinedBehaviorSanitizer, on every CI run and with
** gcc as well as clang.  A harness that finds a fault aborts, and the test
** fails; otherwise the closing line counts the inputs replayed.
**
** Usage: replay_HARNESS FOLDER...
*/
#include <dirent.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Defined by the harnesses that read fixed inputs first. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* qsort order of names. */
static int compare_names(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Run the harness on the file at path; false when it cannot be read. */
static bool replay_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  uint8_t *data = NULL;
  size_t size = 0, cap = 0;
  for (;;) {
    if (size == cap) {
      cap = cap ? 2 * cap : 65536;
      uint8_t *grown = realloc(data, cap);
      if (!grown) break;
      data = grown;
    }
    size_t n = fread(data + size, 1, cap - size, f);
    size += n;
    if (n == 0) break;
  }
  bool ok = !ferror(f) && data;
  fclose(f);
  /* A copy of exactly the file's size, so that the sanitizers see a read
  ** past its end as libFuzzer's own buffer would show it. */
  uint8_t *exact = ok ? malloc(size ? size : 1) : NULL;
  if (exact) {
    if (size) memcpy(exact, data, size);
    LLVMFuzzerTestOneInput(exact, size);
  }
  free(exact);
  free(data);
  return exact != NULL;
}

/* Replay every regular file under dir, in name order, folders included;
** counts them in *count.  False when something cannot be read. */
static bool replay_dir(const char *dir, int *count) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "replay: cannot open %s\n", dir);
    return false;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  bool ok = true;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    if (n == cap) {
      cap = cap ? 2 * cap : 64;
      char **grown = realloc(names, cap * sizeof *names);
      if (!grown) {
        ok = false;
        break;
      }
      names = grown;
    }
    names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
    if (!names[n]) {
      ok = false;
      break;
    }
    sprintf(names[n], "%s/%s", dir, e->d_name);
    n++;
  }
  closedir(d);
  if (n) qsort(names, n, sizeof *names, compare_names);
  for (size_t i = 0; i < n; i++) {
    struct stat st;
    if (ok && stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      ok = replay_dir(names[i], count);
    } else if (ok) {
      if (!replay_file(names[i])) {
        fprintf(stderr, "replay: cannot read %s\n", names[i]);
        ok = false;
      }
      (*count)++;
    }
    free(names[i]);
  }
  free(names);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FOLDER...\n", argv[0]);
    return 2;
  }
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int count = 0;
  bool ok = true;
  for (int i = 1; i < argc; i++) ok = replay_dir(argv[i], &count) && ok;
  /* Every input that came back from the harness passed: a fault aborts. */
  printf("%d passed, %d failed\n", ok ? count : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
