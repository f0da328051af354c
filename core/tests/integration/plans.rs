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
