//! Checking and completing Marathon app definitions, following Marathon's `app.raml` and its
//! validators: mistyped fields answer `400 Invalid JSON`, rule violations `422 Object is not
//! valid`, each with JSON-pointer `details`. Absent fields get Marathon's defaults so `GET`
//! shows what a real cluster would.

use serde_json::{Map, Value, json};

use crate::simulator::dcos::api_error::{ApiError, Violation};

/// Marathon's pattern for one path segment, quoted in its validation message.
const SEGMENT_PATTERN: &str = "^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])|(\\.|\\.\\.)$";

/// Turns a path id (`a/b`, `/a/b/`) into its absolute form (`/a/b`), or explains why it is not
/// a valid id.
pub(crate) fn canonical_id(raw: &str) -> Result<String, Violation> {
    let segments: Vec<&str> = raw.split('/').filter(|s| !s.is_empty()).collect();
    if segments.is_empty() {
        return Err(Violation::new("/id", "path must not be empty or '/'"));
    }
    if let Some(bad) = segments.iter().find(|segment| !valid_segment(segment)) {
        return Err(Violation::new(
            "/id",
            format!("'{bad}' must fully match regular expression '{SEGMENT_PATTERN}'"),
        ));
    }
    Ok(format!("/{}", segments.join("/")))
}

fn valid_segment(segment: &str) -> bool {
    let label_ok = |label: &str| {
        let bytes = label.as_bytes();
        !bytes.is_empty()
            && bytes
                .iter()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
            && bytes.first() != Some(&b'-')
            && bytes.last() != Some(&b'-')
    };
    segment.split('.').all(label_ok)
}

/// Fields whose JSON type Marathon checks while parsing, with the play-json error it reports.
const TYPED_FIELDS: &[(&str, Kind)] = &[
    ("id", Kind::String),
    ("cmd", Kind::String),
    ("args", Kind::Array),
    ("instances", Kind::Integer),
    ("cpus", Kind::Number),
    ("mem", Kind::Number),
    ("disk", Kind::Number),
    ("gpus", Kind::Integer),
    ("env", Kind::Object),
    ("labels", Kind::Object),
    ("container", Kind::Object),
    ("healthChecks", Kind::Array),
    ("readinessChecks", Kind::Array),
    ("constraints", Kind::Array),
    ("portDefinitions", Kind::Array),
    ("networks", Kind::Array),
    ("upgradeStrategy", Kind::Object),
    ("fetch", Kind::Array),
    ("user", Kind::String),
    ("backoffSeconds", Kind::Number),
    ("backoffFactor", Kind::Number),
    ("maxLaunchDelaySeconds", Kind::Number),
];

#[derive(Debug, Clone, Copy)]
enum Kind {
    String,
    Integer,
    Number,
    Array,
    Object,
}

impl Kind {
    fn accepts(self, value: &Value) -> bool {
        match self {
            Self::String => value.is_string(),
            Self::Integer => value.is_i64() || value.is_u64(),
            Self::Number => value.is_number(),
            Self::Array => value.is_array(),
            Self::Object => value.is_object(),
        }
    }

    fn error(self) -> &'static str {
        match self {
            Self::String => "error.expected.jsstring",
            Self::Integer | Self::Number => "error.expected.jsnumber",
            Self::Array => "error.expected.jsarray",
            Self::Object => "error.expected.jsobject",
        }
    }
}

/// Checks the JSON types of the fields Marathon parses; `null` counts as absent.
pub(crate) fn check_types(body: &Value) -> Result<&Map<String, Value>, ApiError> {
    let Some(object) = body.as_object() else {
        return Err(ApiError::invalid_json("/", "error.expected.jsobject"));
    };
    for (field, kind) in TYPED_FIELDS {
        if let Some(value) = object.get(*field).filter(|value| !value.is_null())
            && !kind.accepts(value)
        {
            return Err(ApiError::invalid_json(&format!("/{field}"), kind.error()));
        }
    }
    if let Some(labels) = object.get("labels").and_then(Value::as_object)
        && let Some((key, _)) = labels.iter().find(|(_, value)| !value.is_string())
    {
        return Err(ApiError::invalid_json(
            &format!("/labels/{key}"),
            "error.expected.jsstring",
        ));
    }
    Ok(object)
}

