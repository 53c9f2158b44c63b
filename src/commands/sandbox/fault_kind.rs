//! The faults `gennaker sandbox fault` sets, as users write them (`crashloop`,
//! `http-5xx=0.2`, …): parsing, applying them to a simulator's fault settings, and describing
//! those settings back in the same words for `sandbox status`. No I/O.
//!
//! A region holds at most one workload fault (crash-loop, slow start or never healthy) — a new
//! one replaces the old — and any mix of HTTP faults. On DC/OS a region is one cluster, so a
//! workload fault is an image fault matching every image. The Cloud Foundry simulator chooses
//! apps by space, so a workload fault covers the apps of one space; its HTTP faults have no
//! notion of space and cover the whole foundation.

use crate::exit_status::{ExitStatus, StatusError};
use crate::simulator::cloudfoundry::{AppSelector, CloudFoundryFaults, SlowStart};
use crate::simulator::fault::{Faults, ImageFault, MATCH_ALL_IMAGES, WorkloadFault};

/// The kinds, for hints.
pub(crate) const KINDS: &str =
    "crashloop, slow-start=SECONDS, unhealthy, http-5xx=RATE, http-429=RATE, latency=MS, clear";

/// One fault as written on the command line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum FaultKind {
    /// Workloads start, crash and restart forever.
    CrashLoop,
    /// Starting takes this many more milliseconds.
    SlowStart(u64),
    /// Health checks never pass.
    Unhealthy,
    /// This share of requests answers 503.
    ServerErrors(f64),
    /// This share of requests answers 429.
    Throttle(f64),
    /// Every request waits this many milliseconds.
    Latency(u64),
    /// No fault at all.
    Clear,
}

impl FaultKind {
    /// Parses `crashloop`, `slow-start=SECONDS`, `unhealthy`, `http-5xx=RATE`, `http-429=RATE`,
    /// `latency=MS` or `clear`; a rate is `0` to `1` (or a percentage such as `20%`).
    pub(crate) fn parse(text: &str) -> Result<Self, StatusError> {
        let text = text.trim();
        let (name, value) = match text.split_once('=') {
            Some((name, value)) => (name.trim(), Some(value.trim())),
            None => (text, None),
        };
        let needs_none = |kind: Self| match value {
            None => Ok(kind),
            Some(_) => Err(invalid(format!("`{name}` takes no value"))),
        };
        let value = || value.ok_or_else(|| invalid(format!("`{name}` needs a value: `{name}=…`")));
        match name.to_ascii_lowercase().as_str() {
            "crashloop" | "crash-loop" => needs_none(Self::CrashLoop),
            "unhealthy" => needs_none(Self::Unhealthy),
            "clear" => needs_none(Self::Clear),
            "slow-start" => seconds_ms(value()?).map(Self::SlowStart),
            "http-5xx" => rate(value()?).map(Self::ServerErrors),
            "http-429" => rate(value()?).map(Self::Throttle),
            "latency" => milliseconds(value()?).map(Self::Latency),
            _ => Err(invalid(format!("`{text}` is not a fault kind"))),
        }
    }

    /// Whether it acts on workloads (as opposed to API requests).
    fn is_workload(self) -> bool {
        matches!(self, Self::CrashLoop | Self::SlowStart(_) | Self::Unhealthy)
    }

    /// Whether it acts on API requests.
    pub(crate) fn is_http(self) -> bool {
        matches!(
            self,
            Self::ServerErrors(_) | Self::Throttle(_) | Self::Latency(_)
        )
    }
}

fn invalid(message: String) -> StatusError {
    StatusError::new(ExitStatus::InvalidInput, message).with_hint(format!(
        "KIND is one of {KINDS}; RATE is 0 to 1 (e.g. 0.2 or 20%)"
    ))
}

fn rate(text: &str) -> Result<f64, StatusError> {
    let (number, scale) = match text.strip_suffix('%') {
        Some(number) => (number, 100.0),
        None => (text, 1.0),
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .map(|value| value / scale)
        .filter(|value| (0.0..=1.0).contains(value))
        .ok_or_else(|| invalid(format!("`{text}` is not a rate between 0 and 1")))
}

fn milliseconds(text: &str) -> Result<u64, StatusError> {
    text.parse::<u64>()
        .map_err(|_| invalid(format!("`{text}` is not a whole number of milliseconds")))
}

#[expect(
    clippy::cast_sign_loss,
    reason = "the filter keeps only finite values from 0 to 86400"
)]
fn seconds_ms(text: &str) -> Result<u64, StatusError> {
    text.parse::<f64>()
        .ok()
        .filter(|seconds| seconds.is_finite() && (0.0..=86_400.0).contains(seconds))
        .map(|seconds| (seconds * 1000.0).round() as u64)
        .ok_or_else(|| invalid(format!("`{text}` is not a number of seconds (0 to 86400)")))
}

