/*
** file.c — reading a whole file and writing one atomically (file.h).
*/
#include "base/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- Reading ------------------------------------------------------------ */

/* Say that path is larger than max, in MiB when max is a whole number of
** them (the compiler's limit is), else in bytes. */
static void too_large(rb_lang lang, const char *path, size_t max, char *err, size_t err_size) {
  const size_t mib = (size_t)1 << 20;
  if (max >= mib && max % mib == 0)
    snprintf(err, err_size, rb_from_en(lang, "%s is larger than %zu MiB"), path, max / mib);
  else snprintf(err, err_size, rb_from_en(lang, "%s is larger than %zu bytes"), path, max);
}

rb_file_status rb_file_read(const char *path, size_t max, char **text, size_t *len, char *err, size_t err_size) {
  return rb_file_read_lang(RB_LANG_EN, path, max, text, len, err, err_size);
}

rb_file_status rb_file_read_lang(rb_lang lang, const char *path, size_t max, char **text, size_t *len, char *err,
                                 size_t err_size) {
  *text = NULL;
  *len = 0;
  /* O_NONBLOCK: opening a named pipe for reading would otherwise wait for a
  ** writer, forever.  It changes nothing for the regular files read here. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    snprintf(err, err_size, rb_from_en(lang, "cannot open %s: %s"), path, rb_strerror_lang(lang, errno));
    return RB_FILE_IO;
  }
  struct stat st;
  const char *why = NULL;
  if (fstat(fd, &st) != 0) why = rb_strerror_lang(lang, errno);
  else if (S_ISDIR(st.st_mode)) why = rb_strerror_lang(lang, EISDIR);
  else if (!S_ISREG(st.st_mode)) why = rb_text_from_en(lang, "not a regular file");
  if (why) {
    snprintf(err, err_size, rb_from_en(lang, "cannot read %s: %s"), path, why);
    close(fd);
    return RB_FILE_IO;
  }
  if ((uintmax_t)st.st_size > max) {
    too_large(lang, path, max, err, err_size);
    close(fd);
    return RB_FILE_TOO_LARGE;
  }
  /* The size is a hint: a file may grow while it is read. */
  size_t cap = (size_t)st.st_size + 1, n = 0;
  char *buf = malloc(cap);
  rb_file_status status = buf ? RB_FILE_OK : RB_FILE_NOMEM;
  while (status == RB_FILE_OK) {
    if (n + 1 == cap) { /* full, but for the NUL */
      if (n >= max) {
        /* At the limit: fine if this is the end of the file. */
        char extra;
        ssize_t got = read(fd, &extra, 1);
        if (got == 0) break;
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
          snprintf(err, err_size, rb_from_en(lang, "cannot read %s: %s"), path, rb_strerror_lang(lang, errno));
          status = RB_FILE_IO;
        } else {
          too_large(lang, path, max, err, err_size);
          status = RB_FILE_TOO_LARGE;
        }
        break;
      }
      size_t grown = cap < 4096 ? 4096 : cap * 2;
      char *b = realloc(buf, grown);
      if (!b) {
        status = RB_FILE_NOMEM;
        break;
      }
      buf = b;
      cap = grown;
    }
    ssize_t got = read(fd, buf + n, cap - 1 - n);
    if (got == 0) break;
    if (got < 0) {
      if (errno == EINTR) continue;
      snprintf(err, err_size, rb_from_en(lang, "cannot read %s: %s"), path, rb_strerror_lang(lang, errno));
      status = RB_FILE_IO;
      break;
    }
    n += (size_t)got;
  }
  close(fd);
  if (status == RB_FILE_OK && n > max) { /* grown while read */
    too_large(lang, path, max, err, err_size);
    status = RB_FILE_TOO_LARGE;
  }
  if (status != RB_FILE_OK) {
    if (status == RB_FILE_NOMEM) snprintf(err, err_size, rb_from_en(lang, "out of memory reading %s"), path);
    free(buf);
    return status;
  }
  buf[n] = '\0';
  *text = buf;
  *len = n;
  return RB_FILE_OK;
}

/* ---- Writing ------------------------------------------------------------ */

/* The name a message gives the file being written. */
static const char *out_name(const rb_file_out *o) {
  return o->target ? o->target : rb_text_from_en(o->lang, "standard output");
}

