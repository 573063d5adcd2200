/*
** result.h — what running a rubric on one report produces.
**
** The VM builds the result tree as the program opens and closes nodes: the
** root (the rubric, weighing its total), sections, and items with their
** scores and explanations.  Findings are everything a reader must look at:
** a check that failed, an input that was missing and what was done instead,
** a shortfall against a target, a self score that differs from the
** recomputed one.  After the run, rb_result_compare adds the score_mismatch
** findings and ranks all findings by the points at stake.
**
** Everything is owned by the result's arena and number context; a result is
** reused report after report on the batch path (rb_result_clear).
*/
#ifndef RUBRIC_RESULT_H
#define RUBRIC_RESULT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/num.h"
#include "vm/program.h"

struct rb_report;
struct rb_indicator;

/* Finding kinds.  The names are part of the output formats. */
#define RB_FINDING_KINDS(X)                                                            \
  X(SCORE_MISMATCH, "score_mismatch") /* self score ≠ recomputed score              */ \
  X(SHORTFALL, "shortfall")           /* actual below target: points lost           */ \
  X(CHECK_FAILED, "check_failed")     /* a check statement did not hold             */ \
  X(UNVERIFIED, "unverified")         /* a missing input: the self score was taken  */ \
  X(DEFAULTED, "defaulted")           /* a missing input: zero/default/full used    */ \
  X(ROUNDING_ONLY, "rounding_only")   /* a difference within rounding               */ \
  X(REVIEW, "review")                 /* a person must look (qualitative text …)    */ \
  X(DATA_ERROR, "data_error")         /* the report's data do not fit               */ \
  X(UNSCORED, "unscored")             /* an indicator row no item scored            */ \
  X(UNREAD, "unread")                 /* report content the rubric does not read    */ \
  X(WEIGHT_MISMATCH, "weight_mismatch") /* rows' 分值 differ from the rule's weight   */ \
  X(UNEXPLAINED, "unexplained")       /* part of the total difference no item shows */ \
  X(NOTE, "note")                     /* how a value was read, what was assumed     */ \
  X(OTHER, "other")                   /* a kind named by the rubric (flag)          */

typedef enum rb_finding_kind {
#define X(name, text) RB_FINDING_##name,
  RB_FINDING_KINDS(X)
#undef X
  RB_FINDING_KIND_COUNT
} rb_finding_kind;

extern const char *const rb_finding_kind_names[RB_FINDING_KIND_COUNT];

/* rb_node.split when the rows' published weights were taken. */
enum { RB_NODE_SPLIT_BY_ROW = 255 };

typedef struct rb_node rb_node;
struct rb_node {
  const char *name;
  rb_num weight;
  bool has_score;       /* false while open, or when the item failed */
  rb_num score;         /* rounded where the rubric says */
  bool not_applicable;  /* the item's score was na() */
  bool has_self;
  rb_num self;          /* the self-assessed score, if the report gives one */
  bool is_item;
  const struct rb_indicator *row; /* generated items: the table row */
  const char *explain;  /* items: the formula with its numbers, or NULL */
  bool unverified;      /* items: the score rests on an unverified finding */
  bool has_exact;
  rb_num exact;         /* items: the score before rounding (for explanations) */
  const char *matched;  /* items: the last text an equality held for (a phrase a
                           qualitative rule matched), or NULL */
  /* Sections whose weight was split among their items (SPLIT, SPLIT_ROWS):
  ** split is 0 when none, else 1 + rb_split_policy, or RB_NODE_SPLIT_BY_ROW
  ** when the rows' own 分值 were used; split_weight what was split. */
  uint8_t split;
  int8_t split_places;
  uint32_t split_count;
  rb_num split_weight;
  rb_num unverified_score; /* the part of score resting on unverified items */
  rb_node *parent, *first_child, *last_child, *next;
  uint32_t child_count;
  uint32_t depth;       /* 0 for the root */
  uint64_t path_hash;   /* hash of the names from the first section down (vm.c) */
};

typedef struct rb_finding rb_finding;
typedef struct rb_result rb_result;
/* Writes a finding's message from its render_data (see rb_result_messages). */
typedef void (*rb_finding_render)(rb_result *r, const rb_finding *f, char *buf, size_t size);

struct rb_finding {
  rb_finding_kind kind;
  const char *kind_name;  /* the kind as text (a rubric's own kind for OTHER) */
  const char **path;      /* names from the first section down (not the root);
                             NULL until made (rb_result_messages) */
  const rb_node *node;    /* the node the path is made from (NULL: the rubric) */
  uint32_t depth;
  const char *message;    /* one line, in Chinese where it speaks of the data; NULL
                             until made when render is set (rb_result_messages) */
  rb_finding_render render;
  const void *render_data;
  bool has_self, has_computed, has_stake;
  rb_num self;            /* the self-assessed side */
  rb_num computed;        /* the recomputed side */
  rb_num stake;           /* points at stake (≥ 0) */
  uint32_t order;         /* order of recording, to keep ranking stable */
};

