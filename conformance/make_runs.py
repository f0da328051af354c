#!/usr/bin/env python3
"""Writes the run conformance cases (conformance/runs/NNN-slug.json).

Each case is {description, derivation, plans, roster, facts, [targets],
[team_targets], [actuals], period, as_of, expected | expected_error}.  This
script writes `expected: null`; fill it with
`python3 conformance/oracle_run.py --write` and check it with `--check`.

Run:  python3 conformance/make_runs.py && python3 conformance/oracle_run.py --write
"""

import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "runs")

CASES = []


def case(slug, description, derivation, plans, roster, facts, period, as_of=None,
         targets=None, team_targets=None, actuals=None, invalid=False, extra=None,
         points=None):
    """`facts=None` leaves `facts` out; `extra` adds members after `as_of` (keys a
    run document does not have, to be refused)."""
    c = {"description": description, "derivation": derivation, "plans": plans,
         "roster": roster}
    if facts is not None:
        c["facts"] = facts
    if targets is not None:
        c["targets"] = targets
    if team_targets is not None:
        c["team_targets"] = team_targets
    if actuals is not None:
        c["actuals"] = actuals
    if points is not None:
        c["points"] = points
    c["period"] = period
    c["as_of"] = as_of
    c.update(extra or {})
    c["expected_error" if invalid else "expected"] = None
    CASES.append((slug, c))


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------


def plan(pid, indicators, weights=None, tree=None, role=None, calendar=None, facts=None,
         pace=None, name=None, ratings=None, ranking=None, rounding=None, adjustments=None):
    p = {"id": pid, "name": name or pid, "version": "1"}
    if role is not None:
        p["role"] = role
    if calendar is not None:
        p["calendar"] = calendar
    if facts is not None:
        p["facts"] = facts
    if pace is not None:
        p["pace"] = pace
    p["indicators"] = indicators
    if tree is None:
        children = []
        for ind, w in zip(indicators, weights):
            child = {"indicator": ind["id"]}
            if w is not None:
                child["weight"] = w
            children.append(child)
        tree = {"group": "root", "name": "总分", "children": children}
    p["tree"] = tree
    if adjustments is not None:
        p["adjustments"] = adjustments
    if ratings is not None:
        p["ratings"] = ratings
    if ranking is not None:
        p["ranking"] = ranking
    if rounding is not None:
        p["rounding"] = rounding
    return p


def ind(iid, name, unit="count", measure=None, target=None, curve=None,
        direction="higher_is_better", auxiliary=None, step=None):
    u = {"kind": unit}
    if unit == "money":
        u["currency"] = "CNY"
    i = {"id": iid, "name": name, "unit": u}
    if step is not None:
        i["step"] = step
    i["direction"] = direction
    if auxiliary is not None:
        i["auxiliary"] = auxiliary
    if target is not None:
        i["target"] = target
    i["curve"] = curve if curve is not None else {"kind": "ratio", "cap": "150"}
    if measure is not None:
        i["measure"] = measure
    return i


def target(value=None, per_subject=None, prorate=None, tiers=None):
    t = {}
    if value is not None:
        t["value"] = value
    if per_subject is not None:
        t["per_subject"] = per_subject
    if prorate is not None:
        t["prorate"] = prorate
    if tiers is not None:
        t["tiers"] = [{"name": n, "at": a, "score": s} for n, a, s in tiers]
    return t


def measure(kind, fact=None, date=None, where=None, **fields):
    m = {"kind": kind}
    if fact is not None:
        m["fact"] = fact
    if date is not None:
        m["date"] = date
    for k in ("field", "from", "to", "condition", "numerator", "denominator"):
        if k in fields:
            m[k] = fields[k]
    if where is not None:
        m["where"] = where
    return m


def cond(field, op, value=None, values=None):
    c = {"field": field, "op": op}
    if value is not None:
        c["value"] = value
    if values is not None:
        c["values"] = values
    return c


def within(frm, to, hours):
    return {"op": "within", "from": frm, "to": to, "hours": hours}


def csv_facts(*lines):
    return {"format": "csv", "text": "\n".join(lines) + "\n"}


def jsonl_facts(*lines):
    return {"format": "jsonl", "text": "\n".join(lines) + "\n"}


def r(subject, role=None, team=None, start=None, end=None, share=None, name=None):
    row = {"subject": subject}
    for k, v in (("name", name), ("role", role), ("team", team), ("start", start),
                 ("end", end), ("share", share)):
        if v is not None:
            row[k] = v
    return row


SH = {"time_zone": "Asia/Shanghai"}
RATINGS = [{"name": "A", "min": "90"}, {"name": "B", "min": "70"}, {"name": "C"}]


def sales_ind(target_value="10000", prorate=None, per_subject=None, date="closed_at",
              where=None, fact="deal"):
    return ind("sales", "销售额", "money",
               measure(("sum"), fact=[fact], date=date, field="amount", where=where),
               target(target_value, prorate=prorate, per_subject=per_subject))


def calls_ind(target_value="10", prorate=None, per_subject=None):
    return ind("calls", "外呼量", "count", measure("count", fact="call", date="called_at"),
               target(target_value, prorate=prorate, per_subject=per_subject))


# ---------------------------------------------------------------------------
# Time zones and periods
# ---------------------------------------------------------------------------

TZ_FACTS = csv_facts(
    "id,subject,type,closed_at,amount",
    "D1,wang,deal,2026-06-30T23:30:00+08:00,100",
    "D2,wang,deal,2026-07-01T00:00:00+08:00,200",
    "D3,wang,deal,2026-06-30T15:30:00Z,10",
    "D4,wang,deal,2026-06-30T16:00:00Z,20",
    "D5,wang,deal,2026-06-30 23:59:59,1",
    "D6,wang,deal,2026-07-01 00:00,2",
    "D7,wang,deal,2026-03-31T16:00:00Z,1000",
    "D8,wang,deal,2026-03-31T15:59:59.999Z,2000",
    "D9,wang,deal,2026-04-01,400",
    "D10,wang,deal,2026-06-30T10:30:00-05:00,4000",
    "D11,wang,deal,2026-06-30T11:00:00-05:00,8000",
)

case("time-zone-shanghai-quarter-edges",
     "Asia/Shanghai, 2026-Q2: timestamps with +08:00, Z and -05:00 offsets are converted to "
     "Shanghai before the local date is taken; naive timestamps and dates are already local. "
     "23:30 local on 30 June counts, 00:00 local on 1 July does not; the quarter starts at 00:00 "
     "local on 1 April (= 2026-03-31T16:00:00Z).",
     "Window [2026-04-01, 2026-07-01) local, 91 days. In: D1 23:30 local 30 Jun (100), D3 "
     "15:30Z = 23:30 local (10), D5 naive 23:59:59 (1), D7 16:00Z 31 Mar = 00:00 local 1 Apr "
     "(1000), D9 date 1 Apr (400), D10 10:30-05:00 = 15:30Z = 23:30 local 30 Jun (4000). Out: D2 "
     "00:00 local 1 Jul, D4 16:00Z = 00:00 local 1 Jul, D6 naive 1 Jul, D8 15:59:59.999Z = "
     "23:59:59.999 local 31 Mar, D11 11:00-05:00 = 16:00Z = 1 Jul local. sales = "
     "100+10+1+1000+400+4000 = 5511.00; 5511/10000 = 55.11% → score 55.11 = total. Ledger: 11 "
     "rows, 6 used, 5 outside.",
     [plan("kam", [sales_ind("10000")], ["100"], calendar=SH)],
     [r("wang")], TZ_FACTS, "2026-Q2")

case("time-zone-default-utc",
     "The same facts as the Shanghai case with no calendar: the time zone defaults to UTC, so "
     "offset timestamps are converted to UTC and naive ones are UTC local time.",
     "Window [2026-04-01, 2026-07-01) UTC. In: D1 23:30+08 = 15:30Z 30 Jun (100), D2 00:00+08 "
     "1 Jul = 16:00Z 30 Jun (200), D3 (10), D4 16:00Z 30 Jun (20), D5 naive 30 Jun (1), D9 "
     "1 Apr (400), D10 15:30Z (4000), D11 16:00Z 30 Jun (8000). Out: D6 naive 1 Jul, D7 and D8 "
     "31 Mar UTC. sales = 100+200+10+20+1+400+4000+8000 = 12731.00; 127.31% → 127.31 (cap 150). "
     "Ledger: 11 rows, 8 used, 3 outside; period time_zone \"UTC\".",
     [plan("kam", [sales_ind("10000")], ["100"])],
     [r("wang")], TZ_FACTS, "2026-Q2")

case("fiscal-year-april-q4",
     "fiscal_year_start 4: FY2027 runs 2026-04-01 to 2027-03-31, so FY2027-Q4 is "
     "2027-01-01 to 2027-03-31 (90 days).",
     "Window [2027-01-01, 2027-04-01), 90 days. Visits on 2026-12-31 (out), 2027-01-01, "
     "2027-02-15, 2027-03-31 (in), 2027-04-01 (out), and 2027-03-31T23:59:00+08:00 (in); "
     "2027-03-31T16:00:00Z = 1 Apr 00:00 local (out). count = 4; 4/5 = 80% → 80.00.",
     [plan("fy", [ind("visits", "拜访量", "count", measure("count", fact="visit", date="day"),
                      target("5"))], ["100"],
           calendar={"time_zone": "Asia/Shanghai", "fiscal_year_start": 4})],
     [r("li")],
     csv_facts("id,subject,type,day",
               "V1,li,visit,2026-12-31",
               "V2,li,visit,2027-01-01",
               "V3,li,visit,2027-02-15",
               "V4,li,visit,2027-03-31",
               "V5,li,visit,2027-04-01",
               "V6,li,visit,2027-03-31T23:59:00+08:00",
               "V7,li,visit,2027-03-31T16:00:00Z"),
     "FY2027-Q4")

case("fiscal-year-april-q1",
     "fiscal_year_start 4: FY2027-Q1 is 2026-04-01 to 2026-06-30 (the fiscal year is named by "
     "the calendar year in which it ends).",
     "Window [2026-04-01, 2026-07-01), 91 days. Visits 2026-03-31 (out, FY2026-Q4), 2026-04-01, "
     "2026-05-20, 2026-06-30 (in), 2026-07-01 (out, FY2027-Q2). count = 3; 3/5 = 60% → 60.00.",
     [plan("fy", [ind("visits", "拜访量", "count", measure("count", fact="visit", date="day"),
                      target("5"))], ["100"],
           calendar={"time_zone": "Asia/Shanghai", "fiscal_year_start": 4})],
     [r("li")],
     csv_facts("id,subject,type,day",
               "V1,li,visit,2026-03-31",
               "V2,li,visit,2026-04-01",
               "V3,li,visit,2026-05-20",
               "V4,li,visit,2026-06-30",
               "V5,li,visit,2026-07-01"),
     "FY2027-Q1")

case("fiscal-year-october-h2",
     "fiscal_year_start 10: FY2026 is 2025-10-01 to 2026-09-30 and FY2026-H2 is 2026-04-01 to "
     "2026-09-30 (183 days).",
     "exact rational calculation by conformance/oracle_run.py, checked by hand: window "
     "[2026-04-01, 2026-10-01), 183 days; deals on 2026-03-31 (out), 2026-04-01 (300), "
     "2026-09-30 (700) in, 2026-10-01 (out): sales 1000.00, 1000/2000 = 50.00.",
     [plan("fy", [sales_ind("2000")], ["100"], calendar={"fiscal_year_start": 10})],
     [r("li")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,li,deal,2026-03-31,5000",
               "D2,li,deal,2026-04-01,300",
               "D3,li,deal,2026-09-30,700",
               "D4,li,deal,2026-10-01,9000"),
     "FY2026-H2")

case("week-sunday-year-boundary",
     "week_start sunday: week 1 is the week containing 4 January; 4 January 2025 is a Saturday, "
     "so 2025-W01 runs Sunday 2024-12-29 to Saturday 2025-01-04.",
     "Window [2024-12-29, 2025-01-05), 7 days. Calls on Sat 2024-12-28 (out), Sun 2024-12-29, "
     "Wed 2025-01-01, Sat 2025-01-04 (in), Sun 2025-01-05 (out). calls = 3; 3/4 = 75% → 75.00.",
     [plan("weekly", [calls_ind("4")], ["100"], calendar={"week_start": "sunday"})],
     [r("zhao")],
     csv_facts("id,subject,type,called_at",
               "C1,zhao,call,2024-12-28",
               "C2,zhao,call,2024-12-29",
               "C3,zhao,call,2025-01-01 09:00",
               "C4,zhao,call,2025-01-04",
               "C5,zhao,call,2025-01-05"),
     "2025-W01")

