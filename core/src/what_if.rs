//! A what-if session: one subject whose actuals a front end changes (a slider) and
//! re-scores at once, with *what it takes* on. The bindings wrap it as it is.

use crate::error::{Code, Error, ErrorKind, Problem};
use crate::plan::Plan;
use crate::score::input::{Input, SubjectInput};
use crate::util::json::{parse, Json, Map};
use crate::util::json_reader::join;
use rust_decimal::Decimal;

/// One subject of a plan, re-scored after each change of its actuals.
///
/// ```
/// let plan = attain::Plan::from_json(r#"{"id": "p", "name": "p", "version": "1",
///   "indicators": [{"id": "deals", "name": "赢单", "unit": {"kind": "count"},
///     "direction": "higher_is_better", "target": {"value": 4}, "curve": {"kind": "ratio"}}],
///   "tree": {"group": "root", "children": [{"indicator": "deals", "weight": 100}]}}"#)?;
/// let mut session = attain::WhatIf::from_json(&plan, r#"{"id": "wang", "actuals": {"deals": 2}}"#)?;
/// assert!(session.preview_json().contains(r#""total":"50.00""#));
/// session.set("deals", Some("3"))?;
/// assert!(session.card_json().contains(r#""total":"75.00""#));
/// assert_eq!(session.actual("deals")?, Some("3".parse()?));
/// let err = session.set("deals", Some("three")).unwrap_err();
/// assert_eq!(err.problems()[0].path, "/actuals/deals");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct WhatIf {
    plan: Plan,
    subject: SubjectInput,
}

impl WhatIf {
    /// A session from the JSON text of one subject object of the input format
    /// (`{"id", "actuals", ...}`); error paths point into that object.
    pub fn from_json(plan: &Plan, subject: &str) -> Result<WhatIf, Error> {
        let value = parse(subject).map_err(|e| {
            input_error(
                String::new(),
                Code::InvalidJson,
                format!("not valid JSON: {e}"),
            )
        })?;
        WhatIf::from_json_value(plan, value)
    }

    /// As [`WhatIf::from_json`], from a subject object the host parsed as a
    /// `serde_json::Value`. Numbers are taken as their `to_string()`: exact only
    /// when the host enabled serde_json's `arbitrary_precision` feature (see
    /// [`Input::from_value`]); prefer the text form for exact numbers.
    pub fn from_value(plan: &Plan, subject: &serde_json::Value) -> Result<WhatIf, Error> {
        WhatIf::from_json_value(plan, Json::from_serde(subject))
    }

    fn from_json_value(plan: &Plan, subject: Json) -> Result<WhatIf, Error> {
        let document = Json::Object(Map::from_entries(vec![(
            "subjects".to_string(),
            Json::Array(vec![subject]),
        )]));
        let input =
            Input::from_json_value(plan, &document).map_err(|e| rebase(e, "/subjects/0"))?;
        let subject = input
            .subjects()
            .first()
            .cloned()
            .ok_or_else(|| input_error(String::new(), Code::MissingField, "no subject"))?;
        Ok(WhatIf {
            plan: plan.clone(),
            subject,
        })
    }

    /// The subject's id.
    pub fn subject_id(&self) -> &str {
        self.subject.id()
    }

    /// Set an indicator's actual from decimal text, or clear it (no data) with
    /// `None`. A refused value leaves the session as it was.
    pub fn set(&mut self, indicator: &str, value: Option<&str>) -> Result<(), Error> {
        let index = self.index(indicator)?;
        let decimal = match value {
            None => None,
            Some(text) => Some(crate::util::number::parse_decimal(text).map_err(
                |(code, message)| input_error(join("/actuals", indicator), code, message),
            )?),
        };
        self.subject.set_actual_at(index, decimal);
        Ok(())
    }

    /// The current actual of an indicator (`None`: no data).
    pub fn actual(&self, indicator: &str) -> Result<Option<Decimal>, Error> {
        Ok(self.subject.actual_at(self.index(indicator)?))
    }

    /// The subject's scorecard (no rank; *what it takes* on) as canonical JSON text.
    pub fn card_json(&self) -> String {
        let card = self.plan.score_one(&self.subject, true);
        self.plan.card_json(&card)
    }

    /// The same scorecard's preview ([`Plan::preview_json`]: the figures a live view
    /// redraws) as JSON text.
    pub fn preview_json(&self) -> String {
        let card = self.plan.score_one(&self.subject, true);
        self.plan.preview_json(&card)
    }

    fn index(&self, indicator: &str) -> Result<usize, Error> {
        self.plan.indicator_index(indicator).ok_or_else(|| {
            input_error(
                join("/actuals", indicator),
                Code::UnknownIndicator,
                format!("no indicator {indicator:?} in the plan"),
            )
        })
    }
}

fn input_error(path: String, code: Code, message: impl Into<String>) -> Error {
    Error::Input(vec![Problem::new(path, code, message)])
}

/// The same error with `prefix` taken off every path: the subject is read as the
/// only subject of an input document, but its paths point into the subject object.
fn rebase(e: Error, prefix: &str) -> Error {
    let problems: Vec<Problem> = e
        .problems()
        .iter()
        .map(|p| {
            Problem::new(
                p.path.strip_prefix(prefix).unwrap_or(&p.path),
                p.code,
                p.message.as_str(),
            )
        })
        .collect();
    match e.kind() {
        ErrorKind::Plan => Error::Plan(problems),
        ErrorKind::Input => Error::Input(problems),
    }
}
