/*
** rbc.c — .rbc files: compiled rubrics on disk.
**
** A .rbc file is an untrusted input: it may be truncated, corrupted in
** transit, or crafted.  Loading one therefore happens in three layers, each
** of which refuses with a message naming what is wrong and where:
**
**   1. the envelope: magic, version, flags, section sizes that add up to the
**      file's length, and a CRC-32 that catches accidental damage;
**   2. the structure: every length against the bytes that remain, every
**      count against the limits of program.h, every index into the table it
**      names, every enum value in range — so that a file whose checksum was
**      recomputed after tampering still cannot crash the loader;
**   3. the code: rb_program_verify (vm/verify.c), the same check run on
**      compiler output, which proves that the VM can run the program without
**      checking operands or stack bounds at run time.
**
** The byte layout is documented in docs/rbc-format.md; in short:
**
**   offset  size  field
**        0     4  magic "RBC\x1a"
**        4     2  format version (1)
**        6     2  flags (0; every other value is refused)
**        8     4  CRC-32 (IEEE, as zlib) of every byte from offset 12 on
**       12    72  section table: for each of the 9 sections in file order,
**                 u32 size in bytes and u32 count of items
**       84     …  the sections, back to back, in this order:
**                 strings, constants, header, functions, inputs, natives,
**                 code, debug, files
**
** All integers are little-endian.  Texts live once in the strings section
** and are referred to by u32 index (0xFFFFFFFF: none).  Numbers are stored
** as the exact text rb_num_format prints ("165.52", "-40/3"), so a file
** means the same on every machine and no precision is ever lost.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "vm/program.h"

#if defined(__GNUC__)
#define RBC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define RBC_PRINTF(fmt, args)
#endif

/* ---- The envelope -------------------------------------------------------- */

enum {
  RBC_VERSION = 4, /* 2: IN_TEXTS, JUMP_IF_NE, JUMP_IF_EQ, FIELDS_LOCAL, JUMP_IF_TRUE and sets of texts;
                      3: JUMP_IF_NIL, JUMP_IF_NOT_NIL, JUMP_IF_NE_K, JUMP_IF_EQ_K, FIELD_TEXT_TEST, INC_LOCAL;
                      4: JUMP_IF_FIELD_NE_K, JUMP_IF_FIELD_EQ_K */
  RBC_HEADER_SIZE = 84,  /* 12 + 9 sections × 8 */
  RBC_CHECKSUM_AT = 8,   /* the CRC field */
  RBC_CHECKED_FROM = 12, /* the CRC covers bytes from here to the end */
  RBC_TABLE_AT = 12,     /* the section table */
};

static const uint8_t rbc_magic[4] = {'R', 'B', 'C', 0x1a};

#define RBC_NONE 0xFFFFFFFFu /* "no string" where a string index is optional */

/* Limits that the encoding does not impose but sanity does. */
enum {
  RBC_MAX_GRADES = 255,
  RBC_MAX_FILES = 65536,     /* debug entries name files by u16 */
};

#define RBC_SECTIONS(X)                                                       \
  X(STRINGS, "strings")                                                       \
  X(CONSTANTS, "constants")                                                   \
  X(HEADER, "header")                                                         \
  X(FUNCTIONS, "functions")                                                   \
  X(INPUTS, "inputs")                                                         \
  X(NATIVES, "natives")                                                       \
  X(CODE, "code")                                                             \
  X(DEBUG, "debug")                                                           \
  X(FILES, "files")

typedef enum rbc_section {
#define X(name, text) SEC_##name,
  RBC_SECTIONS(X)
#undef X
  SEC_COUNT
} rbc_section;

_Static_assert(RBC_HEADER_SIZE == RBC_TABLE_AT + 8 * SEC_COUNT, "the header ends where the section table does");

static const char *const section_names[SEC_COUNT] = {
#define X(name, text) text,
    RBC_SECTIONS(X)
#undef X
};

/* Fixed sizes of the records of some sections. */
enum {
  FUNCTION_RECORD = 16, /* name u32, arity u16, locals u16, start u32, len u32 */
  INPUT_RECORD = 23,    /* name u32, source u8, type u8, missing u8, key u32, default u16,
                           file u16, line u32, column u32 */
  DEBUG_RECORD = 24,    /* offset u32, file u16, start u32, end u32, line u32, column u32, path u16 */
  FILE_RECORD = 4,      /* name u32 */
  /* name u32, library u32, symbol u32, result u8, pure u8, file u16,
  ** line u32, column u32, param_count u8, then param_count u8 types */
  NATIVE_RECORD_FIXED = 25,
};

/* Step-range flag bits. */
enum { STEP_HAS_LOW = 1, STEP_LOW_INCL = 2, STEP_HAS_HIGH = 4, STEP_HIGH_INCL = 8 };

/* CRC-32 with the reflected IEEE polynomial 0xEDB88320, as zlib and PNG
** compute it, four bits at a time from a 16-entry table. */
static uint32_t crc32_of(const uint8_t *bytes, size_t len) {
  static const uint32_t nibble[16] = {
      0x00000000u, 0x1db71064u, 0x3b6e20c8u, 0x26d930acu, 0x76dc4190u, 0x6b6b51f4u,
      0x4db26158u, 0x5005713cu, 0xedb88320u, 0xf00f9344u, 0xd6d6a3e8u, 0xcb61b38cu,
      0x9b64c2b0u, 0x86d3d2d4u, 0xa00ae278u, 0xbdbdf21cu,
  };
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < len; i++) {
    crc ^= bytes[i];
    crc = (crc >> 4) ^ nibble[crc & 15];
    crc = (crc >> 4) ^ nibble[crc & 15];
  }
  return ~crc;
}

/* Write a message, the format in lang, into err (which may be NULL). */
RBC_PRINTF(4, 5)
static void set_error(rb_lang lang, char *err, size_t err_size, const char *fmt, ...) {
  if (!err || err_size == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, rb_from_en(lang, fmt), ap);
  va_end(ap);
}

