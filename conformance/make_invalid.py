#!/usr/bin/env python3
"""Writes the invalid conformance cases (conformance/invalid/slug.json).

Each case starts from one valid plan (BASE) or input (INPUT) and makes exactly
the mistakes it names, so that `expected_error.problems` is the COMPLETE set
of (path, code) the engine must report.  The path rules are in README.md.

Run:  python3 conformance/make_invalid.py
"""

import argparse
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "invalid")

TIERS = [{"name": "门槛", "at": "150", "score": "60"},
         {"name": "目标", "at": "200", "score": "100"},
         {"name": "挑战", "at": "250", "score": "120"}]

# A valid plan: /indicators/0 is calls, /indicators/1 is conversion.
BASE = {
    "id": "base-2026",
    "name": "电话销售 KPI",
    "version": "1",
    "indicators": [
        {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
         "target": {"value": "200", "tiers": TIERS}, "curve": {"kind": "ratio", "cap": "120"}},
        {"id": "conversion", "name": "转化率", "unit": {"kind": "percent"},
         "direction": "higher_is_better", "target": {"value": "15"},
         "curve": {"kind": "ratio", "cap": "120"}},
    ],
    "tree": {"group": "root", "name": "总分", "children": [
        {"indicator": "calls", "weight": "60"}, {"indicator": "conversion", "weight": "40"}]},
    "adjustments": [{"kind": "bonus", "id": "innovation", "name": "创新加分", "max": "5"}],
    "ratings": [{"name": "S", "min": "110"}, {"name": "A", "min": "100"}, {"name": "B", "min": "85"},
                {"name": "C", "min": "70"}, {"name": "D"}],
}

# A valid input for BASE.
INPUT = {"subjects": [
    {"id": "zhang.san", "actuals": {"calls": "212", "conversion": "16.5"}},
    {"id": "li.si", "actuals": {"calls": "180", "conversion": "12"}},
    {"id": "wang.wu", "actuals": {"calls": "250", "conversion": "15"}},
    {"id": "zhao.liu", "actuals": {"calls": "200"}},
]}

CASES = []


def plan_case(slug, description, mutate, problems):
    plan = copy.deepcopy(BASE)
    mutate(plan)
    CASES.append((slug, {"description": description, "plan": plan,
                         "expected_error": {"error": "plan", "problems": problems}}))


def text_case(slug, description, text, problems):
    CASES.append((slug, {"description": description, "plan_text": text,
                         "expected_error": {"error": "plan", "problems": problems}}))


def input_case(slug, description, mutate, problems, mutate_plan=None):
    plan = copy.deepcopy(BASE)
    if mutate_plan:
        mutate_plan(plan)
    inp = copy.deepcopy(INPUT)
    mutate(inp)
    CASES.append((slug, {"description": description, "plan": plan, "input": inp,
                         "expected_error": {"error": "input", "problems": problems}}))


def p(path, code):
    return {"path": path, "code": code}


def ind(plan, i):
    return plan["indicators"][i]


# --- weights -----------------------------------------------------------------

def three_thirds(plan):
    plan["indicators"].append({"id": "visits", "name": "拜访量", "unit": {"kind": "count"},
                               "direction": "higher_is_better", "target": {"value": "40"},
                               "curve": {"kind": "ratio", "cap": "120"}})
    plan["tree"]["children"] = [{"indicator": i, "weight": "33.33"}
                                for i in ("calls", "conversion", "visits")]


plan_case("weights-33-33-33", "Three weights of 33.33 sum to 99.99, not 100 (compared as decimals)",
          three_thirds, [p("/tree/children", "weights_do_not_sum_to_100")])


def nested_90(plan):
    plan["indicators"].append({"id": "visits", "name": "拜访量", "unit": {"kind": "count"},
                               "direction": "higher_is_better", "target": {"value": "40"},
                               "curve": {"kind": "ratio", "cap": "120"}})
    plan["tree"]["children"] = [
        {"indicator": "calls", "weight": "70"},
        {"group": "process", "name": "过程指标", "weight": "30", "children": [
            {"indicator": "conversion", "weight": "50"}, {"indicator": "visits", "weight": "40"}]}]


