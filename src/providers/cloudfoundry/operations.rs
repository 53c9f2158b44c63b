//! Changes to an existing server group: resize (scale the web process), disable (stop: the
//! routes stay mapped, as Spinnaker's CF provider does it), enable (start), destroy (delete
//! the app) and stopping an active v3 deployment.

use reqwest::Method;
use serde_json::json;

use crate::providers::cloudfoundry::client::query;
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::Deployment;
use crate::providers::error::{ProviderError, ProviderResult};

impl CloudFoundryProvider {
    /// Scales the web process to `instances` (live: no restart).
    pub(super) async fn scale(
        &self,
        region: &str,
        name: &str,
        instances: u32,
    ) -> ProviderResult<()> {
        let (_, app) = self.require_app(region, name).await?;
        let process = self.web_process(&app.guid).await?.ok_or_else(|| {
            ProviderError::not_found(format!("server group `{name}` has no web process"))
        })?;
        self.client
            .call(
                Method::POST,
                &format!("/v3/processes/{}/actions/scale", process.guid),
                Some(&json!({"instances": instances})),
                &format!("resizing `{name}`"),
            )
            .await?;
        Ok(())
    }

    /// `POST /v3/apps/:guid/actions/<action>` (`start`, `stop`, `restart`).
    pub(super) async fn app_action(
        &self,
        region: &str,
        name: &str,
        action: &str,
    ) -> ProviderResult<()> {
        let (_, app) = self.require_app(region, name).await?;
        self.client
            .call(
                Method::POST,
                &format!("/v3/apps/{}/actions/{action}", app.guid),
                None,
                &format!("{action} `{name}`"),
            )
            .await?;
        Ok(())
    }

    /// Deletes the app; returns once CF accepted (the deletion job runs on, and the server
    /// group disappears when it is done). A server group already gone is not an error.
    pub(super) async fn delete_app(&self, region: &str, name: &str) -> ProviderResult<()> {
        let (_, space) = self.space_of(region).await?;
        let Some(app) = self.find_app(&space, name).await? else {
            return Ok(());
        };
        let result = self
            .client
            .call(
                Method::DELETE,
                &format!("/v3/apps/{}", app.value.guid),
                None,
                &format!("destroying `{name}`"),
            )
            .await;
        match result {
            Err(error) if error.kind != crate::providers::error::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Cancels the active v3 deployments of the app; false when there was none.
    pub(super) async fn cancel_deployments(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<bool> {
        let (_, app) = self.require_app(region, name).await?;
        let path = format!(
            "/v3/deployments{}",
            query(&[("app_guids", &app.guid), ("status_values", "ACTIVE")])
        );
        let active: Vec<Deployment> = self.client.list(&path, "listing deployments").await?;
        let active: Vec<_> = active
            .into_iter()
            .filter(|deployment| deployment.status.value == "ACTIVE")
            .collect();
        for deployment in &active {
            self.client
                .call(
                    Method::POST,
                    &format!("/v3/deployments/{}/actions/cancel", deployment.guid),
                    None,
                    &format!("canceling the deployment of `{name}`"),
                )
                .await?;
        }
        Ok(!active.is_empty())
    }
}
