//! Streaming accumulators: one per subject and measured indicator. Memory grows with
//! subjects × indicators (and the distinct values of `distinct` measures), never with
//! the number of facts. Accumulators merge exactly (team roll-ups, threads).

use crate::plan::calendar::DAY_MS;
use crate::plan::measure::Measure;
use crate::plan::spec::MeasureKind;
use crate::util::arith::{div, mul, Calc, Fault};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// What one fact adds to one measure. Texts (a distinct value, the fact id of a
/// `latest`) are passed beside it, borrowed from the row: nothing is allocated
/// unless a new distinct value or a newer latest is kept.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Add {
    Value(Decimal),
    One,
    /// A distinct value: the text is given to [`Acc::add`].
    Text,
    Millis(i64),
    Hit(bool),
    /// The fact id is given to [`Acc::add`].
    Latest {
        instant_ms: i64,
        value: Decimal,
    },
}

pub(crate) type TextSet = HashSet<Box<str>, crate::run::facts::StrBuild>;

#[derive(Debug, Clone)]
pub(crate) enum Acc {
    Sum(Decimal),
    Count(u64),
    Distinct(TextSet),
    Mean {
        sum: Decimal,
        n: u64,
    },
    Duration {
        ms: i128,
        n: u64,
    },
    Share {
        hit: u64,
        n: u64,
    },
    Min(Option<Decimal>),
    Max(Option<Decimal>),
    Latest(Option<(i64, Box<str>, Decimal)>),
    Ratio(Box<Acc>, Box<Acc>),
    /// A sum went beyond what a decimal holds.
    Overflow,
}

impl Acc {
    pub fn new(m: &Measure) -> Acc {
        match m.kind {
            MeasureKind::Sum => Acc::Sum(Decimal::ZERO),
            MeasureKind::Count => Acc::Count(0),
            MeasureKind::Distinct => Acc::Distinct(TextSet::default()),
            MeasureKind::Mean => Acc::Mean {
                sum: Decimal::ZERO,
                n: 0,
            },
            MeasureKind::Duration => Acc::Duration { ms: 0, n: 0 },
            MeasureKind::Share => Acc::Share { hit: 0, n: 0 },
            MeasureKind::Min => Acc::Min(None),
            MeasureKind::Max => Acc::Max(None),
            MeasureKind::Latest => Acc::Latest(None),
            MeasureKind::Ratio => match &m.parts {
                Some(p) => Acc::Ratio(Box::new(Acc::new(&p.0)), Box::new(Acc::new(&p.1))),
                None => Acc::Overflow,
            },
        }
    }

    /// The accumulator a ratio part (0 numerator, 1 denominator) or the measure itself.
    pub fn leaf(&mut self, part: usize) -> &mut Acc {
        match self {
            Acc::Ratio(n, d) => {
                if part == 0 {
                    n
                } else {
                    d
                }
            }
            other => other,
        }
    }

    pub fn add(&mut self, a: &Add, text: &str) {
        let ok = match (&mut *self, a) {
            (Acc::Sum(s), Add::Value(v)) => s.checked_add(*v).map(|x| *s = x).is_some(),
            (Acc::Count(n), Add::One) => {
                *n += 1;
                true
            }
            (Acc::Distinct(set), Add::Text) => {
                if !set.contains(text) {
                    set.insert(text.into());
                }
                true
            }
            (Acc::Mean { sum, n }, Add::Value(v)) => {
                *n += 1;
                sum.checked_add(*v).map(|x| *sum = x).is_some()
            }
            (Acc::Duration { ms, n }, Add::Millis(d)) => {
                *n += 1;
                *ms += i128::from(*d);
                true
            }
            (Acc::Share { hit, n }, Add::Hit(h)) => {
                *n += 1;
                *hit += u64::from(*h);
                true
            }
            (Acc::Min(m), Add::Value(v)) => {
                *m = Some(m.map_or(*v, |x| x.min(*v)));
                true
            }
            (Acc::Max(m), Add::Value(v)) => {
                *m = Some(m.map_or(*v, |x| x.max(*v)));
                true
            }
            (Acc::Latest(l), Add::Latest { instant_ms, value }) => {
                let newer = match l {
                    None => true,
                    Some((t, i, _)) => (*instant_ms, text) > (*t, &**i),
                };
                if newer {
                    *l = Some((*instant_ms, text.into(), *value));
                }
                true
            }
            (Acc::Overflow, _) => true,
            _ => true,
        };
        if !ok {
            *self = Acc::Overflow;
        }
    }

