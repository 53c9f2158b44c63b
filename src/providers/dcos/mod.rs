//! [`DcosProvider`]: DC/OS accounts, as Spinnaker's DC/OS provider deploys to them. Server
//! groups are Marathon apps, jobs are Metronome runs, job files come from the Mesos sandbox.
//!
//! Every call goes through the admin router of the region's cluster (Marathon at
//! `/service/marathon`, Metronome at `/service/metronome`, Mesos at `/mesos` and
//! `/agent/<id>`), with the shared HTTP layer's retries and its fresh login after a 401.
//!
//! One concept per file: [`account`] (configuration), [`auth`] (ACS login), [`cluster`] (paths
//! and error mapping), [`region`] (regions and app ids), [`app_definition`] and [`image`]
//! (deploy description → Marathon app), [`server_group`] (Marathon app → server group),
//! [`progress`] (deployment rules), [`marathon`] (app calls), [`job_definition`] and [`jobs`]
//! (Metronome), [`sandbox`] (Mesos files), [`events`] (the event stream).
//!
//! Choices worth knowing:
//! - `resize` never forces: a change while a deployment holds the app is a conflict, because
//!   forcing would cut short a deployment someone else started.
//! - `disable` scales to 0 and records the size it had in a label; `enable` restores it
//!   (at least 1). Changing a label restarts tasks in Marathon, so only `disable` touches one,
//!   when no task is left to restart.
//! - A server group's region without a group (`us-east-1`) lists the account's apps of every
//!   group on that cluster; with one (`us-east-1/web`), exactly that group's.

mod account;
mod app_definition;
mod auth;
mod cluster;
mod events;
mod image;
mod job_definition;
mod jobs;
mod marathon;
mod progress;
mod region;
mod sandbox;
mod server_group;
#[cfg(test)]
mod tests;

use std::any::Any;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};

pub(crate) use account::{DcosAccount, DcosAuth, DcosClusterConfig};
use cluster::Cluster;
use events::EventHub;
use progress::Observations;
use region::Region;

use crate::providers::cloud::{CloudProvider, DeployRequest, JobRequest};
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::http::{self, Credentials, RestClient};
use crate::providers::model::{Capacity, JobHandle, JobState, Progress, ServerGroup};

/// Lines of stderr a failure message shows.
const LOG_TAIL_LINES: usize = 20;

/// One cluster and its shared event stream.
#[derive(Debug)]
struct Site {
    cluster: Cluster,
    events: EventHub,
}

/// A DC/OS account's clusters.
#[derive(Debug)]
pub(crate) struct DcosProvider {
    account: String,
    sites: Vec<Site>,
    observations: Observations,
}

impl DcosProvider {
    /// A provider for `account`; checks the configuration but does not connect yet.
    pub(crate) fn new(account: DcosAccount) -> ProviderResult<Self> {
        if !region::is_segment(&account.name) || account.name.contains('.') {
            return Err(ProviderError::invalid(format!(
                "DC/OS account name `{}` cannot be a Marathon group: use lowercase letters, \
                 digits and inner `-`",
                account.name
            )));
        }
        if account.clusters.is_empty() {
            return Err(ProviderError::invalid(format!(
                "DC/OS account `{}` has no cluster",
                account.name
            )));
        }
        let client = http::client(&account.tls)?;
        let mut sites = Vec::new();
        for config in &account.clusters {
            let credentials = credentials(&account.auth, &config.url)?;
            let rest = RestClient::new(client.clone(), &config.url, credentials);
            sites.push(Site {
                cluster: Cluster {
                    name: config.name.clone(),
                    rest: rest.clone(),
                },
                events: EventHub::new(rest),
            });
        }
        Ok(Self {
            account: account.name,
            sites,
            observations: Observations::default(),
        })
    }

    /// The region `text` names, and its cluster.
    fn site(&self, text: &str) -> ProviderResult<(Region, &Site)> {
        let region = Region::parse(
            text,
            self.sites.iter().map(|site| site.cluster.name.as_str()),
        )?;
        let site = self
            .sites
            .iter()
            .find(|site| site.cluster.name == region.cluster)
            .ok_or_else(|| ProviderError::invalid(format!("region `{text}` has no cluster")))?;
        Ok((region, site))
    }

