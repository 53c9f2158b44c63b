//! Clients for the outside world: the cloud providers gennaker deploys to, and the HTTP fetch
//! of the URL helpers. Uses nothing else of the crate.
//!
//! - `cloud`: the [`cloud::CloudProvider`] trait every provider implements, and the account
//!   resolver stages find providers through.
//! - `model`, `naming`, `error`: the provider-neutral shapes (server groups, Frigga names,
//!   errors sorted by what a caller does next).
//! - `http`: TLS, credentials and retries shared by the provider clients.
//! - `cloudfoundry`: the Cloud Foundry provider (Cloud Controller v3 + UAA).

pub(crate) mod cloud;
pub(crate) mod cloudfoundry;
pub(crate) mod dcos;
pub(crate) mod error;
pub(crate) mod http;
pub(crate) mod model;
pub(crate) mod naming;
pub(crate) mod url_fetch;
