//! Property access, indexing, selection and projection, as Orca's property accessors allow
//! them: maps answer any key (null when unknown), stages add their computed properties, and
//! other objects expose only allow-listed getters.

use std::rc::Rc;

use serde_json::Value as Json;

use super::{Frame, Machine, types};
use crate::expr::ast::Node;
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::{ArrayType, ListKind, Value};

/// Which elements a selection keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    All,
    First,
    Last,
}

/// Orca's property accessor looks for a getter and throws when there is none; Spring wraps
/// that in EL1021E.
fn not_found(name: &str, target: &Value<'_>) -> EvalError {
    let cause = format!(
        "requested getter {name} not found on type class {}",
        super::methods::type_display(target)
    );
    getter_error(name, cause)
}

fn getter_error(name: &str, cause: String) -> EvalError {
    EvalError {
        kind: crate::expr::error::ErrorKind::Evaluation,
        message: format!(
            "EL1021E: A problem occurred whilst attempting to access the property '{name}': '{cause}'"
        ),
        cause: Some(cause),
    }
}

impl<'a> Machine<'a, '_> {
    /// `target.name`.
    pub(crate) fn property(&self, target: &Value<'a>, name: &str) -> EvalResult<Value<'a>> {
        match target {
            Value::Root => match self
                .assigned_value(name)
                .or_else(|| self.root.lookup(name, self.env.options.allow_unknown_keys))
            {
                Some(value) => Ok(value),
                None => self.unknown_key(name, target),
            },
            Value::Json(Json::Object(map)) => match map.get(name) {
                Some(value) => Ok(Value::from_json(value)),
                None => self.unknown_key(name, target),
            },
            Value::Map(entries, _) => match entries.iter().find(|(key, _)| key == name) {
                Some((_, value)) => Ok(value.clone()),
                None => self.unknown_key(name, target),
            },
            Value::Stage(stage, all) => Ok(stage_property(stage, all, name)),
            Value::StageContext(stage, all) => Ok(stage_context_get(stage, all, name)),
            Value::Execution(execution) => Ok(match (name, execution.get(name)) {
                ("stages", Some(Json::Array(stages))) => Value::list(
                    stages
                        .iter()
                        .map(|stage| Value::Stage(stage, stages))
                        .collect(),
                ),
                (_, found) => found.map_or(Value::Null, Value::from_json),
            }),
            Value::Null => Err(EvalError::eval(format!(
                "EL1007E: Property or field '{name}' cannot be found on null"
            ))),
            Value::Str(text) if name == "empty" => Ok(Value::Bool(text.is_empty())),
            Value::Str(text) if name == "blank" => Ok(Value::Bool(text.trim().is_empty())),
            Value::List(items, ListKind::Array(_)) if name == "length" => {
                Ok(Value::Int(i32::try_from(items.len()).unwrap_or(i32::MAX)))
            }
            Value::Str(text) if name == "bytes" => Ok(bytes_of(text)),
            Value::List(_, ListKind::Array(_)) => Err(not_found(name, target)),
            Value::List(..) | Value::Json(Json::Array(_)) if name == "empty" => {
                Ok(Value::Bool(target.list_len() == Some(0)))
            }
            // `Map.Entry.getKey()` returns Object, which Orca's return-type filter refuses.
            Value::Entry(_) if name == "key" || name == "value" => Err(getter_error(
                name,
                format!(
                    "found getter for requested {name} but rejected due to return type class java.lang.Object"
                ),
            )),
            Value::Type(class) => types::static_field(class, name),
            Value::Object(object) => super::time::property(target, object, name),
            Value::NotEvaluable(inner) if name == "expression" => Ok((**inner).clone()),
            _ => Err(not_found(name, target)),
        }
    }

    /// A key the map does not have: null, unless unknown keys are refused.
    fn unknown_key(&self, name: &str, target: &Value<'a>) -> EvalResult<Value<'a>> {
        if self.env.options.allow_unknown_keys {
            Ok(Value::Null)
        } else {
            Err(not_found(name, target))
        }
    }

    /// `target[index]`.
    pub(crate) fn index(&self, target: &Value<'a>, index: &Value<'a>) -> EvalResult<Value<'a>> {
        match target {
            Value::Null => Err(EvalError::eval("EL1012E: Cannot index into a null value")),
            Value::List(..) | Value::Json(Json::Array(_)) => {
                let len = target.list_len().unwrap_or(0);
                let position = list_index(index)?;
                if position < 0 {
                    // Java's own bounds check fires first for a negative index.
                    return Err(EvalError::eval(format!(
                        "Index {position} out of bounds for length {len}"
                    )));
                }
                usize::try_from(position)
                    .ok()
                    .and_then(|position| target.list_get(position))
                    .ok_or_else(|| {
                        EvalError::eval(format!(
                            "EL1025E: The collection has '{len}' elements, index '{position}' is invalid"
                        ))
                    })
            }
            Value::Str(text) => {
                let position = list_index(index)?;
                if position < 0 {
                    return Err(EvalError::eval(format!(
                        "String index out of range: {position}"
                    )));
                }
                usize::try_from(position)
                    .ok()
                    .and_then(|position| text.chars().nth(position))
                    .map(|c| Value::string(c.to_string()))
                    .ok_or_else(|| {
                        EvalError::eval(format!(
                            "EL1026E: The string has '{}' characters, index '{position}' is invalid",
                            text.chars().count()
                        ))
                    })
            }
            _ if target.is_map() => {
                let Some(key) = index.spring_string()? else {
                    return Ok(Value::Null);
                };
                if matches!(index, Value::Str(_)) {
                    self.property(target, &key)
                } else if let Value::Map(entries, true) = target {
                    // Inline maps keep typed keys (`{1:'one'}[1]`); ours are their text.
                    Ok(entries
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map_or(Value::Null, |(_, v)| v.clone()))
                } else {
                    // A non-string key never equals a JSON map's string keys in Java.
                    Ok(Value::Null)
                }
            }
            _ => match index {
                Value::Str(name) => self.property(target, name),
                _ => Err(EvalError::eval(format!(
                    "EL1027E: Indexing into type '{}' is not supported",
                    target.java_type()
                ))),
            },
        }
    }

    fn elements(target: &Value<'a>, what: &str) -> EvalResult<Vec<Value<'a>>> {
        if let Some(items) = target.list_items() {
            return Ok(items);
        }
        if let Some(entries) = target.map_entries() {
            return Ok(entries
                .into_iter()
                .map(|entry| Value::Entry(Rc::new(entry)))
                .collect());
        }
        let type_name = target.java_type();
        Err(EvalError::eval(if what == "Selection" {
            format!("EL1015E: Cannot perform selection on input data of type '{type_name}'")
        } else {
            format!("EL1019E: Projection is not supported on the type '{type_name}'")
        }))
    }

    /// `.?[…]`, `.^[…]`, `.$[…]`.
    pub(crate) fn select(
        &self,
        target: &Value<'a>,
        predicate: &Node,
        which: Which,
    ) -> EvalResult<Value<'a>> {
        let is_map = target.list_items().is_none() && target.is_map();
        let elements = Self::elements(target, "Selection")?;
        let mut kept = Vec::new();
        let mut candidates: Box<dyn Iterator<Item = Value<'a>>> = if which == Which::Last {
            Box::new(elements.into_iter().rev())
        } else {
            Box::new(elements.into_iter())
        };
        for element in &mut candidates {
            self.tick()?;
            let result = self.eval(predicate, &Frame::element(element.clone()))?;
            let Value::Bool(keep) = result else {
                return Err(EvalError::eval(
                    "EL1039E: Result of selection criteria is not boolean",
                ));
            };
            if keep {
                kept.push(element);
                if which != Which::All {
                    break;
                }
            }
        }
        if is_map {
            let entries = kept
                .into_iter()
                .filter_map(|entry| match entry {
                    Value::Entry(entry) => Some((*entry).clone()),
                    _ => None,
                })
                .collect();
            return Ok(Value::map(entries));
        }
        Ok(match which {
            Which::All => Value::List(Rc::new(kept), ListKind::ArrayList),
            _ => kept.into_iter().next().unwrap_or(Value::Null),
        })
    }

    /// `.![…]`.
    pub(crate) fn project(&self, target: &Value<'a>, expression: &Node) -> EvalResult<Value<'a>> {
        let elements = Self::elements(target, "Projection")?;
        let mut out = Vec::with_capacity(elements.len());
        for element in elements {
            self.tick()?;
            out.push(self.eval(expression, &Frame::element(element))?);
        }
        Ok(Value::list(out))
    }
}

