/*
** opcodes.h — the instruction set of the rubric VM, defined once.
**
** Each line below is one opcode: its name, its operand layout, how many
** values it pops and pushes (-1: given by an operand, see the sentence), and
** one sentence saying what it does.  The enum, the name table, the operand
** decoder used by the loader and the disassembler, the stack-depth verifier,
** the dispatch table of the VM and docs/bytecode.md are all expanded from this
** list; nothing else lists opcodes.
**
** Encoding: one byte of opcode followed by its operands, little-endian, with
** no padding.  Operand layouts (OPERAND_LAYOUTS below) name the widths.
** A jump offset is signed and relative to the byte after the instruction.
**
** The VM is a stack machine.  A rubric program is one code array holding the
** main program (the scoring tree, from offset 0) followed by the bodies of the
** rubric's named functions.  The main program opens and closes the nodes of
** the result tree as it runs (NODE/ITEM ... END), so the tree a report gets is
** exactly what the rubric says, including items generated from table rows.
*/
#ifndef RUBRIC_OPCODES_H
#define RUBRIC_OPCODES_H

/* Operand layouts: name, total operand bytes, description for the docs.
**   K  u16 constant index        S  u16 local slot      I  u16 input index
**   J  i32 jump offset           B  u16 built-in id     N  u8 argument count
**   F  u16 function index        P  i8 decimal places   M  u8 rounding mode
**   D  u8 field id               W  u8 split policy     R  u8 row-weight mode
**   G  u16 global (a rubric constant's value, computed once a run)
**   SDD u16 local slot, then two u8 field ids (a field of a field)
**   SDBK u16 local slot, u8 field id, u16 built-in id, u16 constant index
**   SK u16 local slot, then a u16 constant index
**   SDKJ u16 local slot, u8 field id, u16 constant index, i32 jump offset
** The order of the layouts is not stored anywhere; the order of the opcodes
** is (an opcode is its position in the list): new opcodes are appended,
** never inserted, and an opcode's layout or meaning never changes without a
** new .rbc format version (docs/rbc-format.md). */
#define OPERAND_LAYOUTS(X)                                                    \
  X(NONE, 0, "")                                                              \
  X(K, 2, "k:u16")                                                            \
  X(S, 2, "slot:u16")                                                         \
  X(I, 2, "input:u16")                                                        \
  X(J, 4, "offset:i32")                                                       \
  X(SJ, 6, "slot:u16 offset:i32")                                             \
  X(KJ, 6, "k:u16 offset:i32")                                                \
  X(BN, 3, "builtin:u16 argc:u8")                                             \
  X(FN, 3, "function:u16 argc:u8")                                            \
  X(PM, 2, "places:i8 mode:u8")                                               \
  X(D, 1, "field:u8")                                                         \
  X(WP, 2, "policy:u8 places:i8")                                             \
  X(RP, 2, "mode:u8 places:i8")                                               \
  X(SD, 3, "slot:u16 field:u8")                                               \
  X(SSJ, 8, "slot:u16 local:u16 offset:i32")                                 \
  X(G, 2, "global:u16")                                                       \
  X(SDD, 4, "slot:u16 field:u8 field:u8")                                     \
  X(SDBK, 7, "slot:u16 field:u8 builtin:u16 k:u16")                           \
  X(SK, 4, "slot:u16 k:u16")                                                  \
  X(SDKJ, 9, "slot:u16 field:u8 k:u16 offset:i32")

