//! The client against hand-written stubs: login, retries, names, server group operations and
//! the event stream.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::Method;
use serde_json::{Map, Value, json};

use super::stub::{Stub, fixture, json, json_with, streamed, text};
use crate::providers::cloud::{CloudProvider, DeployRequest};
use crate::providers::dcos::DcosAuth;
use crate::providers::error::ErrorKind;
use crate::providers::model::Capacity;

fn password() -> DcosAuth {
    DcosAuth::Password {
        uid: "ops".to_owned(),
        password: "s3cret".to_owned(),
    }
}

fn marathon_info() -> Value {
    fixture("marathon_info.json")
}

#[tokio::test]
async fn logs_in_and_logs_in_again_once_after_a_401() {
    let logins = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&logins);
    let stub = Stub::start(move |seen| match seen.uri.as_str() {
        "/acs/api/v1/auth/login" => {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            json(200, &json!({"token": format!("t{n}")}))
        }
        // The first token has expired on the cluster's side.
        _ if seen.authorization.as_deref() == Some("token=t2") => json(200, &marathon_info()),
        _ => json(
            401,
            &json!({"title": "Unauthorized", "code": "ERR_INVALID_AUTH_TOKEN"}),
        ),
    })
    .await;
    let lines = stub.provider(password()).check().await.unwrap();
    assert_eq!(
        lines,
        [format!("east: Marathon 0.13.0-SNAPSHOT at {}", stub.url)]
    );
    let logins_seen = stub.calls(&Method::POST, "/acs/api/v1/auth/login");
    assert_eq!(logins_seen.len(), 2);
    assert_eq!(
        logins_seen[0].body,
        json!({"uid": "ops", "password": "s3cret"})
    );
    let reads: Vec<Option<String>> = stub
        .calls(&Method::GET, "/service/marathon/v2/info")
        .into_iter()
        .map(|seen| seen.authorization)
        .collect();
    assert_eq!(
        reads,
        [Some("token=t1".to_owned()), Some("token=t2".to_owned())]
    );
}

#[tokio::test]
async fn refused_credentials_are_an_auth_error_that_hides_the_password() {
    let stub = Stub::start(|seen| match seen.uri.as_str() {
        "/acs/api/v1/auth/login" => json(
            401,
            &json!({"title": "Unauthorized", "description": "The uid or password is invalid.",
                    "code": "ERR_INVALID_CREDENTIALS"}),
        ),
        _ => json(200, &marathon_info()),
    })
    .await;
    let error = stub.provider(password()).check().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert!(
        error.message.contains("The uid or password is invalid."),
        "{error}"
    );
    assert!(!error.message.contains("s3cret"));
}

#[tokio::test]
async fn service_accounts_log_in_with_a_token_signed_by_their_key() {
    let stub = Stub::start(|seen| match seen.uri.as_str() {
        "/acs/api/v1/auth/login" => {
            let public = super::stub::fixture_text("test_service_key.pub.pem");
            let key = jsonwebtoken::DecodingKey::from_rsa_pem(public.as_bytes()).unwrap();
            let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
            validation.set_required_spec_claims(&["exp"]);
            let token = seen.body["token"].as_str().unwrap_or_default();
            match jsonwebtoken::decode::<Value>(token, &key, &validation) {
                Ok(data)
                    if data.claims["uid"] == "spinnaker" && seen.body["uid"] == "spinnaker" =>
                {
                    json(200, &json!({"token": "service-token"}))
                }
                _ => json(401, &json!({"code": "ERR_INVALID_CREDENTIALS"})),
            }
        }
        _ if seen.authorization.as_deref() == Some("token=service-token") => {
            json(200, &marathon_info())
        }
        _ => json(401, &json!({})),
    })
    .await;
    let auth = DcosAuth::ServiceKey {
        uid: "spinnaker".to_owned(),
        private_key_pem: super::stub::fixture_text("test_service_key.pem"),
    };
    assert_eq!(stub.provider(auth).check().await.unwrap().len(), 1);
}

#[tokio::test]
async fn clusters_without_auth_get_no_header() {
    let stub = Stub::start(|_| json(200, &marathon_info())).await;
    stub.provider(DcosAuth::None).check().await.unwrap();
    assert_eq!(stub.seen().len(), 1);
    assert_eq!(stub.seen()[0].authorization, None);
}

#[tokio::test]
async fn reads_are_retried_through_503s() {
    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let stub = Stub::start(move |_| {
        if counter.fetch_add(1, Ordering::SeqCst) < 2 {
            json(503, &json!({"message": "leader election"}))
        } else {
            json(200, &marathon_info())
        }
    })
    .await;
    stub.provider(DcosAuth::None).check().await.unwrap();
    assert_eq!(stub.seen().len(), 3);
}

