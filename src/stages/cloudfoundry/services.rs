//! `deployService` and `destroyService`: create (or update) and delete a service instance,
//! then wait on its `last_operation`, as Orca's `CloudFoundryWaitForDeployServiceTask` and
//! `CloudFoundryWaitForDestroyServiceTask` do. The instance is described by
//! `manifest.direct` (`service`, `service_plan`, `service_instance_name`, `parameters`,
//! `tags`, `updatable`; without `service`, a user-provided instance with `credentials`,
//! `syslogDrainUrl`, `routeServiceUrl`).

use serde_json::{Map, Value, json};

use crate::engine::task::{TaskInput, TaskResult, TaskStatus};
use crate::providers::cloudfoundry::{OperationState, ServiceInstanceRequest, ServiceStatus};
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::jobs::{JOBS, POLL, recorded};
use crate::stages::cloudfoundry::{cloud_foundry, region, required};

/// The service instance `manifest.direct` describes.
fn manifest_direct(stage_context: &Map<String, Value>) -> Result<&Map<String, Value>, String> {
    let manifest = stage_context
        .get("manifest")
        .and_then(Value::as_object)
        .ok_or("the stage has no `manifest`")?;
    if let Some(direct) = manifest.get("direct").and_then(Value::as_object) {
        return Ok(direct);
    }
    // Pipelines of 2018–19 wrote the fields beside `type: "direct"`.
    if manifest.get("type").and_then(Value::as_str) == Some("direct") {
        return Ok(manifest);
    }
    Err(
        "gennaker reads a service's manifest from `manifest.direct` only (not from an artifact)"
            .to_owned(),
    )
}

/// Where the service instance of the stage is: recorded by the first task, else the stage's.
fn instance(stage_context: &Map<String, Value>) -> Result<(String, String), String> {
    let region = match context::text(stage_context, "service.region") {
        Some(region) => region.to_owned(),
        None => region(stage_context)?,
    };
    let name = match context::text(stage_context, "service.instance.name") {
        Some(name) => name.to_owned(),
        None => required(stage_context, "serviceInstanceName")?.to_owned(),
    };
    Ok((region, name))
}

/// What the first task of a service stage records.
fn started(region: &str, account: &str, name: &str, operation: &str) -> TaskResult {
    TaskResult::succeeded()
        .context("service.region", json!(region))
        .context("service.account", json!(account))
        .context("service.instance.name", json!(name))
        .context("service.operation.type", json!(operation))
}

/// `deployService`: creates the instance, or updates it when it exists and is updatable.
pub(super) async fn deploy(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let region = region(stage_context)?;
    let request = ServiceInstanceRequest::from_direct(manifest_direct(stage_context)?)
        .map_err(|error| error.message)?;
    let existing = cf
        .service_instance_status(&region, &request.name)
        .await
        .map_err(|error| error.message)?;
    let kind = match (&existing, request.updatable) {
        (None, _) => "create",
        (Some(_), true) => "update",
        (Some(_), false) => "none",
    };
    let operation = cf
        .create_service_instance(&region, &request)
        .await
        .map_err(|error| error.message)?;
    Ok(started(&region, provider.account(), &request.name, kind)
        .context(JOBS, recorded(std::slice::from_ref(&operation))))
}

/// The outputs Orca reports of a service instance's last operation.
fn last_operation(result: TaskResult, status: &ServiceStatus, state: &str) -> TaskResult {
    result
        .output("lastOperationStatus", json!(state))
        .output("lastOperationDescription", json!(status.description))
}

/// Waits for the created or updated instance: SUCCEEDED, FAILED (with the broker's
/// description), or still `IN_PROGRESS`.
pub(super) async fn wait_deployed(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, name) = instance(stage_context)?;
    let status = cf
        .service_instance_status(&region, &name)
        .await
        .map_err(|error| error.message)?
        .ok_or_else(|| format!("service instance `{name}` does not exist in `{region}`"))?;
    Ok(match status.state {
        OperationState::Succeeded => last_operation(TaskResult::succeeded(), &status, "SUCCEEDED"),
        OperationState::InProgress => {
            last_operation(TaskResult::running(POLL), &status, "IN_PROGRESS")
        }
        OperationState::Failed => failed(&status, &name),
    })
}

fn failed(status: &ServiceStatus, name: &str) -> TaskResult {
    let mut result = last_operation(
        TaskResult::with_status(TaskStatus::Terminal),
        status,
        "FAILED",
    )
    .output("failureMessage", json!(status.description));
    result.error = Some(format!(
        "{} of service instance `{name}` failed: {}",
        if status.operation.is_empty() {
            "the last operation"
        } else {
            &status.operation
        },
        status.description
    ));
    result
}

/// `destroyService`: deletes the instance (nothing when it is already gone).
pub(super) async fn destroy(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let region = region(stage_context)?;
    let name = required(stage_context, "serviceInstanceName")?;
    let operation = cf
        .delete_service_instance(&region, name)
        .await
        .map_err(|error| error.message)?;
    Ok(started(&region, provider.account(), name, "delete")
        .context(JOBS, recorded(std::slice::from_ref(&operation))))
}

/// Waits until the instance is gone, or its deletion failed.
pub(super) async fn wait_destroyed(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, name) = instance(stage_context)?;
    let status = cf
        .service_instance_status(&region, &name)
        .await
        .map_err(|error| error.message)?;
    Ok(match status {
        None => TaskResult::succeeded()
            .output("lastOperationStatus", json!("SUCCEEDED"))
            .output("lastOperationDescription", json!("")),
        Some(status) if status.state == OperationState::Failed => failed(&status, &name),
        Some(status) => last_operation(TaskResult::running(POLL), &status, "IN_PROGRESS"),
    })
}
