//! [`Diagnostic`]: one located problem found while loading or validating a pipeline file.

use std::path::Path;

use serde::Serialize;

use crate::pipeline::json_path::JsonPath;
use crate::pipeline::source_map::Position;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Severity {
    /// The pipeline cannot run as written.
    Error,
    /// The pipeline runs, but probably not as meant.
    Warning,
}

/// A problem, with where it is and what to do about it. Serialised as the objects of
/// `gennaker validate --output json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Diagnostic {
    /// The file, as given on the command line.
    pub(crate) file: String,
    /// 1-based line of the offending value.
    pub(crate) line: usize,
    /// 1-based column, in characters.
    pub(crate) column: usize,
    /// JSON path of the offending value, e.g. `stages[2].requisiteStageRefIds[0]`.
    pub(crate) path: String,
    /// The name of the stage the problem belongs to, if any.
    pub(crate) stage: Option<String>,
    /// Error or warning.
    pub(crate) severity: Severity,
    /// What is wrong, lowercase, no trailing period.
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) hint: Option<String>,
}

impl Diagnostic {
    /// An error at `position` of `file`.
    pub(crate) fn error(file: &Path, position: Position, path: &JsonPath, message: String) -> Self {
        Self {
            file: file.display().to_string(),
            line: position.line,
            column: position.column,
            path: path.to_string(),
            stage: None,
            severity: Severity::Error,
            message,
            hint: None,
        }
    }

    /// Marks the diagnostic as a warning.
    #[must_use]
    pub(crate) fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Names the stage the problem belongs to.
    #[must_use]
    pub(crate) fn in_stage(mut self, stage: Option<&str>) -> Self {
        self.stage = stage.map(ToOwned::to_owned);
        self
    }

    /// Adds what to do about it.
    #[must_use]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:column`.
    pub(crate) fn location(&self) -> String {
        format!("{}:{}:{}", self.file, self.line, self.column)
    }
}
