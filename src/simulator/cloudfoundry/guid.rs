//! GUIDs in the Cloud Controller's format: lowercase, hyphenated, version 4.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicU64, Ordering};

/// Produces unique random-looking GUIDs without an RNG dependency: a randomly keyed `SipHash`
/// (std's `RandomState`) of a counter. Unique because the counter never repeats within a
/// process, and unpredictable across processes because the keys are random.
#[derive(Debug, Default)]
pub(crate) struct GuidSource {
    keys: RandomState,
    counter: AtomicU64,
}

impl GuidSource {
    pub(crate) fn next(&self) -> String {
        let count = self.counter.fetch_add(1, Ordering::Relaxed);
        let high = self.keys.hash_one((count, 0_u8));
        let low = self.keys.hash_one((count, 1_u8));
        // Version nibble 4 and RFC 4122 variant bits, as a real v4 UUID has.
        let high = (high & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let low = (low & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            high >> 32,
            (high >> 16) & 0xffff,
            high & 0xffff,
            low >> 48,
            low & 0xffff_ffff_ffff
        )
    }

    /// A random hex string, for opaque values such as token signatures and task names.
    pub(crate) fn hex(&self, length: usize) -> String {
        let mut out = String::new();
        while out.len() < length {
            out.push_str(&self.next().replace('-', ""));
        }
        out.truncate(length);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_lowercase_version_4_and_unique() {
        let source = GuidSource::default();
        let first = source.next();
        let second = source.next();
        assert_ne!(first, second);
        assert_eq!(first.len(), 36);
        assert_eq!(&first[14..15], "4");
        assert!(matches!(&first[19..20], "8" | "9" | "a" | "b"));
        assert_eq!(first, first.to_lowercase());
    }
}
