//! Where a deploy stands, moving it on when the next step can be taken: build the package
//! once it is ready, make the staged droplet current, start the app, then count instances.
//! Every step is taken only when CF shows it has not been (no current droplet, app stopped),
//! so a repeated poll never repeats a change.

use reqwest::Method;
use serde_json::{Map, Value, json};

use crate::providers::cloudfoundry::client::{parse, query};
use crate::providers::cloudfoundry::deploy::{BINDS, BUILD, DROPLET, PACKAGE, START};
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::{
    App, Build, Droplet, InstanceStats, Package, ServiceInstance,
};
use crate::providers::error::{ErrorKind, ProviderResult};
use crate::providers::model::Progress;

impl CloudFoundryProvider {
    /// The deploy's progress (see the module).
    pub(in crate::providers::cloudfoundry) async fn progress(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<Progress> {
        let (_, app) = self.require_app(region, name).await?;
        if self.current_droplet(&app.guid).await?.is_none() {
            let staged = self.stage(&app).await?;
            let Some(droplet) = staged.droplet else {
                return Ok(staged.progress);
            };
            self.set_droplet(&app.guid, &droplet).await?;
        } else if app.is_started() {
            return self.instances_progress(&app).await;
        }
        if app.annotation(START) == Some("false") {
            return Ok(Progress::Succeeded);
        }
        self.client
            .call(
                Method::POST,
                &format!("/v3/apps/{}/actions/start", app.guid),
                None,
                &format!("starting `{name}`"),
            )
            .await?;
        Ok(Progress::Running("starting".into()))
    }

    /// How many desired instances run; failed as soon as one crashed.
    pub(in crate::providers::cloudfoundry) async fn instances_progress(
        &self,
        app: &App,
    ) -> ProviderResult<Progress> {
        let Some(process) = self.web_process(&app.guid).await? else {
            return Ok(Progress::Failed(format!(
                "`{}` has no web process",
                app.name
            )));
        };
        let stats = self.instance_stats(&process.guid).await?;
        Ok(instances_progress(&app.name, process.instances, &stats))
    }

    /// Moves staging on: the droplet to make current once there is one, or where it stands.
    async fn stage(&self, app: &App) -> ProviderResult<Staged> {
        if let Some(droplet) = app.annotation(DROPLET) {
            let found: Droplet = self
                .client
                .get(&format!("/v3/droplets/{droplet}"), "reading the droplet")
                .await?;
            return Ok(match found.state.as_str() {
                "STAGED" => Staged::droplet(found.guid),
                "FAILED" | "EXPIRED" => Staged::failed(format!(
                    "copying the droplet failed: {}",
                    found.error.unwrap_or(found.state)
                )),
                _ => Staged::running("copying the droplet"),
            });
        }
        if let Some(build) = app.annotation(BUILD) {
            let found: Build = self
                .client
                .get(&format!("/v3/builds/{build}"), "reading the build")
                .await?;
            return Ok(build_progress(found));
        }
        let Some(package) = app.annotation(PACKAGE) else {
            return Ok(Staged::failed(format!(
                "`{}` has no package: its creation did not finish",
                app.name
            )));
        };
        let found: Package = self
            .client
            .get(&format!("/v3/packages/{package}"), "reading the package")
            .await?;
        match found.state.as_str() {
            "READY" => {}
            "FAILED" | "EXPIRED" => {
                return Ok(Staged::failed(format!(
                    "the package failed: {}",
                    found.error().unwrap_or(&found.state)
                )));
            }
            _ => return Ok(Staged::running("processing the package")),
        }
        if app.annotation(BINDS).is_some()
            && let Some(waiting) = self.bindings_pending(&app.guid).await?
        {
            return Ok(waiting);
        }
        self.start_build(app, &found.guid).await
    }

    /// Creates the build of a ready package and notes it on the app.
    async fn start_build(&self, app: &App, package: &str) -> ProviderResult<Staged> {
        let body = json!({"package": {"guid": package}});
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/builds",
                Some(&body),
                "staging the package",
            )
            .await;
        let build: Build = match reply {
            Ok(reply) => parse(reply.body, "staging the package")?,
            // A build created by a poll whose annotation was lost: find it rather than fail.
            Err(error) if error.kind == ErrorKind::Conflict => {
                let path = format!(
                    "/v3/builds{}",
                    query(&[("app_guids", &app.guid), ("order_by", "-created_at")])
                );
                let builds: Vec<Build> = self.client.list(&path, "listing builds").await?;
                let Some(build) = builds.into_iter().next() else {
                    return Err(error);
                };
                build
            }
            Err(error) => return Err(error),
        };
        let mut annotations = Map::new();
        annotations.insert(BUILD.into(), Value::String(build.guid.clone()));
        self.annotate(&app.guid, annotations).await?;
        Ok(build_progress(build))
    }

