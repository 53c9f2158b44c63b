//! The target server group stages and the cluster-wide stages: targets, every action, traffic
//! guards refusing before anything is touched, and rollbackCluster.

use serde_json::{Value, json};

use super::{error_of, guard, run, stage};
use crate::engine::status::Status;
use crate::stages::cloud::fake::FakeCloud;

/// A stage of `type` on cluster `hello` in `east` of account `prod`, with `extra` members.
fn pipeline(stage_type: &str, extra: &Value) -> Value {
    let mut stage = json!({"refId": "1", "type": stage_type, "name": "Op", "cloudProvider": "dcos",
        "credentials": "prod", "cluster": "hello", "regions": ["east"]});
    for (key, value) in extra.as_object().unwrap() {
        stage[key] = value.clone();
    }
    json!({"application": "hello", "stages": [stage]})
}

/// v001 (disabled, oldest), v002 (2 up), v003 (1 up, newest) in `east`.
fn cloud() -> std::sync::Arc<FakeCloud> {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 1, false)
        .with_group("east", "hello-v002", 2, true)
        .with_group("east", "hello-v003", 1, true)
        .up_after(2);
    cloud
}

#[tokio::test(start_paused = true)]
async fn targets_pick_the_group_when_the_stage_runs() {
    for (target, expected) in [
        ("current_asg_dynamic", "hello-v003"),
        ("ancestor_asg_dynamic", "hello-v002"),
        ("oldest_asg_dynamic", "hello-v001"),
        ("largest_asg_dynamic", "hello-v002"),
    ] {
        let cloud = cloud();
        let outcome = run(
            pipeline(
                "resizeServerGroup",
                &json!({"target": target, "action": "scale_up", "scaleNum": 1}),
            ),
            &[&cloud],
            Vec::new(),
        )
        .await;
        assert_eq!(
            outcome.execution.status,
            Status::Succeeded,
            "{target}: {}",
            error_of(&outcome, "Op")
        );
        let op = stage(&outcome, "Op");
        assert_eq!(
            op.context["targetReferences"][0]["serverGroupName"], expected,
            "{target}"
        );
        assert_eq!(
            op.context["deploy.server.groups"],
            json!({"east": [expected]})
        );
    }
}

