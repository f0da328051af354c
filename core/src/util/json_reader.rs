//! A small reader over core's JSON value ([`Json`]) that keeps going after a problem, so a
//! document is refused with every problem it has, each at its JSON-pointer path.

use crate::error::{Code, Problem};
use crate::limits::{MAX_ID_LEN, MAX_NAME_CHARS};
use crate::util::json::{Json, Map};
use crate::util::number::parse_decimal;
use rust_decimal::Decimal;

/// Append `key` to a JSON pointer, escaping `~` and `/` (RFC 6901).
///
/// ```
/// assert_eq!(attain::pointer_join("/actuals", "a/b~c"), "/actuals/a~1b~0c");
/// ```
pub fn join(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + key.len() + 1);
    out.push_str(path);
    out.push('/');
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// Append an array index to a JSON pointer.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}/{i}")
}

fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Collects problems while a document is read.
#[derive(Default)]
pub(crate) struct Reader {
    pub problems: Vec<Problem>,
}

/// The fields of one JSON object, with its path.
pub(crate) struct Fields<'v> {
    pub map: &'v Map,
    pub path: String,
}

impl<'v> Fields<'v> {
    /// The value at `key`, unless absent or null.
    pub fn get(&self, key: &str) -> Option<(&'v Json, String)> {
        match self.map.get(key) {
            None | Some(Json::Null) => None,
            Some(v) => Some((v, join(&self.path, key))),
        }
    }

    pub fn at(&self, key: &str) -> String {
        join(&self.path, key)
    }

    pub fn has(&self, key: &str) -> bool {
        !matches!(self.map.get(key), None | Some(Json::Null))
    }
}

impl Reader {
    pub fn push(&mut self, path: impl Into<String>, code: Code, message: impl Into<String>) {
        self.problems.push(Problem::new(path, code, message));
    }

