"""Conversion and presentation glue for the Rust extension: pandas in, pyarrow /
pandas / polars out, and the notebook view of results. No scoring rule lives here.

pandas, polars and pyarrow are imported only when the user hands over or asks for
one of their objects.
"""

from __future__ import annotations

import html
import importlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ._errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from ._attain import Results


def _module(name: str) -> Any:
    """Import an optional dependency (typed loosely: it may not be installed)."""
    return importlib.import_module(name)


def _pointer(root: str, name: str) -> str:
    """A JSON pointer one key below ``root`` (``~`` and ``/`` escaped)."""
    return root + "/" + name.replace("~", "~0").replace("/", "~1")


def _refuse(problems: list[tuple[str, str, str]]) -> InputError:
    """The binding's typed error for columns that cannot be read."""
    shown = "; ".join(f"{path}: {code}: {message}" for path, code, message in problems[:3])
    if len(problems) > 3:
        shown += f"; and {len(problems) - 3} more"
    return InputError(f"invalid input: {shown}", "input", problems)


def _why(column: Any, error: Exception) -> str:
    """Why pyarrow could not read a pandas column, with the first value at fault
    when one value is (a lone surrogate, a type the others do not share)."""
    dtype = column.dtype
    if getattr(dtype, "kind", "") == "c":
        return f"complex numbers ({dtype}) are not numbers attain reads"
    if dtype == object:
        kinds = sorted({type(v).__name__ for v in column if v is not None and v == v})
        for row, v in enumerate(column):
            if isinstance(v, str):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError as e:
                    code = ord(v[e.start])
                    return (
                        f"row {row} is not Unicode text: a lone surrogate U+{code:04X} at character {e.start} "
                        "(a str that cannot be UTF-8)"
                    )
        if len(kinds) > 1:
            return f"values of several Python types ({', '.join(kinds)}): give one type per column"
    return f"the column ({dtype}) cannot be read as Arrow: {error}"


def _arrow_columns(df: Any, root: str, from_pandas: Any) -> Any:
    """A pandas DataFrame as a pyarrow Table, column by column; a column pyarrow
    cannot convert (complex numbers, objects of mixed types, lone surrogates) is
    refused with the binding's typed error at ``root/<column>``, never pyarrow's."""
    pd = _module("pandas")
    pa = _module("pyarrow")

    code = "wrong_type" if root == "/columns" else "invalid_value"
    names = [str(c) for c in df.columns]
    arrays = []
    problems: list[tuple[str, str, str]] = []
    for i, name in enumerate(names):
        column = df.iloc[:, i]
        if isinstance(column.dtype, pd.SparseDtype):
            column = column.sparse.to_dense()
        try:
            arrays.append(pa.array(column, from_pandas=from_pandas(column)))
        except (pa.ArrowException, TypeError, ValueError, OverflowError) as e:
            problems.append((_pointer(root, name), code, f"column {name!r} holds {_why(column, e)}"))
    if problems:
        raise _refuse(problems)
    return pa.Table.from_arrays(arrays, names=names)


def pandas_to_arrow(df: Any) -> Any:
    """A pandas DataFrame as a pyarrow Table, column by column.

    - A meaningful index (anything but the default 0..n-1 RangeIndex) becomes a column;
      an unnamed one holding the subjects is called ``id``.
    - Float columns keep NaN as NaN (``from_pandas=False``): the binding reads it as
      "no data" (pandas' missing value), and ``strict=True`` refuses the float column.
    - A column pyarrow cannot convert is refused with ``InputError`` at
      ``/columns/<name>``.
    """
    pd = _module("pandas")

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"cannot score a pandas {type(df).__name__}: give a DataFrame")
    index = df.index
    default_index = isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1 and index.name is None
    if not default_index:
        names = [str(c) for c in df.columns]
        if index.nlevels == 1 and index.name is None and "id" not in names and "subject" not in names:
            df = df.rename_axis("id")
        df = df.reset_index()

    def keep_nan(column: Any) -> bool:
        is_float = getattr(column.dtype, "kind", "") == "f" and not isinstance(column.dtype, pd.api.extensions.ExtensionDtype)
        return not is_float

    return _arrow_columns(df, "/columns", keep_nan)


def pandas_facts(df: Any) -> Any:
    """A pandas DataFrame of facts as a pyarrow Table: its columns are the fact
    fields (the index is not one). NaN, None and NaT are missing values, as an empty
    field of a CSV file is. A column pyarrow cannot convert is refused with
    ``InputError`` at ``/facts/<name>``."""
    pd = _module("pandas")

    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"facts cannot be a pandas {type(df).__name__}: give a DataFrame")
    return _arrow_columns(df, "/facts", lambda column: True)


