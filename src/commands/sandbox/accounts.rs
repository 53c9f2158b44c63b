//! The built-in sandbox accounts and their regions, as users name them.

/// The DC/OS sandbox account.
pub(crate) const DCOS_ACCOUNT: &str = "sandbox-dcos";

/// Its regions, one simulated DC/OS cluster each.
pub(crate) const DCOS_REGIONS: [&str; 2] = ["us-east-1", "us-west-1"];

/// The Cloud Foundry sandbox account.
pub(crate) const CLOUD_FOUNDRY_ACCOUNT: &str = "sandbox-cf";

/// Its organization (the simulator's default seed).
pub(crate) const CLOUD_FOUNDRY_ORGANIZATION: &str = "sandbox";

/// The spaces of that organization; a Cloud Foundry "region" is `org > space`.
pub(crate) const CLOUD_FOUNDRY_SPACES: [&str; 2] = ["dev", "prod"];

/// The regions of `sandbox-dcos` as owned strings.
pub(crate) fn dcos_regions() -> Vec<String> {
    DCOS_REGIONS
        .iter()
        .map(|region| (*region).to_owned())
        .collect()
}

/// A Cloud Foundry region as Spinnaker writes it: `org > space`.
pub(crate) fn cloud_foundry_region(organization: &str, space: &str) -> String {
    format!("{organization} > {space}")
}

/// The sandbox's Cloud Foundry regions, `sandbox > dev` and `sandbox > prod`.
pub(crate) fn cloud_foundry_regions() -> Vec<String> {
    CLOUD_FOUNDRY_SPACES
        .iter()
        .map(|space| cloud_foundry_region(CLOUD_FOUNDRY_ORGANIZATION, space))
        .collect()
}
