#!/usr/bin/env python3
"""attain conformance oracle for RUNS: plans + roster + facts + period →
scorecards for every person and team, with a ledger of every fact row.

The executable spec of docs/FORMAT.md, second half ("Facts, measures,
periods: the run").  Standard library only; every value is an exact rational
(fractions.Fraction).  The scorecards are computed by conformance/oracle.py
(imported), which is given each subject's actuals, targets (before the
factor) and per-indicator target factors directly.  Where FORMAT.md leaves a
choice open, the reading taken is the one listed under "Runs" in
conformance/NOTES.md.

Usage:
  python3 conformance/oracle_run.py --write      fill `expected` / `expected_error`
                                                 of every conformance/runs/*.json
  python3 conformance/oracle_run.py --check      recompute, list differences
  (--write, --check and --shuffle take --dir DIR: the runs in DIR instead of
   conformance/runs)
  python3 conformance/oracle_run.py --shuffle    shuffle fact and roster rows of every
                                                 valid run: only line numbers may change
  python3 conformance/oracle_run.py CASE.json    print the result of one case
"""

import csv
import io
import json
import math
import os
import re
import sys
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = os.path.join(HERE, "runs")
sys.path.insert(0, HERE)

import oracle  # noqa: E402  (the scoring oracle: conformance/oracle.py)
from oracle import HUNDRED, canonical, fmt_fixed, load_exact, num, round_to  # noqa: E402

DAY_SECONDS = 86400
ZERO = Fraction(0)
ONE = Fraction(1)

# Fixed messages (compared byte for byte, like the result problems of FORMAT.md).
REJECTION_MESSAGES = {
    "missing_id": "the row has no id",
    "unknown_subject": "the subject is not in the roster or has no plan",
    "unknown_type": "no measure reads this type",
    "bad_number": "not a decimal number",
    "bad_date": "not a date or timestamp",
    "bad_boolean": "not a boolean",
    "missing_value": "a field a measure needs is empty",
    "negative_duration": "the end of the duration is before its start",
    "bad_row": "the row cannot be read",
}
UNSCORED_MESSAGES = {
    "no_plan": "no plan has the subject's role",
    "inactive": "the subject has no active day in the period",
}

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ADDITIVE = ("sum", "count", "distinct")


# ---------------------------------------------------------------------------
# Reading field values (text) from facts and input rows
# ---------------------------------------------------------------------------


class BadValue(Exception):
    """A field that cannot be read; .code is the rejection code."""

    def __init__(self, code):
        Exception.__init__(self, code)
        self.code = code


NUMBER_TEXT = re.compile(r"^([+-]?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$")


def decimal_text(text):
    """A decimal read exactly from its text (FORMAT.md numbers); None if the
    text is not an accepted number (not a decimal, not finite, |x| >= 10^15,
    more than 10 digits after the point)."""
    m = NUMBER_TEXT.match(text)
    if not m or len(m.group(3) or "") > 10:
        return None
    value = Fraction(Decimal(text))
    if abs(value) >= 10 ** 15:
        return None
    return value


def read_number(text):
    value = decimal_text(text)
    if value is None:
        raise BadValue("bad_number")
    return value


BOOLEANS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


def read_boolean(text):
    b = BOOLEANS.get(text.lower())
    if b is None:
        raise BadValue("bad_boolean")
    return b


DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
TIMESTAMP_RE = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[T ]([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:\.([0-9]+))?)?(Z|[+-][0-9]{2}:[0-9]{2})?$")


def parse_date(text):
    """A plain date YYYY-MM-DD, or None."""
    m = DATE_RE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class Moment:
    """A date or timestamp read from a fact, resolved in the plan's zone:
    `instant` (exact seconds since 1970-01-01T00:00Z) and `local` (the local
    date in the plan's zone)."""

    def __init__(self, instant, local):
        self.instant = instant
        self.local = local


def epoch_seconds(d, hour=0, minute=0, second=0):
    return (d - date(1970, 1, 1)).days * DAY_SECONDS + hour * 3600 + minute * 60 + second


