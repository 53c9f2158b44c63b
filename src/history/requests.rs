//! Requests to a running execution from other processes (`gennaker judge`, `gennaker
//! executions cancel`): each is a file in the execution's `requests/` directory, written
//! atomically, which the running process takes and deletes.
//!
//! Also the run lock: the process running an execution holds `run.lock`, so others can tell a
//! running execution from one whose process died.

use std::fs::{self, File};
use std::path::PathBuf;

use crate::engine::event::Control;
use crate::history::store::{ExecutionStore, HistoryError};

/// Leaves `control` for the process running execution `id`.
pub(crate) fn submit(
    store: &ExecutionStore,
    id: &str,
    control: &Control,
) -> Result<PathBuf, HistoryError> {
    let dir = store.dir(id).join("requests");
    fs::create_dir_all(&dir).map_err(|source| HistoryError::Io {
        action: "create",
        path: dir.clone(),
        source,
    })?;
    let name = format!("{}.json", ulid::Ulid::new());
    let temporary = dir.join(format!(".{name}.tmp"));
    let path = dir.join(name);
    let text = serde_json::to_vec(control).unwrap_or_default();
    fs::write(&temporary, text).map_err(|source| HistoryError::Io {
        action: "write",
        path: temporary.clone(),
        source,
    })?;
    fs::rename(&temporary, &path).map_err(|source| HistoryError::Io {
        action: "write",
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Takes (reads and deletes) the requests left for execution `id`, oldest first.
pub(crate) fn take(store: &ExecutionStore, id: &str) -> Vec<Control> {
    let dir = store.dir(id).join("requests");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .filter_map(|path| {
            let text = fs::read(&path).ok()?;
            let _ = fs::remove_file(&path);
            serde_json::from_slice(&text).ok()
        })
        .collect()
}

/// Hands every request left for execution `id` to `sender`, looking a few times a second,
/// until the task running it is aborted.
pub(crate) async fn forward(
    store: ExecutionStore,
    id: String,
    sender: tokio::sync::mpsc::UnboundedSender<Control>,
) {
    loop {
        for control in take(&store, &id) {
            let _ = sender.send(control);
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Held while a process runs an execution; released when dropped or when the process dies.
pub(crate) struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the lock of execution `id`; fails when another process holds it.
    pub(crate) fn acquire(store: &ExecutionStore, id: &str) -> Result<Option<Self>, HistoryError> {
        let dir = store.dir(id);
        fs::create_dir_all(&dir).map_err(|source| HistoryError::Io {
            action: "create",
            path: dir.clone(),
            source,
        })?;
        let path = dir.join("run.lock");
        let file = File::create(&path).map_err(|source| HistoryError::Io {
            action: "open",
            path: path.clone(),
            source,
        })?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Self { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(source)) => Err(HistoryError::Io {
                action: "lock",
                path,
                source,
            }),
        }
    }
}

/// Whether a live process is running execution `id`.
pub(crate) fn is_running(store: &ExecutionStore, id: &str) -> bool {
    let path = store.dir(id).join("run.lock");
    let Ok(file) = File::open(&path) else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}
