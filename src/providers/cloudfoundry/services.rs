//! Service instances, for the CF service stages (`deployService`, `destroyService`,
//! `shareService`, `unshareService`): each call starts the change and returns what a polling
//! task checks — the job guid of a broker operation, and the instance's `last_operation`.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::providers::cloudfoundry::client::{job_guid, parse, query};
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::{Job, Named, ServiceInstance};
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::model::Progress;

/// A change started on Cloud Foundry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AsyncOperation {
    /// The resource changed (instance, binding, key), when there is one.
    pub(crate) guid: Option<String>,
    /// The job to poll with [`CloudFoundryProvider::job_progress`]; none when the change
    /// was done at once (or there was nothing to do).
    pub(crate) job: Option<String>,
}

/// Where a service instance's last operation stands (Orca's `SUCCEEDED`, `IN_PROGRESS`,
/// `FAILED`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OperationState {
    /// Still going.
    InProgress,
    /// Done.
    Succeeded,
    /// Failed.
    Failed,
}

impl OperationState {
    /// From CF's `last_operation.state`.
    pub(crate) fn from_cf(state: &str) -> Self {
        match state {
            "succeeded" => Self::Succeeded,
            "failed" => Self::Failed,
            _ => Self::InProgress,
        }
    }
}

/// A service instance's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ServiceStatus {
    /// The guid.
    pub(crate) guid: String,
    /// `managed` or `user-provided`.
    pub(crate) kind: String,
    /// Where its last operation stands (user-provided instances are always done).
    pub(crate) state: OperationState,
    /// `create`, `update` or `delete`.
    pub(crate) operation: String,
    /// The broker's description.
    pub(crate) description: String,
}

/// A service instance to create or update (`deployService`'s `manifest.direct`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ServiceInstanceRequest {
    /// The instance's name.
    pub(crate) name: String,
    /// The offering (`service`); none for a user-provided instance.
    pub(crate) offering: Option<String>,
    /// The plan of a managed instance.
    pub(crate) plan: Option<String>,
    /// Tags.
    pub(crate) tags: Vec<String>,
    /// Broker parameters (managed).
    pub(crate) parameters: Option<Value>,
    /// Credentials (user-provided).
    pub(crate) credentials: Option<Value>,
    /// Syslog drain (user-provided).
    pub(crate) syslog_drain_url: Option<String>,
    /// Route service (user-provided).
    pub(crate) route_service_url: Option<String>,
    /// Whether an existing instance is updated (default true) or left as it is.
    pub(crate) updatable: bool,
}

impl ServiceInstanceRequest {
    /// Reads Orca's `manifest.direct` of `deployService` (snake or camel case keys;
    /// parameters as an object or a JSON string).
    pub(crate) fn from_direct(direct: &Map<String, Value>) -> ProviderResult<Self> {
        let text = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| direct.get(*name).and_then(Value::as_str))
                .map(str::to_owned)
        };
        let name = text(&["service_instance_name", "serviceInstanceName"])
            .ok_or_else(|| ProviderError::invalid("the service needs a `service_instance_name`"))?;
        let parameters = match direct.get("parameters") {
            Some(Value::String(text)) if !text.trim().is_empty() => {
                Some(serde_json::from_str(text).map_err(|error| {
                    ProviderError::invalid(format!("the service parameters are not JSON: {error}"))
                })?)
            }
            Some(Value::Object(map)) => Some(Value::Object(map.clone())),
            _ => None,
        };
        let tags = direct
            .get("tags")
            .and_then(Value::as_array)
            .map(|tags| {
                tags.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            name,
            offering: text(&["service"]).filter(|offering| !offering.is_empty()),
            plan: text(&["service_plan", "servicePlan"]),
            tags,
            parameters,
            credentials: direct.get("credentials").cloned(),
            syslog_drain_url: text(&["syslog_drain_url", "syslogDrainUrl"]),
            route_service_url: text(&["route_service_url", "routeServiceUrl"]),
            updatable: direct
                .get("updatable")
                .and_then(Value::as_bool)
                .unwrap_or(true),
        })
    }
}

