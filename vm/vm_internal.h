/*
** vm_internal.h — the VM's state, shared by the dispatch loop (vm.c) and the
** built-in functions (builtins.c).  Not part of any public interface.
*/
#ifndef RUBRIC_VM_INTERNAL_H
#define RUBRIC_VM_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "base/messages.h"
#include "report/report.h"
#include "vm/builtins.h"
#include "vm/program.h"
#include "vm/result.h"
#include "vm/value.h"
#include "vm/vm.h"

/* Limits of one VM.  The value stack holds every frame's locals and
** operands; each function's operand depth is bounded by the verifier and
** recorded by rb_program_size_stacks (vm/verify.c), and the call depth is
** bounded here (compiled rubrics cannot recurse, but a hand-made .rbc file
** could). */
enum { RB_VM_STACK = 1 << 16, RB_VM_FRAMES = 256 };

typedef struct rb_frame {
  const uint8_t *ip;    /* where to continue in the caller */
  rb_value *base;       /* the function's slot 0 */
} rb_frame;

/* What the VM knows about the item being scored. */
typedef struct rb_item_ctx {
  rb_node *node;
  const uint8_t *end;   /* its ITEM_END: where a "missing self" input continues */
  rb_value *sp;         /* operand stack height at the item's start (in the
                           main frame, the only one that opens items) */
  bool na;              /* na() was called */
  const char *explain;  /* set by the scoring built-ins */
  const char *formula;  /* FORMULA: the score expression as written, or NULL */
  uint32_t explained;   /* built-in calls that set an explanation */
  rb_value explained_value; /* the result of the last of them */
  uint32_t first_finding; /* findings recorded from here on are the item's */
  const char *matched;  /* the last text an equality held for (note_match) */
  /* The report's row_used and indicators while the item is open on a report
  ** (NULL otherwise): a row whose figures the item reads is marked scored
  ** here, with no test of the open node per field read (get_field). */
  uint8_t *row_used;
  const rb_indicator *rows;
} rb_item_ctx;

/* An input resolved for the current report. */
typedef struct rb_input_value {
  bool present;
  bool reported;        /* its missing-value finding is already recorded */
  rb_value value;
} rb_input_value;

/* Fact inputs bound by name once per program: an open-addressing table from
** the hash of a fact name to the first input reading it; inputs reading the
** same fact are chained through fact_next.  Per report, each fact the report
** gives is hashed once and lands in the slots of its inputs (fact_of). */
typedef struct rb_fact_binding {
  uint64_t hash;
  int32_t input;        /* -1: empty bucket */
} rb_fact_binding;

/* plain()'s answer for one text of the current run (rb_vm.plain_memo). */
typedef struct rb_plain_memo {
  const char *in, *out;
  uint32_t in_len, out_len;
  uint32_t run;         /* rb_vm.run of the run that made it (0: none) */
} rb_plain_memo;

enum { RB_PLAIN_MEMO = 256 }; /* entries, a power of two */

struct rb_vm {
  const rb_program *program;
  rb_value *consts;     /* the constant pool as values, made once */
  uint64_t *const_hash; /* name hash of each text constant (section and item names);
                           for a set of texts, bit min(len, 63) set for each text's length */
  rb_fact_binding *fact_table;
  uint32_t fact_mask;   /* table size − 1 (a power of two), 0 without fact inputs */
  int32_t *fact_next;   /* per input: the next input reading the same fact, or -1 */
  const struct rb_fact **fact_of; /* per input: the report's fact, this run */
  uint64_t *self_hash;  /* per self score of the report: the hash of its path, this run */
  size_t self_hash_cap;
  const rb_report *report;
  rb_result *result;
  uint64_t budget;
  bool explain;         /* format explanations (rb_vm_set_explain) */
  rb_value *stack;
  rb_frame frames[RB_VM_FRAMES];
  rb_input_value *inputs;
  rb_value *globals;    /* program->global_count, nil at the start of a run */
  rb_node *current;     /* the open node: a section, an item, or the root */
  rb_item_ctx item;     /* valid while current->is_item */
  const uint8_t *error_ip; /* the failing instruction (NULL: the program's start) */
  bool failed;
  /* What the run used of the report, for the findings about what it did not
  ** (vm/audit.c): per indicator row, whether an item scored it; per fact and
  ** per self score, whether the rubric reads it. */
  uint8_t *row_used;
  size_t row_used_cap;
  uint8_t *fact_read;
  struct rb_name_list *fact_keys; /* the fact keys for "did you mean" (audit.c), made at the first audit */
  size_t fact_read_cap;
  uint8_t *self_used;
  size_t self_used_cap;
  bool report_unread;   /* record unread findings (rb_vm_set_unread) */
  rb_lang lang;         /* of findings and explanations (rb_vm_set_lang) */
  rb_lang error_lang;   /* of runtime errors (rb_vm_set_error_lang) */
  bool itemises_rows;   /* the program generates items from rows (ITEM_ROW) */
  bool calls_fit;       /* no chain of calls can outgrow the frames or the value
                           stack (calls_fit in vm.c): CALL need not check */
  uint16_t *row_names;  /* ROW_NAMED this run: constants naming rows looked up */
  uint32_t row_name_count, row_name_cap;
  /* plain() asked of the same text again within a run (a row's 一级指标 by
  ** every where-clause that selects rows) answers from here.  A text's
  ** address and length name it while the run lasts: every text a run sees
  ** is the report's, a constant of the program or in the result's arena,
  ** and none of them is changed or freed before the run ends.  Entries of
  ** earlier runs are told apart by their run number. */
  uint32_t run;         /* numbers the runs, from 1 */
  rb_plain_memo plain_memo[RB_PLAIN_MEMO];
  /* The texts of measure kinds and comparators with their lengths, for the
  ** fields kind and cmp ("" for no comparator). */
  struct rb_vm_name {
    const char *chars;
    uint32_t len;
  } kind_names[RB_MK_COUNT], cmp_names[RB_CMP_COUNT];
};

