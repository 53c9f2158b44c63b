//! Turns the framework's own plain-text rejections (an undecodable path segment, a body over
//! the size limit, a missing multipart boundary the handler could not see) into Cloud
//! Controller error bodies, so every error a client gets has the documented `errors` shape.

use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;

pub(crate) async fn as_cloud_controller_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/json"));
    // 429s are JSON served as text/plain on purpose (the Cloud Controller's quirk).
    if is_json || status.as_u16() < 400 || status == StatusCode::TOO_MANY_REQUESTS {
        return response;
    }
    let detail = match status {
        StatusCode::PAYLOAD_TOO_LARGE => "The request body is too large".to_owned(),
        _ => format!(
            "The request is invalid: {}",
            status.canonical_reason().unwrap_or("bad request")
        ),
    };
    let error = if status.is_server_error() {
        ApiError::injected_server_error(status)
    } else {
        ApiError::new(status, 10004, "CF-InvalidRequest", detail)
    };
    let mut rewritten = error.into_response();
    // Keep the marker of a dropped connection and anything else the inner layers attached.
    *rewritten.extensions_mut() = response.extensions().clone();
    rewritten
}
