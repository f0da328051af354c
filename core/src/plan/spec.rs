//! The plan document as written by a user (JSON). These types serialise a plan back
//! to JSON and generate its JSON Schema; [`crate::Plan`] is the validated form.
//!
//! Decimals are written as strings and read from strings or JSON numbers, exactly.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// JSON Schema of a decimal: a number or a string holding one.
pub(crate) struct DecimalText;

impl JsonSchema for DecimalText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A decimal, as a JSON number or a string (\"12.50\", \"1.5e3\"); |x| < 10^15, at most 10 fraction digits",
            "type": ["string", "number"],
            "pattern": "^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$"
        })
    }
}

/// A KPI plan (scorecard definition) for one role.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSpec {
    pub id: String,
    pub name: String,
    pub version: String,
    pub indicators: Vec<IndicatorSpec>,
    pub tree: NodeSpec,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<AdjustmentSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<TotalSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<RatingSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<PayoutSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingSpec>,
    /// Roster subjects with this role are scored by this plan (in a run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarSpec>,
    /// Names of the id, subject and type fields of a fact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<FactFieldsSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pace: Option<PaceSpec>,
}

/// Time zone, fiscal year start and week start of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarSpec {
    /// IANA name, e.g. `Asia/Shanghai` (default `UTC`).
    pub time_zone: String,
    /// 1–12 (default 1).
    pub fiscal_year_start: u32,
    /// `monday` … `sunday` (default `monday`).
    pub week_start: String,
}

impl Default for CalendarSpec {
    fn default() -> Self {
        CalendarSpec {
            time_zone: "UTC".into(),
            fiscal_year_start: 1,
            week_start: "monday".into(),
        }
    }
}

/// Which fields of a fact hold its id, subject and type.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactFieldsSpec {
    pub id: String,
    pub subject: String,
    #[serde(rename = "type")]
    pub kind: String,
}

impl Default for FactFieldsSpec {
    fn default() -> Self {
        FactFieldsSpec {
            id: "id".into(),
            subject: "subject".into(),
            kind: "type".into(),
        }
    }
}

/// Period-to-date early warning (预警).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaceSpec {
    /// Warn when an indicator's pace is below this percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub warn_below: Option<Decimal>,
}

/// How an indicator's actual is measured from facts.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureSpec {
    pub kind: MeasureKind,
    /// Fact types read (absent: every type).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact: Vec<String>,
    /// The field whose local date puts a fact into a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(rename = "where", default, skip_serializing_if = "Vec::is_empty")]
    pub filter: Vec<ConditionSpec>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionSpec>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub numerator: Option<Box<MeasureSpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<Box<MeasureSpec>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    #[default]
    Sum,
    Count,
    Distinct,
    Mean,
    Duration,
    Share,
    Min,
    Max,
    Latest,
    Ratio,
}

impl MeasureKind {
    pub(crate) const ALL: [(&'static str, MeasureKind); 10] = [
        ("sum", MeasureKind::Sum),
        ("count", MeasureKind::Count),
        ("distinct", MeasureKind::Distinct),
        ("mean", MeasureKind::Mean),
        ("duration", MeasureKind::Duration),
        ("share", MeasureKind::Share),
        ("min", MeasureKind::Min),
        ("max", MeasureKind::Max),
        ("latest", MeasureKind::Latest),
        ("ratio", MeasureKind::Ratio),
    ];

    /// Sums that grow with the window (prorated in period-to-date views).
    pub fn is_additive(self) -> bool {
        matches!(
            self,
            MeasureKind::Sum | MeasureKind::Count | MeasureKind::Distinct
        )
    }
}

/// A condition on a fact's fields.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub op: ConditionOp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ConditionValue>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub hours: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConditionOp {
    #[default]
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
    In,
    NotIn,
    Present,
    Absent,
    Within,
}

