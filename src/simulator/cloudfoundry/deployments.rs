//! Zero-downtime deployments (`/v3/deployments`): the model and how it advances. Handlers are
//! in [`super::deployment_actions`].
//!
//! Creating one makes the droplet current and starts a new web process (new guid, type
//! `web-deployment-<guid>`) with `max_in_flight` instances. **Rolling**: each time all new
//! instances are RUNNING, the new process grows and the old one shrinks by `max_in_flight`;
//! once the new one has every instance, the old web process is removed and the new one
//! becomes `web`: FINALIZED/DEPLOYED. **Canary**: the new process first grows to each step's
//! `instance_weight` percent of the instances (one instance when no steps are given) and the
//! deployment pauses (ACTIVE/PAUSED) until `actions/continue`; after the last step it rolls
//! out like a rolling deployment. If new instances never become RUNNING the deployment stays
//! ACTIVE/DEPLOYING, as on a real foundation, until it is canceled.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::apps::AppState;
use super::body::Metadata;
use super::clock::{Millis, iso8601};
use super::process_stats::running_from;
use super::shared::Shared;
use super::world::Foundation;

/// `status.reason` of a deployment; `status.value` follows from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Reason {
    /// ACTIVE: instances are being replaced.
    Deploying,
    /// ACTIVE: a canary step is done; waiting for `actions/continue`.
    Paused,
    /// FINALIZED: the new droplet runs every web instance.
    Deployed,
    /// FINALIZED: canceled; the previous droplet runs again.
    Canceled,
    /// FINALIZED: a newer deployment of the same app took over.
    Superseded,
}

impl Reason {
    fn value(self) -> &'static str {
        if matches!(self, Self::Deploying | Self::Paused) {
            "ACTIVE"
        } else {
            "FINALIZED"
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Deploying => "DEPLOYING",
            Self::Paused => "PAUSED",
            Self::Deployed => "DEPLOYED",
            Self::Canceled => "CANCELED",
            Self::Superseded => "SUPERSEDED",
        }
    }
}

/// The canary steps of a deployment and where it is in them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CanaryPlan {
    /// `instance_weight` percentages; empty means one step of a single instance.
    pub(crate) weights: Vec<u32>,
    /// The step under way or paused at, from 1.
    pub(crate) current: u32,
    /// Past the last step: rolling out to every instance.
    pub(crate) released: bool,
}

impl CanaryPlan {
    pub(crate) fn total(&self) -> u32 {
        u32::try_from(self.weights.len()).unwrap_or(u32::MAX).max(1)
    }

    /// How many new instances the current step wants, out of `target`.
    fn goal(&self, target: u32) -> u32 {
        let index = self.current.saturating_sub(1) as usize;
        match self.weights.get(index) {
            None => 1.min(target),
            Some(weight) => (u64::from(target) * u64::from(*weight))
                .div_ceil(100)
                .clamp(1, u64::from(target)) as u32,
        }
    }
}

/// A deployment of a droplet to an app.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Deployment {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) reason: Reason,
    /// `None` for rolling deployments.
    #[serde(default)]
    pub(crate) canary: Option<CanaryPlan>,
    pub(crate) max_in_flight: u32,
    pub(crate) target_instances: u32,
    pub(crate) droplet_guid: String,
    pub(crate) previous_droplet_guid: Option<String>,
    pub(crate) new_process_guid: String,
    pub(crate) old_process_guid: Option<String>,
    pub(crate) old_instances: u32,
    pub(crate) last_status_change: Millis,
    pub(crate) last_successful_healthcheck: Millis,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Deployment {
    pub(crate) fn is_active(&self) -> bool {
        matches!(self.reason, Reason::Deploying | Reason::Paused)
    }

    /// How many new instances the deployment is heading for right now.
    pub(crate) fn goal(&self) -> u32 {
        match &self.canary {
            Some(plan) if !plan.released => plan.goal(self.target_instances),
            _ => self.target_instances,
        }
    }

    pub(crate) fn to_json(&self, world: &Foundation, base: &str) -> Value {
        let guid = &self.guid;
        let new_type = world
            .process(&self.new_process_guid)
            .map_or("web", |process| process.kind.as_str());
        let mut links = json!({
            "self": {"href": format!("{base}/v3/deployments/{guid}")},
            "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
        });
        if self.is_active() {
            links["cancel"] = json!({"href": format!("{base}/v3/deployments/{guid}/actions/cancel"), "method": "POST"});
        }
        if self.reason == Reason::Paused {
            links["continue"] = json!({"href": format!("{base}/v3/deployments/{guid}/actions/continue"), "method": "POST"});
        }
        let mut body = json!({
            "guid": guid,
            "status": {
                "value": self.reason.value(),
                "reason": self.reason.as_str(),
                "details": {
                    "last_successful_healthcheck": iso8601(self.last_successful_healthcheck),
                    "last_status_change": iso8601(self.last_status_change),
                    "error": null,
                },
            },
            "strategy": if self.canary.is_some() { "canary" } else { "rolling" },
            "options": {"max_in_flight": self.max_in_flight, "web_instances": self.target_instances},
            "droplet": {"guid": self.droplet_guid},
            "previous_droplet": {"guid": self.previous_droplet_guid},
            "new_processes": [{"guid": self.new_process_guid, "type": new_type}],
            "revision": null,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "metadata": self.metadata.to_json(),
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "links": links,
        });
        if let Some(plan) = &self.canary {
            body["status"]["canary"] = json!({"steps": {"current": plan.current.min(plan.total()), "total": plan.total()}});
            let steps: Vec<Value> = plan
                .weights
                .iter()
                .map(|weight| json!({"instance_weight": weight}))
                .collect();
            body["options"]["canary"] = json!({"steps": steps});
        }
        body
    }

    pub(crate) fn finish(&mut self, reason: Reason, at: Millis) {
        self.reason = reason;
        self.last_status_change = at;
        self.updated_at = at;
    }
}

