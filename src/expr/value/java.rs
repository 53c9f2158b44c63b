//! Java's spellings of numbers (`Double.toString`, `Float.toString`, their JSON) and
//! `hashCode()` of values.

use serde_json::Value as Json;

use super::Value;

/// A double in JSON; NaN and infinities become their Java names as strings (JSON has none).
pub(crate) fn double_json(value: f64) -> Json {
    serde_json::Number::from_f64(value)
        .map_or_else(|| Json::String(java_double(value)), Json::Number)
}

/// A float in JSON with the digits Java prints for it (`0.1`, not `0.10000000149011612`).
pub(crate) fn float_json(value: f32) -> Json {
    let widened: f64 = value.to_string().parse().unwrap_or(f64::from(value));
    serde_json::Number::from_f64(widened)
        .map_or_else(|| Json::String(java_float(value)), Json::Number)
}

/// Java's `Double.toString`.
pub(crate) fn java_double(value: f64) -> String {
    java_real(
        value.is_nan(),
        value.is_infinite(),
        value < 0.0,
        value.abs(),
        &format!("{:e}", value.abs()),
    )
}

/// Java's `Float.toString`.
pub(crate) fn java_float(value: f32) -> String {
    java_real(
        value.is_nan(),
        value.is_infinite(),
        value < 0.0,
        f64::from(value.abs()),
        &format!("{:e}", value.abs()),
    )
}

/// Formats a real from its shortest scientific digits (`1.5e3`) the way Java does: plain
/// notation with at least one decimal between 10^-3 and 10^7, `1.0E10` style otherwise.
fn java_real(
    nan: bool,
    infinite: bool,
    negative: bool,
    magnitude: f64,
    scientific: &str,
) -> String {
    if nan {
        return "NaN".to_owned();
    }
    let sign = if negative { "-" } else { "" };
    if infinite {
        return format!("{sign}Infinity");
    }
    if magnitude == 0.0 {
        return format!("{sign}0.0");
    }
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if (1e-3..1e7).contains(&magnitude) {
        let point = exponent + 1;
        let text = if point <= 0 {
            format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
        } else {
            let point = usize::try_from(point).unwrap_or(0);
            if digits.len() > point {
                format!("{}.{}", &digits[..point], &digits[point..])
            } else {
                format!("{digits}{}.0", "0".repeat(point - digits.len()))
            }
        };
        return format!("{sign}{text}");
    }
    let fraction = if digits.len() > 1 { &digits[1..] } else { "0" };
    format!("{sign}{}.{fraction}E{exponent}", &digits[..1])
}

/// Java's `hashCode()` of a value (`List`, `Map`, `String`, boxed numbers).
pub(crate) fn java_hash(value: &Value<'_>) -> i32 {
    match value {
        Value::Null => 0,
        Value::Bool(b) => {
            if *b {
                1231
            } else {
                1237
            }
        }
        Value::Int(v) => *v,
        Value::Long(v) => (v ^ (v >> 32)) as i32,
        Value::Float(v) => v.to_bits().cast_signed(),
        Value::Double(v) => {
            let bits = v.to_bits();
            (bits ^ (bits >> 32)) as i32
        }
        Value::Char(c) => i32::try_from(u32::from(*c)).unwrap_or(0),
        Value::Str(text) => string_hash(text),
        _ => {
            if let Some(items) = value.list_items() {
                return items.iter().fold(1i32, |hash, item| {
                    hash.wrapping_mul(31).wrapping_add(java_hash(item))
                });
            }
            if let Some(entries) = value.map_entries() {
                return entries.iter().fold(0i32, |hash, (key, item)| {
                    hash.wrapping_add(string_hash(key) ^ java_hash(item))
                });
            }
            string_hash(&value.java_string())
        }
    }
}

/// Java's `String.hashCode`.
fn string_hash(text: &str) -> i32 {
    text.encode_utf16().fold(0i32, |hash, unit| {
        hash.wrapping_mul(31).wrapping_add(i32::from(unit))
    })
}
