//! The call sequences of targets.md Part 7: docker deploy (7.1), bits deploy (7.2) and the
//! red/black disable of an old server group (7.3), step by step over HTTP.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use crate::sim_cf_support::{Cf, Reply};

/// The smallest valid zip archive: an empty end-of-central-directory record.
const EMPTY_ZIP: &[u8] = b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

async fn upload(cf: &Cf, package: &str, bits: &[u8]) -> Reply {
    let form = Form::new()
        .part(
            "bits",
            Part::bytes(bits.to_vec())
                .file_name("package.zip")
                .mime_str("application/zip")
                .unwrap(),
        )
        .text("resources", "[]");
    let response = cf
        .http
        .post(cf.url(&format!("/v3/packages/{package}/upload")))
        .bearer_auth(&cf.token)
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    Reply {
        status,
        headers: reqwest::header::HeaderMap::new(),
        body,
    }
}

/// Steps 12–13: find the domain, find or create the route, map it to the app.
async fn map_route(cf: &Cf, space: &str, host: &str, app: &str) -> String {
    let domain = cf.domain_guid().await;
    let existing = cf
        .get(&format!(
            "/v3/routes?hosts={host}&domain_guids={domain}&paths=&space_guids={space}"
        ))
        .await;
    let route = if let Some(guid) = existing.body["resources"][0]["guid"].as_str() {
        guid.to_owned()
    } else {
        {
            let created = cf
                .post("/v3/routes", json!({"host": host, "relationships": {"domain": {"data": {"guid": domain}}, "space": {"data": {"guid": space}}}}))
                .await;
            assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
            assert_eq!(created.body["url"], format!("{host}.apps.sandbox.local"));
            created.guid()
        }
    };
    let mapped = cf
        .post(
            &format!("/v3/routes/{route}/destinations"),
            json!({"destinations": [{"app": {"guid": app}}]}),
        )
        .await;
    assert_eq!(mapped.status, StatusCode::OK, "{:?}", mapped.body);
    route
}

