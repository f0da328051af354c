//! Properties of scoring that must hold for every plan and input (proptest).

use attain::{Decimal, Input, Plan, Status};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_default()
}

/// A decimal with up to 2 places in [lo, hi] (in hundredths).
fn amount(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo..=hi).prop_map(|c| Decimal::new(c, 2))
}

/// One of the curve forms, for a higher- or lower-is-better indicator.
#[derive(Debug, Clone)]
enum Form {
    Ratio {
        cap: Option<i64>,
        gate: Option<i64>,
    },
    Step,
    Linear {
        extrapolate: bool,
    },
    PassFail,
    Deduction,
    /// A ratio with `below: extrapolate` (negative achievement is the score).
    RatioSigned {
        cap: i64,
    },
    /// A linear curve with `below: flat` (false) or `extrapolate` (true).
    LinearBelow {
        extrapolate: bool,
    },
    /// The inner form with `target.boundary: exclusive`.
    Exclusive(Box<Form>),
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![
        (
            proptest::option::of(100i64..200),
            proptest::option::of(1i64..90)
        )
            .prop_map(|(cap, gate)| Form::Ratio { cap, gate }),
        Just(Form::Step),
        any::<bool>().prop_map(|extrapolate| Form::Linear { extrapolate }),
        Just(Form::PassFail),
        Just(Form::Deduction),
        (100i64..200).prop_map(|cap| Form::RatioSigned { cap }),
        any::<bool>().prop_map(|extrapolate| Form::LinearBelow { extrapolate }),
    ]
    .prop_flat_map(|f| prop_oneof![Just(f.clone()), Just(Form::Exclusive(Box::new(f)))])
}

/// The form under its boundary.
fn base(f: &Form) -> &Form {
    match f {
        Form::Exclusive(inner) => base(inner),
        other => other,
    }
}

/// An indicator JSON for a form and direction; tiers at 50/100/150 % of the target.
fn indicator(id: &str, f: &Form, lower: bool, target: Decimal) -> Value {
    if let Form::Exclusive(inner) = f {
        let mut ind = indicator(id, inner, lower, target);
        ind["target"]["boundary"] = json!("exclusive");
        return ind;
    }
    let dir = if lower || matches!(base(f), Form::Deduction) {
        "lower_is_better"
    } else {
        "higher_is_better"
    };
    let lower = dir == "lower_is_better";
    let pts: Vec<Decimal> = if lower {
        vec![target * dec("1.5"), target, target * dec("0.5")]
    } else {
        vec![target * dec("0.5"), target, target * dec("1.5")]
    };
    let tiers: Vec<Value> = pts
        .iter()
        .zip(["门槛", "目标", "挑战"])
        .zip([60, 100, 120])
        .map(|((at, name), score)| json!({"name": name, "at": at.to_string(), "score": score}))
        .collect();
    let curve = match f {
        Form::Ratio { cap, gate } => {
            let mut c = json!({"kind": "ratio", "cap": cap.unwrap_or(150)});
            if !lower && cap.is_none() {
                c = json!({"kind": "ratio"});
            }
            if let Some(g) = gate {
                c["gate"] = json!(g);
            }
            c
        }
        Form::Step => json!({"kind": "step"}),
        Form::Linear { extrapolate } => {
            if *extrapolate {
                json!({"kind": "linear", "above": "extrapolate", "max": 200})
            } else {
                json!({"kind": "linear"})
            }
        }
        Form::PassFail => json!({"kind": "pass_fail"}),
        Form::Deduction => json!({"kind": "deduction", "per_unit": "2.5"}),
        Form::RatioSigned { cap } => json!({"kind": "ratio", "cap": cap, "below": "extrapolate"}),
        Form::LinearBelow { extrapolate } => json!({
            "kind": "linear",
            "below": if *extrapolate { "extrapolate" } else { "flat" },
            "above": "extrapolate",
            "max": 200
        }),
        Form::Exclusive(_) => json!(null),
    };
    json!({
        "id": id, "name": id, "unit": {"kind": "money", "currency": "CNY"},
        "direction": dir,
        "target": {"value": target.to_string(), "tiers": tiers},
        "curve": curve,
    })
}

