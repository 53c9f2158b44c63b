//! The basic steps of `createServerGroup`: `determineSourceServerGroup` (the group serving now,
//! and the name of the new one, kept in the context before anything is created),
//! `createServerGroup` (safe to run again: it looks for that name first), `monitorDeploy` and
//! `waitForUpInstances`.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::cloud::{CloudProvider, DeployRequest};
use crate::providers::model::{Capacity, Progress, ServerGroup};
use crate::providers::naming::next_server_group;
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context::{self, capacity_json};
use crate::stages::cloud::deploy::strategy::{Strategy, starts_empty};
use crate::stages::cloud::deploy::{STATE_KEYS, Spec, hoisted, image};
use crate::stages::cloud::selection::cluster_groups;
use crate::stages::cloud::settle::{LISTEN, POLL};

#[derive(Debug, Clone, Copy)]
enum Step {
    DetermineSource,
    Create,
    Monitor,
    WaitForUp,
}

/// The basic tasks, in order.
pub(super) fn tasks(settings: &Arc<CloudSettings>) -> Vec<Arc<dyn Task>> {
    [
        Step::DetermineSource,
        Step::Create,
        Step::Monitor,
        Step::WaitForUp,
    ]
    .into_iter()
    .map(|step| {
        Arc::new(CreateTask {
            step,
            settings: Arc::clone(settings),
        }) as Arc<dyn Task>
    })
    .collect()
}

struct CreateTask {
    step: Step,
    settings: Arc<CloudSettings>,
}

/// The name chosen for the new server group.
pub(super) fn new_name(spec: &Map<String, Value>) -> Result<String, String> {
    context::text(spec, "newServerGroup")
        .map(ToOwned::to_owned)
        .ok_or_else(|| "no name was chosen for the new server group".to_owned())
}

/// The capacity the cluster asks for: `capacity`, else DC/OS's `desiredCapacity`, else 1; or
/// the source's with `useSourceCapacity`/`preferSourceCapacity`.
pub(super) fn wanted_capacity(spec: &Map<String, Value>) -> Capacity {
    let fallback = context::number(spec.get("desiredCapacity"))
        .map_or(Capacity::exactly(1), |n| Capacity::exactly(n as u32));
    let configured = context::capacity(spec.get("capacity"), fallback);
    let use_source = context::flag(spec, "useSourceCapacity", false)
        || context::flag(spec, "preferSourceCapacity", false);
    match spec.get("source").and_then(|source| source.get("capacity")) {
        Some(source) if use_source => context::capacity(Some(source), configured),
        _ => configured,
    }
}