static uint16_t get_u16(const uint8_t *b) { return (uint16_t)(b[0] | (b[1] << 8)); }

static uint32_t get_u32(const uint8_t *b) {
  return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

/* ===========================================================================
** Writing
** ======================================================================== */

/* A growing byte buffer; after an allocation failure every write is a no-op
** and `failed` says so. */
typedef struct writer {
  uint8_t *buf;
  size_t len, cap;
  bool failed;
} writer;

/* Append n bytes, growing the buffer by doubling; on failure the writer is
** marked failed and every later write does nothing. */
static void w_bytes(writer *w, const void *bytes, size_t n) {
  if (w->failed || n == 0) return;
  if (w->cap - w->len < n) {
    size_t cap = w->cap ? w->cap : 256;
    while (cap - w->len < n) {
      if (cap > SIZE_MAX / 2) {
        w->failed = true;
        return;
      }
      cap *= 2;
    }
    uint8_t *grown = realloc(w->buf, cap);
    if (!grown) {
      w->failed = true;
      return;
    }
    w->buf = grown;
    w->cap = cap;
  }
  memcpy(w->buf + w->len, bytes, n);
  w->len += n;
}

static void w_u8(writer *w, uint8_t v) { w_bytes(w, &v, 1); }

static void w_u16(writer *w, uint16_t v) {
  uint8_t b[2] = {(uint8_t)v, (uint8_t)(v >> 8)};
  w_bytes(w, b, 2);
}

static void w_u32(writer *w, uint32_t v) {
  uint8_t b[4] = {(uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24)};
  w_bytes(w, b, 4);
}

static void w_i8(writer *w, int8_t v) { w_u8(w, (uint8_t)v); }
static void w_i32(writer *w, int32_t v) { w_u32(w, (uint32_t)v); }

static bool number_text_ok(const char *text, size_t len, size_t *slash);

/* A number as its exact text: u32 length, then the characters.  If the text
** is not a number (rb_num_format ran out of memory for a big value and said
** so in words), the write fails rather than produce an unloadable file. */
static void w_num(writer *w, rb_num n) {
  char small[64];
  char *text = small;
  size_t need = rb_num_format(n, small, sizeof small);
  if (need >= sizeof small) {
    text = need <= UINT32_MAX ? malloc(need + 1) : NULL;
    if (!text) {
      w->failed = true;
      return;
    }
    rb_num_format(n, text, need + 1);
  }
  size_t slash;
  if (number_text_ok(text, need, &slash)) {
    w_u32(w, (uint32_t)need);
    w_bytes(w, text, need);
  } else {
    w->failed = true;
  }
  if (text != small) free(text);
}

/* The string table being built: each distinct byte string once, found again
** through an open-addressing hash of indices (slot value = index + 1). */
typedef struct string_table {
  const char **chars;
  uint32_t *lens;
  uint32_t count, cap;
  uint32_t *slots;
  uint32_t slot_cap; /* a power of two, at least twice count */
  bool failed;
} string_table;

static uint32_t hash_bytes(const char *s, uint32_t len) { return (uint32_t)rb_hash_bytes(RB_HASH_SEED, s, len); }

/* Double the string table's arrays and rehash its slots; false when out of
** memory (the table is then unchanged or only its arrays grew). */
static bool table_grow(string_table *t) {
  uint32_t cap = t->cap ? t->cap * 2 : 64;
  const char **chars = realloc((void *)t->chars, cap * sizeof *chars);
  if (!chars) return false;
  t->chars = chars;
  uint32_t *lens = realloc(t->lens, cap * sizeof *lens);
  if (!lens) return false;
  t->lens = lens;
  t->cap = cap;
  uint32_t slot_cap = cap * 2;
  uint32_t *slots = calloc(slot_cap, sizeof *slots);
  if (!slots) return false;
  for (uint32_t i = 0; i < t->count; i++) {
    uint32_t j = hash_bytes(t->chars[i], t->lens[i]) & (slot_cap - 1);
    while (slots[j]) j = (j + 1) & (slot_cap - 1);
    slots[j] = i + 1;
  }
  free(t->slots);
  t->slots = slots;
  t->slot_cap = slot_cap;
  return true;
}

/* The index of s (len bytes) in the table, adding it if new; RBC_NONE for
** NULL. */
static uint32_t intern(string_table *t, const char *s, uint32_t len) {
  if (!s || t->failed) return RBC_NONE;
  if (t->count == t->cap && (t->count >= RBC_NONE - 1 || !table_grow(t))) {
    t->failed = true;
    return RBC_NONE;
  }
  uint32_t j = hash_bytes(s, len) & (t->slot_cap - 1);
  while (t->slots[j]) {
    uint32_t i = t->slots[j] - 1;
    if (t->lens[i] == len && memcmp(t->chars[i], s, len) == 0) return i;
    j = (j + 1) & (t->slot_cap - 1);
  }
  t->chars[t->count] = s;
  t->lens[t->count] = len;
  t->slots[j] = ++t->count;
  return t->count - 1;
}

static uint32_t intern_cstr(string_table *t, const char *s) {
  return s ? intern(t, s, (uint32_t)strlen(s)) : RBC_NONE;
}

/* The record writers, one a section, each in the layout of
** docs/rbc-format.md; texts are interned into t as they are met. */

/* Constants: type, unit, then a number, a string, a day, a step table or a
** set of texts. */
static void write_constants(writer *w, string_table *t, const rb_program *p) {
  for (uint32_t i = 0; i < p->constant_count; i++) {
    const rb_constant *k = &p->constants[i];
    w_u8(w, k->type);
    w_u8(w, k->unit);
    switch (k->type) {
    case RB_CONST_NUM: w_num(w, k->num); break;
    case RB_CONST_TEXT: w_u32(w, intern(t, k->text ? k->text : "", k->text ? k->len : 0)); break;
    case RB_CONST_DATE: w_i32(w, k->date); break;
    case RB_CONST_STEP:
      w_u32(w, k->range_count);
      for (uint32_t r = 0; r < k->range_count; r++) {
        const rb_step_range *range = &k->ranges[r];
        uint8_t flags = (uint8_t)((range->has_low ? STEP_HAS_LOW : 0) |
                                  (range->has_low && range->low_inclusive ? STEP_LOW_INCL : 0) |
                                  (range->has_high ? STEP_HAS_HIGH : 0) |
                                  (range->has_high && range->high_inclusive ? STEP_HIGH_INCL : 0));
        w_u8(w, flags);
        if (range->has_low) w_num(w, range->low);
        if (range->has_high) w_num(w, range->high);
        w_num(w, range->points);
      }
      break;
    case RB_CONST_TEXTS:
      w_u32(w, k->text_count);
      for (uint32_t j = 0; j < k->text_count; j++)
        w_u32(w, intern(t, k->texts[j].text ? k->texts[j].text : "", k->texts[j].text ? k->texts[j].len : 0));
      break;
    default: break; /* an invalid type; the loader will refuse it */
    }
  }
}

/* Header: title, version, total, rounding, then the grades. */
static void write_header(writer *w, string_table *t, const rb_program *p) {
  w_u32(w, intern_cstr(t, p->title));
  w_u32(w, intern_cstr(t, p->version));
  w_num(w, p->total);
  w_i8(w, p->rounding.places);
  w_u8(w, p->rounding.mode);
  w_u8(w, p->rounding.where);
  for (uint32_t i = 0; i < p->grade_count; i++) {
    const rb_grade *g = &p->grades[i];
    w_u32(w, intern_cstr(t, g->label));
    w_u8(w, g->has_min ? 1 : 0);
    if (g->has_min) w_num(w, g->min);
  }
}

/* Functions: 16 bytes each (max_stack is not stored: it is recomputed). */
static void write_functions(writer *w, string_table *t, const rb_program *p) {
  for (uint32_t i = 0; i < p->function_count; i++) {
    const rb_function *f = &p->functions[i];
    w_u32(w, intern_cstr(t, f->name));
    w_u16(w, f->arity);
    w_u16(w, f->local_count);
    w_u32(w, f->code_start);
    w_u32(w, f->code_len);
  }
}

/* Inputs: 23 bytes each. */
static void write_inputs(writer *w, string_table *t, const rb_program *p) {
  for (uint32_t i = 0; i < p->input_count; i++) {
    const rb_input *in = &p->inputs[i];
    w_u32(w, intern_cstr(t, in->name));
    w_u8(w, in->source);
    w_u8(w, in->type);
    w_u8(w, in->missing);
    w_u32(w, intern_cstr(t, in->key));
    w_u16(w, in->default_const);
    w_u16(w, in->file);
    w_u32(w, in->line);
    w_u32(w, in->column);
  }
}

/* A native declaration: the fixed part, then one byte per parameter type.
** Only the declaration is stored; bindings belong to a linked process. */
static void write_natives(writer *w, string_table *t, const rb_program *p) {
  for (uint32_t i = 0; i < p->native_count; i++) {
    const rb_native *n = &p->natives[i];
    w_u32(w, intern_cstr(t, n->name));
    w_u32(w, intern_cstr(t, n->library));
    w_u32(w, intern_cstr(t, n->symbol));
    w_u8(w, n->result);
    w_u8(w, n->pure ? 1 : 0);
    w_u16(w, n->file);
    w_u32(w, n->line);
    w_u32(w, n->column);
    uint8_t count = n->param_count <= RB_MAX_NATIVE_PARAMS ? n->param_count : RB_MAX_NATIVE_PARAMS;
    w_u8(w, n->param_count); /* a bad count is written as it is: the loader refuses it */
    w_bytes(w, n->params, count);
  }
}

/* Debug entries: 24 bytes each. */
static void write_debug(writer *w, const rb_program *p) {
  for (uint32_t i = 0; i < p->debug_count; i++) {
    const rb_debug_entry *d = &p->debug[i];
    w_u32(w, d->offset);
    w_u16(w, d->file);
    w_u32(w, d->start);
    w_u32(w, d->end);
    w_u32(w, d->line);
    w_u32(w, d->column);
    w_u16(w, d->path);
  }
}

/* Files: a string each. */
static void write_files(writer *w, string_table *t, const rb_program *p) {
  for (uint32_t i = 0; i < p->file_count; i++) w_u32(w, intern_cstr(t, p->files[i]));
}

/* Every section but the strings is written first into `body`, interning
** texts as they are met; then the header, the string table and the body are
** put together and the checksum computed over the result.  p should be a
** program that verifies (counts matching their arrays); the output depends
** only on p, so serialising the same program twice gives the same bytes. */
bool rb_program_serialize(const rb_program *p, uint8_t **out, size_t *out_len) {
  writer body = {0}, table = {0}, file = {0};
  string_table strings = {0};
  size_t sizes[SEC_COUNT] = {0};
  uint32_t counts[SEC_COUNT] = {0};
  bool ok = false;
  size_t mark;

#define SECTION(id, count, call)                                              \
  mark = body.len;                                                            \
  call;                                                                       \
  sizes[id] = body.len - mark;                                                \
  counts[id] = (count);
  SECTION(SEC_CONSTANTS, p->constant_count, write_constants(&body, &strings, p))
  SECTION(SEC_HEADER, p->grade_count, write_header(&body, &strings, p))
  SECTION(SEC_FUNCTIONS, p->function_count, write_functions(&body, &strings, p))
  SECTION(SEC_INPUTS, p->input_count, write_inputs(&body, &strings, p))
  SECTION(SEC_NATIVES, p->native_count, write_natives(&body, &strings, p))
  SECTION(SEC_CODE, p->code_len, w_bytes(&body, p->code, p->code_len))
  SECTION(SEC_DEBUG, p->debug_count, write_debug(&body, p))
  SECTION(SEC_FILES, p->file_count, write_files(&body, &strings, p))
#undef SECTION
  if (body.failed || strings.failed) goto done;

  for (uint32_t i = 0; i < strings.count; i++) {
    w_u32(&table, strings.lens[i]);
    w_bytes(&table, strings.chars[i], strings.lens[i]);
  }
  sizes[SEC_STRINGS] = table.len;
  counts[SEC_STRINGS] = strings.count;
  if (table.failed) goto done;

  w_bytes(&file, rbc_magic, 4);
  w_u16(&file, RBC_VERSION);
  w_u16(&file, 0);
  w_u32(&file, 0); /* checksum, filled in below */
  for (int s = 0; s < SEC_COUNT; s++) {
    if (sizes[s] > UINT32_MAX) file.failed = true;
    w_u32(&file, (uint32_t)sizes[s]);
    w_u32(&file, counts[s]);
  }
  w_bytes(&file, table.buf, table.len);
  w_bytes(&file, body.buf, body.len);
  if (file.failed) goto done;

  uint32_t crc = crc32_of(file.buf + RBC_CHECKED_FROM, file.len - RBC_CHECKED_FROM);
  for (int i = 0; i < 4; i++) file.buf[RBC_CHECKSUM_AT + i] = (uint8_t)(crc >> (8 * i));
  *out = file.buf;
  *out_len = file.len;
  file.buf = NULL;
  ok = true;

done:
  free(file.buf);
  free(table.buf);
  free(body.buf);
  free((void *)strings.chars);
  free(strings.lens);
  free(strings.slots);
  return ok;
}

/* ===========================================================================
** Reading
** ======================================================================== */

typedef struct loaded_string {
  const char *chars; /* NUL-terminated copy in the program's arena */
  uint32_t len;
} loaded_string;

/* A cursor over one section of the image.  Positions are absolute offsets
** in the file, so every message can say where the problem is.  After the
** first failure every read returns zeros and the message stays. */
typedef struct reader {
  const uint8_t *data;
  size_t pos, end;
  const char *section;
  char *err;
  size_t err_size;
  rb_lang lang; /* of the message */
  bool failed;
  rb_program *p;
  const loaded_string *strings;
  uint32_t string_count;
} reader;

/* Fail the load with a message, the format in the reader's language, unless
** it failed already (the first message stays). */
RBC_PRINTF(2, 3)
static void r_fail(reader *r, const char *fmt, ...) {
  if (r->failed) return;
  r->failed = true;
  if (!r->err || r->err_size == 0) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->err, r->err_size, rb_from_en(r->lang, fmt), ap);
  va_end(ap);
}

