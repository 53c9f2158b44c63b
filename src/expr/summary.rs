//! The evaluation summary, shaped like Orca's `expressionEvaluationSummary`: failures keyed by
//! the escaped expression, each with a level and a description.

use serde::Serialize;
use serde_json::{Map, Value as Json};

/// How bad a recorded failure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Level {
    /// The expression failed to parse or evaluate.
    Error,
    /// The expression resolved to null (nothing found).
    Info,
}

/// One entry under a summary key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct SummaryEntry {
    /// `ERROR` or `INFO`.
    pub(crate) level: Level,
    /// Orca's wording: `Failed to evaluate [keys] <reason>`, with every `$` removed.
    pub(crate) description: String,
    /// The Java exception class Orca would name (absent for INFO).
    pub(crate) exception_type: Option<String>,
}

/// A failure with its location, for people and tools (`gennaker expr eval`, `validate`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Failure {
    /// The summary key: the expression text (Orca's "escaped" form).
    pub(crate) expression: String,
    /// Character offset (0-based) of the failing `${` within the string it sits in.
    pub(crate) position: usize,
    /// Why it failed.
    pub(crate) message: String,
    /// `ERROR` or `INFO`.
    #[serde(skip)]
    pub(crate) level: Level,
    /// The whole string the expression sits in, as written.
    #[serde(skip)]
    pub(crate) source: String,
}

/// Everything that went wrong while evaluating one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    entries: Vec<(String, Vec<SummaryEntry>)>,
    failures: Vec<Failure>,
    /// How many strings containing `${` were evaluated.
    pub(crate) total_evaluated: usize,
}

impl Summary {
    /// Records a failure under `key` (identical entries are merged, as Orca's set does).
    pub(crate) fn add(&mut self, key: &str, entry: SummaryEntry, failure: Failure) {
        match self
            .entries
            .iter_mut()
            .find(|(existing, _)| existing == key)
        {
            Some((_, list)) => {
                if !list.contains(&entry) {
                    list.push(entry);
                }
            }
            None => self.entries.push((key.to_owned(), vec![entry])),
        }
        self.failures.push(failure);
    }

    /// Number of failures recorded (Orca's `failureCount`; INFO entries count too).
    pub(crate) fn failure_count(&self) -> usize {
        self.failures.len()
    }

    /// Whether nothing failed.
    pub(crate) fn is_empty(&self) -> bool {
        self.failures.is_empty()
    }

    /// The failures in the order they happened.
    pub(crate) fn failures(&self) -> &[Failure] {
        &self.failures
    }

    /// The summary as Orca stores it under `expressionEvaluationSummary`.
    #[allow(
        dead_code,
        reason = "the engine writes it into stage contexts; it lands after issue 3"
    )]
    pub(crate) fn to_json(&self) -> Json {
        let mut map = Map::new();
        for (key, list) in &self.entries {
            map.insert(
                key.clone(),
                serde_json::to_value(list).unwrap_or(Json::Null),
            );
        }
        Json::Object(map)
    }
}
