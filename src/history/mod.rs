//! Executions kept on disk, so they can be listed, shown, judged and canceled from another
//! shell, and survive the process that ran them.
//!
//! Layout, under `<data dir>/executions/<id>/`:
//! - `execution.json`: a snapshot `{"seq": N, "execution": {…}}`, replaced atomically;
//! - `journal.jsonl`: one line per change since the snapshot, `{"seq": N, "stage": {…}}` or
//!   `{"seq": N, "execution": {…}}`, appended and fsynced before the engine acts further;
//! - `requests/`: answers and cancellations from other processes, one JSON file each;
//! - `run.lock`: held by the process running the execution.

pub(crate) mod queue;
pub(crate) mod requests;
pub(crate) mod store;

pub(crate) use store::ExecutionStore;
