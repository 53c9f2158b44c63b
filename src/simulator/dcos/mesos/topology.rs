//! [`Topology`]: the simulated Mesos cluster's fixed shape — its master, agents and the
//! framework ids Marathon and Metronome registered with.

use serde::{Deserialize, Serialize};

use crate::simulator::dcos::ids::IdSource;

/// How many agents each simulated cluster has.
const AGENT_COUNT: usize = 3;

/// One Mesos agent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Agent {
    /// Agent id, `<master uuid>-S<n>` as Mesos forms them.
    pub(crate) id: String,
    /// Private address of the agent (never contacted; only reported).
    pub(crate) hostname: String,
}

/// Master id, agents and framework ids.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct Topology {
    /// The master's id.
    pub(crate) master_id: String,
    /// The agents tasks are placed on, in round-robin order.
    pub(crate) agents: Vec<Agent>,
    /// Framework id of Marathon.
    pub(crate) marathon_framework_id: String,
    /// Framework id of Metronome.
    pub(crate) metronome_framework_id: String,
    /// Placements made so far; picks the next agent.
    pub(crate) placements: u64,
}

impl Topology {
    /// A topology whose ids come from `ids`; the cluster index shapes the agents' addresses.
    pub(crate) fn new(name: &str, ids: &mut IdSource) -> Self {
        let master_id = ids.uuid();
        let subnet = name.bytes().fold(0_u8, u8::wrapping_add);
        let agents = (0..AGENT_COUNT)
            .map(|index| Agent {
                id: format!("{master_id}-S{index}"),
                hostname: format!("10.{subnet}.0.{}", index + 11),
            })
            .collect();
        Self {
            marathon_framework_id: format!("{master_id}-0000"),
            metronome_framework_id: format!("{master_id}-0001"),
            master_id,
            agents,
            placements: 0,
        }
    }

    /// The agent for the next task (round robin).
    pub(crate) fn place(&mut self) -> Agent {
        let count = u64::try_from(self.agents.len()).unwrap_or(1).max(1);
        let index = usize::try_from(self.placements % count).unwrap_or(0);
        self.placements = self.placements.wrapping_add(1);
        self.agents.get(index).cloned().unwrap_or_else(|| Agent {
            id: format!("{}-S0", self.master_id),
            hostname: "10.0.0.11".to_owned(),
        })
    }

    /// The agent with `id`.
    pub(crate) fn agent(&self, id: &str) -> Option<&Agent> {
        self.agents.iter().find(|agent| agent.id == id)
    }
}
