//! Moving Marathon forward in time: tasks start, get healthy or crash, apps converge on their
//! definitions, and deployments finish. Called on every tick of the cluster with the lock held.
//!
//! The rules, kept deliberately simple and documented in `docs/simulators.md`:
//! - a staged task runs after `taskStartMs` (plus a slow-start fault's extra time);
//! - a running task of an app with health checks turns healthy after `healthMs`, or unhealthy
//!   forever under a never-healthy fault; a crash-loop fault fails it after it ran briefly, and
//!   the app relaunches after a short back-off;
//! - an app keeps `instances` tasks of its current generation (launching is not tied to a
//!   deployment, like Marathon's launch queue); tasks of older generations are killed once the
//!   new ones are all ready, but only while a deployment holds the app — after a forced stop
//!   the app is left with mixed versions, as on a real cluster;
//! - a deployment succeeds when its app has exactly `instances` ready tasks of the current
//!   generation and nothing else (or, for a stop, no tasks at all).

use serde_json::json;

use crate::simulator::dcos::clock::{Millis, iso_utc, later};
use crate::simulator::dcos::cluster::Context;
use crate::simulator::dcos::marathon::app::{App, task_id_prefix};
use crate::simulator::dcos::marathon::deployment::{Deployment, DeploymentKind};
use crate::simulator::dcos::marathon::events::MarathonEvent;
use crate::simulator::dcos::marathon::task::{Health, Task, TaskState};
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::fault::WorkloadFault;

/// Shortest pause before relaunching after a crash, so a crash loop does not spin.
const MIN_BACKOFF_MS: Millis = 100;

/// Most tasks one app gets; beyond it instances wait, as on a cluster out of resources, so a
/// typo such as `"instances": 1000000` cannot exhaust the simulator.
const MAX_TASKS_PER_APP: usize = 1000;

/// Advances every Marathon task, app and deployment to `context.now`.
pub(crate) fn advance(state: &mut ClusterState, context: &mut Context) {
    advance_tasks(state, context);
    let app_ids: Vec<String> = state.apps.keys().cloned().collect();
    for app_id in app_ids {
        converge(state, context, &app_id);
    }
    kill_orphans(state, context);
    finish_deployments(state, context);
}

fn advance_tasks(state: &mut ClusterState, context: &mut Context) {
    let mut crashed = Vec::new();
    for task in &mut state.tasks {
        let Some(app) = state.apps.get(&task.app_id) else {
            continue;
        };
        let fault = context.faults.for_image(&task.image);
        let extra = match fault {
            Some(WorkloadFault::SlowStart { extra_ms }) => extra_ms,
            _ => 0,
        };
        if task.state == TaskState::Staging
            && context.now >= later(task.staged_at, &[context.timing.task_start_ms, extra])
        {
            task.state = TaskState::Running;
            task.started_at = Some(context.now);
            context.emit(MarathonEvent::status_update(
                context.now,
                task,
                "TASK_RUNNING",
                "",
            ));
            context.emit(MarathonEvent::instance_changed(
                context.now,
                task,
                "Running",
            ));
        }
        if task.state != TaskState::Running {
            continue;
        }
        let started = task.started_at.unwrap_or(context.now);
        if fault == Some(WorkloadFault::CrashLoop)
            && context.now >= later(started, &[context.timing.task_start_ms])
        {
            crashed.push(task.id.clone());
            continue;
        }
        if app.has_health_checks()
            && task.health == Health::Unknown
            && context.now >= later(started, &[context.timing.health_ms])
        {
            let alive = fault != Some(WorkloadFault::NeverHealthy);
            task.health = if alive {
                Health::Healthy
            } else {
                Health::Unhealthy
            };
            task.health_changed_at = Some(context.now);
            if !alive {
                context.emit(MarathonEvent::failed_health_check(context.now, task, app));
            }
            context.emit(MarathonEvent::health_changed(context.now, task, alive));
        }
    }
    for task_id in crashed {
        crash(state, context, &task_id);
    }
}

