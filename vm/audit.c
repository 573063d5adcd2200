/*
** audit.c — what a run did not use of its report.
**
** A recomputed total is only as good as what went into it.  A row that no
** item scored, a fact that the rubric never reads because its name is
** misspelt, a self score whose path names no node of the tree: each of these
** changes the total or the comparison without a word, unless it is said.
** After the tree is complete, rb_vm_audit says it: one finding per indicator
** row that no item scored (kind `unscored`, with the points the publisher gave
** it at stake), and `unread` findings for the rest — with the closest name the
** rubric does know, when one is close ("是否应为「可行性论证」？").
**
** The VM records what it uses as it runs (vm_internal.h: row_used, fact_read,
** self_used); this file only reads those records, the report and the tree.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/similar.h"
#include "vm/vm_internal.h"

/* A score for a message, as written in the report (exact decimals). */
static const char *points_text(rb_vm *vm, rb_num v) {
  rb_value x = {.type = RB_V_NUM, .unit = RB_UNIT_PLAIN};
  x.as.num = v;
  return rb_vm_value_text(vm, x);
}

/* Whether the program reads the indicator table at all. */
static bool reads_indicators(const rb_program *p) {
  for (uint32_t i = 0; i < p->input_count; i++)
    if (p->inputs[i].source == RB_SRC_INDICATORS) return true;
  return false;
}

/* The points a row carries in the published table: its self score, else
** its weight; false when it states neither. */
static bool row_points(const rb_indicator *row, rb_num *out) {
  if (row->self_score.has) *out = row->self_score.v;
  else if (row->weight.has) *out = row->weight.v;
  else return false;
  return true;
}

/* Why no part of the rubric took a row, as far as the row itself shows: by
** its levels when the rubric generates items from rows, else that no item
** read it. */
static void row_reason(const rb_vm *vm, const rb_indicator *row, char *buf, size_t size) {
  bool l1 = row->level1 && row->level1[0], l2 = row->level2 && row->level2[0];
  rb_lang lang = vm->lang;
  if (!vm->itemises_rows) snprintf(buf, size, "%s", rb_from_zh(lang, "本规则的评分项没有读取这一行"));
  else if (!l1 && !l2) snprintf(buf, size, "%s", rb_from_zh(lang, "表中未填一级、二级指标"));
  else if (!l1) snprintf(buf, size, rb_from_zh(lang, "表中未填一级指标，二级指标「%s」不属于本规则的任何部分"), row->level2);
  else snprintf(buf, size, rb_from_zh(lang, "一级指标「%s」不属于本规则的任何部分"), row->level1);
}

/* Every indicator row that no item scored. */
static bool audit_rows(rb_vm *vm, const rb_report *r) {
  size_t used = 0;
  for (size_t i = 0; i < r->indicator_count; i++) used += vm->row_used[i];
  if (r->indicator_count == 0 || used == r->indicator_count) return true;
  rb_numctx *cx = vm->result->nums;
  if (used == 0) {
    /* Nothing of the table was scored: one finding, not one per row. */
    rb_num stake = rb_num_int(0), points;
    bool has_stake = false;
    for (size_t i = 0; i < r->indicator_count; i++)
      if (row_points(&r->indicators[i], &points)) {
        has_stake = true;
        if (!rb_num_add_fast(cx, stake, points, &stake)) return false;
      }
    const char *why = !reads_indicators(vm->program) ? rb_from_zh(vm->lang, "本规则不读取指标表")
                      : !vm->itemises_rows            ? rb_from_zh(vm->lang, "本规则没有按指标行计分的项目")
                                                      : rb_from_zh(vm->lang, "没有一行符合本规则各部分的条件");
    rb_finding *f = rb_vm_finding(vm, RB_FINDING_UNSCORED, NULL, "报告的 %zu 行指标均未被本规则计分（%s）",
                                  r->indicator_count, why);
    if (f && has_stake) {
      f->has_stake = true;
      f->stake = stake;
    }
    return f != NULL;
  }
  for (size_t i = 0; i < r->indicator_count; i++) {
    if (vm->row_used[i]) continue;
    const rb_indicator *row = &r->indicators[i];
    char reason[512];
    row_reason(vm, row, reason, sizeof reason);
    rb_num points;
    bool has = row_points(row, &points);
    rb_finding *f;
    if (row->self_score.has)
      f = rb_vm_finding(vm, RB_FINDING_UNSCORED, NULL, "指标「%s」未被本规则的任何评分项计分（%s），自评 %s 分未经复核",
                        row->name, reason, points_text(vm, points));
    else
      f = rb_vm_finding(vm, RB_FINDING_UNSCORED, NULL, "指标「%s」未被本规则的任何评分项计分（%s）", row->name, reason);
    if (!f) return false;
    if (has) {
      f->has_stake = true;
      f->stake = points;
    }
  }
  return true;
}

