//! What is scored: per subject the actuals (values already known per indicator),
//! optional per-subject targets, the active share of the period, group keys,
//! bonus/deduction points and a payout base.

use crate::error::{Code, Error, Problem};
use crate::plan::{Curve, Indicator, Plan};
use crate::score::budget;
use crate::score::proration::Factor;
use crate::util::json::{parse, Json};
use crate::util::json_reader::{index, join, Reader};
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashSet};

/// Why an indicator cannot take a per-subject target (from input data or a run's
/// tables): the one rule every reader of such targets applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetRefusal {
    /// The plan does not declare the indicator's target `per_subject`.
    NotPerSubject,
    /// The curve divides by the target (or has no zero-target rule), and it is 0:
    /// the message naming what accepts it.
    Zero(&'static str),
    /// The curve divides by the target, and it is below 0.
    Negative,
}

impl TargetRefusal {
    pub(crate) fn code(self) -> Code {
        match self {
            TargetRefusal::NotPerSubject => Code::TargetNotPerSubject,
            TargetRefusal::Zero(_) => Code::ZeroTarget,
            TargetRefusal::Negative => Code::NegativeTarget,
        }
    }

    pub(crate) fn message(self, indicator: &str) -> String {
        match self {
            TargetRefusal::NotPerSubject => {
                format!("indicator {indicator:?} does not take per-subject targets")
            }
            TargetRefusal::Zero(why) => why.into(),
            TargetRefusal::Negative => Curve::NEGATIVE_TARGET_MESSAGE.into(),
        }
    }
}

impl Indicator {
    /// Whether `value` can be this indicator's per-subject target (`None`: whether
    /// the indicator takes one at all).
    pub(crate) fn refuse_subject_target(&self, value: Option<Decimal>) -> Option<TargetRefusal> {
        if !self.target.per_subject {
            return Some(TargetRefusal::NotPerSubject);
        }
        match value {
            Some(v) if v.is_zero() && self.curve.refuses_target(self.target.basis, true) => {
                Some(TargetRefusal::Zero(self.curve.zero_target_message()))
            }
            Some(v) if v < Decimal::ZERO && self.curve.refuses_target(self.target.basis, false) => {
                Some(TargetRefusal::Negative)
            }
            _ => None,
        }
    }
}

/// The actuals of one subject, laid out for one plan (by indicator position).
#[derive(Debug, Clone)]
pub struct SubjectInput {
    pub(crate) plan: Plan,
    pub(crate) id: String,
    pub(crate) actuals: Vec<Option<Decimal>>,
    pub(crate) targets: Vec<Option<Decimal>>,
    pub(crate) active: Factor,
    pub(crate) groups: BTreeMap<String, String>,
    pub(crate) points: Vec<Decimal>,
    /// Units measured per points item (a run's measured bonus or deduction).
    pub(crate) measured: Vec<Option<Decimal>>,
    /// Points items nothing gave points to (a run: no measure, no `points` row).
    pub(crate) unfed: Vec<bool>,
    pub(crate) base: Option<Decimal>,
    /// Per-indicator proration factor, replacing `active` (period-to-date views).
    pub(crate) factors: Vec<Option<Factor>>,
}

/// Subjects to score with one plan, and options.
///
/// ```
/// use attain::{Input, Plan, SubjectInput};
/// use rust_decimal::Decimal;
/// # let plan = Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
/// #   "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
/// #     "direction": "higher_is_better", "target": {"value": 200}, "curve": {"kind": "ratio"}}],
/// #   "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]}}"#).unwrap();
/// let mut rep = SubjectInput::new(&plan, "zhang.san");
/// rep.set_actual("calls", Decimal::from(212)).unwrap();
/// let input = Input::from_subjects(vec![rep]);
/// let results = plan.score(&input).unwrap();
/// assert_eq!(results.subjects()[0].total_text().as_deref(), Some("106.00"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub(crate) subjects: Vec<SubjectInput>,
    pub(crate) what_it_takes: bool,
    /// Scorecards without their trees (`options.explain: false`).
    pub(crate) summary: bool,
    pub(crate) threads: Option<usize>,
}

