//! Runtime values with Java's types: `int`/`long`/`float`/`double` stay distinct, strings and
//! JSON documents are borrowed from the root where possible, and every value knows its Java
//! class name, its `toString()` and its conversion to JSON. `java` holds Java's number
//! spellings and hash codes.

mod java;

pub(crate) use java::{double_json, float_json, java_double, java_float, java_hash};

use std::fmt::Write as _;
use std::ops::Deref;
use std::rc::Rc;

use serde_json::Value as Json;

use super::error::{ErrorKind, EvalError, EvalResult};

/// A string either borrowed from the root/template or shared.
#[derive(Debug, Clone)]
pub(crate) enum Text<'a> {
    Borrowed(&'a str),
    Shared(Rc<str>),
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Self::Borrowed(text) => text,
            Self::Shared(text) => text,
        }
    }
}

/// Where a list came from; decides its Java class (and so its `javaType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ListKind {
    /// `{1,2}`: an unmodifiable list.
    Inline,
    /// A computed `ArrayList` (projection, selection, helper results).
    ArrayList,
    /// A Java array such as `String[]` from `split`, with its element type.
    Array(ArrayType),
}

/// Element types of the arrays expressions can make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArrayType {
    Str,
    Int,
    Long,
    Double,
    Bool,
    Char,
    Byte,
}

impl ArrayType {
    fn java_type(self) -> &'static str {
        match self {
            Self::Str => "[Ljava.lang.String;",
            Self::Int => "[I",
            Self::Long => "[J",
            Self::Double => "[D",
            Self::Bool => "[Z",
            Self::Char => "[C",
            Self::Byte => "[B",
        }
    }

    /// The element a new array of this type holds (`0`, `false`, `null`).
    pub(crate) fn default_value<'a>(self) -> Value<'a> {
        match self {
            Self::Str => Value::Null,
            Self::Int | Self::Byte => Value::Int(0),
            Self::Long => Value::Long(0),
            Self::Double => Value::Double(0.0),
            Self::Bool => Value::Bool(false),
            Self::Char => Value::Char('\0'),
        }
    }
}

