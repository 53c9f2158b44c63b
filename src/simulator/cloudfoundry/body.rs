//! Reading JSON request bodies field by field, turning every mistake into the 4xx body the
//! Cloud Controller would send instead of a panic or a framework error page.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::error::ApiError;

/// A request body that must be a JSON object.
pub(crate) type Object = Map<String, Value>;

/// Parses a body as a JSON object; an empty body counts as `{}` (action endpoints send none).
pub(crate) fn parse_object(bytes: &[u8]) -> Result<Object, ApiError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Object::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ApiError::message_parse("body must be a JSON object")),
        Err(error) => Err(ApiError::message_parse(error)),
    }
}

/// Rejects keys the endpoint does not know, as the Cloud Controller's message validators do.
pub(crate) fn reject_unknown_keys(object: &Object, allowed: &[&str]) -> Result<(), ApiError> {
    let unknown: Vec<String> = object
        .keys()
        .filter(|key| !allowed.contains(&key.as_str()))
        .map(|key| format!("'{key}'"))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(ApiError::unprocessable(format!(
            "Unknown field(s): {}",
            unknown.join(", ")
        )))
    }
}

/// Capitalises a JSON key the way CC messages name fields (`memory_in_mb` → "Memory in mb").
fn human(key: &str) -> String {
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(crate) fn optional_string(object: &Object, key: &str) -> Result<Option<String>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(ApiError::unprocessable(format!(
            "{} must be a string",
            human(key)
        ))),
    }
}

pub(crate) fn required_string(object: &Object, key: &str) -> Result<String, ApiError> {
    optional_string(object, key)?
        .ok_or_else(|| ApiError::unprocessable(format!("{} must be a string", human(key))))
}

pub(crate) fn optional_u32(object: &Object, key: &str) -> Result<Option<u32>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|number| u32::try_from(number).ok())
            .map(Some)
            .ok_or_else(|| ApiError::unprocessable(format!("{} must be an integer", human(key)))),
    }
}

pub(crate) fn optional_i64(object: &Object, key: &str) -> Result<Option<i64>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_i64()
            .map(Some)
            .ok_or_else(|| ApiError::unprocessable(format!("{} must be an integer", human(key)))),
    }
}

pub(crate) fn optional_object(object: &Object, key: &str) -> Result<Option<Object>, ApiError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => Ok(Some(inner.clone())),
        Some(_) => Err(ApiError::unprocessable(format!(
            "{} must be an object",
            human(key)
        ))),
    }
}

/// `relationships.<name>.data.guid`, the v3 to-one relationship shape.
pub(crate) fn relationship_guid(object: &Object, name: &str) -> Result<Option<String>, ApiError> {
    let Some(relationships) = optional_object(object, "relationships")? else {
        return Ok(None);
    };
    to_one_guid(relationships.get(name), name)
}

/// Reads `{"data":{"guid":G}}`; `{"data":null}` and absence both mean "none".
pub(crate) fn to_one_guid(value: Option<&Value>, name: &str) -> Result<Option<String>, ApiError> {
    let Some(value) = value else { return Ok(None) };
    match value.get("data") {
        Some(Value::Null) => Ok(None),
        Some(data) => data
            .get("guid")
            .and_then(Value::as_str)
            .map(|guid| Some(guid.to_owned()))
            .ok_or_else(|| ApiError::unprocessable(format!("Relationships {name} must be structured like this: \"{name}\": {{\"data\": {{\"guid\": \"valid-guid\"}}}}"))),
        None => Err(ApiError::unprocessable(format!("Relationships {name} must be structured like this: \"{name}\": {{\"data\": {{\"guid\": \"valid-guid\"}}}}"))),
    }
}

pub(crate) fn required_relationship(object: &Object, name: &str) -> Result<String, ApiError> {
    relationship_guid(object, name)?
        .ok_or_else(|| ApiError::unprocessable(format!("Relationships {name} must be structured like this: \"{name}\": {{\"data\": {{\"guid\": \"valid-guid\"}}}}")))
}

/// `metadata.labels` and `metadata.annotations`, present on most v3 resources.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Metadata {
    pub(crate) labels: Object,
    pub(crate) annotations: Object,
}

impl Metadata {
    /// Applies a request's `metadata` key: keys merge, and a `null` value deletes a key.
    pub(crate) fn apply(&mut self, object: &Object) -> Result<(), ApiError> {
        let Some(metadata) = optional_object(object, "metadata")? else {
            return Ok(());
        };
        for (key, target) in [
            ("labels", &mut self.labels),
            ("annotations", &mut self.annotations),
        ] {
            let Some(changes) = optional_object(&metadata, key)? else {
                continue;
            };
            for (name, value) in changes {
                match value {
                    Value::Null => {
                        target.remove(&name);
                    }
                    Value::String(_) => {
                        target.insert(name, value);
                    }
                    _ => {
                        return Err(ApiError::unprocessable(format!(
                            "Metadata {key} value for '{name}' must be a string"
                        )));
                    }
                }
            }
        }
        Ok(())
    }

    pub(crate) fn to_json(&self) -> Value {
        serde_json::json!({"labels": self.labels, "annotations": self.annotations})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_bodies_are_empty_objects_and_arrays_are_parse_errors() {
        assert!(parse_object(b"").unwrap().is_empty());
        assert_eq!(parse_object(b"[1]").unwrap_err().code, 1001);
        assert_eq!(parse_object(b"{").unwrap_err().code, 1001);
    }

    #[test]
    fn metadata_updates_merge_and_null_deletes() {
        let mut metadata = Metadata::default();
        let first = parse_object(br#"{"metadata":{"labels":{"a":"1","b":"2"}}}"#).unwrap();
        metadata.apply(&first).unwrap();
        let second = parse_object(br#"{"metadata":{"labels":{"a":null}}}"#).unwrap();
        metadata.apply(&second).unwrap();
        assert_eq!(metadata.to_json()["labels"], serde_json::json!({"b": "2"}));
    }
}
