/*
** fuzz_rbc_run.c — libFuzzer harness for the VM on untrusted bytecode: every
** .rbc file the loader accepts, and so the verifier, is run.
**
** The guarantee under test (docs/rbc-format.md, "What a verified program
** may do"): no .rbc file the verifier accepts can crash the VM or make it
** read memory it should not; a value of the wrong type is a runtime error
** with a message, never undefined behaviour.  So for every accepted input
** the harness links the program with no native allowed (a program that
** declares one must then fail to link, and calling it is a runtime error),
** and runs it, within a small instruction budget, on no report and on a few
** fixed ones read once from the repository (tests/golden/reports/small.json,
** the seed report examples/jiangmen-2024-keji-fazhan.json and its indicator
** table as CSV).  Each run must end ok or with a message; each ok result is
** compared with its self scores and written in the three output formats; the
** first report is run twice on the same VM, which must give the same outcome.
** Any crash, sanitizer report or abort is a failure.
**
** Bytes flipped at random in a .rbc file mostly break the envelope or the
** structure, which fuzz_rbc covers.  So half of the mutations here are made
** to the code section alone, an instruction at a time and without changing
** its length (LLVMFuzzerCustomMutator below): another opcode of the same
** operand layout, a small operand, an instruction copied over another of the
** same length.  The file stays well-formed and much of what comes out still
** verifies, so the VM runs programs no compiler would emit.
**
** Built with -DRUBRIC_FUZZ=ON (clang); run by scripts/fuzz.sh, or
**   build-fuzz/tests/fuzz/fuzz_rbc_run -max_total_time=60 tests/fuzz/corpus/rbc
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "vm/opcodes.h"
#include "tests/fuzz/rbc_input.h"
#include "vm/native.h"
#include "vm/program.h"
#include "vm/result.h"
#include "vm/vm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Instructions one run may take: enough for the compiled rubrics of the
** corpus on these small reports, few enough that a looping input costs
** milliseconds. */
enum { FUZZ_BUDGET = 200000 };

/* The reports every program runs on; reports[0] is NULL (no report). */
static const char *const report_files[] = {
    "tests/golden/reports/small.json",
    "examples/jiangmen-2024-keji-fazhan.json",
    "examples/jiangmen-2024-keji-fazhan.csv",
};
enum { REPORT_COUNT = 1 + sizeof report_files / sizeof report_files[0] };
static rb_report *reports[REPORT_COUNT];
static FILE *sink;

/* Read the fixed reports, from the source tree wherever the fuzzer runs. */
int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  for (size_t i = 1; i < REPORT_COUNT; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", RUBRIC_SOURCE_DIR, report_files[i - 1]);
    rb_report_error err;
    reports[i] = rb_report_new();
    if (!reports[i] || !rb_report_read_file(reports[i], path, &err)) {
      fprintf(stderr, "fuzz_rbc_run: cannot read %s: %s\n", path, reports[i] ? err.message : "out of memory");
      abort();
    }
  }
  sink = fopen("/dev/null", "w");
  if (!sink) abort();
  return 0;
}

/* Run p on report into out; the outcome must be ok or an error that says
** what went wrong. */
static bool run_one(rb_vm *vm, const rb_report *report, rb_result *out) {
  bool ok = rb_vm_run(vm, report, out);
  if (ok != out->ok) abort();
  if (!ok && out->error[0] == '\0') abort(); /* a failed run says why */
  return ok;
}

/* ---- Mutating the code of a .rbc file ------------------------------------- */

/* Only libFuzzer mutates: tests/fuzz/replay.c, which stands in for it in
** CTest, does not. */
#ifndef RUBRIC_FUZZ_REPLAY
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

/* A little-endian u32 of the image at off. */
static uint32_t read_u32(const uint8_t *d, size_t off) {
  return (uint32_t)d[off] | (uint32_t)d[off + 1] << 8 | (uint32_t)d[off + 2] << 16 | (uint32_t)d[off + 3] << 24;
}

/* Where the code section of a .rbc image lies (docs/rbc-format.md: the
** section table at offset 12, nine (size, count) pairs, the sections from
** offset 84 in table order, code the seventh); false when the image has no
** such section. */
static bool code_section(const uint8_t *d, size_t size, size_t *start, size_t *len) {
  if (size < 84 || memcmp(d, "RBC\x1a", 4) != 0) return false;
  uint64_t off = 84;
  for (int section = 0; section < 6; section++) off += read_u32(d, 12 + 8 * (size_t)section);
  uint64_t n = read_u32(d, 12 + 8 * 6);
  if (off > size || n > size - off || n == 0) return false;
  *start = (size_t)off;
  *len = (size_t)n;
  return true;
}

/* A small generator for the mutator's choices, from libFuzzer's seed. */
static uint32_t next_random(uint32_t *state) {
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state;
}

enum { MAX_MUTATED_INSTRUCTIONS = 65536 };