def read_moment(text, zone):
    """A date (already local: its instant is local midnight) or a timestamp
    (with offset or Z: converted to the zone; without: local time)."""
    d = parse_date(text)
    if d is not None:
        offset = zone.utcoffset(datetime(d.year, d.month, d.day))
        return Moment(epoch_seconds(d) - int(offset.total_seconds()), d)
    m = TIMESTAMP_RE.match(text)
    if not m:
        raise BadValue("bad_date")
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise BadValue("bad_date")
    hour, minute = int(m.group(4)), int(m.group(5))
    second = int(m.group(6) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise BadValue("bad_date")
    fraction = Fraction(int(m.group(7)), 10 ** len(m.group(7))) if m.group(7) else ZERO
    wall = epoch_seconds(d, hour, minute, second) + fraction
    zone_text = m.group(8)
    if zone_text is None:  # local time in the plan's zone
        offset = zone.utcoffset(datetime(d.year, d.month, d.day, hour, minute, second))
        return Moment(wall - int(offset.total_seconds()), d)
    if zone_text == "Z":
        offset_seconds = 0
    else:
        oh, om = int(zone_text[1:3]), int(zone_text[4:6])
        if oh > 23 or om > 59:
            raise BadValue("bad_date")
        offset_seconds = (oh * 3600 + om * 60) * (-1 if zone_text[0] == "-" else 1)
    instant = wall - offset_seconds
    whole = math.floor(instant)  # offsets are whole seconds: same local date
    local = (datetime(1970, 1, 1, tzinfo=zoneinfo.ZoneInfo("UTC"))
             + timedelta(seconds=whole)).astimezone(zone).date()
    return Moment(instant, local)


# ---------------------------------------------------------------------------
# Calendar and periods
# ---------------------------------------------------------------------------


class Calendar:
    def __init__(self, raw):
        raw = raw or {}
        self.time_zone = raw.get("time_zone", "UTC")
        self.fiscal_year_start = raw.get("fiscal_year_start", 1)
        self.week_start = raw.get("week_start", "monday")

    def key(self):
        return (self.time_zone, self.fiscal_year_start, self.week_start)


def add_months(d, months):
    index = d.year * 12 + (d.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def week_one(year, week_start):
    """First day of week 1: the week (starting on week_start) containing 4 January."""
    jan4 = date(year, 1, 4)
    return jan4 - timedelta(days=(jan4.weekday() - WEEKDAYS.index(week_start)) % 7)


def parse_period(pid, cal):
    """(first day, day after the last) of a period id, or None (bad_period)."""
    if not isinstance(pid, str):
        return None
    try:
        m = re.match(r"^([0-9]{4})$", pid)
        if m:
            y = int(m.group(1))
            return date(y, 1, 1), date(y + 1, 1, 1)
        m = re.match(r"^([0-9]{4})-H([12])$", pid)
        if m:
            start = add_months(date(int(m.group(1)), 1, 1), 6 * (int(m.group(2)) - 1))
            return start, add_months(start, 6)
        m = re.match(r"^([0-9]{4})-Q([1-4])$", pid)
        if m:
            start = add_months(date(int(m.group(1)), 1, 1), 3 * (int(m.group(2)) - 1))
            return start, add_months(start, 3)
        m = re.match(r"^([0-9]{4})-([0-9]{2})$", pid)
        if m:
            month = int(m.group(2))
            if not 1 <= month <= 12:
                return None
            start = date(int(m.group(1)), month, 1)
            return start, add_months(start, 1)
        m = re.match(r"^([0-9]{4})-W([0-9]{2})$", pid)
        if m:
            y, n = int(m.group(1)), int(m.group(2))
            first, next_first = week_one(y, cal.week_start), week_one(y + 1, cal.week_start)
            if not 1 <= n <= (next_first - first).days // 7:
                return None
            start = first + timedelta(days=7 * (n - 1))
            return start, start + timedelta(days=7)
        m = re.match(r"^FY([0-9]{4})(?:-(H[12]|Q[1-4]))?$", pid)
        if m:
            y, fs = int(m.group(1)), cal.fiscal_year_start
            # named by the calendar year in which it ends
            start = date(y, 1, 1) if fs == 1 else date(y - 1, fs, 1)
            part = m.group(2)
            if part is None:
                return start, add_months(start, 12)
            months = 6 if part[0] == "H" else 3
            start = add_months(start, months * (int(part[1]) - 1))
            return start, add_months(start, months)
        m = re.match(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})$", pid)
        if m:
            a, b = parse_date(m.group(1)), parse_date(m.group(2))
            if a is None or b is None or b < a:
                return None
            return a, b + timedelta(days=1)
    except (ValueError, OverflowError):
        return None
    return None


def overlap_days(a0, a1, b0, b1):
    """Days of [a0, a1) ∩ [b0, b1)."""
    lo, hi = max(a0, b0), min(a1, b1)
    return max(0, (hi - lo).days)


# ---------------------------------------------------------------------------
# Fact files
# ---------------------------------------------------------------------------


class Row:
    def __init__(self, line):
        self.line = line
        self.fields = None    # name → text ("" when empty, null or absent)
        self.content = None   # what "same content" compares
        self.bad = False      # bad_row

    def get(self, name):
        return self.fields.get(name, "")


class NumberText(str):
    """A JSON number kept as its exact text."""


def reject_constant(name):
    raise ValueError("not JSON: " + name)


def read_csv_facts(text):
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        return rows
    previous = reader.line_num
    while True:
        start = previous + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            previous = reader.line_num
            row = Row(start)
            row.bad = True
            rows.append(row)
            continue
        previous = reader.line_num
        if record == []:  # a blank line is not a row
            continue
        row = Row(start)
        if len(record) != len(header):
            row.bad = True
        else:
            row.fields = dict(zip(header, record))
            row.content = ("csv", tuple(record))  # the row's fields as text
        rows.append(row)
    return rows


def read_jsonl_facts(text):
    rows = []
    for i, line in enumerate(text.split("\n"), 1):
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip() == "":  # a blank line is not a row
            continue
        row = Row(i)
        rows.append(row)
        try:
            obj = json.loads(line, parse_float=NumberText, parse_int=NumberText,
                             parse_constant=reject_constant)
        except ValueError:
            row.bad = True
            continue
        if not isinstance(obj, dict):
            row.bad = True
            continue
        fields, content = {}, {}
        for k, v in obj.items():
            if isinstance(v, NumberText):
                fields[k], content[k] = str(v), ("number", str(v))
            elif isinstance(v, str):
                fields[k], content[k] = v, ("string", v)
            elif isinstance(v, bool):
                fields[k], content[k] = ("true" if v else "false"), ("boolean", v)
            elif v is None:
                fields[k], content[k] = "", ("null",)
            else:  # an object or array is not a field value
                row.bad = True
                break
        if not row.bad:
            row.fields = fields
            row.content = ("jsonl", frozenset(content.items()))
    return rows


# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------


class Leaf:
    """One measure that reads facts (a ratio has two: numerator, denominator)."""

    def __init__(self, indicator, part, raw):
        self.indicator = indicator
        self.part = part          # None, "numerator" or "denominator"
        self.raw = raw
        self.kind = raw["kind"]
        fact = raw.get("fact")
        self.types = None if fact is None else ([fact] if isinstance(fact, str) else list(fact))
        self.where = raw.get("where") or []
        self.date = raw.get("date")

    @property
    def key(self):
        return (self.indicator, self.part)


def points_items(plan_raw):
    """The plan's bonus and deduction items, in plan order."""
    return [a for a in plan_raw.get("adjustments") or [] if a["kind"] in ("bonus", "deduction")]


def adjustment_key(item):
    """The bucket key of a measured bonus or deduction (never an indicator id)."""
    return ("adjustment", item["id"])


def plan_leaves(plan_raw):
    leaves = []
    for item in points_items(plan_raw):
        if item.get("measure") is not None:
            leaves.append(Leaf(adjustment_key(item), None, item["measure"]))
    for ind in plan_raw["indicators"]:
        mraw = ind.get("measure")
        if mraw is None:
            continue
        if mraw["kind"] == "ratio":
            leaves.append(Leaf(ind["id"], "numerator", mraw["numerator"]))
            leaves.append(Leaf(ind["id"], "denominator", mraw["denominator"]))
        else:
            leaves.append(Leaf(ind["id"], None, mraw))
    return leaves


def is_json_number(value):
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)


