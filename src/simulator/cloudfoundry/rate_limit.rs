//! The Cloud Controller's general rate limiter: a fixed window of `general_limit` requests per
//! user (per IP for unauthenticated requests). Every limited response carries
//! `X-RateLimit-Limit`, `X-RateLimit-Remaining` (an estimate rounded down to 10% steps of the
//! limit, as CC reports it) and `X-RateLimit-Reset` (epoch seconds); past the limit the answer
//! is 429 with `Retry-After`.

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use super::clock::Millis;
use super::connection::Peer;
use super::error::ApiError;
use super::http_faults::throttled;
use super::shared::{Ctx, lock};
use super::uaa::token_store::Principal;

/// One caller's current window.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Window {
    started_at: Millis,
    count: u32,
}

fn exempt(path: &str) -> bool {
    matches!(path, "/" | "/v3" | "/v3/") || path.starts_with("/_simulator")
}

fn set_headers(headers: &mut HeaderMap, limit: u32, remaining: u32, reset_at: Millis) {
    let step = (limit / 10).max(1);
    headers.insert("x-ratelimit-limit", HeaderValue::from(limit));
    headers.insert(
        "x-ratelimit-remaining",
        HeaderValue::from(remaining / step * step),
    );
    headers.insert("x-ratelimit-reset", HeaderValue::from(reset_at / 1000));
}

pub(crate) async fn limit(
    State(ctx): State<Ctx>,
    ConnectInfo(peer): ConnectInfo<Peer>,
    request: Request,
    next: Next,
) -> Response {
    let Some(config) = ctx.rate_limit.clone() else {
        return next.run(request).await;
    };
    if exempt(request.uri().path()) {
        return next.run(request).await;
    }
    let principal = request.extensions().get::<Principal>().cloned();
    let (key, limit, over_limit_error) = match &principal {
        Some(principal) => (
            format!("user:{}", principal.id),
            config.general_limit,
            ApiError::rate_limit_exceeded(),
        ),
        None => (
            format!("ip:{}", peer.address.ip()),
            config.unauthenticated_limit,
            ApiError::ip_rate_limit_exceeded(),
        ),
    };
    let now = ctx.clock.now();
    let (count, reset_at) = {
        let mut windows = lock(&ctx.rate_windows);
        let window = windows.entry(key).or_insert(Window {
            started_at: now,
            count: 0,
        });
        if now >= window.started_at.saturating_add(config.reset_interval_ms) {
            *window = Window {
                started_at: now,
                count: 0,
            };
        }
        window.count = window.count.saturating_add(1);
        (
            window.count,
            window.started_at.saturating_add(config.reset_interval_ms),
        )
    };
    if count > limit {
        let retry_after = reset_at.saturating_sub(now).div_ceil(1000).max(1);
        let mut response = throttled(retry_after, over_limit_error);
        set_headers(response.headers_mut(), limit, 0, reset_at);
        return response;
    }
    let mut response = next.run(request).await;
    set_headers(response.headers_mut(), limit, limit - count, reset_at);
    response
}