/* X(NAME, layout, pops, pushes, "sentence") */
#define RB_OPCODES(X)                                                                              \
  /* Values */                                                                                     \
  X(CONST, K, 0, 1, "Push constant k (a number, a text or a date).")                               \
  X(NIL, NONE, 0, 1, "Push nil, the value of a missing input that a rubric chose to accept.")      \
  X(TRUE, NONE, 0, 1, "Push true.")                                                                \
  X(FALSE, NONE, 0, 1, "Push false.")                                                              \
  X(POP, NONE, 1, 0, "Discard the top of the stack.")                                              \
  X(GET_LOCAL, S, 0, 1, "Push local slot (a let binding, a parameter or a loop variable).")         \
  X(SET_LOCAL, S, 1, 0, "Pop the top into local slot.")                                            \
  X(INPUT, I, 0, 1,                                                                                \
    "Push input from the report; if the report lacks it, apply the input's missing-value policy: " \
    "stop with an error, use zero or the declared default, or end the current item with its self " \
    "score — each recorded as a finding.")                                                         \
  /* Arithmetic and logic on exact numbers */                                                      \
  X(ADD, NONE, 2, 1, "Pop b and a, push a + b (exact).")                                           \
  X(SUB, NONE, 2, 1, "Pop b and a, push a − b (exact).")                                           \
  X(MUL, NONE, 2, 1, "Pop b and a, push a × b (exact).")                                           \
  X(DIV, NONE, 2, 1, "Pop b and a, push a ÷ b (exact); division by zero is a runtime error.")     \
  X(NEG, NONE, 1, 1, "Negate the top of the stack.")                                               \
  X(NOT, NONE, 1, 1, "Replace a boolean by its negation.")                                         \
  X(EQ, NONE, 2, 1, "Pop b and a, push whether a equals b.")                                       \
  X(NE, NONE, 2, 1, "Pop b and a, push whether a differs from b.")                                 \
  X(LT, NONE, 2, 1, "Pop b and a, push a < b.")                                                    \
  X(LE, NONE, 2, 1, "Pop b and a, push a ≤ b.")                                                    \
  X(GT, NONE, 2, 1, "Pop b and a, push a > b.")                                                    \
  X(GE, NONE, 2, 1, "Pop b and a, push a ≥ b.")                                                    \
  X(ROUND, PM, 1, 1, "Round the number on top to places decimals with the given mode.")           \
  X(FIELD, D, 1, 1, "Replace a row, a budget line or a measure by one of its fields.")             \
  X(STEP, K, 1, 1,                                                                                 \
    "Look the number on top up in step table k and push the points of the range it falls in; a "   \
    "value outside every range is a runtime error.")                                               \
  /* Control */                                                                                    \
  X(JUMP, J, 0, 0, "Continue at offset.")                                                          \
  X(JUMP_IF_FALSE, J, 1, 0, "Pop a boolean; if it is false, continue at offset.")                  \
  X(ITER_START, S, 1, 0,                                                                           \
    "Pop a table or list and start iterating it: slot holds the sequence, slot+1 the position.")   \
  X(ITER_NEXT, SJ, 0, 1,                                                                           \
    "Push the next element of the iteration in slot and advance; when there is none, push nil "    \
    "and continue at offset.")                                                                     \
  X(CALL_BUILTIN, BN, -1, 1, "Pop argc arguments, call built-in function, push its result.")      \
  X(CALL, FN, -1, 1, "Pop argc arguments into the callee's first slots and run the function.")    \
  X(RETURN, NONE, 1, 0, "Return the top of the stack from a function to its caller.")              \
  /* The result tree */                                                                            \
  X(NODE, K, 1, 0, "Pop a weight and open section k (a name) under the current node.")             \
  X(NODE_END, NONE, 0, 0,                                                                          \
    "Close the current section: its score is the sum of its children, rounded where the rubric " \
    "says.")                                                                                       \
  X(ITEM, KJ, 1, 0,                                                                                \
    "Pop a weight and open item k (a name); offset is its ITEM_END, where a missing input with "   \
    "the self policy continues.")                                                                  \
  X(ITEM_ROW, J, 2, 0,                                                                             \
    "Pop an indicator row and a weight and open an item for the row (its name, target, actual "    \
    "and self score); offset as for ITEM.")                                                        \
  X(ITEM_END, NONE, 1, 0, "Pop the item's score, round it where the rubric says, close the item.") \
  X(WEIGHT, NONE, 0, 1, "Push the weight of the current node.")                                    \
  X(SELF, NONE, 0, 1, "Push the self-assessed score of the current node, or nil.")                 \
  X(SPLIT, WP, 2, 1,                                                                               \
    "Pop a count and a weight; push the list of count shares of the weight under the split "       \
    "policy (largest remainder, floor with the rest on the last, whole numbers, exact).")          \
  X(INDEX, NONE, 2, 1, "Pop an index and a list, push the element (0-based).")                    \
  X(CHECK, K, 2, 0,                                                                                \
    "Pop a message and a boolean; if the boolean is false, record a check_failed finding for "     \
    "check k with the message.")                                                                   \
  X(HALT, NONE, 0, 0, "End the program: the tree is complete.")                                  \
  /* Native functions */                                                                           \
  X(CALL_NATIVE, FN, -1, 1,                                                                        \
    "Pop argc arguments, call native function (a C function declared with native and linked "      \
    "through libffi when the program was loaded), push its result.")                               \
  /* The result tree, continued */                                                                 \
  X(SPLIT_ROWS, RP, 2, 1,                                                                          \
    "Pop a list of indicator rows and a weight; push the rows' own published weights (分值) as "    \
    "their shares, or nil when a row states none (the code that follows then splits by the else "  \
    "policy). When the rows' weights do not add up to the weight, mode says what happens: the "     \
    "current section takes the table's sum as its weight, or the weights are rescaled to it "       \
    "(largest remainder at places), or the run stops with an error; the first two are recorded "   \
    "as a weight_mismatch finding.")                                                               \
  X(FORMULA, K, 0, 0,                                                                              \
    "Give the open item its formula, constant k (the source text of its score expression), shown " \
    "as its explanation when no single built-in explains the score.")                               \
  X(ROW_NAMED, K, 0, 0,                                                                            \
    "Note that the rubric looks an indicator row up by its name, constant k (a where condition "    \
    "r.name == k); if the report has no row of that name, the run ends with a review finding "     \
    "saying so, with the closest name the report has.")                                            \
  /* Pairs the compiler always emits together, as one instruction */                               \
  X(FIELD_LOCAL, SD, 0, 1,                                                                         \
    "Push one field of the row, budget line or measure in local slot (r.name, r.target): "         \
    "GET_LOCAL slot then FIELD field, without the copy of the local in between.")                 \
  X(ITER_NEXT_SET, SSJ, 0, 0,                                                                      \
    "Store the next element of the iteration in slots slot and slot+1 into local, and advance; "   \
    "when there is none, continue at offset. The loop head of compiled code: ITER_NEXT then "      \
    "SET_LOCAL, without the nil ITER_NEXT leaves at the end.")                                      \
  /* Constants computed once a run */                                                              \
  X(GET_GLOBAL, G, 0, 1,                                                                           \
    "Push global, the value of a rubric constant that is not a literal (const 单项分值 = 满分 / "     \
    "25); nil until SET_GLOBAL sets it.")                                                          \
  X(SET_GLOBAL, G, 1, 0,                                                                           \
    "Pop the top into global. The main program begins by computing each such constant once, so "    \
    "that a use is one instruction however the constants build on each other.")                   \
  /* Superinstructions: what the compiler emits for common pairs and chains, as one instruction */ \
  X(IN_TEXTS, K, 1, 1,                                                                             \
    "Pop x and push whether it is one of the texts of constant k, a set of texts (x in [\"\", "      \
    "\"—\", …] with every choice a text): as the chain of EQ it replaces, nil is in no set, a "     \
    "text or a measure (as written) is compared by its bytes, anything else is a runtime error.")   \
  X(JUMP_IF_NE, J, 2, 0,                                                                           \
    "Pop b and a; if a differs from b (as EQ compares them), continue at offset: EQ then "        \
    "JUMP_IF_FALSE, without the boolean in between.")                                              \
  X(JUMP_IF_EQ, J, 2, 0,                                                                           \
    "Pop b and a; if a equals b, continue at offset: NE then JUMP_IF_FALSE, without the boolean "  \
    "in between.")                                                                                 \
  X(FIELDS_LOCAL, SDD, 0, 1,                                                                       \
    "Push the second field of the first field of the row in local slot (r.actual.text): "          \
    "FIELD_LOCAL slot field then FIELD field, without the copy of the measure in between.")         \
  X(JUMP_IF_TRUE, J, 1, 0,                                                                         \
    "Pop a boolean; if it is true, continue at offset (false and nil go on): the left side of `a "  \
    "or b` in a condition, which skips b, without the true that `or` pushed.")                    \
  /* Superinstructions for the rows' where-clauses and tests (.rbc format 3) */                    \
  X(JUMP_IF_NIL, J, 1, 0,                                                                          \
    "Pop x; if it is nil, continue at offset: `missing(x)` deciding a branch, CALL_BUILTIN "       \
    "missing then JUMP_IF_TRUE, without the boolean in between.")                                  \
  X(JUMP_IF_NOT_NIL, J, 1, 0,                                                                      \
    "Pop x; unless it is nil, continue at offset: CALL_BUILTIN missing then JUMP_IF_FALSE, "       \
    "without the boolean in between.")                                                             \
  X(JUMP_IF_NE_K, KJ, 1, 0,                                                                        \
    "Pop a; if it differs from constant k (as EQ compares them), continue at offset: CONST k then " \
    "JUMP_IF_NE, without the copy of the constant in between.")                                    \
  X(JUMP_IF_EQ_K, KJ, 1, 0,                                                                        \
    "Pop a; if it equals constant k, continue at offset: CONST k then JUMP_IF_EQ, without the "    \
    "copy of the constant in between.")                                                            \
  X(FIELD_TEXT_TEST, SDBK, 0, 1,                                                                   \
    "Push builtin (starts_with or contains) of plain(the field of the row in local slot) and text " \
    "constant k — `starts_with(plain(r.level1), \"产出\")`: FIELD_LOCAL, CALL_BUILTIN plain, CONST, " \
    "CALL_BUILTIN, without the three values in between. An error of the field stands at the "     \
    "instruction's offset, of plain at offset + 1, of the test at offset + 2, where the debug "     \
    "section gives each step its place in the source.")                                            \
  X(INC_LOCAL, SK, 0, 0,                                                                           \
    "Add constant k to local slot, as ADD adds: GET_LOCAL, CONST, ADD, SET_LOCAL of the same "     \
    "slot — a loop's counter — without the three values in between.")                             \
  /* Compare-and-branch on a field of a local (.rbc format 4) */                                   \
  X(JUMP_IF_FIELD_NE_K, SDKJ, 0, 0,                                                                \
    "If the field of the row, budget line or measure in local slot differs from constant k (as EQ " \
    "compares them), continue at offset — `v.kind == \"text\"` deciding a branch: FIELD_LOCAL then "  \
    "JUMP_IF_NE_K, without the field's value in between. An error of the field stands at the "     \
    "instruction's offset, of the comparison at offset + 1.")                                       \
  X(JUMP_IF_FIELD_EQ_K, SDKJ, 0, 0,                                                                \
    "If the field of the local in slot equals constant k, continue at offset: FIELD_LOCAL then "    \
    "JUMP_IF_EQ_K, without the field's value in between; errors as for JUMP_IF_FIELD_NE_K.")