    /// The app of server group `name` in `region`: the app at the region's id, or, for a region
    /// without a group, the only app of that name in any group of the account.
    async fn find_app(&self, region: &str, name: &str) -> ProviderResult<Option<(Region, Value)>> {
        let (region, site) = self.site(region)?;
        let id = region.app_id(&self.account, name)?;
        if let Some(app) = marathon::read_app(&site.cluster, &id).await? {
            return Ok(Some((region, app)));
        }
        if !region.group.is_empty() {
            return Ok(None);
        }
        let apps = marathon::list_apps(&site.cluster, &self.account).await?;
        Ok(apps.into_iter().find_map(|app| {
            let location = region::locate(app.get("id")?.as_str()?, &self.account)?;
            (location.name == name).then(|| {
                let region = Region {
                    cluster: region.cluster.clone(),
                    group: location.group,
                };
                (region, app)
            })
        }))
    }

    /// The app of server group `name` in `region`, which must exist; with its id.
    async fn existing_app(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<(&Site, String, Value)> {
        let Some((found, app)) = self.find_app(region, name).await? else {
            return Err(ProviderError::not_found(format!(
                "server group `{name}` does not exist in `{region}` of DC/OS account `{}`",
                self.account
            )));
        };
        let (_, site) = self.site(region)?;
        let id = found.app_id(&self.account, name)?;
        Ok((site, id, app))
    }
}

/// The credentials of one cluster at `base` (each cluster keeps its own token).
fn credentials(auth: &DcosAuth, base: &str) -> ProviderResult<Option<Arc<dyn Credentials>>> {
    Ok(match auth {
        DcosAuth::None => None,
        DcosAuth::Password { uid, password } => Some(Arc::new(auth::AcsLogin::new(
            base,
            uid,
            auth::Secret::Password(password.clone()),
        ))),
        DcosAuth::ServiceKey {
            uid,
            private_key_pem,
        } => Some(Arc::new(auth::AcsLogin::new(
            base,
            uid,
            auth::Secret::private_key(private_key_pem)?,
        ))),
        DcosAuth::Token(token) => Some(Arc::new(auth::StaticToken(token.clone()))),
    })
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            u64::try_from(since.as_millis()).unwrap_or(u64::MAX)
        })
}

