"""Run glue: the run document as notebook users hold it (Plan objects, tables of
rows), and a run's outcome as tables and HTML. No scoring rule lives here."""

from __future__ import annotations

import datetime
import html
import importlib
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ._attain import Run

TABLES = ("roster", "targets", "team_targets", "actuals", "points")


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _is_table(value: Any) -> bool:
    return hasattr(value, "__arrow_c_stream__") or hasattr(value, "__arrow_c_array__") or (
        type(value).__module__.startswith("pandas") and hasattr(value, "columns")
    )


def _arrow(value: Any, key: str, strict: bool) -> Any:
    """A table as a pyarrow Table; pandas column by column (typed refusals at
    ``/<key>/<column>``), NaN / NaT / None as nulls."""
    pa = _module("pyarrow")
    module = type(value).__module__
    if module.startswith("pandas"):
        from ._glue import _arrow_columns

        return _arrow_columns(value, "/" + key, lambda column: not strict)  # strict: NaN kept, refused
    if module.startswith("polars"):
        return value.to_arrow()
    if isinstance(value, pa.RecordBatch):
        return pa.Table.from_batches([value])
    return pa.table(value)


def _cell(v: Any, strict: bool) -> Any:
    """A table cell as the value the core reads; ``_ABSENT`` for a missing one."""
    if v is None or (isinstance(v, str) and v == ""):
        return _ABSENT
    if isinstance(v, float) and v != v and not strict:
        return _ABSENT  # NaN is "missing", as pandas users mean it
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None and v.time() == datetime.time(0):
            return v.date().isoformat()
        return v.isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


_ABSENT = object()


def table_rows(value: Any, key: str, strict: bool) -> list[dict[str, Any]]:
    """A table (pandas / polars DataFrame, pyarrow Table, any Arrow PyCapsule object)
    as the run document's rows: column names are the keys; null, NaN, NaT, None and
    empty text are absent keys; dates ``YYYY-MM-DD``; numbers as they are (int,
    Decimal, float: read exactly, or refused / rounded by ``strict`` / ``float_digits``)."""
    table = _arrow(value, key, strict)
    names = [str(n) for n in table.column_names]
    columns = [table.column(i).to_pylist() for i in range(len(names))]
    rows: list[dict[str, Any]] = []
    for r in range(table.num_rows):
        row: dict[str, Any] = {}
        for name, column in zip(names, columns):
            v = _cell(column[r], strict)
            if v is not _ABSENT:
                row[name] = v
        rows.append(row)
    return rows


def run_document(document: Any, strict: bool) -> Any:
    """The run document with ``attain.Plan`` objects as their plans and tables as
    rows; anything else as it is (the core refuses what it does not read)."""
    from ._attain import Plan

    if not isinstance(document, Mapping):
        return document
    out = dict(document)
    plans = out.get("plans")
    if isinstance(plans, (list, tuple)) and any(isinstance(p, Plan) for p in plans):
        out["plans"] = [p.to_dict() if isinstance(p, Plan) else p for p in plans]
    for key in TABLES:
        value = out.get(key)
        if value is not None and not isinstance(value, (list, tuple, dict, str)) and _is_table(value):
            out[key] = table_rows(value, key, strict)
    return out


# -- the run's outcome as tables ---------------------------------------------------


def _scale(values: list[Any]) -> int:
    exps = [-int(v.as_tuple().exponent) for v in values if isinstance(v, Decimal)]
    return max([0, *exps])


def _decimal_column(values: list[Any]) -> Any:
    pa = _module("pyarrow")
    return pa.array(values, type=pa.decimal128(38, _scale(values)))


def _names(run: Run) -> tuple[dict[str, str], dict[str, str]]:
    names, teams = run._roster_names()
    return dict(names), dict(teams)


def subjects_rows(run: Run) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per subject of every plan's results (plan order, then subject id)."""
    names, _ = _names(run)
    doc = run.to_dict()
    indicators: list[str] = []
    rows: list[dict[str, Any]] = []
    for results, part in zip(run.results, doc["results"]):
        ids = results.columns[7:]
        indicators += [i for i in ids if i not in indicators]
        summary = {d["id"]: d for d in results.to_dicts()}
        for s in part["subjects"]:
            d = summary.get(s["id"], {})
            rows.append({
                "plan": part["plan"]["id"],
                "subject": s["id"],
                "name": names.get(s["id"]),
                "team": s.get("team"),
                "role": (s.get("groups") or {}).get("role"),
                "status": s["status"],
                "total": s["total"],
                "rating": s["rating"],
                "rank": s["rank"],
                "team_rank": s.get("team_rank"),
                "payout": s["payout"],
                **{i: d.get(i) for i in ids},
                "flags": list(s["flags"]),
            })
    for row in rows:
        for i in indicators:
            row.setdefault(i, None)
        row["flags"] = row.pop("flags")
    return rows, indicators


