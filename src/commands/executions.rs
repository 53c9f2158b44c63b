//! `gennaker executions list|show|cancel`: the executions kept on disk.

use serde_json::json;

use crate::cli::{ExecutionIdArgs, ExecutionResumeArgs, ExecutionsListArgs, OutputFormat};
use crate::commands::Context;
use crate::engine::clock::now_ms;
use crate::engine::event::Control;
use crate::engine::record::Execution;
use crate::exit_status::{ExitStatus, StatusError};
use crate::history::{ExecutionStore, requests};
use crate::ui::execution_log::timestamp;
use crate::ui::table;

fn store(context: &Context) -> ExecutionStore {
    ExecutionStore::new(&context.settings.data_dir)
}

fn load(context: &Context, id: &str) -> anyhow::Result<Execution> {
    store(context).load(id).map_err(|error| {
        StatusError::new(ExitStatus::InvalidInput, error.to_string())
            .with_hint("`gennaker executions list` shows the executions kept")
            .into()
    })
}

/// `30m`, `2h`, `7d`, `45s` as milliseconds.
fn age_ms(text: &str) -> Option<u64> {
    let (number, unit) = text
        .trim()
        .split_at(text.trim().find(|c: char| !c.is_ascii_digit())?);
    let number: u64 = number.parse().ok()?;
    let unit_ms = match unit {
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        "w" => 604_800_000,
        _ => return None,
    };
    number.checked_mul(unit_ms)
}

/// The status column: a RUNNING execution whose process is gone can be resumed, not watched.
fn status_text(store: &ExecutionStore, execution: &Execution) -> String {
    if !execution.status.is_complete() && !requests::is_running(store, &execution.id) {
        format!("{} (process gone)", execution.status)
    } else {
        execution.status.to_string()
    }
}

fn duration(execution: &Execution) -> String {
    match (execution.start_time, execution.end_time) {
        (Some(start), Some(end)) => table::duration_ms(end.saturating_sub(start)),
        (Some(start), None) => format!(
            "{} so far",
            table::duration_ms(now_ms().saturating_sub(start))
        ),
        _ => String::new(),
    }
}

/// Lists executions, newest first.
pub(crate) fn list(args: &ExecutionsListArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let store = store(context);
    let since = match &args.since {
        Some(text) => Some(age_ms(text).ok_or_else(|| {
            StatusError::new(
                ExitStatus::InvalidInput,
                format!("`--since {text}` is not an age"),
            )
            .with_hint("write a number and a unit: `45s`, `30m`, `2h`, `7d`, `2w`")
        })?),
        None => None,
    };
    let mut executions: Vec<Execution> = store
        .ids()?
        .iter()
        .filter_map(|id| store.load(id).ok())
        .collect();
    executions.retain(|execution| {
        args.pipeline
            .as_deref()
            .is_none_or(|name| execution.name.as_deref() == Some(name))
            && args
                .status
                .as_deref()
                .is_none_or(|status| execution.status.name().eq_ignore_ascii_case(status))
            && since.is_none_or(|age| execution.build_time >= now_ms().saturating_sub(age))
    });
    executions.sort_by(|a, b| {
        b.build_time
            .cmp(&a.build_time)
            .then_with(|| b.id.cmp(&a.id))
    });
    let printer = &context.printer;
    match printer.format {
        OutputFormat::Json => {
            let rows: Vec<_> = executions
                .iter()
                .map(|execution| {
                    json!({
                        "id": execution.id, "name": execution.name, "application": execution.application,
                        "status": execution.status, "startTime": execution.start_time, "endTime": execution.end_time,
                        "running": requests::is_running(&store, &execution.id)
                    })
                })
                .collect();
            printer.json(&rows)?;
        }
        OutputFormat::Table => {
            let rows: Vec<Vec<String>> = executions
                .iter()
                .map(|execution| {
                    vec![
                        execution.id.clone(),
                        execution.name.clone().unwrap_or_default(),
                        status_text(&store, execution),
                        execution
                            .start_time
                            .map(|ms| timestamp(Some(ms)))
                            .unwrap_or_default(),
                        duration(execution),
                    ]
                })
                .collect();
            printer.out(&table::render(
                &["Execution", "Pipeline", "Status", "Started", "Duration"],
                &rows,
            ))?;
        }
        OutputFormat::Plain => {
            let mut text = String::new();
            for execution in &executions {
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\n",
                    execution.id,
                    execution.name.as_deref().unwrap_or_default(),
                    status_text(&store, execution),
                    execution
                        .start_time
                        .map_or_else(|| "-".to_owned(), |ms| timestamp(Some(ms))),
                    duration(execution),
                ));
            }
            printer.out(&text)?;
        }
    }
    Ok(ExitStatus::Success)
}

