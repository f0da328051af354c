"""What every peer shares: its command line, its clock and how it writes its answer.

A peer is run as its own process by harness.py:

    python peer_<name>.py DATA_DIR PERIOD OUT.jsonl

It reads DATA_DIR (written by `attain demo --no-run`: plans/, roster.csv,
facts.csv, team_targets.csv), computes every scored person's total, rating and
rank for PERIOD, writes one JSON line per person to OUT.jsonl and prints one JSON
line of statistics on stdout ({"work_s": seconds from reading the files to the
results in memory, "rows": fact rows it read, ...}). Writing OUT.jsonl is not
timed. A peer that cannot run prints {"na": "why"} and exits 0.
"""

from __future__ import annotations

import json
import math
import sys
import time


class Clock:
    """Phase timings: clock.lap("read") after each phase; total is from creation."""

    def __init__(self):
        self.t0 = self.last = time.perf_counter()
        self.phases = {}

    def lap(self, name):
        now = time.perf_counter()
        self.phases[name] = round(now - self.last, 4)
        self.last = now

    def total(self):
        return time.perf_counter() - self.t0


def args():
    if len(sys.argv) != 4:
        sys.exit(f"usage: {sys.argv[0]} DATA_DIR PERIOD OUT.jsonl")
    return sys.argv[1], sys.argv[2], sys.argv[3]


def num(x):
    """A float for JSON (None for NaN / None / missing)."""
    if x is None:
        return None
    x = float(x)
    return None if math.isnan(x) else x


def total_text(x):
    """The peer's rounded total as result text ("92.44"), None without a total."""
    x = num(x)
    return None if x is None else f"{x:.2f}"


def write_rows(out_path, rows):
    """rows: dicts with subject, plan, total_raw, total (already rounded float), rating,
    rank, scores {indicator: float}, actuals {indicator: float}."""
    with open(out_path, "w", encoding="utf-8") as f:
        for r in rows:
            rank = r.get("rank")
            rank = None if rank is None or (isinstance(rank, float) and math.isnan(rank)) else int(rank)
            rating = r.get("rating")
            if rating is not None and not isinstance(rating, str):
                rating = None  # NaN / NA
            f.write(json.dumps({
                "subject": r["subject"], "plan": r["plan"],
                "total_raw": num(r.get("total_raw")), "total": total_text(r.get("total")),
                "rating": rating, "rank": rank,
                "scores": {k: num(v) for k, v in r.get("scores", {}).items()},
                "actuals": {k: num(v) for k, v in r.get("actuals", {}).items()},
            }, ensure_ascii=False) + "\n")


def report(stats):
    print(json.dumps(stats), flush=True)
