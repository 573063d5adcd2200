/*
** office.c — Excel (.xlsx) workbooks and Word (.docx) documents as rows of cells.
**
** Both are zip archives of XML parts.  libzip opens the archive and expat
** reads the parts; nothing here parses zip or XML by hand.  What comes out is
** what the other readers take in: text, one line per table row with a tab
** between cells (empty cells included), so table_grid.c reads the indicator
** table and prose.c the report's own figures.  Each line also keeps where it
** came from — the sheet's name or the table's number, and the row — so that
** each indicator's provenance names the sheet (or table) and row.
**
** Excel: every sheet in the workbook's order (workbook.xml and its
** relationships), each after a form feed and a line with its name.  A cell is
** a shared string (rich-text runs joined), an inline string, a formula's
** string result, or a number kept as the decimal text the file holds
** (Excel's 15 significant digits when the file holds more, "2.9999999999999996"
** → "3"), a percentage style showing it as a percentage ("0.95" → "95%").
** Merged cells hold their text in their first cell, as the grid reader
** expects of a merged 一级/二级指标.
**
** Word: the paragraphs outside tables, one line each, and every top-level
** table's rows; a cell spanning columns (gridSpan) is followed by empty cells,
** a cell continuing a vertical merge (vMerge) is empty.  A cell of several
** paragraphs is joined as a cell wrapped over lines is (imp_str_join's rule).
*/
#include <errno.h>
#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "base/date.h"
#include "base/dynlib.h"
#include "import/import_private.h"

/* libzip and expat are loaded when the first document is read (base/dynlib.h):
** a command that reads none does not pay for them. */
#define ZIP_FUNCTIONS(X)                                                                                            \
  X(zip_open) X(zip_discard) X(zip_stat_init) X(zip_stat) X(zip_fopen) X(zip_fread) X(zip_fclose)                  \
  X(zip_error_init_with_code) X(zip_error_code_zip) X(zip_error_strerror) X(zip_error_fini)
#define XML_FUNCTIONS(X)                                                                                            \
  X(XML_ParserCreate) X(XML_ParserFree) X(XML_SetUserData) X(XML_SetElementHandler) X(XML_SetCharacterDataHandler) \
  X(XML_Parse) X(XML_GetErrorCode) X(XML_GetCurrentLineNumber) X(XML_ErrorString)
static struct { ZIP_FUNCTIONS(RB_DYN_POINTER) } zl;
static struct { XML_FUNCTIONS(RB_DYN_POINTER) } xp;
#define ZIP_SYMBOL(f) RB_DYN_SYMBOL(zl, f)
#define XML_SYMBOL(f) RB_DYN_SYMBOL(xp, f)
static const rb_dynsym zip_symbols[] = {ZIP_FUNCTIONS(ZIP_SYMBOL)};
static const rb_dynsym xml_symbols[] = {XML_FUNCTIONS(XML_SYMBOL)};
static rb_dynlib libzip = RB_DYNLIB(RUBRIC_SONAME_LIBZIP, RUBRIC_PACKAGE_LIBZIP, zip_symbols);
static rb_dynlib libexpat = RB_DYNLIB(RUBRIC_SONAME_EXPAT, RUBRIC_PACKAGE_EXPAT, xml_symbols);

/* Parts larger than this are refused: a workbook of a report is far smaller. */
enum { PART_LIMIT = 64 << 20 };

/* ---- Output: lines and their origins --------------------------------------- */

typedef struct office {
  imp_str text;
  imp_origin *origins;
  size_t origin_count, origin_room;
  bool nomem;
  /* A row being built. */
  imp_str row;
  int row_cells;
  /* The cell being read. */
  imp_str cell;
  /* The sheet names the origins point at. */
  char **names;
  size_t name_count, name_room;
} office;

/* Grow-or-fail helpers on plain malloc (the context's arena is not yet made). */
static void out_add(office *o, imp_str *s, const char *t, size_t n) {
  if (o->nomem) return;
  if (s->len + n + 1 > s->cap) {
    size_t cap = s->cap ? s->cap : 256;
    while (cap < s->len + n + 1) cap *= 2;
    char *b = realloc(s->s, cap);
    if (!b) {
      o->nomem = true;
      return;
    }
    s->s = b;
    s->cap = cap;
  }
  memcpy(s->s + s->len, t, n);
  s->len += n;
  s->s[s->len] = '\0';
}

/* End a line of output, and record where it came from. */
static void out_line(office *o, const char *t, size_t n, const char *part, int table, int row) {
  if (o->origin_count == o->origin_room) {
    size_t room = o->origin_room ? o->origin_room * 2 : 64;
    imp_origin *g = realloc(o->origins, room * sizeof *g);
    if (!g) {
      o->nomem = true;
      return;
    }
    o->origins = g;
    o->origin_room = room;
  }
  o->origins[o->origin_count++] = (imp_origin){part, table, row};
  out_add(o, &o->text, t, n);
  out_add(o, &o->text, "\n", 1);
}

