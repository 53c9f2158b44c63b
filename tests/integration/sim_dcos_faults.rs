//! Faults, timing, state inspection and snapshots of the DC/OS simulator, through its control
//! API (`/__simulator`) and its launcher.

use gennaker::testing::{
    ClusterOptions, DcosCluster, Faults, HttpFaults, ImageFault, Timing, WorkloadFault,
};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_dcos_support::{Sim, checked_app, docker_app};

const APPS: &str = "/service/marathon/v2/apps";

async fn set_faults(sim: &Sim, faults: Value) {
    let answer = sim.put("/__simulator/faults", faults).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}

#[tokio::test]
async fn a_share_of_requests_answers_503_and_the_log_records_it() {
    let sim = Sim::instant().await;
    set_faults(&sim, json!({ "http": { "serverErrorRate": 0.5 } })).await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(sim.get("/service/marathon/v2/info").await.status);
    }
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SERVICE_UNAVAILABLE)
            .count(),
        2
    );
    let failed = sim.get("/__simulator/requests").await.body;
    let logged: Vec<u64> = failed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(logged.iter().filter(|status| **status == 503).count(), 2);
    assert_eq!(failed[0]["path"], "/service/marathon/v2/info");
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after() {
    let sim = Sim::instant().await;
    set_faults(&sim, json!({ "http": { "throttleRate": 1.0 } })).await;
    let throttled = sim.get("/service/metronome/v1/jobs").await;
    assert_eq!(throttled.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.header("Retry-After"), Some("1"));
    assert!(throttled.body["message"].is_string());
    set_faults(&sim, json!({})).await;
    assert_eq!(
        sim.get("/service/metronome/v1/jobs").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn dropped_connections_fail_the_request_without_an_answer() {
    let sim = Sim::instant().await;
    set_faults(&sim, json!({ "http": { "dropConnectionRate": 1.0 } })).await;
    let result = sim
        .http
        .get(sim.url("/service/marathon/v2/apps"))
        .send()
        .await;
    assert!(result.is_err(), "the connection closes without a response");
    let log = sim.get("/__simulator/requests").await.body;
    assert_eq!(log[0]["status"], 0);
    set_faults(&sim, json!({ "http": { "latencyMs": 20 } })).await;
    assert_eq!(
        sim.get("/service/marathon/v2/apps").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn invalid_fault_settings_are_refused() {
    let sim = Sim::instant().await;
    let answer = sim
        .put(
            "/__simulator/faults",
            json!({ "http": { "throttleRate": 2 } }),
        )
        .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let unknown = sim
        .put("/__simulator/faults", json!({ "nonsense": true }))
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_crash_looping_image_never_finishes_its_deployment_and_rollback_restores_service() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 2)).await;
    sim.deployed("/web").await;
    set_faults(
        &sim,
        json!({ "images": [{ "image": "web:2", "fault": "crashLoop" }] }),
    )
    .await;
    let update = sim
        .put(
            &format!("{APPS}/web"),
            json!({ "container": { "type": "DOCKER", "docker": { "image": "web:2" } } }),
        )
        .await;
    let deployment = update.body["deploymentId"].as_str().unwrap().to_owned();
    let app = sim
        .eventually("a task failure", || async {
            let app = sim.app("/web").await;
            app.get("lastTaskFailure").is_some().then_some(app)
        })
        .await;
    assert_eq!(app["lastTaskFailure"]["state"], "TASK_FAILED");
    assert_eq!(
        app["deployments"],
        json!([{ "id": deployment }]),
        "the deployment cannot finish"
    );
    assert!(
        app["tasksRunning"].as_u64().unwrap() >= 2,
        "the old tasks keep serving"
    );

    sim.delete(&format!("/service/marathon/v2/deployments/{deployment}"))
        .await;
    let restored = sim.deployed("/web").await;
    assert_eq!(restored["container"]["docker"]["image"], "web:1");
    assert_eq!(restored["tasksRunning"], 2);
}

#[tokio::test]
async fn a_never_healthy_image_runs_unhealthy() {
    let sim = Sim::instant().await;
    set_faults(
        &sim,
        json!({ "images": [{ "image": "web:bad", "fault": "neverHealthy" }] }),
    )
    .await;
    sim.create_app(checked_app("/web", "web:bad", 1)).await;
    let app = sim
        .eventually("an unhealthy task", || async {
            let app = sim.app("/web").await;
            (app["tasksUnhealthy"] == 1).then_some(app)
        })
        .await;
    assert_eq!(app["tasksHealthy"], 0);
    assert_eq!(app["tasks"][0]["healthCheckResults"][0]["alive"], false);
    assert_eq!(app["deployments"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn a_slow_image_takes_its_extra_time_to_start() {
    let sim = Sim::manual().await;
    set_faults(&sim, json!({ "images": [{ "image": "web:slow", "fault": { "slowStart": { "extraMs": 5000 } } }] })).await;
    sim.create_app(docker_app("/web", "web:slow", 1)).await;
    sim.advance(0);
    sim.advance(1000);
    assert_eq!(sim.app("/web").await["tasksStaged"], 1);
    sim.advance(5000);
    assert_eq!(sim.app("/web").await["tasksRunning"], 1);
}

#[tokio::test]
async fn timing_and_the_clock_are_controlled_through_the_control_api() {
    let sim = Sim::instant().await;
    let timing = sim.get("/__simulator/timing").await.body;
    assert_eq!(timing["taskStartMs"], 0);
    let mut slower = timing.clone();
    slower["taskStartMs"] = json!(60_000);
    assert_eq!(
        sim.put("/__simulator/timing", slower).await.status,
        StatusCode::OK
    );
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.eventually("the task to stage", || async {
        (sim.app("/web").await["tasksStaged"] == 1).then_some(())
    })
    .await;
    let info = sim.get("/__simulator/info").await.body;
    assert_eq!(info["clock"], "real");
    assert_eq!(
        sim.post("/__simulator/clock", json!({ "advanceMs": 10 }))
            .await
            .status,
        StatusCode::CONFLICT
    );

    let manual = Sim::manual().await;
    assert_eq!(
        manual.get("/__simulator/info").await.body["clock"],
        "manual"
    );
    let before = manual.get("/__simulator/info").await.body["now"]
        .as_u64()
        .unwrap();
    let advanced = manual
        .post("/__simulator/clock", json!({ "advanceMs": 1500 }))
        .await;
    assert_eq!(advanced.body["now"].as_u64().unwrap(), before + 1500);
}

#[tokio::test]
async fn the_request_log_shows_what_clients_sent() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.get(&format!("{APPS}?embed=apps.tasks")).await;
    let log = sim.get("/__simulator/requests").await.body;
    assert_eq!(log[0]["method"], "POST");
    assert_eq!(log[0]["body"]["id"], "/web");
    assert_eq!(log[0]["status"], 201);
    assert_eq!(log[1]["query"], "embed=apps.tasks");
    assert_eq!(
        log.as_array().map(Vec::len),
        Some(2),
        "control calls are not logged"
    );
    sim.delete("/__simulator/requests").await;
    assert_eq!(sim.get("/__simulator/requests").await.body, json!([]));
}

#[tokio::test]
async fn state_snapshots_move_a_cluster_into_another() {
    let source = Sim::instant().await;
    source
        .create_app(docker_app("/dev/web-v003", "web:3", 1))
        .await;
    source
        .post(
            "/service/metronome/v1/jobs",
            json!({ "id": "smoke", "run": { "cpus": 0.1, "mem": 32, "disk": 0, "cmd": "true" } }),
        )
        .await;
    source.deployed("/dev/web-v003").await;
    let snapshot = source.get("/__simulator/state").await.body;
    assert_eq!(snapshot["format"], 1);

    let target = Sim::instant().await;
    assert_eq!(
        target.put("/__simulator/state", snapshot).await.status,
        StatusCode::OK
    );
    assert_eq!(target.app("/dev/web-v003").await["tasksRunning"], 1);
    assert_eq!(
        target.get("/service/metronome/v1/jobs/smoke").await.status,
        StatusCode::OK
    );
    let bad = target.put("/__simulator/state", json!({ "apps": 3 })).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn snapshot_files_round_trip_through_the_launcher() {
    let directory = tempfile::tempdir().unwrap();
    let file = directory.path().join("us-east-1.json");
    let first = DcosCluster::start(ClusterOptions::new("us-east-1").timing(Timing::instant()))
        .await
        .unwrap();
    let sim = Sim {
        cluster: first,
        http: reqwest::Client::new(),
        token: None,
    };
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.cluster.save_snapshot(&file).unwrap();

    let second = DcosCluster::start(ClusterOptions::new("us-east-1"))
        .await
        .unwrap();
    second.load_snapshot(&file).unwrap();
    let reloaded = Sim {
        cluster: second,
        http: reqwest::Client::new(),
        token: None,
    };
    assert_eq!(reloaded.app("/web").await["id"], "/web");
    let next = reloaded.create_app(docker_app("/web2", "web:1", 1)).await;
    let first_id = sim.app("/web").await["deployments"].clone();
    assert_ne!(
        json!([{ "id": next.header("Marathon-Deployment-Id") }]),
        first_id,
        "ids are not reused"
    );

    let faults = Faults {
        http: HttpFaults {
            server_error_rate: 1.0,
            ..HttpFaults::default()
        },
        images: vec![ImageFault {
            image: "web".to_owned(),
            fault: WorkloadFault::CrashLoop,
        }],
    };
    reloaded.cluster.set_faults(faults.clone()).unwrap();
    assert_eq!(reloaded.cluster.faults(), faults);
    assert_eq!(
        reloaded.get("/service/marathon/v2/info").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn absurd_input_gets_an_error_answer_and_never_breaks_the_simulator() {
    let sim = Sim::instant().await;
    let bodies = [
        "",
        "{",
        "[]",
        "null",
        "\"text\"",
        "{\"id\": 5}",
        "{\"run\": []}",
    ];
    let endpoints = [
        ("POST", APPS),
        ("PUT", "/service/marathon/v2/apps/web"),
        ("PUT", APPS),
        ("POST", "/service/marathon/v2/groups"),
        ("POST", "/service/marathon/v2/tasks/delete"),
        ("POST", "/service/metronome/v1/jobs"),
        ("PUT", "/service/metronome/v1/jobs/x"),
        ("POST", "/acs/api/v1/auth/login"),
        ("PUT", "/__simulator/state"),
        ("PUT", "/__simulator/faults"),
        ("PUT", "/__simulator/timing"),
        ("POST", "/__simulator/clock"),
    ];
    for (method, path) in endpoints {
        for body in bodies {
            let answer = sim
                .http
                .request(method.parse().unwrap(), sim.url(path))
                .header("Content-Type", "application/json")
                .body(body)
                .send()
                .await
                .expect("an answer");
            assert!(
                answer.status().is_client_error(),
                "{method} {path} {body:?}: {}",
                answer.status()
            );
        }
    }
    // Absurd timing and fault values mean "never", not a crash of the ticker.
    let mut forever = sim.get("/__simulator/timing").await.body;
    forever["taskStartMs"] = json!(u64::MAX);
    forever["tokenLifetimeSecs"] = json!(u64::MAX);
    sim.put("/__simulator/timing", forever).await;
    set_faults(&sim, json!({ "images": [{ "image": "web", "fault": { "slowStart": { "extraMs": u64::MAX } } }] })).await;
    sim.create_app(docker_app("/web", "web:1", 3)).await;
    let login = sim
        .post(
            "/acs/api/v1/auth/login",
            json!({ "uid": "bootstrapuser", "password": "deleteme" }),
        )
        .await;
    assert_eq!(login.status, StatusCode::OK);
    sim.eventually("the tasks to stage", || async {
        (sim.app("/web").await["tasksStaged"] == 3).then_some(())
    })
    .await;
    assert_eq!(
        sim.get("/service/marathon/ping").await.status,
        StatusCode::OK
    );
}
