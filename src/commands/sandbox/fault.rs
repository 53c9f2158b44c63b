//! `gennaker sandbox fault ACCOUNT REGION KIND`: sets (or clears) a fault on one region of a
//! sandbox account, through the running sandbox's control API or in the saved state. Faults
//! persist with the state until cleared or reset.

use std::time::Duration;

use anyhow::Context as _;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::access::SandboxAccess;
use super::accounts::{
    CLOUD_FOUNDRY_ACCOUNT, CLOUD_FOUNDRY_ORGANIZATION, CLOUD_FOUNDRY_SPACES, DCOS_ACCOUNT,
    DCOS_REGIONS, cloud_foundry_regions,
};
use super::endpoints::{SandboxEndpoints, local_client, unreachable};
use super::fault_kind::{
    FaultKind, apply_cloud_foundry, apply_dcos, describe_cloud_foundry, describe_dcos,
};
use super::layout::SandboxDir;
use crate::cli::SandboxFaultArgs;
use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};
use crate::simulator::cloudfoundry::CloudFoundryFaults;
use crate::simulator::fault::Faults;

/// Budget of one control API request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Where a fault goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// One DC/OS cluster.
    Dcos { region: String },
    /// The apps of one space of the Cloud Foundry.
    CloudFoundry { space: String },
}

impl Target {
    fn parse(account: &str, region: &str) -> Result<Self, StatusError> {
        let region = region.trim();
        match account.trim() {
            DCOS_ACCOUNT => {
                if DCOS_REGIONS.contains(&region) {
                    Ok(Self::Dcos {
                        region: region.to_owned(),
                    })
                } else {
                    Err(unknown_region(DCOS_ACCOUNT, region, &DCOS_REGIONS.join(", ")))
                }
            }
            CLOUD_FOUNDRY_ACCOUNT => {
                let space = region
                    .split_once('>')
                    .filter(|(organization, _)| organization.trim() == CLOUD_FOUNDRY_ORGANIZATION)
                    .map(|(_, space)| space.trim())
                    .filter(|space| CLOUD_FOUNDRY_SPACES.contains(space));
                match space {
                    Some(space) => Ok(Self::CloudFoundry {
                        space: space.to_owned(),
                    }),
                    None => Err(unknown_region(
                        CLOUD_FOUNDRY_ACCOUNT,
                        region,
                        &cloud_foundry_regions()
                            .iter()
                            .map(|region| format!("'{region}'"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    )),
                }
            }
            other => Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("`{other}` is not a sandbox account"),
            )
            .with_hint(format!(
                "ACCOUNT is `{DCOS_ACCOUNT}` (regions {}) or `{CLOUD_FOUNDRY_ACCOUNT}` (regions {})",
                DCOS_REGIONS.join(", "),
                cloud_foundry_regions().join(", ")
            ))),
        }
    }

    fn describe(&self) -> String {
        match self {
            Self::Dcos { region } => format!("{DCOS_ACCOUNT} {region}"),
            Self::CloudFoundry { space } => {
                format!("{CLOUD_FOUNDRY_ACCOUNT} '{CLOUD_FOUNDRY_ORGANIZATION} > {space}'")
            }
        }
    }
}

fn unknown_region(account: &str, region: &str, valid: &str) -> StatusError {
    StatusError::new(
        ExitStatus::InvalidInput,
        format!("`{region}` is not a region of `{account}`"),
    )
    .with_hint(format!("the regions of `{account}` are {valid}"))
}

