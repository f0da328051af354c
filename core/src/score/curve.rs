//! Scoring curves: from an actual (and its target) to an indicator score, the tier
//! reached and the achievement. Pure functions of one indicator; no allocation.

use crate::plan::spec::{Above, Below, Boundary, Direction, TierBasis};
use crate::plan::{Curve, Formula, Indicator, RatioLow, ZeroRule};
use crate::score::flags::Flags;
use crate::score::proration::Factor;
use crate::util::arith::{add, div, mul, sub, Calc};
use rust_decimal::Decimal;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// Achievement in percent, or unbounded (lower is better with an actual ≤ 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Achievement {
    Finite(Decimal),
    Unbounded,
}

/// What one actual earns on one indicator.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Outcome {
    pub score: Decimal,
    pub tier: Option<usize>,
    pub achievement: Option<Achievement>,
    pub flags: Flags,
}

/// The facts a curve needs about one subject: the actual, the target after proration
/// (None when there is none), and the proration factor for actual-basis tier points.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Given {
    pub actual: Decimal,
    pub target: Option<Decimal>,
    pub factor: Factor,
}

/// The quotient achievement (every curve but a ratio curve with another formula).
pub(crate) fn achievement(
    dir: Direction,
    actual: Decimal,
    target: Option<Decimal>,
) -> Calc<Option<Achievement>> {
    let Some(t) = target else { return Ok(None) };
    // A band has no better side: no achievement (conformance/NOTES.md 10).
    if t <= Decimal::ZERO || matches!(dir, Direction::Band) {
        return Ok(None);
    }
    Ok(Some(match dir {
        Direction::LowerIsBetter => {
            if actual <= Decimal::ZERO {
                Achievement::Unbounded
            } else {
                Achievement::Finite(mul(div(t, actual)?, HUNDRED)?)
            }
        }
        _ => Achievement::Finite(mul(div(actual, t)?, HUNDRED)?),
    }))
}

/// Achievement by a ratio curve's formula (FORMAT.md, Achievement): relative to
/// target or closest is best, with the zero-target rule at a target of 0.
pub(crate) fn formula_achievement(
    formula: Formula,
    boundary: Boundary,
    dir: Direction,
    actual: Decimal,
    target: Option<Decimal>,
) -> Calc<Option<Achievement>> {
    let (closest, zero) = match formula {
        Formula::Quotient => return achievement(dir, actual, target),
        Formula::Relative(z) => (false, z),
        Formula::Closest(z) => (true, z),
    };
    let Some(t) = target else { return Ok(None) };
    if matches!(dir, Direction::Band) {
        return Ok(None);
    }
    let lower = dir == Direction::LowerIsBetter;
    let fraction = if t.is_zero() {
        match zero {
            ZeroRule::Refuse => return Ok(None),
            ZeroRule::Offset if closest => sub(Decimal::ONE, actual.abs())?,
            ZeroRule::Offset if lower => sub(Decimal::ONE, actual)?,
            ZeroRule::Offset => add(Decimal::ONE, actual)?,
            ZeroRule::PassFail => {
                let met = if closest {
                    actual.is_zero()
                } else if lower {
                    boundary.passes(Decimal::ZERO, actual)
                } else {
                    boundary.passes(actual, Decimal::ZERO)
                };
                return Ok(Some(Achievement::Finite(if met {
                    HUNDRED
                } else {
                    Decimal::ZERO
                })));
            }
        }
    } else {
        let m = t.abs();
        // Percent = 100 × numerator ÷ |T|: multiply first, one division.
        let numerator = if closest {
            sub(m, sub(actual, t)?.abs())?
        } else if lower {
            add(sub(t, actual)?, m)?
        } else {
            add(sub(actual, t)?, m)?
        };
        return Ok(Some(Achievement::Finite(div(mul(numerator, HUNDRED)?, m)?)));
    };
    Ok(Some(Achievement::Finite(mul(fraction, HUNDRED)?)))
}

impl Boundary {
    /// Whether `better` reaches `point` when larger is better: `better ≥ point`
    /// (inclusive) or `better > point` (exclusive), decided on exact values.
    pub(crate) fn passes(self, better: Decimal, point: Decimal) -> bool {
        match self {
            Boundary::Inclusive => better >= point,
            Boundary::Exclusive => better > point,
        }
    }
}

impl Indicator {
    /// Whether this indicator cannot be scored without a target.
    pub(crate) fn needs_target(&self) -> bool {
        matches!(self.curve, Curve::Ratio { .. } | Curve::PassFail { .. })
            || (self.target.basis == TierBasis::Achievement && !self.target.tiers.is_empty())
    }