fn crash(state: &mut ClusterState, context: &mut Context, task_id: &str) {
    let Some(task) = take_task(state, task_id) else {
        return;
    };
    let message = "simulated crash: the container exited with status 1";
    context.emit(MarathonEvent::status_update(
        context.now,
        &task,
        "TASK_FAILED",
        message,
    ));
    context.emit(MarathonEvent::instance_changed(
        context.now,
        &task,
        "Failed",
    ));
    if let Some(app) = state.apps.get_mut(&task.app_id) {
        app.last_task_failure = Some(json!({
            "appId": task.app_id,
            "host": task.host,
            "message": message,
            "state": "TASK_FAILED",
            "taskId": task.id,
            "timestamp": iso_utc(context.now),
            "version": iso_utc(task.version),
            "slaveId": task.agent_id,
        }));
        app.launch_after = later(
            context.now,
            &[context.timing.task_start_ms.max(MIN_BACKOFF_MS)],
        );
    }
}

fn take_task(state: &mut ClusterState, task_id: &str) -> Option<Task> {
    let index = state.tasks.iter().position(|task| task.id == task_id)?;
    Some(state.tasks.remove(index))
}

/// Kills the task with `task_id`, reporting it as Mesos does.
pub(crate) fn kill(state: &mut ClusterState, context: &mut Context, task_id: &str) -> Option<Task> {
    let task = take_task(state, task_id)?;
    context.emit(MarathonEvent::status_update(
        context.now,
        &task,
        "TASK_KILLED",
        "",
    ));
    context.emit(MarathonEvent::instance_changed(
        context.now,
        &task,
        "Killed",
    ));
    Some(task)
}

fn converge(state: &mut ClusterState, context: &mut Context, app_id: &str) {
    let Some(app) = state.apps.get(app_id).cloned() else {
        return;
    };
    let desired = usize::try_from(app.instances()).unwrap_or(usize::MAX);
    let mut current: Vec<&Task> = state
        .tasks
        .iter()
        .filter(|task| task.app_id == app_id && task.generation == app.generation)
        .collect();
    // Oldest first: the first `desired` stay and the rest, the youngest, are killed
    // (Marathon's default `killSelection: YOUNGEST_FIRST`).
    current.sort_by_key(|task| task.staged_at);
    let excess: Vec<String> = current.iter().skip(desired).map(|t| t.id.clone()).collect();
    let ready = current
        .iter()
        .take(desired)
        .filter(|task| task.is_ready(&app))
        .count();
    let missing = desired.min(MAX_TASKS_PER_APP).saturating_sub(current.len());
    let deploying = state.deployments.iter().any(|d| d.app_id == app_id);
    let outdated: Vec<String> = state
        .tasks
        .iter()
        .filter(|task| task.app_id == app_id && task.generation != app.generation)
        .map(|task| task.id.clone())
        .collect();
    for task_id in excess {
        kill(state, context, &task_id);
    }
    if missing > 0 && context.now >= app.launch_after {
        for _ in 0..missing {
            launch(state, context, &app);
        }
    }
    if deploying && ready >= desired {
        for task_id in outdated {
            kill(state, context, &task_id);
        }
    }
}

fn launch(state: &mut ClusterState, context: &mut Context, app: &App) {
    let agent = state.topology.place();
    let port_count = port_count(app);
    let ports = (0..port_count).map(|_| state.next_port()).collect();
    let task = Task {
        id: format!("{}.{}", task_id_prefix(app.id()), state.ids.uuid()),
        app_id: app.id().to_owned(),
        agent_id: agent.id,
        host: agent.hostname,
        ports,
        generation: app.generation,
        version: app.version,
        image: app.image(),
        staged_at: context.now,
        started_at: None,
        state: TaskState::Staging,
        health: Health::Unknown,
        health_changed_at: None,
    };
    context.emit(MarathonEvent::status_update(
        context.now,
        &task,
        "TASK_STAGING",
        "",
    ));
    context.emit(MarathonEvent::instance_changed(
        context.now,
        &task,
        "Staging",
    ));
    state.tasks.push(task);
}

fn port_count(app: &App) -> usize {
    let listed = |value: Option<&serde_json::Value>| value.and_then(|v| v.as_array()).map(Vec::len);
    listed(app.definition.get("portDefinitions"))
        .or_else(|| {
            listed(
                app.definition
                    .get("container")
                    .and_then(|container| container.get("portMappings")),
            )
        })
        .unwrap_or(1)
}

