//! The client's behaviour against stubs: logging in and renewing tokens, following pages,
//! retrying only what is safe to repeat, and reading deploy progress.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use super::stub::{Answer, Seen, Stub, page, token};
use crate::providers::cloud::CloudProvider;
use crate::providers::error::ErrorKind;
use crate::providers::model::Progress;

/// Answers the lookups of region `org > dev` and the token grants; `None` for anything else.
fn foundation(seen: &Seen) -> Option<Answer> {
    match (seen.method.as_str(), seen.path.as_str()) {
        ("POST", "/oauth/token") => Some(token("t1", "r1")),
        ("GET", "/v3/organizations") => Some(page(json!([{"guid": "org-1", "name": "org"}]))),
        ("GET", "/v3/spaces") => Some(page(json!([{"guid": "space-1", "name": "dev",
            "relationships": {"organization": {"data": {"guid": "org-1"}}}}]))),
        _ => None,
    }
}

fn app(guid: &str, name: &str, state: &str, annotations: &Value) -> Value {
    json!({"guid": guid, "name": name, "state": state, "created_at": "2024-01-01T00:00:00Z",
           "lifecycle": {"type": "docker", "data": {}},
           "relationships": {"space": {"data": {"guid": "space-1"}}},
           "metadata": {"labels": {}, "annotations": annotations}})
}

fn stats(states: &[&str]) -> Answer {
    let resources: Vec<Value> = states
        .iter()
        .enumerate()
        .map(|(index, state)| json!({"type": "web", "index": index, "state": state}))
        .collect();
    Answer::ok(json!({"resources": resources}))
}

#[tokio::test]
async fn logs_in_with_the_cf_client_and_refreshes_after_a_401() {
    let stub = Stub::start(|seen, _| match seen.path.as_str() {
        "/oauth/token" if seen.body.contains("grant_type=refresh_token") => token("t2", "r2"),
        "/oauth/token" => token("t1", "r1"),
        "/v3/info" if seen.authorization.as_deref() == Some("bearer t2") => {
            Answer::ok(json!({"name": "stub", "build": "1", "version": 3}))
        }
        _ => Answer::cf_error(StatusCode::UNAUTHORIZED, 1000, "CF-InvalidAuthToken"),
    })
    .await;
    let lines = stub.provider().check().await.unwrap();
    assert!(lines[0].contains("logged in at"), "{lines:?}");
    let logins: Vec<Seen> = stub
        .seen()
        .into_iter()
        .filter(|seen| seen.path == "/oauth/token")
        .collect();
    assert_eq!(logins.len(), 2);
    // The password grant as the cf CLI sends it: Basic `cf:` and the form encoded.
    assert_eq!(logins[0].authorization.as_deref(), Some("Basic Y2Y6"));
    assert_eq!(
        logins[0].body,
        "grant_type=password&username=admin&password=p%40ss%20word"
    );
    assert_eq!(logins[1].body, "grant_type=refresh_token&refresh_token=r1");
    assert_eq!(stub.count(&Method::GET, "/v3/info"), 2);
}

#[tokio::test]
async fn a_refused_login_is_an_auth_error() {
    let stub = Stub::start(|seen, _| match seen.path.as_str() {
        "/oauth/token" => Answer::status(
            StatusCode::UNAUTHORIZED,
            json!({"error": "unauthorized", "error_description": "Bad credentials"}),
        ),
        _ => Answer::ok(json!({})),
    })
    .await;
    let error = stub.provider().check().await.unwrap_err();
    assert_eq!(error.kind, ErrorKind::Auth);
    assert!(error.message.contains("Bad credentials"), "{error}");
    assert!(!error.message.contains("p@ss"), "{error}");
}

