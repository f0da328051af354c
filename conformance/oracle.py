#!/usr/bin/env python3
"""attain conformance oracle: the executable spec of docs/FORMAT.md.

An independent reference calculator, written in plain Python (standard library
only).  Every value is an exact rational (fractions.Fraction); rounding happens
only where FORMAT.md says so:

  (1) each indicator score, when `rounding.indicator_scores` is set, before
      weighting;
  (2) every figure shown in a result, at `rounding.scale`, with the plan's mode.

Before a value is rounded to a declared scale it is rounded half-even to 12
places, the guard of FORMAT.md ("Exact arithmetic"): the engine needs it to
remove the error carried by 28-digit quotients; the oracle, being exact, applies
it to the exact value, so that a value within 10^-12 of a rounding tie rounds as
the format says (found by conformance/random_cases.py).

The oracle only evaluates VALID plans and inputs: it does not validate (the
invalid cases in conformance/invalid/ are written by hand).

Usage:
  python3 conformance/oracle.py --write       fill `expected` of every case
  python3 conformance/oracle.py --check       recompute, list differences
  (either with --dir DIR: the cases in DIR instead of conformance/cases)
  python3 conformance/oracle.py PLAN INPUT    print the result of one pair
"""

import json
import math
import os
import re
import sys

import oracle_earnings
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

HUNDRED = Fraction(100)

# FORMAT.md fixes the message of each result problem.
MISSING_DATA_MESSAGE = "no data, and the node's missing policy is refuse"

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

# Accepted text: optional sign, digits, optional fraction, optional exponent.
NUMBER_TEXT = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$")


