//! The run's setup: plans, roster, tables of targets and actuals, the period and
//! the as-of date, read and checked before any fact is.

use crate::error::{Code, Error, Problem};
use crate::plan::Plan;
use crate::run::period::Period;
use crate::run::roster::{read_roster, read_values, Member, ValueRow};
use crate::score::input::TargetRefusal;
use crate::util::json::Json;
use crate::util::json_reader::{join, Reader};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The keys of a run document the setup reads: the tables first.
const SETUP_KEYS: &[&str] = &[
    "roster",
    "targets",
    "team_targets",
    "actuals",
    "plans",
    "period",
    "as_of",
];
/// How many of [`SETUP_KEYS`] are tables.
const TABLE_KEYS: usize = 4;

/// Everything a run needs besides the facts: plans, roster, targets, period.
#[derive(Debug, Clone)]
pub struct RunSetup {
    pub(super) threads: Option<usize>,
    pub(super) plans: Vec<Plan>,
    pub(super) period: Period,
    pub(super) as_of: Option<NaiveDate>,
    pub(super) members: Vec<Member>,
    pub(super) targets: Vec<ValueRow>,
    pub(super) team_targets: Vec<ValueRow>,
    pub(super) actuals: Vec<ValueRow>,
}

impl RunSetup {
    /// Read a run document: `{plans, roster, targets?, team_targets?, actuals?,
    /// period, as_of?}` (tables as arrays of objects of text fields). Extra keys
    /// (`facts`, `description`, …) are ignored here.
    ///
    /// Kept for compatibility: the document as the host's `serde_json::Value`.
    /// Numbers are taken as their `to_string()`: exactly as written when the host
    /// enabled serde_json's `arbitrary_precision` feature, otherwise the shortest
    /// text of the `f64` serde_json read. For exact numbers, prefer
    /// [`crate::run::run_json`] with the text (or decimals given as strings).
    pub fn from_value(v: &serde_json::Value) -> Result<RunSetup, Error> {
        RunSetup::from_json_value(&Json::from_serde_keys(v, SETUP_KEYS))
    }

    /// As [`RunSetup::from_value`], from the core's own JSON value.
    pub(crate) fn from_json_value(v: &Json) -> Result<RunSetup, Error> {
        let mut plans = Vec::new();
        let mut plan_problems = Vec::new();
        match v.get("plans").and_then(Json::as_array) {
            Some(list) if !list.is_empty() => {
                for (i, p) in list.iter().enumerate() {
                    match Plan::from_json_value(p) {
                        Ok(plan) => plans.push(plan),
                        Err(e) => plan_problems.extend(e.problems().iter().map(|pr| {
                            Problem::new(
                                format!("/plans/{i}{}", pr.path),
                                pr.code,
                                pr.message.clone(),
                            )
                        })),
                    }
                }
            }
            _ => plan_problems.push(Problem::new(
                "/plans",
                Code::MissingField,
                "a run needs a list of plans",
            )),
        }
        if !plan_problems.is_empty() {
            return Err(Error::Plan(plan_problems));
        }
        let period = v
            .get("period")
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string();
        let as_of = v.get("as_of").and_then(Json::as_str).map(str::to_string);
        RunSetup::with_tables(plans, v, &period, as_of.as_deref())
    }

    /// Set up a run from validated plans, the tables of a run document (an object
    /// with `roster`, `targets`, `team_targets`, `actuals`; other keys ignored), a
    /// period id and an optional as-of date. Numbers in the tables: as in
    /// [`RunSetup::from_value`].
    pub fn new(
        plans: Vec<Plan>,
        tables: &serde_json::Value,
        period: &str,
        as_of: Option<&str>,
    ) -> Result<RunSetup, Error> {
        let tables = Json::from_serde_keys(tables, &SETUP_KEYS[..TABLE_KEYS]);
        RunSetup::with_tables(plans, &tables, period, as_of)
    }

