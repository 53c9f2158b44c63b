//! The Cloud Controller v3 resources the client reads, with the fields it uses and a few more
//! the contract tests hold to the documentation. Written from the v3 API documentation
//! (`docs/v3/source/includes/api_resources/*`); unknown fields are ignored and most fields
//! default, so a newer Cloud Controller still parses.

// Fields only the contract tests read (`tests/contract.rs`) keep the types true to the docs.
#![cfg_attr(
    not(test),
    allow(
        dead_code,
        reason = "some documented fields are only read by the contract tests"
    )
)]

use serde::Deserialize;
use serde_json::{Map, Value};

/// A `{"guid": ...}` object (a build's droplet, a relationship's data).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub(crate) struct GuidRef {
    /// The guid.
    pub(crate) guid: String,
}

/// A to-one relationship: `{"data": {"guid": ...}}`, data `null` when unset.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct ToOne {
    /// The related resource, if any.
    #[serde(default)]
    pub(crate) data: Option<GuidRef>,
}

impl ToOne {
    /// The related guid, if any.
    pub(crate) fn guid(&self) -> Option<&str> {
        self.data.as_ref().map(|data| data.guid.as_str())
    }
}

/// Labels and annotations.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Metadata {
    /// Annotations.
    #[serde(default)]
    pub(crate) annotations: Map<String, Value>,
}

/// An organization, a space or a domain: what is looked up by name.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Named {
    /// The guid.
    pub(crate) guid: String,
    /// The name.
    pub(crate) name: String,
    /// A space's organization, a service's plan…
    #[serde(default)]
    pub(crate) relationships: Map<String, Value>,
}

/// An app's lifecycle.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Lifecycle {
    /// `buildpack`, `docker` or `cnb`.
    #[serde(rename = "type", default)]
    pub(crate) kind: String,
}

/// An app's relationships.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AppRelationships {
    /// Its space.
    #[serde(default)]
    pub(crate) space: ToOne,
}

/// An app (`resources/apps/_object`): a Spinnaker server group.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct App {
    /// The guid (also its web process's, until a v3 deployment replaces that process).
    pub(crate) guid: String,
    /// The name.
    pub(crate) name: String,
    /// `STARTED` or `STOPPED`.
    pub(crate) state: String,
    /// When it was created (ISO-8601).
    #[serde(default)]
    pub(crate) created_at: Option<String>,
    /// Docker or buildpack.
    #[serde(default)]
    pub(crate) lifecycle: Lifecycle,
    /// Its space.
    #[serde(default)]
    pub(crate) relationships: AppRelationships,
    /// Labels and annotations.
    #[serde(default)]
    pub(crate) metadata: Metadata,
}

impl App {
    /// Whether it is started (Spinnaker's "enabled").
    pub(crate) fn is_started(&self) -> bool {
        self.state == "STARTED"
    }

    /// An annotation's text value.
    pub(crate) fn annotation(&self, key: &str) -> Option<&str> {
        self.metadata.annotations.get(key).and_then(Value::as_str)
    }
}

/// A process (`resources/processes/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Process {
    /// The guid.
    pub(crate) guid: String,
    /// `web`, `worker`…
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// Instances wanted.
    #[serde(default)]
    pub(crate) instances: u32,
    /// Memory per instance.
    #[serde(default)]
    pub(crate) memory_in_mb: Option<u64>,
}

/// One instance in `GET /v3/processes/:guid/stats`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct InstanceStats {
    /// Its index.
    #[serde(default)]
    pub(crate) index: u32,
    /// `RUNNING`, `CRASHED`, `STARTING`, `STOPPING` or `DOWN`.
    pub(crate) state: String,
    /// Placement errors, if any.
    #[serde(default)]
    pub(crate) details: Option<String>,
}

/// The stats of a process's instances.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ProcessStats {
    /// One per instance.
    #[serde(default)]
    pub(crate) resources: Vec<InstanceStats>,
}

/// A package (`resources/packages/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Package {
    /// The guid.
    pub(crate) guid: String,
    /// `bits` or `docker`.
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// `AWAITING_UPLOAD`, `PROCESSING_UPLOAD`, `READY`, `FAILED`, `COPYING`, `EXPIRED`.
    pub(crate) state: String,
    /// Docker image, or bits checksum and error.
    #[serde(default)]
    pub(crate) data: Value,
}

impl Package {
    /// Why it failed, when it did.
    pub(crate) fn error(&self) -> Option<&str> {
        self.data.get("error").and_then(Value::as_str)
    }
}

/// A build (`resources/builds/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Build {
    /// The guid.
    pub(crate) guid: String,
    /// `STAGING`, `STAGED` or `FAILED`.
    pub(crate) state: String,
    /// Why staging failed.
    #[serde(default)]
    pub(crate) error: Option<String>,
    /// The droplet, once staged.
    #[serde(default)]
    pub(crate) droplet: Option<GuidRef>,
}

