//! Apps: creation, lifecycles, environment variables, start/stop/restart, deletion as a job,
//! processes and their settings, and request validation.

use gennaker::testing_cf::CloudFoundryConfig;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

#[tokio::test]
async fn new_apps_are_stopped_with_a_web_process_sharing_their_guid() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let created = cf
        .post(
            "/v3/apps",
            json!({
                "name": "web-prod-v000",
                "relationships": {"space": {"data": {"guid": space}}},
                "lifecycle": {"type": "docker", "data": {}},
                "environment_variables": {"GREETING": "hello"},
                "metadata": {"labels": {"app": "web"}, "annotations": {"note": "x"}}
            }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["state"], "STOPPED");
    assert_eq!(
        created.body["lifecycle"],
        json!({"type": "docker", "data": {}})
    );
    assert_eq!(created.body["metadata"]["labels"]["app"], "web");
    let app = created.guid();
    assert!(
        created.body["links"]["self"]["href"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/v3/apps/{app}"))
    );
    let processes = cf.get(&format!("/v3/apps/{app}/processes")).await;
    assert_eq!(processes.body["resources"][0]["guid"], app.as_str());
    assert_eq!(processes.body["resources"][0]["type"], "web");
    assert_eq!(processes.body["resources"][0]["instances"], 1);
}

#[tokio::test]
async fn buildpack_is_the_default_lifecycle() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let created = cf
        .post(
            "/v3/apps",
            json!({"name": "bp", "relationships": {"space": {"data": {"guid": space}}}}),
        )
        .await;
    assert_eq!(created.body["lifecycle"]["type"], "buildpack");
    assert_eq!(created.body["lifecycle"]["data"]["stack"], "cflinuxfs4");
}

#[tokio::test]
async fn app_names_are_unique_per_space_ignoring_case() {
    let cf = Cf::start().await;
    let dev = cf.space_guid("sandbox", "dev").await;
    let prod = cf.space_guid("sandbox", "prod").await;
    cf.create_app("api", &dev, json!({"type": "docker", "data": {}}))
        .await;
    let clash = cf
        .post(
            "/v3/apps",
            json!({"name": "API", "relationships": {"space": {"data": {"guid": dev}}}}),
        )
        .await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(clash.error(), (10016, "CF-UniquenessError".to_owned()));
    cf.create_app("api", &prod, json!({"type": "docker", "data": {}}))
        .await;
}

#[tokio::test]
async fn malformed_bodies_are_parse_errors_and_bad_fields_are_unprocessable() {
    let cf = Cf::start().await;
    let garbage = cf
        .http
        .post(cf.url("/v3/apps"))
        .bearer_auth(&cf.token)
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
    let body: Value = garbage.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], 1001);
    assert_eq!(body["errors"][0]["title"], "CF-MessageParseError");
    let no_space = cf.post("/v3/apps", json!({"name": "x"})).await;
    assert_eq!(
        no_space.error(),
        (10008, "CF-UnprocessableEntity".to_owned())
    );
    let unknown_field = cf
        .post("/v3/apps", json!({"name": "x", "colour": "blue"}))
        .await;
    assert_eq!(unknown_field.status, StatusCode::UNPROCESSABLE_ENTITY);
    let missing_space = cf
        .post(
            "/v3/apps",
            json!({"name": "x", "relationships": {"space": {"data": {"guid": "missing"}}}}),
        )
        .await;
    assert_eq!(missing_space.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn docker_apps_need_the_diego_docker_feature_flag() {
    let cf = Cf::start_with(CloudFoundryConfig {
        docker_enabled: false,
        ..CloudFoundryConfig::manual_clock()
    })
    .await;
    let space = cf.space_guid("sandbox", "dev").await;
    let reply = cf
        .post("/v3/apps", json!({"name": "d", "relationships": {"space": {"data": {"guid": space}}}, "lifecycle": {"type": "docker", "data": {}}}))
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error(), (330_002, "CF-FeatureDisabled".to_owned()));
}

#[tokio::test]
async fn environment_variables_merge_and_null_deletes() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("env", &space, json!({"type": "docker", "data": {}}))
        .await;
    let path = format!("/v3/apps/{app}/environment_variables");
    cf.patch(&path, json!({"var": {"A": "1", "B": "2"}})).await;
    let merged = cf.patch(&path, json!({"var": {"A": null, "C": "3"}})).await;
    assert_eq!(merged.status, StatusCode::OK);
    assert_eq!(merged.body["var"], json!({"B": "2", "C": "3"}));
    assert_eq!(cf.get(&path).await.body["var"], json!({"B": "2", "C": "3"}));
    for forbidden in [
        json!({"var": {"VCAP_X": "1"}}),
        json!({"var": {"PORT": "8080"}}),
        json!({"var": {"N": 1}}),
    ] {
        assert_eq!(
            cf.patch(&path, forbidden).await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
}

#[tokio::test]
async fn starting_needs_a_current_droplet() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("bare", &space, json!({"type": "docker", "data": {}}))
        .await;
    let reply = cf
        .post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        reply.body["errors"][0]["detail"],
        "Assign a droplet before starting this app."
    );
}

