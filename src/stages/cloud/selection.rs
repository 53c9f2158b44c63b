//! Which server groups a stage means: the groups of a cluster in a region, the one a `target`
//! names (`current_asg_dynamic`, …, as clouddriver's `getTargetServerGroup`), and those a
//! cluster-wide operation acts on (orca `ShrinkClusterTask`, `DisableClusterTask`,
//! `ScaleDownClusterTask`). Pure apart from [`cluster_groups`].

use std::cmp::Reverse;

use crate::providers::cloud::CloudProvider;
use crate::providers::error::ProviderResult;
use crate::providers::model::ServerGroup;
use crate::providers::naming::Moniker;

/// Every server group of the cluster in `region`, newest first.
pub(crate) async fn cluster_groups(
    provider: &dyn CloudProvider,
    moniker: &Moniker,
    region: &str,
) -> ProviderResult<Vec<ServerGroup>> {
    let cluster = moniker.cluster();
    let mut groups: Vec<ServerGroup> = provider
        .server_groups(&moniker.app, Some(region))
        .await?
        .into_iter()
        .filter(|group| group.cluster() == cluster)
        .collect();
    groups.sort_by_key(|group| Reverse(age_key(group)));
    Ok(groups)
}

/// Orders groups by age: creation time, then version. Groups whose provider does not know when
/// they were created sort by version alone, after those that it does.
fn age_key(group: &ServerGroup) -> (u64, u32) {
    (
        group.created_time.unwrap_or(0),
        group.moniker.sequence.unwrap_or(0),
    )
}

/// A server group named by its place in the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The newest.
    Current,
    /// The one before the newest.
    Ancestor,
    /// The oldest.
    Oldest,
    /// The one with the most instances (the newest of those on a tie).
    Largest,
}

impl Target {
    /// Reads Orca's target names, dynamic or not.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "current_asg_dynamic" | "current_asg" => Some(Self::Current),
            "ancestor_asg_dynamic" | "ancestor_asg" => Some(Self::Ancestor),
            "oldest_asg_dynamic" => Some(Self::Oldest),
            "largest_asg_dynamic" => Some(Self::Largest),
            _ => None,
        }
    }

    /// The group meant among `groups` (newest first), or why there is none.
    pub(crate) fn pick(self, groups: &[ServerGroup]) -> Result<&ServerGroup, String> {
        let picked = match self {
            Self::Current => groups.first(),
            Self::Ancestor => groups.get(1),
            Self::Oldest if groups.len() > 1 => groups.last(),
            Self::Oldest => None,
            Self::Largest => groups
                .iter()
                .rev()
                .max_by_key(|group| group.instances.total),
        };
        picked.ok_or_else(|| match (self, groups.len()) {
            (_, 0) => "the cluster has no server group there".to_owned(),
            (Self::Ancestor | Self::Oldest, 1) => {
                "the cluster has only one server group there, so it has no older one".to_owned()
            }
            _ => "no server group matches the target".to_owned(),
        })
    }
}

/// Groups ranked as the cluster-wide operations keep them: the groups just deployed first, then
/// (when asked) larger before smaller, then newer before older.
fn ranked<'g>(
    groups: &'g [ServerGroup],
    excluded: &[String],
    larger_first: bool,
) -> Vec<&'g ServerGroup> {
    let mut ranked: Vec<&ServerGroup> = groups.iter().collect();
    ranked.sort_by_key(|group| {
        let size = if larger_first {
            group.instances.total
        } else {
            0
        };
        (
            !excluded.contains(&group.name),
            Reverse(size),
            Reverse(age_key(group)),
        )
    });
    ranked
}

/// Keeps the first `keep` of `ranked` (the excluded groups count, even when the provider does
/// not list them yet) and returns the rest that are not excluded.
fn beyond<'g>(
    ranked: Vec<&'g ServerGroup>,
    keep: usize,
    excluded: &[String],
) -> Vec<&'g ServerGroup> {
    let slots = keep.saturating_sub(excluded.len());
    ranked
        .into_iter()
        .filter(|group| !excluded.contains(&group.name))
        .skip(slots)
        .collect()
}

