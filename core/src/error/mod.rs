//! Errors: one [`Error`] type, each problem with a stable [`Code`] and a JSON-pointer path.

use std::fmt;

/// A stable, machine-readable reason. The string form (`Code::as_str`) never changes
/// once released; new codes may be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Code {
    /// The document is not valid JSON (the path is then empty).
    InvalidJson,
    /// The plan text is longer than [`crate::limits::MAX_PLAN_BYTES`] (1 MiB).
    TooLarge,
    /// A value has the wrong JSON type (e.g. a string where an object belongs).
    WrongType,
    /// A required field is absent.
    MissingField,
    /// A field the format does not define (typos are refused, not ignored).
    UnknownField,
    /// An enum string not in the list, or a value outside its allowed form (e.g. a name's length).
    InvalidValue,
    /// An id is not 1 to 64 of `A-Z a-z 0-9 _ . : -`.
    InvalidId,
    /// A number field holds text that is not a decimal number.
    NotANumber,
    /// A number is NaN or infinite.
    NotFinite,
    /// A number's absolute value is too large for exact decimal arithmetic.
    NumberOutOfRange,
    /// A number has more digits after the decimal point than exact arithmetic keeps.
    TooManyDigits,
    /// Two indicators, groups, adjustments or other items share an id.
    DuplicateId,
    /// An id names no indicator of the plan (in the tree, a gate, actuals or targets).
    UnknownIndicator,
    /// An adjustment names a group that is not in the weight tree.
    UnknownGroup,
    /// Payout by rating names a rating band the plan does not have.
    UnknownRating,
    /// Input points name no bonus or deduction of the plan.
    UnknownAdjustment,
    /// The weights of a group's children do not sum to 100.
    WeightsDoNotSumTo100,
    /// A tree node has a weight below 0.
    NegativeWeight,
    /// An auxiliary indicator has a weight other than 0.
    AuxiliaryWeightNotZero,
    /// A main indicator is not in the weight tree.
    IndicatorNotInTree,
    /// A gate's indicator is not in the weight tree (add it with weight 0 if auxiliary).
    GateIndicatorNotInTree,
    /// An indicator appears twice in the weight tree.
    IndicatorUsedTwice,
    /// A group of the weight tree has no children.
    EmptyGroup,
    /// Groups nest deeper than the tree's depth limit.
    TooDeep,
    /// The weight tree, or the list of adjustments, has more items than allowed.
    TooManyNodes,
    /// The plan has more indicators than allowed.
    TooManyIndicators,
    /// A list of tiers, ratings, payout points or condition values is longer than allowed.
    TooManyTiers,
    /// Tiers do not go from easiest to hardest.
    TiersOutOfOrder,
    /// Two tiers share a name or a threshold.
    DuplicateTier,
    /// A harder tier scores below an easier one.
    TierScoresDecrease,
    /// A tiered curve has fewer tiers than it needs.
    TiersRequired,
    /// A curve that scores by tier has a tier without a score.
    TierScoreRequired,
    /// The curve needs a target and the indicator has none (no value, not per_subject).
    TargetRequired,
    /// A target the curve divides by is 0.
    ZeroTarget,
    /// A target the curve divides by is below 0.
    NegativeTarget,
    /// A lower-is-better ratio curve has no cap, or an extrapolated achievement curve no max.
    CapRequired,
    /// A step, parameter, tier threshold or limit that must be above 0 is not.
    NotPositive,
    /// The curve does not fit the indicator's direction (band needs `band`, deduction `lower_is_better`).
    CurveDirectionMismatch,
    /// A band's high is below its low, or the total's ceiling below its floor.
    BandOutOfOrder,
    /// A band or deduction curve's floor is not below its full score.
    FloorNotBelowFull,
    /// Rating bands' `min` do not decrease, or a band before the last omits `min`.
    RatingBandsOutOfOrder,
    /// The last rating band has a `min`, so some totals would get no rating.
    RatingBandsNotExhaustive,
    /// Payout points do not go up by score.
    PayoutPointsOutOfOrder,
    /// Payout by rating is given but the plan has no rating bands.
    RatingsRequired,
    /// A money unit has no currency.
    CurrencyRequired,
    /// Two subjects (or roster rows) share an id.
    DuplicateSubject,
    /// A subject's own target is given for an indicator whose target is not `per_subject`.
    TargetNotPerSubject,
    /// A subject's active share of the period is not in (0, 1].
    ActiveOutOfRange,
    /// Bonus or deduction points are given as a negative number.
    NegativePoints,
    /// A result problem: a node has no data and its missing policy is `refuse`.
    MissingData,
    /// Arithmetic went beyond 28 significant digits (a result problem, or refusing a run's sums).
    Overflow,
    /// `calendar.time_zone` is not an IANA time zone name.
    UnknownTimeZone,
    /// The plans of one run do not share one calendar.
    CalendarMismatch,
    /// The run's period (or `as_of`, not inside it) cannot be read.
    BadPeriod,
    /// A roster row's start or end is not a date (`YYYY-MM-DD`).
    BadDate,
    /// A roster row's share, or a targets or actuals value, is not a decimal number.
    BadNumber,
    /// A targets or actuals row names a subject (or a `team_targets` row a team) not in the roster.
    UnknownSubject,
    /// Two bands of an earnings table share an amount.
    BandsOverlap,
    /// An earnings cap or band bound is below zero.
    NegativeBound,
    /// The result text would be larger than `limits::MAX_OUTPUT_BYTES`.
    OutputTooLarge,
}

