//! Marathon v2 as DC/OS serves it under `/service/marathon`: apps, groups, deployments, tasks,
//! the event stream and the service endpoints.
//!
//! Models: [`app`], [`task`], [`deployment`], [`events`]. Rules: [`app_definition`] (validation
//! and defaults), [`changes`] (what a client change does), [`reconcile`] (what time does).
//! Handlers: [`apps`], [`groups`], [`deployments`], [`tasks`], [`info`].

pub(crate) mod app;
pub(crate) mod app_batch;
pub(crate) mod app_definition;
pub(crate) mod app_info;
pub(crate) mod apps;
pub(crate) mod changes;
pub(crate) mod deployment;
pub(crate) mod deployments;
pub(crate) mod events;
pub(crate) mod groups;
pub(crate) mod info;
pub(crate) mod reconcile;
pub(crate) mod task;
pub(crate) mod tasks;

use std::sync::Arc;

use axum::Router;
use axum::routing::{delete, get, post};

use crate::simulator::dcos::cluster::Cluster;

/// Marathon's routes, relative to its base path.
pub(crate) fn routes() -> Router<Arc<Cluster>> {
    Router::new()
        .route(
            "/v2/apps",
            get(apps::list)
                .post(apps::create)
                .put(app_batch::replace)
                .patch(app_batch::patch),
        )
        .route(
            "/v2/apps/{*rest}",
            get(apps::show)
                .put(apps::replace)
                .patch(apps::patch)
                .delete(apps::remove)
                .post(apps::action),
        )
        .route("/v2/deployments", get(deployments::list))
        .route("/v2/deployments/{id}", delete(deployments::cancel))
        .route("/v2/tasks", get(tasks::list))
        .route("/v2/tasks/delete", post(tasks::delete))
        .route("/v2/groups", get(groups::show).post(groups::upsert))
        .route(
            "/v2/groups/{*rest}",
            get(groups::show).put(groups::upsert).delete(groups::delete),
        )
        .route("/v2/events", get(events::stream))
        .route("/v2/info", get(info::info))
        .route("/v2/leader", get(info::leader))
        .route("/v2/queue", get(info::queue))
        .route("/ping", get(info::ping))
}
