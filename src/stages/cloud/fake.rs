//! An in-memory [`CloudProvider`] for the cloud stage tests: server groups in a map whose new
//! instances come up after a number of reads, scripted failures, scripted job runs, and a log
//! of every call that changes something.

use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::providers::cloud::{AccountResolver, CloudProvider, DeployRequest, JobRequest};
use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::model::{
    Capacity, Image, Instances, JobHandle, JobState, Progress, ServerGroup,
};
use crate::providers::naming;
use crate::stages::cloud::{CloudSettings, TrafficGuard};

/// A server group as the pure tests want it: `up` instances up (capacity `up`), enabled or not.
pub(crate) fn group(region: &str, name: &str, up: u32, enabled: bool) -> ServerGroup {
    ServerGroup {
        cloud_provider: "dcos",
        account: "prod".to_owned(),
        region: region.to_owned(),
        name: name.to_owned(),
        moniker: naming::parse(name).expect("a valid name"),
        image: None,
        enabled,
        capacity: Capacity::exactly(up),
        instances: Instances {
            up,
            total: up,
            starting: 0,
            down: 0,
        },
        created_time: None,
        load_balancers: Vec::new(),
        busy: false,
        native: Value::Null,
    }
}

struct FakeGroup {
    group: ServerGroup,
    /// Reads left before missing instances come up.
    polls_left: u32,
    /// Why its deployment fails, when it does.
    failure: Option<String>,
}

#[derive(Default)]
struct JobScript {
    polls: u32,
    failure: Option<String>,
    files: HashMap<String, String>,
    log: String,
}

#[derive(Default)]
struct State {
    groups: BTreeMap<(String, String), FakeGroup>,
    calls: Vec<String>,
    clock: u64,
    up_after: u32,
    next_deploy_fails: Option<String>,
    /// Per operation: how many more calls succeed, and the error of those after.
    failing_calls: HashMap<String, (u32, String)>,
    requests: Vec<DeployRequest>,
    job: JobScript,
    job_polls: HashMap<String, u32>,
    job_requests: Vec<JobRequest>,
    runs: u32,
}

/// The fake cloud of one account.
pub(crate) struct FakeCloud {
    account: String,
    cloud: &'static str,
    state: Mutex<State>,
}

impl FakeCloud {
    /// A DC/OS account named `account` with regions `east` and `west`.
    pub(crate) fn dcos(account: &str) -> Arc<Self> {
        Self::new(account, "dcos")
    }

