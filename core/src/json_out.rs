//! A small writer of canonical JSON text: keys in the order written, strings
//! escaped exactly as serde_json escapes them, no intermediate `Value`.

use rust_decimal::Decimal;
use std::fmt::Write as _;

pub(crate) struct JsonOut {
    pub buf: String,
    /// Per open container: whether a value has been written (a comma is due).
    open: Vec<bool>,
}

impl JsonOut {
    pub fn new() -> JsonOut {
        JsonOut {
            buf: String::with_capacity(4096),
            open: Vec::with_capacity(8),
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
        for c in s.chars() {
            match c {
                '"' => self.buf.push_str("\\\""),
                '\\' => self.buf.push_str("\\\\"),
                '\n' => self.buf.push_str("\\n"),
                '\r' => self.buf.push_str("\\r"),
                '\t' => self.buf.push_str("\\t"),
                '\u{08}' => self.buf.push_str("\\b"),
                '\u{0C}' => self.buf.push_str("\\f"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(self.buf, "\\u{:04x}", c as u32);
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
        let mut d = d;
        d.rescale(scale);
        if d.is_zero() {
            d.set_sign_positive(true);
        }
        let _ = write!(self.buf, "\"{d}\"");
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
