"""Error classes: kinds, problems, ValueError compatibility; nothing crashes."""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest

import attain

from conftest import TELESALES


def test_classes() -> None:
    assert issubclass(attain.Error, Exception)
    for cls in (attain.PlanError, attain.InputError):
        assert issubclass(cls, attain.Error) and issubclass(cls, ValueError)
    assert not issubclass(attain.PlanError, attain.InputError)


def test_plan_error_lists_every_problem() -> None:
    bad = dict(TELESALES)
    bad["tree"] = {"group": "root", "children": [
        {"indicator": "calls", "weight": "30"}, {"indicator": "conversion", "weight": "30"},
        {"indicator": "revenue", "weight": "30"}]}
    bad["rounding"] = {"scale": 9}
    with pytest.raises(attain.PlanError) as caught:
        attain.Plan.from_dict(bad)
    err = caught.value
    assert err.kind == "plan"
    codes = {(p.path, p.code) for p in err.problems}
    assert ("/tree/children", "weights_do_not_sum_to_100") in codes
    assert len(codes) >= 2
    problem = err.problems[0]
    assert isinstance(problem, attain.Problem) and isinstance(problem, tuple)
    path, code, message = problem
    assert path == problem.path and code == problem.code and message == problem.message
    assert err.to_dict()["error"] == "plan"
    assert str(err).startswith("invalid plan:")
    again = pickle.loads(pickle.dumps(err))
    assert type(again) is attain.PlanError and again.problems == err.problems and again.kind == "plan"


def test_plan_error_catchable_as_value_error() -> None:
    with pytest.raises(ValueError):
        attain.Plan.from_json("{not json")
    with pytest.raises(attain.PlanError) as caught:
        attain.Plan.from_json("{not json")
    assert [p.code for p in caught.value.problems] == ["invalid_json"]


def test_input_error(telesales: attain.Plan) -> None:
    with pytest.raises(attain.InputError) as caught:
        telesales.score([
            {"id": "a", "actuals": {"calls": "NaN", "nope": 1}},
            {"id": "a", "active": 2},
        ])
    err = caught.value
    assert err.kind == "input"
    assert {(p.path, p.code) for p in err.problems} == {
        ("/subjects/0/actuals/calls", "not_finite"),
        ("/subjects/0/actuals/nope", "unknown_indicator"),
        ("/subjects/1/active", "active_out_of_range"),
        ("/subjects/1/id", "duplicate_subject"),
    }


def test_python_floats_in_dicts(telesales: attain.Plan) -> None:
    with pytest.raises(attain.InputError) as caught:
        telesales.score([{"id": "a", "actuals": {"calls": float("nan"), "conversion": float("-inf")}}])
    assert {(p.path, p.code) for p in caught.value.problems} == {
        ("/subjects/0/actuals/calls", "not_finite"), ("/subjects/0/actuals/conversion", "not_finite")}
    # A float is read from its shortest text: 1234.56 stays 1234.56.
    results = telesales.score([{"id": "a", "actuals": {"revenue": 1234.56}, "targets": {"revenue": 1000}}])
    assert results.explain("a")["tree"]["children"][2]["actual"] == Decimal("1234.56")
    # strict refuses floats, with the path.
    with pytest.raises(attain.InputError) as strict:
        telesales.score([{"id": "a", "actuals": {"calls": 1.5, "conversion": "2"}}], strict=True)
    assert [(p.path, p.code) for p in strict.value.problems] == [("/subjects/0/actuals/calls", "wrong_type")]


def _nested(depth: int) -> list[Any]:
    out: list[Any] = []
    for _ in range(depth):
        out = [out]
    return out


@pytest.mark.parametrize("value", [object(), {1: 2}, {"a": {1, 2}}, b"bytes", {"id": _nested(100)}])
def test_odd_python_values_are_refused_not_crashed(value: Any) -> None:
    with pytest.raises((attain.PlanError, TypeError)):
        attain.Plan.from_dict(value)


def test_self_referencing_dict_does_not_crash() -> None:
    d: dict[str, Any] = {}
    d["tree"] = d
    with pytest.raises(attain.PlanError) as caught:
        attain.Plan.from_dict(d)
    assert any(p.code == "too_deep" for p in caught.value.problems)


def test_odd_actuals(telesales: attain.Plan) -> None:
    with pytest.raises(TypeError):
        telesales.score(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        telesales.score("zhang.san")  # type: ignore[arg-type]
    with pytest.raises(attain.InputError):
        telesales.score({"subjects": [{"id": ""}]})
    with pytest.raises(attain.InputError):
        telesales.score({"subjects": "x"})
    with pytest.raises(ValueError):
        telesales.score([], layout="diagonal")  # type: ignore[arg-type]
    assert len(telesales.score([])) == 0


def test_score_json_errors(telesales: attain.Plan) -> None:
    with pytest.raises(attain.InputError) as caught:
        telesales.score_json("[1, 2")
    assert caught.value.problems[0].code == "invalid_json"
    with pytest.raises(attain.InputError):
        telesales.score_json('{"subjects": [{"id": "a", "actuals": {"calls": 1e400}}]}')


@pytest.mark.parametrize("text", ["", "null", "[]", '"x"', "1e999999", '{"id": 1}', "{" * 10000, '{"a":' * 5000])
def test_garbage_plans(text: str) -> None:
    with pytest.raises(attain.PlanError):
        attain.Plan.from_json(text)
