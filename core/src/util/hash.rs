//! Fast, seeded hashing of byte strings (row contents, ids): no domain knowledge.

use std::hash::Hasher;

/// A fast, deterministic 64-bit hash (multiply-fold over 8-byte words). Used for
/// fact ids (two seeds make a 128-bit key) and row contents; not exposed to users.
pub(crate) fn hash64(parts: &[&[u8]], seed: u64) -> u64 {
    let mut h = Hash64::new(seed);
    for p in parts {
        h.bytes(p);
    }
    h.finish()
}

#[derive(Clone, Copy)]
pub(crate) struct Hash64(u64);

/// Eight bytes as a little-endian word.
pub(crate) fn word(c: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(c);
    u64::from_le_bytes(w)
}

/// Fewer than eight bytes as a little-endian word (a loop, not a `memcpy` call).
fn tail(rest: &[u8]) -> u64 {
    rest.iter()
        .enumerate()
        .fold(0, |w, (k, &b)| w | u64::from(b) << (8 * k))
}

/// Two 64-bit hashes of the same bytes with two seeds, in one pass: a 128-bit key.
pub(crate) fn hash128(b: &[u8]) -> u128 {
    let (mut h1, mut h2) = (Hash64::new(1), Hash64::new(2));
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = word(c);
        h1.mix(w);
        h2.mix(w);
    }
    let last = tail(chunks.remainder()) ^ ((b.len() as u64) << 56);
    h1.mix(last);
    h2.mix(last);
    (u128::from(h1.finish()) << 64) | u128::from(h2.finish())
}

impl Hash64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;

    pub fn new(seed: u64) -> Hash64 {
        Hash64(seed ^ 0x243F_6A88_85A3_08D3)
    }

    fn mix(&mut self, w: u64) {
        let x = (self.0 ^ w).wrapping_mul(Self::K);
        self.0 = x.rotate_left(29) ^ (x >> 32);
    }

    pub fn bytes(&mut self, b: &[u8]) {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            self.mix(word(c));
        }
        // The length separates fields ("ab","c" from "a","bc").
        self.mix(tail(chunks.remainder()) ^ ((b.len() as u64) << 56));
    }

    pub fn finish(self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x
    }
}

/// A fast hasher for short strings (subject ids, distinct values).
#[derive(Clone, Copy)]
pub(crate) struct StrHasher(Hash64);

impl Default for StrHasher {
    fn default() -> Self {
        StrHasher(Hash64::new(7))
    }
}

impl Hasher for StrHasher {
    fn finish(&self) -> u64 {
        self.0.finish()
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0.bytes(bytes);
    }
}

pub(crate) type StrBuild = std::hash::BuildHasherDefault<StrHasher>;
