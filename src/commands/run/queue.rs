//! One execution at a time per pipeline (`limitConcurrent`): take its slot, queue for it with
//! `--wait`, or say which execution holds it.

use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};
use crate::history::ExecutionStore;
use crate::history::queue::{Slot, Slots, Waited};
use crate::history::requests;
use crate::pipeline::model::Pipeline;

/// `limitConcurrent` pipelines run one execution at a time: take the pipeline's slot, wait for
/// it with `--wait`, or say which execution holds it.
pub(super) async fn take_slot(
    store_dir: &std::path::Path,
    pipeline: &Pipeline,
    wait: bool,
    context: &Context,
) -> anyhow::Result<Option<Slot>> {
    if !pipeline.limit_concurrent() {
        return Ok(None);
    }
    let key = pipeline
        .id()
        .or(pipeline.name())
        .unwrap_or("pipeline")
        .to_owned();
    let slots = Slots::new(store_dir);
    if wait {
        let waited = slots
            .wait(&key, pipeline.keep_waiting_pipelines(), || {
                context.printer.note("another execution of this pipeline is running; waiting for it to finish (limitConcurrent)\n");
            })
            .await?;
        return match waited {
            Waited::Acquired(slot) => Ok(Some(slot)),
            Waited::Superseded => Err(StatusError::new(
                ExitStatus::Canceled,
                "canceled: a newer queued execution of this pipeline superseded this one (keepWaitingPipelines is false)",
            )
            .into()),
        };
    }
    if let Some(slot) = slots.try_acquire(&key)? {
        return Ok(Some(slot));
    }
    let store = ExecutionStore::new(store_dir);
    let running = store.ids()?.into_iter().find(|id| {
        requests::is_running(&store, id)
            && store.load(id).is_ok_and(|other| {
                other
                    .pipeline_config_id
                    .as_deref()
                    .or(other.name.as_deref())
                    == Some(key.as_str())
            })
    });
    let which = running.map_or_else(|| "an execution".to_owned(), |id| format!("execution {id}"));
    let cancel = running_hint(&which);
    Err(StatusError::new(
        ExitStatus::InvalidInput,
        format!("{which} of this pipeline is still running, and the pipeline allows one at a time"),
    )
    .with_hint(format!(
        "pass `--wait` to queue behind it, {cancel}or set `limitConcurrent` to false"
    ))
    .into())
}

pub(super) fn running_hint(which: &str) -> String {
    which
        .strip_prefix("execution ")
        .map_or_else(String::new, |id| {
            format!("cancel it with `gennaker executions cancel {id}`, ")
        })
}
