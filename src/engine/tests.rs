//! Engine behaviour with fake tasks on a paused clock: branches overlap, every failure mode,
//! conditions, timeouts and cancellation, as Orca decides them.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::engine::event::{Control, Event, Judgment, Reporter};
use crate::engine::record::Execution;
use crate::engine::scheduler::Scheduler;
use crate::engine::stage_definition::{StageDefinition, StageRegistry};
use crate::engine::status::Status;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::pipeline::load::parse;

/// `fake` stages run one task that takes `ms` milliseconds (forever when absent) and then
/// ends as `result` says (`succeeded` or `terminal`); other types are gennaker's own.
struct FakeStages {
    canceled: Arc<Mutex<Vec<String>>>,
}

struct FakeStage {
    canceled: Arc<Mutex<Vec<String>>>,
}

struct FakeTask {
    canceled: Arc<Mutex<Vec<String>>>,
}

impl StageRegistry for FakeStages {
    fn definition(&self, stage_type: &str) -> Option<Arc<dyn StageDefinition>> {
        if stage_type == "fake" {
            Some(Arc::new(FakeStage {
                canceled: Arc::clone(&self.canceled),
            }))
        } else {
            crate::stages::BuiltinStages.definition(stage_type)
        }
    }
}

impl StageDefinition for FakeStage {
    fn tasks(&self, _stage: &crate::engine::record::StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(FakeTask {
            canceled: Arc::clone(&self.canceled),
        })]
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

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let Some(ms) = input.stage.context.get("ms").and_then(Value::as_u64) else {
            return TaskResult::running(Duration::from_secs(3600));
        };
        let wanted = Duration::from_millis(ms);
        if input.elapsed < wanted {
            return TaskResult::running(wanted - input.elapsed);
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
struct Recorder {
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
    fn first(&self, name: &str, status: Status) -> Duration {
        self.events
            .iter()
            .find(|(_, stage, seen)| stage == name && *seen == status)
            .map(|(at, _, _)| *at)
            .unwrap_or_else(|| panic!("`{name}` never became {status}: {:?}", self.events))
    }
}

struct Outcome {
    execution: Execution,
    recorder: Recorder,
    canceled: Vec<String>,
    took: Duration,
}

impl Outcome {
    fn status_of(&self, name: &str) -> Status {
        self.execution
            .stages
            .iter()
            .find(|stage| stage.name == name)
            .map(|stage| stage.status)
            .expect("stage")
    }
}

async fn run_with(pipeline: Value, controls: Vec<(Duration, Control)>) -> Outcome {
    let file =
        parse(std::path::Path::new("test.json"), &pipeline.to_string()).expect("pipeline JSON");
    let pipeline = file.pipelines().expect("a pipeline").remove(0);
    let trigger = json!({"type": "manual", "user": "tester", "parameters": {"go": "yes"}});
    let execution = Execution::new(&pipeline, trigger, "tester", 0);
    let canceled = Arc::new(Mutex::new(Vec::new()));
    let registry = Arc::new(FakeStages {
        canceled: Arc::clone(&canceled),
    });
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
    let execution = Scheduler::new(
        execution,
        registry,
        &mut recorder,
        receiver,
        crate::expr::Options::default(),
    )
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

async fn run(pipeline: Value) -> Outcome {
    run_with(pipeline, Vec::new()).await
}

#[tokio::test(start_paused = true)]
async fn independent_branches_run_at_the_same_time_and_a_join_waits_for_both() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "A", "ms": 1000},
        {"refId": "b", "type": "fake", "name": "B", "ms": 1500},
        {"refId": "c", "type": "fake", "name": "C", "ms": 100, "requisiteStageRefIds": ["a", "b"]}
    ]}))
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let recorder = &outcome.recorder;
    assert!(
        recorder.first("B", Status::Running) < recorder.first("A", Status::Succeeded),
        "B started before A ended"
    );
    assert!(recorder.first("C", Status::Running) >= recorder.first("B", Status::Succeeded));
    assert!(
        outcome.took < Duration::from_millis(1700),
        "branches overlapped: {:?}",
        outcome.took
    );
}

#[tokio::test(start_paused = true)]
async fn a_terminal_stage_ends_the_execution_at_once_and_cancels_the_other_branches() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Fails", "ms": 1000, "result": "terminal"},
        {"refId": "b", "type": "fake", "name": "Slow", "ms": 60000},
        {"refId": "c", "type": "fake", "name": "After slow", "ms": 1, "requisiteStageRefIds": ["b"]}
    ]}))
    .await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert_eq!(outcome.status_of("Fails"), Status::Terminal);
    assert_eq!(outcome.status_of("Slow"), Status::Canceled);
    assert_eq!(outcome.status_of("After slow"), Status::NotStarted);
    assert_eq!(outcome.canceled, vec!["Slow".to_owned()]);
    assert!(outcome.took < Duration::from_secs(2));
    let failed = outcome
        .execution
        .stages
        .iter()
        .find(|stage| stage.name == "Fails")
        .unwrap();
    assert_eq!(
        failed.context["exception"]["details"]["error"],
        "the fake task failed"
    );
}