impl Code {
    /// Every code, in declaration order (for bindings that mirror the list and tests
    /// that check them).
    pub const ALL: &'static [Code] = &[
        Code::InvalidJson,
        Code::TooLarge,
        Code::WrongType,
        Code::MissingField,
        Code::UnknownField,
        Code::InvalidValue,
        Code::InvalidId,
        Code::NotANumber,
        Code::NotFinite,
        Code::NumberOutOfRange,
        Code::TooManyDigits,
        Code::DuplicateId,
        Code::UnknownIndicator,
        Code::UnknownGroup,
        Code::UnknownRating,
        Code::UnknownAdjustment,
        Code::WeightsDoNotSumTo100,
        Code::NegativeWeight,
        Code::AuxiliaryWeightNotZero,
        Code::IndicatorNotInTree,
        Code::GateIndicatorNotInTree,
        Code::IndicatorUsedTwice,
        Code::EmptyGroup,
        Code::TooDeep,
        Code::TooManyNodes,
        Code::TooManyIndicators,
        Code::TooManyTiers,
        Code::TiersOutOfOrder,
        Code::DuplicateTier,
        Code::TierScoresDecrease,
        Code::TiersRequired,
        Code::TierScoreRequired,
        Code::TargetRequired,
        Code::ZeroTarget,
        Code::NegativeTarget,
        Code::CapRequired,
        Code::NotPositive,
        Code::CurveDirectionMismatch,
        Code::BandOutOfOrder,
        Code::FloorNotBelowFull,
        Code::RatingBandsOutOfOrder,
        Code::RatingBandsNotExhaustive,
        Code::PayoutPointsOutOfOrder,
        Code::RatingsRequired,
        Code::CurrencyRequired,
        Code::DuplicateSubject,
        Code::TargetNotPerSubject,
        Code::ActiveOutOfRange,
        Code::NegativePoints,
        Code::MissingData,
        Code::Overflow,
        Code::UnknownTimeZone,
        Code::CalendarMismatch,
        Code::BadPeriod,
        Code::BadDate,
        Code::BadNumber,
        Code::UnknownSubject,
        Code::BandsOverlap,
        Code::NegativeBound,
        Code::OutputTooLarge,
    ];

    /// The stable snake_case code, e.g. `weights_do_not_sum_to_100`.
    pub fn as_str(self) -> &'static str {
        use Code::*;
        match self {
            InvalidJson => "invalid_json",
            TooLarge => "too_large",
            WrongType => "wrong_type",
            MissingField => "missing_field",
            UnknownField => "unknown_field",
            InvalidValue => "invalid_value",
            InvalidId => "invalid_id",
            NotANumber => "not_a_number",
            NotFinite => "not_finite",
            NumberOutOfRange => "number_out_of_range",
            TooManyDigits => "too_many_digits",
            DuplicateId => "duplicate_id",
            UnknownIndicator => "unknown_indicator",
            UnknownGroup => "unknown_group",
            UnknownRating => "unknown_rating",
            UnknownAdjustment => "unknown_adjustment",
            WeightsDoNotSumTo100 => "weights_do_not_sum_to_100",
            NegativeWeight => "negative_weight",
            AuxiliaryWeightNotZero => "auxiliary_weight_not_zero",
            IndicatorNotInTree => "indicator_not_in_tree",
            GateIndicatorNotInTree => "gate_indicator_not_in_tree",
            IndicatorUsedTwice => "indicator_used_twice",
            EmptyGroup => "empty_group",
            TooDeep => "too_deep",
            TooManyNodes => "too_many_nodes",
            TooManyIndicators => "too_many_indicators",
            TooManyTiers => "too_many_tiers",
            TiersOutOfOrder => "tiers_out_of_order",
            DuplicateTier => "duplicate_tier",
            TierScoresDecrease => "tier_scores_decrease",
            TiersRequired => "tiers_required",
            TierScoreRequired => "tier_score_required",
            TargetRequired => "target_required",
            ZeroTarget => "zero_target",
            NegativeTarget => "negative_target",
            CapRequired => "cap_required",
            NotPositive => "not_positive",
            CurveDirectionMismatch => "curve_direction_mismatch",
            BandOutOfOrder => "band_out_of_order",
            FloorNotBelowFull => "floor_not_below_full",
            RatingBandsOutOfOrder => "rating_bands_out_of_order",
            RatingBandsNotExhaustive => "rating_bands_not_exhaustive",
            PayoutPointsOutOfOrder => "payout_points_out_of_order",
            RatingsRequired => "ratings_required",
            CurrencyRequired => "currency_required",
            DuplicateSubject => "duplicate_subject",
            TargetNotPerSubject => "target_not_per_subject",
            ActiveOutOfRange => "active_out_of_range",
            NegativePoints => "negative_points",
            MissingData => "missing_data",
            Overflow => "overflow",
            UnknownTimeZone => "unknown_time_zone",
            CalendarMismatch => "calendar_mismatch",
            BadPeriod => "bad_period",
            BadDate => "bad_date",
            BadNumber => "bad_number",
            UnknownSubject => "unknown_subject",
            BandsOverlap => "bands_overlap",
            NegativeBound => "negative_bound",
            OutputTooLarge => "output_too_large",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong, at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON pointer into the document that was read (`/tree/children/1/children`).
    pub path: String,
    /// Stable machine code.
    pub code: Code,
    /// Human explanation.
    pub message: String,
}

