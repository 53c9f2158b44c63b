//! Metronome runs and their sandbox files against a stub cluster.

use axum::http::Method;
use serde_json::{Value, json};

use super::stub::{Stub, fixture, json, text};
use crate::providers::cloud::{CloudProvider, JobRequest};
use crate::providers::dcos::DcosAuth;
use crate::providers::model::{JobHandle, Progress};

const AGENT: &str = "e2c38084-f6ea-496f-bce3-b6e07cea5e01-S0";

fn handle() -> JobHandle {
    JobHandle {
        region: "east".to_owned(),
        job: "prod.example.app".to_owned(),
        run: "20160715130259A34HX".to_owned(),
    }
}

#[tokio::test]
async fn a_new_job_is_created_then_run() {
    let stub = Stub::start(|seen| match (seen.method.as_str(), seen.uri.as_str()) {
        ("GET", "/service/metronome/v1/jobs/smoke.test") => {
            json(404, &json!({"message": "Job 'smoke.test' does not exist"}))
        }
        ("POST", "/service/metronome/v1/jobs") => json(201, &seen.body),
        ("POST", "/service/metronome/v1/jobs/smoke.test/runs") => {
            let mut run = fixture("metronome_run.json");
            run["jobId"] = json!("smoke.test");
            json(201, &run)
        }
        _ => json(404, &json!({"message": "unexpected"})),
    })
    .await;
    let context = json!({
        "type": "runJob", "cloudProvider": "dcos", "account": "acct", "region": "east",
        "cluster": {"general": {"id": "smoke.test", "cpus": 0.1, "mem": 32, "cmd": "echo ok"},
                    "docker": {"image": {"repository": "alpine", "tag": "3"}},
                    "env": {"N": 1}}
    });
    let request = JobRequest {
        region: "east".to_owned(),
        description: context.as_object().unwrap().clone(),
    };
    let handle = stub
        .provider(DcosAuth::None)
        .run_job(&request)
        .await
        .unwrap();
    assert_eq!(
        handle,
        JobHandle {
            region: "east".to_owned(),
            job: "smoke.test".to_owned(),
            run: "20160715130259A34HX".to_owned()
        }
    );
    let created = stub.calls(&Method::POST, "/service/metronome/v1/jobs");
    assert_eq!(
        created[0].body["run"],
        json!({"cpus": 0.1, "mem": 32, "disk": 0.0, "cmd": "echo ok", "env": {"N": "1"},
               "docker": {"image": "alpine:3"}, "placement": {"constraints": []},
               "restart": {"policy": "NEVER"}})
    );
    assert_eq!(
        stub.calls(&Method::PUT, "/service/metronome/v1/jobs/smoke.test")
            .len(),
        0
    );
}

#[tokio::test]
async fn an_existing_job_is_updated_and_a_bad_one_is_invalid() {
    let stub = Stub::start(|seen| match (seen.method.as_str(), seen.uri.as_str()) {
        ("GET", _) => json(200, &fixture("metronome_job.json")),
        ("PUT", _) => json(
            422,
            &json!({"message": "Object is not valid",
                    "details": [{"path": "/run/mem", "errors": ["is less than than 32"]}]}),
        ),
        _ => json(500, &json!({})),
    })
    .await;
    let context = json!({"general": {"id": "prod.example.app", "mem": 16}});
    let request = JobRequest {
        region: "east".to_owned(),
        description: context.as_object().unwrap().clone(),
    };
    let error = stub
        .provider(DcosAuth::None)
        .run_job(&request)
        .await
        .unwrap_err();
    assert_eq!(error.kind, crate::providers::error::ErrorKind::Invalid);
    assert!(
        error
            .message
            .contains("updating job `prod.example.app` on DC/OS cluster `east`")
            && error.message.contains("/run/mem: is less than than 32"),
        "{error}"
    );
}

#[tokio::test]
async fn a_finished_run_is_read_from_the_history() {
    let stub = Stub::start(|seen| match seen.uri.as_str() {
        "/service/metronome/v1/jobs/prod.example.app?embed=activeRuns&embed=history" => json(
            200,
            &json!({"id": "prod.example.app", "activeRuns": [], "history": {
                "successfulFinishedRuns": [],
                "failedFinishedRuns": [{"id": "20160715130259A34HX", "createdAt": "2016-07-15T13:02:59.735+0000",
                                        "finishedAt": "2016-07-15T13:03:10.000+0000"}]}}),
        ),
        _ => json(404, &json!({})),
    })
    .await;
    let state = stub
        .provider(DcosAuth::None)
        .job_state(&handle())
        .await
        .unwrap();
    assert!(matches!(state.progress, Progress::Failed(_)));
    assert_eq!(state.details["finishedAt"], "2016-07-15T13:03:10.000+0000");
}

