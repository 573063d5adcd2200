#include "author/author.h"
int rb_fmt(const char *name, const char *text, size_t len, rb_diags *diags, char **out, size_t *out_len) { (void)name; (void)text; (void)len; (void)diags; (void)out; (void)out_len; return 4; }
