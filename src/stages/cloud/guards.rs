//! Traffic guards (orca `TrafficGuard`, orca-model §8): before a server group stops taking
//! traffic (destroyed, disabled, resized to 0, or any of that done cluster-wide), a guarded
//! cluster must keep at least one instance up in enabled server groups of its location.
//!
//! Orca's `min-capacity-ratio` is fixed at its default, 0: the check refuses exactly when no
//! instance would be left up. A cluster with no instance up now has nothing to protect.

use crate::providers::cloud::CloudProvider;
use crate::providers::model::ServerGroup;
use crate::providers::naming::{self, Moniker};
use crate::stages::cloud::TrafficGuard;
use crate::stages::cloud::operations::OperationError;

/// How an operation takes traffic away, for the refusal's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Removal {
    /// Destroying server groups.
    Destroy,
    /// Disabling them.
    Disable,
    /// Resizing them to 0.
    ScaleToZero,
}

impl Removal {
    fn verb(self) -> &'static str {
        match self {
            Self::Destroy => "Destroying",
            Self::Disable => "Disabling",
            Self::ScaleToZero => "Scaling to 0",
        }
    }
}

/// Whether one rule value covers the cluster's value: `*` covers anything, an empty rule only
/// an empty value, anything else only itself.
fn covers(rule: &str, value: &str) -> bool {
    rule == "*" || rule == value
}

/// Whether an enabled guard covers the cluster `moniker` in `account`/`location`.
pub(crate) fn is_guarded(
    guards: &[TrafficGuard],
    account: &str,
    location: &str,
    moniker: &Moniker,
) -> bool {
    guards.iter().any(|guard| {
        guard.enabled
            && covers(&guard.application, &moniker.app)
            && covers(&guard.account, account)
            && covers(&guard.location, location)
            && covers(&guard.stack, moniker.stack.as_deref().unwrap_or(""))
            && covers(&guard.detail, moniker.detail.as_deref().unwrap_or(""))
    })
}

/// Why taking `removing` out of service is refused, given every server group of the cluster
/// in the location; `None` when it is allowed.
pub(crate) fn refusal(
    guards: &[TrafficGuard],
    account: &str,
    location: &str,
    cluster: &[ServerGroup],
    removing: &[String],
    removal: Removal,
) -> Option<String> {
    let moniker = naming::parse(removing.first()?)?;
    if !is_guarded(guards, account, location, &moniker) {
        return None;
    }
    let up_in = |group: &&ServerGroup| group.enabled && group.instances.up > 0;
    let now: u32 = cluster
        .iter()
        .filter(up_in)
        .map(|group| group.instances.up)
        .sum();
    let after: u32 = cluster
        .iter()
        .filter(up_in)
        .filter(|group| !removing.contains(&group.name))
        .map(|group| group.instances.up)
        .sum();
    if now == 0 || after > 0 {
        return None;
    }
    Some(format!(
        "This cluster ('{}' in {account}/{location}) has traffic guards enabled. {} {} would \
         leave the cluster with no instances up.",
        moniker.cluster(),
        removal.verb(),
        removing.join(", ")
    ))
}

/// Checks that taking `removing` (server groups of one cluster in `location`) out of service
/// is allowed, reading the cluster from the provider only when a guard covers it. The lead's
/// one-off `server-group` commands call this too.
pub(crate) async fn check(
    guards: &[TrafficGuard],
    provider: &dyn CloudProvider,
    location: &str,
    removing: &[String],
    removal: Removal,
) -> Result<(), OperationError> {
    let Some(moniker) = removing.first().and_then(|name| naming::parse(name)) else {
        return Ok(());
    };
    if !is_guarded(guards, provider.account(), location, &moniker) {
        return Ok(());
    }
    let cluster: Vec<ServerGroup> = provider
        .server_groups(&moniker.app, Some(location))
        .await
        .map_err(OperationError::Provider)?
        .into_iter()
        .filter(|group| group.cluster() == moniker.cluster())
        .collect();
    match refusal(
        guards,
        provider.account(),
        location,
        &cluster,
        removing,
        removal,
    ) {
        Some(message) => Err(OperationError::Refused(message)),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::cloud::fake::group;

    fn guard(stack: &str, detail: &str) -> TrafficGuard {
        TrafficGuard {
            application: "hello".into(),
            account: "prod".into(),
            location: "*".into(),
            stack: stack.into(),
            detail: detail.into(),
            enabled: true,
        }
    }

    #[test]
    fn rules_match_exactly_by_wildcard_and_empty_means_none() {
        let prod = naming::parse("hello-prod").unwrap();
        let bare = naming::parse("hello").unwrap();
        assert!(is_guarded(&[guard("prod", "")], "prod", "east", &prod));
        assert!(is_guarded(&[guard("*", "*")], "prod", "east", &bare));
        assert!(!is_guarded(&[guard("", "")], "prod", "east", &prod));
        assert!(is_guarded(&[guard("", "")], "prod", "east", &bare));
        assert!(!is_guarded(&[guard("prod", "")], "staging", "east", &prod));
        let mut off = guard("*", "*");
        off.enabled = false;
        assert!(!is_guarded(&[off], "prod", "east", &prod));
    }

    #[test]
    fn refuses_only_when_no_instance_would_be_left_up() {
        let guards = [guard("prod", "")];
        let cluster = [
            group("east", "hello-prod-v001", 2, true),
            group("east", "hello-prod-v002", 2, true),
        ];
        let one = vec!["hello-prod-v001".to_owned()];
        assert_eq!(
            refusal(&guards, "prod", "east", &cluster, &one, Removal::Destroy),
            None
        );
        let both = vec!["hello-prod-v001".to_owned(), "hello-prod-v002".to_owned()];
        assert_eq!(
            refusal(&guards, "prod", "east", &cluster, &both, Removal::Disable).as_deref(),
            Some(
                "This cluster ('hello-prod' in prod/east) has traffic guards enabled. Disabling \
                 hello-prod-v001, hello-prod-v002 would leave the cluster with no instances up."
            )
        );
        let lonely = [group("east", "hello-prod-v001", 0, true)];
        assert_eq!(
            refusal(&guards, "prod", "east", &lonely, &one, Removal::Destroy),
            None,
            "nothing is up to protect"
        );
    }
}
