//! `last_operation` of service instances and credential bindings: a broker operation that is
//! "in progress" for the configured time, then "succeeded" — or "failed" when a fault names
//! the offering.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::clock::{Millis, iso8601};

/// The `state` of a `last_operation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum OperationState {
    /// "in progress": the broker is working.
    InProgress,
    /// "succeeded".
    Succeeded,
    /// "failed": `description` says why.
    Failed,
}

/// The last broker operation on an instance or binding.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Operation {
    /// `create`, `update` or `delete`.
    pub(crate) kind: String,
    pub(crate) state: OperationState,
    pub(crate) description: String,
    pub(crate) completes_at: Millis,
    pub(crate) fails: bool,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
}

impl Operation {
    /// An operation that is already over (user-provided instances never talk to a broker).
    pub(crate) fn done(kind: &str, now: Millis) -> Self {
        Self {
            kind: kind.to_owned(),
            state: OperationState::Succeeded,
            description: "Operation succeeded".to_owned(),
            completes_at: now,
            fails: false,
            created_at: now,
            updated_at: now,
        }
    }

    pub(crate) fn pending(kind: &str, now: Millis, completes_at: Millis, fails: bool) -> Self {
        Self {
            kind: kind.to_owned(),
            state: OperationState::InProgress,
            description: format!("{kind} in progress"),
            completes_at,
            fails,
            created_at: now,
            updated_at: now,
        }
    }

    pub(crate) fn in_progress(&self) -> bool {
        self.state == OperationState::InProgress
    }

    /// Finishes the operation if its time has come; true when it just succeeded.
    pub(crate) fn advance(&mut self, now: Millis) -> bool {
        if !self.in_progress() || now < self.completes_at {
            return false;
        }
        self.updated_at = self.completes_at;
        if self.fails {
            self.state = OperationState::Failed;
            self.description = format!(
                "Service broker failed to {} the resource: simulated broker failure",
                self.kind
            );
            false
        } else {
            self.state = OperationState::Succeeded;
            "Operation succeeded".clone_into(&mut self.description);
            true
        }
    }

    pub(crate) fn to_json(&self) -> Value {
        let state = match self.state {
            OperationState::InProgress => "in progress",
            OperationState::Succeeded => "succeeded",
            OperationState::Failed => "failed",
        };
        json!({
            "type": self.kind,
            "state": state,
            "description": self.description,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
        })
    }
}
