//! attain for the browser: the raw wasm-bindgen layer.
//!
//! A phrasebook over the core: JSON text in, the core's call, canonical JSON text out.
//! Every refusal becomes a JS `Error` whose message is the shared error document
//! (`{"error": "plan" | "input", "problems": [{"path", "code", "message"}]}`, see
//! `docs/FORMAT.md`); the JS wrapper (`js/index.js`, with the layer shared with
//! attain-node in `js/shared.js`) turns it into an `AttainError`
//! and is the public API: `RawPlan` / `RawWhatIf` are not meant to be used directly.
//!
//! Nothing here may panic: on `wasm32-unknown-unknown` a panic aborts the call with a
//! trap, so every fallible step returns an error instead. A trap all the same (a bug,
//! or memory running out) becomes an `AttainError` of kind `internal` in the JS layer,
//! which then makes a fresh instance of the module (`panics.rs`).

use attain::{Error, Plan, WhatIf};
use wasm_bindgen::prelude::*;

mod panics;

/// The error document as a JS `Error` (message = the JSON text).
fn js_error(e: &Error) -> JsError {
    JsError::new(&e.to_json())
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
        self.plan
            .explain_json(input, subject)
            .map_err(|e| js_error(&e))
    }

    /// A what-if session for one subject, from the JSON text of a subject object of
    /// the input format (`{"id", "actuals", ...}`).
    #[wasm_bindgen(js_name = whatIf)]
    pub fn what_if(&self, subject: &str) -> Result<WasmWhatIf, JsError> {
        let session = WhatIf::from_json(&self.plan, subject).map_err(|e| js_error(&e))?;
        Ok(WasmWhatIf { session })
    }
}

/// One subject whose actuals can be changed and re-scored at once (raw layer; use
/// `plan.whatIf()` from `js/index.js`).
#[wasm_bindgen(js_name = RawWhatIf)]
pub struct WasmWhatIf {
    session: WhatIf,
}

#[wasm_bindgen(js_class = RawWhatIf)]
impl WasmWhatIf {
    /// Set an indicator's actual from decimal text, or clear it (no data) with `undefined`.
    pub fn set(&mut self, indicator: &str, value: Option<String>) -> Result<(), JsError> {
        self.session
            .set(indicator, value.as_deref())
            .map_err(|e| js_error(&e))
    }

    /// The current actual of an indicator as decimal text (`undefined`: no data).
    pub fn actual(&self, indicator: &str) -> Result<Option<String>, JsError> {
        self.session
            .actual(indicator)
            .map(|d| d.map(|d| d.to_string()))
            .map_err(|e| js_error(&e))
    }

    /// The subject's scorecard (no rank; *what it takes* on) as canonical JSON text.
    #[wasm_bindgen(js_name = scoreJson)]
    pub fn score_json(&self) -> String {
        self.session.card_json()
    }

    /// The same scorecard's what-if preview (the core's `Plan::preview_json`: the
    /// figures a live view redraws, in about half the text) as JSON text.
    #[wasm_bindgen(js_name = previewJson)]
    pub fn preview_json(&self) -> String {
        self.session.preview_json()
    }
}