static bool ascii_alnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Add the text of a cell: a tab becomes a space; a line break inside it is
** dropped between Chinese characters and becomes a space between letters or
** digits, as a cell wrapped over lines is joined. */
static void cell_text(office *o, const char *t, size_t n) {
  for (size_t i = 0; i < n; i++) {
    char c = t[i];
    if (c == '\r' || c == '\n') {
      bool before = o->cell.len && ascii_alnum(o->cell.s[o->cell.len - 1]);
      bool after = i + 1 < n && ascii_alnum(t[i + 1]);
      if (before && after) out_add(o, &o->cell, " ", 1);
      continue;
    }
    if (c == '\t') c = ' ';
    out_add(o, &o->cell, &c, 1);
  }
}

/* Append the cell read to the row, at column col (0-based): empty cells fill
** the columns before it. */
static void row_cell(office *o, int col) {
  /* A row of n cells has n − 1 tabs; a cell out of order goes after the last. */
  if (col < o->row_cells) col = o->row_cells;
  for (int k = o->row_cells ? o->row_cells - 1 : 0; k < col; k++) out_add(o, &o->row, "\t", 1);
  if (o->cell.len) out_add(o, &o->row, o->cell.s, o->cell.len);
  o->row_cells = col + 1;
  o->cell.len = 0;
  if (o->cell.s) o->cell.s[0] = '\0';
}

/* End the row: pad it to width cells so that every row of a table has its
** tabs, and write it out. */
static void row_end(office *o, int width, const char *part, int table, int row) {
  while (o->row_cells < width) {
    if (o->row_cells > 0) out_add(o, &o->row, "\t", 1);
    o->row_cells++;
  }
  out_line(o, o->row.s ? o->row.s : "", o->row.len, part, table, row);
  o->row.len = 0;
  o->row_cells = 0;
}

/* ---- The archive ---------------------------------------------------------- */

/* A part of the archive, NUL-terminated, or NULL (with *missing set when the
** part is not there, else a message in err). */
static char *read_part(zip_t *z, const char *name, size_t *len, bool *missing, const char *path, imp_error *err) {
  *missing = false;
  zip_stat_t st;
  zl.zip_stat_init(&st);
  if (zl.zip_stat(z, name, 0, &st) != 0) {
    *missing = true;
    return NULL;
  }
  if (!(st.valid & ZIP_STAT_SIZE) || st.size > PART_LIMIT) {
    imp_fail(err, "%s: %s is larger than %d MB; not read", path, name, PART_LIMIT >> 20);
    return NULL;
  }
  zip_file_t *f = zl.zip_fopen(z, name, 0);
  char *buf = f ? malloc((size_t)st.size + 1) : NULL;
  zip_int64_t got = buf ? zl.zip_fread(f, buf, st.size) : -1;
  if (f) zl.zip_fclose(f);
  if (got < 0 || (zip_uint64_t)got != st.size) {
    free(buf);
    imp_fail(err, "%s: %s cannot be read from the archive (damaged?)", path, name);
    return NULL;
  }
  buf[got] = '\0';
  *len = (size_t)got;
  return buf;
}

/* The local name of an XML element ("w:tc" → "tc", "c" → "c"). */
static const char *local(const char *name) {
  const char *colon = strrchr(name, ':');
  return colon ? colon + 1 : name;
}

static const char *attr(const char **atts, const char *name) {
  for (size_t i = 0; atts[i]; i += 2)
    if (strcmp(local(atts[i]), name) == 0) return atts[i + 1];
  return NULL;
}

/* expat's reason for an error, in lang: the common ones in Chinese (their
** English as expat writes them, base/messages_en.h), the rest as expat gives
** them. */
static const char *xml_reason(rb_lang lang, enum XML_Error code) {
  if (lang == RB_LANG_ZH) switch (code) {
    case XML_ERROR_NO_MEMORY: return rb_text_from_en(lang, "out of memory");
    case XML_ERROR_SYNTAX: return rb_text_from_en(lang, "syntax error");
    case XML_ERROR_NO_ELEMENTS: return rb_text_from_en(lang, "no element found");
    case XML_ERROR_INVALID_TOKEN: return rb_text_from_en(lang, "not well-formed (invalid token)");
    case XML_ERROR_UNCLOSED_TOKEN: return rb_text_from_en(lang, "unclosed token");
    case XML_ERROR_PARTIAL_CHAR: return rb_text_from_en(lang, "partial character");
    case XML_ERROR_TAG_MISMATCH: return rb_text_from_en(lang, "mismatched tag");
    case XML_ERROR_DUPLICATE_ATTRIBUTE: return rb_text_from_en(lang, "duplicate attribute");
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT: return rb_text_from_en(lang, "junk after document element");
    case XML_ERROR_UNDEFINED_ENTITY: return rb_text_from_en(lang, "undefined entity");
    case XML_ERROR_UNCLOSED_CDATA_SECTION: return rb_text_from_en(lang, "unclosed CDATA section");
    default: break;
    }
  return xp.XML_ErrorString(code);
}

