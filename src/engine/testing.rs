//! A harness for running executions in tests on a paused clock: `fake` stages whose tasks take
//! a given time and end as told, a recorder of events, and [`run_with`].

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::engine::event::{Control, Event, Reporter};
use crate::engine::record::Execution;
use crate::engine::scheduler::{EngineSettings, Scheduler};
use crate::engine::stage_definition::{StageDefinition, StageRegistry};
use crate::engine::status::Status;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::pipeline::load::parse;

/// `fake` stages run one task that takes `ms` milliseconds (forever when absent) and then
/// ends as `result` says (`succeeded` or `terminal`); `fakeParent` stages do the same after
/// running their `children` (fake stage objects, with `parallel: true` to run alongside the one
/// before) as before-stages; other types come from `fallback`.
pub(crate) struct FakeStages {
    canceled: Arc<Mutex<Vec<String>>>,
    fallback: Option<Arc<dyn StageRegistry>>,
}

struct FakeStage {
    canceled: Arc<Mutex<Vec<String>>>,
}

struct FakeParent {
    canceled: Arc<Mutex<Vec<String>>>,
}

struct FakeTask {
    canceled: Arc<Mutex<Vec<String>>>,
    /// `"repeatable": false` in the stage context makes the task unsafe to run twice.
    repeatable: bool,
}

impl StageRegistry for FakeStages {
    fn definition(&self, stage_type: &str) -> Option<Arc<dyn StageDefinition>> {
        let canceled = Arc::clone(&self.canceled);
        if stage_type == "fake" {
            Some(Arc::new(FakeStage { canceled }))
        } else if stage_type == "fakeParent" {
            Some(Arc::new(FakeParent { canceled }))
        } else {
            self.fallback
                .as_ref()
                .and_then(|fallback| fallback.definition(stage_type))
        }
    }
}

impl StageDefinition for FakeStage {
    fn tasks(&self, stage: &crate::engine::record::StageExecution) -> Vec<Arc<dyn Task>> {
        let repeatable = stage.context.get("repeatable").and_then(Value::as_bool) != Some(false);
        vec![Arc::new(FakeTask {
            canceled: Arc::clone(&self.canceled),
            repeatable,
        })]
    }
}

impl StageDefinition for FakeParent {
    fn tasks(&self, stage: &crate::engine::record::StageExecution) -> Vec<Arc<dyn Task>> {
        FakeStage {
            canceled: Arc::clone(&self.canceled),
        }
        .tasks(stage)
    }

    fn before_stages(
        &self,
        stage: &crate::engine::record::StageExecution,
    ) -> Vec<crate::engine::stage_definition::SyntheticStage> {
        let children = stage.context.get("children").and_then(Value::as_array);
        children
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .map(|child| {
                let name = child.get("name").and_then(Value::as_str).unwrap_or("child");
                let spec = crate::engine::stage_definition::SyntheticStage::new(
                    "fake",
                    name,
                    child.clone(),
                );
                if child.get("parallel").and_then(Value::as_bool) == Some(true) {
                    spec.in_parallel()
                } else {
                    spec
                }
            })
            .collect()
    }
}

#[async_trait::async_trait]
impl Task for FakeTask {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn implementing_class(&self) -> &'static str {
        "test.FakeTask"
    }

    fn repeatable(&self) -> bool {
        self.repeatable
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let Some(ms) = input.stage.context.get("ms").and_then(Value::as_u64) else {
            return TaskResult::running(Duration::from_secs(3600));
        };
        let wanted = Duration::from_millis(ms);
        if input.elapsed < wanted {
            return TaskResult::running(wanted.saturating_sub(input.elapsed));
        }
        match input.stage.context.get("result").and_then(Value::as_str) {
            Some("terminal") => TaskResult::terminal("the fake task failed"),
            _ => TaskResult::succeeded().output("doneBy", json!(input.stage.name)),
        }
    }

    async fn on_cancel(&self, input: &TaskInput) {
        self.canceled.lock().unwrap().push(input.stage.name.clone());
    }
}

/// Keeps every event, with the (paused) time it arrived.
#[derive(Default)]
pub(crate) struct Recorder {
    events: Vec<(Duration, String, Status)>,
    start: Option<Instant>,
}

impl Reporter for Recorder {
    fn report(&mut self, event: &Event) {
        let start = *self.start.get_or_insert_with(Instant::now);
        if let Event::StageChanged(stage) = event {
            self.events
                .push((start.elapsed(), stage.name.clone(), stage.status));
        }
    }
}

impl Recorder {
    /// When the stage first reported this status.
    pub(crate) fn first(&self, name: &str, status: Status) -> Duration {
        self.events
            .iter()
            .find(|(_, stage, seen)| stage == name && *seen == status)
            .map_or_else(
                || panic!("`{name}` never became {status}: {:?}", self.events),
                |(at, _, _)| *at,
            )
    }
}

/// What a test run ended with.
pub(crate) struct Outcome {
    pub(crate) execution: Execution,
    pub(crate) recorder: Recorder,
    pub(crate) canceled: Vec<String>,
    pub(crate) took: Duration,
}

impl Outcome {
    pub(crate) fn status_of(&self, name: &str) -> Status {
        self.execution
            .stages
            .iter()
            .find(|stage| stage.name == name)
            .map(|stage| stage.status)
            .expect("stage")
    }
}

