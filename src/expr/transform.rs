//! Orca's `ExpressionTransform`: walks a JSON value (keys too), evaluates every string that
//! contains `${`, keeps the original string when anything fails, and records failures in the
//! summary under Orca's keys.

use std::collections::BTreeSet;
use std::rc::Rc;

use serde_json::{Map, Value as Json};

use super::ast::Node;
use super::error::{ErrorKind, EvalError};
use super::eval::{Assigned, Env, Machine};
use super::parser;
use super::root::Root;
use super::summary::{Failure, Level, Summary, SummaryEntry};
use super::template::{self, Part};
use super::value::Value;

/// One part of a parsed template.
#[derive(Debug)]
pub(crate) enum CompiledPart {
    Literal(String),
    Expr {
        text: String,
        start: usize,
        node: Node,
    },
}

/// A template string, parsed once and cached.
#[derive(Debug)]
pub(crate) struct Compiled {
    /// The string after Orca's `#fn(` rewrite.
    pub(crate) preprocessed: String,
    /// The parts, or why parsing failed (message and position in the original string).
    pub(crate) parts: Result<Vec<CompiledPart>, (String, usize)>,
}

impl Compiled {
    /// Parses `source` as Orca would (after its rewrite), checking each expression's length.
    pub(crate) fn new(source: &str, max_length: usize) -> Self {
        let preprocessed = template::preprocess(source);
        let parts = compile_parts(source, &preprocessed, max_length);
        Self {
            preprocessed,
            parts,
        }
    }

    /// Whether the string is exactly one `${…}` (its result keeps its type).
    fn single(&self) -> bool {
        matches!(&self.parts, Ok(parts) if parts.len() == 1 && matches!(parts[0], CompiledPart::Expr { .. }))
    }

    /// Orca's summary key: the expression texts, concatenated.
    fn escaped(&self, source: &str) -> String {
        match &self.parts {
            Ok(parts) => parts
                .iter()
                .map(|part| match part {
                    // A composite's key is every part's text, literals included.
                    CompiledPart::Expr { text, .. } | CompiledPart::Literal(text) => text.as_str(),
                })
                .collect(),
            Err(_) => template::escape_unparsed(source),
        }
    }
}

