//! Groups that average and round (`mode: mean`, `round`): the keys round-trip,
//! and a plan without them gains none.

const PLAN: &str = r#"{"id": "p", "name": "P", "version": "1",
 "indicators": [
   {"id": "a", "name": "A", "unit": {"kind": "points"}, "direction": "higher_is_better",
    "target": {"value": 100}, "curve": {"kind": "ratio", "cap": 200}},
   {"id": "b", "name": "B", "unit": {"kind": "points"}, "direction": "higher_is_better",
    "target": {"value": 100}, "curve": {"kind": "ratio", "cap": 200}}],
 "tree": {"group": "root", "mode": "mean", "round": 3, "children": [
   {"indicator": "a"}, {"indicator": "b"},
   {"group": "later", "mode": "mean", "missing": "reweight", "children": []}]}}"#;

#[test]
fn mean_and_round_round_trip() {
    let first = attain::Plan::from_json(PLAN).map(|p| p.to_json());
    let first = first.unwrap_or_else(|e| unreachable!("{e}"));
    assert!(first.contains(r#""mode":"mean""#), "{first}");
    assert!(first.contains(r#""round":3"#), "{first}");
    let again = attain::Plan::from_json(&first).map(|p| p.to_json());
    assert_eq!(again.ok().as_deref(), Some(first.as_str()));
}

#[test]
fn a_weighted_plan_gains_no_group_key() {
    let text = PLAN
        .replace(r#""mode": "mean", "round": 3, "#, "")
        .replace(
            r#"{"indicator": "a"}, {"indicator": "b"},"#,
            r#"{"indicator": "a", "weight": 50}, {"indicator": "b", "weight": 50}"#,
        )
        .replace(
            r#"
   {"group": "later", "mode": "mean", "missing": "reweight", "children": []}"#,
            "",
        );
    let json = attain::Plan::from_json(&text)
        .map(|p| p.to_json())
        .unwrap_or_else(|e| unreachable!("{e}"));
    // The tree's part of the document (the plan's `rounding` has a `mode` too).
    let tree = json.split(r#""tree":"#).nth(1).unwrap_or_default();
    let tree = tree.split(r#""rounding""#).next().unwrap_or_default();
    assert!(tree.contains(r#""children""#), "{json}");
    assert!(
        !tree.contains(r#""mode""#) && !tree.contains(r#""round""#),
        "{json}"
    );
}
