//! Runs: plans + roster + facts + period → every person's and team's scorecard,
//! and a [`Ledger`] that accounts for every fact row.
//!
//! Set a run up with [`RunSetup`] (plans, roster, targets, the [`Period`]), then
//! hand it the facts: a reader opened twice ([`run`]), bytes ([`run_bytes`]),
//! columns of text such as an Arrow table's ([`run_columns`] with [`FactBatch`]),
//! or a whole run document ([`run_json`], [`run_value`]). The result is a
//! [`RunResult`]: the canonical run document (`docs/FORMAT.md`, "Run result").
//!
//! Inside, facts are read twice: the first pass indexes fact ids (duplicates and
//! conflicts whatever the row order), the second selects what each measure reads
//! and accumulates it; then every plan's subjects and teams are scored.

pub use crate::plan::calendar::{parse_date, Calendar, When};
pub use entry::{run, run_bytes, run_columns, run_json, run_value};
pub use facts::columns::{FactBatch, Offsets, TextColumn};
pub use facts::FactsFormat;
pub use ledger::Ledger;
pub use period::Period;
pub use result::RunResult;
pub use roster::csv_rows;
pub use setup::RunSetup;

pub(crate) mod accumulate;
pub(crate) mod assemble;
pub(crate) mod engine;
pub(crate) mod entry;
pub(crate) mod facts;
pub(crate) mod id_index;
pub(crate) mod ledger;
pub(crate) mod pace;
pub(crate) mod period;
pub(crate) mod points;
pub(crate) mod result;
pub(crate) mod roster;
pub(crate) mod select;
pub(crate) mod setup;
pub(crate) mod source;
pub(crate) mod teams;
