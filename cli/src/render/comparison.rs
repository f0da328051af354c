//! Which comparison decided: the tier reached, a pass/fail, a ratio's gate or a gate
//! adjustment, written with the operator the plan's `boundary` makes (≥ or >).

use attain::spec::{Boundary, CurveSpec, Direction, IndicatorSpec, PlanSpec, TierBasis};
use attain::Decimal;
use serde_json::Value;

/// The operators that hold when a result reaches a point, and when it does not.
fn ops(boundary: Boundary, lower: bool) -> (&'static str, &'static str) {
    match (boundary, lower) {
        (Boundary::Inclusive, false) => ("≥", "<"),
        (Boundary::Exclusive, false) => (">", "≤"),
        (Boundary::Inclusive, true) => ("≤", ">"),
        (Boundary::Exclusive, true) => ("<", "≥"),
    }
}

fn boundary_name(b: Boundary) -> &'static str {
    match b {
        Boundary::Inclusive => "inclusive",
        Boundary::Exclusive => "exclusive",
    }
}

/// The comparison that decided an indicator's tier, pass/fail or gate, as one line
/// (None when the indicator has none, or no data).
pub(crate) fn decided(spec: &PlanSpec, id: &str, node: &Value, unit: &str) -> Option<String> {
    let ind: &IndicatorSpec = spec.indicators.iter().find(|i| i.id == id)?;
    if node["actual"].is_null() || node["score"].is_null() {
        return None;
    }
    let target = ind.target.as_ref()?;
    let boundary = target.boundary.unwrap_or_default();
    let how = boundary_name(boundary);
    let mut parts = Vec::new();
    if !target.tiers.is_empty() {
        let achievement = target.tier_basis == TierBasis::Achievement;
        if achievement && node["achievement"].is_null() && node["tier"].is_null() {
            return None;
        }
        let lower = !achievement && ind.direction == Direction::LowerIsBetter;
        let (reach, miss) = ops(boundary, lower);
        let (x, suffix) = if achievement {
            ("achievement", "%".to_string())
        } else if target.prorate
            && node["flags"]
                .as_array()
                .is_some_and(|f| f.iter().any(|v| v == "prorated"))
        {
            ("actual", format!("{unit} × active share"))
        } else {
            ("actual", unit.to_string())
        };
        let reached = node["tier"]
            .as_str()
            .and_then(|name| target.tiers.iter().position(|t| t.name == name));
        if let Some(k) = reached {
            let t = &target.tiers[k];
            parts.push(format!("{x} {reach} {}{suffix} → tier {}", t.at, t.name));
        }
        let next = reached.map_or(0, |k| k + 1);
        if let Some(t) = target.tiers.get(next) {
            parts.push(format!("{x} {miss} {}{suffix} → not {}", t.at, t.name));
        }
    }
    let lower = ind.direction == Direction::LowerIsBetter;
    match ind.curve {
        CurveSpec::PassFail { .. } => {
            let (reach, miss) = ops(boundary, lower);
            let met = node["score"]
                .as_str()
                .and_then(|s| s.parse::<Decimal>().ok())
                .is_some_and(|d| !d.is_zero());
            parts.push(if met {
                format!("actual {reach} target → met")
            } else {
                format!("actual {miss} target → not met")
            });
        }
        CurveSpec::Ratio { gate: Some(g), .. } => {
            let (reach, miss) = ops(boundary, false);
            let gated = node["flags"]
                .as_array()
                .is_some_and(|f| f.iter().any(|v| v == "gated"));
            parts.push(if gated {
                format!("achievement {miss} gate {g}% → gated")
            } else {
                format!("achievement {reach} gate {g}% → not gated")
            });
        }
        _ => {}
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("decided: {} ({how})", parts.join("; ")))
}

/// How a gate adjustment reads: "below 60", "at or below 60" (exclusive), "above 5"
/// for a lower-is-better actual.
pub(crate) fn gate_words(
    spec: &PlanSpec,
    indicator: &str,
    basis: TierBasis,
    threshold: &str,
    boundary: Option<Boundary>,
) -> String {
    let lower = basis == TierBasis::Actual
        && spec
            .indicators
            .iter()
            .find(|i| i.id == indicator)
            .is_some_and(|i| i.direction == Direction::LowerIsBetter);
    let side = if lower { "above" } else { "below" };
    match boundary.unwrap_or_default() {
        Boundary::Inclusive => format!("{side} {threshold}"),
        Boundary::Exclusive => format!("at or {side} {threshold}"),
    }
}