#[tokio::test]
async fn server_groups_follow_every_page() {
    let stub = Stub::start(|seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        let path = seen.path.as_str();
        match path {
            "/v3/apps" if seen.query.contains("page=2") => {
                page(json!([app("g2", "hello-v001", "STARTED", &json!({}))]))
            }
            // The next link names the foundation's public host, not the stub's address.
            "/v3/apps" => Answer::ok(json!({
                "pagination": {"next": {"href": "https://api.example.org/v3/apps?space_guids=space-1&page=2"}},
                "resources": [app("g1", "hello-v000", "STOPPED", &json!({})),
                              app("g9", "other-v001", "STARTED", &json!({}))]})),
            _ if path.ends_with("/processes/web") => {
                Answer::ok(json!({"guid": path.split('/').nth(3), "type": "web", "instances": 2}))
            }
            _ if path.ends_with("/stats") => stats(&["RUNNING", "STARTING"]),
            _ if path.ends_with("/droplets/current") => {
                Answer::cf_error(StatusCode::NOT_FOUND, 10010, "CF-ResourceNotFound")
            }
            _ if path.ends_with("/routes") => {
                page(json!([{"guid": "r1", "url": "hello.apps.example.com"}]))
            }
            _ => Answer::cf_error(StatusCode::NOT_FOUND, 10000, "CF-NotFound"),
        }
    })
    .await;
    let groups = stub
        .provider()
        .server_groups("hello", Some("org > dev"))
        .await
        .unwrap();
    let names: Vec<_> = groups.iter().map(|group| group.name.as_str()).collect();
    assert_eq!(names, ["hello-v000", "hello-v001"]);
    let first = &groups[0];
    assert_eq!(first.region, "org > dev");
    assert!(!first.enabled);
    assert_eq!(first.capacity.desired, 2);
    assert_eq!((first.instances.up, first.instances.starting), (1, 1));
    assert_eq!(first.load_balancers, ["hello.apps.example.com"]);
    assert_eq!(first.created_time, Some(1_704_067_200_000));
    assert_eq!(first.native["guid"], "g1");
    assert_eq!(stub.count(&Method::GET, "/v3/apps"), 2);
}

#[tokio::test]
async fn reads_and_repeatable_writes_are_retried_on_5xx_and_creations_are_not() {
    let failures = Arc::new(AtomicUsize::new(0));
    let counter = failures.clone();
    let stub = Stub::start(move |seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        match (seen.method.as_str(), seen.path.as_str()) {
            ("GET", "/v3/info") if counter.fetch_add(1, Ordering::SeqCst) < 2 => Answer::cf_error(
                StatusCode::SERVICE_UNAVAILABLE,
                10015,
                "CF-ServiceUnavailable",
            ),
            ("GET", "/v3/info") => Answer::ok(json!({"name": "stub", "build": "1", "version": 3})),
            ("GET", "/v3/apps") => page(json!([app("g1", "hello-v000", "STARTED", &json!({}))])),
            _ => Answer::cf_error(StatusCode::BAD_GATEWAY, 10001, "CF-ServerError"),
        }
    })
    .await;
    let provider = stub.provider();
    provider.check().await.unwrap();
    assert_eq!(stub.count(&Method::GET, "/v3/info"), 3);
    let error = provider
        .disable("org > dev", "hello-v000")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Unreachable);
    assert_eq!(
        stub.count(&Method::POST, "/v3/apps/g1/actions/stop"),
        5,
        "stopping twice stops once"
    );
    let request = crate::providers::cloud::JobRequest {
        region: "org > dev".into(),
        description: json!({"serverGroupName": "hello-v000", "command": "migrate"})
            .as_object()
            .cloned()
            .unwrap(),
    };
    provider.run_job(&request).await.unwrap_err();
    assert_eq!(
        stub.count(&Method::POST, "/v3/apps/g1/tasks"),
        1,
        "a second task would run the job twice"
    );
    assert_eq!(failures.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn writes_are_retried_after_a_429_as_retry_after_says() {
    let limited = Arc::new(AtomicUsize::new(0));
    let stub = Stub::start(move |seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        match (seen.method.as_str(), seen.path.as_str()) {
            ("GET", "/v3/apps") => page(json!([app("g1", "hello-v000", "STOPPED", &json!({}))])),
            ("POST", "/v3/apps/g1/actions/start")
                if limited.fetch_add(1, Ordering::SeqCst) == 0 =>
            {
                Answer::cf_error(StatusCode::TOO_MANY_REQUESTS, 10013, "CF-RateLimitExceeded")
                    .header("retry-after", "1")
            }
            ("POST", "/v3/apps/g1/actions/start") => {
                Answer::ok(app("g1", "hello-v000", "STARTED", &json!({})))
            }
            _ => Answer::cf_error(StatusCode::NOT_FOUND, 10000, "CF-NotFound"),
        }
    })
    .await;
    let started = Instant::now();
    stub.provider()
        .enable("org > dev", "hello-v000")
        .await
        .unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
    assert_eq!(stub.count(&Method::POST, "/v3/apps/g1/actions/start"), 2);
}

