//! `mapLoadBalancers` and `unmapLoadBalancers`: routes (`host.domain[/path]`, listed in
//! `loadBalancerNames` as Deck writes them, or `routes`) mapped to or unmapped from the target
//! server group. Cloud Foundry does either at once; the task reads the group's routes back.

use serde_json::json;

use crate::engine::task::{TaskInput, TaskResult};
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::target::resolved;
use crate::stages::cloudfoundry::{cloud_foundry, strings};

/// Maps (`map`) or unmaps the stage's routes.
pub(super) async fn map(
    settings: &CloudSettings,
    input: &TaskInput,
    map: bool,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    let mut routes = strings(stage_context.get("loadBalancerNames"));
    if routes.is_empty() {
        routes = strings(stage_context.get("routes"));
    }
    if routes.is_empty() {
        return Err("the stage names no routes (`loadBalancerNames`)".to_owned());
    }
    let result = if map {
        cf.map_routes(&region, &server_group, &routes).await
    } else {
        cf.unmap_routes(&region, &server_group, &routes).await
    };
    result.map_err(|error| error.message)?;
    let now = cf
        .server_group_routes(&region, &server_group)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded()
        .context("loadBalancers", json!(now))
        .output("loadBalancers", json!(now)))
}
