//! The plan's JSON Schema, generated from [`crate::PlanSpec`] so it cannot drift.

/// The JSON Schema (draft 2020-12) of a plan document.
///
/// ```
/// let schema = attain::plan_schema();
/// assert_eq!(schema["title"], "PlanSpec");
/// ```
pub fn plan_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(crate::plan::spec::PlanSpec);
    serde_json::to_value(&schema).unwrap_or(serde_json::Value::Null)
}

#[cfg(test)]
mod tests {
    /// The opt-ins of FORMAT.md ("Signed scores", `boundary`) are in the schema,
    /// each with only the words its curve or section accepts.
    #[test]
    fn the_schema_names_signed_curves_and_boundaries() {
        let schema = super::plan_schema();
        let defs = &schema["$defs"];
        let words = |name: &str| -> Vec<String> {
            defs[name]["oneOf"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v["const"].as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(words("Boundary"), ["inclusive", "exclusive"]);
        assert_eq!(words("RatioBelow"), ["zero", "extrapolate"]);
        assert_eq!(words("Below"), ["zero", "flat", "extrapolate"]);
        assert_eq!(words("FloorBelow"), ["floor", "extrapolate"]);
        assert_eq!(words("FormulaName"), ["quotient", "relative", "closest"]);
        assert_eq!(words("ZeroTargetRule"), ["offset", "pass_fail"]);
        assert_eq!(words("GroupMode"), ["weighted", "mean"]);
        assert!(defs["GroupSpec"]["properties"]["round"].is_object());
        assert!(defs["TargetSpec"]["properties"]["boundary"].is_object());
        let gate = defs["AdjustmentSpec"]["oneOf"].as_array().and_then(|a| {
            a.iter()
                .find(|v| v["properties"]["kind"]["const"] == "gate")
        });
        assert!(gate.is_some_and(|g| g["properties"]["boundary"].is_object()));
    }
}