#[tokio::test]
async fn regions_must_be_org_and_space() {
    let stub = Stub::start(|_, _| Answer::ok(json!({}))).await;
    let error = stub
        .provider()
        .server_group("dev", "hello-v000")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert!(error.message.contains("org > space"), "{error}");
    assert!(stub.seen().is_empty());
    let missing = Stub::start(|seen, _| match seen.path.as_str() {
        "/v3/spaces" => page(json!([])),
        _ => foundation(seen).unwrap_or_else(|| page(json!([]))),
    })
    .await;
    let error = missing
        .provider()
        .server_group("org > prod", "x")
        .await
        .unwrap_err();
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert_eq!(error.message, "space `org > prod` not found");
}

#[tokio::test]
async fn deploy_progress_counts_running_instances_and_fails_on_a_crash() {
    let polls = Arc::new(AtomicUsize::new(0));
    let stub = Stub::start(move |seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        match seen.path.as_str() {
            "/v3/apps" => page(json!([app("g1", "hello-v000", "STARTED", &json!({}))])),
            "/v3/apps/g1/droplets/current" => Answer::ok(json!({"guid": "d1", "state": "STAGED"})),
            "/v3/apps/g1/processes/web" => {
                Answer::ok(json!({"guid": "g1", "type": "web", "instances": 3}))
            }
            "/v3/processes/g1/stats" => match polls.fetch_add(1, Ordering::SeqCst) {
                0 => stats(&["RUNNING", "STARTING", "RUNNING"]),
                1 => stats(&["RUNNING", "RUNNING", "RUNNING"]),
                _ => stats(&["RUNNING", "CRASHED", "RUNNING"]),
            },
            _ => Answer::cf_error(StatusCode::NOT_FOUND, 10000, "CF-NotFound"),
        }
    })
    .await;
    let provider: Box<dyn CloudProvider> = Box::new(stub.provider());
    let progress = || provider.deploy_progress("org > dev", "hello-v000");
    assert_eq!(
        progress().await.unwrap(),
        Progress::Running("2/3 running".into())
    );
    assert_eq!(progress().await.unwrap(), Progress::Succeeded);
    let Progress::Failed(why) = progress().await.unwrap() else {
        panic!("a crashed instance must fail the deploy");
    };
    assert!(why.contains("instance 1 of `hello-v000` crashed"), "{why}");
}

