//! `SpEL`'s operators with Java semantics: numeric promotion (int < long < float < double),
//! wrapping int arithmetic, string concatenation, equality across number types, ordering, and
//! the conversion of operands to boolean.

use std::cmp::Ordering;

use serde_json::Value as Json;

use crate::expr::ast::BinOp;
use crate::expr::error::{ErrorKind, EvalError, EvalResult};
use crate::expr::value::Value;

/// Spring 5.3's cap on `'text' * n`.
const MAX_REPEATED_TEXT: usize = 256;
/// Spring 5.3.26's cap on the length of a concatenated string.
const MAX_CONCATENATED: usize = 100_000;

/// A number after Java's binary numeric promotion.
#[derive(Debug, Clone, Copy)]
enum Num {
    I(i32),
    L(i64),
    B(i128),
    F(f32),
    D(f64),
}

fn number(value: &Value<'_>) -> Option<Num> {
    match value {
        Value::Int(v) => Some(Num::I(*v)),
        Value::Long(v) => Some(Num::L(*v)),
        Value::BigInt(v) => Some(Num::B(*v)),
        Value::Float(v) => Some(Num::F(*v)),
        Value::Double(v) => Some(Num::D(*v)),
        _ => None,
    }
}

#[allow(clippy::cast_precision_loss)] // Java widens long to float/double the same lossy way.
fn as_f64(num: Num) -> f64 {
    match num {
        Num::I(v) => f64::from(v),
        Num::L(v) => v as f64,
        Num::B(v) => v as f64,
        Num::F(v) => f64::from(v),
        Num::D(v) => v,
    }
}

#[allow(clippy::cast_precision_loss)]
fn as_f32(num: Num) -> f32 {
    match num {
        Num::I(v) => v as f32,
        Num::L(v) => v as f32,
        Num::B(v) => v as f32,
        Num::F(v) => v,
        Num::D(v) => v as f32,
    }
}

#[allow(clippy::cast_possible_truncation)] // Java's `longValue()` truncates the same way.
fn as_i64(num: Num) -> i64 {
    match num {
        Num::I(v) => i64::from(v),
        Num::L(v) => v,
        Num::B(v) => v as i64,
        Num::F(v) => v as i64,
        Num::D(v) => v as i64,
    }
}

fn as_i128(num: Num) -> i128 {
    match num {
        Num::B(v) => v,
        other => i128::from(as_i64(other)),
    }
}

/// The promoted pair: which representation both operands take.
enum Pair {
    I(i32, i32),
    L(i64, i64),
    B(i128, i128),
    F(f32, f32),
    D(f64, f64),
}

fn promote(left: Num, right: Num) -> Pair {
    match (left, right) {
        (Num::D(_), _) | (_, Num::D(_)) => Pair::D(as_f64(left), as_f64(right)),
        (Num::F(_), _) | (_, Num::F(_)) => Pair::F(as_f32(left), as_f32(right)),
        (Num::B(_), _) | (_, Num::B(_)) => Pair::B(as_i128(left), as_i128(right)),
        (Num::L(_), _) | (_, Num::L(_)) => Pair::L(as_i64(left), as_i64(right)),
        (Num::I(a), Num::I(b)) => Pair::I(a, b),
    }
}

