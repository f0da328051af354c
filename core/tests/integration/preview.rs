//! The what-if preview (`Plan::preview_json`) says the same as the scorecard
//! (`Plan::card_json`): for every subject of every valid conformance case, and for
//! the demo plan's rep as a slider moves, each figure of the preview is the card's.

use crate::common;

use attain::{parse_decimal, Input, Plan};
use serde_json::{json, Value};
use std::fs;
use std::path::Path;

type Outcome = Result<(), Box<dyn std::error::Error>>;

fn cases() -> Vec<(String, Value)> {
    common::corpus("cases")
}

fn pick(v: &Value, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| (k.to_string(), v.get(*k).cloned().unwrap_or(Value::Null)))
            .collect(),
    )
}

/// Objects → columns: `{key: [item[key] for each item]}`.
fn columns(items: &[Value], keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| {
                let column = items
                    .iter()
                    .map(|i| i.get(*k).cloned().unwrap_or(Value::Null))
                    .collect();
                (k.to_string(), Value::Array(column))
            })
            .collect(),
    )
}

const INDICATOR: [&str; 9] = [
    "id",
    "effective_weight",
    "actual",
    "target",
    "achievement",
    "tier",
    "score",
    "contribution",
    "flags",
];
const NEXT: [&str; 7] = [
    "goal", "tier", "actual", "change", "score", "total", "rating",
];

/// The preview a card implies: its figures, the tree's groups and indicators (tree
/// order) and the adjustments as columns.
fn expected_preview(card: &Value) -> Value {
    let mut groups = Vec::new();
    let mut indicators = Vec::new();
    fn walk(n: &Value, root: bool, groups: &mut Vec<Value>, indicators: &mut Vec<Value>) {
        if n["kind"] == "group" {
            if !root {
                groups.push(n.clone());
            }
            for c in n["children"].as_array().into_iter().flatten() {
                walk(c, false, groups, indicators);
            }
        } else {
            indicators.push(n.clone());
        }
    }
    if !card["tree"].is_null() {
        walk(&card["tree"], true, &mut groups, &mut indicators);
    }
    let mut out = pick(
        card,
        &[
            "status", "total", "rating", "payout", "score", "flags", "problems",
        ],
    );
    let adjustments = card["adjustments"].as_array().cloned().unwrap_or_default();
    out["adjustments"] = columns(&adjustments, &["id", "kind", "points", "flags"]);
    out["groups"] = columns(
        &groups,
        &["id", "effective_weight", "score", "contribution", "flags"],
    );
    let mut ind = columns(&indicators, &INDICATOR);
    let next: Vec<Value> = indicators.iter().map(|i| i["next"].clone()).collect();
    ind["next"] = columns(&next, &NEXT);
    out["indicators"] = ind;
    out
}

fn check(plan: &Plan, card: &attain::Scorecard, what: &str) {
    let card_text = plan.card_json(card);
    let preview_text = plan.preview_json(card);
    let card: Value = serde_json::from_str(&card_text).unwrap_or(Value::Null);
    let preview: Value = serde_json::from_str(&preview_text).unwrap_or(Value::Null);
    assert_eq!(preview, expected_preview(&card), "{what}: {preview_text}");
    assert!(preview_text.is_ascii(), "{what}: the preview is ASCII");
}

