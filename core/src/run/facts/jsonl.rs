//! JSON Lines facts: one object a line, its content hashed in a canonical form.

use super::{BadRow, FieldTable, Row};
use crate::util::hash::hash64;
use crate::util::json::{parse, Json};
use std::io::Read;

/// The text of a JSON value as a fact field: strings as they are, numbers exactly
/// as written, booleans `true`/`false`, null absent.
pub(super) fn json_text(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) if s.is_empty() => None,
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.clone()),
        other => Some(other.to_text()),
    }
}

/// A canonical text of a JSON value: object keys sorted, so that two rows with the
/// same fields in another order have the same content.
pub(super) fn canonical(v: &Json, out: &mut String) {
    match v {
        Json::Object(m) => {
            let mut members: Vec<(&String, &Json)> = m.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (k, x) in members {
                out.push_str(&Json::String(k.clone()).to_text());
                out.push(':');
                canonical(x, out);
                out.push(',');
            }
            out.push('}');
        }
        Json::Array(a) => {
            out.push('[');
            for x in a {
                canonical(x, out);
                out.push(',');
            }
            out.push(']');
        }
        Json::Number(n) => out.push_str(n),
        other => out.push_str(&other.to_text()),
    }
}

pub(super) fn scan_jsonl<R: Read>(
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
            visit(Err(BadRow { line: line_no }));
            continue;
        };
        let text = if i == 0 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        if text.trim().is_empty() {
            continue;
        }
        let value = match parse(text) {
            Ok(v @ Json::Object(_)) => v,
            Ok(_) => {
                visit(Err(BadRow { line: line_no }));
                continue;
            }
            Err(_) => {
                visit(Err(BadRow { line: line_no }));
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
