/*
** program.h — a compiled rubric: what the compiler produces, what a .rbc file
** stores, and what the VM runs.
**
** A program is immutable once built or loaded and may be shared by many VMs
** in many threads.  It holds:
**   - the rubric's header: title, version, total, rounding policy, grades;
**   - the constant pool (numbers, texts, dates, step tables);
**   - one code array: the main program from offset 0, then the bodies of the
**     rubric's named functions (functions[0] is the main program);
**   - the input declarations: which report value each INPUT slot reads, its
**     type and what a missing value means;
**   - the debug section: for every instruction its source span (file, byte
**     offsets, line, column) and the rubric path (section › item) it belongs
**     to, so that every runtime error can point at the source.
** All storage is owned by the program's arena and number context.
*/
#ifndef RUBRIC_PROGRAM_H
#define RUBRIC_PROGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/messages.h"
#include "base/num.h"
#include "vm/opcodes.h"
#include "vm/value.h"

/* Limits imposed by the encoding (operand widths in opcodes.h). */
enum {
  RB_MAX_CONSTANTS = 65535, /* K operands are u16 */
  RB_MAX_LOCALS = 65534,    /* S operands are u16; ITER_START uses slot+1 */
  RB_MAX_INPUTS = 65535,    /* I operands are u16 */
  RB_MAX_FUNCTIONS = 65535, /* F operands are u16 */
  RB_MAX_ARGS = 255,        /* N operands are u8 */
  RB_MAX_PLACES = 18,       /* P operands: rounding places within ±18 */
};

/* Limits the encoding does not impose but sanity does, checked by the
** loader and the verifier. */
enum {
  RB_MAX_STACK = 65536,  /* deeper operand stacks are refused */
  RB_DATE_MIN = -719162, /* 0001-01-01 in days since 1970-01-01 */
  RB_DATE_MAX = 2932896, /* 9999-12-31 */
};

/* ---- Constants ---------------------------------------------------------- */

/* RB_CONST_TEXTS: a set of texts, the choices of `x in ["", "—", …]` that
** IN_TEXTS tests; not a value (CONST refuses it). */
typedef enum rb_const_type { RB_CONST_NUM, RB_CONST_TEXT, RB_CONST_DATE, RB_CONST_STEP, RB_CONST_TEXTS } rb_const_type;

/* One text of a set of texts (RB_CONST_TEXTS). */
typedef struct rb_text_ref {
  const char *text; /* NUL-terminated; len excludes the NUL */
  uint32_t len;
} rb_text_ref;

/* One range of a step table: "80%(含)–90% 计4分" is low 0.8 inclusive, high
** 0.9 exclusive, points 4.  A missing bound is open (−∞ or +∞). */
typedef struct rb_step_range {
  bool has_low, low_inclusive;
  bool has_high, high_inclusive;
  rb_num low, high;
  rb_num points;
} rb_step_range;

typedef struct rb_constant {
  uint8_t type; /* rb_const_type */
  uint8_t unit; /* rb_unit of a number, and of a step table's bounds */
  rb_num num;
  int32_t date;
  const char *text; /* NUL-terminated; len excludes the NUL */
  uint32_t len;
  rb_step_range *ranges; /* RB_CONST_STEP */
  uint32_t range_count;
  rb_text_ref *texts; /* RB_CONST_TEXTS, in the order written */
  uint32_t text_count;
} rb_constant;

/* ---- Functions ---------------------------------------------------------- */

typedef struct rb_function {
  const char *name;    /* "main" for functions[0] */
  uint16_t arity;      /* parameters occupy slots 0 .. arity-1 */
  uint16_t local_count;/* slots in all, parameters included */
  uint32_t code_start; /* offset of the first instruction in program code */
  uint32_t code_len;
  uint32_t max_stack;  /* greatest operand depth: rb_program_size_stacks */
} rb_function;

/* ---- Inputs ------------------------------------------------------------- */

/* Where an input comes from in the report: X(NAME, "written", TYPE), TYPE
** the natural type of the value (the checker's; ANY: a fact takes the type
** its input declares). */
#define RB_INPUT_SOURCES(X)                                                   \
  X(FACT, "fact", ANY)                      /* facts["key"] */              \
  X(PLANNED, "budget.planned", MONEY)                                       \
  X(ADJUSTED, "budget.adjusted", MONEY)                                     \
  X(ALLOCATED, "budget.allocated", MONEY)                                   \
  X(SPENT, "budget.spent", MONEY)                                           \
  X(LINES, "budget.lines", LINES)           /* a table of budget lines */   \
  X(INDICATORS, "indicators", INDICATORS)   /* the indicator table */       \
  X(SELF_TOTAL, "self_total", NUMBER)                                       \
  X(SELF_GRADE, "self_grade", TEXT)                                         \
  X(YEAR, "year", NUMBER)                                                   \
  X(ID, "id", TEXT)                                                         \
  X(UNIT, "unit", TEXT)                                                     \
  X(TITLE, "title", TEXT)                                                   \
  X(KIND, "kind", TEXT)

