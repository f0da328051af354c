"""The run corpus (conformance/runs): plans + roster + facts + period → the expected
canonical run result byte for byte (also with the fact rows reversed, and with the
facts handed over as text, bytes or a file); invalid runs refused with exactly the
listed problems."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import attain

from conftest import CONFORMANCE, canonical, dumps_exact, load_exact

RUNS = sorted((CONFORMANCE / "runs").glob("*.json"))


def test_run_corpus_is_not_empty() -> None:
    assert len(RUNS) > 0, f"no run cases in {CONFORMANCE / 'runs'}"


def reversed_facts(case: dict[str, Any]) -> dict[str, Any]:
    out = dict(case)
    lines = case["facts"]["text"].splitlines()
    header = [lines.pop(0)] if case["facts"].get("format", "csv") == "csv" and lines else []
    out["facts"] = dict(case["facts"], text="\n".join(header + lines[::-1]) + "\n")
    return out


def without_results(case: dict[str, Any]) -> dict[str, Any]:
    """The run document of a corpus file: the file without the test's own keys (a
    run document refuses keys it does not know; `description` is its own)."""
    return {k: v for k, v in case.items() if k not in ("expected", "expected_error", "derivation")}


@pytest.mark.parametrize("path", RUNS, ids=[p.stem for p in RUNS])
def test_run_case(path: Path, tmp_path: Path) -> None:
    case = load_exact(path)
    document = without_results(case)
    if "expected_error" in case:
        want = {(p["path"], p["code"]) for p in case["expected_error"]["problems"]}
        error_class = attain.PlanError if case["expected_error"]["error"] == "plan" else attain.InputError
        with pytest.raises(error_class) as caught:
            attain.run(document)
        assert {(p.path, p.code) for p in caught.value.problems} == want
        with pytest.raises(error_class) as again:
            attain.run_json(dumps_exact(document))
        assert {(p.path, p.code) for p in again.value.problems} == want
        return
    expected = canonical(json.loads(path.read_text(encoding="utf-8"))["expected"])
    assert attain.run_json(dumps_exact(document)) == expected
    result = attain.run(document)
    assert result.to_json() == expected
    assert attain.run(dumps_exact(document)).to_json() == expected
    assert repr(result).startswith("Run(plans=")
    # Row order changes no figure (only the line numbers in the ledger's lists).
    def strip(d: dict[str, Any]) -> dict[str, Any]:
        return dict(d, ledger=dict(d["ledger"], rejections=None, conflicts=None))

    assert strip(attain.run(reversed_facts(document)).to_dict()) == strip(result.to_dict())
    # The facts handed over separately: as text, as bytes, as a file.
    facts = document["facts"]
    rest = {k: v for k, v in document.items() if k != "facts"}
    fmt = facts.get("format", "csv")
    assert attain.run(rest, facts=facts["text"], format=fmt).to_json() == expected
    assert attain.run(rest, facts=facts["text"].encode("utf-8"), format=fmt).to_json() == expected
    file = tmp_path / ("facts.jsonl" if fmt == "jsonl" else "facts.csv")
    file.write_bytes(facts["text"].encode("utf-8"))
    assert attain.run(rest, facts=file).to_json() == expected
    # The parts agree with the document.
    doc = result.to_dict()
    ledger = result.ledger
    assert ledger["rows"] == ledger["used"] + ledger["outside"] + ledger["duplicate"] + ledger["conflicting"] + ledger["rejected"]
    assert result.plan_ids == [r["plan"]["id"] for r in doc["results"]]
    for results, part in zip(result.results, doc["results"]):
        assert results.subject_ids == [s["id"] for s in part["subjects"]]
        for s in part["subjects"]:
            assert results[s["id"]].total == s["total"]
            assert s["total"] is None or isinstance(s["total"], Decimal)
        assert result[results.plan.id].subject_ids == results.subject_ids


def test_run_argument_errors() -> None:
    case = load_exact(next(p for p in RUNS if "expected" in load_exact(p)))
    document = without_results(case)
    with pytest.raises(TypeError):
        attain.run(document, facts=12)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        attain.run(document, format="xml")  # type: ignore[arg-type]
    with pytest.raises(attain.InputError):
        attain.run("{not json")
    with pytest.raises(FileNotFoundError):
        attain.run(document, facts=Path("/nonexistent/facts.csv"))


def test_run_format_given_replaces_the_documents(tmp_path: Path) -> None:
    """`format=` replaces the facts format the document names; facts given apart take
    the path's extension first, then the document's format."""
    path = next(
        p for p in RUNS if "expected" in load_exact(p) and load_exact(p)["facts"].get("format", "csv") == "csv"
    )
    document = without_results(load_exact(path))
    expected = canonical(json.loads(path.read_text(encoding="utf-8"))["expected"])
    text = document["facts"]["text"]
    mislabelled = dict(document, facts=dict(document["facts"], format="jsonl"))
    assert attain.run(mislabelled).to_json() != expected  # CSV text read as JSON Lines
    assert attain.run(mislabelled, format="csv").to_json() == expected
    unknown = dict(document, facts=dict(document["facts"], format="xml"))
    with pytest.raises(attain.InputError) as caught:
        attain.run(unknown)
    assert [(p.path, p.code) for p in caught.value.problems] == [("/facts/format", "invalid_value")]
    assert attain.run(unknown, format="csv").to_json() == expected
    rest = {k: v for k, v in document.items() if k != "facts"}
    file = tmp_path / "facts.csv"
    file.write_bytes(text.encode("utf-8"))
    assert attain.run(dict(rest, facts={"format": "jsonl"}), facts=file).to_json() == expected
    assert attain.run(dict(rest, facts={"format": "jsonl"}), facts=text).to_json() != expected
    assert attain.run(dict(rest, facts={"format": "csv"}), facts=text.encode("utf-8")).to_json() == expected
