//! `gennaker validate FILE...`: every problem of every file, located, in one pass.

use crate::cli::{OutputFormat, PipelineSelector, ValidateArgs};
use crate::commands::Context;
use crate::exit_status::ExitStatus;
use crate::pipeline::{self, Diagnostic, Severity};
use crate::ui::diagnostic::{self as render, LocatedProblem};

/// Validates each file and reports what it found; exit 2 when any error was found.
pub(crate) fn run(args: &ValidateArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let mut diagnostics = Vec::new();
    let mut summaries = Vec::new();
    for path in &args.files {
        let (found, summary) = validate_file(path, &args.selector);
        summaries.push(summary);
        diagnostics.extend(found);
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diagnostics.len() - errors;
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(&diagnostics)?;
    } else {
        for diagnostic in &diagnostics {
            printer.err(&render::render_problem(&located(diagnostic)));
        }
        for summary in summaries.iter().flatten() {
            printer.note(&format!("{summary}\n"));
        }
        if errors + warnings > 0 {
            printer.note(&format!("{errors} error(s), {warnings} warning(s)\n"));
        }
    }
    Ok(if errors > 0 {
        ExitStatus::InvalidInput
    } else {
        ExitStatus::Success
    })
}

/// Diagnostics for one file, and a one-line summary when it loaded.
pub(crate) fn validate_file(
    path: &std::path::Path,
    selector: &PipelineSelector,
) -> (Vec<Diagnostic>, Option<String>) {
    let file = match pipeline::load::read(path) {
        Ok(file) => file,
        Err(error) => return (vec![error.to_diagnostic()], None),
    };
    let pipelines = if selector.pipeline.is_some() || selector.pipeline_id.is_some() {
        let selector = pipeline::Selector {
            name: selector.pipeline.clone(),
            id: selector.pipeline_id.clone(),
        };
        file.select(&selector)
            .map(|pipeline| vec![pipeline])
            .map_err(|error| match error {
                pipeline::SelectError::Load(error) => error.to_diagnostic(),
                other => selection_diagnostic(path, &other),
            })
    } else {
        file.pipelines().map_err(|error| error.to_diagnostic())
    };
    let pipelines = match pipelines {
        Ok(pipelines) => pipelines,
        Err(diagnostic) => return (vec![diagnostic], None),
    };
    let diagnostics: Vec<Diagnostic> = pipelines
        .iter()
        .flat_map(|pipeline| pipeline::validate(&file, pipeline))
        .collect();
    let stages: usize = pipelines.iter().map(|pipeline| pipeline.stages.len()).sum();
    let verdict = if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        "has problems"
    } else {
        "ok"
    };
    let summary = format!(
        "{}: {verdict} ({} pipeline{}, {stages} stage{})",
        path.display(),
        pipelines.len(),
        if pipelines.len() == 1 { "" } else { "s" },
        if stages == 1 { "" } else { "s" },
    );
    (diagnostics, Some(summary))
}

fn selection_diagnostic(path: &std::path::Path, error: &pipeline::SelectError) -> Diagnostic {
    let position = pipeline::source_map::Position { line: 1, column: 1 };
    Diagnostic::error(
        path,
        position,
        &pipeline::json_path::JsonPath::root(),
        error.to_string(),
    )
    .with_hint("pass `--pipeline NAME` or `--pipeline-id ID`")
}

/// The terminal's view of a diagnostic.
pub(crate) fn located(diagnostic: &Diagnostic) -> LocatedProblem {
    LocatedProblem {
        location: diagnostic.location(),
        path: diagnostic.path.clone(),
        stage: diagnostic.stage.clone(),
        severity: match diagnostic.severity {
            Severity::Error => render::Severity::Error,
            Severity::Warning => render::Severity::Warning,
        },
        message: diagnostic.message.clone(),
        hint: diagnostic.hint.clone(),
    }
}
