//! The strict reader of [`Json`] values: RFC 8259 text in, errors in serde_json's
//! words and positions out (`expected value at line 1 column 5`), nesting limited
//! to [`MAX_JSON_DEPTH`] levels without recursion beyond it.

use crate::limits::MAX_JSON_DEPTH;
use crate::util::json::{Json, Map};
use std::collections::HashSet;
use std::fmt;

/// Why a text is not JSON, and where (1-based line and column, columns in bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParseError {
    pub message: &'static str,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at line {} column {}",
            self.message, self.line, self.column
        )
    }
}

/// Read one JSON value from `text` (whitespace around it allowed, nothing else).
pub(crate) fn parse(text: &str) -> Result<Json, ParseError> {
    // A byte-order mark (Windows Notepad's "UTF-8 with BOM") is not part of the
    // document (RFC 8259 §8.1 lets a reader ignore it).
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    p.skip_ws();
    let v = p.value(0)?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(p.error_at(p.pos, "trailing characters"));
    }
    Ok(v)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl Parser<'_> {
    /// An error at byte `at` (its column), or at the last byte when `at` is the end.
    fn error_at(&self, at: usize, message: &'static str) -> ParseError {
        let at = at.min(self.bytes.len());
        let before = &self.bytes[..at];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = if at == self.bytes.len() {
            at - start
        } else {
            at - start + 1
        };
        ParseError {
            message,
            line,
            column,
        }
    }

    fn eof(&self, what: &'static str) -> ParseError {
        self.error_at(self.bytes.len(), what)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, ParseError> {
        match self.peek() {
            None => Err(self.eof("EOF while parsing a value")),
            Some(b'n') => self.word("null", Json::Null),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'"') => self.string().map(Json::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'[') => self.array(depth + 1),
            Some(b'{') => self.object(depth + 1),
            Some(_) => Err(self.error_at(self.pos, "expected value")),
        }
    }

    fn word(&mut self, word: &'static str, v: Json) -> Result<Json, ParseError> {
        for &b in word.as_bytes() {
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(c) if c == b => self.pos += 1,
                Some(_) => return Err(self.error_at(self.pos, "expected ident")),
            }
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Json, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error_at(self.pos, "invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            None => return Err(self.eof("EOF while parsing a value")),
            Some(_) => return Err(self.error_at(self.pos, "invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(match self.peek() {
                    None => self.eof("EOF while parsing a value"),
                    Some(_) => self.error_at(self.pos, "invalid number"),
                });
            }
        }
        let mantissa = &self.text[start..self.pos];
        let Some(b'e' | b'E') = self.peek() else {
            return Ok(Json::Number(mantissa.to_string()));
        };
        self.pos += 1;
        let sign = match self.peek() {
            Some(b'-') => "-",
            Some(b'+') => "+",
            _ => "",
        };
        self.pos += sign.len();
        let digits_start = self.pos;
        if self.digits() == 0 {
            return Err(match self.peek() {
                None => self.eof("EOF while parsing a value"),
                Some(_) => self.error_at(self.pos, "invalid number"),
            });
        }
        // The exponent as serde_json's `arbitrary_precision` kept it: `e`, then a sign.
        let sign = if sign.is_empty() { "+" } else { sign };
        let digits = &self.text[digits_start..self.pos];
        Ok(Json::Number(format!("{mantissa}e{sign}{digits}")))
    }

    fn hex4(&mut self) -> Result<u16, ParseError> {
        let mut n: u16 = 0;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return Err(self.eof("EOF while parsing a string")),
                Some(b) => match (b as char).to_digit(16) {
                    Some(d) => d as u16,
                    None => return Err(self.error_at(self.pos, "invalid escape")),
                },
            };
            n = (n << 4) | d;
            self.pos += 1;
        }
        Ok(n)
    }

    /// A string; the opening quote is at `pos`.
    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // `pos` stops only at ASCII bytes, so both ends are character boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(self.error_at(
                        self.pos,
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
            }
        }
    }

    /// One escape; the backslash is consumed.
    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let Some(b) = self.peek() else {
            return Err(self.eof("EOF while parsing a string"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{08}',
            b'f' => '\u{0C}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode_escape()?,
            _ => return Err(self.error_at(self.pos - 1, "invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    /// The character of a `\u` escape (a surrogate pair takes two); `\u` consumed.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let first = self.hex4()?;
        let code = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                    return Err(match self.peek() {
                        None => self.eof("EOF while parsing a string"),
                        Some(_) => self.error_at(self.pos, "unexpected end of hex escape"),
                    });
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(self.pos - 1, "lone leading surrogate in hex escape"));
                }
                0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error_at(self.pos - 1, "lone leading surrogate in hex escape"))
            }
            n => u32::from(n),
        };
        char::from_u32(code)
            .ok_or_else(|| self.error_at(self.pos - 1, "invalid unicode code point"))
    }

    fn enter(&self, depth: usize) -> Result<(), ParseError> {
        if depth > MAX_JSON_DEPTH {
            Err(self.error_at(self.pos, "recursion limit exceeded"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        match self.peek() {
            None => return Err(self.eof("EOF while parsing a list")),
            Some(b']') => {
                self.pos += 1;
                return Ok(Json::Array(items));
            }
            Some(_) => {}
        }
        loop {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return Err(self.error_at(self.pos, "trailing comma"));
            }
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof("EOF while parsing a list")),
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                Some(_) => return Err(self.error_at(self.pos, "expected `,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Json, ParseError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut entries = Vec::new();
        self.skip_ws();
        match self.peek() {
            None => return Err(self.eof("EOF while parsing an object")),
            Some(b'}') => {
                self.pos += 1;
                return Ok(Json::Object(Map::default()));
            }
            Some(_) => {}
        }
        // Keys seen: a repeated key is refused (which value was meant cannot be told).
        let mut seen: HashSet<String> = HashSet::new();
        loop {
            self.skip_ws();
            let key_at = self.pos;
            let key = match self.peek() {
                None => return Err(self.eof("EOF while parsing a value")),
                Some(b'"') => self.string()?,
                Some(b'}') => return Err(self.error_at(self.pos, "trailing comma")),
                Some(_) => return Err(self.error_at(self.pos, "key must be a string")),
            };
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof("EOF while parsing an object")),
                Some(b':') => self.pos += 1,
                Some(_) => return Err(self.error_at(self.pos, "expected `:`")),
            }
            self.skip_ws();
            if !seen.insert(key.clone()) {
                return Err(self.error_at(key_at, "duplicate key"));
            }
            let value = self.value(depth)?;
            entries.push((key, value));
            self.skip_ws();
            match self.peek() {
                None => return Err(self.eof("EOF while parsing an object")),
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(Map::from_entries(entries)));
                }
                Some(_) => return Err(self.error_at(self.pos, "expected `,` or `}`")),
            }
        }
    }
}
