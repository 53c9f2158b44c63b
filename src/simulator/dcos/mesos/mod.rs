//! Mesos as DC/OS's admin router exposes it: the master state under `/mesos`, and each agent's
//! state and files API under `/agent/<agentId>`. Together they let clients find a Metronome
//! run's sandbox and read the files its command wrote.

pub(crate) mod agent_state;
pub(crate) mod files;
pub(crate) mod master_state;
pub(crate) mod sandbox;
pub(crate) mod topology;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::simulator::dcos::cluster::Cluster;

/// The Mesos routes, at the root of the admin router.
pub(crate) fn routes() -> Router<Arc<Cluster>> {
    Router::new()
        .route("/mesos/state.json", get(master_state::show))
        .route("/mesos/master/state.json", get(master_state::show))
        .route("/mesos/master/state", get(master_state::show))
        .route(
            "/agent/{agent_id}/slave(1)/state.json",
            get(agent_state::show),
        )
        .route("/agent/{agent_id}/slave(1)/state", get(agent_state::show))
        .route("/agent/{agent_id}/files/download", get(files::download))
        .route(
            "/agent/{agent_id}/files/download.json",
            get(files::download),
        )
        .route("/agent/{agent_id}/files/read", get(files::read))
        .route("/agent/{agent_id}/files/read.json", get(files::read))
        .route("/agent/{agent_id}/files/browse", get(files::browse))
        .route("/agent/{agent_id}/files/browse.json", get(files::browse))
}
