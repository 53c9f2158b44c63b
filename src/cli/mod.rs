//! The command line as clap types. No I/O and no environment lookups happen here: flags are
//! turned into settings by `settings`, and into work by `commands`.

mod accounts;
mod cloud;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

pub(crate) use accounts::{
    AccountAddCommand, AccountCommand, AccountNameArgs, CloudFoundryAccountArgs, DcosAccountArgs,
    SecretArgs,
};
pub(crate) use cloud::{
    ClustersArgs, DestroyArgs, ResizeArgs, ServerGroupArgs, ServerGroupCommand,
};

use crate::exit_status::exit_codes_help;

mod sandbox;

pub(crate) use sandbox::{SandboxCommand, SandboxDaemonArgs, SandboxFaultArgs, SandboxServeArgs};

/// Run Spinnaker pipelines from your machine or a CI step, with no Spinnaker servers.
#[derive(Debug, Parser)]
#[command(name = "gennaker", version, after_help = exit_codes_help(), max_term_width = 100)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every subcommand accepts.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct GlobalArgs {
    /// How to print results: a table for people, plain lines for logs, or JSON for programs
    /// [default: table on a terminal, plain otherwise]
    #[arg(long, global = true, value_enum)]
    pub(crate) output: Option<OutputFormat>,

    /// When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    /// Say more about what happens (repeat for more detail)
    #[arg(short, long, global = true, action = clap::ArgAction::Count, conflicts_with = "quiet")]
    pub(crate) verbose: u8,

    /// Print only results and errors
    #[arg(short, long, global = true)]
    pub(crate) quiet: bool,

    /// Read settings from this file instead of the default config file
    #[arg(long, global = true, value_name = "FILE", env = "GENNAKER_CONFIG")]
    pub(crate) config: Option<PathBuf>,

    /// Keep executions and sandbox state in this directory
    #[arg(long, global = true, value_name = "DIR", env = "GENNAKER_DATA_DIR")]
    pub(crate) data_dir: Option<PathBuf>,

    /// Never prompt; implied when stdin is not a terminal or `CI` is set
    #[arg(long, global = true)]
    pub(crate) non_interactive: bool,
}

/// The output formats of `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// Aligned tables for a person at a terminal
    Table,
    /// One line per item, stable for logs and grep
    Plain,
    /// JSON on stdout, nothing else
    Json,
}

/// The choices of `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when writing to a terminal that allows it
    Auto,
    /// Always colour
    Always,
    /// Never colour
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Run a pipeline: stages in order, parallel branches at once, judgments answered as they come
    Run(RunArgs),
    /// Answer a manual judgment of an execution running in another shell or CI step
    Judge(JudgeArgs),
    /// Executions kept on disk: list, show, cancel, resume
    #[command(subcommand)]
    Executions(ExecutionsCommand),
    /// Check pipeline files and report every problem, located, before anything runs
    Validate(ValidateArgs),
    /// Show what a pipeline would do: stages in order, parallel waves and their conditions
    Plan(PlanArgs),
    /// The global view: every server group of an application, over every account and region
    Clusters(ClustersArgs),
    /// One-off server group operations, through the same safety rails as the stages
    #[command(subcommand)]
    ServerGroup(ServerGroupCommand),
    /// gennaker's own settings and the accounts it deploys to
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man pages (roff), one per command
    Man(ManArgs),
    /// Pipeline expressions (`${…}`)
    #[command(subcommand)]
    Expr(ExprCommand),
    /// Local simulated clouds to rehearse pipelines against
    #[command(subcommand)]
    Sandbox(SandboxCommand),
}

/// Subcommands of `gennaker expr`.
#[derive(Debug, Subcommand)]
pub(crate) enum ExprCommand {
    /// Evaluate a pipeline expression as Spinnaker would and print the JSON result
    Eval(ExprEvalArgs),
}