def eval_condition(c, row, zone, problems):
    """Whether the condition holds; unreadable fields add (field, code) to
    problems.  A numeric or boolean comparison needs its field: empty is
    missing_value.  A `within` with an empty timestamp does not hold; text
    comparisons (eq/ne with a text, in/not_in) compare the empty text."""
    op = c["op"]
    if op == "within":
        ft, tt = row.get(c["from"]), row.get(c["to"])
        moments = []
        for name, text in ((c["from"], ft), (c["to"], tt)):
            if text == "":
                moments.append(None)
                continue
            try:
                moments.append(read_moment(text, zone))
            except BadValue as e:
                problems.add((name, e.code))
                moments.append(None)
        if None in moments:
            return False
        diff = moments[1].instant - moments[0].instant
        return 0 <= diff <= num(c["hours"]) * 3600
    text = row.get(c["field"])
    if op == "present":
        return text != ""
    if op == "absent":
        return text == ""
    if op in ("in", "not_in"):
        inside = text in [str(v) for v in c["values"]]
        return inside if op == "in" else not inside
    value = c.get("value")
    if isinstance(value, bool):
        if text == "":
            problems.add((c["field"], "missing_value"))
            return False
        try:
            b = read_boolean(text)
        except BadValue as e:
            problems.add((c["field"], e.code))
            return False
        return (b == value) if op == "eq" else (b != value)
    if op in ("lt", "lte", "gt", "gte") or is_json_number(value):
        if text == "":
            problems.add((c["field"], "missing_value"))
            return False
        try:
            x = read_number(text)
        except BadValue as e:
            problems.add((c["field"], e.code))
            return False
        v = num(value)
        return {"eq": x == v, "ne": x != v, "lt": x < v, "lte": x <= v,
                "gt": x > v, "gte": x >= v}[op]
    if op == "eq":
        return text == value
    if op == "ne":
        return text != value
    raise ValueError("unknown op %r" % op)


def eval_conditions(conditions, row, zone, problems):
    """All conditions are read (no short cut), so every unreadable field is
    found; they hold when every one holds."""
    results = [eval_condition(c, row, zone, problems) for c in conditions]
    return all(results)


class Use:
    """One fact as one measure reads it."""

    def __init__(self, row):
        self.id = None
        self.moment = None
        self.value = None
        self.text = None
        self.seconds = None
        self.hit = None


def read_for_leaf(leaf, row, zone, problems, id_text):
    """Read the fields a selecting measure needs; None when one is unreadable."""
    use = Use(row)
    use.id = id_text
    before = len(problems)

    def need(name):
        text = row.get(name)
        if text == "":
            problems.add((name, "missing_value"))
        return text

    text = need(leaf.date)
    if text != "":
        try:
            use.moment = read_moment(text, zone)
        except BadValue as e:
            problems.add((leaf.date, e.code))
    k = leaf.kind
    if k in ("sum", "mean", "min", "max", "latest"):
        text = need(leaf.raw["field"])
        if text != "":
            try:
                use.value = read_number(text)
            except BadValue as e:
                problems.add((leaf.raw["field"], e.code))
    elif k == "distinct":
        use.text = need(leaf.raw["field"])
    elif k == "duration":
        moments = []
        for name in (leaf.raw["from"], leaf.raw["to"]):
            text = need(name)
            if text == "":
                moments.append(None)
                continue
            try:
                moments.append(read_moment(text, zone))
            except BadValue as e:
                problems.add((name, e.code))
                moments.append(None)
        if None not in moments:
            use.seconds = moments[1].instant - moments[0].instant
            if use.seconds < 0:
                problems.add((leaf.raw["to"], "negative_duration"))
    elif k == "share":
        use.hit = eval_conditions(leaf.raw["condition"], row, zone, problems)
    return use if len(problems) == before else None


def leaf_value(leaf, uses):
    """The value of one measure over the facts it counts (no ×100)."""
    k = leaf.kind
    if k == "sum":
        return sum((u.value for u in uses), ZERO)
    if k == "count":
        return Fraction(len(uses))
    if k == "distinct":
        return Fraction(len(set(u.text for u in uses)))
    if not uses:
        return None  # no data
    if k == "mean":
        return sum((u.value for u in uses), ZERO) / len(uses)
    if k == "duration":  # exact days: Σ seconds ÷ (count × 86 400)
        return sum((u.seconds for u in uses), ZERO) / (len(uses) * DAY_SECONDS)
    if k == "share":
        return Fraction(sum(1 for u in uses if u.hit), len(uses))
    if k == "min":
        return min(u.value for u in uses)
    if k == "max":
        return max(u.value for u in uses)
    if k == "latest":  # latest date instant; ties: the greatest fact id (bytes)
        return max(uses, key=lambda u: (u.moment.instant, u.id.encode("utf-8"))).value
    raise ValueError("unknown measure kind %r" % k)


