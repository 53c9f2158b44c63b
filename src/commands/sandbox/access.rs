//! [`SandboxAccess`]: the sandbox that `status`, `fault` and `reset` work on — the running one
//! when it answers, otherwise the saved state loaded into simulators in this process for the
//! duration of the command. Either way the command talks HTTP to the simulators, so it has one
//! code path.

use std::fs::File;
use std::time::{Duration, Instant};

use super::accounts::dcos_regions;
use super::endpoints::{EndpointsFile, SandboxEndpoints};
use super::layout::{LockMode, SandboxDir, SandboxLock, try_lock};
use super::saved_state::SavedState;
use super::simulators::SandboxSimulators;

/// How long a change waits for a sandbox that is starting or stopping to settle.
const SETTLE_WAIT: Duration = Duration::from_secs(15);

/// The sandbox a command works on.
#[derive(Debug)]
pub(crate) enum SandboxAccess {
    /// The sandbox runs in another process, which saves what changes.
    Running(EndpointsFile),
    /// The saved state, served by this process until [`SandboxAccess::finish`]. With the owner
    /// lock, changes are saved back; without it, the access is read-only.
    Loaded {
        /// The simulators holding the saved state.
        simulators: SandboxSimulators,
        /// `owner.lock`, held for a change.
        owner: Option<File>,
    },
    /// Not running and no saved state.
    Empty,
}

impl SandboxAccess {
    /// The sandbox to look at: the running one, else the saved state, else [`Self::Empty`].
    pub(crate) async fn for_reading(dir: &SandboxDir) -> anyhow::Result<Self> {
        if let Some(file) = EndpointsFile::read_answering(dir).await {
            return Ok(Self::Running(file));
        }
        match SavedState::load(&dir.state())? {
            Some(saved) => Ok(Self::Loaded {
                simulators: SandboxSimulators::start(&dcos_regions(), Some(&saved)).await?,
                owner: None,
            }),
            None => Ok(Self::Empty),
        }
    }

    /// The sandbox to change: the running one, else the saved (or an empty) state under the
    /// owner lock, so no sandbox starts and writes meanwhile.
    pub(crate) async fn for_change(dir: &SandboxDir) -> anyhow::Result<Self> {
        dir.create()?;
        let owner = dir.lock_file(SandboxLock::Owner)?;
        let deadline = Instant::now() + SETTLE_WAIT;
        loop {
            if let Some(file) = EndpointsFile::read_answering(dir).await {
                return Ok(Self::Running(file));
            }
            if try_lock(&owner, LockMode::Exclusive)? {
                break;
            }
            // Someone owns the state without answering yet: a sandbox starting or stopping.
            if Instant::now() >= deadline {
                anyhow::bail!(
                    "the sandbox of `{}` is held by a process that does not answer; \
                     `gennaker sandbox stop` stops it",
                    dir.data_dir().display()
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let saved = SavedState::load(&dir.state())?;
        let simulators = SandboxSimulators::start(&dcos_regions(), saved.as_ref()).await?;
        Ok(Self::Loaded {
            simulators,
            owner: Some(owner),
        })
    }

    /// Where its simulators answer; `None` for [`Self::Empty`].
    pub(crate) fn endpoints(&self) -> Option<SandboxEndpoints> {
        match self {
            Self::Running(file) => Some(file.endpoints()),
            Self::Loaded { simulators, .. } => Some(simulators.endpoints()),
            Self::Empty => None,
        }
    }

    /// Ends the access: a loaded state with the owner lock is saved back, then its
    /// simulators stop.
    pub(crate) fn finish(self, dir: &SandboxDir) -> anyhow::Result<()> {
        if let Self::Loaded { simulators, owner } = self {
            let saved = owner
                .is_some()
                .then(|| simulators.snapshot().to_bytes())
                .transpose();
            simulators.shutdown();
            if let Some(bytes) = saved? {
                SavedState::save_bytes(&dir.state(), &bytes)?;
            }
            drop(owner);
        }
        Ok(())
    }
}
