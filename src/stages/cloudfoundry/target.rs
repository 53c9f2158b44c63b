//! The server group a binding or route stage acts on: `serverGroupName`, or the one its
//! `cluster` and `target` pick in the stage's region, resolved once (as Orca's
//! `DetermineTargetServerGroupTask` does) and kept in the context so a resumed stage acts on
//! the same group.

use serde_json::{Map, Value, json};

use crate::engine::task::{TaskInput, TaskResult};
use crate::stages::cloud::server_group::resolve;
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::{cloud_foundry, region, required};

/// Resolves the target and records it as `serverGroupName` (with its `moniker`).
pub(super) async fn determine(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    cloud_foundry(provider.as_ref())?;
    let region = region(stage_context)?;
    let group = resolve(provider.as_ref(), stage_context, &region).await?;
    let mut groups = Map::new();
    groups.insert(region, json!([group.name]));
    Ok(TaskResult::succeeded()
        .context("serverGroupName", json!(group.name))
        .context("moniker", json!(group.moniker))
        .context("deploy.server.groups", Value::Object(groups)))
}

/// The region and server group the first task resolved.
pub(super) fn resolved(stage_context: &Map<String, Value>) -> Result<(String, String), String> {
    Ok((
        region(stage_context)?,
        required(stage_context, "serverGroupName")?.to_owned(),
    ))
}
