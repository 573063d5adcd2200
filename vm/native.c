/*
** native.c — linking and calling native functions through libffi (native.h).
**
** Linking happens once per program: each declaration is checked against the
** policy, its library opened with dlopen (or its host function looked up),
** its symbol found with dlsym, and its libffi call interface (ffi_cif)
** prepared from the declared C types.  A call then converts each argument at
** the boundary — exact numbers to int64_t only when they are whole numbers
** that fit, to double only where the declaration says number — calls with
** ffi_call, and converts the result back to an exact value (a double through
** its shortest decimal form that reads back as the same double, so 0.1 comes
** back as 0.1, not as the 55-digit binary fraction).
**
** The bindings are the only mutable part of a program, written by
** rb_program_link before the program is shared; the VM only reads them.
*/
#define _GNU_SOURCE /* RTLD_*, dladdr, dlinfo and process_vm_readv with -std=c11 */
#include "vm/native.h"

#include <dlfcn.h>
#include <errno.h>
#include <ffi.h>
#include <limits.h>
#include <link.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "base/utf8.h"

#include "vm/vm_internal.h"

/* One native, linked: its code and its call interface.  A list parameter
** takes two C arguments, so a cif has up to twice the declared count. */
struct rb_native_binding {
  void *handle;      /* from dlopen, or NULL for a host function */
  void (*fn)(void);
  ffi_cif cif;
  ffi_type *types[2 * RB_MAX_NATIVE_PARAMS];
  unsigned nargs;
};

/* The libffi type of size_t. */
static ffi_type *size_type(void) { return sizeof(size_t) == 8 ? &ffi_type_uint64 : &ffi_type_uint32; }

/* The libffi type of a declared native type (a list's array is a pointer). */
static ffi_type *ffi_of(rb_native_type t) {
  switch (t) {
  case RB_NTYPE_INTEGER: return &ffi_type_sint64;
  case RB_NTYPE_NUMBER: return &ffi_type_double;
  case RB_NTYPE_TEXT: return &ffi_type_pointer;
  case RB_NTYPE_BOOL: return &ffi_type_sint;
  case RB_NTYPE_DATE: return &ffi_type_sint32;
  default: return &ffi_type_pointer;
  }
}

/* "(list, list): number" for messages. */
static void signature(const uint8_t *params, unsigned count, uint8_t result, char *buf, size_t size) {
  size_t n = (size_t)snprintf(buf, size, "(");
  for (unsigned i = 0; i < count && n < size; i++)
    n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "", rb_native_type_names[params[i]]);
  if (n < size) snprintf(buf + n, size - n, "): %s", rb_native_type_names[result]);
}

