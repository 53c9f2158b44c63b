//! [`Scheduler`]: runs one execution to its end. Resuming, halting and controls, and secrets
//! live in the submodules.
//!
//! One loop owns the execution document and every stage's run state; nothing else mutates
//! them. Task runs are spawned into a `JoinSet` and come back as [`TaskOutcome`]s; outside
//! requests arrive as [`Control`]s. After handling each message the loop starts whatever became
//! ready, asks the reporter to make what happened durable, and waits again. The loop ends when
//! no task is in flight: everything that could run has run.

mod before;
mod halting;
mod resume;
mod secrets;

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};
use tokio::sync::mpsc;
use tokio::task::{AbortHandle, JoinSet};
use tokio::time::Instant;

use crate::engine::clock::now_ms;
use crate::engine::completion::{execution_status, failure_status, stage_status};
use crate::engine::event::{Control, Event, Judgment, Reporter};
use crate::engine::expressions::{Expressions, evaluate_context, stage_enabled};
use crate::engine::record::{Execution, TaskExecution};
use crate::engine::stage_definition::StageRegistry;
use crate::engine::status::Status;
use crate::engine::synthetic::{EXECUTION_WINDOW, before_stages, has_execution_window};
use crate::engine::task::{Task, TaskInput, TaskResult, TaskStatus};

/// How the engine runs executions.
#[derive(Debug, Clone, Default)]
pub(crate) struct EngineSettings {
    /// How expressions are evaluated.
    pub(crate) expressions: Expressions,
    /// Ignore execution windows (`--skip-windows`): restricted stages start at once.
    pub(crate) skip_windows: bool,
}

/// The run state of a stage that has started and not finished.
struct StageRun {
    tasks: Vec<Arc<dyn Task>>,
    /// Index of the task running now (or next).
    current: usize,
    started: Instant,
    /// `stageTimeoutMs` of the stage or its nearest parent.
    timeout: Option<Duration>,
    /// The in-flight run of the current task, if any.
    in_flight: Option<AbortHandle>,
    /// Milliseconds spent in the execution window already added to `started`.
    window_counted: u64,
}

/// One task run, finished.
struct TaskOutcome {
    stage_id: String,
    task_index: usize,
    result: TaskResult,
}

/// Runs one execution. Build it with [`Scheduler::new`], then `run` it.
pub(crate) struct Scheduler<'r> {
    execution: Execution,
    registry: Arc<dyn StageRegistry>,
    reporter: &'r mut dyn Reporter,
    controls: mpsc::UnboundedReceiver<Control>,
    settings: EngineSettings,
    runs: HashMap<String, StageRun>,
    in_flight: JoinSet<TaskOutcome>,
    /// Judgments that arrived before their stage started.
    pending_judgments: Vec<Judgment>,
    /// The real values of context members the record shows redacted, by stage id; kept in
    /// memory only and handed to the stage's tasks.
    secrets: HashMap<String, Map<String, Value>>,
    /// True once a top-level stage halted the pipeline or the execution was canceled.
    halted: bool,
}

impl<'r> Scheduler<'r> {
    /// A scheduler for `execution`, which must be `NOT_STARTED`.
    pub(crate) fn new(
        execution: Execution,
        registry: Arc<dyn StageRegistry>,
        reporter: &'r mut dyn Reporter,
        controls: mpsc::UnboundedReceiver<Control>,
        settings: EngineSettings,
    ) -> Self {
        let mut scheduler = Self {
            execution,
            registry,
            reporter,
            controls,
            settings,
            runs: HashMap::new(),
            in_flight: JoinSet::new(),
            pending_judgments: Vec::new(),
            secrets: HashMap::new(),
            halted: false,
        };
        let ids: Vec<String> = scheduler
            .execution
            .stages
            .iter()
            .map(|stage| stage.id.clone())
            .collect();
        for id in ids {
            scheduler.hide_secrets(&id);
        }
        scheduler
    }

    /// Runs the execution to its end and returns the final document.
    pub(crate) async fn run(mut self) -> Execution {
        self.execution.status = Status::Running;
        self.execution.start_time = Some(now_ms());
        self.reporter
            .report(&Event::ExecutionStarted(Arc::new(self.execution.clone())));
        let has_initial_stage = self
            .execution
            .top_level()
            .any(|stage| stage.requisite_stage_ref_ids.is_empty());
        if !has_initial_stage {
            // Orca ends an execution with nothing to start TERMINAL rather than SUCCEEDED.
            self.execution.status = Status::Terminal;
            self.execution.end_time = Some(now_ms());
            self.reporter
                .report(&Event::ExecutionFinished(Arc::new(self.execution.clone())));
            self.reporter.flush();
            return self.execution;
        }
        self.drive().await
    }

