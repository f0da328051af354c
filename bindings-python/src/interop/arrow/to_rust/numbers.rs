//! Numbers from Arrow columns: decimal (32/64/128/256), integer, string or float,
//! resolved once per batch and read row by row into `Decimal`s with no Python object
//! per value. A float is read from its shortest round-trip text, so 1234.56 stays
//! exactly 1234.56; what the fast paths cannot decide goes through the core's
//! `attain::parse_decimal`.

use super::Problems;
use crate::floats::{rounded, with_hint, Floats};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type,
    Int8Type, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{
    Array, ArrayRef, Decimal128Array, Decimal256Array, Float32Array, Float64Array,
    LargeStringArray, PrimitiveArray, StringArray, StringViewArray,
};
use arrow_schema::DataType;
use attain::limits::{MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS};
use attain::{parse_decimal, Code, Decimal};
use std::fmt::Write as _;

/// Integers below this in absolute value are in range: 10^MAX_INTEGER_DIGITS, the
/// bound `attain::parse_decimal` applies. Numbers within the bounds are accepted
/// without going through text; anything else is decided by the core.
const LIMIT_I: i128 = 10i128.pow(MAX_INTEGER_DIGITS);
/// The same bound as a `Decimal` (its 96-bit mantissa in three words).
const LIMIT: Decimal = Decimal::from_parts(
    LIMIT_I as u32,
    (LIMIT_I >> 32) as u32,
    (LIMIT_I >> 64) as u32,
    false,
    0,
);
/// The same bound as an `f64` (exact: a power of ten up to 10^22 is).
const LIMIT_F: f64 = LIMIT_I as f64;
const _: () = assert!(MAX_INTEGER_DIGITS <= 22 && MAX_FRACTION_DIGITS <= 22);

fn within_limits(d: Decimal) -> bool {
    d.abs() < LIMIT
        && (d.scale() <= MAX_FRACTION_DIGITS || d.normalize().scale() <= MAX_FRACTION_DIGITS)
}

pub(super) type NumResult = Result<Decimal, (Code, String)>;

fn parse(text: &str) -> NumResult {
    parse_decimal(text)
}

fn from_int(v: i128) -> NumResult {
    if v.abs() < LIMIT_I {
        Ok(Decimal::from_i128_with_scale(v, 0))
    } else {
        parse(&v.to_string())
    }
}

/// An unscaled integer `v` × 10^-scale (Arrow decimals).
fn from_unscaled(v: i128, scale: i8, buf: &mut String) -> NumResult {
    if (0..=28).contains(&scale) {
        if let Ok(d) = Decimal::try_from_i128_with_scale(v, scale as u32) {
            if within_limits(d) {
                return Ok(d);
            }
        }
    }
    buf.clear();
    let _ = write!(buf, "{v}e{}", -(scale as i32));
    parse(buf)
}

/// 10^0 ..= 10^MAX_FRACTION_DIGITS: the scales a float is tried at.
const POW10: [f64; MAX_FRACTION_DIGITS as usize + 1] = {
    let mut p = [1.0; MAX_FRACTION_DIGITS as usize + 1];
    let mut i = 1;
    while i < p.len() {
        p[i] = p[i - 1] * 10.0;
        i += 1;
    }
    p
};

/// 10^15: decimals of at most 15 significant digits (DBL_DIG) are the only ones of
/// their length that round to their double. A property of `f64`, not a limit of
/// the core's.
const DBL_DIG_BOUND: f64 = 1e15;

