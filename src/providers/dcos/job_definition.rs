//! The Metronome job a `runJob` stage runs, from its DC/OS description (orca-model §6.2;
//! clouddriver's `RunDcosJobDescription`): `general` gives the id, resources and command,
//! `docker.image` the image, and the rest maps onto Metronome's `run` under its own names.
//!
//! Metronome requires `cpus`, `mem` and `disk`; when the stage leaves them out the job gets
//! DC/OS's defaults for a new job (1 CPU, 128 MiB, no disk).

use serde_json::{Map, Value, json};

use crate::providers::dcos::{image, region};
use crate::providers::error::{ProviderError, ProviderResult};

/// The description of the job itself: the stage context, or its nested `cluster` when that is
/// where `general` is.
pub(crate) fn job_description(context: &Map<String, Value>) -> &Map<String, Value> {
    context
        .get("cluster")
        .and_then(Value::as_object)
        .filter(|cluster| cluster.contains_key("general"))
        .unwrap_or(context)
}

/// The job's id (`general.id`), checked against Metronome's dotted-path pattern.
pub(crate) fn job_id(description: &Map<String, Value>) -> ProviderResult<String> {
    let id = description
        .get("general")
        .and_then(|general| general.get("id"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| ProviderError::invalid("the DC/OS job has no `general.id`"))?;
    if !region::is_segment(id) {
        return Err(ProviderError::invalid(format!(
            "job id `{id}` is not a Metronome id: dot-separated lowercase names of letters, \
             digits and inner `-`"
        )));
    }
    Ok(id.to_owned())
}

/// The job JSON for `POST /v1/jobs` or `PUT /v1/jobs/<id>`.
pub(crate) fn job_definition(description: &Map<String, Value>) -> ProviderResult<Value> {
    let id = job_id(description)?;
    let empty = Map::new();
    let general = description
        .get("general")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let number = |key: &str, default: f64| {
        general
            .get(key)
            .filter(|value| value.is_number())
            .cloned()
            .unwrap_or_else(|| json!(default))
    };
    let mut run = Map::new();
    run.insert("cpus".to_owned(), number("cpus", 1.0));
    run.insert("mem".to_owned(), number("mem", 128.0));
    run.insert("disk".to_owned(), number("disk", 0.0));
    if let Some(gpus) = general.get("gpus").filter(|value| value.is_number()) {
        run.insert("gpus".to_owned(), gpus.clone());
    }
    if let Some(cmd) = general
        .get("cmd")
        .and_then(Value::as_str)
        .filter(|cmd| !cmd.trim().is_empty())
    {
        run.insert("cmd".to_owned(), Value::from(cmd));
    }
    for key in ["args", "artifacts", "volumes", "secrets"] {
        if let Some(value) = description.get(key).filter(|value| !value.is_null()) {
            run.insert(key.to_owned(), value.clone());
        }
    }
    if let Some(user) = description
        .get("user")
        .and_then(Value::as_str)
        .filter(|user| !user.is_empty())
    {
        run.insert("user".to_owned(), Value::from(user));
    }
    if let Some(delay) = description
        .get("maxLaunchDelay")
        .filter(|value| value.is_number())
    {
        run.insert("maxLaunchDelay".to_owned(), delay.clone());
    }
    run.insert("env".to_owned(), Value::Object(environment(description)));
    if let Some(docker) = description
        .get("docker")
        .filter(|docker| docker.is_object())
    {
        let reference = image::reference(docker.get("image").unwrap_or(&Value::Null))?;
        let mut marathon = Map::new();
        marathon.insert("image".to_owned(), Value::from(reference));
        for key in ["forcePullImage", "privileged", "parameters"] {
            if let Some(value) = docker.get(key).filter(|value| !value.is_null()) {
                marathon.insert(key.to_owned(), value.clone());
            }
        }
        run.insert("docker".to_owned(), Value::Object(marathon));
    }
    run.insert(
        "placement".to_owned(),
        json!({"constraints": constraints(description)}),
    );
    run.insert("restart".to_owned(), restart(description));
    let mut job = Map::new();
    job.insert("id".to_owned(), Value::from(id));
    if let Some(text) = general.get("description").and_then(Value::as_str) {
        job.insert("description".to_owned(), Value::from(text));
    }
    job.insert(
        "labels".to_owned(),
        Value::Object(strings(description.get("labels"))),
    );
    job.insert("run".to_owned(), Value::Object(run));
    Ok(Value::Object(job))
}

/// A map's values as strings (null values dropped).
fn strings(map: Option<&Value>) -> Map<String, Value> {
    map.and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| {
            let text = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (key.clone(), Value::from(text))
        })
        .collect()
}

/// Env values as strings, secret references (`{"secret": …}`) kept.
fn environment(description: &Map<String, Value>) -> Map<String, Value> {
    let mut env = strings(description.get("env"));
    for (key, value) in description
        .get("env")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if value.get("secret").is_some() {
            env.insert(key.clone(), value.clone());
        }
    }
    env
}

/// `[{attribute, operator, value}]` with the operator upper-cased.
fn constraints(description: &Map<String, Value>) -> Vec<Value> {
    description
        .get("constraints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|constraint| {
            let attribute = constraint.get("attribute").and_then(Value::as_str)?;
            let operator = constraint.get("operator").and_then(Value::as_str)?;
            let mut entry =
                json!({"attribute": attribute, "operator": operator.to_ascii_uppercase()});
            if let Some(value) = constraint.get("value").and_then(Value::as_str) {
                entry["value"] = Value::from(value);
            }
            Some(entry)
        })
        .collect()
}

/// `restartPolicy` as Metronome's `restart`; a job that is not told otherwise never restarts.
fn restart(description: &Map<String, Value>) -> Value {
    let policy = description.get("restartPolicy");
    let mut restart = json!({
        "policy": policy
            .and_then(|policy| policy.get("policy"))
            .and_then(Value::as_str)
            .unwrap_or("NEVER")
            .to_ascii_uppercase()
    });
    if let Some(deadline) = policy
        .and_then(|policy| policy.get("activeDeadlineSeconds"))
        .filter(|value| value.is_number())
    {
        restart["activeDeadlineSeconds"] = deadline.clone();
    }
    restart
}
