#!/usr/bin/env python3
"""check_catalogue.py — every printf format that becomes a finding, a note,
an explanation or a diagnostic has its translation in the catalogue.

rubric writes findings and explanations in Chinese and diagnostics in English
in its code; base/messages_zh.h and base/messages_en.h give each such format
in the other language (base/messages.h).  This script reads every C, Bison
and Flex source of the program, finds the calls of the functions in FORMAT_FUNCS
whose format argument is a string literal, and fails when a format lacks its
entry, or when an entry is used by no call (a message that changed at its call
site but not in the catalogue).  tests/base/test_messages.c checks that each
translation converts the same arguments.

Usage: check_catalogue.py PROJECT_ROOT
"""
import os
import re
import sys

# function or macro -> its translated arguments: (index, 0-based; the kind of text): "zh" a format written
# in Chinese, "en" a format written in English, "en_text" a plain text written in English (a hint)
FORMAT_FUNCS = {
    "rb_from_zh": ((1, "zh"),),
    "rb_from_en": ((1, "en"),),
    # findings, explanations and report notes: written in Chinese, translated inside (vm/, report/)
    "rb_vm_finding": ((3, "zh"),),
    "EXPLAIN": ((1, "zh"),),
    "set_explain": ((1, "zh"),),
    "rb_report_add_note": ((3, "zh"),),
    "note_unread": ((2, "zh"),),
    # the importer's notes (import/), in the language of the import
    "imp_note": ((3, "zh"),),
    # the importer's errors (import/), in the language of the import's messages
    "imp_fail": ((1, "en"),),
    "rb_text_from_en": ((1, "en_text"),),
    # shorthands for rb_from_en and rb_text_from_en in the language at hand (compiler/check.c, grammar/)
    "EN_FMT": ((0, "en"),),
    "EN_TEXT": ((0, "en_text"),),
    "HINT": ((0, "en_text"),),
    # the compiler's diagnostics: message and hint (compiler/diag.c, check.c, ast.c)
    "rb_diag_add": ((6, "en"), (5, "en_text")),
    "rb_diag_note": ((5, "en"),),
    "ERR": ((2, "en"), (1, "en_text")),
    "WARN": ((2, "en"), (1, "en_text")),
    "rb_parse_error_at": ((3, "en_text"), (4, "en_text")),
    # the VM's runtime errors (vm/vm.c)
    "rb_vm_error": ((1, "en"),),
    "rb_vm_error_at": ((4, "en"),),
    # the report readers' errors (report/)
    "rb_report_errorf": ((1, "en"),),
    # the command line's own errors (cli/)
    "rb_cli_error": ((1, "en"),),
    "rb_cli_say": ((0, "en"),),
}

# Functions of one file only (static helpers whose names other files use for other things).
FILE_FORMAT_FUNCS = {
    "report/report_json.c": {"fail": ((1, "en"),), "wrong_type": ((2, "en_text"),), "fail_at_offset": ((5, "en_text"),)},
    "report/report_csv.c": {"fail_at": ((2, "en"),)},
    "api/api.c": {"fail": ((3, "en"),), "WHY": ((0, "en_text"),)},
    # a report's JSON syntax errors: rubric's words for yajl's messages (the table's phrases) and the rest
    "report/json_tree.c": {"set_what": ((2, "en"),), "set_text": ((2, "en_text"),), "X": ((1, "en_text"),)},
    "author/test.c": {"fail_at": ((2, "en"),)},
    "compiler/check.c": {"unknown_name": ((2, "en_text"),), "expect": ((4, "en_text"),)},
    "compiler/codegen.c": {"fail": ((2, "en_text"),)},
    # the built-in functions' documentation, the hint of a call with the wrong number of arguments
    "vm/builtins.h": {"X": ((4, "en_text"),)},
    "vm/vm.c": {"WHY": ((0, "en_text"),)},
    # the .rbc loader's reasons, the names of what it read (vm/rbc.c), the verifier's (vm/verify.c), linking (native.c)
    "vm/rbc.c": {"r_fail": ((1, "en"),), "set_error": ((3, "en"),), "r_string": ((3, "en_text"),),
                 "r_num": ((1, "en_text"),), "r_check_count": ((4, "en_text"),)},
    "vm/verify.c": {"set_error": ((3, "en"),), "v_fail": ((2, "en"),), "fail_plain": ((3, "en_text"),)},
    "vm/native.c": {"link_error": ((4, "en"),)},
    # batch's xlsx and SQLite writers: why a file cannot be written, what was being done
    "cli/tables.c": {"set_error": ((3, "en_text"),)},
    "cli/sqlite.c": {"db_error": ((2, "en_text"),)},
}

KINDS = {"zh": ("base/messages_zh.h", "ZH", "English"), "en": ("base/messages_en.h", "EN", "Chinese"),
         "en_text": ("base/messages_en.h", "ENT", "Chinese")}

# Formats with no words (only conversions, digits, spaces, punctuation and the signs of arithmetic:
# "%s:%d:%d: %s", "max(%s − %s × %s, 0) = %s") need no translation: what is left without the conversions
# and the names of functions before their "(" has no letter and no other text.
CONVERSION = re.compile(r"%(?:[0-9]+\$)?[-+ #0']*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?(?:hh|h|ll|l|j|z|t|L)?"
                        r"[diouxXeEfFgGaAcspn%]")


