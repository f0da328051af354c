//! Reading decimals exactly from their text: JSON numbers and numeric strings alike,
//! never through a binary float.

use crate::error::Code;
use crate::limits::{MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS};
use rust_decimal::Decimal;

/// Why a text is not an acceptable number: the code and a message.
pub type NumberError = (Code, String);

/// Parse a decimal from text such as `-12.50`, `1.5e3` or `"0.1"`.
///
/// Accepts an optional sign, digits, an optional fraction and an optional exponent,
/// nothing around them (` 12` is refused: a padded cell is a mistake to show).
/// Refuses NaN and infinities (`not_finite`), values of 10^15 or more
/// (`number_out_of_range`) and more than 10 fraction digits (`too_many_digits`),
/// trailing zeros not counted.
///
/// ```
/// use attain::parse_decimal;
/// assert_eq!(parse_decimal("1.5e3").unwrap().to_string(), "1500");
/// assert_eq!(parse_decimal("0.10").unwrap().to_string(), "0.1");
/// assert!(parse_decimal("NaN").is_err());
/// ```
pub fn parse_decimal(text: &str) -> Result<Decimal, NumberError> {
    let t = text;
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if matches!(unsigned, "nan" | "inf" | "infinity") {
        return Err((Code::NotFinite, format!("{t:?} is not a finite number")));
    }
    let bad = || (Code::NotANumber, format!("{t:?} is not a decimal number"));
    let bytes = t.as_bytes();
    let mut i = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = &t[int_start..i];
    let mut frac_digits = "";
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let fs = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = &t[fs..i];
        if frac_digits.is_empty() {
            return Err(bad());
        }
    }
    if int_digits.is_empty() {
        return Err(bad());
    }
    let mut exponent: i64 = 0;
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        let mut exp_negative = false;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            exp_negative = bytes[i] == b'-';
            i += 1;
        }
        let es = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let exp_text = &t[es..i];
        if exp_text.is_empty() {
            return Err(bad());
        }
        // Leading zeros say nothing (`2e0000002` is 200).
        let exp_text = match exp_text.trim_start_matches('0') {
            "" => "0",
            digits => digits,
        };
        // Huge exponents are out of range (or all-zero), either way no need to compute them.
        let e: i64 = if exp_text.len() > 6 {
            999_999
        } else {
            exp_text.parse().map_err(|_| bad())?
        };
        exponent = if exp_negative { -e } else { e };
    }
    if i != bytes.len() {
        return Err(bad());
    }
    // All significant digits as one string, value = digits × 10^(exponent − frac_len).
    let mut digits: String = format!("{int_digits}{frac_digits}");
    let mut exp10 = exponent - frac_digits.len() as i64;
    // Strip trailing zeros into the exponent, leading zeros away.
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
        exp10 += 1;
    }
    let digits = digits.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // Integer digits of the value = len + exp10.
    let magnitude = digits.len() as i64 + exp10;
    if magnitude > MAX_INTEGER_DIGITS as i64 {
        return Err((
            Code::NumberOutOfRange,
            format!("{t} is out of range (absolute value must be below 10^{MAX_INTEGER_DIGITS})"),
        ));
    }
    if exp10 < -(MAX_FRACTION_DIGITS as i64) {
        return Err((
            Code::TooManyDigits,
            format!("{t} has more than {MAX_FRACTION_DIGITS} digits after the decimal point"),
        ));
    }
    // Now at most 25 significant digits: fits in i128 and in Decimal's 96 bits.
    let mut mantissa: i128 = digits.parse().map_err(|_| bad())?;
    let mut scale = 0u32;
    if exp10 >= 0 {
        for _ in 0..exp10 {
            mantissa *= 10;
        }
    } else {
        scale = (-exp10) as u32;
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| (Code::NumberOutOfRange, format!("{t} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(t: &str) -> String {
        match parse_decimal(t) {
            Ok(d) => d.to_string(),
            Err((c, m)) => format!("ERR {c} {m}"),
        }
    }

    #[test]
    fn reads_plain_and_scientific() {
        assert_eq!(ok("12.50"), "12.5");
        assert_eq!(ok("-0.001"), "-0.001");
        assert_eq!(ok("1.5e3"), "1500");
        assert_eq!(ok("15E-1"), "1.5");
        assert_eq!(ok("+7"), "7");
        assert_eq!(ok("0e999999999"), "0");
        assert_eq!(ok("1234.56"), "1234.56");
        assert_eq!(ok("2e0000002"), "200");
        assert_eq!(ok("5E-0000000001"), "0.5");
        assert_eq!(ok("7e000"), "7");
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for t in [
            "", "abc", "12.5.3", "1.", ".5", "1e", "--1", "1 2", "0x10", " 12", "12 ", "\t1", "1\n",
        ] {
            assert!(ok(t).starts_with("ERR not_a_number"), "{t}: {}", ok(t));
        }
        for t in ["NaN", "-inf", "Infinity", "+INF"] {
            assert!(ok(t).starts_with("ERR not_finite"), "{t}");
        }
        assert!(ok("1e15").starts_with("ERR number_out_of_range"));
        assert!(ok("1e20").starts_with("ERR number_out_of_range"));
        assert!(ok("1e99999999999").starts_with("ERR number_out_of_range"));
        assert_eq!(
            ok("999999999999999.9999999999"),
            "999999999999999.9999999999"
        );
        assert!(ok("0.00000000001").starts_with("ERR too_many_digits"));
        assert_eq!(ok("0.10000000000000"), "0.1");
    }
}
