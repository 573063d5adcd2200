/*
** disasm.c — the listing of a compiled rubric (see disasm.h for the format).
**
** Everything printed comes from the tables: opcode names and operand layouts
** from opcodes.h, built-in names from builtins.h, input sources, types,
** policies and native types from program.h.  A new opcode therefore
** disassembles as soon as it is added to RB_OPCODES; only an operand layout
** that is new needs a case in print_operands (or, like CALL_NATIVE, an
** opcode whose operand indexes a different table).
**
** Every index read from the code is checked before it is used, because the
** listing is also how one looks at a program the verifier refused.
*/
#include "vm/disasm.h"

#include <stdlib.h>
#include <string.h>

#include "vm/builtins.h"

/* ---- Values -------------------------------------------------------------- */

/* The exact text of n (decimal, or "n/d" when it has no finite expansion). */
static void print_raw_number(FILE *out, rb_num n) {
  char small[64];
  size_t need = rb_num_format(n, small, sizeof small);
  if (need < sizeof small) {
    fputs(small, out);
    return;
  }
  char *big = malloc(need + 1);
  if (!big) {
    fputs("<number>", out);
    return;
  }
  rb_num_format(n, big, need + 1);
  fputs(big, out);
  free(big);
}

/* A number in its unit: percentages hold the fraction and print ×100 with a
** % sign (0.9 → "90%"), money prints with 元, plain numbers as they are.
** cx holds any big value the scaling makes. */
static void print_number(FILE *out, rb_numctx *cx, rb_num n, uint8_t unit) {
  if (unit == RB_UNIT_PERCENT) {
    rb_num hundred_times;
    if (cx && rb_num_scale10(cx, n, 2, &hundred_times)) {
      print_raw_number(out, hundred_times);
      fputc('%', out);
    } else {
      print_raw_number(out, n);
      fputs(" (as a fraction)", out);
    }
    return;
  }
  print_raw_number(out, n);
  if (unit == RB_UNIT_MONEY) fputs("元", out);
}

/* A text in double quotes; quotes, backslashes and control bytes escaped,
** other bytes (Chinese in UTF-8) as they are. */
static void print_quoted(FILE *out, const char *s, uint32_t len) {
  fputc('"', out);
  for (uint32_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (c) {
    case '"': fputs("\\\"", out); break;
    case '\\': fputs("\\\\", out); break;
    case '\n': fputs("\\n", out); break;
    case '\t': fputs("\\t", out); break;
    case '\r': fputs("\\r", out); break;
    default:
      if (c < 0x20 || c == 0x7f)
        fprintf(out, "\\x%02x", c);
      else
        fputc(c, out);
    }
  }
  fputc('"', out);
}

/* A date as YYYY-MM-DD. */
static void print_date(FILE *out, int32_t days) {
  int year, month, day;
  rb_date_to_ymd(days, &year, &month, &day);
  fprintf(out, "%04d-%02d-%02d", year, month, day);
}

/* "step[>=90%:5, [80%,90%):4, <60%:0]": each range as an interval with its
** points; a range open at both ends prints as "*". */
static void print_step_table(FILE *out, rb_numctx *cx, const rb_constant *k) {
  fputs("step[", out);
  for (uint32_t i = 0; i < k->range_count; i++) {
    const rb_step_range *r = &k->ranges[i];
    if (i > 0) fputs(", ", out);
    if (r->has_low && r->has_high) {
      fputc(r->low_inclusive ? '[' : '(', out);
      print_number(out, cx, r->low, k->unit);
      fputc(',', out);
      print_number(out, cx, r->high, k->unit);
      fputc(r->high_inclusive ? ']' : ')', out);
    } else if (r->has_low) {
      fputs(r->low_inclusive ? ">=" : ">", out);
      print_number(out, cx, r->low, k->unit);
    } else if (r->has_high) {
      fputs(r->high_inclusive ? "<=" : "<", out);
      print_number(out, cx, r->high, k->unit);
    } else {
      fputc('*', out);
    }
    fputc(':', out);
    print_number(out, cx, r->points, RB_UNIT_PLAIN);
  }
  fputc(']', out);
}

/* A set of texts as the rubric writes the list: ["", "—", "无"]. */
static void print_texts(FILE *out, const rb_constant *k) {
  fputc('[', out);
  for (uint32_t i = 0; i < k->text_count; i++) {
    if (i > 0) fputs(", ", out);
    const rb_text_ref *t = k->texts ? &k->texts[i] : NULL;
    print_quoted(out, t && t->text ? t->text : "", t && t->text ? t->len : 0);
  }
  fputc(']', out);
}

