//! A table of memoised results keyed by the exact text they were computed from (used by
//! the cached lint and the requirements analysis's per-block facts). Entries not used
//! since the last [`Table::sweep`] are dropped there, so a table holds only what the last
//! computation used.

use std::collections::HashMap;

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

    pub(crate) fn insert(&mut self, hash: u64, key: &str, v: V) {
        self.held += key.len();
        self.map
            .entry(hash)
            .or_default()
            .push((key.into(), self.gen, v));
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