fn deploy_request(server_group: &str) -> DeployRequest {
    let description = json!({
        "docker": {"image": {"registry": "docker.io", "repository": "library/nginx", "tag": "1.25"}},
        "cpus": 0.1, "mem": 64
    });
    DeployRequest {
        region: "east_web".to_owned(),
        server_group: server_group.to_owned(),
        capacity: Capacity::exactly(2),
        description: description.as_object().unwrap().clone(),
    }
}

#[tokio::test]
async fn creating_posts_once_and_returns_the_deployment() {
    let stub = Stub::start(|seen| {
        let mut app = seen.body.clone();
        app["deployments"] = json!([{"id": "body-id"}]);
        json_with(
            201,
            &app,
            (
                "Marathon-Deployment-Id",
                "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43",
            ),
        )
    })
    .await;
    let details = stub
        .provider(DcosAuth::None)
        .create_server_group(&deploy_request("hello-v000"))
        .await
        .unwrap();
    let posts = stub.calls(&Method::POST, "/service/marathon/v2/apps");
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].body["id"], "/acct/web/hello-v000");
    assert_eq!(posts[0].body["instances"], 2);
    assert_eq!(
        posts[0].body["container"]["docker"]["image"],
        "docker.io/library/nginx:1.25"
    );
    let expected: Map<String, Value> = json!({
        "appId": "/acct/web/hello-v000",
        "deploymentId": "5ed4c0c5-9ff8-4a6f-a0cd-f57f59a34b43",
        "serverGroupName": "hello-v000",
        "region": "east/web",
        "dcosCluster": "east"
    })
    .as_object()
    .unwrap()
    .clone();
    assert_eq!(details, expected);
}

#[tokio::test]
async fn a_post_is_not_repeated_after_a_503_but_is_after_a_429() {
    let stub = Stub::start(|_| json(503, &json!({"message": "busy"}))).await;
    let error = stub
        .provider(DcosAuth::None)
        .create_server_group(&deploy_request("hello-v000"))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unreachable);
    assert_eq!(stub.seen().len(), 1);

    let count = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&count);
    let throttled = Stub::start(move |seen| {
        if counter.fetch_add(1, Ordering::SeqCst) == 0 {
            json_with(429, &json!({"message": "slow down"}), ("Retry-After", "0"))
        } else {
            json(201, &seen.body)
        }
    })
    .await;
    throttled
        .provider(DcosAuth::None)
        .create_server_group(&deploy_request("hello-v000"))
        .await
        .unwrap();
    assert_eq!(throttled.seen().len(), 2);
}

#[tokio::test]
async fn an_existing_app_is_a_conflict_naming_cluster_and_app() {
    let stub = Stub::start(|_| {
        json(
            409,
            &json!({"message": "An app with id [/acct/web/hello-v000] already exists."}),
        )
    })
    .await;
    let error = stub
        .provider(DcosAuth::None)
        .create_server_group(&deploy_request("hello-v000"))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Conflict);
    assert!(
        error.message.starts_with(
            "creating app `/acct/web/hello-v000` on DC/OS cluster `east`: An app with id"
        ),
        "{error}"
    );
}

fn listed_app(id: &str, instances: u32) -> Value {
    json!({
        "id": id, "instances": instances, "tasks": [], "deployments": [],
        "labels": {"GENNAKER_CREATED_AT": "1700000000000", "HAPROXY_GROUP": "external,internal"},
        "container": {"type": "DOCKER", "docker": {"image": "registry.example/team/hello:2"}},
        "versionInfo": {"lastConfigChangeAt": "2024-05-01T10:00:00.000Z"}
    })
}

#[tokio::test]
async fn server_groups_are_the_account_apps_of_the_application() {
    let stub = Stub::start(|_| {
        json(
            200,
            &json!({"apps": [
                listed_app("/acct/hello-v001", 2),
                listed_app("/acct/web/prod/hello-prod-v002", 0),
                listed_app("/acct/web/other-v001", 1),
                listed_app("/elsewhere/acct/hello-v003", 1),
                listed_app("/acct/Not_A_Marathon_Name", 1),
            ]}),
        )
    })
    .await;
    let provider = stub.provider(DcosAuth::None);
    let groups = provider.server_groups("hello", None).await.unwrap();
    let found: Vec<(&str, &str, bool)> = groups
        .iter()
        .map(|group| (group.region.as_str(), group.name.as_str(), group.enabled))
        .collect();
    assert_eq!(
        found,
        [
            ("east", "hello-v001", true),
            ("east/web/prod", "hello-prod-v002", false)
        ]
    );
    assert_eq!(groups[0].created_time, Some(1_700_000_000_000));
    assert_eq!(groups[0].load_balancers, ["external", "internal"]);
    assert_eq!(groups[0].image.as_ref().unwrap().details["tag"], "2");
    let list = &stub.seen()[0].uri;
    assert!(
        list.starts_with("/service/marathon/v2/apps?embed=apps.tasks&"),
        "{list}"
    );
    assert!(list.ends_with("&id=%2Facct%2F"), "{list}");
    // A region with a group keeps that group only, in either spelling.
    let in_group = provider
        .server_groups("hello", Some("east_web_prod"))
        .await
        .unwrap();
    assert_eq!(in_group.len(), 1);
    assert_eq!(in_group[0].name, "hello-prod-v002");
}