/* The file name of a path, without its directory. */
static const char *base_name(const char *path) {
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* A linking message about native n into err, in the program's language,
** after its declaration's file:line:column. */
static void link_error(const rb_program *p, const rb_native *n, char *err, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void link_error(const rb_program *p, const rb_native *n, char *err, size_t size, const char *fmt, ...) {
  int k = 0;
  if (n->file < p->file_count) k = snprintf(err, size, "%s:%u:%u: ", p->files[n->file], n->line, n->column);
  if (k < 0 || (size_t)k >= size) k = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err + k, size - (size_t)k, rb_from_en(p->lang, fmt), ap);
  va_end(ap);
}

/* The path to dlopen for a declared library, or NULL when not allowed.  The
** user's allowance decides where a library is loaded from, never the
** rubric: a declaration names a library by its file name (a directory in it
** is ignored), an allowed entry with a directory ("build/libweighted.so")
** says where that file is, and a bare allowed name — or --allow-native=all —
** loads it from the system's library search path.  So a rubric declaring
** `from "/any/dir/libweighted.so"` cannot make the host run a library of its
** choosing under an allowance for libweighted.so. */
static const char *allowed_path(const rb_native_policy *policy, const char *library) {
  for (size_t i = 0; i < policy->allowed_count; i++) {
    const char *a = policy->allowed[i];
    if (strcmp(base_name(a), base_name(library)) == 0) return a;
  }
  return policy->allow_all ? base_name(library) : NULL;
}

/* Whether sym is defined in the library of handle itself.  dlsym on a
** library handle also searches the libraries it depends on, so an allowance
** for libm.so.6 would otherwise reach libc's system(). */
static bool defined_in(void *handle, void *sym, const char **where) {
  Dl_info info;
  struct link_map *map = NULL;
  *where = "?";
  if (!dladdr(sym, &info) || !info.dli_fname || dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || !map) return false;
  *where = info.dli_fname;
  char a[PATH_MAX], b[PATH_MAX];
  if (!realpath(info.dli_fname, a) || !realpath(map->l_name, b)) return strcmp(info.dli_fname, map->l_name) == 0;
  return strcmp(a, b) == 0;
}

void rb_program_unlink(rb_program *p) {
  if (!p || !p->bindings) return;
  for (uint32_t i = 0; i < p->native_count; i++)
    if (p->bindings[i].handle) dlclose(p->bindings[i].handle);
  free(p->bindings);
  p->bindings = NULL;
}

bool rb_program_link(rb_program *p, const rb_native_policy *policy, char *err, size_t err_size) {
  rb_program_unlink(p);
  if (p->native_count == 0) return true;
  static const rb_native_policy none = {0};
  if (!policy) policy = &none;
  struct rb_native_binding *b = calloc(p->native_count, sizeof *b);
  if (!b) {
    snprintf(err, err_size, "%s", rb_text_from_en(p->lang, "out of memory"));
    return false;
  }
  p->bindings = b;
  for (uint32_t i = 0; i < p->native_count; i++) {
    const rb_native *n = &p->natives[i];
    struct rb_native_binding *k = &b[i];
    char sig[256];
    signature(n->params, n->param_count, n->result, sig, sizeof sig);
    if (strcmp(n->library, "host") == 0) {
      const rb_host_function *h = NULL;
      for (size_t j = 0; j < policy->host_count; j++)
        if (strcmp(policy->host[j].name, n->name) == 0) h = &policy->host[j];
      if (!h) {
        link_error(p, n, err, err_size,
                   "native function '%s' is to come from the host program, which registers no function of "
                   "that name",
                   n->name);
        goto fail;
      }
      if (h->param_count != n->param_count || h->result != n->result ||
          memcmp(h->params, n->params, n->param_count) != 0) {
        char hsig[256];
        signature(h->params, h->param_count, h->result, hsig, sizeof hsig);
        link_error(p, n, err, err_size, "native function '%s' is declared %s but the host registered it as %s",
                   n->name, sig, hsig);
        goto fail;
      }
      k->fn = h->fn;
    } else {
      const char *path = allowed_path(policy, n->library);
      if (!path) {
        link_error(p, n, err, err_size,
                   "native function '%s' calls into %s; native code is off by default: allow it with "
                   "--allow-native %s (or --allow-native=all)",
                   n->name, n->library, n->library);
        goto fail;
      }
      k->handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
      if (!k->handle) {
        const char *why = dlerror();
        link_error(p, n, err, err_size, "native function '%s': cannot load %s: %s", n->name, path,
                   why ? why : rb_text_from_en(p->lang, "unknown error"));
        goto fail;
      }
      dlerror();
      void *sym = dlsym(k->handle, n->symbol);
      if (!sym) {
        link_error(p, n, err, err_size, "native function '%s': %s has no function named %s", n->name, path,
                   n->symbol);
        goto fail;
      }
      const char *where;
      if (!defined_in(k->handle, sym, &where)) {
        link_error(p, n, err, err_size,
                   "native function '%s': %s is not defined in %s itself (it comes from %s), and only the "
                   "allowed library's own functions may be called",
                   n->name, n->symbol, path, base_name(where));
        goto fail;
      }
      /* Object to function pointer: the cast POSIX dlsym requires. */
      memcpy(&k->fn, &sym, sizeof k->fn);
    }
    k->nargs = 0;
    for (unsigned j = 0; j < n->param_count; j++) {
      if (n->params[j] == RB_NTYPE_LIST) {
        k->types[k->nargs++] = &ffi_type_pointer;
        k->types[k->nargs++] = size_type();
      } else {
        k->types[k->nargs++] = ffi_of((rb_native_type)n->params[j]);
      }
    }
    if (ffi_prep_cif(&k->cif, FFI_DEFAULT_ABI, k->nargs, ffi_of((rb_native_type)n->result), k->types) != FFI_OK) {
      link_error(p, n, err, err_size, "native function '%s': libffi cannot prepare a call with types %s", n->name,
                 sig);
      goto fail;
    }
  }
  return true;
fail:
  rb_program_unlink(p);
  return false;
}

enum { NATIVE_TEXT_MAX = 64 * 1024 };

/* Copy n bytes at src in this process to dst through the kernel, so that an
** unmapped src fails with -1 instead of a crash.  process_vm_readv first;
** where a sandbox forbids it (ENOSYS, EPERM), a pipe: write(2) from an
** unmapped address fails with EFAULT in the same way.  n is at most a page,
** below any pipe's capacity. */
static ssize_t read_own_memory(void *dst, const void *src, size_t n) {
  struct iovec local = {dst, n}, remote = {(void *)(uintptr_t)src, n};
  ssize_t got = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
  if (got >= 0 || (errno != ENOSYS && errno != EPERM)) return got;
  int fds[2];
  if (pipe(fds) != 0) return -1;
  got = write(fds[1], src, n);
  if (got > 0) got = read(fds[0], dst, (size_t)got);
  close(fds[0]);
  close(fds[1]);
  return got;
}

/* Copy the NUL-terminated text a native function returned at s into the
** arena, reading it through the kernel (read_own_memory) a page at a time: a result declared text whose function really returned a
** number (labs declared ": text") is an unmapped address, which fails
** here with EFAULT instead of crashing the process.  NULL (and *why set)
** when the text cannot be read, is longer than NATIVE_TEXT_MAX, or is not
** UTF-8. */
static const char *copy_native_text(rb_arena *arena, const char *s, const char **why) {
  char *buf = malloc(NATIVE_TEXT_MAX + 1);
  if (!buf) {
    *why = "out of memory";
    return NULL;
  }
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0) page = 4096;
  size_t len = 0;
  for (;;) {
    uintptr_t at = (uintptr_t)s + len;
    size_t chunk = (size_t)page - at % (size_t)page; /* never across a page */
    if (chunk > NATIVE_TEXT_MAX - len) chunk = NATIVE_TEXT_MAX - len;
    ssize_t got = chunk ? read_own_memory(buf + len, (const void *)at, chunk) : 0;
    if (got <= 0) {
      free(buf);
      *why = chunk ? "its result is not a readable text (is the result type declared right?)" : "its text is too long";
      return NULL;
    }
    void *nul = memchr(buf + len, '\0', (size_t)got);
    if (nul) {
      len = (size_t)((char *)nul - buf);
      break;
    }
    len += (size_t)got;
  }
  const char *out = NULL;
  if (rb_utf8_valid_length(buf, len) != len) *why = "its result is not UTF-8 text (is the result type declared right?)";
  else if (!(out = rb_arena_strndup(arena, buf, len))) *why = "out of memory";
  free(buf);
  return out;
}

