//! `gennaker run PIPELINE.json`: builds the trigger, starts the engine, connects it to the
//! terminal, the history and the outside world (prompts, `gennaker judge`, Ctrl-C), and turns
//! the final status into the exit code.

mod inputs;
mod judgments;
mod origin;
mod queue;
pub(crate) mod rehearsal;
pub(crate) mod rehearse;
mod rehearse_cf;

use origin::store_origin;
pub(crate) use origin::{catalog_for, rehearsal_for};

use std::collections::HashSet;
use std::io::IsTerminal as _;
use std::sync::Arc;

use anyhow::Context as _;
use tokio::sync::mpsc;

use crate::cli::{OutputFormat, RunArgs};
use crate::commands::Context;
use crate::commands::children::{ChildDisplay, ChildRunner, ChildSetup};
use crate::commands::expr::BackgroundFetcher;
use crate::commands::load::runnable_pipeline;
use crate::engine::clock::now_ms;
use crate::engine::event::{Control, Event, Fanout, Judgment, Reporter};
use crate::engine::expressions::Expressions;
use crate::engine::record::{Execution, StageExecution};
use crate::engine::scheduler::{EngineSettings, Scheduler};
use crate::engine::status::Status;
use crate::engine::trigger::build_trigger;
use crate::exit_status::{ExitStatus, StatusError};
use crate::expr::{Options, PipelineRef};
use crate::history::ExecutionStore;
use crate::history::requests::{self, RunLock};
use crate::history::store::HistoryReporter;
use crate::pipeline::catalog::PipelineCatalog;
use crate::ui::execution_log::{ExecutionLog, LogTarget};
use crate::ui::live::{LiveTable, Suspend};
use crate::ui::table;
use inputs::{ask_for_missing_parameters, parameters, pre_answered_judgments, read_object};
use judgments::{JudgmentWatcher, NO_ANSWER, judgment_hint};
use queue::take_slot;

/// Runs the pipeline and returns the exit status its final status maps to.
pub(crate) async fn run(args: &RunArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let printer = &context.printer;
    let settings = &context.settings;
    let pipeline = runnable_pipeline(&args.file, &args.selector, printer, "run")?;
    if pipeline.disabled() {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            "the pipeline is disabled and cannot be started",
        )
        .with_hint("set `disabled` to false in the pipeline file")
        .into());
    }
    let mut supplied = parameters(args)?;
    if settings.interactive {
        ask_for_missing_parameters(&pipeline, &mut supplied);
    }
    let given_trigger = match &args.trigger {
        Some(path) => Some(read_object(path, "trigger")?),
        None => None,
    };
    let trigger = build_trigger(
        given_trigger,
        &settings.user,
        &pipeline.parameter_config(),
        &supplied,
    )
    .map_err(|error| {
        StatusError::new(ExitStatus::InvalidInput, error.to_string())
            .with_hint("pass `--param NAME=VALUE` for each, or `--params-file FILE`")
    })?;
    let catalog = PipelineCatalog::new(&args.file, args.pipelines_dirs.clone());
    let judgments = pre_answered_judgments(&args.judgments, &pipeline, &catalog, &settings.user)?;
    for judgment in &judgments {
        let stage = pipeline
            .stages
            .iter()
            .find(|stage| stage.name() == judgment.stage);
        let required = crate::commands::judge::required_roles(
            stage.and_then(|stage| stage.get("selectedStageRoles")),
        );
        if let Some(refusal) = settings
            .config
            .judgments
            .refusal(&judgment.stage, &required)
        {
            return Err(StatusError::new(ExitStatus::InvalidInput, refusal).into());
        }
    }
    let rehearsal = if args.rehearse {
        Some(rehearse::plan(
            &pipeline,
            &args.maps,
            &args.faults,
            context,
        )?)
    } else {
        None
    };
    let _slot = take_slot(&settings.data_dir, &pipeline, args.wait, context).await?;

    let execution = Execution::new(&pipeline, trigger, &settings.user, now_ms());
    let wait_for_judgments = !(args.no_wait_for_judgment || settings.ci);
    store_origin(
        &settings.data_dir,
        &execution.id,
        &args.file,
        &args.pipelines_dirs,
        rehearsal.as_ref(),
    )?;
    let options = DriveOptions {
        start: Start::Fresh(judgments),
        wait_for_judgments,
        skip_windows: args.skip_windows,
        catalog,
        rehearsal,
        pipeline: Some(pipeline),
    };
    drive(execution, options, context).await
}

