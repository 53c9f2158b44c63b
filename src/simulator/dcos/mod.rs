//! The DC/OS simulator: one simulated cluster per region, each on its own `127.0.0.1` port and
//! laid out like a real cluster's admin router (Marathon v2, Metronome v1, Mesos master and
//! agent files, ACS login).
//!
//! Start with [`DcosCluster::start`]; the handle owns the cluster's server and ticker and stops
//! both when dropped. Layout of this module:
//! - [`cluster`]: the shared core (state, clock, timing, faults, events);
//! - [`state`]: the serde model of everything a cluster holds (snapshots);
//! - [`marathon`], [`metronome`], [`mesos`], [`auth`]: the APIs;
//! - [`control`]: the simulator's own `/__simulator` API (faults, state, request log, clock);
//! - [`overview`]: what runs where, compactly (`/__simulator/overview`);
//! - [`options`], [`clock`], [`ids`], [`query`], [`api_error`]: small shared pieces.
//!
//! `docs/simulators.md` describes the behaviour for operators, with the known differences from
//! real DC/OS.

pub(crate) mod api_error;
pub(crate) mod auth;
pub(crate) mod clock;
pub(crate) mod cluster;
pub(crate) mod control;
pub(crate) mod ids;
pub(crate) mod marathon;
pub(crate) mod mesos;
pub(crate) mod metronome;
pub(crate) mod options;
pub(crate) mod overview;
pub(crate) mod query;
pub(crate) mod router;
pub(crate) mod state;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::simulator::dcos::cluster::Cluster;
pub use crate::simulator::dcos::options::{AuthOptions, ClusterOptions, Timing};
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::fault::Faults;
use crate::simulator::request_log::RecordedRequest;

/// How often time-driven changes (task starts, health, run progress) are applied.
const TICK: Duration = Duration::from_millis(10);

/// A running simulated DC/OS cluster. Dropping the handle stops its server and ticker.
#[derive(Debug)]
pub struct DcosCluster {
    cluster: Arc<Cluster>,
    base_url: String,
    shutdown: watch::Sender<bool>,
}

impl DcosCluster {
    /// Starts a cluster on a fresh `127.0.0.1` port. Needs a Tokio runtime.
    pub async fn start(options: ClusterOptions) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        Self::start_on(listener, options)
    }

    /// Starts a cluster serving on `listener`.
    pub fn start_on(listener: TcpListener, options: ClusterOptions) -> std::io::Result<Self> {
        let address = listener.local_addr()?;
        let cluster = Arc::new(Cluster::new(options));
        let (shutdown, receiver) = watch::channel(false);
        let app = router::router(Arc::clone(&cluster));
        tokio::spawn(crate::simulator::server::serve(
            listener,
            app,
            Arc::clone(&cluster.controls),
            receiver.clone(),
        ));
        tokio::spawn(tick(Arc::clone(&cluster), receiver));
        Ok(Self {
            cluster,
            base_url: format!("http://{address}"),
            shutdown,
        })
    }

    /// The cluster's base URL, `http://127.0.0.1:PORT` (Marathon is under `/service/marathon`).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The cluster's name.
    pub fn name(&self) -> &str {
        &self.cluster.name
    }

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.cluster.controls.faults()
    }

    /// Replaces the faults.
    pub fn set_faults(&self, faults: Faults) -> Result<(), String> {
        faults.validate()?;
        self.cluster.controls.set_faults(faults);
        Ok(())
    }

    /// Replaces the timing.
    pub fn set_timing(&self, timing: Timing) {
        self.cluster.set_timing(timing);
    }

    /// Every request received so far, oldest first (control API calls excluded).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.cluster.controls.requests()
    }

    /// How many requests the cluster received, control API calls included; it grows with
    /// every request, so an unchanged count means nobody called.
    pub fn requests_served(&self) -> u64 {
        self.cluster.controls.requests_served()
    }

    /// The whole state, as a snapshot file holds it.
    pub fn snapshot(&self) -> ClusterState {
        self.cluster.snapshot()
    }

    /// Replaces the whole state with `state`; refuses a state of another snapshot format.
    pub fn restore(&self, state: ClusterState) -> Result<(), String> {
        self.cluster.restore(state)
    }

    /// Writes the state as JSON to `path`.
    pub fn save_snapshot(&self, path: &Path) -> std::io::Result<()> {
        let json = serde_json::to_vec_pretty(&self.snapshot()).map_err(std::io::Error::other)?;
        std::fs::write(path, json)
    }

    /// Replaces the state with the one saved at `path`.
    pub fn load_snapshot(&self, path: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(path)?;
        let state: ClusterState = serde_json::from_slice(&bytes)
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidData, error))?;
        self.restore(state)
            .map_err(|reason| std::io::Error::new(std::io::ErrorKind::InvalidData, reason))
    }

    /// Moves a manual clock forward and applies the time; `false` for a wall-clock cluster.
    pub fn advance_clock(&self, by: Duration) -> bool {
        let millis = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
        let moved = self.cluster.clock.advance(millis);
        if moved {
            self.cluster.tick();
        }
        moved
    }

    /// Stops the server and the ticker (also done on drop).
    pub fn shutdown(&self) {
        self.shutdown.send_replace(true);
    }
}

impl Drop for DcosCluster {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Starts one cluster per region, each from `options(region)`.
pub(crate) async fn start_regions(
    regions: &[String],
    options: impl Fn(&str) -> ClusterOptions,
) -> std::io::Result<BTreeMap<String, DcosCluster>> {
    let mut clusters = BTreeMap::new();
    for region in regions {
        clusters.insert(region.clone(), DcosCluster::start(options(region)).await?);
    }
    Ok(clusters)
}

/// Applies the passing of time until shutdown.
async fn tick(cluster: Arc<Cluster>, mut shutdown: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(TICK);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = interval.tick() => cluster.tick(),
            _ = shutdown.wait_for(|stop| *stop) => return,
        }
    }
}
