//! Where rounding happens, and how.
//!
//! Arithmetic is carried at rust_decimal's 28 significant digits; a quotient that does
//! not terminate (1 ÷ 3) is rounded at the 28th digit. Before a value is rounded to a
//! declared scale it is first rounded half-even to [`GUARD_SCALE`] places: that removes
//! the carried error (far below 10^-12 for values under 10^14), so an exact x.xx5 built
//! from non-terminating parts (1/3 + 2/3 …) still rounds as x.xx5.

use rust_decimal::{Decimal, RoundingStrategy};

/// Decimal places kept before the final rounding.
pub const GUARD_SCALE: u32 = 12;

/// Round `d` to `scale` places with `strategy`, through the guard.
pub(crate) fn round(d: Decimal, scale: u32, strategy: RoundingStrategy) -> Decimal {
    if d.scale() <= scale {
        return d; // already exact at this scale
    }
    let guarded = if d.scale() > GUARD_SCALE {
        d.round_dp_with_strategy(GUARD_SCALE, RoundingStrategy::MidpointNearestEven)
    } else {
        d
    };
    guarded.round_dp_with_strategy(scale, strategy)
}

/// Text of `d` with exactly `scale` digits after the point (d already rounded), as
/// the canonical JSON writes it. Exact for every decimal: `Decimal::rescale` cannot
/// widen a value of 28 digits (above 7.9e22 at scale 6) and would keep fewer places.
pub(crate) fn text(d: Decimal, scale: u32) -> String {
    let mut out = String::new();
    crate::util::json_out::push_decimal(&mut out, d, scale);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn thirds_that_sum_to_a_midpoint_round_up() {
        let third = Decimal::ONE / Decimal::from(3);
        let two_thirds = Decimal::from(2) / Decimal::from(3);
        // 100/3 + 200/3 = 100 exactly; + 0.005 → 100.005 → 100.01
        let x = third * Decimal::ONE_HUNDRED + two_thirds * Decimal::ONE_HUNDRED + dec("0.005");
        assert_eq!(
            text(round(x, 2, RoundingStrategy::MidpointAwayFromZero), 2),
            "100.01"
        );
        assert_eq!(
            text(round(x, 2, RoundingStrategy::MidpointNearestEven), 2),
            "100.00"
        );
        // A truncated third times 3 is 0.9999…: the guard makes it 1.
        let y = third + third + third;
        assert_eq!(text(round(y, 2, RoundingStrategy::ToZero), 2), "1.00");
    }

    #[test]
    fn text_of_28_digits_has_every_place() {
        // rescale(6) cannot widen these; the text still has six places.
        let d = dec("79228162514264337593543950.5");
        assert_eq!(text(d, 6), "79228162514264337593543950.500000");
        assert_eq!(text(-d, 6), "-79228162514264337593543950.500000");
        assert_eq!(
            text(dec("79228162514264337593543950335"), 6),
            "79228162514264337593543950335.000000"
        );
    }

    #[test]
    fn text_has_exactly_scale_digits() {
        assert_eq!(text(dec("5"), 2), "5.00");
        assert_eq!(text(dec("-0.00"), 2), "0.00");
        assert_eq!(
            text(
                round(dec("12.5"), 0, RoundingStrategy::MidpointAwayFromZero),
                0
            ),
            "13"
        );
        assert_eq!(
            text(
                round(dec("-2.345"), 2, RoundingStrategy::MidpointAwayFromZero),
                2
            ),
            "-2.35"
        );
    }
}