    /// An account of `cloud`.
    pub(crate) fn new(account: &str, cloud: &'static str) -> Arc<Self> {
        Arc::new(Self {
            account: account.to_owned(),
            cloud,
            state: Mutex::new(State::default()),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("no panics while holding the lock")
    }

    /// Adds an existing server group of `size` instances, all up when enabled, created after
    /// those added before it.
    pub(crate) fn with_group(&self, region: &str, name: &str, size: u32, enabled: bool) -> &Self {
        let mut state = self.state();
        state.clock += 1000;
        let mut group = group(region, name, size, enabled);
        group.cloud_provider = self.cloud;
        group.account.clone_from(&self.account);
        group.created_time = Some(state.clock);
        if !enabled {
            group.instances = Instances::default();
        }
        let sequence = group.moniker.sequence.unwrap_or(0);
        let app = group.moniker.app.clone();
        let mut details = Map::new();
        details.insert("registry".into(), json!("registry.example"));
        details.insert("repository".into(), json!(format!("team/{app}")));
        details.insert("tag".into(), json!(format!("1.{sequence}")));
        let image_id = format!("registry.example/team/{app}:1.{sequence}");
        details.insert("imageId".into(), json!(image_id));
        group.image = Some(Image {
            name: image_id,
            details,
        });
        let key = (region.to_owned(), name.to_owned());
        state.groups.insert(
            key,
            FakeGroup {
                group,
                polls_left: 0,
                failure: None,
            },
        );
        drop(state);
        self
    }

    /// New and grown server groups have their instances up after `reads` reads.
    pub(crate) fn up_after(&self, reads: u32) -> &Self {
        self.state().up_after = reads;
        self
    }

    /// The next server group created never comes up: its deployment fails with `message`.
    pub(crate) fn fail_next_deploy(&self, message: &str) -> &Self {
        self.state().next_deploy_fails = Some(message.to_owned());
        self
    }

    /// Calls of `operation` fail with `message` once `successes` of them went through.
    pub(crate) fn fail_calls_after(&self, operation: &str, successes: u32, message: &str) -> &Self {
        self.state()
            .failing_calls
            .insert(operation.to_owned(), (successes, message.to_owned()));
        self
    }

    /// Job runs take `polls` reads, then succeed, or fail with `failure`.
    pub(crate) fn job_outcome(&self, polls: u32, failure: Option<&str>) -> &Self {
        let mut state = self.state();
        state.job.polls = polls;
        state.job.failure = failure.map(ToOwned::to_owned);
        drop(state);
        self
    }

    /// A file job runs leave behind.
    pub(crate) fn job_file(&self, path: &str, contents: &str) -> &Self {
        self.state()
            .job
            .files
            .insert(path.to_owned(), contents.to_owned());
        self
    }

    /// What job runs write to stderr.
    pub(crate) fn job_log(&self, log: &str) -> &Self {
        self.state().job.log = log.to_owned();
        self
    }

    /// Every call that changed something, in order (`destroy east hello-v001`, …).
    pub(crate) fn calls(&self) -> Vec<String> {
        self.state().calls.clone()
    }

    /// The calls that took traffic away or deleted something.
    pub(crate) fn destructive_calls(&self) -> Vec<String> {
        self.calls()
            .into_iter()
            .filter(|call| {
                ["destroy", "disable", "resize"]
                    .iter()
                    .any(|verb| call.starts_with(verb))
            })
            .collect()
    }

    /// A server group as it stands, without counting as a read.
    pub(crate) fn peek(&self, region: &str, name: &str) -> Option<ServerGroup> {
        self.state()
            .groups
            .get(&(region.to_owned(), name.to_owned()))
            .map(|fake| fake.group.clone())
    }

    /// The names of the server groups in `region`.
    pub(crate) fn names(&self, region: &str) -> Vec<String> {
        self.state()
            .groups
            .keys()
            .filter(|(their_region, _)| their_region == region)
            .map(|(_, name)| name.clone())
            .collect()
    }

    /// Every creation request, in order.
    pub(crate) fn requests(&self) -> Vec<DeployRequest> {
        self.state().requests.clone()
    }

    /// Every job request, in order.
    pub(crate) fn job_requests(&self) -> Vec<JobRequest> {
        self.state().job_requests.clone()
    }

    fn call(&self, operation: &str, line: String) -> ProviderResult<()> {
        let mut state = self.state();
        if let Some((successes, message)) = state.failing_calls.get_mut(operation) {
            if *successes == 0 {
                return Err(ProviderError::new(ErrorKind::Conflict, message.clone()));
            }
            *successes -= 1;
        }
        state.calls.push(line);
        Ok(())
    }

    fn with_existing<T>(
        &self,
        region: &str,
        name: &str,
        change: impl FnOnce(&mut FakeGroup, u32) -> T,
    ) -> ProviderResult<T> {
        let mut state = self.state();
        let up_after = state.up_after;
        state
            .groups
            .get_mut(&(region.to_owned(), name.to_owned()))
            .map(|fake| change(fake, up_after))
            .ok_or_else(|| ProviderError::not_found(format!("no server group {name} in {region}")))
    }
}

/// One read of a server group: instances converge on the wanted size, after the reads it waits.
fn tick(fake: &mut FakeGroup) {
    let group = &mut fake.group;
    let wanted = if group.enabled {
        group.capacity.desired
    } else {
        0
    };
    if group.instances.up > wanted {
        group.instances.up = wanted;
    }
    if fake.failure.is_some() {
        group.instances.down = wanted;
        group.instances.total = wanted;
        return;
    }
    if group.instances.up < wanted {
        if fake.polls_left > 0 {
            fake.polls_left -= 1;
            group.instances.starting = wanted - group.instances.up;
            return;
        }
        group.instances.up = wanted;
    }
    group.instances.starting = 0;
    group.instances.total = group.instances.up;
    group.busy = false;
}

#[async_trait::async_trait]
impl CloudProvider for FakeCloud {
    fn cloud_provider(&self) -> &'static str {
        self.cloud
    }

    fn account(&self) -> &str {
        &self.account
    }

    async fn check(&self) -> ProviderResult<Vec<String>> {
        Ok(vec!["east".to_owned(), "west".to_owned()])
    }

    async fn server_groups(
        &self,
        application: &str,
        region: Option<&str>,
    ) -> ProviderResult<Vec<ServerGroup>> {
        Ok(self
            .state()
            .groups
            .values()
            .map(|fake| fake.group.clone())
            .filter(|group| group.moniker.app == application)
            .filter(|group| region.is_none_or(|region| group.region == region))
            .collect())
    }

    async fn server_group(&self, region: &str, name: &str) -> ProviderResult<Option<ServerGroup>> {
        let mut state = self.state();
        Ok(state
            .groups
            .get_mut(&(region.to_owned(), name.to_owned()))
            .map(|fake| {
                tick(fake);
                fake.group.clone()
            }))
    }

    async fn create_server_group(
        &self,
        request: &DeployRequest,
    ) -> ProviderResult<Map<String, Value>> {
        let line = format!(
            "create {} {} {}",
            request.region, request.server_group, request.capacity.desired
        );
        self.call("create", line)?;
        let mut state = self.state();
        state.requests.push(request.clone());
        state.clock += 1000;
        let image = request
            .description
            .get("docker")
            .and_then(|docker| docker.get("image"))
            .and_then(Value::as_object)
            .map(|image| Image {
                name: image
                    .get("imageId")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
                details: image.clone(),
            });
        let mut group = group(&request.region, &request.server_group, 0, true);
        group.cloud_provider = self.cloud;
        group.account.clone_from(&self.account);
        group.capacity = request.capacity;
        group.created_time = Some(state.clock);
        group.image = image;
        group.busy = true;
        let failure = state.next_deploy_fails.take();
        let polls_left = state.up_after;
        let key = (request.region.clone(), request.server_group.clone());
        state.groups.insert(
            key,
            FakeGroup {
                group,
                polls_left,
                failure,
            },
        );
        let mut details = Map::new();
        details.insert("appId".into(), json!(format!("/{}", request.server_group)));
        Ok(details)
    }

    async fn deploy_progress(&self, region: &str, name: &str) -> ProviderResult<Progress> {
        self.with_existing(region, name, |fake, _| {
            tick(fake);
            if let Some(failure) = &fake.failure {
                Progress::Failed(failure.clone())
            } else if fake.group.instances.up >= fake.group.capacity.desired {
                Progress::Succeeded
            } else {
                Progress::Running(format!(
                    "{} of {} instances up",
                    fake.group.instances.up, fake.group.capacity.desired
                ))
            }
        })
    }

    async fn resize(&self, region: &str, name: &str, capacity: Capacity) -> ProviderResult<()> {
        self.with_existing(region, name, |_, _| ())?;
        self.call(
            "resize",
            format!("resize {region} {name} {}", capacity.desired),
        )?;
        self.with_existing(region, name, |fake, up_after| {
            fake.group.capacity = capacity;
            fake.polls_left = up_after;
        })
    }

    async fn disable(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.with_existing(region, name, |_, _| ())?;
        self.call("disable", format!("disable {region} {name}"))?;
        self.with_existing(region, name, |fake, _| {
            fake.group.enabled = false;
            fake.group.instances.up = 0;
        })
    }

    async fn enable(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.with_existing(region, name, |_, _| ())?;
        self.call("enable", format!("enable {region} {name}"))?;
        self.with_existing(region, name, |fake, up_after| {
            fake.group.enabled = true;
            fake.polls_left = up_after;
        })
    }

    async fn destroy(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.with_existing(region, name, |_, _| ())?;
        self.call("destroy", format!("destroy {region} {name}"))?;
        self.state()
            .groups
            .remove(&(region.to_owned(), name.to_owned()));
        Ok(())
    }

    async fn stop_deployment(&self, region: &str, name: &str) -> ProviderResult<bool> {
        self.with_existing(region, name, |_, _| ())?;
        self.call("stop", format!("stop {region} {name}"))?;
        self.with_existing(region, name, |fake, _| {
            let was_busy = fake.group.busy;
            fake.group.busy = false;
            fake.failure = None;
            // What was up stays up; nothing new is started.
            fake.group.capacity.desired = fake.group.instances.up;
            was_busy
        })
    }

    async fn run_job(&self, request: &JobRequest) -> ProviderResult<JobHandle> {
        self.call("runJob", format!("runJob {}", request.region))?;
        let mut state = self.state();
        state.job_requests.push(request.clone());
        state.runs += 1;
        let run = format!("run-{}", state.runs);
        let polls = state.job.polls;
        state.job_polls.insert(run.clone(), polls);
        let job = request
            .description
            .get("general")
            .and_then(|general| general.get("id"))
            .and_then(Value::as_str)
            .unwrap_or("job")
            .to_owned();
        Ok(JobHandle {
            region: request.region.clone(),
            job,
            run,
        })
    }

    async fn job_state(&self, handle: &JobHandle) -> ProviderResult<JobState> {
        let mut state = self.state();
        let failure = state.job.failure.clone();
        let polls = state
            .job_polls
            .get_mut(&handle.run)
            .ok_or_else(|| ProviderError::not_found(format!("no job run {}", handle.run)))?;
        let progress = if *polls > 0 {
            *polls -= 1;
            Progress::Running("running".to_owned())
        } else {
            failure.map_or(Progress::Succeeded, Progress::Failed)
        };
        let mut details = Map::new();
        details.insert("taskId".into(), json!(format!("{}.task", handle.run)));
        Ok(JobState { progress, details })
    }

    async fn job_file(&self, _handle: &JobHandle, path: &str) -> ProviderResult<Option<String>> {
        Ok(self.state().job.files.get(path).cloned())
    }

    async fn job_log_tail(&self, _handle: &JobHandle) -> ProviderResult<String> {
        Ok(self.state().job.log.clone())
    }

    async fn cancel_job(&self, handle: &JobHandle) -> ProviderResult<()> {
        self.call("cancelJob", format!("cancelJob {}", handle.run))
    }

    async fn wait_for_change(&self, _region: &str, _name: &str, at_most: Duration) {
        // News arrives quickly in the fake; never later than the caller allows.
        tokio::time::sleep(at_most.min(Duration::from_millis(50))).await;
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The accounts of a test.
pub(crate) struct FakeAccounts {
    clouds: Vec<Arc<FakeCloud>>,
}

#[async_trait::async_trait]
impl AccountResolver for FakeAccounts {
    async fn provider(&self, account: &str) -> ProviderResult<Arc<dyn CloudProvider>> {
        self.clouds
            .iter()
            .find(|cloud| cloud.account == account)
            .map(|cloud| Arc::clone(cloud) as Arc<dyn CloudProvider>)
            .ok_or_else(|| {
                let known: Vec<&str> = self.clouds.iter().map(|c| c.account.as_str()).collect();
                ProviderError::invalid(format!(
                    "there is no account `{account}`; known accounts: {}",
                    known.join(", ")
                ))
            })
    }

    fn accounts(&self) -> Vec<(String, &'static str)> {
        self.clouds
            .iter()
            .map(|cloud| (cloud.account.clone(), cloud.cloud))
            .collect()
    }
}

/// Cloud settings with these accounts and guards.
pub(crate) fn settings(clouds: &[&Arc<FakeCloud>], guards: Vec<TrafficGuard>) -> CloudSettings {
    CloudSettings {
        accounts: Arc::new(FakeAccounts {
            clouds: clouds.iter().map(|cloud| Arc::clone(cloud)).collect(),
        }),
        traffic_guards: guards,
    }
}
