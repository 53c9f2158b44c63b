//! The Marathon app a deploy creates, from the stage's DC/OS cluster description
//! (orca-model §6.2; clouddriver's `DeployDcosServerGroupDescription`).
//!
//! Values pass through under Marathon's names where Spinnaker's match; the rest is mapped:
//! `dcosUser` → `user`, `networkType` → `networks`, `serviceEndpoints` → `portDefinitions`
//! (host networking) or the container's `portMappings` (bridge and user networks), the three
//! kinds of volumes → `container.volumes`, a constraints string `a:OP:v,b:OP` → Marathon's
//! arrays. Two labels record what later operations need: when the server group was created
//! ([`CREATED_AT_LABEL`], epoch ms; Marathon's own timestamps change on every change) and the
//! size `enable` restores ([`ENABLED_INSTANCES_LABEL`]).

use serde_json::{Map, Value, json};

use crate::providers::cloud::DeployRequest;
use crate::providers::dcos::image;
use crate::providers::error::{ProviderError, ProviderResult};

/// The label holding the creation time (epoch ms).
pub(crate) const CREATED_AT_LABEL: &str = "GENNAKER_CREATED_AT";
/// The label holding the instance count to restore on `enable`.
pub(crate) const ENABLED_INSTANCES_LABEL: &str = "GENNAKER_ENABLED_INSTANCES";

/// Fields copied as they are, when present.
const PASSED_THROUGH: &[&str] = &[
    "cpus",
    "mem",
    "disk",
    "gpus",
    "secrets",
    "fetch",
    "storeUrls",
    "backoffSeconds",
    "backoffFactor",
    "maxLaunchDelaySeconds",
    "readinessChecks",
    "dependencies",
    "acceptedResourceRoles",
    "residency",
    "taskKillGracePeriodSeconds",
    "requirePorts",
    "upgradeStrategy",
];

/// Health check fields copied as they are.
const HEALTH_CHECK_FIELDS: &[&str] = &[
    "path",
    "port",
    "portIndex",
    "gracePeriodSeconds",
    "intervalSeconds",
    "timeoutSeconds",
    "maxConsecutiveFailures",
    "delaySeconds",
    "ignoreHttp1xx",
];

/// The app JSON to `POST /v2/apps` for `request` under `app_id`, created at `created_at_ms`.
pub(crate) fn app_definition(
    app_id: &str,
    request: &DeployRequest,
    created_at_ms: u64,
) -> ProviderResult<Value> {
    let description = &request.description;
    let mut app = Map::new();
    app.insert("id".to_owned(), Value::from(app_id));
    app.insert(
        "instances".to_owned(),
        Value::from(request.capacity.desired),
    );
    for key in PASSED_THROUGH {
        if let Some(value) = present(description, key) {
            app.insert((*key).to_owned(), value.clone());
        }
    }
    if let Some(cmd) = text(description, "cmd") {
        app.insert("cmd".to_owned(), Value::from(cmd));
    }
    if let Some(args) = description.get("args").and_then(Value::as_array)
        && !args.is_empty()
    {
        app.insert("args".to_owned(), Value::Array(args.clone()));
    }
    if let Some(user) = text(description, "dcosUser") {
        app.insert("user".to_owned(), Value::from(user));
    }
    if let Some(env) = description.get("env").and_then(Value::as_object) {
        app.insert("env".to_owned(), Value::Object(environment(env)));
    }
    app.insert(
        "labels".to_owned(),
        Value::Object(labels(description, request, created_at_ms)),
    );
    if let Some(constraints) = present(description, "constraints") {
        app.insert("constraints".to_owned(), constraints_of(constraints)?);
    }
    if let Some(checks) = description.get("healthChecks").and_then(Value::as_array) {
        let checks: Vec<Value> = checks.iter().map(health_check).collect();
        app.insert("healthChecks".to_owned(), Value::Array(checks));
    }
    let network = Network::of(description);
    app.insert("networks".to_owned(), json!([network.marathon()]));
    let endpoints = endpoints(description, &network, app_id);
    if network == Network::Host && !endpoints.is_empty() {
        app.insert(
            "portDefinitions".to_owned(),
            Value::Array(endpoints.clone()),
        );
    }
    if let Some(container) = container(description, &network, endpoints)? {
        app.insert("container".to_owned(), container);
    }
    Ok(Value::Object(app))
}

