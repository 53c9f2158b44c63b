//! Service credential bindings: service keys (`createServiceKey`, `deleteServiceKey`, and
//! their credentials for `#cfServiceKey`), and app bindings (`createServiceBindings`,
//! `deleteServiceBindings`) with the restage or restart that makes an app see them.

use reqwest::Method;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::providers::cloudfoundry::client::{job_guid, parse, query};
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::{Build, ServiceInstance};
use crate::providers::cloudfoundry::services::{AsyncOperation, OperationState};
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::model::Progress;

/// A service key and, once it is ready, its credentials.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ServiceKey {
    /// The binding's guid.
    pub(crate) guid: String,
    /// Where its creation stands.
    pub(crate) state: OperationState,
    /// The credentials (once created).
    pub(crate) credentials: Option<Value>,
}

/// One binding to create.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BindingRequest {
    /// The service instance's name.
    pub(crate) service_instance: String,
    /// Broker parameters.
    pub(crate) parameters: Option<Value>,
}

/// `GET /v3/service_credential_bindings/:guid/details`.
#[derive(Debug, Deserialize)]
struct Details {
    #[serde(default)]
    credentials: Option<Value>,
}

impl CloudFoundryProvider {
    async fn find_key(&self, instance: &str, key: &str) -> ProviderResult<Option<ServiceInstance>> {
        let path = format!(
            "/v3/service_credential_bindings{}",
            query(&[
                ("type", "key"),
                ("names", key),
                ("service_instance_guids", instance)
            ])
        );
        let found: Vec<ServiceInstance> = self
            .client
            .list(&path, &format!("looking up service key `{key}`"))
            .await?;
        Ok(found.into_iter().next())
    }

