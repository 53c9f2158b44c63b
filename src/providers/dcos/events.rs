//! Marathon's event stream (`GET /service/marathon/v2/events`, server-sent events), shared by
//! everyone waiting for a change on one cluster.
//!
//! Ownership: each cluster has one [`EventHub`]. The first waiter starts a background task
//! that holds the stream open and forwards every event to a broadcast channel; waiters
//! subscribe, and wake when an event mentions their app id (or a deployment ends without saying
//! which apps it touched). The task reconnects with a growing back-off when the stream breaks,
//! and ends once nobody has been subscribed for a tick ([`IDLE_CHECK`]); the next waiter starts
//! it again. A hub that is dropped aborts its task. When the stream cannot be opened, waiters
//! simply sleep out their `at_most`: events only make waiting shorter, never required.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use eventsource_stream::Eventsource;
use futures_util::StreamExt;
use tokio::sync::broadcast;
use tokio::task::JoinHandle;

use crate::providers::dcos::cluster::MARATHON;
use crate::providers::http::RestClient;

/// How often the listening task checks whether anyone still listens.
const IDLE_CHECK: Duration = Duration::from_secs(30);
/// The longest wait between reconnection attempts.
const MAX_RECONNECT_WAIT: Duration = Duration::from_secs(30);
/// Events buffered for slow waiters before they are told they lagged.
const CHANNEL_CAPACITY: usize = 256;

/// One event of the stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MarathonEvent {
    /// The SSE event name (Marathon's `eventType`).
    pub(crate) kind: String,
    /// The event's JSON, as one line of text.
    pub(crate) data: String,
}

impl MarathonEvent {
    /// Whether the event may be about `app_id`: it names the app, or it is a deployment event
    /// that names no app at all (older Marathons send only the deployment id).
    pub(crate) fn concerns(&self, app_id: &str) -> bool {
        self.data.contains(&format!("\"{app_id}\""))
            || (self.kind.starts_with("deployment_") && !self.data.contains("\"/"))
    }
}

/// The shared event stream of one cluster.
pub(crate) struct EventHub {
    rest: RestClient,
    sender: broadcast::Sender<Arc<MarathonEvent>>,
    task: Mutex<Option<JoinHandle<()>>>,
}

impl std::fmt::Debug for EventHub {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("EventHub")
            .field("rest", &self.rest)
            .finish_non_exhaustive()
    }
}

impl EventHub {
    /// A hub that will listen through `rest` (the cluster's admin router client).
    pub(crate) fn new(rest: RestClient) -> Self {
        let (sender, _) = broadcast::channel(CHANNEL_CAPACITY);
        Self {
            rest,
            sender,
            task: Mutex::new(None),
        }
    }

    /// Returns once an event concerning `app_id` arrives, or after `at_most`.
    pub(crate) async fn wait_for(&self, app_id: &str, at_most: Duration) {
        // Subscribe before starting, so the task never sees an empty channel and stops.
        let mut receiver = self.sender.subscribe();
        self.ensure_listening();
        let wait = async {
            loop {
                match receiver.recv().await {
                    Ok(event) if event.concerns(app_id) => return,
                    Ok(_) => {}
                    // Events were missed: one of them may have been ours.
                    Err(broadcast::error::RecvError::Lagged(_)) => return,
                    Err(broadcast::error::RecvError::Closed) => std::future::pending().await,
                }
            }
        };
        let _ = tokio::time::timeout(at_most, wait).await;
    }

    fn ensure_listening(&self) {
        let mut task = self
            .task
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if task.as_ref().is_none_or(JoinHandle::is_finished) {
            let rest = self.rest.clone();
            let sender = self.sender.clone();
            *task = Some(tokio::spawn(listen(rest, sender)));
        }
    }
}

impl Drop for EventHub {
    fn drop(&mut self) {
        let task = self
            .task
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(task) = task.take() {
            task.abort();
        }
    }
}

/// Keeps the stream open while anyone listens.
async fn listen(rest: RestClient, sender: broadcast::Sender<Arc<MarathonEvent>>) {
    let mut wait = Duration::from_secs(1);
    while sender.receiver_count() > 0 {
        if let Some(response) = open(&rest).await {
            wait = Duration::from_secs(1);
            if !pump(response, &sender).await {
                return;
            }
        } else {
            tracing::debug!(
                base = rest.base(),
                "the Marathon event stream is unavailable"
            );
        }
        tokio::time::sleep(wait).await;
        wait = (wait * 2).min(MAX_RECONNECT_WAIT);
    }
}

/// Opens the stream; `None` when it cannot be opened now.
async fn open(rest: &RestClient) -> Option<reqwest::Response> {
    let mut request = rest
        .http()
        .get(rest.url(&format!("{MARATHON}/v2/events")))
        .header(reqwest::header::ACCEPT, "text/event-stream")
        // The client's own timeout would cut the stream; reconnecting hourly is harmless.
        .timeout(Duration::from_secs(3600));
    if let Some(authorization) = rest.authorization().await.ok()? {
        request = request.header(reqwest::header::AUTHORIZATION, authorization);
    }
    let response = request.send().await.ok()?;
    if response.status() == reqwest::StatusCode::UNAUTHORIZED {
        // A plain read renews an expired login (the REST layer logs in again after a 401).
        let _ = rest.get(&format!("{MARATHON}/v2/info")).await;
        return None;
    }
    response.status().is_success().then_some(response)
}

/// Forwards events until the stream ends (true: reconnect) or nobody listens (false).
async fn pump(response: reqwest::Response, sender: &broadcast::Sender<Arc<MarathonEvent>>) -> bool {
    let mut events = response.bytes_stream().eventsource();
    let mut idle = tokio::time::interval(IDLE_CHECK);
    idle.tick().await;
    loop {
        tokio::select! {
            next = events.next() => match next {
                Some(Ok(event)) => {
                    let _ = sender.send(Arc::new(MarathonEvent { kind: event.event, data: event.data }));
                }
                Some(Err(_)) | None => return true,
            },
            _ = idle.tick() => {
                if sender.receiver_count() == 0 {
                    return false;
                }
            }
        }
    }
}
