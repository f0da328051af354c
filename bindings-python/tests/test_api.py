"""Plans, results, scorecards and explanations through the Python API."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import attain

from conftest import TELESALES


def test_plan_constructors_agree(tmp_path: Path, telesales: attain.Plan) -> None:
    text = json.dumps(TELESALES, ensure_ascii=False)
    file = tmp_path / "plan.json"
    file.write_text(text, encoding="utf-8")
    for plan in (attain.Plan.from_json(text), attain.Plan.from_file(file), attain.Plan.from_file(str(file))):
        assert plan.to_json() == telesales.to_json()
    assert telesales.id == "telesales-2026"
    assert telesales.name == "电话销售 KPI 2026"
    assert telesales.version == "1"
    assert telesales.indicator_ids == ["calls", "conversion", "revenue"]
    assert telesales.scale == 2
    assert attain.Plan.from_dict(telesales.to_dict()).to_json() == telesales.to_json()
    assert "telesales-2026" in repr(telesales)
    assert pickle.loads(pickle.dumps(telesales)).to_json() == telesales.to_json()


def test_from_file_missing_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        attain.Plan.from_file(tmp_path / "nope.json")


def test_plan_schema_is_a_json_schema() -> None:
    schema = attain.plan_schema()
    assert isinstance(schema, dict)
    assert "properties" in schema or "$defs" in schema


def test_numbers_in_plan_dict_any_python_type() -> None:
    plan = dict(TELESALES)
    plan["indicators"] = [dict(i) for i in TELESALES["indicators"]]
    plan["indicators"][0]["target"] = {"value": 200}
    plan["indicators"][1]["target"] = {"value": 15.0}
    plan["indicators"][2]["target"] = {"value": Decimal("100000"), "per_subject": True}
    assert attain.Plan.from_dict(plan).to_json() == attain.Plan.from_dict(TELESALES).to_json()


SUBJECTS: list[dict[str, Any]] = [
    {"id": "zhang.san", "name": "张三", "actuals": {"calls": "212", "conversion": "16.5", "revenue": "123456.78"},
     "targets": {"revenue": "100000"}, "groups": {"team": "north"}},
    {"id": "li.si", "actuals": {"calls": 180, "conversion": Decimal("12"), "revenue": None},
     "groups": {"team": "north"}},
    {"id": "wang.wu", "actuals": {"calls": 250, "conversion": 15.0}, "groups": {"team": "south"}, "base": "20000"},
]


def test_results_summary(telesales: attain.Plan) -> None:
    results = telesales.score(SUBJECTS)
    assert len(results) == 3
    assert results.subject_ids == ["li.si", "wang.wu", "zhang.san"]
    assert [c.id for c in results] == results.subject_ids
    assert "li.si" in results and "nobody" not in results and 3 not in results
    card = results["zhang.san"]
    # calls 106, conversion 110, revenue 123.45678 → 30% · 106 + 30% · 110 + 40% · 123.45678
    assert card.total == Decimal("114.18")
    assert str(card.total) == "114.18"
    assert card.rating == "S"
    assert card.rank == 1
    assert card.payout == Decimal("15000.00")
    assert card.status == "scored"
    assert card.flags == []
    assert card.problems == []
    assert card.scores == {"calls": Decimal("106.00"), "conversion": Decimal("110.00"), "revenue": Decimal("123.46")}
    assert results["wang.wu"].payout == Decimal("30000.00")  # S: the subject's own base × 1.5
    with pytest.raises(KeyError):
        results["nobody"]
    rows = results.to_dicts()
    assert rows[2] == card.to_dict()
    assert list(rows[0]) == results.columns == [
        "id", "status", "total", "rating", "rank", "payout", "flags", "calls", "conversion", "revenue"]
    assert all(isinstance(r["total"], Decimal) for r in rows)
    assert "zhang.san" in repr(results)
    assert repr(card).startswith("Scorecard(")


def test_to_json_is_canonical(telesales: attain.Plan) -> None:
    results = telesales.score(SUBJECTS)
    text = results.to_json()
    doc = json.loads(text)
    assert json.dumps(doc, ensure_ascii=False, separators=(",", ":")) == text
    assert telesales.score_json(json.dumps({"subjects": [
        {"id": "zhang.san", "actuals": {"calls": "212", "conversion": "16.5", "revenue": "123456.78"},
         "targets": {"revenue": "100000"}, "groups": {"team": "north"}},
        {"id": "li.si", "actuals": {"calls": 180, "conversion": "12"}, "groups": {"team": "north"}},
        {"id": "wang.wu", "actuals": {"calls": 250, "conversion": 15.0}, "groups": {"team": "south"},
         "base": "20000"}]})) == text
    # An input document as a dict gives the same bytes.
    assert telesales.score({"subjects": SUBJECTS}).to_json() == text


def test_explain_tree_with_decimals_and_next(telesales: attain.Plan) -> None:
    results = telesales.score(SUBJECTS, what_it_takes=True)
    tree = results.explain("li.si")
    assert tree["id"] == "li.si"
    assert tree["total"] == Decimal("85.00")
    calls = tree["tree"]["children"][0]
    assert calls["id"] == "calls" and calls["actual"] == Decimal("180.00") and calls["target"] == Decimal("200.00")
    assert calls["achievement"] == Decimal("90.00")
    assert calls["variance"] == Decimal("-20.00")  # actual − target, a Decimal
    nxt = calls["next"]
    assert nxt is not None and isinstance(nxt["actual"], Decimal) and nxt["goal"] in ("tier", "point")
    assert nxt["change"] == nxt["actual"] - calls["actual"]
    assert isinstance(nxt["total"], Decimal)
    assert tree["groups"] == {"team": "north"}
    assert results["li.si"].explain() == tree
    # Without the option, `next` is null.
    assert telesales.score(SUBJECTS).explain("li.si")["tree"]["children"][0]["next"] is None
    with pytest.raises(KeyError):
        results.explain("nobody")


def test_option_in_document(telesales: attain.Plan) -> None:
    doc = {"subjects": SUBJECTS, "options": {"what_it_takes": True}}
    assert telesales.score(doc).explain("li.si")["tree"]["children"][0]["next"] is not None


def test_half_away_from_zero_on_the_third_decimal() -> None:
    # 1/3 + 2/3 cancel exactly; 87.525 % × 20 % = 17.505: the total is exactly 57.505 → 57.51.
    plan = attain.Plan.from_dict({
        "id": "x005", "name": "四舍五入", "version": "1",
        "indicators": [
            {"id": i, "name": i, "unit": {"kind": "count"}, "direction": "higher_is_better",
             "target": {"value": t}, "curve": {"kind": "ratio"}}
            for i, t in (("a", "300"), ("b", "300"), ("c", "1000"))],
        "tree": {"group": "root", "children": [
            {"indicator": "a", "weight": 40}, {"indicator": "b", "weight": 40}, {"indicator": "c", "weight": 20}]},
    })
    results = plan.score([
        {"id": "s1", "actuals": {"a": 100, "b": 200, "c": Decimal("875.25")}},
        {"id": "s2", "actuals": {"a": 200, "b": 100, "c": 875.75}},
        {"id": "s3", "actuals": {"a": 100, "b": 200, "c": "875.2"}},
    ])
    assert results["s1"].total == Decimal("57.51")
    assert results["s2"].total == Decimal("57.52")
    assert results["s3"].total == Decimal("57.50")
    assert str(results["s3"].total) == "57.50"


def test_html_and_repr(telesales: attain.Plan) -> None:
    html = telesales.score(SUBJECTS)._repr_html_()
    assert html.startswith("<div><table>") and "zhang.san" in html and "#1a7f37" in html  # S in green
    assert "<script" not in html
    evil = telesales.score([{"id": "<script>x</script>", "actuals": {"calls": 1}}])._repr_html_()
    assert "<script>" not in evil and "&lt;script&gt;" in evil


def test_refused_subject(telesales: attain.Plan) -> None:
    plan_dict = json.loads(telesales.to_json())
    plan_dict["tree"]["children"][0]["missing"] = "refuse"
    plan = attain.Plan.from_dict(plan_dict)
    results = plan.score([{"id": "a", "actuals": {"conversion": 15}}])
    card = results["a"]
    assert card.status == "refused" and card.total is None and card.rank is None
    assert [(p.path, p.code) for p in card.problems] == [("/tree/children/0", "missing_data")]
    assert results.to_dicts()[0]["calls"] is None