plan_case("weights-nested-group-90", "The children of a nested group sum to 90; reported at that group's children",
          nested_90, [p("/tree/children/1/children", "weights_do_not_sum_to_100")])


def negative_weight(plan):
    plan["tree"]["children"][0]["weight"] = "120"
    plan["tree"]["children"][1]["weight"] = "-20"


plan_case("negative-weight", "A negative weight (the weights still sum to 100)",
          negative_weight, [p("/tree/children/1/weight", "negative_weight")])

# --- tiers -------------------------------------------------------------------


def tiers_out_of_order(plan):
    ind(plan, 0)["target"]["tiers"][1]["at"] = "120"


plan_case("tiers-out-of-order", "Tier points 150, 120, 250 on a higher-is-better indicator: the second tier is out of order",
          tiers_out_of_order, [p("/indicators/0/target/tiers/1/at", "tiers_out_of_order")])


def duplicate_tier_name(plan):
    ind(plan, 0)["target"]["tiers"][2]["name"] = "目标"


plan_case("duplicate-tier-name", "Two tiers named 目标",
          duplicate_tier_name, [p("/indicators/0/target/tiers/2/name", "duplicate_tier")])


def duplicate_tier_at(plan):
    ind(plan, 0)["target"]["tiers"][2]["at"] = "200"


plan_case("duplicate-tier-at", "Two tiers at the same point (200, 200): the repeated `at` is duplicate_tier",
          duplicate_tier_at, [p("/indicators/0/target/tiers/2/at", "duplicate_tier")])


def tier_scores_decrease(plan):
    ind(plan, 0)["curve"] = {"kind": "step"}
    ind(plan, 0)["target"]["tiers"][2]["score"] = "90"


plan_case("tier-scores-decrease", "Step tiers scoring 60, 100, 90: a score decreases",
          tier_scores_decrease, [p("/indicators/0/target/tiers/2/score", "tier_scores_decrease")])

# --- targets and curves ------------------------------------------------------


def zero_target(plan):
    ind(plan, 1)["target"]["value"] = "0"


plan_case("zero-target-ratio", "A ratio curve divides by the target, which is 0",
          zero_target, [p("/indicators/1/target/value", "zero_target")])


def negative_target(plan):
    ind(plan, 1)["target"]["value"] = "-15"


plan_case("negative-target-ratio", "A ratio curve with a negative target",
          negative_target, [p("/indicators/1/target/value", "negative_target")])


def relative_zero_no_rule(plan):
    ind(plan, 1)["curve"]["formula"] = "relative"
    ind(plan, 1)["target"]["value"] = "0"


plan_case("zero-target-relative-no-rule",
          "A relative ratio curve accepts a negative target, but a target of 0 needs a zero_target rule",
          relative_zero_no_rule, [p("/indicators/1/target/value", "zero_target")])


def zero_rule_with_quotient(plan):
    ind(plan, 1)["curve"]["zero_target"] = "offset"
    ind(plan, 0)["curve"]["formula"] = "inverse"
    ind(plan, 0)["curve"]["zero_target"] = "zero"


plan_case("ratio-formula-options",
          "zero_target without formula relative or closest; an unknown formula and zero_target rule",
          zero_rule_with_quotient,
          [p("/indicators/1/curve/zero_target", "invalid_value"),
           p("/indicators/0/curve/formula", "invalid_value"),
           p("/indicators/0/curve/zero_target", "invalid_value")])


def achievement_tiers_negative(plan):
    ind(plan, 0)["curve"] = {"kind": "step"}
    ind(plan, 0)["target"] = {"value": "-200", "tier_basis": "achievement",
                              "tiers": [{"name": "目标", "at": "100", "score": "100"}]}


plan_case("negative-target-achievement-tiers",
          "Step tiers on achievement basis divide by the target (quotient): a negative one is refused",
          achievement_tiers_negative, [p("/indicators/0/target/value", "negative_target")])