/// A field that is present and not null.
fn present<'a>(description: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    description.get(key).filter(|value| !value.is_null())
}

/// A field that is a non-blank string.
fn text<'a>(description: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    description
        .get(key)
        .and_then(Value::as_str)
        .filter(|value| !value.trim().is_empty())
}

/// Marathon wants strings or secret references (`{"secret": "name"}`) as env values.
fn environment(env: &Map<String, Value>) -> Map<String, Value> {
    env.iter()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| {
            let value = match value {
                Value::String(_) | Value::Object(_) => value.clone(),
                other => Value::from(other.to_string()),
            };
            (key.clone(), value)
        })
        .collect()
}

fn labels(
    description: &Map<String, Value>,
    request: &DeployRequest,
    created_at_ms: u64,
) -> Map<String, Value> {
    let mut labels: Map<String, Value> = description
        .get("labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, value)| !value.is_null())
        .map(|(key, value)| {
            let value = value
                .as_str()
                .map_or_else(|| value.to_string(), str::to_owned);
            (key.clone(), Value::from(value))
        })
        .collect();
    let capacity = request.capacity;
    let enabled = [capacity.desired, capacity.max]
        .into_iter()
        .find(|n| *n > 0)
        .unwrap_or(1);
    labels.insert(
        CREATED_AT_LABEL.to_owned(),
        Value::from(created_at_ms.to_string()),
    );
    labels.insert(
        ENABLED_INSTANCES_LABEL.to_owned(),
        Value::from(enabled.to_string()),
    );
    labels
}

/// Marathon's `[["field","OP","value"], …]` from an array (of arrays or of `a:OP:v` strings)
/// or a comma-separated string of `a:OP:v`.
fn constraints_of(value: &Value) -> ProviderResult<Value> {
    let split = |text: &str| -> Value {
        Value::Array(
            text.split(':')
                .map(|part| Value::from(part.trim()))
                .collect(),
        )
    };
    match value {
        Value::String(text) => Ok(Value::Array(
            text.split(',')
                .filter(|part| !part.trim().is_empty())
                .map(split)
                .collect(),
        )),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(split(text)),
                Value::Array(_) => Ok(item.clone()),
                other => Err(ProviderError::invalid(format!(
                    "constraint `{other}` is neither `field:OPERATOR[:value]` nor an array"
                ))),
            })
            .collect::<ProviderResult<Vec<_>>>()
            .map(Value::Array),
        other => Err(ProviderError::invalid(format!(
            "`constraints` must be a string or an array, not `{other}`"
        ))),
    }
}

fn health_check(check: &Value) -> Value {
    let mut marathon = Map::new();
    let protocol = check
        .get("protocol")
        .and_then(Value::as_str)
        .map_or_else(|| "HTTP".to_owned(), str::to_ascii_uppercase);
    marathon.insert("protocol".to_owned(), Value::from(protocol));
    for key in HEALTH_CHECK_FIELDS {
        if let Some(value) = check.get(*key).filter(|value| !value.is_null()) {
            marathon.insert((*key).to_owned(), value.clone());
        }
    }
    match check.get("command") {
        Some(Value::String(command)) if !command.trim().is_empty() => {
            marathon.insert("command".to_owned(), json!({"value": command}));
        }
        Some(command @ Value::Object(_)) => {
            marathon.insert("command".to_owned(), command.clone());
        }
        _ => {}
    }
    Value::Object(marathon)
}

/// How tasks are networked (`networkType`: `HOST`, `BRIDGE` or `USER` with a network name).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Network {
    Host,
    Bridge,
    User(Option<String>),
}

impl Network {
    fn of(description: &Map<String, Value>) -> Self {
        let declared = description.get("networkType").or_else(|| {
            description
                .get("docker")
                .and_then(|docker| docker.get("network"))
        });
        let (kind, name) = match declared {
            Some(Value::String(kind)) => (kind.clone(), None),
            Some(Value::Object(object)) => (
                object
                    .get("type")
                    .and_then(Value::as_str)
                    .unwrap_or("HOST")
                    .to_owned(),
                object
                    .get("name")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            ),
            _ => ("HOST".to_owned(), None),
        };
        match kind.to_ascii_uppercase().as_str() {
            "BRIDGE" => Self::Bridge,
            "USER" | "CONTAINER" => Self::User(name),
            _ => Self::Host,
        }
    }

