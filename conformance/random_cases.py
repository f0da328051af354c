#!/usr/bin/env python3
"""Random valid plans and inputs for differential testing (engine vs oracle.py).

Writes N cases as JSON Lines (one compact case a line, in the corpus format:
{"name", "plan", "input", "expected"}), `expected` computed by
conformance/oracle.py.  Standard library only; every case is a function of
(seed, index) alone, so one case is reproduced with `--only INDEX`.

The plans cover the plan space of docs/FORMAT.md broadly: every curve kind
and direction, tiers on actual and achievement basis, per-subject targets,
proration, missing-data policies, nested groups with zero and decimal weights,
auxiliary indicators, gates on groups and on the total, bonus / deduction,
total floor / ceiling, ratings, payout by rating and by score, ranking,
every rounding mode and scale, legacy indicator_scores rounding; the inputs
put actuals exactly at tier points, gates, band edges and targets (prorated
too), and mix magnitudes from 10^-10 to 10^12.

Also --runs M run cases (runs.jsonl: run documents, plans with measures over
random CSV / JSON Lines facts, rosters with start/end/share/team, per-subject
and team targets, direct actuals, every period kind, time zones, fiscal years,
week starts, as_of; `expected` or `expected_error` from oracle_run.py).

Usage:
  python3 conformance/random_cases.py --seed S --count N --runs M --out DIR [--jobs J]
  python3 conformance/random_cases.py --seed S --only INDEX --out DIR
      (DIR/case-S-INDEX.json, a corpus case: pretty, for one reproduction)
  python3 conformance/random_cases.py --seed S --only-run INDEX --out DIR

The engine side is core/tests/integration/differential.rs, driven by
scripts/differential.sh.
"""

import argparse
import json
import os
import random
import sys
import time
from decimal import Decimal
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import oracle  # noqa: E402
import oracle_run  # noqa: E402

# ---------------------------------------------------------------------------
# Numbers as exact text
# ---------------------------------------------------------------------------


def text(x):
    """An exact Fraction with a terminating decimal expansion, as plain text
    (at most 10 fraction digits, or None when it needs more)."""
    x = Fraction(x)
    for digits in range(0, 11):
        q = x * 10 ** digits
        if q.denominator == 1:
            n = q.numerator
            sign = "-" if n < 0 else ""
            s = str(abs(n)).rjust(digits + 1, "0")
            return sign + (s if digits == 0 else s[:-digits] + "." + s[-digits:])
    return None


def rnum(rng, lo, hi, digits=None):
    """A random decimal in [lo, hi] with `digits` fraction digits (random if None)."""
    if digits is None:
        digits = rng.choice([0, 0, 0, 1, 2, 2, 3, 4, 6, 10])
    scale = 10 ** digits
    return Fraction(rng.randint(int(lo * scale), int(hi * scale)), scale)


def magnitude(rng):
    """A positive scale factor: mostly ordinary, sometimes tiny or huge."""
    return rng.choice([1, 1, 1, 1, 10, 100, 1000, Fraction(1, 100), 10 ** 6, 10 ** 9])


def as_json(rng, x):
    """Number text, now and then as a JSON number (integers only: Python's json
    writes Fractions as nothing exact)."""
    t = text(x)
    if x.denominator == 1 and rng.random() < 0.1:
        return int(x)
    return t


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------

UNITS = ["count", "money", "percent", "ratio", "days", "points"]
NAMES = ["门槛", "目标", "挑战", "卓越", "T", "tier-b", "Ü", "x"]


