//! `deploy` and `createServerGroup`: every strategy, parallel clusters, rollback, images, and
//! what downstream stages see.

use serde_json::{Value, json};

use super::{error_of, run, run_with, stage};
use crate::engine::status::Status;
use crate::stages::cloud::fake::FakeCloud;

/// A DC/OS cluster of `hello` in `east`, 2 instances, with `extra` members.
fn cluster(extra: &Value) -> Value {
    let mut cluster = json!({"account": "prod", "cloudProvider": "dcos", "application": "hello",
        "region": "east", "capacity": {"min": 2, "max": 2, "desired": 2}, "strategy": ""});
    for (key, value) in extra.as_object().unwrap() {
        cluster[key] = value.clone();
    }
    cluster
}

fn deploy(clusters: &[Value]) -> Value {
    json!({"application": "hello", "stages": [
        {"refId": "1", "type": "deploy", "name": "Deploy", "clusters": clusters}
    ]})
}

fn task_names(outcome: &crate::engine::testing::Outcome, name: &str) -> Vec<String> {
    stage(outcome, name)
        .tasks
        .iter()
        .map(|task| task.name.clone())
        .collect()
}

#[tokio::test(start_paused = true)]
async fn no_strategy_creates_the_next_version_and_tells_downstream_stages() {
    let cloud = FakeCloud::dcos("prod");
    cloud.with_group("east", "hello-v001", 2, true).up_after(3);
    let mut pipeline = deploy(&[cluster(&json!({}))]);
    pipeline["stages"].as_array_mut().unwrap().push(json!(
        {"refId": "2", "requisiteStageRefIds": ["1"], "type": "evaluateVariables", "name": "Read",
         "variables": [{"key": "deployed", "value": "${#deployedServerGroups()[0].serverGroup}"},
                       {"key": "account", "value": "${#deployedServerGroups()[0].account}"}]}
    ));
    let outcome = run(pipeline, &[&cloud], Vec::new()).await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{:?}",
        error_of(&outcome, "Deploy in east")
    );
    assert_eq!(cloud.calls(), vec!["create east hello-v002 2"]);
    let new = cloud.peek("east", "hello-v002").unwrap();
    assert_eq!(new.instances.up, 2, "the stage waited for the instances");
    assert!(cloud.peek("east", "hello-v001").unwrap().enabled);
    assert_eq!(
        task_names(&outcome, "Deploy in east"),
        vec![
            "determineSourceServerGroup",
            "createServerGroup",
            "monitorDeploy",
            "waitForUpInstances"
        ]
    );
    assert_eq!(
        task_names(&outcome, "Deploy"),
        vec!["completeParallelDeploy"]
    );
    let child = stage(&outcome, "Deploy in east");
    assert_eq!(
        child.outputs["deploy.server.groups"],
        json!({"east": ["hello-v002"]})
    );
    assert_eq!(child.outputs["deploy.account.name"], "prod");
    assert_eq!(child.context["source"]["serverGroupName"], "hello-v001");
    let read = stage(&outcome, "Read");
    assert_eq!(read.outputs["deployed"], "hello-v002");
    assert_eq!(read.outputs["account"], "prod");
}

#[tokio::test(start_paused = true)]
async fn clusters_deploy_at_the_same_time() {
    let cloud = FakeCloud::dcos("prod");
    cloud.up_after(20);
    let west = cluster(&json!({"region": "west"}));
    let outcome = run(deploy(&[cluster(&json!({})), west]), &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    let recorder = &outcome.recorder;
    assert!(
        recorder.first("Deploy in west", Status::Running)
            < recorder.first("Deploy in east", Status::Succeeded)
    );
    assert!(cloud.peek("east", "hello-v000").is_some());
    assert!(cloud.peek("west", "hello-v000").is_some());
}

#[tokio::test(start_paused = true)]
async fn highlander_destroys_every_other_group_once_the_new_one_is_up() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 1, false)
        .with_group("east", "hello-v002", 2, true)
        .with_group("east", "hello-staging-v007", 1, true)
        .up_after(2);
    let outcome = run(
        deploy(&[cluster(&json!({"strategy": "highlander"}))]),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    assert_eq!(
        cloud.calls(),
        vec![
            "create east hello-v003 2",
            "destroy east hello-v002",
            "destroy east hello-v001"
        ]
    );
    assert_eq!(
        cloud.names("east"),
        vec!["hello-staging-v007", "hello-v003"]
    );
    assert_eq!(
        task_names(&outcome, "Deploy in east")[4..],
        ["shrinkCluster", "waitForClusterShrink"]
    );
}