def num(value):
    """A plan/input number (JSON number or decimal string) as an exact Fraction.

    JSON numbers are read with parse_float=Decimal, so they never pass through
    a binary float.  None stays None (absent / null = no data).
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("a boolean is not a number")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value)
    if isinstance(value, Fraction):  # already exact (conformance/oracle_run.py)
        return value
    if isinstance(value, str):
        if not NUMBER_TEXT.match(value):
            raise ValueError("not a number: %r" % value)
        return Fraction(Decimal(value))
    raise ValueError("not a number: %r" % (value,))


def half_even(x, scale):
    """x rounded half-even to `scale` decimals."""
    q = x * (10 ** scale)
    whole = math.floor(q)
    rest = q - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1):
        whole += 1
    return Fraction(whole, 10 ** scale)


GUARD = 12


def round_to(x, scale, mode):
    """Round the exact value x to `scale` decimals with the plan's mode, after
    the guard (FORMAT.md, Exact arithmetic: every value is first rounded
    half-even to 12 places before it is rounded to a declared scale)."""
    x = half_even(x, GUARD)
    q = x * (10 ** scale)
    sign = -1 if q < 0 else 1
    a = abs(q)
    whole, rest = divmod(a.numerator, a.denominator)
    rest = Fraction(rest, a.denominator)
    half = Fraction(1, 2)
    if mode == "down":  # toward zero
        pass
    elif mode == "half_away_from_zero":  # 四舍五入
        if rest >= half:
            whole += 1
    elif mode == "half_even":  # banker's rounding
        if rest > half or (rest == half and whole % 2 == 1):
            whole += 1
    else:
        raise ValueError("unknown rounding mode %r" % mode)
    return Fraction(sign * whole, 10 ** scale)


def fmt_fixed(x, scale):
    """An exact value that already has at most `scale` decimals, as text with
    exactly `scale` digits after the point ("87.50"); never "-0.00"."""
    q = x * (10 ** scale)
    assert q.denominator == 1, "value not rounded to scale"
    n = q.numerator
    sign = "-" if n < 0 else ""
    digits = str(abs(n)).rjust(scale + 1, "0")
    if scale == 0:
        return sign + digits
    return sign + digits[:-scale] + "." + digits[-scale:]


# ---------------------------------------------------------------------------
# Plan model (defaults from FORMAT.md)
# ---------------------------------------------------------------------------

DEFAULT_STEP = {
    "count": "1", "money": "0.01", "percent": "0.01",
    "ratio": "0.0001", "days": "0.01", "points": "0.01",
}


class Plan:
    """The parts of a (valid) plan the calculation needs, with defaults."""

    def __init__(self, raw):
        self.raw = raw
        self.id = raw["id"]
        self.version = raw["version"]
        self.indicators = {}
        self.indicator_order = []
        for ind in raw["indicators"]:
            self.indicators[ind["id"]] = Indicator(ind)
            self.indicator_order.append(ind["id"])
        self.tree = raw["tree"]
        self.adjustments = raw.get("adjustments") or []
        total = raw.get("total") or {}
        self.floor = num(total.get("floor"))
        self.ceiling = num(total.get("ceiling"))
        self.ratings = [(r["name"], num(r.get("min"))) for r in (raw.get("ratings") or [])]
        self.payout = raw.get("payout")
        self.ranking = raw.get("ranking")
        rounding = raw.get("rounding") or {}
        self.scale = rounding.get("scale", 2)
        self.mode = rounding.get("mode", "half_away_from_zero")
        self.indicator_scale = rounding.get("indicator_scores")

    def show(self, x):
        """A figure shown in a result: rounded at scale, as text; None → null."""
        if x is None:
            return None
        return fmt_fixed(round_to(x, self.scale, self.mode), self.scale)


class Indicator:
    def __init__(self, raw):
        self.raw = raw
        self.id = raw["id"]
        self.name = raw["name"]
        self.direction = raw["direction"]
        self.auxiliary = raw.get("auxiliary", False)
        self.step = num(raw.get("step", DEFAULT_STEP[raw["unit"]["kind"]]))
        target = raw.get("target") or {}
        self.value = num(target.get("value"))
        self.per_subject = target.get("per_subject", False)
        self.prorate = target.get("prorate", False)
        self.tier_basis = target.get("tier_basis", "actual")
        self.boundary = target.get("boundary", "inclusive")
        self.tiers = [
            {"name": t["name"], "at": num(t["at"]), "score": num(t.get("score"))}
            for t in (target.get("tiers") or [])
        ]
        self.curve = raw["curve"]
        self.kind = self.curve["kind"]

    def needs_target(self):
        """Curves that divide by (or compare with) the target need one."""
        return self.kind in ("ratio", "pass_fail") or (
            self.tiers and self.tier_basis == "achievement")


# ---------------------------------------------------------------------------
# One indicator for one subject
# ---------------------------------------------------------------------------


class Measured:
    """What one indicator gives for one subject (exact values)."""

    def __init__(self):
        self.actual = None        # Fraction or None (no data)
        self.target = None        # after proration, or None
        self.achievement = None   # percent, or None
        self.unbounded = False    # lower is better with actual <= 0
        self.tier_index = -1      # highest tier reached, -1 for none
        self.score = None         # curve score (indicator_scores rounding applied)
        self.exact_score = None   # curve score before indicator_scores rounding
        self.flags = set()
        self.has_data = False


def subject_target(ind, subject):
    """The target before proration: per-subject target replaces `value`.

    `_targets` (used by conformance/oracle_run.py) gives the target of an
    indicator directly, as an exact value or None (no target)."""
    direct = subject.get("_targets")
    if direct is not None and ind.id in direct:
        return direct[ind.id]
    if ind.per_subject:
        targets = subject.get("targets") or {}
        if targets.get(ind.id) is not None:
            return num(targets[ind.id])
    return ind.value


def active_share(subject):
    share = num(subject.get("active"))
    return Fraction(1) if share is None else share


def target_factor(ind, subject):
    """The factor applied to the indicator's target and actual-basis tier
    points: the subject's `active` share when `prorate` is true, else 1.

    `_factors` (used by conformance/oracle_run.py) gives the factor of an
    indicator directly (runs: roster proration and period to date)."""
    factors = subject.get("_factors")
    if factors is not None and ind.id in factors:
        return factors[ind.id]
    return active_share(subject) if ind.prorate else Fraction(1)


def tier_point(ind, tier, share):
    """A tier's `at`; actual-basis points are prorated like the target
    (`share` is the indicator's target factor)."""
    if ind.tier_basis == "actual":
        return tier["at"] * share
    return tier["at"]


def formula_of(ind):
    """FORMAT.md, Achievement formula: only a ratio curve has one."""
    if ind.kind != "ratio":
        return "quotient"
    return ind.curve.get("formula", "quotient")


def achievement_of(ind, actual, target):
    """Achievement in percent; (None, True) when unbounded (lower, actual <= 0)."""
    if target is None or actual is None or ind.direction == "band":
        return None, False
    formula = formula_of(ind)
    if formula != "quotient":
        return relative_achievement(ind, formula, actual, target), False
    if target <= 0:  # only a curve that does not divide by it allows this: not shown
        return None, False
    if ind.direction == "higher_is_better":
        return actual / target * HUNDRED, False
    if actual <= 0:  # lower is better: the best possible, only a cap limits it
        return None, True
    return target / actual * HUNDRED, False


def relative_achievement(ind, formula, actual, target):
    """`relative`: (actual - T + |T|) / |T|, lower is better 1 - (actual - T) / |T|;
    `closest`: 1 - |actual - T| / |T|; at T = 0 the `zero_target` rule: offset
    1 + actual, 1 - actual, 1 - |actual|; pass_fail 100 when 0 is reached."""
    lower = ind.direction == "lower_is_better"
    if target == 0:
        rule = ind.curve.get("zero_target")
        if rule == "offset":
            if formula == "closest":
                return (1 - abs(actual)) * HUNDRED
            return (1 - actual if lower else 1 + actual) * HUNDRED
        if formula == "closest":
            reached = actual == 0
        else:
            reached = meets(ind.boundary, actual, Fraction(0), lower)
        return HUNDRED if reached else Fraction(0)
    size = abs(target)
    if formula == "closest":
        return (1 - abs(actual - target) / size) * HUNDRED
    if lower:
        return (1 - (actual - target) / size) * HUNDRED
    return (actual - target + size) / size * HUNDRED


def meets(boundary, value, point, lower=False):
    """FORMAT.md `boundary`: inclusive — reaching the point exactly counts
    (>=, or <= when lower is better); exclusive — it must be passed (>, <)."""
    if boundary == "exclusive":
        return value < point if lower else value > point
    return value <= point if lower else value >= point


def tier_reached(ind, tier, m, share):
    """A tier is reached when the actual is at or beyond its point in the
    indicator's direction (achievement basis: achievement >= at); beyond only,
    with `boundary: exclusive`."""
    if ind.tier_basis == "achievement":
        if m.unbounded:
            return True
        return m.achievement is not None and meets(ind.boundary, m.achievement, tier["at"])
    point = tier_point(ind, tier, share)
    return meets(ind.boundary, m.actual, point, ind.direction == "lower_is_better")


def measure(plan, ind, subject, actual_override=None):
    """Actual, target, achievement, tier and score of one indicator."""
    m = Measured()
    actuals = subject.get("actuals") or {}
    m.actual = num(actuals.get(ind.id)) if actual_override is None else actual_override
    share = target_factor(ind, subject)
    target = subject_target(ind, subject)
    if target is not None:
        target = target * share
    m.target = target
    if share < 1:
        m.flags.add("prorated")
    # No data: no actual, or a per-subject target that the subject lacks.
    if m.actual is None or (ind.per_subject and target is None) or (
            ind.needs_target() and target is None):
        m.flags.add("missing")
        return m
    m.has_data = True
    m.achievement, m.unbounded = achievement_of(ind, m.actual, m.target)
    # Tiers reached form a prefix of the list (easiest first).
    for i, tier in enumerate(ind.tiers):
        if tier_reached(ind, tier, m, share):
            m.tier_index = i
    m.exact_score = curve_score(ind, m, share)
    m.score = m.exact_score
    if plan.indicator_scale is not None:  # legacy: round each score first
        m.score = round_to(m.score, plan.indicator_scale, plan.mode)
    return m


# ---------------------------------------------------------------------------
# Curves
# ---------------------------------------------------------------------------


def curve_score(ind, m, share):
    """Dispatch to the curve form; adds flags to m.flags."""
    return CURVES[ind.kind](ind, m, share)


def score_ratio(ind, m, share):
    """score = achievement, limited to [0, cap]; 0 when the gate is not reached
    (gated); a negative achievement scores 0 (floored) unless below: extrapolate,
    where it is the score."""
    cap = num(ind.curve.get("cap"))
    gate = num(ind.curve.get("gate"))
    if m.unbounded:  # lower is better, actual <= 0: only the cap limits it
        m.flags.add("capped")
        return cap
    a = m.achievement
    if gate is not None and not meets(ind.boundary, a, gate):
        m.flags.add("gated")
        return Fraction(0)
    if a < 0 and ind.curve.get("below", "zero") != "extrapolate":
        m.flags.add("floored")
        return Fraction(0)
    if cap is not None and a > cap:
        m.flags.add("capped")
        return cap
    return a


def score_step(ind, m, share):
    """The score of the highest tier reached; `below` when none."""
    if m.tier_index < 0:
        return num(ind.curve.get("below", "0"))
    return ind.tiers[m.tier_index]["score"]


def linear_points(ind, share):
    """Tier points (x, y) in 'u' coordinates where better is always larger:
    u = x, except lower is better on actual basis where u = -x."""
    d = linear_sign(ind)
    return [(d * tier_point(ind, t, share), t["score"]) for t in ind.tiers]


def linear_sign(ind):
    if ind.tier_basis == "actual" and ind.direction == "lower_is_better":
        return -1
    return 1


def linear_value(ind, m):
    """The curve's x for this subject: the actual, or achievement on
    achievement basis (None when unbounded)."""
    if ind.tier_basis == "achievement":
        return None if m.unbounded else m.achievement
    return m.actual


def linear_last_slope(points):
    (u0, y0), (u1, y1) = points[-2], points[-1]
    return (y1 - y0) / (u1 - u0)


def score_linear(ind, m, share):
    """Piecewise linear between tier points; below the first point (no tier
    reached): zero|flat|extrapolate (the first segment's line, flag extrapolated
    when strictly below); above: cap|extrapolate (flag extrapolated) up to
    `max` (flag capped)."""
    pts = linear_points(ind, share)
    below = ind.curve.get("below", "zero")
    above = ind.curve.get("above", "cap")
    vmax = num(ind.curve.get("max"))
    x = linear_value(ind, m)
    if x is None:  # unbounded achievement: beyond every point
        if above == "cap":
            m.flags.add("capped")
            return pts[-1][1]
        if linear_last_slope(pts) == 0:
            return pts[-1][1]
        if vmax is None:
            raise ValueError("unbounded extrapolation without max")
        m.flags.update(("extrapolated", "capped"))
        return vmax
    u = linear_sign(ind) * x
    if m.tier_index < 0:  # no tier reached: at or below the first point
        if below == "zero":
            return Fraction(0)
        if below == "flat" or u == pts[0][0]:
            return pts[0][1]
        m.flags.add("extrapolated")
        (u0, y0), (u1, y1) = pts[0], pts[1]
        return y0 + (u - u0) * (y1 - y0) / (u1 - u0)
    if u > pts[-1][0]:
        if above == "cap":
            m.flags.add("capped")  # the last score limits it
            return pts[-1][1]
        m.flags.add("extrapolated")
        y = pts[-1][1] + (u - pts[-1][0]) * linear_last_slope(pts)
        if vmax is not None and y > vmax:
            m.flags.add("capped")
            return vmax
        return y
    for (u0, y0), (u1, y1) in zip(pts, pts[1:]):
        if u0 <= u <= u1:
            return y0 + (u - u0) * (y1 - y0) / (u1 - u0)
    raise AssertionError("unreachable")


def score_band(ind, m, share):
    """`full` inside [low, high]; outside full − per_unit × distance, >= floor."""
    c = ind.curve
    low, high = num(c["low"]), num(c["high"])
    full = num(c.get("full", "100"))
    per_unit = num(c["per_unit"])
    floor = num(c.get("floor", "0"))
    if low <= m.actual <= high:
        return full
    distance = low - m.actual if m.actual < low else m.actual - high
    s = full - per_unit * distance
    if c.get("below", "floor") == "extrapolate":  # no floor
        return s
    if s < floor:
        m.flags.add("floored")
        return floor
    return s


def score_pass_fail(ind, m, share):
    """`full` when the target is met (>=, or <= for lower is better), else 0."""
    full = num(ind.curve.get("full", "100"))
    met = meets(ind.boundary, m.actual, m.target, ind.direction == "lower_is_better")
    return full if met else Fraction(0)


def score_deduction(ind, m, share):
    """full − per_unit × actual, within [floor, full]; below: extrapolate
    removes the floor."""
    c = ind.curve
    full = num(c.get("full", "100"))
    per_unit = num(c["per_unit"])
    floor = num(c.get("floor", "0"))
    s = full - per_unit * m.actual
    if c.get("below", "floor") == "extrapolate":  # no floor; still at most full
        return min(s, full)
    if s < floor:
        m.flags.add("floored")
        return floor
    return min(s, full)


CURVES = {
    "ratio": score_ratio,
    "step": score_step,
    "linear": score_linear,
    "band": score_band,
    "pass_fail": score_pass_fail,
    "deduction": score_deduction,
}


# ---------------------------------------------------------------------------
# The weight tree
# ---------------------------------------------------------------------------


class NodeResult:
    def __init__(self, raw, path):
        self.raw = raw
        self.path = path              # JSON pointer into the plan
        self.is_group = "group" in raw
        # weight in percent of the parent; absent (root, auxiliary) counts as 0
        self.weight = num(raw.get("weight")) or Fraction(0)
        self.effective_weight = None  # set by the parent (None at the root)
        self.policy = raw.get("missing", "reweight")
        self.has_data = False
        self.score = None
        self.contribution = None
        self.flags = set()
        self.children = []
        self.measured = None          # indicators: the Measured


def eval_tree(plan, measured, gates_by_group, raw, path, problems):
    """Score a node bottom-up.  `measured` maps indicator id → Measured.
    Missing-data policy of the node: reweight (left out), zero (scores 0,
    counts as data), refuse (subject refused, problem missing_data)."""
    node = NodeResult(raw, path)
    if not node.is_group:
        m = measured[raw["indicator"]]
        node.measured = m
        node.flags |= m.flags
        node.has_data = m.has_data
        node.score = m.score
    else:
        for i, child in enumerate(raw["children"]):
            node.children.append(eval_tree(plan, measured, gates_by_group, child,
                                           "%s/children/%d" % (path, i), problems))
        if raw.get("mode") == "mean":
            mean_weights(plan, node)
        weigh_children(node)
        if node.has_data:
            node.score = sum((c.score * c.effective_weight / HUNDRED
                              for c in node.children if c.effective_weight and c.has_data),
                             Fraction(0))
            # Group gates act when the group's score is computed.
            for gate in gates_by_group.get(raw["group"], []):
                if gate_applies(plan, gate, measured):
                    node.flags.add("gated")
                    node.score = min(node.score, num(gate["cap"]))
            # `round`: the group's score is rounded before its parent uses it.
            if raw.get("round") is not None:
                node.score = round_to(node.score, raw["round"], plan.mode)
    if not node.has_data:
        apply_missing_policy(node, problems)
    return node


def mean_weights(plan, group):
    """FORMAT.md, Tree, `mode: mean`: each of the N main children weighs
    exactly 100/N (an auxiliary indicator 0); reweighting over the children
    with data then gives the plain mean of their scores."""
    def auxiliary(c):
        return not c.is_group and plan.indicators[c.raw["indicator"]].auxiliary
    mains = [c for c in group.children if not auxiliary(c)]
    for c in group.children:
        c.weight = Fraction(0) if auxiliary(c) else Fraction(100, len(mains))


def any_empty_group_missing(node):
    """Whether a group without children (a `mean` group) is in the tree
    with no data (flag missing)."""
    if not node.is_group:
        return False
    if not node.children and "missing" in node.flags:
        return True
    return any(any_empty_group_missing(c) for c in node.children)


def weigh_children(group):
    """Effective weights: children with data share the group's 100 % in
    proportion to their weights; a child left out gets 0 (flag reweighted on
    the children whose effective weight changed)."""
    with_data = [c for c in group.children if c.has_data]
    total = sum((c.weight for c in with_data), Fraction(0))
    if not with_data or total == 0:  # no data, or only zero weights have data
        group.has_data = False
        for c in group.children:
            c.effective_weight = Fraction(0)
        return
    group.has_data = True
    for c in group.children:
        c.effective_weight = c.weight * HUNDRED / total if c.has_data else Fraction(0)
        if c.has_data and c.effective_weight != c.weight:
            c.flags.add("reweighted")


def apply_missing_policy(node, problems):
    node.flags.add("missing")
    if node.policy == "zero":  # scores 0 and counts as data
        node.has_data = True
        node.score = Fraction(0)
    elif node.policy == "refuse":
        problems.append({"path": node.path, "code": "missing_data",
                         "message": MISSING_DATA_MESSAGE})


def set_contributions(node, factor):
    """contribution = score × Π(effective weight / 100) on the path to the root."""
    if node.score is not None and node.has_data:
        node.contribution = node.score * factor
    for c in node.children:
        set_contributions(c, factor * c.effective_weight / HUNDRED)


# ---------------------------------------------------------------------------
# Adjustments, total, rating, payout
# ---------------------------------------------------------------------------


def gate_applies(plan, gate, measured):
    """A gate applies when its indicator has data and does not reach the
    threshold (achievement percent, or the actual in the indicator's direction)."""
    m = measured[gate["indicator"]]
    if not m.has_data:
        return False
    threshold = num(gate["threshold"])
    boundary = gate.get("boundary", "inclusive")
    if gate.get("basis", "achievement") == "achievement":
        if m.unbounded or m.achievement is None:  # no achievement: nothing to miss
            return False
        return not meets(boundary, m.achievement, threshold)
    lower = plan.indicators[gate["indicator"]].direction == "lower_is_better"
    return not meets(boundary, m.actual, threshold, lower)


def rating_of(plan, total):
    """First band (best first) with total >= min; the last band has no min."""
    if total is None or not plan.ratings:
        return None
    for name, minimum in plan.ratings:
        if minimum is None or total >= minimum:
            return name
    return None


def coefficient_by_score(payout, total):
    points = [(num(p["score"]), num(p["coefficient"])) for p in payout["points"]]
    if total < points[0][0]:
        return Fraction(0)
    if total >= points[-1][0]:
        return points[-1][1]
    for (s0, c0), (s1, c1) in zip(points, points[1:]):
        if s0 <= total < s1:
            if payout.get("interpolate", False):
                return c0 + (total - s0) * (c1 - c0) / (s1 - s0)
            return c0
    raise AssertionError("unreachable")


def payout_of(plan, subject, total, rating):
    """payout = base × coefficient (rounded at display); subject base first."""
    if plan.payout is None or total is None:
        return None
    base = num(subject.get("base"))
    if base is None:
        base = num(plan.payout.get("base"))
    if base is None:
        return None
    if plan.payout["by"] == "rating":
        coefficient = num(plan.payout["coefficients"][rating])
    else:
        coefficient = coefficient_by_score(plan.payout, total)
    return base * coefficient


# ---------------------------------------------------------------------------
# One subject
# ---------------------------------------------------------------------------


class Scored:
    """Everything computed for one subject (exact values)."""
    pass


def score_subject(plan, subject, override=None):
    """Score one subject; `override` = (indicator id, actual) for what it takes."""
    s = Scored()
    s.subject = subject
    measured = {}
    for ind_id in plan.indicator_order:
        ind = plan.indicators[ind_id]
        actual = override[1] if override and override[0] == ind_id else None
        measured[ind_id] = measure(plan, ind, subject, actual)
    s.measured = measured
    gates = [a for a in plan.adjustments if a["kind"] == "gate"]
    gates_by_group = {}
    for g in gates:
        if g.get("group") is not None:
            gates_by_group.setdefault(g["group"], []).append(g)
    s.problems = []
    s.tree = eval_tree(plan, measured, gates_by_group, plan.tree, "/tree", s.problems)
    s.tree.effective_weight = None
    set_contributions(s.tree, Fraction(1))
    # Problems in the order of the plan's tree (pre-order of the refused nodes).
    s.problems.sort(key=lambda p: [int(k) for k in p["path"].split("/")[3::2]])
    s.refused = bool(s.problems)
    s.flags = set()
    if any("missing" in measured[i].flags for i in tree_indicators(plan.tree)):
        s.flags.add("missing")
    if any_empty_group_missing(s.tree):  # NOTES.md 5: an empty mean group
        s.flags.add("missing")
    # An auxiliary indicator left out of the tree is neither scored nor reported.
    if any("prorated" in measured[i].flags for i in tree_indicators(plan.tree)):
        s.flags.add("prorated")
    s.score = s.tree.score if s.tree.has_data else None
    s.adjustments = []  # (adjustment, points or None, flags)
    s.total = None
    s.rounded = None
    if s.refused:  # not scored: no flags, tree or adjustments; problems say why
        s.flags = set()
        return s
    # Adjustments are evaluated even when the tree has no data (then they change
    # no total, and the subject gets neither `adjusted` nor `gated`).
    effects = {}   # id(adjustment) → (points shown, flags)
    bonus = Fraction(0)
    caps = []
    for a in plan.adjustments:
        if a["kind"] in ("bonus", "deduction"):
            # points given in the input, >= 0, limited to max (flag capped)
            points = num((subject.get("points") or {}).get(a["id"])) or Fraction(0)
            flags = set()
            if a.get("max") is not None and points > num(a["max"]):
                points = num(a["max"])
                flags.add("capped")
            effect = points if a["kind"] == "bonus" else -points
            bonus += effect
            effects[id(a)] = (effect, flags)
            if effect != 0 and s.score is not None:
                s.flags.add("adjusted")
        else:
            # gate: shows its cap when it applies (whether or not the cap binds)
            applies = gate_applies(plan, a, measured)
            effects[id(a)] = (num(a["cap"]) if applies else None,
                              {"gated"} if applies else set())
            if applies and a.get("group") is None:
                caps.append(num(a["cap"]))
    s.adjustments = [(a, effects[id(a)][0], effects[id(a)][1]) for a in plan.adjustments]
    if s.score is None:  # no data at all: scored, null total, flag missing
        return s
    # Order of the total: tree score → + bonus − deduction → total gates
    # (the lowest cap that applies) → floor / ceiling → rounded to the scale.
    total = s.score + bonus
    if caps:
        s.flags.add("gated")
        total = min(total, min(caps))
    if plan.floor is not None and total < plan.floor:
        total = plan.floor
        s.flags.add("floored")
    if plan.ceiling is not None and total > plan.ceiling:
        total = plan.ceiling
        s.flags.add("capped")
    s.total = total
    s.rounded = round_to(total, plan.scale, plan.mode)
    return s


def tree_indicators(raw):
    if "group" in raw:
        out = []
        for c in raw["children"]:
            out.extend(tree_indicators(c))
        return out
    return [raw["indicator"]]


# ---------------------------------------------------------------------------
# What it takes (`next`)
# ---------------------------------------------------------------------------


def curve_max(ind, share):
    """The curve's highest score, or None when unbounded."""
    c = ind.curve
    if ind.kind == "ratio":
        return num(c.get("cap"))
    if ind.kind == "step":
        return max([num(c.get("below", "0"))] + [t["score"] for t in ind.tiers])
    if ind.kind == "linear":
        pts = linear_points(ind, share)
        if c.get("above", "cap") == "cap" or linear_last_slope(pts) == 0:
            return max(y for _, y in pts)
        return num(c.get("max"))
    return num(c.get("full", "100"))  # band, pass_fail, deduction


def achievement_to_actual(ind, a, target):
    """The actual giving achievement a (percent)."""
    if ind.direction == "lower_is_better":
        return target * HUNDRED / a
    return a * target / HUNDRED


def threshold_for_tier(ind, tier, m, share):
    """The actual at which `tier` is reached."""
    if ind.tier_basis == "achievement":
        return achievement_to_actual(ind, tier["at"], m.target)
    return tier_point(ind, tier, share)


def threshold_for_score(ind, goal, m, share):
    """The actual (exact) from which the curve's score is >= goal, or None."""
    c = ind.curve
    if ind.kind == "ratio":
        if c.get("below") == "extrapolate" and ind.direction == "higher_is_better":
            return achievement_to_actual(ind, goal, m.target)  # may be negative
        a = max(goal, num(c.get("gate")) or Fraction(0))
        return achievement_to_actual(ind, a, m.target)
    if ind.kind == "pass_fail":
        return m.target
    if ind.kind == "deduction":
        return (num(c.get("full", "100")) - goal) / num(c["per_unit"])
    if ind.kind == "band":
        full, per_unit = num(c.get("full", "100")), num(c["per_unit"])
        if m.actual < num(c["low"]):
            return num(c["low"]) - (full - goal) / per_unit
        return num(c["high"]) + (full - goal) / per_unit
    if ind.kind == "linear":
        u = linear_threshold(ind, goal, share)
        if u is None:
            return None
        x = linear_sign(ind) * u
        if ind.tier_basis == "achievement":
            return achievement_to_actual(ind, x, m.target)
        return x
    return None  # step: all tiers reached, nothing further


def linear_threshold(ind, goal, share):
    """Smallest u where the linear curve reaches goal."""
    pts = linear_points(ind, share)
    if pts[0][1] >= goal:
        return pts[0][0]
    for (u0, y0), (u1, y1) in zip(pts, pts[1:]):
        if y1 >= goal:
            return u0 + (goal - y0) * (u1 - u0) / (y1 - y0)
    slope = linear_last_slope(pts)
    if ind.curve.get("above", "cap") == "extrapolate" and slope > 0:
        return pts[-1][0] + (goal - pts[-1][1]) / slope
    return None


def moves_up(ind, m):
    """Whether improving means a larger actual."""
    if ind.direction == "higher_is_better":
        return True
    if ind.direction == "lower_is_better":
        return False
    return m.actual < num(ind.curve["low"])  # band: move toward the band


def what_it_takes(plan, s, ind):
    """The smallest change (a multiple of step) reaching the next tier, or the
    next whole score point when no tier is left; None if no improvement."""
    m = s.measured[ind.id]
    if not m.has_data:
        return None
    if formula_of(ind) != "quotient":  # FORMAT.md: not given for these formulas
        return None
    share = target_factor(ind, s.subject)
    if m.tier_index + 1 < len(ind.tiers):
        tier = ind.tiers[m.tier_index + 1]
        goal = ("tier", tier)
        threshold = threshold_for_tier(ind, tier, m, share)
    else:
        top = curve_max(ind, share)
        if top is not None and m.score >= top:
            return None
        point = Fraction(math.floor(m.score) + 1)
        if top is not None:
            point = min(point, top)
        goal = ("point", point)
        threshold = threshold_for_score(ind, point, m, share)
    if threshold is None:
        return None
    up = moves_up(ind, m)
    distance = threshold - m.actual if up else m.actual - threshold
    k = max(1, math.ceil(distance / ind.step))
    for _ in range(4):  # verify by re-scoring; one more step if short
        change = k * ind.step if up else -k * ind.step
        trial = score_subject(plan, s.subject, (ind.id, m.actual + change))
        tm = trial.measured[ind.id]
        if goal[0] == "tier":
            reached = tm.tier_index >= ind.tiers.index(goal[1])
        else:
            reached = tm.score >= goal[1]
        if reached:
            return {
                "goal": goal[0],
                "tier": goal[1]["name"] if goal[0] == "tier" else None,
                "actual": plan.show(m.actual + change),
                "change": plan.show(change),
                "score": plan.show(tm.score),
                "total": plan.show(trial.rounded),
                "rating": rating_of(plan, trial.rounded),
            }
        k += 1
    return None


def next_gate(plan, s):
    """When a total gate caps the total (flag gated): the gate to clear first —
    the applying total gate with the lowest cap, the first in plan order on a
    tie — and the smallest multiple of its indicator's step that passes it (as
    its boundary says), with the total and rating re-scored with only that
    actual changed. None when not gated, or when no such actual is found."""
    if "gated" not in s.flags:
        return None
    gate = None
    for a, _, f in s.adjustments:
        if a["kind"] == "gate" and a.get("group") is None and "gated" in f:
            if gate is None or num(a["cap"]) < num(gate["cap"]):
                gate = a
    if gate is None:
        return None
    ind = plan.indicators[gate["indicator"]]
    m = s.measured[ind.id]
    threshold = num(gate["threshold"])
    if gate.get("basis", "achievement") == "achievement":
        if m.target is None or threshold <= 0:
            return None
        threshold = achievement_to_actual(ind, threshold, m.target)
    up = ind.direction != "lower_is_better"
    distance = threshold - m.actual if up else m.actual - threshold
    k = max(1, math.ceil(distance / ind.step))
    for _ in range(4):  # verify by re-scoring; one more step if short
        change = k * ind.step if up else -k * ind.step
        trial = score_subject(plan, s.subject, (ind.id, m.actual + change))
        if not gate_applies(plan, gate, trial.measured):
            return {
                "gate": adjustment_id(gate),
                "indicator": ind.id,
                "actual": plan.show(m.actual + change),
                "change": plan.show(change),
                "total": plan.show(trial.rounded),
                "rating": rating_of(plan, trial.rounded),
            }
        k += 1
    return None


# ---------------------------------------------------------------------------
# The result document
# ---------------------------------------------------------------------------

NODE_FLAGS = ("capped", "extrapolated", "floored", "gated", "missing", "prorated", "reweighted")


def node_json(plan, s, node, with_next):
    if node.is_group:
        return {
            "id": node.raw["group"],
            "kind": "group",
            "name": node.raw.get("name"),
            "weight": None if node.effective_weight is None else plan.show(node.weight),
            "effective_weight": plan.show(node.effective_weight),
            "score": plan.show(node.score),
            "contribution": plan.show(node.contribution),
            "flags": sorted(node.flags),
            "children": [node_json(plan, s, c, with_next) for c in node.children],
        }
    ind = plan.indicators[node.raw["indicator"]]
    m = node.measured
    return {
        "id": ind.id,
        "kind": "indicator",
        "name": ind.name,
        "weight": plan.show(node.weight),
        "effective_weight": plan.show(node.effective_weight),
        "actual": plan.show(m.actual),
        "target": plan.show(m.target),
        "achievement": plan.show(m.achievement),
        "variance": variance_of(plan, m),
        "tier": ind.tiers[m.tier_index]["name"] if m.tier_index >= 0 else None,
        "score": plan.show(node.score),
        "contribution": plan.show(node.contribution),
        "flags": sorted(node.flags),
        "next": what_it_takes(plan, s, ind) if with_next else None,
    }


def variance_of(plan, m):
    """actual − target, exact, shown at the plan's scale; None when either is
    None. The same sign for every direction (lower is better: negative is good)."""
    if m.actual is None or m.target is None:
        return None
    return plan.show(m.actual - m.target)


def assign_ranks(plan, scored):
    """Competition (1,2,2,4) or dense (1,2,2,3) ranks of rounded totals, high
    to low, within the groups named by `within`; no total → no rank."""
    ranks = {}
    ranking = plan.ranking or {}  # no ranking section: competition, all together
    method = ranking.get("method", "competition")
    within = ranking.get("within") or []
    parts = {}
    for s in scored:
        if s.rounded is None:
            continue
        groups = s.subject.get("groups") or {}
        key = tuple(groups.get(k) for k in within)
        parts.setdefault(key, []).append(s)
    for members in parts.values():
        totals = [s.rounded for s in members]
        distinct = sorted(set(totals), reverse=True)
        for s in members:
            if method == "dense":
                ranks[s.subject["id"]] = distinct.index(s.rounded) + 1
            else:
                ranks[s.subject["id"]] = 1 + sum(1 for t in totals if t > s.rounded)
    return ranks


def evaluate(plan_raw, input_raw):
    """The canonical result document for a plan and an input."""
    plan = Plan(plan_raw)
    options = input_raw.get("options") or {}
    with_next = bool(options.get("what_it_takes", False))
    subjects = sorted(input_raw.get("subjects") or [],
                      key=lambda x: x["id"].encode("utf-8"))
    scored = [score_subject(plan, subj) for subj in subjects]
    ranks = assign_ranks(plan, scored)
    out = []
    for s in scored:
        subj = s.subject
        groups = subj.get("groups") or {}
        groups = {k: groups[k] for k in sorted(groups, key=lambda k: k.encode("utf-8"))}
        if s.refused:
            out.append({
                "id": subj["id"], "status": "refused", "total": None, "rating": None,
                "rank": None, "payout": None, "flags": sorted(s.flags), "groups": groups,
                "score": None, "adjustments": [], "next_gate": None, "tree": None,
                "problems": s.problems,
            })
            if "earnings" in plan_raw:  # earnings (oracle_earnings.py): refused → null
                out[-1]["earnings"] = None
            continue
        rating = rating_of(plan, s.rounded)
        payout = payout_of(plan, subj, s.rounded, rating)
        out.append({
            "id": subj["id"],
            "status": "scored",
            "total": plan.show(s.rounded),
            "rating": rating,
            "rank": ranks.get(subj["id"]),
            "payout": plan.show(payout),
            "flags": sorted(s.flags),
            "groups": groups,
            "score": plan.show(s.score),
            "adjustments": [
                {"id": adjustment_id(a), "kind": a["kind"], "points": plan.show(p),
                 "flags": sorted(f)}
                for a, p, f in s.adjustments
            ],
            "next_gate": next_gate(plan, s) if with_next else None,
            "tree": node_json(plan, s, s.tree, with_next),
            "problems": [],
        })
        if "earnings" in plan_raw:  # earnings (oracle_earnings.py)
            out[-1]["earnings"] = oracle_earnings.statement(plan, s, rating)
    return {"plan": {"id": plan.id, "version": plan.version}, "subjects": out}


def adjustment_id(a):
    return "gate:" + a["indicator"] if a["kind"] == "gate" else a["id"]


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def load_exact(text):
    """JSON with every number read exactly (never a binary float)."""
    return json.loads(text, parse_float=Decimal)


def canonical(doc):
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def case_files(folder=CASES):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))


