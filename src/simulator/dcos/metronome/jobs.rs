//! `/v1/jobs`: job create, list, get (with `embed=activeRuns,history,historySummary,schedules`,
//! repeated or comma-joined), update and delete, with Metronome's status codes and bodies.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::{ApiError, ApiResult, json_response, parse_body};
use crate::simulator::dcos::clock::iso_offset;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::metronome::job::{Job, validated};
use crate::simulator::dcos::metronome::reconcile;
use crate::simulator::dcos::metronome::run::RunStatus;
use crate::simulator::dcos::query::Query;
use crate::simulator::dcos::state::ClusterState;

/// `404` for an unknown job, as Metronome's `UnknownJob` serialises.
pub(crate) fn unknown_job(job_id: &str) -> ApiError {
    let mut error = ApiError::message(StatusCode::NOT_FOUND, "Job not found");
    if let Some(body) = error.body.as_object_mut() {
        body.insert("id".to_owned(), json!(job_id));
    }
    error
}

/// The job with the embeds `query` asks for.
fn job_json(state: &ClusterState, job: &Job, embeds: &[String]) -> Value {
    let mut json = job.spec.clone();
    let runs: Vec<_> = state
        .runs
        .iter()
        .filter(|run| run.job_id == job.id())
        .collect();
    let finished = |status: RunStatus| {
        runs.iter()
            .filter(move |run| run.status == status)
            .copied()
            .collect::<Vec<_>>()
    };
    let successes = finished(RunStatus::Success);
    let failures = finished(RunStatus::Failed);
    let last = |runs: &[&crate::simulator::dcos::metronome::run::Run]| {
        runs.iter()
            .filter_map(|run| run.completed_at)
            .max()
            .map(iso_offset)
    };
    let summary = json!({
        "successCount": successes.len(),
        "failureCount": failures.len(),
        "lastSuccessAt": last(&successes),
        "lastFailureAt": last(&failures),
    });
    for embed in embeds {
        match embed.as_str() {
            "activeRuns" => {
                let active: Vec<Value> = runs
                    .iter()
                    .filter(|run| !run.status.is_finished())
                    .map(|run| run.to_json())
                    .collect();
                json.insert("activeRuns".to_owned(), Value::Array(active));
            }
            "history" => {
                let mut history = summary.clone();
                if let Some(history) = history.as_object_mut() {
                    let entries = |runs: &[&crate::simulator::dcos::metronome::run::Run]| {
                        runs.iter()
                            .map(|run| run.history_json())
                            .collect::<Vec<_>>()
                    };
                    history.insert(
                        "successfulFinishedRuns".to_owned(),
                        json!(entries(&successes)),
                    );
                    history.insert("failedFinishedRuns".to_owned(), json!(entries(&failures)));
                }
                json.insert("history".to_owned(), history);
            }
            "historySummary" => {
                json.insert("historySummary".to_owned(), summary.clone());
            }
            "schedules" => {
                json.insert("schedules".to_owned(), json!([]));
            }
            _ => {}
        }
    }
    Value::Object(json)
}

/// `GET /v1/jobs`.
pub(crate) async fn list(
    State(cluster): State<Arc<Cluster>>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let embeds = Query::parse(raw.as_deref()).list("embed");
    let jobs: Vec<Value> = cluster.read(|state| {
        state
            .jobs
            .values()
            .map(|job| job_json(state, job, &embeds))
            .collect()
    });
    Ok(json_response(StatusCode::OK, &Value::Array(jobs)))
}

/// `POST /v1/jobs`.
pub(crate) async fn create(State(cluster): State<Arc<Cluster>>, body: Bytes) -> ApiResult {
    let job = validated(&parse_body(&body)?, None)?;
    cluster.change(|state, _| {
        if state.jobs.contains_key(job.id()) {
            return Err(ApiError::message(
                StatusCode::CONFLICT,
                "Job with this id already exists",
            ));
        }
        state.jobs.insert(job.id().to_owned(), job.clone());
        Ok(())
    })?;
    Ok(json_response(StatusCode::CREATED, &Value::Object(job.spec)))
}

/// `GET /v1/jobs/{jobId}`.
pub(crate) async fn show(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let embeds = Query::parse(raw.as_deref()).list("embed");
    let body = cluster.read(|state| {
        let job = state
            .jobs
            .get(&job_id)
            .ok_or_else(|| unknown_job(&job_id))?;
        Ok::<_, ApiError>(job_json(state, job, &embeds))
    })?;
    Ok(json_response(StatusCode::OK, &body))
}

/// `PUT /v1/jobs/{jobId}`: replaces the spec.
pub(crate) async fn update(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
    body: Bytes,
) -> ApiResult {
    let job = validated(&parse_body(&body)?, Some(&job_id))?;
    cluster.change(|state, _| {
        let Some(existing) = state.jobs.get_mut(&job_id) else {
            return Err(unknown_job(&job_id));
        };
        existing.clone_from(&job);
        Ok(())
    })?;
    Ok(json_response(StatusCode::OK, &Value::Object(job.spec)))
}

/// `DELETE /v1/jobs/{jobId}?stopCurrentJobRuns=`.
pub(crate) async fn delete(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> ApiResult {
    let stop_runs = Query::parse(raw.as_deref()).flag("stopCurrentJobRuns", false);
    let job = cluster.change(|state, context| {
        if !state.jobs.contains_key(&job_id) {
            return Err(unknown_job(&job_id));
        }
        let mut active = state
            .runs
            .iter_mut()
            .filter(|run| run.job_id == job_id && !run.status.is_finished())
            .peekable();
        if active.peek().is_some() && !stop_runs {
            return Err(ApiError::message(
                StatusCode::CONFLICT,
                "There are active job runs. Override with stopCurrentJobRuns=true",
            ));
        }
        for run in active {
            reconcile::stop(run, context);
        }
        state
            .jobs
            .remove(&job_id)
            .ok_or_else(|| unknown_job(&job_id))
    })?;
    Ok(json_response(StatusCode::OK, &Value::Object(job.spec)))
}

/// `GET /v1/jobs/{jobId}/schedules`: the simulator runs jobs on demand only.
pub(crate) async fn schedules(
    State(cluster): State<Arc<Cluster>>,
    Path(job_id): Path<String>,
) -> ApiResult {
    cluster.read(|state| {
        if state.jobs.contains_key(&job_id) {
            Ok(json_response(StatusCode::OK, &json!([])))
        } else {
            Err(unknown_job(&job_id))
        }
    })
}