case("week-monday-year-boundary",
     "week_start monday (ISO 8601): 2026-W01 runs Monday 2025-12-29 to Sunday 2026-01-04.",
     "Window [2025-12-29, 2026-01-05), 7 days. Calls on Sun 2025-12-28 (out), Mon 2025-12-29, "
     "Thu 2026-01-01, Sun 2026-01-04 (in), Mon 2026-01-05 (out). calls = 3; 3/4 = 75% → 75.00.",
     [plan("weekly", [calls_ind("4")], ["100"], calendar={"week_start": "monday"})],
     [r("zhao")],
     csv_facts("id,subject,type,called_at",
               "C1,zhao,call,2025-12-28",
               "C2,zhao,call,2025-12-29",
               "C3,zhao,call,2026-01-01",
               "C4,zhao,call,2026-01-04",
               "C5,zhao,call,2026-01-05"),
     "2026-W01")

case("week-53-shanghai",
     "2026 has 53 ISO weeks (it starts on a Thursday): 2026-W53 runs 2026-12-28 to 2027-01-03; "
     "timestamps in Z are converted to Shanghai first.",
     "Window [2026-12-28, 2027-01-04) Shanghai, 7 days. In: 2026-12-27T16:00:00Z (= 28 Dec "
     "00:00 local), 2027-01-03T15:59:59Z (= 3 Jan 23:59:59 local), 2027-01-01. Out: "
     "2026-12-27T15:59:59Z (27 Dec local), 2027-01-03T16:00:00Z (4 Jan local). calls = 3; "
     "3/4 = 75% → 75.00.",
     [plan("weekly", [calls_ind("4")], ["100"], calendar=SH)],
     [r("zhao")],
     csv_facts("id,subject,type,called_at",
               "C1,zhao,call,2026-12-27T15:59:59Z",
               "C2,zhao,call,2026-12-27T16:00:00Z",
               "C3,zhao,call,2027-01-01",
               "C4,zhao,call,2027-01-03T15:59:59Z",
               "C5,zhao,call,2027-01-03T16:00:00Z"),
     "2026-W53")

case("month-february",
     "A month: 2026-02 is [2026-02-01, 2026-03-01), 28 days; mean of a field.",
     "Ratings on 2026-01-31 (out), 2026-02-01 (4), 2026-02-28T23:59:59 (5), 2026-02-14 (3.5) "
     "in, 2026-03-01 (out). mean = (4+5+3.5)/3 = 12.5/3 = 4.1666… → actual 4.17; target 4.5: "
     "4.1666…/4.5 = 92.592…% → 92.59.",
     [plan("csm", [ind("satisfaction", "客户满意度", "points",
                       measure("mean", fact="survey", date="answered_at", field="rating"),
                       target("4.5"))], ["100"])],
     [r("sun")],
     csv_facts("id,subject,type,answered_at,rating",
               "S1,sun,survey,2026-01-31,1",
               "S2,sun,survey,2026-02-01,4",
               "S3,sun,survey,2026-02-28T23:59:59,5",
               "S4,sun,survey,2026-02-14,3.5",
               "S5,sun,survey,2026-03-01,1"),
     "2026-02")

case("half-year-h2",
     "A half year: 2026-H2 is [2026-07-01, 2027-01-01), 184 days.",
     "exact rational calculation by conformance/oracle_run.py, checked by hand: deals on "
     "2026-06-30 (out), 2026-07-01 (1500), 2026-12-31 (2500) in, 2027-01-01 (out): sales "
     "4000.00; 4000/5000 = 80.00.",
     [plan("half", [sales_ind("5000")], ["100"])],
     [r("he")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,he,deal,2026-06-30,100",
               "D2,he,deal,2026-07-01,1500",
               "D3,he,deal,2026-12-31,2500",
               "D4,he,deal,2027-01-01,100"),
     "2026-H2")

case("custom-range",
     "A custom range 2026-07-15..2026-08-14: both days included, 31 days; the window ends at "
     "the start of 2026-08-15.",
     "Window [2026-07-15, 2026-08-15), 31 days. Deals on 2026-07-14 (out), 2026-07-15 (200), "
     "2026-08-14 23:59 (300) in, 2026-08-15 (out). sales 500.00; 500/1000 = 50.00; period end "
     "\"2026-08-15\", days 31.",
     [plan("campaign", [sales_ind("1000")], ["100"])],
     [r("he")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,he,deal,2026-07-14,100",
               "D2,he,deal,2026-07-15,200",
               "D3,he,deal,2026-08-14 23:59,300",
               "D4,he,deal,2026-08-15,400"),
     "2026-07-15..2026-08-14")

# ---------------------------------------------------------------------------
# Measures
# ---------------------------------------------------------------------------

ALL_KINDS = plan("measures", [
    ind("sales", "销售额", "money", measure("sum", fact="deal", date="closed_at", field="amount"),
        target("1000")),
    ind("deals", "成交数", "count", measure("count", fact="deal", date="closed_at"), target("2")),
    ind("customers", "客户数", "count",
        measure("distinct", fact="deal", date="closed_at", field="customer"), target("2")),
    ind("avg_deal", "平均单额", "money",
        measure("mean", fact="deal", date="closed_at", field="amount"), target("500")),
    ind("cycle", "成交周期", "days",
        measure("duration", fact="deal", date="closed_at", **{"from": "created_at", "to": "closed_at"}),
        target("10"), {"kind": "ratio", "cap": "120"}, direction="lower_is_better"),
    ind("win_rate", "赢单率", "percent",
        measure("share", fact="deal", date="closed_at", condition=[cond("stage", "eq", "won")]),
        target("50")),
    ind("collection", "回款率", "percent",
        measure("ratio", numerator=measure("sum", fact="payment", date="at", field="amount"),
                denominator=measure("sum", fact="invoice", date="at", field="amount")),
        target("90")),
    ind("nps", "NPS", "points", measure("latest", fact="nps", date="at", field="score"),
        target("50")),
    ind("min_rating", "最低评分", "points", measure("min", fact="survey", date="at", field="score"),
        target("3"), auxiliary=True),
    ind("max_rating", "最高评分", "points", measure("max", fact="survey", date="at", field="score"),
        target("5"), auxiliary=True),
], ["20", "20", "10", "10", "10", "10", "10", "10", None, None])

case("measure-kinds-and-empty-windows",
     "Every measure kind for a subject with facts in the window (full) and one whose facts all "
     "fall outside it (empty): sum, count and distinct give 0, while mean, duration, share, "
     "ratio, latest, min and max have no data.",
     "full: deals D1 (created 07-01, closed 07-11, 600, won, C1) and D2 (07-05→07-10, 400, lost, "
     "C2): sales 1000 → 100; deals 2 → 100; customers 2 → 100; avg_deal 500 → 100; cycle "
     "(10+5)/2 = 7.5 days, lower: 10/7.5 = 133.33% → cap 120; win_rate 1/2 = 50% → 100; "
     "collection 900/1000 = 90% → 100; nps 60 → 120; min 4 (aux, 133.33), max 5 (aux, 100). "
     "total 20+20+10+10+12+10+10+12 = 104.00. empty (every fact on 2026-06-30): sales 0, "
     "deals 0, customers 0 (scores 0, weights 20/20/10 re-weighted to 40/40/20), the other "
     "indicators missing: total 0.00, flags missing. Ledger: 13 rows, 7 used, 6 outside.",
     [ALL_KINDS],
     [r("full"), r("empty")],
     csv_facts("id,subject,type,at,created_at,closed_at,amount,stage,customer,score",
               "D1,full,deal,,2026-07-01,2026-07-11,600,won,C1,",
               "D2,full,deal,,2026-07-05,2026-07-10,400,lost,C2,",
               "I1,full,invoice,2026-07-02,,,1000,,,",
               "P1,full,payment,2026-07-20,,,900,,,",
               "N1,full,nps,2026-08-01,,,,,,60",
               "S1,full,survey,2026-08-02,,,,,,4",
               "S2,full,survey,2026-08-03,,,,,,5",
               "D3,empty,deal,,2026-06-01,2026-06-30,700,won,C3,",
               "D4,empty,deal,,2026-06-10,2026-06-30,300,lost,C4,",
               "I2,empty,invoice,2026-06-30,,,1000,,,",
               "P2,empty,payment,2026-06-30,,,900,,,",
               "N2,empty,nps,2026-06-30,,,,,,70",
               "S3,empty,survey,2026-06-30,,,,,,3"),
     "2026-Q3")

case("ratio-of-totals-not-mean-of-ratios",
     "回款率 collected ÷ invoiced is a ratio of totals (Σ payments ÷ Σ invoices), never the mean "
     "of per-invoice ratios; percent unit: × 100.",
     "Invoices 1000, 100, 100; payments 100 and 100 (paying the two small invoices in full). "
     "Ratio of totals 200/1200 = 16.666…% → actual 16.67 (the mean of ratios would be "
     "(0+100+100)/3 = 66.67). Target 90: 16.666…/90 = 18.518…% → score 18.52 = total.",
     [plan("collection", [
         ind("collection", "回款率", "percent",
             measure("ratio", numerator=measure("sum", fact="payment", date="paid_at", field="amount"),
                     denominator=measure("sum", fact="invoice", date="issued_at", field="amount")),
             target("90"), {"kind": "ratio", "cap": "120"})], ["100"], calendar=SH)],
     [r("qian")],
     csv_facts("id,subject,type,issued_at,paid_at,amount",
               "I1,qian,invoice,2026-07-01,,1000",
               "I2,qian,invoice,2026-07-02,,100",
               "I3,qian,invoice,2026-07-03,,100",
               "P1,qian,payment,,2026-07-10,100",
               "P2,qian,payment,,2026-07-11,100"),
     "2026-Q3")

case("distinct-customers",
     "新客户开发数: distinct customer ids among won deals; texts are compared exactly (C1 and c1 "
     "differ), a repeated customer counts once.",
     "Won deals in Q3: C1, C2, C1 again, c1 → distinct {C1, C2, c1} = 3; D5 (C3, lost) is "
     "excluded by where, D6 (C4) closes in October. 3/3 = 100% → 100.00. Ledger: 6 rows, 4 used, "
     "2 outside.",
     [plan("kam", [ind("new_customers", "新客户开发数", "count",
                       measure("distinct", fact="deal", date="closed_at", field="customer",
                               where=[cond("stage", "eq", "won")]),
                       target("3"))], ["100"], calendar=SH)],
     [r("zhou")],
     csv_facts("id,subject,type,closed_at,stage,customer",
               "D1,zhou,deal,2026-07-02,won,C1",
               "D2,zhou,deal,2026-07-15,won,C2",
               "D3,zhou,deal,2026-08-01,won,C1",
               "D4,zhou,deal,2026-08-20,won,c1",
               "D5,zhou,deal,2026-09-01,lost,C3",
               "D6,zhou,deal,2026-10-08,won,C4"),
     "2026-Q3")

case("duration-days-fractional",
     "成交周期: mean days from created to closed, exact: Σ milliseconds ÷ (count × 86 400 000); "
     "dates are local midnight, offsets convert, the result is fractional.",
     "D1 dates 07-01 → 07-11: 10 days. D2 08:00+08:00 07-01 → 20:00+08:00 07-03: 2.5 days. "
     "D3 naive 09:00 → 17:00 on 07-10: 1/3 day. D5 2026-07-20T00:00:00Z (= 08:00 local) → date "
     "07-21 (= 00:00 local = 07-20T16:00Z): 2/3 day. D4 closes in June (out). Σ = 13.5 days, "
     "mean 13.5/4 = 3.375 → actual 3.38 (half away from zero). Lower is better, target 4: "
     "4/3.375 = 118.518…% → 118.52 = total.",
     [plan("kam", [ind("cycle", "成交周期", "days",
                       measure("duration", fact="deal", date="closed_at",
                               **{"from": "created_at", "to": "closed_at"}),
                       target("4"), {"kind": "ratio", "cap": "120"}, direction="lower_is_better")],
           ["100"], calendar=SH)],
     [r("zhou")],
     csv_facts("id,subject,type,created_at,closed_at",
               "D1,zhou,deal,2026-07-01,2026-07-11",
               "D2,zhou,deal,2026-07-01T08:00:00+08:00,2026-07-03T20:00:00+08:00",
               "D3,zhou,deal,2026-07-10 09:00,2026-07-10 17:00",
               "D4,zhou,deal,2026-06-01,2026-06-30",
               "D5,zhou,deal,2026-07-20T00:00:00Z,2026-07-21"),
     "2026-Q3")

