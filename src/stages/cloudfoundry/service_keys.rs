//! `createServiceKey` and `deleteServiceKey` (`serviceInstanceName`, `serviceKeyName`).
//!
//! A created key's credentials are written where Orca's clouddriver result puts them,
//! `kato.tasks[0].resultObjects[0].serviceKey` of the stage context, which is what
//! `#cfServiceKey('<stage name or id>')` reads downstream. Unlike Orca, the execution record
//! shows them redacted (see [`redacted`]): the engine keeps the real credentials in memory and
//! hands them to the expressions of later stages only.

use serde_json::{Map, Value, json};

use crate::engine::task::{TaskInput, TaskResult};
use crate::providers::cloudfoundry::OperationState;
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::jobs::{JOBS, POLL, recorded};
use crate::stages::cloudfoundry::{cloud_foundry, region, required};

/// The region, service instance and key of the stage.
fn key(stage_context: &Map<String, Value>) -> Result<(String, &str, &str), String> {
    Ok((
        region(stage_context)?,
        required(stage_context, "serviceInstanceName")?,
        required(stage_context, "serviceKeyName")?,
    ))
}

/// `createServiceKey`: creates the key (nothing when it exists).
pub(super) async fn create(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, instance, name) = key(stage_context)?;
    let operation = cf
        .create_service_key(&region, instance, name)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded()
        .context("service.region", json!(region))
        .context("service.account", json!(provider.account()))
        .context("service.instance.name", json!(instance))
        .context(JOBS, recorded(std::slice::from_ref(&operation))))
}

/// Waits for the key, then records its credentials for `#cfServiceKey`.
pub(super) async fn wait_created(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, instance, name) = key(stage_context)?;
    let found = cf
        .service_key(&region, instance, name)
        .await
        .map_err(|error| error.message)?
        .ok_or_else(|| format!("service key `{name}` of `{instance}` does not exist"))?;
    match found.state {
        OperationState::InProgress => Ok(TaskResult::running(POLL)),
        OperationState::Failed => Err(format!(
            "creating service key `{name}` of `{instance}` failed"
        )),
        OperationState::Succeeded => {
            let result = json!({
                "type": "CREATE_SERVICE_KEY",
                "state": "SUCCEEDED",
                "serviceInstanceName": instance,
                "serviceKeyName": name,
                "serviceKey": found.credentials.unwrap_or_else(|| json!({})),
            });
            let task = json!({
                "id": found.guid,
                "status": {"completed": true, "failed": false},
                "resultObjects": [result],
            });
            Ok(TaskResult::succeeded()
                .context("kato.tasks", json!([task]))
                .context("serviceKeyGuid", json!(found.guid)))
        }
    }
}

/// `deleteServiceKey`: deletes the key (nothing when it is already gone).
pub(super) async fn delete(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, instance, name) = key(stage_context)?;
    let operation = cf
        .delete_service_key(&region, instance, name)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded()
        .context("service.region", json!(region))
        .context("service.account", json!(provider.account()))
        .context("service.instance.name", json!(instance))
        .context(JOBS, recorded(std::slice::from_ref(&operation))))
}

/// Waits until the key is gone.
pub(super) async fn wait_deleted(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, instance, name) = key(stage_context)?;
    let found = cf
        .service_key(&region, instance, name)
        .await
        .map_err(|error| error.message)?;
    match found {
        None => Ok(TaskResult::succeeded()),
        Some(key) if key.state == OperationState::Failed => Err(format!(
            "deleting service key `{name}` of `{instance}` failed"
        )),
        Some(_) => Ok(TaskResult::running(POLL)),
    }
}

/// The stage context's `kato.tasks` with every service key's credentials replaced by
/// `<redacted>`, when it holds any that are not redacted yet.
pub(super) fn redacted(stage_context: &Map<String, Value>) -> Option<Map<String, Value>> {
    let mut tasks = stage_context.get("kato.tasks")?.clone();
    let mut changed = false;
    for task in tasks.as_array_mut()? {
        let Some(results) = task.get_mut("resultObjects").and_then(Value::as_array_mut) else {
            continue;
        };
        for result in results {
            if let Some(key) = result.get_mut("serviceKey")
                && *key != json!(REDACTED)
            {
                *key = json!(REDACTED);
                changed = true;
            }
        }
    }
    changed.then(|| Map::from_iter([("kato.tasks".to_owned(), tasks)]))
}

const REDACTED: &str = "<redacted>";
