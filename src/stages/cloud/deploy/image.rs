//! The DC/OS `docker.image` forms (orca `DcosContainerFinder`, orca-model §6.2), turned into an
//! explicit `{registry, repository, tag, imageId}` before the provider sees the description:
//! explicit as given; `fromTrigger` takes the tag of a docker trigger for the same account and
//! repository; `fromContext` takes the `deploymentDetails` entry an upstream stage (e.g.
//! `findImageFromCluster`) left with `refId == stageId`. Cloud Foundry's `applicationArtifact`
//! is passed through as given.

use serde_json::{Map, Value, json};

use crate::engine::task::TaskInput;
use crate::stages::cloud::context;

/// Rewrites `docker.image` in `description` into its explicit form; no image, no change.
pub(crate) fn resolve(
    description: &mut Map<String, Value>,
    input: &TaskInput,
) -> Result<(), String> {
    let Some(image) = description
        .get("docker")
        .and_then(|docker| docker.get("image"))
        .and_then(Value::as_object)
        .cloned()
    else {
        return Ok(());
    };
    let explicit = if context::flag(&image, "fromTrigger", false) {
        from_trigger(&image, &input.execution.trigger)?
    } else if context::flag(&image, "fromContext", false) {
        from_context(&image, input)?
    } else {
        with_image_id(image)
    };
    if let Some(Value::Object(docker)) = description.get_mut("docker") {
        docker.insert("image".to_owned(), Value::Object(explicit));
    }
    Ok(())
}

/// The image with `imageId` filled in as `registry/repository:tag` when it lacks one.
fn with_image_id(mut image: Map<String, Value>) -> Map<String, Value> {
    if context::text(&image, "imageId").is_none() {
        let part = |key: &str| context::text(&image, key).unwrap_or_default().to_owned();
        let (registry, repository, tag) = (part("registry"), part("repository"), part("tag"));
        let path = if registry.is_empty() {
            repository
        } else {
            format!("{registry}/{repository}")
        };
        let id = if tag.is_empty() {
            path
        } else {
            format!("{path}:{tag}")
        };
        image.insert("imageId".to_owned(), json!(id));
    }
    image
}

fn explicit(registry: &str, repository: &str, tag: &str) -> Map<String, Value> {
    let mut image = Map::new();
    image.insert("registry".to_owned(), json!(registry));
    image.insert("repository".to_owned(), json!(repository));
    image.insert("tag".to_owned(), json!(tag));
    with_image_id(image)
}

fn from_trigger(image: &Map<String, Value>, trigger: &Value) -> Result<Map<String, Value>, String> {
    let wanted = |key: &str| context::text(image, key).unwrap_or_default();
    let repository = wanted("repository");
    let of_trigger = |key: &str| trigger.get(key).and_then(Value::as_str);
    let matches = of_trigger("type") == Some("docker")
        && of_trigger("repository") == Some(repository)
        && of_trigger("account") == Some(wanted("account"));
    let tag = of_trigger("tag").filter(|tag| matches && !tag.is_empty());
    let Some(tag) = tag else {
        return Err(format!(
            "no tag for image `{repository}` (account `{}`): the execution was not started by a \
             docker trigger for that repository",
            wanted("account")
        ));
    };
    let registry = context::text(image, "registry")
        .or_else(|| of_trigger("registry"))
        .unwrap_or_default();
    Ok(explicit(registry, repository, tag))
}

fn from_context(
    image: &Map<String, Value>,
    input: &TaskInput,
) -> Result<Map<String, Value>, String> {
    let stage_id = context::text(image, "stageId").unwrap_or_default();
    // refIds are unique in a pipeline, so the entry naming `stageId` can only come from that
    // stage: looking through every stage's outputs finds what Orca's ancestor lookup finds.
    let entry = input
        .execution
        .stages
        .iter()
        .filter_map(|stage| stage.outputs.get("deploymentDetails")?.as_array())
        .flatten()
        .filter_map(Value::as_object)
        .find(|entry| entry.get("refId").and_then(Value::as_str) == Some(stage_id))
        .ok_or_else(|| {
            format!("No image found in context for the stage with refId `{stage_id}`")
        })?;
    let part = |key: &str| context::text(entry, key).unwrap_or_default();
    let mut found = explicit(part("registry"), part("repository"), part("tag"));
    if let Some(id) = context::text(entry, "imageId") {
        found.insert("imageId".to_owned(), json!(id));
    }
    Ok(found)
}