/* Whether n more bytes are there; if not, fail with the standard message. */
static bool r_need(reader *r, size_t n) {
  if (r->failed) return false;
  if (r->end - r->pos < n) {
    r_fail(r, "truncated: the %s section needs %zu bytes at offset %zu, only %zu remain", r->section, n,
           r->pos, r->end - r->pos);
    return false;
  }
  return true;
}

/* The readers of one field: its value, advancing, or 0 once the load has
** failed or the section is too short. */
static uint8_t r_u8(reader *r) {
  if (!r_need(r, 1)) return 0;
  return r->data[r->pos++];
}

static uint16_t r_u16(reader *r) {
  if (!r_need(r, 2)) return 0;
  uint16_t v = get_u16(r->data + r->pos);
  r->pos += 2;
  return v;
}

static uint32_t r_u32(reader *r) {
  if (!r_need(r, 4)) return 0;
  uint32_t v = get_u32(r->data + r->pos);
  r->pos += 4;
  return v;
}

static int8_t r_i8(reader *r) {
  uint8_t b = r_u8(r);
  return b <= INT8_MAX ? (int8_t)b : (int8_t)(b - 256);
}

static int32_t r_i32(reader *r) {
  uint32_t u = r_u32(r);
  return u <= INT32_MAX ? (int32_t)u : (int32_t)(u - 0x80000000u) + INT32_MIN;
}