#[tokio::test(start_paused = true)]
async fn halting_a_branch_stops_only_that_branch() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Halts", "ms": 10, "result": "terminal", "failPipeline": false},
        {"refId": "a2", "type": "fake", "name": "Behind it", "ms": 1, "requisiteStageRefIds": ["a"]},
        {"refId": "b", "type": "fake", "name": "Other branch", "ms": 500}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Halts"), Status::Stopped);
    assert_eq!(outcome.status_of("Behind it"), Status::NotStarted);
    assert_eq!(outcome.status_of("Other branch"), Status::Succeeded);
    assert_eq!(outcome.execution.status, Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn halting_a_branch_can_fail_the_pipeline_once_the_others_finish() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Halts", "ms": 10, "result": "terminal",
         "failPipeline": false, "completeOtherBranchesThenFail": true},
        {"refId": "b", "type": "fake", "name": "Other branch", "ms": 500}
    ]}))
    .await;
    assert_eq!(
        outcome.status_of("Other branch"),
        Status::Succeeded,
        "the other branch still completes"
    );
    assert_eq!(outcome.execution.status, Status::Terminal);
}

#[tokio::test(start_paused = true)]
async fn an_ignored_failure_lets_downstream_stages_run() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Flaky", "ms": 10, "result": "terminal", "continuePipeline": true},
        {"refId": "b", "type": "fake", "name": "Next", "ms": 10, "requisiteStageRefIds": ["a"]}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Flaky"), Status::FailedContinue);
    assert_eq!(outcome.status_of("Next"), Status::Succeeded);
    assert_eq!(outcome.execution.status, Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn stage_enabled_skips_false_and_non_boolean_conditions() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Off", "ms": 10,
         "stageEnabled": {"type": "expression", "expression": "parameters.go == 'no'"}},
        {"refId": "b", "type": "fake", "name": "Odd", "ms": 10,
         "stageEnabled": {"type": "expression", "expression": "'maybe'"}},
        {"refId": "c", "type": "fake", "name": "On", "ms": 10,
         "stageEnabled": {"type": "expression", "expression": "parameters.go == 'yes'"}},
        {"refId": "d", "type": "fake", "name": "After off", "ms": 10, "requisiteStageRefIds": ["a", "b"]}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Off"), Status::Skipped);
    assert_eq!(outcome.status_of("Odd"), Status::Skipped);
    assert_eq!(outcome.status_of("On"), Status::Succeeded);
    assert_eq!(
        outcome.status_of("After off"),
        Status::Succeeded,
        "skipped stages let downstream start"
    );
}

#[tokio::test(start_paused = true)]
async fn a_stage_timeout_fails_a_stage_that_keeps_running() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Forever", "stageTimeoutMs": 5000}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Forever"), Status::Terminal);
    assert_eq!(outcome.execution.status, Status::Terminal);
    let at = outcome.recorder.first("Forever", Status::Terminal);
    assert!(
        at >= Duration::from_secs(5) && at < Duration::from_secs(6),
        "timed out at {at:?}"
    );
    let stage = &outcome.execution.stages[0];
    assert_eq!(
        stage.context["exception"]["details"]["error"],
        "the stage timed out (stageTimeoutMs)"
    );
}

#[tokio::test(start_paused = true)]
async fn mark_successful_on_timeout_turns_a_timeout_into_success() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Forever", "stageTimeoutMs": "2000", "markSuccessfulOnTimeout": true}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Forever"), Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn cancel_stops_running_stages_and_calls_their_clean_up() {
    let cancel = Control::Cancel {
        by: "alice".into(),
        reason: "enough".into(),
    };
    let outcome = run_with(
        json!({"stages": [
            {"refId": "a", "type": "fake", "name": "Long"},
            {"refId": "b", "type": "fake", "name": "Later", "ms": 1, "requisiteStageRefIds": ["a"]}
        ]}),
        vec![(Duration::from_secs(3), cancel)],
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Canceled);
    assert!(outcome.execution.canceled);
    assert_eq!(outcome.execution.canceled_by.as_deref(), Some("alice"));
    assert_eq!(outcome.status_of("Long"), Status::Canceled);
    assert_eq!(outcome.status_of("Later"), Status::NotStarted);
    assert_eq!(outcome.canceled, vec!["Long".to_owned()]);
}

