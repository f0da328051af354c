//! Printing a run for people: per plan a scorecard table, the team summary, who was
//! not scored, the ledger (every fact row accounted for), and the early warnings of
//! a period-to-date run; and CSV files with one row per subject or per team. Every
//! figure is read from the canonical run document, so it is the same text as in
//! `--format json`.

mod csv_files;
mod ledger;
mod summary;
mod warnings;

pub use csv_files::{subjects_csv, teams_csv};
pub use summary::summary;

use crate::render::text;
use attain::spec::PlanSpec;
use serde_json::Value;
use std::collections::HashMap;

/// How many rejected rows and conflicting ids the summary lists.
const LIST: usize = 10;

/// What the output needs besides the run document: the plans, and the names of
/// subjects and teams from the roster.
pub struct Context {
    pub specs: Vec<PlanSpec>,
    pub names: HashMap<String, String>,
    pub team_names: HashMap<String, String>,
    pub view: View,
}

/// What of a run is printed (`--top`, `--plan-id`): the table and CSV views only;
/// the JSON document and the files of `--out` are always whole.
#[derive(Default, Clone)]
pub struct View {
    /// Each plan's first N subjects, best first.
    pub top: Option<usize>,
    /// Only this plan's subjects and teams.
    pub plan: Option<String>,
}

impl View {
    /// Whether a plan's subjects and teams are shown.
    pub fn shows_plan(&self, id: &str) -> bool {
        self.plan.as_deref().is_none_or(|p| p == id)
    }

    /// The ids of a plan's subjects that are shown: all, or the first N best first.
    pub fn shown<'a>(&self, cards: &'a [Value]) -> Vec<&'a Value> {
        let mut order = best_first(cards);
        if let Some(n) = self.top {
            order.truncate(n);
        }
        order
    }
}

/// Subjects best first: by rank (unranked last), then id.
pub(crate) fn best_first(cards: &[Value]) -> Vec<&Value> {
    let mut order: Vec<&Value> = cards.iter().collect();
    order.sort_by_key(|c| (c["rank"].as_u64().unwrap_or(u64::MAX), text(&c["id"])));
    order
}

impl Context {
    fn spec(&self, id: &str) -> Option<&PlanSpec> {
        self.specs.iter().find(|s| s.id == id)
    }

    fn name(&self, subject: &str) -> &str {
        self.names.get(subject).map_or("", String::as_str)
    }

    /// A team as people know it: its name from the roster, else its id.
    fn team(&self, team: &Value) -> String {
        match team.as_str() {
            Some(t) => self.team_names.get(t).cloned().unwrap_or_else(|| t.into()),
            None => "-".into(),
        }
    }
}

fn array(v: &Value) -> &[Value] {
    v.as_array().map_or(&[][..], Vec::as_slice)
}

/// A team's members: a list of ids (a count in older documents).
fn members(v: &Value) -> String {
    match v {
        Value::Array(a) => a.len().to_string(),
        other => text(other),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