/// A runtime value.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    /// A `java.math.BigInteger` (JSON integers beyond `long`).
    BigInt(i128),
    Char(char),
    Str(Text<'a>),
    /// A JSON array or object borrowed from the root (a `LinkedHashMap`/`ArrayList` in Orca).
    Json(&'a Json),
    List(Rc<Vec<Value<'a>>>, ListKind),
    /// A map built during evaluation (inline map, helper result), in insertion order.
    Map(Rc<Vec<(String, Value<'a>)>>, bool),
    /// A stage of `execution.stages` (and all the stages, for its ancestors), with its
    /// computed properties.
    Stage(&'a Json, &'a [Json]),
    /// A stage's `context`: its own keys, then its ancestors' outputs (Orca's `StageContext`).
    StageContext(&'a Json, &'a [Json]),
    /// `execution`.
    Execution(&'a Json),
    /// The root object (`#root`).
    Root,
    /// `#doNotEval(x)`.
    NotEvaluable(Rc<Value<'a>>),
    /// `T(…)`: a reference to an allow-listed class.
    Type(&'static str),
    /// A map entry met in a map selection or projection.
    Entry(Rc<(String, Value<'a>)>),
    /// An instance of an allow-listed class (`Date`, `LocalDate`, `UUID`…).
    Object(Rc<crate::expr::eval::time::Object>),
}

impl<'a> Value<'a> {
    /// A string value owning its text.
    pub(crate) fn string(text: impl Into<Rc<str>>) -> Self {
        Self::Str(Text::Shared(text.into()))
    }

    /// An `ArrayList` of values.
    pub(crate) fn list(items: Vec<Value<'a>>) -> Self {
        Self::List(Rc::new(items), ListKind::ArrayList)
    }

    /// A `LinkedHashMap` of values.
    pub(crate) fn map(entries: Vec<(String, Value<'a>)>) -> Self {
        Self::Map(Rc::new(entries), false)
    }

    /// Borrows a JSON value from the root as Jackson would have read it.
    pub(crate) fn from_json(json: &'a Json) -> Self {
        match json {
            Json::Null => Self::Null,
            Json::Bool(value) => Self::Bool(*value),
            Json::Number(number) => number_value(number),
            Json::String(text) => Self::Str(Text::Borrowed(text)),
            Json::Array(_) | Json::Object(_) => Self::Json(json),
        }
    }

    /// Converts a JSON value produced during evaluation (e.g. by `#readJson`).
    pub(crate) fn from_owned_json(json: &Json) -> Self {
        match json {
            Json::Null => Self::Null,
            Json::Bool(value) => Self::Bool(*value),
            Json::Number(number) => number_value(number),
            Json::String(text) => Self::string(text.as_str()),
            Json::Array(items) => Self::list(items.iter().map(Self::from_owned_json).collect()),
            Json::Object(map) => Self::map(
                map.iter()
                    .map(|(key, value)| (key.clone(), Self::from_owned_json(value)))
                    .collect(),
            ),
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The string, when the value is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Self::Str(text) => Some(text),
            _ => None,
        }
    }

    /// Whether the value behaves as a `java.util.Map`.
    pub(crate) fn is_map(&self) -> bool {
        matches!(
            self,
            Self::Map(..)
                | Self::Stage(..)
                | Self::StageContext(..)
                | Self::Execution(_)
                | Self::Root
        ) || matches!(self, Self::Json(Json::Object(_)))
    }

    /// The Java class Orca would see, as `getClass().getName()` prints it.
    pub(crate) fn java_type(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "java.lang.Boolean",
            Self::Int(_) => "java.lang.Integer",
            Self::Long(_) => "java.lang.Long",
            Self::Float(_) => "java.lang.Float",
            Self::Double(_) => "java.lang.Double",
            Self::BigInt(_) => "java.math.BigInteger",
            Self::Char(_) => "java.lang.Character",
            Self::Str(_) => "java.lang.String",
            Self::Json(Json::Array(_)) | Self::List(_, ListKind::ArrayList) => {
                "java.util.ArrayList"
            }
            Self::List(_, ListKind::Inline) => "java.util.Collections$UnmodifiableRandomAccessList",
            Self::List(_, ListKind::Array(kind)) => kind.java_type(),
            Self::Map(_, true) => "java.util.Collections$UnmodifiableMap",
            Self::StageContext(..) => "com.netflix.spinnaker.orca.pipeline.model.StageContext",
            Self::Json(_) | Self::Map(_, false) | Self::Stage(..) | Self::Execution(_) => {
                "java.util.LinkedHashMap"
            }
            Self::Root => "java.util.HashMap",
            Self::NotEvaluable(_) => {
                "com.netflix.spinnaker.kork.expressions.NotEvaluableExpression"
            }
            Self::Type(_) => "java.lang.Class",
            Self::Entry(_) => "java.util.LinkedHashMap$Entry",
            Self::Object(object) => object.java_type(),
        }
    }

    /// The list items, when the value is a list or array.
    pub(crate) fn list_items(&self) -> Option<Vec<Value<'a>>> {
        match self {
            Self::Json(Json::Array(items)) => Some(items.iter().map(Value::from_json).collect()),
            Self::List(items, _) => Some(items.as_ref().clone()),
            _ => None,
        }
    }

    /// Number of items of a list, when it is one.
    pub(crate) fn list_len(&self) -> Option<usize> {
        match self {
            Self::Json(Json::Array(items)) => Some(items.len()),
            Self::List(items, _) => Some(items.len()),
            _ => None,
        }
    }

    /// The item at `index` of a list.
    pub(crate) fn list_get(&self, index: usize) -> Option<Value<'a>> {
        match self {
            Self::Json(Json::Array(items)) => items.get(index).map(Value::from_json),
            Self::List(items, _) => items.get(index).cloned(),
            _ => None,
        }
    }

    /// The entries of a map value (not the root, whose keys come from elsewhere).
    pub(crate) fn map_entries(&self) -> Option<Vec<(String, Value<'a>)>> {
        match self {
            Self::Json(Json::Object(map))
            | Self::Stage(Json::Object(map), _)
            | Self::Execution(Json::Object(map)) => Some(
                map.iter()
                    .map(|(key, value)| (key.clone(), Value::from_json(value)))
                    .collect(),
            ),
            Self::Map(entries, _) => Some(entries.as_ref().clone()),
            Self::StageContext(stage, _) => Some(
                stage
                    .get("context")
                    .and_then(Json::as_object)
                    .map(|map| {
                        map.iter()
                            .map(|(key, value)| (key.clone(), Value::from_json(value)))
                            .collect()
                    })
                    .unwrap_or_default(),
            ),
            _ => None,
        }
    }

    /// Whether the value holds more than `max_nodes` nodes or nests deeper than `max_depth`
    /// (values built by evaluation share their parts, so they can be far larger than the
    /// expression that built them; `x = {x, x}` repeated doubles each time).
    pub(crate) fn too_large(&self, max_nodes: usize, max_depth: usize) -> bool {
        fn walk(value: &Value<'_>, budget: &mut usize, depth: usize, max_depth: usize) -> bool {
            if *budget == 0 || depth > max_depth {
                return true;
            }
            *budget -= 1;
            match value {
                Value::List(items, _) => items
                    .iter()
                    .any(|item| walk(item, budget, depth + 1, max_depth)),
                Value::Map(entries, _) => entries
                    .iter()
                    .any(|(_, item)| walk(item, budget, depth + 1, max_depth)),
                Value::NotEvaluable(inner) => walk(inner, budget, depth + 1, max_depth),
                Value::Entry(entry) => walk(&entry.1, budget, depth + 1, max_depth),
                _ => false,
            }
        }
        let mut budget = max_nodes;
        walk(self, &mut budget, 0, max_depth)
    }

    /// Java's `toString()` (`{a=1}`, `[1, 2]`, `7.0`, `null`).
    pub(crate) fn java_string(&self) -> String {
        let mut out = String::new();
        self.write_java(&mut out);
        out
    }

    fn write_java(&self, out: &mut String) {
        match self {
            Self::Null => out.push_str("null"),
            Self::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Self::Int(value) => {
                let _ = write!(out, "{value}");
            }
            Self::Long(value) => {
                let _ = write!(out, "{value}");
            }
            Self::Float(value) => out.push_str(&java_float(*value)),
            Self::Double(value) => out.push_str(&java_double(*value)),
            Self::BigInt(value) => {
                let _ = write!(out, "{value}");
            }
            Self::Char(value) => out.push(*value),
            Self::Str(text) => out.push_str(text),
            Self::Type(name) => {
                let _ = write!(out, "class {name}");
            }
            Self::NotEvaluable(_) => out.push_str("NotEvaluableExpression"),
            Self::Object(object) => out.push_str(&object.java_string()),
            Self::Entry(entry) => {
                out.push_str(&entry.0);
                out.push('=');
                entry.1.write_java(out);
            }
            Self::Root => out.push_str("{…}"),
            Self::List(..) | Self::Json(Json::Array(_)) => {
                out.push('[');
                for (index, item) in self.list_items().unwrap_or_default().iter().enumerate() {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    item.write_java(out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for (index, (key, value)) in
                    self.map_entries().unwrap_or_default().iter().enumerate()
                {
                    if index > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(key);
                    out.push('=');
                    value.write_java(out);
                }
                out.push('}');
            }
        }
    }

    /// Spring's conversion to `String` (used for the parts of a composite template and for
    /// `String` parameters): lists are joined with `,`, a map cannot be converted.
    pub(crate) fn spring_string(&self) -> EvalResult<Option<String>> {
        match self {
            Self::Null => Ok(None),
            Self::List(..) | Self::Json(Json::Array(_)) => {
                let mut parts = Vec::new();
                for item in self.list_items().unwrap_or_default() {
                    parts.push(item.spring_string()?.unwrap_or_else(|| "null".to_owned()));
                }
                Ok(Some(parts.join(",")))
            }
            // Spring converts objects with a String constructor or `valueOf(String)` (Date,
            // enums, UUID) but not `java.time` values, whose `parse` takes a CharSequence.
            Self::Object(object)
                if !matches!(
                    **object,
                    crate::expr::eval::time::Object::Instant(_)
                        | crate::expr::eval::time::Object::LocalDate(_)
                        | crate::expr::eval::time::Object::LocalDateTime(_)
                        | crate::expr::eval::time::Object::Random(_)
                ) =>
            {
                Ok(Some(self.java_string()))
            }
            Self::Object(_)
            | Self::Json(_)
            | Self::Map(..)
            | Self::Stage(..)
            | Self::StageContext(..)
            | Self::Execution(_)
            | Self::Root
            | Self::NotEvaluable(_)
            | Self::Entry(_)
            | Self::Type(_) => Err(EvalError::with_kind(
                ErrorKind::Conversion,
                format!(
                    "No converter found capable of converting from type [{}] to type [java.lang.String]",
                    self.java_type()
                ),
            )),
            _ => Ok(Some(self.java_string())),
        }
    }

    /// The JSON Orca would write for the value (Jackson).
    pub(crate) fn to_json(&self) -> Json {
        match self {
            Self::Null => Json::Null,
            Self::Type(name) => Json::String((*name).to_owned()),
            Self::BigInt(value) => u64::try_from(*value)
                .map(Json::from)
                .or_else(|_| i64::try_from(*value).map(Json::from))
                .unwrap_or_else(|_| Json::String(value.to_string())),
            Self::List(items, ListKind::Array(ArrayType::Char)) => {
                Json::String(items.iter().map(Value::java_string).collect())
            }
            Self::List(items, ListKind::Array(ArrayType::Byte)) => {
                use base64::Engine as _;
                let bytes: Vec<u8> = items
                    .iter()
                    .map(|item| match item {
                        Value::Int(v) => (*v).to_le_bytes()[0],
                        _ => 0,
                    })
                    .collect();
                Json::String(base64::engine::general_purpose::STANDARD.encode(bytes))
            }
            Self::Bool(value) => Json::Bool(*value),
            Self::Int(value) => Json::from(*value),
            Self::Long(value) => Json::from(*value),
            Self::Float(value) => float_json(*value),
            Self::Double(value) => double_json(*value),
            Self::Char(value) => Json::String(value.to_string()),
            Self::Str(text) => Json::String(text.to_string()),
            Self::Json(json) | Self::Execution(json) => (*json).clone(),
            Self::Stage(json, _) => stage_json(json),
            Self::StageContext(stage, _) => stage
                .get("context")
                .filter(|context| context.is_object())
                .cloned()
                .unwrap_or_else(|| Json::Object(serde_json::Map::new())),
            Self::List(items, _) => Json::Array(items.iter().map(Value::to_json).collect()),
            Self::Map(entries, _) => Json::Object(
                entries
                    .iter()
                    .map(|(key, value)| (key.clone(), value.to_json()))
                    .collect(),
            ),
            Self::NotEvaluable(inner) => inner.to_json(),
            Self::Entry(entry) => {
                let mut map = serde_json::Map::new();
                map.insert(entry.0.clone(), entry.1.to_json());
                Json::Object(map)
            }
            Self::Root => Json::Object(serde_json::Map::new()),
            // Jackson writes a Date as epoch milliseconds and these value classes as text.
            Self::Object(object) => match **object {
                crate::expr::eval::time::Object::Date(millis) => Json::from(millis),
                _ => Json::String(object.java_string()),
            },
        }
    }
}

/// A stage as Orca's `#stage` shows it: its fields plus the computed properties.
fn stage_json(json: &Json) -> Json {
    let mut map = json.as_object().cloned().unwrap_or_default();
    let status = map
        .get("status")
        .and_then(Json::as_str)
        .unwrap_or("NOT_STARTED")
        .to_owned();
    map.entry("status")
        .or_insert_with(|| Json::String("NOT_STARTED".into()));
    map.entry("context")
        .or_insert_with(|| Json::Object(serde_json::Map::new()));
    map.entry("outputs")
        .or_insert_with(|| Json::Object(serde_json::Map::new()));
    map.insert("hasSucceeded".into(), Json::Bool(status == "SUCCEEDED"));
    map.insert("hasFailed".into(), Json::Bool(status == "TERMINAL"));
    Json::Object(map)
}

/// How Jackson reads a JSON number: `Integer` when it fits, then `Long`, else `Double`.
pub(crate) fn number_value<'a>(number: &serde_json::Number) -> Value<'a> {
    if let Some(value) = number.as_i64() {
        return i32::try_from(value).map_or(Value::Long(value), Value::Int);
    }
    if let Some(value) = number.as_u64() {
        return Value::BigInt(i128::from(value));
    }
    #[allow(clippy::cast_precision_loss)]
    // Beyond i64 Jackson makes a BigInteger; a double is the closest we keep.
    let value = number
        .as_f64()
        .unwrap_or(number.as_u64().map_or(0.0, |v| v as f64));
    Value::Double(value)
}
