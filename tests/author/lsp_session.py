#!/usr/bin/env python3
"""lsp_session.py RUBRIC_BIN — drive `rubric lsp` over a pipe as an editor would.

A scripted session: initialize; open a rubric with a misspelt name (the error is published with its span), and one
with a character outside the BMP before an error (two UTF-16 units); change it to the correct text (no diagnostics
left); hover on an item (its weight), on a percentage item (points and the weight as written), on an `each … split`
(the shares of the rows of the sample report written in the file's test) and on a built-in; go to the definition
of an input, a function and a constant; a message that is not JSON; an unknown request; shutdown and exit
(status 0); then a client whose initialize asks for locale zh-cn, and the hover texts in Chinese.  Every expected value is worked out by hand from the text below.  Prints
"N passed, N failed"; exit 1 if any failed.
"""
import json
import os
import subprocess
import sys
import tempfile

passed = failed = 0


def check(what, ok, got=None):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {what}: got {got!r}")


class Client:
    def __init__(self, binary):
        self.p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method, params, request=True):
        msg = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            msg["id"] = self.next_id
        body = json.dumps(msg, ensure_ascii=False).encode()
        self.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.p.stdin.flush()
        return msg.get("id")

    def read(self):
        length = None
        while True:
            line = self.p.stdout.readline()
            if not line:
                raise EOFError("the server closed its output")
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return json.loads(self.p.stdout.read(length))

    def request(self, method, params):
        want = self.send(method, params)
        while True:
            msg = self.read()
            if msg.get("id") == want:
                return msg

    def notification(self, method):
        while True:
            msg = self.read()
            if msg.get("method") == method:
                return msg


# Line numbers (0-based) matter below: 8 is the item 监管 line, 3 the input 分.
BROKEN = """rubric "试"
total 10
const 满分 = 4
input 分: number = fact "分" missing zero
input 指标: table = indicators
fn 封顶(x: number, w: number) = min(x, w)
section 甲 6 {
  item 乙 4.8 = 封顶(分份, 满分)
  item 监管 20% = 1.2
}
section 丙 4 {
  each r in 指标 split largest_remainder 2 = weight
}
test "样例" {
  report { "id": "r1", "indicators": [
    { "level1": "产出", "name": "一", "target": "1", "actual": "1" },
    { "level1": "产出", "name": "二", "target": "1", "actual": "1" },
    { "level1": "产出", "name": "三", "target": "1", "actual": "1" } ] }
  total 10
}
"""
FIXED = BROKEN.replace("封顶(分份, 满分)", "封顶(分, 满分)")