#[test]
fn every_conformance_subject_previews_as_its_card() -> Outcome {
    let mut checked = 0;
    for (name, case) in cases() {
        let plan = Plan::from_value(&case["plan"])?;
        let input = Input::from_value(&plan, &case["input"])?;
        for s in input.subjects() {
            for next in [true, false] {
                check(
                    &plan,
                    &plan.score_one(s, next),
                    &format!("{name} {}", s.id()),
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 80, "only {checked} subjects checked");
    Ok(())
}

#[test]
fn the_demo_rep_previews_as_her_card_as_a_slider_moves() -> Outcome {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../bindings-wasm/demo/data/plan.json"),
    )
    .unwrap_or_default();
    let plan = Plan::from_json(&text)?;
    let rep = json!({"subjects": [{"id": "wang.fang", "actuals": {
        "new_signed": "2", "contract_amount": "1080000", "collection_rate": "86.5",
        "visits": "27", "data_completeness": "92"}}]});
    let input = Input::from_value(&plan, &rep)?;
    let mut s = input.subjects().first().cloned().ok_or("no subject")?;
    let amount = plan.indicator_index("contract_amount").unwrap_or_default();
    let rate = plan.indicator_index("collection_rate").unwrap_or_default();
    let mut totals = std::collections::BTreeSet::new();
    for v in [
        "0", "500000", "590000", "600000", "799999", "800000", "1000000", "1205000", "1500000",
        "2000000",
    ] {
        s.set_actual_at(amount, parse_decimal(v).ok());
        let card = plan.score_one(&s, true);
        totals.insert(card.total_text());
        let (preview, full) = (plan.preview_json(&card), plan.card_json(&card));
        assert!(
            preview.len() * 2 < full.len() + 200,
            "about half the text: {} vs {} bytes",
            preview.len(),
            full.len()
        );
        check(&plan, &card, &format!("contract_amount {v}"));
    }
    // Gated (collection rate below 60), missing (no data: zero), refused never here.
    for v in [Some("55"), Some("98.5"), None] {
        s.set_actual_at(rate, v.and_then(|v| parse_decimal(v).ok()));
        check(
            &plan,
            &plan.score_one(&s, true),
            &format!("collection_rate {v:?}"),
        );
    }
    assert!(totals.len() > 5, "the slider changes the total: {totals:?}");
    Ok(())
}

#[test]
fn a_refused_subject_previews_its_problems_and_no_figures() -> Outcome {
    let plan = Plan::from_json(
        r#"{"id": "p", "name": "p", "version": "1",
        "indicators": [{"id": "a", "name": "A", "unit": {"kind": "count"},
          "direction": "higher_is_better", "target": {"value": 10}, "curve": {"kind": "ratio"}}],
        "tree": {"group": "root", "children": [{"indicator": "a", "weight": 100, "missing": "refuse"}]}}"#,
    )?;
    let input = Input::from_json(&plan, r#"{"subjects": [{"id": "x"}]}"#)?;
    let s = input.subjects().first().ok_or("no subject")?;
    let card = plan.score_one(s, true);
    let preview: Value = serde_json::from_str(&plan.preview_json(&card)).unwrap_or(Value::Null);
    assert_eq!(preview["status"], "refused");
    assert_eq!(preview["total"], Value::Null);
    assert_eq!(preview["indicators"]["score"], json!([]));
    assert_eq!(preview["problems"][0]["code"], "missing_data");
    check(&plan, &card, "refused");
    Ok(())
}

/// What it takes re-scores from the indicator outcomes scoring kept, one indicator
/// replaced at a time: each `next` total and rating are what scoring the subject
/// with that actual gives, for every subject of the corpus.
#[test]
fn what_it_takes_totals_are_what_rescoring_gives() -> Outcome {
    let mut checked = 0;
    for (name, case) in cases() {
        let plan = Plan::from_value(&case["plan"])?;
        let input = Input::from_value(&plan, &case["input"])?;
        // A new actual shown with fewer places than its step has is not exact: leave
        // those indicators out (037, scale 0, percent in steps of 0.1).
        let exact = |id: &str| {
            plan.spec()
                .indicators
                .iter()
                .find(|i| i.id == id)
                .map(|i| i.step.unwrap_or_else(|| i.unit.kind.default_step()))
                .is_some_and(|step| step.normalize().scale() <= plan.scale())
        };
        for s in input.subjects() {
            let card = plan.score_one(s, true);
            let preview: Value =
                serde_json::from_str(&plan.preview_json(&card)).unwrap_or(Value::Null);
            let ids = preview["indicators"]["id"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for (k, id) in ids.iter().enumerate() {
                let next = |key: &str| preview["indicators"]["next"][key][k].clone();
                let Some(actual) = next("actual").as_str().and_then(|a| parse_decimal(a).ok())
                else {
                    continue;
                };
                let index = id
                    .as_str()
                    .and_then(|id| plan.indicator_index(id))
                    .ok_or(format!("{name}: unknown indicator {id}"))?;
                if !id.as_str().is_some_and(exact) {
                    continue;
                }
                let mut changed = s.clone();
                changed.set_actual_at(index, Some(actual));
                let again = plan.score_one(&changed, false);
                let again: Value =
                    serde_json::from_str(&plan.preview_json(&again)).unwrap_or(Value::Null);
                assert_eq!(again["total"], next("total"), "{name} {} {id}", s.id());
                assert_eq!(again["rating"], next("rating"), "{name} {} {id}", s.id());
                checked += 1;
            }
        }
    }
    assert!(
        checked >= 50,
        "only {checked} lines of what it takes checked"
    );
    Ok(())
}
