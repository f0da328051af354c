#!/usr/bin/env python3
"""Checks that the committed corpus is what its generators write today.

Re-runs each generator into a temporary folder (with the oracle filling
`expected` where the generator leaves it null, as in README.md's "Running")
and compares every file with the committed one, byte for byte:

  make_cases.py   + oracle.py --write      →  cases/
  make_invalid.py                          →  invalid/
  make_runs.py    + oracle_run.py --write  →  runs/

A generator edited without re-running it (or a corpus file edited by hand)
fails here, naming the drifted file.  Exit 0 when every file is the same,
1 on drift, 2 when a generator itself fails.  Standard library only.

Usage:  python3 conformance/check_generated.py
"""

import difflib
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

# (folder, generator, the oracle that fills `expected`, or None)
STEPS = [
    ("cases", "make_cases.py", "oracle.py"),
    ("invalid", "make_invalid.py", None),
    ("runs", "make_runs.py", "oracle_run.py"),
]

DIFF_LINES = 20  # lines of unified diff shown per drifted file


def json_files(folder):
    if not os.path.isdir(folder):
        return set()
    return {f for f in os.listdir(folder) if f.endswith(".json")}


def read(path):
    with open(path, "rb") as f:
        return f.read()


def generate(folder, generator, oracle, out):
    """Write `folder` afresh into `out`; None when done, else why not."""
    commands = [[sys.executable, os.path.join(HERE, generator), "--out", out]]
    if oracle:
        commands.append([sys.executable, os.path.join(HERE, oracle), "--write", "--dir", out])
    for cmd in commands:
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            return "`%s` exited with %d:\n%s%s" % (
                " ".join([os.path.basename(cmd[1])] + cmd[2:]), done.returncode,
                done.stdout, done.stderr)
    return None


def compare(folder, made, label):
    """Problems, one string per drifted file of conformance/<folder>/."""
    committed = os.path.join(HERE, folder)
    have, want = json_files(committed), json_files(made)
    problems = []
    for name in sorted(want - have):
        problems.append("conformance/%s/%s: missing from the corpus (%s writes it)"
                        % (folder, name, label))
    for name in sorted(have - want):
        problems.append("conformance/%s/%s: in the corpus but %s no longer writes it"
                        % (folder, name, label))
    for name in sorted(have & want):
        old, new = read(os.path.join(committed, name)), read(os.path.join(made, name))
        if old == new:
            continue
        diff = list(difflib.unified_diff(
            old.decode("utf-8", "replace").splitlines(),
            new.decode("utf-8", "replace").splitlines(),
            "committed conformance/%s/%s" % (folder, name),
            "written by %s" % label, lineterm="", n=1))
        shown = diff[:DIFF_LINES]
        if len(diff) > DIFF_LINES:
            shown.append("... (%d more diff lines)" % (len(diff) - DIFF_LINES))
        problems.append("conformance/%s/%s: differs from what %s writes\n    %s"
                        % (folder, name, label, "\n    ".join(shown)))
    return problems


def main():
    problems = []
    total = 0
    with tempfile.TemporaryDirectory(prefix="attain-corpus-") as tmp:
        for folder, generator, oracle in STEPS:
            label = generator + (" + %s --write" % oracle if oracle else "")
            out = os.path.join(tmp, folder)
            failure = generate(folder, generator, oracle, out)
            if failure:
                print("cannot regenerate conformance/%s: %s" % (folder, failure))
                return 2
            total += len(json_files(out))
            problems.extend(compare(folder, out, label))
    if problems:
        print("the corpus drifted from its generators (%d file(s)):" % len(problems))
        for p in problems:
            print("  " + p)
        print("re-run the generators and the oracles' --write (conformance/README.md, "
              "\"Running\"), review the diff and commit it; or undo the generator change")
        return 1
    print("ok: the generators write the committed corpus byte for byte (%d files)" % total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
