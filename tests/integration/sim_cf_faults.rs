//! Faults (crash loops, never-healthy and slow instances, failing staging, 5xx and 429 rates,
//! dropped connections, latency), the rate limiter, and snapshots.

use gennaker::testing_cf::{
    AppSelector, CloudFoundryConfig, CloudFoundryFaults, CloudFoundrySimulator, HttpFaults,
    RateLimitConfig, SlowStart,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

fn http_faults(faults: HttpFaults) -> CloudFoundryFaults {
    CloudFoundryFaults {
        http: faults,
        ..CloudFoundryFaults::default()
    }
}

async fn started(cf: &Cf, space_name: &str, name: &str, image: &str) -> String {
    let space = cf.space_guid("sandbox", space_name).await;
    let (app, _) = cf.staged_docker_app(name, &space, image).await;
    cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
        .await;
    app
}

#[tokio::test]
async fn a_crashing_image_crash_loops() {
    let cf = Cf::start().await;
    let app = started(&cf, "dev", "bad-dev-v001", "example/crash-loop:1").await;
    assert_eq!(cf.instance_states(&app).await, ["STARTING"]);
    cf.advance(1500);
    assert_eq!(cf.instance_states(&app).await, ["CRASHED"]);
    let stats = cf.get(&format!("/v3/processes/{app}/stats")).await;
    assert_eq!(stats.body["resources"][0]["routable"], false);
    cf.advance(2000);
    assert_eq!(cf.instance_states(&app).await, ["STARTING"]);
}

#[tokio::test]
async fn a_crash_fault_on_a_space_crashes_only_that_space() {
    let cf = Cf::start().await;
    cf.sim.set_faults(CloudFoundryFaults {
        crashing: vec![AppSelector::space("prod")],
        ..CloudFoundryFaults::default()
    });
    let prod_space = cf.space_guid("sandbox", "prod").await;
    let dev_space = cf.space_guid("sandbox", "dev").await;
    let (prod, _) = cf
        .staged_docker_app("web-prod-v001", &prod_space, "nginx:1")
        .await;
    let (dev, _) = cf
        .staged_docker_app("web-dev-v001", &dev_space, "nginx:1")
        .await;
    for app in [&prod, &dev] {
        cf.post(&format!("/v3/apps/{app}/actions/start"), json!({}))
            .await;
    }
    cf.advance(1500);
    assert_eq!(cf.instance_states(&prod).await, ["CRASHED"]);
    assert_eq!(cf.instance_states(&dev).await, ["RUNNING"]);
}

#[tokio::test]
async fn never_healthy_apps_stay_starting_and_slow_apps_start_late() {
    let cf = Cf::start().await;
    cf.sim.set_faults(CloudFoundryFaults {
        never_healthy: vec![AppSelector::name_prefix("stuck")],
        slow_start: vec![SlowStart {
            apps: AppSelector::name_prefix("slow"),
            extra_ms: 10_000,
        }],
        ..CloudFoundryFaults::default()
    });
    let stuck = started(&cf, "dev", "stuck-v001", "nginx:1").await;
    let slow = started(&cf, "dev", "slow-v001", "nginx:1").await;
    cf.advance(1500);
    assert_eq!(cf.instance_states(&slow).await, ["STARTING"]);
    cf.advance(10_000);
    assert_eq!(cf.instance_states(&slow).await, ["RUNNING"]);
    cf.advance(3_600_000);
    assert_eq!(cf.instance_states(&stuck).await, ["STARTING"]);
}

#[tokio::test]
async fn failing_staging_fails_the_build() {
    let cf = Cf::start().await;
    cf.sim.set_faults(CloudFoundryFaults {
        failing_staging: vec![AppSelector::image_contains("broken")],
        ..CloudFoundryFaults::default()
    });
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("stage-v001", &space, json!({"type": "docker", "data": {}}))
        .await;
    let package = cf
        .post("/v3/packages", json!({"type": "docker", "relationships": {"app": {"data": {"guid": app}}}, "data": {"image": "broken:1"}}))
        .await
        .guid();
    let build = cf
        .post("/v3/builds", json!({"package": {"guid": package}}))
        .await
        .guid();
    cf.advance(2000);
    let failed = cf.get(&format!("/v3/builds/{build}")).await;
    assert_eq!(failed.body["state"], "FAILED");
    assert!(
        failed.body["error"]
            .as_str()
            .unwrap()
            .starts_with("StagingError")
    );
    assert_eq!(failed.body["droplet"], Value::Null);
}

#[tokio::test]
async fn server_error_rates_answer_with_cloud_controller_error_bodies() {
    let cf = Cf::start().await;
    cf.sim.set_faults(http_faults(HttpFaults {
        server_error_rate: 1.0,
        ..HttpFaults::default()
    }));
    let reply = cf.get("/v3/apps").await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.error(), (10015, "CF-ServiceUnavailable".to_owned()));
    let token = cf
        .uaa_token(
            &[
                ("grant_type", "password"),
                ("username", "admin"),
                ("password", "admin"),
            ],
            Some(("cf", "")),
        )
        .await;
    assert_eq!(token.status, StatusCode::SERVICE_UNAVAILABLE);
    cf.sim.set_faults(CloudFoundryFaults::default());
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
}

