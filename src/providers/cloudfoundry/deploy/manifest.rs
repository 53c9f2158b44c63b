//! [`Manifest`]: what a CF deploy takes from its manifest, read from Spinnaker's
//! `manifest.direct` (camelCase keys, `environment: [{key, value}]`) or from a CF manifest file
//! (`applications[0]`, kebab-case keys, `env: {..}`, `routes: [{route}]`), both the same way.

use base64::Engine;
use serde_json::{Map, Value};

use crate::providers::error::{ProviderError, ProviderResult};

/// The deploy settings of a manifest.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Manifest {
    /// Instances of the web process.
    pub(crate) instances: Option<u32>,
    /// Memory per instance, in MB.
    pub(crate) memory_mb: Option<u64>,
    /// Disk per instance, in MB.
    pub(crate) disk_mb: Option<u64>,
    /// Buildpacks, in order (none: detected).
    pub(crate) buildpacks: Vec<String>,
    /// The stack (`cflinuxfs4`).
    pub(crate) stack: Option<String>,
    /// Environment variables.
    pub(crate) env: Map<String, Value>,
    /// Routes, `host.domain[/path]`.
    pub(crate) routes: Vec<String>,
    /// Service instances to bind.
    pub(crate) services: Vec<String>,
    /// `port`, `process` (`none`) or `http`.
    pub(crate) health_check_type: Option<String>,
    /// The endpoint of an `http` health check.
    pub(crate) health_check_endpoint: Option<String>,
    /// Seconds an instance may take to pass its first health check.
    pub(crate) health_check_timeout: Option<u64>,
    /// The start command, instead of the droplet's.
    pub(crate) command: Option<String>,
    /// A docker image given in the manifest (`docker.image`).
    pub(crate) docker_image: Option<String>,
    /// The user name for the docker registry.
    pub(crate) docker_username: Option<String>,
}

impl Manifest {
    /// Reads the stage's `manifest` object: `direct`, an `embedded/base64` artifact, or a
    /// manifest file (`path`, `file`, or an artifact whose `reference` is a path).
    pub(crate) fn from_description(manifest: Option<&Value>) -> ProviderResult<Self> {
        let Some(manifest) = manifest else {
            return Ok(Self::default());
        };
        if let Some(direct) = manifest.get("direct").and_then(Value::as_object) {
            return Self::from_object(direct);
        }
        let artifact = manifest.get("artifact");
        let kind = artifact
            .and_then(|artifact| artifact.get("type"))
            .and_then(Value::as_str)
            .unwrap_or_default();
        let reference = artifact
            .and_then(|artifact| artifact.get("reference"))
            .or_else(|| manifest.get("path"))
            .or_else(|| manifest.get("file"))
            .and_then(Value::as_str);
        match (kind, reference) {
            ("embedded/base64", Some(encoded)) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(encoded.trim())
                    .map_err(|error| {
                        ProviderError::invalid(format!("the manifest is not base64: {error}"))
                    })?;
                Self::from_yaml(&String::from_utf8_lossy(&bytes))
            }
            (_, Some(path)) if !path.starts_with("http://") && !path.starts_with("https://") => {
                let text = std::fs::read_to_string(path).map_err(|error| {
                    ProviderError::invalid(format!("cannot read the manifest `{path}`: {error}"))
                })?;
                Self::from_yaml(&text)
            }
            _ => Err(ProviderError::invalid(
                "the manifest must be `direct`, an `embedded/base64` artifact or a file path \
                 (artifacts by id are resolved before the deploy)",
            )),
        }
    }

    /// Reads a CF manifest file's first application.
    pub(crate) fn from_yaml(text: &str) -> ProviderResult<Self> {
        let document: Value = serde_norway::from_str(text).map_err(|error| {
            ProviderError::invalid(format!("the manifest is not YAML: {error}"))
        })?;
        let application = document
            .pointer("/applications/0")
            .and_then(Value::as_object)
            .ok_or_else(|| ProviderError::invalid("the manifest has no `applications[0]`"))?;
        Self::from_object(application)
    }

    /// Reads one application's settings, whichever spelling they use.
    pub(crate) fn from_object(object: &Map<String, Value>) -> ProviderResult<Self> {
        let get = |names: &[&str]| names.iter().find_map(|name| object.get(*name));
        let text = |names: &[&str]| get(names).and_then(scalar_text);
        let mut manifest = Self {
            instances: get(&["instances"]).map(count).transpose()?,
            memory_mb: get(&["memory"]).map(megabytes).transpose()?,
            disk_mb: get(&["diskQuota", "disk_quota", "disk-quota"])
                .map(megabytes)
                .transpose()?,
            stack: text(&["stack"]),
            health_check_type: text(&["healthCheckType", "health-check-type"]),
            health_check_endpoint: text(&["healthCheckHttpEndpoint", "health-check-http-endpoint"]),
            health_check_timeout: get(&["timeout"]).and_then(Value::as_u64),
            command: text(&["command"]),
            docker_image: object
                .get("docker")
                .and_then(|docker| docker.get("image"))
                .and_then(scalar_text),
            docker_username: object
                .get("docker")
                .and_then(|docker| docker.get("username"))
                .and_then(scalar_text),
            ..Self::default()
        };
        manifest.buildpacks = match get(&["buildpacks", "buildpack"]) {
            Some(Value::Array(items)) => items.iter().filter_map(scalar_text).collect(),
            Some(one) => scalar_text(one).into_iter().collect(),
            None => Vec::new(),
        };
        manifest.routes = names_in(get(&["routes"]), "route");
        manifest.services = names_in(get(&["services"]), "name");
        match get(&["environment", "env"]) {
            Some(Value::Array(pairs)) => {
                for pair in pairs {
                    let key = pair.get("key").and_then(scalar_text);
                    let value = pair.get("value").and_then(scalar_text);
                    if let (Some(key), Some(value)) = (key, value) {
                        manifest.env.insert(key, Value::String(value));
                    }
                }
            }
            Some(Value::Object(map)) => {
                for (key, value) in map {
                    if let Some(value) = scalar_text(value) {
                        manifest.env.insert(key.clone(), Value::String(value));
                    }
                }
            }
            _ => {}
        }
        Ok(manifest)
    }
}