#[tokio::test(start_paused = true)]
async fn resize_waits_for_the_capacity_and_never_resizes_twice() {
    let cloud = cloud();
    let outcome = run(
        pipeline(
            "resizeServerGroup",
            &json!({"serverGroupName": "hello-v002", "action": "scale_up", "scalePct": 50}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    assert_eq!(cloud.calls(), vec!["resize east hello-v002 3"]);
    assert_eq!(cloud.peek("east", "hello-v002").unwrap().instances.up, 3);
    let tasks: Vec<&str> = stage(&outcome, "Op")
        .tasks
        .iter()
        .map(|task| task.name.as_str())
        .collect();
    assert_eq!(
        tasks,
        vec![
            "determineTargetServerGroup",
            "resizeServerGroup",
            "waitForCapacityMatch"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn disable_enable_and_destroy_act_and_wait_for_the_result() {
    let cloud = cloud();
    let disable = run(
        pipeline(
            "disableServerGroup",
            &json!({"target": "ancestor_asg_dynamic"}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(disable.execution.status, Status::Succeeded);
    assert!(!cloud.peek("east", "hello-v002").unwrap().enabled);
    let enable = run(
        pipeline(
            "enableServerGroup",
            &json!({"serverGroupName": "hello-v001"}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(enable.execution.status, Status::Succeeded);
    assert_eq!(cloud.peek("east", "hello-v001").unwrap().instances.up, 1);
    let destroy = run(
        pipeline(
            "destroyServerGroup",
            &json!({"target": "current_asg_dynamic"}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(destroy.execution.status, Status::Succeeded);
    assert_eq!(
        cloud.calls(),
        vec![
            "disable east hello-v002",
            "enable east hello-v001",
            "disable east hello-v003",
            "destroy east hello-v003"
        ]
    );
    assert_eq!(cloud.names("east"), vec!["hello-v001", "hello-v002"]);
}

#[tokio::test(start_paused = true)]
async fn a_traffic_guard_refuses_to_take_the_last_instances_away_and_touches_nothing() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-prod-v001", 2, true)
        .with_group("west", "hello-prod-v001", 2, true)
        .with_group("west", "hello-prod-v000", 2, true);
    let both = json!({"cluster": "hello-prod", "regions": ["west", "east"], "target": "current_asg_dynamic"});
    for (stage_type, extra) in [
        ("destroyServerGroup", json!({})),
        ("disableServerGroup", json!({})),
        (
            "resizeServerGroup",
            json!({"action": "scale_exact", "capacity": {"min": 0, "max": 0, "desired": 0}}),
        ),
    ] {
        let mut settings = both.clone();
        for (key, value) in extra.as_object().unwrap() {
            settings[key] = value.clone();
        }
        let outcome = run(
            pipeline(stage_type, &settings),
            &[&cloud],
            vec![guard("hello", "prod")],
        )
        .await;
        assert_eq!(outcome.execution.status, Status::Terminal, "{stage_type}");
        let error = error_of(&outcome, "Op");
        assert!(
            error.starts_with(
                "This cluster ('hello-prod' in prod/east) has traffic guards enabled."
            ) && error.ends_with("hello-prod-v001 would leave the cluster with no instances up."),
            "{stage_type}: {error}"
        );
    }
    assert!(cloud.destructive_calls().is_empty(), "{:?}", cloud.calls());
    let unguarded = run(
        pipeline("disableServerGroup", &both),
        &[&cloud],
        vec![guard("hello", "staging")],
    )
    .await;
    assert_eq!(unguarded.execution.status, Status::Succeeded);
}

#[tokio::test(start_paused = true)]
async fn cluster_wide_stages_keep_the_best_groups() {
    let cloud = cloud();
    let outcome = run(
        pipeline(
            "disableCluster",
            &json!({"remainingEnabledServerGroups": 1}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let scale = run(
        pipeline(
            "scaleDownCluster",
            &json!({"remainingFullSizeServerGroups": 1}),
        ),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(scale.execution.status, Status::Succeeded);
    let shrink = run(
        pipeline("shrinkCluster", &json!({"shrinkToSize": 1})),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(shrink.execution.status, Status::Succeeded);
    assert_eq!(
        cloud.calls(),
        vec![
            "disable east hello-v002",
            "resize east hello-v002 0",
            "resize east hello-v001 0",
            "destroy east hello-v002",
            "destroy east hello-v001"
        ]
    );
    assert_eq!(
        stage(&shrink, "Op").context["shrinkCluster.destroyed"],
        json!({"east": ["hello-v002", "hello-v001"]})
    );
}

#[tokio::test(start_paused = true)]
async fn a_cluster_wide_stage_refused_by_a_guard_touches_nothing() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 2, true)
        .with_group("east", "hello-v002", 2, true);
    let outcome = run(
        pipeline(
            "disableCluster",
            &json!({"remainingEnabledServerGroups": 0}),
        ),
        &[&cloud],
        vec![guard("hello", "")],
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert!(error_of(&outcome, "Op").contains("Disabling hello-v002, hello-v001 would leave"));
    assert!(cloud.destructive_calls().is_empty());
}

#[tokio::test(start_paused = true)]
async fn rollback_cluster_enables_the_previous_group_before_disabling_the_newest() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 2, false)
        .with_group("east", "hello-v002", 2, true)
        .with_group("west", "hello-v005", 1, true)
        .up_after(3);
    let outcome = run(
        pipeline("rollbackCluster", &json!({"regions": ["east", "west"]})),
        &[&cloud],
        vec![guard("hello", "")],
    )
    .await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Op")
    );
    assert_eq!(
        cloud.calls(),
        vec!["enable east hello-v001", "disable east hello-v002"]
    );
    assert_eq!(
        stage(&outcome, "Op").outputs["rollbackTypes"],
        json!({"east": "EXPLICIT"}),
        "west has nothing to roll back to"
    );
}
