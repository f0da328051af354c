//! Semantic checks of a plan that was read for shape, and construction of the
//! validated [`Plan`]. Every problem is collected; none stops the others.

use crate::error::{Code, Error};
use crate::plan::measure::{Cond, Measure};
use crate::plan::parse::Draft;
use crate::plan::spec::*;
use crate::plan::*;
use crate::util::json_reader::{index, join, Reader};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

pub(crate) fn validate(draft: Draft, mut r: Reader) -> Result<Plan, Error> {
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
        indicators.push(indicator(&draft, &mut r, ind, &p));
    }

    // The weight tree, flattened in pre-order.
    let mut tree = TreeBuilder {
        draft: &draft,
        r: &mut r,
        indicator_index: &indicator_index,
        indicators: &spec.indicators,
        nodes: Vec::new(),
        used: HashMap::new(),
        group_ids: HashMap::new(),
    };
    match &spec.tree {
        NodeSpec::Group(g) => {
            if g.weight.is_some() {
                tree.r.push(
                    "/tree/weight",
                    Code::InvalidValue,
                    "the root group has no weight",
                );
            }
            tree.group(g, "/tree", HUNDRED);
        }
        NodeSpec::Indicator(_) => {
            if draft.ok("/tree") {
                tree.r.push(
                    "/tree",
                    Code::WrongType,
                    "the root of the tree must be a group",
                );
            }
        }
    }
    let TreeBuilder {
        mut nodes,
        used,
        group_ids,
        ..
    } = tree;
    if draft.ok("/tree") && draft.ok(crate::plan::parse::TREE_TRUNCATED) {
        for (i, ind) in spec.indicators.iter().enumerate() {
            if !ind.auxiliary && !ind.id.is_empty() && !used.contains_key(&ind.id) {
                r.push(
                    index("/indicators", i),
                    Code::IndicatorNotInTree,
                    format!("main indicator {:?} is not in the weight tree", ind.id),
                );
            }
        }
    }

    // Adjustments.
    let mut gates = Vec::new();
    let mut points = Vec::new();
    let mut adjustments = Vec::new();
    let mut points_index = HashMap::new();
    let mut adjustment_ids: HashSet<String> = HashSet::new();
    for (k, adj) in spec.adjustments.iter().enumerate() {
        let p = index("/adjustments", k);
        match adj {
            AdjustmentSpec::Gate {
                indicator,
                basis,
                threshold,
                cap,
                group,
            } => {
                let ind = indicator_index.get(indicator).copied();
                if ind.is_none() && draft.ok(&format!("{p}/indicator")) {
                    r.push(
                        format!("{p}/indicator"),
                        Code::UnknownIndicator,
                        format!("no indicator {indicator:?}"),
                    );
                }
                // A gate reads its indicator's outcome in the tree: an auxiliary
                // indicator left out of the tree is never scored.
                if ind.is_some()
                    && !used.contains_key(indicator)
                    && draft.ok("/tree")
                    && draft.ok(crate::plan::parse::TREE_TRUNCATED)
                {
                    r.push(
                        format!("{p}/indicator"),
                        Code::GateIndicatorNotInTree,
                        format!(
                            "the gate's indicator {indicator:?} is not in the weight tree: add it there (weight 0 for an auxiliary indicator)"
                        ),
                    );
                }
                let node = match group {
                    None => None,
                    Some(g) => match group_ids.get(g) {
                        Some(n) => Some(*n),
                        None => {
                            r.push(
                                format!("{p}/group"),
                                Code::UnknownGroup,
                                format!("no group {g:?} in the tree"),
                            );
                            None
                        }
                    },
                };
                let id = format!("gate:{indicator}");
                if !adjustment_ids.insert(id.clone()) {
                    r.push(
                        format!("{p}/indicator"),
                        Code::DuplicateId,
                        format!("a second gate on indicator {indicator:?}"),
                    );
                }
                if let Some(ind) = ind {
                    let gi = gates.len();
                    if let Some(n) = node {
                        if let Some(NodeKind::Group { gates, .. }) =
                            nodes.get_mut(n).map(|n: &mut Node| &mut n.kind)
                        {
                            gates.push(gi);
                        }
                    }
                    gates.push(Gate {
                        id,
                        indicator: ind,
                        basis: *basis,
                        threshold: *threshold,
                        cap: *cap,
                        group: node,
                    });
                    adjustments.push(AdjustmentRef::Gate(gi));
                }
            }
            AdjustmentSpec::Bonus { id, max, .. } | AdjustmentSpec::Deduction { id, max, .. } => {
                if *max <= Decimal::ZERO && draft.ok(&format!("{p}/max")) {
                    r.push(format!("{p}/max"), Code::NotPositive, "max must be above 0");
                }
                if !id.is_empty() && !adjustment_ids.insert(id.clone()) {
                    r.push(
                        format!("{p}/id"),
                        Code::DuplicateId,
                        format!("adjustment id {id:?} is used twice"),
                    );
                }
                points_index.insert(id.clone(), points.len());
                adjustments.push(AdjustmentRef::Points(points.len()));
                points.push(PointsItem {
                    id: id.clone(),
                    deduction: matches!(adj, AdjustmentSpec::Deduction { .. }),
                    max: *max,
                });
            }
        }
    }

    let (floor, ceiling) = match &spec.total {
        Some(t) => (t.floor, t.ceiling),
        None => (None, None),
    };
    if let (Some(f), Some(c)) = (floor, ceiling) {
        if f > c {
            r.push(
                "/total/ceiling",
                Code::BandOutOfOrder,
                format!("ceiling {c} is below floor {f}"),
            );
        }
    }

    // Rating bands.
    let mut ratings = Vec::new();
    let mut band_names = HashSet::new();
    let n_bands = spec.ratings.len();
    let mut last_min: Option<Decimal> = None;
    for (k, band) in spec.ratings.iter().enumerate() {
        let p = index("/ratings", k);
        if !band.name.is_empty() && !band_names.insert(band.name.clone()) {
            r.push(
                format!("{p}/name"),
                Code::DuplicateId,
                format!("rating {:?} is named twice", band.name),
            );
        }
        let last = k + 1 == n_bands;
        match (band.min, last) {
            (Some(_), true) => r.push(
                format!("{p}/min"),
                Code::RatingBandsNotExhaustive,
                "the last rating band must have no min, so that every total gets a rating",
            ),
            (None, false) => {
                if draft.ok(&format!("{p}/min")) {
                    r.push(
                        format!("{p}/min"),
                        Code::RatingBandsOutOfOrder,
                        "only the last rating band may omit min",
                    )
                }
            }
            (Some(m), false) => {
                if let Some(prev) = last_min {
                    if m >= prev {
                        r.push(
                            format!("{p}/min"),
                            Code::RatingBandsOutOfOrder,
                            format!("min {m} must be below the previous band's {prev}"),
                        );
                    }
                }
                last_min = Some(m);
            }
            (None, true) => {}
        }
        ratings.push(Band {
            name: band.name.clone(),
            min: band.min,
        });
    }

    let payout = spec
        .payout
        .as_ref()
        .and_then(|p| payout(&mut r, p, &ratings));
    let (rank_method, rank_within) = match &spec.ranking {
        Some(k) => (k.method, k.within.clone()),
        None => (RankMethod::Competition, Vec::new()),
    };
    let calendar_spec = spec.calendar.clone().unwrap_or_default();
    #[cfg(feature = "run")]
    let tz = crate::plan::calendar::parse_time_zone(&calendar_spec.time_zone);
    #[cfg(feature = "run")]
    if tz.is_none() {
        r.push(
            "/calendar/time_zone",
            Code::UnknownTimeZone,
            format!(
                "{:?} is not an IANA time zone (e.g. \"Asia/Shanghai\")",
                calendar_spec.time_zone
            ),
        );
    }
    if !CalendarSpec::WEEKDAYS.contains(&calendar_spec.week_start.as_str()) {
        r.push(
            "/calendar/week_start",
            Code::InvalidValue,
            format!(
                "{:?} is not one of: monday … sunday",
                calendar_spec.week_start
            ),
        );
    }
    #[cfg(feature = "run")]
    let calendar = crate::plan::calendar::Calendar {
        tz: tz.unwrap_or(chrono_tz::Tz::UTC),
        fiscal_year_start: calendar_spec.fiscal_year_start,
        week_start: crate::plan::calendar::parse_weekday(&calendar_spec.week_start)
            .unwrap_or(chrono::Weekday::Mon),
    };
    let rounding_spec = spec.rounding.clone().unwrap_or_default();
    let rounding = Rounding {
        scale: rounding_spec.scale,
        strategy: match rounding_spec.mode {
            RoundingMode::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Down => RoundingStrategy::ToZero,
        },
        indicator_scores: rounding_spec.indicator_scores,
    };

    if !r.problems.is_empty() {
        return Err(Error::Plan(r.problems));
    }
    let warn_below = draft.spec.pace.as_ref().and_then(|p| p.warn_below);
    let spec_facts = draft.spec.facts.clone().unwrap_or_default();
    let mut spec = draft.spec;
    spec.rounding = Some(rounding_spec);
    nodes.shrink_to_fit();
    let mut indicator_nodes = vec![None; indicators.len()];
    for (n, node) in nodes.iter().enumerate() {
        if let NodeKind::Indicator(i) = node.kind {
            if let Some(slot) = indicator_nodes.get_mut(i) {
                *slot = Some(n);
            }
        }
    }
    Ok(Plan {
        inner: Arc::new(PlanInner {
            spec,
            indicators,
            nodes,
            gates,
            points,
            adjustments,
            floor,
            ceiling,
            ratings,
            payout,
            rank_method,
            rank_within,
            rounding,
            indicator_index,
            points_index,
            indicator_nodes,
            #[cfg(feature = "run")]
            calendar,
            fact_fields: spec_facts,
            warn_below,
        }),
    })
}

