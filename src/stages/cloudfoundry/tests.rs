//! The Cloud Foundry stages on the engine against a non-CF account (they refuse it), and the
//! pure parts: which steps a stage has, how its context is read. Their work against a
//! foundation is tested end to end, through the binary and the simulator
//! (`tests/integration/cf_*.rs`).

use std::sync::Arc;

use serde_json::{Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageRegistry;
use crate::engine::status::Status;
use crate::engine::testing::run_triggered;
use crate::stages::BuiltinStages;
use crate::stages::cloud::fake::{FakeCloud, settings};
use crate::stages::cloudfoundry::{NAMES, region, strings};

fn registry(cloud: &Arc<FakeCloud>) -> BuiltinStages {
    BuiltinStages {
        cloud: Some(settings(&[cloud], Vec::new())),
        ..BuiltinStages::default()
    }
}

fn task_names(stage_type: &str, context: &Value) -> Vec<String> {
    let cloud = FakeCloud::dcos("prod");
    let definition = registry(&cloud)
        .definition(stage_type)
        .expect("a Cloud Foundry stage type");
    let stage = StageExecution {
        id: "s1".into(),
        ref_id: "1".into(),
        stage_type: stage_type.into(),
        name: "S".into(),
        status: Status::NotStarted,
        start_time: None,
        end_time: None,
        context: context.as_object().cloned().unwrap_or_default(),
        outputs: serde_json::Map::new(),
        tasks: Vec::new(),
        requisite_stage_ref_ids: Vec::new(),
        parent_stage_id: None,
        synthetic_stage_owner: None,
        start_time_expiry: None,
        last_modified: None,
    };
    definition
        .tasks(&stage)
        .iter()
        .map(|task| task.name().to_owned())
        .collect()
}

#[test]
fn binding_stages_restage_by_default_and_restart_when_asked() {
    assert_eq!(
        task_names("createServiceBindings", &json!({})),
        [
            "determineTargetServerGroup",
            "createServiceBindings",
            "monitorTask",
            "restageServerGroup",
            "waitForRestage"
        ]
    );
    assert_eq!(
        task_names(
            "createServiceBindings",
            &json!({"restageRequired": false, "restartRequired": true})
        )[3..],
        ["restartServerGroup", "waitForRestart"]
    );
    assert_eq!(
        task_names("deleteServiceBindings", &json!({})),
        [
            "determineTargetServerGroup",
            "deleteServiceBindings",
            "monitorTask"
        ]
    );
    assert_eq!(
        task_names("deployService", &json!({})),
        [
            "deployService",
            "monitorDeployService",
            "waitForDeployService"
        ]
    );
}

#[test]
fn every_name_has_a_definition_and_nothing_else_does() {
    let cloud = FakeCloud::dcos("prod");
    let registry = registry(&cloud);
    for name in NAMES {
        assert!(registry.definition(name).is_some(), "{name}");
    }
    assert!(
        super::definition("bakeCloudFoundryManifest", &settings(&[&cloud], Vec::new())).is_none()
    );
}

#[test]
fn regions_and_lists_are_read_loosely() {
    let context = |value: Value| value.as_object().cloned().unwrap();
    assert_eq!(
        region(&context(json!({"region": "o > s"}))).unwrap(),
        "o > s"
    );
    assert_eq!(
        region(&context(json!({"regions": ["o > a", "o > b"]}))).unwrap(),
        "o > a"
    );
    assert!(region(&context(json!({}))).is_err());
    assert_eq!(strings(Some(&json!("a"))), ["a"]);
    assert_eq!(strings(Some(&json!(["a", "", 3, "b"]))), ["a", "b"]);
    assert!(strings(None).is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_cloud_foundry_stage_on_another_cloud_fails_saying_so_and_touches_nothing() {
    let cloud = FakeCloud::dcos("prod");
    cloud.with_group("east", "hello-v000", 1, true);
    let stages = [
        json!({"refId": "1", "type": "mapLoadBalancers", "name": "Map", "credentials": "prod",
               "region": "east", "cluster": "hello", "target": "current_asg_dynamic",
               "loadBalancerNames": ["hello.example.com"]}),
        json!({"refId": "1", "type": "createServiceKey", "name": "Key", "credentials": "prod",
               "region": "east", "serviceInstanceName": "db", "serviceKeyName": "k"}),
    ];
    for stage in stages {
        let name = stage["name"].as_str().unwrap().to_owned();
        let outcome = run_triggered(
            json!({"application": "hello", "stages": [stage]}),
            Some(Arc::new(registry(&cloud))),
            json!({"type": "manual", "user": "tester"}),
            Vec::new(),
        )
        .await;
        assert_eq!(outcome.status_of(&name), Status::Terminal, "{name}");
        let error = outcome.execution.stages[0].context["exception"]["details"]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            error.contains("only runs on Cloud Foundry")
                && error.contains("`prod` is a `dcos` account"),
            "{name}: {error}"
        );
    }
    assert!(cloud.destructive_calls().is_empty());
}