/// Removes the old web process and renames the new one `web`.
pub(crate) fn promote(world: &mut Foundation, index: usize) {
    let old = world.deployments[index].old_process_guid.clone();
    let new = world.deployments[index].new_process_guid.clone();
    world
        .processes
        .retain(|process| Some(&process.guid) != old.as_ref());
    if let Ok(process) = world.process_mut(&new) {
        "web".clone_into(&mut process.kind);
    }
}

/// Advances every deploying deployment as far as its new instances allow at `now`.
pub(crate) fn settle(world: &mut Foundation, now: Millis, shared: &Shared) {
    for index in 0..world.deployments.len() {
        while world.deployments[index].reason == Reason::Deploying {
            let deployment = world.deployments[index].clone();
            // A stopped app runs nothing, so its deployment waits for it to start again.
            let started = world
                .app(&deployment.app_guid)
                .is_ok_and(|app| app.state == AppState::Started);
            let Ok(new) = world.process(&deployment.new_process_guid) else {
                break;
            };
            if !started {
                break;
            }
            let behaviour = world.behaviour(new);
            let ready: Option<Vec<Millis>> = new
                .runs
                .iter()
                .map(|run| running_from(run.started_at, behaviour, &shared.timing))
                .collect();
            let Some(ready_at) =
                ready.map(|times| times.into_iter().max().unwrap_or(deployment.created_at))
            else {
                break;
            };
            if ready_at > now {
                break;
            }
            let current = new.instances;
            let goal = deployment.goal();
            world.deployments[index].last_successful_healthcheck = ready_at;
            if current >= goal {
                if goal >= deployment.target_instances {
                    promote(world, index);
                    world.deployments[index].finish(Reason::Deployed, ready_at);
                } else {
                    world.deployments[index].finish(Reason::Paused, ready_at);
                }
                break;
            }
            let step = deployment.max_in_flight.min(goal - current);
            if let Ok(new) = world.process_mut(&deployment.new_process_guid) {
                new.resize(current + step, true, ready_at, &shared.guids);
            }
            // Canary steps add instances beside the old ones; the roll-out then replaces them.
            let canary_phase = deployment
                .canary
                .as_ref()
                .is_some_and(|plan| !plan.released);
            if !canary_phase
                && let Some(old) = deployment
                    .old_process_guid
                    .as_deref()
                    .and_then(|guid| world.process_mut(guid).ok())
            {
                let remaining = old.instances.saturating_sub(step);
                old.resize(remaining, true, ready_at, &shared.guids);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CanaryPlan;

    #[test]
    fn canary_steps_round_up_to_at_least_one_instance() {
        let plan = |weights: Vec<u32>, current| CanaryPlan {
            weights,
            current,
            released: false,
        };
        assert_eq!(plan(vec![], 1).goal(5), 1);
        assert_eq!(plan(vec![10, 50], 1).goal(5), 1);
        assert_eq!(plan(vec![10, 50], 2).goal(5), 3);
        assert_eq!(plan(vec![100], 1).goal(4), 4);
    }
}