/* Constant k as the rubric would write it, or a marker if k is bad. */
static void print_constant(FILE *out, rb_numctx *cx, const rb_program *p, uint32_t k) {
  if (k >= p->constant_count || !p->constants) {
    fputs("<no such constant>", out);
    return;
  }
  const rb_constant *c = &p->constants[k];
  switch (c->type) {
  case RB_CONST_NUM: print_number(out, cx, c->num, c->unit); break;
  case RB_CONST_TEXT: print_quoted(out, c->text ? c->text : "", c->text ? c->len : 0); break;
  case RB_CONST_DATE: print_date(out, c->date); break;
  case RB_CONST_STEP: print_step_table(out, cx, c); break;
  case RB_CONST_TEXTS: print_texts(out, c); break;
  default: fprintf(out, "<constant of unknown type %u>", c->type); break;
  }
}

/* names[i], or fallback when i is out of range (a listing of a bad program). */
static const char *name_or(const char *const *names, unsigned count, unsigned i, const char *fallback) {
  return i < count ? names[i] : fallback;
}

/* ---- Instructions -------------------------------------------------------- */

/* The source line column: the line number, "|" if unchanged since the
** previous instruction (*prev_line; -1 forces a number), "-" without debug
** information. */
static void print_line_column(FILE *out, const rb_program *p, uint32_t offset, int64_t *prev_line) {
  const rb_debug_entry *d = rb_program_debug_at(p, offset);
  int64_t line = d ? (int64_t)d->line : -2;
  if (*prev_line != -1 && line == *prev_line)
    fputs("   | ", out);
  else if (!d)
    fputs("   - ", out);
  else
    fprintf(out, "%4u ", d->line);
  *prev_line = line;
}

/* Everything after the opcode name.  Jump targets are absolute offsets. */
static void print_operands(FILE *out, rb_numctx *cx, const rb_program *p, uint32_t offset, uint32_t size,
                           const rb_instr *in) {
  long long target = (long long)offset + size + in->jump;
  switch (rb_opcode_layouts[in->op]) {
  case RB_OPL_NONE: break;
  case RB_OPL_K:
    fprintf(out, " %u ; ", in->a);
    print_constant(out, cx, p, in->a);
    break;
  case RB_OPL_S:
  case RB_OPL_G: fprintf(out, " %u", in->a); break;
  case RB_OPL_I:
    fprintf(out, " %u ; %s", in->a,
            in->a < p->input_count && p->inputs[in->a].name ? p->inputs[in->a].name : "<no such input>");
    break;
  case RB_OPL_J: fprintf(out, " -> %04lld", target); break;
  case RB_OPL_SJ: fprintf(out, " %u -> %04lld", in->a, target); break;
  case RB_OPL_KJ:
    fprintf(out, " %u -> %04lld ; ", in->a, target);
    print_constant(out, cx, p, in->a);
    break;
  case RB_OPL_BN:
    if (in->a < RB_BUILTIN_COUNT)
      fprintf(out, " %s %u", rb_builtin_table[in->a].name, in->n);
    else
      fprintf(out, " <builtin %u> %u", in->a, in->n);
    break;
  case RB_OPL_FN:
    if (in->op == RB_OP_CALL_NATIVE) { /* the u16 is a native, not a function */
      if (in->a < p->native_count && p->natives && p->natives[in->a].name)
        fprintf(out, " %s %u", p->natives[in->a].name, in->n);
      else
        fprintf(out, " <native %u> %u", in->a, in->n);
    } else if (in->a < p->function_count && p->functions && p->functions[in->a].name)
      fprintf(out, " %s %u", p->functions[in->a].name, in->n);
    else
      fprintf(out, " <function %u> %u", in->a, in->n);
    break;
  case RB_OPL_PM:
    fprintf(out, " %d %s", in->places,
            in->n < RB_ROUND_MODE_COUNT ? rb_round_mode_name((rb_round_mode)in->n) : "<bad mode>");
    break;
  case RB_OPL_D: fprintf(out, " %s", name_or(rb_field_names, RB_FIELD_COUNT, in->n, "<bad field>")); break;
  case RB_OPL_WP:
    fprintf(out, " %s %d", name_or(rb_split_policy_names, RB_SPLIT_COUNT, in->n, "<bad policy>"), in->places);
    break;
  case RB_OPL_RP:
    fprintf(out, " %s %d", name_or(rb_row_weight_mode_names, RB_ROWS_COUNT, in->n, "<bad mode>"), in->places);
    break;
  case RB_OPL_SD:
    fprintf(out, " %u %s", in->a, name_or(rb_field_names, RB_FIELD_COUNT, in->n, "<bad field>"));
    break;
  case RB_OPL_SSJ: fprintf(out, " %u %u -> %04lld", in->a, in->b, target); break;
  case RB_OPL_SDD:
    fprintf(out, " %u %s %s", in->a, name_or(rb_field_names, RB_FIELD_COUNT, in->n, "<bad field>"),
            name_or(rb_field_names, RB_FIELD_COUNT, in->b, "<bad field>"));
    break;
  case RB_OPL_SDBK:
    fprintf(out, " %u %s", in->a, name_or(rb_field_names, RB_FIELD_COUNT, in->n, "<bad field>"));
    if (in->b < RB_BUILTIN_COUNT)
      fprintf(out, " %s %u ; ", rb_builtin_table[in->b].name, in->c);
    else
      fprintf(out, " <builtin %u> %u ; ", in->b, in->c);
    print_constant(out, cx, p, in->c);
    break;
  case RB_OPL_SK:
    fprintf(out, " %u %u ; ", in->a, in->b);
    print_constant(out, cx, p, in->b);
    break;
  case RB_OPL_SDKJ:
    fprintf(out, " %u %s %u -> %04lld ; ", in->a, name_or(rb_field_names, RB_FIELD_COUNT, in->n, "<bad field>"), in->b,
            target);
    print_constant(out, cx, p, in->b);
    break;
  case RB_OPL_COUNT: break;
  }
}