fn input_error(path: impl Into<String>, code: Code, message: impl Into<String>) -> Error {
    Error::Input(vec![Problem::new(path, code, message)])
}

impl SubjectInput {
    /// A subject with no data yet.
    pub fn new(plan: &Plan, id: impl Into<String>) -> SubjectInput {
        let n = plan.inner.indicators.len();
        SubjectInput {
            plan: plan.clone(),
            id: id.into(),
            actuals: vec![None; n],
            targets: vec![None; n],
            active: Factor::ONE,
            groups: BTreeMap::new(),
            points: vec![Decimal::ZERO; plan.inner.points.len()],
            measured: vec![None; plan.inner.points.len()],
            unfed: vec![false; plan.inner.points.len()],
            base: None,
            factors: vec![None; n],
        }
    }

    /// The subject's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Set (or clear, with `None`) the actual of the indicator at `index`.
    /// Out-of-range positions are ignored.
    pub fn set_actual_at(&mut self, index: usize, value: Option<Decimal>) {
        if let Some(slot) = self.actuals.get_mut(index) {
            *slot = value;
        }
    }

    /// The actual of the indicator at `index`.
    pub fn actual_at(&self, index: usize) -> Option<Decimal> {
        self.actuals.get(index).copied().flatten()
    }

    /// Set the actual of an indicator by id.
    pub fn set_actual(&mut self, indicator: &str, value: Decimal) -> Result<(), Error> {
        let i = self.position(indicator)?;
        self.set_actual_at(i, Some(value));
        Ok(())
    }

    fn position(&self, indicator: &str) -> Result<usize, Error> {
        self.plan.indicator_index(indicator).ok_or_else(|| {
            input_error(
                join("/actuals", indicator),
                Code::UnknownIndicator,
                format!("no indicator {indicator:?}"),
            )
        })
    }

    /// Set a per-subject target (only for indicators whose target is `per_subject`).
    pub fn set_target(&mut self, indicator: &str, value: Decimal) -> Result<(), Error> {
        let i = self.position(indicator)?;
        let path = join("/targets", indicator);
        let refusal = match self.plan.inner.indicators.get(i) {
            Some(ind) => ind.refuse_subject_target(Some(value)),
            None => Some(TargetRefusal::NotPerSubject),
        };
        if let Some(why) = refusal {
            return Err(input_error(path, why.code(), why.message(indicator)));
        }
        if let Some(slot) = self.targets.get_mut(i) {
            *slot = Some(value);
        }
        Ok(())
    }

    /// Bonus or deduction points for an adjustment of the plan (≥ 0).
    pub fn set_points(&mut self, adjustment: &str, points: Decimal) -> Result<(), Error> {
        let path = join("/points", adjustment);
        let Some(&i) = self.plan.inner.points_index.get(adjustment) else {
            return Err(input_error(
                path,
                Code::UnknownAdjustment,
                format!("no bonus or deduction {adjustment:?}"),
            ));
        };
        if points.is_sign_negative() && !points.is_zero() {
            return Err(input_error(
                path,
                Code::NegativePoints,
                "points are given as a positive number",
            ));
        }
        if let Some(slot) = self.points.get_mut(i) {
            *slot = points;
        }
        Ok(())
    }

    /// Share of the period the subject was active, in (0, 1].
    pub fn set_active(&mut self, share: Decimal) -> Result<(), Error> {
        if share <= Decimal::ZERO || share > Decimal::ONE {
            return Err(input_error(
                "/active",
                Code::ActiveOutOfRange,
                format!("active share {share} is not in (0, 1]"),
            ));
        }
        self.active = Factor::share(share);
        Ok(())
    }

    /// A group key such as `team` or `role`, used by ranking `within`.
    pub fn set_group(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.groups.insert(key.into(), value.into());
    }

    /// The payout base for this subject (replaces the plan's).
    pub fn set_base(&mut self, base: Decimal) {
        self.base = Some(base);
    }
}

impl Input {
    /// Subjects to score, with default options.
    pub fn from_subjects(subjects: Vec<SubjectInput>) -> Input {
        Input {
            subjects,
            what_it_takes: false,
            summary: false,
            threads: None,
        }
    }