/* After the tree is complete: findings for every indicator row no item
** scored (unscored), and for report content the rubric does not read
** (unread: the reader's notes, facts, self-score paths).  vm/audit.c. */
bool rb_vm_audit(rb_vm *vm);

/* Stop the run with an error at the current instruction: the message is
** completed with the rubric location, the path and the report id. */
void rb_vm_error(rb_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same, at a given source position (a declaration) rather than the
** current instruction. */
void rb_vm_error_at(rb_vm *vm, uint16_t file, uint32_t line, uint32_t column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Stop the run after an operation failed without an error of its own:
** exact arithmetic past its bounds (base/num.h) says which bound, anything
** else is out of memory.  Nothing when the run has already failed. */
void rb_vm_error_unexplained(rb_vm *vm);

/* Call built-in `id` with argc arguments at args; store the result in *out,
** which may be args itself (the VM writes the result over the first
** argument): every built-in reads all its arguments before it writes *out.
** Returns false after calling rb_vm_error. */
bool rb_builtin_call(rb_vm *vm, int id, rb_value *args, int argc, rb_value *out);
/* The built-ins by rb_builtin_id, each with rb_builtin_call's contract; the
** loop calls them here once the verifier has checked the id. */
typedef bool (*rb_builtin_fn)(rb_vm *vm, int id, rb_value *args, int argc, rb_value *out);
extern const rb_builtin_fn rb_builtin_fns[];
/* plain(*text) into *out, as rb_builtin_fns[RB_BUILTIN_PLAIN] does: for
** FIELD_TEXT_TEST, which calls it without the table and the wrapper.
** rb_builtin_plain answers a text met before in this run from the memo
** without a call; rb_builtin_plain_full does the rest (vm/builtins.c). */
bool rb_builtin_plain_full(rb_vm *vm, const rb_value *text, rb_value *out);

/* The memo entry for the text at s, len bytes (rb_vm.plain_memo); *hit when
** it holds that text's answer of this run.  A text is known by where it
** lies: keyed by its bytes instead (length, first and last eight), the memo
** cost more than it saved (193.0 M against 185.4 M instructions for
** mof-2020-project-self on 500 reports), so the report reader gives rows that
** repeat their group's level1 or level2 the first row's text itself
** (report_simd.cpp, take_level). */
static inline rb_plain_memo *rb_plain_memo_find(rb_vm *vm, const char *s, uint32_t len, bool *hit) {
  uintptr_t key = (uintptr_t)s ^ len;
  rb_plain_memo *memo = &vm->plain_memo[(uint32_t)((key * UINT64_C(0x9E3779B97F4A7C15)) >> 56) & (RB_PLAIN_MEMO - 1)];
  *hit = memo->run == vm->run && memo->in == s && memo->in_len == len;
  return memo;
}

static inline bool rb_builtin_plain(rb_vm *vm, const rb_value *text, rb_value *out) {
  if (text->type == RB_V_TEXT) {
    bool hit;
    const rb_plain_memo *memo = rb_plain_memo_find(vm, text->as.text.chars, text->as.text.len, &hit);
    if (hit) {
      rb_set_text(out, memo->out, memo->out_len);
      return true;
    }
  }
  return rb_builtin_plain_full(vm, text, out);
}

/* starts_with(s, p) (id RB_BUILTIN_STARTS_WITH) or contains(s, p) (any
** other id) on the texts' bytes: the test of the built-ins and of
** FIELD_TEXT_TEST, written once. */
static inline bool rb_text_matches(int id, const char *s, uint32_t ls, const char *p, uint32_t lp) {
  if (id == RB_BUILTIN_STARTS_WITH) return lp <= ls && memcmp(s, p, lp) == 0;
  for (uint32_t i = 0; i + lp <= ls; i++)
    if (memcmp(s + i, p, lp) == 0) return true;
  return false;
}

/* A value as text for messages and concat: numbers exact (percentages with
** %, money in 元), dates YYYY-MM-DD, measures as written. */
const char *rb_vm_value_text(rb_vm *vm, rb_value v);

/* Record a finding at the current node (the open item or section).  fmt
** is written in Chinese; a run in English writes its translation
** (base/messages_zh.h). */
rb_finding *rb_vm_finding(rb_vm *vm, rb_finding_kind kind, const char *kind_name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The number a measure stands for, in its own scale (90 for 90%, 元 for
** money, days for a date, the low bound for a range); false for text. */
bool rb_measure_number(const rb_measure *m, rb_num *out);

#endif /* RUBRIC_VM_INTERNAL_H */