#[tokio::test(start_paused = true)]
async fn red_black_shrinks_waits_disables_and_scales_down_the_old_groups() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v000", 2, false)
        .with_group("east", "hello-v001", 2, true)
        .up_after(2);
    let settings = json!({"strategy": "redblack", "maxRemainingAsgs": 2, "delayBeforeDisableSec": 5,
                          "scaleDown": true});
    let outcome = run(deploy(&[cluster(&settings)]), &[&cloud], Vec::new()).await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Deploy in east")
    );
    assert_eq!(
        cloud.calls(),
        vec![
            "create east hello-v002 2",
            "destroy east hello-v000",
            "disable east hello-v001",
            "resize east hello-v001 0"
        ]
    );
    assert_eq!(
        task_names(&outcome, "Deploy in east")[4..],
        [
            "shrinkCluster",
            "waitForClusterShrink",
            "waitBeforeDisable",
            "disableCluster",
            "waitForClusterDisable",
            "scaleDownCluster",
            "waitForScaleDownCluster"
        ]
    );
    assert!(
        outcome.took >= std::time::Duration::from_secs(5),
        "{:?}",
        outcome.took
    );
    let old = cloud.peek("east", "hello-v001").unwrap();
    assert!(!old.enabled && old.capacity.desired == 0);
}

#[tokio::test(start_paused = true)]
async fn rolling_red_black_grows_the_new_group_step_by_step_before_disabling_the_old() {
    let cloud = FakeCloud::dcos("prod");
    cloud.with_group("east", "hello-v001", 4, true).up_after(1);
    let settings = json!({"strategy": "rollingredblack", "targetPercentages": [25, 50],
                          "capacity": {"min": 4, "max": 4, "desired": 4}});
    let outcome = run(deploy(&[cluster(&settings)]), &[&cloud], Vec::new()).await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Deploy in east")
    );
    assert_eq!(
        cloud.calls(),
        vec![
            "create east hello-v002 0",
            "resize east hello-v002 1",
            "resize east hello-v002 2",
            "resize east hello-v002 4",
            "disable east hello-v001"
        ]
    );
    assert_eq!(cloud.peek("east", "hello-v002").unwrap().instances.up, 4);
}