def relative_per_subject(plan):
    ind(plan, 1)["curve"]["formula"] = "closest"
    ind(plan, 1)["target"]["per_subject"] = True


def zero_subject_target(inp):
    inp["subjects"][0]["targets"] = {"conversion": "0"}
    inp["subjects"][1]["targets"] = {"conversion": "-3"}


input_case("input-zero-target-closest-no-rule",
           "A closest ratio curve takes a per-subject target of −3, but 0 needs a zero_target rule",
           zero_subject_target, [p("/subjects/0/targets/conversion", "zero_target")],
           mutate_plan=relative_per_subject)


def mean_group_mistakes(plan):
    plan["tree"]["mode"] = "mean"          # children keep their weights: refused each
    plan["tree"]["round"] = 7              # 0 to 6


plan_case("mean-group-weights-and-round",
          "A mean group whose children carry weights (each counts 1/N), and a round above 6",
          mean_group_mistakes,
          [p("/tree/round", "invalid_value"),
           p("/tree/children/0/weight", "invalid_value"),
           p("/tree/children/1/weight", "invalid_value")])


def unknown_group_mode(plan):
    plan["tree"]["mode"] = "median"
    plan["tree"]["children"].append({"group": "later", "weight": "0", "children": []})


plan_case("group-mode-unknown-and-empty-weighted",
          "An unknown group mode; a weighted group with no children (only a mean group may be empty)",
          unknown_group_mode,
          [p("/tree/mode", "invalid_value"),
           p("/tree/children/2/children", "empty_group")])


def cap_required(plan):
    ind(plan, 1)["direction"] = "lower_is_better"
    del ind(plan, 1)["curve"]["cap"]


plan_case("lower-ratio-without-cap", "A lower-is-better ratio curve needs a cap (an actual of 0 is unbounded)",
          cap_required, [p("/indicators/1/curve", "cap_required")])


def band_mismatch(plan):
    ind(plan, 1)["curve"] = {"kind": "band", "low": "10", "high": "20", "per_unit": "5"}


plan_case("band-curve-higher-direction", "A band curve on a higher-is-better indicator",
          band_mismatch, [p("/indicators/1/curve", "curve_direction_mismatch")])


def step_not_positive(plan):
    ind(plan, 0)["step"] = "0"


plan_case("step-not-positive", "An indicator step of 0", step_not_positive,
          [p("/indicators/0/step", "not_positive")])


def currency_required(plan):
    ind(plan, 1)["unit"] = {"kind": "money"}


plan_case("money-without-currency", "A money unit without its currency",
          currency_required, [p("/indicators/1/unit/currency", "currency_required")])

# --- signed curves and boundaries (FORMAT.md "Signed scores", `boundary`) -----


def ratio_extrapolate_with_gate(plan):
    ind(plan, 1)["curve"] = {"kind": "ratio", "cap": "120", "gate": "60", "below": "extrapolate"}


plan_case("ratio-below-extrapolate-with-gate",
          "A ratio curve asks to continue below 0 and to score 0 under a gate of 60 %: contradictory",
          ratio_extrapolate_with_gate, [p("/indicators/1/curve/below", "invalid_value")])


def band_extrapolate_with_floor(plan):
    ind(plan, 1)["direction"] = "band"
    ind(plan, 1)["curve"] = {"kind": "band", "low": "14", "high": "16", "per_unit": "10",
                             "floor": "0", "below": "extrapolate"}


plan_case("band-below-extrapolate-with-floor",
          "A band curve with no floor (below: extrapolate) and a floor of 0",
          band_extrapolate_with_floor, [p("/indicators/1/curve/floor", "invalid_value")])


def band_below_zero(plan):
    ind(plan, 1)["direction"] = "band"
    ind(plan, 1)["curve"] = {"kind": "band", "low": "14", "high": "16", "per_unit": "10",
                             "below": "zero"}


