//! The built-in stages running on the engine (paused clock): judgments, variables flowing
//! downstream, expressions, conditions and preconditions.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::event::{Control, Judgment};
use crate::engine::status::Status;
use crate::engine::testing::{Outcome, run_with};
use crate::stages::BuiltinStages;

async fn run_controlled(pipeline: Value, controls: Vec<(Duration, Control)>) -> Outcome {
    run_with(pipeline, Some(Arc::new(BuiltinStages::default())), controls).await
}

async fn run(pipeline: Value) -> Outcome {
    run_controlled(pipeline, Vec::new()).await
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
async fn a_judgment_answers_a_waiting_stage_and_is_recorded_as_orca_does() {
    let answer = Control::Judge(Judgment {
        stage: "Go / No go".into(),
        proceed: true,
        input: Some("promote".into()),
        user: "bob".into(),
    });
    let outcome = run_controlled(
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
    let outcome = run_controlled(
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
    let waited = outcome
        .recorder
        .first("Pause", Status::Succeeded)
        .saturating_sub(outcome.recorder.first("Pause", Status::Running));
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

/// A day (1 = Sunday) that is not today in Orca's default window time zone.
fn not_today() -> i64 {
    let today = jiff::Timestamp::now()
        .in_tz(crate::stages::DEFAULT_TIME_ZONE)
        .expect("zone")
        .weekday();
    i64::from(today.to_sunday_one_offset() % 7 + 1)
}

#[tokio::test(start_paused = true)]
async fn a_closed_execution_window_suspends_the_stage_until_it_opens() {
    let cancel = Control::Cancel {
        by: "ops".into(),
        reason: "not today".into(),
    };
    let outcome = run_controlled(
        json!({"stages": [
            {"refId": "1", "type": "wait", "name": "Deploy", "waitTime": 0, "stageTimeoutMs": 1000,
             "restrictExecutionDuringTimeWindow": true, "restrictedExecutionWindow": {"days": [not_today()]}}
        ]}),
        vec![(Duration::from_secs(90), cancel)],
    )
    .await;
    assert_eq!(
        outcome.recorder.first("Deploy", Status::Suspended),
        outcome.recorder.first("Deploy", Status::Running)
    );
    let window = outcome
        .execution
        .stages
        .iter()
        .find(|stage| stage.ref_id == "1<0")
        .expect("window stage");
    assert_eq!(window.stage_type, "restrictExecutionDuringTimeWindow");
    assert_eq!(
        window.synthetic_stage_owner.as_deref(),
        Some("STAGE_BEFORE")
    );
    assert!(
        window.context["scheduledTime"].as_i64().is_some(),
        "{:?}",
        window.context
    );
    assert_eq!(
        outcome.status_of("Deploy"),
        Status::Canceled,
        "waiting in the window is not a timeout"
    );
    assert_eq!(outcome.execution.status, Status::Canceled);
}

#[tokio::test(start_paused = true)]
async fn an_open_execution_window_lets_the_stage_run_and_skip_windows_ignores_it() {
    let pipeline = json!({"stages": [
        {"refId": "1", "type": "wait", "name": "Deploy", "waitTime": 0,
         "restrictExecutionDuringTimeWindow": true,
         "restrictedExecutionWindow": {"whitelist": [{"startHour": 0, "startMin": 0, "endHour": 23, "endMin": 59}]}}
    ]});
    let outcome = run(pipeline).await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let tasks: Vec<&str> = outcome.execution.stages[0]
        .tasks
        .iter()
        .map(|task| task.name.as_str())
        .collect();
    assert_eq!(tasks, vec!["suspendExecutionDuringTimeWindow"]);
    let closed = json!({"stages": [
        {"refId": "1", "type": "wait", "name": "Deploy", "waitTime": 0,
         "restrictExecutionDuringTimeWindow": true, "restrictedExecutionWindow": {"days": [not_today()]}}
    ]});
    let skipped = crate::engine::testing::run_skipping_windows(
        closed,
        Some(Arc::new(BuiltinStages::default())),
    )
    .await;
    assert_eq!(skipped.execution.status, Status::Succeeded);
    assert_eq!(
        skipped.execution.stages.len(),
        1,
        "no window stage with --skip-windows"
    );
}
