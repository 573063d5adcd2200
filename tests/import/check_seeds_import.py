#!/usr/bin/env python3
"""check_seeds_import.py RUBRIC_BIN — each seed report imported from its extracted text, against its hand
transcription in examples/.

For every seed in ../shared/seeds, `rubric import` must give a report that

  1. has every indicator row of the hand transcription, in order, with the same 一级/二级/三级指标, target,
     actual, weight and self score (compared exactly: numbers as decimals, texts character for character);
  2. has the same report figures (unit, title, year, kind, budget, facts, total, grade, self scores), except
     for the differences listed in ACCEPTED below, each with its reason;
  3. scores the same under the rules tests/seeds/check_seeds.py uses for that example: the same total, grade,
     self total and difference, and the same score for every item of the tree (`rubric run --format json`);
     checks may differ only as listed in ACCEPTED_CHECKS.

An accepted difference that no longer occurs fails too, so the list says exactly what differs.  Every
difference found is printed with its reason.  Nothing here was copied from the importer's output: the
expected rows are the hand transcriptions, and each accepted difference was read off the seed text.
"""
import glob
import json
import os
import subprocess
import sys
from decimal import Decimal

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from result_check import Checks  # noqa: E402

binary = sys.argv[1]
SEEDS = os.path.join("..", "shared", "seeds")

# seed, example, rules (tests/seeds/check_seeds.py)
CASES = [
    ("000", "jiangmen-2022-dept", ["mof-2013-dept"]),
    ("001", "jiangmen-2023-dept", ["gd-project-20-40-40", "gd-dept-targets"]),
    ("002", "guangzhou-2022-dept", ["gd-dept-overall"]),
    ("003", "zhanjiang-2023-dept", ["gd-dept-overall"]),
    ("004", "jiangmen-2024-keji-fazhan", ["gd-project-20-40-40"]),
]

# (seed, member): why the import differs from the hand transcription.  Each was checked against the seed text.
ACCEPTED = {
    ("001", "facts"): "the 决算 figures (部门总支出 6,615.71 万元 and its parts, 结余, 实际支出中市本级支出 …) are stated in "
                      "sentences under names the transcriber chose; the importer reads only the well-known 执行率 "
                      "from a sentence",
    ("002", "facts"): "the department's figures in 亿元 (部门预算 61.06亿元, 次年支付 3.64亿元 …) and the rates it states "
                      "are in sentences under names the transcriber chose; the importer reads only 执行率 (99.89%), "
                      "and amounts only in the report's money unit",
    ("002", "self_scores.order"): "the same eleven self scores; the score table prints each 一级指标's 合计 after its "
                                  "first 二级指标, so the import lists them in the table's order",
    ("003", "facts"): "一般公共预算安排拨款, 基金预算拨款, 一般公共预算支出, 政府性基金支出 are the parts of the totals in one "
                      "sentence; the importer reads the totals (budget) and the project funds (项目预算, 项目到位) only",
    ("004", "self_scores"): "决策 20, 产出 40 and 效益 40 are section totals the transcriber added up: the 评分表 prints "
                            "the sections' weights (20, 40, 40) and only the 合计 100, so the import has the two 决策 "
                            "rows' scores (12, 8) and no section scores",
}

# (seed, rule, check): why a check comes out differently.
ACCEPTED_CHECKS = {
    ("002", "gd-dept-overall", "部门执行率"): "needs the facts 部门预算 and 部门支出 in 亿元 (see facts)",
}

ROW_FIELDS = ["level1", "level2", "name", "target", "actual", "weight", "self_score"]

tally = Checks()
expect = tally.expect
seen_accepted = set()
seen_checks = set()


def load(text):
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def imported(path):
    out = subprocess.run([binary, "import", "-q", path], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"rubric import {path} exited {out.returncode}: {out.stderr}")
    return load(out.stdout)


def run(rule, report):
    out = subprocess.run([binary, "run", f"rules/{rule}.rubric", report, "--format", "json"], capture_output=True,
                         text=True)
    if out.returncode != 0:
        raise SystemExit(f"rubric run {rule} {report} exited {out.returncode}: {out.stderr}")
    return load(out.stdout)


def differ(seed, member, got, want):
    """Record a difference: accepted (printed with its reason) or a failure."""
    key = (seed, member)
    if key in ACCEPTED:
        seen_accepted.add(key)
        print(f"  {seed} {member}: differs, accepted: {ACCEPTED[key]}")
        return
    expect(f"{seed} {member}: imported {got!r}, hand transcription {want!r}", False)


