//! kork's always-present helpers: `#toJson`, `#doNotEval`, the `#to…` conversions, base64,
//! `#alphanumerical`, `#fetchReference`, and Orca's `#readJson`/`#readYaml`/`#readAllYaml`.

use std::rc::Rc;

use base64::Engine as _;
use serde_json::Value as Json;

use super::{Failure, HelperResult, text};
use crate::expr::error::EvalResult;
use crate::expr::value::Value;

pub(super) fn call<'a>(name: &str, args: &[Value<'a>]) -> EvalResult<HelperResult<'a>> {
    if name == "toJson" {
        return Ok(to_json(&args[0]));
    }
    if name == "doNotEval" {
        return Ok(Ok(Value::NotEvaluable(Rc::new(args[0].clone()))));
    }
    let input = text(args, 0)?;
    Ok(match name {
        "toInt" => to_int(input.as_deref()),
        "toFloat" => to_float(input.as_deref()),
        "toBoolean" => Ok(Value::Bool(
            input.is_some_and(|t| t.eq_ignore_ascii_case("true")),
        )),
        "fetchReference" => Ok(input.map_or(Value::Null, Value::string)),
        _ => {
            let Some(input) = input else {
                return Ok(Err(Failure::new("java.lang.NullPointerException")));
            };
            match name {
                "toBase64" => Ok(Value::string(
                    base64::engine::general_purpose::STANDARD.encode(input.as_bytes()),
                )),
                "fromBase64" => from_base64(&input),
                "alphanumerical" => Ok(Value::string(
                    input
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .collect::<String>(),
                )),
                "readJson" => read_json(&input),
                "readYaml" => read_yaml(&input),
                _ => read_all_yaml(&input),
            }
        }
    })
}

/// `#toJson`: compact JSON; refuses output containing `${` unless wrapped in `#doNotEval`.
pub(crate) fn to_json<'a>(value: &Value<'a>) -> HelperResult<'a> {
    use crate::expr::eval::{MAX_VALUE_DEPTH, MAX_VALUE_NODES};
    if value.too_large(MAX_VALUE_NODES, MAX_VALUE_DEPTH) {
        return Err(Failure::new("#toJson refuses a value this large"));
    }
    if let Value::NotEvaluable(inner) = value {
        return Ok(Value::string(inner.to_json().to_string()));
    }
    let converted = value.to_json().to_string();
    if converted.contains("${") {
        return Err(Failure::caused(
            format!("#toJson({}) failed", value.java_string()),
            "result for toJson cannot contain an expression",
        ));
    }
    Ok(Value::string(converted))
}

fn to_int<'a>(input: Option<&str>) -> HelperResult<'a> {
    let input = input.ok_or_else(|| Failure::new("null"))?;
    // Integer.valueOf accepts an optional sign and decimal digits, nothing else.
    let valid = !input.is_empty()
        && input.trim_start_matches(['+', '-']).len() + 1 >= input.len()
        && input
            .trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit())
        && !input.trim_start_matches(['+', '-']).is_empty();
    let parsed = if valid {
        input.parse::<i32>().ok()
    } else {
        None
    };
    parsed
        .map(Value::Int)
        .ok_or_else(|| Failure::new(format!("For input string: \"{input}\"")))
}

fn to_float<'a>(input: Option<&str>) -> HelperResult<'a> {
    let input = input.ok_or_else(|| Failure::new("java.lang.NullPointerException"))?;
    // Float.valueOf trims whitespace and accepts a trailing f/F/d/D type suffix.
    let trimmed = input.trim_matches(|c: char| c <= ' ');
    let body = trimmed
        .strip_suffix(['f', 'F', 'd', 'D'])
        .unwrap_or(trimmed);
    let numeric = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
        && body.chars().any(|c| c.is_ascii_digit());
    let parsed = match body {
        "NaN" | "+NaN" | "-NaN" => Some(f32::NAN),
        "Infinity" | "+Infinity" => Some(f32::INFINITY),
        "-Infinity" => Some(f32::NEG_INFINITY),
        _ if numeric => body.parse::<f32>().ok(),
        _ => None,
    };
    parsed
        .map(Value::Float)
        .ok_or_else(|| Failure::new(format!("For input string: \"{input}\"")))
}

fn from_base64<'a>(input: &str) -> HelperResult<'a> {
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let bytes = engine
        .decode(input.as_bytes())
        .map_err(|error| Failure::new(format!("Illegal base64 input: {error}")))?;
    Ok(Value::string(String::from_utf8_lossy(&bytes).into_owned()))
}

