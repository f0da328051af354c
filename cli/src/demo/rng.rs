//! The demo's one source of chance: SplitMix64, one stream per person, and only
//! IEEE-exact float operations on its draws, so the same seed gives the same bytes
//! on every machine.

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// SplitMix64: small, fast, and the same everywhere.
pub(super) struct Rng(u64);

impl Rng {
    /// An independent stream of a seed (0: the organisation, 1 + i: person i).
    pub(super) fn new(seed: u64, stream: u64) -> Rng {
        Rng(mix(
            mix(seed.wrapping_add(GOLDEN)) ^ stream.wrapping_mul(GOLDEN)
        ))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in 0..n (0 when n is 0).
    pub(super) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = self.below(items.len() as u64) as usize;
        &items[i.min(items.len().saturating_sub(1))]
    }

    /// Uniform in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    pub(super) fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A bell shape on [0, 1] (mean of four uniforms).
    pub(super) fn bell(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit()) / 4.0
    }

    /// A count around `mean` (±25 %, most within ±10 %).
    pub(super) fn count(&mut self, mean: f64) -> u64 {
        (mean * (0.75 + 0.5 * self.bell())).round().max(0.0) as u64
    }

    /// A skill in [0, 1] that follows `base` with some noise of its own.
    pub(super) fn skill(&mut self, base: f64) -> f64 {
        (0.65 * base + 0.35 * self.unit()).clamp(0.0, 1.0)
    }
}