/// Applies `kind` to the faults of one DC/OS cluster.
pub(crate) fn apply_dcos(faults: &mut Faults, kind: FaultKind) {
    let workload = match kind {
        FaultKind::CrashLoop => Some(WorkloadFault::CrashLoop),
        FaultKind::Unhealthy => Some(WorkloadFault::NeverHealthy),
        FaultKind::SlowStart(extra_ms) => Some(WorkloadFault::SlowStart { extra_ms }),
        _ => None,
    };
    match kind {
        FaultKind::Clear => *faults = Faults::default(),
        FaultKind::ServerErrors(rate) => faults.http.server_error_rate = rate,
        FaultKind::Throttle(rate) => faults.http.throttle_rate = rate,
        FaultKind::Latency(ms) => faults.http.latency_ms = ms,
        _ => {}
    }
    if let Some(fault) = workload {
        faults
            .images
            .retain(|entry| entry.image != MATCH_ALL_IMAGES);
        // First match wins: the region-wide fault goes before any narrower one.
        faults.images.insert(
            0,
            ImageFault {
                image: MATCH_ALL_IMAGES.to_owned(),
                fault,
            },
        );
    }
}

/// Applies `kind` to the Cloud Foundry faults for the apps of `space` (workload faults) or
/// to the whole foundation (HTTP faults; `clear` clears both).
pub(crate) fn apply_cloud_foundry(faults: &mut CloudFoundryFaults, space: &str, kind: FaultKind) {
    let selector = AppSelector::space(space);
    if kind.is_workload() || kind == FaultKind::Clear {
        faults.crashing.retain(|entry| *entry != selector);
        faults.never_healthy.retain(|entry| *entry != selector);
        faults.slow_start.retain(|entry| entry.apps != selector);
    }
    match kind {
        FaultKind::CrashLoop => faults.crashing.push(selector),
        FaultKind::Unhealthy => faults.never_healthy.push(selector),
        FaultKind::SlowStart(extra_ms) => faults.slow_start.push(SlowStart {
            apps: selector,
            extra_ms,
        }),
        FaultKind::ServerErrors(rate) => faults.http.server_error_rate = rate,
        FaultKind::Throttle(rate) => faults.http.throttle_rate = rate,
        FaultKind::Latency(ms) => faults.http.latency_ms = ms,
        FaultKind::Clear => faults.http = crate::simulator::cloudfoundry::HttpFaults::default(),
    }
}

/// The faults of one DC/OS cluster, in `sandbox fault` words.
pub(crate) fn describe_dcos(faults: &Faults) -> Vec<String> {
    let mut described: Vec<String> = faults
        .images
        .iter()
        .map(|entry| {
            let kind = workload_words(entry.fault);
            if entry.image == MATCH_ALL_IMAGES {
                kind
            } else {
                format!("{kind} (images containing `{}`)", entry.image)
            }
        })
        .collect();
    let http = &faults.http;
    described.extend(http_words(
        http.server_error_rate,
        http.throttle_rate,
        http.latency_ms,
        http.drop_connection_rate,
    ));
    described
}

/// The Cloud Foundry faults that reach the apps of `space`, then the foundation's HTTP ones.
pub(crate) fn describe_cloud_foundry(faults: &CloudFoundryFaults, space: &str) -> Vec<String> {
    let mut described = Vec::new();
    let mut add = |selector: &AppSelector, kind: String| {
        if selector.space.as_deref().is_some_and(|name| name != space) {
            return;
        }
        let mut narrower = Vec::new();
        if let Some(prefix) = &selector.name_prefix {
            narrower.push(format!("apps named `{prefix}…`"));
        }
        if let Some(image) = &selector.image_contains {
            narrower.push(format!("images containing `{image}`"));
        }
        if selector.space.is_none() {
            narrower.push("every space".to_owned());
        }
        if narrower.is_empty() {
            described.push(kind);
        } else {
            described.push(format!("{kind} ({})", narrower.join(", ")));
        }
    };
    for selector in &faults.crashing {
        add(selector, workload_words(WorkloadFault::CrashLoop));
    }
    for selector in &faults.never_healthy {
        add(selector, workload_words(WorkloadFault::NeverHealthy));
    }
    for slow in &faults.slow_start {
        add(
            &slow.apps,
            workload_words(WorkloadFault::SlowStart {
                extra_ms: slow.extra_ms,
            }),
        );
    }
    for selector in &faults.failing_staging {
        add(selector, "failing-staging".to_owned());
    }
    let http = &faults.http;
    described.extend(
        http_words(
            http.server_error_rate,
            http.throttle_rate,
            http.latency_ms,
            http.drop_rate,
        )
        .into_iter()
        .map(|words| format!("{words} (whole foundation)")),
    );
    described
}

