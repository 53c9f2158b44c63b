//! [`CloudFoundryStage`], the definition of every Cloud Foundry stage type, and
//! [`CloudFoundryTask`], its one task type: a [`Step`] and the settings to find the account.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloudfoundry::{
    bindings, jobs, routes, service_keys, services, sharing, target,
};

/// One unit of work of a Cloud Foundry stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Creates or updates a service instance (`deployService`).
    DeployService,
    /// Waits for the service instance's last operation to succeed.
    WaitForDeployService,
    /// Deletes a service instance (`destroyService`).
    DestroyService,
    /// Waits for the service instance to be gone.
    WaitForDestroyService,
    /// Shares a service instance into other spaces.
    ShareService,
    /// Stops sharing a service instance with other spaces.
    UnshareService,
    /// Creates a service key.
    CreateServiceKey,
    /// Waits for the key and records its credentials for `#cfServiceKey`.
    WaitForServiceKey,
    /// Deletes a service key.
    DeleteServiceKey,
    /// Waits for the key to be gone.
    WaitForDeletedServiceKey,
    /// Resolves the server group a binding or route stage acts on.
    DetermineTarget,
    /// Binds service instances to the server group.
    CreateBindings,
    /// Unbinds service instances from the server group.
    DeleteBindings,
    /// Restages the server group (so it sees changed bindings).
    Restage,
    /// Waits for the restage: staging, then the instances up again.
    WaitForRestage,
    /// Restarts the server group.
    Restart,
    /// Waits for the restarted instances to be up.
    WaitForRestart,
    /// Maps routes to the server group.
    MapRoutes,
    /// Unmaps routes from the server group.
    UnmapRoutes,
    /// Waits for the `/v3/jobs` the step before started (named after the stage's Orca task).
    MonitorJobs(&'static str),
}

/// A Cloud Foundry stage type.
pub(crate) struct CloudFoundryStage {
    stage_type: &'static str,
    settings: Arc<CloudSettings>,
}

impl CloudFoundryStage {
    /// The stage of `stage_type`, if it is a Cloud Foundry one.
    pub(crate) fn new(stage_type: &str, settings: Arc<CloudSettings>) -> Option<Self> {
        let stage_type = super::NAMES.iter().find(|name| **name == stage_type)?;
        Some(Self {
            stage_type,
            settings,
        })
    }
}

impl StageDefinition for CloudFoundryStage {
    fn tasks(&self, stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        use Step::{
            CreateBindings, CreateServiceKey, DeleteBindings, DeleteServiceKey, DeployService,
            DestroyService, DetermineTarget, MapRoutes, MonitorJobs, ShareService, UnmapRoutes,
            UnshareService, WaitForDeletedServiceKey, WaitForDeployService, WaitForDestroyService,
            WaitForServiceKey,
        };
        let steps = match self.stage_type {
            "deployService" => vec![
                DeployService,
                MonitorJobs("monitorDeployService"),
                WaitForDeployService,
            ],
            "destroyService" => vec![
                DestroyService,
                MonitorJobs("monitorDestroyService"),
                WaitForDestroyService,
            ],
            "shareService" => vec![ShareService],
            "unshareService" => vec![UnshareService],
            "createServiceKey" => vec![
                CreateServiceKey,
                MonitorJobs("monitorCreateServiceKey"),
                WaitForServiceKey,
            ],
            "deleteServiceKey" => vec![
                DeleteServiceKey,
                MonitorJobs("monitorDeleteServiceKey"),
                WaitForDeletedServiceKey,
            ],
            "createServiceBindings" => {
                let mut steps = vec![DetermineTarget, CreateBindings, MonitorJobs("monitorTask")];
                steps.extend(bindings::afterwards(&stage.context, true));
                steps
            }
            "deleteServiceBindings" => {
                let mut steps = vec![DetermineTarget, DeleteBindings, MonitorJobs("monitorTask")];
                steps.extend(bindings::afterwards(&stage.context, false));
                steps
            }
            "mapLoadBalancers" => vec![DetermineTarget, MapRoutes],
            _ => vec![DetermineTarget, UnmapRoutes],
        };
        steps
            .into_iter()
            .map(|step| {
                Arc::new(CloudFoundryTask {
                    step,
                    settings: Arc::clone(&self.settings),
                }) as Arc<dyn Task>
            })
            .collect()
    }

    fn redact(&self, context: &Map<String, Value>) -> Option<Map<String, Value>> {
        if self.stage_type != "createServiceKey" {
            return None;
        }
        super::service_keys::redacted(context)
    }
}

/// One step of a Cloud Foundry stage.
struct CloudFoundryTask {
    step: Step,
    settings: Arc<CloudSettings>,
}