fn type_name(value: &Value<'_>) -> &'static str {
    value.java_type()
}

fn unsupported(op: &str, left: &Value<'_>, right: &Value<'_>) -> EvalError {
    EvalError::eval(format!(
        "EL1030E: The operator '{op}' is not supported between objects of type '{}' and '{}'",
        type_name(left),
        type_name(right)
    ))
}

fn divide_by_zero() -> EvalError {
    EvalError::with_kind(ErrorKind::Arithmetic, "/ by zero")
}

/// String conversion used by `+` when one side is a string: Spring's converter when it has
/// one (lists join with `,`), else `toString()`.
fn concat_text(value: &Value<'_>) -> String {
    match value.spring_string() {
        Ok(Some(text)) => text,
        Ok(None) => "null".to_owned(),
        Err(_) => value.java_string(),
    }
}

/// Applies an arithmetic operator.
#[allow(
    clippy::too_many_lines,
    reason = "one table of Java's arithmetic per promoted type"
)]
pub(crate) fn arithmetic<'a>(
    op: BinOp,
    left: &Value<'a>,
    right: &Value<'a>,
) -> EvalResult<Value<'a>> {
    if op == BinOp::Add {
        let text = match (left, right) {
            (Value::Str(a), Value::Str(b)) => Some(format!("{}{}", &**a, &**b)),
            (Value::Str(a), other) => Some(format!("{}{}", &**a, concat_text(other))),
            (other, Value::Str(b)) => Some(format!("{}{}", concat_text(other), &**b)),
            _ => None,
        };
        if let Some(text) = text {
            if text.chars().count() > MAX_CONCATENATED {
                return Err(EvalError::limit(format!(
                    "EL1079E: Concatenated string is too long, exceeding the threshold of '{MAX_CONCATENATED}' characters"
                )));
            }
            return Ok(Value::string(text));
        }
    }
    // `'5' - 1`: Spring subtracts from the single character and gives a one-character string.
    if op == BinOp::Sub
        && let (Value::Str(text), Value::Int(delta)) = (left, right)
        && text.chars().count() == 1
        && let Some(c) = text.chars().next()
    {
        let code = i64::from(u32::from(c)) - i64::from(*delta);
        return u32::try_from(code)
            .ok()
            .and_then(char::from_u32)
            .map(|c| Value::string(c.to_string()))
            .ok_or_else(|| unsupported("SUBTRACT", left, right));
    }
    if op == BinOp::Mul
        && let (Value::Str(text), Value::Int(count)) = (left, right)
    {
        let count = usize::try_from(*count).map_err(|_| unsupported("MULTIPLY", left, right))?;
        if text.chars().count().saturating_mul(count) > MAX_REPEATED_TEXT {
            return Err(EvalError::limit(format!(
                "EL1086E: Repeated text is too long, exceeding the threshold of '{MAX_REPEATED_TEXT}' characters"
            )));
        }
        return Ok(Value::string(text.repeat(count)));
    }
    let name = match op {
        BinOp::Add => "ADD",
        BinOp::Sub => "SUBTRACT",
        BinOp::Mul => "MULTIPLY",
        BinOp::Div => "DIVIDE",
        BinOp::Mod => "MODULUS",
        _ => "POWER",
    };
    let (Some(a), Some(b)) = (number(left), number(right)) else {
        return Err(unsupported(name, left, right));
    };
    if op == BinOp::Pow {
        return Ok(power(a, b));
    }
    Ok(match promote(a, b) {
        Pair::I(x, y) => Value::Int(match op {
            BinOp::Add => x.wrapping_add(y),
            BinOp::Sub => x.wrapping_sub(y),
            BinOp::Mul => x.wrapping_mul(y),
            BinOp::Div => x
                .checked_rem(y)
                .map(|_| x.wrapping_div(y))
                .ok_or_else(divide_by_zero)?,
            _ => {
                if y == 0 {
                    return Err(divide_by_zero());
                }
                x.wrapping_rem(y)
            }
        }),
        Pair::L(x, y) => Value::Long(match op {
            BinOp::Add => x.wrapping_add(y),
            BinOp::Sub => x.wrapping_sub(y),
            BinOp::Mul => x.wrapping_mul(y),
            BinOp::Div => x
                .checked_rem(y)
                .map(|_| x.wrapping_div(y))
                .ok_or_else(divide_by_zero)?,
            _ => {
                if y == 0 {
                    return Err(divide_by_zero());
                }
                x.wrapping_rem(y)
            }
        }),
        Pair::B(x, y) => Value::BigInt(match op {
            BinOp::Add => x.wrapping_add(y),
            BinOp::Sub => x.wrapping_sub(y),
            BinOp::Mul => x.wrapping_mul(y),
            BinOp::Div => x.checked_div(y).ok_or_else(divide_by_zero)?,
            _ => x.checked_rem(y).ok_or_else(divide_by_zero)?,
        }),
        Pair::F(x, y) => Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => x / y,
            _ => x % y,
        }),
        Pair::D(x, y) => Value::Double(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::Div => x / y,
            _ => x % y,
        }),
    })
}

