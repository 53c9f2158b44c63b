//! Docker image references: built from a stage's `docker.image` description, and split back
//! into the parts `findImageFromCluster` reports (`registry`, `repository`, `tag`, `imageId`).

use serde_json::{Map, Value};

use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::model::Image;

/// The registry Docker uses when a reference names none.
const DEFAULT_REGISTRY: &str = "docker.io";

/// The reference to run from a description's `docker.image`: a string as it is, or the explicit
/// form `{registry, repository, tag, imageId}` (its `imageId` when set, else
/// `registry/repository:tag`).
pub(crate) fn reference(image: &Value) -> ProviderResult<String> {
    let text = |key: &str| {
        image
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|value| !value.is_empty())
    };
    if let Some(reference) = image.as_str().map(str::trim).filter(|s| !s.is_empty()) {
        return Ok(reference.to_owned());
    }
    if let Some(id) = text("imageId") {
        return Ok(id.to_owned());
    }
    let Some(repository) = text("repository") else {
        return Err(ProviderError::invalid(
            "the docker image has neither `imageId` nor `repository` (fromTrigger and \
             fromContext images must be resolved before deploying)",
        ));
    };
    let mut reference = match text("registry") {
        Some(registry) => format!("{}/{repository}", registry.trim_end_matches('/')),
        None => repository.to_owned(),
    };
    if let Some(tag) = text("tag") {
        reference.push(':');
        reference.push_str(tag);
    }
    Ok(reference)
}

/// Splits a reference into [`Image`] details.
pub(crate) fn describe(reference: &str) -> Image {
    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, Some(digest)),
        None => (reference, None),
    };
    let (registry, path) = match name.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (first, rest)
        }
        _ => (DEFAULT_REGISTRY, name),
    };
    let last_slash = path.rfind('/').map_or(0, |index| index + 1);
    let (repository, tag) = match path[last_slash..].rfind(':') {
        Some(colon) => (
            &path[..last_slash + colon],
            Some(&path[last_slash + colon + 1..]),
        ),
        None => (path, None),
    };
    let mut details = Map::new();
    details.insert("registry".to_owned(), Value::from(registry));
    details.insert("repository".to_owned(), Value::from(repository));
    if let Some(tag) = tag {
        details.insert("tag".to_owned(), Value::from(tag));
    }
    if let Some(digest) = digest {
        details.insert("digest".to_owned(), Value::from(digest));
    }
    details.insert("imageId".to_owned(), Value::from(reference));
    Image {
        name: reference.to_owned(),
        details,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn explicit_images_prefer_their_id() {
        let explicit =
            json!({"registry": "r.example:5000", "repository": "team/web", "tag": "1.2"});
        assert_eq!(reference(&explicit).unwrap(), "r.example:5000/team/web:1.2");
        let with_id = json!({"repository": "x", "imageId": "docker.io/library/nginx:1"});
        assert_eq!(reference(&with_id).unwrap(), "docker.io/library/nginx:1");
        assert_eq!(reference(&json!("nginx")).unwrap(), "nginx");
        assert_eq!(reference(&json!({"repository": "web"})).unwrap(), "web");
        let unresolved = reference(&json!({"fromTrigger": true})).unwrap_err();
        assert!(unresolved.message.contains("fromTrigger"));
    }

    #[test]
    fn references_split_into_registry_repository_and_tag() {
        let image = describe("r.example:5000/team/web:1.2");
        assert_eq!(image.details["registry"], "r.example:5000");
        assert_eq!(image.details["repository"], "team/web");
        assert_eq!(image.details["tag"], "1.2");
        assert_eq!(image.details["imageId"], "r.example:5000/team/web:1.2");
        let hub = describe("library/nginx");
        assert_eq!(hub.details["registry"], "docker.io");
        assert_eq!(hub.details["repository"], "library/nginx");
        assert!(hub.details.get("tag").is_none());
        let pinned = describe("localhost/app@sha256:abc");
        assert_eq!(pinned.details["repository"], "app");
        assert_eq!(pinned.details["digest"], "sha256:abc");
        // The parts compose back into the same reference.
        let mut parts = image.details.clone();
        parts.remove("imageId");
        assert_eq!(reference(&Value::Object(parts)).unwrap(), image.name);
    }
}
