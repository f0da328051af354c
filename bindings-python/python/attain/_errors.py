"""Exceptions raised by attain, each carrying the kind of document refused and every
problem found in it (path, code, message), as in the core's error JSON."""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple


#: Every code a ``Problem`` may carry: the core's codes (``attain::Code::ALL``, in
#: its order; new ones may be added) and ``internal`` (a bug in attain). Checked
#: against the core by the Rust unit test ``errors::tests::codes_match_the_core``.
CODES: tuple[str, ...] = (
    "invalid_json", "too_large", "wrong_type", "missing_field", "unknown_field", "invalid_value",
    "invalid_id", "not_a_number", "not_finite", "number_out_of_range", "too_many_digits",
    "duplicate_id", "unknown_indicator", "unknown_group", "unknown_rating", "unknown_adjustment",
    "weights_do_not_sum_to_100", "negative_weight", "auxiliary_weight_not_zero",
    "indicator_not_in_tree", "gate_indicator_not_in_tree", "indicator_used_twice", "empty_group",
    "too_deep", "too_many_nodes", "too_many_indicators", "too_many_tiers", "tiers_out_of_order",
    "duplicate_tier", "tier_scores_decrease", "tiers_required", "tier_score_required",
    "target_required", "zero_target", "negative_target", "cap_required", "not_positive",
    "curve_direction_mismatch", "band_out_of_order", "floor_not_below_full",
    "rating_bands_out_of_order", "rating_bands_not_exhaustive", "payout_points_out_of_order",
    "ratings_required", "currency_required", "duplicate_subject", "target_not_per_subject",
    "active_out_of_range", "negative_points", "missing_data", "overflow", "unknown_time_zone",
    "calendar_mismatch", "bad_period", "bad_date", "bad_number", "unknown_subject",
    "bands_overlap", "negative_bound", "output_too_large", "internal",
)


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
