//! Server group and cluster names as Spinnaker builds and parses them (Frigga):
//! `app[-stack[-detail]][-vNNN]`. The cluster is the name without its version.

use std::fmt;

/// The parts of a server group name.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub(crate) struct Moniker {
    /// The application.
    pub(crate) app: String,
    /// The stack, if any.
    pub(crate) stack: Option<String>,
    /// The free-form detail, if any (it may hold hyphens).
    pub(crate) detail: Option<String>,
    /// The version number (`v012` is 12), if the name has one.
    pub(crate) sequence: Option<u32>,
}

impl Moniker {
    /// A moniker for a new cluster; empty stack or detail count as none.
    pub(crate) fn new(app: &str, stack: Option<&str>, detail: Option<&str>) -> Self {
        let part = |value: Option<&str>| value.filter(|v| !v.is_empty()).map(str::to_owned);
        Self {
            app: app.to_owned(),
            stack: part(stack),
            detail: part(detail),
            sequence: None,
        }
    }

    /// The cluster name: `app`, `app-stack`, `app-stack-detail`, or `app--detail`.
    pub(crate) fn cluster(&self) -> String {
        match (&self.stack, &self.detail) {
            (None, None) => self.app.clone(),
            (Some(stack), None) => format!("{}-{stack}", self.app),
            (stack, Some(detail)) => {
                format!("{}-{}-{detail}", self.app, stack.as_deref().unwrap_or(""))
            }
        }
    }

    /// The server group name with this moniker's version (`cluster-vNNN`).
    pub(crate) fn server_group(&self, sequence: u32) -> String {
        format!("{}-v{sequence:03}", self.cluster())
    }
}

impl fmt::Display for Moniker {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sequence {
            Some(sequence) => formatter.write_str(&self.server_group(sequence)),
            None => formatter.write_str(&self.cluster()),
        }
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '.' || c == '_'
}

fn is_hyphen_char(c: char) -> bool {
    is_name_char(c) || matches!(c, '-' | '~' | '^')
}

/// Splits `name-vNNN` (3 to 6 digits) into the cluster and the sequence.
fn split_version(name: &str) -> Option<(&str, u32)> {
    let (cluster, version) = name.rsplit_once("-v")?;
    let digits = version.len();
    if !(3..=6).contains(&digits) || !version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !cluster.chars().all(is_hyphen_char) {
        return None;
    }
    Some((cluster, version.parse().ok()?))
}

/// Parses a server group (or cluster) name; `None` when it does not follow the grammar.
pub(crate) fn parse(name: &str) -> Option<Moniker> {
    let (cluster, sequence) = match split_version(name) {
        Some((cluster, sequence)) => (cluster, Some(sequence)),
        None => (name, None),
    };
    let (app, rest) = match cluster.split_once('-') {
        Some((app, rest)) => (app, Some(rest)),
        None => (cluster, None),
    };
    if app.is_empty() || !app.chars().all(is_name_char) {
        return None;
    }
    let (stack, detail) = match rest {
        None => (None, None),
        Some(rest) => match rest.split_once('-') {
            Some((stack, detail)) => (Some(stack), Some(detail)),
            None => (Some(rest), None),
        },
    };
    if !stack.unwrap_or("").chars().all(is_name_char)
        || !detail.unwrap_or("").chars().all(is_hyphen_char)
    {
        return None;
    }
    let mut moniker = Moniker::new(app, stack, detail);
    moniker.sequence = sequence;
    Some(moniker)
}

/// The next server group name of `moniker`'s cluster, given the names it already has: one past
/// the newest version, wrapping from v999 to v000, and never a name already taken.
pub(crate) fn next_server_group<'a>(
    moniker: &Moniker,
    existing: impl IntoIterator<Item = (&'a str, Option<u64>)>,
) -> String {
    let cluster = moniker.cluster();
    let mut taken = Vec::new();
    let mut newest: Option<(Option<u64>, u32)> = None;
    for (name, created) in existing {
        let Some((their_cluster, sequence)) = split_version(name) else {
            continue;
        };
        if their_cluster != cluster {
            continue;
        }
        taken.push(sequence % 1000);
        if newest.is_none_or(|(time, seq)| (created, sequence) > (time, seq)) {
            newest = Some((created, sequence));
        }
    }
    let mut next = newest.map_or(0, |(_, sequence)| (sequence + 1) % 1000);
    for _ in 0..1000 {
        if !taken.contains(&next) {
            break;
        }
        next = (next + 1) % 1000;
    }
    moniker.server_group(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form_of_the_grammar() {
        let hello = parse("hello-prod-canary-v012").unwrap();
        assert_eq!(hello.app, "hello");
        assert_eq!(hello.stack.as_deref(), Some("prod"));
        assert_eq!(hello.detail.as_deref(), Some("canary"));
        assert_eq!(hello.sequence, Some(12));
        let no_stack = parse("app--detail-v001").unwrap();
        assert_eq!(
            (no_stack.stack, no_stack.detail.as_deref()),
            (None, Some("detail"))
        );
        let hyphenated = parse("app-stack-a-b-c").unwrap();
        assert_eq!(hyphenated.detail.as_deref(), Some("a-b-c"));
        assert_eq!(hyphenated.sequence, None);
        assert_eq!(parse("app-v1234567").unwrap().detail, None);
        assert!(parse("bad app").is_none());
        assert!(parse("-v000").is_none());
    }

    #[test]
    fn builds_cluster_names_as_frigga() {
        assert_eq!(Moniker::new("a", None, None).cluster(), "a");
        assert_eq!(Moniker::new("a", Some("s"), None).cluster(), "a-s");
        assert_eq!(Moniker::new("a", Some(""), Some("d")).cluster(), "a--d");
        assert_eq!(
            Moniker::new("a", Some("s"), Some("d")).server_group(7),
            "a-s-d-v007"
        );
    }

    #[test]
    fn next_version_follows_the_newest_and_wraps() {
        let moniker = Moniker::new("hello", None, None);
        assert_eq!(next_server_group(&moniker, []), "hello-v000");
        assert_eq!(
            next_server_group(&moniker, [("hello-v000", Some(1)), ("hello-v001", Some(2))]),
            "hello-v002"
        );
        assert_eq!(
            next_server_group(&moniker, [("hello-v999", Some(5))]),
            "hello-v000"
        );
        // Wrapped: v000 is newer than v999, so v001 comes next.
        assert_eq!(
            next_server_group(&moniker, [("hello-v999", Some(1)), ("hello-v000", Some(2))]),
            "hello-v001"
        );
        // Other clusters do not count; a taken name is skipped.
        assert_eq!(
            next_server_group(
                &moniker,
                [
                    ("hello-prod-v005", Some(9)),
                    ("hello-v003", Some(1)),
                    ("hello-v004", None)
                ]
            ),
            "hello-v005"
        );
    }
}
