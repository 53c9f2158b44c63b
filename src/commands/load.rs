//! Loading the one pipeline a command works on: read, select, validate, and print the
//! problems, so `plan` and `run` refuse a broken pipeline the same way.

use std::path::Path;

use crate::cli::PipelineSelector;
use crate::commands::validate::located;
use crate::exit_status::{ExitStatus, StatusError};
use crate::pipeline::model::Pipeline;
use crate::pipeline::{self, Severity};
use crate::ui::{Printer, diagnostic};

/// The selected pipeline of `file`, if it has no errors; its problems are printed either way.
pub(crate) fn runnable_pipeline(
    file: &Path,
    selector: &PipelineSelector,
    printer: &Printer,
    verb: &str,
) -> anyhow::Result<Pipeline> {
    let loaded = pipeline::load::read(file).map_err(|error| {
        let hint = error.hint().map(ToOwned::to_owned);
        let status = StatusError::new(ExitStatus::InvalidInput, error.to_string());
        match hint {
            Some(hint) => status.with_hint(hint),
            None => status,
        }
    })?;
    let selector = pipeline::Selector {
        name: selector.pipeline.clone(),
        id: selector.pipeline_id.clone(),
    };
    let chosen = loaded.select(&selector).map_err(|error| {
        let status = StatusError::new(
            ExitStatus::InvalidInput,
            format!("cannot {verb} `{}`: {error}", file.display()),
        );
        match error {
            pipeline::SelectError::Load(_) => status,
            _ => status.with_hint("pass `--pipeline NAME` or `--pipeline-id ID`"),
        }
    })?;
    let problems = pipeline::validate(&loaded, &chosen);
    for problem in &problems {
        printer.err(&diagnostic::render_problem(&located(problem)));
    }
    let errors = problems
        .iter()
        .filter(|problem| problem.severity == Severity::Error)
        .count();
    if errors > 0 {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "`{}` has {errors} problem(s); fix them before you {verb} it",
                file.display()
            ),
        )
        .into());
    }
    Ok(chosen)
}
