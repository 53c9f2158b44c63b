//! `deploy` with `cloudProvider: "cloudfoundry"` through the binary against a simulated
//! foundation: docker images with `manifest.direct`, strategies, failures, and what the
//! global view shows.

use serde_json::json;

use gennaker::testing_cf::{AppSelector, CloudFoundryFaults, HttpFaults, RateLimitConfig};

use crate::cf_world::{CfWorld, PROD, cf_cluster, deploy, summary};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn red_black_creates_the_next_version_and_stops_the_previous_one_keeping_its_routes() {
    let world = CfWorld::start("prod-cf");
    for tag in ["1.0", "1.1"] {
        let cluster = cf_cluster(
            "prod-cf",
            PROD,
            &format!("nginxdemos/hello:{tag}"),
            json!({}),
        );
        world.run(vec![deploy(&[cluster])], 0).await;
    }
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        ["hello-web-v000 disabled 0/2", "hello-web-v001 enabled 2/2"]
    );
    let newest = &groups[1];
    assert_eq!(newest["image"], "nginxdemos/hello:1.1");
    assert_eq!(newest["cluster"], "hello-web");
    assert_eq!(newest["account"], "prod-cf");
    assert_eq!(newest["region"], PROD);
    let keys: Vec<&String> = newest.as_object().unwrap().keys().collect();
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
    let old = world.app("hello-web-v000").expect("v000 is kept");
    assert_eq!(old["state"], "STOPPED");
    assert_eq!(
        world.routes_of("hello-web-v000"),
        ["hello.apps.sandbox.local"]
    );
    assert_eq!(
        world.routes_of("hello-web-v001"),
        ["hello.apps.sandbox.local"]
    );
    // The manifest's settings reached the app and its web process.
    let snapshot = world.sim.snapshot();
    let app = snapshot["apps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|app| app["name"] == "hello-web-v001")
        .unwrap();
    assert_eq!(app["environment_variables"]["GREETING"], "hi");
    let web = snapshot["processes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|process| process["app_guid"] == app["guid"] && process["kind"] == "web")
        .unwrap();
    assert_eq!(
        (&web["instances"], &web["memory_in_mb"], &web["disk_in_mb"]),
        (&json!(2), &json!(128), &json!(256))
    );
    assert_eq!(web["health_check"]["type"], "http", "{web:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crashing_version_fails_the_deploy_and_the_old_one_keeps_its_routes_and_instances() {
    let world = CfWorld::start("prod-cf");
    let good = cf_cluster("prod-cf", PROD, "nginxdemos/hello:1.0", json!({}));
    world.run(vec![deploy(&[good])], 0).await;
    world.set_faults(CloudFoundryFaults {
        crashing: vec![AppSelector::image_contains("hello:2.0")],
        ..CloudFoundryFaults::default()
    });
    world.sim.clear_requests();
    let bad = cf_cluster(
        "prod-cf",
        PROD,
        "nginxdemos/hello:2.0",
        json!({"rollback": {"onFailure": true}}),
    );
    let execution = world.run(vec![deploy(&[bad])], 1).await;
    assert_eq!(execution["status"], "TERMINAL");
    let groups = world.clusters("hello").await;
    // The crashing version was rolled back (destroyed); the old one never stopped serving.
    assert_eq!(summary(&groups), ["hello-web-v000 enabled 2/2"]);
    assert_eq!(
        world.routes_of("hello-web-v000"),
        ["hello.apps.sandbox.local"]
    );
    let old_guid = world.app("hello-web-v000").unwrap()["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let touched: Vec<String> = world
        .requests()
        .into_iter()
        .filter(|line| !line.starts_with("GET") && line.contains(&old_guid))
        .collect();
    assert!(
        touched.is_empty(),
        "the old version was changed: {touched:#?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn highlander_keeps_only_the_new_version() {
    let world = CfWorld::start("prod-cf");
    for tag in ["1.0", "1.1", "1.2"] {
        let cluster = cf_cluster(
            "prod-cf",
            PROD,
            &format!("nginxdemos/hello:{tag}"),
            json!({"strategy": "highlander", "capacity": {"min": 1, "max": 1, "desired": 1}}),
        );
        world.run(vec![deploy(&[cluster])], 0).await;
    }
    let groups = world.clusters("hello").await;
    assert_eq!(summary(&groups), ["hello-web-v002 enabled 1/1"]);
    assert!(world.app("hello-web-v001").is_none());
}

/// The instance counts the web process of `app` was scaled to, in order.
fn scaled_to(world: &CfWorld, app: &str) -> Vec<u64> {
    let guid = world.app(app).unwrap()["guid"].as_str().unwrap().to_owned();
    world
        .sim
        .requests()
        .iter()
        .filter(|request| request.method == "POST" && request.path.ends_with("/actions/scale"))
        .filter(|request| request.path.contains(&guid))
        .filter_map(|request| request.body.as_ref()?.get("instances")?.as_u64())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cf_rolling_red_black_grows_the_new_version_in_steps_then_stops_the_old_one() {
    let world = CfWorld::start("prod-cf");
    let rolling = |tag: &str| {
        cf_cluster(
            "prod-cf",
            PROD,
            &format!("nginxdemos/hello:{tag}"),
            json!({"strategy": "cfrollingredblack", "targetPercentages": [25, 50],
                   "capacity": {"min": 4, "max": 4, "desired": 4}}),
        )
    };
    world.run(vec![deploy(&[rolling("1.0")])], 0).await;
    world.run(vec![deploy(&[rolling("1.1")])], 0).await;
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        ["hello-web-v000 disabled 0/4", "hello-web-v001 enabled 4/4"]
    );
    // Created at 0, then 25%, 50% and the rest.
    assert_eq!(scaled_to(&world, "hello-web-v001"), [0, 1, 2, 4]);
}

/// Deploys v000 then v001 red/black and checks the result, and that no app was made twice.
async fn two_versions_despite_faults(world: &CfWorld) {
    for tag in ["1.0", "1.1"] {
        let cluster = cf_cluster(
            "prod-cf",
            PROD,
            &format!("nginxdemos/hello:{tag}"),
            json!({}),
        );
        world.run(vec![deploy(&[cluster])], 0).await;
    }
    world.set_faults(CloudFoundryFaults::default());
    let groups = world.clusters("hello").await;
    assert_eq!(
        summary(&groups),
        ["hello-web-v000 disabled 0/2", "hello-web-v001 enabled 2/2"]
    );
    assert_eq!(
        world.sim.overview()["apps"].as_array().unwrap().len(),
        2,
        "no app was created twice"
    );
}

fn statuses(world: &CfWorld) -> Vec<u16> {
    world
        .sim
        .requests()
        .iter()
        .map(|request| request.status)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_is_waited_out_as_retry_after_says() {
    let mut config = crate::cf_world::quick_config();
    config.rate_limit = Some(RateLimitConfig {
        general_limit: 25,
        reset_interval_ms: 1_000,
        unauthenticated_limit: 100,
    });
    let world = CfWorld::start_with("prod-cf", &config, "");
    two_versions_despite_faults(&world).await;
    assert!(statuses(&world).contains(&429), "never throttled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_on_reads_and_repeatable_writes_are_retried() {
    let world = CfWorld::start("prod-cf");
    // Every process call (stats, health check, scaling) may get a 503: reads and writes
    // that CF applies the same way however often they arrive.
    world.set_faults(CloudFoundryFaults {
        http: HttpFaults {
            server_error_rate: 0.25,
            path_prefix: "/v3/processes".to_owned(),
            ..HttpFaults::default()
        },
        ..CloudFoundryFaults::default()
    });
    two_versions_despite_faults(&world).await;
    assert!(
        statuses(&world).contains(&503),
        "no server error was injected"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_access_token_expiring_mid_pipeline_is_refreshed() {
    let mut config = crate::cf_world::quick_config();
    config.timing.access_token_validity_ms = 1_000;
    let world = CfWorld::start_with("prod-cf", &config, "");
    let wait = json!({"type": "wait", "name": "Outlive the token", "waitTime": 2});
    let first = cf_cluster("prod-cf", PROD, "nginxdemos/hello:1.0", json!({}));
    let second = cf_cluster("prod-cf", PROD, "nginxdemos/hello:1.1", json!({}));
    let mut second_deploy = deploy(&[second]);
    second_deploy["name"] = json!("Deploy again");
    world
        .run(vec![deploy(&[first]), wait, second_deploy], 0)
        .await;
    let logins = world
        .sim
        .requests()
        .iter()
        .filter(|request| request.listener == "uaa" && request.path == "/oauth/token")
        .count();
    assert!(
        logins >= 2,
        "the token was never renewed ({logins} token requests)"
    );
    let groups = world.clusters("hello").await;
    assert_eq!(summary(&groups)[1], "hello-web-v001 enabled 2/2");
}