impl Problem {
    /// A problem at `path` (a JSON pointer) with a stable code and a message.
    pub fn new(path: impl Into<String>, code: Code, message: impl Into<String>) -> Self {
        Problem {
            path: path.into(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        write!(f, "{path}: {}: {}", self.code, self.message)
    }
}

/// Which document was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The plan (scorecard definition) is invalid.
    Plan,
    /// The input (actuals, subjects, facts, period) is invalid.
    Input,
}

impl ErrorKind {
    /// `plan` or `input`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Plan => "plan",
            ErrorKind::Input => "input",
        }
    }
}

/// A refused document with every problem found in it (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The plan was refused.
    #[error("invalid plan: {}", summary(.0))]
    Plan(Vec<Problem>),
    /// The input was refused.
    #[error("invalid input: {}", summary(.0))]
    Input(Vec<Problem>),
}

fn summary(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().enumerate() {
        if i == 3 {
            out.push_str(&format!("; and {} more", problems.len() - 3));
            break;
        }
        if i > 0 {
            out.push_str("; ");
        }
        out.push_str(&p.to_string());
    }
    out
}

impl Error {
    /// Plan or input.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Plan(_) => ErrorKind::Plan,
            Error::Input(_) => ErrorKind::Input,
        }
    }

    /// Every problem found, in document order.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Plan(p) | Error::Input(p) => p,
        }
    }

    /// The error as the JSON text every binding shares, keys in this order:
    /// `{"error":"plan","problems":[{"path":…,"code":…,"message":…}]}`.
    ///
    /// ```
    /// let err = attain::Plan::from_json("{").unwrap_err();
    /// assert!(err.to_json().starts_with(r#"{"error":"plan","problems":[{"path":"","code":"invalid_json","message":"#));
    /// ```
    pub fn to_json(&self) -> String {
        // serde_json escapes a string the same with or without any feature.
        let text = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
        let mut out = format!(r#"{{"error":"{}","problems":["#, self.kind().as_str());
        for (i, p) in self.problems().iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                r#"{{"path":{},"code":"{}","message":{}}}"#,
                text(&p.path),
                p.code.as_str(),
                text(&p.message)
            ));
        }
        out.push_str("]}");
        out
    }

    /// The error as the JSON object every binding shares:
    /// `{"error": "plan", "problems": [{"path", "code", "message"}]}`. The keys are
    /// in that order only when the host enabled serde_json's `preserve_order`;
    /// [`Error::to_json`] gives the text in that order always.
    pub fn to_json_value(&self) -> serde_json::Value {
        let problems: Vec<serde_json::Value> = self
            .problems()
            .iter()
            .map(|p| {
                serde_json::json!({
                    "path": p.path,
                    "code": p.code.as_str(),
                    "message": p.message,
                })
            })
            .collect();
        serde_json::json!({ "error": self.kind().as_str(), "problems": problems })
    }
}

#[cfg(test)]
mod tests {
    use super::Code;
    use std::collections::HashSet;

    #[test]
    fn every_code_is_listed_once_with_its_own_text() {
        let texts: HashSet<_> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(texts.len(), Code::ALL.len());
        assert!(Code::ALL.contains(&Code::UnknownSubject));
        assert!(texts.iter().all(|t| t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')));
    }
}

#[cfg(test)]
mod json_text {
    use super::{Code, Error, Problem};

    #[test]
    fn the_text_form_keeps_the_shared_key_order_and_escapes() {
        let e = Error::Input(vec![
            Problem::new("/a~1b", Code::MissingField, "missing field \"x\"\n"),
            Problem::new("", Code::InvalidJson, "目标"),
        ]);
        assert_eq!(
            e.to_json(),
            r#"{"error":"input","problems":[{"path":"/a~1b","code":"missing_field","message":"missing field \"x\"\n"},{"path":"","code":"invalid_json","message":"目标"}]}"#
        );
        let back: serde_json::Value = serde_json::from_str(&e.to_json()).unwrap_or_default();
        assert_eq!(back, e.to_json_value());
    }
}