    /// Fold another accumulator of the same measure into this one.
    pub fn merge(&mut self, other: &Acc) {
        let ok = match (&mut *self, other) {
            (Acc::Sum(a), Acc::Sum(b)) => a.checked_add(*b).map(|x| *a = x).is_some(),
            (Acc::Count(a), Acc::Count(b)) => {
                *a += b;
                true
            }
            (Acc::Distinct(a), Acc::Distinct(b)) => {
                a.extend(b.iter().cloned());
                true
            }
            (Acc::Mean { sum, n }, Acc::Mean { sum: s2, n: n2 }) => {
                *n += n2;
                sum.checked_add(*s2).map(|x| *sum = x).is_some()
            }
            (Acc::Duration { ms, n }, Acc::Duration { ms: m2, n: n2 }) => {
                *ms += m2;
                *n += n2;
                true
            }
            (Acc::Share { hit, n }, Acc::Share { hit: h2, n: n2 }) => {
                *hit += h2;
                *n += n2;
                true
            }
            (Acc::Min(a), Acc::Min(b)) => {
                *a = match (*a, *b) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    (x, y) => x.or(y),
                };
                true
            }
            (Acc::Max(a), Acc::Max(b)) => {
                *a = match (*a, *b) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                true
            }
            (Acc::Latest(a), Acc::Latest(Some(b))) => {
                let newer = match a {
                    None => true,
                    Some((t, i, _)) => (b.0, &*b.1) > (*t, &**i),
                };
                if newer {
                    *a = Some(b.clone());
                }
                true
            }
            (Acc::Latest(_), Acc::Latest(None)) => true,
            (Acc::Ratio(n, d), Acc::Ratio(n2, d2)) => {
                n.merge(n2);
                d.merge(d2);
                true
            }
            _ => false,
        };
        if !ok {
            *self = Acc::Overflow;
        }
    }

    /// The measured actual: None is *no data*. `percent` scales shares and ratios by 100.
    pub fn value(&self, percent: bool) -> Calc<Option<Decimal>> {
        let pct = |d: Decimal| {
            if percent {
                mul(d, Decimal::ONE_HUNDRED)
            } else {
                Ok(d)
            }
        };
        Ok(match self {
            Acc::Sum(s) => Some(*s),
            Acc::Count(n) => Some(Decimal::from(*n)),
            Acc::Distinct(set) => Some(Decimal::from(set.len() as u64)),
            Acc::Mean { n: 0, .. } | Acc::Duration { n: 0, .. } | Acc::Share { n: 0, .. } => None,
            Acc::Mean { sum, n } => Some(div(*sum, Decimal::from(*n))?),
            Acc::Duration { ms, n } => {
                let total = Decimal::try_from_i128_with_scale(*ms, 0).map_err(|_| Fault)?;
                let per = mul(Decimal::from(*n), Decimal::from(DAY_MS))?;
                Some(div(total, per)?)
            }
            Acc::Share { hit, n } => Some(pct(div(Decimal::from(*hit), Decimal::from(*n))?)?),
            Acc::Min(m) | Acc::Max(m) => *m,
            Acc::Latest(l) => l.as_ref().map(|(_, _, v)| *v),
            Acc::Ratio(n, d) => match (n.value(false)?, d.value(false)?) {
                (Some(a), Some(b)) if !b.is_zero() => Some(pct(div(a, b)?)?),
                _ => None,
            },
            Acc::Overflow => return Err(Fault),
        })
    }
}