/// The rules Marathon validates on a complete app definition.
pub(crate) fn violations(app: &Map<String, Value>) -> Vec<Violation> {
    let mut found = Vec::new();
    let has = |field: &str| app.get(field).is_some_and(|value| !value.is_null());
    if !(has("cmd") || has("args") || has("container")) || (has("cmd") && has("args")) {
        found.push(Violation::new(
            "/",
            "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.",
        ));
    }
    if let Some(instances) = app.get("instances").and_then(Value::as_i64)
        && instances < 0
    {
        found.push(Violation::new(
            "/instances",
            format!("got {instances}, expected 0 or more"),
        ));
    }
    for (field, minimum) in [("cpus", 0.0), ("mem", 0.0), ("disk", 0.0)] {
        if let Some(value) = app.get(field).and_then(Value::as_f64)
            && value < minimum
        {
            found.push(Violation::new(
                &format!("/{field}"),
                format!("got {value}, expected {minimum:.1} or more"),
            ));
        }
    }
    if let Some(strategy) = app.get("upgradeStrategy").and_then(Value::as_object) {
        for field in ["minimumHealthCapacity", "maximumOverCapacity"] {
            match strategy.get(field).and_then(Value::as_f64) {
                Some(value) if value > 1.0 => found.push(Violation::new(
                    &format!("/upgradeStrategy/{field}"),
                    "is greater than 1",
                )),
                Some(value) if value < 0.0 => found.push(Violation::new(
                    &format!("/upgradeStrategy/{field}"),
                    "is less than 0",
                )),
                _ => {}
            }
        }
    }
    if let Some(image) = app
        .get("container")
        .and_then(|container| container.get("docker"))
        .map(|docker| docker.get("image").and_then(Value::as_str))
        && image.is_none_or(str::is_empty)
    {
        found.push(Violation::new(
            "/container/docker/image",
            "must not be empty",
        ));
    }
    found.extend(health_check_violations(app));
    found
}

fn health_check_violations(app: &Map<String, Value>) -> Vec<Violation> {
    const PROTOCOLS: &[&str] = &[
        "HTTP",
        "HTTPS",
        "TCP",
        "COMMAND",
        "MESOS_HTTP",
        "MESOS_HTTPS",
        "MESOS_TCP",
    ];
    let Some(checks) = app.get("healthChecks").and_then(Value::as_array) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (index, check) in checks.iter().enumerate() {
        let protocol = check
            .get("protocol")
            .and_then(Value::as_str)
            .unwrap_or("HTTP");
        if !PROTOCOLS.contains(&protocol) {
            found.push(Violation::new(
                &format!("/healthChecks({index})/protocol"),
                format!("error.expected.validenumvalue: {protocol}"),
            ));
        }
        if protocol == "COMMAND" && check.get("command").is_none() {
            found.push(Violation::new(
                &format!("/healthChecks({index})/command"),
                "Health check protocol COMMAND needs a command",
            ));
        }
    }
    found
}

/// Fills Marathon's defaults into a complete definition whose id is already canonical.
pub(crate) fn with_defaults(mut app: Map<String, Value>) -> Map<String, Value> {
    let defaults = [
        ("instances", json!(1)),
        ("cpus", json!(1)),
        ("mem", json!(128)),
        ("disk", json!(0)),
        ("gpus", json!(0)),
        ("env", json!({})),
        ("labels", json!({})),
        ("constraints", json!([])),
        ("healthChecks", json!([])),
        ("readinessChecks", json!([])),
        ("fetch", json!([])),
        ("dependencies", json!([])),
        ("backoffSeconds", json!(1)),
        ("backoffFactor", json!(1.15)),
        ("maxLaunchDelaySeconds", json!(300)),
        ("killSelection", json!("YOUNGEST_FIRST")),
        ("requirePorts", json!(false)),
        ("executor", json!("")),
        ("networks", json!([{ "mode": "host" }])),
        (
            "upgradeStrategy",
            json!({ "minimumHealthCapacity": 1, "maximumOverCapacity": 1 }),
        ),
        (
            "unreachableStrategy",
            json!({ "inactiveAfterSeconds": 0, "expungeAfterSeconds": 0 }),
        ),
    ];
    for (field, value) in defaults {
        if app.get(field).is_none_or(Value::is_null) {
            app.insert(field.to_owned(), value);
        }
    }
    if let Some(Value::Array(checks)) = app.get_mut("healthChecks") {
        for check in checks.iter_mut().filter_map(Value::as_object_mut) {
            fill_health_check(check);
        }
    }
    app
}