def main():
    binary = os.path.abspath(sys.argv[1])
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "样例.rubric")
    with open(path, "w", encoding="utf-8") as f:
        f.write(FIXED)
    uri = "file://" + "".join(c if c.isascii() and (c.isalnum() or c in "/-._~") else
                              "".join("%%%02X" % b for b in c.encode()) for c in path)
    c = Client(binary)

    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = r["result"]["capabilities"]
    check("initialize: hover", caps.get("hoverProvider") is True, caps)
    check("initialize: definition", caps.get("definitionProvider") is True, caps)
    check("initialize: full sync", caps["textDocumentSync"]["change"] == 1, caps)
    c.send("initialized", {}, request=False)

    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "rubric", "version": 1,
                                                     "text": BROKEN}}, request=False)
    d = c.notification("textDocument/publishDiagnostics")["params"]
    check("didOpen: the uri", d["uri"] == uri, d["uri"])
    errors = [x for x in d["diagnostics"] if x["severity"] == 1]
    check("didOpen: one error", len(errors) == 1, d["diagnostics"])
    if errors:
        e = errors[0]
        # '分份' starts at column 18 of line 7 ("  item 乙 4.8 = 封顶(" is 18 UTF-16 units) and is 2 long.
        check("didOpen: the error's range", e["range"] == {"start": {"line": 7, "character": 18},
                                                           "end": {"line": 7, "character": 20}}, e["range"])
        check("didOpen: the message", "unknown name '分份'" in e["message"] and "did you mean '分'" in e["message"],
              e["message"])

    # A character outside the BMP counts as two UTF-16 units: "item 𠀀 10 = " is 13 units before the name.
    uri2 = uri.replace(".rubric", "%E4%BA%8C.rubric")
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri2, "languageId": "rubric", "version": 1,
                                                     "text": 'rubric "二"\ntotal 10\nitem 𠀀 10 = 未知名\n'}},
           request=False)
    d = c.notification("textDocument/publishDiagnostics")["params"]
    errors = [x for x in d["diagnostics"] if x["severity"] == 1]
    check("UTF-16: the span after a supplementary character",
          d["uri"] == uri2 and len(errors) == 1 and errors[0]["range"] == {
              "start": {"line": 2, "character": 13}, "end": {"line": 2, "character": 16}}, d)

    c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                      "contentChanges": [{"text": FIXED}]}, request=False)
    d = c.notification("textDocument/publishDiagnostics")["params"]
    check("didChange: no diagnostics left", d["diagnostics"] == [], d["diagnostics"])

    def hover(line, character):  # on the client c of the moment
        r = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                             "position": {"line": line, "character": character}})
        return r["result"]["contents"]["value"] if r["result"] else None

    h = hover(7, 7)  # on 乙
    check("hover: an item's weight", h is not None and "item** 乙" in h and "**4.8** points" in h, h)
    h = hover(8, 8)  # on 监管: 20% of 甲's 6 points is 1.2
    check("hover: a percentage weight in points", h is not None and "**1.2** points" in h and "20%" in h, h)
    h = hover(6, 8)  # on section 甲
    check("hover: a section's weight", h is not None and "section** 甲" in h and "**6** points" in h, h)
    h = hover(11, 4)  # on each: 4 points over 3 rows by largest remainder at 2 places: 1.34, 1.33, 1.33
    check("hover: each's shares for the sample report",
          h is not None and "split largest_remainder 2" in h and "r1" in h and "一: 1.34" in h and "二: 1.33" in h
          and "三: 1.33" in h, h)
    h = hover(5, 31)  # on min(
    check("hover: a built-in", h is not None and "**min** (built-in)" in h, h)
    h = hover(7, 18)  # on 分 inside 封顶(分, 满分)
    check("hover: a name shows its declaration", h is not None and 'input 分: number = fact "分" missing zero' in h,
          h)

    def definition(line, character):
        r = c.request("textDocument/definition", {"textDocument": {"uri": uri},
                                                  "position": {"line": line, "character": character}})
        return r["result"]

    loc = definition(7, 18)  # 分 → input 分 on line 3
    check("definition: an input", loc is not None and loc["uri"] == uri and loc["range"]["start"] == {
        "line": 3, "character": 0}, loc)
    loc = definition(7, 15)  # 封顶 → fn on line 5
    check("definition: a function", loc is not None and loc["range"]["start"]["line"] == 5, loc)
    loc = definition(7, 21)  # 满分 → const on line 2
    check("definition: a constant", loc is not None and loc["range"]["start"]["line"] == 2, loc)
    loc = definition(5, 34)  # x inside min(x, w) → the parameter x on line 5, column 6
    check("definition: a parameter", loc is not None and loc["range"]["start"] == {"line": 5, "character": 6},
          loc)
    loc = definition(0, 1)  # the keyword rubric: nothing
    check("definition: nothing at a keyword", loc is None, loc)

    body = "{not json".encode()
    c.p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    c.p.stdin.flush()
    r = c.read()
    check("a message that is not JSON: a parse error", r.get("error", {}).get("code") == -32700 and r["id"] is None, r)

    r = c.request("workspace/symbol", {"query": ""})
    check("an unknown request is an error", r.get("error", {}).get("code") == -32601, r)

    c.send("textDocument/didClose", {"textDocument": {"uri": uri}}, request=False)
    d = c.notification("textDocument/publishDiagnostics")["params"]
    check("didClose: diagnostics cleared", d["diagnostics"] == [], d)

    r = c.request("shutdown", None)
    check("shutdown", "result" in r and r["result"] is None, r)
    c.send("exit", None, request=False)
    c.p.stdin.close()
    check("exit status 0 after shutdown", c.p.wait(timeout=10) == 0, c.p.returncode)

    # Hover in the client's language: initialize's locale zh-cn makes the hover texts Chinese (the names written
    # in the rubric and the language's words — item, section, each, check — stay as written).  The same document
    # with a check added at line 20; the same weights and shares as above.
    c = Client(binary)
    c.request("initialize", {"capabilities": {}, "locale": "zh-cn"})
    c.send("initialized", {}, request=False)
    zh_text = FIXED + 'check "核" = 分 >= 0\n'
    c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "rubric", "version": 1,
                                                     "text": zh_text}}, request=False)
    d = c.notification("textDocument/publishDiagnostics")["params"]
    check("zh: no diagnostics", d["diagnostics"] == [], d["diagnostics"])
    for (line, character), want in [
            ((7, 7), "**item** 乙 — 分值 **4.8** 分"),
            ((8, 8), "**item** 监管 — 分值 **1.2** 分（原文写作 20%）"),
            ((6, 8), "**section** 甲 — 分值 **6** 分"),
            ((11, 4), "**each** — 生成的各 item 分配 丙 的分值：\n```rubric\n"
                      "each r in 指标 split largest_remainder 2 = \n```\n\n"
                      "样例报告 r1 各行分得的分值：\n- 一: 1.34\n- 二: 1.33\n- 三: 1.33\n"),
            ((5, 31), "**min**（内置函数）：其数值参数中最小的一个。"),
            ((20, 8), "**check** 核 — 不影响得分；✓ 通过，✗ 未通过，? 无法判断")]:
        h = hover(line, character)
        check("zh: hover at %d:%d" % (line, character), h == want, h)
    r = c.request("shutdown", None)
    c.send("exit", None, request=False)
    c.p.stdin.close()
    check("zh: exit status 0 after shutdown", c.p.wait(timeout=10) == 0, c.p.returncode)

    # Without shutdown, exit is status 1.
    c = Client(binary)
    c.request("initialize", {"capabilities": {}})
    c.send("exit", None, request=False)
    c.p.stdin.close()
    check("exit status 1 without shutdown", c.p.wait(timeout=10) == 1, c.p.returncode)

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


sys.exit(main())
