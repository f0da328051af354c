"""The demo's quarter in pandas, in float64, as a competent analyst would write it.

Read facts.csv (pyarrow engine, all text; cut-short lines skipped), drop rows
without an id, keep one copy of rows exported twice and drop ids seen with two
contents, keep subjects of the roster that are active in the quarter, parse the
timestamps (UTC instants; the quarter window is [start, end) in the plans' zone),
read numbers and booleans (a row whose needed value does not read is dropped, as
the ledger rejects it), then per plan: counts, sums, means, shares and ratios of
totals by subject, the plan's curves, the weighted tree with re-weighting, the
gate, floor/ceiling, rounding half away from zero, rating bands and competition
ranks.
"""

from __future__ import annotations

import os
import sys

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import plans as plan_spec  # noqa: E402

TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


# --- curves on numpy arrays (NaN = no data) --------------------------------

def ratio_curve(actual, target, c, lower=False):
    with np.errstate(divide="ignore", invalid="ignore"):
        if lower:
            ach = np.where(actual <= 0, np.inf, target / actual * 100)
        else:
            ach = actual / target * 100
    score = np.clip(ach, 0, c["cap"] if c["cap"] is not None else np.inf)
    if c["gate"] is not None:
        score = np.where(ach < c["gate"], 0.0, score)
    return np.where(np.isnan(actual), np.nan, score)


def step_curve(x, tiers, below):
    """tiers: [(at array or float, score)], easiest first."""
    s = np.full(len(x), float(below))
    for at, score in tiers:
        s = np.where(x >= at, score, s)
    return np.where(np.isnan(x), np.nan, s)


def linear_curve(x, tiers, c):
    (a0, s0) = tiers[0]
    out = np.where(x < a0, 0.0 if c["below"] in (None, "zero") else s0, np.nan)
    for (a, sa), (b, sb) in zip(tiers, tiers[1:]):
        seg = (x >= a) & (x <= b)
        out = np.where(seg & np.isnan(out), sa + (x - a) * (sb - sa) / (b - a), out)
    (a, sa), (b, sb) = tiers[-2], tiers[-1]
    if c["above"] == "extrapolate":
        above = sb + (x - b) * (sb - sa) / (b - a)
        if c["max"] is not None:
            above = np.minimum(above, c["max"])
    else:
        above = np.full(len(x), sb)
    out = np.where(x > b, above, out)
    return np.where(np.isnan(x), np.nan, out)


def group(children):
    """children: [(score array, weight, missing policy)] -> weighted mean over those with data."""
    num = 0.0
    den = 0.0
    have = None
    for s, w, policy in children:
        if policy == "zero":
            s = np.where(np.isnan(s), 0.0, s)
        ok = ~np.isnan(s)
        num = num + np.where(ok, s * w, 0.0)
        den = den + np.where(ok, w, 0.0)
        have = ok if have is None else (have | ok)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(have, num / den, np.nan)


def finish(plan, subjects, tree_score, gate_actuals):
    total = tree_score.copy()
    for ind, threshold, cap in plan.gates:
        a = gate_actuals[ind]
        total = np.where(~np.isnan(a) & (a < threshold), np.minimum(total, cap), total)
    total = np.clip(total, plan.floor, plan.ceiling)
    # 四舍五入 to 2 decimals, the way a spreadsheet-minded analyst writes it in floats.
    scale = 10.0 ** plan.scale
    rounded = np.floor(total * scale + 0.5) / scale
    conds = [rounded >= lo for _, lo in plan.ratings[:-1]]
    rating = np.select(conds, [n for n, _ in plan.ratings[:-1]], default=plan.ratings[-1][0]).astype(object)
    rating[np.isnan(rounded)] = None
    rank = pd.Series(rounded).rank(method="min", ascending=False).to_numpy()
    return pd.DataFrame({"subject": subjects, "total_raw": total, "total": rounded,
                         "rating": rating, "rank": rank})


