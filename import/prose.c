#include "import/import_private.h"
void imp_read_prose(imp_ctx *cx) { (void)cx; }
