//! Python objects ↔ JSON values. Plans and input documents given as dicts go into the
//! core as `serde_json::Value`s (numbers keep their text, so no binary float is ever
//! read as a decimal); results and explanations come back as dicts whose decimals are
//! `decimal.Decimal`.

use attain::{Code, Decimal, Problem, DECIMAL_KEYS, TEXT_KEYS};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};
use serde_json::{Map, Number, Value};

use crate::text::text_or_why;

/// Ints of more bits than this (about 600 digits) are refused without being written
/// as text: below the 640 digits every interpreter can write, far above the core's
/// 15 integer digits.
const MAX_INT_BITS: u64 = 2000;

/// Deepest nesting of dicts and lists read from Python (a plan needs about 20).
const MAX_NESTING: usize = 64;

static DECIMAL: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// The `decimal.Decimal` class.
pub fn decimal_class(py: Python<'_>) -> PyResult<&Bound<'_, PyType>> {
    DECIMAL.import(py, "decimal", "Decimal")
}

/// A Python `Decimal` from decimal text (`"87.50"`).
pub fn py_decimal<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    decimal_class(py)?.call1((text,))
}

/// A Python `Decimal` with exactly `scale` digits after the point (the core's
/// result text, for figures of any size).
pub fn py_decimal_at<'py>(py: Python<'py>, d: Decimal, scale: u32) -> PyResult<Bound<'py, PyAny>> {
    py_decimal(py, &crate::scaled::text(d, scale))
}

/// A JSON pointer one key deeper (`~` and `/` escaped): the core's rule.
pub use attain::pointer_join as join;

/// The text of an f64 that reads back as the same f64, shortest form (`1234.56`,
/// never `1234.5599999…`). Non-finite values give `NaN` / `inf` / `-inf`, which
/// the core refuses as `not_finite`.
pub fn float_text(f: f64) -> String {
    format!("{f}")
}

/// Reads Python values into JSON, collecting what cannot be read.
pub struct ToValue {
    /// Refuse binary floats (`strict=True`).
    pub strict: bool,
    /// Round binary floats half-even to this many places (`float_digits=`).
    pub digits: Option<u32>,
    pub problems: Vec<Problem>,
}

impl ToValue {
    /// A reader with the float rules of a call.
    pub fn with_floats(floats: crate::floats::Floats) -> ToValue {
        let mut reader = ToValue::new(floats.strict);
        reader.digits = floats.digits;
        reader
    }

    pub fn new(strict: bool) -> ToValue {
        ToValue {
            strict,
            digits: None,
            problems: Vec::new(),
        }
    }

    fn refuse(&mut self, path: &str, code: Code, message: String) -> Value {
        self.problems.push(Problem {
            path: path.to_string(),
            code,
            message,
        });
        Value::Null
    }

