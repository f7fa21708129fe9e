//! A table of memoised results keyed by the exact text they were computed from (used by
//! the cached lint and the requirements analysis's per-block facts). Entries not used
//! since the last [`Table::sweep`] are dropped there, so a table holds only what the last
//! computation used.

use std::collections::HashMap;

/// The most entries of one hash a [`Table`] keeps. A 64-bit hash of two different texts
/// agrees by chance about once in 2^64; more than one entry per bucket is for the same text
/// with different side conditions (`ok` in [`Table::get`]) or texts crafted to collide.
pub(crate) const MAX_BUCKET: usize = 4;

/// Entries in buckets by a hash of their key text; the key text itself is compared.
#[derive(Debug)]
pub(crate) struct Table<V> {
    map: HashMap<u64, Vec<(Box<str>, u64, V)>>,
    pub(crate) gen: u64,
    pub(crate) held: usize,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            map: HashMap::new(),
            gen: 0,
            held: 0,
        }
    }
}

impl<V> Table<V> {
    pub(crate) fn get(&mut self, hash: u64, key: &str, ok: impl Fn(&V) -> bool) -> Option<&V> {
        let gen = self.gen;
        let bucket = self.map.get_mut(&hash)?;
        let e = bucket.iter_mut().find(|(k, _, v)| &**k == key && ok(v))?;
        e.1 = gen;
        Some(&e.2)
    }

    /// Keep `v` for `key`, unless `hash`'s bucket is full ([`MAX_BUCKET`]): keys crafted to
    /// share a hash are then computed each time, and a look-up never compares more than
    /// `MAX_BUCKET` keys.
    pub(crate) fn insert(&mut self, hash: u64, key: &str, v: V) {
        let bucket = self.map.entry(hash).or_default();
        if bucket.len() >= MAX_BUCKET {
            return;
        }
        self.held += key.len();
        bucket.push((key.into(), self.gen, v));
    }

    pub(crate) fn sweep(&mut self) {
        let gen = self.gen;
        let mut held = 0;
        self.map.retain(|_, bucket| {
            bucket.retain(|(k, g, _)| {
                let keep = *g == gen;
                if keep {
                    held += k.len();
                }
                keep
            });
            !bucket.is_empty()
        });
        self.held = held;
    }
}

/// A fast, non-cryptographic hash of `b` (buckets only: keys are compared in full).
pub(crate) fn hash_bytes(b: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = (seed ^ b.len() as u64).wrapping_mul(K);
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h.rotate_left(5) ^ x).wrapping_mul(K);
    }
    for &x in words.remainder() {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bucket_keeps_at_most_max_bucket_entries() {
        // Keys that share a hash, as keys crafted against the hash would.
        let mut t: Table<usize> = Table::default();
        let keys: Vec<String> = (0..1000).map(|i| format!("blok {i}")).collect();
        for (i, k) in keys.iter().enumerate() {
            if t.get(42, k, |_| true).is_none() {
                t.insert(42, k, i);
            }
        }
        assert_eq!(t.map[&42].len(), MAX_BUCKET);
        for (i, k) in keys.iter().enumerate() {
            let got = t.get(42, k, |_| true).copied();
            assert_eq!(got, (i < MAX_BUCKET).then_some(i), "{k}");
        }
        assert_eq!(
            t.held,
            keys[..MAX_BUCKET].iter().map(String::len).sum::<usize>()
        );
    }
}