/* A double back to an exact number: the shortest decimal that reads back as
** the same double. */
static bool double_to_num(rb_numctx *cx, double d, rb_num *out) {
  if (!isfinite(d)) return false;
  char buf[64];
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(buf, sizeof buf, "%.*g", prec, d);
    if (strtod(buf, NULL) == d) break;
  }
  return rb_num_parse(cx, buf, strlen(buf), out);
}

/* Add "f(a, b) = r" to the item's explanation. */
static void explain_call(rb_vm *vm, const rb_native *n, rb_value *args, int argc, rb_value result) {
  if (!vm->explain || !vm->current || !vm->current->is_item) return;
  char buf[1024];
  size_t len = 0;
  const char *prev = vm->item.explain;
  if (prev) len = (size_t)snprintf(buf, sizeof buf, "%s；", prev);
  len += (size_t)snprintf(buf + len, sizeof buf - len, "%s(", n->name);
  for (int i = 0; i < argc && len < sizeof buf; i++) {
    const char *t;
    char tmp[32];
    if (args[i].type == RB_V_LIST) {
      snprintf(tmp, sizeof tmp, rb_from_zh(vm->lang, "[%u 项]"), args[i].as.list ? args[i].as.list->count : 0);
      t = tmp;
    } else {
      t = rb_vm_value_text(vm, args[i]);
    }
    len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? ", " : "", t);
  }
  if (len < sizeof buf) snprintf(buf + len, sizeof buf - len, ") = %s", rb_vm_value_text(vm, result));
  const char *s = rb_arena_strdup(&vm->result->arena, buf);
  if (s) vm->item.explain = s;
}