#[tokio::test(start_paused = true)]
async fn cloud_foundry_rolling_red_black_passes_the_artifact_through() {
    let cloud = FakeCloud::new("cf", "cloudfoundry");
    cloud.with_group("dev > prod", "hello-v001", 2, true);
    let artifact =
        json!({"artifact": {"type": "http/file", "reference": "https://example.com/hello.jar"}});
    let settings = json!({"account": "cf", "cloudProvider": "cloudfoundry", "region": "dev > prod",
                          "strategy": "cfrollingredblack", "targetPercentages": [50],
                          "applicationArtifact": artifact});
    let outcome = run(deploy(&[cluster(&settings)]), &[&cloud], Vec::new()).await;
    assert_eq!(
        outcome.execution.status,
        Status::Succeeded,
        "{}",
        error_of(&outcome, "Deploy in dev > prod")
    );
    let request = &cloud.requests()[0];
    assert_eq!(request.description["applicationArtifact"], artifact);
    assert_eq!(request.capacity.desired, 0, "a rolling deploy starts empty");
    assert_eq!(
        cloud.calls()[1..],
        [
            "resize dev > prod hello-v002 1",
            "resize dev > prod hello-v002 2",
            "disable dev > prod hello-v001"
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_deploy_is_rolled_back_and_the_old_group_keeps_serving() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 2, true)
        .fail_next_deploy("the tasks crash-loop");
    let settings = json!({"strategy": "redblack", "rollback": {"onFailure": true}});
    let outcome = run(deploy(&[cluster(&settings)]), &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert_eq!(outcome.status_of("Deploy"), Status::Terminal);
    assert_eq!(cloud.destructive_calls(), vec!["destroy east hello-v002"]);
    let old = cloud.peek("east", "hello-v001").unwrap();
    assert!(old.enabled && old.instances.up == 2, "untouched");
    assert!(cloud.peek("east", "hello-v002").is_none());
    let error = error_of(&outcome, "Deploy in east");
    assert!(error.contains("the tasks crash-loop"), "{error}");
    assert!(
        error.ends_with("rolled back: destroyed hello-v002"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn without_rollback_a_failed_group_is_left_and_nothing_old_is_touched() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v001", 2, true)
        .fail_next_deploy("unhealthy");
    let outcome = run(
        deploy(&[cluster(&json!({"strategy": "redblack"}))]),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert!(cloud.destructive_calls().is_empty(), "{:?}", cloud.calls());
    assert!(cloud.peek("east", "hello-v002").is_some());
}

#[tokio::test(start_paused = true)]
async fn a_rollback_enables_again_what_the_stage_disabled() {
    let cloud = FakeCloud::dcos("prod");
    cloud
        .with_group("east", "hello-v000", 2, true)
        .with_group("east", "hello-v001", 2, true)
        .fail_calls_after("disable", 1, "the target refused");
    let settings = json!({"strategy": "redblack", "rollback": {"onFailure": true}});
    let outcome = run(deploy(&[cluster(&settings)]), &[&cloud], Vec::new()).await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert_eq!(
        cloud.calls(),
        vec![
            "create east hello-v002 2",
            "disable east hello-v001",
            "enable east hello-v001",
            "destroy east hello-v002"
        ]
    );
    for old in ["hello-v000", "hello-v001"] {
        assert!(cloud.peek("east", old).unwrap().enabled, "{old}");
    }
    let error = error_of(&outcome, "Deploy in east");
    assert!(
        error.contains("the target refused")
            && error.ends_with("rolled back: destroyed hello-v002, enabled hello-v001 again"),
        "{error}"
    );
}

#[tokio::test(start_paused = true)]
async fn an_unknown_strategy_fails_before_anything_is_created() {
    let cloud = FakeCloud::dcos("prod");
    let outcome = run(
        deploy(&[cluster(&json!({"strategy": "custom"}))]),
        &[&cloud],
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Terminal);
    assert!(cloud.calls().is_empty());
    assert!(error_of(&outcome, "Deploy in east").contains("`custom` is not supported"));
}

fn docker_image(image: &Value) -> Value {
    cluster(&json!({"docker": {"image": image}}))
}

#[tokio::test(start_paused = true)]
async fn a_docker_image_from_the_trigger_takes_its_tag() {
    let cloud = FakeCloud::dcos("prod");
    let image = json!({"fromTrigger": true, "registry": "registry.example", "repository": "team/hello",
                       "account": "hub"});
    let trigger = json!({"type": "docker", "account": "hub", "repository": "team/hello", "tag": "2.0",
                         "user": "tester", "parameters": {}});
    let outcome = run_with(
        deploy(&[docker_image(&image)]),
        &[&cloud],
        Vec::new(),
        trigger,
        Vec::new(),
    )
    .await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    assert_eq!(
        cloud.requests()[0].description["docker"]["image"],
        json!({"registry": "registry.example", "repository": "team/hello", "tag": "2.0",
               "imageId": "registry.example/team/hello:2.0"})
    );
    let manual = run(deploy(&[docker_image(&image)]), &[&cloud], Vec::new()).await;
    assert_eq!(manual.execution.status, Status::Terminal);
    assert!(error_of(&manual, "Deploy in east").starts_with("no tag for image `team/hello`"));
    assert_eq!(cloud.requests().len(), 1, "nothing created without a tag");
}

#[tokio::test(start_paused = true)]
async fn a_resumed_create_finds_its_server_group_and_does_not_create_it_again() {
    let cloud = FakeCloud::dcos("prod");
    cloud.with_group("east", "hello-v002", 2, true);
    let pipeline = json!({"stages": [{"refId": "1", "type": "createServerGroup", "name": "Create",
        "account": "prod", "cloudProvider": "dcos", "application": "hello", "region": "east",
        "capacity": {"min": 2, "max": 2, "desired": 2}}]});
    let outcome =
        super::resume_in_task(pipeline, &cloud, 1, json!({"newServerGroup": "hello-v002"})).await;
    assert_eq!(outcome.execution.status, Status::Succeeded);
    assert!(cloud.calls().is_empty(), "{:?}", cloud.calls());
    assert_eq!(
        outcome.execution.stages[0].outputs["deploy.server.groups"],
        json!({"east": ["hello-v002"]})
    );
}
