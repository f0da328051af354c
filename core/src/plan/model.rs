//! The validated plan: ids resolved to indices, tiers ordered, weights checked.
//! A [`Plan`] can only be made by [`Plan::from_json`] / [`Plan::from_value`] /
//! [`Plan::from_spec`], so it never holds the mistakes validation refuses.

use crate::error::Error;
use crate::plan::spec::*;
use crate::util::json::Json;
use crate::util::json_reader::Reader;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;
use std::sync::Arc;

/// A validated KPI plan. Cheap to clone (shared).
///
/// ```
/// let plan = attain::Plan::from_json(r#"{
///   "id": "telesales", "name": "电话销售", "version": "1",
///   "indicators": [{"id": "calls", "name": "外呼量", "unit": {"kind": "count"},
///     "direction": "higher_is_better", "target": {"value": 200},
///     "curve": {"kind": "ratio", "cap": 120}}],
///   "tree": {"group": "root", "children": [{"indicator": "calls", "weight": 100}]}
/// }"#).unwrap();
/// assert_eq!(plan.name(), "电话销售");
/// assert_eq!(plan.indicator_ids().collect::<Vec<_>>(), ["calls"]);
/// ```
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) inner: Arc<PlanInner>,
}

#[derive(Debug)]
pub(crate) struct PlanInner {
    pub spec: PlanSpec,
    pub indicators: Vec<Indicator>,
    /// The weight tree in pre-order; `nodes[0]` is the root.
    pub nodes: Vec<Node>,
    pub gates: Vec<Gate>,
    pub points: Vec<PointsItem>,
    /// Plan order of adjustments, for results.
    pub adjustments: Vec<AdjustmentRef>,
    pub floor: Option<Decimal>,
    pub ceiling: Option<Decimal>,
    pub ratings: Vec<Band>,
    pub payout: Option<Payout>,
    pub rank_method: RankMethod,
    pub rank_within: Vec<String>,
    pub rounding: Rounding,
    pub indicator_index: HashMap<String, usize>,
    pub points_index: HashMap<String, usize>,
    /// The tree node of each indicator (None for an auxiliary one left out of the tree).
    pub indicator_nodes: Vec<Option<usize>>,
    #[cfg(feature = "run")]
    pub calendar: crate::plan::calendar::Calendar,
    pub fact_fields: FactFieldsSpec,
    pub warn_below: Option<Decimal>,
    pub earnings: Option<crate::plan::earnings::Earnings>,
}

#[derive(Debug)]
pub(crate) struct Indicator {
    pub id: String,
    pub name: String,
    /// Percent unit: ratio and share measures are multiplied by 100.
    pub percent: bool,
    pub measure: Option<crate::plan::measure::Measure>,
    pub step: Decimal,
    pub direction: Direction,
    pub target: Target,
    pub curve: Curve,
}

#[derive(Debug, Default)]
pub(crate) struct Target {
    pub value: Option<Decimal>,
    pub per_subject: bool,
    pub prorate: bool,
    pub basis: TierBasis,
    pub tiers: Vec<Tier>,
    /// How the actual is compared with tier points, the pass/fail target and a
    /// ratio's gate.
    pub boundary: Boundary,
}

#[derive(Debug)]
pub(crate) struct Tier {
    pub name: String,
    pub at: Decimal,
    pub score: Decimal,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Curve {
    Ratio {
        cap: Option<Decimal>,
        low: RatioLow,
        formula: Formula,
    },
    Step {
        below: Decimal,
    },
    Linear {
        below: Below,
        above: Above,
        max: Option<Decimal>,
    },
    Band {
        low: Decimal,
        high: Decimal,
        full: Decimal,
        per_unit: Decimal,
        /// None: no floor (`below: extrapolate`).
        floor: Option<Decimal>,
    },
    PassFail {
        full: Decimal,
    },
    Deduction {
        full: Decimal,
        per_unit: Decimal,
        /// None: no floor (`below: extrapolate`).
        floor: Option<Decimal>,
    },
}

/// What a ratio curve does at the low end: a gate and an extrapolated low end
/// exclude each other (a gate gives 0 to every negative achievement).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RatioLow {
    /// 0 below an achievement of 0 (flag `floored`).
    Zero,
    /// 0 below this achievement percent (flag `gated`).
    Gate(Decimal),
    /// The achievement, however far below 0.
    Extrapolate,
}

/// How a ratio curve computes achievement. Only the formulas that read a target
/// of any sign carry a rule for a target of 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Formula {
    /// actual ÷ target (target ÷ actual for lower is better): target > 0.
    Quotient,
    /// (actual − T + |T|) ÷ |T|; lower is better 1 − (actual − T) ÷ |T|.
    Relative(ZeroRule),
    /// 1 − |actual − T| ÷ |T|.
    Closest(ZeroRule),
}