fn kill_orphans(state: &mut ClusterState, context: &mut Context) {
    let orphans: Vec<String> = state
        .tasks
        .iter()
        .filter(|task| !state.apps.contains_key(&task.app_id))
        .map(|task| task.id.clone())
        .collect();
    for task_id in orphans {
        kill(state, context, &task_id);
    }
}

fn finish_deployments(state: &mut ClusterState, context: &mut Context) {
    let finished: Vec<Deployment> = state
        .deployments
        .iter()
        .filter(|deployment| is_done(state, deployment))
        .cloned()
        .collect();
    for deployment in finished {
        state.deployments.retain(|d| d.id != deployment.id);
        let target = state.apps.get(&deployment.app_id);
        let plan = deployment.plan_json(target);
        context.emit(MarathonEvent::new(
            "deployment_step_success",
            context.now,
            json!({ "plan": plan, "currentStep": current_step(&deployment) }),
        ));
        context.emit(MarathonEvent::new(
            "deployment_success",
            context.now,
            json!({ "id": deployment.id, "plan": plan }),
        ));
        if deployment.kind == DeploymentKind::Stop {
            context.emit(MarathonEvent::new(
                "app_terminated_event",
                context.now,
                json!({ "appId": deployment.app_id }),
            ));
        }
    }
}

/// The `currentStep` object deployment events carry.
pub(crate) fn current_step(deployment: &Deployment) -> serde_json::Value {
    let plan = deployment.to_json();
    json!({ "actions": plan["currentActions"] })
}

fn is_done(state: &ClusterState, deployment: &Deployment) -> bool {
    let tasks = state.tasks.iter().filter(|t| t.app_id == deployment.app_id);
    let Some(app) = state.apps.get(&deployment.app_id) else {
        return tasks.count() == 0;
    };
    if deployment.kind == DeploymentKind::Stop {
        return false;
    }
    let desired = usize::try_from(app.instances()).unwrap_or(usize::MAX);
    let mut count = 0;
    for task in tasks {
        if task.generation != app.generation || !task.is_ready(app) {
            return false;
        }
        count += 1;
    }
    count == desired
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::simulator::dcos::marathon::changes;
    use crate::simulator::dcos::options::Timing;
    use crate::simulator::fault::Faults;

    fn at(now: Millis) -> Context {
        Context {
            now,
            timing: Timing::instant(),
            faults: Faults::default(),
            events: Vec::new(),
        }
    }

    fn staged_times(state: &ClusterState) -> Vec<Millis> {
        state.tasks.iter().map(|task| task.staged_at).collect()
    }

    #[test]
    fn scaling_down_keeps_the_oldest_tasks() {
        let mut state = ClusterState::new("test");
        let app = json!({ "id": "/web", "cmd": "serve", "instances": 1 });
        changes::create(&mut state, &mut at(1000), app.as_object().unwrap(), false).unwrap();
        advance(&mut state, &mut at(1000));
        changes::scale(&mut state, &mut at(2000), "/web", 2, true).unwrap();
        advance(&mut state, &mut at(2000));
        assert_eq!(staged_times(&state), [1000, 2000]);
        changes::scale(&mut state, &mut at(3000), "/web", 1, true).unwrap();
        advance(&mut state, &mut at(3000));
        assert_eq!(staged_times(&state), [1000]);
        assert!(state.deployments.is_empty());
    }

    #[test]
    fn a_deployment_ends_with_a_success_event() {
        let mut state = ClusterState::new("test");
        let app = json!({ "id": "/web", "cmd": "serve", "instances": 2 });
        let mut context = at(1000);
        changes::create(&mut state, &mut context, app.as_object().unwrap(), false).unwrap();
        // One step launches the tasks, the next finds them running and ends the deployment.
        advance(&mut state, &mut context);
        assert_eq!(state.deployments.len(), 1);
        advance(&mut state, &mut context);
        assert!(state.deployments.is_empty());
        let types: Vec<&str> = context
            .events
            .iter()
            .map(|event| event.event_type)
            .collect();
        assert_eq!(types.first(), Some(&"deployment_info"));
        assert_eq!(types.last(), Some(&"deployment_success"));
        assert_eq!(
            types
                .iter()
                .filter(|t| **t == "status_update_event")
                .count(),
            4
        );
    }
}
