//! [`SandboxSimulators`]: the simulators behind the sandbox accounts, running in this
//! process — one DC/OS cluster per region of `sandbox-dcos` and the Cloud Foundry of
//! `sandbox-cf` — started empty or from a [`SavedState`], and snapshotted back into one.

use std::collections::BTreeMap;

use anyhow::Context as _;

use super::endpoints::SandboxEndpoints;
use super::saved_state::{SavedCluster, SavedState};
use crate::simulator::cloudfoundry::{CloudFoundryConfig, CloudFoundrySimulator};
use crate::simulator::dcos::{self, ClusterOptions, DcosCluster};

/// The running simulators. Dropping it stops them (each handle stops its own servers).
#[derive(Debug)]
pub(crate) struct SandboxSimulators {
    dcos: BTreeMap<String, DcosCluster>,
    cloud_foundry: CloudFoundrySimulator,
}

impl SandboxSimulators {
    /// Starts one DC/OS cluster per region and a Cloud Foundry on `127.0.0.1` ports, each
    /// restored from `saved` when it holds it. Needs a Tokio runtime.
    pub(crate) async fn start(
        regions: &[String],
        saved: Option<&SavedState>,
    ) -> anyhow::Result<Self> {
        let dcos = dcos::start_regions(regions, ClusterOptions::new)
            .await
            .context("cannot start the DC/OS simulator")?;
        for (region, cluster) in &dcos {
            let Some(saved) = saved.and_then(|saved| saved.dcos.get(region)) else {
                continue;
            };
            cluster.restore(saved.state.clone()).map_err(|reason| {
                anyhow::anyhow!("cannot restore DC/OS region `{region}`: {reason}")
            })?;
            cluster.set_faults(saved.faults.clone()).map_err(|reason| {
                anyhow::anyhow!("cannot restore the faults of `{region}`: {reason}")
            })?;
        }
        let config = CloudFoundryConfig {
            restore: saved
                .map(|saved| saved.cloudfoundry.clone())
                .filter(|snapshot| !snapshot.is_null()),
            ..CloudFoundryConfig::default()
        };
        let cloud_foundry = CloudFoundrySimulator::start(&config)
            .context("cannot start the Cloud Foundry simulator")?;
        Ok(Self {
            dcos,
            cloud_foundry,
        })
    }

    /// Where they answer.
    pub(crate) fn endpoints(&self) -> SandboxEndpoints {
        SandboxEndpoints {
            dcos: self
                .dcos
                .iter()
                .map(|(region, cluster)| (region.clone(), cluster.base_url().to_owned()))
                .collect(),
            cloudfoundry_api: self.cloud_foundry.api_url().to_owned(),
            cloudfoundry_uaa: self.cloud_foundry.uaa_url().to_owned(),
        }
    }

    /// Everything they hold now, faults included.
    pub(crate) fn snapshot(&self) -> SavedState {
        let dcos = self
            .dcos
            .iter()
            .map(|(region, cluster)| {
                let saved = SavedCluster {
                    state: cluster.snapshot(),
                    faults: cluster.faults(),
                };
                (region.clone(), saved)
            })
            .collect();
        SavedState::new(dcos, self.cloud_foundry.snapshot())
    }

    /// Requests received by all of them so far; unchanged means nobody called in between.
    pub(crate) fn requests_served(&self) -> u64 {
        self.dcos
            .values()
            .map(DcosCluster::requests_served)
            .fold(self.cloud_foundry.requests_served(), u64::wrapping_add)
    }

    /// Stops every server and waits for the Cloud Foundry thread.
    pub(crate) fn shutdown(self) {
        for cluster in self.dcos.values() {
            cluster.shutdown();
        }
        self.cloud_foundry.shutdown();
    }
}
