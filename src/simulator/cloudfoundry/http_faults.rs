//! Per-request HTTP faults (see [`super::faults::HttpFaults`]): latency first, then a dropped
//! connection, a forced or random 5xx, or a random 429 — in that order of precedence.

use std::time::Duration;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::connection::Peer;
use super::error::ApiError;
use super::shared::{Ctx, lock};

/// Marks a response that was never sent because its connection was cut.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dropped;

enum Verdict {
    Pass,
    Drop,
    ServerError(StatusCode),
    Throttle(u64),
}

pub(crate) async fn inject(
    State(ctx): State<Ctx>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let (latency, verdict) = {
        let mut world = lock(&ctx.world);
        let faults = &mut world.faults.http;
        if path.starts_with("/_simulator") || !path.starts_with(faults.path_prefix.as_str()) {
            (0, Verdict::Pass)
        } else {
            let status = StatusCode::from_u16(faults.server_error_status)
                .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            let mut dice = lock(&ctx.dice);
            let verdict = if dice.roll(faults.drop_rate) {
                Verdict::Drop
            } else if faults.fail_next > 0 {
                faults.fail_next -= 1;
                Verdict::ServerError(status)
            } else if dice.roll(faults.server_error_rate) {
                Verdict::ServerError(status)
            } else if dice.roll(faults.throttle_rate) {
                Verdict::Throttle(faults.retry_after_seconds)
            } else {
                Verdict::Pass
            };
            (faults.latency_ms, verdict)
        }
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    match verdict {
        Verdict::Pass => next.run(request).await,
        Verdict::Drop => {
            peer.switch.cut();
            let mut response = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            response.extensions_mut().insert(Dropped);
            response
        }
        Verdict::ServerError(status) => ApiError::injected_server_error(status).into_response(),
        Verdict::Throttle(seconds) => throttled(seconds, ApiError::rate_limit_exceeded()),
    }
}

/// A 429 as the Cloud Controller sends it: JSON error body, yet `Content-Type: text/plain`.
pub(crate) fn throttled(retry_after_seconds: u64, error: ApiError) -> Response {
    let mut response = error.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_seconds));
    response
}
