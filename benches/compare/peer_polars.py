"""The demo's quarter in polars, in float64, as a competent analyst would write it.

Same steps as peer_pandas.py in polars' idiom: read facts.csv (every column text),
drop rows without an id, keep one copy of exact duplicates and drop ids seen with
two contents, keep the roster's active subjects, parse the timestamps (offset or
Z; date-only values are local midnight), read numbers and booleans (a row whose
needed value does not read is dropped), then per plan: aggregates by subject, the
plan's curves as expressions, the weighted tree with re-weighting, the gate,
floor/ceiling, rounding half away from zero, rating bands and competition ranks.

polars' CSV reader pads a cut-short line with nulls and has no option to skip it,
so the demo's cut-short call rows (the ledger's bad_row) are counted as calls.
"""

from __future__ import annotations

import os
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import polars as pl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import plans as plan_spec  # noqa: E402

TRUE = ["true", "1", "yes"]
FALSE = ["false", "0", "no"]


# --- curves as expressions (null = no data) ------------------------------------

def ratio_curve(actual, target, c, lower=False):
    if lower:
        ach = pl.when(actual <= 0).then(float("inf")).otherwise(target / actual * 100)
    else:
        ach = actual / target * 100
    score = ach.clip(0, c["cap"] if c["cap"] is not None else float("inf"))
    if c["gate"] is not None:
        score = pl.when(ach < c["gate"]).then(0.0).otherwise(score)
    return pl.when(actual.is_null()).then(None).otherwise(score)


def step_curve(x, tiers, below):
    expr = pl.when(x.is_null()).then(None)
    for at, score in reversed(tiers):
        expr = expr.when(x >= at).then(score)
    return expr.otherwise(float(below))


def linear_curve(x, tiers, c):
    (a0, s0) = tiers[0]
    (a, sa), (b, sb) = tiers[-2], tiers[-1]
    if c["above"] == "extrapolate":
        above = sb + (x - b) * (sb - sa) / (b - a)
        if c["max"] is not None:
            above = pl.min_horizontal(above, pl.lit(c["max"]))
    else:
        above = pl.lit(sb)
    expr = pl.when(x.is_null()).then(None).when(x > b).then(above)
    for (a, sa), (b, sb) in reversed(list(zip(tiers, tiers[1:]))):
        expr = expr.when(x >= a).then(sa + (x - a) * (sb - sa) / (b - a))
    return expr.otherwise(0.0 if c["below"] in (None, "zero") else s0)


def group(children):
    """children: [(score expr, weight, missing policy)] -> weighted mean over those with data."""
    num, den, have = [], [], []
    for s, w, policy in children:
        if policy == "zero":
            s = s.fill_null(0.0)
        num.append(pl.when(s.is_not_null()).then(s * w).otherwise(0.0))
        den.append(pl.when(s.is_not_null()).then(pl.lit(w)).otherwise(0.0))
        have.append(s.is_not_null())
    return pl.when(pl.any_horizontal(have)).then(pl.sum_horizontal(num) / pl.sum_horizontal(den))


def score_plan(plan, people, act_cols, score_exprs):
    def node(nid):
        if nid in plan.tree:
            return group([(node(c), plan.weights[c], pol) for c, pol in plan.tree[nid]])
        return pl.col(f"s:{nid}")
    df = people.with_columns(**{f"s:{k}": v for k, v in score_exprs.items()})
    total = node("root")
    for ind, threshold, cap in plan.gates:
        a = pl.col(ind)
        total = pl.when(a.is_not_null() & (a < threshold)).then(pl.min_horizontal(total, pl.lit(cap))) \
                  .otherwise(total)
    df = df.with_columns(total_raw=total.clip(plan.floor, plan.ceiling))
    df = df.with_columns(total=pl.col("total_raw").round(plan.scale, mode="half_away_from_zero"))
    rating = pl.when(pl.col("total").is_null()).then(None)
    for name, lo in plan.ratings[:-1]:
        rating = rating.when(pl.col("total") >= lo).then(pl.lit(name))
    rating = rating.otherwise(pl.lit(plan.ratings[-1][0]))
    return df.with_columns(rating=rating, rank=pl.col("total").rank(method="min", descending=True))


