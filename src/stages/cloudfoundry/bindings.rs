//! `createServiceBindings` and `deleteServiceBindings`: service instances bound to
//! (`serviceBindingRequests: [{serviceInstanceName, parameters}]`) or unbound from
//! (`serviceUnbindingRequests: [{serviceInstanceName}]`) the target server group, then —
//! because an app only sees its bindings once it starts again — a restage
//! (`restageRequired`, Deck's default when creating) or a restart (`restartRequired`), waited
//! for until the instances are up again.

use serde_json::{Map, Value, json};

use crate::engine::task::{TaskInput, TaskResult};
use crate::providers::cloudfoundry::BindingRequest;
use crate::providers::model::Progress;
use crate::stages::cloud::operations::{Change, settled};
use crate::stages::cloud::{CloudSettings, context};
use crate::stages::cloudfoundry::Step;
use crate::stages::cloudfoundry::cloud_foundry;
use crate::stages::cloudfoundry::jobs::{JOBS, POLL, recorded};
use crate::stages::cloudfoundry::target::resolved;

/// The steps after the bindings changed: a restage (preferred when both are asked for), a
/// restart, or nothing.
pub(super) fn afterwards(stage_context: &Map<String, Value>, creating: bool) -> Vec<Step> {
    if context::flag(stage_context, "restageRequired", creating) {
        vec![Step::Restage, Step::WaitForRestage]
    } else if context::flag(stage_context, "restartRequired", false) {
        vec![Step::Restart, Step::WaitForRestart]
    } else {
        Vec::new()
    }
}

/// The entries of a list of requests, each naming a service instance.
fn requests<'c>(
    stage_context: &'c Map<String, Value>,
    key: &str,
) -> Result<Vec<&'c Map<String, Value>>, String> {
    let listed: Vec<&Map<String, Value>> = stage_context
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .collect();
    if listed.is_empty() {
        return Err(format!("the stage has no `{key}`"));
    }
    if let Some(index) = listed
        .iter()
        .position(|request| context::text(request, "serviceInstanceName").is_none())
    {
        return Err(format!("`{key}[{index}]` names no `serviceInstanceName`"));
    }
    Ok(listed)
}

/// Broker parameters of a binding: an object, or a JSON string holding one.
fn parameters(request: &Map<String, Value>) -> Result<Option<Value>, String> {
    match request.get("parameters") {
        Some(Value::Object(map)) if !map.is_empty() => Ok(Some(Value::Object(map.clone()))),
        Some(Value::String(text)) if !text.trim().is_empty() => serde_json::from_str(text)
            .map(Some)
            .map_err(|error| format!("binding parameters are not JSON: {error}")),
        _ => Ok(None),
    }
}

/// `createServiceBindings`: binds each requested instance (existing bindings are kept).
pub(super) async fn bind(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    let mut wanted = Vec::new();
    for request in requests(stage_context, "serviceBindingRequests")? {
        wanted.push(BindingRequest {
            service_instance: context::text(request, "serviceInstanceName")
                .unwrap_or_default()
                .to_owned(),
            parameters: parameters(request)?,
        });
    }
    let operations = cf
        .bind_services(&region, &server_group, &wanted)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded().context(JOBS, recorded(&operations)))
}

/// `deleteServiceBindings`: unbinds each requested instance (absent bindings are skipped).
pub(super) async fn unbind(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    let names: Vec<String> = requests(stage_context, "serviceUnbindingRequests")?
        .iter()
        .filter_map(|request| context::text(request, "serviceInstanceName"))
        .map(ToOwned::to_owned)
        .collect();
    let operations = cf
        .unbind_services(&region, &server_group, &names)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded().context(JOBS, recorded(&operations)))
}

/// Starts restaging the server group, once: the build is kept in `restageBuild`.
pub(super) async fn restage(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    if stage_context.contains_key("restageBuild") {
        return Ok(TaskResult::succeeded());
    }
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    let build = cf
        .restage_server_group(&region, &server_group)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded().context("restageBuild", json!(build)))
}

/// Waits for the restage: staged, the new droplet running, every instance up.
pub(super) async fn wait_restaged(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    let build = context::text(stage_context, "restageBuild").ok_or("no restage was started")?;
    match cf
        .restage_progress(&region, &server_group, build)
        .await
        .map_err(|error| error.message)?
    {
        Progress::Succeeded => Ok(TaskResult::succeeded()),
        Progress::Running(_) => Ok(TaskResult::running(POLL)),
        Progress::Failed(why) => Err(format!("restaging `{server_group}`: {why}")),
    }
}

/// Restarts the server group.
pub(super) async fn restart(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let cf = cloud_foundry(provider.as_ref())?;
    let (region, server_group) = resolved(stage_context)?;
    cf.restart_server_group(&region, &server_group)
        .await
        .map_err(|error| error.message)?;
    Ok(TaskResult::succeeded())
}

/// Waits until the restarted server group's instances are all up.
pub(super) async fn wait_restarted(
    settings: &CloudSettings,
    input: &TaskInput,
) -> Result<TaskResult, String> {
    let stage_context = &input.stage.context;
    let provider = context::provider(settings, stage_context).await?;
    let (region, server_group) = resolved(stage_context)?;
    let up = settled(provider.as_ref(), &region, &server_group, Change::Enable)
        .await
        .map_err(|error| error.message)?;
    Ok(if up {
        TaskResult::succeeded()
    } else {
        TaskResult::running(POLL)
    })
}
