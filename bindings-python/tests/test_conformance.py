"""The shared conformance corpus: every valid case gives the expected canonical bytes
(through `score_json`, through `score` with a dict, and with the subjects reversed);
every invalid case is refused with exactly the listed (path, code) set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import attain

from conftest import CONFORMANCE, canonical, dumps_exact, load_exact

import json

VALID = sorted((CONFORMANCE / "cases").glob("*.json"))
INVALID = sorted((CONFORMANCE / "invalid").glob("*.json"))


def test_corpus_is_not_empty() -> None:
    assert len(VALID) > 0, f"no valid cases in {CONFORMANCE / 'cases'}"
    assert len(INVALID) > 0, f"no invalid cases in {CONFORMANCE / 'invalid'}"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_case(path: Path) -> None:
    case = load_exact(path)
    expected = canonical(json.loads(path.read_text(encoding="utf-8"))["expected"])
    plan = attain.Plan.from_dict(case["plan"])
    # Same plan through its JSON text.
    assert attain.Plan.from_json(dumps_exact(case["plan"])).to_json() == plan.to_json()
    assert plan.score_json(dumps_exact(case["input"])) == expected
    assert plan.score(case["input"]).to_json() == expected
    reversed_input = dict(case["input"])
    reversed_input["subjects"] = list(reversed(case["input"].get("subjects", [])))
    assert plan.score(reversed_input).to_json() == expected


def _expected_problems(case: Any) -> tuple[str, set[tuple[str, str]]]:
    want = case["expected_error"]
    return want["error"], {(p["path"], p["code"]) for p in want["problems"]}


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_case(path: Path) -> None:
    case = load_exact(path)
    kind, want = _expected_problems(case)
    error_class = attain.PlanError if kind == "plan" else attain.InputError
    with pytest.raises(error_class) as caught:
        if "plan_text" in case:
            plan = attain.Plan.from_json(case["plan_text"])
        else:
            plan = attain.Plan.from_dict(case["plan"])
        if "input" in case:
            plan.score(case["input"])
    err = caught.value
    assert isinstance(err, attain.Error) and isinstance(err, ValueError)
    assert err.kind == kind
    assert {(p.path, p.code) for p in err.problems} == want
    assert all(p.message for p in err.problems)
    # The same refusal through the JSON text entry points.
    if "input" in case:
        plan = attain.Plan.from_dict(case["plan"]) if "plan" in case else attain.Plan.from_json(case["plan_text"])
        with pytest.raises(attain.InputError) as again:
            plan.score_json(dumps_exact(case["input"]))
        assert {(p.path, p.code) for p in again.value.problems} == want
    elif "plan" in case:
        with pytest.raises(attain.PlanError) as again_plan:
            attain.Plan.from_json(dumps_exact(case["plan"]))
        assert {(p.path, p.code) for p in again_plan.value.problems} == want
