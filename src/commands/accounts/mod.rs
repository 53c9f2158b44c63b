//! `gennaker config account add|list|show|remove`: the accounts pipelines deploy to, kept in the
//! config file as Halyard keeps them, secrets never printed.

mod add;
pub(crate) mod resolve;
pub(crate) mod sandbox;

use std::sync::Arc;

use serde_json::{Value, json};

use crate::cli::{AccountCommand, AccountNameArgs, OutputFormat};
use crate::commands::Context;
use crate::commands::sandbox::accounts as sandbox_names;
use crate::exit_status::{ExitStatus, StatusError};
use crate::providers::error::{ErrorKind, ProviderError};
use crate::settings::accounts::AccountConfig;
use crate::stages::{CloudSettings, TrafficGuard};
use crate::ui::table;

/// The built-in accounts: always there, never in the config file.
pub(crate) const SANDBOX_ACCOUNTS: [(&str, &str); 2] = [
    (sandbox_names::DCOS_ACCOUNT, "dcos"),
    (sandbox_names::CLOUD_FOUNDRY_ACCOUNT, "cloudfoundry"),
];

/// The accounts and traffic guards the cloud stages and commands work with: the config file's
/// accounts and the built-in sandbox ones.
pub(crate) fn cloud_settings(context: &Context) -> CloudSettings {
    cloud_settings_with(context, None)
}

/// [`cloud_settings`] with `only` these accounts (and the sandbox ones) instead of the config
/// file's.
pub(crate) fn cloud_settings_with(
    context: &Context,
    only: Option<std::collections::BTreeMap<String, AccountConfig>>,
) -> CloudSettings {
    let sandbox = Arc::new(sandbox::BuiltinSandbox::new(
        context.settings.data_dir.clone(),
    ));
    CloudSettings {
        accounts: Arc::new(resolve::Accounts::new(context, sandbox, only)),
        traffic_guards: traffic_guards(context),
    }
}

/// The traffic guards of every application in the config file.
fn traffic_guards(context: &Context) -> Vec<TrafficGuard> {
    context
        .settings
        .config
        .applications
        .iter()
        .flat_map(|(application, config)| {
            config.traffic_guards.iter().map(|guard| TrafficGuard {
                application: application.clone(),
                account: guard.account.clone(),
                location: guard.location.clone(),
                stack: guard.stack.clone(),
                detail: guard.detail.clone(),
                enabled: guard.enabled,
            })
        })
        .collect()
}

/// A provider failure as a command's error: exit 4 when the target could not be reached or
/// refused the login, 2 when what was asked for does not exist or was refused as invalid.
pub(crate) fn provider_failure(error: &ProviderError) -> anyhow::Error {
    let status = if error.is_connectivity() {
        ExitStatus::Unreachable
    } else if matches!(error.kind, ErrorKind::NotFound | ErrorKind::Invalid) {
        ExitStatus::InvalidInput
    } else {
        ExitStatus::Failed
    };
    StatusError::new(status, error.message.clone()).into()
}

/// Runs a `config account` subcommand.
pub(crate) async fn run(command: &AccountCommand, context: &Context) -> anyhow::Result<ExitStatus> {
    match command {
        AccountCommand::Add(add) => add::run(add, context).await,
        AccountCommand::List => list(context),
        AccountCommand::Show(args) => show(args, context),
        AccountCommand::Remove(args) => remove(args, context),
    }
}

/// What `list` and `show` say of an account, secrets replaced by where they come from.
fn describe(name: &str, account: &AccountConfig) -> Value {
    match account {
        AccountConfig::Dcos(dcos) => {
            let login = if let Some(uid) = &dcos.uid {
                if let Some(key) = &dcos.service_key_file {
                    format!("service account {uid}, key {}", key.display())
                } else {
                    let place = dcos
                        .password()
                        .ok()
                        .flatten()
                        .map_or("missing".to_owned(), |source| source.describe());
                    format!("user {uid}, password {place}")
                }
            } else if let Ok(Some(token)) = dcos.token() {
                format!("token {}", token.describe())
            } else {
                "none".to_owned()
            };
            json!({
                "name": name,
                "provider": "dcos",
                "regions": dcos.regions,
                "login": login,
                "caCert": dcos.ca_cert.as_ref().map(|path| path.display().to_string()),
                "insecure": dcos.insecure,
            })
        }
        AccountConfig::Cloudfoundry(cf) => {
            let login = if let Some(user) = &cf.user {
                let place = cf
                    .password()
                    .ok()
                    .flatten()
                    .map_or("missing".to_owned(), |source| source.describe());
                format!("user {user}, password {place}")
            } else if let Some(client) = &cf.client_id {
                let place = cf
                    .client_secret()
                    .ok()
                    .flatten()
                    .map_or("missing".to_owned(), |source| source.describe());
                format!("client {client}, secret {place}")
            } else if cf.cf_cli_tokens {
                "the cf CLI's saved tokens".to_owned()
            } else {
                "none".to_owned()
            };
            json!({
                "name": name,
                "provider": "cloudfoundry",
                "api": cf.api,
                "login": login,
                "skipSslValidation": cf.skip_ssl_validation,
            })
        }
    }
}