/// Runs `pipeline` with `fake` stages and the stage types of `fallback`, sending each control
/// after its delay.
pub(crate) async fn run_with(
    pipeline: Value,
    fallback: Option<Arc<dyn StageRegistry>>,
    controls: Vec<(Duration, Control)>,
) -> Outcome {
    run_with_settings(pipeline, fallback, controls, EngineSettings::default()).await
}

/// Runs `pipeline` as `gennaker run --skip-windows` would.
pub(crate) async fn run_skipping_windows(
    pipeline: Value,
    fallback: Option<Arc<dyn StageRegistry>>,
) -> Outcome {
    let settings = EngineSettings {
        skip_windows: true,
        ..EngineSettings::default()
    };
    run_with_settings(pipeline, fallback, Vec::new(), settings).await
}

/// Resumes `pipeline` as if its process had died with the first stage's first task in flight.
pub(crate) async fn resume_after_crash(pipeline: Value) -> Outcome {
    let (execution, registry, canceled) = prepare(&pipeline, None);
    let mut execution = execution;
    let first = &mut execution.stages[0];
    first.status = crate::engine::status::Status::Running;
    first.start_time = Some(crate::engine::clock::now_ms());
    let (_sender, receiver) = mpsc::unbounded_channel();
    let mut recorder = Recorder::default();
    let start = Instant::now();
    let mut scheduler = Scheduler::new(
        execution,
        registry,
        &mut recorder,
        receiver,
        EngineSettings::default(),
    );
    scheduler.pretend_in_flight(0);
    let execution = scheduler.resume().await;
    let took = start.elapsed();
    let canceled = canceled.lock().unwrap().clone();
    Outcome {
        execution,
        recorder,
        canceled,
        took,
    }
}

/// Resumes `execution` (planned by hand as a crash left it) with `fake` stages.
pub(crate) async fn resume(execution: Execution) -> Outcome {
    resume_with(execution, None).await
}

/// Resumes `execution` with `fake` stages and the stage types of `fallback`.
pub(crate) async fn resume_with(
    execution: Execution,
    fallback: Option<Arc<dyn StageRegistry>>,
) -> Outcome {
    let canceled = Arc::new(Mutex::new(Vec::new()));
    let registry = Arc::new(FakeStages {
        canceled: Arc::clone(&canceled),
        fallback,
    });
    let (_sender, receiver) = mpsc::unbounded_channel();
    let mut recorder = Recorder::default();
    let start = Instant::now();
    let scheduler = Scheduler::new(
        execution,
        registry,
        &mut recorder,
        receiver,
        EngineSettings::default(),
    );
    let execution = scheduler.resume().await;
    let took = start.elapsed();
    let canceled = canceled.lock().unwrap().clone();
    Outcome {
        execution,
        recorder,
        canceled,
        took,
    }
}

/// A new execution of `pipeline`, as `run` would start it.
pub(crate) fn execution_of(pipeline: &Value) -> Execution {
    prepare(pipeline, None).0
}

type Prepared = (Execution, Arc<FakeStages>, Arc<Mutex<Vec<String>>>);

fn prepare(pipeline: &Value, fallback: Option<Arc<dyn StageRegistry>>) -> Prepared {
    let trigger = json!({"type": "manual", "user": "tester", "parameters": {"go": "yes"}});
    prepare_triggered(pipeline, fallback, trigger)
}

fn prepare_triggered(
    pipeline: &Value,
    fallback: Option<Arc<dyn StageRegistry>>,
    trigger: Value,
) -> Prepared {
    let file =
        parse(std::path::Path::new("test.json"), &pipeline.to_string()).expect("pipeline JSON");
    let pipeline = file.pipelines().expect("a pipeline").remove(0);
    let execution = Execution::new(&pipeline, trigger, "tester", 0);
    let canceled = Arc::new(Mutex::new(Vec::new()));
    let registry = Arc::new(FakeStages {
        canceled: Arc::clone(&canceled),
        fallback,
    });
    (execution, registry, canceled)
}

/// Runs `pipeline` as started by `trigger`, sending each control after its delay.
pub(crate) async fn run_triggered(
    pipeline: Value,
    fallback: Option<Arc<dyn StageRegistry>>,
    trigger: Value,
    controls: Vec<(Duration, Control)>,
) -> Outcome {
    let prepared = prepare_triggered(&pipeline, fallback, trigger);
    run_prepared(prepared, controls, EngineSettings::default()).await
}

async fn run_with_settings(
    pipeline: Value,
    fallback: Option<Arc<dyn StageRegistry>>,
    controls: Vec<(Duration, Control)>,
    settings: EngineSettings,
) -> Outcome {
    run_prepared(prepare(&pipeline, fallback), controls, settings).await
}

async fn run_prepared(
    (execution, registry, canceled): Prepared,
    controls: Vec<(Duration, Control)>,
    settings: EngineSettings,
) -> Outcome {
    let (sender, receiver) = mpsc::unbounded_channel();
    for (delay, control) in controls {
        let sender = sender.clone();
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let _ = sender.send(control);
        });
    }
    let mut recorder = Recorder::default();
    let start = Instant::now();
    let execution = Scheduler::new(execution, registry, &mut recorder, receiver, settings)
        .run()
        .await;
    let took = start.elapsed();
    let canceled = canceled.lock().unwrap().clone();
    Outcome {
        execution,
        recorder,
        canceled,
        took,
    }
}
