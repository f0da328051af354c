"""The demo's quarter in DuckDB SQL, in DOUBLE, as a competent analyst would write it.

The same steps as peer_pandas.py, as SQL, written the way a careful analyst
would for speed: a typed read_csv (explicit column types; DuckDB parses the
timestamps as TIMESTAMPTZ in the session time zone, set to the plans': offsets
and Z honoured, date-only values local midnight; amounts and scores as DOUBLE;
ignore_errors skips the cut-short lines and the rows whose number does not read),
one SELECT DISTINCT for the rows exported twice, ids with one content only, the
roster's active subjects, then ONE GROUP BY subject computing every measure of
every role with FILTER clauses; per plan, the curves and tree as CASE
expressions built from the plan files' numbers, round() (half away from zero),
rating bands and rank().
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
    cols = {"id": "VARCHAR", "subject": "VARCHAR", "type": "VARCHAR", "at": "TIMESTAMPTZ",
            "created_at": "TIMESTAMPTZ", "updated_at": "TIMESTAMPTZ", "customer": "VARCHAR",
            "amount": "DOUBLE", "stage": "VARCHAR", "score": "DOUBLE", "renewed": "VARCHAR",
            "complete": "VARCHAR"}
    types = ", ".join(f"'{k}': '{v}'" for k, v in cols.items())
    con.execute(f"""CREATE TABLE raw AS SELECT * FROM read_csv('{path.format("facts.csv")}',
                    header = true, columns = {{{types}}}, ignore_errors = true)""")
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

    q = f"BETWEEN TIMESTAMPTZ '{q_start} 00:00:00' AND TIMESTAMPTZ '{q_end} 00:00:00' - INTERVAL 1 MICROSECOND"
    within = ("CASE WHEN epoch_ms(updated_at) - epoch_ms(created_at) BETWEEN 0 AND 86400000 "
              "THEN 1.0 ELSE 0.0 END")

    def boolean(col):
        return (f"CASE lower({col}) WHEN 'true' THEN true WHEN '1' THEN true WHEN 'yes' THEN true "
                f"WHEN 'false' THEN false WHEN '0' THEN false WHEN 'no' THEN false END")

    def share(flag):
        return f"CASE WHEN {flag} THEN 1.0 ELSE 0.0 END"

    # Exact duplicates once (DISTINCT), ids seen with two contents dropped, the active
    # roster's subjects, then every measure of every role in ONE aggregation.
    at_q, created_q, updated_q = f'"at" {q}', f"created_at {q}", f"updated_at {q}"
    complete, renewed = boolean("complete"), boolean("renewed")
    kam_won = ("type = 'deal' AND amount IS NOT NULL AND NOT (stage = 'won' AND \"at\" < created_at) "
               f"AND stage = 'won' AND {at_q}")
    con.execute(f"""
        CREATE TABLE agg AS
        WITH d AS (SELECT DISTINCT * FROM raw WHERE id IS NOT NULL),
        once AS (SELECT * FROM d QUALIFY count(*) OVER (PARTITION BY id) = 1)
        SELECT subject,
          count(*) FILTER (WHERE type = 'call' AND {at_q}) AS calls,
          count(*) FILTER (WHERE type = 'deal' AND stage = 'won' AND amount IS NOT NULL AND {at_q}) AS won_n,
          sum(amount) FILTER (WHERE type = 'deal' AND stage = 'won' AND amount IS NOT NULL AND {at_q}) AS won_amount,
          count(*) FILTER (WHERE type = 'lead' AND {created_q}) AS leads_n,
          avg({within}) FILTER (WHERE type = 'lead' AND {created_q}) * 100 AS leads_within,
          avg({share("complete_b")}) FILTER (WHERE type = 'record' AND complete_b IS NOT NULL AND {updated_q}) * 100
            AS complete_share,
          count(DISTINCT customer) FILTER (WHERE {kam_won} AND amount >= 500000) AS new_customers,
          avg((epoch_ms("at") - epoch_ms(created_at)) / 86400000) FILTER (WHERE {kam_won}) AS cycle_days,
          sum(amount) FILTER (WHERE type = 'contract' AND amount IS NOT NULL AND {at_q}) AS contract,
          sum(amount) FILTER (WHERE type = 'payment' AND amount IS NOT NULL AND {at_q}) AS paid,
          sum(amount) FILTER (WHERE type = 'invoice' AND amount IS NOT NULL AND {at_q}) AS invoiced,
          avg(score) FILTER (WHERE type = 'survey' AND score IS NOT NULL AND {at_q}) AS satisfaction,
          count(*) FILTER (WHERE type = 'visit' AND {at_q}) AS visits,
          avg({share("renewed_b")}) FILTER (WHERE type = 'renewal' AND renewed_b IS NOT NULL AND {at_q}) * 100
            AS renewal_rate,
          avg({within}) FILTER (WHERE type = 'record' AND {updated_q}) * 100 AS timeliness,
          count(*) FILTER (WHERE type = 'complaint' AND {at_q}) AS complaints
        FROM (SELECT *, {complete} AS complete_b, {renewed} AS renewed_b FROM once
              WHERE subject IN (SELECT subject FROM people))
        GROUP BY subject""")
    clock.lap("clean")

    results = []

    # --- telesales -----------------------------------------------------------------
    p = spec["telesales"]
    I = p.indicators
    measures = """
        SELECT p.subject, p.active,
               CASE WHEN a.leads_n > 0 THEN coalesce(a.won_n, 0) / a.leads_n * 100 END AS conversion,
               coalesce(a.won_amount, 0) AS won_amount, coalesce(a.calls, 0)::DOUBLE AS calls,
               a.leads_within AS follow_up_24h, a.complete_share AS record_completeness
        FROM people p LEFT JOIN agg a USING (subject) WHERE p.role = 'telesales'"""
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
        split AS (SELECT p.subject,
                         CASE WHEN tt.target IS NULL THEN {lit(I['contract_amount'].target)}
                              WHEN bool_and(p.share IS NOT NULL) OVER w AND sum(p.share) OVER w > 0
                              THEN tt.target::DOUBLE * p.share / sum(p.share) OVER w
                              ELSE tt.target::DOUBLE / count(*) OVER w END AS target
                  FROM p LEFT JOIN (SELECT team, target FROM team_targets WHERE indicator = 'contract_amount') tt
                       USING (team)
                  WINDOW w AS (PARTITION BY p.team))
        SELECT p.subject, p.active,
               coalesce(a.new_customers, 0)::DOUBLE AS new_customers, coalesce(a.contract, 0) AS contract_amount,
               split.target * p.active AS contract_target,
               a.cycle_days AS deal_cycle,
               CASE WHEN coalesce(a.invoiced, 0) <> 0 THEN coalesce(a.paid, 0) / a.invoiced * 100
               END AS collection_rate,
               a.satisfaction, coalesce(a.visits, 0)::DOUBLE AS visits,
               a.complete_share AS record_completeness
        FROM p LEFT JOIN agg a USING (subject) LEFT JOIN split USING (subject)"""
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
    measures = """
        SELECT p.subject, p.active, a.satisfaction, a.renewal_rate,
               coalesce(a.visits, 0)::DOUBLE AS health_checks, a.timeliness,
               coalesce(a.complaints, 0)::DOUBLE AS complaints
        FROM people p LEFT JOIN agg a USING (subject) WHERE p.role = 'csm'"""
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
