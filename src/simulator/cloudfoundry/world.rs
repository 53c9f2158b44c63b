//! The foundation: every resource the simulator holds, how it is seeded, and `settle`, the one
//! place where time-driven state machines advance (packages, builds, deployments, tasks,
//! broker operations, jobs).
//!
//! Transitions are computed lazily from stored instants whenever a request (or the handle)
//! looks, in a fixed order, so the outcome depends only on the clock — never on when a
//! background timer happened to fire.

use serde::{Deserialize, Serialize};

use super::apps::App;
use super::builds::Build;
use super::clock::Millis;
use super::config::CloudFoundryConfig;
use super::deployments::Deployment;
use super::domains::Domain;
use super::droplets::Droplet;
use super::error::ApiError;
use super::faults::{AppIdentity, CloudFoundryFaults, InstanceBehaviour};
use super::guid::GuidSource;
use super::jobs::Job;
use super::organizations::Organization;
use super::packages::Package;
use super::processes::Process;
use super::routes::Route;
use super::service_bindings::ServiceCredentialBinding;
use super::service_catalog::{ServiceOffering, ServicePlan};
use super::service_instances::ServiceInstance;
use super::shared::Shared;
use super::spaces::Space;
use super::tasks::Task;
use super::uaa::token_store::TokenStore;

/// Every resource of the simulated foundation, in creation order. Saved whole as the snapshot.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Foundation {
    pub(crate) uaa: TokenStore,
    pub(crate) organizations: Vec<Organization>,
    pub(crate) spaces: Vec<Space>,
    pub(crate) domains: Vec<Domain>,
    pub(crate) apps: Vec<App>,
    pub(crate) packages: Vec<Package>,
    pub(crate) builds: Vec<Build>,
    pub(crate) droplets: Vec<Droplet>,
    pub(crate) processes: Vec<Process>,
    pub(crate) routes: Vec<Route>,
    pub(crate) deployments: Vec<Deployment>,
    pub(crate) tasks: Vec<Task>,
    pub(crate) service_offerings: Vec<ServiceOffering>,
    pub(crate) service_plans: Vec<ServicePlan>,
    pub(crate) service_instances: Vec<ServiceInstance>,
    pub(crate) service_bindings: Vec<ServiceCredentialBinding>,
    pub(crate) jobs: Vec<Job>,
    pub(crate) faults: CloudFoundryFaults,
}

macro_rules! finder {
    ($find:ident, $find_mut:ident, $field:ident, $type:ty, $kind:literal) => {
        pub(crate) fn $find(&self, guid: &str) -> Result<&$type, ApiError> {
            self.$field
                .iter()
                .find(|item| item.guid == guid)
                .ok_or_else(|| ApiError::not_found($kind))
        }

        #[allow(
            dead_code,
            reason = "generated for every resource; not every one is changed in place"
        )]
        pub(crate) fn $find_mut(&mut self, guid: &str) -> Result<&mut $type, ApiError> {
            self.$field
                .iter_mut()
                .find(|item| item.guid == guid)
                .ok_or_else(|| ApiError::not_found($kind))
        }
    };
}

impl Foundation {
    /// A new foundation from the config's seed (or its saved state, when restoring).
    pub(crate) fn from_config(
        config: &CloudFoundryConfig,
        guids: &GuidSource,
        now: Millis,
    ) -> Result<Self, String> {
        if let Some(saved) = &config.restore {
            let mut world: Self = serde_json::from_value(saved.clone())
                .map_err(|error| format!("invalid snapshot: {error}"))?;
            // Faults saved with the state (e.g. by `sandbox fault`) survive a restore unless
            // the config sets its own.
            if config.faults != CloudFoundryFaults::default() {
                world.faults = config.faults.clone();
            }
            return Ok(world);
        }
        let seed = &config.seed;
        let mut world = Self {
            uaa: TokenStore::from_seed(seed, guids),
            faults: config.faults.clone(),
            ..Self::default()
        };
        for org_seed in &seed.organizations {
            let org = Organization::new(guids.next(), &org_seed.name, now);
            for space_name in &org_seed.spaces {
                world
                    .spaces
                    .push(Space::new(guids.next(), space_name, &org.guid, now));
            }
            world.organizations.push(org);
        }
        for domain in &seed.shared_domains {
            world.domains.push(Domain::new(guids.next(), domain, now));
        }
        for offering_seed in &seed.service_offerings {
            let offering = ServiceOffering::new(guids.next(), offering_seed, now);
            for plan in &offering_seed.plans {
                world
                    .service_plans
                    .push(ServicePlan::new(guids.next(), plan, &offering.guid, now));
            }
            world.service_offerings.push(offering);
        }
        Ok(world)
    }

