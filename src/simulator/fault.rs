//! The fault model shared by every simulator: what can go wrong, on request, per simulated
//! cluster.
//!
//! Two families of faults exist:
//! - HTTP faults ([`HttpFaults`]) act on every API request before it reaches the simulated API:
//!   added latency, a rate of `5xx` or `429` answers, and dropped connections. Rates are applied
//!   deterministically (a rate of `0.2` fails exactly every fifth request), so tests that rely on
//!   them never flake.
//! - Workload faults ([`WorkloadFault`]) act on what a simulated cluster runs: an image that
//!   crash-loops, never gets healthy, or starts slowly. Each simulator decides how an image
//!   fault shows in its own API.

use serde::{Deserialize, Serialize};

/// The [`ImageFault::image`] that matches every workload, whatever its image (or command).
pub(crate) const MATCH_ALL_IMAGES: &str = "*";

/// Every fault currently set on one simulated cluster. Serialised as the body of the control
/// API's `/__simulator/faults`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Faults {
    /// Faults applied to HTTP requests.
    pub http: HttpFaults,
    /// Faults applied to workloads whose image matches.
    pub images: Vec<ImageFault>,
}

/// Faults applied to each API request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct HttpFaults {
    /// Delay added before every answer, in milliseconds.
    pub latency_ms: u64,
    /// Share of requests (0 to 1) answered `503 Service Unavailable`.
    pub server_error_rate: f64,
    /// Share of requests (0 to 1) answered `429 Too Many Requests` with `Retry-After: 1`.
    pub throttle_rate: f64,
    /// Share of requests (0 to 1) whose connection is closed without an answer.
    pub drop_connection_rate: f64,
}

/// A fault for every workload whose container image contains `image`, or for every workload
/// when `image` is [`MATCH_ALL_IMAGES`] (how the sandbox faults a whole region).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImageFault {
    /// Matches any image whose reference contains this text (`"web:2.0"`, `"registry/web"`);
    /// `"*"` matches every workload. An empty text matches nothing, so a forgotten field
    /// cannot fault a whole cluster by accident.
    pub image: String,
    /// What happens to such workloads.
    pub fault: WorkloadFault,
}

impl ImageFault {
    /// Whether this entry applies to a workload running `image`.
    fn matches(&self, image: &str) -> bool {
        self.image == MATCH_ALL_IMAGES || (!self.image.is_empty() && image.contains(&self.image))
    }
}

/// What goes wrong with a workload.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum WorkloadFault {
    /// The process starts, runs briefly, then exits with a failure, again and again.
    CrashLoop,
    /// The process runs but its health checks never pass.
    NeverHealthy,
    /// Starting takes this many extra milliseconds.
    SlowStart {
        /// Extra start time in milliseconds.
        extra_ms: u64,
    },
}

impl Faults {
    /// The workload fault for `image`, the first matching entry winning.
    pub(crate) fn for_image(&self, image: &str) -> Option<WorkloadFault> {
        self.images
            .iter()
            .find(|entry| entry.matches(image))
            .map(|entry| entry.fault)
    }

    /// Checks that rates lie in `0..=1`; the message names the bad field.
    pub(crate) fn validate(&self) -> Result<(), String> {
        let rates = [
            ("serverErrorRate", self.http.server_error_rate),
            ("throttleRate", self.http.throttle_rate),
            ("dropConnectionRate", self.http.drop_connection_rate),
        ];
        for (name, rate) in rates {
            if !(0.0..=1.0).contains(&rate) {
                return Err(format!("http.{name} must be between 0 and 1, got {rate}"));
            }
        }
        Ok(())
    }
}

/// The verdict of the fault gate on one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpVerdict {
    /// Let the request through.
    Pass,
    /// Answer `503`.
    ServerError,
    /// Answer `429`.
    Throttle,
    /// Close the connection without answering.
    Drop,
}

/// Decides, request by request, which HTTP fault applies. Each rate feeds an accumulator and a
/// fault fires each time its accumulator reaches one, so the share of faulted requests is exact
/// and repeatable instead of random.
#[derive(Debug, Default)]
pub(crate) struct FaultGate {
    server_error: f64,
    throttle: f64,
    drop: f64,
}

impl FaultGate {
    /// The verdict for the next request under `faults`.
    pub(crate) fn next(&mut self, faults: &HttpFaults) -> HttpVerdict {
        let fired = |accumulator: &mut f64, rate: f64| {
            *accumulator += rate;
            if *accumulator >= 1.0 - f64::EPSILON {
                *accumulator -= 1.0;
                true
            } else {
                false
            }
        };
        // Every accumulator advances on every request so that each rate holds on its own.
        let drop = fired(&mut self.drop, faults.drop_connection_rate);
        let server_error = fired(&mut self.server_error, faults.server_error_rate);
        let throttle = fired(&mut self.throttle, faults.throttle_rate);
        if drop {
            HttpVerdict::Drop
        } else if server_error {
            HttpVerdict::ServerError
        } else if throttle {
            HttpVerdict::Throttle
        } else {
            HttpVerdict::Pass
        }
    }

    /// Forgets partial progress, so a new fault setting starts from a clean count.
    pub(crate) fn reset(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_of_one_fifth_fails_exactly_every_fifth_request() {
        let faults = HttpFaults {
            server_error_rate: 0.2,
            ..HttpFaults::default()
        };
        let mut gate = FaultGate::default();
        let verdicts: Vec<_> = (0..10).map(|_| gate.next(&faults)).collect();
        let failures = verdicts
            .iter()
            .filter(|verdict| **verdict == HttpVerdict::ServerError)
            .count();
        assert_eq!(failures, 2);
        assert_eq!(verdicts[4], HttpVerdict::ServerError);
    }

    #[test]
    fn no_faults_pass_everything() {
        let mut gate = FaultGate::default();
        assert!((0..100).all(|_| gate.next(&HttpFaults::default()) == HttpVerdict::Pass));
    }

    #[test]
    fn image_faults_match_by_substring() {
        let faults = Faults {
            images: vec![ImageFault {
                image: "web:2".to_owned(),
                fault: WorkloadFault::CrashLoop,
            }],
            ..Faults::default()
        };
        assert_eq!(
            faults.for_image("registry.example/web:2.1"),
            Some(WorkloadFault::CrashLoop)
        );
        assert_eq!(faults.for_image("registry.example/web:1.0"), None);
    }

    #[test]
    fn the_star_matches_every_image_and_the_empty_text_none() {
        let fault = |image: &str| Faults {
            images: vec![ImageFault {
                image: image.to_owned(),
                fault: WorkloadFault::NeverHealthy,
            }],
            ..Faults::default()
        };
        assert_eq!(
            fault(MATCH_ALL_IMAGES).for_image("anything:1"),
            Some(WorkloadFault::NeverHealthy)
        );
        assert_eq!(
            fault(MATCH_ALL_IMAGES).for_image(""),
            Some(WorkloadFault::NeverHealthy)
        );
        assert_eq!(fault("").for_image("anything:1"), None);
    }

    #[test]
    fn rates_outside_zero_to_one_are_rejected() {
        let faults = Faults {
            http: HttpFaults {
                throttle_rate: 1.5,
                ..HttpFaults::default()
            },
            ..Faults::default()
        };
        assert!(faults.validate().unwrap_err().contains("throttleRate"));
    }
}
