//! Files a Metronome run left in its Mesos sandbox (`propertyFile`, `stderr`).
//!
//! The run's task is named `<runId>.<jobId>` in the master state's `metronome` framework
//! (running or completed); the agent that ran it lists the executor with its sandbox
//! `directory`; the agent's files API serves the file. When the agent no longer lists the
//! executor, the sandbox is rebuilt from the agent's `work_dir` and the `runs/latest` link.

use serde_json::Value;

use crate::providers::dcos::cluster::{Cluster, with_query};
use crate::providers::error::ProviderResult;
use crate::providers::model::JobHandle;

/// The Mesos framework Metronome registers as.
const FRAMEWORK: &str = "metronome";

/// The agent work directory DC/OS uses when the agent does not say.
const DEFAULT_WORK_DIR: &str = "/var/lib/mesos/slave";

/// A run's Mesos task, as the master lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MesosTask {
    /// The task id.
    pub(crate) id: String,
    /// The agent it ran on.
    pub(crate) agent: String,
    /// Metronome's framework id.
    pub(crate) framework: String,
    /// Its executor (the task id itself for the command executor).
    pub(crate) executor: String,
}

fn array<'a>(value: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    value
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn text<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value
        .get(key)
        .and_then(Value::as_str)
        .filter(|text| !text.is_empty())
}

/// The task of run `run` of job `job` in the master state: one still running first, else the
/// newest completed one (a restarted run has several).
pub(crate) fn find_task(master: &Value, job: &str, run: &str) -> Option<MesosTask> {
    let name = format!("{run}.{job}");
    let frameworks: Vec<&Value> = array(master, "frameworks")
        .chain(array(master, "completed_frameworks"))
        .filter(|framework| text(framework, "name") == Some(FRAMEWORK))
        .collect();
    let named = |key: &'static str| {
        frameworks
            .iter()
            .flat_map(move |framework| array(framework, key).map(move |task| (*framework, task)))
            .filter(|(_, task)| text(task, "name") == Some(name.as_str()))
            .last()
    };
    let (framework, task) = named("tasks").or_else(|| named("completed_tasks"))?;
    let id = text(task, "id")?.to_owned();
    Some(MesosTask {
        agent: text(task, "slave_id")?.to_owned(),
        framework: text(task, "framework_id")
            .or_else(|| text(framework, "id"))?
            .to_owned(),
        executor: text(task, "executor_id").unwrap_or(&id).to_owned(),
        id,
    })
}

/// The sandbox directory of `task` from its agent's state.
pub(crate) fn sandbox_directory(agent: &Value, task: &MesosTask) -> String {
    let executor = array(agent, "frameworks")
        .chain(array(agent, "completed_frameworks"))
        .filter(|framework| text(framework, "id") == Some(task.framework.as_str()))
        .flat_map(|framework| {
            array(framework, "executors").chain(array(framework, "completed_executors"))
        })
        .find(|executor| text(executor, "id") == Some(task.executor.as_str()));
    if let Some(directory) = executor.and_then(|executor| text(executor, "directory")) {
        return directory.trim_end_matches('/').to_owned();
    }
    let work_dir = agent
        .pointer("/flags/work_dir")
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_WORK_DIR)
        .trim_end_matches('/');
    let run = executor
        .and_then(|executor| text(executor, "container"))
        .unwrap_or("latest");
    format!(
        "{work_dir}/slaves/{}/frameworks/{}/executors/{}/runs/{run}",
        task.agent, task.framework, task.executor
    )
}

/// `file` (relative to the sandbox; `./` and `$MESOS_SANDBOX/` prefixes dropped) inside
/// `directory`.
pub(crate) fn file_path(directory: &str, file: &str) -> String {
    let relative = file
        .trim_start_matches("$MESOS_SANDBOX/")
        .trim_start_matches("${MESOS_SANDBOX}/")
        .trim_start_matches("./")
        .trim_start_matches('/');
    format!("{directory}/{relative}")
}

/// The text of `file` in the sandbox of `handle`'s run, or `None` when the run has no task yet
/// or the file does not exist.
pub(crate) async fn read_file(
    cluster: &Cluster,
    handle: &JobHandle,
    file: &str,
) -> ProviderResult<Option<String>> {
    let what = format!("reading the Mesos state for job run `{}`", handle.run);
    let master = cluster.get("/mesos/state.json", &what).await?;
    let Some(task) = find_task(&master, &handle.job, &handle.run) else {
        return Ok(None);
    };
    let agent_path = format!("/agent/{}/slave(1)/state.json", task.agent);
    let agent = cluster
        .get(
            &agent_path,
            &format!("reading the state of agent `{}`", task.agent),
        )
        .await?;
    let path = file_path(&sandbox_directory(&agent, &task), file);
    let url = with_query(
        &cluster
            .rest
            .url(&format!("/agent/{}/files/download", task.agent)),
        &[("path", &path)],
    )?;
    let body = cluster
        .get_optional(&url, &format!("downloading `{path}`"))
        .await?;
    // The HTTP layer reads a JSON file as JSON; its text comes back equivalent, not byte-exact.
    Ok(body.map(|body| match body {
        Value::String(text) => text,
        Value::Null => String::new(),
        other => other.to_string(),
    }))
}