fn fill_health_check(check: &mut Map<String, Value>) {
    let protocol = check
        .get("protocol")
        .and_then(Value::as_str)
        .unwrap_or("HTTP")
        .to_owned();
    let mut defaults = vec![
        ("protocol", json!(protocol)),
        ("gracePeriodSeconds", json!(300)),
        ("intervalSeconds", json!(60)),
        ("maxConsecutiveFailures", json!(3)),
        ("timeoutSeconds", json!(20)),
        ("delaySeconds", json!(15)),
    ];
    if protocol.contains("HTTP") {
        defaults.push(("path", json!("/")));
        defaults.push(("ignoreHttp1xx", json!(false)));
    }
    if protocol != "COMMAND" && check.get("port").is_none() {
        defaults.push(("portIndex", json!(0)));
    }
    for (field, value) in defaults {
        check.entry(field).or_insert(value);
    }
}

/// A partial update: fields present in `update` replace the existing ones (Marathon's
/// `partialUpdate=true`); `id`, `version` and `versionInfo` in the update are ignored.
pub(crate) fn merged(
    existing: &Map<String, Value>,
    update: &Map<String, Value>,
) -> Map<String, Value> {
    let mut app = existing.clone();
    for (field, value) in update {
        if !matches!(field.as_str(), "id" | "version" | "versionInfo") {
            app.insert(field.clone(), value.clone());
        }
    }
    app
}

/// Whether two definitions differ in more than `instances` (a config change, which replaces
/// tasks, as opposed to a scale).
pub(crate) fn is_config_change(before: &Map<String, Value>, after: &Map<String, Value>) -> bool {
    let without_instances = |app: &Map<String, Value>| {
        let mut app = app.clone();
        app.remove("instances");
        app
    };
    without_instances(before) != without_instances(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_absolute_and_bad_segments_are_named() {
        assert_eq!(canonical_id("prod/web/").unwrap(), "/prod/web");
        assert_eq!(canonical_id("/a.b/c-1").unwrap(), "/a.b/c-1");
        let error = canonical_id("/Prod/web").unwrap_err();
        assert_eq!(error.path, "/id");
        assert!(error.error.starts_with("'Prod' must fully match"));
        assert!(canonical_id("/").is_err());
        assert!(canonical_id("/-web").is_err());
    }

    #[test]
    fn a_definition_without_cmd_args_or_container_is_not_valid() {
        let app = json!({ "id": "/web" });
        let found = violations(app.as_object().unwrap());
        assert_eq!(found[0].path, "/");
    }

    #[test]
    fn mistyped_fields_are_invalid_json() {
        let error = check_types(&json!({ "id": "/web", "instances": "three" })).unwrap_err();
        assert_eq!(error.body["details"][0]["path"], "/instances");
        assert_eq!(error.status.as_u16(), 400);
    }

    #[test]
    fn scaling_is_not_a_config_change() {
        let before = with_defaults(json!({"id": "/a", "cmd": "x"}).as_object().unwrap().clone());
        let mut after = before.clone();
        after.insert("instances".to_owned(), json!(5));
        assert!(!is_config_change(&before, &after));
        after.insert("cmd".to_owned(), json!("y"));
        assert!(is_config_change(&before, &after));
    }
}
