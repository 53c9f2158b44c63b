//! A job's property file (`propertyFile`): a JSON object, or Java properties (`key=value`,
//! `key: value`, `key value`; `#` and `!` comments; a trailing backslash continues a line;
//! `\t`, `\n`, `\uXXXX` and friends escaped), read into a map of outputs.

use serde_json::{Map, Value};

/// The key/values of a property file; an error when it is neither a JSON object nor properties.
pub(crate) fn parse(text: &str) -> Result<Map<String, Value>, String> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err("the property file is JSON but not an object".to_owned()),
            Err(error) => Err(format!("the property file is not valid JSON: {error}")),
        };
    }
    let mut map = Map::new();
    for line in logical_lines(text) {
        let (key, value) = split(&line);
        map.insert(unescape(&key), Value::String(unescape(&value)));
    }
    Ok(map)
}

/// Whether a line ends in an odd number of backslashes, i.e. continues on the next.
fn continues(line: &str) -> bool {
    line.chars().rev().take_while(|c| *c == '\\').count() % 2 == 1
}

/// The lines that hold a key, with continuations joined and comments and blanks dropped.
fn logical_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current: Option<String> = None;
    for raw in text.lines() {
        let piece = raw.trim_start();
        match current.take() {
            Some(mut joined) => {
                joined.push_str(piece);
                if continues(&joined) {
                    joined.pop();
                    current = Some(joined);
                } else {
                    lines.push(joined);
                }
            }
            None if piece.is_empty() || piece.starts_with('#') || piece.starts_with('!') => {}
            None => {
                let mut line = piece.to_owned();
                if continues(&line) {
                    line.pop();
                    current = Some(line);
                } else {
                    lines.push(line);
                }
            }
        }
    }
    lines.extend(current);
    lines
}

/// Splits at the first unescaped `=`, `:` or whitespace, with the separator's surrounding
/// whitespace removed.
fn split(line: &str) -> (String, String) {
    let mut escaped = false;
    let mut end = line.len();
    for (index, c) in line.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '=' || c == ':' || c.is_whitespace() {
            end = index;
            break;
        }
    }
    let key = line[..end].to_owned();
    let mut rest = line[end..].trim_start();
    if let Some(stripped) = rest.strip_prefix(['=', ':']) {
        rest = stripped.trim_start();
    }
    (key, rest.to_owned())
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                if let Some(decoded) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(decoded);
                } else {
                    out.push_str("\\u");
                    out.push_str(&hex);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_java_properties_as_java_does() {
        let text = "# a comment\n! another\n\nversion=1.2.3\nname : hello world\nspaced value\n\
                    long = first \\\n       second\npath=C:\\\\tmp\\u0041\nempty=\n";
        let map = parse(text).unwrap();
        assert_eq!(
            Value::Object(map),
            json!({"version": "1.2.3", "name": "hello world", "spaced": "value",
                   "long": "first second", "path": "C:\\tmpA", "empty": ""})
        );
    }

    #[test]
    fn reads_a_json_object_and_refuses_other_json() {
        let map = parse("  {\"tag\": \"v7\", \"count\": 3}").unwrap();
        assert_eq!(map["tag"], "v7");
        assert_eq!(map["count"], 3);
        assert!(parse("{nope").is_err());
    }
}
