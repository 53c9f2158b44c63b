//! Where an execution came from (`origin.json` beside it): the pipeline file and directories
//! its child pipelines are found in, and the stand-ins of a rehearsal, so that a resumed
//! execution finds the same pipelines and stays in the sandbox.

use serde_json::Value;

use crate::exit_status::{ExitStatus, StatusError};
use crate::history::ExecutionStore;
use crate::pipeline::catalog::PipelineCatalog;

use super::rehearse;

/// Remembers where the pipeline came from, so a resumed execution finds its child pipelines.
pub(super) fn store_origin(
    data_dir: &std::path::Path,
    id: &str,
    file: &std::path::Path,
    dirs: &[std::path::PathBuf],
    rehearsal: Option<&rehearse::RehearsalPlan>,
) -> anyhow::Result<()> {
    let origin = serde_json::json!({
        "file": std::path::absolute(file).unwrap_or_else(|_| file.to_owned()),
        "pipelinesDirs": dirs.iter().map(|dir| std::path::absolute(dir).unwrap_or_else(|_| dir.clone())).collect::<Vec<_>>(),
        "rehearsal": rehearsal,
    });
    let store = ExecutionStore::new(data_dir);
    store.write_origin(id, &origin);
    // A resumed rehearsal must find its stand-ins, or it would reach the real accounts.
    if rehearsal.is_some()
        && store
            .read_origin(id)
            .get("rehearsal")
            .is_none_or(Value::is_null)
    {
        return Err(StatusError::new(
            ExitStatus::Internal,
            "cannot record the rehearsal's stand-in accounts",
        )
        .with_hint("check the free space and permissions of the data directory")
        .into());
    }
    Ok(())
}

/// The rehearsal a resumed execution was, from where it was recorded.
pub(crate) fn rehearsal_for(store: &ExecutionStore, id: &str) -> Option<rehearse::RehearsalPlan> {
    serde_json::from_value(store.read_origin(id).get("rehearsal")?.clone()).ok()
}

/// The catalog of a resumed execution: around the file it was started from.
pub(crate) fn catalog_for(store: &ExecutionStore, id: &str) -> PipelineCatalog {
    let origin = store.read_origin(id);
    let file = origin.get("file").and_then(Value::as_str).map_or_else(
        || std::path::PathBuf::from("pipeline.json"),
        std::path::PathBuf::from,
    );
    let dirs = origin
        .get("pipelinesDirs")
        .and_then(Value::as_array)
        .map(|dirs| {
            dirs.iter()
                .filter_map(Value::as_str)
                .map(std::path::PathBuf::from)
                .collect()
        })
        .unwrap_or_default();
    PipelineCatalog::new(&file, dirs)
}