/// Strings of a list whose items are strings or objects holding the string under `key`.
fn names_in(list: Option<&Value>, key: &str) -> Vec<String> {
    let Some(Value::Array(items)) = list else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| match item {
            Value::Object(object) => object.get(key).and_then(scalar_text),
            other => scalar_text(other),
        })
        .collect()
}

/// A scalar as text (CF environment values are strings; YAML may give numbers or booleans).
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

fn count(value: &Value) -> ProviderResult<u32> {
    scalar_text(value)
        .and_then(|text| text.trim().parse().ok())
        .ok_or_else(|| ProviderError::invalid(format!("`instances` is not a count: {value}")))
}

/// A CF size (`512M`, `1G`, `1GB`, `2048`) in megabytes.
pub(crate) fn megabytes(value: &Value) -> ProviderResult<u64> {
    let invalid = || ProviderError::invalid(format!("`{value}` is not a size like 512M or 1G"));
    let text = scalar_text(value)
        .ok_or_else(invalid)?
        .trim()
        .to_ascii_uppercase();
    let text = text.strip_suffix('B').unwrap_or(&text);
    let (digits, factor) = match text.chars().last() {
        Some('T') => (&text[..text.len() - 1], 1024 * 1024),
        Some('G') => (&text[..text.len() - 1], 1024),
        Some('M') => (&text[..text.len() - 1], 1),
        _ => (text, 1),
    };
    digits
        .trim()
        .parse::<u64>()
        .map(|number| number * factor)
        .map_err(|_| invalid())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn direct_manifests_use_spinnaker_spelling() {
        let manifest = Manifest::from_description(Some(&json!({"direct": {
            "instances": 2, "memory": "1G", "diskQuota": "512M",
            "buildpacks": ["java_buildpack"],
            "environment": [{"key": "MODE", "value": "prod"}, {"key": "N", "value": 3}],
            "routes": ["hello.apps.example.com"], "services": ["db"],
            "healthCheckType": "http", "healthCheckHttpEndpoint": "/health"
        }})))
        .unwrap();
        assert_eq!(manifest.instances, Some(2));
        assert_eq!(
            (manifest.memory_mb, manifest.disk_mb),
            (Some(1024), Some(512))
        );
        assert_eq!(manifest.env.get("N"), Some(&json!("3")));
        assert_eq!(manifest.routes, ["hello.apps.example.com"]);
        assert_eq!(manifest.health_check_endpoint.as_deref(), Some("/health"));
    }

    #[test]
    fn manifest_files_use_cf_spelling() {
        let yaml = "applications:\n- name: app\n  instances: 3\n  memory: 256MB\n  disk_quota: 1G\n  \
                    buildpack: ruby_buildpack\n  env:\n    DEBUG: true\n  routes:\n  - route: a.example.com/x\n  \
                    services:\n  - name: cache\n  - db\n  health-check-type: process\n  docker:\n    image: nginx:1\n";
        let manifest = Manifest::from_yaml(yaml).unwrap();
        assert_eq!(manifest.instances, Some(3));
        assert_eq!(
            (manifest.memory_mb, manifest.disk_mb),
            (Some(256), Some(1024))
        );
        assert_eq!(manifest.buildpacks, ["ruby_buildpack"]);
        assert_eq!(manifest.env.get("DEBUG"), Some(&json!("true")));
        assert_eq!(manifest.routes, ["a.example.com/x"]);
        assert_eq!(manifest.services, ["cache", "db"]);
        assert_eq!(manifest.docker_image.as_deref(), Some("nginx:1"));
        let encoded = base64::engine::general_purpose::STANDARD.encode(yaml);
        let embedded = Manifest::from_description(Some(
            &json!({"artifact": {"type": "embedded/base64", "reference": encoded}}),
        ))
        .unwrap();
        assert_eq!(embedded, manifest);
    }

    #[test]
    fn sizes_and_bad_input() {
        assert_eq!(megabytes(&json!(2048)).unwrap(), 2048);
        assert_eq!(megabytes(&json!("2g")).unwrap(), 2048);
        assert!(megabytes(&json!("lots")).is_err());
        assert!(Manifest::from_yaml("applications: []").is_err());
        assert!(Manifest::from_description(Some(&json!({"artifactId": "x"}))).is_err());
    }
}