def weights(rng, n):
    """n weights (decimals >= 0) summing to exactly 100."""
    digits = rng.choice([0, 0, 1, 2, 4])
    unit = Fraction(1, 10 ** digits)
    total = 100 * 10 ** digits
    if n == 1:
        return [Fraction(100)]
    cuts = sorted(rng.randint(0, total) for _ in range(n - 1))
    if rng.random() < 0.7:  # mostly no zero weights
        cuts = sorted(set(rng.randint(1, total - 1) for _ in range(n - 1)))
        if len(cuts) < n - 1:
            cuts = [total * (i + 1) // n for i in range(n - 1)]
    parts = [b - a for a, b in zip([0] + cuts, cuts + [total])]
    return [p * unit for p in parts]


class Gen:
    def __init__(self, rng, prefix="", formulas=False):
        self.rng = rng
        self.prefix = prefix
        # Ratio formulas relative / closest (targets of any sign): scored plans
        # only (conformance/oracle_run.py does not read them).
        self.formulas = formulas
        self.indicators = []   # raw indicator dicts
        self.meta = {}         # id -> dict of facts the input generator uses

    # -- one indicator ------------------------------------------------------

    def indicator(self, iid):
        rng = self.rng
        kind = rng.choice(["ratio", "ratio", "step", "linear", "linear", "band",
                           "pass_fail", "deduction"])
        unit = rng.choice(UNITS)
        mag = magnitude(rng)
        meta = {"kind": kind, "mag": mag, "points": []}
        if kind == "band":
            direction = "band"
        elif kind == "deduction":
            direction = "lower_is_better"
        else:
            direction = rng.choice(["higher_is_better", "lower_is_better"])
        meta["direction"] = direction
        ind = {"id": iid, "name": rng.choice(["指标 " + iid, iid, "Ind " + iid]),
               "unit": {"kind": unit}}
        if unit == "money":
            ind["unit"]["currency"] = rng.choice(["CNY", "USD", "EUR"])
        if rng.random() < 0.3:
            ind["step"] = text(rng.choice([Fraction(1), Fraction(1, 100), Fraction(5),
                                           Fraction(1, 4), Fraction(1, 10 ** 10)]))
        ind["direction"] = direction
        if rng.random() < 0.3:
            ind["class"] = rng.choice(["result", "process", "collaboration"])
        target = {}
        # target value
        value = rnum(rng, 1, 1000) * mag
        if text(value) is None or value <= 0:
            value = Fraction(100)
        needs_target = kind in ("ratio", "pass_fail")
        meta["formula"] = None
        if kind == "ratio" and self.formulas and rng.random() < 0.35:
            meta["formula"] = rng.choice(["relative", "relative", "closest"])
            r = rng.random()
            if r < 0.3:
                value = -value  # relative to target: any sign
            elif r < 0.45:
                value = Fraction(0)  # needs a zero_target rule
        basis = "actual"
        tiers_needed = kind in ("step", "linear")
        # Tiers on a band only report; what it takes toward them is open (a tier
        # beyond the band lowers the score): left out.
        use_tiers = tiers_needed or (kind not in ("deduction", "band") and rng.random() < 0.3)
        if use_tiers and direction != "band" and rng.random() < 0.4:
            basis = "achievement"
            needs_target = True
        has_value = needs_target or rng.random() < 0.6
        per_subject = rng.random() < 0.25
        if per_subject and rng.random() < 0.4:
            has_value = False
        if not needs_target and rng.random() < 0.08:
            value = rng.choice([Fraction(0), -value])  # allowed where nothing divides by it
        if has_value:
            target["value"] = as_json(rng, value)
        meta["target"] = value if has_value else None
        meta["per_subject"] = per_subject
        meta["needs_target"] = needs_target
        if per_subject:
            target["per_subject"] = True
        elif rng.random() < 0.1:
            target["per_subject"] = False
        prorate = rng.random() < 0.3
        if prorate:
            target["prorate"] = True
        meta["prorate"] = prorate
        meta["basis"] = basis
        if basis == "achievement" or rng.random() < 0.2:
            target["tier_basis"] = basis
        tiers = []
        if use_tiers:
            n = rng.choice([1, 2, 2, 3, 3, 4, 6]) if kind != "linear" else rng.choice([2, 2, 3, 4, 5])
            if basis == "achievement":
                ats = sorted(set(rnum(rng, 20, 200, rng.choice([0, 0, 1, 2])) for _ in range(n)))
            else:
                base = value if meta["target"] is not None else rnum(rng, 1, 1000) * mag
                ats = sorted(set(base * rnum(rng, 0, 2, rng.choice([0, 1, 2])) for _ in range(n)))
                ats = [a for a in ats if text(a) is not None and abs(a) < 10 ** 14]
                if direction == "lower_is_better":
                    ats = ats[::-1]
            if kind == "linear" and len(ats) < 2:
                ats = [Fraction(80), Fraction(100)] if basis == "achievement" else (
                    [Fraction(100), Fraction(50)] if direction == "lower_is_better"
                    else [Fraction(50), Fraction(100)])
            if not ats:
                ats = [Fraction(100)]
            with_score = kind in ("step", "linear") or rng.random() < 0.5
            score = rnum(rng, 0, 60, rng.choice([0, 0, 1, 2, 3]))
            names = rng.sample(NAMES, min(len(ats), len(NAMES)))
            names += ["t%d" % i for i in range(len(ats) - len(names))]
            for name, at in zip(names, ats):
                t = {"name": name, "at": as_json(rng, at)}
                if with_score:
                    t["score"] = as_json(rng, score)
                    score += rng.choice([0, rnum(rng, 0, 40, rng.choice([0, 1, 2, 5]))])
                tiers.append(t)
            target["tiers"] = tiers
            meta["points"] = list(ats)
        if target and rng.random() < 0.25:
            target["boundary"] = "exclusive"  # tiers, pass/fail and a ratio's gate: strictly past
        if target:
            ind["target"] = target
        ind["curve"] = self.curve(kind, direction, basis, meta, tiers)
        return ind, meta

    def curve(self, kind, direction, basis, meta, tiers):
        rng = self.rng
        c = {"kind": kind}
        mag = meta["mag"]
        if kind == "ratio" and meta.get("formula"):
            c["formula"] = meta["formula"]
            zero = meta["target"] == 0 or meta["per_subject"] or rng.random() < 0.3
            if zero and (meta["target"] == 0 or rng.random() < 0.8):
                c["zero_target"] = rng.choice(["offset", "pass_fail"])
            meta["zero_rule"] = c.get("zero_target")
            if rng.random() < 0.5:
                c["cap"] = text(rnum(rng, 80, 200, rng.choice([0, 1, 2])))
            if rng.random() < 0.4:
                c["gate"] = text(rnum(rng, 10, 100, rng.choice([0, 1])))
                meta["gate"] = Fraction(Decimal(c["gate"]))
            elif rng.random() < 0.2:
                c["below"] = "extrapolate"
        elif kind == "ratio":
            if direction == "lower_is_better" or rng.random() < 0.6:
                c["cap"] = text(rnum(rng, 80, 200, rng.choice([0, 1, 2])))
            if rng.random() < 0.4:
                c["gate"] = text(rnum(rng, 10, 100, rng.choice([0, 1])))
                meta["gate"] = Fraction(Decimal(c["gate"]))
            elif rng.random() < 0.15:
                c["below"] = "extrapolate"  # signed: a negative achievement scores itself
        elif kind == "step":
            if rng.random() < 0.5:
                # Not above the first tier's score: the curve must not fall as results improve.
                first = Fraction(Decimal(str(tiers[0]["score"]))) if tiers else Fraction(30)
                c["below"] = text(min(rnum(rng, 0, 30, rng.choice([0, 2])), first))
        elif kind == "linear":
            if rng.random() < 0.5:
                c["below"] = rng.choice(["zero", "flat", "extrapolate"])
            if rng.random() < 0.6:
                c["above"] = rng.choice(["cap", "extrapolate", "extrapolate"])
            unbounded = (c.get("above") == "extrapolate" and basis == "achievement"
                         and direction == "lower_is_better")
            if c.get("above") == "extrapolate" and (unbounded or rng.random() < 0.5):
                top = max(Fraction(Decimal(t["score"])) if isinstance(t["score"], str)
                          else Fraction(t["score"]) for t in tiers)
                c["max"] = text(top + rnum(rng, 1, 50, rng.choice([0, 2])))
        elif kind == "band":
            low = rnum(rng, -50, 500) * mag
            high = low + rnum(rng, 0, 100, rng.choice([0, 1, 2])) * mag
            if text(low) is None or text(high) is None:
                low, high = Fraction(10), Fraction(20)
            c["low"], c["high"] = text(low), text(high)
            meta["low"], meta["high"] = low, high
            c["per_unit"] = text(rnum(rng, 1, 2000, rng.choice([0, 2, 4])) / 100)
            if rng.random() < 0.5:
                c["full"] = text(rnum(rng, 50, 150, rng.choice([0, 1])))
            if rng.random() < 0.5:
                full = Fraction(Decimal(c.get("full", "100")))
                c["floor"] = text(full - rnum(rng, 1, 120, rng.choice([0, 2])))
            elif rng.random() < 0.2:
                c["below"] = "extrapolate"  # no floor
        elif kind == "pass_fail":
            if rng.random() < 0.5:
                c["full"] = text(rnum(rng, 1, 150, rng.choice([0, 2])))
        elif kind == "deduction":
            c["per_unit"] = text(rnum(rng, 1, 5000, rng.choice([0, 2, 3])) / 100)
            if rng.random() < 0.5:
                c["full"] = text(rnum(rng, 50, 150, rng.choice([0, 1])))
            if rng.random() < 0.5:
                full = Fraction(Decimal(c.get("full", "100")))
                c["floor"] = text(full - rnum(rng, 1, 120, rng.choice([0, 2])))
            elif rng.random() < 0.2:
                c["below"] = "extrapolate"  # no floor
        return c

    # -- the tree -----------------------------------------------------------

    def tree(self, ids, depth, counter):
        """A group holding the indicator ids `ids` (non-empty), nested at random."""
        rng = self.rng
        gid = "g%d" % counter[0]
        counter[0] += 1
        items = list(ids)
        rng.shuffle(items)
        children = []
        while items:
            if depth < 7 and len(items) > 1 and rng.random() < 0.3:
                k = rng.randint(1, len(items))
                children.append(("group", items[:k]))
                items = items[k:]
            else:
                children.append(("ind", items.pop()))
        node = {"group": gid}
        if rng.random() < 0.6:
            node["name"] = rng.choice(["组 " + gid, "Group " + gid])
        ws = weights(rng, len(children))
        out = []
        for (what, val), w in zip(children, ws):
            if what == "group":
                child = self.tree(val, depth + 1, counter)
            else:
                child = {"indicator": val}
            child["weight"] = as_json(rng, w)
            if rng.random() < 0.35:
                child["missing"] = rng.choice(["reweight", "zero", "zero", "refuse"])
            out.append(child)
        if self.formulas and rng.random() < 0.25:
            # A mean group: no weights, each child 1/N; maybe an empty mean group in it.
            node["mode"] = "mean"
            for child in out:
                child.pop("weight", None)
            if rng.random() < 0.3:
                empty = {"group": "e%d" % counter[0], "mode": "mean", "children": []}
                counter[0] += 1
                if rng.random() < 0.6:
                    empty["missing"] = rng.choice(["reweight", "zero", "zero", "refuse"])
                out.insert(rng.randint(0, len(out)), empty)
        if self.formulas and rng.random() < 0.2:
            node["round"] = rng.choice([0, 1, 2, 3, 3, 4])
        node["children"] = out
        self.groups.append(gid)
        return node

    # -- the plan -----------------------------------------------------------

    def plan(self):
        rng = self.rng
        n = rng.choice([1, 2, 3, 3, 4, 5, 6, 8])
        ids = ["%si%d" % (self.prefix, k) for k in range(n)]
        inds = []
        for iid in ids:
            ind, meta = self.indicator(iid)
            inds.append(ind)
            self.meta[iid] = meta
        # auxiliary indicators: in the tree with weight 0 (or none), or left out
        aux_in, aux_out = [], []
        if rng.random() < 0.2:
            aux = self.prefix + "aux"
            ind, meta = self.indicator(aux)
            ind["auxiliary"] = True
            inds.append(ind)
            self.meta[aux] = meta
            (aux_in if rng.random() < 0.6 else aux_out).append(aux)
        self.groups = []
        tree = self.tree(ids, 1, [0])
        if "root" in tree["group"] or True:
            tree.pop("missing", None)
        for a in aux_in:
            node = {"indicator": a}
            if rng.random() < 0.5 and tree.get("mode") != "mean":
                node["weight"] = "0"
            tree["children"].append(node)
        self.in_tree = ids + aux_in
        plan = {"id": "random", "name": "随机 plan", "version": "1",
                "indicators": inds, "tree": tree}
        adjustments = []
        used = set()
        for _ in range(rng.choice([0, 0, 1, 2, 3])):
            r = rng.random()
            if r < 0.5:
                iid = rng.choice(self.in_tree)
                # a gate on a band indicator is not defined (NOTES.md 19)
                if iid in used or self.meta[iid]["direction"] == "band":
                    continue
                used.add(iid)
                adjustments.append(self.gate(iid))
            else:
                kind = "bonus" if r < 0.75 else "deduction"
                aid = "%s%d" % (kind, len(adjustments))
                a = {"kind": kind, "id": aid, "name": aid + " 分",
                     "max": text(rnum(rng, 1, 20, rng.choice([0, 1, 2])))}
                adjustments.append(a)
        self.adjustments = adjustments
        if adjustments:
            plan["adjustments"] = adjustments
        if rng.random() < 0.3:
            total = {}
            lo = rnum(rng, 0, 60, rng.choice([0, 2]))
            if rng.random() < 0.7:
                total["floor"] = text(lo)
            if rng.random() < 0.7:
                total["ceiling"] = text(lo + rnum(rng, 0, 100, rng.choice([0, 2])))
            plan["total"] = total
        ratings = None
        if rng.random() < 0.6:
            k = rng.choice([1, 2, 3, 5])
            mins = sorted(set(rnum(rng, 30, 130, rng.choice([0, 0, 1, 2])) for _ in range(k)),
                          reverse=True)
            names = ["S", "A", "B", "C", "D", "E", "F"][:len(mins) + 1]
            ratings = [{"name": nm, "min": as_json(rng, m)} for nm, m in zip(names, mins)]
            ratings.append({"name": names[len(mins)]})
            plan["ratings"] = ratings
        if rng.random() < 0.5:
            payout = {}
            if rng.random() < 0.7:
                payout["currency"] = "CNY"
            if rng.random() < 0.7:
                payout["base"] = text(rnum(rng, 1000, 100000, rng.choice([0, 2])) * rng.choice([1, 1, 1000]))
            if ratings and rng.random() < 0.5:
                payout["by"] = "rating"
                payout["coefficients"] = {r["name"]: text(rnum(rng, 0, 3, rng.choice([0, 1, 2, 4])))
                                          for r in ratings}
            else:
                payout["by"] = "score"
                scores = sorted(set(rnum(rng, 0, 150, rng.choice([0, 1])) for _ in range(rng.randint(1, 4))))
                coef = Fraction(0)
                pts = []
                for s in scores:
                    coef += rnum(rng, 0, 1, rng.choice([1, 2, 3]))
                    pts.append({"score": text(s), "coefficient": text(coef)})
                payout["points"] = pts
                if rng.random() < 0.6:
                    payout["interpolate"] = rng.random() < 0.6
            plan["payout"] = payout
            self.payout_points = payout.get("points")
        if rng.random() < 0.5:
            ranking = {}
            if rng.random() < 0.7:
                ranking["method"] = rng.choice(["competition", "dense"])
            if rng.random() < 0.5:
                ranking["within"] = rng.sample(["team", "role"], rng.randint(1, 2))
            plan["ranking"] = ranking
        if rng.random() < 0.8:
            rounding = {}
            if rng.random() < 0.8:
                rounding["scale"] = rng.choice([0, 1, 2, 2, 3, 4, 6])
            if rng.random() < 0.8:
                rounding["mode"] = rng.choice(["half_away_from_zero", "half_even", "down"])
            if rng.random() < 0.25:
                rounding["indicator_scores"] = rng.choice([0, 1, 2, 4, None])
            plan["rounding"] = rounding
        return plan

    def gate(self, iid):
        rng = self.rng
        meta = self.meta[iid]
        g = {"kind": "gate", "indicator": iid}
        basis = "achievement"
        if meta["direction"] == "band" or (meta["target"] is None and not meta["per_subject"]):
            basis = "actual"
        elif rng.random() < 0.4:
            basis = "actual"
        if basis == "actual" or rng.random() < 0.3:
            g["basis"] = basis
        if basis == "achievement":
            th = rnum(rng, 30, 120, rng.choice([0, 1, 2]))
        else:
            th = (meta["target"] or Fraction(100)) * rnum(rng, 0, 2, rng.choice([0, 1]))
        th = round_fraction(th)
        g["threshold"] = text(th)
        meta.setdefault("gates", []).append((basis, th))
        g["cap"] = text(rnum(rng, 0, 100, rng.choice([0, 1, 2])))
        if rng.random() < 0.5 and self.groups:
            g["group"] = rng.choice(self.groups)
        return g


# ---------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------

ACTIVES = [Fraction(1), Fraction(1, 2), Fraction(1, 4), Fraction(3, 4), Fraction(1, 5),
           Fraction(1, 10), Fraction(9, 10), Fraction(1, 3 * 1)]


def relative_actual(meta, a, target):
    """The actual at achievement a (percent) under a relative or closest
    formula (closest: the side below the target)."""
    if target == 0:
        return Fraction(0) if meta["direction"] == "higher_is_better" else Fraction(0)
    size = abs(target)
    if meta["direction"] == "lower_is_better" and meta["formula"] == "relative":
        return target + size - a * size / 100
    if meta["formula"] == "closest":
        return target - (1 - a / 100) * size
    return target - size + a * size / 100


def actual_for(rng, meta, share, target):
    """An actual: at a boundary (tier point, gate, band edge, target) or anywhere."""
    prorated = share if meta["prorate"] else Fraction(1)
    candidates = []
    if meta.get("formula") and target is not None:
        points = list(meta["points"]) if meta["basis"] == "achievement" else []
        points += [meta["gate"]] if meta.get("gate") else []
        candidates += [relative_actual(meta, a, target) for a in points]
        candidates += [target, Fraction(0), target + 1, target - 1]
        if target == 0:
            candidates += [Fraction(a - 100, 100) for a in points]
            candidates += [Fraction(100 - a, 100) for a in points]
    for at in meta["points"]:
        if meta["basis"] == "actual":
            candidates.append(at * prorated)
        elif target:
            if meta["direction"] == "lower_is_better":
                if at:
                    candidates.append(target * 100 / at)
            else:
                candidates.append(at * target / 100)
    if target:
        candidates.append(target)
        if meta.get("gate"):
            g = meta["gate"]
            candidates.append(g * target / 100 if meta["direction"] != "lower_is_better"
                              else target * 100 / g)
    for basis, th in meta.get("gates", []):
        if basis == "actual":
            candidates.append(th)
        elif target:
            candidates.append(th * target / 100 if meta["direction"] != "lower_is_better"
                              else target * 100 / th if th else target)
    if "low" in meta:
        candidates += [meta["low"], meta["high"]]
    r = rng.random()
    base = target or meta.get("target") or (meta["points"][0] if meta["points"] else None) \
        or meta.get("low") or Fraction(100) * meta["mag"]
    if candidates and r < 0.45:
        x = rng.choice(candidates)
        if rng.random() < 0.3:  # just beside the boundary
            x += rng.choice([-1, 1]) * Fraction(1, 10 ** rng.choice([0, 2, 4, 10]))
    elif r < 0.55:
        x = rng.choice([Fraction(0), Fraction(-1) * rnum(rng, 0, 10), Fraction(1, 10 ** 10)])
    else:
        x = abs(base) * rnum(rng, 0, 2, rng.choice([0, 1, 2, 3, 4, 10]))
    x = round_fraction(x)
    if abs(x) >= 10 ** 14:
        x = Fraction(10 ** 13)
    return x


def round_fraction(x):
    """x cut to at most 10 fraction digits (a non-terminating boundary is
    approached as closely as an input can)."""
    t = text(x)
    if t is not None:
        return x
    return Fraction(int(x * 10 ** 10), 10 ** 10)


def make_input(rng, gen):
    n = rng.choice([1, 1, 2, 2, 3, 5])
    subjects = []
    point_ids = [a["id"] for a in gen.adjustments if a["kind"] != "gate"]
    for k in range(n):
        sid = rng.choice(["s%d" % k, "张%d" % k, "S-%d" % k, "a.%d" % k])
        s = {"id": sid}
        if rng.random() < 0.3:
            s["name"] = "Name %d" % k
        share = Fraction(1)
        if rng.random() < 0.3:
            share = rng.choice(ACTIVES)
            s["active"] = as_json(rng, share) if text(share) else "0.3333333333"
            share = Fraction(Decimal(s["active"])) if isinstance(s["active"], str) else Fraction(s["active"])
        actuals, targets = {}, {}
        for iid, meta in gen.meta.items():
            target = meta["target"]
            if meta["per_subject"] and rng.random() < 0.75:
                t = (meta["target"] or Fraction(100) * meta["mag"]) * rnum(rng, 1, 200, 0) / 100
                if not meta["needs_target"] and rng.random() < 0.08:
                    t = rng.choice([Fraction(0), -abs(t)])
                if meta.get("formula") and rng.random() < 0.25:
                    t = rng.choice([Fraction(0), -t])  # relative to target: any sign
                if meta["needs_target"] and t <= 0 and not meta.get("formula"):
                    t = Fraction(1)
                if meta.get("formula") and t == 0 and not meta.get("zero_rule"):
                    t = Fraction(1)
                targets[iid] = as_json(rng, t)
                target = t
            elif meta["per_subject"] and rng.random() < 0.3:
                targets[iid] = None
            if target is not None and meta["prorate"]:
                target = target * share
            r = rng.random()
            if r < 0.1:
                continue  # absent: no data
            if r < 0.15:
                actuals[iid] = None
                continue
            actuals[iid] = as_json(rng, actual_for(rng, meta, share, target))
        if actuals or rng.random() < 0.5:
            s["actuals"] = actuals
        if targets:
            s["targets"] = targets
        if rng.random() < 0.6:
            groups = {}
            if rng.random() < 0.8:
                groups["team"] = rng.choice(["north", "south", "东"])
            if rng.random() < 0.5:
                groups["role"] = rng.choice(["ae", "kam"])
            s["groups"] = groups
        if point_ids and rng.random() < 0.7:
            s["points"] = {a: as_json(rng, rnum(rng, 0, 25, rng.choice([0, 1, 2, 4])))
                           for a in point_ids if rng.random() < 0.8}
        if rng.random() < 0.2:
            s["base"] = text(rnum(rng, 0, 50000, rng.choice([0, 2])))
        subjects.append(s)
    # unique ids
    seen = set()
    for s in subjects:
        while s["id"] in seen:
            s["id"] += "x"
        seen.add(s["id"])
    inp = {"subjects": subjects}
    if rng.random() < 0.5:
        inp["options"] = {"what_it_takes": rng.random() < 0.6}
    return inp


# ---------------------------------------------------------------------------
# Runs: plans with measures + roster + facts + period (conformance/oracle_run.py)
# ---------------------------------------------------------------------------

ZONES = ["UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin", "Asia/Kolkata"]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
FACT_TYPES = ["deal", "call", "ticket"]
STAGES = ["won", "lost", "open", "赢"]


def period_id(rng):
    y = rng.choice([2025, 2026])
    k = rng.random()
    if k < 0.3:
        return "%d-%02d" % (y, rng.randint(1, 12))
    if k < 0.5:
        return "%d-Q%d" % (y, rng.randint(1, 4))
    if k < 0.6:
        return "%d-W%02d" % (y, rng.randint(1, 52))
    if k < 0.7:
        return "%d-H%d" % (y, rng.randint(1, 2))
    if k < 0.8:
        return "FY%d" % y + rng.choice(["", "-Q2", "-H1"])
    if k < 0.9:
        return "%d" % y
    m = rng.randint(1, 11)
    return "%d-%02d-%02d..%d-%02d-%02d" % (y, m, rng.randint(1, 28), y, m + 1, rng.randint(1, 28))


def when(rng, period_start):
    """A date or timestamp text near the period start (some outside any window)."""
    import datetime
    d = period_start + datetime.timedelta(days=rng.randint(-20, 120))
    k = rng.random()
    if k < 0.5:
        return d.isoformat()
    hh, mm = rng.randint(0, 23), rng.randint(0, 59)
    if k < 0.7:
        return "%sT%02d:%02d:%02dZ" % (d.isoformat(), hh, mm, rng.randint(0, 59))
    if k < 0.85:
        return "%sT%02d:%02d:00%s" % (d.isoformat(), hh, mm, rng.choice(["+08:00", "-05:00", "+05:30"]))
    return "%s %02d:%02d" % (d.isoformat(), hh, mm)


def measure_for(rng, unit):
    fact = rng.choice(FACT_TYPES + [None])
    kinds = ["sum", "count", "distinct", "mean", "duration", "share", "min", "max", "latest",
             "ratio"]
    kind = rng.choice(kinds)

    def base(k):
        m = {"kind": k}
        if fact is not None:
            m["fact"] = fact if rng.random() < 0.7 else [fact, rng.choice(FACT_TYPES)]
        m["date"] = rng.choice(["at", "at", "created_at"])
        if k in ("sum", "mean", "min", "max", "latest"):
            m["field"] = rng.choice(["amount", "amount", "score"])
        if k == "distinct":
            m["field"] = rng.choice(["customer", "stage"])
        if k == "duration":
            m["from"], m["to"] = "created_at", "at"
        if k == "share":
            m["condition"] = [where(rng)]
        if rng.random() < 0.3:
            m["where"] = [where(rng) for _ in range(rng.randint(1, 2))]
        return m

    if kind == "ratio":
        return {"kind": "ratio", "numerator": base(rng.choice(["sum", "count"])),
                "denominator": base(rng.choice(["sum", "count"]))}
    return base(kind)


def where(rng):
    k = rng.random()
    if k < 0.3:
        return {"field": "stage", "op": rng.choice(["eq", "ne"]), "value": rng.choice(STAGES)}
    if k < 0.5:
        return {"field": "stage", "op": rng.choice(["in", "not_in"]),
                "values": rng.sample(STAGES, rng.randint(1, 3))}
    if k < 0.6:
        return {"field": rng.choice(["stage", "customer"]), "op": rng.choice(["present", "absent"])}
    if k < 0.9:
        return {"field": "amount", "op": rng.choice(["lt", "lte", "gt", "gte", "eq", "ne"]),
                "value": text(rnum(rng, 0, 500, rng.choice([0, 2])))}
    return {"op": "within", "from": "created_at", "to": "at", "hours": rng.choice(["24", "72", "0.5"])}


def make_run(rng):
    import datetime
    cal = {}
    if rng.random() < 0.8:
        cal["time_zone"] = rng.choice(ZONES)
    if rng.random() < 0.5:
        cal["fiscal_year_start"] = rng.randint(1, 12)
    if rng.random() < 0.4:
        cal["week_start"] = rng.choice(WEEKDAYS)
    roles = ["ae"] if rng.random() < 0.6 else ["ae", "kam"]
    plans = []
    per_subject = {}   # role -> {indicator id: meta}
    direct = {}        # role -> indicator ids without a measure (in the tree)
    for role in roles:
        gen = Gen(rng, prefix="" if role == "ae" else "k")
        plan = gen.plan()
        plan["id"] = "plan-" + role
        if len(roles) > 1 or rng.random() < 0.5:
            plan["role"] = role
        if cal:
            plan["calendar"] = cal
        if rng.random() < 0.3:
            plan["pace"] = {"warn_below": text(rnum(rng, 50, 100, 0))}
        per_subject[role], direct[role] = {}, []
        for ind in plan["indicators"]:
            if rng.random() < 0.85:
                ind["measure"] = measure_for(rng, ind["unit"]["kind"])
            elif ind["id"] in gen.in_tree:
                direct[role].append(ind["id"])
            if ind.get("target", {}).get("per_subject"):
                per_subject[role][ind["id"]] = gen.meta[ind["id"]]
        plans.append(plan)
    pid = period_id(rng)
    p_start, p_end = oracle_run.parse_period(pid, oracle_run.Calendar(cal or None))
    start = p_start
    as_of = None
    if rng.random() < 0.3:
        days = (p_end - p_start).days
        as_of = (p_start + datetime.timedelta(days=rng.randint(0, days - 1))).isoformat()
    subjects = ["u%d" % k for k in range(rng.randint(1, 5))]
    roster = []
    for sid in subjects:
        r = {"subject": sid}
        if rng.random() < 0.9:
            r["role"] = rng.choice(roles + ["other"] if rng.random() < 0.1 else roles)
        if rng.random() < 0.7:
            r["team"] = rng.choice(["north", "south"])
        if rng.random() < 0.2:
            r["start"] = (start + datetime.timedelta(days=rng.randint(-10, 40))).isoformat()
        if rng.random() < 0.15:
            r["end"] = (start + datetime.timedelta(days=rng.randint(20, 90))).isoformat()
        if rng.random() < 0.3:
            r["share"] = text(rnum(rng, 0, 3, rng.choice([0, 1])))
        roster.append(r)
    rows = []
    for k in range(rng.randint(0, 40)):
        row = {"id": "F%d" % k, "subject": rng.choice(subjects + ["ghost"] if rng.random() < 0.05 else subjects),
               "type": rng.choice(FACT_TYPES), "at": when(rng, start),
               "created_at": when(rng, start - datetime.timedelta(days=3)) if rng.random() < 0.8 else "",
               "amount": text(rnum(rng, 0, 1000, rng.choice([0, 2, 4]))) if rng.random() < 0.9 else "",
               "customer": rng.choice(["c1", "c2", "c3", ""]),
               "stage": rng.choice(STAGES + [""]),
               "score": text(rnum(rng, -5, 10, rng.choice([0, 1])))}
        if rng.random() < 0.03:
            row["amount"] = "12,5"   # a bad number
        if rng.random() < 0.03:
            row["at"] = "2026-13-01"  # a bad date
        if rng.random() < 0.03:
            row["id"] = ""
        rows.append(row)
        if rng.random() < 0.08:
            rows.append(dict(row))   # a duplicate
        if rng.random() < 0.04:
            other = dict(row)
            other["amount"] = "1"
            rows.append(other)       # a conflict
    cols = ["id", "subject", "type", "at", "created_at", "amount", "customer", "stage", "score"]
    if rng.random() < 0.7:
        facts = {"format": "csv", "text": ",".join(cols) + "\n" + "".join(
            ",".join(r[c] for c in cols) + "\n" for r in rows)}
    else:
        facts = {"format": "jsonl", "text": "".join(
            json.dumps({c: r[c] for c in cols if r[c] != ""}, ensure_ascii=False) + "\n"
            for r in rows)}
    doc = {"description": "random run", "plans": plans, "roster": roster}
    single = len(plans) == 1 and "role" not in plans[0]

    def plan_role(r):
        return roles[0] if single else (r.get("role") if r.get("role") in roles else None)

    targets, team_targets, actuals = [], [], []
    for r in roster:
        role = plan_role(r)
        if role is None:
            continue
        for iid, meta in per_subject[role].items():
            if rng.random() < 0.6:
                t = (meta["target"] or Fraction(100)) * rnum(rng, 1, 200, 0) / 100
                if t <= 0:
                    t = Fraction(1)
                targets.append({"subject": r["subject"], "indicator": iid,
                                "target": text(round_fraction(t))})
        for iid in direct[role]:
            if rng.random() < 0.7:
                actuals.append({"subject": r["subject"], "indicator": iid,
                                "actual": text(rnum(rng, -5, 200, rng.choice([0, 2])))})
    teams = sorted({(plan_role(r), r["team"]) for r in roster if r.get("team") and plan_role(r)})
    for role, team in teams:
        for iid in per_subject[role]:
            if rng.random() < 0.4 and not any(t["team"] == team and t["indicator"] == iid
                                              for t in team_targets):
                team_targets.append({"team": team, "indicator": iid,
                                     "target": text(rnum(rng, 1, 1000, rng.choice([0, 2])))})
    if targets:
        doc["targets"] = targets
    if team_targets:
        doc["team_targets"] = team_targets
    if actuals:
        doc["actuals"] = actuals
    doc["period"] = pid
    doc["as_of"] = as_of
    doc["facts"] = facts
    return doc


def compute_run(args):
    seed, index = args
    rng = random.Random("run-%s-%d" % (seed, index))
    doc = make_run(rng)
    name = "run-%s-%d" % (seed, index)
    exact = oracle.load_exact(json.dumps(doc, ensure_ascii=False))
    try:
        result = oracle_run.run(exact)
    except Exception as e:
        return name, None, "%s: %r" % (type(e).__name__, e)
    case = dict(doc)
    case["name"] = name
    case["expected_error" if "error" in result else "expected"] = result
    return name, case, None


# ---------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------


def make_case(seed, index):
    """Case `index` of run `seed`: (plan, input), a function of both alone."""
    rng = random.Random("%s-%d" % (seed, index))
    gen = Gen(rng, formulas=True)
    plan = gen.plan()
    return plan, make_input(rng, gen)


def compute(args):
    seed, index = args
    plan, inp = make_case(seed, index)
    name = "case-%s-%d" % (seed, index)
    # The oracle reads numbers exactly: JSON text with parse_float=Decimal.
    exact = oracle.load_exact(json.dumps({"plan": plan, "input": inp}, ensure_ascii=False))
    try:
        expected = oracle.evaluate(exact["plan"], exact["input"])
    except Exception as e:  # an oracle crash on a valid case is a finding too
        return name, None, "%s: %r" % (type(e).__name__, e)
    case = {"name": name, "description": "random case %d of seed %s (conformance/random_cases.py)"
            % (index, seed), "plan": plan, "input": inp, "expected": expected}
    return name, case, None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", required=True)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=0,
                    help="run cases (plans with measures, roster, facts: oracle_run.py)")
    ap.add_argument("--only", type=int, default=None)
    ap.add_argument("--only-run", type=int, default=None)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = ap.parse_args(argv[1:])
    os.makedirs(a.out, exist_ok=True)
    if a.only_run is not None:
        name, case, err = compute_run((a.seed, a.only_run))
        if err:
            print("the run oracle failed on %s: %s" % (name, err))
            return 1
        path = os.path.join(a.out, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(case, ensure_ascii=False, indent=2) + "\n")
        print(path)
        return 0
    if a.only is not None:
        name, case, err = compute((a.seed, a.only))
        if err:
            print("oracle failed on %s: %s" % (name, err))
            plan, inp = make_case(a.seed, a.only)
            case = {"name": name, "plan": plan, "input": inp, "expected": None}
        path = os.path.join(a.out, name + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(case, ensure_ascii=False, indent=2) + "\n")
        print(path)
        return 0 if not err else 1
    start = time.time()
    jobs = [(a.seed, i) for i in range(a.count)]
    run_jobs = [(a.seed, i) for i in range(a.runs)]
    if a.jobs > 1:
        import multiprocessing
        with multiprocessing.Pool(a.jobs) as pool:
            results = pool.map(compute, jobs, chunksize=64)
            run_results = pool.map(compute_run, run_jobs, chunksize=16)
    else:
        results = [compute(j) for j in jobs]
        run_results = [compute_run(j) for j in run_jobs]
    if a.runs:
        with open(os.path.join(a.out, "runs.jsonl"), "w", encoding="utf-8") as f:
            for _, case, _ in run_results:
                if case is not None:
                    f.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")
    crashes = [(n, e) for n, _, e in results + run_results if e]
    path = os.path.join(a.out, "cases.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for _, case, _ in results:
            if case is not None:
                f.write(json.dumps(case, ensure_ascii=False, separators=(",", ":")) + "\n")
    print("random_cases: seed %s: %d cases and %d runs in %s (%.1f s)"
          % (a.seed, len(results), len(run_results), a.out, time.time() - start))
    for name, err in crashes[:10]:
        print("  the oracle failed on %s: %s" % (name, err))
    if crashes:
        print("%d oracle failures (reproduce one with --only INDEX or --only-run INDEX)"
              % len(crashes))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
