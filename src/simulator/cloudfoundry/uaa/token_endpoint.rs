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

use super::super::clock::Millis;
use super::super::shared::{Ctx, lock};
use super::form::{basic_credentials, field, parse_form};
use super::token_store::{Client, Issue, IssuedToken, Principal, TokenStore};

/// An OAuth error: `{"error","error_description"}` with its status, and a `WWW-Authenticate`
/// challenge on 401 as UAA sends.
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let Self {
            status,
            error,
            description,
        } = self;
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
}

fn oauth_error(status: StatusCode, error: &'static str, description: &str) -> OAuthError {
    OAuthError {
        status,
        error,
        description: description.to_owned(),
    }
}

fn bad_credentials() -> OAuthError {
    oauth_error(StatusCode::UNAUTHORIZED, "unauthorized", "Bad credentials")
}

/// The client's id and secret, from HTTP Basic or from the form.
fn client_credentials(
    headers: &HeaderMap,
    form: &[(String, String)],
) -> Result<(String, String), OAuthError> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if let Some(credentials) = basic_credentials(authorization) {
        return Ok(credentials);
    }
    match field(form, "client_id") {
        Some(id) => Ok((
            id.to_owned(),
            field(form, "client_secret").unwrap_or_default().to_owned(),
        )),
        None => Err(oauth_error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "Full authentication is required to access this resource",
        )),
    }
}

/// Who the grant is for: the user (password), the client itself (`client_credentials`) or
/// whoever the refresh token was issued to.
fn principal(
    store: &TokenStore,
    client: &Client,
    grant_type: &str,
    form: &[(String, String)],
    now: Millis,
) -> Result<Principal, OAuthError> {
    match grant_type {
        "password" => {
            let (Some(username), Some(password)) =
                (field(form, "username"), field(form, "password"))
            else {
                return Err(bad_credentials());
            };
            store
                .user(username)
                .filter(|user| user.password == password)
                .map(|user| Principal {
                    id: user.guid.clone(),
                    name: user.username.clone(),
                    is_user: true,
                })
                .ok_or_else(bad_credentials)
        }
        "client_credentials" => Ok(Principal {
            id: client.id.clone(),
            name: client.id.clone(),
            is_user: false,
        }),
        _ => {
            let presented = field(form, "refresh_token").unwrap_or_default();
            match store.find_refresh(presented) {
                Some(token) if now >= token.refresh_expires_at => Err(oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    &format!(
                        "Invalid refresh token (expired): {presented} expired at {}",
                        token.refresh_expires_at / 1000
                    ),
                )),
                Some(token) if token.client_id == client.id => Ok(token.principal.clone()),
                _ => Err(oauth_error(
                    StatusCode::UNAUTHORIZED,
                    "invalid_token",
                    "Invalid refresh token: token not found",
                )),
            }
        }
    }
}

/// Issues tokens.
pub(crate) async fn issue(State(ctx): State<Ctx>, headers: HeaderMap, body: Bytes) -> Response {
    issue_token(&ctx, &headers, &body).unwrap_or_else(IntoResponse::into_response)
}

fn issue_token(ctx: &Ctx, headers: &HeaderMap, body: &[u8]) -> Result<Response, OAuthError> {
    let form = parse_form(body);
    let (client_id, client_secret) = client_credentials(headers, &form)?;
    let Some(grant_type) = field(&form, "grant_type") else {
        return Err(oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing grant type",
        ));
    };
    let now = ctx.clock.now();
    let mut world = lock(&ctx.world);
    let store = &mut world.uaa;
    let Some(client) = store
        .client(&client_id)
        .filter(|client| client.secret == client_secret)
        .cloned()
    else {
        return Err(bad_credentials());
    };
    if !matches!(
        grant_type,
        "password" | "client_credentials" | "refresh_token"
    ) {
        return Err(oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("Unsupported grant type: {grant_type}"),
        ));
    }
    if !client
        .grant_types
        .iter()
        .any(|allowed| allowed == grant_type)
    {
        return Err(oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            &format!("Unauthorized grant type: {grant_type}"),
        ));
    }
    let principal = principal(store, &client, grant_type, &form, now)?;
    let issue = Issue {
        now,
        timing: &ctx.timing,
        guids: &ctx.guids,
        uaa_url: &ctx.uaa_url,
        grant_type,
    };
    let token = store.issue(principal, &client.id, &issue);
    drop(world);
    Ok(token_response(&token, now))
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