def compute_case(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    exact = load_exact(text)
    return text, evaluate(exact["plan"], exact["input"])


def check_invalid_files():
    """Shape check of conformance/invalid/*.json (their problems are by hand)."""
    bad = []
    folder = os.path.join(HERE, "invalid")
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            case = json.load(f)
        err = case.get("expected_error") or {}
        ok = (isinstance(case.get("description"), str)
              and ("plan" in case) != ("plan_text" in case)
              and err.get("error") in ("plan", "input")
              and (err["error"] == "input") == ("input" in case)
              and err.get("problems")
              and all(set(p) == {"path", "code"} for p in err["problems"]))
        if not ok:
            bad.append("invalid/" + name)
    return bad


def take_dir(argv, default):
    """argv without `--dir DIR`, and DIR (the default when absent)."""
    if "--dir" in argv[1:-1]:
        i = argv.index("--dir", 1)
        return argv[:i] + argv[i + 2:], argv[i + 1]
    return argv, default


def main(argv):
    argv, folder = take_dir(argv, CASES)
    if len(argv) == 2 and argv[1] in ("--write", "--check"):
        bad = []
        for path in case_files(folder):
            text, result = compute_case(path)
            case = json.loads(text)  # plain load: plan/input written back as they were
            if argv[1] == "--write":
                case["expected"] = result
                with open(path, "w", encoding="utf-8") as f:
                    f.write(json.dumps(case, ensure_ascii=False, indent=2) + "\n")
            elif canonical(case.get("expected")) != canonical(result):
                bad.append(os.path.basename(path))
        if argv[1] == "--check":
            bad.extend(check_invalid_files())
        if bad:
            print("expected differs from the oracle (or is malformed) in:\n  " + "\n  ".join(bad))
            return 1
        print("%s: %d cases" % ("written" if argv[1] == "--write" else "ok",
                                len(case_files(folder))))
        return 0
    if len(argv) == 3:
        with open(argv[1], encoding="utf-8") as f:
            plan = load_exact(f.read())
        with open(argv[2], encoding="utf-8") as f:
            inp = load_exact(f.read())
        print(json.dumps(evaluate(plan, inp), ensure_ascii=False, indent=2))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
