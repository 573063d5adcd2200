"""result_check.py — what the Python tests share for reading `rubric run --format json` results.

    checks = Checks()
    r = run_json(binary, ["rules/x.rubric", "examples/y.json"])
    checks.expect("total 100.00", r["total"] == 100.0)
    ...
    checks.done()        # prints "N passed, N failed" and exits 1 if any failed
"""
import json
import subprocess
import sys


def run_json(binary, args):
    """rubric run ARGS --format json, parsed; stops the test when rubric fails."""
    out = subprocess.run([binary, "run", *args, "--format", "json"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"rubric run {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def node(tree, *path):
    """The node of a result tree at a path of names."""
    n = tree
    for name in path:
        n = next(c for c in n["children"] if c["name"] == name)
    return n


def findings(r, kind):
    return [f for f in r["findings"] if f["kind"] == kind]


def has_message(items, *parts):
    return any(all(p in f["message"] for p in parts) for f in items)


class Checks:
    """Counts expectations; each failure is printed with its description."""

    def __init__(self):
        self.passed = self.failed = 0

    def expect(self, what, cond):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)
