//! Indicators: ids once, the unit and step, a curve that fits the direction, the
//! target the curve needs, and tiers from easiest to hardest.

use super::{curve::curve, measure::measure};
use crate::error::Code;
use crate::plan::parse::Draft;
use crate::plan::spec::{
    Above, Below, Direction, IndicatorSpec, TargetSpec, TierBasis, UnitKind, UnitSpec,
};
use crate::plan::{Curve, Indicator, Target, Tier};
use crate::util::json_reader::{index, Reader};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The plan's indicators, and id → position (the first of a duplicated id).
pub(super) fn indicators(
    draft: &Draft,
    r: &mut Reader,
) -> (Vec<Indicator>, HashMap<String, usize>) {
    let spec = &draft.spec;
    if spec.indicators.is_empty() && draft.ok("/indicators") {
        r.push(
            "/indicators",
            Code::InvalidValue,
            "a plan needs at least one indicator",
        );
    }
    let mut indicators = Vec::with_capacity(spec.indicators.len());
    let mut indicator_index = HashMap::new();
    for (i, ind) in spec.indicators.iter().enumerate() {
        let p = index("/indicators", i);
        if draft.ok(&format!("{p}/id")) && !ind.id.is_empty() {
            if indicator_index.contains_key(&ind.id) {
                r.push(
                    format!("{p}/id"),
                    Code::DuplicateId,
                    format!("indicator id {:?} is used twice", ind.id),
                );
            } else {
                indicator_index.insert(ind.id.clone(), i);
            }
        }
        indicators.push(indicator(draft, r, ind, &p));
    }
    (indicators, indicator_index)
}

fn indicator(draft: &Draft, r: &mut Reader, ind: &IndicatorSpec, p: &str) -> Indicator {
    currency(draft, r, &ind.unit, &format!("{p}/unit"));
    let step = ind.step.unwrap_or_else(|| ind.unit.kind.default_step());
    if step <= Decimal::ZERO {
        r.push(
            format!("{p}/step"),
            Code::NotPositive,
            "step must be above 0",
        );
    }
    let curve_ok = draft.ok(&format!("{p}/curve"));
    let dir_ok = draft.ok(&format!("{p}/direction"));
    let curve = curve(r, &ind.curve, &format!("{p}/curve"));
    let dir = ind.direction;
    if curve_ok && dir_ok {
        fits_direction(r, p, &curve, dir);
    }
    let spec_target = ind.target.clone().unwrap_or_default();
    let tp = format!("{p}/target");
    let basis = spec_target.tier_basis;
    let needs_tiers = match curve {
        Curve::Step { .. } => 1,
        Curve::Linear { .. } => 2,
        _ => 0,
    };
    if curve_ok {
        target(
            draft,
            r,
            ind.target.is_some(),
            &spec_target,
            &tp,
            &curve,
            needs_tiers,
        );
        caps(r, p, &curve, dir, basis);
    }
    let tiers = tiers(draft, r, &spec_target, &tp, dir, &curve, needs_tiers > 0);
    if curve_ok {
        under_first_tier(r, &spec_target, &tp, &curve);
    }
    let measure = ind
        .measure
        .as_ref()
        .and_then(|m| measure(r, m, &format!("{p}/measure"), false));
    Indicator {
        id: ind.id.clone(),
        name: ind.name.clone(),
        percent: ind.unit.kind == UnitKind::Percent,
        measure,
        step,
        direction: dir,
        target: Target {
            value: spec_target.value,
            per_subject: spec_target.per_subject,
            prorate: spec_target.prorate,
            basis,
            tiers,
            boundary: spec_target.boundary.unwrap_or_default(),
        },
        curve,
    }
}