/* Parse an XML part with expat; false with a message when it is not XML. */
static bool parse_xml(const char *xml, size_t len, void *data, XML_StartElementHandler start,
                      XML_EndElementHandler end, XML_CharacterDataHandler chars, const char *path, const char *part,
                      imp_error *err) {
  XML_Parser p = xp.XML_ParserCreate("UTF-8");
  if (!p) return imp_fail(err, "%s: out of memory", path);
  xp.XML_SetUserData(p, data);
  xp.XML_SetElementHandler(p, start, end);
  xp.XML_SetCharacterDataHandler(p, chars);
  bool ok = xp.XML_Parse(p, xml, (int)len, 1) == XML_STATUS_OK;
  if (!ok)
    imp_fail(err, "%s: %s is not well-formed XML (line %lu: %s)", path, part,
             (unsigned long)xp.XML_GetCurrentLineNumber(p), xml_reason(err->lang, xp.XML_GetErrorCode(p)));
  xp.XML_ParserFree(p);
  return ok;
}

/* ---- Excel ------------------------------------------------------------------ */

/* The column of a cell reference ("C12" → 2), or -1. */
static int ref_column(const char *ref) {
  int col = 0, letters = 0;
  for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++) col = col * 26 + (*ref - 'A' + 1);
  return letters && letters <= 3 ? col - 1 : -1;
}

/* The row of a cell reference ("C12" → 12), or 0. */
static int ref_row(const char *ref) {
  while (*ref >= 'A' && *ref <= 'Z') ref++;
  int row = 0;
  for (; *ref >= '0' && *ref <= '9' && row < 10000000; ref++) row = row * 10 + (*ref - '0');
  return row;
}

/* A number as Excel shows it in General format, from the decimal text the
** file holds ("165.52", "2.9999999999999996", "1E-3"): at most 15
** significant digits, no exponent, no trailing zeros; scaled by 10^shift
** (2 for a percentage).  Written into out (size at least 400); false when the
** text is not a number, and then out holds the text as it is. */
static bool excel_number(const char *v, int shift, char *out, size_t size) {
  snprintf(out, size, "%s", v);
  const char *p = v;
  bool neg = *p == '-';
  if (neg || *p == '+') p++;
  char digits[64];
  int nd = 0, frac = 0;
  bool point = false, any = false;
  for (; (*p >= '0' && *p <= '9') || (*p == '.' && !point); p++) {
    if (*p == '.') {
      point = true;
      continue;
    }
    any = true;
    if (nd == 0 && *p == '0') { /* a leading zero: no digit of the value */
      if (point) frac++;
      continue;
    }
    if (nd == (int)sizeof digits) return false;
    digits[nd++] = *p;
    if (point) frac++;
  }
  if (!any) return false;
  long exp = 0;
  if (*p == 'e' || *p == 'E') {
    char *end;
    exp = strtol(p + 1, &end, 10);
    if (end == p + 1 || exp > 300 || exp < -300) return false;
    p = end;
  }
  if (*p) return false;
  int scale = (int)exp - frac + shift; /* value = digits × 10^scale */
  /* Round to 15 significant digits (half away from zero, as Excel shows). */
  if (nd > 15) {
    bool up = digits[15] >= '5';
    scale += nd - 15;
    nd = 15;
    for (int k = nd - 1; up && k >= 0; k--) {
      if (digits[k] == '9') {
        digits[k] = '0';
      } else {
        digits[k]++;
        up = false;
      }
    }
    if (up) { /* 999… rounded up to 1000… */
      memmove(digits + 1, digits, (size_t)nd - 1);
      digits[0] = '1';
      scale++;
    }
  }
  while (nd > 0 && digits[nd - 1] == '0') nd--, scale++;
  if (nd == 0) {
    snprintf(out, size, "0");
    return true;
  }
  if (scale > 30 || scale < -30) return false; /* kept as written */
  size_t o = 0;
  if (neg) out[o++] = '-';
  int whole = nd + scale; /* digits before the point */
  if (whole <= 0) {
    out[o++] = '0';
    out[o++] = '.';
    for (int k = 0; k < -whole; k++) out[o++] = '0';
    for (int k = 0; k < nd; k++) out[o++] = digits[k];
  } else {
    for (int k = 0; k < whole; k++) out[o++] = k < nd ? digits[k] : '0';
    if (whole < nd) {
      out[o++] = '.';
      for (int k = whole; k < nd; k++) out[o++] = digits[k];
    }
  }
  out[o] = '\0';
  return true;
}