fn plan_of(indicators: Vec<Value>, weights: &[Decimal]) -> Value {
    let children: Vec<Value> = indicators
        .iter()
        .zip(weights)
        .map(|(i, w)| json!({"indicator": i["id"], "weight": w.to_string()}))
        .collect();
    json!({
        "id": "p", "name": "属性测试", "version": "1",
        "indicators": indicators,
        "tree": {"group": "root", "children": children},
        "ratings": [{"name": "A", "min": 90}, {"name": "B", "min": 60}, {"name": "C"}],
    })
}

fn one_indicator_score(plan: &Plan, actual: Decimal) -> Decimal {
    let s = plan.subject("s", [("k", actual)]);
    let Ok(s) = s else { return Decimal::MIN };
    let card = plan.score_one(&s, false);
    card.total().unwrap_or(Decimal::MIN)
}

fn score_input(plan: &Plan, input: &Value) -> String {
    match Input::from_value(plan, input).and_then(|i| plan.score(&i)) {
        Ok(r) => r.to_json(),
        Err(e) => e.to_string(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// More actual never lowers the score of a higher-is-better indicator.
    #[test]
    fn monotone_in_actual(f in form(), target in amount(100, 1_000_000), a in amount(-10_000, 3_000_000), d in amount(0, 1_000_000)) {
        prop_assume!(!matches!(base(&f), Form::Deduction));
        let plan = Plan::from_value(&plan_of(vec![indicator("k", &f, false, target)], &[dec("100")]));
        prop_assert!(plan.is_ok(), "{:?}", plan.err());
        let plan = plan.unwrap_or_else(|_| unreachable!());
        prop_assert!(one_indicator_score(&plan, a) <= one_indicator_score(&plan, a + d));
    }

    /// More actual never raises the score of a lower-is-better indicator.
    #[test]
    fn antitone_for_lower_is_better(f in form(), target in amount(100, 1_000_000), a in amount(-10_000, 3_000_000), d in amount(0, 1_000_000)) {
        let plan = Plan::from_value(&plan_of(vec![indicator("k", &f, true, target)], &[dec("100")]));
        prop_assert!(plan.is_ok(), "{:?}", plan.err());
        let plan = plan.unwrap_or_else(|_| unreachable!());
        prop_assert!(one_indicator_score(&plan, a) >= one_indicator_score(&plan, a + d));
    }

    /// A capped ratio curve never scores above its cap, whatever the actual.
    #[test]
    fn never_above_the_cap(cap in 100i64..200, lower in any::<bool>(), target in amount(1, 1_000_000), a in amount(-1_000_000, 100_000_000)) {
        let f = Form::Ratio { cap: Some(cap), gate: None };
        let plan = Plan::from_value(&plan_of(vec![indicator("k", &f, lower, target)], &[dec("100")]));
        let plan = plan.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let s = one_indicator_score(&plan, a);
        prop_assert!(s <= Decimal::from(cap));
        prop_assert!(s >= Decimal::ZERO);
    }

    /// The order of subjects in the input does not change a byte of the result.
    #[test]
    fn invariant_under_subject_permutation(actuals in proptest::collection::vec((amount(0, 50_000), amount(0, 50_000)), 1..12), seed in any::<u64>()) {
        let plan = Plan::from_value(&plan_of(
            vec![indicator("a", &Form::Ratio { cap: Some(120), gate: None }, false, dec("100")),
                 indicator("b", &Form::Step, false, dec("200"))],
            &[dec("60"), dec("40")]));
        let plan = plan.map_err(|e| TestCaseError::fail(e.to_string()))?;
        let subjects: Vec<Value> = actuals.iter().enumerate()
            .map(|(i, (a, b))| json!({"id": format!("s{i:02}"), "actuals": {"a": a.to_string(), "b": b.to_string()}}))
            .collect();
        let mut shuffled = subjects.clone();
        // A deterministic shuffle from the seed.
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        prop_assert_eq!(score_input(&plan, &json!({"subjects": subjects})), score_input(&plan, &json!({"subjects": shuffled})));
    }

    /// Reordering siblings in the weight tree does not change any total.
    #[test]
    fn invariant_under_sibling_order(a in amount(0, 30_000), b in amount(0, 30_000), c in amount(0, 30_000), w in 1i64..98) {
        let inds = vec![
            indicator("a", &Form::Ratio { cap: Some(150), gate: None }, false, dec("100")),
            indicator("b", &Form::Linear { extrapolate: true }, false, dec("150")),
            indicator("c", &Form::Step, false, dec("120")),
        ];
        let weights = [Decimal::from(w), Decimal::from(99 - w), Decimal::ONE];
        let p1 = plan_of(inds.clone(), &weights);
        let mut p2 = p1.clone();
        if let Some(children) = p2["tree"]["children"].as_array_mut() { children.reverse(); }
        let input = json!({"subjects": [{"id": "x", "actuals": {"a": a.to_string(), "b": b.to_string(), "c": c.to_string()}}]});
        let (p1, p2) = (Plan::from_value(&p1), Plan::from_value(&p2));
        let (p1, p2) = (p1.map_err(|e| TestCaseError::fail(e.to_string()))?, p2.map_err(|e| TestCaseError::fail(e.to_string()))?);
        let total = |p: &Plan| Input::from_value(p, &input).and_then(|i| p.score(&i)).ok().and_then(|r| r.subjects().first().and_then(|c| c.total()));
        prop_assert_eq!(total(&p1), total(&p2));
    }

    /// Re-weighting the siblings of a missing indicator equals a plan with those
    /// weights renormalised explicitly.
    #[test]
    fn reweighting_equals_explicit_renormalised_weights(split in 1i64..49, kept in prop_oneof![Just(20i64), Just(25), Just(40), Just(50), Just(80)], a in amount(0, 30_000), b in amount(0, 30_000)) {
        prop_assume!(split < kept);
        let inds = |n: usize| -> Vec<Value> {
            let all = vec![
                indicator("a", &Form::Ratio { cap: Some(150), gate: None }, false, dec("100")),
                indicator("b", &Form::Linear { extrapolate: false }, false, dec("150")),
                indicator("c", &Form::Step, false, dec("120")),
            ];
            all.into_iter().take(n).collect()
        };
        let (wa, wb) = (Decimal::from(split), Decimal::from(kept - split));
        let full = plan_of(inds(3), &[wa, wb, Decimal::from(100 - kept)]);
        let h = Decimal::ONE_HUNDRED;
        let renorm = plan_of(inds(2), &[wa * h / Decimal::from(kept), wb * h / Decimal::from(kept)]);
        let input = json!({"subjects": [{"id": "x", "actuals": {"a": a.to_string(), "b": b.to_string()}}]});
        let (full, renorm) = (Plan::from_value(&full), Plan::from_value(&renorm));
        let (full, renorm) = (full.map_err(|e| TestCaseError::fail(e.to_string()))?, renorm.map_err(|e| TestCaseError::fail(e.to_string()))?);
        let total = |p: &Plan| Input::from_value(p, &input).and_then(|i| p.score(&i)).ok().and_then(|r| r.subjects().first().and_then(|c| c.total()));
        prop_assert_eq!(total(&full), total(&renorm));
    }

    /// Ranks agree with totals: higher total, better rank; equal totals, equal rank.
    #[test]
    fn rank_consistent_with_totals(actuals in proptest::collection::vec(amount(0, 20_000), 2..20), dense in any::<bool>()) {
        let mut plan = plan_of(vec![indicator("a", &Form::Ratio { cap: Some(120), gate: None }, false, dec("100"))], &[dec("100")]);
        plan["ranking"] = json!({"method": if dense { "dense" } else { "competition" }});
        let plan = Plan::from_value(&plan).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let subjects: Vec<Value> = actuals.iter().enumerate().map(|(i, a)| json!({"id": format!("s{i}"), "actuals": {"a": a.to_string()}})).collect();
        let r = Input::from_value(&plan, &json!({"subjects": subjects})).and_then(|i| plan.score(&i)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for x in r.subjects() {
            for y in r.subjects() {
                let (tx, ty, rx, ry) = (x.total(), y.total(), x.rank(), y.rank());
                if tx > ty { prop_assert!(rx < ry, "{tx:?} {rx:?} vs {ty:?} {ry:?}"); }
                if tx == ty { prop_assert_eq!(rx, ry); }
            }
        }
        // Competition: rank = 1 + number of strictly better totals.
        if !dense {
            for x in r.subjects() {
                let better = r.subjects().iter().filter(|y| y.total() > x.total()).count() as u32;
                prop_assert_eq!(x.rank(), Some(better + 1));
            }
        }
    }

    /// A ratio score depends on actual ÷ target only.
    #[test]
    fn ratio_invariant_under_common_scaling(lower in any::<bool>(), target in amount(1, 100_000), a in amount(1, 1_000_000), k in 1i64..1000) {
        let f = Form::Ratio { cap: Some(180), gate: Some(50) };
        let k = Decimal::from(k);
        let p1 = Plan::from_value(&plan_of(vec![indicator("k", &f, lower, target)], &[dec("100")]));
        let p2 = Plan::from_value(&plan_of(vec![indicator("k", &f, lower, target * k)], &[dec("100")]));
        let (p1, p2) = (p1.map_err(|e| TestCaseError::fail(e.to_string()))?, p2.map_err(|e| TestCaseError::fail(e.to_string()))?);
        prop_assert_eq!(one_indicator_score(&p1, a), one_indicator_score(&p2, a * k));
    }

    /// A plan written back to JSON reads as the same plan; results re-serialise to the same bytes.
    #[test]
    fn plan_and_result_json_round_trip(f in form(), lower in any::<bool>(), target in amount(1, 1_000_000), a in amount(0, 2_000_000)) {
        let plan = Plan::from_value(&plan_of(vec![indicator("k", &f, lower, target)], &[dec("100")]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = Plan::from_json(&plan.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(plan.spec(), again.spec());
        let input = json!({"subjects": [{"id": "x", "actuals": {"k": a.to_string()}}], "options": {"what_it_takes": true}});
        let text = score_input(&plan, &input);
        let reparsed: Value = serde_json::from_str(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(reparsed.to_string(), text.clone());
        prop_assert_eq!(score_input(&again, &input), text);
    }

    /// "What it takes", applied, reaches the promised tier or score point.
    #[test]
    fn what_it_takes_is_enough(f in form(), lower in any::<bool>(), target in amount(100, 100_000), a in amount(0, 200_000)) {
        let plan = Plan::from_value(&plan_of(vec![indicator("k", &f, lower, target)], &[dec("100")]))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let input = json!({"subjects": [{"id": "x", "actuals": {"k": a.to_string()}}], "options": {"what_it_takes": true}});
        let out: Value = serde_json::from_str(&score_input(&plan, &input)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let node = &out["subjects"][0]["tree"]["children"][0];
        let next = &node["next"];
        if next.is_null() { return Ok(()); }
        let new_actual = next["actual"].as_str().unwrap_or("0");
        let input2 = json!({"subjects": [{"id": "x", "actuals": {"k": new_actual}}]});
        let out2: Value = serde_json::from_str(&score_input(&plan, &input2)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let node2 = &out2["subjects"][0]["tree"]["children"][0];
        prop_assert_eq!(&out2["subjects"][0]["total"], &next["total"]);
        if next["goal"] == "tier" {
            prop_assert_eq!(&node2["tier"], &next["tier"]);
        } else {
            // The goal was the next whole point above the exact score (shown rounded to
            // 0.01), or the curve's maximum: the new score's whole part is above that of
            // any exact score the shown one can stand for.
            let now = dec(node["score"].as_str().unwrap_or("0"));
            let then = dec(node2["score"].as_str().unwrap_or("0"));
            prop_assert_eq!(&node2["score"], &next["score"]);
            prop_assert!(then.floor() > (now - dec("0.01")).floor(), "{} -> {}", now, then);
        }
        // The change is in the indicator's direction.
        let change = dec(next["change"].as_str().unwrap_or("0"));
        let is_lower = node2.is_object() && (lower || matches!(base(&f), Form::Deduction));
        let right_way = if is_lower { change < Decimal::ZERO } else { change > Decimal::ZERO };
        prop_assert!(right_way, "change {} for lower={}", change, is_lower);
    }

    /// No JSON document, however odd, makes plan parsing panic.
    #[test]
    fn parsing_arbitrary_json_never_panics(v in arb_json()) {
        let _ = Plan::from_value(&v);
        let _ = Plan::from_json(&v.to_string());
        if let Ok(plan) = Plan::from_value(&plan_of(vec![indicator("k", &Form::Step, false, dec("10"))], &[dec("100")])) {
            let _ = Input::from_value(&plan, &v);
            let _ = Input::from_value(&plan, &json!({"subjects": [v.clone()]}));
        }
    }

    /// Mutating a valid plan field by field never panics, and scoring a plan that
    /// survives validation never panics either, whatever the actuals.
    #[test]
    fn mutated_plans_never_panic(path_pick in any::<u32>(), replacement in arb_json(), a in amount(-1_000_000, 1_000_000)) {
        let mut plan = plan_of(vec![
            indicator("a", &Form::Ratio { cap: Some(150), gate: Some(60) }, false, dec("100")),
            indicator("b", &Form::Linear { extrapolate: true }, true, dec("30")),
        ], &[dec("70"), dec("30")]);
        let mut leaves = Vec::new();
        collect_pointers(&plan, String::new(), &mut leaves);
        if let Some(ptr) = leaves.get(path_pick as usize % leaves.len().max(1)) {
            if let Some(slot) = plan.pointer_mut(ptr) { *slot = replacement; }
        }
        if let Ok(p) = Plan::from_value(&plan) {
            let input = json!({"subjects": [{"id": "x", "actuals": {"a": a.to_string(), "b": a.to_string()}}], "options": {"what_it_takes": true}});
            let _ = score_input(&p, &input);
        }
    }
}

fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, c)| collect_pointers(c, format!("{at}/{k}"), out)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, c)| collect_pointers(c, format!("{at}/{i}"), out)),
        _ => {}
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z0-9.eE+-]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("NaN"),
            Just("1e400"),
            Just("-0"),
            Just("12.5.3"),
            Just("团队")
        ]
        .prop_map(|s| json!(s)),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("id".to_string()),
                    Just("weight".to_string()),
                    Just("children".to_string()),
                    Just("kind".to_string()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn refused_subjects_still_account_for_status() {
    // A refuse policy yields a refused scorecard, never a panic or a silent zero.
    let mut p = plan_of(
        vec![
            indicator("a", &Form::Step, false, dec("10")),
            indicator("b", &Form::Step, false, dec("10")),
        ],
        &[dec("50"), dec("50")],
    );
    p["tree"]["children"][1]["missing"] = json!("refuse");
    let plan = Plan::from_value(&p).unwrap_or_else(|e| unreachable!("{e}"));
    let s = plan
        .subject("x", [("a", dec("12"))])
        .unwrap_or_else(|e| unreachable!("{e}"));
    let card = plan.score_one(&s, true);
    assert_eq!(card.status(), Status::Refused);
    assert_eq!(card.problems()[0].code.as_str(), "missing_data");
}