#[async_trait::async_trait]
impl Task for CloudFoundryTask {
    fn name(&self) -> &'static str {
        match self.step {
            Step::DeployService => "deployService",
            Step::WaitForDeployService => "waitForDeployService",
            Step::DestroyService => "destroyService",
            Step::WaitForDestroyService => "waitForDestroyService",
            Step::ShareService => "shareService",
            Step::UnshareService => "unshareService",
            Step::CreateServiceKey => "createServiceKey",
            Step::WaitForServiceKey => "waitForServiceKey",
            Step::DeleteServiceKey => "deleteServiceKey",
            Step::WaitForDeletedServiceKey => "waitForDeletedServiceKey",
            Step::DetermineTarget => "determineTargetServerGroup",
            Step::CreateBindings => "createServiceBindings",
            Step::DeleteBindings => "deleteServiceBindings",
            Step::Restage => "restageServerGroup",
            Step::WaitForRestage => "waitForRestage",
            Step::Restart => "restartServerGroup",
            Step::WaitForRestart => "waitForRestart",
            Step::MapRoutes => "mapLoadBalancers",
            Step::UnmapRoutes => "unmapLoadBalancers",
            Step::MonitorJobs(name) => name,
        }
    }

    fn implementing_class(&self) -> &'static str {
        match self.step {
            Step::DeployService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryDeployServiceTask"
            }
            Step::WaitForDeployService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryWaitForDeployServiceTask"
            }
            Step::DestroyService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryDestroyServiceTask"
            }
            Step::WaitForDestroyService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryWaitForDestroyServiceTask"
            }
            Step::ShareService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryShareServiceTask"
            }
            Step::UnshareService => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryUnshareServiceTask"
            }
            Step::CreateServiceKey => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryCreateServiceKeyTask"
            }
            Step::DeleteServiceKey => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryDeleteServiceKeyTask"
            }
            Step::DetermineTarget => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.DetermineTargetServerGroupTask"
            }
            Step::CreateBindings => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryCreateServiceBindingsTask"
            }
            Step::DeleteBindings => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryDeleteServiceBindingTask"
            }
            Step::MapRoutes => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryMapLoadBalancersTask"
            }
            Step::UnmapRoutes => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryUnmapLoadBalancersTask"
            }
            Step::MonitorJobs(_) => {
                "com.netflix.spinnaker.orca.clouddriver.tasks.providers.cf.CloudFoundryMonitorKatoServicesTask"
            }
            // Orca does these inside its clouddriver operation; gennaker polls them itself.
            Step::WaitForServiceKey => "gennaker.WaitForServiceKeyTask",
            Step::WaitForDeletedServiceKey => "gennaker.WaitForDeletedServiceKeyTask",
            Step::Restage => "gennaker.RestageServerGroupTask",
            Step::WaitForRestage => "gennaker.WaitForRestageTask",
            Step::Restart => "gennaker.RestartServerGroupTask",
            Step::WaitForRestart => "gennaker.WaitForRestartTask",
        }
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let settings = &self.settings;
        let result = match self.step {
            Step::DeployService => services::deploy(settings, input).await,
            Step::WaitForDeployService => services::wait_deployed(settings, input).await,
            Step::DestroyService => services::destroy(settings, input).await,
            Step::WaitForDestroyService => services::wait_destroyed(settings, input).await,
            Step::ShareService => sharing::share(settings, input, true).await,
            Step::UnshareService => sharing::share(settings, input, false).await,
            Step::CreateServiceKey => service_keys::create(settings, input).await,
            Step::WaitForServiceKey => service_keys::wait_created(settings, input).await,
            Step::DeleteServiceKey => service_keys::delete(settings, input).await,
            Step::WaitForDeletedServiceKey => service_keys::wait_deleted(settings, input).await,
            Step::DetermineTarget => target::determine(settings, input).await,
            Step::CreateBindings => bindings::bind(settings, input).await,
            Step::DeleteBindings => bindings::unbind(settings, input).await,
            Step::Restage => bindings::restage(settings, input).await,
            Step::WaitForRestage => bindings::wait_restaged(settings, input).await,
            Step::Restart => bindings::restart(settings, input).await,
            Step::WaitForRestart => bindings::wait_restarted(settings, input).await,
            Step::MapRoutes => routes::map(settings, input, true).await,
            Step::UnmapRoutes => routes::map(settings, input, false).await,
            Step::MonitorJobs(_) => jobs::monitor(settings, input).await,
        };
        result.unwrap_or_else(TaskResult::terminal)
    }
}
