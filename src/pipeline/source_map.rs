//! [`SourceMap`]: from a [`JsonPath`] back to the line and column where that value is written,
//! so every problem can be reported as `file:line:column`.
//!
//! `serde_json` gives exact values but no positions; jsonc-parser's syntax tree gives byte ranges.
//! The file is parsed by both: `serde_json` decides validity and values, the tree only locates.

use std::collections::HashMap;
use std::sync::OnceLock;

use jsonc_parser::ast::Value as Node;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::pipeline::json_path::JsonPath;

/// A 1-based line and column (in characters) in a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    /// Line number, from 1.
    pub(crate) line: usize,
    /// Column number in characters, from 1.
    pub(crate) column: usize,
}

/// Where each value of a JSON document starts.
#[derive(Debug)]
pub(crate) struct SourceMap {
    text: String,
    index: OnceLock<Index>,
}

/// The positions, built on first use.
#[derive(Debug, Default)]
struct Index {
    values: HashMap<JsonPath, usize>,
    line_starts: Vec<usize>,
}

impl SourceMap {
    /// Keeps `text`, which must already be known to be valid JSON, for locating values later.
    pub(crate) fn new(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.text))
    }
}

impl Index {
    fn build(text: &str) -> Self {
        let mut index = Self {
            values: HashMap::new(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(offset, _)| offset + 1))
                .collect(),
        };
        let strict = ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            ..ParseOptions::default()
        };
        // A tree that fails to build only costs precision: positions fall back to the nearest
        // indexed ancestor, ultimately 1:1.
        if let Ok(parsed) = jsonc_parser::parse_to_ast(text, &CollectOptions::default(), &strict)
            && let Some(root) = parsed.value
        {
            index.add(&root, &JsonPath::root());
        }
        index
    }

    fn add(&mut self, node: &Node<'_>, path: &JsonPath) {
        let start = match node {
            Node::StringLit(literal) => literal.range.start,
            Node::NumberLit(literal) => literal.range.start,
            Node::BooleanLit(literal) => literal.range.start,
            Node::NullKeyword(literal) => literal.range.start,
            Node::Object(object) => {
                for property in &object.properties {
                    self.add(&property.value, &path.key(property.name.as_str()));
                }
                object.range.start
            }
            Node::Array(array) => {
                for (position, element) in array.elements.iter().enumerate() {
                    self.add(element, &path.index(position));
                }
                array.range.start
            }
        };
        self.values.insert(path.clone(), start);
    }
}

impl SourceMap {
    /// Where the value at `path` starts; for a path that does not exist (a missing field), where
    /// its nearest existing ancestor starts.
    pub(crate) fn value_position(&self, path: &JsonPath) -> Position {
        let values = &self.index().values;
        let offset = (0..=path.segments().len())
            .rev()
            .find_map(|len| values.get(&path.truncated(len)))
            .copied()
            .unwrap_or(0);
        self.position_of(offset)
    }

    /// Converts a byte offset into a line and a column counted in characters.
    pub(crate) fn position_of(&self, offset: usize) -> Position {
        let line_starts = &self.index().line_starts;
        let line_index = line_starts
            .partition_point(|start| *start <= offset)
            .saturating_sub(1);
        let line_start = line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        Position {
            line: line_index + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "{\n  \"stages\": [\n    {\"refId\": \"1\", \"name\": \"é\", \"waitTime\": 5}\n  ]\n}\n";

    #[test]
    fn finds_values_by_path() {
        let map = SourceMap::new(TEXT);
        let path = JsonPath::root().key("stages").index(0).key("waitTime");
        assert_eq!(
            map.value_position(&path),
            Position {
                line: 3,
                column: 45
            }
        );
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let map = SourceMap::new("{\"é\": \"ü\", \"b\": 1}");
        assert_eq!(
            map.value_position(&JsonPath::root().key("b")),
            Position {
                line: 1,
                column: 17
            }
        );
    }

    #[test]
    fn a_missing_member_points_at_its_parent() {
        let map = SourceMap::new(TEXT);
        let path = JsonPath::root().key("stages").index(0).key("type");
        assert_eq!(map.value_position(&path), Position { line: 3, column: 5 });
    }
}
