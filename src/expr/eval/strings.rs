//! `java.lang.String` methods (those returning `String`, `String[]`, `int`, `char` or `boolean`,
//! which Orca's filter keeps), with Java's semantics for `split`, `replaceAll` and indices.

use std::rc::Rc;

use super::Machine;
use super::methods::{arg_int, arg_text, not_found, threw};
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::{ArrayType, ListKind, Value};

fn text_arg(
    name: &str,
    target: &Value<'_>,
    args: &[Value<'_>],
    index: usize,
) -> EvalResult<String> {
    arg_text(args, index)?.ok_or_else(|| threw(name, target, "java.lang.NullPointerException"))
}

fn int<'a>(value: usize) -> Value<'a> {
    Value::Int(i32::try_from(value).unwrap_or(i32::MAX))
}

/// Character index of the first occurrence of `needle` at or after `from` (characters).
fn index_of(chars: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= chars.len()).then_some(from);
    }
    (from..=chars.len().saturating_sub(needle.len())).find(|&i| chars[i..].starts_with(needle))
}

/// Calls `text.name(args)`.
#[allow(
    clippy::too_many_lines,
    reason = "one flat table of String methods reads better split by nothing"
)]
pub(crate) fn call<'a>(
    machine: &Machine<'a, '_>,
    target: &Value<'a>,
    text: &str,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let chars = || text.chars().collect::<Vec<char>>();
    let arg = |index: usize| text_arg(name, target, args, index);
    Ok(match (name, args.len()) {
        ("length", 0) => int(text.encode_utf16().count()),
        ("isEmpty", 0) => Value::Bool(text.is_empty()),
        ("isBlank", 0) => Value::Bool(text.trim().is_empty()),
        ("toUpperCase", 0) => Value::string(text.to_uppercase()),
        ("toLowerCase", 0) => Value::string(text.to_lowercase()),
        ("trim", 0) => Value::string(text.trim_matches(|c: char| c <= ' ')),
        ("strip", 0) => Value::string(text.trim()),
        ("intern", 0) => target.clone(),
        ("toCharArray", 0) => Value::List(
            Rc::new(text.chars().map(Value::Char).collect()),
            ListKind::Array(ArrayType::Char),
        ),
        ("charAt", 1) => {
            let index = arg_int(args, 0)?;
            let all = chars();
            let found = usize::try_from(index)
                .ok()
                .and_then(|i| all.get(i).copied());
            Value::Char(found.ok_or_else(|| {
                threw(name, target, format!("index {index}, length {}", all.len()))
            })?)
        }
        ("substring", 1 | 2) => {
            let all = chars();
            let begin = arg_int(args, 0)?;
            let end = if args.len() == 2 {
                arg_int(args, 1)?
            } else {
                i32::try_from(all.len()).unwrap_or(i32::MAX)
            };
            match (usize::try_from(begin), usize::try_from(end)) {
                (Ok(b), Ok(e)) if b <= e && e <= all.len() => {
                    Value::string(all[b..e].iter().collect::<String>())
                }
                _ => {
                    return Err(threw(
                        name,
                        target,
                        format!("begin {begin}, end {end}, length {}", all.len()),
                    ));
                }
            }
        }
        ("indexOf" | "lastIndexOf", 1 | 2) => {
            let all = chars();
            let needle: Vec<char> = arg(0)?.chars().collect();
            let found = if name == "indexOf" {
                let from = if args.len() == 2 {
                    usize::try_from(arg_int(args, 1)?.max(0)).unwrap_or(0)
                } else {
                    0
                };
                index_of(&all, &needle, from)
            } else {
                (0..=all.len().saturating_sub(needle.len()))
                    .rev()
                    .find(|&i| all[i..].starts_with(&needle))
            };
            found.map_or(Value::Int(-1), int)
        }
        // CharSequence parameters take strings only; Spring converts nothing to them.
        ("contains" | "contentEquals", 1) if !matches!(args[0], Value::Str(_)) => {
            return Err(not_found(name, target, args));
        }
        ("contains", 1) => Value::Bool(text.contains(arg(0)?.as_str())),
        ("contentEquals", 1) => Value::Bool(text == arg(0)?),
        ("getBytes", 0) => super::access::bytes_of(text),
        ("codePointAt", 1) => {
            let index = arg_int(args, 0)?;
            let all = chars();
            let found = usize::try_from(index)
                .ok()
                .and_then(|i| all.get(i).copied());
            let c = found.ok_or_else(|| {
                threw(
                    name,
                    target,
                    format!("Index {index} out of bounds for length {}", all.len()),
                )
            })?;
            Value::Int(i32::try_from(u32::from(c)).unwrap_or(0))
        }
        ("formatted", _) => Value::string(
            crate::expr::functions::format::java_format(text, args)
                .map_err(|m| threw(name, target, m))?,
        ),
        ("regionMatches", 4 | 5) => {
            let (ignore_case, rest) = match &args[0] {
                Value::Bool(flag) => (*flag, &args[1..]),
                _ => (false, args),
            };
            if rest.len() != 4 {
                return Err(not_found(name, target, args));
            }
            let offset = arg_int(rest, 0)?;
            let other: Vec<char> = arg_text(rest, 1)?.unwrap_or_default().chars().collect();
            let other_offset = arg_int(rest, 2)?;
            let len = arg_int(rest, 3)?;
            let all = chars();
            let region = |chars: &[char], start: i32| -> Option<String> {
                let start = usize::try_from(start).ok()?;
                let end = start.checked_add(usize::try_from(len).ok()?)?;
                chars.get(start..end).map(|slice| slice.iter().collect())
            };
            Value::Bool(match (region(&all, offset), region(&other, other_offset)) {
                (Some(a), Some(b)) if ignore_case => a.to_lowercase() == b.to_lowercase(),
                (Some(a), Some(b)) => a == b,
                _ => false,
            })
        }
        ("startsWith", 1) => Value::Bool(text.starts_with(arg(0)?.as_str())),
        ("endsWith", 1) => Value::Bool(text.ends_with(arg(0)?.as_str())),
        ("equalsIgnoreCase", 1) => Value::Bool(
            arg_text(args, 0)?.is_some_and(|other| other.to_lowercase() == text.to_lowercase()),
        ),
        ("compareTo", 1) => {
            let other = arg(0)?;
            int_cmp(text, &other)
        }
        ("concat", 1) => Value::string(format!("{text}{}", arg(0)?)),
        ("repeat", 1) => {
            let count = usize::try_from(arg_int(args, 0)?)
                .map_err(|_| threw(name, target, "count is negative"))?;
            if text.chars().count().saturating_mul(count) > 10_000 {
                return Err(EvalError::limit(
                    "repeated text would exceed 10000 characters",
                ));
            }
            Value::string(text.repeat(count))
        }
        ("replace", 2) => Value::string(text.replace(arg(0)?.as_str(), &arg(1)?)),
        ("replaceAll" | "replaceFirst", 2) => {
            let regex = machine.env.regexes.search(&arg(0)?)?;
            let replacement = java_replacement(&arg(1)?);
            let limit = usize::from(name != "replaceAll");
            Value::string(
                regex
                    .replacen(text, limit, replacement.as_str())
                    .into_owned(),
            )
        }
        ("matches", 1) => {
            let regex = machine.env.regexes.full_match(&arg(0)?)?;
            Value::Bool(
                regex
                    .is_match(text)
                    .map_err(|e| EvalError::limit(e.to_string()))?,
            )
        }
        ("split", 1 | 2) => {
            let regex = machine.env.regexes.search(&arg(0)?)?;
            let limit = if args.len() == 2 {
                arg_int(args, 1)?
            } else {
                0
            };
            let parts = java_split(&regex, text, limit)?;
            Value::List(
                Rc::new(parts.into_iter().map(Value::string).collect()),
                ListKind::Array(ArrayType::Str),
            )
        }
        _ => return Err(not_found(name, target, args)),
    })
}

