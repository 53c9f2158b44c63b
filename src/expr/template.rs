//! `${…}` templating as Spring's `TemplateAwareExpressionParser` does it: splitting a string into
//! literal and expression parts (brace/bracket/paren matching, quoted strings skipped), and
//! Orca's preprocessing of the whole string before parsing (the `#fn(` rewrite).

use super::error::SyntaxError;

/// One part of a template string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Part {
    /// Text copied as it is.
    Literal(String),
    /// An expression: its trimmed text, and the character offset of its `${` in the string.
    Expr { text: String, start: usize },
}

/// Splits `source` into parts. Errors carry the character offset within `source`.
pub(crate) fn scan(source: &str) -> Result<Vec<Part>, SyntaxError> {
    let chars: Vec<char> = source.chars().collect();
    let mut parts = Vec::new();
    let mut index = 0;
    while index < chars.len() {
        let Some(prefix) = find_prefix(&chars, index) else {
            parts.push(Part::Literal(chars[index..].iter().collect()));
            break;
        };
        if prefix > index {
            parts.push(Part::Literal(chars[index..prefix].iter().collect()));
        }
        let after = prefix + 2;
        let Some(suffix) = closing_brace(&chars, after)? else {
            return Err(SyntaxError::new(
                prefix,
                format!(
                    "No ending suffix '}}' for expression starting at character {prefix}: {}",
                    chars[prefix..].iter().collect::<String>()
                ),
            ));
        };
        let text: String = chars[after..suffix].iter().collect();
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(SyntaxError::new(
                prefix,
                format!("No expression defined within delimiter '${{}}' at character {prefix}"),
            ));
        }
        parts.push(Part::Expr {
            text: trimmed.to_owned(),
            start: prefix,
        });
        index = suffix + 1;
    }
    Ok(parts)
}

fn find_prefix(chars: &[char], from: usize) -> Option<usize> {
    (from..chars.len().saturating_sub(1)).find(|&i| chars[i] == '$' && chars[i + 1] == '{')
}

/// Finds the `}` closing an expression that starts at `from`, as Spring's
/// `skipToCorrectEndSuffix` does; `Ok(None)` when there is none.
fn closing_brace(chars: &[char], from: usize) -> Result<Option<usize>, SyntaxError> {
    if !chars[from..].contains(&'}') {
        return Ok(None);
    }
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut pos = from;
    while pos < chars.len() {
        let ch = chars[pos];
        if ch == '}' && stack.is_empty() {
            return Ok(Some(pos));
        }
        match ch {
            '{' | '[' | '(' => stack.push((ch, pos)),
            '}' | ']' | ')' => {
                let open = opening(ch);
                let Some((found, at)) = stack.pop() else {
                    return Err(SyntaxError::new(
                        pos,
                        format!(
                            "Found closing '{ch}' at position {pos} without an opening '{open}'"
                        ),
                    ));
                };
                if found != open {
                    return Err(SyntaxError::new(
                        pos,
                        format!(
                            "Found closing '{ch}' at position {pos} but most recent opening is '{found}' at position {at}"
                        ),
                    ));
                }
            }
            '\'' | '"' => {
                let Some(end) = chars[pos + 1..].iter().position(|&c| c == ch) else {
                    return Err(SyntaxError::new(
                        pos,
                        format!("Found non terminating string literal starting at position {pos}"),
                    ));
                };
                pos += end + 1;
            }
            _ => {}
        }
        pos += 1;
    }
    if let Some((open, at)) = stack.pop() {
        return Err(SyntaxError::new(
            at,
            format!(
                "Missing closing '{}' for '{open}' at position {at}",
                closing(open)
            ),
        ));
    }
    Ok(None)
}

fn opening(close: char) -> char {
    match close {
        '}' => '{',
        ']' => '[',
        _ => '(',
    }
}

fn closing(open: char) -> char {
    match open {
        '{' => '}',
        '[' => ']',
        _ => ')',
    }
}

/// Helper functions whose first parameter is the execution; Orca injects it textually.
pub(crate) const EXECUTION_AWARE: &[&str] = &[
    "currentStage",
    "stageByRefId",
    "stage",
    "stageExists",
    "judgment",
    "judgement",
    "deployedServerGroups",
    "manifestLabelValue",
    "triggerResolvedArtifact",
    "triggerResolvedArtifactByType",
    "resolvedArtifacts",
    "cfServiceKey",
    "pipelineId",
    "pipelineIdOrNull",
    "pipelineIdInApplication",
];

/// Orca's `includeExecutionParameter`, applied to the whole source string (literal text too).
pub(crate) fn preprocess(source: &str) -> String {
    let mut text = source.to_owned();
    for name in EXECUTION_AWARE {
        let marker = format!("#{name}");
        let injected = format!("#{name}( #root.execution, ");
        if text.contains(&marker) && !text.contains(&injected) {
            text = text.replace(&format!("#{name}("), &injected);
        }
    }
    let alias = "deployedServerGroups";
    if text.contains(alias) && !text.contains("#deployedServerGroups( #root.execution, ") {
        text = text.replace(alias, "#deployedServerGroups( #root.execution)");
    }
    text
}

/// The key under which Orca records a failure to parse `source`.
pub(crate) fn escape_unparsed(source: &str) -> String {
    // Java: `\$\{(.*)}` must match the whole string (`.` stops at line breaks).
    if let Some(inner) = source
        .strip_prefix("${")
        .and_then(|rest| rest.strip_suffix('}'))
        && !inner.contains(['\n', '\r'])
    {
        return inner.trim().to_owned();
    }
    source.replace('$', "")
}
