//! [`ExecutionStore`]: reading and writing one execution's directory, and the
//! [`HistoryReporter`] that records an execution as the engine runs it.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::engine::event::{Event, Reporter};
use crate::engine::record::{Execution, StageExecution};

/// Why the history could not be read or written.
#[derive(Debug, thiserror::Error)]
pub(crate) enum HistoryError {
    /// A file could not be read or written.
    #[error("cannot {action} `{path}`: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file holds something that is not a record of an execution.
    #[error("`{path}` is damaged: {message}")]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// No execution has this id.
    #[error("no execution `{0}` in the history")]
    NotFound(String),
}

fn io(action: &'static str, path: &Path) -> impl FnOnce(std::io::Error) -> HistoryError {
    let path = path.to_owned();
    move |source| HistoryError::Io {
        action,
        path,
        source,
    }
}

/// The directory of all executions.
#[derive(Debug, Clone)]
pub(crate) struct ExecutionStore {
    root: PathBuf,
}

impl ExecutionStore {
    /// The store under `data_dir`.
    pub(crate) fn new(data_dir: &Path) -> Self {
        Self {
            root: data_dir.join("executions"),
        }
    }

    /// The directory of execution `id`.
    pub(crate) fn dir(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    /// Ids of every execution kept, in no particular order.
    pub(crate) fn ids(&self) -> Result<Vec<String>, HistoryError> {
        let entries = match fs::read_dir(&self.root) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(io("read", &self.root)(error)),
        };
        Ok(entries
            .filter_map(Result::ok)
            .filter(|entry| entry.path().join("execution.json").is_file())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect())
    }

    /// Records where an execution's pipeline came from (`origin.json`); best effort, as it only
    /// helps a later resume find child pipelines.
    pub(crate) fn write_origin(&self, id: &str, origin: &Value) {
        let dir = self.dir(id);
        if fs::create_dir_all(&dir).is_ok() {
            let _ = Self::write_atomically(&dir.join("origin.json"), origin.to_string().as_bytes());
        }
    }

    /// Where an execution's pipeline came from, or `null`.
    pub(crate) fn read_origin(&self, id: &str) -> Value {
        fs::read_to_string(self.dir(id).join("origin.json"))
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or(Value::Null)
    }

    /// Loads an execution: its snapshot, with the journal's later changes applied.
    pub(crate) fn load(&self, id: &str) -> Result<Execution, HistoryError> {
        let dir = self.dir(id);
        let snapshot_path = dir.join("execution.json");
        let text = match fs::read_to_string(&snapshot_path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(HistoryError::NotFound(id.to_owned()));
            }
            Err(error) => return Err(io("read", &snapshot_path)(error)),
        };
        let damaged = |message: String| HistoryError::Damaged {
            path: snapshot_path.clone(),
            message,
        };
        let snapshot: Value =
            serde_json::from_str(&text).map_err(|error| damaged(error.to_string()))?;
        let seq = snapshot.get("seq").and_then(Value::as_u64).unwrap_or(0);
        let mut execution: Execution =
            serde_json::from_value(snapshot.get("execution").cloned().unwrap_or(Value::Null))
                .map_err(|error| damaged(error.to_string()))?;
        let journal_path = dir.join("journal.jsonl");
        if let Ok(file) = File::open(&journal_path) {
            for line in BufReader::new(file).lines() {
                let line = line.map_err(io("read", &journal_path))?;
                // A line cut short by a crash was never acknowledged; it and anything after it
                // are ignored.
                let Ok(entry) = serde_json::from_str::<Value>(&line) else {
                    break;
                };
                if entry.get("seq").and_then(Value::as_u64).unwrap_or(0) <= seq {
                    continue;
                }
                apply(&mut execution, &entry);
            }
        }
        Ok(execution)
    }

    /// Writes a file of `dir` atomically: a temporary file, fsynced, renamed over the old one.
    fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), HistoryError> {
        let temporary = path.with_extension("tmp");
        let mut file = File::create(&temporary).map_err(io("write", &temporary))?;
        file.write_all(contents).map_err(io("write", &temporary))?;
        file.sync_all().map_err(io("sync", &temporary))?;
        fs::rename(&temporary, path).map_err(io("replace", path))?;
        if let Some(parent) = path.parent()
            && let Ok(directory) = File::open(parent)
        {
            // Makes the rename itself durable; not every platform can sync a directory.
            let _ = directory.sync_all();
        }
        Ok(())
    }
}