    fn with_tables(
        plans: Vec<Plan>,
        tables: &Json,
        period: &str,
        as_of: Option<&str>,
    ) -> Result<RunSetup, Error> {
        let mut plans = plans;
        plans.sort_by(|a, b| a.id().cmp(b.id()));
        let Some(first) = plans.first() else {
            return Err(Error::Plan(vec![Problem::new(
                "/plans",
                Code::MissingField,
                "a run needs at least one plan",
            )]));
        };
        let cal = first.calendar();
        let mismatch: Vec<Problem> = plans
            .iter()
            .enumerate()
            .filter(|(_, p)| p.calendar() != cal)
            .map(|(i, p)| {
                Problem::new(
                    format!("/plans/{i}/calendar"),
                    Code::CalendarMismatch,
                    format!(
                        "plan {:?} has another calendar than plan {:?}",
                        p.id(),
                        first.id()
                    ),
                )
            })
            .collect();
        if !mismatch.is_empty() {
            return Err(Error::Plan(mismatch));
        }
        let mut r = Reader::default();
        let period = match Period::parse(period, &cal) {
            Ok(p) => Some(p),
            Err(m) => {
                r.push("/period", Code::BadPeriod, m);
                None
            }
        };
        let as_of = match (as_of, &period) {
            (Some(t), Some(p)) => match crate::plan::calendar::parse_date(t) {
                Some(d) if p.contains(d) => Some(d),
                _ => {
                    r.push(
                        "/as_of",
                        Code::BadPeriod,
                        format!("as_of {t:?} is not a date inside {}", p.id),
                    );
                    None
                }
            },
            _ => None,
        };
        let members = read_roster(&mut r, tables.get("roster"));
        let targets = read_values(
            &mut r,
            tables.get("targets"),
            "/targets",
            "subject",
            "target",
        );
        let team_targets = read_values(
            &mut r,
            tables.get("team_targets"),
            "/team_targets",
            "team",
            "target",
        );
        let actuals = read_values(
            &mut r,
            tables.get("actuals"),
            "/actuals",
            "subject",
            "actual",
        );
        let Some(period) = period else {
            return Err(Error::Input(r.problems));
        };
        let setup = RunSetup {
            threads: None,
            plans,
            period,
            as_of,
            members,
            targets,
            team_targets,
            actuals,
        };
        setup.check_tables(&mut r);
        if r.problems.is_empty() {
            Ok(setup)
        } else {
            Err(Error::Input(r.problems))
        }
    }

    /// The plan index of a member, or why it has none.
    pub(super) fn plan_of(&self, m: &Member) -> Option<usize> {
        let by_role = self
            .plans
            .iter()
            .position(|p| p.role().is_some() && p.role() == m.role.as_deref());
        by_role.or_else(|| {
            (self.plans.len() == 1 && self.plans.first().is_some_and(|p| p.role().is_none()))
                .then_some(0)
        })
    }

    pub(super) fn check_tables(&self, r: &mut Reader) {
        let by_id: HashMap<&str, &Member> =
            self.members.iter().map(|m| (m.id.as_str(), m)).collect();
        let teams: HashSet<&str> = self
            .members
            .iter()
            .filter_map(|m| m.team.as_deref())
            .collect();
        // The subject's plan's indicator for a row, or the problem with the row.
        let lookup = |r: &mut Reader, row: &ValueRow| {
            let Some(m) = by_id.get(row.who.as_str()) else {
                r.push(
                    join(&row.path, "subject"),
                    Code::UnknownSubject,
                    format!("no subject {:?} in the roster", row.who),
                );
                return None;
            };
            let plan = self.plan_of(m).and_then(|p| self.plans.get(p))?;
            let ind = plan
                .indicator_index(&row.indicator)
                .and_then(|i| plan.inner.indicators.get(i));
            if ind.is_none() {
                r.push(
                    join(&row.path, "indicator"),
                    Code::UnknownIndicator,
                    format!("no indicator {:?} in plan {:?}", row.indicator, plan.id()),
                );
            }
            ind
        };
        for row in &self.targets {
            let refusal = lookup(r, row).and_then(|ind| ind.refuse_subject_target(Some(row.value)));
            if let Some(why) = refusal {
                let field = match why {
                    TargetRefusal::NotPerSubject => "indicator",
                    _ => "target",
                };
                r.push(
                    join(&row.path, field),
                    why.code(),
                    why.message(&row.indicator),
                );
            }
        }
        for row in &self.team_targets {
            if !teams.contains(row.who.as_str()) {
                r.push(
                    join(&row.path, "team"),
                    Code::UnknownSubject,
                    format!("no team {:?} in the roster", row.who),
                );
                continue;
            }
            let found: Vec<_> = self
                .plans
                .iter()
                .filter_map(|p| {
                    p.indicator_index(&row.indicator)
                        .and_then(|i| p.inner.indicators.get(i))
                })
                .collect();
            if found.is_empty() {
                r.push(
                    join(&row.path, "indicator"),
                    Code::UnknownIndicator,
                    format!("no plan has indicator {:?}", row.indicator),
                );
            } else if let Some(why) = found.iter().find_map(|ind| ind.refuse_subject_target(None)) {
                r.push(
                    join(&row.path, "indicator"),
                    why.code(),
                    why.message(&row.indicator),
                );
            }
        }
        for row in &self.actuals {
            match lookup(r, row) {
                None => {}
                Some(ind) if ind.measure.is_some() => r.push(
                    join(&row.path, "indicator"),
                    Code::InvalidValue,
                    format!("indicator {:?} is measured from facts", row.indicator),
                ),
                Some(_) => {}
            }
        }
    }

    /// Read facts on at most `n` threads (default: every core). The result is the
    /// same whatever the number.
    pub fn with_threads(mut self, n: usize) -> RunSetup {
        self.threads = Some(n.max(1));
        self
    }

    /// The period read, as a window of local dates.
    pub fn period(&self) -> &Period {
        &self.period
    }
}
