//! `runJob` (orca-model §5.13; a Metronome job on DC/OS, a task on Cloud Foundry): `runJob`
//! starts the run and keeps its [`JobHandle`] in the context (`jobHandle`) at once, `monitorJob`
//! checks the run exists, and `waitOnJobCompletion` (unless `waitForCompletion` is false)
//! waits for it to end. A failure carries the last lines the job wrote; a success reads the
//! `propertyFile` (see [`properties`]) into outputs and `propertyFileContents`. Cancelling the
//! execution stops the run.

mod properties;

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::cloud::{CloudProvider, JobRequest};
use crate::providers::model::{JobHandle, JobState, Progress};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::settle::{LISTEN, POLL};

/// The `runJob` stage.
pub(crate) struct RunJobStage {
    /// Accounts and guards.
    pub(crate) settings: Arc<CloudSettings>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Run,
    Monitor,
    Wait,
}

impl StageDefinition for RunJobStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let mut steps = vec![Step::Run, Step::Monitor];
        if context::flag(&stage.context, "waitForCompletion", true) {
            steps.push(Step::Wait);
        }
        steps
            .into_iter()
            .map(|step| {
                Arc::new(JobTask {
                    step,
                    settings: Arc::clone(&self.settings),
                }) as Arc<dyn Task>
            })
            .collect()
    }
}

struct JobTask {
    step: Step,
    settings: Arc<CloudSettings>,
}

/// The run the `runJob` task started.
fn handle(stage_context: &Map<String, Value>) -> Result<JobHandle, String> {
    let recorded = stage_context
        .get("jobHandle")
        .ok_or("no job run was started")?;
    serde_json::from_value(recorded.clone())
        .map_err(|error| format!("`jobHandle` is unreadable: {error}"))
}

/// Where the job runs: `region`, else the first of `regions`, else DC/OS's `dcosCluster`.
fn region(stage_context: &Map<String, Value>) -> Result<String, String> {
    context::regions(stage_context)
        .into_iter()
        .next()
        .or_else(|| context::text(stage_context, "dcosCluster").map(ToOwned::to_owned))
        .ok_or_else(|| "the job names no `region`".to_owned())
}

/// `jobStatus` and `completionDetails` as Orca reports them, from the provider's details.
fn status_outputs(handle: &JobHandle, state: &JobState, job_state: &str) -> TaskResult {
    let mut status = state.details.clone();
    status.insert("name".into(), json!(handle.job));
    status.insert("location".into(), json!(handle.region));
    status.insert("jobState".into(), json!(job_state));
    let completion = state
        .details
        .get("completionDetails")
        .cloned()
        .unwrap_or_else(|| Value::Object(state.details.clone()));
    TaskResult::succeeded()
        .context("jobStatus", Value::Object(status.clone()))
        .context("completionDetails", completion.clone())
        .output("jobStatus", Value::Object(status))
        .output("completionDetails", completion)
}

impl JobTask {
    async fn start(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        if stage_context.contains_key("jobHandle") {
            return Ok(TaskResult::succeeded());
        }
        let provider = context::provider(&self.settings, stage_context).await?;
        let region = region(stage_context)?;
        let mut description = stage_context.clone();
        description.shift_remove("expressionEvaluationSummary");
        // A Cloud Foundry job is a task run in an app: Orca's `CloudFoundryJobRunner` resolves
        // the stage's `cluster` and `target` to the one server group it runs in.
        if provider.cloud_provider() == "cloudfoundry"
            && context::text(stage_context, "serverGroupName").is_none()
        {
            let group = crate::stages::cloud::server_group::resolve(
                provider.as_ref(),
                stage_context,
                &region,
            )
            .await?;
            description.insert("serverGroupName".into(), json!(group.name));
        }
        let request = JobRequest {
            region: region.clone(),
            description,
        };
        let handle = provider
            .run_job(&request)
            .await
            .map_err(|error| error.message)?;
        let mut jobs = Map::new();
        jobs.insert(region, json!([handle.job]));
        Ok(TaskResult::succeeded()
            .context("jobHandle", json!(handle))
            .context("deploy.jobs", Value::Object(jobs))
            .context("deploy.account.name", json!(provider.account())))
    }

