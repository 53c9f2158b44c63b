//! The `clusterSize` precondition of `checkPreconditions` (orca `ClusterSizePreconditionTask`,
//! orca-model §5.3): the number of server groups of `cluster` in each region (only enabled ones
//! with `onlyEnabledServerGroups`) compared with `expected` (default 1) by `comparison` (`==`,
//! `<`, `<=`, `>`, `>=`; default `==`).

use serde_json::{Map, Value};

use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::selection::cluster_groups;

fn holds(comparison: &str, actual: u64, expected: u64) -> Result<bool, String> {
    Ok(match comparison {
        "==" => actual == expected,
        "<" => actual < expected,
        "<=" => actual <= expected,
        ">" => actual > expected,
        ">=" => actual >= expected,
        other => {
            return Err(format!(
                "`comparison` `{other}` is not one of ==, <, <=, >, >="
            ));
        }
    })
}

/// Checks the precondition of a precondition stage's context; the error says which regions
/// do not match and why.
pub(crate) async fn check(
    settings: &CloudSettings,
    stage_context: &Map<String, Value>,
) -> Result<(), String> {
    let mut precondition = stage_context
        .get("context")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    // The parent's account, regions and provider stand in for what the precondition leaves out.
    for key in [
        "credentials",
        "account",
        "regions",
        "region",
        "cluster",
        "cloudProvider",
    ] {
        if !precondition.contains_key(key)
            && let Some(value) = stage_context.get(key)
        {
            precondition.insert(key.to_owned(), value.clone());
        }
    }
    let provider = context::provider(settings, &precondition).await?;
    let moniker = context::cluster(&precondition)?;
    let expected = context::number(precondition.get("expected")).unwrap_or(1);
    let comparison = context::text(&precondition, "comparison").unwrap_or("==");
    let only_enabled = context::flag(&precondition, "onlyEnabledServerGroups", false);
    let mut problems = Vec::new();
    for region in context::required_regions(&precondition)? {
        let groups = cluster_groups(provider.as_ref(), &moniker, &region)
            .await
            .map_err(|error| error.message)?;
        let actual = groups
            .iter()
            .filter(|group| group.enabled || !only_enabled)
            .count() as u64;
        if !holds(comparison, actual, expected)? {
            problems.push(format!(
                "cluster `{}` has {actual} {}server group(s) in `{region}`, expected {comparison} {expected}",
                moniker.cluster(),
                if only_enabled { "enabled " } else { "" }
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}