fn workload_words(fault: WorkloadFault) -> String {
    match fault {
        WorkloadFault::CrashLoop => "crashloop".to_owned(),
        WorkloadFault::NeverHealthy => "unhealthy".to_owned(),
        WorkloadFault::SlowStart { extra_ms } => {
            let fraction = format!("{:03}", extra_ms % 1000);
            let fraction = fraction.trim_end_matches('0');
            if fraction.is_empty() {
                format!("slow-start={}", extra_ms / 1000)
            } else {
                format!("slow-start={}.{fraction}", extra_ms / 1000)
            }
        }
    }
}

fn http_words(server_errors: f64, throttle: f64, latency_ms: u64, drops: f64) -> Vec<String> {
    let mut words = Vec::new();
    if server_errors > 0.0 {
        words.push(format!("http-5xx={server_errors}"));
    }
    if throttle > 0.0 {
        words.push(format!("http-429={throttle}"));
    }
    if latency_ms > 0 {
        words.push(format!("latency={latency_ms}"));
    }
    if drops > 0.0 {
        words.push(format!("dropped-connections={drops}"));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_with_their_values() {
        assert_eq!(FaultKind::parse("crashloop").unwrap(), FaultKind::CrashLoop);
        assert_eq!(
            FaultKind::parse("slow-start=2.5").unwrap(),
            FaultKind::SlowStart(2500)
        );
        assert_eq!(
            FaultKind::parse("http-5xx=20%").unwrap(),
            FaultKind::ServerErrors(0.2)
        );
        assert_eq!(
            FaultKind::parse("http-429=1").unwrap(),
            FaultKind::Throttle(1.0)
        );
        assert_eq!(
            FaultKind::parse("latency=250").unwrap(),
            FaultKind::Latency(250)
        );
        assert_eq!(FaultKind::parse("clear").unwrap(), FaultKind::Clear);
    }

    #[test]
    fn bad_kinds_and_values_are_invalid_input_with_the_kinds_listed() {
        for bad in [
            "explode",
            "http-5xx=1.5",
            "http-5xx=-0.1",
            "http-5xx",
            "latency=fast",
            "crashloop=3",
            "slow-start=-1",
        ] {
            let error = FaultKind::parse(bad).unwrap_err();
            assert_eq!(error.status, ExitStatus::InvalidInput, "{bad}");
            assert!(
                error.hint.as_deref().unwrap().contains("crashloop"),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_dcos_workload_fault_replaces_the_previous_one_and_clear_removes_all() {
        let mut faults = Faults::default();
        apply_dcos(&mut faults, FaultKind::CrashLoop);
        apply_dcos(&mut faults, FaultKind::ServerErrors(0.5));
        apply_dcos(&mut faults, FaultKind::SlowStart(3000));
        assert_eq!(describe_dcos(&faults), ["slow-start=3", "http-5xx=0.5"]);
        assert_eq!(
            faults.for_image("any/image:1"),
            Some(WorkloadFault::SlowStart { extra_ms: 3000 })
        );
        apply_dcos(&mut faults, FaultKind::SlowStart(2050));
        assert_eq!(describe_dcos(&faults)[0], "slow-start=2.05");
        apply_dcos(&mut faults, FaultKind::Clear);
        assert_eq!(faults, Faults::default());
    }

    #[test]
    fn cloud_foundry_workload_faults_stay_in_their_space_and_http_ones_do_not() {
        let mut faults = CloudFoundryFaults::default();
        apply_cloud_foundry(&mut faults, "prod", FaultKind::CrashLoop);
        apply_cloud_foundry(&mut faults, "dev", FaultKind::Unhealthy);
        apply_cloud_foundry(&mut faults, "dev", FaultKind::Latency(100));
        assert_eq!(
            describe_cloud_foundry(&faults, "prod"),
            ["crashloop", "latency=100 (whole foundation)"]
        );
        assert_eq!(
            describe_cloud_foundry(&faults, "dev"),
            ["unhealthy", "latency=100 (whole foundation)"]
        );
        apply_cloud_foundry(&mut faults, "dev", FaultKind::Clear);
        assert_eq!(describe_cloud_foundry(&faults, "dev"), Vec::<String>::new());
        assert_eq!(describe_cloud_foundry(&faults, "prod"), ["crashloop"]);
    }
}
