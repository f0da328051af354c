"""attain through its Python binding, in process.

    python peer_attain_py.py DATA_DIR PERIOD OUT.jsonl arrow|bytes

arrow: the facts as an in-memory Arrow table (pyarrow.csv, every column text;
       cut-short lines skipped by pyarrow) passed to attain.run(document,
       facts=table); "run" is the time from the table in memory to the results.
bytes: the facts file's bytes read into memory, then attain.run(document,
       facts=bytes): the run from memory that the binding does offer.

Either way the document holds the plans, the roster and the team targets, and the
work is timed from reading the files to every scorecard's total, rating and rank
in Python objects.
"""

from __future__ import annotations

import csv
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import plans as plan_spec  # noqa: E402


def table_rows(path, drop=()):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: v for k, v in row.items() if v != "" and k not in drop} for row in csv.DictReader(f)]


def main():
    if len(sys.argv) != 5 or sys.argv[4] not in ("arrow", "bytes"):
        sys.exit(f"usage: {sys.argv[0]} DATA_DIR PERIOD OUT.jsonl arrow|bytes")
    data, period, out, mode = sys.argv[1:5]
    try:
        import attain
    except ImportError as e:
        common.report({"na": f"binding not installed ({e})"})
        return
    clock = common.Clock()
    document = {
        "plans": [json.load(open(os.path.join(data, "plans", name), encoding="utf-8"))
                  for name in plan_spec.PLAN_FILES.values()],
        "roster": table_rows(os.path.join(data, "roster.csv"), drop=("team_name",)),
        "team_targets": table_rows(os.path.join(data, "team_targets.csv")),
        "period": period,
    }
    facts_path = os.path.join(data, "facts.csv")
    skipped: list[object] = []
    if mode == "arrow":
        import pyarrow as pa
        import pyarrow.csv as pacsv
        clock = common.Clock()
        names = open(facts_path, encoding="utf-8-sig").readline().strip().split(",")
        table = pacsv.read_csv(
            facts_path,
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=False),
            # A cut-short line cannot be a table row: pyarrow skips it (the ledger of
            # the CSV run rejects it as bad_row; the totals are the same).
            parse_options=pacsv.ParseOptions(invalid_row_handler=lambda row: skipped.append(row) or "skip"),
        )
        clock.lap("read")
        result = attain.run(document, facts=table)
    else:
        with open(facts_path, "rb") as f:
            facts = f.read()
        clock.lap("read")
        result = attain.run(document, facts=facts, format="csv")
    clock.lap("run")
    rows = []
    for results in result.results:
        plan_id = results.plan.id
        for card in results:
            rows.append({"subject": card.id, "plan": plan_id, "total_raw": card.total,
                         "total": card.total, "rating": card.rating, "rank": card.rank,
                         "scores": dict(card.scores)})
    clock.lap("results")
    work = clock.total()
    ledger = result.ledger
    common.write_rows(out, rows)
    common.report({"work_s": work, "rows": ledger["rows"] + (len(skipped) if mode == "arrow" else 0),
                   "phases": clock.phases,
                   "versions": {"attain (Python)": attain.__version__}})


if __name__ == "__main__":
    main()
