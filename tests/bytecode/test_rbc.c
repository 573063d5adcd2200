/*
** test_rbc.c — .rbc files: the envelope as docs/rbc-format.md describes it,
** a round trip that loses nothing, a message for each kind of damage, and
** robustness against damage of every kind: every truncation, every single
** bit flip, bit flips with the checksum recomputed (so the structural checks
** and the verifier must hold on their own), and random multi-byte garbage
** from a fixed seed — each for the golden program and for one that
** declares native functions.  Run under ASan/UBSan: "never crashes" is the
** point.
*/
#include "vm/disasm.h"

#include "tests/bytecode/capture.h"
#include "check.h"
#include "tests/bytecode/sample_programs.h"

/* ---- Helpers --------------------------------------------------------------- */

/* CRC-32 (IEEE, reflected, as zlib) bit by bit: an implementation
** independent of the loader's table-driven one. */
static uint32_t crc32_reference(const uint8_t *bytes, size_t len) {
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= bytes[i];
    for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

/* The layout of docs/rbc-format.md, written out independently of vm/rbc.c. */
enum { HEADER_SIZE = 84, CHECKSUM_AT = 8, TABLE_AT = 12, SECTIONS = 9 };
enum { S_STRINGS, S_CONSTANTS, S_HEADER, S_FUNCTIONS, S_INPUTS, S_NATIVES, S_CODE, S_DEBUG, S_FILES };

static uint32_t get_u32(const uint8_t *b) {
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

static void put_u32(uint8_t *b, uint32_t v) {
  for (int i = 0; i < 4; i++) b[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t section_size(const uint8_t *image, int s) { return get_u32(image + TABLE_AT + 8 * s); }
static uint32_t section_count(const uint8_t *image, int s) { return get_u32(image + TABLE_AT + 8 * s + 4); }

/* Where section s starts: the header, then the sizes of those before it. */
static size_t section_at(const uint8_t *image, int s) {
  size_t at = HEADER_SIZE;
  for (int i = 0; i < s; i++) at += section_size(image, i);
  return at;
}

/* Whether string `index` of the strings section is `want` (walking the
** u32-length-prefixed records from the start). */
static bool string_is(const uint8_t *image, uint32_t index, const char *want) {
  size_t at = section_at(image, S_STRINGS);
  if (index >= section_count(image, S_STRINGS)) return false;
  for (uint32_t i = 0; i < index; i++) at += 4 + get_u32(image + at);
  uint32_t len = get_u32(image + at);
  return len == strlen(want) && memcmp(image + at + 4, want, len) == 0;
}

/* Recompute the checksum of a (possibly damaged) image in place. */
static void fix_checksum(uint8_t *image, size_t len) {
  if (len >= HEADER_SIZE) put_u32(image + CHECKSUM_AT, crc32_reference(image + TABLE_AT, len - TABLE_AT));
}

static char *disasm_text(const rb_program *p) {
  FILE *f = tmpfile();
  if (!f) return NULL;
  rb_disasm(p, f);
  char *text = capture_stream(f, NULL);
  fclose(f);
  return text;
}

/* xorshift64*: a fixed-seed generator of our own, so runs are repeatable on
** every C library. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng_next(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Du;
}
static uint32_t rng_below(uint32_t n) { return (uint32_t)(rng_next() % n); }

/* Tally of what the loader did with damaged images. */
typedef struct tally {
  int refused, accepted, silent; /* silent: refused without a message */
} tally;

/* Load a damaged image: a refusal must come with a message; an acceptance
** must be a program that verifies again and disassembles (under ASan). */
static void load_damaged(const uint8_t *image, size_t len, tally *t) {
  char err[512];
  err[0] = '\0';
  rb_program *p = rb_program_deserialize(image, len, err, sizeof err);
  if (!p) {
    t->refused++;
    if (err[0] == '\0') t->silent++;
    return;
  }
  t->accepted++;
  char again[512];
  if (!rb_program_verify(p, again, sizeof again)) t->silent++; /* counted as a failure below */
  char *text = disasm_text(p);
  free(text);
  rb_program_free(p);
}

typedef rb_program *(*sample_fn)(void);

static uint8_t *sample_image(sample_fn sample, size_t *len) {
  rb_program *p = sample();
  uint8_t *image = NULL;
  CHECK(rb_program_serialize(p, &image, len));
  rb_program_free(p);
  return image;
}

static uint8_t *golden_image(size_t *len) { return sample_image(sample_golden, len); }

/* ---- The envelope ------------------------------------------------------------ */

static void test_envelope(void) {
  CHECK(crc32_reference((const uint8_t *)"123456789", 9) == 0xCBF43926u); /* the standard check value */
  size_t len = 0;
  uint8_t *image = golden_image(&len);
  if (!image) return;
  CHECK(len > HEADER_SIZE);
  CHECK(memcmp(image, "RBC\x1a", 4) == 0);
  CHECK(image[4] == 4 && image[5] == 0); /* version 4 */
  CHECK(image[6] == 0 && image[7] == 0); /* flags */
  CHECK(get_u32(image + CHECKSUM_AT) == crc32_reference(image + TABLE_AT, len - TABLE_AT));
  /* The section sizes add up to the file; the counts are what was stored. */
  uint64_t total = 0;
  for (int s = 0; s < SECTIONS; s++) total += section_size(image, s);
  CHECK(total == len - HEADER_SIZE);
  CHECK(section_count(image, S_CONSTANTS) == 15);
  CHECK(section_count(image, S_HEADER) == 4); /* grades */
  CHECK(section_count(image, S_FUNCTIONS) == 2);
  CHECK(section_size(image, S_FUNCTIONS) == 32); /* 2 records of 16 bytes */
  CHECK(section_count(image, S_INPUTS) == 4);
  CHECK(section_size(image, S_INPUTS) == 4 * 23); /* records of 23 bytes */
  CHECK(section_count(image, S_NATIVES) == 0 && section_size(image, S_NATIVES) == 0);
  CHECK(section_size(image, S_CODE) == 146); /* code bytes */
  CHECK(section_count(image, S_CODE) == 146);
  CHECK(section_count(image, S_DEBUG) == 12);
  CHECK(section_size(image, S_DEBUG) == 12 * 24);
  CHECK(section_count(image, S_FILES) == 1);
  /* The code section is the code, byte for byte, where the table says. */
  size_t code_at = section_at(image, S_CODE);
  rb_program *p = sample_golden();
  CHECK(memcmp(image + code_at, p->code, p->code_len) == 0);
  rb_program_free(p);
  free(image);
}

/* The natives section of sample_natives, byte by byte as rbc-format.md
** lays it out: 25 fixed bytes per native, then one byte per parameter. */
static void test_envelope_natives(void) {
  size_t len = 0;
  uint8_t *image = sample_image(sample_natives, &len);
  if (!image) return;
  CHECK(section_count(image, S_NATIVES) == 5);
  CHECK(section_size(image, S_NATIVES) == 5 * 25 + 2 + 1 + 0 + 2 + 2);
  CHECK(section_size(image, S_CODE) == 70);
  CHECK(section_count(image, S_FILES) == 1);
  const uint8_t *n = image + section_at(image, S_NATIVES);
  /* 0 加权平均(list, list): number from "libweighted.so" symbol "weighted_average" pure, line 20 */
  CHECK(string_is(image, get_u32(n), "加权平均"));
  CHECK(string_is(image, get_u32(n + 4), "libweighted.so"));
  CHECK(string_is(image, get_u32(n + 8), "weighted_average"));
  CHECK(n[12] == 1 && n[13] == 1);                     /* result number, pure */
  CHECK(n[14] == 0 && n[15] == 0);                     /* file 0 */
  CHECK(get_u32(n + 16) == 20 && get_u32(n + 20) == 1); /* line, column */
  CHECK(n[24] == 2 && n[25] == 5 && n[26] == 5);       /* two lists */
  /* 1 三倍(number): number from "host" symbol "triple", not pure, line 21 */
  n += 27;
  CHECK(string_is(image, get_u32(n), "三倍"));
  CHECK(string_is(image, get_u32(n + 4), "host"));
  CHECK(string_is(image, get_u32(n + 8), "triple"));
  CHECK(n[12] == 1 && n[13] == 0 && get_u32(n + 16) == 21 && n[24] == 1 && n[25] == 1);
  /* 2 今天(): date from "host": no parameter bytes at all */
  n += 26;
  CHECK(string_is(image, get_u32(n), "今天"));
  CHECK(get_u32(n + 4) == get_u32(n - 26 + 4)); /* "host" is stored once */
  CHECK(n[12] == 4 && n[24] == 0);
  /* 3 天数(date, date): integer, pure, line 23 column 5 */
  n += 25;
  CHECK(string_is(image, get_u32(n), "天数"));
  CHECK(n[12] == 0 && n[13] == 1 && get_u32(n + 16) == 23 && get_u32(n + 20) == 5);
  CHECK(n[24] == 2 && n[25] == 4 && n[26] == 4);
  /* 4 核对(text, bool): bool; the last record ends the section */
  n += 27;
  CHECK(string_is(image, get_u32(n + 8), "check_note"));
  CHECK(n[12] == 3 && n[13] == 0 && n[24] == 2 && n[25] == 2 && n[26] == 3);
  CHECK(n + 27 == image + section_at(image, S_CODE));
  free(image);
}

/* ---- Round trip ---------------------------------------------------------------- */

static void test_round_trip(void) {
  rb_program *p = sample_golden();
  uint8_t *image = NULL, *again = NULL;
  size_t len = 0, again_len = 0;
  CHECK(rb_program_serialize(p, &image, &len));
  char err[512] = "";
  rb_program *q = rb_program_deserialize(image, len, err, sizeof err);
  CHECK(q != NULL);
  if (!q) {
    fprintf(stderr, "  %s\n", err);
    return;
  }
  char *want = disasm_text(p), *got = disasm_text(q);
  CHECK(want && got && strcmp(want, got) == 0);
  free(want);
  free(got);
  /* What the listing does not show. */
  CHECK(q->functions[0].max_stack == 3 && q->functions[1].max_stack == 2);
  CHECK(q->functions[0].local_count == 3 && q->functions[1].local_count == 2);
  CHECK(q->debug_count == 12 && q->debug[1].path == 11 && q->debug[1].start == 20 && q->debug[1].end == 25);
  CHECK(q->debug[1].column == 1 && q->debug[2].path == RB_NO_PATH);
  CHECK(q->file_count == 1 && strcmp(q->files[0], "rules/test.rubric") == 0);
  CHECK(q->constants[12].len == strlen("满意度\"核对\""));
  CHECK(q->inputs[1].key == NULL && strcmp(q->inputs[0].key, "宣传次数") == 0);
  CHECK(q->inputs[2].default_const == 5);
  CHECK(q->constants[6].range_count == 3 && q->constants[6].ranges[1].low_inclusive &&
        !q->constants[6].ranges[1].high_inclusive && !q->constants[6].ranges[2].has_low);
  CHECK(q->constants[7].date == p->constants[7].date);
  CHECK(rb_num_cmp(q->constants[10].num, p->constants[10].num) == 0);
  /* Serialising the loaded program gives the same bytes. */
  CHECK(rb_program_serialize(q, &again, &again_len));
  CHECK(again_len == len && memcmp(again, image, len) == 0);
  free(again);
  free(image);
  rb_program_free(q);
  rb_program_free(p);
}

/* A program with natives: the listing (which shows every declaration) is
** the same, so are the fields it does not show, and the bytes again. */
static void test_round_trip_natives(void) {
  rb_program *p = sample_natives();
  uint8_t *image = NULL, *again = NULL;
  size_t len = 0, again_len = 0;
  CHECK(rb_program_serialize(p, &image, &len));
  char err[512] = "";
  rb_program *q = image ? rb_program_deserialize(image, len, err, sizeof err) : NULL;
  CHECK(q != NULL);
  if (!q) {
    fprintf(stderr, "  %s\n", err);
    free(image);
    rb_program_free(p);
    return;
  }
  char *want = disasm_text(p), *got = disasm_text(q);
  CHECK(want && got && strcmp(want, got) == 0);
  CHECK(got && strstr(got, "  3 天数(date, date): integer from \"/opt/rubric/lib/libdates.so\" symbol "
                           "\"days_between\" pure\n"));
  free(want);
  free(got);
  CHECK(q->native_count == 5 && q->bindings == NULL);
  for (uint32_t i = 0; i < 5; i++) {
    const rb_native *a = &p->natives[i], *b = &q->natives[i];
    CHECK(strcmp(a->name, b->name) == 0 && strcmp(a->library, b->library) == 0 &&
          strcmp(a->symbol, b->symbol) == 0);
    CHECK(a->result == b->result && a->pure == b->pure && a->param_count == b->param_count);
    CHECK(memcmp(a->params, b->params, a->param_count) == 0);
    CHECK(b->file == 0 && a->line == b->line && a->column == b->column);
  }
  CHECK(q->natives[3].line == 23 && q->natives[3].column == 5 && q->natives[4].line == 24);
  CHECK(q->functions[0].max_stack == 2 && q->functions[1].max_stack == 1);
  CHECK(rb_program_serialize(q, &again, &again_len));
  CHECK(again_len == len && memcmp(again, image, len) == 0);
  free(again);
  free(image);
  rb_program_free(q);
  rb_program_free(p);
}

static void expect_refusal(const uint8_t *image, size_t len, const char *message);

/* The superinstructions and a set of texts come back as they were: the
** same listing, the texts in their order. */
static void test_round_trip_super(void) {
  rb_program *p = sample_super();
  uint8_t *image = NULL;
  size_t len = 0;
  CHECK(rb_program_serialize(p, &image, &len));
  char err[512] = "";
  rb_program *q = image ? rb_program_deserialize(image, len, err, sizeof err) : NULL;
  CHECK(q != NULL);
  if (q) {
    const rb_constant *k = &q->constants[3];
    CHECK(k->type == RB_CONST_TEXTS && k->text_count == 2);
    CHECK(k->text_count == 2 && k->texts[0].len == strlen("12次") && strcmp(k->texts[0].text, "12次") == 0 &&
          strcmp(k->texts[1].text, "95%") == 0);
    char *a = disasm_text(p), *b = disasm_text(q);
    CHECK(a && b && strcmp(a, b) == 0);
    CHECK(b && strstr(b, "IN_TEXTS      3 ; [\"12次\", \"95%\"]\n"));
    CHECK(b && strstr(b, "FIELDS_LOCAL  0 actual text\n"));
    CHECK(b && strstr(b, "JUMP_IF_NE    -> "));
    CHECK(b && strstr(b, "JUMP_IF_EQ    -> "));
    CHECK(b && strstr(b, "JUMP_IF_TRUE  -> "));
    free(a);
    free(b);
  } else {
    fprintf(stderr, "  %s\n", err);
  }
  /* A set naming a string that does not exist: the string index of its second text is 99999. */
  size_t sets = 0;
  for (size_t at = section_at(image, S_CONSTANTS); image && at + 10 <= section_at(image, S_CONSTANTS + 1); at++) {
    if (image[at] == RB_CONST_TEXTS && image[at + 1] == 0 && get_u32(image + at + 2) == 2) {
      uint8_t *copy = malloc(len);
      if (!copy) break;
      memcpy(copy, image, len);
      put_u32(copy + at + 10, 99999);
      fix_checksum(copy, len);
      expect_refusal(copy, len, "the text of a set at offset");
      expect_refusal(copy, len, "names string 99999");
      memcpy(copy, image, len);
      put_u32(copy + at + 2, 0x40000000u); /* a count the section cannot hold */
      fix_checksum(copy, len);
      expect_refusal(copy, len, "texts of a set");
      free(copy);
      sets++;
      break;
    }
  }
  CHECK(sets == 1);
  free(image);
  rb_program_free(q);
  rb_program_free(p);
}

/* Big and awkward numbers come back exactly. */
static void test_numbers_round_trip(void) {
  static const char *const literals[] = {
      "0", "-0.5", "1/3", "-40/3", "123456789012345678901234567890.125",
      "1/98765432109876543210", "-99999999999999999999999999/7", "0.000000000000000000000000001",
      "9223372036854775807", "-9223372036854775808",
  };
  enum { COUNT = sizeof literals / sizeof literals[0] };
  rb_program *p = pb_new();
  for (int i = 0; i < COUNT; i++) pb_num(p, literals[i], i % 2 ? RB_UNIT_PERCENT : RB_UNIT_MONEY);
  pb_grade(p, "优", "89.995");
  pb_grade(p, "差", NULL);
  p->total = pb_parse(p, "1/7");
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  uint8_t *image = NULL;
  size_t len = 0;
  CHECK(rb_program_serialize(p, &image, &len));
  char err[512] = "";
  rb_program *q = image ? rb_program_deserialize(image, len, err, sizeof err) : NULL;
  CHECK(q != NULL);
  if (q) {
    for (int i = 0; i < COUNT; i++) {
      CHECK(rb_num_cmp(q->constants[i].num, p->constants[i].num) == 0);
      CHECK(q->constants[i].unit == p->constants[i].unit);
    }
    CHECK(rb_num_cmp(q->total, p->total) == 0);
    CHECK(q->grade_count == 2 && q->grades[0].has_min && !q->grades[1].has_min);
    CHECK(rb_num_cmp(q->grades[0].min, p->grades[0].min) == 0);
    CHECK(strcmp(q->grades[0].label, "优") == 0);
    CHECK(q->title == NULL && q->version == NULL);
  } else {
    fprintf(stderr, "  %s\n", err);
  }
  free(image);
  rb_program_free(q);
  rb_program_free(p);
}

/* ---- Messages for each kind of damage ---------------------------------------- */

static void expect_refusal(const uint8_t *image, size_t len, const char *message) {
  char err[512] = "";
  rb_program *p = rb_program_deserialize(image, len, err, sizeof err);
  CHECK(p == NULL);
  if (p || !strstr(err, message)) {
    fprintf(stderr, "  got: %s\n  want a message containing: %s\n", p ? "(accepted)" : err, message);
    CHECK(!"the message names the damage");
  }
  rb_program_free(p);
}

static void test_messages(void) {
  size_t len = 0;
  uint8_t *image = golden_image(&len);
  if (!image) return;
  uint8_t *copy = malloc(len + 1);
  if (!copy) return;

  expect_refusal(image, 0, "truncated: the file header needs 84 bytes at offset 0, only 0 remain");
  expect_refusal(image, 40, "truncated: the file header needs 84 bytes at offset 0, only 40 remain");
  expect_refusal((const uint8_t *)"PK\x03\x04 not a program", 20, "not a rubric bytecode file: bad magic");
  char want[200];
  snprintf(want, sizeof want, "truncated: the sections need %zu bytes at offset 84, only %zu remain",
           len - HEADER_SIZE, len - 1 - HEADER_SIZE);
  expect_refusal(image, len - 1, want);

  memcpy(copy, image, len);
  copy[len] = 0;
  expect_refusal(copy, len + 1, "1 byte of trailing garbage after the last section, at offset");

  memcpy(copy, image, len);
  copy[4] = 1; /* a file of the format before sets of texts and the superinstructions */
  expect_refusal(copy, len, "unsupported .rbc format version 1 at offset 4 (this build reads version 4)");
  memcpy(copy, image, len);
  copy[4] = 2; /* before the superinstructions of the rows' where-clauses */
  expect_refusal(copy, len, "unsupported .rbc format version 2 at offset 4 (this build reads version 4)");
  memcpy(copy, image, len);
  copy[4] = 3; /* before JUMP_IF_FIELD_NE_K and JUMP_IF_FIELD_EQ_K */
  expect_refusal(copy, len, "unsupported .rbc format version 3 at offset 4 (this build reads version 4)");
  memcpy(copy, image, len);
  copy[4] = 5;
  expect_refusal(copy, len, "unsupported .rbc format version 5 at offset 4");
  memcpy(copy, image, len);
  copy[6] = 1;
  expect_refusal(copy, len, "unknown flags 0x0001 at offset 6");

  memcpy(copy, image, len);
  copy[len - 3] ^= 0x10;
  expect_refusal(copy, len, "checksum mismatch: the file is corrupt");

  /* One constant more than the section holds, checksum recomputed: the
  ** last constant read runs out of bytes. */
  memcpy(copy, image, len);
  put_u32(copy + TABLE_AT + 8 * S_CONSTANTS + 4, 16);
  fix_checksum(copy, len);
  expect_refusal(copy, len, "truncated: the constants section needs");

  /* An opcode no VM knows, checksum recomputed: the verifier speaks. */
  size_t code_at = section_at(image, S_CODE);
  memcpy(copy, image, len);
  copy[code_at + 137] = 0xEE; /* HALT at 0137 */
  fix_checksum(copy, len);
  expect_refusal(copy, len, "function main at 0137 (?): invalid opcode 0xee");

  /* A function whose code runs past the code section. */
  size_t functions_at = section_at(image, S_FUNCTIONS);
  memcpy(copy, image, len);
  put_u32(copy + functions_at + 16 + 12, 9); /* rate: 9 bytes from 0138 */
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "function 1 at offset %zu covers code 138..147, outside the 146 bytes of code",
           functions_at + 16);
  expect_refusal(copy, len, want);

  /* An input with an unknown missing-value policy. */
  size_t inputs_at = section_at(image, S_INPUTS);
  memcpy(copy, image, len);
  copy[inputs_at + 6] = RB_MISSING_COUNT;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "input 0 at offset %zu has an unknown missing-value policy 5", inputs_at + 6);
  expect_refusal(copy, len, want);

  /* A string index past the string table (the first function's name). */
  memcpy(copy, image, len);
  put_u32(copy + functions_at, 1000);
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "the function name at offset %zu in the functions section names string 1000",
           functions_at);
  expect_refusal(copy, len, want);

  /* A number written with an exponent is not accepted (it could be huge). */
  rb_program *p = pb_new();
  pb_num(p, "7", RB_UNIT_PLAIN);
  pb_function(p, "main", 0, 0);
  pb_op(p, RB_OP_HALT);
  pb_end(p);
  uint8_t *small = NULL;
  size_t small_len = 0;
  CHECK(rb_program_serialize(p, &small, &small_len));
  rb_program_free(p);
  if (small) {
    size_t constants_at = HEADER_SIZE + get_u32(small + TABLE_AT);
    /* The constant: type, unit, u32 length 1, "7". */
    CHECK(small[constants_at] == RB_CONST_NUM && get_u32(small + constants_at + 2) == 1 &&
          small[constants_at + 6] == '7');
    small[constants_at + 6] = 'e';
    fix_checksum(small, small_len);
    snprintf(want, sizeof want, "the number at offset %zu in the constants section is not a number",
             constants_at + 2);
    expect_refusal(small, small_len, want);
    free(small);
  }
  free(copy);
  free(image);
}

/* A refusal in lang whose message is exactly `message`. */
static void expect_refusal_in(const uint8_t *image, size_t len, rb_lang lang, const char *message) {
  char err[512] = "";
  rb_program *p = rb_program_deserialize_lang(image, len, lang, err, sizeof err);
  CHECK(p == NULL);
  if (p || strcmp(err, message) != 0) {
    fprintf(stderr, "  got: %s\n  want: %s\n", p ? "(accepted)" : err, message);
    CHECK(!"the message, in its language");
  }
  rb_program_free(p);
}

/* The reasons in Chinese (each worked out by hand from docs/rbc-format.md
** and tests/bytecode/expected/golden.txt), for the envelope, the sections
** and the verifier; the two verifier faults also in English, which is what
** rb_program_deserialize gives. */
static void test_messages_zh(void) {
  size_t len = 0;
  uint8_t *image = golden_image(&len);
  if (!image) return;
  uint8_t *copy = malloc(len);
  if (!copy) {
    free(image);
    return;
  }
  char want[300];
  expect_refusal_in(image, 40, RB_LANG_ZH, "文件不完整：文件头需要 84 个字节（偏移 0），只有 40 个");
  expect_refusal_in((const uint8_t *)"PK\x03\x04 not a program", 20, RB_LANG_ZH,
                    "不是 rubric 字节码文件：偏移 0 处的文件标识（magic）不对");
  snprintf(want, sizeof want, "文件不完整：各段需要 %zu 个字节（偏移 84），只剩 %zu 个", len - HEADER_SIZE,
           len - 1 - HEADER_SIZE);
  expect_refusal_in(image, len - 1, RB_LANG_ZH, want);

  memcpy(copy, image, len);
  copy[4] = 5;
  expect_refusal_in(copy, len, RB_LANG_ZH, "不支持的 .rbc 格式版本 5（偏移 4；本程序读取的是版本 4）");

  memcpy(copy, image, len);
  copy[len - 3] ^= 0x10;
  snprintf(want, sizeof want, "校验和不符：文件已损坏（文件中记录 0x%08x，实际计算 0x%08x）",
           get_u32(copy + CHECKSUM_AT), crc32_reference(copy + TABLE_AT, len - TABLE_AT));
  expect_refusal_in(copy, len, RB_LANG_ZH, want);

  size_t inputs_at = section_at(image, S_INPUTS);
  memcpy(copy, image, len);
  copy[inputs_at + 6] = RB_MISSING_COUNT;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "input 0（偏移 %zu）的缺失值处理方式 5 未知", inputs_at + 6);
  expect_refusal_in(copy, len, RB_LANG_ZH, want);

  /* The name of what was read ("function name") is translated too. */
  size_t functions_at = section_at(image, S_FUNCTIONS);
  memcpy(copy, image, len);
  put_u32(copy + functions_at, 1000);
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "函数名称（偏移 %zu，functions 段）指向字符串 1000，但只有 %u 个字符串", functions_at,
           section_count(image, S_STRINGS));
  expect_refusal_in(copy, len, RB_LANG_ZH, want);

  /* The verifier: an unknown opcode, at HALT 0137. */
  size_t code_at = section_at(image, S_CODE);
  memcpy(copy, image, len);
  copy[code_at + 137] = 0xEE;
  fix_checksum(copy, len);
  expect_refusal_in(copy, len, RB_LANG_ZH, "函数 main 偏移 0137 处（?）：无效的操作码 0xee");

  /* JUMP at 0105 (5 bytes, -> 0074) sent to 0075, inside ITER_NEXT 0074:
  ** 0075 - (0105 + 5) = -35. */
  memcpy(copy, image, len);
  CHECK(copy[code_at + 105] == RB_OP_JUMP && (int32_t)get_u32(copy + code_at + 106) == -36);
  put_u32(copy + code_at + 106, (uint32_t)-35);
  fix_checksum(copy, len);
  expect_refusal_in(copy, len, RB_LANG_ZH, "函数 main 偏移 0105 处（JUMP）：跳转到 0075，落在一条指令的中间");
  expect_refusal_in(copy, len, RB_LANG_EN,
                    "function main at 0105 (JUMP): jumps to 0075, which is inside an instruction");

  /* POP at 0135 made TRUE: after CONST 0132 the stack holds 2 at NODE_END
  ** 0136, which JUMP_IF_FALSE 0127 reaches with 0.  The jump is followed
  ** first (the worklist is a stack), so 0136 is first seen with 0. */
  memcpy(copy, image, len);
  CHECK(copy[code_at + 135] == RB_OP_POP && copy[code_at + 136] == RB_OP_NODE_END);
  copy[code_at + 135] = RB_OP_TRUE;
  fix_checksum(copy, len);
  expect_refusal_in(copy, len, RB_LANG_ZH,
                    "函数 main 偏移 0136 处（NODE_END）：栈深度为 2（从 0135 到达此处），另一条路径上为 0");
  expect_refusal_in(copy, len, RB_LANG_EN,
                    "function main at 0136 (NODE_END): stack depth 2 here from 0135, but 0 on another path");

  /* A program loaded in Chinese keeps its language for what comes later
  ** (verifying again, linking). */
  char err[512] = "";
  rb_program *p = rb_program_deserialize_lang(image, len, RB_LANG_ZH, err, sizeof err);
  CHECK(p != NULL && p->lang == RB_LANG_ZH);
  rb_program_free(p);
  p = rb_program_deserialize(image, len, err, sizeof err);
  CHECK(p != NULL && p->lang == RB_LANG_EN);
  rb_program_free(p);
  free(copy);
  free(image);
}

