/*
** dynlib.h — libraries loaded the first time a command needs them.
**
** Reading .xlsx/.docx files (libzip, expat) and writing Excel workbooks or
** SQLite databases (libxlsxwriter, SQLite) are a few commands' business; a
** batch of JSON Lines, `rubric check`, `rubric --version` never call them.
** Linked in the ordinary way, the dynamic loader would map and relocate
** them, and the four libraries they pull in (libcrypto among them), in
** every run: 5 ms of a 9 ms start, paid again by each short command
** and by the serial part of `batch -j N` (docs/performance.md).  So the
** modules that use them load them here, with dlopen, when they are first
** used.
**
** The library is named by its SONAME, which the build reads from the very
** file it compiled against (CMakeLists.txt, rubric_dynlib), so the ABI is the
** one the headers describe; each function is kept in a pointer of the
** declared type (__typeof__), so every call is checked against the header as
** a direct call would be.  A module writes:
**
**   #define ZIP_FUNCTIONS(X) X(zip_open) X(zip_fread) …
**   static struct { ZIP_FUNCTIONS(RB_DYN_POINTER) } zl;      // zl.zip_open(…)
**   #define ZIP_SYM(f) RB_DYN_SYMBOL(zl, f)
**   static const rb_dynsym zip_syms[] = {ZIP_FUNCTIONS(ZIP_SYM)};
**   static rb_dynlib libzip = RB_DYNLIB(RUBRIC_SONAME_LIBZIP, RUBRIC_PACKAGE_LIBZIP, zip_syms);
**
** and calls rb_dynlib_load(&libzip, …) before the first call.
*/
#ifndef RUBRIC_DYNLIB_H
#define RUBRIC_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

#include "base/messages.h"

/* One function: its name and where its address goes (a pointer to a
** function pointer of the declared type). */
typedef struct rb_dynsym {
  const char *name;
  void *slot;
} rb_dynsym;

typedef struct rb_dynlib {
  const char *soname;  /* "libzip.so.4" */
  const char *package; /* the Debian package that holds it, "libzip4"; "" when the build did not know */
  const rb_dynsym *syms;
  size_t count;
  int state;        /* 0 not tried yet, 1 loaded, -1 failed (why holds the reason) */
  char why[512];    /* the loader's reason, in its own words */
} rb_dynlib;

#define RB_DYN_POINTER(f) __typeof__(f) *f;
#define RB_DYN_SYMBOL(api, f) {#f, &(api).f},
#define RB_DYNLIB(soname, package, syms) {soname, package, syms, sizeof(syms) / sizeof(syms)[0], 0, {0}}

/* Load lib and fill every pointer of its table, once: later calls give the
** first call's answer.  Safe to call from several threads.  False when the
** library cannot be loaded or lacks one of the functions; then `reason`
** (size bytes) says which library, its package, and the loader's reason, in
** lang:
**   "libzip.so.4 (Debian package libzip4: apt-get install libzip4) cannot be
**   loaded: <dlerror>"; without the part in brackets when the build did not
**   know the package. */
bool rb_dynlib_load(rb_dynlib *lib, rb_lang lang, char *reason, size_t size);

#endif /* RUBRIC_DYNLIB_H */
