//! The built-in accounts `sandbox-dcos` and `sandbox-cf`: settings pointing at the shared
//! sandbox simulators of the data directory, started on first use.

use std::path::PathBuf;

use tokio::sync::OnceCell;

use crate::commands::accounts::resolve::SandboxAccounts;
use crate::commands::sandbox::accounts::{CLOUD_FOUNDRY_ACCOUNT, DCOS_ACCOUNT};
use crate::commands::sandbox::{SandboxEndpoints, ensure_running};
use crate::exit_status::{ExitStatus, StatusError};
use crate::settings::accounts::{
    AccountConfig, CloudFoundryAccountConfig, DcosAccountConfig, Redacted,
};

/// The login of the sandbox Cloud Foundry; a fixed, public sandbox credential, not a secret.
const SANDBOX_CF_USER: (&str, &str) = ("admin", "admin");

/// The sandbox of one data directory.
pub(crate) struct BuiltinSandbox {
    data_dir: PathBuf,
    endpoints: OnceCell<SandboxEndpoints>,
}

impl BuiltinSandbox {
    /// The sandbox kept in `data_dir`.
    pub(crate) fn new(data_dir: PathBuf) -> Self {
        Self {
            data_dir,
            endpoints: OnceCell::new(),
        }
    }

    /// The simulators' URLs, starting them when needed.
    pub(crate) async fn endpoints(&self) -> anyhow::Result<&SandboxEndpoints> {
        self.endpoints
            .get_or_try_init(|| ensure_running(&self.data_dir))
            .await
    }
}

/// The settings of the DC/OS sandbox account for the given endpoints.
pub(crate) fn dcos_config(endpoints: &SandboxEndpoints) -> DcosAccountConfig {
    DcosAccountConfig {
        regions: endpoints.dcos.clone(),
        ..DcosAccountConfig::default()
    }
}

/// The settings of the Cloud Foundry sandbox account for the given endpoints.
pub(crate) fn cloud_foundry_config(endpoints: &SandboxEndpoints) -> CloudFoundryAccountConfig {
    CloudFoundryAccountConfig {
        api: endpoints.cloudfoundry_api.clone(),
        user: Some(SANDBOX_CF_USER.0.to_owned()),
        password: Some(Redacted(SANDBOX_CF_USER.1.to_owned())),
        ..CloudFoundryAccountConfig::default()
    }
}

#[async_trait::async_trait]
impl SandboxAccounts for BuiltinSandbox {
    async fn account(&self, name: &str) -> anyhow::Result<AccountConfig> {
        let endpoints = self.endpoints().await?;
        match name {
            DCOS_ACCOUNT => Ok(AccountConfig::Dcos(dcos_config(endpoints))),
            CLOUD_FOUNDRY_ACCOUNT => {
                Ok(AccountConfig::Cloudfoundry(cloud_foundry_config(endpoints)))
            }
            other => Err(StatusError::new(
                ExitStatus::InvalidInput,
                format!("`{other}` is not a sandbox account"),
            )
            .into()),
        }
    }

    fn in_use(&self) -> bool {
        self.data_dir.join("sandbox").is_dir()
    }
}
