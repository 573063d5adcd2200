/*
** builtin_table.c — the table of built-in functions, expanded from
** RB_BUILTINS (builtins.h): name, argument counts and documentation, indexed
** by rb_builtin_id.  The compiler resolves names here, the verifier checks
** argument counts here, and the disassembler and docs print from here.
*/
#include "vm/builtins.h"

const rb_builtin_info rb_builtin_table[RB_BUILTIN_COUNT] = {
#define X(id, name, min, max, doc) {name, min, max, doc},
    RB_BUILTINS(X)
#undef X
};