/// How an execution is to be driven.
pub(crate) enum Start {
    /// A new execution, with judgments answered in advance.
    Fresh(Vec<Judgment>),
    /// An execution whose process died, picked up where it stopped.
    Resume,
}

/// Runs (or resumes) an execution with the terminal, the history and the outside world
/// connected, prints the result, and returns the exit status.
/// How [`drive`] runs an execution.
pub(crate) struct DriveOptions {
    /// Fresh or resumed.
    pub(crate) start: Start,
    /// Wait for `gennaker judge` when a judgment has no answer (else fail at once).
    pub(crate) wait_for_judgments: bool,
    /// `--skip-windows`.
    pub(crate) skip_windows: bool,
    /// Where `pipeline` stages and `#pipelineId` find other pipelines.
    pub(crate) catalog: PipelineCatalog,
    /// The stand-ins of a rehearsal (`run --rehearse`), when it is one.
    pub(crate) rehearsal: Option<rehearse::RehearsalPlan>,
    /// The pipeline run, when known (a rehearsal reports on its branches).
    pub(crate) pipeline: Option<crate::pipeline::model::Pipeline>,
}

pub(crate) async fn drive(
    execution: Execution,
    options: DriveOptions,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let DriveOptions {
        start,
        wait_for_judgments,
        skip_windows,
        catalog,
        rehearsal,
        pipeline,
    } = options;
    let settings = &context.settings;
    let store = ExecutionStore::new(&settings.data_dir);
    let id = execution.id.clone();
    let Some(_lock) = RunLock::acquire(&store, &id).context("cannot record the execution")? else {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("another gennaker process is running execution {id}"),
        )
        .into());
    };
    let cloud = match &rehearsal {
        Some(plan) => rehearse::begin(plan, context).await?,
        None => crate::commands::accounts::cloud_settings(context),
    };
    let (sender, receiver) = mpsc::unbounded_channel();
    if let Start::Fresh(judgments) = &start {
        for judgment in judgments {
            let _ = sender.send(Control::Judge(judgment.clone()));
        }
    }

    let mut history = HistoryReporter::new(&store, &id);
    let live = live_table(context);
    let mut others = Fanout(terminal_reporters(
        context,
        &id,
        &sender,
        wait_for_judgments,
        live.as_ref(),
    ));
    let mut both = Both {
        history: &mut history,
        others: &mut others,
    };

    let poller = tokio::spawn(requests::forward(store.clone(), id.clone(), sender.clone()));
    let interrupt = tokio::spawn(cancel_on_interrupt(
        sender.clone(),
        settings.user.clone(),
        live.as_ref().map(LiveTable::suspend),
    ));
    let engine_settings = engine_settings(context, &catalog, skip_windows);
    let children = ChildRunner::new(
        catalog,
        store.clone(),
        engine_settings.clone(),
        settings.config.execution_windows.time_zone.clone(),
        settings.user.clone(),
        child_display(context, live.as_ref()),
        ChildSetup {
            cloud: Some(cloud),
            judgments: match &start {
                Start::Fresh(judgments) => judgments.clone(),
                Start::Resume => Vec::new(),
            },
        },
    );
    let scheduler = Scheduler::new(
        execution,
        children.registry(),
        &mut both,
        receiver,
        engine_settings,
    );
    let finished = match start {
        Start::Fresh(_) => scheduler.run().await,
        Start::Resume => scheduler.resume().await,
    };
    poller.abort();
    children.wait_for_all().await;
    interrupt.abort();
    // The live table ends with the final table on screen, in place of `stage_table`.
    let live_shown = live.map(|live| live.finish(&finished)).is_some();
    if let Some(plan) = &rehearsal {
        rehearse::end(plan, pipeline.as_ref(), &finished, context).await;
    }

    let history_error = history.error.take().map(|error| error.to_string());
    print_result(&finished, history_error, live_shown, context)?;
    Ok(exit_status(&finished))
}

