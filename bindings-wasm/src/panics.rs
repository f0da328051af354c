//! A panic on `wasm32-unknown-unknown` aborts: the call ends in a trap
//! (`RuntimeError: unreachable`), as running out of memory does. The JS layer
//! (`js/api.js`) turns a trap into an `AttainError` of kind `internal` and makes a
//! fresh instance of the module (`__wbg_reset_state`); the panic hook installed here
//! keeps the panic's message, with its place in the source, for that error
//! (`__takePanic`), and prints nothing.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The message of the last panic, until `__takePanic` reads it.
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when an instance starts (also a fresh one after a trap): installs the hook.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let text = info.to_string();
        LAST.with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                *last = Some(text);
            }
        });
    }));
}

/// The message of the panic that trapped the last call, if a panic did (a trap
/// without one is running out of memory). Read by `js/api.js` from the trapped
/// instance before it makes a fresh one; not API.
#[wasm_bindgen(js_name = __takePanic)]
pub fn take_panic() -> Option<String> {
    LAST.with(|last| last.try_borrow_mut().ok().and_then(|mut l| l.take()))
}

/// Test hook, not API (not in `js/index.d.ts`): panics, as a bug in the core would,
/// so that the test suite sees what it becomes.
#[wasm_bindgen(js_name = __provokePanic)]
#[allow(clippy::panic)]
pub fn provoke_panic() {
    panic!("attain test hook: a deliberate panic (__provokePanic)");
}
