//! [`Shape`]: a small schema language for stage fields, and the check that walks a value
//! against it. Expression strings (`${…}`) stand in for any scalar: they are evaluated when the
//! stage starts, so their type is only known then.

use serde_json::Value;

use crate::pipeline::json_path::JsonPath;
use crate::pipeline::load::kind_of;

/// The expected shape of a value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// Anything.
    Any,
    /// Text.
    String,
    /// `true` or `false`.
    Boolean,
    /// A number, or a string holding one (Orca's Long/Integer fields accept both).
    Number,
    /// A whole number, or a string holding one.
    Integer,
    /// One of the listed strings, compared case-insensitively.
    OneOf(&'static [&'static str]),
    /// An object with the listed fields (other members allowed).
    Object(&'static [Field]),
    /// An object whose every member has this shape.
    MapOf(&'static Shape),
    /// An array whose every element has this shape.
    ArrayOf(&'static Shape),
}

/// A named member of an object shape.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field {
    /// The member's name.
    pub(crate) name: &'static str,
    /// Its shape.
    pub(crate) shape: Shape,
    /// Whether it must be present (and not null).
    pub(crate) required: bool,
}

/// A required field.
pub(crate) const fn required(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

/// An optional field.
pub(crate) const fn optional(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

/// A value that does not have the shape it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShapeProblem {
    /// Where.
    pub(crate) path: JsonPath,
    /// What is wrong.
    pub(crate) message: String,
    /// What to do.
    pub(crate) hint: Option<String>,
}

/// Whether a string is a pipeline expression to be evaluated later.
pub(crate) fn is_expression(text: &str) -> bool {
    text.contains("${")
}

/// Checks the members of `object` against `fields`, reporting every problem.
pub(crate) fn check_fields(
    object: &serde_json::Map<String, Value>,
    fields: &[Field],
    path: &JsonPath,
    problems: &mut Vec<ShapeProblem>,
) {
    for field in fields {
        let field_path = path.key(field.name);
        match object.get(field.name) {
            None | Some(Value::Null) if field.required => problems.push(ShapeProblem {
                path: field_path,
                message: format!("missing required field `{}`", field.name),
                hint: Some(format!(
                    "add `\"{}\"`: {}",
                    field.name,
                    describe(field.shape)
                )),
            }),
            None | Some(Value::Null) => {}
            Some(value) => check(value, field.shape, &field_path, problems),
        }
    }
}

/// Checks one value against a shape.
pub(crate) fn check(
    value: &Value,
    shape: Shape,
    path: &JsonPath,
    problems: &mut Vec<ShapeProblem>,
) {
    if let Value::String(text) = value
        && is_expression(text)
        && !matches!(
            shape,
            Shape::Object(_) | Shape::MapOf(_) | Shape::ArrayOf(_)
        )
    {
        return;
    }
    let fits = match (shape, value) {
        (Shape::Any, _)
        | (Shape::String, Value::String(_))
        | (Shape::Boolean, Value::Bool(_))
        | (Shape::Number, Value::Number(_)) => true,
        (Shape::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
        (Shape::Number, Value::String(text)) => text.trim().parse::<f64>().is_ok(),
        (Shape::Integer, Value::String(text)) => text.trim().parse::<i64>().is_ok(),
        (Shape::OneOf(choices), Value::String(text)) => {
            if !choices
                .iter()
                .any(|choice| choice.eq_ignore_ascii_case(text))
            {
                problems.push(ShapeProblem {
                    path: path.clone(),
                    message: format!("`{text}` is not one of {}", list(choices)),
                    hint: nearest(text, choices).map(|near| format!("did you mean `{near}`?")),
                });
            }
            true
        }
        (Shape::Object(fields), Value::Object(object)) => {
            check_fields(object, fields, path, problems);
            true
        }
        (Shape::MapOf(inner), Value::Object(object)) => {
            for (key, member) in object {
                check(member, *inner, &path.key(key), problems);
            }
            true
        }
        (Shape::ArrayOf(inner), Value::Array(items)) => {
            for (index, item) in items.iter().enumerate() {
                check(item, *inner, &path.index(index), problems);
            }
            true
        }
        _ => false,
    };
    if !fits {
        let hint = match (shape, value) {
            (Shape::Boolean, Value::String(text)) if matches!(text.as_str(), "true" | "false") => {
                Some(format!(
                    "write {text} without quotes: Spinnaker treats the string \"{text}\" as false"
                ))
            }
            _ => None,
        };
        problems.push(ShapeProblem {
            path: path.clone(),
            message: format!("expected {}, found {}", describe(shape), kind_of(value)),
            hint,
        });
    }
}

/// How a shape is named in messages.
pub(crate) fn describe(shape: Shape) -> String {
    match shape {
        Shape::Any => "any value".to_owned(),
        Shape::String => "a string".to_owned(),
        Shape::Boolean => "a boolean".to_owned(),
        Shape::Number => "a number, a numeric string or an expression".to_owned(),
        Shape::Integer => "a whole number, a numeric string or an expression".to_owned(),
        Shape::OneOf(choices) => format!("one of {}", list(choices)),
        Shape::Object(_) | Shape::MapOf(_) => "an object".to_owned(),
        Shape::ArrayOf(_) => "an array".to_owned(),
    }
}

fn list(choices: &[&str]) -> String {
    choices
        .iter()
        .map(|choice| format!("`{choice}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate closest to `wanted`, if any is close enough to be a likely typo.
pub(crate) fn nearest<'a>(wanted: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let wanted_lower = wanted.to_ascii_lowercase();
    candidates
        .iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&wanted_lower, &candidate.to_ascii_lowercase()),
                *candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}
