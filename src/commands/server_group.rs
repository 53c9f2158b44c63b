//! `gennaker server-group show|resize|enable|disable|destroy`: one-off operations on a server
//! group, through the same guarded operations as the stages, waiting until the provider shows
//! the change done (unless `--no-wait`).

use std::time::{Duration, Instant};

use serde_json::json;

use crate::cli::{DestroyArgs, OutputFormat, ResizeArgs, ServerGroupArgs, ServerGroupCommand};
use crate::commands::Context;
use crate::commands::accounts::provider_failure;
use crate::commands::clusters::{json_of, state};
use crate::exit_status::{ExitStatus, StatusError};
use crate::providers::cloud::CloudProvider;
use crate::providers::model::{Capacity, ServerGroup};
use crate::stages::CloudSettings;
use crate::stages::cloud::operations::{self, Change, OperationError};

/// How long a one-off operation may take before the command gives up waiting.
const PATIENCE: Duration = Duration::from_secs(600);

/// Runs a `server-group` subcommand.
pub(crate) async fn run(
    command: &ServerGroupCommand,
    cloud: &CloudSettings,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    match command {
        ServerGroupCommand::Show(args) => show(args, cloud, context).await,
        ServerGroupCommand::Resize(args) => resize(args, cloud, context).await,
        ServerGroupCommand::Enable(args) => change(args, Change::Enable, cloud, context).await,
        ServerGroupCommand::Disable(args) => change(args, Change::Disable, cloud, context).await,
        ServerGroupCommand::Destroy(args) => destroy(args, cloud, context).await,
    }
}

/// The provider of the account and the server group as it stands; exit 2 when it does not
/// exist.
async fn find(
    args: &ServerGroupArgs,
    cloud: &CloudSettings,
) -> anyhow::Result<(std::sync::Arc<dyn CloudProvider>, ServerGroup)> {
    let provider = cloud
        .accounts
        .provider(&args.account)
        .await
        .map_err(|error| provider_failure(&error))?;
    let group = provider
        .server_group(&args.region, &args.name)
        .await
        .map_err(|error| provider_failure(&error))?;
    let Some(group) = group else {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "there is no server group `{}` in account `{}`, region `{}`",
                args.name, args.account, args.region
            ),
        )
        .with_hint(format!(
            "`gennaker clusters {}` lists the server groups of the application",
            crate::providers::naming::parse(&args.name).map_or(args.name.clone(), |m| m.app)
        ))
        .into());
    };
    Ok((provider, group))
}

async fn show(
    args: &ServerGroupArgs,
    cloud: &CloudSettings,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let (_, group) = find(args, cloud).await?;
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        let mut value = json_of(&group);
        value["capacity"] = json!(group.capacity);
        value["instanceCounts"] = json!(group.instances);
        value["loadBalancers"] = json!(group.load_balancers);
        value["cloudProvider"] = json!(group.cloud_provider);
        value["native"] = group.native.clone();
        printer.json(&value)?;
        return Ok(ExitStatus::Success);
    }
    let image = group
        .image
        .as_ref()
        .map_or("-", |image| image.name.as_str());
    let created = group
        .created_time
        .map_or_else(|| "-".to_owned(), |ms| format!("{ms} (epoch ms)"));
    let lines = [
        ("server group", group.name.clone()),
        ("cluster", group.cluster()),
        ("account", group.account.clone()),
        ("region", group.region.clone()),
        ("provider", group.cloud_provider.to_owned()),
        ("status", state(&group).to_owned()),
        ("image", image.to_owned()),
        (
            "capacity",
            format!(
                "min {} / desired {} / max {}",
                group.capacity.min, group.capacity.desired, group.capacity.max
            ),
        ),
        (
            "instances",
            format!(
                "{} up, {} starting, {} down, {} in all",
                group.instances.up,
                group.instances.starting,
                group.instances.down,
                group.instances.total
            ),
        ),
        (
            "load balancers",
            if group.load_balancers.is_empty() {
                "-".to_owned()
            } else {
                group.load_balancers.join(", ")
            },
        ),
        ("created", created),
    ];
    let mut text = String::new();
    for (key, value) in &lines {
        text.push_str(&format!("{key:<15} {value}\n"));
    }
    printer.out(&text)?;
    Ok(ExitStatus::Success)
}

