//! Server group, cluster, image, route and binding stages on Cloud Foundry, traffic guards and
//! the one-off `server-group` commands, through the binary against a simulated foundation.

use serde_json::{Value, json};

use crate::cf_world::{CfWorld, DEV, PROD, cf_cluster, deploy, stage, summary};

const GUARD: &str = "
[applications.hello]
traffic-guards = [{ account = \"prod-cf\", location = \"sandbox > prod\", stack = \"web\", detail = \"*\" }]
";

/// Deploys v000 (then stopped) and v001 (serving) of `hello-web` in `region`, red/black.
async fn two_versions(world: &CfWorld, region: &str) {
    for tag in ["1.0", "1.1"] {
        let cluster = cf_cluster(
            "prod-cf",
            region,
            &format!("nginxdemos/hello:{tag}"),
            json!({}),
        );
        world.run(vec![deploy(&[cluster])], 0).await;
    }
}

/// A stage on the `hello-web` cluster in prod, acting on `target` when it is not empty.
fn target_stage(stage_type: &str, target: &str, extra: Value) -> Value {
    let mut stage = json!({
        "type": stage_type,
        "name": format!("{stage_type} {target}"),
        "cloudProvider": "cloudfoundry",
        "credentials": "prod-cf",
        "cluster": "hello-web",
        "region": PROD,
        "regions": [PROD],
    });
    if !target.is_empty() {
        stage["target"] = json!(target);
    }
    if let (Value::Object(base), Value::Object(extra)) = (&mut stage, extra) {
        base.extend(extra);
    }
    stage
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn target_stages_enable_resize_disable_and_destroy_the_resolved_server_group() {
    let world = CfWorld::start("prod-cf");
    two_versions(&world, PROD).await;
    world
        .run(
            vec![
                target_stage("enableServerGroup", "ancestor_asg_dynamic", json!({})),
                target_stage(
                    "resizeServerGroup",
                    "current_asg_dynamic",
                    json!({"action": "scale_exact", "capacity": {"min": 3, "max": 3, "desired": 3}}),
                ),
                target_stage("disableServerGroup", "oldest_asg_dynamic", json!({})),
            ],
            0,
        )
        .await;
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v000 disabled 0/2", "hello-web-v001 enabled 3/3"]
    );
    world
        .run(
            vec![target_stage(
                "destroyServerGroup",
                "oldest_asg_dynamic",
                json!({}),
            )],
            0,
        )
        .await;
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v001 enabled 3/3"]
    );
    assert!(world.app("hello-web-v000").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rollback_cluster_serves_the_previous_version_and_shrink_removes_the_rest() {
    let world = CfWorld::start("prod-cf");
    two_versions(&world, PROD).await;
    world
        .run(vec![target_stage("rollbackCluster", "", json!({}))], 0)
        .await;
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v000 enabled 2/2", "hello-web-v001 disabled 0/2"]
    );
    assert_eq!(
        world.routes_of("hello-web-v000"),
        ["hello.apps.sandbox.local"]
    );
    world
        .run(
            vec![target_stage(
                "shrinkCluster",
                "",
                json!({"shrinkToSize": 1, "allowDeleteActive": false, "retainLargerOverNewer": false}),
            )],
            0,
        )
        .await;
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v000 enabled 2/2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_image_found_in_dev_is_deployed_to_prod_as_an_image_and_as_a_copied_droplet() {
    let world = CfWorld::start("prod-cf");
    let dev = cf_cluster("prod-cf", DEV, "nginxdemos/hello:7.3", json!({}));
    world.run(vec![deploy(&[dev])], 0).await;
    let find = json!({"type": "findImageFromCluster", "name": "Find image", "refId": "find",
        "cloudProvider": "cloudfoundry", "credentials": "prod-cf", "cluster": "hello-web",
        "regions": [DEV], "selectionStrategy": "NEWEST", "onlyEnabled": true});
    let as_image = cf_cluster(
        "prod-cf",
        PROD,
        "unused",
        json!({"applicationArtifact": {"artifact": {"type": "docker/image",
            "reference": "${#stage('Find image')['outputs']['deploymentDetails'][0]['imageId']}"}}}),
    );
    let mut promote = deploy(&[as_image]);
    promote["requisiteStageRefIds"] = json!(["find"]);
    let execution = world.run(vec![find, promote], 0).await;
    let details = &stage(&execution, "Find image")["outputs"]["deploymentDetails"][0];
    assert_eq!(details["imageId"], "nginxdemos/hello:7.3", "{details:#}");
    assert_eq!(details["refId"], "find");
    let prod: Vec<Value> = world
        .clusters("hello")
        .await
        .into_iter()
        .filter(|group| group["region"] == PROD)
        .collect();
    assert_eq!(summary(&prod), ["hello-web-v000 enabled 2/2"]);
    assert_eq!(prod[0]["image"], "nginxdemos/hello:7.3");

    // The `cloudfoundry/app` artifact findImage reports copies the droplet itself.
    let find_again = json!({"type": "findImageFromCluster", "name": "Find droplet",
        "cloudProvider": "cloudfoundry", "credentials": "prod-cf", "cluster": "hello-web",
        "regions": [DEV]});
    let as_droplet = cf_cluster(
        "prod-cf",
        PROD,
        "unused",
        json!({"applicationArtifact": {"artifact":
            "${#stage('Find droplet')['outputs']['deploymentDetails'][0]['artifact']}"}}),
    );
    world.run(vec![find_again, deploy(&[as_droplet])], 0).await;
    let dev_droplet = world.app("hello-web-v000").unwrap()["droplet"].clone();
    let copied = world.app("hello-web-v001").unwrap();
    assert_ne!(
        copied["droplet"], dev_droplet,
        "a copy, not the same droplet"
    );
    assert_eq!(copied["image"], "nginxdemos/hello:7.3");
    assert_eq!(copied["space"], "prod");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn routes_are_mapped_to_and_unmapped_from_the_target_server_group() {
    let world = CfWorld::start("prod-cf");
    two_versions(&world, PROD).await;
    let routes =
        json!({"loadBalancerNames": ["canary.apps.sandbox.local", "apps.sandbox.local/hello"]});
    let execution = world
        .run(
            vec![target_stage(
                "mapLoadBalancers",
                "current_asg_dynamic",
                routes.clone(),
            )],
            0,
        )
        .await;
    assert_eq!(
        world.routes_of("hello-web-v001"),
        [
            "apps.sandbox.local/hello",
            "canary.apps.sandbox.local",
            "hello.apps.sandbox.local"
        ]
    );
    assert_eq!(
        stage(&execution, "mapLoadBalancers current_asg_dynamic")["outputs"]["loadBalancers"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(
        world.routes_of("hello-web-v000"),
        ["hello.apps.sandbox.local"]
    );
    let unmap =
        json!({"loadBalancerNames": ["hello.apps.sandbox.local", "nowhere.apps.sandbox.local"]});
    world
        .run(
            vec![target_stage(
                "unmapLoadBalancers",
                "ancestor_asg_dynamic",
                unmap,
            )],
            0,
        )
        .await;
    assert!(world.routes_of("hello-web-v000").is_empty());
    assert_eq!(world.routes_of("hello-web-v001").len(), 3);
}

/// The names of the service instances bound to `app`.
fn bound_to(world: &CfWorld, app: &str) -> Vec<String> {
    let guid = world.app(app).unwrap()["guid"].clone();
    let snapshot = world.sim.snapshot();
    let instance_name = |guid: &Value| {
        snapshot["service_instances"]
            .as_array()
            .unwrap()
            .iter()
            .find(|instance| &instance["guid"] == guid)
            .and_then(|instance| instance["name"].as_str())
            .unwrap_or("?")
            .to_owned()
    };
    snapshot["service_bindings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|binding| binding["kind"] == "app" && binding["app_guid"] == guid)
        .map(|binding| instance_name(&binding["instance_guid"]))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_are_bound_with_a_restage_and_unbound_with_a_restart() {
    let world = CfWorld::start("prod-cf");
    two_versions(&world, PROD).await;
    let database = json!({"type": "deployService", "name": "Database", "cloudProvider": "cloudfoundry",
        "credentials": "prod-cf", "region": PROD,
        "manifest": {"direct": {"service": "sandbox-database", "service_plan": "small",
            "service_instance_name": "orders-db"}}});
    let droplet_before = world.app("hello-web-v001").unwrap()["droplet"].clone();
    let bind = target_stage(
        "createServiceBindings",
        "current_asg_dynamic",
        json!({"serviceBindingRequests": [{"serviceInstanceName": "orders-db",
            "parameters": {"role": "writer"}}], "restageRequired": true}),
    );
    let execution = world.run(vec![database, bind], 0).await;
    assert_eq!(
        stage(&execution, "createServiceBindings current_asg_dynamic")["context"]["serverGroupName"],
        "hello-web-v001"
    );
    assert_eq!(bound_to(&world, "hello-web-v001"), ["orders-db"]);
    let restaged = world.app("hello-web-v001").unwrap();
    assert_ne!(
        restaged["droplet"], droplet_before,
        "restaged into a new droplet"
    );
    assert_eq!(restaged["state"], "STARTED");
    assert_eq!(
        summary(&world.clusters("hello").await)[1],
        "hello-web-v001 enabled 2/2"
    );

    let unbind = target_stage(
        "deleteServiceBindings",
        "current_asg_dynamic",
        json!({"serviceUnbindingRequests": [{"serviceInstanceName": "orders-db"}],
            "restartRequired": true}),
    );
    let execution = world.run(vec![unbind], 0).await;
    let tasks: Vec<&str> = stage(&execution, "deleteServiceBindings current_asg_dynamic")["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|task| task["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        tasks,
        [
            "determineTargetServerGroup",
            "deleteServiceBindings",
            "monitorTask",
            "restartServerGroup",
            "waitForRestart"
        ]
    );
    assert!(bound_to(&world, "hello-web-v001").is_empty());
    let restarts = world
        .requests()
        .iter()
        .filter(|line| line.ends_with("/actions/restart"))
        .count();
    assert!(restarts >= 1, "never restarted");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_traffic_guard_refuses_to_take_the_last_serving_group_away_and_touches_nothing() {
    let world = CfWorld::start_with("prod-cf", &crate::cf_world::quick_config(), GUARD);
    two_versions(&world, PROD).await;
    world.sim.clear_requests();
    let outcome = world
        .run(
            vec![target_stage(
                "disableServerGroup",
                "current_asg_dynamic",
                json!({}),
            )],
            1,
        )
        .await;
    let text = outcome.to_string();
    assert!(text.contains("traffic guards"), "{text}");
    let changes: Vec<String> = world
        .requests()
        .into_iter()
        .filter(|line| !line.starts_with("GET"))
        .collect();
    assert!(changes.is_empty(), "nothing may change: {changes:#?}");

    // The stopped one may go; the one-off command is guarded too.
    world
        .run(
            vec![target_stage(
                "destroyServerGroup",
                "ancestor_asg_dynamic",
                json!({}),
            )],
            0,
        )
        .await;
    let refused = world
        .gennaker(&[
            "server-group",
            "destroy",
            "hello-web-v001",
            "--account",
            "prod-cf",
            "--region",
            PROD,
            "--yes",
        ])
        .await
        .code(1);
    assert!(
        refused.stderr.contains("traffic guards"),
        "{}",
        refused.stderr
    );
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v001 enabled 2/2"]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_group_commands_show_resize_disable_enable_and_destroy() {
    let world = CfWorld::start("prod-cf");
    two_versions(&world, PROD).await;
    let world = &world;
    let call = |args: Vec<&'static str>| async move {
        let mut all: Vec<&str> = vec!["server-group"];
        all.extend(args);
        all.extend(["--account", "prod-cf", "--region", PROD]);
        world.gennaker(&all).await
    };
    let shown = call(vec!["show", "hello-web-v001", "--output", "json"])
        .await
        .code(0)
        .json();
    assert_eq!(shown["serverGroup"], "hello-web-v001");
    assert_eq!(shown["region"], PROD);
    call(vec!["resize", "hello-web-v001", "--desired", "3"])
        .await
        .code(0);
    call(vec!["enable", "hello-web-v000"]).await.code(0);
    call(vec!["disable", "hello-web-v001"]).await.code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v000 enabled 2/2", "hello-web-v001 disabled 0/3"]
    );
    call(vec!["destroy", "hello-web-v001", "--yes"])
        .await
        .code(0);
    assert_eq!(
        summary(&world.clusters("hello").await),
        ["hello-web-v000 enabled 2/2"]
    );
    let missing = call(vec!["show", "hello-web-v009"]).await.code(2);
    assert!(
        missing.stderr.contains("hello-web-v009"),
        "{}",
        missing.stderr
    );
}