fn indicator(draft: &Draft, r: &mut Reader, ind: &IndicatorSpec, p: &str) -> Indicator {
    let unit_p = format!("{p}/unit");
    match (&ind.unit.kind, &ind.unit.currency) {
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
    let spec_target = ind.target.clone().unwrap_or_default();
    let tp = format!("{p}/target");
    let basis = spec_target.tier_basis;
    let needs_tiers = match curve {
        Curve::Step { .. } => 1,
        Curve::Linear { .. } => 2,
        _ => 0,
    };
    let needs_value = curve.divides_by_target()
        || matches!(curve, Curve::PassFail { .. })
        || (basis == TierBasis::Achievement && !spec_target.tiers.is_empty());
    if curve_ok {
        if ind.target.is_none() && (needs_value || needs_tiers > 0) {
            r.push(
                tp.clone(),
                Code::TargetRequired,
                format!("a {} curve needs a target", curve.kind().name()),
            );
        } else if ind.target.is_some() {
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
        let divides = curve.divides_by_target() || basis == TierBasis::Achievement;
        if let Some(v) = spec_target.value {
            if divides && v.is_zero() {
                r.push(
                    format!("{tp}/value"),
                    Code::ZeroTarget,
                    "the target is divided by, so it cannot be 0",
                );
            } else if divides && v.is_sign_negative() {
                r.push(
                    format!("{tp}/value"),
                    Code::NegativeTarget,
                    "the target is divided by, so it must be above 0",
                );
            }
        }
        if let Curve::Ratio { cap: None, .. } = curve {
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
    // Tiers: ordered from easiest to hardest.
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
        if needs_tiers > 0 && t.score.is_none() && draft.ok(&format!("{kp}/score")) {
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
        },
        curve,
    }
}

fn measure(r: &mut Reader, m: &MeasureSpec, p: &str, in_ratio: bool) -> Option<Measure> {
    use crate::plan::spec::MeasureKind::*;
    let mut ok = true;
    let mut need = |r: &mut Reader, present: bool, key: &str| {
        if !present {
            r.push(
                join(p, key),
                Code::MissingField,
                format!("a {:?} measure needs {key:?}", m.kind),
            );
            ok = false;
        }
    };
    match m.kind {
        Sum | Distinct | Mean | Min | Max | Latest => need(r, m.field.is_some(), "field"),
        Duration => {
            need(r, m.from.is_some(), "from");
            need(r, m.to.is_some(), "to");
        }
        Share => need(r, !m.condition.is_empty(), "condition"),
        Ratio => {
            need(
                r,
                !in_ratio || m.numerator.is_none(),
                "a measure other than a ratio as numerator",
            );
            need(r, m.numerator.is_some(), "numerator");
            need(r, m.denominator.is_some(), "denominator");
        }
        Count => {}
    }
    if m.kind != Ratio {
        need(r, m.date.is_some(), "date");
    }
    let conds = |r: &mut Reader, list: &[ConditionSpec], key: &str| -> Vec<Cond> {
        list.iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let cp = index(&join(p, key), i);
                match Cond::new(
                    c.field.as_deref(),
                    c.op,
                    c.value.as_ref(),
                    &c.values,
                    c.from.as_deref(),
                    c.to.as_deref(),
                    c.hours,
                ) {
                    Ok(cond) => Some(cond),
                    Err((field, code)) => {
                        let code = match code {
                            "missing_field" => Code::MissingField,
                            "number_out_of_range" => Code::NumberOutOfRange,
                            _ => Code::InvalidValue,
                        };
                        r.push(
                            join(&cp, field),
                            code,
                            format!("condition {:?} needs a valid {field:?}", c.op),
                        );
                        None
                    }
                }
            })
            .collect()
    };
    let filter = conds(r, &m.filter, "where");
    let condition = conds(r, &m.condition, "condition");
    for c in m.filter.iter().chain(&m.condition) {
        if c.op == ConditionOp::Within && c.hours.is_some_and(|h| h <= Decimal::ZERO) {
            r.push(
                join(p, "condition"),
                Code::NotPositive,
                "hours must be above 0",
            );
        }
    }
    let parts = match (&m.numerator, &m.denominator) {
        (Some(n), Some(d)) => {
            let n = measure(r, n, &join(p, "numerator"), true);
            let d = measure(r, d, &join(p, "denominator"), true);
            n.zip(d).map(Box::new)
        }
        _ => None,
    };
    if !ok || (m.kind == Ratio && parts.is_none()) {
        return None;
    }
    Some(Measure {
        kind: m.kind,
        types: m.fact.clone(),
        date: m.date.clone().unwrap_or_default(),
        field: m.field.clone(),
        from: m.from.clone(),
        to: m.to.clone(),
        filter,
        condition,
        parts,
    })
}

fn positive(r: &mut Reader, v: Option<Decimal>, path: String, what: &str) {
    if let Some(v) = v {
        if v <= Decimal::ZERO {
            r.push(path, Code::NotPositive, format!("{what} must be above 0"));
        }
    }
}

fn curve(r: &mut Reader, c: &CurveSpec, p: &str) -> Curve {
    let full_or = |f: Option<Decimal>| f.unwrap_or(HUNDRED);
    match c {
        CurveSpec::Ratio { cap, gate } => {
            positive(r, *cap, format!("{p}/cap"), "cap");
            positive(r, *gate, format!("{p}/gate"), "gate");
            Curve::Ratio {
                cap: *cap,
                gate: *gate,
            }
        }
        CurveSpec::Step { below } => Curve::Step {
            below: below.unwrap_or(Decimal::ZERO),
        },
        CurveSpec::Linear { below, above, max } => {
            positive(r, *max, format!("{p}/max"), "max");
            Curve::Linear {
                below: *below,
                above: *above,
                max: *max,
            }
        }
        CurveSpec::Band {
            low,
            high,
            full,
            per_unit,
            floor,
        } => {
            if low > high {
                r.push(
                    format!("{p}/high"),
                    Code::BandOutOfOrder,
                    format!("high {high} is below low {low}"),
                );
            }
            positive(r, Some(*per_unit), format!("{p}/per_unit"), "per_unit");
            let full = full_or(*full);
            let floor = floor.unwrap_or(Decimal::ZERO);
            if floor >= full {
                r.push(
                    format!("{p}/floor"),
                    Code::FloorNotBelowFull,
                    format!("floor {floor} is not below full {full}"),
                );
            }
            Curve::Band {
                low: *low,
                high: *high,
                full,
                per_unit: *per_unit,
                floor,
            }
        }
        CurveSpec::PassFail { full } => {
            positive(r, *full, format!("{p}/full"), "full");
            Curve::PassFail {
                full: full_or(*full),
            }
        }
        CurveSpec::Deduction {
            full,
            per_unit,
            floor,
        } => {
            positive(r, Some(*per_unit), format!("{p}/per_unit"), "per_unit");
            let full = full_or(*full);
            let floor = floor.unwrap_or(Decimal::ZERO);
            if floor >= full {
                r.push(
                    format!("{p}/floor"),
                    Code::FloorNotBelowFull,
                    format!("floor {floor} is not below full {full}"),
                );
            }
            Curve::Deduction {
                full,
                per_unit: *per_unit,
                floor,
            }
        }
    }
}

struct TreeBuilder<'a> {
    draft: &'a Draft,
    r: &'a mut Reader,
    indicator_index: &'a HashMap<String, usize>,
    indicators: &'a [IndicatorSpec],
    nodes: Vec<Node>,
    used: HashMap<String, usize>,
    group_ids: HashMap<String, usize>,
}