/* One line for the instruction at offset, decoded within [0, end); returns
** its length, or 0 after printing what is wrong. */
static uint32_t print_instruction(FILE *out, rb_numctx *cx, const rb_program *p, uint32_t offset, uint32_t end,
                                  int64_t *prev_line) {
  rb_instr in;
  uint32_t size = p->code ? rb_decode(p->code, end, offset, &in) : 0;
  fprintf(out, "%04u ", offset);
  print_line_column(out, p, offset, prev_line);
  if (size == 0) {
    if (!p->code || offset >= end)
      fputs("<past the end of the code>\n", out);
    else if (p->code[offset] >= RB_OP_COUNT)
      fprintf(out, "<invalid opcode 0x%02x>\n", p->code[offset]);
    else
      fprintf(out, "%s <truncated>\n", rb_opcode_names[p->code[offset]]);
    return 0;
  }
  if (rb_opcode_layouts[in.op] == RB_OPL_NONE)
    fputs(rb_opcode_names[in.op], out);
  else
    fprintf(out, "%-13s", rb_opcode_names[in.op]);
  print_operands(out, cx, p, offset, size, &in);
  fputc('\n', out);
  return size;
}

uint32_t rb_disasm_instruction(const rb_program *p, uint32_t offset, FILE *out) {
  rb_numctx *cx = rb_numctx_new();
  int64_t prev_line = -1;
  uint32_t size = print_instruction(out, cx, p, offset, p->code_len, &prev_line);
  rb_numctx_free(cx);
  return size;
}

/* ---- The summary ---------------------------------------------------------- */

/* "rounding: 2 places, half_up, at item, total". */
static void print_rounding(FILE *out, const rb_rounding *r) {
  fprintf(out, "rounding: %d places, %s, at ", r->places,
          r->mode < RB_ROUND_MODE_COUNT ? rb_round_mode_name((rb_round_mode)r->mode) : "<bad mode>");
  static const char *const where_names[3] = {"item", "section", "total"};
  bool any = false;
  for (int bit = 0; bit < 3; bit++) {
    if (r->where & (1u << bit)) {
      fprintf(out, "%s%s", any ? ", " : "", where_names[bit]);
      any = true;
    }
  }
  fputs(any ? "\n" : "no level\n", out);
}

