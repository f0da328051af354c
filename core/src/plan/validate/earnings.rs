//! Earnings: line ids unique, amounts on known indicators, bands in order and not
//! overlapping, bounds and caps not negative, multipliers naming every rating band.

use crate::error::Code;
use crate::plan::earnings::{Amount, Bound, Earnings, Line, Multiplier, Table, TierBand};
use crate::plan::parse::Draft;
use crate::plan::spec::{AmountBasis, EarningsLineSpec, EarningsSpec, MultiplierSpec, TableSpec};
use crate::plan::Band;
use crate::util::json_reader::{index, join, Reader};
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

pub(super) fn earnings(
    r: &mut Reader,
    draft: &Draft,
    spec: &EarningsSpec,
    indicator_index: &HashMap<String, usize>,
    indicator_nodes: &[Option<usize>],
    ratings: &[Band],
) -> Option<Earnings> {
    not_negative(r, "/earnings/cap", spec.cap);
    if spec.lines.is_empty() && draft.ok("/earnings/lines") {
        r.push(
            "/earnings/lines",
            Code::TiersRequired,
            "earnings need at least one line",
        );
    }
    let mut ids = HashSet::new();
    let mut lines = Vec::with_capacity(spec.lines.len());
    for (k, l) in spec.lines.iter().enumerate() {
        let p = index("/earnings/lines", k);
        if !draft.ok(&p) {
            continue; // not read: its problems are reported already
        }
        if !ids.insert(l.id.as_str()) {
            r.push(
                format!("{p}/id"),
                Code::DuplicateId,
                format!("earnings line {:?} is declared twice", l.id),
            );
        }
        not_negative(r, &format!("{p}/cap"), l.cap);
        let amount = amount(r, &p, l, indicator_index, indicator_nodes);
        let table = table(r, &format!("{p}/table"), &l.table);
        let multiplier = l
            .multiplier
            .as_ref()
            .map(|m| multiplier(r, &format!("{p}/multiplier"), m, ratings));
        // None: no multiplier; Some(None): a multiplier that was refused.
        if let (Some(amount), Some(multiplier)) =
            (amount, multiplier.map_or(Some(None), |m| m.map(Some)))
        {
            lines.push(Line {
                amount,
                table,
                multiplier,
                cap: l.cap,
            });
        }
    }
    Some(Earnings {
        cap: spec.cap,
        lines,
    })
}

fn not_negative(r: &mut Reader, path: &str, d: Option<Decimal>) {
    if let Some(d) = d.filter(|d| d.is_sign_negative() && !d.is_zero()) {
        r.push(path, Code::NegativeBound, format!("{d} is below zero"));
    }
}

fn amount(
    r: &mut Reader,
    p: &str,
    l: &EarningsLineSpec,
    indicator_index: &HashMap<String, usize>,
    indicator_nodes: &[Option<usize>],
) -> Option<Amount> {
    let ip = format!("{p}/indicator");
    let Some(id) = &l.indicator else {
        if l.basis == AmountBasis::Total {
            return Some(Amount::Total);
        }
        r.push(
            ip,
            Code::MissingField,
            format!("basis {:?} needs an indicator", l.basis.as_str()),
        );
        return None;
    };
    if l.basis == AmountBasis::Total {
        r.push(ip, Code::InvalidValue, "basis \"total\" takes no indicator");
        return None;
    }
    let Some(&i) = indicator_index.get(id) else {
        r.push(ip, Code::UnknownIndicator, format!("no indicator {id:?}"));
        return None;
    };
    if l.basis == AmountBasis::Actual {
        return Some(Amount::Actual(i));
    }
    match indicator_nodes.get(i).copied().flatten() {
        Some(node) => Some(Amount::Achievement { indicator: i, node }),
        None => {
            r.push(
                ip,
                Code::IndicatorNotInTree,
                format!("indicator {id:?} is not in the tree, so it has no achievement"),
            );
            None
        }
    }
}