    /// Also compute *what it takes* (the `next` of each indicator).
    pub fn with_what_it_takes(mut self, on: bool) -> Input {
        self.what_it_takes = on;
        self
    }

    /// Explain every node of each scorecard (`tree`; the default), or not: with
    /// `false` each scorecard's `tree` is null (total, rating, rank, payout and
    /// adjustments are still given), so a large batch is a fraction of the text
    /// (`docs/LIMITS.md`). Its figures are the same; the `Scorecard`s keep their
    /// nodes ([`crate::Results::indicator_scores`]).
    pub fn with_explanations(mut self, on: bool) -> Input {
        self.summary = !on;
        self
    }

    /// Score on at most `n` threads (default: every core for large inputs). The
    /// result is the same whatever the number.
    pub fn with_threads(mut self, n: usize) -> Input {
        self.threads = Some(n.max(1));
        self
    }

    /// The subjects, in the order given.
    pub fn subjects(&self) -> &[SubjectInput] {
        &self.subjects
    }

    /// Read an input document (see `docs/FORMAT.md`) for `plan`, reporting every problem.
    pub fn from_json(plan: &Plan, text: &str) -> Result<Input, Error> {
        let value = parse(text)
            .map_err(|e| input_error("", Code::InvalidJson, format!("not valid JSON: {e}")))?;
        Input::from_json_value(plan, &value)
    }

    /// Read an input document already parsed by the host as a `serde_json::Value`.
    ///
    /// Kept for compatibility. Numbers are taken as their `to_string()`: exactly as
    /// written when the host enabled serde_json's `arbitrary_precision` feature,
    /// otherwise the shortest text of the `f64` serde_json read. For exact numbers,
    /// prefer [`Input::from_json`] with the text (or decimals given as strings).
    pub fn from_value(plan: &Plan, value: &serde_json::Value) -> Result<Input, Error> {
        Input::from_json_value(plan, &Json::from_serde(value))
    }

    /// Read an input document read by the core's own JSON reader.
    pub(crate) fn from_json_value(plan: &Plan, value: &Json) -> Result<Input, Error> {
        let mut r = Reader::default();
        let mut input = Input::default();
        if let Some(f) = r.object(value, "", &["subjects", "options"]) {
            if let Some((ov, op)) = f.get("options") {
                if let Some(o) = r.object(ov, &op, &["what_it_takes", "explain"]) {
                    if let Some((v, p)) = o.get("what_it_takes") {
                        input.what_it_takes = r.boolean(v, &p).unwrap_or(false);
                    }
                    if let Some((v, p)) = o.get("explain") {
                        input.summary = !r.boolean(v, &p).unwrap_or(true);
                    }
                }
            }
            if let Some((sv, sp)) = r.required(&f, "subjects") {
                if let Some(items) = r.array(sv, &sp) {
                    // Too many subjects for the output limit: refused before they are read.
                    let (next, summary) = (input.what_it_takes, input.summary);
                    budget::check_count(&plan.inner, items.len(), next, summary, &sp)?;
                    let mut seen = HashSet::new();
                    for (i, item) in items.iter().enumerate() {
                        let p = index(&sp, i);
                        if let Some(s) = subject(plan, &mut r, item, &p) {
                            if !seen.insert(s.id.clone()) {
                                r.push(
                                    join(&p, "id"),
                                    Code::DuplicateSubject,
                                    format!("subject {:?} appears twice", s.id),
                                );
                            }
                            input.subjects.push(s);
                        }
                    }
                }
            }
        }
        if r.problems.is_empty() {
            Ok(input)
        } else {
            Err(Error::Input(r.problems))
        }
    }
}

const SUBJECT_KEYS: &[&str] = &[
    "id", "name", "actuals", "targets", "active", "groups", "points", "base",
];

