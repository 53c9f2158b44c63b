//! `/v1/jobs/{jobId}/runs`: start a run (`201`), list active runs, get an active run, stop one.
//! As in Metronome, finished runs leave these endpoints and show only in the job's `history`.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response};
use crate::simulator::dcos::clock::compact;
use crate::simulator::dcos::cluster::{Cluster, Context};
use crate::simulator::dcos::mesos::sandbox::directory;
use crate::simulator::dcos::metronome::command::simulate;
use crate::simulator::dcos::metronome::jobs::unknown_job;
use crate::simulator::dcos::metronome::reconcile;
use crate::simulator::dcos::metronome::run::{Run, RunStatus, RunTask};
use crate::simulator::dcos::state::ClusterState;

fn unknown_run(job_id: &str, run_id: &str) -> ApiError {
    let mut error = ApiError::message(StatusCode::NOT_FOUND, "Job Run not found");
    if let Some(body) = error.body.as_object_mut() {
        body.insert("jobId".to_owned(), json!(job_id));
        body.insert("id".to_owned(), json!(run_id));
    }
    error
}

/// `GET /v1/jobs/{jobId}/runs`: active runs only.
pub(crate) async fn list(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
) -> ApiResult {
    let runs = cluster.read(|state| {
        if !state.jobs.contains_key(&job_id) {
            return Err(unknown_job(&job_id));
        }
        Ok(state
            .runs
            .iter()
            .filter(|run| run.job_id == job_id && !run.status.is_finished())
            .map(Run::to_json)
            .collect::<Vec<_>>())
    })?;
    Ok(json_response(StatusCode::OK, &Value::Array(runs)))
}

/// `POST /v1/jobs/{jobId}/runs` (any body, `{}` by convention).
pub(crate) async fn start(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
) -> ApiResult {
    let run = cluster.change(|state, context| start_run(state, context, &job_id))?;
    Ok(json_response(StatusCode::CREATED, &run.to_json()))
}

/// Creates a run of `job_id` and decides, from its command, how it will end.
fn start_run(state: &mut ClusterState, context: &Context, job_id: &str) -> Result<Run, ApiError> {
    let job = state
        .jobs
        .get(job_id)
        .cloned()
        .ok_or_else(|| unknown_job(job_id))?;
    let id = format!("{}{}", compact(context.now), state.ids.alphanumeric(5));
    let agent = state.topology.place();
    let task_id = format!("{}_{id}.{}", job_id.replace('.', "_"), state.ids.uuid());
    let container_id = state.ids.uuid();
    let framework_id = state.topology.metronome_framework_id.clone();
    let directory = directory(&agent.id, &framework_id, &task_id, &container_id);
    let mut env: BTreeMap<String, String> = job.env().into_iter().collect();
    env.insert("MESOS_SANDBOX".to_owned(), directory.clone());
    env.insert("MESOS_TASK_ID".to_owned(), task_id.clone());
    env.insert("METRONOME_JOB_ID".to_owned(), job_id.to_owned());
    env.insert("METRONOME_JOB_RUN_ID".to_owned(), id.clone());
    let run = Run {
        id,
        job_id: job_id.to_owned(),
        status: RunStatus::Initial,
        created_at: context.now,
        completed_at: None,
        task: Some(RunTask {
            id: task_id,
            agent_id: agent.id,
            container_id,
            directory,
            status: "TASK_CREATED".to_owned(),
            started_at: None,
            completed_at: None,
        }),
        outcome: simulate(&job.cmd(), &env),
    };
    state.runs.push(run.clone());
    Ok(run)
}

/// `GET /v1/jobs/{jobId}/runs/{runId}`.
pub(crate) async fn show(
    State(cluster): State<Arc<Cluster>>,
    Path((job_id, run_id)): Path<(String, String)>,
) -> ApiResult {
    let run = cluster.read(|state| {
        if !state.jobs.contains_key(&job_id) {
            return Err(unknown_job(&job_id));
        }
        state
            .runs
            .iter()
            .find(|run| run.job_id == job_id && run.id == run_id && !run.status.is_finished())
            .map(Run::to_json)
            .ok_or_else(|| unknown_run(&job_id, &run_id))
    })?;
    Ok(json_response(StatusCode::OK, &run))
}

/// `POST /v1/jobs/{jobId}/runs/{runId}/actions/stop`.
pub(crate) async fn stop(
    State(cluster): State<Arc<Cluster>>,
    Path((job_id, run_id)): Path<(String, String)>,
) -> ApiResult {
    cluster.change(|state, context| {
        if !state.jobs.contains_key(&job_id) {
            return Err(unknown_job(&job_id));
        }
        let run = state
            .runs
            .iter_mut()
            .find(|run| run.job_id == job_id && run.id == run_id && !run.status.is_finished())
            .ok_or_else(|| unknown_run(&job_id, &run_id))?;
        reconcile::stop(run, context);
        Ok(())
    })?;
    Ok(json_response(StatusCode::OK, &json!({})))
}
