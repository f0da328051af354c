"""Python's `csv` module as a second reference reader of fact files: for generated
CSV files (quoted fields, stray quotes, CR / LF / CRLF mixes, blank lines, line
breaks inside quotes, a byte-order mark), the run ledger's `rows` is the number of
data records `csv.reader` reads, whether the facts are a path, bytes or text.

A seeded generator (no hypothesis dependency): every run checks the same files, and
a failure prints the seed and the file.

Where the two readers agree by construction and where they differ:
- A blank line (nothing between two line ends) is no record for either: Python
  yields an empty list for it, the csv crate skips it.
- A byte-order mark at the start is not part of the header (attain ignores it;
  Python reads the file with the `utf-8-sig` codec).
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

import attain

from test_run_tables import document

HEADER = ["id", "subject", "type", "won_at", "amount"]
SEEDS = range(300)


def field(rng: random.Random) -> str:
    """One field's raw text as written in the file (quoted or not)."""
    plain = rng.choice(["1", "wang", "deal", "2026-07-02", "3.5", "", " ", "x y", "中文", "é"])
    kind = rng.randrange(10)
    if kind == 0:  # quoted, with doubled quotes and line breaks inside
        inner = plain + rng.choice(['""', "\n", "\r\n", "\r", ",", ""]) + plain
        return '"' + inner + '"'
    if kind == 1:  # a stray quote inside an unquoted field
        return plain + '"' + rng.choice(["", "x"])
    if kind == 2:  # text after a closing quote
        return '"' + plain + '"' + rng.choice(["x", " "])
    if kind == 3:
        return '"' + plain + '"'
    return plain


def line_end(rng: random.Random) -> str:
    return rng.choice(["\n", "\r\n", "\r", "\n", "\r\n"])


def generate(seed: int) -> str:
    rng = random.Random(seed)
    text = "\ufeff" if rng.randrange(4) == 0 else ""
    text += ",".join(HEADER) + line_end(rng)
    for _ in range(rng.randrange(12)):
        kind = rng.randrange(12)
        if kind == 0:
            text += line_end(rng)  # a blank line
            continue
        width = len(HEADER) if kind > 2 else rng.randrange(1, 8)  # ragged rows too
        text += ",".join(field(rng) for _ in range(width))
        if rng.randrange(8):  # the last line may end without a line end
            text += line_end(rng)
    if rng.randrange(10) == 0:
        text += '"an unterminated quote,' + line_end(rng) + "1,2"
    return text


def python_records(text: str) -> int:
    """Data records of the file by Python's csv module (the header excluded)."""
    data = text.encode("utf-8").decode("utf-8-sig")
    records = [r for r in csv.reader(io.StringIO(data, newline="")) if r]
    return max(len(records) - 1, 0)


@pytest.mark.parametrize("seed", SEEDS)
def test_rows_match_python_csv(seed: int, tmp_path: Path) -> None:
    text = generate(seed)
    want = python_records(text)
    path = tmp_path / "facts.csv"
    path.write_bytes(text.encode("utf-8"))
    for facts in (path, text.encode("utf-8"), text):
        ledger = attain.run(document(), facts=facts, format="csv").ledger
        assert ledger["rows"] == want, (seed, type(facts).__name__, text)
        buckets = ("used", "outside", "duplicate", "conflicting", "rejected")
        assert sum(ledger[b] for b in buckets) == ledger["rows"]


def test_the_generator_covers_every_class() -> None:
    texts = [generate(s) for s in SEEDS]
    for needle in ["\ufeff", '""', '"\n', '"\r\n', "\r\r", "\n\n", "\r\n\r\n", '"x,', '" ', "an unterminated"]:
        assert any(needle in t for t in texts), needle