def ledger_table(ledger: dict[str, Any], part: str) -> Any:
    """A part of a run's ledger as a pyarrow Table: ``rejections`` (line, field,
    code, message) or ``conflicts`` (id, lines)."""
    pa = _module("pyarrow")
    rows = ledger[part]
    if part == "rejections":
        return pa.table({
            "line": pa.array([r["line"] for r in rows], type=pa.int64()),
            "field": pa.array([r["field"] for r in rows], type=pa.string()),
            "code": pa.array([r["code"] for r in rows], type=pa.string()),
            "message": pa.array([r["message"] for r in rows], type=pa.string()),
        })
    return pa.table({
        "id": pa.array([r["id"] for r in rows], type=pa.string()),
        "lines": pa.array([r["lines"] for r in rows], type=pa.list_(pa.int64())),
    })


def to_arrow(results: Results) -> Any:
    """The summary table as a pyarrow Table (through the Arrow PyCapsule interface)."""
    pa = _module("pyarrow")

    return pa.table(results)


def to_pandas(results: Results) -> Any:
    """The summary table as a pandas DataFrame: decimals as ``decimal.Decimal``
    objects, rank as nullable Int64, flags as lists of str."""
    pd = _module("pandas")
    pa = _module("pyarrow")

    table = to_arrow(results)
    df = table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
    df["flags"] = [list(f) for f in df["flags"]]
    return df


def to_polars(results: Results) -> Any:
    """The summary table as a polars DataFrame (Decimal columns at the plan's scale)."""
    pl = _module("polars")

    frame = pl.DataFrame(results)
    return frame


_PALETTE = ["#1a7f37", "#4d8c22", "#9a6700", "#bc4c00", "#cf222e"]


def _rating_colours(results: Results) -> dict[str, str]:
    bands = [b.get("name") for b in results.plan.to_dict().get("ratings", [])]
    colours: dict[str, str] = {}
    n = len(bands)
    for i, name in enumerate(bands):
        k = 0 if n <= 1 else round(i * (len(_PALETTE) - 1) / (n - 1))
        colours[str(name)] = _PALETTE[k]
    return colours


def _fmt(v: Any) -> str:
    if v is None:
        return ""
    return html.escape(str(v))


_MAX_ROWS = 100


def results_html(results: Results) -> str:
    """A readable scorecard table for notebooks: rating coloured, a bar for the total."""
    plan = results.plan
    rows = results.to_dicts() if len(results) <= _MAX_ROWS else [results[i].to_dict() for i in results.subject_ids[:_MAX_ROWS]]
    colours = _rating_colours(results)
    indicators = results.columns[7:]
    totals = [r["total"] for r in rows if r["total"] is not None]
    top = max([Decimal(100)] + totals)
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["id", "total", "rating", "rank", "payout", *indicators, "flags"])
    body = []
    for r in rows:
        total = r["total"]
        if total is None:
            total_cell = f'<td style="color:#888">{_fmt(r["status"])}</td>'
        else:
            width = max(0, min(100, int(total * 100 / top))) if top else 0
            total_cell = (
                f'<td style="text-align:right;white-space:nowrap">{_fmt(total)} '
                f'<span style="display:inline-block;width:60px;height:8px;background:#eee;vertical-align:middle">'
                f'<span style="display:block;width:{width}%;height:8px;background:#4c78a8"></span></span></td>'
            )
        rating = r["rating"]
        rating_cell = (
            "<td></td>"
            if rating is None
            else f'<td><span style="color:#fff;background:{colours.get(rating, "#57606a")};'
            f'padding:0 6px;border-radius:3px;font-weight:bold">{_fmt(rating)}</span></td>'
        )
        scores = "".join(f'<td style="text-align:right">{_fmt(r[c])}</td>' for c in indicators)
        body.append(
            f"<tr><td>{_fmt(r['id'])}</td>{total_cell}{rating_cell}"
            f'<td style="text-align:right">{_fmt(r["rank"])}</td>'
            f'<td style="text-align:right">{_fmt(r["payout"])}</td>{scores}'
            f"<td>{_fmt(', '.join(r['flags']))}</td></tr>"
        )
    more = len(results) - len(rows)
    foot = f"<p>… and {more} more subjects</p>" if more > 0 else ""
    caption = f"{_fmt(plan.name)} ({_fmt(plan.id)} v{_fmt(plan.version)}): {len(results)} subjects"
    return (
        f'<div><table><caption style="text-align:left">{caption}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{foot}</div>"
    )


def results_repr(results: Results, limit: int = 10) -> str:
    """A plain text view: the first subjects with total, rating and rank."""
    plan = results.plan
    lines = [f"Results(plan={plan.id!r} v{plan.version}, {len(results)} subjects)"]
    ids = results.subject_ids
    for sid in ids[:limit]:
        card = results[sid]
        total = "-" if card.total is None else str(card.total)
        rating = card.rating or "-"
        rank = "-" if card.rank is None else str(card.rank)
        status = "" if card.status == "scored" else f"  ({card.status})"
        lines.append(f"  {sid:<20} {total:>10} {rating:>4} #{rank}{status}")
    if len(ids) > limit:
        lines.append(f"  … {len(ids) - limit} more")
    return "\n".join(lines)
