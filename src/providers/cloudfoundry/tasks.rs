//! `runJob` on Cloud Foundry: a task run in an existing app (the stage names it in
//! `serverGroupName`, or resolves its `cluster` and `target` to one), as Spinnaker's
//! `CloudFoundryJobRunner` does. A task leaves no files, so there is no property file.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::providers::cloud::JobRequest;
use crate::providers::cloudfoundry::client::parse;
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::Task;
use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::model::{JobHandle, JobState, Progress};

impl CloudFoundryProvider {
    /// Starts the task; the handle's `job` is the app guid, `run` the task guid.
    pub(super) async fn start_task(&self, request: &JobRequest) -> ProviderResult<JobHandle> {
        let description = &request.description;
        let text = |key: &str| description.get(key).and_then(Value::as_str);
        let server_group = text("serverGroupName")
            .or_else(|| text("serverGroup"))
            .ok_or_else(|| {
                ProviderError::invalid(
                    "a Cloud Foundry runJob needs the `serverGroupName` to run in",
                )
            })?;
        let command = text("command")
            .filter(|command| !command.trim().is_empty())
            .ok_or_else(|| ProviderError::invalid("a Cloud Foundry runJob needs a `command`"))?;
        let (_, app) = self.require_app(&request.region, server_group).await?;
        let mut body = json!({"command": command});
        if let Some(name) = text("jobName").filter(|name| !name.is_empty()) {
            body["name"] = json!(name);
        }
        let reply = self
            .client
            .call(
                Method::POST,
                &format!("/v3/apps/{}/tasks", app.guid),
                Some(&body),
                &format!("running a task in `{server_group}`"),
            )
            .await?;
        let task: Task = parse(reply.body, "running a task")?;
        Ok(JobHandle {
            region: request.region.clone(),
            job: app.guid,
            run: task.guid,
        })
    }

    async fn task(&self, handle: &JobHandle) -> ProviderResult<Task> {
        self.client
            .get(&format!("/v3/tasks/{}", handle.run), "reading the task")
            .await
    }

    /// The task's state: RUNNING (and PENDING, CANCELING) running, SUCCEEDED, FAILED with
    /// its failure reason.
    pub(super) async fn task_state(&self, handle: &JobHandle) -> ProviderResult<JobState> {
        Ok(job_state(&self.task(handle).await?))
    }

    /// What the task's result says (CF keeps no logs the API serves).
    pub(super) async fn task_outcome(&self, handle: &JobHandle) -> ProviderResult<String> {
        let task = self.task(handle).await?;
        Ok(task
            .result
            .failure_reason
            .unwrap_or_else(|| format!("task {}", task.state.to_lowercase())))
    }

    /// Cancels the task; one already finished is left as it is.
    pub(super) async fn cancel_task(&self, handle: &JobHandle) -> ProviderResult<()> {
        let result = self
            .client
            .call(
                Method::POST,
                &format!("/v3/tasks/{}/actions/cancel", handle.run),
                None,
                "canceling the task",
            )
            .await;
        match result {
            Err(error) if !matches!(error.kind, ErrorKind::Invalid | ErrorKind::NotFound) => {
                Err(error)
            }
            _ => Ok(()),
        }
    }
}

/// A task as a job state, with the task's fields as details.
pub(super) fn job_state(task: &Task) -> JobState {
    let progress = match task.state.as_str() {
        "SUCCEEDED" => Progress::Succeeded,
        "FAILED" => Progress::Failed(
            task.result
                .failure_reason
                .clone()
                .unwrap_or_else(|| "the task failed".into()),
        ),
        other => Progress::Running(other.to_lowercase()),
    };
    let mut details = Map::new();
    details.insert("taskGuid".into(), json!(task.guid));
    details.insert("name".into(), json!(task.name));
    details.insert("state".into(), json!(task.state));
    details.insert("sequenceId".into(), json!(task.sequence_id));
    details.insert("dropletGuid".into(), json!(task.droplet_guid));
    details.insert("failureReason".into(), json!(task.result.failure_reason));
    JobState { progress, details }
}
