/*
** native.h — native functions: C functions a rubric declares and the VM calls
** through libffi.
**
** A rubric declares a native function with its C types, its library and its
** symbol:
**
**     native 加权平均(rates: list, funds: list): number from "libweighted.so"
**         symbol "weighted_average" pure
**
** Natives are off by default.  Before a program that declares one can run,
** it is linked (rb_program_link) under a policy that names the libraries the
** user allowed (`--allow-native LIB`, or all of them).  Linking opens each
** library, finds each symbol and prepares the libffi call interface once per
** declaration; running then only converts values and calls.  Functions the
** embedding program provides are registered by name (library "host") and need
** no dlopen.  A program that is not linked refuses to call any native.
*/
#ifndef RUBRIC_NATIVE_H
#define RUBRIC_NATIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vm/program.h"
#include "vm/value.h"

struct rb_vm;

/* A C function registered by the program that embeds rubric. */
typedef struct rb_host_function {
  const char *name;   /* the name a rubric declares it under (library host) */
  void (*fn)(void);   /* the function, cast; called with its real signature */
  uint8_t result;     /* rb_native_type */
  uint8_t param_count;
  uint8_t params[RB_MAX_NATIVE_PARAMS];
} rb_host_function;

/* What the user allowed. */
typedef struct rb_native_policy {
  bool allow_all;               /* --allow-native=all */
  const char *const *allowed;   /* libraries named with --allow-native, as declared or by file name */
  size_t allowed_count;
  const rb_host_function *host; /* functions registered by the host program */
  size_t host_count;
} rb_native_policy;

/* Link every native of p under policy.  Returns false with a message that
** names the declaration (file:line:column) and says how to allow it, when a
** native is not allowed, its library cannot be loaded, its symbol is missing,
** or a host function's registered types differ from the declaration.  A
** program without natives links trivially.  Call before sharing p between
** threads. */
bool rb_program_link(rb_program *p, const rb_native_policy *policy, char *err, size_t err_size);

/* Close the libraries and free the bindings (before rb_program_free). */
void rb_program_unlink(rb_program *p);

/* Call native `index` with argc arguments (VM only). */
bool rb_native_call(struct rb_vm *vm, uint32_t index, rb_value *args, int argc, rb_value *out);

#endif /* RUBRIC_NATIVE_H */