    /// An object whose keys must all be in `known`; reports the others as unknown.
    pub fn object<'v>(&mut self, v: &'v Json, path: &str, known: &[&str]) -> Option<Fields<'v>> {
        match v {
            Json::Object(map) => {
                for key in map.keys() {
                    if !known.contains(&key.as_str()) {
                        self.push(
                            join(path, key),
                            Code::UnknownField,
                            unknown_message("field", key, known),
                        );
                    }
                }
                Some(Fields {
                    map,
                    path: path.to_string(),
                })
            }
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected an object, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// An object used as a map from free keys to values.
    pub fn map<'v>(&mut self, v: &'v Json, path: &str) -> Option<&'v Map> {
        match v {
            Json::Object(map) => Some(map),
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected an object, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A required field: reports `missing_field` at the missing key.
    pub fn required<'v>(&mut self, f: &Fields<'v>, key: &str) -> Option<(&'v Json, String)> {
        let got = f.get(key);
        if got.is_none() {
            self.push(
                f.at(key),
                Code::MissingField,
                format!("missing field {key:?}"),
            );
        }
        got
    }

    pub fn array<'v>(&mut self, v: &'v Json, path: &str) -> Option<&'v [Json]> {
        match v {
            Json::Array(items) => Some(items),
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected an array, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A string, borrowed (for text too large to copy, a run's facts say).
    #[cfg_attr(not(feature = "run"), allow(dead_code))]
    pub fn str<'v>(&mut self, v: &'v Json, path: &str) -> Option<&'v str> {
        match v {
            Json::String(s) => Some(s),
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    pub fn string(&mut self, v: &Json, path: &str) -> Option<String> {
        match v {
            Json::String(s) => Some(s.clone()),
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected a string, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A display name: 1 to 200 characters.
    pub fn name(&mut self, v: &Json, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        let n = s.chars().count();
        if n == 0 || n > MAX_NAME_CHARS {
            self.push(
                path,
                Code::InvalidValue,
                format!("a name must have 1 to {MAX_NAME_CHARS} characters, this one has {n}"),
            );
            return None;
        }
        Some(s)
    }

    /// An id: `[A-Za-z0-9_.:-]{1,64}`.
    pub fn id(&mut self, v: &Json, path: &str) -> Option<String> {
        let s = self.string(v, path)?;
        if valid_id(&s) {
            Some(s)
        } else {
            self.push(
                path,
                Code::InvalidId,
                format!("{s:?} is not a valid id (1 to {MAX_ID_LEN} of A-Z a-z 0-9 _ . : -)"),
            );
            None
        }
    }

    pub fn boolean(&mut self, v: &Json, path: &str) -> Option<bool> {
        match v {
            Json::Bool(b) => Some(*b),
            other => {
                self.push(
                    path,
                    Code::WrongType,
                    format!("expected true or false, found {}", type_name(other)),
                );
                None
            }
        }
    }

    /// A whole number in `lo..=hi`.
    pub fn small_int(&mut self, v: &Json, path: &str, lo: u32, hi: u32) -> Option<u32> {
        let d = self.decimal(v, path)?;
        if d.fract().is_zero() && d >= Decimal::from(lo) && d <= Decimal::from(hi) {
            u32::try_from(d.mantissa() / 10i128.pow(d.scale())).ok()
        } else {
            self.push(
                path,
                Code::InvalidValue,
                format!("expected a whole number from {lo} to {hi}, found {d}"),
            );
            None
        }
    }

    /// A decimal from a JSON number or a numeric string, exactly.
    pub fn decimal(&mut self, v: &Json, path: &str) -> Option<Decimal> {
        let text = match v {
            Json::Number(n) => n.clone(),
            Json::String(s) => s.clone(),
            other => {
                self.push(
                    path,
                    Code::NotANumber,
                    format!("expected a number, found {}", type_name(other)),
                );
                return None;
            }
        };
        match parse_decimal(&text) {
            Ok(d) => Some(d),
            Err((code, message)) => {
                self.push(path, code, message);
                None
            }
        }
    }

    /// One of a fixed set of strings.
    pub fn choice<T: Copy>(&mut self, v: &Json, path: &str, options: &[(&str, T)]) -> Option<T> {
        let s = self.string(v, path)?;
        if let Some((_, t)) = options.iter().find(|(name, _)| *name == s) {
            return Some(*t);
        }
        let names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        self.push(
            path,
            Code::InvalidValue,
            format!("{s:?} is not one of: {}", names.join(", ")),
        );
        None
    }
}

/// The message of an unknown key (`what` is "field" or "column"), with a "did you
/// mean" hint when a known key is close (see [`closest`]).
pub(crate) fn unknown_message(what: &str, key: &str, known: &[&str]) -> String {
    let hint = closest(key, known)
        .map(|k| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default();
    format!(
        "unknown {what} {key:?}{hint}; expected one of: {}",
        known.join(", ")
    )
}

/// The known key nearest to `key` when it is at most two edits away (an insertion,
/// a deletion, a substitution or a swap of neighbours each count one) and fewer
/// edits than `key` has characters; the first such key on a tie.
pub(crate) fn closest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    let key: Vec<char> = key.chars().collect();
    known
        .iter()
        .filter_map(|k| {
            let k_chars: Vec<char> = k.chars().collect();
            let d = edits(&key, &k_chars)?;
            (d < key.len()).then_some((d, *k))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The optimal-string-alignment distance between `a` and `b` when at most 2.
fn edits(a: &[char], b: &[char]) -> Option<usize> {
    const MAX: usize = 2;
    if a.len().abs_diff(b.len()) > MAX || a == b {
        return (a == b).then_some(0);
    }
    // rows[i][j]: the distance between a[..i] and b[..j]; three rows kept.
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..width {
            let same = a[i - 1] == b[j - 1];
            let mut d = (prev[j] + 1)
                .min(cur[j - 1] + 1)
                .min(prev[j - 1] + usize::from(!same));
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= MAX).then_some(d)
}

pub(crate) fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
}

#[cfg(test)]
mod hints {
    use super::{closest, unknown_message};

    const RUN: &[&str] = &[
        "plans",
        "roster",
        "targets",
        "team_targets",
        "actuals",
        "period",
        "as_of",
        "facts",
        "description",
    ];

    #[test]
    fn a_near_miss_gets_the_known_key() {
        assert_eq!(closest("factz", RUN), Some("facts"));
        assert_eq!(closest("asof", RUN), Some("as_of"));
        assert_eq!(closest("team_target", RUN), Some("team_targets"));
        assert_eq!(closest("Plans", RUN), Some("plans"));
        assert_eq!(closest("pnals", RUN), Some("plans"));
        assert_eq!(closest("rol", &["subject", "role", "team"]), Some("role"));
    }

    #[test]
    fn a_far_key_gets_no_hint() {
        assert_eq!(closest("colour", RUN), None);
        assert_eq!(closest("id", &["end", "team"]), None);
        assert_eq!(closest("", RUN), None);
        assert_eq!(closest("factsfacts", RUN), None);
        assert!(!unknown_message("field", "colour", RUN).contains("did you mean"));
        assert_eq!(
            unknown_message("column", "rol", &["subject", "role"]),
            r#"unknown column "rol" (did you mean "role"?); expected one of: subject, role"#
        );
    }
}
