//! Result text handed to V8 without a second decoding.
//!
//! A batch result is hundreds of megabytes of JSON. Copying it into a V8 string
//! means decoding UTF-8 on the main thread, and one Chinese indicator name makes
//! the whole string two bytes per character. Instead, a large text becomes an
//! *external* string whose characters stay in memory the addon allocated:
//!
//! - all ASCII (the common case for plans with Latin names): the UTF-8 bytes are
//!   already Latin-1, so they are handed over as they are, with no copy at all;
//! - otherwise the text is widened to UTF-16 here, mostly 16 bytes at a time, which
//!   an async task does on its libuv thread, off the main thread.
//!
//! V8 does not see memory it did not allocate, so each external string reports its
//! size with `napi_adjust_external_memory` (as Node's own external strings do) and
//! takes it back when the string is collected: without that, a loop of batch calls
//! piles up results that V8 never collects.
//!
//! External strings need `node_api_create_external_string_*` (Node ≥ 20.4 or
//! 18.18); `lib/index.js` uses the byte path on older versions.

use napi::{Env, JsString, JsStringLatin1, JsStringUtf16, Status};
use std::mem::size_of;

/// Below this many bytes a plain copy is as cheap as an external string.
const EXTERNAL_MIN: usize = 64 * 1024;

/// The longest string V8 can hold on 64-bit platforms (`v8::String::kMaxLength`).
const JS_MAX_LENGTH: usize = (1 << 29) - 24;

/// Result text in the form it will be handed to V8.
pub enum Text {
    /// Short text, copied into the V8 heap.
    Plain(String),
    /// All-ASCII text: its UTF-8 bytes are its Latin-1 bytes.
    Latin1(Vec<u8>),
    /// Text with characters beyond ASCII, as UTF-16 code units.
    Utf16(Vec<u16>),
}

impl Text {
    /// Prepares `text` for V8 (the widening, if any, happens here: call it off the
    /// main thread when you can).
    pub fn new(text: String) -> Text {
        if text.len() < EXTERNAL_MIN {
            Text::Plain(text)
        } else if text.is_ascii() {
            Text::Latin1(text.into_bytes())
        } else {
            Text::Utf16(utf16_units(&text))
        }
    }

    /// The JS string. Fails with a clear message when the text is longer than a JS
    /// string can be (the byte forms have no such limit).
    pub fn into_js(self, env: &Env) -> napi::Result<JsString<'_>> {
        match self {
            Text::Plain(s) => env.create_string(&s),
            Text::Latin1(bytes) => {
                fits_in_a_js_string(bytes.len())?;
                external_latin1(env, bytes)
            }
            Text::Utf16(units) => {
                fits_in_a_js_string(units.len())?;
                external_utf16(env, units)
            }
        }
    }
}

/// Refuses a text of more UTF-16 code units than V8 allows in a string.
fn fits_in_a_js_string(units: usize) -> napi::Result<()> {
    if units > JS_MAX_LENGTH {
        return Err(napi::Error::new(
            Status::GenericFailure,
            format!(
                "attain: the result is {units} characters, longer than the longest JS string \
                 ({JS_MAX_LENGTH}); use the Buffer form (scoreJsonBuffer, runJsonBuffer)"
            ),
        ));
    }
    Ok(())
}

/// The size of a buffer for `napi_adjust_external_memory`.
fn footprint<T>(buffer: &Vec<T>) -> i64 {
    i64::try_from(buffer.capacity().saturating_mul(size_of::<T>())).unwrap_or(i64::MAX)
}

/// Takes back the size reported for a buffer V8 no longer holds, then frees it.
fn release<T>(env: Env, buffer: Vec<T>) {
    let bytes = footprint(&buffer);
    drop(buffer);
    // Nothing can be done about a failure here (the string is gone either way).
    let _ = env.adjust_external_memory(-bytes);
}

// The two functions below are this crate's only unsafe code: napi's external
// strings take a raw pointer and a finalizer that owns the buffer behind it.
//
// SAFETY (both): `data`/`len` describe the heap buffer of the `Vec` that is passed
// as the finalizer's hint. Moving a `Vec` does not move its buffer, and the buffer
// is dropped only by `release`, which napi calls once: when V8 has collected the
// string, at once if V8 chose to copy the characters, or before returning an
// error. So the pointer is valid for as long as V8 may read it, and freed once.
// The size is reported before the call, so every path that runs `release` takes
// back exactly what was added.