def indicator_actual(ind_raw, buckets):
    """The actual of a measured indicator from its leaves' facts."""
    mraw = ind_raw["measure"]
    percent = ind_raw["unit"]["kind"] == "percent"
    iid = ind_raw["id"]
    if mraw["kind"] == "ratio":
        n = leaf_value(Leaf(iid, "numerator", mraw["numerator"]), buckets.get((iid, "numerator"), []))
        d = leaf_value(Leaf(iid, "denominator", mraw["denominator"]),
                       buckets.get((iid, "denominator"), []))
        if n is None or d is None or d == 0:
            return None
        v = n / d
        return v * HUNDRED if percent else v
    v = leaf_value(Leaf(iid, None, mraw), buckets.get((iid, None), []))
    if v is not None and mraw["kind"] == "share" and percent:
        v = v * HUNDRED
    return v


def is_additive(ind_raw):
    m = ind_raw.get("measure")
    return m is not None and m["kind"] in ADDITIVE


# ---------------------------------------------------------------------------
# Input validation (run inputs; the plans themselves are assumed valid)
# ---------------------------------------------------------------------------


def zone_of(name):
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        return None


def plan_errors(plans):
    problems = []
    cals = [Calendar(p.get("calendar")) for p in plans]
    for i, c in enumerate(cals):
        if zone_of(c.time_zone) is None:
            problems.append({"path": "/plans/%d/calendar/time_zone" % i, "code": "unknown_time_zone"})
        if i > 0 and c.key() != cals[0].key():
            problems.append({"path": "/plans/%d/calendar" % i, "code": "calendar_mismatch"})
    return problems


# The keys of a run document (FORMAT.md, "The run document"), of its `facts`, and
# the columns of its tables.  A corpus file adds the test's own keys.
RUN_KEYS = ["plans", "roster", "targets", "team_targets", "actuals", "points", "period",
            "as_of", "facts", "description"]
CASE_KEYS = ["derivation", "expected", "expected_error"]
FACTS_KEYS = ["format", "text"]
FACTS_FORMATS = ["csv", "jsonl", "ndjson", "json", "jsonlines"]
TABLE_COLUMNS = {
    "roster": ["subject", "name", "role", "team", "team_name", "start", "end", "share"],
    "targets": ["subject", "indicator", "target"],
    "team_targets": ["team", "indicator", "target"],
    "actuals": ["subject", "indicator", "actual"],
    "points": ["subject", "adjustment", "points"],
}


def pointer(*parts):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def edits(a, b):
    """Optimal string alignment distance (a swap of neighbours counts one)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def closest(key, known):
    """The known key an unknown one seems to misname: at most two edits away and
    fewer edits than the key has characters (the first on a tie), else None."""
    best = None
    for k in known:
        d = edits(key, k)
        if d <= 2 and d < len(key) and (best is None or d < best[0]):
            best = (d, k)
    return best and best[1]


def document(case):
    """The run document of a corpus file: the file without the test's keys."""
    return {k: v for k, v in case.items() if k not in CASE_KEYS}


def table_rows(doc, key):
    """The rows (objects) of a table; a table or row of the wrong type has none."""
    rows = doc.get(key)
    if not isinstance(rows, list):
        return []
    return [(n, r) for n, r in enumerate(rows) if isinstance(r, dict)]


def shape_errors(doc):
    """Unknown keys and values of the wrong type, and for each table the known
    columns an unknown column misnames (their missing_field is not reported)."""
    problems = []
    misnamed = {}

    def add(path, code):
        problems.append({"path": path, "code": code})

    for k in doc:
        if k not in RUN_KEYS:
            add(pointer(k), "unknown_field")
    if "period" not in doc or doc["period"] is None:
        add("/period", "missing_field")
    for k in ("period", "as_of", "description"):
        if doc.get(k) is not None and not isinstance(doc[k], str):
            add(pointer(k), "wrong_type")
    facts = doc.get("facts")
    if facts is not None:
        if not isinstance(facts, dict):
            add("/facts", "wrong_type")
        else:
            for k in facts:
                if k not in FACTS_KEYS:
                    add(pointer("facts", k), "unknown_field")
            fmt = facts.get("format")
            if fmt is not None:
                if not isinstance(fmt, str):
                    add("/facts/format", "wrong_type")
                elif fmt not in FACTS_FORMATS:
                    add("/facts/format", "invalid_value")
            if facts.get("text") is not None and not isinstance(facts["text"], str):
                add("/facts/text", "wrong_type")
    for key, columns in TABLE_COLUMNS.items():
        rows = doc.get(key)
        misnamed[key] = set()
        if rows is None:
            continue
        if not isinstance(rows, list):
            add(pointer(key), "wrong_type")
            continue
        seen = set()
        for n, r in enumerate(rows):
            if not isinstance(r, dict):
                add(pointer(key, n), "wrong_type")
                continue
            for c in r:
                if c not in columns and c not in seen:
                    seen.add(c)
                    add(pointer(key, n, c), "unknown_field")
                    if closest(c, columns):
                        misnamed[key].add(closest(c, columns))
    return problems, misnamed


def input_number(text):
    if not isinstance(text, str):
        return None
    return decimal_text(text)


def find_indicator(plans_for, indicator):
    """The indicator raw objects with this id in the given plans."""
    out = []
    for p in plans_for:
        for ind in p["indicators"]:
            if ind["id"] == indicator:
                out.append(ind)
    return out


def needs_positive_target(ind_raw):
    ind = oracle.Indicator(ind_raw)
    return ind.kind == "ratio" or (ind.tiers and ind.tier_basis == "achievement")