/// A stub Marathon holding one app, recording the changes asked of it.
async fn one_app(app: Value) -> Stub {
    Stub::start(move |seen| {
        let id = app["id"].as_str().unwrap();
        match (seen.method.as_str(), seen.uri.split('?').next().unwrap()) {
            ("GET", path) if path == format!("/service/marathon/v2/apps{id}") => {
                json(200, &json!({"app": app}))
            }
            ("PUT", _) => json(200, &json!({"version": "v2", "deploymentId": "d-put"})),
            _ => json(404, &json!({"message": "App does not exist"})),
        }
    })
    .await
}

#[tokio::test]
async fn disable_remembers_the_size_and_enable_restores_it() {
    let stub = one_app(listed_app("/acct/hello-v001", 3)).await;
    stub.provider(DcosAuth::None)
        .disable("east", "hello-v001")
        .await
        .unwrap();
    let puts = stub.calls(&Method::PUT, "/service/marathon/v2/apps/acct/hello-v001");
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0].body["instances"], 0);
    assert_eq!(puts[0].body["labels"]["GENNAKER_ENABLED_INSTANCES"], "3");
    assert_eq!(puts[0].body["labels"]["HAPROXY_GROUP"], "external,internal");
    assert!(!puts[0].uri.contains("force"), "{}", puts[0].uri);

    let mut disabled = listed_app("/acct/hello-v001", 0);
    disabled["labels"]["GENNAKER_ENABLED_INSTANCES"] = json!("3");
    let stub = one_app(disabled).await;
    stub.provider(DcosAuth::None)
        .enable("east", "hello-v001")
        .await
        .unwrap();
    let puts = stub.calls(&Method::PUT, "/service/marathon/v2/apps/acct/hello-v001");
    assert_eq!(puts[0].body, json!({"instances": 3}));
}

#[tokio::test]
async fn resize_puts_the_instances_of_an_existing_app_only() {
    let stub = one_app(listed_app("/acct/hello-v001", 1)).await;
    let provider = stub.provider(DcosAuth::None);
    provider
        .resize("east", "hello-v001", Capacity::exactly(4))
        .await
        .unwrap();
    let puts = stub.calls(&Method::PUT, "/service/marathon/v2/apps/acct/hello-v001");
    assert_eq!(puts[0].body, json!({"instances": 4}));
    // A PUT would create a missing app: it is looked for first.
    let error = provider
        .resize("east", "hello-v404", Capacity::exactly(4))
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert_eq!(
        stub.calls(&Method::PUT, "/service/marathon/v2/apps/acct/hello-v404")
            .len(),
        0
    );
}

#[tokio::test]
async fn stop_deployment_force_deletes_the_deployments_of_the_app() {
    let stub = Stub::start(|seen| match (seen.method.as_str(), seen.uri.as_str()) {
        ("GET", uri) if uri.starts_with("/service/marathon/v2/apps/acct/foo?") => {
            json(200, &json!({"app": listed_app("/acct/foo", 1)}))
        }
        ("GET", "/service/marathon/v2/deployments") => {
            let mut deployments = fixture("marathon_deployments.json");
            deployments[0]["affectedApps"] = json!(["/acct/foo"]);
            deployments
                .as_array_mut()
                .unwrap()
                .push(json!({"id": "other", "affectedApps": ["/acct/bar"]}));
            json(200, &deployments)
        }
        ("DELETE", _) => text(202, ""),
        _ => json(404, &json!({"message": "nothing here"})),
    })
    .await;
    let provider = stub.provider(DcosAuth::None);
    assert!(provider.stop_deployment("east", "foo").await.unwrap());
    let deletes: Vec<String> = stub
        .seen()
        .into_iter()
        .filter(|seen| seen.method == Method::DELETE)
        .map(|seen| seen.uri)
        .collect();
    assert_eq!(
        deletes,
        ["/service/marathon/v2/deployments/97c136bf-5a28-4821-9d94-480d9fbb01c8?force=true"]
    );
}

