//! `JSONPath` as Spinnaker users write it for Orca (Jayway `JsonPath`), evaluated with
//! `serde_json_path` (RFC 9535).
//!
//! Jayway's behaviour kept here:
//! - a path without a leading `$` is read from the root (`status` is `$.status`);
//! - a *definite* path (names and indexes only) yields one value, or "not found";
//! - an *indefinite* path (`..`, `*`, filters `[?(…)]`, slices, unions) yields the list of what
//!   it matched, possibly empty — so `$.data[?(@.name=='x')].value` is a list, which a status
//!   check refuses as "not a single value", exactly as Orca does.
//!
//! Not supported (RFC 9535 has no such syntax): Jayway's functions (`.length()`, `.sum()`, …)
//! and its extra filter operators (`=~`, `in`, `nin`, `subsetof`, `contains`, `empty`, …); such
//! paths are reported as invalid.

use serde_json::Value;
use serde_json_path::JsonPath;

/// Reads `path` from `document`: `Ok(None)` when a definite path matches nothing, `Err` when the
/// path cannot be parsed.
pub(super) fn read(path: &str, document: &Value) -> Result<Option<Value>, String> {
    let normalized = normalize(path);
    let parsed = JsonPath::parse(&normalized)
        .map_err(|error| format!("`{path}` is not a JSONPath gennaker understands: {error}"))?;
    let nodes = parsed.query(document).all();
    if is_definite(&normalized) {
        Ok(nodes.first().map(|node| (*node).clone()))
    } else {
        Ok(Some(Value::Array(nodes.into_iter().cloned().collect())))
    }
}

/// Jayway reads a path that does not start at the root (`$`) or the current node (`@`) as a
/// path from the root.
fn normalize(path: &str) -> String {
    let path = path.trim();
    if let Some(rest) = path.strip_prefix('@') {
        format!("${rest}")
    } else if path.starts_with('$') {
        path.to_owned()
    } else if path.starts_with('[') {
        format!("${path}")
    } else {
        format!("$.{path}")
    }
}

/// Whether a path names at most one node: no deep scan, wildcard, filter, slice or union.
/// Quoted names are skipped, so `$['a*b']` is definite.
fn is_definite(path: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut bracket_depth = 0usize;
    let mut previous = '\0';
    let mut characters = path.chars().peekable();
    while let Some(character) = characters.next() {
        if let Some(open) = quote {
            if character == '\\' {
                characters.next();
            } else if character == open {
                quote = None;
            }
            previous = character;
            continue;
        }
        match character {
            '\'' | '"' => quote = Some(character),
            '*' => return false,
            '.' if previous == '.' => return false,
            '?' | ':' | ',' if bracket_depth > 0 => return false,
            '[' => bracket_depth += 1,
            ']' => bracket_depth = bracket_depth.saturating_sub(1),
            _ => {}
        }
        previous = character;
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn document() -> Value {
        json!({
            "status": "RUNNING",
            "build": {"result": "SUCCESS", "number": 42},
            "items": [{"state": "done"}, {"state": "queued"}],
            "data": [{"name": "x", "value": "vx"}, {"name": "y", "value": "vy"}],
            "a.b": {"c": 1},
            "nothing": null
        })
    }

    #[test]
    fn definite_paths_give_one_value() {
        let document = document();
        assert_eq!(read("$.status", &document), Ok(Some(json!("RUNNING"))));
        assert_eq!(
            read("$.build.result", &document),
            Ok(Some(json!("SUCCESS")))
        );
        assert_eq!(read("$.items[0].state", &document), Ok(Some(json!("done"))));
        assert_eq!(
            read("$.items[-1].state", &document),
            Ok(Some(json!("queued")))
        );
        assert_eq!(read("$['a.b'].c", &document), Ok(Some(json!(1))));
        assert_eq!(
            read("$.build", &document),
            Ok(Some(json!({"result": "SUCCESS", "number": 42})))
        );
        assert_eq!(read("$.nothing", &document), Ok(Some(Value::Null)));
    }

    #[test]
    fn paths_without_a_root_start_at_the_root() {
        let document = document();
        assert_eq!(read("status", &document), Ok(Some(json!("RUNNING"))));
        assert_eq!(read("build.number", &document), Ok(Some(json!(42))));
        assert_eq!(
            read("['build']['result']", &document),
            Ok(Some(json!("SUCCESS")))
        );
    }

    #[test]
    fn a_missing_definite_path_is_not_found() {
        let document = document();
        assert_eq!(read("$.missing", &document), Ok(None));
        assert_eq!(read("$.items[5].state", &document), Ok(None));
        assert_eq!(read("$.status.deeper", &document), Ok(None));
    }

    #[test]
    fn filters_and_wildcards_give_lists_as_jayway_does() {
        let document = document();
        assert_eq!(
            read("$.data[?(@.name=='x')].value", &document),
            Ok(Some(json!(["vx"])))
        );
        assert_eq!(
            read("$.data[?(@.name == \"y\")].value", &document),
            Ok(Some(json!(["vy"])))
        );
        assert_eq!(
            read("$.items[*].state", &document),
            Ok(Some(json!(["done", "queued"])))
        );
        assert_eq!(read("$..number", &document), Ok(Some(json!([42]))));
        assert_eq!(
            read("$.data[?(@.name=='z')].value", &document),
            Ok(Some(json!([])))
        );
    }

    #[test]
    fn jayway_only_syntax_is_reported() {
        let error = read("$.items.length()", &document()).unwrap_err();
        assert!(error.contains("$.items.length()"), "{error}");
    }

    #[test]
    fn definiteness_ignores_quoted_names() {
        assert!(is_definite("$['a*b'].c"));
        assert!(is_definite("$.a[0].b"));
        assert!(!is_definite("$.a[0,1]"));
        assert!(!is_definite("$.a[1:3]"));
    }
}