/// A relative or closest formula at a target of 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum ZeroRule {
    /// A target of 0 is refused (`zero_target`).
    Refuse,
    /// 1 + actual, 1 − actual, 1 − |actual|.
    Offset,
    /// 100 % when 0 is reached, else 0 %.
    PassFail,
}

impl Formula {
    /// The rule for a target of 0, None for the quotient (which divides by it).
    pub(crate) fn zero_rule(self) -> Option<ZeroRule> {
        match self {
            Formula::Quotient => None,
            Formula::Relative(z) | Formula::Closest(z) => Some(z),
        }
    }
}

impl RatioLow {
    pub(crate) fn gate(self) -> Option<Decimal> {
        match self {
            RatioLow::Gate(g) => Some(g),
            _ => None,
        }
    }
}

impl Curve {
    /// Whether this curve needs a target value (a ratio curve).
    pub fn divides_by_target(&self) -> bool {
        matches!(self, Curve::Ratio { .. })
    }

    /// Whether a target of this sign (`zero`: 0, else negative) is refused, with
    /// tiers on `basis`: the quotient (and achievement-basis tiers scored with it)
    /// divides by the target; the relative and closest formulas read |T|, and 0
    /// only with a `zero_target` rule.
    pub(crate) fn refuses_target(&self, basis: TierBasis, zero: bool) -> bool {
        match self {
            Curve::Ratio { formula, .. } => match formula.zero_rule() {
                None => true,
                Some(z) => zero && z == ZeroRule::Refuse,
            },
            _ => basis == TierBasis::Achievement,
        }
    }

    /// Why a target of 0 is refused, and what accepts one.
    pub(crate) fn zero_target_message(&self) -> &'static str {
        if self.formula().zero_rule().is_some() {
            "a target of 0 needs a zero_target rule on this curve: \"zero_target\": \"offset\" or \"pass_fail\""
        } else {
            "the target is divided by, so it cannot be 0; a ratio curve with \"formula\": \"relative\" or \"closest\" and a \"zero_target\" rule (\"offset\" or \"pass_fail\") accepts it, as do pass_fail, band, deduction and actual-basis step or linear curves"
        }
    }

    /// Why a negative target is refused, and what accepts one.
    pub(crate) const NEGATIVE_TARGET_MESSAGE: &str = "the target is divided by, so it must be above 0; a ratio curve with \"formula\": \"relative\" or \"closest\" (relative to target, |T|) accepts it, as do pass_fail, band, deduction and actual-basis step or linear curves";

    /// The ratio curve's formula (quotient for every other curve).
    pub(crate) fn formula(&self) -> Formula {
        match self {
            Curve::Ratio { formula, .. } => *formula,
            _ => Formula::Quotient,
        }
    }

    pub fn kind(&self) -> CurveKind {
        match self {
            Curve::Ratio { .. } => CurveKind::Ratio,
            Curve::Step { .. } => CurveKind::Step,
            Curve::Linear { .. } => CurveKind::Linear,
            Curve::Band { .. } => CurveKind::Band,
            Curve::PassFail { .. } => CurveKind::PassFail,
            Curve::Deduction { .. } => CurveKind::Deduction,
        }
    }
}

#[derive(Debug)]
pub(crate) struct Node {
    pub id: String,
    pub name: Option<String>,
    /// JSON pointer of this node in the plan.
    pub path: String,
    /// Percent of the parent (100 at the root).
    pub weight: Decimal,
    pub missing: Missing,
    pub kind: NodeKind,
}

#[derive(Debug)]
pub(crate) enum NodeKind {
    Group {
        children: Vec<usize>,
        gates: Vec<usize>,
        /// `mode: mean`: the plain mean of the children with data.
        mean: bool,
        /// `round`: the scale the group's score is rounded to before use.
        round: Option<u32>,
    },
    Indicator(usize),
}

#[derive(Debug)]
pub(crate) struct Gate {
    pub id: String,
    pub indicator: usize,
    pub basis: TierBasis,
    pub threshold: Decimal,
    pub boundary: Boundary,
    pub cap: Decimal,
    /// Node index of the capped group; None caps the total.
    pub group: Option<usize>,
}

#[derive(Debug)]
pub(crate) struct PointsItem {
    pub id: String,
    pub deduction: bool,
    pub max: Decimal,
    /// Measured in a run: points = measured × `per_unit` (then limited to `max`).
    pub measured: Option<MeasuredPoints>,
}