    /// Creates a service key (nothing when it exists).
    pub(crate) async fn create_service_key(
        &self,
        region: &str,
        service_instance: &str,
        key: &str,
    ) -> ProviderResult<AsyncOperation> {
        let (_, space) = self.space_of(region).await?;
        let instance = self.service_instance_guid(&space, service_instance).await?;
        if let Some(existing) = self.find_key(&instance, key).await? {
            return Ok(AsyncOperation {
                guid: Some(existing.guid),
                job: None,
            });
        }
        let body = json!({
            "type": "key",
            "name": key,
            "relationships": {"service_instance": {"data": {"guid": instance}}},
        });
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/service_credential_bindings",
                Some(&body),
                &format!("creating service key `{key}`"),
            )
            .await?;
        let job = job_guid(&reply);
        let guid = match &job {
            Some(_) => None,
            None => Some(parse::<ServiceInstance>(reply.body, "creating a service key")?.guid),
        };
        Ok(AsyncOperation { guid, job })
    }

    /// A service key and, once created, its credentials; `None` when it does not exist.
    pub(crate) async fn service_key(
        &self,
        region: &str,
        service_instance: &str,
        key: &str,
    ) -> ProviderResult<Option<ServiceKey>> {
        let (_, space) = self.space_of(region).await?;
        let instance = self.service_instance_guid(&space, service_instance).await?;
        let Some(found) = self.find_key(&instance, key).await? else {
            return Ok(None);
        };
        let state = found
            .last_operation
            .as_ref()
            .map_or(OperationState::Succeeded, |operation| {
                OperationState::from_cf(&operation.state)
            });
        let credentials = if state == OperationState::Succeeded {
            let details: Details = self
                .client
                .get(
                    &format!("/v3/service_credential_bindings/{}/details", found.guid),
                    "reading the service key",
                )
                .await?;
            details.credentials
        } else {
            None
        };
        Ok(Some(ServiceKey {
            guid: found.guid,
            state,
            credentials,
        }))
    }

    /// Deletes a service key (nothing when it does not exist).
    pub(crate) async fn delete_service_key(
        &self,
        region: &str,
        service_instance: &str,
        key: &str,
    ) -> ProviderResult<AsyncOperation> {
        let (_, space) = self.space_of(region).await?;
        let instance = self.service_instance_guid(&space, service_instance).await?;
        let Some(found) = self.find_key(&instance, key).await? else {
            return Ok(AsyncOperation {
                guid: None,
                job: None,
            });
        };
        self.delete_binding(&found.guid, &format!("deleting service key `{key}`"))
            .await
    }

    async fn delete_binding(&self, guid: &str, what: &str) -> ProviderResult<AsyncOperation> {
        let reply = self
            .client
            .call(
                Method::DELETE,
                &format!("/v3/service_credential_bindings/{guid}"),
                None,
                what,
            )
            .await?;
        Ok(AsyncOperation {
            guid: Some(guid.to_owned()),
            job: job_guid(&reply),
        })
    }

    /// Binds service instances to a server group (bindings that exist are skipped); one
    /// operation per request.
    pub(crate) async fn bind_services(
        &self,
        region: &str,
        server_group: &str,
        requests: &[BindingRequest],
    ) -> ProviderResult<Vec<AsyncOperation>> {
        let (_, space) = self.space_of(region).await?;
        let (_, app) = self.require_app(region, server_group).await?;
        let mut started = Vec::new();
        for request in requests {
            let job = self
                .bind(
                    &space,
                    &app.guid,
                    &request.service_instance,
                    request.parameters.as_ref(),
                )
                .await?;
            started.push(AsyncOperation { guid: None, job });
        }
        Ok(started)
    }

    /// Unbinds service instances from a server group (absent bindings are skipped).
    pub(crate) async fn unbind_services(
        &self,
        region: &str,
        server_group: &str,
        service_instances: &[String],
    ) -> ProviderResult<Vec<AsyncOperation>> {
        let (_, space) = self.space_of(region).await?;
        let (_, app) = self.require_app(region, server_group).await?;
        let mut started = Vec::new();
        for name in service_instances {
            let instance = self.service_instance_guid(&space, name).await?;
            let path = format!(
                "/v3/service_credential_bindings{}",
                query(&[
                    ("app_guids", &app.guid),
                    ("service_instance_guids", &instance)
                ])
            );
            let bindings: Vec<ServiceInstance> = self
                .client
                .list(&path, "looking up service bindings")
                .await?;
            for binding in bindings {
                started.push(
                    self.delete_binding(&binding.guid, &format!("unbinding service `{name}`"))
                        .await?,
                );
            }
        }
        Ok(started)
    }

    /// Restarts a server group (so it reads new bindings without restaging).
    pub(crate) async fn restart_server_group(
        &self,
        region: &str,
        server_group: &str,
    ) -> ProviderResult<()> {
        self.app_action(region, server_group, "restart").await
    }

    /// Starts restaging a server group: a new build of the package its current droplet was
    /// staged from. Returns the build guid for [`CloudFoundryProvider::restage_progress`].
    pub(crate) async fn restage_server_group(
        &self,
        region: &str,
        server_group: &str,
    ) -> ProviderResult<String> {
        let (_, app) = self.require_app(region, server_group).await?;
        let droplet = self.current_droplet(&app.guid).await?.ok_or_else(|| {
            ProviderError::invalid(format!("`{server_group}` has no droplet to restage"))
        })?;
        let package = droplet
            .links
            .get("package")
            .and_then(|link| link.get("href"))
            .and_then(Value::as_str)
            .and_then(|href| href.rsplit('/').next())
            .ok_or_else(|| {
                ProviderError::invalid(format!(
                    "the droplet of `{server_group}` has no package to restage from"
                ))
            })?;
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/builds",
                Some(&json!({"package": {"guid": package}})),
                &format!("restaging `{server_group}`"),
            )
            .await?;
        Ok(parse::<Build>(reply.body, "restaging")?.guid)
    }

    /// Where a restage stands: staging, then (once, when the new droplet is not current yet)
    /// the droplet is set and the app restarted, then its instances are counted.
    pub(crate) async fn restage_progress(
        &self,
        region: &str,
        server_group: &str,
        build: &str,
    ) -> ProviderResult<Progress> {
        let (_, app) = self.require_app(region, server_group).await?;
        let found: Build = self
            .client
            .get(&format!("/v3/builds/{build}"), "reading the build")
            .await?;
        let droplet = match (found.state.as_str(), found.droplet) {
            ("FAILED", _) => {
                return Ok(Progress::Failed(format!(
                    "restaging failed: {}",
                    found.error.unwrap_or_default()
                )));
            }
            ("STAGED", Some(droplet)) => droplet.guid,
            _ => return Ok(Progress::Running("staging".into())),
        };
        let current = self.current_droplet(&app.guid).await?;
        if current.is_none_or(|current| current.guid != droplet) {
            self.set_droplet(&app.guid, &droplet).await?;
            self.app_action(region, server_group, "restart").await?;
            return Ok(Progress::Running("restarting".into()));
        }
        self.instances_progress(&app).await
    }
}
