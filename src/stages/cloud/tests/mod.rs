//! The cloud stages running on the engine (paused clock) against [`FakeCloud`]s: one file per
//! family of stage types.

mod deploy;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::event::Control;
use crate::engine::record::StageExecution;
use crate::engine::testing::{Outcome, run_triggered};
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
