//! Method calls on values: the methods of `String`, `List`, `Map`, numbers and booleans that
//! Orca's return-type filter lets through. `get` on lists and maps returns `Object`, so Orca
//! hides it, and so do we (use `[…]`).

use std::rc::Rc;

use super::{Machine, ops, types};
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::{ListKind, Value};

fn signature(name: &str, args: &[Value<'_>]) -> String {
    let types: Vec<&str> = args.iter().map(Value::java_type).collect();
    format!("{name}({})", types.join(","))
}

/// The error Spring gives when no (visible) method matches.
pub(crate) fn not_found(name: &str, target: &Value<'_>, args: &[Value<'_>]) -> EvalError {
    EvalError::eval(format!(
        "EL1004E: Method call: Method {} cannot be found on type {}",
        signature(name, args),
        type_display(target)
    ))
}

/// A class as Spring names it in messages: `T(Boolean)` is `java.lang.Boolean`, a `String[]` is
/// `java.lang.String[]`.
pub(crate) fn type_display(target: &Value<'_>) -> String {
    match target {
        Value::Type(class) => (*class).to_owned(),
        Value::List(_, ListKind::Array(_)) => match target.java_type() {
            "[Ljava.lang.String;" => "java.lang.String[]".to_owned(),
            "[I" => "int[]".to_owned(),
            "[J" => "long[]".to_owned(),
            "[D" => "double[]".to_owned(),
            "[Z" => "boolean[]".to_owned(),
            "[C" => "char[]".to_owned(),
            _ => "byte[]".to_owned(),
        },
        other => other.java_type().to_owned(),
    }
}

/// A Java exception thrown by the called method, wrapped as Spring wraps it.
pub(crate) fn threw(name: &str, target: &Value<'_>, message: impl Into<String>) -> EvalError {
    let message = message.into();
    EvalError {
        kind: crate::expr::error::ErrorKind::Evaluation,
        message: format!(
            "EL1029E: A problem occurred when trying to execute method '{name}' on object of type '{}': '{message}'",
            target.java_type()
        ),
        cause: Some(message),
    }
}

/// Argument `index` as a Java `String` (Spring converts scalars; null stays null).
pub(crate) fn arg_text(args: &[Value<'_>], index: usize) -> EvalResult<Option<String>> {
    args.get(index).map_or(Ok(None), Value::spring_string)
}

/// Argument `index` as a Java `int`, converted as Spring's conversion service does: reals are
/// truncated, numeric strings parsed, and a collection gives its first element.
pub(crate) fn arg_int(args: &[Value<'_>], index: usize) -> EvalResult<i32> {
    match args.get(index) {
        Some(Value::Float(_) | Value::Double(_)) => {
            #[allow(clippy::cast_possible_truncation)] // Number.intValue() after a range check.
            let whole = match args[index] {
                Value::Float(v) => f64::from(v).trunc(),
                Value::Double(v) => v.trunc(),
                _ => 0.0,
            };
            if (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&whole) {
                #[allow(clippy::cast_possible_truncation)]
                Ok(whole as i32)
            } else {
                Err(EvalError::eval(format!(
                    "EL1001E: Type conversion problem, cannot convert from {} to int - out of range",
                    args[index].java_type()
                )))
            }
        }
        Some(list @ (Value::List(..) | Value::Json(serde_json::Value::Array(_)))) => {
            let first = list.list_get(0).unwrap_or(Value::Null);
            arg_int(&[first], 0)
        }
        Some(Value::Int(v)) => Ok(*v),
        Some(Value::Long(v)) => i32::try_from(*v)
            .map_err(|_| EvalError::eval(format!("EL1001E: Type conversion problem, cannot convert from java.lang.Long to int - value {v} out of range"))),
        Some(Value::Str(text)) => text.trim().parse().map_err(|_| {
            EvalError::eval(format!(
                "EL1001E: Type conversion problem, cannot convert from java.lang.String to int - For input string: \"{}\"",
                &**text
            ))
        }),
        Some(other) => Err(EvalError::eval(format!(
            "EL1001E: Type conversion problem, cannot convert from {} to int",
            other.java_type()
        ))),
        None => Err(EvalError::eval("EL1001E: Type conversion problem, cannot convert from null to int")),
    }
}

/// Calls `target.name(args)`.
pub(crate) fn call<'a>(
    machine: &Machine<'a, '_>,
    target: &Value<'a>,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    if target.is_null() {
        return Err(EvalError::eval(format!(
            "EL1011E: Method call: Attempted to call method {} on null context object",
            signature(name, args)
        )));
    }
    // Methods every object has that Orca keeps visible.
    match (name, args.len()) {
        ("toString", 0) => return Ok(Value::string(target.java_string())),
        ("equals", 1) => return Ok(Value::Bool(ops::java_equals(target, &args[0]))),
        ("hashCode", 0) => return Ok(Value::Int(crate::expr::value::java_hash(target))),
        _ => {}
    }
    if let Value::Object(object) = target {
        return super::time::call(target, object, name, args);
    }
    if let Value::Type(class) = target {
        return types::call_static(machine, class, name, args);
    }
    if let Value::Str(text) = target {
        return super::strings::call(machine, target, text, name, args);
    }
    if let Value::List(_, ListKind::Array(_)) = target {
        // Arrays have only Object's methods, which were handled above.
        return Err(not_found(name, target, args));
    }
    if let Some(items) = target.list_items() {
        return list_method(target, &items, name, args);
    }
    if target.is_map() {
        let entries = match target {
            Value::Root => machine
                .root
                .entries()
                .iter()
                .map(|(key, value)| (key.clone(), Value::from_json(value)))
                .collect(),
            _ => target.map_entries().unwrap_or_default(),
        };
        return map_method(target, &entries, name, args);
    }
    scalar_method(target, name, args)
}

