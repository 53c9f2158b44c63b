//! Renders errors and located problems: `error: …`, `caused by: …`, `hint: …`.

use std::fmt::Write;

use anstyle::{AnsiColor, Style};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const HINT: Style = AnsiColor::Cyan.on_default().bold();
const DIM: Style = Style::new().dimmed();

/// How serious a located problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    /// The input cannot be used.
    Error,
    /// The input works but is probably not what was meant.
    Warning,
}

/// One located problem, in the terms the terminal shows.
#[derive(Debug, Clone)]
pub(crate) struct LocatedProblem {
    /// `file:line:column`.
    pub(crate) location: String,
    /// The JSON path, e.g. `stages[2].requisiteStageRefIds[0]`; empty for the whole document.
    pub(crate) path: String,
    /// The stage's name, when the problem belongs to a stage.
    pub(crate) stage: Option<String>,
    /// Error or warning.
    pub(crate) severity: Severity,
    /// What is wrong.
    pub(crate) message: String,
    /// What to do about it.
    pub(crate) hint: Option<String>,
}

/// Formats an error chain once: the error, each cause, then the hint.
pub(crate) fn render_error(messages: &[String], hint: Option<&str>) -> String {
    let mut text = String::new();
    let mut iter = messages.iter();
    if let Some(first) = iter.next() {
        let _ = writeln!(text, "{ERROR}error{ERROR:#}: {first}");
    }
    for cause in iter {
        let _ = writeln!(text, "  {DIM}caused by:{DIM:#} {cause}");
    }
    if let Some(hint) = hint {
        let _ = writeln!(text, "  {HINT}hint{HINT:#}: {hint}");
    }
    text
}

/// Formats a located problem as a compiler would: location first, then message, then context.
pub(crate) fn render_problem(problem: &LocatedProblem) -> String {
    let (style, label) = match problem.severity {
        Severity::Error => (ERROR, "error"),
        Severity::Warning => (WARNING, "warning"),
    };
    let mut text = format!(
        "{}: {style}{label}{style:#}: {}\n",
        problem.location, problem.message
    );
    let mut where_ = Vec::new();
    if !problem.path.is_empty() {
        where_.push(format!("at `{}`", problem.path));
    }
    if let Some(stage) = &problem.stage {
        where_.push(format!("in stage `{stage}`"));
    }
    if !where_.is_empty() {
        let _ = writeln!(text, "  {DIM}{}{DIM:#}", where_.join(" "));
    }
    if let Some(hint) = &problem.hint {
        let _ = writeln!(text, "  {HINT}hint{HINT:#}: {hint}");
    }
    text
}