def main():
    data, period, out = common.args()
    spec = plan_spec.load(data)
    q_start, q_end, q_days = plan_spec.quarter(period)
    tz = spec["telesales"].time_zone
    w0 = pd.Timestamp(q_start, tz=tz)
    w1 = pd.Timestamp(q_end, tz=tz)
    clock = common.Clock()

    # --- read ---------------------------------------------------------------
    facts = pd.read_csv(os.path.join(data, "facts.csv"), dtype=str, engine="pyarrow",
                        on_bad_lines="skip")
    rows_read = len(facts)
    roster = pd.read_csv(os.path.join(data, "roster.csv"), dtype=str)
    team_targets = pd.read_csv(os.path.join(data, "team_targets.csv"), dtype=str)
    clock.lap("read")

    # --- clean: ids, duplicates, conflicts, roster ---------------------------
    facts = facts[facts["id"].notna()]
    facts = facts.drop_duplicates()
    facts = facts[~facts["id"].duplicated(keep=False)]
    p_first = pd.Timestamp(q_start)
    p_last = pd.Timestamp(q_end) - pd.Timedelta(days=1)
    start = pd.to_datetime(roster["start"], errors="coerce").fillna(p_first).clip(lower=p_first)
    end = pd.to_datetime(roster["end"], errors="coerce").fillna(p_last).clip(upper=p_last)
    days = ((end - start).dt.days + 1).clip(lower=0)
    roster["active"] = days / q_days
    roster = roster[(days > 0) & roster["role"].isin(spec.keys())].set_index("subject")
    facts["role"] = facts["subject"].map(roster["role"])
    facts = facts[facts["role"].notna()]
    clock.lap("clean")

    # --- parse dates (instants in UTC; the window compares instants) ----------
    for col in ("at", "created_at", "updated_at"):
        facts[col] = pd.to_datetime(facts[col], format="ISO8601", utc=True, errors="coerce")
    clock.lap("dates")

    def in_q(ts):
        return (ts >= w0) & (ts < w1)

    def per_subject(people, series, fill=None):
        s = series.reindex(people)
        return s.fillna(fill).to_numpy(dtype=float) if fill is not None else s.to_numpy(dtype=float)

    def amounts(df, col="amount"):
        v = pd.to_numeric(df[col], errors="coerce")
        return df.assign(**{col: v})[v.notna()]

    def booleans(df, col):
        low = df[col].str.lower()
        v = low.isin(TRUE)
        ok = v | low.isin(FALSE)
        return df.assign(**{col: v})[ok]

    def within_24h(df):
        d = df["updated_at"] - df["created_at"]
        return (d >= pd.Timedelta(0)) & (d <= pd.Timedelta(hours=24))

    results = []

    # --- telesales ------------------------------------------------------------
    p = spec["telesales"]
    T = facts[facts["role"] == "telesales"]
    people = roster.index[roster["role"] == "telesales"]
    active = roster.loc[people, "active"].to_numpy(dtype=float)
    calls = T[(T["type"] == "call") & in_q(T["at"])].groupby("subject").size()
    won = amounts(T[(T["type"] == "deal") & (T["stage"] == "won")])
    won = won[in_q(won["at"])]
    leads = T[(T["type"] == "lead") & in_q(T["created_at"])]
    recs = booleans(T[T["type"] == "record"], "complete")
    recs = recs[in_q(recs["updated_at"])]
    n_leads = per_subject(people, leads.groupby("subject").size(), 0)
    n_won = per_subject(people, won.groupby("subject").size(), 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        act = {
            "conversion": np.where(n_leads > 0, n_won / n_leads * 100, np.nan),
            "won_amount": per_subject(people, won.groupby("subject")["amount"].sum(), 0),
            "calls": per_subject(people, calls, 0),
            "follow_up_24h": per_subject(people, within_24h(leads).groupby(leads["subject"]).mean() * 100),
            "record_completeness": per_subject(people, recs.groupby("subject")["complete"].mean() * 100),
        }
    I = p.indicators
    sc = {
        "conversion": step_curve(act["conversion"], I["conversion"].tiers, I["conversion"].curve["below"]),
        "won_amount": ratio_curve(act["won_amount"], I["won_amount"].target * active, I["won_amount"].curve),
        "calls": linear_curve(act["calls"], [(a * active, s) for a, s in I["calls"].tiers], I["calls"].curve),
        "follow_up_24h": ratio_curve(act["follow_up_24h"], I["follow_up_24h"].target, I["follow_up_24h"].curve),
        "record_completeness": ratio_curve(act["record_completeness"], I["record_completeness"].target,
                                           I["record_completeness"].curve),
    }
    results.append(score_tree(p, people, sc, act))

    # --- key account managers ----------------------------------------------------
    p = spec["kam"]
    I = p.indicators
    K = facts[facts["role"] == "kam"]
    people = roster.index[roster["role"] == "kam"]
    active = roster.loc[people, "active"].to_numpy(dtype=float)
    deals = amounts(K[K["type"] == "deal"])            # every deal's amount is read (amount ≥ 500000)
    deals = deals[~((deals["stage"] == "won") & (deals["at"] < deals["created_at"]))]  # closed before created
    won = deals[(deals["stage"] == "won") & in_q(deals["at"])]
    big = won[won["amount"] >= 500000]
    cycle_days = (won["at"] - won["created_at"]).dt.total_seconds() / 86400
    money = amounts(K[K["type"].isin(["contract", "invoice", "payment"])])
    money = money[in_q(money["at"])]
    by_type = money.groupby(["subject", "type"])["amount"].sum().unstack("type")
    surveys = amounts(K[K["type"] == "survey"], "score")
    surveys = surveys[in_q(surveys["at"])]
    visits = K[(K["type"] == "visit") & in_q(K["at"])]
    recs = booleans(K[K["type"] == "record"], "complete")
    recs = recs[in_q(recs["updated_at"])]
    paid = per_subject(people, by_type.get("payment", pd.Series(dtype=float)), 0)
    invoiced = per_subject(people, by_type.get("invoice", pd.Series(dtype=float)), 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        act = {
            "new_customers": per_subject(people, big.groupby("subject")["customer"].nunique(), 0),
            "contract_amount": per_subject(people, by_type.get("contract", pd.Series(dtype=float)), 0),
            "deal_cycle": per_subject(people, cycle_days.groupby(won["subject"]).mean()),
            "collection_rate": np.where(invoiced != 0, paid / invoiced * 100, np.nan),
            "satisfaction": per_subject(people, surveys.groupby("subject")["score"].mean()),
            "visits": per_subject(people, visits.groupby("subject").size(), 0),
            "record_completeness": per_subject(people, recs.groupby("subject")["complete"].mean() * 100),
        }
    # contract targets: the team's target split by share (every member has one) or evenly
    members = roster.loc[people, ["team", "share"]].copy()
    members["share"] = pd.to_numeric(members["share"], errors="coerce")
    tt = team_targets[team_targets["indicator"] == "contract_amount"].set_index("team")["target"].astype(float)
    g = members.groupby("team")["share"]
    by_share = g.transform(lambda s: s.notna().all() and s.sum() > 0)
    part = np.where(by_share, members["team"].map(tt) * members["share"] / g.transform("sum"),
                    members["team"].map(tt) / g.transform("size"))
    base = np.where(np.isnan(part), I["contract_amount"].target, part)
    target = base * active
    ach = act["contract_amount"] / target * 100
    sc = {
        "new_customers": step_curve(act["new_customers"], [(a * active, s) for a, s in I["new_customers"].tiers],
                                    I["new_customers"].curve["below"]),
        "contract_amount": linear_curve(ach, I["contract_amount"].tiers, I["contract_amount"].curve),
        "deal_cycle": ratio_curve(act["deal_cycle"], I["deal_cycle"].target, I["deal_cycle"].curve, lower=True),
        "collection_rate": ratio_curve(act["collection_rate"], I["collection_rate"].target,
                                       I["collection_rate"].curve),
        "satisfaction": linear_curve(act["satisfaction"], I["satisfaction"].tiers, I["satisfaction"].curve),
        "visits": ratio_curve(act["visits"], I["visits"].target * active, I["visits"].curve),
        "record_completeness": ratio_curve(act["record_completeness"], I["record_completeness"].target,
                                           I["record_completeness"].curve),
    }
    results.append(score_tree(p, people, sc, act))

    # --- customer success managers ---------------------------------------------------
    p = spec["csm"]
    I = p.indicators
    C = facts[facts["role"] == "csm"]
    people = roster.index[roster["role"] == "csm"]
    active = roster.loc[people, "active"].to_numpy(dtype=float)
    surveys = amounts(C[C["type"] == "survey"], "score")
    surveys = surveys[in_q(surveys["at"])]
    renewals = booleans(C[C["type"] == "renewal"], "renewed")
    renewals = renewals[in_q(renewals["at"])]
    visits = C[(C["type"] == "visit") & in_q(C["at"])]
    recs = C[(C["type"] == "record") & in_q(C["updated_at"])]
    complaints = C[(C["type"] == "complaint") & in_q(C["at"])]
    with np.errstate(divide="ignore", invalid="ignore"):
        act = {
            "satisfaction": per_subject(people, surveys.groupby("subject")["score"].mean()),
            "renewal_rate": per_subject(people, renewals.groupby("subject")["renewed"].mean() * 100),
            "health_checks": per_subject(people, visits.groupby("subject").size(), 0),
            "timeliness": per_subject(people, within_24h(recs).groupby(recs["subject"]).mean() * 100),
            "complaints": per_subject(people, complaints.groupby("subject").size(), 0),
        }
    c = I["complaints"].curve
    sc = {
        "satisfaction": linear_curve(act["satisfaction"], I["satisfaction"].tiers, I["satisfaction"].curve),
        "renewal_rate": linear_curve(act["renewal_rate"], I["renewal_rate"].tiers, I["renewal_rate"].curve),
        "health_checks": ratio_curve(act["health_checks"], I["health_checks"].target * active,
                                     I["health_checks"].curve),
        "timeliness": ratio_curve(act["timeliness"], I["timeliness"].target, I["timeliness"].curve),
        "complaints": np.clip(c["full"] - c["per_unit"] * act["complaints"], c["floor"], c["full"]),
    }
    results.append(score_tree(p, people, sc, act))
    clock.lap("score")

    work = clock.total()
    rows = []
    for p, df, sc, act in results:
        for i, r in enumerate(df.itertuples(index=False)):
            rows.append({"subject": r.subject, "plan": p.id, "total_raw": r.total_raw, "total": r.total,
                         "rating": r.rating, "rank": r.rank,
                         "scores": {k: v[i] for k, v in sc.items()},
                         "actuals": {k: v[i] for k, v in act.items()}})
    common.write_rows(out, rows)
    common.report({"work_s": work, "rows": rows_read, "phases": clock.phases,
                   "versions": {"pandas": pd.__version__, "numpy": np.__version__}})


def score_tree(plan, people, scores, actuals):
    def node(nid):
        if nid in plan.tree:
            return group([(node(c), plan.weights[c], pol) for c, pol in plan.tree[nid]])
        return scores[nid]
    tree_score = node("root")
    df = finish(plan, np.asarray(people), tree_score, actuals)
    return plan, df, scores, actuals


if __name__ == "__main__":
    main()
