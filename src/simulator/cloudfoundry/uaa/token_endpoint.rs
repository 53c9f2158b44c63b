//! `POST /oauth/token` with the `password`, `client_credentials` and `refresh_token` grants, and
//! UAA's OAuth error bodies (`{"error","error_description"}`).
//!
//! Client authentication is accepted both ways real clients send it: HTTP Basic (the cf CLI
//! sends `cf:` — client `cf`, empty secret) or `client_id`/`client_secret` form fields
//! (clouddriver).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::super::shared::{Ctx, lock};
use super::form::{basic_credentials, field, parse_form};
use super::token_store::{Issue, IssuedToken, Principal};

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    let mut response = (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response();
    if status == StatusCode::UNAUTHORIZED {
        let challenge = format!(
            "Bearer realm=\"UAA/oauth\", error=\"{error}\", error_description=\"{description}\""
        );
        if let Ok(value) = challenge.parse() {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
    }
    response
}

fn bad_credentials() -> Response {
    oauth_error(StatusCode::UNAUTHORIZED, "unauthorized", "Bad credentials")
}

/// Issues tokens.
pub(crate) async fn issue(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    let form = parse_form(&body);
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let (client_id, client_secret) = match basic_credentials(authorization) {
        Some(credentials) => credentials,
        None => match field(&form, "client_id") {
            Some(id) => (
                id.to_owned(),
                field(&form, "client_secret").unwrap_or_default().to_owned(),
            ),
            None => {
                return oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "Full authentication is required to access this resource",
                );
            }
        },
    };
    let Some(grant_type) = field(&form, "grant_type") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing grant type",
        );
    };
    let now = ctx.clock.now();
    let mut world = lock(&ctx.world);
    let store = &mut world.uaa;
    let Some(client) = store
        .client(&client_id)
        .filter(|client| client.secret == client_secret)
        .cloned()
    else {
        return bad_credentials();
    };
    if !matches!(
        grant_type,
        "password" | "client_credentials" | "refresh_token"
    ) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("Unsupported grant type: {grant_type}"),
        );
    }
    if !client
        .grant_types
        .iter()
        .any(|allowed| allowed == grant_type)
    {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            &format!("Unauthorized grant type: {grant_type}"),
        );
    }
    let principal = match grant_type {
        "password" => {
            let (Some(username), Some(password)) =
                (field(&form, "username"), field(&form, "password"))
            else {
                return bad_credentials();
            };
            match store
                .user(username)
                .filter(|user| user.password == password)
            {
                Some(user) => Principal {
                    id: user.guid.clone(),
                    name: user.username.clone(),
                    is_user: true,
                },
                None => return bad_credentials(),
            }
        }
        "client_credentials" => Principal {
            id: client.id.clone(),
            name: client.id.clone(),
            is_user: false,
        },
        _ => {
            let presented = field(&form, "refresh_token").unwrap_or_default();
            match store.find_refresh(presented) {
                Some(token) if now < token.refresh_expires_at && token.client_id == client.id => {
                    token.principal.clone()
                }
                Some(token) if now >= token.refresh_expires_at => {
                    return oauth_error(
                        StatusCode::UNAUTHORIZED,
                        "invalid_token",
                        &format!(
                            "Invalid refresh token (expired): {presented} expired at {}",
                            token.refresh_expires_at / 1000
                        ),
                    );
                }
                _ => {
                    return oauth_error(
                        StatusCode::UNAUTHORIZED,
                        "invalid_token",
                        "Invalid refresh token: token not found",
                    );
                }
            }
        }
    };
    let issue = Issue {
        now,
        timing: &ctx.timing,
        guids: &ctx.guids,
        uaa_url: &ctx.uaa_url,
        grant_type,
    };
    let token = store.issue(principal, &client.id, &issue);
    drop(world);
    token_response(&token, now)
}

fn token_response(token: &IssuedToken, now: u64) -> Response {
    let mut body = json!({
        "access_token": token.access_token,
        "token_type": "bearer",
        "expires_in": token.access_expires_at.saturating_sub(now) / 1000,
        "scope": token.scope.join(" "),
        "jti": token.jti,
    });
    if let Some(refresh) = &token.refresh_token {
        body["refresh_token"] = json!(refresh);
    }
    let mut response = Json(body).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

/// `GET /login`: the discovery document the cf CLI reads for prompts.
pub(crate) async fn login_info(State(ctx): State<Ctx>) -> Response {
    Json(json!({
        "app": {"version": "77.10.0"},
        "showLinks": true,
        "links": {"uaa": ctx.uaa_url, "passwd": "/forgot_password", "login": ctx.uaa_url, "register": "/create_account"},
        "zone_name": "uaa",
        "entityID": "uaa.sandbox.local",
        "commit_id": "simulated",
        "idpDefinitions": {},
        "prompts": {"username": ["text", "Email"], "password": ["password", "Password"]},
        "timestamp": super::super::clock::iso8601(now_of(&ctx)),
    }))
    .into_response()
}

fn now_of(ctx: &Ctx) -> u64 {
    ctx.clock.now()
}