#[tokio::test]
async fn deploy_progress_stages_sets_the_droplet_and_starts_once() {
    // The stub plays a foundation that moves on between polls: the package is ready, the
    // build stages, the droplet becomes current, the app starts.
    #[derive(Default)]
    struct State {
        build: Option<&'static str>,
        droplet: bool,
        started: bool,
        build_polls: usize,
    }
    let state = Arc::new(std::sync::Mutex::new(State::default()));
    let stub = Stub::start(move |seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        let mut state = state.lock().unwrap();
        match (seen.method.as_str(), seen.path.as_str()) {
            ("GET", "/v3/apps") => {
                let mut annotations =
                    json!({"gennaker.io/package": "p1", "gennaker.io/start": "true"});
                if let Some(build) = state.build {
                    annotations["gennaker.io/build"] = json!(build);
                }
                let running = if state.started { "STARTED" } else { "STOPPED" };
                page(json!([app("g1", "hello-v000", running, &annotations)]))
            }
            ("GET", "/v3/apps/g1/droplets/current") if state.droplet => {
                Answer::ok(json!({"guid": "d1", "state": "STAGED"}))
            }
            ("GET", "/v3/apps/g1/droplets/current") => {
                Answer::cf_error(StatusCode::NOT_FOUND, 10010, "CF-ResourceNotFound")
            }
            ("GET", "/v3/packages/p1") => {
                Answer::ok(json!({"guid": "p1", "type": "docker", "state": "READY"}))
            }
            ("POST", "/v3/builds") => Answer::status(
                StatusCode::CREATED,
                json!({"guid": "b1", "state": "STAGING", "droplet": null}),
            ),
            ("PATCH", "/v3/apps/g1") => {
                assert!(
                    seen.body.contains("\"gennaker.io/build\":\"b1\""),
                    "{}",
                    seen.body
                );
                state.build = Some("b1");
                Answer::ok(app("g1", "hello-v000", "STOPPED", &json!({})))
            }
            ("GET", "/v3/builds/b1") => {
                state.build_polls += 1;
                if state.build_polls == 1 {
                    Answer::ok(json!({"guid": "b1", "state": "STAGING", "droplet": null}))
                } else {
                    Answer::ok(json!({"guid": "b1", "state": "STAGED", "droplet": {"guid": "d1"}}))
                }
            }
            ("PATCH", "/v3/apps/g1/relationships/current_droplet") => {
                state.droplet = true;
                Answer::ok(json!({"data": {"guid": "d1"}}))
            }
            ("POST", "/v3/apps/g1/actions/start") => {
                state.started = true;
                Answer::ok(app("g1", "hello-v000", "STARTED", &json!({})))
            }
            ("GET", "/v3/apps/g1/processes/web") => {
                Answer::ok(json!({"guid": "g1", "type": "web", "instances": 1}))
            }
            ("GET", "/v3/processes/g1/stats") => stats(&["RUNNING"]),
            _ => Answer::cf_error(StatusCode::NOT_FOUND, 10000, "CF-NotFound"),
        }
    })
    .await;
    let provider = stub.provider();
    let mut seen = Vec::new();
    for _ in 0..5 {
        seen.push(
            provider
                .deploy_progress("org > dev", "hello-v000")
                .await
                .unwrap(),
        );
    }
    assert_eq!(
        seen,
        [
            Progress::Running("staging".into()),
            Progress::Running("staging".into()),
            Progress::Running("starting".into()),
            Progress::Succeeded,
            Progress::Succeeded,
        ]
    );
    assert_eq!(stub.count(&Method::POST, "/v3/builds"), 1);
    assert_eq!(stub.count(&Method::POST, "/v3/apps/g1/actions/start"), 1);
}

#[tokio::test]
async fn a_failed_build_fails_the_deploy() {
    let stub = Stub::start(|seen, _| {
        if let Some(answer) = foundation(seen) {
            return answer;
        }
        match seen.path.as_str() {
            "/v3/apps" => page(json!([app(
                "g1",
                "hello-v000",
                "STOPPED",
                &json!({"gennaker.io/package": "p1", "gennaker.io/build": "b1"})
            )])),
            "/v3/builds/b1" => Answer::ok(json!({"guid": "b1", "state": "FAILED",
                "error": "StagingError - Staging error: staging failed", "droplet": null})),
            _ => Answer::cf_error(StatusCode::NOT_FOUND, 10010, "CF-ResourceNotFound"),
        }
    })
    .await;
    let progress = stub
        .provider()
        .deploy_progress("org > dev", "hello-v000")
        .await
        .unwrap();
    assert_eq!(
        progress,
        Progress::Failed("staging failed: StagingError - Staging error: staging failed".into())
    );
}
