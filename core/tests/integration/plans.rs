//! Plan refusals that name the field at fault.

#[test]
fn a_ratio_inside_a_ratio_is_refused_at_its_kind() {
    let text = r#"{"id": "p", "name": "P", "version": "1",
     "indicators": [{"id": "conv", "name": "转化率", "unit": {"kind": "percent"},
       "direction": "higher_is_better", "target": {"value": 15}, "curve": {"kind": "ratio", "cap": 120},
       "measure": {"kind": "ratio",
         "numerator": {"kind": "ratio",
           "numerator": {"kind": "count", "fact": "deal", "date": "at"},
           "denominator": {"kind": "count", "fact": "lead", "date": "at"}},
         "denominator": {"kind": "count", "fact": "lead", "date": "at"}}}],
     "tree": {"group": "root", "children": [{"indicator": "conv", "weight": 100}]}}"#;
    let err = attain::Plan::from_json(text).err();
    let problems: Vec<(&str, &str)> = err
        .as_ref()
        .map(|e| {
            e.problems()
                .iter()
                .map(|p| (p.path.as_str(), p.code.as_str()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        problems,
        [("/indicators/0/measure/numerator/kind", "invalid_value")]
    );
}

const SIMPLE: &str = r#"{"id": "p", "name": "P", "version": "1",
 "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"}, "direction": "higher_is_better",
   "target": {"value": 10}, "curve": {"kind": "ratio", "cap": 120},
   "measure": {"kind": "count", "fact": "call", "date": "at"}}],
 "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]}}"#;

#[test]
fn an_empty_fact_type_is_refused_as_in_a_list() {
    let text = SIMPLE.replace(r#""fact": "call""#, r#""fact": """#);
    let err = attain::Plan::from_json(&text).err();
    let first = err.as_ref().and_then(|e| e.problems().first());
    assert_eq!(
        first.map(|p| (p.path.as_str(), p.code.as_str())),
        Some(("/indicators/0/measure/fact", "invalid_value"))
    );
}

#[test]
fn a_plan_saved_with_a_byte_order_mark_is_read() {
    let with_bom = format!("\u{feff}{SIMPLE}");
    let plan = attain::Plan::from_json(&with_bom).unwrap_or_else(|e| unreachable!("{e}"));
    let again = attain::Plan::from_json(&plan.to_json()).unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(plan.to_json(), again.to_json());
}
