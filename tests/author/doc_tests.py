#!/usr/bin/env python3
"""doc_tests.py RUBRIC_BIN — run the end-to-end example of docs/language.md, section "13. Tests", as a reader would.

The section holds one ```rubric block, the file a reader saves under the name the first command of the section
gives it (`rubric test 预算执行.rubric`), and ```console blocks of commands (`$ …`) each followed by its exact
output.  In an empty folder this test saves the rubric under that name, then runs every command with bash, the
`rubric` of this build first on PATH, in the order the page shows them, and compares what each prints (standard
output and standard error) with the page, line for line.  The first command must print "1 passed, 0 failed": the
acceptance of a new author's first test.  Prints "N passed, N failed"; exit 1 if any failed.
"""
import os
import re
import subprocess
import sys
import tempfile

binary = os.path.abspath(sys.argv[1])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}\n{detail}")


text = open(os.path.join(root, "docs/language.md"), encoding="utf-8").read()
m = re.search(r"^## 13\. Tests\n(.*?)^## ", text, re.S | re.M)
check("docs/language.md has a section 13. Tests", m)
section = m.group(1) if m else ""
rubrics = re.findall(r"^```rubric\n(.*?)^```$", section, re.S | re.M)
consoles = re.findall(r"^```console\n(.*?)^```$", section, re.S | re.M)
check("the section has one rubric and commands", len(rubrics) == 1 and consoles, (len(rubrics), len(consoles)))

# The commands and their outputs, in order.
steps = []
for block in consoles:
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append([line[2:], []])
        elif steps:
            steps[-1][1].append(line)

first = steps[0][0] if steps else ""
name = re.fullmatch(r"rubric test (\S+\.rubric)", first)
check("the first command tests the rubric file", name, first)
if name and rubrics:
    check("the first command says 1 passed, 0 failed", steps[0][1] == ["1 passed, 0 failed"], steps[0][1])
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, name.group(1)), "w", encoding="utf-8") as f:
            f.write(rubrics[0])
        env = dict(os.environ, PATH=os.path.dirname(binary) + os.pathsep + os.environ["PATH"], NO_COLOR="1",
                   LC_ALL="C.UTF-8")
        for command, want in steps:
            r = subprocess.run(["bash", "-c", command], cwd=folder, env=env, capture_output=True, text=True,
                               timeout=60)
            got = (r.stdout + r.stderr).splitlines()
            check(f"$ {command}", got == want,
                  "  expected:\n" + "\n".join("    " + x for x in want) + "\n  got:\n" +
                  "\n".join("    " + x for x in got))
            # The exit status the page promises: 1 when a test fails, 0 otherwise.
            if command.startswith("rubric test"):
                want_status = 1 if any(re.fullmatch(r"\d+ passed, [1-9]\d* failed", x) for x in want) else 0
                check(f"$ {command}: exit status {want_status}", r.returncode == want_status, r.returncode)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