def deduction_extrapolate_with_floor(plan):
    ind(plan, 1)["direction"] = "lower_is_better"
    ind(plan, 1)["curve"] = {"kind": "deduction", "per_unit": "10", "floor": "-50", "below": "extrapolate"}


plan_case("deduction-below-extrapolate-with-floor",
          "A deduction curve with no floor (below: extrapolate) and a floor of -50",
          deduction_extrapolate_with_floor, [p("/indicators/1/curve/floor", "invalid_value")])


plan_case("band-below-zero", "A band curve's below is floor or extrapolate, not zero",
          band_below_zero, [p("/indicators/1/curve/below", "invalid_value")])


def linear_zero_negative_first(plan):
    ind(plan, 0)["curve"] = {"kind": "linear"}
    ind(plan, 0)["target"]["tiers"] = [{"name": "亏损", "at": "150", "score": "-20"},
                                       {"name": "目标", "at": "200", "score": "100"}]


plan_case("linear-below-zero-negative-first-tier",
          "Linear below: zero scores 0 under a first tier scoring -20: the curve would fall as calls rise",
          linear_zero_negative_first, [p("/indicators/0/target/tiers/0/score", "tier_scores_decrease")])


def step_below_above_first(plan):
    ind(plan, 0)["curve"] = {"kind": "step", "below": "70"}


plan_case("step-below-above-first-tier",
          "A step curve scoring 70 below its first tier, which scores 60",
          step_below_above_first, [p("/indicators/0/target/tiers/0/score", "tier_scores_decrease")])


def bad_boundaries(plan):
    ind(plan, 0)["target"]["boundary"] = "strict"
    plan["adjustments"].append({"kind": "gate", "indicator": "conversion", "threshold": "60",
                                "cap": "60", "boundary": "<"})


plan_case("boundary-invalid-values",
          "A target boundary and a gate boundary that are neither inclusive nor exclusive",
          bad_boundaries, [p("/indicators/0/target/boundary", "invalid_value"),
                           p("/adjustments/1/boundary", "invalid_value")])


def linear_below_floor(plan):
    ind(plan, 0)["curve"] = {"kind": "linear", "below": "floor"}


plan_case("linear-below-floor", "A linear curve's below is zero, flat or extrapolate",
          linear_below_floor, [p("/indicators/0/curve/below", "invalid_value")])

# --- the tree ----------------------------------------------------------------


def unknown_indicator(plan):
    plan["tree"]["children"].insert(0, {"indicator": "visits", "weight": "0"})


plan_case("unknown-indicator-in-tree", "The tree names an indicator (visits) that the plan does not define",
          unknown_indicator, [p("/tree/children/0/indicator", "unknown_indicator")])


def duplicate_indicator(plan):
    plan["indicators"].append(copy.deepcopy(plan["indicators"][1]))
    plan["indicators"][2]["id"] = "calls"


plan_case("duplicate-indicator-id", "Two indicators with the id calls",
          duplicate_indicator, [p("/indicators/2/id", "duplicate_id")])


def auxiliary_weight(plan):
    plan["indicators"].append({"id": "nps", "name": "NPS", "unit": {"kind": "points"},
                               "direction": "higher_is_better", "auxiliary": True,
                               "target": {"value": "50"}, "curve": {"kind": "ratio", "cap": "120"}})
    plan["tree"]["children"] = [{"indicator": "calls", "weight": "50"},
                                {"indicator": "conversion", "weight": "40"},
                                {"indicator": "nps", "weight": "10"}]


plan_case("auxiliary-with-weight", "An auxiliary indicator with weight 10 (the weights sum to 100 with it)",
          auxiliary_weight, [p("/tree/children/2/weight", "auxiliary_weight_not_zero")])


def not_in_tree(plan):
    plan["indicators"].append({"id": "visits", "name": "拜访量", "unit": {"kind": "count"},
                               "direction": "higher_is_better", "target": {"value": "40"},
                               "curve": {"kind": "ratio", "cap": "120"}})


plan_case("indicator-not-in-tree", "A main indicator that the tree never uses",
          not_in_tree, [p("/indicators/2", "indicator_not_in_tree")])


