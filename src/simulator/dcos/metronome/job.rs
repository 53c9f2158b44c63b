//! [`Job`]: a Metronome job as stored, and the checks and defaults of `jobspec.schema.json`
//! (`id` a dotted lowercase path, `run.cpus` ≥ 0.01, `run.mem` ≥ 32, `run.disk` ≥ 0, …).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use crate::simulator::dcos::api_error::{ApiError, Violation};

/// One Metronome job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Job {
    /// The normalised job spec, `id` included.
    pub(crate) spec: Map<String, Value>,
}

impl Job {
    /// The job id.
    pub(crate) fn id(&self) -> &str {
        self.spec
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
    }

    /// The `run` object.
    fn run(&self) -> Option<&Map<String, Value>> {
        self.spec.get("run").and_then(Value::as_object)
    }

    /// The command line (empty when the job only names an image).
    pub(crate) fn cmd(&self) -> String {
        let run = self.run();
        let cmd = run.and_then(|run| run.get("cmd")).and_then(Value::as_str);
        let args = run
            .and_then(|run| run.get("args"))
            .and_then(Value::as_array)
            .map(|args| {
                args.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        cmd.map(ToOwned::to_owned).or(args).unwrap_or_default()
    }

    /// The image, used to match image faults.
    pub(crate) fn image(&self) -> String {
        let run = self.run();
        let docker = run
            .and_then(|run| run.get("docker"))
            .and_then(|docker| docker.get("image"))
            .and_then(Value::as_str);
        let ucr = run
            .and_then(|run| run.get("ucr"))
            .and_then(|ucr| ucr.get("image"))
            .and_then(|image| image.get("id"))
            .and_then(Value::as_str);
        docker.or(ucr).unwrap_or_default().to_owned()
    }

    /// Plain-string environment variables (secret references are skipped).
    pub(crate) fn env(&self) -> Vec<(String, String)> {
        self.run()
            .and_then(|run| run.get("env"))
            .and_then(Value::as_object)
            .map(|env| {
                env.iter()
                    .filter_map(|(key, value)| value.as_str().map(|v| (key.clone(), v.to_owned())))
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            let bytes = segment.as_bytes();
            !bytes.is_empty()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
                && bytes.first() != Some(&b'-')
                && bytes.last() != Some(&b'-')
        })
}

/// Checks a job spec and fills Metronome's defaults; `id` overrides the body's id (`PUT`).
pub(crate) fn validated(body: &Value, id: Option<&str>) -> Result<Job, ApiError> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::invalid_json("/", "error.expected.jsobject"));
    };
    let mut spec = object.clone();
    if let Some(id) = id {
        spec.insert("id".to_owned(), json!(id));
    }
    let mut found = Vec::new();
    match spec.get("id").and_then(Value::as_str) {
        None => found.push(Violation::new("/id", "error.path.missing")),
        Some(id) if !valid_id(id) => found.push(Violation::new(
            "/id",
            "must match '^([a-z0-9]([a-z0-9-]*[a-z0-9]+)*)([.][a-z0-9]([a-z0-9-]*[a-z0-9]+)*)*$'",
        )),
        Some(_) => {}
    }
    match spec.get_mut("run").and_then(Value::as_object_mut) {
        None => found.push(Violation::new("/run", "error.path.missing")),
        Some(run) => {
            found.extend(run_violations(run));
            fill_run_defaults(run);
        }
    }
    if !found.is_empty() {
        return Err(ApiError::not_valid(&found));
    }
    spec.entry("labels").or_insert_with(|| json!({}));
    spec.entry("description").or_insert_with(|| json!(""));
    Ok(Job { spec })
}

fn run_violations(run: &Map<String, Value>) -> Vec<Violation> {
    let mut found = Vec::new();
    for (field, minimum, message) in [
        ("cpus", 0.01, "is less than than 0.01"),
        ("mem", 32.0, "is less than than 32"),
        ("disk", 0.0, "is less than than 0"),
    ] {
        match run.get(field) {
            None => found.push(Violation::new(
                &format!("/run/{field}"),
                "error.path.missing",
            )),
            Some(value) => match value.as_f64() {
                None => found.push(Violation::new(
                    &format!("/run/{field}"),
                    "error.expected.jsnumber",
                )),
                Some(number) if number < minimum => {
                    found.push(Violation::new(&format!("/run/{field}"), message));
                }
                Some(_) => {}
            },
        }
    }
    if let Some(docker) = run.get("docker")
        && docker
            .get("image")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
    {
        found.push(Violation::new("/run/docker/image", "error.path.missing"));
    }
    if let Some(policy) = run
        .get("restart")
        .and_then(|restart| restart.get("policy"))
        .and_then(Value::as_str)
        && !matches!(policy, "NEVER" | "ON_FAILURE")
    {
        found.push(Violation::new(
            "/run/restart/policy",
            "error.expected.validenumvalue",
        ));
    }
    if run.get("cmd").is_some_and(|cmd| !cmd.is_string()) {
        found.push(Violation::new("/run/cmd", "error.expected.jsstring"));
    }
    if run.get("env").is_some_and(|env| !env.is_object()) {
        found.push(Violation::new("/run/env", "error.expected.jsobject"));
    }
    found
}

fn fill_run_defaults(run: &mut Map<String, Value>) {
    let defaults = [
        ("gpus", json!(0)),
        ("env", json!({})),
        ("artifacts", json!([])),
        ("maxLaunchDelay", json!(3600)),
        ("placement", json!({ "constraints": [] })),
        ("restart", json!({ "policy": "NEVER" })),
        ("volumes", json!([])),
        ("secrets", json!({})),
        ("networks", json!([])),
    ];
    for (field, value) in defaults {
        run.entry(field).or_insert(value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_little_memory_is_not_valid() {
        let body = json!({ "id": "smoke.test", "run": { "cpus": 0.1, "mem": 16, "disk": 0 } });
        let error = validated(&body, None).unwrap_err();
        assert_eq!(error.status.as_u16(), 422);
        assert_eq!(error.body["details"][0]["path"], "/run/mem");
    }

    #[test]
    fn ids_are_dotted_lowercase_paths() {
        assert!(valid_id("prod.email-summary"));
        assert!(!valid_id("Prod"));
        assert!(!valid_id("prod..x"));
        assert!(!valid_id("prod/x"));
    }

    #[test]
    fn defaults_are_filled() {
        let body =
            json!({ "id": "a", "run": { "cpus": 0.1, "mem": 32, "disk": 0, "cmd": "true" } });
        let job = validated(&body, None).unwrap();
        assert_eq!(job.spec["run"]["restart"]["policy"], "NEVER");
        assert_eq!(job.cmd(), "true");
    }
}
