//! Waiting for the `/v3/jobs` a step started (broker operations, deletions): the step records
//! their guids in the context (`cfJobs`), and the monitoring task polls each until COMPLETE,
//! failing the stage with CF's errors when one ends FAILED.

use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::task::{TaskInput, TaskResult};
use crate::providers::cloudfoundry::AsyncOperation;
use crate::providers::model::Progress;
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::cloud_foundry;

/// The context member holding the job guids to wait for.
pub(super) const JOBS: &str = "cfJobs";

/// How soon a waiting Cloud Foundry task asks again: broker operations take seconds, and a
/// foundation is shared by many clients.
pub(super) const POLL: Duration = Duration::from_secs(1);

/// The job guids of `operations`, as recorded in the context.
pub(super) fn recorded(operations: &[AsyncOperation]) -> Value {
    json!(
        operations
            .iter()
            .filter_map(|operation| operation.job.clone())
            .collect::<Vec<_>>()
    )
}

/// A job's failure, saying what it was about.
fn subject(stage_context: &serde_json::Map<String, Value>, why: &str) -> String {
    if let Some(name) = context::text(stage_context, "service.instance.name") {
        format!("service instance `{name}`: {why}")
    } else if let Some(name) = context::text(stage_context, "serverGroupName") {
        format!("server group `{name}`: {why}")
    } else {
        why.to_owned()
    }
}

/// Polls every recorded job: succeeded once all are complete.
pub(super) async fn monitor(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let guids: Vec<String> = crate::stages::cloudfoundry::strings(stage_context.get(JOBS));
    if guids.is_empty() {
        return Ok(TaskResult::succeeded());
    }
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let mut running = Vec::new();
    for guid in &guids {
        match cf.job_progress(guid).await.map_err(|error| error.message)? {
            Progress::Succeeded => {}
            Progress::Running(what) => running.push(what),
            Progress::Failed(why) => return Err(subject(stage_context, &why)),
        }
    }
    if running.is_empty() {
        Ok(TaskResult::succeeded())
    } else {
        Ok(TaskResult::running(POLL))
    }
}