    /// The scheduler loop; see the module documentation.
    async fn drive(mut self) -> Execution {
        loop {
            while let Ok(control) = self.controls.try_recv() {
                self.on_control(control);
            }
            self.start_ready_stages();
            self.reporter.flush();
            if self.in_flight.is_empty() {
                break;
            }
            tokio::select! {
                Some(joined) = self.in_flight.join_next() => {
                    if let Ok(outcome) = joined {
                        self.on_task_outcome(outcome);
                    }
                }
                Some(control) = self.controls.recv() => self.on_control(control),
            }
        }
        self.finish()
    }

    fn finish(mut self) -> Execution {
        let status = if self.execution.canceled {
            Status::Canceled
        } else {
            let top_level: Vec<_> = self.execution.top_level().collect();
            execution_status(&top_level)
        };
        self.execution.status = status;
        self.execution.end_time = Some(now_ms());
        self.reporter
            .report(&Event::ExecutionFinished(Arc::new(self.execution.clone())));
        self.reporter.flush();
        self.execution
    }

    fn report_stage(&mut self, stage_id: &str) {
        if let Some(stage) = self.execution.stage(stage_id) {
            self.reporter
                .report(&Event::StageChanged(Box::new(stage.clone())));
        }
    }

    /// Starts every top-level stage whose requisites all let it start.
    fn start_ready_stages(&mut self) {
        if self.halted {
            return;
        }
        let ready: Vec<String> = {
            let status_of: HashMap<&str, Status> = self
                .execution
                .top_level()
                .map(|stage| (stage.ref_id.as_str(), stage.status))
                .collect();
            self.execution
                .top_level()
                .filter(|stage| stage.status == Status::NotStarted)
                .filter(|stage| {
                    stage.requisite_stage_ref_ids.iter().all(|requisite| {
                        status_of
                            .get(requisite.as_str())
                            .is_some_and(|status| status.lets_downstream_start())
                    })
                })
                .map(|stage| stage.id.clone())
                .collect()
        };
        for stage_id in ready {
            self.start_top_level(&stage_id);
        }
    }

    fn stage_mut(&mut self, stage_id: &str) -> &mut crate::engine::record::StageExecution {
        let index = self
            .execution
            .stage_index(stage_id)
            .expect("stage ids come from the execution itself");
        &mut self.execution.stages[index]
    }

    fn start_top_level(&mut self, stage_id: &str) {
        let now = now_ms();
        self.stage_mut(stage_id).start_time = Some(now);
        let enabled_if = {
            let stage = self.execution.stage(stage_id).expect("ready stage exists");
            crate::pipeline::conditions::enabled_if_context(&stage.context)
        };
        let expired = self
            .execution
            .stage(stage_id)
            .and_then(|stage| stage.start_time_expiry)
            .is_some_and(|expiry| now > expiry);
        if expired
            || enabled_if.is_some_and(|expression| {
                !stage_enabled(
                    &self.execution,
                    stage_id,
                    &expression,
                    &self.settings.expressions,
                )
            })
        {
            let stage = self.stage_mut(stage_id);
            stage.status = Status::Skipped;
            stage.end_time = Some(now);
            self.report_stage(stage_id);
            return;
        }
        let raw_keys = {
            let stage = self.execution.stage(stage_id).expect("ready stage exists");
            self.registry
                .definition(&stage.stage_type)
                .map_or(&[][..], |definition| {
                    definition.raw_context_keys(&self.execution.spel_evaluator)
                })
        };
        // The secrets take part in evaluation, and are hidden again before anything is reported.
        self.restore_secrets(stage_id);
        let view = self.with_all_secrets();
        let evaluated = evaluate_context(
            view.as_ref().unwrap_or(&self.execution),
            stage_id,
            raw_keys,
            &self.settings.expressions,
        );
        let stage = self.stage_mut(stage_id);
        stage.context = evaluated.context;
        if let Some(summary) = evaluated.summary {
            stage
                .context
                .insert("expressionEvaluationSummary".to_owned(), summary);
        }
        self.hide_secrets(stage_id);
        self.apply_pending_judgments(stage_id);
        self.plan_and_start(stage_id);
    }