/* How a cell style shows a number: as it is, as a percentage, or as the
** date its serial number counts to. */
typedef enum num_look { LOOK_PLAIN, LOOK_PERCENT, LOOK_DATE } num_look;

/* What the workbook's parts say, gathered by the handlers below. */
typedef struct xlsx {
  office *o;
  /* Shared strings. */
  char **strings;
  size_t string_count, string_room;
  imp_str si;
  int depth_si, in_t, in_rph; /* inside <si>, inside <t>, inside a phonetic run */
  /* Styles: how each cellXfs shows a number. */
  num_look *look;
  size_t xf_count, xf_room;
  int in_cellxfs;
  int custom_ids[256];
  num_look custom_look[256];
  size_t custom_count;
  bool date1904; /* the workbook counts days from 1904-01-01 (workbookPr) */
  /* The workbook: sheet names and relationship ids, then their targets. */
  char *sheet_names[256], *sheet_rids[256], *sheet_paths[256];
  size_t sheet_count;
  char *rel_ids[512], *rel_targets[512];
  size_t rel_count;
  /* A sheet being read. */
  const char *sheet;
  int row, col, width;
  char type[16];
  int style;
  bool in_v, in_is, in_row;
  imp_str v;
} xlsx;

static char *dup(office *o, const char *s) {
  char *d = strdup(s);
  if (!d) o->nomem = true;
  return d;
}

static void XMLCALL strings_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  (void)atts;
  const char *n = local(name);
  if (strcmp(n, "si") == 0) x->depth_si = 1, x->si.len = 0;
  else if (strcmp(n, "t") == 0 && x->depth_si) x->in_t = 1;
  else if (strcmp(n, "rPh") == 0) x->in_rph = 1;
}

static void XMLCALL strings_end(void *data, const char *name) {
  xlsx *x = data;
  const char *n = local(name);
  if (strcmp(n, "t") == 0) x->in_t = 0;
  else if (strcmp(n, "rPh") == 0) x->in_rph = 0;
  else if (strcmp(n, "si") == 0 && x->depth_si) {
    x->depth_si = 0;
    if (x->string_count == x->string_room) {
      size_t room = x->string_room ? x->string_room * 2 : 256;
      char **s = realloc(x->strings, room * sizeof *s);
      if (!s) {
        x->o->nomem = true;
        return;
      }
      x->strings = s;
      x->string_room = room;
    }
    x->strings[x->string_count++] = dup(x->o, x->si.s ? x->si.s : "");
  }
}

static void XMLCALL strings_chars(void *data, const char *s, int len) {
  xlsx *x = data;
  if (x->depth_si && x->in_t && !x->in_rph) out_add(x->o, &x->si, s, (size_t)len);
}

/* How a number format shows a number: built-in 9 and 10 are percentages;
** 14–17, 22, 27–36 and 50–58 dates (the last two ranges are the Chinese
** ones, 2024年4月1日); a custom code by what it holds outside quotes and
** brackets. */
static num_look format_look(const xlsx *x, int id) {
  if (id == 9 || id == 10) return LOOK_PERCENT;
  if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58)) return LOOK_DATE;
  for (size_t k = 0; k < x->custom_count; k++)
    if (x->custom_ids[k] == id) return x->custom_look[k];
  return LOOK_PLAIN;
}

/* A custom format code's look: a % makes a percentage; y, d, 年 or 日 a date
** (m alone may be minutes).  Text in quotes and [colour] or [$-locale]
** brackets does not count. */
static num_look code_look(const char *code) {
  bool quoted = false, date = false;
  int bracket = 0;
  for (const char *c = code; *c; c++) {
    if (*c == '"') quoted = !quoted;
    if (quoted) continue;
    if (*c == '[') bracket++;
    else if (*c == ']' && bracket) bracket--;
    else if (bracket) continue;
    else if (*c == '\\' && c[1]) c++;
    else if (*c == '%') return LOOK_PERCENT;
    else if (*c == 'y' || *c == 'Y' || *c == 'd' || *c == 'D' || strncmp(c, "年", 3) == 0 || strncmp(c, "日", 3) == 0)
      date = true;
  }
  return date ? LOOK_DATE : LOOK_PLAIN;
}