/* Whether the first operand of the layout is a u16 (an index, a slot). */
static bool first_operand_is_u16(rb_operand_layout layout) {
  switch (layout) {
  case RB_OPL_K:
  case RB_OPL_S:
  case RB_OPL_I:
  case RB_OPL_SJ:
  case RB_OPL_KJ:
  case RB_OPL_BN:
  case RB_OPL_FN:
  case RB_OPL_SD:
  case RB_OPL_SSJ:
  case RB_OPL_SDD:
  case RB_OPL_SDBK:
  case RB_OPL_SK: return true;
  default: return false;
  }
}

/* One change to one instruction of the code section, its length kept.
** Returns false when the image has no code to change. */
static bool mutate_code(uint8_t *d, size_t size, uint32_t *rng) {
  size_t start, len;
  if (!code_section(d, size, &start, &len)) return false;
  static uint32_t at[MAX_MUTATED_INSTRUCTIONS];
  uint32_t count = 0;
  rb_instr in;
  for (uint32_t off = 0, n; off < len && count < MAX_MUTATED_INSTRUCTIONS; off += n) {
    n = rb_decode(d + start, (uint32_t)len, off, &in);
    if (n == 0) break;
    at[count++] = off;
  }
  if (count == 0) return false;
  uint32_t off = at[next_random(rng) % count];
  uint8_t *ip = d + start + off;
  rb_decode(d + start, (uint32_t)len, off, &in);
  rb_operand_layout layout = rb_opcode_layouts[in.op];
  uint32_t operand_bytes = rb_operand_layout_bytes[layout];
  switch (next_random(rng) % 4) {
  case 0: { /* another opcode of the same layout */
    uint8_t same[RB_OP_COUNT];
    int n = 0;
    for (int op = 0; op < RB_OP_COUNT; op++)
      if (rb_opcode_layouts[op] == layout) same[n++] = (uint8_t)op;
    ip[0] = same[next_random(rng) % (uint32_t)n];
    return true;
  }
  case 1: /* a small first operand: a slot, a constant, an input, a field */
    if (operand_bytes == 0) return false;
    ip[1] = (uint8_t)(next_random(rng) % 8);
    if (operand_bytes >= 2 && first_operand_is_u16(layout)) ip[2] = 0;
    return true;
  case 2: { /* another instruction of the same length copied over this one */
    uint32_t other = at[next_random(rng) % count];
    rb_instr o;
    rb_decode(d + start, (uint32_t)len, other, &o);
    if (rb_operand_layout_bytes[rb_opcode_layouts[o.op]] != operand_bytes) return false;
    memmove(ip, d + start + other, 1 + operand_bytes);
    return true;
  }
  default: /* one operand byte, anything */
    if (operand_bytes == 0) return false;
    ip[1 + next_random(rng) % operand_bytes] = (uint8_t)next_random(rng);
    return true;
  }
}

/* Half the time one to four changes to instructions (mutate_code), the rest
** libFuzzer's own mutations of the whole file. */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed) {
  uint32_t rng = seed | 1;
  if (next_random(&rng) % 2 == 0) {
    int changes = 1 + (int)(next_random(&rng) % 4), made = 0;
    for (int i = 0; i < 8 * changes && made < changes; i++) made += mutate_code(data, size, &rng);
    if (made > 0) return size;
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

#endif /* RUBRIC_FUZZ_REPLAY */

/* ---- Running what loads ---------------------------------------------------- */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t *image = fuzz_rbc_image(data, size);
  if (!image) return 0;
  char err[256];
  rb_program *p = rb_program_deserialize(image, size, err, sizeof err);
  free(image);
  if (!p) {
    if (err[0] == '\0') abort(); /* every refusal says why */
    return 0;
  }
  /* No native is allowed: linking succeeds exactly when there is none. */
  bool linked = rb_program_link(p, NULL, err, sizeof err);
  if (linked != (p->native_count == 0)) abort();
  rb_vm *vm = rb_vm_new(p);
  rb_result *out = rb_result_new(), *again = rb_result_new();
  if (!vm || !out || !again) abort();
  rb_vm_set_budget(vm, FUZZ_BUDGET);
  for (size_t i = 0; i < REPORT_COUNT; i++) {
    rb_vm_set_explain(vm, i % 2 == 0);
    bool ok = run_one(vm, reports[i], out);
    if (i == 1) {
      /* The same report again on the same VM: nothing of the last run may
      ** leak into this one. */
      bool ok_again = run_one(vm, reports[i], again);
      if (ok_again != ok || strcmp(out->error, again->error) != 0 ||
          out->finding_count != again->finding_count || (ok && rb_num_cmp(out->total, again->total) != 0))
        abort();
    }
    if (ok) {
      rb_result_compare(out, rb_num_int(0));
      rb_result_write_json(out, sink);
      rb_result_write_text(out, sink, i % 2 == 1);
      rb_result_write_markdown(out, sink);
    }
  }
  rb_result_free(again);
  rb_result_free(out);
  rb_vm_free(vm);
  rb_program_unlink(p);
  rb_program_free(p);
  return 0;
}