/* "(list, list): number", the C types of a native as the rubric declares
** them; a count beyond the limit or an unknown type is marked, not read. */
static void print_native_signature(FILE *out, const rb_native *n) {
  fputc('(', out);
  if (n->param_count > RB_MAX_NATIVE_PARAMS) {
    fprintf(out, "<%u parameters>", n->param_count);
  } else {
    for (uint8_t i = 0; i < n->param_count; i++)
      fprintf(out, "%s%s", i > 0 ? ", " : "",
              name_or(rb_native_type_names, RB_NTYPE_COUNT, n->params[i], "<bad type>"));
  }
  fprintf(out, "): %s", name_or(rb_native_type_names, RB_NTYPE_COUNT, n->result, "<bad type>"));
}

/* One native per line, in the shape of its declaration:
**   0 加权平均(list, list): number from "libweighted.so" symbol "weighted_average" pure */
static void print_natives(FILE *out, const rb_program *p) {
  fprintf(out, "natives: %u\n", p->native_count);
  for (uint32_t i = 0; i < p->native_count && p->natives; i++) {
    const rb_native *n = &p->natives[i];
    fprintf(out, "  %u %s", i, n->name ? n->name : "?");
    print_native_signature(out, n);
    fputs(" from ", out);
    if (n->library)
      print_quoted(out, n->library, (uint32_t)strlen(n->library));
    else
      fputc('?', out);
    fputs(" symbol ", out);
    if (n->symbol)
      print_quoted(out, n->symbol, (uint32_t)strlen(n->symbol));
    else
      fputc('?', out);
    fputs(n->pure ? " pure\n" : "\n", out);
  }
}

/* The header lines of a listing: title, version, total, rounding, grades,
** the inputs and natives one per line, the counts of constants and
** functions (as in the listings of tests/bytecode/expected). */
static void print_summary(FILE *out, rb_numctx *cx, const rb_program *p) {
  fprintf(out, "title: %s\n", p->title ? p->title : "(none)");
  fprintf(out, "version: %s\n", p->version ? p->version : "(none)");
  fputs("total: ", out);
  print_raw_number(out, p->total);
  fputc('\n', out);
  print_rounding(out, &p->rounding);
  fputs("grades:", out);
  for (uint32_t i = 0; i < p->grade_count && p->grades; i++) {
    const rb_grade *g = &p->grades[i];
    fprintf(out, "%s %s", i > 0 ? "," : "", g->label ? g->label : "?");
    if (g->has_min) {
      fputs(" >= ", out);
      print_raw_number(out, g->min);
    }
  }
  fputc('\n', out);
  fprintf(out, "inputs: %u\n", p->input_count);
  for (uint32_t i = 0; i < p->input_count && p->inputs; i++) {
    const rb_input *in = &p->inputs[i];
    fprintf(out, "  %u %s: %s", i, in->name ? in->name : "?",
            name_or(rb_input_source_names, RB_SRC_COUNT, in->source, "<bad source>"));
    if (in->key) {
      fputc(' ', out);
      print_quoted(out, in->key, (uint32_t)strlen(in->key));
    }
    fprintf(out, ", %s, missing %s", name_or(rb_input_type_names, RB_ITYPE_COUNT, in->type, "<bad type>"),
            name_or(rb_missing_policy_names, RB_MISSING_COUNT, in->missing, "<bad policy>"));
    if (in->missing == RB_MISSING_DEFAULT) {
      fprintf(out, " %u ; ", in->default_const);
      print_constant(out, cx, p, in->default_const);
    }
    fputc('\n', out);
  }
  print_natives(out, p);
  fprintf(out, "constants: %u\n", p->constant_count);
  fprintf(out, "functions: %u\n", p->function_count);
}

/* The summary, then each function's code under its header line. */
void rb_disasm(const rb_program *p, FILE *out) {
  rb_numctx *cx = rb_numctx_new();
  print_summary(out, cx, p);
  for (uint32_t i = 0; i < p->function_count && p->functions; i++) {
    const rb_function *f = &p->functions[i];
    const char *name = f->name ? f->name : "?";
    if (i == 0)
      fprintf(out, "\n== %s ==\n", name);
    else
      fprintf(out, "\n== fn %s (arity %u) ==\n", name, f->arity);
    uint32_t end = f->code_start < p->code_len && f->code_len <= p->code_len - f->code_start
                       ? f->code_start + f->code_len
                       : p->code_len;
    int64_t prev_line = -1;
    for (uint32_t off = f->code_start; off < end;) {
      uint32_t size = print_instruction(out, cx, p, off, end, &prev_line);
      if (size == 0) break;
      off += size;
    }
  }
  rb_numctx_free(cx);
}
