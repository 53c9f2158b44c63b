//! The Cloud Controller v3 error body: `{"errors":[{"code","title","detail"}]}`.
//!
//! Codes and titles follow `cloud_controller_ng` `errors/v2.yml` and the v3 docs; clients branch
//! on `code` and `title`, so those must be exact, while `detail` is free text.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// One v3 API error, rendered as the standard `errors` list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) code: u32,
    pub(crate) title: &'static str,
    pub(crate) detail: String,
}

impl ApiError {
    pub(crate) fn new(
        status: StatusCode,
        code: u32,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Self {
        Self {
            status,
            code,
            title,
            detail: detail.into(),
        }
    }

    /// 404 `CF-ResourceNotFound`, e.g. "App not found".
    pub(crate) fn not_found(kind: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            10010,
            "CF-ResourceNotFound",
            format!("{kind} not found"),
        )
    }

    /// 404 `CF-NotFound` for paths the API does not have.
    pub(crate) fn unknown_request() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            10000,
            "CF-NotFound",
            "Unknown request",
        )
    }

    /// 422 `CF-UnprocessableEntity`, the v3 catch-all for invalid requests.
    pub(crate) fn unprocessable(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            10008,
            "CF-UnprocessableEntity",
            detail,
        )
    }

    /// 400 `CF-MessageParseError`: the body is not the JSON object the endpoint expects.
    pub(crate) fn message_parse(detail: impl std::fmt::Display) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            1001,
            "CF-MessageParseError",
            format!("Request invalid due to parse error: {detail}"),
        )
    }

    /// 400 `CF-BadQueryParameter`.
    pub(crate) fn bad_query(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            10005,
            "CF-BadQueryParameter",
            detail,
        )
    }

    /// 401 `CF-NotAuthenticated`: no token at all.
    pub(crate) fn not_authenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            10002,
            "CF-NotAuthenticated",
            "Authentication error",
        )
    }

    /// 401 `CF-InvalidAuthToken`: a token that is malformed, unknown or expired.
    pub(crate) fn invalid_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            1000,
            "CF-InvalidAuthToken",
            "Invalid Auth Token",
        )
    }

    /// 422 `CF-UniquenessError` (code as documented for v3 app creation).
    pub(crate) fn uniqueness(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            10016,
            "CF-UniquenessError",
            detail,
        )
    }

    /// 422 `CF-StagingInProgress`.
    pub(crate) fn staging_in_progress() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            170_017,
            "CF-StagingInProgress",
            "Only one build can be STAGING at a time per application.",
        )
    }

    /// 403 `CF-FeatureDisabled`.
    pub(crate) fn feature_disabled(flag: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            330_002,
            "CF-FeatureDisabled",
            format!("Feature Disabled: {flag}"),
        )
    }

    /// 422 `CF-ScaleDisabledDuringDeployment`.
    pub(crate) fn scale_disabled_during_deployment() -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            390_016,
            "CF-ScaleDisabledDuringDeployment",
            "Cannot scale this process while a deployment is in flight.",
        )
    }

    /// 429 `CF-RateLimitExceeded` (authenticated callers).
    pub(crate) fn rate_limit_exceeded() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            10013,
            "CF-RateLimitExceeded",
            "Rate Limit Exceeded",
        )
    }

    /// 429 `CF-IPBasedRateLimitExceeded` (unauthenticated callers).
    pub(crate) fn ip_rate_limit_exceeded() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            10014,
            "CF-IPBasedRateLimitExceeded",
            "Rate Limit Exceeded: Unauthenticated requests from this IP address have exceeded the limit. Please log in.",
        )
    }

    /// A 5xx injected by a fault knob, with the title the Cloud Controller uses for that status.
    pub(crate) fn injected_server_error(status: StatusCode) -> Self {
        match status.as_u16() {
            502 => Self::new(status, 10001, "CF-ServerError", "Bad gateway"),
            503 => Self::new(
                status,
                10015,
                "CF-ServiceUnavailable",
                "Service unavailable",
            ),
            _ => Self::new(
                status,
                10001,
                "CF-ServerError",
                "An unknown error occurred.",
            ),
        }
    }

    /// The single error object, as it also appears inside a failed job's `errors`.
    pub(crate) fn to_json(&self) -> Value {
        json!({"detail": self.detail, "title": self.title, "code": self.code})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({"errors": [self.to_json()]}))).into_response()
    }
}
