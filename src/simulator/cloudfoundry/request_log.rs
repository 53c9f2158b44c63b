//! The request log: every request either listener received, with the status it got, so tests
//! and operators can assert on what a client actually sent. JSON bodies are kept; other bodies
//! (forms carrying passwords, zip uploads) are not.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ApiError;
use super::http_faults::Dropped;
use super::shared::{Ctx, lock};

/// One request as the simulator saw it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecordedRequest {
    /// `api` (Cloud Controller) or `uaa`.
    pub listener: String,
    pub method: String,
    pub path: String,
    /// The raw query string, without `?`; empty when there was none.
    pub query: String,
    /// The status sent; 0 when a fault dropped the connection instead.
    pub status: u16,
    /// The body, when it was JSON.
    pub body: Option<Value>,
}

/// How many requests the log keeps; a long sandbox session forgets the oldest.
const MAX_LOGGED_REQUESTS: usize = 10_000;

/// Largest JSON body worth keeping in the log.
const MAX_LOGGED_BODY: usize = 64 * 1024;

/// Largest JSON body read at all; a JSON document this big is not a Cloud Controller request.
const MAX_JSON_BODY: usize = 16 * 1024 * 1024;

async fn record(ctx: Ctx, listener: &str, request: Request, next: Next) -> Response {
    ctx.served
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().unwrap_or_default().to_owned();
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    let (request, body) = if is_json {
        let (parts, body) = request.into_parts();
        let Ok(bytes) = to_bytes(body, MAX_JSON_BODY).await else {
            let error = ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                10004,
                "CF-InvalidRequest",
                "The request body is too large",
            );
            return error.into_response();
        };
        let logged = if bytes.len() <= MAX_LOGGED_BODY {
            serde_json::from_slice(&bytes).ok()
        } else {
            None
        };
        (Request::from_parts(parts, Body::from(bytes)), logged)
    } else {
        (request, None)
    };
    let mut response = next.run(request).await;
    // Every Cloud Controller response carries a request id clients log for support cases.
    if let Ok(value) = HeaderValue::from_str(&ctx.guids.next()) {
        response.headers_mut().insert("x-vcap-request-id", value);
    }
    if !path.starts_with("/_simulator") {
        let mut requests = lock(&ctx.requests);
        if requests.len() >= MAX_LOGGED_REQUESTS {
            requests.remove(0);
        }
        requests.push(RecordedRequest {
            listener: listener.to_owned(),
            method,
            path,
            query,
            status: if response.extensions().get::<Dropped>().is_some() {
                0
            } else {
                response.status().as_u16()
            },
            body,
        });
    }
    response
}

pub(crate) async fn record_api(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    record(ctx, "api", request, next).await
}

pub(crate) async fn record_uaa(State(ctx): State<Ctx>, request: Request, next: Next) -> Response {
    record(ctx, "uaa", request, next).await
}