def input_errors(case, plans, cal, roster_plan, misnamed):
    problems = []

    def add(path, code):
        problems.append({"path": path, "code": code})

    def missing(key, path, column):
        if column not in misnamed[key]:
            add(path, "missing_field")

    period = case.get("period")
    window = parse_period(period, cal) if isinstance(period, str) else None
    if window is None and isinstance(period, str):
        add("/period", "bad_period")
    as_of = case.get("as_of")
    if isinstance(as_of, str) and window is not None:
        d = parse_date(as_of)
        if d is None or not window[0] <= d < window[1]:
            add("/as_of", "bad_period")
    seen = set()
    teams = set()
    for n, r in table_rows(case, "roster"):
        sid = r.get("subject", "")
        if sid == "":
            missing("roster", "/roster/%d/subject" % n, "subject")
        elif sid in seen:
            add("/roster/%d/subject" % n, "duplicate_subject")
        seen.add(sid)
        for f in ("start", "end"):
            if r.get(f, "") != "" and parse_date(r[f]) is None:
                add("/roster/%d/%s" % (n, f), "bad_date")
        if r.get("share", "") != "":
            v = input_number(r["share"])
            if v is None or v < 0:
                add("/roster/%d/share" % n, "bad_number")
        if r.get("team", ""):
            teams.add(r["team"])

    def check_rows(key, who, value_field, targets):
        for n, r in table_rows(case, key):
            base = "/%s/%d/" % (key, n)
            owner = r.get(who, "")
            if owner == "":
                missing(key, base + who, who)
                owner_plans = plans
            elif who == "team":
                if owner not in teams:
                    add(base + who, "unknown_subject")
                owner_plans = plans
            elif owner not in seen:
                add(base + who, "unknown_subject")
                owner_plans = plans
            else:
                owner_plans = [roster_plan[owner]] if roster_plan.get(owner) else plans
            iid = r.get("indicator", "")
            inds = find_indicator(owner_plans, iid) if iid != "" else []
            if iid == "":
                missing(key, base + "indicator", "indicator")
            elif not inds:
                add(base + "indicator", "unknown_indicator")
            elif targets and not any((i.get("target") or {}).get("per_subject") for i in inds):
                add(base + "indicator", "target_not_per_subject")
            elif not targets and any(i.get("measure") is not None for i in inds):
                add(base + "indicator", "invalid_value")  # measured: no direct actual
            text = r.get(value_field, "")
            if text == "":
                if targets:
                    missing(key, base + value_field, value_field)
                continue
            v = input_number(text)
            if v is None:
                add(base + value_field, "bad_number")
            elif targets and inds and any(needs_positive_target(i) for i in inds):
                if v == 0:
                    add(base + value_field, "zero_target")
                elif v < 0:
                    add(base + value_field, "negative_target")

    check_rows("targets", "subject", "target", True)
    check_rows("team_targets", "team", "target", True)
    check_rows("actuals", "subject", "actual", False)
    # Points given per subject: to a bonus or deduction of the subject's plan that is
    # not measured, >= 0 (FORMAT.md, "Roster, targets, actuals").
    for n, r in table_rows(case, "points"):
        base = "/points/%d/" % n
        texts = {c: r.get(c, "") for c in TABLE_COLUMNS["points"]}
        for c, t in texts.items():
            if t == "":
                missing("points", base + c, c)
        sid, aid = texts["subject"], texts["adjustment"]
        if sid != "" and sid not in seen:
            add(base + "subject", "unknown_subject")
        elif sid != "" and aid != "" and roster_plan.get(sid) is not None:
            items = {a["id"]: a for a in points_items(roster_plan[sid])}
            if aid not in items:
                add(base + "adjustment", "unknown_adjustment")
            elif items[aid].get("measure") is not None:
                add(base + "adjustment", "invalid_value")  # measured: no points given
        if texts["points"] != "":
            v = input_number(texts["points"])
            if v is None:
                add(base + "points", "bad_number")
            elif v < 0:
                add(base + "points", "negative_points")
    return problems


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def ranks_of(totals, method):
    """{key: rank} of rounded totals (None: no rank), high to low."""
    values = [t for t in totals.values() if t is not None]
    distinct = sorted(set(values), reverse=True)
    out = {}
    for k, t in totals.items():
        if t is None:
            out[k] = None
        elif method == "dense":
            out[k] = distinct.index(t) + 1
        else:
            out[k] = 1 + sum(1 for v in values if v > t)
    return out


def split_target(total, members, shares, step):
    """Team target decomposition (目标分解) in units of `step`: floors, then the
    steps left over to the largest remainders (ties by subject id), then any
    part below one step to the first member by subject id."""
    ids = sorted(members, key=lambda s: s.encode("utf-8"))
    if all(shares.get(s) is not None for s in ids) and sum(shares[s] for s in ids) > 0:
        weights = {s: shares[s] for s in ids}
    else:
        weights = {s: ONE for s in ids}
    w = sum(weights.values())
    exact = {s: total * weights[s] / w / step for s in ids}
    steps = {s: math.floor(exact[s]) for s in ids}
    left = math.floor(total / step) - sum(steps.values())
    order = sorted(ids, key=lambda s: (-(exact[s] - steps[s]), s.encode("utf-8")))
    for s in order[:left]:
        steps[s] += 1
    parts = {s: steps[s] * step for s in ids}
    parts[ids[0]] += total - math.floor(total / step) * step
    return parts


def shown(plan, x):
    return plan.show(x)


