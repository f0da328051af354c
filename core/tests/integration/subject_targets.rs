//! A per-subject target is checked by one rule wherever it comes from: the input
//! document, `SubjectInput::set_target`, or a run's `targets` table.

use attain::{Input, Plan, SubjectInput};

const PLAN: &str = r#"{"id": "p", "name": "P", "version": "1",
  "indicators": [
    {"id": "sales", "name": "销售额", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"per_subject": true}, "curve": {"kind": "ratio", "cap": 120},
     "measure": {"kind": "count", "fact": "deal", "date": "won_at"}},
    {"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
     "target": {"value": 200}, "curve": {"kind": "ratio", "cap": 120}}],
  "tree": {"group": "root", "children": [
    {"indicator": "sales", "weight": 50}, {"indicator": "calls", "weight": 50}]}}"#;

/// (code, message) of every problem of an error.
fn problems(e: attain::Error) -> Vec<(String, String)> {
    e.problems()
        .iter()
        .map(|p| (p.code.as_str().to_string(), p.message.clone()))
        .collect()
}

fn from_input(target: &str, indicator: &str) -> Vec<(String, String)> {
    let plan = Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let doc = format!(
        r#"{{"subjects": [{{"id": "wang", "actuals": {{"calls": "1"}}, "targets": {{"{indicator}": "{target}"}}}}]}}"#
    );
    Input::from_json(&plan, &doc).map_or_else(problems, |_| Vec::new())
}

fn from_setter(target: &str, indicator: &str) -> Vec<(String, String)> {
    let plan = Plan::from_json(PLAN).unwrap_or_else(|e| unreachable!("{e}"));
    let mut s = SubjectInput::new(&plan, "wang".to_string());
    let value = attain::parse_decimal(target).unwrap_or_default();
    s.set_target(indicator, value)
        .map_or_else(problems, |()| Vec::new())
}

#[cfg(feature = "run")]
fn from_run(target: &str, indicator: &str) -> Vec<(String, String)> {
    let plan: serde_json::Value = serde_json::from_str(PLAN).unwrap_or_default();
    let doc = serde_json::json!({
        "plans": [plan],
        "roster": [{"subject": "wang"}],
        "targets": [{"subject": "wang", "indicator": indicator, "target": target}],
        "period": "2026-07"
    });
    attain::run::RunSetup::from_value(&doc).map_or_else(problems, |_| Vec::new())
}

#[test]
fn every_reader_refuses_the_same_targets_with_the_same_words() {
    for (target, indicator, code) in [
        ("0", "sales", "zero_target"),
        ("-5", "sales", "negative_target"),
        ("10", "calls", "target_not_per_subject"),
    ] {
        let want = from_input(target, indicator);
        assert_eq!(want.len(), 1, "{target} {indicator}: {want:?}");
        assert_eq!(want[0].0, code);
        assert_eq!(from_setter(target, indicator), want, "{target} {indicator}");
        #[cfg(feature = "run")]
        assert_eq!(from_run(target, indicator), want, "{target} {indicator}");
    }
    assert!(from_input("10", "sales").is_empty());
    assert!(from_setter("10", "sales").is_empty());
    #[cfg(feature = "run")]
    assert!(from_run("10", "sales").is_empty());
}
