//! `gennaker clusters APP`: the global view, every server group of an application over every
//! account and region, with its image, state and instance health.

use futures_util::future::join_all;
use serde_json::{Value, json};

use crate::cli::{ClustersArgs, OutputFormat};
use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};
use crate::providers::cloud::AccountResolver;
use crate::providers::model::ServerGroup;
use crate::ui::table;

/// Lists the server groups; exit 4 when an account could not be read (the others are shown).
pub(crate) async fn run(
    args: &ClustersArgs,
    accounts: &dyn AccountResolver,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let known = accounts.accounts();
    let chosen: Vec<String> = if args.accounts.is_empty() {
        known.iter().map(|(name, _)| name.clone()).collect()
    } else {
        for name in &args.accounts {
            if !known.iter().any(|(known, _)| known == name)
                && accounts.provider(name).await.is_err()
            {
                return Err(StatusError::new(
                    ExitStatus::InvalidInput,
                    format!("there is no account `{name}`"),
                )
                .with_hint("`gennaker config account list` shows the accounts")
                .into());
            }
        }
        args.accounts.clone()
    };
    let lookups = chosen.iter().map(|name| async move {
        let provider = accounts.provider(name).await?;
        provider.server_groups(&args.application, None).await
    });
    let mut groups: Vec<ServerGroup> = Vec::new();
    let mut failed = false;
    for (name, result) in chosen.iter().zip(join_all(lookups).await) {
        match result {
            Ok(found) => groups.extend(found),
            Err(error) => {
                failed = true;
                context
                    .printer
                    .err(&format!("warning: account `{name}`: {error}\n"));
            }
        }
    }
    groups.sort_by(|a, b| {
        (&a.account, &a.region, a.cluster(), a.created_time, &a.name).cmp(&(
            &b.account,
            &b.region,
            b.cluster(),
            b.created_time,
            &b.name,
        ))
    });
    print(&groups, context)?;
    Ok(if failed {
        ExitStatus::Unreachable
    } else {
        ExitStatus::Success
    })
}

/// The JSON object of one server group; the keys are an interface for scripts.
pub(crate) fn json_of(group: &ServerGroup) -> Value {
    json!({
        "account": group.account,
        "region": group.region,
        "cluster": group.cluster(),
        "serverGroup": group.name,
        "image": group.image.as_ref().map(|image| image.name.clone()),
        "enabled": group.enabled,
        "instances": {"up": group.instances.up, "total": group.instances.total},
        "createdTime": group.created_time,
    })
}

fn print(groups: &[ServerGroup], context: &Context) -> anyhow::Result<()> {
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(&groups.iter().map(json_of).collect::<Vec<_>>())?;
        return Ok(());
    }
    let now = crate::engine::clock::now_ms();
    let rows: Vec<Vec<String>> = groups
        .iter()
        .map(|group| {
            vec![
                group.account.clone(),
                group.region.clone(),
                group.cluster(),
                group.name.clone(),
                group
                    .image
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |image| image.name.clone()),
                state(group).to_owned(),
                format!("{}/{}", group.instances.up, group.instances.total),
                group.created_time.map_or_else(
                    || "-".to_owned(),
                    |created| format!("{} ago", table::duration_ms(now.saturating_sub(created))),
                ),
            ]
        })
        .collect();
    if printer.format == OutputFormat::Table {
        if rows.is_empty() {
            printer.note("no server groups found\n");
            return Ok(());
        }
        printer.out(&table::render(
            &[
                "ACCOUNT",
                "REGION",
                "CLUSTER",
                "SERVER GROUP",
                "IMAGE",
                "STATUS",
                "UP/TOTAL",
                "CREATED",
            ],
            &rows,
        ))?;
    } else {
        for row in rows {
            printer.out(&format!("{}\n", row.join("\t")))?;
        }
    }
    Ok(())
}

/// One word for the state of a server group.
pub(crate) fn state(group: &ServerGroup) -> &'static str {
    if group.busy {
        "deploying"
    } else if !group.enabled {
        "disabled"
    } else if group.instances.up < group.capacity.desired {
        "degraded"
    } else {
        "enabled"
    }
}
