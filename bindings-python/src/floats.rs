//! How binary floats are read: refused (`strict=True`), by their shortest
//! round-trip text (the default), or rounded half-even to `float_digits` places
//! first (a computed `66.66666666666666` or `0.1 + 0.2` has more places than the
//! core reads; rounding it is the caller's decision, made explicit).

use attain::limits::MAX_FRACTION_DIGITS;
use attain::{Code, Decimal};
use pyo3::exceptions::PyValueError;
use pyo3::PyResult;
use rust_decimal::RoundingStrategy;
use std::str::FromStr;

/// The float rules of one call (`strict=`, `float_digits=`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Floats {
    /// Refuse binary floats.
    pub strict: bool,
    /// Round floats half-even to this many places before reading them.
    pub digits: Option<u32>,
}

impl Floats {
    /// The rules from the keyword arguments, checked.
    pub fn new(strict: bool, digits: Option<i64>) -> PyResult<Floats> {
        let digits = match digits {
            None => None,
            Some(_) if strict => {
                return Err(PyValueError::new_err(
                    "strict=True refuses floats: float_digits has nothing to round",
                ))
            }
            Some(n) if (0..=i64::from(MAX_FRACTION_DIGITS)).contains(&n) => Some(n as u32),
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "float_digits must be 0 to {MAX_FRACTION_DIGITS}, not {n}"
                )))
            }
        };
        Ok(Floats { strict, digits })
    }
}

/// The float's text `text` (its shortest round-trip form) rounded half-even to
/// `digits` places, as text; `None` when the text is no decimal rust_decimal holds
/// (out of range: the core then refuses the unrounded text).
pub fn rounded(text: &str, digits: u32) -> Option<Decimal> {
    let d = Decimal::from_str(text).ok()?;
    Some(
        d.round_dp_with_strategy(digits, RoundingStrategy::MidpointNearestEven)
            .normalize(),
    )
}

/// The core's refusal of a float, with how to round it when it has too many places.
pub fn with_hint(code: Code, message: String) -> (Code, String) {
    if code == Code::TooManyDigits {
        let message = format!(
            "{message} (a computed float? round it first: round(x, 2) or df.round(2), \
             or pass float_digits=2 to round floats half-even)"
        );
        (code, message)
    } else {
        (code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_even_from_the_shortest_text() {
        let r = |t: &str, n| rounded(t, n).map(|d| d.to_string());
        assert_eq!(r("0.125", 2).as_deref(), Some("0.12"));
        assert_eq!(r("0.135", 2).as_deref(), Some("0.14"));
        assert_eq!(r("2.675", 2).as_deref(), Some("2.68")); // the text, not the binary value
        assert_eq!(r("66.66666666666666", 2).as_deref(), Some("66.67"));
        assert_eq!(r("0.30000000000000004", 10).as_deref(), Some("0.3"));
        assert_eq!(r("1e400", 2), None);
    }
}