/* Create the temporary file beside o->target exclusively: TARGET.partial.PID,
** or with .1, .2 … after it when a file of that name exists (one a killed
** process left, say).  Returns its descriptor, or -1 with errno set. */
static int create_temp(rb_file_out *o) {
  size_t size = strlen(o->target) + 64;
  o->temp = malloc(size);
  if (!o->temp) {
    errno = ENOMEM;
    return -1;
  }
  long pid = (long)getpid();
  for (int n = 0; n < 1000; n++) {
    if (n == 0) snprintf(o->temp, size, "%s.partial.%ld", o->target, pid);
    else snprintf(o->temp, size, "%s.partial.%ld.%d", o->target, pid, n);
    /* 0666: the umask decides, as for any file the user creates. */
    int fd = open(o->temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  errno = EEXIST;
  return -1;
}

rb_file_status rb_file_out_open(rb_file_out *o, const char *path, char *err, size_t err_size) {
  return rb_file_out_open_lang(o, RB_LANG_EN, path, err, err_size);
}

rb_file_status rb_file_out_open_lang(rb_file_out *o, rb_lang lang, const char *path, char *err, size_t err_size) {
  memset(o, 0, sizeof *o);
  o->lang = lang;
  int fd = -1;
  if (!path) {
    fd = dup(STDOUT_FILENO);
  } else {
    if (!(o->target = strdup(path))) {
      snprintf(err, err_size, rb_from_en(lang, "out of memory writing %s"), path);
      return RB_FILE_NOMEM;
    }
    /* A device or pipe (/dev/null, a FIFO) is written directly: renaming
    ** over it would replace the device with a file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) fd = open(path, O_WRONLY | O_CLOEXEC);
    else fd = create_temp(o);
  }
  int e = fd < 0 ? errno : 0;
  if (fd >= 0 && !(o->f = fdopen(fd, "w"))) {
    e = errno;
    close(fd);
  }
  if (!o->f) {
    snprintf(err, err_size, rb_from_en(lang, "cannot write %s: %s"), out_name(o), rb_strerror_lang(lang, e));
    if (o->temp && fd >= 0) remove(o->temp);
    free(o->target);
    free(o->temp);
    memset(o, 0, sizeof *o);
    return e == ENOMEM ? RB_FILE_NOMEM : RB_FILE_IO;
  }
  return RB_FILE_OK;
}

bool rb_file_out_write(rb_file_out *o, const void *data, size_t len) {
  if (o->error) return false;
  errno = 0;
  if (len && fwrite(data, 1, len, o->f) != len) {
    o->error = errno ? errno : EIO;
    return false;
  }
  return true;
}

rb_file_status rb_file_out_commit(rb_file_out *o, char *err, size_t err_size) {
  int e = o->error;
  if (!e && fflush(o->f) != 0) e = errno ? errno : EIO;
  if (!e && ferror(o->f)) e = EIO;
  /* Synced before the rename, so that after a crash the target is either
  ** the old file or the whole new one.  Some file systems cannot sync
  ** (EINVAL); that is no reason to fail. */
  if (!e && o->temp && fsync(fileno(o->f)) != 0 && errno != EINVAL && errno != ENOTSUP) e = errno;
  if (fclose(o->f) != 0 && !e) e = errno ? errno : EIO;
  o->f = NULL;
  if (!e && o->temp && rename(o->temp, o->target) != 0) e = errno;
  if (e) {
    snprintf(err, err_size, rb_from_en(o->lang, "cannot write %s: %s"), out_name(o), rb_strerror_lang(o->lang, e));
    if (o->temp) remove(o->temp);
  }
  free(o->target);
  free(o->temp);
  memset(o, 0, sizeof *o);
  return e ? RB_FILE_IO : RB_FILE_OK;
}

void rb_file_out_abort(rb_file_out *o) {
  if (o->f) fclose(o->f);
  if (o->temp) remove(o->temp);
  free(o->target);
  free(o->temp);
  memset(o, 0, sizeof *o);
}

rb_file_status rb_file_write_whole(const char *path, const void *data, size_t len, char *err, size_t err_size) {
  return rb_file_write_whole_lang(RB_LANG_EN, path, data, len, err, err_size);
}

rb_file_status rb_file_write_whole_lang(rb_lang lang, const char *path, const void *data, size_t len, char *err,
                                        size_t err_size) {
  rb_file_out o;
  rb_file_status s = rb_file_out_open_lang(&o, lang, path, err, err_size);
  if (s != RB_FILE_OK) return s;
  rb_file_out_write(&o, data, len);
  return rb_file_out_commit(&o, err, err_size);
}