/* A serial day number in a date style as the date it stands for,
** "2024年4月1日" (with " HH:MM" when it holds a time of day): days from
** 1899-12-30 (Excel's 1900 system, whose day 60 is the 1900-02-29 that never
** was; days before it count from 1899-12-31), or from 1904-01-01.  False
** when the text is not a number in a sensible range. */
static bool excel_date(const char *v, bool date1904, char *out, size_t size) {
  char *end;
  double serial = strtod(v, &end);
  if (end == v || *end || !(serial >= 1 && serial < 2958466)) return false; /* up to 9999-12-31 */
  long day = (long)serial;
  int minutes = (int)((serial - (double)day) * 1440.0 + 0.5);
  if (minutes >= 1440) day++, minutes = 0;
  int32_t base;
  if (date1904) rb_date_from_ymd(1904, 1, 1, &base);
  else if (day >= 61) rb_date_from_ymd(1899, 12, 30, &base);
  else if (day == 60) return false; /* 1900-02-29: no such day */
  else rb_date_from_ymd(1899, 12, 31, &base);
  int y, m, d;
  rb_date_to_ymd(base + (int32_t)day, &y, &m, &d);
  if (minutes) snprintf(out, size, "%d年%d月%d日 %02d:%02d", y, m, d, minutes / 60, minutes % 60);
  else snprintf(out, size, "%d年%d月%d日", y, m, d);
  return true;
}

static void XMLCALL styles_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  const char *n = local(name);
  if (strcmp(n, "numFmt") == 0 && x->custom_count < 256) {
    const char *id = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
    x->custom_ids[x->custom_count] = id ? atoi(id) : -1;
    x->custom_look[x->custom_count++] = code_look(code ? code : "");
  } else if (strcmp(n, "cellXfs") == 0) {
    x->in_cellxfs = 1;
  } else if (strcmp(n, "xf") == 0 && x->in_cellxfs) {
    if (x->xf_count == x->xf_room) {
      size_t room = x->xf_room ? x->xf_room * 2 : 64;
      num_look *p = realloc(x->look, room * sizeof *p);
      if (!p) {
        x->o->nomem = true;
        return;
      }
      x->look = p;
      x->xf_room = room;
    }
    const char *id = attr(atts, "numFmtId");
    x->look[x->xf_count++] = format_look(x, id ? atoi(id) : 0);
  }
}

static void XMLCALL styles_end(void *data, const char *name) {
  xlsx *x = data;
  if (strcmp(local(name), "cellXfs") == 0) x->in_cellxfs = 0;
}

static void XMLCALL no_chars(void *data, const char *s, int len) { (void)data, (void)s, (void)len; }

static void XMLCALL workbook_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  if (strcmp(local(name), "workbookPr") == 0) {
    const char *d = attr(atts, "date1904");
    x->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
    return;
  }
  if (strcmp(local(name), "sheet") != 0 || x->sheet_count >= 256) return;
  const char *n = attr(atts, "name"), *rid = attr(atts, "id");
  x->sheet_names[x->sheet_count] = dup(x->o, n ? n : "");
  x->sheet_rids[x->sheet_count] = dup(x->o, rid ? rid : "");
  x->sheet_count++;
}

static void XMLCALL rels_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  if (strcmp(local(name), "Relationship") != 0 || x->rel_count >= 512) return;
  const char *id = attr(atts, "Id"), *target = attr(atts, "Target");
  if (!id || !target) return;
  x->rel_ids[x->rel_count] = dup(x->o, id);
  x->rel_targets[x->rel_count] = dup(x->o, target);
  x->rel_count++;
}

static void XMLCALL end_nothing(void *data, const char *name) { (void)data, (void)name; }

/* The width of a sheet: its widest row, found in a first pass. */
static void XMLCALL width_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  const char *n = local(name);
  if (strcmp(n, "c") == 0) {
    const char *r = attr(atts, "r");
    int col = r ? ref_column(r) : x->col + 1;
    x->col = col;
    if (col + 1 > x->width && col < 1024) x->width = col + 1;
  } else if (strcmp(n, "row") == 0) {
    x->col = -1;
  }
}

static void XMLCALL sheet_start(void *data, const char *name, const char **atts) {
  xlsx *x = data;
  const char *n = local(name);
  if (strcmp(n, "row") == 0) {
    const char *r = attr(atts, "r");
    int row = r ? atoi(r) : x->row + 1;
    /* Rows the sheet leaves out are empty lines, so that lines follow rows. */
    while (x->row + 1 < row && row - x->row < 100000) {
      x->row++;
      row_end(x->o, x->width, x->sheet, 0, x->row);
    }
    x->row = row;
    x->col = -1;
    x->in_row = true;
  } else if (strcmp(n, "c") == 0) {
    const char *r = attr(atts, "r"), *t = attr(atts, "t"), *s = attr(atts, "s");
    x->col = r ? ref_column(r) : x->col + 1;
    if (r && !x->in_row) x->row = ref_row(r);
    snprintf(x->type, sizeof x->type, "%s", t ? t : "n");
    x->style = s ? atoi(s) : 0;
    x->v.len = 0;
  } else if (strcmp(n, "v") == 0) {
    x->in_v = true;
    x->v.len = 0;
  } else if (strcmp(n, "is") == 0) {
    x->in_is = true;
    x->v.len = 0;
  } else if (strcmp(n, "rPh") == 0) {
    x->in_rph = 1;
  } else if (strcmp(n, "t") == 0 && x->in_is) {
    x->in_t = 1;
  }
}

