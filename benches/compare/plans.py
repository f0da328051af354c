"""The demo's three plans, read from their JSON files, as the float parameters the
pandas / polars / DuckDB peers need.

The peers implement exactly these plans (which facts, which measures, which tree),
not a generic engine. So that a change to a plan cannot silently make a peer
compute something else, `load` checks that every plan still has the shape the
peers implement (measures, curve kinds, directions, tree, missing policies,
adjustments) and only reads the numbers (targets, tiers, caps, gates, weights,
floor/ceiling, rating bands) from the files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

# What the peers implement, per role: indicator id -> (measure, curve kind,
# direction, unit kind, tier basis, per_subject).
WON = [{"field": "stage", "op": "eq", "value": "won"}]
SHAPES = {
    "telesales": {
        "conversion": (
            {"kind": "ratio",
             "numerator": {"kind": "count", "fact": ["deal"], "date": "at", "where": WON},
             "denominator": {"kind": "count", "fact": ["lead"], "date": "created_at"}},
            "step", "higher_is_better", "percent", "actual", False),
        "won_amount": (
            {"kind": "sum", "fact": ["deal"], "date": "at", "field": "amount", "where": WON},
            "ratio", "higher_is_better", "money", "actual", False),
        "calls": ({"kind": "count", "fact": ["call"], "date": "at"},
                  "linear", "higher_is_better", "count", "actual", False),
        "follow_up_24h": (
            {"kind": "share", "fact": ["lead"], "date": "created_at",
             "condition": [{"op": "within", "from": "created_at", "to": "updated_at", "hours": "24"}]},
            "ratio", "higher_is_better", "percent", "actual", False),
        "record_completeness": (
            {"kind": "share", "fact": ["record"], "date": "updated_at",
             "condition": [{"field": "complete", "op": "eq", "value": True}]},
            "ratio", "higher_is_better", "percent", "actual", False),
    },
    "kam": {
        "new_customers": (
            {"kind": "distinct", "fact": ["deal"], "date": "at", "field": "customer",
             "where": WON + [{"field": "amount", "op": "gte", "value": 500000}]},
            "step", "higher_is_better", "count", "actual", False),
        "contract_amount": ({"kind": "sum", "fact": ["contract"], "date": "at", "field": "amount"},
                            "linear", "higher_is_better", "money", "achievement", True),
        "deal_cycle": (
            {"kind": "duration", "fact": ["deal"], "date": "at", "from": "created_at", "to": "at",
             "where": WON},
            "ratio", "lower_is_better", "days", "actual", False),
        "collection_rate": (
            {"kind": "ratio",
             "numerator": {"kind": "sum", "fact": ["payment"], "date": "at", "field": "amount"},
             "denominator": {"kind": "sum", "fact": ["invoice"], "date": "at", "field": "amount"}},
            "ratio", "higher_is_better", "percent", "actual", False),
        "satisfaction": ({"kind": "mean", "fact": ["survey"], "date": "at", "field": "score"},
                         "linear", "higher_is_better", "percent", "actual", False),
        "visits": ({"kind": "count", "fact": ["visit"], "date": "at"},
                   "ratio", "higher_is_better", "count", "actual", False),
        "record_completeness": (
            {"kind": "share", "fact": ["record"], "date": "updated_at",
             "condition": [{"field": "complete", "op": "eq", "value": True}]},
            "ratio", "higher_is_better", "percent", "actual", False),
    },
    "csm": {
        "satisfaction": ({"kind": "mean", "fact": ["survey"], "date": "at", "field": "score"},
                         "linear", "higher_is_better", "percent", "actual", False),
        "renewal_rate": (
            {"kind": "ratio",
             "numerator": {"kind": "count", "fact": ["renewal"], "date": "at",
                           "where": [{"field": "renewed", "op": "eq", "value": True}]},
             "denominator": {"kind": "count", "fact": ["renewal"], "date": "at"}},
            "linear", "higher_is_better", "percent", "actual", False),
        "health_checks": ({"kind": "count", "fact": ["visit"], "date": "at"},
                          "ratio", "higher_is_better", "count", "actual", False),
        "timeliness": (
            {"kind": "share", "fact": ["record"], "date": "updated_at",
             "condition": [{"op": "within", "from": "created_at", "to": "updated_at", "hours": "24"}]},
            "ratio", "higher_is_better", "percent", "actual", False),
        "complaints": ({"kind": "count", "fact": ["complaint"], "date": "at"},
                       "deduction", "lower_is_better", "count", "actual", False),
    },
}

# The trees the peers implement: group -> [(child, missing policy)].
TREES = {
    "telesales": {
        "root": [("results", "reweight"), ("process", "reweight")],
        "results": [("conversion", "reweight"), ("won_amount", "reweight")],
        "process": [("calls", "reweight"), ("follow_up_24h", "reweight"),
                    ("record_completeness", "reweight")],
    },
    "kam": {
        "root": [("new_business", "reweight"), ("collection_rate", "zero"),
                 ("satisfaction", "reweight"), ("visits", "reweight"),
                 ("record_completeness", "reweight")],
        "new_business": [("new_customers", "reweight"), ("contract_amount", "reweight"),
                         ("deal_cycle", "reweight")],
    },
    "csm": {
        "root": [("results", "reweight"), ("process", "reweight"), ("complaints", "reweight")],
        "results": [("satisfaction", "reweight"), ("renewal_rate", "reweight")],
        "process": [("health_checks", "reweight"), ("timeliness", "reweight")],
    },
}
# Adjustments the peers implement: only kam's total gate on collection_rate.
GATES = {"telesales": [], "csm": [], "kam": [("collection_rate", "actual")]}
PLAN_FILES = {"telesales": "telesales.json", "kam": "key-account.json", "csm": "customer-success.json"}


@dataclass
class Indicator:
    id: str
    target: float | None = None
    prorate: bool = False
    per_subject: bool = False
    tiers: list[tuple[float, float | None]] = field(default_factory=list)  # (at, score)
    curve: dict = field(default_factory=dict)  # kind, cap, gate, below, above, max, full, per_unit, floor


@dataclass
class Plan:
    id: str
    role: str
    raw: dict
    indicators: dict[str, Indicator]
    weights: dict[str, float]  # node id -> weight in its parent
    tree: dict[str, list[tuple[str, str]]]
    gates: list[tuple[str, float, float]]  # (indicator, threshold on the actual, cap of the total)
    floor: float
    ceiling: float
    ratings: list[tuple[str, float | None]]  # best first; the last has no min
    time_zone: str
    scale: int


class ShapeError(Exception):
    pass


def _f(x):
    return None if x is None else float(x)


def _check(cond, msg):
    if not cond:
        raise ShapeError(msg)


def _tree(node, out, weights):
    if "group" in node:
        kids = []
        for child in node["children"]:
            cid = child.get("group") or child.get("indicator")
            weights[cid] = float(child.get("weight", "0"))
            kids.append((cid, child.get("missing", "reweight")))
            _tree(child, out, weights)
        out[node["group"]] = kids


def load_plan(path: str, role: str) -> Plan:
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    _check(raw.get("role") == role, f"{path}: role {raw.get('role')!r}, expected {role!r}")
    shapes = SHAPES[role]
    inds = {}
    ids = [i["id"] for i in raw["indicators"]]
    _check(ids == list(shapes), f"{path}: indicators {ids}, the peers implement {list(shapes)}")
    for ind in raw["indicators"]:
        measure, curve, direction, unit, basis, per_subject = shapes[ind["id"]]
        where = f"{path}: indicator {ind['id']}"
        _check(ind.get("measure") == measure, f"{where}: measure changed")
        _check(ind["curve"]["kind"] == curve, f"{where}: curve {ind['curve']['kind']}, expected {curve}")
        _check(ind["direction"] == direction, f"{where}: direction changed")
        _check(ind["unit"]["kind"] == unit, f"{where}: unit changed")
        t = ind.get("target") or {}
        _check(t.get("tier_basis", "actual") == basis, f"{where}: tier basis changed")
        _check(bool(t.get("per_subject", False)) == per_subject, f"{where}: per_subject changed")
        c = ind["curve"]
        inds[ind["id"]] = Indicator(
            id=ind["id"], target=_f(t.get("value")), prorate=bool(t.get("prorate", False)),
            per_subject=per_subject,
            tiers=[(float(x["at"]), _f(x.get("score"))) for x in t.get("tiers", [])],
            curve={"kind": c["kind"], "cap": _f(c.get("cap")), "gate": _f(c.get("gate")),
                   "below": c.get("below"), "above": c.get("above", "cap"), "max": _f(c.get("max")),
                   "full": float(c.get("full", "100")), "per_unit": _f(c.get("per_unit")),
                   "floor": float(c.get("floor", "0"))})
    tree, weights = {}, {}
    _tree(raw["tree"], tree, weights)
    _check(tree == TREES[role], f"{path}: tree changed: {tree}")
    gates = []
    for adj in raw.get("adjustments", []):
        _check(adj["kind"] == "gate" and "group" not in adj, f"{path}: adjustment {adj} not implemented")
        gates.append((adj["indicator"], float(adj["threshold"]), float(adj["cap"])))
    _check([(g[0], "actual") for g in gates] == GATES[role]
           and all(a.get("basis") == "actual" for a in raw.get("adjustments", [])),
           f"{path}: gates changed")
    ranking = raw.get("ranking", {})
    _check(ranking.get("method", "competition") == "competition" and not ranking.get("within"),
           f"{path}: ranking changed")
    rounding = raw.get("rounding", {})
    _check(rounding.get("mode", "half_away_from_zero") == "half_away_from_zero"
           and rounding.get("indicator_scores") is None, f"{path}: rounding changed")
    total = raw.get("total", {})
    ratings = [(r["name"], _f(r.get("min"))) for r in raw["ratings"]]
    return Plan(id=raw["id"], role=role, raw=raw, indicators=inds, weights=weights, tree=tree,
                gates=gates, floor=float(total.get("floor", "-1e15")),
                ceiling=float(total.get("ceiling", "1e15")), ratings=ratings,
                time_zone=raw["calendar"]["time_zone"], scale=int(rounding.get("scale", 2)))


def load(data_dir: str) -> dict[str, Plan]:
    """role -> Plan, from DATA/plans/*.json (as `attain demo` writes them)."""
    plans = {role: load_plan(os.path.join(data_dir, "plans", name), role)
             for role, name in PLAN_FILES.items()}
    zones = {p.time_zone for p in plans.values()}
    _check(len(zones) == 1, f"plans have different time zones: {zones}")
    return plans


def quarter(period: str):
    """'2026-Q3' -> ('2026-07-01', '2026-10-01', 92): the half-open window and its days."""
    from datetime import date
    year, q = period.split("-Q")
    y, q = int(year), int(q)
    start = date(y, 3 * (q - 1) + 1, 1)
    end = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
    return start.isoformat(), end.isoformat(), (end - start).days