    fn marathon(&self) -> Value {
        match self {
            Self::Host => json!({"mode": "host"}),
            Self::Bridge => json!({"mode": "container/bridge"}),
            Self::User(Some(name)) => json!({"mode": "container", "name": name}),
            Self::User(None) => json!({"mode": "container"}),
        }
    }
}

/// `serviceEndpoints` as port definitions (host) or port mappings (bridge, user).
fn endpoints(description: &Map<String, Value>, network: &Network, app_id: &str) -> Vec<Value> {
    let Some(endpoints) = description
        .get("serviceEndpoints")
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    endpoints
        .iter()
        .enumerate()
        .map(|(index, endpoint)| {
            let port = endpoint.get("port").and_then(Value::as_u64).unwrap_or(0);
            let protocol = endpoint
                .get("protocol")
                .and_then(Value::as_str)
                .unwrap_or("tcp")
                .to_ascii_lowercase();
            let mut labels = endpoint
                .get("labels")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if endpoint.get("isLoadBalanced").and_then(Value::as_bool) == Some(true) {
                // A DC/OS named VIP: `<app id>:<port>` reaches every task of the app.
                labels.insert(
                    format!("VIP_{index}"),
                    Value::from(format!("{app_id}:{port}")),
                );
            }
            let mut entry = Map::new();
            match network {
                Network::Host => {
                    entry.insert("port".to_owned(), Value::from(port));
                }
                Network::Bridge => {
                    entry.insert("containerPort".to_owned(), Value::from(port));
                    entry.insert("hostPort".to_owned(), Value::from(0));
                }
                Network::User(_) => {
                    entry.insert("containerPort".to_owned(), Value::from(port));
                    if endpoint.get("exposeToHost").and_then(Value::as_bool) == Some(true) {
                        entry.insert("hostPort".to_owned(), Value::from(0));
                    }
                }
            }
            entry.insert("protocol".to_owned(), Value::from(protocol));
            if let Some(name) = endpoint.get("name").and_then(Value::as_str) {
                entry.insert("name".to_owned(), Value::from(name));
            }
            if !labels.is_empty() {
                entry.insert("labels".to_owned(), Value::Object(labels));
            }
            Value::Object(entry)
        })
        .collect()
}

/// The Docker container, with the port mappings of non-host networks and every volume.
fn container(
    description: &Map<String, Value>,
    network: &Network,
    endpoints: Vec<Value>,
) -> ProviderResult<Option<Value>> {
    let volumes: Vec<Value> = ["persistentVolumes", "dockerVolumes", "externalVolumes"]
        .into_iter()
        .filter_map(|key| description.get(key).and_then(Value::as_array))
        .flatten()
        .cloned()
        .collect();
    let docker = description
        .get("docker")
        .filter(|docker| docker.is_object());
    let mut container = Map::new();
    if let Some(docker) = docker {
        let image = docker.get("image").unwrap_or(&Value::Null);
        let mut marathon = Map::new();
        marathon.insert("image".to_owned(), Value::from(image::reference(image)?));
        for key in ["forcePullImage", "privileged", "parameters"] {
            if let Some(value) = docker.get(key).filter(|value| !value.is_null()) {
                marathon.insert(key.to_owned(), value.clone());
            }
        }
        container.insert("type".to_owned(), Value::from("DOCKER"));
        container.insert("docker".to_owned(), Value::Object(marathon));
    } else if volumes.is_empty() {
        return Ok(None);
    } else {
        container.insert("type".to_owned(), Value::from("MESOS"));
    }
    if *network != Network::Host && !endpoints.is_empty() {
        container.insert("portMappings".to_owned(), Value::Array(endpoints));
    }
    if !volumes.is_empty() {
        container.insert("volumes".to_owned(), Value::Array(volumes));
    }
    Ok(Some(Value::Object(container)))
}
