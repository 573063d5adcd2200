/*
** test_file.c — base/file.h: reading a whole file, refusing what is not a
** regular file without blocking, and writing through a temporary file that
** becomes the target only when complete.  Every expected message is written
** out in full; the reasons are strerror's.
*/
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file.h"
#include "check.h"

static char dir[] = "/tmp/rubric-file-XXXXXX";

/* dir/name, in a static buffer (one at a time). */
static const char *in_dir(const char *name) {
  static char path[256];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return path;
}

/* How many entries dir holds besides . and .. */
static int entries(void) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d));)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) n++;
  if (d) closedir(d);
  return n;
}

static void write_plain(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  if (f) {
    fputs(text, f);
    fclose(f);
  }
}

static void test_read(void) {
  char err[512], msg[512], *text;
  size_t len;
  /* A whole file, NUL after the last byte. */
  write_plain(in_dir("a.txt"), "甲乙\n");
  CHECK(rb_file_read(in_dir("a.txt"), 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK(len == 7 && text && text[7] == '\0');
  CHECK_STR(text, "甲乙\n");
  free(text);
  /* An empty file is fine. */
  write_plain(in_dir("empty.txt"), "");
  CHECK(rb_file_read(in_dir("empty.txt"), 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK(len == 0 && text && text[0] == '\0');
  free(text);
  /* Missing. */
  CHECK(rb_file_read(in_dir("none.txt"), 1024, &text, &len, err, sizeof err) == RB_FILE_IO);
  CHECK(text == NULL);
  snprintf(msg, sizeof msg, "cannot open %s: No such file or directory", in_dir("none.txt"));
  CHECK_STR(err, msg);
  /* A directory. */
  CHECK(rb_file_read(dir, 1024, &text, &len, err, sizeof err) == RB_FILE_IO);
  snprintf(msg, sizeof msg, "cannot read %s: Is a directory", dir);
  CHECK_STR(err, msg);
  /* A named pipe with no writer: refused at once, not waited on. */
  CHECK(mkfifo(in_dir("pipe"), 0600) == 0);
  CHECK(rb_file_read(in_dir("pipe"), 1024, &text, &len, err, sizeof err) == RB_FILE_IO);
  snprintf(msg, sizeof msg, "cannot read %s: not a regular file", in_dir("pipe"));
  CHECK_STR(err, msg);
  remove(in_dir("pipe"));
  /* Too large: 7 bytes against a limit of 6; the limit in MiB when whole. */
  CHECK(rb_file_read(in_dir("a.txt"), 6, &text, &len, err, sizeof err) == RB_FILE_TOO_LARGE);
  snprintf(msg, sizeof msg, "%s is larger than 6 bytes", in_dir("a.txt"));
  CHECK_STR(err, msg);
  CHECK(rb_file_read(in_dir("a.txt"), 7, &text, &len, err, sizeof err) == RB_FILE_OK);
  free(text);
  CHECK(rb_file_read("/dev/zero", (size_t)2 << 20, &text, &len, err, sizeof err) == RB_FILE_IO);
  CHECK_STR(err, "cannot read /dev/zero: not a regular file");
  remove(in_dir("a.txt"));
  remove(in_dir("empty.txt"));
}

static void test_write(void) {
  char err[512], msg[512], *text;
  size_t len;
  rb_file_out o;
  char target[256], temp[300], stale[320];
  snprintf(target, sizeof target, "%s", in_dir("out.csv"));
  snprintf(temp, sizeof temp, "%s.partial.%ld", target, (long)getpid());

  /* While it is written, only the temporary file exists; the commit renames it. */
  CHECK(rb_file_out_open(&o, target, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(o.temp, temp);
  CHECK(access(target, F_OK) != 0 && access(temp, F_OK) == 0);
  CHECK(rb_file_out_write(&o, "a,b\n", 4));
  CHECK(rb_file_out_commit(&o, err, sizeof err) == RB_FILE_OK);
  CHECK(access(temp, F_OK) != 0);
  CHECK(rb_file_read(target, 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(text, "a,b\n");
  free(text);

  /* Aborted: the old target stays as it was, the temporary file goes. */
  CHECK(rb_file_out_open(&o, target, err, sizeof err) == RB_FILE_OK);
  CHECK(rb_file_out_write(&o, "half", 4));
  rb_file_out_abort(&o);
  CHECK(access(temp, F_OK) != 0);
  CHECK(rb_file_read(target, 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(text, "a,b\n");
  free(text);

  /* A file of the temporary name already there (left by a killed process
  ** whose pid this one reuses) is neither written nor removed: the next
  ** free name is taken. */
  write_plain(temp, "stale");
  CHECK(rb_file_out_open(&o, target, err, sizeof err) == RB_FILE_OK);
  snprintf(stale, sizeof stale, "%s.1", temp);
  CHECK_STR(o.temp, stale);
  CHECK(rb_file_out_write(&o, "new\n", 4));
  CHECK(rb_file_out_commit(&o, err, sizeof err) == RB_FILE_OK);
  CHECK(rb_file_read(temp, 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(text, "stale");
  free(text);
  CHECK(rb_file_read(target, 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(text, "new\n");
  free(text);
  remove(temp);
  remove(target);

  /* A device is written directly, and a full one fails at the commit at the
  ** latest, with the reason. */
  CHECK(rb_file_out_open(&o, "/dev/full", err, sizeof err) == RB_FILE_OK);
  CHECK(o.temp == NULL);
  rb_file_out_write(&o, "x", 1);
  CHECK(rb_file_out_commit(&o, err, sizeof err) == RB_FILE_IO);
  CHECK_STR(err, "cannot write /dev/full: No space left on device");
  /* A write that fails is remembered: later writes are refused, and the
  ** commit fails even if the flush would not. */
  static char big[1 << 16];
  memset(big, 'x', sizeof big);
  CHECK(rb_file_out_open(&o, "/dev/full", err, sizeof err) == RB_FILE_OK);
  CHECK(!rb_file_out_write(&o, big, sizeof big));
  CHECK(o.error == ENOSPC);
  CHECK(!rb_file_out_write(&o, "x", 1));
  CHECK(rb_file_out_commit(&o, err, sizeof err) == RB_FILE_IO);
  CHECK_STR(err, "cannot write /dev/full: No space left on device");

  /* A target in a folder that does not exist: nothing is created. */
  CHECK(rb_file_out_open(&o, in_dir("no/such.csv"), err, sizeof err) == RB_FILE_IO);
  snprintf(msg, sizeof msg, "cannot write %s: No such file or directory", in_dir("no/such.csv"));
  CHECK_STR(err, msg);
  CHECK(o.f == NULL && o.temp == NULL);
  /* The whole file at once. */
  CHECK(rb_file_write_whole(target, "1\n", 2, err, sizeof err) == RB_FILE_OK);
  CHECK(rb_file_read(target, 1024, &text, &len, err, sizeof err) == RB_FILE_OK);
  CHECK_STR(text, "1\n");
  free(text);
  remove(target);
  CHECK(entries() == 0);
}

int main(void) {
  if (!mkdtemp(dir)) return 1;
  test_read();
  test_write();
  rmdir(dir);
  return check_done();
}
