//! What a simulated foundation starts with: the seed (orgs, spaces, domains, users, OAuth
//! clients, the service catalog), how long things take, rate limits, the clock and faults.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::clock::ClockMode;
use super::faults::CloudFoundryFaults;

/// Everything [`super::CloudFoundrySimulator::start`] needs. `Default` is the sandbox
/// foundation (org `sandbox`, spaces `dev` and `prod`) on a real clock with short delays.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudFoundryConfig {
    pub seed: Seed,
    pub timing: Timing,
    /// `None` disables rate limiting (no `X-RateLimit-*` headers), as on a default CC.
    pub rate_limit: Option<RateLimitConfig>,
    pub clock: ClockMode,
    /// The `diego_docker` feature flag; when off, docker apps are refused with 403.
    pub docker_enabled: bool,
    pub faults: CloudFoundryFaults,
    /// Seed of the generator deciding which requests a fault *rate* hits; fixed for repeatability.
    pub fault_seed: u64,
    /// A state saved by [`super::CloudFoundrySimulator::snapshot`]; replaces the seed when set.
    /// The saved faults are kept unless `faults` above is not the default.
    pub restore: Option<Value>,
}

impl Default for CloudFoundryConfig {
    fn default() -> Self {
        Self {
            seed: Seed::default(),
            timing: Timing::default(),
            rate_limit: None,
            clock: ClockMode::Real,
            docker_enabled: true,
            faults: CloudFoundryFaults::default(),
            fault_seed: 0x5eed_cf00_d15c_0001,
            restore: None,
        }
    }
}

impl CloudFoundryConfig {
    /// The sandbox foundation on a manual clock, for tests that move time explicitly.
    pub fn manual_clock() -> Self {
        Self {
            clock: ClockMode::Manual,
            ..Self::default()
        }
    }
}

/// Initial contents of the foundation.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Seed {
    pub organizations: Vec<OrganizationSeed>,
    /// Shared domains, e.g. `apps.sandbox.local`.
    pub shared_domains: Vec<String>,
    pub users: Vec<UserSeed>,
    pub clients: Vec<ClientSeed>,
    pub service_offerings: Vec<ServiceOfferingSeed>,
}

impl Default for Seed {
    fn default() -> Self {
        Self {
            organizations: vec![OrganizationSeed {
                name: "sandbox".to_owned(),
                spaces: vec!["dev".to_owned(), "prod".to_owned()],
            }],
            shared_domains: vec!["apps.sandbox.local".to_owned()],
            users: vec![UserSeed {
                username: "admin".to_owned(),
                password: "admin".to_owned(),
            }],
            clients: vec![
                ClientSeed {
                    id: "cf".to_owned(),
                    secret: String::new(),
                    grant_types: vec!["password".to_owned(), "refresh_token".to_owned()],
                },
                ClientSeed {
                    id: "gennaker".to_owned(),
                    secret: "gennaker-secret".to_owned(),
                    grant_types: vec!["client_credentials".to_owned()],
                },
            ],
            service_offerings: vec![
                ServiceOfferingSeed {
                    name: "sandbox-database".to_owned(),
                    description: "A simulated relational database".to_owned(),
                    plans: vec!["small".to_owned(), "large".to_owned()],
                    shareable: true,
                },
                ServiceOfferingSeed {
                    name: "sandbox-cache".to_owned(),
                    description: "A simulated key-value cache".to_owned(),
                    plans: vec!["default".to_owned()],
                    shareable: false,
                },
            ],
        }
    }
}

/// An organization and the names of its spaces.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OrganizationSeed {
    pub name: String,
    pub spaces: Vec<String>,
}

/// A UAA user who may log in with the password grant.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UserSeed {
    pub username: String,
    pub password: String,
}

/// An OAuth client known to UAA. The cf CLI's client is `cf` with an empty secret.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClientSeed {
    pub id: String,
    pub secret: String,
    /// `password`, `client_credentials`, `refresh_token`.
    pub grant_types: Vec<String>,
}

/// A managed service offering of the simulated broker, with its plan names.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ServiceOfferingSeed {
    pub name: String,
    pub description: String,
    pub plans: Vec<String>,
    pub shareable: bool,
}

/// How long simulated work takes, in milliseconds. Tests set these near zero or use a manual
/// clock; the sandbox keeps the short defaults so progress is visible.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Timing {
    /// A build stays STAGING this long.
    pub staging_ms: u64,
    /// An instance stays STARTING this long before RUNNING.
    pub startup_ms: u64,
    /// A crashed instance stays CRASHED this long before the next start attempt.
    pub crash_backoff_ms: u64,
    /// A bits package stays `PROCESSING_UPLOAD` this long after its upload.
    pub upload_processing_ms: u64,
    /// A task runs this long (plus any `sleep N` in its command).
    pub task_ms: u64,
    /// An asynchronous job (app or route deletion) completes after this long.
    pub job_ms: u64,
    /// A managed service broker operation (create, update, delete, bind) takes this long.
    pub service_operation_ms: u64,
    /// Lifetime of an access token (`expires_in`).
    pub access_token_validity_ms: u64,
    /// Lifetime of a refresh token.
    pub refresh_token_validity_ms: u64,
}

impl Default for Timing {
    fn default() -> Self {
        Self {
            staging_ms: 2000,
            startup_ms: 1500,
            crash_backoff_ms: 2000,
            upload_processing_ms: 500,
            task_ms: 1000,
            job_ms: 500,
            service_operation_ms: 1500,
            access_token_validity_ms: 43_199_000,
            refresh_token_validity_ms: 2_592_000_000,
        }
    }
}

/// The Cloud Controller's general rate limit: `general_limit` requests per user per window.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RateLimitConfig {
    pub general_limit: u32,
    pub reset_interval_ms: u64,
    /// Limit for unauthenticated requests per client IP.
    pub unauthenticated_limit: u32,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            general_limit: 2000,
            reset_interval_ms: 3_600_000,
            unauthenticated_limit: 100,
        }
    }
}
