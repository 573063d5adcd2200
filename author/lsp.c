/*
** lsp.c — `rubric lsp`: a Language Server for editors, over stdio.
**
** The protocol is JSON-RPC 2.0 with a Content-Length header before each
** message (the Language Server Protocol, version 3).  Messages are read with
** the project's JSON reader (report/json_tree.h, over yajl) and written with
** the output layer's JSON string writer.  What the server does:
**
**   initialize            says what it can do: full-text sync, hover,
**                         definition;
**   didOpen / didChange   keeps the document's text and publishes the
**                         compiler's diagnostics for it, each with its span
**                         (the text is compiled as it stands in the editor,
**                         imports read from disk beside the file);
**   didClose              forgets it and clears its diagnostics;
**   hover                 on an item or section: its weight in points (and
**                         the weight as written when a percentage); on an
**                         `each … split`: the shares the split gives the rows
**                         of a sample report (the report of the file's first
**                         test that reads one); on a name: its declaration;
**                         on a call
**                         of a built-in: what it does;
**   definition            from a name (or a call) to the input, constant,
**                         function, parameter or let it names, in this file
**                         or an imported one;
**   shutdown / exit       as the protocol says (exit status 0 after shutdown).
**
** Every answer is computed by compiling the document again with a compile
** hook that looks at the checked tree at the asked position (the tree lives
** only during the compile); rubrics are small, and a compile takes a
** millisecond or two.
*/
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "author/author.h"
#include "base/arena.h"
#include "base/file.h"
#include "compiler/compile.h"
#include "compiler/compiler.h"
#include "output/output_util.h"
#include "report/json_tree.h"
#include "report/report.h"
#include "vm/builtins.h"
#include "vm/result.h"
#include "vm/vm.h"

/* The largest message accepted, and the largest document. */
enum { MAX_MESSAGE = 64 * 1024 * 1024 };

typedef struct document {
  char *uri;
  char *path; /* the file the URI names, for imports and messages */
  char *text;
  size_t len;
} document;

typedef struct server {
  FILE *in, *out, *log;
  document *docs;
  size_t doc_count, doc_cap;
  bool shutdown;
  rb_json_parser *parser;
  rb_arena arena; /* of the current message */
  rb_lang lang;   /* of diagnostics: the initialize request's locale, else the environment's */
} server;

/* ---- JSON in ------------------------------------------------------------- */

/* The member `name` of object o, or NULL. */
static const rb_json_value *member(const rb_json_value *o, const char *name) {
  if (!o || o->kind != RB_JSON_OBJECT) return NULL;
  size_t n = strlen(name);
  const rb_json_value *found = NULL;
  for (size_t i = 0; i < o->len; i++)
    if (o->as.members[i].key_len == n && memcmp(o->as.members[i].key, name, n) == 0)
      found = &o->as.members[i].value;
  return found;
}

/* A string member as a NUL-terminated copy in the arena, or NULL. */
static const char *string_of(server *s, const rb_json_value *v) {
  if (!v || v->kind != RB_JSON_STRING) return NULL;
  return rb_arena_strndup(&s->arena, v->as.text, v->len);
}

static long number_of(const rb_json_value *v, long otherwise) {
  if (!v || v->kind != RB_JSON_NUMBER) return otherwise;
  char buf[32];
  size_t n = v->len < sizeof buf - 1 ? v->len : sizeof buf - 1;
  memcpy(buf, v->as.text, n);
  buf[n] = '\0';
  return strtol(buf, NULL, 10);
}

/* ---- JSON out ------------------------------------------------------------ */

/* Send one message: the body is in a memstream's buffer. */
static void send_body(server *s, const char *body, size_t len) {
  fprintf(s->out, "Content-Length: %zu\r\n\r\n", len);
  fwrite(body, 1, len, s->out);
  fflush(s->out);
}

/* The request id as JSON: a number as written, a string quoted. */
static void put_id(FILE *f, const rb_json_value *id) {
  if (id && id->kind == RB_JSON_NUMBER) fwrite(id->as.text, 1, id->len, f);
  else if (id && id->kind == RB_JSON_STRING) {
    char *s = strndup(id->as.text, id->len);
    rb_out_json_string(f, s);
    free(s);
  } else fputs("null", f);
}

