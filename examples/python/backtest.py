"""Back-test a KPI plan: had collection rate (回款率) weighed 40 % instead of 30 %,
who would have been rated differently?

Reads the key-account manager plan and actuals from the repo's examples
(`examples/plans/key-account.json`, `examples/actuals/key-account.csv`), scores
them, re-weights the plan (collection 30 → 40, new-customer development 40 → 30),
scores again and prints both side by side. With matplotlib installed it also
saves a chart of the changes (`backtest.png`, or `--plot FILE`; `--no-plot` skips it).

    python examples/python/backtest.py [--plot FILE | --no-plot]
"""

from __future__ import annotations

import argparse
import copy
import csv
import importlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import attain

EXAMPLES = Path(__file__).resolve().parents[1]
PLAN = EXAMPLES / "plans" / "key-account.json"
ACTUALS = EXAMPLES / "actuals" / "key-account.csv"


def read_actuals(plan: attain.Plan, path: Path) -> list[dict[str, Any]]:
    """The CLI's long CSV (subject, name, team, base, indicator, actual) as subject
    dicts. Numbers stay text, so they reach the engine exactly as written; a row whose
    "indicator" is a bonus/deduction id gives points."""
    indicators = set(plan.indicator_ids)
    subjects: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            s = subjects.setdefault(row["subject"], {"id": row["subject"], "actuals": {}, "points": {}, "groups": {}})
            if row.get("name"):
                s["name"] = row["name"]
            if row.get("team"):
                s["groups"]["team"] = row["team"]
            if row.get("base"):
                s["base"] = row["base"]
            if row["actual"] == "":
                continue
            key = "actuals" if row["indicator"] in indicators else "points"
            s[key][row["indicator"]] = row["actual"]
    return list(subjects.values())


def reweighted(plan_dict: dict[str, Any], collection: str, new_business: str) -> dict[str, Any]:
    """A copy of the plan with the top-level weights of collection rate and the
    new-business group changed (they must still sum to 100 with the rest)."""
    plan = copy.deepcopy(plan_dict)
    plan["version"] = f"{plan['version']}-collection-{collection}"
    for child in plan["tree"]["children"]:
        if child.get("indicator") == "collection_rate":
            child["weight"] = collection
        if child.get("group") == "new_business":
            child["weight"] = new_business
    return plan


def node(tree: dict[str, Any], node_id: str) -> dict[str, Any] | None:
    """The node with this id in an explanation tree."""
    if tree.get("id") == node_id:
        return tree
    for child in tree.get("children", []):
        found = node(child, node_id)
        if found is not None:
            return found
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plot", type=Path, default=Path("backtest.png"), help="chart file (when matplotlib is installed)")
    parser.add_argument("--no-plot", action="store_true", help="do not draw the chart")
    args = parser.parse_args()

    base_plan = attain.Plan.from_file(PLAN)
    subjects = read_actuals(base_plan, ACTUALS)
    alt_plan = attain.Plan.from_dict(reweighted(base_plan.to_dict(), collection="40", new_business="30"))

    before = base_plan.score(subjects)
    after = alt_plan.score(subjects)

    print(f"{base_plan.name}: collection rate 30% → 40% (new business 40% → 30%)\n")
    header = f"{'subject':<10} {'collect%':>8}   {'total':>7} {'rating':>6}   {'total':>7} {'rating':>6}   {'Δ':>6}"
    print(f"{'':<10} {'':>8}   {'--- 30% ---':>14}   {'--- 40% ---':>14}")
    print(header)
    print("-" * len(header))
    changes: list[tuple[str, Decimal, str]] = []
    for card in before:
        new = after[card.id]
        explained = node(card.explain()["tree"] or {}, "collection_rate")
        collection = explained["actual"] if explained else None
        delta = (new.total or Decimal(0)) - (card.total or Decimal(0))
        move = f"{card.rating} → {new.rating}" if card.rating != new.rating else ""
        changes.append((card.id, delta, move))
        mark = f"  ← {move}" if move else ""
        print(
            f"{card.id:<10} {collection!s:>8}   {card.total!s:>7} {card.rating or '-':>6}   "
            f"{new.total!s:>7} {new.rating or '-':>6}   {delta:>+6}{mark}"
        )
    moved = [c.id for c in before if c.rating != after[c.id].rating]
    print(f"\n{len(moved)} of {len(before)} would change rating: {', '.join(moved) or 'nobody'}")

    if not args.no_plot:
        plot(changes, args.plot)


def plot(changes: list[tuple[str, Decimal, str]], path: Path) -> None:
    """Bar chart of the change in total per subject, labelled with rating moves."""
    try:
        matplotlib: Any = importlib.import_module("matplotlib")
    except ImportError:
        print("matplotlib is not installed: no chart")
        return
    matplotlib.use("Agg")
    plt: Any = importlib.import_module("matplotlib.pyplot")
    names = [name for name, _, _ in changes]
    deltas = [float(d) for _, d, _ in changes]  # floats only for drawing
    fig, ax = plt.subplots(figsize=(6, 3))
    bars = ax.bar(names, deltas, color=["#1a7f37" if d >= 0 else "#cf222e" for d in deltas])
    for bar, (_, _, move) in zip(bars, changes):
        if move:
            ax.annotate(move, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom")
    ax.axhline(0, color="#555", linewidth=0.8)
    ax.set_ylabel("change of total (points)")
    ax.set_title("Collection rate weighted 40 % instead of 30 %")
    fig.tight_layout()
    fig.savefig(path)
    print(f"chart saved to {path}")


if __name__ == "__main__":
    main()
