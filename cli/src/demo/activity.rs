//! What each role does in a quarter, as CRM facts: calls, leads and deals for
//! telesales; visits, deals, contracts, invoices, payments and surveys for key account
//! managers; visits, surveys, renewals and complaints for customer success; record
//! updates for everyone. Skills follow one draw per person, with noise of their own.

use super::days::{Ts, DAY};
use super::org::Person;
use super::rng::Rng;
use super::span::Span;
use super::writer::{yuan, Fact, Writer, EMPTY};

/// Record updates (CRM edits): created, updated (mostly within 24 h), complete or not.
pub(super) fn records(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    per_person: u64,
    on_time: f64,
    complete: f64,
) -> std::io::Result<()> {
    for _ in 0..rng.count(per_person as f64 * span.act) {
        let Some((t, utc)) = span.moment(rng) else {
            continue;
        };
        let late = if rng.chance(on_time) {
            600 + rng.below(20 * 3600) as i64
        } else {
            26 * 3600 + rng.below(96 * 3600) as i64
        };
        let f = Fact {
            created: Ts::At(t, utc),
            updated: Ts::At(t + late, utc || rng.chance(0.02)),
            customer: Some(("C", rng.below(90_000) + 10_000)),
            complete: if rng.chance(complete) { "yes" } else { "no" },
            ..EMPTY
        };
        w.fact(b'R', &p.id, "record", &f)?;
    }
    Ok(())
}