typedef enum rb_input_source {
#define X(name, text, ...) RB_SRC_##name,
  RB_INPUT_SOURCES(X)
#undef X
  RB_SRC_COUNT
} rb_input_source;

/* The declared type of an input. */
#define RB_INPUT_TYPES(X)                                                     \
  X(NUMBER, "number")                                                         \
  X(MONEY, "money")                                                           \
  X(PERCENT, "percent")                                                       \
  X(BOOL, "bool")                                                             \
  X(TEXT, "text")                                                             \
  X(DATE, "date")                                                             \
  X(VALUE, "value")                                                           \
  X(TABLE, "table")

typedef enum rb_input_type {
#define X(name, text) RB_ITYPE_##name,
  RB_INPUT_TYPES(X)
#undef X
  RB_ITYPE_COUNT
} rb_input_type;

/* What a missing input means. */
#define RB_MISSING_POLICIES(X)                                                \
  X(ERROR, "error")     /* the report cannot be scored: an error         */   \
  X(ZERO, "zero")       /* read as 0 (false, ""), recorded               */   \
  X(SELF, "self")       /* the item takes its self score, else full marks,\
                           recorded as unverified                        */   \
  X(FULL, "full")       /* the item takes full marks, recorded           */   \
  X(DEFAULT, "default") /* the declared default constant, recorded       */

typedef enum rb_missing_policy {
#define X(name, text) RB_MISSING_##name,
  RB_MISSING_POLICIES(X)
#undef X
  RB_MISSING_COUNT
} rb_missing_policy;

typedef struct rb_input {
  const char *name;  /* the rubric's name for it */
  uint8_t source;    /* rb_input_source */
  uint8_t type;      /* rb_input_type */
  uint8_t missing;   /* rb_missing_policy */
  const char *key;   /* the fact name for RB_SRC_FACT, else NULL */
  uint16_t default_const; /* constant index for RB_MISSING_DEFAULT */
  uint16_t file;     /* the declaration, for messages about the report's value */
  uint32_t line, column;
} rb_input;

extern const char *const rb_input_source_names[RB_SRC_COUNT];
extern const char *const rb_input_type_names[RB_ITYPE_COUNT];
extern const char *const rb_missing_policy_names[RB_MISSING_COUNT];

/* ---- Native functions --------------------------------------------------- */

/* The C types a native function's parameters and result may have.
**   integer  int64_t; an exact number must be a whole number that fits
**   number   double; the declaration asks for the (lossy) conversion
**   text     const char * (UTF-8, NUL-terminated)
**   bool     int (0 or 1)
**   date     int32_t days since 1970-01-01
**   list     two C arguments: const double *values, size_t count
**            (parameters only) */
#define RB_NATIVE_TYPES(X)                                                    \
  X(INTEGER, "integer")                                                       \
  X(NUMBER, "number")                                                         \
  X(TEXT, "text")                                                             \
  X(BOOL, "bool")                                                             \
  X(DATE, "date")                                                             \
  X(LIST, "list")

typedef enum rb_native_type {
#define X(name, text) RB_NTYPE_##name,
  RB_NATIVE_TYPES(X)
#undef X
  RB_NTYPE_COUNT
} rb_native_type;

extern const char *const rb_native_type_names[RB_NTYPE_COUNT];

enum { RB_MAX_NATIVES = 65535, RB_MAX_NATIVE_PARAMS = 16 };

/* A native function as the rubric declares it.  Whether it may be called,
** and where its code is, is decided when the program is linked
** (rb_program_link in vm/native.c); a .rbc file stores only the declaration. */
typedef struct rb_native {
  const char *name;    /* the rubric's name for it */
  const char *library; /* soname or path as declared; "host" for a function the embedding program registers */
  const char *symbol;  /* the C symbol */
  uint8_t result;      /* rb_native_type, never LIST */
  uint8_t param_count;
  uint8_t params[RB_MAX_NATIVE_PARAMS];
  bool pure;           /* same arguments, same result, no effects */
  uint16_t file;       /* the declaration, for messages: index into files */
  uint32_t line, column;
} rb_native;

/* ---- Header ------------------------------------------------------------- */

/* Where rounding applies (a bit set). */
enum { RB_ROUND_AT_ITEM = 1, RB_ROUND_AT_SECTION = 2, RB_ROUND_AT_TOTAL = 4 };

typedef struct rb_rounding {
  int8_t places;  /* decimal places, also the places scores print with */
  uint8_t mode;   /* rb_round_mode */
  uint8_t where;  /* RB_ROUND_AT_* bits */
} rb_rounding;

/* A grade band: a total ≥ min earns label.  Bands are kept from the highest
** to the lowest; the last has has_min false and catches everything else. */
typedef struct rb_grade {
  const char *label;
  bool has_min;
  rb_num min;
} rb_grade;

