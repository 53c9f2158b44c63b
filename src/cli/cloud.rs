//! The clap types of `gennaker clusters` and `gennaker server-group …`.

use clap::{Args, Subcommand};

/// Arguments of `gennaker clusters`.
#[derive(Debug, Args)]
pub(crate) struct ClustersArgs {
    /// The application, e.g. `hello`
    #[arg(value_name = "APP")]
    pub(crate) application: String,

    /// Only this account (repeatable); every configured account by default
    #[arg(long = "account", value_name = "NAME")]
    pub(crate) accounts: Vec<String>,
}

/// Subcommands of `gennaker server-group`.
#[derive(Debug, Subcommand)]
pub(crate) enum ServerGroupCommand {
    /// Show one server group: capacity, instances, image, load balancers
    Show(ServerGroupArgs),
    /// Change a server group's size; refused by a traffic guard when it would leave its
    /// cluster with no instances up
    Resize(ResizeArgs),
    /// Put a disabled server group back into service
    Enable(ServerGroupArgs),
    /// Take a server group out of service (kept, so it can be enabled again); refused by a
    /// traffic guard when it is the last one serving
    Disable(ServerGroupArgs),
    /// Delete a server group (disabled first); refused by a traffic guard when it is the last
    /// one serving
    Destroy(DestroyArgs),
}

/// Which server group.
#[derive(Debug, Args)]
pub(crate) struct ServerGroupArgs {
    /// The server group, e.g. `hello-prod-v003`
    #[arg(value_name = "NAME")]
    pub(crate) name: String,

    /// The account it is in
    #[arg(long, value_name = "ACCOUNT")]
    pub(crate) account: String,

    /// The region it is in (DC/OS cluster, or CF `org > space`)
    #[arg(long, value_name = "REGION")]
    pub(crate) region: String,

    /// Return once the change is accepted, without waiting for it to finish
    #[arg(long)]
    pub(crate) no_wait: bool,
}

/// Arguments of `gennaker server-group resize`.
#[derive(Debug, Args)]
pub(crate) struct ResizeArgs {
    #[command(flatten)]
    pub(crate) target: ServerGroupArgs,

    /// The number of instances wanted
    #[arg(long, value_name = "N")]
    pub(crate) desired: u32,

    /// The fewest instances [default: the desired number]
    #[arg(long, value_name = "N")]
    pub(crate) min: Option<u32>,

    /// The most instances [default: the desired number]
    #[arg(long, value_name = "N")]
    pub(crate) max: Option<u32>,
}

/// Arguments of `gennaker server-group destroy`.
#[derive(Debug, Args)]
pub(crate) struct DestroyArgs {
    #[command(flatten)]
    pub(crate) target: ServerGroupArgs,

    /// Do not ask for confirmation at a terminal
    #[arg(long, short = 'y')]
    pub(crate) yes: bool,
}