#[tokio::test]
async fn fail_next_fails_exactly_that_many_requests_on_the_chosen_paths() {
    let cf = Cf::start().await;
    cf.sim.set_faults(http_faults(HttpFaults {
        fail_next: 2,
        server_error_status: 502,
        path_prefix: "/v3/apps".to_owned(),
        ..HttpFaults::default()
    }));
    assert_eq!(cf.get("/v3/spaces").await.status, StatusCode::OK);
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::BAD_GATEWAY);
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::BAD_GATEWAY);
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
    assert_eq!(cf.sim.faults().http.fail_next, 0);
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after_and_a_text_content_type() {
    let cf = Cf::start().await;
    cf.sim.set_faults(http_faults(HttpFaults {
        throttle_rate: 1.0,
        retry_after_seconds: 7,
        ..HttpFaults::default()
    }));
    let reply = cf.get("/v3/apps").await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reply.header("retry-after"), "7");
    assert!(reply.header("content-type").starts_with("text/plain"));
    assert_eq!(reply.error(), (10013, "CF-RateLimitExceeded".to_owned()));
}

#[tokio::test]
async fn dropped_connections_get_no_response_at_all() {
    let cf = Cf::start().await;
    cf.sim.set_faults(http_faults(HttpFaults {
        drop_rate: 1.0,
        ..HttpFaults::default()
    }));
    let result = cf
        .http
        .get(cf.url("/v3/apps"))
        .bearer_auth(&cf.token)
        .send()
        .await;
    assert!(
        result.is_err(),
        "expected a transport error, got {result:?}"
    );
    let recorded = cf.sim.requests();
    assert_eq!(
        recorded.last().map(|request| request.status),
        Some(0),
        "dropped requests are logged with status 0"
    );
    cf.sim.set_faults(CloudFoundryFaults::default());
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
}

#[tokio::test]
async fn latency_delays_but_does_not_break_requests() {
    let cf = Cf::start().await;
    cf.sim.set_faults(http_faults(HttpFaults {
        latency_ms: 20,
        ..HttpFaults::default()
    }));
    assert_eq!(cf.get("/v3/info").await.status, StatusCode::OK);
}