impl CreateTask {
    async fn determine_source(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        Strategy::read(&spec)?;
        let read = Spec::read(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let groups = cluster_groups(provider.as_ref(), &read.moniker, &read.region)
            .await
            .map_err(|error| error.message)?;
        let name = next_server_group(
            &read.moniker,
            groups
                .iter()
                .map(|group| (group.name.as_str(), group.created_time)),
        );
        let mut source = spec
            .get("source")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let named = context::text(&source, "serverGroupName")
            .or_else(|| context::text(&source, "asgName"))
            .map(ToOwned::to_owned);
        let found: Option<&ServerGroup> = match &named {
            Some(named) => groups.iter().find(|group| &group.name == named),
            None => groups.iter().find(|group| group.enabled),
        };
        let mut result = TaskResult::succeeded().context("newServerGroup", json!(name));
        if let Some(group) = found {
            source.insert("account".into(), json!(provider.account()));
            source.insert("region".into(), json!(read.region));
            source.insert("serverGroupName".into(), json!(group.name));
            source.insert("asgName".into(), json!(group.name));
            source.insert("capacity".into(), capacity_json(group.capacity));
            result = result.context("source", Value::Object(source));
        }
        Ok(result)
    }

    async fn create(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        let read = Spec::read(&spec)?;
        let name = new_name(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let wanted = wanted_capacity(&spec);
        let strategy = Strategy::read(&spec)?;
        let capacity = if starts_empty(strategy) {
            Capacity {
                min: 0,
                max: wanted.max,
                desired: 0,
            }
        } else {
            wanted
        };
        let mut description = spec.clone();
        for key in STATE_KEYS {
            description.shift_remove(*key);
        }
        image::resolve(&mut description, input)?;
        description.insert("capacity".to_owned(), capacity_json(capacity));
        let resolved_image = description
            .get("docker")
            .and_then(|docker| docker.get("image"))
            .and_then(Value::as_object)
            .cloned();
        let existing = provider
            .server_group(&read.region, &name)
            .await
            .map_err(|error| error.message)?;
        let details = if existing.is_some() {
            // Created before a resume: never create it twice.
            Map::new()
        } else {
            let request = DeployRequest {
                region: read.region.clone(),
                server_group: name.clone(),
                capacity,
                description,
            };
            provider
                .create_server_group(&request)
                .await
                .map_err(|error| error.message)?
        };
        let made = Created {
            region: &read.region,
            name: &name,
            capacity,
            details,
            image: resolved_image,
        };
        Ok(made
            .result(provider.as_ref(), &input.stage.ref_id)
            .context("savedCapacity", capacity_json(wanted)))
    }

    async fn monitor(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        let read = Spec::read(&spec)?;
        let name = new_name(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let progress = || async {
            provider
                .deploy_progress(&read.region, &name)
                .await
                .map_err(|error| error.message)
        };
        let mut now = progress().await?;
        if now.is_running() {
            provider.wait_for_change(&read.region, &name, LISTEN).await;
            now = progress().await?;
        }
        Ok(match now {
            Progress::Succeeded => TaskResult::succeeded(),
            Progress::Failed(why) => {
                TaskResult::terminal(format!("deploying `{name}` failed: {why}"))
            }
            Progress::Running(_) => TaskResult::running(POLL),
        })
    }

    async fn wait_for_up(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        let read = Spec::read(&spec)?;
        let name = new_name(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let percent = context::decimal(spec.get("targetHealthyDeployPercentage"))
            .unwrap_or(100.0)
            .clamp(0.0, 100.0);
        let healthy = |group: &ServerGroup| {
            let needed =
                context::count_at_least(f64::from(group.capacity.desired) * percent / 100.0);
            group.instances.up >= needed
        };
        let read_group = || async {
            provider
                .server_group(&read.region, &name)
                .await
                .map_err(|error| error.message)?
                .ok_or_else(|| format!("server group `{name}` in `{}` is gone", read.region))
        };
        let mut group = read_group().await?;
        if !healthy(&group) {
            provider.wait_for_change(&read.region, &name, LISTEN).await;
            group = read_group().await?;
        }
        if healthy(&group) {
            return Ok(TaskResult::succeeded());
        }
        // A deployment the provider gave up on will never be up: say so now.
        match provider.deploy_progress(&read.region, &name).await {
            Ok(Progress::Failed(why)) => Ok(TaskResult::terminal(format!(
                "`{name}` will not come up: {why}"
            ))),
            _ => Ok(TaskResult::running(POLL)),
        }
    }
}

/// A server group just created (or found created, after a resume).
struct Created<'a> {
    region: &'a str,
    name: &'a str,
    capacity: Capacity,
    /// What the provider said about it.
    details: Map<String, Value>,
    /// The explicit docker image it runs, on DC/OS.
    image: Option<Map<String, Value>>,
}

impl Created<'_> {
    /// What it leaves for downstream stages, as Orca's deploy tasks do: `deploy.server.groups`,
    /// `deploy.account.name`, `deploymentDetails` (outputs), and `kato.tasks` shaped for
    /// `#deployedServerGroups()` and `serverGroup` (context).
    fn result(self, provider: &dyn CloudProvider, ref_id: &str) -> TaskResult {
        let (region, name) = (self.region, self.name);
        let account = provider.account();
        let mut groups = Map::new();
        groups.insert(region.to_owned(), json!([name]));
        let mut by_region = Map::new();
        by_region.insert(region.to_owned(), json!(name));
        let deployment = json!({"serverGroupName": name, "location": region, "account": account,
                                "capacity": capacity_json(self.capacity)});
        let kato = json!([{
            "id": "1",
            "status": {"completed": true, "failed": false},
            "history": [],
            "resultObjects": [{
                "serverGroupNames": [format!("{region}:{name}")],
                "serverGroupNameByRegion": Value::Object(by_region),
                "deployments": [deployment],
            }],
        }]);
        let mut detail = Map::new();
        for key in ["registry", "repository", "tag", "imageId"] {
            if let Some(value) = self.image.as_ref().and_then(|image| image.get(key)) {
                detail.insert(key.to_owned(), value.clone());
            }
        }
        if let Some(id) = detail.get("imageId").cloned() {
            detail.insert("imageName".into(), id.clone());
            detail.insert("ami".into(), id);
        }
        detail.insert("cloudProvider".into(), json!(provider.cloud_provider()));
        detail.insert("region".into(), json!(region));
        detail.insert("serverGroup".into(), json!(name));
        detail.insert("refId".into(), json!(ref_id));
        let mut result = TaskResult::succeeded()
            .context("kato.tasks", kato)
            .context("kato.last.task.id", json!({"id": "1"}))
            .context("serverGroup", json!(name))
            .output("deploy.server.groups", Value::Object(groups))
            .output("deploy.account.name", json!(account))
            .output("deploymentDetails", json!([Value::Object(detail)]));
        if !self.details.is_empty() {
            result = result.context("deploy.details", Value::Object(self.details));
        }
        result
    }
}

#[async_trait::async_trait]
impl Task for CreateTask {
    fn name(&self) -> &'static str {
        match self.step {
            Step::DetermineSource => "determineSourceServerGroup",
            Step::Create => "createServerGroup",
            Step::Monitor => "monitorDeploy",
            Step::WaitForUp => "waitForUpInstances",
        }
    }

    fn implementing_class(&self) -> &'static str {
        match self.step {
            Step::DetermineSource => {
                "com.netflix.spinnaker.orca.kato.tasks.DetermineSourceServerGroupTask"
            }
            Step::Create => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.CreateServerGroupTask"
            }
            Step::Monitor => "com.netflix.spinnaker.orca.clouddriver.tasks.MonitorKatoTask",
            Step::WaitForUp => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.instance.WaitForUpInstancesTask"
            }
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let result = match self.step {
            Step::DetermineSource => self.determine_source(input).await,
            Step::Create => self.create(input).await,
            Step::Monitor => self.monitor(input).await,
            Step::WaitForUp => self.wait_for_up(input).await,
        };
        result.unwrap_or_else(TaskResult::terminal)
    }
}
