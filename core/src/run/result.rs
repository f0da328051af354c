//! What a run gives back: the canonical run document, its ledger and the scorecards.

use crate::run::ledger::Ledger;
use crate::score::results::Results;
use serde_json::Value;

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct RunResult {
    pub(super) json: String,
    pub(super) value: std::sync::OnceLock<Value>,
    pub(super) ledger: Ledger,
    pub(super) results: Vec<Results>,
}

impl RunResult {
    /// The canonical run document (read from its text on first use). Its keys are in
    /// canonical order only when the host enabled serde_json's `preserve_order`
    /// (sorted otherwise); [`RunResult::to_json`] gives the canonical bytes.
    pub fn to_value(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(&self.json).unwrap_or(Value::Null))
    }

    /// The canonical run document as compact JSON text.
    pub fn to_json(&self) -> String {
        self.json.clone()
    }

    /// The canonical run document's text, borrowed.
    pub fn json(&self) -> &str {
        &self.json
    }

    /// How every fact row read was accounted for.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// The scorecards, one `Results` per plan (sorted by plan id).
    pub fn results(&self) -> &[Results] {
        &self.results
    }
}