#[allow(unsafe_code)]
fn external_latin1(env: &Env, bytes: Vec<u8>) -> napi::Result<JsString<'_>> {
    env.adjust_external_memory(footprint(&bytes))?;
    let (data, len) = (bytes.as_ptr(), bytes.len());
    // SAFETY: see above; `bytes` is ASCII, so its UTF-8 is its Latin-1.
    let string = unsafe { JsStringLatin1::from_external(env, data, len, bytes, release) }?;
    Ok(string.into_value())
}

#[allow(unsafe_code)]
fn external_utf16(env: &Env, units: Vec<u16>) -> napi::Result<JsString<'_>> {
    env.adjust_external_memory(footprint(&units))?;
    let (data, len) = (units.as_ptr(), units.len());
    // SAFETY: see above.
    let string = unsafe { JsStringUtf16::from_external(env, data, len, units, release) }?;
    Ok(string.into_value())
}

/// `text` as UTF-16 code units: runs of ASCII are widened a slice at a time (a loop
/// the compiler vectorises); only the characters beyond ASCII are encoded one by one.
pub fn utf16_units(text: &str) -> Vec<u16> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let ascii_end = at + ascii_prefix(&bytes[at..]);
        out.extend(bytes[at..ascii_end].iter().map(|&b| u16::from(b)));
        let wide_end = bytes[ascii_end..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| ascii_end + n);
        // Both ends are at an ASCII byte or an end of the text, so on character
        // boundaries: `get` cannot fail, and nothing is skipped.
        if let Some(wide) = text.get(ascii_end..wide_end) {
            out.extend(wide.encode_utf16());
        }
        at = wide_end;
    }
    out
}

/// How many bytes at the start of `bytes` are ASCII, checked 16 at a time.
fn ascii_prefix(bytes: &[u8]) -> usize {
    let mut n = 0;
    for block in bytes.chunks_exact(16) {
        if !block.is_ascii() {
            break;
        }
        n += 16;
    }
    n + bytes[n..]
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(bytes.len() - n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_matches_the_standard_encoder() {
        let samples = [
            "",
            "a",
            "新",
            "plain ascii text that is longer than sixteen bytes, twice over",
            "{\"name\":\"新客户数\",\"score\":\"12.50\"}",
            "新客户数 at the start, and at the end 回款率",
            "emoji 😀 outside the BMP, 𝄞 and é, ß, ∑ mixed with ASCII runs of every length: 0123456789abcdef0",
            "混合混合混合混合混合混合混合混合混合混合 long wide run",
        ];
        for s in samples {
            let want: Vec<u16> = s.encode_utf16().collect();
            assert_eq!(utf16_units(s), want, "{s:?}");
            // Every offset into the runs, so blocks start at every alignment.
            for cut in 0..s.len() {
                if let Some(tail) = s.get(cut..) {
                    let want: Vec<u16> = tail.encode_utf16().collect();
                    assert_eq!(utf16_units(tail), want, "{tail:?}");
                }
            }
        }
    }

    #[test]
    fn ascii_prefix_stops_at_the_first_wide_byte() {
        for len in 0..40 {
            let mut bytes = vec![b'x'; len];
            assert_eq!(ascii_prefix(&bytes), len);
            for at in 0..len {
                bytes[at] = 0xE6;
                assert_eq!(ascii_prefix(&bytes), at);
                bytes[at] = b'x';
            }
        }
    }

    #[test]
    fn the_longest_js_string_is_the_limit() {
        assert!(fits_in_a_js_string(JS_MAX_LENGTH).is_ok());
        let refused = fits_in_a_js_string(JS_MAX_LENGTH + 1);
        assert!(refused.is_err_and(|e| e.reason.contains("scoreJsonBuffer")));
    }

    #[test]
    fn short_text_is_copied_and_long_text_is_not() {
        assert!(matches!(Text::new("新".repeat(10)), Text::Plain(_)));
        assert!(matches!(
            Text::new("a".repeat(EXTERNAL_MIN)),
            Text::Latin1(b) if b.len() == EXTERNAL_MIN
        ));
        let wide = format!("{}新", "a".repeat(EXTERNAL_MIN));
        assert!(matches!(Text::new(wide), Text::Utf16(u) if u.len() == EXTERNAL_MIN + 1));
    }
}
