//! Identifier generation. Ids come from a counter kept in the cluster state mixed with a
//! per-cluster seed, so a simulator is repeatable and a reloaded snapshot never reuses an id.

/// The generator's state, persisted with the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct IdSource {
    /// Distinguishes clusters; derived from the cluster name.
    pub(crate) seed: u64,
    /// Ids handed out so far.
    pub(crate) counter: u64,
}

impl IdSource {
    /// A source seeded from `name`.
    pub(crate) fn for_cluster(name: &str) -> Self {
        // FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
        let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        Self { seed, counter: 0 }
    }

    fn next_word(&mut self) -> u64 {
        self.counter = self.counter.wrapping_add(1);
        splitmix(self.seed ^ self.counter.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// A version-4-shaped UUID, as Marathon uses for deployments and tasks.
    pub(crate) fn uuid(&mut self) -> String {
        let high = self.next_word();
        let low = self.next_word();
        let time_low = high >> 32;
        let time_mid = (high >> 16) & 0xffff;
        let version = 0x4000 | (high & 0x0fff);
        let variant = 0x8000 | ((low >> 48) & 0x3fff);
        let node = low & 0xffff_ffff_ffff;
        format!("{time_low:08x}-{time_mid:04x}-{version:04x}-{variant:04x}-{node:012x}")
    }

    /// `count` characters from `[A-Z0-9]`, as in Metronome run ids.
    pub(crate) fn alphanumeric(&mut self, count: usize) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        let mut word = self.next_word();
        (0..count)
            .map(|_| {
                let index = usize::try_from(word % 36).unwrap_or(0);
                word /= 36;
                char::from(ALPHABET[index])
            })
            .collect()
    }
}

fn splitmix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9e37_79b9_7f4a_7c15);
    value = (value ^ (value >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_distinct_and_well_formed() {
        let mut ids = IdSource::for_cluster("us-east-1");
        let first = ids.uuid();
        let second = ids.uuid();
        assert_ne!(first, second);
        let groups: Vec<usize> = first.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12]);
        assert_eq!(&first[14..15], "4");
    }

    #[test]
    fn clusters_with_different_names_get_different_ids() {
        assert_ne!(
            IdSource::for_cluster("a").uuid(),
            IdSource::for_cluster("b").uuid()
        );
    }
}
