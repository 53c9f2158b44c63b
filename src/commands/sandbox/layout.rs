//! [`SandboxDir`]: the files of `<data-dir>/sandbox/`, atomic writes, and the file locks that
//! keep concurrent gennaker processes from stepping on each other.
//!
//! | file | what |
//! |---|---|
//! | `state.json` | the saved simulators ([`super::saved_state::SavedState`]); mode 0600 |
//! | `endpoints.json` | where the running sandbox answers ([`super::endpoints::EndpointsFile`]) |
//! | `owner.lock` | locked (exclusive) by the one process that may write `state.json`: the daemon or `serve --persist` for its whole life, `fault`/`reset` for a moment |
//! | `spawn.lock` | locked (exclusive) by a process starting the daemon, so two never start two |
//! | `clients.lock` | locked (shared) by every process using the sandbox: the daemon does not idle out under them |
//! | `stop` | present: the process owning the sandbox saves and exits |
//! | `daemon.log` | stdout and stderr of the background sandbox |
//!
//! Locks are advisory `flock`-style locks on open files, so the OS releases them when a process
//! dies, even by `kill -9`: a crash never leaves the sandbox locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;

/// How often a waiting process tries a lock again.
const LOCK_POLL: Duration = Duration::from_millis(50);

/// The sandbox's directory inside the data directory.
#[derive(Debug, Clone)]
pub(crate) struct SandboxDir {
    root: PathBuf,
    data_dir: PathBuf,
}

impl SandboxDir {
    /// The sandbox directory of `data_dir` (made absolute, so a spawned process finds it from
    /// any working directory).
    pub(crate) fn new(data_dir: &Path) -> Self {
        let data_dir = std::path::absolute(data_dir).unwrap_or_else(|_| data_dir.to_owned());
        Self {
            root: data_dir.join("sandbox"),
            data_dir,
        }
    }

    /// The data directory it belongs to.
    pub(crate) fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// `<data-dir>/sandbox`.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The saved simulator state.
    pub(crate) fn state(&self) -> PathBuf {
        self.root.join("state.json")
    }

    /// Where the running sandbox answers.
    pub(crate) fn endpoints(&self) -> PathBuf {
        self.root.join("endpoints.json")
    }

    /// The stop request.
    pub(crate) fn stop_request(&self) -> PathBuf {
        self.root.join("stop")
    }

    /// The background sandbox's output.
    pub(crate) fn daemon_log(&self) -> PathBuf {
        self.root.join("daemon.log")
    }

    /// Creates the directory (owner-only: the state holds the simulated foundation's tokens).
    pub(crate) fn create(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.root)
            .with_context(|| format!("cannot create `{}`", self.root.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let _ = std::fs::set_permissions(&self.root, std::fs::Permissions::from_mode(0o700));
        }
        Ok(())
    }

    /// Opens one of the lock files (creating it).
    pub(crate) fn lock_file(&self, lock: SandboxLock) -> anyhow::Result<File> {
        self.create()?;
        let path = self.root.join(lock.file_name());
        OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open `{}`", path.display()))
    }
}

/// The lock files of the sandbox directory (see the module table).
#[derive(Debug, Clone, Copy)]
pub(crate) enum SandboxLock {
    /// Held by whoever may write `state.json`.
    Owner,
    /// Held while starting the daemon.
    Spawn,
    /// Held (shared) by processes using the sandbox.
    Clients,
}

impl SandboxLock {
    fn file_name(self) -> &'static str {
        match self {
            Self::Owner => "owner.lock",
            Self::Spawn => "spawn.lock",
            Self::Clients => "clients.lock",
        }
    }
}

/// Whether to take a lock alone or together with other holders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LockMode {
    /// No one else holds it.
    Exclusive,
    /// Others may hold it shared too.
    Shared,
}

/// Tries to lock `file` now; `Ok(false)` when someone else holds it.
pub(crate) fn try_lock(file: &File, mode: LockMode) -> std::io::Result<bool> {
    let attempt = match mode {
        LockMode::Exclusive => file.try_lock(),
        LockMode::Shared => file.try_lock_shared(),
    };
    match attempt {
        Ok(()) => Ok(true),
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(error)) => Err(error),
    }
}

/// Locks `file`, waiting at most `timeout`; `Ok(false)` when it stayed held that long. Polls
/// instead of blocking so a wedged holder turns into a clear error, not a hang.
pub(crate) async fn lock_within(
    file: &File,
    mode: LockMode,
    timeout: Duration,
) -> std::io::Result<bool> {
    let deadline = Instant::now() + timeout;
    loop {
        if try_lock(file, mode)? {
            return Ok(true);
        }
        if Instant::now() >= deadline {
            return Ok(false);
        }
        tokio::time::sleep(LOCK_POLL).await;
    }
}

/// Writes `bytes` to `path` so that readers see the old or the new contents, never a mix, and
/// a crash at any moment leaves one of them: temp file in the same directory, fsync, rename,
/// fsync of the directory. The file is owner-only.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let directory = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(
        ".{name}.tmp-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let result = (|| {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt as _;
            options.mode(0o600);
        }
        let mut file = options.open(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)?;
        // The rename is durable only once the directory entry is; not possible on Windows.
        #[cfg(unix)]
        File::open(directory)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// Removes `path`; `Ok(false)` when it was not there.
pub(crate) fn remove_if_present(path: &Path) -> std::io::Result<bool> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        write_atomically(&path, b"first, longer contents").unwrap();
        write_atomically(&path, b"second").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, ["state.json"]);
    }

    #[tokio::test]
    async fn an_exclusive_lock_excludes_shared_holders_until_released() {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = SandboxDir::new(dir.path());
        let client = sandbox.lock_file(SandboxLock::Clients).unwrap();
        let daemon = sandbox.lock_file(SandboxLock::Clients).unwrap();
        assert!(try_lock(&client, LockMode::Shared).unwrap());
        assert!(!try_lock(&daemon, LockMode::Exclusive).unwrap());
        assert!(
            !lock_within(&daemon, LockMode::Exclusive, Duration::from_millis(120))
                .await
                .unwrap()
        );
        client.unlock().unwrap();
        assert!(try_lock(&daemon, LockMode::Exclusive).unwrap());
    }
}
