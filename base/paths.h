/*
** paths.h — a list of paths, and the files of a folder tree.
**
** For the commands that take folders as well as files (`rubric test`,
** `rubric fmt`): every file with a given ending under a folder, in name
** order, folder by folder.  Paths are copied; the list owns them.
*/
#ifndef RUBRIC_PATHS_H
#define RUBRIC_PATHS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct rb_paths {
  char **items;
  size_t count, cap;
} rb_paths;

/* Append a copy of path; false when out of memory. */
bool rb_paths_push(rb_paths *l, const char *path);

/* Free the list and its paths; it is empty again after. */
void rb_paths_free(rb_paths *l);

/* Append every file under dir whose name ends with suffix (".rubric"), in
** name order, going into folders as they come in that order; folders
** whose name starts with '.' and build trees (a folder holding
** CMakeCache.txt) are passed over.  False when dir cannot be opened. */
bool rb_paths_find(const char *dir, const char *suffix, rb_paths *out);

#endif /* RUBRIC_PATHS_H */
