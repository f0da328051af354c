//! Early warnings (预警) of a period-to-date run: the indicators behind pace.

use super::{array, plural, Context};
use crate::render::{indicator_nodes, layout, text, unit_suffix};
use serde_json::Value;
use std::fmt::Write;

/// Early warnings (预警): measured indicators whose pace is below the plan's
/// `pace.warn_below`, as of the run's `as_of`.
pub(super) fn warnings(out: &mut String, doc: &Value, ctx: &Context) {
    let mut rows = Vec::new();
    let mut subjects = 0;
    for plan in array(&doc["results"]) {
        let Some(spec) = ctx.spec(&text(&plan["plan"]["id"])) else {
            continue;
        };
        for card in array(&plan["subjects"]) {
            let sid = text(&card["id"]);
            let nodes = indicator_nodes(&card["tree"]);
            let mut any = false;
            for p in array(&card["pace"]) {
                if p["warning"].as_bool() != Some(true) {
                    continue;
                }
                any = true;
                let ind = text(&p["indicator"]);
                let unit = unit_suffix(spec, &ind);
                let with_unit = |v: &Value| {
                    if v.is_null() {
                        "-".to_string()
                    } else {
                        format!("{}{unit}", text(v))
                    }
                };
                let name = spec
                    .indicators
                    .iter()
                    .find(|i| i.id == ind)
                    .map_or_else(|| ind.clone(), |i| i.name.clone());
                let actual = nodes.get(&ind).map_or(&Value::Null, |n| &n["actual"]);
                rows.push(vec![
                    sid.clone(),
                    ctx.name(&sid).to_string(),
                    ctx.team(&card["team"]),
                    name,
                    with_unit(actual),
                    with_unit(&p["expected"]),
                    format!("{}%", text(&p["pace"])),
                    with_unit(&p["forecast"]),
                ]);
            }
            subjects += usize::from(any);
        }
    }
    let as_of = text(&doc["period"]["as_of"]);
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "early warnings (预警) as of {as_of}: none, every subject is on pace"
        );
        return;
    }
    let _ = writeln!(
        out,
        "early warnings (预警) as of {as_of}: {} of {} behind pace\n",
        plural(rows.len(), "indicator", "indicators"),
        plural(subjects, "subject", "subjects"),
    );
    let header: Vec<String> = [
        "subject",
        "name",
        "team",
        "indicator",
        "actual",
        "expected by now",
        "pace",
        "forecast",
    ]
    .map(String::from)
    .to_vec();
    let right = [false, false, false, false, true, true, true, true];
    out.push_str(&layout(&header, &right, &rows));
}