/* Rows the rubric looks up by name (ROW_NAMED) that the report does not
** have: whatever reads them gets nothing (a sum of 0, a section that does
** not apply), which must not go unsaid. */
static bool audit_row_names(rb_vm *vm, const rb_report *r) {
  const rb_program *p = vm->program;
  const char **names = NULL;
  for (uint32_t i = 0; i < vm->row_name_count; i++) {
    const char *want = p->constants[vm->row_names[i]].text;
    bool seen = false, found = false;
    for (uint32_t j = 0; j < i && !seen; j++) seen = strcmp(p->constants[vm->row_names[j]].text, want) == 0;
    for (size_t k = 0; k < r->indicator_count && !found && !seen; k++) found = strcmp(r->indicators[k].name, want) == 0;
    if (seen || found) continue;
    if (!names && r->indicator_count) {
      names = rb_arena_calloc(&vm->result->arena, r->indicator_count, sizeof *names);
      if (!names) return false;
      for (size_t k = 0; k < r->indicator_count; k++) names[k] = r->indicators[k].name;
    }
    const char *close = names ? rb_closest_name(want, names, r->indicator_count) : NULL;
    rb_finding *f;
    if (close)
      f = rb_vm_finding(vm, RB_FINDING_REVIEW, NULL,
                        "本规则按名称查找指标「%s」，报告的指标表中没有这一行（是否应为「%s」？），用到它的计算按没有这一行进行",
                        want, close);
    else
      f = rb_vm_finding(vm, RB_FINDING_REVIEW, NULL,
                        "本规则按名称查找指标「%s」，报告的指标表中没有这一行，用到它的计算按没有这一行进行", want);
    if (!f) return false;
  }
  return true;
}

/* Facts no input reads: one finding each for a name close to one the
** rubric reads (a likely misspelling), one finding listing the rest. */
static bool audit_facts(rb_vm *vm, const rb_report *r) {
  const rb_program *p = vm->program;
  if (!vm->fact_keys) {
    /* The names the rubric reads facts by, all of them, decoded for
    ** rb_closest_in_list once for every report the VM scores. */
    const char **keys = malloc((p->input_count ? p->input_count : 1) * sizeof *keys);
    if (!keys) return false;
    size_t nkeys = 0;
    for (uint32_t i = 0; i < p->input_count; i++)
      if (p->inputs[i].source == RB_SRC_FACT) keys[nkeys++] = p->inputs[i].key;
    vm->fact_keys = rb_name_list_new(keys, nkeys);
    free(keys);
    if (!vm->fact_keys) return false;
  }
  char list[768];
  size_t len = 0, listed = 0, unread = 0;
  list[0] = '\0';
  for (size_t k = 0; k < r->fact_count; k++) {
    if (vm->fact_read[k]) continue;
    const char *name = r->facts[k].name;
    const char *close = rb_closest_in_list(name, vm->fact_keys);
    if (close) {
      if (!rb_vm_finding(vm, RB_FINDING_UNREAD, NULL, "报告中的事实「%s」未被本规则读取（是否应为「%s」？）", name,
                         close))
        return false;
      continue;
    }
    unread++;
    if (listed < 8 && len + strlen(name) + 8 < sizeof list) {
      len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", listed ? rb_from_zh(vm->lang, "、") : "", name);
      listed++;
    }
  }
  if (unread == 0) return true;
  if (unread > listed)
    return rb_vm_finding(vm, RB_FINDING_UNREAD, NULL, "报告中有 %zu 项事实未被本规则读取：%s 等", unread, list) != NULL;
  return rb_vm_finding(vm, RB_FINDING_UNREAD, NULL, "报告中有 %zu 项事实未被本规则读取：%s", unread, list) != NULL;
}

/* Append s[0..n) to buf, which holds len bytes, keeping at most size - 1
** (as snprintf would); the new length. */
static size_t append_cut(char *buf, size_t size, size_t len, const char *s, size_t n) {
  if (len + 1 >= size) return len;
  if (n > size - 1 - len) n = size - 1 - len;
  memcpy(buf + len, s, n);
  buf[len + n] = '\0';
  return len + n;
}

static const char path_separator[] = " › ";

/* The names of a node's path, joined with " › ", into buf (cut to size - 1
** bytes); its length. */
static size_t path_text(const char *const *names, size_t depth, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t k = 0; k < depth; k++) {
    if (k) len = append_cut(buf, size, len, path_separator, sizeof path_separator - 1);
    len = append_cut(buf, size, len, names[k], strlen(names[k]));
  }
  return len;
}

enum { PATH_TEXT_SIZE = 1024 };

