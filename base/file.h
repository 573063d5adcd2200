/*
** file.h — reading a whole file, and writing one that appears only when
** it is complete.
**
** Every file rubric reads whole — a rubric source and its imports, a .rbc —
** goes through rb_file_read, which refuses what is not a regular file (a
** directory, a named pipe that would block forever, a device) with a
** message that says so.
**
** Every file rubric writes whole — a .rbc, the output of a batch — goes
** through an rb_file_out.  The bytes go to a temporary file beside the
** target, named TARGET.partial.PID (or TARGET.partial.PID.N when that name
** is taken: it is created exclusively, so two writers never share one),
** which is flushed to the disk and renamed over the target only when
** complete.  A failed or abandoned write removes it, and the target is left
** as it was.  Only a process killed outright (SIGKILL, a power cut) leaves
** a temporary file behind; nothing reads or reuses such a file, and it may
** be deleted.  A target that exists and is not a regular file (/dev/null,
** a named pipe) is written directly, never replaced; so is standard output.
**
** Messages are one line, name the file and say why ("cannot open x.rubric:
** No such file or directory").  Nothing here keeps state between calls.
*/
#ifndef RUBRIC_FILE_H
#define RUBRIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/messages.h"

/* How reading or writing a file went. */
typedef enum rb_file_status {
  RB_FILE_OK,
  RB_FILE_IO,        /* cannot open, read or write it, or it is not a regular file */
  RB_FILE_TOO_LARGE, /* larger than the limit the caller gave */
  RB_FILE_NOMEM      /* out of memory */
} rb_file_status;

/* Read the whole regular file at path into malloc'd memory, with a NUL
** after the last byte (not counted in *len); the caller frees *text.  A file
** larger than max bytes is refused.  On failure *text is NULL and err holds
** the message: "cannot open P: REASON", "cannot read P: Is a directory",
** "cannot read P: not a regular file", "P is larger than N MiB", "out of
** memory reading P".  Opening never blocks, even on a named pipe. */
rb_file_status rb_file_read(const char *path, size_t max, char **text, size_t *len, char *err, size_t err_size);
/* The same, with the message in lang (rb_file_read's is English). */
rb_file_status rb_file_read_lang(rb_lang lang, const char *path, size_t max, char **text, size_t *len, char *err,
                                 size_t err_size);

/* A file being written (see the banner).  Fields are read-only for callers;
** write through rb_file_out_write or to f, then commit or abort. */
typedef struct rb_file_out {
  FILE *f;      /* where the bytes go */
  char *target; /* the file named; NULL for standard output */
  char *temp;   /* the temporary file, or NULL when the target is written directly */
  int error;    /* errno of the first write that failed, or 0 */
  rb_lang lang; /* of its messages */
} rb_file_out;

/* Start writing path (NULL: standard output, through a duplicate of its
** descriptor, so the process's stdout stream is never touched).  On failure
** nothing is left open or created and err says why ("cannot write P:
** REASON"). */
rb_file_status rb_file_out_open(rb_file_out *o, const char *path, char *err, size_t err_size);
/* The same, with this and rb_file_out_commit's messages in lang
** (rb_file_out_open's are English). */
rb_file_status rb_file_out_open_lang(rb_file_out *o, rb_lang lang, const char *path, char *err, size_t err_size);

/* Append len bytes.  False once any write has failed; the first failure is
** kept for rb_file_out_commit's message. */
bool rb_file_out_write(rb_file_out *o, const void *data, size_t len);

/* Finish: flush, sync the temporary file to the disk, close, and rename it
** over the target.  On any failure — this one or an earlier write's — the
** temporary file is removed, the target is untouched and err says "cannot
** write P: REASON" (P is "standard output" for NULL).  o is finished either
** way. */
rb_file_status rb_file_out_commit(rb_file_out *o, char *err, size_t err_size);

/* Give up: close and remove the temporary file; the target is untouched.
** Safe on a finished or zeroed rb_file_out. */
void rb_file_out_abort(rb_file_out *o);

/* Write len bytes as the whole of path, atomically (open, write, commit). */
rb_file_status rb_file_write_whole(const char *path, const void *data, size_t len, char *err, size_t err_size);
/* The same, with the message in lang. */
rb_file_status rb_file_write_whole_lang(rb_lang lang, const char *path, const void *data, size_t len, char *err,
                                        size_t err_size);

#endif /* RUBRIC_FILE_H */