/* A count of records read from the section table, checked against a limit
** and against the bytes the section has (each record needs at least
** min_record bytes), so that nothing is allocated for records that cannot
** be there. */
static bool r_check_count(reader *r, uint64_t count, uint64_t limit, size_t min_record, const char *what) {
  if (r->failed) return false;
  what = rb_text_from_en(r->lang, what);
  if (count > limit) {
    r_fail(r, "the %s section at offset %zu declares %llu %s; at most %llu are allowed", r->section, r->pos,
           (unsigned long long)count, what, (unsigned long long)limit);
    return false;
  }
  if (min_record && count > (r->end - r->pos) / min_record) {
    r_fail(r, "truncated: the %s section needs at least %llu bytes for %llu %s at offset %zu, only %zu remain",
           r->section, (unsigned long long)(count * min_record), (unsigned long long)count, what, r->pos,
           r->end - r->pos);
    return false;
  }
  return true;
}

/* A string index; with optional set, RBC_NONE reads as NULL. */
static const char *r_string(reader *r, bool optional, uint32_t *len_out, const char *what) {
  size_t at = r->pos;
  uint32_t index = r_u32(r);
  if (len_out) *len_out = 0;
  if (r->failed) return NULL;
  if (index == RBC_NONE && optional) return NULL;
  if (index >= r->string_count) {
    what = rb_text_from_en(r->lang, what);
    if (index == RBC_NONE)
      r_fail(r, "the %s at offset %zu in the %s section is missing (string index none)", what, at, r->section);
    else
      r_fail(r, "the %s at offset %zu in the %s section names string %u, but there are only %u strings", what,
             at, r->section, index, r->string_count);
    return NULL;
  }
  if (len_out) *len_out = r->strings[index].len;
  return r->strings[index].chars;
}