/// Arguments of `gennaker expr eval`.
#[derive(Debug, Args)]
pub(crate) struct ExprEvalArgs {
    /// The template, e.g. `${trigger.parameters.env}`; with `--stage`, defaults to that stage's context
    #[arg(value_name = "TEMPLATE", conflicts_with = "jsonl")]
    pub(crate) template: Option<String>,

    /// Treat TEMPLATE as a JSON document, evaluated recursively as a stage context is
    #[arg(long)]
    pub(crate) json: bool,

    /// A JSON object whose keys are the root properties (`trigger`, `parameters`, `execution`…)
    #[arg(long, value_name = "FILE")]
    pub(crate) context: Option<PathBuf>,

    /// Build the root as Orca does for this stage (a `refId` or `id` of `execution.stages`)
    #[arg(long, value_name = "REF")]
    pub(crate) stage: Option<String>,

    /// Read `{"template": …, "context": {…}, "stage": "REF"}` lines from stdin and write one result line per input
    #[arg(long)]
    pub(crate) jsonl: bool,

    /// Refuse `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl` and `#propertiesFromUrl`
    #[arg(long)]
    pub(crate) no_url_functions: bool,
}

/// Which pipeline of a file holding several to use.
#[derive(Debug, Args, Default, Clone)]
pub(crate) struct PipelineSelector {
    /// Pick the pipeline with this name from a file holding several
    #[arg(long, value_name = "NAME", conflicts_with = "pipeline_id")]
    pub(crate) pipeline: Option<String>,

    /// Pick the pipeline with this id from a file holding several
    #[arg(long, value_name = "ID")]
    pub(crate) pipeline_id: Option<String>,
}

/// Arguments of `gennaker validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Pipeline files: one pipeline, an array of pipelines, or a bare stage list
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    #[command(flatten)]
    pub(crate) selector: PipelineSelector,
}

/// Arguments of `gennaker plan`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// The pipeline file
    #[arg(value_name = "PIPELINE.json")]
    pub(crate) file: PathBuf,

    #[command(flatten)]
    pub(crate) selector: PipelineSelector,
}

/// Arguments of `gennaker run`.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// The pipeline file
    #[arg(value_name = "PIPELINE.json")]
    pub(crate) file: PathBuf,

    #[command(flatten)]
    pub(crate) selector: PipelineSelector,

    /// Set a pipeline parameter (repeatable); overrides `--params-file` and defaults
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub(crate) params: Vec<String>,

    /// Read parameters from a JSON object
    #[arg(long, value_name = "FILE")]
    pub(crate) params_file: Option<PathBuf>,

    /// Use this trigger (a JSON object shaped as Spinnaker's execution trigger) instead of a
    /// manual one; a CI step passes what triggered it: docker tag, build, webhook payload
    #[arg(long, value_name = "FILE")]
    pub(crate) trigger: Option<PathBuf>,

    /// Answer a manual judgment in advance (repeatable): `STAGE NAME=continue`,
    /// `STAGE NAME=continue:INPUT` or `STAGE NAME=stop`
    #[arg(long = "judgment", value_name = "STAGE=ANSWER")]
    pub(crate) judgments: Vec<String>,

    /// Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for
    /// `gennaker judge`; implied when `CI` is set
    #[arg(long)]
    pub(crate) no_wait_for_judgment: bool,

    /// Ignore execution windows: stages restricted to a time window start at once
    #[arg(long)]
    pub(crate) skip_windows: bool,

    /// When another execution of this pipeline runs (`limitConcurrent`), queue behind it instead
    /// of failing; with `keepWaitingPipelines: false` only the newest queued run starts
    #[arg(long)]
    pub(crate) wait: bool,

    /// Rehearse: run the pipeline against the built-in sandbox instead of its real accounts;
    /// each account stands in for a sandbox account of its provider, and the end of the run
    /// lists the conditional branches no rehearsal of this pipeline has exercised yet
    #[arg(long)]
    pub(crate) rehearse: bool,

    /// With --rehearse: the sandbox account (`sandbox-dcos`, `sandbox-cf`) an account stands in
    /// for (repeatable); by default the one of the account's provider
    #[arg(
        long = "map",
        value_name = "ACCOUNT=SANDBOX_ACCOUNT",
        requires = "rehearse"
    )]
    pub(crate) maps: Vec<String>,

    /// With --rehearse: a sandbox fault for this rehearsal only (repeatable): `KIND` on every
    /// DC/OS region of the pipeline or `REGION=KIND` on one; KIND as `gennaker sandbox fault`
    /// (`crashloop`, `unhealthy`, `slow-start=SECONDS`, `http-5xx=RATE`, …)
    #[arg(long = "fault", value_name = "[REGION=]KIND", requires = "rehearse")]
    pub(crate) faults: Vec<String>,

    /// Also look for the pipelines of `pipeline` stages (and `#pipelineId`) in this directory
    /// (repeatable); the pipeline's own file and directory are always searched
    #[arg(long = "pipelines-dir", value_name = "DIR")]
    pub(crate) pipelines_dirs: Vec<PathBuf>,
}

