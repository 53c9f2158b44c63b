//! Engine behaviour with fake tasks on a paused clock: branches overlap, every failure mode,
//! timeouts and cancellation, as Orca decides them.

use std::time::Duration;

use serde_json::{Value, json};

use crate::engine::event::Control;
use crate::engine::status::Status;
use crate::engine::testing::{Outcome, run_with};

async fn run(pipeline: Value) -> Outcome {
    run_with(pipeline, None, Vec::new()).await
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
        None,
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
async fn a_stage_whose_start_time_expired_is_skipped() {
    let outcome = run(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Too late", "ms": 1, "startTimeExpiry": "1000"},
        {"refId": "b", "type": "fake", "name": "In time", "ms": 1, "startTimeExpiry": 99_999_999_999_999_u64},
        {"refId": "c", "type": "fake", "name": "After", "ms": 1, "requisiteStageRefIds": ["a", "b"]}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Too late"), Status::Skipped);
    assert_eq!(outcome.status_of("In time"), Status::Succeeded);
    assert_eq!(outcome.status_of("After"), Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn a_resumed_task_that_may_not_run_twice_fails_instead_of_repeating() {
    let outcome = crate::engine::testing::resume_after_crash(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Calls out", "ms": 1, "repeatable": false},
        {"refId": "b", "type": "fake", "name": "After", "ms": 1, "requisiteStageRefIds": ["a"]}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Calls out"), Status::Terminal);
    let error = outcome.execution.stages[0].context["exception"]["details"]["error"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        error.starts_with("the `fake` task was running when gennaker stopped"),
        "{error}"
    );
    assert_eq!(outcome.status_of("After"), Status::NotStarted);
}

#[tokio::test(start_paused = true)]
async fn a_resumed_task_that_checks_first_runs_again() {
    let outcome = crate::engine::testing::resume_after_crash(json!({"stages": [
        {"refId": "a", "type": "fake", "name": "Polls", "ms": 1},
        {"refId": "b", "type": "fake", "name": "After", "ms": 1, "requisiteStageRefIds": ["a"]}
    ]}))
    .await;
    assert_eq!(outcome.status_of("Polls"), Status::Succeeded);
    assert_eq!(outcome.status_of("After"), Status::Succeeded);
    assert_eq!(outcome.execution.status, Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn a_pipeline_with_nothing_to_start_ends_terminal_as_in_orca() {
    let outcome = run(json!({"stages": []})).await;
    assert_eq!(outcome.execution.status, Status::Terminal);
}
