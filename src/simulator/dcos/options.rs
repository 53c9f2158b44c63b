//! [`ClusterOptions`]: how one simulated DC/OS cluster is set up before it starts — its name,
//! how long things take ([`Timing`]), and who may log in ([`AuthOptions`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How long the simulated cluster takes to do things. Defaults are short (about a second each)
/// so rehearsals feel alive without being slow; tests set them near zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Timing {
    /// From a Marathon task being staged to it running (`TASK_STAGING` → `TASK_RUNNING`).
    pub task_start_ms: u64,
    /// From a task running to its health checks passing (apps with health checks only).
    pub health_ms: u64,
    /// From a Metronome run being created to its task running (`INITIAL` → `ACTIVE`).
    pub job_start_ms: u64,
    /// How long a Metronome run stays `ACTIVE` before it finishes (plus any `sleep` in its cmd).
    pub job_run_ms: u64,
    /// Lifetime of the ACS tokens the cluster issues, in seconds (DC/OS: five days).
    pub token_lifetime_secs: u64,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            task_start_ms: 1000,
            health_ms: 1000,
            job_start_ms: 500,
            job_run_ms: 1000,
            token_lifetime_secs: 5 * 24 * 3600,
        }
    }
}

impl Timing {
    /// Every transition as fast as the simulator's tick allows; for tests.
    pub fn instant() -> Self {
        Self {
            task_start_ms: 0,
            health_ms: 0,
            job_start_ms: 0,
            job_run_ms: 0,
            ..Self::default()
        }
    }
}

/// Who may log in to the cluster's ACS and whether the APIs demand a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AuthOptions {
    /// When true, every Marathon, Metronome and Mesos request needs `Authorization: token=…`.
    pub required: bool,
    /// Local users: uid → password.
    pub users: BTreeMap<String, String>,
    /// Service accounts: uid → RSA public key (PEM) that verifies their RS256 login tokens.
    pub service_accounts: BTreeMap<String, String>,
}

impl Default for AuthOptions {
    fn default() -> Self {
        // The superuser a DC/OS Enterprise installer documents for first login.
        let users = BTreeMap::from([("bootstrapuser".to_owned(), "deleteme".to_owned())]);
        Self {
            required: false,
            users,
            service_accounts: BTreeMap::new(),
        }
    }
}

/// Everything needed to start one simulated cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// The cluster's name (the region it stands for, e.g. `us-east-1`).
    pub name: String,
    /// How long things take.
    pub timing: Timing,
    /// Login and token requirements.
    pub auth: AuthOptions,
    /// When true the cluster's clock stands still until advanced through the control API.
    pub manual_clock: bool,
}

impl ClusterOptions {
    /// Default options for a cluster named `name`.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            timing: Timing::default(),
            auth: AuthOptions::default(),
            manual_clock: false,
        }
    }

    /// Uses `timing` instead of the default one.
    #[must_use]
    pub fn timing(mut self, timing: Timing) -> Self {
        self.timing = timing;
        self
    }

    /// Requires (or not) a token on every API call.
    #[must_use]
    pub fn require_auth(mut self, required: bool) -> Self {
        self.auth.required = required;
        self
    }

    /// Adds a local user.
    #[must_use]
    pub fn user(mut self, uid: &str, password: &str) -> Self {
        self.auth.users.insert(uid.to_owned(), password.to_owned());
        self
    }

    /// Adds a service account verified by `public_key_pem`.
    #[must_use]
    pub fn service_account(mut self, uid: &str, public_key_pem: &str) -> Self {
        self.auth
            .service_accounts
            .insert(uid.to_owned(), public_key_pem.to_owned());
        self
    }

    /// Freezes the clock until advanced through the control API.
    #[must_use]
    pub fn manual_clock(mut self) -> Self {
        self.manual_clock = true;
        self
    }
}
