//! [`JsonPath`]: where a value sits in a document, printed the way people write it
//! (`stages[2].requisiteStageRefIds[0]`).

use std::fmt;

/// One step from a JSON value into one of its children.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Segment {
    /// A member of an object.
    Key(String),
    /// An element of an array.
    Index(usize),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct JsonPath {
    segments: Vec<Segment>,
}

impl JsonPath {
    /// The document root.
    pub(crate) fn root() -> Self {
        Self::default()
    }

    /// This path extended by an object member.
    #[must_use]
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self { segments }
    }

    /// This path extended by an array element.
    #[must_use]
    pub(crate) fn index(&self, index: usize) -> Self {
        let mut segments = self.segments.clone();
        segments.push(Segment::Index(index));
        Self { segments }
    }

    /// The steps of the path, from the root.
    pub(crate) fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The longest prefix of this path that has the given number of steps.
    #[must_use]
    pub(crate) fn truncated(&self, len: usize) -> Self {
        Self {
            segments: self.segments[..len.min(self.segments.len())].to_vec(),
        }
    }
}

/// A key prints bare after a dot when it looks like an identifier, otherwise as `['…']`.
fn is_plain_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_' || first == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.segments.iter().enumerate() {
            match segment {
                Segment::Key(key) if is_plain_key(key) => {
                    if position > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(key)?;
                }
                Segment::Key(key) => write!(f, "['{}']", key.replace('\'', "\\'"))?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_keys_with_dots_and_indexes_in_brackets() {
        let path = JsonPath::root()
            .key("stages")
            .index(2)
            .key("requisiteStageRefIds")
            .index(0);
        assert_eq!(path.to_string(), "stages[2].requisiteStageRefIds[0]");
    }

    #[test]
    fn quotes_keys_that_are_not_identifiers() {
        let path = JsonPath::root()
            .index(1)
            .key("stages")
            .index(0)
            .key("kato.tasks");
        assert_eq!(path.to_string(), "[1].stages[0]['kato.tasks']");
    }

    #[test]
    fn root_prints_empty() {
        assert_eq!(JsonPath::root().to_string(), "");
    }
}
