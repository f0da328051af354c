"""Shared helpers: the conformance corpus and a few small plans."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

CONFORMANCE = Path(__file__).resolve().parents[2] / "conformance"


def load_exact(path: Path) -> Any:
    """A JSON file with every fractional number read as Decimal (never a float)."""
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def dumps_exact(value: Any) -> str:
    """JSON text of a value loaded by `load_exact`, numbers written as they were read."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ",".join(dumps_exact(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dumps_exact(v) for k, v in value.items()) + "}"
    raise TypeError(type(value))


def canonical(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


TELESALES = {
    "id": "telesales-2026",
    "name": "电话销售 KPI 2026",
    "version": "1",
    "indicators": [
        {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
         "class": "process", "target": {"value": "200"}, "curve": {"kind": "ratio", "cap": "120"}},
        {"id": "conversion", "name": "转化率", "unit": {"kind": "percent"}, "direction": "higher_is_better",
         "target": {"value": "15"}, "curve": {"kind": "ratio", "cap": "150", "gate": "60"}},
        {"id": "revenue", "name": "销售额", "unit": {"kind": "money", "currency": "CNY"},
         "direction": "higher_is_better", "target": {"value": "100000", "per_subject": True},
         "curve": {"kind": "ratio", "cap": "150"}},
    ],
    "tree": {"group": "root", "children": [
        {"indicator": "calls", "weight": "30"},
        {"indicator": "conversion", "weight": "30"},
        {"indicator": "revenue", "weight": "40"},
    ]},
    "ratings": [{"name": "S", "min": "110"}, {"name": "A", "min": "100"}, {"name": "B", "min": "80"},
                {"name": "C", "min": "60"}, {"name": "D"}],
    "payout": {"currency": "CNY", "base": "10000", "by": "rating",
               "coefficients": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.5", "D": "0"}},
    "ranking": {"method": "competition", "within": ["team"]},
}


@pytest.fixture
def telesales() -> Any:
    import attain

    return attain.Plan.from_dict(TELESALES)
