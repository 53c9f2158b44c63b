//! DC/OS authentication as the ACS and the admin router do it: `POST /acs/api/v1/auth/login`
//! with `{"uid", "password"}` or, for service accounts, `{"uid", "token"}` where the token is an
//! RS256 JWT signed with the account's private key; the answer is `{"token": <ACS token>}`, a
//! JWT with `uid` and `exp` claims. When the cluster requires auth, every other request needs
//! `Authorization: token=<ACS token>` and otherwise gets `401` with `WWW-Authenticate: acsjwt`.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::simulator::CONTROL_PREFIX;
use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response};
use crate::simulator::dcos::cluster::Cluster;

/// The login path; always open.
pub(crate) const LOGIN_PATH: &str = "/acs/api/v1/auth/login";

/// Claims of the ACS tokens the cluster issues.
#[derive(Debug, Serialize, Deserialize)]
struct TokenClaims {
    uid: String,
    exp: u64,
}

/// Claims of a service account's login token; DC/OS asks for `exp` but some clients omit it.
#[derive(Debug, Deserialize)]
struct ServiceLoginClaims {
    uid: String,
    exp: Option<u64>,
}

fn bad_request(description: &str) -> ApiError {
    ApiError {
        status: StatusCode::BAD_REQUEST,
        body: json!({ "title": "Bad Request", "description": description, "code": "ERR_INVALID_DATA" }),
        challenge: false,
    }
}

fn bad_credentials(description: &str) -> ApiError {
    ApiError::unauthorized("Bad credentials", description, "ERR_INVALID_CREDENTIALS")
}

/// `POST /acs/api/v1/auth/login`.
pub(crate) async fn login(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let body: Value =
        serde_json::from_slice(&body).map_err(|_| bad_request("Request has bad JSON."))?;
    let Some(uid) = body.get("uid").and_then(Value::as_str) else {
        return Err(bad_request("Request data is invalid: `uid` is required."));
    };
    if let Some(password) = body.get("password").and_then(Value::as_str) {
        if cluster
            .auth
            .users
            .get(uid)
            .is_none_or(|expected| expected != password)
        {
            return Err(bad_credentials("Invalid username or password."));
        }
    } else if let Some(login_token) = body.get("token").and_then(Value::as_str) {
        verify_service_login(&cluster, uid, login_token)?;
    } else {
        return Err(bad_request(
            "Request data is invalid: `password` or `token` is required.",
        ));
    }
    let now_secs = cluster.clock.now() / 1000;
    let claims = TokenClaims {
        uid: uid.to_owned(),
        exp: now_secs.saturating_add(cluster.timing().token_lifetime_secs),
    };
    let token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&cluster.token_secret),
    )
    .map_err(|error| {
        ApiError::message(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot sign token: {error}"),
        )
    })?;
    Ok(json_response(StatusCode::OK, &json!({ "token": token })))
}

fn lenient(algorithm: Algorithm) -> Validation {
    let mut validation = Validation::new(algorithm);
    // Expiry is checked against the cluster's own clock, which may be a manual one.
    validation.validate_exp = false;
    validation.required_spec_claims = HashSet::new();
    validation
}

fn verify_service_login(cluster: &Cluster, uid: &str, login_token: &str) -> Result<(), ApiError> {
    let Some(public_key) = cluster.auth.service_accounts.get(uid) else {
        return Err(bad_credentials(
            "Service account login failed: unknown uid.",
        ));
    };
    let key = DecodingKey::from_rsa_pem(public_key.as_bytes()).map_err(|_| {
        bad_credentials("Service account login failed: the account's public key is not valid.")
    })?;
    let data =
        jsonwebtoken::decode::<ServiceLoginClaims>(login_token, &key, &lenient(Algorithm::RS256))
            .map_err(|_| bad_credentials("Service account login failed: invalid login token."))?;
    if data.claims.uid != uid {
        return Err(bad_credentials(
            "Service account login failed: uid mismatch.",
        ));
    }
    if data
        .claims
        .exp
        .is_some_and(|exp| exp.saturating_mul(1000) < cluster.clock.now())
    {
        return Err(bad_credentials(
            "Service account login failed: login token expired.",
        ));
    }
    Ok(())
}

/// Checks `Authorization: token=…` on every request when the cluster requires auth.
pub(crate) async fn require_token(
    State(cluster): State<Arc<Cluster>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if !cluster.auth.required || path == LOGIN_PATH || path.starts_with(CONTROL_PREFIX) {
        return next.run(request).await;
    }
    let presented = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("token="));
    let Some(token) = presented else {
        return ApiError::unauthorized(
            "Unauthorized",
            "Authentication required: send `Authorization: token=<ACS token>`.",
            "ERR_MISSING_AUTH_TOKEN",
        )
        .into_response();
    };
    let key = DecodingKey::from_secret(&cluster.token_secret);
    let valid = jsonwebtoken::decode::<TokenClaims>(token, &key, &lenient(Algorithm::HS256))
        .is_ok_and(|data| data.claims.exp.saturating_mul(1000) > cluster.clock.now());
    if !valid {
        return ApiError::unauthorized(
            "Unauthorized",
            "The authentication token is invalid or expired.",
            "ERR_INVALID_AUTH_TOKEN",
        )
        .into_response();
    }
    next.run(request).await
}