class Wordless:
    @staticmethod
    def match(fmt):
        rest = re.sub(r"[A-Za-z_]+\(", "(", CONVERSION.sub("", fmt))  # a function's name in a formula: max(…)
        return not re.search(r"[A-Za-z]|[^\x00-\x7f−×≤≥≠→]", rest)


WORDLESS = Wordless()

SOURCE_DIRS = ("base", "vm", "report", "compiler", "output", "import", "author", "api", "cli", "grammar")
SOURCE_EXT = (".c", ".h", ".y", ".l")

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "a": "\a", "b": "\b", "f": "\f",
           "v": "\v", "?": "?"}


def decode(body):
    """The bytes a C string literal's body stands for, as text (UTF-8)."""
    out = bytearray()
    i = 0
    raw = body.encode("utf-8")
    while i < len(raw):
        c = raw[i:i + 1]
        if c != b"\\":
            out += c
            i += 1
            continue
        e = chr(raw[i + 1])
        if e in ESCAPES:
            out += ESCAPES[e].encode()
            i += 2
        elif e == "x":
            m = re.match(rb"[0-9a-fA-F]+", raw[i + 2:])
            out.append(int(m.group(0), 16) & 0xFF)
            i += 2 + len(m.group(0))
        elif e in "01234567":
            m = re.match(rb"[0-7]{1,3}", raw[i + 1:])
            out.append(int(m.group(0), 8) & 0xFF)
            i += 1 + len(m.group(0))
        else:
            out += raw[i:i + 2]
            i += 2
    return out.decode("utf-8", errors="replace")


def strip_comments(text):
    """The text with comments blanked (newlines kept, for line numbers); strings and chars kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def split_args(text, start):
    """The arguments of the call whose '(' is at start: [(text, offset)], or None when unbalanced."""
    depth, i, n = 0, start, len(text)
    args, arg_start = [], start + 1
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append((text[arg_start:i], arg_start))
                return args
        elif c == "," and depth == 1:
            args.append((text[arg_start:i], arg_start))
            arg_start = i + 1
        i += 1
    return None


LITERAL = re.compile(r'\s*"((?:[^"\\\n]|\\.)*)"')


def literal_value(arg):
    """The value of an argument made of adjacent string literals only, else None."""
    pos, parts = 0, []
    while True:
        m = LITERAL.match(arg, pos)
        if not m:
            break
        parts.append(decode(m.group(1)))
        pos = m.end()
    if not parts or arg[pos:].strip():
        return None
    return "".join(parts)


def catalogue(path, macro):
    """The formats written in the code, from a list of MACRO("written", "translation") entries."""
    text = strip_comments(open(path, encoding="utf-8").read())
    found = []
    for m in re.finditer(r"\b%s\s*\(" % macro, text):
        args = split_args(text, m.end() - 1)
        if not args or len(args) != 2:
            continue
        v = literal_value(args[0][0])
        if v is not None:
            found.append(v)
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    entries = {kind: catalogue(os.path.join(root, path), macro) for kind, (path, macro, _) in KINDS.items()}
    known = {kind: set(v) for kind, v in entries.items()}
    used = {kind: set() for kind in KINDS}
    missing = []
    for d in SOURCE_DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, d)):
            for name in sorted(files):
                if not name.endswith(SOURCE_EXT) or name.startswith("messages_"):
                    continue
                path = os.path.join(dirpath, name)
                # a macro's line continuations (backslash, newline) join the literals of its arguments
                text = strip_comments(open(path, encoding="utf-8", errors="replace").read()).replace("\\\n", " \n")
                funcs = dict(FORMAT_FUNCS)
                funcs.update(FILE_FORMAT_FUNCS.get(os.path.relpath(path, root).replace(os.sep, "/"), {}))
                call = re.compile(r"\b(%s)\s*\(" % "|".join(sorted(funcs, key=len, reverse=True)))
                for m in call.finditer(text):
                    args = split_args(text, m.end() - 1)
                    if text[:m.start()].rstrip().endswith(("static bool", "static void", "rubric_status", "*")):
                        continue  # the definition or declaration itself
                    for index, kind in funcs[m.group(1)]:
                        if not args or len(args) <= index:
                            continue
                        fmt = literal_value(args[index][0])
                        if fmt is None:
                            continue
                        used[kind].add(fmt)
                        if WORDLESS.match(fmt):
                            continue
                        if fmt not in known[kind]:
                            line = text.count("\n", 0, args[index][1]) + 1
                            rel = os.path.relpath(path, root)
                            missing.append("%s:%d: %s(): no %s entry (%s) for %r" %
                                           (rel, line, m.group(1), KINDS[kind][2], KINDS[kind][1], fmt))
    failed = False
    for line in missing:
        print(line)
        failed = True
    for kind, (path, macro, _) in KINDS.items():
        for fmt in entries[kind]:
            if fmt not in used[kind]:
                print("%s: entry %s(%r) is used by no call" % (path, macro, fmt))
                failed = True
    counts = ", ".join("%d %s" % (len(known[k]), KINDS[k][1]) for k in KINDS)
    print("%s formats checked (%s entries)" % ("FAIL:" if failed else "ok:", counts))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
