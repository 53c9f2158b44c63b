//! Feature flags (`/v3/feature_flags`): only `diego_docker` is simulated, since it is the one
//! that changes what a deploy may do (docker lifecycles); its value comes from the config.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::error::ApiError;
use super::list_query::{ListQuery, filter};
use super::pagination::page_response;
use super::shared::{Ctx, Params, Shared};

fn diego_docker(shared: &Shared) -> Value {
    json!({
        "name": "diego_docker",
        "enabled": shared.docker_enabled,
        "updated_at": null,
        "custom_error_message": null,
        "links": {"self": {"href": shared.url("/v3/feature_flags/diego_docker")}},
    })
}

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    let filters = [filter("names", "/name")];
    let query = ListQuery::parse(&params, &filters, &[], &["name"])?;
    let items = query.apply(vec![diego_docker(&ctx)], &filters)?;
    Ok(page_response(items, &query, &ctx.url("/v3/feature_flags")))
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(name): Path<String>,
) -> Result<Response, ApiError> {
    if name == "diego_docker" {
        Ok(Json(diego_docker(&ctx)).into_response())
    } else {
        Err(ApiError::not_found("Feature flag"))
    }
}