impl ConditionOp {
    pub(crate) const ALL: [(&'static str, ConditionOp); 11] = [
        ("eq", ConditionOp::Eq),
        ("ne", ConditionOp::Ne),
        ("lt", ConditionOp::Lt),
        ("lte", ConditionOp::Lte),
        ("gt", ConditionOp::Gt),
        ("gte", ConditionOp::Gte),
        ("in", ConditionOp::In),
        ("not_in", ConditionOp::NotIn),
        ("present", ConditionOp::Present),
        ("absent", ConditionOp::Absent),
        ("within", ConditionOp::Within),
    ];
}

/// A condition's value: text, a number (compared as decimals) or a boolean.
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(untagged)]
pub enum ConditionValue {
    Text(String),
    #[schemars(with = "f64")]
    Number(Decimal),
    Bool(bool),
}

impl Serialize for ConditionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ConditionValue::Text(t) => s.serialize_str(t),
            ConditionValue::Bool(b) => s.serialize_bool(*b),
            // A JSON number, written exactly (serde_json's arbitrary precision).
            ConditionValue::Number(d) => match d.to_string().parse::<serde_json::Number>() {
                Ok(n) => n.serialize(s),
                Err(_) => s.serialize_str(&d.to_string()),
            },
        }
    }
}

/// A named, measurable KPI (指标).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    pub id: String,
    pub name: String,
    pub unit: UnitSpec,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub step: Option<Decimal>,
    pub direction: Direction,
    #[serde(default)]
    pub class: Class,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub auxiliary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetSpec>,
    pub curve: CurveSpec,
    /// How the actual is measured from facts (absent: supplied directly).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<MeasureSpec>,
}

/// The unit of an indicator's actual.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitSpec {
    pub kind: UnitKind,
    /// ISO 4217 code, for money only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    Money,
    Count,
    Percent,
    Ratio,
    Days,
    Points,
}

impl UnitKind {
    pub(crate) const ALL: [(&'static str, UnitKind); 6] = [
        ("money", UnitKind::Money),
        ("count", UnitKind::Count),
        ("percent", UnitKind::Percent),
        ("ratio", UnitKind::Ratio),
        ("days", UnitKind::Days),
        ("points", UnitKind::Points),
    ];

    /// The default resolution of an actual in this unit.
    pub fn default_step(self) -> Decimal {
        match self {
            UnitKind::Count => Decimal::ONE,
            UnitKind::Ratio => Decimal::new(1, 4),
            UnitKind::Money | UnitKind::Percent | UnitKind::Days | UnitKind::Points => {
                Decimal::new(1, 2)
            }
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
    Band,
}

impl Direction {
    pub(crate) const ALL: [(&'static str, Direction); 3] = [
        ("higher_is_better", Direction::HigherIsBetter),
        ("lower_is_better", Direction::LowerIsBetter),
        ("band", Direction::Band),
    ];
}

/// Result (结果), process (过程) or collaboration (协同) indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    #[default]
    Result,
    Process,
    Collaboration,
}

impl Class {
    pub(crate) const ALL: [(&'static str, Class); 3] = [
        ("result", Class::Result),
        ("process", Class::Process),
        ("collaboration", Class::Collaboration),
    ];
}

/// What is expected: one value (or one per subject) and named tiers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub value: Option<Decimal>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_subject: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prorate: bool,
    #[serde(default)]
    pub tier_basis: TierBasis,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<TierSpec>,
}

/// Whether tier points are actuals or achievement percentages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TierBasis {
    #[default]
    Actual,
    Achievement,
}

impl TierBasis {
    pub(crate) const ALL: [(&'static str, TierBasis); 2] = [
        ("actual", TierBasis::Actual),
        ("achievement", TierBasis::Achievement),
    ];
}

/// One tier (门槛/目标/挑战, 基础/优秀/卓越).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TierSpec {
    pub name: String,
    #[schemars(with = "DecimalText")]
    pub at: Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub score: Option<Decimal>,
}

/// How an actual becomes an indicator score.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CurveSpec {
    Ratio {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        cap: Option<Decimal>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        gate: Option<Decimal>,
    },
    Step {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        below: Option<Decimal>,
    },
    Linear {
        #[serde(default)]
        below: Below,
        #[serde(default)]
        above: Above,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        max: Option<Decimal>,
    },
    Band {
        #[schemars(with = "DecimalText")]
        low: Decimal,
        #[schemars(with = "DecimalText")]
        high: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
    PassFail {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
    },
    Deduction {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        full: Option<Decimal>,
        #[schemars(with = "DecimalText")]
        per_unit: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        floor: Option<Decimal>,
    },
}

/// Below the first tier of a linear curve: score 0, or the first tier's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Below {
    #[default]
    Zero,
    Flat,
}

/// Above the last tier of a linear curve: keep its score, or continue the slope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Above {
    #[default]
    Cap,
    Extrapolate,
}