typedef enum rb_opcode {
#define X(name, layout, pops, pushes, doc) RB_OP_##name,
  RB_OPCODES(X)
#undef X
  RB_OP_COUNT
} rb_opcode;

typedef enum rb_operand_layout {
#define X(name, bytes, doc) RB_OPL_##name,
  OPERAND_LAYOUTS(X)
#undef X
  RB_OPL_COUNT
} rb_operand_layout;

/* Fields readable with FIELD: X(NAME, "name", ON, TYPE) — which objects have
** the field (ROW: an indicator row; LINE: a budget line; ROW_LINE: both;
** VALUE: a target or actual read from text) and the type the checker gives
** it.  The VM, the loader and the disassembler use the first two; the
** checker (compiler/check.c) all four. */
#define RB_FIELDS(X)                                                          \
  X(LEVEL1, "level1", ROW, TEXT)                                            \
  X(LEVEL2, "level2", ROW, TEXT)                                            \
  X(NAME, "name", ROW_LINE, TEXT)                                           \
  X(TARGET, "target", ROW, VALUE)                                           \
  X(ACTUAL, "actual", ROW, VALUE)                                           \
  X(ROW_WEIGHT, "weight", ROW, NUMBER)                                      \
  X(SELF_SCORE, "self_score", ROW, NUMBER)                                  \
  X(NOTE, "note", ROW, TEXT)                                                \
  X(PLANNED, "planned", LINE, MONEY)                                        \
  X(ALLOCATED, "allocated", LINE, MONEY)                                    \
  X(SPENT, "spent", LINE, MONEY)                                            \
  X(KIND, "kind", VALUE, TEXT)                                              \
  X(CMP, "cmp", VALUE, TEXT)                                                \
  X(NUMBER, "number", VALUE, NUMBER)                                        \
  X(UNIT, "unit", VALUE, TEXT)                                              \
  X(TEXT, "text", VALUE, TEXT)                                              \
  X(LOW, "low", VALUE, NUMBER)                                              \
  X(HIGH, "high", VALUE, NUMBER)

