//! The command line as clap types. No I/O and no environment lookups happen here: flags are
//! turned into settings by `settings`, and into work by `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exit_status::EXIT_CODES_HELP;

/// Run Spinnaker pipelines from your machine or a CI step, with no Spinnaker servers.
#[derive(Debug, Parser)]
#[command(name = "gennaker", version, after_help = EXIT_CODES_HELP, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: GlobalArgs,

    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Flags every subcommand accepts.
#[derive(Debug, Args)]
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
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man pages (roff), one per command
    Man(ManArgs),
    /// Local simulated clouds to rehearse pipelines against
    #[command(subcommand)]
    Sandbox(SandboxCommand),
}

/// The subcommands of `gennaker sandbox`.
#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// Run the simulators standalone until interrupted
    #[command(long_about = SANDBOX_SERVE_ABOUT)]
    Serve(SandboxServeArgs),
}

const SANDBOX_SERVE_ABOUT: &str = "\
Run the simulators standalone until interrupted (Ctrl-C or SIGTERM).

One simulated DC/OS cluster starts per region, each on its own 127.0.0.1 port and laid out like a
real cluster's admin router: Marathon under /service/marathon, Metronome under
/service/metronome, the Mesos master under /mesos, agents under /agent/<id>, and the ACS login at
/acs/api/v1/auth/login (user bootstrapuser, password deleteme). Each cluster also answers the
simulator's control API under /__simulator (faults, timing, state, request log).

The first line on stdout is one JSON object with the base URLs, for other tools to read:
  {\"dcos\": {\"us-east-1\": \"http://127.0.0.1:PORT\", \"us-west-1\": \"http://127.0.0.1:PORT\"}}";

/// Arguments of `gennaker sandbox serve`.
#[derive(Debug, Args)]
pub(crate) struct SandboxServeArgs {
    /// The regions to simulate, one DC/OS cluster each
    #[arg(
        long,
        value_name = "REGION,…",
        value_delimiter = ',',
        default_value = "us-east-1,us-west-1"
    )]
    pub(crate) regions: Vec<String>,
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
