//! The admin-router layout of one simulated cluster: Marathon under `/service/marathon`,
//! Metronome under `/service/metronome`, Mesos under `/mesos` and `/agent/<id>`, the ACS login,
//! and the simulator's control API; all behind the token check.

use std::sync::Arc;

use axum::Router;
use axum::http::Uri;
use axum::middleware;
use axum::routing::post;

use crate::simulator::dcos::api_error::ApiError;
use crate::simulator::dcos::auth::{self, LOGIN_PATH};
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::{control, marathon, mesos, metronome};

/// The whole HTTP surface of `cluster`.
pub(crate) fn router(cluster: Arc<Cluster>) -> Router {
    Router::new()
        .nest("/service/marathon", marathon::routes())
        .nest("/service/metronome", metronome::routes())
        .merge(mesos::routes())
        .route(LOGIN_PATH, post(auth::login))
        .merge(control::routes())
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            Arc::clone(&cluster),
            auth::require_token,
        ))
        .with_state(cluster)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::uri_not_found(uri.path())
}
