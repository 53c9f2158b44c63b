//! `createWebhook` (orca `CreateWebhookTask`): sends the configured request and judges the
//! answer with [`CreateCall`]; retried for up to five minutes.

use std::sync::Arc;
use std::time::Duration;

use super::Shared;
use super::cancel::after_failure;
use super::http::HttpCall;
use super::response::CreateCall;
use crate::engine::task::{Task, TaskInput, TaskResult};

/// How long the create call is retried (orca `CreateWebhookTask.timeout`).
const TIMEOUT: Duration = Duration::from_secs(5 * 60);

/// Sends the webhook request.
pub(super) struct CreateWebhookTask {
    shared: Arc<Shared>,
}

impl CreateWebhookTask {
    pub(super) fn new(shared: Arc<Shared>) -> Self {
        Self { shared }
    }

    async fn run(&self, input: &TaskInput) -> TaskResult {
        let (settings, client) = match self.shared.ready() {
            Ok(ready) => ready,
            Err(error) => return TaskResult::terminal(error),
        };
        // It is the first task, so the stage's running time is the task's.
        if input.elapsed > TIMEOUT {
            return self.shared.timed_out("createWebhook", TIMEOUT);
        }
        let Some(url) = settings.url.as_deref() else {
            return TaskResult::terminal("the webhook stage needs a `url`");
        };
        let call = HttpCall {
            method: settings.method.clone(),
            url,
            headers: &settings.headers,
            payload: settings.payload.as_ref(),
        };
        let outcome = call.send(client).await;
        CreateCall {
            settings,
            url,
            execution_id: &input.execution.id,
        }
        .process(outcome)
    }
}

#[async_trait::async_trait]
impl Task for CreateWebhookTask {
    fn name(&self) -> &'static str {
        "createWebhook"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.webhook.tasks.CreateWebhookTask"
    }

    // The call may or may not have reached the endpoint before the process died.
    fn repeatable(&self) -> bool {
        false
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = self.run(input).await;
        let result = after_failure(&self.shared, input, result).await;
        self.shared.seal(input, result)
    }
}
