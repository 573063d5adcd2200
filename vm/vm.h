/*
** vm.h — running a compiled rubric on a report.
**
** A VM holds the working memory of one run: the value stack, call frames,
** the resolved inputs of the current report.  It reads the program but never
** changes it, so one program can be run by many VMs in many threads at once;
** a VM itself is used by one thread at a time and is reused report after
** report (nothing is allocated per report once it has warmed up, except
** results' own arenas).
*/
#ifndef RUBRIC_VM_H
#define RUBRIC_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "base/messages.h"

#include "vm/program.h"
#include "vm/result.h"

struct rb_report;

typedef struct rb_vm rb_vm;

/* A VM for program p (which must outlive it); NULL when out of memory.  p
** must have passed rb_program_verify and rb_program_size_stacks, as every
** program the compiler or the loader returns has: the VM trusts its code. */
rb_vm *rb_vm_new(const rb_program *p);
/* Free a VM (NULL: nothing). */
void rb_vm_free(rb_vm *vm);

/* The most instructions one report may take before the run is stopped with
** an error (default 50 million): a guard against corrupt or hostile bytecode,
** since compiled rubrics always terminate. */
void rb_vm_set_budget(rb_vm *vm, uint64_t instructions);

/* Whether items get their explanation text ("min(145/110, 1) × 3.64 =
** 3.64"); on by default.  A batch that prints only totals turns it off. */
void rb_vm_set_explain(rb_vm *vm, bool on);

/* Whether a run records `unread` findings for report content the rubric
** does not read — members format v1 does not define, facts no input reads,
** self scores whose path names no node of the tree (on by default).  Rows no
** item scores are always reported (`unscored`). */
void rb_vm_set_unread(rb_vm *vm, bool on);
/* The language of runtime errors (English by default): rb_vm_error's
** formats are written in English, base/messages_en.h gives their Chinese. */
void rb_vm_set_error_lang(rb_vm *vm, rb_lang lang);

/* The language of the findings and explanations runs write in their own
** words (base/messages_zh.h); Chinese by default.  Names and messages a
** rubric or report wrote are as written. */
void rb_vm_set_lang(rb_vm *vm, rb_lang lang);

/* Run the program on report (NULL: no report; inputs are then missing) and
** fill out (cleared first).  Returns out->ok: false after a runtime error,
** whose message is in out->error.  Does not call rb_result_compare. */
bool rb_vm_run(rb_vm *vm, const struct rb_report *report, rb_result *out);

#endif /* RUBRIC_VM_H */