fn subject(plan: &Plan, r: &mut Reader, v: &Json, p: &str) -> Option<SubjectInput> {
    let f = r.object(v, p, SUBJECT_KEYS)?;
    let id = match r.required(&f, "id") {
        Some((v, ip)) => r.string(v, &ip).filter(|s| {
            let ok = crate::limits::valid_subject_id(s);
            if !ok {
                r.push(ip.clone(), Code::InvalidId, crate::limits::SUBJECT_ID_RULE);
            }
            ok
        })?,
        None => return None,
    };
    let mut s = SubjectInput::new(plan, id);
    if let Some((v, np)) = f.get("name") {
        r.string(v, &np);
    }
    let inner = &plan.inner;
    if let Some((av, ap)) = f.get("actuals") {
        if let Some(m) = r.map(av, &ap) {
            for (k, v) in m {
                let kp = join(&ap, k);
                match inner.indicator_index.get(k) {
                    None => r.push(
                        kp,
                        Code::UnknownIndicator,
                        format!("no indicator {k:?} in plan {:?}", inner.spec.id),
                    ),
                    Some(&i) => {
                        if !v.is_null() {
                            let d = r.decimal(v, &kp);
                            s.set_actual_at(i, d);
                        }
                    }
                }
            }
        }
    }
    if let Some((tv, tp)) = f.get("targets") {
        if let Some(m) = r.map(tv, &tp) {
            for (k, v) in m {
                let kp = join(&tp, k);
                let Some(&i) = inner.indicator_index.get(k) else {
                    r.push(
                        kp,
                        Code::UnknownIndicator,
                        format!("no indicator {k:?} in plan {:?}", inner.spec.id),
                    );
                    continue;
                };
                let Some(ind) = inner.indicators.get(i) else {
                    continue;
                };
                if let Some(why) = ind.refuse_subject_target(None) {
                    r.push(kp, why.code(), why.message(k));
                    continue;
                }
                if v.is_null() {
                    continue;
                }
                if let Some(d) = r.decimal(v, &kp) {
                    if let Some(why) = ind.refuse_subject_target(Some(d)) {
                        r.push(kp, why.code(), why.message(k));
                    } else if let Some(slot) = s.targets.get_mut(i) {
                        *slot = Some(d);
                    }
                }
            }
        }
    }
    if let Some((v, ap)) = f.get("active") {
        if let Some(d) = r.decimal(v, &ap) {
            if d <= Decimal::ZERO || d > Decimal::ONE {
                r.push(
                    ap,
                    Code::ActiveOutOfRange,
                    format!("active share {d} is not in (0, 1]"),
                );
            } else {
                s.active = Factor::share(d);
            }
        }
    }
    if let Some((gv, gp)) = f.get("groups") {
        if let Some(m) = r.map(gv, &gp) {
            for (k, v) in m {
                if let Some(val) = r.string(v, &join(&gp, k)) {
                    s.groups.insert(k.clone(), val);
                }
            }
        }
    }
    if let Some((pv, pp)) = f.get("points") {
        if let Some(m) = r.map(pv, &pp) {
            for (k, v) in m {
                let kp = join(&pp, k);
                let Some(&i) = inner.points_index.get(k) else {
                    r.push(
                        kp,
                        Code::UnknownAdjustment,
                        format!("no bonus or deduction {k:?} in the plan"),
                    );
                    continue;
                };
                if let Some(d) = r.decimal(v, &kp) {
                    if d.is_sign_negative() && !d.is_zero() {
                        r.push(
                            kp,
                            Code::NegativePoints,
                            format!(
                                "points {d} are negative; a deduction is given as positive points"
                            ),
                        );
                    } else if let Some(slot) = s.points.get_mut(i) {
                        *slot = d;
                    }
                }
            }
        }
    }
    if let Some((v, bp)) = f.get("base") {
        s.base = r.decimal(v, &bp);
    }
    Some(s)
}

impl Plan {
    /// A subject for this plan with its actuals set by indicator id.
    pub fn subject<'a>(
        &self,
        id: impl Into<String>,
        actuals: impl IntoIterator<Item = (&'a str, Decimal)>,
    ) -> Result<SubjectInput, Error> {
        let mut s = SubjectInput::new(self, id);
        for (k, v) in actuals {
            let i = self.indicator_index(k).ok_or_else(|| {
                input_error(
                    join("/actuals", k),
                    Code::UnknownIndicator,
                    format!("no indicator {k:?}"),
                )
            })?;
            s.set_actual_at(i, Some(v));
        }
        Ok(s)
    }
}
