//! `gennaker sandbox serve` (the simulators standalone until Ctrl-C or SIGTERM, after printing
//! their base URLs as the first line on stdout) and the hidden `gennaker sandbox daemon` (the
//! background sandbox that [`super::ensure_running`] starts).

use std::time::Duration;

use anyhow::Context as _;
use serde_json::json;

use super::layout::SandboxDir;
use super::persist::{PersistOptions, serve_persisted};
use super::simulators::SandboxSimulators;
use crate::cli::{SandboxDaemonArgs, SandboxServeArgs};
use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};

/// Starts one simulated DC/OS cluster per region and a Cloud Foundry (Cloud Controller + UAA),
/// and serves until interrupted; with `--persist`, the sandbox accounts' saved state.
pub(crate) async fn serve(
    args: &SandboxServeArgs,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    if args.persist {
        let options = PersistOptions {
            background: false,
            idle_exit: None,
        };
        let dir = SandboxDir::new(&context.settings.data_dir);
        return serve_persisted(&dir, options, &context.printer).await;
    }
    let regions = regions(&args.regions)?;
    let simulators = SandboxSimulators::start(&regions, None).await?;
    // The first stdout line is an interface: other tools read the URLs from it.
    context
        .printer
        .out(&format!("{}\n", json!(simulators.endpoints().urls_line())))?;
    context
        .printer
        .note("sandbox: serving the simulators; press Ctrl-C to stop\n");
    wait_for_stop_signal().await?;
    simulators.shutdown();
    context.printer.note("sandbox: stopped\n");
    Ok(ExitStatus::Success)
}

/// The background sandbox: `serve --persist` that stops by itself when idle.
pub(crate) async fn daemon(
    args: &SandboxDaemonArgs,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let options = PersistOptions {
        background: true,
        idle_exit: Some(Duration::from_secs(args.idle_exit)),
    };
    let dir = SandboxDir::new(&context.settings.data_dir);
    serve_persisted(&dir, options, &context.printer).await
}

/// Checks the region names: non-empty, unique, and usable in a URL path and a file name.
fn regions(raw: &[String]) -> anyhow::Result<Vec<String>> {
    let mut regions: Vec<String> = Vec::new();
    for region in raw.iter().map(|region| region.trim()) {
        let usable = !region.is_empty()
            && region
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
        if !usable {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("`{region}` is not a usable region name"),
            )
            .with_hint(
                "use letters, digits, `-`, `_` and `.`, e.g. `--regions us-east-1,us-west-1`",
            )
            .into());
        }
        if regions.iter().any(|known| known == region) {
            return Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("region `{region}` is given twice"),
            )
            .into());
        }
        regions.push(region.to_owned());
    }
    Ok(regions)
}

/// Waits for Ctrl-C, or SIGTERM on Unix.
pub(super) async fn wait_for_stop_signal() -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .context("cannot listen for SIGTERM")?;
        tokio::select! {
            result = tokio::signal::ctrl_c() => result.context("cannot listen for Ctrl-C")?,
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    tokio::signal::ctrl_c()
        .await
        .context("cannot listen for Ctrl-C")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_must_be_usable_and_unique() {
        assert_eq!(
            regions(&["us-east-1".to_owned(), " eu_1 ".to_owned()]).unwrap(),
            ["us-east-1", "eu_1"]
        );
        assert!(regions(&["a/b".to_owned()]).is_err());
        assert!(regions(&[String::new()]).is_err());
        assert!(regions(&["a".to_owned(), "a".to_owned()]).is_err());
    }
}