impl TreeBuilder<'_> {
    fn group(&mut self, g: &GroupSpec, p: &str, weight: Decimal) -> usize {
        let me = self.nodes.len();
        if !g.group.is_empty() {
            if self.group_ids.contains_key(&g.group) {
                self.r.push(
                    format!("{p}/group"),
                    Code::DuplicateId,
                    format!("group id {:?} is used twice", g.group),
                );
            } else if self.indicator_index.contains_key(&g.group) {
                self.r.push(
                    format!("{p}/group"),
                    Code::DuplicateId,
                    format!("group id {:?} is also an indicator id", g.group),
                );
            } else {
                self.group_ids.insert(g.group.clone(), me);
            }
        }
        self.nodes.push(Node {
            id: g.group.clone(),
            name: g.name.clone(),
            path: p.to_string(),
            weight,
            missing: g.missing,
            kind: NodeKind::Group {
                children: Vec::new(),
                gates: Vec::new(),
            },
        });
        let cp = join(p, "children");
        if g.children.is_empty() && self.draft.ok(&cp) {
            self.r.push(
                cp.clone(),
                Code::EmptyGroup,
                format!("group {:?} has no children", g.group),
            );
        }
        let mut sum = Decimal::ZERO;
        let mut sum_ok = self.draft.ok(&cp);
        let mut children = Vec::with_capacity(g.children.len());
        for (k, child) in g.children.iter().enumerate() {
            let kp = index(&cp, k);
            let (weight_spec, aux) = match child {
                NodeSpec::Group(cg) => (cg.weight, false),
                NodeSpec::Indicator(ir) => (
                    ir.weight,
                    self.indicator_index
                        .get(&ir.indicator)
                        .and_then(|i| self.indicators.get(*i))
                        .is_some_and(|s| s.auxiliary),
                ),
            };
            let wp = join(&kp, "weight");
            let weight = match weight_spec {
                Some(w) => {
                    if w.is_sign_negative() && !w.is_zero() {
                        self.r.push(
                            wp.clone(),
                            Code::NegativeWeight,
                            format!("weight {w} is negative"),
                        );
                    } else if aux && !w.is_zero() {
                        self.r.push(
                            wp.clone(),
                            Code::AuxiliaryWeightNotZero,
                            format!("an auxiliary indicator has weight 0, not {w}"),
                        );
                    }
                    w
                }
                None => {
                    if !aux && self.draft.ok(&wp) && self.draft.ok(&kp) {
                        self.r
                            .push(wp.clone(), Code::MissingField, "missing field \"weight\"");
                    }
                    if !aux {
                        sum_ok = false;
                    }
                    Decimal::ZERO
                }
            };
            if !self.draft.ok(&wp) || !self.draft.ok(&kp) {
                sum_ok = false;
            }
            sum += weight;
            let idx = match child {
                NodeSpec::Group(cg) => self.group(cg, &kp, weight),
                NodeSpec::Indicator(ir) => self.leaf(ir, &kp, weight),
            };
            children.push(idx);
        }
        if sum_ok && !g.children.is_empty() && sum != Decimal::ONE_HUNDRED {
            self.r.push(
                cp,
                Code::WeightsDoNotSumTo100,
                format!(
                    "the weights of the children of group {:?} sum to {}, not 100",
                    g.group,
                    sum.normalize()
                ),
            );
        }
        if let Some(NodeKind::Group { children: c, .. }) =
            self.nodes.get_mut(me).map(|n| &mut n.kind)
        {
            *c = children;
        }
        me
    }

    fn leaf(&mut self, ir: &IndicatorRefSpec, p: &str, weight: Decimal) -> usize {
        let me = self.nodes.len();
        let ip = join(p, "indicator");
        let target = match self.indicator_index.get(&ir.indicator) {
            Some(i) => {
                if self.used.insert(ir.indicator.clone(), me).is_some() {
                    self.r.push(
                        ip,
                        Code::IndicatorUsedTwice,
                        format!("indicator {:?} is in the tree twice", ir.indicator),
                    );
                }
                *i
            }
            None => {
                if self.draft.ok(&ip) && self.draft.ok(p) {
                    self.r.push(
                        ip,
                        Code::UnknownIndicator,
                        format!("no indicator {:?}", ir.indicator),
                    );
                }
                usize::MAX
            }
        };
        self.nodes.push(Node {
            id: ir.indicator.clone(),
            name: None,
            path: p.to_string(),
            weight,
            missing: ir.missing,
            kind: NodeKind::Indicator(target),
        });
        me
    }
}

