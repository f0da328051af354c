//! attain for the browser: the raw wasm-bindgen layer.
//!
//! A phrasebook over the core: JSON text in, the core's call, canonical JSON text out.
//! Every refusal becomes a JS `Error` whose message is the shared error document
//! (`{"error": "plan" | "input", "problems": [{"path", "code", "message"}]}`, see
//! `docs/FORMAT.md`); the JS wrapper (`js/index.js`) turns it into an `AttainError`
//! and is the public API: `RawPlan` / `RawWhatIf` are not meant to be used directly.
//!
//! Nothing here may panic: on `wasm32-unknown-unknown` a panic aborts the call with a
//! trap, so every fallible step returns an error instead.

use attain::{Code, Error, ErrorKind, Input, Plan, Problem, SubjectInput};
use serde_json::Value;
use wasm_bindgen::prelude::*;

/// The error document as a JS `Error` (message = the JSON text).
fn js_error(e: &Error) -> JsError {
    JsError::new(&e.to_json_value().to_string())
}

fn input_error(path: String, code: Code, message: String) -> Error {
    Error::Input(vec![Problem::new(path, code, message)])
}

/// A JSON pointer token (`~` → `~0`, `/` → `~1`).
fn pointer(parent: &str, key: &str) -> String {
    format!("{parent}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// The same error with `prefix` taken off every path: a what-if subject is read as the
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

/// A validated plan (raw layer; use `Plan` from `js/index.js`).
#[wasm_bindgen(js_name = RawPlan)]
pub struct WasmPlan {
    plan: Plan,
}

#[wasm_bindgen(js_class = RawPlan)]
impl WasmPlan {
    /// Parse and validate a plan from its JSON text.
    #[wasm_bindgen(constructor)]
    pub fn new(text: &str) -> Result<WasmPlan, JsError> {
        Plan::from_json(text)
            .map(|plan| WasmPlan { plan })
            .map_err(|e| js_error(&e))
    }

    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.plan.id().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.plan.name().to_string()
    }

    #[wasm_bindgen(getter)]
    pub fn version(&self) -> String {
        self.plan.version().to_string()
    }

    /// Digits after the point of every decimal in a result.
    #[wasm_bindgen(getter)]
    pub fn scale(&self) -> u32 {
        self.plan.scale()
    }

    /// Indicator ids in plan order.
    #[wasm_bindgen(js_name = indicatorIds)]
    pub fn indicator_ids(&self) -> Vec<String> {
        self.plan.indicator_ids().map(str::to_string).collect()
    }

    /// The plan as JSON text (normalised: decimals as strings, defaults filled).
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> String {
        self.plan.to_json()
    }

    /// Input JSON text → canonical result JSON text.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self, input: &str) -> Result<String, JsError> {
        self.plan.score_json(input).map_err(|e| js_error(&e))
    }

    /// One subject's scorecard, ranked among the input's subjects and with *what it
    /// takes* computed, as canonical JSON text; `undefined` when the input has no
    /// such subject.
    #[wasm_bindgen(js_name = explainJson)]
    pub fn explain_json(&self, input: &str, subject: &str) -> Result<Option<String>, JsError> {
        let input = Input::from_json(&self.plan, input)
            .map_err(|e| js_error(&e))?
            .with_what_it_takes(true);
        let results = self.plan.score(&input).map_err(|e| js_error(&e))?;
        Ok(results
            .subject(subject)
            .map(|card| self.plan.card_json(card)))
    }

    /// A what-if session for one subject, from the JSON text of a subject object of
    /// the input format (`{"id", "actuals", ...}`).
    #[wasm_bindgen(js_name = whatIf)]
    pub fn what_if(&self, subject: &str) -> Result<WasmWhatIf, JsError> {
        let value: Value = serde_json::from_str(subject).map_err(|e| {
            js_error(&input_error(
                String::new(),
                Code::InvalidJson,
                format!("not valid JSON: {e}"),
            ))
        })?;
        let document = serde_json::json!({ "subjects": [value] });
        let input = Input::from_value(&self.plan, &document)
            .map_err(|e| js_error(&rebase(e, "/subjects/0")))?;
        let subject = input.subjects().first().cloned().ok_or_else(|| {
            js_error(&input_error(
                String::new(),
                Code::MissingField,
                "no subject".to_string(),
            ))
        })?;
        Ok(WasmWhatIf {
            plan: self.plan.clone(),
            subject,
        })
    }
}

/// One subject whose actuals can be changed and re-scored at once (raw layer; use
/// `plan.whatIf()` from `js/index.js`).
#[wasm_bindgen(js_name = RawWhatIf)]
pub struct WasmWhatIf {
    plan: Plan,
    subject: SubjectInput,
}

#[wasm_bindgen(js_class = RawWhatIf)]
impl WasmWhatIf {
    /// Set an indicator's actual from decimal text, or clear it (no data) with `undefined`.
    pub fn set(&mut self, indicator: &str, value: Option<String>) -> Result<(), JsError> {
        let Some(index) = self.plan.indicator_index(indicator) else {
            return Err(js_error(&input_error(
                pointer("/actuals", indicator),
                Code::UnknownIndicator,
                format!("no indicator {indicator:?} in the plan"),
            )));
        };
        let decimal = match value {
            None => None,
            Some(text) => Some(attain::parse_decimal(&text).map_err(|(code, message)| {
                js_error(&input_error(pointer("/actuals", indicator), code, message))
            })?),
        };
        self.subject.set_actual_at(index, decimal);
        Ok(())
    }

    /// The current actual of an indicator as decimal text (`undefined`: no data).
    pub fn actual(&self, indicator: &str) -> Result<Option<String>, JsError> {
        let Some(index) = self.plan.indicator_index(indicator) else {
            return Err(js_error(&input_error(
                pointer("/actuals", indicator),
                Code::UnknownIndicator,
                format!("no indicator {indicator:?} in the plan"),
            )));
        };
        Ok(self.subject.actual_at(index).map(|d| d.to_string()))
    }

    /// The subject's scorecard (no rank; *what it takes* on) as canonical JSON text.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self) -> String {
        let card = self.plan.score_one(&self.subject, true);
        self.plan.card_json(&card)
    }

    /// The same scorecard's what-if preview (the core's `Plan::preview_json`: the
    /// figures a live view redraws, in about half the text) as JSON text.
    #[wasm_bindgen(js_name = previewJson)]
    pub fn preview_json(&self) -> String {
        let card = self.plan.score_one(&self.subject, true);
        self.plan.preview_json(&card)
    }
}
