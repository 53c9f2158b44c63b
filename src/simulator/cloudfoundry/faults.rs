//! Fault knobs: what should go wrong, and where. Set at start in the config, changed live on
//! the handle or through `PUT /_simulator/faults`, and saved with the snapshot.
//!
//! Two families: app behaviour (crash-looping, slow or never-healthy instances, failing
//! staging, failing broker operations), decided per app by [`AppSelector`]s; and HTTP faults
//! (5xx and 429 rates, latency, dropped connections), decided per request.

use serde::{Deserialize, Serialize};

/// All fault knobs. The default injects nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CloudFoundryFaults {
    /// Instances of matching apps crash after start-up, wait the crash backoff, and retry.
    pub crashing: Vec<AppSelector>,
    /// Instances of matching apps stay STARTING forever (their health check never passes).
    pub never_healthy: Vec<AppSelector>,
    /// Instances of matching apps take this much longer to start.
    pub slow_start: Vec<SlowStart>,
    /// Builds of matching apps end FAILED with a staging error.
    pub failing_staging: Vec<AppSelector>,
    /// Broker operations on instances of these service offerings (by name) fail.
    pub failing_service_offerings: Vec<String>,
    /// HTTP faults, applied to both listeners (not to `/_simulator`).
    pub http: HttpFaults,
}

/// Chooses apps by space name, app name prefix (a cluster, e.g. `myapp-prod`) or docker image
/// substring; every given field must match, an empty selector matches every app.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AppSelector {
    pub space: Option<String>,
    pub name_prefix: Option<String>,
    pub image_contains: Option<String>,
}

impl AppSelector {
    pub fn all() -> Self {
        Self::default()
    }

    pub fn space(name: &str) -> Self {
        Self {
            space: Some(name.to_owned()),
            ..Self::default()
        }
    }

    pub fn name_prefix(prefix: &str) -> Self {
        Self {
            name_prefix: Some(prefix.to_owned()),
            ..Self::default()
        }
    }

    pub fn image_contains(text: &str) -> Self {
        Self {
            image_contains: Some(text.to_owned()),
            ..Self::default()
        }
    }

    pub(crate) fn matches(&self, app: &AppIdentity<'_>) -> bool {
        self.space.as_ref().is_none_or(|space| space == app.space)
            && self
                .name_prefix
                .as_ref()
                .is_none_or(|prefix| app.name.starts_with(prefix.as_str()))
            && self
                .image_contains
                .as_ref()
                .is_none_or(|text| app.image.is_some_and(|image| image.contains(text.as_str())))
    }
}

/// Matching apps' instances take `extra_ms` longer to start.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlowStart {
    pub apps: AppSelector,
    pub extra_ms: u64,
}

/// Per-request HTTP faults. Rates are probabilities in `0.0..=1.0`, drawn from a generator
/// seeded by `fault_seed`, so a run is repeatable; `1.0` hits every request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HttpFaults {
    /// Share of requests answered with `server_error_status` and a CC error body.
    pub server_error_rate: f64,
    pub server_error_status: u16,
    /// Share of requests answered 429 with `Retry-After`.
    pub throttle_rate: f64,
    pub retry_after_seconds: u64,
    /// Share of requests whose connection is closed without any response.
    pub drop_rate: f64,
    /// Added before every request is handled.
    pub latency_ms: u64,
    /// The next N requests fail with `server_error_status`, whatever the rates say.
    pub fail_next: u32,
    /// Only requests whose path starts with this are affected (e.g. `/v3/apps`); empty = all.
    pub path_prefix: String,
}

impl Default for HttpFaults {
    fn default() -> Self {
        Self {
            server_error_rate: 0.0,
            server_error_status: 503,
            throttle_rate: 0.0,
            retry_after_seconds: 1,
            drop_rate: 0.0,
            latency_ms: 0,
            fail_next: 0,
            path_prefix: String::new(),
        }
    }
}

/// What an app is, for matching selectors.
pub(crate) struct AppIdentity<'a> {
    pub(crate) name: &'a str,
    pub(crate) space: &'a str,
    pub(crate) image: Option<&'a str>,
}

/// How an app's instances behave once started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InstanceBehaviour {
    /// Start after the start-up time (plus any extra) and keep running.
    Healthy { extra_startup_ms: u64 },
    /// Never pass the health check: STARTING forever.
    NeverHealthy,
    /// Crash after start-up, then retry after the crash backoff, forever.
    CrashLoop,
}

