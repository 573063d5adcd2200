/*
** paths.c — a list of paths, and the files of a folder tree (paths.h).
*/
#include "base/paths.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

bool rb_paths_push(rb_paths *l, const char *path) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 32;
    char **items = realloc(l->items, cap * sizeof *items);
    if (!items) return false;
    l->items = items;
    l->cap = cap;
  }
  return (l->items[l->count] = strdup(path)) != NULL && ++l->count;
}

void rb_paths_free(rb_paths *l) {
  for (size_t i = 0; i < l->count; i++) free(l->items[i]);
  free(l->items);
  *l = (rb_paths){0};
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static bool ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool rb_paths_find(const char *dir, const char *suffix, rb_paths *out) {
  char probe[PATH_MAX];
  struct stat st;
  int n = snprintf(probe, sizeof probe, "%s/CMakeCache.txt", dir);
  if (n > 0 && (size_t)n < sizeof probe && stat(probe, &st) == 0) return true; /* a build tree */
  DIR *d = opendir(dir);
  if (!d) return false;
  rb_paths here = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    char path[PATH_MAX];
    n = snprintf(path, sizeof path, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
    if (n < 0 || (size_t)n >= sizeof path || stat(path, &st) != 0) continue;
    if (S_ISDIR(st.st_mode) || ends_with(e->d_name, suffix)) rb_paths_push(&here, path);
  }
  closedir(d);
  if (here.count) qsort(here.items, here.count, sizeof *here.items, by_name);
  for (size_t i = 0; i < here.count; i++) {
    if (stat(here.items[i], &st) == 0 && S_ISDIR(st.st_mode)) rb_paths_find(here.items[i], suffix, out);
    else rb_paths_push(out, here.items[i]);
  }
  rb_paths_free(&here);
  return true;
}
