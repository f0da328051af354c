//! Fact rows from CSV or JSON Lines, read one at a time: only the fields the plans
//! name are looked at; numbers stay text until a measure reads them exactly.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::io::Read;

/// The format of a facts file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

/// The field names a run reads, each with a position.
#[derive(Debug, Default)]
pub(crate) struct FieldTable {
    pub names: Vec<String>,
    pub index: HashMap<String, usize>,
}

impl FieldTable {
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
    pub message: String,
}

pub(crate) fn hash64(parts: &[&[u8]], seed: u64) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    seed.hash(&mut h);
    for p in parts {
        p.hash(&mut h);
    }
    h.finish()
}

/// Read every row, calling `visit` with each (or with why it could not be read).
pub(crate) fn scan<R: Read>(
    format: FactsFormat,
    reader: R,
    table: &FieldTable,
    mut visit: impl FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    match format {
        FactsFormat::Csv => scan_csv(reader, table, &mut visit),
        FactsFormat::JsonLines => scan_jsonl(reader, table, &mut visit),
    }
}

fn scan_csv<R: Read>(
    reader: R,
    table: &FieldTable,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(reader);
    let headers = rdr
        .byte_headers()
        .map_err(|e| format!("the CSV header cannot be read: {e}"))?
        .clone();
    // Column of each named field (None when the file has no such column).
    let columns: Vec<Option<usize>> = table
        .names
        .iter()
        .map(|n| headers.iter().position(|h| h == n.as_bytes()))
        .collect();
    let mut record = csv::ByteRecord::new();
    loop {
        match rdr.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                let content = {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    for f in record.iter() {
                        f.hash(&mut h);
                    }
                    h.finish()
                };
                let mut fields: Vec<Option<&str>> = Vec::with_capacity(columns.len());
                let mut bad = None;
                for c in &columns {
                    let v = match c.and_then(|c| record.get(c)) {
                        None => None,
                        Some(b) => match std::str::from_utf8(b) {
                            Ok("") => None,
                            Ok(s) => Some(s),
                            Err(_) => {
                                bad = Some("a field is not valid UTF-8 text".to_string());
                                None
                            }
                        },
                    };
                    fields.push(v);
                }
                match bad {
                    Some(message) => visit(Err(BadRow { line, message })),
                    None => visit(Ok(Row {
                        line,
                        fields: &fields,
                        content,
                    })),
                }
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                visit(Err(BadRow {
                    line,
                    message: format!("the CSV row cannot be read: {e}"),
                }));
                if !matches!(
                    e.kind(),
                    csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                ) {
                    return Err(format!("the CSV cannot be read past line {line}: {e}"));
                }
            }
        }
    }
    Ok(())
}

/// The text of a JSON value as a fact field: strings as they are, numbers exactly
/// as written, booleans `true`/`false`, null absent.
fn json_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) if s.is_empty() => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A canonical text of a JSON value: object keys sorted, so that two rows with the
/// same fields in another order have the same content.
fn canonical(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for k in keys {
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(x) = m.get(k) {
                    canonical(x, out);
                }
                out.push(',');
            }
            out.push('}');
        }
        serde_json::Value::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

fn scan_jsonl<R: Read>(
    reader: R,
    table: &FieldTable,
    visit: &mut dyn FnMut(Result<Row<'_>, BadRow>),
) -> Result<(), String> {
    use std::io::BufRead;
    let buf = std::io::BufReader::new(reader);
    let mut owned: Vec<Option<String>> = Vec::with_capacity(table.names.len());
    for (i, line) in buf.split(b'\n').enumerate() {
        let line_no = i as u64 + 1;
        let bytes =
            line.map_err(|e| format!("the facts cannot be read past line {line_no}: {e}"))?;
        let Ok(text) = std::str::from_utf8(&bytes) else {
            visit(Err(BadRow {
                line: line_no,
                message: "the line is not valid UTF-8 text".into(),
            }));
            continue;
        };
        if text.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(text) {
            Ok(v @ serde_json::Value::Object(_)) => v,
            Ok(_) => {
                visit(Err(BadRow {
                    line: line_no,
                    message: "the line is not a JSON object".into(),
                }));
                continue;
            }
            Err(e) => {
                visit(Err(BadRow {
                    line: line_no,
                    message: format!("the line is not valid JSON: {e}"),
                }));
                continue;
            }
        };
        let mut canon = String::with_capacity(text.len());
        canonical(&value, &mut canon);
        let content = hash64(&[canon.as_bytes()], 0);
        owned.clear();
        owned.extend(table.names.iter().map(|n| value.get(n).and_then(json_text)));
        let fields: Vec<Option<&str>> = owned.iter().map(|o| o.as_deref()).collect();
        visit(Ok(Row {
            line: line_no,
            fields: &fields,
            content,
        }));
    }
    Ok(())
}