static void XMLCALL sheet_end(void *data, const char *name) {
  xlsx *x = data;
  office *o = x->o;
  const char *n = local(name);
  if (strcmp(n, "v") == 0) {
    x->in_v = false;
  } else if (strcmp(n, "t") == 0) {
    x->in_t = 0;
  } else if (strcmp(n, "rPh") == 0) {
    x->in_rph = 0;
  } else if (strcmp(n, "is") == 0) {
    x->in_is = false;
  } else if (strcmp(n, "c") == 0) {
    const char *v = x->v.s && x->v.len ? x->v.s : "";
    if (x->v.len == 0) {
      /* an empty cell: nothing */
    } else if (strcmp(x->type, "s") == 0) {
      char *end;
      long k = strtol(v, &end, 10);
      if (!*end && k >= 0 && (size_t)k < x->string_count) cell_text(o, x->strings[k], strlen(x->strings[k]));
    } else if (strcmp(x->type, "n") == 0) {
      char num[512];
      num_look look = x->style >= 0 && (size_t)x->style < x->xf_count ? x->look[x->style] : LOOK_PLAIN;
      /* A date is stored as its serial day number: read as the date the
      ** cell shows, never as the number 45383. */
      bool as_date = look == LOOK_DATE && excel_date(v, x->date1904, num, sizeof num);
      if (!as_date && excel_number(v, look == LOOK_PERCENT ? 2 : 0, num, sizeof num) && look == LOOK_PERCENT)
        strcat(num, "%");
      cell_text(o, num, strlen(num));
    } else if (strcmp(x->type, "b") == 0) {
      cell_text(o, strcmp(v, "1") == 0 ? "TRUE" : "FALSE", strcmp(v, "1") == 0 ? 4 : 5);
    } else {
      cell_text(o, v, x->v.len); /* inlineStr, str (a formula's text), e (an error such as #DIV/0!) */
    }
    if (x->col >= 0 && x->col < 1024) row_cell(o, x->col);
    else o->cell.len = 0;
  } else if (strcmp(n, "row") == 0) {
    row_end(o, x->width, x->sheet, 0, x->row);
    x->in_row = false;
  }
}

static void XMLCALL sheet_chars(void *data, const char *s, int len) {
  xlsx *x = data;
  if (x->in_v || (x->in_is && x->in_t && !x->in_rph)) out_add(x->o, &x->v, s, (size_t)len);
}

/* A copy of a sheet's name, owned by the office until the import ends. */
static char *keep_name(office *o, const char *name) {
  if (o->name_count == o->name_room) {
    size_t room = o->name_room ? o->name_room * 2 : 8;
    char **n = realloc(o->names, room * sizeof *n);
    if (!n) {
      o->nomem = true;
      return NULL;
    }
    o->names = n;
    o->name_room = room;
  }
  char *d = dup(o, name);
  if (d) o->names[o->name_count++] = d;
  return d;
}

/* The archive path of a relationship's target, relative to xl/. */
static char *sheet_path(office *o, const char *target) {
  char buf[1024];
  if (target[0] == '/') snprintf(buf, sizeof buf, "%s", target + 1);
  else snprintf(buf, sizeof buf, "xl/%s", target);
  return dup(o, buf);
}

static void xlsx_free(xlsx *x) {
  for (size_t k = 0; k < x->string_count; k++) free(x->strings[k]);
  free(x->strings);
  free(x->si.s);
  free(x->look);
  for (size_t k = 0; k < x->sheet_count; k++) free(x->sheet_names[k]), free(x->sheet_rids[k]), free(x->sheet_paths[k]);
  for (size_t k = 0; k < x->rel_count; k++) free(x->rel_ids[k]), free(x->rel_targets[k]);
  free(x->v.s);
}

