//! Bytes → plan: parsed and validated, or refused with problems that have JSON
//! pointer paths and known codes. Every accepted plan survives its own round
//! trip: its canonical JSON reads back to the same canonical JSON, and so does
//! its spec.
#![no_main]

use attain::Plan;
use attain_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let plan = match Plan::from_json(text) {
        Ok(p) => p,
        Err(e) => {
            check_error(&e, data);
            return;
        }
    };
    let canonical = plan.to_json();
    let again = match Plan::from_json(&canonical) {
        Ok(p) => p,
        Err(e) => panic!("the canonical plan {canonical} is refused: {e}\n from {text:?}"),
    };
    assert_eq!(again.to_json(), canonical, "round trip of {text:?}");
    let from_spec = match Plan::from_spec(plan.spec()) {
        Ok(p) => p,
        Err(e) => panic!("the plan's own spec is refused: {e}\n from {text:?}"),
    };
    assert_eq!(
        from_spec.to_json(),
        canonical,
        "spec round trip of {text:?}"
    );
    assert_eq!(again.id(), plan.id());
    assert_eq!(again.indicator_count(), plan.indicator_count());
});
