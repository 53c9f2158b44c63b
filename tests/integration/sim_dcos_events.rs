//! Marathon's `/v2/events` server-sent-event stream in the DC/OS simulator.

use std::collections::BTreeSet;

use reqwest::StatusCode;
use serde_json::Value;

use crate::sim_dcos_support::{Sim, checked_app, docker_app};

/// An open event stream, parsed frame by frame.
struct Events {
    response: reqwest::Response,
    buffer: String,
}

impl Events {
    async fn open(sim: &Sim, query: &str) -> Self {
        let response = sim
            .http
            .get(sim.url(&format!("/service/marathon/v2/events{query}")))
            .header("Accept", "text/event-stream")
            .send()
            .await
            .expect("the stream opens");
        assert_eq!(response.status(), StatusCode::OK);
        let content_type = response.headers()["content-type"]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            content_type.starts_with("text/event-stream"),
            "{content_type}"
        );
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next `(event name, data)`; keep-alive comments are skipped.
    async fn next(&mut self) -> (String, Value) {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let frame: String = self.buffer.drain(..end + 2).collect();
                let mut name = None;
                let mut data = None;
                for line in frame.lines() {
                    if let Some(value) = line.strip_prefix("event:") {
                        name = Some(value.trim().to_owned());
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data = Some(
                            serde_json::from_str(value.trim()).expect("data is one JSON line"),
                        );
                    }
                }
                if let (Some(name), Some(data)) = (name, data) {
                    return (name, data);
                }
                continue;
            }
            let chunk =
                tokio::time::timeout(std::time::Duration::from_secs(10), self.response.chunk())
                    .await
                    .expect("an event arrives")
                    .expect("the stream stays open")
                    .expect("the chunk is readable");
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Reads events until `done` holds for one; returns every event name seen.
    async fn until(&mut self, done: impl Fn(&str, &Value) -> bool) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        loop {
            let (name, data) = self.next().await;
            assert_eq!(data["eventType"], name.as_str(), "payload names its type");
            assert!(data["timestamp"].is_string());
            seen.insert(name.clone());
            if done(&name, &data) {
                return seen;
            }
        }
    }
}

#[tokio::test]
async fn the_stream_opens_attached_and_reports_a_deployment_to_its_end() {
    let sim = Sim::instant().await;
    let mut events = Events::open(&sim, "").await;
    let (first, attached) = events.next().await;
    assert_eq!(first, "event_stream_attached");
    assert_eq!(attached["remoteAddress"], "127.0.0.1");

    let created = sim.create_app(docker_app("/web", "web:1", 1)).await;
    let deployment = created.header("Marathon-Deployment-Id").unwrap().to_owned();
    let seen = events
        .until(|name, data| name == "deployment_success" && data["id"] == deployment.as_str())
        .await;
    for expected in [
        "api_post_event",
        "deployment_info",
        "status_update_event",
        "instance_changed_event",
    ] {
        assert!(seen.contains(expected), "missing {expected} in {seen:?}");
    }
}

#[tokio::test]
async fn event_type_filters_in_both_forms() {
    let sim = Sim::instant().await;
    let mut repeated = Events::open(
        &sim,
        "?event_type=deployment_success&event_type=app_terminated_event",
    )
    .await;
    let mut joined =
        Events::open(&sim, "?event_type=deployment_success,app_terminated_event").await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    for events in [&mut repeated, &mut joined] {
        let (name, data) = events.next().await;
        assert_eq!(name, "deployment_success");
        assert!(data["plan"]["id"].is_string());
    }
    sim.deployed("/web").await;
    sim.delete("/service/marathon/v2/apps/web").await;
    let seen = repeated
        .until(|name, data| name == "app_terminated_event" && data["appId"] == "/web")
        .await;
    assert!(
        seen.iter()
            .all(|name| name == "deployment_success" || name == "app_terminated_event")
    );
}

#[tokio::test]
async fn health_changes_and_task_states_are_published() {
    let sim = Sim::instant().await;
    let mut events = Events::open(
        &sim,
        "?event_type=health_status_changed_event&event_type=status_update_event",
    )
    .await;
    sim.create_app(checked_app("/web", "web:1", 1)).await;
    let mut statuses = Vec::new();
    loop {
        let (name, data) = events.next().await;
        if name == "status_update_event" {
            assert_eq!(data["appId"], "/web");
            statuses.push(data["taskStatus"].as_str().unwrap().to_owned());
        } else {
            assert_eq!(data["alive"], true);
            assert!(data["taskId"].as_str().unwrap().starts_with("web."));
            break;
        }
    }
    assert_eq!(statuses, ["TASK_STAGING", "TASK_RUNNING"]);
}

#[tokio::test]
async fn clients_that_do_not_accept_an_event_stream_are_refused() {
    let sim = Sim::instant().await;
    let answer = sim
        .http
        .get(sim.url("/service/marathon/v2/events"))
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::METHOD_NOT_ALLOWED);
}