def gate_off_tree(plan):
    plan["indicators"].append({"id": "complaints", "name": "客户投诉", "unit": {"kind": "count"},
                               "direction": "lower_is_better", "auxiliary": True,
                               "curve": {"kind": "deduction", "per_unit": "10"}})
    plan["adjustments"] = [{"kind": "gate", "indicator": "complaints", "basis": "actual",
                            "threshold": "5", "cap": "60"}]


plan_case("gate-on-indicator-not-in-tree",
          "A gate on an auxiliary indicator left out of the tree (it would never be scored, so the gate could never act)",
          gate_off_tree, [p("/adjustments/0/indicator", "gate_indicator_not_in_tree")])


def too_deep(plan):
    node = {"indicator": "calls", "weight": "100"}
    for depth in range(9, 1, -1):  # groups at depths 9 .. 2 under the root (depth 1)
        node = {"group": "g%d" % depth, "weight": "100", "children": [node]}
    node["weight"] = "60"
    plan["tree"]["children"] = [node, {"indicator": "conversion", "weight": "40"}]


plan_case("too-deep", "Groups nested 9 deep (the root is depth 1; at most 8): reported at the depth-9 group",
          too_deep, [p("/tree" + "/children/0" * 8, "too_deep")])


def invalid_group_id(plan):
    plan["tree"]["group"] = "总分"


plan_case("invalid-group-id", "A group id outside [A-Za-z0-9_.:-]{1,64} (names may be Chinese, ids may not)",
          invalid_group_id, [p("/tree/group", "invalid_id")])

# --- fields and types --------------------------------------------------------


def unknown_field(plan):
    ind(plan, 0)["colour"] = "red"


plan_case("unknown-field", "An unknown key in an indicator", unknown_field,
          [p("/indicators/0/colour", "unknown_field")])


def two_unknown_fields(plan):
    ind(plan, 1)["colour"] = "blue"
    plan["tree"]["children"][0]["note"] = "重点"


plan_case("two-unknown-fields", "Two unknown keys in different places: both reported",
          two_unknown_fields, [p("/indicators/1/colour", "unknown_field"),
                               p("/tree/children/0/note", "unknown_field")])


def missing_curve(plan):
    del ind(plan, 0)["curve"]


plan_case("missing-curve", "An indicator without its required curve", missing_curve,
          [p("/indicators/0/curve", "missing_field")])


def missing_version(plan):
    del plan["version"]


plan_case("missing-version", "A plan without its required version", missing_version,
          [p("/version", "missing_field")])


def invalid_enum(plan):
    ind(plan, 0)["direction"] = "higher"


plan_case("invalid-direction", "direction \"higher\" is not one of the allowed values", invalid_enum,
          [p("/indicators/0/direction", "invalid_value")])


def wrong_type(plan):
    plan["name"] = 42


plan_case("name-wrong-type", "A name given as a number instead of a string", wrong_type,
          [p("/name", "wrong_type")])

# --- numbers -----------------------------------------------------------------


def nan(plan):
    ind(plan, 0)["curve"]["cap"] = "NaN"


plan_case("number-nan", "A cap of \"NaN\"", nan, [p("/indicators/0/curve/cap", "not_finite")])


def infinity(plan):
    ind(plan, 1)["curve"]["gate"] = "Infinity"


plan_case("number-infinity", "A gate of \"Infinity\"", infinity,
          [p("/indicators/1/curve/gate", "not_finite")])


def out_of_range(plan):
    ind(plan, 0)["curve"]["cap"] = "1e20"
    ind(plan, 1)["curve"]["cap"] = 1000000000000000


plan_case("number-out-of-range", "A cap of \"1e20\" and a cap of 10^15 as a JSON number (absolute value ≥ 10^15)",
          out_of_range, [p("/indicators/0/curve/cap", "number_out_of_range"),
                         p("/indicators/1/curve/cap", "number_out_of_range")])


def not_a_number(plan):
    ind(plan, 0)["curve"]["cap"] = "12.5.3"
    ind(plan, 1)["curve"]["cap"] = "abc"