/* The C form of one argument, as ffi_call reads it through values[]. */
typedef union c_value {
  int64_t i;
  double d;
  const char *s;
  int b;
  int32_t date;
  const double *list;
  size_t count;
} c_value;

/* Convert argument i (v) of native n to the C type its declaration gives,
** into storage[*c] (a list takes two: the array of doubles and its count),
** pointing values[] at each and advancing *c.  Whole numbers for integer,
** the (lossy, declared) double for number, a copy of the text, 0 or 1,
** days; nil is refused.  Returns false after an error. */
static bool c_argument(rb_vm *vm, const rb_native *n, int i, rb_value v, c_value *storage, void **values,
                       unsigned *c) {
  rb_arena *arena = &vm->result->arena;
  c_value *slot = &storage[*c];
  if (v.type == RB_V_NIL) {
    rb_vm_error(vm, "native function '%s': argument %d is missing", n->name, i + 1);
    return false;
  }
  switch ((rb_native_type)n->params[i]) {
  case RB_NTYPE_INTEGER:
    if (v.type != RB_V_NUM || !rb_num_to_int64(v.as.num, &slot->i)) {
      rb_vm_error(vm, "native function '%s': argument %d must be a whole number that fits in 64 bits, not %s",
                  n->name, i + 1, rb_vm_value_text(vm, v));
      return false;
    }
    break;
  case RB_NTYPE_NUMBER:
    if (v.type != RB_V_NUM) {
      rb_vm_error(vm, "native function '%s': argument %d must be a number", n->name, i + 1);
      return false;
    }
    slot->d = rb_num_to_double(v.as.num); /* declared: the loss is the rubric's choice */
    break;
  case RB_NTYPE_TEXT: {
    const char *chars = "";
    uint32_t len = 0;
    if (v.type == RB_V_TEXT) chars = v.as.text.chars, len = v.as.text.len;
    else if (v.type == RB_V_MEASURE && v.as.measure->text) chars = v.as.measure->text, len = (uint32_t)strlen(chars);
    else {
      rb_vm_error(vm, "native function '%s': argument %d must be text", n->name, i + 1);
      return false;
    }
    slot->s = rb_arena_strndup(arena, chars, len);
    if (!slot->s) return false;
    break;
  }
  case RB_NTYPE_BOOL:
    if (v.type != RB_V_BOOL) {
      rb_vm_error(vm, "native function '%s': argument %d must be true or false", n->name, i + 1);
      return false;
    }
    slot->b = v.as.boolean ? 1 : 0;
    break;
  case RB_NTYPE_DATE:
    if (v.type != RB_V_DATE) {
      rb_vm_error(vm, "native function '%s': argument %d must be a date", n->name, i + 1);
      return false;
    }
    slot->date = v.as.date;
    break;
  case RB_NTYPE_LIST: {
    if (v.type != RB_V_LIST) {
      rb_vm_error(vm, "native function '%s': argument %d must be a list of numbers", n->name, i + 1);
      return false;
    }
    uint32_t count = v.as.list ? v.as.list->count : 0;
    double *d = rb_arena_calloc(arena, count ? count : 1, sizeof *d);
    if (!d) return false;
    for (uint32_t j = 0; j < count; j++) {
      rb_value e = v.as.list->items[j];
      if (e.type != RB_V_NUM) {
        rb_vm_error(vm, "native function '%s': element %u of argument %d is not a number", n->name, j + 1, i + 1);
        return false;
      }
      d[j] = rb_num_to_double(e.as.num);
    }
    slot->list = d;
    values[*c] = slot;
    (*c)++;
    slot = &storage[*c];
    slot->count = count;
    break;
  }
  default: rb_vm_error(vm, "native function '%s': bad parameter type", n->name); return false;
  }
  values[*c] = slot;
  (*c)++;
  return true;
}

