//! Python `str` → Rust text. A Python string may hold lone surrogates (`"\ud800"`),
//! which are not Unicode scalar values and have no UTF-8 form: such a string is
//! refused with the binding's typed error and the place of the surrogate, never a
//! `UnicodeEncodeError`.

use crate::errors::to_py_err;
use attain::{Code, Error, ErrorKind, Problem};
use pyo3::exceptions::{PyKeyError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PySlice, PyString};

/// The first lone surrogate of `s`: its character index and code point.
fn lone_surrogate(s: &Bound<'_, PyString>) -> PyResult<Option<(usize, u32)>> {
    let wide = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes = wide.cast::<PyBytes>()?.as_bytes();
    Ok(bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .enumerate()
        .find(|(_, c)| (0xD800..=0xDFFF).contains(c)))
}

/// Why `s` is not text (it has a lone surrogate), with the character where it is
/// and, for multi-line text, its line and column.
fn why_not_text(s: &Bound<'_, PyString>, lines: bool) -> PyResult<String> {
    let Some((index, code)) = lone_surrogate(s)? else {
        return Ok("not Unicode text".to_string());
    };
    let place = if lines {
        // Lines and columns from 1, counted in characters up to the surrogate.
        let head = PySlice::new(s.py(), 0, isize::try_from(index).unwrap_or(isize::MAX), 1);
        let before = s.get_item(head)?.cast_into::<PyString>()?;
        let before = before.to_cow()?; // no surrogate before the first one
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("at line {line} column {column}")
    } else {
        format!("at character {index}")
    };
    Ok(format!(
        "not Unicode text: a lone surrogate U+{code:04X} {place} (a str that cannot be UTF-8)"
    ))
}

/// The text of `s`, or the message saying where it is not text.
pub fn text_or_why(s: &Bound<'_, PyString>) -> PyResult<Result<String, String>> {
    match s.to_cow() {
        Ok(t) => Ok(Ok(t.into_owned())),
        Err(_) => Ok(Err(why_not_text(s, false)?)),
    }
}

/// JSON text given as a `str` (a plan, an input or run document): a lone surrogate
/// is `invalid_json` at the document's root, with its line and column, as any other
/// text that is not JSON.
pub fn json_text(s: &Bound<'_, PyString>, kind: ErrorKind) -> PyResult<String> {
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => {
            let problem = Problem::new("", Code::InvalidJson, why_not_text(s, true)?);
            let error = match kind {
                ErrorKind::Plan => Error::Plan(vec![problem]),
                ErrorKind::Input => Error::Input(vec![problem]),
            };
            Err(to_py_err(s.py(), &error))
        }
    }
}

/// A key to look up (a subject or plan id): one that cannot be text names nothing,
/// so it is a `KeyError`, as any other unknown key.
pub fn lookup_key(s: &Bound<'_, PyString>) -> PyResult<String> {
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => Err(PyKeyError::new_err(s.clone().unbind())),
    }
}

/// A keyword argument that names an option (`layout`, `format`): one that cannot be
/// text is no option's name (`ValueError`, as any unknown name).
pub fn option_text(s: &Bound<'_, PyString>) -> PyResult<String> {
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => Err(PyValueError::new_err(format!(
            "{}: {}",
            s.repr()?,
            why_not_text(s, false)?
        ))),
    }
}

/// An input field name given as a `str` (an indicator id): one that cannot be text
/// is `invalid_value` at `parent`.
pub fn input_name(s: &Bound<'_, PyString>, parent: &str) -> PyResult<String> {
    match text_or_why(s)? {
        Ok(t) => Ok(t),
        Err(why) => Err(to_py_err(
            s.py(),
            &Error::Input(vec![Problem::new(parent, Code::InvalidValue, why)]),
        )),
    }
}

/// Facts given as a `str`: the bytes of the file it would be. A lone surrogate is
/// written as `surrogatepass` writes it (bytes that are not UTF-8), so the row
/// holding it is a `bad_row` of the ledger, as in a file with such bytes.
pub fn facts_bytes(s: &Bound<'_, PyString>) -> PyResult<Vec<u8>> {
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned().into_bytes()),
        Err(_) => {
            let raw = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
            Ok(raw.cast::<PyBytes>()?.as_bytes().to_vec())
        }
    }
}