fn list_method<'a>(
    target: &Value<'a>,
    items: &[Value<'a>],
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let position =
        |needle: &Value<'a>| items.iter().position(|item| ops::java_equals(item, needle));
    Ok(match (name, args) {
        ("size", []) => Value::Int(len_int(items.len())),
        ("isEmpty", []) => Value::Bool(items.is_empty()),
        ("contains", [needle]) => Value::Bool(position(needle).is_some()),
        ("indexOf", [needle]) => Value::Int(position(needle).map_or(-1, len_int)),
        ("lastIndexOf", [needle]) => Value::Int(
            items
                .iter()
                .rposition(|item| ops::java_equals(item, needle))
                .map_or(-1, len_int),
        ),
        ("containsAll", [other]) => {
            let others = other
                .list_items()
                .ok_or_else(|| not_found(name, target, args))?;
            Value::Bool(others.iter().all(|needle| position(needle).is_some()))
        }
        ("subList", [_, _]) => {
            let from = usize::try_from(arg_int(args, 0)?);
            let to = usize::try_from(arg_int(args, 1)?);
            match (from, to) {
                (Ok(from), Ok(to)) if from <= to && to <= items.len() => {
                    Value::List(Rc::new(items[from..to].to_vec()), ListKind::ArrayList)
                }
                _ => return Err(threw(name, target, "fromIndex or toIndex out of range")),
            }
        }
        _ => return Err(not_found(name, target, args)),
    })
}

fn map_method<'a>(
    target: &Value<'a>,
    entries: &[(String, Value<'a>)],
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    Ok(match (name, args) {
        ("size", []) => Value::Int(len_int(entries.len())),
        ("isEmpty", []) => Value::Bool(entries.is_empty()),
        ("containsKey", [key]) => {
            let key = key.spring_string().ok().flatten();
            Value::Bool(key.is_some_and(|key| entries.iter().any(|(k, _)| *k == key)))
        }
        ("containsValue", [value]) => {
            Value::Bool(entries.iter().any(|(_, v)| ops::java_equals(v, value)))
        }
        ("keySet", []) => Value::list(
            entries
                .iter()
                .map(|(k, _)| Value::string(k.as_str()))
                .collect(),
        ),
        ("values", []) => Value::list(entries.iter().map(|(_, v)| v.clone()).collect()),
        ("entrySet", []) => Value::list(
            entries
                .iter()
                .map(|e| Value::Entry(Rc::new(e.clone())))
                .collect(),
        ),
        _ => return Err(not_found(name, target, args)),
    })
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)] // Java's narrowing casts.
fn scalar_method<'a>(target: &Value<'a>, name: &str, args: &[Value<'a>]) -> EvalResult<Value<'a>> {
    let real_value = match target {
        Value::Int(v) => Some(f64::from(*v)),
        Value::Long(v) => Some(*v as f64),
        Value::Float(v) => Some(f64::from(*v)),
        Value::Double(v) => Some(*v),
        _ => None,
    };
    let whole_value = match target {
        Value::Int(v) => Some(i64::from(*v)),
        Value::Long(v) => Some(*v),
        Value::Float(v) => Some(*v as i64),
        Value::Double(v) => Some(*v as i64),
        _ => None,
    };
    if let (Some(real), Some(whole)) = (real_value, whole_value) {
        return Ok(match (name, args) {
            ("intValue", []) => Value::Int(whole as i32),
            ("byteValue", []) => Value::Int(i32::from(whole as i8)),
            ("shortValue", []) => Value::Int(i32::from(whole as i16)),
            ("longValue", []) => Value::Long(whole),
            ("doubleValue", []) => Value::Double(real),
            ("floatValue", []) => Value::Float(real as f32),
            ("isNaN", []) => Value::Bool(real.is_nan()),
            ("isInfinite", []) => Value::Bool(real.is_infinite()),
            ("compareTo", [other]) => Value::Int(match ops::compare(target, other)? {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            }),
            _ => return Err(not_found(name, target, args)),
        });
    }
    match (target, name, args) {
        (Value::Bool(value), "booleanValue", []) => Ok(Value::Bool(*value)),
        (Value::Bool(_), "compareTo", [other]) => {
            Ok(Value::Int(match ops::compare(target, other)? {
                std::cmp::Ordering::Less => -1,
                std::cmp::Ordering::Equal => 0,
                std::cmp::Ordering::Greater => 1,
            }))
        }
        (Value::NotEvaluable(inner), "getExpression", []) => Ok((**inner).clone()),
        _ => Err(not_found(name, target, args)),
    }
}

fn len_int(len: usize) -> i32 {
    i32::try_from(len).unwrap_or(i32::MAX)
}
