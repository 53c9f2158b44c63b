//! Serving a simulator: the accept loop, shutdown, and the gate every API request passes
//! through (HTTP faults, then the request log).
//!
//! Ownership: [`serve`] owns the listener and spawns one task per connection. Each connection
//! task owns its socket and ends when the client closes it, when the fault gate decides to drop
//! it (a [`Notify`] from the request handler), or when the shutdown signal fires — whichever
//! comes first. Long-lived responses such as server-sent events therefore never hold shutdown
//! up. Faults and the log live in [`ServerControls`], shared with the simulator's control API.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Response, StatusCode, header};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tower::ServiceExt;

use crate::simulator::CONTROL_PREFIX;
use crate::simulator::fault::{FaultGate, Faults, HttpVerdict};
use crate::simulator::request_log::{RecordedRequest, RequestLog, body_value};

/// Largest request body a simulator accepts; real APIs cap bodies too.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Locks a mutex, ignoring poisoning: simulator state stays usable even if a request task
/// panicked while holding it, and a simulator must keep answering.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Faults and request log of one served simulator, shared between the gate and the control API.
#[derive(Debug, Default)]
pub(crate) struct ServerControls {
    faults: Mutex<Faults>,
    gate: Mutex<FaultGate>,
    log: Mutex<RequestLog>,
    /// Every request received, control API included: how the sandbox tells it is idle.
    served: AtomicU64,
}

impl ServerControls {
    /// The faults in force.
    pub(crate) fn faults(&self) -> Faults {
        lock(&self.faults).clone()
    }

    /// Replaces the faults and restarts the rate counters.
    pub(crate) fn set_faults(&self, faults: Faults) {
        *lock(&self.faults) = faults;
        lock(&self.gate).reset();
    }

    /// Every logged request, oldest first.
    pub(crate) fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.log).entries()
    }

    /// Empties the request log.
    pub(crate) fn clear_requests(&self) {
        lock(&self.log).clear();
    }

    /// How many requests arrived so far, control API calls included.
    pub(crate) fn requests_served(&self) -> u64 {
        self.served.load(Ordering::Relaxed)
    }
}

/// Serves `router` on `listener` until `shutdown` turns true (or its sender is dropped).
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    controls: Arc<ServerControls>,
    mut shutdown: watch::Receiver<bool>,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = wait_for_shutdown(&mut shutdown) => return,
        };
        let Ok((stream, peer)) = accepted else {
            // Accept errors (e.g. too many open files) are transient; keep serving.
            continue;
        };
        let connection = Connection {
            router: router.clone(),
            controls: Arc::clone(&controls),
            kill: Arc::new(Notify::new()),
            peer,
        };
        let mut connection_shutdown = shutdown.clone();
        tokio::spawn(async move {
            let kill = Arc::clone(&connection.kill);
            let service = hyper::service::service_fn(move |request| {
                let connection = connection.clone();
                async move { Ok::<_, Infallible>(connection.handle(request).await) }
            });
            // The timer lets hyper enforce its header read timeout, so an idle half-open
            // client cannot hold a connection task forever.
            let serving = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = serving => {}
                () = kill.notified() => {}
                () = wait_for_shutdown(&mut connection_shutdown) => {}
            }
        });
    }
}

async fn wait_for_shutdown(shutdown: &mut watch::Receiver<bool>) {
    // An error means the sender is gone, which also means "stop".
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// What one connection task needs to answer requests.
#[derive(Clone)]
struct Connection {
    router: Router,
    controls: Arc<ServerControls>,
    kill: Arc<Notify>,
    peer: SocketAddr,
}

impl Connection {
    async fn handle(&self, request: Request<Incoming>) -> Response<Body> {
        self.controls.served.fetch_add(1, Ordering::Relaxed);
        let mut request = request.map(Body::new);
        // Handlers that report the client address (Marathon's events) read it from here.
        request.extensions_mut().insert(ConnectInfo(self.peer));
        if request.uri().path().starts_with(CONTROL_PREFIX) {
            return self.route(request).await;
        }
        let http_faults = lock(&self.controls.faults).http.clone();
        if http_faults.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(http_faults.latency_ms)).await;
        }
        let verdict = lock(&self.controls.gate).next(&http_faults);
        let (parts, body) = request.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY_BYTES).await else {
            return plain(StatusCode::PAYLOAD_TOO_LARGE, "request body too large");
        };
        let mut record = RecordedRequest {
            sequence: 0,
            method: parts.method.to_string(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            authorization: parts
                .headers
                .get(header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .map(ToOwned::to_owned),
            body: body_value(&bytes),
            status: 0,
        };
        let response = match verdict {
            HttpVerdict::Drop => {
                lock(&self.controls.log).push(record);
                self.kill.notify_one();
                // The connection task drops this future together with the socket.
                return std::future::pending().await;
            }
            HttpVerdict::ServerError => json_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "simulated fault: service unavailable",
            ),
            HttpVerdict::Throttle => {
                let mut response = json_error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "simulated fault: too many requests",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            }
            HttpVerdict::Pass => {
                self.route(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        };
        record.status = response.status().as_u16();
        lock(&self.controls.log).push(record);
        response
    }

    async fn route(&self, request: Request<Body>) -> Response<Body> {
        match self.router.clone().oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    }
}

fn json_error(status: StatusCode, message: &str) -> Response<Body> {
    let body = serde_json::json!({ "message": message }).to_string();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn plain(status: StatusCode, message: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(message));
    *response.status_mut() = status;
    response
}
