//! Fast, deterministic hashing for feature keys and lookup tables.
//!
//! Feature keys must hash identically on every machine and in every run, so
//! that a trained model works anywhere; std's `RandomState` would not do.

use std::hash::{BuildHasherDefault, Hasher};

/// A multiply-rotate hasher in the style of rustc's FxHash.
#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` builder using [`FxHasher`].
pub type FxBuild = BuildHasherDefault<FxHasher>;

/// A `HashMap` with [`FxHasher`].
pub type FxHashMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

/// A `HashSet` with [`FxHasher`].
pub type FxHashSet<K> = std::collections::HashSet<K, FxBuild>;

/// Final mixing so that nearby inputs land far apart (splitmix64).
#[inline]
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hash of a string (FNV-1a, then mixed). Never zero.
#[inline]
pub fn str_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

/// Hash of a byte string (FNV-1a, then mixed). Never zero.
#[inline]
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.bytes(bytes);
    h.finish()
}

/// Hash of the lower-cased string, without allocating for ASCII text.
#[inline]
pub fn lower_hash(s: &str) -> u64 {
    if s.is_ascii() {
        let mut h = Fnv::default();
        h.lower(s);
        h.finish()
    } else {
        // `str::to_lowercase`, not per character: a final sigma differs.
        str_hash(&s.to_lowercase())
    }
}

/// [`str_hash`] fed piece by piece: the hash of a text built from parts
/// (a phrase word by word, a word's shape character by character) without
/// building it.
#[derive(Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Feeds one byte.
    #[inline]
    pub fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
    }

    /// Feeds bytes.
    #[inline]
    pub fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.byte(b);
        }
    }

    /// Feeds a character as UTF-8.
    #[inline]
    pub fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Feeds `word` lower-cased, character by character.
    pub fn lower(&mut self, word: &str) {
        if word.is_ascii() {
            for b in word.bytes() {
                self.byte(b.to_ascii_lowercase());
            }
        } else {
            for c in word.chars().flat_map(char::to_lowercase) {
                self.char(c);
            }
        }
    }

    /// The hash of everything fed, as [`str_hash`] gives it. Never zero.
    #[inline]
    pub fn finish(&self) -> u64 {
        mix(self.0) | 1
    }
}

/// Combines a template id and parts into one feature key. Never zero.
#[inline]
pub fn feature(template: u64, parts: &[u64]) -> u64 {
    let mut h = mix(template.wrapping_add(0x9e37_79b9_7f4a_7c15));
    for &p in parts {
        h = mix(h ^ p);
    }
    h | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_values() {
        // A trained model depends on these values never changing.
        assert_eq!(str_hash("Park"), str_hash("Park"));
        assert_ne!(str_hash("Park"), str_hash("park"));
        assert_eq!(lower_hash("PARK"), str_hash("park"));
        assert_eq!(lower_hash("ÉLAN"), str_hash("élan"));
        assert_ne!(feature(1, &[2]), feature(2, &[1]));
        assert_eq!(
            str_hash("a"),
            0x02c0_bdbf_4814_20f9,
            "hash of \"a\" changed: {:#x}",
            str_hash("a")
        );
    }
}
