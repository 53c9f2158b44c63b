//! [`Cluster`]: one simulated DC/OS cluster's shared core — its state behind one lock, its
//! clock, timing, auth settings, fault controls and Marathon event bus.
//!
//! Ownership: handlers and the ticker reach the state only through [`Cluster::change`], which
//! holds the lock for one synchronous step (never across an `.await`), hands the step a
//! [`Context`] (now, timing, faults, and a place to put events), and publishes the step's
//! events after the lock is released.

use std::sync::{Arc, Mutex};

use tokio::sync::broadcast;

use crate::simulator::dcos::clock::{Clock, Millis};
use crate::simulator::dcos::marathon::events::MarathonEvent;
use crate::simulator::dcos::options::{AuthOptions, ClusterOptions, Timing};
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::dcos::{marathon, metronome};
use crate::simulator::fault::Faults;
use crate::simulator::server::{ServerControls, lock};

/// Events a slow SSE client may fall behind by before it misses some.
const EVENT_BUFFER: usize = 4096;

/// What one state change sees and produces.
#[derive(Debug)]
pub(crate) struct Context {
    /// The time of the change.
    pub(crate) now: Millis,
    /// Timing in force.
    pub(crate) timing: Timing,
    /// Faults in force.
    pub(crate) faults: Faults,
    /// Events to publish once the change is done.
    pub(crate) events: Vec<MarathonEvent>,
}

impl Context {
    /// Queues `event` for publication.
    pub(crate) fn emit(&mut self, event: MarathonEvent) {
        self.events.push(event);
    }
}

/// The shared core of one simulated cluster.
#[derive(Debug)]
pub(crate) struct Cluster {
    /// The cluster's name (its region).
    pub(crate) name: String,
    /// Where "now" comes from.
    pub(crate) clock: Clock,
    /// Faults and request log, shared with the HTTP gate.
    pub(crate) controls: Arc<ServerControls>,
    /// Login and token requirements.
    pub(crate) auth: AuthOptions,
    /// Key that signs and verifies the ACS tokens this cluster issues.
    pub(crate) token_secret: Vec<u8>,
    state: Mutex<ClusterState>,
    timing: Mutex<Timing>,
    events: broadcast::Sender<MarathonEvent>,
}

impl Cluster {
    /// A new, empty cluster.
    pub(crate) fn new(options: ClusterOptions) -> Self {
        let state = ClusterState::new(&options.name);
        let token_secret =
            format!("gennaker-simulator-{}-{}", options.name, state.ids.seed).into_bytes();
        Self {
            name: options.name,
            clock: if options.manual_clock {
                Clock::manual()
            } else {
                Clock::real()
            },
            controls: Arc::new(ServerControls::default()),
            auth: options.auth,
            token_secret,
            state: Mutex::new(state),
            timing: Mutex::new(options.timing),
            events: broadcast::channel(EVENT_BUFFER).0,
        }
    }

    /// Runs one change of the state and publishes the events it produced.
    pub(crate) fn change<R>(&self, step: impl FnOnce(&mut ClusterState, &mut Context) -> R) -> R {
        let mut context = Context {
            now: self.clock.now(),
            timing: self.timing(),
            faults: self.controls.faults(),
            events: Vec::new(),
        };
        let result = {
            let mut state = lock(&self.state);
            step(&mut state, &mut context)
        };
        for event in context.events {
            // No subscriber is not an error: events are only for whoever listens.
            let _ = self.events.send(event);
        }
        result
    }

    /// Reads the state without changing it.
    pub(crate) fn read<R>(&self, read: impl FnOnce(&ClusterState) -> R) -> R {
        read(&lock(&self.state))
    }

    /// Moves every task, deployment and run forward to the current time.
    pub(crate) fn tick(&self) {
        self.change(|state, context| {
            marathon::reconcile::advance(state, context);
            metronome::reconcile::advance(state, context);
        });
    }

    /// A receiver of every Marathon event published from now on.
    pub(crate) fn subscribe(&self) -> broadcast::Receiver<MarathonEvent> {
        self.events.subscribe()
    }

    /// The timing in force.
    pub(crate) fn timing(&self) -> Timing {
        lock(&self.timing).clone()
    }

    /// Replaces the timing; running transitions use it from the next tick.
    pub(crate) fn set_timing(&self, timing: Timing) {
        *lock(&self.timing) = timing;
    }

    /// A copy of the whole state.
    pub(crate) fn snapshot(&self) -> ClusterState {
        lock(&self.state).clone()
    }

    /// Replaces the whole state (loading a snapshot). The cluster keeps its own name. A state
    /// of another format, or without agents, is refused with the reason.
    pub(crate) fn restore(&self, mut state: ClusterState) -> Result<(), String> {
        if state.format != crate::simulator::dcos::state::FORMAT {
            return Err(format!(
                "unsupported snapshot format {} (this simulator reads format {})",
                state.format,
                crate::simulator::dcos::state::FORMAT
            ));
        }
        if state.topology.agents.is_empty() {
            return Err("the snapshot has no agents".to_owned());
        }
        state.name.clone_from(&self.name);
        *lock(&self.state) = state;
        Ok(())
    }
}
