//! The validated earnings: each line's amount resolved to an indicator (or the
//! total), its table's bands in increasing order without overlap, its multiplier
//! in rating order. Only [`crate::plan::validate`] makes these.

use rust_decimal::Decimal;

#[derive(Debug)]
pub(crate) struct Earnings {
    pub cap: Option<Decimal>,
    pub lines: Vec<Line>,
}

#[derive(Debug)]
pub(crate) struct Line {
    pub amount: Amount,
    pub table: Table,
    pub multiplier: Option<Multiplier>,
    pub cap: Option<Decimal>,
}

/// Where a line's amount comes from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Amount {
    /// The actual of indicator `.0`.
    Actual(usize),
    /// The achievement of indicator `indicator`, whose tree node is `node`.
    Achievement { indicator: usize, node: usize },
    /// The subject's rounded total.
    Total,
}

#[derive(Debug)]
pub(crate) enum Table {
    Flat(Decimal),
    /// Bands in increasing order, none overlapping another.
    Tiers(Vec<TierBand>),
    /// (from, rate), `from` ≥ 0 strictly increasing.
    Marginal(Vec<(Decimal, Decimal)>),
    /// (at, rate), `at` strictly increasing.
    Interpolated {
        base: Option<Decimal>,
        points: Vec<(Decimal, Decimal)>,
    },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Bound {
    pub at: Decimal,
    pub inclusive: bool,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct TierBand {
    pub from: Bound,
    /// None: open-ended (the last band only).
    pub to: Option<Bound>,
    pub rate: Decimal,
}

impl TierBand {
    /// Whether `x` (≥ 0) is in the band.
    pub fn holds(&self, x: Decimal) -> bool {
        let above = x > self.from.at || (x == self.from.at && self.from.inclusive);
        let below = self
            .to
            .is_none_or(|t| x < t.at || (x == t.at && t.inclusive));
        above && below
    }
}

#[derive(Debug)]
pub(crate) enum Multiplier {
    /// A factor per rating band, in band order.
    Rating(Vec<Decimal>),
    /// (score, factor), score strictly increasing.
    Score {
        points: Vec<(Decimal, Decimal)>,
        interpolate: bool,
    },
}