/* The outcome of a check statement: whether it held, and its message (which
** a rubric writes so that a check that holds also confirms something:
** "支出率 73.2% = 9381.56 / 12823.67"). */
typedef struct rb_check_result {
  const char *name;
  bool evaluated;      /* false when a value it needs is missing */
  bool passed;
  const char *message; /* "" when the check has none */
} rb_check_result;

struct rb_result {
  rb_result *self;   /* this result, writable: messages are made on first read */
  const rb_program *program;
  const struct rb_report *report; /* NULL when the rubric ran without one */
  rb_node *root;
  rb_num total;
  const char *grade;
  bool has_self_total;
  rb_num self_total;
  const char *self_grade;
  /* The difference total − self_total, taken apart by rb_result_compare:
  ** itemised is what the items' own differences make up (each item against
  ** its self score, or against full marks when it has none), unexplained the
  ** rest — points the published table deducted (or added) without saying
  ** where.  Valid when has_reconciliation. */
  bool has_reconciliation;
  rb_num itemised, unexplained;
  rb_finding *findings;
  uint32_t finding_count, finding_cap;
  bool rank_pending; /* rb_result_compare ran; rb_result_messages ranks */
  rb_check_result *checks; /* every check, in program order */
  uint32_t check_count, check_cap;
  /* A runtime error ends the run: ok is false and error says what, where in
  ** the rubric (file:line:column, section › item) and for which report. */
  bool ok;
  char error[1024];
  /* The language of the messages rubric writes in its own words (rb_lang,
  ** base/messages.h): the run's (rb_vm_set_lang), also for messages made
  ** when read (rb_result_messages) and by rb_result_compare. */
  uint8_t lang;
  rb_arena arena;
  rb_numctx *nums;
};

/* An empty result, reusable run after run; NULL when out of memory. */
rb_result *rb_result_new(void);
/* Forget the last run but keep its memory (rb_vm_run calls it). */
void rb_result_clear(rb_result *r);
/* Free a result and everything in it (NULL: nothing). */
void rb_result_free(rb_result *r);

/* Record a finding (message copied).  path/depth name the node; a NULL node
** means the rubric as a whole.  Returns the finding, or NULL when out of
** memory. */
rb_finding *rb_result_add_finding(rb_result *r, rb_finding_kind kind, const char *kind_name, const rb_node *node,
                                  const char *message);

/* Record a finding whose message is made only when read, by render from
** data (which must live as long as the result and its report). */
rb_finding *rb_result_add_finding_later(rb_result *r, rb_finding_kind kind, const rb_node *node,
                                        rb_finding_render render, const void *data);

/* Rank the findings if rb_result_compare left them to be ranked, and make
** the messages and paths of findings [from, to) not made yet.  Readers of findings
** call it first (the output writers do); until then the findings are in
** the order of recording.  A result refers to its report, so this must run
** before the report is reused, like every other read of the result. */
void rb_result_messages(const rb_result *r, uint32_t from, uint32_t to);

/* The finding that ranks first, its message and path made, or NULL when there is
** none: what the batch's CSV row shows, found without ranking the others
** (which stay as they are, for rb_result_messages to rank if they are
** read). */
const rb_finding *rb_result_top(const rb_result *r);

/* The messages above, written without the C library's printf: fmt into buf
** (size bytes, NUL-terminated, cut where it does not fit, as snprintf cuts)
** with each "%s" replaced by the next of the count args (a missing or NULL
** one by "") and "%%" by "%"; any other conversion is copied as written.
** Returns the length of the whole text, which is ≥ size when it was cut. */
size_t rb_format_texts(char *buf, size_t size, const char *fmt, const char *const *args, size_t count);

/* Record a check's outcome (strings copied); false when out of memory. */
bool rb_result_add_check(rb_result *r, const char *name, bool evaluated, bool passed, const char *message);

/* After a run: add score_mismatch (or rounding_only) findings for every node
** whose self score differs from its recomputed score by more than
** `tolerance`, and leave the findings to be ranked by points at stake
** (largest first, ties in order of recording) when they are read
** (rb_result_messages, rb_result_top). */
void rb_result_compare(rb_result *r, rb_num tolerance);

/* The difference recomputed − self for the total; false if no self total. */
bool rb_result_delta(const rb_result *r, rb_num *out);

/* Output formats (output/).  All print scores with the rubric's places. */
void rb_result_write_json(const rb_result *r, FILE *out);
void rb_result_write_text(const rb_result *r, FILE *out, bool color);
/* The same with its labels in lang (0 Chinese, 1 English: rb_lang of
** base/messages.h); rb_result_write_text is Chinese. */
void rb_result_write_text_lang(const rb_result *r, FILE *out, bool color, int lang);
void rb_result_write_markdown(const rb_result *r, FILE *out);
void rb_result_write_markdown_lang(const rb_result *r, FILE *out, int lang);

#endif /* RUBRIC_RESULT_H */