#[tokio::test]
#[expect(
    clippy::too_many_lines,
    reason = "one test walks the documented call sequence in order"
)]
async fn docker_deploy_call_sequence() {
    let cf = Cf::start().await;
    // 1–4: discovery, login (done by the harness), org and space.
    let root: Value = cf
        .http
        .get(cf.url("/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(root["links"]["login"]["href"], cf.sim.uaa_url());
    let space = cf.space_guid("sandbox", "prod").await;
    // 5: existing server groups.
    let existing = cf
        .get(&format!("/v3/apps?space_guids={space}&per_page=5000"))
        .await;
    assert_eq!(existing.body["pagination"]["total_results"], 0);
    // 6: the app.
    let created = cf
        .post(
            "/v3/apps",
            json!({
                "name": "shop-prod-v000",
                "relationships": {"space": {"data": {"guid": space}}},
                "lifecycle": {"type": "docker", "data": {}},
                "environment_variables": {"__SPINNAKER_PIPELINE_ID": "p-1"},
                "metadata": {"labels": {"spinnaker-cluster": "shop-prod"}}
            }),
        )
        .await;
    let app = created.guid();
    // 7: the docker package, READY at once (but polled as clients do).
    let package = cf
        .post(
            "/v3/packages",
            json!({"type": "docker", "relationships": {"app": {"data": {"guid": app}}}, "data": {"image": "nginx:1.25", "username": "bot", "password": "s3cret"}}),
        )
        .await;
    assert_eq!(package.status, StatusCode::CREATED);
    assert_eq!(package.body["data"]["password"], "***");
    let package = package.guid();
    assert_eq!(
        cf.get(&format!("/v3/packages/{package}")).await.body["state"],
        "READY"
    );
    // 9: stage.
    let build = cf
        .post(
            "/v3/builds",
            json!({"package": {"guid": package}, "staging_memory_in_mb": 512}),
        )
        .await;
    assert_eq!(build.status, StatusCode::CREATED);
    assert_eq!(build.body["state"], "STAGING");
    assert_eq!(build.body["droplet"], Value::Null);
    assert_eq!(build.body["created_by"]["name"], "admin");
    let build = build.guid();
    assert_eq!(
        cf.get(&format!("/v3/builds/{build}")).await.body["state"],
        "STAGING"
    );
    cf.advance(2000);
    let staged = cf.get(&format!("/v3/builds/{build}")).await;
    assert_eq!(staged.body["state"], "STAGED");
    let droplet = staged.body["droplet"]["guid"].as_str().unwrap().to_owned();
    assert_eq!(
        cf.get(&format!("/v3/droplets/{droplet}")).await.body["image"],
        "nginx:1.25"
    );
    // 10: current droplet.
    let set = cf
        .patch(
            &format!("/v3/apps/{app}/relationships/current_droplet"),
            json!({"data": {"guid": droplet}}),
        )
        .await;
    assert_eq!(set.body["data"]["guid"], droplet.as_str());
    // 11–12: process settings and scale, addressed by the app guid.
    let process = cf
        .patch(&format!("/v3/processes/{app}"), json!({"command": null, "health_check": {"type": "http", "data": {"endpoint": "/health", "timeout": 180}}}))
        .await;
    assert_eq!(process.status, StatusCode::OK);
    let scaled = cf
        .post(
            &format!("/v3/processes/{app}/actions/scale"),
            json!({"instances": 2, "memory_in_mb": 256, "disk_in_mb": 512}),
        )
        .await;
    assert_eq!(scaled.status, StatusCode::ACCEPTED);
    // 13: routes.
    let route = map_route(&cf, &space, "shop", &app).await;
    // 14: start.
    let started = cf
        .post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    assert_eq!(started.body["state"], "STARTED");
    // 15: wait for every instance.
    assert_eq!(cf.instance_states(&app).await, ["STARTING", "STARTING"]);
    cf.advance(1500);
    assert_eq!(cf.instance_states(&app).await, ["RUNNING", "RUNNING"]);
    let stats = cf.get(&format!("/v3/processes/{app}/stats")).await;
    assert_eq!(stats.body["resources"][0]["routable"], true);
    assert_eq!(stats.body["resources"][0]["mem_quota"], 256 * 1024 * 1024);
    let routes = cf.get(&format!("/v3/apps/{app}/routes")).await;
    assert_eq!(routes.body["resources"][0]["guid"], route.as_str());

    // The simulator saw exactly what the client sent.
    let requests = cf.sim.requests();
    let scale = requests
        .iter()
        .find(|request| request.path.ends_with("/actions/scale"))
        .unwrap();
    assert_eq!(
        scale.body,
        Some(json!({"instances": 2, "memory_in_mb": 256, "disk_in_mb": 512}))
    );
    assert_eq!(scale.status, 202);
    assert!(
        requests
            .iter()
            .any(|request| request.listener == "uaa" && request.path == "/oauth/token")
    );
    let snapshot = cf.sim.snapshot();
    assert_eq!(snapshot["apps"][0]["name"], "shop-prod-v000");
    assert_eq!(
        snapshot["routes"][0]["destinations"][0]["app_guid"],
        app.as_str()
    );
}

#[tokio::test]
async fn bits_deploy_call_sequence() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf.create_app("java-dev-v001", &space, json!({"type": "buildpack", "data": {"buildpacks": ["java_buildpack"], "stack": "cflinuxfs4"}})).await;
    let package = cf
        .post(
            "/v3/packages",
            json!({"type": "bits", "relationships": {"app": {"data": {"guid": app}}}}),
        )
        .await;
    assert_eq!(package.body["state"], "AWAITING_UPLOAD");
    assert_eq!(package.body["data"]["checksum"]["value"], Value::Null);
    assert_eq!(package.body["links"]["upload"]["method"], "POST");
    let package = package.guid();
    let early_build = cf
        .post("/v3/builds", json!({"package": {"guid": package}}))
        .await;
    assert_eq!(early_build.status, StatusCode::UNPROCESSABLE_ENTITY);

    let matches = cf
        .post("/v3/resource_matches", json!({"resources": [{"path": "app.jar", "size_in_bytes": 10, "checksum": {"value": "abc"}, "mode": "644"}]}))
        .await;
    assert_eq!(matches.status, StatusCode::CREATED);
    assert_eq!(matches.body["resources"], json!([]));
    let uploaded = upload(&cf, &package, EMPTY_ZIP).await;
    assert_eq!(uploaded.status, StatusCode::OK, "{:?}", uploaded.body);
    assert_eq!(uploaded.body["state"], "PROCESSING_UPLOAD");
    cf.advance(500);
    let ready = cf.get(&format!("/v3/packages/{package}")).await;
    assert_eq!(ready.body["state"], "READY");
    assert_eq!(ready.body["data"]["checksum"]["type"], "sha256");
    assert_eq!(
        ready.body["data"]["checksum"]["value"]
            .as_str()
            .unwrap()
            .len(),
        64
    );

    let build = cf
        .post("/v3/builds", json!({"package": {"guid": package}}))
        .await
        .guid();
    let second = cf
        .post("/v3/builds", json!({"package": {"guid": package}}))
        .await;
    assert_eq!(second.error(), (170_017, "CF-StagingInProgress".to_owned()));
    cf.advance(2000);
    let staged = cf.get(&format!("/v3/builds/{build}")).await;
    assert_eq!(staged.body["state"], "STAGED");
    let droplet = cf
        .get(&format!(
            "/v3/droplets/{}",
            staged.body["droplet"]["guid"].as_str().unwrap()
        ))
        .await;
    assert_eq!(droplet.body["buildpacks"][0]["name"], "java_buildpack");
    assert_eq!(droplet.body["stack"], "cflinuxfs4");
    assert_eq!(droplet.body["process_types"]["web"], "./bin/start");

    cf.patch(
        &format!("/v3/apps/{app}/relationships/current_droplet"),
        json!({"data": {"guid": droplet.guid()}}),
    )
    .await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    cf.advance(1500);
    assert_eq!(cf.instance_states(&app).await, ["RUNNING"]);
}

#[tokio::test]
async fn uploading_something_that_is_not_a_zip_fails_the_package() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("broken", &space, json!({"type": "buildpack", "data": {}}))
        .await;
    let package = cf
        .post(
            "/v3/packages",
            json!({"type": "bits", "relationships": {"app": {"data": {"guid": app}}}}),
        )
        .await
        .guid();
    assert_eq!(
        upload(&cf, &package, b"not a zip").await.body["state"],
        "PROCESSING_UPLOAD"
    );
    cf.advance(500);
    let failed = cf.get(&format!("/v3/packages/{package}")).await;
    assert_eq!(failed.body["state"], "FAILED");
    assert!(
        failed.body["data"]["error"]
            .as_str()
            .unwrap()
            .contains("zip")
    );
    let again = upload(&cf, &package, EMPTY_ZIP).await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn red_black_disable_unmaps_and_stops_the_old_server_group() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "prod").await;
    let (old, _) = cf
        .staged_docker_app("shop-prod-v001", &space, "shop:1")
        .await;
    let (new, _) = cf
        .staged_docker_app("shop-prod-v002", &space, "shop:2")
        .await;
    for app in [&old, &new] {
        map_route(&cf, &space, "shop", app).await;
        cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
            .await;
    }
    cf.advance(1500);
    // 1: find the old app.
    let found = cf
        .get(&format!(
            "/v3/apps?names=shop-prod-v001&space_guids={space}"
        ))
        .await;
    assert_eq!(found.body["resources"][0]["guid"], old.as_str());
    // 2: unmap its destinations.
    let routes = cf.get(&format!("/v3/apps/{old}/routes")).await;
    let route = routes.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let destinations = cf.get(&format!("/v3/routes/{route}/destinations")).await;
    assert_eq!(
        destinations.body["destinations"].as_array().unwrap().len(),
        2
    );
    let old_destination = destinations.body["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|destination| destination["app"]["guid"] == old.as_str())
        .unwrap()["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let removed = cf
        .delete(&format!(
            "/v3/routes/{route}/destinations/{old_destination}"
        ))
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    let remaining = cf.get(&format!("/v3/routes/{route}/destinations")).await;
    assert_eq!(
        remaining.body["destinations"][0]["app"]["guid"],
        new.as_str()
    );
    // 3–4: stop and see DOWN.
    let stopped = cf
        .post(&format!("/v3/apps/{old}/actions/stop"), json!({}))
        .await;
    assert_eq!(stopped.body["state"], "STOPPED");
    assert_eq!(cf.instance_states(&old).await, ["DOWN"]);
    assert_eq!(cf.instance_states(&new).await, ["RUNNING"]);
    // 5: scale down, then destroy.
    assert_eq!(
        cf.post(
            &format!("/v3/processes/{old}/actions/scale"),
            json!({"instances": 0})
        )
        .await
        .status,
        StatusCode::ACCEPTED
    );
    assert!(cf.instance_states(&old).await.is_empty());
    let deleted = cf.delete(&format!("/v3/apps/{old}")).await;
    assert_eq!(
        cf.finish_job(&deleted.header("location")).await["state"],
        "COMPLETE"
    );
    let after = cf.get(&format!("/v3/routes/{route}/destinations")).await;
    assert_eq!(after.body["destinations"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn routes_are_unique_and_deleted_through_a_job() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let domain = cf.domain_guid().await;
    let body = json!({"host": "api", "path": "/v1", "relationships": {"domain": {"data": {"guid": domain}}, "space": {"data": {"guid": space}}}});
    let route = cf.post("/v3/routes", body.clone()).await;
    assert_eq!(route.body["url"], "api.apps.sandbox.local/v1");
    let clash = cf.post("/v3/routes", body).await;
    assert_eq!(clash.error(), (10008, "CF-UnprocessableEntity".to_owned()));
    let found = cf
        .get(&format!(
            "/v3/routes?hosts=api&paths=/v1&domain_guids={domain}"
        ))
        .await;
    assert_eq!(found.body["pagination"]["total_results"], 1);
    let deleted = cf.delete(&format!("/v3/routes/{}", route.guid())).await;
    assert_eq!(deleted.status, StatusCode::ACCEPTED);
    assert_eq!(
        cf.finish_job(&deleted.header("location")).await["operation"],
        "route.delete"
    );
    assert_eq!(
        cf.get(&format!("/v3/routes/{}", route.guid())).await.status,
        StatusCode::NOT_FOUND
    );
}
