//! The operations on one server group, with the traffic guard checked before anything is
//! touched: [`resize`], [`disable`], [`enable`], [`destroy`]; and [`settled`], whether the
//! provider shows a change done. The stages call these, and so do the one-off `server-group`
//! commands, so both go through the same safety rails.
//!
//! Each call only starts the change; waiting is the caller's (a task polling, a command's loop).

use std::fmt;

use crate::providers::cloud::CloudProvider;
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::model::{Capacity, ServerGroup};
use crate::stages::cloud::TrafficGuard;
use crate::stages::cloud::guards::{self, Removal};

/// Why an operation was not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum OperationError {
    /// A traffic guard refused it; nothing was touched.
    Refused(String),
    /// The provider failed.
    Provider(ProviderError),
}

impl fmt::Display for OperationError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Refused(message) => formatter.write_str(message),
            Self::Provider(error) => write!(formatter, "{error}"),
        }
    }
}

impl std::error::Error for OperationError {}

impl From<ProviderError> for OperationError {
    fn from(error: ProviderError) -> Self {
        Self::Provider(error)
    }
}

/// A change to one server group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// To this size.
    Resize(Capacity),
    /// Out of service.
    Disable,
    /// Back into service.
    Enable,
    /// Gone.
    Destroy,
}

/// Resizes a server group; to 0 only when its cluster's guard allows it.
pub(crate) async fn resize(
    provider: &dyn CloudProvider,
    guards: &[TrafficGuard],
    region: &str,
    name: &str,
    capacity: Capacity,
) -> Result<(), OperationError> {
    if capacity.desired == 0 {
        guards::check(
            guards,
            provider,
            region,
            &[name.to_owned()],
            Removal::ScaleToZero,
        )
        .await?;
    }
    provider.resize(region, name, capacity).await?;
    Ok(())
}

/// Disables a server group when its cluster's guard allows it.
pub(crate) async fn disable(
    provider: &dyn CloudProvider,
    guards: &[TrafficGuard],
    region: &str,
    name: &str,
) -> Result<(), OperationError> {
    guards::check(
        guards,
        provider,
        region,
        &[name.to_owned()],
        Removal::Disable,
    )
    .await?;
    provider.disable(region, name).await?;
    Ok(())
}

/// Enables a server group; traffic guards never stop adding traffic.
pub(crate) async fn enable(
    provider: &dyn CloudProvider,
    region: &str,
    name: &str,
) -> Result<(), OperationError> {
    provider.enable(region, name).await?;
    Ok(())
}

/// Destroys a server group when its cluster's guard allows it. Stages disable it first (so it
/// drains as Orca's does); this call does not.
pub(crate) async fn destroy(
    provider: &dyn CloudProvider,
    guards: &[TrafficGuard],
    region: &str,
    name: &str,
) -> Result<(), OperationError> {
    guards::check(
        guards,
        provider,
        region,
        &[name.to_owned()],
        Removal::Destroy,
    )
    .await?;
    provider.destroy(region, name).await?;
    Ok(())
}

/// Whether the server group, as the provider shows it now, has undergone `change`: the size
/// reached (every wanted instance up, for an enabled group), out of service with no instance
/// up, in service with its instances up, or gone.
pub(crate) async fn settled(
    provider: &dyn CloudProvider,
    region: &str,
    name: &str,
    change: Change,
) -> ProviderResult<bool> {
    let group = provider.server_group(region, name).await?;
    if change == Change::Destroy {
        return Ok(group.is_none());
    }
    let group = group.ok_or_else(|| {
        ProviderError::not_found(format!(
            "server group `{name}` in `{region}` does not exist"
        ))
    })?;
    Ok(shows(&group, change))
}

/// Whether `group` shows `change` done.
pub(crate) fn shows(group: &ServerGroup, change: Change) -> bool {
    match change {
        Change::Resize(capacity) => {
            group.capacity.desired == capacity.desired
                && (!group.enabled || group.instances.up == capacity.desired)
        }
        Change::Disable => !group.enabled && group.instances.up == 0,
        Change::Enable => group.enabled && group.instances.up >= group.capacity.desired,
        Change::Destroy => false,
    }
}
