//! [`SavedState`]: `state.json`, everything the sandbox accounts ran — one DC/OS cluster
//! snapshot and its faults per region, and the Cloud Foundry snapshot (which holds its faults).
//!
//! One file rather than one per simulator, so a save is one atomic rename and a load never
//! sees DC/OS from one moment and Cloud Foundry from another.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::layout::write_atomically;
use crate::exit_status::{ExitStatus, StatusError};
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::fault::Faults;

/// Version of `state.json`; bumped when a change would misread older files.
const FORMAT: u32 = 1;

/// The whole saved sandbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedState {
    /// [`FORMAT`].
    pub(crate) format: u32,
    /// DC/OS clusters by region.
    pub(crate) dcos: BTreeMap<String, SavedCluster>,
    /// The Cloud Foundry simulator's snapshot (its faults included).
    pub(crate) cloudfoundry: Value,
}

/// One saved DC/OS cluster. The simulator's snapshot leaves faults out (they are a property
/// of the server, not of the cluster's state), so the sandbox keeps them beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SavedCluster {
    /// The cluster's state snapshot.
    pub(crate) state: ClusterState,
    /// The faults set on it.
    pub(crate) faults: Faults,
}

impl SavedState {
    /// A saved state of the current format.
    pub(crate) fn new(dcos: BTreeMap<String, SavedCluster>, cloudfoundry: Value) -> Self {
        Self {
            format: FORMAT,
            dcos,
            cloudfoundry,
        }
    }

    /// Reads `path`; `Ok(None)` when there is no such file, an error when it cannot be read
    /// or is not a saved state of this format.
    pub(crate) fn load(path: &Path) -> anyhow::Result<Option<Self>> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read `{}`", path.display()));
            }
        };
        let unusable = |why: String| {
            StatusError::new(ExitStatus::InvalidInput, why)
                .with_hint("`gennaker sandbox reset` removes it (and everything the sandbox ran)")
        };
        let state: Self = serde_json::from_slice(&bytes).map_err(|error| {
            unusable(format!(
                "`{}` is not a saved sandbox state: {error}",
                path.display()
            ))
        })?;
        if state.format != FORMAT {
            return Err(unusable(format!(
                "`{}` has format {} (this gennaker reads format {FORMAT})",
                path.display(),
                state.format
            ))
            .into());
        }
        Ok(Some(state))
    }

    /// The bytes [`SavedState::save`] writes; compared between saves to skip unchanged ones.
    pub(crate) fn to_bytes(&self) -> anyhow::Result<Vec<u8>> {
        serde_json::to_vec(self).context("cannot serialise the sandbox state")
    }

    /// Writes `bytes` (from [`SavedState::to_bytes`]) to `path` atomically, owner-only: the
    /// Cloud Foundry snapshot holds the simulated users' passwords and tokens.
    pub(crate) fn save_bytes(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
        write_atomically(path, bytes).with_context(|| format!("cannot write `{}`", path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_is_no_state_and_a_foreign_one_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert!(SavedState::load(&path).unwrap().is_none());
        std::fs::write(
            &path,
            br#"{"format": 99, "dcos": {}, "cloudfoundry": null}"#,
        )
        .unwrap();
        let error = SavedState::load(&path).unwrap_err().to_string();
        assert!(error.contains("format 99"), "{error}");
        std::fs::write(&path, b"[]").unwrap();
        assert!(SavedState::load(&path).is_err());
    }

    #[test]
    fn a_saved_state_reads_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        let state = SavedState::new(BTreeMap::new(), serde_json::json!({"apps": []}));
        SavedState::save_bytes(&path, &state.to_bytes().unwrap()).unwrap();
        assert_eq!(SavedState::load(&path).unwrap(), Some(state));
    }
}
