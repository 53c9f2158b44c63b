//! `gennaker plan PIPELINE.json`: the stages in execution order, grouped into parallel waves,
//! with what each does and the conditions it runs under.

use crate::cli::{OutputFormat, PlanArgs};
use crate::commands::Context;
use crate::commands::load::runnable_pipeline;
use crate::exit_status::{ExitStatus, StatusError};
use crate::pipeline::conditions::{FailureMode, StageConditions};
use crate::pipeline::plan::{Plan, PlannedStage};
use crate::ui::table;

/// Prints the plan of one pipeline.
pub(crate) fn run(args: &PlanArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let printer = &context.printer;
    let pipeline = runnable_pipeline(&args.file, &args.selector, printer, "plan")?;
    let plan = Plan::of(&pipeline).ok_or_else(|| {
        StatusError::new(
            ExitStatus::InvalidInput,
            "the stage graph cannot be ordered".to_owned(),
        )
    })?;
    match printer.format {
        OutputFormat::Json => printer.json(&plan)?,
        OutputFormat::Table => printer.out(&render_table(&plan))?,
        OutputFormat::Plain => printer.out(&render_plain(&plan))?,
    }
    Ok(ExitStatus::Success)
}

fn heading(plan: &Plan) -> String {
    let name = plan.name.as_deref().unwrap_or("(unnamed pipeline)");
    let mut heading = format!("pipeline `{name}`");
    if let Some(application) = &plan.application {
        heading.push_str(&format!(" of application `{application}`"));
    }
    let stages: usize = plan.waves.iter().map(Vec::len).sum();
    heading.push_str(&format!(
        ": {stages} stages in {} waves\n",
        plan.waves.len()
    ));
    let concurrency = match (plan.limit_concurrent, plan.keep_waiting_pipelines) {
        (false, _) => "executions may overlap",
        (true, true) => "one execution at a time; queued executions all run in turn",
        (true, false) => "one execution at a time; only the newest queued execution runs",
    };
    heading.push_str(&format!(
        "  {concurrency}; expressions {}\n",
        plan.spel_evaluator
    ));
    for parameter in &plan.parameters {
        let default = parameter
            .default
            .as_ref()
            .map(|value| format!(" (default {value})"))
            .unwrap_or_default();
        let required = if parameter.required { " required" } else { "" };
        let options = if parameter.options.is_empty() {
            String::new()
        } else {
            format!(" one of {}", parameter.options.join("|"))
        };
        heading.push_str(&format!(
            "  parameter {}{required}{default}{options}\n",
            parameter.name
        ));
    }
    heading
}

fn conditions(conditions: &StageConditions) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(expression) = &conditions.enabled_if {
        lines.push(format!("only if {expression}"));
    }
    if let Some(window) = &conditions.execution_window {
        lines.push(format!("window {}", window.describe()));
    }
    if let Some(timeout) = conditions.timeout_ms {
        lines.push(format!("timeout {}", table::duration_ms(timeout)));
    }
    if conditions.on_failure != FailureMode::HaltPipeline {
        lines.push(format!("on failure: {}", conditions.on_failure.describe()));
    }
    lines
}

fn waits_for(stage: &PlannedStage) -> String {
    if stage.waits_for.is_empty() {
        "-".to_owned()
    } else {
        stage.waits_for.join(", ")
    }
}

fn render_table(plan: &Plan) -> String {
    let mut rows = Vec::new();
    for (number, wave) in plan.waves.iter().enumerate() {
        for stage in wave {
            rows.push(vec![
                (number + 1).to_string(),
                format!("{} [{}]", stage.name, stage.ref_id),
                stage.stage_type.clone(),
                waits_for(stage),
                stage.action.clone(),
                conditions(&stage.conditions).join("\n"),
            ]);
        }
    }
    let headers = ["Wave", "Stage", "Type", "Waits for", "Does", "Conditions"];
    format!("{}{}", heading(plan), table::render(&headers, &rows))
}

fn render_plain(plan: &Plan) -> String {
    let mut text = heading(plan);
    for (number, wave) in plan.waves.iter().enumerate() {
        for stage in wave {
            text.push_str(&format!(
                "wave {} stage {:?} refId={} type={} waits-for={:?} does={:?}",
                number + 1,
                stage.name,
                stage.ref_id,
                stage.stage_type,
                waits_for(stage),
                stage.action,
            ));
            for condition in conditions(&stage.conditions) {
                text.push_str(&format!(" [{condition}]"));
            }
            text.push('\n');
        }
    }
    text
}
