//! Keyed hashing of byte strings (row contents, ids, user text): no domain
//! knowledge.

use std::collections::hash_map::{DefaultHasher, RandomState};
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

/// A keyed 64-bit hash of byte strings, one after another (row contents). See
/// [`Hash64`].
pub(crate) fn hash64(parts: &[&[u8]], seed: u64) -> u64 {
    let mut h = Hash64::new(seed);
    for p in parts {
        h.bytes(p);
    }
    h.finish()
}

/// The process's secret key: fact ids, row contents and user text come from
/// untrusted tenants, so their hashes are keyed (SipHash-1-3, keyed at random once
/// per process): nobody can make two different ids, rows or texts collide on
/// purpose, and no set of user text degrades to a list. One key for every thread
/// (the passes of a run compare hashes made on different threads). Results never
/// depend on the key: hashes are only compared for equality, and whatever is
/// output is sorted first.
fn key() -> &'static RandomState {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    KEY.get_or_init(RandomState::new)
}

/// An incremental keyed hash; `seed` picks one of independent hash functions.
#[derive(Clone)]
pub(crate) struct Hash64(DefaultHasher);

/// Eight bytes as a little-endian word.
pub(crate) fn word(c: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(c);
    u64::from_le_bytes(w)
}

/// Two independent keyed 64-bit hashes of the same bytes: a 128-bit key.
pub(crate) fn hash128(b: &[u8]) -> u128 {
    let (mut h1, mut h2) = (Hash64::new(1), Hash64::new(2));
    h1.bytes(b);
    h2.bytes(b);
    (u128::from(h1.finish()) << 64) | u128::from(h2.finish())
}

impl Hash64 {
    pub fn new(seed: u64) -> Hash64 {
        let mut h = key().build_hasher();
        h.write_u64(seed);
        Hash64(h)
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.0.write(b);
        // The length separates fields ("ab","c" from "a","bc").
        self.0.write_usize(b.len());
    }

    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// Sets and maps keyed by user text (subject ids, fact types, distinct values)
/// hash with the process's key.
#[derive(Clone, Copy, Default)]
pub(crate) struct StrBuild;

impl BuildHasher for StrBuild {
    type Hasher = DefaultHasher;

    fn build_hasher(&self) -> DefaultHasher {
        key().build_hasher()
    }
}