#[tokio::test]
async fn faults_can_be_set_over_http_by_other_tools() {
    let cf = Cf::start().await;
    let body = json!({"http": {"server_error_rate": 1.0, "server_error_status": 500}});
    let set = cf
        .http
        .put(cf.url("/_simulator/faults"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(set.status(), StatusCode::OK);
    assert_eq!(
        cf.get("/v3/apps").await.error(),
        (10001, "CF-ServerError".to_owned())
    );
    assert_eq!(cf.sim.faults().http.server_error_status, 500);
}

#[tokio::test]
async fn the_rate_limiter_counts_per_user_and_resets_with_its_window() {
    let config = CloudFoundryConfig {
        rate_limit: Some(RateLimitConfig {
            general_limit: 20,
            reset_interval_ms: 60_000,
            unauthenticated_limit: 5,
        }),
        ..CloudFoundryConfig::manual_clock()
    };
    let cf = Cf::start_with(config).await;
    let first = cf.get("/v3/apps").await;
    assert_eq!(first.header("x-ratelimit-limit"), "20");
    assert_eq!(
        first.header("x-ratelimit-remaining"),
        "18",
        "19 left, reported in steps of 10% of the limit"
    );
    assert!(!first.header("x-ratelimit-reset").is_empty());
    for _ in 0..19 {
        assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
    }
    let limited = cf.get("/v3/apps").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(limited.error(), (10013, "CF-RateLimitExceeded".to_owned()));
    assert_eq!(limited.header("retry-after"), "60");
    assert_eq!(limited.header("x-ratelimit-remaining"), "0");
    let root = cf.http.get(cf.url("/")).send().await.unwrap();
    assert_eq!(
        root.status(),
        StatusCode::OK,
        "the root is never rate limited"
    );
    cf.advance(60_000);
    assert_eq!(cf.get("/v3/apps").await.status, StatusCode::OK);
    let info: Value = cf
        .http
        .get(cf.url("/v3/info"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        info["rate_limits"],
        json!({"enabled": true, "general_limit": 20, "reset_interval_in_minutes": 1})
    );
}

#[tokio::test]
async fn unauthenticated_callers_are_limited_per_ip() {
    let config = CloudFoundryConfig {
        rate_limit: Some(RateLimitConfig {
            general_limit: 100,
            reset_interval_ms: 60_000,
            unauthenticated_limit: 2,
        }),
        ..CloudFoundryConfig::manual_clock()
    };
    let cf = Cf::start_with(config).await;
    for _ in 0..2 {
        assert_eq!(
            cf.http
                .get(cf.url("/v3/info"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::OK
        );
    }
    let limited = cf.http.get(cf.url("/v3/info")).send().await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = limited.json().await.unwrap();
    assert_eq!(body["errors"][0]["title"], "CF-IPBasedRateLimitExceeded");
}

#[tokio::test]
async fn a_snapshot_restores_the_foundation_tokens_included() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = started(&cf, "dev", "keep-dev-v007", "nginx:1").await;
    cf.sim.set_faults(CloudFoundryFaults {
        crashing: vec![AppSelector::space("prod")],
        ..CloudFoundryFaults::default()
    });
    let snapshot = cf.sim.snapshot();
    let restored = CloudFoundrySimulator::start(&CloudFoundryConfig {
        restore: Some(snapshot),
        ..CloudFoundryConfig::manual_clock()
    })
    .unwrap();
    let listed: Value = cf
        .http
        .get(format!(
            "{}/v3/apps?space_guids={space}",
            restored.api_url()
        ))
        .bearer_auth(&cf.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["resources"][0]["guid"], app.as_str());
    assert_eq!(listed["resources"][0]["state"], "STARTED");
    assert_eq!(
        restored.faults().crashing,
        [AppSelector::space("prod")],
        "saved faults survive a restore"
    );
    let invalid = CloudFoundrySimulator::start(&CloudFoundryConfig {
        restore: Some(json!({"apps": "nope"})),
        ..CloudFoundryConfig::default()
    });
    assert!(invalid.is_err());
}

#[tokio::test]
async fn nonsensical_faults_are_refused_over_http() {
    let cf = Cf::start().await;
    for body in [
        json!({"http": {"server_error_rate": 1.5}}),
        json!({"http": {"server_error_status": 200}}),
        json!({"crash": []}),
    ] {
        let reply = cf
            .http
            .put(cf.url("/_simulator/faults"))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(
            reply.status().is_client_error(),
            "{body} answered {}",
            reply.status()
        );
    }
    assert_eq!(cf.sim.faults(), CloudFoundryFaults::default());
}