/* The path texts of every node of the tree below the root, and which of them
** were generated from rows. */
typedef struct path_list {
  const char **text;
  bool *generated;
  size_t count;
} path_list;

static size_t count_nodes(const rb_node *n) {
  size_t k = 0;
  for (const rb_node *c = n->first_child; c; c = c->next) k += 1 + count_nodes(c);
  return k;
}

/* Collect the path texts of the tree's nodes below n, depth first; buf holds
** n's path text, len bytes of it (each child's text is its parent's with
** " › name" appended in place: no path is joined again from its root).
** False when out of memory. */
static bool collect_paths(rb_vm *vm, const rb_node *n, char *buf, size_t len, path_list *out) {
  for (const rb_node *c = n->first_child; c; c = c->next) {
    const char *name = c->name ? c->name : "";
    size_t k = n->parent ? append_cut(buf, PATH_TEXT_SIZE, len, path_separator, sizeof path_separator - 1) : len;
    k = append_cut(buf, PATH_TEXT_SIZE, k, name, strlen(name));
    const char *s = rb_arena_strndup(&vm->result->arena, buf, k);
    if (!s) return false;
    out->generated[out->count] = c->row != NULL;
    out->text[out->count++] = s;
    if (!collect_paths(vm, c, buf, k, out)) return false;
  }
  return true;
}

/* Self scores whose path names no node of the tree were never compared. */
static bool audit_self_scores(rb_vm *vm, const rb_report *r) {
  path_list paths = {0};
  bool collected = false;
  for (size_t i = 0; i < r->self_score_count; i++) {
    if (vm->self_used[i]) continue;
    if (!collected) {
      /* Made once, for the first self score left unmatched. */
      const rb_node *root = vm->result->root;
      size_t nodes = root ? count_nodes(root) : 0;
      if (nodes) {
        paths.text = rb_arena_alloc(&vm->result->arena, nodes * sizeof *paths.text);
        paths.generated = rb_arena_alloc(&vm->result->arena, nodes * sizeof *paths.generated);
        char buf[PATH_TEXT_SIZE] = "";
        if (!paths.text || !paths.generated || !collect_paths(vm, root, buf, 0, &paths)) return false;
      }
      collected = true;
    }
    const rb_self_score *s = &r->self_scores[i];
    char text[PATH_TEXT_SIZE];
    path_text(s->path, s->depth, text, sizeof text);
    const char *score = points_text(vm, s->score);
    bool generated = false;
    for (size_t k = 0; k < paths.count; k++)
      if (paths.generated[k] && strcmp(paths.text[k], text) == 0) generated = true;
    rb_finding *f;
    if (generated) {
      f = rb_vm_finding(vm, RB_FINDING_UNREAD, NULL,
                        "自评分「%s」（%s 分）指向按指标行生成的项目，该项以指标表中的得分为准，此处的自评分未参与比较",
                        text, score);
    } else {
      const char *close = rb_closest_name(text, paths.text, paths.count);
      if (close)
        f = rb_vm_finding(vm, RB_FINDING_UNREAD, NULL,
                          "自评分「%s」（%s 分）对不上本规则的任何项目，未参与比较（是否应为「%s」？）", text, score,
                          close);
      else
        f = rb_vm_finding(vm, RB_FINDING_UNREAD, NULL, "自评分「%s」（%s 分）对不上本规则的任何项目，未参与比较",
                          text, score);
    }
    if (!f) return false;
  }
  return true;
}

/* What the report's reader noticed (report.h, rb_report_note): members and
** columns format v1 does not define (unread), rows it could not complete
** (unscored: an indicator row no item can score), a file it converted and
** what `rubric import` repaired or could not place (note). */
static bool audit_notes(rb_vm *vm, const rb_report *r) {
  for (size_t i = 0; i < r->note_count; i++) {
    const rb_report_note *n = &r->notes[i];
    rb_finding_kind kind = n->kind == RB_NOTE_UNREAD    ? RB_FINDING_UNREAD
                           : n->kind == RB_NOTE_SKIPPED ? RB_FINDING_UNSCORED
                                                        : RB_FINDING_NOTE;
    if (kind == RB_FINDING_UNREAD && !vm->report_unread) continue;
    if (!rb_vm_finding(vm, kind, NULL, "%s：%s", n->path ? n->path : "", n->message ? n->message : "")) return false;
  }
  return true;
}

bool rb_vm_audit(rb_vm *vm) {
  const rb_report *r = vm->report;
  if (!r) return true;
  bool ok = audit_notes(vm, r) && audit_rows(vm, r) && audit_row_names(vm, r);
  if (ok && vm->report_unread) ok = audit_facts(vm, r) && audit_self_scores(vm, r);
  if (!ok) rb_vm_error(vm, "out of memory");
  return ok;
}
