/*
** disasm.h — a readable listing of a compiled rubric.
**
** The listing is for people (`rubric disasm`, debugging the compiler) and for
** tests (code-shape tests compare it with expected text), so its format is
** stable: a summary of the header, inputs, natives and constant count, then for each
** function a header line and one line per instruction in the style of clox:
**
**   == main ==
**   0000    3 CONST         0 ; 40
**   0003    | INPUT         1 ; 执行数
**   0006    | CALL_BUILTIN  positive 3
**   0010    4 JUMP_IF_FALSE -> 0042
**
** offset, source line ("|" when it is the previous instruction's), opcode,
** operands, and after "; " what an operand refers to.  The disassembler
** never trusts the program: it prints unverified or corrupt code without
** reading out of bounds, marking bad operands.
*/
#ifndef RUBRIC_DISASM_H
#define RUBRIC_DISASM_H

#include <stdint.h>
#include <stdio.h>

#include "vm/program.h"

/* Print the whole program: summary, then every function in index order. */
void rb_disasm(const rb_program *p, FILE *out);

/* Print the one instruction at code offset `offset` as a single line, with
** its source line number (never "|"), for VM traces.  Returns the length of
** the instruction in bytes, or 0 (after printing a line saying so) when no
** valid instruction starts there. */
uint32_t rb_disasm_instruction(const rb_program *p, uint32_t offset, FILE *out);

#endif /* RUBRIC_DISASM_H */
