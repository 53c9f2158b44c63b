//! `label_selector` filtering (concepts/_filters, labels): `key=value`, `key==value`,
//! `key!=value`, `key`, `!key`, `key in (a,b)`, `key notin (a,b)`; requirements joined by
//! commas must all hold.

use serde_json::Value;

use super::error::ApiError;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Requirement {
    Exists(String),
    Absent(String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
}

/// A parsed label selector; the default selects everything.
#[derive(Clone, Debug, Default)]
pub(crate) struct LabelSelector {
    requirements: Vec<Requirement>,
}

impl LabelSelector {
    pub(crate) fn parse(text: &str) -> Result<Self, ApiError> {
        let mut requirements = Vec::new();
        for part in split_outside_parentheses(text) {
            let part = part.trim();
            if part.is_empty() {
                return Err(invalid(text));
            }
            requirements.push(parse_requirement(part).ok_or_else(|| invalid(text))?);
        }
        Ok(Self { requirements })
    }

    pub(crate) fn matches(&self, labels: Option<&Value>) -> bool {
        let get = |key: &str| {
            labels
                .and_then(|labels| labels.get(key))
                .and_then(Value::as_str)
        };
        self.requirements
            .iter()
            .all(|requirement| match requirement {
                Requirement::Exists(key) => get(key).is_some(),
                Requirement::Absent(key) => get(key).is_none(),
                Requirement::In(key, values) => {
                    get(key).is_some_and(|found| values.iter().any(|value| value == found))
                }
                Requirement::NotIn(key, values) => {
                    get(key).is_none_or(|found| values.iter().all(|value| value != found))
                }
            })
    }
}

fn invalid(text: &str) -> ApiError {
    ApiError::bad_query(format!(
        "The query parameter is invalid: Invalid label_selector value: '{text}'"
    ))
}

fn split_outside_parentheses(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0_i32;
    let mut start = 0;
    for (index, character) in text.char_indices() {
        match character {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

fn parse_set(text: &str) -> Option<Vec<String>> {
    let inner = text.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(
        inner
            .split(',')
            .map(|value| value.trim().to_owned())
            .collect(),
    )
}

fn parse_requirement(part: &str) -> Option<Requirement> {
    if let Some(key) = part.strip_prefix('!') {
        return Some(Requirement::Absent(key.trim().to_owned()));
    }
    if let Some((key, value)) = part.split_once("!=") {
        return Some(Requirement::NotIn(
            key.trim().to_owned(),
            vec![value.trim().to_owned()],
        ));
    }
    if let Some((key, value)) = part.split_once("==").or_else(|| part.split_once('=')) {
        return Some(Requirement::In(
            key.trim().to_owned(),
            vec![value.trim().to_owned()],
        ));
    }
    if let Some((key, set)) = part.split_once(" notin ") {
        return Some(Requirement::NotIn(key.trim().to_owned(), parse_set(set)?));
    }
    if let Some((key, set)) = part.split_once(" in ") {
        return Some(Requirement::In(key.trim().to_owned(), parse_set(set)?));
    }
    if part.contains([' ', '(', ')']) {
        return None;
    }
    Some(Requirement::Exists(part.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn selects_by_equality_sets_and_existence() {
        let labels = json!({"env": "prod", "tier": "web"});
        let matches = |text: &str| LabelSelector::parse(text).unwrap().matches(Some(&labels));
        assert!(matches("env=prod"));
        assert!(matches("env in (dev,prod),tier"));
        assert!(!matches("env notin (prod)"));
        assert!(matches("!missing,tier!=api"));
        assert!(!matches("env=dev"));
    }

    #[test]
    fn rejects_malformed_selectors() {
        assert_eq!(LabelSelector::parse("env in prod").unwrap_err().code, 10005);
        assert_eq!(LabelSelector::parse("a,,b").unwrap_err().code, 10005);
    }
}
