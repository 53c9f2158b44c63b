//! The simulated UAA: the OAuth token endpoint the cf CLI, clouddriver and gennaker log in
//! through, on its own listener. Tokens it issues are checked by the Cloud Controller.

pub(crate) mod form;
pub(crate) mod jwt;
pub(crate) mod token_endpoint;
pub(crate) mod token_store;

use axum::Router;
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};

use super::shared::Ctx;
use super::{http_faults, request_log};

/// UAA's routes, `POST /oauth/token` and the `GET /login` discovery document, behind the
/// request log and the HTTP faults.
pub(crate) fn router(ctx: Ctx) -> Router {
    Router::new()
        .route("/oauth/token", post(token_endpoint::issue))
        .route("/login", get(token_endpoint::login_info))
        .layer(from_fn_with_state(ctx.clone(), http_faults::inject))
        .layer(from_fn_with_state(ctx.clone(), request_log::record_uaa))
        .with_state(ctx)
}
