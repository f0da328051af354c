"""The what-if session: each re-score equals scoring the same actuals alone (bar the
rank), values are read exactly (str, int, Decimal, float by its shortest text), and a
refused value names its path and changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

import attain


def alone(plan: attain.Plan, subject: dict[str, Any]) -> dict[str, Any]:
    """The subject's scorecard scored alone with what it takes, rank cleared."""
    results = plan.score({"subjects": [subject], "options": {"what_it_takes": True}})
    card = results[subject["id"]].explain()
    return dict(card, rank=None)


def test_every_re_score_is_the_card_of_the_same_actuals(telesales: attain.Plan) -> None:
    rep = {"id": "wang.wu", "actuals": {"calls": "180", "conversion": "12"}, "targets": {"revenue": "90000"}}
    session = telesales.what_if(rep)
    assert repr(session) == "WhatIf(subject='wang.wu')"
    actuals = dict(rep["actuals"])
    for calls, revenue in [("150", "80000"), (Decimal("199.5"), "90000.00"), (240, "135000.5"), ("0", None)]:
        session.set("calls", calls).set("revenue", revenue)
        actuals["calls"] = str(calls)
        if revenue is None:
            actuals.pop("revenue", None)
        else:
            actuals["revenue"] = revenue
        want = alone(telesales, dict(rep, actuals=actuals))
        got = dict(session.score(), rank=None)
        assert got == want, (calls, revenue)
        assert session.actual("calls") == Decimal(str(calls))
        assert json.loads(session.score_json()) == json.loads(json.dumps(got, default=str))
    assert session.actual("revenue") is None
    preview = json.loads(session.preview_json())
    assert preview["total"] == str(session.score()["total"])


def test_values_are_exact_and_refusals_change_nothing(telesales: attain.Plan) -> None:
    session = telesales.what_if(json.dumps({"id": "li", "actuals": {"calls": "200"}}))
    session.set("conversion", 16.2)  # a float by its shortest text
    assert session.actual("conversion") == Decimal("16.2")
    before = session.score_json()
    with pytest.raises(attain.InputError) as caught:
        session.set("calls", "lots")
    assert [(p.path, p.code) for p in caught.value.problems] == [("/actuals/calls", "not_a_number")]
    with pytest.raises(attain.InputError) as caught:
        session.set("nope", "1")
    assert caught.value.problems[0].code == "unknown_indicator"
    with pytest.raises(attain.InputError) as caught:
        session.set("calls", float("nan"))
    assert caught.value.problems[0].path == "/actuals/calls"
    assert session.score_json() == before
    with pytest.raises(attain.InputError) as caught:
        telesales.what_if({"id": "x", "actuals": {"calls": "many"}})
    assert [(p.path, p.code) for p in caught.value.problems] == [("/actuals/calls", "not_a_number")]
