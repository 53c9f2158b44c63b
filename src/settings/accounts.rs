//! The `[accounts.NAME]` and `[applications.NAME]` tables of the config file: the clouds
//! gennaker deploys to, how it logs in to them, and the traffic guards of each application.
//!
//! A secret is kept in one of three ways: in the file itself (written 0600), in an environment
//! variable named by `KEY-env`, or printed by a command named by `KEY-command`. Only this
//! module turns those into values.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::exit_status::{ExitStatus, StatusError};

/// One account, by provider.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(tag = "provider", rename_all = "kebab-case")]
pub(crate) enum AccountConfig {
    /// A DC/OS account: one DC/OS cluster per region.
    Dcos(DcosAccountConfig),
    /// A Cloud Foundry foundation.
    Cloudfoundry(CloudFoundryAccountConfig),
}

impl AccountConfig {
    /// `dcos` or `cloudfoundry`.
    pub(crate) fn provider(&self) -> &'static str {
        match self {
            Self::Dcos(_) => "dcos",
            Self::Cloudfoundry(_) => "cloudfoundry",
        }
    }
}

/// `[accounts.NAME]` with `provider = "dcos"`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct DcosAccountConfig {
    /// Region name → the cluster's admin router URL.
    pub(crate) regions: BTreeMap<String, String>,
    /// The user or service account id to log in as; no login when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) uid: Option<String>,
    /// The password of `uid`, kept in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password: Option<Redacted>,
    /// The environment variable holding the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password_env: Option<String>,
    /// A command printing the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password_command: Option<String>,
    /// A service account's private key (PEM), for an RS256 login instead of a password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) service_key_file: Option<PathBuf>,
    /// A ready token, kept in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) token: Option<Redacted>,
    /// The environment variable holding a ready token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) token_env: Option<String>,
    /// A command printing a ready token (e.g. `dcos config show core.dcos_acs_token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) token_command: Option<String>,
    /// A PEM file of certificate authorities to trust.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) ca_cert: Option<PathBuf>,
    /// Accept any TLS certificate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) insecure: bool,
}

impl DcosAccountConfig {
    /// Where the password comes from.
    pub(crate) fn password(&self) -> anyhow::Result<Option<SecretSource>> {
        one_source(
            "password",
            self.password.as_ref(),
            self.password_env.as_ref(),
            self.password_command.as_ref(),
        )
    }

    /// Where the token comes from.
    pub(crate) fn token(&self) -> anyhow::Result<Option<SecretSource>> {
        one_source(
            "token",
            self.token.as_ref(),
            self.token_env.as_ref(),
            self.token_command.as_ref(),
        )
    }
}

/// `[accounts.NAME]` with `provider = "cloudfoundry"`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CloudFoundryAccountConfig {
    /// The Cloud Controller's URL.
    pub(crate) api: String,
    /// The user to log in as (password grant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) user: Option<String>,
    /// The user's password, kept in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password: Option<Redacted>,
    /// The environment variable holding the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password_env: Option<String>,
    /// A command printing the password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) password_command: Option<String>,
    /// A UAA client to log in as (client-credentials grant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) client_id: Option<String>,
    /// The client's secret, kept in the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) client_secret: Option<Redacted>,
    /// The environment variable holding the client's secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) client_secret_env: Option<String>,
    /// A command printing the client's secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) client_secret_command: Option<String>,
    /// Use the tokens the cf CLI saved (`$CF_HOME/.cf/config.json`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) cf_cli_tokens: bool,
    /// Accept any TLS certificate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) skip_ssl_validation: bool,
}

impl CloudFoundryAccountConfig {
    /// Where the password comes from.
    pub(crate) fn password(&self) -> anyhow::Result<Option<SecretSource>> {
        one_source(
            "password",
            self.password.as_ref(),
            self.password_env.as_ref(),
            self.password_command.as_ref(),
        )
    }

    /// Where the client secret comes from.
    pub(crate) fn client_secret(&self) -> anyhow::Result<Option<SecretSource>> {
        one_source(
            "client-secret",
            self.client_secret.as_ref(),
            self.client_secret_env.as_ref(),
            self.client_secret_command.as_ref(),
        )
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(value: &bool) -> bool {
    !*value
}

/// A secret kept in the config file: serialised as itself, never shown by `Debug`.
#[derive(Clone, PartialEq, Deserialize, Serialize)]
#[serde(transparent)]
pub(crate) struct Redacted(pub(crate) String);

impl fmt::Debug for Redacted {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("<redacted>")
    }
}

/// Where a secret is kept.
#[derive(Clone, PartialEq)]
pub(crate) enum SecretSource {
    /// In the config file.
    Stored(Redacted),
    /// In this environment variable.
    Env(String),
    /// Printed (first line) by this shell command.
    Command(String),
}

impl fmt::Debug for SecretSource {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.describe())
    }
}