#[async_trait::async_trait]
impl CloudProvider for DcosProvider {
    fn cloud_provider(&self) -> &'static str {
        "dcos"
    }

    fn account(&self) -> &str {
        &self.account
    }

    async fn check(&self) -> ProviderResult<Vec<String>> {
        let mut lines = Vec::new();
        for site in &self.sites {
            lines.push(marathon::describe(&site.cluster).await?);
        }
        Ok(lines)
    }

    async fn server_groups(
        &self,
        application: &str,
        region: Option<&str>,
    ) -> ProviderResult<Vec<ServerGroup>> {
        let wanted = region.map(|text| self.site(text)).transpose()?;
        let mut found = Vec::new();
        for site in &self.sites {
            if wanted
                .as_ref()
                .is_some_and(|(_, only)| !std::ptr::eq(*only, site))
            {
                continue;
            }
            for app in marathon::list_apps(&site.cluster, &self.account).await? {
                let Some(id) = app.get("id").and_then(Value::as_str) else {
                    continue;
                };
                let Some(location) = region::locate(id, &self.account) else {
                    continue;
                };
                if let Some((region, _)) = &wanted
                    && !region.group.is_empty()
                    && region.group != location.group
                {
                    continue;
                }
                let region = Region {
                    cluster: site.cluster.name.clone(),
                    group: location.group,
                };
                let group = server_group::server_group(
                    &app,
                    &self.account,
                    region.display(),
                    &location.name,
                );
                found.extend(group.filter(|group| group.moniker.app == application));
            }
        }
        Ok(found)
    }

    async fn server_group(&self, region: &str, name: &str) -> ProviderResult<Option<ServerGroup>> {
        Ok(self
            .find_app(region, name)
            .await?
            .and_then(|(region, app)| {
                server_group::server_group(&app, &self.account, region.display(), name)
            }))
    }

    async fn create_server_group(
        &self,
        request: &DeployRequest,
    ) -> ProviderResult<Map<String, Value>> {
        let (region, site) = self.site(&request.region)?;
        let app_id = region.app_id(&self.account, &request.server_group)?;
        let definition = app_definition::app_definition(&app_id, request, now_ms())?;
        let deployment = marathon::create_app(&site.cluster, &definition).await?;
        let mut details = Map::new();
        details.insert("appId".to_owned(), Value::from(app_id));
        details.insert(
            "deploymentId".to_owned(),
            deployment.map_or(Value::Null, Value::from),
        );
        details.insert(
            "serverGroupName".to_owned(),
            Value::from(request.server_group.as_str()),
        );
        details.insert("region".to_owned(), Value::from(region.display()));
        details.insert("dcosCluster".to_owned(), Value::from(region.cluster));
        Ok(details)
    }

    async fn deploy_progress(&self, region: &str, name: &str) -> ProviderResult<Progress> {
        Ok(match self.find_app(region, name).await? {
            Some((_, app)) => self.observations.judge(&app),
            None => Progress::Failed(format!(
                "server group `{name}` no longer exists in `{region}`: its deployment was \
                 rolled back or it was deleted"
            )),
        })
    }

    async fn resize(&self, region: &str, name: &str, capacity: Capacity) -> ProviderResult<()> {
        let (site, id, _) = self.existing_app(region, name).await?;
        let mut change = Map::new();
        change.insert("instances".to_owned(), Value::from(capacity.desired));
        marathon::update_app(&site.cluster, &id, &change, "resizing").await
    }

    async fn disable(&self, region: &str, name: &str) -> ProviderResult<()> {
        let (site, id, app) = self.existing_app(region, name).await?;
        let instances = server_group::instances_wanted(&app);
        if instances == 0 {
            return Ok(());
        }
        let mut labels = app
            .get("labels")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        labels.insert(
            app_definition::ENABLED_INSTANCES_LABEL.to_owned(),
            Value::from(instances.to_string()),
        );
        let mut change = Map::new();
        change.insert("instances".to_owned(), Value::from(0));
        change.insert("labels".to_owned(), Value::Object(labels));
        marathon::update_app(&site.cluster, &id, &change, "disabling").await
    }

    async fn enable(&self, region: &str, name: &str) -> ProviderResult<()> {
        let (site, id, app) = self.existing_app(region, name).await?;
        if server_group::instances_wanted(&app) > 0 {
            return Ok(());
        }
        let remembered = app
            .pointer(&format!(
                "/labels/{}",
                app_definition::ENABLED_INSTANCES_LABEL
            ))
            .and_then(Value::as_str)
            .and_then(|text| text.parse::<u32>().ok())
            .unwrap_or(1)
            .max(1);
        let mut change = Map::new();
        change.insert("instances".to_owned(), Value::from(remembered));
        marathon::update_app(&site.cluster, &id, &change, "enabling").await
    }

    async fn destroy(&self, region: &str, name: &str) -> ProviderResult<()> {
        match self.find_app(region, name).await? {
            Some((found, _)) => {
                let (_, site) = self.site(region)?;
                marathon::delete_app(&site.cluster, &found.app_id(&self.account, name)?).await
            }
            None => Ok(()),
        }
    }

    async fn stop_deployment(&self, region: &str, name: &str) -> ProviderResult<bool> {
        let (site, id, _) = self.existing_app(region, name).await?;
        marathon::stop_deployments(&site.cluster, &id).await
    }

    async fn run_job(&self, request: &JobRequest) -> ProviderResult<JobHandle> {
        let (_, site) = self.site(&request.region)?;
        jobs::run_job(&site.cluster, &request.region, &request.description).await
    }

    async fn job_state(&self, handle: &JobHandle) -> ProviderResult<JobState> {
        let (_, site) = self.site(&handle.region)?;
        jobs::job_state(&site.cluster, handle).await
    }

    async fn job_file(&self, handle: &JobHandle, path: &str) -> ProviderResult<Option<String>> {
        let (_, site) = self.site(&handle.region)?;
        sandbox::read_file(&site.cluster, handle, path).await
    }

    async fn job_log_tail(&self, handle: &JobHandle) -> ProviderResult<String> {
        let (_, site) = self.site(&handle.region)?;
        let stderr = sandbox::read_file(&site.cluster, handle, "stderr")
            .await?
            .unwrap_or_default();
        let lines: Vec<&str> = stderr.lines().collect();
        Ok(lines[lines.len().saturating_sub(LOG_TAIL_LINES)..].join("\n"))
    }

    async fn cancel_job(&self, handle: &JobHandle) -> ProviderResult<()> {
        let (_, site) = self.site(&handle.region)?;
        jobs::cancel_job(&site.cluster, handle).await
    }

    async fn wait_for_change(&self, region: &str, name: &str, at_most: Duration) {
        let target = self
            .site(region)
            .and_then(|(region, site)| Ok((region.app_id(&self.account, name)?, site)));
        match target {
            Ok((app_id, site)) => site.events.wait_for(&app_id, at_most).await,
            Err(_) => tokio::time::sleep(at_most).await,
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