/// Docker images whose reference contains this crash-loop without any knob: the documented
/// way for a pipeline to ship "a bad version" to the sandbox.
pub(crate) const CRASHING_IMAGE_MARKER: &str = "crash";

impl CloudFoundryFaults {
    /// Checks the knobs make sense: rates are probabilities and injected errors are 5xx.
    pub fn validate(&self) -> Result<(), String> {
        let http = &self.http;
        for (name, rate) in [
            ("server_error_rate", http.server_error_rate),
            ("throttle_rate", http.throttle_rate),
            ("drop_rate", http.drop_rate),
        ] {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("{name} must be between 0.0 and 1.0"));
            }
        }
        if !(500..=599).contains(&http.server_error_status) {
            return Err("server_error_status must be a 5xx status".to_owned());
        }
        Ok(())
    }

    pub(crate) fn behaviour(&self, app: &AppIdentity<'_>) -> InstanceBehaviour {
        let crashing_image = app
            .image
            .is_some_and(|image| image.contains(CRASHING_IMAGE_MARKER));
        if crashing_image || self.crashing.iter().any(|selector| selector.matches(app)) {
            return InstanceBehaviour::CrashLoop;
        }
        if self
            .never_healthy
            .iter()
            .any(|selector| selector.matches(app))
        {
            return InstanceBehaviour::NeverHealthy;
        }
        let extra_startup_ms = self
            .slow_start
            .iter()
            .filter(|slow| slow.apps.matches(app))
            .map(|slow| slow.extra_ms)
            .max()
            .unwrap_or(0);
        InstanceBehaviour::Healthy { extra_startup_ms }
    }

    pub(crate) fn staging_fails(&self, app: &AppIdentity<'_>) -> bool {
        self.failing_staging
            .iter()
            .any(|selector| selector.matches(app))
    }

    pub(crate) fn service_fails(&self, offering: &str) -> bool {
        self.failing_service_offerings
            .iter()
            .any(|name| name == offering)
    }
}

/// A small deterministic generator (xorshift64*) for fault rates.
#[derive(Clone, Debug)]
pub(crate) struct FaultDice {
    state: u64,
}

impl FaultDice {
    pub(crate) fn new(seed: u64) -> Self {
        Self { state: seed.max(1) }
    }

    /// True with probability `rate`.
    pub(crate) fn roll(&mut self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        if rate >= 1.0 {
            return true;
        }
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        let value = self.state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        #[expect(
            clippy::cast_precision_loss,
            reason = "53 random bits fit an f64 mantissa exactly"
        )]
        let unit = value as f64 / (1_u64 << 53) as f64;
        unit < rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app<'a>(name: &'a str, space: &'a str, image: Option<&'a str>) -> AppIdentity<'a> {
        AppIdentity { name, space, image }
    }

    #[test]
    fn selectors_need_every_given_field_to_match() {
        let selector = AppSelector {
            space: Some("prod".into()),
            name_prefix: Some("web-".into()),
            image_contains: None,
        };
        assert!(selector.matches(&app("web-v001", "prod", None)));
        assert!(!selector.matches(&app("web-v001", "dev", None)));
        assert!(!selector.matches(&app("api-v001", "prod", None)));
        assert!(AppSelector::all().matches(&app("x", "y", None)));
    }

    #[test]
    fn crashing_images_crash_without_any_knob() {
        let faults = CloudFoundryFaults::default();
        assert_eq!(
            faults.behaviour(&app("a", "dev", Some("example/crash-loop:1"))),
            InstanceBehaviour::CrashLoop
        );
        assert_eq!(
            faults.behaviour(&app("a", "dev", Some("nginx:1"))),
            InstanceBehaviour::Healthy {
                extra_startup_ms: 0
            }
        );
    }

    #[test]
    fn rates_are_repeatable_and_bounded() {
        let mut first = FaultDice::new(7);
        let mut second = FaultDice::new(7);
        let rolls: Vec<bool> = (0..100).map(|_| first.roll(0.3)).collect();
        assert_eq!(
            rolls,
            (0..100).map(|_| second.roll(0.3)).collect::<Vec<_>>()
        );
        let hits = rolls.iter().filter(|hit| **hit).count();
        assert!((10..60).contains(&hits));
        assert!(!first.roll(0.0));
        assert!(first.roll(1.0));
    }
}
