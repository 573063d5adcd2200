/*
** hash.h — the one string hash of rubric: FNV-1a over bytes.
**
** Used where names are matched once per program and looked up by hash
** afterwards: the .rbc string table (rbc.c), the compiler's constant pool
** (codegen.c), and the VM's fact and self-score bindings (vm.c).  Not for
** anything an adversary could exploit beyond slowing a lookup down.
*/
#ifndef RUBRIC_HASH_H
#define RUBRIC_HASH_H

#include <stddef.h>
#include <stdint.h>

#define RB_HASH_SEED UINT64_C(0xcbf29ce484222325)

/* Continue hash h over len bytes of data; start from RB_HASH_SEED. */
static inline uint64_t rb_hash_bytes(uint64_t h, const void *data, size_t len) {
  const unsigned char *b = data;
  for (size_t i = 0; i < len; i++) {
    h ^= b[i];
    h *= UINT64_C(0x100000001b3);
  }
  return h;
}

#endif /* RUBRIC_HASH_H */
