//! The run's setup: plans, roster, tables of targets and actuals, the period and
//! the as-of date, read and checked before any fact is.

use crate::error::{Code, Error, Problem};
use crate::plan::Plan;
use crate::run::facts::FactsFormat;
use crate::run::period::Period;
use crate::run::points::read_points;
use crate::run::roster::{read_roster, read_values, Member, ValueRow};
use crate::score::input::TargetRefusal;
use crate::util::json::{Json, Map};
use crate::util::json_reader::{join, Reader};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Bytes per chunk when a CSV is read on several threads.
const CHUNK_BYTES: usize = 1 << 20;

/// The keys of a run document, in the order `docs/FORMAT.md` lists them; any other
/// key is refused (`unknown_field`).
pub(crate) const RUN_KEYS: &[&str] = &[
    "plans",
    "roster",
    "targets",
    "team_targets",
    "actuals",
    "points",
    "period",
    "as_of",
    "facts",
    "description",
];
/// The tables of a run document.
const TABLE_KEYS: &[&str] = &["roster", "targets", "team_targets", "actuals", "points"];
/// The keys of a run document's `facts`.
const FACTS_KEYS: &[&str] = &["format", "text"];

/// Everything a run needs besides the facts: plans, roster, targets, period.
#[derive(Debug, Clone)]
pub struct RunSetup {
    pub(super) threads: Option<usize>,
    /// Bytes per chunk of a CSV read on several threads (tests make it small).
    pub(super) chunk_bytes: usize,
    pub(super) plans: Vec<Plan>,
    pub(super) period: Period,
    pub(super) as_of: Option<NaiveDate>,
    pub(super) members: Vec<Member>,
    pub(super) targets: Vec<ValueRow>,
    pub(super) team_targets: Vec<ValueRow>,
    pub(super) actuals: Vec<ValueRow>,
    /// Bonus and deduction points given per subject (`points` table).
    pub(super) points: Vec<ValueRow>,
}

impl RunSetup {
    /// Read a run document: `{plans, roster?, targets?, team_targets?, actuals?,
    /// points?, period, as_of?, facts?, description?}` (tables as arrays of objects of text
    /// fields). Every other key, and every unknown key of `facts` or column of a
    /// table, is refused (`unknown_field`, with a "did you mean" hint when a known
    /// key is close). The facts' text is not read here; its type and format are.
    ///
    /// Kept for compatibility: the document as the host's `serde_json::Value`.
    /// Numbers are taken as their `to_string()`: exactly as written when the host
    /// enabled serde_json's `arbitrary_precision` feature, otherwise the shortest
    /// text of the `f64` serde_json read. For exact numbers, prefer
    /// [`crate::run::run_json`] with the text (or decimals given as strings).
    pub fn from_value(v: &serde_json::Value) -> Result<RunSetup, Error> {
        RunSetup::from_json_value(&outline(v, RUN_KEYS))
    }

