//! [`ExecutionLog`]: an execution as one timestamped line per change, for CI logs and any
//! output that is not a terminal. Nothing is redrawn.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write as _;

use anstyle::{AnsiColor, Style};

use crate::engine::event::{Event, Reporter};
use crate::engine::record::{Execution, StageExecution};
use crate::engine::status::Status;

/// Where the log lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogTarget {
    /// Standard output (the log is the command's result).
    Stdout,
    /// Standard error (stdout is reserved for JSON).
    Stderr,
}

/// Prints a line whenever a stage or one of its tasks changes status.
pub(crate) struct ExecutionLog {
    target: LogTarget,
    color: bool,
    /// The last (stage status, task statuses) printed per stage id.
    seen: HashMap<String, (Status, Vec<Status>)>,
    names: HashMap<String, String>,
    /// Put before every stage name: the path of parent pipelines of a child execution.
    prefix: String,
}

impl ExecutionLog {
    /// A log writing to `target`, styled when `color` is set.
    pub(crate) fn new(target: LogTarget, color: bool) -> Self {
        Self {
            target,
            color,
            seen: HashMap::new(),
            names: HashMap::new(),
            prefix: String::new(),
        }
    }

    /// The log of a child execution, its stages shown under the parent's `pipeline` stage.
    #[must_use]
    pub(crate) fn nested_under(mut self, parent_stage: &str) -> Self {
        self.prefix = format!("`{parent_stage}` » ");
        self
    }

    fn write(&self, text: &str) {
        let choice = if self.color {
            anstream::ColorChoice::AlwaysAnsi
        } else {
            anstream::ColorChoice::Never
        };
        // The log is best effort: a closed pipe must not stop the execution.
        match self.target {
            LogTarget::Stdout => {
                let _ = anstream::AutoStream::new(std::io::stdout().lock(), choice)
                    .write_all(text.as_bytes());
            }
            LogTarget::Stderr => {
                let _ = anstream::AutoStream::new(std::io::stderr().lock(), choice)
                    .write_all(text.as_bytes());
            }
        }
    }

    fn stage_lines(&mut self, stage: &StageExecution) -> String {
        let tasks: Vec<Status> = stage.tasks.iter().map(|task| task.status).collect();
        let previous = self
            .seen
            .insert(stage.id.clone(), (stage.status, tasks.clone()));
        let mut text = String::new();
        let label = self.label(stage);
        let now = timestamp(None);
        if previous.as_ref().map(|(status, _)| *status) != Some(stage.status) {
            let style = status_style(stage.status);
            let _ = write!(text, "{now} stage {label} {style}{}{style:#}", stage.status);
            if let (Some(start), Some(end)) = (stage.start_time, stage.end_time) {
                let _ = write!(text, " in {}", seconds(end.saturating_sub(start)));
            }
            text.push('\n');
            if (stage.status.is_halt() || stage.status == Status::FailedContinue)
                && let Some(error) = error_of(stage)
            {
                let _ = writeln!(text, "{now}   error: {error}");
            }
            if previous.is_none() || stage.status == Status::Running {
                for failure in failed_expressions(stage) {
                    let _ = writeln!(text, "{now}   {failure}");
                }
            }
        }
        let before = previous.map(|(_, tasks)| tasks).unwrap_or_default();
        for (index, task) in stage.tasks.iter().enumerate() {
            let changed = before.get(index) != Some(&task.status);
            if changed && task.status != Status::NotStarted && stage.tasks.len() > 1 {
                let _ = writeln!(text, "{now}   task {} {}", task.name, task.status);
            }
        }
        text
    }

    fn label(&mut self, stage: &StageExecution) -> String {
        let label = match stage
            .parent_stage_id
            .as_ref()
            .and_then(|parent| self.names.get(parent))
        {
            Some(parent) => format!("{}`{parent}` › `{}`", self.prefix, stage.name),
            None => format!("{}`{}`", self.prefix, stage.name),
        };
        self.names.insert(stage.id.clone(), stage.name.clone());
        label
    }
}