case("share-within-24-hours",
     "数据更新及时性: share of updates made within 24 h of the record's creation (condition "
     "`within`, both timestamps present and 0 ≤ to − from ≤ 24 h), percent unit.",
     "U1 exactly 24 h → holds; U2 24 h + 1 s → no; U3 09:00+08:00 → 12:00Z = 11 h → holds; U4 "
     "updated_at empty → no (the condition does not hold, the row is still counted); U5 updated "
     "before created (−1 h) → no; U6 created 2026-06-30 → outside Q3. share 2/5 = 40% → actual "
     "40.00; target 90: 44.444…% → 44.44.",
     [plan("crm", [ind("timely", "数据更新及时性", "percent",
                       measure("share", fact="update", date="created_at",
                               condition=[within("created_at", "updated_at", "24")]),
                       target("90"), {"kind": "ratio", "cap": "120"})], ["100"], calendar=SH)],
     [r("wu")],
     csv_facts("id,subject,type,created_at,updated_at",
               "U1,wu,update,2026-07-01 09:00,2026-07-02 09:00",
               "U2,wu,update,2026-07-01 09:00,2026-07-02 09:00:01",
               "U3,wu,update,2026-07-01T09:00:00+08:00,2026-07-01T12:00:00Z",
               "U4,wu,update,2026-07-03 10:00,",
               "U5,wu,update,2026-07-05 10:00,2026-07-05 09:00",
               "U6,wu,update,2026-06-30 23:00,2026-07-01 01:00"),
     "2026-Q3")

case("latest-with-tie",
     "latest NPS snapshot: the field of the fact with the latest date instant in the window; two "
     "facts at the same instant (written in +08:00 and in Z) tie and the greatest fact id in byte "
     "order wins (\"N-2\" > \"N-10\").",
     "In Q3 (Shanghai): N-1 09-01 (30), N-4 date 09-30 = 00:00 local (60), N-10 "
     "09-30T10:00+08:00 (50) and N-2 09-30T02:00Z (45) at the same instant; N-3 "
     "10-01T00:30+08:00 is outside. Latest instant: N-10/N-2 tie → N-2 wins → 45. Target 50: 90% "
     "→ 90.00.",
     [plan("csm", [ind("nps", "NPS", "points",
                       measure("latest", fact="nps", date="taken_at", field="score"),
                       target("50"))], ["100"], calendar=SH)],
     [r("sun")],
     csv_facts("id,subject,type,taken_at,score",
               "N-1,sun,nps,2026-09-01,30",
               "N-10,sun,nps,2026-09-30T10:00:00+08:00,50",
               "N-2,sun,nps,2026-09-30T02:00:00Z,45",
               "N-3,sun,nps,2026-10-01T00:30:00+08:00,99",
               "N-4,sun,nps,2026-09-30,60"),
     "2026-Q3")

case("min-and-max",
     "min and max of a field over the window.",
     "Ratings in Q3: 4, 2.5, 5, 3 (1 on 06-30 and 5.5 on 10-01 are outside). min 2.5 / target "
     "3 = 83.333…% → 83.33; max 5 / 5 = 100. total (83.333…+100)/2 = 91.666… → 91.67.",
     [plan("csm", [
         ind("worst", "最低评分", "points", measure("min", fact="survey", date="at", field="rating"),
             target("3")),
         ind("best", "最高评分", "points", measure("max", fact="survey", date="at", field="rating"),
             target("5"))], ["50", "50"])],
     [r("sun")],
     csv_facts("id,subject,type,at,rating",
               "S1,sun,survey,2026-06-30,1",
               "S2,sun,survey,2026-07-10,4",
               "S3,sun,survey,2026-08-10,2.5",
               "S4,sun,survey,2026-09-10,5",
               "S5,sun,survey,2026-09-30,3",
               "S6,sun,survey,2026-10-01,5.5"),
     "2026-Q3")

case("key-account-contracts-gte-500000",
     "大客户经理: each quarter, 2 new signed customers with contracts ≥ 500,000 — distinct "
     "customers of won deals with `contract gte 500000` (decimals: 5e5 and 500000 qualify, "
     "499999.99 does not), next to the total contract amount of won deals.",
     "new_customers: K1 C-A 500000 ✓, K2 C-B 499999.99 ✗, K3 C-C 5e5 ✓, K4 C-A 800000 ✓ (same "
     "customer), K5 lost ✗, K6 closes 10-01 ✗ → {C-A, C-C} = 2 → step tiers 1/2/3 → 目标, 100. "
     "contract_amount (won): 500000+499999.99+500000+800000 = 2299999.99; /2000000 = "
     "114.9999995% → shown 115.00, score 114.9999995. total 0.6×100 + 0.4×114.9999995 = "
     "105.9999998 → 106.00. Ledger: 6 rows, 4 used, 2 outside (K5, K6).",
     [plan("kam", [
         ind("new_customers", "新签客户", "count",
             measure("distinct", fact="deal", date="signed_at", field="customer",
                     where=[cond("stage", "eq", "won"), cond("contract", "gte", "500000")]),
             target("2", tiers=[("门槛", "1", "60"), ("目标", "2", "100"), ("挑战", "3", "120")]),
             {"kind": "step"}),
         ind("contract_amount", "合同金额", "money",
             measure("sum", fact="deal", date="signed_at", field="contract",
                     where=[cond("stage", "eq", "won")]),
             target("2000000"))], ["60", "40"], role="kam", calendar=SH)],
     [r("ma", role="kam")],
     csv_facts("id,subject,type,signed_at,stage,customer,contract",
               "K1,ma,deal,2026-07-10,won,C-A,500000",
               "K2,ma,deal,2026-08-01,won,C-B,499999.99",
               "K3,ma,deal,2026-08-15,won,C-C,5e5",
               "K4,ma,deal,2026-09-01,won,C-A,800000",
               "K5,ma,deal,2026-09-10,lost,C-D,900000",
               "K6,ma,deal,2026-10-01T09:00:00+08:00,won,C-E,1200000.00"),
     "2026-Q3")

case("booleans",
     "续约率: share of renewals due with `renewed` true, excluding test accounts (`where test eq "
     "false`); booleans read true/false/1/0/yes/no in any case; a boolean condition needs its "
     "field: empty is missing_value, unreadable is bad_boolean (the row is rejected).",
     "R1 true, R2 TRUE, R3 Yes, R4 1 → renewed; R5 0, R6 no, R7 False → not; R8 empty → "
     "rejected missing_value (renewed); R9 \"maybe\" → rejected bad_boolean (renewed); R10 test "
     "true and R11 test yes are excluded by where (outside). share 4/7 = 57.142…% → actual "
     "57.14; target 85: 67.226…% → 67.23. Ledger: 11 rows, 7 used, 2 outside, 2 rejected.",
     [plan("csm", [ind("renewal", "续约率", "percent",
                       measure("share", fact="renewal", date="due_on",
                               condition=[cond("renewed", "eq", True)],
                               where=[cond("test", "eq", False)]),
                       target("85"), {"kind": "ratio", "cap": "120"})], ["100"])],
     [r("sun")],
     csv_facts("id,subject,type,due_on,renewed,test",
               "R1,sun,renewal,2026-07-01,true,false",
               "R2,sun,renewal,2026-07-02,TRUE,no",
               "R3,sun,renewal,2026-07-03,Yes,0",
               "R4,sun,renewal,2026-07-04,1,FALSE",
               "R5,sun,renewal,2026-07-05,0,false",
               "R6,sun,renewal,2026-07-06,no,false",
               "R7,sun,renewal,2026-07-07,False,false",
               "R8,sun,renewal,2026-07-08,,false",
               "R9,sun,renewal,2026-07-09,maybe,false",
               "R10,sun,renewal,2026-07-10,true,true",
               "R11,sun,renewal,2026-07-11,true,yes"),
     "2026-Q3")

WHERE_OPS = [
    ("big", "gt 10000", [cond("amount", "gt", "10000")]),
    ("not_small", "gte 10000", [cond("amount", "gte", "10000")]),
    ("small", "lt 10000", [cond("amount", "lt", "10000")]),
    ("upto", "lte 10000", [cond("amount", "lte", "10000")]),
    ("nonzero", "ne 0 (number)", [cond("amount", "ne", 0)]),
    ("numeq", "eq 10000 (number)", [cond("amount", "eq", 10000)]),
    ("texteq", "eq \"10000\" (text)", [cond("amount", "eq", "10000")]),
    ("not_lost", "stage ne lost", [cond("stage", "ne", "lost")]),
    ("regional", "region in east, north", [cond("region", "in", values=["east", "north"])]),
    ("elsewhere", "region not_in east, north", [cond("region", "not_in", values=["east", "north"])]),
    ("referred", "referral present", [cond("referral", "present")]),
    ("direct", "referral absent", [cond("referral", "absent")]),
]

case("where-operators",
     "Every `where` operator on one set of deals (auxiliary indicators count the deals each "
     "condition keeps): gt/gte/lt/lte and eq/ne with a number compare decimals (10000, 10000.00 "
     "and 1e4 are equal); eq/ne with a text compare texts; in/not_in; present/absent.",
     "Deals E1 10000 won east R1; E2 10000.00 lost north; E3 1e4 won west; E4 0 open south R2; "
     "E5 25000 won east; E6 9999.99 lost (no region); E7 0.00 won North; E8 50000 won north R3. "
     "big 2 (E5,E8); not_small 5 (E1,E2,E3,E5,E8); small 3 (E4,E6,E7); upto 6; nonzero 6 (not "
     "E4,E7); numeq 3 (E1,E2,E3); texteq 1 (E1); not_lost 6; regional 4 (E1,E2,E5,E8; \"North\" "
     "differs); elsewhere 4 (E3,E4,E6 empty,E7); referred 3; direct 5. all 8/8 → 100.00.",
     [plan("ops", [ind("all", "全部", "count", measure("count", fact="deal", date="closed_at"),
                       target("8"))]
           + [ind(iid, label, "count",
                  measure("count", fact="deal", date="closed_at", where=w),
                  target("1"), {"kind": "pass_fail"}, auxiliary=True)
              for iid, label, w in WHERE_OPS],
           ["100"] + [None] * len(WHERE_OPS))],
     [r("he")],
     csv_facts("id,subject,type,closed_at,amount,stage,region,referral",
               "E1,he,deal,2026-07-01,10000,won,east,R1",
               "E2,he,deal,2026-07-02,10000.00,lost,north,",
               "E3,he,deal,2026-07-03,1e4,won,west,",
               "E4,he,deal,2026-07-04,0,open,south,R2",
               "E5,he,deal,2026-07-05,25000,won,east,",
               "E6,he,deal,2026-07-06,9999.99,lost,,",
               "E7,he,deal,2026-07-07,0.00,won,North,",
               "E8,he,deal,2026-07-08,50000,won,north,R3"),
     "2026-Q3")

# ---------------------------------------------------------------------------
# The ledger
# ---------------------------------------------------------------------------

SUM_PLAN = plan("sales", [sales_ind("1000")], ["100"])

case("duplicates-same-content",
     "A row repeated with the same id and the same content is a duplicate: counted once.",
     "D1 twice and D2 three times, identical; D3 once; D4 twice identical but closed in June. "
     "sales = D1 100 + D2 200 + D3 300 = 600.00 → 60.00. Ledger: 8 rows = 3 used + 1 outside "
     "(D4) + 4 duplicate.",
     [SUM_PLAN], [r("li")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,li,deal,2026-07-01,100",
               "D2,li,deal,2026-07-02,200",
               "D1,li,deal,2026-07-01,100",
               "D3,li,deal,2026-07-03,300",
               "D2,li,deal,2026-07-02,200",
               "D2,li,deal,2026-07-02,200",
               "D4,li,deal,2026-06-30,400",
               "D4,li,deal,2026-06-30,400"),
     "2026-Q3")