static bool read_xlsx(zip_t *z, office *o, const char *path, imp_error *err) {
  xlsx x;
  memset(&x, 0, sizeof x);
  x.o = o;
  bool ok = true, missing;
  size_t len;
  char *part = read_part(z, "xl/sharedStrings.xml", &len, &missing, path, err);
  if (part) ok = parse_xml(part, len, &x, strings_start, strings_end, strings_chars, path, "sharedStrings", err);
  else if (!missing) ok = false;
  free(part);
  if (ok) {
    part = read_part(z, "xl/styles.xml", &len, &missing, path, err);
    if (part) ok = parse_xml(part, len, &x, styles_start, styles_end, no_chars, path, "styles", err);
    else if (!missing) ok = false;
    free(part);
  }
  if (ok) {
    part = read_part(z, "xl/workbook.xml", &len, &missing, path, err);
    if (part) ok = parse_xml(part, len, &x, workbook_start, end_nothing, no_chars, path, "workbook", err);
    else if (missing) ok = imp_fail(err, "%s: not an Excel workbook (no xl/workbook.xml)", path);
    else ok = false;
    free(part);
  }
  if (ok) {
    part = read_part(z, "xl/_rels/workbook.xml.rels", &len, &missing, path, err);
    if (part) ok = parse_xml(part, len, &x, rels_start, end_nothing, no_chars, path, "workbook.xml.rels", err);
    else if (!missing) ok = false;
    free(part);
  }
  for (size_t k = 0; ok && k < x.sheet_count; k++) {
    for (size_t r = 0; r < x.rel_count; r++)
      if (strcmp(x.rel_ids[r], x.sheet_rids[k]) == 0) x.sheet_paths[k] = sheet_path(o, x.rel_targets[r]);
    if (!x.sheet_paths[k]) {
      char guess[64];
      snprintf(guess, sizeof guess, "worksheets/sheet%zu.xml", k + 1);
      x.sheet_paths[k] = sheet_path(o, guess);
    }
  }
  for (size_t k = 0; ok && !o->nomem && k < x.sheet_count; k++) {
    part = read_part(z, x.sheet_paths[k], &len, &missing, path, err);
    if (!part) {
      if (!missing) ok = false;
      continue; /* a chart sheet or a missing part: no cells */
    }
    /* The sheet's name, kept until the end: the origins point at it. */
    x.width = 0;
    x.col = -1;
    ok = parse_xml(part, len, &x, width_start, end_nothing, no_chars, path, x.sheet_paths[k], err);
    char *name = ok ? keep_name(o, x.sheet_names[k]) : NULL;
    if (name) {
      char head[1100];
      int n = snprintf(head, sizeof head, "%s%s", o->text.len ? "\f" : "", name);
      out_line(o, head, (size_t)n, name, 0, 0);
      x.sheet = name;
      x.row = 0;
      ok = parse_xml(part, len, &x, sheet_start, sheet_end, sheet_chars, path, x.sheet_paths[k], err);
    }
    free(part);
  }
  if (ok && x.sheet_count == 0) ok = imp_fail(err, "%s: the workbook has no sheets", path);
  xlsx_free(&x);
  return ok;
}

/* ---- Word ------------------------------------------------------------------- */

typedef struct docx {
  office *o;
  int tbl_depth; /* tables inside tables are read as their cell's text */
  int table, row, col, width;
  int span;      /* the cell's gridSpan */
  bool vcontinue; /* the cell continues a vertical merge */
  bool in_t, in_p, para_has_text;
  int cell_paras;
  imp_str para;
} docx;

static void XMLCALL doc_start(void *data, const char *name, const char **atts) {
  docx *d = data;
  office *o = d->o;
  const char *n = local(name);
  if (strcmp(n, "tbl") == 0) {
    if (++d->tbl_depth == 1) d->table++, d->row = 0;
  } else if (d->tbl_depth > 1) {
    if (strcmp(n, "t") == 0) d->in_t = true;
  } else if (strcmp(n, "tr") == 0) {
    d->row++;
    d->col = 0;
    o->row.len = 0;
    o->row_cells = 0;
  } else if (strcmp(n, "gridBefore") == 0 && d->tbl_depth == 1) {
    const char *v = attr(atts, "val");
    d->col += v ? atoi(v) : 0;
  } else if (strcmp(n, "tc") == 0) {
    d->span = 1;
    d->vcontinue = false;
    d->cell_paras = 0;
    o->cell.len = 0;
  } else if (strcmp(n, "gridSpan") == 0) {
    const char *v = attr(atts, "val");
    d->span = v ? atoi(v) : 1;
    if (d->span < 1 || d->span > 64) d->span = 1;
  } else if (strcmp(n, "vMerge") == 0) {
    const char *v = attr(atts, "val");
    d->vcontinue = !v || strcmp(v, "continue") == 0;
  } else if (strcmp(n, "p") == 0) {
    d->in_p = true;
    d->para.len = 0;
  } else if (strcmp(n, "t") == 0) {
    d->in_t = true;
  } else if ((strcmp(n, "tab") == 0 || strcmp(n, "br") == 0 || strcmp(n, "cr") == 0) && d->in_p) {
    out_add(o, &d->para, strcmp(n, "tab") == 0 ? " " : "\n", 1);
  }
}