    /// Builds the stage's tasks and before-stages, marks it RUNNING and starts its first piece.
    fn plan_and_start(&mut self, stage_id: &str) {
        let stage = self.with_secrets(stage_id);
        let Some(definition) = self.registry.definition(&stage.stage_type) else {
            let stage = self.stage_mut(stage_id);
            stage.status = Status::Terminal;
            stage.end_time = Some(now_ms());
            let message = format!("gennaker cannot run stages of type `{}`", stage.stage_type);
            stage
                .context
                .insert("exception".to_owned(), exception(&message));
            self.report_stage(stage_id);
            self.after_stage_completed(stage_id, Status::Terminal);
            return;
        };
        let tasks = definition.tasks(&stage);
        let before = definition.before_stages(&stage);
        let timeout = self.timeout_of(stage_id);
        {
            let stage = self.stage_mut(stage_id);
            stage.status = Status::Running;
            stage.start_time.get_or_insert_with(now_ms);
            let count = tasks.len();
            stage.tasks = tasks
                .iter()
                .enumerate()
                .map(|(index, task)| TaskExecution {
                    id: (index + 1).to_string(),
                    name: task.name().to_owned(),
                    implementing_class: task.implementing_class().to_owned(),
                    status: Status::NotStarted,
                    start_time: None,
                    end_time: None,
                    stage_start: index == 0,
                    stage_end: index + 1 == count,
                })
                .collect();
        }
        self.runs.insert(
            stage_id.to_owned(),
            StageRun {
                tasks,
                current: 0,
                started: Instant::now(),
                timeout,
                in_flight: None,
                window_counted: 0,
            },
        );
        let window = !self.settings.skip_windows && has_execution_window(&stage);
        let children = before_stages(&stage, before, window);
        let has_children = !children.is_empty();
        let parent_index = self.execution.stage_index(stage_id).expect("stage exists");
        for (offset, child) in children.into_iter().enumerate() {
            self.execution.stages.insert(parent_index + offset, child);
        }
        self.report_stage(stage_id);
        if has_children {
            self.continue_parent(stage_id);
        } else {
            self.run_next_task(stage_id);
        }
    }

    /// The stage timeout: `stageTimeoutMs` of the stage or of its nearest parent.
    fn timeout_of(&self, stage_id: &str) -> Option<Duration> {
        let mut current = self.execution.stage(stage_id);
        if current.is_some_and(|stage| stage.stage_type == EXECUTION_WINDOW) {
            return None;
        }
        while let Some(stage) = current {
            if let Some(ms) = stage
                .context
                .get("stageTimeoutMs")
                .and_then(crate::pipeline::conditions::as_u64)
            {
                return Some(Duration::from_millis(ms));
            }
            current = stage
                .parent_stage_id
                .as_deref()
                .and_then(|parent| self.execution.stage(parent));
        }
        None
    }

    fn run_next_task(&mut self, stage_id: &str) {
        let Some(run) = self.runs.get(stage_id) else {
            return;
        };
        let index = run.current;
        if index >= run.tasks.len() {
            self.complete_stage(stage_id);
            return;
        }
        let task = &mut self.stage_mut(stage_id).tasks[index];
        task.status = Status::Running;
        // A task picked up again after a resume keeps the start it had.
        task.start_time.get_or_insert_with(now_ms);
        self.report_stage(stage_id);
        self.spawn_task(stage_id, Duration::ZERO);
    }

    fn spawn_task(&mut self, stage_id: &str, delay: Duration) {
        let stage = self.with_secrets(stage_id);
        let execution = Arc::new(self.execution.clone());
        let Some(run) = self.runs.get_mut(stage_id) else {
            return;
        };
        let task = Arc::clone(&run.tasks[run.current]);
        let deadline = run.timeout.map(|timeout| run.started + timeout);
        let elapsed = run.started.elapsed() + delay;
        let task_index = run.current;
        let stage_id = stage_id.to_owned();
        let input = TaskInput {
            stage,
            execution,
            elapsed,
            expressions: self.settings.expressions.clone(),
        };
        let handle = self.in_flight.spawn(async move {
            if !delay.is_zero() {
                let wake_at = Instant::now() + delay;
                // The stage timeout also bounds the wait before the next poll.
                if let Some(deadline) = deadline.filter(|deadline| *deadline <= wake_at) {
                    tokio::time::sleep_until(deadline).await;
                    return TaskOutcome {
                        stage_id,
                        task_index,
                        result: timed_out_result(),
                    };
                }
                tokio::time::sleep_until(wake_at).await;
            }
            let result = match deadline {
                Some(deadline) => {
                    match tokio::time::timeout_at(deadline, task.execute(&input)).await {
                        Ok(result) => result,
                        Err(_) => timed_out_result(),
                    }
                }
                None => task.execute(&input).await,
            };
            TaskOutcome {
                stage_id,
                task_index,
                result,
            }
        });
        run.in_flight = Some(handle);
    }