/// What `run` prints once the execution ended: a recording problem, the result in the chosen
/// format, and how to answer a judgment nobody answered.
fn print_result(
    finished: &Execution,
    history_error: Option<String>,
    live_shown: bool,
    context: &Context,
) -> anyhow::Result<()> {
    let printer = &context.printer;
    if let Some(error) = history_error {
        printer.err(&crate::ui::diagnostic::render_error(
            &[format!("the execution was not fully recorded: {error}")],
            Some("check the free space and permissions of the data directory (`gennaker config show`)"),
        ));
    }
    match printer.format {
        OutputFormat::Json => printer.json(finished)?,
        OutputFormat::Table if live_shown => {}
        OutputFormat::Table => printer.out(&table::stages_table(finished))?,
        OutputFormat::Plain => {}
    }
    if finished.status == Status::Canceled && finished.canceled_by.as_deref() == Some(NO_ANSWER) {
        printer.err(&crate::ui::diagnostic::render_error(
            &[finished.cancellation_reason.clone().unwrap_or_default()],
            Some(&judgment_hint(finished)),
        ));
    }
    Ok(())
}

/// How the engine runs: expression settings from the config, the pipelines `#pipelineId` can
/// name, and `--skip-windows`.
fn engine_settings(
    context: &Context,
    catalog: &PipelineCatalog,
    skip_windows: bool,
) -> EngineSettings {
    let config = &context.settings.config;
    let pipelines = catalog
        .all()
        .into_iter()
        .filter_map(|found| {
            Some(PipelineRef {
                id: found.pipeline.id()?.to_owned(),
                name: found.pipeline.name().unwrap_or_default().to_owned(),
                application: found.pipeline.application().unwrap_or_default().to_owned(),
            })
        })
        .collect();
    let fetcher = config.expressions.url_functions.then(|| {
        Arc::new(BackgroundFetcher::start(
            config.expressions.allowed_url_hosts.clone(),
        )) as Arc<dyn crate::expr::UrlFetcher + Send + Sync>
    });
    EngineSettings {
        expressions: Expressions {
            options: Options {
                url_functions: config.expressions.url_functions,
                allowed_url_hosts: config.expressions.allowed_url_hosts.clone(),
                pipelines,
                ..Options::default()
            },
            fetcher,
        },
        skip_windows,
    }
}

/// What shows the execution to the user and gets judgments answered.
fn terminal_reporters(
    context: &Context,
    id: &str,
    sender: &mpsc::UnboundedSender<Control>,
    wait_for_judgments: bool,
    live: Option<&LiveTable>,
) -> Vec<Box<dyn Reporter>> {
    let settings = &context.settings;
    let watcher = JudgmentWatcher {
        sender: sender.clone(),
        execution_id: id.to_owned(),
        interactive: settings.interactive,
        wait: wait_for_judgments,
        ci: settings.ci,
        user: settings.user.clone(),
        roles: settings.config.judgments.clone(),
        asked: HashSet::new(),
        suspend: live.map(LiveTable::suspend),
    };
    let mut reporters: Vec<Box<dyn Reporter>> =
        progress_reporter(context, live).into_iter().collect();
    reporters.push(Box::new(watcher));
    reporters
}