/* Damaged native declarations, each with the checksum recomputed so that
** the structural check must find it, at the byte offset it names. */
static void test_native_messages(void) {
  size_t len = 0;
  uint8_t *image = sample_image(sample_natives, &len);
  if (!image) return;
  uint8_t *copy = malloc(len);
  if (!copy) return;
  size_t at = section_at(image, S_NATIVES);
  size_t second = at + 27, fourth = at + 27 + 26 + 25; /* 三倍, 天数 */
  char want[200];

  /* A result type past the table. */
  memcpy(copy, image, len);
  copy[at + 12] = RB_NTYPE_COUNT;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 0 (加权平均) at offset %zu has an unknown result type 6", at + 12);
  expect_refusal(copy, len, want);

  /* A list result: only parameters may be lists. */
  memcpy(copy, image, len);
  copy[second + 12] = RB_NTYPE_LIST;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 1 (三倍) at offset %zu returns a list; a list may only be a parameter",
           second + 12);
  expect_refusal(copy, len, want);

  /* A parameter type past the table: 天数's second parameter. */
  memcpy(copy, image, len);
  copy[fourth + 26] = 200;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "parameter 2 of native 3 (天数) at offset %zu has an unknown type 200", fourth + 26);
  expect_refusal(copy, len, want);

  /* 17 parameters: refused before any is read (params[] holds 16). */
  memcpy(copy, image, len);
  copy[at + 24] = 17;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 0 (加权平均) at offset %zu has 17 parameters; at most 16 are allowed", at + 24);
  expect_refusal(copy, len, want);

  /* 255 parameters, the most a byte can say. */
  memcpy(copy, image, len);
  copy[second + 24] = 255;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 1 (三倍) at offset %zu has 255 parameters", second + 24);
  expect_refusal(copy, len, want);

  /* One parameter fewer than stored: the records no longer tile the
  ** section, so a later field reads a wrong byte or bytes are left over;
  ** either way a refusal with a message (the verifier also sees 三倍 called
  ** with 1 argument while declaring 0, if the rest happened to parse). */
  memcpy(copy, image, len);
  copy[second + 24] = 0;
  fix_checksum(copy, len);
  {
    char err[512] = "";
    rb_program *p = rb_program_deserialize(copy, len, err, sizeof err);
    CHECK(p == NULL && err[0] != '\0');
    rb_program_free(p);
  }

  /* pure must be 0 or 1. */
  memcpy(copy, image, len);
  copy[at + 13] = 2;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 0 (加权平均) at offset %zu has an invalid pure byte 2", at + 13);
  expect_refusal(copy, len, want);

  /* The declaration's file must be in the file list (there is one). */
  memcpy(copy, image, len);
  copy[at + 14] = 1;
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "native 0 (加权平均) at offset %zu names file 1, but there are 1 files", at + 14);
  expect_refusal(copy, len, want);

  /* A library that names no string. */
  memcpy(copy, image, len);
  put_u32(copy + second + 4, 0xFFFFFFFFu);
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "the native library at offset %zu in the natives section is missing", second + 4);
  expect_refusal(copy, len, want);

  /* A count beyond the limit, and one beyond the bytes. */
  memcpy(copy, image, len);
  put_u32(copy + TABLE_AT + 8 * S_NATIVES + 4, 65536);
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "the natives section at offset %zu declares 65536 natives; at most 65535", at);
  expect_refusal(copy, len, want);
  memcpy(copy, image, len);
  put_u32(copy + TABLE_AT + 8 * S_NATIVES + 4, 6);
  fix_checksum(copy, len);
  snprintf(want, sizeof want, "truncated: the natives section needs at least 150 bytes for 6 natives at offset %zu",
           at);
  expect_refusal(copy, len, want);

  /* The verifier on a loaded file: CALL_NATIVE 天数 with 1 argument. */
  memcpy(copy, image, len);
  size_t code_at = section_at(image, S_CODE);
  CHECK(copy[code_at + 41] == RB_OP_CALL_NATIVE && copy[code_at + 44] == 2);
  copy[code_at + 44] = 1;
  fix_checksum(copy, len);
  expect_refusal(copy, len, "function main at 0041 (CALL_NATIVE): native 天数 takes 2 arguments, not 1");
  /* ...and naming native 5 of 5. */
  memcpy(copy, image, len);
  copy[code_at + 42] = 5;
  fix_checksum(copy, len);
  expect_refusal(copy, len, "function main at 0041 (CALL_NATIVE): native 5 out of range (5 natives)");

  free(copy);
  free(image);
}

