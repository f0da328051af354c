"""The demo's quarter in DuckDB SQL, in DOUBLE, as a competent analyst would write it.

The same steps as peer_pandas.py, as SQL: read_csv (every column VARCHAR,
ignore_errors skips the cut-short lines), DISTINCT for the rows exported twice,
ids with one content only, the roster's active subjects, TIMESTAMPTZ with the
session time zone set to the plans' (offsets and Z honoured, date-only values
local midnight), TRY_CAST for numbers, CASE for booleans, GROUP BY subject, the
plan's curves and tree as CASE expressions built from the plan files' numbers,
round() (half away from zero), rating bands and rank() per plan.
"""

from __future__ import annotations

import os
import sys

import duckdb

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import plans as plan_spec  # noqa: E402


def lit(x):
    return "NULL" if x is None else repr(float(x))


# --- curves as SQL expressions (NULL = no data) ------------------------------------

def ratio_curve(actual, target, c, lower=False):
    ach = (f"(CASE WHEN {actual} <= 0 THEN 'infinity'::DOUBLE ELSE {target} / {actual} * 100 END)"
           if lower else f"({actual} / {target} * 100)")
    score = f"least(greatest({ach}, 0), {lit(c['cap']) if c['cap'] is not None else ach})"
    if c["gate"] is not None:
        score = f"(CASE WHEN {ach} < {lit(c['gate'])} THEN 0.0 ELSE {score} END)"
    return f"(CASE WHEN {actual} IS NULL THEN NULL ELSE {score} END)"


def step_curve(x, tiers, below):
    parts = " ".join(f"WHEN {x} >= {at} THEN {lit(s)}" for at, s in reversed(tiers))
    return f"(CASE WHEN {x} IS NULL THEN NULL {parts} ELSE {lit(below)} END)"


def linear_curve(x, tiers, c):
    (a0, s0) = tiers[0]
    (a, sa), (b, sb) = tiers[-2], tiers[-1]
    if c["above"] == "extrapolate":
        above = f"{lit(sb)} + ({x} - {b}) * ({lit(sb)} - {lit(sa)}) / ({b} - {a})"
        if c["max"] is not None:
            above = f"least({above}, {lit(c['max'])})"
    else:
        above = lit(sb)
    segs = " ".join(f"WHEN {x} >= {a} THEN {lit(sa)} + ({x} - {a}) * ({lit(sb)} - {lit(sa)}) / ({b} - {a})"
                    for (a, sa), (b, sb) in reversed(list(zip(tiers, tiers[1:]))))
    below = "0.0" if c["below"] in (None, "zero") else lit(s0)
    return f"(CASE WHEN {x} IS NULL THEN NULL WHEN {x} > {b} THEN {above} {segs} ELSE {below} END)"


def group(children):
    kids = []
    for s, w, policy in children:
        kids.append((f"coalesce({s}, 0.0)" if policy == "zero" else s, w))
    num = " + ".join(f"coalesce({s} * {lit(w)}, 0.0)" for s, w in kids)
    den = " + ".join(f"(CASE WHEN {s} IS NOT NULL THEN {lit(w)} ELSE 0.0 END)" for s, w in kids)
    have = " OR ".join(f"{s} IS NOT NULL" for s, _ in kids)
    return f"(CASE WHEN {have} THEN ({num}) / ({den}) END)"


def plan_sql(plan, measures_sql, scores):
    """SELECT of subject, total_raw, total, rating, rank and the scores, for one plan."""
    def node(nid):
        if nid in plan.tree:
            return group([(node(c), plan.weights[c], pol) for c, pol in plan.tree[nid]])
        return f'"s:{nid}"'
    total = node("root")
    for ind, threshold, cap in plan.gates:
        total = f"(CASE WHEN {ind} IS NOT NULL AND {ind} < {lit(threshold)} THEN least({total}, {lit(cap)}) " \
                f"ELSE {total} END)"
    rating = " ".join(f"WHEN total >= {lit(lo)} THEN '{name}'" for name, lo in plan.ratings[:-1])
    score_cols = ", ".join(f'{expr} AS "s:{k}"' for k, expr in scores.items())
    return f"""
        WITH m AS ({measures_sql}),
        s AS (SELECT *, {score_cols} FROM m),
        t AS (SELECT *, least(greatest({total}, {lit(plan.floor)}), {lit(plan.ceiling)}) AS total_raw FROM s),
        r AS (SELECT *, round(total_raw, {plan.scale}) AS total FROM t)
        SELECT *, CASE WHEN total IS NULL THEN NULL {rating} ELSE '{plan.ratings[-1][0]}' END AS rating,
               CASE WHEN total IS NULL THEN NULL ELSE rank() OVER (ORDER BY total DESC) END AS rank
        FROM r ORDER BY subject"""


