/*
** explain.h — `rubric explain`: every number of a result, taken apart.
**
** For a result of one report (or one section or item of it): how each target
** and actual was read from its text, how a section's weight was split among
** its items (the policy, the remainder, which items got which share), each
** item's formula with its numbers, the exact value and the rounding step, the
** qualitative tier and the phrase matched, and counterfactuals computed by
** running the program again on the report with one actual changed: the
** actual that earns an item full marks, and the smallest change of one actual
** that moves the grade up or down.
**
** Nothing here knows a rubric: the split comes from what SPLIT recorded on
** the section (rb_node.split), the formula from the item's explanation, the
** counterfactuals from re-running the VM, searched on the decimal grid of the
** values as written.
*/
#ifndef RUBRIC_EXPLAIN_H
#define RUBRIC_EXPLAIN_H

#include <stdbool.h>
#include <stdio.h>

#include "base/messages.h"
#include "vm/result.h"
#include "vm/vm.h"

struct rb_report;

/* Write the explanation of res (a successful run of vm's program on
** report) as text, or as one JSON object on one line when json.  path, when
** not NULL, names a section or item: names from the first section down
** joined by '/' or '›' ("产出/媒体宣传次数"), or one name, or a part of one
** name, that only one node has.  The report is changed during the
** counterfactual runs and restored before returning; res must not be
** changed by them (messages are made first).  Returns false with *why set
** (a message in lang) when path names no node or more than one. */
bool rb_explain(rb_vm *vm, struct rb_report *report, const rb_result *res, const char *path, bool json, rb_lang lang,
                FILE *out, char *why, size_t why_size);

#endif /* RUBRIC_EXPLAIN_H */
