"""Throughput of table scoring from Python, to compare with the Rust criterion bench
(`benches/`): the same 5-indicator plan (`FIVE_INDICATOR_PLAN` in
`benches/src/lib.rs`) and the same generated actuals (the same LCG), as a wide Arrow
table of N subjects scored through the Arrow PyCapsule interface (no Python object
per row); then the results read back as Arrow and as canonical JSON.

    python bindings-python/bench.py [--subjects 1000000] [--types decimal|float|string]

Prints subjects/s per phase. Needs pyarrow.
"""

from __future__ import annotations

import argparse
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

import attain

BENCHES = Path(__file__).resolve().parents[1] / "benches" / "src" / "lib.rs"


def bench_plan() -> attain.Plan:
    """The plan of the Rust benchmarks, read from their source (one definition)."""
    match = re.search(r'FIVE_INDICATOR_PLAN: &str = r#"(.*?)"#;', BENCHES.read_text(encoding="utf-8"), re.S)
    if match is None:
        raise SystemExit(f"FIVE_INDICATOR_PLAN not found in {BENCHES}")
    return attain.Plan.from_json(match.group(1))


def generate(n: int) -> dict[str, list[int]]:
    """The actuals of `attain_benches::subjects` (same LCG, same order), as integers:
    counts as is, money and percent in hundredths."""
    x = 0x2545_F491_4F6C_DD1D
    mask = (1 << 64) - 1
    cols: dict[str, list[int]] = {k: [] for k in ("new_customers", "contract_amount", "collection_rate", "deal_cycle", "complaints")}
    appends = [cols[k].append for k in cols]
    offsets = (0, 0, 5_000, 2_000, 0)
    moduli = (5, 90_000_000, 5_000, 6_000, 4)
    for _ in range(n):
        for append, offset, m in zip(appends, offsets, moduli):
            x = (x * 6_364_136_223_846_793_005 + 1_442_695_040_888_963_407) & mask
            append(offset + (x >> 33) % m)
    return cols


def table(n: int, types: str) -> Any:
    cols = generate(n)
    columns: dict[str, Any] = {"id": pa.array([f"rep{i:07d}" for i in range(n)])}
    for name, values in cols.items():
        hundredths = name in ("contract_amount", "collection_rate", "deal_cycle")
        if not hundredths:
            columns[name] = pa.array(values, pa.int64())
        elif types == "decimal":
            columns[name] = pa.array([Decimal(v).scaleb(-2) for v in values], pa.decimal128(18, 2))
        elif types == "float":
            columns[name] = pa.array([v / 100 for v in values], pa.float64())
        else:
            columns[name] = pa.array([f"{v // 100}.{v % 100:02d}" for v in values])
    return pa.table(columns)


def rate(label: str, n: int, seconds: float) -> None:
    print(f"{label:<36} {seconds:8.3f} s   {n / seconds:>12,.0f} subjects/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--types", choices=["decimal", "float", "string"], default="decimal",
                        help="type of the money/percent columns (counts are int64)")
    parser.add_argument("--repeat", type=int, default=3, help="score this many times, report the best")
    parser.add_argument("--json", action="store_true", help="also time results.to_json() (slow in the core)")
    args = parser.parse_args()
    n = args.subjects

    plan = bench_plan()
    print(f"plan {plan.id}: {len(plan.indicator_ids)} indicators ({', '.join(plan.indicator_ids)})")
    data = table(n, args.types)
    print(f"{n:,} subjects; columns {', '.join(str(t) for t in data.schema.types)}")
    plan.score(data.slice(0, 1000))  # warm up

    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        results = plan.score(data)
        times.append(time.perf_counter() - start)
        assert len(results) == n
    rate(f"score (Arrow table -> Results), best of {args.repeat}", n, min(times))
    if args.repeat > 1:
        print(f"{'':<36} runs: {', '.join(f'{t:.3f}' for t in times)} s")

    start = time.perf_counter()
    out = results.to_arrow()
    rate("to_arrow (Results -> pyarrow.Table)", n, time.perf_counter() - start)
    assert out.num_rows == n

    if args.json:
        start = time.perf_counter()
        text = results.to_json()
        rate("to_json (canonical text)", n, time.perf_counter() - start)
        print(f"result text: {len(text) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