    /// As [`RunSetup::from_value`], from the core's own JSON value.
    pub(crate) fn from_json_value(v: &Json) -> Result<RunSetup, Error> {
        let mut r = Reader::default();
        let Some(doc) = r.object(v, "", RUN_KEYS) else {
            return Err(Error::Input(r.problems));
        };
        let period = match doc.get("period") {
            Some((p, at)) => r.str(p, &at).map(str::to_string),
            None => {
                r.push(
                    "/period",
                    Code::MissingField,
                    "a run needs a period (2026-Q3, 2026-07, 2026-W05, …)",
                );
                None
            }
        };
        let as_of = match doc.get("as_of") {
            Some((d, at)) => r.str(d, &at).map(|t| Some(t.to_string())),
            None => Some(None),
        };
        if let Some((d, at)) = doc.get("description") {
            r.str(d, &at);
        }
        if let Some((f, at)) = doc.get("facts") {
            read_facts(&mut r, f, &at);
        }
        let mut plans = Vec::new();
        let mut plan_problems = Vec::new();
        match doc.get("plans") {
            Some((Json::Array(list), _)) if !list.is_empty() => {
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
            Some((Json::Array(_), _)) | None => plan_problems.push(Problem::new(
                doc.at("plans"),
                Code::MissingField,
                "a run needs a list of plans",
            )),
            Some((other, at)) => {
                let mut w = Reader::default();
                w.array(other, &at);
                plan_problems.extend(w.problems);
            }
        }
        if !plan_problems.is_empty() {
            // The plans are refused; the document's other problems come with theirs.
            let mut all = r.problems;
            all.extend(plan_problems);
            document_order(&mut all, v);
            return Err(Error::Plan(all));
        }
        let mut out = RunSetup::with_tables(plans, v, period.as_deref(), as_of, r);
        if let Err(Error::Input(problems) | Error::Plan(problems)) = &mut out {
            document_order(problems, v);
        }
        out
    }

    /// Set up a run from validated plans, the tables of a run document (an object
    /// with `roster`, `targets`, `team_targets`, `actuals`, `points`; the run document's other
    /// keys ignored, any other key refused), a period id and an optional as-of date.
    /// Numbers in the tables: as in [`RunSetup::from_value`].
    pub fn new(
        plans: Vec<Plan>,
        tables: &serde_json::Value,
        period: &str,
        as_of: Option<&str>,
    ) -> Result<RunSetup, Error> {
        let tables = outline(tables, TABLE_KEYS);
        let mut r = Reader::default();
        r.object(&tables, "", RUN_KEYS);
        let mut out = RunSetup::with_tables(
            plans,
            &tables,
            Some(period),
            Some(as_of.map(str::to_string)),
            r,
        );
        if let Err(Error::Input(problems) | Error::Plan(problems)) = &mut out {
            document_order(problems, &tables);
        }
        out
    }

    /// The setup from plans and tables. `period` is `None` and `as_of` is `None`
    /// when they were refused already (as problems in `r`); `as_of` is `Some(None)`
    /// when there is none.
    fn with_tables(
        plans: Vec<Plan>,
        tables: &Json,
        period: Option<&str>,
        as_of: Option<Option<String>>,
        r: Reader,
    ) -> Result<RunSetup, Error> {
        let mut r = r;
        let mut plans = plans;
        plans.sort_by(|a, b| a.id().cmp(b.id()));
        let Some(first) = plans.first() else {
            r.push(
                "/plans",
                Code::MissingField,
                "a run needs at least one plan",
            );
            return Err(Error::Plan(r.problems));
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
            r.problems.extend(mismatch);
            return Err(Error::Plan(r.problems));
        }
        let period = period.and_then(|t| match Period::parse(t, &cal) {
            Ok(p) => Some(p),
            Err(m) => {
                r.push("/period", Code::BadPeriod, m);
                None
            }
        });
        let as_of = match (as_of.flatten(), &period) {
            (Some(t), Some(p)) => match crate::plan::calendar::parse_date(&t) {
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
        let points = read_points(&mut r, tables.get("points"));
        let Some(period) = period else {
            return Err(Error::Input(r.problems));
        };
        let setup = RunSetup {
            threads: None,
            chunk_bytes: CHUNK_BYTES,
            plans,
            period,
            as_of,
            members,
            targets,
            team_targets,
            actuals,
            points,
        };
        setup.check_tables(&mut r);
        setup.check_points(&mut r);
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

    /// Cut a CSV read on several threads into chunks of about `n` bytes (default
    /// 1 MiB). For tests that check results do not depend on where chunks end; the
    /// result is the same whatever the size.
    #[doc(hidden)]
    pub fn with_chunk_bytes(mut self, n: usize) -> RunSetup {
        self.chunk_bytes = n.max(1);
        self
    }

    /// The period read, as a window of local dates.
    pub fn period(&self) -> &Period {
        &self.period
    }
}

/// A run document's `facts`: `{format?, text?}`, the format a name the core reads.
fn read_facts(r: &mut Reader, v: &Json, path: &str) {
    let Some(f) = r.object(v, path, FACTS_KEYS) else {
        return;
    };
    if let Some((format, at)) = f.get("format") {
        if let Some(name) = r.str(format, &at) {
            if FactsFormat::from_name(name).is_none() {
                r.push(
                    at,
                    Code::InvalidValue,
                    format!(
                        "facts format {name:?} is not csv or jsonl (also ndjson, json, jsonlines)"
                    ),
                );
            }
        }
    }
    if let Some((text, at)) = f.get("text") {
        r.str(text, &at);
    }
}

/// The host's document as the core's value, with what the setup does not read left
/// as an empty value of the same type: members outside `deep` (except `facts`, whose
/// members are kept but for its text) and the values of unknown keys. Spares copying
/// the facts' text (which can be large) only to check the document's shape.
fn outline(v: &serde_json::Value, deep: &[&str]) -> Json {
    use serde_json::Value;
    let empty = |v: &Value| match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(_) => Json::Number("0".to_string()),
        Value::String(_) => Json::String(String::new()),
        Value::Array(_) => Json::Array(Vec::new()),
        Value::Object(_) => Json::Object(Map::default()),
    };
    let Value::Object(m) = v else {
        return empty(v);
    };
    Json::Object(Map::from_entries(
        m.iter()
            .map(|(k, v)| {
                let value = match (k.as_str(), v) {
                    ("facts", Value::Object(f)) => Json::Object(Map::from_entries(
                        f.iter()
                            .map(|(k, v)| {
                                let v = if k == "text" {
                                    empty(v)
                                } else {
                                    Json::from_serde(v)
                                };
                                (k.clone(), v)
                            })
                            .collect(),
                    )),
                    (k, v) if deep.contains(&k) => Json::from_serde(v),
                    (_, v) => empty(v),
                };
                (k.clone(), value)
            })
            .collect(),
    ))
}

/// Sort problems into document order: by the position of their top-level key in
/// `doc`, then by row for the tables (a row's problems found when its table was
/// read and when it was checked against the plans come together). Stable, so the
/// problems of one place keep the order they were found in.
fn document_order(problems: &mut [Problem], doc: &Json) {
    let Json::Object(map) = doc else { return };
    let keys: Vec<&String> = map.keys().collect();
    problems.sort_by_cached_key(|p| {
        let mut parts = p.path.split('/').skip(1);
        let key = parts
            .next()
            .map(|k| k.replace("~1", "/").replace("~0", "~"));
        let at = key.map_or(0, |k| {
            keys.iter()
                .position(|d| **d == k)
                .map_or(usize::MAX, |i| i + 1)
        });
        let row = if TABLE_KEYS
            .iter()
            .any(|t| p.path.starts_with(&format!("/{t}/")))
        {
            parts
                .next()
                .and_then(|i| i.parse::<usize>().ok())
                .unwrap_or(0)
        } else {
            0
        };
        (at, row)
    });
}