typedef enum rb_field {
#define X(name, text, ...) RB_FIELD_##name,
  RB_FIELDS(X)
#undef X
  RB_FIELD_COUNT
} rb_field;

/* Split policies for SPLIT. */
#define RB_SPLIT_POLICIES(X)                                                  \
  X(LARGEST_REMAINDER, "largest_remainder")                                   \
  X(FLOOR_LAST, "floor_last")                                                 \
  X(WHOLE, "whole")                                                           \
  X(EXACT, "exact")

typedef enum rb_split_policy {
#define X(name, text) RB_SPLIT_##name,
  RB_SPLIT_POLICIES(X)
#undef X
  RB_SPLIT_COUNT
} rb_split_policy;

/* What SPLIT_ROWS does when the rows' published weights do not add up to
** the section's weight (written `split by_row MODE`). */
#define RB_ROW_WEIGHT_MODES(X)                                                \
  X(TABLE, "table")     /* the section takes the table's sum, with a finding */ \
  X(RESCALE, "rescale") /* shares rescaled to the weight, with a finding     */ \
  X(STRICT, "strict")   /* a runtime error: the report cannot be scored      */

typedef enum rb_row_weight_mode {
#define X(name, text) RB_ROWS_##name,
  RB_ROW_WEIGHT_MODES(X)
#undef X
  RB_ROWS_COUNT
} rb_row_weight_mode;

/* Tables for docs, the loader and the disassembler (vm/program.c). */
extern const char *const rb_opcode_names[RB_OP_COUNT];
extern const char *const rb_opcode_docs[RB_OP_COUNT];
extern const rb_operand_layout rb_opcode_layouts[RB_OP_COUNT];
extern const signed char rb_opcode_pops[RB_OP_COUNT];
extern const signed char rb_opcode_pushes[RB_OP_COUNT];
extern const unsigned char rb_operand_layout_bytes[RB_OPL_COUNT];
extern const char *const rb_operand_layout_docs[RB_OPL_COUNT];
extern const char *const rb_field_names[RB_FIELD_COUNT];
extern const char *const rb_split_policy_names[RB_SPLIT_COUNT];
extern const char *const rb_row_weight_mode_names[RB_ROWS_COUNT];

#endif /* RUBRIC_OPCODES_H */
