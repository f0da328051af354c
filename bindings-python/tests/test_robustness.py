"""Nothing leaks an untyped exception (issue #14): ints too long to write as text,
lone surrogates in every string the binding reads, a panic inside the binding; and
figures too wide for rust_decimal at the plan's scale are exported exactly."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import attain
from attain import _attain

from conftest import TELESALES

SURROGATE = "\ud800"


def problems(caught: pytest.ExceptionInfo[attain.Error]) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in caught.value.problems]


# --- Ints with more digits than the interpreter writes as text -------------------


def test_huge_ints_are_out_of_range_with_their_path(telesales: attain.Plan) -> None:
    huge = 10**5000  # str(huge) raises ValueError (4300 digits) in CPython >= 3.11
    with pytest.raises(attain.InputError) as caught:
        telesales.score([{"id": "a", "actuals": {"calls": huge, "revenue": -huge}}])
    assert problems(caught) == [
        ("/subjects/0/actuals/calls", "number_out_of_range"),
        ("/subjects/0/actuals/revenue", "number_out_of_range"),
    ]
    plan = json.loads(json.dumps(TELESALES))
    plan["indicators"][0]["target"]["value"] = huge
    with pytest.raises(attain.PlanError) as plan_caught:
        attain.Plan.from_dict(plan)
    assert problems(plan_caught) == [("/indicators/0/target/value", "number_out_of_range")]
    with pytest.raises(attain.InputError) as what_if:
        telesales.what_if({"id": "a"}).set("calls", huge)
    assert problems(what_if) == [("/actuals/calls", "number_out_of_range")]
    # Below the threshold the core decides, as before: 10^600 is out of range too.
    with pytest.raises(attain.InputError) as caught:
        telesales.score([{"id": "a", "actuals": {"calls": 10**600}}])
    assert problems(caught) == [("/subjects/0/actuals/calls", "number_out_of_range")]


def test_huge_ints_even_with_a_lower_interpreter_limit(telesales: attain.Plan) -> None:
    if not hasattr(sys, "set_int_max_str_digits"):
        pytest.skip("no int to str limit before Python 3.11")
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)  # the lowest limit an interpreter allows
    try:
        with pytest.raises(attain.InputError) as caught:
            telesales.score([{"id": "a", "actuals": {"calls": 10**700}}])
        assert problems(caught) == [("/subjects/0/actuals/calls", "number_out_of_range")]
    finally:
        sys.set_int_max_str_digits(before)


# --- Lone surrogates ----------------------------------------------------------------


def test_lone_surrogates_in_documents_are_typed_errors(telesales: attain.Plan) -> None:
    with pytest.raises(attain.InputError) as caught:
        telesales.score([{"id": "a" + SURROGATE, "actuals": {"calls": 1}}])
    assert problems(caught) == [("/subjects/0/id", "invalid_value")]
    assert "U+D800 at character 1" in caught.value.problems[0].message
    with pytest.raises(attain.InputError) as caught:
        telesales.score([{"id": "a", "actuals": {SURROGATE: 1}}])
    assert problems(caught) == [("/subjects/0/actuals", "invalid_value")]
    plan = json.loads(json.dumps(TELESALES))
    plan["name"] = "KPI " + SURROGATE
    with pytest.raises(attain.PlanError) as plan_caught:
        attain.Plan.from_dict(plan)
    assert problems(plan_caught) == [("/name", "invalid_value")]


def test_lone_surrogates_in_json_text_are_invalid_json() -> None:
    text = json.dumps(TELESALES, ensure_ascii=False, indent=1).replace("电话销售", "电话" + SURROGATE)
    with pytest.raises(attain.PlanError) as caught:
        attain.Plan.from_json(text)
    assert problems(caught) == [("", "invalid_json")]
    assert "U+D800 at line 3 column" in caught.value.problems[0].message
    plan = attain.Plan.from_dict(TELESALES)
    with pytest.raises(attain.InputError) as input_caught:
        plan.score_json('{"subjects": [{"id": "' + SURROGATE + '"}]}')
    assert problems(input_caught) == [("", "invalid_json")]
    with pytest.raises(attain.InputError) as input_caught:
        plan.what_if('{"id": "' + SURROGATE + '"}')
    assert problems(input_caught) == [("", "invalid_json")]
    with pytest.raises(attain.InputError) as input_caught:
        attain.run_json('{"period": "' + SURROGATE + '"}')
    assert problems(input_caught) == [("", "invalid_json")]
    with pytest.raises(attain.InputError) as input_caught:
        attain.run('{"period": "' + SURROGATE + '"}')
    assert problems(input_caught) == [("", "invalid_json")]


def test_a_plan_file_that_is_not_utf8_is_invalid_json(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(json.dumps(TELESALES, ensure_ascii=False).encode("utf-8").replace("电话".encode(), b"\xff\xfe"))
    with pytest.raises(attain.PlanError) as caught:
        attain.Plan.from_file(path)
    assert problems(caught) == [("", "invalid_json")]
    assert "not UTF-8" in caught.value.problems[0].message
    with pytest.raises(OSError):
        attain.Plan.from_file(tmp_path / "missing.json")


def test_lone_surrogates_in_names_and_lookups(telesales: attain.Plan) -> None:
    session = telesales.what_if({"id": "a"})
    with pytest.raises(attain.InputError) as caught:
        session.set(SURROGATE, 1)
    assert problems(caught) == [("/actuals", "invalid_value")]
    with pytest.raises(attain.InputError):
        session.actual(SURROGATE)
    results = telesales.score([{"id": "a"}])
    with pytest.raises(KeyError):
        results[SURROGATE]
    with pytest.raises(KeyError):
        results.explain(SURROGATE)
    assert SURROGATE not in results
    with pytest.raises(ValueError, match="U\\+D800"):
        telesales.score([{"id": "a"}], layout=SURROGATE)  # type: ignore[arg-type]


def test_lone_surrogates_in_facts_are_bad_rows_as_in_a_file() -> None:
    from test_run_tables import document

    header = "id,subject,type,won_at,amount\n"
    text = header + "1,wang,deal,2026-07-02,1" + SURROGATE + "\n2,wang,deal,2026-07-03,2\n"
    run = attain.run(document(), facts=text)
    raw = attain.run(document(), facts=text.encode("utf-8", "surrogatepass"))
    assert run.to_json() == raw.to_json()
    assert [(r["line"], r["code"]) for r in run.ledger["rejections"]] == [(2, "bad_row")]
    assert run.ledger["used"] == 1
    with pytest.raises(attain.InputError) as caught:
        attain.run({**document(), "roster": [{"subject": SURROGATE}]}, facts=header)
    assert problems(caught) == [("/roster/0/subject", "invalid_value")]
    with pytest.raises(ValueError, match="U\\+D800"):
        attain.run(document(), facts=header, format=SURROGATE)  # type: ignore[arg-type]


def test_lone_surrogates_in_tables_name_the_column(telesales: attain.Plan) -> None:
    from test_run_tables import document

    # (object columns: pandas' own string dtype cannot hold a lone surrogate)
    frame = pd.DataFrame({"id": pd.Series(["a", SURROGATE], dtype=object), "calls": [1, 2]})
    with pytest.raises(attain.InputError) as caught:
        telesales.score(frame)
    assert problems(caught) == [("/columns/id", "wrong_type")]
    assert "row 1" in caught.value.problems[0].message
    facts = pd.DataFrame({"id": ["1"], "subject": pd.Series([SURROGATE], dtype=object), "type": ["deal"],
                          "won_at": ["2026-07-02"]})
    with pytest.raises(attain.InputError) as caught:
        attain.run(document(), facts=facts)
    assert problems(caught) == [("/facts/subject", "invalid_value")]


# --- A panic inside the binding -------------------------------------------------------


@pytest.mark.parametrize("on_thread", [False, True])
def test_a_panic_is_a_typed_internal_error_and_quiet(on_thread: bool, capfd: pytest.CaptureFixture[str]) -> None:
    capfd.readouterr()
    with pytest.raises(attain.Error) as caught:
        _attain._provoke_panic(on_thread=on_thread)  # type: ignore[attr-defined]
    err = caught.value
    assert type(err) is attain.Error and not isinstance(err, (attain.PlanError, attain.InputError))
    assert err.kind == "internal"
    assert [(p.path, p.code) for p in err.problems] == [("", "internal")]
    assert "please report it" in str(err)
    assert ("provoked" if not on_thread else "panicked") in str(err)
    assert err.to_dict()["error"] == "internal"
    out, errtext = capfd.readouterr()
    assert errtext == "" and out == "", (out, errtext)
    # The interpreter and the module still work.
    assert attain.Plan.from_dict(TELESALES).score([{"id": "a", "actuals": {"calls": 200}}])["a"].total is not None


# --- Export of figures wider than rust_decimal at the plan's scale --------------------


def wide_plan(scale: int = 6) -> attain.Plan:
    """A plan whose total is actual ÷ target × 100, uncapped, at `scale` places."""
    return attain.Plan.from_dict({
        "id": "wide", "name": "wide", "version": "1",
        "indicators": [{"id": "x", "name": "x", "unit": {"kind": "count"}, "direction": "higher_is_better",
                        "target": {"value": "0.0000000001"}, "curve": {"kind": "ratio"}}],
        "tree": {"group": "root", "children": [{"indicator": "x", "weight": "100"}]},
        "rounding": {"scale": scale},
    })


# rust_decimal's mantissa is below 2^96 = 79228162514264337593543950336: with 6 places
# the widest total it holds is 79228162514264337593543.950335. An actual of a gives a
# total of a × 10^12: just below, just above that bound, and far above it.
BOUNDARY = ["79228162514.2643375935", "79228162514.2643375936", "80000000000", "123456789012345"]


@pytest.mark.parametrize("actual", BOUNDARY)
def test_wide_totals_export_exactly(actual: str) -> None:
    plan = wide_plan()
    results = plan.score([{"id": "a", "actuals": {"x": actual}}, {"id": "b", "actuals": {"x": "1"}}])
    truth = [Decimal(r["total"]) for r in sorted(json.loads(results.to_json())["subjects"], key=lambda r: r["id"])]
    texts = [r["total"] for r in sorted(json.loads(results.to_json())["subjects"], key=lambda r: r["id"])]
    assert all(t.split(".")[1].__len__() == 6 for t in texts), texts
    assert Decimal(texts[0]) == Decimal(actual) * 10**12 and texts[1] == "1000000000000.000000"
    table = results.to_arrow()
    assert table.schema.field("total").type == pa.decimal128(38, 6)
    assert table.column("total").to_pylist() == truth
    assert table.column("x").to_pylist() == truth
    assert [str(d) for d in results.to_pandas()["total"]] == texts
    assert [str(d) for d in results.to_polars()["total"].to_list()] == texts
    assert [str(r["total"]) for r in results.to_dicts()] == texts
    assert str(results["a"].total) == texts[0] and str(results["a"].scores["x"]) == texts[0]


def test_wide_totals_at_every_scale() -> None:
    for scale in range(7):
        results = wide_plan(scale).score([{"id": "a", "actuals": {"x": "99999999999999.9"}}])
        text = json.loads(results.to_json())["subjects"][0]["total"]
        assert pa.table(results).column("total").to_pylist() == [Decimal(text)], scale
        assert str(results["a"].total) == text


# --- Every code of the core is one the error classes carry ---------------------------


def test_error_codes_are_the_documented_ones() -> None:
    """`attain._errors.CODES` is checked against the core's `Code::ALL` by the Rust
    unit test `errors::tests::codes_match_the_core`; here against FORMAT.md."""
    import attain._errors as errors

    doc = (Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    assert errors.CODES[-1] == "internal"
    for code in errors.CODES[:-1]:
        assert f"`{code}`" in doc, code
    assert len(set(errors.CODES)) == len(errors.CODES)