plan_case("number-not-a-number", "Caps of \"12.5.3\" and \"abc\"", not_a_number,
          [p("/indicators/0/curve/cap", "not_a_number"), p("/indicators/1/curve/cap", "not_a_number")])


def boolean_number(plan):
    ind(plan, 0)["curve"]["cap"] = True


plan_case("number-boolean", "A JSON true where a number is expected (a value of another type is not_a_number)",
          boolean_number, [p("/indicators/0/curve/cap", "not_a_number")])


def too_many_digits(plan):
    ind(plan, 1)["curve"]["cap"] = "1.12345678901"


plan_case("number-too-many-digits", "A cap with 11 digits after the decimal point", too_many_digits,
          [p("/indicators/1/curve/cap", "too_many_digits")])

# --- ratings and several mistakes ---------------------------------------------


def ratings_out_of_order(plan):
    plan["ratings"][1]["min"] = "115"


plan_case("rating-bands-out-of-order", "Rating minimums 110, 115, 85, 70: the second band is out of order",
          ratings_out_of_order, [p("/ratings/1/min", "rating_bands_out_of_order")])


def several(plan):
    plan["tree"]["children"][1]["weight"] = "30"
    ind(plan, 0)["colour"] = "red"
    ind(plan, 1)["target"]["value"] = "0"
    plan["ratings"][2]["min"] = "105"


plan_case("several-mistakes", "Four independent mistakes in one plan: all are reported",
          several, [p("/tree/children", "weights_do_not_sum_to_100"),
                    p("/indicators/0/colour", "unknown_field"),
                    p("/indicators/1/target/value", "zero_target"),
                    p("/ratings/2/min", "rating_bands_out_of_order")])

text_case("invalid-json", "Plan text that is not JSON (cut short)",
          '{"id": "broken", "name": "断了", "version": "1", "indicators": [',
          [p("", "invalid_json")])

# --- input errors ------------------------------------------------------------


def unknown_actual(inp):
    inp["subjects"][2]["actuals"]["foo"] = "3"


input_case("input-unknown-indicator", "An actual for an indicator the plan does not define",
           unknown_actual, [p("/subjects/2/actuals/foo", "unknown_indicator")])


def active_15(inp):
    inp["subjects"][0]["active"] = "1.5"


input_case("input-active-out-of-range", "active 1.5 (must be in (0, 1])", active_15,
           [p("/subjects/0/active", "active_out_of_range")])


def active_0(inp):
    inp["subjects"][1]["active"] = "0"


input_case("input-active-zero", "active 0 (the range (0, 1] excludes 0)", active_0,
           [p("/subjects/1/active", "active_out_of_range")])


def duplicate_subject(inp):
    inp["subjects"][3]["id"] = "li.si"


input_case("input-duplicate-subject", "Two subjects with the id li.si", duplicate_subject,
           [p("/subjects/3/id", "duplicate_subject")])


def negative_points(inp):
    inp["subjects"][0]["points"] = {"innovation": "-2"}


input_case("input-negative-points", "Negative bonus points", negative_points,
           [p("/subjects/0/points/innovation", "negative_points")])


def target_not_per_subject(inp):
    inp["subjects"][0]["targets"] = {"calls": "180"}


input_case("input-target-not-per-subject", "A per-subject target for an indicator that is not per_subject",
           target_not_per_subject, [p("/subjects/0/targets/calls", "target_not_per_subject")])


def input_several(inp):
    inp["subjects"][0]["actuals"]["calls"] = "NaN"
    inp["subjects"][1]["actuals"]["conversion"] = "abc"
    inp["subjects"][3]["id"] = "zhang.san"


input_case("input-several-mistakes", "Bad numbers in actuals and a duplicate subject, refused together",
           input_several, [p("/subjects/0/actuals/calls", "not_finite"),
                           p("/subjects/1/actuals/conversion", "not_a_number"),
                           p("/subjects/3/id", "duplicate_subject")])


