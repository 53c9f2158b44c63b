//! [`CloudProvider`]: what the stages and the global view ask of every cloud, and
//! [`AccountResolver`], how they find the provider of an account by name.
//!
//! Calls are short: each starts a change or reads the state, and never waits for a change to
//! finish. Waiting is the caller's (a task polling, or a command's loop), so that timeouts and
//! cancellation stay in the engine's hands. [`CloudProvider::wait_for_change`] lets a waiter
//! wake as soon as the target reports something, instead of at its next poll.

use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::providers::error::ProviderResult;
use crate::providers::model::{Capacity, JobHandle, JobState, Progress, ServerGroup};

/// A new server group to create.
#[derive(Debug, Clone)]
pub(crate) struct DeployRequest {
    /// The region, in Spinnaker's form for the provider.
    pub(crate) region: String,
    /// The name chosen for it (`cluster-vNNN`).
    pub(crate) server_group: String,
    /// The capacity to start with (0 for a rolling strategy's first step).
    pub(crate) capacity: Capacity,
    /// The deploy stage's cluster description as Orca sends it to clouddriver, with the image
    /// already resolved (`docker.image` explicit on DC/OS; artifacts as given on CF).
    pub(crate) description: Map<String, Value>,
}

/// A job to run once (`runJob`).
#[derive(Debug, Clone)]
pub(crate) struct JobRequest {
    /// The region.
    pub(crate) region: String,
    /// The stage context as Orca sends it to clouddriver's job runner.
    pub(crate) description: Map<String, Value>,
}

/// One account's cloud.
#[async_trait::async_trait]
pub(crate) trait CloudProvider: Send + Sync {
    /// `dcos` or `cloudfoundry`, as in a stage's `cloudProvider`.
    fn cloud_provider(&self) -> &'static str;

    /// The account's name.
    fn account(&self) -> &str;

    /// Checks each region can be reached and logged in to; one line per region on success.
    async fn check(&self) -> ProviderResult<Vec<String>>;

    /// Every server group of `application` in the account, over all regions, or in `region`.
    async fn server_groups(
        &self,
        application: &str,
        region: Option<&str>,
    ) -> ProviderResult<Vec<ServerGroup>>;

    /// One server group, or `None` when it does not exist.
    async fn server_group(&self, region: &str, name: &str) -> ProviderResult<Option<ServerGroup>>;

    /// Starts creating a server group; returns provider details for the stage context (ids of
    /// the deployment, the app, …). Never called twice for one name: callers look first.
    async fn create_server_group(
        &self,
        request: &DeployRequest,
    ) -> ProviderResult<Map<String, Value>>;

    /// Where the creation of a server group stands: succeeded once every desired instance is up,
    /// failed when it cannot get there (crash loop, staging failure, failed health checks).
    async fn deploy_progress(&self, region: &str, name: &str) -> ProviderResult<Progress>;

    /// Changes the size of a server group.
    async fn resize(&self, region: &str, name: &str, capacity: Capacity) -> ProviderResult<()>;

    /// Takes a server group out of service but keeps it, so it can be enabled again.
    async fn disable(&self, region: &str, name: &str) -> ProviderResult<()>;

    /// Puts a disabled server group back into service at the size it had.
    async fn enable(&self, region: &str, name: &str) -> ProviderResult<()>;

    /// Deletes a server group.
    async fn destroy(&self, region: &str, name: &str) -> ProviderResult<()>;

    /// Stops whatever change is in progress on a server group, where nothing is rolled back
    /// (a stuck Marathon deployment); false when nothing was in progress.
    async fn stop_deployment(&self, region: &str, name: &str) -> ProviderResult<bool>;

    /// Starts a job run.
    async fn run_job(&self, request: &JobRequest) -> ProviderResult<JobHandle>;

    /// Where a job run stands.
    async fn job_state(&self, handle: &JobHandle) -> ProviderResult<JobState>;

    /// A file the job run left behind (`propertyFile`), or `None` when there is none.
    async fn job_file(&self, handle: &JobHandle, path: &str) -> ProviderResult<Option<String>>;

    /// The last lines the job wrote to stderr, for a failure message.
    async fn job_log_tail(&self, handle: &JobHandle) -> ProviderResult<String>;

    /// Stops a job run.
    async fn cancel_job(&self, handle: &JobHandle) -> ProviderResult<()>;

    /// Returns once the target reports a change about `name` in `region`, or after `at_most`.
    /// Callers confirm with a read: a change reported is not a change completed.
    async fn wait_for_change(&self, region: &str, name: &str, at_most: Duration) {
        let _ = (region, name);
        tokio::time::sleep(at_most).await;
    }

    /// The provider itself, for stages that need what only one provider has (CF services).
    fn as_any(&self) -> &dyn Any;
}

/// Finds the provider of an account by name; sandbox accounts may be started on first use.
#[async_trait::async_trait]
pub(crate) trait AccountResolver: Send + Sync {
    /// The provider of `account`; an [`ErrorKind::Invalid`](crate::providers::error::ErrorKind)
    /// error naming the known accounts when there is no such account.
    async fn provider(&self, account: &str) -> ProviderResult<Arc<dyn CloudProvider>>;

    /// Every account's name and cloud provider, in a stable order.
    fn accounts(&self) -> Vec<(String, &'static str)>;
}
