//! `gennaker config account add dcos|cloudfoundry NAME …`: builds the account's settings, checks
//! it can log in (unless `--no-validate`), and only then writes it to the config file.

use std::collections::BTreeMap;
use std::io::BufRead as _;

use crate::cli::{AccountAddCommand, CloudFoundryAccountArgs, DcosAccountArgs, SecretArgs};
use crate::commands::Context;
use crate::commands::accounts::{SANDBOX_ACCOUNTS, resolve};
use crate::exit_status::{ExitStatus, StatusError};
use crate::settings::accounts::{
    AccountConfig, CloudFoundryAccountConfig, DcosAccountConfig, Redacted, SecretSource,
};

/// Runs `config account add`.
pub(super) async fn run(
    command: &AccountAddCommand,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let (name, account, validate) = match command {
        AccountAddCommand::Dcos(args) => (&args.name, dcos(args, context)?, !args.no_validate),
        AccountAddCommand::CloudFoundry(args) => {
            (&args.name, cloud_foundry(args, context)?, !args.no_validate)
        }
    };
    check_name(name)?;
    let Some(path) = context.settings.config_path.clone() else {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            "there is no config file to write the account to",
        )
        .with_hint("pass `--config FILE`")
        .into());
    };
    let printer = &context.printer;
    if validate {
        let provider = resolve::provider_for(name, &account)?;
        match provider.check().await {
            Ok(lines) => {
                for line in lines {
                    printer.note(&format!("  ok  {line}\n"));
                }
            }
            Err(error) => {
                let status = if error.is_connectivity() {
                    ExitStatus::Unreachable
                } else {
                    ExitStatus::InvalidInput
                };
                return Err(StatusError::new(
                    status,
                    format!("account `{name}` was not saved: {error}"),
                )
                .with_hint("fix the URL or the login, or pass `--no-validate` to save it anyway")
                .into());
            }
        }
    }
    crate::settings::store::save_account(&path, name, &account)?;
    printer.note(&format!(
        "saved {} account `{name}` in {}\n",
        account.provider(),
        path.display()
    ));
    Ok(ExitStatus::Success)
}

fn check_name(name: &str) -> anyhow::Result<()> {
    let usable = !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    if !usable {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("`{name}` is not a usable account name"),
        )
        .with_hint("use letters, digits, `-`, `_` and `.`")
        .into());
    }
    if SANDBOX_ACCOUNTS.iter().any(|(sandbox, _)| *sandbox == name) {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!("`{name}` is the name of a built-in sandbox account"),
        )
        .with_hint("choose another name")
        .into());
    }
    Ok(())
}

fn dcos(args: &DcosAccountArgs, context: &Context) -> anyhow::Result<AccountConfig> {
    let mut regions = BTreeMap::new();
    for given in &args.regions {
        let Some((region, url)) = given.split_once('=') else {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("`--region {given}` is not NAME=URL"),
            )
            .with_hint("e.g. `--region us-east-1=https://dcos-east.example.com`")
            .into());
        };
        check_url(url, "--region")?;
        if regions
            .insert(region.trim().to_owned(), url.trim().to_owned())
            .is_some()
        {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("region `{region}` is given twice"),
            )
            .into());
        }
    }
    let mut config = DcosAccountConfig {
        regions,
        uid: args.uid.clone(),
        service_key_file: args.service_key_file.clone(),
        token_env: args.token_env.clone(),
        ca_cert: args.ca_cert.clone(),
        insecure: args.insecure,
        ..DcosAccountConfig::default()
    };
    if let Some(uid) = &args.uid
        && args.service_key_file.is_none()
    {
        match secret(
            &args.password,
            context,
            &format!("DC/OS password for {uid}"),
        )? {
            SecretSource::Stored(value) => config.password = Some(value),
            SecretSource::Env(name) => config.password_env = Some(name),
            SecretSource::Command(command) => config.password_command = Some(command),
        }
    }
    Ok(AccountConfig::Dcos(config))
}

fn cloud_foundry(
    args: &CloudFoundryAccountArgs,
    context: &Context,
) -> anyhow::Result<AccountConfig> {
    check_url(&args.api, "--api")?;
    let mut config = CloudFoundryAccountConfig {
        api: args.api.trim_end_matches('/').to_owned(),
        user: args.user.clone(),
        client_id: args.client_id.clone(),
        cf_cli_tokens: args.from_cf_cli,
        skip_ssl_validation: args.skip_ssl_validation,
        ..CloudFoundryAccountConfig::default()
    };
    if let Some(user) = &args.user {
        match secret(
            &args.password,
            context,
            &format!("Cloud Foundry password for {user}"),
        )? {
            SecretSource::Stored(value) => config.password = Some(value),
            SecretSource::Env(name) => config.password_env = Some(name),
            SecretSource::Command(command) => config.password_command = Some(command),
        }
    } else if let Some(client) = &args.client_id {
        match secret(
            &args.password,
            context,
            &format!("secret of UAA client {client}"),
        )? {
            SecretSource::Stored(value) => config.client_secret = Some(value),
            SecretSource::Env(name) => config.client_secret_env = Some(name),
            SecretSource::Command(command) => config.client_secret_command = Some(command),
        }
    } else if !args.from_cf_cli {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            "say how to log in to the Cloud Foundry account",
        )
        .with_hint("pass `--user USER`, `--client-id ID` or `--from-cf-cli`")
        .into());
    }
    Ok(AccountConfig::Cloudfoundry(config))
}

fn check_url(url: &str, flag: &str) -> anyhow::Result<()> {
    let url = url.trim();
    if url.starts_with("http://") || url.starts_with("https://") {
        return Ok(());
    }
    Err(StatusError::new(
        ExitStatus::InvalidInput,
        format!("`{flag} {url}`: the URL must start with https:// (or http://)"),
    )
    .into())
}

/// Where the secret comes from: the flags, else the terminal (stored in the file).
fn secret(args: &SecretArgs, context: &Context, prompt: &str) -> anyhow::Result<SecretSource> {
    if let Some(name) = &args.password_env {
        return Ok(SecretSource::Env(name.clone()));
    }
    if let Some(command) = &args.secret_command {
        return Ok(SecretSource::Command(command.clone()));
    }
    if args.secret_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        let value = line.trim_end_matches(['\r', '\n']).to_owned();
        if value.is_empty() {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                "standard input held no password",
            )
            .into());
        }
        return Ok(SecretSource::Stored(Redacted(value)));
    }
    if context.settings.interactive
        && let Some(value) = crate::ui::prompt::secret(prompt)
    {
        return Ok(SecretSource::Stored(Redacted(value)));
    }
    Err(StatusError::new(
        ExitStatus::InvalidInput,
        format!("no password given and no terminal to ask for it ({prompt})"),
    )
    .with_hint("pass `--password-env VAR`, `--password-command COMMAND` or `--password-stdin`")
    .into())
}