# Bonus and deduction points measured from facts (`measure` + `per_unit`).

COMPLAINTS = {"kind": "count", "fact": ["complaint"], "date": "at"}


def per_unit_without_measure(plan):
    plan["adjustments"].append({"kind": "deduction", "id": "complaints", "max": "10",
                                "per_unit": "2"})


plan_case("adjustment-per-unit-without-measure",
          "per_unit without a measure: the points per unit of nothing measured",
          per_unit_without_measure, [p("/adjustments/1/measure", "missing_field")])


def measure_without_per_unit(plan):
    plan["adjustments"].append({"kind": "deduction", "id": "complaints", "max": "10",
                                "measure": COMPLAINTS})


plan_case("adjustment-measure-without-per-unit",
          "A measured deduction without per_unit: how many points a unit is worth is not said",
          measure_without_per_unit, [p("/adjustments/1/per_unit", "missing_field")])


def measured_points_mistakes(plan):
    plan["adjustments"] += [
        {"kind": "deduction", "id": "complaints", "max": "10", "per_unit": "0",
         "measure": COMPLAINTS},
        {"kind": "bonus", "id": "nps", "max": "5", "per_unit": "1",
         "measure": {"kind": "mean", "fact": ["survey"], "date": "at", "field": "score"}},
        {"kind": "bonus", "id": "referrals", "max": "5", "per_unit": "1",
         "measure": {"kind": "distinct", "fact": ["referral"]}},
        {"kind": "bonus", "id": "upsell", "max": "5", "per_unit": "1",
         "measure": {"kind": "sum", "date": "at", "field": "amount", "unit": "CNY"}},
    ]


plan_case("adjustment-measured-points-mistakes",
          "Measured bonus and deduction points: per_unit 0, a measure that does not count "
          "units (mean), a distinct without its field and date, an unknown key in a measure",
          measured_points_mistakes,
          [p("/adjustments/1/per_unit", "not_positive"),
           p("/adjustments/2/measure/kind", "invalid_value"),
           p("/adjustments/3/measure/field", "missing_field"),
           p("/adjustments/3/measure/date", "missing_field"),
           p("/adjustments/4/measure/unit", "unknown_field")])

# ---------------------------------------------------------------------------
# Earnings (issue #16): each case adds an `earnings` part with the mistakes named.
# ---------------------------------------------------------------------------

def earnings_case(slug, description, lines, problems, cap=None):
    def mutate(plan):
        plan["earnings"] = {"lines": lines}
        if cap is not None:
            plan["earnings"]["cap"] = cap
    plan_case(slug, description, mutate, problems)


FLAT = {"kind": "flat", "rate": "0.05"}

earnings_case("earnings-tiers-overlap",
              "Tier bands that share an amount: [0, 100] with `to` included, then [100, …) with `from` included; "
              "and a band starting inside the one before",
              [{"id": "t", "indicator": "calls", "table": {"kind": "tiers", "bands": [
                  {"from": "0", "to": "100", "to_inclusive": True, "rate": "0.01"},
                  {"from": "100", "to": "200", "rate": "0.02"},
                  {"from": "150", "rate": "0.03"}]}}],
              [p("/earnings/lines/0/table/bands/1/from", "bands_overlap"),
               p("/earnings/lines/0/table/bands/2/from", "bands_overlap")])

earnings_case("earnings-tiers-bounds-unordered",
              "A tier band whose `to` is below its `from`, one from 50 to 50 not including both ends, "
              "and a band before the last without `to`",
              [{"id": "t", "indicator": "calls", "table": {"kind": "tiers", "bands": [
                  {"from": "100", "to": "50", "rate": "0.01"},
                  {"from": "50", "to": "50", "to_inclusive": False, "rate": "0.01"}]}},
               {"id": "u", "indicator": "calls", "table": {"kind": "tiers", "bands": [
                   {"from": "0", "rate": "0.01"}, {"from": "10", "rate": "0.02"}]}}],
              [p("/earnings/lines/0/table/bands/0/to", "band_out_of_order"),
               p("/earnings/lines/0/table/bands/1/to", "band_out_of_order"),
               p("/earnings/lines/1/table/bands/0/to", "missing_field")])