/* Whether text is a number as rb_num_format writes it: an optional minus,
** digits, then either nothing, '.' and digits, or '/' and digits.  No
** exponent: "1e999999999" must not make the loader build a billion-digit
** number.  *slash is the position of '/', or len. */
static bool number_text_ok(const char *text, size_t len, size_t *slash) {
  size_t i = 0;
  *slash = len;
  if (i < len && text[i] == '-') i++;
  size_t digits = i;
  while (i < len && text[i] >= '0' && text[i] <= '9') i++;
  if (i == digits) return false;
  if (i == len) return true;
  if (text[i] != '.' && text[i] != '/') return false;
  if (text[i] == '/') *slash = i;
  digits = ++i;
  while (i < len && text[i] >= '0' && text[i] <= '9') i++;
  return i > digits && i == len;
}

/* A number: u32 length, then its exact text. */
static rb_num r_num(reader *r, const char *what) {
  rb_num out = rb_num_int(0);
  size_t at = r->pos;
  uint32_t len = r_u32(r);
  if (!r_need(r, len)) return out;
  const char *text = (const char *)r->data + r->pos;
  size_t slash;
  if (!number_text_ok(text, len, &slash)) {
    r_fail(r, "the %s at offset %zu in the %s section is not a number (%u bytes of text)",
           rb_text_from_en(r->lang, what), at, r->section, len);
    return out;
  }
  bool ok;
  if (slash == len) {
    ok = rb_num_parse(r->p->nums, text, len, &out);
  } else {
    rb_num n, d;
    ok = rb_num_parse(r->p->nums, text, slash, &n) &&
         rb_num_parse(r->p->nums, text + slash + 1, len - slash - 1, &d) && !rb_num_is_zero(d) &&
         rb_num_div(r->p->nums, n, d, &out);
  }
  if (!ok) {
    r_fail(r, "the %s at offset %zu in the %s section is not a valid number", rb_text_from_en(r->lang, what), at,
           r->section);
    return rb_num_int(0);
  }
  r->pos += len;
  return out;
}

/* Allocate count zeroed records in the program's arena (count was already
** bounded by the section's size). */
static void *r_alloc(reader *r, size_t count, size_t size) {
  if (r->failed || count == 0) return NULL;
  void *mem = rb_arena_calloc(&r->p->arena, count, size);
  if (!mem) r_fail(r, "out of memory loading the %s section", r->section);
  return mem;
}

/* The section readers, one a section, each in the layout of
** docs/rbc-format.md.  Each reads `count` records, checks every field a
** later layer or the VM relies on (naming the record and its offset when
** one is wrong) and stores them in r->p. */

/* Strings: each a length and its bytes, copied into the program's arena;
** *out (malloc'd, freed by the caller) indexes them for the other sections. */
static void read_strings(reader *r, uint32_t count, loaded_string **out) {
  *out = NULL;
  if (!r_check_count(r, count, UINT32_MAX - 1, 4, "strings") || count == 0) return;
  loaded_string *strings = calloc(count, sizeof *strings);
  if (!strings) {
    r_fail(r, "out of memory loading the strings section");
    return;
  }
  *out = strings;
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    uint32_t len = r_u32(r);
    if (!r_need(r, len)) return;
    char *copy = rb_arena_strndup(&r->p->arena, (const char *)r->data + r->pos, len);
    if (!copy) {
      r_fail(r, "out of memory loading the strings section");
      return;
    }
    strings[i].chars = copy;
    strings[i].len = len;
    r->pos += len;
  }
}

/* Constants: types and units in range, numbers in their exact text, dates in
** the years 1 to 9999, step tables with valid range flags, sets of texts
** naming strings that exist. */
static void read_constants(reader *r, uint32_t count) {
  rb_program *p = r->p;
  /* The smallest constant is a type, a unit and a 4-byte field. */
  if (!r_check_count(r, count, RB_MAX_CONSTANTS, 6, "constants")) return;
  p->constants = r_alloc(r, count, sizeof *p->constants);
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    rb_constant *k = &p->constants[i];
    size_t at = r->pos;
    k->type = r_u8(r);
    k->unit = r_u8(r);
    if (r->failed) return;
    if (k->type > RB_CONST_TEXTS) {
      r_fail(r, "constant %u at offset %zu has an unknown type %u", i, at, k->type);
      return;
    }
    if (k->unit >= RB_UNIT_COUNT) {
      r_fail(r, "constant %u at offset %zu has an unknown unit %u", i, at + 1, k->unit);
      return;
    }
    k->num = rb_num_int(0);
    switch (k->type) {
    case RB_CONST_NUM: k->num = r_num(r, "number"); break;
    case RB_CONST_TEXT: k->text = r_string(r, false, &k->len, "text"); break;
    case RB_CONST_DATE:
      k->date = r_i32(r);
      if (!r->failed && (k->date < RB_DATE_MIN || k->date > RB_DATE_MAX))
        r_fail(r, "constant %u at offset %zu is a date outside the years 1 to 9999", i, at + 2);
      break;
    case RB_CONST_STEP: {
      uint32_t ranges = r_u32(r);
      /* The smallest range is a flag byte and a one-digit points number. */
      if (!r_check_count(r, ranges, UINT32_MAX, 6, "step ranges")) return;
      k->range_count = ranges;
      k->ranges = r_alloc(r, ranges, sizeof *k->ranges);
      for (uint32_t j = 0; j < ranges && !r->failed; j++) {
        rb_step_range *range = &k->ranges[j];
        size_t flags_at = r->pos;
        uint8_t flags = r_u8(r);
        if (r->failed) return;
        if ((flags & ~15u) || ((flags & STEP_LOW_INCL) && !(flags & STEP_HAS_LOW)) ||
            ((flags & STEP_HIGH_INCL) && !(flags & STEP_HAS_HIGH))) {
          r_fail(r, "range %u of step table %u (offset %zu) has invalid flags 0x%02x", j, i, flags_at, flags);
          return;
        }
        range->has_low = flags & STEP_HAS_LOW;
        range->low_inclusive = flags & STEP_LOW_INCL;
        range->has_high = flags & STEP_HAS_HIGH;
        range->high_inclusive = flags & STEP_HIGH_INCL;
        range->low = range->has_low ? r_num(r, "step low bound") : rb_num_int(0);
        range->high = range->has_high ? r_num(r, "step high bound") : rb_num_int(0);
        range->points = r_num(r, "step points");
      }
      break;
    }
    case RB_CONST_TEXTS: {
      uint32_t texts = r_u32(r);
      /* Each text is a string index of 4 bytes. */
      if (!r_check_count(r, texts, UINT32_MAX, 4, "texts of a set")) return;
      k->text_count = texts;
      k->texts = r_alloc(r, texts, sizeof *k->texts);
      for (uint32_t j = 0; j < texts && !r->failed; j++)
        k->texts[j].text = r_string(r, false, &k->texts[j].len, "text of a set");
      break;
    }
    }
  }
  p->constant_count = count;
}