fn table(r: &mut Reader, p: &str, t: &TableSpec) -> Table {
    match t {
        TableSpec::Flat { rate } => Table::Flat(*rate),
        TableSpec::Tiers { bands } => {
            let mut out: Vec<TierBand> = Vec::with_capacity(bands.len());
            let last = bands.len().saturating_sub(1);
            for (k, b) in bands.iter().enumerate() {
                let bp = index(&format!("{p}/bands"), k);
                not_negative(r, &format!("{bp}/from"), Some(b.from));
                let from = Bound {
                    at: b.from,
                    inclusive: b.from_inclusive,
                };
                let to = b.to.map(|at| Bound {
                    at,
                    inclusive: b.to_inclusive,
                });
                match to {
                    None if k != last => r.push(
                        format!("{bp}/to"),
                        Code::MissingField,
                        "only the last band may omit \"to\" (open-ended)",
                    ),
                    Some(t)
                        if t.at < from.at
                            || (t.at == from.at && !(t.inclusive && from.inclusive)) =>
                    {
                        r.push(
                            format!("{bp}/to"),
                            Code::BandOutOfOrder,
                            format!("the band from {} to {} holds no amount", from.at, t.at),
                        )
                    }
                    _ => {}
                }
                if let Some(prev) = out.last().and_then(|b| b.to) {
                    if from.at < prev.at || (from.at == prev.at && from.inclusive && prev.inclusive)
                    {
                        r.push(
                            format!("{bp}/from"),
                            Code::BandsOverlap,
                            format!(
                                "the band from {} overlaps the band before it, which ends at {}",
                                from.at, prev.at
                            ),
                        );
                    }
                }
                out.push(TierBand {
                    from,
                    to,
                    rate: b.rate,
                });
            }
            Table::Tiers(out)
        }
        TableSpec::Marginal { bands } => {
            let mut out: Vec<(Decimal, Decimal)> = Vec::with_capacity(bands.len());
            for (k, b) in bands.iter().enumerate() {
                let fp = format!("{}/from", index(&format!("{p}/bands"), k));
                not_negative(r, &fp, Some(b.from));
                if let Some(&(prev, _)) = out.last() {
                    if b.from <= prev {
                        r.push(
                            fp,
                            Code::BandOutOfOrder,
                            format!("marginal bands go up by from: {} after {prev}", b.from),
                        );
                    }
                }
                out.push((b.from, b.rate));
            }
            Table::Marginal(out)
        }
        TableSpec::Interpolated { base, points } => {
            let points = increasing(
                r,
                &format!("{p}/points"),
                "at",
                points.iter().map(|q| (q.at, q.rate)),
            );
            Table::Interpolated {
                base: *base,
                points,
            }
        }
    }
}

/// The points, pushing a problem where one does not go strictly up.
fn increasing(
    r: &mut Reader,
    p: &str,
    key: &str,
    points: impl Iterator<Item = (Decimal, Decimal)>,
) -> Vec<(Decimal, Decimal)> {
    let mut out: Vec<(Decimal, Decimal)> = Vec::new();
    for (k, (x, y)) in points.enumerate() {
        if let Some(&(prev, _)) = out.last() {
            if x <= prev {
                r.push(
                    format!("{}/{key}", index(p, k)),
                    Code::PayoutPointsOutOfOrder,
                    format!("points go up by {key}: {x} after {prev}"),
                );
            }
        }
        out.push((x, y));
    }
    out
}

fn multiplier(r: &mut Reader, p: &str, m: &MultiplierSpec, ratings: &[Band]) -> Option<Multiplier> {
    match m {
        MultiplierSpec::Rating { factors } => {
            if ratings.is_empty() {
                r.push(
                    format!("{p}/by"),
                    Code::RatingsRequired,
                    "a multiplier by rating needs rating bands",
                );
                return None;
            }
            let fp = format!("{p}/factors");
            for name in factors.keys() {
                if !ratings.iter().any(|b| &b.name == name) {
                    r.push(
                        join(&fp, name),
                        Code::UnknownRating,
                        format!("no rating band {name:?}"),
                    );
                }
            }
            let mut out = Vec::with_capacity(ratings.len());
            for b in ratings {
                match factors.get(&b.name) {
                    Some(f) => out.push(*f),
                    None => r.push(
                        join(&fp, &b.name),
                        Code::MissingField,
                        format!("no factor for rating {:?}", b.name),
                    ),
                }
            }
            Some(Multiplier::Rating(out))
        }
        MultiplierSpec::Score {
            points,
            interpolate,
        } => Some(Multiplier::Score {
            points: increasing(
                r,
                &format!("{p}/points"),
                "score",
                points.iter().map(|q| (q.score, q.factor)),
            ),
            interpolate: *interpolate,
        }),
    }
}
