#!/usr/bin/env python3
"""Run the code snippets of READMEs as complete programs and check what they print.

A README's ```python and ```js blocks are programs a reader copies as they are:
each is run on its own, from the repository root, and must exit 0. When a block is
followed by a ```text block (only blank lines, or one line of prose ending in
"prints:", in between), the program's standard output must be that text
(trailing spaces and a final newline aside).

    python3 scripts/readme_snippets.py --lang python --python .venv/bin/python README.md
    python3 scripts/readme_snippets.py --lang node README.md bindings-node/README.md
    python3 scripts/readme_snippets.py --lang wasm README.md

`--lang node` runs the js blocks that use `attain-node`, `--lang wasm` those that
use `attain-wasm` (in Node), each in a scratch folder whose node_modules links to
the package in this repository, so a bare `import ... from 'attain-node'` resolves
as it does for a user who installed it. A block that uses `require(` is CommonJS
(.cjs), any other js block an ES module (.mjs); a js block that uses neither package
is a failure (a declaration or a shell line is tagged ts / sh). `--list` only lists
the blocks.
Blocks of other languages (sh, toml, rust: rust blocks are doc tests) are skipped.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FENCE = re.compile(r"^(\s*)```(\S*)\s*$")


def blocks(path):
    """(info, first line number, code, expected output or None) of each fenced block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    found = []
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        info, start = m.group(2), i + 1
        j = start
        while j < len(lines) and not FENCE.match(lines[j]):
            j += 1
        found.append([info, start + 1, "\n".join(lines[start:j]) + "\n", None, j])
        i = j + 1
    # Attach each ```text block to the code block just before it.
    out = []
    for k, (info, line, code, _, end) in enumerate(found):
        if info == "text" and out:
            prev = out[-1]
            between = [l for l in read_between(path, prev[4], line - 2) if l.strip()]
            if not between or (len(between) == 1 and between[0].rstrip().endswith("prints:")):
                prev[3] = code
                continue
        out.append([info, line, code, None, end])
    return [(b[0], b[1], b[2], b[3]) for b in out]


def read_between(path, a, b):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    return lines[a + 1 : b]


def wanted(lang, info, code):
    if lang == "python":
        return info == "python"
    if info not in ("js", "javascript"):
        return False
    uses_wasm = "attain-wasm" in code
    uses_node = "attain-node" in code
    if lang == "wasm":
        return uses_wasm
    return uses_node and not uses_wasm


def stray_js(lang, info, code):
    """A js block no --lang runs (every js block must be a program of one package)."""
    return lang != "python" and info in ("js", "javascript") and "attain-node" not in code and "attain-wasm" not in code


def normal(text):
    return "\n".join(l.rstrip() for l in text.rstrip("\n").split("\n"))


def scratch_modules(tmp):
    nm = os.path.join(tmp, "node_modules")
    os.makedirs(nm, exist_ok=True)
    for name, folder in (("attain-node", "bindings-node"), ("attain-wasm", "bindings-wasm")):
        os.symlink(os.path.join(ROOT, folder), os.path.join(nm, name))


def run(lang, code, tmp, python, n):
    if lang == "python":
        path = os.path.join(tmp, f"snippet{n}.py")
        cmd = [python, path]
    else:
        ext = ".cjs" if "require(" in code else ".mjs"
        path = os.path.join(tmp, f"snippet{n}{ext}")
        cmd = ["node", path]
    with open(path, "w", encoding="utf-8") as f:
        f.write(code)
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_COLOR="1")
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", choices=["python", "node", "wasm"], required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--list", action="store_true")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    failures, ran = [], 0
    with tempfile.TemporaryDirectory(prefix="attain-readme-") as tmp:
        scratch_modules(tmp)
        for file in args.files:
            rel = os.path.relpath(os.path.abspath(file), ROOT)
            for info, line, code, expected in blocks(file):
                where = f"{rel}:{line}"
                if stray_js(args.lang, info, code):
                    failures.append(f"{where}: a js block that uses neither attain-node nor attain-wasm "
                                    "is run by neither --lang: make it a program of one, or tag it sh / ts")
                    continue
                if not wanted(args.lang, info, code):
                    continue
                if args.list:
                    print(f"{where}: {info}{' (output checked)' if expected else ''}")
                    continue
                ran += 1
                p = run(args.lang, code, tmp, args.python, ran)
                if p.returncode != 0:
                    failures.append(f"{where}: exit {p.returncode}\n{p.stderr.strip()[-3000:]}")
                elif expected is not None and normal(p.stdout) != normal(expected):
                    failures.append(
                        f"{where}: printed\n{p.stdout.rstrip()}\n--- but the README shows\n{expected.rstrip()}"
                    )
                else:
                    checked = "output checked" if expected is not None else "ran"
                    print(f"ok  {where} ({checked})")
    if args.list:
        return 0
    for f in failures:
        print(f"FAIL {f}\n", file=sys.stderr)
    print(f"{ran} {args.lang} snippets, {len(failures)} failed")
    if ran == 0:
        print("no snippet found: is the language right?", file=sys.stderr)
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