impl CloudFoundryProvider {
    /// The service instance named `name` in a space, if any.
    async fn find_service_instance(
        &self,
        space: &str,
        name: &str,
    ) -> ProviderResult<Option<ServiceInstance>> {
        let path = format!(
            "/v3/service_instances{}",
            query(&[("names", name), ("space_guids", space)])
        );
        let found: Vec<ServiceInstance> = self
            .client
            .list(&path, &format!("looking up service instance `{name}`"))
            .await?;
        Ok(found.into_iter().next())
    }

    /// The guid of a service instance; a not-found error naming it when there is none.
    pub(super) async fn service_instance_guid(
        &self,
        space: &str,
        name: &str,
    ) -> ProviderResult<String> {
        self.find_service_instance(space, name)
            .await?
            .map(|instance| instance.guid)
            .ok_or_else(|| ProviderError::not_found(format!("service instance `{name}` not found")))
    }

    /// Creates the service instance, or updates it when it exists and is updatable.
    pub(crate) async fn create_service_instance(
        &self,
        region: &str,
        request: &ServiceInstanceRequest,
    ) -> ProviderResult<AsyncOperation> {
        let (_, space) = self.space_of(region).await?;
        let existing = self.find_service_instance(&space, &request.name).await?;
        let managed = request.offering.is_some();
        let mut body = Map::new();
        if !request.tags.is_empty() {
            body.insert("tags".into(), json!(request.tags));
        }
        if managed {
            if let Some(parameters) = &request.parameters {
                body.insert("parameters".into(), parameters.clone());
            }
        } else {
            for (key, value) in [
                ("credentials", request.credentials.clone()),
                (
                    "syslog_drain_url",
                    request.syslog_drain_url.clone().map(Value::String),
                ),
                (
                    "route_service_url",
                    request.route_service_url.clone().map(Value::String),
                ),
            ] {
                if let Some(value) = value {
                    body.insert(key.into(), value);
                }
            }
        }
        let plan = match (&request.offering, &request.plan) {
            (Some(offering), Some(plan)) => Some(self.plan_guid(offering, plan).await?),
            (Some(offering), None) => {
                return Err(ProviderError::invalid(format!(
                    "service `{}` of `{offering}` needs a `service_plan`",
                    request.name
                )));
            }
            _ => None,
        };
        if let Some(plan) = &plan {
            body.insert(
                "relationships".into(),
                json!({"service_plan": {"data": {"guid": plan}}}),
            );
        }
        let what = format!("service instance `{}`", request.name);
        if let Some(existing) = existing {
            if !request.updatable {
                return Ok(AsyncOperation {
                    guid: Some(existing.guid),
                    job: None,
                });
            }
            let reply = self
                .client
                .call(
                    Method::PATCH,
                    &format!("/v3/service_instances/{}", existing.guid),
                    Some(&Value::Object(body)),
                    &format!("updating {what}"),
                )
                .await?;
            return Ok(AsyncOperation {
                guid: Some(existing.guid),
                job: job_guid(&reply),
            });
        }
        body.insert("name".into(), json!(request.name));
        body.insert(
            "type".into(),
            json!(if managed { "managed" } else { "user-provided" }),
        );
        let relationships = body.entry("relationships").or_insert_with(|| json!({}));
        relationships["space"] = json!({"data": {"guid": space}});
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/service_instances",
                Some(&Value::Object(body)),
                &format!("creating {what}"),
            )
            .await?;
        let job = job_guid(&reply);
        let guid = match &job {
            Some(_) => None,
            None => Some(parse::<ServiceInstance>(reply.body, "creating a service instance")?.guid),
        };
        Ok(AsyncOperation { guid, job })
    }

    async fn plan_guid(&self, offering: &str, plan: &str) -> ProviderResult<String> {
        let path = format!(
            "/v3/service_plans{}",
            query(&[("names", plan), ("service_offering_names", offering)])
        );
        let plans: Vec<Named> = self
            .client
            .list(&path, "looking up the service plan")
            .await?;
        plans
            .into_iter()
            .next()
            .map(|plan| plan.guid)
            .ok_or_else(|| {
                ProviderError::not_found(format!("plan `{plan}` of service `{offering}` not found"))
            })
    }

    /// The state of a service instance; `None` once it does not exist (a deletion done).
    pub(crate) async fn service_instance_status(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<Option<ServiceStatus>> {
        let (_, space) = self.space_of(region).await?;
        Ok(self
            .find_service_instance(&space, name)
            .await?
            .map(|instance| {
                let operation = instance.last_operation;
                ServiceStatus {
                    guid: instance.guid,
                    state: operation
                        .as_ref()
                        .map_or(OperationState::Succeeded, |operation| {
                            OperationState::from_cf(&operation.state)
                        }),
                    operation: operation
                        .as_ref()
                        .map(|operation| operation.kind.clone())
                        .unwrap_or_default(),
                    description: operation
                        .and_then(|operation| operation.description)
                        .unwrap_or_default(),
                    kind: instance.kind,
                }
            }))
    }

    /// Deletes a service instance (nothing when it does not exist).
    pub(crate) async fn delete_service_instance(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<AsyncOperation> {
        let (_, space) = self.space_of(region).await?;
        let Some(instance) = self.find_service_instance(&space, name).await? else {
            return Ok(AsyncOperation {
                guid: None,
                job: None,
            });
        };
        let reply = self
            .client
            .call(
                Method::DELETE,
                &format!("/v3/service_instances/{}", instance.guid),
                None,
                &format!("deleting service instance `{name}`"),
            )
            .await?;
        Ok(AsyncOperation {
            guid: Some(instance.guid),
            job: job_guid(&reply),
        })
    }

    /// Shares a service instance of `region` into the spaces of `to_regions`.
    pub(crate) async fn share_service(
        &self,
        region: &str,
        name: &str,
        to_regions: &[String],
    ) -> ProviderResult<()> {
        let (_, space) = self.space_of(region).await?;
        let instance = self.service_instance_guid(&space, name).await?;
        let mut data = Vec::new();
        for target in to_regions {
            data.push(json!({"guid": self.space_of(target).await?.1}));
        }
        self.client
            .call(
                Method::POST,
                &format!("/v3/service_instances/{instance}/relationships/shared_spaces"),
                Some(&json!({"data": data})),
                &format!("sharing service instance `{name}`"),
            )
            .await?;
        Ok(())
    }

    /// Stops sharing a service instance of `region` with the spaces of `from_regions`.
    pub(crate) async fn unshare_service(
        &self,
        region: &str,
        name: &str,
        from_regions: &[String],
    ) -> ProviderResult<()> {
        let (_, space) = self.space_of(region).await?;
        let instance = self.service_instance_guid(&space, name).await?;
        for target in from_regions {
            let (_, target_space) = self.space_of(target).await?;
            self.client
                .call(
                    Method::DELETE,
                    &format!(
                        "/v3/service_instances/{instance}/relationships/shared_spaces/{target_space}"
                    ),
                    None,
                    &format!("unsharing service instance `{name}` from `{target}`"),
                )
                .await?;
        }
        Ok(())
    }

    /// Where a `/v3/jobs` job stands: COMPLETE succeeded, FAILED with its errors.
    pub(crate) async fn job_progress(&self, job: &str) -> ProviderResult<Progress> {
        let found: Job = self
            .client
            .get(&format!("/v3/jobs/{job}"), "reading the job")
            .await?;
        Ok(job_state(&found))
    }
}

/// A job's state as progress.
pub(super) fn job_state(job: &Job) -> Progress {
    match job.state.as_str() {
        "COMPLETE" => Progress::Succeeded,
        "FAILED" => {
            let why: Vec<String> = job
                .errors
                .iter()
                .map(|error| format!("{}: {}", error.title, error.detail))
                .collect();
            Progress::Failed(if why.is_empty() {
                format!("{} failed", job.operation)
            } else {
                why.join("; ")
            })
        }
        other => Progress::Running(format!("{} {}", job.operation, other.to_lowercase())),
    }
}
