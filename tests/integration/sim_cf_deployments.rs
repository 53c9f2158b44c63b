//! Rolling deployments: progress step by step, replace the web process, block scaling while
//! in flight, stall on a crashing droplet, and cancel back to the previous droplet.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

/// Stages another docker image for an existing app and returns the droplet guid.
async fn stage(cf: &Cf, app: &str, image: &str) -> String {
    let package = cf
        .post("/v3/packages", json!({"type": "docker", "relationships": {"app": {"data": {"guid": app}}}, "data": {"image": image}}))
        .await
        .guid();
    let build = cf
        .post("/v3/builds", json!({"package": {"guid": package}}))
        .await
        .guid();
    cf.advance(2000);
    cf.get(&format!("/v3/builds/{build}")).await.body["droplet"]["guid"]
        .as_str()
        .expect("staged")
        .to_owned()
}

/// A started app with three RUNNING instances.
async fn running_app(cf: &Cf) -> String {
    let space = cf.space_guid("sandbox", "prod").await;
    let (app, _) = cf
        .staged_docker_app("rolling-prod-v000", &space, "shop:1")
        .await;
    cf.post(
        &format!("/v3/processes/{app}/actions/scale"),
        json!({"instances": 3}),
    )
    .await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    cf.advance(1500);
    assert_eq!(
        cf.instance_states(&app).await,
        ["RUNNING", "RUNNING", "RUNNING"]
    );
    app
}

