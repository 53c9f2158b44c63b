//! Waiting for a provider to show changes, the way every waiting cloud task does: read; when
//! something is not done, let the provider wake us on news about it (for at most [`LISTEN`]),
//! read again, and otherwise report "still running" so the task is run again after [`POLL`].
//! Success is only ever reported from a read.

use std::time::Duration;

use crate::providers::cloud::CloudProvider;
use crate::providers::error::ProviderResult;
use crate::stages::cloud::operations::{Change, settled};

/// How long a waiting task listens for news before it reads again.
pub(crate) const LISTEN: Duration = Duration::from_secs(2);

/// How soon a waiting task runs again when the change is not done yet.
pub(crate) const POLL: Duration = Duration::from_millis(250);

/// One change to watch: a server group in a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Watched {
    /// The region.
    pub(crate) region: String,
    /// The server group.
    pub(crate) name: String,
    /// What should happen to it.
    pub(crate) change: Change,
}

async fn still_pending(
    provider: &dyn CloudProvider,
    watched: &[Watched],
) -> ProviderResult<Vec<Watched>> {
    let mut pending = Vec::new();
    for item in watched {
        if !settled(provider, &item.region, &item.name, item.change).await? {
            pending.push(item.clone());
        }
    }
    Ok(pending)
}

/// The changes not done yet, after waiting a little for news about them.
pub(crate) async fn pending(
    provider: &dyn CloudProvider,
    watched: &[Watched],
) -> ProviderResult<Vec<Watched>> {
    let pending = still_pending(provider, watched).await?;
    let Some(first) = pending.first() else {
        return Ok(pending);
    };
    provider
        .wait_for_change(&first.region, &first.name, LISTEN)
        .await;
    still_pending(provider, &pending).await
}