case("conflicts-same-id-different-content",
     "An id seen with different contents is conflicting: every row of it is listed (lines) and "
     "none is used — also when two of three rows agree, and when the texts differ only by a "
     "space. conflicts are sorted by id.",
     "D1 (lines 2, 3: 100 vs 150), D2 (lines 4, 5, 6: 200, 200, 250), D3 (lines 7, 8: \"100\" vs "
     "\" 100\") are conflicting: 7 rows. D4 50 is used. sales 50.00 → 5.00. Ledger: 8 rows = 1 "
     "used + 7 conflicting; conflicts D1 [2,3], D2 [4,5,6], D3 [7,8].",
     [SUM_PLAN], [r("li")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,li,deal,2026-07-01,100",
               "D1,li,deal,2026-07-01,150",
               "D2,li,deal,2026-07-02,200",
               "D2,li,deal,2026-07-02,200",
               "D2,li,deal,2026-07-02,250",
               "D3,li,deal,2026-07-03,100",
               "D3,li,deal,2026-07-03, 100",
               "D4,li,deal,2026-07-04,50"),
     "2026-Q3")

case("jsonl-duplicates-and-conflicts",
     "JSON Lines: the same id with the same object (key order does not matter) is a duplicate; "
     "numbers are compared by their exact text (100 vs 100.0 conflict) and a number differs "
     "from a string (100 vs \"100\"); numbers are read exactly (2.50, 1e2); a numeric id is "
     "the id's text.",
     "J1 (lines 1, 2, keys reordered) → 1 used + 1 duplicate; J2 100 vs 100.0 and J3 100 vs "
     "\"100\" → 4 conflicting; J4 twice identical → 1 used + 1 duplicate; id 5 (amount 1e2) "
     "used. sales = 100 + 2.50 + 100 = 202.50 → 20.25. Ledger: 9 rows = 3 used + 2 duplicate + "
     "4 conflicting.",
     [SUM_PLAN], [r("li")],
     jsonl_facts(
         '{"id": "J1", "subject": "li", "type": "deal", "closed_at": "2026-07-02", "amount": 100}',
         '{"amount": 100, "type": "deal", "closed_at": "2026-07-02", "subject": "li", "id": "J1"}',
         '{"id": "J2", "subject": "li", "type": "deal", "closed_at": "2026-07-03", "amount": 100}',
         '{"id": "J2", "subject": "li", "type": "deal", "closed_at": "2026-07-03", "amount": 100.0}',
         '{"id": "J3", "subject": "li", "type": "deal", "closed_at": "2026-07-04", "amount": 100}',
         '{"id": "J3", "subject": "li", "type": "deal", "closed_at": "2026-07-04", "amount": "100"}',
         '{"id": "J4", "subject": "li", "type": "deal", "closed_at": "2026-07-05", "amount": 2.50}',
         '{"id": "J4", "subject": "li", "type": "deal", "closed_at": "2026-07-05", "amount": 2.50}',
         '{"id": 5, "subject": "li", "type": "deal", "closed_at": "2026-07-06", "amount": 1e2}'),
     "2026-Q3")

REJECT_PLAN = plan("sales", [
    ind("revenue", "销售额", "money",
        measure("sum", fact="deal", date="closed_at", field="amount",
                where=[cond("won", "eq", True)]), target("1000")),
    ind("cycle", "成交周期", "days",
        measure("duration", fact="deal", date="closed_at",
                where=[cond("won", "eq", True)], **{"from": "created_at", "to": "closed_at"}),
        target("10"), {"kind": "ratio", "cap": "120"}, direction="lower_is_better"),
    calls_ind("2")], ["40", "30", "30"], role="sales")

case("rejections-csv",
     "Every rejection code of a CSV file, each on its own row: missing_id, unknown_subject (not "
     "in the roster; in the roster without a plan), unknown_type, bad_number, bad_date, "
     "bad_boolean, missing_value, negative_duration, bad_row (wrong number of fields). A field "
     "read by two measures gives one rejection. The ledger adds up.",
     "Line 2 missing_id; 3 unknown_subject (nobody); 4 unknown_subject (zhao: role intern, no "
     "plan, also unscored no_plan); 5 unknown_type (email: every measure names its types); 6 "
     "bad_number (amount \"12,5\"); 7 bad_date (closed_at 2026-07-32, read by both deal "
     "measures: one entry); 8 bad_boolean (won maybe); 9 missing_value (amount); 10 "
     "negative_duration (closed 07-05 before created 07-09; field closed_at, the `to`); 11 "
     "bad_row (4 fields, not 8); 16 bad_date (called_at 25:00). Used: X10 (300, 5 days), X11 "
     "call. Outside: X12 (won false), X13 (closed 10-02). revenue 300/1000 = 30; cycle 10/5 = "
     "200% → cap 120; calls 1/2 = 50. total 0.4×30 + 0.3×120 + 0.3×50 = 12+36+15 = 63.00. "
     "Ledger 15 rows = 2 used + 2 outside + 11 rejected.",
     [REJECT_PLAN], [r("li", role="sales"), r("zhao", role="intern")],
     csv_facts("id,subject,type,created_at,closed_at,called_at,won,amount",
               ",li,deal,2026-07-01,2026-07-05,,true,100",
               "X1,nobody,deal,2026-07-01,2026-07-05,,true,100",
               "X2,zhao,deal,2026-07-01,2026-07-05,,true,100",
               "X3,li,email,,,2026-07-02,,",
               'X4,li,deal,2026-07-01,2026-07-05,,true,"12,5"',
               "X5,li,deal,2026-07-01,2026-07-32,,true,100",
               "X6,li,deal,2026-07-01,2026-07-05,,maybe,100",
               "X7,li,deal,2026-07-01,2026-07-05,,true,",
               "X8,li,deal,2026-07-09,2026-07-05,,true,100",
               "X9,li,deal,2026-07-01",
               "X10,li,deal,2026-07-01,2026-07-06,,true,300",
               "X11,li,call,,,2026-07-03,,",
               "X12,li,deal,2026-07-01,2026-07-04,,false,500",
               "X13,li,deal,2026-09-20,2026-10-02,,true,700",
               "X14,li,call,,,2026-07-03 25:00,,"),
     "2026-Q3")

case("rejections-jsonl",
     "Rejections in JSON Lines: a line that is not JSON (or is NaN), a JSON value that is not "
     "an object (bad_row), a null id (missing_id), a null needed field (missing_value), an "
     "unreadable number in a `where` field, a number out of range; a row with two bad fields "
     "gets two rejections, sorted by field; a blank line is not a row.",
     "Rows (line: outcome): 1 J1 used (500); 2 J2 used (\"1500.50\", 10:00+08:00 on 07-03 is "
     "07-03 UTC); 3 blank, not a row; 4 J3 amount \"abc\" → bad_number (read by sales and by "
     "big's where: one entry); 5 J4 closed_at null → missing_value; 6 J5 → bad_number (amount "
     "1e999 ≥ 10^15) and bad_date (closed_at \"yesterday\"); 7 truncated JSON → bad_row; 8 a "
     "JSON array → bad_row; 9 id null → missing_id; 10 J8 call used; 11 NaN → bad_row; 12 J10 "
     "called_at 25:00 → bad_date. sales 2000.50/2000 = 100.025% → 100.025 (shown 100.03); big "
     "(amount ≥ 1000) 1/1 = 100; calls 1/2 = 50. total 0.5×100.025 + 0.25×100 + 0.25×50 = "
     "87.5125 → 87.51. Ledger 11 rows = 3 used + 8 rejected, 9 rejection entries.",
     [plan("sales", [
         sales_ind("2000"),
         ind("big", "大单数", "count",
             measure("count", fact="deal", date="closed_at", where=[cond("amount", "gte", "1000")]),
             target("1")),
         calls_ind("2")], ["50", "25", "25"])],
     [r("li")],
     jsonl_facts(
         '{"id": "J1", "subject": "li", "type": "deal", "closed_at": "2026-07-02", "amount": 500}',
         '{"id": "J2", "subject": "li", "type": "deal", "closed_at": "2026-07-03T10:00:00+08:00", "amount": "1500.50"}',
         '',
         '{"id": "J3", "subject": "li", "type": "deal", "closed_at": "2026-07-04", "amount": "abc"}',
         '{"id": "J4", "subject": "li", "type": "deal", "closed_at": null, "amount": 100}',
         '{"id": "J5", "subject": "li", "type": "deal", "closed_at": "yesterday", "amount": "1e999"}',
         '{"id": "J6", "subject": "li"',
         '["J7", "li", "deal"]',
         '{"id": null, "subject": "li", "type": "call", "called_at": "2026-07-05"}',
         '{"id": "J8", "subject": "li", "type": "call", "called_at": "2026-07-05", "extra": true}',
         '{"id": "J9", "subject": "li", "type": "deal", "closed_at": "2026-07-06", "amount": NaN}',
         '{"id": "J10", "subject": "li", "type": "call", "called_at": "2026-07-05T25:00"}'),
     "2026-Q3")

case("ledger-adds-up",
     "Two plans and every bucket: used, outside (out of the window; a type only the other plan "
     "reads; excluded by where), duplicate, conflicting, rejected. A field no selecting measure "
     "needs is not read (t1's deal with amount \"abc\" is used by a count).",
     "Line 2 F1 used, 3 F1 duplicate, 4 F2 visit used, 5 F3 call of a kam (kam reads no calls) "
     "outside, 6 F4 lost (where) outside, 7 F5 06-30 outside, 8–9 F6 conflicting, 10 F7 used, "
     "11 F8 used, 12 F9 visit of a tele (tele reads no visits) outside, 13 F10 bad_date, 14 F11 "
     "bad_number, 15 F12 used (tele counts won deals, amount not read), 16 F13 unknown_type, "
     "17 F7 duplicate. 16 rows = 5 used + 4 outside + 2 duplicate + 2 conflicting + 3 "
     "rejected. k1: sales 1000/1000 → 100, visits 1/2 → 50 → 75.00; k2: 0 and 0 → 0.00; t1: "
     "calls 1/2 → 50, deals 2/2 → 100 → 75.00.",
     [plan("kam", [
         sales_ind("1000", where=[cond("stage", "eq", "won")]),
         ind("visits", "拜访量", "count", measure("count", fact="visit", date="day"), target("2"))],
         ["50", "50"], role="kam"),
      plan("tele", [
          ind("calls", "外呼量", "count", measure("count", fact="call", date="day"), target("2")),
          ind("deals", "成交数", "count",
              measure("count", fact="deal", date="closed_at", where=[cond("stage", "eq", "won")]),
              target("2"))], ["50", "50"], role="tele")],
     [r("k1", role="kam"), r("k2", role="kam"), r("t1", role="tele")],
     csv_facts("id,subject,type,day,closed_at,stage,amount",
               "F1,k1,deal,,2026-07-03,won,1000",
               "F1,k1,deal,,2026-07-03,won,1000",
               "F2,k1,visit,2026-07-04,,,",
               "F3,k1,call,2026-07-05,,,",
               "F4,k1,deal,,2026-07-06,lost,800",
               "F5,k2,deal,,2026-06-30,won,500",
               "F6,k2,deal,,2026-07-07,won,600",
               "F6,k2,deal,,2026-07-07,won,650",
               "F7,t1,call,2026-07-08,,,",
               "F8,t1,deal,,2026-07-09,won,300",
               "F9,t1,visit,2026-07-10,,,",
               "F10,t1,call,2026-13-01,,,",
               "F11,k2,deal,,2026-07-11,won,x",
               "F12,t1,deal,,2026-07-12,won,abc",
               "F13,k1,lunch,2026-07-01,,,",
               "F7,t1,call,2026-07-08,,,"),
     "2026-Q3")

# ---------------------------------------------------------------------------
# Roster: proration, leavers, roles
# ---------------------------------------------------------------------------

PRORATE_PLAN = plan("sales", [sales_ind("92000", prorate=True), calls_ind("10", prorate=False)],
                    ["50", "50"], calendar=SH)