async fn web_processes(cf: &Cf, app: &str) -> Vec<(String, String, u64)> {
    let listed = cf.get(&format!("/v3/apps/{app}/processes")).await;
    listed.body["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|process| {
            (
                process["guid"].as_str().unwrap().to_owned(),
                process["type"].as_str().unwrap().to_owned(),
                process["instances"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn deployment_body(app: &str, droplet: &str) -> Value {
    json!({"droplet": {"guid": droplet}, "strategy": "rolling", "options": {"max_in_flight": 1}, "relationships": {"app": {"data": {"guid": app}}}})
}

#[tokio::test]
async fn a_rolling_deployment_replaces_instances_one_at_a_time() {
    let cf = Cf::start().await;
    let app = running_app(&cf).await;
    let droplet = stage(&cf, &app, "shop:2").await;
    let created = cf
        .post("/v3/deployments", deployment_body(&app, &droplet))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["status"]["value"], "ACTIVE");
    assert_eq!(created.body["status"]["reason"], "DEPLOYING");
    let deployment = created.guid();
    let new_process = created.body["new_processes"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(
        new_process, app,
        "a deployment creates a web process with a new guid"
    );

    let blocked = cf
        .post(
            &format!("/v3/processes/{app}/actions/scale"),
            json!({"instances": 5}),
        )
        .await;
    assert_eq!(
        blocked.error(),
        (390_016, "CF-ScaleDisabledDuringDeployment".to_owned())
    );

    cf.advance(1500);
    let midway = web_processes(&cf, &app).await;
    assert!(
        midway.contains(&(app.clone(), "web".to_owned(), 2)),
        "{midway:?}"
    );
    assert!(
        midway
            .iter()
            .any(|(guid, _, instances)| *guid == new_process && *instances == 2),
        "{midway:?}"
    );
    assert_eq!(
        cf.get(&format!("/v3/deployments/{deployment}")).await.body["status"]["value"],
        "ACTIVE"
    );

    cf.advance(3000);
    let finished = cf.get(&format!("/v3/deployments/{deployment}")).await;
    assert_eq!(finished.body["status"]["value"], "FINALIZED");
    assert_eq!(finished.body["status"]["reason"], "DEPLOYED");
    assert_eq!(
        web_processes(&cf, &app).await,
        [(new_process.clone(), "web".to_owned(), 3)]
    );
    assert_eq!(
        cf.instance_states(&new_process).await,
        ["RUNNING", "RUNNING", "RUNNING"]
    );
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}/droplets/current"))
            .await
            .guid(),
        droplet
    );
    assert_eq!(
        cf.get(&format!("/v3/processes/{app}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_crashing_droplet_never_finishes_and_canceling_restores_the_old_version() {
    let cf = Cf::start().await;
    let app = running_app(&cf).await;
    let previous = cf
        .get(&format!("/v3/apps/{app}/droplets/current"))
        .await
        .guid();
    let bad = stage(&cf, &app, "shop:crash-on-boot").await;
    let deployment = cf
        .post("/v3/deployments", deployment_body(&app, &bad))
        .await
        .guid();
    cf.advance(60_000);
    let stuck = cf.get(&format!("/v3/deployments/{deployment}")).await;
    assert_eq!(stuck.body["status"]["reason"], "DEPLOYING");
    let new_process = stuck.body["new_processes"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(cf.instance_states(&new_process).await.len(), 1);
    assert_ne!(cf.instance_states(&new_process).await, ["RUNNING"]);
    assert_eq!(
        cf.instance_states(&app).await,
        ["RUNNING", "RUNNING", "RUNNING"],
        "the old version keeps running its own droplet"
    );
    let canceled = cf
        .post(
            &format!("/v3/deployments/{deployment}/actions/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(canceled.status, StatusCode::OK);
    assert_eq!(canceled.body["status"]["reason"], "CANCELED");
    assert_eq!(
        web_processes(&cf, &app).await,
        [(app.clone(), "web".to_owned(), 3)]
    );
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}/droplets/current"))
            .await
            .guid(),
        previous
    );
    let again = cf
        .post(
            &format!("/v3/deployments/{deployment}/actions/cancel"),
            json!({}),
        )
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn deploying_a_stopped_app_starts_it_at_once() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, droplet) = cf
        .staged_docker_app("cold-dev-v000", &space, "shop:1")
        .await;
    let created = cf
        .post("/v3/deployments", deployment_body(&app, &droplet))
        .await;
    assert_eq!(created.body["status"]["reason"], "DEPLOYED");
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}")).await.body["state"],
        "STARTED"
    );
    let listed = cf
        .get(&format!(
            "/v3/deployments?app_guids={app}&status_values=FINALIZED"
        ))
        .await;
    assert_eq!(listed.body["pagination"]["total_results"], 1);
}

#[tokio::test]
async fn a_canary_deployment_pauses_after_each_step_until_continued() {
    let cf = Cf::start().await;
    let app = running_app(&cf).await;
    cf.post(
        &format!("/v3/processes/{app}/actions/scale"),
        json!({"instances": 4}),
    )
    .await;
    cf.advance(1500);
    let droplet = stage(&cf, &app, "shop:2").await;
    let mut body = deployment_body(&app, &droplet);
    body["strategy"] = json!("canary");
    body["options"]["canary"] =
        json!({"steps": [{"instance_weight": 25}, {"instance_weight": 50}]});
    let created = cf.post("/v3/deployments", body).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    assert_eq!(created.body["strategy"], "canary");
    let deployment = created.guid();
    let path = format!("/v3/deployments/{deployment}");
    let new_process = created.body["new_processes"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();

    cf.advance(1500);
    let paused = cf.get(&path).await;
    assert_eq!(paused.body["status"]["value"], "ACTIVE");
    assert_eq!(paused.body["status"]["reason"], "PAUSED");
    assert_eq!(
        paused.body["status"]["canary"]["steps"],
        json!({"current": 1, "total": 2})
    );
    assert!(paused.body["links"]["continue"]["href"].is_string());
    assert_eq!(cf.instance_states(&new_process).await, ["RUNNING"]);
    assert_eq!(
        cf.instance_states(&app).await.len(),
        4,
        "canary steps run beside the old instances"
    );
    cf.advance(60_000);
    assert_eq!(
        cf.get(&path).await.body["status"]["reason"],
        "PAUSED",
        "a paused canary waits"
    );

    let continued = cf
        .post(&format!("{path}/actions/continue"), json!({}))
        .await;
    assert_eq!(continued.status, StatusCode::OK);
    assert_eq!(continued.body["status"]["reason"], "DEPLOYING");
    cf.advance(1500);
    let second = cf.get(&path).await;
    assert_eq!(second.body["status"]["reason"], "PAUSED");
    assert_eq!(second.body["status"]["canary"]["steps"]["current"], 2);
    assert_eq!(cf.instance_states(&new_process).await.len(), 2);

    cf.post(&format!("{path}/actions/continue"), json!({}))
        .await;
    cf.advance(1500 * 4);
    let done = cf.get(&path).await;
    assert_eq!(done.body["status"]["reason"], "DEPLOYED");
    assert_eq!(
        cf.instance_states(&new_process).await,
        ["RUNNING", "RUNNING", "RUNNING", "RUNNING"]
    );
    let again = cf
        .post(&format!("{path}/actions/continue"), json!({}))
        .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unknown_strategies_and_revisions_are_refused() {
    let cf = Cf::start().await;
    let app = running_app(&cf).await;
    let mut body = deployment_body(&app, "");
    body["strategy"] = json!("blue-green");
    body.as_object_mut().unwrap().remove("droplet");
    assert_eq!(
        cf.post("/v3/deployments", body).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let revision =
        json!({"revision": {"guid": "r"}, "relationships": {"app": {"data": {"guid": app}}}});
    assert_eq!(
        cf.post("/v3/deployments", revision).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
