//! [`ApiError`]: an error answer in the exact shape the real service documents. Marathon and
//! Metronome answer `{"message": …}` with optional `details` or `deployments`; the ACS answers
//! `{"title", "description", "code"}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// An error response: a status and a JSON body.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
    /// Adds `WWW-Authenticate: acsjwt`, as the admin router does on 401.
    pub(crate) challenge: bool,
}

/// Handlers answer with a JSON response or an [`ApiError`].
pub(crate) type ApiResult = Result<Response, ApiError>;

impl ApiError {
    /// `{"message": message}` with `status`.
    pub(crate) fn message(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            body: json!({ "message": message.into() }),
            challenge: false,
        }
    }

    /// `404` for a path no route matches (Marathon's form).
    pub(crate) fn uri_not_found(path: &str) -> Self {
        Self::message(StatusCode::NOT_FOUND, format!("URI not found: {path}"))
    }

    /// `400 Invalid JSON` with one detail, as Marathon and Metronome report unparsable or
    /// mistyped bodies.
    pub(crate) fn invalid_json(path: &str, error: &str) -> Self {
        Self {
            status: StatusCode::BAD_REQUEST,
            body: json!({
                "message": "Invalid JSON",
                "details": [{ "path": path, "errors": [error] }],
            }),
            challenge: false,
        }
    }

    /// `422 Object is not valid` with every violation found.
    pub(crate) fn not_valid(details: &[Violation]) -> Self {
        let details: Vec<Value> = details
            .iter()
            .map(|violation| json!({ "path": violation.path, "errors": [violation.error] }))
            .collect();
        Self {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            body: json!({ "message": "Object is not valid", "details": details }),
            challenge: false,
        }
    }

    /// A `401` from the ACS or the admin router.
    pub(crate) fn unauthorized(title: &str, description: &str, code: &str) -> Self {
        Self {
            status: StatusCode::UNAUTHORIZED,
            body: json!({ "title": title, "description": description, "code": code }),
            challenge: true,
        }
    }
}

/// One validation failure: a JSON pointer into the request body and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Violation {
    pub(crate) path: String,
    pub(crate) error: String,
}

impl Violation {
    pub(crate) fn new(path: &str, error: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            error: error.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, json_body(&self.body)).into_response();
        if self.challenge {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("acsjwt"));
        }
        response
    }
}

/// A JSON response with `status`.
pub(crate) fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, json_body(body)).into_response()
}

fn json_body(body: &Value) -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
}

/// Parses a request body as a JSON value, answering Marathon's `400 Invalid JSON` otherwise.
pub(crate) fn parse_body(bytes: &[u8]) -> Result<Value, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::invalid_json("/", "error.expected.jsobject"));
    }
    serde_json::from_slice(bytes)
        .map_err(|error| ApiError::invalid_json("/", &format!("error.invalid.json: {error}")))
}