/* Header: title, version, total, a rounding policy in range, grades with
** labels. */
static void read_header(reader *r, uint32_t grade_count) {
  rb_program *p = r->p;
  p->title = r_string(r, true, NULL, "title");
  p->version = r_string(r, true, NULL, "version");
  p->total = r_num(r, "total");
  size_t at = r->pos;
  p->rounding.places = r_i8(r);
  p->rounding.mode = r_u8(r);
  p->rounding.where = r_u8(r);
  if (r->failed) return;
  if (p->rounding.places < -RB_MAX_PLACES || p->rounding.places > RB_MAX_PLACES) {
    r_fail(r, "rounding places %d at offset %zu is outside -%d..%d", p->rounding.places, at, RB_MAX_PLACES,
           RB_MAX_PLACES);
    return;
  }
  if (p->rounding.mode >= RB_ROUND_MODE_COUNT) {
    r_fail(r, "rounding mode %u at offset %zu is unknown", p->rounding.mode, at + 1);
    return;
  }
  if (p->rounding.where & ~(unsigned)(RB_ROUND_AT_ITEM | RB_ROUND_AT_SECTION | RB_ROUND_AT_TOTAL)) {
    r_fail(r, "rounding 'where' bits 0x%02x at offset %zu include unknown bits", p->rounding.where, at + 2);
    return;
  }
  /* The smallest grade is a label index and a has_min byte. */
  if (!r_check_count(r, grade_count, RBC_MAX_GRADES, 5, "grades")) return;
  p->grades = r_alloc(r, grade_count, sizeof *p->grades);
  for (uint32_t i = 0; i < grade_count && !r->failed; i++) {
    rb_grade *g = &p->grades[i];
    g->label = r_string(r, false, NULL, "grade label");
    size_t has_at = r->pos;
    uint8_t has_min = r_u8(r);
    if (r->failed) return;
    if (has_min > 1) {
      r_fail(r, "grade %u at offset %zu has an invalid has_min byte %u", i, has_at, has_min);
      return;
    }
    g->has_min = has_min;
    g->min = has_min ? r_num(r, "grade minimum") : rb_num_int(0);
  }
  p->grade_count = grade_count;
}

/* Functions: at least main; names, arities within the locals, code ranges
** inside the code section (code_len, from the section table). */
static void read_functions(reader *r, uint32_t count, uint32_t code_len) {
  rb_program *p = r->p;
  if (count == 0) {
    r_fail(r, "the functions section at offset %zu is empty: a program needs its main function", r->pos);
    return;
  }
  if (!r_check_count(r, count, RB_MAX_FUNCTIONS, FUNCTION_RECORD, "functions")) return;
  p->functions = r_alloc(r, count, sizeof *p->functions);
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    rb_function *f = &p->functions[i];
    size_t at = r->pos;
    f->name = r_string(r, false, NULL, "function name");
    f->arity = r_u16(r);
    f->local_count = r_u16(r);
    f->code_start = r_u32(r);
    f->code_len = r_u32(r);
    if (r->failed) return;
    if (f->arity > f->local_count || f->arity > RB_MAX_ARGS)
      r_fail(r, "function %u at offset %zu has arity %u with %u locals", i, at, f->arity, f->local_count);
    else if (f->code_len == 0)
      r_fail(r, "function %u at offset %zu has no code", i, at);
    else if (f->code_start > code_len || f->code_len > code_len - f->code_start)
      r_fail(r, "function %u at offset %zu covers code %u..%llu, outside the %u bytes of code", i, at,
             f->code_start, (unsigned long long)f->code_start + f->code_len, code_len);
    else if (i == 0 && (strcmp(f->name, "main") != 0 || f->code_start != 0 || f->arity != 0))
      r_fail(r, "function 0 at offset %zu must be main, with no parameters, starting at code offset 0", at);
  }
  p->function_count = count;
}

/* Inputs: sources, types and policies in range, a key for facts, defaults
** that are constants, declarations in listed files. */
static void read_inputs(reader *r, uint32_t count, uint32_t constant_count, uint32_t file_count) {
  rb_program *p = r->p;
  if (!r_check_count(r, count, RB_MAX_INPUTS, INPUT_RECORD, "inputs")) return;
  p->inputs = r_alloc(r, count, sizeof *p->inputs);
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    rb_input *in = &p->inputs[i];
    size_t at = r->pos;
    in->name = r_string(r, false, NULL, "input name");
    in->source = r_u8(r);
    in->type = r_u8(r);
    in->missing = r_u8(r);
    in->key = r_string(r, true, NULL, "input key");
    in->default_const = r_u16(r);
    in->file = r_u16(r);
    in->line = r_u32(r);
    in->column = r_u32(r);
    if (r->failed) return;
    if (in->file >= file_count && !(file_count == 0 && in->file == 0)) {
      r_fail(r, "input %u at offset %zu is declared in file %u, but there are only %u files", i, at + 13, in->file,
             file_count);
      return;
    }
    if (in->source >= RB_SRC_COUNT)
      r_fail(r, "input %u at offset %zu has an unknown source %u", i, at + 4, in->source);
    else if (in->type >= RB_ITYPE_COUNT)
      r_fail(r, "input %u at offset %zu has an unknown type %u", i, at + 5, in->type);
    else if (in->missing >= RB_MISSING_COUNT)
      r_fail(r, "input %u at offset %zu has an unknown missing-value policy %u", i, at + 6, in->missing);
    else if (in->source == RB_SRC_FACT && !in->key)
      r_fail(r, "input %u at offset %zu reads a fact but names no key", i, at + 7);
    else if (in->missing == RB_MISSING_DEFAULT &&
             (in->default_const >= constant_count || p->constants[in->default_const].type == RB_CONST_STEP ||
              p->constants[in->default_const].type == RB_CONST_TEXTS))
      r_fail(r, "input %u at offset %zu has default constant %u, which is not a value constant", i, at + 11,
             in->default_const);
  }
  p->input_count = count;
}

