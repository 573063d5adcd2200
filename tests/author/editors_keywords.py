#!/usr/bin/env python3
"""editors_keywords.py — the editors' syntax files (editors/) name exactly the scanner's keywords.

The keyword list of the language is the keyword rules of grammar/rubric.l (lines `"word"  { return T_...; }`).
This test reads it and checks:
  - editors/vscode: the TextMate grammar's `keywords` patterns name every keyword once and nothing else;
    package.json points at the grammar and the language configuration, which exist and are valid JSON; the
    configuration's comment markers are the scanner's (// and /* */); the grammar's scope name is the one
    package.json declares;
  - editors/vim: the `syn keyword` lists of syntax/rubric.vim (all but the Todo marker inside comments) name
    every keyword once and nothing else; ftdetect/rubric.vim sets the file type of *.rubric;
  - when vim is installed: vim loads the syntax file without an error, gives every keyword a syntax group, and
    none to a name that merely starts with a keyword (item乙), as the scanner reads it as one name.
Prints "N passed, N failed"; exit 1 if any failed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
passed = failed = 0


def check(what, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}: {detail}")


def read(path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read()


def compare(what, words, scanner):
    dup = sorted({w for w in words if words.count(w) > 1})
    check(f"{what}: no keyword twice", not dup, dup)
    check(f"{what}: every keyword of the scanner", not scanner - set(words), sorted(scanner - set(words)))
    check(f"{what}: nothing the scanner does not call a keyword", not set(words) - scanner,
          sorted(set(words) - scanner))


scanner_words = re.findall(r'^"([a-z_]+)"\s+\{\s*return T_[A-Z_]+;\s*\}', read("grammar/rubric.l"), re.M)
scanner = set(scanner_words)
check("the scanner has keywords", len(scanner) >= 30 and len(scanner) == len(scanner_words), scanner_words)

# VS Code.
package = json.loads(read("editors/vscode/package.json"))
lang = package["contributes"]["languages"][0]
gram = package["contributes"]["grammars"][0]
check("vscode: *.rubric files", lang["extensions"] == [".rubric"] and gram["language"] == lang["id"], lang)
config = json.loads(read(os.path.join("editors/vscode", lang["configuration"])))
check("vscode: comment markers", config["comments"] == {"lineComment": "//", "blockComment": ["/*", "*/"]},
      config["comments"])
grammar = json.loads(read(os.path.join("editors/vscode", gram["path"])))
check("vscode: scope name", grammar["scopeName"] == gram["scopeName"], grammar["scopeName"])
words = []
for p in grammar["repository"]["keywords"]["patterns"]:
    m = re.fullmatch(r"(\(\?<!\[[^\]]*\]\))\(\?:([a-z_|]+)\)(\(\?!\[[^\]]*\]\))", p["match"])
    check("vscode: a keyword pattern is a list of words between name boundaries", m, p["match"])
    if m:
        words += m.group(2).split("|")
compare("vscode", words, scanner)
check("vscode: the keywords are included at the top",
      {"include": "#keywords"} in grammar["patterns"], grammar["patterns"])

# Vim.
syntax = read("editors/vim/syntax/rubric.vim")
words = []
for group, rest in re.findall(r"^syn keyword\s+(\w+)\s+(.*)$", syntax, re.M):
    rest = rest.replace("contained", "")
    if group != "rubricTodo":
        words += rest.split()
compare("vim", words, scanner)
check("vim: ftdetect", "*.rubric setfiletype rubric" in read("editors/vim/ftdetect/rubric.vim"), "")

vim = shutil.which("vim")
if not vim:
    print("vim is not installed: the check of the syntax file inside vim is skipped")
else:
    kws = sorted(scanner)
    line = " ".join(kws) + " item乙 test甲"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "k.rubric")
        with open(src, "w", encoding="utf-8") as f:
            f.write(line + "\n")
        cols, col = [], 1
        for w in line.split(" "):
            cols.append(col)
            col += len(w.encode()) + 1
        out = os.path.join(tmp, "out")
        expr = "join([&ft, " + ", ".join(f'synIDattr(synID(1,{c},1),"name")' for c in cols) + '], "|")'
        r = subprocess.run([vim, "-Nu", "NONE", "-i", "NONE", "-es", "-c", "set rtp^=" + os.path.join(root, "editors/vim"),
                            "-c", "filetype plugin on", "-c", "syntax on", "-c", "e " + src,
                            "-c", "redir! > " + out, "-c", "echo " + expr, "-c", "redir END", "-c", "qa!"],
                           capture_output=True, text=True, timeout=30)
        got = open(out, encoding="utf-8").read().strip().split("|") if os.path.exists(out) else []
        check("vim: loads without an error", r.returncode == 0 and got[:1] == ["rubric"],
              (r.returncode, r.stderr[:200], got[:3]))
        check("vim: a group for every keyword and none for item乙 and test甲", all(got[1:1 + len(kws)]) and got[1 + len(kws):] == ["", ""],
              [(w, g) for w, g in zip(line.split(" "), got[1:]) if not g or w in ("item乙", "test甲")])

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
