//! `new int[3]`, `new String[]{'a'}`: arrays of primitives and strings, capped in size as
//! Spring 5.3.17 caps them.

use std::rc::Rc;

use super::types::resolve;
use super::{Frame, Machine};
use crate::expr::ast::Node;
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::{ArrayType, ListKind, Value};

/// Spring 5.3.17's cap on the size of an array built by an expression.
const MAX_ARRAY_ELEMENTS: usize = 256 * 1024;

/// `new int[n]`, `new String[]{…}`: arrays of primitives or strings.
pub(crate) fn new_array<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    size: Option<&Node>,
    items: Option<&[Node]>,
    frame: &Frame<'a>,
) -> EvalResult<Value<'a>> {
    let kind = match name {
        "int" => ArrayType::Int,
        "long" => ArrayType::Long,
        "double" => ArrayType::Double,
        "boolean" => ArrayType::Bool,
        "char" => ArrayType::Char,
        "byte" => ArrayType::Byte,
        _ if resolve(name)? == "java.lang.String" => ArrayType::Str,
        _ => {
            return Err(EvalError::eval(format!(
                "gennaker builds arrays of primitives and strings only, not of {name}"
            )));
        }
    };
    let values = match (size, items) {
        (Some(size), None) => {
            let count = match machine.eval(size, frame)? {
                Value::Int(n) => usize::try_from(n).map_err(|_| {
                    EvalError::eval(format!("java.lang.NegativeArraySizeException: {n}"))
                })?,
                other => {
                    return Err(EvalError::eval(format!(
                        "EL1001E: Type conversion problem, cannot convert from {} to int",
                        other.java_type()
                    )));
                }
            };
            if count > MAX_ARRAY_ELEMENTS {
                return Err(EvalError::limit(format!(
                    "EL1085E: Array declares too many elements, exceeding the threshold of '{MAX_ARRAY_ELEMENTS}'"
                )));
            }
            vec![kind.default_value(); count]
        }
        (_, Some(items)) => {
            let mut values = Vec::with_capacity(items.len());
            for item in items {
                let value = machine.eval(item, frame)?;
                values.push(coerce(kind, &value)?);
            }
            values
        }
        (None, None) => Vec::new(),
    };
    Ok(Value::List(Rc::new(values), ListKind::Array(kind)))
}

/// Converts an initializer element to the array's element type.
fn coerce<'a>(kind: ArrayType, value: &Value<'a>) -> EvalResult<Value<'a>> {
    #[allow(clippy::cast_precision_loss)]
    let converted = match (kind, &value) {
        (ArrayType::Str, Value::Str(_) | Value::Null)
        | (ArrayType::Int | ArrayType::Byte, Value::Int(_))
        | (ArrayType::Bool, Value::Bool(_))
        | (ArrayType::Char, Value::Char(_))
        | (ArrayType::Long, Value::Long(_))
        | (ArrayType::Double, Value::Double(_)) => Some(value.clone()),
        (ArrayType::Str, other) => other.spring_string()?.map(Value::string),
        (ArrayType::Long, Value::Int(v)) => Some(Value::Long(i64::from(*v))),
        (ArrayType::Double, Value::Int(v)) => Some(Value::Double(f64::from(*v))),
        (ArrayType::Double, Value::Long(v)) => Some(Value::Double(*v as f64)),
        _ => None,
    };
    converted.ok_or_else(|| {
        EvalError::eval(format!(
            "EL1001E: Type conversion problem, cannot convert from {} to the array's element type",
            value.java_type()
        ))
    })
}