    /// Whether scoring needs the achievement (not only the explanation).
    pub(crate) fn uses_achievement(&self) -> bool {
        matches!(self.curve, Curve::Ratio { .. }) || self.target.basis == TierBasis::Achievement
    }

    /// The point of tier `k` on the curve's x axis (actual, prorated; or achievement).
    pub(crate) fn tier_x(&self, k: usize, factor: Factor) -> Calc<Option<Decimal>> {
        let Some(t) = self.target.tiers.get(k) else {
            return Ok(None);
        };
        Ok(Some(match self.target.basis {
            // Scaled like the target by whatever factor applies to it: the active
            // share of a `prorate` target, or a run's period-to-date factor.
            TierBasis::Actual => factor.apply(t.at)?,
            _ => t.at,
        }))
    }

    /// The curve's x for this subject: the actual, or the achievement.
    fn x(&self, g: &Given, ach: Option<Achievement>) -> Option<Achievement> {
        match self.target.basis {
            TierBasis::Actual => Some(Achievement::Finite(g.actual)),
            TierBasis::Achievement => ach,
        }
    }

    /// Is `x` at or beyond tier `k` in the indicator's direction?
    fn reaches(&self, x: Achievement, k: usize, factor: Factor) -> Calc<bool> {
        let Some(at) = self.tier_x(k, factor)? else {
            return Ok(false);
        };
        Ok(match x {
            Achievement::Unbounded => true,
            Achievement::Finite(x) => {
                if self.target.basis == TierBasis::Actual
                    && self.direction == Direction::LowerIsBetter
                {
                    self.target.boundary.passes(at, x)
                } else {
                    self.target.boundary.passes(x, at)
                }
            }
        })
    }

    fn highest_tier(&self, x: Option<Achievement>, factor: Factor) -> Calc<Option<usize>> {
        let Some(x) = x else { return Ok(None) };
        let mut reached = None;
        for k in 0..self.target.tiers.len() {
            if self.reaches(x, k, factor)? {
                reached = Some(k);
            } else {
                break;
            }
        }
        Ok(reached)
    }

