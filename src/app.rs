//! Dispatch of subcommands, and the one place where a failure becomes an `error:` message and
//! an exit code.

use clap::Parser;

use crate::cli::{Cli, Command, ConfigCommand, ExecutionsCommand, ExprCommand, SandboxCommand};
use crate::commands::{self, Context};
use crate::exit_status::{ExitStatus, StatusError};
use crate::settings::GlobalSettings;
use crate::ui::{Printer, diagnostic};

/// Parses the command line, runs the subcommand and returns the process exit code.
pub(crate) fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints usage errors and `--help` itself; only the exit code is ours.
            let _ = error.print();
            return if error.use_stderr() {
                ExitStatus::InvalidInput.into()
            } else {
                ExitStatus::Success.into()
            };
        }
    };
    let fallback_printer = Printer::new(crate::cli::OutputFormat::Plain, false, false, false);
    let settings = match GlobalSettings::resolve(&cli.global) {
        Ok(settings) => settings,
        Err(error) => return report(&fallback_printer, &error).into(),
    };
    init_tracing(settings.verbosity);
    let printer = Printer::new(
        settings.output,
        settings.color_stdout,
        settings.color_stderr,
        settings.verbosity < 0,
    );
    let context = Context { settings, printer };
    match dispatch(cli.command, &context) {
        Ok(status) => status.into(),
        Err(error) if is_broken_pipe(&error) => {
            // `gennaker … | head` closing the pipe early is not a failure (Unix convention).
            ExitStatus::Success.into()
        }
        Err(error) => report(&context.printer, &error).into(),
    }
}

fn dispatch(command: Command, context: &Context) -> anyhow::Result<ExitStatus> {
    match command {
        Command::Run(args) => block_on(commands::run::run(&args, context))?,
        Command::Judge(args) => commands::judge::run(&args, context),
        Command::Executions(ExecutionsCommand::List(args)) => {
            commands::executions::list(&args, context)
        }
        Command::Executions(ExecutionsCommand::Show(args)) => {
            commands::executions::show(&args, context)
        }
        Command::Executions(ExecutionsCommand::Resume(args)) => {
            block_on(commands::executions::resume(&args, context))?
        }
        Command::Executions(ExecutionsCommand::Cancel(args)) => {
            commands::executions::cancel(&args, context)
        }
        Command::Validate(args) => commands::validate::run(&args, context),
        Command::Plan(args) => commands::plan::run(&args, context),
        Command::Config(ConfigCommand::Show) => commands::config::show(context),
        Command::Config(ConfigCommand::Account(command)) => {
            block_on(commands::accounts::run(&command, context))?
        }
        Command::Clusters(args) => block_on(async {
            let cloud = commands::accounts::cloud_settings(context);
            commands::clusters::run(&args, cloud.accounts.as_ref(), context).await
        })?,
        Command::ServerGroup(command) => block_on(async {
            let cloud = commands::accounts::cloud_settings(context);
            commands::server_group::run(&command, &cloud, context).await
        })?,
        Command::Completions(args) => commands::completions::run(&args, context),
        Command::Man(args) => commands::man::run(&args, context),
        Command::Expr(ExprCommand::Eval(args)) => commands::expr::eval(&args, context),
        Command::Sandbox(command) => block_on(sandbox(command, context))?,
    }
}

async fn sandbox(command: SandboxCommand, context: &Context) -> anyhow::Result<ExitStatus> {
    use commands::sandbox;
    match command {
        SandboxCommand::Status => sandbox::status(context).await,
        SandboxCommand::Reset => sandbox::reset(context).await,
        SandboxCommand::Fault(args) => sandbox::fault(&args, context).await,
        SandboxCommand::Start => sandbox::start(context).await,
        SandboxCommand::Stop => sandbox::stop(context).await,
        SandboxCommand::Serve(args) => sandbox::serve(&args, context).await,
        SandboxCommand::Daemon(args) => sandbox::daemon(&args, context).await,
    }
}

/// Runs an async command on the process's one Tokio runtime, built here on first need so
/// synchronous commands never pay for it.
fn block_on<F: std::future::Future>(future: F) -> anyhow::Result<F::Output> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|error| anyhow::anyhow!("cannot start the async runtime: {error}"))?;
    let output = runtime.block_on(future);
    // Leftover connections (an SSE client, a slow request) must not delay the exit.
    runtime.shutdown_background();
    Ok(output)
}

/// Renders an error chain once and picks the exit status from the first [`StatusError`] in it.
fn report(printer: &Printer, error: &anyhow::Error) -> ExitStatus {
    let status_error = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<StatusError>());
    let status = status_error.map_or(ExitStatus::Internal, |found| found.status);
    let mut messages: Vec<String> = error.chain().map(ToString::to_string).collect();
    messages.dedup();
    let hint = match (status_error.and_then(|found| found.hint.as_deref()), status) {
        (Some(hint), _) => Some(hint.to_owned()),
        (None, ExitStatus::Internal) => {
            Some("this is a bug in gennaker; please report it with the command you ran".to_owned())
        }
        (None, _) => None,
    };
    printer.err(&diagnostic::render_error(&messages, hint.as_deref()));
    status
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Logs go to stderr; `-v` shows info, `-vv` debug, `-vvv` trace; `RUST_LOG` overrides.
fn init_tracing(verbosity: i8) {
    let level = match verbosity {
        i8::MIN..=0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("gennaker={level}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}
