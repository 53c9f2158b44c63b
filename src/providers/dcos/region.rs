//! DC/OS regions and Marathon app ids, as Spinnaker's DC/OS provider names them.
//!
//! A region is a cluster's name, optionally followed by a Marathon group path:
//! `us-east-1/web/prod`. Orca rewrites `/` to `_` in a stage's region (`us-east-1_web_prod`),
//! so both forms are read; since cluster names may themselves hold `_`, the cluster is found by
//! matching the configured names, the longest first. A server group `hello-v001` of account
//! `prod` in that region is the Marathon app `/prod/web/prod/hello-v001`.

use crate::providers::error::{ProviderError, ProviderResult};

/// A region: a cluster and a Marathon group path below the account's group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// The cluster's configured name.
    pub(crate) cluster: String,
    /// The group path's segments (empty for the account's own group).
    pub(crate) group: Vec<String>,
}

impl Region {
    /// Reads `text` (`cluster`, `cluster/a/b` or `cluster_a_b`) against the configured cluster
    /// names.
    pub(crate) fn parse<'a>(
        text: &str,
        clusters: impl IntoIterator<Item = &'a str>,
    ) -> ProviderResult<Self> {
        let mut names: Vec<&str> = clusters.into_iter().collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.len()));
        for name in &names {
            let Some(rest) = text.strip_prefix(name) else {
                continue;
            };
            let group = if rest.is_empty() {
                Vec::new()
            } else if let Some(path) = rest.strip_prefix(['/', '_']) {
                path.split(['/', '_']).map(str::to_owned).collect()
            } else {
                continue;
            };
            if let Some(bad) = group.iter().find(|segment| !is_segment(segment)) {
                return Err(ProviderError::invalid(format!(
                    "region `{text}`: `{bad}` is not a valid Marathon group name"
                )));
            }
            return Ok(Self {
                cluster: (*name).to_owned(),
                group,
            });
        }
        Err(ProviderError::invalid(format!(
            "region `{text}` names no configured DC/OS cluster (known: {})",
            names.join(", ")
        )))
    }

    /// The region in Spinnaker's display form, `cluster/group/sub`.
    pub(crate) fn display(&self) -> String {
        let mut text = self.cluster.clone();
        for segment in &self.group {
            text.push('/');
            text.push_str(segment);
        }
        text
    }

    /// The Marathon group of this region in `account`: `/<account>/<group…>`.
    pub(crate) fn group_id(&self, account: &str) -> String {
        let mut id = format!("/{account}");
        for segment in &self.group {
            id.push('/');
            id.push_str(segment);
        }
        id
    }

    /// The Marathon app id of server group `name` in this region of `account`.
    pub(crate) fn app_id(&self, account: &str, name: &str) -> ProviderResult<String> {
        if !is_segment(name) {
            return Err(ProviderError::invalid(format!(
                "`{name}` cannot be a Marathon app id segment: use lowercase letters, digits, \
                 `-` and `.` only, starting and ending with a letter or digit"
            )));
        }
        Ok(format!("{}/{name}", self.group_id(account)))
    }
}

/// Where an app id sits: its group below the account, and its last segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AppLocation {
    /// The group path below `/<account>`.
    pub(crate) group: Vec<String>,
    /// The server group name.
    pub(crate) name: String,
}

/// Splits `/<account>/<group…>/<name>`; `None` when the id is not under the account.
pub(crate) fn locate(app_id: &str, account: &str) -> Option<AppLocation> {
    let rest = app_id
        .strip_prefix('/')?
        .strip_prefix(account)?
        .strip_prefix('/')?;
    let mut segments: Vec<String> = rest.split('/').map(str::to_owned).collect();
    let name = segments.pop().filter(|name| !name.is_empty())?;
    Some(AppLocation {
        group: segments,
        name,
    })
}

/// Whether `segment` is one Marathon path segment: `[a-z0-9]([a-z0-9-]*[a-z0-9])?` labels
/// joined by dots (Marathon's `PathId` pattern).
pub(crate) fn is_segment(segment: &str) -> bool {
    !segment.is_empty()
        && segment.split('.').all(|label| {
            let bytes = label.as_bytes();
            let edge = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
            bytes.first().is_some_and(edge)
                && bytes.last().is_some_and(edge)
                && bytes.iter().all(|b| edge(b) || *b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLUSTERS: [&str; 3] = ["us-east-1", "us-east-1_b", "eu"];

    #[test]
    fn both_separators_name_the_same_group() {
        let slashes = Region::parse("us-east-1/web/prod", CLUSTERS).unwrap();
        let underscores = Region::parse("us-east-1_web_prod", CLUSTERS).unwrap();
        assert_eq!(slashes, underscores);
        assert_eq!(slashes.cluster, "us-east-1");
        assert_eq!(slashes.group, ["web", "prod"]);
        assert_eq!(slashes.display(), "us-east-1/web/prod");
        assert_eq!(
            slashes.app_id("prod", "hello-v001").unwrap(),
            "/prod/web/prod/hello-v001"
        );
    }

    #[test]
    fn the_longest_configured_cluster_name_wins() {
        let region = Region::parse("us-east-1_b", CLUSTERS).unwrap();
        assert_eq!(
            (region.cluster.as_str(), region.group.len()),
            ("us-east-1_b", 0)
        );
        let grouped = Region::parse("us-east-1_b_api", CLUSTERS).unwrap();
        assert_eq!(grouped.cluster, "us-east-1_b");
        assert_eq!(grouped.group, ["api"]);
        let bare = Region::parse("eu", CLUSTERS).unwrap();
        assert_eq!(bare.app_id("acct", "app-v000").unwrap(), "/acct/app-v000");
    }

    #[test]
    fn unknown_clusters_and_bad_names_are_invalid() {
        let unknown = Region::parse("ap-south", CLUSTERS).unwrap_err();
        assert!(unknown.message.contains("known: us-east-1_b"), "{unknown}");
        assert!(Region::parse("us-east-1x", CLUSTERS).is_err());
        assert!(Region::parse("eu/Web", CLUSTERS).is_err());
        let region = Region::parse("eu", CLUSTERS).unwrap();
        assert!(region.app_id("acct", "Hello_v001").is_err());
    }

    #[test]
    fn app_ids_split_back_into_group_and_name() {
        let location = locate("/acct/web/prod/hello-v002", "acct").unwrap();
        assert_eq!(location.group, ["web", "prod"]);
        assert_eq!(location.name, "hello-v002");
        assert_eq!(locate("/acct/hello", "acct").unwrap().group.len(), 0);
        assert!(locate("/other/hello", "acct").is_none());
        assert!(locate("/acctx/hello", "acct").is_none());
        assert!(locate("/acct/", "acct").is_none());
    }

    #[test]
    fn segments_follow_marathon_path_ids() {
        for good in ["a", "hello-v001", "a.b-c", "0x"] {
            assert!(is_segment(good), "{good}");
        }
        for bad in ["", "-a", "a-", "A", "a_b", "a..b", "a/b"] {
            assert!(!is_segment(bad), "{bad}");
        }
    }
}
