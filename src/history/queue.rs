//! One execution at a time per pipeline (`limitConcurrent`), across processes: the run holds
//! the pipeline's slot lock (`locks/<pipeline>.lock`) for as long as it runs; a run started with
//! `--wait` queues behind it (`queue/<pipeline>/<ulid>`) and, when the slot frees, either the
//! oldest queued run starts (`keepWaitingPipelines: true`) or only the newest does and the older
//! ones are canceled as superseded, as Orca does.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::history::store::HistoryError;

/// The slot of a pipeline, held while its execution runs; released when dropped.
pub(crate) struct Slot {
    _file: File,
}

/// How waiting for a slot ended.
pub(crate) enum Waited {
    /// The slot is ours: run.
    Acquired(Slot),
    /// A newer queued run took precedence (`keepWaitingPipelines: false`).
    Superseded,
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> HistoryError {
    let path = path.to_owned();
    move |source| HistoryError::Io {
        action,
        path,
        source,
    }
}

/// A file-name-safe form of a pipeline's id or name.
fn key(pipeline: &str) -> String {
    pipeline
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The slots and queues under a data directory.
#[derive(Debug, Clone)]
pub(crate) struct Slots {
    locks: PathBuf,
    queues: PathBuf,
}

impl Slots {
    /// The slots of `data_dir`.
    pub(crate) fn new(data_dir: &Path) -> Self {
        Self {
            locks: data_dir.join("locks"),
            queues: data_dir.join("queue"),
        }
    }

    fn open(&self, pipeline: &str) -> Result<File, HistoryError> {
        fs::create_dir_all(&self.locks).map_err(io("create", &self.locks))?;
        let path = self.locks.join(format!("{}.lock", key(pipeline)));
        File::create(&path).map_err(io("open", &path))
    }

    /// Takes the slot of `pipeline` if it is free.
    pub(crate) fn try_acquire(&self, pipeline: &str) -> Result<Option<Slot>, HistoryError> {
        let file = self.open(pipeline)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Slot { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(source)) => Err(HistoryError::Io {
                action: "lock",
                path: self.locks.clone(),
                source,
            }),
        }
    }

    /// Queues behind the running execution of `pipeline` until this run may start, or a newer
    /// queued run supersedes it. `on_wait` is called once, when the wait begins.
    pub(crate) async fn wait(
        &self,
        pipeline: &str,
        keep_waiting: bool,
        on_wait: impl FnOnce(),
    ) -> Result<Waited, HistoryError> {
        if let Some(slot) = self.try_acquire(pipeline)? {
            return Ok(Waited::Acquired(slot));
        }
        on_wait();
        let queue = self.queues.join(key(pipeline));
        fs::create_dir_all(&queue).map_err(io("create", &queue))?;
        let me = ulid::Ulid::new().to_string();
        let marker = queue.join(&me);
        fs::write(&marker, b"").map_err(io("write", &marker))?;
        loop {
            if !marker.exists() {
                // A newer run removed our marker: it started instead of us.
                return Ok(Waited::Superseded);
            }
            if let Some(slot) = self.try_acquire(pipeline)? {
                let mut queued: Vec<String> = fs::read_dir(&queue)
                    .map_err(io("read", &queue))?
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .collect();
                queued.sort();
                let ours_to_take = if keep_waiting {
                    queued.first() == Some(&me)
                } else {
                    queued.last() == Some(&me)
                };
                if ours_to_take {
                    if !keep_waiting {
                        for older in queued.iter().filter(|name| **name != me) {
                            let _ = fs::remove_file(queue.join(older));
                        }
                    }
                    let _ = fs::remove_file(&marker);
                    return Ok(Waited::Acquired(slot));
                }
                drop(slot);
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}
