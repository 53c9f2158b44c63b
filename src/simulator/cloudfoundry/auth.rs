//! Bearer-token authentication of Cloud Controller requests against the tokens UAA issued.
//! Discovery documents are public; everything else needs `Authorization: bearer <token>`
//! (the scheme is case-insensitive, as on the Cloud Controller).

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::ApiError;
use super::shared::{Ctx, lock};
use super::uaa::token_store::TokenProblem;

/// Paths that answer without a token.
pub(crate) fn is_public(path: &str) -> bool {
    matches!(path, "/" | "/v3" | "/v3/" | "/v3/info") || path.starts_with("/_simulator")
}

pub(crate) async fn authenticate(
    State(ctx): State<Ctx>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_public(request.uri().path()) {
        return next.run(request).await;
    }
    let header = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    let Some(header) = header else {
        return ApiError::not_authenticated().into_response();
    };
    let token = match header.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ => return ApiError::invalid_token().into_response(),
    };
    let now = ctx.clock.now();
    let principal = lock(&ctx.world).uaa.authenticate(token, now);
    match principal {
        Ok(principal) => {
            request.extensions_mut().insert(principal);
            next.run(request).await
        }
        Err(TokenProblem::Unknown | TokenProblem::Expired) => {
            ApiError::invalid_token().into_response()
        }
    }
}
