//! `deploy` with `cloudProvider: "dcos"` through the binary against simulated DC/OS clusters:
//! names and versions, strategies, faults, rollback, and what downstream stages see.

use serde_json::json;

use crate::dcos_world::{DcosWorld, dcos_cluster, pipeline, summary};
use gennaker::testing::{Faults, HttpFaults, ImageFault, WorkloadFault};

fn deploy(clusters: &[serde_json::Value]) -> serde_json::Value {
    json!({"type": "deploy", "name": "Deploy", "clusters": clusters})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn red_black_creates_the_next_version_and_disables_the_previous_one() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    for tag in ["1.0", "1.1"] {
        let cluster = dcos_cluster("prod-dcos", "us-east-1", tag, json!({}));
        world.write("deploy.json", &pipeline("Deploy", vec![deploy(&[cluster])]));
        world.gennaker(&["run", "deploy.json"]).await.code(0);
    }
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        [
            "hello-prod-v000 disabled 0/0",
            "hello-prod-v001 enabled 2/2"
        ]
    );
    assert_eq!(groups[1]["image"], "docker.io/nginxdemos/hello:1.1");
    assert_eq!(groups[1]["cluster"], "hello-prod");
    assert_eq!(groups[1]["account"], "prod-dcos");
    assert_eq!(groups[1]["region"], "us-east-1");
    let keys: Vec<&String> = groups[1].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "account",
            "region",
            "cluster",
            "serverGroup",
            "image",
            "enabled",
            "instances",
            "createdTime"
        ]
    );
    // The disabled version is kept (scaled to 0), so it can be enabled again.
    let app = world
        .marathon("us-east-1", "/v2/apps/prod-dcos/hello-prod-v000")
        .await;
    assert_eq!(app["app"]["instances"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_looping_version_fails_the_deploy_and_the_old_one_keeps_serving() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let good = dcos_cluster("prod-dcos", "us-east-1", "1.0", json!({}));
    world.write("good.json", &pipeline("Deploy", vec![deploy(&[good])]));
    world.gennaker(&["run", "good.json"]).await.code(0);

    world.set_faults(
        "us-east-1",
        Faults {
            images: vec![ImageFault {
                image: "hello:2.0".to_owned(),
                fault: WorkloadFault::CrashLoop,
            }],
            ..Faults::default()
        },
    );
    let bad = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "2.0",
        json!({"rollback": {"onFailure": true}}),
    );
    world.write("bad.json", &pipeline("Deploy", vec![deploy(&[bad])]));
    let outcome = world.gennaker(&["run", "bad.json"]).await.code(1);
    let log = format!("{}{}", outcome.stdout, outcome.stderr);
    assert!(log.contains("hello-prod-v001"), "{log}");

    let groups = world.clusters("hello").await;
    // The crashing version was rolled back (destroyed); the old one never stopped serving.
    assert_eq!(summary(&groups), ["hello-prod-v000 enabled 2/2"]);
    let requests = world.requests("us-east-1");
    assert!(
        !requests
            .iter()
            .any(|line| line.starts_with("PUT /service/marathon/v2/apps/prod-dcos/hello-prod-v000")),
        "the old version was never touched: {requests:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pipeline_succeeds_when_a_fifth_of_the_answers_are_server_errors() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    world.set_faults(
        "us-east-1",
        Faults {
            http: HttpFaults {
                server_error_rate: 0.2,
                ..HttpFaults::default()
            },
            ..Faults::default()
        },
    );
    for tag in ["1.0", "1.1"] {
        let cluster = dcos_cluster("prod-dcos", "us-east-1", tag, json!({}));
        world.write("deploy.json", &pipeline("Deploy", vec![deploy(&[cluster])]));
        world.gennaker(&["run", "deploy.json"]).await.code(0);
    }
    world.set_faults("us-east-1", Faults::default());
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        [
            "hello-prod-v000 disabled 0/0",
            "hello-prod-v001 enabled 2/2"
        ]
    );
    let apps = world.marathon("us-east-1", "/v2/apps").await;
    assert_eq!(
        apps["apps"].as_array().unwrap().len(),
        2,
        "no app was created twice"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clusters_deploy_in_parallel_one_child_stage_each_and_highlander_keeps_one() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1", "us-west-1"]).await;
    for tag in ["1.0", "1.1"] {
        let clusters: Vec<serde_json::Value> = ["us-east-1", "us-west-1"]
            .iter()
            .map(|region| {
                dcos_cluster("prod-dcos", region, tag, json!({"strategy": "highlander", "capacity": {"min": 1, "max": 1, "desired": 1}}))
            })
            .collect();
        world.write("deploy.json", &pipeline("Deploy", vec![deploy(&clusters)]));
        let outcome = world
            .gennaker(&["run", "deploy.json", "--output", "json"])
            .await
            .code(0);
        let execution = outcome.json();
        let children: Vec<&str> = execution["stages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|stage| stage["type"] == "createServerGroup")
            .map(|stage| stage["name"].as_str().unwrap())
            .collect();
        assert_eq!(children, ["Deploy in us-east-1", "Deploy in us-west-1"]);
        let deployed = &execution["stages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|stage| stage["name"] == "Deploy in us-west-1")
            .unwrap()["outputs"]["deploy.server.groups"];
        let version = if tag == "1.0" { "v000" } else { "v001" };
        assert_eq!(
            deployed,
            &json!({"us-west-1": [format!("hello-prod-{version}")]})
        );
    }
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        ["hello-prod-v001 enabled 1/1", "hello-prod-v001 enabled 1/1"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_docker_trigger_supplies_the_tag_and_downstream_stages_see_the_deployed_group() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let cluster = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "unused",
        json!({"docker": {"image": {"fromTrigger": true, "registry": "docker.io",
            "repository": "nginxdemos/hello", "account": "dockerhub"}}}),
    );
    let announce = json!({"type": "evaluateVariables", "name": "Announce", "variables": [
        {"key": "deployed", "value": "${#deployedServerGroups()[0]['serverGroup']}"}
    ]});
    world.write(
        "deploy.json",
        &pipeline("Deploy", vec![deploy(&[cluster]), announce]),
    );
    world.write(
        "trigger.json",
        &json!({"type": "docker", "account": "dockerhub", "repository": "nginxdemos/hello", "tag": "3.1"}).to_string(),
    );
    let outcome = world
        .gennaker(&[
            "run",
            "deploy.json",
            "--trigger",
            "trigger.json",
            "--output",
            "json",
        ])
        .await
        .code(0);
    let execution = outcome.json();
    let announce = execution["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["name"] == "Announce")
        .unwrap();
    assert_eq!(announce["outputs"]["deployed"], "hello-prod-v000");
    let groups = world.clusters("hello").await;
    assert_eq!(groups[0]["image"], "docker.io/nginxdemos/hello:3.1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rolling_red_black_grows_the_new_group_step_by_step_then_disables_the_old_one() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let first = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "1.0",
        json!({"capacity": {"min": 4, "max": 4, "desired": 4}}),
    );
    world.write("first.json", &pipeline("Deploy", vec![deploy(&[first])]));
    world.gennaker(&["run", "first.json"]).await.code(0);
    let rolling = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "1.1",
        json!({"strategy": "rollingredblack", "targetPercentages": [25, 50],
               "capacity": {"min": 4, "max": 4, "desired": 4}}),
    );
    world.write("rolling.json", &pipeline("Roll", vec![deploy(&[rolling])]));
    world.gennaker(&["run", "rolling.json"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v000 disabled 0/0",
            "hello-prod-v001 enabled 4/4"
        ]
    );
    // The new group grew 1 → 2 → 4 (25 %, 50 %, then the 100 % Orca appends).
    let sizes: Vec<u64> = world
        .cluster("us-east-1")
        .requests()
        .iter()
        .filter(|request| {
            request.method == "PUT" && request.path.ends_with("/prod-dcos/hello-prod-v001")
        })
        .filter_map(|request| request.body["instances"].as_u64())
        .collect();
    assert_eq!(sizes, [1, 2, 4], "resizes of the new group");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn red_black_with_scale_down_keeps_at_most_max_remaining_groups() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    for tag in ["1.0", "1.1", "1.2"] {
        let cluster = dcos_cluster(
            "prod-dcos",
            "us-east-1",
            tag,
            json!({"maxRemainingAsgs": 2, "scaleDown": true}),
        );
        world.write("deploy.json", &pipeline("Deploy", vec![deploy(&[cluster])]));
        world.gennaker(&["run", "deploy.json"]).await.code(0);
    }
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v001 disabled 0/0",
            "hello-prod-v002 enabled 2/2"
        ]
    );
}
