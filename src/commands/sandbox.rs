//! `gennaker sandbox serve`: runs the simulators standalone until Ctrl-C or SIGTERM, after
//! printing their base URLs as the first line on stdout.

use anyhow::Context as _;
use serde_json::{Map, Value, json};

use crate::cli::SandboxServeArgs;
use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};
use crate::simulator::cloudfoundry::{CloudFoundryConfig, CloudFoundrySimulator};
use crate::simulator::dcos::{self, ClusterOptions};

/// Starts one simulated DC/OS cluster per region and a Cloud Foundry (Cloud Controller + UAA),
/// and serves until interrupted.
pub(crate) async fn serve(
    args: &SandboxServeArgs,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    let regions = regions(&args.regions)?;
    let clusters = dcos::start_regions(&regions, ClusterOptions::new)
        .await
        .context("cannot start the DC/OS simulator")?;
    let urls: Map<String, Value> = clusters
        .iter()
        .map(|(region, cluster)| (region.clone(), json!(cluster.base_url())))
        .collect();
    let cloud_foundry = CloudFoundrySimulator::start(&CloudFoundryConfig::default())
        .context("cannot start the Cloud Foundry simulator")?;
    let cloud_foundry_urls =
        json!({"api": cloud_foundry.api_url(), "uaa": cloud_foundry.uaa_url()});
    // The first stdout line is an interface: other tools read the URLs from it.
    context.printer.out(&format!(
        "{}\n",
        json!({ "dcos": urls, "cloudfoundry": cloud_foundry_urls })
    ))?;
    context
        .printer
        .note("sandbox: serving the simulators; press Ctrl-C to stop\n");
    wait_for_stop_signal().await?;
    for cluster in clusters.values() {
        cluster.shutdown();
    }
    cloud_foundry.shutdown();
    context.printer.note("sandbox: stopped\n");
    Ok(ExitStatus::Success)
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
async fn wait_for_stop_signal() -> anyhow::Result<()> {
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
