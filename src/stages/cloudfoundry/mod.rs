//! The Cloud Foundry stages (orca-model §6.1): service instances (`deployService`,
//! `destroyService`, `shareService`, `unshareService`), service keys (`createServiceKey`,
//! `deleteServiceKey`), app bindings (`createServiceBindings`, `deleteServiceBindings`) and
//! routes (`mapLoadBalancers`, `unmapLoadBalancers`). Deploying, resizing and the other
//! server group stages are the provider-neutral ones of [`cloud`](crate::stages::cloud).
//!
//! Each stage is a few short tasks: one starts the change, the next ones poll what CF reports
//! (the `/v3/jobs` of broker operations, a service instance's `last_operation`, a restage's
//! build) and return "still running" until it is done. The CF-only calls are reached by
//! downcasting the account's provider ([`cloud_foundry`]); any other account fails the stage.
//!
//! - [`task`]: the one [`Task`](crate::engine::task::Task) type, dispatching on a [`Step`].
//! - [`jobs`]: waiting for the `/v3/jobs` a step started; [`target`]: the server group a
//!   binding or route stage acts on.
//! - [`services`], [`sharing`], [`service_keys`], [`bindings`], [`routes`]: the steps of each
//!   family of stages.

mod bindings;
mod jobs;
mod routes;
mod service_keys;
mod services;
mod sharing;
mod target;
mod task;

#[cfg(test)]
mod tests;

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::engine::stage_definition::StageDefinition;
use crate::providers::cloud::CloudProvider;
use crate::providers::cloudfoundry::CloudFoundryProvider;
use crate::stages::cloud::{CloudSettings, context};

pub(crate) use task::Step;

/// The Cloud Foundry stage types, in the order `validate` lists them.
pub(crate) const NAMES: [&str; 10] = [
    "deployService",
    "destroyService",
    "shareService",
    "unshareService",
    "createServiceKey",
    "deleteServiceKey",
    "createServiceBindings",
    "deleteServiceBindings",
    "mapLoadBalancers",
    "unmapLoadBalancers",
];

/// The definition of a Cloud Foundry stage type, or `None` when `stage_type` is not one.
pub(crate) fn definition(
    stage_type: &str,
    settings: &CloudSettings,
) -> Option<Arc<dyn StageDefinition>> {
    let stage = task::CloudFoundryStage::new(stage_type, Arc::new(settings.clone()))?;
    Some(Arc::new(stage))
}

/// The Cloud Foundry provider behind `provider`, or why the stage cannot run on it.
pub(crate) fn cloud_foundry(provider: &dyn CloudProvider) -> Result<&CloudFoundryProvider, String> {
    provider
        .as_any()
        .downcast_ref::<CloudFoundryProvider>()
        .ok_or_else(|| {
            format!(
                "this stage only runs on Cloud Foundry, but account `{}` is a `{}` account",
                provider.account(),
                provider.cloud_provider()
            )
        })
}

/// The one region (`org > space`) a Cloud Foundry stage works in: `region`, else the first of
/// `regions`.
pub(crate) fn region(stage_context: &Map<String, Value>) -> Result<String, String> {
    context::regions(stage_context)
        .into_iter()
        .next()
        .ok_or_else(|| "the stage names no `region` (`org > space`)".to_owned())
}

/// A required string member of the context.
pub(crate) fn required<'c>(
    stage_context: &'c Map<String, Value>,
    key: &str,
) -> Result<&'c str, String> {
    context::text(stage_context, key).ok_or_else(|| format!("the stage has no `{key}`"))
}

/// A list of strings: an array of strings, or one string.
pub(crate) fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(one)) if !one.is_empty() => vec![one.clone()],
        Some(Value::Array(many)) => many
            .iter()
            .filter_map(Value::as_str)
            .filter(|text| !text.is_empty())
            .map(ToOwned::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}