def run(case):
    """The canonical run result, or an error document."""
    case = document(case)
    shape, misnamed = shape_errors(case)
    plans = case.get("plans")
    if not isinstance(plans, list) or not plans:
        code = "missing_field" if plans is None or plans == [] else "wrong_type"
        problems = [{"path": "/plans", "code": code}]
    else:
        problems = plan_errors(plans)
    if problems:
        # A refused plan comes with the document's own shape problems.
        problems = shape + problems
        return {"error": "plan", "problems": sorted(problems, key=lambda p: (p["path"], p["code"]))}
    cal = Calendar(plans[0].get("calendar"))
    zone = zone_of(cal.time_zone)

    # Which plan scores which subject.
    def plan_for(role):
        if len(plans) == 1 and plans[0].get("role") is None:
            return plans[0]
        for p in plans:
            if p.get("role") is not None and p.get("role") == role:
                return p
        return None

    roster_plan = {}
    for _, r in table_rows(case, "roster"):
        if r.get("subject", "") != "" and r["subject"] not in roster_plan:
            roster_plan[r["subject"]] = plan_for(r.get("role", ""))
    problems = shape + input_errors(case, plans, cal, roster_plan, misnamed)
    if problems:
        return {"error": "input", "problems": sorted(problems, key=lambda p: (p["path"], p["code"]))}

    first = oracle.Plan(plans[0])
    p_start, p_end = parse_period(case["period"], cal)
    period_days = (p_end - p_start).days
    as_of = parse_date(case["as_of"]) if case.get("as_of") is not None else None
    w_end = as_of + timedelta(days=1) if as_of else p_end
    elapsed = Fraction((w_end - p_start).days, period_days) if as_of else None

    # Roster: plan, active days, unscored.
    subjects = {}   # id → info dict, scored subjects only
    unscored = []
    for r in case["roster"]:
        sid = r["subject"]
        plan_raw = roster_plan[sid]
        if plan_raw is None:
            unscored.append({"subject": sid, "code": "no_plan", "message": UNSCORED_MESSAGES["no_plan"]})
            continue
        s0 = parse_date(r["start"]) if r.get("start", "") else date.min
        e1 = parse_date(r["end"]) + timedelta(days=1) if r.get("end", "") else date.max
        active_days = overlap_days(p_start, p_end, s0, e1)
        if active_days == 0:
            unscored.append({"subject": sid, "code": "inactive", "message": UNSCORED_MESSAGES["inactive"]})
            continue
        subjects[sid] = {
            "id": sid, "plan": plan_raw, "role": r.get("role", ""), "team": r.get("team", ""),
            "share": input_number(r["share"]) if r.get("share", "") else None,
            "active_days": active_days,
            "active_days_to_date": overlap_days(p_start, w_end, s0, e1),
            "buckets": {},
        }
    unscored.sort(key=lambda u: u["subject"].encode("utf-8"))

    # Facts and the ledger.
    facts_map = dict({"id": "id", "subject": "subject", "type": "type"}, **(plans[0].get("facts") or {}))
    fmt, text = case["facts"]["format"], case["facts"]["text"]
    rows = read_csv_facts(text) if fmt == "csv" else read_jsonl_facts(text)
    leaves = {p["id"]: plan_leaves(p) for p in plans}
    all_leaves = [leaf for p in plans for leaf in leaves[p["id"]]]
    named_types = None
    if all_leaves and all(leaf.types is not None for leaf in all_leaves):
        named_types = set(t for leaf in all_leaves for t in leaf.types)

    ledger = {"rows": len(rows), "used": 0, "outside": 0, "duplicate": 0, "conflicting": 0,
              "rejected": 0}
    rejections = []
    conflicts = []

    def reject(row, found):
        ledger["rejected"] += 1
        for field, code in sorted(found, key=lambda fc: (fc[0] is not None, (fc[0] or "").encode("utf-8"), fc[1])):
            rejections.append({"line": row.line, "field": field, "code": code,
                               "message": REJECTION_MESSAGES[code]})

    by_id = {}
    for row in rows:
        if row.bad:
            reject(row, {(None, "bad_row")})
        elif row.get(facts_map["id"]) == "":
            reject(row, {(facts_map["id"], "missing_id")})
        else:
            by_id.setdefault(row.get(facts_map["id"]), []).append(row)
    for fid in sorted(by_id, key=lambda s: s.encode("utf-8")):
        group = sorted(by_id[fid], key=lambda r: r.line)
        if len(set(r.content for r in group)) > 1:
            ledger["conflicting"] += len(group)
            conflicts.append({"id": fid, "lines": [r.line for r in group]})
            continue
        ledger["duplicate"] += len(group) - 1
        row = group[0]
        sid = row.get(facts_map["subject"])
        plan_raw = roster_plan.get(sid)
        if plan_raw is None:
            reject(row, {(facts_map["subject"], "unknown_subject")})
            continue
        ftype = row.get(facts_map["type"])
        if named_types is not None and ftype not in named_types:
            reject(row, {(facts_map["type"], "unknown_type")})
            continue
        found = set()
        selected = []
        for leaf in leaves[plan_raw["id"]]:
            if leaf.types is not None and ftype not in leaf.types:
                continue
            where_problems = set()
            holds = eval_conditions(leaf.where, row, zone, where_problems)
            found |= where_problems
            if where_problems or not holds:
                continue
            use = read_for_leaf(leaf, row, zone, found, fid)
            if use is not None:
                selected.append((leaf, use))
        if found:
            reject(row, found)
            continue
        used = False
        subject = subjects.get(sid)
        if subject is not None:
            for leaf, use in selected:
                if p_start <= use.moment.local < w_end:
                    subject["buckets"].setdefault(leaf.key, []).append(use)
                    used = True
        ledger["used" if used else "outside"] += 1
    rejections.sort(key=lambda r: (r["line"], r["field"] is not None, (r["field"] or "").encode("utf-8")))
    ledger["rejections"] = rejections
    ledger["conflicts"] = conflicts
    assert ledger["rows"] == sum(ledger[k] for k in ("used", "outside", "duplicate", "conflicting", "rejected"))

    # Input rows as values.
    targets = {(r["subject"], r["indicator"]): num(r["target"]) for r in case.get("targets") or []}
    team_targets = {(r["team"], r["indicator"]): num(r["target"])
                    for r in case.get("team_targets") or []}
    actuals = {(r["subject"], r["indicator"]): (num(r["actual"]) if r.get("actual", "") != "" else None)
               for r in case.get("actuals") or []}
    given_points = {(r["subject"], r["adjustment"]): num(r["points"])
                    for r in case.get("points") or []}  # the last row of a pair wins

    results, teams_out = [], []
    for plan_raw in sorted(plans, key=lambda p: p["id"].encode("utf-8")):
        plan = oracle.Plan(plan_raw)
        inds = plan_raw["indicators"]
        members = sorted((s for s in subjects.values() if s["plan"] is plan_raw),
                         key=lambda s: s["id"].encode("utf-8"))
        # Team target splits (per_subject indicators only).
        split = {}
        for (team, iid), total in team_targets.items():
            ind = plan.indicators.get(iid)
            if ind is None or not ind.per_subject:
                continue
            tm = [s["id"] for s in members if s["team"] == team]
            if tm:
                shares = {s["id"]: s["share"] for s in members if s["team"] == team}
                for sid, part in split_target(total, tm, shares, ind.step).items():
                    split[(sid, iid)] = part

        def roster_factor(s, ind):
            return Fraction(s["active_days"], period_days) if ind.prorate else ONE

        def factor(s, ind_raw):
            ind = plan.indicators[ind_raw["id"]]
            if as_of is not None and is_additive(ind_raw):
                if ind.prorate:
                    return Fraction(s["active_days_to_date"], period_days)
                return elapsed
            return roster_factor(s, ind)

        def base_target(s, ind):
            if ind.per_subject:
                if (s["id"], ind.id) in targets:
                    return targets[(s["id"], ind.id)]
                if (s["id"], ind.id) in split:
                    return split[(s["id"], ind.id)]
            return ind.value

        inputs = []
        for s in members:
            acts, tgts, facs = {}, {}, {}
            for ind_raw in inds:
                ind = plan.indicators[ind_raw["id"]]
                if ind_raw.get("measure") is not None:
                    acts[ind.id] = indicator_actual(ind_raw, s["buckets"])
                else:
                    acts[ind.id] = actuals.get((s["id"], ind.id))
                tgts[ind.id] = base_target(s, ind)
                facs[ind.id] = factor(s, ind_raw)
            groups = {}
            if s["role"]:
                groups["role"] = s["role"]
            if s["team"]:
                groups["team"] = s["team"]
            s["acts"], s["tgts"], s["facs"] = acts, tgts, facs
            points, s["adjust"] = subject_points(plan_raw, s, given_points)
            inputs.append({"id": s["id"], "actuals": acts, "_targets": tgts, "_factors": facs,
                           "groups": groups, "points": points})
        doc = oracle.evaluate(plan_raw, {"subjects": inputs})
        for o in doc["subjects"]:
            show_points(plan, plan_raw, o, subjects[o["id"]]["adjust"])
        method = (plan.ranking or {}).get("method", "competition")
        totals = {o["id"]: (Fraction(Decimal(o["total"])) if o["total"] is not None else None)
                  for o in doc["subjects"]}
        team_ranks = {}
        for team in set(s["team"] for s in members if s["team"]):
            team_ranks.update(ranks_of({s["id"]: totals[s["id"]] for s in members
                                        if s["team"] == team}, method))
        warn_below = num((plan_raw.get("pace") or {}).get("warn_below"))
        out_subjects = []
        for o in doc["subjects"]:
            s = subjects[o["id"]]
            o = dict(o)
            o["team"] = s["team"] or None
            o["team_rank"] = team_ranks.get(s["id"]) if s["team"] else None
            o["pace"] = pace_entries(plan, inds, s, warn_below) if as_of is not None else None
            out_subjects.append(o)
        results.append({"plan": doc["plan"], "subjects": out_subjects})

        # Teams of this plan.
        team_names = sorted(set(s["team"] for s in members if s["team"]), key=lambda t: t.encode("utf-8"))
        team_inputs = []
        for team in team_names:
            tm = [s for s in members if s["team"] == team]
            buckets = {}
            for s in tm:
                for k, uses in s["buckets"].items():
                    buckets.setdefault(k, []).extend(uses)
            acts, tgts, facs = {}, {}, {}
            for ind_raw in inds:
                ind = plan.indicators[ind_raw["id"]]
                acts[ind.id] = indicator_actual(ind_raw, buckets) if ind_raw.get("measure") else None
                # The team's own factor: elapsed for additive measures with as_of.
                facs[ind.id] = elapsed if (as_of is not None and is_additive(ind_raw)) else ONE
                if (team, ind.id) in team_targets and ind.per_subject:
                    tgts[ind.id] = team_targets[(team, ind.id)]
                elif is_additive(ind_raw) and all(s["tgts"][ind.id] is not None for s in tm):
                    # the members' targets as their scorecards show them (after
                    # every factor, period to date included): no further factor
                    tgts[ind.id] = sum((s["tgts"][ind.id] * s["facs"][ind.id] for s in tm), ZERO)
                    facs[ind.id] = ONE
                else:
                    tgts[ind.id] = ind.value
            team_inputs.append({"id": team, "actuals": acts, "_targets": tgts, "_factors": facs})
        tdoc = oracle.evaluate(plan_raw, {"subjects": team_inputs})
        for o in tdoc["subjects"]:  # a team has no points: nothing measured for it
            show_points(plan, plan_raw, o, {})
        cards = {c["id"]: c for c in tdoc["subjects"]}
        for team in team_names:
            tm = [s["id"] for s in members if s["team"] == team]
            member_totals = [totals[i] for i in tm if totals[i] is not None]
            mean = sum(member_totals, ZERO) / len(member_totals) if member_totals else None
            teams_out.append({"plan": plan_raw["id"], "team": team, "members": tm,
                              "mean_total": plan.show(mean), "scorecard": cards[team]})

    return {
        "period": {
            "id": case["period"],
            "start": p_start.isoformat(),
            "end": p_end.isoformat(),
            "days": period_days,
            "as_of": as_of.isoformat() if as_of else None,
            "elapsed": first.show(elapsed),
            "time_zone": cal.time_zone,
        },
        "results": results,
        "teams": teams_out,
        "unscored": unscored,
        "ledger": ledger,
    }