/// The decimal with the fewest fraction digits (at most MAX_FRACTION_DIGITS) and at
/// most 15 significant digits that reads back as `f`, if there is one and it is in
/// range. It is the value of `f`'s shortest round-trip text: a decimal of at most 15
/// significant digits is the only one of its length that rounds to its double
/// (DBL_DIG), and `m / 10^s` below is a correctly rounded IEEE division of two
/// exactly representable numbers, i.e. what a correct parser of the text `m·10^-s`
/// gives.
fn shortest_decimal(f: f64) -> Option<Decimal> {
    if !f.is_finite() || f.abs() >= LIMIT_F {
        return None;
    }
    for (s, p) in POW10.iter().enumerate() {
        let m = (f * p).round();
        if m.abs() >= DBL_DIG_BOUND {
            return None;
        }
        if m / p == f {
            return Some(Decimal::new(m as i64, s as u32));
        }
    }
    None
}

fn from_f64(f: f64, digits: Option<u32>, buf: &mut String) -> NumResult {
    if let Some(d) = shortest_decimal(f) {
        return match digits {
            Some(n) if d.scale() > n => round_text(&d.to_string(), n),
            _ => Ok(d),
        };
    }
    buf.clear();
    let _ = write!(buf, "{f}");
    float_text(buf, digits)
}

fn from_f32(f: f32, digits: Option<u32>, buf: &mut String) -> NumResult {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < LIMIT_F as f32 {
        return Ok(Decimal::from(f as i64));
    }
    buf.clear();
    let _ = write!(buf, "{f}");
    float_text(buf, digits)
}

/// A float's shortest text, rounded half-even to `digits` places when asked; a
/// float with too many places is refused with how to round it.
fn float_text(text: &str, digits: Option<u32>) -> NumResult {
    match digits {
        Some(n) => round_text(text, n),
        None => parse(text).map_err(|(code, m)| with_hint(code, m)),
    }
}

fn round_text(text: &str, digits: u32) -> NumResult {
    match rounded(text, digits) {
        Some(d) if within_limits(d) => Ok(d),
        Some(d) => parse(&d.to_string()),
        None => parse(text),
    }
}