/* A message being written: open with begin_*, close with send_message. */
typedef struct message {
  FILE *f;
  char *buf;
  size_t len;
} message;

static bool begin(message *m) {
  m->buf = NULL;
  m->len = 0;
  m->f = open_memstream(&m->buf, &m->len);
  return m->f != NULL;
}

static void send_message(server *s, message *m) {
  fclose(m->f);
  send_body(s, m->buf, m->len);
  free(m->buf);
}

/* {"jsonrpc":"2.0","id":ID,"result": — the caller writes the result and send_result closes it. */
static bool begin_result(message *m, const rb_json_value *id) {
  if (!begin(m)) return false;
  fputs("{\"jsonrpc\":\"2.0\",\"id\":", m->f);
  put_id(m->f, id);
  fputs(",\"result\":", m->f);
  return true;
}

static void send_result(server *s, message *m) {
  fputc('}', m->f);
  send_message(s, m);
}

static void send_error(server *s, const rb_json_value *id, int code, const char *text) {
  message m;
  if (!begin(&m)) return;
  fputs("{\"jsonrpc\":\"2.0\",\"id\":", m.f);
  put_id(m.f, id);
  fprintf(m.f, ",\"error\":{\"code\":%d,\"message\":", code);
  rb_out_json_string(m.f, text);
  fputs("}}", m.f);
  send_message(s, &m);
}

/* ---- Positions ----------------------------------------------------------- */

/* LSP positions count lines from 0 and characters in UTF-16 code units. */
typedef struct position {
  long line, character;
} position;

/* The position of a byte offset of a text. */
static position position_of(const char *text, size_t len, uint32_t offset) {
  position p = {0, 0};
  for (size_t i = 0; i < offset && i < len;) {
    unsigned char c = (unsigned char)text[i];
    if (c == '\n') {
      p.line++;
      p.character = 0;
      i++;
      continue;
    }
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    p.character += n == 4 ? 2 : 1;
    i += n;
  }
  return p;
}

/* The byte offset of a position (the end of its line when past it). */
static uint32_t offset_of(const char *text, size_t len, position p) {
  size_t i = 0;
  for (long line = 0; line < p.line && i < len; i++)
    if (text[i] == '\n') line++;
  for (long ch = 0; ch < p.character && i < len && text[i] != '\n';) {
    unsigned char c = (unsigned char)text[i];
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    ch += n == 4 ? 2 : 1;
    i += n;
  }
  return (uint32_t)(i < len ? i : len);
}

static void put_range(FILE *f, const char *text, size_t len, uint32_t start, uint32_t end) {
  position a = position_of(text, len, start), b = position_of(text, len, end);
  fprintf(f, "{\"start\":{\"line\":%ld,\"character\":%ld},\"end\":{\"line\":%ld,\"character\":%ld}}", a.line,
          a.character, b.line, b.character);
}

/* ---- URIs ---------------------------------------------------------------- */

static int hex(char c) {
  return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                                                                   : -1;
}

/* The path of a file: URI, percent-decoded; other URIs as they are. */
static char *path_of_uri(const char *uri) {
  const char *p = strncmp(uri, "file://", 7) == 0 ? uri + 7 : uri;
  char *out = malloc(strlen(p) + 1);
  if (!out) return NULL;
  size_t n = 0;
  for (; *p; p++) {
    if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0) {
      out[n++] = (char)(hex(p[1]) * 16 + hex(p[2]));
      p += 2;
    } else out[n++] = *p;
  }
  out[n] = '\0';
  return out;
}

/* A file: URI for a path, percent-encoding what is not unreserved. */
static void put_uri_of_path(FILE *f, const char *path) {
  char real[PATH_MAX];
  if (realpath(path, real)) path = real;
  fputs("\"file://", f);
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("/-._~", *p))
      fputc(*p, f);
    else fprintf(f, "%%%02X", *p);
  }
  fputc('"', f);
}

/* ---- Documents ----------------------------------------------------------- */

static document *find_document(server *s, const char *uri) {
  for (size_t i = 0; uri && i < s->doc_count; i++)
    if (strcmp(s->docs[i].uri, uri) == 0) return &s->docs[i];
  return NULL;
}

