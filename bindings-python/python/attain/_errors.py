"""Exceptions raised by attain, each carrying the kind of document refused and every
problem found in it (path, code, message), as in the core's error JSON."""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple


class Problem(NamedTuple):
    """One thing wrong, at one place: a JSON pointer, a stable code, a message."""

    path: str
    code: str
    message: str


class Error(Exception):
    """Base class of attain's errors. ``kind`` is ``"plan"``, ``"input"`` (or
    ``"internal"`` for a bug in attain); ``problems`` lists every problem found."""

    kind: str
    problems: list[Problem]

    def __init__(self, message: str = "", kind: str = "", problems: Iterable[Iterable[str]] = ()) -> None:
        super().__init__(message)
        self.kind = kind
        self.problems = [Problem(*p) for p in problems]

    def to_dict(self) -> dict[str, Any]:
        """The error as the JSON object every binding shares."""
        return {"error": self.kind, "problems": [p._asdict() for p in self.problems]}

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (str(self), self.kind, [tuple(p) for p in self.problems]))


class PlanError(Error, ValueError):
    """The plan (scorecard definition) was refused."""

    def __init__(self, message: str = "", kind: str = "plan", problems: Iterable[Iterable[str]] = ()) -> None:
        super().__init__(message, kind, problems)


class InputError(Error, ValueError):
    """The input (actuals, subjects, tables) was refused."""

    def __init__(self, message: str = "", kind: str = "input", problems: Iterable[Iterable[str]] = ()) -> None:
        super().__init__(message, kind, problems)