/// Arguments of `gennaker judge`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("answer").required(true).args(["proceed", "stop"])))]
pub(crate) struct JudgeArgs {
    /// The execution's id (see `gennaker executions list`)
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution: String,

    /// The manual judgment stage, by name
    #[arg(long, value_name = "NAME")]
    pub(crate) stage: String,

    /// Let the pipeline go on
    #[arg(long = "continue")]
    pub(crate) proceed: bool,

    /// Stop the pipeline
    #[arg(long)]
    pub(crate) stop: bool,

    /// The judgment input to record (one of the stage's `judgmentInputs`)
    #[arg(long, value_name = "INPUT")]
    pub(crate) input: Option<String>,
}

/// Subcommands of `gennaker executions`.
#[derive(Debug, Subcommand)]
pub(crate) enum ExecutionsCommand {
    /// List executions, newest first
    List(ExecutionsListArgs),
    /// Show one execution: its stages, or the whole document with `--output json`
    Show(ExecutionIdArgs),
    /// Cancel an execution running in another shell
    Cancel(ExecutionIdArgs),
    /// Continue an execution whose process died (killed, crashed, machine restarted) without
    /// redoing finished work
    Resume(ExecutionResumeArgs),
}

/// Arguments of `gennaker executions resume`.
#[derive(Debug, Args)]
pub(crate) struct ExecutionResumeArgs {
    /// The execution's id
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution: String,

    /// Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for
    /// `gennaker judge`; implied when `CI` is set
    #[arg(long)]
    pub(crate) no_wait_for_judgment: bool,

    /// Ignore execution windows: stages restricted to a time window start at once
    #[arg(long)]
    pub(crate) skip_windows: bool,
}

/// Arguments of `gennaker executions list`.
#[derive(Debug, Args)]
pub(crate) struct ExecutionsListArgs {
    /// Only executions of this pipeline (by name)
    #[arg(long, value_name = "NAME")]
    pub(crate) pipeline: Option<String>,

    /// Only executions with this status (e.g. `SUCCEEDED`, `TERMINAL`, `RUNNING`)
    #[arg(long, value_name = "STATUS")]
    pub(crate) status: Option<String>,

    /// Only executions started within this long, e.g. `30m`, `2h`, `7d`
    #[arg(long, value_name = "AGE")]
    pub(crate) since: Option<String>,
}

/// An execution id argument.
#[derive(Debug, Args)]
pub(crate) struct ExecutionIdArgs {
    /// The execution's id
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution: String,
}

/// Subcommands of `gennaker config`.
#[derive(Debug, Subcommand)]
pub(crate) enum ConfigCommand {
    /// Show the settings in effect: config file, data directory, and the config's values
    Show,
    /// The accounts gennaker deploys to (Halyard-style)
    #[command(subcommand)]
    Account(Box<AccountCommand>),
}

/// Arguments of `gennaker completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

/// Arguments of `gennaker man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write one page per command into this directory instead of printing the main page
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
}
