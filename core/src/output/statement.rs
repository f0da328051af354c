//! A subject's earnings statement in canonical JSON: every line with its amount,
//! rate, slices and earnings, the total. Money at the plan's scale; rates,
//! multipliers and blended rates at [`RATE_SCALE`] places, in the plan's mode.

use crate::output::card::Fmt;
use crate::plan::spec::TableSpec;
use crate::plan::PlanInner;
use crate::score::earnings::Statement;
use crate::util::json_out::JsonOut;
use crate::util::rounding::round;
use rust_decimal::Decimal;

/// Places of a rate, a multiplier or a blended rate in a statement.
pub(crate) const RATE_SCALE: u32 = 6;

/// The `earnings` of a scorecard (null when the subject was not scored).
pub(crate) fn write_statement(j: &mut JsonOut, plan: &PlanInner, st: Option<&Statement>) {
    let (Some(spec), Some(st)) = (&plan.spec.earnings, st) else {
        j.null();
        return;
    };
    let f = Fmt::of(plan);
    let rate = |j: &mut JsonOut, d: Option<Decimal>| match d {
        Some(d) => {
            j.dec_text(round(d, RATE_SCALE, f.strategy), RATE_SCALE);
        }
        None => {
            j.null();
        }
    };
    j.begin_obj();
    j.field("currency").opt_str(spec.currency.as_deref());
    j.field("lines").begin_arr();
    for (l, r) in spec.lines.iter().zip(&st.lines) {
        j.begin_obj();
        j.field("id").str(&l.id);
        j.field("indicator").opt_str(l.indicator.as_deref());
        j.field("basis").str(l.basis.as_str());
        j.field("kind").str(match l.table {
            TableSpec::Flat { .. } => "flat",
            TableSpec::Tiers { .. } => "tiers",
            TableSpec::Marginal { .. } => "marginal",
            TableSpec::Interpolated { .. } => "interpolated",
        });
        j.field("amount");
        f.opt(j, r.amount);
        j.field("band").opt_uint(r.band.map(|b| b as u64));
        j.field("rate");
        rate(j, r.rate);
        j.field("slices").begin_arr();
        for s in &r.slices {
            j.begin_obj();
            j.field("band").uint(s.band as u64);
            j.field("lower");
            f.dec(j, s.lower);
            j.field("upper");
            f.opt(j, s.upper);
            j.field("amount");
            f.dec(j, s.amount);
            j.field("rate");
            rate(j, Some(s.rate));
            j.field("earnings");
            f.dec(j, s.earnings);
            j.end_obj();
        }
        j.end_arr();
        j.field("blended_rate");
        rate(j, r.blended);
        j.field("base");
        f.opt(j, r.base);
        j.field("multiplier");
        rate(j, r.multiplier);
        j.field("earnings");
        f.opt(j, r.earnings);
        j.field("capped").bool(r.capped);
        j.end_obj();
    }
    j.end_arr();
    j.field("total");
    f.dec(j, st.total);
    j.field("capped").bool(st.capped);
    j.end_obj();
}
