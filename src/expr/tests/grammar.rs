//! Keeps `docs/GRAMMAR.md` in step with the parser: operators are lexer tokens, helpers are
//! registered functions (both ways), and every example parses.

use crate::expr::functions::NAMES;
use crate::expr::lexer::{Tok, tokenize};
use crate::expr::parser::parse;

fn grammar() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/GRAMMAR.md");
    std::fs::read_to_string(path).expect("docs/GRAMMAR.md exists")
}

fn section<'g>(text: &'g str, title: &str) -> &'g str {
    let start = text
        .find(title)
        .unwrap_or_else(|| panic!("GRAMMAR.md has a `{title}` section"));
    let rest = &text[start + title.len()..];
    rest.find("\n## ").map_or(rest, |end| &rest[..end])
}

#[test]
fn every_listed_operator_is_a_token() {
    let text = grammar();
    let tokens = section(&text, "## Tokens");
    let row = tokens
        .lines()
        .find(|line| line.starts_with("| operators |"))
        .expect("an operators row");
    let list = row
        .split('`')
        .nth(1)
        .expect("operators in backticks")
        .replace("\\|", "|");
    for operator in list.split_whitespace() {
        let lexed = tokenize(operator).unwrap_or_default();
        assert_eq!(lexed.len(), 1, "`{operator}` should be one token");
        assert!(
            matches!(lexed[0].tok, Tok::Op(_)),
            "`{operator}` should be an operator"
        );
    }
    let row = tokens
        .lines()
        .find(|line| line.starts_with("| textual operators |"))
        .expect("a textual operators row");
    let words = row.split('`').nth(1).expect("words in backticks");
    for word in words.split_whitespace() {
        let parsed = parse(&format!("1 {word} 2")).or_else(|_| parse(&format!("{word} true")));
        assert!(parsed.is_ok(), "`{word}` should be an operator: {parsed:?}");
    }
}

#[test]
fn the_listed_functions_are_exactly_the_registered_ones() {
    let text = grammar();
    let functions = section(&text, "## Variables and functions");
    let listed: Vec<&str> = functions
        .split('`')
        .filter_map(|part| part.strip_prefix('#'))
        .filter(|name| !matches!(*name, "this" | "root" | "name"))
        .collect();
    for name in NAMES {
        assert!(listed.contains(name), "GRAMMAR.md should list #{name}");
    }
    for name in &listed {
        assert!(
            NAMES.contains(name),
            "GRAMMAR.md lists #{name}, which is not registered"
        );
    }
}

#[test]
fn every_example_parses() {
    let text = grammar();
    let examples = section(&text, "## Examples");
    let block = examples
        .split("```spel")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a spel block");
    let lines: Vec<&str> = block
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    assert!(lines.len() >= 10);
    for line in lines {
        assert!(
            parse(line).is_ok(),
            "example `{line}` should parse: {:?}",
            parse(line)
        );
    }
}
