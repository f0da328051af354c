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
