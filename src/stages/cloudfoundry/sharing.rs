//! `shareService` and `unshareService`: a service instance of the stage's region shared into
//! (`shareToRegions`) or withdrawn from (`unshareFromRegions`) other spaces. Cloud Foundry
//! does either at once, so there is nothing to wait for.

use serde_json::json;

use crate::engine::task::{TaskInput, TaskResult};
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::{cloud_foundry, region, required, strings};

/// Shares (`share`) or unshares the stage's service instance.
pub(super) async fn share(
    settings: &CloudSettings,
    input: &TaskInput,
    share: bool,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let region = region(stage_context)?;
    let name = required(stage_context, "serviceInstanceName")?;
    let key = if share {
        "shareToRegions"
    } else {
        "unshareFromRegions"
    };
    let regions = strings(stage_context.get(key));
    if regions.is_empty() {
        return Err(format!("the stage names no regions in `{key}`"));
    }
    let result = if share {
        cf.share_service(&region, name, &regions).await
    } else {
        cf.unshare_service(&region, name, &regions).await
    };
    result.map_err(|error| error.message)?;
    Ok(TaskResult::succeeded()
        .context("service.region", json!(region))
        .context("service.account", json!(provider.account()))
        .context("service.instance.name", json!(name)))
}
