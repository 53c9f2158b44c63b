//! Metronome job runs: create or update the job, start a run, find where it stands, stop it.
//!
//! A finished run leaves Metronome's active runs; its outcome is then only in the job's
//! `history` embed (`successfulFinishedRuns` / `failedFinishedRuns`), so that is where a run
//! that is no longer active is looked up.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::providers::dcos::cluster::{Cluster, METRONOME};
use crate::providers::dcos::job_definition::{job_definition, job_description, job_id};
use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::model::{JobHandle, JobState, Progress};

/// Creates or updates the job of `context` and starts a run of it in `region`.
pub(crate) async fn run_job(
    cluster: &Cluster,
    region: &str,
    context: &Map<String, Value>,
) -> ProviderResult<JobHandle> {
    let description = job_description(context);
    let id = job_id(description)?;
    let job = job_definition(description)?;
    let job_path = format!("{METRONOME}/v1/jobs/{id}");
    let exists = cluster
        .get_optional(&job_path, &format!("reading job `{id}`"))
        .await?
        .is_some();
    if exists {
        cluster
            .send(
                Method::PUT,
                &job_path,
                Some(&job),
                &format!("updating job `{id}`"),
            )
            .await?;
    } else {
        let created = cluster
            .send(
                Method::POST,
                &format!("{METRONOME}/v1/jobs"),
                Some(&job),
                &format!("creating job `{id}`"),
            )
            .await;
        match created {
            // Created by someone else since we looked: update it instead.
            Err(error) if error.kind == ErrorKind::Conflict => {
                cluster
                    .send(
                        Method::PUT,
                        &job_path,
                        Some(&job),
                        &format!("updating job `{id}`"),
                    )
                    .await?;
            }
            other => {
                other?;
            }
        }
    }
    let reply = cluster
        .send(
            Method::POST,
            &format!("{job_path}/runs"),
            Some(&json!({})),
            &format!("starting a run of job `{id}`"),
        )
        .await?;
    let run = reply
        .body
        .get("id")
        .and_then(Value::as_str)
        .ok_or_else(|| {
            ProviderError::new(
                ErrorKind::Protocol,
                format!("starting a run of job `{id}`: the answer has no run id"),
            )
        })?;
    Ok(JobHandle {
        region: region.to_owned(),
        job: id,
        run: run.to_owned(),
    })
}

/// Where the run of `handle` stands, from the job read with `activeRuns` and `history`.
pub(crate) fn run_state(job: &Value, handle: &JobHandle) -> JobState {
    let run = &handle.run;
    let matching = |runs: Option<&Value>| {
        runs.and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|entry| entry.get("id").and_then(Value::as_str) == Some(run.as_str()))
            .cloned()
    };
    let (status, entry) = if let Some(active) = matching(job.get("activeRuns")) {
        let status = active
            .get("status")
            .and_then(Value::as_str)
            .unwrap_or("INITIAL")
            .to_owned();
        (status, Some(active))
    } else if let Some(done) = matching(job.pointer("/history/successfulFinishedRuns")) {
        ("SUCCESS".to_owned(), Some(done))
    } else if let Some(done) = matching(job.pointer("/history/failedFinishedRuns")) {
        ("FAILED".to_owned(), Some(done))
    } else {
        ("UNKNOWN".to_owned(), None)
    };
    state(&status, entry.as_ref(), handle)
}

/// The [`JobState`] of a run in `status`, with its Metronome entry as details.
fn state(status: &str, entry: Option<&Value>, handle: &JobHandle) -> JobState {
    let progress = match status {
        "SUCCESS" => Progress::Succeeded,
        "FAILED" => Progress::Failed(format!(
            "job run `{}` of `{}` failed",
            handle.run, handle.job
        )),
        "UNKNOWN" => Progress::Running(format!(
            "waiting for Metronome to report run `{}`",
            handle.run
        )),
        other => Progress::Running(format!("job run is {other}")),
    };
    let mut details = Map::new();
    details.insert("jobId".to_owned(), Value::from(handle.job.as_str()));
    details.insert("runId".to_owned(), Value::from(handle.run.as_str()));
    details.insert("status".to_owned(), Value::from(status));
    for key in ["createdAt", "finishedAt", "completedAt", "tasks"] {
        if let Some(value) = entry
            .and_then(|entry| entry.get(key))
            .filter(|v| !v.is_null())
        {
            details.insert(key.to_owned(), value.clone());
        }
    }
    JobState { progress, details }
}

/// Reads where the run of `handle` stands.
pub(crate) async fn job_state(cluster: &Cluster, handle: &JobHandle) -> ProviderResult<JobState> {
    let job_path = format!("{METRONOME}/v1/jobs/{}", handle.job);
    let job = cluster
        .get(
            &format!("{job_path}?embed=activeRuns&embed=history"),
            &format!("reading job `{}`", handle.job),
        )
        .await?;
    let found = run_state(&job, handle);
    if found.details.get("status").and_then(Value::as_str) != Some("UNKNOWN") {
        return Ok(found);
    }
    // Between leaving the active runs and entering the history a run may still be readable.
    let run = cluster
        .get_optional(
            &format!("{job_path}/runs/{}", handle.run),
            &format!("reading job run `{}`", handle.run),
        )
        .await?;
    Ok(match run {
        Some(run) => {
            let status = run
                .get("status")
                .and_then(Value::as_str)
                .unwrap_or("UNKNOWN");
            state(status, Some(&run), handle)
        }
        None => found,
    })
}

/// Stops the run of `handle`; a run that is no longer active needs no stopping.
pub(crate) async fn cancel_job(cluster: &Cluster, handle: &JobHandle) -> ProviderResult<()> {
    let path = format!(
        "{METRONOME}/v1/jobs/{}/runs/{}/actions/stop",
        handle.job, handle.run
    );
    let result = cluster
        .send(
            Method::POST,
            &path,
            Some(&json!({})),
            &format!("stopping job run `{}`", handle.run),
        )
        .await;
    match result {
        Err(error) if error.kind == ErrorKind::NotFound => Ok(()),
        other => other.map(|_| ()),
    }
}
