//! Fact ids and row contents are hashed with a secret key: two different rows can
//! no longer be made to look the same. The rows below collide under the unkeyed
//! hash the index used before (its state after a word depends only on state ^
//! word, so a second word can cancel any difference in the first); they are now
//! told apart, and two different rows with one id are a conflict, not a duplicate.

use attain::run::{FactsFormat, RunSetup};

const SEED: u64 = 0x243F_6A88_85A3_08D3;
const K: u64 = 0x9E37_79B9_7F4A_7C15;

fn old_mix(h: u64, w: u64) -> u64 {
    let x = (h ^ w).wrapping_mul(K);
    x.rotate_left(29) ^ (x >> 32)
}

fn word(b: &[u8]) -> u64 {
    b.iter()
        .enumerate()
        .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k))
}

fn alnum(w: u64) -> bool {
    w.to_le_bytes().iter().all(u8::is_ascii_alphanumeric)
}

/// Two 16-byte notes, different, after which the old hash of `prefix` + note is
/// the same (`prefix` a whole number of 8-byte words).
fn colliding_notes(prefix: &[u8]) -> (String, String) {
    let state = prefix.chunks(8).fold(SEED, |h, c| old_mix(h, word(c)));
    let (w1, w2) = (word(b"aaaaaaaa"), word(b"bbbbbbbb"));
    let h1 = old_mix(state, w1);
    let mut n = 0u64;
    loop {
        n += 1;
        // n in base 26 as eight lowercase letters.
        let w1b = (0..8).fold(0u64, |w, k| {
            w | (u64::from(b'a') + n / 26u64.pow(k) % 26) << (8 * k)
        });
        let w2b = w2 ^ h1 ^ old_mix(state, w1b);
        if w1b != w1 && alnum(w2b) {
            let text = |a: u64, b: u64| {
                String::from_utf8([a.to_le_bytes(), b.to_le_bytes()].concat()).unwrap_or_default()
            };
            return (text(w1, w2), text(w1b, w2b));
        }
    }
}

#[test]
fn rows_that_collided_under_the_old_hash_are_a_conflict() {
    let prefix = "dup1234567,wang,deal,2026-07-01,";
    assert_eq!(prefix.len() % 8, 0);
    let (a, b) = colliding_notes(prefix.as_bytes());
    assert_ne!(a, b);
    // They do collide under the old hash: the whole record, tail word included.
    let old = |note: &str| {
        let text = format!("{prefix}{note}");
        let h = text
            .as_bytes()
            .chunks(8)
            .fold(SEED, |h, c| old_mix(h, word(c)));
        old_mix(h, (text.len() as u64) << 56)
    };
    assert_eq!(old(&a), old(&b));
    let facts = format!("id,subject,type,won_at,note\n{prefix}{a}\n{prefix}{b}\n");
    let doc = serde_json::json!({
        "plans": [{"id": "ae", "name": "AE", "version": "1",
          "indicators": [{"id": "won", "name": "赢单数", "unit": {"kind": "count"},
            "direction": "higher_is_better", "target": {"value": 2},
            "curve": {"kind": "ratio", "cap": 150},
            "measure": {"kind": "count", "fact": "deal", "date": "won_at"}}],
          "tree": {"group": "root", "children": [{"indicator": "won", "weight": 100}]}}],
        "roster": [{"subject": "wang"}],
        "period": "2026-07"
    });
    let setup = RunSetup::from_value(&doc).unwrap_or_else(|e| unreachable!("{e}"));
    let r = attain::run::run_bytes(&setup, FactsFormat::Csv, facts.as_bytes())
        .unwrap_or_else(|e| unreachable!("{e}"));
    let l = r.ledger();
    assert_eq!((l.used, l.duplicate, l.conflicting), (0, 0, 2), "{l:?}");
}
