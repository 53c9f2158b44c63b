//! The clap types of `gennaker sandbox …`: the built-in simulators and their persisted state.

use clap::{Args, Subcommand};

/// The subcommands of `gennaker sandbox`.
#[derive(Debug, Subcommand)]
pub(crate) enum SandboxCommand {
    /// What the sandbox accounts run: apps per account and region, and the faults set
    #[command(long_about = SANDBOX_STATUS_ABOUT)]
    Status,
    /// Stop the sandbox and forget everything it ran, faults included
    #[command(long_about = SANDBOX_RESET_ABOUT)]
    Reset,
    /// Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)
    #[command(long_about = SANDBOX_FAULT_ABOUT)]
    Fault(SandboxFaultArgs),
    /// Start the shared sandbox in the background (if it is not running) and print its URLs
    #[command(long_about = SANDBOX_START_ABOUT)]
    Start,
    /// Stop the shared sandbox, keeping its state for next time
    Stop,
    /// Run the simulators standalone until interrupted
    #[command(long_about = SANDBOX_SERVE_ABOUT)]
    Serve(SandboxServeArgs),
    /// The background sandbox process that `gennaker` starts on demand (not for people)
    #[command(hide = true)]
    Daemon(SandboxDaemonArgs),
}

const SANDBOX_STATUS_ABOUT: &str = "\
Show what the sandbox accounts run and the faults set.

sandbox-dcos: the Marathon apps of each region (us-east-1, us-west-1) with their instances and
image. sandbox-cf: the apps of each `org > space` (sandbox > dev, sandbox > prod) with their state
and instances. When the sandbox is not running, the saved state is shown (what will be there when
it starts again).";

const SANDBOX_RESET_ABOUT: &str = "\
Stop the sandbox (if it runs) and empty its state: every app, server group, job and fault of the
sandbox accounts is forgotten, and the next deployment starts again at v000. Says what was removed.";

const SANDBOX_FAULT_ABOUT: &str = "\
Make one region of a sandbox account misbehave, so a pipeline's failure branches can be rehearsed.
Faults persist (in the sandbox state) until cleared or `gennaker sandbox reset`.

ACCOUNT and REGION:
  sandbox-dcos  us-east-1 | us-west-1
  sandbox-cf    'sandbox > dev' | 'sandbox > prod'

KIND:
  crashloop          new tasks/instances start, crash and restart forever
  slow-start=SECONDS starting takes SECONDS longer
  unhealthy          health checks never pass (DC/OS: apps that define health checks)
  http-5xx=RATE      that share (0 to 1) of API requests answer 503
  http-429=RATE      that share (0 to 1) of API requests answer 429 with Retry-After
  latency=MS         every API request waits MS milliseconds first
  clear              remove the faults of that region

On sandbox-cf, crashloop, slow-start and unhealthy apply to the apps of that space; the HTTP
faults (http-5xx, http-429, latency) apply to the whole foundation, and `clear` clears them too.

Examples:
  gennaker sandbox fault sandbox-dcos us-west-1 crashloop
  gennaker sandbox fault sandbox-cf 'sandbox > prod' http-5xx=0.2
  gennaker sandbox fault sandbox-dcos us-west-1 clear";

const SANDBOX_START_ABOUT: &str = "\
Start the shared sandbox in the background, unless it already runs, and print its URLs (the same
JSON line as `gennaker sandbox serve`). Pipelines naming a sandbox account do this by themselves;
the sandbox stops on its own after ten idle minutes, saving its state.";

const SANDBOX_SERVE_ABOUT: &str = "\
Run the simulators standalone until interrupted (Ctrl-C or SIGTERM).

One simulated DC/OS cluster starts per region, each on its own 127.0.0.1 port and laid out like a
real cluster's admin router: Marathon under /service/marathon, Metronome under
/service/metronome, the Mesos master under /mesos, agents under /agent/<id>, and the ACS login at
/acs/api/v1/auth/login (user bootstrapuser, password deleteme; no login is needed). Each cluster
also answers the simulator's control API under /__simulator (faults, timing, state, request log).

A simulated Cloud Foundry runs beside them: the Cloud Controller v3 API and its UAA, each on its
own port, with org `sandbox` (spaces `dev` and `prod`), user admin/admin and client `cf`.

The first line on stdout is one JSON object with the base URLs, for other tools to read:
  {\"dcos\": {\"us-east-1\": \"http://127.0.0.1:PORT\", \"us-west-1\": \"http://127.0.0.1:PORT\"},
   \"cloudfoundry\": {\"api\": \"http://127.0.0.1:PORT\", \"uaa\": \"http://127.0.0.1:PORT\"}}

With --persist, the simulators serve the sandbox accounts' state from the data directory instead
of an empty one, save it as it changes and when stopped, and pipelines naming a sandbox account
use them (rather than starting the background sandbox).";

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

    /// Serve (and save) the sandbox state of the data directory, as the background sandbox does
    #[arg(long, conflicts_with = "regions")]
    pub(crate) persist: bool,
}

/// Arguments of the hidden `gennaker sandbox daemon`.
#[derive(Debug, Args)]
pub(crate) struct SandboxDaemonArgs {
    /// Stop after this many seconds without any request (and no gennaker process using it)
    #[arg(
        long,
        value_name = "SECONDS",
        env = "GENNAKER_SANDBOX_IDLE_EXIT",
        default_value_t = 600
    )]
    pub(crate) idle_exit: u64,
}

/// Arguments of `gennaker sandbox fault`.
#[derive(Debug, Args)]
pub(crate) struct SandboxFaultArgs {
    /// `sandbox-dcos` or `sandbox-cf`
    #[arg(value_name = "ACCOUNT")]
    pub(crate) account: String,

    /// `us-east-1`, `us-west-1` (sandbox-dcos) or `sandbox > dev`, `sandbox > prod` (sandbox-cf)
    #[arg(value_name = "REGION")]
    pub(crate) region: String,

    /// `crashloop`, `slow-start=SECONDS`, `unhealthy`, `http-5xx=RATE`, `http-429=RATE`,
    /// `latency=MS` or `clear`
    #[arg(value_name = "KIND")]
    pub(crate) kind: String,
}
