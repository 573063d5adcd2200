#!/usr/bin/env python3
"""check_lessons.py RUBRIC_BIN — run every example and exercise answer of the course (docs/tutorial/).

Every ```console block of a lesson is a transcript: a line "$ rubric ARGS" is run from the repository's root
(with RUBRIC_BIN for rubric, no shell), and the lines after it, up to the next "$ " line or the end of the block,
are exactly what it must print (standard output, then standard error).  A last line "[exit N]" gives the exit
status it must end with (0 when there is none).  The language is left to the command line: the environment is
cleared of LC_ALL, LC_MESSAGES and LANG, so results are in Chinese unless a command says --lang en.  So the course
cannot drift from the tool: a lesson whose numbers the tool no longer prints fails here.
"""
import os
import re
import shlex
import subprocess
import sys

bin_path = os.path.abspath(sys.argv[1])
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
lessons = sorted(
    os.path.join(d, f) for d, _, fs in os.walk(os.path.join(root, "docs", "tutorial")) for f in fs if f.endswith(".md"))
passed = failed = 0
per_lesson = {}
for path in lessons:
    text = open(path, encoding="utf-8").read()
    rel = os.path.relpath(path, root)
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        lines = block.split("\n")[:-1]
        i = 0
        while i < len(lines):
            if not lines[i].startswith("$ "):
                print(f"FAIL {rel}: console block line does not start with '$ ': {lines[i]!r}")
                failed += 1
                break
            cmd = shlex.split(lines[i][2:])
            j = i + 1
            while j < len(lines) and not lines[j].startswith("$ "):
                j += 1
            want = lines[i + 1:j]
            status = 0
            if want and re.fullmatch(r"\[exit \d+\]", want[-1]):
                status = int(want[-1][6:-1])
                want = want[:-1]
            if cmd[0] != "rubric":
                print(f"FAIL {rel}: only rubric commands are run: {lines[i]}")
                failed += 1
                i = j
                continue
            p = subprocess.run([bin_path] + cmd[1:], cwd=root, env=env, capture_output=True, text=True)
            got = (p.stdout + p.stderr).split("\n")
            if got and got[-1] == "":
                got = got[:-1]
            if got != want or p.returncode != status:
                failed += 1
                print(f"FAIL {rel}: {lines[i]}  (exit {p.returncode}, want {status})")
                for k in range(max(len(got), len(want))):
                    g = got[k] if k < len(got) else "<none>"
                    w = want[k] if k < len(want) else "<none>"
                    if g != w:
                        print(f"  line {k + 1}:\n    got  {g}\n    want {w}")
                        break
            else:
                passed += 1
                per_lesson[rel] = per_lesson.get(rel, 0) + 1
            i = j
# Every lesson has examples, in both languages.
for path in lessons:
    rel = os.path.relpath(path, root)
    if os.path.basename(path) != "README.md" and per_lesson.get(rel, 0) < 2:
        print(f"FAIL {rel}: a lesson needs at least an example and an exercise answer that run")
        failed += 1
zh = sorted(os.path.basename(p) for p in lessons if os.sep + "zh" + os.sep in p)
en = sorted(os.path.basename(p) for p in lessons if os.sep + "en" + os.sep in p)
if zh != en or len(zh) < 5:
    print(f"FAIL: lessons in Chinese {zh} and in English {en} must match, five or more")
    failed += 1
print(f"tutorial: {passed} commands as the lessons say, {failed} failed")
sys.exit(1 if failed else 0)
