//! Result figures at the plan's scale, exactly as the core writes them.
//!
//! `Decimal::rescale` cannot widen a decimal past rust_decimal's 28 digits: above
//! about 7.9e22 at scale 6 it silently keeps fewer places (and Arrow export saw no
//! value at the scale and wrote null). The figure is widened here in 128-bit
//! integers instead: the mantissa (below 2^96) times at most 10^MAX_SCALE always
//! fits, and the text is the core's result text (`"79228162514264337593543.950335"`).

use attain::Decimal;

/// The unscaled integer of `d` at `scale` places (`d` × 10^scale): `d` already has
/// at most `scale` places (the core rounds first); one with more is rounded to
/// `scale` as the core's text would be. None only if it cannot fit an i128.
pub fn unscaled(d: Decimal, scale: u32) -> Option<i128> {
    let mut d = d;
    if d.scale() > scale {
        d.rescale(scale); // narrowing: always possible
    }
    let widen = scale.checked_sub(d.scale())?;
    d.mantissa().checked_mul(10i128.checked_pow(widen)?)
}

/// The text of `d` with exactly `scale` places (negative zero as `0`).
pub fn text(d: Decimal, scale: u32) -> String {
    match unscaled(d, scale) {
        Some(n) => text_of_unscaled(n, scale),
        None => d.to_string(),
    }
}

/// `n` × 10^-scale as decimal text with exactly `scale` places.
pub fn text_of_unscaled(n: i128, scale: u32) -> String {
    let digits = n.unsigned_abs().to_string();
    let places = scale as usize;
    let digits = if digits.len() <= places {
        format!("{}{digits}", "0".repeat(places + 1 - digits.len()))
    } else {
        digits
    };
    let (int, frac) = digits.split_at(digits.len() - places);
    let sign = if n < 0 { "-" } else { "" };
    if places == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn widens_past_rust_decimal_digits() {
        // 79228162514264337593543950335 = Decimal::MAX's mantissa (2^96 - 1).
        let max = Decimal::MAX;
        assert_eq!(text(max, 6), "79228162514264337593543950335.000000");
        assert_eq!(
            unscaled(max, 6),
            Some(79_228_162_514_264_337_593_543_950_335_000_000)
        );
        let big = dec("79228162514264337593543.950335");
        assert_eq!(text(big, 6), "79228162514264337593543.950335");
        let mut rescaled = dec("80000000000000000000000");
        rescaled.rescale(6);
        assert_ne!(
            rescaled.scale(),
            6,
            "rust_decimal widens this far: the test is moot"
        );
        assert_eq!(
            text(dec("80000000000000000000000"), 6),
            "80000000000000000000000.000000"
        );
        assert_eq!(text(-max, 6), "-79228162514264337593543950335.000000");
    }

    #[test]
    fn small_figures_as_the_core_writes_them() {
        for (d, scale, want) in [
            ("87.5", 2, "87.50"),
            ("-0.00", 2, "0.00"),
            ("0.05", 2, "0.05"),
            ("-0.05", 3, "-0.050"),
            ("13", 0, "13"),
            ("0", 0, "0"),
            ("1.25", 1, "1.3"),
        ] {
            assert_eq!(text(dec(d), scale), want, "{d} at {scale}");
        }
    }
}