#[tokio::test]
async fn stop_start_and_restart_move_instances_through_their_states() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf.staged_docker_app("cycle", &space, "nginx:1.25").await;
    assert_eq!(cf.instance_states(&app).await, ["DOWN"]);
    let started = cf
        .post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    assert_eq!(started.body["state"], "STARTED");
    assert_eq!(cf.instance_states(&app).await, ["STARTING"]);
    cf.advance(1500);
    assert_eq!(cf.instance_states(&app).await, ["RUNNING"]);
    cf.post(&format!("/v3/apps/{app}/actions/restart"), json!({}))
        .await;
    assert_eq!(cf.instance_states(&app).await, ["STARTING"]);
    let stopped = cf
        .post(&format!("/v3/apps/{app}/actions/stop"), json!({}))
        .await;
    assert_eq!(stopped.body["state"], "STOPPED");
    assert_eq!(cf.instance_states(&app).await, ["DOWN"]);
}

#[tokio::test]
async fn deleting_an_app_is_an_asynchronous_job() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf.staged_docker_app("doomed", &space, "nginx:1.25").await;
    let reply = cf.delete(&format!("/v3/apps/{app}")).await;
    assert_eq!(reply.status, StatusCode::ACCEPTED);
    let location = reply.header("location");
    assert!(
        location.starts_with(&format!("{}/v3/jobs/", cf.sim.api_url())),
        "{location}"
    );
    let job = cf.get(&location).await;
    assert_eq!(job.body["operation"], "app.delete");
    assert_eq!(job.body["state"], "PROCESSING");
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}")).await.status,
        StatusCode::OK
    );
    let finished = cf.finish_job(&location).await;
    assert_eq!(finished["state"], "COMPLETE");
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        cf.get(&format!("/v3/processes/{app}")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn process_updates_set_command_and_health_check() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("hc", &space, json!({"type": "docker", "data": {}}))
        .await;
    let updated = cf
        .patch(
            &format!("/v3/processes/{app}"),
            json!({"command": "bin/serve", "health_check": {"type": "http", "data": {"endpoint": "/health", "timeout": 180, "invocation_timeout": 5}}}),
        )
        .await;
    assert_eq!(updated.status, StatusCode::OK, "{:?}", updated.body);
    assert_eq!(updated.body["command"], "bin/serve");
    assert_eq!(updated.body["health_check"]["type"], "http");
    assert_eq!(updated.body["health_check"]["data"]["endpoint"], "/health");
    assert_eq!(updated.body["health_check"]["data"]["timeout"], 180);
    let bad = cf
        .patch(
            &format!("/v3/processes/{app}"),
            json!({"health_check": {"type": "port", "data": {"endpoint": "/x"}}}),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let by_type = cf.get(&format!("/v3/apps/{app}/processes/web")).await;
    assert_eq!(by_type.body["command"], "bin/serve");
    let listed = cf.get(&format!("/v3/processes?app_guids={app}")).await;
    assert_eq!(
        listed.body["resources"][0]["command"],
        "[PRIVATE DATA HIDDEN IN LISTS]"
    );
}

#[tokio::test]
async fn scaling_answers_202_and_changes_the_instance_count_live() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf.staged_docker_app("scaled", &space, "nginx:1.25").await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    cf.advance(1500);
    let scaled = cf
        .post(
            &format!("/v3/processes/{app}/actions/scale"),
            json!({"instances": 3, "memory_in_mb": 256, "disk_in_mb": 512}),
        )
        .await;
    assert_eq!(scaled.status, StatusCode::ACCEPTED);
    assert_eq!(scaled.body["instances"], 3);
    assert_eq!(scaled.body["memory_in_mb"], 256);
    assert_eq!(
        cf.instance_states(&app).await,
        ["RUNNING", "STARTING", "STARTING"]
    );
    let down = cf
        .post(
            &format!("/v3/apps/{app}/processes/web/actions/scale"),
            json!({"instances": 1}),
        )
        .await;
    assert_eq!(down.status, StatusCode::ACCEPTED);
    assert_eq!(cf.instance_states(&app).await, ["RUNNING"]);
}

