//! Instance states and `GET /v3/processes/:guid/stats`: each instance is STARTING for the
//! start-up time, then RUNNING; a crash-looping app's instances go CRASHED and retry after the
//! crash backoff; a never-healthy app's stay STARTING; a stopped app's show DOWN.

use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::apps::AppState;
use super::clock::Millis;
use super::config::Timing;
use super::error::ApiError;
use super::faults::InstanceBehaviour;
use super::processes::{Process, locate};
use super::shared::{Ctx, Shared};
use super::world::Foundation;

/// The `state` of one instance in a stats entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum InstanceState {
    /// Started, health check not yet passing.
    Starting,
    /// Healthy and routable.
    Running,
    /// Exited; waiting for the next start attempt.
    Crashed,
    /// Not running because the app is stopped.
    Down,
}

impl InstanceState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Starting => "STARTING",
            Self::Running => "RUNNING",
            Self::Crashed => "CRASHED",
            Self::Down => "DOWN",
        }
    }
}

/// When an instance started at `started_at` becomes RUNNING, if it ever does.
pub(crate) fn running_from(
    started_at: Millis,
    behaviour: InstanceBehaviour,
    timing: &Timing,
) -> Option<Millis> {
    match behaviour {
        InstanceBehaviour::Healthy { extra_startup_ms } => Some(
            started_at
                .saturating_add(timing.startup_ms)
                .saturating_add(extra_startup_ms),
        ),
        InstanceBehaviour::NeverHealthy | InstanceBehaviour::CrashLoop => None,
    }
}

/// The state at `now` of an instance started at `started_at`, with the instant it entered it.
pub(crate) fn instance_state(
    started_at: Millis,
    now: Millis,
    behaviour: InstanceBehaviour,
    timing: &Timing,
) -> (InstanceState, Millis) {
    match behaviour {
        InstanceBehaviour::CrashLoop => {
            // Each attempt: STARTING for the start-up time, then CRASHED for the backoff.
            let cycle = timing
                .startup_ms
                .saturating_add(timing.crash_backoff_ms)
                .max(1);
            let elapsed = now.saturating_sub(started_at);
            let attempt_start = started_at + elapsed / cycle * cycle;
            let phase = elapsed % cycle;
            if phase < timing.startup_ms {
                (InstanceState::Starting, attempt_start)
            } else {
                (
                    InstanceState::Crashed,
                    attempt_start.saturating_add(timing.startup_ms),
                )
            }
        }
        _ => match running_from(started_at, behaviour, timing) {
            Some(at) if now >= at => (InstanceState::Running, at),
            _ => (InstanceState::Starting, started_at),
        },
    }
}

/// Stats entries of a process at `now`, one per instance index.
pub(crate) fn stats(
    world: &Foundation,
    process: &Process,
    now: Millis,
    shared: &Shared,
) -> Vec<Value> {
    let Ok(app) = world.app(&process.app_guid) else {
        return Vec::new();
    };
    let behaviour = world.behaviour(process);
    let mebibytes = |megabytes: u32| u64::from(megabytes) * 1024 * 1024;
    (0..process.instances)
        .map(|index| {
            let run = process.runs.get(index as usize).filter(|_| app.state == AppState::Started);
            let (state, since) = match run {
                Some(run) => instance_state(run.started_at, now, behaviour, &shared.timing),
                None => (InstanceState::Down, now),
            };
            let running = state == InstanceState::Running;
            let port = 61000 + u64::from(index);
            json!({
                "type": process.kind,
                "index": index,
                "instance_guid": run.map(|run| run.guid.clone()),
                "state": state.as_str(),
                "routable": running,
                "usage": if running {
                    json!({"time": super::clock::iso8601(now), "cpu": 0.01, "cpu_entitlement": 0.05, "mem": 64 * 1024 * 1024, "disk": 32 * 1024 * 1024, "log_rate": 0})
                } else {
                    json!({})
                },
                "host": if run.is_some() { json!("10.0.16.4") } else { Value::Null },
                "instance_internal_ip": if run.is_some() { json!(format!("10.255.0.{}", index + 2)) } else { Value::Null },
                "instance_ports": if running {
                    json!([{"external": port, "internal": 8080, "external_tls_proxy_port": port + 1000, "internal_tls_proxy_port": 61001}])
                } else {
                    json!([])
                },
                "uptime": if running { (now - since) / 1000 } else { 0 },
                "mem_quota": mebibytes(process.memory_in_mb),
                "disk_quota": mebibytes(process.disk_in_mb),
                "log_rate_limit": process.log_rate_limit_in_bytes_per_second,
                "fds_quota": 16384,
                "isolation_segment": null,
                "details": if state == InstanceState::Crashed { json!("APP/PROC/WEB: Exited with status 1") } else { Value::Null },
            })
        })
        .collect()
}

fn respond(ctx: &Ctx, guid: &str, process_type: Option<&str>) -> Result<Response, ApiError> {
    let (world, now) = ctx.settled();
    let guid = locate(&world, guid, process_type)?;
    let process = world.process(&guid)?;
    Ok(Json(json!({"resources": stats(&world, process, now, ctx)})).into_response())
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    respond(&ctx, &guid, None)
}

pub(crate) async fn show_for_app(
    State(ctx): State<Ctx>,
    Path((guid, process_type)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    respond(&ctx, &guid, Some(&process_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing() -> Timing {
        Timing {
            startup_ms: 100,
            crash_backoff_ms: 50,
            ..Timing::default()
        }
    }

    #[test]
    fn healthy_instances_start_then_run() {
        let healthy = InstanceBehaviour::Healthy {
            extra_startup_ms: 0,
        };
        assert_eq!(
            instance_state(1000, 1099, healthy, &timing()).0,
            InstanceState::Starting
        );
        assert_eq!(
            instance_state(1000, 1100, healthy, &timing()),
            (InstanceState::Running, 1100)
        );
    }

    #[test]
    fn crash_loops_alternate_between_starting_and_crashed() {
        let crash = InstanceBehaviour::CrashLoop;
        assert_eq!(
            instance_state(0, 50, crash, &timing()).0,
            InstanceState::Starting
        );
        assert_eq!(
            instance_state(0, 120, crash, &timing()),
            (InstanceState::Crashed, 100)
        );
        assert_eq!(
            instance_state(0, 160, crash, &timing()),
            (InstanceState::Starting, 150)
        );
    }

    #[test]
    fn never_healthy_instances_never_run() {
        assert_eq!(
            instance_state(0, u64::MAX / 2, InstanceBehaviour::NeverHealthy, &timing()).0,
            InstanceState::Starting
        );
    }
}
