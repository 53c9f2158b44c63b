//! `POST /v3/resource_matches`: which of the listed files the foundation already has, so a
//! client can leave them out of a bits upload. The simulator keeps no file cache, so the
//! answer is always "none of them" — clients then upload everything, which is always correct.

use axum::Json;
use axum::body::Bytes;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::body::{parse_object, reject_unknown_keys};
use super::error::ApiError;

pub(crate) async fn create(body: Bytes) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(&object, &["resources"])?;
    match object.get("resources") {
        Some(Value::Array(_)) => {
            Ok((StatusCode::CREATED, Json(json!({"resources": []}))).into_response())
        }
        _ => Err(ApiError::unprocessable("Resources must be an array")),
    }
}
