//! Ratio curves scoring targets of any sign (`formula`, `zero_target`): the
//! refusals name what would accept the target, and the options round-trip.

fn plan(curve: &str, value: &str) -> String {
    format!(
        r#"{{"id": "p", "name": "P", "version": "1",
 "indicators": [{{"id": "profit", "name": "利润", "unit": {{"kind": "money", "currency": "CNY"}},
   "direction": "higher_is_better", "target": {{"value": "{value}"}}, "curve": {curve}}}],
 "tree": {{"group": "root", "children": [{{"indicator": "profit", "weight": 100}}]}}}}"#
    )
}

fn refusal(text: &str) -> Option<(String, String, String)> {
    let err = attain::Plan::from_json(text).err()?;
    let p = err.problems().first()?;
    Some((
        p.path.clone(),
        p.code.as_str().to_string(),
        p.message.clone(),
    ))
}

#[test]
fn a_zero_target_on_the_quotient_names_the_formulas_that_accept_it() {
    let r = refusal(&plan(r#"{"kind": "ratio", "cap": 120}"#, "0"));
    let (path, code, message) = r.unwrap_or_default();
    assert_eq!(
        (path.as_str(), code.as_str()),
        ("/indicators/0/target/value", "zero_target")
    );
    for word in ["\"relative\"", "\"closest\"", "zero_target", "pass_fail"] {
        assert!(message.contains(word), "{message:?} lacks {word}");
    }
}

#[test]
fn a_negative_target_on_the_quotient_names_the_relative_formula() {
    let (_, code, message) = refusal(&plan(r#"{"kind": "ratio"}"#, "-5")).unwrap_or_default();
    assert_eq!(code, "negative_target");
    assert!(message.contains("\"relative\""), "{message:?}");
}

#[test]
fn a_relative_curve_takes_a_negative_target_and_needs_a_rule_for_zero() {
    let relative = r#"{"kind": "ratio", "formula": "relative"}"#;
    assert!(attain::Plan::from_json(&plan(relative, "-5")).is_ok());
    let (_, code, message) = refusal(&plan(relative, "0")).unwrap_or_default();
    assert_eq!(code, "zero_target");
    assert!(message.contains("\"offset\""), "{message:?}");
    let with_rule = r#"{"kind": "ratio", "formula": "relative", "zero_target": "offset"}"#;
    assert!(attain::Plan::from_json(&plan(with_rule, "0")).is_ok());
}

#[test]
fn the_formula_and_zero_rule_round_trip_and_old_plans_gain_no_key() {
    let with_rule = r#"{"kind": "ratio", "formula": "closest", "zero_target": "pass_fail"}"#;
    let first = attain::Plan::from_json(&plan(with_rule, "0")).map(|p| p.to_json());
    let first = first.unwrap_or_else(|e| unreachable!("{e}"));
    assert!(first.contains(r#""formula":"closest""#), "{first}");
    assert!(first.contains(r#""zero_target":"pass_fail""#), "{first}");
    let again = attain::Plan::from_json(&first).map(|p| p.to_json());
    assert_eq!(again.ok().as_deref(), Some(first.as_str()));
    let old = attain::Plan::from_json(&plan(r#"{"kind": "ratio", "cap": 120}"#, "10"))
        .map(|p| p.to_json())
        .unwrap_or_else(|e| unreachable!("{e}"));
    assert!(
        !old.contains("formula") && !old.contains("zero_target"),
        "{old}"
    );
}
