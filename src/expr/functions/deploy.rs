//! Orca's helpers that read deployment results out of the execution: `#deployedServerGroups`,
//! `#manifestLabelValue`, `#cfServiceKey`, and the artifact helpers.

use serde_json::{Map, Value as Json};

use super::execution::{execution, execution_id, stages};
use super::{Failure, HelperResult, text};
use crate::expr::error::EvalResult;
use crate::expr::root::{ancestors, text_of};
use crate::expr::value::Value;

const DEPLOY_STAGE_TYPES: &[&str] = &[
    "deploy",
    "createServerGroup",
    "cloneServerGroup",
    "rollingPush",
];

fn str_field<'j>(json: &'j Json, field: &str) -> Option<&'j str> {
    json.get(field).and_then(Json::as_str)
}

pub(super) fn call<'a>(name: &str, args: &[Value<'a>]) -> EvalResult<HelperResult<'a>> {
    let execution = match execution(&args[0]) {
        Ok(execution) => execution,
        Err(failure) => return Ok(Err(failure)),
    };
    Ok(match name {
        "deployedServerGroups" => {
            let mut ids = Vec::new();
            for index in 1..args.len() {
                if let Some(id) = text(args, index)? {
                    ids.push(id);
                }
            }
            Ok(deployed_server_groups(execution, &ids))
        }
        "manifestLabelValue" => manifest_label_value(
            execution,
            text(args, 1)?.as_deref(),
            text(args, 2)?.as_deref(),
            text(args, 3)?.as_deref(),
        ),
        "cfServiceKey" => Ok(cf_service_key(execution, text(args, 1)?.as_deref())),
        "resolvedArtifacts" => Ok(Value::from_owned_json(&Json::Array(
            stages(execution)
                .iter()
                .filter_map(|stage| stage.get("outputs")?.get("artifacts")?.as_array())
                .flatten()
                .cloned()
                .collect(),
        ))),
        _ => {
            let field = if name == "triggerResolvedArtifact" {
                "name"
            } else {
                "type"
            };
            let wanted = text(args, 1)?.unwrap_or_else(|| "null".into());
            execution
                .get("trigger")
                .and_then(|t| t.get("resolvedExpectedArtifacts"))
                .and_then(Json::as_array)
                .into_iter()
                .flatten()
                .filter_map(|expected| expected.get("boundArtifact").filter(|b| b.is_object()))
                .find(|bound| str_field(bound, field) == Some(wanted.as_str()))
                .map(Value::from_json)
                .ok_or_else(|| {
                    Failure::new(format!(
                        "Unable to locate resolved artifact {wanted} in trigger execution {}.",
                        execution_id(execution)
                    ))
                })
        }
    })
}

/// A stage context key with the fallback to ancestors' outputs (Orca's `StageContext.get`).
fn context_get<'j>(stage: &'j Json, all: &'j [Json], key: &str) -> Option<&'j Json> {
    if let Some(found) = stage.get("context").and_then(|c| c.get(key)) {
        return Some(found);
    }
    ancestors(stage, all)
        .into_iter()
        .find_map(|ancestor| ancestor.get("outputs")?.get(key))
}

fn deployed_server_groups<'a>(execution: &Json, ids: &[String]) -> Value<'a> {
    let all = stages(execution);
    let mut out = Vec::new();
    for stage in all {
        let get = |key: &str| context_get(stage, all, key);
        let named = |field: &str| text_of(stage.get(field)).is_some_and(|v| ids.contains(&v));
        let matches = str_field(stage, "type").is_some_and(|t| DEPLOY_STAGE_TYPES.contains(&t))
            && get("deploy.server.groups").is_some()
            && str_field(stage, "status") == Some("SUCCEEDED")
            && (ids.is_empty() || named("name") || named("id"));
        if !matches {
            continue;
        }
        let region = get("region")
            .and_then(Json::as_str)
            .map(str::to_owned)
            .or_else(|| {
                get("availabilityZones")?
                    .as_object()?
                    .keys()
                    .next()
                    .cloned()
            });
        let Some(region) = region else { continue };
        let mut details = Map::new();
        for key in ["account", "capacity", "parentStage"] {
            details.insert(key.into(), get(key).cloned().unwrap_or(Json::Null));
        }
        details.insert("region".into(), Json::String(region.clone()));
        for entry in get("deploymentDetails")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            if str_field(entry, "region") == Some(region.as_str())
                && let Some(fields) = entry.as_object()
            {
                details.extend(fields.clone());
            }
        }
        if let Some(first) = get("deploy.server.groups")
            .and_then(|groups| groups.get(&region))
            .and_then(Json::as_array)
            .and_then(|groups| groups.first())
        {
            details.insert("serverGroup".into(), first.clone());
        }
        let deployments: Vec<Json> = get("kato.tasks")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
            .filter_map(|task| task.get("resultObjects")?.as_array())
            .flatten()
            .filter_map(|result| result.get("deployments")?.as_array())
            .flatten()
            .cloned()
            .collect();
        details.insert("deployments".into(), Json::Array(deployments));
        out.push(Json::Object(details));
    }
    Value::from_owned_json(&Json::Array(out))
}

fn manifest_label_value<'a>(
    execution: &Json,
    stage_name: Option<&str>,
    kind: Option<&str>,
    label: Option<&str>,
) -> HelperResult<'a> {
    let kind = kind
        .filter(|k| *k == "Deployment" || *k == "ReplicaSet")
        .ok_or_else(|| {
            Failure::new("Only Deployments and ReplicaSets are valid kinds for this function")
        })?;
    let label = label.ok_or_else(|| Failure::new("A labelKey is required for this function"))?;
    let stage = stages(execution)
        .iter()
        .find(|s| {
            text_of(s.get("name")).as_deref() == Some(stage_name.unwrap_or("null"))
                && str_field(s, "type") == Some("deployManifest")
                && str_field(s, "status") == Some("SUCCEEDED")
        })
        .ok_or_else(|| {
            Failure::new("A valid Deploy Manifest stage name is required for this function")
        })?;
    let manifests = stage
        .get("context")
        .and_then(|c| c.get("outputs.manifests"))
        .and_then(Json::as_array)
        .filter(|m| !m.is_empty())
        .ok_or_else(|| {
            Failure::new("No manifest could be found in the context of the specified stage")
        })?;
    let manifest = manifests
        .iter()
        .find(|m| str_field(m, "kind") == Some(kind))
        .ok_or_else(|| {
            Failure::new(format!(
                "No manifest of kind {kind} could be found on the context of the specified stage"
            ))
        })?;
    manifest
        .pointer("/spec/template/metadata/labels")
        .and_then(|labels| labels.get(label))
        .map(Value::from_owned_json)
        .ok_or_else(|| {
            Failure::new("No label of specified key found on matching manifest spec.template.metadata.labels")
        })
}

fn cf_service_key<'a>(execution: &Json, wanted: Option<&str>) -> Value<'a> {
    let stage = stages(execution).iter().find(|s| {
        str_field(s, "type") == Some("createServiceKey")
            && str_field(s, "status") == Some("SUCCEEDED")
            && (str_field(s, "name") == wanted || str_field(s, "id") == wanted)
    });
    let key = stage
        .and_then(|s| s.pointer("/context/kato.tasks/0/resultObjects/0/serviceKey"))
        .filter(|k| k.is_object())
        .cloned()
        .unwrap_or_else(|| Json::Object(Map::new()));
    Value::from_owned_json(&key)
}
