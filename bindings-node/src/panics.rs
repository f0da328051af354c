//! Panics are bugs in attain: caught at the boundary (`guarded` in `lib.rs`) and
//! reported as an error of kind `internal`, never printed on the host's stderr.
//!
//! The panic hook of this addon (its own copy of `std`: other addons in the process
//! keep theirs) keeps the message, with its place in the source, for the error
//! instead of printing it.

use std::cell::RefCell;
use std::sync::Once;

thread_local! {
    /// The message of the last panic on this thread, until `take` reads it.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the quiet hook once (every call into the core calls this first).
pub fn quiet() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let text = info.to_string();
            LAST.with(|last| {
                if let Ok(mut last) = last.try_borrow_mut() {
                    *last = Some(text);
                }
            });
        }));
    });
}

/// The message the hook kept for the panic just caught on this thread.
pub fn take() -> Option<String> {
    LAST.with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
}

/// A panic payload's text (when the hook kept none).
pub fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_string())
}

/// The shared error document of kind `internal` for a caught panic.
pub fn internal_error_json(what: &str) -> String {
    let message = format!("internal error in attain (please report it): {what}");
    let problem = json_string(&message);
    format!(
        r#"{{"error":"internal","problems":[{{"path":"","code":"internal","message":{problem}}}]}}"#
    )
}

/// `text` as a JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The test hooks' panic (`__provokePanic`): what a bug in the core would do.
#[allow(clippy::panic)]
pub fn provoke() {
    panic!("attain test hook: a deliberate panic (__provokePanic)");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_internal_error_document_is_json_with_the_message_escaped() {
        let doc = internal_error_json("a \"quoted\" \\ line\nnext");
        assert_eq!(
            doc,
            r#"{"error":"internal","problems":[{"path":"","code":"internal","message":"internal error in attain (please report it): a \"quoted\" \\ line\u000anext"}]}"#
        );
    }
}