case("proration-mid-quarter-hire",
     "A hire on 2026-08-15 is active 47 of the 92 days of Q3: the target of the indicator with "
     "prorate true is multiplied by 47/92 (flag prorated), the one with prorate false is not.",
     "chen (full quarter): sales 50000+42000 = 92000/92000 → 100; calls 8/10 → 80; total 90.00. "
     "liu (start 08-15: 17 days of August + 30 of September = 47): sales target 92000×47/92 = "
     "47000, actual 47000 → 100, flag prorated; calls 5/10 (not prorated) → 50; total 75.00, "
     "subject flag prorated. Ranks chen 1, liu 2.",
     [PRORATE_PLAN],
     [r("chen"), r("liu", start="2026-08-15")],
     csv_facts("id,subject,type,closed_at,called_at,amount",
               "D1,chen,deal,2026-07-10,,50000",
               "D2,chen,deal,2026-09-01,,42000",
               "D3,liu,deal,2026-08-20,,47000",
               "C1,chen,call,,2026-07-01,",
               "C2,chen,call,,2026-07-02,",
               "C3,chen,call,,2026-07-03,",
               "C4,chen,call,,2026-07-04,",
               "C5,chen,call,,2026-08-01,",
               "C6,chen,call,,2026-08-02,",
               "C7,chen,call,,2026-09-01,",
               "C8,chen,call,,2026-09-02,",
               "C9,liu,call,,2026-08-15,",
               "C10,liu,call,,2026-08-16,",
               "C11,liu,call,,2026-08-17,",
               "C12,liu,call,,2026-09-01,",
               "C13,liu,call,,2026-09-30,"),
     "2026-Q3")

case("leaver-and-inactive",
     "A leaver (end 2026-08-15, 46 of 92 days active) gets a prorated target; a subject who "
     "left before the quarter and one who starts after it have no active day: unscored "
     "`inactive`, and their facts are outside.",
     "zhou (end 08-15: 31 days of July + 15 of August = 46, active 0.5): sales target 46000, "
     "actual 23000 → 50; calls 4/10 → 40; total 45.00, prorated. qian: sales 46000/92000 → 50; "
     "calls 10/10 → 100; total 75.00. wu (end 06-30) and zheng (start 10-01): unscored "
     "inactive, sorted by id; their two facts are outside. Ledger 19 rows = 17 used + 2 "
     "outside.",
     [PRORATE_PLAN],
     [r("zhou", end="2026-08-15"), r("qian"), r("wu", end="2026-06-30"),
      r("zheng", start="2026-10-01")],
     csv_facts("id,subject,type,closed_at,called_at,amount",
               "D1,zhou,deal,2026-07-20,,23000",
               "D2,qian,deal,2026-07-21,,20000",
               "D3,qian,deal,2026-09-21,,26000",
               "D4,wu,deal,2026-07-02,,99000",
               "C1,zhou,call,,2026-07-01,",
               "C2,zhou,call,,2026-07-02,",
               "C3,zhou,call,,2026-07-03,",
               "C4,zhou,call,,2026-08-15,",
               "C5,qian,call,,2026-07-01,",
               "C6,qian,call,,2026-07-02,",
               "C7,qian,call,,2026-07-03,",
               "C8,qian,call,,2026-07-04,",
               "C9,qian,call,,2026-07-05,",
               "C10,qian,call,,2026-08-01,",
               "C11,qian,call,,2026-08-02,",
               "C12,qian,call,,2026-08-03,",
               "C13,qian,call,,2026-09-01,",
               "C14,qian,call,,2026-09-02,",
               "C15,zheng,call,,2026-07-02,"),
     "2026-Q3")

case("two-plans-by-role-and-no-plan",
     "Two plans chosen by role; results sorted by plan id (kam before tele although tele is "
     "listed first); a subject whose role no plan has, and one without a role, are unscored "
     "`no_plan` and their facts are rejected `unknown_subject`; a call of a KAM is outside "
     "(only the telesales plan reads calls).",
     "k1 (kam): sales 120000/100000 = 120% → 120.00. t1 (telesales): calls 4/5 = 80% → 80.00. "
     "x1 (intern) and x2 (no role): no_plan. Facts: k1 deal used, k1 call outside, t1 4 calls "
     "used, t1 deal outside (tele reads no deals), x1 call and x2 deal rejected unknown_subject. "
     "Ledger 9 rows = 5 used + 2 outside + 2 rejected.",
     [plan("tele", [calls_ind("5")], ["100"], role="telesales"),
      plan("kam", [sales_ind("100000")], ["100"], role="kam")],
     [r("t1", role="telesales"), r("k1", role="kam"), r("x1", role="intern"), r("x2")],
     csv_facts("id,subject,type,closed_at,called_at,amount",
               "D1,k1,deal,2026-08-01,,120000",
               "C1,k1,call,,2026-08-02,",
               "C2,t1,call,,2026-07-01,",
               "C3,t1,call,,2026-07-02,",
               "C4,t1,call,,2026-07-03,",
               "C5,t1,call,,2026-07-04,",
               "D2,t1,deal,2026-08-03,,5000",
               "C6,x1,call,,2026-07-05,",
               "D3,x2,deal,2026-08-04,,7000"),
     "2026-Q3")

case("single-plan-without-role",
     "A run with exactly one plan that has no role scores every subject with it, whatever the "
     "subject's role (or none); groups show the role and team given.",
     "a (role kam, team north): 2 calls/4 → 50.00; b (role telesales): 4/4 → 100.00; c (no "
     "role): 1/4 → 25.00. Ranks b 1, a 2, c 3; team_rank: a 1 (only member of north), b and c "
     "have no team → null. Team north: 2 calls, target 4 (sum of members' targets) → 50.00.",
     [plan("all", [calls_ind("4")], ["100"])],
     [r("a", role="kam", team="north"), r("b", role="telesales"), r("c")],
     csv_facts("id,subject,type,called_at",
               "C1,a,call,2026-07-01",
               "C2,a,call,2026-07-02",
               "C3,b,call,2026-07-01",
               "C4,b,call,2026-07-02",
               "C5,b,call,2026-07-03",
               "C6,b,call,2026-07-04",
               "C7,c,call,2026-07-05"),
     "2026-Q3")

# ---------------------------------------------------------------------------
# Targets: per subject, team targets (目标分解)
# ---------------------------------------------------------------------------

case("per-subject-targets",
     "Per-subject targets from `targets` replace the plan's value; a per_subject indicator "
     "with neither a row nor a plan value is missing (re-weighted).",
     "a: sales 100000 / own 80000 = 125; customers 2 / own 2 = 100; total 112.50. b: sales "
     "50000 / plan 100000 = 50; customers 2 / own 4 = 50; total 50.00. c: sales 100000/100000 = "
     "100; customers 1 with no target → missing, sales re-weighted to 100%: total 100.00, flag "
     "missing.",
     [plan("kam", [
         sales_ind("100000", per_subject=True),
         ind("customers", "新客户", "count",
             measure("distinct", fact="deal", date="closed_at", field="customer"),
             target(per_subject=True))], ["50", "50"])],
     [r("a"), r("b"), r("c")],
     csv_facts("id,subject,type,closed_at,amount,customer",
               "D1,a,deal,2026-07-01,60000,C1",
               "D2,a,deal,2026-07-02,40000,C2",
               "D3,b,deal,2026-07-03,30000,C3",
               "D4,b,deal,2026-07-04,20000,C4",
               "D5,c,deal,2026-07-05,100000,C5"),
     "2026-Q3",
     targets=[{"subject": "a", "indicator": "sales", "target": "80000"},
              {"subject": "a", "indicator": "customers", "target": "2"},
              {"subject": "b", "indicator": "customers", "target": "4"}])

VISITS_PLAN = plan("visits", [
    ind("visits", "拜访量", "count", measure("sum", fact="visit_log", date="day", field="visits"),
        target(per_subject=True))], ["100"])

case("team-targets-even-split-remainder",
     "Team targets split evenly in units of the step (1): 100 in 3 → 33 each, the one step left "
     "goes to the largest remainder, ties by subject id → 34/33/33; 10 in 4 → 2.5 each → 2 "
     "each, two steps left → 3/3/2/2. Teams are scored against their team target and ranked.",
     "west (wa, wb, wc), T 100: wa 34, wb 33, wc 33. Actuals wa 34 → 100; wb 30 → 90.909… → "
     "90.91; wc 40 → 121.212… → 121.21. east (ea, eb, ec, ed), T 10: ea 3, eb 3, ec 2, ed 2. "
     "ea 3 → 100; eb 0 (no facts) → 0; ec 2 → 100; ed 4 → 200% → cap 150. Ranks: ed 1, wc 2, "
     "ea/ec/wa 3, wb 6, eb 7; team_rank east: ed 1, ea 2, ec 2, eb 4; west: wc 1, wa 2, wb 3. "
     "Teams: east 9/10 → 90.00, mean_total (100+0+100+150)/4 = 87.50; west 104/100 → 104.00, "
     "mean_total (100+90.91+121.21)/3 = 104.04; team ranks west 1, east 2.",
     [VISITS_PLAN],
     [r("wa", team="west"), r("wb", team="west"), r("wc", team="west"),
      r("ea", team="east"), r("eb", team="east"), r("ec", team="east"), r("ed", team="east")],
     csv_facts("id,subject,type,day,visits",
               "V1,wa,visit_log,2026-07-01,20",
               "V2,wa,visit_log,2026-08-01,14",
               "V3,wb,visit_log,2026-07-01,30",
               "V4,wc,visit_log,2026-07-01,25",
               "V5,wc,visit_log,2026-09-01,15",
               "V6,ea,visit_log,2026-07-01,3",
               "V7,ec,visit_log,2026-07-01,2",
               "V8,ed,visit_log,2026-07-01,4"),
     "2026-Q3",
     team_targets=[{"team": "west", "indicator": "visits", "target": "100"},
                   {"team": "east", "indicator": "visits", "target": "10"}])

case("team-targets-by-shares",
     "Team targets split by roster `share` when every member has one: 10 by shares 2/3/4 → "
     "2.22/3.33/4.44 → 2/3/4, the step left goes to the largest remainder (n3) → 2/3/5. In a "
     "team where a member has no share the split is even (8 → 3/3/2) and a member's own "
     "`targets` row wins over the split part.",
     "north: n1 2, n2 3, n3 5. n1 4/2 = 200% → cap 150; n2 3/3 → 100; n3 5/5 → 100. south "
     "(s2 has no share → even): 8/3 → 2 each + 2 steps to s1, s2 (equal remainders, by id) → "
     "3/3/2; s3's own target 10 wins. s1 3/3 → 100; s2 1/3 → 33.33; s3 5/10 → 50. Teams: north "
     "12/10 → 120.00; south 9/8 (the team target) → 112.50.",
     [VISITS_PLAN],
     [r("n1", team="north", share="2"), r("n2", team="north", share="3"),
      r("n3", team="north", share="4"),
      r("s1", team="south", share="1"), r("s2", team="south"), r("s3", team="south", share="1")],
     csv_facts("id,subject,type,day,visits",
               "V1,n1,visit_log,2026-07-01,4",
               "V2,n2,visit_log,2026-07-01,3",
               "V3,n3,visit_log,2026-07-01,5",
               "V4,s1,visit_log,2026-07-01,3",
               "V5,s2,visit_log,2026-07-01,1",
               "V6,s3,visit_log,2026-07-01,5"),
     "2026-Q3",
     targets=[{"subject": "s3", "indicator": "visits", "target": "10"}],
     team_targets=[{"team": "north", "indicator": "visits", "target": "10"},
                   {"team": "south", "indicator": "visits", "target": "8"}])