/// Applies one journal entry to an execution.
fn apply(execution: &mut Execution, entry: &Value) {
    if let Some(stage) = entry
        .get("stage")
        .and_then(|stage| serde_json::from_value::<StageExecution>(stage.clone()).ok())
    {
        execution.upsert_stage(stage);
    } else if let Some(header) = entry
        .get("execution")
        .and_then(|header| serde_json::from_value::<Execution>(header.clone()).ok())
    {
        let stages = std::mem::take(&mut execution.stages);
        *execution = header;
        execution.stages = stages;
    }
}

/// Records an execution as it runs: changes are journaled and made durable on each flush, and
/// the snapshot is rewritten every so often and at the end.
pub(crate) struct HistoryReporter {
    dir: PathBuf,
    journal: Option<File>,
    pending: Vec<u8>,
    seq: u64,
    since_snapshot: u64,
    execution: Option<Execution>,
    /// The first write that failed; the run reports it at the end.
    pub(crate) error: Option<HistoryError>,
}

/// Journal lines written before the snapshot is rewritten, bounding how much a load replays.
const SNAPSHOT_EVERY: u64 = 256;

impl HistoryReporter {
    /// A reporter writing under the store's directory for the execution it will be told about.
    pub(crate) fn new(store: &ExecutionStore, id: &str) -> Self {
        Self {
            dir: store.dir(id),
            journal: None,
            pending: Vec::new(),
            seq: 0,
            since_snapshot: 0,
            execution: None,
            error: None,
        }
    }

    fn record(&mut self, result: Result<(), HistoryError>) {
        if let Err(error) = result
            && self.error.is_none()
        {
            self.error = Some(error);
        }
    }

    fn snapshot(&mut self) -> Result<(), HistoryError> {
        let Some(execution) = &self.execution else {
            return Ok(());
        };
        let document = json!({"seq": self.seq, "execution": execution});
        let text = serde_json::to_vec_pretty(&document).unwrap_or_default();
        ExecutionStore::write_atomically(&self.dir.join("execution.json"), &text)?;
        let journal_path = self.dir.join("journal.jsonl");
        let journal = File::create(&journal_path).map_err(io("truncate", &journal_path))?;
        journal.sync_all().map_err(io("sync", &journal_path))?;
        self.journal = Some(journal);
        self.since_snapshot = 0;
        Ok(())
    }

    fn start(&mut self, execution: &Execution) -> Result<(), HistoryError> {
        fs::create_dir_all(self.dir.join("requests")).map_err(io("create", &self.dir))?;
        self.execution = Some(execution.clone());
        self.snapshot()
    }

    fn journal_stage(&mut self, stage: &StageExecution) {
        if let Some(execution) = &mut self.execution {
            execution.upsert_stage(stage.clone());
        }
        self.seq += 1;
        let line = json!({"seq": self.seq, "stage": stage});
        if let Ok(mut text) = serde_json::to_vec(&line) {
            text.push(b'\n');
            self.pending.extend(text);
        }
    }

    fn append_pending(&mut self) -> Result<(), HistoryError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let journal_path = self.dir.join("journal.jsonl");
        if self.journal.is_none() {
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(&journal_path)
                .map_err(io("open", &journal_path))?;
            self.journal = Some(file);
        }
        let journal = self.journal.as_mut().expect("opened above");
        journal
            .write_all(&self.pending)
            .map_err(io("append to", &journal_path))?;
        journal.sync_data().map_err(io("sync", &journal_path))?;
        self.since_snapshot += 1;
        self.pending.clear();
        if self.since_snapshot >= SNAPSHOT_EVERY {
            self.snapshot()?;
        }
        Ok(())
    }
}

impl Reporter for HistoryReporter {
    fn report(&mut self, event: &Event) {
        match event {
            Event::ExecutionStarted(execution) => {
                let result = self.start(execution);
                self.record(result);
            }
            Event::StageChanged(stage) => self.journal_stage(stage),
            Event::ExecutionFinished(execution) => {
                self.execution = Some(execution.as_ref().clone());
                self.seq += 1;
                self.pending.clear();
                let result = self.snapshot();
                self.record(result);
            }
        }
    }

    fn flush(&mut self) {
        let result = self.append_pending();
        self.record(result);
    }
}
