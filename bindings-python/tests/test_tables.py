"""Tables in (pandas, polars, pyarrow; wide and long), tables out, Decimal-exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import attain

from conftest import TELESALES

IDS = ["zhang.san", "li.si", "wang.wu"]
EXPECTED = {"zhang.san": Decimal("114.18"), "li.si": Decimal("85.00"), "wang.wu": Decimal("110.00")}


def reference(plan: attain.Plan) -> str:
    return plan.score([
        {"id": "zhang.san", "actuals": {"calls": "212", "conversion": "16.5", "revenue": "123456.78"},
         "targets": {"revenue": "100000"}, "groups": {"team": "north"}},
        {"id": "li.si", "actuals": {"calls": "180", "conversion": "12"}, "groups": {"team": "north"}},
        {"id": "wang.wu", "actuals": {"calls": "250", "conversion": "15"}, "groups": {"team": "south"}},
    ]).to_json()


def wide_columns() -> dict[str, list[Any]]:
    return {
        "id": IDS,
        "calls": [212, 180, 250],
        "conversion": [16.5, 12.0, 15.0],
        "revenue": [Decimal("123456.78"), None, None],
        "targets.revenue": ["100000", None, None],
        "team": ["north", "north", "south"],
    }


def test_pyarrow_wide(telesales: attain.Plan) -> None:
    table = pa.table(wide_columns())
    assert table.schema.field("revenue").type == pa.decimal128(8, 2)
    assert telesales.score(table).to_json() == reference(telesales)
    # A RecordBatch (__arrow_c_array__) too, and a stream of batches.
    batch = table.to_batches()[0]
    assert telesales.score(batch).to_json() == reference(telesales)
    chunked = pa.concat_tables([table.slice(0, 1), table.slice(1, 2)])
    assert chunked.column("id").num_chunks == 2
    assert telesales.score(chunked).to_json() == reference(telesales)


def test_pandas_wide_round_trip(telesales: attain.Plan) -> None:
    df = pd.DataFrame(wide_columns())
    results = telesales.score(df)
    assert results.to_json() == reference(telesales)
    out = results.to_pandas()
    assert isinstance(out, pd.DataFrame)
    assert list(out["id"]) == sorted(IDS)
    for sid, total in zip(out["id"], out["total"]):
        assert isinstance(total, Decimal) and total == EXPECTED[sid]
    assert str(out.loc[out["id"] == "li.si", "total"].iloc[0]) == "85.00"
    assert out["rank"].dtype == "Int64"
    assert out.loc[out["id"] == "li.si", "flags"].iloc[0] == ["missing"]
    # Subject ids in the index work too.
    indexed = pd.DataFrame(wide_columns()).set_index("id")
    assert telesales.score(indexed).to_json() == reference(telesales)
    unnamed = indexed.rename_axis(None)
    assert telesales.score(unnamed).to_json() == reference(telesales)


def test_polars_wide_round_trip(telesales: attain.Plan) -> None:
    df = pl.DataFrame(wide_columns(), schema_overrides={"revenue": pl.Decimal(12, 2)})
    results = telesales.score(df)
    assert results.to_json() == reference(telesales)
    out = results.to_polars()
    assert isinstance(out, pl.DataFrame)
    assert out.schema["total"] == pl.Decimal(38, 2)
    assert dict(zip(out["id"].to_list(), out["total"].to_list())) == EXPECTED
    # Categorical ids and group keys.
    cat = df.with_columns(pl.col("id").cast(pl.Categorical), pl.col("team").cast(pl.Categorical))
    assert telesales.score(cat).to_json() == reference(telesales)


def test_arrow_out_types(telesales: attain.Plan) -> None:
    table = telesales.score(pa.table(wide_columns())).to_arrow()
    assert isinstance(table, pa.Table)
    assert table.schema.field("total").type == pa.decimal128(38, 2)
    assert table.schema.field("calls").type == pa.decimal128(38, 2)
    assert table.column("total").to_pylist() == [EXPECTED[i] for i in sorted(IDS)]
    # Any Arrow consumer reads the results directly.
    assert pa.table(telesales.score(pa.table(wide_columns()))).equals(table)


def test_long_layout(telesales: attain.Plan) -> None:
    rows = {
        "subject": ["zhang.san", "zhang.san", "zhang.san", "li.si", "li.si", "wang.wu", "wang.wu"],
        "indicator": ["calls", "conversion", "revenue", "calls", "conversion", "calls", "conversion"],
        "actual": ["212", "16.5", "123456.78", "180", "12", "250", "15"],
        "target": [None, None, "100000", None, None, None, None],
    }
    plan_dict = telesales.to_dict()
    plan_dict.pop("ranking")
    plan = attain.Plan.from_dict(plan_dict)
    expected = plan.score([
        {"id": "zhang.san", "actuals": {"calls": "212", "conversion": "16.5", "revenue": "123456.78"},
         "targets": {"revenue": "100000"}},
        {"id": "li.si", "actuals": {"calls": "180", "conversion": "12"}},
        {"id": "wang.wu", "actuals": {"calls": "250", "conversion": "15"}},
    ]).to_json()
    for table in (pa.table(rows), pd.DataFrame(rows), pl.DataFrame(rows)):
        assert plan.score(table).to_json() == expected
    assert plan.score(pa.table(rows), layout="long").to_json() == expected
    # Numbers as floats in the long table: still exact.
    floats = dict(rows, actual=[212.0, 16.5, 123456.78, 180.0, 12.0, 250.0, 15.0],
                  target=[None, None, 100000.0, None, None, None, None])
    assert plan.score(pl.DataFrame(floats)).to_json() == expected
    with pytest.raises(attain.InputError) as caught:
        plan.score(pa.table({"subject": ["a", "a"], "indicator": ["calls", "calls"], "actual": [1, 2]}))
    assert [(p.path, p.code) for p in caught.value.problems] == [("/rows/1", "duplicate_id")]
    with pytest.raises(attain.InputError) as unknown:
        plan.score(pa.table({"subject": ["a"], "indicator": ["callz"], "actual": [1]}))
    assert [(p.path, p.code) for p in unknown.value.problems] == [("/rows/0/indicator", "unknown_indicator")]


def test_float_stays_exact(telesales: attain.Plan) -> None:
    for table in (
        pa.table({"id": ["a"], "revenue": [1234.56], "targets.revenue": [1000.0]}),
        pl.DataFrame({"id": ["a"], "revenue": [1234.56], "targets.revenue": [1000.0]}),
        pd.DataFrame({"id": ["a"], "revenue": [1234.56], "targets.revenue": [1000.0]}),
        pa.table({"id": ["a"], "revenue": pa.array([1234.56], pa.float32()), "targets.revenue": [1000]}),
    ):
        node = telesales.score(table).explain("a")["tree"]["children"][2]
        assert node["actual"] == Decimal("1234.56")
        assert node["achievement"] == Decimal("123.46")  # 123.456 → 123.46
    # 0.1 + 0.2 as a float is 0.30000000000000004: read as such, refused for its 17 digits.
    with pytest.raises(attain.InputError) as caught:
        telesales.score(pa.table({"id": ["a"], "conversion": [0.1 + 0.2]}))
    assert [(p.path, p.code) for p in caught.value.problems] == [("/rows/0/conversion", "too_many_digits")]


def test_strict_refuses_floats(telesales: attain.Plan) -> None:
    for table in (pa.table({"id": ["a"], "calls": [212.0]}), pl.DataFrame({"id": ["a"], "calls": [212.0]}),
                  pd.DataFrame({"id": ["a"], "calls": [212.0]})):
        with pytest.raises(attain.InputError) as caught:
            telesales.score(table, strict=True)
        assert [(p.path, p.code) for p in caught.value.problems] == [("/columns/calls", "wrong_type")]
    # Decimals, integers and strings are fine in strict mode.
    ok = pa.table({"id": ["a"], "calls": [212], "conversion": pa.array([Decimal("16.5")]), "revenue": ["1"]})
    assert telesales.score(ok, strict=True)["a"].status == "scored"


def test_inf_refused_with_row_and_column_nan_is_no_data(telesales: attain.Plan) -> None:
    n = 20
    calls = [200.0] * n
    calls[17] = float("nan")
    conversion = [15.0] * n
    conversion[3] = float("inf")
    ids = [f"s{i:02}" for i in range(n)]
    for table in (pa.table({"id": ids, "calls": calls, "conversion": conversion}),
                  pl.DataFrame({"id": ids, "calls": calls, "conversion": conversion}),
                  pd.DataFrame({"id": ids, "calls": calls, "conversion": conversion})):
        with pytest.raises(attain.InputError) as caught:
            telesales.score(table)
        # NaN is "missing" (as pandas users mean it); infinity is refused.
        assert [(p.path, p.code) for p in caught.value.problems] == [("/rows/3/conversion", "not_finite")]
        assert isinstance(caught.value, ValueError)


def test_nulls_are_no_data(telesales: attain.Plan) -> None:
    df = pl.DataFrame({"id": ["a", "b"], "calls": [None, 200], "conversion": [15, None]})
    results = telesales.score(df)
    assert results["a"].scores["calls"] is None and results["a"].scores["conversion"] == Decimal("100.00")
    pdf = pd.DataFrame({"id": ["a"], "calls": pd.array([None], dtype="Int64"), "conversion": pd.array([15.0], dtype="Float64")})
    assert telesales.score(pdf)["a"].scores == {"calls": None, "conversion": Decimal("100.00"), "revenue": None}


def test_table_problems(telesales: attain.Plan) -> None:
    cases: list[tuple[Any, set[tuple[str, str]]]] = [
        (pa.table({"id": ["a"], "callz": [1]}), {("/columns/callz", "unknown_field")}),
        (pa.table({"id": ["a", "a"], "calls": [1, 2]}), {("/rows/1/id", "duplicate_subject")}),
        (pa.table({"id": ["a", None], "calls": [1, 2]}), {("/rows/1/id", "invalid_id")}),
        (pa.table({"id": ["a"], "calls": ["12x"]}), {("/rows/0/calls", "not_a_number")}),
        (pa.table({"id": ["a"], "calls": [10**15]}), {("/rows/0/calls", "number_out_of_range")}),
        (pa.table({"id": ["a"], "calls": [True]}), {("/columns/calls", "wrong_type")}),
        (pa.table({"id": ["a"], "active": ["1.5"]}), {("/rows/0/active", "active_out_of_range")}),
        (pa.table({"id": ["a"], "targets.calls": [1]}), {("/rows/0/targets.calls", "target_not_per_subject")}),
        (pa.table({"id": ["a"], "targets.revenue": [0]}), {("/rows/0/targets.revenue", "zero_target")}),
        (pa.table({"id": ["a"], "points.nope": [1]}), {("/rows/0/points.nope", "unknown_adjustment")}),
        (pa.table({"id": ["a"], "calls": pa.array([Decimal("1.00000000001")], pa.decimal128(20, 11))}),
         {("/rows/0/calls", "too_many_digits")}),
        (pa.table({"id": ["a"], "subject": ["b"]}), {("/columns/subject", "duplicate_id")}),
    ]
    for table, want in cases:
        with pytest.raises(attain.InputError) as caught:
            telesales.score(table)
        assert {(p.path, p.code) for p in caught.value.problems} == want, table


def test_decimal_columns_of_every_width(telesales: attain.Plan) -> None:
    expected = telesales.score([{"id": "a", "actuals": {"calls": "212.5"}}]).to_json()
    for t in (pa.decimal32(5, 1), pa.decimal64(9, 1), pa.decimal128(20, 3), pa.decimal256(50, 10)):
        table = pa.table({"id": ["a"], "calls": pa.array([Decimal("212.5")], t)})
        assert telesales.score(table).to_json() == expected, t
    for t in (pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()):
        table = pa.table({"id": ["a"], "calls": pa.array([100], t)})
        assert telesales.score(table)["a"].scores["calls"] == Decimal("50.00"), t
    for t in (pa.string(), pa.large_string(), pa.string_view()):
        table = pa.table({"id": pa.array(["a"], t), "calls": pa.array(["212.5"], t)})
        assert telesales.score(table).to_json() == expected, t
    ints = pa.table({"id": [7], "calls": [212.5]})
    assert telesales.score(ints).subject_ids == ["7"]


def test_no_id_column_uses_row_numbers(telesales: attain.Plan) -> None:
    results = telesales.score(pa.table({"calls": [200, 100]}))
    assert results.subject_ids == ["0", "1"]


def _run_isolated(code: str) -> None:
    import os
    import subprocess
    import sys

    subprocess.run([sys.executable, "-c", code], check=True, cwd=os.path.dirname(__file__))


def test_no_dataframe_library_imported_unless_given() -> None:
    # polars in, polars out: neither pandas nor pyarrow is imported.
    _run_isolated(
        "import sys, polars as pl, attain\n"
        "from conftest import TELESALES\n"
        "plan = attain.Plan.from_dict(TELESALES)\n"
        "results = plan.score(pl.DataFrame({'id': ['a', 'b'], 'calls': [1, 2]}))\n"
        "results.to_json(); results.to_dicts(); repr(results); results._repr_html_()\n"
        "assert results.to_polars().height == 2\n"
        "assert 'pandas' not in sys.modules and 'pyarrow' not in sys.modules, 'imported'\n"
    )
    # pyarrow in, pyarrow out: polars is not imported (pyarrow itself may load pandas).
    _run_isolated(
        "import sys, pyarrow as pa, attain\n"
        "from conftest import TELESALES\n"
        "plan = attain.Plan.from_dict(TELESALES)\n"
        "results = plan.score(pa.table({'id': ['a', 'b'], 'calls': [1, 2]}))\n"
        "assert results.to_arrow().num_rows == 2\n"
        "assert 'polars' not in sys.modules, 'imported'\n"
    )


def test_floats_read_as_their_shortest_text() -> None:
    import random
    from decimal import ROUND_HALF_UP

    plan = attain.Plan.from_dict({
        "id": "floats", "name": "floats", "version": "1",
        "indicators": [{"id": "x", "name": "x", "unit": {"kind": "points"}, "direction": "higher_is_better",
                        "target": {"value": 1}, "curve": {"kind": "ratio"}}],
        "tree": {"group": "root", "children": [{"indicator": "x", "weight": 100}]},
        "rounding": {"scale": 6},
    })
    rng = random.Random(20260101)
    values = []
    for i in range(20_000):
        k = rng.randrange(10 ** rng.randrange(1, 16))
        f = k / 10 ** rng.randrange(0, 7) if i % 2 else rng.uniform(-1e9, 1e9)
        f = round(f, rng.randrange(0, 11)) if i % 3 == 0 else f
        if abs(f) < 1e15 and len(repr(f).split(".")[-1]) <= 10 and "e" not in repr(f):
            values.append(-f if i % 5 == 0 else f)
    ids = [f"s{i:05}" for i in range(len(values))]
    results = plan.score(pa.table({"id": ids, "x": pa.array(values, pa.float64())}))
    for sid, f in zip(ids, values):
        shown = results.explain(sid)["tree"]["children"][0]["actual"]
        assert shown == Decimal(repr(f)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP), (f, shown)


def test_what_it_takes_and_empty_tables(telesales: attain.Plan) -> None:
    table = pa.table({"id": ["a"], "calls": [150], "conversion": ["15"]})
    nxt = telesales.score(table, what_it_takes=True).explain("a")["tree"]["children"][0]["next"]
    assert nxt is not None and nxt["actual"] > Decimal("150")
    assert telesales.score(table).explain("a")["tree"]["children"][0]["next"] is None
    empty = pa.table({"id": pa.array([], pa.string()), "calls": pa.array([], pa.int64())})
    for t in (empty, pl.DataFrame({"id": [], "calls": []}, schema={"id": pl.String, "calls": pl.Int64}),
              pd.DataFrame({"id": pd.Series([], dtype=str), "calls": pd.Series([], dtype="int64")})):
        results = telesales.score(t)
        assert len(results) == 0 and results.to_dicts() == [] and results.to_arrow().num_rows == 0


def test_pandas_series_is_refused(telesales: attain.Plan) -> None:
    with pytest.raises(TypeError):
        telesales.score(pd.Series([1, 2]))  # type: ignore[arg-type]