case("team-targets-money-cents",
     "A money target split in cents (step 0.01): 100.00 in 3 → 33.34/33.33/33.33; 1000.005 in "
     "3 → 333.33 each, one cent to the first by id (equal remainders), and the half cent below "
     "one step also to the first member by id → 333.345/333.33/333.33. Scale 3 shows the parts "
     "exactly.",
     "a: a1 333.345, a2 333.33, a3 333.33. a1 333.345 → 100.000; a2 300/333.33 = 90.0009… → "
     "90.001; a3 400/333.33 = 120.0012… → 120.001. b: b1 33.34, b2 33.33, b3 33.33; b1 33.34 "
     "→ 100.000; b2 20/33.33 = 60.006…; b3 no payment → 0.000. Teams: a 1033.345/1000.005 = "
     "103.334…; b 53.34/100 = 53.340.",
     [plan("collect", [ind("collected", "回款额", "money",
                           measure("sum", fact="payment", date="paid_at", field="amount"),
                           target(per_subject=True))], ["100"],
           rounding={"scale": 3})],
     [r("a1", team="a"), r("a2", team="a"), r("a3", team="a"),
      r("b1", team="b"), r("b2", team="b"), r("b3", team="b")],
     csv_facts("id,subject,type,paid_at,amount",
               "P1,a1,payment,2026-07-01,333.345",
               "P2,a2,payment,2026-07-01,300",
               "P3,a3,payment,2026-07-01,150",
               "P4,a3,payment,2026-08-01,250",
               "P5,b1,payment,2026-07-01,33.34",
               "P6,b2,payment,2026-07-01,20"),
     "2026-Q3",
     team_targets=[{"team": "a", "indicator": "collected", "target": "1000.005"},
                   {"team": "b", "indicator": "collected", "target": "100.00"}])

case("team-ratio-rollup-and-ranks",
     "Team scorecards measure over all members' facts: the team conversion is Σ won ÷ Σ leads "
     "(ratio of team totals), not the mean of member ratios; team targets of an additive "
     "measure are the sum of the members' targets, of a ratio the plan's target. Teams are "
     "ranked; team_rank ranks members within their team.",
     "conversion = won deals ÷ leads × 100, target 40; calls target 4; 50/50. n1: 2/4 = 50% → "
     "125, calls 3/4 → 75, total 100.00 (A). n2: 0/1 → 0, calls 1/4 → 25, total 12.50 (C). s1 "
     "and s2: 1/2 = 50% → 125, calls 2/4 → 50, total 87.50 (B). Ranks n1 1, s1 2, s2 2, n2 4; "
     "team_rank n1 1, n2 2, s1 1, s2 1. north: conversion 2/5 = 40% (mean of ratios would be "
     "25%) → 100, calls 4/(4+4) → 50, total 75.00; mean_total (100+12.5)/2 = 56.25. south: "
     "2/4 = 50% → 125, calls 4/8 → 50, total 87.50; mean_total 87.50. Team ranks south 1, "
     "north 2.",
     [plan("tele", [
         ind("conversion", "转化率", "percent",
             measure("ratio",
                     numerator=measure("count", fact="deal", date="closed_at",
                                       where=[cond("stage", "eq", "won")]),
                     denominator=measure("count", fact="lead", date="created_at")),
             target("40")),
         calls_ind("4")], ["50", "50"], role="tele", ratings=RATINGS)],
     [r("n1", role="tele", team="north"), r("n2", role="tele", team="north"),
      r("s1", role="tele", team="south"), r("s2", role="tele", team="south")],
     csv_facts("id,subject,type,created_at,closed_at,called_at,stage",
               "L1,n1,lead,2026-07-01,,,",
               "L2,n1,lead,2026-07-02,,,",
               "L3,n1,lead,2026-07-03,,,",
               "L4,n1,lead,2026-07-04,,,",
               "W1,n1,deal,,2026-07-10,,won",
               "W2,n1,deal,,2026-07-11,,won",
               "C1,n1,call,,,2026-07-01,",
               "C2,n1,call,,,2026-07-02,",
               "C3,n1,call,,,2026-07-03,",
               "L5,n2,lead,2026-07-05,,,",
               "C4,n2,call,,,2026-07-04,",
               "L6,s1,lead,2026-07-01,,,",
               "L7,s1,lead,2026-07-02,,,",
               "W3,s1,deal,,2026-07-12,,won",
               "C5,s1,call,,,2026-07-01,",
               "C6,s1,call,,,2026-07-02,",
               "L8,s2,lead,2026-07-03,,,",
               "L9,s2,lead,2026-07-04,,,",
               "W4,s2,deal,,2026-07-13,,won",
               "W5,s2,deal,,2026-07-14,,lost",
               "C7,s2,call,,,2026-07-03,",
               "C8,s2,call,,,2026-07-04,"),
     "2026-Q3")

case("team-target-sum-of-prorated-members",
     "Without a team_targets row, a team's target of an additive measure is the sum of its "
     "members' targets after their proration; a share (not additive) keeps the plan's target.",
     "sales (won deals) target 92000 prorated; win_rate = share of deals won, target 50. n1 "
     "(full): 60000/92000 = 65.217…%, win 1/2 = 50% → 100; total 82.61. n2 (start 08-15, "
     "47/92): 47000/47000 → 100, win 1/1 = 100% → 200 → cap 150; total 125.00. s1: "
     "92000/92000 → 100, win 1/3 → 66.666…; total 83.33. north: sales 107000 / (92000+47000 = "
     "139000) = 76.978…%, win 2/3 = 66.67% → 133.33; total 105.16. south: 100 and 66.67 → "
     "83.33. Team ranks north 1, south 2.",
     [plan("kam", [
         sales_ind("92000", prorate=True, where=[cond("stage", "eq", "won")]),
         ind("win_rate", "赢单率", "percent",
             measure("share", fact="deal", date="closed_at", condition=[cond("stage", "eq", "won")]),
             target("50"))], ["50", "50"], calendar=SH)],
     [r("n1", team="north"), r("n2", team="north", start="2026-08-15"), r("s1", team="south")],
     csv_facts("id,subject,type,closed_at,stage,amount",
               "D1,n1,deal,2026-07-10,won,60000",
               "D2,n1,deal,2026-07-11,lost,10000",
               "D3,n2,deal,2026-08-20,won,47000",
               "D4,s1,deal,2026-07-12,won,92000",
               "D5,s1,deal,2026-07-13,lost,1",
               "D6,s1,deal,2026-07-14,lost,1"),
     "2026-Q3")

# ---------------------------------------------------------------------------
# Period to date, direct actuals, no data
# ---------------------------------------------------------------------------

case("period-to-date-pace-forecast-warning",
     "as_of 2026-08-15 in Q3: the window is [07-01, 08-16), elapsed 46/92 = 0.50. Additive "
     "measures get a period-to-date target: prorate true → × active days to date ÷ period "
     "days, prorate false → × elapsed; a mean keeps its target. pace = actual ÷ expected × "
     "100, forecast = actual × active days ÷ active days to date (additive) or the actual, "
     "warning when pace < warn_below 90. Facts after as_of are outside.",
     "a (full; 46 days to date): sales 40000 (the 08-16 deal is outside) vs 100000×46/92 = "
     "50000 → pace 80, warning, forecast 40000×92/46 = 80000; calls 9 vs 20×0.5 = 10 → pace 90 "
     "(not below 90: no warning), forecast 18; rating (5+4)/2 = 4.5 vs 4.5 → 100, forecast "
     "4.50. total 0.4×80 + 0.3×90 + 0.3×100 = 89.00, prorated. b (start 08-01: 61 active days, "
     "15 to date): sales 20000 vs 100000×15/92 = 16304.347… → pace 122.666… → 122.67, "
     "forecast 20000×61/15 = 81333.33; calls 4 vs 10 → 40, warning, forecast 4×61/15 = 16.27; "
     "rating 3 vs 4.5 → 66.67, warning, forecast 3.00. total 0.4×122.666… + 0.3×40 + "
     "0.3×66.666… = 49.0666… + 12 + 20 = 81.07.",
     [plan("sales", [
         sales_ind("100000", prorate=True),
         calls_ind("20"),
         ind("rating", "客户评分", "points", measure("mean", fact="survey", date="at", field="score"),
             target("4.5"), {"kind": "ratio", "cap": "120"})],
         ["40", "30", "30"], calendar=SH, pace={"warn_below": "90"})],
     [r("a"), r("b", start="2026-08-01")],
     csv_facts("id,subject,type,closed_at,called_at,at,amount,score",
               "D1,a,deal,2026-07-05,,,25000,",
               "D2,a,deal,2026-08-15T23:00:00+08:00,,,15000,",
               "D3,a,deal,2026-08-16,,,30000,",
               "C1,a,call,,2026-07-01,,,",
               "C2,a,call,,2026-07-02,,,",
               "C3,a,call,,2026-07-03,,,",
               "C4,a,call,,2026-07-04,,,",
               "C5,a,call,,2026-07-05,,,",
               "C6,a,call,,2026-08-01,,,",
               "C7,a,call,,2026-08-02,,,",
               "C8,a,call,,2026-08-03,,,",
               "C9,a,call,,2026-08-14,,,",
               "S1,a,survey,,,2026-07-20,,5",
               "S2,a,survey,,,2026-08-10,,4",
               "D4,b,deal,2026-08-03,,,20000,",
               "C10,b,call,,2026-08-01,,,",
               "C11,b,call,,2026-08-02,,,",
               "C12,b,call,,2026-08-03,,,",
               "C13,b,call,,2026-08-04,,,",
               "S3,b,survey,,,2026-08-05,,3"),
     "2026-Q3", as_of="2026-08-15")

case("direct-actuals-without-measure",
     "An indicator without a measure (a manager's rating) takes its actual from the run's "
     "`actuals`; a subject without a row has no data for it (re-weighted).",
     "satisfaction (mean of surveys, target 4.5) and manager_rating (actuals, target 90), "
     "50/50. a: (5+4)/2 = 4.5 → 100; rating 95/90 = 105.555…; total 102.78. b: 4/4.5 = "
     "88.888…; 81/90 = 90; total 89.44. c: 5/4.5 = 111.11; no rating → missing, satisfaction "
     "re-weighted to 100%: total 111.11, flag missing.",
     [plan("csm", [
         ind("satisfaction", "客户满意度", "points",
             measure("mean", fact="survey", date="at", field="score"), target("4.5")),
         ind("manager_rating", "主管评分", "points", target=target("90"))], ["50", "50"])],
     [r("a"), r("b"), r("c")],
     csv_facts("id,subject,type,at,score",
               "S1,a,survey,2026-07-01,5",
               "S2,a,survey,2026-07-02,4",
               "S3,b,survey,2026-07-03,4",
               "S4,c,survey,2026-07-04,5"),
     "2026-Q3",
     actuals=[{"subject": "a", "indicator": "manager_rating", "actual": "95"},
              {"subject": "b", "indicator": "manager_rating", "actual": "81"}])

case("subject-without-facts",
     "A subject with no fact at all: measures that are not additive have no data, so a plan "
     "made only of them leaves the subject scored with a null total, flag missing and no rank.",
     "a: satisfaction (4+5)/2 = 4.5 → 100, nps 40/50 → 80, total 90.00, rank 1. b: no fact → "
     "both indicators missing → total, rating, rank null; flag missing.",
     [plan("csm", [
         ind("satisfaction", "客户满意度", "points",
             measure("mean", fact="survey", date="at", field="score"), target("4.5")),
         ind("nps", "NPS", "points", measure("latest", fact="nps", date="at", field="score"),
             target("50"))], ["50", "50"], ratings=RATINGS)],
     [r("a"), r("b")],
     csv_facts("id,subject,type,at,score",
               "S1,a,survey,2026-07-01,4",
               "S2,a,survey,2026-07-02,5",
               "N1,a,nps,2026-07-03,40"),
     "2026-Q3")

case("ratio-no-data-when-denominator-zero",
     "A ratio has no data when its denominator has no facts or sums to 0 — never a division "
     "by zero; the sum beside it still scores.",
     "a: collection 500/1000 = 50% → 55.555…; collected 500/1000 → 50; total 52.78. b: "
     "payments 300, no invoice → collection missing, collected 30 re-weighted → total 30.00. "
     "c: invoice 0, payment 0 → denominator 0 → missing; collected 0 → total 0.00.",
     [plan("collect", [
         ind("collection", "回款率", "percent",
             measure("ratio", numerator=measure("sum", fact="payment", date="at", field="amount"),
                     denominator=measure("sum", fact="invoice", date="at", field="amount")),
             target("90")),
         ind("collected", "回款额", "money",
             measure("sum", fact="payment", date="at", field="amount"), target("1000"))],
         ["50", "50"])],
     [r("a"), r("b"), r("c")],
     csv_facts("id,subject,type,at,amount",
               "I1,a,invoice,2026-07-01,1000",
               "P1,a,payment,2026-07-10,500",
               "P2,b,payment,2026-07-10,300",
               "I2,c,invoice,2026-07-01,0",
               "P3,c,payment,2026-07-10,0"),
     "2026-Q3")