/// How a bonus or deduction is measured from facts in a run.
#[derive(Debug)]
pub(crate) struct MeasuredPoints {
    pub measure: crate::plan::measure::Measure,
    pub per_unit: Decimal,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum AdjustmentRef {
    Gate(usize),
    Points(usize),
}

#[derive(Debug)]
pub(crate) struct Band {
    pub name: String,
    pub min: Option<Decimal>,
}

#[derive(Debug)]
pub(crate) enum Payout {
    /// Coefficient per rating band, in band order.
    Rating {
        base: Option<Decimal>,
        coefficients: Vec<Decimal>,
    },
    Score {
        base: Option<Decimal>,
        points: Vec<(Decimal, Decimal)>,
        interpolate: bool,
    },
}

impl Payout {
    pub fn base(&self) -> Option<Decimal> {
        match self {
            Payout::Rating { base, .. } | Payout::Score { base, .. } => *base,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Rounding {
    pub scale: u32,
    pub strategy: RoundingStrategy,
    pub indicator_scores: Option<u32>,
}

impl Plan {
    /// Parse and validate a plan from JSON text. Refuses documents over
    /// [`crate::limits::MAX_PLAN_BYTES`]; returns every problem found.
    pub fn from_json(text: &str) -> Result<Plan, Error> {
        if text.len() > crate::limits::MAX_PLAN_BYTES {
            return Err(Error::Plan(vec![crate::Problem::new(
                "",
                crate::Code::TooLarge,
                format!(
                    "the plan has {} bytes, at most {} allowed",
                    text.len(),
                    crate::limits::MAX_PLAN_BYTES
                ),
            )]));
        }
        let value = crate::util::json::parse(text).map_err(|e| {
            Error::Plan(vec![crate::Problem::new(
                "",
                crate::Code::InvalidJson,
                format!("not valid JSON: {e}"),
            )])
        })?;
        Plan::from_json_value(&value)
    }

    /// Validate a plan already parsed by the host as a `serde_json::Value`.
    ///
    /// Kept for compatibility. Numbers are taken as their `to_string()`: exactly as
    /// written when the host enabled serde_json's `arbitrary_precision` feature,
    /// otherwise the shortest text of the `f64` serde_json read (digits beyond a
    /// float's are then already lost). For exact numbers, prefer
    /// [`Plan::from_json`] with the text.
    pub fn from_value(value: &serde_json::Value) -> Result<Plan, Error> {
        Plan::from_json_value(&Json::from_serde(value))
    }

    /// Validate a plan read by the core's own JSON reader.
    pub(crate) fn from_json_value(value: &Json) -> Result<Plan, Error> {
        let mut reader = Reader::default();
        let draft = crate::plan::parse::read_plan(value, &mut reader);
        crate::plan::validate::validate(draft, reader)
    }

    /// Validate a plan built in Rust.
    pub fn from_spec(spec: &PlanSpec) -> Result<Plan, Error> {
        // Through the text, which writes every number exactly (see `ConditionValue`).
        let value = serde_json::to_string(spec)
            .map_err(|e| e.to_string())
            .and_then(|text| crate::util::json::parse(&text).map_err(|e| e.to_string()))
            .map_err(|message| {
                Error::Plan(vec![crate::Problem::new(
                    "",
                    crate::Code::InvalidJson,
                    message,
                )])
            })?;
        Plan::from_json_value(&value)
    }

    /// The plan as written (normalised: decimals as strings, defaults filled).
    pub fn spec(&self) -> &PlanSpec {
        &self.inner.spec
    }

    /// The plan as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.inner.spec).unwrap_or_default()
    }

    /// The plan's id, as written.
    pub fn id(&self) -> &str {
        &self.inner.spec.id
    }

    /// The plan's display name.
    pub fn name(&self) -> &str {
        &self.inner.spec.name
    }

    /// The plan's version, as shown in every result.
    pub fn version(&self) -> &str {
        &self.inner.spec.version
    }

    /// Indicator ids in plan order.
    pub fn indicator_ids(&self) -> impl Iterator<Item = &str> {
        self.inner.indicators.iter().map(|i| i.id.as_str())
    }

    /// Position of an indicator, for building inputs by index.
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.inner.indicator_index.get(id).copied()
    }

    /// Number of indicators.
    pub fn indicator_count(&self) -> usize {
        self.inner.indicators.len()
    }

    /// The plan's calendar (time zone, fiscal year, week start).
    #[cfg(feature = "run")]
    pub fn calendar(&self) -> crate::plan::calendar::Calendar {
        self.inner.calendar
    }

    /// The role this plan scores in a run.
    pub fn role(&self) -> Option<&str> {
        self.inner.spec.role.as_deref()
    }

    /// The declared scale of result figures.
    pub fn scale(&self) -> u32 {
        self.inner.rounding.scale
    }
}
