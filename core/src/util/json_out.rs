//! A small writer of canonical JSON text: keys in the order written, strings
//! escaped exactly as serde_json escapes them, no intermediate `Value`.

use rust_decimal::Decimal;
use std::fmt::Write as _;

pub(crate) struct JsonOut {
    pub buf: String,
    /// Per open container: whether a value has been written (a comma is due).
    open: Vec<bool>,
    /// Write every character beyond ASCII as a `\u` escape (see [`JsonOut::ascii`]).
    ascii: bool,
}

impl JsonOut {
    pub fn new() -> JsonOut {
        JsonOut {
            buf: String::with_capacity(4096),
            open: Vec::with_capacity(8),
            ascii: false,
        }
    }

    /// A writer of ASCII-only JSON: the same values, with every character beyond
    /// ASCII escaped (`"目标"` → `"\u76ee\u6807"`). A browser turns the bytes into
    /// a JS string several times faster when they are all ASCII.
    pub fn ascii(capacity: usize) -> JsonOut {
        JsonOut {
            buf: String::with_capacity(capacity),
            open: Vec::with_capacity(8),
            ascii: true,
        }
    }

    fn comma(&mut self) {
        if let Some(started) = self.open.last_mut() {
            if *started {
                self.buf.push(',');
            }
            *started = true;
        }
    }

    /// A value position: a comma when one is due (not after a key).
    fn value_pos(&mut self) {
        self.comma();
    }

    /// A literal key of the format (no escaping needed).
    pub fn field(&mut self, k: &'static str) -> &mut Self {
        self.comma();
        self.buf.reserve(k.len() + 3);
        self.buf.push('"');
        self.buf.push_str(k);
        self.buf.push_str("\":");
        if let Some(started) = self.open.last_mut() {
            *started = false;
        }
        self
    }

    /// A key from user data (escaped).
    pub fn key(&mut self, k: &str) -> &mut Self {
        self.comma();
        self.write_str(k);
        self.buf.push(':');
        // The value that follows must not add a comma.
        if let Some(started) = self.open.last_mut() {
            *started = false;
        }
        self
    }

    /// After a key's value, a comma is due before the next key.
    fn after_value(&mut self) {
        if let Some(started) = self.open.last_mut() {
            *started = true;
        }
    }

    pub fn begin_obj(&mut self) -> &mut Self {
        self.value_pos();
        self.buf.push('{');
        self.open.push(false);
        self
    }

    pub fn end_obj(&mut self) -> &mut Self {
        self.open.pop();
        self.buf.push('}');
        self.after_value();
        self
    }

    pub fn begin_arr(&mut self) -> &mut Self {
        self.value_pos();
        self.buf.push('[');
        self.open.push(false);
        self
    }

    pub fn end_arr(&mut self) -> &mut Self {
        self.open.pop();
        self.buf.push(']');
        self.after_value();
        self
    }

    fn write_str(&mut self, s: &str) {
        self.buf.push('"');
        // Most texts need no escape: copy them whole.
        let ascii = self.ascii;
        if !s
            .bytes()
            .any(|b| b == b'"' || b == b'\\' || b < 0x20 || (ascii && b >= 0x80))
        {
            self.buf.push_str(s);
            self.buf.push('"');
            return;
        }
        for c in s.chars() {
            match c {
                '"' => self.buf.push_str("\\\""),
                '\\' => self.buf.push_str("\\\\"),
                '\n' => self.buf.push_str("\\n"),
                '\r' => self.buf.push_str("\\r"),
                '\t' => self.buf.push_str("\\t"),
                '\u{08}' => self.buf.push_str("\\b"),
                '\u{0C}' => self.buf.push_str("\\f"),
                c if (c as u32) < 0x20 => push_u_escape(&mut self.buf, c as u16),
                c if ascii && !c.is_ascii() => {
                    let mut units = [0u16; 2];
                    for &mut u in c.encode_utf16(&mut units) {
                        push_u_escape(&mut self.buf, u);
                    }
                }
                c => self.buf.push(c),
            }
        }
        self.buf.push('"');
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.value_pos();
        self.write_str(s);
        self.after_value();
        self
    }

    pub fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    /// A value already written as JSON text by another writer.
    pub fn raw(&mut self, json: &str) -> &mut Self {
        self.value_pos();
        self.buf.push_str(json);
        self.after_value();
        self
    }

    pub fn null(&mut self) -> &mut Self {
        self.value_pos();
        self.buf.push_str("null");
        self.after_value();
        self
    }

    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.value_pos();
        self.buf.push_str(if b { "true" } else { "false" });
        self.after_value();
        self
    }

    pub fn uint(&mut self, n: u64) -> &mut Self {
        self.value_pos();
        let _ = write!(self.buf, "{n}");
        self.after_value();
        self
    }

    pub fn int(&mut self, n: i64) -> &mut Self {
        self.value_pos();
        let _ = write!(self.buf, "{n}");
        self.after_value();
        self
    }

    pub fn opt_uint(&mut self, n: Option<u64>) -> &mut Self {
        match n {
            Some(n) => self.uint(n),
            None => self.null(),
        }
    }

    /// A decimal already rounded, as a string with exactly `scale` digits.
    pub fn dec_text(&mut self, d: Decimal, scale: u32) -> &mut Self {
        self.value_pos();
        self.buf.push('"');
        push_decimal(&mut self.buf, d, scale);
        self.buf.push('"');
        self.after_value();
        self
    }

    pub fn finish(self) -> String {
        self.buf
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_serde_json_for_nested_values_and_escapes() {
        let mut j = JsonOut::new();
        j.begin_obj();
        j.key("a").str("x\"\\\n\u{1}é中/");
        j.key("b")
            .begin_arr()
            .uint(1)
            .null()
            .bool(true)
            .begin_obj()
            .end_obj()
            .end_arr();
        j.key("c").begin_obj().key("d").int(-2).end_obj();
        j.key("e").dec_text(Decimal::new(-0, 0), 2);
        j.end_obj();
        let text = j.finish();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(v.to_string(), text);
        assert_eq!(
            text,
            r#"{"a":"x\"\\\n\u0001é中/","b":[1,null,true,{}],"c":{"d":-2},"e":"0.00"}"#
        );
    }
}

