/*
** sample_programs.h — hand-assembled programs shared by the bytecode tests.
**
** sample_golden() uses nearly every operand layout and constant type; its
** listing is tests/bytecode/expected/golden.txt, written by hand from the
** offsets in the comments below (each comment is the instruction's offset).
** sample_natives() declares native functions of every type and calls them
** with CALL_NATIVE, from main and from a function; its listing is
** tests/bytecode/expected/natives.txt, written the same way.
** sample_loop() sums a field of every indicator row, in the shape the
** compiler emits (ITER_NEXT_SET, FIELD_LOCAL; tests/bytecode/expected/loop.txt)
** or in the same loop written with the pairs they stand for (ITER_NEXT then
** SET_LOCAL, GET_LOCAL then FIELD), which the VM still runs.
** sample_super() uses the superinstructions and the set-of-texts constant
** (IN_TEXTS, JUMP_IF_NE, JUMP_IF_EQ, FIELDS_LOCAL, JUMP_IF_TRUE), for the
** loader's tests.
*/
#ifndef RUBRIC_TEST_SAMPLE_PROGRAMS_H
#define RUBRIC_TEST_SAMPLE_PROGRAMS_H

#include "tests/bytecode/program_builder.h"

static inline rb_program *sample_golden(void) {
  rb_program *p = pb_new();
  p->title = "江门市科技发展管理经费项目自评";
  p->version = "2024";
  p->total = rb_num_int(100);
  p->rounding.places = 2;
  p->rounding.mode = RB_ROUND_HALF_UP;
  p->rounding.where = RB_ROUND_AT_ITEM | RB_ROUND_AT_TOTAL;
  pb_grade(p, "优", "90");
  pb_grade(p, "良", "80");
  pb_grade(p, "中", "60");
  pb_grade(p, "差", NULL);

  uint16_t k_100 = pb_num(p, "100", RB_UNIT_PLAIN);               /* 0 */
  uint16_t k_output = pb_text(p, "产出");                          /* 1 */
  uint16_t k_40 = pb_num(p, "40", RB_UNIT_PLAIN);                 /* 2 */
  uint16_t k_media = pb_text(p, "媒体宣传次数");                   /* 3 */
  uint16_t k_110 = pb_num(p, "110", RB_UNIT_PLAIN);               /* 4 */
  uint16_t k_90pct = pb_num(p, "0.9", RB_UNIT_PERCENT);           /* 5 */
  uint16_t k_step = pb_step(p, RB_UNIT_PERCENT, 3);               /* 6 */
  pb_range(p, k_step, "0.9", true, NULL, false, "5");
  pb_range(p, k_step, "0.8", true, "0.9", false, "4");
  pb_range(p, k_step, NULL, false, "0.8", false, "0");
  uint16_t k_date = pb_date(p, 2024, 4, 1);                       /* 7 */
  uint16_t k_message = pb_text(p, "执行率低于90%需说明");          /* 8 */
  uint16_t k_money = pb_num(p, "1655200", RB_UNIT_MONEY);         /* 9 */
  uint16_t k_third = pb_num(p, "1/3", RB_UNIT_PLAIN);             /* 10 */
  uint16_t k_path = pb_text(p, "产出 › 媒体宣传次数");             /* 11 */
  uint16_t k_check = pb_text(p, "满意度\"核对\"");                 /* 12 */
  uint16_t k_0 = pb_num(p, "0", RB_UNIT_PLAIN);                   /* 13 */
  uint16_t k_11 = pb_num(p, "11", RB_UNIT_PLAIN);                 /* 14 */

  uint16_t in_count = pb_input(p, "宣传次数", RB_SRC_FACT, "宣传次数", RB_ITYPE_NUMBER, RB_MISSING_SELF, 0);
  uint16_t in_spent = pb_input(p, "执行数", RB_SRC_SPENT, NULL, RB_ITYPE_MONEY, RB_MISSING_ERROR, 0);
  uint16_t in_satisfied =
      pb_input(p, "满意度", RB_SRC_FACT, "满意度", RB_ITYPE_PERCENT, RB_MISSING_DEFAULT, k_90pct);
  uint16_t in_table = pb_input(p, "指标表", RB_SRC_INDICATORS, NULL, RB_ITYPE_TABLE, RB_MISSING_ERROR, 0);

  pb_function(p, "main", 0, 3);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_100); /* 0000 */
  pb_op_a(p, RB_OP_NODE, k_output); /* 0003 */
  pb_line(p, 2);
  p->debug[p->debug_count - 1].path = k_path;
  pb_op_a(p, RB_OP_CONST, k_40);                      /* 0006 */
  uint32_t item1 = pb_jump(p, RB_OP_ITEM, k_media);    /* 0009 */
  pb_line(p, 3);
  pb_op_a(p, RB_OP_INPUT, in_count);                   /* 0016 */
  pb_op_a(p, RB_OP_CONST, k_110);                      /* 0019 */
  pb_op(p, RB_OP_WEIGHT);                              /* 0022 */
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_POSITIVE, 3); /* 0023 */
  pb_round(p, 2, RB_ROUND_HALF_UP);                    /* 0027 */
  pb_line(p, 4);
  pb_patch(p, item1);
  pb_op(p, RB_OP_ITEM_END);                            /* 0030 */
  pb_line(p, 5);
  pb_op_a(p, RB_OP_CONST, k_40);                       /* 0031 */
  uint32_t item2 = pb_jump(p, RB_OP_ITEM, k_media);    /* 0034 */
  pb_op_a(p, RB_OP_INPUT, in_spent);                   /* 0041 */
  pb_op_a(p, RB_OP_CONST, k_money);                    /* 0044 */
  pb_op_an(p, RB_OP_CALL, 1, 2);                       /* 0047 */
  pb_op_a(p, RB_OP_STEP, k_step);                      /* 0051 */
  pb_patch(p, item2);
  pb_op(p, RB_OP_ITEM_END);                            /* 0054 */
  pb_line(p, 6);
  pb_op_a(p, RB_OP_INPUT, in_satisfied);               /* 0055 */
  pb_op_a(p, RB_OP_CONST, k_90pct);                    /* 0058 */
  pb_op(p, RB_OP_GE);                                  /* 0061 */
  pb_op_a(p, RB_OP_CONST, k_message);                  /* 0062 */
  pb_op_a(p, RB_OP_CHECK, k_check);                    /* 0065 */
  pb_line(p, 7);
  pb_op_a(p, RB_OP_INPUT, in_table);                   /* 0068 */
  pb_op_a(p, RB_OP_ITER_START, 0);                     /* 0071 */
  uint32_t loop = p->code_len;
  uint32_t next = pb_jump(p, RB_OP_ITER_NEXT, 0);      /* 0074 */
  pb_op_a(p, RB_OP_SET_LOCAL, 2);                      /* 0081 */
  pb_op_a(p, RB_OP_GET_LOCAL, 2);                      /* 0084 */
  pb_op_a(p, RB_OP_CONST, k_third);                    /* 0087 */
  pb_line(p, 8);
  uint32_t row = pb_jump(p, RB_OP_ITEM_ROW, 0);        /* 0090 */
  pb_op_a(p, RB_OP_GET_LOCAL, 2);                      /* 0095 */
  pb_field(p, RB_FIELD_ACTUAL);                        /* 0098 */
  pb_op_an(p, RB_OP_CALL_BUILTIN, RB_BUILTIN_NUM, 1);  /* 0100 */
  pb_patch(p, row);
  pb_op(p, RB_OP_ITEM_END);                            /* 0104 */
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), loop);     /* 0105 */
  pb_line(p, 9);
  pb_patch(p, next);
  pb_op(p, RB_OP_POP);                                 /* 0110 */
  pb_op_a(p, RB_OP_CONST, k_40);                       /* 0111 */
  pb_op_a(p, RB_OP_CONST, k_11);                       /* 0114 */
  pb_split(p, RB_SPLIT_LARGEST_REMAINDER, 2);          /* 0117 */
  pb_op_a(p, RB_OP_CONST, k_0);                        /* 0120 */
  pb_op(p, RB_OP_INDEX);                               /* 0123 */
  pb_op(p, RB_OP_POP);                                 /* 0124 */
  pb_line(p, 10);
  pb_op(p, RB_OP_TRUE);                                /* 0125 */
  pb_op(p, RB_OP_NOT);                                 /* 0126 */
  uint32_t skip = pb_jump(p, RB_OP_JUMP_IF_FALSE, 0);  /* 0127 */
  pb_op_a(p, RB_OP_CONST, k_date);                     /* 0132 */
  pb_op(p, RB_OP_POP);                                 /* 0135 */
  pb_line(p, 11);
  pb_patch(p, skip);
  pb_op(p, RB_OP_NODE_END);                            /* 0136 */
  pb_op(p, RB_OP_HALT);                                /* 0137 */
  pb_end(p);

  pb_function(p, "rate", 2, 2);
  pb_line(p, 12);
  pb_op_a(p, RB_OP_GET_LOCAL, 0); /* 0138 */
  pb_op_a(p, RB_OP_GET_LOCAL, 1); /* 0141 */
  pb_op(p, RB_OP_DIV);            /* 0144 */
  pb_op(p, RB_OP_RETURN);         /* 0145 */
  pb_end(p);
  return p;
}

