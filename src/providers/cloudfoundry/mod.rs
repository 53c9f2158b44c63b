//! The Cloud Foundry provider: a client of the Cloud Controller v3 API and UAA, written from
//! their documentation (see `tests/fixtures/cloudfoundry/README.md` for the bodies it is
//! checked against).
//!
//! Spinnaker's CF model: a server group is an app named `app-stack-detail-vNNN` in a space;
//! a region is `org > space`; a load balancer is a route `host.domain/path`; disabling stops
//! the app and keeps its routes. Start at [`CloudFoundryProvider`].
//!
//! - `account`, `uaa`: configuration and tokens; `client`, `resources`: the wire.
//! - `region`: regions and space guids; `apps`: reading server groups.
//! - `deploy`: creating one (quick steps at once, staging and start polled);
//!   `operations`: resize, enable, disable, destroy; `tasks`: runJob.
//! - `routes`, `services`, `bindings`: CF-only operations, reached by downcasting.

mod account;
mod apps;
mod bindings;
mod client;
mod deploy;
mod operations;
mod provider;
mod region;
mod resources;
mod routes;
mod services;
mod tasks;
mod uaa;

#[cfg(test)]
mod tests;

pub(crate) use account::{CfAuth, CloudFoundryAccount};
pub(crate) use bindings::BindingRequest;
pub(crate) use provider::CloudFoundryProvider;
pub(crate) use services::{AsyncOperation, OperationState, ServiceInstanceRequest, ServiceStatus};
