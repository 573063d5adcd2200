/*
** dynlib.c — libraries loaded the first time a command needs them (dynlib.h).
*/
#include "base/dynlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* dlsym gives an object pointer that POSIX requires to convert to the
** function's pointer; it is copied into the slot as bytes. */
_Static_assert(sizeof(void *) == sizeof(void (*)(void)), "a function pointer is the size of a data pointer");

static pthread_mutex_t loading = PTHREAD_MUTEX_INITIALIZER;

static void remember(rb_dynlib *lib, const char *why) {
  snprintf(lib->why, sizeof lib->why, "%s", why ? why : "?");
  lib->state = -1;
}

static void load(rb_dynlib *lib) {
  /* RTLD_LOCAL: the library's names stay out of the global scope, so a
  ** library loaded later cannot bind to them by accident. */
  void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
  if (!h) {
    remember(lib, dlerror());
    return;
  }
  for (size_t i = 0; i < lib->count; i++) {
    dlerror();
    void *p = dlsym(h, lib->syms[i].name);
    if (!p) {
      const char *e = dlerror();
      remember(lib, e ? e : lib->syms[i].name);
      return; /* left loaded, never used: the state says it failed */
    }
    memcpy(lib->syms[i].slot, &p, sizeof p);
  }
  lib->state = 1;
}

bool rb_dynlib_load(rb_dynlib *lib, rb_lang lang, char *reason, size_t size) {
  pthread_mutex_lock(&loading);
  if (lib->state == 0) load(lib);
  int state = lib->state;
  pthread_mutex_unlock(&loading);
  if (state == 1) return true;
  if (reason && size) {
    if (lib->package[0])
      snprintf(reason, size, rb_from_en(lang, "%s (Debian package %s: apt-get install %s) cannot be loaded: %s"),
               lib->soname, lib->package, lib->package, lib->why);
    else
      snprintf(reason, size, rb_from_en(lang, "%s cannot be loaded: %s"), lib->soname, lib->why);
  }
  return false;
}