case("fact-field-names-and-rank-within-team",
     "The plan's `facts` names the id, subject and type fields (deal_no, owner, kind); ranking "
     "`within: [\"team\"]` ranks each team apart (team_rank then equals rank).",
     "north: p1 3/4 → 75, p2 4/4 → 100; south: p3 1/4 → 25, p4 3/4 → 75. rank within team: "
     "p2 1, p1 2, p4 1, p3 2; team_rank the same. Teams: north 7/8 → 87.50, south 4/8 → 50.00; "
     "team ranks north 1, south 2.",
     [plan("tele", [ind("calls", "外呼量", "count", measure("count", fact="call", date="at"),
                        target("4"))], ["100"],
           facts={"id": "deal_no", "subject": "owner", "type": "kind"},
           ranking={"method": "competition", "within": ["team"]})],
     [r("p1", team="north"), r("p2", team="north"), r("p3", team="south"), r("p4", team="south")],
     csv_facts("deal_no,owner,kind,at",
               "1,p1,call,2026-07-01",
               "2,p1,call,2026-07-02",
               "3,p1,call,2026-07-03",
               "4,p2,call,2026-07-01",
               "5,p2,call,2026-07-02",
               "6,p2,call,2026-07-03",
               "7,p2,call,2026-07-04",
               "8,p3,call,2026-07-01",
               "9,p4,call,2026-07-01",
               "10,p4,call,2026-07-02",
               "11,p4,call,2026-07-03"),
     "2026-Q3")

case("period-to-date-teams",
     "Period to date with teams (as_of 2026-08-31: 62 of 92 days, elapsed 0.67). A team "
     "without a team_targets row is measured against the sum of its members' period-to-date "
     "targets (no further factor); a team_targets row is multiplied by elapsed, like its "
     "members' parts. Facts after as_of are outside.",
     "sales: per_subject, plan value 92000, prorate. n1 (full, 62 days to date): target "
     "92000×62/92 = 62000, won 50000+12000 = 62000 → 100, pace 100, forecast 62000×92/62 = "
     "92000; win_rate 2/3 = 66.67% vs 50 → 133.33; total 116.67. n2 (start 08-15: 47 active "
     "days, 17 to date): 92000×17/92 = 17000, won 20000 → 117.647… → 117.65, forecast "
     "20000×47/17 = 55294.12; win 1/1 → 200 → cap 150; total 133.82. s1: split part of the "
     "south row 100000 (the only member) × 62/92 = 67391.30; won 60000 → 89.032… → pace 89.03, "
     "warning; forecast 89032.26; win 1/2 → 100; total 94.52. north: sales 82000 / (62000 + "
     "17000 = 79000) = 103.797… → 103.80; win 3/4 = 75% → 150; total 126.90. south: 100000 × "
     "62/92 = 67391.30 (flag prorated), 60000 → 89.03; win 100; total 94.52. The 09-05 deal of "
     "n1 is outside.",
     [plan("kam", [
         sales_ind("92000", prorate=True, per_subject=True, where=[cond("stage", "eq", "won")]),
         ind("win_rate", "赢单率", "percent",
             measure("share", fact="deal", date="closed_at", condition=[cond("stage", "eq", "won")]),
             target("50"))], ["50", "50"], calendar=SH, pace={"warn_below": "90"})],
     [r("n1", team="north"), r("n2", team="north", start="2026-08-15"), r("s1", team="south")],
     csv_facts("id,subject,type,closed_at,stage,amount",
               "D1,n1,deal,2026-07-10,won,50000",
               "D2,n1,deal,2026-08-20,won,12000",
               "D3,n1,deal,2026-08-21,lost,1",
               "D4,n1,deal,2026-09-05,won,99999",
               "D5,n2,deal,2026-08-20,won,20000",
               "D6,s1,deal,2026-08-01,won,60000",
               "D7,s1,deal,2026-08-02,lost,5000"),
     "2026-Q3", as_of="2026-08-31",
     team_targets=[{"team": "south", "indicator": "sales", "target": "100000"}])

# ---------------------------------------------------------------------------
# Invalid runs
# ---------------------------------------------------------------------------

SMALL_FACTS = csv_facts("id,subject,type,called_at", "C1,li,call,2026-07-01")
SMALL_PLAN = plan("tele", [calls_ind("4")], ["100"])

case("invalid-period-quarter-5",
     "2026-Q5 is not a period id: input error bad_period at /period.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2026-Q5", invalid=True)

case("invalid-period-week-53-of-2025",
     "2025 has 52 ISO weeks (week_start monday), so 2025-W53 is bad_period.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2025-W53", invalid=True)

case("invalid-period-month-13",
     "2026-13 is not a month: bad_period at /period.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2026-13", invalid=True)

case("invalid-period-reversed-range",
     "A custom range whose last day is before its first is bad_period.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2026-09-30..2026-07-01", invalid=True)

case("invalid-as-of-outside-period",
     "as_of must be a day inside the period: 2026-10-01 is the day after Q3, bad_period at "
     "/as_of.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2026-Q3", as_of="2026-10-01", invalid=True)

case("invalid-unknown-time-zone",
     "An IANA zone name that does not exist (Asia/Shangai) is a plan error unknown_time_zone at "
     "/plans/0/calendar/time_zone.", "",
     [plan("tele", [calls_ind("4")], ["100"], calendar={"time_zone": "Asia/Shangai"})],
     [r("li")], SMALL_FACTS, "2026-Q3", invalid=True)

case("invalid-calendar-mismatch",
     "Every plan of a run must have the same calendar: the second plan starts its fiscal year "
     "in April → calendar_mismatch at /plans/1/calendar.", "",
     [plan("tele", [calls_ind("4")], ["100"], role="tele", calendar=SH),
      plan("kam", [sales_ind("1000")], ["100"], role="kam",
           calendar={"time_zone": "Asia/Shanghai", "fiscal_year_start": 4})],
     [r("li", role="tele")], SMALL_FACTS, "2026-Q3", invalid=True)

case("invalid-roster-rows",
     "Bad roster rows, all reported: a missing subject, a duplicate subject, a bad start date, "
     "a bad end date and a negative share.", "",
     [SMALL_PLAN],
     [r("li"), {"subject": "", "team": "north"}, r("li", team="south"),
      r("wang", start="2026-02-30"), r("zhao", end="30/09/2026", share="-1")],
     SMALL_FACTS, "2026-Q3", invalid=True)

case("invalid-targets-team-targets-actuals",
     "Bad rows of targets, team_targets and actuals: unknown subject, unknown indicator, a "
     "target for an indicator that is not per_subject, a bad number, a zero target for a ratio "
     "curve, an unknown team, an actual that is not a number.", "",
     [plan("csm", [
         ind("calls", "外呼量", "count", measure("count", fact="call", date="called_at"),
             target("4", per_subject=True)),
         ind("visits", "拜访量", "count", measure("count", fact="visit", date="called_at"),
             target("4")),
         ind("manager_rating", "主管评分", "points", target=target("90"))],
         ["40", "40", "20"])],
     [r("li", team="north")], SMALL_FACTS, "2026-Q3",
     targets=[{"subject": "nobody", "indicator": "calls", "target": "5"},
              {"subject": "li", "indicator": "nps", "target": "5"},
              {"subject": "li", "indicator": "visits", "target": "5"},
              {"subject": "li", "indicator": "calls", "target": "five"},
              {"subject": "li", "indicator": "calls", "target": "0"}],
     team_targets=[{"team": "west", "indicator": "calls", "target": "10"}],
     actuals=[{"subject": "li", "indicator": "manager_rating", "actual": "NaN"}],
     invalid=True)

# A run document refuses what it does not know (FORMAT.md, "The run document"):
# the test's own keys (derivation, expected, expected_error) are taken out by
# every runner before the document is run; `description` is the document's own.

case("invalid-misspelled-top-level-keys",
     "Misspelled keys of the run document are refused, not ignored: factz (facts), asof "
     "(as_of) and team_target (team_targets) are unknown_field at /factz, /asof and "
     "/team_target, each message with a did-you-mean hint; the run does not go ahead "
     "without its facts, as-of date and team targets.", "",
     [SMALL_PLAN], [r("li", team="north")], None, "2026-Q3", invalid=True,
     extra={"factz": SMALL_FACTS, "asof": "2026-08-15",
            "team_target": [{"team": "north", "indicator": "calls", "target": "8"}]})

case("invalid-as-of-a-number",
     "as_of is a date as text (YYYY-MM-DD): the number 20260731 is wrong_type at /as_of, not a "
     "run without an as-of date.", "",
     [SMALL_PLAN], [r("li")], SMALL_FACTS, "2026-Q3", as_of=20260731, invalid=True)

case("invalid-unknown-roster-column",
     "A roster column the run does not know (rol, for role) is refused once for the table, at "
     "the first row that has it (/roster/0/rol, unknown_field, with a did-you-mean hint), not "
     "once per row, and the subjects are not scored without their role.", "",
     [plan("tele", [calls_ind("4")], ["100"], role="tele")],
     [{"subject": "li", "rol": "tele"}, {"subject": "wang", "rol": "tele"},
      {"subject": "zhao", "rol": "tele", "team": "north"}],
     SMALL_FACTS, "2026-Q3", invalid=True)

case("invalid-unknown-columns-and-facts-keys",
     "Unknown columns of targets (targte, for target: its rows are not also missing_field), "
     "team_targets (subject) and actuals (note), and an unknown key of facts (encoding), each "
     "refused once at its first place.", "",
     [plan("csm", [
         ind("calls", "外呼量", "count", measure("count", fact="call", date="called_at"),
             target("4", per_subject=True)),
         ind("manager_rating", "主管评分", "points", target=target("90"))],
         ["80", "20"])],
     [r("li", team="north"), r("wang", team="north")],
     {"format": "csv", "text": SMALL_FACTS["text"], "encoding": "utf-8"}, "2026-Q3",
     targets=[{"subject": "li", "indicator": "calls", "targte": "5"},
              {"subject": "wang", "indicator": "calls", "targte": "6"}],
     team_targets=[{"team": "north", "indicator": "calls", "target": "10"},
                   {"team": "north", "subject": "li", "indicator": "calls", "target": "10"}],
     actuals=[{"subject": "li", "indicator": "manager_rating", "actual": "88", "note": "Q3"}],
     invalid=True)


# ---------------------------------------------------------------------------
# Bonus and deduction points in a run: measured from facts, or given in `points`
# ---------------------------------------------------------------------------


def points_item(kind, aid, name, maximum, per_unit=None, measure=None):
    a = {"kind": kind, "id": aid, "name": name, "max": maximum}
    if per_unit is not None:
        a["per_unit"] = per_unit
    if measure is not None:
        a["measure"] = measure
    return a


POINTS_PLAN = plan("cs", [calls_ind("10")], ["100"], ratings=RATINGS, adjustments=[
    points_item("deduction", "complaints", "投诉扣分", "10", "2",
                measure("count", fact="complaint", date="at",
                        where=[cond("valid", "eq", True)])),
    points_item("bonus", "referrals", "转介绍加分", "5", "1.5",
                measure("distinct", fact="referral", date="at", field="customer")),
    points_item("bonus", "innovation", "创新加分", "5")])

