//! An embedder's view: attain as a dependency, serde_json with its default
//! features. serde_json's `arbitrary_precision` breaks untagged and internally
//! tagged enums holding numbers (serde-rs/json #505, #559, #1108) and
//! `preserve_order` changes `serde_json::Map`'s order; if attain turned either on
//! (Cargo unifies features), the first three tests here would fail. The others show
//! that attain keeps exact numbers and document order without them.

use serde::Deserialize;

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Amount {
    Whole(i64),
    Fraction(f64),
    Text(String),
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum CrmEvent {
    DealWon { amount: f64, seats: u32 },
    Call { minutes: u32 },
}

#[derive(Debug, PartialEq, Deserialize)]
struct Row {
    id: String,
    #[serde(flatten)]
    rest: std::collections::BTreeMap<String, f64>,
}

#[test]
fn untagged_enums_with_numbers_deserialise() {
    let got: Result<Vec<Amount>, _> = serde_json::from_str(r#"[3, 1.5, "x"]"#);
    assert_eq!(
        got.map_err(|e| e.to_string()),
        Ok(vec![
            Amount::Whole(3),
            Amount::Fraction(1.5),
            Amount::Text("x".into())
        ])
    );
}

#[test]
fn internally_tagged_and_flattened_structs_with_numbers_deserialise() {
    let got: Result<Vec<CrmEvent>, _> = serde_json::from_str(
        r#"[{"kind": "deal_won", "amount": 1200.5, "seats": 3}, {"kind": "call", "minutes": 7}]"#,
    );
    assert_eq!(
        got.map_err(|e| e.to_string()),
        Ok(vec![
            CrmEvent::DealWon {
                amount: 1200.5,
                seats: 3
            },
            CrmEvent::Call { minutes: 7 }
        ])
    );
    let row: Result<Row, _> = serde_json::from_str(r#"{"id": "d1", "amount": 2.25}"#);
    assert_eq!(
        row.map(|r| (r.id, r.rest.get("amount").copied()))
            .map_err(|e| e.to_string()),
        Ok(("d1".to_string(), Some(2.25)))
    );
}

#[test]
fn serde_json_maps_keep_their_sorted_order() {
    let v: serde_json::Value = serde_json::from_str(r#"{"zeta": 1, "alpha": 2, "mid": 3}"#)
        .unwrap_or(serde_json::Value::Null);
    let keys: Vec<&str> = v
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(keys, ["alpha", "mid", "zeta"]);
    // And numbers are plain f64 (arbitrary_precision would keep the text "1.10").
    let n: serde_json::Value = serde_json::from_str("1.10").unwrap_or(serde_json::Value::Null);
    assert_eq!(n.to_string(), "1.1");
}

const PLAN: &str = r#"{"id": "p", "name": "p", "version": "1",
  "indicators": [{"id": "amount", "name": "金额", "unit": {"kind": "money", "currency": "CNY"},
    "direction": "higher_is_better", "target": {"value": 100000000000000.01},
    "curve": {"kind": "ratio"}}],
  "tree": {"group": "root", "children": [{"indicator": "amount", "weight": 100}]}}"#;

#[test]
fn attain_still_reads_numbers_exactly_from_text() -> Result<(), attain::Error> {
    // 100000000000000.01 has 17 significant digits: an f64 would not keep it.
    let plan = attain::Plan::from_json(PLAN)?;
    assert!(plan.to_json().contains(r#""value":"100000000000000.01""#));
    let input = attain::Input::from_json(
        &plan,
        r#"{"subjects": [{"id": "wang", "actuals": {"amount": 50000000000000.005}}]}"#,
    )?;
    let text = plan.score(&input)?.to_json();
    assert!(text.contains(r#""actual":"50000000000000.01""#), "{text}");
    // The canonical text keeps its key order whatever serde_json's features.
    assert!(
        text.starts_with(
            r#"{"plan":{"id":"p","version":"1"},"subjects":[{"id":"wang","status":"scored""#
        ),
        "{text}"
    );
    Ok(())
}

#[test]
fn problems_come_in_document_order() {
    let text = r#"{"zeta": 1, "id": "p", "alpha": 2, "name": "p", "version": "1",
      "indicators": [], "tree": {"group": "root", "children": []}}"#;
    let paths: Vec<String> = match attain::Plan::from_json(text) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems()
            .iter()
            .filter(|p| p.code.as_str() == "unknown_field")
            .map(|p| p.path.clone())
            .collect(),
    };
    assert_eq!(paths, ["/zeta", "/alpha"]);
}

#[test]
fn invalid_json_says_where() {
    let err = attain::Plan::from_json("{\"id\": \"p\",\n  \"name\" 1}").err();
    let problem = err.as_ref().and_then(|e| e.problems().first());
    assert_eq!(
        problem.map(|p| (p.code.as_str(), p.message.as_str())),
        Some((
            "invalid_json",
            "not valid JSON: expected `:` at line 2 column 10"
        ))
    );
}

#[test]
fn host_values_still_work_with_float_numbers() -> Result<(), attain::Error> {
    // Without arbitrary_precision a host's numbers are f64s, and attain reads their
    // text: 100000000000000.01 is beyond a float's digits, so what arrives is no
    // longer that number (as documented: give text for exact numbers). Numbers a
    // float holds as written (0.1 prints as 0.1) arrive unchanged.
    let doc: serde_json::Value = serde_json::from_str(PLAN).unwrap_or(serde_json::Value::Null);
    let plan = attain::Plan::from_value(&doc)?;
    let spec = plan.to_json();
    assert!(spec.contains(r#""value":"10000000000000"#), "{spec}");
    assert!(!spec.contains("100000000000000.01"), "{spec}");
    let input = serde_json::json!({"subjects": [{"id": "li", "actuals": {"amount": 0.1}}]});
    let input = attain::Input::from_value(&plan, &input)?;
    let text = plan.score(&input)?.to_json();
    assert!(text.contains(r#""actual":"0.10""#), "{text}");
    Ok(())
}