/* Each comment gives the instruction's offset and the stack depth after it,
** worked by hand: main peaks at 2 (the two inputs of 加权平均, the date and 今天's result, the
** text and true, the check's boolean and message); 换算 at 1. */
static inline rb_program *sample_natives(void) {
  rb_program *p = pb_new();
  p->title = "原生函数示例";
  p->version = "2024";
  p->total = rb_num_int(100);
  p->rounding.places = 2;
  p->rounding.mode = RB_ROUND_HALF_UP;
  p->rounding.where = RB_ROUND_AT_ITEM;

  uint16_t k_100 = pb_num(p, "100", RB_UNIT_PLAIN);       /* 0 */
  uint16_t k_output = pb_text(p, "产出");                  /* 1 */
  uint16_t k_60 = pb_num(p, "60", RB_UNIT_PLAIN);         /* 2 */
  uint16_t k_item = pb_text(p, "资金加权执行率");           /* 3 */
  uint16_t k_date = pb_date(p, 2024, 1, 1);               /* 4 */
  uint16_t k_note = pb_text(p, "说明");                    /* 5 */
  uint16_t k_message = pb_text(p, "原生核对未通过");        /* 6 */
  uint16_t k_check = pb_text(p, "核对说明");                /* 7 */

  uint16_t in_rates = pb_input(p, "执行率", RB_SRC_FACT, "执行率", RB_ITYPE_VALUE, RB_MISSING_ERROR, 0);
  uint16_t in_funds = pb_input(p, "资金", RB_SRC_FACT, "资金", RB_ITYPE_VALUE, RB_MISSING_ERROR, 0);

  uint16_t n_weighted = pb_native(p, "加权平均", "libweighted.so", "weighted_average", RB_NTYPE_NUMBER, true,
                                  (const uint8_t[]){RB_NTYPE_LIST, RB_NTYPE_LIST}, 2, 20);
  uint16_t n_triple =
      pb_native(p, "三倍", "host", "triple", RB_NTYPE_NUMBER, false, (const uint8_t[]){RB_NTYPE_NUMBER}, 1, 21);
  uint16_t n_today = pb_native(p, "今天", "host", "today", RB_NTYPE_DATE, false, NULL, 0, 22);
  uint16_t n_days = pb_native(p, "天数", "/opt/rubric/lib/libdates.so", "days_between", RB_NTYPE_INTEGER, true,
                              (const uint8_t[]){RB_NTYPE_DATE, RB_NTYPE_DATE}, 2, 23);
  uint16_t n_check = pb_native(p, "核对", "libcheck.so", "check_note", RB_NTYPE_BOOL, false,
                               (const uint8_t[]){RB_NTYPE_TEXT, RB_NTYPE_BOOL}, 2, 24);
  p->natives[n_days].column = 5; /* so that a round trip shows columns are kept */

  pb_function(p, "main", 0, 0);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_100);                  /* 0000  1 */
  pb_op_a(p, RB_OP_NODE, k_output);                /* 0003  0 */
  pb_line(p, 2);
  pb_op_a(p, RB_OP_CONST, k_60);                   /* 0006  1 */
  uint32_t item = pb_jump(p, RB_OP_ITEM, k_item);  /* 0009  0 */
  pb_line(p, 3);
  pb_op_a(p, RB_OP_INPUT, in_rates);               /* 0016  1 */
  pb_op_a(p, RB_OP_INPUT, in_funds);               /* 0019  2 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_weighted, 2);   /* 0022  1 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_triple, 1);     /* 0026  1 */
  pb_round(p, 2, RB_ROUND_HALF_UP);                /* 0030  1 */
  pb_patch(p, item);
  pb_op(p, RB_OP_ITEM_END);                        /* 0033  0 */
  pb_line(p, 4);
  pb_op_a(p, RB_OP_CONST, k_date);                 /* 0034  1 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_today, 0);      /* 0037  2 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_days, 2);       /* 0041  1 */
  pb_op(p, RB_OP_POP);                             /* 0045  0 */
  pb_line(p, 5);
  pb_op_a(p, RB_OP_CONST, k_note);                 /* 0046  1 */
  pb_op(p, RB_OP_TRUE);                            /* 0049  2 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_check, 2);      /* 0050  1 */
  pb_op_a(p, RB_OP_CONST, k_message);              /* 0054  2 */
  pb_op_a(p, RB_OP_CHECK, k_check);                /* 0057  0 */
  pb_line(p, 6);
  pb_op(p, RB_OP_NODE_END);                        /* 0060  0 */
  pb_op(p, RB_OP_HALT);                            /* 0061 */
  pb_end(p);

  pb_function(p, "换算", 1, 1);
  pb_line(p, 7);
  pb_op_a(p, RB_OP_GET_LOCAL, 0);                  /* 0062  1 */
  pb_op_an(p, RB_OP_CALL_NATIVE, n_triple, 1);     /* 0065  1 */
  pb_op(p, RB_OP_RETURN);                          /* 0069 */
  pb_end(p);
  return p;
}