/* Keep the text of a document (a copy), opening it if new. */
static document *set_document(server *s, const char *uri, const char *text, size_t len) {
  document *d = find_document(s, uri);
  if (!d) {
    if (s->doc_count == s->doc_cap) {
      size_t cap = s->doc_cap ? s->doc_cap * 2 : 8;
      document *docs = realloc(s->docs, cap * sizeof *docs);
      if (!docs) return NULL;
      s->docs = docs;
      s->doc_cap = cap;
    }
    d = &s->docs[s->doc_count++];
    d->uri = strdup(uri);
    d->path = path_of_uri(uri);
    d->text = NULL;
  }
  char *copy = malloc(len + 1);
  if (!copy || !d->uri || !d->path) {
    free(copy);
    return NULL;
  }
  memcpy(copy, text, len);
  copy[len] = '\0';
  free(d->text);
  d->text = copy;
  d->len = len;
  return d;
}

static void close_document(server *s, const char *uri) {
  document *d = find_document(s, uri);
  if (!d) return;
  free(d->uri);
  free(d->path);
  free(d->text);
  *d = s->docs[--s->doc_count];
}

/* ---- Diagnostics --------------------------------------------------------- */

/* Compile a document and publish its diagnostics (those of the document
** itself; an error in a file it imports is shown at the top). */
static void publish_diagnostics(server *s, const document *d) {
  rb_diags diags;
  rb_diags_init(&diags);
  diags.lang = s->lang;
  rb_program *p = rb_compile_hooked(d->path, d->text, d->len, NULL, &diags, NULL);
  rb_program_free(p);
  message m;
  if (!begin(&m)) {
    rb_diags_free(&diags);
    return;
  }
  fputs("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":", m.f);
  rb_out_json_string(m.f, d->uri);
  fputs(",\"diagnostics\":[", m.f);
  bool first = true;
  for (size_t i = 0; i < diags.count; i++) {
    const rb_diag *g = &diags.items[i];
    bool here = g->file == 0;
    uint32_t start = here ? g->start : 0, end = here ? g->end : 0;
    if (end < start) end = start;
    fputs(first ? "{\"range\":" : ",{\"range\":", m.f);
    first = false;
    put_range(m.f, d->text, d->len, start, end);
    fprintf(m.f, ",\"severity\":%d,\"source\":\"rubric\",\"message\":",
            g->severity == RB_SEV_ERROR ? 1 : g->severity == RB_SEV_WARNING ? 2 : 3);
    char text[2048];
    const char *where = !here && g->file < diags.file_count ? diags.files[g->file].name : NULL;
    bool zh = s->lang == RB_LANG_ZH;
    snprintf(text, sizeof text, "%s%s%s%s%s", where ? where : "", where ? (zh ? "：" : ": ") : "", g->message,
             g->hint ? (zh ? "\n提示：" : "\nhint: ") : "", g->hint ? g->hint : "");
    rb_out_json_string(m.f, text);
    fputc('}', m.f);
  }
  fputs("]}}", m.f);
  send_message(s, &m);
  rb_diags_free(&diags);
}

/* ---- What is at a position ----------------------------------------------- */

/* What the hook found at the asked offset, copied out of the tree. */
typedef struct lookup {
  uint32_t offset;
  rb_arena *arena;
  rb_lang lang;            /* of the hover text: the server's */
  /* hover */
  char *hover;             /* markdown, or NULL */
  const char **each_path;  /* an each under the cursor: its section's path */
  uint32_t each_depth;
  /* definition */
  bool has_definition;
  char *definition_file;
  uint32_t definition_start, definition_end;
  /* the sample report: the first test's */
  char *sample_path;       /* relative to the document */
  char *sample_json;
  size_t sample_json_len;
} lookup;

static bool contains(const rb_ast *n, uint32_t offset, uint16_t file) {
  return n->file == file && n->start <= offset && offset < n->end;
}

/* The innermost name with a declaration, or call by its function's name,
** at offset, in the list n of file 0 and below it (a, b, c). */
static const rb_ast *name_at(const rb_ast *n, uint32_t offset) {
  for (; n; n = n->next) {
    if (!contains(n, offset, 0)) continue;
    const rb_ast *inner = name_at(n->a, offset);
    if (!inner) inner = name_at(n->b, offset);
    if (!inner) inner = name_at(n->c, offset);
    if (inner) return inner;
    if (n->kind == RB_AST_NAME && n->decl) return n;
    if (n->kind == RB_AST_CALL && n->text && offset < n->start + (uint32_t)strlen(n->text)) return n;
  }
  return NULL;
}

static char *copy_text(rb_arena *a, const rb_source *src, uint32_t start, uint32_t end) {
  if (end > src->len) end = (uint32_t)src->len;
  const char *nl = memchr(src->text + start, '\n', end - start);
  if (nl) end = (uint32_t)(nl - src->text);
  return rb_arena_strndup(a, src->text + start, end - start);
}

static char *number_text(rb_arena *a, rb_num x) {
  char buf[128];
  rb_num_format(x, buf, sizeof buf);
  return rb_arena_strdup(a, buf);
}

/* The member (item, section, each) under the offset, with its path. */
static const rb_ast *member_at(const rb_ast *list, uint32_t offset, const char **path, uint32_t *depth,
                               const rb_ast **parent) {
  for (const rb_ast *n = list; n; n = n->next) {
    if (!contains(n, offset, 0)) continue;
    if (n->kind == RB_AST_SECTION) {
      if (*depth < 63) path[(*depth)++] = n->text;
      const rb_ast *inner = member_at(n->b, offset, path, depth, parent);
      if (inner) {
        if (!*parent) *parent = n;
        return inner;
      }
      (*depth)--;
      return n;
    }
    if (n->kind == RB_AST_ITEM || n->kind == RB_AST_EACH || n->kind == RB_AST_CHECK) return n;
  }
  return NULL;
}

/* The compile hook of hover and definition. */
static void look(void *userdata, rb_compiler *c, rb_ast *parsed) {
  lookup *l = userdata;
  const rb_source *src = &c->diags->files[0];
  /* The sample report: the first test of the file with a report. */
  for (const rb_ast *t = parsed; t && !l->sample_path && !l->sample_json; t = t->next) {
    if (t->kind != RB_AST_TEST || t->file != 0) continue;
    for (const rb_ast *e = t->a; e; e = e->next) {
      if (e->kind != RB_AST_EXPECT || e->op != RB_EXPECT_REPORT || !e->a) continue;
      if (e->a->kind == RB_AST_JSON) {
        l->sample_json = rb_arena_strndup(l->arena, src->text + e->a->start, e->a->end - e->a->start);
        l->sample_json_len = e->a->end - e->a->start;
      } else {
        l->sample_path = rb_arena_strdup(l->arena, e->a->text);
      }
      break;
    }
  }
  /* A name: its declaration. */
  const rb_ast *n = name_at(parsed, l->offset);
  if (!n) n = name_at(c->statements, l->offset);
  if (n && n->decl) {
    const rb_ast *d = n->decl;
    l->has_definition = true;
    l->definition_file = rb_arena_strdup(l->arena, c->diags->files[d->file].name);
    l->definition_start = d->start;
    l->definition_end = d->end;
    const rb_source *ds = &c->diags->files[d->file];
    char *decl = copy_text(l->arena, ds, d->start, d->end);
    size_t len = strlen(decl) + 64;
    l->hover = rb_arena_alloc(l->arena, len);
    if (l->hover) snprintf(l->hover, len, "```rubric\n%s\n```", decl);
    return;
  }
  if (n && n->kind == RB_AST_CALL && !n->decl && n->slot >= 0 && n->slot < RB_BUILTIN_COUNT) {
    const rb_builtin_info *b = &rb_builtin_table[n->slot];
    const char *doc = rb_text_from_en(l->lang, b->doc);
    size_t len = strlen(doc) + strlen(b->name) + 64;
    l->hover = rb_arena_alloc(l->arena, len);
    if (l->hover) snprintf(l->hover, len, rb_from_en(l->lang, "**%s** (built-in): %s"), b->name, doc);
    return;
  }
  /* A member of the scoring tree: its weight. */
  const char *path[64];
  uint32_t depth = 0;
  const rb_ast *parent = NULL;
  const rb_ast *m = member_at(c->statements, l->offset, path, &depth, &parent);
  if (!m) return;
  char text[1024];
  if (m->kind == RB_AST_ITEM || m->kind == RB_AST_SECTION) {
    const rb_ast *w = rb_ast_member_weight(m);
    const char *written = w ? copy_text(l->arena, src, w->start, w->end) : "";
    char *points = number_text(l->arena, m->weight);
    bool item = m->kind == RB_AST_ITEM;
    if (w && w->unit != 0)
      snprintf(text, sizeof text,
               item ? rb_from_en(l->lang, "**item** %s — weight **%s** points (written %s)")
                    : rb_from_en(l->lang, "**section** %s — weight **%s** points (written %s)"),
               m->text, points, written);
    else
      snprintf(text, sizeof text,
               item ? rb_from_en(l->lang, "**item** %s — weight **%s** points")
                    : rb_from_en(l->lang, "**section** %s — weight **%s** points"),
               m->text, points);
    l->hover = rb_arena_strdup(l->arena, text);
  } else if (m->kind == RB_AST_EACH) {
    l->each_path = rb_arena_alloc(l->arena, (depth ? depth : 1) * sizeof *l->each_path);
    if (!l->each_path) return;
    for (uint32_t i = 0; i < depth; i++) l->each_path[i] = rb_arena_strdup(l->arena, path[i]);
    l->each_depth = depth;
    /* The each's head as written, to its = (its first line when longer). */
    const char *head = copy_text(l->arena, src, m->start, rb_ast_each_score(m)->start);
    snprintf(text, sizeof text,
             rb_from_en(l->lang, "**each** — its items share the weight of %s:\n```rubric\n%s\n```"),
             depth ? path[depth - 1] : rb_text_from_en(l->lang, "the rubric"), head);
    l->hover = rb_arena_strdup(l->arena, text);
  } else if (m->kind == RB_AST_CHECK) {
    snprintf(text, sizeof text,
             rb_from_en(l->lang, "**check** %s — does not change the score; ✓ holds, ✗ fails, ? not evaluable"),
             m->text);
    l->hover = rb_arena_strdup(l->arena, text);
  }
}

/* Compile the document with the lookup hook at the offset; the program
** too, when asked (for an each's shares). */
static rb_program *look_at(const document *d, lookup *l) {
  rb_diags diags;
  rb_diags_init(&diags);
  rb_compile_hook hook = {look, l};
  rb_program *p = rb_compile_hooked(d->path, d->text, d->len, NULL, &diags, &hook);
  rb_diags_free(&diags);
  return p;
}

/* The shares an each's split gives the rows of the sample report, added to
** the hover text: "sample report X: row A 3.64, row B 3.63 …", in the
** server's language. */
static const char *each_shares(server *s, const document *d, const rb_program *p, const lookup *l) {
  if (!p) return rb_text_from_en(s->lang, "\n\n(the rubric has errors: no shares)");
  if (!l->sample_path && !l->sample_json)
    return rb_text_from_en(
        s->lang, "\n\n(no sample report: write a test with a report in this file to see the shares of its rows)");
  rb_report *r = rb_report_new();
  rb_result *res = rb_result_new();
  rb_vm *vm = rb_vm_new(p);
  if (vm) rb_vm_set_error_lang(vm, s->lang);
  rb_report_error e = {"", s->lang};
  char *out = NULL;
  bool read = false;
  if (r && res && vm) {
    if (l->sample_json) read = rb_report_read_json(r, l->sample_json, l->sample_json_len, d->path, 0, &e);
    else {
      char path[PATH_MAX * 2];
      const char *slash = strrchr(d->path, '/');
      int dir = slash ? (int)(slash - d->path + 1) : 0;
      if (l->sample_path[0] == '/') snprintf(path, sizeof path, "%s", l->sample_path);
      else snprintf(path, sizeof path, "%.*s%s", dir, d->path, l->sample_path);
      read = rb_report_read_file(r, path, &e);
    }
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&buf, &len);
  if (f && !read) fprintf(f, rb_from_en(s->lang, "\n\nthe sample report cannot be read: %s"), e.message);
  else if (f && !rb_vm_run(vm, r, res)) fprintf(f, rb_from_en(s->lang, "\n\nthe sample report fails: %s"), res->error);
  else if (f) {
    const rb_node *n = res->root;
    for (uint32_t i = 0; n && i < l->each_depth; i++) {
      const rb_node *ch = n->first_child;
      while (ch && strcmp(ch->name, l->each_path[i]) != 0) ch = ch->next;
      n = ch;
    }
    fprintf(f, rb_from_en(s->lang, "\n\nshares for the sample report %s:\n"), r->id ? r->id : "");
    unsigned rows = 0;
    for (const rb_node *ch = n ? n->first_child : NULL; ch; ch = ch->next) {
      if (!ch->row) continue;
      char w[64];
      rb_num_format_fixed(ch->weight, 2, w, sizeof w);
      fprintf(f, "- %s: %s\n", ch->name, w);
      rows++;
    }
    if (!rows) fputs(rb_text_from_en(s->lang, "(no row of the report is generated here)\n"), f);
  }
  if (f) fclose(f);
  if (buf) out = rb_arena_strdup(&s->arena, buf);
  free(buf);
  rb_vm_free(vm);
  rb_result_free(res);
  rb_report_free(r);
  return out ? out : "";
}

/* The document and offset a hover or definition request is about. */
static const document *request_place(server *s, const rb_json_value *params, uint32_t *offset) {
  const rb_json_value *td = member(params, "textDocument"), *pos = member(params, "position");
  document *d = find_document(s, string_of(s, member(td, "uri")));
  if (!d || !pos) return NULL;
  position p = {number_of(member(pos, "line"), 0), number_of(member(pos, "character"), 0)};
  *offset = offset_of(d->text, d->len, p);
  return d;
}

static void hover(server *s, const rb_json_value *id, const rb_json_value *params) {
  uint32_t offset;
  const document *d = request_place(s, params, &offset);
  message m;
  if (!begin_result(&m, id)) return;
  lookup l = {0};
  l.offset = offset;
  l.arena = &s->arena;
  l.lang = s->lang;
  rb_program *p = d ? look_at(d, &l) : NULL;
  if (!d || !l.hover) fputs("null", m.f);
  else {
    const char *shares = l.each_path ? each_shares(s, d, p, &l) : "";
    fputs("{\"contents\":{\"kind\":\"markdown\",\"value\":", m.f);
    char *text = rb_arena_alloc(&s->arena, strlen(l.hover) + strlen(shares) + 1);
    if (text) {
      strcpy(text, l.hover);
      strcat(text, shares);
    }
    rb_out_json_string(m.f, text ? text : l.hover);
    fputs("}}", m.f);
  }
  rb_program_free(p);
  send_result(s, &m);
}

static void definition(server *s, const rb_json_value *id, const rb_json_value *params) {
  uint32_t offset;
  const document *d = request_place(s, params, &offset);
  message m;
  if (!begin_result(&m, id)) return;
  lookup l = {0};
  l.offset = offset;
  l.arena = &s->arena;
  rb_program *p = d ? look_at(d, &l) : NULL;
  rb_program_free(p);
  if (!d || !l.has_definition) {
    fputs("null", m.f);
  } else {
    fputs("{\"uri\":", m.f);
    /* The document itself by its own URI; another file read from disk. */
    char *text = NULL;
    size_t len = 0;
    bool same = strcmp(l.definition_file, d->path) == 0;
    if (same) rb_out_json_string(m.f, d->uri);
    else put_uri_of_path(m.f, l.definition_file);
    char err[256];
    if (!same && rb_file_read(l.definition_file, MAX_MESSAGE, &text, &len, err, sizeof err) != RB_FILE_OK)
      text = NULL;
    fputs(",\"range\":", m.f);
    if (same) put_range(m.f, d->text, d->len, l.definition_start, l.definition_end);
    else if (text) put_range(m.f, text, len, l.definition_start, l.definition_end);
    else fputs("{\"start\":{\"line\":0,\"character\":0},\"end\":{\"line\":0,\"character\":0}}", m.f);
    free(text);
    fputc('}', m.f);
  }
  send_result(s, &m);
}

/* ---- The loop ------------------------------------------------------------ */

/* Read one message's body (malloc'd); NULL at the end of input. */
static char *read_message(server *s, size_t *len) {
  char line[1024];
  long length = -1;
  for (;;) {
    if (!fgets(line, sizeof line, s->in)) return NULL;
    if (strcmp(line, "\r\n") == 0 || strcmp(line, "\n") == 0) {
      if (length >= 0) break;
      continue;
    }
    if (strncasecmp(line, "Content-Length:", 15) == 0) length = strtol(line + 15, NULL, 10);
  }
  if (length < 0 || length > MAX_MESSAGE) return NULL;
  char *body = malloc((size_t)length + 1);
  if (!body) return NULL;
  if (fread(body, 1, (size_t)length, s->in) != (size_t)length) {
    free(body);
    return NULL;
  }
  body[length] = '\0';
  *len = (size_t)length;
  return body;
}

static void initialize(server *s, const rb_json_value *id, const rb_json_value *params) {
  const char *locale = string_of(s, member(params, "locale"));
  if (locale) s->lang = rb_diag_lang_of(locale);
  message m;
  if (!begin_result(&m, id)) return;
  fputs("{\"capabilities\":{\"textDocumentSync\":{\"openClose\":true,\"change\":1},\"hoverProvider\":true,"
        "\"definitionProvider\":true},\"serverInfo\":{\"name\":\"rubric\"}}",
        m.f);
  send_result(s, &m);
}

/* Handle one message; false when the client said exit. */
static bool handle(server *s, const rb_json_value *msg) {
  const char *method = string_of(s, member(msg, "method"));
  const rb_json_value *id = member(msg, "id"), *params = member(msg, "params");
  if (!method) return true; /* a response to us: we send no requests */
  if (strcmp(method, "initialize") == 0) initialize(s, id, params);
  else if (strcmp(method, "shutdown") == 0) {
    s->shutdown = true;
    message m;
    if (begin_result(&m, id)) {
      fputs("null", m.f);
      send_result(s, &m);
    }
  } else if (strcmp(method, "exit") == 0) return false;
  else if (strcmp(method, "textDocument/didOpen") == 0) {
    const rb_json_value *td = member(params, "textDocument"), *text = member(td, "text");
    const char *uri = string_of(s, member(td, "uri"));
    document *d = uri && text && text->kind == RB_JSON_STRING ? set_document(s, uri, text->as.text, text->len) : NULL;
    if (d) publish_diagnostics(s, d);
  } else if (strcmp(method, "textDocument/didChange") == 0) {
    const rb_json_value *td = member(params, "textDocument"), *changes = member(params, "contentChanges");
    const char *uri = string_of(s, member(td, "uri"));
    /* Full sync: the last change holds the whole text. */
    if (uri && changes && changes->kind == RB_JSON_ARRAY && changes->len > 0) {
      const rb_json_value *text = member(&changes->as.items[changes->len - 1], "text");
      document *d = text && text->kind == RB_JSON_STRING ? set_document(s, uri, text->as.text, text->len) : NULL;
      if (d) publish_diagnostics(s, d);
    }
  } else if (strcmp(method, "textDocument/didClose") == 0) {
    const char *uri = string_of(s, member(member(params, "textDocument"), "uri"));
    document *d = find_document(s, uri);
    if (d) {
      message m;
      if (begin(&m)) {
        fputs("{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":", m.f);
        rb_out_json_string(m.f, uri);
        fputs(",\"diagnostics\":[]}}", m.f);
        send_message(s, &m);
      }
      close_document(s, uri);
    }
  } else if (strcmp(method, "textDocument/hover") == 0) hover(s, id, params);
  else if (strcmp(method, "textDocument/definition") == 0) definition(s, id, params);
  else if (id) send_error(s, id, -32601, "method not supported by rubric lsp");
  return true;
}

int rb_lsp_serve(FILE *in, FILE *out, FILE *log) {
  server s = {0};
  s.in = in;
  s.out = out;
  s.log = log;
  s.lang = rb_diag_lang_from_env();
  s.parser = rb_json_parser_new();
  rb_arena_init(&s.arena);
  if (!s.parser) return 1;
  bool running = true;
  while (running) {
    size_t len;
    char *body = read_message(&s, &len);
    if (!body) break;
    rb_arena_reset(&s.arena);
    rb_json_value msg;
    rb_json_syntax err;
    if (rb_json_parse(s.parser, &s.arena, body, len, &msg, &err) != RB_JSON_OK) {
      if (log) fprintf(log, "rubric lsp: a message that is not JSON: %s at byte %zu\n", err.what, err.offset);
      send_error(&s, NULL, -32700, "parse error");
    } else {
      running = handle(&s, &msg);
    }
    free(body);
  }
  for (size_t i = 0; i < s.doc_count; i++) {
    free(s.docs[i].uri);
    free(s.docs[i].path);
    free(s.docs[i].text);
  }
  free(s.docs);
  rb_json_parser_free(s.parser);
  rb_arena_free(&s.arena);
  return !running && s.shutdown ? 0 : 1;
}
