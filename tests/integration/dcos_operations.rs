//! Server group and cluster stages, traffic guards and the one-off `server-group` commands,
//! through the binary against simulated DC/OS clusters.

use serde_json::{Value, json};

use crate::dcos_world::{DcosWorld, dcos_cluster, pipeline, summary};

const GUARD: &str = "
[applications.hello]
traffic-guards = [{ account = \"prod-dcos\", location = \"us-east-1\", stack = \"prod\", detail = \"*\" }]
";

/// Deploys versions v000 (disabled) and v001 (enabled) of `hello-prod`, red/black.
async fn two_versions(world: &DcosWorld) {
    for tag in ["1.0", "1.1"] {
        let cluster = dcos_cluster("prod-dcos", "us-east-1", tag, json!({}));
        let deploy = json!({"type": "deploy", "name": "Deploy", "clusters": [cluster]});
        world.write("deploy.json", &pipeline("Deploy", vec![deploy]));
        world.gennaker(&["run", "deploy.json"]).await.code(0);
    }
}

fn target_stage(stage_type: &str, target: &str, extra: Value) -> Value {
    let mut stage = json!({
        "type": stage_type,
        "name": format!("{stage_type} {target}"),
        "cloudProvider": "dcos",
        "credentials": "prod-dcos",
        "cluster": "hello-prod",
        "regions": ["us-east-1"],
        "target": target
    });
    if let (Value::Object(base), Value::Object(extra)) = (&mut stage, extra) {
        base.extend(extra);
    }
    stage
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_stages_enable_resize_disable_and_destroy_the_resolved_server_group() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    two_versions(&world).await;
    let stages = vec![
        target_stage("enableServerGroup", "ancestor_asg_dynamic", json!({})),
        target_stage(
            "resizeServerGroup",
            "current_asg_dynamic",
            json!({"action": "scale_exact", "capacity": {"min": 3, "max": 3, "desired": 3}}),
        ),
        target_stage("disableServerGroup", "oldest_asg_dynamic", json!({})),
    ];
    world.write("ops.json", &pipeline("Operations", stages));
    world.gennaker(&["run", "ops.json"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v000 disabled 0/0",
            "hello-prod-v001 enabled 3/3"
        ]
    );

    let destroy = vec![target_stage(
        "destroyServerGroup",
        "oldest_asg_dynamic",
        json!({}),
    )];
    world.write("destroy.json", &pipeline("Destroy", destroy));
    world.gennaker(&["run", "destroy.json"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-prod-v001 enabled 3/3"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_traffic_guard_refuses_to_destroy_the_last_serving_group_and_touches_nothing() {
    let world = DcosWorld::start_with("prod-dcos", &["us-east-1"], GUARD).await;
    two_versions(&world).await;
    let before = world.requests("us-east-1").len();
    let destroy = vec![target_stage(
        "destroyServerGroup",
        "current_asg_dynamic",
        json!({}),
    )];
    world.write("destroy.json", &pipeline("Destroy", destroy));
    let outcome = world
        .gennaker(&["run", "destroy.json", "--output", "json"])
        .await
        .code(1);
    let text = outcome.stdout.clone();
    assert!(text.contains("traffic guards"), "{text}");
    assert!(text.contains("hello-prod-v001"), "{text}");
    let changes: Vec<String> = world.requests("us-east-1")[before..]
        .iter()
        .filter(|line| !line.starts_with("GET"))
        .cloned()
        .collect();
    assert!(changes.is_empty(), "nothing may change: {changes:#?}");
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v000 disabled 0/0",
            "hello-prod-v001 enabled 2/2"
        ]
    );

    // Destroying the disabled one leaves instances up: allowed.
    let destroy = vec![target_stage(
        "destroyServerGroup",
        "ancestor_asg_dynamic",
        json!({}),
    )];
    world.write("destroy-old.json", &pipeline("Destroy old", destroy));
    world.gennaker(&["run", "destroy-old.json"]).await.code(0);

    // The one-off command goes through the same guard.
    let outcome = world
        .gennaker(&[
            "server-group",
            "disable",
            "hello-prod-v001",
            "--account",
            "prod-dcos",
            "--region",
            "us-east-1",
        ])
        .await
        .code(1);
    assert!(
        outcome.stderr.contains("traffic guards"),
        "{}",
        outcome.stderr
    );
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-prod-v001 enabled 2/2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_stages_shrink_scale_down_disable_and_roll_back() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    two_versions(&world).await;
    let cluster_stage = |stage_type: &str, extra: Value| {
        let mut stage = target_stage(stage_type, "", extra);
        stage.as_object_mut().unwrap().remove("target");
        stage
    };
    world.write(
        "rollback.json",
        &pipeline(
            "Roll back",
            vec![cluster_stage("rollbackCluster", json!({}))],
        ),
    );
    world.gennaker(&["run", "rollback.json"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v000 enabled 2/2",
            "hello-prod-v001 disabled 0/0"
        ]
    );
    world.write(
        "shrink.json",
        &pipeline(
            "Shrink",
            vec![cluster_stage(
                "shrinkCluster",
                json!({"shrinkToSize": 1, "allowDeleteActive": false, "retainLargerOverNewer": false}),
            )],
        ),
    );
    world.gennaker(&["run", "shrink.json"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-prod-v000 enabled 2/2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cluster_size_preconditions_pass_and_fail() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    two_versions(&world).await;
    let check = |expected: u64| {
        json!({"type": "checkPreconditions", "name": "Size", "preconditions": [{
            "type": "clusterSize", "failPipeline": true,
            "context": {"cluster": "hello-prod", "credentials": "prod-dcos", "cloudProvider": "dcos",
                "regions": ["us-east-1"], "expected": expected, "comparison": "==",
                "onlyEnabledServerGroups": true}
        }]})
    };
    world.write("one.json", &pipeline("One", vec![check(1)]));
    world.gennaker(&["run", "one.json"]).await.code(0);
    world.write("two.json", &pipeline("Two", vec![check(2)]));
    world.gennaker(&["run", "two.json"]).await.code(1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_group_commands_show_resize_disable_enable_and_destroy() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    two_versions(&world).await;
    let world = &world;
    let at = ["--account", "prod-dcos", "--region", "us-east-1"];
    let run = |args: Vec<&'static str>| {
        let mut all: Vec<&str> = vec!["server-group"];
        all.extend(args);
        all.extend(at);
        all.into_iter().map(str::to_owned).collect::<Vec<String>>()
    };
    let call = |args: Vec<String>| async move {
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        world.gennaker(&refs).await
    };
    let shown = call(run(vec!["show", "hello-prod-v001", "--output", "json"]))
        .await
        .code(0);
    assert_eq!(shown.json()["serverGroup"], "hello-prod-v001");
    call(run(vec!["resize", "hello-prod-v001", "--desired", "4"]))
        .await
        .code(0);
    call(run(vec!["enable", "hello-prod-v000"])).await.code(0);
    call(run(vec!["disable", "hello-prod-v001"])).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        [
            "hello-prod-v000 enabled 2/2",
            "hello-prod-v001 disabled 0/0"
        ]
    );
    call(run(vec!["destroy", "hello-prod-v001", "--yes"]))
        .await
        .code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-prod-v000 enabled 2/2"]
    );
    let missing = call(run(vec!["show", "hello-prod-v009"])).await.code(2);
    assert!(
        missing.stderr.contains("hello-prod-v009"),
        "{}",
        missing.stderr
    );
}