def subject_points(plan_raw, s, given_points):
    """A subject's bonus and deduction points before `max` (which the scoring
    oracle applies), and per item what the card adds: (units measured or None,
    extra flags).  Measured: units × per_unit, below 0 counted as 0 (floored);
    else the `points` row, and without one 0 with the flag missing."""
    points, adjust = {}, {}
    for item in points_items(plan_raw):
        aid = item["id"]
        if item.get("measure") is not None:
            units = leaf_value(Leaf(adjustment_key(item), None, item["measure"]),
                               s["buckets"].get((adjustment_key(item), None), []))
            p = units * num(item["per_unit"])
            flags = set()
            if p < 0:
                p, flags = ZERO, {"floored"}
            points[aid] = p
            adjust[aid] = (units, flags)
        elif (s["id"], aid) in given_points:
            points[aid] = given_points[(s["id"], aid)]
            adjust[aid] = (None, set())
        else:
            points[aid] = ZERO
            adjust[aid] = (None, {"missing"})
    return points, adjust


def show_points(plan, plan_raw, card, adjust):
    """Add to a card's bonus and deduction entries the extra flags and, for a
    measured item, `measured` (units; null on a team's card) and `per_unit`."""
    items = {a["id"]: a for a in points_items(plan_raw)}
    for entry in card["adjustments"]:
        item = items.get(entry["id"]) if entry["kind"] != "gate" else None
        if item is None:
            continue
        units, flags = adjust.get(entry["id"], (None, set()))
        entry["flags"] = sorted(set(entry["flags"]) | flags)
        if item.get("measure") is not None:
            entry["measured"] = plan.show(units)
            entry["per_unit"] = plan.show(num(item["per_unit"]))


