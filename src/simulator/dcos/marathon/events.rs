//! Marathon's event bus: the [`MarathonEvent`]s the simulator publishes and the
//! `GET /v2/events` server-sent-event stream that delivers them.
//!
//! Framing follows Marathon's `event-bus.md`: `event: <eventType>` then `data: <one-line JSON>`;
//! every payload carries `eventType` and `timestamp`; the stream opens with
//! `event_stream_attached`; `event_type=` (repeated or comma-joined) filters. As in Marathon,
//! nothing guarantees the order of events from different sources, so clients must confirm with
//! a `GET`.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio_stream::wrappers::BroadcastStream;

use crate::simulator::dcos::clock::{Millis, iso_utc};
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::marathon::app::App;
use crate::simulator::dcos::marathon::task::Task;
use crate::simulator::dcos::query::Query;

/// One event on Marathon's bus.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MarathonEvent {
    /// The `eventType`, also the SSE event name.
    pub(crate) event_type: &'static str,
    /// The payload, `eventType` and `timestamp` included.
    pub(crate) data: Value,
}

impl MarathonEvent {
    /// An event of `event_type` at `now` with `fields` added to `eventType` and `timestamp`.
    pub(crate) fn new(event_type: &'static str, now: Millis, fields: Value) -> Self {
        let mut data = json!({ "eventType": event_type, "timestamp": iso_utc(now) });
        if let (Some(data), Value::Object(fields)) = (data.as_object_mut(), fields) {
            data.extend(fields);
        }
        Self { event_type, data }
    }

    /// `status_update_event` for `task` entering `status`.
    pub(crate) fn status_update(now: Millis, task: &Task, status: &str, message: &str) -> Self {
        Self::new(
            "status_update_event",
            now,
            json!({
                "slaveId": task.agent_id,
                "taskId": task.id,
                "taskStatus": status,
                "message": message,
                "appId": task.app_id,
                "host": task.host,
                "ipAddresses": task.ip_addresses(),
                "ports": task.ports,
                "version": iso_utc(task.version),
            }),
        )
    }

    /// `instance_changed_event` for `task` entering `condition` (`Running`, `Killed`, …).
    pub(crate) fn instance_changed(now: Millis, task: &Task, condition: &str) -> Self {
        Self::new(
            "instance_changed_event",
            now,
            json!({
                "instanceId": task.id,
                "condition": condition,
                "runSpecId": task.app_id,
                "agentId": task.agent_id,
                "host": task.host,
                "runSpecVersion": iso_utc(task.version),
            }),
        )
    }

    /// `health_status_changed_event` for `task`.
    pub(crate) fn health_changed(now: Millis, task: &Task, alive: bool) -> Self {
        Self::new(
            "health_status_changed_event",
            now,
            json!({
                "appId": task.app_id,
                "taskId": task.id,
                "instanceId": task.id,
                "version": iso_utc(task.version),
                "alive": alive,
            }),
        )
    }

    /// `failed_health_check_event` for `task` of `app`.
    pub(crate) fn failed_health_check(now: Millis, task: &Task, app: &App) -> Self {
        Self::new(
            "failed_health_check_event",
            now,
            json!({
                "appId": task.app_id,
                "taskId": task.id,
                "instanceId": task.id,
                "healthCheck": app.first_health_check(),
            }),
        )
    }
}

/// `GET /v2/events`: the live event stream.
pub(crate) async fn stream(
    State(cluster): State<Arc<Cluster>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Response {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("*/*");
    if !(accept.contains("text/event-stream") || accept.contains("*/*")) {
        // Marathon answers clients that do not accept an event stream this way.
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body><h2>405 Method Not Allowed</h2></body></html>",
        )
            .into_response();
    }
    let wanted = Query::parse(raw.as_deref()).list("event_type");
    let attached = MarathonEvent::new(
        "event_stream_attached",
        cluster.clock.now(),
        json!({ "remoteAddress": peer.ip().to_string() }),
    );
    let live = BroadcastStream::new(cluster.subscribe())
        .filter_map(|received| std::future::ready(received.ok()));
    let events = futures_util::stream::once(std::future::ready(attached))
        .chain(live)
        .filter(move |event| {
            let keep = wanted.is_empty() || wanted.iter().any(|name| name == event.event_type);
            std::future::ready(keep)
        })
        .map(|event| {
            Ok::<_, Infallible>(
                Event::default()
                    .event(event.event_type)
                    .data(event.data.to_string()),
            )
        });
    Sse::new(events)
        .keep_alive(KeepAlive::default())
        .into_response()
}