/* item 合计 40 = sum(r.FIELD for r in 指标表), with the offsets of the fused
** shape in the comments.  Locals: 0 the row r, 1 and 2 the iteration, 3 the
** sum.  Stack depth after each instruction: 1 0 | 1 0 1 0 0 | 1 2 1 0 | 1 0;
** at most 2 (the field and the sum, before ADD). */
static inline rb_program *sample_loop(bool fused, rb_field field) {
  rb_program *p = pb_new();
  p->title = "逐行求和";
  p->total = rb_num_int(40);
  p->rounding.places = 2;
  p->rounding.mode = RB_ROUND_HALF_UP;
  p->rounding.where = RB_ROUND_AT_ITEM;
  uint16_t k_40 = pb_num(p, "40", RB_UNIT_PLAIN);   /* 0 */
  uint16_t k_name = pb_text(p, "合计");             /* 1 */
  uint16_t k_0 = pb_num(p, "0", RB_UNIT_PLAIN);     /* 2 */
  uint16_t in_table = pb_input(p, "指标表", RB_SRC_INDICATORS, NULL, RB_ITYPE_TABLE, RB_MISSING_ERROR, 0);

  pb_function(p, "main", 0, 4);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_40);                      /* 0000 */
  uint32_t item = pb_jump(p, RB_OP_ITEM, k_name);     /* 0003 */
  pb_line(p, 2);
  pb_op_a(p, RB_OP_CONST, k_0);                       /* 0010 */
  pb_op_a(p, RB_OP_SET_LOCAL, 3);                     /* 0013 */
  pb_op_a(p, RB_OP_INPUT, in_table);                  /* 0016 */
  pb_op_a(p, RB_OP_ITER_START, 1);                    /* 0019 */
  uint32_t loop = p->code_len, done;
  if (fused) {
    done = pb_iter_next_set(p, 1, 0);                 /* 0022 */
    pb_line(p, 3);
    pb_field_local(p, 0, field);                      /* 0031 */
  } else {
    done = pb_jump(p, RB_OP_ITER_NEXT, 1);
    pb_op_a(p, RB_OP_SET_LOCAL, 0);
    pb_line(p, 3);
    pb_op_a(p, RB_OP_GET_LOCAL, 0);
    pb_field(p, field);
  }
  pb_op_a(p, RB_OP_GET_LOCAL, 3);                     /* 0035 */
  pb_op(p, RB_OP_ADD);                                /* 0038 */
  pb_op_a(p, RB_OP_SET_LOCAL, 3);                     /* 0039 */
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), loop);    /* 0042 */
  pb_line(p, 4);
  pb_patch(p, done);
  if (!fused) pb_op(p, RB_OP_POP); /* the nil ITER_NEXT leaves */
  pb_op_a(p, RB_OP_GET_LOCAL, 3);                     /* 0047 */
  pb_patch(p, item);
  pb_op(p, RB_OP_ITEM_END);                           /* 0050 */
  pb_op(p, RB_OP_HALT);                               /* 0051 */
  pb_end(p);
  return p;
}

