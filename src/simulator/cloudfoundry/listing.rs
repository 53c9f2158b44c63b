//! The shape every list handler shares: parse the query, render the candidates, filter,
//! order and paginate.

use axum::response::Response;
use serde_json::Value;

use super::error::ApiError;
use super::list_query::{Filter, ListQuery};
use super::pagination::page_response;
use super::shared::Shared;
use super::world::Foundation;

/// What one list endpoint accepts.
pub(crate) struct ListSpec {
    pub(crate) filters: &'static [Filter],
    /// Parameters the endpoint answers itself (joins such as `organization_guids` on apps).
    pub(crate) extra: &'static [&'static str],
    /// Extra `order_by` fields besides `created_at` and `updated_at`.
    pub(crate) orders: &'static [&'static str],
}

/// Answers a list request at `path` (e.g. `/v3/apps`): `render` returns the candidate
/// resources, already narrowed by any endpoint-specific parameters.
pub(crate) fn respond(
    shared: &Shared,
    path: &str,
    spec: &ListSpec,
    params: &[(String, String)],
    render: impl FnOnce(&Foundation, &ListQuery) -> Result<Vec<Value>, ApiError>,
) -> Result<Response, ApiError> {
    let query = ListQuery::parse(params, spec.filters, spec.extra, spec.orders)?;
    let (world, _) = shared.settled();
    let candidates = render(&world, &query)?;
    drop(world);
    let items = query.apply(candidates, spec.filters)?;
    Ok(page_response(items, &query, &shared.url(path)))
}

/// True when `values` (a comma-separated filter) is absent or contains `candidate`.
pub(crate) fn allows(values: Option<&Vec<String>>, candidate: &str) -> bool {
    values.is_none_or(|values| values.iter().any(|value| value == candidate))
}