/// What `shrinkCluster` destroys: all but the `keep` best groups (active before inactive), and
/// only inactive ones unless `allow_delete_active`.
pub(crate) fn to_shrink(
    groups: &[ServerGroup],
    keep: usize,
    allow_delete_active: bool,
    retain_larger_over_newer: bool,
    excluded: &[String],
) -> Vec<String> {
    let mut ranked = ranked(groups, excluded, retain_larger_over_newer);
    // A stable sort keeps the ranking within active and within inactive groups.
    ranked.sort_by_key(|group| !excluded.contains(&group.name) && !group.is_active());
    beyond(ranked, keep, excluded)
        .into_iter()
        .filter(|group| allow_delete_active || !group.is_active())
        .map(|group| group.name.clone())
        .collect()
}

/// What `disableCluster` disables: the enabled groups beyond the `remaining` best.
pub(crate) fn to_disable(
    groups: &[ServerGroup],
    remaining: usize,
    prefer_larger_over_newer: bool,
    excluded: &[String],
) -> Vec<String> {
    let enabled: Vec<ServerGroup> = groups
        .iter()
        .filter(|group| group.enabled || excluded.contains(&group.name))
        .cloned()
        .collect();
    beyond(
        ranked(&enabled, excluded, prefer_larger_over_newer),
        remaining,
        excluded,
    )
    .into_iter()
    .map(|group| group.name.clone())
    .collect()
}

/// What `scaleDownCluster` scales to 0: the groups beyond the `remaining` best that still have
/// a size, and only inactive ones unless `allow_scale_down_active`.
pub(crate) fn to_scale_down(
    groups: &[ServerGroup],
    remaining: usize,
    allow_scale_down_active: bool,
    prefer_larger_over_newer: bool,
    excluded: &[String],
) -> Vec<String> {
    beyond(
        ranked(groups, excluded, prefer_larger_over_newer),
        remaining,
        excluded,
    )
    .into_iter()
    .filter(|group| group.capacity.desired > 0 || group.instances.total > 0)
    .filter(|group| allow_scale_down_active || !group.is_active())
    .map(|group| group.name.clone())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stages::cloud::fake::group;

    /// v001 (oldest, disabled), v002 (enabled, 3 up), v003 (newest, enabled, 1 up).
    fn cluster() -> Vec<ServerGroup> {
        let mut groups = vec![
            group("east", "hello-v003", 1, true),
            group("east", "hello-v002", 3, true),
            group("east", "hello-v001", 0, false),
        ];
        for (group, time) in groups.iter_mut().zip([30, 20, 10]) {
            group.created_time = Some(time);
        }
        groups
    }

    fn names(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }

    #[test]
    fn targets_name_groups_by_age_and_size() {
        let groups = cluster();
        let pick = |target: Target| target.pick(&groups).unwrap().name.clone();
        assert_eq!(pick(Target::Current), "hello-v003");
        assert_eq!(pick(Target::Ancestor), "hello-v002");
        assert_eq!(pick(Target::Oldest), "hello-v001");
        assert_eq!(pick(Target::Largest), "hello-v002");
        assert!(Target::Ancestor.pick(&groups[..1]).is_err());
        assert!(Target::Oldest.pick(&groups[..1]).is_err());
        assert_eq!(Target::parse("current_asg"), Some(Target::Current));
        assert_eq!(Target::parse("fail"), None);
    }

    #[test]
    fn shrink_keeps_the_best_and_deletes_active_groups_only_when_allowed() {
        let groups = cluster();
        assert_eq!(
            names(&to_shrink(&groups, 1, true, false, &[])),
            vec!["hello-v002", "hello-v001"]
        );
        assert_eq!(
            names(&to_shrink(&groups, 1, false, false, &[])),
            vec!["hello-v001"]
        );
        assert_eq!(
            names(&to_shrink(&groups, 2, false, false, &["hello-v004".into()])),
            vec!["hello-v001"],
            "the new group counts among those kept"
        );
    }

    #[test]
    fn disable_and_scale_down_spare_the_groups_just_deployed() {
        let groups = cluster();
        let new = vec!["hello-v003".to_owned()];
        assert_eq!(
            names(&to_disable(&groups, 1, false, &new)),
            vec!["hello-v002"]
        );
        assert_eq!(
            names(&to_disable(&groups, 1, true, &[])),
            vec!["hello-v003"],
            "larger over newer"
        );
        let mut disabled = groups.clone();
        disabled[1].enabled = false;
        disabled[1].instances.up = 0;
        assert_eq!(
            names(&to_scale_down(&disabled, 1, false, false, &new)),
            vec!["hello-v002"],
            "the empty v001 has nothing to scale down"
        );
        assert!(to_scale_down(&groups, 1, false, false, &new).is_empty());
    }
}
