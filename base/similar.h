/*
** similar.h — which known name a misspelt one was probably meant to be.
**
** "did you mean" hints everywhere in rubric come from here: the compiler's
** for unknown names, the report reader's for unknown members
** ("budget.allocted" → "allocated"), and the VM's for facts and self-score
** paths that the rubric does not read.  Distances count characters, not
** bytes, so one mistyped Chinese character is one edit.
*/
#ifndef RUBRIC_SIMILAR_H
#define RUBRIC_SIMILAR_H

#include <stddef.h>

/* The edit distance (insertions, deletions, substitutions) between two
** NUL-terminated UTF-8 names, in characters; 1000 when either is longer
** than 64 characters (such names are not compared). */
int rb_edit_distance(const char *a, const char *b);

/* How far a suggestion for `name` may be, in edits: none for a
** one-character name, one up to four characters ('基础' → '基数', but not
** '满分' → 'na'), two up to eight, then three. */
int rb_suggest_limit(const char *name);

/* The candidate closest to `name` within rb_suggest_limit(name), or NULL
** when none is close enough.  A candidate equal to name is never suggested.
** Ties go to the earliest candidate. */
const char *rb_closest_name(const char *name, const char *const *candidates, size_t count);

/* The same question asked of one list many times (the rubric's fact keys,
** for every report's unread facts): the list decoded once.  The list keeps
** the pointers, not copies: the names must outlive it. */
typedef struct rb_name_list rb_name_list;
rb_name_list *rb_name_list_new(const char *const *names, size_t count); /* NULL: out of memory */
void rb_name_list_free(rb_name_list *list);
/* rb_closest_name(name, the list's names, its count), the same answer. */
const char *rb_closest_in_list(const char *name, const rb_name_list *list);

#endif /* RUBRIC_SIMILAR_H */
