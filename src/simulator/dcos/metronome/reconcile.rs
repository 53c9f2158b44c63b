//! Moving Metronome runs forward in time: `INITIAL` → `STARTING` after half of `jobStartMs`,
//! → `ACTIVE` after `jobStartMs`, → `SUCCESS`/`FAILED` after `jobRunMs` plus the command's
//! `sleep`s. On finishing, the command's files, stdout and stderr land in the sandbox. A
//! crash-loop fault on the job's image fails the run whatever its command says.

use crate::simulator::dcos::clock::later;
use crate::simulator::dcos::cluster::Context;
use crate::simulator::dcos::mesos::sandbox::Sandbox;
use crate::simulator::dcos::metronome::run::{Run, RunStatus};
use crate::simulator::dcos::state::ClusterState;
use crate::simulator::fault::WorkloadFault;

/// Advances every active run to `context.now`.
pub(crate) fn advance(state: &mut ClusterState, context: &mut Context) {
    let ClusterState {
        runs,
        sandboxes,
        jobs,
        ..
    } = state;
    for run in runs.iter_mut().filter(|run| !run.status.is_finished()) {
        let image = jobs
            .get(&run.job_id)
            .map(super::job::Job::image)
            .unwrap_or_default();
        let fault = context.faults.for_image(&image);
        let start = context.timing.job_start_ms;
        let extra = match fault {
            Some(WorkloadFault::SlowStart { extra_ms }) => extra_ms,
            _ => 0,
        };
        if run.status == RunStatus::Initial && context.now >= later(run.created_at, &[start / 2]) {
            run.status = RunStatus::Starting;
            set_task_status(run, "TASK_STAGING");
            if let Some(task) = &run.task {
                sandboxes.insert(
                    task.directory.clone(),
                    Sandbox {
                        agent_id: task.agent_id.clone(),
                        executor_id: task.id.clone(),
                        files: std::collections::BTreeMap::new(),
                        modified: context.now,
                    },
                );
            }
        }
        if run.status == RunStatus::Starting
            && context.now >= later(run.created_at, &[start, extra])
        {
            run.status = RunStatus::Active;
            set_task_status(run, "TASK_RUNNING");
            if let Some(task) = &mut run.task {
                task.started_at = Some(context.now);
                if let Some(sandbox) = sandboxes.get_mut(&task.directory) {
                    sandbox.files.insert("stdout".to_owned(), String::new());
                    sandbox.files.insert("stderr".to_owned(), String::new());
                }
            }
        }
        let started = run.task.as_ref().and_then(|task| task.started_at);
        if run.status == RunStatus::Active
            && let Some(started) = started
            && context.now >= later(started, &[context.timing.job_run_ms, run.outcome.sleep_ms])
        {
            finish(
                run,
                sandboxes,
                context,
                fault == Some(WorkloadFault::CrashLoop),
            );
        }
    }
}

fn set_task_status(run: &mut Run, status: &str) {
    if let Some(task) = &mut run.task {
        status.clone_into(&mut task.status);
    }
}

fn finish(
    run: &mut Run,
    sandboxes: &mut std::collections::BTreeMap<String, Sandbox>,
    context: &Context,
    crashed: bool,
) {
    let mut outcome = run.outcome.clone();
    if crashed {
        outcome.exit_code = 1;
        outcome
            .stderr
            .push_str("simulated crash: the container exited with status 1\n");
    }
    let succeeded = outcome.exit_code == 0;
    run.status = if succeeded {
        RunStatus::Success
    } else {
        RunStatus::Failed
    };
    run.completed_at = Some(context.now);
    if let Some(task) = &mut run.task {
        if succeeded {
            "TASK_FINISHED"
        } else {
            "TASK_FAILED"
        }
        .clone_into(&mut task.status);
        task.completed_at = Some(context.now);
        if let Some(sandbox) = sandboxes.get_mut(&task.directory) {
            sandbox.files.extend(outcome.files.clone());
            sandbox
                .files
                .insert("stdout".to_owned(), outcome.stdout.clone());
            sandbox
                .files
                .insert("stderr".to_owned(), outcome.stderr.clone());
            sandbox.modified = context.now;
        }
    }
    run.outcome = outcome;
}

/// Stops an active run: its task is killed and the run fails.
pub(crate) fn stop(run: &mut Run, context: &Context) {
    run.status = RunStatus::Failed;
    run.completed_at = Some(context.now);
    if let Some(task) = &mut run.task {
        "TASK_KILLED".clone_into(&mut task.status);
        task.completed_at = Some(context.now);
    }
}
