//! The run's entry points: facts as bytes, a reader opened twice, a run document,
//! or columns.

use crate::error::{Code, Error, Problem};
use crate::run::engine::two_passes;
use crate::run::facts::columns::FactBatch;
use crate::run::facts::FactsFormat;
use crate::run::result::RunResult;
use crate::run::setup::RunSetup;
use crate::run::source::{ColumnSource, FileSource};
use crate::util::json::{parse, Json};
use std::io::Read;

/// Run over facts given as bytes (a whole CSV or JSON Lines file).
pub fn run_bytes(setup: &RunSetup, format: FactsFormat, facts: &[u8]) -> Result<RunResult, Error> {
    run(setup, format, || Ok(facts))
}

/// Run a whole run document, facts included as `{"format": "csv", "text": "…"}`;
/// returns the canonical run result text. The one-call form of the bindings.
pub fn run_json(document: &str) -> Result<String, Error> {
    let v = parse(document).map_err(|e| {
        Error::Input(vec![Problem::new(
            "",
            Code::InvalidJson,
            format!("not valid JSON: {e}"),
        )])
    })?;
    let setup = RunSetup::from_json_value(&v)?;
    let facts = v.get("facts");
    let format = facts.and_then(|f| f.get("format")).and_then(Json::as_str);
    let text = facts.and_then(|f| f.get("text")).and_then(Json::as_str);
    run_facts(&setup, format, text).map(|r| r.to_json())
}

/// As [`run_json`], from a document the host parsed as a `serde_json::Value`.
///
/// Kept for compatibility. Numbers are taken as their `to_string()`: exactly as
/// written when the host enabled serde_json's `arbitrary_precision` feature,
/// otherwise the shortest text of the `f64` serde_json read. For exact numbers,
/// prefer [`run_json`] with the text (or decimals given as strings).
pub fn run_value(v: &serde_json::Value) -> Result<RunResult, Error> {
    let setup = RunSetup::from_value(v)?;
    let facts = v.get("facts");
    let format = facts
        .and_then(|f| f.get("format"))
        .and_then(serde_json::Value::as_str);
    let text = facts
        .and_then(|f| f.get("text"))
        .and_then(serde_json::Value::as_str);
    run_facts(&setup, format, text)
}

/// Run over a document's facts (CSV unless `format` names another).
fn run_facts(
    setup: &RunSetup,
    format: Option<&str>,
    text: Option<&str>,
) -> Result<RunResult, Error> {
    let format = format.map_or(Some(FactsFormat::Csv), FactsFormat::from_name);
    let format = format.ok_or_else(|| {
        Error::Input(vec![Problem::new(
            "/facts/format",
            Code::InvalidValue,
            "facts format is csv or jsonl",
        )])
    })?;
    run_bytes(setup, format, text.unwrap_or("").as_bytes())
}

/// Run over facts read from a source that can be opened twice (a file).
pub fn run<R: Read>(
    setup: &RunSetup,
    format: FactsFormat,
    open: impl FnMut() -> std::io::Result<R>,
) -> Result<RunResult, Error> {
    two_passes(
        setup,
        &mut FileSource {
            format,
            open,
            threads: crate::util::threads::count(setup.threads),
            chunk_bytes: setup.chunk_bytes,
        },
    )
}

/// Run over facts given as columns of text (an Arrow table's, say), in batches
/// with the same columns. Rows are numbered as the lines of the CSV file the
/// batches would make: the first row is line 2.
///
/// ```
/// use attain::run::{run_columns, FactBatch, Offsets, RunSetup, TextColumn};
///
/// let setup = RunSetup::from_value(&serde_json::json!({
///   "plans": [{"id": "ae", "name": "AE", "version": "1",
///     "indicators": [{"id": "won", "name": "赢单数", "unit": {"kind": "count"},
///       "direction": "higher_is_better", "target": {"value": 2},
///       "curve": {"kind": "ratio", "cap": 150},
///       "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
///     "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
///   "roster": [{"subject": "wang"}],
///   "period": "2026-07"
/// }))?;
/// // Three columns of two rows, as an Arrow table's string columns lay them out.
/// let id = TextColumn::new("id", b"d1d2", Offsets::Narrow(&[0, 2, 4]), None)?;
/// let subject = TextColumn::new("subject", b"wangwang", Offsets::Narrow(&[0, 4, 8]), None)?;
/// let kind = TextColumn::new("type", b"dealdeal", Offsets::Narrow(&[0, 4, 8]), None)?;
/// let won_at = TextColumn::new("won_at", b"2026-07-012026-08-01", Offsets::Narrow(&[0, 10, 20]), None)?;
/// let batch = FactBatch::new(vec![id, subject, kind, won_at])?;
/// let result = run_columns(&setup, &[batch])?;
/// let ledger = result.ledger();
/// assert_eq!((ledger.used, ledger.outside), (1, 1));
/// assert_eq!(result.to_value()["results"][0]["subjects"][0]["total"], "50.00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn run_columns(setup: &RunSetup, batches: &[FactBatch<'_>]) -> Result<RunResult, Error> {
    two_passes(
        setup,
        &mut ColumnSource {
            batches,
            threads: crate::util::threads::count(setup.threads),
        },
    )
}