    fn on_task_outcome(&mut self, outcome: TaskOutcome) {
        let TaskOutcome {
            stage_id,
            task_index,
            mut result,
        } = outcome;
        let Some(run) = self.runs.get_mut(&stage_id) else {
            return;
        };
        if run.current != task_index {
            return;
        }
        run.in_flight = None;
        let timed_out = run
            .timeout
            .is_some_and(|timeout| run.started.elapsed() >= timeout);
        let changed = !result.context.is_empty() || !result.outputs.is_empty();
        {
            let stage = self.stage_mut(&stage_id);
            stage.context.extend(result.context.clone());
            stage.outputs.extend(
                result
                    .outputs
                    .clone()
                    .into_iter()
                    .filter(|(key, _)| key != "stageTimeoutMs"),
            );
        }
        // What a task learned may be secret too (a service key's credentials).
        self.hide_secrets(&stage_id);
        if matches!(result.status, TaskStatus::Running | TaskStatus::Suspended) {
            if !timed_out {
                let suspended = result.status == TaskStatus::Suspended;
                if self.mark_suspended(&stage_id, task_index, suspended) {
                    self.report_stage(&stage_id);
                }
                let backoff = self
                    .execution
                    .stage(&stage_id)
                    .and_then(|stage| stage.context.get("backoffPeriodMs"))
                    .and_then(crate::pipeline::conditions::as_u64)
                    .map_or(Duration::ZERO, Duration::from_millis);
                if changed {
                    self.report_stage(&stage_id);
                }
                self.spawn_task(&stage_id, result.retry_after.max(backoff));
                return;
            }
            result = timed_out_result();
        }
        if result.error.as_deref() == Some(TIMED_OUT)
            && self
                .stage_mut(&stage_id)
                .context
                .get("markSuccessfulOnTimeout")
                .and_then(Value::as_bool)
                == Some(true)
        {
            result = TaskResult::succeeded();
        }
        let stage = self.stage_mut(&stage_id);
        let status = match result.status {
            TaskStatus::Succeeded | TaskStatus::Running | TaskStatus::Suspended => {
                Status::Succeeded
            }
            TaskStatus::Terminal => failure_status(&stage.context, Status::Terminal),
            TaskStatus::Canceled => failure_status(&stage.context, Status::Canceled),
        };
        if let Some(error) = &result.error {
            stage
                .context
                .insert("exception".to_owned(), exception(error));
        }
        let task = &mut stage.tasks[task_index];
        task.status = status;
        task.end_time = Some(now_ms());
        if matches!(status, Status::Succeeded | Status::FailedContinue) {
            if let Some(run) = self.runs.get_mut(&stage_id) {
                run.current += 1;
            }
            self.run_next_task(&stage_id);
        } else {
            self.complete_stage(&stage_id);
        }
    }

    /// Shows a stage held by its execution window as SUSPENDED (its parent too), and as RUNNING
    /// again once it goes on; returns whether anything changed.
    fn mark_suspended(&mut self, stage_id: &str, task_index: usize, suspended: bool) -> bool {
        let (from, to) = if suspended {
            (Status::Running, Status::Suspended)
        } else {
            (Status::Suspended, Status::Running)
        };
        let stage = self.stage_mut(stage_id);
        if stage.status != from {
            return false;
        }
        stage.status = to;
        stage.tasks[task_index].status = to;
        if let Some(parent_id) = stage.parent_stage_id.clone() {
            let parent = self.stage_mut(&parent_id);
            if parent.status == from {
                parent.status = to;
                self.report_stage(&parent_id);
            }
        }
        true
    }

    /// Ends a stage whose parts are done (or halted), then moves on from it.
    fn complete_stage(&mut self, stage_id: &str) {
        self.runs.remove(stage_id);
        let children: Vec<Status> = self
            .execution
            .children(stage_id)
            .map(|child| child.status)
            .collect();
        let stage = self.stage_mut(stage_id);
        let status = stage_status(stage, &children);
        stage.status = status;
        stage.end_time = Some(now_ms());
        self.report_stage(stage_id);
        self.after_stage_completed(stage_id, status);
    }

    fn after_stage_completed(&mut self, stage_id: &str, status: Status) {
        let parent = self
            .execution
            .stage(stage_id)
            .and_then(|stage| stage.parent_stage_id.clone());
        match parent {
            Some(parent_id) => self.continue_parent(&parent_id),
            None if matches!(status, Status::Terminal | Status::Canceled) => self.halt(),
            None => {}
        }
    }
}

const TIMED_OUT: &str = "the stage timed out (stageTimeoutMs)";

fn timed_out_result() -> TaskResult {
    TaskResult::terminal(TIMED_OUT)
}

/// Orca's `context.exception` shape for a failure message.
fn exception(message: &str) -> Value {
    json!({
        "details": {"error": message, "errors": [message]},
        "exceptionType": "TaskFailure",
        "shouldRetry": false,
        "timestamp": now_ms()
    })
}