/// Sets the fault and says what the region's faults are now.
pub(crate) async fn fault(
    args: &SandboxFaultArgs,
    context: &Context,
) -> anyhow::Result<ExitStatus> {
    // Check everything before touching the sandbox: bad input changes nothing.
    let target = Target::parse(&args.account, &args.region)?;
    let kind = FaultKind::parse(&args.kind)?;
    let dir = SandboxDir::new(&context.settings.data_dir);
    let access = SandboxAccess::for_change(&dir).await?;
    let running = matches!(access, SandboxAccess::Running(_));
    let changed = match access.endpoints() {
        Some(endpoints) => apply(&endpoints, &target, kind).await,
        None => Err(anyhow::anyhow!("the sandbox could not be loaded")),
    };
    access.finish(&dir)?;
    let faults = changed?;
    let now = if faults.is_empty() {
        "no faults".to_owned()
    } else {
        faults.join(", ")
    };
    let when = if running {
        "in force now"
    } else {
        "saved; in force when the sandbox starts"
    };
    context
        .printer
        .out(&format!("{}: {now} ({when})\n", target.describe()))?;
    if kind.is_http() && matches!(target, Target::CloudFoundry { .. }) {
        context.printer.note(
            "note: Cloud Foundry HTTP faults apply to the whole foundation, every space alike\n",
        );
    }
    Ok(ExitStatus::Success)
}

/// Reads the target's faults from its control API, applies `kind`, writes them back, and
/// returns the region's faults in `sandbox fault` words.
async fn apply(
    endpoints: &SandboxEndpoints,
    target: &Target,
    kind: FaultKind,
) -> anyhow::Result<Vec<String>> {
    let client = local_client(REQUEST_TIMEOUT)?;
    match target {
        Target::Dcos { region } => {
            let base = endpoints
                .dcos
                .get(region)
                .with_context(|| format!("the sandbox runs no DC/OS region `{region}`"))?;
            let url = format!("{base}/__simulator/faults");
            let mut faults: Faults = call(&client, client.get(&url)).await?;
            apply_dcos(&mut faults, kind);
            let faults: Faults = call(&client, put_json(&client, &url, &faults)?).await?;
            Ok(describe_dcos(&faults))
        }
        Target::CloudFoundry { space } => {
            let url = format!("{}/_simulator/faults", endpoints.cloudfoundry_api);
            let mut faults: CloudFoundryFaults = call(&client, client.get(&url)).await?;
            apply_cloud_foundry(&mut faults, space, kind);
            let faults: CloudFoundryFaults =
                call(&client, put_json(&client, &url, &faults)?).await?;
            Ok(describe_cloud_foundry(&faults, space))
        }
    }
}

fn put_json(
    client: &reqwest::Client,
    url: &str,
    body: &impl Serialize,
) -> anyhow::Result<reqwest::RequestBuilder> {
    Ok(client
        .put(url)
        .header("content-type", "application/json")
        .body(serde_json::to_vec(body)?))
}

async fn call<T: DeserializeOwned>(
    client: &reqwest::Client,
    request: reqwest::RequestBuilder,
) -> anyhow::Result<T> {
    let request = request.build()?;
    let described = format!("{} {}", request.method(), request.url());
    let response = client
        .execute(request)
        .await
        .map_err(|error| unreachable(&described, &error))?;
    let status = response.status();
    let bytes = response.bytes().await?;
    if !status.is_success() {
        anyhow::bail!(
            "`{described}` answered {status}: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
    serde_json::from_slice(&bytes).with_context(|| format!("unexpected answer to `{described}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_name_a_sandbox_account_and_one_of_its_regions() {
        assert_eq!(
            Target::parse("sandbox-dcos", "us-west-1").unwrap(),
            Target::Dcos {
                region: "us-west-1".to_owned()
            }
        );
        assert_eq!(
            Target::parse("sandbox-cf", " sandbox>prod ").unwrap(),
            Target::CloudFoundry {
                space: "prod".to_owned()
            }
        );
        let unknown_account = Target::parse("prod-dcos", "us-west-1").unwrap_err();
        assert!(unknown_account.hint.unwrap().contains("sandbox-cf"));
        let unknown_region = Target::parse("sandbox-dcos", "eu-west-1").unwrap_err();
        assert_eq!(unknown_region.status, ExitStatus::InvalidInput);
        assert!(
            unknown_region
                .hint
                .unwrap()
                .contains("us-east-1, us-west-1")
        );
        let unknown_space = Target::parse("sandbox-cf", "other > dev").unwrap_err();
        assert!(unknown_space.hint.unwrap().contains("'sandbox > dev'"));
    }
}
