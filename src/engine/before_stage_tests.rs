//! Before-stages on a paused clock: parallel children run together, the parent's tasks wait for
//! all of them, a halted child ends the parent once its siblings settle, and a resume picks the
//! children up where they were.

use std::time::Duration;

use serde_json::json;

use crate::engine::clock::now_ms;
use crate::engine::record::TaskExecution;
use crate::engine::stage_definition::SyntheticStage;
use crate::engine::status::Status;
use crate::engine::synthetic::before_stages;
use crate::engine::testing::{execution_of, resume, run_with};

fn task(status: Status) -> TaskExecution {
    TaskExecution {
        id: "1".to_owned(),
        name: "fake".to_owned(),
        implementing_class: "test.FakeTask".to_owned(),
        status,
        start_time: (status != Status::NotStarted).then(now_ms),
        end_time: status.is_complete().then(now_ms),
        stage_start: true,
        stage_end: true,
    }
}

#[tokio::test(start_paused = true)]
async fn parallel_children_run_together_and_the_parent_waits_for_all_of_them() {
    let outcome = run_with(
        json!({"stages": [
            {"refId": "1", "type": "fakeParent", "name": "Deploy", "ms": 10, "children": [
                {"name": "East", "ms": 1000, "parallel": true},
                {"name": "West", "ms": 1500, "parallel": true}
            ]},
            {"refId": "2", "type": "fake", "name": "After", "ms": 1, "requisiteStageRefIds": ["1"]}
        ]}),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let recorder = &outcome.recorder;
    assert!(recorder.first("West", Status::Running) < recorder.first("East", Status::Succeeded));
    assert!(
        recorder.first("Deploy", Status::Succeeded) >= recorder.first("West", Status::Succeeded)
    );
    assert!(
        outcome.took < Duration::from_millis(1600),
        "the children overlapped: {:?}",
        outcome.took
    );
    let refs: Vec<(&str, Vec<String>)> = outcome
        .execution
        .stages
        .iter()
        .filter(|stage| stage.parent_stage_id.is_some())
        .map(|stage| (stage.ref_id.as_str(), stage.requisite_stage_ref_ids.clone()))
        .collect();
    assert_eq!(refs, vec![("1<1", vec![]), ("1<2", vec![])]);
}

#[tokio::test(start_paused = true)]
async fn a_halted_child_ends_the_parent_once_its_running_sibling_is_done() {
    let outcome = run_with(
        json!({"stages": [
            {"refId": "1", "type": "fakeParent", "name": "Deploy", "ms": 10, "children": [
                {"name": "Fails", "ms": 100, "result": "terminal", "parallel": true},
                {"name": "Slow", "ms": 1000, "parallel": true}
            ]}
        ]}),
        None,
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.status_of("Fails"), Status::Terminal);
    assert_eq!(outcome.status_of("Slow"), Status::Succeeded);
    assert_eq!(outcome.status_of("Deploy"), Status::Terminal);
    assert_eq!(outcome.execution.status, Status::Terminal);
    let ended = outcome.recorder.first("Deploy", Status::Terminal);
    assert!(ended >= Duration::from_secs(1), "ended at {ended:?}");
    let parent = outcome.execution.stages.last().unwrap();
    assert_eq!(
        parent.tasks[0].status,
        Status::NotStarted,
        "the parent's own task never ran"
    );
}

#[tokio::test(start_paused = true)]
async fn a_sequential_child_after_a_window_and_parallel_ones_keep_their_order() {
    let parent = execution_of(&json!({"stages": [{"refId": "7", "type": "fake", "name": "P"}]}))
        .stages
        .remove(0);
    let context = serde_json::Map::new();
    let children = before_stages(
        &parent,
        vec![
            SyntheticStage::new("fake", "a", context.clone()).in_parallel(),
            SyntheticStage::new("fake", "b", context.clone()).in_parallel(),
            SyntheticStage::new("fake", "c", context),
        ],
        true,
    );
    let requisites: Vec<(&str, Vec<&str>)> = children
        .iter()
        .map(|child| {
            (
                child.ref_id.as_str(),
                child
                    .requisite_stage_ref_ids
                    .iter()
                    .map(String::as_str)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        requisites,
        vec![
            ("7<0", vec![]),
            ("7<1", vec!["7<0"]),
            ("7<2", vec!["7<0"]),
            ("7<3", vec!["7<2"]),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_resumed_parent_lets_its_running_child_go_on_and_starts_the_waiting_one() {
    let mut execution = execution_of(&json!({"stages": [
        {"refId": "1", "type": "fakeParent", "name": "Deploy", "ms": 1}
    ]}));
    let parent = &mut execution.stages[0];
    parent.status = Status::Running;
    parent.start_time = Some(now_ms());
    parent.tasks = vec![task(Status::NotStarted)];
    let parent = parent.clone();
    let child = |name: &str| {
        let mut context = serde_json::Map::new();
        context.insert("ms".to_owned(), json!(100));
        SyntheticStage::new("fake", name, context).in_parallel()
    };
    let mut children = before_stages(
        &parent,
        vec![child("Done"), child("Busy"), child("Waiting")],
        false,
    );
    children[0].status = Status::Succeeded;
    children[0].tasks = vec![task(Status::Succeeded)];
    children[1].status = Status::Running;
    children[1].start_time = Some(now_ms());
    children[1].tasks = vec![task(Status::Running)];
    for (offset, child) in children.into_iter().enumerate() {
        execution.stages.insert(offset, child);
    }
    let outcome = resume(execution).await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    for name in ["Done", "Busy", "Waiting", "Deploy"] {
        assert_eq!(outcome.status_of(name), Status::Succeeded, "{name}");
    }
    assert_eq!(
        outcome.execution.stages.len(),
        4,
        "no child was planned twice"
    );
}