/// Append `\uXXXX` (lowercase hex, as serde_json writes it).
fn push_u_escape(out: &mut String, u: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        let digit = HEX.get(usize::from((u >> shift) & 0xf)).copied();
        out.push(char::from(digit.unwrap_or(b'0')));
    }
}

/// Append `d` (already rounded to at most `scale` places) with exactly `scale`
/// digits after the point; no sign on zero. Digits are written by hand: this runs
/// for every figure of every scorecard.
pub(crate) fn push_decimal(out: &mut String, d: Decimal, scale: u32) {
    let s = d.scale();
    if s > scale {
        // Not expected (callers round first); fall back to rust_decimal's own text.
        let mut x = d;
        x.rescale(scale);
        let _ = write!(out, "{x}");
        return;
    }
    let m = d.mantissa();
    if m < 0 {
        out.push('-');
    }
    // Digits of the mantissa widened to `scale` places (exact: d has at most `scale`
    // places once rounded), least significant first, at least one before the point.
    let min = scale as usize + 1;
    let mut digits = [b'0'; 48];
    let mut len = 0;
    let n = m.unsigned_abs();
    // Below 10^12 and widened by at most 10^6, a u64 cannot overflow (no checked
    // multiply: that too is a 128-bit libcall on wasm32).
    const POW10: [u64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
    let widened = match (u64::try_from(n), POW10.get((scale - s) as usize)) {
        (Ok(n), Some(&p)) if n < 1_000_000_000_000 => Some(n * p),
        _ => None,
    };
    if let Some(mut n) = widened {
        // Scorecard figures: in 32-bit pieces, where dividing by 10 is a multiply (on
        // wasm32 a 64- or 128-bit division by 10 is a libcall per digit).
        while n >= 1_000_000_000 {
            let mut piece = (n % 1_000_000_000) as u32;
            n /= 1_000_000_000;
            for _ in 0..9 {
                if let Some(slot) = digits.get_mut(len) {
                    *slot = b'0' + (piece % 10) as u8;
                }
                piece /= 10;
                len += 1;
            }
        }
        let mut n = n as u32; // < 10^9
        while n > 0 || len < min {
            if let Some(slot) = digits.get_mut(len) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
            len += 1;
        }
    } else {
        // The places `d` lacks are zeros, then the mantissa's digits.
        len = (scale - s) as usize;
        let mut n = n;
        while n > 0 || len < min {
            if let Some(slot) = digits.get_mut(len) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
            len += 1;
        }
    }
    let len = len.min(digits.len());
    out.reserve(len + 1);
    for i in (0..len).rev() {
        if scale > 0 && i + 1 == scale as usize {
            out.push('.');
        }
        out.push(char::from(digits.get(i).copied().unwrap_or(b'0')));
    }
}

#[cfg(test)]
mod ascii {
    use super::*;

    #[test]
    fn escapes_beyond_ascii_and_reads_back_the_same() {
        let text = "目标 é \"x\" 😀\n";
        let mut j = JsonOut::ascii(64);
        j.begin_arr().str(text).str("plain").end_arr();
        let out = j.finish();
        assert!(out.is_ascii(), "{out}");
        assert_eq!(
            out,
            r#"["\u76ee\u6807 \u00e9 \"x\" \ud83d\ude00\n","plain"]"#
        );
        let back: Vec<String> = serde_json::from_str(&out).unwrap_or_default();
        assert_eq!(back, [text, "plain"]);
    }
}

#[cfg(test)]
mod decimal_text {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn digits_match_rescaled_display() {
        for (t, scale) in [
            ("0", 2),
            ("-0", 2),
            ("1.5", 2),
            ("-1.5", 2),
            ("123456789012345.12", 2),
            ("0.01", 2),
            ("-0.01", 2),
            ("7", 0),
            ("0.5", 4),
            ("100", 6),
            ("-79228162514264337593543950.335", 3),
            ("18446744073709551615", 0),
            ("18446744073709551616", 0),
            ("1844674407370955161.5", 2),
            ("-184467440737095516.16", 2),
            ("0.000001", 6),
            ("-0.000001", 6),
            ("-123", 4),
            ("999999999", 2),
            ("1000000000", 2),
            ("10000000.00", 2),
            ("4294967295", 0),
            ("4294967296", 0),
            ("184467440737095516.15", 2),
            ("1000000000000000000", 1),
            ("-0.5", 6),
            ("12345678901234567.891234", 6),
        ] {
            let d = Decimal::from_str(t).unwrap_or_default();
            let mut want = d;
            want.rescale(scale);
            if want.is_zero() {
                want.set_sign_positive(true);
            }
            let mut got = String::new();
            push_decimal(&mut got, d, scale);
            assert_eq!(got, want.to_string(), "{t} at {scale}");
            let mut j = JsonOut::new();
            j.dec_text(d, scale);
            assert_eq!(j.finish(), format!("\"{want}\""), "{t} at {scale}, quoted");
        }
    }
}
