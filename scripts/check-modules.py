#!/usr/bin/env python3
"""Checks the module graph of the core crate (core/src).

1. Layers.  The top-level modules (the first path segment after `crate::`)
   form an order, LAYERS below.  A module may use itself and the modules
   before it, never one after it (no backward reference), and the modules
   may not form a cycle.  `lib.rs` (the crate root, which re-exports the
   public API) is exempt.  A top-level module that is not in LAYERS is
   reported: add it to the order.
2. Size.  No `.rs` file is longer than MAX_LINES lines, except the ones
   listed in LONG_FILES (with the reason).

References are read from the code with comments, strings and character
literals taken out: `use crate::a::b`, `use crate::{a, b::c}`, `crate::a::f()`
in expressions and types, `super::...` chains that climb out of a top-level
module, and `crate::Name` where lib.rs re-exports `Name` (`pub use a::Name`)
counts as a use of `a`.

Usage:  python3 scripts/check-modules.py [--root DIR]     (default: core/src)
Exit 0 when everything holds, 1 with a report of every violation, 2 on a
usage error.  Standard library only.
"""

import argparse
import os
import re
import sys

# Lower first: a module may reference only itself and the modules before it.
LAYERS = ["limits", "error", "util", "plan", "score", "output", "what_if", "run"]

MAX_LINES = 500

# Files (relative to the root, with `/`) allowed to be longer than MAX_LINES,
# each with why: {"run/facts.rs": "the CSV reader's fast path, one state machine"}.
LONG_FILES = {}

EXEMPT = {"lib.rs"}  # the crate root

IDENT = r"[A-Za-z_][A-Za-z0-9_]*"


# ---------------------------------------------------------------------------
# Reading Rust: comments, strings and char literals out, line numbers kept
# ---------------------------------------------------------------------------


