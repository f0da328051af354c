//! Fact rows from CSV or JSON Lines, read one at a time: only the fields the plans
//! name are looked at; numbers stay text until a measure reads them exactly.

pub(crate) mod columns;
mod csv;
mod csv_fields;
mod csv_records;
#[cfg(test)]
mod csv_tests;
mod jsonl;

use csv::scan_csv;
pub(crate) use csv::{scan_chunk, Chunk, CsvSource};
use jsonl::scan_jsonl;

use std::collections::HashMap;
use std::io::Read;

/// The format of a facts file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FactsFormat {
    /// Comma-separated, with a header row.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl FactsFormat {
    /// `csv`, `jsonl` / `ndjson` / `json`.
    pub fn from_name(name: &str) -> Option<FactsFormat> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(FactsFormat::Csv),
            "jsonl" | "ndjson" | "json" | "jsonlines" => Some(FactsFormat::JsonLines),
            _ => None,
        }
    }

    /// The format a file's name implies: `.csv`, or `.jsonl` / `.ndjson` / `.json`
    /// (any case); `None` when the extension says neither.
    pub fn from_path(path: &std::path::Path) -> Option<FactsFormat> {
        path.extension()
            .and_then(|e| e.to_str())
            .and_then(FactsFormat::from_name)
    }
}

/// The field names a run reads, each with a position.
#[derive(Debug, Default)]
pub(crate) struct FieldTable {
    pub names: Vec<String>,
    pub index: HashMap<String, usize>,
    /// The id field: the only one the first pass (the id index) reads.
    pub id: Option<usize>,
    /// Fields every fact must have a column for (id, subject, and type when a
    /// measure selects by type): without one, no row could be read.
    pub required: Vec<usize>,
}

impl FieldTable {
    /// Why facts with these column names cannot be read: a required field has no
    /// column (a misnamed header is one problem, not one per row).
    pub fn missing_columns<'n>(
        &self,
        columns: impl Iterator<Item = &'n str> + Clone,
    ) -> Option<String> {
        let missing: Vec<&str> = self
            .required
            .iter()
            .filter_map(|&f| self.names.get(f))
            .map(String::as_str)
            .filter(|n| !columns.clone().any(|c| c == *n))
            .collect();
        if missing.is_empty() {
            return None;
        }
        let shown: Vec<&str> = columns.clone().take(12).collect();
        let more = if columns.count() > shown.len() {
            ", …"
        } else {
            ""
        };
        Some(format!(
            "the facts have no column {} (their columns: {}{more})",
            missing
                .iter()
                .map(|m| format!("{m:?}"))
                .collect::<Vec<_>>()
                .join(", "),
            shown.join(", ")
        ))
    }

    pub fn intern(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), self.names.len() - 1);
        self.names.len() - 1
    }
}

/// One row: its line and the named fields (None when absent or empty).
pub(crate) struct Row<'a> {
    pub line: u64,
    pub fields: &'a [Option<&'a str>],
    /// A hash of the whole row's content (every field, not only the named ones).
    pub content: u64,
}

impl Row<'_> {
    pub fn get(&self, field: usize) -> Option<&str> {
        self.fields.get(field).copied().flatten()
    }
}

/// A row that could not be read at all.
pub(crate) struct BadRow {
    pub line: u64,
}
/// Most fields a run may read from a fact (the plans' named fields).
pub const MAX_FACT_FIELDS: usize = 64;

/// Read every row, calling `visit` with each (or with why it could not be read).
/// In the `first_pass` (the id index) a row carries its content hash and its id
/// alone; in the second, every named field and no content hash.
pub(crate) fn scan<R: Read>(
    format: FactsFormat,
    reader: R,
    table: &FieldTable,
    first_pass: bool,
    mut visit: impl FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    match format {
        FactsFormat::Csv => scan_csv(reader, table, first_pass, &mut visit),
        FactsFormat::JsonLines => scan_jsonl(reader, table, &mut visit),
    }
}

pub(crate) use crate::util::hash::StrBuild;
