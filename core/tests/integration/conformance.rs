//! Runs the shared conformance corpus (`conformance/`): every valid case must give
//! the expected canonical result byte for byte, also with the subjects of the input
//! reversed; every invalid case must be refused with exactly the listed problems.

use attain::{Error, Input, Plan};
use serde_json::Value;
use std::collections::BTreeSet;

use crate::common::corpus;

fn run(plan: &Value, input: &Value) -> Result<String, Error> {
    let plan = Plan::from_value(plan)?;
    let input = Input::from_value(&plan, input)?;
    Ok(plan.score(&input)?.to_json())
}

#[test]
fn valid_cases_match_expected_bytes() {
    let cases = corpus("cases");
    assert!(
        cases.len() >= 40,
        "expected at least 40 valid cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let expected = case["expected"].to_string();
        match run(&case["plan"], &case["input"]) {
            Ok(got) if got == expected => {}
            Ok(got) => failures.push(format!("{name}:\n  expected {expected}\n  got      {got}")),
            Err(e) => failures.push(format!("{name}: refused: {e}")),
        }
        // The same subjects in reverse order give the same bytes.
        let mut reversed = case["input"].clone();
        if let Some(list) = reversed.get_mut("subjects").and_then(Value::as_array_mut) {
            list.reverse();
        }
        if let Ok(got) = run(&case["plan"], &reversed) {
            if got != expected {
                failures.push(format!("{name}: differs when the input order is reversed"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_cases_are_refused_with_listed_problems() {
    let cases = corpus("invalid");
    assert!(
        cases.len() >= 15,
        "expected at least 15 invalid cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let plan = match case.get("plan_text").and_then(Value::as_str) {
            Some(text) => Plan::from_json(text),
            None => Plan::from_value(&case["plan"]),
        };
        let outcome = plan.and_then(|p| match case.get("input") {
            Some(input) => Input::from_value(&p, input)
                .and_then(|i| p.score(&i))
                .map(|_| ()),
            None => Ok(()),
        });
        let want_kind = case["expected_error"]["error"].as_str().unwrap_or("");
        let want: BTreeSet<(String, String)> = case["expected_error"]["problems"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p["path"].as_str().unwrap_or("").to_string(),
                            p["code"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        match outcome {
            Ok(()) => failures.push(format!("{name}: accepted, expected {want:?}")),
            Err(e) => {
                let got: BTreeSet<(String, String)> = e
                    .problems()
                    .iter()
                    .map(|p| (p.path.clone(), p.code.as_str().to_string()))
                    .collect();
                if got != want || e.kind().as_str() != want_kind {
                    failures.push(format!(
                        "{name}: expected {want_kind} {want:?}\n   got {} {got:?}",
                        e.kind().as_str()
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every indicator's score in a node of the scorecard's tree (by indicator id).
fn tree_scores(node: &Value, out: &mut Vec<(String, Value)>) {
    if node["kind"] == "indicator" {
        out.push((
            node["id"].as_str().unwrap_or("").to_string(),
            node["score"].clone(),
        ));
    }
    for c in node["children"].as_array().into_iter().flatten() {
        tree_scores(c, out);
    }
}

#[test]
fn indicator_scores_are_the_trees_scores() {
    let mut compared = 0;
    for (name, case) in corpus("cases") {
        let Ok(plan) = Plan::from_value(&case["plan"]) else {
            continue;
        };
        let Ok(results) = Input::from_value(&plan, &case["input"]).and_then(|i| plan.score(&i))
        else {
            continue;
        };
        let ids: Vec<&str> = plan.indicator_ids().collect();
        for card in results.subjects() {
            let value = results.card_value(card);
            let mut want = Vec::new();
            tree_scores(&value["tree"], &mut want);
            let got = results.indicator_scores(card);
            assert_eq!(got.len(), ids.len(), "{name}");
            for (id, score) in ids.iter().zip(&got) {
                let shown = want
                    .iter()
                    .find(|(w, _)| w == id)
                    .map_or(Value::Null, |(_, s)| s.clone());
                let mine = score.map_or(Value::Null, |d| Value::String(d.to_string()));
                assert_eq!(mine, shown, "{name} {} {id}", card.id());
                compared += 1;
            }
        }
    }
    assert!(compared > 300, "only {compared} scores compared");
}