pub(super) fn telesales(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let effort = 0.72 + 0.55 * rng.skill(base);
    let follow = 0.66 + 0.33 * rng.skill(base);
    let convert = 0.09 + 0.18 * rng.skill(base);
    let complete = 0.86 + 0.14 * rng.skill(base);
    for _ in 0..rng.count(600.0 * span.act * effort) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'A',
                &p.id,
                "call",
                &Fact {
                    at: Ts::At(t, utc),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(60.0 * span.act) {
        let Some((t, utc)) = span.moment(rng) else {
            continue;
        };
        let updated = if rng.chance(follow) {
            Ts::At(t + 1800 + rng.below(22 * 3600) as i64, utc)
        } else if rng.chance(0.8) {
            Ts::At(t + 25 * 3600 + rng.below(72 * 3600) as i64, utc)
        } else {
            Ts::None
        };
        let lead = w.fact(
            b'L',
            &p.id,
            "lead",
            &Fact {
                created: Ts::At(t, utc),
                updated,
                ..EMPTY
            },
        )?;
        let won = rng.chance(convert);
        if won || rng.chance(0.2) {
            let closed = t + (1 + rng.below(18) as i64) * DAY + rng.below(4 * 3600) as i64;
            w.fact(
                b'D',
                &p.id,
                "deal",
                &Fact {
                    at: Ts::At(closed, false),
                    created: Ts::At(t, utc),
                    customer: Some(("L", lead)),
                    amount: Some(yuan(
                        5000.0 + 24_000.0 * rng.unit() * rng.unit().sqrt(),
                        100,
                    )),
                    stage: if won { "won" } else { "lost" },
                    ..EMPTY
                },
            )?;
        }
    }
    records(w, rng, p, span, per_person, 0.9, complete)
}

pub(super) fn key_account(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    index: usize,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let visits = 0.6 + 0.8 * rng.skill(base);
    let win = 0.25 + 0.5 * rng.skill(base);
    let speed = rng.skill(base);
    let collect = 0.75 + 0.25 * rng.skill(base);
    let happy = 80.0 + 18.0 * rng.skill(base);
    let customers = index as u64 * 100;
    let customer = |k: u64| Some(("KA", 1_000_000 + customers + k));
    for k in 0..rng.count(26.0 * span.act * visits) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'V',
                &p.id,
                "visit",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(k % 40),
                    ..EMPTY
                },
            )?;
        }
    }
    let mut last = 0;
    for k in 0..rng.count(8.0 * span.act) {
        let Some((t, _)) = span.moment(rng) else {
            continue;
        };
        let c = if k > 0 && rng.chance(0.15) {
            last
        } else {
            50 + k
        };
        last = c;
        let u = rng.unit();
        let amount = yuan(200_000.0 + 1_600_000.0 * u * u.sqrt(), 1000);
        let cycle = (18.0 + 60.0 * (1.0 - speed) * rng.unit() + 15.0 * rng.unit()) * DAY as f64;
        let won = rng.chance(win);
        w.fact(
            b'D',
            &p.id,
            "deal",
            &Fact {
                at: Ts::At(t, false),
                created: Ts::At(t - cycle.round() as i64, false),
                customer: customer(c),
                amount: Some(amount),
                stage: if won { "won" } else { "lost" },
                ..EMPTY
            },
        )?;
        if won {
            w.fact(
                b'K',
                &p.id,
                "contract",
                &Fact {
                    at: span.date_after(t, rng.below(6) as i64),
                    customer: customer(c),
                    amount: Some(amount),
                    ..EMPTY
                },
            )?;
        }
    }
    // Invoices, and payments when collected (some land after the quarter); an
    // invoice of the quarter before is paid in this one now and then.
    let before = if span.pre.is_empty() { 0 } else { 2 };
    for k in 0..rng.count(7.0 * span.act) + before {
        let day = if k < before {
            span.days.p0 as i64 - 5 - rng.below(25) as i64
        } else {
            match span.day(rng) {
                Some(d) => d as i64,
                None => continue,
            }
        };
        let amount = (50_000 + rng.below(550) * 1000, 0);
        let c = customer(50 + rng.below(8));
        w.fact(
            b'I',
            &p.id,
            "invoice",
            &Fact {
                at: Ts::Date(span.days.clamp(day)),
                customer: c,
                amount: Some(amount),
                ..EMPTY
            },
        )?;
        if rng.chance(collect) {
            let paid = if rng.chance(0.1) {
                (amount.0 / 2, 0)
            } else {
                amount
            };
            w.fact(
                b'P',
                &p.id,
                "payment",
                &Fact {
                    at: Ts::Date(span.days.clamp(day + 3 + rng.below(24) as i64)),
                    customer: c,
                    amount: Some(paid),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(7.0 * span.act) {
        if let Some((t, utc)) = span.moment(rng) {
            let score = (happy + 24.0 * (rng.bell() - 0.5))
                .round()
                .clamp(40.0, 100.0);
            w.fact(
                b'S',
                &p.id,
                "survey",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(50 + rng.below(8)),
                    score: Some(score as u64),
                    ..EMPTY
                },
            )?;
        }
    }
    records(w, rng, p, span, per_person, 0.85, 0.95)
}

pub(super) fn customer_success(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    index: usize,
    span: &Span<'_>,
    per_person: u64,
) -> std::io::Result<()> {
    let base = rng.bell();
    let visits = 0.6 + 0.7 * rng.skill(base);
    let happy = 81.0 + 18.0 * rng.skill(base);
    let renew = 0.68 + 0.32 * rng.skill(base);
    let on_time = 0.75 + 0.25 * rng.skill(base);
    let complaints = 1.8 * (1.0 - rng.skill(base));
    let customers = index as u64 * 100;
    let customer = |k: u64| Some(("CS", 1_000_000 + customers + k));
    for _ in 0..rng.count(21.0 * span.act * visits) {
        if let Some((t, utc)) = span.moment(rng) {
            w.fact(
                b'V',
                &p.id,
                "visit",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(rng.below(30)),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(22.0 * span.act) {
        if let Some((t, utc)) = span.moment(rng) {
            let score = (happy + 24.0 * (rng.bell() - 0.5))
                .round()
                .clamp(40.0, 100.0);
            w.fact(
                b'S',
                &p.id,
                "survey",
                &Fact {
                    at: Ts::At(t, utc),
                    customer: customer(rng.below(30)),
                    score: Some(score as u64),
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..rng.count(11.0 * span.act).max(1) {
        if let Some(day) = span.day(rng) {
            let renewed = rng.chance(renew);
            w.fact(
                b'N',
                &p.id,
                "renewal",
                &Fact {
                    at: Ts::Date(day),
                    customer: customer(rng.below(30)),
                    amount: Some((20_000 + rng.below(180) * 1000, 0)),
                    renewed: if renewed { "true" } else { "false" },
                    ..EMPTY
                },
            )?;
        }
    }
    for _ in 0..8 {
        if rng.chance(complaints * span.act / 8.0) {
            if let Some((t, utc)) = span.moment(rng) {
                w.fact(
                    b'Q',
                    &p.id,
                    "complaint",
                    &Fact {
                        at: Ts::At(t, utc),
                        customer: customer(rng.below(30)),
                        ..EMPTY
                    },
                )?;
            }
        }
    }
    records(w, rng, p, span, per_person, on_time, 0.95)
}