#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)] // Java casts `Math.pow` operands and results the same way.
fn power<'a>(a: Num, b: Num) -> Value<'a> {
    match promote(a, b) {
        Pair::D(x, y) => Value::Double(x.powf(y)),
        Pair::F(x, y) => Value::Float(f64::from(x).powf(f64::from(y)) as f32),
        Pair::L(x, y) => Value::Long(java_d2l((x as f64).powf(y as f64))),
        Pair::B(x, y) => Value::BigInt(
            u32::try_from(y)
                .ok()
                .and_then(|e| x.checked_pow(e))
                .unwrap_or(0),
        ),
        Pair::I(x, y) => {
            let result = f64::from(x).powf(f64::from(y));
            if result > f64::from(i32::MAX) {
                Value::Long(java_d2l(result))
            } else {
                Value::Int(java_d2i(result))
            }
        }
    }
}

/// Java's `(long) d`: saturating, NaN to 0 (Rust's `as` does the same).
#[allow(clippy::cast_possible_truncation)]
fn java_d2l(value: f64) -> i64 {
    value as i64
}

#[allow(clippy::cast_possible_truncation)]
fn java_d2i(value: f64) -> i32 {
    value as i32
}

/// Unary minus.
pub(crate) fn negate<'a>(value: &Value<'a>) -> EvalResult<Value<'a>> {
    Ok(match value {
        Value::Int(v) => Value::Int(v.wrapping_neg()),
        Value::Long(v) => Value::Long(v.wrapping_neg()),
        // Spring computes `0 - x`, so `-0.0` is positive zero.
        Value::Float(v) => Value::Float(0.0 - v),
        Value::Double(v) => Value::Double(0.0 - v),
        other => {
            return Err(EvalError::eval(format!(
                "EL1030E: The operator 'SUBTRACT' is not supported between objects of type '{}' and 'null'",
                type_name(other)
            )));
        }
    })
}

/// Unary plus.
pub(crate) fn plus<'a>(value: &Value<'a>) -> EvalResult<Value<'a>> {
    match value {
        Value::Int(_) | Value::Long(_) | Value::Float(_) | Value::Double(_) => Ok(value.clone()),
        other => Err(EvalError::eval(format!(
            "EL1030E: The operator 'ADD' is not supported between objects of type '{}' and 'null'",
            type_name(other)
        ))),
    }
}

/// Converts an operand to `boolean` as Spring's conversion service does.
pub(crate) fn to_bool(value: &Value<'_>) -> EvalResult<bool> {
    match value {
        Value::Bool(b) => Ok(*b),
        Value::Null => Err(EvalError::eval(
            "EL1001E: Type conversion problem, cannot convert from null to boolean",
        )),
        Value::Str(text) => match text.to_ascii_lowercase().as_str() {
            "true" | "on" | "yes" | "1" => Ok(true),
            "false" | "off" | "no" | "0" => Ok(false),
            "" => Err(EvalError::eval(
                "EL1001E: Type conversion problem, cannot convert from null to boolean",
            )),
            _ => Err(EvalError::eval(format!(
                "EL1001E: Type conversion problem, cannot convert from java.lang.String to java.lang.Boolean - Invalid boolean value '{}'",
                &**text
            ))),
        },
        other => Err(EvalError::eval(format!(
            "EL1001E: Type conversion problem, cannot convert from {} to java.lang.Boolean",
            type_name(other)
        ))),
    }
}

/// `SpEL`'s `==`.
pub(crate) fn equal(left: &Value<'_>, right: &Value<'_>) -> bool {
    if let (Some(a), Some(b)) = (number(left), number(right)) {
        return match promote(a, b) {
            Pair::I(x, y) => x == y,
            Pair::L(x, y) => x == y,
            Pair::B(x, y) => x == y,
            #[allow(clippy::float_cmp)] // Java's `==` on floats is exact.
            Pair::F(x, y) => x == y,
            #[allow(clippy::float_cmp)]
            Pair::D(x, y) => x == y,
        };
    }
    java_equals(left, right)
}

