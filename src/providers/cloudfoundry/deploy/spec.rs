//! [`DeploySpec`]: the CF deploy cluster of a deploy stage (Orca's `createServerGroup`
//! description) read into what the deploy does: which artifact, which manifest settings,
//! whether to start.

use serde_json::{Map, Value};

use crate::providers::cloud::DeployRequest;
use crate::providers::cloudfoundry::deploy::manifest::Manifest;
use crate::providers::error::{ProviderError, ProviderResult};

/// What the app runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Artifact {
    /// A docker image (`docker/image` artifact, or `docker.image` of the manifest).
    Docker {
        /// `registry/repository:tag`.
        image: String,
        /// Registry user, if the image is private.
        username: Option<String>,
        /// Registry password (from the artifact's `password` or `metadata.password`).
        password: Option<String>,
    },
    /// Application bits to upload: a zip or jar file, or an http(s) URL to download it from.
    Bits(String),
    /// The droplet another server group runs (`cloudfoundry/app` artifact), copied.
    Droplet {
        /// Its region.
        region: String,
        /// Its name.
        server_group: String,
    },
}

/// What a CF deploy does.
#[derive(Debug, Clone)]
pub(crate) struct DeploySpec {
    /// What to run.
    pub(crate) artifact: Artifact,
    /// Manifest settings.
    pub(crate) manifest: Manifest,
    /// Whether to start the app once staged (`startApplication`, default true).
    pub(crate) start: bool,
    /// Web instances to start with.
    pub(crate) instances: u32,
}

impl DeploySpec {
    /// Reads a deploy request. The instance count is the request's capacity when the
    /// description has a `capacity` (or the request asks for something else than nothing),
    /// else the manifest's `instances` (1 when it has none), as Spinnaker's CF deploy does.
    pub(crate) fn from_request(request: &DeployRequest) -> ProviderResult<Self> {
        let description = &request.description;
        let manifest = Manifest::from_description(description.get("manifest"))?;
        let artifact = artifact(description, &manifest)?;
        let explicit = description.contains_key("capacity")
            || request.capacity != crate::providers::model::Capacity::default();
        let instances = if explicit {
            request.capacity.desired
        } else {
            manifest.instances.unwrap_or(1)
        };
        Ok(Self {
            artifact,
            start: description
                .get("startApplication")
                .and_then(Value::as_bool)
                .unwrap_or(true),
            manifest,
            instances,
        })
    }
}

fn artifact(description: &Map<String, Value>, manifest: &Manifest) -> ProviderResult<Artifact> {
    let given = description.get("applicationArtifact");
    let artifact = given.map(|given| given.get("artifact").unwrap_or(given));
    let text = |key: &str| {
        artifact
            .and_then(|artifact| artifact.get(key))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    if let Some(Value::String(path)) = artifact {
        return Ok(Artifact::Bits(path.clone()));
    }
    let kind = text("type").unwrap_or_default();
    let reference = text("reference");
    match (kind.as_str(), reference) {
        ("docker/image", Some(image)) => Ok(Artifact::Docker {
            image,
            username: text("username").or_else(|| manifest.docker_username.clone()),
            password: text("password").or_else(|| {
                artifact
                    .and_then(|artifact| artifact.pointer("/metadata/password"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            }),
        }),
        ("cloudfoundry/app", reference) => {
            let server_group = text("name").or(reference).ok_or_else(|| {
                ProviderError::invalid("a `cloudfoundry/app` artifact needs a `name`")
            })?;
            let region = text("location").ok_or_else(|| {
                ProviderError::invalid("a `cloudfoundry/app` artifact needs a `location` (region)")
            })?;
            Ok(Artifact::Droplet {
                region,
                server_group,
            })
        }
        (_, Some(reference)) => Ok(Artifact::Bits(reference)),
        (_, None) => match &manifest.docker_image {
            Some(image) => Ok(Artifact::Docker {
                image: image.clone(),
                username: manifest.docker_username.clone(),
                password: None,
            }),
            None => Err(ProviderError::invalid(
                "the deploy has no `applicationArtifact` (a `docker/image`, a zip or jar path or \
                 URL, or a `cloudfoundry/app`) and its manifest no `docker.image`",
            )),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::providers::model::Capacity;

    fn request(description: &Value, capacity: Capacity) -> DeployRequest {
        DeployRequest {
            region: "org > dev".into(),
            server_group: "hello-v001".into(),
            capacity,
            description: description.as_object().unwrap().clone(),
        }
    }

    #[test]
    fn reads_docker_bits_and_droplet_artifacts() {
        let docker = DeploySpec::from_request(&request(
            &json!({"applicationArtifact": {"artifact": {"type": "docker/image", "reference": "nginx:1"}},
                   "manifest": {"direct": {"instances": 3}}}),
            Capacity::default(),
        ))
        .unwrap();
        assert!(
            matches!(docker.artifact, Artifact::Docker { ref image, .. } if image == "nginx:1")
        );
        assert_eq!(docker.instances, 3);
        assert!(docker.start);
        let bits = DeploySpec::from_request(&request(
            &json!({"applicationArtifact": {"artifact": {"type": "http/file", "reference": "https://x/app.zip"}},
                   "capacity": {"min": 2, "max": 2, "desired": 2}, "startApplication": false}),
            Capacity::exactly(2),
        ))
        .unwrap();
        assert_eq!(bits.artifact, Artifact::Bits("https://x/app.zip".into()));
        assert_eq!((bits.instances, bits.start), (2, false));
        let droplet = DeploySpec::from_request(&request(
            &json!({"applicationArtifact": {"artifact": {"type": "cloudfoundry/app", "name": "hello-v000", "location": "org > prod"}}}),
            Capacity::default(),
        ))
        .unwrap();
        assert_eq!(
            droplet.artifact,
            Artifact::Droplet {
                region: "org > prod".into(),
                server_group: "hello-v000".into()
            }
        );
        assert_eq!(droplet.instances, 1);
    }

    #[test]
    fn a_deploy_without_artifact_is_refused() {
        let error =
            DeploySpec::from_request(&request(&json!({}), Capacity::default())).unwrap_err();
        assert!(error.message.contains("applicationArtifact"), "{error}");
    }
}
