//! [`CloudFoundryProvider`]: one Cloud Foundry foundation as a [`CloudProvider`]. The trait's
//! calls are spread over the files of this module by concern (`apps`, `deploy`, `operations`,
//! `tasks`); the CF-only calls stages reach through [`CloudProvider::as_any`] live in `routes`
//! and `services`.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::providers::cloud::{CloudProvider, DeployRequest, JobRequest};
use crate::providers::cloudfoundry::account::CloudFoundryAccount;
use crate::providers::cloudfoundry::apps::is_server_group_of;
use crate::providers::cloudfoundry::client::{CfClient, PER_PAGE, query};
use crate::providers::cloudfoundry::region::Spaces;
use crate::providers::cloudfoundry::resources::{App, WithJson};
use crate::providers::cloudfoundry::uaa::UaaCredentials;
use crate::providers::error::ProviderResult;
use crate::providers::http::{self, Credentials, RestClient};
use crate::providers::model::{Capacity, JobHandle, JobState, Progress, ServerGroup};

/// A Cloud Foundry foundation reached through its Cloud Controller v3 API.
pub(crate) struct CloudFoundryProvider {
    /// The account's name.
    pub(super) account: String,
    /// The Cloud Controller client.
    pub(super) client: CfClient,
    /// The UAA tokens the client sends.
    pub(super) credentials: Arc<UaaCredentials>,
    /// Space guids by region.
    pub(super) spaces: Spaces,
}

impl std::fmt::Debug for CloudFoundryProvider {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("CloudFoundryProvider")
            .field("account", &self.account)
            .field("api", &self.client.api())
            .finish_non_exhaustive()
    }
}

impl CloudFoundryProvider {
    /// A provider for `account`; nothing is sent until the first call.
    pub(crate) fn new(account: CloudFoundryAccount) -> ProviderResult<Self> {
        let http = http::client(&account.tls)?;
        let credentials = Arc::new(UaaCredentials::new(&account.api, account.auth));
        let shared: Arc<dyn Credentials> = credentials.clone();
        let rest = RestClient::new(http, &account.api, Some(shared));
        Ok(Self {
            account: account.name,
            client: CfClient::new(rest),
            credentials,
            spaces: Spaces::default(),
        })
    }

    /// The same provider retrying by `retry` (tests shorten the waits).
    #[cfg(test)]
    pub(crate) fn with_retry(mut self, retry: http::RetryPolicy) -> Self {
        self.client = CfClient::new(self.client.rest().clone().with_retry(retry));
        self
    }
}

#[async_trait::async_trait]
impl CloudProvider for CloudFoundryProvider {
    fn cloud_provider(&self) -> &'static str {
        "cloudfoundry"
    }

    fn account(&self) -> &str {
        &self.account
    }

    async fn check(&self) -> ProviderResult<Vec<String>> {
        let rest = self.client.rest();
        let login = self.credentials.login_url(rest.http()).await?;
        self.credentials.authorization(rest.http()).await?;
        let info: Value = self.client.get("/v3/info", "reading /v3/info").await?;
        let field = |name: &str| match info.get(name) {
            Some(Value::String(text)) => text.clone(),
            Some(Value::Number(number)) => number.to_string(),
            _ => "?".to_owned(),
        };
        Ok(vec![format!(
            "{}: logged in at {login}; {} build {} (version {})",
            self.client.api(),
            field("name"),
            field("build"),
            field("version"),
        )])
    }

    async fn server_groups(
        &self,
        application: &str,
        region: Option<&str>,
    ) -> ProviderResult<Vec<ServerGroup>> {
        let mut found = Vec::new();
        if let Some(region) = region {
            let (region, space) = self.space_of(region).await?;
            let path = format!(
                "/v3/apps{}",
                query(&[("space_guids", &space), ("per_page", PER_PAGE)])
            );
            let apps: Vec<WithJson<App>> = self.client.list(&path, "listing apps").await?;
            for app in apps {
                if is_server_group_of(&app.value.name, application) {
                    found.push(self.describe(&region, app).await?);
                }
            }
            return Ok(found);
        }
        let regions: HashMap<String, _> = self
            .spaces
            .all(&self.client)
            .await?
            .into_iter()
            .map(|(region, guid)| (guid, region))
            .collect();
        let path = format!("/v3/apps{}", query(&[("per_page", PER_PAGE)]));
        let apps: Vec<WithJson<App>> = self.client.list(&path, "listing apps").await?;
        for app in apps {
            let space = app.value.relationships.space.guid().unwrap_or_default();
            let Some(region) = regions.get(space) else {
                continue;
            };
            if is_server_group_of(&app.value.name, application) {
                found.push(self.describe(region, app).await?);
            }
        }
        Ok(found)
    }

    async fn server_group(&self, region: &str, name: &str) -> ProviderResult<Option<ServerGroup>> {
        let (region, space) = self.space_of(region).await?;
        match self.find_app(&space, name).await? {
            Some(app) => Ok(Some(self.describe(&region, app).await?)),
            None => Ok(None),
        }
    }

    async fn create_server_group(
        &self,
        request: &DeployRequest,
    ) -> ProviderResult<Map<String, Value>> {
        self.create(request).await
    }

    async fn deploy_progress(&self, region: &str, name: &str) -> ProviderResult<Progress> {
        self.progress(region, name).await
    }

    async fn resize(&self, region: &str, name: &str, capacity: Capacity) -> ProviderResult<()> {
        self.scale(region, name, capacity.desired).await
    }

    async fn disable(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.app_action(region, name, "stop").await
    }

    async fn enable(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.app_action(region, name, "start").await
    }

    async fn destroy(&self, region: &str, name: &str) -> ProviderResult<()> {
        self.delete_app(region, name).await
    }

    async fn stop_deployment(&self, region: &str, name: &str) -> ProviderResult<bool> {
        self.cancel_deployments(region, name).await
    }

    async fn run_job(&self, request: &JobRequest) -> ProviderResult<JobHandle> {
        self.start_task(request).await
    }

    async fn job_state(&self, handle: &JobHandle) -> ProviderResult<JobState> {
        self.task_state(handle).await
    }

    async fn job_file(&self, _handle: &JobHandle, _path: &str) -> ProviderResult<Option<String>> {
        // A CF task leaves nothing behind that the API can read.
        Ok(None)
    }

    async fn job_log_tail(&self, handle: &JobHandle) -> ProviderResult<String> {
        self.task_outcome(handle).await
    }

    async fn cancel_job(&self, handle: &JobHandle) -> ProviderResult<()> {
        self.cancel_task(handle).await
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