#[tokio::test(start_paused = true)]
async fn a_judgment_answers_a_waiting_stage_and_is_recorded_as_orca_does() {
    let answer = Control::Judge(Judgment {
        stage: "Go / No go".into(),
        proceed: true,
        input: Some("promote".into()),
        user: "bob".into(),
    });
    let outcome = run_with(
        json!({"stages": [
            {"refId": "1", "type": "manualJudgment", "name": "Go / No go", "judgmentInputs": [{"value": "promote"}]},
            {"refId": "2", "type": "wait", "name": "Promote", "waitTime": 1, "requisiteStageRefIds": ["1"],
             "stageEnabled": {"type": "expression", "expression": "#judgment('Go / No go') == 'promote'"}}
        ]}),
        vec![(Duration::from_secs(30), answer)],
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    assert_eq!(outcome.status_of("Promote"), Status::Succeeded);
    let judged = &outcome.execution.stages[0];
    assert_eq!(judged.context["judgmentStatus"], "continue");
    assert_eq!(judged.context["judgmentInput"], "promote");
    assert_eq!(judged.context["lastModifiedBy"], "bob");
    assert_eq!(judged.last_modified.as_ref().unwrap()["user"], "bob");
    let answered = outcome.recorder.first("Go / No go", Status::Succeeded);
    assert!(
        answered >= Duration::from_secs(30) && answered < Duration::from_secs(31),
        "{answered:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_judgment_to_stop_halts_the_pipeline() {
    let answer = Control::Judge(Judgment {
        stage: "Gate".into(),
        proceed: false,
        input: None,
        user: "bob".into(),
    });
    let outcome = run_with(
        json!({"stages": [
            {"refId": "1", "type": "manualJudgment", "name": "Gate"},
            {"refId": "2", "type": "wait", "name": "Never", "waitTime": 1, "requisiteStageRefIds": ["1"]}
        ]}),
        vec![(Duration::ZERO, answer)],
    )
    .await;
    assert_eq!(outcome.status_of("Gate"), Status::Terminal);
    assert_eq!(outcome.status_of("Never"), Status::NotStarted);
    assert_eq!(outcome.execution.status, Status::Terminal);
}

#[tokio::test(start_paused = true)]
async fn outputs_flow_downstream_into_expressions() {
    let outcome = run(json!({"spelEvaluator": "v4", "stages": [
        {"refId": "1", "type": "evaluateVariables", "name": "Vars",
         "variables": [{"key": "pause", "value": "${2 + 1}"}, {"key": "double", "value": "${pause * 2}"}]},
        {"refId": "2", "type": "wait", "name": "Pause", "waitTime": "${double}", "requisiteStageRefIds": ["1"]}
    ]}))
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let vars = &outcome.execution.stages[0];
    assert_eq!(vars.outputs["pause"], 3);
    assert_eq!(vars.outputs["double"], 6);
    let pause = &outcome.execution.stages[1];
    assert_eq!(pause.context["waitTime"], 6);
    let waited = outcome.recorder.first("Pause", Status::Succeeded)
        - outcome.recorder.first("Pause", Status::Running);
    assert!(
        waited >= Duration::from_secs(6) && waited < Duration::from_secs(7),
        "{waited:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn failed_expressions_are_summarised_and_can_fail_the_stage() {
    let outcome = run(json!({"stages": [
        {"refId": "1", "type": "wait", "name": "Tolerant", "waitTime": 0, "note": "${nope.missing}"},
        {"refId": "2", "type": "wait", "name": "Strict", "waitTime": 0, "note": "${nope.missing}",
         "failOnFailedExpressions": true}
    ]}))
    .await;
    let tolerant = &outcome.execution.stages[0];
    assert_eq!(tolerant.status, Status::Succeeded);
    assert_eq!(
        tolerant.context["note"], "${nope.missing}",
        "a failed expression is left as written"
    );
    assert!(
        tolerant.context["expressionEvaluationSummary"]
            .as_object()
            .is_some_and(|summary| !summary.is_empty())
    );
    assert_eq!(outcome.status_of("Strict"), Status::Terminal);
}

#[tokio::test(start_paused = true)]
async fn preconditions_run_as_synthetic_stages_with_their_own_failure_setting() {
    let outcome = run(json!({"stages": [
        {"refId": "1", "type": "checkPreconditions", "name": "Checks", "preconditions": [
            {"type": "expression", "context": {"expression": "${parameters.go == 'yes'}"}},
            {"type": "expression", "context": {"expression": "parameters.go == 'no'"}, "failPipeline": false}
        ]},
        {"refId": "2", "type": "fake", "name": "After", "ms": 1, "requisiteStageRefIds": ["1"]}
    ]}))
    .await;
    let children: Vec<(&str, Status, Option<&str>)> = outcome
        .execution
        .stages
        .iter()
        .filter(|stage| stage.parent_stage_id.is_some())
        .map(|stage| {
            (
                stage.ref_id.as_str(),
                stage.status,
                stage.synthetic_stage_owner.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        children,
        vec![
            ("1<1", Status::Succeeded, Some("STAGE_BEFORE")),
            ("1<2", Status::Stopped, Some("STAGE_BEFORE"))
        ]
    );
    assert_eq!(outcome.status_of("Checks"), Status::Stopped);
    assert_eq!(outcome.status_of("After"), Status::NotStarted);
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "a stopped branch alone does not fail the pipeline"
    );
    assert_eq!(
        outcome.execution.stages[1].context["context"]["expressionResult"],
        "false"
    );
}
