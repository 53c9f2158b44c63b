//! Starting a deploy (`createServerGroup`): every step that is quick and safe to take at
//! once, in the order of the CF v3 push sequence — app, environment, package (docker image,
//! uploaded bits, or a copied droplet), service bindings, web process size and health check,
//! routes. Staging, setting the droplet and starting are slow, so
//! [`progress`](super::progress) takes them one poll at a time; what it needs to find its way
//! is written in the app's annotations.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::providers::cloud::DeployRequest;
use crate::providers::cloudfoundry::client::{job_guid, parse, query};
use crate::providers::cloudfoundry::deploy::bits;
use crate::providers::cloudfoundry::deploy::spec::{Artifact, DeploySpec};
use crate::providers::cloudfoundry::deploy::{BINDS, DROPLET, PACKAGE, START};
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::{App, Droplet, Named, Package};
use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};

impl CloudFoundryProvider {
    /// Creates the app of a new server group and prepares it to stage.
    pub(in crate::providers::cloudfoundry) async fn create(
        &self,
        request: &DeployRequest,
    ) -> ProviderResult<Map<String, Value>> {
        let spec = DeploySpec::from_request(request)?;
        let name = request.server_group.as_str();
        let (region, space) = self.space_of(&request.region).await?;
        if self.find_app(&space, name).await?.is_some() {
            return Err(ProviderError::new(
                ErrorKind::Conflict,
                format!("server group `{name}` already exists in `{region}`"),
            ));
        }
        // Source droplets are found before anything is created, so a wrong name fails cleanly.
        let source_droplet = match &spec.artifact {
            Artifact::Droplet {
                region,
                server_group,
            } => {
                let (_, source) = self.require_app(region, server_group).await?;
                let droplet = self.current_droplet(&source.guid).await?.ok_or_else(|| {
                    ProviderError::invalid(format!(
                        "server group `{server_group}` in `{region}` has no droplet to copy"
                    ))
                })?;
                Some(droplet.guid)
            }
            _ => None,
        };
        let app = self.create_app(&spec, name, &space).await?;
        let mut details = Map::new();
        details.insert("serverGroupName".into(), json!(name));
        details.insert("region".into(), json!(region.to_string()));
        details.insert("appGuid".into(), json!(app.guid));
        let (key, guid) = match (&spec.artifact, source_droplet) {
            (_, Some(source)) => (DROPLET, self.copy_droplet(&source, &app.guid).await?),
            (
                Artifact::Docker {
                    image,
                    username,
                    password,
                },
                None,
            ) => {
                let mut data = json!({"image": image});
                if let (Some(username), Some(password)) = (username, password) {
                    data["username"] = json!(username);
                    data["password"] = json!(password);
                }
                (
                    PACKAGE,
                    self.create_package(&app.guid, "docker", Some(data))
                        .await?
                        .guid,
                )
            }
            (Artifact::Bits(source), None) => {
                let bytes = bits::fetch(self.client.rest().http(), source).await?;
                let package = self.create_package(&app.guid, "bits", None).await?;
                self.upload(&package.guid, &bytes).await?;
                (PACKAGE, package.guid)
            }
            (Artifact::Droplet { .. }, None) => {
                return Err(ProviderError::new(
                    ErrorKind::Protocol,
                    "the source droplet was not looked up",
                ));
            }
        };
        details.insert(
            if key == DROPLET {
                "dropletGuid"
            } else {
                "packageGuid"
            }
            .into(),
            json!(guid),
        );
        let mut annotations = Map::new();
        annotations.insert(key.into(), json!(guid));
        if !spec.manifest.services.is_empty() {
            annotations.insert(BINDS.into(), json!("true"));
        }
        self.annotate(&app.guid, annotations).await?;
        for service in &spec.manifest.services {
            self.bind(&space, &app.guid, service, None).await?;
        }
        self.configure_web(&app.guid, &spec).await?;
        for route in &spec.manifest.routes {
            let found = self.ensure_route(&space, route).await?;
            self.add_destination(&found, &app.guid).await?;
        }
        details.insert("instances".into(), json!(spec.instances));
        Ok(details)
    }

