#!/usr/bin/env python3
"""Worst allowed inputs of each limit in docs/LIMITS.md, written to DIR for
scripts/limits.sh: the largest plan (every maximum at once), the deepest JSON, and
score inputs at the output limit (largest plan, and a five-indicator plan)."""
import json
import sys

OUT = sys.argv[1]
NAME = "名" * 200  # the longest name, 600 bytes of UTF-8


def indicator(i, tiers, name):
    ind = {"id": f"i{i:03}", "name": name, "unit": {"kind": "count"},
           "direction": "higher_is_better"}
    if tiers:
        ind["target"] = {"value": 100, "tiers": [
            {"name": f"t{k}", "at": k * 10, "score": k * 4} for k in range(tiers)]}
        ind["curve"] = {"kind": "step"}
    else:
        ind["target"] = {"value": 100}
        ind["curve"] = {"kind": "ratio", "cap": 150}
    return ind


def wide_plan(n, tiers, adjustments, name):
    """n indicators; with n = 256, 512 tree nodes (root, one indicator, 255 groups
    of one indicator)."""
    w = 100 / n
    children = [{"indicator": "i000", "weight": w}]
    for i in range(1, n):
        children.append({"group": f"g{i:03}", "name": name, "weight": w,
                         "children": [{"indicator": f"i{i:03}", "weight": 100}]})
    plan = {"id": "p", "name": name, "version": "1",
            "indicators": [indicator(i, tiers, name) for i in range(n)],
            "tree": {"group": "root", "children": children}}
    if adjustments:
        plan["adjustments"] = [{"id": f"b{k:02}", "kind": "bonus", "max": 5}
                               for k in range(adjustments)]
    return plan


def five_plan():
    inds = [indicator(i, 8 if i % 2 else 0, f"指标{i}") for i in range(5)]
    return {"id": "p5", "name": "five", "version": "1", "indicators": inds,
            "tree": {"group": "root", "children": [
                {"indicator": f"i{i:03}", "weight": 20} for i in range(5)]},
            "ratings": [{"name": "A", "min": 90}, {"name": "B", "min": 70}, {"name": "C"}]}


def write(name, value):
    with open(f"{OUT}/{name}", "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False)


def subjects(n, indicators, digits):
    """n subjects with an actual for every indicator: short figures, or the
    longest a number may be (15 integer and 10 fraction digits)."""
    subs = []
    for k in range(n):
        if digits:
            a = {f"i{i:03}": f"{999999999999999 - k}.{9999999999 - i}" for i in range(indicators)}
        else:
            a = {f"i{i:03}": str(50 + (k * 7 + i) % 100) for i in range(indicators)}
        subs.append({"id": f"s{k:07}", "actuals": a})
    return {"subjects": subs}


biggest = wide_plan(256, 32, 64, NAME)
write("plan-max.json", biggest)
text = json.dumps(biggest, ensure_ascii=False)
assert len(text.encode()) <= 1 << 20, len(text.encode())
# The largest plan document: the same, padded with spaces to 1 MiB exactly.
with open(f"{OUT}/plan-1mib.json", "w", encoding="utf-8") as f:
    f.write(text + " " * ((1 << 20) - len(text.encode())))
# JSON nested 127 deep (the reader's limit) where a string belongs.
write_depth = json.dumps(wide_plan(1, 0, 0, "a")).replace('"version": "1"', '"version": ' + "[" * 126 + "]" * 126)
with open(f"{OUT}/plan-depth.json", "w") as f:
    f.write(write_depth)
write("plan-five.json", five_plan())
fits_max = int(sys.argv[2])    # subjects of plan-max.json that fit the output limit
fits_five = int(sys.argv[3])   # subjects of plan-five.json that fit
write("input-max.json", subjects(fits_max, 256, False))
write("input-max-over.json", subjects(fits_max + 1, 256, False))
write("input-max-digits.json", subjects(fits_max, 256, True))
write("input-five.json", subjects(fits_five, 5, False))
write("input-five-digits.json", subjects(fits_five, 5, True))
# Scorecards without their trees: the largest plan, as many as fit (each scorecard
# holds its 512 node outcomes in memory, more than its text).
summary = subjects(int(sys.argv[4]), 256, False)
summary["options"] = {"explain": False}
write("input-max-summary.json", summary)