/// Java's `Object.equals` (collections compare element by element, `1` does not equal `1L`).
pub(crate) fn java_equals(left: &Value<'_>, right: &Value<'_>) -> bool {
    match (left, right) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Int(a), Value::Int(b)) => a == b,
        (Value::Long(a), Value::Long(b)) => a == b,
        (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
        (Value::Double(a), Value::Double(b)) => a.to_bits() == b.to_bits(),
        (Value::Char(a), Value::Char(b)) => a == b,
        (Value::Str(a), Value::Str(b)) => **a == **b,
        (Value::Type(a), Value::Type(b)) => a == b,
        (Value::Object(a), Value::Object(b)) => a == b,
        (Value::Json(a), Value::Json(b)) if std::ptr::eq(*a, *b) => true,
        _ => {
            if let (Some(a), Some(b)) = (left.list_items(), right.list_items()) {
                return a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| java_equals(x, y));
            }
            if let (Some(a), Some(b)) = (left.map_entries(), right.map_entries()) {
                return a.len() == b.len()
                    && a.iter().all(|(key, value)| {
                        b.iter()
                            .any(|(other_key, other)| key == other_key && java_equals(value, other))
                    });
            }
            false
        }
    }
}

/// `SpEL`'s ordering for `<`, `<=`, `>`, `>=` and `between`.
pub(crate) fn compare(left: &Value<'_>, right: &Value<'_>) -> EvalResult<Ordering> {
    if let (Some(a), Some(b)) = (number(left), number(right)) {
        return Ok(match promote(a, b) {
            Pair::I(x, y) => x.cmp(&y),
            Pair::L(x, y) => x.cmp(&y),
            Pair::B(x, y) => x.cmp(&y),
            Pair::F(x, y) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            Pair::D(x, y) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        });
    }
    match (left, right) {
        (Value::Null, Value::Null) => Ok(Ordering::Equal),
        (Value::Null, _) => Ok(Ordering::Less),
        (_, Value::Null) => Ok(Ordering::Greater),
        (Value::Str(a), Value::Str(b)) => Ok(java_compare_strings(a, b)),
        (Value::Bool(a), Value::Bool(b)) => Ok(a.cmp(b)),
        (Value::Char(a), Value::Char(b)) => Ok(a.cmp(b)),
        _ => {
            let (left_type, right_type) = (type_name(left), type_name(right));
            let comparable = matches!(left, Value::Str(_) | Value::Bool(_) | Value::Char(_))
                || number(left).is_some();
            Err(EvalError {
                kind: ErrorKind::Evaluation,
                message: format!(
                    "EL1013E: Cannot compare instances of class {left_type} and class {right_type}"
                ),
                // `compareTo` casts its argument first: that ClassCastException is the cause.
                cause: comparable.then(|| {
                    format!(
                        "class {right_type} cannot be cast to class {left_type} ({right_type} and {left_type} are in module java.base of loader 'bootstrap')"
                    )
                }),
            })
        }
    }
}

/// `String.compareTo`: by UTF-16 code units.
fn java_compare_strings(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Applies a relational operator (other than `matches` and `instanceof`).
pub(crate) fn relational(op: BinOp, left: &Value<'_>, right: &Value<'_>) -> EvalResult<bool> {
    Ok(match op {
        BinOp::Eq => equal(left, right),
        BinOp::Ne => !equal(left, right),
        BinOp::Lt => compare(left, right)? == Ordering::Less,
        BinOp::Le => compare(left, right)? != Ordering::Greater,
        BinOp::Gt => compare(left, right)? == Ordering::Greater,
        BinOp::Ge => compare(left, right)? != Ordering::Less,
        _ => {
            let bounds = right.list_items().filter(|items| items.len() == 2).ok_or_else(|| {
                EvalError::eval(
                    "EL1038E: Right operand for the 'between' operator has to be a two-element list",
                )
            })?;
            compare(left, &bounds[0])? != Ordering::Less
                && compare(left, &bounds[1])? != Ordering::Greater
        }
    })
}

/// `x instanceof T(Type)`.
pub(crate) fn instance_of(left: &Value<'_>, right: &Value<'_>) -> EvalResult<bool> {
    let Value::Type(name) = right else {
        return Err(EvalError::eval(
            "EL1064E: Right operand for the 'instanceof' operator has to be a class",
        ));
    };
    let class = left.java_type();
    Ok(class == *name || (matches!(left, Value::Json(Json::Object(_))) && name.ends_with("Map")))
}