def main():
    data, period, out = common.args()
    spec = plan_spec.load(data)
    q_start, q_end, q_days = plan_spec.quarter(period)
    tz = spec["telesales"].time_zone
    clock = common.Clock()
    con = duckdb.connect()
    con.execute(f"SET TimeZone = '{tz}'")
    path = os.path.join(data, "{}")
    con.execute(f"""CREATE TABLE raw AS SELECT * FROM read_csv('{path.format("facts.csv")}',
                    header = true, all_varchar = true, ignore_errors = true)""")
    rows_read = con.execute("SELECT count(*) FROM raw").fetchone()[0]
    con.execute(f"CREATE TABLE roster AS SELECT * FROM read_csv('{path.format('roster.csv')}', all_varchar = true)")
    con.execute(f"CREATE TABLE team_targets AS SELECT * FROM read_csv('{path.format('team_targets.csv')}', "
                "all_varchar = true)")
    clock.lap("read")

    roles = ", ".join(f"'{r}'" for r in spec)
    con.execute(f"""
        CREATE TABLE people AS
        WITH d AS (
          SELECT subject, role, team, TRY_CAST(share AS DOUBLE) AS share,
                 date_diff('day', greatest(coalesce(TRY_CAST(start AS DATE), DATE '{q_start}'), DATE '{q_start}'),
                                  least(coalesce(TRY_CAST("end" AS DATE), DATE '{q_end}' - 1), DATE '{q_end}' - 1))
                   + 1 AS days
          FROM roster WHERE role IN ({roles}))
        SELECT subject, role, team, share, days / {q_days} AS active FROM d WHERE days > 0""")
    con.execute("""
        CREATE TABLE facts AS
        WITH d AS (SELECT DISTINCT * FROM raw WHERE id IS NOT NULL),
        once AS (SELECT * FROM d QUALIFY count(*) OVER (PARTITION BY id) = 1)
        SELECT once.* EXCLUDE ("at", created_at, updated_at), people.role,
               TRY_CAST(once."at" AS TIMESTAMPTZ) AS "at",
               TRY_CAST(created_at AS TIMESTAMPTZ) AS created_at,
               TRY_CAST(updated_at AS TIMESTAMPTZ) AS updated_at
        FROM once JOIN people USING (subject)""")
    clock.lap("clean")

    q = f"BETWEEN TIMESTAMPTZ '{q_start} 00:00:00' AND TIMESTAMPTZ '{q_end} 00:00:00' - INTERVAL 1 MICROSECOND"
    within = ("CASE WHEN epoch_ms(updated_at) - epoch_ms(created_at) BETWEEN 0 AND 86400000 "
              "THEN 1.0 ELSE 0.0 END")

    def boolean(col):
        return (f"CASE lower({col}) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'yes' THEN true "
                f"WHEN 'false' THEN false WHEN '0' THEN false WHEN 'no' THEN false END")

    results = []

    # --- telesales -----------------------------------------------------------------
    p = spec["telesales"]
    I = p.indicators
    measures = f"""
        WITH p AS (SELECT subject, active FROM people WHERE role = 'telesales'),
        f AS (SELECT * FROM facts WHERE role = 'telesales'),
        calls AS (SELECT subject, count(*) AS n FROM f WHERE type = 'call' AND "at" {q} GROUP BY 1),
        won AS (SELECT subject, count(*) AS n, sum(amount) AS amount FROM (
                  SELECT subject, "at", TRY_CAST(amount AS DOUBLE) AS amount FROM f
                  WHERE type = 'deal' AND stage = 'won') WHERE amount IS NOT NULL AND "at" {q} GROUP BY 1),
        leads AS (SELECT subject, count(*) AS n, avg({within}) * 100 AS within FROM f
                  WHERE type = 'lead' AND created_at {q} GROUP BY 1),
        recs AS (SELECT subject, avg(CASE WHEN complete THEN 1.0 ELSE 0.0 END) * 100 AS share FROM (
                  SELECT subject, updated_at, {boolean('complete')} AS complete FROM f WHERE type = 'record')
                 WHERE complete IS NOT NULL AND updated_at {q} GROUP BY 1)
        SELECT p.subject, p.active,
               CASE WHEN leads.n > 0 THEN coalesce(won.n, 0) / leads.n * 100 END AS conversion,
               coalesce(won.amount, 0) AS won_amount, coalesce(calls.n, 0)::DOUBLE AS calls,
               leads.within AS follow_up_24h, recs.share AS record_completeness
        FROM p LEFT JOIN calls USING (subject) LEFT JOIN won USING (subject)
               LEFT JOIN leads USING (subject) LEFT JOIN recs USING (subject)"""
    sc = {
        "conversion": step_curve("conversion", I["conversion"].tiers, I["conversion"].curve["below"]),
        "won_amount": ratio_curve("won_amount", f"({lit(I['won_amount'].target)} * active)", I["won_amount"].curve),
        "calls": linear_curve("calls", [(f"({lit(a)} * active)", s) for a, s in I["calls"].tiers], I["calls"].curve),
        "follow_up_24h": ratio_curve("follow_up_24h", lit(I["follow_up_24h"].target), I["follow_up_24h"].curve),
        "record_completeness": ratio_curve("record_completeness", lit(I["record_completeness"].target),
                                           I["record_completeness"].curve),
    }
    results.append((p, con.execute(plan_sql(p, measures, sc)).fetchall(), con.description, list(I)))

    # --- key account managers ------------------------------------------------------------
    p = spec["kam"]
    I = p.indicators
    measures = f"""
        WITH p AS (SELECT subject, team, share, active FROM people WHERE role = 'kam'),
        f AS (SELECT * FROM facts WHERE role = 'kam'),
        deals AS (SELECT * FROM (SELECT * REPLACE (TRY_CAST(amount AS DOUBLE) AS amount) FROM f WHERE type = 'deal')
                  WHERE amount IS NOT NULL AND NOT (stage = 'won' AND "at" < created_at)),
        won AS (SELECT * FROM deals WHERE stage = 'won' AND "at" {q}),
        nc AS (SELECT subject, count(DISTINCT customer) AS n FROM won WHERE amount >= 500000 GROUP BY 1),
        cycle AS (SELECT subject, avg((epoch_ms("at") - epoch_ms(created_at)) / 86400000) AS days
                  FROM won GROUP BY 1),
        money AS (SELECT subject,
                         sum(amount) FILTER (WHERE type = 'contract') AS contract,
                         sum(amount) FILTER (WHERE type = 'payment') AS paid,
                         sum(amount) FILTER (WHERE type = 'invoice') AS invoiced
                  FROM (SELECT subject, type, "at", TRY_CAST(amount AS DOUBLE) AS amount FROM f
                        WHERE type IN ('contract', 'invoice', 'payment'))
                  WHERE amount IS NOT NULL AND "at" {q} GROUP BY 1),
        surveys AS (SELECT subject, avg(score) AS mean FROM (
                      SELECT subject, "at", TRY_CAST(score AS DOUBLE) AS score FROM f WHERE type = 'survey')
                    WHERE score IS NOT NULL AND "at" {q} GROUP BY 1),
        visits AS (SELECT subject, count(*) AS n FROM f WHERE type = 'visit' AND "at" {q} GROUP BY 1),
        recs AS (SELECT subject, avg(CASE WHEN complete THEN 1.0 ELSE 0.0 END) * 100 AS share FROM (
                  SELECT subject, updated_at, {boolean('complete')} AS complete FROM f WHERE type = 'record')
                 WHERE complete IS NOT NULL AND updated_at {q} GROUP BY 1),
        split AS (SELECT p.subject,
                         CASE WHEN tt.target IS NULL THEN {lit(I['contract_amount'].target)}
                              WHEN bool_and(p.share IS NOT NULL) OVER w AND sum(p.share) OVER w > 0
                              THEN tt.target::DOUBLE * p.share / sum(p.share) OVER w
                              ELSE tt.target::DOUBLE / count(*) OVER w END AS target
                  FROM p LEFT JOIN (SELECT team, target FROM team_targets WHERE indicator = 'contract_amount') tt
                       USING (team)
                  WINDOW w AS (PARTITION BY p.team))
        SELECT p.subject, p.active,
               coalesce(nc.n, 0)::DOUBLE AS new_customers, coalesce(money.contract, 0) AS contract_amount,
               split.target * p.active AS contract_target,
               cycle.days AS deal_cycle,
               CASE WHEN coalesce(money.invoiced, 0) <> 0 THEN coalesce(money.paid, 0) / money.invoiced * 100
               END AS collection_rate,
               surveys.mean AS satisfaction, coalesce(visits.n, 0)::DOUBLE AS visits,
               recs.share AS record_completeness
        FROM p LEFT JOIN nc USING (subject) LEFT JOIN cycle USING (subject) LEFT JOIN money USING (subject)
               LEFT JOIN surveys USING (subject) LEFT JOIN visits USING (subject) LEFT JOIN recs USING (subject)
               LEFT JOIN split USING (subject)"""
    sc = {
        "new_customers": step_curve("new_customers", [(f"({lit(a)} * active)", s) for a, s in
                                                      I["new_customers"].tiers], I["new_customers"].curve["below"]),
        "contract_amount": linear_curve("(contract_amount / contract_target * 100)", I["contract_amount"].tiers,
                                        I["contract_amount"].curve),
        "deal_cycle": ratio_curve("deal_cycle", lit(I["deal_cycle"].target), I["deal_cycle"].curve, lower=True),
        "collection_rate": ratio_curve("collection_rate", lit(I["collection_rate"].target),
                                       I["collection_rate"].curve),
        "satisfaction": linear_curve("satisfaction", I["satisfaction"].tiers, I["satisfaction"].curve),
        "visits": ratio_curve("visits", f"({lit(I['visits'].target)} * active)", I["visits"].curve),
        "record_completeness": ratio_curve("record_completeness", lit(I["record_completeness"].target),
                                           I["record_completeness"].curve),
    }
    results.append((p, con.execute(plan_sql(p, measures, sc)).fetchall(), con.description, list(I)))

    # --- customer success managers ---------------------------------------------------------
    p = spec["csm"]
    I = p.indicators
    measures = f"""
        WITH p AS (SELECT subject, active FROM people WHERE role = 'csm'),
        f AS (SELECT * FROM facts WHERE role = 'csm'),
        surveys AS (SELECT subject, avg(score) AS mean FROM (
                      SELECT subject, "at", TRY_CAST(score AS DOUBLE) AS score FROM f WHERE type = 'survey')
                    WHERE score IS NOT NULL AND "at" {q} GROUP BY 1),
        renewals AS (SELECT subject, avg(CASE WHEN renewed THEN 1.0 ELSE 0.0 END) * 100 AS rate FROM (
                       SELECT subject, "at", {boolean('renewed')} AS renewed FROM f WHERE type = 'renewal')
                     WHERE renewed IS NOT NULL AND "at" {q} GROUP BY 1),
        visits AS (SELECT subject, count(*) AS n FROM f WHERE type = 'visit' AND "at" {q} GROUP BY 1),
        recs AS (SELECT subject, avg({within}) * 100 AS share FROM f
                 WHERE type = 'record' AND updated_at {q} GROUP BY 1),
        complaints AS (SELECT subject, count(*) AS n FROM f WHERE type = 'complaint' AND "at" {q} GROUP BY 1)
        SELECT p.subject, p.active, surveys.mean AS satisfaction, renewals.rate AS renewal_rate,
               coalesce(visits.n, 0)::DOUBLE AS health_checks, recs.share AS timeliness,
               coalesce(complaints.n, 0)::DOUBLE AS complaints
        FROM p LEFT JOIN surveys USING (subject) LEFT JOIN renewals USING (subject)
               LEFT JOIN visits USING (subject) LEFT JOIN recs USING (subject) LEFT JOIN complaints USING (subject)"""
    c = I["complaints"].curve
    sc = {
        "satisfaction": linear_curve("satisfaction", I["satisfaction"].tiers, I["satisfaction"].curve),
        "renewal_rate": linear_curve("renewal_rate", I["renewal_rate"].tiers, I["renewal_rate"].curve),
        "health_checks": ratio_curve("health_checks", f"({lit(I['health_checks'].target)} * active)",
                                     I["health_checks"].curve),
        "timeliness": ratio_curve("timeliness", lit(I["timeliness"].target), I["timeliness"].curve),
        "complaints": f"least(greatest({lit(c['full'])} - {lit(c['per_unit'])} * complaints, {lit(c['floor'])}), "
                      f"{lit(c['full'])})",
    }
    results.append((p, con.execute(plan_sql(p, measures, sc)).fetchall(), con.description, list(I)))
    clock.lap("score")
    work = clock.total()

    rows = []
    for p, fetched, desc, inds in results:
        names = [d[0] for d in desc]
        for t in fetched:
            r = dict(zip(names, t))
            rows.append({"subject": r["subject"], "plan": p.id, "total_raw": r["total_raw"], "total": r["total"],
                         "rating": r["rating"], "rank": r["rank"],
                         "scores": {i: r[f"s:{i}"] for i in inds}, "actuals": {i: r.get(i) for i in inds}})
    common.write_rows(out, rows)
    common.report({"work_s": work, "rows": rows_read, "phases": clock.phases,
                   "versions": {"duckdb": duckdb.__version__}})


if __name__ == "__main__":
    main()
