//! `restrictExecutionDuringTimeWindow`: the synthetic stage the engine puts before any stage
//! with `restrictExecutionDuringTimeWindow: true`. Its task holds the stage (SUSPENDED) until
//! the window opens; an optional jitter adds a random wait after that (orca-model §2.4).

mod window;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult, TaskStatus};
use window::{Opening, Window};

/// Orca's default time zone for execution windows.
pub(crate) const DEFAULT_TIME_ZONE: &str = "America/Los_Angeles";

/// The longest a suspended stage sleeps before looking at the clock again, so clock changes
/// and `skipRemainingWait` are noticed.
const LONGEST_SLEEP: Duration = Duration::from_secs(60);

/// The execution-window stage; `time_zone` is where the window's hours are read.
pub(crate) struct ExecutionWindowStage {
    /// An IANA time zone name.
    pub(crate) time_zone: String,
}

impl StageDefinition for ExecutionWindowStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        let mut tasks: Vec<Arc<dyn Task>> = vec![Arc::new(SuspendTask {
            time_zone: self.time_zone.clone(),
        })];
        if jitter(stage, false).is_some() {
            tasks.push(Arc::new(JitterTask));
        }
        tasks
    }
}

/// `(min, max)` seconds of jitter when enabled, unless `skipManual` applies to a manual trigger.
fn jitter(stage: &StageExecution, manual_trigger: bool) -> Option<(u64, u64)> {
    let jitter = stage
        .context
        .get("restrictedExecutionWindow")?
        .get("jitter")?;
    let number = |key: &str| jitter.get(key).and_then(Value::as_u64).unwrap_or(0);
    let enabled = jitter.get("enabled").and_then(Value::as_bool) == Some(true);
    let (min, max) = (number("minDelay"), number("maxDelay"));
    let skip_manual = jitter.get("skipManual").and_then(Value::as_bool) == Some(true);
    (enabled && max > 0 && !(skip_manual && manual_trigger)).then_some((min.min(max), max))
}

/// Holds the stage until its window opens.
struct SuspendTask {
    time_zone: String,
}

#[async_trait::async_trait]
impl Task for SuspendTask {
    fn name(&self) -> &'static str {
        "suspendExecutionDuringTimeWindow"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.RestrictExecutionDuringTimeWindow$SuspendExecutionDuringTimeWindowTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        if input
            .stage
            .context
            .get("skipRemainingWait")
            .and_then(Value::as_bool)
            == Some(true)
        {
            return TaskResult::succeeded();
        }
        let zone = match jiff::tz::TimeZone::get(&self.time_zone) {
            Ok(zone) => zone,
            Err(error) => {
                return TaskResult::terminal(format!(
                    "unknown time zone `{}`: {error}",
                    self.time_zone
                ));
            }
        };
        let now = jiff::Timestamp::now().to_zoned_datetime(zone);
        let window = Window::from_config(input.stage.context.get("restrictedExecutionWindow"));
        match window.opening(&now) {
            Opening::Now => TaskResult::succeeded(),
            Opening::Never => {
                TaskResult::terminal("the execution window has no time the stage could start in")
            }
            Opening::At(opening) => {
                let wait = opening.timestamp().duration_since(now.timestamp());
                let wait = Duration::try_from(wait).unwrap_or(Duration::ZERO);
                TaskResult {
                    status: TaskStatus::Suspended,
                    retry_after: wait.min(LONGEST_SLEEP),
                    ..TaskResult::succeeded()
                }
                .context("scheduledTime", json!(opening.timestamp().as_millisecond()))
            }
        }
    }
}

/// Waits a random number of seconds within the jitter bounds, counted on the wall clock so a
/// resumed execution does not wait again from the start.
struct JitterTask;

#[async_trait::async_trait]
impl Task for JitterTask {
    fn name(&self) -> &'static str {
        "waitForJitter"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.WaitTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let manual = input.execution.trigger.get("type").and_then(Value::as_str) == Some("manual");
        let Some((min, max)) = jitter(&input.stage, manual) else {
            return TaskResult::succeeded();
        };
        let now = crate::engine::clock::now_ms();
        match input
            .stage
            .context
            .get("jitterUntil")
            .and_then(Value::as_u64)
        {
            None => {
                let seconds = fastrand::u64(min..=max);
                TaskResult::running(Duration::from_secs(seconds))
                    .context("waitTime", json!(seconds))
                    .context("jitterUntil", json!(now + seconds * 1000))
            }
            Some(until) if until > now => TaskResult::running(Duration::from_millis(until - now)),
            Some(_) => TaskResult::succeeded(),
        }
    }
}