/// A node of the weight tree (权重): a group or an indicator reference.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum NodeSpec {
    Group(GroupSpec),
    Indicator(IndicatorRefSpec),
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupSpec {
    pub group: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Percent of the parent (absent at the root).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub missing: Missing,
    pub children: Vec<NodeSpec>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRefSpec {
    pub indicator: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub weight: Option<Decimal>,
    #[serde(default)]
    pub missing: Missing,
}

/// What a node with no data does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// Left out; siblings with data share the weight.
    #[default]
    Reweight,
    /// Scores 0.
    Zero,
    /// The subject is not scored.
    Refuse,
}

impl Missing {
    pub(crate) const ALL: [(&'static str, Missing); 3] = [
        ("reweight", Missing::Reweight),
        ("zero", Missing::Zero),
        ("refuse", Missing::Refuse),
    ];
}

/// Gates and bonus / deduction points (加分/扣分).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum AdjustmentSpec {
    Gate {
        indicator: String,
        #[serde(default)]
        basis: TierBasis,
        #[schemars(with = "DecimalText")]
        threshold: Decimal,
        #[schemars(with = "DecimalText")]
        cap: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<String>,
    },
    Bonus {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[schemars(with = "DecimalText")]
        max: Decimal,
    },
    Deduction {
        id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[schemars(with = "DecimalText")]
        max: Decimal,
    },
}

/// Bounds of the total.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub floor: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub ceiling: Option<Decimal>,
}

/// A rating band (S/A/B/C/D); the last has no `min`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalText>")]
    pub min: Option<Decimal>,
}

/// Score or rating → bonus coefficient (奖金系数); payout = base × coefficient.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum PayoutSpec {
    Rating {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        #[schemars(with = "BTreeMap<String, DecimalText>")]
        coefficients: BTreeMap<String, Decimal>,
    },
    Score {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        currency: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[schemars(with = "Option<DecimalText>")]
        base: Option<Decimal>,
        points: Vec<PayoutPointSpec>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        interpolate: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayoutPointSpec {
    #[schemars(with = "DecimalText")]
    pub score: Decimal,
    #[schemars(with = "DecimalText")]
    pub coefficient: Decimal,
}

/// How ranks are given.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RankingSpec {
    #[serde(default)]
    pub method: RankMethod,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub within: Vec<String>,
}

/// Competition (1, 2, 2, 4) or dense (1, 2, 2, 3) ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RankMethod {
    #[default]
    Competition,
    Dense,
}

/// Where and how figures are rounded.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundingSpec {
    #[serde(default = "default_scale")]
    pub scale: u32,
    #[serde(default)]
    pub mode: RoundingMode,
    #[serde(default)]
    pub indicator_scores: Option<u32>,
}

fn default_scale() -> u32 {
    2
}

impl Default for RoundingSpec {
    fn default() -> Self {
        RoundingSpec {
            scale: 2,
            mode: RoundingMode::HalfAwayFromZero,
            indicator_scores: None,
        }
    }
}

/// Rounding rule for a midpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// 四舍五入: 2.345 → 2.35, −2.345 → −2.35.
    #[default]
    HalfAwayFromZero,
    /// Banker's rounding: 2.345 → 2.34.
    HalfEven,
    /// Toward zero: 2.349 → 2.34.
    Down,
}