/* item 达成 10 = count(r for r in 指标表 where r.actual.text in ["12次", "95%"]
** and r.name != "合格率") * 5, with the superinstructions (10 on
** tests/golden/reports/small.json: two rows match); a row named "不存在的行"
** would end the loop early (JUMP_IF_NE over a JUMP out).  Locals: 0 the row,
** 1 and 2 the iteration, 3 the count. */
static inline rb_program *sample_super(void) {
  static const char *const texts[] = {"12次", "95%", NULL};
  rb_program *p = pb_new();
  p->title = "超级指令";
  p->total = rb_num_int(10);
  uint16_t k_10 = pb_num(p, "10", RB_UNIT_PLAIN);   /* 0 */
  uint16_t k_name = pb_text(p, "达成");             /* 1 */
  uint16_t k_0 = pb_num(p, "0", RB_UNIT_PLAIN);     /* 2 */
  uint16_t k_set = pb_texts(p, texts);              /* 3 */
  uint16_t k_row = pb_text(p, "合格率");            /* 4 */
  uint16_t k_1 = pb_num(p, "1", RB_UNIT_PLAIN);     /* 5 */
  uint16_t k_5 = pb_num(p, "5", RB_UNIT_PLAIN);     /* 6 */
  uint16_t k_stop = pb_text(p, "不存在的行");       /* 7 */
  uint16_t in_table = pb_input(p, "指标表", RB_SRC_INDICATORS, NULL, RB_ITYPE_TABLE, RB_MISSING_ERROR, 0);
  pb_function(p, "main", 0, 4);
  pb_line(p, 1);
  pb_op_a(p, RB_OP_CONST, k_10);
  uint32_t end = pb_jump(p, RB_OP_ITEM, k_name);
  pb_line(p, 2);
  pb_op_a(p, RB_OP_CONST, k_0);
  pb_op_a(p, RB_OP_SET_LOCAL, 3);
  pb_op_a(p, RB_OP_INPUT, in_table);
  pb_op_a(p, RB_OP_ITER_START, 1);
  uint32_t loop = p->code_len;
  uint32_t done = pb_iter_next_set(p, 1, 0);
  pb_line(p, 3);
  pb_field_local(p, 0, RB_FIELD_NAME);
  pb_op_a(p, RB_OP_CONST, k_stop);
  uint32_t go_on = pb_jump(p, RB_OP_JUMP_IF_NE, 0);
  uint32_t stop = pb_jump(p, RB_OP_JUMP, 0);
  pb_patch(p, go_on);
  pb_fields_local(p, 0, RB_FIELD_ACTUAL, RB_FIELD_TEXT);
  pb_op_a(p, RB_OP_IN_TEXTS, k_set);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP_IF_FALSE, 0), loop);
  pb_field_local(p, 0, RB_FIELD_NAME);
  pb_op_a(p, RB_OP_CONST, k_row);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP_IF_EQ, 0), loop); /* r.name != "合格率": back when they are equal */
  pb_op_a(p, RB_OP_GET_LOCAL, 3);
  pb_op_a(p, RB_OP_CONST, k_1);
  pb_op(p, RB_OP_ADD);
  pb_op_a(p, RB_OP_SET_LOCAL, 3);
  pb_patch_to(p, pb_jump(p, RB_OP_JUMP, 0), loop);
  pb_patch(p, done);
  pb_patch(p, stop);
  pb_line(p, 4);
  pb_op(p, RB_OP_TRUE); /* a condition that holds, going on either way */
  pb_patch(p, pb_jump(p, RB_OP_JUMP_IF_TRUE, 0));
  pb_op_a(p, RB_OP_GET_LOCAL, 3);
  pb_op_a(p, RB_OP_CONST, k_5);
  pb_op(p, RB_OP_MUL);
  pb_patch(p, end);
  pb_op(p, RB_OP_ITEM_END);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  return p;
}

#endif
