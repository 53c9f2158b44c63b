//! From account settings to providers: [`provider_for`] builds the client of one configured
//! account, and [`Accounts`] is the resolver the stages and commands look accounts up in, the
//! built-in sandbox accounts included (their simulators start on first use).

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::sync::Mutex;

use crate::commands::Context;
use crate::commands::accounts::SANDBOX_ACCOUNTS;
use crate::exit_status::{ExitStatus, StatusError};
use crate::providers::cloud::{AccountResolver, CloudProvider};
use crate::providers::cloudfoundry::{CfAuth, CloudFoundryAccount, CloudFoundryProvider};
use crate::providers::dcos::{DcosAccount, DcosAuth, DcosClusterConfig, DcosProvider};
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::http::TlsOptions;
use crate::settings::accounts::{AccountConfig, CloudFoundryAccountConfig, DcosAccountConfig};

fn invalid_account(name: &str) -> impl Fn(ProviderError) -> anyhow::Error + '_ {
    move |error| {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!("account `{name}`: {error}"),
        )
        .into()
    }
}

fn read_file(path: &std::path::Path, what: &str) -> anyhow::Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!("cannot read the {what} `{}`: {error}", path.display()),
        )
        .into()
    })
}

fn dcos_account(name: &str, config: &DcosAccountConfig) -> anyhow::Result<DcosAccount> {
    let what = |secret: &str| format!("the {secret} of account `{name}`");
    let auth = match (&config.uid, &config.service_key_file) {
        (Some(uid), Some(key)) => DcosAuth::ServiceKey {
            uid: uid.clone(),
            private_key_pem: String::from_utf8_lossy(&read_file(key, "service account key")?)
                .into_owned(),
        },
        (Some(uid), None) => {
            let password = match config.password()? {
                Some(source) => source.resolve(&what("password"))?,
                None => {
                    return Err(StatusError::new(
                        ExitStatus::InvalidInput,
                        format!("account `{name}` logs in as {uid} but has no password"),
                    )
                    .with_hint("add it again with `--password-env`, `--password-command` or `--password-stdin`")
                    .into());
                }
            };
            DcosAuth::Password {
                uid: uid.clone(),
                password,
            }
        }
        (None, _) => match config.token()? {
            Some(source) => DcosAuth::Token(source.resolve(&what("token"))?),
            None => DcosAuth::None,
        },
    };
    let tls = TlsOptions {
        ca_cert_pem: match &config.ca_cert {
            Some(path) => Some(read_file(path, "CA certificate")?),
            None => None,
        },
        insecure: config.insecure,
    };
    Ok(DcosAccount {
        name: name.to_owned(),
        clusters: config
            .regions
            .iter()
            .map(|(region, url)| DcosClusterConfig {
                name: region.clone(),
                url: url.clone(),
            })
            .collect(),
        auth,
        tls,
    })
}

fn cloud_foundry_account(
    name: &str,
    config: &CloudFoundryAccountConfig,
) -> anyhow::Result<CloudFoundryAccount> {
    let what = |secret: &str| format!("the {secret} of account `{name}`");
    let missing = |secret: &str| -> anyhow::Error {
        StatusError::new(
            ExitStatus::InvalidInput,
            format!("account `{name}` has no {secret}"),
        )
        .with_hint("add it again with `--password-env`, `--password-command` or `--password-stdin`")
        .into()
    };
    let auth = if let Some(user) = &config.user {
        let source = config.password()?.ok_or_else(|| missing("password"))?;
        CfAuth::Password {
            user: user.clone(),
            password: source.resolve(&what("password"))?,
        }
    } else if let Some(id) = &config.client_id {
        let source = config
            .client_secret()?
            .ok_or_else(|| missing("client secret"))?;
        CfAuth::Client {
            id: id.clone(),
            secret: source.resolve(&what("client secret"))?,
        }
    } else if config.cf_cli_tokens {
        let tokens = crate::settings::accounts::cf_cli_tokens()?;
        CfAuth::Tokens {
            access: tokens.access,
            refresh: tokens.refresh,
        }
    } else {
        return Err(missing("login (user, client or cf CLI tokens)"));
    };
    Ok(CloudFoundryAccount {
        name: name.to_owned(),
        api: config.api.clone(),
        auth,
        tls: TlsOptions {
            ca_cert_pem: None,
            insecure: config.skip_ssl_validation,
        },
    })
}