/// The live table, when stdout is a terminal that shows a table; not among `-v` log lines,
/// which would break into a redrawn region.
fn live_table(context: &Context) -> Option<LiveTable> {
    let settings = &context.settings;
    (context.printer.format == OutputFormat::Table
        && std::io::stdout().is_terminal()
        && settings.verbosity <= 0)
        .then(|| LiveTable::start(settings.color_stdout))
}

/// What shows a child execution: its stages nested in the live table, or its log lines, each
/// stage named under the parent's `pipeline` stage.
fn child_display(context: &Context, live: Option<&LiveTable>) -> ChildDisplay {
    if let Some(live) = live {
        let children = live.children();
        return Arc::new(move |_: &str| Box::new(children.reporter()) as Box<dyn Reporter>);
    }
    let json = context.printer.format == OutputFormat::Json;
    let target = if json {
        LogTarget::Stderr
    } else {
        LogTarget::Stdout
    };
    let color = printer_colored(context, json);
    Arc::new(move |parent_stage: &str| {
        Box::new(ExecutionLog::new(target, color).nested_under(parent_stage)) as Box<dyn Reporter>
    })
}

/// What shows the execution's progress: the live table on a terminal, otherwise one line per
/// change (on stderr when stdout carries the JSON document, and none for `--output json -q`).
fn progress_reporter(context: &Context, live: Option<&LiveTable>) -> Option<Box<dyn Reporter>> {
    if let Some(live) = live {
        return Some(Box::new(live.reporter()));
    }
    let json = context.printer.format == OutputFormat::Json;
    if json && context.settings.verbosity < 0 {
        return None;
    }
    let target = if json {
        LogTarget::Stderr
    } else {
        LogTarget::Stdout
    };
    Some(Box::new(ExecutionLog::new(
        target,
        printer_colored(context, json),
    )))
}

fn printer_colored(context: &Context, json: bool) -> bool {
    if json {
        context.settings.color_stderr
    } else {
        context.settings.color_stdout
    }
}

/// The exit status of a finished execution: a judgment's "stop" counts as a cancellation.
pub(crate) fn exit_status(execution: &Execution) -> ExitStatus {
    match execution.status {
        Status::Succeeded => ExitStatus::Success,
        Status::Canceled => ExitStatus::Canceled,
        _ if stopped_by_judgment(execution) => ExitStatus::Canceled,
        _ => ExitStatus::Failed,
    }
}

fn stopped_by_judgment(execution: &Execution) -> bool {
    execution
        .stages
        .iter()
        .any(StageExecution::is_stopping_judgment)
}

/// The first Ctrl-C cancels the execution cleanly; a second one leaves at once, keeping the
/// record as it stands (every change up to then is already on disk).
async fn cancel_on_interrupt(
    sender: mpsc::UnboundedSender<Control>,
    user: String,
    live: Option<Suspend>,
) {
    if tokio::signal::ctrl_c().await.is_err() {
        return;
    }
    let _ = sender.send(Control::Cancel {
        by: user,
        reason: "interrupted (Ctrl-C)".to_owned(),
    });
    if tokio::signal::ctrl_c().await.is_ok() {
        if let Some(live) = live {
            live.abandon();
        }
        std::process::exit(i32::from(ExitStatus::Canceled.code()));
    }
}

/// Sends every event to the history first, then to the others; flushes the history first.
struct Both<'a> {
    history: &'a mut HistoryReporter,
    others: &'a mut Fanout,
}

impl Reporter for Both<'_> {
    fn report(&mut self, event: &Event) {
        self.history.report(event);
        self.others.report(event);
    }

    fn flush(&mut self) {
        self.history.flush();
        self.others.flush();
    }
}

#[cfg(test)]
mod tests {
    /// `validate` accepts exactly the stage types the engine can run.
    #[test]
    fn validate_accepts_exactly_the_stage_types_that_run() {
        assert_eq!(
            crate::pipeline::stage_types::supported_names(),
            crate::stages::NAMES.to_vec()
        );
    }
}