/* Native declarations.  Everything the linker and the VM will trust is
** checked here: the three names exist, the types are known (a list is a
** parameter type only: there is no C result to read a list back from), at
** most RB_MAX_NATIVE_PARAMS parameters so params[] cannot overflow, pure is
** a flag, and the declaration's file is in the file list (which comes later
** in the file, so its count is taken from the section table). */
static void read_natives(reader *r, uint32_t count, uint32_t file_count) {
  rb_program *p = r->p;
  if (!r_check_count(r, count, RB_MAX_NATIVES, NATIVE_RECORD_FIXED, "natives")) return;
  p->natives = r_alloc(r, count, sizeof *p->natives);
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    rb_native *n = &p->natives[i];
    size_t at = r->pos;
    n->name = r_string(r, false, NULL, "native name");
    n->library = r_string(r, false, NULL, "native library");
    n->symbol = r_string(r, false, NULL, "native symbol");
    n->result = r_u8(r);
    uint8_t pure = r_u8(r);
    n->file = r_u16(r);
    n->line = r_u32(r);
    n->column = r_u32(r);
    uint8_t param_count = r_u8(r);
    if (r->failed) return;
    if (n->result >= RB_NTYPE_COUNT) {
      r_fail(r, "native %u (%s) at offset %zu has an unknown result type %u", i, n->name, at + 12, n->result);
      return;
    }
    if (n->result == RB_NTYPE_LIST) {
      r_fail(r, "native %u (%s) at offset %zu returns a list; a list may only be a parameter", i, n->name,
             at + 12);
      return;
    }
    if (pure > 1) {
      r_fail(r, "native %u (%s) at offset %zu has an invalid pure byte %u", i, n->name, at + 13, pure);
      return;
    }
    n->pure = pure;
    if (n->file >= file_count && !(file_count == 0 && n->file == 0)) {
      r_fail(r, "native %u (%s) at offset %zu names file %u, but there are %u files", i, n->name, at + 14,
             n->file, file_count);
      return;
    }
    if (param_count > RB_MAX_NATIVE_PARAMS) {
      r_fail(r, "native %u (%s) at offset %zu has %u parameters; at most %d are allowed", i, n->name, at + 24,
             param_count, RB_MAX_NATIVE_PARAMS);
      return;
    }
    n->param_count = param_count;
    for (uint8_t j = 0; j < param_count && !r->failed; j++) {
      size_t type_at = r->pos;
      n->params[j] = r_u8(r);
      if (!r->failed && n->params[j] >= RB_NTYPE_COUNT)
        r_fail(r, "parameter %u of native %u (%s) at offset %zu has an unknown type %u", j + 1u, i, n->name,
               type_at, n->params[j]);
    }
  }
  p->native_count = count;
}

/* Debug entries: in code order, inside the code, in listed files, spans in
** order, paths that are text constants. */
static void read_debug(reader *r, uint32_t count, uint32_t code_len, uint32_t file_count) {
  rb_program *p = r->p;
  if (!r_check_count(r, count, UINT32_MAX, DEBUG_RECORD, "debug entries")) return;
  p->debug = r_alloc(r, count, sizeof *p->debug);
  for (uint32_t i = 0; i < count && !r->failed; i++) {
    rb_debug_entry *d = &p->debug[i];
    size_t at = r->pos;
    d->offset = r_u32(r);
    d->file = r_u16(r);
    d->start = r_u32(r);
    d->end = r_u32(r);
    d->line = r_u32(r);
    d->column = r_u32(r);
    d->path = r_u16(r);
    if (r->failed) return;
    if (d->offset > code_len || (i > 0 && d->offset < p->debug[i - 1].offset))
      r_fail(r, "debug entry %u at offset %zu has code offset %u, out of order or past the code", i, at,
             d->offset);
    else if (d->file >= file_count)
      r_fail(r, "debug entry %u at offset %zu names file %u, but there are %u files", i, at + 4, d->file,
             file_count);
    else if (d->start > d->end)
      r_fail(r, "debug entry %u at offset %zu has a span that ends before it starts", i, at + 6);
    else if (d->path != RB_NO_PATH &&
             (d->path >= p->constant_count || p->constants[d->path].type != RB_CONST_TEXT))
      r_fail(r, "debug entry %u at offset %zu has path %u, which is not a text constant", i, at + 22, d->path);
  }
  p->debug_count = count;
}

/* Files: the source file names, one string each. */
static void read_files(reader *r, uint32_t count) {
  rb_program *p = r->p;
  if (!r_check_count(r, count, RBC_MAX_FILES, FILE_RECORD, "files")) return;
  p->files = r_alloc(r, count, sizeof *p->files);
  for (uint32_t i = 0; i < count && !r->failed; i++) p->files[i] = r_string(r, false, NULL, "file name");
  p->file_count = count;
}