/* ---- Debug section ------------------------------------------------------ */

/* From code offset `offset` up to the next entry's offset, instructions come
** from this span of this file and belong to this rubric path. */
typedef struct rb_debug_entry {
  uint32_t offset;
  uint16_t file;     /* index into files */
  uint32_t start, end; /* byte offsets in the source */
  uint32_t line, column; /* 1-based, of start */
  uint16_t path;     /* constant index of the path text ("产出 › 媒体宣传次数"), 0xFFFF if none */
} rb_debug_entry;

enum { RB_NO_PATH = 0xFFFF };

/* ---- The program -------------------------------------------------------- */

typedef struct rb_program {
  const char *title;
  const char *version;
  rb_num total;
  rb_rounding rounding;
  rb_grade *grades;
  uint32_t grade_count;

  rb_constant *constants;
  uint32_t constant_count;

  uint8_t *code;
  uint32_t code_len;

  rb_function *functions; /* functions[0] is the main program */
  uint32_t function_count;
  uint32_t global_count;  /* 1 + the highest global GET_GLOBAL or SET_GLOBAL
                             names: rb_program_size_stacks (not stored) */

  rb_input *inputs;
  uint32_t input_count;

  rb_native *natives;
  uint32_t native_count;
  /* Set by rb_program_link: one resolved C function per native, or NULL
  ** while the program is not linked (running it then refuses natives). */
  struct rb_native_binding *bindings;

  rb_debug_entry *debug;
  uint32_t debug_count;
  const char **files; /* source file names, as given to the compiler */
  uint32_t file_count;

  rb_arena arena;
  rb_numctx *nums;
  /* The language of the messages about this program that come after it is
  ** made (verifying, sizing, linking its natives): the diagnostic language
  ** of the compile or load that made it; English from rb_program_new.  Not
  ** stored in a .rbc file. */
  rb_lang lang;
} rb_program;

/* An empty program with its own arena and number context; NULL if out of
** memory. */
rb_program *rb_program_new(void);
/* Free a program and everything in it (NULL: nothing); unlink it first if it
** was linked (rb_program_unlink). */
void rb_program_free(rb_program *p);

/* The debug entry covering code offset, or NULL. */
const rb_debug_entry *rb_program_debug_at(const rb_program *p, uint32_t offset);

/* Read the operands of the instruction at code[offset]: returns the length
** of the whole instruction in bytes, or 0 if the opcode is invalid or the
** instruction runs past `len`.  Operand fields not used by the layout are
** set to 0. */
typedef struct rb_instr {
  uint8_t op;
  uint16_t a;    /* K, S, I, B, F, G: the (first) u16 operand */
  uint16_t b;    /* the second u16 of SSJ: the local ITER_NEXT_SET stores into; SDD's second field;
                 SDBK's built-in; SK's and SDKJ's constant */
  uint16_t c;    /* SDBK's constant */
  int32_t jump;  /* J offset */
  uint8_t n;     /* N argc, D field, W policy, M mode, R mode */
  int8_t places; /* P places, W places, R places */
} rb_instr;
uint32_t rb_decode(const uint8_t *code, uint32_t len, uint32_t offset, rb_instr *out);

/* ---- .rbc files (vm/rbc.c) and verification (vm/verify.c) --------------- */

/* Serialise p to a .rbc image in malloc'd memory; returns false only when
** out of memory. */
bool rb_program_serialize(const rb_program *p, uint8_t **out, size_t *out_len);
/* Load and verify a .rbc image.  Returns NULL and writes a message (what is
** wrong and at which byte offset) into err when the image is truncated,
** corrupt or fails verification: in lang, and the program's lang is lang
** (rb_program_deserialize: English).  Names of the format (sections, opcodes)
** stay as written. */
rb_program *rb_program_deserialize_lang(const uint8_t *data, size_t len, rb_lang lang, char *err, size_t err_size);
rb_program *rb_program_deserialize(const uint8_t *data, size_t len, char *err, size_t err_size);
/* Verify a program, as the compiler does with what it made and the loader
** with what it read: every opcode valid, operands in range, jumps on
** instruction boundaries inside their function, a consistent stack depth at
** every instruction, no path that underflows the stack or falls off the end
** of a function, sections and items properly nested.  Only checks: p is not
** changed.  Returns false with a message, in p->lang, on the first fault. */
bool rb_program_verify(const rb_program *p, char *err, size_t err_size);
/* Set functions[i].max_stack, the greatest operand stack depth of each
** function, from which the VM sizes its frames.  p must have passed
** rb_program_verify: the walk follows its jumps without checking them.
** Returns false, with a message in p->lang, only when out of memory. */
bool rb_program_size_stacks(rb_program *p, char *err, size_t err_size);

#endif /* RUBRIC_PROGRAM_H */