/// Shows one execution.
pub(crate) fn show(args: &ExecutionIdArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let execution = load(context, &args.execution)?;
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(&execution)?;
        return Ok(ExitStatus::Success);
    }
    let store = store(context);
    let mut text = format!(
        "execution {} of `{}`: {} ({}, {})\n",
        execution.id,
        execution.name.as_deref().unwrap_or("pipeline"),
        status_text(&store, &execution),
        crate::ui::execution_log::trigger_text(&execution),
        duration(&execution),
    );
    if let Some(reason) = &execution.cancellation_reason {
        text.push_str(&format!(
            "canceled by {}: {reason}\n",
            execution.canceled_by.as_deref().unwrap_or("someone")
        ));
    }
    if printer.format == OutputFormat::Table {
        text.push_str(&table::stages_table(&execution));
    } else {
        for line in table::stage_lines(&execution) {
            text.push_str(&format!(
                "stage {:?} refId={} type={} status={:?} duration={:?}\n",
                line.name, line.ref_id, line.stage_type, line.status, line.duration
            ));
        }
    }
    printer.out(&text)?;
    Ok(ExitStatus::Success)
}

/// Asks the process running an execution to cancel it.
pub(crate) fn cancel(args: &ExecutionIdArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let execution = load(context, &args.execution)?;
    let store = store(context);
    if execution.status.is_complete() {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("execution {} is {} already", execution.id, execution.status),
        )
        .into());
    }
    if !requests::is_running(&store, &execution.id) {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("no gennaker process is running execution {}", execution.id),
        )
        .with_hint("the process that ran it has ended")
        .into());
    }
    let reason = "canceled with `gennaker executions cancel`".to_owned();
    requests::submit(
        &store,
        &execution.id,
        &Control::Cancel {
            by: context.settings.user.clone(),
            reason,
        },
    )?;
    context.printer.note(&format!(
        "asked the running process to cancel execution {}\n",
        execution.id
    ));
    Ok(ExitStatus::Success)
}

/// Continues an execution whose process died.
pub(crate) async fn resume(
    args: &ExecutionResumeArgs,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let execution = load(context, &args.execution)?;
    let store = store(context);
    if execution.status.is_complete() {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "execution {} is {} already; there is nothing to resume",
                execution.id, execution.status
            ),
        )
        .into());
    }
    if requests::is_running(&store, &execution.id) {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "execution {} is still running in another gennaker process",
                execution.id
            ),
        )
        .with_hint(format!(
            "watch it with `gennaker executions show {}`",
            execution.id
        ))
        .into());
    }
    let wait = !(args.no_wait_for_judgment || context.settings.ci);
    let options = crate::commands::run::DriveOptions {
        start: crate::commands::run::Start::Resume,
        wait_for_judgments: wait,
        skip_windows: args.skip_windows,
        catalog: crate::commands::run::catalog_for(&store, &execution.id),
        rehearsal: crate::commands::run::rehearsal_for(&store, &execution.id),
        pipeline: None,
    };
    crate::commands::run::drive(execution, options, context).await
}