    /// Advances every time-driven state machine to `now`.
    pub(crate) fn settle(&mut self, now: Millis, shared: &Shared) {
        super::packages::settle(self, now);
        super::builds::settle(self, now, shared);
        super::deployments::settle(self, now, shared);
        super::tasks::settle(self, now);
        super::service_instances::settle(self, now);
        super::service_bindings::settle(self, now);
        super::jobs::settle(self, now);
    }

    finder!(
        organization,
        organization_mut,
        organizations,
        Organization,
        "Organization"
    );
    finder!(space, space_mut, spaces, Space, "Space");
    finder!(domain, domain_mut, domains, Domain, "Domain");
    finder!(app, app_mut, apps, App, "App");
    finder!(package, package_mut, packages, Package, "Package");
    finder!(build, build_mut, builds, Build, "Build");
    finder!(droplet, droplet_mut, droplets, Droplet, "Droplet");
    finder!(process, process_mut, processes, Process, "Process");
    finder!(route, route_mut, routes, Route, "Route");
    finder!(
        deployment,
        deployment_mut,
        deployments,
        Deployment,
        "Deployment"
    );
    finder!(task, task_mut, tasks, Task, "Task");
    finder!(
        service_offering,
        service_offering_mut,
        service_offerings,
        ServiceOffering,
        "Service offering"
    );
    finder!(
        service_plan,
        service_plan_mut,
        service_plans,
        ServicePlan,
        "Service plan"
    );
    finder!(
        service_instance,
        service_instance_mut,
        service_instances,
        ServiceInstance,
        "Service instance"
    );
    finder!(
        service_binding,
        service_binding_mut,
        service_bindings,
        ServiceCredentialBinding,
        "Service credential binding"
    );
    finder!(job, job_mut, jobs, Job, "Job");

    /// What fault selectors match an app on: its name, its space's name and its docker image.
    pub(crate) fn app_identity<'a>(&'a self, app: &'a App) -> AppIdentity<'a> {
        let space = self
            .spaces
            .iter()
            .find(|space| space.guid == app.space_guid)
            .map_or("", |space| space.name.as_str());
        let image = app
            .current_droplet_guid
            .as_deref()
            .and_then(|guid| self.droplets.iter().find(|droplet| droplet.guid == guid))
            .and_then(|droplet| droplet.image.as_deref());
        AppIdentity {
            name: &app.name,
            space,
            image,
        }
    }

    /// How a process's instances behave: decided by the faults for its app, with the image of
    /// the droplet the process was started from.
    pub(crate) fn behaviour(&self, process: &Process) -> InstanceBehaviour {
        let Ok(app) = self.app(&process.app_guid) else {
            return InstanceBehaviour::Healthy {
                extra_startup_ms: 0,
            };
        };
        let mut identity = self.app_identity(app);
        if let Some(droplet) = process
            .droplet_guid
            .as_deref()
            .and_then(|guid| self.droplet(guid).ok())
        {
            identity.image = droplet.image.as_deref();
        }
        self.faults.behaviour(&identity)
    }

    /// Removes an app and everything that belongs to it (processes, packages, builds,
    /// droplets, tasks, deployments, route destinations, credential bindings).
    pub(crate) fn delete_app_cascade(&mut self, app_guid: &str) {
        self.apps.retain(|app| app.guid != app_guid);
        self.processes
            .retain(|process| process.app_guid != app_guid);
        self.packages.retain(|package| package.app_guid != app_guid);
        self.builds.retain(|build| build.app_guid != app_guid);
        self.droplets.retain(|droplet| droplet.app_guid != app_guid);
        self.tasks.retain(|task| task.app_guid != app_guid);
        self.deployments
            .retain(|deployment| deployment.app_guid != app_guid);
        self.service_bindings
            .retain(|binding| binding.app_guid.as_deref() != Some(app_guid));
        for route in &mut self.routes {
            route
                .destinations
                .retain(|destination| destination.app_guid != app_guid);
        }
    }
}