earnings_case("earnings-marginal-unordered-negative",
              "Marginal bands not strictly increasing, and one starting below zero",
              [{"id": "m", "indicator": "calls", "table": {"kind": "marginal", "bands": [
                  {"from": "-10", "rate": "0.01"}, {"from": "100", "rate": "0.02"},
                  {"from": "100", "rate": "0.03"}]}}],
              [p("/earnings/lines/0/table/bands/0/from", "negative_bound"),
               p("/earnings/lines/0/table/bands/2/from", "band_out_of_order")])

earnings_case("earnings-unknown-indicator-and-basis",
              "A line on an unknown indicator, a line on basis total that names an indicator, and an actual line without one",
              [{"id": "a", "indicator": "revenue", "table": FLAT},
               {"id": "b", "basis": "total", "indicator": "calls", "table": FLAT},
               {"id": "c", "table": FLAT}],
              [p("/earnings/lines/0/indicator", "unknown_indicator"),
               p("/earnings/lines/1/indicator", "invalid_value"),
               p("/earnings/lines/2/indicator", "missing_field")])

earnings_case("earnings-negative-caps-duplicate-id",
              "A negative statement cap, a negative line cap and two lines with the same id",
              [{"id": "a", "indicator": "calls", "table": FLAT, "cap": "-1"},
               {"id": "a", "indicator": "conversion", "table": FLAT}],
              [p("/earnings/cap", "negative_bound"),
               p("/earnings/lines/0/cap", "negative_bound"),
               p("/earnings/lines/1/id", "duplicate_id")],
              cap="-100")

earnings_case("earnings-multiplier-and-curve",
              "A rating multiplier naming a band that does not exist and missing one; interpolated points out of order; "
              "an unknown table kind",
              [{"id": "a", "basis": "achievement", "indicator": "calls",
                "table": {"kind": "interpolated", "base": "1000", "points": [
                    {"at": "100", "rate": "1"}, {"at": "50", "rate": "0"}]},
                "multiplier": {"by": "rating", "factors": {
                    "S": "1.5", "A": "1.2", "B": "1", "C": "0.5", "E": "0"}}},
               {"id": "b", "indicator": "calls", "table": {"kind": "steps", "rate": "1"}}],
              [p("/earnings/lines/0/table/points/1/at", "payout_points_out_of_order"),
               p("/earnings/lines/0/multiplier/factors/E", "unknown_rating"),
               p("/earnings/lines/0/multiplier/factors/D", "missing_field"),
               p("/earnings/lines/1/table/kind", "invalid_value")])

earnings_case("earnings-unreadable-line-and-empty-bands",
              "A line whose rate is not a number is reported once (no knock-on problem), the lines after it "
              "keep their paths; a table with no bands",
              [{"id": "a", "indicator": "calls", "table": {"kind": "flat", "rate": "abc"}},
               {"id": "b", "indicator": "nope", "table": FLAT},
               {"id": "c", "indicator": "calls", "table": {"kind": "marginal", "bands": []}}],
              [p("/earnings/lines/0/table/rate", "not_a_number"),
               p("/earnings/lines/1/indicator", "unknown_indicator"),
               p("/earnings/lines/2/table/bands", "tiers_required")])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", metavar="DIR", default=OUT,
                        help="the folder to write (default: conformance/invalid); "
                        "its .json files are replaced")
    out = parser.parse_args(argv).out
    os.makedirs(out, exist_ok=True)
    for name in os.listdir(out):
        if name.endswith(".json"):
            os.remove(os.path.join(out, name))
    for slug, body in CASES:
        with open(os.path.join(out, slug + ".json"), "w", encoding="utf-8") as f:
            f.write(json.dumps(body, ensure_ascii=False, indent=2) + "\n")
    print("wrote %d invalid cases to %s" % (len(CASES), out))


if __name__ == "__main__":
    main()
