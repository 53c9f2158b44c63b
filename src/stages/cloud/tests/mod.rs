//! The cloud stages running on the engine (paused clock) against [`FakeCloud`]s: one file per
//! family of stage types.

mod deploy;
mod others;
mod server_group;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::clock::now_ms;
use crate::engine::event::Control;
use crate::engine::record::{StageExecution, TaskExecution};
use crate::engine::stage_definition::StageRegistry;
use crate::engine::status::Status;
use crate::engine::testing::{Outcome, execution_of, resume_with, run_triggered};
use crate::stages::BuiltinStages;
use crate::stages::cloud::TrafficGuard;
use crate::stages::cloud::fake::{FakeCloud, settings};

/// A run of `pipeline` with these accounts and guards, started by a manual trigger.
pub(super) async fn run(
    pipeline: Value,
    clouds: &[&Arc<FakeCloud>],
    guards: Vec<TrafficGuard>,
) -> Outcome {
    let trigger = json!({"type": "manual", "user": "tester", "parameters": {}});
    run_with(pipeline, clouds, guards, trigger, Vec::new()).await
}

/// A run of `pipeline` started by `trigger`, sending `controls`.
pub(super) async fn run_with(
    pipeline: Value,
    clouds: &[&Arc<FakeCloud>],
    guards: Vec<TrafficGuard>,
    trigger: Value,
    controls: Vec<(Duration, Control)>,
) -> Outcome {
    let registry = BuiltinStages {
        cloud: Some(settings(clouds, guards)),
        ..BuiltinStages::default()
    };
    run_triggered(pipeline, Some(Arc::new(registry)), trigger, controls).await
}

/// The stage called `name`.
pub(super) fn stage<'o>(outcome: &'o Outcome, name: &str) -> &'o StageExecution {
    outcome
        .execution
        .stages
        .iter()
        .find(|stage| stage.name == name)
        .unwrap_or_else(|| panic!("no stage `{name}`"))
}

/// The error a stage failed with.
pub(super) fn error_of(outcome: &Outcome, name: &str) -> String {
    stage(outcome, name).context["exception"]["details"]["error"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// A guard on every location of `application`'s clusters with this stack, in account `prod`.
pub(super) fn guard(application: &str, stack: &str) -> TrafficGuard {
    TrafficGuard {
        application: application.to_owned(),
        account: "prod".to_owned(),
        location: "*".to_owned(),
        stack: stack.to_owned(),
        detail: String::new(),
        enabled: true,
    }
}

/// Resumes the first stage of `pipeline` as if its process died while task `index` ran, with
/// `context` already recorded (tasks before `index` done).
pub(super) async fn resume_in_task(
    pipeline: Value,
    cloud: &Arc<FakeCloud>,
    index: usize,
    context: Value,
) -> Outcome {
    let registry: Arc<dyn StageRegistry> = Arc::new(BuiltinStages {
        cloud: Some(settings(&[cloud], Vec::new())),
        ..BuiltinStages::default()
    });
    let mut execution = execution_of(&pipeline);
    let stage = &mut execution.stages[0];
    stage.status = Status::Running;
    stage.start_time = Some(now_ms());
    stage
        .context
        .extend(context.as_object().cloned().unwrap_or_default());
    let definition = registry
        .definition(&stage.stage_type)
        .expect("a cloud stage");
    let tasks = definition.tasks(stage);
    let count = tasks.len();
    stage.tasks = tasks
        .iter()
        .enumerate()
        .map(|(position, task)| {
            let status = match position.cmp(&index) {
                std::cmp::Ordering::Less => Status::Succeeded,
                std::cmp::Ordering::Equal => Status::Running,
                std::cmp::Ordering::Greater => Status::NotStarted,
            };
            TaskExecution {
                id: (position + 1).to_string(),
                name: task.name().to_owned(),
                implementing_class: task.implementing_class().to_owned(),
                status,
                start_time: (status != Status::NotStarted).then(now_ms),
                end_time: None,
                stage_start: position == 0,
                stage_end: position + 1 == count,
            }
        })
        .collect();
    resume_with(execution, Some(registry)).await
}
