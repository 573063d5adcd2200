/*
** fuzz_import.c — libFuzzer harness for `rubric import`: any bytes as text
** extracted from a PDF must be imported or refused with a message, and what
** is imported must be report format v1 that the JSON reader reads.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run from the project root, seeded
** with the import fixtures:
**   build/tests/fuzz/fuzz_import tests/import/fixtures -max_total_time=60
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "import/import.h"
#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rb_import_result res;
  char err[512] = "";
  if (!rb_import_text((const char *)data, size, "fuzz.txt", "fuzz", &res, err, sizeof err)) {
    if (!err[0]) abort(); /* refused without saying why */
    return 0;
  }
  rb_report *r = rb_report_new();
  rb_report_error rerr;
  if (!rb_report_read_json(r, res.json, res.json_len, "fuzz.json", 0, &rerr)) abort(); /* JSON the reader refuses */
  rb_report_free(r);
  rb_import_result_free(&res);
  return 0;
}
