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

/// The Mesos routes, at the root of the admin router. Agents answer under `/agent/<id>` and,
/// as older admin routers also route them, `/slave/<id>`.
pub(crate) fn routes() -> Router<Arc<Cluster>> {
    let mut router = Router::new()
        .route("/mesos/state.json", get(master_state::show))
        .route("/mesos/master/state.json", get(master_state::show))
        .route("/mesos/master/state", get(master_state::show));
    for prefix in ["/agent", "/slave"] {
        let path = |suffix: &str| format!("{prefix}/{{agent_id}}/{suffix}");
        router = router
            .route(&path("slave(1)/state.json"), get(agent_state::show))
            .route(&path("slave(1)/state"), get(agent_state::show))
            .route(&path("files/download"), get(files::download))
            .route(&path("files/download.json"), get(files::download))
            .route(&path("files/read"), get(files::read))
            .route(&path("files/read.json"), get(files::read))
            .route(&path("files/browse"), get(files::browse))
            .route(&path("files/browse.json"), get(files::browse));
    }
    router
}
