"""Throughput of table scoring from Python: a wide Arrow table of N subjects with the
5 indicators of the telesales example plan, scored through the Arrow PyCapsule
interface (no Python object per row), then the summary table read back.

    python bindings-python/bench.py [--subjects 1000000] [--types float|decimal|int|string]

Prints subjects/s for each phase. Needs numpy and pyarrow.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

import attain

PLAN = Path(__file__).resolve().parents[1] / "examples" / "plans" / "telesales.json"


def table(n: int, types: str, seed: int = 7) -> Any:
    rng = np.random.default_rng(seed)
    ids = pa.array([f"rep{i:07d}" for i in range(n)])
    calls = rng.integers(0, 320, n)
    deals = rng.integers(0, 50, n)
    tenths = {  # one decimal place, as a sales export has
        "follow_up_24h": rng.integers(500, 1001, n),
        "conversion": rng.integers(0, 300, n),
        "record_completeness": rng.integers(600, 1001, n),
    }
    columns: dict[str, Any] = {"id": ids, "calls": pa.array(calls), "deals": pa.array(deals)}
    for name, values in tenths.items():
        if types == "float":
            columns[name] = pa.array(values / 10.0)
        elif types == "decimal":
            columns[name] = pa.array(values / 10.0).cast(pa.decimal128(6, 1))
        elif types == "int":
            columns[name] = pa.array(values // 10)
        else:
            columns[name] = pa.array([f"{v / 10:.1f}" for v in values.tolist()])
    return pa.table(columns)


def rate(label: str, n: int, seconds: float) -> None:
    print(f"{label:<34} {seconds:8.3f} s   {n / seconds:>12,.0f} subjects/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subjects", type=int, default=1_000_000)
    parser.add_argument("--types", choices=["float", "decimal", "int", "string"], default="float")
    parser.add_argument("--json", action="store_true", help="also time the JSON text path (slow)")
    args = parser.parse_args()
    n = args.subjects

    plan = attain.Plan.from_file(PLAN)
    print(f"plan {plan.id}: {len(plan.indicator_ids)} indicators ({', '.join(plan.indicator_ids)})")
    data = table(n, args.types)
    print(f"{n:,} subjects, {args.types} number columns: {data.schema.types}")
    plan.score(data.slice(0, 1000))  # warm up

    start = time.perf_counter()
    results = plan.score(data)
    rate("score (Arrow table → Results)", n, time.perf_counter() - start)
    assert len(results) == n

    start = time.perf_counter()
    out = results.to_arrow()
    rate("to_arrow (Results → pyarrow)", n, time.perf_counter() - start)
    assert out.num_rows == n

    start = time.perf_counter()
    text = results.to_json()
    rate("to_json (canonical text)", n, time.perf_counter() - start)
    print(f"result text: {len(text) / 1e6:.0f} MB")

    if args.json:
        import json

        doc = json.dumps({"subjects": [
            {"id": r["id"], "actuals": {k: str(v) for k, v in r.items() if k != "id" and v is not None}}
            for r in data.to_pylist()]})
        start = time.perf_counter()
        plan.score_json(doc)
        rate("score_json (JSON text → text)", n, time.perf_counter() - start)


if __name__ == "__main__":
    main()