/// The accounts of the config file and the built-in sandbox, built on first use.
pub(crate) struct Accounts {
    configured: BTreeMap<String, AccountConfig>,
    sandbox: Arc<dyn SandboxAccounts>,
    built: Mutex<BTreeMap<String, Arc<dyn CloudProvider>>>,
}

/// How the built-in sandbox accounts are reached; the sandbox command module provides it.
#[async_trait::async_trait]
pub(crate) trait SandboxAccounts: Send + Sync {
    /// The account settings of a sandbox account, its simulators started when needed.
    async fn account(&self, name: &str) -> anyhow::Result<AccountConfig>;

    /// Whether the sandbox has been used (has state), so the global view includes it.
    fn in_use(&self) -> bool;
}

impl Accounts {
    /// The accounts of `context`'s config file, with the sandbox reached through `sandbox`;
    /// with `only`, those accounts instead of the config file's (a rehearsal must never reach
    /// a real account).
    pub(crate) fn new(
        context: &Context,
        sandbox: Arc<dyn SandboxAccounts>,
        only: Option<BTreeMap<String, AccountConfig>>,
    ) -> Self {
        Self {
            configured: only.unwrap_or_else(|| context.settings.config.accounts.clone()),
            sandbox,
            built: Mutex::new(BTreeMap::new()),
        }
    }

    async fn build(&self, name: &str) -> anyhow::Result<Arc<dyn CloudProvider>> {
        let config = match self.configured.get(name) {
            Some(config) => config.clone(),
            None if SANDBOX_ACCOUNTS.iter().any(|(sandbox, _)| *sandbox == name) => {
                self.sandbox.account(name).await?
            }
            None => {
                let mut known: Vec<&str> = self.configured.keys().map(String::as_str).collect();
                known.extend(SANDBOX_ACCOUNTS.iter().map(|(name, _)| *name));
                return Err(StatusError::new(
                    ExitStatus::InvalidInput,
                    format!("there is no account `{name}`"),
                )
                .with_hint(format!(
                    "known accounts: {}; add one with `gennaker config account add`",
                    known.join(", ")
                ))
                .into());
            }
        };
        provider_for(name, &config)
    }
}

/// Builds the provider of an account, reading its secrets now.
pub(crate) fn provider_for(
    name: &str,
    config: &AccountConfig,
) -> anyhow::Result<Arc<dyn CloudProvider>> {
    let provider: Arc<dyn CloudProvider> = match config {
        AccountConfig::Dcos(config) => {
            Arc::new(DcosProvider::new(dcos_account(name, config)?).map_err(invalid_account(name))?)
        }
        AccountConfig::Cloudfoundry(config) => Arc::new(
            CloudFoundryProvider::new(cloud_foundry_account(name, config)?)
                .map_err(invalid_account(name))?,
        ),
    };
    Ok(provider)
}

#[async_trait::async_trait]
impl AccountResolver for Accounts {
    async fn provider(&self, account: &str) -> ProviderResult<Arc<dyn CloudProvider>> {
        let mut built = self.built.lock().await;
        if let Some(provider) = built.get(account) {
            return Ok(Arc::clone(provider));
        }
        let provider = self
            .build(account)
            .await
            .map_err(|error| ProviderError::invalid(format!("{error:#}")))?;
        built.insert(account.to_owned(), Arc::clone(&provider));
        Ok(provider)
    }

    fn accounts(&self) -> Vec<(String, &'static str)> {
        let sandbox = self.sandbox.in_use();
        let mut all: Vec<(String, &'static str)> = self
            .configured
            .iter()
            .map(|(name, config)| (name.clone(), config.provider()))
            .collect();
        for (name, provider) in SANDBOX_ACCOUNTS {
            if sandbox && !self.configured.contains_key(name) {
                all.push((name.to_owned(), provider));
            }
        }
        all
    }
}