    /// Score one actual. The caller has checked that a target exists when
    /// [`Indicator::needs_target`] says so.
    pub(crate) fn evaluate(&self, g: &Given) -> Calc<Outcome> {
        // Achievement costs a division: computed here only when the curve uses it;
        // explanations compute it when they are written.
        let ach = if self.uses_achievement() {
            formula_achievement(
                self.curve.formula(),
                self.target.boundary,
                self.direction,
                g.actual,
                g.target,
            )?
        } else {
            None
        };
        let x = self.x(g, ach);
        let tier = self.highest_tier(x, g.factor)?;
        let mut flags = Flags::default();
        let tiers = &self.target.tiers;
        let tier_score = |k: usize| tiers.get(k).map(|t| t.score).unwrap_or_default();
        let score = match self.curve {
            Curve::Ratio { cap, low, .. } => match ach {
                None => Decimal::ZERO,
                Some(Achievement::Unbounded) => {
                    flags.set(Flags::CAPPED);
                    cap.unwrap_or(Decimal::ZERO)
                }
                Some(Achievement::Finite(a)) => {
                    if low
                        .gate()
                        .is_some_and(|gt| !self.target.boundary.passes(a, gt))
                    {
                        flags.set(Flags::GATED);
                        Decimal::ZERO
                    } else if a < Decimal::ZERO && low != RatioLow::Extrapolate {
                        flags.set(Flags::FLOORED);
                        Decimal::ZERO
                    } else if let Some(c) = cap.filter(|c| a > *c) {
                        flags.set(Flags::CAPPED);
                        c
                    } else {
                        a
                    }
                }
            },
            Curve::Step { below } => match tier {
                Some(k) => tier_score(k),
                None => below,
            },
            Curve::Linear { below, above, max } => {
                let n = tiers.len();
                match (x, tier) {
                    (None, _) => Decimal::ZERO,
                    (Some(xv), None) => match (below, xv) {
                        (Below::Zero, _) => Decimal::ZERO,
                        (Below::Flat, _) | (Below::Extrapolate, Achievement::Unbounded) => {
                            tier_score(0)
                        }
                        (Below::Extrapolate, Achievement::Finite(v)) => {
                            // Strictly below the first point (an exclusive boundary
                            // leaves the point itself unreached: its own score).
                            if Some(v) == self.tier_x(0, g.factor)? {
                                tier_score(0)
                            } else {
                                flags.set(Flags::EXTRAPOLATED);
                                self.segment(v, 0, g.factor)?
                            }
                        }
                    },
                    (Some(xv), Some(k)) if k + 1 < n => {
                        let Achievement::Finite(xv) = xv else {
                            return Ok(self.outcome(tier_score(n - 1), tier, ach, flags));
                        };
                        self.interpolate(xv, k, g.factor)?
                    }
                    (Some(xv), Some(_)) => {
                        let last = tier_score(n - 1);
                        let at_last = self.tier_x(n - 1, g.factor)?.unwrap_or_default();
                        match (above, xv) {
                            (_, Achievement::Finite(v)) if v == at_last => last,
                            (Above::Cap, _) => {
                                flags.set(Flags::CAPPED);
                                last
                            }
                            // A flat last segment continued stays at the last score.
                            (Above::Extrapolate, Achievement::Unbounded)
                                if n >= 2 && tier_score(n - 2) == last =>
                            {
                                last
                            }
                            (Above::Extrapolate, Achievement::Unbounded) => {
                                flags.set(Flags::EXTRAPOLATED);
                                flags.set(Flags::CAPPED);
                                max.unwrap_or(last)
                            }
                            (Above::Extrapolate, Achievement::Finite(v)) => {
                                flags.set(Flags::EXTRAPOLATED);
                                let s = if n >= 2 {
                                    self.segment(v, n - 2, g.factor)?
                                } else {
                                    last
                                };
                                match max {
                                    Some(m) if s > m => {
                                        flags.set(Flags::CAPPED);
                                        m
                                    }
                                    _ => s,
                                }
                            }
                        }
                    }
                }
            }
            Curve::Band {
                low,
                high,
                full,
                per_unit,
                floor,
            } => {
                let distance = if g.actual < low {
                    sub(low, g.actual)?
                } else if g.actual > high {
                    sub(g.actual, high)?
                } else {
                    Decimal::ZERO
                };
                let s = sub(full, mul(per_unit, distance)?)?;
                match floor {
                    Some(f) if s < f => {
                        flags.set(Flags::FLOORED);
                        f
                    }
                    _ => s,
                }
            }
            Curve::PassFail { full } => {
                let t = g.target.unwrap_or_default();
                let met = match self.direction {
                    Direction::LowerIsBetter => self.target.boundary.passes(t, g.actual),
                    _ => self.target.boundary.passes(g.actual, t),
                };
                if met {
                    full
                } else {
                    Decimal::ZERO
                }
            }
            Curve::Deduction {
                full,
                per_unit,
                floor,
            } => {
                let s = sub(full, mul(per_unit, g.actual)?)?;
                if let Some(f) = floor.filter(|f| s < *f) {
                    flags.set(Flags::FLOORED);
                    f
                } else if s > full {
                    // No flag: `full` is neither a cap nor a max (FORMAT.md flags).
                    full
                } else {
                    s
                }
            }
        };
        Ok(self.outcome(score, tier, ach, flags))
    }

    fn outcome(
        &self,
        score: Decimal,
        tier: Option<usize>,
        ach: Option<Achievement>,
        flags: Flags,
    ) -> Outcome {
        Outcome {
            score,
            tier,
            achievement: ach,
            flags,
        }
    }

    /// Linear interpolation inside segment k (between tiers k and k+1).
    fn interpolate(&self, x: Decimal, k: usize, factor: Factor) -> Calc<Decimal> {
        self.segment(x, k, factor)
    }

    /// The line through tiers k and k+1, evaluated at x.
    pub(crate) fn segment(&self, x: Decimal, k: usize, factor: Factor) -> Calc<Decimal> {
        let (Some(x0), Some(x1)) = (self.tier_x(k, factor)?, self.tier_x(k + 1, factor)?) else {
            return Ok(Decimal::ZERO);
        };
        let s0 = self
            .target
            .tiers
            .get(k)
            .map(|t| t.score)
            .unwrap_or_default();
        let s1 = self
            .target
            .tiers
            .get(k + 1)
            .map(|t| t.score)
            .unwrap_or_default();
        // s0 + (x − x0)(s1 − s0)/(x1 − x0): multiply before dividing, one division.
        add(s0, div(mul(sub(x, x0)?, sub(s1, s0)?)?, sub(x1, x0)?)?)
    }

    /// The highest score this curve can give, if bounded.
    pub(crate) fn max_score(&self) -> Option<Decimal> {
        let last = self.target.tiers.last().map(|t| t.score);
        match self.curve {
            Curve::Ratio { cap, .. } => cap,
            Curve::Step { below } => Some(last.map_or(below, |l| l.max(below))),
            Curve::Linear {
                above: Above::Cap, ..
            } => last,
            Curve::Linear { max, .. } => max,
            Curve::Band { full, .. } | Curve::PassFail { full } | Curve::Deduction { full, .. } => {
                Some(full)
            }
        }
    }
}