impl Reporter for ExecutionLog {
    fn report(&mut self, event: &Event) {
        let text = match event {
            Event::ExecutionStarted(execution) => {
                for stage in &execution.stages {
                    self.names.insert(stage.id.clone(), stage.name.clone());
                }
                let resumed = execution
                    .stages
                    .iter()
                    .any(|stage| stage.status != Status::NotStarted);
                format!(
                    "{} execution {} of `{}` {} by {}\n",
                    timestamp(if resumed { None } else { execution.start_time }),
                    execution.id,
                    execution.name.as_deref().unwrap_or("pipeline"),
                    if resumed {
                        "resumed, first started"
                    } else {
                        "started"
                    },
                    trigger_text(execution)
                )
            }
            Event::StageChanged(stage) => self.stage_lines(stage),
            Event::ExecutionFinished(execution) => finished_line(execution, self.color),
        };
        if !text.is_empty() {
            self.write(&text);
        }
    }
}

fn finished_line(execution: &Execution, color: bool) -> String {
    let style = if color {
        status_style(execution.status)
    } else {
        Style::new()
    };
    let duration = match (execution.start_time, execution.end_time) {
        (Some(start), Some(end)) => format!(" in {}", seconds(end.saturating_sub(start))),
        _ => String::new(),
    };
    let mut text = format!(
        "{} execution {} {style}{}{style:#}{duration}\n",
        timestamp(execution.end_time),
        execution.id,
        execution.status
    );
    if let Some(reason) = &execution.cancellation_reason {
        let _ = writeln!(
            text,
            "  canceled by {}: {reason}",
            execution.canceled_by.as_deref().unwrap_or("someone")
        );
    }
    text
}

/// How the trigger reads: `manual trigger by alice`.
pub(crate) fn trigger_text(execution: &Execution) -> String {
    let kind = execution
        .trigger
        .get("type")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("manual");
    let user = execution
        .trigger
        .get("user")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("[anonymous]");
    format!("{kind} trigger ({user})")
}

/// The expressions of a stage that failed to evaluate, one line each, from Orca's
/// `expressionEvaluationSummary`.
pub(crate) fn failed_expressions(stage: &StageExecution) -> Vec<String> {
    let Some(summary) = stage
        .context
        .get("expressionEvaluationSummary")
        .and_then(serde_json::Value::as_object)
    else {
        return Vec::new();
    };
    summary
        .iter()
        .flat_map(|(expression, entries)| {
            entries.as_array().into_iter().flatten().map(move |entry| {
                let level = entry
                    .get("level")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("ERROR");
                let description = entry
                    .get("description")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or_default();
                format!(
                    "expression `{expression}` {}: {description}",
                    if level == "INFO" {
                        "unresolved"
                    } else {
                        "failed"
                    }
                )
            })
        })
        .collect()
}

/// The failure message Orca keeps in `context.exception.details.error`.
pub(crate) fn error_of(stage: &StageExecution) -> Option<String> {
    let details = stage.context.get("exception")?.get("details")?;
    details
        .get("error")
        .and_then(serde_json::Value::as_str)
        .map(ToOwned::to_owned)
}

/// The colour of a status.
pub(crate) fn status_style(status: Status) -> Style {
    match status {
        Status::Succeeded => AnsiColor::Green.on_default(),
        Status::Running | Status::Suspended => AnsiColor::Cyan.on_default(),
        Status::Terminal | Status::Canceled => AnsiColor::Red.on_default().bold(),
        Status::Stopped | Status::FailedContinue => AnsiColor::Yellow.on_default(),
        Status::Skipped | Status::NotStarted => Style::new().dimmed(),
    }
}

/// Milliseconds as seconds with one decimal, e.g. `2.0s`.
pub(crate) fn seconds(milliseconds: u64) -> String {
    format!("{}.{}s", milliseconds / 1000, milliseconds % 1000 / 100)
}

/// An epoch-millisecond time (or now) as RFC 3339 UTC with milliseconds.
pub(crate) fn timestamp(milliseconds: Option<u64>) -> String {
    let time = match milliseconds.and_then(|ms| i64::try_from(ms).ok()) {
        Some(ms) => {
            jiff::Timestamp::from_millisecond(ms).unwrap_or_else(|_| jiff::Timestamp::now())
        }
        None => jiff::Timestamp::now(),
    };
    format!("{time:.3}")
}