def run_arrow(run: Run) -> Any:
    pa = _module("pyarrow")
    rows, indicators = subjects_rows(run)
    text = ["plan", "subject", "name", "team", "role", "status", "rating"]
    ints = ["rank", "team_rank"]
    decimals = ["total", "payout", *indicators]
    order = ["plan", "subject", "name", "team", "role", "status", "total", "rating", "rank", "team_rank", "payout",
             *indicators, "flags"]
    arrays = []
    for name in order:
        values = [r[name] for r in rows]
        if name in text:
            arrays.append(pa.array(values, type=pa.string()))
        elif name in ints:
            arrays.append(pa.array(values, type=pa.int64()))
        elif name in decimals:
            arrays.append(_decimal_column(values))
        else:
            arrays.append(pa.array(values, type=pa.list_(pa.string())))
    return pa.Table.from_arrays(arrays, names=order)


def teams_arrow(run: Run) -> Any:
    pa = _module("pyarrow")
    _, team_names = _names(run)
    teams = run.to_dict().get("teams") or []
    cards = [t["scorecard"] for t in teams]
    return pa.table({
        "plan": pa.array([t["plan"] for t in teams], type=pa.string()),
        "team": pa.array([t["team"] for t in teams], type=pa.string()),
        "team_name": pa.array([team_names.get(t["team"]) for t in teams], type=pa.string()),
        "members": pa.array([list(t["members"]) for t in teams], type=pa.list_(pa.string())),
        "mean_total": _decimal_column([t.get("mean_total") for t in teams]),
        "status": pa.array([c["status"] for c in cards], type=pa.string()),
        "total": _decimal_column([c["total"] for c in cards]),
        "rating": pa.array([c["rating"] for c in cards], type=pa.string()),
        "rank": pa.array([c["rank"] for c in cards], type=pa.int64()),
        "payout": _decimal_column([c["payout"] for c in cards]),
        "flags": pa.array([list(c["flags"]) for c in cards], type=pa.list_(pa.string())),
    })


def unscored_arrow(run: Run) -> Any:
    pa = _module("pyarrow")
    names, _ = _names(run)
    rows = run.to_dict().get("unscored") or []
    return pa.table({
        "subject": pa.array([r["subject"] for r in rows], type=pa.string()),
        "name": pa.array([names.get(r["subject"]) for r in rows], type=pa.string()),
        "code": pa.array([r["code"] for r in rows], type=pa.string()),
        "message": pa.array([r["message"] for r in rows], type=pa.string()),
    })


def as_frame(table: Any, kind: str) -> Any:
    """A pyarrow Table as a pandas (decimals as ``decimal.Decimal`` objects, ints as
    nullable Int64, lists as lists) or polars DataFrame (Decimal columns)."""
    if kind == "arrow":
        return table
    if kind == "polars":
        return _module("polars").from_arrow(table)
    pd = _module("pandas")
    pa = _module("pyarrow")
    df = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    for name in table.column_names:
        if pa.types.is_list(table.schema.field(name).type):
            df[name] = [None if v is None else list(v) for v in df[name]]
    return df


# -- the notebook view ---------------------------------------------------------------

_MAX_ROWS = 50


def _e(v: Any) -> str:
    return "" if v is None else html.escape(str(v))


def run_html(run: Run) -> str:
    """Each plan's subjects sorted by rank (names, team, total, rating, payout in the
    plan's currency), at most 50 rows per plan, and the ledger's counts."""
    rows, _ = subjects_rows(run)
    ledger = run.ledger
    parts = [
        f"<div><p><b>Run</b>: {len(rows)} subjects; fact rows {ledger['rows']} "
        f"(used {ledger['used']}, outside {ledger['outside']}, duplicate {ledger['duplicate']}, "
        f"conflicting {ledger['conflicting']}, rejected {ledger['rejected']})</p>"
    ]
    for results in run.results:
        plan = results.plan
        currency = ((plan.to_dict().get("payout") or {}).get("currency")) or ""
        mine = [r for r in rows if r["plan"] == plan.id]
        mine.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["subject"]))
        head = "".join(f"<th>{h}</th>" for h in ["rank", "subject", "name", "team", "total", "rating",
                                                 f"payout ({_e(currency)})" if currency else "payout"])
        body = "".join(
            f"<tr><td>{_e(r['rank'])}</td><td>{_e(r['subject'])}</td><td>{_e(r['name'])}</td>"
            f"<td>{_e(r['team'])}</td><td style=\"text-align:right\">{_e(r['total'] if r['total'] is not None else r['status'])}</td>"
            f"<td>{_e(r['rating'])}</td><td style=\"text-align:right\">{_e(r['payout'])}</td></tr>"
            for r in mine[:_MAX_ROWS]
        )
        more = f"<p>… and {len(mine) - _MAX_ROWS} more</p>" if len(mine) > _MAX_ROWS else ""
        parts.append(
            f'<table><caption style="text-align:left">{_e(plan.name)} ({_e(plan.id)}): {len(mine)} subjects'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
        )
    parts.append("</div>")
    return "".join(parts)


def scorecard_html(card: Any) -> str:
    """One scorecard: total, rating, rank, payout and the indicator scores."""
    cells = [("id", card.id), ("status", card.status), ("total", card.total), ("rating", card.rating),
             ("rank", card.rank), ("payout", card.payout), *card.scores.items()]
    if card.flags:
        cells.append(("flags", ", ".join(card.flags)))
    body = "".join(f"<tr><th style=\"text-align:left\">{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in cells)
    return f"<table>{body}</table>"
