//! Proration factors kept exact: a share of a period is a fraction (active days ÷
//! period days), applied by multiplying first and dividing last, so a prorated
//! target or tier point that is a whole number (200 calls × 46 ÷ 92 = 100) is that
//! number, never 99.99…9, and a gate or tier at that point is decided exactly.

use crate::util::arith::{div, mul, Calc};
use rust_decimal::Decimal;

/// A proration factor: `num ÷ den`, in (0, 1] where it prorates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Factor {
    num: Decimal,
    den: Decimal,
}

impl Factor {
    /// No proration.
    pub(crate) const ONE: Factor = Factor {
        num: Decimal::ONE,
        den: Decimal::ONE,
    };

    /// `num ÷ den` as an exact fraction (`den` > 0; else no proration).
    #[cfg_attr(not(feature = "run"), allow(dead_code))]
    pub(crate) fn ratio(num: i64, den: i64) -> Factor {
        if den <= 0 {
            return Factor::ONE;
        }
        Factor {
            num: Decimal::from(num),
            den: Decimal::from(den),
        }
    }

    /// A share given as a decimal (an input's `active`): used as it is.
    pub(crate) fn share(d: Decimal) -> Factor {
        Factor {
            num: d,
            den: Decimal::ONE,
        }
    }

    /// Whether the factor prorates (is below 1).
    pub(crate) fn prorates(self) -> bool {
        self.num < self.den
    }

    /// `x × num ÷ den`: exact whenever the result fits in 28 digits.
    pub(crate) fn apply(self, x: Decimal) -> Calc<Decimal> {
        let product = mul(x, self.num)?;
        if self.den == Decimal::ONE {
            Ok(product)
        } else {
            div(product, self.den)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Factor;
    use rust_decimal::Decimal;

    #[test]
    fn a_whole_prorated_value_is_whole() {
        let f = Factor::ratio(46, 92);
        assert_eq!(f.apply(Decimal::from(200)), Ok(Decimal::from(100)));
        let last_day = Factor::ratio(1, 92);
        assert_eq!(last_day.apply(Decimal::from(920)), Ok(Decimal::from(10)));
        // Through one decimal factor, the same product carries the division's error.
        let inexact = Decimal::from(920) * (Decimal::ONE / Decimal::from(92));
        assert_ne!(inexact, Decimal::from(10));
    }
}