/// A column of numbers, resolved once per batch.
pub(super) enum Num<'a> {
    Nulls,
    F64(&'a Float64Array, Option<u32>),
    F32(&'a Float32Array, Option<u32>),
    I8(&'a PrimitiveArray<Int8Type>),
    I16(&'a PrimitiveArray<Int16Type>),
    I32(&'a PrimitiveArray<Int32Type>),
    I64(&'a PrimitiveArray<Int64Type>),
    U8(&'a PrimitiveArray<UInt8Type>),
    U16(&'a PrimitiveArray<UInt16Type>),
    U32(&'a PrimitiveArray<UInt32Type>),
    U64(&'a PrimitiveArray<UInt64Type>),
    D128(&'a Decimal128Array, i8),
    D256(&'a Decimal256Array, i8),
    Utf8(&'a StringArray),
    LargeUtf8(&'a LargeStringArray),
    View(&'a StringViewArray),
}

/// Normalise rarer encodings (dictionaries, half floats, small decimals) to the ones
/// [`Num`] reads. `Err` is why the column cannot hold numbers.
pub(super) fn normalise_number(array: &ArrayRef) -> Result<ArrayRef, String> {
    let target = match array.data_type() {
        DataType::Dictionary(_, value) => Some(value.as_ref().clone()),
        DataType::Float16 => Some(DataType::Float32),
        DataType::Decimal32(p, s) | DataType::Decimal64(p, s) => Some(DataType::Decimal128(*p, *s)),
        _ => None,
    };
    match target {
        None => Ok(array.clone()),
        Some(t) => {
            let cast = arrow_cast::cast(array, &t).map_err(|e| e.to_string())?;
            match cast.data_type() {
                DataType::Dictionary(..) => Err("nested dictionaries are not read".to_string()),
                _ => normalise_number(&cast),
            }
        }
    }
}

impl<'a> Num<'a> {
    fn of(array: &'a ArrayRef, digits: Option<u32>) -> Result<Num<'a>, String> {
        let bad = || format!("a {} column cannot hold numbers", array.data_type());
        Ok(match array.data_type() {
            DataType::Null => Num::Nulls,
            DataType::Float64 => Num::F64(
                array.as_primitive_opt::<Float64Type>().ok_or_else(bad)?,
                digits,
            ),
            DataType::Float32 => Num::F32(
                array.as_primitive_opt::<Float32Type>().ok_or_else(bad)?,
                digits,
            ),
            DataType::Int8 => Num::I8(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int16 => Num::I16(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int32 => Num::I32(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Int64 => Num::I64(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt8 => Num::U8(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt16 => Num::U16(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt32 => Num::U32(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::UInt64 => Num::U64(array.as_primitive_opt().ok_or_else(bad)?),
            DataType::Decimal128(_, s) => Num::D128(
                array.as_primitive_opt::<Decimal128Type>().ok_or_else(bad)?,
                *s,
            ),
            DataType::Decimal256(_, s) => Num::D256(
                array.as_primitive_opt::<Decimal256Type>().ok_or_else(bad)?,
                *s,
            ),
            DataType::Utf8 => Num::Utf8(array.as_string_opt::<i32>().ok_or_else(bad)?),
            DataType::LargeUtf8 => Num::LargeUtf8(array.as_string_opt::<i64>().ok_or_else(bad)?),
            DataType::Utf8View => Num::View(array.as_string_view_opt().ok_or_else(bad)?),
            _ => return Err(bad()),
        })
    }

    fn is_float(&self) -> bool {
        matches!(self, Num::F64(..) | Num::F32(..))
    }

    /// The value at `row` (None for null = no data).
    pub(super) fn get(&self, row: usize, buf: &mut String) -> Option<NumResult> {
        fn prim<T: arrow_array::ArrowPrimitiveType>(
            a: &PrimitiveArray<T>,
            row: usize,
        ) -> Option<T::Native> {
            if row >= a.len() || a.is_null(row) {
                None
            } else {
                Some(a.value(row))
            }
        }
        fn text<'s>(
            a: &'s dyn Array,
            row: usize,
            v: impl FnOnce() -> &'s str,
        ) -> Option<NumResult> {
            if row >= a.len() || a.is_null(row) {
                None
            } else {
                Some(parse(v()))
            }
        }
        match self {
            Num::Nulls => None,
            // NaN is "no data", as pandas users mean it (a strict read refuses
            // float columns before any row is read).
            Num::F64(a, d) => prim(*a, row)
                .filter(|f| !f.is_nan())
                .map(|f| from_f64(f, *d, buf)),
            Num::F32(a, d) => prim(*a, row)
                .filter(|f| !f.is_nan())
                .map(|f| from_f32(f, *d, buf)),
            Num::I8(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I16(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I32(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::I64(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U8(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U16(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U32(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::U64(a) => prim(*a, row).map(|v| from_int(v.into())),
            Num::D128(a, s) => prim(*a, row).map(|v| from_unscaled(v, *s, buf)),
            Num::D256(a, s) => prim(*a, row).map(|v| match v.to_i128() {
                Some(v) => from_unscaled(v, *s, buf),
                None => {
                    let t = format!("{v}e{}", -(*s as i32));
                    parse(&t)
                }
            }),
            Num::Utf8(a) => text(*a, row, || a.value(row)),
            Num::LargeUtf8(a) => text(*a, row, || a.value(row)),
            Num::View(a) => text(*a, row, || a.value(row)),
        }
    }
}

pub(super) fn num_col<'a>(
    a: &'a ArrayRef,
    c: usize,
    names: &[&str],
    floats: Floats,
    problems: &mut Problems,
) -> Option<Num<'a>> {
    let name = names.get(c).copied().unwrap_or("");
    match Num::of(a, floats.digits) {
        Ok(n) if floats.strict && n.is_float() => {
            problems.column(c, name, Code::WrongType, float_refused(name));
            None
        }
        Ok(n) => Some(n),
        Err(m) => {
            problems.column(c, name, Code::WrongType, m);
            None
        }
    }
}

fn float_refused(name: &str) -> String {
    format!(
        "column {name:?} holds binary floats, refused in strict mode: use a decimal, integer or string column"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn via_text(f: f64) -> Option<Decimal> {
        parse(&format!("{f}")).ok()
    }

    #[test]
    fn fast_paths_stop_where_the_core_does() {
        let limit = format!("1{}", "0".repeat(MAX_INTEGER_DIGITS as usize));
        assert_eq!(LIMIT.to_string(), limit);
        assert_eq!(LIMIT_I.to_string(), limit);
        assert_eq!(format!("{LIMIT_F}"), limit);
        // The core refuses the bound and accepts just below it; so do the fast paths.
        let below = LIMIT_I - 1;
        assert!(parse(&limit).is_err());
        assert!(parse(&below.to_string()).is_ok());
        let mut buf = String::new();
        assert_eq!(from_int(below), parse(&below.to_string()));
        assert_eq!(from_int(-below), parse(&(-below).to_string()));
        assert!(from_int(LIMIT_I).is_err());
        assert!(from_int(-LIMIT_I).is_err());
        assert!(from_unscaled(LIMIT_I * 100, 2, &mut buf).is_err());
        assert_eq!(
            from_unscaled(below * 100, 2, &mut buf),
            parse(&below.to_string())
        );
        assert!(from_f64(LIMIT_F, None, &mut buf).is_err());
        assert!(from_f32(1e16, None, &mut buf).is_err());
        // Fraction digits: MAX_FRACTION_DIGITS are read, one more is the core's call.
        let tiny = format!("0.{}1", "0".repeat(MAX_FRACTION_DIGITS as usize - 1));
        assert_eq!(
            from_unscaled(1, MAX_FRACTION_DIGITS as i8, &mut buf),
            parse(&tiny)
        );
        assert!(from_unscaled(1, MAX_FRACTION_DIGITS as i8 + 1, &mut buf).is_err());
        assert_eq!(POW10.len(), MAX_FRACTION_DIGITS as usize + 1);
        for (i, p) in POW10.iter().enumerate() {
            assert_eq!(*p, format!("1e{i}").parse::<f64>().unwrap_or(0.0), "{i}");
        }
    }

    #[test]
    fn fast_float_path_agrees_with_shortest_text() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 11
        };
        let mut checked = 0;
        for i in 0..400_000u64 {
            let r = next();
            let f = match i % 4 {
                // Decimals as a spreadsheet holds them: k / 10^s.
                0 => (r % 10_000_000_000) as f64 / POW10[(r % 11) as usize],
                1 => (r % 1_000_000_000_000_000) as f64 / POW10[(r % 11) as usize],
                // Arbitrary doubles in range, and results of arithmetic.
                2 => f64::from_bits(r | 0x3F00_0000_0000_0000) * 1e3,
                _ => (r % 100_000) as f64 * 0.1 + (r % 7) as f64 * 0.01,
            };
            let f = if r & 1 == 1 { -f } else { f };
            if let Some(fast) = shortest_decimal(f) {
                assert_eq!(Some(fast), via_text(f), "{f:?}");
                assert_eq!(
                    fast.to_string(),
                    format!("{f}").trim_end_matches(".0"),
                    "{f:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 200_000, "{checked}");
        for f in [
            0.1 + 0.2,
            1234.56,
            0.0,
            -0.0,
            1e-10,
            999_999_999_999_999.0,
            123_456_789_012_345.6,
        ] {
            if let Some(fast) = shortest_decimal(f) {
                assert_eq!(Some(fast), via_text(f), "{f:?}");
            }
        }
        assert_eq!(
            shortest_decimal(1234.56).map(|d| d.to_string()),
            Some("1234.56".to_string())
        );
        assert_eq!(shortest_decimal(0.1 + 0.2), None);
    }
}