fn read_json<'a>(input: &str) -> HelperResult<'a> {
    let failed = |cause: String| Failure::caused(format!("#readJson({input}) failed"), cause);
    // Jackson reads the first value and ignores what follows, as `readValue` does by default.
    let first = serde_json::Deserializer::from_str(input)
        .into_iter::<Json>()
        .next()
        .ok_or_else(|| failed("No content to map due to end-of-input".into()))?
        .map_err(|error| failed(error.to_string()))?;
    let wants_list = input.starts_with('[');
    match (&first, wants_list) {
        (Json::Array(_), true) | (Json::Object(_), false) => Ok(Value::from_owned_json(&first)),
        _ => Err(failed(format!(
            "Cannot deserialize value of type `java.util.{}` from {}",
            if wants_list {
                "ArrayList"
            } else {
                "LinkedHashMap"
            },
            json_kind(&first)
        ))),
    }
}

fn json_kind(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "Boolean value",
        Json::Number(_) => "Number value",
        Json::String(_) => "String value",
        Json::Array(_) => "Array value",
        Json::Object(_) => "Object value",
    }
}

/// Converts YAML to JSON, refusing custom tags as `SnakeYAML`'s `SafeConstructor` does.
fn yaml_to_json(yaml: serde_norway::Value) -> Result<Json, String> {
    Ok(match yaml {
        serde_norway::Value::Null => Json::Null,
        serde_norway::Value::Bool(b) => Json::Bool(b),
        serde_norway::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Json::Null, Json::Number)
            }
        }
        serde_norway::Value::String(s) => Json::String(s),
        serde_norway::Value::Sequence(items) => Json::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        serde_norway::Value::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (key, value) in map {
                let key = match key {
                    serde_norway::Value::String(s) => s,
                    other => match yaml_to_json(other)? {
                        Json::String(s) => s,
                        json => json.to_string(),
                    },
                };
                out.insert(key, yaml_to_json(value)?);
            }
            Json::Object(out)
        }
        serde_norway::Value::Tagged(tagged) => {
            return Err(format!(
                "could not determine a constructor for the tag {}",
                tagged.tag
            ));
        }
    })
}

/// Tags `SnakeYAML`'s `SafeConstructor` knows; any other explicit tag is refused.
const SAFE_TAGS: &[&str] = &[
    "!!str",
    "!!int",
    "!!float",
    "!!bool",
    "!!null",
    "!!map",
    "!!seq",
    "!!set",
    "!!omap",
    "!!pairs",
    "!!binary",
    "!!timestamp",
    "!!merge",
];

/// Finds an explicit tag other than the safe ones (`!!java.io.File`, `!custom`), outside quotes
/// and comments.
fn unsafe_tag(input: &str) -> Option<String> {
    for line in input.lines() {
        let chars: Vec<char> = line.chars().collect();
        let mut quote: Option<char> = None;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => {
                    let token_start = i == 0 || " \t[{,-:".contains(chars[i - 1]);
                    if c == '#' && token_start {
                        break;
                    }
                    if (c == '\'' || c == '"') && token_start {
                        quote = Some(c);
                    } else if c == '!' && token_start {
                        let tag: String = chars[i..]
                            .iter()
                            .take_while(|t| !t.is_whitespace() && !",]}".contains(**t))
                            .collect();
                        if !SAFE_TAGS.contains(&tag.as_str()) {
                            let full = tag.strip_prefix("!!").map_or_else(
                                || tag.clone(),
                                |rest| format!("tag:yaml.org,2002:{rest}"),
                            );
                            return Some(full);
                        }
                        i += tag.chars().count();
                        continue;
                    }
                }
            }
            i += 1;
        }
    }
    None
}

fn read_yaml<'a>(input: &str) -> HelperResult<'a> {
    let failed = |cause: String| Failure::caused(format!("#readYaml({input}) failed"), cause);
    if let Some(tag) = unsafe_tag(input) {
        return Err(failed(format!(
            "could not determine a constructor for the tag {tag}"
        )));
    }
    let yaml: serde_norway::Value =
        serde_norway::from_str(input).map_err(|e| failed(e.to_string()))?;
    let json = yaml_to_json(yaml).map_err(failed)?;
    Ok(Value::from_owned_json(&json))
}

fn read_all_yaml<'a>(input: &str) -> HelperResult<'a> {
    let failed = |cause: String| Failure::caused(format!("#readAllYaml({input}) failed"), cause);
    if let Some(tag) = unsafe_tag(input) {
        return Err(failed(format!(
            "could not determine a constructor for the tag {tag}"
        )));
    }
    let mut documents = Vec::new();
    for document in serde_norway::Deserializer::from_str(input) {
        let yaml = <serde_norway::Value as serde::Deserialize>::deserialize(document)
            .map_err(|e| failed(e.to_string()))?;
        documents.push(yaml_to_json(yaml).map_err(failed)?);
    }
    Ok(Value::from_owned_json(&Json::Array(documents)))
}