    /// Convert `obj` found at `path`.
    pub fn value(&mut self, obj: &Bound<'_, PyAny>, path: &str, depth: usize) -> PyResult<Value> {
        let py = obj.py();
        if obj.is_none() {
            return Ok(Value::Null);
        }
        if let Ok(b) = obj.cast::<PyBool>() {
            return Ok(Value::Bool(b.is_true()));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(match text_or_why(s)? {
                Ok(t) => Value::String(t),
                Err(why) => self.refuse(path, Code::InvalidValue, why),
            });
        }
        if obj.cast::<PyInt>().is_ok() {
            return self.int(obj, path);
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Ok(self.float(f.value(), path));
        }
        if obj.is_instance(decimal_class(py)?)? {
            return Ok(number_or_text(obj.str()?.to_cow()?.as_ref()));
        }
        if depth >= MAX_NESTING {
            return Ok(self.refuse(
                path,
                Code::TooDeep,
                format!("nested deeper than {MAX_NESTING} levels"),
            ));
        }
        if let Ok(d) = obj.cast::<PyDict>() {
            let mut map = Map::with_capacity(d.len());
            for (k, v) in d.iter() {
                let Ok(key) = k.cast::<PyString>() else {
                    let shown = k.repr().map(|r| r.to_string()).unwrap_or_default();
                    self.refuse(
                        path,
                        Code::WrongType,
                        format!("key {shown} is not a string"),
                    );
                    continue;
                };
                let key = match text_or_why(key)? {
                    Ok(key) => key,
                    Err(why) => {
                        let shown = k.repr().map(|r| r.to_string()).unwrap_or_default();
                        self.refuse(path, Code::InvalidValue, format!("key {shown}: {why}"));
                        continue;
                    }
                };
                let kp = join(path, &key);
                let v = self.value(&v, &kp, depth + 1)?;
                map.insert(key, v);
            }
            return Ok(Value::Object(map));
        }
        if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
            let mut items = Vec::new();
            for (i, item) in obj.try_iter()?.enumerate() {
                let item = item?;
                items.push(self.value(&item, &format!("{path}/{i}"), depth + 1)?);
            }
            return Ok(Value::Array(items));
        }
        // numpy scalars and other numbers that are not int/float subclasses.
        let module = obj
            .get_type()
            .module()
            .map(|m| m.to_string())
            .unwrap_or_default();
        if module == "numpy" {
            if obj.hasattr("is_integer")?
                && obj.hasattr("__float__")?
                && !obj.hasattr("__index__")?
            {
                // numpy prints a float32/float64 in its shortest round-trip form.
                let text = obj.str()?.to_cow()?.into_owned();
                if self.strict {
                    return Ok(self.refuse(
                        path,
                        Code::WrongType,
                        format!("{text} is a binary float, refused in strict mode: give a Decimal or a string"),
                    ));
                }
                return Ok(self.float_value(&text, path));
            }
            if obj.hasattr("__index__")? {
                let i = obj.call_method0("__index__")?;
                return self.int(&i, path);
            }
            if obj.hasattr("item")? {
                let item = obj.call_method0("item")?;
                return self.value(&item, path, depth + 1);
            }
        }
        let type_name = obj
            .get_type()
            .qualname()
            .map(|n| n.to_string())
            .unwrap_or_default();
        Ok(self.refuse(
            path,
            Code::WrongType,
            format!("a {type_name} cannot be read: use str, int, Decimal, float, bool, None, dict or list"),
        ))
    }

    /// A Python int as a JSON number of its digits. One too long to be written as
    /// text by every interpreter (`sys.set_int_max_str_digits` allows down to 640
    /// digits) is far beyond any limit of the core's: it is refused here as
    /// `number_out_of_range`, never as the interpreter's `ValueError`.
    fn int(&mut self, obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
        let bits: u64 = obj.call_method0("bit_length")?.extract()?;
        if bits > MAX_INT_BITS {
            let digits = (bits as f64 * std::f64::consts::LOG10_2) as u64;
            return Ok(self.refuse(
                path,
                Code::NumberOutOfRange,
                format!(
                    "an integer of about {digits} digits: the absolute value must be below 10^{}",
                    attain::limits::MAX_INTEGER_DIGITS
                ),
            ));
        }
        Ok(number_or_text(obj.str()?.to_cow()?.as_ref()))
    }

    fn float(&mut self, f: f64, path: &str) -> Value {
        if self.strict {
            return self.refuse(
                path,
                Code::WrongType,
                format!(
                    "{} is a binary float, refused in strict mode: give a Decimal or a string",
                    float_text(f)
                ),
            );
        }
        self.float_value(&float_text(f), path)
    }

    /// A float's shortest text as a JSON value: rounded to `digits` places when
    /// asked, else refused with how to round it when it has more places than the
    /// core reads (a computed `66.66666666666666`); other refusals are the core's.
    fn float_value(&mut self, text: &str, path: &str) -> Value {
        if let Some(n) = self.digits {
            if let Some(d) = crate::floats::rounded(text, n) {
                return number_or_text(&d.to_string());
            }
        } else if let Err((code @ Code::TooManyDigits, message)) = attain::parse_decimal(text) {
            let (code, message) = crate::floats::with_hint(code, message);
            return self.refuse(path, code, message);
        }
        number_or_text(text)
    }
}

/// A JSON number holding exactly `text` when it is one, else the text as a string
/// (`NaN`, `Infinity`): the core then refuses it with the right code and path.
fn number_or_text(text: &str) -> Value {
    match serde_json::from_str::<Number>(text) {
        Ok(n) => Value::Number(n),
        Err(_) => Value::String(text.to_string()),
    }
}

/// A JSON value as Python objects. With `decimals`, the strings of result keys that
/// hold decimals (the core's `DECIMAL_KEYS`, not below its `TEXT_KEYS`) become
/// `decimal.Decimal`; other numbers become int, or Decimal when
/// they have a fraction.
pub fn to_py<'py>(py: Python<'py>, v: &Value, decimals: bool) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                py_decimal(py, &n.to_string())?
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item, decimals)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, item) in map {
                let value = match item {
                    Value::String(s) if decimals && DECIMAL_KEYS.contains(&k.as_str()) => {
                        py_decimal(py, s)?
                    }
                    _ => to_py(py, item, decimals && !TEXT_KEYS.contains(&k.as_str()))?,
                };
                dict.set_item(k, value)?;
            }
            dict.into_any()
        }
    })
}