fn payout(r: &mut Reader, p: &PayoutSpec, ratings: &[Band]) -> Option<Payout> {
    match p {
        PayoutSpec::Rating {
            base, coefficients, ..
        } => {
            if ratings.is_empty() {
                r.push(
                    "/payout/by",
                    Code::RatingsRequired,
                    "payout by rating needs rating bands",
                );
                return None;
            }
            for name in coefficients.keys() {
                if !ratings.iter().any(|b| &b.name == name) {
                    r.push(
                        join("/payout/coefficients", name),
                        Code::UnknownRating,
                        format!("no rating band {name:?}"),
                    );
                }
            }
            let mut out = Vec::with_capacity(ratings.len());
            for b in ratings {
                match coefficients.get(&b.name) {
                    Some(c) => out.push(*c),
                    None => {
                        r.push(
                            join("/payout/coefficients", &b.name),
                            Code::MissingField,
                            format!("no coefficient for rating {:?}", b.name),
                        );
                        out.push(Decimal::ZERO);
                    }
                }
            }
            Some(Payout::Rating {
                base: *base,
                coefficients: out,
            })
        }
        PayoutSpec::Score {
            base,
            points,
            interpolate,
            ..
        } => {
            for k in 1..points.len() {
                if let (Some(a), Some(b)) = (points.get(k - 1), points.get(k)) {
                    if b.score <= a.score {
                        r.push(
                            format!("/payout/points/{k}/score"),
                            Code::PayoutPointsOutOfOrder,
                            format!(
                                "payout points go up by score: {} after {}",
                                b.score, a.score
                            ),
                        );
                    }
                }
            }
            Some(Payout::Score {
                base: *base,
                points: points.iter().map(|p| (p.score, p.coefficient)).collect(),
                interpolate: *interpolate,
            })
        }
    }
}