async fn resize(
    args: &ResizeArgs,
    cloud: &CloudSettings,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let capacity = Capacity {
        min: args.min.unwrap_or(args.desired),
        max: args.max.unwrap_or(args.desired),
        desired: args.desired,
    };
    if capacity.min > capacity.desired || capacity.desired > capacity.max {
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "min {} / desired {} / max {} is not a capacity",
                capacity.min, capacity.desired, capacity.max
            ),
        )
        .with_hint("min ≤ desired ≤ max")
        .into());
    }
    change(&args.target, Change::Resize(capacity), cloud, context).await
}

async fn destroy(
    args: &DestroyArgs,
    cloud: &CloudSettings,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    if !args.yes {
        let question = format!(
            "Destroy {} in {} / {}? This cannot be undone",
            args.target.name, args.target.account, args.target.region
        );
        if !context.settings.interactive {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                "destroying a server group needs a confirmation",
            )
            .with_hint("pass `--yes` when no one is at a terminal to confirm")
            .into());
        }
        if crate::ui::prompt::confirm(&question) != Some(true) {
            context.printer.note("nothing destroyed\n");
            return Ok(ExitStatus::Canceled);
        }
    }
    change(&args.target, Change::Destroy, cloud, context).await
}

/// Carries out `change` (destroy disables first, as the stage does) and waits for it.
async fn change(
    args: &ServerGroupArgs,
    change: Change,
    cloud: &CloudSettings,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let (provider, _) = find(args, cloud).await?;
    let provider = provider.as_ref();
    let guards = &cloud.traffic_guards;
    let (region, name) = (args.region.as_str(), args.name.as_str());
    let steps: &[Change] = match change {
        Change::Destroy => &[Change::Disable, Change::Destroy],
        _ => std::slice::from_ref(&change),
    };
    for step in steps {
        let started = match *step {
            Change::Resize(capacity) => {
                operations::resize(provider, guards, region, name, capacity).await
            }
            Change::Disable => operations::disable(provider, guards, region, name).await,
            Change::Enable => operations::enable(provider, region, name).await,
            Change::Destroy => operations::destroy(provider, guards, region, name).await,
        };
        match started {
            Ok(()) => {}
            Err(OperationError::Refused(message)) => {
                return Err(StatusError::new(ExitStatus::Failed, message)
                    .with_hint("nothing was changed")
                    .into());
            }
            Err(OperationError::Provider(error)) => return Err(provider_failure(&error)),
        }
        if args.no_wait {
            continue;
        }
        wait(provider, region, name, *step).await?;
    }
    let done = match change {
        Change::Resize(capacity) => format!("resized to {}", capacity.desired),
        Change::Disable => "disabled".to_owned(),
        Change::Enable => "enabled".to_owned(),
        Change::Destroy => "destroyed".to_owned(),
    };
    let when = if args.no_wait {
        " (not waiting for it to finish)"
    } else {
        ""
    };
    context.printer.note(&format!(
        "{name} in {} / {region}: {done}{when}\n",
        args.account
    ));
    Ok(ExitStatus::Success)
}

async fn wait(
    provider: &dyn CloudProvider,
    region: &str,
    name: &str,
    change: Change,
) -> anyhow::Result<()> {
    let started = Instant::now();
    loop {
        if operations::settled(provider, region, name, change)
            .await
            .map_err(|error| provider_failure(&error))?
        {
            return Ok(());
        }
        if started.elapsed() > PATIENCE {
            return Err(StatusError::new(
                ExitStatus::Failed,
                format!("{name} did not settle within {} s", PATIENCE.as_secs()),
            )
            .with_hint("`gennaker server-group show` tells where it stands")
            .into());
        }
        provider
            .wait_for_change(region, name, Duration::from_secs(2))
            .await;
    }
}