fn sandbox_description(name: &str, provider: &str) -> Value {
    let regions = if provider == "dcos" {
        sandbox_names::dcos_regions()
    } else {
        sandbox_names::cloud_foundry_regions()
    };
    json!({"name": name, "provider": provider, "regions": regions, "login": "built-in sandbox", "sandbox": true})
}

fn list(context: &Context) -> anyhow::Result<ExitStatus> {
    let accounts = &context.settings.config.accounts;
    let mut rows: Vec<Value> = accounts
        .iter()
        .map(|(name, account)| describe(name, account))
        .collect();
    rows.extend(
        SANDBOX_ACCOUNTS
            .iter()
            .filter(|(name, _)| !accounts.contains_key(*name))
            .map(|(name, provider)| sandbox_description(name, provider)),
    );
    let printer = &context.printer;
    match printer.format {
        OutputFormat::Json => printer.json(&rows)?,
        format => {
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|row| {
                    let text = |key: &str| row[key].as_str().unwrap_or_default().to_owned();
                    let target = match row.get("api").and_then(Value::as_str) {
                        Some(api) => api.to_owned(),
                        None => regions_text(&row["regions"]),
                    };
                    vec![text("name"), text("provider"), target, text("login")]
                })
                .collect();
            if format == OutputFormat::Table {
                printer.out(&table::render(
                    &["ACCOUNT", "PROVIDER", "REGIONS / API", "LOGIN"],
                    &lines,
                ))?;
            } else {
                for line in lines {
                    printer.out(&format!("{}\n", line.join("\t")))?;
                }
            }
        }
    }
    Ok(ExitStatus::Success)
}

fn regions_text(regions: &Value) -> String {
    match regions {
        Value::Object(map) => map
            .iter()
            .map(|(name, url)| format!("{name}={}", url.as_str().unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        _ => String::new(),
    }
}

fn unknown_account(name: &str, context: &Context) -> anyhow::Error {
    let mut known: Vec<&str> = context
        .settings
        .config
        .accounts
        .keys()
        .map(String::as_str)
        .collect();
    known.extend(SANDBOX_ACCOUNTS.iter().map(|(name, _)| *name));
    StatusError::new(
        ExitStatus::InvalidInput,
        format!("there is no account `{name}`"),
    )
    .with_hint(format!(
        "known accounts: {}; add one with `gennaker config account add dcos|cloudfoundry NAME …`",
        known.join(", ")
    ))
    .into()
}

fn show(args: &AccountNameArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let description = match context.settings.config.accounts.get(&args.name) {
        Some(account) => describe(&args.name, account),
        None => match SANDBOX_ACCOUNTS.iter().find(|(name, _)| *name == args.name) {
            Some((name, provider)) => sandbox_description(name, provider),
            None => return Err(unknown_account(&args.name, context)),
        },
    };
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(&description)?;
        return Ok(ExitStatus::Success);
    }
    let mut text = String::new();
    if let Value::Object(map) = &description {
        for (key, value) in map {
            let shown = match value {
                Value::String(text) => text.clone(),
                Value::Null => "-".to_owned(),
                Value::Object(_) | Value::Array(_) => regions_text(value),
                other => other.to_string(),
            };
            text.push_str(&format!("{key:<18} {shown}\n"));
        }
    }
    printer.out(&text)?;
    Ok(ExitStatus::Success)
}

fn remove(args: &AccountNameArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let Some(path) = &context.settings.config_path else {
        return Err(unknown_account(&args.name, context));
    };
    if SANDBOX_ACCOUNTS.iter().any(|(name, _)| *name == args.name)
        && !context.settings.config.accounts.contains_key(&args.name)
    {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "`{}` is a built-in sandbox account and cannot be removed",
                args.name
            ),
        )
        .with_hint("`gennaker sandbox reset` empties its state")
        .into());
    }
    if !crate::settings::store::remove_account(path, &args.name)? {
        return Err(unknown_account(&args.name, context));
    }
    context.printer.note(&format!(
        "removed account `{}` from {}\n",
        args.name,
        path.display()
    ));
    Ok(ExitStatus::Success)
}
