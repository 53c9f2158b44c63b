//! No request makes the simulator fail: malformed bodies and wrong field types on every
//! writing endpoint get a 4xx Cloud Controller error body, never a 5xx or a dropped connection.

use reqwest::Method;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

/// Bodies of the wrong shape, and bodies whose usual fields have the wrong types.
fn hostile_bodies() -> Vec<Value> {
    vec![
        json!([]),
        json!("text"),
        json!(null),
        json!({"name": 5, "type": ["x"], "relationships": "nope", "metadata": {"labels": {"a": 1}}}),
        json!({"relationships": {"space": {"data": 7}}, "lifecycle": {"type": "docker", "data": {"x": 1}}}),
        json!({"data": "x", "destinations": [{"app": 1}], "var": {"A": [1]}}),
        json!({"instances": -5, "memory_in_mb": "lots", "health_check": {"type": "carrier-pigeon"}}),
        json!({"package": {"guid": 12}, "droplet": "x", "options": {"max_in_flight": 0}}),
        json!({"command": 42, "template": {"process": {"guid": null}}}),
        json!({"type": "managed", "name": "x", "relationships": {"space": {"data": {"guid": "missing"}}}}),
        json!({"type": "key", "relationships": {"service_instance": {"data": {"guid": "missing"}}}}),
        json!({"resources": "all"}),
    ]
}

#[tokio::test]
async fn hostile_requests_get_client_errors_never_server_errors() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, droplet) = cf
        .staged_docker_app("target-dev-v000", &space, "nginx:1")
        .await;
    let domain = cf.domain_guid().await;
    let route = cf
        .post("/v3/routes", json!({"host": "t", "relationships": {"domain": {"data": {"guid": domain}}, "space": {"data": {"guid": space}}}}))
        .await
        .guid();
    let endpoints: Vec<(Method, String)> = vec![
        (Method::POST, "/v3/apps".to_owned()),
        (Method::PATCH, format!("/v3/apps/{app}")),
        (
            Method::PATCH,
            format!("/v3/apps/{app}/environment_variables"),
        ),
        (
            Method::PATCH,
            format!("/v3/apps/{app}/relationships/current_droplet"),
        ),
        (Method::POST, format!("/v3/apps/{app}/tasks")),
        (Method::POST, "/v3/packages".to_owned()),
        (Method::POST, "/v3/builds".to_owned()),
        (Method::POST, format!("/v3/droplets?source_guid={droplet}")),
        (Method::PATCH, format!("/v3/processes/{app}")),
        (Method::POST, format!("/v3/processes/{app}/actions/scale")),
        (Method::POST, "/v3/routes".to_owned()),
        (Method::PATCH, format!("/v3/routes/{route}")),
        (Method::POST, format!("/v3/routes/{route}/destinations")),
        (Method::PATCH, format!("/v3/routes/{route}/destinations")),
        (Method::POST, "/v3/deployments".to_owned()),
        (Method::POST, "/v3/service_instances".to_owned()),
        (Method::POST, "/v3/service_credential_bindings".to_owned()),
        (Method::POST, "/v3/resource_matches".to_owned()),
        (Method::PUT, "/_simulator/faults".to_owned()),
    ];
    for (method, path) in &endpoints {
        for body in hostile_bodies() {
            let reply = cf.send(method.clone(), path, Some(body.clone())).await;
            assert!(
                reply.status.is_client_error(),
                "{method} {path} with {body} answered {}: {:?}",
                reply.status,
                reply.body
            );
            if !path.starts_with("/_simulator") {
                assert!(
                    reply.body["errors"][0]["code"].is_u64(),
                    "{method} {path} with {body}: {:?}",
                    reply.body
                );
            }
        }
    }
    let odd_queries = [
        "/v3/apps?page=99999999999999999999",
        "/v3/apps?label_selector=(((",
        "/v3/apps?names=%ZZ",
        "/v3/routes?hosts=",
    ];
    for path in odd_queries {
        let reply = cf.get(path).await;
        assert!(
            !reply.status.is_server_error(),
            "{path} answered {}",
            reply.status
        );
    }
    // The app survived all of it.
    assert_eq!(
        cf.get(&format!("/v3/apps/{app}")).await.body["name"],
        "target-dev-v000"
    );
}

#[tokio::test]
async fn framework_rejections_still_answer_with_cloud_controller_errors() {
    let cf = Cf::start().await;
    let reply = cf.get("/v3/apps/%FF%FE").await;
    assert!(reply.status.is_client_error(), "{}", reply.status);
    assert_eq!(
        reply.body["errors"][0]["title"], "CF-InvalidRequest",
        "{:?}",
        reply.body
    );
    let upload = cf
        .http
        .post(cf.url("/v3/packages/whatever/upload"))
        .bearer_auth(&cf.token)
        .header("content-type", "multipart/form-data")
        .body("no boundary")
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), reqwest::StatusCode::BAD_REQUEST);
    let body: Value = upload.json().await.unwrap();
    assert_eq!(body["errors"][0]["code"], 1001);
}

#[tokio::test]
async fn large_json_bodies_reach_the_handler_but_are_not_kept_in_the_log() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("big-env", &space, json!({"type": "docker", "data": {}}))
        .await;
    let large = "x".repeat(100 * 1024);
    let reply = cf
        .patch(
            &format!("/v3/apps/{app}/environment_variables"),
            json!({"var": {"BIG": large}}),
        )
        .await;
    assert_eq!(reply.status, reqwest::StatusCode::OK);
    assert_eq!(
        reply.body["var"]["BIG"].as_str().map(str::len),
        Some(100 * 1024)
    );
    let logged = cf
        .sim
        .requests()
        .into_iter()
        .find(|request| request.method == "PATCH")
        .unwrap();
    assert_eq!(logged.body, None);
}
