//! Bonus and deduction points measured from facts (`measure` + `per_unit`): the
//! plan's round trip, `attain score` (points given, as for a measured indicator's
//! actual), and a run's `points` table beside measured points.

use serde_json::Value;

const PLAN: &str = r#"{"id": "cs", "name": "客服", "version": "1",
 "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
   "direction": "higher_is_better", "target": {"value": 10}, "curve": {"kind": "ratio", "cap": 150},
   "measure": {"kind": "count", "fact": "call", "date": "at"}}],
 "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]},
 "adjustments": [
   {"kind": "deduction", "id": "complaints", "name": "投诉扣分", "max": "10", "per_unit": "2",
    "measure": {"kind": "count", "fact": "complaint", "date": "at",
                "where": [{"field": "valid", "op": "eq", "value": true}]}},
   {"kind": "bonus", "id": "innovation", "max": "5"}]}"#;

fn plan() -> attain::Plan {
    attain::Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"))
}

#[test]
fn a_measured_deduction_survives_the_plans_round_trip() {
    let p = plan();
    let text = p.to_json();
    assert!(text.contains(r#""per_unit":"2""#), "{text}");
    assert!(text.contains(r#""measure":{"kind":"count""#), "{text}");
    let again = attain::Plan::from_json(&text).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(again.to_json(), text);
}

#[test]
fn outside_a_run_a_measured_deduction_takes_the_points_given() {
    let input =
        r#"{"subjects": [{"id": "a", "actuals": {"calls": "10"}, "points": {"complaints": "3"}}]}"#;
    let out = plan()
        .score_json(input)
        .unwrap_or_else(|e| unreachable!("{e}"));
    let v: Value = serde_json::from_str(&out).unwrap_or_default();
    let card = &v["subjects"][0];
    assert_eq!(card["total"], "97.00");
    assert_eq!(card["adjustments"][0]["points"], "-3.00");
    // Nothing was measured: `measured` is null, `per_unit` the plan's.
    assert_eq!(card["adjustments"][0]["measured"], Value::Null);
    assert_eq!(card["adjustments"][0]["per_unit"], "2.00");
    // `attain score` takes absent points as 0, with no flag (only a run flags them).
    assert_eq!(card["adjustments"][1]["flags"], serde_json::json!([]));
}

#[test]
fn a_run_deducts_per_counted_fact_with_a_cap_and_flags_what_nothing_fed() {
    let doc = serde_json::json!({
        "plans": [serde_json::from_str::<Value>(PLAN).unwrap_or_default()],
        "roster": [{"subject": "a"}, {"subject": "b"}],
        "points": [{"subject": "a", "adjustment": "innovation", "points": "1"}],
        "period": "2026-07",
        "facts": {"format": "csv", "text": "id,subject,type,at,valid\n\
            C1,a,call,2026-07-01,\nC2,b,call,2026-07-01,\n\
            P1,a,complaint,2026-07-02,yes\nP2,a,complaint,2026-07-03,no\n\
            P3,b,complaint,2026-07-02,yes\nP4,b,complaint,2026-07-03,yes\n\
            P5,b,complaint,2026-07-04,yes\nP6,b,complaint,2026-07-05,yes\n\
            P7,b,complaint,2026-07-06,yes\nP8,b,complaint,2026-07-07,yes\n"}
    });
    let out = attain::run::run_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let subjects = &out.to_value()["results"][0]["subjects"];
    let a = &subjects[0]["adjustments"];
    assert_eq!(a[0]["measured"], "1.00");
    assert_eq!(a[0]["points"], "-2.00");
    assert_eq!(a[1]["points"], "1.00");
    assert_eq!(subjects[0]["total"], "9.00"); // 10 % − 2 + 1
    let b = &subjects[1]["adjustments"];
    assert_eq!(b[0]["measured"], "6.00");
    assert_eq!(b[0]["points"], "-10.00");
    assert_eq!(b[0]["flags"], serde_json::json!(["capped"]));
    assert_eq!(b[1]["flags"], serde_json::json!(["missing"]));
    assert_eq!(out.ledger().used, 9);
}

#[test]
fn a_points_row_for_a_measured_deduction_is_refused_at_its_adjustment() {
    let doc = serde_json::json!({
        "plans": [serde_json::from_str::<Value>(PLAN).unwrap_or_default()],
        "roster": [{"subject": "a"}],
        "points": [{"subject": "a", "adjustment": "complaints", "points": "1"}],
        "period": "2026-07"
    });
    let err = attain::run::run_value(&doc).err();
    let problems: Vec<(String, &str)> = err
        .as_ref()
        .map(|e| {
            e.problems()
                .iter()
                .map(|p| (p.path.clone(), p.code.as_str()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        problems,
        [("/points/0/adjustment".to_string(), "invalid_value")]
    );
}