fn int_cmp<'a>(left: &str, right: &str) -> Value<'a> {
    // Java returns the difference of the first differing UTF-16 units, or of the lengths.
    let a: Vec<u16> = left.encode_utf16().collect();
    let b: Vec<u16> = right.encode_utf16().collect();
    for (x, y) in a.iter().zip(&b) {
        if x != y {
            return Value::Int(i32::from(*x) - i32::from(*y));
        }
    }
    Value::Int(
        i32::try_from(a.len()).unwrap_or(i32::MAX) - i32::try_from(b.len()).unwrap_or(i32::MAX),
    )
}

/// Java's `String.split(regex, limit)`: a zero-width match at the start adds no empty first
/// part; with `limit == 0` trailing empty parts are dropped.
fn java_split(regex: &fancy_regex::Regex, text: &str, limit: i32) -> EvalResult<Vec<String>> {
    let mut parts = Vec::new();
    let mut index = 0;
    let max = usize::try_from(limit).unwrap_or(0);
    for found in regex.find_iter(text) {
        let found = found.map_err(|e| EvalError::limit(e.to_string()))?;
        if max > 0 && parts.len() + 1 >= max {
            break;
        }
        if found.end() == 0 {
            continue;
        }
        parts.push(text[index..found.start()].to_owned());
        index = found.end();
    }
    if parts.is_empty() {
        return Ok(vec![text.to_owned()]);
    }
    parts.push(text[index..].to_owned());
    if limit == 0 {
        while parts.last().is_some_and(String::is_empty) {
            parts.pop();
        }
    }
    Ok(parts)
}

/// Translates a Java replacement (`$1`, `\$`) into the regex crate's syntax (`${1}`, `$$`).
fn java_replacement(replacement: &str) -> String {
    let mut out = String::new();
    let mut chars = replacement.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    if next == '$' {
                        out.push_str("$$");
                    } else {
                        out.push(next);
                    }
                }
            }
            '$' => {
                let mut group = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    group.push(*d);
                    chars.next();
                }
                if group.is_empty() {
                    if chars.peek() == Some(&'{') {
                        out.push('$');
                    } else {
                        out.push_str("$$");
                    }
                } else {
                    out.push_str("${");
                    out.push_str(&group);
                    out.push('}');
                }
            }
            other => out.push(other),
        }
    }
    out
}
