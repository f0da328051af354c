"""Runs with the facts as a table (pyarrow, polars, pandas): the corpus's CSV facts
read into a table give the very bytes the CSV gives; typed columns (timestamps,
dates, decimals, floats, integers) read as their text; bad columns are refused
with their path."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import attain

from conftest import CONFORMANCE, canonical, load_exact

RUNS = sorted((CONFORMANCE / "runs").glob("*.json"))


def table_cases() -> list[Path]:
    """Valid CSV cases with one record per line, no blank lines and no ragged rows
    (a table cannot hold those, and its rows are numbered as lines)."""
    out = []
    for p in RUNS:
        case = json.loads(p.read_text(encoding="utf-8"))
        facts = case.get("facts", {})
        if "expected" not in case or facts.get("format", "csv") != "csv":
            continue
        text = facts["text"].removeprefix("\ufeff")
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or any(len(r) != len(rows[0]) for r in rows):
            continue
        if any("\n" in f or "\r" in f for r in rows for f in r):
            continue
        if any(not line.strip("\r") for line in text.split("\n")[:-1]):
            continue
        out.append(p)
    return out


TABLE_CASES = table_cases()


def as_strings(text: str) -> pa.Table:
    """The CSV as a pyarrow Table of strings (empty fields null, as in a CSV)."""
    text = text.removeprefix("\ufeff")
    header = next(csv.reader(io.StringIO(text)))
    options = pacsv.ConvertOptions(column_types={name: pa.string() for name in header}, strings_can_be_null=True)
    return pacsv.read_csv(io.BytesIO(text.encode("utf-8")), convert_options=options)


def test_enough_cases_run_as_tables() -> None:
    assert len(TABLE_CASES) >= 30, [p.stem for p in TABLE_CASES]


@pytest.mark.parametrize("path", TABLE_CASES, ids=[p.stem for p in TABLE_CASES])
def test_corpus_case_from_tables(path: Path) -> None:
    case = load_exact(path)
    expected = canonical(json.loads(path.read_text(encoding="utf-8"))["expected"])
    rest = {k: v for k, v in case.items() if k not in ("expected", "derivation", "facts")}
    table = as_strings(case["facts"]["text"])
    assert attain.run(rest, facts=table).to_json() == expected
    # Several record batches; a RecordBatch alone; polars; pandas.
    batches = table.to_batches(max_chunksize=2)
    assert attain.run(rest, facts=pa.Table.from_batches(batches, schema=table.schema)).to_json() == expected
    if table.num_rows > 0:
        assert attain.run(rest, facts=table.combine_chunks().to_batches()[0]).to_json() == expected
    assert attain.run(rest, facts=pl.from_arrow(table)).to_json() == expected
    assert attain.run(rest, facts=table.to_pandas()).to_json() == expected


PLAN: dict[str, Any] = {
    "id": "ae", "name": "客户经理", "version": "1",
    "calendar": {"time_zone": "Asia/Shanghai"},
    "indicators": [
        {"id": "amount", "name": "签约额", "unit": {"kind": "money", "currency": "CNY"},
         "direction": "higher_is_better", "target": {"value": "1000"},
         "curve": {"kind": "ratio", "cap": "150"},
         "measure": {"kind": "sum", "fact": "deal", "date": "won_at", "field": "amount"}},
        {"id": "deals", "name": "赢单数", "unit": {"kind": "count"},
         "direction": "higher_is_better", "target": {"value": "2"},
         "curve": {"kind": "ratio", "cap": "150"},
         "measure": {"kind": "count", "fact": "deal", "date": "won_at"}},
    ],
    "tree": {"group": "root", "children": [
        {"indicator": "amount", "weight": "60"}, {"indicator": "deals", "weight": "40"}]},
}

CSV = (
    "id,subject,type,won_at,amount\n"
    "1,wang,deal,2026-07-01T00:30:00+08:00,300.25\n"
    "2,wang,deal,2026-06-30T16:30:00Z,200.5\n"  # 2026-07-01 00:30 in Shanghai
    "3,wang,deal,2026-06-30T15:30:00Z,999\n"  # 2026-06-30 23:30: outside
    "4,li,deal,2026-08-15T12:00:00+08:00,\n"  # no amount: counted, no sum
)


def document() -> dict[str, Any]:
    return {"plans": [PLAN], "roster": [{"subject": "wang"}, {"subject": "li"}], "period": "2026-Q3"}


def test_typed_columns_read_as_their_text() -> None:
    want = attain.run(document(), facts=CSV).to_json()
    utc = timezone.utc
    when = pa.array(
        [
            datetime(2026, 6, 30, 16, 30, tzinfo=utc),
            datetime(2026, 6, 30, 16, 30, tzinfo=utc),
            datetime(2026, 6, 30, 15, 30, tzinfo=utc),
            datetime(2026, 8, 15, 4, 0, tzinfo=utc),
        ],
        type=pa.timestamp("us", tz="UTC"),
    )
    typed = pa.table({
        "id": pa.array([1, 2, 3, 4], type=pa.int64()),
        "subject": ["wang", "wang", "wang", "li"],
        "type": pa.array(["deal"] * 4).dictionary_encode(),
        "won_at": when,
        "amount": pa.array([Decimal("300.25"), Decimal("200.5"), Decimal("999"), None], type=pa.decimal128(12, 2)),
    })
    assert attain.run(document(), facts=typed).to_json() == want
    # Floats are read as their shortest round-trip text: 300.25, 200.5.
    floats = typed.set_column(4, "amount", pa.array([300.25, 200.5, 999.0, None], type=pa.float64()))
    assert attain.run(document(), facts=floats).to_json() == want
    # The same with a time zone on the timestamps, and with pandas (NaN and NaT: missing).
    shanghai = typed.set_column(3, "won_at", when.cast(pa.timestamp("us", tz="Asia/Shanghai")))
    assert attain.run(document(), facts=shanghai).to_json() == want
    frame = floats.to_pandas()
    assert frame["amount"].isna().iloc[3]
    assert attain.run(document(), facts=frame).to_json() == want
    assert attain.run(document(), facts=pl.from_pandas(frame)).to_json() == want


def test_the_ledger_numbers_rows_as_csv_lines() -> None:
    table = pa.table({
        "id": ["1", "2", "2", "3"],
        "subject": ["wang", "wang", "wang", "wang"],
        "type": ["deal", "deal", "deal", "deal"],
        "won_at": ["2026-07-02", "2026-07-03", "2026-07-03", "yesterday"],
        "amount": ["1", "2", "2", "3"],
    })
    ledger = attain.run(document(), facts=table).ledger
    assert (ledger["rows"], ledger["used"], ledger["duplicate"], ledger["rejected"]) == (4, 2, 1, 1)
    assert [(r["line"], r["field"]) for r in ledger["rejections"]] == [(5, "won_at")]


def test_bad_tables_are_refused_with_the_column() -> None:
    nested = pa.table({"id": ["1"], "subject": ["wang"], "tags": pa.array([["a", "b"]])})
    with pytest.raises(attain.InputError) as caught:
        attain.run(document(), facts=nested)
    assert [(p.path, p.code) for p in caught.value.problems] == [("/facts/tags", "invalid_value")]
    raw = pa.table({"id": pa.array([b"\xff"], type=pa.binary())})
    with pytest.raises(attain.InputError) as caught:
        attain.run(document(), facts=raw)
    assert caught.value.problems[0].path == "/facts/id"
    with pytest.raises(TypeError):
        attain.run(document(), facts=pd.Series([1, 2]))


def test_the_ledger_as_tables() -> None:
    facts = (
        "id,subject,type,won_at,amount\n"
        "1,wang,deal,2026-07-02,1\n"
        "2,wang,deal,someday,2\n"  # bad_date
        "3,nobody,deal,2026-07-03,3\n"  # unknown_subject
        "4,wang,deal,2026-07-04,4\n"
        "4,wang,deal,2026-07-04,5\n"  # conflicting with the row above
        "cut,short\n"  # bad_row
    )
    run = attain.run(document(), facts=facts)
    rejections = run.rejections_table()
    assert rejections.column_names == ["line", "field", "code", "message"]
    assert rejections.to_pylist() == run.ledger["rejections"]
    assert [(r["line"], r["code"]) for r in rejections.to_pylist()] == [
        (3, "bad_date"), (4, "unknown_subject"), (7, "bad_row")]
    conflicts = run.conflicts_table()
    assert conflicts.to_pylist() == [{"id": "4", "lines": [5, 6]}]
    assert conflicts.schema.field("lines").type == pa.list_(pa.int64())
    # An empty ledger is an empty table with the same columns.
    clean = attain.run(document(), facts="id,subject,type,won_at,amount\n1,wang,deal,2026-07-02,1\n")
    assert clean.rejections_table().num_rows == 0
    assert clean.conflicts_table().column_names == ["id", "lines"]