    /// `Some` while a service binding of the app is still being created (or failed).
    async fn bindings_pending(&self, app_guid: &str) -> ProviderResult<Option<Staged>> {
        let path = format!(
            "/v3/service_credential_bindings{}",
            query(&[("app_guids", app_guid)])
        );
        let bindings: Vec<ServiceInstance> =
            self.client.list(&path, "reading service bindings").await?;
        for binding in bindings {
            let Some(operation) = binding.last_operation else {
                continue;
            };
            match operation.state.as_str() {
                "in progress" => return Ok(Some(Staged::running("binding services"))),
                "failed" => {
                    return Ok(Some(Staged::failed(format!(
                        "binding a service failed: {}",
                        operation.description.unwrap_or_default()
                    ))));
                }
                _ => {}
            }
        }
        Ok(None)
    }

    /// Makes a droplet the app's current one.
    pub(in crate::providers::cloudfoundry) async fn set_droplet(
        &self,
        app_guid: &str,
        droplet: &str,
    ) -> ProviderResult<()> {
        self.client
            .call(
                Method::PATCH,
                &format!("/v3/apps/{app_guid}/relationships/current_droplet"),
                Some(&json!({"data": {"guid": droplet}})),
                "setting the droplet",
            )
            .await?;
        Ok(())
    }
}

/// Where staging stands, and the droplet once there is one.
struct Staged {
    progress: Progress,
    droplet: Option<String>,
}

impl Staged {
    fn droplet(guid: String) -> Self {
        Self {
            progress: Progress::Running("staged".into()),
            droplet: Some(guid),
        }
    }

    fn running(what: &str) -> Self {
        Self {
            progress: Progress::Running(what.to_owned()),
            droplet: None,
        }
    }

    fn failed(why: String) -> Self {
        Self {
            progress: Progress::Failed(why),
            droplet: None,
        }
    }
}

fn build_progress(build: Build) -> Staged {
    match (build.state.as_str(), build.droplet) {
        ("STAGED", Some(droplet)) => Staged::droplet(droplet.guid),
        ("FAILED", _) => Staged::failed(format!(
            "staging failed: {}",
            build.error.unwrap_or_else(|| "no reason given".into())
        )),
        _ => Staged::running("staging"),
    }
}

/// Succeeded once every desired instance is RUNNING; failed as soon as one is CRASHED (a
/// crash loop never gets there, and waiting for the timeout would only hide why).
pub(in crate::providers::cloudfoundry) fn instances_progress(
    name: &str,
    desired: u32,
    stats: &[InstanceStats],
) -> Progress {
    if let Some(crashed) = stats.iter().find(|stat| stat.state == "CRASHED") {
        let details = crashed
            .details
            .as_deref()
            .map(|details| format!(": {details}"))
            .unwrap_or_default();
        return Progress::Failed(format!(
            "instance {} of `{name}` crashed{details}",
            crashed.index
        ));
    }
    let running = stats.iter().filter(|stat| stat.state == "RUNNING").count() as u32;
    if running >= desired {
        Progress::Succeeded
    } else {
        Progress::Running(format!("{running}/{desired} running"))
    }
}
