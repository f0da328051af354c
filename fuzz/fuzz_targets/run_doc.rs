//! Bytes → a whole run document (`run_json`). Refused with problems that have
//! JSON pointer paths and known codes, or run: the ledger adds up, the result is
//! JSON, and the same document given as a `serde_json::Value` with exact numbers
//! (`run_value`) gives the same bytes.
#![no_main]

use attain::run::{run_json, run_value};
use attain_fuzz::{check_error, check_ledger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let out = match run_json(text) {
        Ok(out) => out,
        Err(e) => {
            check_error(&e, data);
            return;
        }
    };
    let parsed: serde_json::Value = match serde_json::from_str(&out) {
        Ok(v) => v,
        Err(e) => panic!("the run result is not JSON ({e}): {out}"),
    };
    assert!(parsed.get("ledger").is_some(), "no ledger in {out}");
    // serde_json reads what the core reads (exact numbers, key order kept).
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
    else {
        return;
    };
    match run_value(&doc) {
        Ok(r) => {
            check_ledger(&r, data);
            assert_eq!(
                r.to_json(),
                out,
                "run_value and run_json differ for {text:?}"
            );
        }
        Err(e) => panic!("run_json ran but run_value refuses ({e}) {text:?}"),
    }
});