/// A stage's property: its computed ones, defaults for `status`/`context`/`outputs`, else its
/// field (null when absent, as for the maps Orca's stage context holds).
fn stage_property<'a>(stage: &'a Json, all: &'a [Json], name: &str) -> Value<'a> {
    let status = stage
        .get("status")
        .and_then(Json::as_str)
        .unwrap_or("NOT_STARTED");
    match name {
        "hasSucceeded" => Value::Bool(status == "SUCCEEDED"),
        "hasFailed" => Value::Bool(status == "TERMINAL"),
        "status" => Value::string(status),
        "context" => Value::StageContext(stage, all),
        "outputs" => stage
            .get(name)
            .filter(|value| value.is_object())
            .map_or_else(|| Value::map(Vec::new()), Value::from_json),
        _ => stage.get(name).map_or(Value::Null, Value::from_json),
    }
}

/// A key of a stage's context, falling back to its ancestors' outputs as Orca's
/// `StageContext.get` does.
fn stage_context_get<'a>(stage: &'a Json, all: &'a [Json], name: &str) -> Value<'a> {
    if let Some(value) = stage.get("context").and_then(|context| context.get(name)) {
        return Value::from_json(value);
    }
    crate::expr::root::ancestors(stage, all)
        .into_iter()
        .find_map(|ancestor| ancestor.get("outputs")?.get(name))
        .map_or(Value::Null, Value::from_json)
}

/// An index into a list or string: an integer, or text Spring can convert to one.
fn list_index(index: &Value<'_>) -> EvalResult<i64> {
    match index {
        Value::Int(v) => Ok(i64::from(*v)),
        Value::Long(v) => Ok(*v),
        Value::Str(text) => text.trim().parse().map_err(|_| {
            EvalError::eval(format!(
                "EL1001E: Type conversion problem, cannot convert from java.lang.String to java.lang.Integer - For input string: \"{}\"",
                &**text
            ))
        }),
        other => Err(EvalError::eval(format!(
            "EL1001E: Type conversion problem, cannot convert from {} to java.lang.Integer",
            other.java_type()
        ))),
    }
}

/// `String.getBytes()`: the UTF-8 bytes as a `byte[]`.
pub(crate) fn bytes_of<'a>(text: &str) -> Value<'a> {
    let bytes = text
        .bytes()
        .map(|b| Value::Int(i32::from(b.cast_signed())))
        .collect();
    Value::List(Rc::new(bytes), ListKind::Array(ArrayType::Byte))
}