#[tokio::test]
async fn absurd_instance_counts_are_refused() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("huge", &space, json!({"type": "docker", "data": {}}))
        .await;
    let reply = cf
        .post(
            &format!("/v3/processes/{app}/actions/scale"),
            json!({"instances": 4_000_000_000_u64}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let negative = cf
        .post(
            &format!("/v3/processes/{app}/actions/scale"),
            json!({"instances": -1}),
        )
        .await;
    assert_eq!(negative.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[test]
fn the_simulator_runs_without_an_async_caller_and_shuts_down_cleanly() {
    let sim =
        gennaker::testing_cf::CloudFoundrySimulator::start(&CloudFoundryConfig::default()).unwrap();
    let address = sim.api_url().trim_start_matches("http://").to_owned();
    assert!(std::net::TcpStream::connect(&address).is_ok());
    sim.shutdown();
    assert!(std::net::TcpStream::connect(&address).is_err());
}

#[tokio::test]
async fn include_space_organization_returns_each_related_resource_once() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    for name in ["one", "two"] {
        cf.create_app(name, &space, json!({"type": "docker", "data": {}}))
            .await;
    }
    let listed = cf.get("/v3/apps?include=space.organization").await;
    assert_eq!(listed.status, StatusCode::OK, "{:?}", listed.body);
    assert_eq!(
        listed.body["included"]["spaces"].as_array().unwrap().len(),
        1
    );
    assert_eq!(listed.body["included"]["spaces"][0]["name"], "dev");
    assert_eq!(
        listed.body["included"]["organizations"][0]["name"],
        "sandbox"
    );
    let app = listed.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let shown = cf.get(&format!("/v3/apps/{app}?include=space")).await;
    assert_eq!(shown.body["included"]["spaces"][0]["guid"], space.as_str());
    assert!(shown.body["included"].get("organizations").is_none());
    assert_eq!(
        cf.get("/v3/apps?include=droplet").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_refused_update_changes_nothing() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("steady", &space, json!({"type": "docker", "data": {}}))
        .await;
    let refused = cf
        .patch(
            &format!("/v3/apps/{app}"),
            json!({"name": "renamed", "metadata": {"labels": {"n": 1}}}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}")).await.body["name"],
        "steady"
    );
    let renamed = cf
        .patch(
            &format!("/v3/apps/{app}"),
            json!({"name": "renamed", "metadata": {"labels": {"n": "1"}}}),
        )
        .await;
    assert_eq!(renamed.body["name"], "renamed");
    assert_eq!(renamed.body["metadata"]["labels"]["n"], "1");
}

#[tokio::test]
async fn terminating_an_instance_restarts_it() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf.staged_docker_app("restartable", &space, "nginx:1").await;
    cf.post(
        &format!("/v3/processes/{app}/actions/scale"),
        json!({"instances": 2}),
    )
    .await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    cf.advance(1500);
    let terminated = cf.delete(&format!("/v3/processes/{app}/instances/1")).await;
    assert_eq!(terminated.status, StatusCode::NO_CONTENT);
    assert_eq!(cf.instance_states(&app).await, ["RUNNING", "STARTING"]);
    let by_type = cf
        .delete(&format!("/v3/apps/{app}/processes/web/instances/0"))
        .await;
    assert_eq!(by_type.status, StatusCode::NO_CONTENT);
    assert_eq!(cf.instance_states(&app).await, ["STARTING", "STARTING"]);
    assert_eq!(
        cf.delete(&format!("/v3/processes/{app}/instances/7"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_overview_shows_what_runs_where() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "prod").await;
    let (app, _) = cf
        .staged_docker_app("seen-prod-v003", &space, "nginx:1.25")
        .await;
    let domain = cf.domain_guid().await;
    let route = cf
        .post("/v3/routes", json!({"host": "seen", "relationships": {"domain": {"data": {"guid": domain}}, "space": {"data": {"guid": space}}}}))
        .await
        .guid();
    cf.post(
        &format!("/v3/routes/{route}/destinations"),
        json!({"destinations": [{"app": {"guid": app}}]}),
    )
    .await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    cf.advance(1500);
    let overview = cf.sim.overview();
    let seen = &overview["apps"][0];
    assert_eq!(seen["name"], "seen-prod-v003");
    assert_eq!(seen["organization"], "sandbox");
    assert_eq!(seen["space"], "prod");
    assert_eq!(seen["state"], "STARTED");
    assert_eq!(seen["image"], "nginx:1.25");
    assert_eq!(seen["processes"][0]["states"], json!(["RUNNING"]));
    assert_eq!(seen["routes"], json!(["seen.apps.sandbox.local"]));
    let over_http: Value = cf
        .http
        .get(cf.url("/_simulator/overview"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(over_http, overview);
}
