//! Rows that are wrong on purpose, one kind for each reason the ledger names.

use super::days::{Ts, DAY};
use super::org::{Person, Role};
use super::rng::Rng;
use super::span::Span;
use super::writer::{nth_comma, replace_field, Fact, Writer, EMPTY};

/// Rows that are wrong on purpose, each of a kind the ledger names.
#[derive(Clone, Copy)]
pub(super) enum Bad {
    /// A contract amount the CRM exported as "50万".
    Number,
    /// A call on 30 February.
    Date,
    /// A call by someone not in the roster.
    Subject,
    /// A fact type no plan reads (an email).
    Type,
    /// A call without an id.
    Id,
    /// A line cut short.
    Row,
    /// A renewal whose flag reads 是.
    Boolean,
    /// A won deal that closes before it was created.
    Duration,
    /// A payment without an amount.
    Value,
    /// An invoice exported twice with two amounts.
    Conflict,
}

impl Bad {
    pub(super) const ALL: [Bad; 10] = [
        Bad::Number,
        Bad::Date,
        Bad::Subject,
        Bad::Type,
        Bad::Id,
        Bad::Row,
        Bad::Boolean,
        Bad::Duration,
        Bad::Value,
        Bad::Conflict,
    ];

    pub(super) fn role(self) -> Role {
        match self {
            Bad::Number | Bad::Duration | Bad::Value | Bad::Conflict => Role::KeyAccount,
            Bad::Boolean => Role::Success,
            _ => Role::Telesales,
        }
    }
}

pub(super) fn bad_row(
    w: &mut Writer<'_>,
    rng: &mut Rng,
    p: &Person,
    span: &Span<'_>,
    kind: Bad,
    k: usize,
) -> std::io::Result<()> {
    let Some((t, _)) = span.moment(rng) else {
        return Ok(());
    };
    let at = Ts::At(t, false);
    let mut line = Vec::new();
    match kind {
        Bad::Number => {
            w.begin(b'K', &p.id, "contract");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                ..EMPTY
            });
            // amount is the 8th field: put the text in place of the empty one
            replace_field(&mut w.line, 7, b"50\xe4\xb8\x87"); // 50万
            line.extend_from_slice(&w.line);
        }
        Bad::Date => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            let year = &span.days.text[span.days.p0][..4];
            let mut date = year.to_vec();
            date.extend_from_slice(b"-02-30T10:15:00+08:00");
            replace_field(&mut w.line, 3, &date);
            line.extend_from_slice(&w.line);
        }
        Bad::Subject => {
            w.begin(b'A', &format!("former.staff{}", k + 1), "call");
            w.rest(&Fact { at, ..EMPTY });
            line.extend_from_slice(&w.line);
        }
        Bad::Type => {
            w.begin(b'E', &p.id, "email");
            w.rest(&Fact { at, ..EMPTY });
            line.extend_from_slice(&w.line);
        }
        Bad::Id => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            replace_field(&mut w.line, 0, b"");
            line.extend_from_slice(&w.line);
        }
        Bad::Row => {
            w.begin(b'A', &p.id, "call");
            w.rest(&Fact { at, ..EMPTY });
            // cut after the timestamp: 4 fields instead of 12
            if let Some(cut) = nth_comma(&w.line, 4) {
                w.line.truncate(cut);
                w.line.push(b'\n');
            }
            line.extend_from_slice(&w.line);
        }
        Bad::Boolean => {
            w.begin(b'N', &p.id, "renewal");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("CS", 9_000_000 + k as u64)),
                amount: Some((50_000, 0)),
                renewed: "是",
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Duration => {
            w.begin(b'D', &p.id, "deal");
            w.rest(&Fact {
                at,
                created: Ts::At(t + 3 * DAY, false),
                customer: Some(("KA", 9_000_000 + k as u64)),
                amount: Some((320_000, 0)),
                stage: "won",
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Value => {
            w.begin(b'P', &p.id, "payment");
            w.rest(&Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                ..EMPTY
            });
            line.extend_from_slice(&w.line);
        }
        Bad::Conflict => {
            let amount = 100_000 + rng.below(300) * 1000;
            let f = Fact {
                at: span.date_after(t, 0),
                customer: Some(("KA", 9_000_000 + k as u64)),
                amount: Some((amount, 0)),
                ..EMPTY
            };
            w.begin(b'I', &p.id, "invoice");
            w.rest(&f);
            line.extend_from_slice(&w.line);
            // the same id again at the end of the file, with another amount
            w.rest_again(&Fact {
                amount: Some((amount + 5000, 0)),
                ..f
            });
            w.later.extend_from_slice(&w.line);
            w.later_rows += 1;
        }
    }
    w.raw(&line)
}