/* ---- Robustness ------------------------------------------------------------- */

static void test_every_truncation(sample_fn sample) {
  size_t len = 0;
  uint8_t *image = sample_image(sample, &len);
  if (!image) return;
  tally t = {0};
  for (size_t n = 0; n < len; n++) {
    /* A copy of exactly n bytes, so ASan sees any read past the end. */
    uint8_t *cut = malloc(n ? n : 1);
    if (!cut) break;
    memcpy(cut, image, n);
    load_damaged(cut, n, &t);
    free(cut);
  }
  CHECK(t.refused == (int)len && t.accepted == 0 && t.silent == 0);
  free(image);
}

static void test_every_bit_flip(sample_fn sample) {
  size_t len = 0;
  uint8_t *image = sample_image(sample, &len);
  if (!image) return;
  uint8_t *copy = malloc(len);
  if (!copy) return;
  tally plain = {0}, fixed = {0};
  for (size_t i = 0; i < len; i++) {
    for (int bit = 0; bit < 8; bit++) {
      memcpy(copy, image, len);
      copy[i] ^= (uint8_t)(1u << bit);
      load_damaged(copy, len, &plain);
      /* Again with the checksum made to match: structure must hold alone. */
      if (i < CHECKSUM_AT || i >= CHECKSUM_AT + 4) {
        fix_checksum(copy, len);
        load_damaged(copy, len, &fixed);
      }
    }
  }
  /* CRC-32 catches every single-bit error; header bits fail other checks. */
  CHECK(plain.refused == (int)(8 * len) && plain.accepted == 0 && plain.silent == 0);
  CHECK(fixed.silent == 0);
  CHECK(fixed.refused > 0 && fixed.accepted > 0); /* e.g. a changed line number loads */
  printf("bit flips with the checksum fixed: %d refused, %d accepted\n", fixed.refused, fixed.accepted);
  free(copy);
  free(image);
}

