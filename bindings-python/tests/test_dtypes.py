"""Odd column types of pandas, polars and pyarrow (issue #14): each is read as what
it means or refused with `InputError` naming the column — never pyarrow's, polars'
or the interpreter's own exception, and never a silently wrong number (a pandas
Period is not its ordinal)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Callable

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import attain

from test_run_tables import document

# Two rows: "a" with 200 calls (a score of 100.00), "b" with 100 (50.00).
CALLS = [200, 100]
READ = {"a": Decimal("100.00"), "b": Decimal("50.00")}


def outcome(f: Callable[[], Any]) -> Any:
    """What a call gives: ("read", value) or ("refused", [(path, code)]). Any other
    exception fails the test."""
    try:
        return ("read", f())
    except attain.InputError as e:
        return ("refused", [(p.path, p.code) for p in e.problems])


def pandas_frame(column: Any) -> pd.DataFrame:
    return pd.DataFrame({"id": ["a", "b"], "calls": column})


def scores(results: attain.Results) -> dict[str, Any]:
    return {card.id: card.scores["calls"] for card in results}


bool8 = [("pa bool8", pa.ExtensionArray.from_storage(pa.bool8(), pa.array([1, 0], pa.int8())))] if hasattr(pa, "bool8") else []
uuid = [("pa uuid", pa.ExtensionArray.from_storage(pa.uuid(), pa.array([b"0" * 16] * 2, pa.binary(16))))] if hasattr(pa, "uuid") else []

# (name, the "calls" column, True when it must be read as CALLS, else refused)
ACTUALS: list[tuple[str, Any, bool]] = [
    ("pd Int64 with NA", pd.array([200, None], dtype="Int64"), True),
    ("pd UInt8", pd.array([200, 100], dtype="UInt8"), True),
    ("pd categorical of text", pd.Categorical(["200", "100"]), True),
    ("pd categorical of ints", pd.Categorical([200, 100]), True),
    ("pd sparse", pd.arrays.SparseArray([200, 100]), True),
    ("pd Decimal objects", pd.Series([Decimal("200"), Decimal("100")], dtype=object), True),
    ("pd string dtype", pd.array(["200", "100"], dtype="string"), True),
    ("pd boolean with NA", pd.array([True, None], dtype="boolean"), False),
    ("pd timedelta", pd.to_timedelta([200, 100], unit="s"), False),
    ("pd complex", np.array([200 + 0j, 100 + 1j]), False),
    ("pd object of int and str", pd.Series([200, "x"], dtype=object), False),
    ("pd object of int and list", pd.Series([200, [1]], dtype=object), False),
    ("pd bytes", pd.Series([b"200", b"100"], dtype=object), False),
    ("pd datetime with tz", pd.to_datetime(["2026-07-01", "2026-07-02"]).tz_localize("Asia/Shanghai"), False),
    ("pd period of months", pd.period_range("2026-07", periods=2, freq="M"), False),
    ("pd period of days", pd.period_range("2026-07-01", periods=2, freq="D"), False),
    ("pd interval", pd.interval_range(0, 2), False),
    ("pa large_string", pa.array(["200", "100"], pa.large_string()), True),
    ("pa string_view", pa.array(["200", "100"], pa.string_view()), True),
    ("pa dictionary of text", pa.array(["200", "100"]).dictionary_encode(), True),
    ("pa dictionary of ints", pa.array([200, 100]).dictionary_encode(), True),
    ("pa decimal128(38, 10)", pa.array([Decimal("200"), Decimal("100")], pa.decimal128(38, 10)), True),
    ("pa decimal256(76, 10)", pa.array([Decimal("200"), Decimal("100")], pa.decimal256(76, 10)), True),
    ("pa float16", pa.array(np.array([200, 100], dtype=np.float16)), True),
    ("pa duration", pa.array([200, 100], pa.duration("s")), False),
    ("pa time64", pa.array([datetime.time(2), datetime.time(1)], pa.time64("us")), False),
    ("pa month_day_nano", pa.array([(0, 0, 200), (0, 0, 100)], pa.month_day_nano_interval()), False),
    ("pa bool", pa.array([True, False]), False),
    ("pa binary", pa.array([b"200", b"100"]), False),
    ("pa list", pa.array([[200], [100]]), False),
    ("pa period extension of months", pa.array(pd.period_range("2026-07", periods=2, freq="M")), False),
    *[(n, a, False) for n, a in bool8 + uuid],
    ("pl Categorical", pl.Series(["200", "100"], dtype=pl.Categorical), True),
    ("pl Enum", pl.Series(["200", "100"], dtype=pl.Enum(["100", "200"])), True),
    ("pl Decimal(38, 20)", pl.Series([Decimal("200"), Decimal("100")], dtype=pl.Decimal(38, 20)), True),
    ("pl UInt64", pl.Series([200, 100], dtype=pl.UInt64), True),
    ("pl Duration", pl.Series([datetime.timedelta(200), datetime.timedelta(100)]), False),
    ("pl Time", pl.Series([datetime.time(2), datetime.time(1)]), False),
    ("pl Boolean with null", pl.Series([True, None]), False),
    ("pl Object", pl.Series([object(), object()], dtype=pl.Object), False),
    # Not in the Arrow C interface of arrow-rs: refused, with the column found.
    *([("pl Int128", pl.Series([200, 100], dtype=pl.Int128), False)] if hasattr(pl, "Int128") else []),
]


def actuals_table(column: Any) -> Any:
    if isinstance(column, pl.Series):
        return pl.DataFrame({"id": ["a", "b"], "calls": column})
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        return pa.table({"id": ["a", "b"], "calls": column})
    return pandas_frame(column)


@pytest.mark.parametrize("name,column,readable", ACTUALS, ids=[c[0] for c in ACTUALS])
def test_actuals_columns(telesales: attain.Plan, name: str, column: Any, readable: bool) -> None:
    got = outcome(lambda: scores(telesales.score(actuals_table(column))))
    if readable:
        want = dict(READ)
        if name == "pd Int64 with NA":
            want["b"] = None
        assert got == ("read", want)
    else:
        assert got[0] == "refused", got
        assert got[1] == [("/columns/calls", "wrong_type")], got


# Facts: the odd column is `amount` (1 and 2 summed: 3 of a target of 1000 = 0.30)
# or `won_at` (2026-07-02 and 2026-07-03: both deals inside 2026-Q3).
def facts_frame(field: str, column: Any) -> Any:
    base = {"id": ["1", "2"], "subject": ["wang", "wang"], "type": ["deal", "deal"],
            "won_at": ["2026-07-02", "2026-07-03"], "amount": ["1", "2"]}
    if isinstance(column, pl.Series):
        return pl.DataFrame(base).with_columns(column.alias(field))
    if isinstance(column, (pa.Array, pa.ChunkedArray)):
        table = pa.table(base)
        return table.set_column(table.schema.get_field_index(field), field, column)
    frame = pd.DataFrame(base)
    frame[field] = column
    return frame


def ledger(run: attain.Run) -> tuple[int, int, Decimal | None]:
    return run.ledger["used"], run.ledger["rejected"], run["ae"]["wang"].scores["amount"]


FULL = (2, 0, Decimal("0.30"))

# (name, field, column, True when read as the plain CSV's values, else refused)
FACTS: list[tuple[str, str, Any, bool]] = [
    ("pd Int64 amounts", "amount", pd.array([1, 2], dtype="Int64"), True),
    ("pd categorical amounts", "amount", pd.Categorical(["1", "2"]), True),
    ("pd Decimal amounts", "amount", pd.Series([Decimal("1"), Decimal("2.00")], dtype=object), True),
    ("pd sparse amounts", "amount", pd.arrays.SparseArray([1, 2]), True),
    ("pd complex amounts", "amount", np.array([1 + 0j, 2 + 0j]), False),
    ("pd mixed amounts", "amount", pd.Series([1, "2"], dtype=object), False),
    ("pd timedelta amounts", "amount", pd.to_timedelta([1, 2], unit="s"), False),
    ("pd period amounts", "amount", pd.period_range("2026-07", periods=2, freq="M"), False),
    ("pd bytes amounts", "amount", pd.Series([b"1", b"2"], dtype=object), False),
    ("pd interval amounts", "amount", pd.interval_range(1, 3), False),
    ("pd daily periods as dates", "won_at", pd.period_range("2026-07-02", periods=2, freq="D"), True),
    ("pd monthly periods as dates", "won_at", pd.period_range("2026-07", periods=2, freq="M"), False),
    ("pd datetime with tz", "won_at", pd.to_datetime(["2026-07-02 10:00", "2026-07-03 10:00"]).tz_localize("Asia/Shanghai"), True),
    ("pa large_string amounts", "amount", pa.array(["1", "2"], pa.large_string()), True),
    ("pa dictionary amounts", "amount", pa.array(["1", "2"]).dictionary_encode(), True),
    ("pa decimal128(38, 30) amounts", "amount", pa.array([Decimal("1"), Decimal("2")], pa.decimal128(38, 30)), True),
    ("pa decimal256 amounts", "amount", pa.array([Decimal("1"), Decimal("2")], pa.decimal256(76, 40)), True),
    ("pa duration amounts", "amount", pa.array([1, 2], pa.duration("s")), False),
    ("pa time amounts", "amount", pa.array([datetime.time(1), datetime.time(2)], pa.time64("us")), False),
    ("pa interval amounts", "amount", pa.array([(0, 0, 1), (0, 0, 2)], pa.month_day_nano_interval()), False),
    ("pa period extension amounts", "amount", pa.array(pd.period_range("2026-07", periods=2, freq="M")), False),
    ("pa daily period extension dates", "won_at", pa.array(pd.period_range("2026-07-02", periods=2, freq="D")), True),
    ("pa date32 dates", "won_at", pa.array([datetime.date(2026, 7, 2), datetime.date(2026, 7, 3)]), True),
    *[(n, "amount", a, False) for n, a in bool8 + uuid],
    ("pl Categorical amounts", "amount", pl.Series(["1", "2"], dtype=pl.Categorical), True),
    ("pl Decimal amounts", "amount", pl.Series([Decimal("1"), Decimal("2")], dtype=pl.Decimal(38, 20)), True),
    ("pl Duration amounts", "amount", pl.Series([datetime.timedelta(1), datetime.timedelta(2)]), False),
    ("pl Object amounts", "amount", pl.Series([object(), object()], dtype=pl.Object), False),
    ("pl Date dates", "won_at", pl.Series([datetime.date(2026, 7, 2), datetime.date(2026, 7, 3)]), True),
    *([("pl Int128 amounts", "amount", pl.Series([1, 2], dtype=pl.Int128), False)] if hasattr(pl, "Int128") else []),
]


@pytest.mark.parametrize("name,field,column,readable", FACTS, ids=[c[0] for c in FACTS])
def test_facts_columns(name: str, field: str, column: Any, readable: bool) -> None:
    got = outcome(lambda: ledger(attain.run(document(), facts=facts_frame(field, column))))
    if readable:
        assert got == ("read", FULL)
    else:
        assert got[0] == "refused", got
        assert got[1] == [(f"/facts/{field}", "invalid_value")], got


def test_a_period_column_is_never_its_ordinal(telesales: attain.Plan) -> None:
    months = pd.period_range("2026-07", periods=2, freq="M")
    with pytest.raises(attain.InputError) as caught:
        telesales.score(pandas_frame(months))
    assert "Period" in caught.value.problems[0].message and "\"M\"" in caught.value.problems[0].message
    # As ids: refused too (the ordinal 678 is no subject).
    with pytest.raises(attain.InputError) as ids:
        telesales.score(pd.DataFrame({"id": months, "calls": CALLS}))
    assert [(p.path, p.code) for p in ids.value.problems] == [("/columns/id", "wrong_type")]
    # An empty table with a Period column is refused as well.
    with pytest.raises(attain.InputError):
        telesales.score(pd.DataFrame({"id": pd.Series([], dtype=str), "calls": months[:0]}))