static void XMLCALL doc_end(void *data, const char *name) {
  docx *d = data;
  office *o = d->o;
  const char *n = local(name);
  if (strcmp(n, "t") == 0) {
    d->in_t = false;
  } else if (strcmp(n, "tbl") == 0) {
    d->tbl_depth--;
  } else if (d->tbl_depth > 1) {
    /* inside a nested table: its text joins the paragraph of the outer cell */
  } else if (strcmp(n, "p") == 0) {
    d->in_p = false;
    if (d->tbl_depth == 0) {
      out_line(o, d->para.s ? d->para.s : "", d->para.len, NULL, 0, 0);
    } else {
      /* Paragraphs of a cell join as a wrapped cell does. */
      if (d->cell_paras++ && d->para.len) cell_text(o, "\n", 1);
      if (d->para.len) cell_text(o, d->para.s, d->para.len);
    }
    d->para.len = 0;
  } else if (strcmp(n, "tc") == 0) {
    if (d->vcontinue) o->cell.len = 0;
    row_cell(o, d->col);
    d->col += d->span;
  } else if (strcmp(n, "tr") == 0) {
    row_end(o, d->col, NULL, d->table, d->row);
  }
}

static void XMLCALL doc_chars(void *data, const char *s, int len) {
  docx *d = data;
  if (d->in_t) out_add(d->o, &d->para, s, (size_t)len);
}

static bool read_docx(zip_t *z, office *o, const char *path, imp_error *err) {
  bool missing;
  size_t len;
  char *part = read_part(z, "word/document.xml", &len, &missing, path, err);
  if (!part) {
    if (missing) imp_fail(err, "%s: not a Word document (no word/document.xml)", path);
    return false;
  }
  docx d;
  memset(&d, 0, sizeof d);
  d.o = o;
  bool ok = parse_xml(part, len, &d, doc_start, doc_end, doc_chars, path, "word/document.xml", err);
  free(part);
  free(d.para.s);
  return ok;
}

/* ---- The entry point ---------------------------------------------------------- */

/* libzip's reason for an archive it cannot open, in lang: the common ones in
** Chinese (their English as libzip writes them, base/messages_en.h), the rest
** as libzip gives them. */
static const char *zip_reason(rb_lang lang, zip_error_t *ze) {
  if (lang == RB_LANG_ZH) switch (zl.zip_error_code_zip(ze)) {
    case ZIP_ER_NOENT: return rb_strerror_lang(lang, ENOENT);
    case ZIP_ER_OPEN: return rb_text_from_en(lang, "Can't open file");
    case ZIP_ER_READ: return rb_text_from_en(lang, "Read error");
    case ZIP_ER_NOZIP: return rb_text_from_en(lang, "Not a zip archive");
    case ZIP_ER_INCONS: return rb_text_from_en(lang, "Zip archive inconsistent");
    case ZIP_ER_CRC: return rb_text_from_en(lang, "CRC error");
    case ZIP_ER_EOF: return rb_text_from_en(lang, "Premature end of file");
    case ZIP_ER_MEMORY: return rb_text_from_en(lang, "Malloc failure");
    case ZIP_ER_ENCRNOTSUPP: return rb_text_from_en(lang, "Encryption method not supported");
    default: break;
    }
  return zl.zip_error_strerror(ze);
}

bool imp_office_read(const char *path, bool word, char **text, size_t *len, imp_origin **origins,
                     size_t *origin_count, char ***names, size_t *name_count, imp_error *err) {
  char why[1024];
  if (!rb_dynlib_load(&libzip, err->lang, why, sizeof why) || !rb_dynlib_load(&libexpat, err->lang, why, sizeof why))
    return imp_fail(err, "%s: cannot read it: %s", path, why);
  int zerr = 0;
  zip_t *z = zl.zip_open(path, ZIP_RDONLY, &zerr);
  if (!z) {
    zip_error_t ze;
    zl.zip_error_init_with_code(&ze, zerr);
    if (zerr == ZIP_ER_NOENT || zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ)
      imp_fail(err, "%s: cannot open: %s", path, zip_reason(err->lang, &ze));
    else
      imp_fail(err, "%s: not a %s file (%s)", path, word ? ".docx" : ".xlsx", zip_reason(err->lang, &ze));
    zl.zip_error_fini(&ze);
    return false;
  }
  office o;
  memset(&o, 0, sizeof o);
  bool ok = word ? read_docx(z, &o, path, err) : read_xlsx(z, &o, path, err);
  zl.zip_discard(z);
  if (ok && o.nomem) ok = imp_fail(err, "%s: out of memory", path);
  free(o.row.s);
  free(o.cell.s);
  if (!ok) {
    for (size_t k = 0; k < o.name_count; k++) free(o.names[k]);
    free(o.names);
    free(o.text.s);
    free(o.origins);
    return false;
  }
  *text = o.text.s ? o.text.s : calloc(1, 1);
  *len = o.text.len;
  *origins = o.origins;
  *origin_count = o.origin_count;
  *names = o.names;
  *name_count = o.name_count;
  return *text != NULL;
}
