//! `deploy` with `cloudProvider: "cloudfoundry"` through the binary against a simulated
//! foundation: docker images with `manifest.direct`, strategies, failures, and what the
//! global view shows.

use serde_json::json;

use gennaker::testing_cf::{AppSelector, CloudFoundryFaults};

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