def main():
    data, period, out = common.args()
    spec = plan_spec.load(data)
    q_start, q_end, q_days = plan_spec.quarter(period)
    tz = spec["telesales"].time_zone
    utc = ZoneInfo("UTC")
    w0 = datetime.fromisoformat(q_start).replace(tzinfo=ZoneInfo(tz)).astimezone(utc)
    w1 = datetime.fromisoformat(q_end).replace(tzinfo=ZoneInfo(tz)).astimezone(utc)
    clock = common.Clock()

    facts = pl.read_csv(os.path.join(data, "facts.csv"), infer_schema=False)
    rows_read = facts.height
    roster = pl.read_csv(os.path.join(data, "roster.csv"), infer_schema=False)
    team_targets = pl.read_csv(os.path.join(data, "team_targets.csv"), infer_schema=False)
    clock.lap("read")

    facts = facts.filter(pl.col("id").is_not_null()).unique(maintain_order=True)
    facts = facts.filter(pl.len().over("id") == 1)
    p_first = date.fromisoformat(q_start)
    p_last = date.fromisoformat(q_end) - timedelta(days=1)
    start = pl.col("start").str.to_date("%Y-%m-%d", strict=False).fill_null(p_first)
    end = pl.col("end").str.to_date("%Y-%m-%d", strict=False).fill_null(p_last)
    days = ((pl.min_horizontal(end, pl.lit(p_last)) - pl.max_horizontal(start, pl.lit(p_first)))
            .dt.total_days() + 1).clip(lower_bound=0)
    roster = roster.with_columns(active=days / q_days) \
        .filter((pl.col("active") > 0) & pl.col("role").is_in(list(spec)))
    facts = facts.join(roster.select("subject", "role"), on="subject", how="inner")
    clock.lap("clean")

    def instant(col):
        s = pl.col(col)
        ts = s.str.to_datetime("%Y-%m-%dT%H:%M:%S%#z", strict=False, time_zone="UTC")
        local_midnight = s.str.to_datetime("%Y-%m-%d", strict=False, time_zone=tz) \
            .dt.convert_time_zone("UTC")
        return pl.coalesce(ts, local_midnight).alias(col)
    facts = facts.with_columns(instant("at"), instant("created_at"), instant("updated_at"))
    clock.lap("dates")

    def in_q(col):
        return (pl.col(col) >= w0) & (pl.col(col) < w1)

    within_24h = ((pl.col("updated_at") - pl.col("created_at")).dt.total_milliseconds()
                  .is_between(0, 24 * 3600 * 1000)).fill_null(False)

    def number(col="amount"):
        return pl.col(col).cast(pl.Float64, strict=False)

    def boolean(col):
        low = pl.col(col).str.to_lowercase()
        return pl.when(low.is_in(TRUE)).then(True).when(low.is_in(FALSE)).then(False).otherwise(None)

    def people_of(role):
        return roster.filter(pl.col("role") == role).select("subject", "team", "share", "active") \
                     .sort("subject")

    def attach(people, *aggs, fill=()):
        for a in aggs:
            people = people.join(a, on="subject", how="left")
        return people.with_columns([pl.col(c).fill_null(0) for c in fill])

    results = []

    # --- telesales -------------------------------------------------------------
    p = spec["telesales"]
    I = p.indicators
    T = facts.filter(pl.col("role") == "telesales")
    calls = T.filter((pl.col("type") == "call") & in_q("at")).group_by("subject").agg(calls=pl.len())
    won = T.filter((pl.col("type") == "deal") & (pl.col("stage") == "won")) \
        .with_columns(amount=number()).filter(pl.col("amount").is_not_null() & in_q("at")) \
        .group_by("subject").agg(won=pl.len(), won_amount=pl.col("amount").sum())
    leads = T.filter((pl.col("type") == "lead") & in_q("created_at")).group_by("subject") \
        .agg(leads=pl.len(), follow_up_24h=within_24h.mean() * 100)
    recs = T.filter(pl.col("type") == "record").with_columns(complete=boolean("complete")) \
        .filter(pl.col("complete").is_not_null() & in_q("updated_at")) \
        .group_by("subject").agg(record_completeness=pl.col("complete").mean() * 100)
    people = attach(people_of("telesales"), calls, won, leads, recs,
                    fill=("calls", "won", "won_amount", "leads"))
    people = people.with_columns(
        conversion=pl.when(pl.col("leads") > 0).then(pl.col("won") / pl.col("leads") * 100))
    act = pl.col
    active = pl.col("active")
    sc = {
        "conversion": step_curve(act("conversion"), I["conversion"].tiers, I["conversion"].curve["below"]),
        "won_amount": ratio_curve(act("won_amount"), I["won_amount"].target * active, I["won_amount"].curve),
        "calls": linear_curve(act("calls"), [(a * active, s) for a, s in I["calls"].tiers], I["calls"].curve),
        "follow_up_24h": ratio_curve(act("follow_up_24h"), I["follow_up_24h"].target, I["follow_up_24h"].curve),
        "record_completeness": ratio_curve(act("record_completeness"), I["record_completeness"].target,
                                           I["record_completeness"].curve),
    }
    results.append((p, score_plan(p, people, list(I), sc), list(I)))

    # --- key account managers ------------------------------------------------------
    p = spec["kam"]
    I = p.indicators
    K = facts.filter(pl.col("role") == "kam")
    deals = K.filter(pl.col("type") == "deal").with_columns(amount=number()) \
        .filter(pl.col("amount").is_not_null()) \
        .filter(~((pl.col("stage") == "won") & (pl.col("at") < pl.col("created_at"))))
    won = deals.filter((pl.col("stage") == "won") & in_q("at"))
    new_customers = won.filter(pl.col("amount") >= 500000).group_by("subject") \
        .agg(new_customers=pl.col("customer").n_unique())
    cycle = won.group_by("subject").agg(
        deal_cycle=((pl.col("at") - pl.col("created_at")).dt.total_milliseconds() / 86_400_000).mean())
    money = K.filter(pl.col("type").is_in(["contract", "invoice", "payment"])) \
        .with_columns(amount=number()).filter(pl.col("amount").is_not_null() & in_q("at")) \
        .group_by("subject").agg(
            contract_amount=pl.col("amount").filter(pl.col("type") == "contract").sum(),
            paid=pl.col("amount").filter(pl.col("type") == "payment").sum(),
            invoiced=pl.col("amount").filter(pl.col("type") == "invoice").sum())
    surveys = K.filter(pl.col("type") == "survey").with_columns(score=number("score")) \
        .filter(pl.col("score").is_not_null() & in_q("at")) \
        .group_by("subject").agg(satisfaction=pl.col("score").mean())
    visits = K.filter((pl.col("type") == "visit") & in_q("at")).group_by("subject").agg(visits=pl.len())
    recs = K.filter(pl.col("type") == "record").with_columns(complete=boolean("complete")) \
        .filter(pl.col("complete").is_not_null() & in_q("updated_at")) \
        .group_by("subject").agg(record_completeness=pl.col("complete").mean() * 100)
    tt = team_targets.filter(pl.col("indicator") == "contract_amount") \
        .select("team", team_target=pl.col("target").cast(pl.Float64))
    people = attach(people_of("kam"), new_customers, cycle, money, surveys, visits, recs,
                    fill=("new_customers", "contract_amount", "paid", "invoiced", "visits"))
    share = pl.col("share").cast(pl.Float64, strict=False)
    people = people.join(tt, on="team", how="left").with_columns(
        collection_rate=pl.when(pl.col("invoiced") != 0).then(pl.col("paid") / pl.col("invoiced") * 100),
        contract_target=pl.when(pl.col("team_target").is_null()).then(I["contract_amount"].target)
        .when(share.is_not_null().all().over("team") & (share.sum().over("team") > 0))
        .then(pl.col("team_target") * share / share.sum().over("team"))
        .otherwise(pl.col("team_target") / pl.len().over("team")) * pl.col("active"))
    sc = {
        "new_customers": step_curve(act("new_customers"),
                                    [(a * active, s) for a, s in I["new_customers"].tiers],
                                    I["new_customers"].curve["below"]),
        "contract_amount": linear_curve(act("contract_amount") / act("contract_target") * 100,
                                        I["contract_amount"].tiers, I["contract_amount"].curve),
        "deal_cycle": ratio_curve(act("deal_cycle"), I["deal_cycle"].target, I["deal_cycle"].curve, lower=True),
        "collection_rate": ratio_curve(act("collection_rate"), I["collection_rate"].target,
                                       I["collection_rate"].curve),
        "satisfaction": linear_curve(act("satisfaction"), I["satisfaction"].tiers, I["satisfaction"].curve),
        "visits": ratio_curve(act("visits"), I["visits"].target * active, I["visits"].curve),
        "record_completeness": ratio_curve(act("record_completeness"), I["record_completeness"].target,
                                           I["record_completeness"].curve),
    }
    results.append((p, score_plan(p, people, list(I), sc), list(I)))

    # --- customer success managers ---------------------------------------------------
    p = spec["csm"]
    I = p.indicators
    C = facts.filter(pl.col("role") == "csm")
    surveys = C.filter(pl.col("type") == "survey").with_columns(score=number("score")) \
        .filter(pl.col("score").is_not_null() & in_q("at")) \
        .group_by("subject").agg(satisfaction=pl.col("score").mean())
    renewals = C.filter(pl.col("type") == "renewal").with_columns(renewed=boolean("renewed")) \
        .filter(pl.col("renewed").is_not_null() & in_q("at")) \
        .group_by("subject").agg(renewal_rate=pl.col("renewed").mean() * 100)
    visits = C.filter((pl.col("type") == "visit") & in_q("at")).group_by("subject").agg(health_checks=pl.len())
    recs = C.filter((pl.col("type") == "record") & in_q("updated_at")).group_by("subject") \
        .agg(timeliness=within_24h.mean() * 100)
    complaints = C.filter((pl.col("type") == "complaint") & in_q("at")).group_by("subject") \
        .agg(complaints=pl.len())
    people = attach(people_of("csm"), surveys, renewals, visits, recs, complaints,
                    fill=("health_checks", "complaints"))
    c = I["complaints"].curve
    sc = {
        "satisfaction": linear_curve(act("satisfaction"), I["satisfaction"].tiers, I["satisfaction"].curve),
        "renewal_rate": linear_curve(act("renewal_rate"), I["renewal_rate"].tiers, I["renewal_rate"].curve),
        "health_checks": ratio_curve(act("health_checks"), I["health_checks"].target * active,
                                     I["health_checks"].curve),
        "timeliness": ratio_curve(act("timeliness"), I["timeliness"].target, I["timeliness"].curve),
        "complaints": (c["full"] - c["per_unit"] * act("complaints")).clip(c["floor"], c["full"]),
    }
    results.append((p, score_plan(p, people, list(I), sc), list(I)))
    clock.lap("score")
    work = clock.total()

    rows = []
    for p, df, inds in results:
        for r in df.iter_rows(named=True):
            rows.append({"subject": r["subject"], "plan": p.id, "total_raw": r["total_raw"],
                         "total": r["total"], "rating": r["rating"], "rank": r["rank"],
                         "scores": {i: r[f"s:{i}"] for i in inds},
                         "actuals": {i: r.get(i) for i in inds}})
    common.write_rows(out, rows)
    common.report({"work_s": work, "rows": rows_read, "phases": clock.phases,
                   "versions": {"polars": pl.__version__}})


if __name__ == "__main__":
    main()