#[tokio::test]
async fn a_deleted_app_is_a_failed_deployment() {
    let stub = Stub::start(|seen| {
        if seen.uri.starts_with("/service/marathon/v2/apps?") {
            json(200, &json!({"apps": []}))
        } else {
            json(
                404,
                &json!({"message": "App '/acct/hello-v001' does not exist"}),
            )
        }
    })
    .await;
    let progress = stub
        .provider(DcosAuth::None)
        .deploy_progress("east", "hello-v001")
        .await
        .unwrap();
    assert!(
        matches!(progress, crate::providers::model::Progress::Failed(_)),
        "{progress:?}"
    );
}

#[tokio::test]
async fn an_event_about_the_app_ends_the_wait() {
    let stub = Stub::start(|seen| {
        if !seen.uri.starts_with("/service/marathon/v2/events") {
            return json(404, &json!({}));
        }
        let events = futures_util::stream::unfold(0, |step| async move {
            let chunk = match step {
                0 => "event: event_stream_attached\ndata: {\"eventType\":\"event_stream_attached\"}\n\n",
                1 => "event: status_update_event\ndata: {\"appId\":\"/acct/other-v001\",\"taskStatus\":\"TASK_RUNNING\"}\n\n",
                2 => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    "event: status_update_event\ndata: {\"appId\":\"/acct/hello-v001\",\"taskStatus\":\"TASK_RUNNING\"}\n\n"
                }
                _ => {
                    // Keep the stream open, as Marathon does.
                    std::future::pending::<()>().await;
                    return None;
                }
            };
            Some((Ok::<_, std::io::Error>(chunk), step + 1))
        });
        streamed(Body::from_stream(events), "text/event-stream")
    })
    .await;
    let provider = stub.provider(DcosAuth::None);
    let started = Instant::now();
    provider
        .wait_for_change("east", "hello-v001", Duration::from_secs(20))
        .await;
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    let opened = stub.calls(&Method::GET, "/service/marathon/v2/events");
    assert_eq!(opened.len(), 1);
    // Later waiters share the stream that is already open.
    let second = Instant::now();
    provider
        .wait_for_change("east", "hello-v001", Duration::from_millis(300))
        .await;
    assert!(second.elapsed() >= Duration::from_millis(300));
    assert_eq!(
        stub.calls(&Method::GET, "/service/marathon/v2/events")
            .len(),
        1
    );
}

#[tokio::test]
async fn without_an_event_stream_the_wait_is_a_sleep() {
    let stub = Stub::start(|_| text(405, "<html>method not allowed</html>")).await;
    let started = Instant::now();
    stub.provider(DcosAuth::None)
        .wait_for_change("east", "hello-v001", Duration::from_millis(400))
        .await;
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(400), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn a_server_group_is_found_in_any_group_and_destroyed_there() {
    let stub = Stub::start(|seen| match (seen.method.as_str(), seen.uri.as_str()) {
        ("GET", uri) if uri.starts_with("/service/marathon/v2/apps?") => json(
            200,
            &json!({"apps": [listed_app("/acct/web/hello-v001", 1), listed_app("/acct/hello-v002", 1)]}),
        ),
        ("GET", uri) if uri.starts_with("/service/marathon/v2/apps/acct/web/hello-v001?") => {
            json(200, &json!({"app": listed_app("/acct/web/hello-v001", 1)}))
        }
        ("DELETE", _) => json(200, &json!({"version": "v", "deploymentId": "d-del"})),
        _ => json(404, &json!({"message": "App does not exist"})),
    })
    .await;
    let provider = stub.provider(DcosAuth::None);
    assert_eq!(
        (provider.cloud_provider(), provider.account()),
        ("dcos", "acct")
    );
    assert!(
        provider
            .as_any()
            .downcast_ref::<crate::providers::dcos::DcosProvider>()
            .is_some()
    );
    // Named without its group, it is still found, and reported in its group.
    let group = provider
        .server_group("east", "hello-v001")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(group.region, "east/web");
    assert!(
        provider
            .server_group("east/api", "hello-v001")
            .await
            .unwrap()
            .is_none()
    );
    provider.destroy("east", "hello-v001").await.unwrap();
    provider.destroy("east", "hello-v404").await.unwrap();
    let deletes: Vec<String> = stub
        .seen()
        .into_iter()
        .filter(|seen| seen.method == Method::DELETE)
        .map(|seen| seen.uri)
        .collect();
    assert_eq!(deletes, ["/service/marathon/v2/apps/acct/web/hello-v001"]);
}