impl SecretSource {
    /// Where the secret is kept, for `config account show` (never the value).
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Stored(_) => "stored in the config file".to_owned(),
            Self::Env(name) => format!("from ${name}"),
            Self::Command(command) => format!("printed by `{command}`"),
        }
    }

    /// The secret's value, read from the file, the environment or the command.
    pub(crate) fn resolve(&self, what: &str) -> anyhow::Result<String> {
        match self {
            Self::Stored(value) => Ok(value.0.clone()),
            Self::Env(name) => std::env::var(name).map_err(|_| {
                StatusError::new(
                    ExitStatus::InvalidInput,
                    format!("{what} comes from ${name}, which is not set"),
                )
                .with_hint(format!("export {name}=… before running gennaker"))
                .into()
            }),
            Self::Command(command) => run_secret_command(command, what),
        }
    }
}

fn one_source(
    key: &str,
    stored: Option<&Redacted>,
    env: Option<&String>,
    command: Option<&String>,
) -> anyhow::Result<Option<SecretSource>> {
    let sources: Vec<SecretSource> = [
        stored.cloned().map(SecretSource::Stored),
        env.cloned().map(SecretSource::Env),
        command.cloned().map(SecretSource::Command),
    ]
    .into_iter()
    .flatten()
    .collect();
    if sources.len() > 1 {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("give only one of `{key}`, `{key}-env` and `{key}-command`"),
        )
        .into());
    }
    Ok(sources.into_iter().next())
}

fn run_secret_command(command: &str, what: &str) -> anyhow::Result<String> {
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|error| {
            StatusError::new(
                ExitStatus::InvalidInput,
                format!("{what}: cannot run `{command}`: {error}"),
            )
        })?;
    if !output.status.success() {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("{what}: `{command}` failed ({})", output.status),
        )
        .into());
    }
    let text = String::from_utf8_lossy(&output.stdout);
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

/// `[applications.NAME]`: what gennaker knows of an application besides its pipelines.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ApplicationConfig {
    /// Clusters that must never be left with no instances up (Spinnaker's traffic guards).
    #[serde(default)]
    pub(crate) traffic_guards: Vec<TrafficGuardConfig>,
}

/// One traffic guard; `*` matches anything, an empty stack or detail only an empty one.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TrafficGuardConfig {
    /// The account, or `*`.
    pub(crate) account: String,
    /// The region (DC/OS cluster, CF `org > space`), or `*`.
    #[serde(default = "any")]
    pub(crate) location: String,
    /// The stack, `*`, or empty for clusters without one.
    #[serde(default = "any")]
    pub(crate) stack: String,
    /// The detail, `*`, or empty for clusters without one.
    #[serde(default = "any")]
    pub(crate) detail: String,
    /// Off switch.
    #[serde(default = "enabled")]
    pub(crate) enabled: bool,
}

fn any() -> String {
    "*".to_owned()
}

fn enabled() -> bool {
    true
}

/// The tokens the cf CLI saved after `cf login`.
pub(crate) struct CfCliTokens {
    /// The access token, without its `bearer ` prefix.
    pub(crate) access: String,
    /// The refresh token, when saved.
    pub(crate) refresh: Option<String>,
}

/// Reads the cf CLI's saved tokens from `$CF_HOME/.cf/config.json` (`CF_HOME` defaults to the
/// home directory), as the cf CLI itself does.
pub(crate) fn cf_cli_tokens() -> anyhow::Result<CfCliTokens> {
    let home = std::env::var_os("CF_HOME")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf()));
    let Some(home) = home else {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            "cannot find the cf CLI's config: no home directory and no CF_HOME",
        )
        .into());
    };
    let path = home.join(".cf").join("config.json");
    let text = std::fs::read_to_string(&path).map_err(|error| {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "cannot read the cf CLI's config `{}`: {error}",
                path.display()
            ),
        )
        .with_hint("run `cf login` first, or log in with `--user` or `--client-id`")
    })?;
    let config: serde_json::Value = serde_json::from_str(&text).map_err(|error| {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "the cf CLI's config `{}` is not JSON: {error}",
                path.display()
            ),
        )
    })?;
    let text_of = |key: &str| {
        config
            .get(key)
            .and_then(serde_json::Value::as_str)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
    };
    let Some(access) = text_of("AccessToken") else {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "the cf CLI's config `{}` holds no access token",
                path.display()
            ),
        )
        .with_hint("run `cf login` first")
        .into());
    };
    let access = access
        .strip_prefix("bearer ")
        .or_else(|| access.strip_prefix("Bearer "))
        .unwrap_or(&access)
        .to_owned();
    Ok(CfCliTokens {
        access,
        refresh: text_of("RefreshToken"),
    })
}