    async fn finish(
        &self,
        provider: &dyn CloudProvider,
        handle: &JobHandle,
        state: &JobState,
        input: &TaskInput,
    ) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let mut result = status_outputs(handle, state, "Succeeded");
        if let Some(path) = context::text(stage_context, "propertyFile") {
            let contents = provider
                .job_file(handle, path)
                .await
                .map_err(|error| error.message)?
                .ok_or_else(|| format!("the job left no property file `{path}`"))?;
            let properties = properties::parse(&contents)?;
            for (key, value) in &properties {
                result = result
                    .context(key, value.clone())
                    .output(key, value.clone());
            }
            let all = Value::Object(properties);
            result = result
                .context("propertyFileContents", all.clone())
                .output("propertyFileContents", all);
        }
        if context::flag(stage_context, "noOutput", false) {
            result.outputs.clear();
        }
        Ok(result)
    }

    async fn wait(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let provider = context::provider(&self.settings, stage_context).await?;
        let handle = handle(stage_context)?;
        let read = || async {
            provider
                .job_state(&handle)
                .await
                .map_err(|error| error.message)
        };
        let mut state = read().await?;
        if self.step == Step::Monitor {
            // The run is known to the provider: that is all `monitorJob` checks.
            return Ok(TaskResult::succeeded());
        }
        if state.progress.is_running() {
            provider
                .wait_for_change(&handle.region, &handle.job, LISTEN)
                .await;
            state = read().await?;
        }
        match &state.progress {
            Progress::Running(_) => Ok(TaskResult::running(POLL)),
            Progress::Succeeded => self.finish(provider.as_ref(), &handle, &state, input).await,
            Progress::Failed(why) => {
                let tail = provider.job_log_tail(&handle).await.unwrap_or_default();
                let mut message =
                    format!("job `{}` run `{}` failed: {why}", handle.job, handle.run);
                if !tail.trim().is_empty() {
                    message.push_str("\nlast lines of its output:\n");
                    message.push_str(tail.trim_end());
                }
                let mut failed = status_outputs(&handle, &state, "Failed");
                failed.status = crate::engine::task::TaskStatus::Terminal;
                failed.error = Some(message);
                Ok(failed)
            }
        }
    }
}

#[async_trait::async_trait]
impl Task for JobTask {
    fn name(&self) -> &'static str {
        match self.step {
            Step::Run => "runJob",
            Step::Monitor => "monitorJob",
            Step::Wait => "waitOnJobCompletion",
        }
    }

    fn implementing_class(&self) -> &'static str {
        match self.step {
            Step::Run => "com.netflix.spinnaker.orca.clouddriver.tasks.job.RunJobTask",
            Step::Monitor => "com.netflix.spinnaker.orca.clouddriver.tasks.job.MonitorJobTask",
            Step::Wait => "com.netflix.spinnaker.orca.clouddriver.tasks.job.WaitOnJobCompletion",
        }
    }

    /// Starting a run twice would run the job twice: a resumed stage whose `runJob` was in
    /// flight fails instead.
    fn repeatable(&self) -> bool {
        self.step != Step::Run
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = match self.step {
            Step::Run => self.start(input).await,
            Step::Monitor | Step::Wait => self.wait(input).await,
        };
        result.unwrap_or_else(TaskResult::terminal)
    }

    async fn on_cancel(&self, input: &TaskInput) {
        let Ok(handle) = handle(&input.stage.context) else {
            return;
        };
        if let Ok(provider) = context::provider(&self.settings, &input.stage.context).await {
            // Best effort: the execution ends canceled whether or not the provider listened.
            let _ = provider.cancel_job(&handle).await;
        }
    }
}
