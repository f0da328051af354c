#!/usr/bin/env python3
"""Writes the valid conformance cases (conformance/cases/NNN-slug.json).

Each case is {description, derivation, plan, input, expected}.  This script
writes `expected: null`; fill it with `python3 conformance/oracle.py --write`
and check it with `--check`.  Numbers are written as decimal strings (except
in the cases that test JSON numbers) so no binary float is ever involved.

Run:  python3 conformance/make_cases.py && python3 conformance/oracle.py --write
"""

import argparse
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cases")

CASES = []


def case(slug, description, derivation, plan, input_):
    CASES.append((slug, {
        "description": description,
        "derivation": derivation,
        "plan": plan,
        "input": input_,
        "expected": None,
    }))


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------


def plan(pid, name, indicators, tree, adjustments=None, total=None, ratings=None,
         payout=None, ranking=None, rounding=None, version="1"):
    p = {"id": pid, "name": name, "version": version, "indicators": indicators, "tree": tree}
    for key, value in (("adjustments", adjustments), ("total", total), ("ratings", ratings),
                       ("payout", payout), ("ranking", ranking), ("rounding", rounding)):
        if value is not None:
            p[key] = value
    return p


def indicator(iid, name, unit="count", curve=None, target=None, direction="higher_is_better",
              cls=None, auxiliary=None, step=None, currency=None):
    u = {"kind": unit}
    if unit == "money":
        u["currency"] = currency or "CNY"
    ind = {"id": iid, "name": name, "unit": u}
    if step is not None:
        ind["step"] = step
    ind["direction"] = direction
    if cls is not None:
        ind["class"] = cls
    if auxiliary is not None:
        ind["auxiliary"] = auxiliary
    if target is not None:
        ind["target"] = target
    ind["curve"] = curve
    return ind


def target(value=None, tiers=None, per_subject=None, prorate=None, basis=None, boundary=None):
    t = {}
    if value is not None:
        t["value"] = value
    if per_subject is not None:
        t["per_subject"] = per_subject
    if prorate is not None:
        t["prorate"] = prorate
    if basis is not None:
        t["tier_basis"] = basis
    if tiers is not None:
        t["tiers"] = [{"name": n, "at": a, "score": s} if s is not None else {"name": n, "at": a}
                      for n, a, s in tiers]
    if boundary is not None:
        t["boundary"] = boundary
    return t


def ratio(cap=None, gate=None, below=None):
    c = {"kind": "ratio"}
    if cap is not None:
        c["cap"] = cap
    if gate is not None:
        c["gate"] = gate
    if below is not None:
        c["below"] = below
    return c


def step_curve(below=None):
    c = {"kind": "step"}
    if below is not None:
        c["below"] = below
    return c


def linear(below=None, above=None, vmax=None):
    c = {"kind": "linear"}
    if below is not None:
        c["below"] = below
    if above is not None:
        c["above"] = above
    if vmax is not None:
        c["max"] = vmax
    return c


def group(gid, children, name=None, weight=None, missing=None):
    g = {"group": gid}
    if name is not None:
        g["name"] = name
    if weight is not None:
        g["weight"] = weight
    if missing is not None:
        g["missing"] = missing
    g["children"] = children
    return g


def ref(iid, weight=None, missing=None):
    r = {"indicator": iid}
    if weight is not None:
        r["weight"] = weight
    if missing is not None:
        r["missing"] = missing
    return r


def subject(sid, actuals=None, **extra):
    s = {"id": sid}
    if actuals is not None:
        s["actuals"] = actuals
    s.update(extra)
    return s


def inp(subjects, what_it_takes=None):
    d = {"subjects": subjects}
    if what_it_takes is not None:
        d["options"] = {"what_it_takes": what_it_takes}
    return d


SABCD = [{"name": "S", "min": "110"}, {"name": "A", "min": "100"}, {"name": "B", "min": "85"},
         {"name": "C", "min": "70"}, {"name": "D"}]
COMPETITION = {"method": "competition"}
TIERS_3 = [("门槛", "150", "60"), ("目标", "200", "100"), ("挑战", "250", "120")]
CHECKED = "exact rational calculation by conformance/oracle.py, checked by hand: "


# ---------------------------------------------------------------------------
# The three roles of docs/DOMAIN.md and the 40/30/30 weights
# ---------------------------------------------------------------------------

case("telesales-calls-conversion",
     "Telesales (电话销售): 200 outbound calls a month and conversion ≥ 15 %, ratio curves capped at 120, weights 60/40; subjects given out of id order",
     "calls: wang.wu 250/200=125% → capped 120; zhang.san 212/200=106% → 106; li.si 180/200=90% → 90. "
     "conversion: wang.wu 15/15=100% → 100; zhang.san 16.5/15=110% → 110; li.si 12/15=80% → 80. "
     "totals: wang.wu 120×0.6+100×0.4=72+40=112.00 → S; zhang.san 106×0.6+110×0.4=63.6+44=107.60 → A; "
     "li.si 90×0.6+80×0.4=54+32=86.00 → B. Ranks (competition): wang.wu 1, zhang.san 2, li.si 3.",
     plan("telesales-2026", "电话销售 KPI 2026",
          [indicator("calls", "外呼量", "count", ratio("120"), target("200"), cls="process"),
           indicator("conversion", "转化率", "percent", ratio("120"), target("15"))],
          group("root", [ref("calls", "60"), ref("conversion", "40")], name="总分"),
          ratings=SABCD, ranking=COMPETITION),
     inp([subject("wang.wu", {"calls": "250", "conversion": "15"}),
          subject("zhang.san", {"calls": "212", "conversion": "16.5"}, name="张三"),
          subject("li.si", {"calls": "180", "conversion": "12"}, name="李四")]))

case("key-account-manager-quarter",
     "Key account manager (大客户经理): each quarter 2 new signed customers (step tiers 1/2/3 → 60/100/120) and contracts ≥ 500,000 (ratio, gate 60 %, cap 150)",
     "new_signed step: kam.a 2 → 目标 100; kam.b 1 → 门槛 60; kam.c 3 → 挑战 120 (achievement 2/2=100%, 1/2=50%, 3/2=150%). "
     "contract ratio: kam.a 620000/500000=124% → 124; kam.b 250000/500000=50% < gate 60 → 0 (gated); "
     "kam.c 800000/500000=160% → capped 150. totals (50/50): kam.a (100+124)/2=112.00 S; kam.b (60+0)/2=30.00 D; "
     "kam.c (120+150)/2=135.00 S. Ranks: kam.c 1, kam.a 2, kam.b 3.",
     plan("kam-2026-q", "大客户经理季度考核",
          [indicator("new_signed", "新签客户", "count", step_curve(),
                     target("2", [("门槛", "1", "60"), ("目标", "2", "100"), ("挑战", "3", "120")])),
           indicator("contract_amount", "合同金额", "money", ratio("150", "60"), target("500000"))],
          group("root", [ref("new_signed", "50"), ref("contract_amount", "50")]),
          ratings=SABCD, ranking=COMPETITION),
     inp([subject("kam.b", {"new_signed": "1", "contract_amount": "250000"}),
          subject("kam.c", {"new_signed": "3", "contract_amount": "800000.00"}),
          subject("kam.a", {"new_signed": "2", "contract_amount": "620000"})]))

case("customer-success-manager",
     "Customer success manager (客户成功经理): satisfaction ≥ 90 % (pass/fail) and renewal rate ≥ 85 % (ratio, cap 110); a tie at the top",
     "satisfaction pass_fail target 90: csm.a 92.5 → 100 (achievement 92.5/90=102.777…→102.78); csm.b 89.9 → 0 (99.888…→99.89); "
     "csm.c 90 → 100 (exactly met); csm.d 95 → 100 (105.555…→105.56). renewal ratio target 85 cap 110: csm.a 88.4/85=104% → 104; "
     "csm.b 80.75/85=95% → 95; csm.c 93.5/85=110% → 110 (equal to the cap: not flagged); csm.d 100/85=117.647…% → capped 110. "
     "totals (50/50): csm.a 50+52=102.00 A; csm.b 0+47.5=47.50 D; csm.c 50+55=105.00 A; csm.d 50+55=105.00 A. "
     "Ranks (competition): csm.c 1, csm.d 1, csm.a 3, csm.b 4.",
     plan("csm-2026", "客户成功经理考核",
          [indicator("satisfaction", "客户满意度", "percent", {"kind": "pass_fail"}, target("90")),
           indicator("renewal", "续约率", "percent", ratio("110"), target("85"))],
          group("root", [ref("satisfaction", "50"), ref("renewal", "50")]),
          ratings=SABCD, ranking=COMPETITION),
     inp([subject("csm.d", {"satisfaction": "95", "renewal": "100"}),
          subject("csm.a", {"satisfaction": "92.5", "renewal": "88.4"}),
          subject("csm.c", {"satisfaction": "90", "renewal": "93.5"}),
          subject("csm.b", {"satisfaction": "89.9", "renewal": "80.75"})]))

WEIGHTS_403030 = [
    indicator("new_customers", "新客户开发数", "count", ratio("150"), target("10")),
    indicator("collection_rate", "回款率", "percent", ratio("100"), target("95")),
    indicator("satisfaction", "客户满意度", "percent", ratio("110"), target("90")),
]