/* What ffi_call wrote for a result: wide enough for any of the types. */
typedef union c_result {
  ffi_arg word;
  ffi_sarg sword;
  int64_t i;
  double d;
  const char *s;
} c_result;

/* Convert the C result of native n back to a value in *out: an exact
** number (a double through its shortest decimal form), a copy of the text
** read safely (copy_native_text; NULL: nil), a boolean, a day in the years 1 to 9999.  Returns false
** after an error (NaN, infinity, a day out of range). */
static bool c_result_value(rb_vm *vm, const rb_native *n, const c_result *ret, rb_value *out) {
  switch ((rb_native_type)n->result) {
  case RB_NTYPE_INTEGER: *out = rb_number(rb_num_int(ret->i), RB_UNIT_PLAIN); return true;
  case RB_NTYPE_NUMBER: {
    rb_num v;
    if (!double_to_num(vm->result->nums, ret->d, &v)) {
      rb_vm_error(vm, "native function '%s' returned %s, not a number", n->name, isnan(ret->d) ? "NaN" : "infinity");
      return false;
    }
    *out = rb_number(v, RB_UNIT_PLAIN);
    return true;
  }
  case RB_NTYPE_TEXT:
    if (!ret->s) *out = rb_nil();
    else {
      const char *why = NULL;
      const char *s = copy_native_text(&vm->result->arena, ret->s, &why);
      if (!s) {
        rb_vm_error(vm, "native function '%s': %s", n->name, why);
        return false;
      }
      *out = rb_text(s, (uint32_t)strlen(s));
    }
    return true;
  case RB_NTYPE_BOOL: *out = rb_bool((int)ret->sword != 0); return true;
  case RB_NTYPE_DATE: {
    rb_value d = {.type = RB_V_DATE};
    d.as.date = (int32_t)ret->sword;
    int y, m, dd;
    rb_date_to_ymd(d.as.date, &y, &m, &dd);
    if (y < 1 || y > 9999) {
      rb_vm_error(vm, "native function '%s' returned a day outside the years 1 to 9999", n->name);
      return false;
    }
    *out = d;
    return true;
  }
  default: *out = rb_nil(); return true;
  }
}

bool rb_native_call(rb_vm *vm, uint32_t index, rb_value *args, int argc, rb_value *out) {
  const rb_program *p = vm->program;
  const rb_native *n = &p->natives[index];
  if (!p->bindings) {
    rb_vm_error(vm, "native function '%s' (from %s) is not allowed: native code is off by default; allow it with "
                "--allow-native %s",
                n->name, n->library, n->library);
    return false;
  }
  struct rb_native_binding *k = &p->bindings[index]; /* ffi_call takes a non-const cif */
  c_value storage[2 * RB_MAX_NATIVE_PARAMS];
  void *values[2 * RB_MAX_NATIVE_PARAMS];
  unsigned c = 0;
  for (int i = 0; i < argc; i++)
    if (!c_argument(vm, n, i, args[i], storage, values, &c)) return false;
  c_result ret;
  memset(&ret, 0, sizeof ret);
  ffi_call(&k->cif, k->fn, &ret, values);
  if (!c_result_value(vm, n, &ret, out)) return false;
  explain_call(vm, n, args, argc, *out);
  return true;
}
