//! Bytes → a plan and an input document (split at the first NUL byte) → scores.
//! Never a panic; the one-call form (`score_json`) gives the bytes of
//! `Input::from_json` + `score`, on one thread and on three; the result is JSON.
#![no_main]

use attain::{Input, Plan};
use attain_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(cut) = data.iter().position(|b| *b == 0) else {
        return;
    };
    let (Ok(plan), Ok(input)) = (
        std::str::from_utf8(&data[..cut]),
        std::str::from_utf8(&data[cut + 1..]),
    ) else {
        return;
    };
    let Ok(plan) = Plan::from_json(plan) else {
        return;
    };
    let one_call = plan.score_json(input);
    let parsed = match Input::from_json(&plan, input) {
        Ok(i) => i,
        Err(e) => {
            check_error(&e, data);
            assert_eq!(one_call.map_err(|e| e.to_json()), Err(e.to_json()));
            return;
        }
    };
    let one = plan
        .score(&parsed.clone().with_threads(1))
        .map(|r| r.to_json());
    let three = plan.score(&parsed.with_threads(3)).map(|r| r.to_json());
    let one = one.map_err(|e| e.to_json());
    assert_eq!(
        one,
        three.map_err(|e| e.to_json()),
        "1 thread and 3 differ for {input:?}"
    );
    assert_eq!(
        one_call.map_err(|e| e.to_json()),
        one,
        "score_json differs for {input:?}"
    );
    if let Ok(out) = one {
        if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
            panic!("the results are not JSON ({e}): {out}");
        }
    }
});