fn compile_parts(
    source: &str,
    preprocessed: &str,
    max_length: usize,
) -> Result<Vec<CompiledPart>, (String, usize)> {
    let detailed = |text: &str, position: usize, message: &str| {
        format!("Expression [{text}] @{position}: {message}")
    };
    let parts = template::scan(preprocessed).map_err(|error| {
        (
            detailed(preprocessed, error.position, &error.message),
            error.position.min(source.chars().count()),
        )
    })?;
    // Positions are reported in the string as written; the rewrite only lengthens expressions.
    let original_starts: Vec<usize> = template::scan(source)
        .map(|original| {
            original
                .iter()
                .filter_map(|part| match part {
                    Part::Expr { start, .. } => Some(*start),
                    Part::Literal(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let mut compiled = Vec::with_capacity(parts.len());
    let mut index = 0;
    for part in parts {
        match part {
            Part::Literal(text) => compiled.push(CompiledPart::Literal(text)),
            Part::Expr { text, start } => {
                let start = original_starts.get(index).copied().unwrap_or(start);
                index += 1;
                if text.chars().count() > max_length {
                    return Err((
                        format!(
                            "EL1076E: SpEL expression is too long, exceeding the threshold of '{max_length}' characters"
                        ),
                        start,
                    ));
                }
                let node = parser::parse(&text)
                    .map_err(|error| (detailed(&text, error.position, &error.message), start))?;
                compiled.push(CompiledPart::Expr { text, start, node });
            }
        }
    }
    Ok(compiled)
}

/// Walks values and evaluates their strings against one root.
pub(crate) struct Transformer<'r, 'e> {
    pub(crate) root: &'r Root,
    pub(crate) env: &'e Env<'e>,
    /// Names assigned by expressions; later strings of the same value see them, as in Orca.
    pub(crate) assigned: &'e Assigned<'r>,
    pub(crate) compile: &'e dyn Fn(&str) -> Rc<Compiled>,
    pub(crate) summary: Summary,
}

impl Transformer<'_, '_> {
    /// Transforms a map: keys and values, recursively.
    pub(crate) fn map(&mut self, source: &Map<String, Json>) -> Map<String, Json> {
        let mut result = Map::with_capacity(source.len());
        for (key, value) in source {
            let key = match self.string(key, Some(source)) {
                Json::String(text) => text,
                other => key_text(&other),
            };
            let value = match value {
                Json::Object(inner) => Json::Object(self.map(inner)),
                Json::Array(items) => Json::Array(self.list(items, source)),
                other => self.scalar(other, Some(source)),
            };
            result.insert(key, value);
        }
        result
    }

    /// Transforms a list whose strings are attributed to the keys of `parent`.
    pub(crate) fn list(&mut self, source: &[Json], parent: &Map<String, Json>) -> Vec<Json> {
        source
            .iter()
            .map(|item| match item {
                Json::Object(inner) => Json::Object(self.map(inner)),
                Json::Array(items) => Json::Array(self.list(items, parent)),
                other => self.scalar(other, Some(parent)),
            })
            .collect()
    }

    /// Transforms a string or copies any other scalar.
    pub(crate) fn scalar(&mut self, value: &Json, parent: Option<&Map<String, Json>>) -> Json {
        match value {
            Json::String(text) => self.string(text, parent),
            other => other.clone(),
        }
    }

    /// Evaluates one string (only if it contains `${`).
    pub(crate) fn string(&mut self, source: &str, parent: Option<&Map<String, Json>>) -> Json {
        if !source.contains("${") {
            return Json::String(source.to_owned());
        }
        self.summary.total_evaluated += 1;
        let compiled = (self.compile)(source);
        let escaped = compiled.escaped(source);
        let parts = match &compiled.parts {
            Ok(parts) => parts,
            Err((message, position)) => {
                let error = EvalError::with_kind(ErrorKind::Parse, message.clone());
                self.record_error(source, &escaped, *position, &error, &compiled, parent);
                return Json::String(source.to_owned());
            }
        };
        let machine = Machine::new(self.root, self.env, self.assigned);
        if compiled.single() {
            let CompiledPart::Expr { node, start, .. } = &parts[0] else {
                return Json::String(source.to_owned());
            };
            return match machine.run(node) {
                Ok(Value::Null) => {
                    self.record_info(source, &escaped, *start, &compiled, parent);
                    Json::String(source.to_owned())
                }
                // Orca turns an ExecutionStatus result into its name; ours already are strings.
                Ok(value) => result_json(&value, self.root),
                Err(error) => {
                    self.record_error(source, &escaped, *start, &error, &compiled, parent);
                    Json::String(source.to_owned())
                }
            };
        }
        let mut out = String::new();
        let mut unresolved = None;
        for part in parts {
            match part {
                CompiledPart::Literal(text) => out.push_str(text),
                CompiledPart::Expr { text, start, node } => {
                    let converted = machine.run(node).and_then(|value| value.spring_string());
                    match converted {
                        Ok(Some(text)) => out.push_str(&text),
                        Ok(None) => {
                            out.push_str("${");
                            out.push_str(text);
                            out.push('}');
                            unresolved.get_or_insert(*start);
                        }
                        Err(error) => {
                            self.record_error(source, &escaped, *start, &error, &compiled, parent);
                            return Json::String(source.to_owned());
                        }
                    }
                }
            }
        }
        if let Some(start) = unresolved {
            self.record_info(source, &escaped, start, &compiled, parent);
        }
        Json::String(out)
    }

    fn fields(source: &str, compiled: &Compiled, parent: Option<&Map<String, Json>>) -> String {
        let keys = parent
            .map(|map| keys_holding(source, map))
            .unwrap_or_default();
        if keys.is_empty() {
            compiled.preprocessed.clone()
        } else {
            format!("[{}]", keys.into_iter().collect::<Vec<_>>().join(", "))
        }
    }

    fn record_error(
        &mut self,
        source: &str,
        escaped: &str,
        position: usize,
        error: &EvalError,
        compiled: &Compiled,
        parent: Option<&Map<String, Json>>,
    ) {
        let fields = Self::fields(source, compiled, parent);
        let description =
            format!("Failed to evaluate {fields} {}", error.description()).replace('$', "");
        let entry = SummaryEntry {
            level: Level::Error,
            description,
            exception_type: Some(error.kind.java_class().to_owned()),
        };
        let failure = Failure {
            expression: escaped.to_owned(),
            position,
            message: error.description(),
            level: Level::Error,
            source: source.to_owned(),
        };
        self.summary.add(escaped, entry, failure);
    }

    fn record_info(
        &mut self,
        source: &str,
        escaped: &str,
        position: usize,
        compiled: &Compiled,
        parent: Option<&Map<String, Json>>,
    ) {
        let fields = Self::fields(source, compiled, parent);
        let entry = SummaryEntry {
            level: Level::Info,
            description: format!("Failed to evaluate {fields} : {escaped} not found"),
            exception_type: None,
        };
        let failure = Failure {
            expression: escaped.to_owned(),
            position,
            message: format!("{escaped} not found"),
            level: Level::Info,
            source: source.to_owned(),
        };
        self.summary.add(escaped, entry, failure);
    }
}

/// The keys of `map` whose value holds `source` (kork's `getKeys`: maps are flattened, lists
/// are not looked into), sorted as Java's `TreeSet` sorts them.
fn keys_holding(source: &str, map: &Map<String, Json>) -> BTreeSet<String> {
    fn holds(value: &Json, source: &str) -> bool {
        match value {
            Json::String(text) => text == source,
            Json::Object(inner) => inner
                .iter()
                .any(|(key, value)| key == source || holds(value, source)),
            _ => false,
        }
    }
    map.iter()
        .filter(|(_, value)| holds(value, source))
        .map(|(key, _)| key.clone())
        .collect()
}

/// A typed result as JSON; `#root` becomes its map of names.
fn result_json(value: &Value<'_>, root: &Root) -> Json {
    match value {
        Value::Root => Json::Object(root.entries().clone()),
        other => other.to_json(),
    }
}

/// A map key from a typed result: Java's `toString()` of it.
fn key_text(json: &Json) -> String {
    match json {
        Json::String(text) => text.clone(),
        other => Value::from_json(other).java_string(),
    }
}