def nodes(tree, path=()):
    out = {}
    for c in tree.get("children", []):
        p = path + (c["name"],)
        out[p] = (c.get("weight"), c.get("score"), c.get("self"))
        out.update(nodes(c, p))
    return out


for seed, example, rules in CASES:
    found = glob.glob(os.path.join(SEEDS, seed + "_*.txt"))
    expect(f"seed {seed} present in {SEEDS}", len(found) == 1)
    if len(found) != 1:
        continue
    path = found[0]
    got = imported(path)
    want = load(open(os.path.join("examples", example + ".json"), encoding="utf-8").read())
    print(f"{seed} → examples/{example}.json")

    # 1. Indicator rows, field by field.
    gi, wi = got.get("indicators", []), want.get("indicators", [])
    expect(f"{seed}: {len(wi)} indicator rows (imported {len(gi)})", len(gi) == len(wi))
    wrong = 0
    for k, (g, w) in enumerate(zip(gi, wi)):
        for f in ROW_FIELDS:
            if g.get(f) != w.get(f):
                wrong += 1
                differ(seed, f"indicators[{k}].{f}", g.get(f), w.get(f))
        expect(f"{seed}: row {k} says where it came from", g.get("source", {}).get("lines"))
    print(f"  {seed}: {len(wi) * len(ROW_FIELDS) - wrong}/{len(wi) * len(ROW_FIELDS)} indicator cells as transcribed")

    # 2. The report's own figures.
    for member in ["unit", "title", "year", "kind", "self_total", "self_grade"]:
        if got.get(member) != want.get(member):
            differ(seed, member, got.get(member), want.get(member))
    if want.get("money_unit", "万元") != got.get("money_unit", "万元"):
        differ(seed, "money_unit", got.get("money_unit"), want.get("money_unit"))
    gb, wb = got.get("budget", {}), want.get("budget", {})
    for member in ["planned", "adjusted", "allocated", "spent"]:
        if gb.get(member) != wb.get(member):
            differ(seed, f"budget.{member}", gb.get(member), wb.get(member))
    if gb.get("lines") != wb.get("lines"):
        differ(seed, "budget.lines", gb.get("lines"), wb.get("lines"))
    if got.get("facts", {}) != want.get("facts", {}):
        differ(seed, "facts", got.get("facts"), want.get("facts"))
    gs = [(tuple(s["path"]), s["score"]) for s in got.get("self_scores", [])]
    ws = [(tuple(s["path"]), s["score"]) for s in want.get("self_scores", [])]
    if gs != ws:
        if sorted(gs) == sorted(ws):
            differ(seed, "self_scores.order", gs, ws)
        else:
            differ(seed, "self_scores", gs, ws)
    notes = got.get("imported", {}).get("notes", [])
    expect(f"{seed}: every note says where and what",
           all(n["where"].startswith(path) and n["kind"] and n["message"] for n in notes))

    # 3. The same scores.
    for rule in rules:
        a, b = run(rule, path), run(rule, os.path.join("examples", example + ".json"))
        for member in ["total", "grade", "self_total", "delta"]:
            expect(f"{seed} {rule}: {member} {a.get(member)} = {b.get(member)}", a.get(member) == b.get(member))
        na, nb = nodes(a["tree"]), nodes(b["tree"])
        for p in sorted(set(na) | set(nb)):
            expect(f"{seed} {rule}: item {' › '.join(p)} {na.get(p)} = {nb.get(p)}", na.get(p) == nb.get(p))
        ca = {c["name"]: c["passed"] for c in a["checks"]}
        cb = {c["name"]: c["passed"] for c in b["checks"]}
        for name in sorted(set(ca) | set(cb)):
            if ca.get(name) == cb.get(name):
                continue
            key = (seed, rule, name)
            if key in ACCEPTED_CHECKS:
                seen_checks.add(key)
                print(f"  {seed} {rule}: check {name} {ca.get(name)} (hand: {cb.get(name)}), accepted: "
                      f"{ACCEPTED_CHECKS[key]}")
            else:
                expect(f"{seed} {rule}: check {name} imported {ca.get(name)}, hand {cb.get(name)}", False)
        print(f"  {seed} {rule}: total {a['total']} = {b['total']}")

for key in sorted(set(ACCEPTED) - seen_accepted):
    expect(f"accepted difference {key} no longer occurs: remove it from ACCEPTED", False)
for key in sorted(set(ACCEPTED_CHECKS) - seen_checks):
    expect(f"accepted check difference {key} no longer occurs: remove it from ACCEPTED_CHECKS", False)

tally.done()
