#!/usr/bin/env python3
"""mutate_reports.py IN.jsonl OUT.jsonl [--every K] [--seed S] — the reports of IN with one line in K
made malformed or unusual in a way rubric's reader must report or read exactly: broken JSON,
invalid UTF-8, wrong types, missing or duplicate fields, numbers with exponents, many digits, -0,
escapes, blank lines.  The output is deterministic for a given input and seed; bench/compare_ref.sh
uses it so that a faster reader is checked against the old one on errors too, not only on
well-formed reports."""
import argparse
import json
import random


def mutations(rng, line, obj):
    """Yield (name, bytes) candidates for one report line; one is picked at random."""
    b = line
    n = len(b)
    yield "truncated", b[: rng.randrange(1, n)]
    yield "trailing-garbage", b + b" x"
    yield "trailing-comma", b[:-1] + b",}"
    cut = rng.randrange(1, n)
    yield "invalid-utf8", b[:cut] + b"\xff\xfe" + b[cut:]
    yield "blank", b""
    yield "not-object", b"[1,2,3]"
    yield "nul-byte", b[:cut] + b"\x00" + b[cut:]
    o = json.loads(json.dumps(obj))
    inds = o.get("indicators") or []
    if inds:
        row = rng.choice(inds)
        k = rng.choice(list(row.keys()))
        for name, val in (("exp-number", 1.5e3), ("int-number", 12345678901234567890123),
                          ("neg-zero", -0.0), ("bool", True), ("null", None),
                          ("object", {"a": 1}), ("array", [1, "x"]), ("escaped",
                          "\u5b8c\u6210\\n\"q\"\t\u00a0"), ("long-decimal",
                          "0.000000000000000000000000000000123456789")):
            row2 = dict(row)
            row2[k] = val
            o2 = dict(o)
            o2["indicators"] = [row2 if r is row else r for r in inds]
            s = json.dumps(o2, ensure_ascii=rng.random() < 0.3, separators=(",", ":"))
            if name == "exp-number":
                s = s.replace("1500.0", "1.5E+3", 1)
            if name == "neg-zero":
                s = s.replace("-0.0", "-0", 1)
            yield name, s.encode()
        o3 = dict(o)
        o3["indicators"] = inds[: rng.randrange(0, len(inds))]
        yield "fewer-rows", json.dumps(o3, ensure_ascii=False, separators=(",", ":")).encode()
    keys = list(o.keys())
    if keys:
        k = rng.choice(keys)
        o4 = dict(o)
        del o4[k]
        yield "missing-" + k, json.dumps(o4, ensure_ascii=False).encode()
        s = json.dumps(o, ensure_ascii=False, separators=(",", ":"))
        yield "duplicate-key", (s[:-1] + "," + json.dumps(k) + ":" + json.dumps(o[k], ensure_ascii=False) + "}").encode()
    yield "spaces", json.dumps(o, ensure_ascii=False, indent=None, separators=(" , ", " : ")).encode()
    yield "deep", b"[" * 5000 + b"]" * 5000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inp")
    ap.add_argument("out")
    ap.add_argument("--every", type=int, default=7)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(a.inp, "rb") as f, open(a.out, "wb") as g:
        for i, line in enumerate(f):
            line = line.rstrip(b"\n")
            if i % a.every == a.every - 1:
                try:
                    obj = json.loads(line)
                except ValueError:
                    obj = {}
                cands = list(mutations(rng, line, obj if isinstance(obj, dict) else {}))
                line = rng.choice(cands)[1]
            g.write(line + b"\n")


if __name__ == "__main__":
    main()
