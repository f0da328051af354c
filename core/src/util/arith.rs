//! Checked decimal arithmetic: an overflow becomes a [`Fault`], never a panic.
//!
//! Core denies `clippy::arithmetic_side_effects` (see core/clippy.toml): a raw `+ - * /`
//! on a Decimal does not compile under clippy, so every operation goes through here or a
//! `checked_*` method.

use rust_decimal::Decimal;

/// Arithmetic went beyond what 28 significant digits hold (or divided by zero,
/// which validation is meant to make impossible).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fault;

pub(crate) type Calc<T> = Result<T, Fault>;

pub(crate) fn add(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_add(b).ok_or(Fault)
}

pub(crate) fn sub(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_sub(b).ok_or(Fault)
}

pub(crate) fn mul(a: Decimal, b: Decimal) -> Calc<Decimal> {
    a.checked_mul(b).ok_or(Fault)
}

pub(crate) fn div(a: Decimal, b: Decimal) -> Calc<Decimal> {
    if b.is_zero() {
        return Err(Fault);
    }
    a.checked_div(b).ok_or(Fault)
}

/// d ÷ 100, exactly, by moving the decimal point (no long division).
pub(crate) fn div100(d: Decimal) -> Calc<Decimal> {
    let mut x = d;
    if x.set_scale(d.scale() + 2).is_ok() {
        Ok(x)
    } else {
        div(d, Decimal::ONE_HUNDRED)
    }
}
