"""Data as notebook users hold it (issue #17): Plan objects and DataFrames in a run
document, NaN as missing, float_digits, a run's outcome as tables and HTML."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import attain

ROOT = Path(__file__).resolve().parents[2]
ORG = ROOT / "examples" / "org"


def org_plans() -> list[attain.Plan]:
    return [attain.Plan.from_file(p) for p in sorted((ORG / "plans").glob("*.json"))]


def csv_rows(name: str) -> list[dict[str, str]]:
    with open(ORG / name, encoding="utf-8", newline="") as f:
        return [{k: v for k, v in row.items() if v} for row in csv.DictReader(f)]


def reference() -> attain.Run:
    return attain.run({"plans": [p.to_dict() for p in org_plans()], "roster": csv_rows("roster.csv"),
                       "team_targets": csv_rows("team_targets.csv"), "period": "2026-Q3"},
                      facts=ORG / "facts.csv")


@pytest.mark.parametrize("kind", ["pandas", "polars", "arrow"])
def test_run_document_takes_plan_objects_and_tables(kind: str) -> None:
    roster = pd.read_csv(ORG / "roster.csv", parse_dates=["start", "end"])  # NaT for no end
    team_targets = pd.read_csv(ORG / "team_targets.csv")
    tables: dict[str, Any] = {"roster": roster, "team_targets": team_targets}
    if kind == "polars":
        tables = {k: pl.from_pandas(v) for k, v in tables.items()}
    elif kind == "arrow":
        tables = {k: pa.Table.from_pandas(v, preserve_index=False) for k, v in tables.items()}
    run = attain.run({"plans": org_plans(), **tables, "period": "2026-Q3"}, facts=ORG / "facts.csv")
    assert run.to_json() == reference().to_json()


def test_run_table_values_nan_and_paths() -> None:
    plans = org_plans()
    roster = pd.DataFrame({"subject": ["jiang.ping"], "role": ["telesales"], "team": ["t"], "share": [float("nan")]})
    run = attain.run({"plans": plans, "roster": roster, "period": "2026-Q3"}, facts="id,subject,type,at\n")
    assert run.plan_ids and run.to_pandas()["subject"].tolist() == ["jiang.ping"]
    with pytest.raises(attain.InputError) as caught:
        attain.run({"plans": plans, "roster": roster, "period": "2026-Q3"}, facts="id,subject,type,at\n", strict=True)
    assert [(p.path, p.code) for p in caught.value.problems] == [("/roster/0/share", "wrong_type")]
    bad = pd.DataFrame({"subject": ["a"], "rol": ["x"]})
    with pytest.raises(attain.InputError) as caught:
        attain.run({"plans": plans, "roster": bad, "period": "2026-Q3"})
    assert [(p.path, p.code) for p in caught.value.problems] == [("/roster/0/rol", "unknown_field")]


def test_float_digits_in_run_tables() -> None:
    plans = org_plans()
    roster = pd.DataFrame({"subject": ["a", "b"], "role": ["telesales"] * 2, "team": ["t"] * 2, "share": [1 / 3, 2 / 3]})
    with pytest.raises(attain.InputError) as caught:
        attain.run({"plans": plans, "roster": roster, "period": "2026-Q3"})
    assert {p.code for p in caught.value.problems} == {"too_many_digits"}
    assert all("float_digits" in p.message for p in caught.value.problems)
    attain.run({"plans": plans, "roster": roster, "period": "2026-Q3"}, float_digits=4)


def test_nan_is_missing_in_actuals_tables() -> None:
    plan = attain.Plan.from_file(ROOT / "examples" / "plans" / "telesales.json")
    df = pd.DataFrame({"id": ["a", "b", "c"], "calls": [92.0, 85.0, None]})
    assert df["calls"].isna().tolist() == [False, False, True]
    results = plan.score(df)
    assert results["c"].scores["calls"] is None and results["a"].scores["calls"] is not None
    for table in (pl.from_pandas(df), pa.Table.from_pandas(df, preserve_index=False)):
        assert plan.score(table).to_json() == results.to_json()
    with pytest.raises(attain.InputError) as caught:
        plan.score(df, strict=True)
    assert [(p.path, p.code) for p in caught.value.problems] == [("/columns/calls", "wrong_type")]


def test_computed_floats_refused_with_a_hint_and_float_digits() -> None:
    plan = attain.Plan.from_file(ROOT / "examples" / "plans" / "telesales.json")
    for value in (200 / 3, 0.1 + 0.2):
        for actuals in (pd.DataFrame({"id": ["a"], "calls": [value]}), [{"id": "a", "actuals": {"calls": value}}]):
            with pytest.raises(attain.InputError) as caught:
                plan.score(actuals)
            (problem,) = caught.value.problems
            assert problem.code == "too_many_digits"
            assert "round it first" in problem.message and "float_digits=2" in problem.message

    def actual(v: float, n: int, table: bool) -> Any:
        data: Any = pd.DataFrame({"id": ["a"], "calls": [v]}) if table else [{"id": "a", "actuals": {"calls": v}}]
        tree = plan.score(data, float_digits=n).explain("a")["tree"]

        def find(node: dict[str, Any]) -> Any:
            if node.get("id") == "calls":
                return node["actual"]
            return next((a for c in node.get("children", []) if (a := find(c)) is not None), None)

        return find(tree)

    for table in (True, False):
        # half-even on the shortest text: 0.125 → 0.12, 0.135 → 0.14, 2.675 → 2.68
        assert actual(0.125, 2, table) == Decimal("0.12")
        assert actual(0.135, 2, table) == Decimal("0.14")
        assert actual(2.675, 2, table) == Decimal("2.68")
        assert actual(200 / 3, 2, table) == Decimal("66.67")
        assert actual(2.5, 0, table) == Decimal("2")
        assert actual(0.1 + 0.2, 10, table) == Decimal("0.3")
    with pytest.raises(ValueError):
        plan.score([], float_digits=11)
    with pytest.raises(ValueError):
        plan.score([], float_digits=2, strict=True)


def test_run_tables() -> None:
    run = reference()
    df = run.to_pandas()
    assert list(df.columns[:11]) == ["plan", "subject", "name", "team", "role", "status", "total", "rating",
                                     "rank", "team_rank", "payout"]
    assert df.columns[-1] == "flags"
    doc = run.to_dict()
    assert len(df) == sum(len(r["subjects"]) for r in doc["results"])
    assert all(isinstance(v, Decimal) for v in df["payout"].dropna())
    assert sum(df["payout"].dropna(), Decimal(0)) == sum(
        (s["payout"] for r in doc["results"] for s in r["subjects"] if s["payout"] is not None), Decimal(0))
    names = {r["subject"]: r.get("name") for r in csv_rows("roster.csv")}
    assert all(names[s] == n for s, n in zip(df["subject"], df["name"]))
    arrow = run.to_arrow()
    assert pa.types.is_decimal(arrow.schema.field("total").type)
    assert run.to_polars().shape == df.shape
    teams = run.teams_table()
    assert len(teams) == len(doc["teams"]) and teams["team_name"].notna().all()
    unscored = run.unscored_table()
    assert unscored["subject"].tolist() == [u["subject"] for u in doc["unscored"]]
    assert run.teams_table("arrow").num_rows == len(teams)
    with pytest.raises(ValueError):
        run.teams_table("excel")


def test_run_and_scorecard_html() -> None:
    roster = csv_rows("roster.csv")
    roster[0]["name"] = "<b>x</b>"
    run = attain.run({"plans": org_plans(), "roster": roster, "team_targets": csv_rows("team_targets.csv"),
                      "period": "2026-Q3"}, facts=ORG / "facts.csv")
    page = run._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt;" in page and "<b>x</b>" not in page
    assert "CNY" in page
    results = run.results[0]
    ranked = sorted((c for c in results if c.rank is not None), key=lambda c: c.rank or 0)
    positions = [page.index(f"<td>{c.id}</td>") for c in ranked]
    assert positions == sorted(positions)
    card = results[results.subject_ids[0]]
    assert card.id in card._repr_html_()
