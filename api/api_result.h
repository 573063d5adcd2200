/*
** api_result.h — the interface's result object, shared by api.c (running)
** and result_read.c (reading a result row by row).  Private to api/.
*/
#ifndef RUBRIC_API_RESULT_H
#define RUBRIC_API_RESULT_H

#include "rubric.h"
#include "vm/result.h"

struct rubric_result {
  rb_result *res;
  rubric_tolerance tolerance; /* of the run that made it */
};

#endif /* RUBRIC_API_RESULT_H */
