//! The cancel endpoint (`cancelEndpoint`, `cancelMethod`, `cancelPayload`): a best-effort call
//! telling the remote side to stop what the webhook started.
//!
//! Orca makes it in two situations, and so does gennaker:
//! - the execution is canceled (or halted by another branch) while the stage runs: the running
//!   task's `on_cancel` (orca `MonitorWebhookTask.onCancel`; gennaker also calls it during
//!   `waitBeforeMonitorWebhook`, when the remote work has already been started);
//! - the stage itself fails (orca `WebhookStage.onFailureStages`): TERMINAL, or a cancellation
//!   that `failPipeline: false` / `continuePipeline: true` turn into a failure.

use std::time::Duration;

use super::Shared;
use super::http::HttpCall;
use crate::engine::completion::failure_status;
use crate::engine::status::Status;
use crate::engine::task::{TaskInput, TaskResult, TaskStatus};

/// A cancel call holds up the end of the execution, so it gets less time than other calls.
const CANCEL_TIMEOUT: Duration = Duration::from_secs(15);

/// Calls the cancel endpoint, if one is configured. Failures are logged, never raised.
pub(super) async fn call_cancel_endpoint(shared: &Shared, input: &TaskInput) {
    let Ok((settings, client)) = shared.ready() else {
        return;
    };
    let Some(endpoint) = settings.cancel_endpoint.as_deref() else {
        return;
    };
    let call = HttpCall {
        method: settings.cancel_method.clone(),
        url: endpoint,
        headers: &settings.headers,
        payload: settings.cancel_payload.as_ref(),
    };
    let Ok(answer) = tokio::time::timeout(CANCEL_TIMEOUT, call.send(client)).await else {
        tracing::warn!(stage = %input.stage.id, "the webhook cancel endpoint {endpoint} did not answer in time");
        return;
    };
    match answer {
        Ok(response) if response.status.as_u16() < 400 => tracing::debug!(
            stage = %input.stage.id,
            status = response.status.as_u16(),
            "webhook cancel endpoint {endpoint} answered"
        ),
        Ok(response) => tracing::warn!(
            stage = %input.stage.id,
            "failed to cancel webhook {endpoint} with statusCode={}",
            response.status.as_u16()
        ),
        Err(error) => tracing::warn!(
            stage = %input.stage.id,
            "failed to cancel webhook {endpoint}: {}",
            shared.secrets.scrub_text(error.message())
        ),
    }
}

/// Passes `result` on, first calling the cancel endpoint when it makes the stage fail (orca's
/// `onFailureStages` hook).
pub(super) async fn after_failure(
    shared: &Shared,
    input: &TaskInput,
    result: TaskResult,
) -> TaskResult {
    let fails_stage = match result.status {
        TaskStatus::Terminal => true,
        TaskStatus::Canceled => {
            failure_status(&input.stage.context, Status::Canceled) != Status::Canceled
        }
        TaskStatus::Running | TaskStatus::Suspended | TaskStatus::Succeeded => false,
    };
    if fails_stage {
        call_cancel_endpoint(shared, input).await;
    }
    result
}
