//! The clap types of `gennaker config account …`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

/// Subcommands of `gennaker config account`.
#[derive(Debug, Subcommand)]
pub(crate) enum AccountCommand {
    /// Add (or replace) an account; checks it can log in to each region first
    #[command(subcommand)]
    Add(AccountAddCommand),
    /// List the accounts, the built-in sandbox ones included
    List,
    /// Show one account's settings (secrets are never shown, only where they come from)
    Show(AccountNameArgs),
    /// Remove an account from the config file
    Remove(AccountNameArgs),
}

/// The providers `config account add` knows.
#[derive(Debug, Subcommand)]
pub(crate) enum AccountAddCommand {
    /// A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)
    Dcos(DcosAccountArgs),
    /// A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)
    #[command(name = "cloudfoundry", visible_alias = "cf")]
    CloudFoundry(CloudFoundryAccountArgs),
}

/// An account name.
#[derive(Debug, Args)]
pub(crate) struct AccountNameArgs {
    /// The account's name, as pipelines name it in `account` / `credentials`
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
}

/// Where a password or secret comes from when it is not typed at the prompt.
#[derive(Debug, Args, Default)]
pub(crate) struct SecretArgs {
    /// Read the password (or client secret) from this environment variable at every run;
    /// nothing secret is stored
    #[arg(long, value_name = "VAR", conflicts_with_all = ["secret_command", "secret_stdin"])]
    pub(crate) password_env: Option<String>,

    /// Run this command at every run and use the first line it prints (e.g. `pass show dcos`);
    /// nothing secret is stored
    #[arg(
        long = "password-command",
        value_name = "COMMAND",
        conflicts_with = "secret_stdin"
    )]
    pub(crate) secret_command: Option<String>,

    /// Read the password from standard input and store it in the config file (mode 0600)
    #[arg(long = "password-stdin")]
    pub(crate) secret_stdin: bool,
}

/// Arguments of `gennaker config account add dcos`.
#[derive(Debug, Args)]
#[command(after_help = "\
Without --uid, --service-key-file or --token-env the clusters are used without logging in.
With --uid alone the password is asked for at a terminal and stored in the config file (0600).")]
pub(crate) struct DcosAccountArgs {
    /// The account's name, as pipelines name it in `account` / `credentials`
    #[arg(value_name = "NAME")]
    pub(crate) name: String,

    /// A region and its DC/OS cluster's URL (repeatable), e.g. `us-east-1=https://dcos-east.example.com`
    #[arg(long = "region", value_name = "NAME=URL", required = true)]
    pub(crate) regions: Vec<String>,

    /// The user or service account to log in as
    #[arg(long, value_name = "UID")]
    pub(crate) uid: Option<String>,

    #[command(flatten)]
    pub(crate) password: SecretArgs,

    /// Log in as the service account `--uid` with this private key (PEM, RS256) instead of a password
    #[arg(long, value_name = "FILE", requires = "uid")]
    pub(crate) service_key_file: Option<PathBuf>,

    /// Use the ACS token in this environment variable instead of logging in
    #[arg(long, value_name = "VAR", conflicts_with_all = ["uid", "service_key_file"])]
    pub(crate) token_env: Option<String>,

    /// Trust the certificate authorities in this PEM file
    #[arg(long, value_name = "FILE")]
    pub(crate) ca_cert: Option<PathBuf>,

    /// Accept any TLS certificate (only for clusters you trust by other means)
    #[arg(long)]
    pub(crate) insecure: bool,

    /// Save without checking that each cluster can be reached and logged in to
    #[arg(long)]
    pub(crate) no_validate: bool,
}

/// Arguments of `gennaker config account add cloudfoundry`.
#[derive(Debug, Args)]
#[command(after_help = "\
Log in with --user (password asked for at a terminal unless --password-env/--password-command/
--password-stdin), with --client-id and a client secret, or with --from-cf-cli to use the tokens
the cf CLI saved after `cf login` ($CF_HOME/.cf/config.json, default ~/.cf/config.json).")]
pub(crate) struct CloudFoundryAccountArgs {
    /// The account's name, as pipelines name it in `account` / `credentials`
    #[arg(value_name = "NAME")]
    pub(crate) name: String,

    /// The Cloud Controller's URL, e.g. `https://api.sys.example.com`
    #[arg(long, value_name = "URL")]
    pub(crate) api: String,

    /// The user to log in as
    #[arg(long, value_name = "USER", conflicts_with_all = ["client_id", "from_cf_cli"])]
    pub(crate) user: Option<String>,

    /// The UAA client to log in as (client credentials); its secret comes from
    /// --password-env/--password-command/--password-stdin or the prompt
    #[arg(long, value_name = "ID", conflicts_with = "from_cf_cli")]
    pub(crate) client_id: Option<String>,

    #[command(flatten)]
    pub(crate) password: SecretArgs,

    /// Use the access and refresh tokens the cf CLI saved
    #[arg(long)]
    pub(crate) from_cf_cli: bool,

    /// Accept any TLS certificate (only for foundations you trust by other means)
    #[arg(long)]
    pub(crate) skip_ssl_validation: bool,

    /// Save without checking the login
    #[arg(long)]
    pub(crate) no_validate: bool,
}