/// Below its first tier a tiered curve must not score more than at it (the curve
/// never falls as the result improves): `step`'s `below` (default 0) and linear
/// `below: zero` (0) are at most the first tier's score.
fn under_first_tier(r: &mut Reader, spec_target: &TargetSpec, tp: &str, curve: &Curve) {
    let Some(first) = spec_target.tiers.first().and_then(|t| t.score) else {
        return;
    };
    let (under, rule) = match curve {
        Curve::Step { below } => (*below, "the step curve's below"),
        Curve::Linear {
            below: Below::Zero, ..
        } => (Decimal::ZERO, "below \"zero\""),
        _ => return,
    };
    if first < under {
        r.push(
            format!("{tp}/tiers/0/score"),
            Code::TierScoresDecrease,
            format!(
                "the first tier scores {first}, below the {under} that {rule} gives under it \
                 (the score would fall as the result improves)"
            ),
        );
    }
}

/// A money unit has a 3-letter currency code; no other unit has one.
fn currency(draft: &Draft, r: &mut Reader, unit: &UnitSpec, unit_p: &str) {
    match (&unit.kind, &unit.currency) {
        (UnitKind::Money, None) if draft.ok(&format!("{unit_p}/kind")) => r.push(
            format!("{unit_p}/currency"),
            Code::CurrencyRequired,
            "a money unit needs a currency (e.g. \"CNY\")",
        ),
        (UnitKind::Money, Some(c))
            if c.len() != 3 || !c.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            r.push(
                format!("{unit_p}/currency"),
                Code::InvalidValue,
                format!("{c:?} is not a 3-letter currency code"),
            );
        }
        (UnitKind::Money, Some(_)) => {}
        (_, Some(_)) => r.push(
            format!("{unit_p}/currency"),
            Code::InvalidValue,
            "only a money unit has a currency",
        ),
        _ => {}
    }
}

/// A band curve needs direction band, a deduction curve lower-is-better, and no
/// other curve takes direction band.
fn fits_direction(r: &mut Reader, p: &str, curve: &Curve, dir: Direction) {
    let fits = match curve {
        Curve::Band { .. } => dir == Direction::Band,
        Curve::Deduction { .. } => dir == Direction::LowerIsBetter,
        _ => dir != Direction::Band,
    };
    if !fits {
        r.push(
            format!("{p}/curve"),
            Code::CurveDirectionMismatch,
            format!(
                "a {} curve does not fit direction {}",
                curve.kind().name(),
                dir.name()
            ),
        );
    }
}

/// The target the curve needs: a value to divide by (not 0, not negative), and tiers.
fn target(
    draft: &Draft,
    r: &mut Reader,
    declared: bool,
    spec_target: &TargetSpec,
    tp: &str,
    curve: &Curve,
    needs_tiers: usize,
) {
    let basis = spec_target.tier_basis;
    let needs_value = curve.divides_by_target()
        || matches!(curve, Curve::PassFail { .. })
        || (basis == TierBasis::Achievement && !spec_target.tiers.is_empty());
    if !declared && (needs_value || needs_tiers > 0) {
        r.push(
            tp,
            Code::TargetRequired,
            format!("a {} curve needs a target", curve.kind().name()),
        );
    } else if declared {
        if needs_value
            && spec_target.value.is_none()
            && !spec_target.per_subject
            && draft.ok(&format!("{tp}/value"))
        {
            r.push(
                format!("{tp}/value"),
                Code::TargetRequired,
                "this indicator needs a target value (or per_subject targets)",
            );
        }
        if spec_target.tiers.len() < needs_tiers && draft.ok(&format!("{tp}/tiers")) {
            r.push(
                format!("{tp}/tiers"),
                Code::TiersRequired,
                format!(
                    "a {} curve needs at least {needs_tiers} tier(s)",
                    curve.kind().name()
                ),
            );
        }
    }
    if let Some(v) = spec_target.value {
        if v.is_zero() && curve.refuses_target(basis, true) {
            r.push(
                format!("{tp}/value"),
                Code::ZeroTarget,
                curve.zero_target_message(),
            );
        } else if v < Decimal::ZERO && curve.refuses_target(basis, false) {
            r.push(
                format!("{tp}/value"),
                Code::NegativeTarget,
                Curve::NEGATIVE_TARGET_MESSAGE,
            );
        }
    }
}