static void test_random_garbage(sample_fn sample) {
  size_t len = 0;
  uint8_t *image = sample_image(sample, &len);
  if (!image) return;
  size_t code_at = section_at(image, S_CODE);
  uint32_t code_len = section_size(image, S_CODE);
  uint8_t *copy = malloc(len);
  uint8_t *noise = malloc(4096);
  if (!copy || !noise) return;
  tally mutated = {0}, code = {0}, pure = {0};
  for (int round = 0; round < 20000; round++) {
    /* 1..8 random bytes anywhere, checksum fixed. */
    memcpy(copy, image, len);
    uint32_t changes = 1 + rng_below(8);
    for (uint32_t c = 0; c < changes; c++) copy[rng_below((uint32_t)len)] = (uint8_t)rng_next();
    fix_checksum(copy, len);
    load_damaged(copy, len, &mutated);
    /* 1..4 random bytes in the code only: the verifier's workout. */
    memcpy(copy, image, len);
    changes = 1 + rng_below(4);
    for (uint32_t c = 0; c < changes; c++) copy[code_at + rng_below(code_len)] = (uint8_t)rng_next();
    fix_checksum(copy, len);
    load_damaged(copy, len, &code);
  }
  for (int round = 0; round < 2000; round++) {
    /* Pure noise behind a valid envelope prefix and a matching checksum. */
    uint32_t n = HEADER_SIZE + rng_below(4096 - HEADER_SIZE);
    for (uint32_t i = 0; i < n; i++) noise[i] = (uint8_t)rng_next();
    memcpy(noise, image, round % 2 ? 8 : HEADER_SIZE); /* half keep the real section table */
    fix_checksum(noise, n);
    load_damaged(noise, n, &pure);
  }
  CHECK(mutated.silent == 0 && code.silent == 0 && pure.silent == 0);
  CHECK(mutated.refused > 0 && code.refused > 0 && pure.refused == 2000);
  printf("random damage: anywhere %d refused / %d accepted; in code %d refused / %d accepted\n", mutated.refused,
         mutated.accepted, code.refused, code.accepted);
  free(noise);
  free(copy);
  free(image);
}

int main(void) {
  test_envelope();
  test_envelope_natives();
  test_round_trip();
  test_round_trip_natives();
  test_numbers_round_trip();
  test_round_trip_super();
  test_messages();
  test_messages_zh();
  test_native_messages();
  test_every_truncation(sample_golden);
  test_every_truncation(sample_natives);
  test_every_truncation(sample_super);
  test_every_bit_flip(sample_golden);
  test_every_bit_flip(sample_natives);
  test_every_bit_flip(sample_super);
  test_random_garbage(sample_golden);
  test_random_garbage(sample_natives);
  test_random_garbage(sample_super);
  return check_done();
}