/// A cluster whose Mesos knows the fixture run, with `files` in its sandbox.
async fn sandbox(files: &'static [(&'static str, &'static str)]) -> Stub {
    Stub::start(move |seen| {
        let uri = seen.uri.as_str();
        if uri == "/mesos/state.json" {
            return json(200, &fixture("mesos_master_state.json"));
        }
        if uri == format!("/agent/{AGENT}/slave(1)/state.json") {
            return json(200, &fixture("mesos_agent_state.json"));
        }
        if let Some(query) = uri.strip_prefix(&format!("/agent/{AGENT}/files/download?path=")) {
            let path = percent_decode(query);
            for (name, content) in files {
                if path.ends_with(&format!(
                    "/runs/3c8b5d1e-2f4a-4b6c-9d8e-7f1a2b3c4d5e/{name}"
                )) {
                    return text(200, content);
                }
            }
        }
        text(404, "")
    })
    .await
}

fn percent_decode(text: &str) -> String {
    let bytes = text.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            index += 3;
        } else {
            out.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[tokio::test]
async fn job_files_come_from_the_run_sandbox() {
    let stub = sandbox(&[
        ("build.properties", "version=1.2.3\n"),
        ("stderr", "line 1\nline 2\nboom\n"),
    ])
    .await;
    let provider = stub.provider(DcosAuth::None);
    let file = provider
        .job_file(&handle(), "$MESOS_SANDBOX/build.properties")
        .await
        .unwrap();
    assert_eq!(file.as_deref(), Some("version=1.2.3\n"));
    let downloads: Vec<String> = stub
        .seen()
        .into_iter()
        .filter(|seen| seen.uri.contains("/files/download"))
        .map(|seen| percent_decode(seen.uri.split("path=").nth(1).unwrap()))
        .collect();
    assert_eq!(
        downloads,
        [
            "/tmp/mesos/slaves/e2c38084-f6ea-496f-bce3-b6e07cea5e01-S0/frameworks/\
          b5eac2c5-609b-4ca1-a352-61941702fc9e-0001/executors/\
          prod_example_app_20160715130259A34HX.6a2b4c1e-4a8f-11e6-8b3c-0242ac110002/runs/\
          3c8b5d1e-2f4a-4b6c-9d8e-7f1a2b3c4d5e/build.properties"
        ]
    );
    assert_eq!(
        provider.job_file(&handle(), "missing.json").await.unwrap(),
        None
    );
    assert_eq!(
        provider.job_log_tail(&handle()).await.unwrap(),
        "line 1\nline 2\nboom"
    );
    let other_run = JobHandle {
        run: "20990101000000zzzzz".to_owned(),
        ..handle()
    };
    assert_eq!(provider.job_file(&other_run, "x").await.unwrap(), None);
}

#[tokio::test]
async fn a_json_property_file_reads_as_equivalent_json() {
    let stub = sandbox(&[("result.json", "{\"image\": \"web:1.2.3\", \"n\": 2}")]).await;
    let file = stub
        .provider(DcosAuth::None)
        .job_file(&handle(), "result.json")
        .await
        .unwrap()
        .unwrap();
    let parsed: Value = serde_json::from_str(&file).unwrap();
    assert_eq!(parsed, json!({"image": "web:1.2.3", "n": 2}));
}

#[tokio::test]
async fn cancelling_stops_the_run_and_a_finished_run_needs_nothing() {
    let stub = Stub::start(|seen| {
        if seen.uri.ends_with("/runs/20160715130259A34HX/actions/stop") {
            json(200, &json!({}))
        } else {
            json(404, &json!({"message": "JobRun 'x' does not exist"}))
        }
    })
    .await;
    let provider = stub.provider(DcosAuth::None);
    provider.cancel_job(&handle()).await.unwrap();
    let finished = JobHandle {
        run: "gone".to_owned(),
        ..handle()
    };
    provider.cancel_job(&finished).await.unwrap();
    assert_eq!(stub.seen().len(), 2);
    assert!(stub.seen().iter().all(|seen| seen.method == Method::POST));
}