case("adjustment-points-measured-and-given",
     "A deduction per counted fact with a cap, a bonus per distinct referred customer, and a "
     "bonus given in the run's `points` table. Measured: points = units × per_unit, limited "
     "to max (flag capped); the card shows `measured` and `per_unit` beside the points. An "
     "item without a measure takes the subject's `points` row; a subject without one gets 0 "
     "and the flag missing on that adjustment (nothing fed it). Team scorecards have no "
     "points: measured null. The complaint facts feed the ledger like any measure's.",
     "calls target 10. a: calls 10 → 100; complaints 3 valid (the invalid one and the Q2 one "
     "do not count) × 2 = 6 → −6; referrals: customers K1, K2 (K1 twice) = 2 × 1.5 = 3 → +3; "
     "innovation row 2 → +2; total 100 − 6 + 3 + 2 = 99.00, A, flag adjusted. b: calls 8 → 80; "
     "complaints 7 × 2 = 14 → max 10, flag capped → −10; referrals 0 → 0.00; innovation: no "
     "row → 0.00, flag missing; total 70.00, B. c: calls 5 → 50; no complaint → 0.00; "
     "referrals 4 customers × 1.5 = 6 → max 5, capped → +5; innovation row 0 → 0.00 (no "
     "flag); total 55.00, C. Team north (a, b): calls 18 vs 20 → 90; points not applied, "
     "measured null.",
     [POINTS_PLAN],
     [r("a", team="north"), r("b", team="north"), r("c")],
     csv_facts("id,subject,type,called_at,at,valid,customer",
               *["C%d,a,call,2026-07-%02d,,," % (i, i) for i in range(1, 11)],
               *["C%d,b,call,2026-07-%02d,,," % (i, i - 10) for i in range(11, 19)],
               *["C%d,c,call,2026-08-%02d,,," % (i, i - 18) for i in range(19, 24)],
               "P1,a,complaint,,2026-07-03,yes,",
               "P2,a,complaint,,2026-08-03,true,",
               "P3,a,complaint,,2026-09-03,1,",
               "P4,a,complaint,,2026-09-04,no,",
               "P5,a,complaint,,2026-06-30,yes,",
               *["P%d,b,complaint,,2026-08-%02d,yes," % (i, i) for i in range(6, 13)],
               "R1,a,referral,,2026-07-10,,K1",
               "R2,a,referral,,2026-07-11,,K2",
               "R3,a,referral,,2026-07-12,,K1",
               *["R%d,c,referral,,2026-09-%02d,,K%d" % (i, i, i) for i in range(4, 8)]),
     "2026-Q3",
     points=[{"subject": "a", "adjustment": "innovation", "points": "2"},
             {"subject": "c", "adjustment": "innovation", "points": "0"}])

case("adjustment-measured-sum-floored-at-zero",
     "A bonus measured by a sum: refunds can make the sum negative; points below 0 count as "
     "0 (flag floored on the adjustment), never as a deduction.",
     "bonus upsell = Σ amount × 0.01, max 8. a: 300 + 250 = 550 × 0.01 = 5.5 → +5.50, "
     "total 100 + 5.5 = 105.50. b: 100 − 400 = −300 × 0.01 = −3 → 0.00, flag floored; "
     "total 100.00.",
     [plan("am", [calls_ind("1")], ["100"], adjustments=[
         points_item("bonus", "upsell", "增购加分", "8", "0.01",
                     measure("sum", fact="upsell", date="at", field="amount"))])],
     [r("a"), r("b")],
     csv_facts("id,subject,type,called_at,at,amount",
               "C1,a,call,2026-07-01,,",
               "C2,b,call,2026-07-01,,",
               "U1,a,upsell,,2026-07-05,300",
               "U2,a,upsell,,2026-08-05,250",
               "U3,b,upsell,,2026-07-05,100",
               "U4,b,upsell,,2026-08-05,-400"),
     "2026-Q3")

case("as-of-tier-points-follow-elapsed-without-prorate",
     "Period to date with prorate false: an additive measure's target is multiplied by "
     "elapsed, and so are its actual-basis tier points (FORMAT.md, \"Roster, targets, "
     "actuals\"), so the tiers keep their place relative to the target. A measured deduction "
     "counts the facts of the window [start, as_of]; its max is not scaled.",
     "as_of 2026-08-15: elapsed 46/92 = 0.5. calls: target 90 × 0.5 = 45, tiers 60/90/120 × "
     "0.5 = 30/45/60 (scores 60/100/120, step). a: 30 calls in July + 15 of 08-01..08-15 = 45 "
     "(those of 08-16..08-20 are outside) → 目标 (45) reached exactly, not 挑战 (60) → 100 "
     "(with unscaled tiers 45 would be below 门槛 60: 0); complaints in the window 2 (the "
     "08-20 one is after as_of) × 3 = 6 → −6; total 94.00. b: 29 calls → below 门槛 30 → 0; "
     "no complaint; total 0.00.",
     [plan("tele", [ind("calls", "外呼量", "count", measure("count", fact="call", date="called_at"),
                        target("90", prorate=False,
                               tiers=[("门槛", "60", "60"), ("目标", "90", "100"),
                                      ("挑战", "120", "120")]),
                        {"kind": "step"})], ["100"],
           adjustments=[points_item("deduction", "complaints", "投诉扣分", "10", "3",
                                    measure("count", fact="complaint", date="at"))])],
     [r("a"), r("b")],
     csv_facts("id,subject,type,called_at,at",
               *["C%d,a,call,2026-07-%02d," % (i, i) for i in range(1, 31)],
               *["C%d,a,call,2026-08-%02d," % (i, i - 30) for i in range(31, 51)],
               *["C%d,b,call,2026-07-%02d," % (i, i - 50) for i in range(51, 80)],
               "C80,a,call,2026-08-20,",
               "P1,a,complaint,,2026-07-10",
               "P2,a,complaint,,2026-08-15T23:00:00",
               "P3,a,complaint,,2026-08-20"),
     "2026-Q3", as_of="2026-08-15")

case("facts-before-roster-start-count",
     "Roster `start` and `end` set the active share (which prorates targets); they do not "
     "filter facts: a fact of the subject dated inside the period counts even on a day before "
     "the subject's start (a deal moved to the new owner).",
     "b starts 2026-09-01: active 30 of 92 days; sales target 92000 × 30/92 = 30000 (prorate "
     "true). b's deal of 2026-07-15 (before the start) counts: 10000 + 20000 = 30000 → 100, "
     "flag prorated. a (full quarter): 46000 / 92000 → 50.",
     [plan("sales", [sales_ind("92000", prorate=True)], ["100"])],
     [r("a"), r("b", start="2026-09-01")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,a,deal,2026-07-01,46000",
               "D2,b,deal,2026-07-15,10000",
               "D3,b,deal,2026-09-10,20000"),
     "2026-Q3")

case("invalid-points-rows",
     "Bad rows of the `points` table: an unknown subject, an adjustment the subject's plan "
     "does not have (a gate is not given points), one measured from facts (its points are "
     "not given), negative points, points that are not a number. A row given for what is "
     "measured from facts is invalid_value in `points` as in `actuals` (an actual of a "
     "measured indicator).", "",
     [plan("cs", [calls_ind("10")], ["100"], adjustments=[
         {"kind": "gate", "indicator": "calls", "threshold": "50", "cap": "60"},
         points_item("deduction", "complaints", "投诉扣分", "10", "2",
                     measure("count", fact="complaint", date="at")),
         points_item("bonus", "innovation", "创新加分", "5")])],
     [r("li")], SMALL_FACTS, "2026-Q3", invalid=True,
     points=[{"subject": "nobody", "adjustment": "innovation", "points": "1"},
             {"subject": "li", "adjustment": "gate:calls", "points": "1"},
             {"subject": "li", "adjustment": "complaints", "points": "1"},
             {"subject": "li", "adjustment": "innovation", "points": "-1"},
             {"subject": "li", "adjustment": "innovation", "points": "one"},
             {"subject": "li", "adjustment": "innovation", "point": "1"}],
     actuals=[{"subject": "li", "indicator": "calls", "actual": "3"}])

# Earnings (issue #16): the statement on the measure's actual, in a run
# ---------------------------------------------------------------------------


def earnings_plan():
    p = plan("rep", [sales_ind("100000")], ["100"], calendar=SH, ratings=RATINGS)
    p["earnings"] = {"currency": "CNY", "lines": [
        {"id": "commission", "indicator": "sales", "table": {"kind": "marginal", "bands": [
            {"from": "0", "rate": "0.02"}, {"from": "50000", "rate": "0.04"}]}},
        {"id": "bonus", "basis": "achievement", "indicator": "sales",
         "table": {"kind": "interpolated", "base": "10000", "points": [
             {"at": "50", "rate": "0"}, {"at": "100", "rate": "1"}]},
         "multiplier": {"by": "rating", "factors": {"A": "1.5", "B": "1", "C": "0"}}}]}
    return p


case("earnings-statement-on-measures",
     "Earnings in a run: a marginal commission on the sum of deal amounts (a credit note is a "
     "negative deal) and a bonus on achievement × the rating's factor; the team is scored with "
     "the same plan on its members' facts; a member without deals has a sum of 0.",
     "sales: li 30000 + 45000 − 5000 = 70000 → 70 % → B; commission 50000×2 % + 20000×4 % = "
     "1000 + 800 = 1800.00 (blended 1800/70000 = 0.025714); bonus rate (70−50)/50 = 0.4 → 4000 × "
     "B 1 = 4000.00; statement 5800.00. wang: 96000 → 96 % → A; 1000 + 46000×4 % = 2840.00; bonus "
     "0.92 × 10000 × 1.5 = 13800.00; 16640.00. zhao: no deals → sum 0 → 0 % → C; commission 0.00 "
     "(no slice, blended null), bonus rate 0 × C 0 = 0.00. Team north (li + wang + zhao): 166000 "
     "against 300000 → 55.33 % → C; commission 1000 + 116000×4 % = 5640.00 (blended 0.033976); "
     "bonus on the exact achievement 55.333… → rate 0.106667, × C 0 = 0.00; statement 5640.00.",
     [earnings_plan()],
     [r("li", team="north"), r("wang", team="north"), r("zhao", team="north")],
     csv_facts("id,subject,type,closed_at,amount",
               "D1,li,deal,2026-04-10,30000",
               "D2,li,deal,2026-05-10,45000",
               "C1,li,deal,2026-06-01,-5000",
               "D3,wang,deal,2026-06-15,96000"),
     "2026-Q2")


# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# Found by the differential test (conformance/random_cases.py, random runs)
# ---------------------------------------------------------------------------

case("differential-period-to-date-tiers-team-rows-forecast",
     "Found by the differential test: with as_of, actual-basis tier points of an additive "
     "measure follow the period-to-date factor also when prorate is false (elapsed); a "
     "team_targets row is the team's target of an indicator without a measure; an additive "
     "measure has no forecast before the subject's first active day.",
     "2026-07, as_of 07-10: elapsed 10/31. calls (count, no prorate): target 62 × 10/31 = 20, "
     "tiers 31 → 60, 62 → 100 scaled to 10 and 20; a: 12 calls reach 10 → 60, pace 60 "
     "(warning), forecast 12 × 31/10 = 37.20. b starts 07-20: no active day to date, forecast "
     "null (its call of 07-25 is after as_of). rating (no measure, per_subject): the team row "
     "80 is the north scorecard's target (no team actual: missing). Team calls 12 against the "
     "members' 20 + 20 = 40; team tier points are the plan's (31): none reached → 0.",
     [plan("pt", [
         ind("calls", "外呼", "count", measure("count", fact="call", date="at"),
             {"value": "62", "tiers": [{"name": "门槛", "at": "31", "score": "60"},
                                       {"name": "目标", "at": "62", "score": "100"}]},
             {"kind": "step"}),
         ind("rating", "评价", "points", None, target(per_subject=True), {"kind": "ratio", "cap": "120"})],
         ["70", "30"], pace={"warn_below": "90"})],
     [r("a", team="north"), r("b", team="north", start="2026-07-20")],
     csv_facts("id,subject,type,at",
               *["C%d,a,call,2026-07-0%d" % (k, 1 + k % 9) for k in range(12)],
               "C99,b,call,2026-07-25"),
     "2026-07", as_of="2026-07-10",
     targets=[{"subject": "a", "indicator": "rating", "target": "90"},
              {"subject": "b", "indicator": "rating", "target": "90"}],
     team_targets=[{"team": "north", "indicator": "rating", "target": "80"}],
     actuals=[{"subject": "a", "indicator": "rating", "actual": "85"}])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", metavar="DIR", default=OUT,
                        help="the folder to write (default: conformance/runs); "
                        "its .json files are replaced")
    out = parser.parse_args(argv).out
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".json"):
            os.remove(os.path.join(out, name))
    for n, (slug, c) in enumerate(CASES, 1):
        with open(os.path.join(out, "%03d-%s.json" % (n, slug)), "w", encoding="utf-8") as f:
            f.write(json.dumps(c, ensure_ascii=False, indent=2) + "\n")
    print("wrote %d runs to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