def strip_code(text):
    """The text with comments, string and char literals blanked (newlines kept,
    so offsets and line numbers stay those of the file)."""
    out = []
    i, n = 0, len(text)

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif c in "rb" and not (i and re.match(r"[A-Za-z0-9_]", text[i - 1])) and \
                re.match(r"(?:b?r)(#*)\"", text[i:i + 260]):
            m = re.match(r"(?:b?r)(#*)\"", text[i:])
            close = '"' + m.group(1)
            j = text.find(close, i + m.end())
            j = n if j < 0 else j + len(close)
            out.append(blank(text[i:j]))
            i = j
        elif c == '"' or (c == "b" and nxt == '"' and not (i and re.match(r"[A-Za-z0-9_]", text[i - 1]))):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(blank(text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('a', '\n', '\u{4e2d}', '"') or a lifetime ('a, 'static).
            if nxt == "\\":
                j = text.find("'", i + 2 + 1)
                j = n if j < 0 else j + 1
                out.append(blank(text[i:j]))
                i = j
            elif i + 2 < n and text[i + 2] == "'":
                out.append("   ")
                i += 3
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


def matching_brace(code, open_at):
    """Offset just after the `}` that closes the `{` at open_at."""
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(code)


def split_group(code, open_at):
    """The items of the `{...}` group at open_at, split at its top-level commas."""
    end = matching_brace(code, open_at)
    inner = code[open_at + 1:end - 1]
    items, depth, start = [], 0, 0
    for j, ch in enumerate(inner):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(inner[start:j])
            start = j + 1
    items.append(inner[start:])
    return [it.strip() for it in items if it.strip()]


def inline_modules(code):
    """(start, end, name) of every `mod name { ... }` block."""
    spans = []
    for m in re.finditer(r"\bmod\s+(" + IDENT + r")\s*\{", code):
        open_at = m.end() - 1
        spans.append((open_at, matching_brace(code, open_at), m.group(1)))
    return spans


def module_path(rel):
    """The module path of a file: `plan/validate/mod.rs` → [plan, validate]."""
    parts = rel[:-3].split("/")
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return parts


# ---------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------


def first_ident(item):
    m = re.match(r"\s*(?:r#)?(" + IDENT + r")", item)
    return m.group(1) if m else None


def references(code, file_mod):
    """(offset, resolved path's first segment, shown text) of every reference
    that leaves the file's own module tree through `crate::` or `super::`."""
    spans = inline_modules(code)
    found = []
    pattern = re.compile(r"(?<![A-Za-z0-9_])(?:\$?crate|super)\s*::")
    pos = 0
    while True:
        m = pattern.search(code, pos)
        if not m:
            break
        start = m.start()
        if code[start] == "$":
            start += 1
        pos = m.end()
        if code.startswith("crate", start):
            base = []
        else:
            # a chain of `super::`: climb from the enclosing (inline) module
            mod = file_mod + [name for (s, e, name) in spans if s < start < e]
            k = 1
            while True:
                mm = re.match(r"\s*super\s*::", code[pos:])
                if not mm:
                    break
                k += 1
                pos += mm.end()
            if k > len(mod):
                found.append((start, None, "super:: beyond the crate root"))
                continue
            base = mod[:len(mod) - k]
        rest = code[pos:]
        lead = len(rest) - len(rest.lstrip())
        if rest.lstrip().startswith("{"):
            open_at = pos + lead
            names = [first_ident(it) for it in split_group(code, open_at)]
        else:
            names = [first_ident(rest)]
        prefix = re.sub(r"\s+", "", code[start:pos])
        grouped = rest.lstrip().startswith("{")
        tail = "" if grouped else re.match(r"[A-Za-z0-9_:\s]*", rest).group(0)
        if not grouped and tail.rstrip().endswith("::") and rest[len(tail):].startswith("{"):
            tail += "{…}"
        for name in names:
            if name is None or (name == "self" and not base):
                continue
            path = base + ([] if name == "self" else [name])
            path_text = (re.sub(r"\s*::\s*", "::", tail).split() or [""])[0]
            shown = prefix + ("{… %s …}" % name if grouped else path_text)
            found.append((start, path[0], shown))
    return found


def reexports(lib_code):
    """Names lib.rs re-exports → the top-level module they come from."""
    names = {}
    for m in re.finditer(r"\bpub\s+use\s+([^;]*);", lib_code):
        body = re.sub(r"\s+", " ", m.group(1)).strip()
        body = re.sub(r"^(?:crate|self)\s*::\s*", "", body)
        top = first_ident(body)
        if not top:
            continue
        g = body.find("{")
        items = split_group(body, g) if g >= 0 else [body.split("::")[-1]]
        for item in items:
            alias = re.search(r"\bas\s+(" + IDENT + r")\s*$", item)
            name = alias.group(1) if alias else item.split("::")[-1].strip()
            if re.fullmatch(IDENT, name):
                names[name] = top
    return names


# ---------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------


def rust_files(root):
    files = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for f in sorted(filenames):
            if f.endswith(".rs"):
                full = os.path.join(dirpath, f)
                files.append(os.path.relpath(full, root).replace(os.sep, "/"))
    return files


def top_modules(root, files):
    tops = set()
    for rel in files:
        mod = module_path(rel)
        if mod:
            tops.add(mod[0])
    return tops


def cycles(edges):
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def check(root):
    """(violations, notes, summary): lists of report lines."""
    files = rust_files(root)
    tops = top_modules(root, files)
    lib_code = ""
    if os.path.isfile(os.path.join(root, "lib.rs")):
        with open(os.path.join(root, "lib.rs"), encoding="utf-8") as f:
            lib_code = strip_code(f.read())
    exported = reexports(lib_code)

    backward, unlayered, unresolved, long_files = [], {}, [], []
    edges = {}
    count = 0
    for rel in files:
        with open(os.path.join(root, rel), encoding="utf-8") as f:
            text = f.read()
        lines = len(text.splitlines())
        if lines > MAX_LINES and rel not in LONG_FILES:
            long_files.append("%s: %d lines (more than %d)" % (rel, lines, MAX_LINES))
        if rel in EXEMPT:
            continue
        mod = module_path(rel)
        own = mod[0]
        if own not in LAYERS:
            unlayered.setdefault(own, []).append("%s (the module's own file)" % rel)
        code = strip_code(text)
        for offset, target, shown in references(code, mod):
            where = "%s:%d" % (rel, line_of(code, offset))
            if target is None:
                unresolved.append("%s: `%s`" % (where, shown))
                continue
            if target not in tops:
                if target in exported:
                    target = exported[target]
                else:
                    unresolved.append("%s: `%s` (`%s` is not a module nor re-exported by lib.rs)"
                                      % (where, shown, target))
                    continue
            if target == own:
                continue
            count += 1
            edges.setdefault(own, set()).add(target)
            if target not in LAYERS:
                unlayered.setdefault(target, []).append("%s: `%s`" % (where, shown))
            elif own in LAYERS and LAYERS.index(target) > LAYERS.index(own):
                backward.append("%s: %s → %s, `%s`" % (where, own, target, shown))

    violations = []
    if backward:
        violations.append("references pointing backwards (a lower layer uses a higher one):")
        violations += ["  " + b for b in backward]
    for comp in cycles(edges):
        violations.append("cycle between modules: %s" % " ↔ ".join(comp))
    for name in sorted(unlayered):
        violations.append("module `%s` is not in the layer order (add it to LAYERS in %s):"
                          % (name, os.path.relpath(__file__)))
        violations += ["  " + u for u in unlayered[name][:10]]
        if len(unlayered[name]) > 10:
            violations.append("  … %d more" % (len(unlayered[name]) - 10))
    if unresolved:
        violations.append("references that cannot be resolved to a top-level module:")
        violations += ["  " + u for u in unresolved]
    if long_files:
        violations.append("files over %d lines (split them, or list them in LONG_FILES with why):"
                          % MAX_LINES)
        violations += ["  " + x for x in long_files]

    notes = []
    for rel in sorted(LONG_FILES):
        if rel not in files:
            notes.append("LONG_FILES lists %s, which does not exist" % rel)
    summary = "%d files, %d references between top-level modules; layers: %s" % (
        len(files), count, " < ".join(LAYERS))
    return violations, notes, summary


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=os.path.join(here, "..", "core", "src"),
                        help="the crate's source folder (default: core/src)")
    args = parser.parse_args(argv)
    root = os.path.normpath(args.root)
    if not os.path.isdir(root):
        print("check-modules: no folder %s" % root, file=sys.stderr)
        return 2
    violations, notes, summary = check(root)
    for note in notes:
        print("note: " + note)
    if violations:
        print("check-modules: %s: FAILED (%s)" % (root, summary))
        for v in violations:
            print(v)
        return 1
    print("check-modules: %s: ok (%s)" % (root, summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