    async fn create_app(&self, spec: &DeploySpec, name: &str, space: &str) -> ProviderResult<App> {
        let lifecycle = if matches!(spec.artifact, Artifact::Docker { .. }) {
            json!({"type": "docker", "data": {}})
        } else {
            {
                let mut data = Map::new();
                let buildpacks = &spec.manifest.buildpacks;
                data.insert(
                    "buildpacks".into(),
                    if buildpacks.is_empty() {
                        Value::Null
                    } else {
                        json!(buildpacks)
                    },
                );
                if let Some(stack) = &spec.manifest.stack {
                    data.insert("stack".into(), json!(stack));
                }
                json!({"type": "buildpack", "data": data})
            }
        };
        let body = json!({
            "name": name,
            "relationships": {"space": {"data": {"guid": space}}},
            "lifecycle": lifecycle,
            "environment_variables": spec.manifest.env,
            "metadata": {"annotations": {START: spec.start.to_string()}},
        });
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/apps",
                Some(&body),
                &format!("creating app `{name}`"),
            )
            .await?;
        parse(reply.body, "creating an app")
    }

    /// Adds annotations to an app (the others stay).
    pub(in crate::providers::cloudfoundry) async fn annotate(
        &self,
        app_guid: &str,
        annotations: Map<String, Value>,
    ) -> ProviderResult<()> {
        let body = json!({"metadata": {"annotations": annotations}});
        self.client
            .call(
                Method::PATCH,
                &format!("/v3/apps/{app_guid}"),
                Some(&body),
                "annotating the app",
            )
            .await?;
        Ok(())
    }

    async fn create_package(
        &self,
        app_guid: &str,
        kind: &str,
        data: Option<Value>,
    ) -> ProviderResult<Package> {
        let mut body =
            json!({"type": kind, "relationships": {"app": {"data": {"guid": app_guid}}}});
        if let Some(data) = data {
            body["data"] = data;
        }
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/packages",
                Some(&body),
                "creating the package",
            )
            .await?;
        parse(reply.body, "creating the package")
    }

    async fn upload(&self, package_guid: &str, bytes: &[u8]) -> ProviderResult<()> {
        let (body, content_type) = bits::multipart(bytes);
        let what = "uploading the application bits";
        let reply = self
            .client
            .rest()
            .send_bytes(
                Method::POST,
                &format!("/v3/packages/{package_guid}/upload"),
                Some(body),
                &content_type,
            )
            .await?;
        if reply.is_success() {
            Ok(())
        } else {
            Err(crate::providers::cloudfoundry::client::error_of(
                &reply, what,
            ))
        }
    }

    /// Copies a droplet into an app; returns the copy's guid.
    pub(in crate::providers::cloudfoundry) async fn copy_droplet(
        &self,
        source_guid: &str,
        app_guid: &str,
    ) -> ProviderResult<String> {
        let body = json!({"relationships": {"app": {"data": {"guid": app_guid}}}});
        let reply = self
            .client
            .call(
                Method::POST,
                &format!("/v3/droplets{}", query(&[("source_guid", source_guid)])),
                Some(&body),
                "copying the droplet",
            )
            .await?;
        let droplet: Droplet = parse(reply.body, "copying the droplet")?;
        Ok(droplet.guid)
    }

    /// Binds a service instance of the space to an app; returns the job when the broker
    /// binds asynchronously. Nothing is sent when the binding exists already.
    pub(in crate::providers::cloudfoundry) async fn bind(
        &self,
        space: &str,
        app_guid: &str,
        service: &str,
        parameters: Option<&Value>,
    ) -> ProviderResult<Option<String>> {
        let instance = self.service_instance_guid(space, service).await?;
        let existing: Vec<Named> = self
            .client
            .list(
                &format!(
                    "/v3/service_credential_bindings{}",
                    query(&[
                        ("app_guids", app_guid),
                        ("service_instance_guids", &instance)
                    ])
                ),
                "looking up service bindings",
            )
            .await
            .unwrap_or_default();
        if !existing.is_empty() {
            return Ok(None);
        }
        let mut body = json!({
            "type": "app",
            "relationships": {
                "service_instance": {"data": {"guid": instance}},
                "app": {"data": {"guid": app_guid}},
            },
        });
        if let Some(parameters) = parameters {
            body["parameters"] = parameters.clone();
        }
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/service_credential_bindings",
                Some(&body),
                &format!("binding service `{service}`"),
            )
            .await?;
        Ok(job_guid(&reply))
    }

    /// Sizes the web process and sets its command and health check.
    async fn configure_web(&self, app_guid: &str, spec: &DeploySpec) -> ProviderResult<()> {
        let process = self.web_process(app_guid).await?.ok_or_else(|| {
            ProviderError::new(ErrorKind::Protocol, "the new app has no web process")
        })?;
        let manifest = &spec.manifest;
        let mut update = Map::new();
        if let Some(command) = &manifest.command {
            update.insert("command".into(), json!(command));
        }
        if manifest.health_check_type.is_some() || manifest.health_check_endpoint.is_some() {
            let kind = match manifest.health_check_type.as_deref() {
                Some("none") => "process",
                Some(kind) => kind,
                None => "http",
            };
            let mut data = Map::new();
            if kind == "http" {
                let endpoint = manifest.health_check_endpoint.as_deref().unwrap_or("/");
                data.insert("endpoint".into(), json!(endpoint));
            }
            if let Some(timeout) = manifest.health_check_timeout {
                data.insert("timeout".into(), json!(timeout));
            }
            update.insert("health_check".into(), json!({"type": kind, "data": data}));
        }
        if !update.is_empty() {
            self.client
                .call(
                    Method::PATCH,
                    &format!("/v3/processes/{}", process.guid),
                    Some(&Value::Object(update)),
                    "setting the health check",
                )
                .await?;
        }
        let mut scale = Map::new();
        scale.insert("instances".into(), json!(spec.instances));
        if let Some(memory) = manifest.memory_mb {
            scale.insert("memory_in_mb".into(), json!(memory));
        }
        if let Some(disk) = manifest.disk_mb {
            scale.insert("disk_in_mb".into(), json!(disk));
        }
        self.client
            .call(
                Method::POST,
                &format!("/v3/processes/{}/actions/scale", process.guid),
                Some(&Value::Object(scale)),
                "sizing the web process",
            )
            .await?;
        Ok(())
    }
}