case("weights-40-30-30-payout-by-rating",
     "The weights of the seed articles: new-customer development 40, collection rate 30, customer satisfaction 30; payout by rating on a base of 10,000",
     "A: new 12/10=120% → 120×0.4=48; collection 90.25/95=95% → 95×0.3=28.5; satisfaction 94.5/90=105% → 105×0.3=31.5; "
     "total 108.00 → A → 10000×1.2=12000.00. B: 8/10=80% → 32; 95/95=100% → 30; 81/90=90% → 27; total 89.00 → B → 10000.00. "
     "C: 15/10=150% → 150 (= cap, not flagged) → 60; 99/95=104.21% → capped 100 → 30; 99/90=110% → 110 → 33; total 123.00 → S → 15000.00.",
     plan("sales-2026", "销售KPI绩效考核表", WEIGHTS_403030,
          group("root", [ref("new_customers", "40"), ref("collection_rate", "30"),
                         ref("satisfaction", "30")]),
          ratings=SABCD,
          payout={"currency": "CNY", "base": "10000", "by": "rating",
                  "coefficients": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.6", "D": "0"}},
          ranking=COMPETITION),
     inp([subject("C", {"new_customers": "15", "collection_rate": "99", "satisfaction": "99"}),
          subject("A", {"new_customers": "12", "collection_rate": "90.25", "satisfaction": "94.5"}),
          subject("B", {"new_customers": "8", "collection_rate": "95", "satisfaction": "81"})]))

# ---------------------------------------------------------------------------
# Curves
# ---------------------------------------------------------------------------

case("ratio-higher-cap-gate",
     "Ratio curve, higher is better, cap 120 and gate 60 %: just below the gate, exactly at the gate, capped, and a non-terminating display",
     "target 1,000,000. s1 599999.99 → 59.999999% < 60 → 0, flag gated (achievement shown 60.00 after rounding). "
     "s2 600000 → 60% = gate → 60. s3 1234567.89 → 123.456789% → capped 120. s4 987654.32 → 98.765432% → 98.77. "
     "One indicator at weight 100, so each total equals the score.",
     plan("ratio-higher", "回款额考核",
          [indicator("sales", "销售额", "money", ratio("120", "60"), target("1000000"))],
          group("root", [ref("sales", "100")]), ratings=SABCD, ranking=COMPETITION),
     inp([subject("s3", {"sales": "1234567.89"}), subject("s1", {"sales": "599999.99"}),
          subject("s4", {"sales": "987654.32"}), subject("s2", {"sales": "600000"})]))

case("ratio-lower-cap-gate-zero",
     "Ratio curve, lower is better (deal cycle in days): achievement = target ÷ actual, cap 120, gate 60 %, and an actual of 0 (best possible)",
     "target 30 days. d1 25 → 30/25=120% → 120 (= cap, no flag). d2 24 → 125% → capped 120. d3 40 → 75% → 75. "
     "d4 0 → achievement unbounded (shown null) → the cap 120, flag capped. d5 55 → 54.5454…% < 60 → 0 gated (achievement 54.55). "
     "d6 45 → 66.666…% → 66.67. Ranks: d1, d2, d4 tie at 120 → 1; d3 4; d6 5; d5 6.",
     plan("ratio-lower", "成交周期考核",
          [indicator("deal_cycle", "成交周期", "days", ratio("120", "60"), target("30"),
                     direction="lower_is_better")],
          group("root", [ref("deal_cycle", "100")]), ranking=COMPETITION),
     inp([subject("d1", {"deal_cycle": "25"}), subject("d2", {"deal_cycle": "24"}),
          subject("d3", {"deal_cycle": "40"}), subject("d4", {"deal_cycle": "0"}),
          subject("d5", {"deal_cycle": "55"}), subject("d6", {"deal_cycle": "45"})]))

case("ratio-lower-count-actual-zero",
     "Complaints (lower is better, count) on a ratio curve capped at 150 next to sales; 0 complaints scores the cap",
     CHECKED + "complaints target 2: 0 → unbounded → 150 capped; 1 → 200% → capped 150; 3 → 66.666…% → 66.67. "
     "sales target 100 ratio no cap: 110 → 110. totals 50/50: a (110+150)/2=130.00, b 130.00, c (110+66.666…)/2=88.333… → 88.33.",
     plan("complaints", "投诉考核",
          [indicator("sales", "销售额", "money", ratio(), target("100")),
           indicator("complaints", "客户投诉", "count", ratio("150"), target("2"),
                     direction="lower_is_better", cls="collaboration")],
          group("root", [ref("sales", "50"), ref("complaints", "50")])),
     inp([subject("c", {"sales": "110", "complaints": "3"}),
          subject("a", {"sales": "110", "complaints": "0"}),
          subject("b", {"sales": "110", "complaints": "1"})]))

case("step-higher",
     "Step tiers 基础/优秀/卓越 on visits (actual basis), below = 20",
     "tiers 40→60, 50→100, 60→120, target 50. v1 39 → no tier → below 20 (achievement 78). v2 40 → 基础 60 (80). "
     "v3 55 → 优秀 100 (110). v4 75 → 卓越 120 (150). Totals equal the scores (one indicator, weight 100).",
     plan("step-higher", "拜访量阶梯",
          [indicator("visits", "拜访量", "count", step_curve("20"),
                     target("50", [("基础", "40", "60"), ("优秀", "50", "100"), ("卓越", "60", "120")]),
                     cls="process")],
          group("root", [ref("visits", "100")]), ratings=SABCD),
     inp([subject("v4", {"visits": "75"}), subject("v2", {"visits": "40"}),
          subject("v1", {"visits": "39"}), subject("v3", {"visits": "55"})]))

case("step-lower-actual-basis",
     "Step tiers on a lower-is-better indicator (deal cycle 60/45/30 days, tier points decreasing), no target value",
     "tiers 门槛 60→60, 目标 45→100, 挑战 30→120; reached when actual ≤ point. c1 70 → none → 0; c2 60 → 门槛 60; "
     "c3 45.5 → 门槛 60; c4 45 → 目标 100; c5 12 → 挑战 120. No target value: target and achievement null.",
     plan("step-lower", "成交周期阶梯",
          [indicator("deal_cycle", "成交周期", "days", step_curve(),
                     target(tiers=[("门槛", "60", "60"), ("目标", "45", "100"), ("挑战", "30", "120")]),
                     direction="lower_is_better")],
          group("root", [ref("deal_cycle", "100")])),
     inp([subject("c5", {"deal_cycle": "12"}), subject("c4", {"deal_cycle": "45"}),
          subject("c3", {"deal_cycle": "45.5"}), subject("c2", {"deal_cycle": "60"}),
          subject("c1", {"deal_cycle": "70"})]))

case("step-achievement-basis",
     "Step tiers on achievement basis (80/100/120 % of the target), for a higher-is-better and a lower-is-better indicator (actual 0 reaches every tier)",
     CHECKED + "sales target 800000, tiers 80→60, 100→100, 120→130: a 640000 → 80% → 60; b 1000000 → 125% → 130; "
     "c 639999 → 79.999875% → none → 0. response (lower, target 2 days, tiers 80→60, 100→100, 150→120): a 2.5 → 2/2.5=80% → 60; "
     "b 0 → unbounded → 挑战 120; c 1 → 200% → 120. totals 50/50: a 60.00, b 125.00, c 60.00.",
     plan("step-achievement", "达成率阶梯",
          [indicator("sales", "销售额", "money", step_curve(),
                     target("800000", [("门槛", "80", "60"), ("目标", "100", "100"), ("挑战", "120", "130")],
                            basis="achievement")),
           indicator("response", "响应时长", "days", step_curve(),
                     target("2", [("基础", "80", "60"), ("优秀", "100", "100"), ("卓越", "150", "120")],
                            basis="achievement"), direction="lower_is_better")],
          group("root", [ref("sales", "50"), ref("response", "50")])),
     inp([subject("b", {"sales": "1000000", "response": "0"}),
          subject("a", {"sales": "640000", "response": "2.5"}),
          subject("c", {"sales": "639999", "response": "1"})]))

case("linear-below-zero-above-cap",
     "Interpolated tiers (linear): 150→60, 200→100, 250→120 on calls; below the first point 0, above the last point capped",
     "a 149 → below 150 → 0, no tier. b 150 → 60 (门槛). c 175 → 60+(175−150)×40/50=80 (门槛). "
     "d 230 → 100+(230−200)×20/50=112 (目标). e 300 → beyond 250 → capped at 120, flag capped (挑战). "
     "achievement vs target 200: 74.5, 75, 87.5, 115, 150.",
     plan("linear-cap", "外呼量插值",
          [indicator("calls", "外呼量", "count", linear(), target("200", TIERS_3))],
          group("root", [ref("calls", "100")])),
     inp([subject("e", {"calls": "300"}), subject("d", {"calls": "230"}),
          subject("c", {"calls": "175"}), subject("b", {"calls": "150"}),
          subject("a", {"calls": "149"})]))

case("linear-below-flat-above-extrapolate-max",
     "Interpolated tiers with below = flat and above = extrapolate up to max 140 (accelerator)",
     "tiers 150→60, 200→100, 250→120; last slope 20/50=0.4. a 100 → below → flat 60 (no tier). b 260 → 120+10×0.4=124, flag extrapolated. "
     "c 320 → 120+70×0.4=148 → max 140, flags capped+extrapolated. d 210 → 100+10×0.4=104.",
     plan("linear-extrapolate", "外呼量加速",
          [indicator("calls", "外呼量", "count", linear("flat", "extrapolate", "140"), target("200", TIERS_3))],
          group("root", [ref("calls", "100")])),
     inp([subject("a", {"calls": "100"}), subject("b", {"calls": "260"}),
          subject("c", {"calls": "320"}), subject("d", {"calls": "210"})]))

case("linear-lower-actual-basis",
     "Interpolated tiers on a lower-is-better indicator (deal cycle 60/45/30 days → 60/100/120), extrapolated to max 130",
     CHECKED + "a 50 → 60+(60−50)×40/15=86.666… → 86.67; b 25 → 120+(30−25)×20/15=126.666… → 126.67 extrapolated; "
     "c 10 → 120+20×20/15=146.67 → max 130 (capped, extrapolated); d 61 → beyond the first point → 0; e 45 → 100 exactly.",
     plan("linear-lower", "成交周期插值",
          [indicator("deal_cycle", "成交周期", "days", linear(None, "extrapolate", "130"),
                     target(tiers=[("门槛", "60", "60"), ("目标", "45", "100"), ("挑战", "30", "120")]),
                     direction="lower_is_better")],
          group("root", [ref("deal_cycle", "100")])),
     inp([subject("a", {"deal_cycle": "50"}), subject("b", {"deal_cycle": "25"}),
          subject("c", {"deal_cycle": "10"}), subject("d", {"deal_cycle": "61"}),
          subject("e", {"deal_cycle": "45"})]))

case("linear-achievement-basis",
     "Interpolated tiers on achievement basis (80→50, 100→100, 130→130) extrapolated without max",
     CHECKED + "target 500000. a 450000 → 90% → 50+10×50/20=75 (门槛); b 700000 → 140% → 130+10×1=140 extrapolated (挑战); "
     "c 350000 → 70% → below → 0; d 1000000 → 200% → 200 (no max).",
     plan("linear-achievement", "销售额达成插值",
          [indicator("sales", "销售额", "money", linear(None, "extrapolate"),
                     target("500000", [("门槛", "80", "50"), ("目标", "100", "100"), ("挑战", "130", "130")],
                            basis="achievement"))],
          group("root", [ref("sales", "100")])),
     inp([subject("d", {"sales": "1000000"}), subject("c", {"sales": "350000"}),
          subject("b", {"sales": "700000"}), subject("a", {"sales": "450000"})]))

case("band-inside-below-above",
     "Band curve (direction band): average discount rate best inside [5, 10] %, 8 points per percent outside, floor 20",
     "a 7.5 → inside → 100. b 5 → on the edge → 100. c 3.5 → 1.5 below → 100−8×1.5=88. d 12.25 → 2.25 above → 100−8×2.25=82. "
     "e 25 → 15 above → 100−120=−20 → floor 20, flag floored. No target: achievement null.",
     plan("band", "折扣率区间",
          [indicator("discount", "平均折扣率", "percent",
                     {"kind": "band", "low": "5", "high": "10", "per_unit": "8", "floor": "20"},
                     direction="band")],
          group("root", [ref("discount", "100")])),
     inp([subject("e", {"discount": "25"}), subject("a", {"discount": "7.5"}),
          subject("b", {"discount": "5"}), subject("c", {"discount": "3.5"}),
          subject("d", {"discount": "12.25"})]))

case("pass-fail-both-directions",
     "Pass/fail: satisfaction ≥ 90 (higher) and complaints ≤ 2 (lower), weights 60/40",
     "a: 91 ≥ 90 → 100; 2 ≤ 2 → 100; total 100.00. b: 89.99 < 90 → 0; 0 ≤ 2 → 100 (achievement unbounded, null); total 40.00. "
     "c: 95 → 100; 3 > 2 → 0 (achievement 2/3=66.67); total 60.00.",
     plan("pass-fail", "达标考核",
          [indicator("satisfaction", "客户满意度", "percent", {"kind": "pass_fail"}, target("90")),
           indicator("complaints", "客户投诉", "count", {"kind": "pass_fail", "full": "100"}, target("2"),
                     direction="lower_is_better")],
          group("root", [ref("satisfaction", "60"), ref("complaints", "40")])),
     inp([subject("c", {"satisfaction": "95", "complaints": "3"}),
          subject("b", {"satisfaction": "89.99", "complaints": "0"}),
          subject("a", {"satisfaction": "91", "complaints": "2"})]))

case("deduction-curve",
     "Deduction curve: 15 points off per compliance violation from 100, floor 0; next to sales at 70/30",
     "a: sales 100/100 → 100; 0 violations → 100; total 100.00. b: sales 100 → 100; 2 → 100−30=70; total 70+21=91.00. "
     "c: sales 100; 7 → 100−105 → floor 0, flag floored; total 70.00.",
     plan("deduction", "合规扣分",
          [indicator("sales", "销售额", "money", ratio("120"), target("100")),
           indicator("violations", "违规次数", "count", {"kind": "deduction", "per_unit": "15"},
                     direction="lower_is_better", cls="collaboration")],
          group("root", [ref("sales", "70"), ref("violations", "30")])),
     inp([subject("a", {"sales": "100", "violations": "0"}),
          subject("c", {"sales": "100", "violations": "7"}),
          subject("b", {"sales": "100", "violations": "2"})]))

# ---------------------------------------------------------------------------
# Proration and per-subject targets
# ---------------------------------------------------------------------------

PRORATE_INDICATORS = lambda prorate: [  # noqa: E731
    indicator("calls", "外呼量", "count", ratio("120"), target("200", TIERS_3, prorate=prorate)),
    indicator("visits", "拜访量", "count", linear(),
              target("50", [("基础", "40", "60"), ("优秀", "50", "100"), ("卓越", "60", "120")],
                     prorate=prorate)),
]

case("proration-half-period",
     "prorate: true with active 0.5 (a new hire): the target and the actual-basis tier points are halved, flag prorated",
     "half (active 0.5): calls target 200×0.5=100, 106/100=106% → 106; tier points 75/100/125 → 目标. visits target 25, "
     "points 20/25/30: 27 → 100+(27−25)×20/5=108 (优秀). total (106+108)/2=107.00, flags prorated on both indicators and the subject. "
     "full (active 1): calls 212/200=106%, visits 54 → 100+4×20/10=108 → 107.00, no flag.",
     plan("prorate", "新员工折算", PRORATE_INDICATORS(True),
          group("root", [ref("calls", "50"), ref("visits", "50")]), ranking=COMPETITION),
     inp([subject("half", {"calls": "106", "visits": "27"}, active="0.5"),
          subject("full", {"calls": "212", "visits": "54"}, active="1")]))

case("proration-off",
     "prorate: false with active 0.5: the share is ignored, no flag prorated",
     "half: calls 106/200=53% → 53, no tier (first point 150); visits 27 < 40 → 0 (linear below zero). total (53+0)/2=26.50. "
     "full: calls 212/200=106 → 106; visits 54 → 108; total 107.00.",
     plan("prorate-off", "不折算", PRORATE_INDICATORS(False),
          group("root", [ref("calls", "50"), ref("visits", "50")]), ranking=COMPETITION),
     inp([subject("half", {"calls": "106", "visits": "27"}, active="0.5"),
          subject("full", {"calls": "212", "visits": "54"})]))

case("per-subject-targets",
     "per_subject targets from the input replace the plan value; a subject with neither has the indicator missing (re-weighted)",
     CHECKED + "calls (plan value 200): a target 150 → 180/150=120%; b none → 180/200=90%; c none → 250/200=125%. "
     "quota (no plan value): a 90000/100000=90%; b no target → missing, quota left out, calls re-weighted to 100 → total 90.00; "
     "c 250000/200000=125%. totals: a (120+90)/2=105.00, c 125.00.",
     plan("per-subject", "个人目标",
          [indicator("calls", "外呼量", "count", ratio("150"), target("200", per_subject=True)),
           indicator("quota", "业绩额", "money", ratio("150"), target(per_subject=True))],
          group("root", [ref("calls", "50"), ref("quota", "50")]), ranking=COMPETITION),
     inp([subject("c", {"calls": "250", "quota": "250000"}, targets={"quota": "200000"}),
          subject("a", {"calls": "180", "quota": "90000"}, targets={"calls": "150", "quota": "100000"}),
          subject("b", {"calls": "180", "quota": "80000"})]))

case("per-subject-target-prorated",
     "A per-subject target is prorated like the plan value when prorate is true",
     CHECKED + "a: target 300 × active 0.6 = 180; 171/180=95% → 95, flag prorated. b: plan value 200 × 0.5 = 100; 130/100=130% → capped 120.",
     plan("per-subject-prorate", "个人目标折算",
          [indicator("calls", "外呼量", "count", ratio("120"), target("200", per_subject=True, prorate=True))],
          group("root", [ref("calls", "100")])),
     inp([subject("b", {"calls": "130"}, active="0.5"),
          subject("a", {"calls": "171"}, targets={"calls": "300"}, active="0.6")]))

# ---------------------------------------------------------------------------
# Missing data
# ---------------------------------------------------------------------------

case("missing-reweight-flat",
     "missing: reweight (default): a subject without satisfaction has new customers and collection re-weighted from 40/30 to 57.14/42.86",
     "A (no satisfaction): effective weights 40×100/70=57.142857…, 30×100/70=42.857142…; new 12/10=120% → 120; collection 95/95=100% → 100; "
     "total (120×40+100×30)/70=7800/70=111.428571… → 111.43; contributions 120×4/7=68.571… → 68.57 and 100×3/7=42.857… → 42.86; "
     "flags reweighted on both, missing on satisfaction (effective weight 0, score null). "
     "B (complete): 80×0.4+100×0.3+90×0.3=32+30+27=89.00.",
     plan("reweight", "缺失重新分配", WEIGHTS_403030,
          group("root", [ref("new_customers", "40"), ref("collection_rate", "30"),
                         ref("satisfaction", "30")])),
     inp([subject("B", {"new_customers": "8", "collection_rate": "95", "satisfaction": "81"}),
          subject("A", {"new_customers": "12", "collection_rate": "95", "satisfaction": None})]))

NESTED_INDICATORS = [
    indicator("sales", "销售额", "money", ratio("120"), target("100000")),
    indicator("collection", "回款率", "percent", ratio("110"), target("90")),
    indicator("visits", "拜访量", "count", ratio("120"), target("40"), cls="process"),
    indicator("completeness", "信息完整度", "percent", ratio("100"), target("95"), cls="process"),
]


def nested_tree(collection_missing=None, process_missing=None, completeness_missing=None):
    return group("root", [
        group("results", [ref("sales", "40"), ref("collection", "60", collection_missing)],
              name="结果指标", weight="70"),
        group("process", [ref("visits", "50"), ref("completeness", "50", completeness_missing)],
              name="过程指标", weight="30", missing=process_missing),
    ], name="总分")


case("missing-reweight-nested",
     "Re-weighting in nested groups: within a group, and a whole group without data left out at the root",
     "s1 (no completeness): results 110×0.4+90×0.6=44+54=98; process: visits 44/40=110% re-weighted to 100 → 110; "
     "total 98×0.7+110×0.3=68.6+33=101.60. s2 (no visits, no completeness): process has no data → left out, results re-weighted 70→100; "
     "results: sales 90000 → 90, collection 99/90=110% → 110 → 36+66=102 → total 102.00. "
     "s3 (no sales): collection 90/90 → 100 re-weighted 60→100 → results 100; process visits 30/40=75, completeness 95/95=100 → 87.5; "
     "total 100×0.7+87.5×0.3=70+26.25=96.25. Contributions multiply the effective weights down the path (s1 visits: 110×1×0.3=33.00).",
     plan("nested", "嵌套权重", NESTED_INDICATORS, nested_tree()),
     inp([subject("s3", {"collection": "90", "visits": "30", "completeness": "95"}),
          subject("s2", {"sales": "90000", "collection": "99"}),
          subject("s1", {"sales": "110000", "collection": "81", "visits": "44"})]))

case("missing-zero",
     "missing: zero: the node scores 0 (flag missing) and keeps its weight; a group of zero-policy children still has data",
     CHECKED + "s1 (no collection, policy zero): results 110×0.4+0×0.6=44; process visits 110, completeness 100 → 105; "
     "total 44×0.7+105×0.3=30.8+31.5=62.30. s2 (no data in process; visits and completeness are zero-policy): process 0; "
     "results sales 100, collection 90/90 → 100 → 100; total 70.00; no re-weighting anywhere.",
     plan("zero", "缺失计零", NESTED_INDICATORS,
          group("root", [
              group("results", [ref("sales", "40"), ref("collection", "60", "zero")], weight="70"),
              group("process", [ref("visits", "50", "zero"), ref("completeness", "50", "zero")], weight="30"),
          ])),
     inp([subject("s1", {"sales": "110000", "visits": "44", "completeness": "95"}),
          subject("s2", {"sales": "100000", "collection": "90"})]))

case("missing-group-zero",
     "A group without data whose own policy is zero scores 0; its children are left out inside it",
     CHECKED + "s1: process has no data, policy zero → process 0 (flag missing), effective weight stays 30; "
     "results sales 120000 → 120 (= cap), collection 81/90 → 90 → 48+54=102; total 102×0.7=71.40.",
     plan("group-zero", "组缺失计零", NESTED_INDICATORS, nested_tree(process_missing="zero")),
     inp([subject("s1", {"sales": "120000", "collection": "81"})]))

case("missing-refuse",
     "missing: refuse: a subject without a refuse-policy actual is not scored (status refused, problem missing_data at the node)",
     "calls is refuse-policy. r1 (no calls) → refused: score, total, rating, rank, payout and tree null, flags and adjustments empty, problem missing_data at /tree/children/0. "
     "r3 (no data at all) → also refused. ok: calls 200/200=100, conversion 18/15=120 → 100×0.6+120×0.4=108.00. "
     "r2 (no conversion, reweight) → calls 220/200=110 re-weighted to 100 → 110.00 → S, rank 1, payout 5000×1.5=7500.00; "
     "ok is A, rank 2, payout 5000×1.2=6000.00.",
     plan("refuse", "缺失拒绝",
          [indicator("calls", "外呼量", "count", ratio("120"), target("200")),
           indicator("conversion", "转化率", "percent", ratio("120"), target("15"))],
          group("root", [ref("calls", "60", "refuse"), ref("conversion", "40")]),
          ratings=SABCD, ranking=COMPETITION,
          payout={"currency": "CNY", "base": "5000", "by": "rating",
                  "coefficients": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.6", "D": "0"}}),
     inp([subject("r1", {"conversion": "18"}), subject("ok", {"calls": "200", "conversion": "18"}),
          subject("r3"), subject("r2", {"calls": "220"})]))

case("subject-without-data",
     "A subject with no data at all is scored with a null total, flag missing and no rank or payout; the others rank without it",
     CHECKED + "ghost has no actuals: every indicator missing, root without data → score and total null, rank and payout null; its bonus shows the 2.00 points given but changes no total (no flag adjusted). "
     "a: 212/200=106, 16.5/15=110 → 107.60 rank 1 payout 8000×1.2=9600.00; b: 180/200=90, 12/15=80 → 86.00 rank 2 payout 8000.00.",
     plan("no-data", "无数据",
          [indicator("calls", "外呼量", "count", ratio("120"), target("200")),
           indicator("conversion", "转化率", "percent", ratio("120"), target("15"))],
          group("root", [ref("calls", "60"), ref("conversion", "40")]),
          adjustments=[{"kind": "bonus", "id": "innovation", "name": "创新加分", "max": "5"}],
          ratings=SABCD, ranking=COMPETITION,
          payout={"currency": "CNY", "base": "8000", "by": "rating",
                  "coefficients": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.6", "D": "0"}}),
     inp([subject("ghost", {"calls": None}, points={"innovation": "2"}),
          subject("b", {"calls": "180", "conversion": "12"}),
          subject("a", {"calls": "212", "conversion": "16.5"})]))

# ---------------------------------------------------------------------------
# Gates, bonus and deduction, total bounds
# ---------------------------------------------------------------------------

case("gate-on-group",
     "A gate on a group: collection below 60 % achievement caps the results group at 60 (回款率门槛)",
     "s1: sales 130000/100000=130% → 130; collection 45/90=50% → 50; results (130+50)/2=90 → gate applies → 60 (flag gated); "
     "process visits 40/40 → 100; total 60×0.7+100×0.3=42+30=72.00. The indicator contributions are score × weights "
     "(sales 130×0.5×0.7=45.50, collection 50×0.5×0.7=17.50) and here do not add up to the gated group's 42.00. "
     "s2: collection 63/90=70% → no gate; results (130+70)/2=100 → total 70+30=100.00; gate points null.",
     plan("gate-group", "回款率门槛(组)",
          [indicator("sales", "销售额", "money", ratio("150"), target("100000")),
           indicator("collection", "回款率", "percent", ratio("110"), target("90")),
           indicator("visits", "拜访量", "count", ratio("120"), target("40"), cls="process")],
          group("root", [group("results", [ref("sales", "50"), ref("collection", "50")], weight="70"),
                         group("process", [ref("visits", "100")], weight="30")]),
          adjustments=[{"kind": "gate", "indicator": "collection", "basis": "achievement",
                        "threshold": "60", "cap": "60", "group": "results"}]),
     inp([subject("s2", {"sales": "130000", "collection": "63", "visits": "40"}),
          subject("s1", {"sales": "130000", "collection": "45", "visits": "40"})]))

case("gate-on-total",
     "Gates on the total: complaints above 5 (actual basis, lower is better) cap at 60, collection below 60 % caps at 70; the lowest cap wins; a gate on missing data does not apply",
     "complaints is auxiliary (weight 0) and scored by deduction 10 per complaint. "
     "s1: sales 150/100 → 150 → ×0.7=105; collection 45/90=50% → 50×0.3=15; score 120; both gates apply → min(60,70)=60 → total 60.00, flag gated. "
     "s2: sales 80 → 56; collection 81/90=90% → 27; score 83; complaints 2 ≤ 5 and 90% ≥ 60 → no gate → 83.00. "
     "s3: sales 50 → 35; collection 45 → 50% → 15; score 50; both gates apply but 50 < 60: total 50.00, still flag gated and points shown. "
     "s4: complaints missing → that gate does not apply; 100×0.7+90/90×100×0.3=100.00; flag missing (an indicator without data).",
     plan("gate-total", "总分门槛",
          [indicator("sales", "销售额", "money", ratio("150"), target("100")),
           indicator("collection", "回款率", "percent", ratio("110"), target("90")),
           indicator("complaints", "客户投诉", "count", {"kind": "deduction", "per_unit": "10"},
                     direction="lower_is_better", auxiliary=True)],
          group("root", [ref("sales", "70"), ref("collection", "30"), ref("complaints", "0")]),
          adjustments=[{"kind": "gate", "indicator": "complaints", "basis": "actual", "threshold": "5", "cap": "60"},
                       {"kind": "gate", "indicator": "collection", "threshold": "60", "cap": "70"}],
          ratings=SABCD),
     inp([subject("s4", {"sales": "100", "collection": "90"}),
          subject("s3", {"sales": "50", "collection": "45", "complaints": "9"}),
          subject("s2", {"sales": "80", "collection": "81", "complaints": "2"}),
          subject("s1", {"sales": "150", "collection": "45", "complaints": "6"})]))

case("bonus-deduction-max",
     "Bonus (加分, max 5) and deduction (扣分, max 10) points from the input, clamped at max (flag capped on the adjustment)",
     "score: sales 90/100=90. s1: +3 −2 → 91.00, flag adjusted. s2: bonus 8 → clamped 5, deduction 12 → clamped 10 → 90+5−10=85.00, "
     "both adjustments flagged capped. s3: no points → 0.00 and 0.00, no flag → 90.00.",
     plan("bonus", "加扣分",
          [indicator("sales", "销售额", "money", ratio("120"), target("100"))],
          group("root", [ref("sales", "100")]),
          adjustments=[{"kind": "bonus", "id": "innovation", "name": "创新加分", "max": "5"},
                       {"kind": "deduction", "id": "compliance", "name": "合规扣分", "max": "10"}]),
     inp([subject("s3", {"sales": "90"}),
          subject("s2", {"sales": "90"}, points={"innovation": "8", "compliance": "12"}),
          subject("s1", {"sales": "90"}, points={"innovation": "3", "compliance": "2"})]))

case("total-floor-ceiling",
     "total floor 0 and ceiling 120: a bonus above the ceiling and a deduction below the floor",
     "s1: score 110 + bonus 15 = 125 → ceiling 120, flags adjusted+capped. s2: score 30 − deduction 45 = −15 → floor 0, flags adjusted+floored. "
     "s3: score 100 + 0 → 100.00. Ranking: s1 1, s3 2, s2 3.",
     plan("bounds", "总分上下限",
          [indicator("sales", "销售额", "money", ratio("150"), target("100"))],
          group("root", [ref("sales", "100")]),
          adjustments=[{"kind": "bonus", "id": "extra", "name": "加分", "max": "20"},
                       {"kind": "deduction", "id": "penalty", "name": "扣分", "max": "50"}],
          total={"floor": "0", "ceiling": "120"}, ranking=COMPETITION),
     inp([subject("s1", {"sales": "110"}, points={"extra": "15"}),
          subject("s2", {"sales": "30"}, points={"penalty": "45"}),
          subject("s3", {"sales": "100"})]))

# ---------------------------------------------------------------------------
# Rounding
# ---------------------------------------------------------------------------

X5_INDICATORS = [
    indicator("a", "指标甲", "count", ratio(), target("300")),
    indicator("b", "指标乙", "count", ratio(), target("300")),
    indicator("c", "指标丙", "money", ratio(), target("1000")),
]
X5_TREE = group("root", [ref("a", "40"), ref("b", "40"), ref("c", "20")])
X5_INPUT = inp([subject("s2", {"a": "200", "b": "100", "c": "875.75"}),
                subject("s1", {"a": "100", "b": "200", "c": "875.25"})])

case("rounding-x005-half-away-from-zero",
     "An exact total of x.xx5 built from non-terminating parts (1/3 and 2/3 whose repeating digits cancel) rounds UP under half_away_from_zero",
     "s1: a 100/300=33.333…% × 0.4 = 13.333…; b 200/300=66.666…% × 0.4 = 26.666…; together exactly 40; c 875.25/1000=87.525% × 0.2 = 17.505; "
     "total exactly 57.505 → 57.51. Shown: scores 33.33, 66.67, 87.53 (87.525 half away); contributions 13.33, 26.67, 17.51. "
     "s2: a and b swapped (26.666… + 13.333… = 40) and c 875.75 → 87.575% × 0.2 = 17.515 → total 57.515 → 57.52.",
     plan("x005", "四舍五入", X5_INDICATORS, X5_TREE, ranking=COMPETITION,
          rounding={"scale": 2, "mode": "half_away_from_zero"}),
     X5_INPUT)

case("rounding-x005-half-even",
     "The same exact x.xx5 totals under half_even round to the even digit: 57.505 → 57.50, 57.515 → 57.52",
     "s1: 13.333… + 26.666… + 17.505 = exactly 57.505 → half_even → 57.50 (0 is even). s2: 26.666… + 13.333… + 17.515 = 57.515 → 57.52 "
     "(1 is odd, rounds up to 2). Shown: c's score 87.525 → 87.52 for s1, 87.575 → 87.58 for s2; c's contribution 17.505 → 17.50, 17.515 → 17.52.",
     plan("x005-even", "银行家舍入", X5_INDICATORS, X5_TREE, ranking=COMPETITION,
          rounding={"scale": 2, "mode": "half_even"}),
     X5_INPUT)

case("rounding-down-rating-boundary",
     "mode down (toward zero): 99.999 shows 99.99 and rates B, since the rating uses the rounded total",
     "s1: 99999/100000 = 99.999% → total 99.999 → down → 99.99 → B (A needs 100; half_away_from_zero would give 100.00 → A). "
     "s2: 66666.66/100000 = 66.66666% → 66.66 → D. s3: 100000 → 100.00 → A. Achievements shown truncated as well (99.99, 66.66).",
     plan("down", "截尾", [indicator("sales", "销售额", "money", ratio(), target("100000"))],
          group("root", [ref("sales", "100")]), ratings=SABCD,
          rounding={"scale": 2, "mode": "down"}),
     inp([subject("s3", {"sales": "100000"}), subject("s2", {"sales": "66666.66"}),
          subject("s1", {"sales": "99999"})]))

LEGACY_INDICATORS = [
    indicator("calls", "外呼量", "count", ratio(), target("200")),
    indicator("visits", "拜访量", "count", ratio(), target("200")),
]

case("legacy-indicator-scores-rounded",
     "rounding.indicator_scores = 0 (legacy spreadsheet): each indicator score is rounded to a whole point before weighting, which changes the total",
     "s1: calls 169/200=84.5 → 85; visits 181/200=90.5 → 91; total (85+91)/2=88.00 (unrounded scores would give 87.50). "
     "s2: 165/200=82.5 → 83; 167/200=83.5 → 84; total 83.50 (unrounded: 83.00). "
     "s3: 133/200=66.5 → 67; 134/200=67 → 67; total 67.00 (unrounded: 66.75). Scores are shown at scale 2 (\"85.00\").",
     plan("legacy", "旧表兼容", LEGACY_INDICATORS,
          group("root", [ref("calls", "50"), ref("visits", "50")]), ranking=COMPETITION,
          rounding={"scale": 2, "mode": "half_away_from_zero", "indicator_scores": 0}),
     inp([subject("s3", {"calls": "133", "visits": "134"}),
          subject("s1", {"calls": "169", "visits": "181"}),
          subject("s2", {"calls": "165", "visits": "167"})]))

case("legacy-indicator-scores-half-even",
     "indicator_scores = 1 with half_even: scores 33.333… → 33.3 and 66.666… → 66.7 before weighting 40/60",
     CHECKED + "s1: 100/300 → 33.3, 200/300 → 66.7; 33.3×0.4+66.7×0.6=13.32+40.02=53.34 (exact would be 53.33). "
     "s2: 252.75/300=84.25 → 84.2 (half even), 271.35/300=90.45 → 90.4; 33.68+54.24=87.92 (exact 87.97).",
     plan("legacy-even", "旧表兼容(银行家)",
          [indicator("a", "指标甲", "count", ratio(), target("300")),
           indicator("b", "指标乙", "count", ratio(), target("300"))],
          group("root", [ref("a", "40"), ref("b", "60")]),
          rounding={"scale": 2, "mode": "half_even", "indicator_scores": 1}),
     inp([subject("s1", {"a": "100", "b": "200"}), subject("s2", {"a": "252.75", "b": "271.35"})]))

case("rounding-scale-0",
     "rounding.scale 0: every figure is a whole number without a decimal point; 87.5 rounds to 88",
     CHECKED + "zhang 106×0.6+110×0.4=107.6 → \"108\"; half: calls 175/200=87.5, conversion 13.125/15=87.5 → 87.5 → \"88\"; "
     "weights shown \"60\" and \"40\"; ratings use the rounded totals (108 → A).",
     plan("scale0", "整数分", [indicator("calls", "外呼量", "count", ratio("120"), target("200")),
                            indicator("conversion", "转化率", "percent", ratio("120"), target("15"))],
          group("root", [ref("calls", "60"), ref("conversion", "40")]), ratings=SABCD,
          ranking=COMPETITION, rounding={"scale": 0}),
     inp([subject("zhang", {"calls": "212", "conversion": "16.5"}),
          subject("half", {"calls": "175", "conversion": "13.125"})]))

case("rounding-scale-4-ratio-unit",
     "rounding.scale 4 with a ratio-unit indicator (0.925 style) whose default step is 0.0001; what it takes at that resolution",
     CHECKED + "collection target 0.95: 0.9123/0.95 = 96.031578…% → 96.0316; goal next point 97 → actual 0.97×0.95=0.9215 → change 0.0092 "
     "(multiple of 0.0001) → score 97.0000. sales 1/3 of target: 33.3333.",
     plan("scale4", "四位小数",
          [indicator("collection", "回款率", "ratio", ratio("100"), target("0.95")),
           indicator("sales", "销售额", "money", ratio("120"), target("3"))],
          group("root", [ref("collection", "50"), ref("sales", "50")]),
          rounding={"scale": 4}),
     inp([subject("s1", {"collection": "0.9123", "sales": "1"})], what_it_takes=True))

# ---------------------------------------------------------------------------
# Ranking
# ---------------------------------------------------------------------------

RANK_PLAN = lambda method, pid: plan(  # noqa: E731
    pid, "排名", [indicator("sales", "销售额", "money", ratio(), target("1000"))],
    group("root", [ref("sales", "100")]), ranking={"method": method})
RANK_INPUT = inp([subject("c", {"sales": "800"}), subject("e", {"sales": "950"}),
                  subject("b", {"sales": "900.04"}), subject("f", {"sales": "850"}),
                  subject("d", {"sales": "899.96"}), subject("a", {"sales": "850"})])

case("ranking-competition-ties",
     "Competition ranking (1, 2, 2, 4): ties share a rank; ties are on ROUNDED totals (90.004 and 89.996 both 90.00)",
     "totals: e 95.00; b 90.004 → 90.00; d 89.996 → 90.00; a 85.00; f 85.00; c 80.00. "
     "Ranks: e 1; b, d 2; a, f 4; c 6.",
     RANK_PLAN("competition", "rank-competition"), RANK_INPUT)

case("ranking-dense-ties",
     "Dense ranking (1, 2, 2, 3) on the same totals",
     "totals e 95.00; b, d 90.00; a, f 85.00; c 80.00 → dense ranks e 1; b, d 2; a, f 3; c 4.",
     RANK_PLAN("dense", "rank-dense"), RANK_INPUT)

case("ranking-within-team",
     "Ranking within the group key team (dense); subjects carry two group keys, echoed sorted by key; a subject without data has no rank",
     CHECKED + "north: n1 95 → 1, n2 90 and n3 90 → 2 (dense), nx no data → null. south: s1 88 → 2, s2 92 → 1. "
     "groups given as {team, region} are shown as {region, team}.",
     plan("rank-within", "组内排名", [indicator("sales", "销售额", "money", ratio(), target("100"))],
          group("root", [ref("sales", "100")]), ranking={"method": "dense", "within": ["team"]}),
     inp([subject("s1", {"sales": "88"}, groups={"team": "south", "region": "east"}),
          subject("n2", {"sales": "90"}, groups={"team": "north", "region": "east"}),
          subject("nx", {}, groups={"team": "north", "region": "west"}),
          subject("s2", {"sales": "92"}, groups={"team": "south", "region": "west"}),
          subject("n3", {"sales": "90"}, groups={"team": "north", "region": "west"}),
          subject("n1", {"sales": "95"}, groups={"team": "north", "region": "east"})]))

# ---------------------------------------------------------------------------
# Payout
# ---------------------------------------------------------------------------

PAYOUT_POINTS = [{"score": "60", "coefficient": "0.5"}, {"score": "80", "coefficient": "0.8"},
                 {"score": "100", "coefficient": "1"}, {"score": "120", "coefficient": "1.5"}]

case("payout-by-score-step",
     "Payout by score, not interpolated: the coefficient of the highest point reached, 0 below the first, base 20,000",
     "a 59.99 → below 60 → 0 → 0.00; b 60 → 0.5 → 10000.00; c 95 → 0.8 → 16000.00; e 100 → 1 → 20000.00; d 130 → 1.5 → 30000.00.",
     plan("payout-step", "奖金系数(阶梯)",
          [indicator("sales", "销售额", "money", ratio(), target("100"))],
          group("root", [ref("sales", "100")]),
          payout={"currency": "CNY", "base": "20000", "by": "score", "points": PAYOUT_POINTS,
                  "interpolate": False}),
     inp([subject("d", {"sales": "130"}), subject("a", {"sales": "59.99"}),
          subject("c", {"sales": "95"}), subject("b", {"sales": "60"}), subject("e", {"sales": "100"})]))

case("payout-by-score-interpolated",
     "Payout by score, interpolated between points, with a per-subject base; uses the rounded total",
     "a 90 → 0.8+(90−80)×(1−0.8)/20=0.9 → 20000×0.9=18000.00. b 110, own base 30000 → 1+(110−100)×0.5/20=1.25 → 37500.00. "
     "c 70 → 0.5+10×0.3/20=0.65 → 13000.00. d 125 → above the last point → 1.5 → 30000.00. e 50 → 0 → 0.00. "
     "f 66.666% → rounded total 66.67 → 0.5+6.67×0.3/20=0.60005 → 12001.00 (the exact total 66.666 would give 0.59999 → 11999.80).",
     plan("payout-interp", "奖金系数(插值)",
          [indicator("sales", "销售额", "money", ratio(), target("100"))],
          group("root", [ref("sales", "100")]),
          payout={"currency": "CNY", "base": "20000", "by": "score", "points": PAYOUT_POINTS,
                  "interpolate": True}),
     inp([subject("f", {"sales": "66.666"}), subject("e", {"sales": "50"}),
          subject("d", {"sales": "125"}), subject("c", {"sales": "70"}),
          subject("b", {"sales": "110"}, base="30000"), subject("a", {"sales": "90"})]))

case("payout-by-rating-subject-base",
     "Payout by rating with no plan base: a subject's own base is used, a subject without one gets a null payout",
     CHECKED + "a: 120 → S → 12000×1.5=18000.00; b: 90 → B → 9000×1=9000.00; c: 105 → A, no base → null; d: 60 → D → 0.00.",
     plan("payout-rating", "按等级发奖",
          [indicator("sales", "销售额", "money", ratio(), target("100"))],
          group("root", [ref("sales", "100")]), ratings=SABCD,
          payout={"currency": "CNY", "by": "rating",
                  "coefficients": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.5", "D": "0"}}),
     inp([subject("d", {"sales": "60"}, base="7000"), subject("c", {"sales": "105"}),
          subject("b", {"sales": "90"}, base="9000"), subject("a", {"sales": "120"}, base="12000")]))

# ---------------------------------------------------------------------------
# What it takes (`next`)
# ---------------------------------------------------------------------------

case("what-it-takes-ratio-and-step",
     "What it takes: next whole point on a ratio curve without tiers, next tier on a step curve; none when capped or at the top tier",
     "s1: calls 157/200=78.5% → 78.5; visits 45 → 基础 60; total 78.5×0.5+60×0.5=69.25 → D. "
     "calls next: no tier → goal point ⌊78.5⌋+1=79 → actual 79×200/100=158 → change +1 → score 79 → total 39.5+30=69.50 → D. "
     "visits next: tier 优秀 at 50 → change +5 → score 100 → total 39.25+50=89.25 → B. "
     "s2: calls 250 → capped 120 = the curve maximum → next null; visits 60 → 卓越, the top tier and the step maximum → next null; total 120.00 S.",
     plan("wit-ratio-step", "达成路径",
          [indicator("calls", "外呼量", "count", ratio("120"), target("200")),
           indicator("visits", "拜访量", "count", step_curve(),
                     target("50", [("基础", "40", "60"), ("优秀", "50", "100"), ("卓越", "60", "120")]))],
          group("root", [ref("calls", "50"), ref("visits", "50")]), ratings=SABCD),
     inp([subject("s2", {"calls": "250", "visits": "60"}), subject("s1", {"calls": "157", "visits": "45"})],
         what_it_takes=True))

case("what-it-takes-lower-and-linear",
     "What it takes on a lower-is-better ratio (negative change, step 1 day) and on an extrapolated linear curve",
     "s1: deal_cycle 40 → 30/40=75%; calls 180 → 60+30×40/50=84 (门槛); total (75+84)/2=79.50 → C. "
     "deal_cycle next: goal point 76 → actual ≤ 30×100/76=39.4736… → change −1 (step 1) → 39 → 76.923…% → score 76.92, "
     "total (76.923…+84)/2=80.4615… → 80.46 → C. calls next: tier 目标 at 200 → +20 → 100 → total (75+100)/2=87.50 → B. "
     "s2: deal_cycle 20 → 150% → capped 120 → next null. calls 260 → extrapolated 120+10×0.4=124, all tiers reached → goal point 125 "
     "→ actual 250+(125−120)/0.4=262.5 → change +3 → 263 → 125.2 → total (120+125.2)/2=122.60 → S.",
     plan("wit-lower-linear", "达成路径(反向/插值)",
          [indicator("deal_cycle", "成交周期", "days", ratio("120"), target("30"),
                     direction="lower_is_better", step="1"),
           indicator("calls", "外呼量", "count", linear(None, "extrapolate", "140"), target("200", TIERS_3))],
          group("root", [ref("deal_cycle", "50"), ref("calls", "50")]), ratings=SABCD),
     inp([subject("s1", {"deal_cycle": "40", "calls": "180"}),
          subject("s2", {"deal_cycle": "20", "calls": "260"})], what_it_takes=True))

case("what-it-takes-band-pass-fail-deduction",
     "What it takes on a band (toward the band from below and from above), on pass/fail and on a deduction curve",
     "s1: discount 3.5 → 100−8×1.5=88; satisfaction 89 → fail 0; violations 2 → 100−30=70; total 88×0.4+0×0.3+70×0.3=35.2+0+21=56.20. "
     "discount next: goal 89 → actual ≥ 5−(100−89)/8=3.625 → change +0.125 → ceil to step 0.01 → +0.13 → 3.63 → 100−8×1.37=89.04 → "
     "total 35.616+21=56.616 → 56.62. satisfaction next: goal point min(0+1, 100)=1 → met at target 90 → +1.00 → 100 → total 86.20. "
     "violations next: goal 71 → actual ≤ (100−71)/15=1.9333… → change −1 → 1 → 85 → total 35.2+25.5=60.70. "
     "s2: discount 12.25 → 82; goal 83 → actual ≤ 10+17/8=12.125 → change −0.125 → −0.13 → 12.12 → 83.04; satisfaction 95 → 100 (full) → null; "
     "violations 0 → 100 (full) → null; total 82×0.4+30+30=92.80; discount next total 83.04×0.4+60=93.216 → 93.22.",
     plan("wit-band", "达成路径(区间/达标/扣分)",
          [indicator("discount", "平均折扣率", "percent",
                     {"kind": "band", "low": "5", "high": "10", "per_unit": "8", "floor": "20"}, direction="band"),
           indicator("satisfaction", "客户满意度", "percent", {"kind": "pass_fail"}, target("90")),
           indicator("violations", "违规次数", "count", {"kind": "deduction", "per_unit": "15"},
                     direction="lower_is_better")],
          group("root", [ref("discount", "40"), ref("satisfaction", "30"), ref("violations", "30")])),
     inp([subject("s2", {"discount": "12.25", "satisfaction": "95", "violations": "0"}),
          subject("s1", {"discount": "3.5", "satisfaction": "89", "violations": "2"})], what_it_takes=True))

case("what-it-takes-achievement-tiers",
     "What it takes toward achievement-basis tiers, higher (money step 0.01) and lower is better (days), and toward a prorated tier point",
     CHECKED + "s1: sales 700000/800000=87.5% → 门槛; next tier 目标 at 100% → actual 800000 → change +100000.00. "
     "response 2.5 days, target 2 → 80% → 基础; next 优秀 at 100% → actual ≤ 2 → change −0.50. "
     "s2: response 1.5 → 133.33% → 优秀; next 卓越 at 150% → actual ≤ 2×100/150=1.3333… → change −0.17 → 1.33 (150.38%). "
     "s2 sales 1000000 → 125% → 挑战, all tiers reached, step maximum 130 → null. "
     "s3 (active 0.5, visits prorated): target 25, tier points 20/25/30; 21 → 基础; next 优秀 at 25 → +4.",
     plan("wit-achievement", "达成路径(达成率阶梯)",
          [indicator("sales", "销售额", "money", step_curve(),
                     target("800000", [("门槛", "80", "60"), ("目标", "100", "100"), ("挑战", "120", "130")],
                            basis="achievement")),
           indicator("response", "响应时长", "days", step_curve(),
                     target("2", [("基础", "80", "60"), ("优秀", "100", "100"), ("卓越", "150", "120")],
                            basis="achievement"), direction="lower_is_better"),
           indicator("visits", "拜访量", "count", step_curve(),
                     target("50", [("基础", "40", "60"), ("优秀", "50", "100"), ("卓越", "60", "120")],
                            prorate=True))],
          group("root", [ref("sales", "40"), ref("response", "30"), ref("visits", "30")]), ratings=SABCD),
     inp([subject("s1", {"sales": "700000", "response": "2.5", "visits": "50"}),
          subject("s2", {"sales": "1000000", "response": "1.5", "visits": "45"}),
          subject("s3", {"sales": "800000", "response": "2", "visits": "21"}, active="0.5")],
         what_it_takes=True))

case("what-it-takes-gated-ratio",
     "What it takes on a gated ratio: the goal point (1) needs the gate (60 %) to be passed first, so the threshold is the gate",
     CHECKED + "calls 100/200=50% < gate 60 → 0 gated; goal point ⌊0⌋+1=1 → achievement must be ≥ max(1, 60)=60 → actual 120 → change +20 → score 60. "
     "conversion 15/15 → 100; total 0×0.5+100×0.5=50.00 → next total 80.00.",
     plan("wit-gated", "达成路径(门槛)",
          [indicator("calls", "外呼量", "count", ratio("120", "60"), target("200")),
           indicator("conversion", "转化率", "percent", ratio("120"), target("15"))],
          group("root", [ref("calls", "50"), ref("conversion", "50")]), ratings=SABCD),
     inp([subject("s1", {"calls": "100", "conversion": "15"})], what_it_takes=True))

# ---------------------------------------------------------------------------
# Names, auxiliary indicators, number forms, ordering, deep trees
# ---------------------------------------------------------------------------

case("chinese-names-round-trip",
     "Chinese names everywhere they are free text: plan, indicators, groups, tiers, ratings, payout coefficients and input group values",
     CHECKED + "ma.liu: 销售额 1200000/1000000=120% → 120 (挑战), 回款率 92/95=96.842…% → 96.84; total 120×0.6+96.842…×0.4=72+38.736…=110.74 → 优秀 "
     "→ 20000×1.3=26000.00. zhao.qi: 900000 → 90% → 90, tier 门槛 (reached at 80%, 目标 needs 100%); 85.5/95=90% → 90; total 54+36=90.00 → 良好 → 20000.00. "
     "groups 团队 华东一组/华北二组 round-trip; ranking within 团队 gives both rank 1.",
     plan("cn-2026", "华东区销售KPI绩效考核表",
          [indicator("sales", "销售额", "money",
                     ratio("130"),
                     target("1000000", [("门槛", "80", None), ("目标", "100", None), ("挑战", "120", None)],
                            basis="achievement")),
           indicator("collection", "回款率", "percent", ratio("100"), target("95"))],
          group("root", [group("results", [ref("sales", "60"), ref("collection", "40")],
                               name="结果指标（权重100%）", weight="100")], name="总分"),
          ratings=[{"name": "优秀", "min": "100"}, {"name": "良好", "min": "85"},
                   {"name": "合格", "min": "60"}, {"name": "待改进"}],
          payout={"currency": "CNY", "base": "20000", "by": "rating",
                  "coefficients": {"优秀": "1.3", "良好": "1", "合格": "0.6", "待改进": "0"}},
          ranking={"method": "competition", "within": ["团队"]}),
     inp([subject("zhao.qi", {"sales": "900000", "collection": "85.5"}, name="赵七",
                  groups={"团队": "华北二组"}),
          subject("ma.liu", {"sales": "1200000", "collection": "92"}, name="马六",
                  groups={"团队": "华东一组"})]))

case("auxiliary-indicators",
     "Auxiliary indicators (辅助指标) are scored and reported with weight 0 (given as \"0\" or absent) and never change the total or cause re-weighting",
     CHECKED + "a: sales 95/100 → 95 = total; nps 60/50=120% → capped 110 (tier 优秀), contribution 0.00; timeliness 90/95 → 94.74, weight shown 0.00. "
     "b: sales 105 → 105.00; nps missing → flag missing on nps and on the subject, no flag reweighted on sales; timeliness 95 → 100.",
     plan("aux", "辅助指标",
          [indicator("sales", "销售额", "money", ratio("120"), target("100")),
           indicator("nps", "NPS", "points", ratio("110"), target("50", [("合格", "40", None), ("优秀", "55", None)]),
                     auxiliary=True, cls="collaboration"),
           indicator("timeliness", "数据更新及时性", "percent", ratio("100"), target("95"),
                     auxiliary=True, cls="process")],
          group("root", [ref("sales", "100"), ref("nps", "0"), ref("timeliness")])),
     inp([subject("b", {"sales": "105", "timeliness": "95"}),
          subject("a", {"sales": "95", "nps": "60", "timeliness": "90"})]))

case("numbers-as-json-numbers",
     "Plan and input numbers given as JSON numbers and as decimal strings with sign and exponent: read exactly, same result",
     CHECKED + "a: calls 212 (JSON number) → 106; conversion 16.5 (JSON number) → 110; total 107.60. "
     "b: calls \"1.5e2\" = 150 → 75; conversion \"+12\" = 12 → 80; total 45+32=77.00. c: calls \"2.12E2\" = 212, conversion \"1650e-2\" = 16.5 → 107.60.",
     plan("numbers", "数字形式",
          [indicator("calls", "外呼量", "count", {"kind": "ratio", "cap": 120}, {"value": 200}),
           indicator("conversion", "转化率", "percent", {"kind": "ratio", "cap": "1.2e2"}, {"value": 15})],
          group("root", [{"indicator": "calls", "weight": 60}, {"indicator": "conversion", "weight": "40.0"}]),
          rounding={"scale": 2}),
     inp([subject("a", {"calls": 212, "conversion": 16.5}),
          subject("b", {"calls": "1.5e2", "conversion": "+12"}),
          subject("c", {"calls": "2.12E2", "conversion": "1650e-2"})]))

case("subject-id-byte-order",
     "Subjects come out sorted by id in byte order (digits < upper case < lower case; '-' < '.'), whatever the input order",
     CHECKED + "order: 10086, Zhao.Liu, li-si, li.si, zhang.san. Scores: calls/200 as ratio (cap 120): 10086 200 → 100; Zhao.Liu 240 → 120; "
     "li-si 150 → 75; li.si 180 → 90; zhang.san 212 → 106. Competition ranks: Zhao.Liu 1, zhang.san 2, 10086 3, li.si 4, li-si 5.",
     plan("order", "排序", [indicator("calls", "外呼量", "count", ratio("120"), target("200"))],
          group("root", [ref("calls", "100")]), ranking=COMPETITION),
     inp([subject("zhang.san", {"calls": "212"}), subject("li.si", {"calls": "180"}),
          subject("Zhao.Liu", {"calls": "240"}), subject("li-si", {"calls": "150"}),
          subject("10086", {"calls": "200"})]))

DEEP_INDICATORS = [indicator(i, n, "count", ratio(), target("100"))
                   for i, n in (("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁"))]

case("deep-tree-contributions",
     "Three levels of groups: contributions multiply the effective weights down the path and add up to the total; re-weighting deep inside",
     "s1: g11 = 100×0.3+80×0.7=86; g1 = 86×0.5+90×0.5=88; root = 88×0.6+70×0.4=52.8+28=80.80. Contributions: "
     "a 100×0.6×0.5×0.3=9.00; b 80×0.6×0.5×0.7=16.80; c 90×0.6×0.5=27.00; d 70×0.4=28.00; sum 80.80. "
     "s2 (b missing): a re-weighted 30→100 in g11 → g11=100; g1=(100+90)/2=95; total 95×0.6+70×0.4=57+28=85.00; a contributes 100×0.6×0.5×1=30.00.",
     plan("deep", "多层权重", DEEP_INDICATORS,
          group("root", [group("g1", [group("g11", [ref("a", "30"), ref("b", "70")], weight="50"),
                                      ref("c", "50")], weight="60"),
                         ref("d", "40")])),
     inp([subject("s2", {"a": "100", "c": "90", "d": "70"}),
          subject("s1", {"a": "100", "b": "80", "c": "90", "d": "70"})]))


case("gate-on-group-earlier-indicator",
     "A group gate may name an indicator anywhere in the tree: here one scored in an earlier sibling group (the gate reads every indicator, whatever the order)",
     "s1: collection 45/90=50% → 50 (in the first group); results group (collection only) 50; growth: sales 130000/100000 → 130, "
     "but the gate on growth (collection below 60 %) applies → 60 (flag gated); total 50×0.5+60×0.5=55.00. "
     "s2: collection 81/90=90% → 90, no gate: growth 130 → total 90×0.5+130×0.5=110.00. "
     "Swapping the two groups changes nothing.",
     plan("gate-earlier", "门槛(前序指标)",
          [indicator("sales", "销售额", "money", ratio("150"), target("100000")),
           indicator("collection", "回款率", "percent", ratio("110"), target("90"))],
          group("root", [group("results", [ref("collection", "100")], weight="50"),
                         group("growth", [ref("sales", "100")], weight="50")]),
          adjustments=[{"kind": "gate", "indicator": "collection", "basis": "achievement",
                        "threshold": "60", "cap": "60", "group": "growth"}]),
     inp([subject("s2", {"sales": "130000", "collection": "81"}),
          subject("s1", {"sales": "130000", "collection": "45"})]))


case("differential-band-per-subject-gate-no-data",
     "Found by the differential test (conformance/random_cases.py): a band indicator has no achievement even with a target; "
     "a per-subject target lacking (and no plan value) is no data for every curve, a band too; "
     "a gate whose indicator has no data does not apply, even when missing: zero scores the node 0",
     "s1: width 7 inside [5, 10] → 100, target 8 shown, achievement null; fit (band, per_subject, no target) → missing, reweighted out; "
     "pf (pass_fail, per_subject, no target) → missing, zero → 0; the gate on pf (actual 10 > 5) does not apply; "
     "tree 100×50/80 + 0×30/80 = 62.50 (fit left out: weights 50/30 → 62.5/37.5).",
     plan("diff-band", "区间与缺数",
          [indicator("width", "宽度", "points", {"kind": "band", "low": "5", "high": "10", "per_unit": "4"},
                     target("8"), direction="band"),
           indicator("fit", "匹配", "points", {"kind": "band", "low": "1", "high": "2", "per_unit": "4"},
                     target(per_subject=True), direction="band"),
           indicator("pf", "达标", "count", {"kind": "pass_fail"}, target(per_subject=True),
                     direction="lower_is_better")],
          group("root", [ref("width", "50"), ref("fit", "20"), ref("pf", "30", "zero")]),
          adjustments=[{"kind": "gate", "indicator": "pf", "basis": "actual", "threshold": "5",
                        "cap": "10"}]),
     inp([subject("s1", {"width": "7", "fit": "1.5", "pf": "10"})]))


case("differential-flags-at-curve-limits",
     "Found by the differential test: a ratio below 0 scores 0 with no flag (no floor), a deduction above full is full with no flag (full is no cap); "
     "an unbounded achievement (lower is better, actual 0) on extrapolate is extrapolated and capped by max, but stays at the last score with no flag when the last segment is flat; "
     "refused nodes are listed in tree order",
     "s1: r = -5/50 → -10 % → 0 (no flag); d = 100 − 10×(−2) = 120 → 100 (no flag); "
     "lin: actual 0 → unbounded → max 130, flags capped+extrapolated; flat: last segment 90→90 → 90 (not max 130), no flag. "
     "s2: no actual for r (refuse, /tree/children/0) nor for deep (refuse, /tree/children/4/children/0): refused, problems in that order.; aux (weight 0) has no data: the gate on it does not apply.",
     plan("diff-flags", "曲线边界",
          [indicator("r", "比率", "count", ratio(), target("50")),
           indicator("d", "扣分", "count", {"kind": "deduction", "per_unit": "10"}, direction="lower_is_better"),
           indicator("lin", "线性", "days", linear(above="extrapolate", vmax="130"),
                     target("20", tiers=[("a", "80", "60"), ("b", "100", "100")], basis="achievement"),
                     direction="lower_is_better"),
           indicator("flat", "平段", "days", linear(above="extrapolate", vmax="130"),
                     target("20", tiers=[("a", "80", "60"), ("b", "100", "90"), ("c", "120", "90")],
                            basis="achievement"),
                     direction="lower_is_better"),
           indicator("deep", "深层", "count", ratio(), target("10")),
           indicator("aux", "辅助", "count", ratio(), target("10"), auxiliary=True)],
          group("root", [ref("r", "20", "refuse"), ref("d", "20"), ref("lin", "20"), ref("flat", "20"),
                         group("g", [ref("deep", "100", "refuse")], weight="20"), ref("aux", "0")]),
          adjustments=[{"kind": "gate", "indicator": "aux", "basis": "actual", "threshold": "100",
                        "cap": "50"}]),
     inp([subject("s1", {"r": "-5", "d": "-2", "lin": "0", "flat": "0", "deep": "10"}),
          subject("s2", {"d": "1", "lin": "10", "flat": "10"})]))


case("differential-guard-and-legacy-next",
     "Found by the differential test: the 12-place guard applies to exact values too (a value within 10^-12 below 100 shows 100 with mode down)",
     "s1: g (lower is better) 36263.30859952 ÷ 36263.3085995201 × 100 = 99.99999999999972… → guard 100.000000000000 → down 100.000000; k 100/100 → 100; total 100.000000.",
     plan("diff-guard", "保护位",
          [indicator("g", "周期", "days", ratio("150"), target("36263.30859952"), direction="lower_is_better",
                     step="0.0000000001"),
           indicator("k", "数量", "count", ratio("150"), target("100"), step="0.01")],
          group("root", [ref("g", "50"), ref("k", "50")]),
          rounding={"scale": 6, "mode": "down", "indicator_scores": None}),
     inp([subject("s1", {"g": "36263.3085995201", "k": "100"})]))


case("differential-legacy-next",
     "Found by the differential test: with indicator_scores, what it takes aims at the next point above the score as scored (shown), and is null when that score is already the curve's maximum",
     "k: 99.99/100 → 99.99 → rounded to 100 (indicator_scores 0): next point 101 → actual 101.00 (change 1.01), score 101. "
     "m: 149.99/100 → 149.99 → 150 = cap → next null.",
     plan("diff-legacy-next", "旧式取整的达成路径",
          [indicator("k", "数量", "count", ratio("150"), target("100"), step="0.01"),
           indicator("m", "金额", "count", ratio("150"), target("100"), step="0.01")],
          group("root", [ref("k", "50"), ref("m", "50")]),
          rounding={"scale": 2, "indicator_scores": 0}),
     inp([subject("s1", {"k": "99.99", "m": "149.99"})], what_it_takes=True))


case("differential-zero-target-no-achievement",
     "Found by the differential test: a target of 0 or less, allowed on a curve that does not divide by it (step on actual basis), gives no achievement, "
     "and an achievement gate on that indicator then does not apply",
     "s1: calls 12, target 0 → achievement null; tiers 10 → 80, 20 → 100: 12 reaches 10 → 80; "
     "visits 5, target -10 → achievement null, step below 0 + tier 3 → 60; the gates (threshold 50 %) do not apply; total 80×0.5 + 60×0.5 = 70.00.",
     plan("diff-zero-target", "零目标",
          [indicator("calls", "外呼", "count", step_curve(),
                     target("0", tiers=[("a", "10", "80"), ("b", "20", "100")])),
           indicator("visits", "拜访", "count", step_curve(),
                     target("-10", tiers=[("a", "3", "60")]))],
          group("root", [ref("calls", "50"), ref("visits", "50")]),
          adjustments=[{"kind": "gate", "indicator": "calls", "threshold": "50", "cap": "10"},
                       {"kind": "gate", "indicator": "visits", "threshold": "50", "cap": "10",
                        "group": "root"}]),
     inp([subject("s1", {"calls": "12", "visits": "5"})]))


# ---------------------------------------------------------------------------
# Signed scores (below: extrapolate) and boundaries (FORMAT.md)
# ---------------------------------------------------------------------------

case("ratio-below-extrapolate-clawback",
     "Ratio with below = extrapolate: a net loss scores its negative achievement (a clawback); the default ratio floors it at 0",
     CHECKED + "profit target 100000, cap 150, below extrapolate; revenue ratio cap 120 (default below). "
     "a: profit −50000 → −50 (no flag); revenue −10 → achievement −10 % → 0, flag floored; total −50×0.6+0=−30.00. "
     "b: profit −100000 → −100 (−100 % performance); revenue 100 → 100; total −60+40=−20.00. "
     "c: profit 0 → 0; revenue 50 → 50; total 20.00. d: profit 200000 → 200 → cap 150, capped; revenue 130 → 120 capped; total 138.00. "
     "What it takes for a: next whole point −49 → actual −49000 (an achievement of −49 %).",
     plan("clawback", "利润回拨",
          [indicator("profit", "净利润", "money", ratio("150", below="extrapolate"), target("100000")),
           indicator("revenue", "收入", "money", ratio("120"), target("100"))],
          group("root", [ref("profit", "60"), ref("revenue", "40")]),
          ratings=SABCD),
     inp([subject("a", {"profit": "-50000", "revenue": "-10"}),
          subject("b", {"profit": "-100000", "revenue": "100"}),
          subject("c", {"profit": "0", "revenue": "50"}),
          subject("d", {"profit": "200000", "revenue": "130"})], what_it_takes=True))

case("linear-below-extrapolate",
     "Linear below = extrapolate: the first segment's line continues below the first point, into negative scores",
     CHECKED + "calls tiers 150→60, 200→100, 250→120 (first slope 0.8/call): a 100 → 60−50×0.8=20, flag extrapolated; "
     "b 50 → −20, extrapolated; c 150 → 60 exactly (no flag, 门槛); d 0 → −60. "
     "deal_cycle (lower is better, 60→60, 45→100, 30→120; first slope −40/15 per day): a 75 → 60−15×40/15=20, extrapolated; "
     "b 61 → 57.333…, c 60 → 60, d 90 → −20. "
     "margin (achievement basis, target 20, tiers 50 %→−50, 100 %→100, 150 %→150, above extrapolate): a 6 → 30 % → −50−20×3=−110; "
     "b −4 → −20 % → −260; c 10 → 50 % → −50 (亏损 tier reached); d 40 → 200 % → 200, extrapolated above. "
     "Weights 40/30/30: a 20×0.4+20×0.3−110×0.3=−19.00 (a negative total; no total.floor).",
     plan("linear-extrapolate-below", "插值外推(下)",
          [indicator("calls", "外呼量", "count", linear("extrapolate"), target("200", TIERS_3)),
           indicator("deal_cycle", "成交周期", "days", linear("extrapolate"),
                     target(tiers=[("门槛", "60", "60"), ("目标", "45", "100"), ("挑战", "30", "120")]),
                     direction="lower_is_better"),
           indicator("margin", "毛利率", "percent", linear("extrapolate", "extrapolate"),
                     target("20", [("亏损", "50", "-50"), ("目标", "100", "100"), ("挑战", "150", "150")],
                            basis="achievement"))],
          group("root", [ref("calls", "40"), ref("deal_cycle", "30"), ref("margin", "30")])),
     inp([subject("a", {"calls": "100", "deal_cycle": "75", "margin": "6"}),
          subject("b", {"calls": "50", "deal_cycle": "61", "margin": "-4"}),
          subject("c", {"calls": "150", "deal_cycle": "60", "margin": "10"}),
          subject("d", {"calls": "0", "deal_cycle": "90", "margin": "40"})], what_it_takes=True))

case("band-below-extrapolate",
     "Band with below = extrapolate: no floor, 10 points per unit outside [95, 105] however far",
     CHECKED + "a 100 → 100; b 90 → 100−5×10=50; c 80 → 100−15×10=−50 (no flag); d 120 → −50; "
     "e 200 → 100−95×10=−850. With the default floor, c, d and e would score 0 (floored). "
     "What it takes for c: next whole point −49 → 95−14.9=80.1 → 81 with step 1 → score −40.",
     plan("band-extrapolate", "库存区间",
          [indicator("stock", "库存天数", "count",
                     {"kind": "band", "low": "95", "high": "105", "per_unit": "10", "below": "extrapolate"},
                     direction="band")],
          group("root", [ref("stock", "100")])),
     inp([subject("a", {"stock": "100"}), subject("b", {"stock": "90"}),
          subject("c", {"stock": "80"}), subject("d", {"stock": "120"}),
          subject("e", {"stock": "200"})], what_it_takes=True))

case("boundary-exclusive-tiers",
     "Tier points with boundary = exclusive: reaching a point exactly does not reach the tier (exceeds, not meets)",
     CHECKED + "calls step 150/200/250 → 60/100/120 (exclusive): a 150 → no tier → 0; b 151 → 门槛 60; c 200 → 门槛 60; "
     "d 250 → 目标 100; e 251 → 挑战 120. "
     "deal_cycle step, lower is better, 60/45/30 days (exclusive): a 60 → none → 0; b 59 → 门槛; c 45 → 门槛; d 30 → 目标; e 29 → 挑战. "
     "sales step on achievement 100/120 % of 1000 (exclusive): a 1000 (100 %) → none; b 1000.01 → 达标; c 1200 → 达标; d 1200.01 → 卓越; "
     "e 2000 → 卓越. visits linear 10→50, 20→100, below zero (exclusive): exactly 10 → no tier → 0 (the jump is at the point); "
     "10.5 → 52.5; 20 → 100 (interpolated, tier 门槛); 30 → 100, capped. "
     "visits prorated (active 0.5 for e): the point 10 becomes 5; e's 5 does not reach it. "
     "What it takes from an exact point is one step beyond it.",
     plan("boundary-tiers", "超过才算",
          [indicator("calls", "外呼量", "count", step_curve(), target("200", TIERS_3, boundary="exclusive")),
           indicator("deal_cycle", "成交周期", "days", step_curve(),
                     target(tiers=[("门槛", "60", "60"), ("目标", "45", "100"), ("挑战", "30", "120")],
                            boundary="exclusive"),
                     direction="lower_is_better", step="1"),
           indicator("sales", "销售额", "money", step_curve(),
                     target("1000", [("达标", "100", "100"), ("卓越", "120", "120")], basis="achievement",
                            boundary="exclusive")),
           indicator("visits", "拜访量", "count", linear(),
                     target(tiers=[("门槛", "10", "50"), ("目标", "20", "100")], prorate=True,
                            boundary="exclusive"), step="0.5")],
          group("root", [ref("calls", "25"), ref("deal_cycle", "25"), ref("sales", "25"), ref("visits", "25")])),
     inp([subject("a", {"calls": "150", "deal_cycle": "60", "sales": "1000", "visits": "10"}),
          subject("b", {"calls": "151", "deal_cycle": "59", "sales": "1000.01", "visits": "10.5"}),
          subject("c", {"calls": "200", "deal_cycle": "45", "sales": "1200", "visits": "20"}),
          subject("d", {"calls": "250", "deal_cycle": "30", "sales": "1200.01", "visits": "30"}),
          subject("e", {"calls": "251", "deal_cycle": "29", "sales": "2000", "visits": "5"}, active="0.5")],
         what_it_takes=True))

case("boundary-exclusive-pass-fail-and-ratio-gate",
     "boundary = exclusive on a pass/fail target (both directions) and on a ratio's gate; inclusive written out is the default",
     CHECKED + "satisfaction pass_fail > 90: a 90 → 0, b 90.01 → 100. complaints pass_fail < 2 (lower): a 2 → 0, b 1 → 100. "
     "collection ratio gate 60 exclusive, target 90: a 54 (60 % exactly) → gated 0; b 54.01 → 60.011… "
     "conversion ratio gate 60, boundary inclusive written out: a 9 of 15 (60 %) → 60, not gated. "
     "c: the prorated target 90×0.5=45 — collection 27 is 60 % exactly → gated; satisfaction's target 90 (not prorated).",
     plan("boundary-pass-fail", "严格达标",
          [indicator("satisfaction", "客户满意度", "percent", {"kind": "pass_fail"}, target("90", boundary="exclusive")),
           indicator("complaints", "客户投诉", "count", {"kind": "pass_fail"}, target("2", boundary="exclusive"),
                     direction="lower_is_better"),
           indicator("collection", "回款率", "percent", ratio("120", "60"),
                     target("90", prorate=True, boundary="exclusive")),
           indicator("conversion", "转化率", "percent", ratio("120", "60"), target("15", boundary="inclusive"))],
          group("root", [ref("satisfaction", "25"), ref("complaints", "25"), ref("collection", "25"),
                         ref("conversion", "25")])),
     inp([subject("a", {"satisfaction": "90", "complaints": "2", "collection": "54", "conversion": "9"}),
          subject("b", {"satisfaction": "90.01", "complaints": "1", "collection": "54.01", "conversion": "8.99"}),
          subject("c", {"satisfaction": "95", "complaints": "0", "collection": "27", "conversion": "15"},
                  active="0.5")], what_it_takes=True))

case("boundary-exclusive-gates",
     "Gates with boundary = exclusive: a result exactly at the threshold does not pass the gate",
     CHECKED + "collection gate (achievement 60 %, exclusive) caps the total at 70; complaints gate (actual 5, lower is better, "
     "exclusive) caps group results at 50; a third gate on sales (inclusive, written out) at 50 % caps the total at 80. "
     "s1: collection 54/90 = 60 % exactly → applies; s2: 54.01 → passes. s3: complaints 5 → applies; s4: 4 → passes. "
     "s5: sales 50/100 = 50 % exactly → inclusive: passes.",
     plan("boundary-gates", "门槛(严格)",
          [indicator("sales", "销售额", "money", ratio("150"), target("100")),
           indicator("collection", "回款率", "percent", ratio("110"), target("90")),
           indicator("complaints", "客户投诉", "count", {"kind": "deduction", "per_unit": "10"},
                     direction="lower_is_better")],
          group("root", [group("results", [ref("sales", "70"), ref("complaints", "30")], weight="70"),
                         ref("collection", "30")]),
          adjustments=[{"kind": "gate", "indicator": "collection", "threshold": "60", "cap": "70",
                        "boundary": "exclusive"},
                       {"kind": "gate", "indicator": "complaints", "basis": "actual", "threshold": "5",
                        "cap": "50", "group": "results", "boundary": "exclusive"},
                       {"kind": "gate", "indicator": "sales", "threshold": "50", "cap": "80",
                        "boundary": "inclusive"}],
          ratings=SABCD),
     inp([subject("s1", {"sales": "120", "collection": "54", "complaints": "0"}),
          subject("s2", {"sales": "120", "collection": "54.01", "complaints": "0"}),
          subject("s3", {"sales": "120", "collection": "90", "complaints": "5"}),
          subject("s4", {"sales": "120", "collection": "90", "complaints": "4"}),
          subject("s5", {"sales": "50", "collection": "90", "complaints": "0"})]))

case("deduction-below-extrapolate",
     "Deduction with below = extrapolate: 15 points per violation from 100 with no floor (a clawback); the default floors at 0",
     CHECKED + "conduct (below extrapolate): a 0 → 100; b 2 → 70; c 7 → 100−105=−5 (no flag); d 20 → −200. "
     "safety (default floor 0): c 7 → 0, floored; d 20 → 0, floored. Weights 50/50: c −2.50, d −100.00. "
     "What it takes for d: next whole point −199 → 19.933… → 19 violations (−1) → −185.",
     plan("deduction-extrapolate", "违规回拨",
          [indicator("conduct", "违规次数", "count",
                     {"kind": "deduction", "per_unit": "15", "below": "extrapolate"}, direction="lower_is_better"),
           indicator("safety", "安全事故", "count", {"kind": "deduction", "per_unit": "15"},
                     direction="lower_is_better")],
          group("root", [ref("conduct", "50"), ref("safety", "50")])),
     inp([subject("a", {"conduct": "0", "safety": "0"}), subject("b", {"conduct": "2", "safety": "2"}),
          subject("c", {"conduct": "7", "safety": "7"}), subject("d", {"conduct": "20", "safety": "20"})],
         what_it_takes=True))

# Earnings (issue #16): rate tables on an amount, lines, caps, statements.
# The statement is computed by conformance/oracle_earnings.py.
# ---------------------------------------------------------------------------

EARN_INDICATORS = [
    indicator("revenue", "销售额", "money", {"kind": "pass_fail"}, target("100000")),
    indicator("refunds", "退款", "money", {"kind": "pass_fail"}, target("1"), auxiliary=True),
]
EARN_TREE = group("root", [ref("revenue", "100"), ref("refunds", "0")])


def earn_plan(pid, name, earnings=None, indicators=None, tree=None, **extra):
    p = plan(pid, name, indicators or EARN_INDICATORS, tree or EARN_TREE, **extra)
    p["earnings"] = earnings
    return p


case("earnings-flat-signed",
     "Earnings: flat rates on revenue and on refunds; a negative amount (refunds) gives a negative line; "
     "a missing amount gives a null line that adds nothing",
     CHECKED + "a: revenue 123456.78 × 0.035 = 4320.9873 → 4320.99; refunds −2500.50 × 0.035 = −87.51750 → −87.52; "
     "total 4233.47. b: revenue 0 → 0.00; refunds missing → null line; total 0.00. "
     "c: revenue missing (amount null, earnings null), refunds −100 → −3.50; total −3.50.",
     earn_plan("earn-flat", "提成(固定比例)", {"currency": "CNY", "lines": [
         {"id": "commission", "name": "销售提成", "indicator": "revenue",
          "table": {"kind": "flat", "rate": "0.035"}},
         {"id": "clawback", "name": "退款扣回", "indicator": "refunds",
          "table": {"kind": "flat", "rate": "0.035"}}]}),
     inp([subject("c", {"refunds": "-100"}),
          subject("b", {"revenue": "0"}),
          subject("a", {"revenue": "123456.78", "refunds": "-2500.50"})]))

case("earnings-tiers-bounds-and-gaps",
     "Earnings: whole-amount tiers with inclusive and exclusive bounds and a gap; amounts exactly on every bound; "
     "a negative amount is looked up by its size and keeps its sign",
     CHECKED + "bands: [0, 50000) 1 %; [50000, 100000] 2 %; (120000, open) 4 %; gap (100000, 120000] pays 0. "
     "at0: 0 → band 0, 0.00. b49999: 49999.99 → band 0, 499.9999 → 500.00. b50000: 50000 → band 1 (from included), 1000.00. "
     "b100000: 100000 → band 1 (to included), 2000.00. gap1: 100000.01 → gap, rate 0, band null, 0.00. "
     "gap2: 120000 → gap (from excluded), 0.00. top: 120000.01 → band 2, 4800.0004 → 4800.00. "
     "neg: −50000 → |a| in band 1 → 2 % × −50000 = −1000.00.",
     earn_plan("earn-tiers", "阶梯提成(整额)", {"lines": [
         {"id": "tiers", "indicator": "revenue", "table": {"kind": "tiers", "bands": [
             {"from": "0", "to": "50000", "rate": "0.01"},
             {"from": "50000", "to": "100000", "to_inclusive": True, "rate": "0.02"},
             {"from": "120000", "from_inclusive": False, "rate": "0.04"}]}}]}),
     inp([subject("at0", {"revenue": "0"}),
          subject("b49999", {"revenue": "49999.99"}),
          subject("b50000", {"revenue": "50000"}),
          subject("b100000", {"revenue": "100000"}),
          subject("gap1", {"revenue": "100000.01"}),
          subject("gap2", {"revenue": "120000"}),
          subject("top", {"revenue": "120000.01"}),
          subject("neg", {"revenue": "-50000"})]))

case("earnings-tiers-first-band-exclusive",
     "Earnings: tiers whose first band excludes its lower bound and starts above 0: amounts below it and on it are in no band",
     CHECKED + "bands: (10000, 20000) 5 %; [20000, open) 6 %. a: 10000 → no band, 0.00. "
     "b: 5000 → below the first band, 0.00. c: 19999.99 → band 0, 999.9995 → 1000.00. d: 20000 → band 1, 1200.00.",
     earn_plan("earn-tiers-open", "阶梯(下界不含)", {"lines": [
         {"id": "tiers", "indicator": "revenue", "table": {"kind": "tiers", "bands": [
             {"from": "10000", "from_inclusive": False, "to": "20000", "rate": "0.05"},
             {"from": "20000", "rate": "0.06"}]}}]}),
     inp([subject("a", {"revenue": "10000"}), subject("b", {"revenue": "5000"}),
          subject("c", {"revenue": "19999.99"}), subject("d", {"revenue": "20000"})]))

case("earnings-marginal-slices",
     "Earnings: marginal tiers: each slice at its band's rate, the top band open-ended, the part below the first band unpaid; "
     "slices and the blended rate listed; half-even rounding",
     CHECKED + "bands from 10000 at 2 %, from 50000 at 3 %, from 100000 at 5 %. "
     "a: 150000 → slices 40000×2 %=800, 50000×3 %=1500, 50000×5 %=2500; 4800.00, blended 4800/150000=0.032. "
     "b: 50000 exactly → one slice 40000 → 800.00 (no empty slice for band 1), blended 0.016. "
     "c: 10000 → on the first bound: no slice, 0.00, blended 0. d: 0 → no slice, blended null. "
     "e: 60000.25 → 800 + 10000.25×3 %=300.0075 → 1100.0075 → 1100.01 (half even: .0075 > .005); slice earnings 300.01 (300.0075). "
     "f: −75000 → slices −40000 (−800), −25000 (−750) → −1550.00, blended 0.020667 (1550/75000=0.0206666…).",
     earn_plan("earn-marginal", "累进提成", {"lines": [
         {"id": "marginal", "indicator": "revenue", "table": {"kind": "marginal", "bands": [
             {"from": "10000", "rate": "0.02"},
             {"from": "50000", "rate": "0.03"},
             {"from": "100000", "rate": "0.05"}]}}]},
         rounding={"scale": 2, "mode": "half_even"}),
     inp([subject("a", {"revenue": "150000"}), subject("b", {"revenue": "50000"}),
          subject("c", {"revenue": "10000"}), subject("d", {"revenue": "0"}),
          subject("e", {"revenue": "60000.25"}), subject("f", {"revenue": "-75000"})]))

case("earnings-interpolated-multiplier",
     "Earnings: an interpolated payout curve on achievement times on-target earnings (a subject's base replaces the plan's), "
     "multiplied by the rating's factor (奖金系数); a line on the KPI total with a multiplier by score",
     CHECKED + "curve: 0 below 50 %, (50, 0) → (100, 1) → (150, 2.5), 2.5 above 150. "
     "a: 100000 → achievement 100, rate 1, base 30000, total 100 → rating A, factor 1.2 → 36000.00; "
     "kpi line: total 100 × 100 = 10000, score factor at 100 interpolated between (90, 0.8) and (110, 1.2) → 1.0 → 10000.00. "
     "b: 75000 → 75 %, rate 0.5, subject base 20000 → 10000 × factor C 0.5 = 5000.00; kpi 75 → below first point 0 → 0.00. "
     "c: 160000 → 150 (capped score) but achievement 160, rate 2.5 → 75000 × S 1.5 = 112500.00; kpi 150 → 1.2 → 18000.00. "
     "d: 40000 → 40 %, below the first point, rate 0 → 0.00. e: no data → no total: amount null; multiplier null; kpi null; total 0.00.",
     earn_plan("earn-curve", "目标奖金", indicators=[
         indicator("revenue", "销售额", "money", ratio("150"), target("100000")),
         indicator("refunds", "退款", "money", {"kind": "pass_fail"}, target("1"), auxiliary=True)],
         earnings={"currency": "CNY", "lines": [
         {"id": "bonus", "basis": "achievement", "indicator": "revenue",
          "table": {"kind": "interpolated", "base": "30000", "points": [
              {"at": "50", "rate": "0"}, {"at": "100", "rate": "1"}, {"at": "150", "rate": "2.5"}]},
          "multiplier": {"by": "rating", "factors": {"S": "1.5", "A": "1.2", "B": "1", "C": "0.5", "D": "0"}}},
         {"id": "kpi", "basis": "total", "table": {"kind": "flat", "rate": "100"},
          "multiplier": {"by": "score", "interpolate": True, "points": [
              {"score": "90", "factor": "0.8"}, {"score": "110", "factor": "1.2"}]}}]},
         ratings=SABCD),
     inp([subject("a", {"revenue": "100000"}),
          subject("b", {"revenue": "75000"}, base="20000"),
          subject("c", {"revenue": "160000"}),
          subject("d", {"revenue": "40000"}),
          subject("e", {})]))

case("earnings-caps",
     "Earnings: a cap per line (binding, not binding, 0) and per statement; a negative line is never raised by a cap",
     CHECKED + "commission 5 % of revenue capped at 6000; bonus flat 1 % capped at 0; statement cap 7000. "
     "a: 200000 → 10000 capped 6000 (capped); bonus 2000 → cap 0 → 0.00 (capped); refunds line −1000 × 5 % = −50; "
     "total 6000 + 0 − 50 = 5950.00 (under 7000). "
     "b: 119999.99 → 5999.9995 not over 6000 → 6000.00 (rounded, not capped); bonus 1199.9999 → 0.00 capped; total 6000.00. "
     "c: −300000 → −15000 (not capped); bonus −3000 (not capped); total −18000.00. "
     "d: statement cap: revenue 140000 → 6000 (capped) and bonus 0; refunds line +2000 × 5 % = 100 → 6100 ≤ 7000. "
     "e: revenue 140000 → 6000 (capped), bonus 0, refunds 40000 × 5 % = 2000 → 8000 > 7000 → total 7000.00 (statement capped).",
     earn_plan("earn-caps", "封顶", {"cap": "7000", "lines": [
         {"id": "commission", "indicator": "revenue", "table": {"kind": "flat", "rate": "0.05"}, "cap": "6000"},
         {"id": "bonus", "indicator": "revenue", "table": {"kind": "flat", "rate": "0.01"}, "cap": "0"},
         {"id": "refunds", "indicator": "refunds", "table": {"kind": "flat", "rate": "0.05"}}]}),
     inp([subject("a", {"revenue": "200000", "refunds": "-1000"}),
          subject("b", {"revenue": "119999.99"}),
          subject("c", {"revenue": "-300000"}),
          subject("d", {"revenue": "140000", "refunds": "2000"}),
          subject("e", {"revenue": "140000", "refunds": "40000"})]))

case("earnings-refused-and-scale",
     "Earnings: a refused subject's statement is null; scale 0 and mode down apply to money, rates stay at 6 places",
     CHECKED + "refunds is in the tree with policy refuse (weight 0). a: no refunds → refused → earnings null. "
     "b: revenue 12345.67 × 0.0333 = 411.110811 → 411 (down, scale 0); refunds −10 × 0.0333 = −0.333 → −0 → \"0\"; total 411. "
     "c: revenue 99.99 → 3.329667 → 3; refunds −99 → −3.2967 → −3 (toward zero); total 0.",
     earn_plan("earn-refused", "拒绝与精度", {"lines": [
         {"id": "commission", "indicator": "revenue", "table": {"kind": "flat", "rate": "0.0333"}},
         {"id": "refunds", "indicator": "refunds", "table": {"kind": "flat", "rate": "0.0333"}}]},
         tree=group("root", [ref("revenue", "100"), ref("refunds", "0", missing="refuse")]),
         rounding={"scale": 0, "mode": "down"}),
     inp([subject("a", {"revenue": "100"}),
          subject("b", {"revenue": "12345.67", "refunds": "-10"}),
          subject("c", {"revenue": "99.99", "refunds": "-99"})]))

case("ratio-relative-any-sign",
     "Ratio curve, formula relative and closest (relative to target): negative targets, actual exactly at T, lower is better linear",
     CHECKED + "profit: relative, higher, T = −50: a −40 → (−40 + 50 + 50) ÷ 50 = 120 %; b −50 (at T) → 100; "
     "c −110 → (−110 + 50 + 50) ÷ 50 = −20 % → 0 (floored). "
     "defects: relative, lower, T = 20, no cap needed: a 10 → 1 − (10 − 20) ÷ 20 = 150 %; b 20 → 100; c 45 → −25 % → 0 (floored). "
     "margin: closest, T = 30, cap 100: a 27 → 1 − 3 ÷ 30 = 90 %; b 30 → 100; c 33 → 90. "
     "Totals (40/30/30): a 48 + 45 + 27 = 120; b 100; c 0 + 0 + 27 = 27. next: null for these formulas.",
     plan("ratio-relative", "相对目标", [
         indicator("profit", "利润", "money", {"kind": "ratio", "formula": "relative"}, target("-50")),
         indicator("defects", "缺陷", "count", {"kind": "ratio", "formula": "relative"}, target("20"),
                   direction="lower_is_better"),
         indicator("margin", "毛利率", "percent", {"kind": "ratio", "formula": "closest", "cap": "100"},
                   target("30"))],
         group("root", [ref("profit", "40"), ref("defects", "30"), ref("margin", "30")])),
     inp([subject("a", {"profit": "-40", "defects": "10", "margin": "27"}),
          subject("b", {"profit": "-50", "defects": "20", "margin": "30"}),
          subject("c", {"profit": "-110", "defects": "45", "margin": "33"})], what_it_takes=True))

case("ratio-zero-target-rules",
     "Ratio curve at a target of 0: zero_target offset (1 + actual, 1 − actual, 1 − |actual|) and pass_fail (reached or not, with boundary)",
     CHECKED + "incidents: relative, lower, T = 0, offset: a 0 → 100 %; b 0.25 → 75; c 1.5 → −50 → 0 (floored). "
     "flow: relative, higher, T = 0, pass_fail, inclusive: a 0 → 100; b −0.01 → 0; c 3 → 100. "
     "drift: closest, T = 0, offset, below extrapolate: a −0.1 → 90; b 0 → 100; c 2 → −100 (a negative score). "
     "streak: relative, higher, T = 0, pass_fail, exclusive: a 0 → 0 (must pass 0); b 1 → 100; c −1 → 0. "
     "Totals (25 each): a 25 + 25 + 22.5 + 0 = 72.5; b 18.75 + 0 + 25 + 25 = 68.75; c 0 + 25 − 25 + 0 = 0.",
     plan("ratio-zero", "零目标", [
         indicator("incidents", "事故率", "ratio", {"kind": "ratio", "formula": "relative", "zero_target": "offset"},
                   target("0"), direction="lower_is_better"),
         indicator("flow", "净流入", "money", {"kind": "ratio", "formula": "relative", "zero_target": "pass_fail"},
                   target("0")),
         indicator("drift", "偏差", "ratio", {"kind": "ratio", "formula": "closest", "zero_target": "offset",
                                             "below": "extrapolate"}, target("0")),
         indicator("streak", "连续", "count", {"kind": "ratio", "formula": "relative", "zero_target": "pass_fail"},
                   target("0", boundary="exclusive"))],
         group("root", [ref("incidents", "25"), ref("flow", "25"), ref("drift", "25"), ref("streak", "25")])),
     inp([subject("a", {"incidents": "0", "flow": "0", "drift": "-0.1", "streak": "0"}),
          subject("b", {"incidents": "0.25", "flow": "-0.01", "drift": "0", "streak": "1"}),
          subject("c", {"incidents": "1.5", "flow": "3", "drift": "2", "streak": "-1"})]))

case("ratio-relative-tiers-gate-per-subject",
     "Relative formula with per-subject targets of any sign, a gate at exactly 100 (exclusive) and tiers on achievement basis",
     CHECKED + "cost: relative, lower, gate 100, cap 130, boundary exclusive, tiers on achievement 100 / 120. "
     "a: T 100, actual 100 → exactly 100 % → not past the gate → 0 (gated), tier none. "
     "b: T −20 (per subject), actual −26 → 1 − (−26 + 20) ÷ 20 = 130 % → 130, tiers both passed (120 < 130). "
     "c: T 0 (per subject), zero_target offset, actual −0.2 → 1 + 0.2 = 120 % → 120; tier 100 passed, 120 not (exclusive). "
     "d: T 50, actual 49.9995 → 1 − (−0.0005 ÷ 50) = 100.001 % → 100.001, tier 100 passed.",
     plan("ratio-relative-tiers", "相对目标档位", [
         indicator("cost", "成本", "money", {"kind": "ratio", "formula": "relative", "zero_target": "offset",
                                          "gate": "100", "cap": "130"},
                   target("100", per_subject=True, basis="achievement", boundary="exclusive",
                          tiers=[("达标", "100", None), ("卓越", "120", None)]),
                   direction="lower_is_better")],
         group("root", [ref("cost", "100")]), rounding={"scale": 4}),
     inp([subject("a", {"cost": "100"}),
          subject("b", {"cost": "-26"}, targets={"cost": "-20"}),
          subject("c", {"cost": "-0.2"}, targets={"cost": "0"}),
          subject("d", {"cost": "49.9995"}, targets={"cost": "50"})]))

def pct(iid, name, auxiliary=None):
    return indicator(iid, name, "points", ratio("200"), target("100"), auxiliary=auxiliary)


case("group-mean-missing",
     "A mean group: exact 1/N weights (no decimals written), a child without data dropped (reweight) or counted 0 (zero), an auxiliary child at weight 0",
     CHECKED + "skills = mean of a, b (missing zero), c (each 100/3 %; aux shown at 0); root: skills 60, result 40. "
     "x: a 90, b 80, c 70 → 80 → 48 + 40 = 88. y: a missing → dropped → (80 + 70) ÷ 2 = 75 (effective weight 50, reweighted) → 45 + 40 = 85. "
     "z: b missing → 0 over 3 → (90 + 0 + 60) ÷ 3 = 50 → 30 + 40 = 70. "
     "w: 100, 100, 0 → 200 ÷ 3 = 66.666… → 60 × 66.666… ÷ 100 = 40 exactly → 80.",
     plan("group-mean", "平均", [pct("a", "沟通"), pct("b", "协作"), pct("c", "学习"),
                                pct("note", "备注", auxiliary=True), pct("result", "结果")],
          group("root", [group("skills", [ref("a"), ref("b", missing="zero"), ref("c"), ref("note")],
                               weight="60") | {"mode": "mean"},
                         ref("result", "40")])),
     inp([subject("x", {"a": "90", "b": "80", "c": "70", "note": "50", "result": "100"}),
          subject("y", {"b": "80", "c": "70", "result": "100"}),
          subject("z", {"a": "90", "c": "60", "result": "100"}),
          subject("w", {"a": "100", "b": "100", "c": "0", "result": "100"})]))

case("group-round-before-mean",
     "Each part rounded to 3 places before the parent's mean (round at .0005), in the plan's mode; total at scale 3",
     CHECKED + "root = mean of p1 and p2, each a group with round 3. "
     "x: 88.8885 → 88.889, 77.7775 → 77.778 (half away from zero) → (88.889 + 77.778) ÷ 2 = 83.3335 → total 83.334 "
     "(unrounded parts would give 83.333). y: 88.8884999 → 88.888, 77.7775 → 77.778 → 83.333. "
     "z: −0.0005 → a negative achievement, floored → 0.000; 0.0005 → 0.001 (the tie rounds up) → mean 0.0005 → total 0.001.",
     plan("group-round", "分项取整", [pct("i1", "分项一"), pct("i2", "分项二")],
          group("root", [group("p1", [ref("i1", "100")]) | {"round": 3},
                         group("p2", [ref("i2", "100")]) | {"round": 3}]) | {"mode": "mean"},
          rounding={"scale": 3}),
     inp([subject("x", {"i1": "88.8885", "i2": "77.7775"}),
          subject("y", {"i1": "88.8884999", "i2": "77.7775"}),
          subject("z", {"i1": "-0.0005", "i2": "0.0005"})]))

case("group-mean-empty",
     "An empty mean group has no data and follows its missing policy: reweight (left out) or zero (scores 0)",
     CHECKED + "root: i1 60, later (mean, no children, reweight) 20, held (mean, no children, missing zero) 20. "
     "later is left out; held scores 0 (flag missing) and keeps its weight: x i1 90 → (90 × 60 + 0 × 20) ÷ 80 = 67.5 "
     "(i1 effective 75, held 25, reweighted).",
     plan("group-empty", "空组", [pct("i1", "分项一")],
          group("root", [ref("i1", "60"),
                         group("later", [], weight="20") | {"mode": "mean"},
                         group("held", [], weight="20", missing="zero") | {"mode": "mean"}])),
     inp([subject("x", {"i1": "90"})]))
case("what-it-takes-gate",
     "What it takes when a total gate caps the total: next_gate names the gate to clear first (the lowest cap that applies) and the actual that clears it, as its boundary says",
     "Gates: complaints > 5 (actual, lower is better) cap 60; collection not above 60 % (exclusive) cap 70; "
     "cycle below 80 % (achievement, lower is better: 30 ÷ actual) cap 80. "
     "s1: complaints 6 and collection 45 (50 %) gated at 60 and 70 → clear complaints first: 5 (−1); then collection still caps at 70. "
     "s2: only collection: 60 % of 90 = 54 exactly does not pass an exclusive gate → 54.01 (+9.01, step 0.01); then no gate. "
     "s3: cycle 45 → 66.67 % → cap 80; 30 × 100 ÷ 80 = 37.5 → 37.50 (−7.50). "
     "s4: no gate → next_gate null. s5: collection (cap 70) and cycle 40 (75 %, cap 80) → collection first. "
     "s6: score 30 + 10 + 20 = 60, under collection's cap 70: still flag gated and next_gate (collection 54.01). "
     "variance = actual − target on every node (cycle, lower is better: 45 − 30 = +15.00, the bad side).",
     plan("gate-next", "先过门槛",
          [indicator("sales", "销售额", "money", ratio("150"), target("100")),
           indicator("collection", "回款率", "percent", ratio("110"), target("90")),
           indicator("cycle", "回款周期", "days", ratio("120"), target("30"), direction="lower_is_better"),
           indicator("complaints", "客户投诉", "count", {"kind": "deduction", "per_unit": "10"},
                     direction="lower_is_better", auxiliary=True)],
          group("root", [ref("sales", "60"), ref("collection", "20"), ref("cycle", "20"),
                         ref("complaints", "0")]),
          adjustments=[{"kind": "gate", "indicator": "complaints", "basis": "actual", "threshold": "5", "cap": "60"},
                       {"kind": "gate", "indicator": "collection", "threshold": "60", "cap": "70",
                        "boundary": "exclusive"},
                       {"kind": "gate", "indicator": "cycle", "threshold": "80", "cap": "80"}],
          ratings=SABCD),
     inp([subject("s1", {"sales": "150", "collection": "45", "cycle": "30", "complaints": "6"}),
          subject("s2", {"sales": "150", "collection": "45", "cycle": "30", "complaints": "2"}),
          subject("s3", {"sales": "150", "collection": "90", "cycle": "45", "complaints": "0"}),
          subject("s4", {"sales": "100", "collection": "90", "cycle": "30"}),
          subject("s5", {"sales": "150", "collection": "45", "cycle": "40"}),
          subject("s6", {"sales": "50", "collection": "45", "cycle": "30", "complaints": "0"})],
         what_it_takes=True))

# ---------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", metavar="DIR", default=OUT,
                        help="the folder to write (default: conformance/cases); "
                        "its .json files are replaced")
    out = parser.parse_args(argv).out
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".json"):
            os.remove(os.path.join(out, name))
    slugs = set()
    for n, (slug, body) in enumerate(CASES, 1):
        assert slug not in slugs, slug
        slugs.add(slug)
        path = os.path.join(out, "%03d-%s.json" % (n, slug))
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    print("wrote %d cases to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
