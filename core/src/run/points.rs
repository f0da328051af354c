//! A run's `points` table: bonus and deduction points given per subject
//! (`subject,adjustment,points`), as an input's `points` gives them to `attain score`.

use crate::error::Code;
use crate::run::roster::{read_rows, Member, ValueRow};
use crate::run::setup::RunSetup;
use crate::util::json::Json;
use crate::util::json_reader::{join, Reader};
use std::collections::HashMap;

/// The columns of a `points` row, all required.
pub(crate) const POINTS_COLUMNS: [&str; 3] = ["subject", "adjustment", "points"];

/// The rows of a `points` table (an array of objects, or null).
pub(crate) fn read_points(r: &mut Reader, v: Option<&Json>) -> Vec<ValueRow> {
    read_rows(r, v, "/points", POINTS_COLUMNS)
}

impl RunSetup {
    /// Each `points` row names a subject of the roster, a bonus or deduction of its
    /// plan that is not measured from facts, and points ≥ 0.
    pub(super) fn check_points(&self, r: &mut Reader) {
        let by_id: HashMap<&str, &Member> =
            self.members.iter().map(|m| (m.id.as_str(), m)).collect();
        for row in &self.points {
            let Some(m) = by_id.get(row.who.as_str()) else {
                r.push(
                    join(&row.path, "subject"),
                    Code::UnknownSubject,
                    format!("no subject {:?} in the roster", row.who),
                );
                continue;
            };
            let Some(plan) = self.plan_of(m).and_then(|p| self.plans.get(p)) else {
                continue;
            };
            let item = plan
                .inner
                .points_index
                .get(&row.indicator)
                .and_then(|k| plan.inner.points.get(*k));
            match item {
                None => r.push(
                    join(&row.path, "adjustment"),
                    Code::UnknownAdjustment,
                    format!(
                        "no bonus or deduction {:?} in plan {:?}",
                        row.indicator,
                        plan.id()
                    ),
                ),
                Some(item) if item.measured.is_some() => r.push(
                    join(&row.path, "adjustment"),
                    Code::InvalidValue,
                    format!("adjustment {:?} is measured from facts", row.indicator),
                ),
                Some(_) => {}
            }
            if row.value.is_sign_negative() && !row.value.is_zero() {
                r.push(
                    join(&row.path, "points"),
                    Code::NegativePoints,
                    format!(
                        "points {} are negative; a deduction is given as positive points",
                        row.value
                    ),
                );
            }
        }
    }
}