def pace_entries(plan, inds, s, warn_below):
    """Period to date: one entry per indicator with a measure, in plan order."""
    out = []
    for ind_raw in inds:
        if ind_raw.get("measure") is None:
            continue
        ind = plan.indicators[ind_raw["id"]]
        actual = s["acts"][ind.id]
        base = s["tgts"][ind.id]
        expected = None if base is None else base * s["facs"][ind.id]
        pace = None
        # As achievement: no pace against an expected of 0 or less, nor for an
        # actual of 0 or less when lower is better (the best possible, unbounded).
        if actual is not None and expected is not None and expected > 0:
            if ind.direction == "lower_is_better":
                pace = expected / actual * HUNDRED if actual > 0 else None
            else:
                pace = actual / expected * HUNDRED
        if actual is None:
            forecast = None
        elif is_additive(ind_raw):
            forecast = (actual * s["active_days"] / s["active_days_to_date"]
                        if s["active_days_to_date"] else None)
        else:
            forecast = actual
        out.append({
            "indicator": ind.id,
            "expected": plan.show(expected),
            "pace": plan.show(pace),
            "forecast": plan.show(forecast),
            "warning": bool(warn_below is not None and pace is not None and pace < warn_below),
        })
    return out


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def run_files(folder=RUNS):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))


def compute(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, run(load_exact(text))


def without_lines(doc):
    """The result with line numbers taken out (they move when rows move)."""
    doc = json.loads(json.dumps(doc))
    ledger = doc["ledger"]
    ledger["rejections"] = sorted([r["field"] or "", r["code"]] for r in ledger["rejections"])
    ledger["conflicts"] = [[c["id"], len(c["lines"])] for c in ledger["conflicts"]]
    return doc


def shuffle_check(folder=RUNS, rounds=20):
    """Row order must not matter: shuffle the fact rows and the roster rows of
    every valid run; only line numbers may change."""
    import random
    bad = []
    for path in run_files(folder):
        with open(path, encoding="utf-8") as f:
            case = load_exact(f.read())
        if "expected_error" in case:
            continue
        base = canonical(without_lines(run(case)))
        for seed in range(rounds):
            rng = random.Random(seed)
            c = dict(case)
            lines = case["facts"]["text"].rstrip("\n").split("\n")
            head, body = (lines[:1], lines[1:]) if case["facts"]["format"] == "csv" else ([], lines)
            rng.shuffle(body)
            c["facts"] = {"format": case["facts"]["format"], "text": "\n".join(head + body) + "\n"}
            c["roster"] = list(case["roster"])
            rng.shuffle(c["roster"])
            if canonical(without_lines(run(c))) != base:
                bad.append(os.path.basename(path))
                break
    return bad


def main(argv):
    argv, folder = oracle.take_dir(argv, RUNS)
    if len(argv) == 2 and argv[1] == "--shuffle":
        bad = shuffle_check(folder)
        if bad:
            print("row order changes the result of:\n  " + "\n  ".join(bad))
            return 1
        print("ok: row order does not matter (%d runs)" % len(run_files(folder)))
        return 0
    if len(argv) == 2 and argv[1] in ("--write", "--check"):
        bad = []
        for path in run_files(folder):
            text, result = compute(path)
            case = json.loads(text)
            is_error = "error" in result
            key = "expected_error" if is_error else "expected"
            if argv[1] == "--write":
                out = {}
                for k, v in case.items():
                    if k in ("expected", "expected_error"):
                        continue
                    out[k] = v
                out[key] = result
                with open(path, "w", encoding="utf-8") as f:
                    f.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
            else:
                other = "expected" if is_error else "expected_error"
                if other in case or canonical(case.get(key)) != canonical(result):
                    bad.append(os.path.basename(path))
        if bad:
            print("expected differs from the run oracle in:\n  " + "\n  ".join(bad))
            return 1
        print("%s: %d runs" % ("written" if argv[1] == "--write" else "ok", len(run_files(folder))))
        return 0
    if len(argv) == 2:
        text, result = compute(argv[1])
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