/// A droplet (`resources/droplets/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Droplet {
    /// The guid.
    pub(crate) guid: String,
    /// `STAGED`, `COPYING`, `FAILED`…
    pub(crate) state: String,
    /// Why it failed.
    #[serde(default)]
    pub(crate) error: Option<String>,
    /// The docker image, for docker droplets.
    #[serde(default)]
    pub(crate) image: Option<String>,
    /// The buildpacks that built it.
    #[serde(default)]
    pub(crate) buildpacks: Option<Vec<Value>>,
    /// The stack it runs on.
    #[serde(default)]
    pub(crate) stack: Option<String>,
    /// Links (`package`…).
    #[serde(default)]
    pub(crate) links: Map<String, Value>,
}

/// A route destination (`resources/routes/_destination_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Destination {
    /// The guid.
    pub(crate) guid: String,
    /// The app it sends traffic to.
    pub(crate) app: GuidRef,
}

/// The relationships of a route.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct RouteRelationships {
    /// Its domain.
    #[serde(default)]
    pub(crate) domain: ToOne,
}

/// A route (`resources/routes/_object`): a Spinnaker load balancer.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Route {
    /// The guid.
    pub(crate) guid: String,
    /// The host (may be empty).
    #[serde(default)]
    pub(crate) host: String,
    /// The path (empty or starting with `/`).
    #[serde(default)]
    pub(crate) path: String,
    /// `host.domain/path`.
    #[serde(default)]
    pub(crate) url: String,
    /// Domain and space.
    #[serde(default)]
    pub(crate) relationships: RouteRelationships,
}

/// A task's result.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct TaskResult {
    /// Why it failed.
    #[serde(default)]
    pub(crate) failure_reason: Option<String>,
}

/// A task (`resources/tasks/_object`): a run of `runJob`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Task {
    /// The guid.
    pub(crate) guid: String,
    /// Its name.
    #[serde(default)]
    pub(crate) name: String,
    /// `PENDING`, `RUNNING`, `CANCELING`, `SUCCEEDED` or `FAILED`.
    pub(crate) state: String,
    /// Its number within the app.
    #[serde(default)]
    pub(crate) sequence_id: Option<u64>,
    /// The outcome.
    #[serde(default)]
    pub(crate) result: TaskResult,
    /// The droplet it runs.
    #[serde(default)]
    pub(crate) droplet_guid: Option<String>,
}

/// A service instance's last operation.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct LastOperation {
    /// `create`, `update` or `delete`.
    #[serde(rename = "type", default)]
    pub(crate) kind: String,
    /// `in progress`, `succeeded` or `failed`.
    #[serde(default)]
    pub(crate) state: String,
    /// The broker's words.
    #[serde(default)]
    pub(crate) description: Option<String>,
}

/// A service instance (`resources/service_instances/_object`), or a service credential
/// binding, which has the same `last_operation`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ServiceInstance {
    /// The guid.
    pub(crate) guid: String,
    /// `managed` or `user-provided` (`app` or `key` for a binding).
    #[serde(rename = "type")]
    pub(crate) kind: String,
    /// The last broker operation (managed instances and bindings).
    #[serde(default)]
    pub(crate) last_operation: Option<LastOperation>,
}

/// One error of a CF error list.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CfError {
    /// `CF-…`.
    #[serde(default)]
    pub(crate) title: String,
    /// For people.
    #[serde(default)]
    pub(crate) detail: String,
}

/// A CF error body: `{"errors": [...]}`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ErrorBody {
    /// The errors.
    pub(crate) errors: Vec<CfError>,
}

/// An asynchronous job (`resources/jobs/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Job {
    /// `app.delete`, `service_instance.create`…
    #[serde(default)]
    pub(crate) operation: String,
    /// `PROCESSING`, `POLLING`, `COMPLETE` or `FAILED`.
    pub(crate) state: String,
    /// Why it failed.
    #[serde(default)]
    pub(crate) errors: Vec<CfError>,
}

/// A deployment's status.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct DeploymentStatus {
    /// `ACTIVE` or `FINALIZED`.
    pub(crate) value: String,
}

/// A v3 deployment (`resources/deployments/_object`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Deployment {
    /// The guid.
    pub(crate) guid: String,
    /// Where it stands.
    pub(crate) status: DeploymentStatus,
}

/// A resource read both as `T` and as the JSON it came in (for `native` views).
#[derive(Debug, Clone)]
pub(crate) struct WithJson<T> {
    /// The typed view.
    pub(crate) value: T,
    /// The JSON as received.
    pub(crate) json: Value,
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for WithJson<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let json = Value::deserialize(deserializer)?;
        let value = T::deserialize(&json).map_err(serde::de::Error::custom)?;
        Ok(Self { value, json })
    }
}
