//! Command-line flags, environment variables and the config file, resolved once into typed
//! settings. This is the only module that reads the environment or the config file.

pub(crate) mod accounts;
pub(crate) mod store;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde::{Deserialize, Serialize};

use crate::cli::{ColorChoice, GlobalArgs, OutputFormat};
use crate::exit_status::{ExitStatus, StatusError};

/// Settings shared by every subcommand.
#[derive(Debug, Clone)]
pub(crate) struct GlobalSettings {
    /// How results are printed.
    pub(crate) output: OutputFormat,
    /// Whether stdout may carry colour escapes.
    pub(crate) color_stdout: bool,
    /// Whether stderr may carry colour escapes.
    pub(crate) color_stderr: bool,
    /// -1 for `--quiet`, 0 by default, 1.. for each `-v`.
    pub(crate) verbosity: i8,
    /// False when prompts are not allowed (`--non-interactive`, `CI`, or stdin not a terminal).
    pub(crate) interactive: bool,
    /// Where executions and sandbox state are kept.
    pub(crate) data_dir: PathBuf,
    /// The config file read (it may not exist).
    pub(crate) config_path: Option<PathBuf>,
    /// The config file's contents, or defaults when there is none.
    pub(crate) config: ConfigFile,
    /// The local user's login name, recorded as who triggered and judged executions.
    pub(crate) user: String,
    /// Whether `CI` is set: nobody is there to answer a prompt or wait for a judgment.
    pub(crate) ci: bool,
}

/// The config file (`config.toml`). Unknown keys are refused so typos do not pass silently.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ConfigFile {
    /// Settings of pipeline expressions.
    #[serde(default)]
    pub(crate) expressions: ExpressionConfig,
    /// Settings of execution windows.
    #[serde(default)]
    pub(crate) execution_windows: ExecutionWindowConfig,
    /// Settings of manual judgments.
    #[serde(default)]
    pub(crate) judgments: JudgmentConfig,
    /// The accounts gennaker deploys to, by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) accounts: BTreeMap<String, accounts::AccountConfig>,
    /// Per-application settings (traffic guards), by application name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) applications: BTreeMap<String, accounts::ApplicationConfig>,
}

/// The `[judgments]` table of the config file.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct JudgmentConfig {
    /// The local user's roles: a judgment stage with `selectedStageRoles` can only be answered
    /// by a user holding one of them.
    #[serde(default)]
    pub(crate) roles: Vec<String>,
}

impl JudgmentConfig {
    /// Why the local user may not answer a stage that requires `required` roles, if they may not.
    pub(crate) fn refusal(&self, stage: &str, required: &[String]) -> Option<String> {
        if required.is_empty() || required.iter().any(|role| self.roles.contains(role)) {
            return None;
        }
        let mine = if self.roles.is_empty() {
            "none".to_owned()
        } else {
            self.roles.join(", ")
        };
        Some(format!(
            "answering `{stage}` needs one of the roles {}; yours (`[judgments] roles` in the config file): {mine}",
            required.join(", ")
        ))
    }
}

/// The `[execution-windows]` table of the config file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ExecutionWindowConfig {
    /// The IANA time zone window hours are read in; Orca's default is `America/Los_Angeles`.
    #[serde(default = "default_time_zone")]
    pub(crate) time_zone: String,
}

impl Default for ExecutionWindowConfig {
    fn default() -> Self {
        Self {
            time_zone: default_time_zone(),
        }
    }
}

fn default_time_zone() -> String {
    "America/Los_Angeles".to_owned()
}

/// The `[expressions]` table of the config file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ExpressionConfig {
    /// Whether `#fromUrl` and its siblings may fetch anything at all.
    #[serde(default = "default_true")]
    pub(crate) url_functions: bool,
    /// Hosts the URL helpers may reach although Spinnaker's rules refuse them (e.g. `localhost`).
    #[serde(default)]
    pub(crate) allowed_url_hosts: Vec<String>,
}

impl Default for ExpressionConfig {
    fn default() -> Self {
        Self {
            url_functions: true,
            allowed_url_hosts: Vec::new(),
        }
    }
}

fn default_true() -> bool {
    true
}

impl GlobalSettings {
    /// Resolves the global flags against the environment and the config file.
    pub(crate) fn resolve(args: &GlobalArgs) -> anyhow::Result<Self> {
        let stdout_tty = std::io::stdout().is_terminal();
        let stderr_tty = std::io::stderr().is_terminal();
        let output = args.output.unwrap_or(if stdout_tty {
            OutputFormat::Table
        } else {
            OutputFormat::Plain
        });
        let env_allows_color = env_allows_color();
        let color = |tty: bool| match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => tty && env_allows_color,
        };
        let verbosity = if args.quiet {
            -1
        } else {
            i8::try_from(args.verbose).unwrap_or(i8::MAX)
        };
        let ci = std::env::var_os("CI").is_some_and(|value| !value.is_empty());
        let interactive = !args.non_interactive && !ci && std::io::stdin().is_terminal();
        let user = ["USER", "LOGNAME", "USERNAME"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
            .unwrap_or_else(|| "[anonymous]".to_owned());

        let project_dirs = directories::ProjectDirs::from("", "", "gennaker");
        let config_path = args.config.clone().or_else(|| {
            project_dirs
                .as_ref()
                .map(|dirs| dirs.config_dir().join("config.toml"))
        });
        let config = match &config_path {
            Some(path) => read_config(path, args.config.is_some())?,
            None => ConfigFile::default(),
        };
        let data_dir = match (&args.data_dir, &project_dirs) {
            (Some(dir), _) => dir.clone(),
            (None, Some(dirs)) => dirs.data_dir().to_path_buf(),
            (None, None) => {
                return Err(StatusError::new(
                    ExitStatus::InvalidInput,
                    "cannot find a home directory for gennaker's data",
                )
                .with_hint("pass `--data-dir DIR` or set `GENNAKER_DATA_DIR`")
                .into());
            }
        };

        Ok(Self {
            output,
            color_stdout: color(stdout_tty),
            color_stderr: color(stderr_tty),
            verbosity,
            interactive,
            data_dir,
            config_path,
            config,
            user,
            ci,
        })
    }
}

/// `NO_COLOR` (any non-empty value) and `CLICOLOR=0` turn colour off; see no-color.org.
fn env_allows_color() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let clicolor_off = std::env::var_os("CLICOLOR").is_some_and(|value| value == "0");
    !no_color && !clicolor_off
}

/// Reads the config file; a missing default file is fine, a missing explicit one is not.
fn read_config(path: &Path, explicit: bool) -> anyhow::Result<ConfigFile> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && !explicit => {
            return Ok(ConfigFile::default());
        }
        Err(error) => {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("cannot read config file `{}`: {error}", path.display()),
            )
            .into());
        }
    };
    toml::from_str(&text)
        .map_err(|error| {
            StatusError::new(
                ExitStatus::InvalidInput,
                error.to_string().trim_end().to_owned(),
            )
        })
        .with_context(|| format!("invalid config file `{}`", path.display()))
}