/// Lower-is-better curves that would be unbounded need a cap or max.
fn caps(r: &mut Reader, p: &str, curve: &Curve, dir: Direction, basis: TierBasis) {
    if let Curve::Ratio {
        cap: None,
        formula: crate::plan::Formula::Quotient,
        ..
    } = curve
    {
        if dir == Direction::LowerIsBetter {
            r.push(
                format!("{p}/curve"),
                Code::CapRequired,
                "a lower-is-better ratio curve needs a cap (an actual of 0 is unbounded achievement)",
            );
        }
    }
    if let Curve::Linear {
        above: Above::Extrapolate,
        max: None,
        ..
    } = curve
    {
        if dir == Direction::LowerIsBetter && basis == TierBasis::Achievement {
            r.push(
                format!("{p}/curve"),
                Code::CapRequired,
                "extrapolating a lower-is-better achievement curve needs a max",
            );
        }
    }
}

/// Tiers: ordered from easiest to hardest, named and placed once, scores not
/// decreasing (and present when the curve reads them).
fn tiers(
    draft: &Draft,
    r: &mut Reader,
    spec_target: &TargetSpec,
    tp: &str,
    dir: Direction,
    curve: &Curve,
    needs_scores: bool,
) -> Vec<Tier> {
    let basis = spec_target.tier_basis;
    let decreasing = dir == Direction::LowerIsBetter && basis == TierBasis::Actual;
    let mut tiers = Vec::with_capacity(spec_target.tiers.len());
    let mut names = HashSet::new();
    let mut prev: Option<(Decimal, Option<Decimal>)> = None;
    for (k, t) in spec_target.tiers.iter().enumerate() {
        let kp = index(&format!("{tp}/tiers"), k);
        let at_ok = draft.ok(&format!("{kp}/at"));
        if !t.name.is_empty() && !names.insert(t.name.clone()) {
            r.push(
                format!("{kp}/name"),
                Code::DuplicateTier,
                format!("tier {:?} is named twice", t.name),
            );
        }
        if needs_scores && t.score.is_none() && draft.ok(&format!("{kp}/score")) {
            r.push(
                format!("{kp}/score"),
                Code::TierScoreRequired,
                format!(
                    "a {} curve needs a score on every tier",
                    curve.kind().name()
                ),
            );
        }
        if basis == TierBasis::Achievement && at_ok && t.at <= Decimal::ZERO {
            r.push(
                format!("{kp}/at"),
                Code::NotPositive,
                "an achievement tier must be above 0 percent",
            );
        }
        if let (Some((pat, pscore)), true) = (prev, at_ok) {
            if t.at == pat {
                r.push(
                    format!("{kp}/at"),
                    Code::DuplicateTier,
                    format!("two tiers at {}", t.at),
                );
            } else if (t.at < pat) != decreasing {
                r.push(
                    format!("{kp}/at"),
                    Code::TiersOutOfOrder,
                    format!(
                        "tiers go from easiest to hardest: {} must be {} the previous {pat}",
                        t.at,
                        if decreasing { "below" } else { "above" }
                    ),
                );
            }
            if let (Some(ps), Some(s)) = (pscore, t.score) {
                if s < ps {
                    r.push(
                        format!("{kp}/score"),
                        Code::TierScoresDecrease,
                        format!("tier score {s} is below the previous tier's {ps}"),
                    );
                }
            }
        }
        if at_ok {
            prev = Some((t.at, t.score));
        }
        tiers.push(Tier {
            name: t.name.clone(),
            at: t.at,
            score: t.score.unwrap_or(Decimal::ZERO),
        });
    }
    tiers
}