/* Layer 1, the envelope: magic, version, flags, section sizes that add up
** to the file's length, the checksum, the code section's count.  Fills
** sizes[] and counts[] from the section table; false with a message if the
** image is not a whole .rbc file.  Checked first: cheap, and the clearest
** message for a file that is not .rbc at all or was cut short. */
static bool check_envelope(const uint8_t *data, size_t len, uint32_t *sizes, uint32_t *counts, rb_lang lang,
                           char *err, size_t err_size) {
  if (len >= 4 && memcmp(data, rbc_magic, 4) != 0) {
    set_error(lang, err, err_size, "not a rubric bytecode file: bad magic at offset 0");
    return false;
  }
  if (len < RBC_HEADER_SIZE) {
    set_error(lang, err, err_size, "truncated: the file header needs %d bytes at offset 0, only %zu remain",
              RBC_HEADER_SIZE, len);
    return false;
  }
  uint16_t version = get_u16(data + 4), flags = get_u16(data + 6);
  if (version != RBC_VERSION) {
    set_error(lang, err, err_size, "unsupported .rbc format version %u at offset 4 (this build reads version %d)",
              version, RBC_VERSION);
    return false;
  }
  if (flags != 0) {
    set_error(lang, err, err_size, "unknown flags 0x%04x at offset 6", flags);
    return false;
  }
  uint64_t total = 0;
  for (int s = 0; s < SEC_COUNT; s++) {
    sizes[s] = get_u32(data + RBC_TABLE_AT + 8 * s);
    counts[s] = get_u32(data + RBC_TABLE_AT + 8 * s + 4);
    total += sizes[s];
  }
  if (total > len - RBC_HEADER_SIZE) {
    set_error(lang, err, err_size, "truncated: the sections need %llu bytes at offset %d, only %zu remain",
              (unsigned long long)total, RBC_HEADER_SIZE, len - RBC_HEADER_SIZE);
    return false;
  }
  if (total < len - RBC_HEADER_SIZE) {
    size_t extra = len - RBC_HEADER_SIZE - (size_t)total;
    set_error(lang, err, err_size, "%zu byte%s of trailing garbage after the last section, at offset %llu", extra,
              extra == 1 ? "" : "s", (unsigned long long)(RBC_HEADER_SIZE + total));
    return false;
  }
  uint32_t stored = get_u32(data + RBC_CHECKSUM_AT);
  uint32_t computed = crc32_of(data + RBC_CHECKED_FROM, len - RBC_CHECKED_FROM);
  if (stored != computed) {
    set_error(lang, err, err_size, "checksum mismatch: the file is corrupt (stored 0x%08x, computed 0x%08x)", stored,
              computed);
    return false;
  }
  if (counts[SEC_CODE] != sizes[SEC_CODE]) {
    set_error(lang, err, err_size, "the section table at offset %d gives the code section %u bytes but a length of %u",
              RBC_TABLE_AT + 8 * SEC_CODE, sizes[SEC_CODE], counts[SEC_CODE]);
    return false;
  }
  return true;
}

/* The envelope, then each section in file order, each required to be
** consumed exactly (layer 2), then the verifier (layer 3) and the stack
** sizing the VM needs. */
rb_program *rb_program_deserialize_lang(const uint8_t *data, size_t len, rb_lang lang, char *err, size_t err_size) {
  if (err && err_size) err[0] = '\0';
  uint32_t sizes[SEC_COUNT], counts[SEC_COUNT];
  if (!check_envelope(data, len, sizes, counts, lang, err, err_size)) return NULL;
  rb_program *p = rb_program_new();
  if (!p) {
    set_error(lang, err, err_size, "%s", rb_text_from_en(lang, "out of memory"));
    return NULL;
  }
  p->lang = lang;
  loaded_string *strings = NULL;
  reader r = {.data = data, .err = err, .err_size = err_size, .lang = lang, .p = p};
  size_t at = RBC_HEADER_SIZE;
  for (int s = 0; s < SEC_COUNT && !r.failed; s++) {
    r.section = section_names[s];
    r.pos = at;
    r.end = at + sizes[s];
    switch ((rbc_section)s) {
    case SEC_STRINGS:
      read_strings(&r, counts[s], &strings);
      r.strings = strings;
      r.string_count = r.failed ? 0 : counts[s];
      break;
    case SEC_CONSTANTS: read_constants(&r, counts[s]); break;
    case SEC_HEADER: read_header(&r, counts[s]); break;
    case SEC_FUNCTIONS: read_functions(&r, counts[s], counts[SEC_CODE]); break;
    case SEC_INPUTS: read_inputs(&r, counts[s], p->constant_count, counts[SEC_FILES]); break;
    case SEC_NATIVES: read_natives(&r, counts[s], counts[SEC_FILES]); break;
    case SEC_CODE:
      if (sizes[s]) {
        p->code = rb_arena_alloc(&p->arena, sizes[s]);
        if (!p->code) {
          r_fail(&r, "out of memory loading the code section");
          break;
        }
        memcpy(p->code, data + at, sizes[s]);
      }
      p->code_len = sizes[s];
      r.pos = r.end;
      break;
    case SEC_DEBUG: read_debug(&r, counts[s], counts[SEC_CODE], counts[SEC_FILES]); break;
    case SEC_FILES: read_files(&r, counts[s]); break;
    case SEC_COUNT: break;
    }
    if (!r.failed && r.pos != r.end)
      r_fail(&r, "the %s section has %zu unused bytes at offset %zu", r.section, r.end - r.pos, r.pos);
    at += sizes[s];
  }
  free(strings);
  if (r.failed || !rb_program_verify(p, err, err_size) || !rb_program_size_stacks(p, err, err_size)) {
    rb_program_free(p);
    return NULL;
  }
  return p;
}

rb_program *rb_program_deserialize(const uint8_t *data, size_t len, char *err, size_t err_size) {
  return rb_program_deserialize_lang(data, len, RB_LANG_EN, err, err_size);
}
