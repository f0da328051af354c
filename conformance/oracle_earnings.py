"""Independent oracle for a plan's `earnings` (docs/FORMAT.md, "Earnings"):
the statement of one scored subject, in exact Fractions, standard library only.

Called from oracle.py (`statement(plan, s, rating)`) for every subject when the
plan declares `earnings`; a refused subject's statement is null there.
"""

from fractions import Fraction

RATE_SCALE = 6


def _num(value):
    from oracle import num  # the oracle's exact reading of a number
    return num(value)


def _rate(plan, x):
    """A rate, multiplier or blended rate: 6 places, the plan's mode."""
    from oracle import fmt_fixed, round_to
    if x is None:
        return None
    return fmt_fixed(round_to(x, RATE_SCALE, plan.mode), RATE_SCALE)


def _amount(line, s):
    """The line's amount: the actual, the exact achievement, or the rounded total."""
    basis = line.get("basis", "actual")
    if basis == "total":
        return s.rounded
    m = s.measured[line["indicator"]]
    if basis == "actual":
        return m.actual
    if m.unbounded:
        return None
    return m.achievement


def _holds(band, x):
    lo, hi = _num(band["from"]), _num(band.get("to"))
    above = x > lo or (x == lo and band.get("from_inclusive", True))
    below = hi is None or x < hi or (x == hi and band.get("to_inclusive", False))
    return above and below


def _factor(mult, total, rating):
    """The multiplier's factor on the rounded total / rating; None without a total."""
    if total is None:
        return None
    if mult["by"] == "rating":
        return _num(mult["factors"][rating])
    points = [(_num(p["score"]), _num(p["factor"])) for p in mult["points"]]
    reached = [k for k, (sc, _) in enumerate(points) if sc <= total]
    if not reached:
        return Fraction(0)
    k = reached[-1]
    s0, f0 = points[k]
    if k + 1 < len(points) and mult.get("interpolate", False):
        s1, f1 = points[k + 1]
        return f0 + (total - s0) * (f1 - f0) / (s1 - s0)
    return f0


def _curve(points, a):
    """Interpolated rate at a: 0 below the first point, linear between, the last after."""
    if a < points[0][0]:
        return Fraction(0)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= a < x1:
            return y0 + (a - x0) * (y1 - y0) / (x1 - x0)
    return points[-1][1]


def _line(plan, line, s, rating):
    table = line["table"]
    kind = table["kind"]
    a = _amount(line, s)
    out = {"id": line["id"], "indicator": line.get("indicator"),
           "basis": line.get("basis", "actual"), "kind": kind,
           "amount": plan.show(a), "band": None, "rate": None, "slices": [],
           "blended_rate": None, "base": None, "multiplier": None,
           "earnings": None, "capped": False}
    base = None
    if kind == "interpolated":
        base = _num(s.subject.get("base"))
        if base is None:
            base = _num(table.get("base"))
        out["base"] = plan.show(base)
    factor = None
    if line.get("multiplier") is not None:
        factor = _factor(line["multiplier"], s.rounded, rating)
        out["multiplier"] = _rate(plan, factor)
    if a is None:
        return out, None
    x = abs(a)
    sign = -1 if a < 0 else 1
    if kind == "flat":
        rate = _num(table["rate"])
        out["rate"] = _rate(plan, rate)
        value = rate * a
    elif kind == "tiers":
        rate = Fraction(0)
        for k, band in enumerate(table["bands"]):
            if _holds(band, x):
                out["band"] = k
                rate = _num(band["rate"])
                break
        out["rate"] = _rate(plan, rate)
        value = rate * a
    elif kind == "marginal":
        bands = [(_num(b["from"]), _num(b["rate"])) for b in table["bands"]]
        value = Fraction(0)
        for k, (lo, rate) in enumerate(bands):
            if x <= lo:
                break
            hi = bands[k + 1][0] if k + 1 < len(bands) else None
            part = sign * ((x if hi is None else min(x, hi)) - lo)
            value += part * rate
            out["slices"].append({
                "band": k, "lower": plan.show(lo), "upper": plan.show(hi),
                "amount": plan.show(part), "rate": _rate(plan, rate),
                "earnings": plan.show(part * rate)})
        if a != 0:
            out["blended_rate"] = _rate(plan, value / a)
    else:
        if base is None:
            return out, None
        points = [(_num(p["at"]), _num(p["rate"])) for p in table["points"]]
        rate = _curve(points, a)
        out["rate"] = _rate(plan, rate)
        value = base * rate
    if line.get("multiplier") is not None:
        if factor is None:
            return out, None
        value = value * factor
    cap = _num(line.get("cap"))
    if cap is not None and value > cap:
        value = cap
        out["capped"] = True
    from oracle import round_to
    earned = round_to(value, plan.scale, plan.mode)
    out["earnings"] = plan.show(earned)
    return out, earned


def statement(plan, s, rating):
    """The `earnings` object of a scored subject `s` (oracle.Scored)."""
    from oracle import round_to
    spec = plan.raw["earnings"]
    lines = []
    total = Fraction(0)
    for line in spec["lines"]:
        out, earned = _line(plan, line, s, rating)
        lines.append(out)
        if earned is not None:
            total += earned
    capped = False
    cap = _num(spec.get("cap"))
    if cap is not None and total > cap:
        total = round_to(cap, plan.scale, plan.mode)
        capped = True
    return {"currency": spec.get("currency"), "lines": lines,
            "total": plan.show(total), "capped": capped}
